"""The ordered list of stages, built on demand so a command only imports what it runs."""
from __future__ import annotations

from pipeline.settings import Settings
from pipeline.step import Step

STAGE_NAMES = ("extract", "clean", "spelling", "claims")


def build_stages(settings: Settings, names: tuple[str, ...] = STAGE_NAMES) -> list[Step]:
    stages: list[Step] = []
    for name in names:
        if name == "extract":
            from pipeline.extract import Extract
            stages.append(Extract(settings))
        elif name == "clean":
            from pipeline.clean import Clean
            stages.append(Clean(settings))
        elif name == "spelling":
            from pipeline.spelling import Spelling
            stages.append(Spelling(settings))
        elif name == "claims":
            from pipeline.claims import TagClaims
            stages.append(TagClaims(settings))
        else:
            raise ValueError(f"unknown stage {name!r}")
    return stages
