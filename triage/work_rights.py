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
from dataclasses import dataclass
from functools import cache

from triage.claims import negated, qualifier
from triage.vocabulary import DATA, data_toml

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


@cache
def countries() -> dict[str, Country]:
    return {code: Country(code, tuple(t.get("names", ())), tuple(t.get("nationalities", ())),
                          tuple(t.get("groups", ())))
            for code, t in data_toml("knockouts/countries.toml").items()}


def _phrases() -> dict:
    return data_toml("knockouts/work_rights.toml")


@cache
def place_names() -> dict[str, str]:
    """City, state or region name or code, casefolded -> country code (cities.tsv)."""
    out: dict[str, str] = {}
    for line in (DATA / "knockouts" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, code = line.split("\t")
            out[name] = code
    return out


@cache
def _country_names() -> dict[str, str]:
    return {n.casefold(): c.code for c in countries().values() for n in c.names}


def country_of(location: str | None) -> str | None:
    """The country a printed location is in, or None if unknown: a country's name wins
    ('Lisbon, Portugal'), then a city ('Berlin, DE' is Berlin), then a region or state code
    ('Toronto, ON', 'Indianapolis, IN')."""
    if not location:
        return None
    parts = [p.strip(" .()").casefold() for p in re.split(r"[,/|()]", location)
             if p.strip(" .()")]
    named = next((_country_names()[p] for p in reversed(parts) if p in _country_names()), None)
    city = next((place_names()[p] for p in parts if len(p) > 2 and p in place_names()), None)
    code = next((place_names()[p] for p in reversed(parts) if p in place_names()), None)
    return named or city or code


def country_named(name: str) -> str | None:
    """The code of the country `name` is a name of ('Deutschland' -> 'DE'), else None."""
    key = name.strip().casefold()
    return _country_names().get(key) or (key.upper() if key.upper() in countries() else None)


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


# Country and region mentions become tokens before the phrases are matched, so each phrase is a
# short pattern compiled once, not an alternation of two thousand names (which took a second).
OPEN, CLOSE = "\ue000", "\ue001"
TOKEN = re.compile(OPEN + r"([PN]):(\w+)" + CLOSE)
FILL = {"place": OPEN + r"P:\w+" + CLOSE, "nationality": OPEN + r"[PN]:\w+" + CLOSE}


@cache
def _mentions() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, str]]]:
    """(region-name pattern, country-word pattern, casefolded word -> (kind, code)); kind P is a
    place, N a nationality."""
    lookup: dict[str, tuple[str, str]] = {}
    for country in countries().values():
        lookup.update({n.casefold(): ("P", country.code) for n in country.names})
        lookup.update({n.casefold(): ("N", country.code) for n in country.nationalities})
    words = "|".join(re.escape(w) for w in sorted(lookup, key=len, reverse=True))
    regions = "|".join(f"(?P<{key}>{'|'.join(names)})"
                       for key, names in _phrases()["region_names"].items())
    return (re.compile(rf"(?<!\w)(?:{regions})(?!\w)", re.IGNORECASE),
            re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE), lookup)


def regions_and_countries(text: str) -> list[str]:
    """The regions ("EU") and countries (as codes) `text` names, in the order it names them;
    nationality words do not count."""
    regions, words, lookup = _mentions()
    found = [(m.start(), m.lastgroup or "") for m in regions.finditer(text)]
    found += [(m.start(), lookup[m.group(0).casefold()][1]) for m in words.finditer(text)
              if lookup[m.group(0).casefold()][0] == "P"]
    out: list[str] = []
    for _, name in sorted(found):
        if name and name not in out:
            out.append(name)
    return out


def _tokenised(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with each region and country mention as a token, and (position in the
    tokenised text, characters it is ahead of the original there) after each token."""
    regions, words, lookup = _mentions()

    def region(match: re.Match[str]) -> str:
        return f"{OPEN}P:{match.lastgroup}{CLOSE}"

    def word(match: re.Match[str]) -> str:
        kind, code = lookup[match.group(0).casefold()]
        return f"{OPEN}{kind}:{code}{CLOSE}"

    shifts: list[tuple[int, int]] = []
    for pattern, replace in ((regions, region), (words, word)):
        out, last, delta = [], 0, 0
        for match in pattern.finditer(text):
            token = replace(match)
            out += [text[last:match.start()], token]
            last = match.end()
            delta += len(token) - (match.end() - match.start())
            shifts.append((sum(map(len, out)), delta))
        text = "".join(out) + text[last:]
    return text, shifts


def _original(position: int, shifts: list[tuple[int, int]]) -> int:
    """A position in the tokenised text, mapped back to the original (approximately, after two
    passes: good enough to quote the words around a statement)."""
    delta = max((d for at, d in shifts if at <= position), default=0)
    return max(0, position - delta)


@cache
def _trigger_re() -> re.Pattern[str]:
    words = _phrases()["lines"]["triggers"]
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def _triggered(text: str) -> bool:
    """Whether a line could say anything about work rights (see `triggers`)."""
    return _trigger_re().search(text) is not None


@cache
def _compiled(key: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r"(?<!\w)" + phrase.format(**FILL) + r"(?!\w)", re.IGNORECASE)
                 for phrase in _phrases()["phrases"][key])


def statements(places: tuple[str, ...],
               texts: list[tuple[tuple[str, ...], str]]) -> list[Statement]:
    """Every statement about the right to work, in page order, each read with its negation and
    its 'pending'. `texts` are (span ids, line text) pairs. A statement naming only countries
    outside `places` is a right to work elsewhere; one naming no place ("EU Blue Card", "no
    sponsorship needed") is about the job's place."""
    accepted = accepted_countries(places) | {p.upper() for p in places
                                             if p.upper() in _phrases()["regions"]}
    out = []
    for span_ids, original in texts:
        if not _triggered(original):
            continue
        text, shifts = _tokenised(original)
        line: list[tuple[Statement, bool, int, int]] = []  # statement, names a place, span
        for key in ("yes", "no"):
            for pattern in _compiled(key):
                for match in pattern.finditer(text):
                    codes = {code for _, code in TOKEN.findall(match.group(0))}
                    at = _original(match.start(), shifts)
                    if codes and not codes & accepted:
                        if key == "yes" and not negated(text, match.start()):
                            line.append((Statement(ELSEWHERE, span_ids, original, at), True,
                                         match.start(), match.end()))
                        continue
                    flipped = negated(text, match.start())
                    if key == "no":
                        says = YES if flipped else NO
                    else:
                        says = NO if flipped else (
                            PENDING if qualifier(text, match.start(), match.end()) else YES)
                    line.append((Statement(says, span_ids, original, at), bool(codes),
                                 match.start(), match.end()))
        # A phrase inside a longer one is read as part of it: "sponsorship required" inside
        # "no sponsorship required".
        line = [item for item in line if not any(
            o[2] <= item[2] and item[3] <= o[3] and o[3] - o[2] > item[3] - item[2]
            for o in line)]
        # "UK citizen - no sponsorship required": a placeless yes beside a right to work
        # elsewhere is about that place, not the job's.
        elsewhere = any(s.says == ELSEWHERE for s, *_ in line)
        out.extend(Statement(ELSEWHERE, s.span_ids, s.text, s.at)
                   if elsewhere and s.says == YES and not placed else s
                   for s, placed, *_ in line)
    return out


def verdict_of(found: list[Statement]) -> Statement | None:
    """The statement that settles the question: a plain yes, else a no, else pending, else a
    right to work elsewhere."""
    for says in (YES, NO, PENDING, ELSEWHERE):
        for statement in found:
            if statement.says == says:
                return statement
    return None
