"""Loading the claim tagger's cue lists and patterns from pipeline/rules/claims/."""
from __future__ import annotations

import json
import re
import sys
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


class CaselessRegex:
    """A regex matched case-insensitively. On ASCII text it runs case-sensitively on the
    lowercased text, which gives the same matches at the same places (ASCII case folding
    keeps every character in place) about twice as fast as re.IGNORECASE. Match objects
    then hold the lowercased text: take what was written from the text by position."""

    _ESCAPE = re.compile(r"\\.")

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.caseless = re.compile(pattern, re.IGNORECASE)
        # An uppercase letter or an inline flag in the pattern could not match lowered text.
        plain = self._ESCAPE.sub("", pattern)
        foldable = not re.search(r"[A-Z]|\(\?[a-z-]", plain)
        self.lowered = re.compile(pattern) if foldable else None

    def search(self, text: str) -> re.Match | None:
        if self.lowered is not None and text.isascii():
            return self.lowered.search(text.lower())
        return self.caseless.search(text)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        if self.lowered is not None and text.isascii():
            return self.lowered.finditer(text.lower(), pos, endpos)
        return self.caseless.finditer(text, pos, endpos)


def compile_regex(pattern: str) -> CaselessRegex:
    """Every phrase regex in the data is matched case-insensitively on whole words."""
    return CaselessRegex(pattern)
