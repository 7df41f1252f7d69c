"""Every cleaning rule in pipeline/rules/cleaning.toml removes its examples and keeps its look-alikes."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.rules import cleaning_rules

RULES = [r for section in cleaning_rules().values() for r in section]
WHOLE_TEXT_RULES = [r for r in RULES if r.section != "move"]


def test_every_rule_has_a_name_kind_and_both_kinds_of_example():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names)), "rule names must be unique"
    for rule in RULES:
        assert rule.kind, rule.name
        assert rule.removes, f"{rule.name} has no example it removes"
        assert rule.keeps, f"{rule.name} has no look-alike it keeps"


@pytest.mark.parametrize("rule,example",
                         [(r, e) for r in WHOLE_TEXT_RULES for e in r.removes], ids=lambda x: getattr(x, "name", x))
def test_rule_removes_its_example(rule, example):
    if rule.section == "inline":
        assert rule.may_match(example), "its triggers must let the example through"
        new, made = rule.substitute(example)
        assert made and new != example
    else:
        assert rule.may_match(example), "its triggers must let the example through"
        assert rule.matches(example)
        assert rule.may_match(example.upper())


@pytest.mark.parametrize("rule,example",
                         [(r, e) for r in WHOLE_TEXT_RULES for e in r.keeps], ids=lambda x: getattr(x, "name", x))
def test_rule_keeps_its_look_alike(rule, example):
    if rule.section == "inline":
        new, made = rule.substitute(example)
        assert new == example and not made
    else:
        assert not rule.matches(example)


def test_move_rules_take_the_value_out_of_the_text():
    for rule in cleaning_rules()["move"]:
        for example in rule.removes:
            assert rule.may_match(example), "its triggers must let the example through"
            assert rule.regex.search(example), (rule.name, example)
        for example in rule.keeps:
            assert not rule.regex.search(example), (rule.name, example)



def test_folds_to_ascii_lists_every_letter_ignorecase_reads_as_ascii():
    import re
    import sys

    from pipeline.rules import FOLDS_TO_ASCII
    letter = re.compile("[a-z]", re.IGNORECASE)
    folding = "".join(c for c in map(chr, range(128, sys.maxunicode + 1)) if letter.fullmatch(c))
    assert folding == FOLDS_TO_ASCII.pattern.strip("[]")


def test_every_meta_rule_has_triggers():
    # clean.move_metadata skips a line holding none of the meta triggers.
    assert all(rule.triggers for rule in cleaning_rules()["meta"])


# The citation patterns as first written, with the lookbehind at the start; the rule file's
# start at the space for speed and must take out exactly the same.
PLAIN_CITATIONS = {
    "trailing_citation": r"(?<=[a-z)][.!?])\s+(\d{1,3}(?:\s*,\s*\d{1,3})*)"
                         r"(?!\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
                         r"(?=\s+[A-Z]|\s*$)",
    "item_end_citation": r"(?<=[a-z)])\s+(\d{1,3}(?:,\s+\d{1,3})+)\s*$",
}


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["a", "z", ")", ".", "!", "?", " ", "  ", "\n", "\u00a0", "1",
                                 "23", "456", ",", ", ", "A", "B12", "x.", "é", " September",
                                 "Oct"]),
                min_size=1, max_size=14).map("".join))
def test_citation_patterns_take_what_the_plain_ones_do(text):
    import re
    rules = {r.name: r for r in cleaning_rules()["move"]}
    for name, plain in PLAIN_CITATIONS.items():
        found = [(m.span(), m.groups()) for m in rules[name].regex.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in re.finditer(plain, text, re.DOTALL)]
