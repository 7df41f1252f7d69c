"""Byline reading: each line gives exactly the author, reviewer, dates and site it states."""
import pytest

from pipeline.bylines import is_name_list, is_team, iso_date, read_line, site_name

LINES = [
    # HTML byline paragraphs of eval/claims/blind16
    ("By Harriet Lowe, features editor, with help from hand therapist Nadia Brook. 9 June 2025.",
     {"author": "Harriet Lowe; Nadia Brook", "published": "2025-06-09"}),
    ("By Martin Okafor, motoring editor. Health content reviewed by Dr Sian Howells, GP. "
     "14 March 2025.",
     {"author": "Martin Okafor", "reviewer": "Dr Sian Howells", "published": "2025-03-14"}),
    ("By Priya Chandran, optometrist and clinical services lead. Updated 3 April 2025.",
     {"author": "Priya Chandran", "modified": "2025-04-03"}),
    ("Answers checked by Rosa Delacroix, registered nutritionist. Last updated 11 February 2025.",
     {"reviewer": "Rosa Delacroix", "modified": "2025-02-11"}),
    ("Written by Gemma Rourke, senior shoe fitter, with advice from Callum Ferris, "
     "HCPC-registered podiatrist. Published 20 January 2025.",
     {"author": "Gemma Rourke; Callum Ferris", "published": "2025-01-20"}),
    ("Jo Pellegrini, Level 5 sports massage therapist. Posted 28 April 2025.",
     {"author": "Jo Pellegrini", "published": "2025-04-28"}),
    # plain-text header lines
    ("St Aidan's Parish News, May 2025. Health Matters column by Dr Anne Whitlock, retired GP "
     "and churchwarden.",
     {"author": "Dr Anne Whitlock", "site_name": "St Aidan's Parish News", "published": "2025-05"}),
    ("PennyWiser. Money guides. By Kirsty Adebayo, consumer money writer. Updated 2 May 2025.",
     {"author": "Kirsty Adebayo", "modified": "2025-05-02", "site_name": "PennyWiser"}),
    ("Slumberwise. Sleep and wellbeing guides. By Esther Nwosu, sleep coach, with medical "
     "review by Dr Rhys Pemberton. 7 min read.",
     {"author": "Esther Nwosu", "reviewer": "Dr Rhys Pemberton", "site_name": "Slumberwise"}),
    ("Posted by Gordy (GordyWalksTheDales) on 9 March 2025.",
     {"author": "Gordy", "published": "2025-03-09"}),
    ("Prepared by the orchestra's health and wellbeing officer, Fiona McAllister, with Dr Jonah "
     "Reid, performing arts medicine specialist.",
     {"author": "Fiona McAllister; Dr Jonah Reid"}),
    # dates alone, with their cue
    ("Updated 3 March 2026", {"modified": "2026-03-03"}),
    ("Last reviewed: 12/01/2025", {"modified": "2025-01-12"}),
    ("Published 14 Feb 2026 · 6 min read", {"published": "2026-02-14"}),
    ("2 September 2025.", {"published": "2025-09-02"}),
    ("Page last reviewed: 14 August 2025. Next review due: 14 August 2027.",
     {"modified": "2025-08-14"}),
    ("Medically reviewed by Dr. Laura Chen, MD, Clinical Pathology", {"reviewer": "Dr. Laura Chen"}),
    ("By Ann Lee and Tom Ray", {"author": "Ann Lee; Tom Ray"}),
    # never metadata
    ("Next review due: 14 August 2027.", {}),
    ("© 2025 Oatfield. All rights reserved.", {}),
    ("Copyright 3 March 2024 Riverside Health", {}),
    ("Purl & Plain is published by Hedgerow Craft Media Ltd. © 2025.", {}),
    ("By Friday, most patients feel better.", {}),
    ("By taking B12 daily, most patients recover.", {}),
    ("Reviewed by a doctor, most cases improve.", {}),
    ("Written by the team that found the gene, the study changed practice.", {}),
    ("Published on: Modified on:", {}),
    ("Pain Management Service, Outpatients Block C, Eastbridge General Hospital.", {}),
    ("Jo Pellegrini. Posted 28 April 2025.", {"published": "2025-04-28"}),
]


@pytest.mark.parametrize("line,expected", LINES, ids=[line[:40] for line, _ in LINES])
def test_byline_line_gives_exactly_its_fields(line, expected):
    assert read_line(line) == expected


@pytest.mark.parametrize("written,iso", [
    ("3 March 2026", "2026-03-03"), ("March 3, 2026", "2026-03-03"), ("3rd March 2026", "2026-03-03"),
    ("Sept. 3, 2025", "2025-09-03"), ("14 Feb 2026", "2026-02-14"), ("2025-03-14", "2025-03-14"),
    ("12/01/2025", "2025-01-12"), ("04/23/2025", "2025-04-23"), ("May 2025", "2025-05"),
    ("Spring 2025", "Spring 2025"),
])
def test_dates_are_iso_when_they_can_be_read(written, iso):
    assert iso_date(written) == iso


def test_numeric_dates_read_month_first_on_an_american_page():
    assert iso_date("12/01/2025", day_first=False) == "2025-12-01"


@pytest.mark.parametrize("author,names_only", [
    ("Jane Doe", True), ("Jane Doe; Tom Ray", True), ("Dr Omar Haddad", True),
    ("Jo Pellegrini; Level", False), ("Harriet Lowe; Features Editor; With Help", False),
    ("Priya Chandran; Optometrist; Clinical Services Lead Updated", False),
    ("Answers checked by Rosa Delacroix; Registered Nutritionist Last Updated", False),
])
def test_trafilatura_author_is_trusted_only_when_it_is_only_names(author, names_only):
    assert is_name_list(author) is names_only


def test_team_names():
    assert is_team("Thrive Daily Nutrition Team") and is_team("HowToHub Staff")
    assert not is_team("The Brambles Nutrition Team; With Registered Dietitian Priya Mandal")


@pytest.mark.parametrize("value,kept", [
    ("Purl & Plain", "Purl & Plain"), ("Hartley Osteopaths, Bath", "Hartley Osteopaths, Bath"),
    ("Physio explains - ViewTube", None), ("Carrow Logistics intranet", None),
    ("PT & plant-based (@ella.moves.pt) on Pixagram", None),
    ("3.4 What happens to nerves in diabetes? | Diabetes: Living Well", None),
])
def test_site_names_are_kept_only_when_they_read_as_names(value, kept):
    assert site_name(value) == kept
