"""Word lists that live in data files a user can extend (triage/data/), loaded once."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


def data_lines(name: str) -> tuple[str, ...]:
    """The non-comment, non-blank lines of a data file under triage/data/, in file order."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@cache
def data_toml(name: str) -> dict:
    """A TOML data file under triage/data/ (e.g. 'knockouts/claims.toml'), read once."""
    return tomllib.loads((DATA / name).read_text(encoding="utf-8"))


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in data_lines(name))


@cache
def title_words() -> frozenset[str]:
    return _words("title_words.txt")


@cache
def org_words() -> frozenset[str]:
    return _words("org_words.txt")


@cache
def legal_forms() -> frozenset[str]:
    """Legal forms that end a company's name, dots removed ("S.A." -> "sa")."""
    return frozenset(w.replace(".", "") for w in _words("legal_forms.txt"))


@cache
def institution_words() -> frozenset[str]:
    return _words("institution_words.txt")


MIN_REGULAR_PAST = 3  # "led" and "fed" are irregular forms; "used" is the shortest -ed word


@cache
def past_forms() -> frozenset[str]:
    """Irregular past forms ("built", "wrote", "led") from the verb list the signals read."""
    return frozenset(form.lower() for line in data_lines("signals/verb_forms.txt")
                     for form in line.split()[1:])


def opens_with_past_verb(text: str) -> bool:
    """"Moved model serving…", "Built the registry": a line that reports work done, as bullets
    do and titles do not (English; a regular past form ends in -ed)."""
    first = next(iter(text.split()), "").strip(".,:;()").lower()
    return (len(first) > MIN_REGULAR_PAST and first.endswith("ed")) or first in past_forms()


# "Education and Training" is also printed "Education & Training": a name is known with its
# conjunction written out and with it as a sign (letters_only drops the "&").
CONJUNCTIONS = re.compile(r"\s(?:and|und|et|y|e|en)\s", re.I)


@cache
def section_names() -> dict[str, str]:
    """Normalised heading text -> section kind."""
    table = data_toml("sections.toml")
    return {letters_only(variant): kind for kind, names in table.items() for name in names
            for variant in (name, CONJUNCTIONS.sub(" ", name))}


@cache
def places() -> tuple[frozenset[str], frozenset[str]]:
    """(place names casefolded, region codes) from places.txt."""
    entries = data_lines("places.txt")
    return (frozenset(e.casefold() for e in entries if not e.startswith("=")),
            frozenset(e[1:] for e in entries if e.startswith("=")))


def place_share(text: str) -> float:
    """Share of the comma- or slash-separated parts of `text` that name a place ("Lyon",
    "Toronto, ON", "Remote"); region codes count only in capitals."""
    names, codes = places()
    parts = [p for p in re.split(r"\s*[,/]\s*", text.strip(" .()")) if p]
    if not parts:
        return 0.0
    return sum(p.casefold() in names or p in codes for p in parts) / len(parts)


def letters_only(text: str) -> str:
    """Lower-case letters of `text` with spacing removed: 'E X P E R I E N C E:' -> 'experience'."""
    return re.sub(r"[^\w]|[\d_]", "", text.lower())


def tokens(text: str) -> list[str]:
    return re.findall(r"[\w][\w.&'’-]*", text.lower())


def hit_tokens(text: str) -> list[str]:
    """The tokens of `text` as the word lists hold them (edge punctuation stripped)."""
    return [w.strip(".-'’") for w in tokens(text)]


def count_in(words: list[str], vocabulary: frozenset[str]) -> int:
    """How many of `words` (or neighbouring pairs) are in `vocabulary`."""
    singles = sum(1 for w in words if w in vocabulary or f"{w}." in vocabulary)
    pairs = sum(1 for a, b in zip(words, words[1:], strict=False) if f"{a} {b}" in vocabulary)
    return singles + pairs


def count_hits(text: str, vocabulary: frozenset[str]) -> int:
    """How many tokens (or token pairs) of `text` are in `vocabulary`."""
    return count_in(hit_tokens(text), vocabulary)
