"""Loading the data files under pipeline/rules/ into compiled, named rules."""
from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.settings import RULES_DIR

# The non-ASCII letters IGNORECASE matches to ASCII ones (ſ to s, K to k); tests check the list.
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    section: str                    # "inline", "line" or "lead"
    regex: re.Pattern
    replace: str = ""
    takes: str = ""
    target: str = ""
    guard: bool = True              # line rules: keep long sentences with health words
    triggers: tuple[str, ...] = ()  # inline rules run only on texts holding one of these
    max_length: int = 0             # inline rules: or on texts this short (0: no such case)
    in_tables: bool = True          # inline rules: also on table cells
    removes: tuple[str, ...] = field(default=())
    keeps: tuple[str, ...] = field(default=())

    def substitute(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """Apply an inline rule; return the new text and each (before, after) it made."""
        made: list[tuple[str, str]] = []

        def repl(match: re.Match) -> str:
            before = match.group(0)
            after = html.unescape(before) if self.replace == "{unescape}" else self.replace
            if after != before:
                made.append((before, after))
            return after

        return self.regex.sub(repl, text), made

    def may_match(self, text: str, triggers: tuple[str, ...] | None = None) -> bool:
        """A cheap test before the regex: most texts hold none of a rule's trigger strings.

        `triggers`: only these of the rule's (those its article holds, from triggers_in).
        """
        if not self.triggers and not self.max_length:
            return True
        if triggers is None:
            triggers = self.triggers
        if self.section in ("line", "meta"):
            return holds_trigger(text, triggers)
        return (0 < len(text) <= self.max_length) or holds(text, triggers)

    def triggers_in(self, texts: str) -> tuple[str, ...] | None:
        """The triggers `texts` (many, joined) holds, all any one text of them may hold; None
        when it holds none and length decides nothing, so no text of them needs the rule."""
        found = tuple(t for t in self.triggers if t in texts)
        return None if self.triggers and not found and not self.max_length else found

    def matches(self, text: str) -> bool:
        return bool(self.regex.match(text.strip()))


@lru_cache(maxsize=None)
def cleaning_data() -> dict:
    """cleaning.toml as parsed, read once: its rules and its other sections."""
    return tomllib.loads((RULES_DIR / "cleaning.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def cleaning_rules() -> dict[str, tuple[Rule, ...]]:
    data = cleaning_data()
    parts = data.get("patterns", {})
    out: dict[str, tuple[Rule, ...]] = {}
    for section in ("inline", "line", "lead", "meta", "move"):
        rules = []
        # Meta and move rules tell names and sentence starts by capitals: case-sensitive.
        flags = re.DOTALL if section in ("meta", "move") else re.IGNORECASE | re.DOTALL
        for entry in data.get(section, []):
            rules.append(Rule(
                name=entry["name"], kind=entry.get("kind", "moved_to_metadata"), section=section,
                regex=re.compile(expand_parts(entry["pattern"], parts), flags),
                replace=entry.get("replace", ""), takes=entry.get("takes", ""),
                target=entry.get("target", ""), guard=entry.get("guard", True),
                triggers=tuple(entry.get("triggers", ())), max_length=entry.get("max_length", 0),
                in_tables=entry.get("in_tables", True),
                removes=tuple(entry.get("removes", ())), keeps=tuple(entry.get("keeps", ())),
            ))
        out[section] = tuple(rules)
    return out


_PART = re.compile(r"<<(\w+)>>")


def expand_parts(pattern: str, parts: dict[str, str]) -> str:
    """The pattern with each <<name>> replaced by cleaning.toml's [patterns] entry `name`."""
    def part(match: re.Match) -> str:
        if match.group(1) not in parts:
            raise ValueError(f"cleaning.toml: no [patterns] entry {match.group(1)!r}")
        return f"(?:{parts[match.group(1)]})"
    return _PART.sub(part, pattern)


def holds_trigger(text: str, triggers: tuple[str, ...]) -> bool:
    """Whether a case-insensitive rule with these lower-case triggers may match the text.

    `in` on the lower-cased text, many times faster than an IGNORECASE regex; a text with
    a letter IGNORECASE reads as an ASCII one (ſ as s) may match whatever it holds.
    """
    if FOLDS_TO_ASCII.search(text):
        return True
    return holds(text.lower(), triggers)


def holds(text: str, strings: tuple[str, ...]) -> bool:
    """Whether the text holds one of the strings: any() without a generator, run per text."""
    for s in strings:
        if s in text:
            return True
    return False


def lowered_triggers(texts: str, triggers: tuple[str, ...]) -> tuple[str, ...]:
    """The lower-case triggers `texts` (many, joined) holds: holds_trigger needs no others."""
    lowered = texts.lower()
    return tuple(t for t in triggers if t in lowered)


@lru_cache(maxsize=None)
def section_triggers(section: str) -> tuple[str, ...]:
    """Every trigger of a section's rules: a text with none needs only the rules that have none."""
    return tuple(dict.fromkeys(t for r in cleaning_rules()[section] for t in r.triggers))


@lru_cache(maxsize=None)
def any_line_rule(triggered: bool = False) -> re.Pattern:
    """Line rules in one regex: one C-level match tells most sentences are not furniture.

    Those without triggers (they start at a fixed word: quick to fail), or those with.
    """
    rules = [r for r in cleaning_rules()["line"] if bool(r.triggers) == triggered]
    return re.compile("|".join(f"(?:{r.regex.pattern})" for r in rules),
                      re.IGNORECASE | re.DOTALL)


@lru_cache(maxsize=None)
def any_meta_rule() -> re.Pattern:
    """Meta rules in one regex (their groups unnamed): one C-level match tells a part of a
    line is no byline furniture, where trying each rule took a match a rule."""
    patterns = (re.sub(r"\(\?P<\w+>", "(?:", r.regex.pattern) for r in cleaning_rules()["meta"])
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.DOTALL)


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """A one-word-per-line data file, without comments and blank lines, lowercased."""
    lines = (RULES_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))
