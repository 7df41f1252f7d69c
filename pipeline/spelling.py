"""Stage 3: conservative typo fixing that never breaks a medical word, every fix on record."""
from __future__ import annotations

import importlib.resources
import re
import string
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from pipeline.edits import Node, Outline
from pipeline.model import Document
from pipeline.rules import holds
from pipeline.settings import RULES_DIR, Settings
from pipeline.step import Step

STAGE = "spelling"
SPELLING_DIR = RULES_DIR / "spelling"

# Frequency gates, as wordfreq zipf values (log10 of uses per billion words). Measured in
# eval/spelling/README.md: a lower target gate fixes a few more typos but changes more
# rare correct words.
TARGET_ZIPF = 3.5       # a general-English word a typo may be corrected to
CASE_ZIPF = 3.0         # a lower-case word capitalised at a sentence start
MIN_LENGTH = 4          # shorter words have too many neighbours to correct safely
MAX_ROUNDS = 3          # passes over the changed texts until nothing changes
# A token that is a known word plus one of these endings is an inflection, not a typo.
ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "y", "ies", "al", "ally",
           "ness", "ment", "ments", "ity", "ic", "ist", "ists")
# Nor is a token whose ending differs from the candidate's when both endings are of this
# kind on a known stem ("canceler" is not a typo of "canceled": -er and -ed on "cancel").
SWAP_ENDINGS = frozenset(("s es ed d er ers ing ings ly y ies ied ier iers ion ions or ors "
                          "ive able ible ment ments ness ist ists ism al ally ic ical").split())

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
PROSE = ("paragraph", "item")
# A word: letters not inside a token ("B12", "e-mail", "U.S.", "don't", a path or handle).
# The lookbehind stands after the first letter, still testing the character before the
# word: a pattern that starts with a letter lets the search pass over non-letters without
# trying a match (a quarter faster).
_WORD = re.compile(r"[A-Za-z](?<![\w\-–—/@.’'&+#][A-Za-z])[A-Za-z]*(?![\w\-–—/@+#]|[.’'][A-Za-z0-9])")
_URL = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+|"
    r"\b(?:[\w-]+\.)+(?:com|org|gov|net|edu|int|mil|io|info|health|uk|ca|au|de|nz|us|eu|ch"
    r"|fr|in|ie|co)\b(?:/\S*)?", re.IGNORECASE)
# What every _URL match holds: "://", "www.", "@", or the "." before a domain ending.
# Most texts hold none past their full stops, and _URL, which tries its e-mail and domain
# branches from every character of every word, costs ten times this test.
_URL_HINT = re.compile(r"://|www\.|@|\.[a-z]", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]{0,400}”|\"[^\"\n]{0,400}\"|‘[^’]{0,400}’(?!\w)")
# A match starts where a run of non-space does, or where the previous match ended (after an
# opening quote or bracket): the lookbehind says so, and spares the lazy \S*? a try from
# every character of every word.
_BOUNDARY = re.compile(r"(?:(?<!\S)|(?<=[\"“‘(\[]))"
                       r"(\S*?)([.!?…]+)([\"”’)\]]*)\s+[\"“‘(\[]*(?=[A-Za-z])")
# After a colon or a table cell's " | " separator a capital is a normal start.
_COLON_OR_CELL = re.compile(r"(?::|\s\|)\s+[\"“‘(\[]*(?=[A-Za-z])")
_LEAD = re.compile(r"[\s\"“‘(\[]*")
_TITLE_WORD = re.compile(r"[A-Z][a-z]+")
# A capitalised word or a code of capitals ("FS07 Nerve pain explained"): after one, a
# capital is part of a name. (Not before one: "Vitamin B12" is the usual mid-sentence slip.)
_NAME_BEFORE = re.compile(r"[A-Z][a-z]+|[A-Z]{2,}[0-9]*")
_LABEL = re.compile(r"^([^:.!?]{1,60}):\s")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")
_LOWER_TOKEN = re.compile(r"([a-z]+)([’'][a-z]+)?(?![\w\-/@]|\.\w)")
_CLAUSE = re.compile(r"[^.!?]+")
_INTRO_WORD = re.compile(r"[A-Za-z’']+")
_WORDS = re.compile(r"[A-Za-z][\w’'.-]*")
_GLUED_SENTENCE = re.compile(
    r"(?<![\w.@/’'-])([A-Za-z]?[a-z]+)([.!?])([A-Z][a-z]*)(?=[’'][a-z]|[^\w.@/-]|$)")
_GLUED_CAMEL = re.compile(r"(?<![\w-])([A-Z]?[a-z]{2,})([A-Z][a-z]+)(?![\w-])")
_GLUED_NUMBER = re.compile(r"(?<![\w.,])(\d[\d,]*)([A-Z][a-z]+)(?![\w-])")
# Where one of the three glue patterns could start ("a.B", "aBc" or "1Bc"): the cheap test
# before them. It matches from the middle character, looking back at the first: a pattern
# that starts with one character set lets the engine skip to the few places that hold
# one (three times faster than trying a match at every lower-case letter).
_GLUE_SPOT = re.compile(r"[.!?A-Z](?:(?<=[a-z][.!?])[A-Z]|(?<=[a-z\d,][A-Z])[a-z])")
# A lower-case letter where a sentence may start: the cheap test before sentence_start.
_LOWER_START = re.compile(r"[.!?…][\"”’)\]]*\s+[\"“‘(\[]*[a-z]")
_ENUMERATION = re.compile(r"\(([A-Za-z]+(?:,\s+[A-Za-z]+){2,})\)")
_FINITE = re.compile(r"\b(?:is|are|was|were|can|could|may|might|must|should|will|would|has|"
                     r"have|had|does|do|did)\b", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:who|whom|whose|that|which|where|when|if|so|because|while|"
                          r"although|whether|unless|since|as)\b|,", re.IGNORECASE)
# Spellings that tell British from American text (haem/hem, fibre/fiber, -isation/-ization).
_BRITISH = re.compile(r"aem|oedem|oesoph|paediat|anaesth|fibre|colour|tumour|isation")
# What lower() leaves of the letters IGNORECASE reads as ASCII ones (rules.FOLDS_TO_ASCII):
# ı and ſ as they are, İ as "i" and a combining dot. A text holding one may make any cue.
_FOLDED = re.compile("[\u0131\u017f\u0307]")
_ASCII_WORD = frozenset(string.ascii_letters + string.digits + "_")
_AMERICAN = re.compile(r"\bhem[oa]|anemi|\bedema|esophag|pediat|anesth|fiber|color|tumor|ization")


# --------------------------------------------------------------------------- resources
@dataclass(frozen=True)
class TextRule:
    """A regex fix from a data file, with the examples that test it."""

    name: str
    kind: str
    regex: re.Pattern
    replace: str
    fixes: tuple[tuple[str, str], ...] = ()
    keeps: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()     # lower-case cues, one of which the text must contain
    # Lower-case cues, one of which the article must contain as whole words, a space standing
    # for any run of whitespace: for a rule that would otherwise run on every text.
    article_needs: tuple[str, ...] = ()

    def wanted(self, lowered: str) -> bool:
        # A loop, not any() over a generator: it runs for every rule on every text.
        if not self.needs:
            return True
        for cue in self.needs:
            if cue in lowered:
                return True
        return False

    def in_article(self, lowered: str, squeezed: str | None = None) -> bool:
        """Whether the article's texts (lower-cased, joined) may hold a match, by its cues.

        `squeezed`: `lowered` with each run of whitespace as one space, when the caller has
        it (the scan asks every rule about the same article)."""
        if not self.article_needs or _FOLDED.search(lowered):
            return True
        if squeezed is None:
            squeezed = squeeze(lowered)
        return any(_holds_words(squeezed, n) for n in self.article_needs)

    def apply(self, text: str, style: "Style", masked) -> tuple[str, list[tuple[str, str]]]:
        template = self.replace.replace("{apos}", style.apos).replace("{dash}", style.dash)
        made: list[tuple[str, str]] = []

        def repl(m: re.Match) -> str:
            before = m.group(0)
            if masked(m.start(), m.end()):
                return before
            after = m.expand(template)
            if before[:1].isupper() and after[:1].islower():
                after = after[:1].upper() + after[1:]
            if after != before:
                made.append((before, after))
            return after

        return self.regex.sub(repl, text), made


def squeeze(text: str) -> str:
    """Each run of whitespace as one space (str.split's whitespace is the regex's \\s)."""
    return " ".join(text.split())


def _holds_words(text: str, cue: str) -> bool:
    """Whether `cue` occurs in `text` with no ASCII letter, digit or _ right before or after.

    Each whole-word match of a case-insensitive rule is such an occurrence in the lower-cased
    text: what lower-cases to an ASCII letter is a letter itself (A-Z, the Kelvin sign, İ).
    """
    at = text.find(cue)
    while at != -1:
        end = at + len(cue)
        if (at == 0 or text[at - 1] not in _ASCII_WORD) and \
                (end == len(text) or text[end] not in _ASCII_WORD):
            return True
        at = text.find(cue, at + 1)
    return False


@dataclass(frozen=True)
class Resources:
    """Every word list and rule, loaded once per process."""

    freq: dict[str, float]
    lexicon: frozenset[str]
    protected: frozenset[str]
    misspellings: dict[str, tuple[str, str]]
    units: frozenset[str]
    abbreviations: frozenset[str]
    minor: frozenset[str]
    lowercase_nouns: frozenset[str]
    glue_words: frozenset[str]
    spinners: tuple[TextRule, ...]
    grammar: tuple[TextRule, ...]
    intro: dict
    target_freq: float
    case_freq: float
    lexicon_deletes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The spinner and grammar rules that run on each kind of text, in order (_rules_by_kind).
    by_kind: dict[str, tuple[TextRule, ...]] = field(default_factory=dict)
    # intro_comma's word lists as sets, made once rather than per text.
    intro_words: dict[str, frozenset[str]] = field(default_factory=dict)

    def known(self, lower: str) -> bool:
        return lower in self.freq or lower in self.protected or lower in self.units

    def target(self, lower: str) -> bool:
        return lower in self.lexicon or (self.freq.get(lower, 0.0) >= self.target_freq
                                         and lower.isalpha())


def read_words(path: Path) -> frozenset[str]:
    """A one-word-per-line file, without comments and blank lines, lower-cased."""
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


def _read_pairs(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            wrong, right = line.split("\t")[:2]
            pairs[wrong.strip().lower()] = right.strip()
    return pairs


def codespell_pairs() -> dict[str, str]:
    """codespell's dictionary.txt (CC BY-SA 3.0), read from the installed package.

    Only entries codespell itself would fix automatically: one candidate, no reason.
    """
    data = importlib.resources.files("codespell_lib") / "data" / "dictionary.txt"
    pairs = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.partition("->")
        if right and "," not in right:
            pairs[wrong] = right
    return pairs


def load_rules(path: Path) -> tuple[tuple[TextRule, ...], dict]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = []
    for entry in data.get("rule", []):
        flags = 0 if entry.get("case") else re.IGNORECASE
        rules.append(TextRule(
            name=entry["name"], kind=entry.get("kind", "spinner"),
            regex=re.compile(entry["pattern"], flags), replace=entry["replace"],
            fixes=tuple(tuple(f) for f in entry.get("fixes", ())),
            keeps=tuple(entry.get("keeps", ())), needs=tuple(entry.get("needs", ())),
            article_needs=tuple(entry.get("article_needs", ())),
        ))
    return tuple(rules), {k: v for k, v in data.items() if k != "rule"}


def _rules_by_kind(spinners: tuple[TextRule, ...],
                   grammar: tuple[TextRule, ...]) -> dict[str, tuple[TextRule, ...]]:
    """Spinner rules run on every text but a table cell, grammar rules on prose, and those
    of kind spacing on titles and headings too."""
    out = {}
    for kind in ("title", "heading", "paragraph", "item", "cell"):
        prose = kind in ("paragraph", "item")
        rules = [r for r in spinners if kind != "cell"]
        if prose or kind in ("title", "heading"):
            rules += [r for r in grammar if prose or r.kind == "spacing"]
        out[kind] = tuple(rules)
    return out


def _deletes(word: str, depth: int) -> set[str]:
    out, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


@lru_cache(maxsize=None)
def resources() -> Resources:
    import wordfreq

    freq = wordfreq.get_frequency_dict("en", wordlist="large")
    lexicon = read_words(SPELLING_DIR / "medical_lexicon.txt")
    units = read_words(SPELLING_DIR / "units.txt")
    protected = (lexicon | read_words(SPELLING_DIR / "project_words.txt")
                 | read_words(SPELLING_DIR / "corpus_words.txt"))
    skip = read_words(SPELLING_DIR / "codespell_skip.txt")
    misspellings: dict[str, tuple[str, str]] = {}
    for wrong, right in codespell_pairs().items():
        low = wrong.lower()
        if wrong == low and len(low) >= MIN_LENGTH and low not in skip and low not in protected:
            misspellings[low] = (right, "codespell")
    # The project's own map is curated, so it wins over codespell and over the skip list.
    for wrong, right in _read_pairs(SPELLING_DIR / "known_misspellings.tsv").items():
        if wrong not in protected:
            misspellings[wrong] = (right, "known_misspellings")
    spinners, _ = load_rules(SPELLING_DIR / "spinners.toml")
    grammar, extra = load_rules(SPELLING_DIR / "grammar.toml")
    intro = extra.get("intro_comma", {})
    lexicon_deletes: dict[str, set[str]] = {}
    for word in lexicon:
        if word.isalpha() and len(word) >= 6:
            for d in _deletes(word, 2):
                lexicon_deletes.setdefault(d, set()).add(word)
    return Resources(
        freq=freq, lexicon=lexicon, protected=protected, misspellings=misspellings,
        units=units, abbreviations=read_words(SPELLING_DIR / "abbreviations.txt"),
        minor=read_words(SPELLING_DIR / "minor_words.txt"),
        lowercase_nouns=read_words(SPELLING_DIR / "lowercase_nouns.txt"),
        glue_words=read_words(SPELLING_DIR / "glue_words.txt"),
        spinners=spinners, grammar=grammar, intro=intro,
        target_freq=10 ** (TARGET_ZIPF - 9), case_freq=10 ** (CASE_ZIPF - 9),
        lexicon_deletes={k: tuple(sorted(v)) for k, v in lexicon_deletes.items()},
        by_kind=_rules_by_kind(spinners, grammar),
        intro_words={k: frozenset(intro[k]) for k in ("openers", "imperatives", "objects",
                                                      "blockers") if k in intro},
    )


# ------------------------------------------------------------------------ word fixing
def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    return out


def osa_distance(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment)."""
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def _us_form(word: str) -> str:
    return word.replace("ae", "e").replace("oe", "e")


@lru_cache(maxsize=1 << 16)
def fallback_candidates(lower: str) -> tuple[str, ...]:
    """Targets one edit from an unknown word: same first letter, not an inflection of it."""
    res = resources()
    cands = []
    for c in _edits1(lower):
        if c[0] != lower[0] or not res.target(c) or c in res.misspellings:
            continue
        if lower.startswith(c) and lower[len(c):] in ENDINGS:
            continue
        if _ending_swap(lower, c, res):
            continue
        cands.append(c)
    return tuple(sorted(cands))


def _ending_swap(word: str, cand: str, res: Resources) -> bool:
    for k in range(3, min(len(word), len(cand)) + 1):
        if word[:k] != cand[:k]:
            break
        stem = word[:k]
        if (word[k:] in SWAP_ENDINGS and (cand[k:] in SWAP_ENDINGS or not cand[k:])
                and (stem in res.freq or stem + "e" in res.freq)):
            return True
    return False


@lru_cache(maxsize=1 << 14)
def two_edit_suggestions(lower: str) -> tuple[str, ...]:
    """Lexicon words two edits away: offered to the reviewer, never applied."""
    res = resources()
    found = set()
    for d in _deletes(lower, 2):
        found.update(res.lexicon_deletes.get(d, ()))
    return tuple(sorted(w for w in found if w[0] == lower[0] and osa_distance(lower, w) <= 2))


def match_case(word: str, fix: str) -> str:
    if word[:1].isupper() and not word[1:2].isupper():
        return fix[:1].upper() + fix[1:]
    return fix


# --------------------------------------------------------------------------- context
@dataclass
class Style:
    """What a document already uses, so a fix matches it."""

    apos: str = "'"
    dash: str = "–"
    lower_evidence: dict[str, int] = field(default_factory=dict)
    text: str = ""       # the article's texts, joined
    # Words the prose writes capitalised and never in lower case ("Dr. Feld asked"): names,
    # which a heading's title case would otherwise leave open to a fix.
    names: frozenset[str] = frozenset()
    # _label_case of each list item read so far, by (node, slot, text): every item of a list
    # reads all its siblings' labels.
    label_cases: dict[tuple[int, int, str], bool | None] = field(default_factory=dict)

    @cached_property
    def capitals(self) -> tuple[str, ...]:
        """The lower-case nouns of `lower_evidence` as they look capitalised."""
        return tuple(w.capitalize() for w in self.lower_evidence)

    @cached_property
    def british(self) -> bool:
        # Counted on first use only: few articles have a fix that depends on it.
        return len(_BRITISH.findall(self.text)) > len(_AMERICAN.findall(self.text))


@dataclass
class Unit:
    node: Node
    slot: int | None
    kind: str            # title, heading, paragraph, item or cell
    start: str = ""      # the text when the stage began, as `Scan` saw it


@dataclass
class Scan:
    """What the article's texts hold when the stage starts, found in one pass over all of
    them. A text no fix has changed yet holds nothing else, so a rule whose cue occurs
    nowhere, or a word check with no word to act on, can skip it."""

    cued: frozenset[str]      # rules whose cues occur in some text (or that need none)
    words: tuple[str, ...]    # lower-cased words fix_words acts on: misspelt or unknown
    # For each kind of text, whether each of its rules (by_kind of the resources) is cued.
    cued_by_kind: dict[str, tuple[bool, ...]] = field(default_factory=dict)

    def fresh(self, unit: Unit, text: str) -> bool:
        return text == unit.start


def _prose_words(units: list[Unit]) -> Counter[str]:
    """The words of the paragraphs and list items as `Scan` saw them, counted. Both the
    style and the scan read them: the prose, most of an article, is tokenised once."""
    return Counter(_WORD.findall("\n".join(u.start for u in units if u.kind in PROSE)))


def _scan(units: list[Unit], res: Resources, prose_words: Counter[str]) -> Scan:
    joined = "\n".join(u.start for u in units)
    lowered = joined.lower()
    squeezed = squeeze(lowered)
    cued = frozenset(r.name for r in res.spinners + res.grammar
                     if r.wanted(lowered) and r.in_article(lowered, squeezed))
    # _WORD finds in texts joined by "\n" what it finds in each (no match spans a "\n").
    others = "\n".join(u.start for u in units if u.kind not in PROSE)
    words = {w.lower() for w in set(prose_words).union(_WORD.findall(others))
             if len(w) >= MIN_LENGTH}
    cued_by_kind = {kind: tuple(r.name in cued for r in rules) for kind, rules in res.by_kind.items()}
    # The words not `known` (or known misspellings), by set difference rather than a call per
    # word (about 0.1 ms an article).
    unknown = words.difference(res.freq, res.protected, res.units)
    unknown.update(res.misspellings.keys() & words)     # in C, over the article's words
    return Scan(cued, tuple(sorted(unknown)), cued_by_kind)


class Text:
    """One text being fixed: where sentences start, and what must not be touched."""

    def __init__(self, text: str, res: Resources):
        self.text = text
        self.res = res
        self._masks: list[tuple[int, int]] | None = None
        self._starts: tuple[set[int], set[int]] | None = None

    def masks(self) -> list[tuple[int, int]]:
        if self._masks is None:
            urls = _URL.finditer(self.text) if _URL_HINT.search(self.text) else ()
            self._masks = [m.span() for m in urls]
            self._masks += [m.span() for m in _QUOTED.finditer(self.text)]
        return self._masks

    def masked(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.masks())

    def starts(self) -> tuple[set[int], set[int]]:
        """Offsets of words that start a sentence, and of words after a colon or a " | "
        cell separator (a row of a pipe table the text parser did not take as a table)."""
        if self._starts is None:
            sentence = {_LEAD.match(self.text).end()}
            for m in _BOUNDARY.finditer(self.text):
                prev, punct = m.group(1), m.group(2)
                if _is_abbreviation(prev, punct, self.res):
                    continue
                if punct[-1] in "!?" and m.group(3) and self.text[m.end()].islower():
                    continue    # a quoted question goes on: he said "is it on?" while it was
                sentence.add(m.end())
            colon = {m.end() for m in _COLON_OR_CELL.finditer(self.text)}
            self._starts = (sentence, colon)
        return self._starts


def _is_abbreviation(prev: str, punct: str, res: Resources) -> bool:
    if punct not in (".", "!", "?", "!!", "?!"):
        return True         # an ellipsis continues the sentence
    core = prev.lstrip("(\"“‘[").lower()
    # A number's full stop may be a list marker ("1. Supplements"); a name ending in a
    # digit ("vitamin B12.", "COVID-19.") ends its sentence like any word.
    if punct == "." and (core in res.abbreviations or len(core) <= 1 or core.isdigit()
                         or "." in core):
        return True
    return False


def _doc_style(texts: list[tuple[str, str]], res: Resources,
               prose_words: Counter[str]) -> Style:
    joined = "\n".join(t for _, t in texts)
    style = Style(text=joined)
    style.apos = "’" if joined.count("’") > joined.count("'") else "'"
    style.dash = "—" if " — " in joined and " – " not in joined else "–"
    lower: dict[str, int] = {}
    capital: dict[str, int] = {}
    style.names = frozenset(w for w in prose_words if w[:1].isupper() and w[1:].islower()
                            and w.lower() not in prose_words)
    for w, n in prose_words.items():
        low = w.lower()
        if low in res.lowercase_nouns:
            if w == low:
                lower[low] = lower.get(low, 0) + n
            elif w[1:] == low[1:]:
                capital[low] = capital.get(low, 0) + n
    # Counts capitals at sentence starts too, so the lower-case majority must be clear.
    style.lower_evidence = {w: n for w, n in lower.items() if n >= 2 and n > capital.get(w, 0)}
    return style


# ----------------------------------------------------------------------------- rules
# New text, the (before, after[, rule]) regions changed, and warnings for the reviewer.
Fix = tuple[str, list[tuple[str, ...]], list[str]]


def fix_glued(t: Text, unit: Unit, res: Resources, style: Style) -> Fix:
    """Missing space after a sentence end, and titles glued to the next word."""
    text = t.text
    if not _GLUE_SPOT.search(text):
        return text, [], []
    regions: list[tuple[str, str]] = []

    def sentence(m: re.Match) -> str:
        left, punct, right = m.groups()
        if (t.masked(m.start(), m.end()) or left.lower() in res.abbreviations
                or not res.known(left.lower()) or not res.known(right.lower())):
            return m.group(0)
        after = f"{left}{punct} {right}"
        regions.append((m.group(0), after, "missing_space_after_sentence"))
        return after

    def glued(m: re.Match) -> str:
        left, right = m.groups()
        whole = m.group(0).lower()
        if (right.lower() not in res.glue_words or t.masked(m.start(), m.end())
                or res.known(whole) or (left[0].isalpha() and not res.known(left.lower()))):
            return m.group(0)
        after = f"{left} {right}"
        regions.append((m.group(0), after, "glued_words"))
        return after

    if unit.kind in ("paragraph", "item", "cell"):
        text = _GLUED_SENTENCE.sub(sentence, text)
    text = _GLUED_CAMEL.sub(glued, text)
    text = _GLUED_NUMBER.sub(glued, text)
    return text, regions, []


def fix_words(t: Text, unit: Unit, res: Resources, style: Style) -> Fix:
    """Known misspellings, then one-edit corrections of unknown words, under the guards."""
    text = t.text
    pieces: list[str] = []
    regions: list[tuple[str, str]] = []
    warnings: list[str] = []
    last = 0
    heading = unit.kind in ("title", "heading")
    for m in _WORD.finditer(text):
        word = m.group(0)
        if len(word) < MIN_LENGTH:
            continue
        lower = word.lower()
        known_fix = res.misspellings.get(lower)
        if known_fix is None and res.known(lower):
            continue
        if word != lower:
            if word[1:] != lower[1:]:
                continue                 # acronym or inner capital
            if not heading:
                sentence, colon = t.starts()
                if m.start() not in sentence and m.start() not in colon:
                    continue             # a capitalised word mid-sentence is a name
            elif word in style.names:
                continue
        if t.masked(m.start(), m.end()):
            continue
        if known_fix is not None:
            fix, rule = known_fix
            fix = fix.replace("'", style.apos)
        else:
            # A capitalised word may be a name even at a sentence start ("Smithe said"), so
            # the edit-distance fallback only suggests there; it fixes lower-case words.
            fix, rule = _fallback(lower, style, word, text, m, warnings)
            if fix is None:
                continue
            if word != lower:
                warnings.append(f"spelling: left {word!r} unchanged (capitalised, may be a "
                                f"name), it may be {match_case(word, fix)!r}: "
                                f"{_context(text, m.start(), m.end())}")
                continue
        fixed = match_case(word, fix)
        if fixed == word:
            continue
        pieces.append(text[last:m.start()])
        pieces.append(fixed)
        last = m.end()
        regions.append((word, fixed, rule))
    if not regions:
        return text, [], warnings
    pieces.append(text[last:])
    return "".join(pieces), regions, warnings


def _fallback(lower: str, style: Style, word: str, text: str, m: re.Match,
              warnings: list[str]) -> tuple[str | None, str]:
    cands = fallback_candidates(lower)
    if len(cands) > 1 and len({_us_form(c) for c in cands}) == 1:
        # British and American forms of one word (paraesthesia, paresthesia): the article's.
        cands = tuple(c for c in cands if (c != _us_form(c)) == style.british) or cands
    if len(cands) == 1:
        return cands[0], "frequency_gated_one_edit"
    context = _context(text, m.start(), m.end())
    if cands:
        warnings.append(f"spelling: left {word!r} unchanged, it may be any of "
                        f"{', '.join(cands)}: {context}")
    elif len(lower) >= 6:
        near = two_edit_suggestions(lower)
        if near:
            warnings.append(f"spelling: left {word!r} unchanged, it may be "
                            f"{' or '.join(near)} (two edits away): {context}")
    return None, ""


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def fix_intro_comma(t: Text, unit: Unit, res: Resources, style: Style) -> Fix:
    """"If you suspect a deficiency talk to your doctor": the comma before an imperative."""
    cfg = res.intro
    if not cfg or unit.kind not in ("paragraph", "item") or "you" not in t.text.lower():
        return t.text, [], []
    words = res.intro_words
    openers, verbs = words["openers"], words["imperatives"]
    objects, blockers = words["objects"], words["blockers"]
    text = t.text
    regions = []
    inserts = []
    for s in _CLAUSE.finditer(text):
        sentence = s.group(0)
        if "," in sentence or ";" in sentence:
            continue
        # Most sentences open with no opener: told before reading all their words.
        first = _INTRO_WORD.search(sentence)
        if first is None or first.group(0) not in openers:
            continue
        words = list(_INTRO_WORD.finditer(sentence))
        if len(words) < 6 or words[0].group(0) not in openers or \
                words[1].group(0).lower() != "you" or words[2].group(0).lower() in blockers:
            continue
        for i in range(cfg.get("min_index", 4), len(words) - 1):
            verb, prev, nxt = (words[i].group(0), words[i - 1].group(0).lower(),
                               words[i + 1].group(0).lower())
            if verb.lower() in verbs and nxt in objects:
                at = s.start() + words[i - 1].end()
                if prev not in blockers and not prev.endswith(("ly", "n’t", "n't")) and \
                        not t.masked(at - 1, at + 1):
                    inserts.append(at)
                    regions.append((f"{words[i - 1].group(0)} {verb}",
                                    f"{words[i - 1].group(0)}, {verb}"))
                break
    for at in reversed(inserts):
        text = text[:at] + "," + text[at:]
    return text, regions, []


def fix_sentence_case(t: Text, unit: Unit, res: Resources, style: Style,
                      units: list[Unit], index: int) -> Fix:
    """A lower-case word starting a sentence, a list item or a paragraph gets its capital."""
    if unit.kind not in ("paragraph", "item"):
        return t.text, [], []
    text = t.text
    first = _LEAD.match(text).end()
    if not text[first:first + 1].islower() and not _LOWER_START.search(text):
        return text, [], []     # no lower-case letter where a sentence could start
    sentence, _ = t.starts()
    regions = []
    positions = []
    for start in sorted(sentence):
        if start == first and not _text_start_is_sentence(unit, units, index):
            continue
        m = _LOWER_TOKEN.match(text[start:])
        if not m:
            continue
        word = m.group(1)
        if (word in res.units or word in res.abbreviations
                or not (res.freq.get(word, 0.0) >= res.case_freq or word in res.lexicon)
                or t.masked(start, start + m.end())):
            continue
        positions.append((start, m.group(0)))
    for start, token in reversed(positions):
        text = text[:start] + token[0].upper() + text[start + 1:]
    regions = [(tok, tok[0].upper() + tok[1:]) for _, tok in positions]
    return text, regions, []


def _text_start_is_sentence(unit: Unit, units: list[Unit], index: int) -> bool:
    if unit.kind == "item":
        others = [s for i, s in enumerate(unit.node.slots) if s and i != unit.slot]
        initials = [s.lstrip("\"“‘(")[:1] for s in others]
        letters = [c for c in initials if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)
    if index == 0:
        return True
    prev = units[index - 1]
    if prev.kind in ("title", "heading"):
        return True
    prev_text = _current(prev).rstrip("\"”’) ")
    return prev_text.endswith((".", "!", "?", ":"))


def _current(unit: Unit) -> str:
    return unit.node.text if unit.slot is None else (unit.node.slots[unit.slot] or "")


def fix_midsentence_capital(t: Text, unit: Unit, res: Resources, style: Style) -> Fix:
    """"acid, Vitamin B12 facilitates": a common noun the article otherwise writes in lower case."""
    if unit.kind not in ("paragraph", "item") or not any(
            w in t.text for w in style.capitals):
        return t.text, [], []
    text = t.text
    label = _LABEL.match(text) if unit.kind == "item" else None
    skip_to = label.end() if label and len(label.group(1).split()) <= 8 else 0
    positions = []
    for m in _capitalised_nouns(text, skip_to, style.capitals):
        word = m.group(0)
        if m.start() == skip_to:
            continue
        sentence, colon = t.starts()     # only now: most texts have no word that gets here
        if m.start() in sentence or m.start() in colon or t.masked(m.start(), m.end()):
            continue
        before = text[:m.start()].split()
        after = text[m.end():].split()[:2]
        if before and _NAME_BEFORE.fullmatch(before[-1].strip("(,;\"“")):
            continue
        if any(_TITLE_WORD.fullmatch(w.strip(".,;:)\"”")) for w in after):
            continue
        positions.append((m.start(), word))
    for start, word in reversed(positions):
        text = text[:start] + word.lower() + text[start + len(word):]
    return text, [(w, w.lower()) for _, w in positions], []


def _capitalised_nouns(text: str, start: int, capitals: tuple[str, ...]) -> list[re.Match]:
    """The words (_WORD matches) from `start` that are one of `capitals`, in text order.

    Found with str.find, then checked as whole words: walking every word of the text was
    the slow part, and a word is a lower-case noun of the article capitalised exactly when
    it is one of `capitals`.
    """
    found: dict[int, re.Match] = {}
    for capital in capitals:
        at = text.find(capital, start)
        while at != -1:
            m = _WORD.match(text, at)      # the lookbehind still sees the text before `at`
            if m and m.group(0) == capital:
                found[at] = m
            at = text.find(capital, at + 1)
    return [found[at] for at in sorted(found)]


def _major_words(label: str, res: Resources) -> list[str]:
    words = [w.rstrip(".") for w in _WORDS.findall(label)]
    return [w for w in words if w.lower() not in res.minor and w[:1].isalpha()]


def _is_title_label(label: str, res: Resources) -> bool:
    major = _major_words(label, res)
    return len(major) >= 2 and all(w[0].isupper() for w in major)


def _label_case(node: Node, slot: int, item: str, res: Resources, style: Style) -> bool | None:
    """Whether a list item's label has all its major words capitalised; None when it has no
    label of two or more major words."""
    key = (id(node), slot, item)
    if key not in style.label_cases:
        label = _LABEL.match(item)
        major = _major_words(label.group(1), res) if label else []
        style.label_cases[key] = all(w[0].isupper() for w in major) if len(major) >= 2 else None
    return style.label_cases[key]


def fix_label_case(t: Text, unit: Unit, res: Resources, style: Style) -> Fix:
    """A list label that breaks the title case all its sibling labels share."""
    if unit.kind != "item":
        return t.text, [], []
    text = t.text
    label = _LABEL.match(text)
    if not label:
        return text, [], []
    # The sibling labels that have two or more major words (_is_title_label's test).
    others = [case for case in (_label_case(unit.node, i, s, res, style)
                                for i, s in enumerate(unit.node.slots) if s and i != unit.slot)
              if case is not None]
    titled = sum(others)
    # Most siblings set the pattern; one other odd label (fixed in its own turn) may remain.
    if titled < 2 or titled < 3 * (len(others) - titled):
        return text, [], []
    regions = []
    out = label.group(1)
    for m in reversed(list(_LOWER_WORD.finditer(out))):
        word = m.group(0)
        if word in res.minor or word in res.units or not res.known(word):
            continue
        out = out[:m.start()] + word[0].upper() + word[1:] + out[m.end():]
        regions.insert(0, (word, word[0].upper() + word[1:]))
    if not regions:
        return text, [], []
    return out + text[label.end(1):], regions, []


def fix_enumeration_case(t: Text, unit: Unit, res: Resources, style: Style) -> Fix:
    """"Fish (Salmon, tuna, Trout)" in a title-cased list: the odd one out takes the capital."""
    if unit.kind != "item" or ":" in t.text or len(t.text.split()) > 10:
        return t.text, [], []
    text = t.text
    regions = []
    for m in _ENUMERATION.finditer(text):
        outside = text[:m.start()] + text[m.end():]
        if not _is_title_label(outside + " X", res) and not \
                all(w[0].isupper() for w in _major_words(outside, res)):
            continue
        members = [w.strip() for w in m.group(1).split(",")]
        lower = [w for w in members if w.islower()]
        if len(lower) != 1 or not all(w[0].isupper() and w[1:].islower()
                                      for w in members if w not in lower):
            continue
        word = lower[0]
        if not res.known(word) or word in res.minor:
            continue
        start = text.index(word, m.start())
        regions.append((word, word.capitalize()))
        text = text[:start] + word.capitalize() + text[start + len(word):]
    return text, regions, []


def fix_final_stop(t: Text, unit: Unit, res: Resources, style: Style,
                   units: list[Unit], index: int) -> Fix:
    """A paragraph that is a whole sentence but lacks its full stop."""
    text = t.text
    if unit.kind != "paragraph" or not text or not text[-1].isalpha():
        return text, [], []
    words = text.split()
    if len(words) < 6 or not text[0].isupper() or not _FINITE.search(text):
        return text, [], []
    if _is_title_label(text, res) or t.masked(len(text) - 1, len(text)):
        return text, [], []
    verb = _FINITE.search(text)
    if _SUBORDINATE.search(text, 0, verb.start()) or ":" in text[:verb.start()]:
        return text, [], []      # the verb is in a clause of a fragment ("Pain that is worse")
    nxt = units[index + 1] if index + 1 < len(units) else None
    if nxt is not None and nxt.kind == "item":
        return text, [], []      # a lead-in to the list that follows
    return text + ".", [(words[-1], words[-1] + ".")], []


# ------------------------------------------------------------------------------ stage
def _kind(node: Node) -> str:
    if node.kind in ("title", "heading"):
        return node.kind
    return {"paragraph": "paragraph", "list": "item"}.get(node.block.type, "cell")


def _set(unit: Unit, text: str) -> None:
    if unit.slot is None:
        unit.node.text = text
    else:
        unit.node.slots[unit.slot] = text


def correct_text(outline: Outline, units: list[Unit], index: int, res: Resources,
                 style: Style, scan: Scan, warnings: list[str]) -> None:
    """Run every rule over one text, recording each change on the outline."""
    unit = units[index]

    def run(kind: str, rule: str, fixed: Fix, text_obj: Text) -> Text:
        new, regions, notes = fixed
        warnings.extend(notes)
        if new == text_obj.text or not regions:
            return text_obj
        # A region may name its own rule (the word list behind a spelling fix).
        names = [region[2] if len(region) > 2 else rule for region in regions]
        if len(set(names)) == 1:
            outline.rewrite(unit.node, unit.slot, new, kind, names[0],
                            regions=[(r[0], r[1]) for r in regions])
        else:
            for region, name in zip(regions, names):
                outline.record(unit.node, unit.slot, kind, name, region[0], region[1])
            outline.rewrite(unit.node, unit.slot, new, kind, rule, regions=[])
        return Text(new, res)

    t = Text(_current(unit), res)
    t = run("spacing", "glued_words", fix_glued(t, unit, res, style), t)
    # The cues are read on the text as it is before the first rule runs.
    lowered = t.text.lower()
    fresh = scan.fresh(unit, t.text)
    for rule, cued in zip(res.by_kind[unit.kind], scan.cued_by_kind[unit.kind]):
        # A text as the scan saw it (no rule has changed it yet) holds no cue the article lacks.
        if (fresh and not cued) or not rule.wanted(lowered):
            continue
        t = run(rule.kind, rule.name, (*rule.apply(t.text, style, t.masked), []), t)
        fresh = fresh and scan.fresh(unit, t.text)
    t = run("grammar", "comma_after_introductory_clause",
            fix_intro_comma(t, unit, res, style), t)
    # A text as the scan saw it holds a word to act on only if it holds one of scan.words.
    if not scan.fresh(unit, t.text) or (scan.words and holds(t.text.lower(), scan.words)):
        t = run("spelling", "words", fix_words(t, unit, res, style), t)
    t = run("case", "sentence_start", fix_sentence_case(t, unit, res, style, units, index), t)
    t = run("case", "lowercase_nouns", fix_midsentence_capital(t, unit, res, style), t)
    t = run("case", "label_title_case", fix_label_case(t, unit, res, style), t)
    t = run("case", "enumeration_case", fix_enumeration_case(t, unit, res, style), t)
    run("grammar", "missing_full_stop", fix_final_stop(t, unit, res, style, units, index), t)


def correct_spelling(doc: Document, settings: Settings) -> Document:
    """The spelling stage: a new Document with fixes applied and recorded, input untouched."""
    if not settings.spelling:
        return doc
    res = resources()
    outline = Outline(doc.title, doc.sections, STAGE)
    units = [Unit(node, slot, _kind(node), text) for node, slot, text in outline.texts()]
    prose_words = _prose_words(units)
    style = _doc_style([(u.kind, u.start) for u in units], res, prose_words)
    scan = _scan(units, res, prose_words)
    notes: list[str] = []
    todo = list(range(len(units)))
    for _ in range(MAX_ROUNDS):
        changed: set[int] = set()
        for index in todo:
            before = _current(units[index])
            correct_text(outline, units, index, res, style, scan, notes)
            if _current(units[index]) != before:
                changed.add(id(units[index].node))
        if not changed:
            break
        # One fix can enable another: in the same text (a corrected word completes a
        # spinner phrase) or next to it (list labels, the start of the next paragraph).
        # Running again until nothing changes makes the stage idempotent.
        todo = [i for i, u in enumerate(units) if id(u.node) in changed
                or (i > 0 and id(units[i - 1].node) in changed)]
    warnings = list(doc.warnings) + list(dict.fromkeys(notes))
    title, sections, edits = outline.to_sections()
    return Document(doc.id, doc.source, doc.raw, title, doc.metadata, sections, [],
                    doc.edits + edits, warnings)


class Spelling(Step):
    name = STAGE
    # Word lists and cues are English: other articles pass through untagged (and flagged).
    languages = ("en",)

    def process(self, doc: Document) -> Document:
        return correct_spelling(doc, self.settings)

    def load(self) -> None:
        resources()


# ----------------------------------------------------------------------- corpus words
def corpus_words(docs: list[Document], min_docs: int = 2) -> list[str]:
    """Words no dictionary knows that `min_docs` or more articles use: not typos."""
    res = resources()
    seen: dict[str, set[str]] = {}
    for doc in docs:
        for _, _, text in Outline(doc.title, doc.sections, STAGE).texts():
            for m in _WORD.finditer(text):
                low = m.group(0).lower()
                if len(low) >= MIN_LENGTH and not res.known(low):
                    seen.setdefault(low, set()).add(doc.id)
    return sorted(w for w, ids in seen.items() if len(ids) >= min_docs)


def write_corpus_words(raw_dir: Path, settings: Settings | None = None) -> Path:
    """Regenerate corpus_words.txt from the articles in raw_dir (after extract and clean)."""
    from pipeline.clean import clean
    from pipeline.extract import Extract, read_source
    from pipeline.settings import RAW_SUFFIXES

    extract = Extract(settings or Settings())
    docs = [clean(extract.process(read_source(p))) for p in sorted(raw_dir.iterdir())
            if p.is_file() and p.suffix.lower() in RAW_SUFFIXES]
    path = SPELLING_DIR / "corpus_words.txt"
    header = ("# Words that no dictionary of the stage knows but two or more articles of the\n"
              "# corpus use, so they are not typos. Generated: python -m pipeline.spelling "
              "--corpus-words raw\n")
    path.write_text(header + "".join(w + "\n" for w in corpus_words(docs)), encoding="utf-8")
    resources.cache_clear()
    fallback_candidates.cache_clear()
    return path


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--corpus-words":
        print(write_corpus_words(Path(sys.argv[2])))
    else:
        print("usage: python -m pipeline.spelling --corpus-words RAW_DIR", file=sys.stderr)
        sys.exit(2)
