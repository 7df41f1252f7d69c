"""`python -m pipeline.eval_claims`: the claim tagger measured on eval/claims (test split)."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy

from pipeline.claim_dosage import DOSAGE_KEYS
from pipeline.claims import UnitTags, UnitText, get_nlp, tag_units

CLAIMS_DIR = Path(__file__).resolve().parent.parent / "eval" / "claims"
CORPUS_FILES = ("seeds.jsonl", "written.jsonl")
# Units outside the train/test split, scored apart (eval/claims/README.md): every unit of
# nine eval/pages pages (labelled blind; a development set since issue 5's third round), of
# ten articles written as a development set for treatment and dosage fields, of two hundred
# articles that were the blind set until the next one replaced them (`unseen`, `blind`,
# `blind2` to `blind27`: labelled blind; rules may be tuned on them now), and of a hundred and
# ten articles written in new styles as development data and labelled without the tagger
# (`styles1` to `styles3`; `styles4`, everyday symptom language, and `styles5`, pages dense
# in regimens, in issue 5's seventeenth round; `styles6`, treatments and risks in people's
# own words, in the eighteenth; `styles7`, mainstream explainers dense in treatment, risk and
# diagnosis, and `styles8`, pages read before or after seeing a clinician, dense in regimens,
# in the nineteenth; `styles9`, pages dense in regimens, risk factors and prevalence, in the
# twenty-third; `styles10`, risk factors, diagnosis, and mechanisms and symptoms in running
# sentences, and `styles11`, prevalence, risk factors and mechanisms, in the twenty-fourth;
# `styles12`, regimens phrased every way, in the thirtieth).
# The blind set, which no rule is tuned on and the model never sees, is the outside set not
# in DEVELOPMENT_SETS: `blind28` (issue 5's thirty-first round, in mainstream styles on sites
# that none of `blind11` to `blind27` nor `styles10` to `styles12` used).
OUTSIDE_SETS: dict[str, str] = {"pages": "pages.jsonl", "dev": "dev.jsonl",
                                "unseen": "unseen.jsonl", "blind": "blind.jsonl",
                                "blind2": "blind2.jsonl", "blind3": "blind3.jsonl",
                                "blind4": "blind4.jsonl", "blind5": "blind5.jsonl",
                                "blind6": "blind6.jsonl", "blind7": "blind7.jsonl",
                                "blind8": "blind8.jsonl", "blind9": "blind9.jsonl",
                                "blind10": "blind10.jsonl", "styles1": "styles1.jsonl",
                                "styles2": "styles2.jsonl", "styles3": "styles3.jsonl",
                                "blind11": "blind11.jsonl", "blind12": "blind12.jsonl",
                                "blind13": "blind13.jsonl", "styles4": "styles4.jsonl",
                                "styles5": "styles5.jsonl", "blind14": "blind14.jsonl",
                                "styles6": "styles6.jsonl", "blind15": "blind15.jsonl",
                                "blind16": "blind16.jsonl", "styles7": "styles7.jsonl",
                                "styles8": "styles8.jsonl", "styles9": "styles9.jsonl",
                                "styles10": "styles10.jsonl", "styles11": "styles11.jsonl",
                                "styles12": "styles12.jsonl",
                                "blind17": "blind17.jsonl",
                                "blind18": "blind18.jsonl", "blind19": "blind19.jsonl",
                                "blind20": "blind20.jsonl", "blind21": "blind21.jsonl",
                                "blind22": "blind22.jsonl", "blind23": "blind23.jsonl",
                                "blind24": "blind24.jsonl", "blind25": "blind25.jsonl",
                                "blind26": "blind26.jsonl", "blind27": "blind27.jsonl",
                                "blind28": "blind28.jsonl"}
# The outside sets that rules are tuned on and the type model is trained on (with the train
# split); every other outside set is blind: no rule is tuned on it and the model never sees it.
# The styles sets come before the blind ones: leave one set out holds out the five newest
# blind sets (train_claims.HELD_OUT_SETS; `blind23` to `blind27` since blind27 joined in issue
# 5's thirty-first round).
DEVELOPMENT_SETS = ("pages", "dev", "unseen", "styles1", "styles2", "styles3", "styles4",
                    "styles5", "styles6", "styles7", "styles8", "styles9", "styles10", "styles11",
                    "styles12", "blind", "blind2", "blind3", "blind4", "blind5", "blind6",
                    "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13",
                    "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20",
                    "blind21", "blind22", "blind23", "blind24", "blind25", "blind26",
                    "blind27")
TYPES = ("diagnosis", "dosage", "food_source", "mechanism", "prevalence", "risk_factor",
         "symptom", "treatment")
MAIN_TYPES = ("mechanism", "symptom", "dosage")

# The floors, on the test split. Speed is measured and reported, not tested.
# The regression gate the tests hold: what the tagger reaches on the test split now (the
# shipped source, 356 test units), a little lower. The issue's
# targets are FLOORS below; `make eval` reports them, and where the gate is lower the
# target is not met yet.
GATE: dict[str, float] = {
    "micro_f1_main": 0.87,
    "type_f1": 0.75,
    # Diagnosis fell 0.760 -> 0.691 on the test split in issue 5's thirteenth round (its 25
    # test units lost precision when the model learnt from the styles sets) and read 0.704 in
    # the fourteenth, once blind10 joined the training data. Pinned at its floor.
    "type_f1:diagnosis": 0.70,
    "dosage_fields": 0.91,
    "hedged_accuracy": 0.97,
    "negated_accuracy": 0.99,
}

FLOORS: dict[str, float] = {
    "micro_f1_main": 0.85,          # micro-F1 over mechanism + symptom + dosage
    "type_f1": 0.70,                # each of the eight types
    "dosage_fields": 0.90,          # exact match per field over gold dosage units
    "hedged_accuracy": 0.90,
    "negated_accuracy": 0.90,
    "sentences_per_second": 2000.0,
}


def _read_units(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def load_units(split: str, claims_dir: Path = CLAIMS_DIR) -> list[dict[str, Any]]:
    """The gold units of one split ("test", "train") or outside set (OUTSIDE_SETS)."""
    if split in OUTSIDE_SETS:
        path = claims_dir / OUTSIDE_SETS[split]
        return _read_units(path) if path.exists() else []
    ids = set(json.loads((claims_dir / "split.json").read_text(encoding="utf-8"))[split])
    return [unit for name in CORPUS_FILES for unit in _read_units(claims_dir / name)
            if unit["id"] in ids]


def unit_input(unit: dict[str, Any]) -> UnitText:
    """What the tagger reads of a gold unit (the words around it are null where the unit has
    no source article: eval/claims/README.md)."""
    return UnitText(unit["text"], unit["kind"], unit["context"], unit.get("heading"),
                    unit.get("previous"))


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn,
            "support": tp + fn}


def _objects(dosage: Any) -> list[dict[str, Any]]:
    if dosage is None:
        return []
    return list(dosage) if isinstance(dosage, list) else [dosage]


def _same(gold: Any, predicted: Any) -> bool:
    if isinstance(gold, list) or isinstance(predicted, list):
        return isinstance(gold, list) and isinstance(predicted, list) and \
            len(gold) == len(predicted) and all(_same(g, p) for g, p in zip(gold, predicted))
    if isinstance(gold, (int, float)) and isinstance(predicted, (int, float)) \
            and not isinstance(gold, bool):
        return float(gold) == float(predicted)
    return gold == predicted


def dosage_field_scores(gold_units: list[dict[str, Any]],
                        predictions: list[UnitTags]) -> dict[str, Any]:
    """Exact match per field, over every gold dosage unit: objects are compared in text
    order, and a missing or extra object counts as wrong in every field."""
    correct = dict.fromkeys(DOSAGE_KEYS, 0)
    total = 0
    units = 0
    exact_units = 0
    for unit, tags in zip(gold_units, predictions):
        gold = _objects(unit["dosage"])
        if not gold:
            continue
        units += 1
        predicted = _objects(tags.dosage)
        count = max(len(gold), len(predicted))
        total += count
        unit_exact = len(gold) == len(predicted)
        for k in range(count):
            g = gold[k] if k < len(gold) else None
            p = predicted[k] if k < len(predicted) else None
            for key in DOSAGE_KEYS:
                if g is not None and p is not None and _same(g[key], p[key]):
                    correct[key] += 1
                else:
                    unit_exact = False
        exact_units += unit_exact
    per_field = {key: (correct[key] / total if total else 0.0) for key in DOSAGE_KEYS}
    overall = sum(correct.values()) / (total * len(DOSAGE_KEYS)) if total else 0.0
    return {"overall": overall, "per_field": per_field, "units": units, "objects": total,
            "units_exact": exact_units / units if units else 0.0}


# The interval printed under a figure: the central 95% of it over units resampled by article.
INTERVAL_RESAMPLES = 2000
INTERVAL_SEED = 5


def _cluster(unit: dict[str, Any], index: int) -> str:
    """The article a unit comes from ("blind9:cookbook_..."); a unit written on its own
    (source "written", or none) is its own."""
    source = unit.get("source") or ""
    return source if ":" in source else f"#{index}"


def f1_interval(gold_units: list[dict[str, Any]], predictions: list[UnitTags],
                types: tuple[str, ...]) -> tuple[float, float]:
    """A 95% bootstrap interval of the micro-F1 over `types`: whole articles are resampled,
    because an article's units share its style and so its errors (a set of ten articles
    is ten draws, not three hundred). Seeded, so the same on every run."""
    keys = [_cluster(unit, i) for i, unit in enumerate(gold_units)]
    clusters: dict[str, int] = {}
    counts = numpy.zeros((len(set(keys)), 3))
    for key, unit, tags in zip(keys, gold_units, predictions):
        row = clusters.setdefault(key, len(clusters))
        gold, predicted = set(unit["types"]) & set(types), set(tags.types) & set(types)
        counts[row] += (len(gold & predicted), len(predicted - gold), len(gold - predicted))
    if not len(counts):
        return 0.0, 0.0
    rng = numpy.random.default_rng(INTERVAL_SEED)
    draws = rng.integers(0, len(counts), size=(INTERVAL_RESAMPLES, len(counts)))
    weights = numpy.apply_along_axis(numpy.bincount, 1, draws, minlength=len(counts))
    tp, fp, fn = (weights @ counts).T
    denominator = 2 * tp + fp + fn
    f1 = numpy.divide(2 * tp, denominator, out=numpy.zeros_like(tp), where=denominator > 0)
    low, high = numpy.percentile(f1, [2.5, 97.5])
    return float(low), float(high)


def score(gold_units: list[dict[str, Any]], predictions: list[UnitTags]) -> dict[str, Any]:
    counts = {t: [0, 0, 0] for t in TYPES}
    hedged = negated = 0
    for unit, tags in zip(gold_units, predictions):
        gold, predicted = set(unit["types"]), set(tags.types)
        for t in TYPES:
            if t in gold and t in predicted:
                counts[t][0] += 1
            elif t in predicted:
                counts[t][1] += 1
            elif t in gold:
                counts[t][2] += 1
        hedged += tags.hedged == unit["hedged"]
        negated += tags.negated == unit["negated"]
    n = len(gold_units)
    main = [sum(counts[t][i] for t in MAIN_TYPES) for i in range(3)]
    return {
        "units": n,
        "types": {t: _f1(*counts[t]) for t in TYPES},
        "micro_f1_main": _f1(*main)["f1"],
        "micro_f1_main_interval": f1_interval(gold_units, predictions, MAIN_TYPES),
        "type_f1_interval": {t: f1_interval(gold_units, predictions, (t,)) for t in TYPES},
        "hedged_accuracy": hedged / n if n else 0.0,
        "negated_accuracy": negated / n if n else 0.0,
        "dosage_fields": dosage_field_scores(gold_units, predictions),
    }


def measure_speed(units: list[dict[str, Any]], nlp, passes: int = 7) -> float:
    """Units (sentences, items, rows) tagged per CPU second: the best of several passes,
    timed with process_time so other work on a shared machine does not count."""
    batch = [unit_input(u) for u in units]
    tag_units(batch, nlp)               # warm up: caches, vocabulary
    best = 0.0
    for _ in range(passes):
        start = time.process_time()
        tag_units(batch, nlp)
        elapsed = time.process_time() - start
        if elapsed > 0:
            best = max(best, len(batch) / elapsed)
    return best


def tag_gold(units: list[dict[str, Any]], nlp) -> list[UnitTags]:
    return tag_units([unit_input(u) for u in units], nlp)


def evaluate(type_source: str | None = None, speed: bool = True,
             claims_dir: Path = CLAIMS_DIR, blind: bool = True) -> dict:
    """Scores on the test split (and train and the outside sets, for comparison). With
    `blind` false the blind set is left out, so whoever tunes rules never sees its figures."""
    nlp = get_nlp(type_source)
    results: dict[str, Any] = {"type_source": type_source or "default"}
    outside = OUTSIDE_SETS if blind else DEVELOPMENT_SETS
    for split in ("test", "train", *outside):
        units = load_units(split, claims_dir)
        if units:
            results[split] = score(units, tag_gold(units, nlp))
    if speed:
        results["sentences_per_second"] = measure_speed(load_units("test", claims_dir), nlp)
    results["floors_missed"] = floors_missed(results)
    return results


def failures(results: dict) -> list[str]:
    """The floors missed, as `make eval` (pipeline/evaluate.py) asks each evaluation."""
    return floors_missed(results)


def floors_missed(results: dict, split: str = "test") -> list[str]:
    """The issue's floors missed on `split` (the floors are defined on the test split)."""
    scores = results[split]
    missed = []
    if scores["micro_f1_main"] < FLOORS["micro_f1_main"]:
        low, high = scores["micro_f1_main_interval"]
        missed.append(f"micro-F1 mechanism+symptom+dosage {scores['micro_f1_main']:.3f} "
                      f"< {FLOORS['micro_f1_main']} (95% interval {low:.2f}-{high:.2f})")
    for t, s in scores["types"].items():
        if s["f1"] < FLOORS["type_f1"]:
            low, high = scores["type_f1_interval"][t]
            missed.append(f"{t} F1 {s['f1']:.3f} < {FLOORS['type_f1']} "
                          f"(95% interval {low:.2f}-{high:.2f})")
    if scores["dosage_fields"]["overall"] < FLOORS["dosage_fields"]:
        missed.append(f"dosage fields {scores['dosage_fields']['overall']:.3f} "
                      f"< {FLOORS['dosage_fields']}")
    for key in ("hedged_accuracy", "negated_accuracy"):
        if scores[key] < FLOORS[key]:
            missed.append(f"{key} {scores[key]:.3f} < {FLOORS[key]}")
    speed = results.get("sentences_per_second")
    if split == "test" and speed is not None and speed < FLOORS["sentences_per_second"]:
        missed.append(f"speed {speed:.0f} sentences/s < {FLOORS['sentences_per_second']:.0f}")
    return missed


def _short(value: float) -> str:
    """A figure from 0 to 1 in three characters: ".86", "1.0"."""
    return "1.0" if value >= 0.995 else f"{value:.2f}"[1:]


def report(results: dict) -> str:
    lines = [f"Claim tagger on eval/claims (types from: {results['type_source']})", ""]
    test = results["test"]
    outside = [name for name in OUTSIDE_SETS if name in results]
    others = ["train", *outside]
    splits = [test] + [results[name] for name in others]
    lines.append(f"{'type':<13}{'test P':>8}{'R':>7}{'F1':>7}{'n':>5}"
                 + "".join(f"   {name + ' F1':>9}{'n':>5}" for name in others))
    for t in TYPES:
        s = test["types"][t]
        lines.append(f"{t:<13}{s['precision']:>8.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
                     f"{s['support']:>5}" + "".join(
                         f"   {results[name]['types'][t]['f1']:>9.3f}"
                         f"{results[name]['types'][t]['support']:>5}" for name in others))
    lines.append("")

    def row(label: str, values: list[float], floor: float | None = None) -> str:
        cells = "".join(f"{v:>9.3f}" for v in values)
        return f"{label:<36}{cells}" + (f"{floor:>9.2f}" if floor is not None else "")

    names = ["test", *others]
    lines.append(f"{'':<36}" + "".join(f"{n:>9}" for n in names) + f"{'floor':>9}")
    for label, key in (("micro-F1 mechanism+symptom+dosage", "micro_f1_main"),
                       ("hedged accuracy", "hedged_accuracy"),
                       ("negated accuracy", "negated_accuracy")):
        lines.append(row(label, [x[key] for x in splits], FLOORS[key]))
        if key == "micro_f1_main":
            # ".86-.92": the two ends without their "0", to fit the column.
            lines.append(f"{'  95% interval, articles resampled':<36}" + "".join(
                f"{'-'.join(_short(v) for v in x['micro_f1_main_interval']):>9}"
                for x in splits))
    lines.append(row("dosage fields exact (all fields)",
                     [x["dosage_fields"]["overall"] for x in splits], FLOORS["dosage_fields"]))
    for key in DOSAGE_KEYS:
        lines.append(row("  " + key, [x["dosage_fields"]["per_field"][key] for x in splits]))
    lines.append(row("  units with every object exact",
                     [x["dosage_fields"]["units_exact"] for x in splits]))
    lines.append(f"{'  gold units / objects compared':<36}" + "".join(
        f"{str(x['dosage_fields']['units']) + '/' + str(x['dosage_fields']['objects']):>9}"
        for x in splits))
    if results.get("sentences_per_second") is not None:
        lines.append(f"{'speed (units/second, one core)':<36}"
                     f"{results['sentences_per_second']:>9.0f}"
                     f"{'':>{9 * (len(splits) - 1)}}{FLOORS['sentences_per_second']:>9.0f}")
    lines.append("")
    missed = results["floors_missed"]
    lines.append("floors (test split): all met" if not missed
                 else "floors missed (test split): " + "; ".join(missed))
    for name in outside:
        below = floors_missed(results, name)
        lines.append(f"{name} units ({results[name]['units']}, not a floor): "
                     + ("all at or above the floors" if not below
                        else "below the floors: " + "; ".join(below)))
    return "\n".join(lines)


def agreement(second_path: Path, claims_dir: Path = CLAIMS_DIR) -> str:
    """A second annotator's labels of an outside set scored against the set's own labels, the
    way the tagger is scored: how far two people following the same guide agree."""
    second = _read_units(second_path)
    name = second[0]["id"].split(":", 1)[0] if second else ""
    if name not in OUTSIDE_SETS:
        raise ValueError(f"{second_path}: its ids name no outside set ({name!r})")
    gold = load_units(name, claims_dir)
    if [u["id"] for u in gold] != [u["id"] for u in second]:
        raise ValueError(f"{second_path}: not the units of {name}, in the same order")
    result = score(gold, [UnitTags(tuple(u["types"]), u["hedged"], u["negated"], u["dosage"])
                          for u in second])
    cells = ", ".join(f"{t} {result['types'][t]['f1']:.3f}" for t in TYPES)
    return (f"second annotator vs {name} ({len(gold)} units): micro-F1 "
            f"{'+'.join(MAIN_TYPES)} {result['micro_f1_main']:.3f}; dosage fields exact "
            f"{result['dosage_fields']['overall']:.3f}; hedged {result['hedged_accuracy']:.3f}, "
            f"negated {result['negated_accuracy']:.3f}\n  F1 by type: {cells}")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--types", default=None,
                        help="where types come from: rules, model or combined "
                             "(default: the shipped choice)")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed benchmark")
    parser.add_argument("--development-only", action="store_true",
                        help="leave the blind set out of the report (for whoever tunes rules)")
    parser.add_argument("--agreement", type=Path, metavar="JSONL",
                        help="only score a second annotator's labels of an outside set "
                             "against the set's own (eval/claims/agreement/)")
    args = parser.parse_args(argv)
    if args.agreement:
        print(agreement(args.agreement))
        return 0
    results = evaluate(args.types, speed=not args.no_speed, blind=not args.development_only)
    print(report(results))
    return 1 if results["floors_missed"] else 0


if __name__ == "__main__":
    sys.exit(main())
