"""Running one stage alone: read the previous stage's snapshots in build/, write this one's."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.model import Document
from pipeline.runner import display_path, list_raw, write_atomic
from pipeline.settings import Settings
from pipeline.stages import STAGE_NAMES, build_stages


def _inputs(name: str, settings: Settings, files: list[Path]) -> list[Path]:
    if name == "extract":
        return files or list_raw(settings.raw_dir)
    previous = settings.build_dir / (STAGE_NAMES[-1] if name == "export"
                                     else STAGE_NAMES[STAGE_NAMES.index(name) - 1])
    if files:
        ids = {f.name[: -len(f.suffix)] if f.suffix else f.name for f in files}
        return [previous / f"{i}.json" for i in sorted(ids)]
    return sorted(previous.glob("*.json"))


def run_stage(name: str, settings: Settings, files: list[Path], log=None) -> int:
    log = log or sys.stderr
    from pipeline.export import export
    from pipeline.extract import read_source

    step = None if name == "export" else build_stages(settings, (name,))[0]
    failed = 0
    paths = _inputs(name, settings, files)
    if not paths:
        print(f"error: nothing to read for stage {name}: run the stage before it first", file=log)
        return 1
    for path in paths:
        try:
            if name == "extract":
                doc = read_source(path, display_path(path), settings.max_bytes)
            else:
                doc = Document.from_state(json.loads(path.read_text(encoding="utf-8")))
            if step is None:
                write_atomic(settings.out_dir / f"{doc.id}.json", export(doc))
            else:
                doc = step(doc)
                write_atomic(settings.build_dir / name / f"{doc.id}.json",
                             json.dumps(doc.to_state(), ensure_ascii=False, indent=2) + "\n")
            print(f"{name}: {display_path(path)}", file=log)
        except Exception as exc:  # report and go on with the rest
            failed += 1
            print(f"error: {display_path(path)}: {exc}", file=log)
    return 1 if failed else 0
