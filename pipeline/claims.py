"""Stage: tag each sentence, list item and table row with claim types, hedging, negation, dosage."""
from __future__ import annotations

import copy
import gc
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, NamedTuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Imported for their @Language.factory registrations.
import pipeline.claim_context  # noqa: F401
import pipeline.claim_dosage  # noqa: F401
import pipeline.claim_lexicon  # noqa: F401
import pipeline.claim_types  # noqa: F401
from pipeline.claim_lexicon import UnitAttrs, is_leadin, unit_data_key
from pipeline.claim_model import add_type_model, is_question
from pipeline.claim_rules import load_toml
from pipeline.claim_sentences import add_number_unit_infix
from pipeline.model import Claim, Document, Section
from pipeline.step import Step

STAGE = "claims"
UNIT_KINDS = ("sentence", "list_item", "table_row")
CELL_SEPARATOR = " | "
CONTEXT_COMPONENTS = ("claim_sentences", "claim_lexicon")


@dataclass(frozen=True)
class UnitTags:
    """What the tagger says about one unit."""

    types: tuple[str, ...]
    hedged: bool
    negated: bool
    dosage: Any           # None, a dosage dict, or a list of them


class UnitText(NamedTuple):
    """What the tagger reads of a unit: its text and kind, its lead-in or header row
    (`context`), its section's heading path and the unit before it in the document. A plain
    (text, kind, context) triple is read as one with no heading and no unit before it."""

    text: str
    kind: str
    context: str | None = None
    heading: str | None = None
    previous: str | None = None


@dataclass(frozen=True)
class Unit:
    """A sentence, list item or table row, and where it stands in the document."""

    text: str
    kind: str
    context: str | None
    section: int
    block: int
    heading: str | None = None      # the section's heading path ("Causes > Diet")
    previous: str | None = None     # the text of the unit before it, in any section

    def tagger_input(self) -> UnitText:
        return UnitText(self.text, self.kind, self.context, self.heading, self.previous)


def build_nlp(type_source: str | None = None, model: str | None = None) -> Language:
    """The claim pipeline on spacy.blank("en"); `type_source` as in claim_model, `model` the
    type model's folder (default: the committed one)."""
    nlp = spacy.blank("en")
    add_number_unit_infix(nlp)
    nlp.add_pipe("claim_sentences")
    nlp.add_pipe("claim_lexicon")
    nlp.add_pipe("claim_dosage")
    nlp.add_pipe("claim_types")
    nlp.add_pipe("claim_hedge_negation")
    add_type_model(nlp, type_source, model)
    return nlp


@lru_cache(maxsize=None)
def get_nlp(type_source: str | None = None) -> Language:
    """The cached claim pipeline (built once per process).

    It lives as long as the process: its objects (vocabulary, matchers, word lists, about
    130,000 of them) are moved out of the cyclic garbage collector's reach, which otherwise
    walks them all on each full collection, several times a hundred articles. It also keeps
    forked workers from writing to the memory pages they share (gc.freeze's documented use)."""
    nlp = build_nlp(type_source)
    gc.freeze()
    return nlp


def _unit_doc(nlp: Language, text: str, kind: str, **extensions: Any) -> Doc:
    doc = nlp.make_doc(text)
    doc.user_data["text"] = text        # what unit_text(doc) would rebuild from the tokens
    UnitAttrs(doc).set(unit_kind=kind, **extensions)
    return doc


def _as_unit_text(unit: tuple) -> UnitText:
    return unit if isinstance(unit, UnitText) else UnitText(*unit)


def context_kind(context: str) -> str:
    """"leadin" for a lead-in sentence (it ends with ":" by definition), else "heading"."""
    return "leadin" if is_leadin(context) else "heading"


def unit_docs(units: Iterable[tuple], nlp: Language) -> list[Doc]:
    """Units (UnitText, or (text, kind, context) triples) as Docs ready for `nlp`'s
    components, each context processed once.

    One step at a time over all of them: every text tokenized, then each context
    component over all the contexts, then the units' extensions, rather than each unit
    and its context through every step in turn (the tokenizer's, then each component's
    code and data stay in the processor's caches); a Doc depends on its own text only."""
    units = list(map(_as_unit_text, units))
    for unit in units:
        if unit.kind not in UNIT_KINDS:
            raise ValueError(f"unknown unit kind {unit.kind!r}")
    # Each context once, in the order the units first name it.
    texts = list(dict.fromkeys(unit.context for unit in units if unit.context))
    n_contexts = len(texts)
    texts += [unit.text for unit in units]
    made = list(map(nlp.make_doc, texts))
    contexts = made[:n_contexts]
    for doc, text in zip(contexts, texts):
        doc.user_data["text"] = text    # what unit_text(doc) would rebuild from the tokens
        UnitAttrs(doc).set(unit_kind=context_kind(text))
    # The units read a context's tokens and word lists only, never its own tags.
    for name, component in nlp.pipeline:
        if name in CONTEXT_COMPONENTS:
            contexts = list(map(component, contexts))
    context_docs = dict(zip(texts, contexts))
    docs = made[n_contexts:]
    # UnitAttrs(doc).set(unit_kind=..., context_doc=..., heading=..., previous=...), written
    # into user_data directly, in the same order.
    kind_key, context_key, heading_key, previous_key = map(
        unit_data_key, ("unit_kind", "context_doc", "heading", "previous"))
    for doc, unit in zip(docs, units):
        data = doc.user_data
        data["text"] = unit.text        # what unit_text(doc) would rebuild from the tokens
        data[kind_key] = unit.kind
        data[context_key] = context_docs[unit.context] if unit.context else None
        # Only the type model reads the heading and the unit before
        # (claim_model.classifier_input).
        data[heading_key] = unit.heading
        data[previous_key] = unit.previous
    return docs


def tagged_docs(units: Iterable[tuple], nlp: Language,
                batch_size: int = 256, spread: bool = True) -> list[Doc]:
    """Units (as unit_docs reads them) through `nlp`; then, unless `spread` is off, a list's
    common types go to all its items."""
    docs = run_components(nlp, unit_docs(units, nlp), batch_size)
    return spread_list_types(docs) if spread else docs


def run_components(nlp: Language, docs: Iterable[Doc], batch_size: int) -> list[Doc]:
    """nlp.pipe on ready Docs, in the same order, without spaCy's wrapping of each component
    call in a generator and an error handler, about 0.4 ms an article.

    Each component runs over every unit before the next starts (the type model a batch at
    a time), rather than each unit through all the components in turn: a unit's tags
    depend on its own Doc only, and one component's code and data stay in the processor's
    caches over the units, where the dosage parser, the cue rules and the rest took turns
    to push each other out."""
    for _, component in nlp.pipeline:
        run = getattr(component, "pipe", None)
        docs = list(run(docs, batch_size=batch_size) if run is not None
                    else map(component, docs))
    return list(docs)


def list_runs(docs: list[Doc]) -> Iterator[list[Doc]]:
    """The items of each list: runs of consecutive list items under the same context."""
    run: list[Doc] = []
    for doc in docs:
        ext = UnitAttrs(doc)
        item = ext.unit_kind == "list_item" and ext.context_doc is not None
        if run and (not item or ext.context_doc is not UnitAttrs(run[0]).context_doc):
            yield run
            run = []
        if item:
            run.append(doc)
    if run:
        yield run


def spread_list_types(docs: list[Doc]) -> list[Doc]:
    """A type most items of a list carry goes to its other items (types.toml [list_spread]);
    a question stays without types."""
    data = load_toml("types.toml")
    rules, marks = data["list_spread"], frozenset(data["units"]["question_marks"])
    for run in list_runs(docs):
        if len(run) < rules["min_items"]:
            continue
        items = [(UnitAttrs(doc), is_question(doc, marks)) for doc in run]
        for label in rules["types"]:
            if sum(label in ext.claim_types for ext, _ in items) >= rules["share"] * len(run):
                for ext, question in items:
                    if label not in ext.claim_types and not question:
                        ext.claim_types = tuple(sorted((*ext.claim_types, label)))
    return docs


def tag_units(units: Iterable[tuple], nlp: Language | None = None,
              batch_size: int = 256) -> list[UnitTags]:
    """Tag units (UnitText, or (text, kind, context) triples); the one code path of the stage
    and the evaluation."""
    return [_tags(UnitAttrs(d)) for d in tagged_docs(units, nlp or get_nlp(), batch_size)]


def _tags(ext: UnitAttrs) -> UnitTags:
    """A tagged doc's UnitTags, from its extensions."""
    types = ext.claim_types
    return UnitTags(tuple(types), bool(ext.hedged), bool(ext.negated),
                    copy.deepcopy(ext.dosage) if "dosage" in types else None)


def tag_unit(text: str, kind: str = "sentence", context: str | None = None,
             nlp: Language | None = None) -> UnitTags:
    """Tag one unit: a sentence, a list item (context: its lead-in, or its section heading
    when the list has none) or a table row (text: cells joined with " | "; context: the
    header row joined the same way)."""
    return tag_units([(text, kind, context)], nlp)[0]


def split_sentences(text: str, nlp: Language | None = None) -> list[str]:
    """The sentences of a paragraph, each an exact substring of it."""
    return split_paragraphs([text], nlp)[0]


def split_paragraphs(texts: list[str], nlp: Language | None = None) -> list[list[str]]:
    """split_sentences of each paragraph, one step at a time over all of them: those with
    one sentence found without tokens, then the others tokenized, then split (the
    tokenizer's and the splitter's code and data stay in the processor's caches)."""
    nlp = nlp or get_nlp()
    splitter = nlp.get_pipe("claim_sentences")
    soles = list(map(splitter.sole_sentence, texts))
    rest = [text for text, sole in zip(texts, soles) if sole is None]   # no tokens needed
    docs = list(map(nlp.make_doc, rest))
    kind_key = unit_data_key("unit_kind")
    for doc, text in zip(docs, rest):
        data = doc.user_data            # as _unit_doc makes them
        data["text"] = text
        data[kind_key] = "paragraph"    # UnitAttrs(doc).set(unit_kind="paragraph")
    spans = iter(list(map(splitter.sentence_char_spans, docs)))
    return [[text[sole[0]:sole[1]]] if sole is not None
            else [text[a:b] for a, b in next(spans)]
            for text, sole in zip(texts, soles)]


def claim_id(text: str) -> str:
    """First 16 hex digits of sha256 of the casefolded, whitespace-collapsed text."""
    # split() cuts at the characters \s matches and drops them at the ends: the text of
    # sub(r"\s+", " ").strip(), without a regex call per run of spaces.
    normalized = " ".join(text.casefold().split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=None)
def _word_set(table: str, key: str) -> frozenset[str]:
    """A word list of types.toml, as a set."""
    return frozenset(load_toml("types.toml")[table][key])


_WORDS = re.compile(r"[^\W\d_]+")


def says_nothing(leadin: str) -> bool:
    """A lead-in made only of filler words ("Most people have a mix of the following:")."""
    return all(w in _word_set("leadins", "filler_words") for w in _WORDS.findall(leadin.casefold()))


def _leadin(paragraph: str | None, previous_sentences: list[str] | None) -> str | None:
    """What the paragraph right before a list (its text and sentences, None when the block
    before is no paragraph) says about the items: its last sentence when it ends with ":"
    and says something, or is a question ("Which of these have you had?"); a lead-in that
    says nothing with the sentence before it ("You may get side effects. This could be:");
    or the whole paragraph when it is a short label without a full stop ("FEATURES")."""
    if not paragraph or not previous_sentences:
        return None
    rules = _unit_rules()
    last = previous_sentences[-1]
    if is_leadin(last):
        if not says_nothing(last):
            return last
        if len(previous_sentences) > 1:
            # An exact part of the paragraph: the sentence before, through the lead-in.
            return paragraph[paragraph.rindex(previous_sentences[-2], 0, paragraph.rindex(last)):]
        return None
    if last.rstrip().endswith(tuple(_word_set("units", "question_marks"))):
        return last
    if len(previous_sentences) == 1 and rules["label_line"].fullmatch(last.strip()) \
            and len(last.split()) <= rules["label_words"]:
        return last
    return None


@lru_cache(maxsize=None)
def _unit_rules() -> dict[str, Any]:
    rules = load_toml("sentences.toml")["units"]
    labels = "|".join(re.escape(label) for label in sorted(rules["metadata_labels"], key=len,
                                                          reverse=True))
    return {"label": re.compile(rf"^(?i:{labels})\s*:", re.UNICODE),
            "label_line": re.compile(rules["label_pattern"]), "label_words": rules["label_words"],
            "progress": re.compile(rules["progress_line"]),
            "separator": rules["field_separator"],
            "short": rules["metadata_short_words"], "fields": rules["metadata_fields"]}


def is_metadata_line(paragraph: str, sentences: list[str]) -> bool:
    """A header or source line of fields that the splitter would cut at its full stops:
    fields between " | " ("Version 3 | Approved by Dr A. Shah | Review date May 2027."), or
    sentences that open with a metadata label ("Review date: ...", "Case No: ...") but for
    short ones ("Statistical bulletin.")."""
    if len(sentences) < 2:
        return False
    rules = _unit_rules()
    if rules["separator"] in paragraph:
        return True
    fields = [bool(rules["label"].match(s)) for s in sentences]
    return sum(fields) >= rules["fields"] and all(
        field or len(s.split()) <= rules["short"] for s, field in zip(sentences, fields))


def is_progress_line(sentence: str) -> bool:
    """A progress or counter line ("Step 2 of 4", "Question 3/12", "4/12"): no unit."""
    return bool(_unit_rules()["progress"].match(sentence.strip()))


HEADING_PATH_SEPARATOR = " > "


def _headings_above(sections: list[Section], index: int) -> list[str]:
    """The section's heading and those it sits under, outermost first."""
    path: list[str] = []
    level = None
    for section in reversed(sections[:index + 1]):
        if section.heading and (level is None or section.level < level):
            path.append(section.heading)
            level = section.level
    return path[::-1]


def heading_path(sections: list[Section], index: int) -> str | None:
    """The section's heading after the headings it sits under ("Animal Sources > Seafood")."""
    return HEADING_PATH_SEPARATOR.join(_headings_above(sections, index)) or None


def is_reference_section(sections: list[Section], index: int) -> bool:
    """The section is, or sits under, a "References" (or "Sources", ...) heading."""
    return _names_references(_headings_above(sections, index))


def _names_references(headings: list[str]) -> bool:
    """One of the headings is a "References" (or "Sources", ...) heading."""
    names = _word_set("sections", "reference_headings")
    return any(heading.casefold().strip().rstrip(":").strip() in names for heading in headings)


def document_units(doc: Document, nlp: Language | None = None) -> Iterator[Unit]:
    """Every unit of the document in reading order, except in its reference sections, with
    its section's heading path and the unit before it."""
    previous = None
    # Each Unit made once, with all its fields (a frozen dataclass's __init__ sets each
    # field through object.__setattr__: making each twice was about 2 us a unit).
    for text, kind, context, si, bi, heading in _units_in_order(doc, nlp or get_nlp()):
        yield Unit(text, kind, context, si, bi, heading, previous)
        previous = text


def _units_in_order(doc: Document, nlp: Language
                    ) -> Iterator[tuple[str, str, str | None, int, int, str | None]]:
    """document_units without the unit before them, as (text, kind, context, section,
    block, heading path)."""
    sections = doc.sections
    # Each section's headings, outermost first, read once: whether it is a reference
    # section and its heading path both come from them.
    above = [_headings_above(sections, si) for si in range(len(sections))]
    kept = [si for si in range(len(sections)) if not _names_references(above[si])]
    # Every paragraph's sentences first, all in one pass (split_paragraphs).
    split = iter(split_paragraphs([block.text for si in kept for block in sections[si].blocks
                                   if block.type == "paragraph"], nlp))
    for si in kept:
        section = sections[si]
        heading = HEADING_PATH_SEPARATOR.join(above[si]) or None     # heading_path
        previous_sentences = None       # of the block before, when it is a paragraph
        previous_text = None
        for bi, block in enumerate(section.blocks):
            sentences = None
            if block.type == "paragraph":
                sentences = next(split)
                if is_metadata_line(block.text, sentences):
                    sentences = [block.text]
                for sentence in sentences:
                    if not is_progress_line(sentence):
                        yield sentence, "sentence", None, si, bi, heading
            elif block.type == "list":
                # Without a lead-in sentence, the headings say what the items are
                # ("Neurological Symptoms" above a list of symptoms).
                context = _leadin(previous_text, previous_sentences) or heading
                for item in block.items:
                    if item.strip():
                        yield item, "list_item", context, si, bi, heading
            elif block.type == "table":
                # Without a header row, the headings say what the rows are.
                header = CELL_SEPARATOR.join(block.header) if any(block.header) else heading
                for row in block.rows:
                    if any(cell.strip() for cell in row):
                        yield CELL_SEPARATOR.join(row), "table_row", header, si, bi, heading
            previous_sentences = sentences
            previous_text = block.text if sentences else None


def tag_claims(doc: Document) -> Document:
    """A copy of `doc` whose `claims` lists every unit that carries a claim type."""
    nlp = get_nlp()
    units = list(document_units(doc, nlp))
    tags = tag_units([unit.tagger_input() for unit in units], nlp)
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    for unit, tag in zip(units, tags):
        if not tag.types:
            continue
        base = claim_id(unit.text)
        seen[base] = seen.get(base, 0) + 1
        cid = base if seen[base] == 1 else f"{base}-{seen[base]}"
        claims.append(Claim(cid, unit.text, list(tag.types), tag.hedged, tag.negated,
                            unit.section, unit.block, unit.context, tag.dosage))
    return doc.copy(claims=claims)


class TagClaims(Step):
    name = STAGE
    # Word lists and cues are English: other articles pass through untagged (and flagged).
    languages = ("en",)

    def process(self, doc: Document) -> Document:
        return tag_claims(doc)

    def load(self) -> None:
        get_nlp()
