"""The trained type model (textcat_multilabel) as a component, and how it joins the rules."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from spacy.attrs import IS_SPACE, LIKE_NUM, LOWER, ORTH, TAG
from spacy.util import minibatch

from pipeline.claim_lexicon import (NON_CLAIM_CONTEXT_KEEPS, UnitAttrs, lists_of_tag,
                                    register_unit_extensions)
from pipeline.claim_rules import load_toml

# Committed with the package, so a fresh install tags without training. `python -m
# pipeline.train_claims` (make train) rewrites it from the committed config.
MODEL_DIR = Path(__file__).resolve().parent / "models" / "claim_types"
CONTEXT_JOIN = " || "
TEXTCAT = "textcat_multilabel"
# rules: cue patterns only; model: the classifier's types only; combined: see types.toml.
TYPE_SOURCES = ("rules", "model", "combined")


def abstract_words(doc: Doc) -> list[str]:
    """The unit's words, lowercased, each preceded by the word lists it belongs to
    ("lexsymptom numbness"), and numbers as "lexnumber": the bag of words then generalises
    from the few hundred training units to words it has not seen."""
    cached = doc.user_data.get("abstract_words")
    if cached is not None:          # a list's context is read once for all its items
        return cached
    strings = doc.vocab.strings
    words = []
    # Arrays, not Token objects: this runs on every unit.
    for row in doc.to_array(TOKEN_WORD_ATTRS).tolist():
        words.extend(_token_words(strings, *row))
    doc.user_data["abstract_words"] = words
    return words


# What abstract_words reads of each token.
TOKEN_WORD_ATTRS = [TAG, LOWER, LIKE_NUM, IS_SPACE]


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


class ModelInputs:
    """The model's inputs: the ORTH values of the tokens model.tokenizer(model_text(...))
    gives, without joining and tokenising that text again. The tokenizer splits text at
    spaces first, so each word's tokens are found once and kept."""

    MAX_CACHED = 200_000

    def __init__(self, model: Language):
        self.tokenizer = model.tokenizer
        self.word_orths: dict[str, list[int]] = {}
        self.token_orths: dict[tuple[int, ...], list[int]] = {}

    def from_words(self, words: list[str]) -> "ModelInput":
        """The input for model_text's words (split at spaces)."""
        return ModelInput(numpy.array(self._word_orths(words), dtype=numpy.uint64))

    def _word_orths(self, words: list[str]) -> list[int]:
        keys = self.word_orths
        out: list[int] = []
        for word in words:
            orths = keys.get(word)
            if orths is None:
                if len(keys) >= self.MAX_CACHED:
                    keys.clear()
                orths = keys[word] = [t.orth for t in self.tokenizer(word)]
            out.extend(orths)
        return out

    def unit_input(self, doc: Doc, kind: str, context: Doc | None) -> "ModelInput":
        """The input for model_text(doc, kind, context), each kind of token (its
        TOKEN_WORD_ATTRS values) turned into words and ORTH values once."""
        orths = self._doc_orths(doc)
        if context is not None and kind != "sentence":
            orths = [*self._doc_orths(context), *self._word_orths([CONTEXT_JOIN.strip()]),
                     *orths]
        return ModelInput(numpy.array(orths, dtype=numpy.uint64))

    def _doc_orths(self, doc: Doc) -> list[int]:
        cached = doc.user_data.get("model_orths")
        if cached is not None:          # a list's context is read once for all its items
            return cached
        known = self.token_orths
        strings = doc.vocab.strings
        out: list[int] = []
        for row in doc.to_array(TOKEN_WORD_ATTRS).tolist():
            key = tuple(row)
            orths = known.get(key)
            if orths is None:
                if len(known) >= self.MAX_CACHED:
                    known.clear()
                orths = known[key] = self._word_orths(_token_words(strings, *row))
            out.extend(orths)
        doc.user_data["model_orths"] = out
        return out


class ModelInput:
    """A Doc as the bag-of-words model reads it: TextCatBOW's first layer
    (extract_ngrams) takes only `doc.to_array([ORTH])`, and the textcat component `len(doc)`
    (and `doc.tensor` when a whole batch is empty). Building a Doc per unit for that cost
    as much as scoring it."""

    __slots__ = ("orth_array",)
    tensor = None

    def __init__(self, orth_array):
        self.orth_array = orth_array            # (tokens,) uint64, as Doc.to_array([ORTH])

    def __len__(self) -> int:
        return len(self.orth_array)

    def to_array(self, attrs):
        if list(attrs) != [ORTH]:
            raise ValueError(f"a ModelInput holds ORTH only, not {attrs!r}")
        return self.orth_array


class BowScorer:
    """The textcat component's predict() for a batch of ModelInputs, its first layer's work
    done for the whole batch in a few array operations instead of a dozen per unit.

    TextCatBOW's first layer (extract_ngrams) gives, per doc, the sorted distinct keys of
    its tokens' ORTH values and n-gram hashes with their counts; the n-gram hash at a
    position depends only on the n values there, so hashing the batch's values end to end
    and dropping the n-grams that cross two docs gives the same keys. The rest of the model
    runs as it is. A model of any other shape is scored by predict() itself."""

    def __init__(self, textcat):
        self.textcat = textcat
        self.layers = None
        model = textcat.model
        try:
            first, output = model.layers
            extract, linear = first.layers[0].layers
        except (ValueError, IndexError, AttributeError):
            return
        if (first.name, output.name, extract.name) == (
                "with_cpu(extract_ngrams>>resizable(sparse_linear))", "with_cpu(logistic)",
                "extract_ngrams") and extract.attrs.get("attr") == ORTH:
            self.layers = (extract, linear, output)

    def predict(self, inputs: list["ModelInput"]):
        if self.layers is None or not all(len(x) for x in inputs):
            return self.textcat.predict(inputs)     # as before, also for empty docs
        _, linear, output = self.layers
        ops = self.textcat.model.ops
        # with_cpu runs its layers with begin_update: the same outputs as predict here.
        scores, _ = linear.begin_update(self.features(inputs))
        return ops.asarray(output.predict(ops.asarray(scores)))

    def features(self, inputs: list["ModelInput"]):
        """extract_ngrams' (keys, values, lengths) for the batch."""
        extract = self.layers[0]
        ops = extract.ops
        sizes = [len(x) for x in inputs]
        unigrams = numpy.concatenate([x.orth_array for x in inputs])
        owner = numpy.repeat(numpy.arange(len(inputs)), sizes)
        keys, docs = [unigrams], [owner]
        for n in range(2, extract.attrs["ngram_size"] + 1):
            grams = ops.ngrams(n, unigrams)
            inside = owner[:len(grams)] == owner[n - 1:]        # not across two docs
            keys.append(grams[inside])
            docs.append(owner[:len(grams)][inside])
        keys, docs = numpy.concatenate(keys), numpy.concatenate(docs)
        order = numpy.lexsort((keys, docs))         # by doc, then key (numpy.unique's order)
        keys, docs = keys[order], docs[order]
        new = numpy.ones(len(keys), dtype=bool)
        new[1:] = (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1])
        starts = numpy.flatnonzero(new)
        counts = numpy.diff(numpy.append(starts, len(keys)))
        lengths = numpy.bincount(docs[starts], minlength=len(inputs))
        return (keys[starts], ops.asarray(counts, dtype="f"),
                ops.asarray(lengths.tolist(), dtype="int32"))


def unit_model_text(nlp: Language, text: str, kind: str, context: str | None) -> str:
    """model_text for plain strings, with `nlp`'s tokenizer and word lists (training)."""
    lexicon = nlp.get_pipe("claim_lexicon")
    doc = lexicon(nlp.make_doc(text))
    context_doc = lexicon(nlp.make_doc(context)) if context else None
    return model_text(doc, kind, context_doc)


@lru_cache(maxsize=None)
def load_type_model(path: str = str(MODEL_DIR)) -> Language:
    if not Path(path).exists():
        raise FileNotFoundError(f"no claim type model at {path}: run "
                                "`python -m pipeline.train_claims` (make train) first")
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
        self.model_inputs = ModelInputs(self.model)
        if self.model.pipe_names != [TEXTCAT]:
            raise ValueError(f"the type model should hold one {TEXTCAT} component, "
                             f"not {self.model.pipe_names}")
        self.textcat = self.model.get_pipe(TEXTCAT)
        self.bow = BowScorer(self.textcat)
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
        inputs = []
        for doc in docs:
            ext = UnitAttrs(doc)
            inputs.append(self.model_inputs.unit_input(doc, ext.unit_kind, ext.context_doc))
        # What self.model.pipe(Docs) sets as doc.cats: the textcat component's predict and
        # set_annotations, in batches of the model's batch size.
        labels = self.textcat.labels
        out = []
        for batch in minibatch(inputs, size=self.model.batch_size):
            scores = self.bow.predict(batch)
            out.extend({label: float(scores[i, j]) for j, label in enumerate(labels)}
                       for i in range(len(batch)))
        return out

    def set_types(self, doc: Doc, scores: dict[str, float]) -> None:
        ext = UnitAttrs(doc)
        ext.type_scores = scores
        ext.claim_types = tuple(sorted(combine_types(
            doc, scores, self.source, self.types, self.threshold, self.add_above,
            self.drop_below, self.question_marks)))


def combine_types(doc: Doc, scores: dict[str, float], source: str, types: tuple[str, ...],
                  threshold: float, add_above: float, drop_below: float,
                  question_marks: frozenset[str]) -> set[str]:
    """The unit's types from `source`, given its rule types (doc._.claim_types) and the
    model's `scores` (also what train_claims --cross-validate scores out of fold)."""
    ext = UnitAttrs(doc)
    rules = set(ext.claim_types)
    if source == "model":
        found = {t for t in types if scores.get(t, 0.0) >= threshold}
    else:
        found = {t for t in rules if scores.get(t, 0.0) >= drop_below}
        found |= {t for t in types if scores.get(t, 0.0) >= add_above}
    # A dosage type needs the parser's dosage object.
    if ext.dosage is None:
        found.discard("dosage")
    if is_question(doc, question_marks) or ext.announces_list:
        found = set()
    elif ext.non_claim_context:
        found &= NON_CLAIM_CONTEXT_KEEPS
    return found


def is_question(doc: Doc, question_marks: frozenset[str]) -> bool:
    last = next((t for t in reversed(doc) if not t.is_space), None)
    return last is not None and last.text in question_marks
