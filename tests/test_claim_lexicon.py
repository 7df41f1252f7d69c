"""Word-list tags and pattern sets (pipeline/claim_lexicon.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.matcher import Matcher

from pipeline.claim_lexicon import PatternSet, _is_required, token_spec
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


def _corpus_texts() -> list[str]:
    texts = []
    for name in ("seeds.jsonl", "written.jsonl"):
        for line in (CLAIMS_DIR / name).read_text(encoding="utf-8").splitlines():
            unit = json.loads(line)
            texts.append(unit["text"])
            if unit["context"]:
                texts.append(unit["context"])
    return texts


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
