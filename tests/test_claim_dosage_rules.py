"""Dosage parser rules added for claims accuracy (issue 5): populations, substances, tables."""
from __future__ import annotations

import pytest

from pipeline.claims import build_nlp, tag_unit


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


@pytest.fixture(scope="module")
def rules_nlp():
    """The pipeline with types from the rules alone (what the type model learns from)."""
    return build_nlp("rules")


def _one(text, nlp, kind="sentence", context=None):
    tags = tag_unit(text, kind, context, nlp)
    assert "dosage" in tags.types
    assert isinstance(tags.dosage, dict)
    return tags.dosage


def test_group_defined_by_the_regimen_is_not_a_population(nlp):
    d = _one("People taking more than 1,500 mg of metformin a day for over 4 years are "
             "most affected.", nlp)
    assert d["population"] is None and d["amount"] == 1500


def test_form_inside_a_population_is_not_a_regimen(nlp):
    d = _one("Sublingual B12 tablets dissolve under the tongue and are popular with people "
             "who dislike swallowing pills.", nlp)
    assert d["route"] == "sublingual" and d["population"] == "people who dislike swallowing pills"


def test_table_population_column_gives_the_first_cell_as_written(nlp):
    d = _one("4 to 8 years | 10 mg", nlp, "table_row", "Age | Iron per day")
    assert d["population"] == "4 to 8 years" and d["substance"] == "iron"
    assert d["frequency"] == "daily"


@pytest.mark.parametrize("text,substance", [
    ("Take 10 mcg of vitamin D.", "vitamin D"),
    ("A typical dose of vitamin K2 is 100 mcg a day.", "vitamin K2"),
    ("Biotin 5,000 mcg daily can interfere with thyroid tests.", "biotin"),
])
def test_substances(nlp, text, substance):
    assert _one(text, nlp)["substance"] == substance


def test_age_with_plus_and_generic_head_with_age(nlp):
    assert _one("Men 19+ need 8 mg of iron a day.", nlp)["population"] == "men 19+"
    assert _one("Anyone over 50 should take 25 mcg of B12 daily.", nlp)["population"] == \
        "anyone over 50"


def test_a_few_times_a_week_is_kept_as_written_and_not_negated(nlp):
    tags = tag_unit("Take 250 to 500 mcg a few times a week.", nlp=nlp)
    assert tags.dosage["frequency"] == "a few times a week"
    assert not tags.negated


def test_units_skipped_by_the_shortcut_hold_no_dose(nlp):
    """may_hold_dose is a superset of the parser's signals: on every annotated unit and every
    seed sentence, a unit it skips gives no regimen when parsed in full."""
    from pipeline.claims import _unit_doc, document_units
    from pipeline.eval_claims import load_units
    from pipeline.extract import read_source
    from pipeline.stages import build_stages
    from pipeline.settings import Settings
    from pathlib import Path

    units = [(u["text"], u["kind"])
             for split in ("train", "test", "pages", "unseen") for u in load_units(split)]
    stages = build_stages(Settings(timeout=0))[:-1]
    for path in sorted(Path("raw").glob("*.txt")):
        doc = read_source(path)
        for stage in stages:
            doc = stage(doc)
        units += [(u.text, u.kind) for u in document_units(doc, nlp)]
    parser = nlp.get_pipe("claim_dosage").parser
    skipped = skipped_by_doc = 0
    for text, kind in units:
        lowered = text.lower()
        assert parser.rules.has_signal_word(lowered) == \
            (parser.rules.signal_words.search(lowered) is not None), text
        doc = _unit_doc(nlp, text, kind)
        for name in ("claim_sentences", "claim_lexicon"):
            doc = nlp.get_pipe(name)(doc)
        # Given the doc, a digit counts only where an amount can start ("B12" holds none).
        if parser.may_hold_dose(text, None if kind == "table_row" else doc):
            continue
        skipped += 1
        skipped_by_doc += parser.may_hold_dose(text)
        assert parser.parse_regimens(doc, kind, None) is None, text
    assert skipped > 100          # the shortcut does skip units
    assert skipped_by_doc > 100   # and more of them with the doc


def test_relative_clause_inside_a_population_keeps_its_verb(nlp):
    d = _one("Toddlers from 1 to 3 years who are fussy eaters should get 10 mcg of vitamin D "
             "a day.", nlp)
    assert d["population"] == "toddlers from 1 to 3 years who are fussy eaters"
    d = _one("Adults with pale skin who work indoors should take 10 mcg of vitamin D daily.", nlp)
    assert d["population"] == "adults with pale skin who work indoors"


@pytest.mark.parametrize("text,duration", [
    ("Take 5 mg of folic acid daily until the end of the first trimester.",
     "until the end of the first trimester"),
    ("Then 250 mcg of B12 each day, long term.", "long term"),
])
def test_durations_of_use(nlp, text, duration):
    assert _one(text, nlp)["duration"] == duration


def test_teenage_is_part_of_the_population(nlp):
    assert _one("Teenage boys need 11 mg of iron a day.", nlp)["population"] == "teenage boys"


# --- Real-page dosage rules (issue: dosage fields on page units) ------------------------

def _objects(text, nlp, kind="sentence", context=None):
    tags = tag_unit(text, kind, context, nlp)
    dosage = tags.dosage
    return [] if dosage is None else dosage if isinstance(dosage, list) else [dosage]


def _picked(objects, keys):
    return [{k: o[k] for k in keys} for o in objects]


@pytest.mark.parametrize("text,expected", [
    # Alternatives of substances sharing a form: one regimen each, shared parts copied.
    ("Capsaicin cream or lidocaine plasters can ease pain in a small area.",
     [("topical", "capsaicin"), ("topical", "lidocaine")]),
    ("Patients with pernicious anaemia can learn to give their own hydroxocobalamin or "
     "cyanocobalamin injections.",
     [("injection", "hydroxocobalamin"), ("injection", "cyanocobalamin")]),
    ("Your doctor may suggest B12, folic acid or iron tablets.",
     [("oral", "vitamin B12"), ("oral", "folic acid"), ("oral", "iron")]),
    # "and" is a combination taken together: one regimen that names them all.
    ("Take vitamin B12 and folic acid tablets every day.",
     [("oral", "vitamin B12 and folic acid")]),
    ("Adults over 65 may need lower doses of gabapentin and pregabalin.",
     [(None, "gabapentin and pregabalin")]),
    ("Take B12, folate and iron tablets daily.", [("oral", "vitamin B12, folate and iron")]),
    # Two regimens in the sentence: each keeps the substance next to it.
    ("Take 1,000 mcg of B12 and 400 mcg of folic acid daily.",
     [(None, "vitamin B12"), (None, "folic acid")]),
])
def test_alternative_substances_are_one_regimen_each(nlp, text, expected):
    assert [(o["route"], o["substance"]) for o in _objects(text, nlp)] == expected


def test_alternatives_copy_the_population(nlp):
    objects = _objects("People with pernicious anaemia often need hydroxocobalamin or "
                       "cyanocobalamin injections.", nlp)
    assert [o["population"] for o in objects] == ["people with pernicious anaemia"] * 2


@pytest.mark.parametrize("text,expected", [
    # "although"/"though" start another regimen: the route is not the amount's.
    ("Take 1,000 mcg a day, although some people need injections.",
     [(1000, "daily", None, None), (None, None, "injection", None)]),
    ("A maintenance dose is 1 mg every three months, though more frequent injections are "
     "given at first.",
     [(1, "every three months", None, None), (None, None, "injection", "at first")]),
    # A course "of injections" belongs to the injections, not to the tablets before it.
    ("Treatment is oral B12 tablets or a course of injections.",
     [(None, None, "oral", None), (None, None, "injection", None)]),
    # The amount stated before both phases is theirs (decision 21).
    ("Injections of 1,000 mcg are given several times in the first weeks, then every "
     "three months.",
     [(1000, "several times", "injection", "in the first weeks"),
      (1000, "every three months", "injection", None)]),
])
def test_regimens_split_by_although_and_loading_phases(nlp, text, expected):
    objects = _objects(text, nlp)
    assert [(o["amount"], o["frequency"], o["route"], o["duration"]) for o in objects] == \
        expected


@pytest.mark.parametrize("text,duration", [
    ("The risk rises with higher doses and longer use.", "longer"),
    ("Longer-term treatment may be needed for a larger effect.", "longer-term"),
    ("Many long-term metformin users are never tested.", "long-term"),
    ("Continue taking folic acid for the first 12 weeks of pregnancy.",
     "for the first 12 weeks of pregnancy"),
    ("Take 1,000 mcg of B12 each day for at least a month.", "for at least a month"),
    ("Take 50 mg of zinc for a week.", "for a week"),
    ("You will have injections every other day until your symptoms stop improving.",
     "until your symptoms stop improving"),
    # The timing of an effect is not a duration of use (decision 14).
    ("Symptoms improve in the first weeks of treatment with 1,000 mcg of B12 daily.", None),
])
def test_durations_on_pages(nlp, text, duration):
    assert _objects(text, nlp)[0]["duration"] == duration


@pytest.mark.parametrize("text,frequency", [
    ("Magnesium oil is applied to the skin once or twice daily.", "once or twice daily"),
    ("Take 50 mg of zinc for a week.", None),
    ("Most people feel better within a week or two of their first B12 injection.", None),
    ("The 1,000 mcg injection is given several times in the first weeks.", "several times"),
    ("A portion gives several times the daily amount of 2.4 mcg.", "daily"),
    # The gap between doses is the schedule, as written.
    ("The vaccine is given as two doses into the upper arm muscle, 8 weeks to 6 months apart.",
     "8 weeks to 6 months apart"),
    ("Two 1 mg injections are given four weeks apart.", "four weeks apart"),
])
def test_frequencies_on_pages(nlp, text, frequency):
    assert _objects(text, nlp)[0]["frequency"] == frequency


@pytest.mark.parametrize("text,substance,population", [
    # A level word right before a substance is a dose level (decision 14).
    ("Pregnant women also need extra B12.", "vitamin B12", "pregnant women"),
    ("Excess vitamin B6 can damage nerves.", "vitamin B6", None),
    ("Vitamin B12 is needed in only tiny amounts.", "vitamin B12", None),
    ("How much vitamin D you need depends on your age.", "vitamin D", None),
    ("For most healthy people a modest supplement is enough.", None, "most healthy people"),
])
def test_dose_levels_without_an_amount(nlp, text, substance, population):
    objects = _objects(text, nlp)
    assert len(objects) == 1
    assert objects[0]["amount"] is None
    assert (objects[0]["substance"], objects[0]["population"]) == (substance, population)


def test_excess_substance_in_a_table_cell(nlp):
    objects = _objects("Nutritional | Vitamin B12 deficiency, excess vitamin B6", nlp,
                       "table_row", "Type of cause | Examples")
    assert _picked(objects, ("amount", "substance")) == [{"amount": None,
                                                         "substance": "vitamin B6"}]


@pytest.mark.parametrize("text,kind,context,route", [
    ("Inject into the thigh at a 90° angle.", "list_item", "The basic steps are:",
     "injection"),
    ("Lozenges", "list_item", "Supplement Forms > Oral", "oral"),
    ("A 1,000 mcg sublingual lozenge on alternate days.", "sentence", None, "sublingual"),
])
def test_routes_on_pages(nlp, text, kind, context, route):
    assert [o["route"] for o in _objects(text, nlp, kind, context)] == [route]


def test_a_route_in_the_label_cell_is_not_merged_with_the_next_cell(nlp):
    objects = _objects("Magnesium oil (topical) | Applied to the skin once or twice daily", nlp,
                       "table_row", "Form | Typical dose")
    assert _picked(objects, ("frequency", "route", "substance")) == [
        {"frequency": "once or twice daily", "route": "topical", "substance": "magnesium oil"}]


@pytest.mark.parametrize("text,context,population", [
    ("Vegans", "Who Needs More", "vegans"),
    ("Adults over 50", "Who Needs More", "adults over 50"),
    ("After gastric surgery", "Who Needs More", "after gastric surgery"),
    ("Metformin users", "Groups who need extra B12:", "metformin users"),
])
def test_items_under_a_who_needs_more_context_are_populations(nlp, text, context, population):
    objects = _objects(text, nlp, "list_item", context)
    assert _picked(objects, ("amount", "population")) == [{"amount": None,
                                                          "population": population}]


def test_items_under_other_headings_are_not_populations(nlp):
    assert _objects("Vegans", nlp, "list_item", "Who Is at Risk") == []


@pytest.mark.parametrize("text", ["Typical doses:", "People who need extra vitamin D include:"])
def test_a_leadin_that_only_announces_doses_is_not_dosage(nlp, text):
    assert "dosage" not in tag_unit(text, nlp=nlp).types


def test_a_leadin_with_a_frequency_keeps_its_dosage(nlp):
    assert _objects("Recommended daily vitamin B12 intakes for children are lower:",
                    nlp)[0]["frequency"] == "daily"


@pytest.mark.parametrize("text,amount,unit,frequency", [
    ("Children are given 1 mg/kg of iron daily.", 1, "mg/kg", "daily"),
    ("The dose is 3 mg per kg of body weight per day.", 3, "mg/kg", "daily"),
    ("Infants get 3–6 mg/kg/day of iron.", [3, 6], "mg/kg", "daily"),
    ("Take 3–6 mg daily.", [3, 6], "mg", "daily"),
    ("Take 1,000–2,000 mcg of B12 daily.", [1000, 2000], "mcg", "daily"),
])
def test_per_body_weight_doses_and_glued_ranges(nlp, text, amount, unit, frequency):
    d = _objects(text, nlp)[0]
    assert (d["amount"], d["unit"], d["frequency"]) == (amount, unit, frequency)


@pytest.mark.parametrize("text,population,substance", [
    ("Metformin users: 1,000 mcg by mouth daily", "metformin users", None),
    ("Diabetics on metformin should take 1,000 mcg of B12 daily.", "diabetics on metformin",
     "vitamin B12"),
    ("A loading course for adults with low vitamin D is 50,000 IU once a week.",
     "adults with low vitamin D", "vitamin D"),
    ("Exclusively breastfed infants need 400 IU of vitamin D a day.",
     "exclusively breastfed infants", "vitamin D"),
    ("People over 65 who rarely go outside should take 10 micrograms of vitamin D daily.",
     "people over 65 who rarely go outside", "vitamin D"),
    ("Women who are pregnant or may become pregnant should take 400 mcg of folic acid.",
     "women who are pregnant or may become pregnant", "folic acid"),
    # Two groups joined by "and" or "or" are one population.
    ("Adults over 65 and people with reduced kidney function may need lower doses of "
     "gabapentin.", "adults over 65 and people with reduced kidney function", "gabapentin"),
    ("Vegans or older adults should take 10 mcg of B12 daily.", "vegans or older adults",
     "vitamin B12"),
])
def test_populations_on_pages(nlp, text, population, substance):
    d = _objects(text, nlp)[0]
    assert (d["population"], d["substance"]) == (population, substance)


def test_a_form_inside_a_who_cannot_group_is_not_a_regimen(nlp):
    objects = _objects("A single 300,000 IU injection of vitamin D is given to people who "
                       "cannot take tablets.", nlp)
    assert _picked(objects, ("route", "population")) == [
        {"route": "injection", "population": "people who cannot take tablets"}]


def test_an_amount_after_a_population_is_not_its_age(nlp):
    objects = _objects("Most adults need 2.4 mcg a day, and pregnant women 2.6 mcg.", nlp)
    assert [o["population"] for o in objects] == ["most adults", "pregnant women"]


@pytest.mark.parametrize("text,frequency", [
    ("Take 1 g of paracetamol up to four times a day.", "up to four times a day"),
    ("Amitriptyline 10 mg once daily at bedtime.", "once daily at bedtime"),
    ("Pregabalin 150 mg a day in two divided doses.", "a day in two divided doses"),
    ("Gabapentin 300 mg on day 1.", "on day 1"),
    ("You may need an injection twice a year.", "twice a year"),
    ("I use a 1000 mcg spray under the tongue most days.", "most days"),
])
def test_frequency_keeps_its_qualifiers(nlp, text, frequency):
    assert _one(text, nlp)["frequency"] == frequency


@pytest.mark.parametrize("text,duration,frequency", [
    ("You will need hydroxocobalamin 1 mg every 2 months for the rest of your life.",
     "for the rest of your life", "every 2 months"),
    # A loading count over a period is a frequency, its period no duration (fifteenth round).
    ("I had six injections of hydroxocobalamin over two weeks.", None, "six over two weeks"),
    ("Lidocaine 5% plasters are applied for up to 12 hours a day.",
     "for up to 12 hours a day", None),
])
def test_durations_of_a_course(nlp, text, duration, frequency):
    d = _one(text, nlp)
    assert (d["duration"], d["frequency"]) == (duration, frequency)


@pytest.mark.parametrize("text,substance", [
    ("The usual antiviral is aciclovir 800 mg taken five times a day for 7 days.", "aciclovir"),
    ("Naproxen 500 mg twice a day can ease back pain.", "naproxen"),
    ("Prednisolone 40 mg daily for 5 days is sometimes given.", "prednisolone"),
    ("A steroid injection into the wrist often helps.", "steroid"),
    ("Doctors sometimes prescribe a short course of oral steroids.", "steroids"),
    ("Codeine 30 mg up to four times a day causes constipation.", "codeine"),
])
def test_drugs_not_listed_are_named_as_written(nlp, text, substance):
    assert _one(text, nlp)["substance"] == substance


def test_a_column_header_gives_its_unit_to_bare_numbers(nlp):
    objects = _objects("Adults 19 and over | 200 | 1.5", nlp, "table_row",
                       "Group | Folate (µg/day) | Vitamin B12 (µg/day)")
    assert [tuple(o.values()) for o in _picked(
        objects, ("amount", "unit", "frequency", "substance", "population"))] == [
        (200, "mcg", "daily", "folate", "adults 19 and over"),
        (1.5, "mcg", "daily", "vitamin B12", "adults 19 and over")]


def test_a_food_table_has_contents_not_doses(nlp):
    tags = tag_unit("Salmon, cooked | 3 ounces | 4.8", "table_row",
                    "Food | Serving | Vitamin B12 (mcg)", nlp)
    assert "dosage" not in tags.types


@pytest.mark.parametrize("text,expected", [
    ("Methyl B12 Melts | 1,000µg per lozenge | One lozenge daily, dissolved under the tongue",
     (1000, "daily", "sublingual")),
    ("B12 Boost Spray | 500 mcg per spray | One spray in each nostril once a week",
     (500, "once a week", "nasal")),
])
def test_a_product_row_is_one_regimen(nlp, text, expected):
    d = _one(text, nlp, "table_row", "Product | Strength | How to take it")
    assert (d["amount"], d["frequency"], d["route"]) == expected


def test_rows_comparing_doses_keep_one_regimen_per_column(nlp):
    objects = _objects("Pregabalin | 75 mg twice a day | 600 mg a day, in 2 or 3 doses", nlp,
                       "table_row", "Medicine | Usual starting dose | Usual maximum")
    assert [tuple(o.values()) for o in _picked(objects, ("amount", "frequency"))] == [
        (75, "twice a day"), (600, "a day, in 2 or 3 doses")]


@pytest.mark.parametrize("text,route", [
    ("Epidural steroid injections are covered when a specialist recommends them.", "epidural"),
    ("It is given as two doses into the upper arm muscle, 8 weeks to 6 months apart.",
     "intramuscular"),
])
def test_injection_sites_name_the_route(nlp, text, route):
    assert _one(text, nlp)["route"] == route


@pytest.mark.parametrize("text", [
    "A steroid injection into the wrist often gives relief for several months.",
    "An epidural steroid injection can settle severe leg pain for a few weeks.",
])
def test_how_long_an_effect_lasts_is_not_a_duration(nlp, text):
    assert _one(text, nlp)["duration"] is None


@pytest.mark.parametrize("text", [
    "Among long-term users of 1,000 mg metformin a day, 22% had low B12 levels, "
    "compared with 11% of people with diabetes who did not take metformin.",
    "Women with a higher risk, for example those with diabetes, are prescribed 5 mg of "
    "folic acid a day.",
])
def test_compared_and_example_groups_are_not_the_population(nlp, text):
    population = _one(text, nlp)["population"]
    assert population is None or "diabetes" not in population


PRODUCT_HEADER = "Product | Form | Amount per serving | Directions | Best for"


@pytest.mark.parametrize("row,expected", [
    # The form and directions cells say how the one dose is taken: one object.
    ("CobaMax | Capsule | 500 mcg | 1 capsule daily with food | Older adults",
     {"amount": 500, "unit": "mcg", "frequency": "daily", "route": "oral",
      "population": "older adults"}),
    ("B-Mist | Oral spray | 1,000 mcg | 2 sprays under the tongue daily | Value pick",
     {"amount": 1000, "unit": "mcg", "frequency": "daily", "route": "sublingual",
      "population": None}),
    ("NoseDrop B12 | Nasal spray | 250 mcg | 1 puff in each nostril twice a week | "
     "People who cannot swallow tablets",
     {"amount": 250, "frequency": "twice a week", "route": "nasal",
      "population": "people who cannot swallow tablets"}),
])
def test_a_product_row_is_one_regimen_and_per_serving_is_not_food(nlp, row, expected):
    d = _one(row, nlp, "table_row", PRODUCT_HEADER)
    assert {key: d[key] for key in expected} == expected


def test_a_food_table_per_serving_is_still_food_content(nlp):
    tags = tag_unit("Sardines, canned | 8.9 mcg", "table_row", "Food | B12 per serving", nlp)
    assert "dosage" not in tags.types


def test_columns_that_name_a_dose_keep_their_own_regimens(nlp):
    objects = _objects("Capsaicin 8% patch | One 280 mg patch for 30 minutes | "
                       "Up to 4 patches at once", nlp, "table_row",
                       "Medicine | Usual starting dose | Usual maximum")
    assert len(objects) == 2


@pytest.mark.parametrize("text,frequency", [
    ("Adults can take one chewable tablet a day, or two a week.", ["daily", "two a week"]),
    ("Take them two a day with food.", ["two a day"]),
])
def test_a_count_per_period_is_kept_as_written(nlp, text, frequency):
    assert [o["frequency"] for o in _objects(text, nlp)] == frequency


@pytest.mark.parametrize("text,duration", [
    ("Everyone should take 10 micrograms of vitamin D a day all year round.", "all year round"),
    ("Use an NSAID at the lowest dose that works for the shortest possible time.",
     "for the shortest possible time"),
])
def test_standing_durations(nlp, text, duration):
    assert _one(text, nlp)["duration"] == duration


@pytest.mark.parametrize("text,substance", [
    ("Your GP may suggest an anti-inflammatory such as naproxen for a short course.",
     "anti-inflammatories"),
    ("Opioids such as tramadol or codeine should only be taken for a few days.", "opioids"),
    # The dose belongs to the example, so the example is the substance.
    ("NSAIDs such as naproxen (250 mg twice a day) can ease a flare.", "naproxen"),
    # "some drugs" names no substance: the examples are what is taken.
    ("Some drugs, such as gabapentin, need 300 mg at night at first.", "gabapentin"),
])
def test_a_class_named_before_such_as_is_the_substance(nlp, text, substance):
    assert _one(text, nlp)["substance"] == substance


@pytest.mark.parametrize("header, population", [
    ("Drug | Adult dose | Comments", "adults"),
    ("Drug | Child dose | Comments", "children"),
    ("Drug | Dose | Comments", None),
])
def test_a_dose_column_header_that_names_a_group_is_the_population(nlp, header, population):
    objects = _objects("Paracetamol | 500 mg every 4 to 6 hours | Take with water",
                       nlp, "table_row", header)
    assert [o["population"] for o in objects] == [population]


@pytest.mark.parametrize("text,duration", [
    # A stated length replaces a stopping condition or "at first" in the same regimen.
    ("Give 1 mg on alternate days until there is no further improvement, for up to two "
     "weeks.", "for up to two weeks"),
    ("At first the injections are given every other day for 10 days.", "for 10 days"),
    # A limit on the course, a choice of two lengths, "a week or two", "over about".
    ("Adults can take 200 mg every 8 hours for no longer than 5 days.",
     "for no longer than 5 days"),
    ("Take 400 mg three times a day for no more than a few days.",
     "for no more than a few days"),
    ("The patch is applied for 20 or 40 minutes.", "for 20 or 40 minutes"),
    ("Take 200 mg twice a day for a week or two.", "for a week or two"),
    ("The dose of 60 mg a day is lowered over about 3 weeks.", "over about 3 weeks"),
])
def test_stated_durations(nlp, text, duration):
    assert _objects(text, nlp)[0]["duration"] == duration


@pytest.mark.parametrize("text,expected", [
    # A loading count over a period is a frequency as written; the next phase is its own
    # regimen, which keeps its own duration.
    # The form word is left out of the phrase (fifteenth round).
    ("Treatment starts with five injections over two weeks, then one every month for life.",
     [("five over two weeks", None), ("monthly", "for life")]),
    ("You will usually have 4 injections in the first 2 weeks and then one every 3 months.",
     [("4 in the first 2 weeks", None), ("every 3 months", None)]),
])
def test_a_loading_count_over_a_period_is_a_frequency(nlp, text, expected):
    assert [(o["frequency"], o["duration"]) for o in _objects(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # The amount and form stated before a loading and a maintenance schedule are both's.
    ("She was given cyanocobalamin 1 mg by intramuscular injection three times a week for "
     "two weeks, then every three months.",
     [(1, "mg", "intramuscular"), (1, "mg", "intramuscular")]),
    # A route naming the substance's form before the first amount is shared by the later
    # amounts that state none.
    ("Start oral folic acid 400 micrograms daily, or 5 mg daily if the risk is high.",
     [(400, "mcg", "oral"), (5, "mg", "oral")]),
    # A route that is the first amount's own is not shared.
    ("Take 500 mg by mouth twice a day, rising to 1,000 mg a day.",
     [(500, "mg", "oral"), (1000, "mg", None)]),
])
def test_parts_shared_by_every_regimen(nlp, text, expected):
    assert [(o["amount"], o["unit"], o["route"]) for o in _objects(text, nlp)] == expected


@pytest.mark.parametrize("text,population", [
    # The group an effect is seen in is not a group given the dose.
    ("Taking 300 mg of magnesium a day did not improve sleep in adults with insomnia.", None),
    ("Supplements of 1,000 mcg are absorbed normally in people taking acid blockers.", None),
    ("Daily iron tablets worked no better than placebo for many women with fatigue.", None),
    # A group's examples after "such as" or "including" are not part of it.
    ("Women at higher risk of anaemia, such as those with heavy periods, are given 200 mg "
     "of ferrous sulfate a day.", "women at higher risk of anaemia"),
    ("Men at high risk of falls, including those with diabetes and those taking sedatives, "
     "need 20 micrograms of vitamin D a day.", "men at high risk of falls"),
    # A clause after a comma ends the group; a list goes on.
    ("For teenagers with acne, doses are usually 30 mg of zinc a day.", "teenagers with acne"),
    # The group does not end with "to": "tell women who might get pregnant to take".
    ("Doctors advise women who could become pregnant to take 400 mcg of folic acid daily.",
     "women who could become pregnant"),
])
def test_populations_of_the_regimen(nlp, text, population):
    assert _objects(text, nlp)[0]["population"] == population


@pytest.mark.parametrize("text,duration", [
    ("Take 400 micrograms of folic acid a day until you're 12 weeks pregnant.",
     "until you're 12 weeks pregnant"),
    ("Keep taking 10 mcg daily until 12 weeks into the pregnancy.",
     "until 12 weeks into the pregnancy"),
])
def test_durations_to_a_week_of_pregnancy(nlp, text, duration):
    assert _objects(text, nlp)[0]["duration"] == duration


@pytest.mark.parametrize("text,substance", [
    # A substance measured, checked or absorbed, or the person's own level, is not taken.
    ("Serum B12 is checked again after the third injection.", None),
    ("Keep checking B12 in people who have 1,000 mcg tablets for a year.", None),
    ("Her B12 was low, so her GP started her on injections.", None),
    ("A blood test showed a B12 of 150 ng/L and injections were started.", None),
    ("Your B12 injections are given every three months.", "vitamin B12"),
    # Named forms keep their names; drugs named as written.
    ("Trials gave pyridoxine 50 mg a day.", "pyridoxine"),
    ("Benfotiamine 300 mg daily has been tried for nerve pain.", "benfotiamine"),
    ("He takes gliclazide 40 mg with breakfast.", "gliclazide"),
    ("Senna 7.5 mg at night can help.", "senna"),
])
def test_substances_taken(nlp, text, substance):
    assert _objects(text, nlp)[0]["substance"] == substance


@pytest.mark.parametrize("text,expected", [
    # A 24-hour maximum after an amount is its own regimen with that frequency.
    ("Adults can take 500 mg every 4 hours, with no more than 3 g in 24 hours.",
     ["every 4 hours", "in 24 hours"]),
    # A daily total split into doses with no count.
    ("Start at 250 mg twice a day, rising to 1,500 mg a day in divided doses.",
     ["twice a day", "a day in divided doses"]),
])
def test_maximum_and_divided_daily_frequencies(nlp, text, expected):
    assert [o["frequency"] for o in _objects(text, nlp)] == expected


# --------------------------------------------------------- thirteenth round (blind9 joins)
@pytest.mark.parametrize("text,durations", [
    # A stopping condition, however it is written, is the duration when no length is stated.
    ("Give 1 mg IM on alternate days until no further improvement, then 1 mg every 2 months.",
     ["until no further improvement", None]),
    ("She had injections every other day until improvement stops, then every 3 months.",
     ["until improvement stops", None]),
    ("He had 1 mg every other day for as long as his symptoms kept improving.",
     ["for as long as his symptoms kept improving"]),
    # ... and still gives way to a stated length.
    ("Give 1 mg on alternate days until no further improvement, for up to 3 weeks.",
     ["for up to 3 weeks"]),
])
def test_stopping_conditions_are_durations(nlp, text, durations):
    assert [o["duration"] for o in _objects(text, nlp)] == durations


@pytest.mark.parametrize("text,duration", [
    # How long a dose is built up over is not how long it is taken.
    ("Gabapentin is started at 300 mg a day and increased to 1,800 mg a day over several "
     "weeks.", None),
    ("Start with 10 mg at night, built up over a few weeks.", None),
    # How long a condition or a diet has lasted is not a duration of use.
    ("I have had type 2 diabetes for 12 years and take metformin 500 mg twice a day.", None),
    ("The injections helped only partly, because the numbness had been going on for a long "
     "time.", None),
    # A drug taken, or a dose kept on, for a length of time still is.
    ("People who have taken metformin 1 g a day for more than 4 years should be tested.",
     "for more than 4 years"),
    ("Omeprazole 40 mg has been continued for eight years without review.", "for eight years"),
    # Tapering down is a stated duration (as before).
    ("The dose of 60 mg a day is lowered over about 3 weeks.", "over about 3 weeks"),
])
def test_titration_and_condition_lengths_are_not_durations(nlp, text, duration):
    assert _objects(text, nlp)[0]["duration"] == duration


@pytest.mark.parametrize("text,routes", [
    # A trial's dummy form is the comparison, not a regimen.
    ("Volunteers took 1,000 mcg of B12 by mouth each day, or a dummy pill, for a year.",
     ["oral"]),
    ("Patients were given 1 mg by intramuscular injection or a dummy injection.",
     ["intramuscular"]),
    # A form named in a condition that rules it out is not a regimen either...
    ("Ask your pharmacist about a diclofenac gel if you cannot take tablets.", ["topical"]),
    ("A lidocaine 5% plaster worn for 12 hours a day is an option if tablets are not "
     "suitable.", ["topical"]),
    ("If the tablets make no difference after 3 months, injections of 1 mg every 2 months "
     "may be offered.", ["injection"]),
    # ... unless it is the only form named.
    ("Use a spray if you cannot swallow tablets.", ["oral"]),
])
def test_dummy_forms_and_forms_ruled_out_are_not_regimens(nlp, text, routes):
    assert [o["route"] for o in _objects(text, nlp)] == routes


def test_or_more_after_an_amount_is_no_second_regimen(nlp):
    objects = _objects("Results are raised in patients taking 1,000 micrograms or more by "
                       "mouth each day.", nlp)
    assert [(o["amount"], o["route"], o["frequency"]) for o in objects] == [(1000, "oral",
                                                                            "daily")]


@pytest.mark.parametrize("text,population", [
    # A "whose" clause defines the group, and the main verb ends it.
    ("Patients whose pain does not respond to tablets may be offered a lidocaine infusion of "
     "5 mg/kg.", "patients whose pain does not respond to tablets"),
    ("Most people whose low level is down to diet need only 50 micrograms a day.",
     "most people whose low level is down to diet"),
])
def test_a_whose_clause_is_part_of_the_population(nlp, text, population):
    assert _objects(text, nlp)[0]["population"] == population


def test_a_cell_that_only_mentions_a_dose_adds_no_regimen_to_a_row(nlp):
    objects = _objects("Amitriptyline | 10 mg at night, up to 75 mg at night | Dry mouth | "
                       "Takes a few weeks to reach a helpful dose", nlp, "table_row",
                       "Medicine | How it is started | Side effects | Things to know")
    assert [o["amount"] for o in objects] == [10, 75]


@pytest.mark.parametrize("text,substance", [
    # Classes named by what they treat or do are named as written, and one named before
    # "such as" is the substance (decision 19).
    ("Long-term use of stomach acid medicines such as omeprazole for years can lower B12.",
     "stomach acid medicines"),
    ("Nerve pain tablets such as amitriptyline or duloxetine take 2 to 4 weeks to work at "
     "the usual dose.", "nerve pain tablets"),
    ("Gabapentinoids can cause dependence when people take higher doses than prescribed.",
     "gabapentinoids"),
    ("Long-term metformin and acid-suppressant use are common causes of low B12.",
     "metformin and acid-suppressants"),
    # B12 released from food, or that a person is low in, is a level, not what is taken.
    ("Long-term use of stomach acid reducers makes it harder to release B12 from food.",
     "stomach acid reducers"),
    ("Injections are no substitute for finding out why you are low in B12.", None),
])
def test_drug_classes_and_levels(nlp, text, substance):
    assert _objects(text, nlp)[0]["substance"] == substance


@pytest.mark.parametrize("text,frequency", [
    # "daily" before what is done or measured each day is no frequency of a dose.
    ("The 150 mg dose lowered average daily pain scores by one point.", None),
    ("Take 400 micrograms daily.", "daily"),
])
def test_daily_before_a_measure_is_not_a_frequency(nlp, text, frequency):
    assert _objects(text, nlp)[0]["frequency"] == frequency


@pytest.mark.parametrize("text", [
    # A place on the body alone is no route: a device, a sensation, a test.
    "The stimulator is implanted under the skin of the lower back.",
    "Some people feel as if insects are crawling under the skin.",
    "The test uses small pads on the skin to time the nerve signals.",
    # A numb patch is a symptom, an oral cancer check a test.
    "You may notice a numb patch on the outside of the thigh.",
    "The check-up includes an oral cancer screen.",
    # A price with only a form named is what it costs.
    "The clinic sells injections at £40 each.",
    "A nurse appointment for an injection costs £20.",
    # Units of alcohol are no dose.
    "Keep to no more than 14 units of alcohol a week.",
])
def test_not_a_dose(nlp, text):
    tags = tag_unit(text, "sentence", None, nlp)
    assert "dosage" not in tags.types and tags.dosage is None


@pytest.mark.parametrize("text,route", [
    # Beside a form, an amount, a substance or a word of taking, the place names the route.
    ("Anti-inflammatory gels rubbed onto the skin may ease the pain.", "topical"),
    ("The medicine is administered into the muscle or, rarely, under the skin.",
     "intramuscular"),
    ("Cobalamin can be given under the skin every week.", "subcutaneous"),
    # A price beside a substance or an amount still leaves the regimen.
    ("Hydroxocobalamin injections cost the practice about £3 each.", "injection"),
])
def test_a_place_or_a_price_beside_a_dose(nlp, text, route):
    assert _objects(text, nlp)[0]["route"] == route


@pytest.mark.parametrize("item,leadin,expected", [
    # A lead-in that names a form gives it to items with no dose of their own (decision 20).
    ("people whose deficiency is caused by their diet", "These patients can be switched to "
     "oral treatment:", [{"route": "oral", "substance": None}]),
    ("a confirmed diagnosis of pernicious anaemia", "Injectable cyanocobalamin or "
     "hydroxocobalamin is covered for:",
     [{"route": "injection", "substance": "cyanocobalamin"},
      {"route": "injection", "substance": "hydroxocobalamin"}]),
])
def test_a_leadin_naming_a_form_gives_it_to_its_items(nlp, item, leadin, expected):
    objects = _objects(item, nlp, "list_item", leadin)
    assert [{k: o[k] for k in ("route", "substance")} for o in objects] == expected


def test_a_leadin_naming_no_form_or_dose_gives_its_items_none(nlp):
    tags = tag_unit("people who have had stomach surgery", "list_item",
                    "Other causes of deficiency include:", nlp)
    assert tags.dosage is None


@pytest.mark.parametrize("text,duration,substance", [
    # A length after "use" or a drug someone is on is a duration of use (decision 14).
    ("Use for longer than 2 years has been linked to low B12 stores.", "for longer than 2 years",
     None),
    ("Other causes include metformin use for more than 4 years.", "for more than 4 years",
     "metformin"),
    ("Test everyone on metformin for 3 years or more.", "for 3 years or more", "metformin"),
])
def test_a_length_of_use_needs_no_word_of_taking(nlp, text, duration, substance):
    d = _one(text, nlp)
    assert (d["duration"], d["substance"]) == (duration, substance)


@pytest.mark.parametrize("text", [
    "The drug has been on the market and used for more than 60 years.",
    "Nerve pain that carries on for 3 months or more is called chronic.",
    "Decisions are based on symptoms for 2 weeks.",
])
def test_other_lengths_are_no_dose(nlp, text):
    assert tag_unit(text, "sentence", None, nlp).dosage is None


# --------------------------------------------------------- fourteenth round (blind10 joins)
@pytest.mark.parametrize("text,durations", [
    # A length in fortnights, and a range written in words.
    ("Give 1 mg on three days a week for a fortnight, then 1 mg every 3 months.",
     ["for a fortnight", None]),
    ("Adults can take naproxen 250 mg twice a day after food for two to four days.",
     ["for two to four days"]),
    # A stopping condition said of whose symptoms, in any tense.
    ("She had 1 mg on alternate days until her symptoms stopped improving.",
     ["until her symptoms stopped improving"]),
    ("1 mg IM every other day until sx stop improving, then 1 mg IM every 2 months.",
     ["until sx stop improving", None]),
])
def test_more_ways_of_writing_a_duration(nlp, text, durations):
    assert [o["duration"] for o in _objects(text, nlp)] == durations


@pytest.mark.parametrize("text,frequencies,durations", [
    # A schedule stated once after a list of amounts is said of them all (decision 21).
    ("The capsules give thiamine 50 mg, riboflavin 10 mg and biotin 1 mg twice a day.",
     ["twice a day"] * 3, [None] * 3),
    ("A spray giving 250 µg of vitamin B12 and 100 µg of folic acid once a day.",
     ["once a day"] * 2, [None] * 2),
    ("Volunteers took 25 mg or 75 mg three times daily, or placebo, for 8 weeks.",
     ["three times daily"] * 2, ["for 8 weeks"] * 2),
    # Not past an amount with a schedule of its own, or a phase separator.
    ("Take 10 micrograms once daily, or 1 mg three times a week for 2 weeks.",
     ["once daily", "three times a week"], [None, "for 2 weeks"]),
    ("A loading dose of 1 mg, then 1 mg every 3 months.", [None, "every 3 months"],
     [None, None]),
    # A yielding length (a stopping condition) stays with its own amount ("at first" right
    # after a schedule is none: eighteenth round).
    ("60 mg once a day, or 30 mg once a day until symptoms improve.", ["once a day"] * 2,
     [None, "until symptoms improve"]),
])
def test_a_schedule_after_a_list_of_amounts_is_shared(nlp, text, frequencies, durations):
    objects = _objects(text, nlp)
    assert [o["frequency"] for o in objects] == frequencies
    assert [o["duration"] for o in objects] == durations


@pytest.mark.parametrize("text,population", [
    # A participle of intending a pregnancy is part of the group.
    ("Women planning a pregnancy should take 400 micrograms of folic acid a day.",
     "women planning a pregnancy"),
    ("Women trying for a baby are advised to take 400 micrograms of folic acid daily.",
     "women trying for a baby"),
    ("Take 400 µg of folic acid a day if you are one of those hoping to become pregnant.",
     "those hoping to become pregnant"),
    # A verb of taking after "to" still ends the group.
    ("Doctors tell women who might become pregnant to take 400 micrograms a day.",
     "women who might become pregnant"),
])
def test_a_group_intending_a_pregnancy(nlp, text, population):
    assert _objects(text, nlp)[0]["population"] == population


@pytest.mark.parametrize("text", [
    # A food portion's share of the daily need is the food's content (decision 13).
    "One portion of mackerel gives you about a day's worth of vitamin B12.",
    "A bowl of fortified muesli gives you a third of your daily B12.",
    "A 150 g pot of yoghurt gives about 0.5 micrograms, a third of what an adult needs in a day.",
    # What the body holds is a store, not a dose (decision 14).
    "The liver stores 3 to 5 mg of vitamin B12, enough for several years.",
    "Your liver holds about 2 mg of B12.",
])
def test_daily_shares_and_stores_are_not_doses(nlp, text):
    assert "dosage" not in tag_unit(text, "sentence", None, nlp).types


def test_a_supplement_giving_a_days_worth_is_still_a_dose(nlp):
    assert _objects("One tablet gives a day's worth of vitamin B12.", nlp)[0]["route"] == "oral"


@pytest.mark.parametrize("text,duration", [
    # Short- and long-term use of a painkiller or a class named by its use (decision 14).
    ("Do not start long-term codeine for back pain.", "long-term"),
    ("Tramadol is kept for short-term rescue.", "short-term"),
    ("Low B12 is common in people on long-term indigestion medicines.", "long-term"),
    ("Omeprazole, taken for many years, can lower B12.", "for many years"),
])
def test_short_and_long_term_use(nlp, text, duration):
    assert _objects(text, nlp)[0]["duration"] == duration


# --------------------------------------------------------- fifteenth round (blind11 joins)
@pytest.mark.parametrize("text,frequencies", [
    # A loading count over a period, in more ways; the form word is left out of the phrase,
    # and the next phase is a regimen of its own (decision 21).
    ("Give 1 mg five times over the first two weeks and thereafter every three months.",
     ["five times over the first two weeks", "every three months"]),
    ("Injections are usually six in the first fortnight and then one every 12 weeks.",
     ["six in the first fortnight", "every 12 weeks"]),
    ("You will have 5 jabs in the first 2 weeks.", ["5 in the first 2 weeks"]),
    ("Your first six injections are given over two weeks.", ["six over two weeks"]),
    # Days of the week are a schedule; one that restates a loading count adds no regimen.
    ("She was prescribed 1 mg IM on Tuesdays and Fridays for 2 weeks, then every 3 months.",
     ["on Tuesdays and Fridays", "every 3 months"]),
    ("The first six injections are given over two weeks, usually on Mondays and Thursdays.",
     ["six over two weeks"]),
])
def test_loading_counts_and_weekdays(nlp, text, frequencies):
    assert [o["frequency"] for o in _objects(text, nlp)] == frequencies


def test_a_weekday_is_no_schedule(nlp):
    d = _objects("Adults who took metformin for five years were more often low in B12, a study "
                 "said on Monday.", nlp)[0]
    assert d["frequency"] is None


@pytest.mark.parametrize("text,kind,context,expected", [
    # A titration step is how much a dose goes up by, not a dose taken: no object, and its
    # schedule goes to no regimen.
    ("Nortriptyline: 10 mg at night, going up by 10 mg every week or two, usually to 30 mg.",
     "sentence", None, [(10, "at night"), (30, None)]),
    ("She could try 25 mg at night, increasing by 25 mg each week to a maximum of 75 mg.",
     "sentence", None, [(25, "at night"), (75, None)]),
    ("The dose is raised slowly, say 25 mg more every two weeks, to 75 mg at night.",
     "sentence", None, [(75, "at night")]),
    # A column that names the step ("Increase by") gives no regimen.
    ("Nortriptyline | 10 mg at night | 10 mg every week | 75 mg at night", "table_row",
     "Medicine | Starting dose | Increase by | Usual maximum", [(10, "at night"), (75, "at night")]),
])
def test_a_titration_step_is_no_dose(nlp, text, kind, context, expected):
    assert [(o["amount"], o["frequency"]) for o in _objects(text, nlp, kind, context)] == expected


# One field of the first object, per fifteenth-round fix: (field, text, expected).
FIFTEENTH_ROUND_FIELDS = [
    # "adult" or "child" before a dose word is an adjective naming the group, as a column
    # header's "Usual adult dose" is (decision 20).
    ("population", "The usual adult starting dose is 500 mg twice a day.", "adults"),
    ("population", "Guidance sets the adult requirement at 1.5 micrograms a day.", "adults"),
    ("population", "The child dose is 5 mg a day.", "children"),
    # A group word as a noun stays as written.
    ("population", "Older adults need 2.4 micrograms a day.", "older adults"),
    # An amount after the example is the example's own dose: a class has none (decision 19).
    ("substance",
     "Tricyclic antidepressants such as nortriptyline, 10 mg at night, can ease nerve pain.",
     "nortriptyline"),
    ("substance",
     "Painkillers such as codeine can help for a short time; adults usually take 30 mg four "
     "times a day.", "codeine"),
    ("substance",
     "A GP may suggest a nerve pain medicine such as duloxetine, taken in a dose of 60 mg a day.",
     "duloxetine"),
    # With no amount the class is still the substance.
    ("substance", "Anti-inflammatories such as ibuprofen can be taken for a short course.",
     "anti-inflammatories"),
    # The substance named right before the amount is its own, not one named before it.
    ("substance",
     "If you can take anti-inflammatories, ibuprofen 400 mg three times a day is usual.",
     "ibuprofen"),
    # What a drug lowers is a level, not what is taken (decision 14).
    ("substance",
     "Omeprazole lowers vitamin B12 in some people who take it for years.", "omeprazole"),
    ("substance", "Lansoprazole, taken for many years, can lower your B12.", "lansoprazole"),
    # "Reduce" as an instruction changes the dose of what is taken.
    ("substance", "Reduce gabapentin to 300 mg twice daily.", "gabapentin"),
    # "a month", "a week" as a length of time, not a schedule.
    ("frequency", "I had a steroid injection, which helped for about a month.", None),
    ("frequency",
     "It can take a month at a full dose to know whether gabapentin is working.", None),
    ("frequency", "Ask whether your injection can be given a week or two early.", None),
    ("frequency", "You start on a low dose, and it can be a month or more before it helps.", None),
    # "or more" after an amount still qualifies the amount.
    ("frequency", "Patients taking 2,000 mg a day or more had the most deficiency.", "daily"),
    # How long an effect lasts is no duration of use (decision 14).
    ("duration",
     "Naproxen 500 mg twice a day can take the edge off the pain for a week or two.", None),
    ("duration", "A lidocaine plaster can numb the sore area for several hours.", None),
    ("duration",
     "Capsaicin cream rubbed in three times a day stings for the first week or two.", None),
    ("duration", "Hydroxocobalamin injections can colour the urine red for a few days.", None),
    # How long something is applied for still is one, also written "half an hour".
    ("duration",
     "A capsaicin patch, put on by a nurse for half an hour, can numb the area for months.",
     "for half an hour"),
    # Under the tongue, however the tongue is owned or hyphenated, is sublingual.
    ("route", "Dissolve one tablet under your tongue every morning.", "sublingual"),
    ("route", "I take the under-the-tongue tablets, 1,000 mcg a day.", "sublingual"),
    ("route", "He holds a 500 mcg lozenge beneath the tongue once a day.", "sublingual"),
    # A daily total split into doses is a schedule with a count, kept as written (decision 17).
    ("frequency",
     "Patients took 300 to 600 mg a day split into two doses.", "a day split into two doses"),
    ("frequency", "Some end up on 120 mg daily, split into a morning and an evening dose.",
     "daily, split into a morning and an evening dose"),
    # Morning and evening is a schedule too.
    ("frequency", "I'm on metformin, 500 mg morning and evening.", "morning and evening"),
    ("frequency", "The usual start is 75 mg twice a day, morning and evening.",
     "twice a day, morning and evening"),
    # Hours before bed are a schedule of their own, kept as written (decision 17).
    ("frequency", "Take it about two hours before bedtime, as it can make you drowsy.",
     "about two hours before bedtime"),
    ("frequency", "He could try nortriptyline 10 mg two hours before bed.", "two hours before bed"),
]


@pytest.mark.parametrize("field,text,expected", FIFTEENTH_ROUND_FIELDS)
def test_fifteenth_round_fields(nlp, field, text, expected):
    assert _objects(text, nlp)[0][field] == expected


@pytest.mark.parametrize("text", [
    # Groups listed with a group the regimen defines are groups at risk, not the regimen's
    # population.
    "Most likely to run low are vegetarians, the over-70s and anyone who has taken omeprazole for years.",
    "Vegans, people over 80 and people who have taken metformin for years are at higher risk.",
    "At risk: vegans, over-60s and anyone on long-term lansoprazole.",
])
def test_groups_listed_with_one_the_regimen_defines_are_no_population(nlp, text):
    assert [o["population"] for o in _objects(text, nlp)] == [None]


def test_a_group_apart_from_one_the_regimen_defines_is_still_the_population(nlp):
    d = _objects("Vegans should take 10 micrograms a day, and people on metformin for years "
                 "should have a yearly test.", nlp)[0]
    assert d["population"] == "vegans"


@pytest.mark.parametrize("text,substances,durations", [
    # A drug class joined to a drug by "or" is one of the alternatives: one object each, the
    # shared length copied (decisions 19 and 21).
    ("People on omeprazole or acid-reducing medicines for several years are more likely to run "
     "low.", ["omeprazole", "acid-reducing medicines"], ["for several years"] * 2),
    ("take metformin or an indigestion medicine such as lansoprazole for months or years",
     ["metformin", "indigestion medicine"], ["for months or years"] * 2),
    # Alone, a class still gives way to a named drug.
    ("Gabapentinoids such as pregabalin are taken for months.", ["gabapentinoids"],
     ["for months"]),
])
def test_a_class_joined_to_a_drug_is_an_alternative(nlp, text, substances, durations):
    objects = _objects(text, nlp, "list_item" if text[0].islower() else "sentence",
                       "You're more likely to run low if you:" if text[0].islower() else None)
    assert [o["substance"] for o in objects] == substances
    assert [o["duration"] for o in objects] == durations


@pytest.mark.parametrize("text,kind,context,duration,substance", [
    # A length of use with no word of taking (decision 14): after "used", after "use" or
    # "on" and a drug named in a few words, and with what the drug is for between.
    ("Painkillers that contain codeine should be used for no longer than three days.",
     "sentence", None, "for no longer than three days", "codeine"),
    ("use acid blockers such as lansoprazole or ranitidine for two years or longer",
     "list_item", "You are more likely to run low if you:", "for two years or longer",
     "acid blockers"),
    ("Your B12 may be low if you have been on metformin for diabetes for several years.",
     "sentence", None, "for several years", "metformin"),
    ("Pt on a PPI for 10 yrs", "sentence", None, "for 10 yrs", "PPI"),
])
def test_more_lengths_of_use(nlp, text, kind, context, duration, substance):
    d = _objects(text, nlp, kind, context)[0]
    assert (d["duration"], d["substance"]) == (duration, substance)


@pytest.mark.parametrize("text", [
    # "used for" a length with no substance named before it is no dose: a device, or a
    # drug's history.
    "A heat pad, used for 20 minutes at a time, can relax a tight muscle.",
    "The drug has been used for more than 60 years and is considered safe.",
])
def test_used_for_a_length_needs_a_substance(nlp, text):
    assert "dosage" not in tag_unit(text, "sentence", None, nlp).types


def test_a_word_of_taking_before_the_full_stop_counts(nlp):
    # "intake." at the end of the sentence is still a word of taking beside "daily".
    assert _objects("Do not exceed the recommended daily intake.", nlp)[0]["frequency"] == "daily"


# --- sixteenth round (blind12 a development set) -------------------------------------------

@pytest.mark.parametrize("text", [
    # A food table's figures are what its foods hold, even for a dish the food list does not
    # name (decision 13).
    "Homemade cottage pie | 1 portion | 1.8 micrograms",
    "Vegetable lasagne | One slice | 0.6 micrograms",
])
def test_a_food_tables_figures_are_contents(nlp, text):
    assert _objects(text, nlp, "table_row", "Food | Portion | Approximate B12") == []


def test_a_food_table_row_naming_a_supplement_is_still_a_dose(nlp):
    objects = _objects("B12 tablet | 1 tablet | 10 micrograms", nlp, "table_row",
                       "Food | Portion | Approximate B12")
    assert [(o["amount"], o["unit"]) for o in objects] == [(10, "mcg")]


SIXTEENTH_ROUND_FIELDS = [
    # "for a maximum of" a length is a duration, as "for up to" is.
    ("duration", "Take ibuprofen 400 mg three times a day for a maximum of seven days.",
     "for a maximum of seven days"),
    # When in a course a dose is given yields to a length stated for the dose.
    ("duration", "In the first few days, naproxen (250 mg twice daily, for a maximum of five "
                 "days) can help.", "for a maximum of five days"),
    ("duration", "Take 10 mg daily in the first two weeks.", "in the first two weeks"),
    # The group a regimen helps is who it works for, not its population.
    ("population", "Lidocaine plasters, worn for 12 hours a day, help some people whose pain is "
                   "in one small patch.", None),
    ("population", "Capsaicin cream used four times a day helps people with pain in one foot.",
     None),
    # A range may say its unit twice.
    ("amount", "Ibuprofen 200 mg to 400 mg up to three times a day.", [200, 400]),
    ("amount", "Gabapentin is built up until the daily total is from 900 mg to 3,600 mg.",
     [900, 3600]),
    # "alternate days" is a schedule without "on" too.
    ("frequency", "1 mg by injection, alternate days for two weeks.", "alternate days"),
]


@pytest.mark.parametrize("field,text,expected", SIXTEENTH_ROUND_FIELDS)
def test_sixteenth_round_fields(nlp, field, text, expected):
    assert _objects(text, nlp)[0][field] == expected


@pytest.mark.parametrize("text,context,expected", [
    # A "How often" or "For how long" column says how the row's one dose is taken, with no
    # word of taking in the cell; a bare length opening a length cell is the duration.
    ("Loading | 1 mg by intramuscular injection | Alternate days, for a maximum of 3 weeks",
     "Stage | Hydroxocobalamin dose | How often",
     {"frequency": "alternate days", "duration": "for a maximum of 3 weeks"}),
    ("Maintenance | 1 mg by intramuscular injection | Every 3 months",
     "Stage | Hydroxocobalamin dose | How often",
     {"frequency": "every 3 months", "duration": None}),
    ("Dog under 10 kg | 250 micrograms | once weekly | 6 weeks",
     "Pet | Dose per injection | How often | For how long",
     {"frequency": "once weekly", "duration": "6 weeks"}),
])
def test_schedule_columns_say_how_the_rows_dose_is_taken(nlp, text, context, expected):
    objects = _objects(text, nlp, "table_row", context)
    assert _picked(objects, ("frequency", "duration")) == [expected]


def test_a_length_column_without_a_dose_is_no_regimen(nlp):
    # A test table's "How long it takes" is no dose: the row gives no amount.
    assert _objects("Nerve conduction study | Small pulses along the nerves | 30 to 45 minutes",
                    nlp, "table_row", "Test | What it involves | How long") == []


def test_a_change_of_dose_from_one_amount_to_another_is_no_range(nlp):
    objects = _objects("The dose was increased from 300 mg to 600 mg a day.", nlp)
    assert [o["amount"] for o in objects] == [300, 600]


@pytest.mark.parametrize("text,dosage", [
    # In a sentence, "extra" or "excess" before a substance is a dose level only after a word
    # of needing or taking; otherwise it says what more of the nutrient does.
    ("If your levels are normal, extra B12 won't make you any less tired.", False),
    ("Excess B12 is simply passed out in the urine.", False),
    ("Athletes saw no gain in endurance from extra B12.", False),
    ("Pregnant women need extra B12.", True),
    ("Most adults get about 100 micrograms of extra folic acid a day from bread.", True),
])
def test_extra_before_a_substance_is_a_dose_level_after_a_word_of_taking(nlp, text, dosage):
    assert ("dosage" in tag_unit(text, "sentence", None, nlp).types) is dosage


def test_excess_in_a_table_cell_is_still_a_dose_level(nlp):
    assert "dosage" in tag_unit("Nutritional | Vitamin B1 deficiency, excess vitamin B6",
                                "table_row", "Type of cause | Examples", nlp).types


# --- seventeenth round (styles5, pages dense in regimens, a development set) ----------------

SEVENTEENTH_ROUND_FREQUENCIES = [
    # "as often as" a count per period keeps its words, as "up to" does.
    ("Capsaicin cream goes on as often as four times a day.", "as often as four times a day"),
    ("Turmeric capsules of 500 mg, with food, as often as three times daily.",
     "as often as three times daily"),
    # Named days: with every/each, or two or more of them.
    ("1 mg each Monday, Wednesday and Friday for two weeks.", "each Monday, Wednesday and Friday"),
    ("Take 1,000 mcg on Monday, Wednesday and Friday.", "on Monday, Wednesday and Friday"),
    ("A single 500 µg squirt up the nose every Sunday.", "every Sunday"),
    # Two or more meals or times of day.
    ("Two 500 mg tablets at breakfast, lunch, teatime and bedtime.",
     "at breakfast, lunch, teatime and bedtime"),
    ("400 mg with breakfast, lunch and the evening meal.",
     "with breakfast, lunch and the evening meal"),
]


@pytest.mark.parametrize("text,amount,unit", [
    # An amount as a modifier, its unit after a hyphen.
    ("Take a weekly 2,000-microgram tablet.", 2000, "mcg"),
    ("Switch to 1,000-microgram tablets for the trip.", 1000, "mcg"),
    ("The 500-mg dose is taken twice a day.", 500, "mg"),
])
def test_an_amount_joined_to_its_unit_by_a_hyphen(nlp, text, amount, unit):
    assert [(o["amount"], o["unit"]) for o in _objects(text, nlp)] == [(amount, unit)]


@pytest.mark.parametrize("text,expected", SEVENTEENTH_ROUND_FREQUENCIES)
def test_seventeenth_round_frequencies(nlp, text, expected):
    assert _objects(text, nlp)[0]["frequency"] == expected


@pytest.mark.parametrize("text,expected", [
    # A chat's timestamp is no schedule; the "each day" after it is.
    ("[19:45] Amira K.: many people take 50 to 150 micrograms by mouth each day.", "daily"),
    # A day named alone is a date.
    ("I started 1,000 mcg tablets on Monday.", None),
])
def test_times_and_days_that_are_no_schedule(nlp, text, expected):
    objects = _objects(text, nlp)
    assert [o["frequency"] for o in objects] == [expected] * len(objects)
    assert objects or expected is None


@pytest.mark.parametrize("context,population", [
    # A dose column's header names the group in the plural, or names two.
    ("Medicine | Dose for adults | How long", "adults"),
    ("Medicine | Usual adult dose | How long", "adults"),
    ("Reason | First course (adults and children) | Later", "adults and children"),
    ("Medicine | Dose | How long", None),
])
def test_a_dose_columns_header_names_its_group(nlp, context, population):
    objects = _objects("Paracetamol | 1 g four times a day | For up to two weeks", nlp,
                       "table_row", context)
    assert [o["population"] for o in objects] == [population]


MEDICINES_HEADER = "Medicine | Dose for adults | How long"


@pytest.mark.parametrize("text,expected", [
    # A length column's short cell is the duration as written.
    ("Ibuprofen 200 mg tablets | Two tablets (400 mg) three times a day | Up to five days",
     {"amount": 400, "frequency": "three times a day", "duration": "up to five days",
      "population": "adults"}),
    # The strength the first cell names is the dose the other cells say how to take.
    ("Senna 7.5 mg tablets | Two tablets at night | While you are taking codeine",
     {"amount": 7.5, "frequency": "at night", "duration": "while you are taking codeine",
      "population": "adults"}),
])
def test_a_medicines_table_row_is_one_regimen(nlp, text, expected):
    objects = _objects(text, nlp, "table_row", MEDICINES_HEADER)
    assert _picked(objects, tuple(expected)) == [expected]


def test_a_dose_columns_header_names_the_time_of_day(nlp):
    objects = _objects("Week 1 | 75 mg | 75 mg | 150 mg", nlp, "table_row",
                       "Week | Morning dose | Evening dose | Total per day")
    assert _picked(objects, ("amount", "frequency")) == [
        {"amount": 75, "frequency": "morning"}, {"amount": 75, "frequency": "evening"},
        {"amount": 150, "frequency": "daily"}]


# --- seventeenth round (blind13 a development set) -----------------------------------------

SEVENTEENTH_ROUND_FIELDS = [
    # "as often as" qualifies a schedule as "up to" does: the phrase keeps it (decision 17).
    ("frequency", "Take naproxen 250 mg as often as twice a day with food.",
     "as often as twice a day"),
    ("frequency", "Paracetamol 1 g as often as four times in 24 hours.",
     "as often as four times in 24 hours"),
    ("frequency", "Ibuprofen 400 mg, taken as often as three times daily.",
     "as often as three times daily"),
    # A stopping condition is a duration whoever or whatever stops improving.
    ("duration", "Injections of 1 mg are given every other day until things stop improving.",
     "until things stop improving"),
    ("duration", "You will have 1 mg injections on alternate days until your nurse is sure that "
                 "your symptoms have stopped getting better.",
     "until your nurse is sure that your symptoms have stopped getting better"),
    # A limit with no length is a duration too.
    ("duration", "Take ibuprofen tablets at the lowest dose that works, for no longer than needed.",
     "for no longer than needed"),
    # "a short course" and "a course of" give way to a length stated for the same regimen.
    ("duration", "She was given a short course of naproxen 500 mg twice daily for five days.",
     "for five days"),
    ("duration", "Some are offered a course of thiamine, 100 mg a day for three weeks.",
     "for three weeks"),
    ("duration", "Doctors may prescribe a short course of prednisolone tablets.", "a short course"),
    # A titration step "on the first day" right after a dose is kept as written, as "on day 1"
    # is; a time of day may say early or late.
    ("frequency", "Gabapentin is started at 300 mg on the first day.", "on the first day"),
    ("frequency", "Amitriptyline: 10 mg in the early evening to start.", "in the early evening"),
    # "mums" is a group as "mothers" is; "fully" qualifies a group as "exclusively" does.
    ("population", "Breastfeeding mums are advised to take 10 micrograms of vitamin D a day.",
     "breastfeeding mums"),
    ("population", "Fully breastfed babies should have vitamin D drops of 10 micrograms daily.",
     "fully breastfed babies"),
    # A class named by what it treats before "such as" is the substance (decision 19).
    ("substance", "Indigestion tablets such as lansoprazole, taken for years, can lower B12.",
     "indigestion tablets"),
    ("substance", "Heartburn medicines such as omeprazole, taken every day, lower B12.",
     "heartburn medicines"),
]


@pytest.mark.parametrize("field,text,expected", SEVENTEENTH_ROUND_FIELDS)
def test_seventeenth_round_fields(nlp, field, text, expected):
    assert _objects(text, nlp)[0][field] == expected


def test_the_first_day_without_a_dose_is_no_schedule(nlp):
    objects = _objects("Keep to your usual routine on the first day and take 10 mg daily after that.",
                       nlp)
    assert [o["frequency"] for o in objects] == ["daily"]


@pytest.mark.parametrize("text", [
    # A patch of skin described by how it looks or feels is no plaster (no topical route).
    "prickling or dead patches on the soles",
    "a numb or tingling patch around your back passage",
    "His back pain flared up after a weekend of digging the vegetable patch.",
])
def test_a_patch_of_skin_is_no_route(nlp, text):
    assert "dosage" not in tag_unit(text, "sentence", None, nlp).types


def test_a_medicine_patch_keeps_its_route(nlp):
    assert _objects("Lidocaine 5% patches are worn for 12 hours a day.", nlp)[0]["route"] == "topical"


# --- eighteenth round (blind14 a development set) -------------------------------------------

@pytest.mark.parametrize("text,context,populations", [
    # A group one dose column's header names is the row's: the daily limit beside it too.
    ("Ibuprofen | 200 to 400 mg every 4 to 6 hours | 1,200 mg",
     "Medication | Typical adult dose | Daily limit", ["adults", "adults"]),
    ("Pernicious anaemia | 1 mg three times weekly, for a fortnight | 1 mg twice a year",
     "Reason | First course (adults and children) | After the first course",
     ["adults and children", "adults and children"]),
    # Two columns naming two groups keep each their own.
    ("Paracetamol | 1 g four times a day | 250 mg four times a day",
     "Medicine | Adult dose | Child dose", ["adults", "children"]),
])
def test_a_group_one_dose_header_names_is_the_rows(nlp, text, context, populations):
    assert [o["population"] for o in _objects(text, nlp, "table_row", context)] == populations


@pytest.mark.parametrize("text", [
    # Right after a schedule, "at first" says when it applies: no duration.
    "Pregabalin: 75 mg morning and night at first, with a ceiling of 300 mg morning and night.",
    "It's injections, usually 1 mg every other day at first.",
])
def test_at_first_after_a_schedule_is_no_duration(nlp, text):
    assert [o["duration"] for o in _objects(text, nlp)][0] is None


def test_at_first_alone_is_still_a_duration(nlp):
    objects = _objects("Your doctor may prescribe more frequent injections at first.", nlp)
    assert objects[0]["duration"] == "at first"


@pytest.mark.parametrize("text,kind,context,substances", [
    # The one form of B12 a unit names is the substance of its B12 regimens (decision 19).
    ("Daily B12 | Tablet (cyanocobalamin) | 50 µg | One a day with food", "table_row",
     "Product | Form | B12 per dose | Directions", ["cyanocobalamin"]),
    ("Two sprays give you 1,000 µg of vitamin B12 as methylcobalamin, under the tongue.",
     "sentence", None, ["methylcobalamin"]),
    ("Hydroxocobalamin is vitamin B12 made in a lab, given by a jab into a muscle.",
     "sentence", None, ["hydroxocobalamin"]),
    # Not a bracketed equivalent right after the name, an example, or another regimen's form.
    ("Each gummy contains 500 micrograms of vitamin B12 (as methylcobalamin).", "sentence",
     None, ["vitamin B12"]),
    ("High-dose B12, particularly methylcobalamin, is given by mouth.", "sentence", None,
     ["vitamin B12"]),
    ("A baby is given hydroxocobalamin jabs, and some then go on to B12 drops by mouth.",
     "sentence", None, ["hydroxocobalamin", "vitamin B12"]),
])
def test_a_named_form_of_b12_is_the_substance(nlp, text, kind, context, substances):
    assert [o["substance"] for o in _objects(text, nlp, kind, context)] == substances


@pytest.mark.parametrize("text,context,expected", [
    # A product table's directions column says how the row's one dose is taken.
    ("Daily B12 | Tablet | 50 µg | One a day with food", "Product | Form | B12 per dose | Directions",
     {"frequency": "one a day", "route": "oral"}),
    ("Methyl-B12 | Chewable | 1,000 µg | Chew one each morning",
     "Product | Form | B12 per dose | Directions", {"frequency": "each morning", "route": "oral"}),
    # A form in one cell is not joined to the form in the next ("Oral Spray | Mouth spray").
    ("B12 + D3 Oral Spray | Mouth spray | 1,000 µg per 2 pumps | Two pumps once a day | £7.50",
     "Product | Form | B12 per dose | How to take it | Cost per month",
     {"frequency": "once a day", "route": "oral"}),
])
def test_a_directions_column_says_how_the_dose_is_taken(nlp, text, context, expected):
    objects = _objects(text, nlp, "table_row", context)
    assert _picked(objects, tuple(expected)) == [expected]


EIGHTEENTH_ROUND_DURATIONS = [
    # A plaster's hours on and off, and its hours in every 24, as written.
    ("Lidocaine 5% plaster | Stuck on the painful skin | Up to 3 plasters, on for 12 hours then "
     "off for 12", "table_row", "Medicine | How it is taken | Usual dose",
     "on for 12 hours then off for 12"),
    ("Lidocaine plasters go on at 08:00 and come off at 20:00, giving 12 hours on and 12 hours "
     "off.", "sentence", None, "12 hours on and 12 hours off"),
    ("A lidocaine 5% plaster worn for up to 12 hours in every 24 might be offered.", "sentence",
     None, "for up to 12 hours in every 24"),
    # "or longer" after "over a week", "only" after a length.
    ("At the end of treatment the pregabalin dose is tapered over a week or longer.", "sentence",
     None, "over a week or longer"),
    ("Ibuprofen: one or two 200 mg tablets up to three times daily, for a few days only.",
     "sentence", None, "for a few days only"),
    # Years of a drug or a form named right after them.
    ("Mine was 140 after nine years of metformin.", "sentence", None, "nine years"),
    ("Years on stomach-acid tablets make a shortfall more likely.", "sentence", None, "years"),
    ("A lidocaine plaster, worn on the sorest area for half the day, suits some people.",
     "sentence", None, "for half the day"),
]


@pytest.mark.parametrize("text,kind,context,duration", EIGHTEENTH_ROUND_DURATIONS)
def test_eighteenth_round_durations(nlp, text, kind, context, duration):
    assert _objects(text, nlp, kind, context)[0]["duration"] == duration


@pytest.mark.parametrize("text", [
    # Years not of a drug, a range's end, or right after an amount: no length of use.
    "Two years of physiotherapy and B12 tablets helped her.",
    "Symptoms improve within one to two years of starting B12 injections.",
])
def test_years_not_of_a_drug_are_no_length_of_use(nlp, text):
    assert all(o["duration"] is None for o in _objects(text, nlp))


@pytest.mark.parametrize("text,frequencies", [
    # A schedule right before an amount ("a weekly 2,000-microgram tablet") is that amount's.
    ("50 micrograms every day, or a weekly 2,000-microgram tablet if daily pills get forgotten.",
     ["daily", "weekly"]),
    ("Vegans take 2,000 mcg once a week, and adults over 50 a daily 25 to 100 mcg supplement.",
     ["once a week", "daily"]),
])
def test_a_schedule_right_before_an_amount_is_its_own(nlp, text, frequencies):
    assert [o["frequency"] for o in _objects(text, nlp)] == frequencies


@pytest.mark.parametrize("text,frequency", [
    # A time of day in a leading clause gives way to the dose's own schedule.
    ("For burning pain at night, the GP may offer amitriptyline, often 10 mg taken a couple of "
     "hours before bed.", "a couple of hours before bed"),
    ("For the burning at night she's given him amitriptyline, 10 mg about two hours before bed.",
     "about two hours before bed"),
    # Alone it stays the schedule.
    ("For pain at night, amitriptyline 10 mg is often used.", "at night"),
])
def test_a_time_of_day_before_the_dose_gives_way(nlp, text, frequency):
    assert _objects(text, nlp)[0]["frequency"] == frequency


@pytest.mark.parametrize("text,substance", [
    # A substance said to be low, the cause, absorbed or released, or to get into the blood is
    # a level, not what is taken.
    ("If B12 is low, treatment is usually with tablets or injections.", None),
    ("Where B12 is the culprit, injections every three months keep it topped up.", None),
    ("Tablets fail because only a tiny amount of B12 gets into the blood.", None),
    ("A 10 microgram daily tablet, because less B12 is released from food with age.", None),
    ("Taking omeprazole for years can leave us short, as B12 in food needs stomach acid.",
     "omeprazole"),
    # A plural verb has another subject: the gels are absorbed, ibuprofen is what is taken.
    ("Gels containing ibuprofen are absorbed into the blood in only small amounts.", "ibuprofen"),
])
def test_a_substance_said_to_be_low_or_absorbed_is_a_level(nlp, text, substance):
    assert {o["substance"] for o in _objects(text, nlp)} == {substance}


@pytest.mark.parametrize("text,population", [
    # A condition naming the reader's group is the population, to the clause's end.
    ("Your prescriber may use lower doses if you are over 65 or have kidney disease.",
     "over 65 or have kidney disease"),
    ("If you're vegan, a daily supplement of 50-100 mcg will cover your needs.", "vegan"),
    ("If you're hoping to get pregnant, the advice is a daily 400 microgram folic acid "
     "supplement.", "hoping to get pregnant"),
    # A state is no group.
    ("If you are deficient, a common regimen is 50,000 IU of vitamin D3 once weekly.", None),
])
def test_a_condition_naming_the_readers_group_is_the_population(nlp, text, population):
    assert _objects(text, nlp)[0]["population"] == population


@pytest.mark.parametrize("text,population", [
    # A group by body weight, as written.
    ("For adults over 50 kg, the maximum is 1 g four times in 24 hours.", "adults over 50 kg"),
    ("Residents weighing under 50 kg get a smaller single dose of 500 mg.",
     "residents weighing under 50 kg"),
])
def test_a_group_by_body_weight(nlp, text, population):
    assert _objects(text, nlp)[0]["population"] == population


@pytest.mark.parametrize("text", [
    # The group an effect, a harm or a risk is seen in is not the population.
    "That is why high-dose tablets can work even for some people with pernicious anaemia.",
    "Even at 1,000 mcg a day, B12 supplements have not been linked to harm in healthy people.",
    "Very high doses were linked to a raised risk of hip fracture in older women.",
])
def test_the_group_a_harm_or_risk_is_seen_in_is_no_population(nlp, text):
    assert all(o["population"] is None for o in _objects(text, nlp))


@pytest.mark.parametrize("text,population", [
    # An article or "our" before a group is part of it as written, but not at the unit's start.
    ("The NRV for B12 is 2.5 µg, which is the amount an average adult needs each day.",
     "an average adult"),
    ("Children need less: a vegan child aged 1 to 3 can take around 5 mcg a day.",
     "a vegan child aged 1 to 3"),
    ("That is why our residents often stay on lower doses of 25 mg a day.", "our residents"),
    ("A child of 4-8 years: 1.2 mcg each day", "child of 4-8 years"),
])
def test_an_article_before_a_group_is_part_of_it(nlp, text, population):
    assert _objects(text, nlp)[0]["population"] == population


def test_a_how_to_take_cell_is_said_of_each_amount_of_the_dose_cell(nlp):
    objects = _objects("Amitriptyline | Tablet at bedtime | 10 mg to start, then gradually up to "
                       "between 25 and 75 mg | Dry mouth", nlp, "table_row",
                       "Medicine | How it is taken | Usual dose | Common side effects")
    assert _picked(objects, ("amount", "frequency", "route")) == [
        {"amount": 10, "frequency": "at bedtime", "route": "oral"},
        {"amount": [25, 75], "frequency": "at bedtime", "route": "oral"}]


EIGHTEENTH_ROUND_FREQUENCIES = [
    # Counts written other ways, kept as written.
    ("Typically 1 mg of hydroxocobalamin into the muscle on three days a week for a fortnight.",
     "on three days a week"),
    ("Gabapentin 300 mg on day one.", "on day one"),
    ("Gabapentin up to 1,800 mg daily, split three ways.", "daily, split three ways"),
    ("Capsaicin cream, three or four applications daily.", "three or four applications daily"),
    # A loading count with a range, "the opening fortnight" or the drug before the form.
    ("Hydroxocobalamin injections, five or six in the opening fortnight.",
     "five or six in the opening fortnight"),
    ("The nurse gave me six hydroxocobalamin jabs in a fortnight.", "six in a fortnight"),
    ("After that, a hydroxocobalamin top-up injection every quarter.", "every quarter"),
]


@pytest.mark.parametrize("text,frequency", EIGHTEENTH_ROUND_FREQUENCIES)
def test_eighteenth_round_frequencies(nlp, text, frequency):
    assert _objects(text, nlp)[0]["frequency"] == frequency


@pytest.mark.parametrize("text,kind,context,substance", [
    # The substance a "form of" phrase describes is the one named first.
    ("Benfotiamine, a fat-soluble form of vitamin B1, is taken at 300 mg twice a day.",
     "sentence", None, "benfotiamine"),
    ("Methyl-folate, a form of folate | 200 µg | 100%", "table_row", "Per 2 pumps | Amount | %NRV",
     "methylfolate"),
    # A bracketed equivalent after a substance gives way to the name first written.
    ("Turmeric (curcumin) capsules of 500 mg, with food, as often as three times daily",
     "list_item", "Nutrients that some clients find helpful:", "turmeric"),
    # "B6" is vitamin B6; "cobalamin" is named as written.
    ("Ironically, B6 pills above 10 mg a day can bring on numb feet.", "sentence", None,
     "vitamin B6"),
    ("Most pets receive cobalamin as an injection under the skin.", "sentence", None,
     "cobalamin"),
])
def test_eighteenth_round_substances(nlp, text, kind, context, substance):
    assert _objects(text, nlp, kind, context)[0]["substance"] == substance


EIGHTEENTH_ROUND_FIELDS = [
    # A titration step "increases it by 300 mg every three days" gives no regimen of its own.
    ("frequency", "The GP prescribes 300 mg of gabapentin at night and increases it by 300 mg "
                  "every three days.", ["at night"]),
    # Bounds and counts before a schedule are kept as written.
    ("frequency", "Giving injections more often than every 2 months hasn't been shown to help.",
     ["more often than every 2 months"]),
    ("frequency", "amitriptyline, usually 10 to 75 mg taken once in the evening",
     ["once in the evening"]),
    # The months a dose is taken, after it; not opening a sentence about sunlight.
    ("duration", "My advice is 1,000 IU of vitamin D a day from October to March.",
     ["from October to March"]),
    ("duration", "From October to March there is not enough sunlight, so adults take 10 "
                 "micrograms of vitamin D a day.", [None]),
    # A next phase said to be a lower dose does not take the first phase's amount.
    ("amount", "Athletes may be prescribed 20,000 IU once a week for six to eight weeks, then a "
               "lower daily dose.", [20000, None]),
]


@pytest.mark.parametrize("field,text,expected", EIGHTEENTH_ROUND_FIELDS)
def test_eighteenth_round_fields(nlp, field, text, expected):
    assert [o[field] for o in _objects(text, nlp)] == expected


@pytest.mark.parametrize("text,context,frequencies", [
    # A schedule cell with two phases or alternatives: the row's one dose on each.
    ("Maintenance | 1 mg by intramuscular injection | Every 3 months, or every 2 months after "
     "nerve symptoms", "Stage | Hydroxocobalamin dose | How often",
     ["every 3 months", "every 2 months"]),
    ("Cyanocobalamin injection | 1 mL (1,000 mcg) | Inject into the muscle once a week for 4 "
     "weeks, then once a month", "Medication | Dose | How to take", ["once a week", "once a month"]),
])
def test_a_schedule_cell_with_two_phases_gives_the_dose_on_each(nlp, text, context, frequencies):
    objects = _objects(text, nlp, "table_row", context)
    assert [o["frequency"] for o in objects] == frequencies
    assert len({(o["amount"], o["route"]) for o in objects}) == 1


def test_users_of_a_drug_are_no_population(nlp):
    # "users of X" names what is taken, not a group it is given to.
    objects = _objects("Long-term users of proton pump inhibitors", nlp, "list_item",
                       "Deficiency is more likely in the following groups:")
    assert [(o["population"], o["substance"]) for o in objects] == [
        (None, "proton pump inhibitors")]


@pytest.mark.parametrize("text,population", [
    # Groups named by an age band ("over-50s") or by a modified "staff" / "clients".
    ("Over-50s benefit from fortified foods or a low-dose supplement.", "over-50s"),
    ("Anti-inflammatory gels rubbed in three or four times a day are an option for staff who "
     "can't take tablets.", "staff who can't take tablets"),
    # People named by a sport they do, as "runners" are.
    ("Ibuprofen is fine for most riders: 200 to 400 mg with some food.", "most riders"),
])
def test_more_group_words(nlp, text, population):
    objects = _objects(text, nlp)
    assert [o["population"] for o in objects] == [population]


def test_regimens_in_the_order_their_forms_are_written(nlp):
    # The form before the amount is the amount's; "a course" gives way to a stated schedule.
    objects = _objects("When diet alone is to blame, a course of cyanocobalamin tablets usually "
                       "replaces the jabs, at 50 micrograms to 150 micrograms once a day.", nlp)
    assert _picked(objects, ("amount", "frequency", "route", "duration")) == [
        {"amount": [50, 150], "frequency": "once a day", "route": "oral", "duration": None},
        {"amount": None, "frequency": None, "route": "injection", "duration": None}]


def test_a_course_alone_is_no_duration(nlp):
    # A bare "a course" (no length) gives no duration: the lead's decision in the
    # twenty-seventh round, second pass, with the sets' majority (it was "a course" before).
    assert _objects("My GP gave me a course of B12 injections.", nlp)[0]["duration"] is None


@pytest.mark.parametrize("field,text,kind,context,expected", [
    # A day named first keeps its capital.
    ("frequency", "Loading course | 1 mg by intramuscular injection | Monday, Wednesday and "
                  "Friday for a fortnight", "table_row", "Stage | Hydroxocobalamin dose | How often",
     "Monday, Wednesday and Friday"),
    # "through the first 12 weeks", "limited to two or three weeks".
    ("duration", "The advice is a daily 400 microgram folic acid supplement through the first 12 "
                 "weeks.", "sentence", None, "through the first 12 weeks"),
    ("duration", "A muscle relaxant like cyclobenzaprine, 5 mg as often as three times a day, "
                 "limited to two or three weeks.", "sentence", None,
     "limited to two or three weeks"),
    # A muscle relaxant named as written, its dose its own.
    ("substance", "A muscle relaxant like cyclobenzaprine, 5 mg as often as three times a day.",
     "sentence", None, "cyclobenzaprine"),
])
def test_eighteenth_round_more_fields(nlp, field, text, kind, context, expected):
    assert _objects(text, nlp, kind, context)[0][field] == expected


@pytest.mark.parametrize("text,frequency", [
    # A count of periods with a hyphen, as written (not "monthly").
    ("Then go back to the three-monthly injections.", "three-monthly"),
    ("Hydroxocobalamin 1 mg is given 2-monthly by injection.", "2-monthly"),
    # A count "in a day", and of doses, as written.
    ("Ibuprofen is fine for most riders: 200 to 400 mg with some food, taken up to three "
     "times in a day.", "up to three times in a day"),
    ("Take 200 to 400 mg after food, up to three doses in a day.", "up to three doses in a day"),
    # A daily total spread over the day, as written.
    ("Take 1,000 to 1,200 mg calcium, split across the day.", "split across the day"),
])
def test_nineteenth_round_frequencies(nlp, text, frequency):
    assert [o["frequency"] for o in _objects(text, nlp)] == [frequency]


def test_a_row_that_counts_its_form_takes_its_schedule_column(nlp):
    # No amount, but a count of a form: the "How often" cell is that dose's schedule.
    objects = _objects("Complete multivitamin and mineral | 2 tablets | Every day | Chewed",
                       nlp, "table_row", "Supplement | How much | How often | How to take it")
    assert _picked(objects, ("frequency", "route", "substance")) == [
        {"frequency": "daily", "route": "oral", "substance": "multivitamin"}]


@pytest.mark.parametrize("text", [
    # How long something takes is no word of taking.
    "Nerves regrow about a millimetre a day, so improvement after B12 treatment can take six "
    "months to two years.",
    # How long a side effect lasts is no duration of use (decision 14).
    "Duloxetine took the edge off for me but made me feel sick for the first two weeks.",
])
def test_a_time_taken_or_a_side_effect_length_is_no_dose(nlp, text):
    assert "dosage" not in tag_unit(text, "sentence", None, nlp).types


@pytest.mark.parametrize("text,field,expected", [
    # A fortnight is a length like a week.
    ("Duloxetine is a capsule taken once daily, usually 60 mg, although we sometimes begin at "
     "30 mg for the first fortnight.", "duration", [None, "for the first fortnight"]),
    ("We give a loading course of an injection on alternate days over a fortnight.",
     "duration", ["over a fortnight"]),
    # A loading count "of them", as written.
    ("She starts injections on Monday, six of them in the first fortnight, then one every "
     "twelve weeks.", "frequency", ["six of them in the first fortnight", "every twelve weeks"]),
])
def test_fortnights(nlp, text, field, expected):
    assert [o[field] for o in _objects(text, nlp)] == expected


@pytest.mark.parametrize("text,field,expected", [
    # "for half of each day" is how long a plaster stays on, not a daily schedule.
    ("A medicated lidocaine plaster, kept on for half of each day and then removed, may help.",
     "duration", "for half of each day"),
    ("A medicated lidocaine plaster, kept on for half of each day and then removed, may help.",
     "frequency", None),
    # A test result names no substance taken.
    ("A low B12 result means a course of injections.", "substance", None),
])
def test_nineteenth_round_more_fields(nlp, field, text, expected):
    assert _objects(text, nlp)[0][field] == expected


def test_long_term_right_after_a_drug_someone_is_on(nlp):
    objects = _objects("Around one in ten people on metformin long-term end up low.", nlp)
    assert _picked(objects, ("duration", "substance")) == [
        {"duration": "long-term", "substance": "metformin"}]


@pytest.mark.parametrize("text,expected", [
    # Another substance with its own schedule after "and" is a regimen of its own.
    ("Pregabalin is normally taken twice daily, starting at 75 mg each time, and gabapentin "
     "three times daily.",
     [(75, "twice daily", "pregabalin"), (None, "three times daily", "gabapentin")]),
    ("Take 1,000 mcg of vitamin B12 daily and folic acid weekly.",
     [(1000, "daily", "vitamin B12"), (None, "weekly", "folic acid")]),
    # Substances joined before one schedule stay one regimen.
    ("Take 1,000 mcg of vitamin B12 and folic acid weekly.",
     [(1000, "weekly", "vitamin B12 and folic acid")]),
])
def test_another_substance_with_its_own_schedule(nlp, text, expected):
    objects = _objects(text, nlp)
    assert [(o["amount"], o["frequency"], o["substance"]) for o in objects] == expected


@pytest.mark.parametrize("text", [
    "After the loading course, continue with 1 mg every three months for as long as he "
    "remains on metformin.",
    "After that I moved on to one injection every three months, which I'll probably need for "
    "as long as I stay on metformin.",
])
def test_a_drug_someone_stays_on_is_not_the_dose(nlp, text):
    assert [o["substance"] for o in _objects(text, nlp)] == [None]


@pytest.mark.parametrize("text,kind,context", [
    # Units of alcohol someone drinks, and a table of drinks, are no doses.
    ("The UK guidelines say it is safest not to drink more than 14 units a week on a regular "
     "basis, spread over three days or more.", "sentence", None),
    ("Pint of 4% lager | 2.3", "table_row", "Drink | Units"),
    ("Large (250 ml) glass of 13% wine | 3.3", "table_row", "Drink | Units"),
])
def test_alcohol_is_no_dose(rules_nlp, text, kind, context):
    assert "dosage" not in tag_unit(text, kind, context, rules_nlp).types


@pytest.mark.parametrize("text", [
    # A pain that "shot down" a leg, a golf "tee shot", gloves with gel pads: no route.
    "By the Monday I had a pain like toothache in my left buttock that shot down the back of "
    "my leg.",
    "Before your first tee shot, try this:",
    "Try gloves with gel pads that sit either side of the ulnar channel rather than on it.",
])
def test_shots_and_gels_that_are_no_form(rules_nlp, text):
    assert "dosage" not in tag_unit(text, "sentence", None, rules_nlp).types


@pytest.mark.parametrize("text,population,routes", [
    # The relative clause's own verb ("dislike") is not the main one ("manage"): the group ends
    # before it, and the form inside the group is no regimen.
    ("A few patients who dislike injections manage on 1,000 micrograms of B12 under the "
     "tongue daily.", "patients who dislike injections", ["sublingual"]),
    ("People who eat little meat take 10 mcg daily.", "people who eat little meat", [None]),
    # "whose" is followed by a noun, "who can't" by a modal: as before.
    ("Athletes whose blood level is found to be very low may be prescribed 20,000 IU once a "
     "week.", "athletes whose blood level is found to be very low", [None]),
])
def test_a_who_clause_ends_at_the_main_verb(nlp, text, population, routes):
    objects = _objects(text, nlp)
    assert [o["population"] for o in objects] == [population] * len(routes)
    assert [o["route"] for o in objects] == routes


@pytest.mark.parametrize("text,expected", [
    # "into a vein" is intravenous: a regimen of its own beside the tablets that follow.
    ("During a supervised detox, high-dose thiamine is usually given into a vein or muscle for "
     "the first few days, followed by thiamine tablets, typically 100 mg three times a day.",
     [(None, "intravenous", "for the first few days"), (100, "oral", None)]),
    ("It's often given as 200 to 300 mg a day in divided doses, and in hospital we give it "
     "into a vein first if someone is very unwell.",
     [([200, 300], None, None), (None, "intravenous", None)]),
])
def test_into_a_vein(nlp, text, expected):
    objects = _objects(text, nlp)
    assert [(o["amount"], o["route"], o["duration"]) for o in objects] == expected


# Twentieth round: general causes of the dosage field errors of blind16, styles7 and styles8.
# The parser's objects are read whatever types the unit gets (the type model decides those).
def _parsed(text, nlp, kind="sentence", context=None):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claims import tagged_docs
    dosage = UnitAttrs(tagged_docs([(text, kind, context)], nlp)[0]).dosage
    return [] if dosage is None else dosage if isinstance(dosage, list) else [dosage]


@pytest.mark.parametrize("text,kind,context,field,expected", [
    # A bound after a length is part of the duration, as written.
    ("Codeine is sometimes taken for a few days at most, but it makes you sleepy.",
     "sentence", None, "duration", ["for a few days at most"]),
    ("Very high doses of vitamin B6, taken for months on end, can cause numb hands.",
     "sentence", None, "duration", ["for months on end"]),
    ("Taking ibuprofen, 400 mg with each meal over a five-day stretch at most, often helps.",
     "sentence", None, "duration", ["over a five-day stretch at most"]),
    ("The limit is two tablets four times in 24 hours, and it is best kept to three days or "
     "less.", "sentence", None, "duration", ["three days or less"]),
    # How often something is checked is no frequency of the dose.
    ("Metformin taken for many years can lower B12, and her B12 is now checked once a year.",
     "sentence", None, "frequency", [None]),
    # "between 25 mg and 75 mg": one range, the unit said twice.
    ("The dose goes up to somewhere between 25 mg and 75 mg of amitriptyline.",
     "sentence", None, "amount", [[25, 75]]),
    # Loading counts "given over" and "times across" a period, as written.
    ("Treatment starts with injections into the muscle, six given over a fortnight, followed "
     "by one jab every two to three months.", "sentence", None, "frequency",
     ["six given over a fortnight", "every two to three months"]),
    ("A common course is 1 mg into the muscle six times across a fortnight, then 1 mg every "
     "two or three months.", "sentence", None, "frequency",
     ["six times across a fortnight", "every two or three months"]),
    # "every other morning", "each three months", "on waking", "up to three doses daily",
    # "daily, taken as two doses".
    ("Colecalciferol 800 units, one capsule every other morning", "list_item",
     "Jean's list looked like this:", "frequency", ["every other morning"]),
    ("Hydroxocobalamin jabs, usually 1 mg every other day for the first fortnight and after "
     "that 1 mg each three months.", "sentence", None, "frequency",
     ["every other day", "each three months"]),
    ("Pregabalin is opened at 75 mg on waking and 75 mg at bedtime.", "sentence", None,
     "frequency", ["on waking", "at bedtime"]),
    ("Diazepam 2 mg, up to three doses daily for a few days, is sometimes prescribed.",
     "sentence", None, "frequency", ["up to three doses daily"]),
    ("The ceiling for duloxetine is 120 mg daily, taken as two doses.", "sentence", None,
     "frequency", ["daily, taken as two doses"]),
    # "a month's supply" is a quantity, not a monthly schedule.
    ("A month's supply of 1,000 microgram cyanocobalamin tablets, one a day, costs £3.",
     "sentence", None, "frequency", ["one a day"]),
    # How long a dose is worked up, an effect builds or a side effect lasts is no duration.
    ("Gabapentin opens with a single 300 mg capsule and is worked up over a fortnight to 900 "
     "mg a day in three doses.", "sentence", None, "duration", [None, None]),
    ("Capsaicin 0.075% cream is rubbed in four times a day, and it stings at first before the "
     "effect builds over several weeks.", "sentence", None, "duration", [None]),
    ("Duloxetine is taken as one 60 mg capsule a day, and it can cause nausea in the first "
     "couple of weeks.", "sentence", None, "duration", [None]),
    ("A steroid jab at the wrist often quietens things for several months.", "sentence", None,
     "duration", [None]),
    # A share of a group is whom an effect is seen in, not the population.
    ("A steroid injection eases the pain in roughly half of those who have one.", "sentence",
     None, "population", [None]),
    # An age range in words after "aged".
    ("Toddlers aged one to three need only around 0.5 micrograms a day.", "sentence", None,
     "population", ["toddlers aged one to three"]),
])
def test_twentieth_round_fields(nlp, text, kind, context, field, expected):
    assert [o[field] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,field,expected", [
    # "swallowing" an amount is by mouth; swallowing as a problem is no route.
    ("Where eating habits are to blame, swallowing 50 micrograms to 150 micrograms of "
     "cyanocobalamin once daily may be all that is needed.", "sentence", None, "route", ["oral"]),
    ("It suits people who have trouble swallowing tablets.", "sentence", None, "route", []),
    # Members of a programme or a plan are a group like patients.
    ("Members with a low blood level are often prescribed colecalciferol 20,000 IU twice a "
     "week for five weeks.", "sentence", None, "population", ["members with a low blood level"]),
    # A group the list after it defines is no population.
    ("Injectable cyanocobalamin or hydroxocobalamin is considered medically necessary for "
     "members with any of the following:", "sentence", None, "population", [None, None]),
    # A class named by what it does, before its examples, is the substance as written.
    ("If you take blood-thinning tablets such as warfarin or apixaban, let me know.",
     "sentence", None, "substance", ["blood-thinning tablets"]),
    ("Injectable weight-loss medicines such as semaglutide (Wegovy) and tirzepatide (Mounjaro) "
     "slow the stomach.", "sentence", None, "substance", ["injectable weight-loss medicines"]),
    ("Sleeping tablets such as zopiclone are meant for short spells of no more than two to "
     "four weeks.", "sentence", None, "substance", ["sleeping tablets"]),
    # ... not a determiner, a comparative or a length of use: the drug is named.
    ("Others were given a short course of a stronger medicine such as naproxen for five days.",
     "sentence", None, "substance", ["naproxen"]),
    ("Deficiency is also seen in people on some long-term medicines, including metformin for "
     "diabetes.", "sentence", None, "substance", ["metformin"]),
    # ... nor when the example has a dose of its own.
    ("A GP may suggest a nerve pain medicine such as amitriptyline, taken in a low dose of 10 mg "
     "in the evening.", "sentence", None, "substance", ["amitriptyline"]),
    # A group's form that is the unit's only part is the regimen; the group is no population.
    ("A few members who have jabs said the pins and needles creep back before the nurse is "
     "due.", "sentence", None, "route", ["injection"]),
    ("A few members who have jabs said the pins and needles creep back before the nurse is "
     "due.", "sentence", None, "population", [None]),
])
def test_twentieth_round_more_fields(nlp, text, kind, context, field, expected):
    assert [o[field] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,field,expected", [
    # "long-standing" before a drug is its length of use, as "long-term" is; an item naming a
    # group of its own does not take the lead-in's group.
    ("people on long-standing metformin to manage their blood sugar", "list_item",
     "It is found mainly in people whose diet has been short of B12 for a long while:",
     "duration", ["long-standing"]),
    ("people on long-standing metformin to manage their blood sugar", "list_item",
     "It is found mainly in people whose diet has been short of B12 for a long while:",
     "population", [None]),
    # ", and years of metformin": "and" after a comma joins a list, not a range.
    ("The usual culprits are stomach surgery, coeliac disease, and years of metformin.",
     "sentence", None, "duration", ["years"]),
])
def test_twentieth_round_lengths_of_use(nlp, text, kind, context, field, expected):
    assert [o[field] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,field,expected", [
    # After a "whose" clause, an adverb before a listed verb opens the main clause.
    ("Anyone whose kidneys work less well usually needs a smaller dose of gabapentin.",
     "population", ["anyone whose kidneys work less well"]),
    # ... but a "whose" clause with its own listed verb still ends at the modal.
    ("Athletes whose blood level is found to be very low may be prescribed 20,000 IU once a "
     "week.", "population", ["athletes whose blood level is found to be very low"]),
    # A dose on waking and another at bedtime is one schedule, as written.
    ("In his clinic he would begin with a 75 mg capsule on waking and another at bedtime.",
     "frequency", ["on waking and another at bedtime"]),
])
def test_twentieth_round_clauses_and_times(nlp, text, field, expected):
    assert [o[field] for o in _parsed(text, nlp)] == expected


# Twenty-first round: general causes read in the errors of blind17, the styles sets and
# blind13-16.
@pytest.mark.parametrize("text,kind,context,field,expected", [
    # Clock times of a dose round are its schedule, as written.
    ("Gabapentin | 300 mg | 08:00, 17:00 and 21:00 | Dizziness and unsteady walking",
     "table_row", "Nerve pain medicines on our rounds", "frequency", ["08:00, 17:00 and 21:00"]),
    ("Amitriptyline | 10 mg | 21:00 only | Hangover sleepiness next morning",
     "table_row", "Nerve pain medicines on our rounds", "frequency", ["21:00 only"]),
    ("Metformin | 500 mg at 08:00 and 17:00, after food | Diabetes | Do not give on an empty "
     "stomach", "table_row", "Medicine | Dose and time | What it's for | Carer notes",
     "frequency", ["at 08:00 and 17:00"]),
    ("Amitriptyline | 10 mg at 21:00 | Nerve pain in feet", "table_row",
     "Medicine | Dose and time | What it's for", "frequency", ["at 21:00"]),
    # ... not when one dose was given, nor when a plaster goes on or a course started.
    ("Gave paracetamol 1 g at 17:10 as per the protocol.", "sentence", None, "frequency",
     [None]),
    ("Hydroxocobalamin 1 mg IM started yesterday at 14:00, to be given on alternate days until "
     "neuro review, then every 2 months.", "sentence", None, "frequency",
     ["on alternate days", "every 2 months"]),
    ("Lidocaine 5% plasters go on at 08:00 and must come off at 20:00, giving 12 hours on and "
     "12 hours off.", "sentence", None, "frequency", [None]),
    # Times alone are no dose.
    ("Rounds run at 08:00, 12:00, 17:00 and 21:00, and each one should be finished within 45 "
     "minutes.", "sentence", None, "frequency", []),
])
def test_twenty_first_round_clock_times(nlp, text, kind, context, field, expected):
    assert [o[field] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,field,expected", [
    # A length right after a drug, or after "used" and the drug, is how long it is used.
    ("Some doctors add codeine for a few days, but it bungs people up.", "duration",
     ["for a few days"]),
    ("Roughly one person in ten who has used metformin for years ends up short of B12.",
     "duration", ["for years"]),
    # A shorter length of a drug or form named after it, its count with it.
    ("Adviser: A heat pack and a few days of an anti-inflammatory can both take the edge off.",
     "duration", ["a few days"]),
    ("Provided he has no ulcer history, a week of ibuprofen, 400 mg taken three times daily "
     "with something to eat, is reasonable.", "duration", ["a week"]),
    # ... which leaves the schedule to the amount after it.
    ("Provided he has no ulcer history, a week of ibuprofen, 400 mg taken three times daily "
     "with something to eat, is reasonable.", "frequency", ["three times daily"]),
    # Not the length of an effect, a symptom or an activity, nor how long stores last, nor a
    # substance named after the length.
    ("An epidural steroid injection can give a few weeks of relief while the disc settles.",
     "duration", [None]),
    ("Your liver banks enough vitamin B12 for several years, so a shortfall creeps up slowly.",
     "duration", []),
    ("I'd been vegan for five years and didn't realise you can't get B12 from plants.",
     "duration", []),
    ("It was low in B12 for years before anyone noticed.", "duration", []),
])
def test_twenty_first_round_lengths_of_use(nlp, text, field, expected):
    assert [o[field] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,field,expected", [
    # "thrice" is a count like "twice".
    ("The pharmacist will probably say 200 to 400 mg at each meal, so thrice a day.",
     "frequency", ["thrice a day"]),
    # "as often as" before "every six hours" qualifies the schedule and stays with it.
    ("Some doctors add codeine, a 30 mg tablet as often as every six hours.", "frequency",
     ["as often as every six hours"]),
    # Counts in words past twelve.
    ("Doctors may add folic acid tablets, 5 mg each morning, for around sixteen weeks.",
     "duration", ["for around sixteen weeks"]),
    # ... but not a time an activity lasts ("twenty minutes" stays out).
    ("The tablets she gave me took the edge off, but I still couldn't sit on the forklift for "
     "longer than twenty minutes.", "duration", [None]),
])
def test_twenty_first_round_counts_in_words(nlp, text, field, expected):
    assert [o[field] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A stopping condition said of whoever keeps getting better, or of the cause, is the
    # duration, as written.
    ("In hospital you will get hydroxocobalamin, 1 mg by jab on alternate days for as long as "
     "you keep getting better.", ["for as long as you keep getting better"]),
    ("After the loading doses comes one jab every two to three months for as long as the cause "
     "remains.", ["for as long as the cause remains"]),
])
def test_twenty_first_round_stopping_conditions(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # "in the muscle" names the route as "into the muscle" does.
    ("You will need injections in the muscle every three months.", ["intramuscular"]),
    ("The vaccine is a course of two jabs in the upper arm muscle.", ["intramuscular"]),
])
def test_twenty_first_round_in_the_muscle(nlp, text, expected):
    assert [o["route"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,field,expected", [
    # A dose that "climbs" or "rises" by an amount is stepped up: the step is no dose, and
    # the dose aimed at after "until" is one.
    ("A GP may prescribe amitriptyline, with a first dose of 10 mg taken at bedtime that "
     "climbs by 10 mg a week until it reaches roughly 30 mg.", "amount", [10, 30]),
    ("A GP may prescribe amitriptyline, with a first dose of 10 mg taken at bedtime that "
     "climbs by 10 mg a week until it reaches roughly 30 mg.", "frequency", ["at bedtime", None]),
])
def test_twenty_first_round_steps(nlp, text, field, expected):
    assert [o[field] for o in _parsed(text, nlp)] == expected

# --- Twenty-second round: general causes read in the dosage-field errors of blind18 and the
# newest development sets. Each row is a made-up unit and the field of each object, in order.

def _tagged_objects(text, nlp, kind="sentence", context=None):
    """The dosage objects of a unit that must be tagged dosage."""
    tags = tag_unit(text, kind, context, nlp)
    assert "dosage" in tags.types
    return tags.dosage if isinstance(tags.dosage, list) else [tags.dosage]


def _field(text, field, nlp, kind="sentence", context=None):
    return [o[field] for o in _tagged_objects(text, nlp, kind, context)]


@pytest.mark.parametrize("text,kind,context,expected", [
    # One meal as the only schedule is the frequency, as written.
    ("Take 20 mg of omeprazole with breakfast.", "sentence", None, ["with breakfast"]),
    ("She now takes one 5 mg tablet after dinner.", "sentence", None, ["after dinner"]),
    ("Lansoprazole | 15 mg at lunch | Headache", "table_row",
     "Medicine | Usual starting dose | Side effects", ["at lunch"]),
    # Each meal with its own word, and "tea" closing a list of meals.
    ("Metformin 850 mg at breakfast and again at teatime keeps sugars steady.", "sentence", None,
     ["at breakfast and again at teatime"]),
    ("Try 200 mg with lunch and with supper for three days.", "sentence", None,
     ["with lunch and with supper"]),
    ("Naproxen 500 mg with breakfast and another with your evening meal.", "sentence", None,
     ["with breakfast and another with your evening meal"]),
    ("Ibuprofen 200 mg at breakfast, lunch and tea for a week.", "sentence", None,
     ["at breakfast, lunch and tea"]),
    ("Take 400 mg with each of your three meals.", "sentence", None,
     ["with each of your three meals"]),
    # After another schedule the meal only says when: the first schedule stays.
    ("A 50 mcg tablet each morning with breakfast covers most people.", "sentence", None,
     ["each morning"]),
    ("Take one 25 mcg tablet once a day, ideally with breakfast.", "sentence", None,
     ["once a day"]),
])
def test_meal_times_are_the_schedule(nlp, text, kind, context, expected):
    assert _field(text, "frequency", nlp, kind, context) == expected


@pytest.mark.parametrize("text", [
    "We had eggs at breakfast most days.",
    "A bowl of porridge at breakfast is a good start.",
])
def test_a_meal_alone_is_no_dose(nlp, text):
    assert "dosage" not in tag_unit(text, "sentence", None, nlp).types


@pytest.mark.parametrize("text,expected", [
    # Advice to stop after a length gives how long to take it, from "after".
    ("Ibuprofen 400 mg three times a day, and stop after a week.", ["after a week"]),
    ("Take naproxen 250 mg twice a day, stopping after five days.", ["after five days"]),
    # What happened once is no advice.
    ("Codeine 30 mg up to four times a day: stopped after 5 days because of constipation.",
     [None]),
    # One period with a bound, as written.
    ("Diclofenac gel three times daily, kept to a fortnight at most.", ["a fortnight at most"]),
    # A range closed by a whole period.
    ("The 8% patch is left on for half an hour to an hour.", ["for half an hour to an hour"]),
    ("Take 2 tablets daily for a week to ten days.", ["for a week to ten days"]),
    ("Take 10 mg daily for 2 weeks to see if it helps.", ["for 2 weeks"]),
])
def test_lengths_with_a_stop_a_bound_or_a_range(nlp, text, expected):
    assert _field(text, "duration", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # A loading run, then a maintenance dose each quarter: one object per phase, as written.
    ("Your nurse will give the jabs as a run of five over a fortnight and then a booster "
     "each quarter.", ["a run of five over a fortnight", "each quarter"]),
    ("Hydroxocobalamin 1 mg injections, three in each of the first two weeks, then one each "
     "quarter.", ["three in each of the first two weeks", "one each quarter"]),
    ("The clinic gives B12 shots every other day for two weeks, then one each quarter.",
     ["every other day", "one each quarter"]),
])
def test_loading_then_quarterly(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    ("Healthy adults can have up to 300 mg of caffeine a day.", ["caffeine"]),
    ("Colecalciferol 25 micrograms once a day.", ["colecalciferol"]),
    # A brand's name in brackets that ends in a nutrient's short name is no second substance.
    ("She was prescribed colecalciferol (Fultium-D3) 20,000 IU once a week for seven weeks.",
     ["colecalciferol"]),
    ("A cream with 5% urea rubbed in twice a day softens hard skin.", ["urea"]),
    ("Ispaghula husk, one sachet twice a day in water.", ["ispaghula husk"]),
])
def test_substances_named_as_written(nlp, text, expected):
    assert _field(text, "substance", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # How often a dose is raised is no schedule; the dose aimed at keeps its own.
    ("Your doctor may raise the nortriptyline every week or two, up to 50 mg nightly.",
     ["nightly"]),
    ("Take 10 mg nightly.", ["nightly"]),
    ("Take 2,000 micrograms every week.", ["weekly"]),
])
def test_raising_every_week_or_two_and_nightly(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


def test_nightly_alone_is_no_dose(nlp):
    assert "dosage" not in tag_unit("Our course includes a nightly sleep diary.", "sentence",
                                    None, nlp).types


@pytest.mark.parametrize("text,duration,substance", [
    # Years of a drug counted in words past twelve keep their count, and the drug right after
    # the length is the one taken, not a nutrient named earlier.
    ("Low iron was found last year, and his fifteen years on omeprazole may explain it.",
     "fifteen years", "omeprazole"),
    ("Her twenty years on metformin left her B12 low.", "twenty years", "metformin"),
])
def test_long_years_of_use_in_words(nlp, text, duration, substance):
    assert _field(text, "duration", nlp) == [duration]
    assert _field(text, "substance", nlp) == [substance]


@pytest.mark.parametrize("text,expected", [
    # The drug right after the first part of a regimen with no amount is the one taken.
    ("Some tests read falsely high if you have taken large doses of biotin or vitamin C.",
     "biotin"),
    ("A cooling gel such as diclofenac 1% can be rubbed in up to four times daily.",
     "diclofenac"),
    # ... but not past a drug the part itself holds.
    ("Pain that does not settle may be treated with physiotherapy, with an epidural steroid "
     "injection as a later option.", "steroid"),
])
def test_the_drug_right_after_the_first_part(nlp, text, expected):
    assert _field(text, "substance", nlp)[0] == expected


@pytest.mark.parametrize("text,expected", [
    # A time before the event a dose is taken for is its schedule, as written.
    ("Take two 200 mg ibuprofen tablets an hour before your physio session.",
     ["an hour before your physio session"]),
    ("Take your usual painkiller dose about an hour before the walk.",
     ["about an hour before the walk"]),
    # Not before a test: that is when a dose is left out.
    ("Do not take 10 mg of biotin an hour before the test.", [None]),
])
def test_an_hour_before_an_event(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


def test_an_hour_before_an_event_alone_is_no_dose(nlp):
    assert "dosage" not in tag_unit("Eat a light meal an hour before the match.", "sentence",
                                    None, nlp).types


def test_hours_in_each_twenty_four_are_how_long_a_plaster_stays_on(nlp):
    assert _field("A lidocaine plaster can be worn for up to twelve hours in each twenty-four.",
                  "duration", nlp) == ["for up to twelve hours in each twenty-four"]


@pytest.mark.parametrize("text", [
    "Take one 25 microgram (or stronger) tablet with breakfast.",
    "A 500 mg or larger capsule with breakfast is usual.",
])
def test_or_stronger_qualifies_the_amount(nlp, text):
    objects = _tagged_objects(text, nlp)
    assert len(objects) == 1 and objects[0]["route"] == "oral"
    assert objects[0]["frequency"] == "with breakfast"


@pytest.mark.parametrize("text,expected", [
    # A nutrient the body lacks is no substance taken: the drug is.
    ("a lack of vitamin B12, sometimes after years on omeprazole tablets", "omeprazole"),
    ("A shortage of vitamin B12 is treated with injections.", None),
])
def test_a_lack_of_a_nutrient_is_not_what_is_taken(nlp, text, expected):
    kind = "list_item" if text[0].islower() else "sentence"
    assert _field(text, "substance", nlp, kind)[0] == expected


@pytest.mark.parametrize("text,expected", [
    # A comma and then the dose end the group.
    ("For residents who fall easily, 20 micrograms of vitamin D daily through the winter.",
     ["residents who fall easily"]),
    # A group word glued to a hyphen describes a size or strength, not a group.
    ("Take one adult-strength 500 mg tablet twice a day.", [None]),
    # A range of ages after "between", in words or figures.
    ("Youngsters between five and nine need about 1.2 micrograms a day.",
     ["youngsters between five and nine"]),
    ("Children between 4 and 8 years need 1.2 micrograms a day.",
     ["children between 4 and 8 years"]),
])
def test_population_phrases(nlp, text, expected):
    assert _field(text, "population", nlp) == expected


def test_alternatives_with_of_repeated_are_one_object_each(nlp):
    text = "long-term users of omeprazole, or of metformin for diabetes"
    assert _field(text, "substance", nlp, "list_item",
                  "The people most likely to run short of B12 are:") == ["omeprazole", "metformin"]


@pytest.mark.parametrize("text,expected", [
    # A list of drugs closed by an unnamed alternative: one object per drug named.
    ("People taking metformin, lansoprazole or other acid blockers for years should be checked.",
     ["metformin", "lansoprazole"]),
    ("Low iron is likelier in those on omeprazole, lansoprazole or similar tablets for a long "
     "time.", ["omeprazole", "lansoprazole"]),
])
def test_a_list_closed_by_an_unnamed_alternative(nlp, text, expected):
    assert _field(text, "substance", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # The months a dose is taken, after "between" as after "from".
    ("Everyone should take 10 micrograms of vitamin D each day between October and March.",
     ["between October and March"]),
    # Not a period of a year.
    ("We reviewed patients taking metformin 500 mg who attended between January and December "
     "2024.", [None]),
])
def test_months_between(nlp, text, expected):
    assert _field(text, "duration", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # The same dose over another season, after ", and": a regimen of its own.
    ("Adults should take 10 micrograms of vitamin D a day between October and March, and all "
     "year round if they rarely go outside.", ["between October and March", "all year round"]),
    ("Everyone over 65 should take 10 micrograms a day, especially in winter, and care-home "
     "residents all year round.", [None, "all year round"]),
    # Said once, it is the one regimen's duration.
    ("Take 10 micrograms of vitamin D a day all year round.", ["all year round"]),
])
def test_another_season_is_a_regimen_of_its_own(nlp, text, expected):
    objects = _tagged_objects(text, nlp)
    assert [o["duration"] for o in objects] == expected
    assert all(o["amount"] == 10 and o["frequency"] == "daily" for o in objects)


@pytest.mark.parametrize("text,expected", [
    # A compound glued by hyphens right before the group is part of it.
    ("Nursing-home residents should be offered 10 micrograms of vitamin D a day.",
     ["nursing-home residents"]),
    ("High-risk women should take 5 mg of folic acid daily.", ["high-risk women"]),
])
def test_hyphenated_premodifiers(nlp, text, expected):
    assert _field(text, "population", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # The gap between doses in hours, with a qualifier, as written.
    ("Take the two 75 mg doses of pregabalin roughly twelve hours apart.",
     ["roughly twelve hours apart"]),
    # Not the gap from something else.
    ("Iron 210 mg once a day, two hours apart from calcium.", ["once a day"]),
])
def test_hours_apart(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


def test_how_long_a_condition_has_lasted_is_no_duration_when_negated_too(nlp):
    text = "Senna 15 mg, two at night if your bowels haven't opened for three days."
    assert _field(text, "duration", nlp, "list_item", "Her medicines:") == [None]


@pytest.mark.parametrize("text,expected", [
    # Nights count as a length, and a stated length replaces "a short course".
    ("He was given a short course of naproxen for a few nights.", ["for a few nights"]),
    ("Take 10 mg of melatonin at bedtime for three nights.", ["for three nights"]),
])
def test_nights_are_a_length(nlp, text, expected):
    assert _field(text, "duration", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # A schedule said of a form that holds the amount named after it.
    ("The advice is a daily supplement giving 10 micrograms or more, or one weekly tablet "
     "containing 2,000 micrograms.", ["daily", "weekly"]),
    ("Take a daily capsule providing 25 mcg of vitamin D.", ["daily"]),
])
def test_a_schedule_of_a_form_holding_the_amount(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # A day's number opens no range: the dose after "to" is its own.
    ("Pregabalin goes from 75 mg on day 1 to 150 mg twice daily on day 3.", [75, 150]),
    ("Take 10 to 20 mg a day.", [[10, 20]]),
])
def test_a_days_number_is_no_range(nlp, text, expected):
    assert _field(text, "amount", nlp) == expected


def test_a_schedule_after_or_is_said_of_the_amount_right_after_it(nlp):
    text = ("Oral cyanocobalamin 50 micrograms daily is usually enough, or twice-yearly 1 mg "
            "injections instead.")
    assert _field(text, "frequency", nlp) == ["daily", "twice-yearly"]


@pytest.mark.parametrize("text,context,expected", [
    # An item that is itself a group is the population of the lead-in's form.
    ("breastfeeding women with a low level", "Injections are not suitable for:",
     ["breastfeeding women with a low level"]),
    # A group inside the item is not.
    ("B12 deficiency in older adults with no gut problems",
     "The group agreed oral treatment is suitable for:", [None]),
])
def test_an_item_that_is_a_group_under_a_form_leadin(nlp, text, context, expected):
    assert _field(text, "population", nlp, "list_item", context) == expected


# --- Twenty-third round: general causes read in the dosage-field errors of blind19 (and the
# same families in blind17, blind18, styles8 and styles5). One small table per cause.

@pytest.mark.parametrize("text,kind,context,expected", [
    # The two times that place a count of doses, after a comma, are part of the schedule.
    ("Start on one 25 mg capsule twice daily, first thing and last thing.", "sentence", None,
     ["twice daily, first thing and last thing"]),
    ("Naproxen | 250 mg tablet | Twice a day, on waking and at bedtime", "table_row",
     "Medicine | Starting dose | When to take it", ["twice a day, on waking and at bedtime"]),
    # A titration step by the night, with its time of day.
    ("Amitriptyline starts at 10 mg at night on night one.", "sentence", None,
     ["at night on night one"]),
    # A daily total divided into a count with no "doses".
    ("The usual dose is 300 mg a day divided into three.", "sentence", None,
     ["a day divided into three"]),
    # Each of a count of doses, and doses called "goes".
    ("Some take 100 mg at each of four doses daily.", "sentence", None,
     ["at each of four doses daily"]),
    ("Paracetamol 500 mg, no more than four goes in a day.", "sentence", None,
     ["no more than four goes in a day"]),
])
def test_twenty_third_round_schedule_qualifiers(nlp, text, kind, context, expected):
    assert _field(text, "frequency", nlp, kind, context) == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # As long as a habit or a drug goes on, as written.
    ("Folic acid | 5 mg a day | Given for as long as the drinking goes on", "table_row",
     "Vitamin | Dose | Note", ["for as long as the drinking goes on"]),
    ("A 50 microgram tablet a day is enough while the omeprazole continues.", "sentence", None,
     ["while the omeprazole continues"]),
    # Use with no end, as written.
    ("Patients who took acid tablets year in, year out were low.", "sentence", None,
     ["year in, year out"]),
    ("Jabs every other day for two weeks, then one every three months from then on.",
     "sentence", None, ["for two weeks", "from then on"]),
])
def test_twenty_third_round_open_ended_use(nlp, text, kind, context, expected):
    assert _field(text, "duration", nlp, kind, context) == expected


def test_twenty_third_round_a_harm_going_on_is_no_duration(nlp):
    text = "High doses of folic acid can hide the anaemia while nerve damage carries on."
    assert _field(text, "duration", nlp) == [None]


@pytest.mark.parametrize("text,expected", [
    # One grown-up is a group as written, as grown-ups are.
    ("The advice has a grown-up needing 2.4 micrograms a day.", ["a grown-up"]),
    ("Half the 10 micrograms a grown-up needs daily comes from one sachet.", ["a grown-up"]),
    # A group word right before a substance or a form names the product, not a group.
    ("Never give a toddler a grown-up vitamin D capsule of 25 micrograms.", [None]),
    ("Ask a pharmacist before using an adult tablet of 500 mg.", [None]),
])
def test_twenty_third_round_one_grown_up(nlp, text, expected):
    assert _field(text, "population", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # "into muscle" with no article is the muscle route too.
    ("Hydroxocobalamin 1 mg is injected into muscle every three months.", ["intramuscular"]),
    ("The jab of 1 mg goes into a large muscle each quarter.", ["intramuscular"]),
])
def test_twenty_third_round_into_muscle(nlp, text, expected):
    assert _field(text, "route", nlp) == expected


def test_twenty_third_round_until_improvement_levels_off(nlp):
    text = ("Cyanocobalamin 1 mg is given every other day until the improvement plateaus, "
            "then every three months.")
    assert _field(text, "duration", nlp) == ["until the improvement plateaus", None]


@pytest.mark.parametrize("text,expected", [
    # A substance's form, then a comma, before the first of its amounts: the shared subject
    # of every phase.
    ("Most people need cyanocobalamin injections, typically 1 mg three times a week for two "
     "weeks and then 1 mg every three months.", ["injection", "injection"]),
    ("Methylcobalamin lozenges, 500 micrograms a day, or 1,000 micrograms a day if you are "
     "over 65.", ["oral", "oral"]),
])
def test_twenty_third_round_a_form_after_the_substance_is_shared(nlp, text, expected):
    assert _field(text, "route", nlp) == expected


# Twenty-third round, units with no regimen found: causes of units whose dosage the parser
# missed altogether, or whose regimens it split or merged wrongly.
@pytest.mark.parametrize("text,context,expected", [
    # The first cell names a form and no cell an amount: a dose column's schedule is how the
    # form is used, with no word of taking.
    ("Arnica gel | Rub a little into the bruise up to 3 times a day | Not on open cuts",
     "Product | Usual adult dose | Avoid if",
     [("up to 3 times a day", "topical", "adults", None)]),
    ("Menthol cream | A thin layer twice a day | Sore muscles",
     "Remedy | Dose | Used for", [("twice a day", "topical", None, None)]),
    # Nothing but the form the first cell names: the form is the row's regimen.
    ("Naproxen tablets | 31% | 22% | About £4 a month",
     "Treatment | Helped | Did not help | Cost", [(None, "oral", None, "naproxen")]),
])
def test_twenty_third_round_a_form_in_the_first_cell(nlp, text, context, expected):
    objects = _parsed(text, nlp, "table_row", context)
    assert [(o["frequency"], o["route"], o["population"], o["substance"])
            for o in objects] == expected


@pytest.mark.parametrize("text,context", [
    # A food or a row with its own amount keeps its own reading.
    ("Porridge | 2 bowls a week | Fibre", "Food | How often | Gives"),
])
def test_twenty_third_round_a_first_cell_with_no_form_gives_no_regimen(nlp, text, context):
    assert _parsed(text, nlp, "table_row", context) == []


@pytest.mark.parametrize("text,kind,context,expected", [
    # An unstated count of a period: "some", "a good few".
    ("lansoprazole, if you have been on it for some years", "list_item",
     "Medicines we ask about:", [("for some years", "lansoprazole")]),
    ("people whose blood pressure pills include amlodipine, taken over a good few months",
     "list_item", "Who to check:", [("over a good few months", "amlodipine")]),
    # Short periods, as long ones are.
    ("Diazepam is only used for short periods, as it is addictive.", "sentence", None,
     [("for short periods", "diazepam")]),
    # "meant for" and "kept to" a length: how long a named drug is used.
    ("Tramadol from a walk-in centre is meant for five days at most.", "sentence", None,
     [("for five days at most", "tramadol")]),
    ("Painkillers with codeine in them are best kept to a couple of days.", "sentence", None,
     [("a couple of days", "codeine")]),
    # A pronoun after "on" or "use" stands for the drug named before it.
    ("Ibuprofen settles a sprain, but do not use it beyond ten days.", "sentence", None,
     [("beyond ten days", "ibuprofen")]),
])
def test_twenty_third_round_a_named_drug_used_for_a_length(nlp, text, kind, context, expected):
    assert [(o["duration"], o["substance"]) for o in _parsed(text, nlp, kind, context)] \
        == expected


@pytest.mark.parametrize("text", [
    # A pronoun with no drug named before it, or a length something else is kept to.
    "If you are on it for some years, ask again.",
    "Keep the dressing dry; walks are best kept to a few days a week.",
])
def test_twenty_third_round_no_named_drug_no_length_of_use(nlp, text):
    assert _parsed(text, nlp) == []


@pytest.mark.parametrize("text,expected", [
    # A time of day right after a word of taking, with a drug named: when the drug is taken.
    ("Nortriptyline makes you drowsy, so it is taken at bedtime.",
     [("at bedtime", "nortriptyline")]),
    ("Gabapentin, given at night, helps some people sleep through the pain.",
     [("at night", "gabapentin")]),
])
def test_twenty_third_round_a_drug_taken_at_a_time_of_day(nlp, text, expected):
    assert [(o["frequency"], o["substance"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text", [
    # The time of day is when something else is done, or no drug is named.
    "The cramps wake her at night, although she takes metformin.",
    "My mother takes metformin most days.",
    "Whatever is given at night, keep a glass of water by the bed.",
])
def test_twenty_third_round_a_time_of_day_of_something_else(nlp, text):
    assert _parsed(text, nlp) == []


@pytest.mark.parametrize("text,expected", [
    # A substance's form named with it, and the sentence's one amount of it with no form of
    # its own, are one regimen, even across a clause or a semicolon.
    ("Folic acid tablets are cheap, and the usual dose is 5 mg a day.",
     [(5, "oral", "folic acid")]),
    ("Ask the pharmacist about melatonin tablets; most adults start on 2 mg at bedtime.",
     [(2, "oral", "melatonin")]),
    # Not when the amount has its own form, nor when the form names no substance.
    ("Vitamin D tablets are cheap, but a 300,000 IU injection works faster.",
     [(None, "oral", "vitamin D"), (300000, "injection", "vitamin D")]),
    ("Iron tablets upset some stomachs, but 400 micrograms of folic acid a day rarely does.",
     [(None, "oral", "iron"), (400, None, "folic acid")]),
])
def test_twenty_third_round_the_form_named_with_the_dose(nlp, text, expected):
    assert [(o["amount"], o["route"], o["substance"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A day's total to reach from foods is a dose; how often the food is eaten is not its
    # schedule.
    ("fortified cereal or plant milk three times a day, aiming for 4 micrograms a day",
     "list_item", "Pick one of these:", [(4, "daily")]),
    ("Fortified foods can supply it, provided they add up to at least 5 µg of B12 daily.",
     "sentence", None, [(5, "daily")]),
])
def test_twenty_third_round_a_daily_total_from_foods(nlp, text, kind, context, expected):
    assert [(o["amount"], o["frequency"]) for o in _parsed(text, nlp, kind, context)] \
        == expected


@pytest.mark.parametrize("text", [
    # What a food holds, with no day after it, stays the food's content.
    "A bowl of fortified cereal gives about 1.5 micrograms.",
    "Two eggs hold roughly 1 microgram, so eat them twice a week.",
])
def test_twenty_third_round_what_a_food_holds_is_no_daily_total(nlp, text):
    assert _parsed(text, nlp) == []


def test_twenty_third_round_what_a_diet_gives_in_a_day_is_no_daily_total(nlp):
    text = ("Eggs, dairy and fish are the main sources, and a usual diet provides about 4 "
            "micrograms a day.")
    assert _parsed(text, nlp) == []


@pytest.mark.parametrize("text,expected", [
    # A balm is a form put on the skin, as a cream or an ointment is.
    ("Rub a little foot balm into the cracks each night.", ["topical"]),
    ("Balms with urea soften hard skin on the heels.", ["topical"]),
])
def test_twenty_third_round_a_balm_is_put_on_the_skin(nlp, text, expected):
    assert [o["route"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # How long a drug is tapered or reduced gradually is a duration of its use.
    ("stop slowly: taper over at least two weeks", "list_item",
     "When coming off an antidepressant:", ["over at least two weeks"]),
    ("Venlafaxine should be reduced gradually over 4 weeks or longer.", "sentence", None,
     ["over 4 weeks or longer"]),
    ("Sertraline is tapered over a month to avoid dizziness.", "sentence", None,
     ["over a month"]),
])
def test_twenty_third_round_how_long_a_drug_is_tapered(nlp, text, kind, context, expected):
    assert [o["duration"] for o in _parsed(text, nlp, kind, context)] == expected


def test_twenty_third_round_a_gradual_change_is_no_taper(nlp):
    text = "The numbness was reduced gradually over 4 weeks of physiotherapy."
    assert _parsed(text, nlp) == []


@pytest.mark.parametrize("text,expected", [
    # "long term" right after medicines or tablets someone takes, before a comma.
    ("Tell us if you take steroids or acid-reducing tablets long term, or drink heavily.",
     ["long term", "long term"]),
    # Before acid-blocking tablets, as before acid-reducing ones.
    ("Anyone on long-term acid-blocking tablets should be checked.", ["long-term"]),
])
def test_twenty_third_round_medicines_taken_long_term(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


def test_twenty_third_round_in_the_long_term_is_no_use(nlp):
    assert _parsed("In the long term, most back pain settles without any treatment.", nlp) == []


@pytest.mark.parametrize("text,expected", [
    # A form named as the time around another form's regimen is no regimen of its own.
    ("Some patients use a B12 nasal spray between their injections.", ["nasal"]),
    ("Once the injections are over, most people move on to 50 microgram tablets daily.",
     ["oral"]),
    # Alone, the form is still the regimen ("the gap between jabs" is how often they come).
    ("Ask whether the gap between jabs can be cut to every 8 weeks.", ["injection"]),
])
def test_twenty_third_round_a_form_as_a_time(nlp, text, expected):
    assert [o["route"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # The share of a dose that is absorbed is no dose of its own.
    ("If you swallow 500 micrograms daily, about 5 micrograms gets in.", [500]),
    ("Since 1% of 2,000 micrograms is about 20 micrograms, big oral doses work.", [2000]),
    ("The gut can absorb only about 2 micrograms from one meal, so a 250 microgram "
     "tablet is used.", [250]),
])
def test_twenty_third_round_an_absorbed_share_is_no_dose(nlp, text, expected):
    assert [o["amount"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A length said of the form goes with the dose it is merged into.
    ("Zinc tablets are sold for colds, yet long-term use of more than 40 mg a day harms "
     "copper levels.", [(40, "oral", "long-term")]),
    # The dose's own form, said again earlier in the sentence, is the same regimen.
    ("Many are told to take capsules instead, and a box of 500 mg magnesium capsules, two "
     "a day, lasts a month.", [(500, "oral", None)]),
])
def test_twenty_third_round_the_form_said_again_with_the_dose(nlp, text, expected):
    assert [(o["amount"], o["route"], o["duration"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A schedule right after a substance named is how often it is taken.
    ("Older vegans need vitamin D every day through the winter.", [("daily", "vitamin D")]),
    ("Anyone with a stomach bypass needs B12 every three months for life.",
     [("every three months", "vitamin B12")]),
])
def test_twenty_third_round_a_schedule_right_after_a_substance(nlp, text, expected):
    assert [(o["frequency"], o["substance"]) for o in _parsed(text, nlp)] == expected


def test_twenty_third_round_a_schedule_after_no_substance(nlp):
    assert _parsed("Look at the soles of your feet every day.", nlp) == []


@pytest.mark.parametrize("text,kind,context,expected", [
    # A titration phase's length with its count in words ("seven", "nine", "fourteen").
    ("The usual plan is 30 mg daily for the first seven days, then 60 mg daily.", "sentence",
     None, ["for the first seven days", None]),
    ("Pregabalin 75 mg twice a day for the first fourteen days.", "sentence", None,
     ["for the first fourteen days"]),
    ("Gabapentin 300 mg is taken over seven days.", "sentence", None,
     ["over seven days"]),
])
def test_twenty_fourth_round_a_phase_length_in_words(nlp, text, kind, context, expected):
    assert _field(text, "duration", nlp, kind, context) == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A later phase's schedule does not go back to an amount with a length of its own.
    ("Duloxetine, 30 mg for the first seven days and 60 mg every morning from then on",
     "list_item", "Most of these are started low and raised bit by bit:",
     [None, "every morning"]),
    # With no length between them the amounts still share it.
    ("Take pyridoxine 100 mg and cyanocobalamin 1 mg three times a day.", "sentence", None,
     ["three times a day", "three times a day"]),
])
def test_twenty_fourth_round_a_schedule_does_not_go_back_past_a_length(nlp, text, kind,
                                                                       context, expected):
    assert _field(text, "frequency", nlp, kind, context) == expected


@pytest.mark.parametrize("text,expected", [
    # A "whose" clause inside a group's clause keeps its own verb.
    ("For people on metformin whose level has dropped, GPs often prescribe cyanocobalamin 50 "
     "micrograms a day.", ["people on metformin whose level has dropped"]),
    ("People with diabetes whose feet are numb need 1 mg a day.",
     ["people with diabetes whose feet are numb"]),
    # A modal after a comma opens the main clause: the group ends at the comma.
    # (A syrup is a form since the twenty-eighth round: one object per form, each with the
    # group.)
    ("For children who are short, the GP may give injections or a syrup.",
     ["children who are short", "children who are short"]),
    # A list of conditions still goes on past its commas.
    ("Women with diabetes, epilepsy or obesity should take 5 mg of folic acid daily.",
     ["women with diabetes, epilepsy or obesity"]),
])
def test_twenty_fourth_round_where_a_group_clause_ends(nlp, text, expected):
    assert _field(text, "population", nlp) == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A bound before or after a count of doses is part of the schedule (decision 17).
    ("Paracetamol 1 g, four doses a day at most.", "sentence", None,
     ["four doses a day at most"]),
    ("Ibuprofen 400 mg as many as three times daily.", "sentence", None,
     ["as many as three times daily"]),
    ("Paracetamol | 1 g, 4 doses in 24 hours at most", "table_row", "Medicine | Dose",
     ["4 doses in 24 hours at most"]),
])
def test_twenty_fourth_round_a_bound_on_a_count_of_doses(nlp, text, kind, context, expected):
    assert _field(text, "frequency", nlp, kind, context) == expected


@pytest.mark.parametrize("text,expected", [
    # A drug named as written keeps an acronym's capitals, as the labels keep "PPI".
    ("Start with 5 mg to 10 mg of CBD once a day.", ["CBD"]),
    ("Long-term use of H2 blockers lowers B12 absorption from food.", ["H2 blockers"]),
    # Other drugs named as written are lower case.
    ("Gliclazide 80 mg is taken with breakfast.", ["gliclazide"]),
])
def test_twenty_fourth_round_an_acronym_keeps_its_capitals(nlp, text, expected):
    assert _field(text, "substance", nlp) == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # Meals in a list after "after" or "before" are the schedule, as written.
    ("Take one or two 200 mg tablets after breakfast, lunch and dinner.", "sentence", None,
     ["after breakfast, lunch and dinner"]),
    ("Metformin 500 mg before breakfast and dinner.", "sentence", None,
     ["before breakfast and dinner"]),
])
def test_twenty_fourth_round_a_list_of_meals_after_or_before(nlp, text, kind, context,
                                                             expected):
    assert _field(text, "frequency", nlp, kind, context) == expected


@pytest.mark.parametrize("text,expected", [
    # Advice to stop a named drug, or both, after a length: the length of every regimen it
    # names, as written from "after".
    ("He prescribes naproxen 500 mg morning and evening, with omeprazole 20 mg daily, and he "
     "stops both after two weeks.", ["after two weeks", "after two weeks"]),
    ("Take 400 mg three times a day and stop it after five days.", ["after five days"]),
    ("Take ibuprofen 400 mg and paracetamol 1 g, both for a week.", ["for a week", "for a week"]),
])
def test_twenty_fourth_round_stop_both_after_a_length(nlp, text, expected):
    assert _field(text, "duration", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # In "drug A amount and drug B amount" the drug after the joiner is the second amount's.
    ("Take pyridoxine 100 mg and cyanocobalamin 1 mg three times a day.",
     ["pyridoxine", "cyanocobalamin"]),
    ("Trials gave benfotiamine 100 mg, pyridoxine 100 mg and cyanocobalamin 1 mg daily.",
     ["benfotiamine", "pyridoxine", "cyanocobalamin"]),
    # A drug right after its amount is still the amount's own.
    ("Take 1,000 mcg of oral cyanocobalamin daily.", ["cyanocobalamin"]),
])
def test_twenty_fourth_round_a_drug_after_a_joiner_is_the_next_amounts(nlp, text, expected):
    assert _field(text, "substance", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # Drugs offered as alternatives after another drug's regimen, with no dose of their own,
    # are one object each (decision 19), with a length said after them of all.
    ("A GP can prescribe duloxetine 60 mg once a day, pregabalin or amitriptyline.",
     [("duloxetine", 60, None), ("pregabalin", None, None), ("amitriptyline", None, None)]),
    ("Your GP might offer amitriptyline 10 to 30 mg at night, or duloxetine, for a few weeks.",
     [("amitriptyline", [10, 30], "for a few weeks"), ("duloxetine", None, "for a few weeks")]),
    ("You could try naproxen, a 250 mg tablet twice a day for five days, or paracetamol, "
     "which hardly dents sciatica.",
     [("naproxen", 250, "for five days"), ("paracetamol", None, None)]),
    # Not a drug after "and", nor one right after the amount.
    ("She takes gabapentin 300 mg three times a day, and pregabalin helped her sister.",
     [("gabapentin", 300, None)]),
])
def test_twenty_fourth_round_bare_alternatives_after_a_regimen(nlp, text, expected):
    assert [(o["substance"], o["amount"], o["duration"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # An age band in brackets after a group is part of it.
    ("toddlers (ages 1 to 3), 0.5 micrograms daily", "list_item",
     "The UK daily amounts:", ["toddlers (ages 1 to 3)"]),
    ("Children (aged 4 to 8) need 1.2 mcg a day.", "sentence", None, ["children (aged 4 to 8)"]),
    # An age band opening a list item is its group, as written.
    ("from 4 to 6 years, 0.8 micrograms a day", "list_item", "The UK daily amounts:",
     ["from 4 to 6 years"]),
    # Not in a sentence ("From 4 to 6 years ..." there is a time).
    ("From 4 to 6 years, children need 0.8 micrograms a day.", "sentence", None, ["children"]),
])
def test_twenty_fourth_round_an_age_band_as_a_group(nlp, text, kind, context, expected):
    assert _field(text, "population", nlp, kind, context) == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # Prescription shorthand: "PO" is by mouth, "x 4 months" a length, "3x/week" and "q3
    # months" schedules, as written.
    ("Tx: folate deficiency | Folic acid 5 mg PO daily x 4 months", "table_row", "Case | Plan",
     [("oral", "daily", "x 4 months")]),
    ("Hydroxocobalamin 1 mg IM 3x/week x 2 weeks, then 1 mg IM q3 months for life.", "sentence",
     None, [("intramuscular", "3x/week", "x 2 weeks"), ("intramuscular", "q3 months",
                                                         "for life")]),
    # "po" in lower case is no route.
    ("Take 5 mg of folic acid daily, as the po says.", "sentence", None,
     [(None, "daily", None)]),
])
def test_twenty_fourth_round_prescription_shorthand(nlp, text, kind, context, expected):
    assert [(o["route"], o["frequency"], o["duration"])
            for o in _parsed(text, nlp, kind, context)] == expected


def test_twenty_fourth_round_a_po_box_is_no_route(nlp):
    assert _parsed("Write to Ask Dr Margaret, Silver Years, PO Box 4410, Norwich NR1 9ZZ.",
                   nlp) == []


@pytest.mark.parametrize("text,expected", [
    # The sentence's one form, said of the drug ("is a capsule") or naming the regimen ("a
    # common oral regimen is"), before any amount, is the shared subject of every amount.
    ("Duloxetine is a capsule taken once daily, usually 60 mg, although we sometimes begin at "
     "30 mg for the first fortnight.", ["oral", "oral"]),
    ("A common oral regimen is 1000 µg twice a day for one month, then 1000 µg once a day.",
     ["oral", "oral"]),
    # A form that is one amount's own stays with it.
    ("Take a tablet of 10 mcg daily, or 2,000 mcg weekly.", ["oral", None]),
])
def test_twenty_fourth_round_a_form_as_the_subject(nlp, text, expected):
    assert _field(text, "route", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # Minutes counted in tens, in words, are a length of use.
    ("An 8% capsaicin patch stays on the soles for thirty minutes.", ["for thirty minutes"]),
    # With a bound they are how long something else lasts.
    ("The tablets took the edge off, but I still couldn't sit for longer than twenty minutes.",
     [None]),
])
def test_twenty_fourth_round_minutes_in_tens(nlp, text, expected):
    assert _field(text, "duration", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # As long as someone stays on a drug: open-ended use, as written.
    ("I moved on to one injection every three months, which I'll need for as long as I stay on "
     "metformin.", ["for as long as I stay on metformin"]),
    ("Continue with 1 mg every three months for as long as he remains on metformin.",
     ["for as long as he remains on metformin"]),
])
def test_twenty_fourth_round_as_long_as_someone_stays_on_a_drug(nlp, text, expected):
    assert _field(text, "duration", nlp) == expected


@pytest.mark.parametrize("text,context,expected", [
    # A product cell names what the row's one dose is of, as it names its form.
    ("Pernicious anaemia, maintenance | Hydroxocobalamin injection | 1 mg | Every 3 months",
     "Who it's for | Product | Dose | How often", [("hydroxocobalamin", "injection")]),
    ("Vegans wanting to stay topped up | Chewable B12 tablet | 25 micrograms | Daily",
     "Who it's for | Product | Dose | How often", [("vitamin B12", "oral")]),
])
def test_twenty_fourth_round_a_product_cell_names_the_substance(nlp, text, context, expected):
    assert [(o["substance"], o["route"])
            for o in _parsed(text, nlp, "table_row", context)] == expected


# Twenty-fifth round (blind21, styles10, styles11, blind20 errors): general causes.

@pytest.mark.parametrize("text,expected", [
    # Three times of day in a list are the schedule, as written, as "morning and night" is.
    ("Rub the diclofenac gel in morning, noon and night for a week.", ["morning, noon and night"]),
    ("Diazepam 2 mg taken morning, afternoon and night for three days.",
     ["morning, afternoon and night"]),
    ("She takes 400 mg of ibuprofen morning, midday and evening.", ["morning, midday and evening"]),
    # Bedtime said another way, and "tea" as the evening meal.
    ("Amitriptyline, 10 mg before sleep.", ["before sleep"]),
    ("Start amitriptyline at 10 mg two hours or so before bed.", ["two hours or so before bed"]),
    ("Nortriptyline 10 mg after tea.", ["after tea"]),
    ("Amitriptyline can be started at 10 mg around teatime.", ["around teatime"]),
])
def test_twenty_fifth_round_times_of_day(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # Meals in a list after "alongside", or counted with "each of", are the schedule.
    ("Take 400 mg of ibuprofen alongside breakfast, lunch and your evening meal.",
     ["alongside breakfast, lunch and your evening meal"]),
    ("Ibuprofen, 400 mg at each of three mealtimes for five days.", ["at each of three mealtimes"]),
    ("Ibuprofen 200 mg after each of three meals a day.", ["after each of three meals a day"]),
    # One dose at each meal, "and one at".
    ("Naproxen, one 250 mg tablet at breakfast and one at supper.",
     ["at breakfast and one at supper"]),
    # A tea tree oil is no meal.
    ("Put 2 drops of tea tree oil on the patch at bedtime.", ["at bedtime"]),
])
def test_twenty_fifth_round_meals_in_a_list(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # A bound on a count of doses in the day stays with it, before or after.
    ("Ibuprofen 400 mg, at most three times in the day.", ["at most three times in the day"]),
    ("Paracetamol, two 500 mg tablets four times in 24 hours at the very most.",
     ["four times in 24 hours at the very most"]),
])
def test_twenty_fifth_round_a_bound_on_doses_in_the_day(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # A range of days in words past twelve.
    ("Ibuprofen 400 mg three times a day for seven to fourteen days.",
     ["for seven to fourteen days"]),
    # A limit with no "for" after a comma or "and", and a bound "at the outside" or "at the latest".
    ("Take 400 mg of ibuprofen with breakfast, and no longer than a week.",
     ["no longer than a week"]),
    ("A 1 mg jab every other day, three weeks at the outside, then one every eight weeks.",
     ["three weeks at the outside", None]),
    ("Naproxen 250 mg twice daily, dropped after five days at the latest.",
     ["after five days at the latest"]),
    # "across" a length, as "over" one.
    ("Aciclovir 800 mg five times daily across seven days.", ["across seven days"]),
    # Use with no end: "for good", "ever after", "for the rest of life".
    ("Hydroxocobalamin 1 mg on alternate days for two weeks, then a shot each quarter for good.",
     ["for two weeks", "for good"]),
    ("Then a 1 mg top-up each quarter ever after.", ["ever after"]),
    ("A 1 mg jab each quarter for the rest of life is the norm.", ["for the rest of life"]),
    # Stopping conditions said with "while" or as levels or gains.
    ("The nurse gives 1 mg every second day while the symptoms keep getting better.",
     ["while the symptoms keep getting better"]),
    ("The jabs come every other day while the person is still improving.",
     ["while the person is still improving"]),
    ("Hydroxocobalamin 1 mg on alternate days until the gains level off.",
     ["until the gains level off"]),
    ("The GP may give B12 injections until the level is back to normal.",
     ["until the level is back to normal"]),
    # A plaster's hours off "for the next twelve".
    ("Lidocaine 5% plasters, on for twelve hours and then off for the next twelve.",
     ["on for twelve hours and then off for the next twelve"]),
])
def test_twenty_fifth_round_durations(nlp, text, expected):
    assert _field(text, "duration", nlp) == expected


@pytest.mark.parametrize("text", [
    # Not a length of use: no comma or "and" before the limit, "for good" before a noun.
    "Take 400 mg of ibuprofen for pain lasting no longer than a week.",
    "Take 10 micrograms of B12 daily for good nerve health.",
])
def test_twenty_fifth_round_not_durations(nlp, text):
    assert _field(text, "duration", nlp) == [None]


@pytest.mark.parametrize("text,expected", [
    # Groups that their clause puts at risk are no population of the regimen.
    ("Vegans, people after gastric surgery and older patients on long-term omeprazole are at "
     "higher risk.", [None]),
    ("Vegetarians, older people and anyone taking a heartburn tablet every day run low more "
     "easily.", [None]),
    ("Older adults on metformin for years are more likely to end up short of B12.", [None]),
    ("Those on stomach-acid pills for months at a stretch absorb less of it from food.", [None]),
    # A group given a dose is still its population.
    ("Adults over 65 should take 10 micrograms of B12 daily.", ["adults over 65"]),
])
def test_twenty_fifth_round_groups_at_risk_are_no_population(nlp, text, expected):
    assert _field(text, "population", nlp) == expected


@pytest.mark.parametrize("text,context,expected", [
    # A form the first cell names is the form of the row's amount.
    ("Cyanocobalamin tablet | 10 µg | Daily", "Option | Amount | How often",
     [("cyanocobalamin", "oral")]),
    ("Hydroxocobalamin injection | 1 mg | Every 3 months", "Choice | Dose | How often",
     [("hydroxocobalamin", "injection")]),
    # Not a form the first cell rules out.
    ("Shortage where tablets can't be used | 1 mg three times weekly | 1 mg every 2 months",
     "Cause | First | Then", [(None, None), (None, None)]),
])
def test_twenty_fifth_round_a_first_cell_names_the_rows_form(nlp, text, context, expected):
    assert [(o["substance"], o["route"])
            for o in _parsed(text, nlp, "table_row", context)] == expected


@pytest.mark.parametrize("text,expected", [
    # Hours between doses written "N-hourly" are the schedule, as written.
    ("Pregabalin 25 mg at twelve-hourly intervals.", ["at twelve-hourly intervals"]),
    ("Paracetamol 1 g 4-hourly, no more than four doses a day.", ["4-hourly"]),
])
def test_twenty_fifth_round_n_hourly(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # "first thing" is a time of day; a clock hour before "in the evening" stays with it.
    ("Take a 20 mg omeprazole capsule first thing to guard the stomach.", ["first thing"]),
    ("The GP might offer amitriptyline 10 mg around eight in the evening.",
     ["around eight in the evening"]),
    # "the first thing to try" is no time.
    ("For pain relief, the first thing to try is ibuprofen 400 mg.", [None]),
])
def test_twenty_fifth_round_first_thing_and_an_hour_of_the_evening(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


def test_twenty_fifth_round_for_good_after_no_schedule_makes_no_dose(nlp):
    # "for good" is a length of use only right after a schedule.
    tags = tag_unit("Pins and needles take longer to recover than pain, often several months, "
                    "and a little numbness may stay for good.", "sentence", None, nlp)
    assert tags.dosage is None


def test_twenty_fifth_round_a_form_inside_a_group_at_risk_is_no_regimen(nlp):
    # The tablets those at risk take say who they are; no regimen is made of them.
    assert _parsed("People over 60, those taking metformin or acid-reducing tablets, and anyone "
                   "who has had stomach surgery can run low even on a mixed diet.", nlp) == []


# Twenty-fifth round, second pass.

@pytest.mark.parametrize("text,expected", [
    # A daily total split into portions or halves, or spread across the day, as written.
    ("A small number go as high as 120 mg a day in two portions.", ["a day in two portions"]),
    ("Or pregabalin 150 mg a day taken as two halves.", ["a day taken as two halves"]),
    ("Pregabalin starts at 75 mg twice daily, and 600 mg spread across the day is the ceiling.",
     ["twice daily", "spread across the day"]),
    # Not a split: meals a daily amount is spread over.
    ("Fortified foods providing at least 3 micrograms a day, spread over two or three meals.",
     ["daily"]),
])
def test_twenty_fifth_round_second_pass_a_daily_total_in_portions(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # A bound on each dose after an amount with no schedule of its own, as written.
    ("Pregabalin opens with a 75 mg capsule twice a day and can go as far as 300 mg a time.",
     ["twice a day", "a time"]),
    ("Pregabalin opens at 75 mg morning and evening and can climb to 150 mg at each of those "
     "times; it leaves some people lightheaded.", ["morning and evening", "at each of those times"]),
    ("Pregabalin, beginning at 75 mg on waking and at night and going no higher than 300 mg at "
     "each", ["on waking and at night", "at each"]),
    # The amount's own schedule wins, written before or right after it.
    ("Our dog gets a cobalamin jab once a week at the practice, 250 micrograms a time.",
     ["once a week"]),
    ("Ibuprofen, 200 to 400 mg a time, up to three times daily for two or three days.",
     ["up to three times daily"]),
    # "at each meal" is no bound on a dose.
    ("The pharmacist will say 200 to 400 mg at each meal, so thrice a day.", ["thrice a day"]),
])
def test_twenty_fifth_round_second_pass_a_bound_on_each_dose(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # A price for a period, a shift of the dose's time and the part of the day a plaster is
    # worn are no schedule.
    ("A standard B12 tablet contains 10 to 25 micrograms and costs a few pence a day.", [None]),
    ("Medicines taken once a day, such as duloxetine, can simply move by an hour or two each "
     "day until they match local time.", ["once a day"]),
    ("A lidocaine 5% plaster stuck on the tender area, worn half of each day at most.", [None]),
    # A dose a day beside a price is still daily.
    ("Take 10 micrograms of B12 a day; it costs £4 a month.", ["daily"]),
])
def test_twenty_fifth_round_second_pass_not_schedules(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # The part of the day a plaster is worn is its length of use, as written.
    ("A lidocaine 5% plaster stuck on the tender area, worn half of each day at most.",
     ["half of each day at most"]),
    ("His GP gave him 5% lidocaine plasters, each stuck on for half of every day.",
     ["for half of every day"]),
    # Not half a day without "worn".
    ("A lidocaine 5% plaster on the sore patch eases it within half the day.", [None]),
])
def test_twenty_fifth_round_second_pass_half_of_each_day(nlp, text, expected):
    assert _field(text, "duration", nlp) == expected


def test_twenty_fifth_round_second_pass_many_before_a_group_is_kept(nlp):
    # "many" before a group is part of it, as written, as "most" and "some" are.
    assert _field("A daily 1,000 microgram tablet is advised for many people with absorption "
                  "problems.", "population", nlp) == ["many people with absorption problems"]


@pytest.mark.parametrize("text,expected", [
    # A class named in the singular before its example is named in the plural (decision 19).
    ("Anyone also taking a heartburn tablet like omeprazole every day runs low more easily.",
     ["heartburn tablets"]),
    ("Anyone also on an indigestion tablet like omeprazole every day can run short.",
     ["indigestion tablets"]),
    # Already plural, or a comparative naming no class: unchanged.
    ("Heartburn tablets such as omeprazole taken for years can lower B12.", ["heartburn tablets"]),
    ("A stronger medicine such as naproxen 500 mg twice daily may help.", ["naproxen"]),
])
def test_twenty_fifth_round_second_pass_a_class_in_the_singular(nlp, text, expected):
    assert _field(text, "substance", nlp) == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # One dose on one day of the week, said with a count, is kept as written (decision 17).
    ("Cyanocobalamin, 10 micrograms every day, or 2,000 micrograms in one go each week.",
     "sentence", None, ["daily", "in one go each week"]),
    ("Cyanocobalamin tablet | 2,000 µg | One day each week", "table_row",
     "Form | Dose | How often", ["one day each week"]),
    ("Take one 2,000 microgram tablet on the same day each week.", "sentence", None,
     ["on the same day each week"]),
    # Plain "once a week" is unchanged.
    ("Take 2,000 micrograms once a week.", "sentence", None, ["once a week"]),
])
def test_twenty_fifth_round_second_pass_one_day_each_week(nlp, text, kind, context, expected):
    assert _field(text, "frequency", nlp, kind, context) == expected


@pytest.mark.parametrize("text,expected", [
    # "over" a length in words: the time a drip or pump runs, and "over a short stretch".
    ("Some are offered an intravenous lidocaine infusion of 5 mg/kg given over one hour.",
     ["over one hour"]),
    ("Medicines can be given under the skin through a syringe driver over twenty-four hours.",
     ["over twenty-four hours"]),
    ("Over a short stretch, ibuprofen can blunt it, taken as 400 mg with breakfast, lunch and "
     "dinner.", ["over a short stretch"]),
    ("Ibuprofen 200 mg, no more than three times daily over a few days.", ["over a few days"]),
    # Not a dose built up over a few days.
    ("Gabapentin 300 mg at night, built up over a few days to 300 mg three times a day.",
     [None, None]),
])
def test_twenty_fifth_round_second_pass_over_a_length_in_words(nlp, text, expected):
    assert _field(text, "duration", nlp) == expected


@pytest.mark.parametrize("text,expected", [
    # The group a regimen works for, brings relief to, builds up in or calms things down in is
    # whom an effect is seen in, not its population.
    ("Some surgeries now offer 1 mg tablets each day, and trials suggest they work for many "
     "people who absorb poorly.", [None]),
    ("An epidural steroid injection could bring a few weeks of relief to people whose pain was "
     "severe.", [None]),
    ("Gabapentin and pregabalin build up in people whose kidneys are failing, so we use smaller "
     "doses.", [None]),
    ("An epidural steroid injection may calm things down for a few weeks in people with severe "
     "pain.", [None]),
    # A group the dose is for is still its population.
    ("A 10 microgram tablet daily is enough for people who eat no animal foods.",
     ["people who eat no animal foods"]),
])
def test_twenty_fifth_round_second_pass_groups_an_effect_is_seen_in(nlp, text, expected):
    assert _field(text, "population", nlp) == expected


# Twenty-sixth round (blind22, blind21, blind20, styles9-11 errors): general causes.

@pytest.mark.parametrize("text", [
    # A dose built up over a length, said with other verbs: how long the build-up takes, not
    # how long the drug is taken.
    "Pregabalin starts low and climbs over several weeks to 150 mg twice a day.",
    "Nortriptyline 10 mg at night, nudged up over weeks to a ceiling of 50 mg.",
    "Gabapentin 300 mg at night, stepping up across a fortnight to 300 mg three times a day.",
    "Amitriptyline 10 mg at night, creeping up over a few weeks to 30 mg.",
    # How long an effect burns, recovers or drags on.
    "Rub capsaicin cream in four times daily, though it burns for the first days.",
    "After 1 mg injections the blood count recovers over about eight weeks.",
    "Duloxetine 30 mg a day may be offered if the pain drags on beyond a few weeks.",
])
def test_twenty_sixth_round_no_length_of_use(nlp, text):
    assert set(_field(text, "duration", nlp)) == {None}


@pytest.mark.parametrize("text,expected", [
    # How long each spell lasts is part of the length, as written, as "on end" is.
    ("Metronidazole 400 mg three times a day, given for weeks at a time.",
     ["for weeks at a time"]),
    ("He took omeprazole 20 mg daily for months at a stretch.", ["for months at a stretch"]),
])
def test_twenty_sixth_round_a_spell_at_a_time(nlp, text, expected):
    assert _field(text, "duration", nlp) == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # The first night of a course, right after a dose, is its schedule as written (decision
    # 17, as "300 mg on day 1"); a count of doses on a day stays with it.
    ("Gabapentin | 300 mg on the first night, then 300 mg twice daily | Drowsiness", "table_row",
     "Medicine | How it is used | Notes", ["on the first night", "twice daily"]),
    ("Start gabapentin at 300 mg once on day one.", "sentence", None, ["once on day one"]),
    # A one-off dose that may be given again.
    ("Steroid injection | One injection, repeated once at most | Relief for months", "table_row",
     "Option | How it is given | What to expect", ["repeated once at most"]),
    ("Steroid injection | A single injection, sometimes repeated once | Relief for months",
     "table_row", "Option | How it is given | What to expect", ["sometimes repeated once"]),
    # A time later is no schedule: "a month on", "across roughly a week".
    ("If the pain is still bad a month on, the GP may give amitriptyline 10 mg at night.",
     "sentence", None, ["at night"]),
    ("Pregabalin 75 mg at night, raised across roughly a week to 75 mg twice a day.",
     "sentence", None, ["at night", "twice a day"]),
])
def test_twenty_sixth_round_first_night_and_one_off_schedules(nlp, text, kind, context,
                                                               expected):
    assert _field(text, "frequency", nlp, kind, context) == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # "someone" with a clause is a group, as "anyone" is; so are age groups named by their bound.
    ("Someone whose stomach has been removed needs 1 mg injections every three months.",
     "sentence", None, ["someone whose stomach has been removed"]),
    ("Liquid drops for under-fives give around 5 micrograms in a single dose.", "sentence", None,
     ["under-fives"]),
    # What a group lives with or is prone to is part of it.
    ("People living with diabetes should take 10 micrograms a day.", "sentence", None,
     ["people living with diabetes"]),
    # (The group is the second alternative's only: twenty-seventh round, second pass.)
    ("Duloxetine is started at 60 mg once daily, or at 30 mg in people prone to nausea.",
     "sentence", None, [None, "people prone to nausea"]),
    # A group word before a group is its premodifier, in a lead-in too.
    ("one 10 to 50 microgram tablet every day", "list_item",
     "Ellie suggests one of these for adult vegans:", ["adult vegans"]),
    # A fronted group ends at its comma when the words after it are the main clause's
    # subject, joined by "or" before a modal; a list of conditions goes on.
    ("For someone who can't get to the surgery, a district or practice nurse can give the "
     "injection at home.", "sentence", None, ["someone who can't get to the surgery"]),
    ("For someone without an absorption problem, a spray, a chewable tablet or an ordinary "
     "tablet will all do the job.", "sentence", None, ["someone without an absorption problem"]),
    ("For people with diabetes, kidney disease or heart failure, the dose should be 10 mg.",
     "sentence", None, ["people with diabetes, kidney disease or heart failure"]),
])
def test_twenty_sixth_round_groups(nlp, text, kind, context, expected):
    assert _field(text, "population", nlp, kind, context) == expected


@pytest.mark.parametrize("text,expected", [
    # A count of jabs per period is the schedule as written (decision 17), as "three times
    # weekly" is.
    ("Hydroxocobalamin: three jabs weekly for the first fortnight, then one every 3 months.",
     ["three jabs weekly", "every 3 months"]),
    ("Cyanocobalamin 1 mg, two injections weekly for a month.", ["two injections weekly"]),
])
def test_twenty_sixth_round_a_count_of_jabs_per_period(nlp, text, expected):
    assert _field(text, "frequency", nlp) == expected


# Twenty-sixth round, second pass (blind22, blind21, blind20, styles9-11 errors left by the
# first pass): general causes.

@pytest.mark.parametrize("text,expected", [
    # A form that is only part of a class's name is the class's route alone; a drug offered
    # as its alternative keeps no form (decision 21: parts are copied only when stated for all).
    ("Long-term use of metformin or indigestion tablets such as omeprazole raises the chances.",
     [("metformin", None, "long-term"), ("indigestion tablets", "oral", "long-term")]),
    ("People taking metformin or heartburn tablets long term should have a B12 test.",
     [("metformin", None, "long term"), ("heartburn tablets", "oral", "long term")]),
    # Acid pills named by what they do to the acid are classes named as written.
    ("The over-65s and long-term users of metformin or acid-blocking pills are likelier to "
     "fall short.", [("metformin", None, "long-term"), ("acid-blocking pills", "oral", "long-term")]),
    # A form written for all the alternatives is still copied to each.
    ("Take hydroxocobalamin or cyanocobalamin injections every three months.",
     [("hydroxocobalamin", "injection", None), ("cyanocobalamin", "injection", None)]),
    ("Use capsaicin cream or lidocaine plasters twice a day.",
     [("capsaicin", "topical", None), ("lidocaine", "topical", None)]),
])
def test_twenty_sixth_round_second_pass_a_class_keeps_its_own_form(nlp, text, expected):
    assert [(o["substance"], o["route"], o["duration"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # Use with no end said with the verb that keeps it going.
    ("A vegan needs 2,000 micrograms swallowed once weekly, kept up indefinitely.", "sentence",
     None, ["kept up indefinitely"]),
    # A limit with its bound, said with the verb of stopping.
    ("ibuprofen, 400 mg with each of three meals, stopped after ten days at most", "list_item",
     "The GP gave our technicians the following:", ["stopped after ten days at most"]),
    # A limit or a course named by its length.
    ("Ibuprofen | 400 mg with a meal, at most three doses in a day, a ten-day limit | Blunts the "
     "ache", "table_row", "Medicine | Dose | Notes", ["a ten-day limit"]),
    ("Naproxen | 250 to 500 mg twice daily with meals, a week's course | Dulls a flare",
     "table_row", "Medicine | Dose | Notes", ["a week's course"]),
    # A length said as the only one allowed.
    ("Co-codamol is taken as one or two tablets a dose, four doses a day at most, and the packet "
     "says three days only.", "sentence", None, ["three days only"]),
    ("Codeine 30 mg four times a day, for three days only.", "sentence", None,
     ["for three days only"]),
    # A long stretch of years; for as long as a state of the person's lasts.
    ("Owners on metformin for a long stretch of years ought to ask for a B12 test.", "sentence",
     None, ["for a long stretch of years"]),
    ("Chloe asks vegan mothers to keep taking 10 micrograms a day for as long as they "
     "breastfeed.", "sentence", None, ["for as long as they breastfeed"]),
])
def test_twenty_sixth_round_second_pass_lengths_as_written(nlp, text, kind, context, expected):
    assert [o["duration"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A jab counted in a quarter is the schedule as written; the form inside it is the
    # schedule's own word, no regimen of its own, when the form is named outside it too.
    ("Hydroxocobalamin: a 1 mg injection three times weekly for a fortnight, then one jab a "
     "quarter for as long as you live.",
     [("three times weekly", "injection", "for a fortnight"),
      ("one jab a quarter", "injection", "for as long as you live")]),
    ("Hydroxocobalamin 1 mg injection three times weekly for a fortnight, then six injections "
     "in two weeks for life.",
     [("three times weekly", "injection", "for a fortnight"),
      ("six in two weeks", "injection", "for life")]),
])
def test_twenty_sixth_round_second_pass_a_form_inside_a_schedule(nlp, text, expected):
    assert [(o["frequency"], o["route"], o["duration"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # The shingles jab is named by what it prevents; a group ends before "heads off".
    ("Doctors have stopped advising tramadol for chronic nerve pain, and the shingles jab offered "
     "to people in their seventies heads off many cases of post-shingles pain.",
     [("shingles vaccine", "injection", "people in their seventies")]),
    ("The NHS shingles jab is two doses given in the top of the arm.",
     [("shingles vaccine", "injection", None)]),
])
def test_twenty_sixth_round_second_pass_the_shingles_jab(nlp, text, expected):
    assert [(o["substance"], o["route"], o["population"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,context,expected", [
    # A cell that only says how long, beside doses given one after another, is the last
    # one's length; beside doses offered as alternatives, each one's.
    ("Pernicious anaemia | Hydroxocobalamin 1 mg injected into muscle, six doses over two weeks, "
     "then every three months | Lifelong", "Cause | Treatment | How long",
     [None, "lifelong"]),
    ("Plant-based diet | Cyanocobalamin, 10 micrograms every day, or 2,000 micrograms in one go "
     "each week | For as long as the diet continues", "Cause | Treatment | How long",
     ["for as long as the diet continues", "for as long as the diet continues"]),
])
def test_twenty_sixth_round_second_pass_a_length_cell_beside_phases(nlp, text, context,
                                                                    expected):
    assert [o["duration"] for o in _parsed(text, nlp, "table_row", context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A form offered instead, after a comma, is a regimen of its own (decision 21: forms
    # compared get an object each); a form right after its amount stays the dose's.
    ("If you are deficient, expect 1,000 micrograms each day for several months, with jabs "
     "instead when the nerves are affected.",
     [(1000, None, "for several months"), (None, "injection", None)]),
    ("She now takes 1,000 microgram tablets instead.", [(1000, "oral", None)]),
])
def test_twenty_sixth_round_second_pass_a_form_offered_instead(nlp, text, expected):
    assert [(o["amount"], o["route"], o["duration"]) for o in _parsed(text, nlp)] == expected


# Twenty-sixth round, third pass (blind20, styles11, blind21, styles9, blind22, styles10 errors
# left by the second pass): general causes.

@pytest.mark.parametrize("text,expected", [
    # With no amount, drugs in clauses of their own each keep the parts of their clause.
    ("Daily metformin, heartburn tablets such as omeprazole taken for years, and a diet low in "
     "meat all make a shortfall more likely.",
     [("metformin", "daily", None, None), ("heartburn tablets", None, "oral", "for years")]),
    ("Diabetes patients on metformin for years, and people who swallow lansoprazole every day, "
     "slowly drain their stores.",
     [("metformin", None, None, "for years"), ("lansoprazole", "daily", "oral", None)]),
    # A drug whose clause says nothing is an object only when offered as an alternative.
    ("Those on metformin for diabetes, or on stomach-acid pills such as lansoprazole for months "
     "at a stretch, absorb less of it.",
     [("metformin", None, None, None),
      ("stomach-acid pills", None, "oral", "for months at a stretch")]),
    ("Heartburn tablets taken every day for years, metformin, stomach surgery and a strict vegan "
     "diet can all lower B12 too.",
     [("heartburn tablets", "daily", "oral", "for years")]),
    # A part before the first drug's "on"/"of" goes to each drug the repeated word brings in.
    ("Years on metformin for diabetes, or on acid blockers such as omeprazole, can reduce the "
     "B12 your gut absorbs.",
     [("metformin", None, None, "years"), ("acid blockers", None, None, "years")]),
    # One clause naming a drug: one regimen, as before.
    ("Metformin, taken for years, can lower B12.", [("metformin", None, None, "for years")]),
])
def test_twenty_sixth_round_third_pass_drugs_in_clauses_of_their_own(nlp, text, expected):
    assert [(o["substance"], o["frequency"], o["route"], o["duration"])
            for o in _parsed(text, nlp)] == expected


def test_twenty_sixth_round_third_pass_a_group_its_clause_drug_defines(nlp):
    found = _parsed("Women following a vegan diet, taking metformin for polycystic ovary "
                    "syndrome, or on long-term acid-reducing tablets are among those most at "
                    "risk.", nlp)
    assert [(o["substance"], o["duration"], o["population"]) for o in found] == [
        ("metformin", None, None), ("acid-reducing tablets", "long-term", None)]


@pytest.mark.parametrize("text,expected", [
    # A length set off by a comma after alternatives is said of each, whatever their schedules.
    ("A vegan usually needs just 50 micrograms by mouth each day, or a big 2,000 microgram dose "
     "swallowed once weekly, kept up indefinitely.",
     ["kept up indefinitely", "kept up indefinitely"]),
    ("Adults can take ibuprofen 200 to 400 mg three times a day with food, or paracetamol 1 g up "
     "to four times a day, for no longer than a week or two.",
     ["for no longer than a week or two", "for no longer than a week or two"]),
    # Written right after the last alternative's schedule, it stays that one's.
    ("Take 1,000 micrograms once daily, or 1 mg three times a week for 2 weeks.",
     [None, "for 2 weeks"]),
])
def test_twenty_sixth_round_third_pass_a_length_set_off_after_alternatives(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A later phase that is only a schedule takes the dose stated before both phases ...
    ("Hydroxocobalamin 1 mg is injected into muscle every other day until the improvement levels "
     "off, and then once every two months.", [1, 1]),
    ("Treatment opens with 1 mg hydroxocobalamin jabs, three a week over a fortnight, then one "
     "every three months.", [1, 1]),
    # ... but a phase that names its own dose by its form, inside its schedule or after the
    # separator, keeps no amount (decision 21).
    ("Pernicious anaemia is treated with hydroxocobalamin: a 1 mg injection three times weekly "
     "for a fortnight, then one jab a quarter for as long as you live.", [1, None]),
    ("The nurse gives hydroxocobalamin 1 mg into the upper arm muscle every other day for a "
     "fortnight, then a shot each quarter for good.", [1, None]),
])
def test_twenty_sixth_round_third_pass_a_phase_that_names_its_own_dose(nlp, text, expected):
    assert [o["amount"] for o in _parsed(text, nlp)] == expected


# Twenty-sixth round, fourth pass (blind22, blind21, styles11, blind20, styles9 and older sets'
# errors left by the third pass): general causes.

@pytest.mark.parametrize("text,expected", [
    # The meals of a fast are meals: one as the only schedule, two as a list, as written.
    ("Someone on 500 mg three times a day will normally take 1,000 mg with the iftar meal and "
     "500 mg at suhoor.", ["three times a day", "with the iftar meal", "at suhoor"]),
    ("Gabapentin 300 mg at suhoor and again after iftar.", ["at suhoor and again after iftar"]),
    # A count at each meal is part of the schedule.
    ("Metformin 500 mg: two at breakfast, two at teatime", ["two at breakfast, two at teatime"]),
    ("Metformin 500 mg: one with breakfast and two with the evening meal",
     ["one with breakfast and two with the evening meal"]),
    # Any meal, as the only schedule; a count of doses after it is the schedule.
    ("Capsules of 10 mg are swallowed whole with a meal.", ["with a meal"]),
    ("One or two 200 mg tablets taken with a meal, up to three times daily.",
     ["up to three times daily"]),
    ("Ibuprofen | 400 mg with a meal, at most three doses in a day", ["at most three doses in a day"]),
])
def test_twenty_sixth_round_fourth_pass_meal_schedules(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # What a group eats continues it after "for" (the dose is said to be for the group) ...
    ("A 10 microgram tablet each day is plenty for someone eating a poor diet.",
     ["someone eating a poor diet"]),
    ("A B12 supplement of 10 micrograms a day is enough for most members eating a plant-based "
     "diet, or 2,000 micrograms once a week.",
     ["most members eating a plant-based diet", "most members eating a plant-based diet"]),
    # ... not as a subject.
    ("Officials estimate that an average adult eating bread and cakes will get about 100 "
     "micrograms of extra folic acid a day.", ["an average adult"]),
    # Guests and tenants are groups; "eligible" makes a generic head specific.
    ("Tenants with poor kidney function are given 200 mg of aciclovir five times a day.",
     ["tenants with poor kidney function"]),
    ("Agreed dose for eligible patients: cyanocobalamin 1,000 micrograms by mouth once daily.",
     ["eligible patients"]),
    # A bare generic head still names no group.
    ("Most patients need only 20 mg of omeprazole a day.", [None]),
])
def test_twenty_sixth_round_fourth_pass_groups(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


# Twenty-seventh round (blind23, the newest development set, with blind22, blind21, blind20 and
# the styles sets): general causes.

@pytest.mark.parametrize("text,expected", [
    # Amounts written in words are amounts (decision 15): a number before a unit word ...
    ("Vegans can take a fifty microgram tablet every morning.", [(50, "mcg")]),
    ("Some GPs now prescribe tablets of one milligram a day.", [(1, "mg")]),
    ("A grown adult's need is one and a half micrograms a day.", [(1.5, "mcg")]),
    ("Toddlers need around half a microgram a day.", [(0.5, "mcg")]),
    ("Take twenty-five milligrams at night.", [(25, "mg")]),
    # ... a range whose low end is in words too ...
    ("A tablet of cyanocobalamin each day, anywhere from fifty to a hundred and fifty "
     "micrograms, is usually enough.", [([50, 150], "mcg")]),
    # ... the same dose restated in digits is one dose ...
    ("toddlers (ages 1 to 3), half a microgram daily, written as 0.5 micrograms",
     [(0.5, "mcg")]),
    # ... and words that write no number are none ("several hundred").
    ("The very high doses given for rare epilepsies, several hundred milligrams a day, raise "
     "liver enzymes.", [(None, None)]),
])
def test_twenty_seventh_round_amounts_in_words(nlp, text, expected):
    assert [(o["amount"], o["unit"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A time of day keeps what qualifies it, as written (decision 17): a meal's "time" ...
    ("Duloxetine | 30 mg at breakfast time for a week | 60 mg at breakfast time",
     "table_row", "Tablet | To begin | Can rise to", ["at breakfast time", "at breakfast time"]),
    # ... "on rising", as "on waking", and a second time after it ...
    ("Pregabalin | 75 mg on rising and again at teatime | Up to 300 mg at each of those times",
     "table_row", "Tablet | To begin | Can rise to",
     ["on rising and again at teatime", "at each of those times"]),
    # ... a range of hours before bed ...
    ("Amitriptyline 10 mg an hour or two before bed.", "sentence", None,
     ["an hour or two before bed"]),
    # ... and the part of the day set off after a count.
    ("Start with 5 mg to 10 mg of CBD once a day, in the evening, for the first week.",
     "sentence", None, ["once a day, in the evening"]),
])
def test_twenty_seventh_round_times_of_day(nlp, text, kind, context, expected):
    assert [o["frequency"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,context,expected", [
    # A first column headed only by a form names the form of each row's drug (decision 20).
    ("Duloxetine | 30 mg at breakfast time for a week | 60 mg at breakfast time",
     "Tablet | To begin | Can rise to", ["oral", "oral"]),
    ("Amitriptyline | 10 mg before bed | 50 mg before bed",
     "Tablets | To begin | Can rise to", ["oral", "oral"]),
    # A first header that is more than a form gives none.
    ("Vitamin B12 | 10 mg | 20 mg", "Per tablet | Amount | Most", [None, None]),
])
def test_twenty_seventh_round_a_form_heading_the_first_column(nlp, text, context, expected):
    assert [o["route"] for o in _parsed(text, nlp, "table_row", context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A drip is the intravenous route (decision 18; "drips" is left: "vitamin E,
    # acetyl-L-carnitine or calcium and magnesium drips" is a form said of the last only) ...
    ("Oxaliplatin, which is given by drip every two or three weeks, can cause cold tingling.",
     ["intravenous"]),
    ("Some are offered alpha-lipoic acid, 600 mg a day through a drip for three weeks.",
     ["intravenous"]),
    # ... not a drug that "drips in".
    ("Chilling the hands with frozen mitts while a taxane drips in might limit the harm.", []),
])
def test_twenty_seventh_round_drips(nlp, text, expected):
    assert [o["route"] for o in _parsed(text, nlp)] == expected


# Twenty-seventh round, second pass (blind23, blind22, blind21, blind20 and the styles sets'
# errors left by the first pass): general causes.

@pytest.mark.parametrize("text,expected", [
    # A bare "a course" (no length) is no duration (the lead's decision, with the sets'
    # majority) ...
    ("Treatment usually involves oral B12 tablets or a course of injections.", [None, None]),
    ("My GP gave me a course of B12 injections, and my feet are still a bit numb.", [None]),
    ("A low B12 result means a course of injections, and a short folate level is topped up "
     "with 5 mg folic acid tablets taken each morning for around four months.",
     [None, "for around four months"]),
    # ... while a course with a length keeps its length.
    ("A course of prednisolone tablets, 20 mg daily for two weeks, may give short-term relief.",
     ["for two weeks"]),
    # The length a course is said to last is the duration, as written.
    ("Rhys suggests keeping to a course of no more than ten days.", ["no more than ten days"]),
])
def test_twenty_seventh_round_second_pass_a_bare_course(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A group named after a later alternative set off by a comma and its joiner is that
    # alternative's only (the labels of blind2, blind4, blind12, blind21, styles5) ...
    ("Duloxetine is generally started at 60 mg once daily, or at 30 mg in people prone to "
     "nausea.", [None, "people prone to nausea"]),
    ("My standard advice is 1,000 IU a day from October to March, or 400 IU a day all year for "
     "anyone who trains indoors.", [None, "anyone who trains indoors"]),
    ("The usual prescription is cyanocobalamin tablets, typically 50 to 150 micrograms once "
     "daily, with injections kept for people who already have nerve symptoms.",
     [None, "people who already have nerve symptoms"]),
    # ... while one set off after the alternatives, or after alternatives not set off, is all
    # of theirs ...
    ("Your midwife may suggest a daily supplement of 50 micrograms, or one 2,000 microgram "
     "tablet a week, for vegans and vegetarians who eat few eggs.",
     ["vegans and vegetarians who eat few eggs"] * 2),
    ("Some prescribers start at 25 mg or 50 mg at night in older or frail patients.",
     ["older or frail patients"] * 2),
    # ... and some people out of a group are who a story is about, no population.
    ("Two of our members were told by their GP to let a 1,000 microgram B12 tablet dissolve "
     "under the tongue each morning instead of having jabs.", [None, None]),
])
def test_twenty_seventh_round_second_pass_a_group_of_one_alternative(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # Number words: a range "between" two of them (not two numbers joined by "and" alone) ...
    ("Most adults need between ten and twenty micrograms a day.", [([10, 20], "mcg", "daily")]),
    ("Take ten and twenty micrograms.", [(20, "mcg", None)]),
    # ... and a ceiling per twenty-four hours with the hours in words, as written.
    ("the dose that works for most is 200 mg taken three or four times daily, with 1,200 mg in "
     "twenty-four hours as the ceiling",
     [(200, "mg", "three or four times daily"), (1200, "mg", "in twenty-four hours")]),
])
def test_twenty_seventh_round_second_pass_number_words(nlp, text, expected):
    assert [(o["amount"], o["unit"], o["frequency"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # "for good" after "from then on" or "after that" is the duration ...
    ("The usual treatment is a 1 mg jab of hydroxocobalamin into muscle every second day, "
     "followed by a jab every eight weeks from then on for good.", [None, "for good"]),
    ("The starting course is six jabs over two weeks, with a single jab every three months "
     "after that for good.", [None, "for good"]),
    ("Treatment means a hydroxocobalamin jab every other day for a fortnight, followed by one "
     "every twelve weeks from then on.", ["for a fortnight", "from then on"]),
    # ... and so are a length said as the limit and "throughout" closing a daily schedule.
    ("His GP put him on naproxen, one 250 mg tablet at breakfast, lunch and evening meal, with "
     "a week as the limit.", ["with a week as the limit"]),
    ("Omar suggests vegan mums take a supplement containing at least 10 micrograms daily "
     "throughout.", ["throughout"]),
    # A season after "throughout" is the season as written (blind26's "through the winter
    # months"), not a bare "throughout".
    ("Take 10 micrograms daily throughout the winter months.", ["throughout the winter months"]),
])
def test_twenty_seventh_round_second_pass_lengths_with_no_for(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A gap between doses said as a gap is the frequency, as written, when it is the only
    # schedule (styles9) ...
    ("The NHS shingles jab, Shingrix, is two doses given in the top of the arm with a gap of "
     "two to six months between them.", "sentence", None,
     ["with a gap of two to six months between them"]),
    # ... and beside a count per period the count is (blind11, blind3, blind7, styles5).
    ("Paracetamol | Two 500 mg tablets, up to 4 times in 24 hours, with a gap of 4 hours or "
     "more between doses | People with severe liver disease", "table_row",
     "Medicine | Adult dose | Not suitable for", ["up to 4 times in 24 hours"]),
])
def test_twenty_seventh_round_second_pass_a_gap_between_doses(nlp, text, kind, context,
                                                              expected):
    assert [o["frequency"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,field,expected", [
    # A loading count packed into a period, its form left out as the sets write it.
    ("If the nerves are untouched, it tends to be six jabs packed into the first two weeks and "
     "a maintenance jab each quarter after that.", "sentence", None, "frequency",
     ["six packed into the first two weeks", "each quarter"]),
    # A list item's group word before its age band is its population, as written.
    ("juniors from 7 to 10, a single microgram each day", "list_item",
     "Omar gave us the UK daily amounts:", "population", ["juniors from 7 to 10"]),
    ("tablets from 7 to 10, a single microgram each day", "list_item",
     "Omar gave us the UK daily amounts:", "population", [None]),
])
def test_twenty_seventh_round_second_pass_loading_counts_and_age_bands(nlp, text, kind, context,
                                                                       field, expected):
    assert [o[field] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # Long stretches on a drug named right after them, and "for a short spell", as written
    # (a duration opening a sentence loses its capital, as the sets write it).
    ("Long stints on metformin can also stop it being absorbed.", [("long stints", "metformin")]),
    ("For a short spell, an anti-inflammatory such as ibuprofen, 200 to 400 mg after meals no "
     "more than three times daily, can help.", [("for a short spell", "ibuprofen")]),
])
def test_twenty_seventh_round_second_pass_long_stints_and_short_spells(nlp, text, expected):
    assert [(o["duration"], o["substance"]) for o in _parsed(text, nlp)] == expected


def test_twenty_seventh_round_second_pass_a_short_spell_gives_way_to_a_length(nlp):
    assert [o["duration"] for o in _parsed(
        "When pain is keeping you awake, the GP might add a stronger painkiller for a short "
        "spell, such as codeine 30 mg every four to six hours, for three days at most.",
        nlp)] == ["for three days at most"]


# Twenty-seventh round, third pass (blind23, styles11, blind21, blind20, blind22 and the styles
# sets' errors left by the second pass): general causes.

@pytest.mark.parametrize("text,expected", [
    # Antacids are a drug class named as written: one object per drug offered with them ...
    ("Long stints on metformin or antacids, or an operation on the stomach, can also stop it "
     "being absorbed.", [("long stints", "metformin"), ("long stints", "antacids")]),
    # ... and named alone.
    ("Antacids taken for years can lower B12.", [("for years", "antacids")]),
])
def test_twenty_seventh_round_third_pass_antacids(nlp, text, expected):
    assert [(o["duration"], o["substance"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # "on" a supplement or a form ending the group's phrase is the regimen the group is put
    # on, not more of the group ...
    ("Ben wants each vegan guest on a B12 supplement: 50 micrograms every day, or else one "
     "2,000 microgram tablet on the same day each week.", ["each vegan guest"] * 2),
    # ... while "on" a diet is the group's own.
    ("Most people on a plant-based diet do well on a daily supplement of 10 micrograms.",
     ["most people on a plant-based diet"]),
])
def test_twenty_seventh_round_third_pass_a_group_on_its_regimen(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A loading count's amount and the place the doses go are left out of it, as the form is.
    ("For a confirmed shortage with no nerve symptoms, the usual start is six 1 mg "
     "hydroxocobalamin shots into the upper arm, spread over a fortnight.",
     [(1, "six spread over a fortnight", None)]),
    ("The usual start is six 1 mg jabs over two weeks, then 1 mg every three months.",
     [(1, "six over two weeks", None), (1, "every three months", None)]),
])
def test_twenty_seventh_round_third_pass_a_loading_count_with_its_amount(nlp, text, expected):
    assert [(o["amount"], o["frequency"], o["duration"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A story's "and now" opens the next phase, which keeps the amount stated before both
    # (decision 21, as "then one every ..." does) ...
    ("Ray started with 1 mg of hydroxocobalamin on alternate days until his tingling stopped "
     "improving, and now has one every two months.",
     [(1, "on alternate days"), (1, "every two months")]),
    # ... and with no amount, each schedule is a phase.
    ("She was given B12 injections every other day for two weeks and now has one every eight "
     "weeks at her surgery.", [(None, "every other day"), (None, "every eight weeks")]),
])
def test_twenty_seventh_round_third_pass_and_now(nlp, text, expected):
    assert [(o["amount"], o["frequency"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # An open count is a frequency, as written, and a schedule listed before the first dose,
    # which has its own, is an option of its own ...
    ("He gives vegans three options to pick from: B12-enriched foods eaten two or more times "
     "daily, a 25 to 50 microgram tablet every day, or a 1,000 microgram tablet on two days "
     "each week.",
     [(None, "two or more times daily"), ([25, 50], "daily"), (1000, "on two days each week")]),
    # ... not one said of the dose after it.
    ("Twice daily, a 500 mg tablet with food.", [(500, "twice daily")]),
])
def test_twenty_seventh_round_third_pass_a_schedule_listed_before_the_doses(nlp, text, expected):
    assert [(o["amount"], o["frequency"]) for o in _parsed(text, nlp)] == expected


# Twenty-eighth round (blind24, the newest development set, with blind23, blind22, blind21,
# blind20 and the styles sets): general causes.

@pytest.mark.parametrize("text,expected", [
    # Two amounts joined by a bare "or" before one unit are alternatives, one object each
    # (decision 21), and share the form named before them ...
    ("Some surgeries now hand out cyanocobalamin tablets of 1,000 or 2,000 micrograms a day.",
     [(1000, "mcg", "oral"), (2000, "mcg", "oral")]),
    ("A few doctors try big tablets, a 1,000 or 2,000 microgram one each morning.",
     [(1000, "mcg", "oral"), (2000, "mcg", "oral")]),
    ("It can be raised step by step as far as 50 or 75 mg if the pain demands it.",
     [(50, "mg", None), (75, "mg", None)]),
    # ... while a count of tablets before "or" is no amount.
    ("Take 1 or 2 tablets of 500 mg.", [(500, "mg", "oral")]),
    ("Take one 500 mg tablet or 2 capsules.", [(500, "mg", "oral")]),
])
def test_twenty_eighth_round_alternative_amounts_sharing_a_unit(nlp, text, expected):
    assert [(o["amount"], o["unit"], o["route"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # Counts and periods in words are schedules, as written (decision 17): "every seven days"
    # (a count past six), "every few months" ...
    ("Vegans who forget a daily pill | 2,000 µg in one go | Every seven days", "table_row",
     "Group | Amount | Timing", ["every seven days"]),
    ("Some members on B12 have a jab every few months at the surgery.", "sentence", None,
     ["every few months"]),
    # ... "twice or three times daily", a period counted in words, a floor on the gap ...
    ("B12-enriched foods twice or three times daily, together giving 3 micrograms or more",
     "list_item", "The club dietitian gives vegan members three choices:",
     ["twice or three times daily"]),
    ("Aciclovir is 800 mg five times in each twenty-four hours for a week.", "sentence", None,
     ["five times in each twenty-four hours"]),
    ("Paracetamol is 1 g at a time, no sooner than four hours apart.", "sentence", None,
     ["no sooner than four hours apart"]),
    # ... and "a night" right after an amount.
    ("A doctor may try amitriptyline at 10 mg a night.", "sentence", None, ["a night"]),
    # Not how often a dose is raised, nor a gap beside a count (blind11, blind3, blind7,
    # styles5) ...
    ("Gabapentin 100 mg at night, increased every few days.", "sentence", None, ["at night"]),
    ("Take 1 g twice daily, about twelve hours apart.", "sentence", None, ["twice daily"]),
])
def test_twenty_eighth_round_counts_and_periods_in_words(nlp, text, kind, context, expected):
    assert [o["frequency"] for o in _parsed(text, nlp, kind, context)] == expected


def test_twenty_eighth_round_a_night_with_no_amount_is_no_schedule(nlp):
    # ... nor "a night" with no amount before it.
    assert [o["frequency"] for o in _parsed(
        "After a course of injections she is back to playing six books a night.", nlp)] == [None]


@pytest.mark.parametrize("text,kind,context,expected", [
    # Three or more times of day in a list, each with or without its own word, as written ...
    ("capsaicin 0.075% cream, rubbed in morning, noon, teatime and night, though a month may "
     "pass before it does any good", "list_item", "The usual options:",
     ["morning, noon, teatime and night"]),
    ("Valaciclovir is 1 g on waking, mid-afternoon and at bedtime for seven days.", "sentence",
     None, ["on waking, mid-afternoon and at bedtime"]),
    # ... "last thing at night" whole ...
    ("Amitriptyline is begun at 10 mg last thing at night and stepped up every week or two.",
     "sentence", None, ["last thing at night"]),
    # ... two times of day as before ...
    ("Gabapentin 300 mg on waking and at night.", "sentence", None, ["on waking and at night"]),
    ("Pregabalin 75 mg morning and evening.", "sentence", None, ["morning and evening"]),
    # ... and a period that passes before a dose helps is no schedule.
    ("Capsaicin cream 0.075% can take a while: a month may pass before it helps.", "sentence",
     None, [None]),
])
def test_twenty_eighth_round_times_of_day_in_lists(nlp, text, kind, context, expected):
    assert [o["frequency"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A lifelong length names the person whose life it is ...
    ("Treatment starts with hydroxocobalamin injections, three a week for a fortnight, then a "
     "single injection every three months for the rest of the person's life.",
     ["for a fortnight", "for the rest of the person's life"]),
    ("The jabs carry on every twelve weeks for the rest of your life.",
     ["for the rest of your life"]),
    # ... and a stopping condition names the blood level as well as the level.
    ("Her GP will usually prescribe 50 to 150 micrograms of cyanocobalamin a day until her "
     "blood levels are back to normal.", ["until her blood levels are back to normal"]),
    ("The GP may give injections until the level is back to normal.",
     ["until the level is back to normal"]),
])
def test_twenty_eighth_round_lifelong_and_stopping_lengths(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # Antivirals named by their form are the class in the plural (decision 19), as
    # anti-inflammatories are ...
    ("Antiviral tablets work best when begun inside seventy-two hours of the first spots.",
     ["antivirals"]),
    ("See the GP quickly: antiviral pills help most if started within three days of the rash.",
     ["antivirals"]),
    # ... while a drug named with the class is the substance.
    ("The usual antiviral is aciclovir 800 mg taken five times a day for 7 days.",
     ["aciclovir"]),
    ("Within three days of the rash you can be given antiviral tablets, usually aciclovir "
     "800 mg five times a day for seven days.", ["aciclovir"]),
])
def test_twenty_eighth_round_antivirals(nlp, text, expected):
    assert [o["substance"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # Going to bed said as "turning in" is bedtime, as written ...
    ("Amitriptyline | 10 mg two hours before you turn in | 75 mg at night", "table_row",
     "Medicine | Starting dose | Highest dose", ["two hours before you turn in", "at night"]),
    ("amitriptyline, 10 mg as you turn in for the night, creeping up by stages but capped at "
     "75 mg", "list_item", "The medicines doctors use are:",
     ["as you turn in for the night", None]),
    # ... and a meal "before" it is the only schedule, as "after" and "with" are ...
    ("His GP added omeprazole, one 20 mg capsule before breakfast, to shield his stomach.",
     "sentence", None, ["before breakfast"]),
    # ... unless a count of doses is written with it.
    ("omeprazole 20 mg capsule, once daily before breakfast", "list_item", "Your drug list",
     ["once daily"]),
])
def test_twenty_eighth_round_bedtime_and_a_meal_before(nlp, text, kind, context, expected):
    assert [o["frequency"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A local anaesthetic given in the same injection is taken together with the drug, named
    # in the order written (decision 19's "and") ...
    ("He then had one injection of 40 mg methylprednisolone with local anaesthetic.",
     ["methylprednisolone and local anaesthetic"]),
    ("A steroid mixed with local anaesthetic and injected where the nerve is trapped gives "
     "some people months of relief.", ["steroid and local anaesthetic"]),
    ("One jab into the tunnel, usually 20 mg of methylprednisolone mixed with a local "
     "anaesthetic, may settle things for months.", ["methylprednisolone and local anaesthetic"]),
    # ... and named alone, it is the substance.
    ("A small injection of local anaesthetic at that spot shows the nerve is the source.",
     ["local anaesthetic"]),
    # Not another drug "with" a nutrient or a painkiller: a product's contents or a second
    # medicine are not a mixture injected.
    ("Take a daily multivitamin with vitamin D.", ["multivitamin"]),
    ("A nightly 10 mg amitriptyline tablet with paracetamol helps.", ["amitriptyline"]),
])
def test_twenty_eighth_round_a_drug_with_local_anaesthetic(nlp, text, expected):
    assert [o["substance"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A schedule or length said of a device (a splint, a TENS machine) is the device's, not
    # the dose's (decision 14), however many follow it ...
    ("He wore a splint every night for six weeks, then had one injection of 40 mg "
     "methylprednisolone.", [(None, None)]),
    ("A wrist splint worn at night helps many people, and if not, a steroid injection can "
     "free the nerve.", [(None, None)]),
    ("A TENS machine used for 30 minutes twice a day, plus paracetamol 1 g four times a day.",
     [("four times a day", None)]),
    # ... while a dose's own schedule after the device's sentence part stays.
    ("Wear the splint at night and take ibuprofen 400 mg three times a day for a week.",
     [("three times a day", "for a week")]),
])
def test_twenty_eighth_round_a_device_schedule_is_no_dose(nlp, text, expected):
    assert [(o["frequency"], o["duration"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A hospital visit or a rest day said with "a day" is no schedule ...
    ("What does it involve? | Gentle exercise | A steroid and local anaesthetic injected near "
     "the nerve root under X-ray guidance, as a day case", "table_row",
     "Question | Waiting | Injection", [None]),
    ("Take a day off after the injection into the muscle.", "sentence", None, [None]),
    # ... while "a day" after a dose stays daily.
    ("Take 10 mg a day.", "sentence", None, ["daily"]),
])
def test_twenty_eighth_round_a_day_case_is_no_schedule(nlp, text, kind, context, expected):
    assert [o["frequency"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A drug named as what failed, in a condition, is not the drug taken when another is
    # named ...
    ("Codeine may sometimes be prescribed for a few days when paracetamol alone is not "
     "enough, but it can leave the baby drowsy if taken near the birth.", "sentence", None,
     ["codeine"]),
    ("oxcarbazepine as the alternative when carbamazepine disagrees with someone, begun at "
     "150 mg morning and evening", "list_item", "How the tablets are generally used:",
     ["oxcarbazepine"]),
    # ... as before a dose of the other drug ...
    ("If paracetamol is not enough, codeine 30 mg every four hours may be added.", "sentence",
     None, ["codeine"]),
    # ... but a drug in a condition that does not say it failed stays out of the rule.
    ("Ibuprofen 400 mg three times a day, unless you are already taking aspirin.", "sentence",
     None, ["ibuprofen"]),
])
def test_twenty_eighth_round_a_drug_that_failed_is_not_taken(nlp, text, kind, context,
                                                             expected):
    assert [o["substance"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A club's members named by what they do are a group, in an item's lead-in or in the
    # item ...
    ("or one B12 tablet every day containing at least 10 micrograms", "list_item",
     "Roisin's recommendations for vegan players:", ["vegan players"]),
    ("Vegan players who are pregnant should take a daily B12 supplement of 10 micrograms.",
     "sentence", None, ["vegan players who are pregnant"]),
    # ... but not a group a dose is kept from, nor volunteers in a trial.
    ("Anti-inflammatory tablets should be taken only for two or three days, and not at all by "
     "players with asthma that gets worse on them.", "sentence", None, [None]),
    ("In the trial volunteers take 1,000 micrograms of B12 by mouth each day for two years.",
     "sentence", None, [None]),
])
def test_twenty_eighth_round_club_groups(nlp, text, kind, context, expected):
    assert [o["population"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A group that forgets or dislikes a form or a schedule is not defined by it: the group
    # stays and its form is no route ...
    ("or else a weekly 2,000 microgram dose, for players who forget daily pills", "list_item",
     "Recommendations for vegan players:",
     [("weekly", None, "players who forget daily pills")]),
    ("Vegans who tend to forget a daily pill | 2,000 µg in one go | Every seven days",
     "table_row", "Group | Amount | Timing",
     [("every seven days", None, "vegans who tend to forget a daily pill")]),
    # ... while a group that takes the regimen is defined by it (no population).
    ("People taking more than 1,500 mg of metformin a day for over 4 years are most affected.",
     "sentence", None, [("daily", None, None)]),
])
def test_twenty_eighth_round_a_group_that_forgets_its_pills(nlp, text, kind, context,
                                                            expected):
    assert [(o["frequency"], o["route"], o["population"])
            for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # "selected" and "suitable" make a generic head a group, as "eligible" does ...
    ("Some practices now offer cyanocobalamin tablets of 1,000 or 2,000 micrograms a day to "
     "selected patients.", ["selected patients", "selected patients"]),
    ("The clinic gives 1 mg injections every three months to suitable patients.",
     ["suitable patients"]),
    # ... and a bare generic head still names none.
    ("Most patients need only 20 mg of omeprazole a day.", [None]),
])
def test_twenty_eighth_round_selected_patients(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A form named before the drug and set off by a comma is the shared subject of its phases
    # (decision 21), as a form right before the drug is ...
    ("A short course of steroid tablets, prednisolone 20 mg daily for a week and then 10 mg "
     "daily for a week, is sometimes offered.", ["oral", "oral"]),
    ("Oral cyanocobalamin 50 micrograms daily, or 1 mg daily.", ["oral", "oral"]),
])
def test_twenty_eighth_round_a_form_set_off_before_the_drug(nlp, text, expected):
    assert [o["route"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A later phase's length that leaves out the period said before it, as written ...
    ("A short course of steroid tablets, prednisolone 20 mg daily for ten days and then 10 mg "
     "daily for another ten, is sometimes offered.", ["for ten days", "for another ten"]),
    # ... and with its period, as before; no length in "another 10 mg".
    ("Take 10 mg daily for another ten days.", ["for another ten days"]),
    ("If that fails, take it for another 10 mg.", [None]),
])
def test_twenty_eighth_round_a_length_with_its_period_left_out(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # "long term" after a word of taking or going on, or after an acid drug or thiamine, is
    # how long it is used (decision 14), as written ...
    ("Anyone who has drunk heavily for years is usually told to keep taking oral thiamine long "
     "term, even once they have stopped.", ["long term"]),
    ("Nitrofurantoin taken long term can damage nerves.", ["long term"]),
    # ... while "long-term" before what is not a drug stays no length of use.
    ("Amitriptyline 10 mg at night can ease long-term nerve pain.", [None]),
])
def test_twenty_eighth_round_long_term_after_taking(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # "grown" before a group is part of it, as "average" is ...
    ("British guidance puts a grown adult's need at one and a half micrograms a day.",
     ["a grown adult"]),
    # ... and "grown-ups" stay a group of their own.
    ("Grown-ups need 1.5 micrograms a day.", ["grown-ups"]),
])
def test_twenty_eighth_round_a_grown_adult(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # Antihistamines the INN stems miss are named as written ...
    ("A daily antihistamine such as cetirizine 10 mg may calm the big local swellings.",
     ["cetirizine"]),
    # ... while adrenaline kept at hand for an injection's rare reaction is not what is
    # injected (blind7), so it stays out of the list.
    ("Anaphylaxis is very rare, but adrenaline must be available whenever the injection is "
     "given.", [None]),
])
def test_twenty_eighth_round_antihistamines_as_written(nlp, text, expected):
    assert [o["substance"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # "nothing is swallowed" says no form is taken by mouth ...
    ("Capsaicin cream rubbed on the feet three or four times a day does not break the fast, "
     "as nothing is swallowed.", ["topical"]),
    # ... while a form that is swallowed is oral.
    ("The tablets are swallowed whole, 500 mg twice a day.", ["oral"]),
])
def test_twenty_eighth_round_nothing_is_swallowed(nlp, text, expected):
    assert [o["route"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # B12 that a condition says turns out or comes back low is a level, not what is taken
    # (the labels of styles4, blind5, blind14 and blind23) ...
    ("If B12 turns out to be low, a course of injections is followed by maintenance jabs "
     "every two to three months.", [None]),
    ("If your B12 comes back low, your GP may give you injections into the arm muscle.",
     [None]),
    # ... while B12 named as what is given stays the substance.
    ("B12 injections are given every three months.", ["vitamin B12"]),
])
def test_twenty_eighth_round_b12_that_turns_out_low(nlp, text, expected):
    assert [o["substance"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A schedule right before a form "of" an amount is said of that amount, after "or" or
    # "by" too ...
    ("Jabs every three months, or in some cases by daily tablets of 1,000 micrograms.",
     [("every three months", None), ("daily", 1000)]),
    ("Injections first, and most people then do well on a daily supplement of 10 micrograms or "
     "a weekly dose of 2,000 micrograms.", [(None, None), ("daily", 10), ("weekly", 2000)]),
    # ... not a daily total, which is no form.
    ("Gabapentin starts at 300 mg once on day one and works towards a daily total of 900 to "
     "3,600 mg.", [("once on day one", 300), (None, [900, 3600])]),
])
def test_twenty_eighth_round_a_schedule_before_a_form_of_an_amount(nlp, text, expected):
    assert [(o["frequency"], o["amount"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A length that points back to one stated before it is the later regimen's, as written ...
    ("Either valaciclovir, 1 g three times a day for seven days, or aciclovir, 800 mg five "
     "times in each twenty-four hours over the same week.", ["for seven days",
                                                             "over the same week"]),
    ("Take 500 mg twice daily for ten days, then 250 mg for the same period.",
     ["for ten days", "for the same period"]),
])
def test_twenty_eighth_round_a_length_that_points_back(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A count said "on a ... basis" is kept as written (decision 17) ...
    ("Or else naproxen, anything from 250 to 500 mg on a twice-daily basis.",
     ["on a twice-daily basis"]),
    # ... while "on a daily basis" is daily and a bare count stays as before.
    ("Take 10 micrograms on a daily basis.", ["daily"]),
    ("Naproxen 500 mg twice-daily.", ["twice-daily"]),
])
def test_twenty_eighth_round_a_count_on_a_basis(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # Skin patches sold as a product are a form, one object each beside another form ...
    ("B12 nasal sprays and skin patches sold online are not licensed treatments in the UK.",
     ["nasal", "topical"]),
    ("We couldn't find a trial showing that skin patches raise B12 levels.", ["topical"]),
    # ... while a patch of skin and a skin patch test stay no form.
    ("Take 1,000 micrograms daily if you notice dry patches of skin.", [None]),
])
def test_twenty_eighth_round_skin_patches_are_a_form(nlp, text, expected):
    assert [o["route"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A form a reason clause denies is no regimen beside another form ...
    ("Someone whose whole stomach has been removed needs shots every three months for life, "
     "because tablets cannot be absorbed.", ["injection"]),
    # ... as in a condition; a form the reason clause does not deny stays.
    ("Tablets of 1,000 micrograms daily are fine, because enough gets through the gut wall.",
     ["oral"]),
])
def test_twenty_eighth_round_a_form_a_reason_clause_denies(nlp, text, expected):
    assert [o["route"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # B vitamin products are named as the sets name them ...
    ("Vitamin B compound strong | 1 or 2 tablets three times daily | Contains several B "
     "vitamins together", "table_row", "Vitamin | Usual dose | Notes",
     ["vitamin B compound strong"]),
    ("A vitamin B compound strong tablet once or twice daily.", "sentence", None,
     ["vitamin B compound strong"]),
    # ... and a single B vitamin keeps its own name.
    ("Vitamin B6 taken every day for months can cause a neuropathy.", "sentence", None,
     ["vitamin B6"]),
])
def test_twenty_eighth_round_b_vitamin_products(nlp, text, kind, context, expected):
    assert [o["substance"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A drug added on top of a dosed regimen is one object of its own (decision 19) ...
    ("Ibuprofen is thought safe while breastfeeding: 400 mg three times daily, for a few days "
     "at most, with paracetamol on top if you need it.", ["ibuprofen", "paracetamol"]),
    ("His GP gave him naproxen, 500 mg twice daily, plus omeprazole, one 20 mg capsule before "
     "breakfast, with paracetamol as a top-up.", ["naproxen", "omeprazole", "paracetamol"]),
    # ... not a nutrient on top of an undosed product (styles6), nor a drug taken "with" one
    # with no top-up said.
    ("Most of us take a bariatric multivitamin twice a day, plus B12 on top.", ["multivitamin"]),
    ("A nightly 10 mg amitriptyline tablet with paracetamol helps.", ["amitriptyline"]),
])
def test_twenty_eighth_round_a_drug_added_on_top(nlp, text, expected):
    assert [o["substance"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # "injecting" a drug names the injection form, as "injected" does ...
    ("A spinal specialist might discuss injecting steroid next to the nerve root.",
     [("injection", "steroid")]),
])
def test_twenty_eighth_round_injecting(nlp, text, expected):
    assert [(o["route"], o["substance"]) for o in _parsed(text, nlp)] == expected


def test_twenty_eighth_round_someone_who_injects_drugs_is_no_dose(nlp):
    # ... while someone who injects drugs is a risk, not a dose.
    tags = tag_unit("Back pain with a fever, especially in someone who injects drugs, needs "
                    "urgent care.", "sentence", None, nlp)
    assert "dosage" not in tags.types


@pytest.mark.parametrize("text,expected", [
    # A syrup is taken by mouth (decision 18), an object of its own beside injections ...
    ("For children who are short, the GP may give injections or a high-strength syrup until "
     "the level is back to normal.", ["injection", "oral"]),
    # ... and an oral solution stays oral.
    ("Gabapentin oral solution is available at 50 mg in every millilitre.", ["oral"]),
])
def test_twenty_eighth_round_a_syrup_is_oral(nlp, text, expected):
    assert [o["route"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A group told to keep off a regimen or to check it first is cautioned, no population ...
    ("Ibuprofen, 400 mg after each of three meals a day, may help over a few days, though "
     "anyone with asthma, an ulcer or poorly kidneys should run it past a pharmacist.", [None]),
    ("The pharmacist will say 200 to 400 mg thrice a day, though people with an ulcer or "
     "asthma that it worsens should give it a miss.", [None]),
    # ... while a group given its own dose after "though" keeps it.
    ("Duloxetine is generally started at 60 mg once daily, or at 30 mg in people prone to "
     "nausea.", [None, "people prone to nausea"]),
])
def test_twenty_eighth_round_a_group_cautioned(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # Drugs offered as alternatives to a dosed regimen after ", and" get one object each
    # (decision 19), as after ", or" ...
    ("Amitriptyline is often taken at night in doses of 10 to 25 mg, and duloxetine or "
     "pregabalin if that fails or is not tolerated.",
     ["amitriptyline", "duloxetine", "pregabalin"]),
    # ... while a second drug with its own dose is its own regimen as before.
    ("Take amitriptyline 10 mg at night, and ibuprofen 400 mg three times a day.",
     ["amitriptyline", "ibuprofen"]),
])
def test_twenty_eighth_round_alternatives_after_and(nlp, text, expected):
    assert [o["substance"] for o in _parsed(text, nlp)] == expected


# Issue 5, twenty-ninth round (blind25 became a development set).

@pytest.mark.parametrize("text,kind,context,expected", [
    # A schedule a group forgets describes the group; the dose's own schedule comes after ...
    ("Students who forget their daily capsules may take 500 micrograms every fifth day instead.",
     "sentence", None, ["every fifth day"]),
    ("If morning doses are often missed, switch to 20 mg on a Wednesday and a Saturday.",
     "sentence", None, ["on a Wednesday and a Saturday"]),
    ("if weekly sachets get forgotten, a 50 mg tablet every third day",
     "list_item", "Options for a busy parent:", ["every third day"]),
    # ... while a schedule the group keeps stays the dose's.
    ("Patients who remember their tablets take 10 mg daily.", "sentence", None, ["daily"]),
])
def test_twenty_ninth_round_a_schedule_a_group_forgets(nlp, text, kind, context, expected):
    assert [o["frequency"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A directions column schedules a row whose first cell names only the form ...
    ("Menthol balm | Rubbed into the calf twice daily, five days at most | Cools the skin",
     "table_row", "Product | Directions | What to expect",
     [("twice daily", "five days at most", "topical")]),
    # ... an age column gives the population, a "when to give it" column the schedule ...
    ("5 to 8 years | 20 micrograms as a chewable tablet | Twice a week",
     "table_row", "Child's age | Amount | When to give it",
     [("twice a week", None, "oral")]),
    # ... and one schedule per amount goes to each amount in turn.
    ("Adults | 10 mg tablet, or 50 mg tablet | Twice daily, or once weekly",
     "table_row", "Group | Dose | How often",
     [("twice daily", None, "oral"), ("once weekly", None, "oral")]),
])
def test_twenty_ninth_round_schedule_columns(nlp, text, kind, context, expected):
    found = _parsed(text, nlp, kind, context)
    assert [(o["frequency"], o["duration"], o["route"]) for o in found] == expected


def test_twenty_ninth_round_an_age_column_names_the_population(nlp):
    found = _parsed("5 to 8 years | 20 micrograms as a chewable tablet | Twice a week",
                    nlp, "table_row", "Child's age | Amount | When to give it")
    assert [o["population"] for o in found] == ["5 to 8 years"]


@pytest.mark.parametrize("text,kind,context,expected", [
    ("Take 10 mg daily for the first week or two.", "sentence", None,
     ["for the first week or two"]),
    ("Across the first three weeks she took 200 mg of ibuprofen twice a day.", "sentence",
     None, ["across the first three weeks"]),
    ("He had 1 mg on alternate days over the opening fortnight.", "sentence", None,
     ["over the opening fortnight"]),
    ("Cyanocobalamin, 100 micrograms a day, is kept going while your diet remains unchanged.",
     "sentence", None, ["while your diet remains unchanged"]),
    ("Menthol plaster | One plaster on for 8 hours, then 16 hours off | Cools",
     "table_row", "Remedy | Directions | Likely result", ["for 8 hours, then 16 hours off"]),
])
def test_twenty_ninth_round_lengths(nlp, text, kind, context, expected):
    assert [o["duration"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A count of doses per twenty-four hours, as written ...
    ("He may take 500 mg of paracetamol up to three times per 24 hours.",
     ["up to three times per 24 hours"]),
    # ... a count of "lots" is a count of doses, and a meal before a count set off by a comma
    # gives way to the count.
    ("Swallow 200 mg ibuprofen capsules with meals, no more than four lots daily.",
     ["no more than four lots daily"]),
    ("Swallow 200 mg ibuprofen capsules with meals.", ["with meals"]),
])
def test_twenty_ninth_round_counts_of_doses(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # Drugs offered as alternatives with no dose, a length said after them all: one object each,
    # each with the length ...
    ("Gabapentin, or pregabalin, taken for months can leave people drowsy.",
     [("gabapentin", "for months", None), ("pregabalin", "for months", None)]),
    ("Metformin for diabetes, or indigestion tablets like omeprazole, taken for years, can "
     "lower the level.",
     [("metformin", "for years", None), ("indigestion tablets", "for years", "oral")]),
    # ... not drugs listed with "and".
    ("Metformin and omeprazole taken for years lower the level.",
     [("metformin and omeprazole", "for years", None)]),
])
def test_twenty_ninth_round_alternatives_share_a_trailing_length(nlp, text, expected):
    assert [(o["substance"], o["duration"], o["route"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A generic form after a specific one restates it: no form-only regimen is added ...
    ("Patients get cyanocobalamin injections into muscle, 1 mg per jab, three times weekly for "
     "two weeks, with a booster after that every second month.",
     [(1, "three times weekly", "intramuscular"), (1, "every second month", "intramuscular")]),
    # ... a form before a colon is the form of every amount after it, and "once each quarter"
    # is kept as written.
    ("If tablets fail, hydroxocobalamin shots are used: 1 mg twice weekly for a month, "
     "then 1 mg once each quarter.",
     [(1, "twice weekly", "injection"), (1, "once each quarter", "injection")]),
])
def test_twenty_ninth_round_forms_shared_by_a_loading_and_a_booster(nlp, text, expected):
    assert [(o["amount"], o["frequency"], o["route"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A total said after a count of a strength is the dose, with the strength's schedule ...
    ("He takes three 200 mg tablets a day, making 600 mg.", [(600, "daily")]),
    ("Two 250 mg capsules twice daily, so 500 mg, is the usual ceiling.", [(500, "twice daily")]),
    # (in another mass unit too, as a dose then the strengths that make it is read)
    ("Take two 500 mg tablets four times a day, so 1 g each time.", [(1, "four times a day")]),
    # ... a figure that is not the count times the strength is left alone, and a count alone
    # keeps the strength.
    ("He takes two 500 mg tablets four times a day.", [(500, "four times a day")]),
])
def test_twenty_ninth_round_a_total_after_a_count_of_a_strength(nlp, text, expected):
    assert [(o["amount"], o["frequency"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A group told to take none of it is cautioned, no population ...
    ("Try diclofenac 50 mg twice a day, but anyone with heart disease should take neither.",
     [None]),
    ("Ibuprofen 200 mg up to three times daily helps, though people with asthma should not "
     "take it.", [None]),
    # ... while a group told to take a dose keeps it.
    ("People with kidney disease should take 10 mg daily.", ["people with kidney disease"]),
])
def test_twenty_ninth_round_a_group_told_to_take_none(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # "First amount" and "Ceiling" columns compare regimens of a form the first cell names: one
    # object each; how long a patch stays on before it comes off is its length, as written.
    ("Lidocaine 5% plaster | Worn on the sore spot, removed after twelve hours | Can be used "
     "every day | Redness", "table_row", "Option | First amount | Ceiling | Downsides",
     [("removed after twelve hours", None), (None, "daily")]),
    ("A capsaicin 8% patch goes on the feet in clinic and is removed after 30 minutes.",
     "sentence", None, [("removed after 30 minutes", None)]),
])
def test_twenty_ninth_round_first_amount_and_ceiling_columns(nlp, text, kind, context, expected):
    found = _parsed(text, nlp, kind, context)
    assert [(o["duration"], o["frequency"]) for o in found] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A class set off after a named drug describes it: the drug is the substance ...
    ("Nortriptyline, an older antidepressant in capsule form | 10 mg at night",
     "table_row", "Medicine | Dose", ["nortriptyline"]),
    # ... while a class named alone stays the substance.
    ("An antidepressant in capsule form | 10 mg at night", "table_row", "Medicine | Dose",
     ["antidepressant"]),
])
def test_twenty_ninth_round_a_class_describing_a_drug(nlp, text, kind, context, expected):
    assert [o["substance"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # The second of two forms offered for one amount is the amount's form, no regimen of its
    # own ...
    ("Toddlers get 10 micrograms, as drops or a gummy, every morning.", "sentence", None,
     [(10, "oral")]),
    ("Under 5 | 20 micrograms, as a spray or a chewable | Daily", "table_row",
     "Age | Amount | How often", [(20, "oral")]),
    # ... while a form joined straight to another amount's form stays a regimen of its own.
    ("Take 10 mg tablets or injections.", "sentence", None, [(10, "oral"), (None, "injection")]),
])
def test_twenty_ninth_round_forms_offered_for_one_amount(nlp, text, kind, context, expected):
    assert [(o["amount"], o["route"]) for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # The dose a titration rises to is taken in the form of the first ...
    ("Pregabalin is often begun as one 75 mg capsule at night, rising to 150 mg morning and "
     "evening after a week.", [(75, "oral"), (150, "oral")]),
    # ... not a dose after a new drug's own form.
    ("Take one 75 mg capsule at night, and an injection of 1 mg monthly.",
     [(75, "oral"), (1, "injection")]),
])
def test_twenty_ninth_round_a_titration_keeps_its_form(nlp, text, expected):
    assert [(o["amount"], o["route"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A participle saying what a group was found or diagnosed to have continues the group.
    ("Adults diagnosed with pernicious anaemia need 1 mg injections every three months.",
     ["adults diagnosed with pernicious anaemia"]),
    ("Toddlers found to be low are given 5 micrograms a day.", ["toddlers found to be low"]),
])
def test_twenty_ninth_round_a_group_found_or_diagnosed(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A daily amount in a count of doses spaced or spread through the day, as written.
    ("She takes 600 mg of gabapentin, three doses spread over the day.",
     ["three doses spread over the day"]),
    ("Begin at 50 mg, two doses spaced out across the day.", ["two doses spaced out across the day"]),
])
def test_twenty_ninth_round_doses_spaced_through_the_day(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


# Issue 5, thirtieth round (blind26 became a development set).

@pytest.mark.parametrize("text,kind,context,expected", [
    # A count of days a week is a count, as written, with or without "on" ...
    ("At first the nurse put 1 mg into his thigh muscle three days a week.", "sentence", None,
     ["three days a week"]),
    ("Patients take 20 mg four days per week.", "sentence", None, ["four days per week"]),
    ("a 500 microgram chewable on 2 days of the week", "list_item", "Options:",
     ["on 2 days of the week"]),
    ("Give 250 mg on five days in the week.", "sentence", None, ["on five days in the week"]),
    ("Take 500 micrograms on four days of every week.", "sentence", None,
     ["on four days of every week"]),
    # ... an ordinal gap after "each" as after "every" ...
    ("She had 1 mg each second day while improving.", "sentence", None, ["each second day"]),
    ("Inject 1 mg each third week.", "sentence", None, ["each third week"]),
    # ... a gap said "at ... intervals", kept whole ...
    ("After that he gets 1 mg at eight-weekly intervals.", "sentence", None,
     ["at eight-weekly intervals"]),
    ("Boosters of 1 mg follow at 3-monthly intervals.", "sentence", None,
     ["at 3-monthly intervals"]),
    ("Booster shots of 1 mg are given at intervals of twelve weeks.", "sentence", None,
     ["at intervals of twelve weeks"]),
    ("Injections of 1 mg continue at 12-week intervals.", "sentence", None,
     ["at 12-week intervals"]),
    # ... and bedtime said with a verb or "ahead of".
    ("Take 10 mg as you go to bed.", "sentence", None, ["as you go to bed"]),
    ("Swallow 25 mg just before you go to sleep.", "sentence", None,
     ["just before you go to sleep"]),
    ("Start at 10 mg a couple of hours ahead of bedtime.", "sentence", None,
     ["a couple of hours ahead of bedtime"]),
    ("Take 20 mg two hours prior to bed.", "sentence", None, ["two hours prior to bed"]),
])
def test_thirtieth_round_schedules_in_other_words(nlp, text, kind, context, expected):
    assert [o["frequency"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A clause opening the unit with "while" or "when" names the reader's group, as "if you're"
    # does, and a lead-in's group goes to its items ...
    ("a 25 microgram tablet each morning", "list_item",
     "While pregnant or breastfeeding, one of these will cover you:",
     ["pregnant or breastfeeding"]),
    ("While breastfeeding, take 10 micrograms of B12 a day.", "sentence", None,
     ["breastfeeding"]),
    ("When you are over 65, take 20 micrograms of vitamin D daily.", "sentence", None,
     ["over 65"]),
    ("a 1,000 microgram chewable twice a week", "list_item",
     "Whilst you're vegan, pick one of these:", ["vegan"]),
    # ... not a clause later in the sentence.
    ("Ibuprofen is thought safe while breastfeeding: 400 mg three times daily.", "sentence",
     None, [None]),
])
def test_thirtieth_round_a_group_said_by_while_or_when(nlp, text, kind, context, expected):
    assert [o["population"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # People named by what they do, after a group premodifier or before "who"/"whose" ...
    ("50 mcg in tablet form, swallowed each morning", "list_item",
     "Vegetarian and vegan bowlers without a diagnosed deficiency can use one of these:",
     ["vegetarian and vegan bowlers without a diagnosed deficiency"]),
    ("Older bowlers need 10 micrograms of vitamin D a day.", "sentence", None,
     ["older bowlers"]),
    ("Gardeners whose hands ache usually do well on 400 mg of ibuprofen three times a day.",
     "sentence", None, ["gardeners whose hands ache"]),
    ("Bakers who avoid animal foods need 10 micrograms of B12 daily.", "sentence", None,
     ["bakers who avoid animal foods"]),
    ("Ramblers whose levels are low generally recover on 1,000 micrograms a day.", "sentence",
     None, ["ramblers whose levels are low"]),
    # ... not things ("vegan burgers").
    ("Two vegan burgers and a 10 microgram tablet daily cover most needs.", "sentence", None,
     [None]),
])
def test_thirtieth_round_people_named_by_what_they_do(nlp, text, kind, context, expected):
    assert [o["population"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A length opening the sentence with a preposition of time is said of every regimen in it
    # (decision 21) ...
    ("For the first fortnight he took naproxen 250 mg twice a day, with omeprazole 20 mg "
     "each morning.", ["for the first fortnight", "for the first fortnight"]),
    ("For two weeks she took ibuprofen 400 mg three times a day and paracetamol 1 g four "
     "times a day.", ["for two weeks", "for two weeks"]),
    ("Over ten days he had 500 mg of amoxicillin three times daily plus 20 mg of omeprazole "
     "daily.", ["over ten days", "over ten days"]),
    ("During the first 3 weeks, take 300 mg of gabapentin at night and 10 mg of "
     "amitriptyline at bedtime.", ["during the first 3 weeks", "during the first 3 weeks"]),
    # ... not past a next phase, and a regimen's own length stays.
    ("During the first month, take 1 mg of hydroxocobalamin weekly, then 1 mg every three "
     "months.", ["during the first month", None]),
    ("For a week take 200 mg twice daily, and 100 mg daily for a month.",
     ["for a week", "for a month"]),
])
def test_thirtieth_round_a_length_opening_the_sentence_is_shared(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A season a dose is taken through, as written ...
    ("Take 10 micrograms of vitamin D daily over the winter.", "sentence", None,
     ["over the winter"]),
    ("She takes 20 mg of nifedipine twice a day during the colder months.", "sentence", None,
     ["during the colder months"]),
    # ... periods counted "running" or "in a row" ...
    ("He took 200 mg of ibuprofen three times a day for five days in a row.", "sentence", None,
     ["for five days in a row"]),
    ("The nurse gave 1 mg on alternate days, 2 weeks running.", "sentence", None,
     ["2 weeks running"]),
    ("She had 1 mg injections weekly, three months on the trot.", "sentence", None,
     ["three months on the trot"]),
    # ... the week of a pregnancy a dose runs to ...
    ("Take 400 micrograms of folic acid daily until week 12 of pregnancy.", "sentence", None,
     ["until week 12 of pregnancy"]),
    ("Women take 400 mcg of folic acid a day to the end of the twelfth week.", "sentence", None,
     ["to the end of the twelfth week"]),
    ("Folic acid, 5 mg daily up to the end of the first trimester.", "sentence", None,
     ["up to the end of the first trimester"]),
    # ... and while a flare-up is fresh or at its worst, with its "only".
    ("Whilst the rash is still raw, apply the cream twice daily.", "sentence", None,
     ["whilst the rash is still raw"]),
    ("While the sores were fresh I took 1 g of paracetamol four times a day.", "sentence",
     None, ["while the sores were fresh"]),
    ("Naproxen 250 mg tablets | Twice a day | Only while the pain is at its worst",
     "table_row", "Medicine | How often | How long", ["only while the pain is at its worst"]),
])
def test_thirtieth_round_lengths_in_other_words(nlp, text, kind, context, expected):
    assert [o["duration"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A form the reader would rather avoid or dislikes, in a condition, is no regimen of its own.
    ("Where the ache stays in one spot and you would rather avoid tablets, a capsaicin cream "
     "rubbed in three times a day can help.", [("three times a day", "topical")]),
    ("If you hate tablets, a 1,000 microgram spray under the tongue daily works too.",
     [("daily", "sublingual")]),
    ("When you prefer not to swallow pills, a lidocaine plaster can be worn twice daily.",
     [("twice daily", "topical")]),
    ("If you dislike injections, 2 mg tablets daily can replace them.", [("daily", "oral")]),
])
def test_thirtieth_round_a_form_the_reader_would_rather_avoid(nlp, text, expected):
    assert [(o["frequency"], o["route"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A titration step said "at a time", "each time" or "per step", with or without "by", is
    # no dose taken.
    ("My GP started amitriptyline at 10 mg at night, stepping up 10 mg at a time towards a "
     "ceiling of 50 mg.", [10, 50]),
    ("Pregabalin starts at 75 mg twice daily, adding 25 mg each time, up to 300 mg twice daily.",
     [75, 300]),
    ("Begin nortriptyline at 10 mg at night, going up 10 mg per step to 50 mg.", [10, 50]),
    ("Take 200 mg twice daily, then increase by 100 mg at a time to 400 mg twice daily.",
     [200, 400]),
])
def test_thirtieth_round_a_step_at_a_time_is_no_dose(nlp, text, expected):
    assert [o["amount"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A loading count with the drug before the amount drops both and the form, and the form is
    # the amount's.
    ("Deficiency usually means six hydroxocobalamin 1 mg jabs in the first fortnight, then "
     "tablets or a jab every eight weeks.",
     [("six in the first fortnight", "injection"), (None, "oral"),
      ("every eight weeks", "injection")]),
    ("Treatment starts with five B12 1 mg injections over two weeks, then a jab every three "
     "months.", [("five over two weeks", "injection"), ("every three months", "injection")]),
    ("He had six cyanocobalamin 1,000 microgram shots across a fortnight.",
     [("six across a fortnight", "injection")]),
])
def test_thirtieth_round_a_loading_count_with_the_drug_first(nlp, text, expected):
    assert [(o["frequency"], o["route"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A plaster's hours on and off with a bound and the second "hours" left out, as written,
    # and a "How I used it" column says how the row's form is taken.
    ("Lidocaine plasters | Up to 12 hours on, 12 off | Helped a lot", "table_row",
     "Remedy | How I used it | Verdict", ["up to 12 hours on, 12 off"]),
    ("Menthol patch | At most 8 hours on, then 16 off | Cooling", "table_row",
     "Remedy | How we used them | Verdict", ["at most 8 hours on, then 16 off"]),
    ("Ibuprofen gel | Rubbed in three times a day for a week | Helped", "table_row",
     "Remedy | How she used it | Verdict", ["for a week"]),
    ("A lidocaine plaster can be worn 12 hours on and 12 hours off.", "sentence", None,
     ["12 hours on and 12 hours off"]),
])
def test_thirtieth_round_hours_on_and_off_and_how_i_used_it(nlp, text, kind, context, expected):
    assert [o["duration"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # Lotions and liniments go on the skin (calamine named as sold).
    ("Calamine lotion | Patted onto the spots | Soothing", "table_row",
     "Remedy | How I used it | Verdict", [("topical", "calamine")]),
    ("Apply a soothing lotion twice daily to the sore area.", "sentence", None,
     [("topical", None)]),
    ("Calamine lotions dabbed on three times a day ease the itch.", "sentence", None,
     [("topical", "calamine")]),
    ("A warming liniment rubbed in at night eased his knee.", "sentence", None,
     [("topical", None)]),
])
def test_thirtieth_round_lotions_and_remedies_on_the_skin(nlp, text, kind, context, expected):
    assert [(o["route"], o["substance"]) for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A release form glued by a hyphen names the drug's form, not a level: the drug is the
    # substance ...
    ("A GP may prescribe slow-release nifedipine, often 20 mg twice a day.", ["nifedipine"]),
    ("Take modified-release metformin 500 mg with the evening meal.", ["metformin"]),
    ("She takes extended-release gabapentin, 600 mg at night.", ["gabapentin"]),
    # ... while what stomach acid releases stays a level.
    ("Stomach acid helps release B12 from food, so take 10 micrograms daily.", [None]),
])
def test_thirtieth_round_a_release_form_names_the_drug(nlp, text, expected):
    assert [o["substance"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A group a harm hits harder is a group at risk, no population ...
    ("Patients who drink heavily tend to be hit harder, as do those given larger doses.", [None]),
    ("Older adults on 300 mg a day or more are worst affected.", [None]),
    ("People with kidney disease who take 1,800 mg daily are affected more badly.", [None]),
    # ... while a group given a dose keeps it.
    ("Older adults should take 10 micrograms daily.", ["older adults"]),
])
def test_thirtieth_round_a_group_hit_harder_is_at_risk(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # "and he now" (she, they) opens a next phase, a regimen of its own, as "and now" does.
    ("He had 1 mg into the thigh three days a week, two weeks running, and he now goes back "
     "for a booster every twelve weeks for life.",
     [("three days a week", "two weeks running"), ("every twelve weeks", "for life")]),
    ("She had 1 mg injections on alternate days for two weeks, and she now has one every three "
     "months.", [("on alternate days", "for two weeks"), ("every three months", None)]),
    ("They took 1 mg on alternate days for a fortnight, and they now take one every 8 weeks.",
     [("on alternate days", "for a fortnight"), ("every 8 weeks", None)]),
])
def test_thirtieth_round_a_next_phase_with_its_subject(nlp, text, expected):
    assert [(o["frequency"], o["duration"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # An article after a comma opens the dose: the group ends before it and the form is the
    # dose's.
    ("for people who hate daily pills, a single weekly 2,000 microgram tablet", "list_item",
     "Options for adults:", [("people who hate daily pills", "oral")]),
    ("For toddlers who refuse drops, an oral spray of 5 micrograms daily works.", "sentence",
     None, [("toddlers who refuse drops", "oral")]),
    ("For students who skip breakfast, a 10 microgram chewable tablet every day.", "sentence",
     None, [("students who skip breakfast", "oral")]),
])
def test_thirtieth_round_an_article_after_a_comma_ends_the_group(nlp, text, kind, context,
                                                                 expected):
    assert [(o["population"], o["route"]) for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A course kept up until a review, as written.
    ("Give 1 mg on alternate days until haematology review, then every 2 months.",
     ["until haematology review", None]),
    ("Keep taking 300 mg of gabapentin at night until your follow-up.", ["until your follow-up"]),
    ("Take 20 mg of omeprazole daily until your next appointment.",
     ["until your next appointment"]),
    ("Continue 10 mg amitriptyline nightly until the pain clinic review.",
     ["until the pain clinic review"]),
])
def test_thirtieth_round_a_course_until_a_review(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


# Thirtieth round, second pass (styles12)

@pytest.mark.parametrize("text,context,expected", [
    # A "When" (or "Timing", "How it is taken") column says when the row's dose is taken, and
    # a dose column that only counts the form the strength is given in is that dose's count.
    ("Sertraline 50 mg tablets | one tablet | each morning, with water | six months",
     "Drug | Dose | When | For how long", [(50, "each morning", "oral", "six months")]),
    ("Codeine 15 mg tablets | one or two tablets | every 6 hours | 3 days",
     "Medicine | Dose | Timing | Duration", [(15, "every 6 hours", "oral", "3 days")]),
    ("Lansoprazole 15 mg capsules | one capsule | once daily | while on aspirin",
     "Medicine | Dose | When | How long", [(15, "once daily", "oral", "while on aspirin")]),
    # No amount: the counted form under "Dose" is the dose the other cells say how to take.
    ("Co-dydramol 10/500 | two tablets | up to four times a day | a week at most",
     "Medicine | Dose | When | For how long", [(None, "up to four times a day", "oral",
                                               "a week at most")]),
])
def test_styles12_a_when_column_and_a_counted_form(nlp, text, context, expected):
    found = [(o["amount"], o["frequency"], o["route"], o["duration"])
             for o in _parsed(text, nlp, "table_row", context)]
    assert found == expected


@pytest.mark.parametrize("text,context,expected", [
    # Doses compared in columns ("First dose | Usual top dose") each take the form and the
    # time the how-to-take cell gives; a dose cell's own schedule stays its own.
    ("Nortriptyline | capsule by mouth at bedtime | 10 mg | 75 mg",
     "Medicine | How it is taken | Starting dose | Maximum dose",
     [(10, "at bedtime", "oral"), (75, "at bedtime", "oral")]),
    ("Gabapentin | capsule by mouth, three times a day | 300 mg | 1200 mg twice a day",
     "Drug | How taken | First dose | Top dose",
     [(300, "three times a day", "oral"), (1200, "twice a day", "oral")]),
    ("Capsaicin plaster | on the skin | one plaster | four plasters",
     "Medicine | How it is used | Starting dose | Maximum dose",
     [(None, None, "topical"), (None, None, "topical")]),
])
def test_styles12_compared_doses_share_how_to_take(nlp, text, context, expected):
    found = [(o["amount"], o["frequency"], o["route"])
             for o in _parsed(text, nlp, "table_row", context)]
    assert found == expected


@pytest.mark.parametrize("text,expected", [
    # A meal or a gap right after a schedule restates it: no regimen of its own.
    ("Take one capsule every morning before breakfast.", ["every morning"]),
    ("Take two tablets four times a day, at least 4 hours apart.", ["four times a day"]),
    ("Swallow one sachet each evening after your dinner.", ["each evening"]),
    ("Take the capsules twice daily, twelve hours apart.", ["twice daily"]),
    # An amount keeps its first schedule too.
    ("Take 20 mg every morning before breakfast.", ["every morning"]),
])
def test_styles12_a_meal_or_gap_restates_the_schedule(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A length said in a row or roughly, or joined to a second period, is kept whole.
    ("Do not take 1 g for more than three days in a row.", ["for more than three days in a row"]),
    ("Take 10 mg daily for five nights running.", ["for five nights running"]),
    ("Take 2 mg up to three times a day, but only over 3 days or so.", ["over 3 days or so"]),
    ("Take 20 mg daily for weeks or even months.", ["for weeks or even months"]),
    ("Take one 1,000 IU softgel each morning through autumn and winter.",
     ["through autumn and winter"]),
    # ... but not a next step joined by "and then".
    ("Take 10 mg daily for two weeks and then stop.", ["for two weeks"]),
    # Whoever conceives: from before conception up to a week of pregnancy.
    ("Take 400 micrograms every day from before she gets pregnant until week 12.",
     ["from before she gets pregnant until week 12"]),
    ("Women should take 400 mcg daily from before they start trying until week 12.",
     ["from before they start trying until week 12"]),
])
def test_styles12_a_length_in_a_row_roughly_or_two_periods(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A titration step in words (any unit) is how much the dose goes up by, no dose taken.
    ("If nothing has improved after a fortnight, the dose can be stepped up by ten milligrams "
     "each week, to a usual ceiling of 50 mg a night.", [(50, "a night")]),
    ("Start with 10 mg at night, then the dose is raised by ten mg every week up to 50 mg.",
     [(10, "at night"), (50, None)]),
    ("The dose is bumped up by twenty-five milligrams every three days to a maximum of 150 mg "
     "twice a day.", [(150, "twice a day")]),
    ("Begin on 300 mg once a day; it is increased by three hundred milligrams every few days "
     "until 900 mg a day is reached.", [(300, "once a day"), (900, "daily")]),
    # A dose in words with no step is still a dose.
    ("Take ten milligrams each week.", [(10, "weekly")]),
])
def test_styles12_a_titration_step_in_words(nlp, text, expected):
    assert [(o["amount"], o["frequency"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A dose then the count of a strength that makes it (any mass unit) is one regimen.
    ("The adult dose is 1 g, meaning two 500mg tablets, at most four times in any 24 hours.",
     [(1, "g", "oral")]),
    ("Take 1,000 mg (two 500 mg tablets) up to four times a day.", [(1000, "mg", "oral")]),
    ("The usual dose is 600 mg, that is three 200 mg capsules, twice a day.",
     [(600, "mg", "oral")]),
    # A count that does not make the dose is another regimen.
    ("Take 1 g or two 250 mg tablets twice daily.", [(1, "g", None), (250, "mg", "oral")]),
])
def test_styles12_a_dose_then_the_strengths_that_make_it(nlp, text, expected):
    assert [(o["amount"], o["unit"], o["route"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,context,expected", [
    # A schedule the header implies ("Per daily dose") yields to one the row's cell states ...
    ("NerveCalm B12 Spray | oral spray | 1,000 µg per two sprays | two sprays every other day",
     "Product | Form | Per daily dose | Directions", ["every other day"]),
    ("SunD Max | capsule | 4,000 IU | one capsule twice a week",
     "Product | Form | Daily dose | How to take it", ["twice a week"]),
    ("Iron Easy | tablet | 14 mg | one each morning",
     "Product | Form | Amount per day | Directions", ["each morning"]),
    # ... but not to a meal or to a cell with no schedule.
    ("Folate Plus | tablet | 400 mcg | one with breakfast",
     "Product | Form | Daily amount | Directions", ["daily"]),
    ("Zinc Gold | tablet | 25 mg | swallow whole", "Product | Form | Daily dose | Directions",
     ["daily"]),
])
def test_styles12_a_cells_schedule_beats_the_headers(nlp, text, context, expected):
    assert [o["frequency"] for o in _parsed(text, nlp, "table_row", context)] == expected


@pytest.mark.parametrize("text,expected", [
    # A ceiling counted in forms per 24 hours, with what they hold between: the period.
    ("Do not take more than 8 tablets containing paracetamol in 24 hours.", ["in 24 hours"]),
    ("Never take more than six capsules of ibuprofen in any 24 hours.", ["in any 24 hours"]),
    ("Take no more than three tablets in twenty-four hours.", ["in twenty-four hours"]),
    # Counted in doses: as written, the drug left out.
    ("Have no more than 4 doses of co-codamol in 24 hours, leaving four hours between them.",
     ["no more than 4 doses in 24 hours"]),
    ("Take up to 3 doses of naproxen gel in any 24 hours.", ["up to 3 doses in any 24 hours"]),
    # After a schedule it is only that schedule's limit.
    ("One or two tablets every 4 hours, no more than 8 tablets in 24 hours, for up to 3 days.",
     ["every 4 hours"]),
])
def test_styles12_a_ceiling_counted_in_24_hours(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A form in a condition where it harms is ruled out beside another form or an amount ...
    ("If tablets upset your stomach, ibuprofen gel rubbed in three or four times daily is "
     "worth a try.", [("topical", "three or four times daily")]),
    ("When pills disagree with you, a diclofenac gel rubbed in three times a day can help.",
     [("topical", "three times a day")]),
    ("If the capsules make you sick, a 1 mg injection every three months is an option.",
     [("injection", "every three months")]),
    # ... but stays when it is the only form named.
    ("If the tablets upset your stomach, take them with food.", [("oral", None)]),
])
def test_styles12_a_form_that_harms_is_ruled_out(nlp, text, expected):
    assert [(o["route"], o["frequency"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # How often a level is checked (any form of the verb, or a check named as a noun) is no
    # dose frequency.
    ("That dose is safe at any age, though his GP should check his level once a year.",
     [None]),
    ("Take 1 mg daily; your GP will test your level every three months.", ["daily"]),
    ("Take 1,000 mcg a day, and ask for a blood test every year.", ["daily"]),
    ("Take 1,000 mcg a day and have your kidneys monitored every six months.", ["daily"]),
    # A dose's own schedule stays.
    ("Take 10 mg a day as a test dose.", ["daily"]),
])
def test_styles12_how_often_a_level_is_checked(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A generic "inject" left alone names the kind of injection a dose of its sentence gets.
    ("Some people inject themselves, buying ampoules privately and putting 1 mg under the "
     "skin once a week.", [(1, "subcutaneous")]),
    ("He injects at home, with the nurse's help, putting 1 mg into the thigh muscle every "
     "eight weeks.", [(1, "intramuscular")]),
    ("Others learn to inject, and give 250 micrograms subcutaneously each week.",
     [(250, "subcutaneous")]),
    # Another form stays a regimen of its own.
    ("Tablets are easy, but some take 1,000 mcg under the tongue daily.",
     [(None, "oral"), (1000, "sublingual")]),
])
def test_styles12_a_generic_injection_names_the_doses_kind(nlp, text, expected):
    assert [(o["amount"], o["route"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # Until levels or stores recover, for as long as symptoms keep improving, as written.
    ("Take 1 mg a day until levels recover.", ["until levels recover"]),
    ("Take 200 mg of iron daily until your iron stores are topped up.",
     ["until your iron stores are topped up"]),
    ("Take 5 mg of folic acid daily until folate levels pick up.",
     ["until folate levels pick up"]),
    ("Give 1 mg on alternate days for as long as symptoms keep improving.",
     ["for as long as symptoms keep improving"]),
    # A pregnancy a dose is taken through.
    ("They can; a spray giving 10 to 50 micrograms a day is plenty during pregnancy.",
     ["during pregnancy"]),
    ("Keep taking 400 mcg daily throughout your pregnancy.", ["throughout your pregnancy"]),
    ("Take 10 micrograms a day during pregnancy and breastfeeding.",
     ["during pregnancy and breastfeeding"]),
])
def test_styles12_until_levels_recover_and_through_pregnancy(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A count before "every day" / "each week" is kept as written, as "once a day" is.
    ("Our mouth spray gives 500 mcg; aim it at the inside of the cheek once every day.",
     ["once every day"]),
    ("Take one 1,000 mcg tablet once each week.", ["once each week"]),
    ("Rub in 1 g of the gel three times each day.", ["three times each day"]),
    # No count: plain daily.
    ("Take 10 micrograms every day.", ["daily"]),
])
def test_styles12_a_count_before_every_day(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A daily total with the split it is taken as: one regimen, the split in the frequency.
    ("A few patients are given 120 mg a day as 60 mg twice daily.",
     [(120, "a day as 60 mg twice daily")]),
    ("The usual total is 1,200 mg daily, taken as 400 mg three times a day.",
     [(1200, "daily, taken as 400 mg three times a day")]),
    ("Take 40 mg a day given as 20 mg morning and evening.",
     [(40, "a day given as 20 mg morning and evening")]),
    # Alternatives joined by "or" stay two regimens.
    ("Take 120 mg a day, or 60 mg twice daily.", [(120, "daily"), (60, "twice daily")]),
])
def test_styles12_a_daily_total_with_its_split(nlp, text, expected):
    assert [(o["amount"], o["frequency"]) for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A ceiling "in a day" right after an amount is plain daily ...
    ("Don't go over 1200 mg in a day unless a doctor has told you to take more.", ["daily"]),
    ("Do not take more than 600 mg in a day.", ["daily"]),
    ("Never exceed 4 g in one day.", ["daily"]),
    ("Adults should not take more than 25 micrograms in a day.", ["daily"]),
])
def test_styles12_a_ceiling_in_a_day(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


def test_styles12_a_share_of_a_days_need_is_no_dose(nlp):
    # ... not a food's share of what is needed in a day.
    assert _parsed("A glass of milk gives about 1 microgram of vitamin B12, around two thirds "
                   "of what an adult needs in a day.", nlp) == []


@pytest.mark.parametrize("text,expected", [
    # A schedule by the fortnight is kept as written; a fortnight's length is no schedule.
    ("Dogs get 250 micrograms under the skin weekly for six weeks, then once a fortnight for "
     "six weeks, then monthly.", ["weekly", "once a fortnight", "monthly"]),
    ("She has 1 mg injections every fortnight.", ["every fortnight"]),
    ("Take one 5,000 mcg tablet fortnightly.", ["fortnightly"]),
    ("Take 1 mg on alternate days for a fortnight.", ["on alternate days"]),
])
def test_styles12_a_schedule_by_the_fortnight(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # Animals a vet page doses are the population, as people are.
    ("Cats with low B12 get 250 micrograms under the skin weekly for six weeks.",
     ["cats with low B12"]),
    ("Dogs over 25 kg get 1,200 micrograms once weekly.", ["dogs over 25 kg"]),
    ("Kittens with diarrhoea are given 250 micrograms weekly.", ["kittens with diarrhoea"]),
    # A quantifier with no defined group stays no population.
    ("Most pets receive cobalamin as an injection under the skin.", [None]),
])
def test_styles12_animals_as_populations(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A clock time with am or pm right after an amount's unit is the dose's time, as written.
    ("I started on 10mg at 8pm, went up to 25mg after two weeks and have stayed there.",
     ["at 8pm", None]),
    ("Take 25 mg at 9 pm.", ["at 9 pm"]),
    ("Metformin 500 mg at 8am and 8pm with food.", ["at 8am and 8pm"]),
    # Elsewhere it is when something happened.
    ("I wake at 3am and take 10 mg every night.", ["every night"]),
])
def test_styles12_a_clock_time_after_the_dose(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # How long a drug has been taken when a risk rises, after a dose, as written ...
    ("The chance is greater above 1,500 mg a day and after more than four years on the drug.",
     ["after more than four years"]),
    ("Risk rises at doses over 2,000 mg a day and after about five years of use.",
     ["after about five years"]),
    ("Metformin gradually lowers B12, especially at higher doses and after several years.",
     ["after several years"]),
    # ... not a diet's years, nor when a result was seen.
    ("My B12 was low after two years as a vegan and my GP suggested 50 mcg tablets.", [None]),
    ("Those given 850 mg twice a day were more likely to be deficient after several years.",
     [None]),
])
def test_styles12_after_years_on_a_drug(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text", [
    # A time of life is a length only beside an amount or a schedule.
    "Recommended intakes of folate, and advice on folic acid supplements before and during "
    "pregnancy.",
    "She has been vegan for six years and had not taken a supplement during pregnancy.",
    "Many women take iron tablets throughout pregnancy without trouble.",
])
def test_styles12_a_pregnancy_alone_is_no_regimen(nlp, text):
    assert all(o["duration"] is None for o in _parsed(text, nlp))


# Issue 5, thirty-first round (blind27 became a development set).

@pytest.mark.parametrize("text,kind,context,expected", [
    # A part of the day after a named day is kept with it, as written (blind27) ...
    ("2,000 micrograms swallowed once, every Sunday morning", "list_item",
     "Vegan adults can pick one of these:", ["every Sunday morning"]),
    ("Take 50,000 IU of vitamin D each Friday evening.", "sentence", None,
     ["each Friday evening"]),
    ("He has a 1 mg injection every Monday and Thursday morning.", "sentence", None,
     ["every Monday and Thursday morning"]),
    ("A 2,500 microgram chewable on Saturday mornings suits most people.", "sentence", None,
     ["on Saturday mornings"]),
    ("She takes 10 mg of amitriptyline on Sunday nights.", "sentence", None,
     ["on Sunday nights"]),
    ("Take 1,000 micrograms every Monday morning and Thursday evening.", "sentence", None,
     ["every Monday morning and Thursday evening"]),
    # ... a day alone stays as it was, and one day with one morning is a date, no schedule.
    ("Take 1,000 mcg every Sunday.", "sentence", None, ["every Sunday"]),
    ("We met on Sunday morning and she took 400 mg of ibuprofen.", "sentence", None, [None]),
])
def test_thirty_first_round_a_day_with_its_part_of_the_day(nlp, text, kind, context, expected):
    assert [o["frequency"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A muscle named with any determiner and one to three sites is the muscle route
    # (blind26, blind27) ...
    ("hydroxocobalamin 1 mg into the thigh or arm muscle on alternate days", "list_item",
     "For someone with nerve symptoms, the usual plan is:", ["intramuscular"]),
    ("The nurse gives 1 mg into her upper arm muscle every three months.", "sentence", None,
     ["intramuscular"]),
    ("Hydroxocobalamin 1,000 micrograms goes into the buttock, thigh or upper arm muscle "
     "weekly.", "sentence", None, ["intramuscular"]),
    ("The practice nurse put 1 mg of hydroxocobalamin into his thigh muscle three days a "
     "week.", "sentence", None, ["intramuscular"]),
    # ... and every form of the verbs of taking names the form of the dose after it ...
    ("The practice nurse jabbed his shoulder with 1 mg of hydroxocobalamin every second day.",
     "sentence", None, ["injection"]),
    ("My GP jabbed 1,000 micrograms into my arm weekly for a month.", "sentence", None,
     ["injection"]),
    ("She swallows 400 mg of ibuprofen three times a day.", "sentence", None, ["oral"]),
    # ... but not the later amounts of its sentence, which a form word before the drug gives
    # them ("oral cyanocobalamin 50 micrograms daily, or 1 mg daily") ...
    ("Evander swallows amitriptyline 10 mg each evening, and his GP nudged it up to 30 mg "
     "across six weeks.", "sentence", None, ["oral", None]),
    ("Oral cyanocobalamin 50 micrograms daily, or 1 mg daily.", "sentence", None,
     ["oral", "oral"]),
])
def test_thirty_first_round_muscles_and_verbs_of_taking(nlp, text, kind, context, expected):
    assert [o["route"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text", [
    # ... and a muscle where it hurts, or a jab that is a feeling, is no route.
    "There was a tight knot in my shoulder muscle after 20 minutes of rowing.",
    "Stretch the calf muscle for 30 seconds twice a day.",
])
def test_thirty_first_round_a_muscle_that_hurts_is_no_route(nlp, text):
    assert all(o["route"] is None for o in _parsed(text, nlp))


def test_thirty_first_round_being_jabbed_is_a_feeling(nlp):
    tags = tag_unit("a sudden stab, like being jabbed with a hot needle", "list_item",
                    "Patients describe it as:", nlp)
    assert "dosage" not in tags.types and tags.dosage is None


@pytest.mark.parametrize("text,expected", [
    # A substance a drug pulls, drags or knocks down is a level, not what is taken (blind23,
    # blind27) ...
    ("Both are known to pull B12 down when taken for years.", [None]),
    ("Metformin taken for several years can drag your vitamin B12 down.", ["metformin"]),
    ("Taking metformin for many years slowly pulls B12 down as well.", ["metformin"]),
    ("Long courses of omeprazole taken daily knock B12 down in some people.", ["omeprazole"]),
    ("Metformin taken daily can pull down B12 over the years.", ["metformin"]),
    # ... not one brought up, washed down or cut down to a new dose.
    ("If levels are low, bring B12 up with 1,000 micrograms daily.", ["vitamin B12"]),
    ("Take your B12 tablet with breakfast and wash it down with water.", ["vitamin B12"]),
    ("Cut the B12 down to 500 micrograms a day once levels recover.", ["vitamin B12"]),
])
def test_thirty_first_round_a_substance_pulled_down_is_a_level(nlp, text, expected):
    assert [o["substance"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A count of doses right after "N mg a time" is the schedule, as a count of times is
    # (blind27) ...
    ("Those who cannot take anti-inflammatories can use paracetamol instead, 1 g a time, "
     "four doses a day at most.", ["four doses a day at most"]),
    ("Ibuprofen can be taken at 400 mg a time, up to three doses a day.",
     ["up to three doses a day"]),
    ("Adults take 500 mg a time, no more than four doses in 24 hours.",
     ["no more than four doses in 24 hours"]),
    ("Naproxen goes up to 500 mg a time, two doses daily.", ["two doses daily"]),
    # ... and "a time" alone stays the bound on each dose.
    ("Pregabalin can go as far as 300 mg a time.", ["a time"]),
])
def test_thirty_first_round_a_count_of_doses_after_a_time(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A form the dose is had "without" is no regimen of its own (blind23, blind27) ...
    ("Chicken, fish and bananas give most adults the 1.4 mg or so they need each day without "
     "any pills.", [None]),
    ("For people who eat too little B12, a tablet of cyanocobalamin each day, 50 micrograms, "
     "is usually enough without any jabs.", ["oral"]),
    ("Most people recover on 1,000 micrograms of B12 tablets a day without needing "
     "injections.", ["oral"]),
    ("Two eggs and a glass of milk give you the 2.4 micrograms you need daily without taking "
     "supplements.", [None]),
    # ... "without food" or "without a prescription" leaves the form alone.
    ("Take 400 mg of ibuprofen tablets three times a day, with or without food.", ["oral"]),
    ("B12 can be bought without a prescription as tablets of 1,000 micrograms.", ["oral"]),
])
def test_thirty_first_round_a_form_done_without(nlp, text, expected):
    assert [o["route"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A rough count of days or weeks of a drug is its length, kept whole (blind27) ...
    ("Two or three days of ibuprofen, 400 mg thrice daily after eating, is reasonable.",
     ["two or three days"]),
    ("Three to five days of naproxen, 250 mg twice a day, usually settles it.",
     ["three to five days"]),
    ("One or two weeks of amitriptyline at 10 mg nightly is enough to judge it.",
     ["one or two weeks"]),
    # ... and so are long courses or runs of a named drug (blind24, blind27) ...
    ("Long runs of omeprazole can lower B12.", ["long runs"]),
    ("Members on long courses of steroid tablets are more prone to it.", ["long courses"]),
    ("Long courses of metformin or heartburn tablets also wear levels down.",
     ["long courses", "long courses"]),
])
def test_thirty_first_round_lengths_of_a_drug(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text", [
    # ... not of drugs left unnamed in a list of harms, nor weeks of an effect.
    "Long courses of some antibiotics, certain heart drugs and some chemotherapy can all "
    "damage nerves.",
    "Two or three weeks of relief followed each injection.",
])
def test_thirty_first_round_no_length_of_an_unnamed_drug(nlp, text):
    assert all(o["duration"] is None for o in _parsed(text, nlp))


@pytest.mark.parametrize("text,expected", [
    # The group cases involve, or harm is reported or seen in, is whom an effect is seen in,
    # not a group given the dose (blind11, blind27) ...
    ("Cases have been reported at doses as low as 50 mg a day taken for long periods, and "
     "most involve people with no idea how much B6 their products contained.", [None]),
    ("With vitamin B6, nerve problems have been reported in people who took over 100 mg daily "
     "for several months.", [None]),
    ("Numbness is mostly seen in adults taking 200 mg of B6 a day for years.", [None]),
    # ... and so is a group that takes up less of a nutrient, as one that absorbs less ...
    ("Older customers take up less B12 from food because their stomachs make less acid, and "
     "long courses of metformin also wear levels down.", [None]),
    # ... not a group told to take a dose.
    ("Adults over 60 should take 10 micrograms of B12 daily.", ["adults over 60"]),
    ("Pregnant women need 400 micrograms of folic acid a day.", ["pregnant women"]),
])
def test_thirty_first_round_a_group_an_effect_is_seen_in(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # Meals said with "each" or "every" are the schedule, as written (blind27) ...
    ("Quentin was put on naproxen, 500 mg each breakfast and supper.",
     ["each breakfast and supper"]),
    ("Take 300 mg of gabapentin every breakfast, lunch and dinner.",
     ["every breakfast, lunch and dinner"]),
    ("Metformin 500 mg with every breakfast and evening meal.",
     ["with every breakfast and evening meal"]),
    ("I take a 10 microgram tablet every breakfast.", ["every breakfast"]),
    # ... and after another schedule a meal still only restates it.
    ("Take one 20 mg capsule each morning with breakfast.", ["each morning"]),
])
def test_thirty_first_round_meals_with_each_or_every(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,kind,context,expected", [
    # A length set off by a comma after drugs taken alongside each other goes to each, whatever
    # their schedules (blind3, blind27) ...
    ("Quentin was put on naproxen, 500 mg each breakfast and supper, plus a 20 mg omeprazole "
     "capsule daily to guard his stomach, for ten days.", "sentence", None,
     ["for ten days", "for ten days"]),
    ("She had ibuprofen 400 mg three times a day plus lansoprazole 15 mg each morning, for a "
     "fortnight.", "sentence", None, ["for a fortnight", "for a fortnight"]),
    ("Take naproxen 250 mg twice daily along with omeprazole 20 mg daily, for up to two weeks.",
     "sentence", None, ["for up to two weeks", "for up to two weeks"]),
    ("Combination | Methylcobalamin 500 micrograms three times a day plus alpha-lipoic acid "
     "600 mg once a day, both by mouth, for 24 weeks", "table_row",
     "Participant group/arm | Intervention/treatment", ["for 24 weeks", "for 24 weeks"]),
    # ... not a length of the last drug's own, not set off.
    ("He took 1 g of paracetamol four times a day, and 400 mg of ibuprofen three times a day "
     "for five days.", "sentence", None, [None, "for five days"]),
    ("Take 1,000 micrograms once daily, or 1 mg three times a week for 2 weeks.", "sentence",
     None, [None, "for 2 weeks"]),
])
def test_thirty_first_round_a_set_off_length_of_drugs_taken_alongside(nlp, text, kind, context,
                                                                      expected):
    assert [o["duration"] for o in _parsed(text, nlp, kind, context)] == expected


@pytest.mark.parametrize("text,expected", [
    # How long a cream prickles, tingles, smarts or itches is how long an effect lasts, not how
    # long it is used (blind27), as for stinging ...
    ("Evander also tried a chilli-derived cream on the soles, four applications a day, which "
     "may blunt the heat though it prickles badly at first.", [None]),
    ("Capsaicin cream, rubbed in three times a day, tingles for the first few days.", [None]),
    ("The cream smarts at first, so apply it four times daily.", [None]),
    # ... not the length of the use.
    ("Capsaicin cream four times a day for a few weeks, and it stings at first.",
     ["for a few weeks"]),
])
def test_thirty_first_round_how_long_a_cream_prickles(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # An hour said before "each evening" or "every morning" is kept with it, as written
    # (blind27) ...
    ("Evander swallows amitriptyline 10 mg around eight each evening.",
     ["around eight each evening"]),
    ("Take 25 mg of amitriptyline at about 9 every night.", ["at about 9 every night"]),
    ("She has 10 micrograms of vitamin D at seven every morning.", ["at seven every morning"]),
    ("Nortriptyline 10 mg, roughly ten o'clock each night, helps her sleep.",
     ["roughly ten o'clock each night"]),
    # ... or after it ...
    ("She takes 50 mg of amitriptyline each night at around ten.",
     ["each night at around ten"]),
    ("Take 25 mg every evening at 9 o'clock.", ["every evening at 9 o'clock"]),
    # ... and the time of day alone stays as it was.
    ("Take 300 mg of gabapentin every evening.", ["every evening"]),
    ("Take 300 mg of gabapentin every evening at home.", ["every evening"]),
])
def test_thirty_first_round_an_hour_before_each_evening(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # "-toin" names a drug as written, as the other INN stems do (blind27, styles11).
    ("During a severe flare some people are admitted to hospital for a phenytoin drip.",
     ["phenytoin"]),
    ("In hospital, fosphenytoin is given intravenously over 30 minutes.", ["fosphenytoin"]),
    ("Nitrofurantoin 100 mg twice a day for three days clears most bladder infections.",
     ["nitrofurantoin"]),
])
def test_thirty_first_round_hydantoins_are_named(nlp, text, expected):
    assert [o["substance"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # An adverb of time before a participle that continues a group is part of it (blind27) ...
    ("Anyone already found to be deficient will be treated by their doctor, often with "
     "hydroxocobalamin injections.", ["anyone already found to be deficient"]),
    ("Adults recently diagnosed with pernicious anaemia need 1 mg injections every three "
     "months.", ["adults recently diagnosed with pernicious anaemia"]),
    ("Patients still taking metformin should have 1,000 micrograms of B12 daily.",
     ["patients still taking metformin"]),
    ("People newly found to be low usually start on 1 mg on alternate days.",
     ["people newly found to be low"]),
    # ... not an adverb before the main verb.
    ("Adults already need 10 micrograms of vitamin D daily.", ["adults"]),
])
def test_thirty_first_round_an_adverb_before_found_or_diagnosed(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # "To begin with" or "to start with" right after a form says when in a course it is given,
    # as "at first" does (blind27) ...
    ("Anyone found to be deficient will be treated by their doctor, often with "
     "hydroxocobalamin injections to begin with.", ["to begin with"]),
    ("Children found to be deficient are usually treated with hydroxocobalamin injections to "
     "start with.", ["to start with"]),
    ("Most people are given B12 jabs to begin with and tablets later.", ["to begin with", None]),
    # ... not after a dose, a verb or a level (blind9, blind21, styles1).
    ("Duloxetine: 60 mg once a day, sometimes 30 mg to begin with.", [None, None]),
    ("GPs tend to begin with amitriptyline 10 mg in the evening.", [None]),
])
def test_thirty_first_round_to_begin_with_after_a_form(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A dose taken only when a symptom flares is the schedule, as written (blind10, blind27) ...
    ("The omeprazole was cut back to 20 mg only on days when the heartburn flares.",
     ["only on days when the heartburn flares"]),
    ("She now takes 400 mg of ibuprofen only when the back pain flares up.",
     ["only when the back pain flares up"]),
    ("Use 1 g of paracetamol only on days when your symptoms are severe.",
     ["only on days when your symptoms are severe"]),
    # ... a count set off after it is the schedule ...
    ("After that, take ibuprofen 400 mg only when pain flares, no more than three times a day.",
     ["no more than three times a day"]),
    # ... and without "only" it says when a drug is used, no schedule.
    ("Tramadol 50 mg is kept for short bursts when the pain flares.", [None]),
])
def test_thirty_first_round_only_when_a_symptom_flares(nlp, text, expected):
    assert [o["frequency"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A drug added after a dosed regimen to guard the stomach is one object of its own, as one
    # added on top is (blind27) ...
    ("I was prescribed naproxen, 250 mg with breakfast, lunch and dinner for a maximum of seven "
     "days, along with lansoprazole to spare my stomach.", ["naproxen", "lansoprazole"]),
    ("She takes ibuprofen 400 mg three times a day, with omeprazole to protect her stomach.",
     ["ibuprofen", "omeprazole"]),
    ("Diclofenac 50 mg twice daily, plus lansoprazole to guard the stomach.",
     ["diclofenac", "lansoprazole"]),
    ("He was given naproxen 500 mg twice a day, alongside omeprazole to shield his gut.",
     ["naproxen", "omeprazole"]),
    # ... or for another purpose ...
    ("Naproxen 500 mg twice a day, plus omeprazole for stomach protection.",
     ["naproxen", "omeprazole"]),
    ("Ibuprofen 400 mg three times a day, with amitriptyline to help her sleep.",
     ["ibuprofen", "amitriptyline"]),
    # ... not food or water taken to protect it, nor a drug taken "with" one with no purpose
    # said.
    ("Naproxen 250 mg twice a day, with food to protect the stomach.", ["naproxen"]),
    ("Take 1 g of paracetamol four times a day, with water to stop it sticking.",
     ["paracetamol"]),
    ("A nightly 10 mg amitriptyline tablet with paracetamol helps.", ["amitriptyline"]),
])
def test_thirty_first_round_a_drug_added_to_guard_the_stomach(nlp, text, expected):
    assert [o["substance"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A drug named with no amount, its own schedule or length right after it, then another
    # drug's dose joined by "and" or "plus", is a regimen of its own (blind27) ...
    ("Papà had taken omeprazole for heartburn every day for over ten years, and metformin, 1 g "
     "twice a day with meals.",
     [("omeprazole", None, "daily", "for over ten years"),
      ("metformin", 1, "twice a day", None)]),
    ("She had used lansoprazole daily for five years and metformin 500 mg twice a day.",
     [("lansoprazole", None, "daily", "for five years"),
      ("metformin", 500, "twice a day", None)]),
    ("My mum has been on omeprazole for years, plus 1 g of metformin twice daily.",
     [("omeprazole", None, None, "for years"), ("metformin", 1, "twice daily", None)]),
    ("Take vitamin D daily and 1,000 micrograms of B12 weekly.",
     [("vitamin D", None, "daily", None), ("vitamin B12", 1000, "weekly", None)]),
    ("He has used lansoprazole every morning for six years, as well as metformin 850 mg twice "
     "daily.", [("lansoprazole", None, "every morning", "for six years"),
                ("metformin", 850, "twice daily", None)]),
    # ... not a drug whose dose follows it, nor a drug after the sentence's first dose.
    ("Metformin 500 mg twice daily and omeprazole 20 mg daily for years.",
     [("metformin", 500, "twice daily", None), ("omeprazole", 20, "daily", "for years")]),
])
def test_thirty_first_round_a_drug_with_its_own_schedule_before_another_dose(nlp, text,
                                                                            expected):
    assert [(o["substance"], o["amount"], o["frequency"], o["duration"])
            for o in _parsed(text, nlp)] == expected


def test_thirty_first_round_a_drug_with_its_own_form_and_schedule(nlp):
    # Its form between the drug and its schedule is its own, not the later dose's.
    assert [(o["substance"], o["amount"], o["frequency"], o["route"]) for o in _parsed(
        "Ibuprofen gel three times a day, plus paracetamol 1 g four times a day.", nlp)] == [
        ("ibuprofen", None, "three times a day", "topical"),
        ("paracetamol", 1, "four times a day", None)]


@pytest.mark.parametrize("text,expected", [
    # A length from when a condition was found, with "ever since", as written (blind27) ...
    ("Metformin, 1 g twice a day with meals, ever since his diabetes was picked up.",
     ["ever since his diabetes was picked up"]),
    ("She has taken 500 mg of metformin twice a day ever since she was diagnosed.",
     ["ever since she was diagnosed"]),
    ("He has had a 1 mg injection every three months ever since his operation.",
     ["ever since his operation"]),
    # ... not "since" giving a reason.
    ("Take 1,000 micrograms daily, since your diet holds little B12.", [None]),
])
def test_thirty_first_round_ever_since(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A group right after a dose and its schedule, after "for" or "in", is the dose's own, over
    # a group named before it (blind8, blind23, blind27) ...
    ("Children need less, from around 0.5 micrograms a day in toddlers.", ["toddlers"]),
    ("Children need less: around half a microgram a day for toddlers, rising towards the adult "
     "figure by the early teens.", ["toddlers"]),
    ("Mean daily intake of vitamin B12 from food was 5.1 micrograms for men and 3.8 micrograms "
     "for women.", ["men", "women"]),
    ("Adults need 1.5 micrograms a day, and 0.5 micrograms a day for toddlers.",
     ["adults", "toddlers"]),
    # ... and a group named once still goes to every dose.
    ("Older people absorb less, so 10 micrograms a day for adults over 65 is advised.",
     ["adults over 65"]),
])
def test_thirty_first_round_the_group_right_after_a_dose(nlp, text, expected):
    assert [o["population"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # What is injected, right before an injection word, is the substance as written (blind27) ...
    ("Some clinics offer alcohol injections into the neuroma, given once a week for four to "
     "seven weeks.", ["alcohol"]),
    ("Dextrose injections are given every two weeks.", ["dextrose"]),
    ("Saline injections were used as the placebo, once a week.", ["saline"]),
    ("Hyaluronic acid injections are given weekly for three weeks.", ["hyaluronic acid"]),
    # ... not the drink or the rinse.
    ("Cutting down on alcohol and taking 100 mg of thiamine daily helps.", ["thiamine"]),
])
def test_thirty_first_round_what_is_injected(nlp, text, expected):
    assert [o["substance"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A dose given "by needle" or "via a needle" is an injection (blind27) ...
    ("Since swallowing is no good, the vitamin normally goes in by needle.", ["injection"]),
    ("For people who cannot absorb it, B12 is given by needle every three months.",
     ["injection"]),
    ("The drug goes in via a needle into the muscle once a month.", ["intramuscular"]),
    # ... not a dislike of needles.
    ("She hates needles, so she takes 1,000 micrograms by mouth.", ["oral"]),
])
def test_thirty_first_round_by_needle(nlp, text, expected):
    assert [o["route"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A length nearly reached or just passed is a length, as written (blind27) ...
    ("Zoltan had been taking a vitamin B6 supplement for nearly two years.",
     ["for nearly two years"]),
    ("She took 1,000 micrograms of B12 daily for almost three months.",
     ["for almost three months"]),
    ("He has been on metformin 500 mg twice a day for close to ten years.",
     ["for close to ten years"]),
    ("Take 400 mg of ibuprofen three times a day for just under a week.",
     ["for just under a week"]),
    # ... and a plain one stays as it was.
    ("He had been taking a vitamin B6 supplement for two years.", ["for two years"]),
])
def test_thirty_first_round_a_length_nearly_reached(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


@pytest.mark.parametrize("text,expected", [
    # A stretch, spell or course with a bound is how long a drug may be used, said by itself
    # (blind27) ...
    ("Keep any codeine to a three-day stretch at most, because it binds you up.",
     ["a three-day stretch at most"]),
    ("Limit ibuprofen to a five-day course at most.", ["a five-day course at most"]),
    ("Naproxen, 250 mg twice a day, a seven-day spell at the outside.",
     ["a seven-day spell at the outside"]),
])
def test_thirty_first_round_a_stretch_with_a_bound(nlp, text, expected):
    assert [o["duration"] for o in _parsed(text, nlp)] == expected


def test_thirty_first_round_a_stretch_without_a_bound_is_no_regimen(nlp):
    # ... not a stretch with no bound and no drug.
    assert _parsed("He went a three-day stretch without sleep after the fall.", nlp) == []


@pytest.mark.parametrize("text,expected", [
    # A drug added after the sentence's last dose, with its own schedule or length right after
    # it (and perhaps its form), is a regimen of its own too (styles11) ...
    ("Naproxen 500 mg twice a day, with omeprazole every morning.",
     [("naproxen", 500, "twice a day", None), ("omeprazole", None, "every morning", None)]),
    ("Amitriptyline 10 mg at night, plus paracetamol four times a day.",
     [("amitriptyline", 10, "at night", None), ("paracetamol", None, "four times a day", None)]),
    ("One 100 mg thiamine tablet three times a day, with a vitamin B compound strong tablet "
     "once or twice daily.",
     [("thiamine", 100, "three times a day", "oral"),
      ("vitamin B compound strong", None, "once or twice daily", "oral")]),
    ("Take 1,000 micrograms of B12 daily, and folic acid for four months.",
     [("vitamin B12", 1000, "daily", None), ("folic acid", None, None, None)]),
    # ... not a level checked after the dose.
    ("Hydroxocobalamin 1 mg every three months, with B12 levels checked yearly.",
     [("hydroxocobalamin", 1, "every three months", None)]),
])
def test_thirty_first_round_a_drug_with_its_own_schedule_after_the_last_dose(nlp, text,
                                                                             expected):
    assert [(o["substance"], o["amount"], o["frequency"], o["route"])
            for o in _parsed(text, nlp)] == expected
