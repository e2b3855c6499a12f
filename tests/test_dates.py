"""The date parser: the forms resumes really use, and properties over generated dates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage.dates import MONTHS, find_range, parse_date

ENGLISH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Jan 2020 – Present", "2020-01", "present"),
        ("2018 Sep - 2022 Mar", "2018-09", "2022-03"),
        ("2018-Sep - 2022-Mar", "2018-09", "2022-03"),
        ("2022-Apr - Present", "2022-04", "present"),
        ("Sep-2018 to Mar/2022", "2018-09", "2022-03"),
        ("2022 April – Present", "2022-04", "present"),
        ("Apr, 2022 - Present3 years 9 months", "2022-04", "present"),
        ("Sep, 2018 - Mar, 20223 years 6 months", "2018-09", "2022-03"),
        ("January 2020 - Current", "2020-01", "present"),
        ("01/2020 to 03/2021", "2020-01", "2021-03"),
        ("2020-01 — 2021-11", "2020-01", "2021-11"),
        ("2018 - 2020", "2018", "2020"),
        ("Spring 2021 – Now", "2021-03", "present"),
        ("’19 – ’21", "2019", "2021"),
        ("Mar. 2016 - Exp. Jun. 2017", "2016-03", "2017-06"),
        ("Sept 2018 – May 2023", "2018-09", "2023-05"),
        ("janv. 2019 – août 2021", "2019-01", "2021-08"),
        ("mars 2020 à aujourd’hui", "2020-03", "present"),
        ("MARS 2018–PRÉSENT", "2018-03", "present"),  # French, accented, in capitals
        ("sept. 2019 – à ce jour", "2019-09", "present"),
        ("ene. 2021 – hoy", "2021-01", "present"),
        ("mar. 2021 – atualmente", "2021-03", "present"),
        ("gen. 2020 – in corso", "2020-01", "present"),
        ("Okt. 2017 bis heute", "2017-10", "present"),
        ("Feb. 2023 – laufend", "2023-02", "present"),  # German words for "until now"
        ("2014–laufend", "2014", "present"),
        ("03.2019 – bis dato", "2019-03", "present"),
        ("octubre 2021 – la fecha", "2021-10", "present"),  # Spanish
        ("mar. 2022 – actualmente", "2022-03", "present"),
        ("01.02.2023 – Heute", "2023-02", "present"),  # a day's date, day first with dots
        ("01.10.2019 – 31.01.2023", "2019-10", "2023-01"),
        ("Nov. 2011 - PRESENT", "2011-11", "present"),
        ("Month 20XX – Ongoing", None, "present"),
        ("Sep. 2013, Mar. 2011 - Oct. 2011", "2011-03", "2011-10"),
        ("Since 2022", "2022", "present"),
        ("depuis mars 2020", "2020-03", "present"),
        ("2019/03-2021/11", "2019-03", "2021-11"),
        ("2019 / 03 – 2021 / 11", "2019-03", "2021-11"),
        ("2008–11", "2008", "2011"),
        ("Jan 2019 \u2010 Dec 2020", "2019-01", "2020-12"),
        ("Jan 2019 \u2011 Present", "2019-01", "present"),
        ("June - August 2017", "2017-06", "2017-08"),
        ("2016 | 2018", "2016", "2018"),
        ("2022-03-01 - Present", "2022-03", "present"),
        ("2019-11", "2019-11", None),
        ("03/18 – 05/19", "2018-03", "2019-05"),
        ("09/19\u2010présent", "2019-09", "present"),
    ],
)
def test_ranges(text: str, start: str | None, end: str | None) -> None:
    found = find_range(text)
    assert found is not None
    assert (found.start, found.end) == (start, end)


@pytest.mark.parametrize("text", ["2 years 10 months", "4.2x faster, 99.97% uptime",
                                  "(+82) 10-9030-1843", "present at the conference", "",
                                  "2019 – Presentation skills", "saw 10/12 patients",
                                  "01/03/18"])
def test_not_dates(text: str) -> None:
    found = find_range(text)
    assert found is None or found.end is None and found.start not in (None, "present")
    assert parse_date("2 years") is None


def test_single_dates() -> None:
    assert parse_date("May 2019") == "2019-05"
    assert parse_date("Graduated 2021") == "2021"
    assert find_range("Spring 2021").start == "2021-03"
    # A two-digit month and year is a date only in a range: alone it may be a count.
    assert parse_date("saw 10/12 patients") is None and find_range("10/12 patients") is None
    assert find_range("01/03/18 – 05/19") is None  # no month read out of a day's date


@given(
    st.integers(1950, 2049), st.integers(1, 12), st.integers(1950, 2049), st.integers(1, 12),
    st.sampled_from([" – ", " - ", " — ", " to ", "–"]),
    st.sampled_from(["name", "numeric", "iso"]),
)
def test_generated_ranges_round_trip(y1: int, m1: int, y2: int, m2: int, sep: str,
                                     form: str) -> None:
    def fmt(y: int, m: int) -> str:
        return {"name": f"{ENGLISH[m - 1]} {y}", "numeric": f"{m:02d}/{y}",
                "iso": f"{y}-{m:02d}"}[form]

    found = find_range(f"Engineer, Acme   {fmt(y1, m1)}{sep}{fmt(y2, m2)}")
    assert found is not None
    assert (found.start, found.end) == (f"{y1}-{m1:02d}", f"{y2}-{m2:02d}")


@given(st.text(max_size=200))
def test_never_crashes_and_values_are_well_formed(text: str) -> None:
    found = find_range(text)
    if found is not None:
        for value in (found.start, found.end):
            assert value is None or value == "present" or value[:2] in ("19", "20")
            assert value is None or value == "present" or len(value) in (4, 7)


def test_month_table_has_every_month() -> None:
    assert set(MONTHS.values()) == set(range(1, 13))
