"""The claim pipeline's components: tokenizer rule, sentences, types, hedges, negation, dosage."""
from __future__ import annotations

import pytest

from pipeline.claims import build_nlp, get_nlp, split_sentences, tag_unit


@pytest.fixture(scope="session")
def nlp():
    return build_nlp("rules")


# ----------------------------------------------------------------------- tokenizer
@pytest.mark.parametrize("text, tokens", [
    ("1,000mcg", ["1,000", "mcg"]),
    ("5,000IU", ["5,000", "IU"]),
    ("500mg", ["500", "mg"]),
    ("2.5μg", ["2.5", "μg"]),
    ("B12", ["B12"]),
    ("D3", ["D3"]),
    ("COVID-19", ["COVID-19"]),
    ("1st", ["1st"]),
])
def test_number_unit_infix(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


# ----------------------------------------------------------------------- sentences
@pytest.mark.parametrize("text, sentences", [
    ("Injections vs. tablets: both work. Ask Dr. Patel first.",
     ["Injections vs. tablets: both work.", "Ask Dr. Patel first."]),
    ("Some drugs (e.g. omeprazole) lower B12. Others do not.",
     ["Some drugs (e.g. omeprazole) lower B12.", "Others do not."]),
    ("Only about 1% is absorbed, i.e. approx. 10 mcg. That is enough.",
     ["Only about 1% is absorbed, i.e. approx. 10 mcg.", "That is enough."]),
    # a parliamentary transcript's "the hon. Member", "the Rt. Hon. Member" (blind7)
    ("I thank the hon. Member for giving way. The Rt. Hon. Member for Bath agreed.",
     ["I thank the hon. Member for giving way.", "The Rt. Hon. Member for Bath agreed."]),
    ("Adults require approximately 4.0 micrograms daily. Children need less.",
     ["Adults require approximately 4.0 micrograms daily.", "Children need less."]),
    ("Doses of 1000-2000 μg are common. Levels were 312 ± 96 pg/mL. Both are typical.",
     ["Doses of 1000-2000 μg are common.", "Levels were 312 ± 96 pg/mL.", "Both are typical."]),
    ("She said “Take it daily.” Then she left.",
     ["She said “Take it daily.”", "Then she left."]),
    # A straight quote after a space opens the next sentence; glued to the mark it closes.
    ('The trial was small. "We were surprised," said Dr. Lee. "More work is needed." Others agree.',
     ["The trial was small.", '"We were surprised," said Dr. Lee.', '"More work is needed."',
      "Others agree."]),
    ("It is called 'pins and needles.' It passes.",
     ["It is called 'pins and needles.'", "It passes."]),
    ("High doses may cause acne [3]. Rarely, rashes occur.",
     ["High doses may cause acne [3].", "Rarely, rashes occur."]),
    ("High doses may cause acne.[3] Rarely, rashes occur.",
     ["High doses may cause acne.[3]", "Rarely, rashes occur."]),
    ("Is it safe? Yes! Most people tolerate it.",
     ["Is it safe?", "Yes!", "Most people tolerate it."]),
    # An initial after a label or at a sentence's start is not a full stop.
    ("Action: R. Hughes to update the leaflet. Agreed. T. Moss will check the doses.",
     ["Action: R. Hughes to update the leaflet.", "Agreed.", "T. Moss will check the doses."]),
    ("Mushrooms are fortified with vitamin D. Vitamin D3 works better.",
     ["Mushrooms are fortified with vitamin D.", "Vitamin D3 works better."]),
    ("Reviewed by J. Smith, MD. Updated yearly.",
     ["Reviewed by J. Smith, MD.", "Updated yearly."]),
    ("Early diagnosis matters", ["Early diagnosis matters"]),
    # "No." and "p." before a number abbreviate "number" and "page"; before a word, or
    # answering a question, "No." is a word and ends its sentence.
    ("The clinic was voted No. 2 in the region. It opened in 1998.",
     ["The clinic was voted No. 2 in the region.", "It opened in 1998."]),
    ("Dosing tables are on p. 14 of the leaflet.", ["Dosing tables are on p. 14 of the leaflet."]),
    ("Can I stop the tablets? No. Keep taking them until your review.",
     ["Can I stop the tablets?", "No.", "Keep taking them until your review."]),
    ("Does the injection hurt? No. 9 in 10 people feel only a scratch.",
     ["Does the injection hurt?", "No.", "9 in 10 people feel only a scratch."]),
    # A quoted comment is one sentence with its introduction, not cut at its full stops.
    ("Dr Rees, who led the audit, said: “We saw fewer falls. Patients slept better. We will "
     "carry on.” The audit ends in May.",
     ["Dr Rees, who led the audit, said: “We saw fewer falls. Patients slept better. We will "
      "carry on.”", "The audit ends in May."]),
    ('"Quick and easy. Results in 2 days." The kit costs £29.',
     ['"Quick and easy. Results in 2 days."', "The kit costs £29."]),
    # A letter naming a call, an option or a case is no initial: "Call A." is a label.
    ("Call A. Caller asked whether B12 tablets help tingling feet. Option B. Keep the dose.",
     ["Call A.", "Caller asked whether B12 tablets help tingling feet.", "Option B.",
      "Keep the dose."]),
    # An initial after a title is no abbreviation ("p." the page): "Dr P. Ilunga".
    ("Signed: R. Mendes, pharmacist. Copy to GP, Dr P. Ilunga.",
     ["Signed: R. Mendes, pharmacist.", "Copy to GP, Dr P. Ilunga."]),
    # A sentence may start with an abbreviation written in mixed case.
    ("Serum B12 was 162 ng/L, with a normal folate. eGFR 41 mL/min. mRNA was not tested.",
     ["Serum B12 was 162 ng/L, with a normal folate.", "eGFR 41 mL/min.",
      "mRNA was not tested."]),
    ("Take 1 tsp. daily with food.",
     ["Take 1 tsp. daily with food."]),
])
def test_sentence_splitting(nlp, text, sentences):
    found = split_sentences(text, nlp)
    assert found == sentences
    assert all(s in text for s in found)


# ----------------------------------------------------------------------- types
@pytest.mark.parametrize("claim_type, text, kind, context", [
    ("mechanism", "Vitamin B12 is essential for the production of myelin.", "sentence", None),
    ("symptom", "Low B12 can cause numbness and tingling in the feet.", "sentence", None),
    ("dosage", "Adults need 2.4 mcg of vitamin B12 a day.", "sentence", None),
    ("treatment", "Duloxetine relieves diabetic nerve pain in many patients.", "sentence", None),
    ("risk_factor", "People who take metformin are at higher risk of B12 deficiency.",
     "sentence", None),
    ("diagnosis", "A blood test measures serum B12 levels.", "sentence", None),
    ("prevalence", "About 1 in 20 adults over 60 has a B12 deficiency.", "sentence", None),
    ("food_source", "Clams, beef liver and fortified cereals are rich in B12.", "sentence", None),
    ("symptom", "Persistent Fatigue", "list_item", "Common symptoms of a B12 deficiency include:"),
    ("food_source", "Sardines", "list_item", "Good food sources of B12 include:"),
    # Side effects and trial comparisons (README decision 12).
    ("treatment", "Pregabalin can leave some people feeling dizzy.", "sentence", None),
    ("treatment", "Iron tablets often upset the stomach.", "sentence", None),
    ("treatment", "After a year, pain scores in the two groups were no different.",
     "sentence", None),
    # The course and onset of a symptom, and a first-person account (decision 9).
    ("symptom", "Shingles can leave a burning pain that lasts for several months.",
     "sentence", None),
    ("symptom", "In B12 deficiency the trouble usually starts in both feet.", "sentence", None),
    ("symptom", "For months my hands have felt numb in the mornings.", "sentence", None),
    ("mechanism", "Gabapentin is removed from the body by the kidneys.", "sentence", None),
    ("mechanism", "The virus lies dormant in nerve roots for years.", "sentence", None),
    # Contraindications, interactions, prevention and antidotes are treatment claims.
    ("treatment", "Do not use this medicine if you are allergic to cobalt.", "sentence", None),
    ("treatment", "Hydroxocobalamin is used for prophylaxis after stomach surgery.",
     "sentence", None),
    ("treatment", "hot packs for ten minutes", "list_item", "Your physiotherapist may suggest:"),
    ("treatment", "Anaemia", "list_item", "Indications"),
    ("risk_factor", "Sciatica becomes more common after the age of 40.", "sentence", None),
    ("risk_factor", "Women develop carpal tunnel syndrome three times as often as men.",
     "sentence", None),
    ("prevalence", "There are about 40,000 new cases a year.", "sentence", None),
    ("prevalence", "Most back pain gets better within six weeks.", "sentence", None),
    ("diagnosis", "The doctor may check Tinel's sign at the wrist.", "sentence", None),
    ("diagnosis", "High doses of folic acid can mask a B12 deficiency.", "sentence", None),
    # What a person has, reports or notices (a clinic letter's findings), also denied.
    ("symptom", "She reports tingling in both hands.", "sentence", None),
    ("symptom", "He has no weakness in the hands.", "sentence", None),
    # A test's result and what it is in keeping with.
    ("diagnosis", "Intrinsic factor antibodies were negative.", "sentence", None),
    ("diagnosis", "The pattern is in keeping with an axonal neuropathy.", "sentence", None),
    # A contraindication lead-in and its items (decision 12: safety is treatment).
    ("treatment", "Do not take Nervalin if you:", "sentence", None),
    ("treatment", "Never take ibuprofen while you are pregnant.", "sentence", None),
    ("treatment", "have severe kidney disease", "list_item", "Do not take Nervalin if you:"),
    # A change in how someone looks or feels, and a sense lost, told as a narrative.
    ("symptom", "Over the winter she grew pale and breathless.", "sentence", None),
    ("symptom", "By spring his legs had become weak and numb.", "sentence", None),
    ("symptom", "My father slowly lost the feeling in his toes.", "sentence", None),
    # A heading that says how the reader might feel gives its items the symptom type.
    ("symptom", "find stairs hard to climb", "list_item", "How you may feel with low iron"),
    # How common a condition is in one group compared with another.
    ("risk_factor", "Gout clusters in families.", "sentence", None),
    # When a symptom is worse, and what makes it flare.
    ("symptom", "Many people find their restless legs are worse in the evening.", "sentence", None),
    ("symptom", "Cold weather can make it flare.", "sentence", None),
    # What the body needs a nutrient for.
    ("mechanism", "Your body needs iron to make healthy blood.", "sentence", None),
    # A bare treatment noun with a condition or a symptom beside it still counts.
    ("treatment", "Medicines for nerve pain take a few weeks to work.", "sentence", None),
    ("risk_factor", "Men get kidney stones more often than women.", "sentence", None),
])
def test_type_on_a_clear_example(nlp, claim_type, text, kind, context):
    assert claim_type in tag_unit(text, kind, context, nlp).types


@pytest.mark.parametrize("claim_type, text", [
    # Preventing damage by treatment is not a pathway (README decision on causes).
    ("mechanism", "Early diagnosis and treatment are essential to prevent lasting nerve damage."),
    # Relieving a symptom is a treatment effect, not a symptom claim.
    ("symptom", "B12 injections relieved the tingling in her feet."),
    # A blood level is not a dose.
    ("dosage", "Serum B12 below 148 pmol/L indicates a deficiency."),
    ("treatment", "Sign up for our newsletter about new pain treatments."),
    ("risk_factor", "Metformin is sold under several brand names."),
    ("diagnosis", "Talk to your doctor about testing."),
    # "Common symptoms include" is not a prevalence figure, and a bare lead-in names none.
    ("prevalence", "Common symptoms of deficiency include:"),
    ("symptom", "Common symptoms of deficiency include:"),
    ("food_source", "Ask your pharmacist which brand to buy."),
    # The nutrient content of a food portion is food_source, not a dose.
    ("dosage", "Clams (3 oz): about 84 mcg"),
    # "symptoms last longer than" in a condition is not the course of a symptom.
    ("symptom", "Scans are rarely needed unless symptoms last longer than six weeks."),
    # Not taking a supplement is a cause, not a treatment claim.
    ("treatment", "Vegans who don't take a supplement are at risk of deficiency."),
    ("mechanism", "Cold compresses soothe itchy skin."),
    # A response rate in a group of patients is not how common a condition is.
    ("prevalence", "About 1 in 3 patients with shingles pain get at least half their pain "
                   "relieved by the patch."),
    ("prevalence", "The commonest side effects are nausea and headache."),
    ("dosage", "Long-term nerve pain is common in people taking metformin."),
    ("symptom", "People who have back pain often benefit from walking."),
    ("diagnosis", "Her mood was positive after the walk."),
    ("treatment", "Do not forget to check your feet if you have diabetes."),
    # Getting better is not a symptom; a lost sense in a condition or a description is not
    # a claim that someone has it.
    ("symptom", "Within a month the rash became less painful."),
    ("symptom", "If you have lost feeling in your feet, check them every day."),
    ("symptom", "Ulcers form on toes that have lost sensation."),
    # Bare treatment nouns with nothing treated: page furniture, not a treatment claim.
    ("treatment", "Please bring a list of all the medicines you take."),
    ("treatment", "3 interactions found."),
    ("mechanism", "You need a blood test to make sure the dose is right."),
])
def test_look_alike_is_not_that_type(nlp, claim_type, text):
    assert claim_type not in tag_unit(text, "sentence", None, nlp).types


def test_medicines_under_a_causes_leadin_are_causes_not_treatments(nlp):
    tags = tag_unit("some epilepsy drugs and HIV medicines", "list_item",
                    "Other causes of neuropathy include:", nlp)
    assert "risk_factor" in tags.types and "treatment" not in tags.types
    # A medicine that names what it does is still a treatment claim.
    tags = tag_unit("painkillers that relieve the pain", "list_item",
                    "Other causes of neuropathy include:", nlp)
    assert "treatment" in tags.types


@pytest.mark.parametrize("text, context", [
    ("200 g frozen peas", "Pea & Mint Soup > Ingredients"),
    ("2 handfuls of watercress", "Ingredients"),
    ("explain why folate deficiency causes anaemia", "After this session you will be able to:"),
    ("list the foods richest in vitamin B12", "Learning objectives"),
    ("12:05 Why numb toes need checking", "In this episode"),
])
@pytest.mark.parametrize("source", ["rules", "combined"])
def test_items_under_a_non_claim_context_carry_no_type(text, context, source):
    # A recipe's ingredients, a course's outcomes, a podcast's chapters: with the model too.
    assert tag_unit(text, "list_item", context, get_nlp(source)).types == ()


@pytest.mark.parametrize("source", ["rules", "combined"])
def test_a_dose_under_an_ingredients_heading_is_still_a_dose(source):
    tags = tag_unit("Folic acid 400 µg", "list_item", "Ingredients", get_nlp(source))
    assert tags.types == ("dosage",) and tags.dosage["amount"] == 400


def test_side_effect_band_gives_its_items_treatment_and_prevalence(nlp):
    band = "Uncommon (may affect up to 1 in 100 people):"
    assert tag_unit(band, "sentence", None, nlp).types == ()
    tags = tag_unit("Ringing in the ears", "list_item", band, nlp)
    assert {"treatment", "prevalence"} <= set(tags.types)


def test_a_leadin_dose_goes_to_items_without_one(nlp):
    leadin = "You need a higher dose of 20 micrograms a day if you:"
    tags = tag_unit("are over 65", "list_item", leadin, nlp)
    assert {"dosage", "risk_factor"} <= set(tags.types)
    assert (tags.dosage["amount"], tags.dosage["unit"], tags.dosage["frequency"]) == \
        (20, "mcg", "daily")
    # An item with a dose of its own keeps it; an item under a lead-in without one has none.
    assert tag_unit("take 5 mg weekly", "list_item", leadin, nlp).dosage["amount"] == 5
    assert tag_unit("are over 65", "list_item", "You may need more B12 if you:",
                    nlp).dosage is None
    # Over foods the lead-in's amount is their content, not a dose.
    assert tag_unit("a glass of milk", "list_item",
                    "Each of these foods gives about 1 microgram a day:", nlp).dosage is None


def test_questions_carry_no_type(nlp):
    tags = tag_unit("Can vitamin B12 help nerve pain?", "sentence", None, nlp)
    assert tags.types == () and not tags.hedged


# ----------------------------------------------------------------------- hedge, negation
@pytest.mark.parametrize("text, hedged, negated", [
    ("Vitamin B12 may reduce nerve pain.", True, False),
    ("Some studies suggest that B12 eases back pain.", True, False),
    ("NSAIDs are usually not helpful for nerve pain.", False, True),
    ("There is no cure for hereditary neuropathy.", False, True),
    ("Magnesium is unlikely to prevent leg cramps.", True, True),
    ("B12 injections reduce pain in deficient patients.", False, False),
    # Cues in a subordinate clause do not count (README decision 4).
    ("While opioids may relieve pain, they are addictive.", False, False),
    ("Pregnant women are vulnerable, as deficiency can harm the fetus.", False, False),
    ("Toxicity is almost always caused by supplements, not by sunlight.", False, False),
    # Coordinated main clauses each count (decision 5).
    ("The trial was small, so the result might not hold up.", True, True),
    # "can" as ability or permission is no hedge (decision 6).
    ("A nerve conduction study can confirm the diagnosis.", False, False),
    ("Do not stop taking metformin on your own.", False, True),
])
def test_hedged_and_negated(nlp, text, hedged, negated):
    tags = tag_unit(text, "sentence", None, nlp)
    assert (tags.hedged, tags.negated) == (hedged, negated)


# Seventeenth round (blind13 joins): what a carer or a service can do for you is what they are
# able or allowed to do, not a possibility (decision 6); a possibility beside it still counts.
@pytest.mark.parametrize("text, hedged", [
    ("Your GP can prescribe duloxetine on the NHS.", False),
    ("Managers can approve shorter shifts for a few weeks.", False),
    ("Our pharmacists can also help you choose a painkiller.", False),
    ("A practice nurse can give the injection at home, and it may ease the tingling.", True),
    ("Nerve damage in the feet can lead to falls.", True),
])
def test_what_a_carer_can_do_is_no_hedge(nlp, text, hedged):
    assert tag_unit(text, "sentence", None, nlp).hedged is hedged


# Thirtieth round (blind26): what a test can show is its ability, no hedge; a sign that can show
# up as, or show as, a symptom is a possibility (decision 6).
@pytest.mark.parametrize("text, hedged", [
    ("A blood test can show whether your B12 level is low.", False),
    ("An MRI scan can also show which nerve root is pressed on.", False),
    ("In the mother it can show as unusual tiredness and tingling hands.", True),
    ("A shortage can show up as pins and needles or a poor memory.", True),
    ("Low folate can also show itself as a sore, smooth tongue.", True),
])
def test_a_sign_that_can_show_as_a_symptom_is_hedged(nlp, text, hedged):
    assert tag_unit(text, "sentence", None, nlp).hedged is hedged


# A limit is no denial, nor is a contrastive tail before a possessive (decision 7).
@pytest.mark.parametrize("text, negated", [
    ("Take paracetamol 1 g up to four times a day, with no more than 4 g in 24 hours.", False),
    ("Codeine should be used for no longer than three days.", False),
    ("Test the water with your elbow, not your feet.", False),
    ("Codeine is no better than paracetamol for back pain.", True),
])
def test_limits_and_contrastive_tails_are_no_negation(nlp, text, negated):
    assert tag_unit(text, "sentence", None, nlp).negated is negated


# Eighteenth round (styles6 and blind14): a span of time is no denial ("in the first few
# weeks", "every few hours", "over the next few days"); "few" alone still is (decision 7).
@pytest.mark.parametrize("text, negated", [
    ("It often stings for the first few days.", False),
    ("Take a short walk every few hours.", False),
    ("The tingling should settle over the next few weeks.", False),
    ("Few trials have looked at this.", True),
])
def test_spans_of_time_are_no_negation(nlp, text, negated):
    assert tag_unit(text, "sentence", None, nlp).negated is negated


# ----------------------------------------------------------------------- dosage
def _dosage(text, kind="sentence", context=None, nlp=None):
    tags = tag_unit(text, kind, context, nlp)
    assert "dosage" in tags.types
    return tags.dosage


def test_dosage_range_in_micrograms(nlp):
    d = _dosage("Maintenance: 1000-2000 μg orally once a day", "list_item", "Typical doses:", nlp)
    assert d["amount"] == [1000, 2000] and d["unit"] == "mcg"
    assert d["route"] == "oral" and d["frequency"] == "once a day"


@pytest.mark.parametrize("written, unit", [
    ("100 micrograms", "mcg"), ("100 µg", "mcg"), ("100 μg", "mcg"), ("100 mcg", "mcg"),
    ("100 μgm", "mcg"), ("100 milligrams", "mg"), ("100 mg", "mg"), ("400 IU", "IU"),
])
def test_units_are_normalised(nlp, written, unit):
    d = _dosage(f"Adults should take {written} of it daily.", nlp=nlp)
    assert d["amount"] == 100 or d["amount"] == 400
    assert d["unit"] == unit


def test_route_frequency_duration(nlp):
    d = _dosage("Hydroxocobalamin 1 mg is given intramuscularly every 2 months for life.", nlp=nlp)
    assert d == {"amount": 1, "unit": "mg", "frequency": "every 2 months",
                 "route": "intramuscular", "duration": "for life", "population": None,
                 "substance": "hydroxocobalamin"}


@pytest.mark.parametrize("text, key, value", [
    ("Take 1,000mcg of vitamin B12 weekly.", "frequency", "weekly"),
    ("Take 5 mg of folic acid per day for 4 months.", "duration", "for 4 months"),
    ("Take 1 mg three times weekly.", "frequency", "three times weekly"),
    ("Take iron on alternate days at 60 mg.", "frequency", "on alternate days"),
    ("Inject 1 mg subcutaneously once a month.", "route", "subcutaneous"),
    ("A 1,000 mcg sublingual lozenge is enough.", "route", "sublingual"),
    ("Take 1,000mcg of vitamin B12 weekly.", "substance", "vitamin B12"),
    ("Adults over 70 need 20 mcg of vitamin D daily.", "population", "adults over 70"),
    # Durations are kept as written, with a leading "for" (README decision 19).
    ("Treat for at least 3 months with 1 mg daily.", "duration", "for at least 3 months"),
    # A drug's long-term use is a duration of use (decision 14), not a long-term condition.
    ("Low B12 is found in 1 in 10 people on long-term metformin.", "duration", "long-term"),
    ("Low B12 is found in 1 in 10 people on long-term metformin.", "substance", "metformin"),
    ("Take 1 mg daily, at least 3 months in total.", "duration", "at least 3 months"),
    ("Take 1 mg daily for 3 months or longer.", "duration", "for 3 months or longer"),
    ("Take 1 mg daily for longer than 2 years.", "duration", "for longer than 2 years"),
    # A range written in two units is one range in the first unit.
    ("Adults take 500 mg to 1 g at a time.", "amount", [500, 1000]),
    ("Adults take 500 mg to 1 g at a time.", "unit", "mg"),
    ("Take 10 mg each evening.", "frequency", "each evening"),
    ("Take 10 mg in the evening.", "frequency", "in the evening"),
    ("Take 500 mg no more than four times in 24 hours.", "frequency",
     "no more than four times in 24 hours"),
    # A count with its period is kept as written (decision 17).
    ("Give 1 mg once per month.", "frequency", "once per month"),
    ("Then give 1 mg once every three months.", "frequency", "once every three months"),
    ("Two doses of the vaccine are injected, four to eight weeks apart.", "frequency",
     "four to eight weeks apart"),
    ("Take omeprazole 20 mg every morning.", "frequency", "every morning"),
    ("Give 1.5 mg/kg by intravenous infusion over 20 minutes.", "duration", "over 20 minutes"),
    ("Take 400 mcg of folic acid daily until week 12 of pregnancy.", "duration",
     "until week 12 of pregnancy"),
    ("All pregnant and breastfeeding women need 10 mcg of vitamin D daily.", "population",
     "all pregnant and breastfeeding women"),
    ("Children aged 6 months to 5 years: 1 mg daily.", "population",
     "children aged 6 months to 5 years"),
    # The group ends where the main clause's subject starts.
    ("In patients on warfarin it may be given at 1 mg subcutaneously.", "population",
     "patients on warfarin"),
])
def test_dosage_parts(nlp, text, key, value):
    assert _dosage(text, nlp=nlp)[key] == value


def test_two_regimens_give_a_list(nlp):
    d = _dosage("In one trial, 500 mcg of cyanocobalamin three times weekly worked as well "
                "as 1500 mcg once weekly.", nlp=nlp)
    assert isinstance(d, list) and len(d) == 2
    assert [r["amount"] for r in d] == [500, 1500]
    assert [r["frequency"] for r in d] == ["three times weekly", "once weekly"]
    # A substance named once is copied to every regimen (README decision 21).
    assert [r["substance"] for r in d] == ["cyanocobalamin", "cyanocobalamin"]


def test_dosage_without_parts_is_all_null(nlp):
    assert _dosage("Very high doses may trigger acne.", nlp=nlp) == {
        "amount": None, "unit": None, "frequency": None, "route": None, "duration": None,
        "population": None, "substance": None}


def test_table_row_takes_parts_from_header(nlp):
    d = _dosage("Adults 19-70 | 15 mcg | 600 IU", "table_row",
                "Age group | Vitamin D per day (UK) | Vitamin D per day (US)", nlp)
    assert [(r["amount"], r["unit"]) for r in d] == [(15, "mcg"), (600, "IU")]
    assert {r["frequency"] for r in d} == {"daily"}
    assert {r["substance"] for r in d} == {"vitamin D"}
    assert {r["population"] for r in d} == {"adults 19-70"}


def test_bracketed_equivalent_is_not_a_second_dose(nlp):
    d = _dosage("Adults need 10 micrograms (400 IU) of vitamin D a day.", nlp=nlp)
    assert isinstance(d, dict) and (d["amount"], d["unit"]) == (10, "mcg")
