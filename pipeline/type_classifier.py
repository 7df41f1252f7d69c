"""The claim type classifier: hashed words, character n-grams, rule types and the words
around a unit, one logistic regression per type (trained with scikit-learn; scored with numpy
alone)."""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import asdict, dataclass
from itertools import chain
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy
from murmurhash.mrmr import hash as murmurhash3_32

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
    around_hash_bits: int       # the words around a unit: its heading path, the unit before
    heading_weight: float
    previous_weight: float
    C: float
    class_weight: str | None
    max_iter: int

    @classmethod
    def from_dict(cls, values: dict) -> "ClassifierConfig":
        """From claim_types.toml's two tables merged, or from a saved model.json."""
        return cls(values["word_hash_bits"], tuple(values["word_ngrams"]),
                   values["char_hash_bits"], tuple(values["char_ngrams"]),
                   values["rule_types"], values["around_hash_bits"],
                   float(values["heading_weight"]), float(values["previous_weight"]),
                   float(values["C"]),
                   values["class_weight"] or None, values["max_iter"])

    @classmethod
    def from_toml(cls, path: Path) -> "ClassifierConfig":
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls.from_dict({**data["features"], **data["training"]})


@dataclass(frozen=True)
class ClassifierInput:
    """One unit as the classifier reads it."""

    words: str                  # claim_model.model_text: words with their word lists
    text: str                   # the unit after its lead-in or header, as written
    rule_types: tuple[str, ...]  # what the cue rules found
    heading: str = ""           # its section's heading path
    previous: str = ""          # the unit before it (claim_model reads it for sentences)


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
        # A feature's weights are one row lookup: its slot in (features seen + 1) x types,
        # the last row zeros for the features not seen. Kept as float32, as trained (numpy
        # widens them exactly when multiplying): a table a quarter the size of a dense
        # float64 one of every column reads about four times faster.
        self._slot = numpy.full(self.width, len(used), dtype=numpy.int32)
        self._slot[used] = numpy.arange(len(used), dtype=numpy.int32)
        self._weights = numpy.vstack([numpy.asarray(coef, dtype=numpy.float32).T,
                                      numpy.zeros((1, len(self.types)), dtype=numpy.float32)])
        # The same table as one opaque item a row: numpy gathers those a row at a time,
        # about a third faster than rows of a 2-D array (the same bytes).
        self._weight_rows = numpy.ascontiguousarray(self._weights).view(
            numpy.dtype((numpy.void, self._weights.itemsize * len(self.types)))).ravel()

    def features(self, inputs: Sequence[ClassifierInput]) -> tuple["Features", "Features"]:
        """The unit's own features (tf-idf) and the words around it."""
        return tfidf(self.hasher.counts(inputs), self._idf), self.hasher.around(inputs)

    def predict(self, inputs: Sequence[ClassifierInput]) -> numpy.ndarray:
        """(units, types) probabilities."""
        margins = numpy.zeros((len(inputs), len(self.types)))
        for x in self.features(inputs):
            if len(x.rows):
                # Rows come sorted, so each unit's features are one run: summed in one call
                # (a bincount a type read a strided column eight times).
                starts = numpy.flatnonzero(numpy.r_[True, x.rows[1:] != x.rows[:-1]])
                rows = self._weight_rows[self._slot[x.cols]]
                weighted = rows.view(numpy.float32).reshape(len(rows), -1) * x.values[:, None]
                margins[x.rows[starts]] += numpy.add.reduceat(weighted, starts, axis=0)
        margins += self.intercept
        return 1.0 / (1.0 + numpy.exp(-margins))

    def scores(self, inputs: Sequence[ClassifierInput]) -> list[dict[str, float]]:
        """{type: probability} per unit."""
        table = self.predict(inputs).tolist()
        return [dict(zip(self.types, row)) for row in table]

    @classmethod
    def fit(cls, config: ClassifierConfig, types: Sequence[str],
            inputs: Sequence[ClassifierInput], labels: Sequence[Sequence[str]]) -> "TypeClassifier":
        # Only training needs scikit-learn and scipy (about 110 MB of a worker's memory).
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits

        hasher = UnitHasher(config, types)
        counts, around = hasher.counts(inputs), hasher.around(inputs)
        n = len(inputs)
        # The words around a unit are not weighted by idf; their columns count as seen too.
        df = numpy.bincount(numpy.concatenate([counts.cols, around.cols]),
                            minlength=hasher.width)
        # scikit-learn's smooth idf: ln((1 + n) / (1 + df)) + 1.
        idf = numpy.log((1 + n) / (1 + df)) + 1.0
        used = numpy.flatnonzero(df)
        own = tfidf(counts, idf)
        matrix = sparse.csr_matrix((numpy.concatenate([own.values, around.values]),
                                    (numpy.concatenate([own.rows, around.rows]),
                                     numpy.concatenate([own.cols, around.cols]))),
                                   shape=(n, hasher.width))
        coef = numpy.zeros((len(types), len(used)), dtype=numpy.float32)
        intercept = numpy.zeros(len(types))
        for j, label in enumerate(types):
            y = numpy.array([label in ts for ts in labels])
            model = LogisticRegression(C=config.C, class_weight=config.class_weight,
                                       max_iter=config.max_iter)
            # One BLAS thread: the sums, and so the weights, are then the same whatever the
            # machine or an earlier library (Dask's workers) set the thread count to.
            with threadpool_limits(limits=1):
                model.fit(matrix, y)
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
        config = ClassifierConfig.from_dict(meta["config"])
        with numpy.load(folder / WEIGHTS_FILE) as arrays:
            return cls(config, meta["types"], arrays["used"], arrays["idf_used"],
                       meta["idf_unseen"], arrays["coef"], arrays["intercept"])


class Features(NamedTuple):
    """A batch's nonzero features: unit row, feature column, value (each row's pairs unique)."""

    rows: numpy.ndarray
    cols: numpy.ndarray
    values: numpy.ndarray


def feature_index(feature: str, n_features: int) -> int:
    """The column scikit-learn's HashingVectorizer gives a feature: |murmurhash3_32| mod n."""
    h = murmurhash3_32(feature, 0)
    return (2 ** 31 - 1 if h == -2 ** 31 else abs(h)) % n_features


def char_wb_ngrams(word: str, low: int, high: int) -> list[str]:
    """scikit-learn's char_wb n-grams of one word: the word padded by a space each side; a
    word shorter than n gives itself once."""
    padded = f" {word} "
    grams = []
    for n in range(low, high + 1):
        offset = 0
        grams.append(padded[offset:offset + n])
        while offset + n < len(padded):
            offset += 1
            grams.append(padded[offset:offset + n])
        if offset == 0:
            break
    return grams


AROUND_WORD = re.compile(r"[a-z0-9]+")


class UnitHasher:
    """A unit's raw feature counts: its word n-grams (hashed as scikit-learn's
    HashingVectorizer hashes model_text's), its character n-grams inside words (as its char_wb
    analyzer hashes the lowercased text), then one column per rule type; and apart, the words
    and word pairs of its heading path and of the unit before it (`around`).

    Each distinct word n-gram, and each distinct word's character n-grams, is cut and hashed
    once (cutting every n-gram of every unit was most of the model's time); a test checks the
    counts against scikit-learn's vectorizers on every gold unit."""

    MAX_PIECES = 200_000

    def __init__(self, config: ClassifierConfig, types: Sequence[str]):
        self.config = config
        self.word_features = 2 ** config.word_hash_bits
        self.char_features = 2 ** config.char_hash_bits if config.char_hash_bits else 0
        self.char_offset = self.word_features
        self.rule_offset = self.char_offset + self.char_features
        self.rule_column = {t: self.rule_offset + j for j, t in enumerate(types)} \
            if config.rule_types else {}
        self.around_features = 2 ** config.around_hash_bits
        self.heading_offset = self.rule_offset + len(self.rule_column)
        self.previous_offset = self.heading_offset + self.around_features
        self.width = self.previous_offset + self.around_features
        low, high = config.char_ngrams
        # Filled on first use; looked up in C (map over the keys), missed in Python.
        self._word_grams = _WordGrams(self.word_features, self.MAX_PIECES)
        self._around_index = _Memo(lambda key: feature_index(" ".join(key),
                                                             self.around_features),
                                   self.MAX_PIECES)
        self._around_text = _Memo(self._around_columns, self.MAX_PIECES)
        self._char_grams = _GramTable(lambda word: [
            self.char_offset + feature_index(gram, self.char_features)
            for gram in char_wb_ngrams(word, low, high)], self.MAX_PIECES)

    def counts(self, inputs: Sequence[ClassifierInput]) -> Features:
        """Each unit's features with how often they occur, ordered by unit, then column."""
        # Comprehensions and chain: no Python statement runs per word.
        per_unit = [unit.words.split() for unit in inputs]
        tokens = list(chain.from_iterable(per_unit))
        token_sizes = list(map(len, per_unit))
        if self.char_features:
            # The whole text is lowercased first, as scikit-learn does (a final sigma).
            per_unit = [unit.text.lower().split() for unit in inputs]
            text_words = list(chain.from_iterable(per_unit))
            text_sizes = list(map(len, per_unit))
        else:
            text_words = []
        rule_column = self.rule_column
        rules = [(row, rule_column[t]) for row, unit in enumerate(inputs)
                 for t in unit.rule_types if t in rule_column]
        rule_rows, rule_columns = [r for r, _ in rules], [c for _, c in rules]
        # One key a (unit, column) pair; 32 bits when they fit (a faster sort). The blocks'
        # keys are counted together, so their order before the sort does not matter.
        dtype = numpy.int32 if len(inputs) * self.width < 2 ** 31 else numpy.int64
        units = numpy.arange(len(inputs), dtype=dtype)
        word_rows, word_columns = self._word_grams.columns(tokens, token_sizes,
                                                           self.config.word_ngrams)
        parts = [units[word_rows] * dtype(self.width) + word_columns.astype(dtype),
                 numpy.array(rule_rows, dtype=dtype) * dtype(self.width)
                 + numpy.array(rule_columns, dtype=dtype)]
        if text_words:
            # Every word's character n-gram columns, gathered from the table in numpy
            # rather than appended one list at a time.
            word_rows = numpy.repeat(units, text_sizes)
            columns, owners = self._char_grams.columns(text_words)
            parts.append(word_rows[owners] * dtype(self.width) + columns.astype(dtype))
        keys, counts = _count(numpy.concatenate(parts))
        return Features((keys // self.width).astype(numpy.int64),
                        (keys % self.width).astype(numpy.int64), counts.astype(numpy.float64))

    def _around_columns(self, key: tuple[int, str]) -> list[int]:
        """The columns of a text's distinct words and word pairs in the block at `offset`
        (two can share a column)."""
        offset, text = key
        tokens = AROUND_WORD.findall(text.lower())
        grams = set(zip(tokens)) | set(zip(tokens, tokens[1:]))
        return [offset + column for column in map(self._around_index.__getitem__, grams)]

    def around(self, inputs: Sequence[ClassifierInput]) -> Features:
        """The heading path's and the previous unit's words and word pairs (lowercased
        letters and digits), each present once, hashed into a block of their own; each block
        L2-normalised, then scaled by its weight, so that a long heading does not dilute the
        unit's own words. Two grams in one column count 2, as in a sparse matrix."""
        columns_of = self._around_text.__getitem__
        weights = (self.config.heading_weight, self.config.previous_weight)
        blocks: list[int] = []          # unit * 2 + block, one entry a text
        sizes: list[int] = []
        columns: list[int] = []
        for row, unit in enumerate(inputs):
            for block, (offset, text) in enumerate(((self.heading_offset, unit.heading),
                                                    (self.previous_offset, unit.previous))):
                if text and weights[block]:
                    found = columns_of((offset, text))
                    blocks.append(2 * row + block)
                    sizes.append(len(found))
                    columns.extend(found)
        if not columns:
            empty = numpy.zeros(0, dtype=numpy.int64)
            return Features(empty, empty, numpy.zeros(0))
        width = numpy.int64(self.width)
        keys, counts = numpy.unique(numpy.repeat(numpy.array(blocks, dtype=numpy.int64), sizes)
                                    * width + numpy.array(columns, dtype=numpy.int64),
                                    return_counts=True)
        block_of, cols = keys // width, keys % width
        counts = counts.astype(numpy.float64)
        # Keys come sorted by unit, then block, then column: each block is one run.
        starts = numpy.flatnonzero(numpy.r_[True, block_of[1:] != block_of[:-1]])
        norms = numpy.sqrt(numpy.add.reduceat(counts * counts, starts))
        scale = numpy.array(weights)[block_of[starts] % 2] / norms
        values = counts * numpy.repeat(scale, numpy.diff(numpy.r_[starts, len(keys)]))
        return Features(block_of // 2, cols, values)


class _Memo(dict):
    """A dict that computes a missing key's value with `make` and keeps at most `limit` (no
    bound without one: its owner empties it)."""

    def __init__(self, make, limit: int | None = None):
        super().__init__()
        self.make, self.limit = make, limit

    def __missing__(self, key):
        if self.limit is not None and len(self) >= self.limit:
            self.clear()
        value = self[key] = self.make(key)
        return value


def _count(keys: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """numpy.unique(keys, return_counts=True), without its checks and copies."""
    keys = numpy.sort(keys)
    if not len(keys):
        return keys, numpy.zeros(0, dtype=numpy.int64)
    firsts = numpy.flatnonzero(numpy.r_[True, keys[1:] != keys[:-1]])
    return keys[firsts], numpy.diff(numpy.r_[firsts, len(keys)])


class _WordGrams:
    """The columns of model_text's word n-grams, as scikit-learn's word analyzer cuts them
    (the tokens between spaces, n at a time, joined by a space) and HashingVectorizer hashes
    them. Each distinct n-gram gets a number, an n-gram's from its first n - 1 tokens' and its
    last token's, so that a batch's n-grams are looked up as integers, not tuples of strings,
    and its columns gathered in numpy; at most `limit` n-grams are kept."""

    def __init__(self, n_features: int, limit: int):
        self.n_features, self.limit = n_features, limit
        self.columns_of = numpy.zeros(1024, dtype=numpy.int64)
        self.texts: list[str] = []              # an n-gram's tokens joined by a space
        # Looked up in C (map over the keys), missed in Python.
        self.tokens = _Memo(self._number)       # a token -> its number
        # (n-gram's number << 32) | its last token's -> the n-gram's number
        self.longer = _Memo(lambda key: self._number(
            f"{self.texts[key >> 32]} {self.texts[key & 0xFFFFFFFF]}"))

    def _number(self, text: str) -> int:
        number = len(self.texts)
        self.texts.append(text)
        if number >= len(self.columns_of):
            self.columns_of = _grown(self.columns_of, number + 1)
        self.columns_of[number] = feature_index(text, self.n_features)
        return number

    def columns(self, tokens: list[str], sizes: list[int],
                ngrams: tuple[int, int]) -> tuple[numpy.ndarray, numpy.ndarray]:
        """(unit, column) of every n-gram of the units, whose tokens follow one another in
        `tokens`, `sizes[u]` of them unit u's."""
        low, high = ngrams
        if len(self.texts) + high * len(tokens) > self.limit:
            # Emptied before a batch, never during one, whose numbers it holds.
            self.__init__(self.n_features, self.limit)
        words = numpy.fromiter(map(self.tokens.__getitem__, tokens), dtype=numpy.int64,
                               count=len(tokens))
        numbers = words                         # of the n-gram starting at each position
        units = numpy.repeat(numpy.arange(len(sizes)), sizes)
        # How many tokens of its unit follow each token, itself included.
        left = numpy.repeat(numpy.cumsum(sizes), sizes) - numpy.arange(len(tokens))
        rows, columns = [], []
        grams = numpy.arange(len(tokens))       # positions where the current n-grams start
        for n in range(1, high + 1):
            if n > 1:
                grams = grams[left[grams] >= n]
                keys = (numbers[grams] << 32) | words[grams + n - 1]
                numbers = numpy.zeros(len(tokens), dtype=numpy.int64)
                numbers[grams] = numpy.fromiter(map(self.longer.__getitem__, keys.tolist()),
                                                dtype=numpy.int64, count=len(grams))
            if n >= low:
                rows.append(units[grams])
                columns.append(self.columns_of[numbers[grams]])
        return numpy.concatenate(rows), numpy.concatenate(columns)


class _GramTable(dict):
    """word -> its row in a table of each word's character n-gram columns (`make` computes a
    new word's), kept in flat arrays so that a batch's columns are one numpy gather rather
    than a list appended per word; at most `limit` words."""

    def __init__(self, make, limit: int):
        super().__init__()
        self.make, self.limit = make, limit
        self.flat = numpy.zeros(4096, dtype=numpy.int64)     # the columns, word after word
        self.starts = numpy.zeros(1024, dtype=numpy.int64)   # a word's run in flat
        self.lengths = numpy.zeros(1024, dtype=numpy.int64)
        self.used = 0

    def __missing__(self, word: str) -> int:
        columns = self.make(word)
        row, start, end = len(self), self.used, self.used + len(columns)
        # Grown by doubling: a few copies over a long batch of new words.
        if end > len(self.flat):
            self.flat = _grown(self.flat, end)
        if row >= len(self.starts):
            self.starts, self.lengths = _grown(self.starts, row + 1), _grown(self.lengths, row + 1)
        self.flat[start:end] = columns
        self.starts[row], self.lengths[row] = start, len(columns)
        self.used = end
        self[word] = row
        return row

    def columns(self, words: list[str]) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The columns of every word's n-grams, word after word, and for each column the
        index of its word in `words`."""
        if len(self) + len(words) > self.limit:
            # Emptied before a batch, never during one: its rows would be reused.
            self.clear()
            self.used = 0
        rows = numpy.fromiter(map(self.__getitem__, words), dtype=numpy.int64, count=len(words))
        starts, lengths = self.starts[rows], self.lengths[rows]
        ends = numpy.cumsum(lengths)
        owners = numpy.repeat(numpy.arange(len(words)), lengths)
        # Position k of word j's run reads flat[starts[j] + k].
        offsets = numpy.arange(ends[-1] if len(ends) else 0) - (ends - lengths)[owners]
        return self.flat[starts[owners] + offsets], owners


def _grown(array: numpy.ndarray, size: int) -> numpy.ndarray:
    """The array's values in one at least `size` long and twice as long as it."""
    grown = numpy.zeros(max(2 * len(array), size), dtype=array.dtype)
    grown[:len(array)] = array
    return grown


def tfidf(counts: Features, idf: numpy.ndarray) -> Features:
    """1 + ln(count), times idf, each row L2-normalised (scikit-learn's
    TfidfTransformer(sublinear_tf=True))."""
    values = (1.0 + numpy.log(counts.values)) * idf[counts.cols]
    norms = numpy.sqrt(numpy.bincount(counts.rows, values * values,
                                      minlength=int(counts.rows.max(initial=-1)) + 1))
    return Features(counts.rows, counts.cols, values / norms[counts.rows])
