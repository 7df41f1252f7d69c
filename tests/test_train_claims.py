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
    blind_sets = [name for name in OUTSIDE_SETS if name not in DEVELOPMENT_SETS]
    assert blind_sets, "there must be a blind set the model has not seen"
    for held_out in ("test", *blind_sets):
        assert not learned & {u["id"] for u in load_units(held_out)}, held_out
