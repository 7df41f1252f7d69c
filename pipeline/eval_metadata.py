"""Metadata accuracy on eval/metadata/expected.jsonl (the 200 articles of eval/claims/blind10 to
blind27, styles10 and styles11): per field, the share of articles whose
author, reviewer, published, modified and site_name (after the extract and clean stages, as
they reach the output) are what a careful reader of the page expects.

`python -m pipeline.eval_metadata` prints the figures; `-v` also lists every miss.

An expected value is a string, null (the page does not state it), or a list of values any of
which is right (a site written "Kingsmead Chess Club" or "Kingsmead Chess Club Newsletter").
People are compared as sets of names, without honorifics, case or punctuation ("Dr Sian
Howells" is "Sian Howells"): the field is right when it names the right people.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "eval" / "metadata" / "expected.jsonl"
FIELDS = ("author", "reviewer", "published", "modified", "site_name")
PEOPLE = ("author", "reviewer")
# Right answers per field on the 200 articles, at least: the figures when each was last
# raised (tests/test_metadata_eval.py holds them).
FLOORS = {"author": 198, "reviewer": 200, "published": 199, "modified": 200, "site_name": 199}
_HONORIFIC = re.compile(r"\b(?:dr|mr|mrs|ms|miss|mx|prof|professor|sister|revd|rev)\b\.?")


def load_expected(path: Path = EXPECTED) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _norm(field: str, value: str | None):
    if value is None:
        return None
    if field in PEOPLE:
        names = set()
        for person in value.split(";"):
            person = _HONORIFIC.sub(" ", person.lower())
            person = " ".join(re.sub(r"[^\w\s]", " ", person).split())
            if person:
                names.add(person)
        return frozenset(names) or None
    return " ".join(value.lower().rstrip(".").split())


def field_ok(field: str, got: str | None, expected) -> bool:
    wanted = expected if isinstance(expected, list) else [expected]
    return _norm(field, got) in {_norm(field, w) for w in wanted}


def read_metadata(path: Path) -> dict:
    """The article's metadata as the extract and clean stages leave it."""
    from pipeline.clean import Clean
    from pipeline.extract import Extract, read_source
    settings = Settings()
    doc = Clean(settings)(Extract(settings)(read_source(path)))
    return {k: getattr(doc.metadata, k) for k in FIELDS}


def score(rows: list[dict] | None = None) -> tuple[dict[str, int], int, list[tuple]]:
    """(right answers per field, articles, misses as (path, field, got, expected))."""
    rows = rows if rows is not None else load_expected()
    right = dict.fromkeys(FIELDS, 0)
    misses = []
    for row in rows:
        got = read_metadata(ROOT / row["path"])
        for field in FIELDS:
            if field_ok(field, got[field], row[field]):
                right[field] += 1
            else:
                misses.append((row["path"], field, got[field], row[field]))
    return right, len(rows), misses


def evaluate() -> dict:
    """The scores `make eval` reports: right answers per field, articles and misses."""
    right, total, misses = score()
    return {"right": right, "articles": total, "misses": misses}


def report(results: dict, verbose: bool = False) -> str:
    right, total = results["right"], results["articles"]
    lines = ["Metadata on eval/metadata/expected.jsonl (blind10-blind27, styles10 and styles11 articles)"]
    if verbose:
        lines += [f"  {Path(path).parent.name}/{Path(path).name[:40]:40} {field:9} "
                  f"got {got!r} want {expected!r}" for path, field, got, expected in results["misses"]]
    lines += [f"{field:9} {right[field]:3}/{total} {right[field] / total:.0%}   floor "
              f"{FLOORS[field]}" for field in FIELDS]
    all_right = sum(right.values())
    if verbose:
        # Right fields per set, the 50 of a set of ten articles.
        sets = {}
        for row in load_expected():
            sets.setdefault(Path(row["path"]).parent.name, [0, 0])[1] += len(FIELDS)
        for path, *_ in results["misses"]:
            sets[Path(path).parent.name][0] += 1
        lines.append("by set: " + ", ".join(f"{name} {total_ - missed}/{total_}"
                                            for name, (missed, total_) in sets.items()))
    lines.append(f"{'all':9} {all_right:3}/{total * len(FIELDS)} "
                 f"{all_right / (total * len(FIELDS)):.1%}")
    return "\n".join(lines)


def failures(results: dict) -> list[str]:
    return [f"{field} {results['right'][field]} < {FLOORS[field]}" for field in FIELDS
            if results["right"][field] < FLOORS[field]]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    results = evaluate()
    print(report(results, verbose="-v" in argv))
    missed = failures(results)
    for miss in missed:
        print(f"FLOOR MISSED: {miss}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
