"""`make check`: every output is schema-valid, canonical, and what the code builds from raw/."""
from __future__ import annotations

import json
import sys

from pipeline.export import SchemaError, dumps, validate
from pipeline.runner import _build, display_path, list_raw, parallel_map
from pipeline.settings import Settings


def check(settings: Settings, log=None) -> int:
    log = log or sys.stderr
    problems: list[str] = []
    raws = list_raw(settings.raw_dir)
    expected = {p.name[: -len(p.suffix)]: p for p in raws}
    outputs = {p.stem: p for p in sorted(settings.out_dir.glob("*.json"))}

    for stem, out in outputs.items():
        text = out.read_text(encoding="utf-8")
        try:
            article = json.loads(text)
            validate(article)
        except (ValueError, SchemaError) as exc:
            problems.append(f"{display_path(out)}: {exc}")
            continue
        if dumps(article) != text:
            problems.append(f"{display_path(out)}: not in canonical form (key order, indent)")
        if stem not in expected:
            problems.append(f"{display_path(out)}: no raw article {stem}.* in {settings.raw_dir}")

    for result in parallel_map(settings, _build, [(p, settings) for p in raws]):
        out = outputs.get(result.id)
        if result.status == "failed":
            problems.append(f"{result.path}: fails to build: {result.error}")
        elif out is None:
            problems.append(f"{result.path}: no output; run make")
        elif out.read_text(encoding="utf-8") != result.text:
            problems.append(f"{display_path(out)}: stale: differs from what the code builds "
                            f"from {result.path}; run make")

    for problem in problems:
        print(f"check: {problem}", file=log)
    print(f"check: {len(outputs)} outputs, {len(raws)} raw articles, "
          f"{len(problems)} problems", file=log)
    return 1 if problems else 0

