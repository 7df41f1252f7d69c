"""`make bench`: speed and memory per stage and end to end, against plain trafilatura, in one run.

Builds a corpus of variations of raw/ and of the project's HTML test pages (deterministic,
under build/bench/, never committed) and prints documents/s, words/s and peak memory.
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "build" / "bench"
FLOORS = {"html_vs_trafilatura_max": 2.0, "text_1000w_docs_per_s_per_core": 100,
          "peak_mb_per_worker_max": 500, "jobs2_speedup": 1.7, "noop_make_s_max": 1.0}
_WORD = re.compile(r"\w+")


def _variant_text(source: str, rng: random.Random, target_words: int = 1000) -> str:
    """A text article of about target_words: the source's lines, reordered within sections."""
    lines = [ln for ln in source.splitlines() if ln.strip()]
    title, body = lines[0], lines[1:]
    out = [f"{title} ({rng.randint(1, 10**6)})"]
    while len(_WORD.findall("\n".join(out))) < target_words:
        chunk = body[:]
        start = rng.randrange(len(chunk))
        out.extend(chunk[start:] + chunk[:start])
    return "\n".join(out) + "\n"


def _variant_html(source: str, rng: random.Random) -> str:
    """An HTML page whose paragraphs repeat in a seeded order (same layout, other text)."""
    paras = re.findall(r"<p>.*?</p>", source, flags=re.S)
    if not paras:
        return source
    extra = "\n".join(rng.sample(paras, k=min(len(paras), 4)))
    return source.replace("</p>", "</p>\n" + extra, 1) if rng.random() < 0.5 else source


# Words for the generated furniture of a page at real weight (menus, footers, related links).
_NAV_WORDS = ("Conditions Treatments Symptoms Tests Medicines Nutrition Wellbeing Living Care "
              "Guides Services Locations Doctors Appointments Research News Events Careers "
              "About Contact Support Shop Offers Pharmacy Insurance Children Ageing Sleep "
              "Fitness Recipes Community Stories Videos Podcasts Newsletter Accessibility").split()
REAL_PAGE_KB = 140


def _real_weight_html(source: str, rng: random.Random, target_kb: int = REAL_PAGE_KB) -> str:
    """The page with the weight a real one carries around the same article (issue 6's
    reference page is 140 KB, where trafilatura takes about 14 ms): a stylesheet, scripts and
    a framework's page-data JSON, an icon sprite, a menu, a cookie banner, related links and a
    footer of link lists, all generated. Most of a real page's weight is scripts and styles;
    its links number in the low hundreds."""
    def words(k: int) -> str:
        return " ".join(rng.choice(_NAV_WORDS) for _ in range(k))

    def links(n: int, cls: str) -> str:
        return "".join(f'<li class="{cls}__item"><a class="{cls}__link" '
                       f'href="/{words(1).lower()}/{rng.randrange(10**6)}/">{words(2)}</a></li>'
                       for _ in range(n))

    head, body = [], []
    head.append("<style>" + "".join(
        f".c{i}{{margin:{rng.randrange(40)}px {rng.randrange(40)}px;color:#{rng.randrange(16**6):06x};"
        f"display:{rng.choice(('flex', 'block', 'grid'))}}}" for i in range(450)) + "</style>")
    head.append('<script>window.dataLayer=window.dataLayer||[];window.__CONFIG__=' + "{" + ",".join(
        f'"k{i}":"{rng.randrange(16**12):012x}"' for i in range(900)) + "};</script>")
    head.append("<script>" + ";".join(
        f"function f{i}(a,b){{return a*{rng.randrange(99)}+b.map(x=>x+{i}).join('')}}"
        for i in range(400)) + "</script>")
    body.append('<svg style="display:none">' + "".join(
        f'<symbol id="i{i}"><path d="' + " ".join(f"M{rng.randrange(24)} {rng.randrange(24)}L"
                                                  f"{rng.randrange(24)} {rng.randrange(24)}"
                                                  for _ in range(12)) + '"/></symbol>'
        for i in range(30)) + "</svg>")
    body.append('<header class="site-header"><nav class="mega-menu" aria-label="Main">' + "".join(
        f'<div class="mega-menu__col"><h3>{words(1)}</h3><ul>{links(20, "menu")}</ul></div>'
        for _ in range(6)) + "</nav></header>")
    body.append('<div class="cookie-banner" role="dialog"><p>We use cookies to improve your '
                'experience and to measure how the site is used.</p><button>Accept all</button>'
                '<button>Manage choices</button></div>')
    tail = ['<aside class="related"><h2>Related</h2><ul>' + links(10, "related") + "</ul></aside>",
            '<footer class="site-footer">' + "".join(
                f'<div class="site-footer__col"><h4>{words(1)}</h4><ul>{links(15, "footer")}'
                "</ul></div>" for _ in range(4))
            + "<p>© Example Health Ltd. Registered in England. All rights reserved.</p></footer>"]
    page = source.replace("</head>", "".join(head) + "</head>", 1)
    page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "".join(body), page, count=1)
    page = page.replace("</body>", "".join(tail) + "</body>", 1)
    # Top up with the page data a framework ships for hydration, to near target_kb.
    data = []
    size = len(page.encode("utf-8")) + 60
    while size < target_kb * 1024:
        item = f'{{"id":{rng.randrange(10**9)},"slug":"{words(3).lower().replace(" ", "-")}"}}'
        data.append(item)
        size += len(item) + 1
    return page.replace("</body>", '<script id="page-data" type="application/json">['
                        + ",".join(data) + "]</script></body>", 1)


def real_weight_corpus(htmls: list[Path], n: int, seed: int = 11) -> list[Path]:
    """The first n HTML pages of the corpus at real-page weight (build/bench/corpus/html140)."""
    rng = random.Random(seed)
    folder = BENCH_DIR / "corpus" / f"html{REAL_PAGE_KB}"
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for page in htmls[:n]:
        path = folder / page.name
        path.write_text(_real_weight_html(page.read_text(encoding="utf-8"), rng), encoding="utf-8")
        out.append(path)
    return out


def build_corpus(n_text: int, n_html: int, seed: int = 7) -> tuple[list[Path], list[Path]]:
    rng = random.Random(seed)
    corpus = BENCH_DIR / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    (corpus / "text").mkdir(parents=True)
    (corpus / "html").mkdir(parents=True)
    seeds = sorted((ROOT / "raw").glob("*.txt"))
    pages = sorted(p for p in (ROOT / "eval" / "pages").glob("*.html")
                   if "only_boilerplate" not in p.name)
    texts, htmls = [], []
    for i in range(n_text):
        src = seeds[i % len(seeds)].read_text(encoding="utf-8")
        path = corpus / "text" / f"t{i:05d}.txt"
        path.write_text(_variant_text(src, rng), encoding="utf-8")
        texts.append(path)
    for i in range(n_html):
        page = pages[i % len(pages)]
        src = page.read_bytes().decode("cp1252" if "latin1" in page.name else "utf-8")
        path = corpus / "html" / f"h{i:05d}.html"
        path.write_text(_variant_html(src, rng), encoding="utf-8")
        htmls.append(path)
    return texts, htmls


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _own_peak_mb() -> float:
    """This process's peak resident memory since it started its program. Linux keeps
    ru_maxrss across exec, so a run started from a bench process holding a corpus would
    report the bench's memory as its own; VmHWM belongs to the program alone."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _peak_mb()


def run_reporting_peak(argv: list[str]) -> int:
    """`python -m pipeline` with argv, then "PEAK <MB>" on stderr: the larger of this
    process's peak and its workers' (forked, so their peak counts the pages they share)."""
    from pipeline.cli import main as cli_main

    code = cli_main(argv)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("PEAK", max(_own_peak_mb(), children), file=sys.stderr)
    return code


# Documents taken through the stages at a time (see time_stages).
TIME_BATCH = 50


def time_stages(paths: list[Path], settings: Settings) -> dict[str, dict]:
    """Each stage timed alone over the documents the previous stage made.

    A batch of TIME_BATCH documents at a time, each stage in turn over the batch, its times
    summed: the same work timed as over the whole corpus at once, but the bench holds one
    batch of tagged documents instead of all of them (1,200 text articles' claims were about
    140 MB of its peak memory, more than a run's worker holds).
    """
    from pipeline.export import export
    from pipeline.extract import read_source
    from pipeline.runner import settle_heap
    from pipeline.stages import build_stages

    stages = build_stages(settings)
    warm = read_source(paths[0])
    for stage in stages:          # load models and word lists outside the timing
        warm = stage(warm)
    settle_heap()                 # as a run does before its batch
    seconds = dict.fromkeys([*(stage.name for stage in stages), "export"], 0.0)
    words = 0
    for first in range(0, len(paths), TIME_BATCH):
        # Read here too: 200 pages at real weight are about 50 MB of text.
        batch = [read_source(p) for p in paths[first:first + TIME_BATCH]]
        words += sum(len(_WORD.findall(d.raw)) for d in batch)
        for stage in stages:
            start = time.perf_counter()
            batch = [stage(d) for d in batch]
            seconds[stage.name] += time.perf_counter() - start
        start = time.perf_counter()
        for d in batch:
            export(d)
        seconds["export"] += time.perf_counter() - start
    out = {name: {"s": elapsed, "docs_per_s": len(paths) / elapsed,
                  "words_per_s": words / elapsed} for name, elapsed in seconds.items()}
    total = sum(seconds.values())
    out["end_to_end"] = {"s": total, "docs_per_s": len(paths) / total, "words_per_s": words / total}
    return out


def time_claim_parts(paths: list[Path], settings: Settings) -> dict[str, float]:
    """Seconds the claims stage spends in each part over these articles: splitting them into
    units, making the units' Docs, then each component of the claim pipeline alone. One
    article at a time, as the stage runs: a corpus's unit Docs held at once take gigabytes."""
    from pipeline.claims import document_units, get_nlp, unit_docs
    from pipeline.extract import read_source
    from pipeline.runner import settle_heap
    from pipeline.stages import build_stages

    stages = build_stages(settings)
    before = stages[:[s.name for s in stages].index("claims")]
    nlp = get_nlp()
    for stage in stages:
        stage.load()
    settle_heap()
    parts = dict.fromkeys(["units", "unit Docs", *nlp.pipe_names], 0.0)
    for path in paths:
        doc = read_source(path)
        for stage in before:
            doc = stage(doc)
        start = time.perf_counter()
        units = [u.tagger_input() for u in document_units(doc, nlp)]
        parts["units"] += time.perf_counter() - start
        start = time.perf_counter()
        docs = unit_docs(units, nlp)
        parts["unit Docs"] += time.perf_counter() - start
        for name, component in nlp.pipeline:
            run = getattr(component, "pipe", None)
            start = time.perf_counter()
            docs = list(run(docs)) if run else [component(d) for d in docs]
            parts[name] += time.perf_counter() - start
    return parts


def time_trafilatura(paths: list[Path]) -> float:
    import trafilatura

    pages = [p.read_bytes() for p in paths]
    trafilatura.extract(pages[0])
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    return time.perf_counter() - start


def time_jobs(paths: list[Path], jobs: int) -> tuple[float, float]:
    """Wall time of `python -m pipeline run --jobs N` on a copy, and its largest worker RSS."""
    work = BENCH_DIR / f"jobs{jobs}"
    if work.exists():
        shutil.rmtree(work)
    (work / "raw").mkdir(parents=True)
    for p in paths:
        shutil.copy(p, work / "raw" / p.name)
    cmd = [sys.executable, "-c",
           "import sys; from pipeline.benchmark import run_reporting_peak; "
           "sys.exit(run_reporting_peak(sys.argv[1:]))",
           "run", "--jobs", str(jobs), "--raw", str(work / "raw"), "--out", str(work / "cleaned"),
           "--build", str(work / "build")]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"bench run failed: {proc.stderr[-2000:]}")
    peak = float(re.search(r"PEAK ([\d.]+)", proc.stderr).group(1))
    return elapsed, peak


def fastest_in_turns(first, second, repeats: int) -> tuple[float, float]:
    """The fastest of `repeats` timings of each of two functions, called in turns (first,
    second, first, ...) so that a slow spell of the machine falls on both sides alike."""
    a, b = [], []
    for _ in range(max(1, repeats)):
        a.append(first())
        b.append(second())
    return min(a), min(b)


def html_in_turns(htmls: list[Path], settings: Settings,
                  repeats: int) -> tuple[dict[str, dict], float, float]:
    """The HTML pages through our stages and through plain trafilatura.extract, timed in
    turns (ours, theirs, ours, ...) like the real-weight comparison, so that a slow spell of
    the machine cannot fall on one side only. Returns the per-stage table of our fastest
    run, its end-to-end seconds, and trafilatura's fastest."""
    runs: list[dict[str, dict]] = []

    def ours() -> float:
        runs.append(time_stages(htmls, settings))
        return runs[-1]["end_to_end"]["s"]

    fastest_ours, fastest_theirs = fastest_in_turns(ours, lambda: time_trafilatura(htmls),
                                                    repeats)
    table = next(r for r in runs if r["end_to_end"]["s"] == fastest_ours)
    return table, fastest_ours, fastest_theirs


def time_noop_make() -> float:
    """`make` when nothing changed (built once first)."""
    subprocess.run(["make", "-s"], cwd=ROOT, capture_output=True, check=True)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(["make", "-s"], cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.benchmark")
    parser.add_argument("--text", type=int, default=1200, help="text articles (default 1200)")
    parser.add_argument("--html", type=int, default=800, help="HTML pages (default 800)")
    # The whole corpus by default: on a few hundred articles the start-up both runs pay
    # (imports, model load, ~5 s) dominates and hides the workers' throughput.
    parser.add_argument("--real-weight", type=int, default=200,
                        help=f"HTML pages also timed at real-page weight, ~{REAL_PAGE_KB} KB "
                             "(default 200)")
    parser.add_argument("--jobs-sample", type=int, default=0,
                        help="articles for the --jobs 1 vs 2 comparison (default 0: the whole corpus)")
    # Timings on a shared 2-core machine are disturbed by whatever else runs; each side of a
    # comparison is timed this many times, taking turns, and its fastest run is kept (as
    # timeit advises: slower runs measure the interference, not the code).
    parser.add_argument("--repeats", type=int, default=2,
                        help="runs of each side of the HTML, real-weight and --jobs "
                             "comparisons, taking turns; the fastest of each is kept "
                             "(default 2)")
    args = parser.parse_args(argv)

    texts, htmls = build_corpus(args.text, args.html)
    settings = Settings(timeout=0)
    print(f"corpus: {len(texts)} text articles (~1,000 words each), {len(htmls)} HTML pages "
          f"({BENCH_DIR / 'corpus'})")
    rows = [("text", stage, r) for stage, r in time_stages(texts, settings).items()]
    html_table, ours, theirs = html_in_turns(htmls, settings, args.repeats)
    rows += [("html", stage, r) for stage, r in html_table.items()]
    print(f"\n{'corpus':<6} {'stage':<11} {'seconds':>8} {'docs/s':>9} {'words/s':>11}")
    for label, stage, r in rows:
        print(f"{label:<6} {stage:<11} {r['s']:>8.2f} {r['docs_per_s']:>9.1f} {r['words_per_s']:>11,.0f}")
    print(f"peak memory of this process (one worker, all stages): {_peak_mb():.0f} MB")
    parts = time_claim_parts(texts, settings)
    print("claims stage by part, ms per text article: " + ", ".join(
        f"{name} {1000 * s / len(texts):.1f}" for name, s in parts.items()))

    ratio = ours / theirs
    heavy = real_weight_corpus(htmls, args.real_weight)
    heavy_ours, heavy_theirs = 0.0, 1.0
    if heavy:
        heavy_ours, heavy_theirs = fastest_in_turns(
            lambda: time_stages(heavy, settings)["end_to_end"]["s"],
            lambda: time_trafilatura(heavy), args.repeats)
    heavy_ratio = heavy_ours / heavy_theirs
    text_rate = next(r for lbl, st, r in rows if lbl == "text" and st == "end_to_end")["docs_per_s"]
    sample = (texts[: args.jobs_sample // 2] + htmls[: args.jobs_sample // 2]
              if args.jobs_sample else texts + htmls)
    peaks: list[float] = []

    def jobs_run(jobs: int) -> float:
        seconds, peak = time_jobs(sample, jobs)
        peaks.append(peak)
        return seconds

    t1, t2 = fastest_in_turns(lambda: jobs_run(1), lambda: jobs_run(2), args.repeats)
    noop = time_noop_make()
    print(f"\nHTML end to end {ours:.2f} s vs plain trafilatura.extract {theirs:.2f} s "
          f"on the same {len(htmls)} pages: {ratio:.2f}x (the fastest of {args.repeats} "
          "runs each, in turns)")
    if heavy:
        kb = sum(p.stat().st_size for p in heavy) / len(heavy) / 1024
        print(f"the first {len(heavy)} of those pages at real-page weight ({kb:.0f} KB each, "
              f"the same article): {heavy_ours:.2f} s vs {heavy_theirs:.2f} s "
              f"({1000 * heavy_theirs / len(heavy):.1f} ms a page): {heavy_ratio:.2f}x "
              f"(the fastest of {args.repeats} runs each, in turns)")
    print(f"--jobs 1: {len(sample) / t1:.1f} docs/s, --jobs 2: {len(sample) / t2:.1f} docs/s "
          f"({t1 / t2:.2f}x; the fastest of {args.repeats} runs each, in turns), "
          f"peak RSS per process {max(peaks):.0f} MB")
    print(f"make with nothing changed: {noop:.2f} s")
    checks = [
        ("HTML end to end / trafilatura.extract", ratio, FLOORS["html_vs_trafilatura_max"], "<="),
        *([(f"the same, pages at real weight (~{REAL_PAGE_KB} KB)", heavy_ratio,
            FLOORS["html_vs_trafilatura_max"], "<=")] if heavy else []),
        ("text ~1,000-word articles per second, one core", text_rate,
         FLOORS["text_1000w_docs_per_s_per_core"], ">="),
        ("peak MB per worker", max(*peaks, _peak_mb()), FLOORS["peak_mb_per_worker_max"], "<="),
        ("--jobs 2 speed-up over --jobs 1", t1 / t2, FLOORS["jobs2_speedup"], ">="),
        ("make with nothing changed, seconds", noop, FLOORS["noop_make_s_max"], "<="),
    ]
    print(f"\n{'floor':<50} {'measured':>9} {'floor':>7}")
    missed = 0
    for name, value, floor, op in checks:
        ok = value <= floor if op == "<=" else value >= floor
        missed += not ok
        print(f"{name:<50} {value:>9.2f} {op}{floor:<6} {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
