"""The exact rules behind the signals, pinned on small realistic resumes.

`test_signals.py` checks that each signal's own examples pass or fail; these tests pin what a
rule says (signal, polarity, strength, evidence, message and fix) and where its thresholds sit:
a role that ended exactly RECENT_YEARS ago and one a month earlier, exactly MAX_PAGES pages and
one more, a stint of exactly twelve months, a gap of exactly six, and so on. Every resume is
written in Markdown and read at AS_OF (November 2026), against the MLOps requisition.
"""

from __future__ import annotations

import types

import pytest
from test_signals import AS_OF, context

from triage.findings import NEGATIVE, POSITIVE, Finding
from triage.signals import (
    _from_module,
    explained_risk,
    generic_virtues,
    how_they_read_it,
    language_alignment,
    registry,
    relevance,
    results,
    safe_pair_of_hands,
)
from triage.signals._levels import inflated, required_level, title_level
from triage.signals._text import current_role
from triage.structure import Role

HEAD = "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n"


def role(header: str, dates: str = "", *bullets: str) -> str:
    """One role: a '### Title — Company' header, its date and place line and its bullets."""
    place = f"{dates} | Berlin, Germany" if dates else "Berlin, Germany"
    return f"\n### {header}\n{place}\n\n" + "".join(f"- {b}\n" for b in bullets)


def cv(*roles: str, summary: str = "", education: str = "", tail: str = "") -> str:
    """A resume: name and contact, an optional summary, the roles, optional education."""
    text = HEAD + (f"\n## Summary\n\n{summary}\n" if summary else "")
    text += "\n## Experience\n" + "".join(roles)
    if education:
        text += f"\n## Education\n\n{education}\n"
    return text + tail


def study(dates: str) -> str:
    return f"### MSc Data Science — TU Berlin\n{dates}"


CURRENT = role("Senior MLOps Engineer — Acme Analytics", "Jan 2022 – Present",
               "Owned model deployment for 40 models")
ACME = "Senior MLOps Engineer — Acme Analytics"
NORTHWIND = "Data Engineer — Northwind Logistics"
OFF_FIELD = ("Ran survey fieldwork in three towns", "Coded interview transcripts in NVivo",
             "Wrote literature reviews on rural transport", "Organised the weekly reading group")


def negatives(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.polarity == NEGATIVE]


# --- relevance -------------------------------------------------------------------------------
def _old_role_finding(label: str, why: str, lines: int, years: str) -> Finding:
    return Finding(
        "relevance", NEGATIVE, 0.5, ("p0s6", "p0s7"),
        f"'{label}' {why} but takes {lines} lines of page 1, pushing recent work out of the "
        "skim.",
        f"Cut it to one line under an 'Earlier experience' heading: '{label}, {years}' — and "
        "give the space to your current role's results.")


def _recent_page_one(evidence: tuple[str, ...], recent: int, total: int) -> Finding:
    return Finding("relevance", POSITIVE, 0.4, evidence,
                   f"Page 1 is given to the last 7 years ({recent} of {total} role lines).")


def test_relevance_a_role_that_ended_exactly_recent_years_ago_is_recent() -> None:
    """The last seven years carry the weight: a role ended Nov 2019 (as of Nov 2026) still
    counts as recent; one that ended a month earlier is old and, off-field, crowds page 1."""
    leeds = "Research Assistant — University of Leeds"
    recent = context(cv(CURRENT, role(leeds, "Oct 2015 – Nov 2019", *OFF_FIELD)))
    assert relevance.detect(recent) == [
        _recent_page_one(("p0s3", "p0s4", "p0s6", "p0s7"), 9, 9)]
    old = context(cv(CURRENT, role(leeds, "Oct 2015 – Oct 2019", *OFF_FIELD)))
    assert relevance.detect(old) == [_old_role_finding(
        leeds, "ended 7 years ago and is outside this job's field", 6, "2015–2019")]


def test_relevance_reads_a_bare_end_year_as_december() -> None:
    """'2016 – 2019' ended in December 2019, within seven years of Nov 2026: not old."""
    ctx = context(cv(CURRENT, role("Research Assistant — University of Leeds", "2016 – 2019",
                                   *OFF_FIELD)))
    assert relevance.detect(ctx) == [_recent_page_one(("p0s3", "p0s4", "p0s6", "p0s7"), 9, 9)]


def test_relevance_an_undated_role_counts_as_recent() -> None:
    """A role with no dates cannot be called old; its lines count toward recent work."""
    ctx = context(cv(CURRENT, role("Sales Assistant — High Street Books", "", *OFF_FIELD)))
    assert [(r.start, r.end) for r in ctx.resume.roles] == [("2022-01", "present"), (None, None)]
    assert relevance.detect(ctx) == [_recent_page_one(("p0s3", "p0s4", "p0s6"), 8, 8)]


def test_relevance_an_old_role_may_take_three_lines_but_not_four() -> None:
    """OLD_LINES: a header plus one bullet (3 lines) is fine for a 14-year-old role; a second
    bullet (4 lines) crowds page 1."""
    books = "Sales Assistant — High Street Books"
    three = context(cv(CURRENT, role(books, "2009 – 2012", OFF_FIELD[0])))
    assert negatives(relevance.detect(three)) == []
    four = context(cv(CURRENT, role(books, "2009 – 2012", *OFF_FIELD[:2])))
    assert relevance.detect(four) == [
        _old_role_finding(books, "ended 14 years ago", 4, "2009–2012")]


def test_relevance_a_single_date_old_role_keeps_its_one_year_in_the_fix() -> None:
    """An old role with only one date still gets the one-line rewrite, with the year it has."""
    books = "Sales Assistant — High Street Books"
    ctx = context(cv(CURRENT, role(books, "Aug 2012", *OFF_FIELD)))
    assert relevance.detect(ctx) == [_old_role_finding(books, "ended 14 years ago", 6, "2012–")]


def test_relevance_a_relevant_role_is_old_only_after_ten_years() -> None:
    """A field-relevant role that ended exactly OLD_YEARS ago is left alone; a month more and
    it is old, whatever its field."""
    northwind = ("Wrote batch jobs in Airflow", "Kept reporting tables up to date",
                 "Ran the nightly loads")
    ten = context(cv(CURRENT, role(NORTHWIND, "Oct 2013 – Nov 2016", *northwind)))
    assert negatives(relevance.detect(ten)) == []
    older = context(cv(CURRENT, role(NORTHWIND, "Oct 2013 – Oct 2016", *northwind)))
    assert relevance.detect(older) == [
        _old_role_finding(NORTHWIND, "ended 10 years ago", 5, "2013–2016")]


def test_relevance_an_off_field_role_is_called_old_only_past_ten_years() -> None:
    """At exactly ten years an off-field role is named for its field; past ten, for its age."""
    leeds = "Research Assistant — University of Leeds"
    ten = context(cv(CURRENT, role(leeds, "Oct 2013 – Nov 2016", *OFF_FIELD)))
    assert relevance.detect(ten) == [_old_role_finding(
        leeds, "ended 10 years ago and is outside this job's field", 6, "2013–2016")]
    older = context(cv(CURRENT, role(leeds, "Oct 2013 – Oct 2016", *OFF_FIELD)))
    assert relevance.detect(older) == [
        _old_role_finding(leeds, "ended 10 years ago", 6, "2013–2016")]


def test_relevance_exactly_seventy_percent_recent_lines_is_a_recent_page_one() -> None:
    """RECENT_SHARE: 7 of 10 role lines on recent work earns the positive."""
    bullets = [f"Shipped release {i} of the model registry" for i in range(5)]
    ctx = context(cv(role(ACME, "Jan 2022 – Present", *bullets),
                     role("Sales Assistant — High Street Books", "2009 – 2012",
                          "Served customers at the till")))
    assert relevance.detect(ctx) == [
        _recent_page_one(("p0s3", "p0s4", "p0s10", "p0s11"), 7, 10)]


def _long_resume(dates: str, bullets: int) -> str:
    return cv(role(ACME, dates, *(f"Shipped release {i} of the model registry"
                                  for i in range(bullets))))


LONG_FINDING = Finding(
    "relevance", NEGATIVE, 0.5, (),
    "3 pages for about 10 years of experience: recruiters who turn the page spend their time "
    "there, not on page 1.",
    "Cut to 2 pages or fewer: keep the last 7 years in full, put older roles on one line each, "
    "and drop coursework and duties.")


def test_relevance_two_pages_are_fine_three_are_too_long_under_ten_years() -> None:
    """MAX_PAGES: two pages for under ten years of experience is fine; three reads unedited."""
    two = context(_long_resume("Jan 2020 – Present", 80))
    assert two.resume.pages == 2
    assert negatives(relevance.detect(two)) == []
    three = context(_long_resume("Jan 2017 – Present", 110))
    assert three.resume.pages == 3
    assert relevance.detect(three) == [LONG_FINDING]


def test_relevance_three_pages_are_fine_with_exactly_ten_years() -> None:
    """SENIOR_YEARS: with exactly ten years (Dec 2016 – Nov 2026) a third page is allowed."""
    ctx = context(_long_resume("Dec 2016 – Present", 110))
    assert ctx.resume.pages == 3
    assert relevance.detect(ctx) == [_recent_page_one(("p0s3", "p0s4"), 46, 46)]


# --- how they read it ------------------------------------------------------------------------
def test_how_they_read_it_without_any_role() -> None:
    """No role at all: the recruiter cannot tell what the candidate does now."""
    ctx = context(HEAD + "\n## Skills\n\n- Python, Kubernetes\n")
    assert how_they_read_it.detect(ctx) == [Finding(
        "how_they_read_it", NEGATIVE, 1.0, (),
        "No current role could be found: a recruiter cannot tell what you do now.",
        "Add an 'Experience' heading with your current role on one line: "
        "'<Title> — <Company>   <Mon YYYY> – Present'.")]


def test_how_they_read_it_names_the_missing_company() -> None:
    """A title with dates but no company: the company is absent, and the fix says add it."""
    ctx = context(cv(role("Senior MLOps Engineer", "Since 2022", "Built the model registry")))
    assert how_they_read_it.detect(ctx) == [Finding(
        "how_they_read_it", NEGATIVE, 0.333, ("p0s3", "p0s4"),
        "Within 3 s a recruiter finds your current role (Senior MLOps Engineer) only partly: "
        "title 100%, company 0%, dates 100% noticed. No company found next to it.",
        "Put your current title, company and dates on one line; add the company beside the "
        "title (company came too late).")]


def test_how_they_read_it_a_plain_bare_title_needs_bold_company_and_dates() -> None:
    """A plain (not bold) title alone: every missing part is named, each fix joined by ';'."""
    ctx = context(cv("\nSenior MLOps Engineer\n\n- Built the model registry\n"))
    assert how_they_read_it.detect(ctx) == [Finding(
        "how_they_read_it", NEGATIVE, 0.667, ("p0s3",),
        "Within 3 s a recruiter finds your current role (Senior MLOps Engineer) only partly: "
        "title 100%, company 0%, dates 0% noticed. No company or dates found next to it.",
        "Set the title in bold; add the company and dates beside the title (company, dates "
        "came too late).")]


SKILLS_FIRST = HEAD + "\n## Skills\n\n{skills}\n## Experience\n{role}"
ONE_BOLD_LINE = ("\n**Senior MLOps Engineer — Acme Analytics   Jan 2022 – Present**\n\n"
                 "- Built the model registry\n")


def _skills_first(lines: int, head: str) -> str:
    skills = "".join(f"- Skill group {i}: Python, Go, SQL, Bash, Terraform\n"
                     for i in range(lines))
    return SKILLS_FIRST.format(skills=skills, role=head)


PUSHED_DOWN = ("move the summary and skills below it or cut them to two lines, and keep the job "
               "history out of sidebars")


def test_how_they_read_it_a_head_at_the_top_of_page_two_was_pushed_down() -> None:
    """A well-set one-line bold head is still a layout fault when it starts page 2."""
    ctx = context(_skills_first(52, ONE_BOLD_LINE))
    assert ctx.resume.pages == 2
    assert how_they_read_it.detect(ctx) == [Finding(
        "how_they_read_it", NEGATIVE, 0.878, ("p1s6",),
        "Within 3 s a recruiter finds your current role (Senior MLOps Engineer — Acme "
        "Analytics) only partly: title 14%, company 8%, dates 14% noticed.",
        "Move the summary and skills below it or cut them to two lines, and keep the job "
        "history out of sidebars (title, company, dates came too late).")]


def _faults(ctx) -> list[str]:
    return how_they_read_it._layout_faults(ctx, current_role(ctx.resume, ctx.as_of))


def test_layout_a_head_is_pushed_down_only_below_forty_percent_of_page_one() -> None:
    """LOW_ON_PAGE: a bold one-line head at y=304 of 792 pt is high enough; at 317 it is low."""
    high, low = context(_skills_first(12, ONE_BOLD_LINE)), context(_skills_first(13, ONE_BOLD_LINE))
    assert _faults(high) == []
    assert _faults(low) == [PUSHED_DOWN]


def test_layout_the_head_starts_where_its_topmost_span_is() -> None:
    """A two-line head whose title sits above 40% of the page and whose dates line falls just
    below it starts at the title: only 'one line' is at fault, not the position."""
    ctx = context(_skills_first(12, role(ACME, "Jan 2022 – Present", "Built the model registry")))
    assert _faults(ctx) == ["put your current title, company and dates on one line"]


def test_layout_a_plain_title_line_is_asked_to_be_bold() -> None:
    """A title printed as plain text above its dates: two faults, in the order they are fixed."""
    ctx = context(cv("\nSenior MLOps Engineer — Acme Analytics\nJan 2022 – Present | Berlin, "
                     "Germany\n\n- Built the model registry\n"))
    assert _faults(ctx) == ["put your current title, company and dates on one line",
                            "set the title in bold"]


# --- explained risk: gaps --------------------------------------------------------------------
GAP_FIX = ("Add one plain line for the gap, e.g. under '{label}' or as its own entry: '<Mon YYYY> "
           "– <Mon YYYY>: career break — <reason in five words>' (parental leave, caring, study, "
           "relocation, redundancy all read fine).")
SINCE_FIX = ("Add one line at the top of Experience for what you are doing now: '<Mon YYYY> – "
             "Present: <career break / study / freelance work> — <five words on it>'.")


def _gap(months: int, before: str, after: str, evidence: tuple[str, ...],
         reason: str | None = None, label: str | None = None) -> Finding:
    risk = f"A {months}-month gap between '{before}' and '{after}'"
    if reason:
        return Finding("explained_risk", POSITIVE, 0.2, evidence,
                       f"{risk} — explained on the page ('{reason}').")
    return Finding("explained_risk", NEGATIVE, 0.6, evidence,
                   f"{risk}, with no explanation on the page.",
                   GAP_FIX.format(label=label or after))


def _gaps(text: str) -> list[Finding]:
    return [f for f in explained_risk.detect(context(text))
            if "gap" in f.message or "Nothing on the page" in f.message]


NORTHWIND_TO_2020 = role(NORTHWIND, "Mar 2016 – Feb 2020", "Wrote batch jobs in Airflow")


def test_gap_a_bare_end_year_ends_in_december() -> None:
    """'2016 – 2021' then 'Jan 2022': read generously, there is no gap."""
    assert _gaps(cv(CURRENT, role(NORTHWIND, "2016 – 2021", "Wrote batch jobs in Airflow"))) == []


def test_gap_an_undated_role_is_left_out_of_the_timeline() -> None:
    """An undated side role neither opens nor closes a gap."""
    text = cv(CURRENT, role("Volunteer Mentor — Code Club", "", "Taught Python to teenagers"),
              role(NORTHWIND, "Mar 2016 – Dec 2021", "Wrote batch jobs in Airflow"))
    assert [r.start for r in context(text).resume.roles] == ["2022-01", None, "2016-03"]
    assert _gaps(text) == []


def test_gap_two_roles_held_over_the_same_months() -> None:
    """Two part-time roles with identical dates are no gap, and comparing them does not fail."""
    text = cv(CURRENT, role(NORTHWIND, "Mar 2016 – Dec 2021", "Wrote batch jobs in Airflow"),
              role("Teaching Assistant — TU Berlin", "Mar 2016 – Dec 2021", "Ran Python tutorials"))
    assert _gaps(text) == []


def test_gap_a_long_role_covers_the_months_between_shorter_ones() -> None:
    """A freelance stint that starts 18 months after an earlier job ended is no gap when a
    longer job was running all along: roles are walked in order of their start."""
    text = cv(CURRENT, role(NORTHWIND, "Mar 2016 – Dec 2021", "Wrote batch jobs in Airflow"),
              role("Freelance Consultant — Self-employed", "Jan 2018 – Dec 2019",
                   "Built dashboards for two clients"),
              role("Data Analyst — Contoso", "Jan 2014 – Jun 2016", "Wrote SQL reports"))
    assert _gaps(text) == []


def test_gap_after_two_roles_that_ended_together_names_the_first_started() -> None:
    """Two roles ending in Dec 2019: the gap is measured from that month and named after the
    role that started first."""
    text = cv(role(ACME, "Jan 2021 – Present", "Owned model deployment for 40 models"),
              role(NORTHWIND, "Jan 2015 – Dec 2019", "Wrote batch jobs in Airflow"),
              role("Freelance Consultant — Self-employed", "Jun 2018 – Dec 2019",
                   "Built dashboards for two clients"))
    assert _gaps(text) == [_gap(12, NORTHWIND, ACME, ("p0s6", "p0s7", "p0s3", "p0s4"))]


def test_gap_six_months_is_no_gap_seven_is() -> None:
    """GAP_MONTHS: Feb 2020 to Sep 2020 leaves six empty months; to Oct 2020, seven."""
    six = cv(role(ACME, "Sep 2020 – Present", "Owned model deployment"), NORTHWIND_TO_2020)
    assert _gaps(six) == []
    seven = cv(role(ACME, "Oct 2020 – Present", "Owned model deployment"), NORTHWIND_TO_2020)
    assert _gaps(seven) == [_gap(7, NORTHWIND, ACME, ("p0s6", "p0s7", "p0s3", "p0s4"))]


def test_gap_fix_quotes_a_long_role_name_to_forty_characters() -> None:
    """The fix names where to add the line, shortened at a word to 40 characters."""
    lead = "Senior Machine Learning Operations Lead"
    text = cv(role(f"{lead} — Acme Analytics", "Oct 2020 – Present", "Owned model deployment"),
              NORTHWIND_TO_2020)
    assert _gaps(text) == [_gap(7, NORTHWIND, f"{lead} — Acme Analytics",
                                ("p0s6", "p0s7", "p0s3", "p0s4"),
                                label="Senior Machine Learning Operations…")]


TEN_MONTH_GAP = (role(ACME, "Jan 2021 – Present", "Owned model deployment for 40 models"),
                 NORTHWIND_TO_2020)  # nothing from Mar 2020 to Dec 2020


def test_gap_study_over_exactly_the_first_half_explains_it() -> None:
    """STUDY_COVERS: five months of study at the start of a ten-month gap explain it; four
    do not."""
    ids = ("p0s6", "p0s7", "p0s3", "p0s4")
    half = _gaps(cv(*TEN_MONTH_GAP, education=study("Mar 2020 – Jul 2020")))
    assert half == [_gap(10, NORTHWIND, ACME, ids, reason="study: MSc Data Science")]
    less = _gaps(cv(*TEN_MONTH_GAP, education=study("Mar 2020 – Jun 2020")))
    assert less == [_gap(10, NORTHWIND, ACME, ids)]


def test_gap_study_over_exactly_the_last_half_explains_it() -> None:
    """Five months of study at the end of a ten-month gap explain it; four do not."""
    ids = ("p0s6", "p0s7", "p0s3", "p0s4")
    half = _gaps(cv(*TEN_MONTH_GAP, education=study("Aug 2020 – Dec 2020")))
    assert half == [_gap(10, NORTHWIND, ACME, ids, reason="study: MSc Data Science")]
    less = _gaps(cv(*TEN_MONTH_GAP, education=study("Sep 2020 – Dec 2020")))
    assert less == [_gap(10, NORTHWIND, ACME, ids)]


def _since(months: int, reason: str | None = None) -> Finding:
    risk = f"Nothing on the page for the {months} months since '{ACME}' ended"
    if reason:
        return Finding("explained_risk", POSITIVE, 0.2, ("p0s3", "p0s4"),
                       f"{risk} — explained on the page ('{reason}').")
    return Finding("explained_risk", NEGATIVE, 0.5, ("p0s3", "p0s4"),
                   f"{risk}, with no explanation on the page.", SINCE_FIX)


def test_gap_since_the_last_role_six_months_is_nothing_seven_is() -> None:
    """As of Nov 2026, a role that ended May 2026 is recent enough; one that ended April is a
    7-month silence."""
    assert _gaps(cv(role(ACME, "Jan 2022 – May 2026", "Owned model deployment"))) == []
    assert _gaps(cv(role(ACME, "Jan 2022 – Apr 2026", "Owned model deployment"))) == [_since(7)]


ENDED_2025 = role(ACME, "Jan 2022 – Mar 2025", "Owned model deployment for 40 models")


def test_gap_since_the_last_role_is_explained_by_study_over_half_of_it() -> None:
    """Apr 2025 – Nov 2026 is 20 months: ten months of study from its first month explain it,
    nine do not; so do the last ten months, and not the last nine."""
    assert _gaps(cv(ENDED_2025, education=study("Apr 2025 – Jan 2026"))) == [
        _since(20, "study: MSc Data Science")]
    assert _gaps(cv(ENDED_2025, education=study("Apr 2025 – Dec 2025"))) == [_since(20)]
    assert _gaps(cv(ENDED_2025, education=study("Feb 2026 – Present"))) == [
        _since(20, "study: MSc Data Science")]
    assert _gaps(cv(ENDED_2025, education=study("Mar 2026 – Present"))) == [_since(20)]


BREAK_LINE = "\nMar 2020 – Dec 2021: career break for parental leave.\n"


def test_gap_a_career_break_line_between_the_roles_explains_it() -> None:
    """A loose line printed between the two roles is read as the gap's explanation."""
    assert _gaps(cv(CURRENT, BREAK_LINE, NORTHWIND_TO_2020)) == [
        _gap(22, NORTHWIND, ACME, ("p0s7", "p0s8", "p0s3", "p0s4"), reason="career break")]


def test_gap_a_career_break_line_explains_it_in_a_chronological_resume() -> None:
    """Oldest role first: the line between them is still between them."""
    assert _gaps(cv(NORTHWIND_TO_2020, BREAK_LINE, CURRENT)) == [
        _gap(22, NORTHWIND, ACME, ("p0s3", "p0s4", "p0s7", "p0s8"), reason="career break")]


def test_gap_a_reason_printed_away_from_the_gap_does_not_explain_it() -> None:
    """A line in another section, not the summary and not between the roles, is not read as
    the explanation, even when it names a year of the gap."""
    text = cv(CURRENT, NORTHWIND_TO_2020, tail="\n## Volunteering\n\nCareer break in 2021 for "
              "parental leave; mentored at Code Club.\n")
    assert _gaps(text) == [_gap(22, NORTHWIND, ACME, ("p0s6", "p0s7", "p0s3", "p0s4"))]


def test_explained_risk_says_nothing_without_roles() -> None:
    """No roles: no gaps, no stints, no title to compare."""
    assert explained_risk.detect(context(HEAD + "\n## Skills\n\n- Python\n")) == []


# --- explained risk: short stints ------------------------------------------------------------
STINT_FIX = ("Say why it was short, on its title line: '{label}' → '{title} (<n>-month contract "
             "/ fixed-term / company closed)'.")
NOW_2024 = role(ACME, "Jan 2024 – Present", "Owned model deployment for 40 models")
NORTHWIND_TO_2022 = role(NORTHWIND, "Mar 2016 – May 2022", "Wrote batch jobs in Airflow")
CIVIC = "ML Engineer — Civic Data"


def _stint(label: str, months: int, evidence: tuple[str, ...], title: str,
           reason: str | None = None, quoted: str | None = None) -> Finding:
    risk = f"'{label}' lasted {months} months, one of 2 stints under a year"
    if reason:
        return Finding("explained_risk", POSITIVE, 0.2, evidence,
                       f"{risk} — explained on the page ('{reason}').")
    return Finding("explained_risk", NEGATIVE, 0.4, evidence,
                   f"{risk}, with no explanation on the page.",
                   STINT_FIX.format(label=quoted or label, title=title))


def _stints(*roles: str) -> list[Finding]:
    return [f for f in explained_risk.detect(context(cv(NOW_2024, *roles, NORTHWIND_TO_2022)))
            if "stints" in f.message]


def test_stint_of_eleven_months_is_short() -> None:
    """SHORT_MONTHS: two 11-month roles are a pattern of short stints."""
    assert _stints(role("ML Engineer — Bolt Labs", "Dec 2022 – Oct 2023", "Built the registry"),
                   role(CIVIC, "Jun 2022 – Apr 2023", "Built the model registry")) == [
        _stint("ML Engineer — Bolt Labs", 11, ("p0s6", "p0s7"), "ML Engineer"),
        _stint(CIVIC, 11, ("p0s9", "p0s10"), "ML Engineer")]


def test_stint_of_exactly_twelve_months_is_not_short() -> None:
    """A 12-month role is a year, not a short stint; with one other it makes no pattern."""
    assert _stints(role("ML Engineer — Bolt Labs", "Dec 2022 – Nov 2023", "Built the registry"),
                   role(CIVIC, "Jun 2022 – Apr 2023", "Built the model registry")) == []
    assert _stints(role("ML Engineer — Bolt Labs", "Nov 2022 – Nov 2023", "Built the registry"),
                   role(CIVIC, "Jun 2022 – Apr 2023", "Built the model registry")) == []


def test_stint_a_bare_year_role_lasted_the_whole_year() -> None:
    """'2023 – 2023' is January to December: twelve months, not one."""
    assert _stints(role("ML Engineer — Bolt Labs", "2023 – 2023", "Built the registry"),
                   role(CIVIC, "Jun 2022 – Dec 2022", "Built the model registry")) == []


def test_stint_the_current_role_is_never_a_short_stint() -> None:
    """A job started in June 2026 and still held is new, not short."""
    text = cv(role(ACME, "Jun 2026 – Present", "Owned model deployment for 40 models"),
              role(CIVIC, "Jan 2026 – May 2026", "Built the model registry"),
              role(NORTHWIND, "Mar 2016 – Dec 2025", "Wrote batch jobs in Airflow"))
    assert [f for f in explained_risk.detect(context(text)) if "stints" in f.message] == []


def test_stint_explained_on_its_date_line() -> None:
    """'(contract)' printed on the role's date line explains that stint, not the other."""
    assert _stints(role("ML Engineer — Bolt Labs", "May 2023 – Nov 2023 (contract)",
                        "Moved model serving to Kubernetes"),
                   role(CIVIC, "Jun 2022 – Feb 2023", "Built the model registry")) == [
        _stint("ML Engineer — Bolt Labs", 7, ("p0s6", "p0s7"), "", reason="contract"),
        _stint(CIVIC, 9, ("p0s9", "p0s10"), "ML Engineer")]


def test_stint_fix_shortens_a_long_label_and_title() -> None:
    """The fix quotes the role to 50 characters and its title to 40, cut at a word."""
    title = "Senior Analytics Engineer (Platform Team)"
    label = f"{title} — Lumen Labs"
    assert _stints(role(label, "May 2023 – Nov 2023", "Moved model serving to Kubernetes"),
                   role(CIVIC, "Jun 2022 – Feb 2023", "Built the model registry")) == [
        _stint(label, 7, ("p0s6", "p0s7"), "Senior Analytics Engineer (Platform…",
               quoted="Senior Analytics Engineer (Platform Team) —…"),
        _stint(CIVIC, 9, ("p0s9", "p0s10"), "ML Engineer")]


def test_stint_without_a_title_is_named_by_its_company() -> None:
    """A role listed by employer only is named, and rewritten, by that employer."""
    assert _stints(role("Bolt Labs", "May 2023 – Nov 2023", "Moved model serving to Kubernetes",
                        "Wrote the on-call runbook"),
                   role("Civic Data Ltd", "Jun 2022 – Feb 2023", "Built the model registry")) == [
        _stint("Bolt Labs", 7, ("p0s6", "p0s7"), "Bolt Labs"),
        _stint("Civic Data Ltd", 9, ("p0s10", "p0s11"), "Civic Data Ltd")]


# --- explained risk: title and work mismatch -------------------------------------------------
MLOPS_WORK = ("Ran model deployment on Kubernetes with CI/CD in Python",
              "Built the ML platform and its model monitoring")


def _mismatch(text: str) -> list[Finding]:
    return [f for f in explained_risk.detect(context(text)) if "differs" in f.message]


def test_mismatch_explained_by_a_summary_that_uses_the_jobs_title() -> None:
    """A summary that names the job's title explains the title; it is quoted to 40 chars."""
    text = cv(role("Data Analyst — Acme Analytics", "Jan 2024 – Present", *MLOPS_WORK),
              summary="MLOps Engineer in all but title; I ship models to production and keep "
                      "them healthy")
    assert _mismatch(text) == [Finding(
        "explained_risk", POSITIVE, 0.2, ("p0s5",),
        "Your title 'Data Analyst' differs from the work it describes (model deployment, ML "
        "platform, Kubernetes, CI/CD, model monitoring, Python), which is this job's work "
        "(MLOps Engineer) — explained on the page ('MLOps Engineer in all but title; I…').")]


def test_mismatch_fix_quotes_a_long_title_to_thirty_characters() -> None:
    """The suggested headline and title line keep the title, shortened at a word."""
    text = cv(role("Senior Data Analyst, Payments and Risk — Acme Analytics",
                   "Jan 2024 – Present", MLOPS_WORK[0]))
    assert _mismatch(text) == [Finding(
        "explained_risk", NEGATIVE, 0.5, ("p0s3",),
        "Your title 'Senior Data Analyst, Payments and Risk' differs from the work it describes "
        "(model deployment, Kubernetes, CI/CD, Python), which is this job's work (MLOps "
        "Engineer), with no explanation on the page.",
        "Say it in one line a skimmer meets first: a headline such as 'MLOps Engineer — Senior "
        "Data Analyst,… by title; <what you own>', or 'Senior Data Analyst,… (MLOps Engineer "
        "work)' on the title line.")]


def test_mismatch_counts_only_the_current_roles_bullets() -> None:
    """One must-have in the current role is not 'the work', however many an older role has."""
    text = cv(role("Data Analyst — Acme Analytics", "Jan 2024 – Present",
                   "Ran model deployment for the fraud team"),
              role(NORTHWIND, "Jan 2017 – Dec 2023", *MLOPS_WORK))
    assert _mismatch(text) == []


# --- language alignment: the title ----------------------------------------------------------
def test_title_exactly_two_levels_below_the_job_reads_as_the_wrong_level() -> None:
    """LEVEL_GAP: a junior title, two levels under this senior job, is read level first."""
    ctx = context(cv(role("Junior MLOps Engineer — Acme Analytics", "Jan 2024 – Present",
                          "Owned model deployment for 40 models")))
    assert language_alignment._title_findings(ctx) == [Finding(
        "language_alignment", NEGATIVE, 0.8, ("p0s3",),
        "Your current title 'Junior MLOps Engineer' reads as junior level; this job is senior: "
        "a skimmer reads the level before the field.",
        "If your work is above your title, say so in its first bullet with scope and numbers "
        "(what you owned, for how many people or systems); do not change the title.")]


def test_title_missing_in_another_career_is_not_relabelled() -> None:
    """A current role with no title, in other work: the message says so, the fix keeps it."""
    ctx = context(cv(role("Acme Analytics", "Jan 2024 – Present", "Wrote SQL reports for finance")))
    assert language_alignment._title_findings(ctx) == [Finding(
        "language_alignment", NEGATIVE, 0.6, (),
        "Your current title ('no title') is not one this job uses (MLOps Engineer, Platform "
        "Engineer): a skimmer may not connect the two.",
        "Keep your title. If you have done MLOps Engineer work, put the role or project where "
        "you did it first, with the job's own words for what you did.")]


def test_title_that_undersells_the_work_gets_the_jobs_main_title_twice() -> None:
    """Mirror wording: both the title suffix and the suggested headline use the main title."""
    ctx = context(cv(role("Data Analyst — Acme Analytics", "Jan 2024 – Present", *MLOPS_WORK)))
    assert language_alignment._title_findings(ctx) == [Finding(
        "language_alignment", NEGATIVE, 0.6, ("p0s3",),
        "Your current title ('Data Analyst') is not one this job uses (MLOps Engineer, Platform "
        "Engineer): a skimmer may not connect the two.",
        "Where it is true, mirror their wording: 'Data Analyst' → 'Data Analyst (MLOps Engineer "
        "work)', or a headline under your name such as 'MLOps Engineer — <what you own>'.")]


def test_title_credited_from_a_headline_quoted_to_sixty_characters() -> None:
    """A headline with the job's title makes up for a title that lacks it."""
    ctx = context("# Alex Morgan\nMLOps Engineer who gets models to production and keeps "
                  "them running\nalex.morgan@example.com | Berlin, Germany\n\n## Experience"
                  "\n" + role("Data Analyst — Acme Analytics", "Jan 2024 – Present",
                              "Wrote SQL reports"))
    assert language_alignment._title_findings(ctx) == [Finding(
        "language_alignment", POSITIVE, 0.5, ("p0s1",),
        "Your headline 'MLOps Engineer who gets models to production and keeps…' uses this "
        "job's title.")]


def test_title_findings_need_a_role() -> None:
    """No role: nothing to say about the title."""
    ctx = context(HEAD + "\n## Skills\n\n- Python\n")
    assert language_alignment._title_findings(ctx) == []


# --- safe pair of hands ----------------------------------------------------------------------
SAFE_NEGATIVE = ("Nothing in your last two roles shows you running something live: deployments, "
                 "releases, monitoring, on-call, incidents or rollbacks.")
SAFE_FIX = ("If you have done it, say so in your current role: '{sample}' → '<Deployed/Ran/"
            "Migrated> <what> in production for <whom>; <monitoring, rollback or uptime you "
            "owned>'.")


def test_safe_pair_looks_at_the_current_role_and_the_one_before_in_time() -> None:
    """Listed oldest first, the 'last two roles' are still the current one and its
    neighbour; on-call in the oldest role does not count."""
    ctx = context(cv(role("Site Reliability Engineer — Contoso", "Jan 2014 – Dec 2016",
                          "Ran on-call for the payments service and wrote its runbooks"),
                     role("Data Analyst — Northwind Logistics", "Jan 2017 – Dec 2019",
                          "Wrote SQL reports for the finance group"),
                     role("Senior Data Scientist — Acme Analytics", "Jan 2020 – Present",
                          "Prototyped churn models in notebooks")))
    assert safe_pair_of_hands.detect(ctx) == [Finding(
        "safe_pair_of_hands", NEGATIVE, 0.7, ("p0s9", "p0s11"), SAFE_NEGATIVE,
        SAFE_FIX.format(sample="Prototyped churn models in notebooks"), absence=True)]


def test_safe_pair_skips_a_bootcamp_but_still_reads_the_role_after_it() -> None:
    """A course is nobody's live system; the real job below it still counts."""
    ctx = context(cv(role("Student — MLOps Bootcamp", "Jan 2026 – Present",
                          "Deployed a model to production with a canary release"),
                     role(NORTHWIND, "Jan 2019 – Dec 2025",
                          "Migrated 40 batch jobs to Kubernetes with no downtime")))
    assert safe_pair_of_hands.detect(ctx) == [Finding(
        "safe_pair_of_hands", POSITIVE, 0.5, ("p0s8",),
        "Shows running things in production: 'Migrated 40 batch jobs to Kubernetes with no "
        "downtime'.")]


def test_safe_pair_fix_without_a_current_bullet_uses_a_placeholder() -> None:
    """A current role with no bullets: the fix asks for the strongest bullet by name."""
    ctx = context(cv(role("Senior Data Scientist — Acme Analytics", "Jan 2020 – Present"),
                     role("Data Analyst — Northwind Logistics", "Jan 2017 – Dec 2019",
                          "Wrote SQL reports for the finance group")))
    assert safe_pair_of_hands.detect(ctx) == [Finding(
        "safe_pair_of_hands", NEGATIVE, 0.7, ("p0s3", "p0s5", "p0s7"), SAFE_NEGATIVE,
        SAFE_FIX.format(sample="<your strongest bullet>"), absence=True)]


def _safe_negative(sample: str, evidence: tuple[str, ...] = ("p0s3", "p0s5")) -> Finding:
    return Finding("safe_pair_of_hands", NEGATIVE, 0.7, evidence, SAFE_NEGATIVE,
                   SAFE_FIX.format(sample=sample), absence=True)


def test_safe_pair_a_list_of_three_commas_names_tools_not_deeds() -> None:
    """MIN_LIST_COMMAS: a verbless run of four names is a list, even with production words;
    with one 'and' in place of a comma it reads as a clause and counts."""
    listed = "Kubernetes, Prometheus alerting, Argo CD rollbacks, on-call paging"
    ctx = context(cv(role(ACME, "Jan 2022 – Present", listed)))
    assert safe_pair_of_hands.detect(ctx) == [
        _safe_negative("Kubernetes, Prometheus alerting, Argo CD rollbacks,…")]
    clause = "Kubernetes, Prometheus alerting and Argo CD rollbacks, on-call paging"
    ctx = context(cv(role(ACME, "Jan 2022 – Present", clause)))
    assert safe_pair_of_hands.detect(ctx) == [Finding(
        "safe_pair_of_hands", POSITIVE, 0.8, ("p0s5",),
        "Shows running things in production: 'Kubernetes, Prometheus alerting and Argo CD "
        "rollbacks,…'.")]


DEPLOYED = "Deployed a model to production with a canary release"


def test_safe_pair_a_course_is_nobodys_live_system_by_title_or_by_employer() -> None:
    """'Student' in the title or 'Bootcamp' in the employer marks a course: its deployments
    are exercises, so the negative stands."""
    for header in ("Student — TU Berlin", "Data Engineer — Le Wagon Bootcamp"):
        ctx = context(cv(role(header, "Jan 2026 – Present", DEPLOYED)))
        assert safe_pair_of_hands.detect(ctx) == [_safe_negative(DEPLOYED)], header


# --- generic virtues: sentences and evidence -------------------------------------------------
def test_sentence_is_cut_at_its_own_end() -> None:
    """A virtue's sentence runs from the last sentence end before it to the next one after."""
    text = "Passionate engineer. Cut release time by 40%."
    assert generic_virtues._sentence(text, 0) == "Passionate engineer. "
    assert generic_virtues._sentence(text, text.index("Cut")) == "Cut release time by 40%."
    assert generic_virtues._sentence("Owned the registry. Detail-oriented reviewer", 20) == (
        "Detail-oriented reviewer")


def test_virtue_is_not_proved_by_a_result_in_the_next_sentence() -> None:
    """'Passionate engineer.' then a measured result: the result is its own sentence, so the
    virtue stands unproved."""
    ctx = context(cv(role(ACME, "Jan 2022 – Present", "Built the model registry"),
                     summary="Passionate engineer. Cut model release time by 40% with automated "
                             "checks."))
    assert generic_virtues.detect(ctx) == [Finding(
        "generic_virtues", NEGATIVE, 0.36, ("p0s3",),
        "'Passionate' — every resume says this; without proof a recruiter reads past it.",
        "Replace 'Passionate' with the thing you did that shows it: 'Passionate engineer. Cut "
        "model release time by 40% with…' → e.g. 'added <a check or process> that caught "
        "<problem> before <consequence>' or '<worked with whom> to ship <what>, <by how "
        "much>'.")]


def test_virtue_evidence_is_the_wrapped_line_that_says_it() -> None:
    """A bullet wrapped over two lines: the evidence is the line holding the virtue."""
    bullet = ("Rebuilt the nightly batch scoring jobs for the finance, logistics and pricing "
              "teams across Europe; known as a proactive team player")
    ctx = context(cv(role(ACME, "Jan 2022 – Present", bullet)))
    assert [ln.spans[0].id for ln in ctx.resume.document.lines[5:]] == ["p0s5", "p0s6"]
    assert generic_virtues.detect(ctx) == [Finding(
        "generic_virtues", NEGATIVE, 0.48, ("p0s6",),
        "'proactive', 'team player' — every resume says this; without proof a recruiter reads "
        "past it.",
        "Replace 'proactive' with the thing you did that shows it: 'Rebuilt the nightly batch "
        "scoring jobs for the finance,…' → e.g. 'added <a check or process> that caught "
        "<problem> before <consequence>' or '<worked with whom> to ship <what>, <by how "
        "much>'.")]


def test_virtue_weighs_most_in_the_current_role() -> None:
    """Listed oldest first: a virtue in the current (last) role weighs 0.8, one two roles back
    0.3."""
    ctx = context(cv(role("Data Analyst — Contoso", "Jan 2014 – Dec 2016",
                          "Known as a proactive analyst"),
                     role(NORTHWIND, "Jan 2017 – Dec 2019",
                          "Wrote SQL reports for the finance group"),
                     role(ACME, "Jan 2020 – Present",
                          "Built the model registry as a detail-oriented engineer")))
    found = generic_virtues.detect(ctx)
    assert [(f.message.split(" — ")[0], f.evidence) for f in found] == [
        ("'proactive'", ("p0s5",)), ("'detail-oriented'", ("p0s11",))]
    assert [f.strength for f in found] == [pytest.approx(0.45 * 0.3), pytest.approx(0.45 * 0.8)]


# --- results: a duty as the means -----------------------------------------------------------
def _duty_fix(bullet: str, means: str) -> str:
    return (f"'{bullet}' → '<Cut or raised> <which measure> from <X> to <Y> for <whom> by "
            f"{means}' — say what changed because of you, by how much, and for whom (time, "
            "failures, cost, incidents and people served all count).")


def test_duty_fix_turns_each_duty_into_the_means() -> None:
    """'Duties: maintain X' → 'by maintaining X'; a name ending in X keeps it; a lead-in with
    nothing after it becomes 'this work'."""
    bullets = ("Key responsibilities:", "Duties: maintain the inference cluster",
               "Maintained the Airflow DAGs for SpaceX")
    ctx = context(cv(role(ACME, "Jan 2022 – Present", *bullets)))
    duties = [f for f in results.detect(ctx) if "describes a duty" in f.message]
    assert duties == [
        Finding("results", NEGATIVE, 0.8, ("p0s5",),
                "'Key responsibilities…' describes a duty, not what changed because of you.",
                _duty_fix(bullets[0], "this work")),
        Finding("results", NEGATIVE, 0.8, ("p0s6",),
                "'Duties…' describes a duty, not what changed because of you.",
                _duty_fix(bullets[1], "maintaining the inference cluster")),
        Finding("results", NEGATIVE, 0.8, ("p0s7",),
                "'Maintained…' describes a duty, not what changed because of you.",
                _duty_fix(bullets[2], "maintaining the Airflow DAGs for SpaceX")),
    ]


# --- the registry ----------------------------------------------------------------------------
def test_registry_describes_each_signal_from_its_module() -> None:
    """Each Signal carries its module's name, title, docstring, detector and examples."""
    for signal in registry():
        module = __import__(f"triage.signals.{signal.name}", fromlist=["NAME"])
        assert signal.name == module.NAME
        assert signal.title == module.TITLE
        assert signal.doc == module.__doc__.strip()
        assert signal.detect is module.detect
        assert signal.examples_pass == tuple(module.examples_pass)
        assert signal.examples_fail == tuple(module.examples_fail)


def test_a_signal_module_without_a_docstring_has_an_empty_doc() -> None:
    """_from_module copes with a module that has no docstring, and keeps examples as tuples."""
    module = types.ModuleType("bare_signal")
    module.NAME, module.TITLE = "bare", "Bare"
    module.detect = lambda ctx: []
    module.examples_pass, module.examples_fail = ["a"], ["b", "c"]
    signal = _from_module(module)
    assert (signal.name, signal.title, signal.doc) == ("bare", "Bare", "")
    assert signal.detect is module.detect
    assert (signal.examples_pass, signal.examples_fail) == (("a",), ("b", "c"))



# --- title levels and inflated titles (pure functions: no parsing involved) --------------------
def _head_role(start: str | None, end: str | None, title: str = "Head of AI") -> Role:
    return Role(title, "Acme Analytics", None, start, end, [], "Experience")


def test_required_level_reads_the_requisitions_seniority_and_defaults_to_mid() -> None:
    assert [required_level(s) for s in ("junior", "mid", "senior", "lead")] == [1, 2, 3, 4]
    assert required_level("") == required_level("principal-ish") == 2


def test_title_level_takes_the_highest_level_its_words_name() -> None:
    assert title_level("Data Engineer") == 2
    assert title_level("Senior Data Engineer") == 3
    assert title_level("Junior Data Engineer") == 1
    assert title_level("Working Student, HPC Operations") == 0
    assert title_level("Senior Team Lead") == 4
    assert title_level("HEAD OF DATA") == 5


@pytest.mark.parametrize(("start", "end", "why"), [
    ("2024-01", "2024-12", "held 12 months"),  # a whole year, counted inclusively
    ("2024-01", "2025-01", ""),  # thirteen months is not short-lived
    ("2024", "2024", "held 12 months"),  # a bare year is January to December
    ("2025-12", "present", ""),  # a new head of eleven months is just new
    (None, "2024-06", ""),  # no start: the length is unknown
    ("2024-01", None, ""),  # no end: the length is unknown
])
def test_a_head_title_reads_as_inflated_when_held_a_year_or_less(start, end, why) -> None:
    assert inflated(_head_role(start, end), "Built the data team", AS_OF) == why


def test_a_head_title_reads_as_inflated_at_a_tiny_employer_whatever_the_case() -> None:
    role = _head_role("2020-01", "2024-12")
    assert inflated(role, "A TWO-PERSON start-up", AS_OF) == "at a very small employer"
    assert inflated(_head_role("2024-03", "2024-08"), "stealth start-up", AS_OF) == (
        "held 6 months at a very small employer")
    assert inflated(role, "A company of 400 people", AS_OF) == ""


def test_only_head_and_executive_titles_can_read_as_inflated() -> None:
    senior = _head_role("2024-03", "2024-08", title="Senior Data Engineer")
    assert inflated(senior, "stealth start-up", AS_OF) == ""
    assert inflated(_head_role("2024-03", "2024-08", title=""), "stealth", AS_OF) == ""
