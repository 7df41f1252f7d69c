"""Dosage parser rules added for claims accuracy (issue 5): populations, substances, tables."""
from __future__ import annotations

import pytest

from pipeline.claims import build_nlp, tag_unit


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def _one(text, nlp, kind="sentence", context=None):
    tags = tag_unit(text, kind, context, nlp)
    assert "dosage" in tags.types
    assert isinstance(tags.dosage, dict)
    return tags.dosage


def test_group_defined_by_the_regimen_is_not_a_population(nlp):
    d = _one("People taking more than 1,500 mg of metformin a day for over 4 years are "
             "most affected.", nlp)
    assert d["population"] is None and d["amount"] == 1500


def test_form_inside_a_population_is_not_a_regimen(nlp):
    d = _one("Sublingual B12 tablets dissolve under the tongue and are popular with people "
             "who dislike swallowing pills.", nlp)
    assert d["route"] == "sublingual" and d["population"] == "people who dislike swallowing pills"


def test_table_population_column_gives_the_first_cell_as_written(nlp):
    d = _one("4 to 8 years | 10 mg", nlp, "table_row", "Age | Iron per day")
    assert d["population"] == "4 to 8 years" and d["substance"] == "iron"
    assert d["frequency"] == "daily"


@pytest.mark.parametrize("text,substance", [
    ("Take 10 mcg of vitamin D.", "vitamin D"),
    ("A typical dose of vitamin K2 is 100 mcg a day.", "vitamin K2"),
    ("Biotin 5,000 mcg daily can interfere with thyroid tests.", "biotin"),
])
def test_substances(nlp, text, substance):
    assert _one(text, nlp)["substance"] == substance


def test_age_with_plus_and_generic_head_with_age(nlp):
    assert _one("Men 19+ need 8 mg of iron a day.", nlp)["population"] == "men 19+"
    assert _one("Anyone over 50 should take 25 mcg of B12 daily.", nlp)["population"] == \
        "anyone over 50"


def test_a_few_times_a_week_is_kept_as_written_and_not_negated(nlp):
    tags = tag_unit("Take 250 to 500 mcg a few times a week.", nlp=nlp)
    assert tags.dosage["frequency"] == "a few times a week"
    assert not tags.negated


def test_units_skipped_by_the_shortcut_hold_no_dose(nlp):
    """may_hold_dose is a superset of the parser's signals: on every annotated unit and every
    seed sentence, a unit it skips gives no regimen when parsed in full."""
    from pipeline.claims import _unit_doc, document_units
    from pipeline.eval_claims import load_units
    from pipeline.extract import read_source
    from pipeline.stages import build_stages
    from pipeline.settings import Settings
    from pathlib import Path

    units = [(u["text"], u["kind"])
             for split in ("train", "test", "pages", "unseen") for u in load_units(split)]
    stages = build_stages(Settings(timeout=0))[:-1]
    for path in sorted(Path("raw").glob("*.txt")):
        doc = read_source(path)
        for stage in stages:
            doc = stage(doc)
        units += [(u.text, u.kind) for u in document_units(doc, nlp)]
    parser = nlp.get_pipe("claim_dosage").parser
    skipped = 0
    for text, kind in units:
        if parser.may_hold_dose(text):
            continue
        skipped += 1
        doc = _unit_doc(nlp, text, kind)
        for name in ("claim_sentences", "claim_lexicon"):
            doc = nlp.get_pipe(name)(doc)
        assert parser.parse_regimens(doc, kind, None) is None, text
    assert skipped > 100          # the shortcut does skip units


def test_relative_clause_inside_a_population_keeps_its_verb(nlp):
    d = _one("Toddlers from 1 to 3 years who are fussy eaters should get 10 mcg of vitamin D "
             "a day.", nlp)
    assert d["population"] == "toddlers from 1 to 3 years who are fussy eaters"
    d = _one("Adults with pale skin who work indoors should take 10 mcg of vitamin D daily.", nlp)
    assert d["population"] == "adults with pale skin who work indoors"


@pytest.mark.parametrize("text,duration", [
    ("Take 5 mg of folic acid daily until the end of the first trimester.",
     "until the end of the first trimester"),
    ("Then 250 mcg of B12 each day, long term.", "long term"),
])
def test_durations_of_use(nlp, text, duration):
    assert _one(text, nlp)["duration"] == duration


def test_teenage_is_part_of_the_population(nlp):
    assert _one("Teenage boys need 11 mg of iron a day.", nlp)["population"] == "teenage boys"
