"""`python -m pipeline.train_claims`: train the claim type model on the train split and the
development sets (never on the test split or a blind set)."""
from __future__ import annotations

import argparse
import contextlib
import io
import logging
import shutil
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import DocBin

from pipeline.claim_model import MODEL_DIR, combine_types, unit_model_text
from pipeline.claim_rules import load_toml
from pipeline.claims import UnitTags, build_nlp, tagged_docs
from pipeline.eval_claims import DEVELOPMENT_SETS, MAIN_TYPES, TYPES, load_units, score

CONFIG = Path(__file__).resolve().parent / "models" / "claim_types.cfg"
FOLDS = 5
# The combined source adds a model type when its score reaches this; chosen as the lowest
# of THRESHOLDS at which out-of-fold precision on the training units is >= MIN_PRECISION for
# every type (see --cross-validate).
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
MIN_PRECISION = 0.85
# Vetoes tried for the combined source: a rule type is dropped when the model scores it
# below this (0.0: no veto).
VETOES = (0.0, 0.05, 0.1, 0.2, 0.3)


def training_units() -> list[dict[str, Any]]:
    """What the model learns from: the train split, then each development set."""
    units = load_units("train")
    for name in DEVELOPMENT_SETS:
        units += load_units(name)
    return units


def unit_texts(units: list[dict[str, Any]]) -> list[str]:
    nlp = build_nlp("rules")
    return [unit_model_text(nlp, u["text"], u["kind"], u["context"]) for u in units]


def doc_bin(units: list[dict[str, Any]]) -> DocBin:
    blank = spacy.blank("en")
    docs = DocBin()
    for unit, text in zip(units, unit_texts(units)):
        doc = blank.make_doc(text)
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
        # dev = train: the log shows the fit; nothing is selected on it (patience = 0).
        overrides = {"paths.train": str(corpus), "paths.dev": str(corpus)}
        out = Path(tmp) / "out"
        if quiet:
            logging.getLogger("spacy").setLevel(logging.ERROR)
            with contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()):
                spacy_train(config, out, use_gpu=-1, overrides=overrides)
        else:
            spacy_train(config, out, use_gpu=-1, overrides=overrides)
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(out / "model-last", output)
    # The corpus paths name a deleted temporary folder: without them the committed model's
    # files are the same on every run.
    saved = output / "config.cfg"
    saved.write_text(saved.read_text(encoding="utf-8").replace(f'"{corpus}"', "null"),
                     encoding="utf-8")
    return output


def cross_validate(units: list[dict[str, Any]], config: Path = CONFIG,
                   folds: int = FOLDS) -> list[dict[str, float]]:
    """Out-of-fold model scores for every unit. A fold holds whole articles (by a hash of
    the id's article part), so that no fold learns from the neighbours of its own units;
    the written units stand alone, so each is its own article."""
    texts = unit_texts(units)
    scores: list[dict[str, float]] = [{} for _ in units]
    articles = [u["id"] if u["source"] == "written" else u["id"].rsplit("-", 1)[0]
                for u in units]
    fold_of = [zlib.crc32(article.encode()) % folds for article in articles]
    for fold in range(folds):
        training = [u for u, f in zip(units, fold_of) if f != fold]
        held = [i for i, f in enumerate(fold_of) if f == fold]
        with tempfile.TemporaryDirectory() as tmp:
            model = spacy.load(train(training, Path(tmp) / "model", config))
            for i, doc in zip(held, model.pipe([texts[i] for i in held])):
                scores[i] = dict(doc.cats)
    return scores


def cross_validation_report(units: list[dict[str, Any]], scores: list[dict[str, float]]) -> str:
    lines = ["out-of-fold precision (hits/predicted) by threshold, training units:"]
    chosen = None
    for threshold in THRESHOLDS:
        cells, ok = [], True
        for t in TYPES:
            predicted = [u for u, s in zip(units, scores) if s[t] >= threshold]
            hits = sum(t in u["types"] for u in predicted)
            ok &= not predicted or hits / len(predicted) >= MIN_PRECISION
            cells.append(f"{t}={hits}/{len(predicted)}")
        lines.append(f"  {threshold:.1f}  " + " ".join(cells))
        if ok and chosen is None:
            chosen = threshold
    for threshold in (0.5,):
        tp = fp = fn = 0
        for t in ("mechanism", "symptom", "dosage"):
            for u, s in zip(units, scores):
                gold, hit = t in u["types"], s[t] >= threshold
                tp, fp, fn = tp + (gold and hit), fp + (hit and not gold), fn + (gold and not hit)
        lines.append(f"out-of-fold micro-F1 mechanism+symptom+dosage at {threshold}: "
                     f"{2 * tp / (2 * tp + fp + fn):.3f}")
    lines.append(f"lowest threshold with precision >= {MIN_PRECISION} for every type: {chosen}")
    return "\n".join(lines)


def rule_docs(units: list[dict[str, Any]]) -> list[Any]:
    """The units through the rules pipeline (rule types, dosage object)."""
    return tagged_docs([(u["text"], u["kind"], u["context"]) for u in units],
                       build_nlp("rules"))


def combined_report(units: list[dict[str, Any]], scores: list[dict[str, float]]) -> str:
    """Out-of-fold figures of the combined source on the training units, by add_above and
    drop_below (the rules were written on these units, so they are near their best here)."""
    data = load_toml("types.toml")
    marks = frozenset(data["units"]["question_marks"])
    docs = rule_docs(units)

    def figures(add_above: float, drop_below: float) -> dict[str, Any]:
        predictions = []
        for doc, s in zip(docs, scores):
            found = combine_types(doc, s, "combined", TYPES, 0.5, add_above, drop_below, marks)
            predictions.append(UnitTags(tuple(sorted(found)), False, False, None))
        return score(units, predictions)

    def line(label: str, result: dict[str, Any]) -> str:
        worst = min(TYPES, key=lambda t: result["types"][t]["f1"])
        return (f"  {label:<26} micro-F1 {'+'.join(MAIN_TYPES)} "
                f"{result['micro_f1_main']:.3f}, lowest type F1 {worst} "
                f"{result['types'][worst]['f1']:.3f}")

    lines = ["out-of-fold combined source on the training units (rule types + model scores):",
             line("rules alone", figures(2.0, 0.0))]
    for add_above in THRESHOLDS:
        for drop_below in VETOES:
            lines.append(line(f"add_above {add_above:.1f} drop_below {drop_below:.2f}",
                              figures(add_above, drop_below)))
    return "\n".join(lines)


def model_report(units: list[dict[str, Any]], scores: list[dict[str, float]],
                 threshold: float = 0.5) -> str:
    """Out-of-fold F1 of the model alone at `threshold`, per type (scores only: without the
    pipeline's dosage-object and question checks)."""
    predictions = [UnitTags(tuple(t for t in TYPES if s[t] >= threshold), False, False, None)
                   for s in scores]
    result = score(units, predictions)
    cells = " ".join(f"{t}={result['types'][t]['f1']:.3f}" for t in TYPES)
    return (f"out-of-fold model alone at {threshold}: micro-F1 {'+'.join(MAIN_TYPES)} "
            f"{result['micro_f1_main']:.3f}; F1 {cells}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=MODEL_DIR)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--cross-validate", action="store_true",
                        help=f"also print {FOLDS}-fold out-of-fold figures on the training units")
    args = parser.parse_args(argv)
    units = training_units()
    if args.cross_validate:
        scores = cross_validate(units, args.config)
        print(cross_validation_report(units, scores))
        print(model_report(units, scores))
        print(combined_report(units, scores))
    path = train(units, args.output, args.config)
    print(f"trained on {len(units)} units (train split and {', '.join(DEVELOPMENT_SETS)}) "
          f"-> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
