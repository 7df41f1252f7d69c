"""Optional trained type model (textcat_multilabel); rules-only until a model is kept."""
from __future__ import annotations

from spacy.language import Language

TYPE_SOURCES = ("rules",)


def add_type_model(nlp: Language, source: str | None) -> Language:
    if source not in (None, "rules"):
        raise ValueError(f"unknown type source {source!r}")
    return nlp
