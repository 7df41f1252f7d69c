"""Cleanup quality on the project's expectations: residue removed, content kept, headings."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXPECT_DIR = ROOT / "eval" / "expect"
CLEANUP_STAGES = ("extract", "clean")
FLOORS = {"residue_removed": 1.0, "content_kept": 1.0, "heading_precision": 0.95,
          "heading_recall": 0.95, "duplicate_headings_max": 0}
_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def heading_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def pipeline_view(path: Path) -> tuple[str, list[str], str | None]:
    """(all output text, headings, title) as the pipeline writes them, before tagging."""
    from pipeline.extract import read_source
    from pipeline.runner import process_document

    doc = process_document(read_source(path), Settings(), CLEANUP_STAGES)
    texts = [doc.title or ""]
    headings = []
    for section in doc.sections:
        if section.heading:
            headings.append(section.heading)
            texts.append(section.heading)
        for block in section.blocks:
            texts.extend(block.texts())
    return norm("\n".join(texts)), headings, doc.title


def trafilatura_view(path: Path) -> str:
    """Plain trafilatura.extract with its defaults plus tables: the baseline users start from."""
    import trafilatura

    return norm(trafilatura.extract(path.read_bytes(), include_tables=True) or "")


def score(text: str, expect: dict) -> dict:
    keep = [norm(s) for s in expect["must_keep"]]
    remove = [norm(s) for s in expect["must_remove"]]
    return {
        "kept": sum(1 for s in keep if s in text), "keep_total": len(keep),
        "removed": sum(1 for s in remove if s not in text), "remove_total": len(remove),
        "missing": [s for s in keep if s not in text],
        "left": [s for s in remove if s in text],
    }


def heading_scores(found: list[str], expected: list[str], title: str | None) -> dict:
    found_keys = [heading_key(h) for h in found]
    expected_keys = {heading_key(h) for h in expected}
    seen, duplicates = {heading_key(title)} if title else set(), 0
    for key in found_keys:
        duplicates += key in seen
        seen.add(key)
    return {"headings_found": len(found_keys),
            "headings_right": sum(1 for k in found_keys if k in expected_keys),
            "headings_expected": len(expected_keys),
            "headings_recalled": len(expected_keys & set(found_keys)),
            "duplicates": duplicates,
            "wrong_headings": [h for h, k in zip(found, found_keys) if k not in expected_keys],
            "missed_headings": sorted(expected_keys - set(found_keys))}


def evaluate() -> dict:
    per_file = {}
    for path in sorted(EXPECT_DIR.glob("*.json")):
        expect = json.loads(path.read_text(encoding="utf-8"))
        source = ROOT / "eval" / expect["source"] if expect["source"].startswith("pages/") \
            else ROOT / expect["source"]
        text, headings, title = pipeline_view(source)
        row = {"pipeline": score(text, expect)}
        row["pipeline"].update(heading_scores(headings, expect["headings"], title))
        if source.suffix == ".html":
            row["trafilatura"] = score(trafilatura_view(source), expect)
        per_file[path.stem] = row
    return {"files": per_file, "totals": _totals(per_file)}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _totals(per_file: dict) -> dict:
    totals = {}
    for system, only_html in (("pipeline", False), ("pipeline_html", True), ("trafilatura", True)):
        rows = [r["trafilatura" if system == "trafilatura" else "pipeline"]
                for r in per_file.values() if not only_html or "trafilatura" in r]
        t = {k: sum(r[k] for r in rows) for k in ("kept", "keep_total", "removed", "remove_total")}
        t["content_kept"] = _ratio(t["kept"], t["keep_total"])
        t["residue_removed"] = _ratio(t["removed"], t["remove_total"])
        if system != "trafilatura":
            h = {k: sum(r[k] for r in rows) for k in ("headings_found", "headings_right",
                                                      "headings_expected", "headings_recalled",
                                                      "duplicates")}
            t["heading_precision"] = _ratio(h["headings_right"], h["headings_found"])
            t["heading_recall"] = _ratio(h["headings_recalled"], h["headings_expected"])
            t["duplicate_headings"] = h["duplicates"]
        totals[system] = t
    return totals


def failures(results: dict) -> list[str]:
    t = results["totals"]["pipeline"]
    out = [f"{k} {t[k]:.3f} < {FLOORS[k]}" for k in
           ("residue_removed", "content_kept", "heading_precision", "heading_recall")
           if t[k] < FLOORS[k]]
    if t["duplicate_headings"] > FLOORS["duplicate_headings_max"]:
        out.append(f"duplicate_headings {t['duplicate_headings']} > 0")
    return out


def report(results: dict) -> str:
    t = results["totals"]
    lines = ["cleanup (eval/expect: seeds and HTML pages)",
             f"  {'system':<28}{'residue removed':>17}{'content kept':>14}"
             f"{'heading P':>11}{'heading R':>11}{'dup headings':>14}"]
    for name, label in (("pipeline", "pipeline, all files"),
                        ("pipeline_html", "pipeline, HTML pages"),
                        ("trafilatura", "trafilatura.extract, HTML")):
        row = t[name]
        hp = f"{row['heading_precision']:.3f}" if "heading_precision" in row else "-"
        hr = f"{row['heading_recall']:.3f}" if "heading_recall" in row else "-"
        dup = str(row.get("duplicate_headings", "-"))
        lines.append(f"  {label:<28}{row['residue_removed']:>16.1%} {row['content_kept']:>13.1%}"
                     f"{hp:>11}{hr:>11}{dup:>14}")
    lines.append(f"  ({t['pipeline']['remove_total']} residue strings, "
                 f"{t['pipeline']['keep_total']} content strings)")
    for name, row in results["files"].items():
        p = row["pipeline"]
        problems = ([f"left: {s[:70]!r}" for s in p["left"]]
                    + [f"missing: {s[:70]!r}" for s in p["missing"]]
                    + [f"not a heading: {h[:60]!r}" for h in p["wrong_headings"]]
                    + [f"heading missed: {h[:60]!r}" for h in p["missed_headings"]])
        for problem in problems:
            lines.append(f"  {name}: {problem}")
    return "\n".join(lines)


if __name__ == "__main__":
    res = evaluate()
    print(report(res))
    missed = failures(res)
    for m in missed:
        print(f"  FLOOR MISSED: {m}")
    sys.exit(1 if missed else 0)
