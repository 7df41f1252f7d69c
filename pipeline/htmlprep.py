"""HTML around trafilatura: drop page furniture by markup and wrap an FAQ's bare answers
first, put back lost headings after."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree, html

from pipeline.settings import RULES_DIR

_SEPARATORS = re.compile(r"[-_]+")
# Dropped unread. Not <form> or <button>: a whole page can sit inside one <form> (ASP.NET),
# so they are judged by the furniture rules like any other element.
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe")
_TEXT_TAGS = {"p", "li", "td", "th", "dt", "dd", "blockquote", "pre", "figcaption"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_ANCHOR_TAGS = _HEADINGS | {"p", "li", "dt", "dd", "td", "th", "span", "a"}
_COUNT_P = etree.XPath("count(.//p)")
# The rule that takes every <aside>; html.toml [content_box] names the asides it spares.
SIDEBAR_RULE = "sidebar"


def squash(text: str) -> str:
    """Runs of whitespace as one space, none at the ends (split() is several times faster
    than a regex here, and splits on the same characters as \\s)."""
    return " ".join(text.split())


def norm(text: str) -> str:
    return squash(text).casefold()


@dataclass(frozen=True)
class ContainerRule:
    name: str
    tags: frozenset[str]
    roles: frozenset[str]
    tokens: re.Pattern
    removes: tuple[str, ...]
    keeps: tuple[str, ...]

    def matches_attr(self, value: str) -> bool:
        """Does a class or id string name furniture? Each token, and its parts, is tried.

        `value` is lowercased with every run of - and _ read as one -, so a match of `tokens`
        that starts and ends at a token or part boundary is a run of whole parts:
        "read-more-inline" matches "read-more" as well as "read".
        """
        return self.tokens.search(_SEPARATORS.sub("-", value.lower())) is not None


@lru_cache(maxsize=None)
def html_rules() -> dict:
    """pipeline/rules/html.toml, read once."""
    return tomllib.loads((RULES_DIR / "html.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def container_rules() -> tuple[ContainerRule, ...]:
    data = html_rules()
    # Bounded by whitespace or a separator on both sides: a whole token or a run of parts.
    return tuple(ContainerRule(c["name"], frozenset(c["tags"]), frozenset(c["roles"]),
                               re.compile(rf"(?<![^\s-])(?:{c['tokens']})(?![^\s-])"),
                               tuple(c["removes"]), tuple(c["keeps"]))
                 for c in data["container"])


@lru_cache(maxsize=None)
def content_box_tokens() -> re.Pattern:
    return re.compile(rf"(?<![^\s-])(?:{html_rules()['content_box']['tokens']})(?![^\s-])")


def _class_words(tag: str, cls: str | None, ident: str | None) -> str:
    """The class and id an element's rules read (an anchor's id is not a class)."""
    return " ".join(filter(None, (cls, None if tag in _ANCHOR_TAGS else ident)))


def names_content_box(tag: str, cls: str | None, ident: str | None) -> bool:
    """The class or id names a box of the article's own text ("key-takeaways", "factbox")
    and no furniture rule's tokens ("sidebar-summary" is a sidebar)."""
    words = _SEPARATORS.sub("-", _class_words(tag, cls, ident).lower())
    return content_box_tokens().search(words) is not None and \
        not any(rule.matches_attr(words) for rule in container_rules())


def is_content_box(el) -> bool:
    """An aside that holds the article's text: named so (names_content_box), with no form
    and less than half its text in links."""
    if not names_content_box(el.tag, el.get("class"), el.get("id")) or el.find(".//form") is not None:
        return False
    text = len(_text(el))
    links = sum(len(_text(a)) for a in el.iter("a"))
    return text > 0 and links * 2 < text


@lru_cache(maxsize=4096)
def _first_rule(tag: str, role: str | None, cls: str | None, ident: str | None) -> int | None:
    """Index of the first rule matching an element with this tag, role, class and id.

    Cached: the same few class names come back on every element and page of a site.
    """
    words = _class_words(tag, cls, ident)
    role = (role or "").lower()
    return next((i for i, rule in enumerate(container_rules())
                 if tag in rule.tags or role in rule.roles or rule.matches_attr(words)), None)


# lxml.html's own class lookup is a Python method called for every element object made, by
# us and by trafilatura on its copies of the tree (a copy keeps its parser): about a tenth
# of the extract stage. This one is done in C and gives the same classes, but for the form
# controls' own (<form>, <input>, <select>, <textarea>, <label>) whose form-filling methods
# nothing here calls.
_CLASS_LOOKUP = etree.ElementDefaultClassLookup(
    element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction,
    entity=html.HtmlEntity)


def parse_html(text: str):
    """A lenient lxml tree; None when the text holds no element at all."""
    parser = html.HTMLParser(remove_comments=True, recover=True, huge_tree=True,
                             encoding="utf-8")
    parser.set_element_class_lookup(_CLASS_LOOKUP)
    try:
        return html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _text(el) -> str:
    return squash(el.text_content())


def strip_furniture(root) -> list[tuple[str, str]]:
    """Remove furniture elements in place; return (rule name, text) for each removal.

    The main article container is never removed, even when its class says "post-share" or
    similar: an element holding most of the page's paragraphs is content.
    """
    for el in list(root.iter(*_DROP_TAGS)):
        # JSON-LD stays: trafilatura reads author and dates from it.
        if el.tag == "script" and (el.get("type") or "").lower() == "application/ld+json":
            continue
        if el.getparent() is not None:
            el.drop_tree()
    total = max(1, _COUNT_P(root))
    rules = container_rules()
    removed: list[tuple[str, str]] = []
    # In document order, never inside an element already removed: a page's menus and
    # footers are most of its elements, and looking each of them up only to find it
    # detached was most of the cost. A stack of children lists, not recursion: a page can
    # nest deeper than Python's recursion limit. The root (<html>) is never removed.
    stack = [iter(list(root.iterchildren(etree.Element)))]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        if el.tag != "body":
            index = _first_rule(el.tag, el.get("role"), el.get("class"), el.get("id"))
            if index is not None:
                rule = rules[index]
                if _COUNT_P(el) > total / 2 and el.tag not in rule.tags:
                    pass        # holds most of the article
                elif rule.name == SIDEBAR_RULE and is_content_box(el):
                    el.tag = "section"      # kept, and kept by trafilatura, which drops <aside>
                    el.attrib.pop("role", None)
                else:
                    text = _text(el)
                    el.drop_tree()
                    if text:
                        removed.append((rule.name, text))
                    continue
        # Listed now: what is done to later elements cannot change this one's children.
        stack.append(iter(list(el.iterchildren(etree.Element))))
    return removed


# Elements that are blocks of their own inside a <details>; anything else (text, <span>,
# <a>, <b>, <br>) is part of a run of text.
_BLOCK_TAGS = _HEADINGS | {"p", "div", "ul", "ol", "dl", "table", "blockquote", "pre", "section",
                           "article", "aside", "figure", "details", "summary", "header",
                           "footer", "nav", "form", "fieldset", "address", "hr", "main"}


def wrap_details_text(root) -> int:
    """Wrap text written straight into a <details> ("<summary>Is it vegan?</summary>No, it
    holds gelatin.") in a <p>, in place; return how many were wrapped.

    trafilatura keeps a <summary> as a heading but drops text that is in no block after it
    (the answer would be lost, unrecorded); in a <p> it is a paragraph under its question.
    """
    wrapped = 0
    for details in list(root.iter("details")):
        runs: list[tuple[object, str | None, list]] = []   # (block before, text, inline)
        anchor, text, inline = None, details.text, []
        for child in details:
            if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                runs.append((anchor, text, inline))
                anchor, text, inline = child, child.tail, []
            else:
                inline.append(child)
        runs.append((anchor, text, inline))
        for anchor, text, inline in runs:
            if not (text or "").strip() and not any(squash(el.text_content() + (el.tail or ""))
                                                    for el in inline if isinstance(el.tag, str)):
                continue
            p = etree.Element("p")
            p.text = text
            for el in inline:
                p.append(el)        # with its tail
            if anchor is None:
                details.text = None
                details.insert(0, p)
            else:
                anchor.tail = None
                anchor.addnext(p)
            wrapped += 1
    return wrapped


_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript_numbers(root) -> int:
    """Write a number set in <sup> as superscript digits, in place; return how many.

    As plain text "10<sup>9</sup>/L" would read "109/L", "m<sup>2</sup>" "m2", and a footnote
    marker would glue two sentences ("properly.<sup>1</sup> Other" -> "properly.1 Other");
    "10⁹/L" and "properly.¹ Other" keep what the page shows (the sentence splitter reads
    superscript digits after a full stop as a citation marker)."""
    changed = 0
    for sup in root.iter("sup"):
        text = (sup.text or "").strip()
        if len(sup) == 0 and text.isascii() and text.isdigit():
            sup.text = text.translate(_SUPERSCRIPT_DIGITS)
            changed += 1
    return changed


def _own_text(el) -> str:
    """An element's text without nested lists (a list item's own words)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag not in ("ul", "ol"):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return squash("".join(parts))


def restore_headings(xml_main, root) -> int:
    """Insert DOM headings trafilatura dropped, before the content block that follows them.

    A heading comes back only when the element right after it in the page is a block that
    trafilatura kept, so headings of navigation or sidebars stay out.
    """
    from pipeline.extract import iter_xml_blocks

    blocks = list(iter_xml_blocks(xml_main))
    kept_heads = {norm("".join(b.itertext())) for b in blocks if b.tag == "head"}
    # Most pages lose no heading: then there is nothing to look for.
    if all(norm(t) in kept_heads for t in map(_text, root.iter(*_HEADINGS)) if t):
        return 0
    anchors = {}
    for child in blocks:
        if child.tag == "p":
            anchors.setdefault(norm("".join(child.itertext())), child)
        elif child.tag == "list":
            first = child.find("item")
            if first is not None:
                own = (first.text or "") + "".join(
                    "".join(c.itertext()) + (c.tail or "") for c in first if c.tag != "list")
                anchors.setdefault(norm(own), child)
        elif child.tag == "table":
            cell = child.find(".//cell")
            if cell is not None:
                anchors.setdefault(norm("".join(cell.itertext())), child)
    restored = 0
    run: list[tuple[int, str]] = []        # consecutive headings waiting for their block
    # Headings and text elements in reading order; an element without text is skipped.
    for el in root.iter(*_HEADINGS, *_TEXT_TAGS):
        if el.tag in _HEADINGS:
            text = _text(el)
            if text:
                run.append((int(el.tag[1]), text))
            continue
        if not run:
            continue    # only the block right after headings matters: its text is not needed
        text = _own_text(el) if el.tag == "li" else _text(el)
        if not text:
            continue
        target = anchors.get(norm(text))
        if target is not None:
            for head_level, head_text in run:
                if norm(head_text) in kept_heads:
                    continue
                head = etree.Element("head", rend=f"h{head_level}")
                head.text = head_text
                target.addprevious(head)
                kept_heads.add(norm(head_text))
                restored += 1
        run = []
    return restored
