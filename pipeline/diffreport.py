"""`make diff`: what changed in cleaned/ against a git revision, told as a reviewer wants it."""
from __future__ import annotations

import difflib
import json
import subprocess
from pathlib import Path


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout


def _at_revision(base: str, path: str) -> dict | None:
    try:
        return json.loads(_git("show", f"{base}:{path}"))
    except subprocess.CalledProcessError:
        return None


def _lines(article: dict | None) -> list[str]:
    """The article's text as reading lines: headings, paragraphs, items, table rows."""
    if not article:
        return []
    lines = [f"# {article['title']}"] if article.get("title") else []
    for section in article["sections"]:
        if section["heading"]:
            lines.append(f"{'#' * section['level']} {section['heading']}")
        for block in section["blocks"]:
            if block["type"] == "paragraph":
                lines.append(block["text"])
            elif block["type"] == "list":
                lines.extend(f"- {item}" for item in block["items"])
            else:
                for row in ([block["header"]] if block["header"] else []) + block["rows"]:
                    lines.append("| " + " | ".join(row) + " |")
    return lines


def _claim_label(claim: dict) -> str:
    flags = [t for t in ("hedged", "negated") if claim[t]]
    return ",".join(claim["types"]) + ("; " + ",".join(flags) if flags else "")


def _short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def article_diff(name: str, old: dict | None, new: dict | None) -> list[str]:
    out = [f"== {name} ({'added' if old is None else 'removed' if new is None else 'changed'})"]
    old_claims = {c["id"]: c for c in (old or {}).get("claims", [])}
    new_claims = {c["id"]: c for c in (new or {}).get("claims", [])}
    added = [c for i, c in new_claims.items() if i not in old_claims]
    removed = [c for i, c in old_claims.items() if i not in new_claims]
    retyped = [(old_claims[i], c) for i, c in new_claims.items()
               if i in old_claims and (_claim_label(old_claims[i]) != _claim_label(c)
                                       or old_claims[i]["dosage"] != c["dosage"])]
    out.append(f"claims: {len(added)} added, {len(removed)} removed, {len(retyped)} retyped")
    out += [f"  + [{_claim_label(c)}] {_short(c['text'])}" for c in added]
    out += [f"  - [{_claim_label(c)}] {_short(c['text'])}" for c in removed]
    for before, after in retyped:
        change = f"{_claim_label(before)} -> {_claim_label(after)}"
        if before["dosage"] != after["dosage"]:
            change += f"; dosage {json.dumps(before['dosage'])} -> {json.dumps(after['dosage'])}"
        out.append(f"  ~ [{change}] {_short(after['text'])}")
    text_diff = [ln for ln in difflib.unified_diff(_lines(old), _lines(new), lineterm="", n=0)
                 if not ln.startswith(("---", "+++", "@@"))]
    out.append(f"text: {sum(ln.startswith('+') for ln in text_diff)} lines added, "
               f"{sum(ln.startswith('-') for ln in text_diff)} removed")
    out += [f"  {ln[0]} {_short(ln[1:], 120)}" for ln in text_diff]
    old_edits = [json.dumps(e, sort_keys=True) for e in (old or {}).get("edits", [])]
    new_edits = [json.dumps(e, sort_keys=True) for e in (new or {}).get("edits", [])]
    gone = [json.loads(e) for e in old_edits if e not in new_edits]
    came = [json.loads(e) for e in new_edits if e not in old_edits]
    out.append(f"edits: {len(came)} new, {len(gone)} no longer made")
    for sign, edits in (("+", came), ("-", gone)):
        for e in edits:
            out.append(f"  {sign} {e['stage']}/{e['kind']}/{e['rule']}: "
                       f"{_short(e['before'], 50)!r} -> {_short(e['after'], 50)!r}")
    return out


def diff_report(out_dir: Path, base: str = "HEAD") -> str:
    prefix = out_dir.as_posix().rstrip("/")
    try:
        tracked = [ln for ln in _git("ls-tree", "-r", "--name-only", base, "--", prefix)
                   .splitlines() if ln.endswith(".json")]
    except subprocess.CalledProcessError:
        tracked = []
    current = sorted(p.as_posix() for p in out_dir.glob("*.json"))
    report: list[str] = []
    for path in sorted(set(tracked) | set(current)):
        old = _at_revision(base, path) if path in tracked else None
        new = json.loads(Path(path).read_text(encoding="utf-8")) if Path(path).exists() else None
        if old == new:
            continue
        report += article_diff(path, old, new) + [""]
    if not report:
        return f"no changes in {prefix}/ against {base}\n"
    return "\n".join(report)
