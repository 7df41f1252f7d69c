"""ConText-style hedge and negation detection, scoped to the unit's main clauses."""
from __future__ import annotations

from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.claim_lexicon import (PatternSet, UnitAttrs, register_lexicon_flags,
                                    register_unit_extensions)
from pipeline.claim_rules import load_patterns, load_toml
from pipeline.claim_sentences import question_token_flags

CUE_KINDS = ("HEDGE", "NEGATION")


@Language.factory("claim_hedge_negation",
                  default_config={"cues": "context_cues.jsonl", "settings": "types.toml"})
def make_claim_hedge_negation(nlp: Language, name: str, cues: str,
                              settings: str) -> "ClaimHedgeNegation":
    return ClaimHedgeNegation(nlp, cues, settings)


class ClaimHedgeNegation:
    """Sets doc._.hedged / doc._.negated from cues in main clauses (guide decisions 4-7)."""

    def __init__(self, nlp: Language, cues: str, settings: str):
        register_unit_extensions()
        register_lexicon_flags()
        self.patterns = PatternSet(nlp, load_patterns(cues))
        data = load_toml(settings)["units"]
        self.question_marks = frozenset(data["question_marks"])
        self.part_breaks = frozenset(data["part_breaks"])
        strings = nlp.vocab.strings
        self.part_break_ids = frozenset(strings.add(p) for p in self.part_breaks)
        self.comma_id = strings.add(",")
        self.fronted_words = data["fronted_clause_max_words"]

    def __call__(self, doc: Doc) -> Doc:
        ext = UnitAttrs(doc)
        ext.hedged = ext.negated = False
        if not self.patterns.may_match(doc, CUE_KINDS):
            return doc          # no hedge or negation cue can match: no matcher call needed
        matches = self.patterns(doc)
        if not any(label in CUE_KINDS for label, _, _ in matches):
            return doc          # most units: no cue, no clause analysis needed
        main = self.main_clause_mask(doc, matches)
        questions = question_token_flags(doc, self.question_marks)
        pseudo = {kind: [(s, e) for label, s, e in matches if label == f"PSEUDO_{kind}"]
                  for kind in CUE_KINDS}
        found = dict.fromkeys(CUE_KINDS, False)
        for label, s, e in matches:
            if label not in CUE_KINDS or found[label]:
                continue
            if any(ps <= s and e <= pe for ps, pe in pseudo[label]):
                continue
            if not main[s]:
                continue
            if label == "HEDGE" and questions[s]:
                continue        # "Can B12 help?" asks; it does not hedge
            found[label] = True
        ext.hedged = found["HEDGE"]
        ext.negated = found["NEGATION"]
        return doc

    def main_clause_mask(self, doc: Doc, matches: list[tuple[str, int, int]]) -> list[bool]:
        """True for tokens in a main clause; a subordinate clause opened mid-sentence runs
        to the next coordinator or the end of its part, a fronted one to the next comma."""
        opens: dict[int, int] = {}
        coordinates: dict[int, int] = {}
        for label, s, e in matches:
            if label == "SUBORDINATE":
                opens[s] = max(opens.get(s, 0), e)
            elif label == "COORDINATE":
                coordinates[s] = max(coordinates.get(s, 0), e)
        mask = [True] * len(doc)
        in_sub = False
        until_comma = False
        words_in_clause = 0
        part_breaks, comma = self.part_break_ids, self.comma_id
        # Arrays, not Token objects: (SENT_START == 1 is token.is_sent_start, ORTH its text)
        for i, (sent_start, orth, punct) in enumerate(
                doc.to_array([SENT_START, ORTH, IS_PUNCT]).tolist()):
            if sent_start == 1 or orth in part_breaks:
                in_sub, until_comma, words_in_clause = False, False, 0
                if orth in part_breaks:
                    continue
            longer_sub = opens.get(i, 0) > coordinates.get(i, 0)
            if i in coordinates and not longer_sub:
                in_sub, until_comma, words_in_clause = False, False, 0
            elif i in opens and not in_sub:
                in_sub = True
                until_comma = words_in_clause < self.fronted_words
            elif orth == comma and in_sub and until_comma:
                in_sub, until_comma = False, False
                mask[i] = True
                continue
            if not punct:
                words_in_clause += 1
            mask[i] = not in_sub
        return mask
