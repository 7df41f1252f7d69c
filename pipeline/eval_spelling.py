"""Measures the spelling stage against eval/spelling/: false corrections, recall, seed fixes, speed."""
from __future__ import annotations

import difflib
import re
import sys
import time
from pathlib import Path

from pipeline.edits import Outline
from pipeline.model import Block, Document, Section, Source
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "eval" / "spelling"
RAW_DIR = ROOT / "raw"

# false_corrections is a ceiling (at most); every other figure is a floor (at least).
FLOORS: dict = {
    "false_corrections": 0,
    "recall": 0.9,
    "seed_precision": 1.0,
    "seed_recall": 0.9,
    "words_per_second": 50_000,
}
CEILINGS = ("false_corrections",)
# Contexts a correct term is checked in: inside a sentence, and alone (an item of a list).
TERM_SENTENCE = "Doctors discussed {} with the patient."
MISSPELLING_SENTENCE = "The notes mention {} twice."
SPEED_REPEATS = 40
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_WORD = re.compile(r"\S+")


def _doc(blocks: list[Block], doc_id: str = "eval") -> Document:
    return Document(doc_id, Source(f"eval/{doc_id}", "", "text"), "", None,
                    sections=[Section(None, 2, blocks)])


def _texts(doc: Document) -> list[str]:
    return [text for _, _, text in Outline(doc.title, doc.sections, "read").texts()]


def _run(blocks: list[Block]) -> list[str]:
    from pipeline.spelling import correct_spelling

    return _texts(correct_spelling(_doc(blocks), Settings()))


def read_terms() -> list[str]:
    lines = (EVAL_DIR / "correct_terms.txt").read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln and not ln.startswith("#")]


def read_tsv(name: str) -> list[dict[str, str]]:
    path = EVAL_DIR / name
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"))) for ln in lines[1:] if ln]


def false_corrections() -> dict:
    """Correct domain terms changed in any context (each term in a sentence and alone)."""
    changed = []
    terms = read_terms()
    for term in terms:
        cases = [("sentence", Block("paragraph", text=TERM_SENTENCE.format(term))),
                 ("alone", Block("list", items=[term]))]
        for context, block in cases:
            before = block.texts()
            after = _run([block])
            if after != before:
                changed.append({"term": term, "context": context, "output": after[0]})
    return {"terms": len(terms), "contexts": 2 * len(terms), "changed": changed}


def misspelling_recall() -> dict:
    """Share of real misspellings corrected exactly, each in a sentence."""
    rows = read_tsv("misspellings.tsv")
    by_source: dict[str, list[int]] = {}
    missed = []
    for row in rows:
        wrong, right, source = row["misspelling"], row["correction"], row["source"]
        out = _run([Block("paragraph", text=MISSPELLING_SENTENCE.format(wrong))])[0]
        ok = out == MISSPELLING_SENTENCE.format(right)
        counts = by_source.setdefault(source, [0, 0])
        counts[0] += ok
        counts[1] += 1
        if not ok:
            missed.append({"misspelling": wrong, "correction": right, "source": source,
                           "output": out})
    fixed = sum(c[0] for c in by_source.values())
    return {"rows": len(rows), "fixed": fixed, "by_source": by_source, "missed": missed,
            "recall": fixed / len(rows) if rows else 0.0}


def seed_documents() -> list[tuple[str, Document]]:
    """The seed articles as the spelling stage receives them: extracted and cleaned."""
    from pipeline.clean import clean
    from pipeline.extract import Extract, read_source

    extract = Extract(Settings())
    return [(p.name, clean(extract.process(read_source(p))))
            for p in sorted(RAW_DIR.iterdir()) if p.is_file() and p.suffix == ".txt"]


def _changes(before: str, after: str) -> list[tuple[int, int, str]]:
    """Token-level changes from `before` to `after`: (start, end) in `before`, new text."""
    a_spans = [m.span() for m in _TOKEN.finditer(before)]
    a = [before[s:e] for s, e in a_spans]
    b = _TOKEN.findall(after)
    out = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start = a_spans[i1][0] if i1 < len(a_spans) else len(before)
        end = a_spans[i2 - 1][1] if i2 > i1 else start
        out.append((start, end, "".join(b[j1:j2])))
    return out


def seed_scores() -> dict:
    """Precision and recall of the stage's changes against seed_typos.tsv.

    A row counts where its `before` is still in the cleaned text (extraction and cleaning
    drop some boilerplate, and the defects in it); it is fixed when the changes that touch
    its span turn `before` into exactly `after`. A change is correct when it belongs to a
    fixed row; any other change is a false fix.
    """
    from pipeline.spelling import correct_spelling

    rows = read_tsv("seed_typos.tsv")
    fixed, missed, unreachable, false_fixes = [], [], [], []
    changes_total = changes_correct = 0
    for name, doc in seed_documents():
        inputs = _texts(doc)
        outputs = _texts(correct_spelling(doc, Settings()))
        assert len(inputs) == len(outputs), "the stage must not add or drop texts"
        spans: dict[int, list[tuple[int, int, dict]]] = {}
        for row in (r for r in rows if r["file"] == name):
            where = next(((i, t.find(row["before"])) for i, t in enumerate(inputs)
                          if row["before"] in t), None)
            if where is None:
                unreachable.append(row)
                continue
            i, p = where
            spans.setdefault(i, []).append((p, p + len(row["before"]), row))
        for i, (before, after) in enumerate(zip(inputs, outputs)):
            changes = _changes(before, after)
            changes_total += len(changes)
            used = set()
            for p, q, row in spans.get(i, []):
                mine = [c for c in changes
                        if (c[0] < q and c[1] > p) or (c[0] == c[1] and p <= c[0] <= q)]
                inside = all(p <= c[0] and c[1] <= q for c in mine)
                result = before[p:q]
                for s, e, new in sorted(mine, reverse=True):
                    result = result[:s - p] + new + result[e - p:] if inside else result
                if mine and inside and result == row["after"]:
                    fixed.append(row)
                    used.update(mine)
                else:
                    missed.append({**row, "output": result if inside else after})
            changes_correct += len(used)
            for c in changes:
                if c not in used:
                    false_fixes.append({"file": name, "before": before[c[0]:c[1]],
                                        "after": c[2], "context": before[max(0, c[0] - 30):
                                                                         c[1] + 30]})
    reachable = len(fixed) + len(missed)
    return {
        "rows": len(rows), "reachable": reachable, "unreachable": unreachable,
        "fixed": fixed, "missed": missed, "false_fixes": false_fixes,
        "changes": changes_total,
        "precision": changes_correct / changes_total if changes_total else 1.0,
        "recall": len(fixed) / reachable if reachable else 1.0,
    }


def words_per_second(repeats: int = SPEED_REPEATS) -> dict:
    """The stage's speed on one core over the seed articles repeated, caches cold at start."""
    from pipeline import spelling

    docs = [doc for _, doc in seed_documents()]
    words = sum(len(_WORD.findall(t)) for doc in docs for t in _texts(doc))
    spelling.resources.cache_clear()
    start = time.perf_counter()
    spelling.resources()
    load = time.perf_counter() - start
    spelling.fallback_candidates.cache_clear()
    spelling.two_edit_suggestions.cache_clear()
    settings = Settings()
    start = time.perf_counter()
    for _ in range(repeats):
        for doc in docs:
            spelling.correct_spelling(doc, settings)
    seconds = time.perf_counter() - start
    return {"words": words * repeats, "seconds": seconds, "load_seconds": load,
            "words_per_second": words * repeats / seconds}


def evaluate() -> dict:
    """Every figure of the spelling stage, with the detail behind it."""
    speed = words_per_second()      # first, so the word lists load cold
    fc = false_corrections()
    rec = misspelling_recall()
    seeds = seed_scores()
    return {
        "false_corrections": len(fc["changed"]),
        "recall": rec["recall"],
        "seed_precision": seeds["precision"],
        "seed_recall": seeds["recall"],
        "words_per_second": speed["words_per_second"],
        "detail": {"false_corrections": fc, "recall": rec, "seeds": seeds, "speed": speed},
    }


def passes(name: str, value: float) -> bool:
    floor = FLOORS[name]
    return value <= floor if name in CEILINGS else value >= floor


def failures(results: dict) -> list[str]:
    """The measures that miss their floor; `make eval` (pipeline/evaluate.py) reads these."""
    return [f"{name} {results[name]:,.3f} (floor {FLOORS[name]:,})" for name in FLOORS
            if not passes(name, results[name])]


def report(results: dict) -> str:
    """A readable table of the figures against their floors, then what went wrong."""
    d = results["detail"]
    fc, rec, seeds, speed = d["false_corrections"], d["recall"], d["seeds"], d["speed"]
    by_source = ", ".join(f"{s} {c[0]}/{c[1]}" for s, c in sorted(rec["by_source"].items()))
    rows = [
        ("false corrections", f"{results['false_corrections']}", "at most 0",
         f"{fc['terms']} correct terms x 2 contexts"),
        ("misspelling recall", f"{results['recall']:.3f}", "at least 0.9",
         f"{rec['fixed']}/{rec['rows']} ({by_source})"),
        ("seed precision", f"{results['seed_precision']:.3f}", "at least 1.0",
         f"{seeds['changes'] - len(seeds['false_fixes'])}/{seeds['changes']} changes"),
        ("seed recall", f"{results['seed_recall']:.3f}", "at least 0.9",
         f"{len(seeds['fixed'])}/{seeds['reachable']} rows "
         f"({len(seeds['unreachable'])} removed upstream)"),
        ("words per second", f"{results['words_per_second']:,.0f}", "at least 50,000",
         f"{speed['words']:,} words, one core, lists loaded in {speed['load_seconds']:.2f} s"),
    ]
    names = list(FLOORS)
    lines = [f"{'measure':<20} {'value':>10}  {'floor':<16} {'':4} detail",
             "-" * 96]
    for name, (label, value, floor, detail) in zip(names, rows):
        mark = "ok" if passes(name, results[name]) else "MISS"
        lines.append(f"{label:<20} {value:>10}  {floor:<16} {mark:<4} {detail}")
    for item in fc["changed"]:
        lines.append(f"  false correction ({item['context']}): {item['term']!r} -> "
                     f"{item['output']!r}")
    for item in rec["missed"]:
        lines.append(f"  missed misspelling ({item['source']}): {item['misspelling']} -> "
                     f"{item['correction']}, got {item['output']!r}")
    for item in seeds["missed"]:
        lines.append(f"  missed seed defect ({item['file'][:3]}, {item['kind']}): "
                     f"{item['before']!r} -> {item['after']!r}")
    for item in seeds["false_fixes"]:
        lines.append(f"  FALSE seed fix ({item['file'][:3]}): {item['before']!r} -> "
                     f"{item['after']!r} in {item['context']!r}")
    for item in seeds["unreachable"]:
        lines.append(f"  seed defect removed before the stage ({item['file'][:3]}): "
                     f"{item['before']!r}")
    return "\n".join(lines)


def main() -> int:
    results = evaluate()
    print(report(results))
    return 1 if failures(results) else 0


if __name__ == "__main__":
    sys.exit(main())
