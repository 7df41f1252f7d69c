"""Token flags from the word lists, and the compact pattern notation the rule files use.

The claim pipeline has no part-of-speech tagger, so `token.tag_` is free: it carries the
names of the word lists a token belongs to ("L:condition:symptom"). The Matcher compares
TAG natively, which is about ten times faster than a custom `token._` attribute.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations
from typing import Any, Iterable

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.claim_rules import load_toml

LEXICON_FILE = "lexicons.toml"
_QUANTIFIER = re.compile(r"^(.*\S)\s+([?*+!]|\{\d*,?\d*\})$")


def register_unit_extensions() -> None:
    """What a unit's Doc carries: its kind and processed context in, its tags out."""
    for name, default in (("unit_kind", "sentence"), ("context_doc", None), ("dosage", None),
                          ("claim_types", ()), ("type_evidence", ()), ("hedged", False),
                          ("negated", False), ("type_scores", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


TAG_PREFIX = "L"


def lexicon_tag(names: Iterable[str]) -> str:
    """The tag of a token in these word lists: "L:condition:symptom"."""
    return ":".join([TAG_PREFIX, *sorted(names)])


@lru_cache(maxsize=None)
def lexicon_names() -> tuple[str, ...]:
    return tuple(sorted(load_toml(LEXICON_FILE)))


@lru_cache(maxsize=None)
def tags_with(name: str) -> tuple[str, ...]:
    """Every tag a token in word list `name` can carry (all subsets that include it)."""
    others = [n for n in lexicon_names() if n != name]
    if name not in lexicon_names():
        raise ValueError(f"unknown word list @{name}")
    tags = []
    for size in range(len(others) + 1):
        for combo in combinations(others, size):
            tags.append(lexicon_tag((name, *combo)))
    return tuple(tags)


def register_lexicon_flags() -> tuple[str, ...]:
    return lexicon_names()


def token_spec(item: str | dict[str, Any]) -> dict[str, Any]:
    """One token of the compact notation (see the header of type_patterns.jsonl)."""
    if isinstance(item, dict):
        return item
    op = None
    match = _QUANTIFIER.match(item)
    if match and item not in ("?", "*", "+", "!"):
        item, op = match.group(1), match.group(2)
    if item.startswith("@"):
        if "|" in item:
            raise ValueError(f"a word list cannot be combined with other words: {item!r}")
        spec: dict[str, Any] = {"TAG": {"IN": list(tags_with(item[1:]))}}
    elif item == "NUM":
        # A count or figure; spaCy's LIKE_NUM also takes ordinals ("first").
        spec = {"LIKE_NUM": True,
                "LOWER": {"NOT_IN": load_toml("types.toml")["notation"]["ordinals"]}}
    elif item == "ANY":
        spec = {}
    elif item == "WORD":
        spec = {"IS_PUNCT": False}
    elif item == "PUNCT":
        spec = {"IS_PUNCT": True}
    elif item.startswith("re:"):
        spec = {"LOWER": {"REGEX": item[3:]}}
    elif item.startswith("ORTH:"):
        spec = {"ORTH": item[5:]}
    elif "|" in item and len(item) > 1:
        spec = {"LOWER": {"IN": item.split("|")}}
    else:
        spec = {"LOWER": item.lower()}
    if op:
        spec["OP"] = op
    return spec


_WORD_SET_FLAGS: dict[tuple[int, frozenset[str]], int] = {}


def word_set_flag(vocab: Vocab, words: frozenset[str]) -> int | None:
    """A lexeme flag for "is one of these words", or None when no flag is left.

    The Matcher tests a lexeme flag natively but calls Python for a LOWER IN set, on every
    token for a pattern's first token: flags there make the type tagger about twice as fast.
    """
    key = (id(vocab), words)
    if key not in _WORD_SET_FLAGS:
        try:
            _WORD_SET_FLAGS[key] = vocab.add_flag(lambda text, w=words: text.lower() in w)
        except ValueError:          # all 64 flag bits taken
            return None
    return _WORD_SET_FLAGS[key]


def first_token_native(vocab: Vocab, spec: dict[str, Any]) -> dict[Any, Any]:
    lower = spec.get("LOWER")
    if not (isinstance(lower, dict) and set(lower) == {"IN"}) or set(spec) - {"LOWER", "OP"}:
        return spec
    flag = word_set_flag(vocab, frozenset(lower["IN"]))
    if flag is None:
        return spec
    native: dict[Any, Any] = {flag: True}
    if "OP" in spec:
        native["OP"] = spec["OP"]
    return native


class PatternSet:
    """Labelled Matcher and PhraseMatcher patterns from a rule file's entries."""

    def __init__(self, nlp: Language, entries: tuple[dict[str, Any], ...]):
        # Checked once here; the Matcher's own validation rejects the lexeme-flag keys.
        checker = Matcher(nlp.vocab, validate=True)
        self.matcher = Matcher(nlp.vocab, validate=False)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entry in entries:
            label = entry["label"]
            if "pattern" in entry:
                pattern = [token_spec(t) for t in entry["pattern"]]
                checker.add(label, [pattern])
                pattern[0] = first_token_native(nlp.vocab, pattern[0])
                self.matcher.add(label, [pattern])
            phrases = entry.get("phrases") or ([entry["phrase"]] if "phrase" in entry else [])
            if phrases:
                self.phrases.add(label, list(nlp.tokenizer.pipe(phrases)))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(label, start, end) of every match, in token order."""
        strings = doc.vocab.strings
        found = [(strings[m], s, e) for m, s, e in self.matcher(doc)]
        found += [(strings[m], s, e) for m, s, e in self.phrases(doc)]
        return sorted(found, key=lambda x: (x[1], x[2], x[0]))


@Language.factory("claim_lexicon", default_config={"lexicons": LEXICON_FILE})
def make_claim_lexicon(nlp: Language, name: str, lexicons: str) -> "ClaimLexicon":
    return ClaimLexicon(nlp, lexicons)


class ClaimLexicon:
    """Sets token.tag_ to the word lists each token's phrase belongs to."""

    def __init__(self, nlp: Language, lexicons: str):
        register_unit_extensions()
        register_lexicon_flags()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for list_name, terms in load_toml(lexicons).items():
            self.matcher.add(list_name, list(nlp.tokenizer.pipe(terms)))

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        lists: dict[int, set[str]] = {}
        for match_id, start, end in self.matcher(doc):
            name = strings[match_id]
            for i in range(start, end):
                lists.setdefault(i, set()).add(name)
        for i, names in lists.items():
            doc[i].tag_ = lexicon_tag(names)
        return doc
