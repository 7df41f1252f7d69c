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


def test_a_run_reports_its_own_peak_not_the_bench_process_memory(tmp_path, monkeypatch):
    """Linux keeps ru_maxrss across exec: a run started from a bench holding a corpus in
    memory must still report only what the pipeline itself used."""
    monkeypatch.setattr(benchmark, "BENCH_DIR", tmp_path / "bench")
    texts, _ = benchmark.build_corpus(2, 0)
    held = bytearray(900 * 1024 * 1024)
    held[::4096] = b"\x01" * len(held[::4096])      # touched, so resident
    assert benchmark._peak_mb() > 900
    seconds, peak = benchmark.time_jobs(texts, 1)
    assert seconds > 0 and 0 < peak < 900
    del held


def test_pages_at_real_weight_carry_the_same_article_in_about_140_kb(tmp_path, monkeypatch):
    """The heavier pages only add furniture: the extracted article is the light page's."""
    from pipeline.extract import read_source
    from pipeline.stages import build_stages

    monkeypatch.setattr(benchmark, "BENCH_DIR", tmp_path / "bench")
    _, htmls = benchmark.build_corpus(0, 3)
    heavy = benchmark.real_weight_corpus(htmls, 3)
    first = [p.read_bytes() for p in heavy]
    assert [p.read_bytes() for p in benchmark.real_weight_corpus(htmls, 3)] == first
    extract = build_stages(Settings(timeout=0))[0]
    for light, page in zip(htmls, heavy):
        assert 130 <= page.stat().st_size / 1024 <= 150
        a, b = extract(read_source(light)), extract(read_source(page))
        assert [s.to_dict() for s in b.sections] == [s.to_dict() for s in a.sections]
        assert b.metadata == a.metadata and b.warnings == a.warnings


def test_fastest_in_turns_alternates_the_sides_and_keeps_each_ones_fastest_run():
    calls = []
    first_times, second_times = iter([3.0, 1.0, 2.0]), iter([5.0, 6.0, 4.0])

    def first():
        calls.append("first")
        return next(first_times)

    def second():
        calls.append("second")
        return next(second_times)

    assert benchmark.fastest_in_turns(first, second, 3) == (1.0, 4.0)
    assert calls == ["first", "second"] * 3


def test_the_test_page_comparison_takes_turns_and_keeps_the_fastest_run_of_each_side(monkeypatch):
    """Our stages and plain trafilatura alternate over the same pages; the stage table
    printed is the one of our fastest run, so its end to end is the ratio's numerator."""
    calls = []
    ours, theirs = iter([4.0, 2.0, 3.0]), iter([1.5, 1.0, 1.2])

    def time_stages(paths, settings):
        calls.append(("ours", tuple(paths)))
        s = next(ours)
        return {"extract": {"s": s / 2}, "end_to_end": {"s": s}}

    def time_trafilatura(paths):
        calls.append(("theirs", tuple(paths)))
        return next(theirs)

    monkeypatch.setattr(benchmark, "time_stages", time_stages)
    monkeypatch.setattr(benchmark, "time_trafilatura", time_trafilatura)
    pages = ["a.html", "b.html"]
    table, fastest_ours, fastest_theirs = benchmark.html_in_turns(pages, Settings(), 3)
    assert [side for side, _ in calls] == ["ours", "theirs"] * 3
    assert all(paths == tuple(pages) for _, paths in calls)
    assert (fastest_ours, fastest_theirs) == (2.0, 1.0)
    assert table == {"extract": {"s": 1.0}, "end_to_end": {"s": 2.0}}
