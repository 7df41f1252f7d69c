"""Loading the claim tagger's cue lists and patterns from pipeline/rules/claims/."""
from __future__ import annotations

import json
import re
import sys
import tomllib
from functools import lru_cache
from typing import Any

import wordfreq

from pipeline.rules import FOLDS_TO_ASCII
from pipeline.settings import RULES_DIR

try:    # Python's own regex parser, private: used only to skip hopeless searches
    import re._constants as _c
    import re._parser as _parser
except ImportError:         # another Python: no prefilter, same matches
    _c = _parser = None

CLAIM_RULES_DIR = RULES_DIR / "claims"


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict[str, Any]:
    return tomllib.loads((CLAIM_RULES_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_patterns(name: str) -> tuple[dict[str, Any], ...]:
    """A JSON Lines file of {"label", "pattern", ...}; lines starting with // are comments."""
    entries = []
    for number, line in enumerate((CLAIM_RULES_DIR / name).read_text(encoding="utf-8")
                                  .splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            entries.append(json.loads(line))
        except ValueError as exc:
            raise ValueError(f"{name}:{number}: {exc}") from exc
    return tuple(entries)


@lru_cache(maxsize=None)
def load_words(name: str) -> tuple[str, ...]:
    """A one-entry-per-line file without comments (#) and blank lines, order kept."""
    lines = (CLAIM_RULES_DIR / name).read_text(encoding="utf-8").splitlines()
    return tuple(ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


Needles = frozenset[str]


_VOCABULARY: list[tuple[str, float]] = []
_SHARE: dict[str, float] = {}
_LETTERS = re.compile(r"[^\W\d_]+")


def _share(letters: str) -> float:
    """About how often a run of letters occurs in English text: the summed frequencies of
    the 5,000 commonest words that contain it (wordfreq)."""
    if letters not in _SHARE:
        if not _VOCABULARY:
            _VOCABULARY.extend((w, wordfreq.word_frequency(w, "en"))
                               for w in wordfreq.top_n_list("en", 5000))
        _SHARE[letters] = sum(f for w, f in _VOCABULARY if letters in w) + 1e-7
    return _SHARE[letters]


def _cost(needles: Needles) -> float:
    """How often a text holds one of the needles (an estimate: each needle is as common as
    its rarest run of letters; one with no letters is taken as always there)."""
    return sum(min((_share(w) for w in _LETTERS.findall(n)), default=1.0) for n in needles)


def _better(a: Needles | None, b: Needles | None) -> Needles | None:
    """The more selective of two needle sets: the one texts hold less often."""
    if a is None or b is None:
        return a if b is None else b
    return a if _cost(a) <= _cost(b) else b


def _needles_of(items) -> Needles | None:
    """Strings one of which every match of the parsed pattern `items` contains, lowercased
    (None when nothing is certain). Only ASCII literals count: under IGNORECASE some other
    characters match ASCII letters (the Kelvin sign matches "k")."""
    best: Needles | None = None
    run: list[str] = []

    def end_run() -> None:
        nonlocal best
        if run:
            best = _better(best, frozenset(["".join(run).lower()]))
            run.clear()

    for op, arg in items:
        if op is _c.LITERAL and arg < 128:
            run.append(chr(arg))
            continue
        end_run()
        found: Needles | None = None
        if op is _c.BRANCH:
            alternatives = [_needles_of(alt) for alt in arg[1]]
            if all(a is not None for a in alternatives):
                found = frozenset().union(*alternatives)
        elif op is _c.SUBPATTERN:
            found = _needles_of(arg[3])
        elif op is _c.ATOMIC_GROUP:
            found = _needles_of(arg)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found = _needles_of(arg[2])
        # Anything else (classes, anchors, lookarounds, back references) promises nothing.
        best = _better(best, found)
    end_run()
    return best


def required_needles(pattern: str) -> Needles | None:
    """Lowercase strings one of which the lowercased text contains wherever `pattern`
    matches it (case-insensitively, on ASCII text), or None when no such set is known."""
    if _parser is None:
        return None
    try:
        needles = _needles_of(_parser.parse(pattern, re.IGNORECASE).data)
    except Exception:           # an internal parser we only use to go faster
        return None
    if not needles or not all(needles):
        return None
    # A needle that holds another adds nothing: "a day" is found wherever "day" is.
    return frozenset(n for n in needles if not any(m != n and m in n for m in needles))


_NOT_KEPT = object()


class CaselessRegex:
    """A regex matched case-insensitively. On ASCII text it runs case-sensitively on the
    lowercased text, which gives the same matches at the same places (ASCII case folding
    keeps every character in place) about twice as fast as re.IGNORECASE. Match objects
    then hold the lowercased text: take what was written from the text by position.

    Before that, a text that contains none of the strings every match must contain
    (required_needles) is not searched: most texts, for a long alternation of phrases."""

    _ESCAPE = re.compile(r"\\.")
    # Results kept per pattern for the texts searched last: the dosage parser searches a
    # unit's text and its parts with the same pattern again and again (about 245 searches
    # and 164 finditer calls a real-weight page, of 43 and 35 distinct texts). A match
    # object is immutable, so the same one serves each repeat.
    KEPT = 32

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.caseless = re.compile(pattern, re.IGNORECASE)
        # An uppercase letter or an inline flag in the pattern could not match lowered text.
        plain = self._ESCAPE.sub("", pattern)
        foldable = not re.search(r"[A-Z]|\(\?[a-z-]", plain)
        self.lowered = re.compile(pattern) if foldable else None
        # Commonest first: a text that holds one is let through soonest.
        self.needles = tuple(sorted(required_needles(pattern) or (),
                                    key=lambda n: (-_cost(frozenset([n])), n))) \
            if foldable else ()
        self.branches = Branches.of(pattern) if self.needles else None
        self._searches: dict[str, re.Match | None] = {}
        self._iterations: dict[tuple[str, int, int], tuple[re.Match, ...]] = {}

    def _absent(self, lowered: str) -> bool:
        """No needle in the lowered text: the pattern cannot match it."""
        for needle in self.needles:
            if needle in lowered:
                return False
        return bool(self.needles)

    def _absent_unicode(self, text: str) -> bool:
        """For a text that is not ASCII: no needle in it, read case-insensitively. Only four
        letters does IGNORECASE read as ASCII ones (FOLDS_TO_ASCII); in a text without them,
        a match's ASCII literals are ASCII characters of the text, which lower() keeps in a
        run. The search itself stays case-insensitive on the text (µ matches μ)."""
        if not self.needles or FOLDS_TO_ASCII.search(text):
            return False
        return self._absent(text.lower())

    def search(self, text: str, lowered: str | None = None) -> re.Match | None:
        """`lowered`: text.lower() when the caller has it already (several searches). The
        match depends on the text alone: a search given `lowered` serves one that is not."""
        found = self._searches.get(text, _NOT_KEPT)
        if found is _NOT_KEPT:
            if len(self._searches) >= self.KEPT:
                self._searches.clear()
            found = self._searches[text] = self._search(text, lowered)
        return found

    def matches(self, text: str, lowered: str | None = None) -> bool:
        """search(text) is not None, sooner for a long union of phrases: the alternatives
        whose needles the text holds are tried until one matches, without the search for
        where the first match starts (a yes-or-no test needs no match)."""
        found = self._searches.get(text, _NOT_KEPT)
        if found is not _NOT_KEPT:
            return found is not None
        if self.branches is None or not text.isascii():
            return self.search(text, lowered) is not None
        if lowered is None:
            lowered = text.lower()
        return not self._absent(lowered) and self.branches.any_match(lowered)

    def _search(self, text: str, lowered: str | None) -> re.Match | None:
        if self.lowered is None:
            return self.caseless.search(text)
        if not text.isascii():
            return None if self._absent_unicode(text) else self.caseless.search(text)
        if lowered is None:
            lowered = text.lower()
        if self._absent(lowered):
            return None
        if self.branches is None:
            return self.lowered.search(lowered)
        start = self.branches.first_start(lowered)
        # No branch matches before `start`, so the whole pattern's search from there gives
        # the match a search from 0 gives (look-behinds and \b still see the text before
        # it); only the match's `pos` says where the search began.
        return None if start is None else self.lowered.search(lowered, start)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        key = (text, pos, endpos)
        found = self._iterations.get(key)
        if found is None:
            if len(self._iterations) >= self.KEPT:
                self._iterations.clear()
            found = self._iterations[key] = tuple(self._finditer(text, pos, endpos))
        return iter(found)

    def _finditer(self, text: str, pos: int, endpos: int):
        if self.lowered is not None and text.isascii():
            lowered = text.lower()
            if self._absent(lowered):
                return iter(())
            return self.lowered.finditer(lowered, pos, endpos)
        if self.lowered is not None and self._absent_unicode(text):
            return iter(())
        return self.caseless.finditer(text, pos, endpos)


def top_level_branches(pattern: str) -> list[str]:
    """`pattern` cut at each "|" outside groups and character classes."""
    pieces, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":                           # a class: "]" first in it is a literal
            i += 1
            if pattern.startswith("^", i):
                i += 1
            if pattern.startswith("]", i):
                i += 1
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            pieces.append(pattern[start:i])
            start = i + 1
        i += 1
    pieces.append(pattern[start:])
    return pieces


class Branches:
    """The top-level alternatives of a long union of phrase regexes (the dosage rules'
    frequency and duration unions), each with its needles. A text that passes the union's
    needle test mostly holds the needles of one or two alternatives; searching only those
    skips the others' look-behinds and alternations at every position, which cost most of
    the union's search (about 110-150 us a unit against 40-65)."""

    MIN_BRANCHES = 8

    def __init__(self, branches: list[tuple[re.Pattern, Needles | None]]):
        self.regexes = [regex for regex, _ in branches]
        # Alternatives by their position in the union.
        self.always = [k for k, (_, needles) in enumerate(branches) if needles is None]
        self.by_needle: dict[str, list[int]] = {}
        for k, (_, needles) in enumerate(branches):
            for needle in needles or ():
                self.by_needle.setdefault(needle, []).append(k)
        # A needle that holds another ("a day" holds "day") can be in a text only where that
        # one is: it is tested only then, which skips most needles of most texts. Its parent
        # is the longest needle it holds.
        children: dict[str | None, list[str]] = {}
        for needle in self.by_needle:
            inner = [n for n in self.by_needle if n != needle and n in needle]
            children.setdefault(max(inner, key=len) if inner else None, []).append(needle)

        def tree(parent: str | None) -> tuple:
            return tuple((n, self.by_needle[n], tree(n)) for n in children.get(parent, ()))
        self.roots = tree(None)

    @classmethod
    def of(cls, pattern: str) -> Branches | None:
        """None when the pattern has few alternatives, or ones that cannot be searched
        alone (a back reference or a group condition may name another's group)."""
        pieces = top_level_branches(pattern)
        if len(pieces) < cls.MIN_BRANCHES or re.search(r"\\[1-9]|\(\?P=|\(\?\(", pattern):
            return None
        return cls([(re.compile(p), required_needles(p)) for p in pieces])

    def holding(self, lowered: str) -> set[int]:
        """The positions of the alternatives whose needles the lowered text holds: the
        others cannot match it."""
        held = set(self.always)
        found = [self.roots]
        while found:
            for needle, holders, inner in found.pop():
                if needle in lowered:
                    held.update(holders)
                    if inner:
                        found.append(inner)
        return held

    def any_match(self, lowered: str) -> bool:
        """One of the alternatives matches somewhere in the lowered text (the union does)."""
        regexes = self.regexes
        return any(regexes[k].search(lowered) for k in self.holding(lowered))

    def first_start(self, lowered: str) -> int | None:
        """Where the first match of any alternative begins in the lowered text (None:
        nowhere)."""
        regexes = self.regexes
        return min((m.start() for m in (regexes[k].search(lowered) for k in self.holding(lowered))
                    if m), default=None)


def compile_regex(pattern: str) -> CaselessRegex:
    """Every phrase regex in the data is matched case-insensitively on whole words."""
    return CaselessRegex(pattern)
