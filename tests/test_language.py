"""Language detection: numpy scoring gives py3langid's own scores, to the last bit."""
import random

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from pipeline.language import DFA_DEPTH, SAMPLE_CHARS, detect, identifier
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def reference():
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _random_texts(n: int) -> list[str]:
    rng = random.Random(6)
    return ["".join(chr(rng.randrange(1, 0x3100)) for _ in range(rng.randrange(1, 200)))
            for _ in range(n)]


TEXTS = [
    "a", "ab", "abcde", "abcdef", "abcdefg", " ", "\n\n", "1000 µg",
    "Vitamin B12 deficiency can cause tingling, fatigue and memory problems.",
    "La vitamine B12 est essentielle au bon fonctionnement du système nerveux.",
    "Ein Mangel an Vitamin B12 kann zu Müdigkeit und Kribbeln führen.",
    "La deficiencia de vitamina B12 puede causar cansancio y hormigueo.",
    "Дефицит витамина B12 может вызывать усталость и покалывание.",
    "维生素B12缺乏会导致疲劳和刺痛。",
    "نقص فيتامين ب12 يمكن أن يسبب التعب والوخز.",
    "ALL CAPITALS: TAKE WITH FOOD TWICE A DAY",
    "café naïve – “quoted” — ‘single’ … \u00a0no-break",
    *_random_texts(40),
]


def _articles() -> list[str]:
    paths = sorted((ROOT / "raw").glob("*.txt"))[:60] + sorted((ROOT / "eval").glob("**/*.html"))[:60]
    return [p.read_text(encoding="utf-8", errors="replace")[:SAMPLE_CHARS] for p in paths]


@pytest.mark.parametrize("text", TEXTS)
def test_scores_equal_py3langids(reference, text):
    assert identifier().classify(text) == reference.classify(text)
    assert np.array_equal(identifier()._decide(text), reference._decide(text))


def test_scores_equal_py3langids_on_the_repositorys_articles(reference):
    for text in _articles():
        assert np.array_equal(identifier()._decide(text), reference._decide(text)), text[:80]


def test_no_state_of_the_automaton_is_deeper_than_the_bytes_read_back():
    idf = identifier()
    depth = {0}
    seen = np.zeros(len(idf.tk_row), dtype=bool)
    seen[0] = True
    frontier, level = np.array([0]), 0
    while len(frontier):
        level += 1
        targets = idf._moves[(idf._row_starts[frontier][:, None] + np.arange(256)).ravel()]
        targets = np.unique(targets)
        frontier = targets[~seen[targets]]
        seen[frontier] = True
        if len(frontier):
            depth.add(level)
    assert seen.all() and max(depth) <= DFA_DEPTH


@pytest.mark.parametrize("text, code", [
    ("Vitamin B12 deficiency can cause tingling in the hands and feet, tiredness and memory "
     "problems. Doctors usually treat it with injections or tablets.", "en"),
    ("La vitamine B12 est essentielle au bon fonctionnement du système nerveux. Une carence "
     "peut provoquer des fourmillements et une fatigue importante.", "fr"),
    ("short", None),
])
def test_detect(text, code):
    assert detect(text)[0] == code
