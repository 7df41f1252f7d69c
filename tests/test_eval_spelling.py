"""The spelling evaluation: every floor holds (speed is measured, not tested) and the scorer is right."""
from __future__ import annotations

import pytest

from pipeline import eval_spelling
from pipeline.eval_spelling import FLOORS, evaluate, failures, passes, report


@pytest.fixture(scope="session")
def results():
    """One evaluation for the whole session: it runs the stage over every list."""
    return evaluate()


@pytest.mark.parametrize("name", [n for n in FLOORS if n != "words_per_second"])
def test_floor_holds(results, name):
    assert passes(name, results[name]), report(results)


def test_no_correct_term_changed(results):
    assert results["detail"]["false_corrections"]["changed"] == []
    assert results["detail"]["false_corrections"]["terms"] >= 500


def test_seed_rows_all_accounted_for(results):
    seeds = results["detail"]["seeds"]
    assert seeds["false_fixes"] == []
    assert seeds["reachable"] + len(seeds["unreachable"]) == seeds["rows"]


def test_report_shows_every_measure(results):
    text = report(results)
    for label in ("false corrections", "misspelling recall", "seed precision", "seed recall",
                  "words per second"):
        assert label in text


@pytest.mark.parametrize("before, after, expected", [
    ("pain.While often", "pain. While often", [(5, 5, " ")]),
    ("Its essential", "It’s essential", [(0, 3, "It’s")]),
    ("neural damage", "neural damage.", [(13, 13, ".")]),
    ("the the meal", "the meal", [(0, 4, "")]),
    ("same", "same", []),
])
def test_changes_are_located_in_the_input(before, after, expected):
    changes = eval_spelling._changes(before, after)
    assert changes == expected
    for start, end, new in reversed(changes):
        before = before[:start] + new + before[end:]
    assert before == after


def test_passes_reads_ceilings_and_floors():
    assert passes("false_corrections", 0) and not passes("false_corrections", 1)
    assert passes("recall", 0.9) and not passes("recall", 0.89)


def test_failures_name_missed_floors(results):
    assert failures({**results, "words_per_second": 10**9}) == []
    missed = failures({**results, "false_corrections": 2, "recall": 0.5, "words_per_second": 1e9})
    assert [m.split()[0] for m in missed] == ["false_corrections", "recall"]
