"""The typed records every stage reads and writes: Document, Section, Block, Claim, Edit."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any, Iterator

SCHEMA_VERSION = 2

BLOCK_TYPES = ("paragraph", "list", "table")


@dataclass
class Block:
    """A unit of body content: a paragraph, a list, or a table."""

    type: str
    text: str = ""                      # paragraph
    items: list[str] = field(default_factory=list)    # list
    ordered: bool = False               # list
    header: list[str] = field(default_factory=list)   # table
    rows: list[list[str]] = field(default_factory=list)  # table
    refs: list[str] = field(default_factory=list)   # reference markers moved out of the text
    links: list[str] = field(default_factory=list)  # URLs written inline, moved out of the text

    def copy(self) -> "Block":
        """An independent copy (lists copied), cheaper than copy.deepcopy."""
        return Block(self.type, self.text, list(self.items), self.ordered, list(self.header),
                     [list(r) for r in self.rows], list(self.refs), list(self.links))

    def texts(self) -> list[str]:
        """Every text of the block in reading order; `Edit.item` indexes this list."""
        if self.type == "paragraph":
            return [self.text]
        if self.type == "list":
            return list(self.items)
        return list(self.header) + [cell for row in self.rows for cell in row]

    def with_texts(self, texts: list[str]) -> "Block":
        """A copy of the block with its texts replaced, in `texts()` order."""
        extra = {"refs": list(self.refs), "links": list(self.links)}
        if self.type == "paragraph":
            return Block("paragraph", text=texts[0], **extra)
        if self.type == "list":
            return Block("list", items=list(texts), ordered=self.ordered, **extra)
        n = len(self.header)
        header, rest = list(texts[:n]), texts[n:]
        rows, i = [], 0
        for row in self.rows:
            rows.append(list(rest[i:i + len(row)]))
            i += len(row)
        return Block("table", header=header, rows=rows, **extra)

    def to_dict(self) -> dict[str, Any]:
        if self.type == "paragraph":
            out: dict[str, Any] = {"type": "paragraph", "text": self.text}
        elif self.type == "list":
            out = {"type": "list", "ordered": self.ordered, "items": list(self.items)}
        else:
            out = {"type": "table", "header": list(self.header),
                   "rows": [list(r) for r in self.rows]}
        # Present only when something was moved out of the text, to keep diffs quiet.
        if self.refs:
            out["refs"] = list(self.refs)
        if self.links:
            out["links"] = list(self.links)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Block":
        t = d["type"]
        extra = {"refs": list(d.get("refs", [])), "links": list(d.get("links", []))}
        if t == "paragraph":
            return cls("paragraph", text=d["text"], **extra)
        if t == "list":
            return cls("list", items=list(d["items"]), ordered=d.get("ordered", False), **extra)
        return cls("table", header=list(d.get("header", [])), rows=[list(r) for r in d["rows"]],
                   **extra)


@dataclass
class Section:
    """A heading (None for text before the first heading) and the blocks under it."""

    heading: str | None
    level: int
    blocks: list[Block] = field(default_factory=list)

    def copy(self) -> "Section":
        return Section(self.heading, self.level, [b.copy() for b in self.blocks])

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "level": self.level,
                "blocks": [b.to_dict() for b in self.blocks]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Section":
        return cls(d["heading"], d["level"], [Block.from_dict(b) for b in d["blocks"]])


@dataclass
class Edit:
    """One change a stage made to the text, with what it was, so a reviewer can undo it.

    `section`/`block` locate the change in the stage's output; a removed block points at
    the block that now stands where it stood (or one past the end). `item` indexes
    `Block.texts()`; it is None for a whole block or a heading.
    """

    stage: str
    kind: str
    rule: str
    before: str
    after: str
    section: int | None = None
    block: int | None = None
    item: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "kind": self.kind, "rule": self.rule,
                "before": self.before, "after": self.after,
                "section": self.section, "block": self.block, "item": self.item}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Edit":
        return cls(d["stage"], d["kind"], d["rule"], d["before"], d["after"],
                   d.get("section"), d.get("block"), d.get("item"))


@dataclass
class Claim:
    """One unit (sentence, list item or table row) that carries at least one claim type."""

    id: str
    text: str
    types: list[str]
    hedged: bool
    negated: bool
    section: int
    block: int
    context: str | None = None
    dosage: Any = None      # None, a dosage dict, or a list of them

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "types": list(self.types),
                "hedged": self.hedged, "negated": self.negated,
                "section": self.section, "block": self.block, "context": self.context,
                "dosage": self.dosage}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Claim":
        return cls(d["id"], d["text"], list(d["types"]), d["hedged"], d["negated"],
                   d["section"], d["block"], d.get("context"), d.get("dosage"))


@dataclass
class Source:
    path: str
    sha256: str
    format: str             # "html" or "text"
    url: str | None = None
    retrieved: str | None = None
    license: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "format": self.format,
                "url": self.url, "retrieved": self.retrieved, "license": self.license}


@dataclass
class Metadata:
    """About the article; dates are ISO 8601 (YYYY-MM-DD) when they could be read, else as written."""

    author: str | None = None
    reviewer: str | None = None
    published: str | None = None
    modified: str | None = None
    language: str | None = "en"
    site_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"author": self.author, "reviewer": self.reviewer, "published": self.published,
                "modified": self.modified, "language": self.language,
                "site_name": self.site_name}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Metadata":
        return cls(d.get("author"), d.get("reviewer"), d.get("published"), d.get("modified"),
                   d.get("language", "en"), d.get("site_name"))


@dataclass
class Document:
    """One article as it moves through the stages; `raw` is the decoded source text."""

    id: str
    source: Source
    raw: str = ""
    title: str | None = None
    metadata: Metadata = field(default_factory=Metadata)
    sections: list[Section] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def copy(self, **changes: Any) -> "Document":
        """An independent copy with `changes` applied, about ten times cheaper than
        copy.deepcopy; the values in `changes` are taken as given."""
        copiers = {
            "source": lambda: replace(self.source), "metadata": lambda: replace(self.metadata),
            "sections": lambda: [s.copy() for s in self.sections],
            "claims": lambda: [replace(c, types=list(c.types), dosage=copy.deepcopy(c.dosage))
                               for c in self.claims],
            "edits": lambda: [replace(e) for e in self.edits],
            "warnings": lambda: list(self.warnings)}
        parts = {key: copier() for key, copier in copiers.items() if key not in changes}
        return replace(self, **parts, **changes)

    def iter_blocks(self) -> Iterator[tuple[int, int, Block]]:
        for si, section in enumerate(self.sections):
            for bi, block in enumerate(section.blocks):
                yield si, bi, block

    def to_dict(self) -> dict[str, Any]:
        """The output contract, keys in their fixed order (see pipeline/schema)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source.to_dict(),
            "title": self.title,
            "metadata": self.metadata.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "claims": [c.to_dict() for c in self.claims],
            "edits": [e.to_dict() for e in self.edits],
            "warnings": list(self.warnings),
        }

    def to_state(self) -> dict[str, Any]:
        """Everything, including what the contract leaves out, for build/ snapshots."""
        state = self.to_dict()
        state["raw"] = self.raw
        return state

    @classmethod
    def from_state(cls, d: dict[str, Any]) -> "Document":
        src = d["source"]
        meta = d["metadata"]
        return cls(
            id=d["id"],
            source=Source(src["path"], src["sha256"], src["format"], src.get("url"),
                          src.get("retrieved"), src.get("license")),
            raw=d.get("raw", ""),
            title=d.get("title"),
            metadata=Metadata.from_dict(meta),
            sections=[Section.from_dict(s) for s in d["sections"]],
            claims=[Claim.from_dict(c) for c in d.get("claims", [])],
            edits=[Edit.from_dict(e) for e in d.get("edits", [])],
            warnings=list(d.get("warnings", [])),
        )
