"""Extraction: HTML through trafilatura keeps headings, lists and tables; text through textparse."""
import re
from pathlib import Path

import pytest
import trafilatura

from pipeline.extract import Extract, InputError, read_source, trafilatura_xml
from pipeline.htmlprep import parse_html, strip_furniture
from pipeline.settings import Settings
from tests.conftest import PAGES, SEEDS

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>B12 and Nerves | Site</title>
<meta name="author" content="Jane Doe"></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<main><article><h1>B12 and Nerves</h1>
<p>Vitamin B12 builds myelin, a fatty substance that insulates your nerve fibers and keeps
signals moving along the spinal cord to the brain.</p>
<h2>Symptoms</h2><p>Common symptoms include:</p>
<ul><li>Fatigue</li><li>Numbness<ul><li>in the feet</li><li>in the hands</li></ul></li></ul>
<h3>Doses</h3>
<table><thead><tr><th>Form</th><th>Dose</th></tr></thead>
<tbody><tr><td>Oral</td><td>1,000 mcg daily</td></tr><tr><td>Injection</td><td>1 mg monthly</td></tr></tbody></table>
<p>Most adults absorb enough vitamin B12 from food, but older adults absorb less of it.</p>
</article></main><footer>Copyright 2024</footer></body></html>"""


def extract_file(path: Path):
    return Extract(Settings())(read_source(path))


def test_html_keeps_headings_lists_tables_and_metadata(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    doc = extract_file(page)
    assert doc.source.format == "html"
    assert doc.title == "B12 and Nerves"
    assert doc.metadata.author == "Jane Doe"
    headings = [s.heading for s in doc.sections]
    assert "Symptoms" in headings and "Doses" in headings
    blocks = [b for s in doc.sections for b in s.blocks]
    lists = [b for b in blocks if b.type == "list"]
    assert lists and lists[0].items == ["Fatigue", "Numbness", "in the feet", "in the hands"]
    tables = [b for b in blocks if b.type == "table"]
    assert tables[0].header == ["Form", "Dose"]
    assert tables[0].rows == [["Oral", "1,000 mcg daily"], ["Injection", "1 mg monthly"]]
    assert not any("Home" in b.text for b in blocks if b.type == "paragraph")


def test_extraction_is_independent_of_earlier_documents(tmp_path):
    """trafilatura's deduplicate cache would drop text seen before; we keep it off."""
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    first = extract_file(page)
    second = extract_file(page)
    assert first.sections == second.sections


def test_declared_cp1252_page_is_decoded_before_extraction():
    doc = extract_file(PAGES / "trap_charset_latin1.html")
    text = " ".join(t for s in doc.sections for b in s.blocks for t in b.texts())
    assert "\ufffd" not in text and "Ã" not in text
    assert any(ch in text for ch in "’éµ")


def test_article_inside_main_is_not_returned_twice():
    doc = extract_file(PAGES / "trap_article_in_main.html")
    paragraphs = [b.text for s in doc.sections for b in s.blocks if b.type == "paragraph"]
    assert len(paragraphs) == len(set(paragraphs))


def test_h2_h3_headings_and_short_list_items_survive():
    doc = extract_file(PAGES / "trap_h2_h3_lists.html")
    levels = {s.level for s in doc.sections if s.heading}
    assert {2, 3} <= levels
    items = [i for s in doc.sections for b in s.blocks if b.type == "list" for i in b.items]
    assert any(len(i.split()) <= 3 for i in items)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_text_seeds_have_sections(seed):
    doc = extract_file(seed)
    assert doc.source.format == "text"
    assert sum(len(s.blocks) for s in doc.sections) >= 5


def test_empty_file_is_an_input_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    with pytest.raises(InputError, match="empty"):
        read_source(empty)


def test_sidecar_gives_url_and_retrieved(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nVitamin B12 builds myelin.\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(
        '{"url": "https://example.org/a", "retrieved": "2026-01-02", "license": "CC-BY-4.0"}')
    doc = read_source(article)
    assert (doc.source.url, doc.source.retrieved, doc.source.license) == (
        "https://example.org/a", "2026-01-02", "CC-BY-4.0")


def test_invalid_sidecar_is_named(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nText.\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text("{not json")
    with pytest.raises(InputError, match="a.txt.meta.json"):
        read_source(article)


def test_a_table_caption_becomes_the_paragraph_before_the_table():
    doc = extract_file(PAGES / "b12_dosage_guide.html")
    blocks = [b for s in doc.sections for b in s.blocks]
    i = next(i for i, b in enumerate(blocks) if b.type == "table")
    assert blocks[i - 1].text == "Recommended dietary allowance of vitamin B12 by life stage"
    assert blocks[i].header == ["Life stage", "Recommended amount per day"]
    assert blocks[i].rows[0] == ["Birth to 6 months", "0.4 mcg"]


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.html")), ids=lambda p: p.stem)
@pytest.mark.parametrize("favor_precision", [False, True])
@pytest.mark.parametrize("url", [None, "https://example.org/b12-guide"])
def test_trafilatura_xml_is_what_trafilatura_extract_gives_but_the_fingerprint(
        page, favor_precision, url):
    """trafilatura_xml runs extract()'s own steps minus the fingerprint, with options made
    once and shared by every page; a new trafilatura release that changes those steps, or
    that changes the options it is given, shows up here."""
    root = parse_html(read_source(page).raw)
    strip_furniture(root)
    expected = trafilatura.extract(
        root, url=url, output_format="xml", include_tables=True, include_formatting=False,
        include_links=False, include_images=False, include_comments=False, with_metadata=True,
        deduplicate=False, favor_recall=not favor_precision, favor_precision=favor_precision,
        date_extraction_params={"extensive_search": False, "original_date": True})
    got = trafilatura_xml(root, url, Settings(favor_precision=favor_precision))
    assert got == (expected and re.sub(r' fingerprint="[^"]*"', "", expected, count=1))


FAQ_PAGE = """<html><head><title>Folic acid tablets</title></head><body><main>
<h1>Folic acid tablets</h1>
<p>Folic acid is the man-made form of folate, a B vitamin the body needs to make healthy red
blood cells and to help a baby's spine develop in the first weeks of pregnancy.</p>
<h2>Questions</h2>{faq}
<h2>Storage</h2><p>Keep the tablets below 25 degrees, away from damp and out of reach of
children, and take any you do not need back to a pharmacy.</p>
</main></body></html>"""


@pytest.mark.parametrize("faq", [
    # Each <summary> question heads its answer, one level under the FAQ heading, whether
    # the answer sits in a <p> or straight inside the <details>.
    "<details><summary>Can I take it with food?</summary><p>Yes.</p></details>"
    "<details><summary>Can men take it?</summary><p>Yes, if a doctor advises it.</p></details>",
    "<details><summary>Can I take it with food?</summary>Yes.</details>"
    "<details><summary>Can men take it?</summary>Yes, if a doctor advises it.</details>",
])
def test_faq_questions_head_their_answers_under_the_faq_heading(tmp_path, faq):
    page = tmp_path / "faq.html"
    page.write_text(FAQ_PAGE.format(faq=faq), encoding="utf-8")
    doc = extract_file(page)
    got = [(s.level, s.heading, [b.text for b in s.blocks]) for s in doc.sections if s.heading]
    assert got[-4:-1] == [(2, "Questions", []),
                          (3, "Can I take it with food?", ["Yes."]),
                          (3, "Can men take it?", ["Yes, if a doctor advises it."])]
    assert got[-1][:2] == (2, "Storage")


def test_numbers_in_sup_stay_superscript_so_units_and_footnotes_read_right(tmp_path):
    """ "10<sup>9</sup>/L" is not "109/L", and a footnote marker does not glue two sentences
    ("properly.1 Other ideas ...")."""
    page = tmp_path / "page.html"
    page.write_text("""<html><body><article><h1>Platelets and B12</h1>
<p>A normal platelet count is 150 to 400 x 10<sup>9</sup>/L in adults; area is in m<sup>2</sup>.</p>
<p>Metformin can lower vitamin B12 over several years of use.<sup>1</sup> Checking it every
year is sensible for people with numb feet.</p><p>Vitamin B12 deficiency is common in older
adults and can cause tingling, numbness and memory problems over months.<sup>[2]</sup></p>
</article></body></html>""", encoding="utf-8")
    text = " ".join(b.text for s in extract_file(page).sections for b in s.blocks)
    assert "10⁹/L" in text and "m²." in text
    assert "of use.¹ Checking" in text
    assert "months.[2]" in text      # a bracketed marker is left as it is


def test_key_takeaways_and_fact_boxes_in_asides_are_kept(tmp_path):
    """An <aside> named as the article's own box survives trafilatura; a newsletter or a
    list of links in an <aside> goes, on record."""
    page = tmp_path / "page.html"
    page.write_text("""<html><body><main><article><h1>Shingles and nerve pain</h1>
<aside class="key-takeaways"><h2>Key takeaways</h2><ul>
<li>Postherpetic neuralgia is nerve pain that lasts after the shingles rash has healed.</li>
<li>It is more common after the age of 60.</li></ul></aside>
<p>Shingles is caused by the same virus as chickenpox, which stays in the nerve roots for life.</p>
<p>Years later it can travel along one nerve to the skin and cause a band of painful blisters.</p>
<aside class="factbox"><h2>What is postherpetic neuralgia?</h2>
<p>It is burning or stabbing pain where the rash was, lasting three months or more.</p></aside>
<p>Doctors may offer amitriptyline, gabapentin or pregabalin, or lidocaine plasters.</p>
<aside class="newsletter"><h3>Get our newsletter</h3><p>Weekly health news.</p></aside>
</article></main></body></html>""", encoding="utf-8")
    doc = extract_file(page)
    assert [s.heading for s in doc.sections] == [
        "Shingles and nerve pain", "Key takeaways", "What is postherpetic neuralgia?"]
    items = [i for s in doc.sections for b in s.blocks for i in b.items]
    assert "It is more common after the age of 60." in items
    text = " ".join(b.text for s in doc.sections for b in s.blocks)
    assert "lasting three months or more." in text and "Weekly health news" not in text
    assert [e.rule for e in doc.edits if "Weekly health news" in e.before] == ["html:sidebar"]


# ------------------------------------------------------------------------------ metadata

CLAIMS = Path(__file__).resolve().parent.parent / "eval" / "claims"
FIELDS = ("author", "reviewer", "published", "modified", "site_name")


def _page(head: str, body: str) -> str:
    return (f"<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">{head}</head><body>"
            "<main><article><h1>Vitamin B12 and your nerves</h1>"
            f"{body}<p>Vitamin B12 builds myelin, the fatty sheath that insulates nerve fibres "
            "and keeps signals moving along the spinal cord to the brain.</p>"
            "<p>Older adults absorb less vitamin B12 from food, so a blood test is worth "
            "asking your GP about if your feet tingle.</p></article></main>"
            "<footer><p>© 2025 Riverside Health. Updated 1 January 2024.</p></footer></body></html>")


def _metadata(tmp_path, name: str, content: str) -> dict:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    meta = extract_file(path).metadata
    return {k: getattr(meta, k) for k in FIELDS if getattr(meta, k)}


HTML_METADATA = [
    ("byline_with_updated",
     _page("<title>B12 and nerves | Clearview Opticians</title>",
           '<p class="byline">By Priya Chandran, optometrist and clinical services lead. '
           "Updated 3 April 2025.</p>"),
     {"author": "Priya Chandran", "modified": "2025-04-03", "site_name": "Clearview Opticians"}),
    ("reviewer_not_author",
     _page("<title>B12 and nerves</title>",
           '<div class="article-meta"><span class="author">By Rachel Kim</span> · '
           '<span class="reviewer">Medically reviewed by Dr Samuel Ortiz, MD</span></div>'),
     {"author": "Rachel Kim", "reviewer": "Dr Samuel Ortiz"}),
    ("last_reviewed_numeric",
     _page("<title>B12 and nerves</title>", '<p class="page-meta">Last reviewed: 12/01/2025</p>'),
     {"modified": "2025-01-12"}),
    ("published_with_read_time",
     _page("<title>B12 and nerves</title>",
           '<p class="post-meta">Published 14 Feb 2026 · 6 min read</p>'),
     {"published": "2026-02-14"}),
    ("meta_author_and_markup_dates",
     _page('<title>B12 and nerves</title><meta name="author" content="Jane Doe">'
           '<meta property="article:published_time" content="2024-05-16T09:00:00Z">'
           '<meta property="article:modified_time" content="2024-09-30T09:00:00Z">'
           '<meta property="og:site_name" content="Northfield Health">', ""),
     {"author": "Jane Doe", "published": "2024-05-16", "modified": "2024-09-30",
      "site_name": "Northfield Health"}),
    # A copyright or footer date, a comment's date and a next-review date are never taken.
    ("no_dates_from_copyright_comments_next_review",
     _page("<title>B12 and nerves</title>",
           '<p class="review-date">Next review due: 14 August 2027.</p>'
           '<div class="comments"><p class="comment-meta">Posted by Sam Reed on 2 May 2025</p>'
           "</div>"),
     {}),
    ("garbled_meta_author_replaced_by_the_byline",
     _page('<title>B12 and nerves</title><meta name="author" content="Jo Pellegrini; Level">',
           '<p class="byline">Jo Pellegrini, Level 5 sports massage therapist. '
           "Posted 28 April 2025.</p>"),
     {"author": "Jo Pellegrini", "published": "2025-04-28"}),
    # A byline that opens with its newsletter's issue dates the page; the site comes from
    # the title, not the byline.
    ("byline_dated_by_its_newsletter_issue",
     _page("<title>B12 and nerves | Riverside Rowers</title>",
           '<p class="byline">Friends of Riverside Rowers newsletter, March 2025. By Gus Mayne, '
           "with help from club nurse Dee Rowe.</p>"),
     {"author": "Gus Mayne", "reviewer": "Dee Rowe", "published": "2025-03",
      "site_name": "Riverside Rowers"}),
]


def _footed(footer: str) -> str:
    return _page("<title>B12 and nerves</title>", "").replace(
        "<footer><p>© 2025 Riverside Health. Updated 1 January 2024.</p></footer>",
        f"<footer><p>Riverside Health is a registered charity.</p>{footer}</footer>")


HTML_METADATA += [
    # The footer's review line dates the page (blind15's and blind11's charity pages); its
    # copyright and next review never do.
    ("footer_review_line", _footed("<p>Page last reviewed 2 April 2025.</p>"),
     {"modified": "2025-04-02"}),
    ("footer_review_sentence",
     _footed("<p>The information on this page was produced with patients and reviewed by our "
             "clinical team in July 2025.</p>"), {"modified": "2025-07"}),
    ("footer_copyright_and_next_review",
     _footed("<p>© 2025 Riverside Health, updated 1 January 2024.</p><p>Next review due: 2 "
             "April 2027.</p>"), {}),
    # A byline box of two paragraphs: the reviewer's date ends the first (blind12's US portal).
    ("byline_box_of_paragraphs",
     _page("<title>B12 and nerves</title>",
           '<div class="article-meta"><p>Written by Carla Benedetti | Medically Reviewed by '
           "Marcus Oyelaran, DO on 22 September 2025</p><p>In This Article: What Is It? | "
           "Symptoms</p></div>"),
     {"author": "Carla Benedetti", "reviewer": "Marcus Oyelaran", "modified": "2025-09-22"}),
]


@pytest.mark.parametrize("name,page,expected", HTML_METADATA, ids=[c[0] for c in HTML_METADATA])
def test_html_metadata(tmp_path, name, page, expected):
    assert _metadata(tmp_path, f"{name}.html", page) == expected


TEXT = ("Why vitamin B12 matters after sixty\n\n{header}\n\nSeveral of you asked about B12 "
        "injections after the Easter service, so this month's column is about B12.\n\n"
        "Vitamin B12 keeps nerves and blood cells healthy.\n")

TEXT_METADATA = [
    ("St Aidan's Parish News, May 2025. Health Matters column by Dr Anne Whitlock, retired GP "
     "and churchwarden.",
     {"author": "Dr Anne Whitlock", "published": "2025-05", "site_name": "St Aidan's Parish News"}),
    ("By Owen Pritchard, with advice from rural physiotherapist Lowri Bevan.",
     {"author": "Owen Pritchard", "reviewer": "Lowri Bevan"}),
    ("Posted by Lin Marchbank, BAcC member, Quiet Needle Acupuncture, Cheltwood. 30 June 2025.",
     {"author": "Lin Marchbank", "published": "2025-06-30"}),
    ("Last reviewed: 12/01/2025. Next review due: 12/01/2027.", {"modified": "2025-01-12"}),
    ("By Friday, most readers will have had their flu jab.", {}),
    ("Copyright 2025 St Aidan's Parish News. Published 3 March 2025 in print only.", {}),
]


@pytest.mark.parametrize("header,expected", TEXT_METADATA, ids=[c[0][:30] for c in TEXT_METADATA])
def test_text_metadata_from_header_lines(tmp_path, header, expected):
    assert _metadata(tmp_path, "article.txt", TEXT.format(header=header)) == expected


def test_text_byline_far_from_the_top_is_not_read(tmp_path):
    body = "\n\n".join(f"Paragraph {i} says that vitamin B12 keeps nerves healthy." for i in range(4))
    text = f"Title\n\n{body}\n\nBy Ann Lee, GP. Updated 3 March 2025.\n"
    assert _metadata(tmp_path, "late.txt", text) == {}


EVAL_METADATA = [
    ("blind16/knitting_magazine_website_tingling_fingers_and_carpal_tunnel.html",
     {"author": "Harriet Lowe", "reviewer": "Nadia Brook", "published": "2025-06-09",
      "site_name": "Purl & Plain"}),
    ("blind16/motoring_club_advice_driving_with_back_pain_and_sciatica.html",
     {"author": "Martin Okafor", "reviewer": "Dr Sian Howells", "published": "2025-03-14",
      "site_name": "RoadWise"}),
    ("blind16/plant_drink_brand_faq_b12_in_our_oat_drinks.html",
     {"reviewer": "Rosa Delacroix", "modified": "2025-02-11", "site_name": "Oatfield"}),
    ("blind16/sports_massage_therapist_page_massage_for_sciatica.html",
     {"author": "Jo Pellegrini", "published": "2025-04-28", "site_name": "Kneadwell Sports Massage"}),
    ("blind16/money_saving_site_cutting_the_costs_of_neuropathy.txt",
     {"author": "Kirsty Adebayo", "modified": "2025-05-02", "site_name": "PennyWiser"}),
    ("blind16/parish_magazine_health_column_b12_in_later_life.txt",
     {"author": "Dr Anne Whitlock", "published": "2025-05", "site_name": "St Aidan's Parish News"}),
    ("blind15/sleep_wellbeing_site_article_nerve_pain_at_bedtime.txt",
     {"author": "Esther Nwosu", "reviewer": "Dr Rhys Pemberton", "site_name": "Slumberwise"}),
    # The letter's "Sent 14 July 2025." dates it; the service's address names no site.
    ("blind15/hospital_pain_clinic_pre_appointment_letter_nerve_pain.txt",
     {"published": "2025-07-14"}),
    ("blind14/council_adult_social_care_page_living_with_neuropathy.html",
     {"modified": "2025-05-12", "site_name": "Eastmoor Borough Council"}),
    ("blind14/womens_health_clinic_article_low_b12_in_women.txt",
     {"author": "Dr Saoirse Galvin", "modified": "2025-08-28",
      "site_name": "Amberley Women's Health Clinic"}),
]


@pytest.mark.parametrize("name,expected", EVAL_METADATA, ids=[c[0] for c in EVAL_METADATA])
def test_eval_page_metadata(name, expected):
    meta = extract_file(CLAIMS / name).metadata
    assert {k: getattr(meta, k) for k in FIELDS if getattr(meta, k)} == expected


HEADER_LINE_UNITS = [
    # header line under the title, whether it leaves the text
    ("Gullhaven Kayak Club Bulletin, June 2025. Paddle notes by captain Rhys Dunn, with "
     "medical input from member Dr Asha Vale.", True),
    ("Pocketwise. Budget guides. By Lena Shaw, money writer. Updated 4 May 2025.", True),
    ("Clinic letters team, Block D. Letter reference AB/2025/77. Sent 3 June 2025.", False),
    ("Several of you asked about B12 after the Easter service, said Dr Asha Vale.", False),
]


@pytest.mark.parametrize("header,moved", HEADER_LINE_UNITS, ids=[c[0][:30] for c in HEADER_LINE_UNITS])
def test_text_header_line_leaves_the_text_recorded(tmp_path, header, moved):
    path = tmp_path / "article.txt"
    path.write_text(TEXT.format(header=header), encoding="utf-8")
    doc = extract_file(path)
    texts = [b.text for s in doc.sections for b in s.blocks]
    assert (header not in texts) is moved
    assert "Vitamin B12 keeps nerves and blood cells healthy." in texts
    recorded = [(e.stage, e.kind, e.before, e.after) for e in doc.edits]
    assert recorded == ([("extract", "moved_to_metadata", header, "")] if moved else [])


# The four plain-text articles of eval/claims/styles10: each has a header line under its title
# that names the newsletter, the writer and a clinician. Before, only the canal boaters' line
# left the text; the bell ringers' and food co-op's stayed as two units each and the darts
# league's gave no metadata at all.
STYLES10_HEADERS = [
    ("bell_ringers_guild_newsletter_neck_pain_and_tingling_arms_in_the_tower.txt",
     {"author": "Margaret Ellis", "reviewer": "Dr Sanjay Mehta",
      "site_name": "St Aldhelm's Guild of Church Bell Ringers Newsletter"}),
    ("canal_boat_owners_association_newsletter_locks_windlasses_and_sciatica.txt",
     {"author": "Jan Moss", "reviewer": "Phil Carver",
      "site_name": "Grand Union Boaters' Association Newsletter"}),
    ("darts_league_newsletter_metformin_b12_and_tingling_fingers.txt",
     {"author": "Bernie Lomax", "reviewer": "Carol Price", "published": "2025-03",
      "site_name": "Eastfield and District Darts League Newsletter"}),
    ("food_cooperative_newsletter_b12_for_vegan_and_vegetarian_members.txt",
     {"author": "Ellie Fraser", "site_name": "Green Basket Food Co-operative Member Newsletter"}),
]


@pytest.mark.parametrize("name,expected", STYLES10_HEADERS, ids=[c[0][:30] for c in STYLES10_HEADERS])
def test_a_metadata_only_header_line_fills_metadata_and_leaves_the_text(name, expected):
    path = CLAIMS / "styles10" / name
    header = path.read_text(encoding="utf-8").split("\n\n")[1].strip()
    doc = extract_file(path)
    meta = doc.metadata
    assert {k: getattr(meta, k) for k in FIELDS if getattr(meta, k)} == expected
    texts = [t for s in doc.sections for b in s.blocks for t in b.texts()]
    assert not any(header[:40] in t for t in texts)
    assert [(e.kind, e.rule, e.before) for e in doc.edits] == [
        ("moved_to_metadata", "header_line", header)]


@pytest.mark.parametrize("header", ["By Jane Doe, practice nurse. Updated 2 May 2025.",
                                    "Most adults get enough vitamin B12 from food."])
def test_an_empty_pipe_table_goes_whether_or_not_a_header_line_does(tmp_path, header):
    # extract_text skips its outline when no header line moves; the outline drops a table
    # with no text in any cell, so the skip must keep doing so.
    path = tmp_path / "article.txt"
    path.write_text(f"B12 and nerves\n\n{header}\n\n| | |\n|---|---|\n| | |\n\nText.\n",
                    encoding="utf-8")
    doc = extract_file(path)
    assert [b.type for s in doc.sections for b in s.blocks] == \
        (["paragraph"] if header.startswith("By") else ["paragraph", "paragraph"])
