"""Token flags from the word lists, and the compact pattern notation the rule files use."""
from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

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


def lexicon_flag(name: str) -> str:
    return f"lex_{name}"


def register_lexicon_flags() -> tuple[str, ...]:
    names = tuple(load_toml(LEXICON_FILE))
    for name in names:
        if not Token.has_extension(lexicon_flag(name)):
            Token.set_extension(lexicon_flag(name), default=False)
    return names


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
        spec: dict[str, Any] = {"_": {lexicon_flag(item[1:]): True}}
    elif item == "NUM":
        spec = {"LIKE_NUM": True}
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


class PatternSet:
    """Labelled Matcher and PhraseMatcher patterns from a rule file's entries."""

    def __init__(self, nlp: Language, entries: tuple[dict[str, Any], ...]):
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entry in entries:
            label = entry["label"]
            if "pattern" in entry:
                self.matcher.add(label, [[token_spec(t) for t in entry["pattern"]]])
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
    """Sets token._.lex_<list> on every token of a phrase from that word list."""

    def __init__(self, nlp: Language, lexicons: str):
        register_unit_extensions()
        register_lexicon_flags()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for list_name, terms in load_toml(lexicons).items():
            self.matcher.add(list_name, list(nlp.tokenizer.pipe(terms)))

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc):
            flag = lexicon_flag(strings[match_id])
            for token in doc[start:end]:
                token._.set(flag, True)
        return doc
