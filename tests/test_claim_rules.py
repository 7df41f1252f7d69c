"""Loading and compiling the claim rules (pipeline/claim_rules.py)."""
from __future__ import annotations

import re

import pytest

from pipeline.claim_rules import compile_regex


@pytest.mark.parametrize("pattern, text", [
    (r"\b(?:daily|every day|(?<!\bfor )a day)\b", "Take 10 mcg A DAY, Every Day."),
    (r"\bonce (?:a|per) (?:day|week)\b", "once a week or Once Per Day"),
    (r"\b[a-z]+ing\b", "Tingling and BURNING"),
    (r"\bfor (?:\d+|two) weeks\b", "For 2 weeks – then for two WEEKS"),   # not ASCII
    (r"\bvitamin b12\b", "Vitamin B12 (µg) and VITAMIN b12"),             # not ASCII
])
def test_caseless_regex_finds_what_ignorecase_finds(pattern, text):
    expected = [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    regex = compile_regex(pattern)
    assert [(m.start(), m.end()) for m in regex.finditer(text)] == expected
    found = regex.search(text)
    assert (found.start(), found.end()) == expected[0]
    assert [(m.start(), m.end()) for m in regex.finditer(text, 3, len(text) - 2)] == \
        [(m.start(), m.end()) for m in re.compile(pattern, re.IGNORECASE)
         .finditer(text, 3, len(text) - 2)]


@pytest.mark.parametrize("pattern, folds", [
    (r"\bonce a day\b", True),
    (r"\s\S\w\W\d\D\B", True),             # escapes are not letters of the text
    (r"\bOnce a day\b", False),            # an uppercase letter would not match lowered text
    (r"(?-i:mg)\b", False),                # nor would a case-sensitive group
])
def test_only_patterns_without_uppercase_run_on_lowered_text(pattern, folds):
    assert (compile_regex(pattern).lowered is not None) is folds


def test_an_uppercase_pattern_still_matches_in_any_case():
    assert compile_regex(r"\bOnce a day\b").search("take it ONCE A DAY") is not None


@pytest.mark.parametrize("pattern, needles", [
    (r"\bonce a day\b", {"once a day"}),
    (r"\b(?:daily|every day|(?<!\bfor )a day)\b", {"daily", "every day", "a day"}),
    # Of the strings every match holds (" time", " a"/" per", " week"), the one English
    # text holds least often (wordfreq).
    (r"\b(?:\d+|two) times? (?:a|per) week\b", {" week"}),
    (r"\b\d+ ?mg\b", {"mg"}),
    (r"\b(?:mg|\w+)\b", None),                  # an alternative that promises nothing
    (r"(?:x)?\d+", None),                       # optional
    (r"\bK\b", None),                           # not foldable: no prefilter
    (r"–\s*\d", None),                          # not ASCII
])
def test_required_needles(pattern, needles):
    regex = compile_regex(pattern)
    assert (set(regex.needles) or None) == needles


def test_needles_never_hide_a_match():
    """Every phrase regex of the dosage rules finds the same matches in every gold unit
    with the needle prefilter as without it."""
    from pipeline.claim_rules import CaselessRegex
    from pipeline.claims import get_nlp
    from pipeline.eval_claims import OUTSIDE_SETS, load_units

    rules = get_nlp().get_pipe("claim_dosage").parser.rules
    regexes = [v for value in vars(rules).values()
               for v in (value if isinstance(value, (list, tuple, dict)) else [value])
               if isinstance(v, CaselessRegex)]
    regexes += [entry[0] for entry in (*rules.frequencies, *rules.durations)]
    regexes += list(rules.any_phrase.values())
    assert sum(bool(r.needles) for r in regexes) > 20
    texts = {u["text"] for split in ("test", "train", *OUTSIDE_SETS) for u in load_units(split)}
    for regex in regexes:
        for text in texts:
            plain = regex.caseless
            assert [m.span() for m in regex.finditer(text)] == \
                [m.span() for m in plain.finditer(text)], (regex.pattern, text)
            found, expected = regex.search(text), plain.search(text)
            assert (found and found.span()) == (expected and expected.span()), \
                (regex.pattern, text)
    assert all(r.branches is not None for r in rules.any_phrase.values())


def test_phrases_found_from_the_union_branches_are_those_of_every_pattern():
    """phrases() searches only the patterns whose union branch has its needles in the text:
    the same mentions as searching every pattern, in every gold unit."""
    from pipeline.claims import get_nlp
    from pipeline.eval_claims import OUTSIDE_SETS, load_units

    parser = get_nlp().get_pipe("claim_dosage").parser
    rules = parser.rules
    assert set(rules.phrase_branches) == {"frequency", "duration"}
    texts = {u["text"] for split in ("test", "train", *OUTSIDE_SETS) for u in load_units(split)}
    kept = rules.phrase_branches
    for kind in ("frequency", "duration"):
        found = [parser.phrases(text, kind) for text in texts]
        rules.phrase_branches = {}
        try:
            assert found == [parser.phrases(text, kind) for text in texts], kind
        finally:
            rules.phrase_branches = kept


@pytest.mark.parametrize("pattern, pieces", [
    (r"a|b(?:c|d)|[|(]|\||e", ["a", "b(?:c|d)", "[|(]", r"\|", "e"]),
    (r"[]|]x|[^]|]|(a|(b))", ["[]|]x", "[^]|]", "(a|(b))"]),
])
def test_top_level_branches(pattern, pieces):
    from pipeline.claim_rules import top_level_branches
    assert top_level_branches(pattern) == pieces


def test_a_union_searched_by_its_branches_finds_the_same_first_match():
    alternatives = [r"\bonce a (?:day|week)\b", r"(?<!\bfor )\ba day\b", r"\bdaily\b",
                    r"\btwice (?:a|per) day\b", r"\bat night\b", r"\bevery (?:\d+|two) hours\b",
                    r"\bweekly\b", r"\bin the morning\b"]
    regex = compile_regex("|".join(f"(?:{a})" for a in alternatives))
    assert regex.branches is not None
    plain = regex.caseless
    for text in ("Once a day, daily", "for a day, then A DAY", "daily or once a week",
                 "every 2 hours at night", "nothing here", "in the morning, weekly"):
        found, expected = regex.search(text), plain.search(text)
        assert (found and found.span()) == (expected and expected.span()), text


@pytest.mark.parametrize("text, found", [
    ("Take it ONCE A DAY – with food", (8, 18)),        # not ASCII, a needle: searched
    ("Take it once a week – with food", None),          # not ASCII, no needle: not searched
    ("Take it \u212aeep once a day – with food", (13, 23)),   # a letter read as ASCII (K)
    ("ON\u0130CE a day", None),
])
def test_a_text_that_is_not_ascii_skips_the_search_only_without_needles(text, found):
    regex = compile_regex(r"\bonce a day\b")
    assert regex.needles
    match = regex.search(text)
    assert (match and match.span()) == found
    assert [m.span() for m in regex.finditer(text)] == \
        [m.span() for m in regex.caseless.finditer(text)]


def test_a_needle_read_through_a_letter_ignorecase_folds_to_ascii():
    regex = compile_regex(r"\bkeep\b")
    assert regex.needles == ("keep",)
    assert regex.search("\u212aeep – it") is not None          # Kelvin sign K
    assert list(regex.finditer("\u212aeep – it"))
