"""Stage 1: raw file to a structured Document (HTML through trafilatura, text through textparse)."""
from __future__ import annotations

import copy
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from lxml import etree

from pipeline import bylines
from pipeline.decode import decode_bytes
from pipeline.edits import Outline
from pipeline.htmlprep import squash
from pipeline.model import Block, Document, Edit, Metadata, Section, Source
from pipeline.settings import Settings
from pipeline.step import Step
from pipeline.textparse import parse_text

HTML_SUFFIXES = (".html", ".htm")


class InputError(ValueError):
    """A raw article that cannot be read; the message names the problem."""


def read_sidecar(path: Path) -> dict:
    sidecar = path.with_name(path.name + ".meta.json")
    alt = path.with_suffix(".meta.json")
    for candidate in (sidecar, alt):
        if candidate.exists():
            try:
                meta = json.loads(candidate.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise InputError(f"invalid sidecar {candidate.name}: {exc}") from exc
            if not isinstance(meta, dict):
                raise InputError(f"invalid sidecar {candidate.name}: not a JSON object")
            return meta
    return {}


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(f"too large: {size / 1e6:.1f} MB, the limit is {max_bytes / 1e6:.0f} MB "
                         "(--max-mb)")


def read_source(path: Path, display_path: str | None = None,
                max_bytes: int = Settings.max_bytes) -> Document:
    """Read one raw file (never modifying it) into a Document holding the decoded text."""
    # Checked before reading, so a huge file is never loaded.
    check_size(path.stat().st_size, max_bytes)
    return source_document(path.name, path.read_bytes(), read_sidecar(path),
                           display_path or f"raw/{path.name}", max_bytes)


def source_document(name: str, data: bytes, meta: dict, display_path: str,
                    max_bytes: int = Settings.max_bytes) -> Document:
    """Raw bytes of an article named `name` (a file, or a record of a shard) to a Document."""
    check_size(len(data), max_bytes)
    is_html = Path(name).suffix.lower() in HTML_SUFFIXES
    if not data.strip():
        raise InputError("empty file")
    try:
        text, _encoding = decode_bytes(data, is_html)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    source = Source(
        path=display_path,
        sha256=hashlib.sha256(data).hexdigest(),
        format="html" if is_html else "text",
        url=meta.get("url"), retrieved=meta.get("retrieved"), license=meta.get("license"),
    )
    return Document(id=document_id(Path(name)), source=source, raw=text)


def document_id(path: Path) -> str:
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def _text_of(el) -> str:
    """Text of an XML element; a line break (<lb/>) counts as a space."""
    parts = []

    def walk(node):
        if node.tag == "lb":
            parts.append(" ")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return squash("".join(parts))


def _list_items(list_el) -> list[str]:
    """Flatten nested lists: an item's own text first, then its sub-items in order."""
    items: list[str] = []
    for item in list_el.iterchildren("item"):
        own = [item.text or ""]
        nested = []
        for child in item:
            if child.tag == "list":
                nested.extend(_list_items(child))
            else:
                own.append("".join(child.itertext()))
            own.append(child.tail or "")
        text = squash("".join(own))
        if text:
            items.append(text)
        items.extend(nested)
    return items


def _table_blocks(table_el) -> list[Block]:
    """A table, and its caption as a paragraph before it (trafilatura gives it as a row)."""
    header: list[str] = []
    rows: list[list[str]] = []
    caption = None
    for row in table_el.iter("row"):
        cells = list(row.iterchildren("cell"))
        texts = [_text_of(c) for c in cells]
        if not any(texts):
            continue
        # Empty cells carry no role; a row is a header when every cell with text is one.
        is_head = any(texts) and all(c.get("role") == "head" for c, t in zip(cells, texts) if t)
        if is_head and not rows and not header and sum(1 for t in texts if t) == 1 \
                and len(texts) > 1:
            caption = next(t for t in texts if t)
        elif is_head and not rows and not header:
            header = texts
        else:
            rows.append(texts)
    blocks = [Block("paragraph", text=caption)] if caption else []
    if rows or header:
        blocks.append(Block("table", header=header, rows=rows))
    return blocks


XML_BLOCKS = ("head", "p", "quote", "code", "list", "table")


def iter_xml_blocks(container):
    """Block elements of trafilatura's XML in reading order; <div> and the like are transparent."""
    for el in container:
        if el.tag in XML_BLOCKS:
            yield el
        elif isinstance(el.tag, str):
            yield from iter_xml_blocks(el)


def _rend_level(el) -> int | None:
    """The level of a <head rend="h3">; None for a heading without one (trafilatura's
    <head> for a <summary>)."""
    rend = el.get("rend", "")
    return int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else None


def sections_from_xml(root) -> tuple[dict, list[Section]]:
    """trafilatura's XML tree (<head>, <p>, <list>, <table>) to sections."""
    attrs = dict(root.attrib)
    main = root.find("main")
    sections: list[Section] = [Section(None, 2)]
    if main is None:
        return attrs, []
    above = None        # the level of the last heading that has one
    for el in iter_xml_blocks(main):
        if el.tag == "head":
            text = _text_of(el)
            if text:
                # A heading without a level (an FAQ's <summary> question) sits one level
                # under the heading before it ("FAQ > Is it vegan?").
                level = _rend_level(el)
                if level is not None:
                    above = level
                else:
                    level = min(above + 1, 6) if above is not None else 2
                sections.append(Section(text, level))
        elif el.tag in ("p", "quote", "code"):
            text = _text_of(el)
            if text:
                sections[-1].blocks.append(Block("paragraph", text=text))
        elif el.tag == "list":
            items = _list_items(el)
            if items:
                sections[-1].blocks.append(
                    Block("list", items=items, ordered=el.get("rend") == "ol"))
        elif el.tag == "table":
            sections[-1].blocks.extend(_table_blocks(el))
    return attrs, [s for s in sections if s.heading is not None or s.blocks]


def trafilatura_xml(root, url: str | None, settings: Settings) -> str | None:
    """trafilatura's XML for a parsed page: what trafilatura.extract(output_format="xml") gives.

    Built from trafilatura's own steps, bare_extraction then the XML output, without the
    content fingerprint (a simhash of the whole text, about 15% of extract()'s time) that
    extract() adds for its metadata and we never read. tests/test_extract.py checks that the
    two agree.
    """
    from trafilatura import bare_extraction
    from trafilatura.core import determine_returnstring

    options = _extractor(settings.favor_precision)
    if url is not None:
        # A copy with the page's URL, set as Extractor(url=url) sets it.
        options = copy.copy(options)
        options.url = url
        source = url or None
        options.source = source and source.encode("utf-8", "replace").decode("utf-8")
    # Given a parsed tree, trafilatura works on its own copy: the caller's tree is unchanged.
    document = bare_extraction(root, options=options)
    return determine_returnstring(document, options) if document is not None else None


@lru_cache(maxsize=None)
def _extractor(favor_precision: bool):
    """trafilatura's options for our XML, made once: making them reads values out of its
    config parser, a tenth of a millisecond a page. trafilatura never changes the options
    it is given (it copies them to change the focus), so pages can share them."""
    from trafilatura.settings import Extractor

    # dedup=False: its cache makes output depend on earlier documents in the process.
    # recall: it keeps nested list items that the default drops; our clean stage removes
    # what else it lets through. extensive date search would guess from a copyright.
    return Extractor(
        output_format="xml", tables=True, formatting=False, links=False, images=False,
        comments=False, with_metadata=True, dedup=False,
        recall=not favor_precision, precision=favor_precision,
        date_params={"extensive_search": False, "original_date": True},
    )


def extract_html(doc: Document, settings: Settings) -> Document:
    from pipeline.htmlprep import (parse_html, restore_headings, strip_furniture,
                                   superscript_numbers, wrap_details_text)

    root = parse_html(doc.raw)
    if root is None:
        return _no_content(doc, "extract: no HTML elements found")
    # Read before the header with the site's logo goes as furniture.
    title_site = bylines.title_site(root)
    footer_lines = bylines.footer_texts(root)
    furniture = strip_furniture(root)
    # Read before trafilatura, which drops a byline paragraph from the text.
    byline_lines = bylines.byline_texts(root)
    wrap_details_text(root)
    superscript_numbers(root)
    edits = [Edit("extract", "boilerplate", f"html:{name}", text, "") for name, text in furniture]
    # `root` stays the page for restore_headings below.
    xml = trafilatura_xml(root, doc.source.url, settings)
    if not xml:
        return _no_content(doc, "extract: no main content found", edits)
    tree = etree.fromstring(xml.encode("utf-8"))
    main = tree.find("main")
    if main is not None:
        restore_headings(main, root)
    attrs, sections = sections_from_xml(tree)
    metadata = html_metadata(attrs, root, byline_lines, sections, title_site, footer_lines)
    title = attrs.get("title") or None
    source = doc.source
    if source.url is None and attrs.get("url"):
        source = Source(source.path, source.sha256, source.format, attrs["url"],
                        source.retrieved, source.license)
    return Document(doc.id, source, doc.raw, title, metadata, sections, [], edits,
                    list(doc.warnings))


def header_lines(sections: list[Section], count: int) -> list[str]:
    """The first `count` headings and paragraphs of an article: where a byline stands."""
    lines: list[str] = []
    for section in sections:
        if section.heading:
            lines.append(section.heading)
        for block in section.blocks:
            if block.type == "paragraph":
                lines.append(block.text)
            if len(lines) >= count:
                return lines[:count]
    return lines


def html_metadata(attrs: dict, root, byline_lines: list[str], sections: list[Section],
                  title_site: str | None = None, footer_lines: list[str] = ()) -> Metadata:
    """trafilatura's author, date and site name where they are right, the page's byline
    elements and first lines for what they miss or garble (rules/bylines.toml)."""
    day_first = bylines.page_day_first(root)
    read = bylines.read_lines(byline_lines, day_first)
    for key, value in bylines.read_lines(
            header_lines(sections, bylines.rules().text["header_lines"]), day_first,
            site=False).items():
        read.setdefault(key, value)
    # trafilatura's author is right when it is only names (a <meta name="author">); from a
    # byline it holds roles and cue words ("Jo Pellegrini; Level"), and the reader's is used.
    author = attrs.get("author") or None
    if author is None or not bylines.is_name_list(author):
        # A team (<meta name="author" content="... Editorial Team">) when no person is named.
        author = read.get("author") or (author if author and bylines.is_team(author) else None)
    published = read.get("published")
    # Else the article's last line or the footer: "Page last reviewed 2 April 2025."
    last = [b.text for b in sections[-1].blocks if b.type == "paragraph"][-1:] if sections else []
    modified = read.get("modified") or bylines.markup_modified(root) or \
        bylines.closing_modified(last + list(footer_lines), day_first)
    # htmldate's date (markup only: no extensive search) when the byline gives none, unless
    # it is the byline's update date.
    if published is None and attrs.get("date") and attrs["date"] != modified:
        published = attrs["date"]
    site_name = bylines.site_name(attrs.get("sitename")) or title_site
    return Metadata(author=author, reviewer=read.get("reviewer"), published=published,
                    modified=modified, site_name=site_name)


def _no_content(doc: Document, warning: str, edits: list[Edit] | None = None) -> Document:
    return Document(doc.id, doc.source, doc.raw, None, Metadata(), [], [], edits or [],
                    doc.warnings + [warning])


def extract_text(doc: Document) -> Document:
    title, sections = parse_text(doc.raw)
    lines = header_lines(sections, bylines.rules().text["header_lines"])
    reads: dict = {}        # each line read once, for its fields and as a header line
    read = bylines.read_lines(lines, reads=reads)
    metadata = Metadata(**{k: read.get(k) for k in bylines.FIELDS})
    # A header line that is only metadata ("PennyWiser. Money guides. By ..., consumer money
    # writer. Updated 2 May 2025.") leaves the text, recorded as moved, as the clean stage
    # moves a byline line: it is no claim of the article. Outline places each edit where
    # the removed block stood; an article without such a line passes untouched.
    edits: list[Edit] = []
    # Most articles have a paragraph among their first lines but no header line: they skip
    # the outline (about a tenth of the stage), unless it would drop an empty table as it
    # rebuilds the sections (what it changes when it removes nothing).
    candidates = [b.text for s in sections for b in s.blocks
                  if b.type == "paragraph" and b.text in lines]
    if candidates and (any(bylines.is_header_line(t, reads=reads) for t in candidates) or any(
            b.type == "table" and not any(b.header) and not any(any(row) for row in b.rows)
            for s in sections for b in s.blocks)):
        outline = Outline(title, sections, "extract")
        for node in outline.nodes:
            if node.kind == "block" and node.block.type == "paragraph" and \
                    node.slots[0] in lines and bylines.is_header_line(node.slots[0], reads=reads):
                outline.remove(node, None, "moved_to_metadata", "header_line")
        title, sections, edits = outline.to_sections()
    return Document(doc.id, doc.source, doc.raw, title, metadata, sections, [], edits,
                    list(doc.warnings))


class Extract(Step):
    name = "extract"

    def process(self, doc: Document) -> Document:
        if doc.source.format == "html":
            return extract_html(doc, self.settings)
        return extract_text(doc)
