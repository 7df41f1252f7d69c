"""Stage 2: Unicode repair, whitespace, HTML residue, boilerplate and duplicate headings."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

import ftfy

from pipeline.bylines import iso_date, read_line, split_parts, strip_stop
from pipeline.edits import Node, Outline
from pipeline.language import detect_language, identifier
from pipeline.model import Document, Metadata
from pipeline.rules import (Rule, any_line_rule, any_meta_rule, cleaning_data, cleaning_rules,
                            holds_trigger, lowered_triggers, section_triggers, word_list)
from pipeline.step import Step

STAGE = "clean"
# Quotes stay curly and entities are left to the html_entity rule, so each change is
# recorded under the rule that explains it.
FTFY_CONFIG = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False,
                                   fix_line_breaks=True, normalization="NFC")
# What ftfy leaves alone in any context: printable ASCII, and these characters, which are
# NFC, no control or width or ligature character, and no mojibake next to each other or to
# ASCII (ftfy.badness). Most texts hold nothing else (curly quotes, dashes, no-break
# spaces), and ftfy was the slowest step of the stage. tests/test_clean.py checks the claim.
FTFY_UNTOUCHED = "\u00a0’‘“”–—…"
_NEEDS_FTFY = re.compile(rf"[^\x20-\x7e{FTFY_UNTOUCHED}]")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Whitespace at either end, runs of it, any that is not a plain space, invisible characters.
_ODD_SPACE = re.compile(r"^[\s\u00a0\u200b\ufeff]+|[\s\u00a0\u200b\ufeff]+$|[\s\u00a0\u2000-\u200a\u202f\u205f\u3000\u200b\u200c\u200d\u2060"
                        r"\ufeff\u00ad]{2,}|[^\S ]|[\u00a0\u2000-\u200a\u202f\u205f\u3000]|"
                        r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[a-z0-9]+")
# A sentence this long with a health word is content, whatever a rule says.
GUARD_WORDS = 12
# What is left of a call-to-action box once its matched sentences go: short, no health words.
REMAINDER_WORDS = 8
# A byline line is short: the longest seen ("Written by the Silverline editorial team with
# input from Dr Ruth Okonjo, consultant geriatrician. Last reviewed 18 June 2025.") has 125
# characters. Longer paragraphs are not tried.
META_MAX_CHARS = 300

def normalize_heading(text: str) -> str:
    return " ".join(_WORD.findall(re.sub(r"^\s*\d{1,3}[.)]\s*", "", text.lower())))


def _health_word(text: str) -> bool:
    return any(w in word_list("health_terms.txt") for w in _WORD.findall(text.lower()))


def states_health(text: str) -> bool:
    return len(_WORD.findall(text)) >= GUARD_WORDS and _health_word(text)


@lru_cache(maxsize=None)
def strict_guard() -> tuple[frozenset[str], re.Pattern]:
    """cleaning.toml's [strict_guard]: the rules kept beside any health word, and its words."""
    data = cleaning_data()["strict_guard"]
    return frozenset(data["rules"]), re.compile(data["pattern"], re.IGNORECASE)


def names_health(text: str) -> bool:
    """Any health word at all (health_terms.txt or [strict_guard]), whatever the length."""
    return _health_word(text) or bool(strict_guard()[1].search(text))


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s]


def parse_meta_line(text: str, rules: tuple[Rule, ...]) -> tuple[dict[str, str], list[str]] | None:
    """The metadata a byline/date line carries (each field from its first part), and the
    rules its parts matched; None when any part of it is not metadata. A group named
    `<how>_<field>` fills `field` (a rule with several ways to write one)."""
    fields: dict[str, str] = {}
    names: list[str] = []
    any_rule = any_meta_rule()
    for part in split_parts(text):
        if not any_rule.match(part):
            return None
        for rule in rules:
            match = rule.regex.match(part)
            if match:
                for key, value in match.groupdict().items():
                    key = key.rpartition("_")[2]
                    if value:
                        fields.setdefault(key, iso_date(value) if key in ("published", "modified")
                                          else strip_stop(value))
                names.append(rule.name)
                break
        else:
            return None
    return (fields, names) if names else None


_PEOPLE = {"author", "reviewer"}
_REVIEWED_BY = re.compile(r"\s*[·|•,;]?\s*\b(?:medically\s+|clinically\s+|fact[-\s]checked\s+and\s+)?"
                          r"(?:reviewed|fact[-\s]checked)\s+by\s*:?\s*", re.IGNORECASE)


def split_author_field(author: str) -> dict[str, str | None]:
    """trafilatura's author can hold a whole byline: "Ann Lee · Medically reviewed by Dr X; MD"."""
    parts = _REVIEWED_BY.split(author, maxsplit=1)
    if len(parts) == 1:
        return {"author": author}
    name, reviewer = (p.strip(" ·|•;,") for p in parts)
    # trafilatura turns "Dr. X, MD" into "Dr X; MD"; a comma reads as it was written.
    return {"author": name or None, "reviewer": reviewer.replace("; ", ", ") or None}


def move_metadata(outline: Outline, metadata: Metadata, rules: tuple[Rule, ...]) -> Metadata:
    """Byline and date lines leave the text for `metadata`; what is already known stays."""
    found: dict[str, str] = {}
    if metadata.author:
        metadata = replace(metadata, **split_author_field(metadata.author))
    lines = [node for node in outline.live() if node.kind == "heading" or
             (node.kind == "block" and node.block.type == "paragraph")]
    texts = [(node.text if node.kind == "heading" else node.slots[0]) or "" for node in lines]
    # Only short lines are tried (most of an article's text is in longer paragraphs).
    short = [(node, text) for node, text in zip(lines, texts) if len(text) <= META_MAX_CHARS]
    # Every meta rule has triggers, and a line moves only when its parts all match one;
    # a line can hold only the triggers the short lines hold.
    triggers = lowered_triggers("\n".join(text for _, text in short), section_triggers("meta"))
    for node, text in short:
        if not holds_trigger(text, triggers):
            continue
        parsed = parse_meta_line(text, rules)
        # A heading names a person only when the byline reader reads one in it too (a cue,
        # then a name): "Talking to our team" heads a section, it is no author.
        if parsed and node.kind == "heading" and _PEOPLE & parsed[0].keys() and \
                not _PEOPLE & read_line(text, site=False).keys():
            parsed = None
        if parsed:
            for key, value in parsed[0].items():
                found.setdefault(key, value)
            outline.remove(node, None, "moved_to_metadata", "+".join(parsed[1]))
    updates = {k: v for k, v in found.items() if getattr(metadata, k) is None}
    return replace(metadata, **updates)


def move_markers(outline: Outline, rules: tuple[Rule, ...]) -> None:
    """Reference numbers and inline URLs leave the text for the block's refs and links."""
    texts = list(outline.texts())
    # As in apply_inline_rules: most articles have no URL, bracket or superscript at all.
    article = "\n".join(text for _, _, text in texts)
    held = [rule.triggers_in(article) for rule in rules]
    for node, slot, text in texts:
        if node.kind != "block":
            continue
        changed = False
        for rule, triggers in zip(rules, held):
            if changed:
                triggers = rule.triggers    # taking a marker out may bring a trigger in
            if triggers is None or not rule.may_match(text, triggers):
                continue
            made: list[tuple[str, str]] = []

            def take(match: re.Match, rule=rule, made=made) -> str:
                getattr(node.block, rule.target).append(match.group(1))
                made.append((match.group(0), ""))
                return ""

            new = rule.regex.sub(take, text)
            if made:
                outline.rewrite(node, slot, new.strip(), rule.kind, rule.name, regions=made)
                text = new.strip()
                changed = True


def fix_unicode(outline: Outline) -> None:
    for node, slot, text in list(outline.texts()):
        if not _NEEDS_FTFY.search(text):
            continue   # nothing for ftfy to fix, and most texts are like this
        fixed = ftfy.fix_text(text, config=FTFY_CONFIG)
        outline.rewrite(node, slot, fixed, "unicode", "ftfy")


def whitespace_regions(text: str) -> list[tuple[str, str]]:
    """Each run of odd whitespace and what it becomes: a space inside, nothing at the edges."""
    # The usual case, told without the regex: only single spaces inside. Every whitespace
    # and invisible character _ODD_SPACE looks for but the plain space is unprintable.
    if text.isprintable() and not (text.startswith(" ") or text.endswith(" ") or "  " in text):
        return []
    regions = []
    for match in _ODD_SPACE.finditer(text):
        before = match.group(0)
        edge = match.start() == 0 or match.end() == len(text)
        after = "" if edge or _INVISIBLE.fullmatch(before) else " "
        if before != after:
            regions.append((before, after))
    return regions


def fix_whitespace(outline: Outline) -> None:
    for node, slot, text in list(outline.texts()):
        regions = whitespace_regions(text)
        if regions:
            # Regions are found directly: difflib over long paragraphs was the slow part.
            fixed = _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()
            outline.rewrite(node, slot, fixed, "whitespace", "collapse_whitespace", regions)


def apply_inline_rules(outline: Outline, rules: tuple[Rule, ...]) -> None:
    texts = list(outline.texts())
    # Residue is rare: a text holds only the triggers its article holds, and a rule with
    # none there skips every text, unless an earlier rule changed that text (a replacement
    # can bring a trigger in).
    article = "\n".join(text for _, _, text in texts)
    held = [rule.triggers_in(article) for rule in rules]
    for node, slot, text in texts:
        changed = False
        cell = node.kind == "block" and node.block.type == "table"
        for rule, triggers in zip(rules, held):
            if changed:
                triggers = rule.triggers
            if triggers is None or (cell and not rule.in_tables) or \
                    not rule.may_match(text, triggers):
                continue
            new, made = rule.substitute(text)
            if made:
                tidy = _SPACES.sub(" ", new).strip()
                outline.rewrite(node, slot, tidy, rule.kind, rule.name, regions=made)
                text = tidy
                changed = True


def drop_emptied(outline: Outline) -> None:
    """Texts that residue removal emptied: drop the heading, item or block."""
    for node in outline.live():
        if node.kind in ("title", "heading"):
            if not node.text:
                node.removed = True
        elif node.block.type in ("paragraph", "list"):
            for i, text in enumerate(node.slots):
                if text == "":
                    node.slots[i] = None
            if not node.live_texts():
                node.removed = True
        elif not any(node.live_texts()):
            # A table with no text in any cell (only |---| rows) holds nothing to keep.
            node.removed = True


def _is_link_like(nodes: list[Node], i: int) -> bool:
    """Headings with nothing under them, lists, and short unpunctuated lines: link titles."""
    node = nodes[i]
    if node.kind == "heading":
        following = nodes[i + 1] if i + 1 < len(nodes) else None
        return following is None or following.kind == "heading" or _is_link_like_block(following)
    return _is_link_like_block(node)


def _is_link_like_block(node: Node) -> bool:
    if node.kind != "block":
        return False
    if node.block.type == "list":
        return all(len(t.split()) <= 14 for t in node.live_texts())
    if node.block.type == "paragraph":
        text = node.slots[0] or ""
        return len(text.split()) <= 14 and not text.rstrip().endswith((".", ":"))
    return False


def apply_lead_rules(outline: Outline, rules: tuple[Rule, ...]) -> None:
    nodes = outline.live()
    headings = {normalize_heading(n.text) for n in nodes if n.kind == "heading"}
    for i, node in enumerate(nodes):
        if node.removed or node.kind == "title":
            continue
        text = node.text if node.kind == "heading" else " ".join(node.live_texts())
        for rule in rules:
            if not rule.matches(text):
                continue
            outline.remove(node, None, rule.kind, rule.name)
            if rule.takes == "toc":
                _take_toc(outline, nodes, i + 1, headings, rule)
            elif rule.takes == "links":
                j = i + 1
                while j < len(nodes) and _is_link_like(nodes, j):
                    outline.remove(nodes[j], None, rule.kind, rule.name)
                    j += 1
            break


def _take_toc(outline: Outline, nodes: list[Node], start: int, headings: set[str],
              rule: Rule) -> None:
    """The list after a contents line goes when its entries are the article's headings."""
    if start >= len(nodes):
        return
    node = nodes[start]
    if node.kind == "block" and node.block.type == "list":
        entries = [normalize_heading(t) for t in node.live_texts()]
        known = sum(1 for e in entries if e in headings)
        if entries and known / len(entries) >= 0.5:
            outline.remove(node, None, rule.kind, rule.name)
        else:
            outline.pending[-1].edit.rule += ":kept_list"


def apply_line_rules(outline: Outline, rules: tuple[Rule, ...], warnings: list[str]) -> None:
    untriggered, triggered = any_line_rule(), any_line_rule(triggered=True)
    texts = list(outline.texts())
    # A text can hold only the triggers its article holds.
    triggers = lowered_triggers("\n".join(text for _, _, text in texts), section_triggers("line"))
    for node, slot, text in texts:
        sentences = split_sentences(text) if node.kind == "block" and \
            node.block.type == "paragraph" else [text]
        # A trigger missing from the whole text is missing from each of its sentences.
        search = holds_trigger(text, triggers)
        matched: list[Rule | None] = []
        for sentence in sentences:
            rule = None
            stripped = sentence.strip()
            # The triggered rules start with up to 200 characters of anything: a sentence of
            # a text that holds a trigger is tested for one itself first, many times faster.
            if untriggered.match(stripped) or (
                    search and (len(sentences) == 1 or holds_trigger(stripped, triggers))
                    and triggered.match(stripped)):
                rule = next((r for r in rules if r.matches(sentence)), None)
            if rule is not None and rule.guard and (states_health(sentence) or (
                    rule.name in strict_guard()[0] and names_health(sentence))):
                warnings.append(f"clean: kept a sentence that rule {rule.name} matches, "
                                f"because it states something about health: {sentence!r}")
                rule = None
            matched.append(rule)
        if not any(matched):
            continue
        if all(matched):
            whole = matched[0]
            if node.kind == "block" and node.block.type == "list":
                outline.remove(node, slot, whole.kind, whole.name)
            elif node.kind == "block" and node.block.type == "table":
                continue
            else:
                outline.remove(node, None, whole.kind, whole.name)
            continue
        kept = [s for s, r in zip(sentences, matched) if r is None]
        first = next(r for r in matched if r is not None)
        if all(len(_WORD.findall(s)) <= REMAINDER_WORDS and not _health_word(s) for s in kept):
            # The rest of a call-to-action box ("Service offered in French."): it goes too.
            outline.remove(node, None, first.kind, first.name)
            continue
        for sentence, rule in zip(sentences, matched):
            if rule is not None:
                outline.record(node, slot, rule.kind, rule.name, sentence, "")
        outline.rewrite(node, slot, " ".join(kept), "", "", regions=[])


@lru_cache(maxsize=None)
def service_table_rule() -> dict:
    """cleaning.toml's [service_table]: its patterns compiled (case-insensitive)."""
    data = cleaning_data()["service_table"]
    return {**data, **{k: re.compile(data[k], re.IGNORECASE) for k in ("header", "value", "dose")}}


def is_service_table(header: list[str], rows: list[list[str]]) -> bool:
    """A table of the site's own prices, fees, pay or hours, naming no health word or dose."""
    rule = service_table_rule()
    cells = [c for c in header] + [c for row in rows for c in row]
    return bool(rows) and any(rule["header"].search(c) for c in header) and \
        all(any(rule["value"].search(c) for c in row) for row in rows) and \
        not any(_health_word(c) or rule["dose"].search(c) for c in cells)


def drop_service_tables(outline: Outline) -> None:
    rule = service_table_rule()
    for node in outline.live():
        if node.kind != "block" or node.block.type != "table":
            continue
        n = len(node.block.header)
        texts = [t or "" for t in node.slots]
        rows, i = [], n
        for row in node.block.rows:
            rows.append(texts[i:i + len(row)])
            i += len(row)
        if is_service_table(texts[:n], rows):
            outline.remove(node, None, rule["kind"], rule["name"])


def dedupe_headings(outline: Outline, title: str | None) -> None:
    """Drop the title repeated as a heading, and a heading repeated right after itself."""
    title_key = normalize_heading(title) if title else None
    previous: Node | None = None
    for node in outline.live():
        if node.kind == "heading":
            key = normalize_heading(node.text)
            if title_key and key == title_key:
                outline.remove(node, None, "duplicate_heading", "title_repeated")
                continue
            if previous is not None and previous.kind == "heading" and \
                    normalize_heading(previous.text) == key:
                outline.remove(node, None, "duplicate_heading", "repeated_heading")
                continue
        if node.kind != "title":
            previous = node


def clean(doc: Document) -> Document:
    rules = cleaning_rules()
    outline = Outline(doc.title, doc.sections, STAGE)
    warnings = list(doc.warnings)
    fix_unicode(outline)
    fix_whitespace(outline)
    apply_inline_rules(outline, rules["inline"])
    move_markers(outline, rules["move"])
    drop_emptied(outline)
    metadata = move_metadata(outline, doc.metadata, rules["meta"])
    apply_lead_rules(outline, rules["lead"])
    apply_line_rules(outline, rules["line"], warnings)
    drop_service_tables(outline)
    drop_emptied(outline)
    dedupe_headings(outline, outline.title)
    title, sections, edits = outline.to_sections()
    if not any(section.blocks for section in sections):
        warnings.append("clean: no article text is left: the page is all furniture, "
                        "or its main content could not be found")
    cleaned = Document(doc.id, doc.source, doc.raw, title, metadata, sections, [],
                       doc.edits + edits, warnings)
    return detect_language(cleaned)


class Clean(Step):
    name = STAGE

    def process(self, doc: Document) -> Document:
        return clean(doc)

    def load(self) -> None:
        identifier()
