"""Type cue rules of pipeline/claim_types.py (type_patterns.jsonl, heading_patterns.jsonl,
types.toml) added from the development sets' errors: made-up examples, one row per case."""
from __future__ import annotations

import pytest

from pipeline.claims import build_nlp, tag_unit


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("rules")


# --------------------------------------------------------- thirteenth round (blind9 joins)
@pytest.mark.parametrize("text,kind,context", [
    # A list of causes names what causes the condition (decision 8).
    ("Other causes include long-term alcohol use, some cancer drugs and a lack of folate.",
     "sentence", None),
    # The age band a condition is commonest in names who is at risk.
    ("Carpal tunnel syndrome is most common between the ages of 40 and 60.", "sentence", None),
    ("Shingles is most often seen in people in their 70s.", "sentence", None),
    # A group or diet that will run low is at risk.
    ("A vegan diet without fortified foods will almost always run short of B12.", "sentence",
     None),
    ("People who have had stomach surgery are likely to run low.", "sentence", None),
    # A heading that asks who is likely to be low gives its items the type.
    ("people who take metformin", "list_item", "Who is likely to be low in folate?"),
    ("older adults", "list_item", "Who is most likely to be deficient"),
])
def test_risk_factor_cues(nlp, text, kind, context):
    assert "risk_factor" in tag_unit(text, kind, context, nlp).types


@pytest.mark.parametrize("text", [
    # A lead-in that announces a list of causes carries no type itself (decision 1).
    "Other causes include:",
    # The supply running low inside the body is a mechanism, not who is at risk.
    "When the supply runs short, new cells come out large and fragile.",
])
def test_risk_factor_look_alikes(nlp, text):
    assert "risk_factor" not in tag_unit(text, "sentence", None, nlp).types


@pytest.mark.parametrize("text,expected", [
    # Advice to get help if signs appear names no symptom claim (decision 11).
    ("If your tingling spreads up your legs or you feel weak, contact your GP the same day.",
     set()),
    ("Go to A&E if you have numbness around your bottom or lose control of your bladder.",
     set()),
    # Side effects named as such are a treatment claim, not a condition's symptoms.
    ("The usual side effects are dizziness and drowsiness.", {"treatment"}),
    ("Nausea and headache were the commonest side effects.", {"treatment"}),
])
def test_symptoms_named_in_advice_or_as_side_effects_are_not_symptom_claims(nlp, text,
                                                                           expected):
    types = set(tag_unit(text, "sentence", None, nlp).types)
    assert "symptom" not in types and expected <= types, types


@pytest.mark.parametrize("text", [
    # Weak treatment words with nothing treated or given beside them: page furniture and
    # everyday words, not a treatment claim.
    "Effective from 1 April 2026.",
    "Step 3 of 5: Compare your options",
    "He was advised to ring the helpline the next morning.",
    "We do not yet know why some people recover faster than others.",
    "Many patients would welcome fewer surgery visits.",
    "You do not need a referral to book.",
])
def test_weak_treatment_words_alone_are_not_a_treatment_claim(nlp, text):
    assert "treatment" not in tag_unit(text, "sentence", None, nlp).types


@pytest.mark.parametrize("text", [
    # The same words beside an intervention, a condition or a symptom still count.
    "Surgery is usually very effective for severe carpal tunnel syndrome.",
    "Physiotherapy is recommended for most people with sciatica.",
    "Gabapentin worked for my burning feet.",
])
def test_weak_treatment_words_with_an_anchor_are_a_treatment_claim(nlp, text):
    assert "treatment" in tag_unit(text, "sentence", None, nlp).types


@pytest.mark.parametrize("text", [
    # What a finding points to, is consistent with or raises suspicion of (decision 11).
    "Pain when the straight leg is raised points to an irritated nerve root.",
    "A raised MMA is consistent with B12 deficiency.",
    "Rapid progression and falls should raise suspicion of subacute combined degeneration.",
    "Many cases of folate deficiency remain undiagnosed.",
    "That sets it apart from ordinary muscle pain.",
])
def test_diagnosis_cues(nlp, text):
    assert "diagnosis" in tag_unit(text, "sentence", None, nlp).types


def test_research_pointing_to_something_is_not_a_diagnosis(nlp):
    assert "diagnosis" not in tag_unit("Research points to a role for B12 in nerve repair.",
                                       "sentence", None, nlp).types


# --------------------------------------------------------- fourteenth round (blind10 joins)
@pytest.mark.parametrize("text", [
    # A dose with only a word of giving or advising it, and no condition or symptom named:
    # dosage only (decision 12).
    "The clinic nurse prescribed 1 mg of hydroxocobalamin every three months.",
    "Some dietitians advise vegans to take 10 micrograms of B12 every day.",
    "A daily 400 microgram folic acid tablet is recommended for everyone planning a pregnancy.",
])
def test_a_dose_given_with_no_condition_is_not_a_treatment_claim(nlp, text):
    types = tag_unit(text, "sentence", None, nlp).types
    assert "dosage" in types and "treatment" not in types, types


S = ("sentence", None)

# (text, kind, context, type, whether the unit carries it)
FOURTEENTH_ROUND = [
    # The same words with a condition or a symptom named are a treatment claim.
    ("Adults with pernicious anaemia are prescribed 1 mg of hydroxocobalamin every three months.",
     *S, "treatment", True),
    ("For burning feet, doctors often recommend 300 mg of gabapentin at night.", *S, "treatment",
     True),
    # Harm from a medicine's use is its safety (decision 12).
    ("Codeine can cause dependence if it is taken for more than three days.", *S, "treatment",
     True),
    ("Amitriptyline is dangerous in overdose, so only small packs are given.", *S, "treatment",
     True),
    # Slowing the damage is what an intervention does.
    ("Keeping your blood pressure down slows the damage to the small nerves.", *S, "treatment",
     True),
    ("Good glucose control can slow further nerve damage.", *S, "treatment", True),
    # Getting better with no treatment is the course of the condition (decision 10).
    ("Most neck pain settles without any treatment.", *S, "treatment", False),
    ("Most of these episodes ease off within a fortnight.", *S, "treatment", False),
    ("In most people the stiffness eases a great deal over a month.", *S, "treatment", False),
    ("Around 8 out of 10 people with a trapped nerve improve without surgery.", *S, "treatment",
     False),
    # Product labelling.
    ("Suitable for vegans.", *S, "treatment", False),
    ("Each capsule gives 250% of the nutrient reference value.", *S, "treatment", False),
    # Proportions in the natural course, with the condition named at length (decision 10).
    ("Most shoulder pain after a minor strain is not serious and settles within a month.", *S,
     "prevalence", True),
    ("In most people the tingling eases a great deal over a few weeks.", *S, "prevalence", True),
    # "N out of M people" as "N in M" (decision 10).
    ("About seven out of ten adults with a slipped disc never need an operation.", *S,
     "prevalence", True),
    # A score or a response rate is not how common something is.
    ("She rates the pain 8 out of 10 most evenings.", *S, "prevalence", False),
    ("The injection relieves symptoms for a few months in about 6 out of 10 people.", *S,
     "prevalence", False),
    # Relative risks (decision 10): figures and words alike.
    ("Smokers are three times as likely to develop the condition.", *S, "risk_factor", True),
    ("Men get gout about 4 times as often as women.", *S, "risk_factor", True),
    ("Being over 80 roughly doubles your chance of a fracture.", *S, "risk_factor", True),
    # A lead-in naming a higher risk gives it to its items.
    ("carrying heavy shopping up stairs", "list_item",
     "Your back faces a greater risk when you keep:", "risk_factor", True),
    ("night shifts", "list_item", "Nurses carry a higher risk of back pain with:", "risk_factor",
     True),
    # The risk of a medicine's harm is its safety, not who is at risk.
    ("Both medicines carry a risk of dependence.", *S, "risk_factor", False),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present", FOURTEENTH_ROUND)
def test_fourteenth_round_cues_and_look_alikes(nlp, text, kind, context, claim_type, present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


# ---------------------------------------------------------- sixteenth round (blind12 joins)
L = "list_item"
SIXTEENTH_ROUND = [
    # Seeking care without delay over a list: its items are warning signs (decision 11), and
    # "routine" there is no treatment routine.
    ("a bladder that won't empty", L, "Don't wait for a routine appointment if you have any of "
     "these:", "symptom", True),
    ("a bladder that won't empty", L, "Don't wait for a routine appointment if you have any of "
     "these:", "treatment", False),
    ("a fever with back pain", L, "Do not wait to be seen if you notice:", "symptom", True),
    # A red-flag heading, also under a heading about what helps.
    ("your legs are becoming weaker day by day", L, "What helps > See a doctor straight away if",
     "symptom", True),
    ("your legs are becoming weaker day by day", L, "What helps > See a doctor straight away if",
     "treatment", False),
    ("sudden weakness in one arm", L, "Urgent advice: call 999 if", "symptom", True),
    # A heading about what helps still gives its own items treatment.
    ("a wrist splint at night", L, "What helps > Splints", "treatment", True),
    # What presses on a nerve, over a list, names causes.
    ("Spinal stenosis, where the canal narrows with age", L,
     "Less often, the nerve is pinched by one of these:", "risk_factor", True),
    ("a tight band of tissue at the wrist", L, "The nerve can also be compressed by:",
     "risk_factor", True),
    # A routine of exercises is still a treatment routine.
    ("knee hugs", L, "Try this short routine each morning:", "treatment", True),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present", SIXTEENTH_ROUND)
def test_sixteenth_round_cues_and_look_alikes(nlp, text, kind, context, claim_type, present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


# -------------------------------------------------------- seventeenth round (blind13 joins)
S = "sentence"
SEVENTEENTH_ROUND = [
    # What a page blames names a cause: in a sentence and over a list.
    ("For most office workers the usual culprit is a chair set too low.", S, None,
     "risk_factor", True),
    ("Statins and some antibiotics are the main offenders.", S, None, "risk_factor", True),
    ("lifting boxes without bending the knees", L, "In warehouses, the common culprits are:",
     "risk_factor", True),
    # A risk stated on the condition of its list says nothing without the list (decision 1):
    # the lead-in carries no type, its items do.
    ("Your hands are at greater risk of numbness if you:", S, None, "risk_factor", False),
    ("You're more likely to run short of B12 if you:", S, None, "risk_factor", False),
    ("Your odds of a deficiency are higher if:", S, None, "risk_factor", False),
    ("take metformin", L, "You're more likely to run short of B12 if you:", "risk_factor", True),
    # A lead-in with a claim of its own before "if you:" keeps it.
    ("Do not take this medicine if you:", S, None, "treatment", True),
    # A self-check that finds a problem is diagnosis (decision 11).
    ("Look over the soles of your feet every evening for cracks.", S, None, "diagnosis", True),
    ("Inspect your toes after a long walk, using a hand mirror for the underside.", S, None,
     "diagnosis", True),
    ("Checking both feet each morning takes a minute.", S, None, "diagnosis", True),
    # Telling someone when a person in your care shows something, over a list, names signs.
    ("is unusually pale or floppy", L, "Tell your health visitor if your baby:", "symptom", True),
    ("new confusion or falls", L, "Let the manager know if a resident has:", "symptom", True),
    ("are pregnant", L, "Tell your doctor if you:", "symptom", False),
    # Under a list of risks, an item that says only that a medicine was given names a cause
    # (decision 12), and less of a nutrient on the condition of a list names risks.
    ("have been treated for leukaemia with vincristine", L, "Your risk is higher if you:",
     "treatment", False),
    ("were prescribed metformin for diabetes", L, "Your baby may get less B12 if you:",
     "treatment", False),
    ("were prescribed metformin for diabetes", L, "Your baby may get less B12 if you:",
     "risk_factor", True),
    # A page saying what it sets out is no claim.
    ("This guide sets out what causes it and which treatments help.", S, None, "treatment",
     False),
]



@pytest.fixture(scope="module")
def shipped_nlp():
    return build_nlp()


@pytest.mark.parametrize("text", [
    # Advice that opens with getting help names its signs as the condition of the advice: no
    # claim, whatever the model reads in it (decision 11).
    "Call 999 if you have back pain together with numbness between your legs.",
    "Go to A&E straight away if both legs feel weak or you cannot pass urine.",
    "Get to an emergency department at once if your face starts to droop.",
    "See your GP if the tingling in your feet has not settled after a month.",
    "If the numbness is spreading up your legs, contact your GP the same day.",
    "Put the kettle down and ring 999 if you suddenly cannot move one arm.",
])
def test_advice_to_get_help_is_no_claim(shipped_nlp, text):
    assert tag_unit(text, "sentence", None, shipped_nlp).types == ()


@pytest.mark.parametrize("text,claim_type", [
    # A named test or a dose keeps the unit a claim.
    ("If you take metformin, ask your GP to check your B12 level every year.", "diagnosis"),
    ("See a doctor about nerve conduction tests if the numbness lasts.", "diagnosis"),
    # A sign said to need help, not advice opening with getting help.
    ("Numbness between the legs is an emergency sign of cauda equina syndrome.", "symptom"),
])
def test_claims_beside_advice_to_get_help_are_kept(shipped_nlp, text, claim_type):
    assert claim_type in tag_unit(text, "sentence", None, shipped_nlp).types


# ------------------------------------------------------- eighteenth round (blind14 joins)
@pytest.mark.parametrize("text,context,present,absent", [
    # Symptoms a choice depends on name no symptom of its items; the options are treatments.
    ("A referral for physiotherapy through your local NHS service",
     "Depending on your symptoms and medical history, options include:", "treatment",
     "symptom"),
    ("Numbness in both feet", "Symptoms include:", "symptom", None),
])
def test_leadin_types(nlp, text, context, present, absent):
    types = tag_unit(text, "list_item", context, nlp).types
    assert present in types and absent not in types


# --------------------------------------------- eighteenth round (styles6 and blind14)
T = "table_row"
EIGHTEENTH_ROUND = [
    # Heading-only lists and table headers of what people blamed, what raised their chances
    # and what helped or might help (decision 2); not what is easy to blame on something else.
    ("years of driving a delivery van", L, "What our readers blamed", "risk_factor", True),
    ("stopping the daily multivitamin", L, "What raised patients' chances of running low",
     "risk_factor", True),
    ("Feeling tired after a full night's sleep", L, "Symptoms that are easy to blame on stress",
     "risk_factor", False),
    ("a wedge cushion on the office chair", L, "Things that helped me most:", "treatment", True),
    ("Opening jars | A rubber grip mat", T, "Difficulty | What might help", "treatment", True),
    ("Opening jars | A rubber grip mat", T, "Difficulty | What might help", "symptom", True),
    # What people blame, in their own words (decision 8).
    ("The nurse reckons the metformin is to blame.", S, None, "risk_factor", True),
    ("My uncle blames his bad knees on forty years of laying carpets.", S, None,
     "risk_factor", True),
    ("I put my sore back down to years of lifting patients on the ward.", S, None,
     "risk_factor", True),
    ("Two decades of stacking shelves played havoc with her shoulders.", S, None,
     "risk_factor", True),
    ("Long shifts on a concrete floor are the real killer.", S, None, "risk_factor", True),
    ("Bad backs run in the family, so I keep an eye on mine.", S, None, "risk_factor", True),
    ("Stress is easy to blame on a busy week.", S, None, "risk_factor", False),
    ("After years of ignoring it, he finally saw the nurse.", S, None, "risk_factor", False),
    # What helped and what failed in people's own words (decision 12).
    ("The gabapentin did nothing for my feet.", S, None, "treatment", True),
    ("The chiropractor did me no good at all.", S, None, "treatment", True),
    ("Swimming twice a week changed everything.", S, None, "treatment", True),
    ("What turned it around was a chiropractor near work.", S, None, "treatment", True),
    ("A hot bath at night did the trick.", S, None, "treatment", True),
    ("The injections gave her her energy back.", S, None, "treatment", True),
    ("Stretching every morning keeps mine at bay.", S, None, "treatment", True),
    ("She has slept better since starting the tablets.", S, None, "treatment", True),
    # Loose shares and counts of how common something is (decision 10).
    ("Half the nurses on my ward have a bad back.", S, None, "prevalence", True),
    ("Knee trouble keeps more players off the pitch than anything else.", S, None,
     "prevalence", True),
    ("Tingling feet are what people most often ask the pharmacist about.", S, None,
     "prevalence", True),
    ("About three adults in every hundred have it.", S, None, "prevalence", True),
    ("Nearly three out of four of us will get it.", S, None, "prevalence", True),
    ("Leave the plaster on for up to 12 hours in every 24.", S, None, "prevalence", False),
    ("Half the day was spent waiting for the results.", S, None, "prevalence", False),
    # A test's sensitivity, what a treatment cures and side effects common after a dose are no
    # prevalence (decision 10).
    ("The antibody test misses roughly 3 in 10 people with the condition.", S, None,
     "prevalence", False),
    ("Surgery cures about eight out of ten patients.", S, None, "prevalence", False),
    ("A headache is common after the first injection.", S, None, "prevalence", False),
    # What people say they feel, and getting help soon if you have what a list names, over a
    # list, name signs; a condition of advice does not.
    ("a weight on the chest at night", L, "Callers often describe:", "symptom", True),
    ("a feeling of ants under the skin", L, "Patients have compared it to:", "symptom", True),
    ("a fever with the back pain", L,
     "Phone the surgery that morning if, as well as the ache, you have:", "symptom", True),
    ("nausea that lasts more than a day", L, "If the patient reports:", "symptom", False),
    # What raises the odds or drains a nutrient, over a list, names causes.
    ("smoke", L, "Your odds of a slipped disc are higher if you:", "risk_factor", True),
    ("long-term use of antacids", L, "Some habits can drain B12 stores or block its absorption:",
     "risk_factor", True),
    # Lead-ins that only announce their list carry no type (decision 1).
    ("Signs that the tingling in your feet may be getting worse include:", S, None, "symptom",
     False),
    ("Most people put it differently, but the most common complaints are:", S, None,
     "prevalence", False),
    ("When the nerves to the gut are damaged, you may also notice:", S, None, "mechanism", False),
    # A call to sign up or to tell the page something is furniture; what members tell us is a
    # claim told second-hand.
    ("Many of our readers tell us a warm shower eases the stiffness.", S, None, "treatment",
     True),
    ("Tell us about your experience in the comments.", S, None, "treatment", False),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present", EIGHTEENTH_ROUND)
def test_eighteenth_round_cues_and_look_alikes(nlp, text, kind, context, claim_type, present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


@pytest.mark.parametrize("text,source", [
    # Advice to get help later in the sentence, or told to someone else, is no claim whatever
    # the rules or the model read in it (decision 11).
    ("Mate, if your leg goes weak and you go numb around your backside, skip the GP and get "
     "straight to A&E.", "nlp"),
    ("Send him to the pharmacist straight away if his leg goes numb or weak.", "nlp"),
    ("Weakness in both legs or a numb bottom means A&E, straight away.", "shipped_nlp"),
])
def test_advice_to_get_help_later_in_the_sentence_is_no_claim(request, text, source):
    assert tag_unit(text, "sentence", None, request.getfixturevalue(source)).types == ()


# ------------------------------------------------------- twentieth round (blind16 joins)
TWENTIETH_ROUND = [
    # Habits and prevention over a list (lead-in or heading) name what helps (decision 2).
    ("lift with your knees bent", L, "Ways to protect your back:", "treatment", True),
    ("take a break every half hour", L, "Desk-friendly working habits", "treatment", True),
    ("a wide, soft toe box", L, "What to look for in a slipper", "treatment", True),
    ("keep a torch by the bed", L, "Keeping your feet safe at night", "treatment", True),
    ("rest your wrists between rows", L, "Our best tips for tingling fingers:", "treatment", True),
    ("short walks every hour", L, "A good plan often includes:", "treatment", True),
    ("pace yourself", L, "Two things we recommend:", "treatment", True),
    # ... not tips alone, nor habits that harm.
    ("boil eggs for seven minutes", L, "Cooking tips", "treatment", False),
    ("drinking most evenings", L, "Some habits can drain B12 stores:", "treatment", False),
    ("skipping breakfast", L, "Bad habits", "treatment", False),
    # What sets something off, over a list, names causes.
    ("a long drive", L, "Common triggers people mention include:", "risk_factor", True),
    ("a cold snap", L, "Triggers", "risk_factor", True),
    # What raises the odds, a cause's share of cases, and the cause named as the usual one.
    ("Smoking and a heavy job both raise the odds.", S, None, "risk_factor", True),
    ("Long drives seem to push up the chances.", S, None, "risk_factor", True),
    ("Being overweight tips the odds further.", S, None, "risk_factor", True),
    ("Alcohol causes roughly a third of all cases.", S, None, "risk_factor", True),
    ("Injuries account for most of the rest.", S, None, "risk_factor", True),
    ("In older adults the usual cause is a worn joint.", S, None, "risk_factor", True),
    ("Diabetes is the leading reason for amputations.", S, None, "risk_factor", True),
    ("A sudden jump in training is the most frequent trigger.", S, None, "risk_factor", True),
    ("Heavy drinking is among the other causes.", S, None, "risk_factor", True),
    ("The cases were reviewed by two doctors.", S, None, "risk_factor", False),
    ("The main reason to keep moving is comfort.", S, None, "risk_factor", False),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present", TWENTIETH_ROUND)
def test_twentieth_round_cues_and_look_alikes(nlp, text, kind, context, claim_type, present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


# --------------------------------------------------------------------- twenty-first round
TWENTY_FIRST_ROUND_PREVALENCE = [
    # How common, counted with the group between the numbers (decision 10).
    ("By the end of summer, eight golfers in ten have shrugged it off.", S, None, True),
    ("Roughly one adult in thirty-five sees a doctor about it each year.", S, None, True),
    ("Alcohol is the cause in about one case in eight.", S, None, True),
    ("About one shop enquiry in five is about feet.", S, None, True),
    # ... not doses, events, lengths, years or response and dropout rates.
    ("Take 1 g four times in 24 hours at most.", S, None, False),
    ("She had two falls in six months.", S, None, False),
    ("Expect 6 injections in 2 weeks.", S, None, False),
    ("Use 1 spray in one nostril once a week.", S, None, False),
    ("Each helps roughly one person in three to halve the pain.", S, None, False),
    ("Roughly one person in four stops taking them because of dizziness.", S, None, False),
    ("The charity has 300 members in 2024.", S, None, False),
    # How common, said by denying it is rare.
    ("If your toes burn at night, you're far from alone.", S, None, True),
    ("You're not imagining it, and you're far from the only one.", S, None, True),
    ("Tingling hands are hardly unusual in new mothers.", S, None, True),
    ("It is not uncommon for the pain to come back.", S, None, True),
    # A cause or trigger named as the frequent one.
    ("A fall from a ladder is a frequent cause of these injuries.", S, None, True),
    ("Long rehearsals are a common trigger.", S, None, True),
    ("In younger people the usual culprit is a bulging disc.", S, None, True),
    ("Diabetes is another frequent culprit.", S, None, True),
    # ... not a list's "Common causes include", nor "main".
    ("Common causes include diabetes and alcohol.", S, None, False),
    ("The main reason to keep moving is comfort.", S, None, False),
    # What a clinic or trade sees or hears most.
    ("Diabetes is the cause we see most often.", S, None, True),
    ("We see it mostly in people over fifty.", S, None, True),
    ("Back strain is among the complaints I hear most in clinic.", S, None, True),
    ("The injury golfers report most is a sore elbow.", S, None, True),
    # ... not a question heard most weeks, nor the questions a shop hears.
    ("It is a question I hear most weeks.", S, None, False),
    ("It is one of the questions our team hears most often.", S, None, False),
]


@pytest.mark.parametrize("text,kind,context,present", TWENTY_FIRST_ROUND_PREVALENCE)
def test_twenty_first_round_prevalence(nlp, text, kind, context, present):
    assert ("prevalence" in tag_unit(text, kind, context, nlp).types) is present


TWENTY_FIRST_ROUND_EXAMINATION = [
    # A clinician's provocation test is diagnosis (decision 11), and what it brings on is the
    # finding, neither a cause nor a symptom claim.
    ("The physio will raise your straight leg while you lie flat.", "diagnosis", True),
    ("You may be asked to raise each leg, knee straight, on the couch.", "diagnosis", True),
    ("A positive straight-leg raise points to the nerve root.", "diagnosis", True),
    ("The doctor bends your wrist to see whether the numbness arrives.", "diagnosis", True),
    ("She lifts the leg; if that brings on the calf pain, a trapped root is likely.",
     "diagnosis", True),
    ("She lifts the leg; if that brings on the calf pain, a trapped root is likely.",
     "risk_factor", False),
    ("He taps the wrist to see if this brings on tingling.", "symptom", False),
    # ... not lifting with straight legs, nor seeing whether something helps.
    ("Lifting with straight legs loads the discs.", "diagnosis", False),
    ("Borrow a footrest for a week to see if it helps.", "diagnosis", False),
]


@pytest.mark.parametrize("text,claim_type,present", TWENTY_FIRST_ROUND_EXAMINATION)
def test_twenty_first_round_examination(nlp, text, claim_type, present):
    assert (claim_type in tag_unit(text, "sentence", None, nlp).types) is present


TWENTY_FIRST_ROUND_RISK = [
    # A contributing cause said without its object (decision 8).
    ("Tight hamstrings also play a part, which is why we stretch them.", True),
    ("Stress probably played a part.", True),
    ("Poor sleep can play a part: it lowers the pain threshold.", True),
    # ... with an object the cue is mechanism's.
    ("Folate plays a part in making red blood cells.", False),
    # A group that gets the condition more than another (decision 10: relative risks).
    ("Bus drivers report more sciatica than office staff.", True),
    ("Gardeners seem to get it more than people with other hobbies.", True),
    # ... not an amount, nor questions received.
    ("Babies who get more than 500 ml of formula need no drops.", False),
    ("We get more questions about iron than about anything else.", False),
]


@pytest.mark.parametrize("text,present", TWENTY_FIRST_ROUND_RISK)
def test_twenty_first_round_risk_factor(nlp, text, present):
    assert ("risk_factor" in tag_unit(text, "sentence", None, nlp).types) is present


TWENTY_SECOND_ROUND = [
    # Telling one condition from another in plain words is diagnosis (decisions 9 and 11).
    ("A nurse can often tell a sprained ankle from a broken one by where it hurts.",
     "diagnosis", True),
    ("Hay fever and a cold are hard to tell apart in the first days.", "diagnosis", True),
    ("Gout is usually told apart from an infected joint with a sample of fluid.",
     "diagnosis", True),
    ("Only a blood test can tell the difference.", "diagnosis", True),
    # ... not telling someone something.
    ("Tell your pharmacist from the start which tablets you take.", "diagnosis", False),
    # A condition that goes unseen (masking, decision 11).
    ("Thyroid trouble in older people often gets missed.", "diagnosis", True),
    ("Mild cases go unrecognised for years.", "diagnosis", True),
    ("A slow bleed can slip past a routine check.", "diagnosis", True),
    # Everyday words for tiredness and unsteadiness are symptoms.
    ("Low iron can leave you exhausted by mid-afternoon.", "symptom", True),
    ("By the evening my legs feel wobbly and weak.", "symptom", True),
    ("The first sign is often a weariness that a good night's sleep does not lift.",
     "symptom", True),
    # A trigger that makes a symptom worse leads to a symptom, not to a condition (decision 8).
    ("Damp weather makes my joint pain worse.", "symptom", True),
    ("Damp weather makes my joint pain worse.", "risk_factor", False),
    ("Smoking makes diabetes worse.", "risk_factor", True),
    # Taking the load off a body part is what an aid does for it (treatment, decision 12).
    ("A perching stool takes the strain off your knees while you cook.", "treatment", True),
    ("Resting the arm on a cushion takes some pressure off the nerve.", "treatment", True),
    # What a shortage or a trigger leaves a person feeling is a symptom (decision 8).
    ("Low iron can leave you exhausted by mid-afternoon.", "symptom", True),
    ("A long drive leaves many people with a stiff, aching neck.", "symptom", True),
    # Spotting a condition in everyday words is diagnosis (decision 11).
    ("A simple finger-prick test picks it up.", "diagnosis", True),
    ("An optician can pick up early changes at the back of the eye.", "diagnosis", True),
    ("Very high arches can hint at an inherited nerve condition.", "diagnosis", True),
    ("Early research hints at a benefit for sleep.", "diagnosis", False),
    ("Check your heels every night for cracks or redness.", "diagnosis", True),
    # A habit that adds strain is a contributing cause (decision 8).
    ("Carrying a heavy bag on one shoulder adds to the strain on your neck.", "risk_factor",
     True),
    ("Slouching on the sofa puts extra load on the lower back.", "risk_factor", True),
    # The course of onset is a clinical effect (decision 9).
    ("The symptoms build so slowly that people put them down to age.", "symptom", True),
    ("Signs often creep in over months.", "symptom", True),
    # How nerves misbehave, in plain words, is a pathway (mechanism).
    ("Once the coating thins, the signals start to misfire.", "mechanism", True),
    ("Stress and poor sleep turn up the volume on any pain you already have.", "mechanism", True),
    ("An irritated nerve can keep firing off messages after the injury has healed.",
     "mechanism", True),
    ("Think of the nerves as the wiring between your spine and your toes.", "mechanism", True),
    # ... not a fire or an alarm.
    ("Keep heaters away from numb feet, as a fire can start quickly.", "mechanism", False),
    # A share of a group that has or reports something is how common it is (decision 10).
    ("In one survey of runners, around half had lost a toenail.", "prevalence", True),
    ("Well over half are back at work within a month.", "prevalence", True),
    ("When asked, roughly two thirds said the cold made it worse.", "prevalence", True),
    # ... not a share of a dose.
    ("Take half of a tablet at night.", "prevalence", False),
    # Halting or undoing the harm is what an intervention does (treatment), not a pathway.
    ("Prompt treatment can halt further harm to the nerves.", "treatment", True),
    ("Prompt treatment can halt further harm to the nerves.", "mechanism", False),
    ("Nothing yet can undo the damage once it is done.", "treatment", True),
    # ... while harm done to the nerves stays a pathway.
    ("Too much alcohol does lasting harm to the nerves.", "mechanism", True),
    # The safety of what is taken is a treatment claim (decision 12).
    ("Most people can drink three cups of green tea a day without harm.", "treatment", True),
    ("Extra vitamin C is unlikely to do any harm.", "treatment", True),
    ("No upper limit has been set for folate from food.", "treatment", True),
    # A finding that fits one cause is a clue to it (diagnosis, decision 11).
    ("Tingling in the little finger suggests the ulnar nerve is pinched.", "diagnosis", True),
    ("A weak grip with numb fingertips fits a trapped nerve at the wrist.", "diagnosis", True),
    ("Night pain is more typical of a trapped nerve than of a strain.", "diagnosis", True),
    ("Research suggests the vitamin may help nerves heal.", "diagnosis", False),
    # Signs put down to something else are missed (decision 11), not a cause.
    ("Early tiredness is easy to blame on a busy job.", "diagnosis", True),
    ("Early tiredness is easy to blame on a busy job.", "risk_factor", False),
    # "Most" said of the cases or of the group a condition touches is how common it is.
    ("The bulk of sprains heal within a fortnight.", "prevalence", True),
    ("Shingles affects most people over 80 less severely than you might think.",
     "prevalence", True),
    ("Older smokers are the group it hits most.", "prevalence", True),
    # ... not the body parts it reaches.
    ("The rash affects most of the trunk.", "prevalence", False),
]


@pytest.mark.parametrize("text,claim_type,present", TWENTY_SECOND_ROUND)
def test_twenty_second_round_cues_and_look_alikes(nlp, text, claim_type, present):
    assert (claim_type in tag_unit(text, "sentence", None, nlp).types) is present


# ----------------------------------------------------------------------- twenty-third round
L = "list_item"
TWENTY_THIRD_ROUND = [
    # Someone's advice, suggestions or rules over a list name what helps (decision 2), as do
    # headings over advice: what helps, looking after, keeping safe, tips from people.
    ("lift the crate with your knees bent", L,
     "Our warehouse manager gives this advice to anyone with a stiff back:", "treatment", True),
    ("wear thick socks in bed", L, "Tom's suggestions for people whose toes have gone numb:",
     "treatment", True),
    ("take the stairs one at a time", L, "The physio's golden rules:", "treatment", True),
    ("a cushion behind the lower back", L, "Things our drivers have found useful:",
     "treatment", True),
    ("set the chair arms level with the desk", L, "Nadia's workshop rules:", "treatment",
     True),
    ("raise the screen to eye level", L, "Little changes that help", "treatment", True),
    ("dry between the toes every evening", L, "Looking after numb feet", "treatment", True),
    ("keep the heating on low overnight", L, "Keeping warm safely", "treatment", True),
    ("pace yourself on the hills", L, "Tips from our members", "treatment", True),
    # ... not tips alone.
    ("a pinch of salt in the water", L, "Cooking tips", "treatment", False),
    # ... not advice to get help, whose items are warning signs (decision 11).
    ("a foot that turns cold and blue", L,
     "Stop, and get medical advice the same day, if you notice:", "treatment", False),
    # A share of people helped is a response rate (treatment), not how common something is
    # (decision 10), whether in figures or in words.
    ("The night splint helps about half of people within a month.", S, None, "prevalence",
     False),
    ("Physiotherapy works for most, though it takes a few weeks.", S, None, "prevalence",
     False),
    ("Sciatica is rare before the age of twenty.", S, None, "prevalence", True),
    # Usual practice is no prevalence: "it is common to" do something.
    ("No single tablet suits everyone, so it is common to try two or three.", S, None,
     "prevalence", False),
    ("It is normal to feel a little stiff the next morning.", S, None, "prevalence", False),
    ("Back pain is common in people who sit all day.", S, None, "prevalence", True),
    # What matters more than anything else compares; what causes more cases than anything
    # else counts them (decision 10).
    ("Stopping smoking matters more than anything else you can do.", S, None, "prevalence",
     False),
    ("Falls cause more broken hips than anything else.", S, None, "prevalence", True),
    # A share of those who had a treatment is its response rate (decision 10).
    ("Nerve blocks ease the pain for a month in about half of those who have them.", S, None,
     "prevalence", False),
    ("About half of those who have diabetes develop some nerve damage.", S, None,
     "prevalence", True),
    # Nudging the odds names a cause (decision 8).
    ("Long drives and heavy lifting each nudge the odds upwards.", S, None, "risk_factor",
     True),
]


# The seventeenth and twenty-third rounds' cases: a unit (with its kind and context) and
# whether it carries the type.
@pytest.mark.parametrize("text,kind,context,claim_type,present",
                         SEVENTEENTH_ROUND + TWENTY_THIRD_ROUND)
def test_cues_and_look_alikes_in_context(nlp, text, kind, context, claim_type, present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


# Twenty-fourth round (blind20 a development set): general cue families read from the
# held-out errors of blind16 to blind20.
TWENTY_FOURTH_ROUND = [
    # A count per hundred or thousand of a group, or a share found in a group, is how common
    # something is (decision 10) ...
    ("A trapped wrist nerve bothers about four grown-ups per hundred at some point.", S, None,
     "prevalence", True),
    ("Shingles strikes three adults in every thousand each year.", S, None, "prevalence",
     True),
    ("Among vegans who take nothing for it, studies find low levels in more than half.", S,
     None, "prevalence", True),
    # ... not an amount per hundred of something, nor a tablet cut in half.
    ("Take 1,000 mcg per 100 g of food.", S, None, "prevalence", False),
    ("Cut the tablet in about half if it is too big to swallow.", S, None, "prevalence",
     False),
    # Loss of feeling or of fine skill, told as a story, is a symptom (decision 9) ...
    ("Both had diabetes and neither had felt a thing.", S, None, "symptom", True),
    ("I came back to the shop with fingertips I could barely feel.", S, None, "symptom",
     True),
    ("He found he could no longer pick up the small screws.", S, None, "symptom", True),
    # ... not a benefit someone can or cannot feel yet.
    ("You can feel the benefit within a few days.", S, None, "symptom", False),
    ("I can not tell you how glad we were to get home.", S, None, "symptom", False),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present", TWENTY_FOURTH_ROUND)
def test_twenty_fourth_round_cues_and_look_alikes(nlp, text, kind, context, claim_type,
                                                   present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


# Twenty-fifth round (blind21 a development set): general cue families read from the
# held-out errors of blind17 to blind21.
TWENTY_FIFTH_ROUND = [
    # A natural course told as a share is how common getting better is (decision 10), and no
    # treatment claim, even where it names the treatment it did without (drop:treatment) ...
    ("About nine in ten attacks are much better within three months with no special "
     "treatment.", S, None, "prevalence", True),
    ("Roughly a third of them get better on their own within a year.", S, None, "prevalence",
     True),
    ("Most people recover within a few weeks without any treatment.", S, None, "treatment",
     False),
    ("Most sciatica settles within six weeks with or without surgery.", S, None, "treatment",
     False),
    # ... not a question a result settles by itself, nor a treatment that helps people get
    # better.
    ("A borderline result doesn't settle the question by itself.", S, None, "prevalence",
     False),
    ("Treatment helps most people get better within a few weeks.", S, None, "treatment",
     True),
    # Advice given as a bare instruction names what to do, not a symptom, even when it names
    # the symptom it guards against (drop:symptom) ...
    ("Don't use a heat pad on skin you can't feel.", S, None, "symptom", False),
    ("Never walk barefoot on feet you can barely feel.", S, None, "symptom", False),
    ("keep your hands warm if you cannot feel your fingertips", "list_item", "On the boat",
     "symptom", False),
    # ... not a warning not to ignore a sign, nor an item under a lead-in that lists what you
    # may get.
    ("Never ignore numbness that spreads up your legs.", S, None, "symptom", True),
    ("get pins and needles in both hands", "list_item", "You may:", "symptom", True),
    # Someone advising over a list, by the verb alone, names what helps (decision 2).
    ("squat to lift and hug the load to your chest", "list_item", "Lorna advises:",
     "treatment", True),
    ("stop the van every half hour to stretch your legs", "list_item",
     "Our driver suggests the following:", "treatment", True),
    # A longer lead-in that names the signs it lists makes its items symptoms (decision 1) ...
    ("keep dropping things", "list_item",
     "Signs that numb feet may be affecting your balance include:", "symptom", True),
    # ... not one that names what helps.
    ("keep dropping things", "list_item", "The main things that help your feet include:",
     "symptom", False),
    # Long use of a medicine that lowers B12 is a cause of running low (decision 8) ...
    ("Guests who have been on metformin or omeprazole for years should also take note.", S,
     None, "risk_factor", True),
    ("heartburn tablets taken most days for years", "list_item", "Other things to know:",
     "risk_factor", True),
    ("long-term users of metformin or acid-blocking pills", "list_item", "Who runs short",
     "risk_factor", True),
    # ... not advice on how to start it, nor a vitamin taken for months.
    ("Take metformin with food for the first few weeks.", S, None, "risk_factor", False),
    ("Very high doses of vitamin B6, taken for months on end, can make hands tingle.", S,
     None, "risk_factor", False),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present", TWENTY_FIFTH_ROUND)
def test_twenty_fifth_round_cues_and_look_alikes(nlp, text, kind, context, claim_type,
                                                  present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


# ------------------------------------------------------- twenty-fifth round, second pass
TWENTY_FIFTH_ROUND_SECOND_PASS = [
    # Long spells on a medicine that lowers B12 are a cause of running low (decision 8).
    ("Long spells on metformin can drain B12.", S, None, "risk_factor", True),
    ("Many years' use of omeprazole lowers the amount you absorb.", S, None, "risk_factor",
     True),
    # Harm done to the nervous system is how a condition acts in the body (join:mechanism) ...
    ("Left untreated, the shortage can scar the spinal cord.", S, None, "mechanism", True),
    ("Heavy drinking slowly poisons the nerves of the legs.", S, None, "mechanism", True),
    ("Too much B6 can damage the nervous system.", S, None, "mechanism", True),
    # ... not harm to the skin, nor the root of a problem.
    ("Long soaks in hot water can damage the skin.", S, None, "mechanism", False),
    ("Good shoes attack the root of the problem.", S, None, "mechanism", False),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present",
                         TWENTY_FIFTH_ROUND_SECOND_PASS)
def test_twenty_fifth_round_second_pass(nlp, text, kind, context, claim_type, present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


@pytest.mark.parametrize("text,context,present", [
    # A list item of advice under a heading or lead-in of tips names what helps (decision 2;
    # types.toml [imperative] item_joins: a "join:treatment" the combined source keeps) ...
    ("cast from the shoulders rather than swinging your back round", "At the water", True),
    ("shake out your hands and roll your shoulders", "Between clients:", True),
    ("break in new boots over several short walks", "Before you go", True),
    # ... not a packing list, a label warning or a check ...
    ("pack a small mirror for looking at your soles", "Before you go", False),
    ("store out of children's sight and reach", "Label warnings", False),
    ("look at the soles of both feet with a mirror after every swim", "After the swim", False),
    # ... nor an item whose own rules find a dose, nor one under a lead-in of risks or
    # symptoms ...
    ("take one 10 microgram tablet with breakfast", "Before you go", False),
    ("drink a lot of alcohol", "You're more likely to get peripheral neuropathy if you:",
     False),
    ("keep dropping things", "Common symptoms include:", False),
    # ... nor a list item with no context.
    ("shake out your hands and roll your shoulders", None, False),
])
def test_an_advice_item_joins_treatment(nlp, text, context, present):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_types import joined_types
    from pipeline.claims import tagged_docs

    doc = next(iter(tagged_docs([(text, "list_item", context)], nlp)))
    assert ("treatment" in joined_types(UnitAttrs(doc).type_evidence)) is present


def test_an_advice_sentence_joins_nothing(nlp):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_types import joined_types
    from pipeline.claims import tagged_docs

    doc = next(iter(tagged_docs([("Keep the trolley locked when it is not in use.",
                                  "sentence", None)], nlp)))
    assert not joined_types(UnitAttrs(doc).type_evidence)


# ----------------------------------------------------------------------- twenty-sixth round
# Twenty-sixth round (blind22 a development set): general causes read from the held-out errors
# of blind18 to blind22.
def _evidence(nlp, text, kind="sentence", context=None):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claims import tagged_docs

    return UnitAttrs(next(iter(tagged_docs([(text, kind, context)], nlp)))).type_evidence


@pytest.mark.parametrize("text,dropped", [
    # A share of a group says how common something is, not who is at risk (decision 10) ...
    ("Tariq says that among people over seventy-five, roughly one in eight has a low B12 "
     "level.", True),
    ("About one person with diabetes in two develops some nerve damage over their lifetime.",
     True),
    ("Pernicious anaemia affects about one in every hundred people over sixty.", True),
    ("Somewhere between one person in ten and four in ten get sciatica at some point.", True),
    # ... unless the unit compares groups, ties the share to years of exposure or names a
    # cause or a risk.
    ("In one survey, about one in three vegan children had low B12, compared with hardly any "
     "of those who ate meat.", False),
    ("Surveys of lifelong vegetarians find about one in ten running short, against half or "
     "more of vegans.", False),
    ("After twenty years with diabetes, something like one person in two can no longer feel "
     "their soles.", False),
    ("Dr Falk puts it at one person in ten past their mid-fifties, with diabetes behind about "
     "half of cases.", False),
    ("Two in every three farmers have back pain in a year, far more than office workers.",
     False),
    # A share with no group is left to the other cues.
    ("Roughly one in eight has it, and more than half of them never know.", True),
])
def test_a_share_of_a_group_drops_risk_factor(nlp, text, dropped):
    from pipeline.claim_types import dropped_types

    assert ("risk_factor" in dropped_types(_evidence(nlp, text))) is dropped


TWENTY_SIXTH_ROUND = [
    # A share of a group is prevalence only, whatever the model reads of the group.
    ("Roughly one adult in fifteen past forty has a touch of it.", S, None, "risk_factor",
     False),
    # A cause told as known, major or frequent, or one a dose brings about "itself", is a risk
    # factor (decision 8) ...
    ("Over 100 mg a day, kept up month after month, is itself a known cause of numb feet.", S,
     None, "risk_factor", True),
    ("Metformin is a well-known cause of low B12.", S, None, "risk_factor", True),
    ("Vitamin B6 tablets can themselves cause neuropathy if taken for a long time.", S, None,
     "risk_factor", True),
    # ... not a known side effect.
    ("Drowsiness is a known side effect of gabapentin.", S, None, "risk_factor", False),
    # A deficiency that takes years to show is the course of its onset (decision 9) ...
    ("The body keeps a large store, so any shortfall takes a long time to show.", S, None,
     "symptom", True),
    ("That is why the trouble tends to surface long after the switch.", S, None, "symptom",
     True),
    ("New vegans often feel fine for years and assume all is well.", S, None, "symptom", True),
    # ... not a treatment that takes weeks to work, nor feeling fine after a walk.
    ("Tablets can take a few weeks to work.", S, None, "symptom", False),
    # Signs that "mean" or "need" an ambulance or A&E, or count as an emergency, are advice to
    # get help and no claim (decision 11) ...
    ("Saddle numbness or two legs giving way together mean an ambulance or A&E that same hour.",
     S, None, "symptom", False),
    ("Numbness in the saddle area needs a 999 call or A&E straight away.", S, None, "symptom",
     False),
    ("Lost feeling in the saddle area counts as an emergency, so get yourself to A&E at once.",
     S, None, "symptom", False),
    # ... not a named condition that needs surgery.
    ("These can be signs of cauda equina syndrome, which needs emergency surgery.", S, None,
     "treatment", True),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present", TWENTY_SIXTH_ROUND)
def test_twenty_sixth_round_cues_and_look_alikes(nlp, text, kind, context, claim_type,
                                                  present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


def test_a_keep_cue_lifts_only_its_own_type():
    from pipeline.claim_types import dropped_types

    evidence = [("drop:risk_factor", 0, 2), ("drop:symptom", 0, 1), ("keep:risk_factor", 4, 5)]
    assert dropped_types(evidence) == {"symptom"}
    assert dropped_types([("keep:risk_factor", 0, 1)]) == set()


# ------------------------------------------------------- twenty-sixth round, second pass
TWENTY_SIXTH_ROUND_SECOND_PASS = [
    # An activity or a worn part that loads, bends, squeezes or narrows the spine's parts says
    # how the back is hurt (join:mechanism) ...
    ("Twisting while holding a heavy crate loads the discs lopsidedly.", S, None, "mechanism",
     True),
    ("Craning to read a timetable for an hour closes those exit holes further.", S, None,
     "mechanism", True),
    ("Leaning back for hours bends the low back the same way, over and over.", S, None,
     "mechanism", True),
    ("Sitting still for hours puts steady load on the discs between the vertebrae.", S, None,
     "mechanism", True),
    # ... not a named narrowing, nor advice that takes the load off.
    ("In people over 60, narrowing of the spinal canal is a more common cause.", S, None,
     "mechanism", False),
    ("A sack truck takes the weight of heavy loads off your spine.", S, None, "mechanism",
     False),
    # What the body does with what it cannot use is how the vitamin leaves it ...
    ("High doses are safe, as the kidneys just flush the excess away.", S, None, "mechanism",
     True),
    ("Taking more than you need is harmless, since what is not used is passed out in the urine.",
     S, None, "mechanism", True),
    # ... not trouble passing urine.
    ("New trouble passing urine needs A&E the same day.", S, None, "mechanism", False),
    # A response rate is no prevalence, whatever the model reads (decision 10) ...
    ("Only around one person in three or four gets their pain cut by half with any of these "
     "medicines.", S, None, "prevalence", False),
    ("About 1 in 3 people get at least half of their pain relieved by the first medicine they "
     "try.", S, None, "prevalence", False),
    # ... while a natural course told as a share still is.
    ("About 9 in 10 people with sciatica get better within 3 months without an operation.", S,
     None, "prevalence", True),
    # A price table's rows carry no type, whatever its first header cell names ...
    ("Wasp nest | £65 | 1", T, "Treatment | Domestic price | Visits included", "treatment",
     False),
    ("Nerve conduction studies | 45 minutes | £420", T, "Appointment | Length | Self-pay fee",
     "diagnosis", False),
    # ... unless a header cell states something.
    ("Acupuncture | 17% | 43% | £45 a session", T,
     "Treatment | Helped a lot | Made no difference | Cost", "treatment", True),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present",
                         TWENTY_SIXTH_ROUND_SECOND_PASS)
def test_twenty_sixth_round_second_pass(nlp, text, kind, context, claim_type, present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


@pytest.mark.parametrize("header,prices", [
    ("Treatment | Domestic price | Visits included", True),
    ("Appointment | Length | Cost", True),
    ("Support | How to ask | Cost", True),
    ("Test kit | Sample | Results in | Price", True),
    ("Product | Size | Price", True),
    # A cell that states something, or no price at all.
    ("Food | Portion | B12 per portion | Our price", False),
    ("Product | Form | B12 per dose | How to take it | Cost per month", False),
    ("Appointment | Length", False),
    ("Price", False),
])
def test_a_price_table_header(nlp, header, prices):
    assert nlp.get_pipe("claim_types").lists_prices(header) is prices


# -------------------------------------------------------- twenty-sixth round, third pass
TWENTY_SIXTH_ROUND_THIRD_PASS = [
    # A cause or an at-risk group named without the word "risk" joins risk_factor (decision
    # 8): what raises or adds to the odds or chances ...
    ("Jobs with a lot of gripping and vibrating tools seem to add to the odds.", S, None,
     "risk_factor", True),
    ("Bigger doses and more years on the tablet both push the odds up.", S, None,
     "risk_factor", True),
    # ... "likelier", a condition common or rare in a group, a family pattern ...
    ("Pregnancy, an underactive thyroid and diabetes all make it likelier.", S, None,
     "risk_factor", True),
    ("A dead string finger is very common in anyone loosing several hundred arrows a week.", S,
     None, "risk_factor", True),
    ("Low folate is more common in people who drink heavily.", S, None, "risk_factor", True),
    ("Pernicious anaemia often has a family pattern.", S, None, "risk_factor", True),
    ("It tends to run in some families.", S, None, "risk_factor", True),
    # ... and what it is tied to or keeps company with.
    ("Heavy lifting, driving for a living and smoking have all been tied to it.", S, None,
     "risk_factor", True),
    ("Diagnosis usually comes past sixty, and it keeps company with thyroid disease.", S, None,
     "risk_factor", True),
    # Not a form linked to a case, nor a share of a group with none of these.
    ("Members can log an hour of CPD for the template linked to this case.", S, None,
     "risk_factor", False),
    ("Roughly one adult in fifteen past forty has a touch of it.", S, None, "risk_factor",
     False),
    # A lost skill or an odd feeling in the writer's own words is a symptom (decision 9) ...
    ("Looking up made it flare, so reversing the van became an ordeal.", S, None, "symptom",
     True),
    ("Changing a memory card had become like threading a needle in mittens.", S, None,
     "symptom", True),
    ("Crossing the kitchen tiles felt like walking on marbles.", S, None, "symptom", True),
    # ... not a business speaking for itself beside symptom words ...
    ("We can fit sizing beads so the ring slips over a swollen knuckle.", S, None, "symptom",
     False),
    ("If a ring cuts into a finger that has gone numb, come in and we will cut it off free of "
     "charge.", S, None, "symptom", False),
    # ... while a first-person plural that feels something keeps it.
    ("Some days we can barely feel our toes.", S, None, "symptom", True),
]


@pytest.mark.parametrize("text,dropped", [
    # A cause named only as the case a treatment is for drops risk_factor, its own "to blame"
    # or "cause" notwithstanding ...
    ("Where pernicious anaemia is to blame, tablets by themselves generally fall short.", True),
    ("If a poor diet is to blame, a daily tablet usually puts things right.", True),
    ("Where diabetes is the cause, steady blood sugar and stopping smoking slow the damage.",
     True),
    # ... not a cause stated outright, nor such a case beside a risk named elsewhere.
    ("Smoking is to blame for many cases.", False),
    ("Where diet is the cause, tablets do the job, but vegans remain at higher risk.", False),
])
def test_a_cause_named_as_a_treatments_case_drops_risk_factor(nlp, text, dropped):
    from pipeline.claim_types import dropped_types

    assert ("risk_factor" in dropped_types(_evidence(nlp, text))) is dropped


def test_a_keep_inside_the_drops_own_words_does_not_lift_it():
    from pipeline.claim_types import dropped_types

    assert dropped_types([("drop:risk_factor", 0, 6), ("keep:risk_factor", 4, 6)]) \
        == {"risk_factor"}
    assert dropped_types([("drop:risk_factor", 0, 6), ("keep:risk_factor", 4, 6),
                          ("keep:risk_factor", 9, 10)]) == set()


@pytest.mark.parametrize("text,kind,context,claim_type,present",
                         TWENTY_SIXTH_ROUND_THIRD_PASS)
def test_twenty_sixth_round_third_pass(nlp, text, kind, context, claim_type, present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


@pytest.mark.parametrize("text", [
    "Jobs with a lot of gripping and vibrating tools seem to add to the odds.",
    "Pregnancy, an underactive thyroid and diabetes all make it likelier.",
    "A dead string finger is very common in anyone loosing several hundred arrows a week.",
    "It keeps company with thyroid disease and vitiligo.",
])
def test_third_pass_risk_factor_cues_join_whatever_the_model_reads(nlp, text):
    from pipeline.claim_types import joined_types

    assert "risk_factor" in joined_types(_evidence(nlp, text))


# ----------------------------------------------------------------------- twenty-seventh round
# Twenty-seventh round (blind23 a development set): general causes read from the held-out errors
# of blind19 to blind23.
@pytest.mark.parametrize("text,dropped", [
    # How a dose is begun or built up, with nothing named that it treats, is dosage only
    # (decision 12): no treatment, whatever the model reads ...
    ("Gabapentin is begun low, commonly with 300 mg at bedtime on night one, and then built up "
     "over a week or two.", True),
    ("With amitriptyline the opening dose is normally 10 mg at bedtime, nudged up by 10 mg a week "
     "to a ceiling of 50 mg if needed.", True),
    ("Duloxetine usually starts at 30 mg a day and goes up to 60 mg after a fortnight.", True),
    # ... not one that names the pain it is for, nor "treatment starts with", nor a start with
    # no dose given.
    ("For burning nerve pain, amitriptyline is usually started at 10 mg at night.", False),
    ("Treatment usually starts with a run of six injections over a fortnight.", False),
    ("Your doctor will start low and see how you get on.", False),
    # A natural course told as a share over a span of time is no treatment (decision 10) ...
    ("Most people recover fully within a few weeks once the weight comes off.", True),
    ("Around nine people in ten get well again without an operation, most within a few months.",
     True),
    ("Many people find their hands slowly improve over the first year after chemotherapy "
     "finishes.", True),
    # ... unless the unit names what helps.
    ("Most sciatica settles within six weeks with gentle activity.", False),
    ("Most people get better within six weeks without any treatment, and staying active helps.",
     False),
])
def test_twenty_seventh_round_treatment_drops(nlp, text, dropped):
    from pipeline.claim_types import dropped_types

    assert ("treatment" in dropped_types(_evidence(nlp, text))) is dropped


TWENTY_SEVENTH_ROUND = [
    # Someone's advice, tips or rules over a list, or what someone recommends of "these", are
    # lead-ins that announce their list: no type (decision 1) ...
    ("Deepa's advice for anyone throwing with tingling hands:", S, None, "treatment", False),
    ("Dr Airlie's top tips for hand and wrist tingling:", S, None, "treatment", False),
    ("Kit recommends one of these for everyone on the tour who eats no animal foods:", S, None,
     "treatment", False),
    # ... not a lead-in that states its advice.
    ("The physio's advice is to keep moving, because bed rest slows recovery from sciatica:", S,
     None, "treatment", True),
    # The items still take the lead-in's types; keeping an eye out for something names signs.
    ("an unsteady walk, especially after dark", L,
     "Nasrin suggests keeping an eye out for these in an older neighbour:", "symptom", True),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present", TWENTY_SEVENTH_ROUND)
def test_twenty_seventh_round_cues_and_look_alikes(nlp, text, kind, context, claim_type,
                                                    present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


@pytest.mark.parametrize("text,context,blocked", [
    # A lead-in's treatment does not join an item that names a food (decision 12) ...
    ("a yeast extract sandwich, since most brands are fortified",
     "Beatriz's suggestions for B12 in a packed lunch:", True),
    # ... nor one that gives a dose; an item of plain advice takes it.
    ("one 10 microgram tablet with breakfast", "Carys recommends these:", True),
    ("swap to a chunkier pen", "Beatriz's suggestions for the desk:", False),
])
def test_a_leadins_treatment_does_not_join_a_food_item(text, context, blocked):
    from pipeline.claim_model import TypeJoin
    from pipeline.claim_rules import load_toml

    cfg = load_toml("types.toml")
    join = TypeJoin.from_settings(cfg["model"], tuple(cfg["types"]))
    nlp = build_nlp("rules")
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claims import tagged_docs

    ext = UnitAttrs(next(iter(tagged_docs([(text, "list_item", context)], nlp))))
    own = set(ext.claim_types).difference(ext.leadin_types)
    assert ("treatment" in ext.leadin_types
            and not own.isdisjoint(join.leadin_blockers["treatment"])) is blocked


@pytest.mark.parametrize("text,joined", [
    # A finding told as a clue or a sure sign of something, or as mistaken for something else,
    # is diagnosis (decision 11), whatever the model reads ...
    ("Others find the pain eases when they rest the hand on their head, which Anjali says is a "
     "telltale sign that a root is involved.", True),
    ("Ordinary painkillers often do little for it, which is one of the clues we use.", True),
    ("The water feels lukewarm to their feet but hot to their hands, which is a sure sign the "
     "feet are not reading temperature properly.", True),
    ("A shortage can also cause confusion that family members may mistake for dementia.", True),
    ("Muddled thinking may be put down to night work by mistake.", True),
    # ... not a classic sign of a condition, a first clue, or a thing done by mistake.
    ("A sore, beefy-red tongue is a classic sign of B12 deficiency.", False),
    ("Often the first clue is a weariness that no weekend lie-in puts right.", False),
    ("Your father was included in that group by mistake.", False),
])
def test_a_clue_or_a_mistaken_finding_joins_diagnosis(nlp, text, joined):
    from pipeline.claim_types import joined_types

    assert ("diagnosis" in joined_types(_evidence(nlp, text))) is joined


# Twenty-seventh round, second pass: general causes read from the held-out errors of blind19 to
# blind23 (risk_factor and the firms' own lists).
@pytest.mark.parametrize("text,joined", [
    # An age at which a condition peaks names who gets it (decision 8), whatever the model reads
    # ...
    ("It peaks between forty-five and sixty, and in many people both wrists end up involved.",
     True),
    ("Thirza says it peaks in middle age, and men are a little more prone than women.", True),
    ("It is mostly a problem of middle and later life, peaking in the fifties.", True),
    # ... as does work that loads the spine named as such ...
    ("Heavy lifting, driving for a living and smoking have all been tied to it.", True),
    ("repeated lifting from floor level, especially with a twist", True),
    ("jobs that mix long spells of sitting with lifting", True),
    # ... not the peak age given as a figure, nor lifting done well, nor what is merely hard on
    # the back (a cue the model reads, not a join).
    ("Around one person in a thousand develops it in a year, with the peak age in the fifties.",
     False),
    ("Lift with your knees bent and the load close to your body.", False),
    ("Standing on cold cobbles for ten hours is hard on anybody's back.", False),
])
def test_twenty_seventh_round_second_pass_risk_factor_joins(nlp, text, joined):
    from pipeline.claim_types import joined_types

    assert ("risk_factor" in joined_types(_evidence(nlp, text))) is joined


@pytest.mark.parametrize("text,dropped", [
    # A nerve named as the commonest culprit says which nerve is caught, not a cause ...
    ("In her clinic around one wall regular in twenty reports numb fingers each year, and the "
     "ulnar nerve is the commonest culprit.", True),
    # ... not a cause named as the culprit.
    ("In younger people the usual culprit is a disc that has bulged.", False),
])
def test_twenty_seventh_round_second_pass_nerve_culprit(nlp, text, dropped):
    from pipeline.claim_types import dropped_types

    assert ("risk_factor" in dropped_types(_evidence(nlp, text))) is dropped


TWENTY_SEVENTH_ROUND_SECOND_PASS = [
    # A firm's own house rules or adjustments over a list are not claims ...
    ("operators swap between the guillotine and the folder every two hours", L,
     "Our pressroom rules now:", "treatment", False),
    ("a chair in every room so nobody has to stand for the full hour", L,
     "Adjustments we can make", "treatment", False),
    # ... someone's rules for the reader are advice.
    ("kneel on one knee at the low racks rather than folding in half", L,
     "Priya's rules for the shop floor:", "treatment", True),
    # "Hard on" a back is a risk_factor cue of the rules.
    ("Standing on cold cobbles for ten hours is hard on anybody's back.", S, None,
     "risk_factor", True),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present",
                         TWENTY_SEVENTH_ROUND_SECOND_PASS)
def test_twenty_seventh_round_second_pass_cues(nlp, text, kind, context, claim_type, present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


@pytest.mark.parametrize("text,anchored", [
    # How a side effect is felt is a symptom word: a dose that makes people nauseous or
    # lightheaded names what it is weighed against, so the unit keeps its treatment ...
    ("Duloxetine usually begins at 60 mg each day, dropped to 30 mg for those it makes "
     "nauseous.", True),
    ("Pregabalin opens at 75 mg morning and evening; it leaves a fair few people lightheaded.",
     True),
    # ... a bare start dose does not.
    ("Duloxetine usually starts at 30 mg a day and goes up to 60 mg after a fortnight.", False),
])
def test_side_effect_words_anchor_a_dose(nlp, text, anchored):
    from pipeline.claim_types import dropped_types

    assert ("treatment" not in dropped_types(_evidence(nlp, text))) is anchored


# ------------------------------------------------------------------------ twenty-eighth round
# Twenty-eighth round (blind24 a development set): general causes read from the held-out errors
# of blind16 to blind24 and styles11.
@pytest.mark.parametrize("text,announces", [
    # What someone lists, outlines, describes, gives or shares over a list, and what people
    # have found helpful, only announce the list (decision 1): no type of their own ...
    ("Gwen lists the signs her clients most often bring up:", True),
    ("Dr Achebe outlined how the capsules are usually prescribed:", True),
    ("Dr Moreau ran through the usual options:", True),
    ("Regulars at the pool have described to us:", True),
    ("The physio gave our volunteers the following:", True),
    ("Customers with tingling hands have found a few swaps helpful:", True),
    # ... not a lead-in that states a claim before its verb, one whose own words name what a
    # cause leads to (decision 1's example), nor a sentence that is no lead-in.
    ("Metformin lowers B12 levels, and doctors describe the effect as:", False),
    ("The specific ways B12 deficiency can cause leg pain include:", False),
    ("Studies have found that B12 injections are helpful for nerve pain.", False),
    ("Patients often describe the pain as burning or electric.", False),
])
def test_twenty_eighth_round_telling_leadins_announce_their_list(nlp, text, announces):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claims import tagged_docs

    doc = next(iter(tagged_docs([(text, "sentence", None)], nlp)))
    assert bool(UnitAttrs(doc).announces_list) is announces
    if announces:
        assert UnitAttrs(doc).claim_types == ()


TWENTY_EIGHTH_ROUND = [
    # The items under such a lead-in still take what it implies.
    ("pins and needles in the fingertips", L,
     "Gwen lists the signs her clients most often bring up:", "symptom", True),
    ("a wider grip on the secateurs", L,
     "Customers with tingling hands have found a few swaps helpful:", "treatment", True),
]


@pytest.mark.parametrize("text,kind,context,claim_type,present", TWENTY_EIGHTH_ROUND)
def test_twenty_eighth_round_items_keep_their_leadins_types(nlp, text, kind, context,
                                                           claim_type, present):
    assert (claim_type in tag_unit(text, kind, context, nlp).types) is present


@pytest.mark.parametrize("text,joined", [
    # What blocks, cuts or lowers the uptake or absorption of a nutrient names the pathway
    # (decision 8), whatever the model reads ...
    ("Members who have taken metformin or omeprazole for years should know that either drug "
     "blocks some of the uptake.", True),
    ("Heavy drinking also blocks their uptake from the gut.", True),
    ("Long-term use of acid-reducing tablets lowers B12 absorption.", True),
    ("The immune fault stops absorption of the vitamin altogether.", True),
    # ... not what improves it, nor a drug that reduces pain or stomach acid.
    ("Taking the tablet with a meal may improve absorption.", False),
    ("Duloxetine reduces the pain for about a third of people.", False),
    ("Omeprazole lowers stomach acid.", False),
])
def test_twenty_eighth_round_blocked_absorption_joins_mechanism(nlp, text, joined):
    from pipeline.claim_types import joined_types

    assert ("mechanism" in joined_types(_evidence(nlp, text))) is joined


@pytest.mark.parametrize("text,dropped", [
    # A clinician's examination is diagnosis (decision 11): what it brings on is its finding,
    # not a symptom claim, whatever the model reads ...
    ("A couple of taps over the front of the wrist can set off pins and needles in the thumb.",
     True),
    ("The nurse may flick a finger over the crease of the elbow to see whether it tingles.", True),
    ("She tested the strength of his ankle and where he could feel a cotton bud.", True),
    ("Lying flat, he raises the straightened leg slowly to see when the pain shoots down it.",
     True),
    # ... not a symptom told plainly, nor weakness noticed when lifting, nor a check the reader
    # makes of their own skin.
    ("Tingling in the thumb and first two fingers is the classic sign.", False),
    ("My leg felt weak when lifting the shopping out of the car.", False),
    ("Check your feet every night for cuts you may not feel.", False),
])
def test_twenty_eighth_round_an_examination_drops_symptom(nlp, text, dropped):
    from pipeline.claim_types import dropped_types

    assert ("symptom" in dropped_types(_evidence(nlp, text))) is dropped


# ------------------------------------------------------- twenty-ninth round (blind25 joins)
@pytest.mark.parametrize("text,no_claim", [
    # Signs said to need to be seen, or to need an urgent, same-day or emergency assessment or
    # unit, are advice to get help (decision 11): no claim, whatever the model reads.
    ("Sudden double vision or a drooping eyelid needs to be seen within hours.", True),
    ("Weak wrists together with a numb bottom need an urgent assessment.", True),
    ("Any new loss of grip alongside arm pain needs a same-day review.", True),
    ("Leg weakness that is getting worse needs the spinal team the same day.", True),
    ("Losing control of your bowels is an emergency department matter.", True),
    # ... not when a named condition or the signs' meaning comes first ("which needs", "and
    # needs"), nor a plain symptom, nor a person who needs to be seen.
    ("These can point to pressure on the spinal cord, which needs urgent review.", False),
    ("It may be a trapped root and needs to be seen by a physiotherapist.", False),
    ("A burning ache in the calf that worsens at night is typical.", False),
    ("You need to be seen if the numbness spreads.", False),
])
def test_twenty_ninth_round_signs_that_need_help_are_no_claim(nlp, text, no_claim):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claims import tagged_docs

    doc = next(iter(tagged_docs([(text, "sentence", None)], nlp)))
    assert bool(UnitAttrs(doc).non_claim_context) is no_claim


# ------------------------------------------------------------ thirtieth round (blind26 joins)
# A share of a group drops risk_factor ("Roughly one person in eight has a low level"), unless
# the unit also compares groups: a relative rate ("several times as often as men", "three times
# as often in women"), a rate that rises with age or a group ("commoner from our fifties on",
# "more common after fifty", "likelier once you pass sixty"), a group that gets it more ("get
# it more", "develop it earlier", "as do people with"), or a larger share of a group ("far more
# of them past seventy"). Variants that appear in no set; a season or a plain share stays dropped.
@pytest.mark.parametrize("text,dropped", [
    ("Plenty of people have it, perhaps one adult in ten, and women are affected several times as often as men.", False),
    ("About one person in fifty has it, and it turns up four times as often in smokers.", False),
    ("It touches one adult in twenty, and men are many times as likely to get it.", False),
    ("Roughly one person in thirty has it, and it grows commoner after the menopause.", False),
    ("About one person in forty has it, and it is more common from middle age onwards.", False),
    ("Around one adult in sixty is affected, and it gets likelier once you pass seventy.", False),
    ("About one person in ten is affected, and heavy drinkers develop it earlier.", False),
    ("One person in every hundred has it; twins of sufferers get it more, as do people with coeliac disease.", False),
    ("About one patient in ten is left with it, far more of those past eighty.", False),
    # ... not a plain share, a share with a course, or a season.
    ("Roughly one person in eight has a low level.", True),
    ("About one person with diabetes in two develops some nerve damage.", True),
    ("One adult in five gets it at some point, more from March to May.", True),
])
def test_thirtieth_round_share_with_group_comparison_keeps_risk_factor(nlp, text, dropped):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_types import dropped_types
    from pipeline.claims import tagged_docs

    doc = next(iter(tagged_docs([(text, "sentence", None)], nlp)))
    evidence = UnitAttrs(doc).type_evidence
    assert any(label == "drop:risk_factor" for label, _, _ in evidence)
    assert ("risk_factor" in dropped_types(evidence)) is dropped


# ------------------------------------------------------ thirty-first round (blind27 joins)
# A comparison of groups is a relative risk, not how common the condition is (decision 10): it
# drops prevalence ("three times as often as men", "more often than the rest of the
# population", "get it more than other age groups", "get sciatica sooner and more often"),
# unless the unit also gives a share or calls the condition rare or the commonest. Invented
# variants; a comparison of two nerves or a share of side effects stays as it was.
@pytest.mark.parametrize("text,dropped", [
    ("Women are affected roughly four times as often as men.", True),
    ("Older riders are many times as likely to get it.", True),
    ("Smokers have it far more often than the rest of the population.", True),
    ("Men get it more than women, especially past sixty.", True),
    ("Drivers tend to get sciatica sooner and more often than their office colleagues.", True),
    ("Nurses develop it a little more often than other hospital staff.", True),
    # ... kept with a share, "rare" or "commonest" beside the comparison.
    ("It affects about one adult in fifty, and women get it three times as often as men.", False),
    ("Around 3% of adults have it, and smokers get it more often than non-smokers.", False),
    ("It is rare before forty, and women are affected more often than men.", False),
])
def test_thirty_first_round_group_comparison_drops_prevalence(nlp, text, dropped):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_types import dropped_types
    from pipeline.claims import tagged_docs

    doc = next(iter(tagged_docs([(text, "sentence", None)], nlp)))
    evidence = UnitAttrs(doc).type_evidence
    assert any(label == "drop:prevalence" for label, _, _ in evidence)
    assert ("prevalence" in dropped_types(evidence)) is dropped


@pytest.mark.parametrize("text,dropped", [
    # Two nerves or a surprise compared, not groups: no drop.
    ("Only the wrist traps an arm nerve more often than the elbow does.", False),
    ("Low B12 turns up more often than you'd think.", False),
    ("Most people with it are over fifty.", False),
    # A response rate stays dropped: side effects "common" beside it are no share (no keep).
    ("About one person in three gets real relief from it, though dizziness is common.", True),
])
def test_thirty_first_round_no_group_comparison_leaves_prevalence(nlp, text, dropped):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claim_types import dropped_types
    from pipeline.claims import tagged_docs

    doc = next(iter(tagged_docs([(text, "sentence", None)], nlp)))
    assert ("prevalence" in dropped_types(UnitAttrs(doc).type_evidence)) is dropped


# A lead-in of five to eight words with no comma only announces its list (decision 1): the model
# still reads its rule types, and its own types are cleared after the model. Invented variants;
# a longer lead-in, one with a comma, or a sentence that is no lead-in keeps its types.
@pytest.mark.parametrize("text,announces", [
    ("Snack swaps that add a little B12:", True),
    ("Shop cereals that usually have it added:", True),
    ("Look for a vitamin D claim on:", True),
    ("Marta's routine for a stiff lower back:", True),
    ("For the first week after your injection:", True),
    # ... not with a comma, over eight words, or no colon.
    ("For numb feet, there are several prescription choices:", False),
    ("Because the gut absorbs so little of a big dose, pick one route:", False),
    ("Breakfast cereals that have B12 added are a useful source.", False),
])
def test_thirty_first_round_short_leadins_announce_after_the_model(text, announces):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claims import tagged_docs

    doc = next(iter(tagged_docs([(text, "sentence", None)], build_nlp("combined"))))
    assert bool(UnitAttrs(doc).announces_list) is announces
    if announces:
        assert UnitAttrs(doc).claim_types == ()


def test_a_short_leadin_keeps_its_rule_types_for_the_model(nlp):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claims import tagged_docs

    doc = next(iter(tagged_docs([("Fortified foods worth keeping in the cupboard:", "sentence",
                                  None)], nlp)))
    assert UnitAttrs(doc).announces_list
    assert "food_source" in UnitAttrs(doc).claim_types


# A note on how the page came about (someone checked or read it, or let their story be told) is
# no claim (guide, "Not claims"), whatever the model reads of the doctor or the check in it.
# Invented variants; a check or test named as a claim stays a claim.
@pytest.mark.parametrize("text,no_claim", [
    ("So here is what happened, checked over by our practice nurse.", True),
    ("A physiotherapist kindly checked the medical parts for us.", True),
    ("We asked our GP to check this write-up before it went out.", True),
    ("Our pharmacist friend read this article over before we posted it.", True),
    ("She has let us share her story in the hope it helps someone.", True),
    ("It took three appointments to get an answer, so I am writing it down for our members.", True),
    # ... not a test or an examination that is itself the claim.
    ("Everyone with diabetes should have their feet checked by a podiatrist once a year.", False),
    ("Tingling feet need a doctor to check your B12 level.", False),
    ("Doctors check the reflexes at the ankle to look for nerve damage.", False),
])
def test_thirty_first_round_notes_on_how_the_page_came_about_are_no_claim(nlp, text, no_claim):
    from pipeline.claim_lexicon import UnitAttrs
    from pipeline.claims import tagged_docs

    doc = next(iter(tagged_docs([(text, "sentence", None)], nlp)))
    assert bool(UnitAttrs(doc).non_claim_context) is no_claim
