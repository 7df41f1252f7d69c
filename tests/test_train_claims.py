"""The committed claim type model is what `make train` gives from the train split today."""
import filecmp
from pathlib import Path

from pipeline.claim_model import MODEL_DIR
from pipeline.eval_claims import load_units
from pipeline.train_claims import train


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_the_committed_model_is_reproduced_by_training(tmp_path):
    """Fails when the train split, the word lists or the config changed without `make train`."""
    fresh = train(load_units("train"), tmp_path / "claim_types")
    assert _files(fresh) == _files(MODEL_DIR)
    _, mismatch, errors = filecmp.cmpfiles(MODEL_DIR, fresh, _files(MODEL_DIR), shallow=False)
    assert not mismatch and not errors, f"run `make train`: {mismatch or errors} differ"
