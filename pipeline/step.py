"""The stage interface: a named, pure function from Document to Document."""
from __future__ import annotations

from pipeline.model import Document
from pipeline.settings import Settings


class Step:
    """A stage. Subclasses set `name` and write `process`; it must not mutate its input."""

    name: str = "step"
    # Languages the stage understands; None means any. Other articles pass through untouched.
    languages: tuple[str, ...] | None = None

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()

    def process(self, doc: Document) -> Document:
        raise NotImplementedError

    def load(self) -> None:
        """Load models and word lists now rather than on first use: the runner calls it
        before starting worker processes, which then share them instead of each loading."""

    def __call__(self, doc: Document) -> Document:
        language = doc.metadata.language
        if self.languages is not None and language is not None and language not in self.languages:
            return doc
        return self.process(doc)
