"""The spelling stage: each kind of fix is made and recorded, each guard holds, it can be turned off."""
from __future__ import annotations

import copy
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import spelling
from pipeline.model import Block, Document, Edit, Section, Source
from pipeline.settings import Settings
from pipeline.spelling import Spelling, Style, Text, Unit, correct_spelling


def article(blocks: list[Block], heading: str | None = None, title: str | None = None):
    return Document("t", Source("raw/t.txt", "0" * 64, "text"), "", title,
                    sections=[Section(heading, 2, blocks)])


def fixed(text: str) -> Document:
    return correct_spelling(article([Block("paragraph", text=text)]), Settings())


def stage_edits(doc: Document):
    return [e for e in doc.edits if e.stage == "spelling"]


@pytest.fixture(scope="session", autouse=True)
def loaded():
    """The word lists load once for the whole session."""
    return spelling.resources()


# (id, text, expected text, kind, rule, before, after)
FIXES = [
    ("known misspelling", "It is rarely the onyl symptom.", "It is rarely the only symptom.",
     "spelling", "codespell", "onyl", "only"),
    ("known misspelling, capital kept", "Onyl a doctor can tell.", "Only a doctor can tell.",
     "spelling", "codespell", "Onyl", "Only"),
    ("project map misspelling", "Opiods can cause constipation.",
     "Opioids can cause constipation.", "spelling", "known_misspellings", "Opiods", "Opioids"),
    ("one-edit domain misspelling", "You may feel pain or even paralisis.",
     "You may feel pain or even paralysis.", "spelling", "frequency_gated_one_edit",
     "paralisis", "paralysis"),
    ("one-edit drug misspelling", "Doctors prescribed metforman for him.",
     "Doctors prescribed metformin for him.", "spelling", "frequency_gated_one_edit",
     "metforman", "metformin"),
    ("glued sentence", "It is linked to leg pain.While often missed, it is common.",
     "It is linked to leg pain. While often missed, it is common.", "spacing",
     "missing_space_after_sentence", "pain.While", "pain. While"),
    ("glued sentence before a contraction", "It builds the body.It’s vital.",
     "It builds the body. It’s vital.", "spacing", "missing_space_after_sentence",
     "body.It", "body. It"),
    ("glued date", "Posted December 6, 2025View all posts.",
     "Posted December 6, 2025 View all posts.", "spacing", "glued_words",
     "2025View", "2025 View"),
    ("lowercase sentence start", "It is rarely the only symptom. look out for signs.",
     "It is rarely the only symptom. Look out for signs.", "case", "sentence_start",
     "look", "Look"),
    ("lowercase after a sentence with a contraction", "It is necessary. if it’s due to X, ask.",
     "It is necessary. If it’s due to X, ask.", "case", "sentence_start", "if", "If"),
    ("duplicated function word", "Take it with the the meal.", "Take it with the meal.",
     "grammar", "duplicated_word", "the the", "the"),
    ("garbled function words", "It helps make DNA in the your body.",
     "It helps make DNA in your body.", "grammar", "determiner_before_possessive",
     "the your", "your"),
    ("Its for It's", "Its essential for the production of myelin.",
     "It's essential for the production of myelin.", "grammar", "its_is_adjective",
     "Its", "It's"),
    ("Its for It's, typographic apostrophe", "Its not a cure. It’s a start.",
     "It’s not a cure. It’s a start.", "grammar", "its_is", "Its", "It’s"),
    ("spinner phrase", "Conditions like neuropathy are frequently enough linked to B12.",
     "Conditions like neuropathy are often linked to B12.", "spinner",
     "frequently_enough_often", "frequently enough", "often"),
    ("tortured phrase", "Patients with kidney disappointment need dialysis.",
     "Patients with kidney failure need dialysis.", "spinner", "tortured_failure",
     "kidney disappointment", "kidney failure"),
    ("hyphen as dash", "Take vitamin B12- usually in high doses- every week.",
     "Take vitamin B12 – usually in high doses – every week.", "spacing", "hyphen_as_dash",
     "B12- usually", "B12 – usually"),
    ("hyphen as dash before the", "Myelin-the protective sheath-is disrupted.",
     "Myelin – the protective sheath – is disrupted.", "spacing",
     "hyphen_as_dash_before_function_word", "Myelin-the", "Myelin – the"),
    ("phrasal verb as noun", "It is due to the break down of the myelin sheath.",
     "It is due to the breakdown of the myelin sheath.", "grammar", "phrasal_verb_as_noun",
     "the break down", "the breakdown"),
    ("compound adjective", "A well balanced diet helps.", "A well-balanced diet helps.",
     "grammar", "well_compound_adjective", "A well balanced", "A well-balanced"),
    ("comma after introductory clause",
     "If you suspect a severe deficiency talk to your doctor about testing.",
     "If you suspect a severe deficiency, talk to your doctor about testing.", "grammar",
     "comma_after_introductory_clause", "deficiency talk", "deficiency, talk"),
    ("paragraph without a full stop",
     "Early diagnosis and treatment are essential to prevent long-term nerve damage",
     "Early diagnosis and treatment are essential to prevent long-term nerve damage.",
     "grammar", "missing_full_stop", "damage", "damage."),
    ("common noun capitalised mid-sentence",
     "Low vitamin B12 is common. Levels of vitamin B12 fall with age. "
     "Alongside folic acid, Vitamin B12 breaks down homocysteine.",
     "Low vitamin B12 is common. Levels of vitamin B12 fall with age. "
     "Alongside folic acid, vitamin B12 breaks down homocysteine.", "case",
     "lowercase_nouns", "Vitamin", "vitamin"),
]


@pytest.mark.parametrize("case", FIXES, ids=[c[0] for c in FIXES])
def test_fix_is_made_and_recorded(case):
    _, text, expected, kind, rule, before, after = case
    out = fixed(text)
    assert out.sections[0].blocks[0].text == expected
    edits = stage_edits(out)
    assert any((e.kind, e.rule, e.before, e.after) == (kind, rule, before, after)
               for e in edits), edits
    assert all(e.section == 0 and e.block == 0 and e.item == 0 for e in edits)


def test_glued_heading_words():
    doc = article([Block("paragraph", text="Vaccines help.")], heading="Flu ShotsWhat Causes Flu")
    out = correct_spelling(doc, Settings())
    assert out.sections[0].heading == "Flu Shots What Causes Flu"
    e = stage_edits(out)[0]
    assert (e.kind, e.rule, e.before, e.after, e.block) == (
        "spacing", "glued_words", "ShotsWhat", "Shots What", None)


LABELS = ["B12 Injections: Often preferred.", "Oral B12 Supplements: Effective.",
          "Nasal B12 spray: Another option.", "dietary Changes: Eat more fish.",
          "Addressing the Underlying Cause: Treat the cause."]


def test_list_label_case_follows_siblings():
    out = correct_spelling(article([Block("list", items=list(LABELS))]), Settings())
    items = out.sections[0].blocks[0].items
    assert items[2] == "Nasal B12 Spray: Another option."
    assert items[3] == "Dietary Changes: Eat more fish."
    found = {(e.kind, e.before, e.after, e.item) for e in stage_edits(out)}
    assert ("case", "spray", "Spray", 2) in found
    assert ("case", "dietary", "Dietary", 3) in found


def test_enumeration_case_in_title_cased_list():
    items = ["Beef Liver", "Fish (Salmon, tuna, Trout)", "Dairy Products (Milk, Cheese, Yogurt)",
             "Fortified Cereals (for vegans/vegetarians)"]
    out = correct_spelling(article([Block("list", items=items)]), Settings())
    assert out.sections[0].blocks[0].items == [
        "Beef Liver", "Fish (Salmon, Tuna, Trout)", "Dairy Products (Milk, Cheese, Yogurt)",
        "Fortified Cereals (for vegans/vegetarians)"]


# (id, text) that the stage must leave exactly as they are
GUARDS = [
    ("medical lexicon", "Methylcobalamin prevents demyelination, glossitis, allodynia, "
                        "paresthesia and loss of proprioception in homocysteine excess."),
    ("myelin and plaque", "Myelin damage is not plaque, and plague is not either."),
    ("acronyms", "SSNRIs, HNPP, CRPS, MMA and NSAIDs are not typos."),
    ("units and doses", "Start with 1,000mcg weekly, 2.4 µg or 2.4 μg daily, below 200 pg/mL."),
    ("numbers", "Levels of 4.0 and 2,500 are 10 percent apart."),
    ("URL", "See https://medlineplus.gov/defficency-onyl.html for more."),
    ("web address without scheme", "Read www.onyl-health.org/paralisis today."),
    ("proper name mid-sentence", "Doctors prescribed Metforman for the patient."),
    ("word in quotes", "She called it “onyl a phase” yesterday."),
    ("word in straight quotes", 'She called it "paralisis" on purpose.'),
    ("hyphenated pronunciation guide", "Paresthesia (par-es-THEE-zhuh) is tingling."),
    ("suspended hyphen", "Short- and long-term effects differ."),
    ("compound with the", "Buy over-the-counter drugs with care."),
    ("possessive its", "Its role is clear and its effects are known."),
    ("real use of frequently enough", "If you do not exercise frequently enough, it hurts."),
    ("abbreviation before a lower-case word", "Eat foods rich in B12, e.g. eggs or fish."),
    ("British spelling", "Anaemia and paraesthesia are common in coeliac disease."),
    ("British spelling of a named condition (blind23's marquee page)",
     "Meralgia paraesthetica numbs the outer thigh."),
    ("a title without a verb", "Analgesic effects of vitamin B12 and its mechanisms"),
    ("ambiguous misspelling goes to review", "Doctors discussed the diabetec diet."),
    ("capitalised unknown word at a sentence start", "Paralisis is rare, doctors say."),
    ("capital that starts a cell of a pipe row",
     "A low level means deficiency, and deficiency is common in older adults. "
     "Below 150 ng/L | Deficiency likely | Treat"),
    ("capital after a code of capitals (a running title)",
     "The nerve heals slowly and the nerve hurts. FS07 Nerve pain explained | Page 1 of 3"),
    ("a quoted question that the sentence goes on after",
     'She held a tuning fork to his toe and he said "is it on yet?" while it was buzzing.'),
    ("sentence start after a name ending in a digit",
     "Few supplement users were low. 12% took a supplement with vitamin B12. "
     "Supplement users were rarely deficient."),
]


@pytest.mark.parametrize("case", GUARDS, ids=[c[0] for c in GUARDS])
def test_guard_leaves_text_alone(case):
    _, text = case
    out = fixed(text)
    assert out.sections[0].blocks[0].text == text
    assert stage_edits(out) == []


def test_heading_keeps_a_name_the_prose_writes_capitalised():
    """Title case leaves a heading's capitals open to fixes, but not a name's: codespell
    would make "Feld" "Field"."""
    doc = Document("t", Source("raw/t.txt", "0" * 64, "text"), "", None, sections=[
        Section("Instructions from Dr. Feld", 2,
                [Block("paragraph", text="Dr. Feld asked you to check your feet daily.")]),
        Section("Recieve Your Results", 2,
                [Block("paragraph", text="You will recieve them by post.")])])
    out = correct_spelling(doc, Settings())
    assert [s.heading for s in out.sections] == ["Instructions from Dr. Feld",
                                                 "Receive Your Results"]
    assert [(e.before, e.after) for e in stage_edits(out)] == [("Recieve", "Receive"),
                                                               ("recieve", "receive")]


def test_declined_candidate_is_a_warning():
    out = fixed("Doctors discussed the diabetec diet.")
    assert any(w.startswith("spelling: ") and "diabetec" in w and "diabetic" in w
               for w in out.warnings)


def test_capitalised_sentence_start_is_suggested_not_applied():
    out = fixed("Paralisis is rare, doctors say.")
    assert any("'Paralisis'" in w and "'Paralysis'" in w for w in out.warnings)


def test_two_edit_lexicon_word_is_suggested_not_applied():
    out = fixed("Tests showed demylenation of the cord.")
    assert out.sections[0].blocks[0].text == "Tests showed demylenation of the cord."
    assert any("demyelination" in w and "two edits" in w for w in out.warnings)


def test_table_numbers_untouched_and_words_fixed():
    table = Block("table", header=["Dose", "Note"],
                  rows=[["1,000mcg", "10- 20 mg daily"], ["2.4 mcg", "onyl once"]])
    out = correct_spelling(article([table]), Settings())
    assert out.sections[0].blocks[0].rows == [["1,000mcg", "10- 20 mg daily"],
                                              ["2.4 mcg", "only once"]]
    [edit] = stage_edits(out)
    assert (edit.before, edit.after, edit.item) == ("onyl", "only", 5)


def test_project_word_list_is_respected(tmp_path, monkeypatch):
    """A word added to project_words.txt is never changed; the shipped file is not touched."""
    text = "Doctors prescribed metforman for the patient."
    assert fixed(text).sections[0].blocks[0].text != text
    rules = tmp_path / "spelling"
    shutil.copytree(spelling.SPELLING_DIR, rules)
    with open(rules / "project_words.txt", "a", encoding="utf-8") as f:
        f.write("metforman\n")
    monkeypatch.setattr(spelling, "SPELLING_DIR", rules)
    spelling.resources.cache_clear()
    spelling.fallback_candidates.cache_clear()
    try:
        out = fixed(text)
        assert out.sections[0].blocks[0].text == text
        assert stage_edits(out) == []
    finally:
        monkeypatch.undo()
        spelling.resources.cache_clear()
        spelling.fallback_candidates.cache_clear()


def test_stage_off_leaves_document_unchanged():
    doc = article([Block("paragraph", text="It is rarely the onyl symptom.")])
    out = Spelling(Settings(spelling=False)).process(doc)
    assert out.to_state() == doc.to_state()
    assert out.sections[0].blocks[0].text == "It is rarely the onyl symptom."


def test_stage_is_pure_and_deterministic():
    blocks = [Block("paragraph", text="It is rarely the onyl symptom. look out."),
              Block("list", items=["Homocysteine level: high", "Serum Vitamin B12 Level: low",
                                   "Methylmalonic Acid (MMA) Level: high"])]
    doc = article(blocks, heading="Signs", title="B12")
    before = copy.deepcopy(doc.to_state())
    first = Spelling(Settings()).process(doc)
    second = Spelling(Settings()).process(doc)
    assert doc.to_state() == before
    assert first.to_state() == second.to_state()
    assert first.sections[0].blocks[1].items[0] == "Homocysteine Level: high"


def test_earlier_edits_come_first():
    doc = article([Block("paragraph", text="It is the onyl one.")])
    doc.edits.append(Edit("clean", "whitespace", "collapse_whitespace", "  ", " ", 0, 0, 0))
    out = correct_spelling(doc, Settings())
    assert [e.stage for e in out.edits] == ["clean", "spelling"]
    assert len(doc.edits) == 1


def _chain(rules, text, style):
    for rule in rules:
        text, _ = rule.apply(text, style, lambda s, e: False)
    return text


@pytest.mark.parametrize("name", ["grammar.toml", "spinners.toml"])
def test_rule_file_examples(name):
    """Every example in the rule files holds, so a new rule is tested by adding examples."""
    rules, _ = spelling.load_rules(spelling.SPELLING_DIR / name)
    style = Style(apos="’", dash="–")
    for rule in rules:
        assert rule.fixes and rule.keeps, f"{rule.name} needs examples"
        for text, expected in rule.fixes:
            assert _chain(rules, text, style) == expected, (rule.name, text)
        for text in rule.keeps:
            assert _chain(rules, text, style) == text, (rule.name, text)


def test_intro_comma_examples():
    res = spelling.resources()
    unit = Unit(None, None, "paragraph")
    for text, expected in res.intro["intro_fixes"]:
        out, regions, _ = spelling.fix_intro_comma(Text(text, res), unit, res, Style())
        assert out == expected and regions
    for text in res.intro["intro_keeps"]:
        out, regions, _ = spelling.fix_intro_comma(Text(text, res), unit, res, Style())
        assert out == text and not regions, text


PIECES = st.sampled_from([
    "onyl", "paralisis", "metforman", "Metforman", "the", "the the", "in the your body", "Its",
    "essential", "for", "frequently enough", "linked", "pain.While", "look", ".", ". look",
    "B12-", "usually", "myelin-the", "fibers-is", "If you suspect a deficiency talk to",
    "your doctor", "Vitamin", "vitamin", "B12", "1,000mcg", "µg", "“onyl”", "SSNRIs",
    "https://example.org/onyl", "break down of", "a well balanced diet", "frequantly",
    "Homocysteine level:", "dietary Changes:", "diabetec", "(Salmon, tuna, Trout)", "are",
])
TEXTS = st.lists(PIECES, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=1, max_size=4), st.lists(TEXTS, min_size=0, max_size=4))
def test_stage_is_idempotent(paragraphs, items):
    """Run on its own output, the stage changes nothing and records nothing more."""
    blocks = [Block("paragraph", text=p) for p in paragraphs]
    if items:
        blocks.append(Block("list", items=items))
    once = correct_spelling(article(blocks, heading="Signs"), Settings())
    twice = correct_spelling(once, Settings())
    assert twice.sections == once.sections
    assert len(twice.edits) == len(once.edits), twice.edits[len(once.edits):]


def test_scan_finds_the_words_and_cues_an_article_holds():
    res = spelling.resources()
    units = [Unit(None, None, "paragraph", "Its not the onyl way to the the end."),
             Unit(None, None, "heading", "Vitamin B12 and nerves")]
    scan = spelling._scan(units, res, spelling._prose_words(units))
    assert scan.words == ("onyl",)
    assert {"its_is", "duplicated_word"} <= scan.cued
    assert "tortured_cancer" not in scan.cued
    assert scan.fresh(units[0], units[0].start) and not scan.fresh(units[0], "Its not")


def test_article_cues_hold_for_every_fix_example():
    """A rule's article_needs must be in every text it fixes, or the scan would skip it."""
    for rule in spelling.resources().grammar + spelling.resources().spinners:
        for text, _ in rule.fixes:
            assert rule.in_article(text.lower()), (rule.name, text)


@pytest.mark.parametrize("text, held", [
    ("take it to the the doctor", True),
    ("the the", True),
    ("(the the)", True),
    ("the\n  the end", True),          # any run of whitespace stands for the cue's space
    ("é the theé", True),               # only an ASCII letter, digit or _ joins a word
    ("it is important to tolerate it", False),   # "to to" inside longer words
    ("bathe the baby", False),
    ("the theory", False),
    ("the the_", False),
    ("the the1", False),
])
def test_article_cues_are_whole_words(text, held):
    rule = next(r for r in spelling.resources().grammar if r.name == "duplicated_word")
    assert rule.in_article(text.lower()) == held


WORDS_AND_GAPS = st.lists(st.sampled_from([
    "the", "The", "THE", "in", "In", "an", "this", "thiſ", "İn", "ın", "protein", "intake",
    " ", "  ", "\n", "\t", "\u00a0", "\u2003", "(", ")", ",", ".", "-", "’", "_", "1", "é",
]), min_size=1, max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(WORDS_AND_GAPS)
def test_article_cues_are_found_wherever_the_rule_matches(text):
    """The whole-word, any-whitespace reading of article_needs misses no match of the rule."""
    for rule in spelling.resources().grammar:
        if rule.article_needs and rule.regex.search(text):
            assert rule.in_article(text.lower()), (rule.name, text)


URL_PIECES = st.lists(st.sampled_from([
    "see", "nih", "gov", "com", "Org", "İnt", "ıo", "www", "WWW", "http", "https", ":", "//",
    "://", ".", "@", "-", "_", "/", " ", "\n", "2", "e.g", "mail", "info", "(", ")",
]), min_size=1, max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(URL_PIECES)
def test_url_hint_is_in_every_text_with_a_url(text):
    """Text.masks skips the URL regex on texts without the hint: it must hold wherever it matches."""
    if spelling._URL.search(text):
        assert spelling._URL_HINT.search(text), text


# _WORD as first written; the module's has its lookbehind moved for speed, same matches.
PLAIN_WORD = r"(?<![\w\-–—/@.’'&+#])[A-Za-z]+(?![\w\-–—/@+#]|[.’'][A-Za-z0-9])"
WORD_PIECES = st.lists(st.sampled_from([
    "a", "B", "onyl", "B12", "-", "–", "—", "/", "@", ".", "’", "'", "&", "+", "#", "_", "1",
    " ", "\n", "é", "x", "U.S.", "don't", "e-mail",
]), min_size=1, max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(WORD_PIECES, st.integers(min_value=0, max_value=6))
def test_word_pattern_finds_what_the_plain_one_does(text, start):
    import re
    plain = re.compile(PLAIN_WORD)
    assert [m.span() for m in spelling._WORD.finditer(text, start)] == \
        [m.span() for m in plain.finditer(text, start)]
    assert [bool(spelling._WORD.match(text, i)) for i in range(len(text))] == \
        [bool(plain.match(text, i)) for i in range(len(text))]


# _GLUE_SPOT as first written, matching from the first character of "a.B", "aBc" or "1Bc".
PLAIN_GLUE_SPOT = r"[a-z][.!?][A-Z]|[a-z][A-Z][a-z]|[\d,][A-Z][a-z]"
GLUE_CHARS = "aAzZ.!?,1 -é\u212a\u0130"


def test_glue_spot_finds_what_the_plain_one_does():
    """Every string of three of these characters, alone and between others."""
    import itertools
    import re
    plain = re.compile(PLAIN_GLUE_SPOT)
    for chars in itertools.product(GLUE_CHARS, repeat=3):
        for text in ("".join(chars), "x" + "".join(chars) + "y", " " + "".join(chars)):
            assert bool(spelling._GLUE_SPOT.search(text)) == bool(plain.search(text)), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", "Bc", "onyl", ".", "!", "?", "1", ",", " ", "e.g",
                                 "Mr", "-", "’s", "U.S."]), min_size=1, max_size=10).map("".join))
def test_glue_spot_is_in_every_text_a_glue_pattern_matches(text):
    """fix_glued skips the three patterns on texts without a spot."""
    if any(p.search(text) for p in (spelling._GLUED_SENTENCE, spelling._GLUED_CAMEL,
                                    spelling._GLUED_NUMBER)):
        assert spelling._GLUE_SPOT.search(text), text
