"""Failure classes of the parser, each on a small page of its own: fields cut at a wrap, ranges
cut in a date column, qualifiers and separators in headers, dated notes, unsure bullets, label
columns and Markdown escapes, and the truth labels and scoring that measure them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import make_pdf, text_page
from tests.test_labeller import _header_roles, _Unsure
from training.loro import _same
from training.truth import label_pieces
from triage.readers import read_document
from triage.readers.text import strip_markdown
from triage.structure import Resume, label, learned_structure, preferred_reading, structure
from triage.structure.contact import without_document_label
from triage.structure.labeller import LABELS
from triage.structure.lines import reading_lines
from triage.structure.pieces import split_pieces
from triage.vocabulary import opens_with_past_verb

SAMPLES = Path(__file__).resolve().parents[1] / "sample_resumes"
HEADER = [("Experience", "heading", 1.0), ("Research Assistant", "title", 1.0)]


@pytest.mark.parametrize(("first", "second", "company"), [
    ("University of California,", "Berkeley", "University of California, Berkeley"),
    ("Atelier Saint-", "Laurent", "Atelier Saint-Laurent"),
    ("Institut für Produktions-", "technik", "Institut für Produktionstechnik"),
    ("Harriet Tubman Academy of", "Science", "Harriet Tubman Academy of Science"),
])
def test_a_field_wrapped_over_two_lines_keeps_what_joins_it(first: str, second: str,
                                                           company: str) -> None:
    """The comma at the end of the first line stays; a hyphen at the wrap stays before a
    capital and goes before a small letter (the wrap's own hyphen)."""
    lines = ["Experience", "Research Assistant", first, second, "2019 - 2021"]
    pieces = [*HEADER, (first.rstrip(",-"), "org", 1.0), (second, "org", 1.0),
              ("2019 - 2021", "date", 1.0)]
    assert _header_roles(lines, pieces) == [("Research Assistant", company, "2019", "2021")]


def _page_roles(rows: list[list[tuple]], labels: list[tuple[str, str, float]]) -> list[tuple]:
    return [(r.title, r.company, r.start, r.end, len(r.bullets))
            for r in _page_resume(rows, labels).roles]


def _page_resume(rows: list[list[tuple]], labels: list[tuple[str, str, float]],
                 runner_up: dict[int, str] | None = None) -> Resume:
    """The resume of a page whose rows hold (x, text), (x, text, font style) or (x, text, font
    style, grey level) cells, labelled as `labels` say (see `_Unsure` for `runner_up`)."""

    def draw(pdf) -> None:
        for row, cells in enumerate(rows):
            for x, text, *look in cells:
                pdf.set_font("Helvetica", look[0] if look else "")
                pdf.set_text_color(look[1] if len(look) > 1 else 0)
                pdf.text(x, 72 + 14 * row, text)

    doc = read_document(make_pdf(draw), "cv.pdf")
    assert [p.text for p in split_pieces(doc, reading_lines(doc))] == [t for t, _, _ in labels]
    model = _Unsure([name for _, name, _ in labels], [c for _, _, c in labels], runner_up)
    return learned_structure(doc, model)


def test_present_beside_an_organisations_wrap_ends_the_range_and_not_the_name() -> None:
    """A date column: 'April 2022 –' over 'Present', beside 'Royal Pennine Hospital NHS' over
    'Foundation Trust'. Read row by row the end of the range sits inside the name."""
    rows = [[(72, "Experience")], [(170, "Ward Manager")],
            [(72, "April 2022 –"), (170, "Royal Pennine Hospital NHS")],
            [(72, "Present"), (170, "Foundation Trust")],
            [(170, "Led a team of nurses on the ward.")]]
    labels = [("Experience", "heading", 1.0), ("Ward Manager", "title", 1.0),
              ("April 2022", "date", 1.0), ("Royal Pennine Hospital NHS", "org", 1.0),
              ("Present", "date", 1.0), ("Foundation Trust", "org", 1.0),
              ("Led a team of nurses on the ward.", "bullet", 1.0)]
    assert _page_roles(rows, labels) == [
        ("Ward Manager", "Royal Pennine Hospital NHS Foundation Trust", "2022-04", "present", 1)]
    # A full range on the next line is the next entry's, not the end of this one's.
    rows[3][0] = (72, "2019 – 2020")
    labels[4] = ("2019 – 2020", "date", 1.0)
    assert _page_roles(rows, labels)[0][1] == "Royal Pennine Hospital NHS"


def test_a_sub_heading_over_a_sentence_is_the_role_above_and_not_a_role() -> None:
    """'Highlights' in the employer's type under a role, read as an employer, over a body line
    read as a title: an undated 'role' whose title is a sentence is the role above's body."""
    sentence = "Manage a portfolio of 85 corporate clients with revenue above CAD 2B"
    rows = [[(72, "Work")], [(72, "Harrow Finch LLP", "B"), (450, "Jan 2023 - Present")],
            [(72, "Tax Manager")], [(72, "Highlights", "B")], [(72, sentence)],
            [(72, "Led the reorganisation of a family group.")]]
    labels = [("Work", "heading", 1.0), ("Harrow Finch LLP", "org", 1.0),
              ("Jan 2023 - Present", "date", 1.0), ("Tax Manager", "title", 1.0),
              ("Highlights", "org", 0.9), (sentence, "title", 0.6),
              ("Led the reorganisation of a family group.", "bullet", 1.0)]
    resume = _page_resume(rows, labels)
    assert [(r.title, r.company, r.start) for r in resume.roles] == [
        ("Tax Manager", "Harrow Finch LLP", "2023-01")]
    assert resume.roles[0].bullets[0] == sentence
    # A short undated title is still a role of its own, and so is a long dated one.
    rows[4], labels[5] = [(72, "Volunteer Treasurer")], ("Volunteer Treasurer", "title", 0.9)
    assert len(_page_resume(rows, labels).roles) == 2
    rows[4], labels[5] = [(72, sentence), (480, "2019 - 2021")], (sentence, "title", 0.9)
    labels.insert(6, ("2019 - 2021", "date", 1.0))
    assert len(_page_resume(rows, labels).roles) == 2


def test_a_qualifier_after_the_title_ends_at_the_dash_before_the_employer() -> None:
    """'Working Student, HPC Operations — Hanse e.V.', the qualifier labelled an employer with
    little confidence: the dash parts the fields, the comma does not."""
    lines = ["Experience", "Working Student, HPC Operations — Hanse e.V.", "2013 - 2015"]
    pieces = [("Experience", "heading", 1.0), ("Working Student", "title", 0.99),
              ("HPC Operations", "org", 0.55), ("Hanse e.V.", "org", 0.95),
              ("2013 - 2015", "date", 1.0)]
    assert _header_roles(lines, pieces) == [
        ("Working Student, HPC Operations", "Hanse e.V.", "2013", "2015")]
    # Surer that the qualifier is an employer than the rest: the labels stand.
    pieces[2], pieces[3] = ("HPC Operations", "org", 0.95), ("Hanse e.V.", "org", 0.55)
    assert _header_roles(lines, pieces) == [
        ("Working Student", "HPC Operations — Hanse e.V.", "2013", "2015")]


def test_a_dated_header_that_names_both_sides_is_not_paired_with_the_next() -> None:
    """'Senior Data Scientist — Acme' over its dates, with no bullets, then 'Data Analyst —
    Northwind': each header names title and employer at its dash, so the second, labelled a
    title like the first, opens its own role rather than becoming the first one's employer."""
    rows = [[(72, "Experience")], [(72, "Senior Data Scientist — Acme Analytics")],
            [(72, "Jan 2020 – Present")], [(72, "Data Analyst — Northwind Logistics")],
            [(72, "Jan 2017 – Dec 2019")], [(72, "Wrote SQL reports for the finance group")]]
    labels = [("Experience", "heading", 1.0), ("Senior Data Scientist", "title", 1.0),
              ("Acme Analytics", "title", 0.45), ("Jan 2020 – Present", "date", 1.0),
              ("Data Analyst", "title", 1.0), ("Northwind Logistics", "title", 0.7),
              ("Jan 2017 – Dec 2019", "date", 1.0),
              ("Wrote SQL reports for the finance group", "bullet", 1.0)]
    assert _page_roles(rows, labels) == [
        ("Senior Data Scientist", "Acme Analytics", "2020-01", "present", 0),
        ("Data Analyst", "Northwind Logistics", "2017-01", "2019-12", 1)]


NOTE = "Mar 2020 – Dec 2021: career break for parental leave."


@pytest.mark.parametrize(("note", "note_label", "start"), [
    (NOTE, "other", "2022-01"),
    # A sentence labelled a header field is still a note: it opens no entry of its own. It
    # reads as a sentence by its small first letter or by its final period.
    (NOTE.removesuffix("."), "org", "2022-01"),
    (NOTE.replace("career", "Career"), "org", "2022-01"),
    # Without the colon the dates lead a header, and the next title takes them.
    (NOTE.replace(":", ""), "other", "2020-03"),
])
def test_a_dated_note_between_roles_opens_no_entry(note: str, note_label: str, start: str
                                                   ) -> None:
    rows = [[(72, "Experience")], [(72, "Data Engineer, Northwind")], [(72, "Mar 2016 – Feb 2020")],
            [(72, "• Wrote batch jobs in Airflow every night.")], [(72, note)],
            [(72, "Senior Engineer, Acme")], [(72, "Jan 2022 – Present")]]
    labels = [("Experience", "heading", 1.0), ("Data Engineer", "title", 1.0),
              ("Northwind", "org", 1.0), ("Mar 2016 – Feb 2020", "date", 1.0),
              ("Wrote batch jobs in Airflow every night.", "bullet", 1.0),
              ("Mar 2020 – Dec 2021", "date", 1.0),
              (note.split(": ")[-1].removeprefix("Mar 2020 – Dec 2021 "), note_label, 1.0),
              ("Senior Engineer", "title", 1.0), ("Acme", "org", 1.0),
              ("Jan 2022 – Present", "date", 1.0)]
    found = _page_roles(rows, labels)
    assert len(found) == 2
    assert found[0][:4] == ("Data Engineer", "Northwind", "2016-03", "2020-02")
    assert found[1][:3] == ("Senior Engineer", "Acme", start)


@pytest.mark.parametrize(("label", "confidence", "want"), [
    ("other", 0.9, (None, "Bolt Labs", "2023-05", "2023-11", 2)),
    ("title", 0.4, (None, "Bolt Labs", "2023-05", "2023-11", 2)),
    # A header may open with a glyph too; labelled with confidence it stays a header.
    ("title", 0.9, ("Moved model serving to Kubernetes", "Bolt Labs", "2023-05", "2023-11", 1)),
])
def test_a_glyph_led_line_the_labeller_is_unsure_of_is_a_bullet(
        label: str, confidence: float, want: tuple) -> None:
    rows = [[(72, "Experience")], [(72, "Bolt Labs")], [(72, "May 2023 – Nov 2023")],
            [(72, "• Moved model serving to Kubernetes")], [(72, "• Wrote the on-call runbook")]]
    labels = [("Experience", "heading", 1.0), ("Bolt Labs", "org", 1.0),
              ("May 2023 – Nov 2023", "date", 1.0),
              ("Moved model serving to Kubernetes", label, confidence),
              ("Wrote the on-call runbook", "bullet", 1.0)]
    assert _page_roles(rows, labels) == [want]


def _rows_read(draw_cells: list[tuple[float, float, str, bool]]) -> list[list[str]]:
    def draw(pdf) -> None:
        for x, y, text, bold in draw_cells:
            pdf.set_font("Helvetica", "B" if bold else "", 10)
            pdf.text(x, y, text)

    doc = read_document(make_pdf(draw), "cv.pdf")
    return [[s.text for s in line.spans] for line in doc.lines]


def test_a_column_that_holds_the_section_names_labels_the_rows_beside_it() -> None:
    """A table's left column: section names and each entry's dates. It is read across, row by
    row, not as a column of its own before the content."""
    cells = [(50, 100, "EXPERIENCE", True), (50, 120, "01/2018 – Present", False),
             (150, 120, "Mentor, Young Engineers Programme", False),
             (150, 134, "Institution of Engineers Singapore", False),
             (150, 148, "Mentored 14 engineers towards registration.", False),
             (50, 180, "EDUCATION", True), (50, 200, "2010 – 2014", False),
             (150, 200, "BSc Civil Engineering", False),
             (150, 214, "National University of Singapore", False)]
    rows = _rows_read(cells)
    assert ["01/2018 – Present", "Mentor, Young Engineers Programme"] in rows
    assert ["2010 – 2014", "BSc Civil Engineering"] in rows
    # The same left column beside a column with section names of its own is a sidebar.
    cells += [(150, 108, "Experience", True), (150, 188, "Education", True)]
    rows = _rows_read(cells)
    assert ["01/2018 – Present", "Mentor, Young Engineers Programme"] not in rows


def test_markdown_escapes_of_any_punctuation_print_the_mark_alone() -> None:
    assert strip_markdown(r"Whitlock, Pierce \& Co\. \"Q\" \@home \~ \\") == (
        'Whitlock, Pierce & Co. "Q" @home ~ \\')


@pytest.mark.parametrize(("text", "verb"), [
    ("Moved model serving to Kubernetes", True), ("Built the registry", True),
    ("Wrote the runbook", True), ("Led a team", True), ("Used Spark daily", True),
    ("Lead Engineer", False), ("Data Engineer", False), ("Red Cross", False), ("", False),
])
def test_a_line_opening_with_a_past_tense_verb(text: str, verb: bool) -> None:
    assert opens_with_past_verb(text) is verb


def _truth(lines: list[str], source: dict) -> list[tuple[str, str]]:
    doc = read_document(make_pdf(text_page(lines)), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    return [(p.text, lab) for p, lab in zip(pieces, label_pieces(pieces, source), strict=True)]


def test_truth_a_headline_that_is_the_current_title_is_the_title_in_its_entry() -> None:
    source = {"basics": {"name": "Ada Okafor", "label": "Partner, Commercial Litigation"},
              "work": [{"position": "Partner, Commercial Litigation", "name": "Smith LLP",
                        "startDate": "2021-05"}]}
    lines = ["Ada Okafor", "Partner, Commercial Litigation", "ada@example.com", "Summary",
             "I run disputes.", "Experience", "Partner, Commercial Litigation", "Smith LLP",
             "May 2021 - Present"]
    assert _truth(lines, source) == [
        ("Ada Okafor", "name"), ("Partner", "headline"), ("Commercial Litigation", "headline"),
        ("ada@example.com", "other"), ("Summary", "heading"), ("I run disputes.", "other"),
        ("Experience", "heading"), ("Partner", "title"), ("Commercial Litigation", "title"),
        ("Smith LLP", "org"), ("May 2021 - Present", "date")]


def test_truth_an_employer_that_is_also_an_awarder_is_the_employer() -> None:
    source = {"work": [{"position": "Sales Director", "name": "Cobaltline Software, Inc."}],
              "awards": [{"title": "President's Club", "awarder": "Cobaltline Software, Inc."}]}
    assert _truth(["Sales Director", "Cobaltline Software, Inc."], source) == [
        ("Sales Director", "title"), ("Cobaltline Software", "org"), ("Inc.", "org")]


def test_truth_a_lone_present_and_a_section_name_that_is_also_a_degree() -> None:
    """'Present' alone ends an open range; 'Education' alone on its line, the first time, is
    the heading even where a degree is called Education too."""
    source = {"work": [{"position": "Teacher", "startDate": "2020-08"}],
              "education": [{"institution": "Loyola University", "area": "Education"}]}
    lines = ["Teacher", "August 2020", "Present", "Education", "Loyola University", "Education"]
    assert [lab for _, lab in _truth(lines, source)] == [
        "title", "date", "date", "heading", "edu_inst", "edu_degree"]
    # With no open range, 'Present' is no date.
    source["work"][0]["endDate"] = "2023-06"
    assert _truth(lines, source)[2] == ("Present", "other")


def test_truth_a_profiles_network_printed_before_its_link_is_contact() -> None:
    source = {"basics": {"name": "Jane Roe", "profiles": [
        {"network": "Mastodon", "url": "https://fosstodon.org/@janeroe"}]},
        "work": [{"position": "Staff Nurse", "name": "City Hospital"}]}
    lines = ["Jane Roe", "Mastodon | https://fosstodon.org/@janeroe", "Staff Nurse",
             "City Hospital"]
    assert _truth(lines, source)[1] == ("Mastodon", "contact")


def test_truth_the_contact_country_and_an_employer_ending_in_the_contact_city() -> None:
    """The code "FR" printed as "France" is contact; below it, an employer printed before its
    title is the first entry, so its place is the job's place, not contact, and an employer
    that ends with the contact city keeps that word ("Hospices Civils de" / "Lyon")."""
    source = {"basics": {"name": "Camille Dubois",
                         "location": {"city": "Lyon", "countryCode": "FR"}},
              "work": [{"position": "Infirmière en réanimation", "location": "Lyon, France",
                        "name": "Hôpital Édouard-Herriot, Hospices Civils de Lyon"},
                       {"position": "Infirmière de nuit", "name": "Clinique du Parc"}]}
    lines = ["Camille Dubois", "Lyon, France", "camille@example.com", "+33 6 12 34 56 78",
             "Experience",
             "Hôpital Édouard-Herriot, Hospices Civils de", "Lyon", "Lyon, France",
             "Infirmière en réanimation", "Clinique du Parc"]
    source["basics"] |= {"email": "camille@example.com", "phone": "+33 6 12 34 56 78"}
    assert _truth(lines, source) == [
        ("Camille Dubois", "name"), ("Lyon", "contact"), ("France", "contact"),
        ("camille@example.com", "contact"), ("+33 6 12 34 56 78", "contact"),
        ("Experience", "heading"), ("Hôpital Édouard-Herriot", "org"),
        ("Hospices Civils de", "org"), ("Lyon", "org"), ("Lyon", "location"),
        ("France", "location"), ("Infirmière en réanimation", "title"),
        ("Clinique du Parc", "org")]


@pytest.mark.parametrize(("got", "want", "same"), [
    ("2009-01", "2009", True), ("2009", "2009-03", True), ("2009-01", "2009-03", False),
    ("2010-01", "2009", False), ("present", "present", True), ("", "present", False),
])
def test_dates_are_scored_to_the_precision_both_sides_have(got: str, want: str,
                                                            same: bool) -> None:
    assert _same("start", got, want) is same


@pytest.mark.parametrize(("tail", "title"), [
    ("Acute Medicine", "Staff Nurse (Band 5), Acute Medicine"),
    # A place after the title stays the entry's place.
    ("Leeds", "Staff Nurse (Band 5)"),
])
def test_a_place_that_names_no_place_after_a_title_is_the_rest_of_the_title(
        tail: str, title: str) -> None:
    lines = ["Experience", f"Staff Nurse (Band 5), {tail}", "Salford General Hospital",
             "2011 - 2016"]
    pieces = [("Experience", "heading", 1.0), ("Staff Nurse", "title", 1.0),
              ("Band 5", "title", 1.0), (tail, "location", 0.56),
              ("Salford General Hospital", "org", 1.0), ("2011 - 2016", "date", 1.0)]
    assert _header_roles(lines, pieces) == [(title, "Salford General Hospital", "2011", "2016")]


def test_the_rest_of_a_wrapped_title_line_stays_in_the_title() -> None:
    """'Operations Lead, Inland' beside its dates, over 'Transport (Barge/Rail)': the wrap joins
    the title past the dates, and so does the rest of its line after the bracket."""
    rows = [[(72, "Experience")], [(72, "Operations Lead, Inland"), (300, "10/2021 - Now")],
            [(72, "Transport (Barge/Rail)")], [(72, "Maasvlakte Container Services")],
            [(72, "Coordinated barges.")]]
    labels = [("Experience", "heading", 1.0), ("Operations Lead", "title", 1.0),
              ("Inland", "title", 1.0), ("10/2021 - Now", "date", 1.0),
              ("Transport", "title", 1.0), ("Barge/Rail", "title", 1.0),
              ("Maasvlakte Container Services", "org", 1.0),
              ("Coordinated barges.", "bullet", 1.0)]
    assert _page_roles(rows, labels) == [
        ("Operations Lead, Inland Transport (Barge/Rail)", "Maasvlakte Container Services",
         "2021-10", "present", 1)]


def test_an_undated_employer_line_heads_the_dated_title_under_it() -> None:
    """'Harbour Pay Ltd. (HarbourPay)   Seoul' over 'Founding Member   Mar. 2021 – Present': one
    role, whose employer keeps the bracket the labeller took for a title."""
    rows = [[(72, "Experience")], [(72, "Harbour Pay Ltd. (HarbourPay)", "B"), (420, "Seoul")],
            [(72, "Founding Member", "I"), (420, "Mar. 2021 – Present")],
            [(72, "• Ran the payment platform's infrastructure.")]]
    labels = [("Experience", "heading", 1.0), ("Harbour Pay Ltd.", "org", 1.0),
              ("HarbourPay", "title", 0.87), ("Seoul", "location", 1.0),
              ("Founding Member", "title", 1.0), ("Mar. 2021 – Present", "date", 1.0),
              ("Ran the payment platform's infrastructure.", "bullet", 1.0)]
    assert _page_roles(rows, labels) == [
        ("Founding Member", "Harbour Pay Ltd. (HarbourPay)", "2021-03", "present", 1)]
    assert _page_resume(rows, labels).roles[0].location == "Seoul"
    # The part the labeller took for a title may come first in the employer's line.
    rows[1][0] = (72, "Summer Research, Soil Physics Lab", "B")
    labels[1:3] = [("Summer Research", "title", 0.54),
                   ("Soil Physics Lab", "org", 1.0)]
    assert _page_roles(rows, labels)[0][1] == "Summer Research, Soil Physics Lab"
    # A dated title with an employer of its own is a role of its own.
    rows[2].append((250, "Harbour Market"))
    labels.insert(5, ("Harbour Market", "org", 1.0))
    assert len(_page_roles(rows, labels)) == 2


def _companies_past_dates(dates_x: float, wrap_y: float, label: str = "date") -> list[str]:
    """'2022-05  TO PRESENT' in small type at `dates_x`, on a line of its own between
    'Demand Planner at Peachtree Provisions' and 'Inc.' (at `wrap_y`)."""

    def draw(pdf) -> None:
        pdf.text(72, 72, "Experience")
        pdf.set_font("Helvetica", "B", 9)
        pdf.text(200, 100, "Demand Planner at Peachtree Provisions")
        pdf.text(200, wrap_y, "Inc.")
        pdf.set_font("Helvetica", "", 6)
        pdf.text(dates_x, 104, "2022-05")
        pdf.text(dates_x + 38, 104, "TO PRESENT")
        pdf.set_font("Helvetica", "", 9)
        pdf.text(200, 124, "Planned fresh produce for forty stores.")

    doc = read_document(make_pdf(draw), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    labels = {"Experience": "heading", "Demand Planner": "title", "2022-05": label,
              "TO PRESENT": label, "Planned fresh produce for forty stores.": "bullet"}
    names = [labels.get(p.text, "org") for p in pieces]
    assert [p.text for p in pieces if p.text not in labels] == ["Peachtree Provisions", "Inc."]
    roles = learned_structure(doc, _Unsure(names, [1.0] * len(names))).roles
    return [r.company for r in roles]


def test_a_field_wraps_past_small_dates_set_between_its_lines_in_a_column_of_their_own() -> None:
    assert _companies_past_dates(72, 110) == ["Peachtree Provisions Inc."]
    assert _companies_past_dates(420, 110) == ["Peachtree Provisions Inc."]
    # Not a wrap: a line well below, dates under the name in its own column, or a place.
    assert _companies_past_dates(72, 118) == ["Peachtree Provisions", "Inc."]
    assert _companies_past_dates(250, 110) == ["Peachtree Provisions", "Inc."]
    assert _companies_past_dates(72, 110, "location") == ["Peachtree Provisions", "Inc."]


def test_a_bracket_closed_before_a_wrap_stays_where_it_was_printed() -> None:
    rows = [[(72, "Experience")], [(72, "Ward Manager (Band 7),", "B")],
            [(72, "Acute Medical Unit", "B")], [(72, "Royal Hospital")], [(72, "2019 - 2021")]]
    labels = [("Experience", "heading", 1.0), ("Ward Manager", "title", 1.0),
              ("Band 7", "title", 1.0), ("Acute Medical Unit", "title", 1.0),
              ("Royal Hospital", "org", 1.0), ("2019 - 2021", "date", 1.0)]
    assert _page_roles(rows, labels)[0][0] == "Ward Manager (Band 7), Acute Medical Unit"


@pytest.mark.parametrize(("printed", "read"), [
    ("Crisis Centre of BC.", "Crisis Centre of BC"), ("Year Up Atlanta.", "Year Up Atlanta"),
    ("Acme Inc.", "Acme Inc."), ("Whitlock, Pierce & Co.", "Whitlock, Pierce & Co."),
    ("Design for Refugees e.V.", "Design for Refugees e.V."), ("Acme Ltd.", "Acme Ltd."),
])
def test_a_final_period_goes_unless_it_ends_an_abbreviation(printed: str, read: str) -> None:
    lines = ["Experience", "Volunteer", printed, "2019 - 2021"]
    pieces = [("Experience", "heading", 1.0), ("Volunteer", "title", 1.0),
              *[(part, "org", 1.0) for part in printed.split(", ")], ("2019 - 2021", "date", 1.0)]
    assert _header_roles(lines, pieces)[0][1] == read


_FIRM = "Smith & Partners LLP"


@pytest.mark.parametrize(("link", "link_pieces"), [
    ("(https://smith.example.com)", [("https://smith.example.com", "org")]),
    ("(https://smith.example.com)", [("https://smith.example.com", "other")]),
    ("(https://smith.example.com)", [("https://smith.example.com", "contact")]),
    ("https://smith.example.com", []),  # one piece with the name
])
def test_a_web_address_after_the_employer_is_not_its_name(link: str, link_pieces: list) -> None:
    lines = ["Experience", "Partner", f"{_FIRM} {link}", "2019 - 2021"]
    firm = [(_FIRM, "org", 1.0)] if link_pieces else [(f"{_FIRM} {link}", "org", 1.0)]
    pieces = [("Experience", "heading", 1.0), ("Partner", "title", 1.0), *firm,
              *[(text, label, 1.0) for text, label in link_pieces], ("2019 - 2021", "date", 1.0)]
    assert _header_roles(lines, pieces)[0][1] == _FIRM


@pytest.mark.parametrize(("printed", "pieces"), [
    ("CERTIFICATIONSFood Safety Supervisor", ["CERTIFICATIONS", "Food Safety Supervisor"]),
    ("ÉDUCATIONÉcole Polytechnique", ["ÉDUCATION", "École Polytechnique"]),
    ("MBAProgram Lead", ["MBAProgram Lead"]),  # three capitals: an acronym glued on, no heading
    ("SENIOR ENGINEER", ["SENIOR ENGINEER"]),
])
def test_a_heading_in_capitals_glued_to_the_item_beside_it_is_its_own_piece(
        printed: str, pieces: list[str]) -> None:
    doc = read_document(make_pdf(text_page([printed])), "cv.pdf")
    assert [p.text for p in split_pieces(doc, reading_lines(doc))] == pieces


@pytest.mark.parametrize(("printed", "title"), [
    ("Asociada en", "Asociada"), ("Teamleiterin bei", "Teamleiterin"),
    ("Infirmière en", "Infirmière"), ("Chef de partie", "Chef de partie"),
])
def test_the_word_joining_a_title_to_its_wrapped_employer_ends_no_title(printed: str,
                                                                        title: str) -> None:
    lines = ["Experience", printed, "Ortiz & Asociados", "2019 - 2021"]
    pieces = [("Experience", "heading", 1.0), (printed.removesuffix(" bei"), "title", 1.0),
              ("Ortiz & Asociados", "org", 1.0), ("2019 - 2021", "date", 1.0)]
    assert _header_roles(lines, pieces)[0][0] == title


def test_a_time_held_beside_the_dates_is_no_role() -> None:
    """'3 years 6 months' under a role's dates, whatever the labeller took it for."""
    rows = [[(72, "Experience")], [(72, "Staff Nurse"), (420, "Sep 2018 – Mar 2022")],
            [(72, "Royal Hospital"), (420, "3 years 6 months")],
            [(72, "• Cared for patients on a busy ward.")]]
    labels = [("Experience", "heading", 1.0), ("Staff Nurse", "title", 1.0),
              ("Sep 2018 – Mar 2022", "date", 1.0), ("Royal Hospital", "org", 1.0),
              ("3 years 6 months", "title", 0.9), ("Cared for patients on a busy ward.", "bullet",
                                                    1.0)]
    assert _page_roles(rows, labels) == [("Staff Nurse", "Royal Hospital", "2018-09", "2022-03",
                                          1)]


@pytest.mark.parametrize(("header", "company", "location"), [
    ("Whitlock, Pierce & Co., New York, NY", "Whitlock, Pierce & Co.", "New York, NY"),
    # One place alone may be part of the name.
    ("University of California, Berkeley", "University of California, Berkeley", None),
    # ...unless a legal form ended the name before it.
    ("Hartley Crane LLP, London", "Hartley Crane LLP", "London"),
    ("Sources S.A., Geneva", "Sources S.A.", "Geneva"),
])
def test_places_ending_an_employers_span_are_its_place(header: str, company: str,
                                                        location: str | None) -> None:
    rows = [[(72, "Experience")], [(72, "Analyst", "B")], [(72, header)], [(72, "2019 - 2021")]]
    labels = [("Experience", "heading", 1.0), ("Analyst", "title", 1.0),
              *[(part, "org", 0.8) for part in header.split(", ")], ("2019 - 2021", "date", 1.0)]
    [role] = _page_resume(rows, labels).roles
    assert (role.company, role.location) == (company, location)


@pytest.mark.parametrize(("header", "company", "location"), [
    ("Maasvlakte Container Services B.V., Rotterdam, Netherlands",
     "Maasvlakte Container Services B.V.", "Rotterdam, Netherlands"),
    # Two places ending the name, the labelled place after them: all three are the place.
    ("Royal Infirmary, Glasgow, Scotland, UK", "Royal Infirmary", "Glasgow, Scotland, UK"),
])
def test_places_ending_an_employer_open_the_place_labelled_after_them(
        header: str, company: str, location: str) -> None:
    *name, last = header.split(", ")
    rows = [[(72, "Experience")], [(72, "Analyst", "B")], [(72, header)], [(72, "2019 - 2021")]]
    labels = [("Experience", "heading", 1.0), ("Analyst", "title", 1.0),
              *[(part, "org", 0.8) for part in name], (last, "location", 0.8),
              ("2019 - 2021", "date", 1.0)]
    [role] = _page_resume(rows, labels).roles
    assert (role.company, role.location) == (company, location)


def test_a_place_labelled_apart_from_the_employer_leaves_its_name_whole() -> None:
    """Only a place labelled right after the employer is opened by the places ending it."""
    rows = [[(72, "Experience")], [(72, "Analyst", "B")], [(72, "Royal Infirmary, Glasgow, UK")],
            [(72, "2019 - 2021")], [(72, "Edinburgh")]]
    labels = [("Experience", "heading", 1.0), ("Analyst", "title", 1.0),
              ("Royal Infirmary", "org", 0.8), ("Glasgow", "org", 0.8), ("UK", "org", 0.8),
              ("2019 - 2021", "date", 1.0), ("Edinburgh", "location", 0.8)]
    [role] = _page_resume(rows, labels).roles
    assert (role.company, role.location) == ("Royal Infirmary, Glasgow, UK", "Edinburgh")


@pytest.mark.parametrize(("name", "places", "company", "location"), [
    ("Royal Infirmary", "Leeds, UK", "Royal Infirmary", "Leeds, UK"),
    ("Royal Infirmary NHS", "Foundation Trust, Leeds, UK", "Royal Infirmary NHS Foundation Trust",
     "Leeds, UK"),
    ("University of California, Berkeley", "Berkeley, CA", "University of California, Berkeley",
     "Berkeley, CA"),
    # One place under the name is its last word wrapped, not its place; nor is a name cut
    # after a word that runs on.
    ("ETH", "Zürich", "ETH Zürich", None),
    ("University of", "California, Berkeley", "University of California, Berkeley", None),
])
def test_places_on_the_line_under_an_employer_are_its_place(
        name: str, places: str, company: str, location: str | None) -> None:
    rows = [[(72, "Experience")], [(72, "Analyst", "B")], [(72, name)], [(72, places)],
            [(72, "2019 - 2021")]]
    labels = [("Experience", "heading", 1.0), ("Analyst", "title", 1.0),
              *[(part, "org", 0.8) for part in f"{name}, {places}".split(", ")],
              ("2019 - 2021", "date", 1.0)]
    [role] = _page_resume(rows, labels).roles
    assert (role.company, role.location) == (company, location)


@pytest.mark.parametrize(("name", "places", "company", "location"), [
    # One place under the name, the labelled place after it on its line: the place's first part.
    ("Royal Infirmary NHS Trust", "Manchester, UK", "Royal Infirmary NHS Trust",
     "Manchester, UK"),
    # ...unless the place repeats it: the name ends with its city.
    ("Covenant House", "Vancouver, Vancouver, BC", "Covenant House Vancouver", "Vancouver, BC"),
])
def test_a_place_under_an_employer_opens_the_place_labelled_beside_it(
        name: str, places: str, company: str, location: str) -> None:
    first, *rest = places.split(", ")
    rows = [[(72, "Experience")], [(72, "Analyst", "B")], [(72, name)], [(72, places)],
            [(72, "2019 - 2021")]]
    labels = [("Experience", "heading", 1.0), ("Analyst", "title", 1.0), (name, "org", 0.8),
              (first, "org", 0.8), *[(part, "location", 0.8) for part in rest],
              ("2019 - 2021", "date", 1.0)]
    [role] = _page_resume(rows, labels).roles
    assert (role.company, role.location) == (company, location)


def test_a_place_after_a_place_is_its_rest_whatever_the_labeller_said() -> None:
    """'London, UK.' after the employer: 'UK.' taken for an organisation is still the place."""
    rows = [[(72, "Experience")], [(72, "Analyst", "B")], [(72, "Hartley Crane LLP, London, UK.")],
            [(72, "2019 - 2021")]]
    labels = [("Experience", "heading", 1.0), ("Analyst", "title", 1.0),
              ("Hartley Crane LLP", "org", 0.8), ("London", "location", 0.8),
              ("UK.", "org", 0.6), ("2019 - 2021", "date", 1.0)]
    [role] = _page_resume(rows, labels).roles
    assert (role.company, role.location) == ("Hartley Crane LLP", "London, UK.")


@pytest.mark.parametrize(("upper", "lower", "title", "company"), [
    # Capitals over mixed case, or a grey line over a black one: two fields; the one the
    # labeller is less sure is an employer is the title.
    (("SENIOR STAFF NURSE", 0, 0.6), ("City Hospital", 0, 0.9), "SENIOR STAFF NURSE",
     "City Hospital"),
    (("Senior Staff Nurse", 90, 0.6), ("City Hospital", 0, 0.9), "Senior Staff Nurse",
     "City Hospital"),
    (("CITY HOSPITAL", 0, 0.9), ("Senior Staff Nurse", 0, 0.6), "Senior Staff Nurse",
     "CITY HOSPITAL"),
    # One look over both lines: one name, wrapped; a line too short to show capitals tells
    # nothing.
    (("ROYAL PENNINE HOSPITAL NHS", 0, 0.6), ("FOUNDATION TRUST", 0, 0.9), None,
     "ROYAL PENNINE HOSPITAL NHS FOUNDATION TRUST"),
    (("Hartley Crane Partners", 0, 0.6), ("LLP", 0, 0.9), None, "Hartley Crane Partners LLP"),
])
def test_a_lone_header_over_lines_that_change_look_is_a_title_and_an_employer(
        upper: tuple[str, int, float], lower: tuple[str, int, float], title: str | None,
        company: str) -> None:
    rows = [[(72, "Experience")], [(72, upper[0], "B", upper[1])], [(72, lower[0], "B", lower[1])],
            [(72, "2019 - 2021")]]
    labels = [("Experience", "heading", 1.0), (upper[0], "org", upper[2]),
              (lower[0], "org", lower[2]), ("2019 - 2021", "date", 1.0)]
    [role] = _page_resume(rows, labels).roles
    assert (role.title, role.company) == (title, company)


@pytest.mark.parametrize(("upper", "lower", "title"), [
    (("Senior Staff Nurse", "B", 11), ("City Hospital", "", 11), "Senior Staff Nurse"),
    (("Senior Staff Nurse", "", 11), ("City Hospital", "I", 11), "Senior Staff Nurse"),
    (("Senior Staff Nurse", "", 11.3), ("City Hospital", "", 11), "Senior Staff Nurse"),
    (("Senior Staff Nurse", "B", 11), ("City Hospital", "B", 11), None),  # one look: one field
])
def test_a_lone_header_over_lines_in_another_weight_slant_or_size_is_two_fields(
        upper: tuple[str, str, float], lower: tuple[str, str, float], title: str | None) -> None:
    def draw(pdf) -> None:
        for row, (text, style, size) in enumerate([("Experience", "", 11), upper, lower,
                                                   ("2019 - 2021", "", 11)]):
            pdf.set_font("Helvetica", style, size)
            pdf.text(72, 72 + 16 * row, text)

    doc = read_document(make_pdf(draw), "cv.pdf")
    labels = ["heading", "org", "org", "date"]
    [role] = learned_structure(doc, _Unsure(labels, [1.0, 0.6, 0.9, 1.0])).roles
    both = f"{upper[0]} {lower[0]}"
    assert (role.title, role.company) == ((title, lower[0]) if title else (None, both))


def test_truth_a_word_inside_a_place_and_a_list_item_is_the_place() -> None:
    source = {"work": [{"position": "Chef", "name": "Restaurant La Garonne",
                        "location": "Bordeaux, France"}],
              "interests": [{"name": "Vins de Bordeaux"}]}
    assert _truth(["Chef", "Restaurant La Garonne, Bordeaux"], source) == [
        ("Chef", "title"), ("Restaurant La Garonne", "org"), ("Bordeaux", "location")]


def test_the_default_parser_takes_the_labellers_employer_where_the_rules_run_on() -> None:
    """Same role, dates and title in both readings: where the rules' employer runs on past the
    labeller's ('… GmbH, Berlin, Germany'), the labeller's is kept, with its place."""
    doc = read_document((SAMPLES / "senior_mlops.pdf").read_bytes(), "cv.pdf")
    learned = structure(doc)
    first = learned.roles[0]
    run_on = replace(learned, roles=[replace(first, company=f"{first.company}, Berlin, Germany",
                                             location=None), *learned.roles[1:]])
    chosen = preferred_reading(run_on, learned)
    assert (chosen.roles[0].company, chosen.roles[0].location) == (first.company, first.location)
    # Another title, or an employer that is not a run-on of the labeller's: the rules' stands.
    other = replace(learned, roles=[replace(first, company="Elsewhere GmbH"), *learned.roles[1:]])
    assert preferred_reading(other, learned).roles[0].company == "Elsewhere GmbH"
    retitled = replace(run_on, roles=[replace(run_on.roles[0], title="Chief Everything Officer"),
                                      *run_on.roles[1:]])
    assert preferred_reading(retitled, learned).roles[0].company.endswith("Berlin, Germany")


class _Leaning:
    """Stands in for a model: the labels given, with probabilities that lean towards `title`
    for the pieces named in `title_like` and towards their label (or, for a title, towards
    `org`) for the others: the sequence decoding overrode the pieces' own evidence."""

    def __init__(self, labels: list[str], title_like: set[str], texts: list[str]) -> None:
        self.labels, self.title_like, self.texts = labels, title_like, texts

    def label(self, features: np.ndarray, styles: np.ndarray | None = None,
              ) -> tuple[list[str], np.ndarray]:
        proba = np.full((len(self.labels), len(LABELS)), 0.01)
        for row, (name, text) in enumerate(zip(self.labels, self.texts, strict=True)):
            lean = "title" if text in self.title_like else "org" if name == "title" else name
            proba[row, LABELS.index(lean)] = 0.6
            proba[row, LABELS.index(name)] = max(proba[row, LABELS.index(name)], 0.3)
        return self.labels, proba


@pytest.mark.parametrize(("first", "second", "label", "title_like", "want"), [
    # The title over its employer, both labelled employer: cut where the leaning changes.
    ("Staff Nurse", "City Hospital", "org", {"Staff Nurse"}, ("Staff Nurse", "City Hospital")),
    # The employer first, in either order.
    ("City Hospital", "Staff Nurse", "org", {"Staff Nurse"}, ("Staff Nurse", "City Hospital")),
    # Both on one line, parted by a comma; both labelled title, the employer leaning away.
    ("City Hospital, Staff Nurse", None, "title", {"Staff Nurse"},
     ("Staff Nurse", "City Hospital")),
    # An employer wrapped over two lines, no part title-like: one employer, no title.
    ("Royal Infirmary of the", "North West", "org", set(),
     (None, "Royal Infirmary of the North West")),
])
def test_a_lone_title_or_employer_whose_title_likeness_changes_is_cut_there(
        first: str, second: str | None, label: str, title_like: set[str], want: tuple) -> None:
    header = [first] if second is None else [first, second]
    doc = read_document(make_pdf(text_page(["Experience", *header, "2019 - 2021"])), "cv.pdf")
    texts = [p.text for p in split_pieces(doc, reading_lines(doc))]
    assert texts == ["Experience", *(part for line in header for part in line.split(", ")),
                     "2019 - 2021"]
    model = _Leaning(["heading", label, label, "date"], title_like, texts)
    (role,) = learned_structure(doc, model).roles
    assert (role.title, role.company, role.start) == (*want, "2019")


def _form_labels(entries: list[list[tuple[str, str]]]) -> dict[str, set[str]]:
    """A form-like page: per entry, rows of (label, value) with the label in a left column. Read
    with every piece labelled 'title'; returns the labels each text ended with."""

    def draw(pdf) -> None:
        row = 0
        for entry in entries:
            for name, value in entry:
                pdf.text(72, 72 + 14 * row, name)
                if value:
                    pdf.text(260, 72 + 14 * row, value)
                row += 1
            row += 1

    doc = read_document(make_pdf(draw), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    found = label(doc, _Unsure(["title"] * len(pieces), [0.9] * len(pieces)))
    out: dict[str, set[str]] = {}
    for piece, name in zip(found.pieces, found.labels, strict=True):
        out.setdefault(piece.text, set()).add(name)
    return out


def test_labels_that_open_every_entrys_rows_name_fields_and_hold_none() -> None:
    """Not a line alone that recurs ("Highlights"), nor a first span of several fields."""
    entries = [[("Dates", f"20{n}0 - 20{n}2"), ("Position held", f"Nurse grade {n}"),
                ("Employer", f"Hospital number {n}"), ("Highlights", ""),
                ("Ward 7, Leeds", f"Night shift {n}")] for n in range(1, 4)]
    labels = _form_labels(entries)
    assert labels["Dates"] == labels["Position held"] == labels["Employer"] == {"other"}
    assert labels["Nurse grade 1"] == labels["Hospital number 3"] == {"title"}
    assert labels["Highlights"] == labels["Ward 7"] == labels["Leeds"] == {"title"}


@pytest.mark.parametrize("entries", [
    # One recurring first field is an employer held three times, not a form's label.
    [[("Acme Analytics", f"Role {n}")] for n in range(3)],
    # Labels that open only two entries' rows.
    [[("Dates", f"20{n}0 - 20{n}2"), ("Employer", f"Hospital number {n}")] for n in range(2)],
])
def test_first_fields_that_recur_less_than_a_form_keep_their_labels(entries) -> None:
    labels = _form_labels(entries)
    assert all(found == {"title"} for found in labels.values())


@pytest.mark.parametrize(("printed", "name"), [
    ("Jane Roe – Resume", "Jane Roe"),
    ("Priya Raghunathan's Resume", "Priya Raghunathan"),
    ("Siobhan O’Connor’s CV", "Siobhan O’Connor"),
    ("CV de Jean Dupont", "Jean Dupont"),
    ("Curriculum Vitae", ""),
    ("Jane Roe", "Jane Roe"),
])
def test_a_document_label_printed_with_the_name_is_not_part_of_it(printed: str, name: str
                                                                    ) -> None:
    assert without_document_label(printed) == name


def _document_label_over_the_name(pdf) -> None:
    """'Curriculum Vitae' in the largest type, the name under it, then one role."""
    pdf.set_font("Helvetica", "B", 24)
    pdf.text(72, 72, "Curriculum Vitae")
    pdf.set_font("Helvetica", "B", 18)
    pdf.text(72, 100, "Siobhan O'Connor")
    pdf.set_font("Helvetica", "", 11)
    for row, text in enumerate(["siobhan@example.com", "Experience", "Staff Nurse",
                                "Royal Pennine Trust", "2016 - 2018", "Cared for patients."]):
        pdf.text(72, 130 + 14 * row, text)


def test_the_rules_never_take_a_document_label_for_the_name() -> None:
    doc = read_document(make_pdf(_document_label_over_the_name), "cv.pdf")
    assert structure(doc).contact.name == "Siobhan O'Connor"


def test_the_default_parser_takes_the_labellers_name_and_email() -> None:
    """Where the rules' reading of the roles is kept, the name is still the labeller's (the
    rules take the largest line), and so is the email where the rules found none."""
    doc = read_document(make_pdf(_document_label_over_the_name), "cv.pdf")
    rules = structure(doc)
    labels = [("Curriculum Vitae", "other", 1.0), ("Siobhan O'Connor", "name", 1.0),
              ("siobhan@example.com", "contact", 1.0), ("Experience", "heading", 1.0),
              ("Staff Nurse", "title", 1.0), ("Royal Pennine Trust", "org", 1.0),
              ("2016 - 2018", "date", 1.0), ("Cared for patients.", "bullet", 1.0)]
    learned = learned_structure(doc, _Unsure([n for _, n, _ in labels], [c for *_, c in labels]))
    misread = replace(rules, contact=replace(rules.contact, name="Curriculum Vitae", email=None))
    kept = preferred_reading(misread, learned)
    assert kept.roles == misread.roles
    assert (kept.contact.name, kept.contact.email) == ("Siobhan O'Connor", "siobhan@example.com")
    assert set(kept.contact.name_spans) <= set(kept.span_kinds)


@pytest.mark.parametrize("form_label", ["Name / Surname", "Surname(s) / First name(s)",
                                        "Nom et prénom :", "Vorname, Nachname"])
def test_the_field_after_a_forms_name_label_is_the_name(form_label: str) -> None:
    """A form's title in the largest type, read as the name by the labeller, loses to the field
    printed after the form's label for the name."""

    def draw(pdf) -> None:
        pdf.set_font("Helvetica", "B", 16)
        pdf.text(72, 72, "Europass")
        pdf.set_font("Helvetica", "", 10)
        pdf.text(72, 110, form_label)
        pdf.set_font("Helvetica", "B", 12)
        pdf.text(230, 110, "Priya Raghunathan")
        pdf.set_font("Helvetica", "", 10)
        pdf.text(230, 128, "priya@example.org")

    doc = read_document(make_pdf(draw), "cv.pdf")
    given = {"Europass": ("name", 0.9), "Priya Raghunathan": ("contact", 0.6),
             "priya@example.org": ("contact", 1.0)}  # the form's label, cut or not: other
    labels = [given.get(p.text, ("other", 0.9)) for p in split_pieces(doc, reading_lines(doc))]
    model = _Unsure([n for n, _ in labels], [c for _, c in labels])
    assert learned_structure(doc, model).contact.name == "Priya Raghunathan"


@pytest.mark.parametrize(("printed", "name"), [
    ("Camille Dubois-Marchand | Infirmière diplômée", "Camille Dubois-Marchand"),
    ("Jane Roe – Data Engineer", "Jane Roe"),
    ("Resume – Jane Roe", "Jane Roe"),
    ("Jean-Luc Moreau", "Jean-Luc Moreau"),
])
def test_a_name_and_a_headline_on_one_line_part_at_the_separator(printed: str,
                                                                 name: str) -> None:
    def draw(pdf) -> None:
        pdf.set_font("Helvetica", "B", 20)
        pdf.text(72, 72, printed)
        pdf.set_font("Helvetica", "", 10)
        pdf.text(72, 100, "jane@example.org")

    doc = read_document(make_pdf(draw), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    labels = ["name" if p.span.size > 15 else "contact" for p in pieces]
    assert learned_structure(doc, _Unsure(labels, [1.0] * len(labels))).contact.name == name
    # The labeller may read the part after the separator as the headline: it is still no part
    # of the name (not the rest of a name wrapped under it either).
    if name != printed and not printed.startswith("Resume"):
        labels = ["name", "headline", *labels[2:]]
        assert learned_structure(doc, _Unsure(labels, [1.0] * len(labels))).contact.name == name


def test_a_missed_name_is_the_largest_short_line_even_after_a_long_sidebar() -> None:
    """A sidebar read first (contact, then skills in pairs) puts the name far down the reading
    order; where the labeller calls nothing the name, it is the largest short line of words."""

    def draw(pdf) -> None:
        pdf.set_font("Helvetica", "", 10)
        for row in range(16):
            pdf.text(40, 72 + 14 * row, f"Skill number {row} Tool")
        pdf.set_font("Helvetica", "B", 21)
        pdf.text(250, 300, "Priya Raghunathan")
        pdf.set_font("Helvetica", "B", 12)
        pdf.text(250, 330, "Experience Summary")

    doc = read_document(make_pdf(draw), "cv.pdf")
    pieces = split_pieces(doc, reading_lines(doc))
    labels = ["heading" if p.text == "Experience Summary" else "other" for p in pieces]
    assert learned_structure(doc, _Unsure(labels, [0.9] * len(labels))).contact.name == (
        "Priya Raghunathan")


@pytest.mark.parametrize(("printed", "name"), [
    ("Mei-Ling Chen, PhD", "Mei-Ling Chen, PhD"), ("Jane Roe, RN", "Jane Roe, RN"),
    ("Jane Roe, Berlin", "Jane Roe"),
])
def test_letters_after_the_name_are_part_of_it(printed: str, name: str) -> None:
    def draw(pdf) -> None:
        pdf.set_font("Helvetica", "B", 20)
        pdf.text(72, 72, printed)

    doc = read_document(make_pdf(draw), "cv.pdf")
    labels = ["name", "headline"]
    assert learned_structure(doc, _Unsure(labels, [1.0, 1.0])).contact.name == name


def _email_read(name: str, placed: list[tuple[float, float, str]],
                labels: dict[str, str], default: tuple[str, float]) -> str | None:
    """The email the learned parser reads from a page with `name` in large type and `placed`
    texts (x, baseline, text) in 10 pt, each piece labelled as `labels` says (sure), any
    other piece `default` (a label and its probability)."""

    def draw(pdf) -> None:
        pdf.set_font("Helvetica", "B", 20)
        pdf.text(48, 72, name)
        pdf.set_font("Helvetica", "", 10)
        for x, top, text in placed:
            pdf.text(x, top, text)

    doc = read_document(make_pdf(draw), "cv.pdf")
    given = {name: "name", **labels}
    read = [(given[p.text], 1.0) if p.text in given else default
            for p in split_pieces(doc, reading_lines(doc))]
    model = _Unsure([n for n, _ in read], [c for _, c in read])
    return learned_structure(doc, model).contact.email


@pytest.mark.parametrize(("upper", "lower", "email"), [
    ("ste-", "fan.weber@example.net", "stefan.weber@example.net"),
    ("camille.dubois-", "marchand@example.net", "camille.dubois-marchand@example.net"),
    ("Berlin", "fan.weber@example.net", "fan.weber@example.net"),  # a whole word above: no cut
])
def test_an_email_cut_at_a_wrap_onto_the_line_above_is_whole(upper: str, lower: str,
                                                             email: str) -> None:
    """A narrow right-aligned contact column hyphenates the address; the labeller reads its
    start, a lone token, as something else."""
    placed = [(200 - len(text) * 5, top, text) for top, text in ((100, upper), (112, lower))]
    assert _email_read("Stefan Weber", placed, {lower: "contact"}, ("other", 0.9)) == email


def test_an_email_cut_at_a_wrap_is_whole_when_a_main_column_line_is_read_in_between() -> None:
    """A contact sidebar left of the main column, their lines on shared baselines: the
    address's start ('mwhit-') and the main column's line beside it are one row, read before
    the address's rest."""
    beside = "pass rates climbing after three years of work."
    placed = [(60, 100, "E"), (120, 100, "mwhit-"), (200, 100, beside),
              (60, 112, "field@example.net")]
    assert _email_read("Marcus Whitfield", placed, {
        "field@example.net": "contact", beside: "text"}, ("other", 0.9)) == "mwhitfield@example.net"


def test_a_main_column_word_cut_above_an_email_is_not_its_start() -> None:
    """The line above the address is the main column's, which starts left of the address's
    end and ends in a word cut at its wrap ('contrac-'): that word is far right, not above."""
    placed = [(120, 100, "Oman and Saudi Arabia, owners and main contractors agreeing, contrac-"),
              (60, 112, "omar.alfarsi@example.com")]
    assert _email_read("Omar Al-Farsi", placed, {"omar.alfarsi@example.com": "contact"},
                       ("text", 1.0)) == "omar.alfarsi@example.com"


@pytest.mark.parametrize(("upper", "lower", "email"), [
    ("aoife.nibhriain@exampl", "e.com", "aoife.nibhriain@example.com"),
    ("kjvillanueva@example.c", "om", "kjvillanueva@example.com"),
    ("contact@nadia-", "translation.example.com", "contact@nadia-translation.example.com"),
    ("jane.roe@example.com", "in", "jane.roe@example.com"),  # whole: an icon's letters under it
])
def test_an_email_cut_at_a_wrap_onto_the_line_below_is_whole(upper: str, lower: str,
                                                             email: str) -> None:
    """A narrow sidebar breaks the address anywhere, its rest a lone token on the next line."""
    placed = [(48, 100, upper), (48, 112, lower), (48, 124, "Dublin, IE")]
    assert _email_read("Aoife Ni Bhriain", placed, {}, ("contact", 1.0)) == email


def _name_wrapped_beside_contacts(pdf) -> None:
    """'Camille Dubois-' / 'Marchand' in 28 pt, a contact column in 10 pt beside them."""
    pdf.set_font("Helvetica", "B", 28)
    pdf.text(72, 80, "Camille Dubois-")
    pdf.text(72, 112, "Marchand")
    pdf.set_font("Helvetica", "", 10)
    for top, text in ((70, "Lyon, France"), (98, "camille.dubois-"),
                      (110, "marchand@example.net"), (150, "Experience")):
        pdf.text(400 if top < 150 else 72, top, text)


def test_a_name_wrapped_beside_a_contact_column_is_whole_and_so_is_its_email() -> None:
    """The contact column beside a name over two lines is read in between, and the labeller
    gives the name's second line the contact label of its row: it is still the name's. The
    email wraps after its own hyphen ('camille.dubois-' / 'marchand@…'), which is kept."""
    doc = read_document(make_pdf(_name_wrapped_beside_contacts), "cv.pdf")
    labels = [("Camille Dubois", "name", 1.0), ("Lyon", "contact", 1.0),
              ("France", "contact", 1.0), ("Marchand", "contact", 0.9),
              ("camille.dubois", "contact", 1.0), ("marchand@example.net", "contact", 1.0),
              ("Experience", "heading", 1.0)]
    assert [p.text for p in split_pieces(doc, reading_lines(doc))] == [t for t, _, _ in labels]
    model = _Unsure([name for _, name, _ in labels], [c for _, _, c in labels])
    contact = learned_structure(doc, model).contact
    assert (contact.name, contact.email) == ("Camille Dubois-Marchand",
                                             "camille.dubois-marchand@example.net")


def test_a_bullets_wrapped_last_line_taken_for_a_title_goes_back_to_the_bullet() -> None:
    """'… for the' / 'Mississauga office' ends a bullet, in its type; the next entry opens with
    its employer and dates, then its title in bold. The labeller called the wrapped line a
    title: it is the bullet's, and the bold title is the entry's."""
    rows = [[(72, "Experience")], [(72, "Harrow LLP", "B"), (400, "2017 - 2020")],
            [(72, "Staff Accountant", "B")],
            [(72, "• Reconciled the ledgers of the branches for the")],
            [(80, "Mississauga office")],
            [(72, "Maple Leaf Credit Union", "B"), (400, "2016 - 2017")],
            [(72, "Finance Intern", "B")], [(72, "• Prepared monthly variance schedules.")]]
    labels = [("Experience", "heading", 1.0), ("Harrow LLP", "org", 1.0),
              ("2017 - 2020", "date", 1.0), ("Staff Accountant", "title", 1.0),
              ("Reconciled the ledgers of the branches for the", "bullet", 1.0),
              ("Mississauga office", "title", 0.6), ("Maple Leaf Credit Union", "org", 1.0),
              ("2016 - 2017", "date", 1.0), ("Finance Intern", "title", 1.0),
              ("Prepared monthly variance schedules.", "bullet", 1.0)]
    assert _page_roles(rows, labels) == [
        ("Staff Accountant", "Harrow LLP", "2017", "2020", 1),
        ("Finance Intern", "Maple Leaf Credit Union", "2016", "2017", 1)]
    assert "Mississauga office" in _page_resume(rows, labels).roles[0].bullets[0]
    # Where titles are set in the bullets' type, the type cannot tell them apart: the labels
    # stand.
    rows[6] = [(72, "Finance Intern")]
    assert len(_page_roles(rows, labels)) == 3


def test_a_header_fields_wrap_in_another_type_is_not_an_entry_of_its_own() -> None:
    """'Assistenztierärztin — Kleintierpraxis Dr. Brunner' with its dates, then '& Dr. Aigner'
    in bold on the next line (the page styled the header's first line apart): the wrap ends the
    employer's name instead of opening an undated entry."""
    rows = [[(72, "Experience")],
            [(72, "Assistenztierärztin - Kleintierpraxis Dr. Brunner"), (450, "2016 - 2018")],
            [(72, "& Dr. Aigner", "B")], [(72, "• Betreuung von Katzen und Hunden.")]]
    labels = [("Experience", "heading", 1.0), ("Assistenztierärztin", "title", 1.0),
              ("Kleintierpraxis Dr. Brunner", "org", 1.0), ("2016 - 2018", "date", 1.0),
              ("& Dr. Aigner", "org", 0.8), ("Betreuung von Katzen und Hunden.", "bullet", 1.0)]
    assert _page_roles(rows, labels) == [
        ("Assistenztierärztin", "Kleintierpraxis Dr. Brunner & Dr. Aigner", "2016", "2018", 1)]
    # Labelled a title, it still ends the employer: the title runs on into the employer on
    # the line above, so it did not wrap there.
    labels[4] = ("& Dr. Aigner", "title", 0.8)
    assert _page_roles(rows, labels) == [
        ("Assistenztierärztin", "Kleintierpraxis Dr. Brunner & Dr. Aigner", "2016", "2018", 1)]


@pytest.mark.parametrize(("runner_up", "first_line", "title", "bullets"), [
    # The line the labeller found nearly as title-like as bullet-like is the title.
    ("title", "Senior Staff Nurse", "Senior Staff Nurse", 1),
    # A line it found no title at all stays the body's (run on into the next line, as lines
    # without glyphs do); so does a sentence, title-like or not.
    ("text", "Senior Staff Nurse", None, 1),
    ("title", "Cared for patients.", None, 2),
])
def test_a_dated_employers_first_body_line_may_be_its_title(
        runner_up: str, first_line: str, title: str | None, bullets: int) -> None:
    """An employer and its dates, then the title in the bullets' type: the labeller took it for a
    bullet, but the entry has no title and the line is one."""
    rows = [[(72, "Experience")], [(72, "Royal Hospital")], [(72, "2018 - 2022")],
            [(72, first_line)], [(72, "Coordinated the shift for 24 beds.")]]
    labels = [("Experience", "heading", 1.0), ("Royal Hospital", "org", 1.0),
              ("2018 - 2022", "date", 1.0), (first_line, "bullet", 0.7),
              ("Coordinated the shift for 24 beds.", "bullet", 1.0)]
    [role] = _page_resume(rows, labels, {3: runner_up}).roles
    assert (role.title, role.company, role.start, len(role.bullets)) == (
        title, "Royal Hospital", "2018", bullets)


@pytest.mark.parametrize(("style", "title"), [
    # In the type two other entries print their titles in: the title, whatever its label.
    ("I", "Data Engineer"),
    # In the body's type it is no title.
    ("", None),
])
def test_a_line_in_the_titles_type_under_an_untitled_header_is_its_title(
        style: str, title: str | None) -> None:
    rows = [[(72, "Experience")],
            [(72, "Acme Ltd", "B")], [(72, "2021 - 2023")], [(72, "Data Analyst", "I")],
            [(72, "Beta Corp", "B")], [(72, "2019 - 2021")], [(72, "Data Engineer", style)],
            [(72, "Built the nightly pipeline.")],
            [(72, "Gamma Inc", "B")], [(72, "2017 - 2019")], [(72, "Intern", "I")]]
    labels = [("Experience", "heading", 1.0),
              ("Acme Ltd", "org", 1.0), ("2021 - 2023", "date", 1.0),
              ("Data Analyst", "title", 1.0),
              ("Beta Corp", "org", 1.0), ("2019 - 2021", "date", 1.0),
              ("Data Engineer", "other", 0.9), ("Built the nightly pipeline.", "bullet", 1.0),
              ("Gamma Inc", "org", 1.0), ("2017 - 2019", "date", 1.0), ("Intern", "title", 1.0)]
    roles = _page_resume(rows, labels).roles
    assert [(r.title, r.company) for r in roles] == [
        ("Data Analyst", "Acme Ltd"), (title, "Beta Corp"), ("Intern", "Gamma Inc")]


@pytest.mark.parametrize(("header", "first", "rest", "lone", "want"), [
    # After a comma the 'title' the header opens with is the employer's first part, and the
    # lone title under it is the title.
    ("SMITH, JONES & PARTNERS LLP", "SMITH", "JONES & PARTNERS LLP", "PARTNER",
     ("PARTNER", "SMITH, JONES & PARTNERS LLP")),
    # After a dash the header holds a title and its employer; the line under it, whatever
    # its label, wraps the field that ends the header's line.
    ("Data Engineer — Acme", "Data Engineer", "Acme", "Holdings Ltd",
     ("Data Engineer", "Acme Holdings Ltd")),
])
def test_a_lone_title_under_a_header_whose_title_runs_into_its_employer(
        header: str, first: str, rest: str, lone: str, want: tuple) -> None:
    rows = [[(72, "Experience")], [(72, header, "B"), (420, "2019 - 2021")], [(72, lone)],
            [(72, "Built the nightly pipeline.")]]
    labels = [("Experience", "heading", 1.0), (first, "title", 0.6), (rest, "org", 0.9),
              ("2019 - 2021", "date", 1.0), (lone, "title", 0.6),
              ("Built the nightly pipeline.", "bullet", 1.0)]
    roles = _page_resume(rows, labels).roles
    assert (roles[0].title, roles[0].company) == want


@pytest.mark.parametrize(("first_dates", "want"), [
    # A titled header without dates, then dates without a title: one header that a line
    # read in between (a sidebar's) split in two.
    ([], [("Store Manager", "Harbour Ltd", "2022", "2024", 1)]),
    # A header with its own dates is an entry of its own.
    ([(400, "2019 - 2021")], [("Store Manager", "Harbour Ltd", "2019", "2021", 0),
                              (None, "Head Office", "2022", "2024", 1)]),
])
def test_dates_under_an_undated_titled_header_are_its_dates(first_dates: list,
                                                            want: list[tuple]) -> None:
    rows = [[(72, "Experience")], [(72, "Store Manager", "B")],
            [(72, "Harbour Ltd"), *first_dates], [(300, "History")],
            [(72, "Head Office"), (400, "2022 - 2024")], [(72, "• Ran the flagship store.")]]
    labels = [("Experience", "heading", 1.0), ("Store Manager", "title", 1.0),
              ("Harbour Ltd", "org", 1.0),
              *[(text, "date", 1.0) for _, text in first_dates], ("History", "other", 0.9),
              ("Head Office", "org", 0.7), ("2022 - 2024", "date", 1.0),
              ("Ran the flagship store.", "bullet", 1.0)]
    assert _page_roles(rows, labels) == want


def test_a_date_columns_second_line_read_into_the_first_bullet_ends_the_range() -> None:
    """'06/2019' over '01/2022' in a date column left of the header and the first bullet: the
    labeller read the second date with the bullet beside it; it ends the range."""
    rows = [[(72, "Experience")],
            [(72, "06/2019"), (160, "Chef de Partie, Dumpling House")],
            [(72, "01/2022"), (160, "Ran the wok section for lunch.")],
            [(160, "Kept the kitchen audit-ready.")]]
    labels = [("Experience", "heading", 1.0), ("06/2019", "date", 1.0),
              ("Chef de Partie", "title", 1.0), ("Dumpling House", "org", 1.0),
              ("01/2022", "bullet", 0.6), ("Ran the wok section for lunch.", "bullet", 1.0),
              ("Kept the kitchen audit-ready.", "bullet", 1.0)]
    assert _page_roles(rows, labels) == [
        ("Chef de Partie", "Dumpling House", "2019-06", "2022-01", 2)]
    # Out of the dates' column, a date opening a bullet is the bullet's.
    rows[2] = [(200, "01/2022"), (260, "Ran the wok section for lunch.")]
    assert _page_roles(rows, labels)[0][3] is None
