"""The type classifier: what it learns from, how it scores, and that it saves exactly."""
import pytest

from pipeline.type_classifier import ClassifierConfig, ClassifierInput, TypeClassifier, UnitHasher

TYPES = ("symptom", "dosage")
CONFIG = ClassifierConfig(word_hash_bits=12, word_ngrams=(1, 2), char_hash_bits=12,
                          char_ngrams=(2, 4), rule_types=True, C=4.0, class_weight="balanced",
                          max_iter=500)
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

    without = replace(CONFIG, rule_types=False)
    unit = [ClassifierInput("a b", "a b", ("dosage",))]
    with_rules = UnitHasher(CONFIG, TYPES).counts(unit)
    assert with_rules.shape[1] - UnitHasher(without, TYPES).counts(unit).shape[1] == len(TYPES)
    assert with_rules[0, with_rules.shape[1] - len(TYPES) + TYPES.index("dosage")] == 1


def test_counts_are_scikit_learns_hashing_vectorizers_counts_for_every_gold_unit():
    """UnitHasher hashes each word n-gram and each word's character n-grams once; the matrix
    is the one the vectorizers give for whole texts, entry for entry (also for cased Greek,
    runs of spaces, one-letter words and empty texts)."""
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
    assert found.shape == expected.shape
    for attr in ("indptr", "indices", "data"):
        assert numpy.array_equal(getattr(found, attr), getattr(expected, attr)), attr


def test_no_units_give_no_scores(model):
    assert model.scores([]) == []
