"""Byline and date lines (and a page's byline markup) read into metadata fields; rules/bylines.toml."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from lxml import etree

from pipeline.rules import expand_parts
from pipeline.settings import RULES_DIR
from pipeline.textparse import is_abbreviation

FIELDS = ("author", "reviewer", "published", "modified", "site_name")
# Several people of one field are joined as trafilatura joins authors.
PEOPLE_JOIN = "; "


def _words(words: list[str]) -> str:
    """Phrases as one alternation, longest first, spaces as any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


@dataclass(frozen=True)
class Rules:
    cue: re.Pattern             # a cue: group "rev" a reviewer's, "adv" an adviser's, "auth"
    strong: frozenset[str]
    bare_only: frozenset[str]   # author cues that take no lead-in and no colon
    lead_nouns: frozenset[str]
    dated: re.Pattern           # a part that is a date, with its cue or none
    never: re.Pattern
    skip: re.Pattern
    date: re.Pattern
    short_connector: re.Pattern
    team: re.Pattern            # a team, not a person: "the Brambles nutrition team"
    clinical: re.Pattern        # a word of a role or qualification that makes one a clinician
    nickname: re.Pattern        # a nickname in quotes inside a name: Kieran "Flick" Osei
    trailing_date: re.Pattern   # a date that ends a people part: ", DO on 22 May 2025"
    role_before: re.Pattern     # a role phrase before a name: "rural physiotherapist "
    role_after: re.Pattern      # a part that is a name then its role, with no cue
    name: re.Pattern
    site: re.Pattern
    site_from: re.Pattern       # a later part naming the site: "From the ... practice website, March 2025"
    credit_after: re.Pattern    # people then a verb that credits them: "Ann Lee writes"
    not_names: frozenset[str]
    roles: frozenset[str]
    honorifics: frozenset[str]
    doctor_titles: frozenset[str]
    sentence_end: re.Pattern
    abbreviations: frozenset[str]
    formats: tuple[str, ...]
    month_formats: frozenset[str]
    month_first: frozenset[str]
    team_words: frozenset[str]
    html: dict
    text: dict


@lru_cache(maxsize=None)
def rules() -> Rules:
    data = tomllib.loads((RULES_DIR / "bylines.toml").read_text(encoding="utf-8"))
    parts = data["patterns"]
    date = expand_parts(parts["date"], parts)
    cues, names = data["cues"], data["names"]
    roles = names["roles"]
    honorific = _words(names["honorifics"])
    cap = r"[A-ZÀ-Þ](?:[\w'’-]*\w|\.)?"
    particle = _words(names["particles"])
    name = rf"(?:(?:{honorific})\s+)?{cap}(?:\s+(?:(?:{particle})\s+)?{cap}){{0,4}}"
    role_word = rf"(?i:{_words(roles)})s?"
    # A role may join two ("physiotherapist and eventer") and follow an employer's name
    # ("Hartleys pharmacist").
    # Before a name, a word of a doer ("route setter", "fellow rider", "season-ticket holder")
    # ends a role too.
    doer = r"[a-z][\w'’-]{2,}(?:er|or|ist|ian)s?"
    # The word after "and" must be a role or a doer too: in "member and retired GP Dr Margaret
    # Holm" the role is "member and retired GP", not "member and retired". A role may name its
    # field after "in" or "of" ("consultant in pain medicine").
    role_phrase = (rf"(?:[A-Z][\w'’-]*\s+(?=[a-z]))?(?:(?:[a-z][\w'’-]*|[A-Z]{{2,}}[\w-]*|\d+)"
                   rf"\s+){{0,6}}?(?:{role_word}|{doer})(?:\s+and\s+(?:{role_word}|{doer}))?"
                   rf"(?:\s+(?:in|of)\s+(?:[a-z][\w'’-]*\s+){{0,2}}[a-z][\w'’-]*)?")
    weekday = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    issue_number = r"(?i:issue|no\.?|number|vol\.?|volume)\s+\d+"     # "Issue 3", "No. 112"
    season = r"(?i:(?:spring|summer|autumn|winter)(?:\s+term)?)"     # "Summer Term 2025"
    issue = rf"(?:{issue_number},\s+)?"    # "Issue 3, November 2025"
    # "... residents' newsletter": a word in lower case may say whose.
    outlet = r"(?:\s+(?:[a-z][\w'’-]*\s+)?(?:magazine|newsletter|website|blog|pages|podcast))?"
    # Up to eight words: "St Aldhelm's Guild of Church Bell Ringers Newsletter"; a group's
    # number may come first ("14th Bramhope Scout Group").
    site_name = r"(?:The\s+|\d{1,3}(?:st|nd|rd|th)\s+)?[A-ZÀ-Þ][\w'’&-]*(?:\s+(?:[A-ZÀ-Þ][\w'’&-]*|&|of|the|and|on)){0,7}"
    # A publisher or department after the site's name: "Department of Population Health Sciences".
    org = r"[A-ZÀ-Þ][\w'’&-]*(?:\s+(?:[A-ZÀ-Þ][\w'’&-]*|&|of|the|and|for)){0,6}"
    return Rules(
        cue=re.compile(rf"(?i:\b(?:(?P<rev>{_words(cues['reviewer'])})|(?P<adv>"
                       rf"{_words(cues['adviser'])})|(?P<auth>"
                       rf"{_words(cues['author'])})))(?:\s*:\s*|\s+)(?=\S)"),
        strong=frozenset(cues["strong_author"]),
        bare_only=frozenset(cues["bare_only"]),
        lead_nouns=frozenset(cues["lead_nouns"]),
        dated=re.compile(rf"(?:(?i:(?P<mod>{_words(cues['modified'])})|(?P<pub>"
                         rf"{_words(cues['published'])}))(?:\s*:\s*|\s+))?{issue}{weekday}(?P<date>{date})"
                         rf"(?:\s+in\s+[A-Z][^.]*)?"),
        never=re.compile(rf"(?i:(?<!\w)(?:{_words(cues['never'])})(?!\w))"),
        skip=re.compile(parts["skip"]),
        date=re.compile(date),
        short_connector=re.compile(
            rf",?\s+(?:{_words(cues['contributor'])})\s+"
            rf"(?=(?:{honorific}\s+)?[A-ZÀ-Þ]|(?:(?:the|our|a|an)\s+)?{role_phrase},?\s+{name})"),
        team=re.compile(rf"(?:the|our)\s+(?:[\w'’&-]+\s+){{0,5}}(?i:{_words(names['team_words'])})"
                        rf"(?![\w'’-])"),
        clinical=re.compile(rf"(?i:(?<![\w-])(?:{_words(names['clinical'])})s?(?![\w-]))"),
        nickname=re.compile(r"\s+[\"“'‘][^\"“”'‘’]{1,20}[\"”'’](?=\s+[A-Z])"),
        trailing_date=re.compile(
            rf"(?:,?\s+on|,|\s+(?i:(?P<mod>{_words(cues['modified'])})|(?P<pub>"
            rf"{_words(cues['published'])}))\s*:?)\s+{weekday}(?P<date>{date})\s*$"),
        # Two roles may come first: "our clinical lead, nurse prescriber Hannah Cole".
        role_before=re.compile(rf"(?:(?:the|our|a|an)\s+)?(?:{role_phrase},\s+)?{role_phrase},?\s+"
                               rf"(?={name})"),
        role_after=re.compile(rf"(?P<name>{name}),\s+(?:[\w'’-]+\s+){{0,6}}?{role_word}"),
        name=re.compile(name),
        # The site, then maybe its issue, season, a section in lower case or its town: "Coarse
        # Lines, issue 214", "Hoof and Heel, rider health", "... Newsletter, Winter 2024".
        site_from=re.compile(rf"(?i:from|in|on)\s+the\s+(?P<site>{site_name})\s+(?:[a-z][\w'’-]*\s+)?"
                             rf"(?:website|site|blog|newsletter|magazine|pages)(?:,\s+(?P<date>{date}))?"),
        site=re.compile(rf"(?P<site>{site_name})(?P<outlet>{outlet})(?:,\s+(?:(?P<date>{date})(?:\s+issue)?|"
                        rf"{issue_number}|(?i:week)\s+\d+|"
                        rf"{season}(?:\s+\d{{4}})?"
                        r"(?:\s+(?:issue|newsletter))?|"
                        r"[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}|"
                        # a forum's board ("board: Living with nerve pain"), a series ("Family
                        # Guides series"), who publishes it ("Department of ..., Northmoor University")
                        r"(?i:board|forum|section|category|topic)\s*:\s*[^.,:]{1,60}|"
                        rf"{org}(?:\s+(?i:series|collection))?(?:,\s+{org})?))?"
                        # "Glow Weekly, issue 1184, 17 February 2026"; "..., Members' Newsletter
                        # No. 112"; "..., Friends' Newsletter, Spring 2025"; "..., Traders'
                        # News, Issue 31, Winter 2025"
                        rf"(?:,?\s+{issue_number})?"
                        rf"(?:,\s+(?:(?P<date2>{date})|{season}(?:\s+\d{{4}})?))?"),
        # A clause of people then its verb, in a newsletter's header line: "Quartermaster Lewis
        # Ogundipe writes", "Bernadette Coffey, exchange secretary, reports".
        credit_after=re.compile(rf"(?P<people>.+?),?\s+(?i:(?P<auth>{_words(cues['author_after'])})|"
                                rf"(?P<adv>{_words(cues['adviser_after'])}))"),
        not_names=frozenset(names["not_names"]),
        roles=frozenset(roles),
        honorifics=frozenset(names["honorifics"]),
        doctor_titles=frozenset(names["doctor_titles"]),
        sentence_end=re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(])|\s+[·|•]\s+|\s+[–—]\s+(?=[A-Z])"),
        abbreviations=frozenset(data["sentences"]["abbreviations"]),
        formats=tuple(data["dates"]["formats"]),
        month_formats=frozenset(data["dates"]["month_formats"]),
        month_first=frozenset(data["dates"]["month_first_languages"]),
        team_words=frozenset(names["team_words"]), html=data["html"], text=data["text"],
    )


def iso_date(text: str, day_first: bool = True) -> str:
    """A written date as YYYY-MM-DD (YYYY-MM for a month alone), or as written when unreadable."""
    r = rules()
    value = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text.strip().rstrip("."))
    value = re.sub(r"\bSept\b", "Sep", value.replace(".", " ") if re.search(r"[A-Za-z]\.", value)
                   else value)
    value = " ".join(value.split())
    if not day_first:
        value = re.sub(r"^(\d{1,2})/(\d{1,2})/", r"\2/\1/", value)
    for fmt in r.formats:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed.strftime("%Y-%m" if fmt in r.month_formats else "%Y-%m-%d")
    if day_first and re.match(r"^\d{1,2}/\d{1,2}/\d{4}$", value):
        return iso_date(text, day_first=False)     # "04/23/2025": the month comes first
    return text.strip()


def split_parts(text: str) -> list[str]:
    """A byline line's parts: between " · ", " | " or " – ", then its sentences; a full stop
    after "Dr", "St" or an initial does not end one."""
    r = rules()
    out, start = [], 0
    for m in r.sentence_end.finditer(text):
        before = text[start:m.start()]
        if before.endswith("."):
            last = before[:-1].rsplit(None, 1)[-1] if before[:-1].strip() else ""
            if _keeps_stop(last) or (len(last) == 1 and last.isupper()):
                continue
        out.append(before)
        start = m.end()
    out.append(text[start:])
    return [p.strip(" ·|•–—") for p in out if p.strip(" ·|•–—")]


def _keeps_stop(word: str) -> bool:
    """A full stop after `word` is part of it: the sentence splitter's abbreviations, and the
    few more a byline holds ("Revd", "No")."""
    return is_abbreviation(f"{word}.") or word in rules().abbreviations


def strip_stop(part: str) -> str:
    """A part or name without the full stop that ends its sentence ("By Ann Lee."); "B.Pharm."
    and "Dr." keep theirs."""
    part = part.strip()
    if part.endswith("."):
        last = part.rsplit(None, 1)[-1]
        if "." not in last[:-1] and not _keeps_stop(last[:-1]):
            return part[:-1].rstrip()
    return part


def _person(text: str, strong: bool) -> tuple[str | None, str, str]:
    """The name at the start of `text` (after an optional role phrase), the text after it and
    the role phrase; (None, text, "") when none. Capitalised words stop at a role or a word no
    name holds."""
    r = rules()
    lead = r.role_before.match(text)
    role = ""
    if lead:
        role, text = lead.group(0), text[lead.end():]
    m = r.name.match(text)
    if not m:
        return None, text, ""
    spans = [(t.group(0), t.start()) for t in re.finditer(r"\S+", m.group(0))]
    kept = []
    for tok, _ in spans:
        low = tok.lower().rstrip(".")
        if low in r.not_names or low in r.roles or low.rstrip("s") in r.roles or \
                (len(tok) > 1 and tok.isupper()):
            break
        kept.append(tok)
    proper = [t for t in kept if t not in r.honorifics]
    if not proper or len(proper) < (1 if strong else 2):
        return None, text, ""
    if len(kept) == len(spans):
        rest = text[m.end():]
    else:
        # "Harriet Lowe Features Editor": a role follows the name, read as after a comma.
        rest = "," + text[spans[len(kept)][1] - 1:]
    name = " ".join(kept)
    return name.rstrip("."), rest, role


def _joined_by(connector: re.Match) -> str:
    """The word that joins a person to the one before: "with" or "and"."""
    return connector.group(0).strip(" ,").split()[0].lower()


def _people(text: str, strong: bool) -> list[tuple[str, str, str]] | None:
    """Every person of a byline's people ("Joe Blackstock, head brewer, with Dr Marion Kessel,
    GP"), each as (name, the word that joins them to the one before or "", their role
    phrases); None when it does not start with one. A team may come first ("the Brambles
    nutrition team, with registered dietitian Priya Mandal"): it is no person."""
    r = rules()
    text = r.nickname.sub("", re.sub(r"\s*\([^()]*\)", "", text)).strip()
    people: list[tuple[str, str, str]] = []
    joined = ""
    team = r.team.match(text)
    if team:
        after = r.short_connector.match(text[team.end():])
        if after:
            joined, text = _joined_by(after), text[team.end() + after.end():]
        elif not r.role_before.match(text):
            return None
        # else "the kitchen team lead Maya Lindqvist": a role that starts like a team
    while text:
        name, rest, role = _person(text, strong or bool(people) or bool(joined))
        if name is None:
            break
        short = r.short_connector.match(rest)
        if short:
            people.append((name, joined, role))
            joined, text = _joined_by(short), rest[short.end():]
            continue
        # "Ann Lee; Tom Ray": a semicolon lists the next person when a name follows it at
        # once; before anything else ("Graham Tull; speaker, pharmacist Nadia Ferreira": a
        # talk's speaker, not its writer) it is read as a comma.
        semicolon = re.match(r"\s*;\s*", rest)
        after = _person(rest[semicolon.end():], True) if semicolon else (None, "", "")
        if after[0] and not after[2]:
            people.append((name, joined, role))
            joined, text = "and", rest[semicolon.end():]
            continue
        # "Carl Jepson as medical reviewer": a role after "as", read as after a comma.
        if rest and not re.match(r"\s*[,;]|\s+(?:for|at|of|as)\s", rest):
            return people or None
        # After a role, only a comma then "with" or "and" joins another person: "Sports and
        # Exercise Medicine Consultant" is one role.
        longer = r.short_connector.search(rest)
        while longer and not longer.group(0).startswith(","):
            longer = r.short_connector.search(rest, longer.end())
        people.append((name, joined, role + (rest[:longer.start()] if longer else rest)))
        if not longer:
            break
        joined, text = _joined_by(longer), rest[longer.end():]
    return people or None


def _clinician(name: str, role: str) -> bool:
    """A doctor by title, or a role or qualification of health care ("hand therapist", "GP")."""
    r = rules()
    return name.split()[0].rstrip(".") in r.doctor_titles or bool(r.clinical.search(role))


def _read_people_part(part: str, first: bool, fields: dict, day_first: bool) -> bool:
    """Authors and reviewers of a part with a cue ("Health content reviewed by Dr Sian
    Howells, GP"); whether it held any. A clinician credited as a helper ("with advice from
    physiotherapist Raj Bhatt", "with Dr Marion Kessel, GP") is the reviewer, not an author."""
    r = rules()
    cues = list(r.cue.finditer(part))
    if not cues:
        return False
    found = False
    for i, cue in enumerate(cues):
        kind = "rev" if cue.group("rev") else "adv" if cue.group("adv") else "auth"
        word = " ".join(cue.group(kind).lower().split())
        raw_lead = part[:cue.start()].rstrip()
        lead = raw_lead.strip(" ,")
        if i == 0:
            lead_words = lead.split()
            # A section's label before ", by" ("Wellbeing, by Nina Castellano").
            label = raw_lead.endswith(",") and 0 < len(lead_words) <= 3 and lead[0].isupper()
            if kind == "rev":
                if len(lead_words) > 3 or any(c.isdigit() for c in lead):
                    return False
            elif kind == "adv" or word in r.bare_only:
                # "From: Rosa Lindqvist" heads an email; "answers from Medi" names no writer.
                if lead or ":" in cue.group(0):
                    return False
            elif lead and not label and (len(lead_words) > 5 or
                                         lead_words[-1].lower() not in r.lead_nouns):
                return False
            strong = word in r.strong or kind == "adv" or (bool(lead) and not label)
        else:
            if kind == "auth" and word not in r.strong:
                continue
            strong = True
        end = cues[i + 1].start() if i + 1 < len(cues) else len(part)
        # "our palliative care team and checked by ...": the "and" joins the next cue.
        people_text = re.sub(r"(?:,?\s+(?:and|with))+$", "", part[cue.end():end].strip(" ,"))
        date = r.trailing_date.search(people_text)
        if date:
            people_text = people_text[:date.start()]
        people = _people(people_text, strong)
        if not people and strong and _HANDLE.fullmatch(people_text) and \
                people_text.lower() not in r.not_names:
            people = [(people_text, "", "")]     # a forum's handle: "Started by glenys_w"
        if not people:
            if i == 0 and not r.team.fullmatch(people_text.strip(" ,")):
                return False
            continue
        for name, joined, role in people:
            if kind == "rev" or re.search(r"\breviewer\b", role, re.I) or \
                    ((kind == "adv" or joined == "with") and _clinician(name, role)):
                key = "reviewer"
            else:
                key = "author"
            if name not in fields.get(key, []):
                fields.setdefault(key, []).append(name)
        if date:
            which = "modified" if date.group("mod") else "published" if date.group("pub") \
                else "modified" if kind == "rev" else "published"
            fields.setdefault(which, iso_date(date.group("date"), day_first))
        found = True
    return found


def _read_credits_after(part: str, fields: dict) -> bool:
    """Authors and reviewers of a part whose every clause (between "; " or ", and ") is people
    then a verb crediting them: "Quartermaster Lewis Ogundipe writes, and Chloe Dellafield, a
    children's dietitian ..., advised". An adviser is the reviewer when a clinician; one who
    is not ("Alun Pryce-Morgan, who nursed people ..., adds his notes") is credited as
    neither, since the writer's own clause names the author."""
    r = rules()
    credits = []
    for clause in re.split(r"\s*;\s+|,\s+and\s+", part):
        said = r.credit_after.fullmatch(clause)
        people = _people(said.group("people"), True) if said else None
        if not people or (said.group("adv") and len(people) > 1):
            return False
        credits.append((people, "auth" if said.group("auth") else "adv"))
    if not any(kind == "auth" for _, kind in credits):
        return False
    for people, kind in credits:
        for name, _, role in people:
            key = "author" if kind == "auth" else "reviewer" if _clinician(name, role) else None
            if key and name not in fields.get(key, []):
                fields.setdefault(key, []).append(name)
    return True


# A user name as a forum writes it, after a strong cue only: "glenys_w", "mo_b", "gordy77".
_HANDLE = re.compile(r"[A-Za-z][A-Za-z0-9.]*[_\d][\w.]*|[a-z][a-z0-9]{2,}")


def read_line(text: str, day_first: bool = True, site: bool = True) -> dict[str, str]:
    """The metadata one byline line gives: {"author": ..., "published": ...}, only what it
    states. `site`: whether its first part may name the site (a plain-text header line)."""
    return _read(text, day_first, site)[0]


def is_header_line(text: str, day_first: bool = True, reads: dict | None = None) -> bool:
    """A plain-text header line that is only metadata: it credits someone, and each of its
    parts is read (the site, its strapline, a credit, a date, a reading time): "PennyWiser.
    Money guides. By Kirsty Adebayo, consumer money writer. Updated 2 May 2025." A line with
    anything else ("Letter reference PMS/25/0381", a sentence) is text."""
    if len(text) > rules().text["max_chars"]:
        return False
    out, every_part = _read_once(text, day_first, True, reads)
    return every_part and ("author" in out or "reviewer" in out)


def _strapline(part: str) -> bool:
    """A site's short description after its name: "Money guides", "Sleep and wellbeing guides"."""
    words = part.split()
    return 0 < len(words) <= rules().text["strapline_words"] and part[0].isupper() and \
        not any(c.isdigit() for c in part) and not rules().cue.search(part + " x")


def _read(text: str, day_first: bool, site: bool) -> tuple[dict[str, str], bool]:
    """read_line's fields, and whether every part of the line was read as metadata."""
    r = rules()
    fields: dict = {}
    bare: list[str] = []
    site_part = None
    site_from = None
    unread = 0
    parts = split_parts(text)
    for i, raw in enumerate(parts):
        part = strip_stop(raw)
        if not part or r.skip.fullmatch(part):
            continue
        if r.never.search(part):
            unread += 1
            continue
        dated = r.dated.fullmatch(part)
        if dated:
            value = iso_date(dated.group("date"), day_first)
            if dated.group("mod"):
                fields.setdefault("modified", value)
            elif dated.group("pub"):
                fields.setdefault("published", value)
            else:
                bare.append(value)
            continue
        if _read_people_part(part, i == 0, fields, day_first) or _read_credits_after(part, fields):
            continue
        if i == 0:
            no_cue = r.role_after.fullmatch(part)
            if no_cue:
                people = _people(no_cue.group("name"), False)
                if people:
                    fields.setdefault("author", []).extend(name for name, _, _ in people)
                    continue
            if site:
                site_part = r.site.fullmatch(part)
                if site_part:
                    if site_part.group("outlet") and part == site_part.group(0) and \
                            "," not in part:
                        # "Northern Sinfonia Players' Health pages": a publication, read as
                        # header furniture, but which words name the site is unclear.
                        site_part = None
                    continue
        elif i == 1 and site_part and _strapline(part):
            continue
        elif site and site_from is None and r.site_from.fullmatch(part):
            site_from = r.site_from.fullmatch(part)
            continue
        unread += 1
    out = {k: PEOPLE_JOIN.join(v) for k, v in fields.items() if k in ("author", "reviewer")}
    out.update((k, v) for k, v in fields.items() if k in ("published", "modified"))
    named = "author" in out or "reviewer" in out
    if site_part and named and site_part.group("site") not in out.get("author", ""):
        out["site_name"] = site_part.group("site")
        if site_part.group("date") or site_part.group("date2"):
            bare.insert(0, iso_date(site_part.group("date") or site_part.group("date2"), day_first))
    elif site_part:
        unread += 1
    if site_from and named and "site_name" not in out:
        out["site_name"] = site_from.group("site")
        if site_from.group("date"):
            bare.insert(0, iso_date(site_from.group("date"), day_first))
    elif site_from:
        unread += 1
    # A bare date is the publication date of a line that says who wrote it, or of a line
    # that is only a date.
    if bare and "published" not in out and (named or len(bare) == len(parts)):
        out["published"] = bare[0]
    return out, unread == 0


def _read_once(text: str, day_first: bool, site: bool,
               reads: dict | None) -> tuple[dict[str, str], bool]:
    """_read, kept in `reads` (when given) for the caller's next question about the same
    line: a plain-text article's header lines are read for their fields, then tried as
    header lines. What it gives must not be changed."""
    if reads is None:
        return _read(text, day_first, site)
    key = (text, day_first, site)
    if key not in reads:
        reads[key] = _read(text, day_first, site)
    return reads[key]


def read_lines(lines: list[str], day_first: bool = True, site: bool = True,
               reads: dict | None = None) -> dict[str, str]:
    """Fields of several byline lines; the first line that gives a field wins. `reads`: as
    for _read_once."""
    limit = rules().text["max_chars"]
    out: dict[str, str] = {}
    for line in lines:
        if len(line) > limit or not any(c.isdigit() or c.isupper() for c in line):
            continue
        for key, value in _read_once(line, day_first, site, reads)[0].items():
            out.setdefault(key, value)
    return out


def is_name_list(value: str) -> bool:
    """Whether an author field is only names ("Jane Doe; Tom Ray"): no role, cue or date
    garbled into it, as trafilatura makes of a byline ("Jo Pellegrini; Level")."""
    r = rules()
    for piece in value.split(";"):
        piece = piece.strip()
        m = r.name.fullmatch(piece)
        if not m or r.cue.search(piece + " x") or r.date.search(piece):
            return False
        name, rest, _ = _person(piece, False)
        if name != piece or rest.strip():
            return False
    return True


def is_team(value: str) -> bool:
    """Whether an author field is a team's name ("Thrive Daily Nutrition Team")."""
    words = value.split()
    return 2 <= len(words) <= 6 and words[-1] in rules().team_words and \
        all(w[0].isupper() or w == "&" for w in words) and not rules().cue.search(value + " x")


# ------------------------------------------------------------------------------ HTML


@lru_cache(maxsize=None)
def _html_xpaths() -> tuple[re.Pattern, etree.XPath, re.Pattern, re.Pattern, frozenset]:
    h = rules().html
    metas = " or ".join(f"@{a}='{n}'" for n in h["modified_meta"]
                        for a in ("property", "name", "itemprop"))
    modified = etree.XPath(f"//meta[{metas}]/@content | //*[@itemprop='dateModified']/@datetime")
    # A whole token or a run of its "-" parts, as html.toml's container rules match.
    bound = r"(?<![^\s-])(?:{})(?![^\s-])"
    tokens = re.compile(bound.format("|".join(re.escape(t) for t in h["tokens"])))
    skips = re.compile(bound.format("|".join(re.escape(t) for t in h["skip_tokens"])))
    # A quick test on an attribute as written, before it is normalised: most hold no token.
    quick = re.compile("|".join(re.escape(t) for t in h["tokens"]), re.IGNORECASE)
    return quick, modified, tokens, skips, frozenset(h["skip_whole"])


def _attrs(el) -> str:
    return re.sub(r"[-_]+", "-", " ".join(filter(None, (
        el.get("class"), el.get("id"), el.get("itemprop"), el.get("rel")))).lower())


def _skipped(el, skips: re.Pattern, whole: frozenset) -> bool:
    attrs = _attrs(el)
    return bool(skips.search(attrs)) or not whole.isdisjoint(attrs.split())


def byline_texts(root) -> list[str]:
    """Texts of the page's byline elements (class "byline", "author", "post-meta", ...) in
    document order; none inside a footer, a nav, or a comment."""
    quick, _, tokens, skips, whole = _html_xpaths()
    h = rules().html
    limit, skip_tags = h["max_chars"], frozenset(h["skip_ancestors"])
    out: list[str] = []
    # A walk with a string test per attribute: an XPath of contains() tests took a millisecond.
    for el in root.iter():
        attrs = el.attrib
        if not attrs or not any(quick.search(attrs.get(a) or "")
                                for a in ("class", "id", "itemprop", "rel")):
            continue
        if not isinstance(el.tag, str) or el.tag in ("meta", "link", "script", "style") \
                or not tokens.search(_attrs(el)):
            continue
        if _skipped(el, skips, whole) or any(a.tag in skip_tags or _skipped(a, skips, whole)
                                            for a in el.iterancestors()):
            continue
        # A box of several paragraphs ("Written by ... on September 22, 2025" then "In This
        # Article: ...") is read a paragraph a line, so a date ends its own line.
        paragraphs = el.findall("p")
        for part in paragraphs if len(paragraphs) > 1 else [el]:
            text = " ".join(" ".join(part.itertext()).split())
            if text and len(text) <= limit and text not in out:
                out.append(text)
    return out


def footer_texts(root) -> list[str]:
    """Texts of the lines of the page's <footer> elements (each <p>, or the footer whole), in
    order: where a charity's "Page last reviewed" line stands. Read before the footer goes as
    furniture, and only for a date of review or update (`closing_modified`)."""
    limit = rules().html["max_chars"]
    out: list[str] = []
    for footer in _FOOTERS(root):
        lines = footer.findall(".//p") or [footer]
        for line in lines:
            text = " ".join(" ".join(line.itertext()).split())
            if text and len(text) <= limit:
                out.append(text)
    return out


_FOOTERS = etree.XPath("//footer")


def closing_modified(lines: list[str], day_first: bool = True) -> str | None:
    """The date of review or update that a page's closing lines give: a line read as a byline
    ("Page last reviewed 2 April 2025.", "Last updated: August 2025."), or a footer's sentence
    that ends with one ("... and reviewed by our clinical team in July 2025."). A copyright's
    or a next review's date is never read."""
    r = rules()
    for line in lines:
        if r.never.search(line):
            continue
        value = read_line(line, day_first, site=False).get("modified")
        if value:
            return value
        m = _closing().search(line)
        if m:
            return iso_date(m.group("date"), day_first)
    return None


@lru_cache(maxsize=None)
def _closing() -> re.Pattern:
    r = rules()
    cues = _words(r.html["closing_cues"])
    return re.compile(rf"(?i:\b(?:{cues}))(?:\s+by\s+(?:our|the)\s+[\w'’&-]+(?:\s+[\w'’&-]+){{0,5}}?)?"
                      rf"\s+(?:in|on)\s+(?P<date>{r.date.pattern})\.?$")


def markup_modified(root) -> str | None:
    """The last modification a <meta> gives (article:modified_time), as YYYY-MM-DD."""
    for value in _html_xpaths()[1](root):
        m = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
        if m:
            return m.group(0)
    return None


def title_site(root) -> str | None:
    """The site a page's <title> names after its last separator ("... | Purl & Plain"); the
    header logo's text when the title's part starts with it ("Kneadwell Sports Massage,
    Bristol" with a logo "Kneadwell Sports Massage")."""
    h = rules().html
    title = root.find(".//title")
    if title is None or not title.text:
        return None
    text = " ".join(title.text.split())
    cut = max(((text.rfind(s), s) for s in h["title_separators"]), key=lambda x: x[0])
    if cut[0] <= 0:
        return None
    suffix = site_name(text[cut[0] + len(cut[1]):].strip())
    if not suffix:
        return None
    # Only a part with a comma can start with the logo's text and a comma: any other is the
    # site as it stands, without the logo's XPath over the whole page (which is not yet
    # stripped of its furniture: about a millisecond a real-weight page).
    if "," not in suffix:
        return suffix
    logo = _LOGO(root)
    if logo:
        brand = " ".join(" ".join(logo[0].itertext()).split())
        if brand and suffix.startswith(brand + ","):
            return brand
    return suffix


_LOGO = etree.XPath("(//*[contains(concat(' ', translate(@class, 'LOGO', 'logo'), ' '), ' logo ')])[1]")


def site_name(value: str | None) -> str | None:
    """A site name as given when it reads as one ("Purl & Plain", "Hartley Osteopaths, Bath"),
    else None ("Physio explains - ViewTube", a title's question, a handle). A site's outlet
    in lower case after its name is left off: "Brightwater Energy customer blog" names
    "Brightwater Energy"."""
    if not value:
        return None
    h = rules().html
    small = set(h["site_small_words"])
    words = value.replace(",", " ").split()
    if len(words) > h["title_site_words"] + 1 or any(c in value for c in ':?@"“”|'):
        return None
    named = [w in small or w[0].isupper() or w[0].isdigit() for w in words]
    if all(named):
        return value
    first = named.index(False)
    if first >= 2 and words[-1] in h["site_outlets"] and len(words) - first <= 3 and \
            "," not in value and words[first - 1] not in small:
        return " ".join(words[:first])
    return None


def page_day_first(root) -> bool:
    return (root.get("lang") or "").lower() not in rules().month_first
