"""HTML around trafilatura: drop page furniture by markup first, put back lost headings after."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree, html

from pipeline.settings import RULES_DIR

_SPACE = re.compile(r"\s+")
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button")
_TEXT_TAGS = {"p", "li", "td", "th", "dt", "dd", "blockquote", "pre", "figcaption"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_ANCHOR_TAGS = _HEADINGS | {"p", "li", "dt", "dd", "td", "th", "span", "a"}


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class ContainerRule:
    name: str
    tags: frozenset[str]
    roles: frozenset[str]
    tokens: re.Pattern
    removes: tuple[str, ...]
    keeps: tuple[str, ...]

    def matches_attr(self, value: str) -> bool:
        """Does a class or id string name furniture? Each token, and its parts, is tried."""
        for token in value.lower().split():
            parts = [p for p in re.split(r"[-_]+", token) if p]
            # Every run of parts: "read-more-inline" tries "read-more" as well as "read".
            runs = {"-".join(parts[i:j]) for i in range(len(parts))
                    for j in range(i + 1, len(parts) + 1)}
            if self.tokens.fullmatch(token) or any(self.tokens.fullmatch(r) for r in runs):
                return True
        return False

    def matches(self, el) -> bool:
        if el.tag in self.tags or (el.get("role") or "").lower() in self.roles:
            return True
        # The id of a heading, paragraph or item is an anchor for in-page links
        # (id="recommended"), not a description of what the element is.
        ident = None if el.tag in _ANCHOR_TAGS else el.get("id")
        return self.matches_attr(" ".join(filter(None, (el.get("class"), ident))))


@lru_cache(maxsize=None)
def container_rules() -> tuple[ContainerRule, ...]:
    data = tomllib.loads((RULES_DIR / "html.toml").read_text(encoding="utf-8"))
    return tuple(ContainerRule(c["name"], frozenset(c["tags"]), frozenset(c["roles"]),
                               re.compile(c["tokens"]), tuple(c["removes"]), tuple(c["keeps"]))
                 for c in data["container"])


def parse_html(text: str):
    """A lenient lxml tree; None when the text holds no element at all."""
    parser = html.HTMLParser(remove_comments=True, recover=True, huge_tree=True,
                             encoding="utf-8")
    try:
        return html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _text(el) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


def strip_furniture(root) -> list[tuple[str, str]]:
    """Remove furniture elements in place; return (rule name, text) for each removal.

    The main article container is never removed, even when its class says "post-share" or
    similar: an element holding most of the page's paragraphs is content.
    """
    for el in list(root.iter(*_DROP_TAGS)):
        # JSON-LD stays: trafilatura reads author and dates from it.
        if el.tag == "script" and (el.get("type") or "").lower() == "application/ld+json":
            continue
        if el.getparent() is not None and el.tag not in ("form", "button"):
            el.drop_tree()
    total = max(1, len(root.xpath("//p")))
    removed: list[tuple[str, str]] = []
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("html", "body"):
            continue
        if _is_detached(el):
            continue
        for rule in container_rules():
            if rule.matches(el):
                if len(el.xpath(".//p")) > total / 2 and el.tag not in rule.tags:
                    break   # holds most of the article
                text = _text(el)
                el.drop_tree()
                if text:
                    removed.append((rule.name, text))
                break
    return removed


def _is_detached(el) -> bool:
    while el is not None:
        parent = el.getparent()
        if parent is None:
            return el.tag != "html"
        el = parent
    return False


def _own_text(el) -> str:
    """An element's text without nested lists (a list item's own words)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag not in ("ul", "ol"):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return _SPACE.sub(" ", "".join(parts)).strip()


def dom_sequence(root) -> list[tuple[str, int, str]]:
    """Headings and text elements in reading order: (kind, level, normalized text)."""
    seq = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _HEADINGS:
            text = _text(el)
            if text:
                seq.append(("heading", int(el.tag[1]), text))
        elif el.tag in _TEXT_TAGS:
            text = _own_text(el) if el.tag == "li" else _text(el)
            if text:
                seq.append(("text", 0, norm(text)))
    return seq


def restore_headings(xml_main, root) -> int:
    """Insert DOM headings trafilatura dropped, before the content block that follows them.

    A heading comes back only when the element right after it in the page is a block that
    trafilatura kept, so headings of navigation or sidebars stay out.
    """
    anchors = {}
    kept_heads = set()
    from pipeline.extract import iter_xml_blocks

    for child in iter_xml_blocks(xml_main):
        if child.tag == "head":
            kept_heads.add(norm("".join(child.itertext())))
        elif child.tag == "p":
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
    for kind, level, text in dom_sequence(root):
        if kind == "heading":
            run.append((level, text))
            continue
        target = anchors.get(text)
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
