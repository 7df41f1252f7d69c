"""`python -m pipeline.train_claims`: train the claim type model on the train split and the
development sets (never on the test split or a blind set)."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

from pipeline.claim_lexicon import UnitAttrs
from pipeline.claim_model import MODEL_DIR, TYPE_SOURCES, classifier_input
from pipeline.claims import build_nlp, tag_units, tagged_docs
from pipeline.eval_claims import (DEVELOPMENT_SETS, MAIN_TYPES, TYPES, load_units, score,
                                  unit_input)
from pipeline.type_classifier import ClassifierConfig, ClassifierInput, TypeClassifier

CONFIG = Path(__file__).resolve().parent / "models" / "claim_types.toml"
# The development sets each held out in turn by --leave-one-set-out: the newest, whose site
# styles are furthest from the train split (the rules were tuned on them, so the "rules" and
# "combined" figures flatter the rules; the model has never seen the held-out set).
HELD_OUT_SETS = DEVELOPMENT_SETS[-5:]


def training_sets() -> list[tuple[str, list[dict[str, Any]]]]:
    """What the model learns from: the train split, then each development set, by name."""
    return [(name, load_units(name)) for name in ("train", *DEVELOPMENT_SETS)]


def training_units() -> list[dict[str, Any]]:
    return [unit for _, units in training_sets() for unit in units]


def classifier_inputs(units: list[dict[str, Any]]) -> list[ClassifierInput]:
    """The units as the model component reads them: after the cue rules, before the model
    (and before a list's types are spread to its items)."""
    docs = tagged_docs([unit_input(u) for u in units],
                       build_nlp("rules"), spread=False)
    inputs = []
    for doc in docs:
        ext = UnitAttrs(doc)
        inputs.append(classifier_input(doc, ext.unit_kind, ext.context_doc, ext.claim_types))
    return inputs


def fit(units: list[dict[str, Any]], config: Path = CONFIG,
        inputs: list[ClassifierInput] | None = None) -> TypeClassifier:
    inputs = inputs if inputs is not None else classifier_inputs(units)
    return TypeClassifier.fit(ClassifierConfig.from_toml(config), TYPES, inputs,
                              [u["types"] for u in units])


def train(units: list[dict[str, Any]], output: Path, config: Path = CONFIG) -> Path:
    """Train on `units` and write the model to `output`."""
    return fit(units, config).save(output)


def leave_one_set_out(config: Path = CONFIG,
                      held_sets: Sequence[str] = HELD_OUT_SETS) -> dict[str, dict[str, Any]]:
    """For each held-out development set, its scores by type source when the model is trained
    on everything else: how the model does on site styles it has not seen."""
    sets = training_sets()
    all_units = [unit for _, units in sets for unit in units]
    all_inputs = classifier_inputs(all_units)
    set_of = [name for name, units in sets for _ in units]
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for held in held_sets:
            keep = [i for i, name in enumerate(set_of) if name != held]
            model = fit([all_units[i] for i in keep], config, [all_inputs[i] for i in keep])
            folder = model.save(Path(tmp) / held)
            units = load_units(held)
            gold = [unit_input(u) for u in units]
            results[held] = {source: score(units, tag_units(gold, build_nlp(source, str(folder))))
                             for source in TYPE_SOURCES}
    return results


def leave_one_set_out_report(results: dict[str, dict[str, Any]]) -> str:
    main = "+".join(MAIN_TYPES)
    lines = [f"leave one set out: micro-F1 {main} / mean F1 of the {len(TYPES)} types, "
             "model trained without the held-out set"]
    lines.append(f"  {'held out':<10}" + "".join(f"{source:>18}" for source in TYPE_SOURCES))
    means = {source: [0.0, 0.0] for source in TYPE_SOURCES}
    for held, by_source in results.items():
        cells = []
        for source in TYPE_SOURCES:
            r = by_source[source]
            type_mean = sum(r["types"][t]["f1"] for t in TYPES) / len(TYPES)
            means[source][0] += r["micro_f1_main"] / len(results)
            means[source][1] += type_mean / len(results)
            cells.append(f"{r['micro_f1_main']:>11.3f} / {type_mean:.3f}")
        lines.append(f"  {held:<10}" + "".join(f"{c:>18}" for c in cells))
    lines.append(f"  {'mean':<10}" + "".join(f"{m:>11.3f} / {t:.3f}"
                                             for m, t in means.values()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=MODEL_DIR)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--leave-one-set-out", action="store_true",
                        help=f"also print figures with each of {', '.join(HELD_OUT_SETS)} held "
                             "out in turn")
    args = parser.parse_args(argv)
    if args.leave_one_set_out:
        print(leave_one_set_out_report(leave_one_set_out(args.config)))
    units = training_units()
    path = train(units, args.output, args.config)
    print(f"trained on {len(units)} units (train split and {', '.join(DEVELOPMENT_SETS)}) "
          f"-> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
