"""The type model component reads each unit exactly as training wrote it."""
import pytest

from pipeline.claim_model import load_type_model
from pipeline.claims import CONTEXT_COMPONENTS, build_nlp, tag_unit, tagged_docs


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
AROUND = [(None, None), ("Symptoms > Nerve pain", "My feet burn at night.")]


@pytest.mark.parametrize("heading, previous", AROUND)
@pytest.mark.parametrize("text, kind, context", UNITS)
def test_the_component_scores_what_training_reads(nlp, text, kind, context, heading, previous):
    """The component's input for a unit is what train_claims fits on, so the shipped scores
    are the scores the model was trained for: the same words, text, rule types and words
    around it (the unit before it only for a sentence: a list item has its lead-in)."""
    from pipeline.claim_model import classifier_input
    from pipeline.claims import UnitText
    from pipeline.train_claims import classifier_inputs

    unit = UnitText(text, kind, context, heading, previous)
    doc = tagged_docs([unit], nlp)[0]
    trained = classifier_inputs([{"text": text, "kind": kind, "context": context,
                                  "heading": heading, "previous": previous}])[0]
    rules = tagged_docs([unit], build_nlp("rules"), spread=False)[0]
    assert trained.rule_types == rules._.claim_types
    shipped = classifier_input(doc, kind, doc._.context_doc, rules._.claim_types)
    assert shipped == trained
    assert (shipped.heading, shipped.previous) == \
        (heading or "", (previous or "") if kind == "sentence" else "")
    assert nlp.get_pipe("claim_type_model").scores([rules]) == load_type_model().scores([trained])


@pytest.mark.parametrize("text, kind, context, words, model_text_", [
    ("Burning feet", "list_item", "Symptoms include:", ["lexsymptom", "burning"],
     "Symptoms include: || Burning feet"),
    ("Take 1,000mcg daily.", "sentence", "Dosage", ["lexnumber", "mcg"], "Take 1,000mcg daily."),
])
def test_classifier_input_reads_words_with_their_lists_and_the_text_after_its_lead_in(
        nlp, text, kind, context, words, model_text_):
    from pipeline.claim_model import classifier_input

    doc = tagged_docs([(text, kind, context)], nlp)[0]
    found = classifier_input(doc, kind, doc._.context_doc, ("symptom",))
    assert all(w in found.words.split() for w in words)
    assert found.text == model_text_              # a sentence's heading is not read
    assert found.rule_types == ("symptom",)


def test_contexts_run_only_what_units_read(nlp):
    doc = tagged_docs([("burning feet", "list_item", "Symptoms include:")], nlp)[0]
    context = doc._.context_doc
    assert set(CONTEXT_COMPONENTS) <= set(nlp.pipe_names)
    assert any(t.tag_ for t in context)            # the word lists were set
    assert context._.claim_types == ()             # the type components did not run


@pytest.mark.parametrize("cfg, expected", [
    ({"threshold": 0.5}, {"symptom": 0.5, "treatment": 0.5}),
    ({"threshold": 0.5, "thresholds": {"symptom": 0.4}}, {"symptom": 0.4, "treatment": 0.5}),
])
def test_each_type_takes_its_own_threshold_or_the_default(cfg, expected):
    from pipeline.claim_model import type_thresholds

    assert type_thresholds(cfg, ("symptom", "treatment")) == expected


def test_a_threshold_for_an_unknown_type_is_an_error():
    from pipeline.claim_model import type_thresholds

    with pytest.raises(ValueError, match="symptoms"):
        type_thresholds({"threshold": 0.5, "thresholds": {"symptoms": 0.4}}, ("symptom",))


def test_a_lower_threshold_admits_a_type_the_default_leaves_out(nlp):
    """A unit whose symptom score lies between the symptom threshold and the default is
    tagged symptom; the component reads its thresholds from types.toml."""
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_model import TypeJoin, combine_types, type_thresholds
    from pipeline.claim_rules import load_toml

    settings = load_toml("types.toml")
    assert nlp.get_pipe("claim_type_model").join.thresholds == type_thresholds(
        settings["model"], tuple(settings["types"]))

    doc = next(iter(tagged_docs([("Pain 8/10 at night.", "sentence", None)], nlp)))
    types = tuple(sorted(UnitAttrs(doc).type_scores))
    scores = {t: 0.0 for t in types} | {"symptom": 0.45}
    UnitAttrs(doc).claim_types = ()
    low = TypeJoin({t: 0.5 for t in types} | {"symptom": 0.4})
    assert combine_types(doc, scores, "combined", low, frozenset("?")) == {"symptom"}
    assert combine_types(doc, scores, "combined", TypeJoin({t: 0.5 for t in types}),
                         frozenset("?")) == set()


@pytest.mark.parametrize("rule_types,leadin_types,scores,expected", [
    # A kept rule type joins when the model scores it at least its floor...
    (("dosage", "prevalence"), (), {"dosage": 0.15, "prevalence": 0.0}, {"dosage", "prevalence"}),
    # ...and not below it: a dosage rule the model all but rules out is a look-alike.
    (("dosage",), (), {"dosage": 0.05}, set()),
    # A rule type not kept never joins; the model's own type always does.
    (("treatment",), (), {"treatment": 0.45}, set()),
    ((), (), {"treatment": 0.55}, {"treatment"}),
    # A lead-in's kept type joins whatever the model scores; one not kept does not.
    ((), ("symptom",), {"symptom": 0.0}, {"symptom"}),
    ((), ("mechanism",), {"mechanism": 0.3}, set()),
])
def test_the_combined_source_joins_rule_and_leadin_types_as_configured(
        nlp, rule_types, leadin_types, scores, expected):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_model import TypeJoin, combine_types

    join = TypeJoin({t: 0.5 for t in ("dosage", "mechanism", "prevalence", "symptom",
                                      "treatment")},
                    {"dosage": 0.1, "prevalence": 0.0}, frozenset({"symptom"}))
    doc = next(iter(tagged_docs([("Take 10 mg daily.", "sentence", None)], nlp)))
    ext = UnitAttrs(doc)
    ext.claim_types, ext.leadin_types = rule_types, leadin_types
    assert ext.dosage is not None
    assert combine_types(doc, scores, "combined", join, frozenset("?")) == expected
    assert combine_types(doc, scores, "model", join, frozenset("?")) == \
        {t for t, s in scores.items() if s >= 0.5}


@pytest.mark.parametrize("rule_types,leadin_types,heading_types,scores,expected", [
    # A heading's kept type joins whatever the model scores; one not kept does not.
    ((), (), ("treatment",), {"treatment": 0.1}, {"treatment"}),
    ((), (), ("risk_factor",), {"risk_factor": 0.1}, set()),
    # The model's symptom leaves an item whose lead-in or heading implies treatment only...
    ((), ("treatment",), (), {"symptom": 0.9}, set()),
    ((), (), ("treatment",), {"symptom": 0.9}, {"treatment"}),
    # ... not one whose context implies symptom too, nor one whose own rules find symptom.
    ((), ("symptom", "treatment"), (), {"symptom": 0.9}, {"symptom"}),
    (("symptom",), ("treatment",), (), {"symptom": 0.9}, {"symptom"}),
    ((), ("risk_factor",), (), {"symptom": 0.9}, {"symptom"}),
])
def test_a_list_items_context_joins_and_drops_types_as_configured(
        nlp, rule_types, leadin_types, heading_types, scores, expected):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_model import TypeJoin, combine_types
    from pipeline.claim_types import HEADING_TYPES

    join = TypeJoin({t: 0.5 for t in ("risk_factor", "symptom", "treatment")},
                    leadins_kept=frozenset({"symptom"}),
                    headings_kept=frozenset({"treatment"}),
                    context_drops={"symptom": frozenset({"treatment"})})
    doc = next(iter(tagged_docs([("feet kept away from fires", "sentence", None)], nlp)))
    ext = UnitAttrs(doc)
    ext.claim_types, ext.leadin_types = rule_types, leadin_types
    doc.user_data[HEADING_TYPES] = heading_types
    assert combine_types(doc, scores, "combined", join, frozenset("?")) == expected


@pytest.mark.parametrize("text,kind,context,scores,expected", [
    # A "drop:<type>" cue keeps the type off whatever the model scores (twenty-fifth round):
    # a natural course told as a share is no treatment, advice given as a bare instruction
    # no symptom ...
    ("Most people get better within six weeks without any treatment.", "sentence", None,
     {"treatment": 0.9, "prevalence": 0.9}, {"prevalence"}),
    ("Never warm numb feet against a stove.", "sentence", None,
     {"treatment": 0.9, "symptom": 0.9}, {"treatment"}),
    ("wear shoes with a back strap on the sand", "list_item", "Feet at the park",
     {"treatment": 0.9, "symptom": 0.9}, {"treatment"}),
    # ... but a lead-in's kept type still joins.
    ("keep dropping things", "list_item", "Common symptoms include:",
     {"symptom": 0.9}, {"symptom"}),
    # Without the cue the model's types stand.
    ("Gentle exercise helps most people get better.", "sentence", None,
     {"treatment": 0.9}, {"treatment"}),
    # A "join:<type>" cue brings its type in whatever the model scores: years on metformin
    # are a cause of running low.
    ("Metformin taken over many years can drain B12.", "sentence", None,
     {"risk_factor": 0.1}, {"risk_factor"}),
    ("Left untreated, the shortage can scar the spinal cord.", "sentence", None,
     {"mechanism": 0.2, "symptom": 0.9}, {"mechanism", "symptom"}),
    # A list item of advice under a heading of tips brings treatment in (types.toml
    # [imperative] item_joins) ...
    ("cast from the shoulders rather than swinging your back round", "list_item",
     "At the water", {"treatment": 0.3}, {"treatment"}),
    # ... not a packing list's item.
    ("pack a small mirror for looking at your soles", "list_item", "Before you go",
     {"treatment": 0.3}, set()),
])
def test_a_drop_cue_keeps_a_type_off_whatever_the_model_scores(nlp, text, kind, context,
                                                                scores, expected):
    from pipeline.claim_model import TypeJoin, combine_types

    join = TypeJoin({t: 0.5 for t in ("prevalence", "risk_factor", "symptom", "treatment")},
                    leadins_kept=frozenset({"symptom"}))
    doc = next(iter(tagged_docs([(text, kind, context)], nlp)))
    assert combine_types(doc, scores, "combined", join, frozenset("?")) == expected


@pytest.mark.parametrize("rule_types,leadin_types,expected", [
    # A lead-in's treatment joins an advice item ...
    (("treatment",), ("treatment",), {"treatment"}),
    # ... not one whose own rules find a dose or a check (decision 12).
    (("dosage", "treatment"), ("treatment",), set()),
    (("diagnosis", "treatment"), ("treatment",), set()),
    # A blocker the lead-in itself gives does not block.
    (("diagnosis", "treatment"), ("diagnosis", "treatment"), {"treatment"}),
])
def test_a_leadin_type_does_not_join_an_item_whose_own_rules_block_it(
        nlp, rule_types, leadin_types, expected):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_model import TypeJoin, combine_types

    join = TypeJoin({"diagnosis": 0.5, "treatment": 0.5},
                    leadins_kept=frozenset({"treatment"}),
                    leadin_blockers={"treatment": frozenset({"diagnosis", "dosage"})})
    doc = next(iter(tagged_docs([("a pill", "sentence", None)], nlp)))
    ext = UnitAttrs(doc)
    ext.claim_types, ext.leadin_types = rule_types, leadin_types
    assert combine_types(doc, {}, "combined", join, frozenset("?")) == expected


def test_a_heading_gives_its_types_to_a_list_without_a_leadin(nlp):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_types import HEADING_TYPES

    doc = next(iter(tagged_docs([("wear thick socks in bed", "list_item",
                                  "Looking after numb feet")], nlp)))
    assert "treatment" in doc.user_data[HEADING_TYPES]
    assert UnitAttrs(doc).leadin_types == ()


def test_the_join_settings_name_known_types_only():
    from pipeline.claim_model import TypeJoin

    with pytest.raises(ValueError, match="unknown types"):
        TypeJoin.from_settings({"threshold": 0.5, "rules_kept": {"symptoms": 0.0}},
                               ("symptom",))
    with pytest.raises(ValueError, match="unknown types"):
        TypeJoin.from_settings({"threshold": 0.5, "context_drops": {"symptom": ["treatments"]}},
                               ("symptom", "treatment"))
    with pytest.raises(ValueError, match="unknown types"):
        TypeJoin.from_settings({"threshold": 0.5, "leadin_blockers": {"treatment": ["doses"]}},
                               ("dosage", "treatment"))


@pytest.mark.parametrize("text,context", [
    # Items of a red-flag list under advice to get help are its signs, whatever the model
    # makes of the advice.
    ("your bottom and inner thighs have gone numb",
     "Stop the programme and phone your doctor the same day if:"),
    ("Disturbed vision", "Signs of vitamin B12 or folate deficiency include:"),
])
def test_a_leadin_that_lists_signs_makes_its_items_symptoms(nlp, text, context):
    assert "symptom" in tag_unit(text, "list_item", context, nlp).types


def test_the_component_reads_each_unit_as_classifier_input_does(nlp):
    """ClaimTypeModel.inputs (the component's batch path, each doc's extensions read once) is
    classifier_input of each unit, given its rule types."""
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_model import classifier_input
    from pipeline.claims import UnitText

    units = [UnitText(text, kind, context, *around) for text, kind, context in UNITS
             for around in AROUND]
    docs = tagged_docs(units, build_nlp("rules"), spread=False)
    expected = [classifier_input(doc, UnitAttrs(doc).unit_kind, UnitAttrs(doc).context_doc,
                                 UnitAttrs(doc).claim_types) for doc in docs]
    assert nlp.get_pipe("claim_type_model").inputs(docs) == expected


def _shipped_join(nlp, text, scores, rule_types=(), kind="sentence", context=None):
    """The types the shipped combination gives a unit with these model scores (every other
    type 0) and these rule types, no lead-in types."""
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_model import combine_types

    pipe = nlp.get_pipe("claim_type_model")
    doc = next(iter(tagged_docs([(text, kind, context)], nlp)))
    UnitAttrs(doc).claim_types = rule_types
    UnitAttrs(doc).leadin_types = ()
    return combine_types(doc, {t: 0.0 for t in UnitAttrs(doc).type_scores} | scores, "combined",
                         pipe.join, pipe.question_marks)


# ------------------------------------------------------------------------ twenty-eighth round
# Twenty-eighth round: the shipped thresholds, read from types.toml, as the held-out scores of
# ten sets (blind16 to blind24, styles11) chose them. A model score just under a type's
# threshold leaves the type out, one at it or over brings it in; the other types keep theirs.
@pytest.mark.parametrize("claim_type,score,present", [
    # risk_factor 0.6: of the held-out units scored 0.5 to 0.6 only 16 of 59 carry it (a
    # mechanism sentence under "Why rowers' backs are vulnerable", a plain share of a group) ...
    ("risk_factor", 0.55, False),
    ("risk_factor", 0.6, True),
    ("risk_factor", 0.72, True),
    # mechanism 0.65: 7 of 21 held-out units scored 0.6 to 0.65 carry it ...
    ("mechanism", 0.62, False),
    ("mechanism", 0.66, True),
    # ... symptom and prevalence keep 0.6.
    ("symptom", 0.62, True),
    ("prevalence", 0.62, True),
    ("symptom", 0.58, False),
    # ... while a type left at the default keeps 0.5.
    ("treatment", 0.55, True),
    ("treatment", 0.45, False),
])
def test_twenty_eighth_round_thresholds(nlp, claim_type, score, present):
    found = _shipped_join(nlp, "Pain 8/10 at night.", {claim_type: score})
    assert (claim_type in found) is present


# ------------------------------------------------------------------------- twenty-ninth round
# Twenty-ninth round: the shipped rules_kept floors, read from types.toml. A rule prevalence
# joins only when the model scores it 0.2 or more (one the model all but rules out is most often
# a frequency word beside a side effect, a course or a type); a rule risk_factor joins from 0.55,
# under the model's own 0.6 threshold (held out, 6 of 8 such units carry it).
@pytest.mark.parametrize("rule_types,claim_type,score,present", [
    (("prevalence",), "prevalence", 0.05, False),
    (("prevalence",), "prevalence", 0.19, False),
    (("prevalence",), "prevalence", 0.2, True),
    (("prevalence",), "prevalence", 0.45, True),
    ((), "prevalence", 0.45, False),
    (("risk_factor",), "risk_factor", 0.52, False),
    (("risk_factor",), "risk_factor", 0.55, True),
    (("risk_factor",), "risk_factor", 0.58, True),
    ((), "risk_factor", 0.58, False),
    # ... and a rule type not kept still needs the model's own threshold.
    (("mechanism",), "mechanism", 0.6, False),
    # Diagnosis takes 0.55 (held out, 3 of 11 units scored 0.5 to 0.55 carry it).
    ((), "diagnosis", 0.52, False),
    ((), "diagnosis", 0.55, True),
    ((), "diagnosis", 0.8, True),
])
def test_twenty_ninth_round_rule_floors(nlp, rule_types, claim_type, score, present):
    found = _shipped_join(nlp, "Pain 8/10 at night.", {claim_type: score}, rule_types)
    assert (claim_type in found) is present


# --------------------------------------------------------------------------- thirtieth round
# Thirtieth round: a rule dosage on a unit that names a food (by its rules or the model) joins
# only from 0.3 (a food portion's amount is food_source, decision 13); elsewhere from 0.15.
@pytest.mark.parametrize("rule_types,model_food,score,present", [
    (("dosage", "food_source"), 0.0, 0.2, False),
    (("dosage", "food_source"), 0.0, 0.29, False),
    (("dosage", "food_source"), 0.0, 0.3, True),
    (("dosage",), 0.9, 0.25, False),
    (("dosage",), 0.4, 0.25, True),
    (("dosage",), 0.0, 0.2, True),
    (("dosage",), 0.0, 0.1, False),
])
def test_thirtieth_round_food_dosage_floor(nlp, rule_types, model_food, score, present):
    found = _shipped_join(nlp, "Take 10 mg once a day.",
                          {"dosage": score, "food_source": model_food}, rule_types)
    assert ("dosage" in found) is present


def test_thirtieth_round_rules_kept_beside_names_known_types():
    from pipeline.claim_model import TypeJoin

    types = ("dosage", "food_source")
    join = TypeJoin.from_settings({"threshold": 0.5, "rules_kept": {"dosage": 0.15},
                                   "rules_kept_beside": {"dosage": {"food_source": 0.3}}}, types)
    assert join.rules_kept_beside == {"dosage": {"food_source": 0.3}}
    with pytest.raises(ValueError):
        TypeJoin.from_settings({"threshold": 0.5, "rules_kept_beside": {"dosage": {"food": 0.3}}},
                               types)


# Thirtieth round: in a sentence the model reads as a test or an examination (diagnosis 0.7 or
# more), its symptom with no rule or lead-in symptom needs 0.9 ("She will also set a humming
# fork on the big toe, because feeling a buzz is often the earliest sense to fail").
@pytest.mark.parametrize("kind,rule_types,diagnosis,symptom,present", [
    ("sentence", (), 0.8, 0.8, False),
    ("sentence", (), 0.7, 0.89, False),
    ("sentence", (), 0.8, 0.9, True),
    ("sentence", (), 0.65, 0.8, True),
    ("sentence", ("symptom",), 0.9, 0.7, True),
    ("list_item", (), 0.9, 0.7, True),
])
def test_thirtieth_round_symptom_beside_a_test(nlp, kind, rule_types, diagnosis, symptom,
                                                present):
    context = "Checks:" if kind == "list_item" else None
    found = _shipped_join(nlp, "the GP presses on the sole",
                          {"diagnosis": diagnosis, "symptom": symptom}, rule_types, kind, context)
    assert ("symptom" in found) is present


# ... and in a sentence the model reads as a mechanism (0.95 or more), its risk_factor with no
# rule or lead-in risk_factor needs 0.7 ("At the catch the lower spine is bent forward under
# load ... squeezes the discs" under "Why rowers' backs are vulnerable").
@pytest.mark.parametrize("rule_types,mechanism,risk,present", [
    ((), 0.97, 0.65, False),
    ((), 0.95, 0.69, False),
    ((), 0.97, 0.7, True),
    ((), 0.9, 0.65, True),
    (("risk_factor",), 0.99, 0.62, True),
])
def test_thirtieth_round_risk_factor_beside_a_mechanism(nlp, rule_types, mechanism, risk,
                                                         present):
    found = _shipped_join(nlp, "the discs dry out with the years",
                          {"mechanism": mechanism, "risk_factor": risk}, rule_types)
    assert ("risk_factor" in found) is present
