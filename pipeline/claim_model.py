"""The trained type model (textcat_multilabel) as a component, and how it joins the rules."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.claim_lexicon import register_unit_extensions
from pipeline.claim_rules import load_toml

MODEL_DIR = Path(__file__).resolve().parent / "models" / "claim_types"
CONTEXT_JOIN = " || "
# rules: cue patterns only; model: the classifier's types only; combined: see types.toml.
TYPE_SOURCES = ("rules", "model", "combined")


def model_text(text: str, kind: str, context: str | None) -> str:
    """What the model reads: a list item or table row with its lead-in or header first."""
    if context and kind != "sentence":
        return f"{context}{CONTEXT_JOIN}{text}"
    return text


@lru_cache(maxsize=None)
def load_type_model(path: str = str(MODEL_DIR)) -> Language:
    return spacy.load(path)


def default_type_source() -> str:
    return load_toml("types.toml")["model"]["source"]


def add_type_model(nlp: Language, source: str | None) -> Language:
    """Add the model component unless types come from the rules alone."""
    source = source or default_type_source()
    if source not in TYPE_SOURCES:
        raise ValueError(f"unknown type source {source!r}; one of {TYPE_SOURCES}")
    if source != "rules":
        nlp.add_pipe("claim_type_model", config={"source": source})
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
        cfg = data["model"]
        self.threshold = cfg["threshold"]
        self.add_above = cfg["add_above"]
        self.drop_below = cfg["drop_below"]
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
        texts = []
        for doc in docs:
            context = doc._.context_doc.text if doc._.context_doc is not None else None
            texts.append(model_text(doc.text, doc._.unit_kind, context))
        return [dict(d.cats) for d in self.model.pipe(texts)]

    def set_types(self, doc: Doc, scores: dict[str, float]) -> None:
        doc._.type_scores = scores
        rules = set(doc._.claim_types)
        if self.source == "model":
            found = {t for t in self.types if scores.get(t, 0.0) >= self.threshold}
        else:
            found = {t for t in rules if scores.get(t, 0.0) >= self.drop_below}
            found |= {t for t in self.types if scores.get(t, 0.0) >= self.add_above}
        # A dosage type needs the parser's dosage object.
        if doc._.dosage is None:
            found.discard("dosage")
        if self._question(doc):
            found = set()
        doc._.claim_types = tuple(sorted(found))

    def _question(self, doc: Doc) -> bool:
        last = next((t for t in reversed(doc) if not t.is_space), None)
        return last is not None and last.text in self.question_marks
