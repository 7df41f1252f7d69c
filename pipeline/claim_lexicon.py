"""Token flags from the word lists, and the compact pattern notation the rule files use.

The claim pipeline has no part-of-speech tagger, so `token.tag_` is free: it carries the
names of the word lists a token belongs to ("L:condition:symptom"). The Matcher compares
TAG natively, which is about ten times faster than a custom `token._` attribute.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations
from typing import Any, Iterable

from spacy.attrs import IS_SPACE, LIKE_NUM, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
# spaCy's set test, replaced by quick_set_test in complete Matchers.
from spacy.matcher.matcher import _SetPredicate
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.claim_rules import load_toml

LEXICON_FILE = "lexicons.toml"
_QUANTIFIER = re.compile(r"^(.*\S)\s+([?*+!]|\{\d*,?\d*\})$")
# Merged Matchers kept per PatternSet (a few hundred group combinations occur in practice).
MATCHER_CACHE_SIZE = 1024
# Group choices kept per PatternSet, by the trigger words and lists a unit holds.
GROUPS_CACHE_SIZE = 65536
STARRED_KEY = "#starred"
# The phrase matcher's key of a label's patterns of fixed words (its phrases keep the label).
LITERAL_KEY = "#literal"


# What a unit under a non-claim context (doc._.non_claim_context: a recipe's ingredients, a
# course's learning outcomes) keeps of its types: a dose the parser found (a supplement's
# ingredient list). The rules and the model both apply it.
NON_CLAIM_CONTEXT_KEEPS = frozenset({"dosage"})


UNIT_EXTENSIONS: dict[str, Any] = {
    "unit_kind": "sentence", "context_doc": None, "heading": None, "previous": None,
    "dosage": None, "claim_types": (),
    "type_evidence": (), "hedged": False, "negated": False, "type_scores": None,
    "announces_list": False, "non_claim_context": False, "leadin_types": ()}


def register_unit_extensions() -> None:
    """What a unit's Doc carries: its kind, processed context, heading path and the unit
    before it in, its tags out."""
    for name, default in UNIT_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


# Where spaCy keeps the value of doc._.<name> (an extension with a default only).
_UNIT_KEYS = {name: ("._.", name, None, None) for name in UNIT_EXTENSIONS}


def unit_data_key(name: str) -> tuple:
    """The doc.user_data key of the unit extension `name`: a caller that sets the same
    extensions on many units writes them there directly (UnitAttrs.set builds a dict of
    them each call, about 4 us a unit)."""
    return _UNIT_KEYS[name]


class UnitAttrs:
    """`doc._` for the unit extensions, reading and writing the same doc.user_data entries
    without spaCy's Underscore object (each `doc._` builds one, and each attribute access
    through it costs about 1.5 us, tens of times a unit). Each extension is a property (see
    _unit_property): a __getattr__ fallback cost about three times as much a read, and
    these run about a hundred times a unit."""

    __slots__ = ("_data",)

    def __init__(self, doc: Doc):
        self._data = doc.user_data

    def set(self, **values: Any) -> None:
        """Several extensions in one update (making a unit's Doc sets four)."""
        try:
            self._data.update({_UNIT_KEYS[name]: value for name, value in values.items()})
        except KeyError as error:
            raise AttributeError(error.args[0]) from None


def _unit_property(key: tuple, default: Any) -> property:
    """doc._.<name> read and written in doc.user_data, where spaCy keeps it."""
    def get(self: UnitAttrs) -> Any:
        return self._data.get(key, default)

    def put(self: UnitAttrs, value: Any) -> None:
        self._data[key] = value

    return property(get, put)


for _name, _default in UNIT_EXTENSIONS.items():
    setattr(UnitAttrs, _name, _unit_property(_UNIT_KEYS[_name], _default))


def unit_text(doc: Doc) -> str:
    """doc.text, read once: spaCy joins every token anew on each access."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def is_leadin(text: str) -> bool:
    """The text introduces the list below it: it ends with ":" (guide, borderline cases)."""
    return text.rstrip().endswith(":")


# What unit_token_columns reads of each token, in this order.
TOKEN_COLUMN_ATTRS = [TAG, LOWER, LIKE_NUM, IS_SPACE]
# The user_data keys the lexicon's tags make stale.
_TOKEN_CACHE_KEYS = ("words_and_tags", "token_columns", "lists", "traits", "has_number")


def unit_token_columns(doc: Doc) -> list[list[int]]:
    """The TAG, LOWER, LIKE_NUM and IS_SPACE values of the unit's tokens, a list each, read
    in one to_array call once the lexicon has run: the rules' words and tags
    (unit_words_and_tags) and the type model's words (claim_model.abstract_words) read the
    same call's values (each to_array call costs about as much as reading its values)."""
    cached = doc.user_data.get("token_columns")
    if cached is None:
        # As lists at once: numpy's per-column slices and any() cost more than the Python
        # work on a unit's twenty-odd values.
        cached = doc.user_data["token_columns"] = doc.to_array(TOKEN_COLUMN_ATTRS).T.tolist() \
            if len(doc) else [[], [], [], []]
    return cached


def unit_words_and_tags(doc: Doc) -> tuple[set[int], set[int]]:
    """The LOWER and TAG values (hashes) of the unit's tokens, read once, after the lexicon."""
    cached = doc.user_data.get("words_and_tags")
    if cached is None:
        tags, lowers, numbers, _ = unit_token_columns(doc)
        cached = doc.user_data["words_and_tags"] = (set(lowers), set(tags))
        doc.user_data["has_number"] = any(numbers)      # for unit_traits
    return cached


TAG_PREFIX = "L"


@lru_cache(maxsize=None)
def lists_of_tag(tag_text: str) -> tuple[str, ...]:
    """The word-list names in a lexicon tag ("L:condition:symptom"); none in other tags."""
    parts = tag_text.split(":")
    return tuple(parts[1:]) if parts[0] == TAG_PREFIX else ()


def unit_lists(doc: Doc) -> set[str]:
    """The names of the word lists the unit's tokens belong to, read once."""
    cached = doc.user_data.get("lists")
    if cached is None:
        strings = doc.vocab.strings
        cached = doc.user_data["lists"] = {
            name for tag in unit_words_and_tags(doc)[1] if tag
            for name in lists_of_tag(strings[tag])}
    return cached


# A pattern trigger met by a unit with a number-like token (a required "NUM" token's).
NUMBER_TRAIT = "#number"


def unit_traits(doc: Doc) -> set[str]:
    """unit_lists, and NUMBER_TRAIT when a token is like a number (LIKE_NUM), read once:
    what PatternSet's "lists" triggers are met by."""
    cached = doc.user_data.get("traits")
    if cached is None:
        cached = unit_lists(doc)        # reads has_number along with the words
        if doc.user_data["has_number"]:
            cached = cached | {NUMBER_TRAIT}
        doc.user_data["traits"] = cached
    return cached


def lexicon_tag(names: Iterable[str]) -> str:
    """The tag of a token in these word lists: "L:condition:symptom"."""
    return ":".join([TAG_PREFIX, *sorted(names)])


@lru_cache(maxsize=None)
def lexicon_names() -> tuple[str, ...]:
    return tuple(sorted(load_toml(LEXICON_FILE)))


@lru_cache(maxsize=None)
def tags_with(name: str) -> tuple[str, ...]:
    """Every tag a token in word list `name` can carry (all subsets that include it)."""
    others = [n for n in lexicon_names() if n != name]
    if name not in lexicon_names():
        raise ValueError(f"unknown word list @{name}")
    tags = []
    for size in range(len(others) + 1):
        for combo in combinations(others, size):
            tags.append(lexicon_tag((name, *combo)))
    return tuple(tags)


def register_lexicon_flags() -> tuple[str, ...]:
    return lexicon_names()


def token_spec(item: str | dict[str, Any]) -> dict[str, Any]:
    """One token of the compact notation (see the header of type_patterns.jsonl)."""
    if isinstance(item, dict):
        return item
    op = None
    match = _QUANTIFIER.match(item)
    if match and item not in ("?", "*", "+", "!"):
        item, op = match.group(1), match.group(2)
    if item.startswith("@"):
        if "|" in item:
            raise ValueError(f"a word list cannot be combined with other words: {item!r}")
        spec: dict[str, Any] = {"TAG": {"IN": list(tags_with(item[1:]))}}
    elif item == "NUM":
        # A count or figure; spaCy's LIKE_NUM also takes ordinals ("first").
        spec = {"LIKE_NUM": True,
                "LOWER": {"NOT_IN": load_toml("types.toml")["notation"]["ordinals"]}}
    elif item == "ANY":
        spec = {}
    elif item == "WORD":
        spec = {"IS_PUNCT": False}
    elif item == "PUNCT":
        spec = {"IS_PUNCT": True}
    elif item.startswith("re:"):
        spec = {"LOWER": {"REGEX": item[3:]}}
    elif item.startswith("ORTH:"):
        spec = {"ORTH": item[5:]}
    elif "|" in item and len(item) > 1:
        spec = {"LOWER": {"IN": item.split("|")}}
    else:
        spec = {"LOWER": item.lower()}
    if op:
        spec["OP"] = op
    return spec


_WORD_SET_FLAGS: dict[tuple[int, frozenset[str]], tuple[int, Any]] = {}


def word_set_flag(vocab: Vocab, words: frozenset[str]) -> int | None:
    """A lexeme flag for "is one of these words", or None when no flag is left.

    The Matcher tests a lexeme flag natively but calls Python for a LOWER IN set, on every
    token for a pattern's first token: flags there make the type tagger about twice as fast.
    """
    key = (id(vocab), words)
    cached = _WORD_SET_FLAGS.get(key)
    # A vocabulary that reuses a freed one's id does not have that one's flags.
    if cached is None or vocab.lex_attr_getters.get(cached[0]) is not cached[1]:
        getter = lambda text, w=words: text.lower() in w    # noqa: E731
        try:
            flag = vocab.add_flag(getter)
        except ValueError:          # all 64 flag bits taken
            return None
        cached = _WORD_SET_FLAGS[key] = (flag, getter)
    return cached[0]


def first_token_native(vocab: Vocab, spec: dict[str, Any]) -> dict[Any, Any]:
    lower = spec.get("LOWER")
    if not (isinstance(lower, dict) and set(lower) == {"IN"}) or set(spec) - {"LOWER", "OP"}:
        return spec
    flag = word_set_flag(vocab, frozenset(lower["IN"]))
    if flag is None:
        return spec
    native: dict[Any, Any] = {flag: True}
    if "OP" in spec:
        native["OP"] = spec["OP"]
    return native


# Word lists the Matcher tests natively: besides its tag, a token in one of these lists
# carries the list's mark in a token attribute nothing else in the claim pipeline sets or
# reads (no lemmatizer, entity linker or parser runs), and "@name" in a pattern becomes
# that attribute equal to the mark. "TAG IN (the 128 tags that include name)" is a Python
# call per token and pattern state; these three lists were about 960 of the 2,500 Python
# predicate calls a ~1,000-word article made, the other lists stay TAG IN.
NATIVE_LIST_ATTRS = {"symptom": "LEMMA", "intervention": "ENT_ID", "condition": "ENT_KB_ID"}
# The Token property that writes each attribute.
_NATIVE_TOKEN_PROPERTY = {"LEMMA": "lemma", "ENT_ID": "ent_id", "ENT_KB_ID": "ent_kb_id"}


def native_list_mark(name: str) -> str:
    """The value a token in word list `name` carries in NATIVE_LIST_ATTRS[name]."""
    return f"@{name}"


@lru_cache(maxsize=None)
def _native_list_specs() -> dict[tuple[str, ...], tuple[str, str]]:
    """tags_with(name) -> (attribute, mark) of each natively tested word list."""
    return {tags_with(name): (attr, native_list_mark(name))
            for name, attr in NATIVE_LIST_ATTRS.items() if name in lexicon_names()}


def native_list_spec(spec: dict[Any, Any]) -> dict[Any, Any]:
    """The token spec with an "@name" test ({"TAG": {"IN": tags_with(name)}}) of a natively
    tested word list as its attribute equal to the list's mark: the same tokens match (the
    claim_lexicon component sets both), without a Python call per token."""
    tag = spec.get("TAG")
    if not (isinstance(tag, dict) and set(tag) == {"IN"}):
        return spec
    native = _native_list_specs().get(tuple(tag["IN"]))
    if native is None:
        return spec
    out = {key: value for key, value in spec.items() if key != "TAG"}
    out[native[0]] = native[1]
    return out


def quick_set_test(predicate: Any) -> Any:
    """A Matcher's "LOWER IN", "LOWER NOT_IN", "TAG IN" or "TAG NOT_IN" test as a closure
    giving the same answer (True or False) for each token; any other predicate unchanged.

    The Matcher calls such a test in Python once per token and pattern token it reaches
    (about 1,600 times a ~1,000-word article); spaCy's own test object checks its kind of
    test, reads the attribute through its generic getter and converts the value on every
    call, about three times the cost of `token.lower in words`. The Matcher keeps a test's
    index and key for later patterns, so only a complete Matcher's tests may be swapped."""
    if type(predicate) is not _SetPredicate or predicate.is_extension or predicate.regex \
            or predicate.fuzzy is not None or predicate.attr not in (LOWER, TAG):
        return predicate
    values = frozenset(predicate.value)         # hashes, as the attribute reads
    if predicate.predicate == "IN":
        return (lambda token: token.lower in values) if predicate.attr == LOWER \
            else (lambda token: token.tag in values)
    if predicate.predicate == "NOT_IN":
        return (lambda token: token.lower not in values) if predicate.attr == LOWER \
            else (lambda token: token.tag not in values)
    return predicate


def _is_required(op: str | None) -> bool:
    """Whether a token with this quantifier is in every match ("{,3}" and "{0,3}" are not)."""
    if op in ("?", "*", "!"):
        return False
    if op and op.startswith("{"):
        low = op[1:-1].split(",")[0].strip()
        return bool(low) and int(low) > 0
    return True


def _length_range(op: str | None) -> tuple[int, int | None]:
    """How many tokens a pattern token with this quantifier matches: (least, most)."""
    if op in (None, "!"):
        return 1, 1
    if op in ("?", "*", "+"):
        return {"?": (0, 1), "*": (0, None), "+": (1, None)}[op]
    low, comma, high = op[1:-1].partition(",")
    if not comma:
        return int(low), int(low)
    return int(low or 0), int(high) if high.strip() else None


# A "{m,n}" quantifier wider than this is run as "*" with a length check (see as_star).
STAR_ABOVE = 3
# At most this many fixed-length copies of a pattern are made (see gap_variants).
MAX_GAP_VARIANTS = 16


def gap_variants(pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Copies of a pattern whose tokens vary in length besides its widest "{m,n}" gap, one
    for each length those others can take, so that as_star can run each copy's gap as "*":
    "see ANY {0,6} if ANY {0,15} @symptom" is seven patterns, "see if ...", "see ANY if
    ...", and so on. Together they match what the pattern matches. The pattern itself when
    it has one varying token, no wide gap, an unbounded one ("*", "+") or too many copies."""
    ranges = [_length_range(spec.get("OP")) for spec in pattern]
    varying = [i for i, (low, high) in enumerate(ranges) if low != high]
    if len(varying) < 2 or any(ranges[i][1] is None for i in varying):
        return [pattern]
    widest = max(varying, key=lambda i: ranges[i][1] - ranges[i][0])
    if not pattern[widest].get("OP", "").startswith("{") \
            or ranges[widest][1] - ranges[widest][0] <= STAR_ABOVE:
        return [pattern]
    variants: list[list[dict[str, Any]]] = [[]]
    for i, spec in enumerate(pattern):
        if i == widest or i not in varying:
            variants = [v + [spec] for v in variants]
            continue
        fixed = {k: v for k, v in spec.items() if k != "OP"}
        low, high = ranges[i]
        variants = [v + [dict(fixed) for _ in range(n)] for v in variants
                    for n in range(low, high + 1)]
        if len(variants) > MAX_GAP_VARIANTS:
            return [pattern]
    return variants


def as_star(pattern: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], tuple[int, int]] | None:
    """The pattern with its one wide "{m,n}" token as "*", and the match lengths that keep
    its matches the same; None when it has no such token or other tokens vary in length.

    spaCy expands "{0,14}" into fourteen optional tokens, whose states multiply: one such
    pattern cost more than the other hundred together.
    """
    ranges = [_length_range(spec.get("OP")) for spec in pattern]
    varying = [i for i, (low, high) in enumerate(ranges) if low != high]
    if len(varying) != 1:
        return None
    i = varying[0]
    low, high = ranges[i]
    op = pattern[i].get("OP", "")
    if high is None or not op.startswith("{") or high - low <= STAR_ABOVE:
        return None
    fixed = sum(lo for k, (lo, _) in enumerate(ranges) if k != i)
    starred = [dict(spec) for spec in pattern]
    starred[i]["OP"] = "*"
    return starred, (fixed + low, fixed + high)


# A pattern of fixed words becomes at most this many phrases (see literal_sequences).
MAX_LITERAL_PHRASES = 256


def literal_sequences(pattern: list[dict[str, Any]]) -> list[tuple[str, ...]] | None:
    """Every word sequence the pattern matches when each of its tokens is one lowercase
    word or one of several ({"LOWER": ...}), required or optional ("?"): a PhraseMatcher
    on LOWER given these sequences (as tokens, not retokenized) finds exactly its matches.
    None for any other pattern, or one that would need too many sequences."""
    sequences: list[tuple[str, ...]] = [()]
    for spec in pattern:
        if "LOWER" not in spec or set(spec) - {"LOWER", "OP"} \
                or spec.get("OP") not in (None, "?"):
            return None
        lower = spec["LOWER"]
        if isinstance(lower, str):
            words = [lower]
        elif isinstance(lower, dict) and set(lower) == {"IN"}:
            words = list(dict.fromkeys(lower["IN"]))
        else:
            return None
        if not all(isinstance(w, str) and w and w == w.lower() and not any(c.isspace() for c in w)
                   for w in words):
            return None
        options = [(w,) for w in words] + ([()] if spec.get("OP") == "?" else [])
        sequences = [seq + o for seq in sequences for o in options]
        if len(sequences) > MAX_LITERAL_PHRASES:
            return None
    if any(not seq for seq in sequences):
        return None
    return list(dict.fromkeys(sequences))


def _required_triggers(pattern: list[dict[str, Any]]) -> list[tuple[str, frozenset]]:
    """For each token a match must contain, what that token can be: ("words", lowercase
    forms) or ("lists", word-list names, or NUMBER_TRAIT for a number). Optional, regex
    and generic tokens give none."""
    triggers = []
    for spec in pattern:
        if not _is_required(spec.get("OP")):
            continue
        lower, orth, tag = spec.get("LOWER"), spec.get("ORTH"), spec.get("TAG")
        if isinstance(lower, str):
            triggers.append(("words", frozenset([lower])))
        elif isinstance(lower, dict) and set(lower) == {"IN"}:
            triggers.append(("words", frozenset(lower["IN"])))
        elif isinstance(orth, str):
            triggers.append(("words", frozenset([orth.lower()])))
        elif isinstance(tag, dict) and set(tag) == {"IN"}:
            # @name: every tag that includes `name`, so the names all of them share.
            common = frozenset.intersection(*(frozenset(t.split(":")[1:]) for t in tag["IN"]))
            if common:
                triggers.append(("lists", common))
        elif spec.get("LIKE_NUM") is True:
            # "NUM": only a unit with a number-like token (ordinals too) can match.
            triggers.append(("lists", frozenset([NUMBER_TRAIT])))
    return triggers


def _trigger_frequency(trigger: tuple[str, frozenset], lexicons: dict[str, list[str]]) -> float:
    """How often a trigger is met in English text (wordfreq): the rarest one is kept."""
    import wordfreq

    kind, values = trigger
    if NUMBER_TRAIT in values:
        return float("inf")         # no word list: checked after the others
    words = values if kind == "words" else [t for n in values for t in lexicons[n]]
    return sum(wordfreq.word_frequency(w, "en") for w in words)


class PatternSet:
    """Labelled Matcher and PhraseMatcher patterns from a rule file's entries.

    spaCy's Matcher tries every pattern at every token, so a hundred patterns cost about
    0.1 ms a sentence, although most cannot match it. A pattern's required tokens (those
    every match contains) are its triggers: a unit runs only the patterns whose triggers
    are all in it, found through the rarest one, in one Matcher made for that set of
    pattern groups (and kept). Matches are the same as one Matcher's with every pattern.
    """

    def __init__(self, nlp: Language, entries: tuple[dict[str, Any], ...]):
        self.vocab = nlp.vocab
        # Checked once here; the Matcher's own validation rejects the lexeme-flag keys.
        checker = Matcher(nlp.vocab, validate=True)
        lexicons = load_toml(LEXICON_FILE)
        # Pattern groups: group 0 holds the patterns without a trigger, and every other
        # group the patterns that share one trigger set.
        self.groups: list[list[tuple[str, list[dict[str, Any]]]]] = [[]]
        by_triggers: dict[tuple, int] = {}
        # Match key of a pattern run as "*" -> (label, least and most tokens a match has)
        self.lengths: dict[str, tuple[str, int, int]] = {}
        # The phrases, and the patterns of fixed words (literal_sequences) as phrases of
        # their tokens under their own keys: one PhraseMatcher call a unit, not two (a call
        # costs about 6 us, whatever it finds).
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        # literal key (hash) -> label
        self.literals: dict[int, str] = {}
        # label -> a trigger of each of its patterns and a word of each of its phrases
        # (None for a label with an untriggered pattern): see may_match.
        self.label_needs: dict[str, list[tuple[str, frozenset]] | None] = {}
        for entry in entries:
            label = entry["label"]
            pattern = [token_spec(t) for t in entry["pattern"]] if "pattern" in entry else None
            literal = literal_sequences(pattern) if pattern is not None else None
            if literal is not None:
                # Fixed words only: the same matches from a PhraseMatcher, at no Matcher cost.
                checker.add(label, [pattern])
                key = f"{label}{LITERAL_KEY}"
                self.literals[nlp.vocab.strings.add(key)] = label
                self.phrases.add(key, [Doc(nlp.vocab, words=list(words)) for words in literal])
                needs = self.label_needs.setdefault(label, [])
                if needs is not None:
                    needs.extend(("words", frozenset([words[0]])) for words in literal)
            elif pattern is not None:
                checker.add(label, [pattern])
                triggers = _required_triggers(pattern)
                runs = []           # (match key, pattern) as the Matcher runs them
                for variant in gap_variants(pattern):
                    starred = as_star(variant)
                    if starred is None:
                        runs.append((label, variant))
                        continue
                    # Its own key, so that its matches can be checked for length.
                    variant, lengths = starred
                    match_key = f"{label}{STARRED_KEY}{len(self.lengths)}"
                    self.lengths[match_key] = (label, *lengths)
                    runs.append((match_key, variant))
                for _, variant in runs:
                    variant[0] = first_token_native(nlp.vocab, variant[0])
                group = 0
                needs = self.label_needs.setdefault(label, [])
                if not triggers or needs is None:
                    self.label_needs[label] = None
                else:
                    needs.append(triggers[0])
                if triggers:
                    # Rarest first: the first one indexes the group, the rest are checked.
                    key = tuple(sorted(set(triggers), key=lambda t: (
                        _trigger_frequency(t, lexicons), t[0], sorted(t[1]))))
                    if key not in by_triggers:
                        by_triggers[key] = len(self.groups)
                        self.groups.append([])
                    group = by_triggers[key]
                self.groups[group].extend(runs)
            phrases = entry.get("phrases") or ([entry["phrase"]] if "phrase" in entry else [])
            if phrases:
                phrase_docs = list(nlp.tokenizer.pipe(phrases))
                self.phrases.add(label, phrase_docs)
                needs = self.label_needs.setdefault(label, [])
                if any(len(doc) == 0 for doc in phrase_docs):
                    self.label_needs[label] = None
                elif needs is not None:
                    # A phrase matches only where all its words are: one of them will do.
                    needs.extend(("words", frozenset([doc[0].lower_])) for doc in phrase_docs)
        strings = nlp.vocab.strings

        def encoded(trigger: tuple[str, frozenset]) -> tuple[str, frozenset]:
            kind, values = trigger
            return kind, frozenset(strings.add(v) for v in values) if kind == "words" else values

        # (other triggers, group), filed under each value of the rarest trigger
        self.by_word: dict[int, list[tuple[tuple, int]]] = {}
        self.by_list: dict[str, list[tuple[tuple, int]]] = {}
        for key, group in by_triggers.items():
            (kind, values), rest = key[0], tuple(encoded(t) for t in key[1:])
            index = self.by_word if kind == "words" else self.by_list
            for value in sorted(values):
                index.setdefault(strings.add(value) if kind == "words" else value,
                                 []).append((rest, group))
        # Every word (hash) and word list a trigger names: a unit's groups depend only on
        # which of these it holds, so units that hold the same ones share them (_groups).
        trigger_words: set[int] = set(self.by_word)
        trigger_lists: set[str] = set(self.by_list)
        for index in (self.by_word, self.by_list):
            for entries in index.values():
                for rest, _ in entries:
                    for kind, values in rest:
                        (trigger_words if kind == "words" else trigger_lists).update(values)
        self.trigger_words = frozenset(trigger_words)
        self.trigger_lists = frozenset(trigger_lists)
        self._groups: dict[tuple[frozenset[int], frozenset[str]], tuple[int, ...]] = {}
        self.matcher_for = lru_cache(maxsize=MATCHER_CACHE_SIZE)(self._matcher_for)
        self._gates: dict[tuple[str, ...], tuple[frozenset[int], frozenset[str]] | None] = {}

    def _gate(self, labels: tuple[str, ...]) -> tuple[frozenset[int], frozenset[str]] | None:
        """The words (hashes) and word lists one of which a unit holds wherever a pattern
        or phrase of these labels can match it; None when one of them needs nothing."""
        if labels not in self._gates:
            strings = self.vocab.strings
            words: set[int] = set()
            lists: set[str] = set()
            gate: tuple[frozenset[int], frozenset[str]] | None = None
            if all(self.label_needs.get(label, []) is not None for label in labels):
                for label in labels:
                    for kind, values in self.label_needs.get(label, []):
                        if kind == "words":
                            words.update(strings.add(v) for v in values)
                        else:
                            lists.update(values)
                gate = (frozenset(words), frozenset(lists))
            self._gates[labels] = gate
        return self._gates[labels]

    def may_match(self, doc: Doc, labels: tuple[str, ...]) -> bool:
        """False when no pattern or phrase of these labels can match the unit (one set
        intersection instead of both matchers, for a component that needs only them)."""
        gate = self._gate(labels)
        if gate is None:
            return True
        words, _ = unit_words_and_tags(doc)
        return not words.isdisjoint(gate[0]) or not unit_traits(doc).isdisjoint(gate[1])

    def groups_for(self, doc: Doc) -> tuple[int, ...]:
        """The pattern groups that can match the unit: those whose triggers are all in it."""
        words = self.trigger_words.intersection(unit_words_and_tags(doc)[0])
        lists = self.trigger_lists.intersection(unit_traits(doc))
        key = (words, lists)
        groups = self._groups.get(key)
        if groups is None:
            if len(self._groups) >= GROUPS_CACHE_SIZE:
                self._groups.clear()
            groups = self._groups[key] = self._groups_of(words, lists)
        return groups

    def _groups_of(self, words: frozenset[int], lists: frozenset[str]) -> tuple[int, ...]:
        """The groups whose triggers are all among these words (hashes) and word lists."""
        chosen = {0} if self.groups[0] else set()
        # Set intersections first: a unit holds few of the index's words.
        for present, index in ((words, self.by_word), (lists, self.by_list)):
            for key in present & index.keys():
                for rest, group in index[key]:
                    if group in chosen:
                        continue
                    for kind, values in rest:
                        if (words if kind == "words" else lists).isdisjoint(values):
                            break
                    else:
                        chosen.add(group)
        return tuple(sorted(chosen))

    def _matcher_for(self, groups: tuple[int, ...]) -> Matcher:
        """One Matcher with the patterns of these groups (`matcher_for` keeps them). Each
        Matcher call builds a Python Token object twice per token, so one call a unit, not
        one per group."""
        matcher = Matcher(self.vocab, validate=False)
        for group in groups:
            for label, pattern in self.groups[group]:
                matcher.add(label, [[native_list_spec(spec) for spec in pattern]])
        # Complete now (nothing is added later): its set tests can be swapped for quicker ones.
        matcher._extra_predicates[:] = map(quick_set_test, matcher._extra_predicates)
        return matcher

    def pattern_matches(self, doc: Doc, phrase_hits: list | None = None
                        ) -> set[tuple[str, int, int]]:
        """(label, start, end) of the Matcher patterns' matches; `phrase_hits`, the phrase
        matcher's on the unit, when the caller has them."""
        strings = doc.vocab.strings
        if phrase_hits is None:
            phrase_hits = self.phrases(doc)
        literals = self.literals
        found = {(literals[m], s, e) for m, s, e in phrase_hits if m in literals}
        groups = self.groups_for(doc)
        if not groups:
            return found
        # allow_missing: TAG holds word lists here; no tagger is missing.
        for m, s, e in self.matcher_for(groups)(doc, allow_missing=True):
            key = strings[m]
            lengths = self.lengths.get(key)
            if lengths is None:
                found.add((key, s, e))
            elif lengths[1] <= e - s <= lengths[2]:
                found.add((lengths[0], s, e))
        return found

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(label, start, end) of every match, in token order."""
        strings = doc.vocab.strings
        hits = self.phrases(doc)
        found = list(self.pattern_matches(doc, hits))
        literals = self.literals
        found += [(strings[m], s, e) for m, s, e in hits if m not in literals]
        return sorted(found, key=lambda x: (x[1], x[2], x[0]))


@Language.factory("claim_lexicon", default_config={"lexicons": LEXICON_FILE})
def make_claim_lexicon(nlp: Language, name: str, lexicons: str) -> "ClaimLexicon":
    return ClaimLexicon(nlp, lexicons)


class ClaimLexicon:
    """Sets token.tag_ to the word lists each token's phrase belongs to."""

    def __init__(self, nlp: Language, lexicons: str):
        register_unit_extensions()
        register_lexicon_flags()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for list_name, terms in load_toml(lexicons).items():
            self.matcher.add(list_name, list(nlp.tokenizer.pipe(terms)))
        # The tag (its hash) of each set of word lists (their match ids) met so far, and the
        # (Token property, mark hash) pairs of its natively tested lists.
        self._tag_of: dict[frozenset[int], tuple[int, tuple[tuple[str, int], ...]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        lists: dict[int, set[int]] = {}
        for match_id, start, end in self.matcher(doc):
            for i in range(start, end):
                lists.setdefault(i, set()).add(match_id)
        if lists:
            tag_of = self._tag_of
            for i, ids in lists.items():
                key = frozenset(ids)
                found = tag_of.get(key)
                if found is None:
                    strings = doc.vocab.strings
                    names = [strings[m] for m in ids]
                    found = tag_of[key] = (strings.add(lexicon_tag(names)), tuple(
                        (_NATIVE_TOKEN_PROPERTY[NATIVE_LIST_ATTRS[name]],
                         strings.add(native_list_mark(name)))
                        for name in sorted(names) if name in NATIVE_LIST_ATTRS))
                tag, natives = found
                token = doc[i]
                token.tag = tag             # token.tag_ = lexicon_tag(names), by its hash
                for prop, mark in natives:  # see NATIVE_LIST_ATTRS
                    setattr(token, prop, mark)
        for key in _TOKEN_CACHE_KEYS:                    # read before the tags were set
            doc.user_data.pop(key, None)
        return doc
