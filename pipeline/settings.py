"""Every option of the pipeline in one object, with the defaults the make targets use."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RULES_DIR = PACKAGE_DIR / "rules"
SCHEMA_PATH = PACKAGE_DIR / "schema" / "article.schema.json"

RAW_SUFFIXES = (".html", ".htm", ".txt")


@dataclass(frozen=True)
class Settings:
    raw_dir: Path = Path("raw")
    out_dir: Path = Path("cleaned")
    build_dir: Path = Path("build")
    jobs: int = 1
    spelling: bool = True
    # Seconds one document may take before it is reported and skipped.
    timeout: float = 60.0
    # Larger raw files are refused: a 50 MB page costs trafilatura over 1 GB of memory.
    max_bytes: int = 20_000_000
    # trafilatura: keep recall high and let our own cleanup remove what it leaves.
    favor_precision: bool = False

    def fingerprint(self) -> str:
        """The options that change output, for the rebuild cache."""
        return f"spelling={self.spelling};favor_precision={self.favor_precision}"
