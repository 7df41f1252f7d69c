"""The claims stage: units of a Document, claim records, ids, purity."""
from __future__ import annotations

import copy

import pytest

from pipeline.claims import (TagClaims, build_nlp, claim_id, document_units, heading_path,
                             says_nothing, tag_claims, tag_unit, tag_units)
from pipeline.model import Block, Document, Section, Source


@pytest.fixture(scope="session")
def nlp():
    return build_nlp("rules")


def make_doc(sections: list[Section]) -> Document:
    return Document("doc1", Source("raw/doc1.txt", "0" * 64, "text"), raw="", title="B12",
                    sections=sections)


@pytest.fixture
def article() -> Document:
    return make_doc([
        Section(None, 2, [
            Block("paragraph", text="Vitamin B12 builds myelin, which insulates nerve fibers. "
                                    "Read our other guides. Adults need 2.4 mcg of vitamin B12 "
                                    "a day."),
            Block("paragraph", text="Deficiency develops slowly. Common symptoms include:"),
            Block("list", items=["Persistent fatigue", "Tingling in the feet"]),
        ]),
        Section("Doses", 2, [
            Block("table", header=["Group", "Daily dose"],
                  rows=[["Adults", "2.4 mcg"], ["Cost", "Cheap"]]),
            Block("list", items=["Clams", "Beef liver"]),
            Block("paragraph", text="Vitamin B12 builds myelin, which insulates nerve fibers."),
        ]),
    ])


def test_units_of_a_document(nlp, article):
    units = list(document_units(article, nlp))
    kinds = [(u.kind, u.section, u.block) for u in units]
    assert kinds == [("sentence", 0, 0)] * 3 + [("sentence", 0, 1)] * 2 + \
        [("list_item", 0, 2)] * 2 + [("table_row", 1, 0)] * 2 + [("list_item", 1, 1)] * 2 + \
        [("sentence", 1, 2)]
    items = [u for u in units if u.kind == "list_item"]
    # The lead-in: the last sentence of the paragraph before the list, when it ends with ":".
    assert items[0].context == "Common symptoms include:"
    # No lead-in sentence: the section's heading says what the items are.
    assert items[2].context == "Doses"
    rows = [u for u in units if u.kind == "table_row"]
    assert rows[0].text == "Adults | 2.4 mcg" and rows[0].context == "Group | Daily dose"


def test_each_unit_has_its_heading_path_and_the_unit_before_it(nlp, article):
    """What the type model reads around a unit: the headings it sits under, and the unit
    before it in the document, across blocks and sections."""
    units = list(document_units(article, nlp))
    assert [u.heading for u in units] == [None] * 7 + ["Doses"] * 5
    assert units[0].previous is None
    assert all(u.previous == before.text for before, u in zip(units, units[1:]))
    assert units[7].previous == "Tingling in the feet"
    assert units[7].tagger_input() == ("Adults | 2.4 mcg", "table_row", "Group | Daily dose",
                                       "Doses", "Tingling in the feet")


def test_tag_claims_on_a_small_document(article):
    result = tag_claims(article)
    by_text = {c.text: c for c in result.claims}
    assert "Read our other guides." not in by_text            # no type, no claim
    assert "Cost | Cheap" not in by_text
    assert by_text["Persistent fatigue"].types == ["symptom"]
    assert by_text["Persistent fatigue"].context == "Common symptoms include:"
    dose = by_text["Adults need 2.4 mcg of vitamin B12 a day."]
    assert "dosage" in dose.types
    assert dose.dosage == {"amount": 2.4, "unit": "mcg", "frequency": "daily", "route": None,
                           "duration": None, "population": "adults",
                           "substance": "vitamin B12"}
    assert by_text["Adults | 2.4 mcg"].types == ["dosage"]
    for claim in result.claims:
        assert claim.types == sorted(claim.types) and claim.types
        block = result.sections[claim.section].blocks[claim.block]
        assert claim.text in block.texts() or claim.text in block.text or \
            claim.text == " | ".join(next(r for r in block.rows if " | ".join(r) == claim.text))
        if "dosage" not in claim.types:
            assert claim.dosage is None


def test_sentences_are_exact_substrings(article):
    for claim in tag_claims(article).claims:
        block = article.sections[claim.section].blocks[claim.block]
        if block.type == "paragraph":
            assert claim.text in block.text


def test_tag_claims_is_pure(article):
    before = copy.deepcopy(article)
    result = tag_claims(article)
    assert article == before
    assert result is not article
    assert result.sections == article.sections            # no text changed
    assert result.sections[0].blocks is not article.sections[0].blocks


def test_claim_ids(article):
    claims = tag_claims(article).claims
    myelin = [c for c in claims if c.text.startswith("Vitamin B12 builds myelin")]
    base = claim_id("Vitamin B12 builds myelin, which insulates nerve fibers.")
    assert len(base) == 16 and int(base, 16) >= 0
    assert [c.id for c in myelin] == [base, base + "-2"]   # the same text twice
    assert len({c.id for c in claims}) == len(claims)


def test_claim_id_ignores_case_and_spacing():
    assert claim_id("B12  builds\nmyelin.") == claim_id("b12 builds myelin.")
    assert claim_id("B12 builds myelin.") != claim_id("B12 builds DNA.")


def test_claim_ids_stable_when_another_sentence_changes(article):
    changed = copy.deepcopy(article)
    changed.sections[0].blocks[0].text = changed.sections[0].blocks[0].text.replace(
        "Read our other guides.", "Vitamin B12 also helps make DNA.")
    ids = {c.text: c.id for c in tag_claims(article).claims}
    new_ids = {c.text: c.id for c in tag_claims(changed).claims}
    for text, cid in ids.items():
        assert new_ids[text] == cid
    assert len(new_ids) == len(ids) + 1


def test_step_name_and_process(article):
    step = TagClaims()
    assert step.name == "claims"
    assert [c.to_dict() for c in step(article).claims] == \
        [c.to_dict() for c in tag_claims(article).claims]


def test_tag_units_matches_tag_unit(nlp):
    units = [("Low B12 can cause numbness.", "sentence", None),
             ("Mouth ulcers", "list_item", "Signs include:"),
             ("Adults | 10 mcg", "table_row", "Group | Dose per day")]
    assert tag_units(units, nlp) == [tag_unit(*u, nlp=nlp) for u in units]


def test_run_components_tags_as_nlp_pipe_does():
    """The stage's own loop over the components gives every unit what nlp.pipe gives it,
    with the shipped type model and batches smaller than the units."""
    from pipeline.claim_lexicon import UNIT_EXTENSIONS, UnitAttrs
    from pipeline.claims import get_nlp, run_components, unit_docs
    nlp = get_nlp()
    units = [("Low B12 can cause numbness.", "sentence", None),
             ("Mouth ulcers", "list_item", "Signs include:"),
             ("Take 10 mcg a day.", "list_item", "Signs include:"),
             ("Adults | 10 mcg", "table_row", "Group | Dose per day"),
             ("It may not help with fatigue, a trial suggests.", "sentence", None)]
    ours = run_components(nlp, unit_docs(units, nlp), batch_size=2)
    spacys = list(nlp.pipe(unit_docs(units, nlp), batch_size=2))

    def extensions(doc):
        ext = UnitAttrs(doc)
        return {name: getattr(ext, name) for name in UNIT_EXTENSIONS
                if name not in ("context_doc", "dosage")}

    assert [extensions(d) for d in ours] == [extensions(d) for d in spacys]
    assert [UnitAttrs(d).dosage for d in ours] == [UnitAttrs(d).dosage for d in spacys]


@pytest.mark.parametrize("items, context, expected", [
    # Most items of the list are symptoms: the one without a cue of its own is one too.
    (["numbness in the toes", "tingling in the fingers",
      "losing your balance more easily"],
     "Others notice:", [("symptom",), ("symptom",), ("symptom",)]),
    # One symptom in four items is not a symptom list.
    (["numbness in the toes", "a new pair of shoes", "a warm bath before bed", "a good book"],
     "You might like:", [("symptom",), (), (), ()]),
    # A question in the list stays a question.
    (["numbness in the toes", "tingling in the fingers", "is this serious?"], "Others notice:",
     [("symptom",), ("symptom",), ()]),
    # Two items are too few to call the list's kind.
    (["numbness in the toes", "bumping into door frames"], "Others notice:",
     [("symptom",), ()]),
])
def test_a_type_most_of_a_list_carries_goes_to_its_other_items(nlp, items, context, expected):
    tags = tag_units([(item, "list_item", context) for item in items], nlp)
    assert [t.types for t in tags] == expected


def test_list_spread_stays_inside_one_list(nlp):
    units = [("numbness in the toes", "list_item", "Others notice:"),
             ("tingling in the fingers", "list_item", "Others notice:"),
             ("losing your balance more easily", "list_item", "Others notice:"),
             ("a warm bath before bed", "list_item", "You might like:")]
    assert tag_units(units, nlp)[3].types == ()


def test_heading_path_follows_heading_levels():
    sections = [Section(None, 2), Section("Food Sources", 2), Section("Animal Sources", 3),
                Section("Seafood", 4), Section("Plant Sources", 3), Section("Dosage", 2)]
    assert [heading_path(sections, i) for i in range(len(sections))] == [
        None, "Food Sources", "Food Sources > Animal Sources",
        "Food Sources > Animal Sources > Seafood", "Food Sources > Plant Sources", "Dosage"]


def test_a_list_under_a_heading_has_the_heading_path_as_context(nlp):
    doc = make_doc([Section("Signs of Low B12", 2, [
                        Block("paragraph", text="They build slowly."),
                        Block("list", items=["Numbness", "Pale skin"])]),
                    Section("Seafood", 3, [Block("list", items=["Clams"])])])
    contexts = {u.text: u.context for u in document_units(doc, nlp)}
    assert contexts == {"They build slowly.": None, "Numbness": "Signs of Low B12",
                        "Pale skin": "Signs of Low B12", "Clams": "Signs of Low B12 > Seafood"}


@pytest.mark.parametrize("leadin, filler", [
    ("Most people have a mix of the following:", True),
    ("The options are:", True),
    ("These include:", True),
    ("Common symptoms include:", False),
    ("Other causes include:", False),
    ("Use these steps and confirm them with your doctor:", False),
])
def test_says_nothing(leadin, filler):
    assert says_nothing(leadin) is filler


@pytest.mark.parametrize("item, leadin, expected", [
    ("wear loose cotton clothing", "To ease the pain and itching, you can:", ["treatment"]),
    ("Mobilisation of the wrist", "Your treatment may include:", ["treatment"]),
    ("traction", "We don't cover these, because studies show they don't work:", ["treatment"]),
    ("weakness in both legs", "Call 999 or go to A&E if you have back pain with any of these:",
     ["symptom"]),
    ("nerve conduction studies", "If a nerve problem is suspected, the specialist may arrange:",
     ["diagnosis"]),
])
def test_a_leadin_gives_its_items_a_type(nlp, item, leadin, expected):
    assert list(tag_unit(item, "list_item", leadin, nlp=nlp).types) == expected


def test_a_leadin_that_says_nothing_gives_way_to_the_heading(nlp):
    doc = make_doc([Section("Symptoms", 2, [
        Block("paragraph", text="Most people have a mix of the following:"),
        Block("list", items=["Cramps and twitching"])]),
        Section("Causes", 2, [Block("paragraph", text="Other causes include:"),
                              Block("list", items=["Alcohol"])])])
    contexts = {u.text: u.context for u in document_units(doc, nlp) if u.kind == "list_item"}
    assert contexts == {"Cramps and twitching": "Symptoms", "Alcohol": "Other causes include:"}
    claims = {c.text: c.types for c in tag_claims(doc).claims}
    assert claims["Cramps and twitching"] == ["symptom"]


@pytest.mark.parametrize("paragraph, context", [
    # A lead-in that says nothing takes the sentence before it along.
    ("Symptoms depend on the nerves. Most people have a mix of the following:",
     "Symptoms depend on the nerves. Most people have a mix of the following:"),
    ("Read this first. Some people get side effects after the injection. This could be:",
     "Some people get side effects after the injection. This could be:"),
    # A question right above a list is what the items answer.
    ("Please answer every question. Have you had any of these in the last 3 months?",
     "Have you had any of these in the last 3 months?"),
    # A short label without a full stop names the list.
    ("FEATURES", "FEATURES"),
    ("Our values", "Our values"),
    # Look-alikes: a plain sentence, or a lead-in that says nothing and stands alone.
    ("We see patients from across the county.", "Symptoms"),
    ("The options are:", "Symptoms"),
    ("Version 3.2.1, 14 Jan 2026", "Symptoms"),
])
def test_the_paragraph_right_before_a_list_gives_its_context(nlp, paragraph, context):
    doc = make_doc([Section("Question 2", 2, []), Section("Symptoms", 2, [
        Block("paragraph", text=paragraph),
        Block("list", items=["Cramps and twitching", "Numb toes"])])])
    units = list(document_units(doc, nlp))
    assert {u.context for u in units if u.kind == "list_item"} == {context}
    assert context == "Symptoms" or context in paragraph


def test_the_section_headings_are_the_context_of_a_table_without_header_row(nlp):
    doc = make_doc([Section("Cobalamin injections for cats", 2, [
        Block("table", rows=[["Weight under 5 kg", "250 micrograms weekly"]]),
        Block("table", header=["Weight", "Dose"], rows=[["Over 5 kg", "500 micrograms"]])])])
    assert [(u.text, u.context) for u in document_units(doc, nlp)] == [
        ("Weight under 5 kg | 250 micrograms weekly", "Cobalamin injections for cats"),
        ("Over 5 kg | 500 micrograms", "Weight | Dose")]


@pytest.mark.parametrize("heading", ["References", "Sources:", "Further reading", "Notes"])
def test_a_reference_section_gives_no_units_and_keeps_its_text(nlp, heading):
    citation = "Chopra K. Alcoholic neuropathy: mechanisms and treatment. Br J Clin Pharmacol. 2012."
    doc = make_doc([Section("Treatment", 2, [Block("paragraph", text="Thiamine relieves pain.")]),
                    Section(heading, 2, [Block("list", items=[citation])]),
                    Section("Journals", 3, [Block("list", items=["B12 relieves pain in trials."])])])
    assert [u.text for u in document_units(doc, nlp)] == ["Thiamine relieves pain."]
    result = tag_claims(doc)
    assert [c.text for c in result.claims] == ["Thiamine relieves pain."]
    assert result.sections[1].blocks[0].items == [citation]      # kept in the output


@pytest.mark.parametrize("item,heading,expected", [
    ("Pins and needles", "Neurological Symptoms", ["symptom"]),
    ("Pins and needles", "Warning signs of B12 deficiency", ["symptom"]),
    ("Gentle walking", "Relieving symptoms at home", []),
    ("Vegans", "Who is at risk?", ["risk_factor"]),
    ("Metformin", "Causes", ["risk_factor"]),
    ("Knee-to-chest stretch", "Stretches for sciatica", ["treatment"]),
    ("Nutritional yeast", "Plant-Based Sources > Fortified Foods", ["food_source"]),
    ("Homocysteine", "Blood tests", ["diagnosis"]),
    # a heading that names no kind of item gives none
    ("Read labels", "Quick Tips", []),
    ("Magnetic bracelets", "What the evidence says > What does not work", ["treatment"]),
    ("Regular checkups", "Prevention and Management", []),
])
def test_a_heading_gives_its_list_items_a_type(nlp, item, heading, expected):
    assert list(tag_unit(item, "list_item", heading, nlp).types) == expected


@pytest.mark.parametrize("row,header,expected", [
    ("Toxic | Alcohol misuse, some chemotherapy drugs", "Type of cause | Examples",
     ["risk_factor"]),
    ("Homocysteine | 5 to 15 µmol/L", "Test | Typical reference range", ["diagnosis"]),
])
def test_a_table_header_gives_its_rows_a_type(nlp, row, header, expected):
    assert list(tag_unit(row, "table_row", header, nlp).types) == expected


def test_a_heading_is_not_read_as_a_leadin(nlp):
    # "Common symptoms include" names symptoms only as a lead-in sentence, with its colon.
    assert tag_unit("Fatigue", "list_item", "Common symptoms include:", nlp).types == \
        ("symptom",)
    assert tag_unit("Fatigue", "list_item", "Foods to eat", nlp).types == ("food_source",)


def test_unknown_unit_kind_is_rejected(nlp):
    with pytest.raises(ValueError):
        tag_unit("Some text.", "heading", None, nlp)


@pytest.mark.parametrize("text,expected,absent", [
    # a body part doing its work is a mechanism, not a treatment's "helps"
    ("Potassium helps nerves send signals to the muscles.", {"mechanism"}, {"treatment"}),
    # surgery in the past is a risk, not a treatment
    ("Having had bowel surgery raises the odds of low B12.", {"risk_factor"}, {"treatment"}),
    # a drug that causes a condition is a risk factor, not a treatment
    ("Some antibiotics are known to cause nerve damage in the feet.", set(), {"treatment"}),
    # a dose named for a symptom is a treatment
    ("For burning feet, some people use 600 mg of alpha-lipoic acid a day.", {"treatment"},
     set()),
    ("Lowering your weight cuts the risk of getting sciatica.", {"treatment"}, {"risk_factor"}),
    # how a treatment went for someone, and its side effects
    ("Duloxetine took the edge off for me within a month.", {"treatment"}, set()),
    ("It can make you feel drowsy the next morning.", {"treatment"}, set()),
    ("Many of our patients report less tingling after two sessions.", {"treatment"}, set()),
    # a person's own medicines, a treatable cause: no treatment claim
    ("Continue your usual medicines unless your doctor tells you otherwise.", set(),
     {"treatment"}),
    ("Blood tests look for common treatable causes.", {"diagnosis"}, {"treatment"}),
    # forum and page furniture
    ("Hope that helps, and do let us know how you get on.", set(), {"treatment"}),
    ("This page explains which treatments we may offer.", set(), {"treatment"}),
    # a lead-in that only announces its list carries no type itself
    ("Things that help:", set(), {"treatment"}),
    ("To ease the pain and itching, you can:", set(), {"treatment"}),
    ("Common symptoms include:", set(), {"symptom"}),
    ("Treatment depends on the cause:", {"treatment"}, set()),
    # treatments that fail, harm, correct a deficiency or halt damage
    ("Several supplements have all been tested, and none of them worked.", {"treatment"}, set()),
    ("There is no known harm from high intakes of B12 from food or supplements.",
     {"treatment"}, set()),
    ("Both forms raise B12 levels well in most people.", {"treatment"}, set()),
    ("Injections correct the deficiency within weeks.", {"treatment"}, set()),
    ("This can stop the damage from getting worse.", {"treatment"}, set()),
    ("Thiamine is usually given to all patients on the ward.", {"treatment"}, set()),
    ("Start injections without delay if neurological symptoms are present.", {"treatment"},
     set()),
    # the word "treatment" as a time, a GP surgery, a course left untreated, telling apart
    ("Around 3 in 10 people still have some symptoms 6 months after their treatment finishes.",
     {"prevalence"}, {"treatment"}),
    ("Since then I have had a jab every 12 weeks at my surgery.", set(), {"treatment"}),
    ("Nerve problems can become permanent if they are not treated.", set(), {"treatment"}),
    ("Features that help distinguish the two main forms.", set(), {"treatment"}),
    ("Numbness and reduced sensitivity to temperature in the feet.", {"symptom"},
     {"treatment"}),
    # a drug's side effects are a treatment claim, not the symptoms of a condition
    ("Codeine is sometimes used for a few days, but it causes constipation and drowsiness.",
     {"treatment"}, {"symptom"}),
    ("It should be used with care in adults over 65, as it may cause confusion and falls.",
     {"treatment"}, {"symptom"}),
    ("Many of our patients report less tingling after two sessions.", {"treatment"},
     {"symptom"}),
    ("If left untreated, the deficiency can cause numbness and tingling.", {"symptom"}, set()),
    # telling a condition apart, and test words that are not a mechanism
    ("Low B12 causes tingling in the feet that is easily mistaken for diabetic neuropathy.",
     {"diagnosis"}, set()),
    ("Intrinsic factor antibodies should be requested to look for pernicious anaemia.",
     {"diagnosis"}, {"mechanism"}),
    ("Walking. Build up to 20-30 minutes a day, split into short walks.", set(),
     {"mechanism"}),
    # a treatment that depends on the cause names no risk factor
    ("If your deficiency is caused by your diet, eating more of the right foods can help.",
     set(), {"risk_factor"}),
    ("Walking and swimming are usually fine if they don't make the leg pain worse.", set(),
     {"risk_factor"}),
    # a trigger that makes a symptom worse leads to a symptom (decision 8; the gold's "Cold
    # makes nerve pain worse for a lot of people"), not to a condition
    ("Smoking makes nerve pain worse.", {"symptom"}, {"risk_factor"}),
    # how many people a treatment works for is a response rate, not how common a condition is
    ("It is a day-case operation, and around 9 in 10 people get lasting relief from numbness.",
     {"treatment"}, {"prevalence"}),
    ("Fewer than half of people get a good response from any one drug.", {"treatment"},
     {"prevalence"}),
])
def test_general_type_cues(nlp, text, expected, absent):
    types = set(tag_unit(text, nlp=nlp).types)
    assert expected <= types and not (absent & types), types


@pytest.mark.parametrize("paragraph, units", [
    # Header and source lines are one unit, not cut at their full stops.
    ("Version 3 | Approved by Dr A. Shah, Clinical Lead. | Review date: May 2027.",
     ["Version 3 | Approved by Dr A. Shah, Clinical Lead. | Review date: May 2027."]),
    ("Statistical bulletin. Release date: 28 May 2025. Next release: May 2027. "
     "Contact: stats@example.org",
     ["Statistical bulletin. Release date: 28 May 2025. Next release: May 2027. "
      "Contact: stats@example.org"]),
    ("Document No. LAB-SOP-042. Version: 5. Effective date: 1 March 2026. "
     "Authorised by: Head of Biochemistry.",
     ["Document No. LAB-SOP-042. Version: 5. Effective date: 1 March 2026. "
      "Authorised by: Head of Biochemistry."]),
    ("IN THE HIGH COURT OF JUSTICE, KING'S BENCH DIVISION. Case No: KB-2024-0113. "
     "Before: Mr Justice Hale. Hearing dates: 3-6 May 2025.",
     ["IN THE HIGH COURT OF JUSTICE, KING'S BENCH DIVISION. Case No: KB-2024-0113. "
      "Before: Mr Justice Hale. Hearing dates: 3-6 May 2025."]),
    # Progress and counter lines are no units.
    ("Step 2 of 4", []),
    ("Step 6 of 6: Results", []),
    ("3/12", []),
    # Look-alikes: sentences with one label, or labelled sentences between long ones.
    ("Note: take it with food. It can upset the stomach.",
     ["Note: take it with food.", "It can upset the stomach."]),
    ("Review date: June 2026. Metformin lowers vitamin B12 absorption in about one in ten "
     "long-term users. Contact: your GP.",
     ["Review date: June 2026.", "Metformin lowers vitamin B12 absorption in about one in ten "
      "long-term users.", "Contact: your GP."]),
    ("Take 2 of 4 tablets now.", ["Take 2 of 4 tablets now."]),
])
def test_header_lines_are_one_unit_and_progress_lines_none(nlp, paragraph, units):
    doc = make_doc([Section(None, 2, [Block("paragraph", text=paragraph)])])
    assert [u.text for u in document_units(doc, nlp)] == units


@pytest.mark.parametrize("text", [
    "Vitamin B12 builds myelin.", "  Tingling in the feet  ", "Is it safe?", "Ok.)",
    "See table 2 [3]", "Dose: 2.4 mcg a day", "One. Two.", "end.Next one", "\nLeading line",
    "A list follows:\n", "Dr. Smith says so", "Costs \u00a3 5\u2003"])
def test_a_sole_sentence_is_split_as_the_tokenized_paragraph_is(nlp, text):
    """ClaimSentences.sole_sentence only skips the tokenizer: where it answers, the
    tokenized paragraph has that one sentence."""
    from pipeline.claims import _unit_doc

    splitter = nlp.get_pipe("claim_sentences")
    full = splitter.sentence_char_spans(_unit_doc(nlp, text, "paragraph"))
    sole = splitter.sole_sentence(text)
    assert sole is None or [sole] == full
    assert (sole is None) == any(c in text.rstrip()[:-1] for c in ".!?…\n")
