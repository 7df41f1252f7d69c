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
