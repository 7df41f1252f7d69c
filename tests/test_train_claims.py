"""The committed claim type model is what `make train` gives from its training units today."""
import filecmp
from pathlib import Path

from pipeline.claim_model import MODEL_DIR
from pipeline.eval_claims import load_units
from pipeline.train_claims import train, training_units


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_the_committed_model_is_reproduced_by_training(tmp_path):
    """Fails when the training units, the word lists or the config changed without `make train`."""
    fresh = train(training_units(), tmp_path / "claim_types")
    assert _files(fresh) == _files(MODEL_DIR)
    _, mismatch, errors = filecmp.cmpfiles(MODEL_DIR, fresh, _files(MODEL_DIR), shallow=False)
    assert not mismatch and not errors, f"run `make train`: {mismatch or errors} differ"


def test_the_model_never_learns_from_the_test_split_or_a_blind_set():
    from pipeline.eval_claims import DEVELOPMENT_SETS, OUTSIDE_SETS

    learned = {u["id"] for u in training_units()}
    # blind27 joined the development sets in the thirty-first round; blind28 is the blind set.
    blind_sets = [name for name in OUTSIDE_SETS if name not in DEVELOPMENT_SETS]
    assert blind_sets == ["blind28"] and DEVELOPMENT_SETS[-1] == "blind27"
    for held_out in ("test", *blind_sets):
        assert not learned & {u["id"] for u in load_units(held_out)}, held_out


def test_on_site_styles_it_has_not_seen_the_shipped_source_beats_the_rules():
    """Leave one set out (the five newest development sets, each held out in turn from the
    model's training): the shipped source tags them better than the rules alone. The floor is
    pinned a little under what was measured when the per-type thresholds were chosen (0.821
    mean micro-F1 over blind4 to blind8; 0.846 over blind5 to blind9 in the thirteenth
    round; 0.829 over blind6 to blind10 in the fourteenth, whose blind10 read 0.742; 0.802 over
    blind10 to blind14 when blind14 joined in the eighteenth; 0.822 over blind11 to blind15 at
    the end of the nineteenth; 0.830 over blind12 to blind16 at the end of the twentieth, with
    the words around a unit; 0.823 over blind13 to blind17 at the end of the twenty-first;
    0.854 over blind15 to blind19 at the end of the twenty-third, with symptom at 0.6)."""
    from pipeline.claim_model import default_type_source
    from pipeline.train_claims import leave_one_set_out

    results = leave_one_set_out()
    mean = {source: sum(r[source]["micro_f1_main"] for r in results.values()) / len(results)
            for source in ("rules", default_type_source())}
    assert mean[default_type_source()] >= 0.84
    assert mean[default_type_source()] >= mean["rules"] + 0.03
