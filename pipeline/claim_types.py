"""The claim type tagger: cue patterns over word-list flags, lead-ins, dosage, and a model."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.claim_lexicon import (NON_CLAIM_CONTEXT_KEEPS, PatternSet, UnitAttrs,
                                    is_leadin, lists_of_tag, register_lexicon_flags,
                                    register_unit_extensions, unit_text)
from pipeline.claim_rules import load_patterns, load_toml
from pipeline.claim_sentences import question_token_flags

VETO_ALL = "not:all"
# Advice to get help that names no test, dose or treatment ("Call 999 if you have numbness
# between your legs"): no claim, whatever the model reads (decision 11).
VETO_CLAIM = "not:claim"
# doc.user_data key of the types a list item's section heading implies when the list has no
# lead-in (doc._.leadin_types holds a lead-in's): the combined source can let them join.
HEADING_TYPES = "heading_types"
# "drop:<type>": the unit does not carry <type>, whether the rules or the model find it (a
# natural course told as a share, "most people get better within six weeks without any
# treatment", is no treatment claim). Kept in doc._.type_evidence for the model's join
# (claim_model.combine_types); a lead-in's or heading's types still join after it.
DROP = "drop:"
# "join:<type>": a cue precise enough that its type joins whatever the model scores (years
# on metformin name a cause of running low, decision 8, where the model reads a dose).
JOIN = "join:"
# "keep:<type>": anywhere in the unit, it lifts the unit's "drop:<type>" (a share of a group
# is no risk factor, "one in eight people over 75 run low", unless the unit also compares
# groups or names a cause: "... compared with hardly any of those who ate meat").
KEEP = "keep:"
# "dose:only": the unit tells how a dose is begun or built up ("Amitriptyline is normally begun
# at 10 mg", "the opening dose is 10 mg at bedtime"); in a unit that gives a dose, names no
# condition or symptom and has no treatment cue of its own it is dosage only (decision 12), so
# it becomes "drop:treatment", whatever the model reads of the drug.
DOSE_ONLY = "dose:only"


def _names_any(doc: Doc, lists: set[str] | frozenset[str],
               skip: set[int] | frozenset[int] = frozenset()) -> bool:
    """One of the unit's words (its tokens not in `skip`) is in one of the word `lists`."""
    return any(lists.intersection(lists_of_tag(token.tag_))
               for token in doc if token.i not in skip)


def dropped_types(evidence) -> set[str]:
    """The types the unit's "drop:<type>" matches rule out, less those a "keep:<type>"
    match keeps. A keep inside the drop's own words does not lift it ("Where pernicious
    anaemia is to blame, ..." names the case a treatment is for, "to blame" and all)."""
    keeps = [(label[len(KEEP):], s, e) for label, s, e in evidence if label.startswith(KEEP)]
    return {label[len(DROP):] for label, s, e in evidence if label.startswith(DROP)
            and not any(k == label[len(DROP):] and not (s <= ks and ke <= e)
                        for k, ks, ke in keeps)}


def joined_types(evidence) -> set[str]:
    """The types the unit's "join:<type>" matches bring in."""
    return {label[len(JOIN):] for label, _, _ in evidence if label.startswith(JOIN)}


def without_vetoed(matches: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The type matches left when each "not:<type>" match cancels the <type> and
    "join:<type>" matches it overlaps (a look-alike); the vetoes themselves are dropped."""
    vetoes = [(label[4:], s, e) for label, s, e in matches if label.startswith("not:")]
    return [(label, s, e) for label, s, e in matches if not label.startswith("not:")
            and not any(v == label.removeprefix(JOIN) and s < ve and vs < e
                        for v, vs, ve in vetoes)]


@Language.factory("claim_types", default_config={
    "patterns": "type_patterns.jsonl", "leadins": "leadin_patterns.jsonl",
    "headings": "heading_patterns.jsonl", "settings": "types.toml"})
def make_claim_types(nlp: Language, name: str, patterns: str, leadins: str, headings: str,
                     settings: str) -> "ClaimTypes":
    return ClaimTypes(nlp, patterns, leadins, headings, settings)


class ClaimTypes:
    """Sets doc._.claim_types (sorted) and doc._.type_evidence (label, start, end)."""

    def __init__(self, nlp: Language, patterns: str, leadins: str, headings: str,
                 settings: str):
        register_unit_extensions()
        register_lexicon_flags()
        self.patterns = PatternSet(nlp, load_patterns(patterns))
        # A list's context is its lead-in sentence or, without one, its section heading.
        self.context_patterns = {"leadin": PatternSet(nlp, load_patterns(leadins)),
                                 "heading": PatternSet(nlp, load_patterns(headings))}
        data = load_toml(settings)
        self.types = tuple(data["types"])
        self.question_marks = frozenset(data["units"]["question_marks"])
        self.announcements = [re.compile(p, re.IGNORECASE)
                               for p in data["units"]["list_announcements"]]
        # Announcements the model still reads with their rule types (types.toml): only the
        # unit's final types are cleared.
        self.model_announcements = [re.compile(p, re.IGNORECASE) for p in
                                    data["units"].get("list_announcements_after_model", ())]
        self.leadin_kinds = frozenset(data["leadins"]["kinds"])
        self.medicine_nouns = frozenset(data["leadins"]["medicine_nouns"])
        tables = data.get("tables", {})
        self.price_cells = [re.compile(p, re.IGNORECASE) for p in tables.get("price_cells", ())]
        self.price_table_cells = self.price_cells + [
            re.compile(p, re.IGNORECASE) for p in tables.get("furniture_cells", ())]
        anchor = data["treatment_anchor"]
        self.bare_treatment_nouns = frozenset(anchor["bare_nouns"]) | frozenset(anchor["weak_cues"])
        self.treatment_anchors = frozenset(data["treatment_anchor"]["anchor_lists"])
        self.dosage_weak_cues = frozenset(anchor["dosage_weak_cues"])
        self.dosage_treatment_anchors = frozenset(anchor["dosage_anchor_lists"])
        imperative = data["imperative"]
        self.imperative_drops = tuple(f"{DROP}{t}" for t in imperative["drops"])
        self.imperative_verbs = frozenset(imperative["verbs"])
        self.imperative_not_before = frozenset(imperative["not_before"])
        self.item_joins = tuple(imperative.get("item_joins", ()))
        self.item_join_not_verbs = frozenset(imperative.get("item_join_not_verbs", ()))
        self.item_join_blockers = frozenset(imperative.get("item_join_blockers", ()))
        self.item_join_context_blockers = self.item_join_blockers | frozenset(
            imperative.get("item_join_context_blockers", ()))
        self._leadin_cache: dict[tuple[str, str], frozenset[str]] = {}

    def imperative(self, doc: Doc) -> bool:
        """The unit opens with a verb of advice ("wear shoes with a back strap"): types.toml
        [imperative]; one word lookup, as the verbs are too common to trigger a pattern."""
        return (len(doc) > 1 and doc[0].lower_ in self.imperative_verbs
                and doc[1].lower_ not in self.imperative_not_before)

    def advice_item_joins(self, doc: Doc, found: set[str],
                          context_types: frozenset[str]) -> tuple[str, ...]:
        """The types a list item of advice ("cast from the shoulders rather than swinging your
        back round") brings in whatever the model reads: types.toml [imperative] item_joins,
        unless its verb or its own or its context's types rule them out."""
        if not self.item_joins or not self.imperative(doc) \
                or doc[0].lower_ in self.item_join_not_verbs \
                or not self.item_join_blockers.isdisjoint(found) \
                or not self.item_join_context_blockers.isdisjoint(context_types):
            return ()
        return self.item_joins

    def rule_types(self, doc: Doc) -> tuple[set[str], list[tuple[str, int, int]]]:
        questions = question_token_flags(doc, self.question_marks)
        matches = [m for m in self.patterns(doc) if not questions[m[1]]]
        if all(questions) or any(label in (VETO_ALL, VETO_CLAIM) for label, _, _ in matches):
            return set(), matches           # a question, or page furniture: no claim
        kept = without_vetoed(matches)
        if self.imperative(doc):
            kept += [(label, 0, 1) for label in self.imperative_drops]
        found = {label for label, _, _ in kept if label in self.types}
        found = (found | joined_types(kept)) - dropped_types(kept)
        if UnitAttrs(doc).dosage is not None:
            found.add("dosage")
        else:
            found.discard("dosage")
        return found, kept

    def leadin_types(self, context: Doc) -> frozenset[str]:
        """The types a list's context (lead-in or heading) gives each of its items;
        VETO_ALL among them when its items are not claims (a recipe's ingredients, a
        module's learning outcomes, a podcast's chapters)."""
        kind = UnitAttrs(context).unit_kind
        key = (kind, unit_text(context))
        if key not in self._leadin_cache:
            matches = self.context_patterns[kind](context)
            labels = {label for label, _, _ in without_vetoed(matches) if label in self.types}
            if any(label == VETO_ALL for label, _, _ in matches) \
                    or self.lists_prices(unit_text(context)):
                labels.add(VETO_ALL)
            self._leadin_cache[key] = frozenset(labels)
        return self._leadin_cache[key]

    def lists_prices(self, context: str) -> bool:
        """A table header whose cells after the first only price or book what the first
        names, one of them a price ("Treatment | Domestic price | Visits included"): types.toml
        [tables]; its rows are not claims."""
        cells = [c.strip() for c in context.split("|")]
        later = cells[1:]
        return (bool(later) and self.price_cells != []
                and all(any(p.search(c) for p in self.price_table_cells) for c in later)
                and any(any(p.search(c) for p in self.price_cells) for c in later))

    @staticmethod
    def _treatment_cues_among(doc: Doc, evidence: list[tuple[str, int, int]],
                              words: frozenset[str]) -> list[tuple[int, int]] | None:
        """The spans of the unit's treatment cues when there are some and all are `words`."""
        spans = [(s, e) for label, s, e in evidence if label == "treatment"]
        if spans and all(doc[s:e].text.lower() in words for s, e in spans):
            return spans
        return None

    def only_names_medicines(self, doc: Doc, evidence: list[tuple[str, int, int]]) -> bool:
        """The unit's treatment cues are all bare medicine nouns ("HIV medicines")."""
        return self._treatment_cues_among(doc, evidence, self.medicine_nouns) is not None

    def names_treatment_only(self, doc: Doc, evidence: list[tuple[str, int, int]],
                             gives_dose: bool = False) -> bool:
        """The unit's treatment cues are all bare nouns ("medicines", "treatment") and none of
        its other words names an intervention, nutrient, condition or symptom; in a unit that
        gives a dose, the cues are all words of giving it ("prescribed") and none of its other
        words names a condition or symptom."""
        words, anchors = ((self.dosage_weak_cues, self.dosage_treatment_anchors) if gives_dose
                          else (self.bare_treatment_nouns, self.treatment_anchors))
        spans = self._treatment_cues_among(doc, evidence, words)
        if spans is None:
            return False
        cues = {i for s, e in spans for i in range(s, e)}
        return not _names_any(doc, anchors, skip=cues)

    def names_dose_anchor(self, doc: Doc) -> bool:
        """One of the unit's words names what a dose would treat (a condition or symptom:
        types.toml [treatment_anchor] dosage_anchor_lists)."""
        return _names_any(doc, self.dosage_treatment_anchors)

    def announces_list(self, doc: Doc, announcements=None) -> bool:
        """A sentence ending with ":" that only introduces the list below it."""
        text = unit_text(doc)
        return (UnitAttrs(doc).unit_kind == "sentence" and is_leadin(text)
                and any(p.search(text) for p in (announcements or self.announcements)))

    def __call__(self, doc: Doc) -> Doc:
        ext = UnitAttrs(doc)
        kind = ext.unit_kind
        found, evidence = self.rule_types(doc)
        # A lead-in ("Treatment depends on the cause:") speaks for the list below it. A unit
        # with a dose names what is taken: there only a condition or symptom anchors.
        if "treatment" in found and not is_leadin(unit_text(doc)) \
                and self.names_treatment_only(doc, evidence, ext.dosage is not None):
            found.discard("treatment")
        if "treatment" not in found and ext.dosage is not None \
                and any(label == DOSE_ONLY for label, _, _ in evidence) \
                and not self.names_dose_anchor(doc):
            evidence = evidence + [(f"{DROP}treatment", s, e) for label, s, e in evidence
                                   if label == DOSE_ONLY]
        announces = ext.announces_list = self.announces_list(doc)
        if announces:
            found = set()
        elif self.model_announcements and self.announces_list(doc, self.model_announcements):
            # The model reads the rule types unchanged; the unit's types are cleared after it.
            ext.announces_list = True
        if any(label == VETO_CLAIM for label, _, _ in evidence):
            ext.non_claim_context = True
        context = ext.context_doc
        if kind in self.leadin_kinds and context is not None:
            context_types = self.leadin_types(context)
            if "risk_factor" in context_types and "treatment" not in context_types \
                    and self.only_names_medicines(doc, evidence):
                found.discard("treatment")
            if VETO_ALL in context_types:
                ext.non_claim_context = True
                found &= NON_CLAIM_CONTEXT_KEEPS
            else:
                if kind == "list_item":
                    # Evidence only: the combined source's join brings the type in, and the
                    # model reads the item's own rule types unchanged.
                    evidence = evidence + [(f"{JOIN}{t}", 0, 1) for t in
                                           self.advice_item_joins(doc, found, context_types)]
                found |= context_types
                if UnitAttrs(context).unit_kind == "leadin":
                    ext.leadin_types = tuple(sorted(context_types))
                else:
                    doc.user_data[HEADING_TYPES] = tuple(sorted(context_types))
        ext.claim_types = tuple(sorted(found))
        ext.type_evidence = tuple(evidence)
        return doc
