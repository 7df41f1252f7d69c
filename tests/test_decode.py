"""Bytes to text: BOMs, declared charsets, UTF-8 and binary refusal."""
import codecs

import pytest

from pipeline.decode import DecodeError, decode_bytes


def test_utf8_plain():
    assert decode_bytes("café µg".encode(), False)[0] == "café µg"


def test_utf16_with_bom():
    data = codecs.BOM_UTF16_LE + "Vitamin B12 – 1,000 µg".encode("utf-16-le")
    assert decode_bytes(data, False)[0] == "Vitamin B12 – 1,000 µg"


def test_declared_latin1_is_read_as_cp1252():
    html = '<meta charset="iso-8859-1"><p>It\x92s 5 \xb5g</p>'.encode("latin-1")
    text, encoding = decode_bytes(html, True)
    assert "It’s 5 µg" in text and encoding == "cp1252"


def test_undeclared_cp1252_text_is_guessed():
    data = "Caf\xe9 and na\xefve patients took 500 \xb5g daily.".encode("latin-1")
    text, _ = decode_bytes(data, False)
    assert "µg" in text or "Café" in text


def test_binary_is_refused():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True)


def test_http_equiv_declaration_is_read():
    page = ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
            '<p>Caf\xe9 \x96 500 \xb5g</p>').encode("latin-1")
    text, encoding = decode_bytes(page, True)
    assert encoding == "cp1252" and "Café – 500 µg" in text


def test_a_page_declared_utf8_but_saved_as_cp1252_is_still_read():
    page = '<meta charset="utf-8"><p>It\x92s a caf\xe9 with 500 \xb5g doses for nerve pain.</p>'
    text, _ = decode_bytes(page.encode("latin-1"), True)
    assert "µg" in text and "\ufffd" not in text
