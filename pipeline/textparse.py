"""Plain text pulled from a page into sections: headings, paragraphs, lists and pipe tables.

Which lines are never headings (chat and transcript turns) is in rules/textparse.toml."""
from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import lru_cache

from pipeline.claim_rules import load_toml
from pipeline.model import Block, Section
from pipeline.settings import RULES_DIR

LIST_MARKER = re.compile(r"^\s*(?:[-*•·●▪◦‣–]|\d{1,3}[.)])(?:\s+|$)")
ORDERED_MARKER = re.compile(r"^\s*\d{1,3}[.)]\s+")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
NUMBERED_HEADING = re.compile(r"^\d{1,2}(\.\d{1,2})*\.?\s+[A-Z]")
# Small words that stay lowercase in title case.
_MINOR = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "of",
          "on", "or", "the", "to", "vs", "vs.", "with", "without", "your", "its", "&"}
_SENTENCE_END = (".", ",", ";", ":", "…")
# How a line of running text ends: a stop of any kind, or a closing quote or bracket after one.
_LINE_END = _SENTENCE_END + ("!", "?", '"', "”", ")")


def split_cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [cell.strip() for cell in line.split("|")]


def is_table_line(line: str) -> bool:
    return line.strip().startswith("|") and line.count("|") >= 2


def bare_table_lines(lines: list[str], i: int) -> list[str]:
    """The rows of a pipe table without outer pipes starting at line i ("Below 150 ng/L |
    Deficiency likely | Treat"), with any |---| line among them; [] when there is none:
    fewer than `bare_table_rows` rows, or rows with different numbers of cells."""
    if " | " not in lines[i]:
        return []       # a first row holds " | " (a |---| line only follows one): most lines
    table: list[str] = []
    widths = set()
    while i < len(lines):
        line = lines[i].strip()
        if TABLE_SEPARATOR.match(line) and table:
            table.append(line)
        elif " | " in line and not line.startswith("|"):
            table.append(line)
            widths.add(len(split_cells(line)))
        else:
            break
        i += 1
    rows = sum(1 for line in table if not TABLE_SEPARATOR.match(line))
    return table if rows >= _rules()["bare_table_rows"] and len(widths) == 1 else []


def is_header_row(cells: list[str]) -> bool:
    """A first row that names columns: short cells without a number ("Serum B12" may be
    one, "Below 150 ng/L" may not) or a sentence's end."""
    limit = _rules()["bare_header_cell_words"]
    return all(cell and len(cell.split()) <= limit
               and not any(word[0].isdigit() for word in cell.split())
               and not cell.endswith(_SENTENCE_END + ("!", "?")) for cell in cells)


def is_title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line)]
    major = [w for w in words if w.lower() not in _MINOR]
    if not major:
        return False
    return sum(1 for w in major if w[0].isupper()) / len(major) >= 0.75


@lru_cache(maxsize=None)
def _rules() -> dict:
    data = tomllib.loads((RULES_DIR / "textparse.toml").read_text(encoding="utf-8"))
    splitter = load_toml("sentences.toml")      # the sentence splitter's own lists
    return {
        "timestamp": re.compile(data["timestamp"]),
        "speaker_tag": re.compile(data["speaker_tag"]),
        "speaker_lines": data["speaker_lines"],
        "sentence_break": re.compile(data["sentence_break"]),
        "enumerated_heading": re.compile(data["enumerated_heading"]),
        "enumerated_heading_words": data["enumerated_heading_words"],
        "bracketed_remark": re.compile(data["bracketed_remark"]),
        "bracketed_head_words": data["bracketed_head_words"],
        "bracketed_remark_words": data["bracketed_remark_words"],
        "bare_table_rows": data["bare_table_rows"],
        "bare_header_cell_words": data["bare_header_cell_words"],
        "unpunctuated_heading_words": data["unpunctuated_heading_words"],
        "long_line_words": data["long_line_words"], "long_lines": data["long_lines"],
        "punctuated_share": data["punctuated_share"],
        # Before a capital, only these never end a sentence (the splitter's other lists do).
        "abbreviations": frozenset(a.lower() for a in splitter["never_final"]),
        "any_abbreviations": frozenset(a.lower() for a in
                                       (*splitter["never_final"], *splitter["maybe_final"])),
    }


def _word_before(text: str, stop: int) -> str:
    """The word the mark at text[stop] closes, lowercased, with its mark ("dr.")."""
    words = text[:stop + 1].split()
    return words[-1].lstrip("(\"“‘'").lower() if words else ""


def ends_sentence(text: str, stop: int) -> bool:
    """The mark at text[stop], before a capital, ends a sentence: it closes no abbreviation
    that never ends one ("Dr. Patel", "vs. Tablets") nor an initial ("J. Smith")."""
    word = _word_before(text, stop)
    return word not in _rules()["abbreviations"] and not re.fullmatch(r"[a-z]\.", word)


def is_abbreviation(word: str) -> bool:
    """The word, with its full stop, is one the sentence splitter knows ("Jr.", "Ltd.")."""
    return word.lower() in _rules()["any_abbreviations"]


def holds_several_sentences(text: str) -> bool:
    """A full stop or "!" inside the line ends a sentence: "OK. How fast can you deliver?"
    (not one after an abbreviation or an initial: "Is Dr. Patel right?")."""
    return any(ends_sentence(text, match.start())
               for match in _rules()["sentence_break"].finditer(text))


def speaker_tags(lines: list[str]) -> frozenset[str]:
    """Names before a colon that open several lines, one of them not a one-sentence
    question: the speakers of a dialogue ("JO: ...", "DR OKAFOR: ..."), or the readers of
    a letters column ("Q: I've been on metformin for six years. Is that a problem?"), not
    labels of question headings ("Q: Can I drive?")."""
    rules = _rules()
    opened: Counter[str] = Counter()
    speaks: set[str] = set()
    for line in lines:
        text = line.strip()
        match = rules["speaker_tag"].match(text)
        if match:
            opened[match.group(1)] += 1
            if not text.endswith("?") or holds_several_sentences(text):
                speaks.add(match.group(1))
    return frozenset(tag for tag in speaks if opened[tag] >= rules["speaker_lines"])


def is_turn(line: str, speakers: frozenset[str] = frozenset()) -> bool:
    """A turn of a chat, transcript or log: a line opening with a time, or with the name of
    one of the article's speakers. Never a heading or a title."""
    rules = _rules()
    text = line.strip()
    if rules["timestamp"].match(text):
        return True
    if not speakers:
        return False    # most articles, and every heading test
    match = rules["speaker_tag"].match(text)
    return bool(match) and match.group(1) in speakers


def looks_like_heading(line: str) -> bool:
    """Short, unpunctuated title-like lines, short questions, and numbered headings; never a
    line that opens with a time, nor a question line holding several sentences."""
    text = line.strip()
    if len(text) > 120 or text.endswith(_SENTENCE_END):
        return False    # most paragraphs: told before splitting them into words
    words = text.split()
    if not words or is_turn(text):
        return False
    if NUMBERED_HEADING.match(text) and len(words) <= 12:
        return True
    if text.endswith("?"):
        return len(words) <= 14 and not holds_several_sentences(text)
    if len(words) <= 6:
        return True
    return len(words) <= 14 and (is_title_case(text) or _labelled_by_short_heading(text))


def _labelled_by_short_heading(text: str) -> bool:
    """A short heading with a remark in brackets after it: "Directions for use (as printed
    on the label)", "Background for sales teams (not for consumer use)"."""
    rules = _rules()
    match = rules["bracketed_remark"].fullmatch(text)
    return bool(match) and len(match.group(1).split()) <= rules["bracketed_head_words"] \
        and len(match.group(2).split()) <= rules["bracketed_remark_words"]


def looks_like_title(line: str) -> bool:
    """A first line that names the article: a heading, or a longer unpunctuated line
    ("Ask Dr Margaret: numb feet on diabetes tablets, and leg pain on walking")."""
    text = line.strip()
    return looks_like_heading(text) or (
        0 < len(text.split()) <= 20 and len(text) <= 160 and not text.endswith(_SENTENCE_END))


def _nearest_line(lines: list[str], i: int, step: int) -> str:
    """The nearest non-blank line before (step -1) or after (step 1) line i, or ""."""
    i += step
    while 0 <= i < len(lines):
        if lines[i].strip():
            return lines[i]
        i += step
    return ""


def is_numbered_heading(lines: list[str], i: int) -> bool:
    """A numbered line alone between paragraphs is a section heading ("2. Before you use
    this medicine"), not a one-item list; a numbered list's items have numbered neighbours."""
    text = lines[i].strip()
    adjacent = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return bool(NUMBERED_HEADING.match(text)) and looks_like_heading(text) \
        and not any(LIST_MARKER.match(line) for line in adjacent) \
        and not any(ORDERED_MARKER.match(_nearest_line(lines, i, step)) for step in (-1, 1))


def enumerated_label(line: str) -> str | None:
    """The label of a lettered or numbered section line ("Section", "Problem"), or None."""
    rules = _rules()
    text = line.strip()
    match = rules["enumerated_heading"].match(text)
    if not match or text.endswith(_SENTENCE_END) or is_turn(text) \
            or len(text.split()) > rules["enumerated_heading_words"]:
        return None
    return match.group(1).lower()


def is_enumerated_heading(lines: list[str], i: int) -> bool:
    """"Section B: Emergency department within 1 hour", "Problem 2: Risk of falls": a
    lettered or numbered section line is a heading however long, when something follows it
    and no line of the same label stands right before or after it (consecutive "Step 1: ...", "Step 2: ..."
    lines are the steps themselves)."""
    label = enumerated_label(lines[i])
    if label is None or not _nearest_line(lines, i, 1):
        return False
    return all(enumerated_label(_nearest_line(lines, i, step)) != label for step in (-1, 1))


def punctuates(lines: list[str]) -> bool:
    """The article ends its long lines with a stop, so one of its lines without one is no
    sentence left unpunctuated."""
    rules = _rules()
    ends = [line.rstrip().endswith(_LINE_END)
            for line in lines if len(line.split()) >= rules["long_line_words"]
            and not LIST_MARKER.match(line) and not is_table_line(line.strip())]
    return len(ends) >= rules["long_lines"] and sum(ends) >= rules["punctuated_share"] * len(ends)


def is_unpunctuated_heading(lines: list[str], i: int) -> bool:
    """A sentence-case line without a stop, alone between blank lines with text after it,
    in an article that punctuates its sentences (call `punctuates` first): "What you might
    notice in your baby"."""
    text = lines[i].strip()
    alone = (i == 0 or not lines[i - 1].strip()) and i + 1 < len(lines) \
        and not lines[i + 1].strip() and bool(_nearest_line(lines, i, 1))
    return alone and text[:1].isupper() and len(text) <= 120 \
        and len(text.split()) <= _rules()["unpunctuated_heading_words"] \
        and not text.endswith(_LINE_END) \
        and not holds_several_sentences(text) and not LIST_MARKER.match(text) \
        and not _NOT_A_HEADING.search(text)


# A question mark inside the line ("What should I eat? Thanks, Rosa"), fields (" | "), an
# address, or a phone number or a full date (six digits): a sign-off, a label or a contact
# line, not a heading.
_NOT_A_HEADING = re.compile(r"\?\s|\s\|\s|@|https?:|www\.|(?:\d\D*){6}")


def is_chapter_heading(lines: list[str], i: int) -> bool:
    """A show-notes chapter: a time, then a heading with no speaker ("(02:10) What it feels
    like"), with no time on the next line (in a log or a chat every line has one)."""
    rules = _rules()
    text = lines[i].strip()
    match = rules["timestamp"].match(text)
    if not match:
        return False
    rest = text[match.end():].strip()
    following = _nearest_line(lines, i, 1).strip()
    return bool(rest) and not rules["speaker_tag"].match(rest) and looks_like_heading(rest) \
        and bool(following) and not rules["timestamp"].match(following)


def parse_text(raw: str) -> tuple[str | None, list[Section]]:
    """Return (title, sections). Every non-empty line is a unit; blank lines only separate."""
    lines = [ln.rstrip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    speakers = speaker_tags(lines)
    punctuated = punctuates(lines)
    sections: list[Section] = [Section(None, 2)]
    title: str | None = None
    pending_list: Block | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            pending_list = None
            i += 1
            continue
        bare = bare_table_lines(lines, i)
        if bare:
            sections[-1].blocks.append(_table(bare, header_without_separator=True))
            pending_list = None
            i += len(bare)
            continue
        if is_table_line(stripped):
            table_lines = []
            while i < len(lines) and is_table_line(lines[i].strip()):
                table_lines.append(lines[i].strip())
                i += 1
            sections[-1].blocks.append(_table(table_lines))
            pending_list = None
            continue
        if LIST_MARKER.match(line) and not is_numbered_heading(lines, i):
            # A marker alone (a page cut off mid-list) stays as text for the cleaner to drop.
            item = LIST_MARKER.sub("", line, count=1).strip() or stripped
            ordered = bool(ORDERED_MARKER.match(line))
            if pending_list is None:
                pending_list = Block("list", ordered=ordered)
                sections[-1].blocks.append(pending_list)
            pending_list.items.append(item)
            i += 1
            continue
        pending_list = None
        first_line = title is None and not any(s.blocks or s.heading for s in sections)
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        if is_chapter_heading(lines, i):
            sections.append(Section(stripped, 2))
        elif is_turn(stripped, speakers):
            sections[-1].blocks.append(Block("paragraph", text=stripped))
        elif first_line and (looks_like_heading(stripped)
                           or (next_blank and looks_like_title(stripped))):
            title = stripped
        elif looks_like_heading(stripped) or is_enumerated_heading(lines, i) \
                or (punctuated and is_unpunctuated_heading(lines, i)):
            sections.append(Section(stripped, 2))
        else:
            sections[-1].blocks.append(Block("paragraph", text=stripped))
        i += 1
    return title, [s for s in sections if s.heading is not None or s.blocks]


def _table(table_lines: list[str], header_without_separator: bool = False) -> Block:
    """Pipe rows to a table; the row above a |---| separator in second place is the header.
    With `header_without_separator` (a table without outer pipes), a table with no
    separator takes its first row as the header when it reads as one (is_header_row) and
    `bare_table_rows` rows or more follow it."""
    header: list[str] = []
    rows: list[list[str]] = []
    separated = any(TABLE_SEPARATOR.match(line) for line in table_lines)
    for i, line in enumerate(table_lines):
        if TABLE_SEPARATOR.match(line):
            if i == 1 and rows and not header:
                header = rows.pop(0)
            continue
        rows.append(split_cells(line))
    if header_without_separator and not separated and len(rows) > _rules()["bare_table_rows"] \
            and is_header_row(rows[0]):
        header = rows.pop(0)
    return Block("table", header=header, rows=rows)
