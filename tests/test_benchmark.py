"""The benchmark's corpus and its breakdown of the claims stage (timings are printed by
`make bench`, never asserted)."""
from pipeline import benchmark
from pipeline.claims import get_nlp
from pipeline.settings import Settings


def test_corpus_is_deterministic_and_claim_parts_cover_the_pipeline(tmp_path, monkeypatch):
    monkeypatch.setattr(benchmark, "BENCH_DIR", tmp_path / "bench")
    texts, htmls = benchmark.build_corpus(3, 2)
    first = [p.read_bytes() for p in texts + htmls]
    texts, htmls = benchmark.build_corpus(3, 2)
    assert [p.read_bytes() for p in texts + htmls] == first
    assert all(len(benchmark._WORD.findall(p.read_text(encoding="utf-8"))) >= 1000 for p in texts)

    parts = benchmark.time_claim_parts(texts[:2], Settings(timeout=0))
    assert list(parts) == ["units", "unit Docs", *get_nlp().pipe_names]
    assert all(seconds > 0 for seconds in parts.values())
