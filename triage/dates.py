"""Dates as resumes really print them, in several languages, and the ranges they form.

Output values are "YYYY-MM", "YYYY", "present" or None. A range needs both ends to be dates, or a
start followed by a word for "now"; a lone date is a point in time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_MONTH_NAMES = {
    1: "jan january janv janvier januar jänner enero ene gennaio gen januari",
    2: "feb february febr fév févr fevr février fevrier februar febrero febbraio februari",
    3: "mar march mars märz maerz mär marzo maart",
    4: "apr april avr avril abr abril aprile",
    5: "may mai mayo maggio mei",
    6: "jun june juin juni junio giugno",
    7: "jul july juil juillet juli julio luglio",
    8: "aug august août aout ago agosto augustus",
    9: "sep sept september septembre sept setiembre septiembre settembre",
    10: "oct october octobre okt oktober octubre ottobre",
    11: "nov november novembre noviembre",
    12: "dec december déc dec décembre decembre dez dezember dic diciembre dicembre",
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12,
           "printemps": 3, "été": 6, "automne": 9, "hiver": 12}
PRESENT_WORDS = (
    r"pr[eé]sent|current(?:ly)?|now|today|ongoing|to\s+date|till\s+date|aujourd['’]hui|"
    r"(?:à\s+)?ce\s+jour|actuel(?:lement)?|en\s+cours|heute|jetzt|laufend|aktuell|derzeit|"
    r"(?:bis\s+)?dato|presente|actualidad|actualmente|(?:hasta\s+)?la\s+fecha|hoy|"
    r"atual(?:mente)?|in\s+corso|attuale|oggi|heden"
)

_MONTH = r"(?P<{g}m>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_SEASON = r"(?P<{g}s>" + "|".join(SEASONS) + r")"
_YEAR = r"(?P<{g}y>(?:19|20)\d\d)"
_SHORT_YEAR = r"[’'‘](?P<{g}yy>\d\d)"


_DURATION_UNITS = r"(?:years?|yrs?|months?|mos?|ans?|mois|jahre?|monate?|años?|meses?)"
_GLUED_DURATION = rf"(?=\d{{1,2}}\s*{_DURATION_UNITS}\b)"
# A time held and nothing else: "3 years 6 months", "1 yr", "(2 ans 3 mois)".
DURATION_RE = re.compile(
    rf"^\W*(?:\d{{1,2}}\s*{_DURATION_UNITS}\.?(?:\s*,?\s*(?:and|et|und|y)?\s*))+\W*$", re.I)


def _date_pattern(g: str, in_range: bool = False) -> str:
    forms = [
        # "Present3 years": a word for now may be glued to a duration by a converter that
        # dropped the space between two runs, so only a letter after it ends the match.
        rf"(?P<{g}present>{PRESENT_WORDS})(?![^\W\d_])",
        # "Sep 2018", "Sep, 2018", "Sep-2018", "Sep/2018", "Sep '18".
        rf"(?:{_MONTH.format(g=g)}(?:\s*,?\s*|[-/])(?:{_YEAR.format(g=g)}|{_SHORT_YEAR.format(g=g)}))",
        rf"(?:{_SEASON.format(g=g)}\s+{_YEAR.format(g=g + 'S')})",
        # Year first, then the month name: "2018 Sep", "2022-April" (East Asian and some
        # European conventions, and templates that stack the year above the month).
        rf"(?:(?P<{g}fy>(?:19|20)\d\d)(?:\s+|[-/])\s*{_MONTH.format(g=g + 'F')})",
        rf"(?:(?P<{g}isoy>(?:19|20)\d\d)(?:[-.]|\s?/\s?)(?P<{g}isom>0?[1-9]|1[0-2])"
        r"(?:-(?:0[1-9]|[12]\d|3[01]))?(?![\d]))",
        rf"(?:(?P<{g}nm>0?[1-9]|1[0-2])\s*[/.]\s*(?P<{g}ny>(?:19|20)\d\d))",
        # "01.02.2023": a day's date with dots is day first (German, French, and more); with
        # slashes it may be either way round, so it is not read.
        rf"(?:(?:0?[1-9]|[12]\d|3[01])\.\s?(?P<{g}dm>0?[1-9]|1[0-2])\.\s?"
        rf"(?P<{g}dy>(?:19|20)\d\d))",
        # "03/18", in a range only (alone it may be a count: "saw 10/12 patients"), and never
        # a part of a day's date ("01/03/18").
        *([rf"(?:(?P<{g}qm>0[1-9]|1[0-2])/(?P<{g}qy>\d\d)(?![/\d]))"] if in_range else []),
        rf"(?:{_YEAR.format(g=g + 'B')})",
        rf"(?:{_SHORT_YEAR.format(g=g + 'B')})",
    ]
    # A date does not start inside a word, a path or a number; an end date may follow its dash.
    before = r"(?<![\w/.])" if g == "b" else r"(?<![\w/.-])"
    # A date ends at a word boundary, or where a duration glued on by a converter begins
    # ("Mar, 20223 years 6 months" is Mar 2022 and "3 years").
    return (before + "(?:" + forms[0] + "|(?:" + "|".join(forms[1:]) + r")(?:(?![\w])|"
            + _GLUED_DURATION + "))")


_QUALIFIER = r"(?:(?:exp(?:ected)?|est|prévu|prevu|anticipated)\.?\s*)?"
RANGE_SEP = (r"\s*(?:[-–—−‒‐‑~|]+|\bto\b|\buntil\b|\btill\b|\bà\b|\bau\b|\bbis\b|\bhasta\b"
             r"|\bal\b)\s*")
DATE_RE = re.compile(_date_pattern("a"), re.IGNORECASE)
RANGE_RE = re.compile(
    _date_pattern("a", in_range=True) + RANGE_SEP + _QUALIFIER
    + _date_pattern("b", in_range=True), re.IGNORECASE
)
# "Since 2022", "depuis mars 2020", "seit 2019": a start and, implicitly, now.
SINCE_RE = re.compile(
    r"\b(?:since|seit|depuis|desde|sinds|dal|dall['’])\s*" + _date_pattern("a"), re.IGNORECASE
)
# "2008–11": a year and a two-digit end year, joined by an en or em dash (a hyphen is ISO Nov 2008).
SHORT_END_RE = re.compile(r"(?<![\w/.-])(?P<y>(?:19|20)\d\d)\s*[–—]\s*(?P<yy>\d\d)(?![\w/.-])")
# "June - August 2017": the start month takes the end's year.
MONTH_SPAN_RE = re.compile(
    _MONTH.format(g="s") + RANGE_SEP + _MONTH.format(g="e") + r"\s*,?\s*(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# "Month 20XX – Ongoing": a start we cannot read, but clearly a current role.
LOOSE_PRESENT_RE = re.compile(
    r"(?P<start>[\w.’']{2,}(?:\s+[\w.’']{2,})?)" + RANGE_SEP + rf"(?P<end>{PRESENT_WORDS})\b",
    re.IGNORECASE,
)


def _short_year(yy: str, pivot: int = 40) -> str:
    value = int(yy)
    return f"{2000 + value if value < pivot else 1900 + value}"


def _value(match: re.Match[str], g: str) -> str | None:
    d = match.groupdict()
    if d.get(f"{g}present"):
        return "present"
    month = d.get(f"{g}m")
    if month:
        number = MONTHS[month.lower().rstrip(".")]
        year = d.get(f"{g}y") or _short_year(d[f"{g}yy"])
        return f"{year}-{number:02d}"
    if d.get(f"{g}fy"):
        return f"{d[f'{g}fy']}-{MONTHS[d[f'{g}Fm'].lower().rstrip('.')]:02d}"
    if d.get(f"{g}s"):
        return f"{d[f'{g}Sy']}-{SEASONS[d[f'{g}s'].lower()]:02d}"
    if d.get(f"{g}isoy"):
        return f"{d[f'{g}isoy']}-{int(d[f'{g}isom']):02d}"
    if d.get(f"{g}ny"):
        return f"{d[f'{g}ny']}-{int(d[f'{g}nm']):02d}"
    if d.get(f"{g}dy"):
        return f"{d[f'{g}dy']}-{int(d[f'{g}dm']):02d}"
    if d.get(f"{g}qy"):
        return f"{_short_year(d[f'{g}qy'])}-{d[f'{g}qm']}"
    if d.get(f"{g}By"):
        return d[f"{g}By"]
    if d.get(f"{g}Byy"):
        return _short_year(d[f"{g}Byy"])
    return None


def parse_date(text: str) -> str | None:
    """The first date in `text` as "YYYY-MM", "YYYY" or "present"; None when there is none."""
    match = DATE_RE.search(text)
    return _value(match, "a") if match else None


@dataclass(frozen=True)
class DateRange:
    start: str | None
    end: str | None
    first: int  # character offsets of the whole match in the text
    last: int

    @property
    def ongoing(self) -> bool:
        return self.end == "present"


_PRESENT_RE = re.compile(PRESENT_WORDS, re.IGNORECASE)


@lru_cache(maxsize=8192)
def find_range(text: str) -> DateRange | None:
    """The first date range in `text`; failing that a lone date (start only); else None.

    "present" alone is not a date: the word is too common in prose. Every form but "Month 20XX –
    Ongoing" has a digit, so text without one is settled by one cheap search (this runs on every
    piece of every page).
    """
    if not any(c.isdigit() for c in text):
        loose = LOOSE_PRESENT_RE.search(text) if _PRESENT_RE.search(text) else None
        if loose and len(text.strip()) <= 60:
            return DateRange(parse_date(loose.group("start")), "present", loose.start(),
                             loose.end())
        return None
    match = RANGE_RE.search(text)
    if match:
        start, end = _value(match, "a"), _value(match, "b")
        if start != "present":
            return DateRange(start, end, match.start(), match.end())
    span = MONTH_SPAN_RE.search(text)
    if span:
        year = span.group("y")
        start, end = (MONTHS[span.group(k).lower().rstrip(".")] for k in ("sm", "em"))
        if start <= end:
            return DateRange(f"{year}-{start:02d}", f"{year}-{end:02d}", span.start(), span.end())
    short = SHORT_END_RE.search(text)
    if short:
        first = int(short.group("y"))
        last = first // 100 * 100 + int(short.group("yy"))
        if first < last <= first + 30:
            return DateRange(str(first), str(last), short.start(), short.end())
    since = SINCE_RE.search(text)
    if since and _value(since, "a") not in (None, "present"):
        return DateRange(_value(since, "a"), "present", since.start(), since.end())
    loose = LOOSE_PRESENT_RE.search(text)
    if loose and len(text.strip()) <= 60:
        return DateRange(parse_date(loose.group("start")), "present", loose.start(), loose.end())
    for single in DATE_RE.finditer(text):
        value = _value(single, "a")
        if value and value != "present":
            return DateRange(value, None, single.start(), single.end())
    return None


def month_count(value: str | None, as_of: str, end: bool = False) -> int | None:
    """A parsed date ('YYYY-MM', 'YYYY', 'present') as months since year 0; None if missing.

    `as_of` ('YYYY-MM') stands for "present". A bare year is read generously and the same way
    everywhere (knockouts and signals alike): January as a start, December as an end, so
    "2018 – 2020" then "2021 – 2023" is not taken for a gap, and "2018 – 2022" is 5 years.
    """
    if value is None:
        return None
    if value == "present":
        value = as_of
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", value)
    if match is None:
        return None
    months = int(match.group(2)) if match.group(2) else (12 if end else 1)
    return int(match.group(1)) * 12 + months
