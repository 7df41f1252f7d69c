"""Shared fixtures: paths of the project's data, and small article builders."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
PAGES = ROOT / "eval" / "pages"
EXPECT = ROOT / "eval" / "expect"
SEEDS = sorted(RAW.glob("*.txt"))


@pytest.fixture
def raw_dir(tmp_path):
    """An empty raw/ in a temporary project, with cleaned/ and build/ beside it."""
    d = tmp_path / "raw"
    d.mkdir()
    return d


def article_text(title: str = "Vitamin B12 and Nerves", body: str | None = None) -> str:
    body = body or ("Vitamin B12 builds myelin, a fatty substance that insulates your nerve "
                    "fibers.\n\nSymptoms\n\nSymptoms include burning, tingling and numbness.\n")
    return f"{title}\n\n{body}"
