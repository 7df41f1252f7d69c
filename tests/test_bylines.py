"""Byline reading: each line gives exactly the author, reviewer, dates and site it states."""
import pytest

from pipeline.bylines import (is_header_line, is_name_list, is_team, iso_date, read_line,
                              site_name, title_site)

LINES = [
    # HTML byline paragraphs of eval/claims/blind16
    ("By Harriet Lowe, features editor, with help from hand therapist Nadia Brook. 9 June 2025.",
     {"author": "Harriet Lowe", "reviewer": "Nadia Brook", "published": "2025-06-09"}),
    ("By Martin Okafor, motoring editor. Health content reviewed by Dr Sian Howells, GP. "
     "14 March 2025.",
     {"author": "Martin Okafor", "reviewer": "Dr Sian Howells", "published": "2025-03-14"}),
    ("By Priya Chandran, optometrist and clinical services lead. Updated 3 April 2025.",
     {"author": "Priya Chandran", "modified": "2025-04-03"}),
    ("Answers checked by Rosa Delacroix, registered nutritionist. Last updated 11 February 2025.",
     {"reviewer": "Rosa Delacroix", "modified": "2025-02-11"}),
    ("Written by Gemma Rourke, senior shoe fitter, with advice from Callum Ferris, "
     "HCPC-registered podiatrist. Published 20 January 2025.",
     {"author": "Gemma Rourke", "reviewer": "Callum Ferris", "published": "2025-01-20"}),
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
     {"author": "Fiona McAllister", "reviewer": "Dr Jonah Reid"}),
    # a clinician credited as a helper is the reviewer; anyone else who helps, or a second
    # writer after "and", is an author
    ("By Ruth Ames, with advice from practice nurse Kim Ode. 4 June 2025.",
     {"author": "Ruth Ames", "reviewer": "Kim Ode", "published": "2025-06-04"}),
    ("Written by Sam Fry, head chef, with Dr Lena Moss, GP.",
     {"author": "Sam Fry", "reviewer": "Dr Lena Moss"}),
    ("By Pat Gale, with help from Sam Ford.", {"author": "Pat Gale; Sam Ford"}),
    ("Written by Ana Ruiz, consultant surgeon, and Ben Holt, practice dietitian.",
     {"author": "Ana Ruiz; Ben Holt"}),
    ("Club notes by treasurer Ian Platt, with thanks to member Dr Ola Green.",
     {"author": "Ian Platt", "reviewer": "Dr Ola Green"}),
    ("By Lee Cole, with sports physiotherapist and runner Amy Fox.",
     {"author": "Lee Cole", "reviewer": "Amy Fox"}),
    ("By Lee Cole, with hand surgeon Mr Tim Bray.", {"author": "Lee Cole", "reviewer": "Mr Tim Bray"}),
    ("By Lee Cole, sales lead. With input from occupational therapist Jo Dean.",
     {"author": "Lee Cole", "reviewer": "Jo Dean"}),
    ("By Lee Cole. Medical input from Dr Ravi Shah, sports medicine consultant. 2 May 2025.",
     {"author": "Lee Cole", "reviewer": "Dr Ravi Shah", "published": "2025-05-02"}),
    ("By Lee Cole, chef. Nutrition notes by Sue Park, registered dietitian.",
     {"author": "Lee Cole", "reviewer": "Sue Park"}),
    ("From practice manager Eve Long, with notes from our dietitian Al Brook.",
     {"author": "Eve Long", "reviewer": "Al Brook"}),
    # a team is no person, but the clinician who helps it is the reviewer
    ("By the Hilltop editorial team, with registered dietitian Mia Lund. 5 min read.",
     {"reviewer": "Mia Lund"}),
    ("Written by the Hilltop editorial team with input from Dr Ali Rahman, consultant "
     "neurologist. Last reviewed 3 May 2025.",
     {"reviewer": "Dr Ali Rahman", "modified": "2025-05-03"}),
    # jobs, qualifications, nicknames and employers are not part of a name
    ('By Dan "Turbo" Kerr, games editor. Medical check by Dr Ivo Lane. 5 May 2025.',
     {"author": "Dan Kerr", "reviewer": "Dr Ivo Lane", "published": "2025-05-05"}),
    ("Reviewed by Boots pharmacist Ali Khan, MPharm", {"reviewer": "Ali Khan"}),
    ("Clinical content by Jan Moss, RGN, nurse prescriber. Updated 2 May 2025.",
     {"author": "Jan Moss", "modified": "2025-05-02"}),
    ("Wellbeing, by Nina Hale. Reviewed by pharmacist Tom Gray.",
     {"author": "Nina Hale", "reviewer": "Tom Gray"}),
    # a date after its cue, with a weekday, or with the section it was posted in
    ("By Nora Quinn, Health Editor Published 7 July 2025",
     {"author": "Nora Quinn", "published": "2025-07-07"}),
    ("Wellbeing column by Dr Eve Hart. Friday 6 June 2025.",
     {"author": "Dr Eve Hart", "published": "2025-06-06"}),
    ("By Ed Marsh, club physio. Posted 4 March 2025 in Club news.",
     {"author": "Ed Marsh", "published": "2025-03-04"}),
    ("Answers by Dr Tom Ash, registered osteopath. Page reviewed May 2025.",
     {"author": "Dr Tom Ash", "modified": "2025-05"}),
    ("Letter reference AB/12. Sent 3 June 2025.", {"published": "2025-06-03"}),
    # none of these credits anyone
    ("From Monday, the clinic opens at 8am.", {}),
    ("From pregnancy to the menopause, hormones change how nerves behave.", {}),
    ("With thanks to everyone who came.", {}),
    ("With advice like this, most people recover.", {}),
    ("From: Ola Berg", {}),
    ("Your questions: answers from Robo, our chat assistant", {}),
    ("By Dr Ken Ito, Sports and Exercise Medicine Consultant | 6 min read",
     {"author": "Dr Ken Ito"}),
    # a plain-text header line's site, with its issue, season or section
    ("Tidewater Rowing Club Bulletin, Issue 31. Safety page by coach Al Reed.",
     {"author": "Al Reed", "site_name": "Tidewater Rowing Club Bulletin"}),
    ("Fen Runner, trail health. By Mo Dale, with podiatrist Ivy Crane.",
     {"author": "Mo Dale", "reviewer": "Ivy Crane", "site_name": "Fen Runner"}),
    ("Brook Choir Newsletter, Autumn 2024. Voice notes by Tess Lowe.",
     {"author": "Tess Lowe", "site_name": "Brook Choir Newsletter"}),
    # dates alone, with their cue
    ("Updated 3 March 2026", {"modified": "2026-03-03"}),
    ("Last reviewed: 12/01/2025", {"modified": "2025-01-12"}),
    ("Published 14 Feb 2026 · 6 min read", {"published": "2026-02-14"}),
    ("2 September 2025.", {"published": "2025-09-02"}),
    ("Page last reviewed: 14 August 2025. Next review due: 14 August 2027.",
     {"modified": "2025-08-14"}),
    ("Medically reviewed by Dr. Laura Chen, MD, Clinical Pathology", {"reviewer": "Dr. Laura Chen"}),
    ("By Ann Lee and Tom Ray", {"author": "Ann Lee; Tom Ray"}),
    ("Eastfield and District Darts League Newsletter, March 2025. Health spot by league "
     "secretary Bernie Lomax, with team captain and practice nurse Carol Price.",
     {"author": "Bernie Lomax", "reviewer": "Carol Price", "published": "2025-03",
      "site_name": "Eastfield and District Darts League Newsletter"}),
    # a team, then a reviewer's cue after "and"
    ("Written by our palliative care team and checked by consultant Dr Ruth Mensah. Last "
     "reviewed November 2024.", {"reviewer": "Dr Ruth Mensah", "modified": "2024-11"}),
    # two roles before the name; a doer's word ends a role ("fellow rider", "route setter")
    ("Answers by our clinical lead, nurse prescriber Hannah Cole. Reviewed 3 March 2025.",
     {"author": "Hannah Cole", "modified": "2025-03-03"}),
    ("By workshop manager Lee Hartley, with advice from diabetes nurse and fellow rider Grace "
     "Obi. 18 April 2025.", {"author": "Lee Hartley", "reviewer": "Grace Obi",
                             "published": "2025-04-18"}),
    ("Written by head groundskeeper Alf Moor, with season-ticket holder Dr Lia Stone.",
     {"author": "Alf Moor", "reviewer": "Dr Lia Stone"}),
    # a forum's handle after a strong cue (blind11's forum thread)
    ("Started by glenys_w, 14 October 2025.", {"author": "glenys_w", "published": "2025-10-14"}),
    ("Posted by admin", {}),
    ("Shine Monthly, issue 212, 3 March 2026. Interview by Cara Dunn. Photographs by Ed Lam.",
     {"author": "Cara Dunn", "published": "2026-03-03", "site_name": "Shine Monthly"}),
    ("Prepared by our clinical lead, Marion Achebe RGN. Issue 3, November 2025.",
     {"author": "Marion Achebe", "published": "2025-11"}),
    # twenty-fifth round (blind21's header lines and bylines): a role joined by "and" ends
    # in a role; a role's field after "in"; "as medical reviewer"; a role starting like a
    # team; a newsletter's number or season after the site; "write-up by"; a semicolon
    ("Notes by secretary Ann Hale, with advice from member and retired GP Dr Jo Finch.",
     {"author": "Ann Hale", "reviewer": "Dr Jo Finch"}),
    ("By shop manager Lee Park, with nurse specialist Sam Orr as medical reviewer.",
     {"author": "Lee Park", "reviewer": "Sam Orr"}),
    ("By Lee Park, with Sam Orr as clinical reviewer.", {"author": "Lee Park", "reviewer": "Sam Orr"}),
    ("Medically reviewed by consultant in sports medicine Dr Ravi Nair.",
     {"reviewer": "Dr Ravi Nair"}),
    ("From the kitchen team lead Ola Berg, with guidance from our nutritionist Tim Reed.",
     {"author": "Ola Berg", "reviewer": "Tim Reed"}),
    ("Hill Street Allotment Society, Members' Newsletter No. 48. Notes by secretary Pat Dunn.",
     {"author": "Pat Dunn", "site_name": "Hill Street Allotment Society"}),
    ("Brook Valley Choir, Friends' Newsletter, Winter 2025. Column by Mo Reid.",
     {"author": "Mo Reid", "site_name": "Brook Valley Choir"}),
    ("Talk write-up by club secretary Ray Dunn.", {"author": "Ray Dunn"}),
    ("By Ann Lee; Tom Ray.", {"author": "Ann Lee; Tom Ray"}),
    ("By Ann Lee; photos from the archive.", {"author": "Ann Lee"}),
    ("Write-up by secretary Ann Lee; speaker, pharmacist Tom Ray.", {"author": "Ann Lee"}),
    # twenty-sixth round (blind22's header lines): people then the verb that credits them,
    # a clinician adviser being the reviewer and anyone else no author; "Issue 31" after a
    # comma; a group's number before its name; "Summer Term"
    ("Quartermaster Lou Ayo writes, and Cleo Dell, a children's dietitian, advised.",
     {"author": "Lou Ayo", "reviewer": "Cleo Dell"}),
    ("Bea Coffey, exchange secretary, reports; Al Pryce, who ran the walks, adds his notes.",
     {"author": "Bea Coffey"}),
    ("Ann Lee reports; Dr Tom Ray adds his notes.", {"author": "Ann Lee", "reviewer": "Dr Tom Ray"}),
    ("Dr Tom Ray advised.", {}),
    ("Sam Hill writes about pain.", {}),
    ("Tannery Row Traders' Association, Traders' News, Issue 31, Winter 2025. By Femi Lock.",
     {"author": "Femi Lock", "site_name": "Tannery Row Traders' Association"}),
    ("14th Bramhope Scout Group, Parents' Newsletter, Summer Term 2025. Lou Ayo writes.",
     {"author": "Lou Ayo", "site_name": "14th Bramhope Scout Group"}),
    # twenty-seventh round (blind23's header lines): "Edited by" and "Put together by" credit
    # the newsletter's writer
    ("Saddle Ridge Gliding Club, Thermals, Summer 2025. Edited by club secretary Elo Trent, "
     "with help from member and retired neurologist Dr Jules Oka.",
     {"author": "Elo Trent", "reviewer": "Dr Jules Oka", "site_name": "Saddle Ridge Gliding Club"}),
    ("Kilnfield Neighbourhood Watch, Watchword, October 2025. Put together by scheme "
     "coordinator Vera Dale, with help from resident and practice pharmacist Nas Khan.",
     {"author": "Vera Dale", "reviewer": "Nas Khan", "published": "2025-10",
      "site_name": "Kilnfield Neighbourhood Watch"}),
    # a dentist is a clinician too
    ("Downsweep Kite Fliers, The Tail, Winter 2025. Edited by club secretary Ewart Oyinlola, "
     "with help from member and retired dentist Mina Cardenas.",
     {"author": "Ewart Oyinlola", "reviewer": "Mina Cardenas",
      "site_name": "Downsweep Kite Fliers"}),
    ("Edited by Ann Lee.", {"author": "Ann Lee"}),
    # thirtieth round (blind26's curling club): a curling team's captain, the skip, is a role
    ("Glenmorrow Curling Club, The Hack, January 2026. Written by skip Effie Drum, with advice "
     "from member and podiatrist Tor Iwu.",
     {"author": "Effie Drum", "reviewer": "Tor Iwu", "published": "2026-01",
      "site_name": "Glenmorrow Curling Club"}),
    ("Written by vice-skip Ros Hale.", {"author": "Ros Hale"}),
    # never metadata
    ("By Friday; most patients feel better.", {}),
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
    # a lower-case outlet after the name is left off
    ("Brightwater Energy customer blog", "Brightwater Energy"),
    ("Crossways Motorcycles rider blog", "Crossways Motorcycles"),
    ("Knee pain blog", None),
])
def test_site_names_are_kept_only_when_they_read_as_names(value, kept):
    assert site_name(value) == kept


@pytest.mark.parametrize("title,site", [
    ("Knee pain | Hillside Physio", "Hillside Physio"),
    ("Knee pain - Patient information - Hillside Medical Practice", "Hillside Medical Practice"),
    ("Knee pain - what helps and what to avoid", None),
    ("Knee pain", None),
    ("Cold homes and numb feet | Brightwater Energy customer blog", "Brightwater Energy"),
])
def test_title_site_is_the_titles_last_part_when_it_reads_as_a_name(title, site):
    from lxml import html
    assert title_site(html.fromstring(f"<html><head><title>{title}</title></head><body><p>x</p>"
                                      "</body></html>")) == site


HEADER_LINES = [
    # the line under a plain-text title that only credits, names the site or dates: metadata
    ("Gullhaven Kayak Club Bulletin, June 2025. Paddle notes by captain Rhys Dunn, with "
     "medical input from member Dr Asha Vale.", True),
    ("Pocketwise. Budget guides. By Lena Shaw, money writer. Updated 4 May 2025.", True),
    ("Posted by Ewan Pike on 2 March 2025. 5 min read.", True),
    ("The Tuesday Table podcast. Show notes by producer Iris Hale. Released 9 May 2025. "
     "Running time 38 minutes.", True),
    ("Posted by Meg Orr, yoga teacher, on 3 May 2025. Filed under: Backs, Hips.", True),
    # a long site name, a column with any name of a lead-in ("Health spot by")
    ("Northfield and District Bowls Club Members' Newsletter, April 2025. Health spot by club "
     "secretary Ada Lowe, with member and practice nurse Joy Kerr.", True),
    ("Saint Bride's Society of Change Ringers Newsletter, Summer 2025. Welfare column by "
     "captain Ian Hale.", True),
    # an issue and its date, a photographer's credit, an outlet said whose
    ("Shine Monthly, issue 212, 3 March 2026. Interview by Cara Dunn. Photographs by Ed Lam.",
     True),
    ("The Elms Care Home residents' newsletter, spring 2025 issue. Written up by Joan Tate.", True),
    # a "note" as the lead-in; a job before the name that is no clinical or "-er" word
    ("Harbourside Rowing Club Newsletter, June 2025. Medical note by first VIII captain Tom "
     "Reed, with club physio Ann Lee.", True),
    ("Penmor Lifeboat Station Newsletter, Winter 2024. Welfare column by station mechanic Sam "
     "Pascoe, with crew doctor Dr Jo Hart.", True),
    ("Kitchen note by head chef Ali Khan.", True),
    # people then the verb that credits them (blind22's newsletters)
    ("Kettleby Twinning Association, Newsletter No. 58, Autumn 2025. Bea Coffey, exchange "
     "secretary, reports; Al Pryce, who nursed for thirty years, adds his notes.", True),
    ("Ann Lee writes that rest helps.", False),
    # "Edited by" and "Put together by" (blind23's newsletters)
    ("Saddle Ridge Gliding Club, Thermals, Summer 2025. Edited by club secretary Elo Trent.", True),
    ("Edited by hand, the photos were clearer.", False),
    # a forum's board, a series, a publisher after the site; a later "From the ... website"
    ("Tinnitus Talk Forum, board: New members. Started by kez_m, 3 May 2025. 4 replies.", True),
    ("Hearthside Care, Carer Guides series. Prepared by our clinical lead, Ana Ruiz RGN.", True),
    ("Science Made Plain, School of Medicine, Eastbridge University. By Dr Ina Holt. "
     "Published 2 June 2025.", True),
    ("Written by Ola Reed, registered dietitian. From the Oak Leaf Nutrition clinic website, "
     "May 2025.", True),
    ("Brook Valley Choir, Friends' Newsletter, Winter 2025. Column by Mo Reid.", True),
    # anything else in it keeps the line in the text
    ("Support Forum, board: New members. Started by kez_m. Read the rules first.", False),
    ("A note by the mechanic: brakes were checked on Monday.", False),
    ("Clinic letters team, Block D. Letter reference AB/2025/77. Sent 3 June 2025.", False),
    ("By Lena Shaw. From the spring issue of Pocketwise magazine.", False),
    ("Page last reviewed: 14 August 2025.", False),     # no credit: the clean stage moves it
    ("By Friday, most readers will have had their flu jab.", False),
    ("Dr Asha Vale explains why numb feet need checking, with advice from our nurse.", False),
]


@pytest.mark.parametrize("line,header", HEADER_LINES, ids=[c[0][:40] for c in HEADER_LINES])
def test_header_line_is_only_metadata(line, header):
    assert is_header_line(line) is header
