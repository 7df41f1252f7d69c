"""The type classifier: what it learns from, how it scores, and that it saves exactly."""
import pytest

from pipeline.type_classifier import ClassifierConfig, ClassifierInput, TypeClassifier, UnitHasher

TYPES = ("symptom", "dosage")
CONFIG = ClassifierConfig(word_hash_bits=12, word_ngrams=(1, 2), char_hash_bits=12,
                          char_ngrams=(2, 4), rule_types=True, around_hash_bits=10,
                          heading_weight=0.3, previous_weight=0.5, C=4.0,
                          class_weight="balanced", max_iter=500)
TRAINING = [
    (ClassifierInput("lexsymptom numbness in the feet", "Numbness in the feet", ()), ["symptom"]),
    (ClassifierInput("lexsymptom tingling hands", "Tingling hands", ()), ["symptom"]),
    (ClassifierInput("lexsymptom burning pain at night", "Burning pain at night",
                     ("symptom",)), ["symptom"]),
    (ClassifierInput("take lexnumber mcg daily", "Take 500 mcg daily", ("dosage",)), ["dosage"]),
    (ClassifierInput("lexnumber mg once a day", "1 mg once a day", ("dosage",)), ["dosage"]),
    (ClassifierInput("the clinic opens at lexnumber", "The clinic opens at 9", ()), []),
    (ClassifierInput("call us today", "Call us today", ()), []),
    (ClassifierInput("read our privacy policy", "Read our privacy policy", ()), []),
    (ClassifierInput("it is common", "It is common", (), "Symptoms", "My feet burn."), ["symptom"]),
    (ClassifierInput("it is common", "It is common", (), "Opening hours", "We open at 9."), []),
]


@pytest.fixture(scope="module")
def model():
    return TypeClassifier.fit(CONFIG, TYPES, [x for x, _ in TRAINING], [y for _, y in TRAINING])


@pytest.mark.parametrize("unit, expected", [
    (ClassifierInput("lexsymptom numbness and tingling", "Numbness and tingling", ()), "symptom"),
    (ClassifierInput("lexnumber mcg daily", "250 mcg daily", ("dosage",)), "dosage"),
])
def test_it_scores_a_new_unit_like_the_units_it_learnt(model, unit, expected):
    scores = model.scores([unit])[0]
    assert set(scores) == set(TYPES)
    assert scores[expected] > 0.5 > scores[next(t for t in TYPES if t != expected)]


def test_saved_and_loaded_it_scores_the_same_and_saves_the_same_bytes(model, tmp_path):
    units = [x for x, _ in TRAINING]
    first = model.save(tmp_path / "a")
    loaded = TypeClassifier.load(first)
    assert loaded.scores(units) == model.scores(units)
    second = loaded.save(tmp_path / "b")
    for name in ("weights.npz", "model.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_only_features_seen_in_training_carry_weights(model):
    assert 0 < len(model.used) < model.width
    assert model.coef.shape == (len(TYPES), len(model.used))


def test_rule_types_are_features_only_when_configured():
    from dataclasses import replace

    without = UnitHasher(replace(CONFIG, rule_types=False), TYPES)
    hasher = UnitHasher(CONFIG, TYPES)
    assert hasher.width - without.width == len(TYPES)
    counts = hasher.counts([ClassifierInput("a b", "a b", ("dosage",))])
    column = hasher.rule_offset + TYPES.index("dosage")
    assert column in counts.cols.tolist()
    assert column not in without.counts([ClassifierInput("a b", "a b", ("dosage",))]).cols


def test_the_words_around_a_unit_are_two_blocks_of_their_own_each_scaled_to_its_weight():
    import numpy

    hasher = UnitHasher(CONFIG, TYPES)
    unit = ClassifierInput("a", "a", (), "Signs > Nerve pain", "Feet burn, feet burn.")
    around = hasher.around([unit, ClassifierInput("a", "a", ())])
    assert set(around.rows.tolist()) == {0}
    heading = (around.cols >= hasher.heading_offset) & (around.cols < hasher.previous_offset)
    previous = around.cols >= hasher.previous_offset
    assert numpy.all(heading | previous) and around.cols.max() < hasher.width
    # Words and word pairs, each once: "signs", "nerve", "pain", "signs nerve", "nerve pain".
    assert heading.sum() <= 5 and previous.sum() <= 5       # fewer if two share a column
    assert numpy.isclose(numpy.sqrt((around.values[heading] ** 2).sum()), 0.3)
    assert numpy.isclose(numpy.sqrt((around.values[previous] ** 2).sum()), 0.5)


def test_the_unit_before_and_the_heading_change_the_scores_as_learnt(model):
    """Two units of the same words: the one under a symptoms heading after a symptom
    sentence scores higher for symptom than the one under opening hours."""
    under_symptoms = ClassifierInput("it is common", "It is common", (), "Symptoms",
                                     "My feet burn.")
    under_hours = ClassifierInput("it is common", "It is common", (), "Opening hours",
                                  "We open at 9.")
    first, second = model.scores([under_symptoms, under_hours])
    assert first["symptom"] > second["symptom"]


def test_counts_are_scikit_learns_hashing_vectorizers_counts_for_every_gold_unit():
    """UnitHasher cuts and hashes each word n-gram and each word's character n-grams once,
    without scikit-learn; the counts are the ones its vectorizers give for whole texts, entry
    for entry (also for cased Greek, runs of spaces, one-letter words and empty texts)."""
    import numpy
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer

    from pipeline.claim_model import load_type_model
    from pipeline.eval_claims import OUTSIDE_SETS, load_units
    from pipeline.train_claims import classifier_inputs

    model = load_type_model()
    config, types = model.config, model.types
    units = [u for split in ("test", "train", *OUTSIDE_SETS) for u in load_units(split)]
    inputs = classifier_inputs(units) + [
        ClassifierInput("", "", ()), ClassifierInput("x", "  ΟΔΟΣ   Σ a\tb ", ("symptom",))]
    words = HashingVectorizer(n_features=2 ** config.word_hash_bits,
                              ngram_range=config.word_ngrams, token_pattern=r"\S+",
                              lowercase=False, alternate_sign=False, norm=None)
    chars = HashingVectorizer(n_features=2 ** config.char_hash_bits,
                              ngram_range=config.char_ngrams, analyzer="char_wb",
                              lowercase=True, alternate_sign=False, norm=None)
    rows = [(i, types.index(t)) for i, x in enumerate(inputs) for t in x.rule_types]
    rules = sparse.csr_matrix((numpy.ones(len(rows)), ([r for r, _ in rows], [c for _, c in rows])),
                              shape=(len(inputs), len(types)))
    expected = sparse.hstack([words.transform([x.words for x in inputs]),
                              chars.transform([x.text for x in inputs]), rules], format="csr")
    expected.sum_duplicates()
    found = UnitHasher(config, types).counts(inputs)
    assert numpy.array_equal(found.rows, numpy.repeat(numpy.arange(len(inputs)),
                                                      numpy.diff(expected.indptr)))
    assert numpy.array_equal(found.cols, expected.indices)
    assert numpy.array_equal(found.values, expected.data)


@pytest.mark.parametrize("word_ngrams, limit", [
    ((1, 1), 200_000), ((1, 2), 200_000), ((1, 3), 200_000), ((2, 3), 200_000),
    ((1, 2), 40),       # the n-gram tables are emptied between batches
])
def test_counts_are_the_vectorizers_whatever_the_n_gram_range_and_batches(word_ngrams, limit):
    """UnitHasher numbers each word n-gram it meets and keeps each word's character n-grams in
    tables it empties when full: batch after batch, its counts stay scikit-learn's."""
    import numpy
    from dataclasses import replace
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer

    config = replace(CONFIG, word_ngrams=word_ngrams)
    hasher = UnitHasher(config, TYPES)
    hasher._word_grams.limit = hasher._char_grams.limit = limit
    words = HashingVectorizer(n_features=2 ** config.word_hash_bits, ngram_range=word_ngrams,
                              token_pattern=r"\S+", lowercase=False, alternate_sign=False,
                              norm=None)
    chars = HashingVectorizer(n_features=2 ** config.char_hash_bits,
                              ngram_range=config.char_ngrams, analyzer="char_wb",
                              lowercase=True, alternate_sign=False, norm=None)
    inputs = [x for x, _ in TRAINING] + [ClassifierInput("a a a b a a", "Aa aA aa", ()),
                                         ClassifierInput("", "", ()),
                                         ClassifierInput("one", "One", ("dosage",))]
    for batch in (inputs[:4], inputs[4:], inputs, inputs[::-1]):
        expected = sparse.hstack([words.transform([x.words for x in batch]),
                                  chars.transform([x.text for x in batch])], format="csr")
        expected.sum_duplicates()
        found = hasher.counts(batch)
        own = found.cols < hasher.rule_offset
        assert numpy.array_equal(found.rows[own], numpy.repeat(numpy.arange(len(batch)),
                                                               numpy.diff(expected.indptr)))
        assert numpy.array_equal(found.cols[own], expected.indices)
        assert numpy.array_equal(found.values[own], expected.data)


def test_scores_are_scikit_learns_tfidf_and_logistic_regression_scores(model):
    """The numpy scoring is TfidfTransformer(sublinear_tf=True) with the stored idf, then each
    type's logistic function, to rounding."""
    import numpy
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.preprocessing import normalize

    units = [x for x, _ in TRAINING] + [ClassifierInput("unseen words", "Unseen words", ()),
                                        ClassifierInput("a", "A", (), "Nerve pain", "Nerve pain")]
    counts = model.hasher.counts(units)
    raw = sparse.csr_matrix((counts.values, (counts.rows, counts.cols)),
                            shape=(len(units), model.width))
    raw.data = 1.0 + numpy.log(raw.data)
    x = normalize(raw.multiply(model._idf).tocsr())
    # The words around a unit: each block's binary word and pair columns, L2-normalised.
    hasher = model.hasher
    for offset, weight, name in ((hasher.heading_offset, 0.3, "heading"),
                                 (hasher.previous_offset, 0.5, "previous")):
        block = sparse.hstack([sparse.csr_matrix((len(units), offset)),
                               HashingVectorizer(n_features=hasher.around_features,
                                                 ngram_range=(1, 2), binary=True,
                                                 token_pattern=r"[a-z0-9]+",
                                                 alternate_sign=False, norm=None)
                               .transform([getattr(u, name) for u in units]),
                               sparse.csr_matrix((len(units),
                                                  model.width - offset - hasher.around_features))])
        x = x + weight * normalize(block.tocsr())
    weights = numpy.zeros((model.width, len(model.types)))
    weights[model.used] = model.coef.T
    margins = x @ weights + model.intercept
    assert numpy.allclose(model.predict(units), 1 / (1 + numpy.exp(-margins)), atol=1e-12)


def test_scoring_imports_neither_scikit_learn_nor_scipy():
    """They cost a worker about 110 MB; only training needs them."""
    import subprocess
    import sys

    code = ("import sys; from pipeline.claims import get_nlp, tag_unit; get_nlp(); "
            "tag_unit('Numbness is a symptom.'); "
            "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_no_units_give_no_scores(model):
    assert model.scores([]) == []
