"""The type model component reads each unit exactly as training wrote it."""
import pytest

from pipeline.claim_model import ModelInputs, load_type_model, model_text
from pipeline.claims import CONTEXT_COMPONENTS, build_nlp, tagged_docs


@pytest.fixture(scope="session")
def nlp():
    return build_nlp("combined")


UNITS = [
    ("Vitamin B12 builds myelin, which insulates nerve fibres.", "sentence", None),
    # Lowercased, "Dr." and "U.S." are no longer the tokenizer's exceptions: they split.
    ("Dr. Patel says approx. 1 in 5 U.S. adults over 60 lack it.", "sentence", None),
    ("Take 1,000mcg (1 mg) daily, e.g. as a sublingual tablet.", "sentence", None),
    ("numbness and tingling in the hands || feet", "list_item", "Symptoms include:"),
    ("Pregabalin | 75 mg twice a day | 600 mg a day", "table_row", "Medicine | Start | Maximum"),
    ("Shellfish such as clams", "list_item", "Animal Sources > Seafood"),
]


@pytest.mark.parametrize("text, kind, context", UNITS)
def test_model_inputs_are_the_training_tokens_and_score_exactly_as_docs(nlp, text, kind, context):
    """The component reads arrays of the ORTH values of the tokens the model's tokenizer
    gives the training text, not Docs: the same tokens and the same scores, so the shipped
    scores are the scores the model was trained for."""
    from spacy.attrs import ORTH
    from spacy.tokens import Doc

    doc = tagged_docs([(text, kind, context)], nlp)[0]
    model = load_type_model()
    expected = model.tokenizer(model_text(doc, kind, doc._.context_doc))
    inputs = ModelInputs(model)
    fast = inputs.unit_input(doc, kind, doc._.context_doc)
    words = model_text(doc, kind, doc._.context_doc).split()
    assert fast.to_array([ORTH]).tolist() == inputs.from_words(words).to_array([ORTH]).tolist()
    assert len(fast) == len(expected)
    assert fast.to_array([ORTH]).dtype == expected.to_array([ORTH]).dtype
    assert fast.to_array([ORTH]).tolist() == expected.to_array([ORTH]).tolist()
    assert nlp.get_pipe("claim_type_model").scores([doc]) == [dict(model(expected).cats)]
    textcat = model.get_pipe("textcat_multilabel")
    empty = inputs.from_words([])
    assert textcat.predict([empty]).tolist() == \
        textcat.predict([Doc(model.vocab, words=[])]).tolist()


def test_contexts_run_only_what_units_read(nlp):
    doc = tagged_docs([("burning feet", "list_item", "Symptoms include:")], nlp)[0]
    context = doc._.context_doc
    assert set(CONTEXT_COMPONENTS) <= set(nlp.pipe_names)
    assert any(t.tag_ for t in context)            # the word lists were set
    assert context._.claim_types == ()             # the type components did not run


def test_bow_scorer_predicts_exactly_as_the_textcat_component(nlp):
    """BowScorer's batch n-gram counting gives the component's own scores, bit for bit:
    every gold unit, in batches of 256, and batches with empty and one-token docs."""
    import numpy

    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_model import BowScorer
    from pipeline.eval_claims import OUTSIDE_SETS, load_units

    component = nlp.get_pipe("claim_type_model")
    scorer = BowScorer(component.textcat)
    assert scorer.layers is not None            # the fast path runs on the shipped model
    units = [(u["text"], u["kind"], u["context"])
             for split in ("test", "train", *OUTSIDE_SETS) for u in load_units(split)]
    docs = tagged_docs(units, nlp)
    inputs = [component.model_inputs.unit_input(d, UnitAttrs(d).unit_kind,
                                                UnitAttrs(d).context_doc) for d in docs]
    empty, one, two = (component.model_inputs.from_words(w)
                       for w in ([], ["lexnumber"], ["b12"]))
    batches = [inputs[i:i + 256] for i in range(0, len(inputs), 256)]
    batches += [[empty], [empty, empty], [one], [one, two], [two, inputs[0], one], inputs[:1]]
    for batch in batches:
        expected = component.textcat.predict(batch)
        found = scorer.predict(batch)
        assert found.dtype == expected.dtype and found.shape == expected.shape
        assert numpy.array_equal(found, expected)
