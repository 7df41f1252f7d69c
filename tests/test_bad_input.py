"""Whatever a user saves into raw/: a clear error or a flagged result, never a crashed batch."""
import codecs
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from pipeline.runner import run
from pipeline.settings import Settings
from tests.conftest import ROOT, SEEDS

ENGLISH = ("Vitamin B12 builds myelin, a fatty substance that insulates your nerve fibers. "
           "When levels are low, nerves are damaged and people feel tingling and numbness.")


def build(tmp_path, name: str, data: bytes, **settings):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / name).write_bytes(data)
    code = run(Settings(raw_dir=raw, out_dir=tmp_path / "cleaned", build_dir=tmp_path / "build",
                        **settings))
    out = tmp_path / "cleaned" / (name.rsplit(".", 1)[0] + ".json")
    return code, (json.loads(out.read_text(encoding="utf-8")) if out.exists() else None)


def all_text(article) -> str:
    return " ".join(t for s in article["sections"] for b in s["blocks"]
                    for t in ([b["text"]] if b["type"] == "paragraph" else b.get("items", [])))


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "empty file"),
    ("blank.html", b"  \n\t\n", "empty file"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary content"),
])
def test_unreadable_files_fail_with_a_clear_message(tmp_path, capsys, name, data, message):
    code, article = build(tmp_path, name, data)
    assert code == 1 and article is None
    assert f"error: {tmp_path / 'raw' / name}: {message}" in capsys.readouterr().err or \
        f"{name}: {message}" in capsys.readouterr().err


@pytest.mark.parametrize("name,data", [
    ("latin1.txt", ("Café Notes\n\n" + ENGLISH + " Doses of 500 µg are common.\n").encode("latin-1")),
    ("cp1252.txt", ("Notes\n\n" + ENGLISH + " It’s common – doses of 500 µg.\n").encode("cp1252")),
    ("utf16.txt", codecs.BOM_UTF16_LE + ("Notes\n\n" + ENGLISH + " It’s 500 µg.\n").encode("utf-16-le")),
    ("mojibake.txt", ("Notes\n\n" + ENGLISH + " Itâ€™s 500 Âµg, cafÃ©.\n").encode("utf-8")),
])
def test_encodings_and_mojibake_come_out_as_clean_text(tmp_path, name, data):
    code, article = build(tmp_path, name, data)
    assert code == 0
    text = all_text(article)
    assert "µg" in text and "Ã" not in text and "â€" not in text and "\ufffd" not in text
    if name == "mojibake.txt":
        assert any(e["kind"] == "unicode" for e in article["edits"])


def test_truncated_html_with_unclosed_tags_is_repaired(tmp_path):
    page = (b"<html><body><article><h1>B12</h1><p>" + ENGLISH.encode() +
            b"<p>Deficiency causes tingling in the hands and feet of many people<ul><li>Fatigue<li>Numbness")
    code, article = build(tmp_path, "truncated.html", page)
    assert code == 0
    assert "insulates your nerve fibers" in all_text(article) and "Numbness" in all_text(article)


def test_a_page_over_the_size_limit_is_refused_by_name(tmp_path, capsys):
    code, article = build(tmp_path, "huge.html", b"<p>" + b"x" * 3_000_000 + b"</p>",
                          max_bytes=1_000_000)
    assert code == 1 and article is None
    assert "huge.html: too large: 3.0 MB, the limit is 1 MB" in capsys.readouterr().err


def test_a_50_mb_page_fails_fast_with_the_default_limit(tmp_path, capsys):
    started = time.monotonic()
    code, _ = build(tmp_path, "50mb.html", b"<p>" + b"B12 " * 12_500_000 + b"</p>")
    assert code == 1 and time.monotonic() - started < 10
    assert "too large: 50.0 MB" in capsys.readouterr().err


def test_html_nested_5000_levels_deep_gives_a_flagged_result(tmp_path):
    page = ("<html><body>" + "<div>" * 5000 + f"<p>{ENGLISH}</p>" + "</div>" * 5000
            + "</body></html>").encode()
    code, article = build(tmp_path, "deep.html", page)
    assert code == 0
    assert "insulates" in all_text(article) or article["warnings"]


def test_a_page_of_only_boilerplate_is_flagged(tmp_path):
    page = (ROOT / "eval" / "pages" / "trap_only_boilerplate.html").read_bytes()
    code, article = build(tmp_path, "nothing.html", page)
    assert code == 0 and article["claims"] == []
    assert all_text(article) == "" and article["warnings"]


def test_a_non_english_article_is_flagged_not_tagged(tmp_path):
    french = ("La carence en vitamine B12\n\nLa vitamine B12 est essentielle au bon fonctionnement "
              "du système nerveux. Une carence peut provoquer des fourmillements, une fatigue "
              "importante et des douleurs dans les jambes. Le médecin prescrit souvent des "
              "injections intramusculaires de 1000 µg par mois.\n")
    code, article = build(tmp_path, "francais.txt", french.encode())
    assert code == 0
    assert article["metadata"]["language"] == "fr"
    assert article["claims"] == [] and any("not English" in w for w in article["warnings"])
    assert not any(e["stage"] == "spelling" for e in article["edits"])


@pytest.mark.parametrize("name", ["with spaces in it.txt", "vitamine-B12-carence-é.txt",
                                  "维生素.txt"])
def test_file_names_with_spaces_or_non_ascii(tmp_path, name):
    code, article = build(tmp_path, name, SEEDS[1].read_bytes())
    assert code == 0 and article["id"] == name[:-4]
    assert article["source"]["path"].endswith(name)


def test_an_invalid_sidecar_is_named_and_the_rest_still_build(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt.meta.json").write_text("{broken", encoding="utf-8")
    (raw / "b.txt").write_bytes(SEEDS[1].read_bytes())
    code, _ = build(tmp_path, "a.txt", SEEDS[2].read_bytes())
    assert code == 1
    assert "a.txt: invalid sidecar a.txt.meta.json" in capsys.readouterr().err
    assert (tmp_path / "cleaned" / "b.json").exists()


def test_a_document_over_the_time_limit_is_reported_and_the_batch_goes_on(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "b.txt").write_bytes(SEEDS[1].read_bytes())
    code, _ = build(tmp_path, "a.txt", SEEDS[2].read_bytes(), timeout=0.0001)
    assert code == 1
    assert "took longer than" in capsys.readouterr().err


def test_an_interrupted_run_leaves_old_or_new_files_and_a_rerun_completes(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(40):
        (raw / f"a{i:02d}.txt").write_bytes(SEEDS[i % len(SEEDS)].read_bytes())
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", "--jobs", "2"], cwd=tmp_path,
                            env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    for line in proc.stderr:   # kill it once a few outputs are written
        if "[3/" in line:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    cleaned = tmp_path / "cleaned"
    written = sorted(cleaned.glob("*.json"))
    assert 0 < len(written) < 40
    for path in written:
        json.loads(path.read_text(encoding="utf-8"))   # complete, parseable
    assert not [p for p in cleaned.iterdir() if p.suffix != ".json"] or \
        all(p.name.startswith(".") for p in cleaned.iterdir() if p.suffix != ".json")
    rerun = subprocess.run([sys.executable, "-m", "pipeline", "run"], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert len(list(cleaned.glob("*.json"))) == 40
