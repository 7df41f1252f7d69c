"""Word-list tags and pattern sets (pipeline/claim_lexicon.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.matcher import Matcher

from pipeline.claim_lexicon import (PatternSet, _is_required, _length_range, as_star, gap_variants,
                                    literal_sequences,
                                    token_spec)
from pipeline.claim_rules import load_patterns
from pipeline.claims import build_nlp

CLAIMS_DIR = Path(__file__).resolve().parent.parent / "eval" / "claims"


@pytest.fixture(scope="session")
def nlp():
    return build_nlp()


@pytest.mark.parametrize("op, required", [
    (None, True), ("+", True), ("{1,3}", True), ("{2}", True), ("{2,}", True),
    ("?", False), ("*", False), ("!", False), ("{0,3}", False), ("{,3}", False),
])
def test_which_tokens_every_match_contains(op, required):
    assert _is_required(op) is required


@pytest.mark.parametrize("op, lengths", [
    (None, (1, 1)), ("!", (1, 1)), ("?", (0, 1)), ("*", (0, None)), ("+", (1, None)),
    ("{3}", (3, 3)), ("{0,14}", (0, 14)), ("{,5}", (0, 5)), ("{2,}", (2, None)),
])
def test_how_many_tokens_a_quantifier_matches(op, lengths):
    assert _length_range(op) == lengths


@pytest.mark.parametrize("notation, expected", [
    # one wide gap: run as "*", matches from 2 to 16 tokens long
    (["taking", "ANY {0,14}", "helps"], (["taking", "ANY *", "helps"], (2, 16))),
    (["a", "WORD {2,8}", "b"], (["a", "WORD *", "b"], (4, 10))),
    # a narrow gap costs little: left as it is
    (["taking", "ANY {0,3}", "helps"], None),
    # two tokens vary in length: a length check could not tell which one is long
    (["taking", "ANY {0,8}", "it ?", "helps"], None),
    (["taking", "ANY *", "helps"], None),
])
def test_wide_gaps_run_as_star_with_length_bounds(notation, expected):
    pattern = [token_spec(t) for t in notation]
    result = as_star(pattern)
    if expected is None:
        assert result is None
    else:
        assert result == ([token_spec(t) for t in expected[0]], expected[1])


@pytest.mark.parametrize("notation, expected", [
    # the narrow gap in fixed lengths, the wide one left for as_star
    (["see", "ANY {0,2}", "if", "ANY {0,15}", "numb"],
     [["see", "if", "ANY {0,15}", "numb"], ["see", "ANY", "if", "ANY {0,15}", "numb"],
      ["see", "ANY", "ANY", "if", "ANY {0,15}", "numb"]]),
    (["taking", "ANY {0,8}", "it ?", "helps"],
     [["taking", "ANY {0,8}", "helps"], ["taking", "ANY {0,8}", "it", "helps"]]),
    # one varying token, no wide gap, an unbounded one, or too many copies: as it is
    (["taking", "ANY {0,14}", "helps"], None),
    (["taking", "ANY {0,3}", "it ?", "helps"], None),
    (["taking", "ANY *", "it ?", "ANY {0,9}", "helps"], None),
    (["a", "ANY {0,9}", "b", "ANY {0,20}", "c", "ANY {0,9}", "d"], None),
])
def test_a_pattern_with_several_varying_tokens_is_split_into_fixed_length_copies(
        notation, expected):
    pattern = [token_spec(t) for t in notation]
    wanted = [pattern] if expected is None else [[token_spec(t) for t in v] for v in expected]
    assert gap_variants(pattern) == wanted


@pytest.mark.parametrize("text, found", [
    ("Call us if you feel numb.", True),
    ("Call us " + "x " * 5 + "if you feel numb.", True),                    # first gap at 6
    ("Call us today " + "x " * 5 + "if you feel numb.", False),      # and over it
    ("Call us if " + "x " * 15 + "numb.", True),                       # second gap at 15
    ("Call us if " + "x " * 16 + "numb.", False),                      # and over it
])
def test_a_pattern_with_two_gaps_keeps_both_limits(nlp, text, found):
    entries = ({"label": "not:symptom",
                "pattern": ["call", "ANY {0,6}", "if", "ANY {0,15}", "numb"]},)
    patterns = PatternSet(nlp, entries)
    doc = nlp.get_pipe("claim_lexicon")(nlp.make_doc(text))
    assert bool(patterns.pattern_matches(doc)) is found


@pytest.mark.parametrize("text, found", [
    ("Taking it helps.", True),
    ("Taking " + "x " * 14 + "helps.", True),       # 14 tokens between: the widest gap
    ("Taking " + "x " * 15 + "helps.", False),      # 15: too far apart
])
def test_a_starred_pattern_keeps_its_gap_limit(nlp, text, found):
    entries = ({"label": "treatment", "pattern": ["taking", "ANY {0,14}", "helps"]},)
    patterns = PatternSet(nlp, entries)
    doc = nlp.get_pipe("claim_lexicon")(nlp.make_doc(text))
    assert bool(patterns.pattern_matches(doc)) is found
    assert all(label == "treatment" for label, _, _ in patterns.pattern_matches(doc))


def _corpus_texts() -> list[str]:
    texts = []
    for name in ("seeds.jsonl", "written.jsonl"):
        for line in (CLAIMS_DIR / name).read_text(encoding="utf-8").splitlines():
            unit = json.loads(line)
            texts.append(unit["text"])
            if unit["context"]:
                texts.append(unit["context"])
    return texts


@pytest.mark.parametrize("text, runs, found", [
    ("1 in 4 adults have it.", True, True),
    ("One in four adults have it.", True, True),        # spelt out: still like a number
    ("It runs in families.", False, False),             # "in" alone: the pattern is not run
    ("It is first in line.", True, False),              # an ordinal is like a number: run
])
def test_a_pattern_with_a_number_runs_only_on_units_with_a_number(nlp, text, runs, found):
    """A required "NUM" token is a trigger: a unit without a number-like token never runs
    the pattern, and the matches stay those of a plain Matcher."""
    entries = ({"label": "prevalence", "pattern": ["NUM", "in", "NUM"]},)
    patterns = PatternSet(nlp, entries)
    doc = nlp.get_pipe("claim_lexicon")(nlp.make_doc(text))
    assert bool(patterns.groups_for(doc)) is runs
    assert bool(patterns.pattern_matches(doc)) is found
    assert patterns.pattern_matches(doc) == {
        (nlp.vocab.strings[m], s, e) for m, s, e in _one_matcher(nlp, entries)(doc)}


def _one_matcher(nlp, entries) -> Matcher:
    """Every pattern of a rule file in one plain Matcher: what the trigger filing must equal."""
    matcher = Matcher(nlp.vocab)
    for entry in entries:
        if "pattern" in entry:
            matcher.add(entry["label"], [[token_spec(t) for t in entry["pattern"]]])
    return matcher


@pytest.mark.parametrize("rule_file", ["type_patterns.jsonl", "context_cues.jsonl",
                                       "leadin_patterns.jsonl"])
def test_triggered_matchers_find_what_one_matcher_finds(nlp, rule_file):
    """Filing patterns under triggers is only a speed-up: on every annotated unit, the
    matches are exactly those of a single Matcher with all the patterns."""
    entries = load_patterns(rule_file)
    patterns = PatternSet(nlp, entries)
    reference = _one_matcher(nlp, entries)
    strings = nlp.vocab.strings
    checked = 0
    for text in _corpus_texts():
        doc = nlp.get_pipe("claim_lexicon")(nlp.make_doc(text))
        expected = {(strings[m], s, e) for m, s, e in reference(doc)}
        assert patterns.pattern_matches(doc) == expected, text
        checked += bool(expected)
    assert checked > 20


def test_groups_kept_by_trigger_words_are_the_groups_of_the_whole_unit(nlp):
    """A unit's groups depend only on the trigger words and lists it holds: the kept choice
    equals the choice made from all its words and lists, and units share choices."""
    from pipeline.claim_lexicon import unit_traits, unit_words_and_tags
    patterns = PatternSet(nlp, load_patterns("type_patterns.jsonl"))
    texts = _corpus_texts()
    for text in texts:
        doc = nlp.get_pipe("claim_lexicon")(nlp.make_doc(text))
        whole = patterns._groups_of(frozenset(unit_words_and_tags(doc)[0]),
                                    frozenset(unit_traits(doc)))
        assert patterns.groups_for(doc) == whole, text
    assert len(patterns._groups) < len(texts)


@pytest.mark.parametrize("notation,expected", [
    (["due", "to"], [("due", "to")]),
    (["is|are", "often ?", "given"], [("is", "often", "given"), ("is", "given"),
                                      ("are", "often", "given"), ("are", "given")]),
    (["n't|not", "take"], [("n't", "take"), ("not", "take")]),
    # Anything but fixed words stays a Matcher pattern.
    (["due", "ANY {0,2}", "to"], None),
    (["for", "@symptom"], None),
    (["the", "WORD"], None),
    (["the", "ANY"], None),
    (["NUM", "times"], None),
    (["re:^\\d+$", "times"], None),
    (["ORTH:B12", "level"], None),
    (["more ?"], None),
    (["very", "much +"], None),
])
def test_patterns_of_fixed_words_become_phrases(notation, expected):
    assert literal_sequences([token_spec(t) for t in notation]) == expected


@pytest.mark.parametrize("rule_file", ["type_patterns.jsonl", "context_cues.jsonl"])
def test_some_patterns_run_as_phrases(nlp, rule_file):
    assert len(PatternSet(nlp, load_patterns(rule_file)).literals) > 0


@pytest.mark.parametrize("rule_file, labels", [
    ("context_cues.jsonl", ("HEDGE", "NEGATION")), ("type_patterns.jsonl", ("dosage",)),
    ("type_patterns.jsonl", ("symptom", "not:symptom"))])
def test_may_match_never_hides_a_match(nlp, rule_file, labels):
    """may_match says False only for units where no pattern or phrase of the labels
    matches; and it does say False for some units (it saves matcher calls)."""
    patterns = PatternSet(nlp, load_patterns(rule_file))
    skipped = 0
    for text in _corpus_texts():
        doc = nlp.get_pipe("claim_lexicon")(nlp.make_doc(text))
        if not patterns.may_match(doc, labels):
            assert not [m for m in patterns(doc) if m[0] in labels], text
            skipped += 1
    assert skipped > 20


def test_may_match_without_needs_is_always_true(nlp):
    entries = ({"label": "X", "pattern": ["ANY", "WORD"]},
               {"label": "Y", "phrases": ["rare phrase"]})
    patterns = PatternSet(nlp, entries)
    doc = nlp.get_pipe("claim_lexicon")(nlp.make_doc("Nothing here."))
    assert patterns.may_match(doc, ("X",)) and patterns.may_match(doc, ("X", "Y"))
    assert not patterns.may_match(doc, ("Y",))
    assert patterns.may_match(nlp.get_pipe("claim_lexicon")(nlp.make_doc("A RARE one.")),
                              ("Y",))


def test_word_set_flags_belong_to_their_vocabulary():
    """A flag made for a vocabulary that is gone is not handed to a new one that happens to
    reuse its id (the bug made Matchers silently miss matches in long test runs)."""
    import gc

    import spacy

    from pipeline.claim_lexicon import word_set_flag

    words = frozenset(["numbness", "tingling"])
    for _ in range(30):
        vocab = spacy.blank("en").vocab
        flag = word_set_flag(vocab, words)
        assert flag is not None and vocab["tingling"].check_flag(flag)
        assert not vocab["pain"].check_flag(flag)
        del vocab
        gc.collect()


def test_unit_attrs_are_doc_underscore():
    """UnitAttrs reads and writes what doc._ does, for every unit extension."""
    import spacy

    from pipeline.claim_lexicon import UNIT_EXTENSIONS, UnitAttrs, register_unit_extensions

    register_unit_extensions()
    doc = spacy.blank("en")("Take 10 mcg a day.")
    for name, default in UNIT_EXTENSIONS.items():
        assert getattr(UnitAttrs(doc), name) == default == getattr(doc._, name)
        setattr(doc._, name, ("via doc._", name))
        assert getattr(UnitAttrs(doc), name) == ("via doc._", name)
        setattr(UnitAttrs(doc), name, ("via UnitAttrs", name))
        assert getattr(doc._, name) == ("via UnitAttrs", name)
    with pytest.raises(AttributeError):
        UnitAttrs(doc).no_such_extension
    with pytest.raises(AttributeError):
        UnitAttrs(doc).no_such_extension = 1


def test_natively_tested_word_lists_match_the_tokens_their_tags_do(nlp):
    """"@name" of a list in NATIVE_LIST_ATTRS runs as its token attribute equal to the list's
    mark: on the gold units, each such test matches exactly the tokens "TAG IN tags_with(name)"
    does (the claim_lexicon component sets both)."""
    from pipeline.claim_lexicon import NATIVE_LIST_ATTRS, native_list_spec, tags_with
    from pipeline.claims import tagged_docs
    from pipeline.eval_claims import load_units, unit_input

    assert NATIVE_LIST_ATTRS
    docs = tagged_docs([unit_input(u) for u in load_units("test")], nlp, spread=False)
    for name in NATIVE_LIST_ATTRS:
        by_tag, native = Matcher(nlp.vocab), Matcher(nlp.vocab)
        spec = {"TAG": {"IN": list(tags_with(name))}}
        by_tag.add(name, [[spec]])
        native.add(name, [[native_list_spec(spec)]])
        assert "TAG" not in native_list_spec(spec)
        found = 0
        for doc in docs:
            expected = by_tag(doc, allow_missing=True)
            assert native(doc, allow_missing=True) == expected
            found += len(expected)
        assert found > 0


def test_quick_set_tests_answer_as_spacys_set_tests(nlp):
    """quick_set_test swaps spaCy's LOWER/TAG set tests for closures: same answer, a bool."""
    from spacy.matcher.matcher import _SetPredicate

    from pipeline.claim_lexicon import quick_set_test

    matcher = Matcher(nlp.vocab, validate=False)
    matcher.add("x", [[{"LOWER": {"IN": ["low", "b12"]}}, {"LOWER": {"NOT_IN": ["in"]}},
                       {"TAG": {"IN": ["L:symptom"]}}, {"TAG": {"NOT_IN": ["L:symptom"]}},
                       {"LOWER": {"REGEX": "^fe"}}]])
    tests = matcher._extra_predicates
    quick = [quick_set_test(p) for p in tests]
    assert [type(t) is _SetPredicate for t in tests] == [True] * 4 + [False]
    assert [q is t for q, t in zip(quick, tests)] == [False] * 4 + [True]   # a regex stays
    doc = nlp.get_pipe("claim_lexicon")(nlp.make_doc("Low B12 in feet causes numbness and FEVER"))
    for test, fast in zip(tests, quick):
        assert [fast(token) for token in doc] == [test(token) for token in doc]
        assert all(type(fast(token)) is bool for token in doc)
