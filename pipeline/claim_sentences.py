"""Tokenizer rule for glued number-unit tokens and a sentence splitter for web health text."""
from __future__ import annotations

import re
from bisect import bisect_right

import numpy

from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from pipeline.claim_lexicon import UnitAttrs, unit_text
from pipeline.claim_rules import load_toml


def number_unit_infix() -> str:
    """An empty infix between a number and a unit glued to it: "1,000mcg", "5,000IU"."""
    units = load_toml("units.toml")
    forms = {f for fs in units["dose_units"].values() for f in fs if " " not in f}
    forms |= set(units["other_units"])
    alternatives = "|".join(sorted((re.escape(f.rstrip(".")) for f in forms), key=len,
                                   reverse=True))
    return rf"(?<=[0-9])(?=(?i:{alternatives})$)"


def add_number_unit_infix(nlp: Language) -> Language:
    """Split "1,000mcg" into "1,000" and "mcg" (spaCy's default keeps them one token), and
    a full stop glued to a citation marker."""
    citation_stop = load_toml("sentences.toml")["citation_stop_infix"]
    infixes = list(nlp.Defaults.infixes or []) + [number_unit_infix(), citation_stop]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


# SENT_START -1 (not a sentence start) as a uint64, as numpy casts it.
_NOT_START = 2 ** 64 - 1


@Language.factory("claim_sentences", default_config={"rules": "sentences.toml"})
def make_claim_sentences(nlp: Language, name: str, rules: str) -> "ClaimSentences":
    return ClaimSentences(rules)


class ClaimSentences:
    """Marks sentence starts: terminal mark, then closers and citations, then a capital."""

    def __init__(self, rules: str):
        data = load_toml(rules)
        self.terminals = frozenset(data["terminals"])
        self.closers = frozenset(data["closers"])
        self.two_way_quotes = frozenset(data["two_way_quotes"])
        self.citation = re.compile(data["citation_pattern"])
        self.mixed_case = re.compile(data["mixed_case_word"])
        self.start = re.compile(data["start_pattern"].replace("{mixed_case_word}",
                                                              data["mixed_case_word"]))
        self.never_final = frozenset(a.lower() for a in data["never_final"])
        self.maybe_final = frozenset(a.lower() for a in data["maybe_final"])
        self.before_number = frozenset(a.lower() for a in data["before_number"])
        self.letter_names = frozenset(w.lower() for w in data["letter_names"])
        self.initial_openers = frozenset(data["initial_openers"]) | self.terminals
        self.quote_pairs = [tuple(pair) for pair in data["quote_pairs"]]
        self.max_quote_chars = data["max_quote_chars"]
        marks = sorted({c for t in self.terminals for c in t} | {"\n"})
        self.candidate = re.compile("[" + "".join(re.escape(c) for c in marks) + "]")

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and doc.has_extension("unit_kind") \
                and UnitAttrs(doc).unit_kind == "sentence":
            # A sentence unit was cut by this splitter already: one sentence.
            doc[0].is_sent_start = True
            if len(doc) > 1:
                doc[1].is_sent_start = False    # spaCy reads boundaries as set from token 1
            return doc
        # One array write instead of a Python assignment per token; the values made as a
        # list (-1 as spaCy reads it back from uint64), a third of the numpy full, index and
        # cast on a unit's twenty-odd tokens. from_array takes a column as one dimension.
        values = [_NOT_START] * len(doc)
        for j in self.sentence_starts(doc):
            values[j] = 1
        values[0] = 1
        doc.from_array([SENT_START], numpy.array(values, dtype=numpy.uint64))
        return doc

    def _abbreviation(self, doc: Doc, i: int) -> str | None:
        """The abbreviation ending at token i, if its period is not a full stop."""
        written = doc[i].text
        if written == "." and i > 0 and not doc[i - 1].whitespace_:
            written = doc[i - 1].text + "."
        text = written.lower()
        if text in self.never_final:
            return "never"
        if text in self.maybe_final:
            return "maybe"
        # "Dr P. Ilunga": a capital's initial before "p." the page.
        if len(written) == 2 and written[0].isupper() and self._is_initial(doc, i):
            return "never"
        if text in self.before_number:
            return "number"
        return None

    def _is_initial(self, doc: Doc, i: int) -> bool:
        """ "by J. Smith", "Dr. J. R. Smith": a capital after a word, unless the word names
        things by letter ("vitamin D.", "type B.") or is no word ("nmol/L."); also a capital
        that opens a sentence or follows a label ("Action: S. Evans to draft ...")."""
        first = i - 1 if doc[i].text == "." else i
        if first == 0 or doc[first - 1].text in self.initial_openers:
            return True
        word = doc[first - 1].text.rstrip(".")
        return word.replace(".", "").isalpha() and word.lower() not in self.letter_names

    def _ends_here(self, doc: Doc, i: int) -> bool:
        token = doc[i]
        if token.text in self.terminals:
            kind = self._abbreviation(doc, i) if token.text == "." else None
        elif token.text.endswith(".") and len(token.text) > 1 and not token.like_num:
            # "D." in "vitamin D." or "mL." keep their period: a full stop unless known.
            kind = self._abbreviation(doc, i)
        else:
            return False
        if kind == "never":
            return False
        if kind == "maybe":
            nxt = self._next_word(doc, i)
            return nxt is not None and (nxt.text[:1].isupper()
                                        or self.mixed_case.match(nxt.text) is not None)
        if kind == "number":
            nxt = self._next_word(doc, i)
            return nxt is None or not nxt.like_num or self._answers_question(doc, i)
        return True

    def _answers_question(self, doc: Doc, i: int) -> bool:
        """The word ending at token i follows a question mark ("Safe? No. 1 in 5 react.")."""
        first = i - 1 if doc[i].text == "." else i
        return first > 0 and doc[first - 1].text.endswith("?")

    @staticmethod
    def _next_word(doc: Doc, i: int):
        return doc[i + 1] if i + 1 < len(doc) else None

    def _candidates(self, doc: Doc, text: str, offsets: list[int] | None = None) -> list[int]:
        """Tokens holding a terminal mark or a line break: the only ones that end a sentence.
        `offsets`: each token's IDX, when the caller has read them."""
        if offsets is None:
            offsets = doc.to_array(IDX).tolist()
        found = {bisect_right(offsets, m.start()) - 1 for m in self.candidate.finditer(text)}
        return sorted(found)

    def _quotes(self, text: str) -> list[tuple[int, int]]:
        """(open, close) offsets of the closed quotations of at most max_quote_chars: one
        quoted comment is one sentence with its introduction, "He said: “A. B.”"."""
        spans = []
        for opener, closer in self.quote_pairs:
            if opener not in text:
                continue
            at = 0
            while (start := text.find(opener, at)) >= 0:
                end = text.find(closer, start + 1)
                if end < 0:
                    break
                if end - start <= self.max_quote_chars and "\n" not in text[start:end]:
                    spans.append((start, end))
                at = end + 1
        return spans

    def sole_sentence(self, text: str) -> tuple[int, int] | None:
        """(start, end) of the text's only sentence, without surrounding whitespace, when
        no terminal mark or line break stands before its last character; else None.

        Then no sentence can start after the first (a candidate ends one only where a token
        follows it that is no space), and the sentence runs from the first non-space
        character to the last: the tokenizer splits at whitespace (str.isspace) and keeps
        every other character in a token. sentence_char_spans of the text's tokens gives
        the same span; a one-sentence paragraph (most of them) is then not tokenized twice."""
        end = len(text.rstrip())
        if not end or self.candidate.search(text, 0, end - 1) is not None:
            return None
        return len(text) - len(text.lstrip()), end

    def sentence_char_spans(self, doc: Doc) -> list[tuple[int, int]]:
        """sentence_spans(self(doc)) for a doc the splitter has not marked, without writing
        the boundaries into the doc and reading them back token by token."""
        # One to_array call, as lists: the splitter's candidates read the same IDX column.
        values = doc.to_array([IS_SPACE, IDX, LENGTH])
        spaces, idx, length = values.T.tolist() if len(doc) else ([], [], [])
        cuts = sorted({j for j in self.sentence_starts(doc, idx) if j > 0})
        if any(spaces):
            return _spans(values.tolist(), set(cuts))   # a space token: the general walk
        # No space token: a sentence runs from its first token's start to its last's end.
        firsts, lasts = [0, *cuts], [j - 1 for j in cuts] + [len(doc) - 1]
        return [(idx[a], idx[b] + length[b]) for a, b in zip(firsts, lasts)]

    def sentence_starts(self, doc: Doc, offsets: list[int] | None = None) -> list[int]:
        """`offsets`: each token's IDX, when the caller has read them."""
        starts = self._sentence_starts(doc, offsets)
        quotes = self._quotes(unit_text(doc))
        if not quotes:
            return starts
        return [j for j in starts if not any(a < doc[j].idx < b for a, b in quotes)]

    def _sentence_starts(self, doc: Doc, offsets: list[int] | None = None) -> list[int]:
        starts = []
        n = len(doc)
        text = unit_text(doc)
        i = 0
        for candidate in self._candidates(doc, text, offsets):
            if candidate < i:
                continue
            i = candidate
            token = doc[i]
            if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
                j = i + 1
                while j < n and doc[j].is_space:
                    j += 1
                if j < n:
                    starts.append(j)
                i = j
                continue
            if not self._ends_here(doc, i):
                continue
            j = i + 1
            # Further terminal marks, closing quotes and brackets, citation markers.
            while j < n:
                t = doc[j]
                if t.text in self.terminals or (t.text in self.closers and not (
                        t.text in self.two_way_quotes and doc[j - 1].whitespace_)):
                    j += 1
                    continue
                rest = text[t.idx:t.idx + 24]
                cite = self.citation.match(rest)
                if cite and (j == i + 1 or not doc[j - 1].whitespace_ or t.text == "["):
                    end = t.idx + cite.end()
                    while j < n and doc[j].idx < end:
                        j += 1
                    continue
                break
            while j < n and doc[j].is_space:
                j += 1
            if j < n and self.start.match(text[doc[j].idx:doc[j].idx + 8]):
                starts.append(j)
            i = j if j > i else i + 1
        return starts


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each sentence, without surrounding whitespace."""
    if not doc.has_annotation("SENT_START"):
        raise ValueError(Errors.E030)
    # Arrays, not Token objects: a sentence starts at token 0 and where SENT_START is 1
    # (doc.sents); LENGTH is len(token.text).
    values = doc.to_array([SENT_START, IS_SPACE, IDX, LENGTH]).tolist()
    return _spans([row[1:] for row in values],
                  {i for i, row in enumerate(values) if i and row[0] == 1})


def _spans(tokens: list[list[int]], cuts: set[int]) -> list[tuple[int, int]]:
    """Sentence spans from each token's (IS_SPACE, IDX, LENGTH) and the tokens that start a
    sentence after the first."""
    spans = []
    first = end = None          # of the sentence's non-space tokens
    for i, (space, idx, length) in enumerate(tokens):
        if i in cuts:
            if first is not None:
                spans.append((first, end))
            first = end = None
        if not space:
            if first is None:
                first = idx
            end = idx + length
    if first is not None:
        spans.append((first, end))
    return spans


def question_token_flags(doc, question_marks: frozenset[str]) -> list[bool]:
    """True for each token of a sentence that ends in a question mark: questions are not claims."""
    flags = [False] * len(doc)
    text = unit_text(doc)
    if not any(mark in text for mark in question_marks):
        return flags
    for sent in doc.sents:
        last = next((t for t in reversed(sent) if not t.is_space), None)
        if last is not None and last.text in question_marks:
            flags[sent.start:sent.end] = [True] * len(sent)
    return flags
