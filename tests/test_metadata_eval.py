"""Metadata read from the 200 articles of eval/claims/blind10-blind27, styles10 and styles11
against what a careful reader expects (eval/metadata/expected.jsonl): no field may fall below its floor."""
import pytest

from pipeline import eval_metadata
from pipeline.eval_metadata import FIELDS, FLOORS, field_ok, load_expected


@pytest.fixture(scope="module")
def scored():
    return eval_metadata.score()


def test_every_article_has_an_expectation():
    rows = load_expected()
    assert len(rows) == len({r["path"] for r in rows}) == 200
    assert all(set(FIELDS) <= set(r) for r in rows)


@pytest.mark.parametrize("field", FIELDS)
def test_field_accuracy_holds_its_floor(scored, field):
    right, total, misses = scored
    assert right[field] >= FLOORS[field], [m for m in misses if m[1] == field]


COMPARISONS = [
    # field, what the pipeline gave, what the reader expects, right?
    ("author", "Dr Anne Whitlock", "Anne Whitlock", True),
    ("author", "Gemma Rourke; Callum Ferris", "Gemma Rourke", False),
    ("author", "Ann Lee; Tom Ray", "Tom Ray; Ann Lee", True),
    ("reviewer", "Amira Kowalczyk, MPharm", "Amira Kowalczyk", False),
    ("author", None, None, True),
    ("author", "Harriet Lowe", None, False),
    ("site_name", None, [None, "Farm Health"], True),
    ("site_name", "Kingsmead Chess Club", ["Kingsmead Chess Club Newsletter",
                                           "Kingsmead Chess Club"], True),
    ("published", "2025-05", "2025-05-01", False),
]


@pytest.mark.parametrize("field,got,expected,ok", COMPARISONS)
def test_comparison(field, got, expected, ok):
    assert field_ok(field, got, expected) is ok
