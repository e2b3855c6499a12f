"""Requisition terms found in resume text, surviving differences of wording.

One team's "ML platform" is another's "production ML infrastructure" or "ML infra". Both
sides are put in one canonical form (stems, then the synonym groups in data/signals/synonyms.txt,
applied until stable), so a term matches when all its canonical words appear close together in a
piece of the resume; rapidfuzz's partial_ratio catches the rest (typos, run-together words).
Requisition spellings are normalised once per requisition and resume pieces once per resume, so
matching a resume costs a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from triage.requisition import Requisition, Term
from triage.signals._text import Unit, entries, per_resume, stems, stopwords, units
from triage.structure import Resume

FUZZY_CUTOFF = 92  # partial_ratio / token_set_ratio needed without an exact word match
FUZZY_MIN_CHARS = 6  # shorter spellings ("k8s", "SRE") must match as words


@cache
def _synonyms() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in entries("synonyms.txt"):
        variants = [stems(v) for v in line.split(" = ")]
        canonical = variants[0]
        for variant in variants[1:]:
            if variant and variant != canonical:
                table.setdefault(variant, canonical)
    return table, max((len(k) for k in table), default=1)


@lru_cache(maxsize=4096)
def canon(text: str) -> tuple[str, ...]:
    """Stems with synonyms replaced by their canonical form and function words dropped."""
    table, longest = _synonyms()
    seq = stems(text)
    for _ in range(3):
        out: list[str] = []
        i = 0
        while i < len(seq):
            for n in range(min(longest, len(seq) - i), 0, -1):
                replacement = table.get(seq[i : i + n])
                if replacement is not None:
                    out.extend(replacement)
                    i += n
                    break
            else:
                out.append(seq[i])
                i += 1
        if tuple(out) == seq:
            break
        seq = tuple(out)
    return tuple(s for s in seq if s not in stopwords())


@dataclass(frozen=True)
class Spelling:
    term: Term
    group: str  # title | must | nice
    words: frozenset[str]
    flat: str
    main: bool  # the requisition's first title (or a term's own name), not an alias


@lru_cache(maxsize=32)
def spellings(req: Requisition) -> tuple[Spelling, ...]:
    """Every way the requisition writes each title and term, normalised once."""
    out = []
    for group, terms in (("title", req.titles), ("must", req.must_have),
                         ("nice", req.nice_to_have)):
        for t, term in enumerate(terms):
            for a, text in enumerate(term.spellings):
                words = canon(text)
                main = a == 0 and (group != "title" or t == 0)
                if words:
                    out.append(Spelling(term, group, frozenset(words), " ".join(words), main))
    return tuple(out)


@per_resume
def _canon_units(resume: Resume) -> tuple[tuple[Unit, tuple[str, ...], str], ...]:
    out = []
    for unit in units(resume):
        words = canon(unit.text)
        out.append((unit, words, " ".join(words)))
    return tuple(out)


def _says(words: frozenset[str], seq: tuple[str, ...]) -> bool:
    """All of a spelling's words in the text, close together ('DevOps' at the start of a summary
    and 'engineer' at its end do not make 'DevOps engineer')."""
    if not words <= frozenset(seq):
        return False
    if len(words) == 1:
        return True
    window = 2 * len(words) + 1
    return any(seq[i] in words and words <= frozenset(seq[i : i + window])
               for i in range(len(seq)))


@per_resume
def _memo(resume: Resume) -> dict[Requisition, dict[Term, list[Unit]]]:
    return {}


def _fuzzy(queries: list[str], choices: list[str]) -> np.ndarray:
    """Near matches of each query inside each longer choice (partial_ratio aligns the shorter
    string inside the longer one, so a choice shorter than the query must not count)."""
    if not queries or not choices:
        return np.zeros((len(queries), len(choices)), dtype=bool)
    partial = process.cdist(queries, choices, scorer=fuzz.partial_ratio,
                            score_cutoff=FUZZY_CUTOFF)
    longer = np.array([len(c) for c in choices])[None, :] >= np.array(
        [len(q) for q in queries])[:, None]
    return (partial > 0) & longer


def term_hits(resume: Resume, req: Requisition) -> dict[Term, list[Unit]]:
    """Requisition term -> the resume pieces that say it (any spelling), in page order."""
    memo = _memo(resume)
    if req in memo:
        return memo[req]
    pieces = _canon_units(resume)
    found: dict[Term, dict[Unit, None]] = {}
    spelled = spellings(req)
    long_ones = [s for s in spelled if len(s.flat) >= FUZZY_MIN_CHARS]
    fuzzy = _fuzzy([s.flat for s in long_ones], [flat for _, _, flat in pieces])
    fuzzy_rows = {id(s): row for s, row in zip(long_ones, fuzzy, strict=True)}
    for spelling in spelled:
        row = fuzzy_rows.get(id(spelling))
        for j, (unit, seq, _) in enumerate(pieces):
            if _says(spelling.words, seq) or (row is not None and row[j]):
                found.setdefault(spelling.term, {})[unit] = None
    order = {u: i for i, (u, _, _) in enumerate(pieces)}
    result = {t: sorted(us, key=order.__getitem__) for t, us in found.items()}
    memo[req] = result
    return result


def title_match(text: str, req: Requisition) -> Spelling | None:
    """The requisition title (or alias) a job title says, the main title first; None if none."""
    seq = canon(text)
    titles = sorted((s for s in spellings(req) if s.group == "title"), key=lambda s: not s.main)
    said = next((s for s in titles if _says(s.words, seq)), None)
    if said is not None:
        return said
    near = _fuzzy([s.flat for s in titles], [" ".join(seq)])
    return next((s for s, row in zip(titles, near, strict=True) if row.any()), None)


def title_matches(text: str, req: Requisition) -> bool:
    """Whether a job title says one of the requisition's titles (or an alias)."""
    return title_match(text, req) is not None
