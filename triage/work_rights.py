"""Where a candidate may work and where they live, read the way a recruiter reads it.

"Polish national", "Nationalité : française", "EU Blue Card holder", "eligible to work in the
EU", "will require visa sponsorship" and "UK citizen" each answer "may this person work in the EU
without sponsorship?" in a different way. Countries, their names and nationalities in several
languages (data/knockouts/countries.toml), the phrases (data/knockouts/work_rights.toml) and the
cities of 100,000 people or more with their country (data/knockouts/cities.tsv) are data a user
can extend; nothing here names a country.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from triage.claims import negated, qualifier
from triage.vocabulary import DATA

YES, NO, PENDING, ELSEWHERE = "yes", "no", "pending", "elsewhere"


@dataclass(frozen=True)
class Country:
    code: str
    names: tuple[str, ...]
    nationalities: tuple[str, ...]
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Statement:
    """What one span of the resume says about the right to work in the required places."""

    says: str  # yes | no | pending | elsewhere (a right to work somewhere not accepted)
    span_ids: tuple[str, ...]
    text: str
    at: int  # where in `text` the statement starts


def _toml(name: str) -> dict:
    with (DATA / "knockouts" / name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def countries() -> dict[str, Country]:
    return {code: Country(code, tuple(t.get("names", ())), tuple(t.get("nationalities", ())),
                          tuple(t.get("groups", ())))
            for code, t in _toml("countries.toml").items()}


@cache
def _phrases() -> dict:
    return _toml("work_rights.toml")


@cache
def _places() -> dict[str, str]:
    """Any place name (casefolded) -> country code: country names first, then cities."""
    out: dict[str, str] = {}
    for line in (DATA / "knockouts" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, code = line.split("\t")
            out[name] = code
    for country in countries().values():
        out.update({n.casefold(): country.code for n in (*country.names, country.code)})
    return out


def country_of(location: str | None) -> str | None:
    """The country a printed location is in ('Toronto, ON' -> 'CA'), or None if unknown."""
    if not location:
        return None
    parts = [p.strip(" .()") for p in re.split(r"[,/|()]", location) if p.strip(" .()")]
    for part in reversed(parts):  # the country, when printed, comes last
        code = _places().get(part.casefold())
        if code:
            return code
    return None


def country_named(name: str) -> str | None:
    """The code of the country `name` is a name of ('Deutschland' -> 'DE'), else None."""
    key = name.strip().casefold()
    return next((c.code for c in countries().values()
                 if key in {n.casefold() for n in (*c.names, c.code)}), None)


def accepted_countries(places: tuple[str, ...]) -> frozenset[str]:
    """Countries whose citizens may work in `places` (region names, country names or codes)."""
    regions = _phrases()["regions"]
    out: set[str] = set()
    for place in places:
        groups = regions.get(place) or regions.get(place.upper())
        if groups:
            out.update(c.code for c in countries().values() if set(c.groups) & set(groups))
        elif (code := country_of(place)) is not None:
            out.add(code)
    return frozenset(out)


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + ")"


@cache
def _patterns(places: tuple[str, ...], accepted: bool) -> tuple[tuple[re.Pattern[str], ...],
                                                                 tuple[re.Pattern[str], ...]]:
    """(yes patterns, no patterns) about `places` (accepted) or every other country (not)."""
    chosen = accepted_countries(places)
    picked = [c for c in countries().values() if (c.code in chosen) == accepted]
    names = [re.escape(n) for c in picked for n in c.names]
    if accepted:
        region_names = _phrases()["region_names"]
        names += [n for p in places for n in region_names.get(p, region_names.get(p.upper(), []))]
    # "UK citizen", "EU national": a country or region name stands for its nationality too.
    nationalities = [re.escape(n) for c in picked for n in c.nationalities] + names
    fill = {"place": _alternation(names or ["(?!)"]),
            "nationality": _alternation(nationalities or ["(?!)"])}

    def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
        out = []
        for phrase in _phrases()["phrases"][key]:
            if not accepted and "{" not in phrase:
                continue  # "EU Blue Card", "no sponsorship needed": about the job's place
            out.append(re.compile(r"(?<!\w)" + phrase.format(**fill) + r"(?!\w)", re.IGNORECASE))
        return tuple(out)

    return compile_all("yes"), (compile_all("no") if accepted else ())


def _said(patterns: tuple[re.Pattern[str], ...], text: str) -> list[re.Match[str]]:
    return [m for p in patterns for m in p.finditer(text)]


def statements(places: tuple[str, ...],
               texts: list[tuple[tuple[str, ...], str]]) -> list[Statement]:
    """Every statement about the right to work, in page order, each read with its negation and
    its 'pending'. `texts` are (span ids, line text) pairs."""
    yes, no = _patterns(places, True)
    other_yes, _ = _patterns(places, False)
    out = []
    for span_ids, text in texts:
        for match in _said(yes, text):
            if negated(text, match.start()):
                says = NO
            elif qualifier(text, match.start(), match.end()):
                says = PENDING
            else:
                says = YES
            out.append(Statement(says, span_ids, text, match.start()))
        for match in _said(no, text):
            says = YES if negated(text, match.start()) else NO
            out.append(Statement(says, span_ids, text, match.start()))
        for match in _said(other_yes, text):
            if not negated(text, match.start()):
                out.append(Statement(ELSEWHERE, span_ids, text, match.start()))
    return out


def verdict_of(found: list[Statement]) -> Statement | None:
    """The statement that settles the question: a plain yes, else a no, else pending, else a
    right to work elsewhere."""
    for says in (YES, NO, PENDING, ELSEWHERE):
        for statement in found:
            if statement.says == says:
                return statement
    return None
