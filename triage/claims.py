"""What a resume claims, as qualified as the words around it: negated, pending, expired, basic.

A keyword alone is not an answer. "Not open to relocation" names relocation, "NMBI registration
pending" names the register, "French (A2)" names French; a recruiter reads each the other way.
The word lists live in data/knockouts/claims.toml, so a user can extend them.
"""

from __future__ import annotations

import re
from functools import cache

from triage.vocabulary import data_toml

NEGATION_WORDS_BEFORE = 4  # a negator this many words before a claim, in its clause, turns it
CLAUSE_END = re.compile(r"[.;!?•|·\n]|\s[-–—]\s")
LIST_SEPARATOR = re.compile(r"[,;/|•·\n]")


def _lists() -> dict[str, list[str]]:
    return data_toml("knockouts/claims.toml")


@cache
def _words_re(name: str) -> re.Pattern[str]:
    words = sorted(_lists()[name], key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])",
                      re.IGNORECASE)


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between sentence marks, bullets or spaced dashes) holding text[start:end]."""
    first = max((m.end() for m in CLAUSE_END.finditer(text, 0, start)), default=0)
    after = CLAUSE_END.search(text, end)
    return first, after.start() if after else len(text)


def negated(text: str, start: int) -> bool:
    """Whether a negator stands just before position `start`, in the same clause."""
    first, _ = clause_around(text, start, start)
    before = text[first:start].split()[-NEGATION_WORDS_BEFORE:]
    return bool(_words_re("negators").search(" ".join(before)))


def qualifier(text: str, start: int, end: int) -> str:
    """'pending' or 'expired' when the clause around a claim says so, else ''."""
    first, last = clause_around(text, start, end)
    clause = text[first:last]
    for name in ("pending", "expired"):
        if _words_re(name).search(clause):
            return name
    return ""


def basic_level(text: str, start: int, end: int) -> str:
    """The below-professional level stated for a language named at text[start:end], or ''.

    The level sits in the same list item as the name: "French (A2)", "French – basic",
    "Notions de français"; in "English (C2), French (A2)" only A2 belongs to French.
    """
    before = LIST_SEPARATOR.split(text[:start])[-1]
    after = LIST_SEPARATOR.split(text[end:], maxsplit=1)[0]
    found = _words_re("basic_levels").search(after) or _words_re("basic_levels").search(before)
    return found.group(0) if found else ""


def language_list(text: str) -> str | None:
    """The list after a languages heading opener ('Languages: English, Spanish'), or None."""
    match = _words_re("language_headings").match(text.strip())
    if match is None:
        return None
    rest = text.strip()[match.end():].lstrip(" :–-")
    return rest or None


def is_language_heading(text: str) -> bool:
    """Whether a line is a languages heading on its own ('Languages', 'SPRACHEN')."""
    return bool(re.fullmatch(_words_re("language_headings").pattern + r"\s*:?",
                             text.strip(), re.IGNORECASE))
