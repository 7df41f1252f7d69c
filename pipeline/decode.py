"""Raw bytes to text: BOMs, declared charsets, UTF-8, then a measured guess."""
from __future__ import annotations

import codecs

from bs4.dammit import EncodingDetector

# Pages declared as latin-1 or ASCII are in practice cp1252 (the WHATWG encoding rule):
# 0x92 is an apostrophe there, not a control character.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"}

# Control bytes other than tab, line feed, form feed and carriage return.
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can trust."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 4 KiB mean this is not text."""
    head = data[:4096]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))   # counted in C
    return controls / len(head) > 0.05


def _declared(data: bytes, is_html: bool) -> str | None:
    """The charset a page declares (<meta charset>, http-equiv, XML prolog), if Python knows it."""
    declared = EncodingDetector.find_declared_encoding(data[:4096], is_html=is_html)
    if not declared:
        return None
    declared = declared.lower()
    if declared in _AS_CP1252:
        return "cp1252"
    try:
        codecs.lookup(declared)
    except LookupError:
        return None
    return declared


def decode_bytes(data: bytes, is_html: bool) -> tuple[str, str]:
    """Return (text, encoding). trafilatura can ignore <meta charset>, so we decode first."""
    body, bom_encoding = EncodingDetector.strip_byte_order_mark(data)
    if bom_encoding:
        return body.decode(bom_encoding), bom_encoding
    if looks_binary(data):
        raise DecodeError("binary content, not text")
    declared = _declared(data, is_html)
    # A declaration can lie; UTF-8 that decodes cleanly is almost never an accident.
    for encoding in filter(None, (declared, "utf-8")):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("not valid text in any known encoding")
    return str(best), best.encoding
