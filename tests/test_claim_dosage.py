"""Dosage fields the parser reads from a unit (pipeline/claim_dosage.py, rules/claims/dosage.toml).

Twenty-second round: general causes read in the dosage-field errors of blind18 and the
newest development sets. Each row is a made-up unit and the field of each object, in order.
"""
from __future__ import annotations

import pytest

from pipeline.claims import build_nlp, tag_unit


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def _objects(text, nlp, kind="sentence", context=None):
    tags = tag_unit(text, kind, context, nlp)
    assert "dosage" in tags.types
    return tags.dosage if isinstance(tags.dosage, list) else [tags.dosage]


def _field(text, field, nlp, kind="sentence", context=None):
    return [o[field] for o in _objects(text, nlp, kind, context)]


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
    objects = _objects(text, nlp)
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
    objects = _objects(text, nlp)
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
