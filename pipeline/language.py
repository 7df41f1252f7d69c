"""Which language an article is in (py3langid, its model ships in the package)."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from pipeline.model import Document

# Below this many letters a guess is noise; the article keeps the default.
MIN_LETTERS = 100
# A sample decides the language as well as the whole article, and much faster.
SAMPLE_CHARS = 1500


@lru_cache(maxsize=1)
def identifier():
    """py3langid's model, loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability), or (None, 0.0) when there is too little text."""
    sample = text[:SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return None, 0.0
    code, prob = identifier().classify(sample)
    return code, float(prob)


def article_text(doc: Document) -> str:
    parts = [doc.title or ""]
    for section in doc.sections:
        parts.append(section.heading or "")
        for block in section.blocks:
            parts.extend(block.texts())
    return "\n".join(p for p in parts if p)


def detect_language(doc: Document) -> Document:
    """Set metadata.language; a non-English article is flagged in warnings."""
    code, prob = detect(article_text(doc))
    if code is None:
        return doc
    warnings = list(doc.warnings)
    if code != "en":
        warnings.append(f"language: the article reads as '{code}' (p={prob:.2f}), not English; "
                        "spelling and claim tagging were skipped")
    return replace(doc, metadata=replace(doc.metadata, language=code), warnings=warnings)
