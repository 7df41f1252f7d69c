"""The claim type classifier: hashed words, character n-grams and rule types, one logistic
regression per type (scikit-learn)."""
from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

import numpy
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

WEIGHTS_FILE = "weights.npz"
META_FILE = "model.json"


@dataclass(frozen=True)
class ClassifierConfig:
    """Features and training settings (pipeline/models/claim_types.toml)."""

    word_hash_bits: int
    word_ngrams: tuple[int, int]
    char_hash_bits: int
    char_ngrams: tuple[int, int]
    rule_types: bool
    C: float
    class_weight: str | None
    max_iter: int

    @classmethod
    def from_toml(cls, path: Path) -> "ClassifierConfig":
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        features, training = data["features"], data["training"]
        return cls(features["word_hash_bits"], tuple(features["word_ngrams"]),
                   features["char_hash_bits"], tuple(features["char_ngrams"]),
                   features["rule_types"], float(training["C"]),
                   training["class_weight"] or None, training["max_iter"])


@dataclass(frozen=True)
class ClassifierInput:
    """One unit as the classifier reads it."""

    words: str                  # claim_model.model_text: words with their word lists
    text: str                   # the unit after its lead-in or header, as written
    rule_types: tuple[str, ...]  # what the cue rules found


class TypeClassifier:
    """Scores each type for a unit: sublinear tf-idf of hashed features, L2-normalised, then
    a logistic regression per type. Only the features seen in training have weights; the
    others share one idf (they still count in a unit's norm)."""

    def __init__(self, config: ClassifierConfig, types: Sequence[str], used: numpy.ndarray,
                 idf_used: numpy.ndarray, idf_unseen: float, coef: numpy.ndarray,
                 intercept: numpy.ndarray):
        self.config = config
        self.types = tuple(types)
        self.used, self.idf_used, self.idf_unseen = used, idf_used, float(idf_unseen)
        self.coef, self.intercept = coef, intercept
        self.hasher = UnitHasher(config, self.types)
        self.width = self.hasher.width
        self._idf = numpy.full(self.width, self.idf_unseen)
        self._idf[used] = idf_used
        # Dense (features x types): a sparse batch times a dense matrix is one fast pass.
        self._weights = numpy.zeros((self.width, len(self.types)))
        self._weights[used] = coef.T

    def features(self, inputs: Sequence[ClassifierInput]) -> sparse.csr_matrix:
        return _tfidf(self.hasher.counts(inputs), self._idf)

    def predict(self, inputs: Sequence[ClassifierInput]) -> numpy.ndarray:
        """(units, types) probabilities."""
        if not inputs:
            return numpy.zeros((0, len(self.types)))
        margins = self.features(inputs) @ self._weights + self.intercept
        return 1.0 / (1.0 + numpy.exp(-margins))

    def scores(self, inputs: Sequence[ClassifierInput]) -> list[dict[str, float]]:
        """{type: probability} per unit."""
        table = self.predict(inputs).tolist()
        return [dict(zip(self.types, row)) for row in table]

    @classmethod
    def fit(cls, config: ClassifierConfig, types: Sequence[str],
            inputs: Sequence[ClassifierInput], labels: Sequence[Sequence[str]]) -> "TypeClassifier":
        counts = UnitHasher(config, types).counts(inputs)
        n = counts.shape[0]
        df = numpy.bincount(counts.indices, minlength=counts.shape[1])
        # scikit-learn's smooth idf: ln((1 + n) / (1 + df)) + 1.
        idf = numpy.log((1 + n) / (1 + df)) + 1.0
        used = numpy.flatnonzero(df)
        X = _tfidf(counts, idf)
        coef = numpy.zeros((len(types), len(used)), dtype=numpy.float32)
        intercept = numpy.zeros(len(types))
        for j, label in enumerate(types):
            y = numpy.array([label in ts for ts in labels])
            model = LogisticRegression(C=config.C, class_weight=config.class_weight,
                                       max_iter=config.max_iter)
            model.fit(X, y)
            coef[j] = model.coef_[0, used]
            intercept[j] = model.intercept_[0]
        idf_unseen = float(numpy.log(1 + n) + 1.0)
        return cls(config, types, used.astype(numpy.int32), idf[used].astype(numpy.float32),
                   idf_unseen, coef, intercept.astype(numpy.float32))

    def save(self, folder: Path) -> Path:
        """weights.npz (arrays) and model.json (config, types); the same bytes on every run."""
        folder.mkdir(parents=True, exist_ok=True)
        meta = {"config": asdict(self.config), "types": list(self.types),
                "idf_unseen": self.idf_unseen, "features_used": int(len(self.used))}
        (folder / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")
        with open(folder / WEIGHTS_FILE, "wb") as out:
            numpy.savez_compressed(out, used=self.used, idf_used=self.idf_used,
                                   coef=self.coef, intercept=self.intercept)
        return folder

    @classmethod
    def load(cls, folder: Path) -> "TypeClassifier":
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        c = meta["config"]
        config = ClassifierConfig(c["word_hash_bits"], tuple(c["word_ngrams"]),
                                  c["char_hash_bits"], tuple(c["char_ngrams"]),
                                  c["rule_types"], c["C"], c["class_weight"], c["max_iter"])
        with numpy.load(folder / WEIGHTS_FILE) as arrays:
            return cls(config, meta["types"], arrays["used"], arrays["idf_used"],
                       meta["idf_unseen"], arrays["coef"], arrays["intercept"])


def _whole(text: str) -> list[str]:
    """The analyzer that takes a text as one feature (an n-gram already cut)."""
    return [text]


class UnitHasher:
    """A unit's raw feature counts in one row: its word n-grams (scikit-learn's hashing of
    model_text), its character n-grams inside words (char_wb hashing of the text), then one
    column per rule type.

    scikit-learn cuts and hashes every n-gram in a pure-Python loop, most of the model's time.
    The counts are sums over pieces instead (a word n-gram; a word, since char_wb n-grams
    never cross a space), and each distinct piece is hashed once with the same hash: the same
    matrix (tests/test_type_classifier.py checks it against the vectorizers)."""

    MAX_PIECES = 200_000

    def __init__(self, config: ClassifierConfig, types: Sequence[str]):
        self.config = config
        self.word_ngrams = HashingVectorizer(
            n_features=2 ** config.word_hash_bits, analyzer=_whole, alternate_sign=False,
            norm=None)
        self.char_ngrams = HashingVectorizer(
            n_features=2 ** config.char_hash_bits if config.char_hash_bits else 1,
            ngram_range=config.char_ngrams, analyzer="char_wb", lowercase=True,
            alternate_sign=False, norm=None)
        self.lowercase = self.char_ngrams.build_preprocessor()
        self.char_offset = self.word_ngrams.n_features
        self.rule_offset = self.char_offset + (self.char_ngrams.n_features
                                               if config.char_hash_bits else 0)
        self.rule_column = {t: self.rule_offset + j for j, t in enumerate(types)} \
            if config.rule_types else {}
        self.width = self.rule_offset + len(self.rule_column)
        self._word_index: dict[tuple[str, ...], int] = {}
        self._char_indices: dict[str, list[int]] = {}

    def _words(self, words: str) -> list[int]:
        """The indices of model_text's word n-grams (scikit-learn's word analyzer cuts the
        same n-grams: the tokens between spaces, n at a time, joined by a space)."""
        tokens = words.split()
        low, high = self.config.word_ngrams
        known = self._word_index
        out = []
        for n in range(low, high + 1):
            for i in range(len(tokens) - n + 1):
                key = tuple(tokens[i:i + n])
                index = known.get(key)
                if index is None:
                    if len(known) >= self.MAX_PIECES:
                        known.clear()
                    index = known[key] = int(
                        self.word_ngrams.transform([" ".join(key)]).indices[0])
                out.append(index)
        return out

    def _chars(self, word: str) -> list[int]:
        indices = self._char_indices.get(word)
        if indices is None:
            if len(self._char_indices) >= self.MAX_PIECES:
                self._char_indices.clear()
            row = self.char_ngrams.transform([word])
            indices = self._char_indices[word] = [
                self.char_offset + int(i) for i, n in zip(row.indices, row.data)
                for _ in range(int(n))]
        return indices

    def counts(self, inputs: Sequence[ClassifierInput]) -> sparse.csr_matrix:
        indices: list[int] = []
        indptr = [0]
        for unit in inputs:
            indices.extend(self._words(unit.words))
            if self.config.char_hash_bits:
                for word in self.lowercase(unit.text).split():
                    indices.extend(self._chars(word))
            indices.extend(self.rule_column[t] for t in unit.rule_types if t in self.rule_column)
            indptr.append(len(indices))
        matrix = sparse.csr_matrix(
            (numpy.ones(len(indices)), numpy.array(indices, dtype=numpy.int32), indptr),
            shape=(len(inputs), self.width))
        matrix.sum_duplicates()
        return matrix


def _tfidf(counts: sparse.csr_matrix, idf: numpy.ndarray) -> sparse.csr_matrix:
    """1 + ln(count), times idf, rows L2-normalised (TfidfTransformer(sublinear_tf=True))."""
    x = counts.astype(numpy.float64)
    x.data = (1.0 + numpy.log(x.data)) * idf[x.indices]
    return normalize(x, norm="l2", copy=False)

