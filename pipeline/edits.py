"""Recording changes: word-level diff regions, and a flat editable view of a document.

Stages that add, drop or rewrite text work on `Outline`, a flat list of title, heading
and block nodes. Each edit is anchored to a node (and item slot); when the stage ends,
`Outline.to_sections` rebuilds the sections and fills in where each edit now stands.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from pipeline.model import Block, Edit, Section

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def diff_regions(before: str, after: str) -> list[tuple[str, str]]:
    """The changed stretches between two texts, widened to whole tokens."""
    if before == after:
        return []
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    regions = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            regions.append(("".join(a[i1:i2]), "".join(b[j1:j2])))
    return regions


@dataclass
class Node:
    """A title, heading or block in reading order; `slots` hold the block's texts."""

    kind: str                      # "title", "heading" or "block"
    text: str = ""                 # title or heading text
    level: int = 2
    block: Block | None = None
    slots: list[str | None] = field(default_factory=list)
    removed: bool = False

    def live_texts(self) -> list[str]:
        return [s for s in self.slots if s is not None]


@dataclass
class PendingEdit:
    edit: Edit
    node: Node | None
    slot: int | None


class Outline:
    """A mutable, flat copy of a document's title and sections for one stage's work."""

    def __init__(self, title: str | None, sections: list[Section], stage: str):
        self.stage = stage
        self.nodes: list[Node] = []
        self.pending: list[PendingEdit] = []
        if title is not None:
            self.nodes.append(Node("title", text=title, level=1))
        for section in sections:
            if section.heading is not None:
                self.nodes.append(Node("heading", text=section.heading, level=section.level))
            for block in section.blocks:
                # A copy: stages move refs and links onto it, and must not touch their input.
                self.nodes.append(Node("block", block=block.copy(),
                                       slots=list(block.texts())))

    # --- recording -----------------------------------------------------------------
    def record(self, node: Node | None, slot: int | None, kind: str, rule: str,
               before: str, after: str) -> None:
        self.pending.append(PendingEdit(Edit(self.stage, kind, rule, before, after), node, slot))

    def rewrite(self, node: Node, slot: int | None, new: str, kind: str, rule: str,
                regions: list[tuple[str, str]] | None = None) -> None:
        """Replace a text; record each changed region (or the given ones) as an edit."""
        old = node.text if slot is None else node.slots[slot]
        if old == new or old is None:
            return
        for before, after in (regions if regions is not None else diff_regions(old, new)):
            self.record(node, slot, kind, rule, before, after)
        if slot is None:
            node.text = new
        else:
            node.slots[slot] = new

    def remove(self, node: Node, slot: int | None, kind: str, rule: str) -> None:
        """Drop a whole node, or one item of a list block, on record."""
        if slot is None:
            if node.removed:
                return
            before = node.text if node.kind != "block" else "\n".join(node.live_texts())
            node.removed = True
        else:
            before = node.slots[slot] or ""
            node.slots[slot] = None
        self.record(node, slot, kind, rule, before, "")

    # --- reading ---------------------------------------------------------------------
    def live(self) -> list[Node]:
        return [n for n in self.nodes if not n.removed]

    def texts(self):
        """(node, slot, text) for every live title, heading and text slot."""
        for node in self.live():
            if node.kind in ("title", "heading"):
                yield node, None, node.text
            else:
                for i, text in enumerate(node.slots):
                    if text is not None:
                        yield node, i, text

    @property
    def title(self) -> str | None:
        for node in self.nodes:
            if node.kind == "title" and not node.removed:
                return node.text
        return None

    # --- rebuilding -------------------------------------------------------------------
    def to_sections(self) -> tuple[str | None, list[Section], list[Edit]]:
        sections: list[Section] = []
        where: dict[int, tuple[int, int | None]] = {}   # id(node) -> (section, block)

        def current() -> Section:
            if not sections:
                sections.append(Section(None, 2))
            return sections[-1]

        title_node = None
        for node in self.nodes:
            if node.removed:
                continue
            if node.kind == "title":
                title_node = node
                continue
            if node.kind == "heading":
                sections.append(Section(node.text, node.level))
                where[id(node)] = (len(sections) - 1, None)
                continue
            block = self._rebuilt_block(node)
            if block is None:
                node.removed = True
                continue
            section = current()
            section.blocks.append(block)
            where[id(node)] = (len(sections) - 1, len(section.blocks) - 1)

        edits = []
        for p in self.pending:
            edit = p.edit
            if p.node is not None and p.node.kind != "title":
                sec, blk, item = self._locate(p, where, sections)
                edit.section, edit.block, edit.item = sec, blk, item
            edits.append(edit)
        title = title_node.text if title_node is not None else None
        return title, sections, edits

    def _rebuilt_block(self, node: Node) -> Block | None:
        block = node.block
        assert block is not None
        if block.type == "list":
            items = node.live_texts()
            if not items:
                return None
            return Block("list", items=items, ordered=block.ordered,
                         refs=list(block.refs), links=list(block.links))
        if block.type == "paragraph":
            text = node.slots[0]
            return Block("paragraph", text=text, refs=list(block.refs),
                         links=list(block.links)) if text else None
        texts = [s if s is not None else "" for s in node.slots]
        rebuilt = block.with_texts(texts)
        if not any(any(c for c in row) for row in rebuilt.rows) and not any(rebuilt.header):
            return None
        return rebuilt

    def _locate(self, p: PendingEdit, where, sections):
        node = p.node
        # By identity: two removed paragraphs with the same text are equal dataclasses.
        index = next(i for i, n in enumerate(self.nodes) if n is node)
        item = None
        if p.slot is not None and node.block is not None and node.block.type == "list":
            item = sum(1 for s in node.slots[: p.slot] if s is not None)
        elif p.slot is not None:
            item = p.slot
        if id(node) in where and not node.removed:
            sec, blk = where[id(node)]
            return sec, blk, item
        # Removed: point at whatever now stands in its place.
        for later in self.nodes[index + 1:]:
            if id(later) in where and not later.removed:
                sec, blk = where[id(later)]
                if blk is None:         # the next thing is a heading: end of previous section
                    if sec == 0:
                        return 0, 0, None
                    return sec - 1, len(sections[sec - 1].blocks), None
                return sec, blk, None
        if not sections:
            return None, None, None
        return len(sections) - 1, len(sections[-1].blocks), None
