"""`python -m pipeline.train_claims`: train the claim type model on the TRAIN split only."""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable

import spacy
from spacy.tokens import DocBin

from pipeline.claim_model import MODEL_DIR, model_text
from pipeline.eval_claims import TYPES, load_units

CONFIG = MODEL_DIR.parent / "claim_types.cfg"


def doc_bin(units: Iterable[dict[str, Any]]) -> DocBin:
    nlp = spacy.blank("en")
    docs = DocBin()
    for unit in units:
        doc = nlp.make_doc(model_text(unit["text"], unit["kind"], unit["context"]))
        doc.cats = {t: float(t in unit["types"]) for t in TYPES}
        docs.add(doc)
    return docs


def train(units: list[dict[str, Any]], output: Path, config: Path = CONFIG,
          quiet: bool = True) -> Path:
    """Train on `units` and write the last model to `output` (replaced)."""
    from spacy.cli.train import train as spacy_train

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "train.spacy"
        doc_bin(units).to_disk(corpus)
        overrides = {"paths.train": str(corpus), "paths.dev": str(corpus)}
        if quiet:
            import logging
            logging.getLogger("spacy").setLevel(logging.ERROR)
        spacy_train(config, Path(tmp) / "out", use_gpu=-1, overrides=overrides)
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(Path(tmp) / "out" / "model-last", output)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=MODEL_DIR)
    parser.add_argument("--config", type=Path, default=CONFIG)
    args = parser.parse_args(argv)
    units = load_units("train")
    path = train(units, args.output, args.config, quiet=False)
    print(f"trained on {len(units)} train units -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
