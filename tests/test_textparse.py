"""Plain text into title, headings, paragraphs, lists and pipe tables."""
import pytest

from pipeline.textparse import looks_like_heading, parse_text


@pytest.mark.parametrize("line,expected", [
    ("Nerve damage from vitamin B12 deficiency", True),
    ("What is B12?", True),
    ("Conclusion", True),
    ("3. Treatment Options", True),
    ("Comparison of B12-Related vs. Musculoskeletal Back Pain", True),
    ("Common symptoms of a Vitamin B12 deficiency include:", False),
    ("Vitamin B12 deficiency is often comorbid with diabetes.", False),
    ("Early diagnosis and treatment are essential to prevent long-term neurological damage", False),
    ("If you suffer nerve pain in the hands, feet, or back, have you been tested for vitamin "
     "B12 deficiency and other causes of chronic pain?", False),
    # A short heading with a remark in brackets; a longer unpunctuated sentence is none.
    ("Directions for use (as printed on the label)", True),
    ("Background for sales teams (not for consumer use)", True),
    ("Most people recover within six weeks (NHS data)", False),
    ("Take one tablet a day with food (adults)", False),
])
def test_heading_detection(line, expected):
    assert looks_like_heading(line) is expected


def test_title_sections_lists_and_tables():
    raw = ("B12 and Back Pain\n"
           "B12 matters for nerves.\n"
           "How It Works\n"
           "Common symptoms include:\n"
           "- Fatigue\n"
           "* Numbness\n"
           "1. Pale skin\n"
           "| Feature | Oral | Injection |\n"
           "|---|---|---|\n"
           "| Absorption | Slow. | Fast. | \n")
    title, sections = parse_text(raw)
    assert title == "B12 and Back Pain"
    assert [s.heading for s in sections] == [None, "How It Works"]
    blocks = sections[1].blocks
    assert [b.type for b in blocks] == ["paragraph", "list", "table"]
    assert blocks[1].items == ["Fatigue", "Numbness", "Pale skin"]
    assert blocks[2].header == ["Feature", "Oral", "Injection"]
    assert blocks[2].rows == [["Absorption", "Slow.", "Fast."]]


def test_blank_lines_separate_lists_and_a_lone_marker_stays_for_the_cleaner():
    title, sections = parse_text("Title\n\n- a\n- b\n\n- c\n*")
    lists = [b for b in sections[0].blocks if b.type == "list"]
    assert [l.items for l in lists] == [["a", "b"], ["c", "*"]]


def test_a_long_unpunctuated_first_line_is_the_title():
    raw = ("Ask the nurse: tingling toes, tired legs and what your bloods show\n\n"
           "Readers' questions answered by our practice nurse.\n")
    title, sections = parse_text(raw)
    assert title == "Ask the nurse: tingling toes, tired legs and what your bloods show"
    assert [b.text for b in sections[0].blocks] == [
        "Readers' questions answered by our practice nurse."]
    # A first line that is a sentence stays text.
    title, _ = parse_text("Vitamin B12 keeps nerves healthy.\n\nMore text.\n")
    assert title is None


def test_numbered_lines_between_paragraphs_are_headings_and_numbered_lists_stay_lists():
    raw = ("Patient leaflet\n\n"
           "1. What this medicine is for\n\n"
           "It treats vitamin B12 deficiency.\n\n"
           "- itching\n\n"
           "2. How to store it\n\n"
           "Keep it below 25 °C.\n\n"
           "Three steps:\n\n"
           "1. Sit down\n\n"
           "2. Stretch\n")
    title, sections = parse_text(raw)
    assert [s.heading for s in sections] == [
        "1. What this medicine is for", "2. How to store it"]
    lists = [b.items for b in sections[-1].blocks if b.type == "list"]
    assert lists == [["Sit down"], ["Stretch"]]


def _textparse_examples(key: str) -> list[str]:
    import tomllib
    from pipeline.settings import RULES_DIR
    return tomllib.loads((RULES_DIR / "textparse.toml").read_text(encoding="utf-8"))[key]


@pytest.mark.parametrize("line", _textparse_examples("turns"))
def test_a_chat_turn_or_a_question_line_of_several_sentences_is_no_heading(line):
    assert looks_like_heading(line) is False


@pytest.mark.parametrize("line", _textparse_examples("headings"))
def test_a_one_sentence_question_stays_a_heading(line):
    assert looks_like_heading(line) is True


@pytest.mark.parametrize("raw, headings, paragraphs", [
    # Speakers of a transcript say things as well as ask: their questions are turns.
    ("Radio phone-in: joint pain in winter\n\n"
     "HOST: Our first caller is on the line.\n\n"
     "CALLER: Hello. My knees ache every morning.\n\n"
     "HOST: Have you seen your GP?\n\n"
     "CALLER: Not yet\n",
     [], ["HOST: Our first caller is on the line.", "CALLER: Hello. My knees ache every morning.",
          "HOST: Have you seen your GP?", "CALLER: Not yet"]),
    # Look-alike: "Q:" only ever labels questions, so its lines stay question headings.
    ("Gabapentin questions\n\n"
     "Q: Can I drink alcohol with gabapentin?\n\n"
     "A: It is best avoided, because both can make you drowsy.\n\n"
     "Q: Can I drive?\n\n"
     "A: Not until you know how it affects you.\n",
     ["Q: Can I drink alcohol with gabapentin?", "Q: Can I drive?"],
     ["A: It is best avoided, because both can make you drowsy.",
      "A: Not until you know how it affects you."]),
    # A reader's letter under "Q:" tells as well as asks: every "Q:" line is the reader's,
    # the short question too.
    ("Ask the pharmacist\n\n"
     "Q: I've been on metformin for six years. Should I take B12?\n\n"
     "A: Ask your GP for a blood test first.\n\n"
     "Q: Are B12 injections from a beauty salon worth it?\n\n"
     "A: Not unless a test shows you are low.\n",
     [], ["Q: I've been on metformin for six years. Should I take B12?",
          "A: Ask your GP for a blood test first.",
          "Q: Are B12 injections from a beauty salon worth it?",
          "A: Not unless a test shows you are low."]),
    # A label used once is no speaker: a short labelled question stays a heading.
    ("Reader questions\n\nMyth: Does B12 Cure Tiredness?\n\n"
     "Only when the tiredness comes from low B12.\n",
     ["Myth: Does B12 Cure Tiredness?"], ["Only when the tiredness comes from low B12."]),
])
def test_speakers_lines_are_paragraphs(raw, headings, paragraphs):
    title, sections = parse_text(raw)
    assert title == raw.split("\n")[0]
    assert [s.heading for s in sections if s.heading] == headings
    assert [b.text for s in sections for b in s.blocks if b.type == "paragraph"] == paragraphs


@pytest.mark.parametrize("raw, headings, list_sections", [
    # Lettered section lines are headings however long: each list sits under its own one.
    ("Triage protocol 3: chest pain\n\n"
     "Section A: Call 999\n\n- Crushing pain spreading to the arm\n\n"
     "Section B: Emergency department within 1 hour\n\n- Pain that came on during exercise\n\n"
     "Section C: GP or urgent treatment centre within 4 hours for a review\n\n"
     "- Pain when pressing on the chest wall\n",
     ["Section A: Call 999", "Section B: Emergency department within 1 hour",
      "Section C: GP or urgent treatment centre within 4 hours for a review"],
     ["Section A: Call 999", "Section B: Emergency department within 1 hour",
      "Section C: GP or urgent treatment centre within 4 hours for a review"]),
    ("Nursing care plan\n\n"
     "Problem 1: Risk of foot ulcers related to loss of protective sensation\n\n"
     "Interventions:\n\n- Check both feet daily\n\n"
     "Problem 2: Risk of falls\n\nHe has fallen twice this year.\n",
     ["Problem 1: Risk of foot ulcers related to loss of protective sensation",
      "Problem 2: Risk of falls"],
     ["Problem 1: Risk of foot ulcers related to loss of protective sensation"]),
    # Look-alikes: consecutive step lines are the steps, and a labelled sentence is text.
    ("Using the pen\n\nStep 1: Remove the cap and check the dose window shows zero units\n"
     "Step 2: Dial the dose your nurse gave you and hold the pen upright\n\n"
     "Care advice 2: Painkillers. Ibuprofen may help.\n",
     [], []),
])
def test_lettered_and_numbered_section_lines_are_headings(raw, headings, list_sections):
    title, sections = parse_text(raw)
    assert [s.heading for s in sections if s.heading] == headings
    assert [s.heading for s in sections if any(b.type == "list" for b in s.blocks)] \
        == list_sections


def test_a_list_under_a_heading_with_a_bracketed_remark_takes_that_heading():
    raw = ("Product sheet\n\nComposition per tablet\n- Cyanocobalamin 1,000 micrograms\n\n"
           "Authorised health claims (as listed on the EU register)\n- Vitamin B12 contributes to normal energy-"
           "yielding metabolism.\n")
    _, sections = parse_text(raw)
    assert [s.heading for s in sections] == [
        "Composition per tablet", "Authorised health claims (as listed on the EU register)"]
    assert sections[1].blocks[0].items == [
        "Vitamin B12 contributes to normal energy-yielding metabolism."]


# (id, text, header, rows) of pipe tables written without outer pipes
BARE_TABLES = [
    ("header row named by its cells",
     "Serum B12 | Interpretation | Action\nBelow 150 ng/L | Deficiency likely | Treat\n"
     "Above 200 ng/L | Deficiency unlikely | Look for other causes",
     ["Serum B12", "Interpretation", "Action"],
     [["Below 150 ng/L", "Deficiency likely", "Treat"],
      ["Above 200 ng/L", "Deficiency unlikely", "Look for other causes"]]),
    ("separator line under the header",
     "Form | Dose\n--- | ---\nTablet | 1,000 mcg daily\nInjection | 1 mg every 3 months",
     ["Form", "Dose"], [["Tablet", "1,000 mcg daily"], ["Injection", "1 mg every 3 months"]]),
    ("first row with a number is a row",
     "Week 1 | 1 mg on alternate days\nWeek 2 | 1 mg on alternate days\nAfter | 1 mg every 3 months",
     [], [["Week 1", "1 mg on alternate days"], ["Week 2", "1 mg on alternate days"],
          ["After", "1 mg every 3 months"]]),
    ("two rows only: no header guessed",
     "Oral | Slow\nInjection | Fast", [], [["Oral", "Slow"], ["Injection", "Fast"]]),
]


@pytest.mark.parametrize("case", BARE_TABLES, ids=[c[0] for c in BARE_TABLES])
def test_pipe_table_without_outer_pipes(case):
    _, text, header, rows = case
    _, sections = parse_text("Title\n\n" + text + "\n\nB12 matters.\n")
    blocks = sections[0].blocks
    assert [b.type for b in blocks] == ["table", "paragraph"]
    assert (blocks[0].header, blocks[0].rows) == (header, rows)


@pytest.mark.parametrize("text", [
    "Version 3 | Approved by Dr A. Shah | Review date May 2027.",       # one line
    "Home | Health A-Z | Vitamin B12\nShare | Print",                   # cells differ
])
def test_lines_with_pipes_that_are_no_table_stay_paragraphs(text):
    _, sections = parse_text("Title\n\n" + text + "\n")
    lines = [s.heading for s in sections if s.heading] + [
        b.text for s in sections for b in s.blocks if b.type == "paragraph"]
    assert not [b for s in sections for b in s.blocks if b.type != "paragraph"]
    assert sorted(lines) == sorted(text.split("\n"))


_PUNCTUATED_BODY = "".join(
    f"Paragraph {n} tells the reader one more thing about vitamin B12 and the nerves it "
    "keeps healthy.\n\n" for n in range(5))


@pytest.mark.parametrize("line, heading", [
    ("When the pain spreads down the leg", True),
    ("Poses I suggest, and ones I leave out", True),
    ("Clinical Box 14.4: Nitrous oxide and the young neurology patient", True),
    # A sign-off, a contact line, a label line: no headings.
    ("What should I be eating? Thanks, Rosa", False),
    ("Media contact: Press Office, press@westmoor.ac.uk, 01632 960 118", False),
    ("Member health explainer | Brightwell Health Insurance", False),
    ("Posted by dave_m62 in Nerve pain and neuropathy, 11 March 2025", False),
])
def test_an_unpunctuated_line_alone_in_a_punctuated_article_is_a_heading(line, heading):
    title, sections = parse_text(f"Article title\n\n{_PUNCTUATED_BODY}{line}\n\n"
                                 "The next paragraph says what happens then.\n")
    assert (line in [s.heading for s in sections]) is heading


def test_an_unpunctuated_line_is_a_paragraph_where_the_article_leaves_stops_out():
    body = _PUNCTUATED_BODY.replace(".\n", "\n")
    line = "When the pain spreads down the leg"
    title, sections = parse_text(f"Article title\n\n{body}{line}\n\nThen it settles over the next weeks for most people\n")
    assert [s.heading for s in sections if s.heading] == []
    # Nor one that is not alone between blank lines (a seed without blank lines).
    title, sections = parse_text(f"Article title\n{_PUNCTUATED_BODY.replace(chr(10) * 2, chr(10))}"
                                 f"{line}\nThen it settles.\n")
    assert [s.heading for s in sections if s.heading] == []


def test_show_notes_chapters_are_headings_and_a_log_stays_turns():
    notes = ("Episode 48 show notes\n\n(02:10) What chemo-induced neuropathy is\n\n"
             "Marcus explains the damage.\n\n(09:45) What it feels like\n\nFingers go numb.\n")
    title, sections = parse_text(notes)
    assert [s.heading for s in sections if s.heading] == [
        "(02:10) What chemo-induced neuropathy is", "(09:45) What it feels like"]
    log = "Clinic day log\n\n09:40 Doors open\n\n09:45 First patient seen\n\n10:02 Nurse: Any questions?\n"
    title, sections = parse_text(log)
    assert [s.heading for s in sections if s.heading] == []
