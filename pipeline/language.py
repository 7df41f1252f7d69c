"""Which language an article is in (py3langid, its model ships in the package)."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np

from pipeline.model import Document

# Below this many letters a guess is noise; the article keeps the default.
MIN_LETTERS = 100
# A sample decides the language as well as the whole article, and much faster.
SAMPLE_CHARS = 1500


# The deepest state of py3langid's byte automaton (an Aho-Corasick automaton over its byte
# n-grams): the state after any text is the one its last DFA_DEPTH bytes lead to from the
# start. tests/test_language.py checks both.
DFA_DEPTH = 6
# Every float16 bit pattern as float32: a gather, many times faster than numpy's float16 cast.
_F16_AS_F32 = np.arange(1 << 16, dtype=np.uint16).view(np.float16).astype(np.float32)


@lru_cache(maxsize=1)
def identifier():
    """py3langid's model, loaded once per process."""
    from py3langid.langid import MODEL_FILE

    return _identifier_class().from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _identifier_class():
    from py3langid.langid import LanguageIdentifier

    class FastIdentifier(LanguageIdentifier):
        """py3langid's identifier with the same scores, computed in numpy: its walk of the
        byte automaton is a Python loop per byte, and its scoring casts the article's
        float16 model rows to float32 in software; the two were most of the clean stage."""

        __slots__ = ("_moves", "_row_starts", "_outputs")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._moves = np.frombuffer(self.tk_nextmove, dtype=f"u{self.tk_nextmove.itemsize}")
            self._row_starts = np.asarray(self.tk_row, dtype=np.intp) << 8
            self._outputs = np.asarray(self.tk_output, dtype=np.intp)

        def _raw_score(self, text):
            data = np.frombuffer(text, dtype=np.uint8)
            if self.nb_ptc.dtype != np.float16 or not len(data):
                return super()._raw_score(text)
            # Every position's state at once: read the DFA_DEPTH bytes that end there.
            state = np.zeros(len(data), dtype=np.intp)
            for back in range(min(DFA_DEPTH, len(data)) - 1, 0, -1):
                state[back:] = self._moves[self._row_starts[state[back:]] + data[:-back]]
            state = self._moves[self._row_starts[state] + data]
            features = self._outputs[state]
            features = features[features >= 0]
            if not len(features):
                return super()._raw_score(text)
            # py3langid's Counter: features in order of first occurrence, with their counts
            # (the order of the sum below, so the scores are equal to the last bit).
            unique, first, counts = np.unique(features, return_index=True, return_counts=True)
            order = np.argsort(first)
            rows = np.take(_F16_AS_F32, self.nb_ptc.view(np.uint16)[unique[order]])
            return np.log1p(counts[order].astype(np.float32)) @ rows + self.nb_pc

    return FastIdentifier


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability), or (None, 0.0) when there is too little text."""
    sample = text[:SAMPLE_CHARS]
    # Counted on the sample's start first: most reach MIN_LETTERS within it, and a count
    # only grows with the text counted.
    if sum(map(str.isalpha, sample[:4 * MIN_LETTERS])) < MIN_LETTERS and \
            sum(map(str.isalpha, sample)) < MIN_LETTERS:
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
