"""The trained type model as a component, what it reads of a unit, and how it joins the rules."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.claim_lexicon import (NON_CLAIM_CONTEXT_KEEPS, TOKEN_COLUMN_ATTRS, UnitAttrs,
                                    lists_of_tag, register_unit_extensions, unit_text,
                                    unit_token_columns)
from pipeline.claim_rules import load_toml
from pipeline.claim_types import HEADING_TYPES, dropped_types, joined_types
from pipeline.type_classifier import ClassifierInput, TypeClassifier

# Committed with the package, so a fresh install tags without training. `python -m
# pipeline.train_claims` (make train) rewrites it from the committed config.
MODEL_DIR = Path(__file__).resolve().parent / "models" / "claim_types"
CONTEXT_JOIN = " || "
# rules: cue patterns only; model: the classifier (which reads the rule types too);
# combined: the classifier's types, and the rule and lead-in types types.toml [model] keeps
# (TypeJoin).
TYPE_SOURCES = ("rules", "model", "combined")


def abstract_words(doc: Doc) -> list[str]:
    """The unit's words, lowercased, each preceded by the word lists it belongs to
    ("lexsymptom numbness"), and numbers as "lexnumber": the model then generalises
    from the few hundred training units to words it has not seen."""
    cached = doc.user_data.get("abstract_words")
    if cached is not None:          # a list's context is read once for all its items
        return cached
    known = _TOKEN_WORDS
    known.strings = doc.vocab.strings
    # Values, not Token objects, and the same to_array call the rules read: this runs on
    # every unit; a token's words depend on its attribute values only, so each distinct
    # row is spelled out once, and the rows are looked up in C (map over the keys).
    words = doc.user_data["abstract_words"] = list(chain.from_iterable(
        map(known.__getitem__, zip(*unit_token_columns(doc)))))
    return words


class _TokenWords(dict):
    """(tag, lower, like_num, is_space) -> the token's abstract words, filled on first use
    from `strings` (hashes are the same in every vocabulary); bounded, as the vocabulary of
    a long batch grows."""

    strings = None

    def __missing__(self, row: tuple[int, ...]) -> list[str]:
        if len(self) >= MAX_KNOWN_TOKENS:
            self.clear()
        words = self[row] = _token_words(self.strings, *row)
        return words


_TOKEN_WORDS = _TokenWords()
MAX_KNOWN_TOKENS = 200_000


# What abstract_words reads of each token (claim_lexicon.unit_token_columns).
TOKEN_WORD_ATTRS = TOKEN_COLUMN_ATTRS


def _token_words(strings, tag: int, lower: int, like_num: int, space: int) -> list[str]:
    """abstract_words of one token, from its TOKEN_WORD_ATTRS values."""
    if space:
        return []
    words = [f"lex{name}" for name in lists_of_tag(strings[tag])] if tag else []
    word = strings[lower]
    words.append("lexnumber" if like_num and any(c.isdigit() for c in word) else word)
    return words


def model_text(doc: Doc, kind: str, context: Doc | None) -> str:
    """What the model reads and is trained on: the unit's abstract_words, after its lead-in's
    or header's for a list item or table row. Both docs must have been through the
    claim_lexicon component."""
    text = " ".join(abstract_words(doc))
    if context is not None and kind != "sentence":
        return f"{' '.join(abstract_words(context))}{CONTEXT_JOIN}{text}"
    return text


def classifier_input(doc: Doc, kind: str, context: Doc | None,
                     rule_types: tuple[str, ...]) -> ClassifierInput:
    """What the classifier reads of a unit that has been through the claim_lexicon component
    (and its context, if any), given the types the cue rules found; and around it, its
    heading path and, for a sentence, the unit before it (a list item has its lead-in)."""
    text = unit_text(doc)
    if context is not None and kind != "sentence":
        text = f"{unit_text(context)}{CONTEXT_JOIN}{text}"
    ext = UnitAttrs(doc)
    previous = ext.previous if kind == "sentence" else None
    return ClassifierInput(model_text(doc, kind, context), text, tuple(rule_types),
                           ext.heading or "", previous or "")


@lru_cache(maxsize=None)
def load_type_model(path: str = str(MODEL_DIR)) -> TypeClassifier:
    if not Path(path).exists():
        raise FileNotFoundError(f"no claim type model at {path}: run "
                                "`python -m pipeline.train_claims` (make train) first")
    return TypeClassifier.load(Path(path))


def default_type_source() -> str:
    return load_toml("types.toml")["model"]["source"]


def add_type_model(nlp: Language, source: str | None, model: str | None = None) -> Language:
    """Add the model component (the committed model, or the one in folder `model`) unless
    types come from the rules alone."""
    source = source or default_type_source()
    if source not in TYPE_SOURCES:
        raise ValueError(f"unknown type source {source!r}; one of {TYPE_SOURCES}")
    if source != "rules":
        nlp.add_pipe("claim_type_model",
                     config={"source": source, "model": model or str(MODEL_DIR)})
    return nlp


@Language.factory("claim_type_model", default_config={
    "source": "combined", "model": str(MODEL_DIR), "settings": "types.toml"})
def make_claim_type_model(nlp: Language, name: str, source: str, model: str,
                          settings: str) -> "ClaimTypeModel":
    return ClaimTypeModel(source, model, settings)


class ClaimTypeModel:
    """Scores the unit with the model and sets doc._.claim_types as `source` says."""

    def __init__(self, source: str, model: str, settings: str):
        register_unit_extensions()
        self.source = source
        self.model = load_type_model(model)
        data = load_toml(settings)
        self.types = tuple(data["types"])
        if set(self.model.types) != set(self.types):
            raise ValueError(f"the type model scores {self.model.types}, not {self.types}: "
                             "run `make train`")
        cfg = data["model"]
        self.join = TypeJoin.from_settings(cfg, self.types)
        self.question_marks = frozenset(data["units"]["question_marks"])

    def __call__(self, doc: Doc) -> Doc:
        self.set_types(doc, self.scores([doc])[0])
        return doc

    def pipe(self, docs, batch_size: int = 256):
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, docs: list[Doc]):
        for doc, scores in zip(docs, self.scores(docs)):
            self.set_types(doc, scores)
            yield doc

    def scores(self, docs: list[Doc]) -> list[dict[str, float]]:
        """{type: probability} per unit; the rule types are the docs' claim_types so far."""
        return self.model.scores(self.inputs(docs))

    @staticmethod
    def inputs(docs: list[Doc]) -> list[ClassifierInput]:
        """classifier_input of each doc, given its rule types (doc._.claim_types so far),
        reading each doc's extensions once (a test checks it against classifier_input)."""
        inputs = []
        for doc in docs:
            ext = UnitAttrs(doc)
            kind, context = ext.unit_kind, ext.context_doc
            words = " ".join(abstract_words(doc))
            text = unit_text(doc)
            previous = None
            if kind == "sentence":
                previous = ext.previous
            elif context is not None:
                words = f"{' '.join(abstract_words(context))}{CONTEXT_JOIN}{words}"
                text = f"{unit_text(context)}{CONTEXT_JOIN}{text}"
            inputs.append(ClassifierInput(words, text, tuple(ext.claim_types),
                                          ext.heading or "", previous or ""))
        return inputs

    def set_types(self, doc: Doc, scores: dict[str, float]) -> None:
        ext = UnitAttrs(doc)
        ext.type_scores = scores
        ext.claim_types = tuple(sorted(combine_types(
            doc, scores, self.source, self.join, self.question_marks)))


def type_thresholds(cfg: dict, types: tuple[str, ...]) -> dict[str, float]:
    """Each type's threshold: `threshold`, unless `thresholds` names the type."""
    per_type = cfg.get("thresholds", {})
    unknown = set(per_type) - set(types)
    if unknown:
        raise ValueError(f"thresholds for unknown types: {sorted(unknown)}")
    return {t: float(per_type.get(t, cfg["threshold"])) for t in types}


@dataclass(frozen=True)
class TypeJoin:
    """How the model's scores and the rules make a unit's types: each type's threshold; in
    the combined source, the rule types that join when the model scores them at least
    `rules_kept[type]` (less the types a "drop:<type>" cue rules out), the types a list
    item's lead-in implies (`leadins_kept`) or, without a lead-in, its heading
    (`headings_kept`), and the model's types a list item's context
    rules out (`context_drops`: {type: the context types that drop it unless the context
    implies the type itself})."""

    thresholds: dict[str, float]
    rules_kept: dict[str, float] = field(default_factory=dict)
    leadins_kept: frozenset[str] = frozenset()
    headings_kept: frozenset[str] = frozenset()
    context_drops: dict[str, frozenset[str]] = field(default_factory=dict)
    # {lead-in type: the item's own rule types that keep it from joining}: a lead-in that
    # advises ("Carys recommends picking one of these:") gives treatment to its advice items,
    # not to an item that gives a dose (decision 12) or names a check ("look at your soles").
    leadin_blockers: dict[str, frozenset[str]] = field(default_factory=dict)
    # {rule type: {other type: floor}}: a kept rule type joins only from this higher floor when
    # the unit also carries the other type, by its rules or the model's own threshold (a food
    # portion's amount, "Soya drink, B12 added | Pint glass half full | 1 µg", names what a food
    # holds: food_source, not dosage, decision 13).
    rules_kept_beside: dict[str, dict[str, float]] = field(default_factory=dict)
    # {type: {other type: (other's score, floor)}}: in a sentence, the model's type with no
    # rule or lead-in support needs `floor` when the model scores the other type at least the
    # other's score (a test or an examination names what it looks for: "A doctor will map
    # exactly which fingers are numb, since ..." is diagnosis, not symptom).
    sentence_floors_beside: dict[str, dict[str, tuple[float, float]]] = field(
        default_factory=dict)

    @classmethod
    def from_settings(cls, cfg: dict, types: tuple[str, ...]) -> "TypeJoin":
        """From types.toml [model]."""
        rules_kept = {t: float(v) for t, v in cfg.get("rules_kept", {}).items()}
        leadins_kept = frozenset(cfg.get("leadins_kept", ()))
        headings_kept = frozenset(cfg.get("headings_kept", ()))
        context_drops = {t: frozenset(v) for t, v in cfg.get("context_drops", {}).items()}
        leadin_blockers = {t: frozenset(v) for t, v in cfg.get("leadin_blockers", {}).items()}
        beside = {t: {o: float(v) for o, v in others.items()}
                  for t, others in cfg.get("rules_kept_beside", {}).items()}
        named = set(rules_kept) | leadins_kept | headings_kept | set(context_drops)
        named.update(*context_drops.values(), *leadin_blockers.values(), leadin_blockers)
        named.update(beside, *beside.values())
        sentence_beside = {t: {o: (float(v[0]), float(v[1])) for o, v in others.items()}
                           for t, others in cfg.get("sentence_floors_beside", {}).items()}
        named.update(sentence_beside, *sentence_beside.values())
        unknown = named - set(types)
        if unknown:
            raise ValueError("rules_kept, leadins_kept, headings_kept, context_drops, "
                             "leadin_blockers, rules_kept_beside or sentence_floors_beside name "
                             f"unknown types: {sorted(unknown)}")
        return cls(type_thresholds(cfg, types), rules_kept, leadins_kept, headings_kept,
                   context_drops, leadin_blockers, beside, sentence_beside)


def combine_types(doc: Doc, scores: dict[str, float], source: str, join: TypeJoin,
                  question_marks: frozenset[str]) -> set[str]:
    """The unit's types from `source`, given its rule types (doc._.claim_types), its
    lead-in's or heading's types (doc._.leadin_types, HEADING_TYPES), the model's `scores`
    and `join`."""
    ext = UnitAttrs(doc)
    found = {t for t, threshold in join.thresholds.items() if scores.get(t, 0.0) >= threshold}
    if source == "combined":
        if join.sentence_floors_beside and ext.unit_kind == "sentence":
            found -= {t for t, others in join.sentence_floors_beside.items()
                      if t in found and t not in ext.claim_types and t not in ext.leadin_types
                      and any(scores.get(o, 0.0) >= at and scores.get(t, 0.0) < floor
                              for o, (at, floor) in others.items())}
        found.update(t for t in ext.claim_types
                     if t in join.rules_kept and scores.get(t, 0.0) >= rule_floor(
                         t, join, ext.claim_types, found))
        context = set(ext.leadin_types) | set(doc.user_data.get(HEADING_TYPES, ()))
        for t, drops in join.context_drops.items():
            if t in found and t not in context and t not in ext.claim_types \
                    and not drops.isdisjoint(context):
                found.discard(t)
        found |= joined_types(ext.type_evidence)
        found -= dropped_types(ext.type_evidence)
        own = set(ext.claim_types).difference(ext.leadin_types)
        found.update(t for t in join.leadins_kept.intersection(ext.leadin_types)
                     if own.isdisjoint(join.leadin_blockers.get(t, ())))
        found |= join.headings_kept.intersection(doc.user_data.get(HEADING_TYPES, ()))
    # A dosage type needs the parser's dosage object.
    if ext.dosage is None:
        found.discard("dosage")
    if is_question(doc, question_marks) or ext.announces_list:
        found = set()
    elif ext.non_claim_context:
        found &= NON_CLAIM_CONTEXT_KEEPS
    return found


def rule_floor(claim_type: str, join: TypeJoin, rule_types, model_types: set[str]) -> float:
    """The model score from which a rule type joins: rules_kept, or a higher floor of
    rules_kept_beside when the unit carries one of its other types (by rule or model)."""
    floor = join.rules_kept[claim_type]
    for other, higher in join.rules_kept_beside.get(claim_type, {}).items():
        if other in rule_types or other in model_types:
            floor = max(floor, higher)
    return floor


def is_question(doc: Doc, question_marks: frozenset[str]) -> bool:
    last = next((t for t in reversed(doc) if not t.is_space), None)
    return last is not None and last.text in question_marks
