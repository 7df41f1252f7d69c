"""HTML furniture removal by markup, and putting back headings trafilatura drops."""
import pytest
from lxml import etree

from pipeline.htmlprep import (container_rules, html_rules, names_content_box, parse_html,
                               restore_headings, strip_furniture)

RULES = container_rules()
CONTENT_BOX = html_rules()["content_box"]


@pytest.mark.parametrize("rule,value", [(r, v) for r in RULES for v in r.removes],
                         ids=lambda x: getattr(x, "name", x))
def test_container_rule_matches_its_class_names(rule, value):
    assert rule.matches_attr(value)


@pytest.mark.parametrize("rule,value", [(r, v) for r in RULES for v in r.keeps],
                         ids=lambda x: getattr(x, "name", x))
def test_container_rule_keeps_look_alike_class_names(rule, value):
    assert not rule.matches_attr(value)


ARTICLE = "<p>" + "Vitamin B12 builds myelin around nerve fibers. " * 3 + "</p>"


def test_furniture_goes_on_record_and_the_article_stays():
    root = parse_html(f"""<html><body><nav>Home About</nav>
      <div class="entry-content">{ARTICLE}{ARTICLE}
        <div class="share-buttons">Share on Facebook</div></div>
      <div id="cookie-notice">We use cookies.</div>
      <aside><p>Popular posts</p></aside><footer>© 2024</footer></body></html>""")
    removed = strip_furniture(root)
    names = [name for name, _ in removed]
    assert names == ["navigation", "share_bar", "consent", "sidebar", "site_chrome"]
    text = root.text_content()
    assert "myelin" in text and "cookies" not in text and "Facebook" not in text


def test_main_container_is_kept_even_when_its_class_looks_like_furniture():
    root = parse_html(f'<html><body><div class="post-share-wrapper">{ARTICLE}{ARTICLE}</div>'
                      f'<div class="share">Tweet</div></body></html>')
    strip_furniture(root)
    assert "myelin" in root.text_content() and "Tweet" not in root.text_content()


def test_heading_id_is_an_anchor_not_a_class():
    root = parse_html(f'<html><body><h2 id="recommended">Daily amounts</h2>{ARTICLE}</body></html>')
    strip_furniture(root)
    assert "Daily amounts" in root.text_content()


def test_dropped_headings_come_back_before_the_block_they_head():
    root = parse_html("""<html><body><div class="nav-box"><h3>Menu</h3><ul><li>Home</li></ul></div>
      <h2>Symptoms</h2><h3>Early signs</h3><p>Tingling in the feet.</p>
      <h2>Treatment</h2><ul><li>Injections</li><li>Tablets</li></ul></body></html>""")
    main = etree.fromstring("<main><p>Tingling in the feet.</p>"
                            "<list><item>Injections</item><item>Tablets</item></list></main>")
    assert restore_headings(main, root) == 3
    assert [(el.tag, el.text) for el in main] == [
        ("head", "Symptoms"), ("head", "Early signs"), ("p", "Tingling in the feet."),
        ("head", "Treatment"), ("list", None)]


def test_the_first_rule_in_the_file_names_a_removal_whether_it_matched_by_tag_or_class():
    root = parse_html(f'<html><body>{ARTICLE}{ARTICLE}<footer class="main-nav">Home</footer>'
                      f'<aside class="share-buttons">Tweet</aside></body></html>')
    assert [name for name, _ in strip_furniture(root)] == ["navigation", "sidebar"]


def test_class_parts_joined_by_underscores_or_several_dashes_match_like_single_dashes():
    related = next(r for r in RULES if r.name == "related")
    assert related.matches_attr("box read_more--inline") and related.matches_attr("Read__More")
    assert not related.matches_attr("bread_more") and not related.matches_attr("read mores")


def test_nothing_is_restored_when_trafilatura_kept_every_heading():
    root = parse_html("<html><body><h2>Symptoms</h2><p>Tingling in the feet.</p></body></html>")
    main = etree.fromstring("<main><head>Symptoms</head><p>Tingling in the feet.</p></main>")
    assert restore_headings(main, root) == 0
    assert [el.tag for el in main] == ["head", "p"]


@pytest.mark.parametrize("details, wrapped", [
    # An answer written straight after its <summary> goes into a <p>, inline markup and all.
    ("<details><summary>Can I split the tablets?</summary>Only if they have a score line."
     "</details>",
     "<details><summary>Can I split the tablets?</summary><p>Only if they have a score line.</p>"
     "</details>"),
    ("<details><summary>When do I take it?</summary>With <b>breakfast</b>.<br>Never twice."
     "</details>",
     "<details><summary>When do I take it?</summary><p>With <b>breakfast</b>.<br>Never twice.</p>"
     "</details>"),
    ("<details><summary>Side effects?</summary>Rare:<ul><li>rash</li></ul>Stop if it spreads."
     "</details>",
     "<details><summary>Side effects?</summary><p>Rare:</p><ul><li>rash</li></ul>"
     "<p>Stop if it spreads.</p></details>"),
    # Look-alikes: an answer already in a block, or no text at all, stays as it is.
    ("<details><summary>Is it gluten-free?</summary><p>Yes.</p></details>",
     "<details><summary>Is it gluten-free?</summary><p>Yes.</p></details>"),
    ("<details><summary>Pack photo</summary><img src=\"pack.png\"></details>",
     "<details><summary>Pack photo</summary><img src=\"pack.png\"></details>"),
])
def test_text_straight_inside_details_is_wrapped_in_a_paragraph(details, wrapped):
    from lxml import html as lxml_html
    from pipeline.htmlprep import wrap_details_text

    root = parse_html(f"<html><body>{details}</body></html>")
    wrap_details_text(root)
    assert lxml_html.tostring(root.find(".//details"), encoding="unicode") == wrapped


@pytest.mark.parametrize("markup, text, changed", [
    ("10<sup>9</sup>/L", "10⁹/L", 1),
    ("use.<sup>12</sup> Next", "use.¹² Next", 1),
    ("m<sup>2</sup> and x<sup>-1</sup>", "m² and x-1", 1),      # a sign: left as written
    ("ref<sup><a href='#n1'>1</a></sup>", "ref1", 0),          # a link inside: left alone
    ("B<sub>12</sub>", "B12", 0),
])
def test_numbers_set_in_sup_become_superscript_digits(markup, text, changed):
    from pipeline.htmlprep import superscript_numbers

    root = parse_html(f"<html><body><p>{markup}</p></body></html>")
    assert superscript_numbers(root) == changed
    assert root.find(".//p").text_content() == text


@pytest.mark.parametrize("value", CONTENT_BOX["content"])
def test_content_box_names(value):
    assert names_content_box("aside", value, None)


@pytest.mark.parametrize("value", CONTENT_BOX["furniture"])
def test_furniture_asides_are_no_content_box(value):
    assert not names_content_box("aside", value or None, None)


def test_an_aside_of_the_articles_own_text_is_kept_as_a_section():
    root = parse_html(f"""<html><body><article>{ARTICLE}
      <aside class="key-takeaways"><h2>Key takeaways</h2><ul><li>Pain can outlast the rash.</li>
      </ul></aside>{ARTICLE}
      <aside class="factbox"><p>Light touch can hurt.</p><p>See <a href="/x">pain</a>.</p></aside>
      <aside class="summary"><ul><li><a href="/a">Shingles vaccine</a></li></ul></aside>
      <aside class="fact-box"><p>Sign up for facts.</p><form><input></form></aside>
      <aside class="newsletter"><p>Weekly news.</p></aside></article></body></html>""")
    removed = strip_furniture(root)
    text = root.text_content()
    assert "Pain can outlast the rash." in text and "Light touch can hurt." in text
    assert [el.get("class") for el in root.iter("section")] == ["key-takeaways", "factbox"]
    # Mostly links, a form, or no content name: furniture, on record.
    assert [(name, text) for name, text in removed] == [
        ("sidebar", "Shingles vaccine"), ("sidebar", "Sign up for facts."),
        ("sidebar", "Weekly news.")]
