"""The cleanup gate: floors on the project's own expectations (eval/expect), pinned."""
import pytest

from pipeline import eval_cleanup


@pytest.fixture(scope="module")
def results():
    return eval_cleanup.evaluate()


def test_floors_hold(results):
    assert eval_cleanup.failures(results) == []


def test_pipeline_beats_plain_trafilatura_on_residue_and_matches_it_on_content(results):
    ours, theirs = results["totals"]["pipeline_html"], results["totals"]["trafilatura"]
    assert ours["residue_removed"] > theirs["residue_removed"]
    assert ours["content_kept"] >= theirs["content_kept"]


def test_every_expectation_file_was_scored(results):
    assert len(results["files"]) == len(list(eval_cleanup.EXPECT_DIR.glob("*.json"))) >= 17
