"""Loading the claim tagger's cue lists and patterns from pipeline/rules/claims/."""
from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache
from typing import Any

from pipeline.settings import RULES_DIR

CLAIM_RULES_DIR = RULES_DIR / "claims"


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict[str, Any]:
    return tomllib.loads((CLAIM_RULES_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_patterns(name: str) -> tuple[dict[str, Any], ...]:
    """A JSON Lines file of {"label", "pattern", ...}; lines starting with // are comments."""
    entries = []
    for number, line in enumerate((CLAIM_RULES_DIR / name).read_text(encoding="utf-8")
                                  .splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            entries.append(json.loads(line))
        except ValueError as exc:
            raise ValueError(f"{name}:{number}: {exc}") from exc
    return tuple(entries)


@lru_cache(maxsize=None)
def load_words(name: str) -> tuple[str, ...]:
    """A one-entry-per-line file without comments (#) and blank lines, order kept."""
    lines = (CLAIM_RULES_DIR / name).read_text(encoding="utf-8").splitlines()
    return tuple(ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


def compile_regex(pattern: str) -> re.Pattern:
    """Every phrase regex in the data is matched case-insensitively on whole words."""
    return re.compile(pattern, re.IGNORECASE)
