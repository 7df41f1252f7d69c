"""Shards in, JSONL shards out: the local and Dask engines agree byte for byte, bad records are named."""
from __future__ import annotations

import base64
import json
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.engines import RAY_REFUSED, process_record, run_shards
from pipeline.export import validate
from pipeline.settings import Settings
from tests.conftest import PAGES, ROOT, SEEDS

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
# Records that must fail, by name: what the error must say.
BAD = {"empty.txt": "empty file", "photo.html": "binary content", None: 'no "name"'}


def _text_variant(source: str, rng: random.Random, i: int) -> str:
    """The seed's title numbered, its paragraphs rotated: same kind of article, other text."""
    lines = [ln for ln in source.splitlines() if ln.strip()]
    body = lines[1:]
    k = rng.randrange(len(body))
    return f"{lines[0]} ({i})\n\n" + "\n\n".join(body[k:] + body[:k]) + "\n"


def _html_variant(source: str, rng: random.Random, i: int) -> str:
    """The page with its title numbered and, half the time, a few paragraphs repeated."""
    page = re.sub(r"<title>(.*?)</title>", rf"<title>\1 ({i})</title>", source, count=1, flags=re.S)
    paras = re.findall(r"<p>.*?</p>", page, flags=re.S)
    if paras and rng.random() < 0.5:
        page = page.replace("</p>", "</p>\n" + "\n".join(rng.sample(paras, min(3, len(paras)))), 1)
    return page


def build_shards(folder: Path, n_text: int = 120, n_html: int = 120, seed: int = 11) -> dict:
    """Three JSONL shards of unequal size made from raw/ and eval/pages (and a few bad records).

    Returns {shard stem: [the record, or None for a blank line, in line order]}.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    pages = sorted(PAGES.glob("*.html"))
    text = [{"name": f"t{i:04d}.txt",
             "content": _text_variant(SEEDS[i % len(SEEDS)].read_text(encoding="utf-8"), rng, i)}
            for i in range(n_text)]
    html = []
    for i in range(n_html):
        page = pages[i % len(pages)]
        raw = page.read_bytes()
        name = f"p{i:04d}_{page.stem}.{'htm' if i % 7 == 3 else 'html'}"
        if "latin1" in page.name:      # raw bytes in their own charset, as saved
            html.append({"name": name, "content_base64": base64.b64encode(raw).decode("ascii")})
        else:
            html.append({"name": name, "content": _html_variant(raw.decode("utf-8"), rng, i),
                         "url": f"https://example.org/{page.stem}/{i}",
                         "retrieved": "2026-11-21", "license": "CC-BY-4.0"})
    html[3:3] = [{"name": "empty.txt", "content": ""}]
    html[7:7] = [{"name": "photo.html", "content_base64": base64.b64encode(PNG).decode("ascii")}]
    text[5]["name"] = "Vitamin B12 – ä note.txt"     # spaces and non-ASCII in a name
    shards = {"a-text": text[: n_text * 3 // 4], "b-html": html,
              "c-mixed": text[n_text * 3 // 4:] + [{"content": "no name here"}]}
    shards["c-mixed"][2:2] = [shards["c-mixed"].pop()]
    shards["a-text"].insert(10, None)          # a blank line: skipped, still counted
    for stem, records in shards.items():
        lines = [json.dumps(r, ensure_ascii=False) if r else "" for r in records]
        (folder / f"{stem}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return shards


def _bad(records: list) -> list[tuple[int, str | None]]:
    """(line number, name) of the records that must fail."""
    return [(i, r.get("name")) for i, r in enumerate(records, 1) if r and r.get("name") in BAD]


def _good(records: list) -> list[str]:
    return [r["name"] for r in records if r and r.get("name") not in BAD]


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shards")
    return folder, build_shards(folder)


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    log = _Log()
    code = run_shards(Settings(out_dir=out, jobs=2), [corpus[0]], "local", log=log)
    return code, out, log.text


@pytest.fixture(scope="module")
def dask_run(corpus, tmp_path_factory):
    pytest.importorskip("distributed", reason="needs the scale extra, which make test installs")
    out = tmp_path_factory.mktemp("dask")
    log = _Log()
    code = run_shards(Settings(out_dir=out, jobs=2), [corpus[0]], "dask", log=log)
    return code, out, log.text


class _Log:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s

    def flush(self):
        pass


def test_dask_on_a_two_worker_cluster_writes_what_the_local_engine_writes(local_run, dask_run):
    assert local_run[0] == dask_run[0] == 1            # the bad records fail the batch
    assert "2 workers" in dask_run[2]
    local, dask = _outputs(local_run[1]), _outputs(dask_run[1])
    assert sorted(local) == ["a-text.jsonl", "b-html.errors.jsonl", "b-html.jsonl",
                             "c-mixed.errors.jsonl", "c-mixed.jsonl"]
    assert local == dask


def test_one_process_writes_what_two_write(corpus, local_run, tmp_path):
    folder, _ = corpus
    code = run_shards(Settings(out_dir=tmp_path, jobs=1), [folder / "c-mixed.jsonl"], log=_Log())
    assert code == 1
    assert _outputs(tmp_path) == {name: data for name, data in _outputs(local_run[1]).items()
                                  if name.startswith("c-mixed.")}


def test_one_valid_compact_line_per_record_in_input_order(corpus, local_run):
    folder, shards = corpus
    out = local_run[1]
    total = 0
    for stem, records in shards.items():
        lines = (out / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(ln)["source"]["path"] for ln in lines] == _good(records)
        for line in lines:
            article = json.loads(line)
            validate(article)
            assert line == json.dumps(article, ensure_ascii=False, separators=(",", ":"))
        total += len(lines)
    assert total >= 240


def test_a_line_is_the_per_document_functions_json(corpus, local_run):
    """Same keys, key order and values as cleaned/*.json, only compact."""
    folder, _ = corpus
    first = json.loads((folder / "b-html.jsonl").read_text(encoding="utf-8").splitlines()[0])
    expected = process_record(first, Settings())
    line = (local_run[1] / "b-html.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert json.loads(line) == json.loads(expected.text)
    assert list(json.loads(line)) == list(json.loads(expected.text))
    assert json.dumps(json.loads(line), ensure_ascii=False, indent=2) + "\n" == expected.text


def test_bad_records_are_named_and_the_rest_is_built(corpus, local_run):
    folder, shards = corpus
    code, out, err = local_run
    expected = [(stem, n, name) for stem, records in shards.items() for n, name in _bad(records)]
    assert len(expected) == len(BAD)
    for stem, number, name in expected:
        shown = f"{(folder / stem).as_posix()}.jsonl record {number} ({name or 'no name'}): "
        line = next(ln for ln in err.splitlines() if shown in ln)
        assert line.startswith("error: ") and BAD[name] in line, line
        errors = [json.loads(ln) for ln in
                  (out / f"{stem}.errors.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {"shard": f"{stem}.jsonl", "record": number, "name": name} \
            .items() <= next(e for e in errors if e["record"] == number).items()
    assert err.count("error: ") == len(BAD)
    assert code == 1


def test_a_document_over_the_time_limit_fails_in_a_worker_thread(monkeypatch):
    """Dask runs tasks in threads, where SIGALRM cannot reach: the time limit still holds."""
    import pipeline.engines as engines

    def runaway(*args):
        end = time.monotonic() + 10
        while time.monotonic() < end:
            pass

    monkeypatch.setattr(engines, "process_bytes", runaway)
    results = []
    record = {"name": "slow.html", "content": "<p>x</p>"}
    worker = threading.Thread(
        target=lambda: results.append(process_record(record, Settings(timeout=0.2))))
    begin = time.monotonic()
    worker.start()
    worker.join()
    assert time.monotonic() - begin < 5
    assert results[0].status == "failed" and results[0].error == "took longer than 0.2 s"


def test_parquet_shards_give_the_lines_of_the_same_jsonl_records(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    seed = SEEDS[0].read_bytes()
    latin1 = (PAGES / "trap_charset_latin1.html").read_bytes()
    records = [{"name": "a.txt", "content": seed.decode("utf-8")},
               {"name": "b.html", "content_base64": base64.b64encode(latin1).decode("ascii")}]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "s.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    pq.write_table(pa.table({"name": ["a.txt", "b.html"], "content": [seed, latin1]}),
                   tmp_path / "s.parquet")       # a binary column: the raw bytes as saved
    assert run_shards(Settings(out_dir=tmp_path / "j"), [tmp_path / "in"], log=_Log()) == 0
    assert run_shards(Settings(out_dir=tmp_path / "p"), [tmp_path / "s.parquet"], log=_Log()) == 0
    assert (tmp_path / "j" / "s.jsonl").read_bytes() == (tmp_path / "p" / "s.jsonl").read_bytes()


def test_parquet_without_pyarrow_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)      # as if it were not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    (tmp_path / "s.parquet").write_bytes(b"PAR1")
    log = _Log()
    assert run_shards(Settings(out_dir=tmp_path / "out"), [tmp_path / "s.parquet"], log=log) == 2
    assert "Parquet shards need pyarrow" in log.text


def cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_engine_ray_is_refused_with_the_reason_and_the_alternative(tmp_path):
    (tmp_path / "s.jsonl").write_text('{"name": "a.txt", "content": "A\\n\\nB b b.\\n"}\n')
    result = cli("run", "--engine", "ray", "--input", "s.jsonl", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {RAY_REFUSED}"
    assert "not supported" in result.stderr and "--engine dask" in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_run_input_writes_a_shard_named_after_the_input(tmp_path):
    seed = SEEDS[1].read_text(encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "batch-07.jsonl").write_text(
        json.dumps({"name": SEEDS[1].name, "content": seed}) + "\n", encoding="utf-8")
    result = cli("run", "--input", "in", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["batch-07.jsonl"]
    article = json.loads((tmp_path / "out" / "batch-07.jsonl").read_text(encoding="utf-8"))
    assert article["id"] == SEEDS[1].stem


def test_shard_problems_stop_before_any_work(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.jsonl").write_text("")
    (tmp_path / "y").mkdir()
    (tmp_path / "y" / "a.jsonl").write_text("")
    log = _Log()
    assert run_shards(Settings(out_dir=tmp_path / "out"), [tmp_path / "x", tmp_path / "y"],
                      log=log) == 2
    assert "would both write a.jsonl" in log.text
    assert run_shards(Settings(out_dir=tmp_path / "out"), [tmp_path / "nope"], log=log) == 2
    assert not (tmp_path / "out").exists()


if __name__ == "__main__":
    # Shards for measuring the engines by hand: python -m tests.test_engines DIR [N_TEXT N_HTML]
    target = Path(sys.argv[1])
    sizes = [int(a) for a in sys.argv[2:4]] or [120, 120]
    made = build_shards(target, *sizes)
    print(f"{sum(len(v) for v in made.values())} records in {len(made)} shards in {target}")
