"""The dosage parser: amounts, units, frequency, route, duration, population and substance."""
from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import wordfreq

from spacy.attrs import IDX, LENGTH, LIKE_NUM, LOWER, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline.claim_lexicon import (UnitAttrs, is_leadin, register_unit_extensions, unit_lists,
                                    unit_text, unit_token_columns, unit_words_and_tags)
from pipeline.claim_rules import compile_regex, load_toml

_HYPHENS = ("-", "‑", "–")
_HEADER_WORD = re.compile(r"[\w'’]+")


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Token i is a hyphen with no space on either side ("B12-rich", "1,000-microgram")."""
    return 0 < i < len(doc) and doc[i].text in _HYPHENS \
        and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _header_words(header_cell: str) -> list[str]:
    """A header cell's words, lowercased ("First course (adults and children)")."""
    return _HEADER_WORD.findall(header_cell.lower())

DOSAGE_KEYS = ("amount", "unit", "frequency", "route", "duration", "population", "substance")
# The parts that say how a regimen is taken (population and substance say who and what).
_REGIMEN_PARTS = ("amount", "frequency", "route", "duration")
_WORD = re.compile(r"[\w.]+(?:[-'’][\w.]+)*|[^\w\s]")
# The words and commas between two amounts that share a frequency (DosageParser._joins_amounts).
_GAP_TOKEN = re.compile(r"[\w.’'()-]+|,")
_CELL_SEPARATOR = " | "
_LETTERS = re.compile(r"[^\W\d_]+")
# A bracket opening an equivalent name: "Turmeric (curcumin)", "vitamin B12 (as methylcobalamin)".
_BRACKET_OPEN = re.compile(r"\(\s*(?:as\s+)?")
_BRACKET_OPEN_AT_END = re.compile(_BRACKET_OPEN.pattern + "$")
_ASCII_DIGIT = re.compile(r"[0-9]")
_LAST_WORD = re.compile(r"\b(\w+)\s+$")
# Before another substance with a frequency of its own (DosageParser._attach): "..., and".
_OWN_SUBSTANCE_JOINER = re.compile(r"(?:,|\band|\bor|\bwhile|\bwhereas)\s*$")
# A number or range opening a table cell, and the word after it (which must not be a unit).
_BARE_NUMBER = re.compile(r"\s*(\d[\d,]*(?:\.\d+)?)"
                          r"(?:\s*(?:-|–|to)\s*(\d[\d,]*(?:\.\d+)?))?(?![\d.,%])\s*([^\W\d_]*)")
AS_WRITTEN = "as_written"
SUBSTANCE_SPANS = "substance_spans"        # doc.user_data keys
AMOUNT_STARTS = "amount_starts"
CONTEXT_PARTS = "dosage_context_parts"
MENTIONS = "dosage_mentions"    # {kind: the doc's mentions of that kind} (per_doc)
MAX_CACHED_WORDS = 200_000
FOOD_TAG = ":food"          # in token.tag_ when a food word list matched (claim_lexicon)
POPULATION_TAG = ":population"      # likewise for the population word list


def per_doc(method):
    """A DosageParser method of the unit's doc alone (its mentions of one kind), computed
    once per doc and kept in its user_data: the parser asks again for each table cell and
    segment of a unit, and for each item under a context (about a third of its calls).
    Callers read the list and its mentions and change neither."""
    name = method.__name__

    @functools.wraps(method)
    def cached(self, doc: Doc) -> list:
        kept = doc.user_data.setdefault(MENTIONS, {})
        found = kept.get(name)
        if found is None:
            found = kept[name] = method(self, doc)
        return found
    return cached


@dataclass
class Mention:
    kind: str           # amount, route, frequency, duration, level, substance, population
    start: int          # character offsets in the doc text
    end: int
    value: Any
    unit: str | None = None
    yields: bool = False    # a duration that gives way to a stated one ("until ...", "at first")
    named: bool = False     # a length that counts only before a substance or form named


@dataclass
class Regimen:
    position: int           # where its anchor (amount, route or frequency) starts
    sentence: int
    end: int = 0            # where its anchor ends
    parts: dict[str, Any] = field(default_factory=lambda: dict.fromkeys(DOSAGE_KEYS))
    yielding: set[str] = field(default_factory=set)     # parts a stated one replaces
    first: int = -1         # where its first part starts, when a form before the anchor is its

    @property
    def start(self) -> int:
        return self.position if self.first < 0 else min(self.first, self.position)

    def to_dict(self) -> dict[str, Any]:
        return {key: self.parts[key] for key in DOSAGE_KEYS}


def _as_written(group: str) -> str:
    """A group named on its own, as written, its capital dropped unless it opens an
    acronym ("Vegans" -> "vegans", "HIV patients" stays)."""
    if len(group) > 1 and group[1].isupper():
        return group
    return group[:1].lower() + group[1:]


# "ibuprofen 400 mg and paracetamol 1 g": a drug after a joiner is the next amount's own.
_JOINER_GAP = re.compile(r"\b(?:and|or|plus|then|with|but|while)\b", re.IGNORECASE)
_AGE_WORD = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
             r"|fourteen)")
_BRACKETED_AGES = re.compile(r"\s*\((?:ages?|aged)\s+" + _AGE_WORD + r"\s*(?:-|–|to)\s*"
                             + _AGE_WORD + r"(?:\s*(?:years?|yrs?))?\)", re.IGNORECASE)
# Also after one group word ("juniors from 7 to 10, a single microgram each day").
_ITEM_AGE_BAND = re.compile(r"(?:(?!(?:tablets|capsules|doses|injections|jabs|shots|drops|"
                            r"days|weeks|months|years)\s)[a-z][a-z-]+s\s+)?"
                            r"(?:from|ages?|aged)\s+" + _AGE_WORD + r"\s*(?:-|–|to)\s*"
                            + _AGE_WORD + r"(?:\s*(?:years?|yrs?)(?: old)?)?(?=\s*[,:])",
                            re.IGNORECASE)
# Before a form: the drug said to be the form ("Duloxetine is a capsule", "is the only
# tablet"), or a regimen named by the form ("a common oral regimen is").
_FORM_SUBJECT = re.compile(r"\b(?:is|are)\s+(?:a|an|the)(?:\s+(?:only|usual|common|standard"
                           r"|single|small|once-daily|daily))?\s+$", re.IGNORECASE)
_FORM_REGIMEN = re.compile(r"\s+(?:regimen|plan|course|treatment)\s+(?:is|was)\b", re.IGNORECASE)
_OR_BEFORE = re.compile(r",\s*or\s+$")
# A later alternative set off from the one before it: ", or at 30 mg", ", with injections".
_SET_OFF_ALTERNATIVE = re.compile(r"[,;]\s*(?:or|with|although|while|whereas|but)\s+"
                                  r"(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# Between two doses given one after another ("six doses over two weeks, then every three
# months").
_PHASE_GAP = re.compile(r"\b(?:then|followed by|after that|after which|thereafter)\b",
                        re.IGNORECASE)
_INSTEAD_AFTER = re.compile(r"\s+instead\b", re.IGNORECASE)
# A group fronted by a preposition at a sentence's start ("For someone who ..., a nurse can").
_FRONTED_GROUP = re.compile(r"\s*(?:for|in)\s+[^,]*$", re.IGNORECASE)
_SENTENCE_STOPS = (". ", "; ", ": ", "? ", "! ")
_BOTH_BEFORE = re.compile(r"\b(?:both|them all|all of them)\s+$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,4}s?")


def _written_name(span) -> str:
    """A drug named as written, lowercase, but for an acronym ("CBD oil" -> "CBD oil", as the
    labels keep "PPI" and "NSAIDs"); a unit written all in capitals keeps none."""
    if span.doc.text.isupper():
        return span.text.lower()
    return "".join((t.text if _ACRONYM.fullmatch(t.text) else t.text.lower()) + t.whitespace_
                   for t in span).strip()


def has_digit(text: str) -> bool:
    """any(map(str.isdigit, text)), by one regex search on ASCII text."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(map(str.isdigit, text))


def _number(text: str) -> int | float | None:
    cleaned = text.replace(",", "").replace("\u202f", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return int(value) if value.is_integer() and "." not in cleaned else value


_NUMBER_JOINERS = frozenset({"a", "an", "and", "half", "single", "hundred", "thousand"})


def _word_number(words: list[str], numbers: dict[str, int]) -> int | float | None:
    """The number some number words write ("fifty", "one and a half", "a hundred and
    fifty", "half a", "a single"), or None when they write none: "and" only after "hundred"
    or "thousand" or before "a half"; "a" only before "hundred", "thousand" or "half"."""
    if words in (["half", "a"], ["half", "an"]):
        return 0.5
    if words in (["single"], ["a", "single"]):
        return 1
    fraction = 0.0
    if words[-3:] == ["and", "a", "half"]:
        words, fraction = words[:-3], 0.5
    total = current = 0
    seen = False
    previous = ""
    for k, word in enumerate(words):
        after = words[k + 1] if k + 1 < len(words) else ""
        if word in ("a", "an"):
            if after not in ("hundred", "thousand") or seen and previous != "and":
                return None
            current = max(current, 1)
        elif word == "and":
            if previous not in ("hundred", "thousand") or after not in numbers:
                return None
        elif word in ("hundred", "thousand") and not current:
            return None         # "several hundred milligrams" writes no number
        elif word == "hundred":
            current *= 100
            seen = True
        elif word == "thousand":
            total += current * 1000
            current = 0
            seen = True
        elif word in numbers:
            value = numbers[word]
            # "twenty five" and "hundred and five" join; "two five" does not.
            if previous in numbers and not (numbers[previous] >= 20 and value < 10
                                            and numbers[previous] % 10 == 0):
                return None
            current += value
            seen = True
        else:
            return None
        previous = word
    if not seen:
        return None
    value = total + current + fraction
    return int(value) if float(value).is_integer() else value


class DosageRules:
    """The data of dosage.toml and units.toml, compiled for one vocabulary."""

    def __init__(self, nlp: Language, rules: str, units: str):
        data = load_toml(rules)
        unit_data = load_toml(units)
        self.range_separators = frozenset(unit_data["range_separators"])
        self.range_between = tuple(unit_data["range_between"])
        self.unit_sizes = unit_data["unit_sizes_mcg"]
        # "3–6 mg": a range the tokenizer leaves as one token.
        dashes = "".join(re.escape(s) for s in self.range_separators if not s.isalpha())
        self.glued_range = re.compile(rf"(\d[\d,.]*)[{dashes}](\d[\d,.]*)")
        self.unit_of: dict[str, str] = {}
        multi_word_units = []
        for normal, forms in unit_data["dose_units"].items():
            for form in forms:
                if " " in form:
                    multi_word_units.append((form.lower(), normal))
                else:
                    self.unit_of[form.lower()] = normal
        self.multi_word_units = multi_word_units
        self.levels = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.levels.add("level", list(nlp.tokenizer.pipe(data["dose_level_phrases"])))
        self.level_regex = [compile_regex(p) for p in data["dose_level_regex"]]
        self.intake_words = frozenset(data["intake_words"])
        self.take_time = re.compile(data["take_time_regex"], re.IGNORECASE)
        self.supplement_words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.supplement_words.add("supplement", list(nlp.tokenizer.pipe(data["supplement_words"])))
        self.not_dose_after = [compile_regex(p) for p in data["not_dose_after_regex"]]
        per_weight = data["per_body_weight"]
        self.per_weight_joiners = frozenset(per_weight["joiners"])
        self.per_weight_words = frozenset(per_weight["words"])
        self.per_weight_suffix = per_weight["unit_suffix"]
        self.per_weight_trailing = [t.split() for t in sorted(per_weight["trailing"], key=len,
                                                               reverse=True)]
        self.not_dose_before = [compile_regex(p) for p in data["not_dose_before_regex"]]
        self.food_content = [compile_regex(p) for p in data["food_content_regex"]]
        self.daily_share = [compile_regex(p) for p in data["daily_share_regex"]]
        self.daily_share_portions = frozenset(data["daily_share_portions"])
        self.daily_share_forms = frozenset(data["daily_share_forms"])
        separators = sorted(data["regimen_separators"], key=len, reverse=True)
        # "or" before a qualifier ("1,000 micrograms or more") separates nothing.
        qualified = r"(?!\s+(?:" + "|".join(re.escape(w) for w in data["separator_qualifiers"]) \
            + r")\b)"
        self.separator = re.compile(
            r"(?:^|[\s,(])(?:" + "|".join(re.escape(s) + (qualified if s == "or" else "")
                                         for s in separators) + r")(?=$|[\s,)])",
            re.IGNORECASE)
        self.aside = [compile_regex(p) for p in data["aside_regex"]]
        # Amounts in words ("fifty micrograms", "one and a half micrograms", "a hundred and
        # fifty micrograms"): the number words and the unit words they may stand before.
        words = data["word_amounts"]
        self.number_words: dict[str, int] = words["numbers"]
        self.word_amount_unit = re.compile(
            r"\b(?:" + "|".join(re.escape(u) for u in sorted(words["units"], key=len,
                                                              reverse=True)) + r")\b")
        self.word_amount_range = re.compile(words["range_regex"] + r"\s*$")
        self.word_amount_between = re.compile(words["between_regex"])
        self.steps = [compile_regex(p) for p in data["step_regex"]]
        self.step_column = compile_regex(data["step_column_regex"])
        self.dose_change_before = compile_regex(data["dose_change_before_regex"])
        self.schedule_column = compile_regex(data["schedule_column_regex"])
        self.length_column = compile_regex(data["length_column_regex"])
        self.bare_length = compile_regex(data["bare_length_regex"])
        self.shared_part_joiners = frozenset(data["shared_part_joiners"])
        self.own_group_gap = re.compile(data["own_group_gap_regex"], re.IGNORECASE)
        self.own_schedule_gap = re.compile(data["own_schedule_gap_regex"], re.IGNORECASE)
        self.own_schedule_after_gap = re.compile(data["own_schedule_after_gap_regex"],
                                                 re.IGNORECASE)
        self.own_schedule_joiner = re.compile(data["own_schedule_joiner_regex"], re.IGNORECASE)
        self.set_off_length_joiners = re.compile(data["set_off_length_joiners_regex"],
                                                 re.IGNORECASE)
        self.add_on_before = re.compile(data["add_on_before_regex"], re.IGNORECASE)
        self.add_on_after = re.compile(data["add_on_after_regex"], re.IGNORECASE)
        self.shared_part_max_words = data["shared_part_max_words"]
        self.shared_part_stops = frozenset(data["shared_part_stops"])
        self.phase_new_dose_words = frozenset(data["phase_new_dose_words"])
        self.own_season = re.compile(data["own_season_regex"], re.IGNORECASE)
        self.form_holding = re.compile(data["form_holding_regex"], re.IGNORECASE)
        self.counted_periods = frozenset(data["counted_periods"])
        self.own_season_gap = re.compile(data["own_season_gap_regex"], re.IGNORECASE)
        self.phase_separator = re.compile(
            r"(?:^|[\s,(])(?:" + "|".join(re.escape(s) for s in data["phase_separators"]) +
            r")(?=$|[\s,)])", re.IGNORECASE)
        self.routes = PhraseMatcher(nlp.vocab, attr="LOWER")
        for normal, forms in data["routes"].items():
            self.routes.add(normal, list(nlp.tokenizer.pipe(forms)))
        self.route_regexes = [(normal, compile_regex(p))
                              for normal, patterns in data.get("route_regex", {}).items()
                              for p in patterns]
        self.route_verbs = frozenset(data["route_verbs"])
        self.routes_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for normal, forms in data.get("routes_exact_case", {}).items():
            self.routes_exact.add(normal, list(nlp.tokenizer.pipe(forms)))
        self.route_priority: dict[str, int] = data["route_priority"]
        self.route_separators = frozenset(data["route_separators"])
        self.denied_form_clauses = [compile_regex(p) for p in data["denied_form_clause_regex"]]
        self.label_form_denied = compile_regex(data["label_form_denied_regex"])
        self.location_routes = frozenset(data["location_route_phrases"])
        self.use_before_duration = re.compile(data["use_before_duration_regex"], re.IGNORECASE)
        self.use_pronouns = frozenset(data["use_pronouns"])
        self.daily_target_after = re.compile(data["daily_target_after_regex"], re.IGNORECASE)
        self.time_form_before = re.compile(data["time_form_before_regex"], re.IGNORECASE)
        self.daily_content_before = re.compile(data["daily_content_before_regex"],
                                               re.IGNORECASE)
        self.price = re.compile(data["price_regex"])
        self.route_merge_stops = frozenset(data["route_merge_stops"])
        self.route_words = frozenset(form.lower() for forms in data["routes"].values()
                                     for form in forms if " " not in form)
        self.level_premodifiers = frozenset(data["substance_level_premodifiers"])
        self.level_premodifier_verbs = frozenset(data["substance_level_verbs"])
        self.level_harms = frozenset(data["substance_level_harms"])
        self.level_premodifier_ids = frozenset(nlp.vocab.strings.add(w)
                                               for w in self.level_premodifiers)
        self.route_generic: dict[str, frozenset[str]] = {
            generic: frozenset(specific) for generic, specific in data["route_generic"].items()}
        # Frequencies that restate a daily total's split ("a day as 60 mg twice daily"): an
        # amount inside one, after its start, is the split's, no dose of its own.
        self.amount_restating = [re.compile(e["regex"], re.IGNORECASE) for e in data["frequency"]
                                 if e.get("restates_amount", False)]
        self.frequencies = [(compile_regex(e["regex"]), e.get("value"), e.get("weak", False))
                            for e in data["frequency"]]
        self.durations = [(compile_regex(e["regex"]), None, e.get("use", False))
                          for e in data["duration"]]
        # Words a phrase kept as written leaves out ("6 injections in 2 weeks" -> "6 in 2
        # weeks"), by the entry's position in its list.
        # A day or a month named first keeps its capital ("Monday, Wednesday and Friday").
        self.proper_noun = re.compile(r"(?:" + "|".join(data["capitalised_words"]) + r")\b",
                                      re.IGNORECASE)
        self.phrase_drops = {kind: {k: re.compile(e["drop"], re.IGNORECASE)
                                    for k, e in enumerate(data[kind]) if "drop" in e}
                             for kind in ("frequency", "duration")}
        # Phrases that look like a schedule and are none ("costs a few pence a day", "move each
        # dose by an hour or two a day"): taken, so no schedule starts inside them, and dropped.
        self.blocking = {kind: frozenset(k for k, e in enumerate(data[kind]) if e.get("block"))
                         for kind in ("frequency", "duration")}
        self.yielding_durations = frozenset(k for k, e in enumerate(data["duration"])
                                            if e.get("yields", False))
        self.length_count = re.compile(data["length_count_regex"], re.IGNORECASE)
        self.length_of_not_after = re.compile(data["length_of_not_after_regex"], re.IGNORECASE)
        self.named_after = frozenset(k for k, e in enumerate(data["duration"])
                                     if e.get("named_after", False))
        self.gives_way_to_frequency = [re.compile(e["regex"], re.IGNORECASE)
                                       for e in data["duration"]
                                       if e.get("gives_way_to_frequency", False)]
        self.not_after_frequency = [re.compile(e["regex"], re.IGNORECASE) for e in data["duration"]
                                    if e.get("not_after_frequency", False)]
        self.not_duration_after = compile_regex("|".join(
            f"(?:{p})" for p in data["not_duration_after_regex"]))
        self.not_frequency_after = compile_regex("|".join(
            f"(?:{p})" for p in data["not_frequency_after_regex"]))
        self.not_frequency_before = re.compile(data["not_frequency_before_regex"], re.IGNORECASE)
        self.leading_form_gap = re.compile(data["leading_form_gap_regex"])
        self.restating_schedule = re.compile(data["restating_schedule_regex"], re.IGNORECASE)
        self.dose_only_duration = re.compile(data["dose_only_duration_regex"], re.IGNORECASE)
        self.form_choice_gap, self.titration_gap, self.dose_unit_after, self.apposition_gap, \
            self.strength_count_before, self.total_gap, self.split_gap = (
                re.compile(data[f"{key}_regex"], re.IGNORECASE) for key in (
                    "form_choice_gap", "titration_gap", "dose_unit_after", "apposition_gap",
                    "strength_count_before", "total_gap", "split_gap"))
        self.mass_in_mg: dict[str, float] = {u: float(v) for u, v in data["mass_in_mg"].items()}
        self.duration_bound_after = re.compile(data["duration_bound_after_regex"], re.IGNORECASE)
        self.failed_drug_before = re.compile(data["failed_drug_before_regex"], re.IGNORECASE)
        self.failed_drug_after = re.compile(data["failed_drug_after_regex"], re.IGNORECASE)
        self.device_before_schedule = re.compile(data["device_before_schedule_regex"],
                                                 re.IGNORECASE)
        # One search for any of them first: most units have neither.
        unions = {kind: "|".join(f"(?:{e['regex']})" for e in data[kind])
                  for kind in ("frequency", "duration")}
        self.any_phrase = {kind: compile_regex(union) for kind, union in unions.items()}
        # Both kinds' phrases in one union, for may_hold_dose's test of either: one walk of
        # their needles (many are shared: "day", "week") instead of one per kind.
        self.any_schedule = compile_regex("|".join(unions.values()))
        # The union's alternatives are the kind's phrases, in order: those whose needles a
        # text lacks are not searched (phrases()).
        self.phrase_branches = {
            kind: union.branches for kind, union in self.any_phrase.items()
            if union.branches is not None and len(union.branches.regexes) == len(data[kind])}
        self.not_route = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.not_route.add("not_route", list(nlp.tokenizer.pipe(data["not_route_phrases"])))
        self.substances = PhraseMatcher(nlp.vocab, attr="LOWER")
        for normal, forms in data["substances"].items():
            self.substances.add(normal, list(nlp.tokenizer.pipe(forms)))
        self.substance_forms: dict[str, frozenset[str]] = {
            generic: frozenset(forms) for generic, forms in data["substance_forms"].items()}
        self.all_forms = frozenset().union(*self.substance_forms.values())
        mentions = data["substance_mentions"]
        # Drugs named as written: an INN stem ending, or a listed drug or class word.
        # What a one-token Matcher pattern {"LOWER": {"REGEX": ...}} finds, without the
        # Matcher's Python call per token: the regex is searched once per word (lowercased).
        self.as_written_regex = re.compile(mentions["as_written_regex"])
        self._written_drug: dict[int, bool] = {}
        self._agent_word: dict[int, bool] = {}
        self.as_written_words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.as_written_words.add(AS_WRITTEN, list(nlp.tokenizer.pipe(
            mentions["as_written_words"] + mentions["as_written_classes"])))
        self.injected_words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.injected_words.add(AS_WRITTEN, list(nlp.tokenizer.pipe(mentions["injected_words"])))
        self.injected_forms = frozenset(mentions["injected_forms"])
        self.drug_classes = frozenset(mentions["as_written_classes"])
        self.substance_ignore_before = frozenset(mentions["ignore_before"])
        self.substance_weak_before = frozenset(mentions["weak_before"])
        self.example_markers = tuple(mentions["example_markers"])
        self.described_before = re.compile(mentions["described_before_regex"], re.IGNORECASE)
        self.form_example_before = re.compile(mentions["form_example_before_regex"],
                                              re.IGNORECASE)
        self.example_after_class, self.example_joiner, self.own_dose_after = (
            re.compile(mentions[key], re.IGNORECASE) for key in (
                "example_after_class_regex", "example_joiner_regex", "own_dose_after_regex"))
        self.level_before, self.owned_before, self.owned_after, self.level_after = (
            re.compile(mentions[key], re.IGNORECASE) for key in (
                "level_before_regex", "owned_before_regex", "owned_after_regex",
                "level_after_regex"))
        self.lowered_before, self.lowered_after = (
            re.compile(mentions[key], re.IGNORECASE)
            for key in ("lowered_before_regex", "lowered_after_regex"))
        self.alternatives = frozenset(mentions["alternatives"])
        named_class = mentions["named_class"]
        self.named_class = re.compile(
            r"(?<![\w’'-])((?:[\w’'-]+\s+){1,%d})(?:%s),?\s+(?:%s)\s+" % (
                named_class["max_modifiers"],
                "|".join(re.escape(w) for w in named_class["heads"]),
                "|".join(named_class["markers"])), re.IGNORECASE)
        self.named_class_stops = frozenset(named_class["not_modifiers"])
        self.named_class_plurals: dict[str, str] = named_class.get("plurals", {})
        self.named_class_needles = tuple(re.sub(r"\\|,\?", "", m) for m in named_class["markers"])
        # The examples after the marker: names joined by commas, "and" or "or", each perhaps
        # with a bracketed brand ("semaglutide (Wegovy) and tirzepatide (Mounjaro)").
        self.example_zone = re.compile(
            r"(?:[\w-]+(?:\s*\([^)]*\))?(?:\s*,|\s*,?\s+(?:or|and))\s+){0,3}")
        self.list_joiners = frozenset(mentions["list_joiners"])
        self.together = frozenset(mentions["together"])
        self.together_with = frozenset(mentions["together_with"])
        self.list_ends_in_alternative = re.compile(mentions["list_ends_in_alternative_regex"],
                                                   re.IGNORECASE)
        self.joiner_articles = frozenset(mentions["joiner_articles"])
        population = data["population"]
        self.population_heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.population_heads.add("head", list(nlp.tokenizer.pipe(population["heads"])))
        self.agent_head = re.compile(population["agent_head_regex"])
        self.agent_head_premodifiers = frozenset(population["agent_head_premodifiers"])
        self.agent_head_after = frozenset(population["agent_head_after"])
        self.agent_head_not = frozenset(population["agent_head_not"])
        self.population_joiners = frozenset(population["joiners"])
        self.list_gap_words = population["list_gap_words"]
        self.generic_heads = frozenset(population["generic_heads"])
        self.weak_premodifiers = frozenset(population["weak_premodifiers"])
        self.substance_heads = frozenset(population["substance_heads"])
        self.group_drug_before = frozenset(population["group_drug_before"])
        self.premodifiers = frozenset(population["premodifiers"])
        self.population_determiners = frozenset(population["determiners"])
        self.age = re.compile(population["age_regex"], re.IGNORECASE)
        self.clause_starts = frozenset(population["clause_starts"])
        self.clause_start_adverbs = frozenset(population["clause_start_adverbs"])
        self.clause_start_participles = frozenset(population["clause_start_participles"])
        self.clause_starts_after_for = frozenset(population["clause_starts_after_for"])
        self.not_group_end = re.compile(population["not_group_end_regex"], re.IGNORECASE)
        self.group_has_form = re.compile(population["group_has_form_regex"], re.IGNORECASE)
        self.group_refuses = re.compile(population["group_refuses_regex"], re.IGNORECASE)
        self.stops_after_comma = frozenset(population["stops_after_comma"])
        self.population_trailing = frozenset(population["trailing_words"])
        self.clause_verbs = frozenset(population["clause_verbs"])
        self.main_clause_adverbs = frozenset(population["main_clause_adverbs"])
        self.clause_infinitives = frozenset(population["clause_infinitives"])
        self.clause_negations = frozenset(population["clause_negations"])
        self.main_modals = frozenset(population["main_modals"])
        self.clause_joiners = frozenset(population["clause_joiners"])
        self.subject_pronouns = frozenset(population["subject_pronouns"])
        self.relative_pronouns = frozenset(population["relative_pronouns"])
        self.relative_adverbs = frozenset(population["relative_adverbs"])
        self.main_verb_ends = frozenset(population["main_verb_ends"])
        self.clause_stops = frozenset(population["clause_stops"])
        self.spaced_dashes = frozenset(population["spaced_dashes"])
        self.population_columns = frozenset(c.lower() for c in population["columns"])
        self.header_groups: dict[str, str] = population["header_groups"]
        self.group_adjective_before = frozenset(population["group_adjective_before"])
        self.not_population_before = [compile_regex(p) for p in population["not_before_regex"]]
        self.not_population_after = [compile_regex(p) for p in population["not_after_regex"]]
        self.length_cell_words = data["length_cell_words"]
        self.header_times = frozenset(data["header_times"])
        self.food_columns = frozenset(c.lower() for c in data["food_columns"])
        self.regimen_column = compile_regex(data["regimen_column_regex"])
        self.conditional_group = compile_regex(population["conditional_group_regex"])
        self.opening_length = re.compile(data["opening_length_regex"], re.IGNORECASE)
        self.population_item_context = [compile_regex(p) for p in population["item_context_regex"]]
        # The rarest word of every route and dose-level phrase, as a word: a unit holding none
        # of them, no digit and no frequency, duration or level regex match gives no regimen.
        rarest = {min(((t.is_punct, wordfreq.word_frequency(t.lower_, "en"), t.lower_)
                       for t in nlp.tokenizer(form) if not t.is_space))[2]
                  for forms in (*data["routes"].values(),
                                *data.get("routes_exact_case", {}).values(),
                                data["dose_level_phrases"])
                  for form in forms if form.strip()} | self.level_premodifiers
        self.signal_words = re.compile(r"(?<![^\W\d_])(?:" + "|".join(
            re.escape(w) for w in sorted(rarest, key=len, reverse=True)) + r")(?![^\W\d_])")
        # The dose level regexes as one: may_hold_dose and levels() first ask whether one matches.
        self.any_level = compile_regex("|".join(f"(?:{p})" for p in data["dose_level_regex"]))
        # has_signal_word: a word of letters only is found where it is a whole run of
        # letters, so a set lookup finds those; the regex finds the others.
        self.signal_letter_words = frozenset(w for w in rarest if _LETTERS.fullmatch(w))
        others = sorted(set(rarest) - self.signal_letter_words, key=len, reverse=True)
        # Searched only when one of them is in the text: the lookbehind at every position
        # costs more than these few substring tests.
        self.signal_other_needles = tuple(others)
        self.signal_other_words = re.compile(r"(?<![^\W\d_])(?:" + "|".join(
            re.escape(w) for w in others) + r")(?![^\W\d_])") if others else None

    def phrase_search(self, kind: str, text: str, lowered: str | None = None) -> bool:
        """any_phrase[kind].search(text) is not None; `lowered`: text.lower(), when the
        caller has it. A text with none of the strings every phrase needs is not searched
        (CaselessRegex)."""
        return self.any_phrase[kind].matches(text, lowered)

    def has_signal_word(self, lowered: str) -> bool:
        """signal_words.search(lowered) is not None, faster."""
        if not self.signal_letter_words.isdisjoint(_LETTERS.findall(lowered)):
            return True
        return any(w in lowered for w in self.signal_other_needles) and \
            self.signal_other_words.search(lowered) is not None

    @staticmethod
    def _words_where(doc: Doc, known: dict[int, bool], test) -> set[int]:
        """The unit's distinct lowercase words (hashes) that `test` accepts (given the word),
        each word tested once and its answer kept in `known` (bounded)."""
        strings = doc.vocab.strings
        hits = set()
        for lower in unit_words_and_tags(doc)[0]:
            hit = known.get(lower)
            if hit is None:
                if len(known) >= MAX_CACHED_WORDS:
                    known.clear()
                hit = known[lower] = test(strings[lower])
            if hit:
                hits.add(lower)
        return hits

    def agent_words(self, doc: Doc) -> set[int]:
        """The unit's lowercase words (hashes) that agent_head_regex matches whole, but for
        agent_head_not: the words DosageParser._agent_heads looks at."""
        return self._words_where(doc, self._agent_word, lambda word: (
            self.agent_head.fullmatch(word) is not None and word not in self.agent_head_not))

    def written_drugs(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) of each token whose lowercase form as_written_regex finds, in
        token order."""
        hits = self._words_where(doc, self._written_drug,
                                 lambda word: self.as_written_regex.search(word) is not None)
        if not hits:
            return []
        return [(i, i + 1) for i, lower in enumerate(doc.to_array(LOWER).tolist())
                if lower in hits]

    def substance_spans(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(normalised name, start, end) of every substance named; a listed name wins
        over the same span named as written. Read once per doc (do not modify it)."""
        cached = doc.user_data.get(SUBSTANCE_SPANS)
        if cached is not None:
            return cached
        strings = doc.vocab.strings
        listed = [(strings[m], s, e) for m, s, e in self.substances(doc)]
        taken = {(s, e) for _, s, e in listed}
        spans = [*self.written_drugs(doc),
                 *((s, e) for _, s, e in self.as_written_words(doc)),
                 # "alcohol injections into the neuroma": named only before the form
                 *((s, e) for _, s, e in self.injected_words(doc)
                   if e < len(doc) and doc[e].lower_ in self.injected_forms)]
        written = [(_written_name(doc[s:e]), s, e) for s, e in spans if (s, e) not in taken]
        cached = doc.user_data[SUBSTANCE_SPANS] = listed + written
        return cached


class DosageParser:
    """Finds the dosage parts of a unit and groups them into regimens (decision 21)."""

    def __init__(self, rules: DosageRules):
        self.rules = rules

    # --- mentions ------------------------------------------------------------------
    @per_doc
    def amounts(self, doc: Doc) -> list[Mention]:
        rules = self.rules
        found: list[Mention] = []
        starts = self._amount_starts(doc)
        if not starts:
            return self._word_amounts(doc, found)
        i = 0
        n = len(doc)
        while i < n:
            if i not in starts:
                i += 1
                continue
            tok = doc[i]
            glued = rules.glued_range.fullmatch(tok.text) \
                if tok.text[:1].isdigit() and not tok.like_num else None
            if glued is None and not (tok.like_num and has_digit(tok.text)):
                i += 1
                continue
            low = _number(tok.text)
            high = None
            if glued is not None:
                low, high = _number(glued.group(1)), _number(glued.group(2))
                if high is None:
                    low = None
            j = i + 1
            # "from 300 mg on day 1 to 300 mg twice daily": a day's number opens no range.
            counted = i > 0 and doc[i - 1].lower_ in rules.counted_periods
            if glued is None and j + 1 < n and doc[j].lower_ in rules.range_separators \
                    and not counted and doc[j + 1].like_num \
                    and _number(doc[j + 1].text) is not None:
                high = _number(doc[j + 1].text)
                j += 2
            unit, unit_end = self._unit_or_modifier_at(doc, j)
            between, conjunction = rules.range_between
            if unit is None and i > 0 and doc[i - 1].lower_ == between and j + 1 < n \
                    and doc[j].lower_ == conjunction and _number(doc[j + 1].text) is not None:
                high = _number(doc[j + 1].text)
                unit, unit_end = self._unit_at(doc, j + 2)
            if unit is None and glued is None and low is not None and high is None:
                shared = self._alternative_unit(doc, j)
                if shared is not None:
                    # "1,000 or 2,000 micrograms", "50 or 75 mg": alternatives joined by
                    # "or" share the unit written after the second, one amount each
                    # (decision 21); the second is read as its own amount next.
                    if not self._blocked(doc, tok.idx, tok.idx + len(tok.text), found):
                        found.append(Mention("amount", tok.idx, tok.idx + len(tok.text),
                                             low, shared))
                    i = j + 1
                    continue
            if unit is None or low is None:
                i = j
                continue
            if high is None and i > 0 and doc[i - 1].lower_ == between:
                high, unit_end = self._between_high(doc, low, unit, unit_end)
            if high is None:
                high, unit_end = self._high_in_other_unit(doc, low, unit, unit_end, tok.idx)
            unit, unit_end = self._per_weight(doc, unit, unit_end)
            start, end = tok.idx, doc[unit_end - 1].idx + len(doc[unit_end - 1].text)
            amount: Any = [low, high] if high is not None else low
            if not self._blocked(doc, start, end, found):
                found.append(Mention("amount", start, end, amount, unit))
            i = unit_end
        return self._word_amounts(doc, found)

    def _word_amounts(self, doc: Doc, found: list[Mention]) -> list[Mention]:
        """`found` with the amounts written in words added, in text order ("a fifty
        microgram tablet", "one and a half micrograms a day", "anywhere from fifty to a
        hundred and fifty micrograms", "half a microgram"): a unit word right after number
        words, the longest run of them that writes a number."""
        text = unit_text(doc)
        lowered = text.lower()
        rules = self.rules
        if "gram" not in lowered and "mcg" not in lowered and "mg" not in lowered:
            return found
        added: list[Mention] = []
        for unit_match in rules.word_amount_unit.finditer(lowered):
            value, start = self._number_before(lowered, unit_match.start())
            if value is None:
                continue
            if any(m.start < unit_match.end() and start < m.end for m in found + added):
                continue
            amount: Any = value
            joiner = rules.word_amount_range.search(lowered, 0, start)
            if joiner is not None:
                first, first_start = self._number_before(lowered, joiner.start())
                if first is not None and first < value and (
                        joiner.group().strip() != "and" or
                        rules.word_amount_between.search(lowered, 0, first_start)):
                    amount, start = [first, value], first_start
            unit = rules.unit_of[unit_match.group()]
            if any(m.value == amount and m.unit == unit for m in found):
                continue        # "half a microgram daily, written as 0.5 micrograms": one dose
            if not self._blocked(doc, start, unit_match.end(), found + added):
                added.append(Mention("amount", start, unit_match.end(), amount, unit))
        if not added:
            return found
        return sorted(found + added, key=lambda m: m.start)

    def _alternative_unit(self, doc: Doc, j: int) -> str | None:
        """The unit of the amount after "or" at `j` ("or 2,000 micrograms", "or 2,000
        microgram one"), when a number with a digit and a unit follow it; else None."""
        if j + 2 >= len(doc) or doc[j].lower_ != "or" or not doc[j + 1].like_num \
                or not has_digit(doc[j + 1].text) or _number(doc[j + 1].text) is None:
            return None
        return self._unit_or_modifier_at(doc, j + 2)[0]

    def _unit_or_modifier_at(self, doc: Doc, j: int) -> tuple[str | None, int]:
        """The unit at `j` and where it ends, also after a hyphen glued to the number: an
        amount as a modifier ("a 1,000-microgram tablet", "the 500-mg dose")."""
        unit, end = self._unit_at(doc, j)
        if unit is None and j + 1 < len(doc) and _glued_hyphen(doc, j):
            unit, end = self._unit_at(doc, j + 1)
        return unit, end

    def _number_before(self, lowered: str, end: int) -> tuple[Any, int]:
        """The number written in words right before `end` (joined by spaces or hyphens): the
        longest run of words before it that writes one, and where it starts; (None, end)
        when there is none."""
        numbers = self.rules.number_words
        run: list[tuple[str, int]] = []
        for tok in reversed(list(re.finditer(r"[a-z]+", lowered[max(0, end - 80):end]))):
            start = tok.start() + max(0, end - 80)
            gap = lowered[start + len(tok.group()):run[0][1] if run else end]
            if gap not in (" ", "-") or (tok.group() not in numbers
                                         and tok.group() not in _NUMBER_JOINERS):
                break
            run.insert(0, (tok.group(), start))
        for k in range(len(run)):
            value = _word_number([w for w, _ in run[k:]], numbers)
            if value is not None:
                return value, run[k][1]
        return None, end

    def _between_high(self, doc: Doc, low: Any, unit: str, j: int) -> tuple[Any, int]:
        """ "between 25 mg and 75 mg": the unit said twice, the range's top and the end of the
        second amount; (None, j) when no such amount follows."""
        conjunction = self.rules.range_between[1]
        if j + 2 >= len(doc) or doc[j].lower_ != conjunction or not doc[j + 1].like_num:
            return None, j
        high = _number(doc[j + 1].text)
        other, end = self._unit_at(doc, j + 2)
        if high is None or other != unit or high <= low:
            return None, j
        return high, end

    def _high_in_other_unit(self, doc: Doc, low: Any, unit: str, j: int,
                            start: int) -> tuple[Any, int]:
        """ "500 mg to 1 g": the range's top in the first amount's unit (1000), and the end
        of the second amount; also "200 mg to 400 mg", the unit said twice, unless the dose
        changes ("increased from 300 mg to 600 mg"); (None, j) when no such amount follows."""
        sizes = self.rules.unit_sizes
        if unit not in sizes or j + 2 >= len(doc) \
                or doc[j].lower_ not in self.rules.range_separators:
            return None, j
        high = _number(doc[j + 1].text) if doc[j + 1].like_num else None
        other, end = self._unit_at(doc, j + 2)
        if high is None or other is None or other not in sizes:
            return None, j
        if other == unit and self.rules.dose_change_before.search(
                unit_text(doc)[max(0, start - 40):start]):
            return None, j
        value = high * sizes[other] / sizes[unit]
        value = int(value) if float(value).is_integer() else value
        return (value, end) if value > low else (None, j)

    @staticmethod
    def _amount_starts(doc: Doc) -> set[int]:
        """The tokens an amount can start at, read once per doc: a number with a digit, or a
        token opening with a digit ("3–6"); amounts() skips every other token."""
        starts = doc.user_data.get(AMOUNT_STARTS)
        if starts is None:
            text = unit_text(doc)
            if not has_digit(text):
                starts = set()
            else:
                starts = {i for i, (idx, length, like_num)
                          in enumerate(doc.to_array([IDX, LENGTH, LIKE_NUM]).tolist())
                          if text[idx].isdigit() or like_num and any(
                              map(str.isdigit, text[idx:idx + length]))}
            doc.user_data[AMOUNT_STARTS] = starts
        return starts

    def _unit_at(self, doc: Doc, j: int) -> tuple[str | None, int]:
        if j >= len(doc):
            return None, j
        for form, normal in self.rules.multi_word_units:
            words = form.split()
            if [t.lower_ for t in doc[j:j + len(words)]] == words:
                return normal, j + len(words)
        normal = self.rules.unit_of.get(doc[j].lower_)
        if normal is None:
            return None, j
        # "g" only as a unit right after a number ("10 g"), never "g" as an initial.
        return normal, j + 1

    def _per_weight(self, doc: Doc, unit: str, end: int) -> tuple[str, int]:
        """ "mg/kg", "mg per kg of body weight": a dose per body weight."""
        rules = self.rules
        if end + 1 < len(doc) and doc[end].lower_ in rules.per_weight_joiners \
                and doc[end + 1].lower_ in rules.per_weight_words:
            end += 2
            for words in rules.per_weight_trailing:
                if [t.lower_ for t in doc[end:end + len(words)]] == words:
                    end += len(words)
                    break
            return unit + rules.per_weight_suffix, end
        return unit, end

    def _blocked(self, doc: Doc, start: int, end: int, found: list[Mention]) -> bool:
        text = unit_text(doc)
        after = text[end:end + 40]
        if any(p.search(after) for p in self.rules.not_dose_after):
            return True
        before = text[max(0, start - 40):start]
        if any(p.search(before) for p in self.rules.not_dose_before):
            return True
        # "10 micrograms (400 IU)": the bracketed equivalent is not a second dose.
        if found and re.fullmatch(r"\s*\(\s*", text[found[-1].end:start]):
            return True
        return False

    @per_doc
    def routes(self, doc: Doc) -> list[Mention]:
        strings = doc.vocab.strings
        spans = [(strings[m], s, e) for m, s, e in self.rules.routes(doc)]
        spans += [(strings[m], s, e) for m, s, e in self.rules.routes_exact(doc)]
        for route, pattern in self.rules.route_regexes:
            for match in pattern.finditer(unit_text(doc)):
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is not None:
                    spans.append((route, span.start, span.end))
        blocked = [(s, e) for _, s, e in self.rules.not_route(doc)]
        spans = [x for x in spans if not any(bs <= x[1] and x[2] <= be for bs, be in blocked)]
        spans = self._without_lone_locations(doc, spans)
        spans.sort(key=lambda x: (x[1], -x[2]))
        groups: list[list[Any]] = []       # [route, start_token, end_token]
        for route, s, e in spans:
            if groups:
                last = groups[-1]
                gap = s - last[2]
                same = route == last[0]
                between = doc[last[2]].lower_ if gap == 1 else ""
                stopped = any(t.text in self.rules.route_merge_stops for t in doc[last[2]:s])
                # Not across a table cell: "Oral Spray | Mouth spray" are two cells' forms.
                joins = gap == 1 and not doc[last[2]].is_punct and not stopped and \
                    between not in self.rules.route_separators
                if gap <= 0 or joins or (same and gap <= 3 and not stopped):
                    if self.rules.route_priority[route] < self.rules.route_priority[last[0]]:
                        last[0] = route
                    last[2] = max(last[2], e)
                    continue
            groups.append([route, s, e])
        return [Mention("route", doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), route)
                for route, s, e in groups]

    def _of_use(self, doc: Doc, text: str, a: int, duration: Mention) -> Mention:
        """ "use for longer than 2 years", "on metformin for 3 years or more": a duration of
        use (its flag set), though no word of taking is written."""
        if duration.unit is not None:
            return duration
        found = self.rules.use_before_duration.search(text, a, duration.start)
        if found is None:
            # "codeine for a few days", "ibuprofen for up to a week": a length right after a
            # drug is how long it is used.
            if not any(a <= m.start and m.end <= duration.start and m.unit != "weak"
                       and not text[m.end:duration.start].strip()
                       for m in self.substances(doc)):
                return duration
            return Mention(duration.kind, duration.start, duration.end, duration.value, "flag",
                           duration.yields, duration.named)
        if found.group("used") is not None:
            # "Painkillers that contain codeine ... should be used for no longer than three
            # days": what is used is a substance named before it in the sentence, not "the
            # drug" or a device ("a heat pad, used for 20 minutes at a time").
            start, _ = self._sentence_at(doc, found.start())
            if not any(start <= doc[s].idx and doc[e - 1].idx < found.start()
                       for _, s, e in self.rules.substance_spans(doc)):
                return duration
        if found.group("drug") is not None:
            gap_end = found.end("drug")
            named = any(found.start("drug") <= doc[s].idx and
                        re.fullmatch(r"\s*", text[doc[e - 1].idx + len(doc[e - 1].text):gap_end])
                        for _, s, e in self.rules.substance_spans(doc))
            if not named and found.group("drug").strip().lower() in self.rules.use_pronouns:
                # "metformin, if you've been on it for some years", "don't use it beyond
                # three days": the pronoun stands for a substance named before it.
                start, _ = self._sentence_at(doc, found.start())
                named = any(start <= doc[s].idx and doc[e - 1].idx < found.start()
                            for _, s, e in self.rules.substance_spans(doc))
            if not named:
                return duration
        return Mention(duration.kind, duration.start, duration.end, duration.value, "flag",
                       duration.yields)

    def _without_lone_locations(self, doc: Doc, spans: list[tuple[str, int, int]]
                                ) -> list[tuple[str, int, int]]:
        """ "under the skin" names a route only beside another form, an amount, a substance
        or a word of taking; alone it is a place ("a device implanted under the skin")."""
        places = [x for x in spans if doc[x[1]:x[2]].text.lower() in self.rules.location_routes]
        if not places:
            return spans
        others = [x for x in spans if x not in places and not any(
            p[1] <= x[1] and x[2] <= p[2] for p in places)]
        words = {t.lower_ for t in doc}
        if others or self._amount_starts(doc) or self.rules.substance_spans(doc) \
                or words & self.rules.intake_words or self.rules.supplement_words(doc):
            return spans
        return others

    def phrases(self, text: str, kind: str, offset: int = 0) -> list[Mention]:
        """Frequency or duration mentions by regex, leftmost-longest, no overlaps."""
        found: list[Mention] = []
        # The text lowered once: a pattern whose needles it lacks is not searched (finditer
        # would lower the text again for each pattern to find that out).
        lowered = text.lower() if text.isascii() else None
        branches = self.rules.phrase_branches.get(kind) if lowered is not None else None
        if branches is not None:
            # The patterns that can match, from one walk of the union's needles (the union's
            # own search would walk them and search these patterns too).
            held = branches.holding(lowered)
            if not held:
                return found
        elif not self.rules.phrase_search(kind, text):
            return found
        patterns = self.rules.frequencies if kind == "frequency" else self.rules.durations
        yielding = self.rules.yielding_durations if kind == "duration" else frozenset()
        named = self.rules.named_after if kind == "duration" else frozenset()
        drops = self.rules.phrase_drops[kind]
        blocking = self.rules.blocking[kind]
        candidates = []
        for order in sorted(held) if branches is not None else range(len(patterns)):
            pattern, value, flag = patterns[order]
            if branches is None and lowered is not None and pattern.lowered is not None \
                    and pattern.needles and not any(n in lowered for n in pattern.needles):
                continue
            for m in pattern.finditer(text):
                candidates.append((m.start(), -(m.end() - m.start()), order, m, value, flag))
        taken_until = -1
        for start, _, order, m, value, flag in sorted(candidates,
                                                      key=lambda c: (c[0], c[1], c[2])):
            if start < taken_until:
                continue
            if order in blocking:
                taken_until = m.end()
                continue
            # `unit` carries the flag: a weak frequency, or a duration that means use.
            written = text[m.start():m.end()]        # as written, not lowercased
            if written[:1].isupper() and not written[1:2].isupper() \
                    and not self.rules.proper_noun.match(written):
                written = written[0].lower() + written[1:]      # "A short course" at the start
            if order in drops:
                written = " ".join(drops[order].sub(" ", written).split())
            end = m.end()
            if kind == "duration":
                # A bound after the length is part of it ("for a few days at most").
                bound = self.rules.duration_bound_after.match(text, end)
                if bound is not None:
                    written += text[end:bound.end()]
                    end = bound.end()
            found.append(Mention(kind, start + offset, end + offset, value or written,
                                 "flag" if flag else None, order in yielding, order in named))
            taken_until = end
        return found

    @staticmethod
    def _positions(doc: Doc, lowers: frozenset[int]) -> list[int]:
        """The tokens whose lowercase form (its hash) is in `lowers`, in order."""
        if unit_words_and_tags(doc)[0].isdisjoint(lowers):
            return []
        return [i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in lowers]

    @per_doc
    def levels(self, doc: Doc) -> list[Mention]:
        found = [Mention("level", doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), None)
                 for _, s, e in self.rules.levels(doc)]
        # Most units match none of the level regexes: their union, searched once, says so.
        if self.rules.any_level.matches(unit_text(doc)):
            for pattern in self.rules.level_regex:
                found += [Mention("level", m.start(), m.end(), None)
                          for m in pattern.finditer(unit_text(doc))]
        # "need extra B12", "excess vitamin B6": a level word right before a substance; in a
        # sentence only after a word of needing or taking ("extra B12 won't help" is none).
        premodified = self._positions(doc, self.rules.level_premodifier_ids)
        in_sentence = premodified and UnitAttrs(doc).unit_kind == "sentence"
        for _, s, e in self.rules.substance_spans(doc) if premodified else ():
            if s - 1 in premodified and not (in_sentence and self._says_what_more_does(doc, s, e)):
                found.append(Mention("level", doc[s - 1].idx,
                                     doc[s - 1].idx + len(doc[s - 1].text), None))
        return found

    def _says_what_more_does(self, doc: Doc, s: int, e: int) -> bool:
        """ "extra B12 won't help": no word of needing or taking before the level word and no
        harm right after the substance ("Excess vitamin B6 can damage nerves" is a dose level
        as the condition of a harm, decision 14)."""
        rules = self.rules
        before = (t.lower_ for t in doc[max(0, s - 6):s - 1])
        return rules.level_premodifier_verbs.isdisjoint(before) \
            and rules.level_harms.isdisjoint(t.lower_ for t in doc[e:e + 3])

    @per_doc
    def substances(self, doc: Doc) -> list[Mention]:
        matches = sorted(self.rules.substance_spans(doc), key=lambda x: (x[1], -(x[2] - x[1])))
        found: list[Mention] = []
        taken_until = -1
        for name, s, e in matches:
            if s < taken_until:
                continue
            taken_until = e
            nxt = doc[e] if e < len(doc) else None
            glued_hyphen = _glued_hyphen(doc, e)      # "B12-rich"
            if nxt is not None and (nxt.lower_ in self.rules.substance_ignore_before
                                    or glued_hyphen):
                if nxt.lower_ in self.rules.substance_weak_before and not glued_hyphen:
                    found.append(Mention("substance", doc[s].idx,
                                         doc[e - 1].idx + len(doc[e - 1].text), name, "weak"))
                continue
            if s > 1 and _glued_hyphen(doc, s - 1) and doc[s - 2].is_alpha:
                continue        # the end of a brand's name ("Fultium-D3"), not a substance
            if self._in_example(doc, s) or self._measured(doc, s, e) or (
                    found and self.rules.described_before.search(
                        unit_text(doc), max(0, doc[s].idx - 40), doc[s].idx)):
                continue
            if found and _BRACKET_OPEN.fullmatch(
                    unit_text(doc)[found[-1].end:doc[s].idx].lstrip()):
                continue        # "Turmeric (curcumin)": the bracketed equivalent (decision 16)
            found.append(Mention("substance", doc[s].idx,
                                 doc[e - 1].idx + len(doc[e - 1].text), name,
                                 "weak" if name in self.rules.drug_classes else None))
        return self._without_examples(doc, found)

    def _measured(self, doc: Doc, s: int, e: int) -> bool:
        """ "serum B12", "checking B12", "my B12 was low", "if B12 is low": a level, not what
        is taken."""
        text = unit_text(doc)
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        before = text[max(0, start - 30):start]
        rules = self.rules
        return rules.level_before.search(before) is not None or \
            rules.level_after.match(text, end) is not None or (
                rules.owned_before.search(before) is not None
                and rules.owned_after.match(text, end) is not None) or (
                rules.lowered_before.search(before) is not None
                and rules.lowered_after.match(text, end) is not None)

    def _without_examples(self, doc: Doc, found: list[Mention]) -> list[Mention]:
        """ "an anti-inflammatory such as ibuprofen": the class is the substance and the
        drugs after "such as" are examples of it, unless the dose is the example's own
        ("NSAIDs such as ibuprofen (200-400 mg ...)", "Anti-inflammatories such as naproxen,
        250 mg twice a day", "a nerve pain medicine such as amitriptyline, taken in a low dose
        of 10 mg"): an amount after the example in its sentence is a dose of the drug, which
        a class does not have."""
        text = unit_text(doc)
        kept: list[Mention] = []
        for m in found:
            if kept and (self.rules.example_after_class.fullmatch(text, kept[-1].end, m.start)
                         or (kept[-1].unit == "example" and
                             self.rules.example_joiner.fullmatch(text, kept[-1].end, m.start))) \
                    and not self.rules.own_dose_after.match(text, m.end) \
                    and not self._dosed_after(doc, m.end):
                if kept[-1].unit != "example":
                    kept[-1].unit = None              # a class is named for itself here
                kept.append(Mention(m.kind, m.start, m.end, m.value, "example"))
                continue
            kept.append(m)
        return self._named_classes(doc, [m for m in kept if m.unit != "example"])

    def _named_classes(self, doc: Doc, found: list[Mention]) -> list[Mention]:
        """ "blood-thinning tablets such as warfarin or apixaban", "sleeping tablets such as
        zopiclone": a class of medicines named by what it does, before its examples, is the
        substance as written (decision 19) and the drugs after it are examples, unless one has
        a dose of its own. The words naming it may not be a determiner, a verb of taking or a
        comparative ("some drugs, such as ...", "a stronger medicine such as naproxen")."""
        text = unit_text(doc)
        lowered = text.lower()
        if not any(needle in lowered for needle in self.rules.named_class_needles):
            return found
        for match in self.rules.named_class.finditer(text):
            words = match.group(1).split()
            while words and words[0].lower() in self.rules.named_class_stops:
                words.pop(0)
            if not words:
                continue
            start = text.rindex(words[0], match.start(1), match.end(1))
            end = match.end(1) + re.match(r"[\w-]+", text[match.end(1):]).end()
            if any(m.start < end and start < m.end for m in found):
                continue            # a listed class or substance ("stomach acid medicines")
            zone = self.rules.example_zone.match(text, match.end())
            examples = [m for m in found if match.end() <= m.start <= zone.end()]
            first = re.match(r"[\w-]+", text[match.end():])
            if first is None or first.group(0).lower() in self.rules.named_class_stops:
                continue
            last_end = max([m.end for m in examples], default=match.end() + first.end())
            if self.rules.own_dose_after.match(text, last_end) or \
                    self._dosed_after(doc, last_end):
                continue
            found = [m for m in found if m not in examples]
            name = text[start:end].split()
            name[-1] = self.rules.named_class_plurals.get(name[-1].lower(), name[-1])
            found.append(Mention("substance", start, end, _as_written(" ".join(name))))
            found.sort(key=lambda m: m.start)
        return found

    def _dosed_after(self, doc: Doc, position: int) -> bool:
        """An amount follows `position` in its sentence."""
        _, end = self._sentence_at(doc, position)
        return any(position <= a.start < end for a in self.amounts(doc))

    def _defines_group(self, text: str, m: Mention, populations: list[Mention]) -> bool:
        """ "metformin users", "diabetics on metformin": a drug the group takes is not the
        substance of the regimen ("adults with low vitamin D" still names it)."""
        if not any(p.start <= m.start and m.end <= p.end for p in populations):
            return False
        before = re.search(r"([^\W\d]+)\s*$", text[:m.start])
        after = re.match(r"\s*([^\W\d]+)", text[m.end:])
        return (before is not None and before.group(1).lower() in self.rules.group_drug_before) \
            or (after is not None and after.group(1).lower() in self.rules.substance_heads)

    def _in_example(self, doc: Doc, s: int) -> bool:
        """Inside "(e.g. omeprazole)": an example of the substance, not the substance."""
        text = unit_text(doc)[:doc[s].idx]
        opening = text.rfind("(")
        if opening < 0 or ")" in text[opening:]:
            return False
        inside = text[opening + 1:].strip().lower()
        return inside.startswith(self.rules.example_markers)

    def _compared_or_example(self, doc: Doc, start: int) -> bool:
        """ "compared with 11% of people who did not take it", "for example those with
        diabetes": a group the regimen's group is compared with or illustrated by."""
        before = unit_text(doc)[:start]
        return any(p.search(before) for p in self.rules.not_population_before)

    def _at_risk(self, doc: Doc, end: int) -> bool:
        """ "Vegans, older people and anyone on omeprazole run low more easily": a group that
        its clause puts at risk (not_after_regex), not a group given a dose."""
        after = unit_text(doc)[end:]
        return any(p.search(after) for p in self.rules.not_population_after)

    @per_doc
    def populations(self, doc: Doc) -> list[Mention]:
        found: list[Mention] = []
        # "from 4 to 6 years, 0.8 micrograms a day" under a lead-in of amounts by age: an age
        # band opening a list item is its group, as written.
        band = _ITEM_AGE_BAND.match(unit_text(doc)) \
            if UnitAttrs(doc).unit_kind == "list_item" else None
        if band is not None:
            found.append(Mention("population", 0, band.end(), band.group(0)))
        matches = sorted([*self.rules.population_heads(doc), *self._agent_heads(doc)],
                         key=lambda x: (x[1], -x[2]))
        taken_until = -1
        example_end = -1
        for _, s, e in matches:
            if s < taken_until:
                continue
            if _glued_hyphen(doc, e):
                continue        # "a child-sized portion", "adult-strength": a word about size
            if self._names_a_product(doc, e):
                continue        # "a grown-up B12 tablet": a word about the product
            mention = self._population_phrase(doc, s, e)
            if mention is None:
                continue
            taken_until = e
            # "including those with diabetes, those taking ... and those who ...": the
            # groups listed after an example are examples too.
            listed = example_end >= 0 and unit_text(doc)[example_end:mention.start].strip(
                " ,").lower() in ("", *self.rules.population_joiners)
            if listed or self._compared_or_example(doc, mention.start):
                example_end = mention.end
                continue
            example_end = -1
            if found and mention.start <= found[-1].start:
                found.pop()     # "adult vegans": a group word before a group is its premodifier
            gap = unit_text(doc)[found[-1].end:mention.start] if found else ""
            if found and gap.strip().lower() in self.rules.population_joiners \
                    and gap[:1].isspace() and gap[-1:].isspace():
                joined = found.pop()
                mention = Mention("population", joined.start, mention.end,
                                  joined.value + gap + unit_text(doc)[mention.start:mention.end])
            found.append(mention)
        return self._conditional_groups(doc, found)

    def _agent_heads(self, doc: Doc) -> list[tuple[int, int, int]]:
        """People named by what they do that no head list holds ("vegan fencers", "Curlers
        whose shortfall ..."): a plural agent noun after a group premodifier or before "who"
        or "whose" (population.agent_head_regex)."""
        rules = self.rules
        found = []
        # Only the tokens of the unit's few agent words: not a regex test of every token.
        heads = rules.agent_words(doc)
        if not heads:
            return found
        for i, lower in enumerate(unit_token_columns(doc)[1]):
            if lower not in heads:
                continue
            t = doc[i]
            if FOOD_TAG in t.tag_:
                continue
            before = doc[t.i - 1].lower_ if t.i > 0 else ""
            after = doc[t.i + 1].lower_ if t.i + 1 < len(doc) else ""
            # Before "who" only as the subject opening a sentence: "For ringers who tolerate
            # ...", "suits some owners whose ..." say whom a dose suits (styles10, blind20).
            opens = before in ("", *rules.clause_stops)
            if before in rules.agent_head_premodifiers or \
                    (opens and after in rules.agent_head_after):
                found.append((0, t.i, t.i + 1))
        return found

    def _names_a_product(self, doc: Doc, e: int) -> bool:
        """A substance or a form right after a group word makes it an adjective of the
        product ("any grown-up B12 tablet", "an adult tablet"), not a group."""
        return e < len(doc) and (doc[e].lower_ in self.rules.route_words or any(
            s == e for _, s, _ in self.rules.substance_spans(doc)))

    def _conditional_groups(self, doc: Doc, found: list[Mention]) -> list[Mention]:
        """ "If you're pregnant or breastfeeding, ...", "if you are over 65 or have kidney
        disease": the group the reader is in, as written to the clause's end."""
        text = unit_text(doc)
        for m in self.rules.conditional_group.finditer(text):
            start, end = m.start(1), m.end(1)
            if not any(f.start < end and start < f.end for f in found):
                found.append(Mention("population", start, end, text[start:end]))
                found.sort(key=lambda f: f.start)
        return found

    def _population_phrase(self, doc: Doc, s: int, e: int) -> Mention | None:
        rules = self.rules
        group = rules.header_groups.get(doc[s].lower_) if e == s + 1 else None
        if group is not None and e < len(doc) and \
                doc[e].lower_ in rules.group_adjective_before and \
                (s == 0 or doc[s - 1].lower_ not in rules.premodifiers):
            # "the usual adult starting dose": the group the dose is for.
            return Mention("population", doc[s].idx, doc[s].idx + len(doc[s].text), group)
        first = s
        while first > 0 and doc[first - 1].lower_ in rules.premodifiers and \
                not (doc[first - 1].text == "-" and doc[first - 1].whitespace_):
            first -= 1
            # "pregnant and breastfeeding women": premodifiers joined by "and" / "or".
            if first > 1 and doc[first - 1].lower_ in rules.population_joiners \
                    and doc[first - 2].lower_ in rules.premodifiers:
                first -= 1
        while first < s and doc[first].text in ("-",):
            first += 1
        # A compound glued by hyphens right before is a premodifier too ("care-home
        # residents", "high-risk women", "a 68-year-old man").
        k = first
        while k >= 3 and _glued_hyphen(doc, k - 2) and doc[k - 1].is_alpha \
                and (doc[k - 3].is_alpha or doc[k - 3].like_num):
            k -= 2
        if k < first:
            first = k - 1
        if first > 1 and doc[first - 1].lower_ in rules.population_determiners:
            first -= 1
        end_char = doc[e - 1].idx + len(doc[e - 1].text)
        text = unit_text(doc)
        # "toddlers (ages 1 to 3)": an age band in brackets right after the group is part of it.
        bracket = _BRACKETED_AGES.match(text, end_char)
        if bracket is not None:
            end_char = bracket.end()
        age = rules.age.match(text[end_char:])
        if age and self._age_is_a_dose(text, end_char + len(age.group(0))):
            age = None          # "pregnant women 2.6 mcg": a dose, not an age
        # A number, or a range in words after "aged" or "between" ("toddlers aged one to
        # three", "youngsters between four and ten").
        if age and age.group(0).strip() and re.search(r"\d|\b(?:aged|between)\s+[^\W\d]",
                                                      age.group(0), re.IGNORECASE):
            end_char += len(age.group(0).rstrip())
        clause_end = self._clause_end(doc, end_char, after_for=first > 0 and doc[
            first - 1].lower_ == "for")
        if first == s and doc[s:e].text.lower() in rules.substance_heads:
            # "metformin users", "PPI users": the substance names the group.
            for _, ss, se in rules.substance_spans(doc):
                if se == s:
                    first = ss
        if doc[s:e].text.lower() in rules.substance_heads and e + 1 < len(doc) \
                and doc[e].lower_ == "of" and any(
                    ss == e + 1 for _, ss, _ in rules.substance_spans(doc)):
            return None     # "users of proton pump inhibitors": what is taken, no group
        premodified = any(t.lower_ not in rules.weak_premodifiers for t in doc[first:s])
        modified = premodified or clause_end > end_char or \
            unit_text(doc)[doc[s].idx:end_char] != doc[s:e].text
        if clause_end > end_char:
            end_char = clause_end
        head = doc[s:e].text.lower()
        if head in rules.generic_heads and not modified:
            return None
        phrase = text[doc[first].idx:end_char].strip()
        words = phrase.rstrip(",").split()
        while len(words) > 1 and words[-1].lower() in rules.population_trailing:
            words.pop()
        if words and " ".join(words) != phrase:
            phrase = " ".join(words)
            end_char = text.index(phrase, doc[first].idx) + len(phrase) if phrase in text[
                doc[first].idx:] else end_char
        if not phrase or self.rules.not_group_end.search(phrase):
            return None
        if not (len(phrase) > 1 and phrase[1].isupper()):
            phrase = phrase[0].lower() + phrase[1:]
        return Mention("population", doc[first].idx, end_char, phrase)

    def _not_listed_with(self, text: str, populations: list[Mention],
                         defined: list[Mention]) -> list[Mention]:
        """The groups listed with a group defined by the regimen ("vegans, the over-65s and
        anyone who has taken heartburn tablets for years"): a list of groups at risk, none
        the population of the regimen. Groups joined by commas, "and" or "or" with at most
        a few words between them (list_gap_words) are one list."""
        if not defined or not populations:
            return populations
        listed = list(defined)
        kept = list(populations)
        changed = True
        while changed:
            changed = False
            for p in list(kept):
                if any(self._list_gap(text[min(p.end, q.end):max(p.start, q.start)])
                       for q in listed):
                    kept.remove(p)
                    listed.append(p)
                    changed = True
        return kept

    def _list_gap(self, gap: str) -> bool:
        """The text between two groups of one list: a comma or joiner and a few words."""
        words = re.findall(r"[^\s,]+|,", gap)
        joiners = [w for w in words if w == "," or w.lower() in self.rules.population_joiners]
        return bool(joiners) and len(words) - len(joiners) <= self.rules.list_gap_words

    def _age_is_a_dose(self, text: str, end: int) -> bool:
        rest = text[end:]
        if re.match(r"[.,]\d", rest):
            return True
        word = re.match(r"\s*([^\W\d]+)", rest)
        return word is not None and word.group(1).lower() in self.rules.unit_of

    @staticmethod
    def _sentence_start(text: str, position: int) -> int:
        """Where the sentence holding `position` starts."""
        stop = max(text.rfind(stop, 0, position) for stop in _SENTENCE_STOPS)
        return stop + 2 if stop >= 0 else 0

    def _clause_end(self, doc: Doc, end_char: int, after_for: bool = False) -> int:
        """Extend "women with diabetes, epilepsy ... or ..." and "patients who have ...";
        after "for", also "someone eating a poor diet" (clause_starts_after_for)."""
        rules = self.rules
        tokens = [t for t in doc if t.idx >= end_char]
        # "anyone already found to be deficient": an adverb before a participle that continues
        # the group is part of it.
        if len(tokens) > 1 and tokens[0].lower_ in rules.clause_start_adverbs \
                and tokens[1].lower_ in rules.clause_start_participles:
            tokens = tokens[1:]
        if not tokens or not (tokens[0].lower_ in rules.clause_starts or (
                after_for and tokens[0].lower_ in rules.clause_starts_after_for)):
            return end_char
        starter = tokens[0].lower_
        if starter == "on" and self._on_the_regimen(tokens):
            return end_char
        verbs_seen = 0
        last_end = end_char
        # "people on metformin whose level has dropped": a "whose" inside the clause opens a
        # relative clause whose first verb is its own.
        whose_open = False
        k = 0
        while k < len(tokens):
            tok = tokens[k]
            spaced_dash = tok.text in rules.spaced_dashes and tok.whitespace_
            if tok.text in rules.clause_stops or spaced_dash:
                break
            if tok.text == ")" and "(" not in unit_text(doc)[end_char:tok.idx]:
                break
            if k > 0 and tok.lower_ in rules.subject_pronouns and k + 1 < len(tokens) \
                    and tokens[k + 1].lower_ in rules.main_modals:
                break
            # "anyone whose kidneys work less well usually needs ...": after a "whose" clause
            # of a noun and a verb, an adverb before a listed verb opens the main clause.
            if starter == "whose" and k >= 3 and tok.lower_ in rules.main_clause_adverbs \
                    and k + 1 < len(tokens) and tokens[k + 1].lower_ in rules.clause_verbs:
                break
            back = k - 1
            while back > 0 and tokens[back].lower_ in rules.clause_negations:
                back -= 1           # "who cannot take": "take" follows the verb "can"
            previous_verb = k > 0 and tokens[back].lower_ in rules.clause_verbs
            if starter in rules.relative_pronouns and tok.lower_ in rules.main_modals \
                    and k > 1 and tokens[k - 1].lower_ not in rules.relative_pronouns \
                    and tokens[k - 1].lower_ not in rules.clause_joiners \
                    and not tokens[k - 1].is_punct:
                break               # "who rarely go outside should take": the main verb
            # "babies from birth to 1 year who are breastfed": the relative clause's own verb.
            after_relative = k > 1 and tokens[k - 1].lower_ in rules.relative_pronouns
            # "who are pregnant or may become pregnant": a verb joined to the clause's own.
            joined = k > 0 and tokens[k - 1].lower_ in rules.clause_joiners
            # "anyone trying to get pregnant": a verb of becoming after "to" is the clause's
            # own ("women who might become pregnant to take ..." still ends before "take").
            infinitive = k > 0 and tokens[k - 1].lower_ == "to" \
                and tok.lower_ in rules.clause_infinitives
            if k > 0 and tokens[k - 1].lower_ == "who" and tok.is_alpha \
                    and tok.lower_ not in rules.clause_verbs \
                    and tok.lower_ not in rules.relative_adverbs \
                    and tok.lower_ not in rules.clause_negations \
                    and not (k + 1 < len(tokens)
                             and tokens[k + 1].lower_ in rules.clause_negations):
                # "patients who dislike injections manage on ...": the relative clause's own
                # verb, not in the list ("who can't": a modal; "whose pain": a noun); the next
                # verb of the list is the main one.
                verbs_seen += 1
            if k > 0 and tok.lower_ == "whose":
                whose_open = True
            elif whose_open and tok.lower_ in rules.clause_verbs and not previous_verb:
                whose_open = False
                last_end = tok.idx + len(tok.text)
                k += 1
                continue
            if tok.lower_ in rules.clause_verbs and k > 0 and not previous_verb \
                    and not after_relative and not joined and not infinitive:
                verbs_seen += 1
                # "patients who already have ..." keeps its own verb; "people with X are"
                # and "people taking X have" end at the main verb.
                if verbs_seen > 1 or starter in rules.main_verb_ends:
                    break
            if tok.text == ",":
                nxt = tokens[k + 1] if k + 1 < len(tokens) else None
                if nxt is None or nxt.lower_ in rules.stops_after_comma:
                    break
                # "For members who fall easily, 10 micrograms ...": the dose comes next.
                if nxt.like_num and has_digit(nxt.text):
                    break
                # A list goes on ("diabetes, epilepsy, obesity ... or ..."); a clause does not.
                rest = unit_text(doc)[nxt.idx:]
                segment = re.split(r"[,.;:]", rest, maxsplit=1)[0]
                if not re.search(r",|\b(?:or|and)\b", rest[:len(segment) + 1]):
                    break
                # "children with nerve pain, doses are worked out ...": a clause, not a list.
                words = segment.lower().split()
                if not rules.clause_verbs.isdisjoint(words) and \
                        rules.population_joiners.isdisjoint(words):
                    break
                # "for children who are short, the GP may give injections or ...": a modal
                # before the first joiner opens the main clause.
                head = list(itertools.takewhile(
                    lambda w: w not in rules.population_joiners, words))
                if not rules.main_modals.isdisjoint(head):
                    break
                # "For someone who can't get to the surgery, a district or practice nurse
                # can give ...", "For someone without an absorption problem, a spray, a
                # chewable tablet or an ordinary tablet will all do the job": in a group
                # fronted by "For" or "In", a modal after the first joiner, before the next
                # comma, makes the words after the comma the main clause's subject, not more
                # of the group's list ("People taking metformin, lansoprazole or other acid
                # blockers should be checked" is one group).
                joined = re.search(r"\b(?:or|and)\b([^,.;:]*)", rest)
                before = unit_text(doc)[:end_char]
                if joined and _FRONTED_GROUP.match(before, self._sentence_start(
                        before, end_char)) and \
                        not rules.main_modals.isdisjoint(joined.group(1).lower().split()):
                    break
            last_end = tok.idx + len(tok.text)
            k += 1
        return last_end

    def _on_the_regimen(self, tokens) -> bool:
        """ "each vegan guest on a B12 supplement: 50 micrograms every day": "on" a supplement
        or a form that ends its phrase names the regimen the group is put on, not more of the
        group ("people on a plant-based diet", "people on metformin whose ..." stay)."""
        rules = self.rules
        for k, tok in enumerate(tokens[1:5], 1):
            if tok.lower_ in ("supplement", "supplements") or tok.lower_ in rules.route_words:
                nxt = tokens[k + 1] if k + 1 < len(tokens) else None
                return nxt is None or nxt.text in rules.clause_stops or nxt.text == ","
            if tok.is_punct and tok.text != "-":
                return False
        return False

    # --- regimens ------------------------------------------------------------------
    def may_hold_dose(self, text: str, doc: Doc | None = None) -> bool:
        """False when no amount, route, level, frequency or duration can be found in `text`:
        most units, which then skip the parser (a cheap superset of its signals). Given the
        unit's `doc`, a digit counts only in a token an amount can start at (not the "12" of
        "B12"); a table row gives none: a bare number in a cell can be an amount."""
        rules = self.rules
        if has_digit(text) and (doc is None or bool(self._amount_starts(doc))):
            return True
        lowered = text.lower()          # once, for every search below
        return rules.has_signal_word(lowered) or \
            rules.word_amount_unit.search(lowered) is not None or \
            rules.any_level.matches(text, lowered) or \
            rules.any_schedule.matches(text, lowered)

    def parse(self, doc: Doc, kind: str, context: Doc | None) -> Any:
        """None, one dosage dict, or a list of them (one per regimen, in text order)."""
        if not self.may_hold_dose(unit_text(doc), None if kind == "table_row" else doc) \
                and not self._population_item(kind, context):
            return self._leadin_dose(doc, kind, context)
        return self.parse_regimens(doc, kind, context) or self._leadin_dose(doc, kind, context)

    def _leadin_dose(self, doc: Doc, kind: str, context: Doc | None) -> Any:
        """The dose a list's lead-in gives every item that has none of its own ("You need a
        higher dose of 5 mg a day if you:" over "have diabetes"; decision 20), or the form it
        names ("patients suitable for oral treatment:", "Injectable cyanocobalamin or
        hydroxocobalamin is considered medically necessary for:": one object per form or
        substance). Not when the lead-in or the item names a food: "Each of these gives
        about 2 mcg:" over "a glass of milk" states what the food holds, not a dose."""
        if kind != "list_item" or context is None or not is_leadin(unit_text(context)) \
                or "food" in unit_lists(context) or "food" in unit_lists(doc):
            return None
        if "leadin_dose" not in context.user_data:
            regimens = self._segment(context, 0, len(unit_text(context)), False)
            one = len(regimens) == 1 and regimens[0].parts["amount"] is not None
            forms = bool(regimens) and all(r.parts["amount"] is None and
                                           r.parts["route"] is not None for r in regimens)
            dicts = [r.to_dict() for r in regimens]
            context.user_data["leadin_dose"] = dicts[0] if one or (forms and len(dicts) == 1) \
                else dicts if forms else None
        dose = context.user_data["leadin_dose"]
        if dose is None:
            return None
        doses = [dict(d) for d in dose] if isinstance(dose, list) else [dict(dose)]
        # An item that is itself a group ("pregnant women with deficiency" under "oral
        # treatment is not suitable for:") is the population of the lead-in's dose; not a
        # group inside it ("deficiency in older adults").
        groups = self.populations(doc)
        if groups and groups[0].start == 0:
            for d in doses:
                d["population"] = d["population"] or groups[0].value
        return doses if isinstance(dose, list) else doses[0]

    def _population_item(self, kind: str, context: Doc | None) -> bool:
        """A list item under "Who Needs More" and the like: the item names a group."""
        return kind == "list_item" and context is not None and any(
            p.search(unit_text(context)) for p in self.rules.population_item_context)

    def parse_regimens(self, doc: Doc, kind: str, context: Doc | None) -> Any:
        """parse() without the may_hold_dose shortcut."""
        if self._states_daily_share(doc):
            return None
        # "per serving" over foods is their content; over tablets or sprays it is a dose.
        food = context is not None and any(p.search(unit_text(context))
                                           for p in self.rules.food_content) \
            and not self._names_supplement(doc)
        if kind == "table_row" and _CELL_SEPARATOR in unit_text(doc):
            regimens = self._table_row(doc, context, food)
        else:
            regimens = self._segment(doc, 0, len(unit_text(doc)), food)
            if not regimens and self._population_item(kind, context):
                regimens = self._group_item(doc)
            if regimens and context is not None and kind != "sentence":
                # An item naming a group of its own ("people on long-standing metformin", a
                # group its regimen defines) does not take the lead-in's group.
                parts = self._context_parts(context)
                keys = ("substance", "frequency", "route", "population")
                if parts.get("population") is not None and \
                        any(r.parts["population"] is None for r in regimens) and \
                        self.populations(doc):
                    keys = keys[:3]
                self._fill_from(regimens, parts, keys)
        if not regimens:
            return None
        self._named_forms(doc, kind, regimens)
        dicts = [r.to_dict() for r in regimens]
        if kind == "sentence" and is_leadin(unit_text(doc)) and not any(
                d[k] is not None for d in dicts for k in ("amount", "frequency", "route",
                                                             "duration")):
            # A lead-in that only announces doses or groups ("Typical doses:", "People who
            # need extra vitamin D include:") states no claim without its list (decision 1).
            return None
        return dicts[0] if len(dicts) == 1 else dicts

    def _named_forms(self, doc: Doc, kind: str, regimens: list[Regimen]) -> None:
        """ "Tablet (cyanocobalamin)" under "B12 per dose", "vitamin B12 as methylcobalamin":
        a regimen of a nutrient takes the one form of it the unit names (in a sentence, the
        regimen's sentence) as its substance (decision 19)."""
        forms = self.rules.substance_forms
        if not any(r.parts["substance"] in forms for r in regimens):
            return
        spans = self.rules.substance_spans(doc)
        if not any(name in self.rules.all_forms for name, _, _ in spans):
            return
        text = unit_text(doc)
        ends = {doc[e - 1].idx + len(doc[e - 1].text) for name, _, e in spans if name in forms}
        named = [(name, doc[s].idx) for name, s, _ in spans if name in self.rules.all_forms
                 and not self._form_aside(text, doc[s].idx, ends)]
        taken = {r.parts["substance"] for r in regimens}
        bounds = [(0, len(text) + 1)] if kind == "table_row" else self._sentence_bounds(doc)
        for regimen in regimens:
            specific = forms.get(regimen.parts["substance"])
            if specific is None:
                continue
            start, end = next(((s, e) for s, e in bounds if s <= regimen.position < e), bounds[-1])
            found = {name for name, at in named if name in specific and start <= at < end}
            if len(found) == 1 and not found & taken:
                regimen.parts["substance"] = found.pop()

    def _form_aside(self, text: str, start: int, generic_ends: set[int]) -> bool:
        """A form named in brackets right after the nutrient ("vitamin B12 (as
        methylcobalamin)") or as an example of it ("particularly methylcobalamin")."""
        before = text[max(0, start - 30):start]
        if self.rules.form_example_before.search(before):
            return True
        bracket = _BRACKET_OPEN_AT_END.search(before)
        return bracket is not None and \
            len(text[:start - len(before) + bracket.start()].rstrip()) in generic_ends

    def _group_item(self, doc: Doc) -> list[Regimen]:
        """The item as written is the population ("Adults over 50", "After gastric surgery")."""
        written = unit_text(doc).strip().rstrip(".;,")
        if not written or not any(c.isalpha() for c in written):
            return []
        regimen = Regimen(0, 0)
        regimen.parts["population"] = _as_written(written)
        return [regimen]

    def _states_daily_share(self, doc: Doc) -> bool:
        """A food or portion's share of the daily need ("a portion of salmon gives you roughly
        a day's worth of B12"), with no form or supplement named: the food's content."""
        text = unit_text(doc)
        if not any(p.search(text) for p in self.rules.daily_share):
            return False
        if not any(FOOD_TAG in t.tag_ or t.lower_ in self.rules.daily_share_portions
                   for t in doc):
            return False
        return not self.routes(doc) and not any(t.lower_ in self.rules.daily_share_forms
                                                for t in doc)

    def _names_food_only(self, doc: Doc) -> bool:
        """A food is named and nothing says a supplement or a dose is taken."""
        if not any(FOOD_TAG in t.tag_ for t in doc):
            return False
        return not self._names_supplement(doc)

    def _names_supplement(self, doc: Doc) -> bool:
        """A supplement, a form or a word of taking is named ("tablet", "spray", "take")."""
        return bool(self.rules.supplement_words(doc)) or bool(self.routes(doc))

    def _context_parts(self, context: Doc) -> dict[str, Any]:
        """The parts a lead-in or header gives its items, found once per context doc (the
        items of a list share it; _fill_from only reads them)."""
        parts = context.user_data.get(CONTEXT_PARTS)
        if parts is None:
            regimens = self._segment(context, 0, len(unit_text(context)), False,
                                     require_signal=False)
            parts = context.user_data[CONTEXT_PARTS] = regimens[0].parts if regimens else {}
        return parts

    @staticmethod
    def _fill_from(regimens: list[Regimen], parts: dict[str, Any], keys: tuple[str, ...]) -> None:
        for regimen in regimens:
            for key in keys:
                if regimen.parts[key] is None and parts.get(key) is not None:
                    regimen.parts[key] = parts[key]

    def _table_row(self, doc: Doc, header: Doc | None, food: bool) -> list[Regimen]:
        text = unit_text(doc)
        cells = []
        start = 0
        for piece in text.split(_CELL_SEPARATOR):
            cells.append((start, start + len(piece)))
            start += len(piece) + len(_CELL_SEPARATOR)
        header_cells = unit_text(header).split(_CELL_SEPARATOR) if header is not None else []
        label_parts = self._segment(doc, *cells[0], food, require_signal=False)
        label = dict(label_parts[0].parts) if label_parts else {}
        if header_cells and header_cells[0].strip().lower() in self.rules.population_columns:
            # The first column names the group ("Age group | ..."): the cell as written.
            written = text[cells[0][0]:cells[0][1]].strip()
            if written and written.lower() != header_cells[0].strip().lower():
                label["population"] = _as_written(written)
        per_cell: list[list[Regimen]] = []
        compared: list[bool] = []
        row_has_amount = bool(self.amounts(doc))
        # A row that names its form and a count of it but no amount ("Multivitamin | 2 tablets
        # | Every day") is a dose as much as one with an amount: its schedule cells need no
        # word of taking either.
        row_has_dose = row_has_amount or any(
            m.start >= cells[min(1, len(cells) - 1)][0] for m in self.routes(doc))
        food_row = self._names_food_only(doc) or (
            header_cells and header_cells[0].strip().lower() in self.rules.food_columns)
        # A food table's figures are what its foods hold ("Homemade cottage pie | 1 portion |
        # 1.8 micrograms" under "Food | Portion | ..."), even when the food is no word of the
        # food list, unless the row names a supplement or a form (decision 13).
        food = food or bool(food_row) and not self._names_supplement(doc)
        label_form = not row_has_amount and not food and label.get("route") is not None
        if label.get("route") is None and header is not None and header_cells \
                and not food:
            # The first column's header is only a form ("Tablet | To begin | Can rise to"):
            # the drug each row names is taken in that form (decision 20).
            cell = header_cells[0]
            lead = len(cell) - len(cell.lstrip())
            label["route"] = next((m.value for m in self.routes(header)
                                   if m.start == lead and m.end == len(cell.rstrip())), None)
        for column, (a, b) in enumerate(cells):
            if column == 0 and len(cells) > 1:
                continue
            if column < len(header_cells) and \
                    self.rules.step_column.search(header_cells[column]) is not None:
                continue            # "Increase by": a titration step, no dose taken
            if column < len(header_cells) and \
                    header_cells[column].strip().lower() in self.rules.population_columns:
                # A "Best for" column: the group the row is for, when the cell names one.
                if label.get("population") is None and any(
                        a <= t.idx < b and POPULATION_TAG in t.tag_ for t in doc):
                    label["population"] = _as_written(text[a:b].strip())
                continue
            schedule = column < len(header_cells) and (row_has_dose or label_form) and \
                self.rules.schedule_column.search(header_cells[column]) is not None
            # A form the first cell names with no amount anywhere ("Capsaicin cream | A
            # pea-sized amount up to 4 times daily" under "Medicine | Typical adult dose"):
            # the dose column says how the form is used, with no word of taking.
            schedule = schedule or (label_form and column < len(header_cells) and
                                    self.rules.regimen_column.search(header_cells[column])
                                    is not None)
            found = self._segment(doc, a, b, food, require_signal=not schedule)
            if not found and row_has_amount and not schedule:
                # A cell that is only a schedule ("21:00 only", "At night") says when the
                # row's dose is taken, though its header is no schedule column.
                found = [r for r in self._segment(doc, a, b, food, require_signal=False)
                         if r.parts["frequency"] is not None and
                         self._only_schedule(text[a:b])]
            if schedule and self.rules.length_column.search(header_cells[column]) and found \
                    and all(r.parts["duration"] is None for r in found):
                bare = self.rules.bare_length.search(text[a:b])
                cell = text[a:b].strip().rstrip(".")
                if bare is not None:
                    found[0].parts["duration"] = bare.group(1)
                elif 0 < len(cell.split()) <= self.rules.length_cell_words:
                    # The whole cell says how long: "Up to five days", "While you take codeine".
                    found[0].parts["duration"] = _as_written(cell)
            # Not in a food table ("Beef liver, cooked | 3 ounces | 70.7"): food content.
            header_unit = self._header_unit(header_cells[column]) \
                if column < len(header_cells) and not food and not food_row else None
            if header_unit:
                found = sorted(found + self._bare_amounts(doc, a, b, header_unit, found),
                               key=lambda r: r.position)
            column_parts: dict[str, Any] = {}
            if column < len(header_cells) and header is not None and found:
                column_parts = {**self._header_cell_parts(header, header_cells, column),
                                "population": self._header_group(header_cells[column])}
                column_parts["frequency"] = column_parts.get("frequency") or \
                    self._header_time(header_cells[column])
                # A schedule the header implies ("Per daily dose") yields to one a cell of
                # the row states ("two sprays every other day" under "Directions").
                for r in found:
                    if r.parts["frequency"] is None and column_parts.get("frequency"):
                        r.yielding.add("frequency")
                self._fill_from(found, column_parts,
                                ("substance", "frequency", "route", "population"))
            per_cell.append(found)
            compared.append(column_parts.get("route") is not None or (
                column < len(header_cells) and self.rules.regimen_column.search(
                    header_cells[column]) is not None))
        strength = [r for r in label_parts if r.parts["amount"] is not None]
        if len(strength) == 1 and not any(r.parts["amount"] is not None
                                          for cell in per_cell for r in cell):
            # The row's only amount is the strength its first cell names ("Senna 7.5 mg
            # tablets | Two tablets at night"): the dose the other cells say how to take.
            per_cell.insert(0, strength)
            compared.insert(0, False)
        # A group one dose column's header names ("Typical adult dose", "First course (adults
        # and children)") is the row's, named once: every regimen of the row takes it ("Daily
        # limit" beside it too), unless another column names another group (decision 21).
        groups = {self._header_group(h) for h in header_cells[1:]} - {None}
        if label.get("population") is None and len(groups) == 1:
            label["population"] = groups.pop()
        for found in per_cell:
            self._fill_from(found, label, ("substance", "route", "population")
                            if label_form or not self.rules.label_form_denied.search(
                                text[cells[0][0]:cells[0][1]])
                            else ("substance", "population"))
        if label_form and not any(per_cell) and label_parts and self._segment(
                doc, *cells[0], food):
            # Nothing but the form the first cell names ("Steroid injection into the spine
            # | 25% | 35%"): that form is the row's regimen, as it is in a sentence.
            per_cell = [label_parts]
            compared = [False]
        regimens = self._merged_how_to_take(per_cell, compared, text)
        # A cell that only mentions a dose ("Takes longer to reach a helpful dose") adds no
        # regimen to a row whose other cells give one (decision 22 is for a unit with none).
        stated = [r for r in regimens if any(r.parts[k] is not None for k in _REGIMEN_PARTS)]
        return stated or regimens

    def _only_schedule(self, cell: str) -> bool:
        """The cell holds one frequency phrase and nothing else but punctuation."""
        found = self.phrases(cell, "frequency")
        return len(found) == 1 and not (cell[:found[0].start] + cell[found[0].end:]).strip(" .,;")

    def _header_unit(self, header_cell: str) -> str | None:
        """The dose unit a column header gives its cells ("Folate (µg/day)" -> mcg)."""
        for word in _LETTERS.findall(header_cell.lower()):
            if word in self.rules.unit_of:
                return self.rules.unit_of[word]
        return None

    def _bare_amounts(self, doc: Doc, a: int, b: int, unit: str,
                      found: list[Regimen]) -> list[Regimen]:
        """A number that opens a cell under a header with a unit ("200", "1.5") is an amount
        in that unit, unless the cell already gives an amount there."""
        match = _BARE_NUMBER.match(unit_text(doc), a, b)
        if match is None or match.group(3).lower() in self.rules.unit_of:
            return []
        start, end = match.start(1), match.end(2) if match.group(2) else match.end(1)
        if any(r.parts["amount"] is not None and start <= r.position < end for r in found):
            return []
        low, high = _number(match.group(1)), _number(match.group(2) or "")
        if low is None:
            return []
        regimen = Regimen(start, 0, end)
        regimen.parts["amount"] = [low, high] if high is not None else low
        regimen.parts["unit"] = unit
        return [regimen]

    def _merged_how_to_take(self, per_cell: list[list[Regimen]],
                            compared: list[bool], text: str = "") -> list[Regimen]:
        """A product row ("Melts | Lozenge | 1,000µg | One lozenge daily, under the tongue"):
        when one cell gives the row's only amount, the cells that only say how to take it
        (its form, how often) are the same regimen. Cells under headers that name a form or
        a dose ("Oral B12 | Injections", "Usual starting dose | Usual maximum") compare
        regimens and each keep their own. When one cell gives several amounts (a starting
        dose and the dose built up to: "10 mg to start, then ... 25 and 75 mg"), a cell that
        only says how to take them ("Tablet at bedtime") is said of each."""
        with_amount = [r for cell in per_cell for r in cell if r.parts["amount"] is not None]
        doses = [cell for cell, compares in zip(per_cell, compared) if compares and cell]
        how = [cell for cell, compares in zip(per_cell, compared) if not compares and cell]
        if len(doses) > 1 and how and all(r.parts["amount"] is None for cell in how
                                          for r in cell):
            # "Amitriptyline | tablet by mouth at night | 10 mg | 50 mg" under "... | How it
            # is taken | First dose | Usual top dose": the doses compared each take the form
            # and the time the other cell says (a top dose's own schedule stays its own).
            for cell in doses:
                for dose in cell:
                    self._take_how(dose, [r for c in how for r in c])
            return [r for cell in doses for r in cell]
        if not with_amount and len(per_cell) > 1 and len(per_cell[0]) == 1 \
                and per_cell[0][0].parts["route"] is not None \
                and (not compared[0] or len(doses) == 1):
            # No amount: the form the first cell names and counts ("2 tablets") is the dose,
            # also under a "Dose" header when no other column compares ("Co-codamol 30/500 |
            # one or two tablets | up to four times a day" under "Medicine | Dose | When").
            with_amount = per_cell[0][:]
        dose_cells = [cell for cell in per_cell if any(r in with_amount for r in cell)]
        if len(dose_cells) != 1:
            return [r for cell in per_cell for r in cell]
        absorbed: list[list[Regimen]] = []       # cells said of the dose
        for cell, compares in zip(per_cell, compared):
            says_how_often = len(with_amount) == 1 and with_amount[0].parts["frequency"] is None \
                and any(r.parts["frequency"] is not None for r in cell)
            phases = [r for r in cell if r.parts["frequency"] is not None]
            if len(with_amount) > 1 and len(phases) == len(with_amount) \
                    and cell is not dose_cells[0] and all(r.parts["amount"] is None for r in cell) \
                    and all(r.parts["frequency"] is None for r in with_amount):
                # "25 to 50 micrograms tablet, or 1,000 micrograms | Daily, or twice a week":
                # as many schedules as the dose cell's amounts, one for each in turn.
                for target, phase in zip(with_amount, phases):
                    self._take_how(target, [phase])
                absorbed.append(cell)
                continue
            if says_how_often and len(phases) > 1 and cell is not dose_cells[0] \
                    and all(r.parts["amount"] is None for r in cell):
                # "Every 3 months, or every 2 months after nerve symptoms", "once a week for 4
                # weeks, then once a month": the one dose on each schedule (decision 21).
                dose = with_amount[0]
                copies = [Regimen(dose.position, dose.sentence, dose.end, dict(dose.parts))
                          for _ in phases[1:]]
                with_amount = [dose, *copies]
                for copy in copies:
                    dose_cells[0].insert(dose_cells[0].index(dose) + 1, copy)
                for target, phase in zip(with_amount, phases):
                    self._take_how(target, [phase])
                absorbed.append(cell)
                continue
            counts_form = len(with_amount) == 1 and not next(
                c for d, c in zip(per_cell, compared) if d is dose_cells[0]) and all(
                r.parts["route"] is not None and all(
                    r.parts[k] is None for k in ("amount", "frequency", "duration"))
                for r in cell)
            if cell is not dose_cells[0] and cell and (says_how_often or not compares
                                                      or counts_form) \
                    and all(r.parts["amount"] is None for r in cell):
                # counts_form: "Paracetamol 500 mg tablets | two tablets | ..." under
                # "Medicine | Dose | ...": a dose column that only counts the form the strength
                # is given in says how many of that dose, no regimen of its own (a count
                # beside a dose column's own amount is a maximum compared with it).
                for dose in self._phase_length_takers(text, with_amount, cell):
                    self._take_how(dose, cell)
                absorbed.append(cell)
        return [r for cell in per_cell if not any(cell is a for a in absorbed) for r in cell]

    @staticmethod
    def _phase_length_takers(text: str, doses: list[Regimen],
                             cell: list[Regimen]) -> list[Regimen]:
        """ "Hydroxocobalamin 1 mg ..., six doses over two weeks, then every three months |
        Lifelong": a cell that only says how long, beside doses given one after another, is
        the length of the last (the first ones end when the next begins); beside doses
        offered as alternatives ("10 micrograms every day, or 2,000 micrograms each week |
        For as long as the diet continues") it is said of each."""
        if len(doses) < 2 or not all(
                r.parts["duration"] is not None and all(
                    r.parts[k] is None for k in DOSAGE_KEYS if k not in ("duration", "substance"))
                for r in cell):
            return doses
        ordered = sorted(doses, key=lambda r: r.position)
        gaps = [text[a.end:b.position] for a, b in zip(ordered, ordered[1:])]
        if text and all(_PHASE_GAP.search(g) for g in gaps):
            return [ordered[-1]]
        return doses

    def _take_how(self, dose: Regimen, how: list[Regimen]) -> None:
        """The dose takes how often, how long, for whom and what (a product cell: "Hydroxocobalamin
        injection | 1 mg | Every 3 months") from the regimens that say how to take it (the first
        that says each), and the most specific route said ("lozenge" is oral, "under the tongue"
        sublingual)."""
        for key in ("frequency", "duration", "population", "substance"):
            if key in dose.yielding and any(
                    r.parts[key] is not None and not (
                        key == "frequency"
                        and self.rules.restating_schedule.fullmatch(r.parts[key]))
                    for r in how):
                dose.parts[key] = None
                dose.yielding.discard(key)
            dose.parts[key] = dose.parts[key] or next(
                (r.parts[key] for r in how if r.parts[key] is not None), None)
        routes = [r for r in (dose.parts["route"], *(r.parts["route"] for r in how)) if r]
        priority = self.rules.route_priority
        dose.parts["route"] = min(routes, key=lambda r: priority.get(r, 99), default=None)

    def _header_group(self, header_cell: str) -> str | None:
        """The group a dose column's header names ("Usual adult dose" -> adults, "Dose for
        adults", "First course (adults and children)" -> adults and children)."""
        groups = dict.fromkeys(self.rules.header_groups[w]
                               for w in _header_words(header_cell)
                               if w in self.rules.header_groups)
        return " and ".join(groups) or None

    def _header_time(self, header_cell: str) -> str | None:
        """The time of day a dose column's header names ("Morning dose" -> morning)."""
        return next((w for w in _header_words(header_cell) if w in self.rules.header_times),
                    None)

    def _header_cell_parts(self, header: Doc, cells: list[str], column: int) -> dict[str, Any]:
        start = sum(len(c) + len(_CELL_SEPARATOR) for c in cells[:column])
        found = self._segment(header, start, start + len(cells[column]), False,
                              require_signal=False)
        return found[0].parts if found else {}

    def _segment(self, doc: Doc, a: int, b: int, food: bool,
                 require_signal: bool = True) -> list[Regimen]:
        """Regimens from the text doc.text[a:b] (a unit, or one cell of a table row)."""
        text = unit_text(doc)
        inside = lambda m: a <= m.start and m.end <= b      # noqa: E731
        asides = self._asides(text, a, b)
        keep = lambda m: inside(m) and not any(s <= m.start < e for s, e in asides)  # noqa: E731
        amounts = [] if food else [m for m in self.amounts(doc) if keep(m)]
        amounts = self._without_restated_strengths(text, amounts)
        splits = [(m.start(), m.end()) for p in self.rules.amount_restating
                  for m in p.finditer(text, a, b)]
        amounts = [m for m in amounts if not any(s < m.start and m.end <= e for s, e in splits)]
        daily_targets: list[tuple[int, int]] | None = None
        if amounts and self._names_food_only(doc):
            # What foods hold is no dose, but a day's total to reach from them is ("fortified
            # foods twice a day, aiming for at least 3 micrograms a day"); how often the food
            # is eaten is not its schedule (decision 13).
            daily_targets = [(m.end, t.end()) for m in amounts
                             if (t := self.rules.daily_target_after.match(text, m.end))
                             and not self.rules.daily_content_before.search(
                                 text, max(0, m.start - 40), m.start)]
            amounts = [m for m in amounts if any(s == m.end for s, _ in daily_targets)]
        routes = self._without_denied_forms(text, a, b, [m for m in self.routes(doc) if keep(m)],
                                            amounts)
        routes = self._without_time_forms(doc, text, routes)
        # Not how often something is checked ("her B12 is now checked once a year").
        freqs = [m for m in self.phrases(text[a:b], "frequency", a) if keep(m)
                 and not self.rules.not_frequency_after.search(text[a:m.start])
                 and not self.rules.not_frequency_before.match(text, m.end, b)]
        if daily_targets:
            freqs = [m for m in freqs if any(s <= m.start < e for s, e in daily_targets)]
        # A form named inside a schedule ("a 1 mg injection three times weekly ..., then one
        # jab a quarter") is the schedule's own word, no regimen of its own, when the form is
        # named outside it too.
        # Not a form after the amount inside a loading count ("six hydroxocobalamin 1 mg jabs
        # in the first fortnight", blind26): the amount's form.
        in_schedule = [r for r in routes if any(
            f.start <= r.start and r.end <= f.end
            and not any(f.start <= m.start and m.end <= r.start for m in amounts)
            for f in freqs)]
        if in_schedule and any(r not in in_schedule and r.value == s.value
                               for s in in_schedule for r in routes):
            routes = [r for r in routes if r not in in_schedule or not any(
                o not in in_schedule and o.value == r.value for o in routes)]
        # Not how long an effect lasts ("gives relief for several months"), a dose is built
        # up ("increased over several weeks") or a condition has been had.
        durations = [m for m in self.phrases(text[a:b], "duration", a) if keep(m)
                     and not self.rules.not_duration_after.search(text[a:m.start])]
        durations = [self._of_use(doc, text, a, d) for d in durations]
        if not amounts and not freqs:
            # "advice on folic acid supplements before and during pregnancy": a time of life
            # is a length only beside a dose or a schedule.
            durations = [d for d in durations
                         if not self.rules.dose_only_duration.fullmatch(str(d.value))]
        if any(d.named for d in durations):
            durations = [self._with_count(text, d) for d in durations
                         if not d.named or self._length_of(doc, text, d)]
        if freqs or durations:
            freqs, durations = self._without_device_times(text, a, freqs, durations)
        # "for up to 12 hours a day": the "a day" belongs to the duration.
        freqs = [f for f in freqs if not any(d.start <= f.start and f.end <= d.end
                                             for d in durations)]
        # "six over two weeks": the period belongs to the loading count.
        durations = [d for d in durations if not any(f.start <= d.start and d.end <= f.end
                                                     for f in freqs)]
        if durations and freqs:
            durations = [d for d in durations if not self._qualifies_schedule(text, d, freqs)]
        levels = [m for m in self.levels(doc) if keep(m)]
        if require_signal and not self._signal(text[a:b], amounts, routes, freqs, durations,
                                               levels) \
                and not self._timed_drug(doc, text, a, b, freqs) \
                and not self._schedule_after_drug(doc, text, a, b, freqs):
            return []
        if routes and not (amounts or freqs or durations or levels) \
                and self.rules.price.search(text, a, b) \
                and not any(a <= doc[s].idx < b for _, s, _ in self.rules.substance_spans(doc)):
            return []           # "sells injections at £35 each": a price, not a regimen
        populations = [m for m in self.populations(doc) if inside(m)]
        if populations:
            # A group defined by the regimen itself ("people taking 1,500 mg a day for 4 years")
            # is not a population; a form inside a group ("people who dislike swallowing
            # pills") is not a regimen.
            parts = amounts + freqs + durations
            defined = [p for p in populations
                       if any(p.start <= m.start and m.end <= p.end
                              and not self.rules.group_refuses.search(text, p.start, m.start)
                              for m in parts)]
            populations = self._not_listed_with(text, [p for p in populations
                                                       if p not in defined], defined)
            kept = [r for r in routes
                    if not any(p.start <= r.start and r.end <= p.end for p in populations)]
            # Unless the group's form is the unit's only part and the group has it ("A few
            # members who have jabs said ...", "members on weight-loss injections"): the form
            # is taken, and the group is no population.
            if len(kept) < len(routes) and (not require_signal or self._signal(
                    text[a:b], amounts, kept, freqs, durations, levels)
                    or not any(self.rules.group_has_form.search(text, p.start, r.start)
                               for r in routes for p in populations
                               if p.start <= r.start and r.end <= p.end)):
                routes = kept
                if require_signal and not self._signal(text[a:b], amounts, routes, freqs,
                                                       durations, levels):
                    return []
            elif len(kept) < len(routes):
                populations = [p for p in populations
                               if not any(p.start <= r.start and r.end <= p.end for r in routes)]
        # Drugs named in the span; those that define a group ("metformin users") are the
        # group's, not a regimen's.
        mentioned = [m for m in self.substances(doc) if inside(m)]
        # "Amitriptyline, an old antidepressant in tablet form": a class set off after a named
        # drug describes it; the drug is the substance.
        mentioned = [m for k, m in enumerate(mentioned)
                     if not (k and m.unit == "weak" and mentioned[k - 1].unit != "weak"
                             and self.rules.apposition_gap.fullmatch(text, mentioned[k - 1].end, m.start))]
        substances = [m for m in mentioned if not self._defines_group(text, m, populations)]
        if len(substances) > 1:
            substances = self._without_failed_drugs(text, substances)
        # A group its clause puts at risk keeps its forms and drugs out of the regimens (as a
        # population does) but is no population.
        populations = [p for p in populations if not self._at_risk(doc, p.end)]
        sentences = self._sentence_bounds(doc)
        sentence_of = lambda pos: next(                       # noqa: E731
            (k for k, (s, e) in enumerate(sentences) if s <= pos < e), len(sentences) - 1)

        anchors: list[Regimen] = []
        attach_freqs = list(freqs)
        attach_durations = list(durations)
        shared_route: str | None = None
        clauses = None if amounts or levels else self._clause_regimens(
            text, a, b, mentioned, routes, freqs, durations, sentence_of)
        if not amounts:
            routes = self._specific_routes(routes)
        # With no amount, each schedule is a regimen ("six over two weeks and then one every
        # three months"); a weak one ("usually on Mondays, Wednesdays and Fridays") beside a
        # schedule only restates it.
        anchor_freqs = [f for f in freqs if f.unit is None] or freqs
        # "one capsule every morning before breakfast", "two tablets four times a day, at
        # least 4 hours apart": a meal or a gap right after a schedule restates it.
        anchor_freqs = [f for k, f in enumerate(anchor_freqs) if not (
            k and self.rules.restating_schedule.fullmatch(f.value)
            and re.fullmatch(r"[\s,;]*", text[anchor_freqs[k - 1].end:f.start]))]
        if amounts:
            for m in amounts:
                regimen = Regimen(m.start, sentence_of(m.start))
                regimen.parts["amount"], regimen.parts["unit"] = m.value, m.unit
                regimen.end = m.end
                anchors.append(regimen)
            for route in routes:
                target = self._route_target(text, anchors, route, sentence_of)
                if target is None:
                    regimen = Regimen(route.start, sentence_of(route.start))
                    regimen.parts["route"] = route.value
                    regimen.end = route.end
                    anchors.append(regimen)
                    anchors.sort(key=lambda r: r.position)
                elif target.parts["route"] is None or \
                        self._specifies(target.parts["route"], route.value):
                    target.parts["route"] = route.value
                    if route.start < target.position:
                        target.first = route.start
            # "Some people inject themselves, ... putting 1 mg under the skin once a week": a
            # generic form left alone names the kind a later dose of its sentence is given by
            # (one after the dose is a next phase's: "..., followed by a maintenance jab every
            # three months", blind14).
            anchors = [r for r in anchors if not (
                r.parts["amount"] is None and r.parts["route"] in self.rules.route_generic
                and any(o is not r and o.sentence == r.sentence and o.parts["amount"] is not None
                        and r.position < o.position
                        and self._specifies(r.parts["route"], o.parts["route"] or "")
                        for o in anchors))]
            self._share_leading_route(text, anchors, routes, substances, sentence_of)
            # "a single 300 mg capsule on day one, climbing to 300 mg at breakfast, lunch and
            # bedtime": the dose a titration rises to is made of the unit the first dose is
            # counted in (a capsule or tablet right after its amount); a route said of the
            # first dose alone ("500 mg by mouth twice a day, rising to 1,000 mg") is its own.
            for previous, following in zip(anchors, anchors[1:]):
                if previous.parts["route"] and following.parts["route"] is None \
                        and previous.sentence == following.sentence \
                        and self.rules.dose_unit_after.match(text, previous.end) \
                        and self.rules.titration_gap.fullmatch(text, previous.end, following.position):
                    following.parts["route"] = previous.parts["route"]
            # "tablets of 1,000 or 2,000 micrograms": amounts joined by a bare "or" are
            # alternatives of one form, which either may carry (decision 21).
            for previous, following in zip(anchors, anchors[1:]):
                if re.fullmatch(r"\s+or\s+", text[previous.end:following.position]):
                    route = previous.parts["route"] or following.parts["route"]
                    previous.parts["route"] = following.parts["route"] = route
            # "omeprazole for heartburn every day for over ten years, and metformin, 1 g twice
            # a day": a drug with its own schedule and no amount, before another drug's dose,
            # is a regimen of its own.
            own = self._scheduled_drugs(text, anchors, substances, attach_freqs,
                                        attach_durations, routes)
            if own:
                taken = {id(m) for r, ms in own for m in ms}
                attach_freqs = [f for f in attach_freqs if id(f) not in taken]
                attach_durations = [d for d in attach_durations if id(d) not in taken]
                anchors.extend(r for r, _ in own)
            # "a course of cyanocobalamin tablets usually replaces the jabs, at 50 micrograms
            # ...": the regimens in the order their first parts are written.
            anchors.sort(key=lambda r: r.start)
        elif len({r.value for r in routes}) >= 2:
            for route in routes:
                if any(r.parts["route"] == route.value for r in anchors):
                    continue
                regimen = Regimen(route.start, sentence_of(route.start))
                regimen.parts["route"] = route.value
                regimen.end = route.end
                anchors.append(regimen)
        elif len(anchor_freqs) >= 2:
            for freq in anchor_freqs:
                regimen = Regimen(freq.start, sentence_of(freq.start))
                regimen.parts["frequency"] = freq.value
                regimen.end = freq.end
                anchors.append(regimen)
            attach_freqs = [f for f in freqs if f not in anchor_freqs]
            # A route stated once for all of them ("injections are given on ... then ...").
            shared_route = routes[0].value if routes else None
        elif clauses:
            anchors = clauses
            attach_freqs, attach_durations = [], []
            # A group its clause's drug defines ("Women ..., taking metformin for polycystic
            # ovary syndrome, or on ...") is no population: the drug is the regimen's.
            drugs = [m for m in mentioned if m.value in {r.parts["substance"] for r in clauses}]
            populations = [p for p in populations
                           if not any(p.start <= m.start and m.end <= p.end for m in drugs)]
        else:
            signals = sorted(routes + durations + levels + freqs, key=lambda m: m.start)
            position = signals[0].start if signals else a
            regimen = Regimen(position, sentence_of(position))
            # It ends where its first part does: a drug right after it is its own ("his
            # seventeen years on metformin", "a gel such as ibuprofen 5%"); not past a drug
            # the part holds ("an epidural steroid injection", "oral B12 tablets").
            regimen.end = signals[0].end if signals and not any(
                signals[0].start <= m.start < signals[0].end for m in substances) else position
            if routes:
                regimen.parts["route"] = routes[0].value
            anchors.append(regimen)
        if shared_route:
            for regimen in anchors:
                regimen.parts["route"] = regimen.parts["route"] or shared_route
        self._attach(text, anchors, attach_freqs, "frequency", sentence_of, substances,
                     durations)
        self._attach(text, anchors, attach_durations, "duration", sentence_of)
        self._share_opening_length(text, anchors, attach_durations, sentences)
        for regimen in anchors:
            if regimen.parts["frequency"] is not None and regimen.parts["duration"] is not None \
                    and self._gives_way(regimen.parts["duration"]):
                regimen.parts["duration"] = None
        self._attach_named(text, anchors, substances, "substance", sentence_of)
        if amounts and routes:
            anchors = self._form_of_the_dose(text, anchors, routes, substances)
        self._attach_named(text, anchors, populations, "population", sentence_of)
        return self._split_coordinated(text, anchors, substances, sentence_of, routes)

    def _scheduled_drugs(self, text: str, anchors: list[Regimen], substances: list[Mention],
                         freqs: list[Mention], durations: list[Mention],
                         routes: list[Mention] = ()) -> list[tuple[Regimen, list[Mention]]]:
        """ "Papà had taken omeprazole for heartburn every day for over ten years, and
        metformin, 1 g twice a day": a drug named with no amount, whose own schedule or length
        follows it (own_schedule_gap_regex between them), and then another drug joined by
        "and", "plus" or "with" (own_schedule_joiner_regex) before that drug's dose, is a
        regimen of its own holding those parts (decision 21). Returns each with the parts it
        takes."""
        rules = self.rules
        found = []
        named = sorted((m for m in substances if m.unit != "weak"), key=lambda m: m.start)
        for k, m in enumerate(named[:-1]):
            following = named[k + 1]
            if following.value == m.value:
                continue
            dose = next((r for r in anchors if r.position >= m.start), None)
            if dose is None or any(r.position < m.start and r.sentence == dose.sentence
                                   for r in anchors):
                continue            # no dose after, or the sentence's first dose before it
            # The other drug or its dose comes next ("and metformin, 1 g", "plus 1 g of
            # metformin").
            nxt = min(following.start, dose.position)
            parts = sorted((x for x in freqs + durations if m.end <= x.start and x.end <= nxt),
                           key=lambda x: x.start)
            if not parts:
                continue
            # Its form may stand between them ("Ibuprofen gel three times a day, plus
            # paracetamol 1 g ..."): the form is its own, not the later dose's.
            form = next((r for r in routes if m.end <= r.start and r.end <= parts[0].start),
                        None)
            if not rules.own_schedule_gap.fullmatch(text, form.end if form else m.end,
                                                    parts[0].start) \
                    or not self._parts_in_a_row(text, m, form, parts) \
                    or not rules.own_schedule_joiner.fullmatch(text, parts[-1].end, nxt):
                continue
            found.append((self._own_regimen(m, form, parts, dose, routes,
                                            lambda r: r.start >= parts[-1].end), parts))
        # "Naproxen 500 mg twice a day, with omeprazole every morning": a drug added after the
        # sentence's last dose, with a schedule or length of its own right after it (and
        # perhaps its form), is a regimen of its own too.
        for k, m in enumerate(named):
            if k == 0 or named[k - 1].value == m.value:
                continue
            last = max((r for r in anchors if r.position < m.start), default=None,
                       key=lambda r: r.position)
            if last is None or any(r.position > m.start and r.sentence == last.sentence
                                   for r in anchors):
                continue
            if not rules.own_schedule_after_gap.fullmatch(text, last.end, m.start):
                continue
            following = named[k + 1].start if k + 1 < len(named) else len(text)
            parts = sorted((x for x in freqs + durations
                            if m.end <= x.start and x.end <= following),
                           key=lambda x: x.start)
            if not parts:
                continue
            form = next((r for r in routes if m.end <= r.start and r.end <= parts[0].start),
                        None)
            if not re.fullmatch(r"\s*", text[form.end if form else m.end:parts[0].start]) \
                    or not self._parts_in_a_row(text, m, form, parts) \
                    or not re.match(r"\s*(?:[.,;)|]|$)", text[parts[-1].end:]):
                continue
            found.append((self._own_regimen(m, form, parts, last, routes,
                                            lambda r: r.end <= m.start), parts))
        return found

    @staticmethod
    def _parts_in_a_row(text: str, drug: Mention, form: Mention | None,
                        parts: list[Mention]) -> bool:
        """The drug's form, if any, right after it, and its schedule and length one after the
        other with at most commas between."""
        return (form is None or re.fullmatch(r"\s*", text[drug.end:form.start]) is not None) \
            and all(re.fullmatch(r"[\s,]*", text[x.end:y.start]) for x, y in zip(parts, parts[1:]))

    @staticmethod
    def _own_regimen(drug: Mention, form: Mention | None, parts: list[Mention],
                     dose: Regimen, routes: Sequence[Mention],
                     form_also_for_dose: Callable[[Mention], bool]) -> Regimen:
        """The regimen of a drug with its own schedule or length (_scheduled_drugs), in the
        sentence of the dose beside it. Its form is its own: the dose beside it keeps that
        route only when the same form is also named on the dose's side
        (`form_also_for_dose`)."""
        regimen = Regimen(drug.start, dose.sentence, drug.end)
        regimen.parts["substance"] = drug.value
        if form is not None:
            regimen.parts["route"] = form.value
            if dose.parts["route"] == form.value and not any(
                    r is not form and r.value == form.value and form_also_for_dose(r)
                    for r in routes):
                dose.parts["route"] = None
        for x in parts:
            key = "frequency" if x.kind == "frequency" else "duration"
            if regimen.parts[key] is None:
                regimen.parts[key] = x.value
        return regimen

    def _share_opening_length(self, text: str, anchors: list[Regimen], durations: list[Mention],
                              sentences: list[tuple[int, int]]) -> None:
        """A length opening its sentence ("For the first fortnight he took naproxen ..., with
        omeprazole ...") is said of every regimen of the sentence (decision 21: stated outside
        the regimens); only when it opens with a preposition of time (opening_length_regex),
        not a subject ("Long spells on metformin ..., and ... 1 mg ..."); not past a next
        phase ("..., then 1 mg every three months")."""
        for d in durations:
            k = next((k for k, (s, e) in enumerate(sentences) if s <= d.start < e), None)
            if k is None or text[sentences[k][0]:d.start].strip() \
                    or not self.rules.opening_length.match(text, d.start):
                continue
            same = [r for r in anchors if r.sentence == k]
            if not any(r.parts["duration"] == d.value for r in same):
                continue
            for regimen in same:
                gap = text[d.end:regimen.position]
                if regimen.parts["duration"] is not None or regimen.position <= d.end:
                    continue
                if ";" in gap or self.rules.phase_separator.search(gap):
                    break       # "..., then 1 mg every three months": a next phase
                regimen.parts["duration"] = d.value

    def _without_restated_strengths(self, text: str, amounts: list[Mention]) -> list[Mention]:
        """ "Two 60 mg capsules daily, so 120 mg": a total said after a count of a strength
        (the count times the strength, in the same unit) is the dose; it takes the strength's
        place, and the strength is no dose of its own."""
        kept = list(amounts)
        for first, total in zip(amounts, amounts[1:]):
            if not self.rules.total_gap.fullmatch(text, first.end, total.start):
                continue
            count = self.rules.strength_count_before.search(text, max(0, first.start - 12),
                                                            first.start)
            if count and self._count_makes(count.group(1), first, total):
                k = kept.index(first)
                kept[k] = Mention(first.kind, first.start, first.end, total.value, total.unit)
                kept.remove(total)
        # "The adult dose is 1 g, meaning two 500mg tablets": a dose, then the count of a
        # strength that makes it (in any mass unit); the strength is no dose of its own.
        for total, part in zip(amounts, amounts[1:]):
            if total not in kept or part not in kept:
                continue
            gap = self.rules.split_gap.fullmatch(text, total.end, part.start)
            if gap and self._count_makes(gap.group(1), part, total):
                kept.remove(part)
        return kept

    def _count_makes(self, count: str, strength: Mention, total: Mention) -> bool:
        """Whether `count` (a number or a number word) of `strength` is `total`, in the same
        unit or in two mass units (rules.mass_in_mg)."""
        if not isinstance(strength.value, (int, float)) \
                or not isinstance(total.value, (int, float)):
            return False
        number = self.rules.number_words.get(count.lower()) or _number(count)
        scale = self.rules.mass_in_mg
        if strength.unit == total.unit:
            ratio = 1.0
        elif strength.unit in scale and total.unit in scale:
            ratio = scale[strength.unit] / scale[total.unit]
        else:
            return False
        return bool(number) and abs(number * strength.value * ratio - total.value) < 1e-6

    def _clause_regimens(self, text: str, a: int, b: int, substances: list[Mention],
                         routes: list[Mention], freqs: list[Mention], durations: list[Mention],
                         sentence_of) -> list[Regimen] | None:
        """ "Daily metformin, heartburn tablets such as omeprazole taken for years, ...",
        "Those on metformin for diabetes, or on stomach-acid pills ... for months at a stretch":
        with no amount, drugs in clauses of their own (between commas) each hold the form,
        schedule and length written in their clause. A drug whose clause says none of them is
        an object of its own only when offered as an alternative ("or ..."; decision 19);
        otherwise it is left out. None unless every part lies in the clause of one drug and
        at least two clauses name a drug. A drug that defines a group ("Those on metformin
        for diabetes, or ...") counts here: the clause is the group's own."""
        parts = routes + freqs + durations
        if not parts or len(substances) < 2:
            return None
        sentence = sentence_of(substances[0].start)
        if any(sentence_of(m.start) != sentence for m in parts + substances):
            return None
        start, end = a, b
        for k in range(a, b):
            if sentence_of(k) == sentence:
                start = k
                break
        while end > start and sentence_of(end - 1) != sentence:
            end -= 1
        cuts, depth = [start], 0
        for k in range(start, end):
            ch = text[k]
            depth += ch == "("
            depth -= ch == ")" and depth > 0
            if ch in ",;" and depth == 0:
                cuts.append(k + 1)
        cuts.append(end)
        clauses = []
        trailing: list[Mention] = []
        for s, e in zip(cuts, cuts[1:]):
            inside = [m for m in substances if s <= m.start < e]
            strong = [m for m in inside if m.unit != "weak"] or inside
            if trailing and (strong or any(s <= m.start < e for m in parts)):
                return None
            if not strong:
                if any(s <= m.start < e for m in parts):
                    if not clauses:
                        return None     # a part in a clause that names no drug
                    # After the drugs ("Metformin, or acid-suppressing omeprazole, taken for
                    # years ..."): said of every alternative, checked below.
                    trailing = [m for m in parts if s <= m.start < e]
                continue
            if len(strong) > 1 or any(m.start < e < m.end for m in inside):
                return None
            own = [m for m in parts if s <= m.start < e]
            clauses.append((s, strong[0], own))
        if trailing:
            # Only of drugs offered as alternatives; a part of a drug's own clause stays its
            # own ("or heartburn capsules like lansoprazole, taken year after year").
            if len(clauses) < 2 or not all(
                    re.match(r"\s*or\b", text[s:]) for s, _, _ in clauses[1:]):
                return None
            clauses = [(s, drug, own + [m for m in trailing
                                        if not any(o.kind == m.kind for o in own)])
                       for s, drug, own in clauses]
        if len(clauses) < 2 or not any(own for _, _, own in clauses):
            return None
        # "Years on metformin for diabetes, or on acid blockers", "long-term users of
        # metformin, or of omeprazole": a part before the first drug's "on"/"of" is said of
        # every drug the repeated word brings in.
        first_start, first_drug, first_own = clauses[0]
        lead = re.search(r"\b(on|of|taking|using)\s+(?:[\w-]+\s+){0,2}$",
                         text[first_start:first_drug.start])
        shared = [m for m in first_own if m.end <= first_drug.start] if lead else []
        regimens = []
        for k, (s, drug, own) in enumerate(clauses):
            if k and shared and re.match(r"\s*or\s+" + lead.group(1) + r"\b", text[s:]):
                own = own + [m for m in shared
                             if not any(o.kind == m.kind for o in own)]
            offered = re.match(r"\s*or\b", text[s:]) or (
                k + 1 < len(clauses) and re.match(r"\s*or\b", text[clauses[k + 1][0]:]))
            if not own and not offered:
                continue
            first = min([drug] + own, key=lambda m: m.start)
            regimen = Regimen(first.start, sentence, first.end)
            regimen.parts["substance"] = drug.value
            for key, found in (("route", routes), ("frequency", freqs), ("duration", durations)):
                mine = [m for m in own if m in found]
                if mine:
                    regimen.parts[key] = mine[0].value
            regimens.append(regimen)
        return regimens

    def _without_time_forms(self, doc: Doc, text: str, routes: list[Mention]) -> list[Mention]:
        """ "sublingual methylcobalamin between jabs", "Once the jabs are finished, ... a tablet
        dissolved under the tongue", "maintenance after injections": a form named as the time
        around another form's regimen is no regimen of its own; alone ("the gap between
        injections") it still is."""
        if len({r.value for r in routes}) < 2:
            return routes
        kept = []
        for route in routes:
            sentence = self._sentence_at(doc, route.start)
            timed = self.rules.time_form_before.search(
                text, max(sentence[0], route.start - 30), route.start) is not None
            if timed and any(o.value != route.value and not self._specifies(route.value, o.value)
                             and not self._specifies(o.value, route.value)
                             and self._sentence_at(doc, o.start) == sentence
                             and not self.rules.time_form_before.search(
                                 text, max(sentence[0], o.start - 30), o.start)
                             for o in routes):
                continue
            kept.append(route)
        return kept

    @staticmethod
    def _form_of_the_dose(text: str, anchors: list[Regimen], routes: list[Mention],
                          substances: list[Mention]) -> list[Regimen]:
        """ "Vitamin B6 tablets are sold for ..., but doses above 10 mg a day ...", "ask about
        thiamine tablets; a common dose is 100 mg three times a day": a substance's form named
        with it, alone, and the sentence's one amount of that substance, with no form of its
        own, are one regimen: the form is how the dose is taken. So is a form the amount's
        own form repeats ("told to take tablets instead, and ... 1,000 microgram
        cyanocobalamin tablets, one a day"). A length said of the form ("long-term use of
        more than 10 mg a day") goes with it."""
        for route in routes:
            form = next((r for r in anchors if r.position == route.start
                         and r.parts["route"] == route.value
                         and r.parts["amount"] is None), None)
            if form is None or form.parts["substance"] is None:
                continue
            doses = [r for r in anchors if r.sentence == form.sentence
                     and r.parts["amount"] is not None]
            if len(doses) != 1 or len([r for r in anchors if r.sentence == form.sentence]) != 2:
                continue
            dose = doses[0]
            named = any(m.end <= route.start and not text[m.end:route.start].strip()
                        and m.value == form.parts["substance"] for m in substances)
            if not (named and dose.parts["route"] is None or
                    dose.parts["route"] == form.parts["route"]) or \
                    dose.parts["substance"] not in (None, form.parts["substance"]) or any(
                        form.parts[k] is not None and dose.parts[k] is not None
                        for k in ("frequency", "duration")):
                continue
            for key in ("route", "substance", "frequency", "duration"):
                dose.parts[key] = dose.parts[key] or form.parts[key]
            anchors = [r for r in anchors if r is not form]
        return anchors

    def _without_failed_drugs(self, text: str, substances: list[Mention]) -> list[Mention]:
        """ "Codeine may be prescribed ... when paracetamol alone is not enough": a drug named
        as what failed, in a condition, is not the drug taken, when another is named."""
        rules = self.rules
        failed = [m for m in substances
                  if rules.failed_drug_before.search(text, max(0, m.start - 20), m.start)
                  and rules.failed_drug_after.match(text, m.end)]
        if not failed or len(failed) == len(substances):
            return substances
        return [m for m in substances if m not in failed]

    def _without_device_times(self, text: str, a: int, freqs: list[Mention],
                              durations: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        """ "a wrist splint worn at night", "wore a splint every night for six weeks": the
        schedules and lengths right after a device (each right after the one before) are the
        device's, not a dose's (decision 14)."""
        dropped: set[int] = set()
        end = None
        for m in sorted(freqs + durations, key=lambda m: m.start):
            if end is not None and re.fullmatch(r"\s*,?\s*", text[end:m.start]):
                dropped.add(id(m))
                end = m.end
                continue
            end = None
            if self.rules.device_before_schedule.search(text, max(a, m.start - 60), m.start):
                dropped.add(id(m))
                end = m.end
        if not dropped:
            return freqs, durations
        return ([f for f in freqs if id(f) not in dropped],
                [d for d in durations if id(d) not in dropped])

    def _gives_way(self, duration: str) -> bool:
        """The duration is one that a stated schedule leaves out ("a course")."""
        if not isinstance(duration, str):
            return False
        written = duration + " of"          # the phrase is found before "of"
        return any((m := p.match(written)) is not None and m.end() == len(duration)
                   for p in self.rules.gives_way_to_frequency)

    def _with_count(self, text: str, duration: Mention) -> Mention:
        """ "nine years of metformin": the count before a length of use is part of it."""
        count = self.rules.length_count.search(text, 0, duration.start) \
            if duration.named else None
        if count is None:
            return duration
        written = text[count.start():duration.end]
        return Mention(duration.kind, count.start(), duration.end,
                       written[0].lower() + written[1:], duration.unit, duration.yields, True)

    def _length_of(self, doc: Doc, text: str, duration: Mention) -> bool:
        """ "nine years of metformin", "years on indigestion pills": a substance or a form is
        named within two words after "of" or "on" (and an article), and no amount right
        before."""
        after = re.match(r"\s+(?:of|on)\s+(?:(?:a|an|the)\s+)?((?:(?!(?:and|or)\s)[\w-]+\s+){0,2})",
                         text[duration.end:])
        before = text[max(0, duration.start - 20):duration.start]
        count = self.rules.length_count.search(before)
        if count is not None:
            before = before[:count.start()]
        if after is None or self.rules.length_of_not_after.search(before) or any(
                m.end <= duration.start and not text[m.end:duration.start].strip()
                for m in self.amounts(doc)):
            return False
        first, last = duration.end + after.start(1), duration.end + after.end()
        return any(first <= doc[s].idx <= last for _, s, _ in self.rules.substance_spans(doc)) \
            or any(first <= r.start <= last for r in self.routes(doc))

    def _qualifies_schedule(self, text: str, duration: Mention, freqs: list[Mention]) -> bool:
        """ "75 mg morning and night at first": right after a schedule, the phrase says when
        the schedule applies and is no duration."""
        return any(f.end <= duration.start and not text[f.end:duration.start].strip(" ,")
                   for f in freqs) and any(p.fullmatch(text, duration.start, duration.end)
                                           for p in self.rules.not_after_frequency)

    def _without_denied_forms(self, text: str, a: int, b: int, routes: list[Mention],
                              amounts: list[Mention]) -> list[Mention]:
        """ "ibuprofen gel if you cannot take tablets": a form in a condition that rules it
        out is no regimen, when an amount or another form is named outside the condition."""
        if not routes:
            return routes
        clauses = [(m.start(), m.end()) for p in self.rules.denied_form_clauses
                   for m in p.finditer(text, a, b)]
        if not clauses:
            return routes
        denied = [r for r in routes if any(s <= r.start and r.end <= e for s, e in clauses)]
        if denied and (amounts or len(denied) < len(routes)):
            return [r for r in routes if r not in denied]
        return routes

    def _share_leading_route(self, text: str, anchors: list[Regimen], routes: list[Mention],
                             substances: list[Mention], sentence_of) -> None:
        """ "oral cyanocobalamin 50 to 150 micrograms daily ..., or 1 mg daily": a route that
        names the form of the substance before the sentence's first amount is the shared
        subject of its regimens, so the later amounts with no route of their own take it
        (decision 21)."""
        for route in routes:
            if text[route.start:route.end].lower() in self.rules.route_verbs:
                continue        # "swallows amitriptyline 10 mg": how that dose is taken
            sentence = sentence_of(route.start)
            same = [r for r in anchors if r.sentence == sentence]
            amounts = [r for r in same if r.parts["amount"] is not None]
            if len(amounts) < 2 or amounts[0].position < route.end or \
                    amounts[0].parts["route"] != route.value:
                continue
            named = [m for m in substances if route.end <= m.start and m.end <= amounts[0].position]
            if self._form_is_the_subject(text, same, route, routes, sentence_of):
                named = []
            elif len(named) != 1 or not re.fullmatch(r"\s*,?\s*", text[route.end:named[0].start]) or \
                    not re.fullmatch(r"\s*", text[named[0].end:amounts[0].position]):
                # Or the form after the substance, then a comma ("hydroxocobalamin jabs,
                # usually 1 mg every other day ... and after that 1 mg each three months").
                before = [m for m in substances if m.end <= route.start]
                if not before or text[before[-1].end:route.start].strip() or \
                        not self.rules.leading_form_gap.fullmatch(text, route.end, amounts[0].position):
                    continue
            for regimen in amounts[1:]:
                regimen.parts["route"] = regimen.parts["route"] or route.value

    @staticmethod
    def _form_is_the_subject(text: str, same: list[Regimen], route: Mention,
                             routes: list[Mention], sentence_of) -> bool:
        """ "Duloxetine is a capsule taken once daily, usually 60 mg, although we sometimes
        begin at 30 mg", "a common oral regimen is 1000 µg twice a day ..., then 1000 µg once
        a day": the sentence's one form, said of the drug or the regimen before any amount,
        is the shared subject of all its amounts (decision 21)."""
        if any(r.value != route.value and sentence_of(r.start) == sentence_of(route.start)
               for r in routes):
            return False
        if any(r.parts["route"] not in (None, route.value) for r in same):
            return False
        start = max(text.rfind(stop, 0, route.start) for stop in (". ", "; ", ": ")) + 1
        return _FORM_SUBJECT.search(text, start, route.start) is not None \
            or _FORM_REGIMEN.match(text, route.end) is not None

    def _split_coordinated(self, text: str, anchors: list[Regimen], substances: list[Mention],
                           sentence_of, routes: list[Mention] = ()) -> list[Regimen]:
        """ "hydroxocobalamin or cyanocobalamin injections", "capsaicin cream or lidocaine
        plasters": one regimen per substance when the sentence gives one regimen; joined by
        "and" ("gabapentin and pregabalin"), the one regimen names them all. A form that is
        only part of one alternative's name ("metformin or indigestion tablets such as
        omeprazole") is that alternative's route alone."""
        # A drug class joined to a drug ("metformin or acid-reducing medicines") is one of
        # the alternatives, though alone it gives way to a named drug.
        strong = [m for m in substances if m.unit != "weak" or m.value in self.rules.drug_classes]
        groups: list[tuple[list[Mention], set[str]]] = []      # mentions, their joiners
        for m in strong:
            joiner = self._joiner(text, groups[-1][0][-1], m) if groups else None
            if joiner is not None:
                groups[-1][0].append(m)
                groups[-1][1].add(joiner)
            else:
                groups.append(([m], set()))
        for group, joiners in groups:
            names = [m.value for m in group]
            # "metformin, omeprazole or similar drugs": a list closed by an unnamed alternative.
            alternatives = bool(joiners & self.rules.alternatives) or (
                joiners == set(self.rules.list_joiners)
                and self.rules.list_ends_in_alternative.match(text, group[-1].end) is not None)
            sentence = sentence_of(group[0].start)
            same = [r for r in anchors if r.sentence == sentence]
            alone = self._bare_alternatives(text, same, group, names, alternatives)
            if alone:
                k = anchors.index(alone[0]) + 1
                anchors = anchors[:k] + alone[1:] + anchors[k:]
                continue
            if len(set(names)) < 2 or not (alternatives or joiners & self.rules.together):
                continue
            if len(same) != 1 or same[0].parts["substance"] not in names:
                continue
            original = same[0]
            if not alternatives:
                original.parts["substance"] = f"{', '.join(names[:-1])} and {names[-1]}"
                continue
            route = original.parts["route"]
            named_forms = [r for r in routes if r.value == route
                           and sentence_of(r.start) == sentence]
            owners = [m for m in group if any(m.start <= r.start and r.end <= m.end
                                              for r in named_forms)]
            own_form = bool(owners) and all(any(m.start <= r.start and r.end <= m.end
                                                for m in owners) for r in named_forms)
            copies = []
            for m in group:
                regimen = Regimen(m.start, original.sentence, m.end, dict(original.parts))
                regimen.parts["substance"] = m.value
                if own_form and m not in owners:
                    regimen.parts["route"] = None
                copies.append(regimen)
            k = anchors.index(original)
            anchors = anchors[:k] + copies + anchors[k + 1:]
        return anchors

    def _bare_alternatives(self, text: str, same: list[Regimen], group: list[Mention],
                           names: list[str], alternatives: bool) -> list[Regimen]:
        """ "duloxetine 60 mg once a day, pregabalin or amitriptyline", "amitriptyline 10 to 30
        mg at night, or duloxetine, for a few weeks": drugs offered as alternatives after a
        regimen of another drug, with no dose of their own, are one object each (decision 19),
        holding only the drug and a length said after them of all. Returns the regimen before
        them and the new ones, or []."""
        before = [r for r in same if r.position < group[0].start]
        if not before or any(r.position > group[0].start for r in same):
            return []
        previous = before[-1]
        if previous.parts["substance"] is None or previous.parts["amount"] is None \
                or any(r.parts["substance"] in names for r in same):
            return []
        gap = text[previous.end:group[0].start]
        # "400 mg three times daily ..., with paracetamol on top if you need it": a drug
        # added on top of the regimen is one of its own too.
        add_on = self.rules.add_on_before.search(gap) is not None \
            and self.rules.add_on_after.match(text, group[-1].end) is not None
        if len(gap) > 100 or re.search(r"[.;:()]", gap) or not (
                _OR_BEFORE.search(gap) or add_on
                or (alternatives and (gap.rstrip().endswith(",")
                                      or re.search(r",\s*and\s+$", gap)))):
            return []
        duration = previous.parts["duration"]
        shared = isinstance(duration, str) and duration in text[group[-1].end:]
        new = []
        for m in group:
            regimen = Regimen(m.start, previous.sentence, m.end)
            regimen.parts["substance"] = m.value
            regimen.parts["population"] = previous.parts["population"]
            if shared:
                regimen.parts["duration"] = duration
            new.append(regimen)
        return [previous, *new]

    def _joiner(self, text: str, first: Mention, second: Mention) -> str | None:
        """ "or", "and" or "," between two substances, with at most a form word ("cream")
        before it."""
        words = text[first.end:second.start].split()
        if words and words[0].lower().rstrip(",") in self.rules.route_words:
            words[0] = "," if words[0].endswith(",") else ""
        if len(words) > 1 and words[-1].lower() in self.rules.joiner_articles:
            words.pop()             # "metformin or an indigestion medicine"
        gap = " ".join(w for w in words if w).replace(" ,", ",")
        if gap == "with" and second.value in self.rules.together_with:
            return "and"            # "methylprednisolone with local anaesthetic"
        joiners = self.rules.alternatives | self.rules.list_joiners | self.rules.together
        return gap if gap in joiners else None

    def _signal(self, text: str, amounts: list[Mention], routes: list[Mention],
                freqs: list[Mention], durations: list[Mention], levels: list[Mention]) -> bool:
        """Whether the text says something is taken: an amount, a route, a dose level or a
        duration of use, or a frequency or duration next to a word of taking."""
        if amounts or routes or levels or any(m.unit is not None for m in durations):
            return True
        if any(m.unit is None for m in freqs) or durations:
            # "... the recommended daily intake.": a word before the full stop counts.
            # "It took about six weeks": how long something takes is no word of taking.
            words = {w.lower().rstrip(".") for w in _WORD.findall(self.rules.take_time.sub(" ", text))}
            return bool(words & self.rules.intake_words)
        return False

    def _timed_drug(self, doc: Doc, text: str, a: int, b: int, freqs: list[Mention]) -> bool:
        """A time of day right after a word of taking, with a drug named in its sentence
        ("Amitriptyline is sedating, which is why it is given at night"): when the drug is
        taken, though a time of day alone is no dose ("keeps you awake at night"), nor one
        said of another act ("I take a multivitamin most days" is how often, not when)."""
        weak = [f for f in freqs if f.unit is not None and (
            (last := _LAST_WORD.search(text, a, f.start)) is not None
            and last.group(1).lower() in self.rules.intake_words)]
        if not weak:
            return False
        named = [m for m in self.substances(doc) if m.unit != "weak" and a <= m.start < b]
        return any(self._sentence_at(doc, m.start) == self._sentence_at(doc, f.start)
                   for f in weak for m in named)

    def _schedule_after_drug(self, doc: Doc, text: str, a: int, b: int,
                             freqs: list[Mention]) -> bool:
        """ "clients need B12 every day without fail": a schedule right after a substance
        named is how often it is taken, as a length right after a drug is how long."""
        starts = {f.start for f in freqs if f.unit is None}
        return bool(starts) and any(
            a <= m.start and m.unit != "weak"
            and len(text) - len(text[m.end:].lstrip()) in starts
            for m in self.substances(doc))

    def _specifies(self, generic: str | None, route: str) -> bool:
        """ "Inject 1 mg subcutaneously": the specific route names the generic one."""
        return route in self.rules.route_generic.get(generic or "", ())

    def _specific_routes(self, routes: list[Mention]) -> list[Mention]:
        """Drop "injection" when the unit also says which kind ("intramuscular")."""
        named = {r.value for r in routes}
        for generic, specific in self.rules.route_generic.items():
            if generic in named and named & specific:
                routes = [r for r in routes if r.value != generic]
        return routes

    def _asides(self, text: str, a: int, b: int) -> list[tuple[int, int]]:
        spans = []
        for pattern in self.rules.aside:
            for m in pattern.finditer(text, a, b):
                end = re.search(r"[,;.](?:\s|$)", text[m.end():b])
                spans.append((m.start(), m.end() + end.start() if end else b))
        # A titration step ("going up by 10 mg every week") is no dose: the phrase as matched.
        for pattern in self.rules.steps:
            spans += [(m.start(), m.end()) for m in pattern.finditer(text, a, b)]
        return spans

    @staticmethod
    def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
        # token.is_sent_start is true where SENT_START is 1
        starts = [idx for idx, sent_start in doc.to_array([IDX, SENT_START]).tolist()
                  if sent_start == 1] or [0]
        ends = starts[1:] + [len(unit_text(doc)) + 1]
        return list(zip(starts, ends))

    @classmethod
    def _sentence_at(cls, doc: Doc, position: int) -> tuple[int, int]:
        """The (start, end) offsets of the unit's sentence that holds character `position`."""
        bounds = cls._sentence_bounds(doc)
        return next(((s, e) for s, e in bounds if s <= position < e), bounds[-1])

    def _route_target(self, text: str, anchors: list[Regimen], route: Mention,
                      sentence_of) -> Regimen | None:
        """The amount regimen a route belongs to, or None when it is a regimen of its own."""
        sentence = sentence_of(route.start)
        best = None
        best_distance = None
        # "1,000 micrograms each day for several months, with jabs instead when the nerves are
        # affected": a form offered instead, after a comma, is a regimen of its own.
        instead = _INSTEAD_AFTER.match(text, route.end) is not None
        for regimen in anchors:
            if regimen.sentence != sentence:
                continue
            if regimen.position <= route.start:
                between = text[regimen.end:route.start]
                if instead and "," in between:
                    continue
            else:
                between = text[route.end:regimen.position]
            if self.rules.separator.search(between) and not (
                    regimen.position <= route.start and self.rules.form_choice_gap.fullmatch(between)):
                continue
            # "jabs into muscle, 1 mg per shot": the generic form restates the specific one.
            if regimen.parts["route"] not in (None, route.value) and \
                    not self._specifies(regimen.parts["route"], route.value) and \
                    not self._specifies(route.value, regimen.parts["route"]):
                continue
            distance = len(between)
            if best_distance is None or distance < best_distance:
                best, best_distance = regimen, distance
        return best

    def _attach(self, text: str, anchors: list[Regimen], mentions: list[Mention], key: str,
                sentence_of, substances: list[Mention] | tuple = (),
                lengths: list[Mention] | tuple = ()) -> None:
        """Each mention goes to the nearest regimen before it in its sentence (else after).
        A second frequency after a separator is the next phase of the same treatment
        ("1,000 mcg injections ... on alternate days, then every 3 months"): its own regimen,
        with the route stated once for both (decision 21). A second frequency right after
        another substance joined by "and" or "or" ("pregabalin ... twice daily, ... and
        gabapentin three times daily") is that substance's regimen of its own."""
        for m in mentions:
            sentence = sentence_of(m.start)
            same = [r for r in anchors if r.sentence == sentence]
            if not same:
                continue
            # "a course of injections": the regimen the phrase is "of".
            of = [r for r in same if r.start >= m.end and
                  re.fullmatch(r"\s+of\s+(?:[\w-]+\s+){0,2}", text[m.end:r.start])]
            # "a weekly 2,000-microgram tablet", "a daily 25 to 100 mcg supplement": a schedule
            # said of the amount right after it.
            # Also after "or" ("... daily, or twice-yearly 1 mg injections") and "by" ("or in
            # some cases by daily tablets of 1,000 micrograms").
            if not of and key == "frequency" and re.search(r"\b(?:a|an|one|the|your|or|by)\s+$",
                                                           text[max(0, m.start - 6):m.start]):
                of = [r for r in same if r.position >= m.end and
                      (not text[m.end:r.position].strip()
                       or self.rules.form_holding.fullmatch(text, m.end, r.position))]
            before = [r for r in same if r.position <= m.start]
            # "he stops both after two weeks", "take both for a week": a length said of every
            # regimen before it.
            if key == "duration" and len(before) >= 2 and _BOTH_BEFORE.search(
                    text, max(0, m.start - 12), m.start):
                for r in before:
                    r.parts[key] = r.parts[key] or m.value
                continue
            target = of[0] if of else max(reversed(before), key=lambda r: r.position) if before \
                else same[0]
            if key == "frequency" and not of and not before \
                    and self._own_schedule_ahead(text, same, m, mentions):
                # "foods eaten two or more times daily, a 25 to 50 microgram tablet every
                # day, or ...": a schedule listed before the first dose, which has its own,
                # is an option of its own.
                regimen = Regimen(m.start, sentence, m.end)
                regimen.parts[key] = m.value
                anchors.append(regimen)
                anchors.sort(key=lambda r: r.position)
                continue
            if key == "duration" and target.position <= m.start \
                    and target.parts["frequency"] is not None \
                    and isinstance(m.value, str) and self.rules.own_season.fullmatch(m.value) \
                    and self.rules.own_season_gap.search(text, target.end, m.start):
                # "10 micrograms a day from October to March, and all year round if you rarely
                # go out": the same dose over another season is a regimen of its own.
                regimen = Regimen(m.start, sentence, m.end)
                for shared in ("amount", "unit", "frequency", "route"):
                    regimen.parts[shared] = target.parts[shared]
                regimen.parts[key] = m.value
                anchors.append(regimen)
                anchors.sort(key=lambda r: r.position)
            elif target.parts[key] is None or (key in target.yielding and not m.yields):
                # "until there is no further improvement, for up to 3 weeks": the stated
                # length replaces the stopping condition.
                target.parts[key] = m.value
                # A time of day before the dose ("For burning pain at night, ... 10 mg taken
                # a couple of hours before bed") gives way to the dose's own schedule.
                if m.yields or (key == "frequency" and m.unit is not None
                                and m.end <= target.position):
                    target.yielding.add(key)
                else:
                    target.yielding.discard(key)
                if key in ("frequency", "duration") and target.position <= m.start \
                        and not m.yields:
                    self._share_back(text, same, target, key, m, lengths)
            elif key == "frequency" and target.position <= m.start and any(
                    target.end <= n.start and not text[n.end:m.start].strip()
                    and _OWN_SUBSTANCE_JOINER.search(text, target.end, n.start)
                    for n in substances):
                regimen = Regimen(m.start, sentence, m.end)
                regimen.parts[key] = m.value
                anchors.append(regimen)
                anchors.sort(key=lambda r: r.position)
            elif key == "frequency" and target.parts[key] != m.value and \
                    target.position <= m.start and \
                    self.rules.phase_separator.search(text[target.end:m.start]):
                regimen = Regimen(m.start, sentence, m.end)
                regimen.parts[key] = m.value
                # The amount and form stated before both phases are theirs
                # ("hydroxocobalamin 1 mg IM on alternate days ..., then every 2 months").
                # Nor when the phase's schedule names its own dose by its form ("then one jab
                # a quarter"), as a form after the separator does ("then a shot each quarter").
                changed = not self.rules.phase_new_dose_words.isdisjoint(
                    w.lower() for w in _WORD.findall(text[target.end:m.end])) or (
                    isinstance(m.value, str) and not self.rules.route_words.isdisjoint(
                        w.lower() for w in _WORD.findall(m.value)))
                for shared in ("route",) if changed else ("route", "amount", "unit"):
                    regimen.parts[shared] = target.parts[shared]
                anchors.append(regimen)
                anchors.sort(key=lambda r: r.position)

    @staticmethod
    def _own_schedule_ahead(text: str, same: list[Regimen], m: Mention,
                            mentions: list[Mention]) -> bool:
        """A frequency before every regimen of its sentence, set off from the first by a
        list comma, when that regimen's own schedule follows it before the next regimen."""
        first = same[0]
        if first.parts["amount"] is None or \
                not re.fullmatch(r",\s*(?:(?:a|an|one|the)\s+)?", text[m.end:first.position]):
            return False
        following = [r.position for r in same if r.position > first.position]
        limit = following[0] if following else len(text)
        return any(n is not m and first.end <= n.start < limit for n in mentions)

    def _share_back(self, text: str, same: list[Regimen], target: Regimen, key: str,
                    m: Mention, lengths: list[Mention] | tuple = ()) -> None:
        """ "pyridoxine 100 mg and cyanocobalamin 1 mg three times a day": a frequency or
        length stated after the last of a list of amounts goes to the amounts before it that
        have none, back to the first one not joined to the next by "and", "or", "," or "plus"
        alone (shared_part_joiners). A length goes back only to amounts on the same schedule
        ("50 mg or 150 mg twice daily, ... for 12 weeks"), not to one with its own ("1,000
        micrograms once daily, or 1 mg three times a week for 2 weeks"). A frequency does not
        go back past a length stated between the two amounts: the earlier amount is a phase of
        its own ("30 mg for the first seven days and 60 mg every morning from then on")."""
        k = same.index(target)
        # "50 micrograms by mouth each day, or a big 2,000 microgram dose swallowed once weekly,
        # kept up indefinitely": a length set off by a comma after alternatives, or after drugs
        # taken alongside ("..., plus omeprazole 20 mg daily, for ten days"), is said of each,
        # whatever their schedules.
        set_off = key == "duration" and text[:m.start].rstrip().endswith(",")
        while k > 0:
            previous, following = same[k - 1], same[k]
            if previous.parts[key] is not None or previous.parts["amount"] is None \
                    or following.parts["amount"] is None:
                return
            gap = text[previous.end:following.position]
            alternatives = set_off and self.rules.set_off_length_joiners.search(gap) is not None \
                and not re.search(r"[.;:|()]", gap) and not self.rules.phase_separator.search(gap)
            if not alternatives:
                if key == "duration" and \
                        previous.parts["frequency"] != following.parts["frequency"]:
                    return
                if not self._joins_amounts(gap):
                    return
            if any(previous.end <= n.start and n.end <= following.position for n in lengths):
                return
            previous.parts[key] = m.value
            k -= 1

    def _joins_amounts(self, gap: str) -> bool:
        """The text between two amounts is a joiner ("and", ",") and at most a few words
        naming what is taken (" of vitamin B12 and ", ", pyridoxine ")."""
        if self.rules.phase_separator.search(gap):
            return False
        tokens = _GAP_TOKEN.findall(gap)
        if "".join(tokens) != re.sub(r"\s+", "", gap):
            return False                # other punctuation: ";", ":", a dash
        lowered = [t.lower() for t in tokens]
        joiners = [t for t in lowered if t in self.rules.shared_part_joiners]
        return bool(joiners) and len(tokens) - len(joiners) <= self.rules.shared_part_max_words \
            and self.rules.shared_part_stops.isdisjoint(lowered)

    def _attach_named(self, text: str, anchors: list[Regimen], mentions: list[Mention],
                      key: str, sentence_of) -> None:
        """Substance and population: one named in a sentence goes to all its regimens.
        A weak mention ("vitamin D deficiency") counts only when nothing else is named."""
        for sentence in {r.sentence for r in anchors}:
            named = [m for m in mentions if sentence_of(m.start) == sentence]
            strong = [m for m in named if m.unit != "weak"]
            named = strong or named[:1]
            regimens = [r for r in anchors if r.sentence == sentence]
            if not named:
                continue
            if len({m.value for m in named}) == 1:
                for r in regimens[self._own_group_from(text, regimens, named, key):]:
                    r.parts[key] = r.parts[key] or named[0].value
                continue
            for r in regimens:
                choice = self._adjacent(text, r, named) if key == "substance" else \
                    self._group_of_the_dose(text, r, named)
                if choice is None:
                    before = [m for m in named if m.start <= r.position]
                    after = [m for m in named if m.start > r.position]
                    choice = before[-1] if before else after[0]
                r.parts[key] = r.parts[key] or choice.value

    @staticmethod
    def _own_group_from(text: str, regimens: list[Regimen], named: list[Mention],
                        key: str) -> int:
        """The first regimen a group named once is said of: all of them, unless the group
        follows a later alternative set off by a comma and its joiner, with no comma between
        them ("60 mg once daily, or at 30 mg in people prone to nausea", "... daily, with
        injections kept for people who already have nerve symptoms"); one set off by a comma
        after the alternatives is theirs ("a daily 50 microgram supplement, or one 2,000
        microgram tablet a week, for vegans")."""
        if key != "population" or len(regimens) < 2:
            return 0
        last = max(regimens, key=lambda r: r.position)
        first_named = min(m.start for m in named)
        if first_named <= last.position or re.search(r"[,;]", text[last.position:first_named]):
            return 0
        if not _SET_OFF_ALTERNATIVE.search(text, 0, last.start):
            return 0
        return regimens.index(last) if regimens[-1] is last else 0

    def _group_of_the_dose(self, text: str, regimen: Regimen,
                           named: list[Mention]) -> Mention | None:
        """ "Children need less, from around 0.5 micrograms a day in toddlers": a group right
        after a dose and its schedule, after "for" or "in", is the dose's own, over a group
        named before it in the sentence."""
        for m in named:
            if m.start >= regimen.end and \
                    self.rules.own_group_gap.fullmatch(text, regimen.end, m.start):
                return m
        return None

    @staticmethod
    def _adjacent(text: str, regimen: Regimen, named: list[Mention]) -> Mention | None:
        """ "1,000 mcg of oral cyanocobalamin", "ferrous sulfate 200 mg": right next to it."""
        end = regimen.end
        for m in named:
            gap = text[end:m.start]
            if m.start >= end and re.fullmatch(r"\s*(?:of\s+)?(?:[\w-]+\s+){0,2}", gap) \
                    and len(gap) < 30 and not _JOINER_GAP.search(gap):
                return m
        for m in reversed(named):       # the nearest first: "anti-inflammatories, naproxen 250 mg"
            gap = text[m.end:regimen.position]
            if m.end <= regimen.position and re.fullmatch(r"[\s,]*(?:[\w-]+\s+){0,1}", gap):
                return m
        return None


@Language.factory("claim_dosage", default_config={"rules": "dosage.toml", "units": "units.toml"})
def make_claim_dosage(nlp: Language, name: str, rules: str, units: str) -> "ClaimDosage":
    return ClaimDosage(nlp, rules, units)


class ClaimDosage:
    """Sets doc._.dosage: None, or the unit's dosage object(s)."""

    def __init__(self, nlp: Language, rules: str, units: str):
        register_unit_extensions()
        self.parser = DosageParser(DosageRules(nlp, rules, units))

    def __call__(self, doc: Doc) -> Doc:
        ext = UnitAttrs(doc)
        ext.dosage = self.parser.parse(doc, ext.unit_kind, ext.context_doc)
        return doc
