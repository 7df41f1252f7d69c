"""The clean stage: residue and boilerplate go on record, content and structure stay."""
import re

import pytest

from pipeline.clean import clean, is_service_table, service_table_rule
from pipeline.extract import Extract, read_source
from pipeline.model import Block, Document, Section, Source
from pipeline.settings import Settings
from tests.conftest import RAW, SEEDS


def doc_of(sections, title=None):
    return Document("t", Source("raw/t.txt", "0" * 64, "text"), "", title, sections=sections)


def texts(doc):
    out = [s.heading for s in doc.sections if s.heading]
    for s in doc.sections:
        for b in s.blocks:
            out.extend(b.texts())
    return out


def cleaned_seed(name):
    return clean(Extract(Settings())(read_source(RAW / name)))


def test_residue_lines_of_a_broken_page_go_with_edits():
    doc = cleaned_seed("003_b1dc9190a6b45721.txt")
    joined = "\n".join(texts(doc))
    for residue in ("“`html", 'health concern.">', 'health">', "Table of Contents"):
        assert residue not in joined
    rules = {e.rule for e in doc.edits}
    assert {"code_fence", "attribute_tail", "table_of_contents", "dangling_marker"} <= rules


def test_toc_goes_but_the_headings_it_lists_stay():
    doc = cleaned_seed("003_b1dc9190a6b45721.txt")
    headings = [s.heading for s in doc.sections]
    assert "Recognizing the Symptoms of Deficiency" in headings
    assert not any(t.startswith("1. The Critical Role") for t in texts(doc))


def test_duplicate_headings_go():
    doc = cleaned_seed("003_b1dc9190a6b45721.txt")
    headings = [s.heading for s in doc.sections if s.heading]
    assert len(headings) == len(set(headings))
    doc = cleaned_seed("000_bb442fae1747071a.txt")
    assert doc.title not in [s.heading for s in doc.sections]
    assert any(e.rule == "title_repeated" for e in doc.edits)


def test_share_comment_related_and_credit_lines_go_but_the_article_stays():
    doc = cleaned_seed("000_bb442fae1747071a.txt")
    joined = "\n".join(texts(doc))
    for furniture in ("Published on:", "Please leave your comments below", "Share with your friends",
                      "Like this? Read more", "Help- My Legs keep Falling Asleep", "Image courtesy"):
        assert furniture not in joined
    assert "NSAIDs are usually not helpful for treating neuropathic pain." in joined
    assert "Topical ointments for arthritis may help to relieve nerve pain" in joined


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_nothing_is_lost_silently(seed):
    """Every word of the raw article is in the output or in the `before` of an edit."""
    doc = clean(Extract(Settings())(read_source(seed)))
    kept = " ".join(texts(doc) + [doc.title or ""] + [e.before for e in doc.edits])
    kept_words = set(re.findall(r"\w+", kept))
    raw_words = set(re.findall(r"\w+", seed.read_text(encoding="utf-8")))
    assert raw_words - kept_words == set()


def test_a_health_sentence_that_looks_like_boilerplate_is_kept_with_a_warning():
    long = ("Read more: vitamin B12 deficiency causes numbness, tingling and pain in the feet "
            "of many patients")
    doc = clean(doc_of([Section("Advice", 2, [Block("paragraph", text=long)])]))
    assert texts(doc) == ["Advice", long]
    assert doc.warnings and "read_more" in doc.warnings[0]


def test_a_boilerplate_sentence_inside_a_paragraph_goes_alone():
    text = "B12 supports nerve health. Please leave your comments below."
    doc = clean(doc_of([Section(None, 2, [Block("paragraph", text=text)])]))
    assert texts(doc) == ["B12 supports nerve health."]
    assert [(e.rule, e.before) for e in doc.edits] == [
        ("comment_prompt", "Please leave your comments below.")]


def test_unicode_and_whitespace_are_fixed_on_record():
    doc = clean(doc_of([Section(None, 2, [Block("paragraph", text="It\u00e2\u0080\u0099s  vital\u00a0for nerves.")])]))
    assert texts(doc) == ["It’s vital for nerves."]
    assert {e.kind for e in doc.edits} == {"unicode", "whitespace"}


def test_entities_and_tags_inside_text_are_removed_on_record():
    doc = clean(doc_of([Section(None, 2, [Block("list", items=["Salmon &amp; <b>tuna</b>", "Eggs"])])]))
    assert texts(doc) == ["Salmon & tuna", "Eggs"]
    assert {e.rule for e in doc.edits} >= {"html_entity", "html_tag"}


def test_removed_list_item_edit_points_at_its_list_and_slot():
    doc = clean(doc_of([Section("Foods", 2, [Block("list", items=["Eggs", "Share on Facebook", "Milk"])])]))
    assert texts(doc) == ["Foods", "Eggs", "Milk"]
    (edit,) = [e for e in doc.edits if e.rule == "share_prompt"]
    assert (edit.section, edit.block, edit.item, edit.before) == (0, 0, 1, "Share on Facebook")


def test_clean_does_not_mutate_its_input_and_is_idempotent():
    doc = cleaned_seed("003_b1dc9190a6b45721.txt")
    again = clean(doc)
    assert again.sections == doc.sections and again.title == doc.title
    assert len(again.edits) == len(doc.edits)


def test_byline_and_dates_move_into_metadata_on_record():
    doc = clean(doc_of([Section(None, 2, [
        Block("paragraph", text="By Hélène Marchetti, B.Pharm. · Published on: February 7, 2024 "
                                "· Updated September 30, 2024"),
        Block("paragraph", text="Medically reviewed by Dr. Laura Chen, MD"),
        Block("paragraph", text="By taking B12 daily, most patients recover within weeks.")])]))
    m = doc.metadata
    assert (m.author, m.reviewer, m.published, m.modified) == (
        "Hélène Marchetti, B.Pharm.", "Dr. Laura Chen, MD", "2024-02-07", "2024-09-30")
    assert texts(doc) == ["By taking B12 daily, most patients recover within weeks."]
    assert [e.kind for e in doc.edits] == ["moved_to_metadata", "moved_to_metadata"]


BYLINE_LINES = [
    # (line as written, (author, reviewer, published, modified))
    ("With Rajan Sethi, community pharmacist. Published in the Westbrook Courier health "
     "pages, 9 October 2025.", ("Rajan Sethi", None, "2025-10-09", None)),
    ("By Jess Amaral, registered nutritionist, for The Green Plate blog. 2 September 2025. "
     "8 min read.", ("Jess Amaral", None, "2025-09-02", None)),
    ("By Harriet Combe. From the November issue of Vitality magazine.",
     ("Harriet Combe", None, None, None)),
    ("Written by our pharmacist team. Reviewed by Daniel Okafor, MPharm. Updated January 2025.",
     ("our pharmacist team", "Daniel Okafor, MPharm", None, "2025-01")),
    ("Posted by Tom Adeyemi, MSK physiotherapist, on 9 September 2025. Filed under: Back pain.",
     ("Tom Adeyemi", None, "2025-09-09", None)),
    ("Reviewed by Hartleys pharmacist Amira Kowalczyk, MPharm",
     (None, "Amira Kowalczyk, MPharm", None, None)),
    ("Page last reviewed: 14 August 2025. Next review due: 14 August 2027.",
     (None, None, None, "2025-08-14")),
    ("Next review due: 2 June 2028", (None, None, None, None)),
    ("Written by Owen Castell, HCPC-registered podiatrist. Updated 19 March 2025.",
     ("Owen Castell", None, None, "2025-03-19")),
    ("The Cancer Recovery Room podcast. Show notes by producer Gemma Locke. Released 2 October "
     "2025. Running time 41 minutes.", ("Gemma Locke", None, "2025-10-02", None)),
    ("Leaflet DC-27 (third edition). Produced by the diabetes specialist nursing team, "
     "September 2024. Due for review September 2026.",
     ("the diabetes specialist nursing team", None, "2024-09", None)),
    ("Reviewed by Dr Samir Okonjo, GP.", (None, "Dr Samir Okonjo, GP", None, None)),
]


@pytest.mark.parametrize("line,fields", BYLINE_LINES)
def test_a_byline_line_of_several_sentences_moves_into_metadata(line, fields):
    doc = clean(doc_of([Section(None, 2, [
        Block("paragraph", text=line),
        Block("paragraph", text="With age, the stomach makes less acid. By Friday, your GP "
                                "will know the result.")])]))
    m = doc.metadata
    assert (m.author, m.reviewer, m.published, m.modified) == fields
    assert texts(doc) == ["With age, the stomach makes less acid. By Friday, your GP will "
                          "know the result."]
    assert [(e.kind, e.before) for e in doc.edits] == [("moved_to_metadata", line)]


def test_a_heading_is_never_taken_for_the_author_and_keeps_its_section():
    # The hospice page of eval/claims/styles10: its last heading "Talking to our team" became
    # the author, and its paragraphs went under the heading before it.
    doc = clean(doc_of([
        Section("Is morphine dangerous?", 2, [
            Block("paragraph", text="Used at the right dose, morphine does not shorten life.")]),
        Section("Talking to our team", 2, [
            Block("paragraph", text="You can ask to speak to the doctor at the ward round.")])]))
    assert doc.metadata.author is None
    assert [(s.heading, [b.text for b in s.blocks]) for s in doc.sections] == [
        ("Is morphine dangerous?", ["Used at the right dose, morphine does not shorten life."]),
        ("Talking to our team", ["You can ask to speak to the doctor at the ward round."])]
    assert not doc.edits


def test_a_byline_set_as_a_heading_still_moves():
    doc = clean(doc_of([Section("Posted by Dr Laura Pettit DC, Northgate Chiropractic | 14 May "
                                "2025", 2, [Block("paragraph", text="Sciatica is a symptom.")])]))
    assert doc.metadata.author.startswith("Dr Laura Pettit")
    assert doc.metadata.published == "2025-05-14"
    assert texts(doc) == ["Sciatica is a symptom."]


def test_citations_and_inline_urls_move_onto_the_block():
    doc = clean(doc_of([Section(None, 2, [Block("paragraph", text=(
        "B12 builds myelin.[3] Deficiency harms nerves. 1, 2 See the MedlinePlus entry "
        "[https://medlineplus.gov/b12.html]."))])]))
    block = doc.sections[0].blocks[0]
    assert block.text == "B12 builds myelin. Deficiency harms nerves. See the MedlinePlus entry."
    assert block.refs == ["3", "1, 2"] and block.links == ["https://medlineplus.gov/b12.html"]
    assert {e.kind for e in doc.edits} == {"moved_to_refs", "moved_to_links"}


def test_reference_numbers_closing_a_list_item_move_onto_the_block():
    doc = clean(doc_of([Section("Signs", 2, [Block("list", items=[
        "Numbness in the hands and feet 1, 2", "Diabetes type 1", "Fatigue"])])]))
    block = doc.sections[0].blocks[0]
    assert block.items == ["Numbness in the hands and feet", "Diabetes type 1", "Fatigue"]
    assert block.refs == ["1, 2"]
    assert [(e.rule, e.item) for e in doc.edits] == [("item_end_citation", 0)]


def test_a_boilerplate_title_goes():
    doc = clean(doc_of([], title="Page not found"))
    assert doc.title is None and doc.edits[0].rule == "error_page"


def test_the_rest_of_a_call_to_action_box_goes_with_it():
    text = ("Injection training at our pharmacy Call 555-0100 to book a free session with one of "
            "our pharmacists. Service offert en français et en anglais.")
    doc = clean(doc_of([Section("Travel", 2, [Block("paragraph", text="Carry ampoules in hand luggage."),
                                              Block("paragraph", text=text)])]))
    assert texts(doc) == ["Travel", "Carry ampoules in hand luggage."]


def test_a_non_english_article_is_detected_and_flagged():
    french = ("La vitamine B12 est essentielle au bon fonctionnement du système nerveux. Une carence "
              "peut provoquer des fourmillements, une fatigue importante et des douleurs dans les "
              "jambes. Le médecin prescrit souvent des injections intramusculaires.")
    doc = clean(doc_of([Section(None, 2, [Block("paragraph", text=french)])]))
    assert doc.metadata.language == "fr"
    assert any("not English" in w for w in doc.warnings)


def test_english_seeds_are_detected_as_english():
    assert cleaned_seed("002_45f866111ccbca5d.txt").metadata.language == "en"


@pytest.mark.parametrize("text,regions", [
    ("a  b", [("  ", " ")]),
    (" a\u00a0b ", [(" ", ""), ("\u00a0", " "), (" ", "")]),
    ("a\u200bb", [("\u200b", "")]),
    ("a\tb\n", [("\t", " "), ("\n", "")]),
    ("plain text", []),
    ("a b ", [(" ", "")]),
    (" a b", [(" ", "")]),
    ("", []),
])
def test_whitespace_edits_name_each_run(text, regions):
    from pipeline.clean import whitespace_regions
    assert whitespace_regions(text) == regions


def test_the_odd_space_pattern_finds_nothing_printable_but_spaces():
    # whitespace_regions skips _ODD_SPACE for printable texts without edge or double spaces.
    import sys

    from pipeline.clean import _ODD_SPACE
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if c.isprintable() and c != " ":
            assert not _ODD_SPACE.search(c), hex(code)


@pytest.mark.parametrize("field,expected", [
    ("Jane Doe", {"author": "Jane Doe"}),
    ("Rachel Kim · Medically reviewed by Dr Samuel Ortiz; MD",
     {"author": "Rachel Kim", "reviewer": "Dr Samuel Ortiz, MD"}),
    ("Tom Lee | Reviewed by Ann Wu", {"author": "Tom Lee", "reviewer": "Ann Wu"}),
])
def test_a_byline_in_the_author_field_is_split(field, expected):
    from pipeline.clean import split_author_field
    assert split_author_field(field) == expected


def test_a_residue_rule_runs_on_what_an_earlier_rule_brought_in():
    # No "{" anywhere in the article until the entity is unescaped: css_text still runs.
    doc = clean(doc_of([Section("Diet", 2, [Block("paragraph", text="B12 &#123;color:red;}")])]))
    assert [e.rule for e in doc.edits] == ["html_entity", "css_text"]


def test_ftfy_leaves_the_characters_the_stage_skips_it_for():
    # clean.fix_unicode skips ftfy for texts of printable ASCII and FTFY_UNTOUCHED. ftfy's
    # fixes are per character except its mojibake test, which reads two to four at a time.
    import itertools

    import ftfy

    from pipeline.clean import FTFY_CONFIG, FTFY_UNTOUCHED
    alphabet = FTFY_UNTOUCHED + "aZ .1,'\"-("
    for n in (1, 2, 3):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            assert ftfy.fix_text(text, config=FTFY_CONFIG) == text
            assert not ftfy.badness.is_bad(text + " " + text[::-1])


def test_a_marker_rule_runs_on_what_an_earlier_marker_rule_left():
    # No ", " anywhere until "[4]" goes: item_end_citation still runs on that text.
    doc = clean(doc_of([Section("Signs", 2, [Block("list", items=["Feet and hands 1,[4] 2",
                                                                   "Legs"])])]))
    assert [e.rule for e in doc.edits] == ["bracket_citation", "item_end_citation"]
    assert doc.sections[0].blocks[0].refs == ["4", "1, 2"]


@pytest.mark.parametrize("block, texts_after, edits", [
    # In a table cell a lone dash is a value ("none"): it stays.
    (Block("table", header=["Nutrient", "Per portion", "% RI"],
           rows=[["Salt", "0.9 g", "-"], ["Calcium", "120 mg", "15%"]]),
     ["Nutrient", "Per portion", "% RI", "Salt", "0.9 g", "-", "Calcium", "120 mg", "15%"], []),
    # Look-alike: a dash left as a list item where a page was cut off goes, on record.
    (Block("list", items=["Leafy greens", "-"]), ["Leafy greens"],
     [("dangling_marker", "-", "")]),
    # Residue in a table cell still goes.
    (Block("table", header=["Form", "Dose"], rows=[["Tablet", "1 mg <br>daily"]]),
     ["Form", "Dose", "Tablet", "1 mg daily"], [("html_tag", "<br>", " ")]),
])
def test_a_lone_dash_in_a_table_cell_is_data(block, texts_after, edits):
    doc = clean(doc_of([Section("Nutrition", 2, [block])]))
    assert [t for b in doc.sections[0].blocks for t in b.texts()] == texts_after
    assert [(e.rule, e.before, e.after) for e in doc.edits] == edits


def test_a_removed_paragraph_that_repeats_an_earlier_one_points_at_its_own_place():
    """Two identical boilerplate paragraphs in two sections: each edit names the place its own
    paragraph stood, so a reviewer can put each back where it was."""
    share = "Share on Facebook"
    doc = clean(doc_of([
        Section("First", 2, [Block("paragraph", text=share),
                             Block("paragraph", text="Vitamin B12 builds myelin.")]),
        Section("Second", 2, [Block("paragraph", text="Numbness is a symptom."),
                              Block("paragraph", text=share)]),
    ]))
    removed = [(e.section, e.block) for e in doc.edits if e.before == share]
    assert removed == [(0, 0), (1, 1)]


# Service furniture inside an article's paragraph: the furniture sentence goes, on record
# under its rule, and the health sentence beside it stays.
@pytest.mark.parametrize("furniture,rule", [
    ("Our clinic is open Monday to Friday, 9am to 5pm.", "opening_hours"),
    ("Call our advice team on 0161 555 0100 for a chat.", "phone_line"),
    ("Call the diabetes nurse team on 0161 555 0100 (Monday to Friday, 9am to 4pm).", "phone_line"),
    ("Send your questions to asknurse@example.org.", "contact_email"),
    ("Knee support from £19.99.", "price_line"),
    ("Use code WALK10 for 10% off your first order.", "shop_offer"),
])
def test_service_furniture_in_a_paragraph_goes_alone(furniture, rule):
    health = "Numbness that spreads up both legs can be a sign of B12 deficiency, so ask for a blood test."
    doc = clean(doc_of([Section(None, 2, [Block("paragraph", text=f"{health} {furniture}")])]))
    assert texts(doc) == [health]
    assert [(e.rule, e.before) for e in doc.edits] == [(rule, furniture)]


@pytest.mark.parametrize("text", [
    "Take the tablet at 9am with breakfast, every day.",
    "Injections cost the NHS about £5 each.",
    "If the pain wakes you at night, call the nurse line on 0300 555 0101.",
])
def test_health_sentences_that_look_like_service_furniture_stay(text):
    doc = clean(doc_of([Section(None, 2, [Block("paragraph", text=text)])]))
    assert texts(doc) == [text]


def _table(rows: list[str]) -> tuple[list[str], list[list[str]]]:
    cells = [r.split(" | ") for r in rows]
    return cells[0], cells[1:]


@pytest.mark.parametrize("rows", service_table_rule()["removes"])
def test_a_table_of_prices_fees_pay_or_hours_goes(rows):
    assert is_service_table(*_table(rows))


@pytest.mark.parametrize("rows", service_table_rule()["keeps"])
def test_a_table_naming_health_or_a_dose_or_no_price_column_stays(rows):
    assert not is_service_table(*_table(rows))


def test_a_service_table_leaves_the_text_on_record():
    header, rows = _table(["Day | Open | Close", "Monday to Thursday | 12 noon | 11pm"])
    out = clean(doc_of([Section("Hours", 2, [Block("paragraph", text="Our hours are below."),
                                             Block("table", header=header, rows=rows)])]))
    assert all(b.type != "table" for s in out.sections for b in s.blocks)
    assert [(e.kind, e.rule) for e in out.edits if e.rule == "service_table"] == [("boilerplate", "service_table")]


# Service furniture goes; a line that says something about health care stays, however short.
SERVICE_LINES = [
    ("Our showroom on Mill Lane stays open until 8pm on Thursdays.", False),
    ("Match fees stay at £8 per game, £4 for students.", False),
    ("Christmas quiz: Friday 13 December, £5 a head, teams of four.", False),
    ("Trade in your old handset and get up to £150 off a new one.", False),
    ("We deliver six days a week, and a Sunday drop costs 50p extra.", False),
    ("Was this article useful?", False),
    ("The shed is closed on 24 and 31 December.", False),
    ("The diabetes nurse helpline is open until 3.30pm on weekdays.", True),
    ("A B12 test costs about £5 extra at most pharmacies.", True),
    ("Injections clinic: Tuesday and Thursday mornings at the surgery.", True),
    ("The diabetes nurse helpline runs weekdays, and stays open until 3.30pm on Fridays.", True),
    ("The surgery is closed on 26 December.", True),
    ("Flu jabs: Saturday 4 October at the village hall.", True),
    ("Take one tablet on Monday, Wednesday and Friday.", True),
]


@pytest.mark.parametrize("line,kept", SERVICE_LINES)
def test_service_furniture_goes_but_health_care_stays(line, kept):
    doc = clean(doc_of([Section(None, 2, [Block("paragraph", text="Numb feet are common."),
                                          Block("paragraph", text=line)])]))
    assert (line in texts(doc)) == kept
