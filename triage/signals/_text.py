"""Shared helpers for the signal detectors.

Word lists live in data files (triage/data/signals/*.txt) so any field can extend them; a light
stemmer lets "deployed", "deploying" and "deployment" meet one entry; `Lexicon` finds listed phrases
in any tense; `units` cuts a resume into the pieces a recruiter reads (bullets, titles, summary,
skills) with the span ids they sit on, which is the evidence every finding points at.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache, wraps
from typing import TypeVar

from lemminflect import getAllLemmas, getInflection

from triage.dates import month_count
from triage.requisition import Requisition
from triage.structure import Resume, Role
from triage.vocabulary import data_lines, data_toml

TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9+#]*(?:['’.][a-z0-9]+)*", re.IGNORECASE)
GLYPHS = re.compile(r"^[\W_]+")
NUMBER = r"\d+(?:[.,]\d+)*"
CURRENCY = "$€£¥₹"
MIN_STEM = 3

T = TypeVar("T")


# ---------------------------------------------------------------- data files


@cache
def entries(name: str) -> tuple[str, ...]:
    """The non-comment lines of a signal data file, in file order."""
    return data_lines(f"signals/{name}")


@cache
def regexes(name: str) -> tuple[re.Pattern[str], ...]:
    """A data file of regular expressions, compiled case-insensitively."""
    return tuple(re.compile(p, re.IGNORECASE) for p in entries(name))


@cache
def _irregular() -> dict[str, str]:
    forms: dict[str, str] = {}
    for line in entries("verb_forms.txt"):
        base, *others = line.lower().split()
        for form in others:
            forms.setdefault(form, base)
    return forms


@cache
def _whole_words() -> frozenset[str]:
    return frozenset(w.lower() for w in entries("whole_words.txt"))


# ---------------------------------------------------------------- words and stems


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """A crude, consistent stem: tense, plural and -ment endings off, irregular verbs to base.

    It only has to put a phrase and the text it is looked for in the same form, not to be good
    English: 'shipped', 'shipping' and 'ships' all give 'ship'.
    """
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in _whole_words():
        return word
    word = _irregular().get(word, word)
    if any(c.isdigit() for c in word) or len(word) <= MIN_STEM:
        return word
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ments", ""), ("ment", ""), ("ing", ""),
                         ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) + len(repl) >= MIN_STEM:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: len(word) - len(suffix)] + repl
            break
    if word.endswith("e") and len(word) > MIN_STEM:
        word = word[:-1]
    if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return _irregular().get(word, word)


def tokens(text: str) -> list[re.Match[str]]:
    """Word tokens with their positions ('CI/CD' is two tokens, 'k8s' and 'node.js' one)."""
    return list(TOKEN_RE.finditer(text))


def stems(text: str) -> tuple[str, ...]:
    """The stems of a text's words, the form every lexicon and term match compares."""
    return tuple(stem(m.group(0)) for m in tokens(text))


@cache
def stopwords() -> frozenset[str]:
    """Function words, ignored when counting content words and matching terms."""
    return frozenset(stem(w) for w in entries("stopwords.txt"))


def quote(text: str, limit: int = 80) -> str:
    """Text short enough to quote inside a fix."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# ---------------------------------------------------------------- phrase lexicons


@dataclass(frozen=True)
class Hit:
    start: int  # token index
    end: int
    phrase: str


class Lexicon:
    """Phrases from a data file, found in any tense or number, longest first."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases: dict[tuple[str, ...], str] = {}
        for phrase in phrases:
            key = stems(phrase)
            if key:
                self.phrases.setdefault(key, phrase)
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for key in sorted(self.phrases, key=len, reverse=True):
            self.by_first.setdefault(key[0], []).append(key)

    def at(self, seq: tuple[str, ...], i: int) -> Hit | None:
        """The longest phrase starting at token i."""
        for key in self.by_first.get(seq[i], ()):
            if seq[i : i + len(key)] == key:
                return Hit(i, i + len(key), self.phrases[key])
        return None

    def find(self, seq: tuple[str, ...]) -> list[Hit]:
        """Non-overlapping phrase occurrences, left to right."""
        hits: list[Hit] = []
        i = 0
        while i < len(seq):
            hit = self.at(seq, i)
            if hit:
                hits.append(hit)
                i = hit.end
            else:
                i += 1
        return hits


@cache
def lexicon(name: str) -> Lexicon:
    """The lexicon of a data file, built once."""
    return Lexicon(entries(name))


# ---------------------------------------------------------------- resume units


@dataclass(frozen=True)
class Unit:
    """A piece of the resume read as one: a bullet, a title, the summary, a skills line."""

    kind: str  # bullet | title | company | headline | summary | skills | education | other
    text: str
    ids: tuple[str, ...]
    role: int | None = None  # index into resume.roles
    opening_ids: tuple[str, ...] = ()  # the span holding the first words (not a bullet glyph)

    @cached_property
    def seq(self) -> tuple[str, ...]:
        return stems(self.text)


def per_resume(build: Callable[[Resume], T]) -> Callable[[Resume], T]:
    """Compute a pure function of a Resume once per Resume (see `Resume.derived`)."""

    @wraps(build)
    def cached(resume: Resume) -> T:
        return resume.derived(f"{build.__module__}.{build.__qualname__}", build)

    return cached


@per_resume
def span_texts(resume: Resume) -> dict[str, str]:
    """Visible span id -> text."""
    return {s.id: s.text for ln in resume.document.lines for s in ln.spans if not s.hidden}


@per_resume
def span_order(resume: Resume) -> dict[str, int]:
    """Span id -> position in reading order."""
    return {s.id: i for i, s in enumerate(s for ln in resume.document.lines for s in ln.spans)}


def _line_ids(resume: Resume) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in resume.document.lines:
        visible = [s for s in line.spans if not s.hidden and s.text.strip()]
        key = " ".join(" ".join(s.text for s in visible).split())
        out.setdefault(key, tuple(s.id for s in visible))
    return out


@per_resume
def units(resume: Resume) -> tuple[Unit, ...]:
    """Every visible piece of the resume once: each role's title, company and bullets, then the
    headline, the summary and every other visible span (skills, education, loose lines)."""
    out: list[Unit] = []
    covered: set[str] = set()
    by_line = _line_ids(resume)
    texts = span_texts(resume)
    for r, role in enumerate(resume.roles):
        if role.title:
            out.append(Unit("title", role.title, tuple(role.title_spans), r))
        if role.company and role.company_spans != role.title_spans:
            out.append(Unit("company", role.company, tuple(role.company_spans), r))
        for b, text in enumerate(role.bullets):
            ids = (tuple(role.bullet_spans[b]) if b < len(role.bullet_spans)
                   else by_line.get(" ".join(text.split()), ()))
            words = tuple(i for i in ids if re.search(r"\w", texts.get(i, "")))
            out.append(Unit("bullet", text, ids, r, (words or ids)[:1]))
        covered.update(role.title_spans + role.company_spans + role.date_spans)
        covered.update(i for group in role.bullet_spans for i in group)
    if resume.headline:
        out.append(Unit("headline", resume.headline.text, tuple(resume.headline.span_ids)))
    if resume.summary:
        out.append(Unit("summary", resume.summary.text, tuple(resume.summary.span_ids)))
    for unit in out:
        covered.update(unit.ids)
    skill_ids = set(resume.skill_spans)
    contact = set(resume.contact.name_spans + resume.contact.contact_spans)
    for span_id, text in texts.items():
        if span_id in covered or span_id in contact or not re.search(r"\w", text):
            continue
        kind = "skills" if span_id in skill_ids else resume.span_kinds.get(span_id, "other")
        out.append(Unit(kind if kind in ("skills", "education") else "other", text, (span_id,)))
    return tuple(out)


def bullets(resume: Resume) -> list[Unit]:
    """The bullets of every role, in page order."""
    return [u for u in units(resume) if u.kind == "bullet"]


def ids_with(resume: Resume, unit: Unit, hit_text: str) -> tuple[str, ...]:
    """The spans of a unit that hold a phrase (a wrapped bullet spans several lines)."""
    want = stems(hit_text)[:1]
    texts = span_texts(resume)
    found = tuple(i for i in unit.ids if want and want[0] in stems(texts.get(i, "")))
    return found or unit.ids[:1]


# ---------------------------------------------------------------- openings


@cache
def _fillers() -> frozenset[str]:
    return frozenset(stem(w) for w in entries("opening_fillers.txt"))


@dataclass(frozen=True)
class Opening:
    """The words a bullet starts with, after glyphs, pronouns, auxiliaries and adverbs."""

    phrase: str  # the lexicon entry matched
    head: str  # the text as written up to the end of the match ("I helped with")
    rest: str  # what follows: the object of the opening


def opening(text: str, lex: Lexicon, reach: int = 3) -> Opening | None:
    """Match `lex` at the start of a bullet, allowing a few filler words before it."""
    text = GLYPHS.sub("", text)
    found = tokens(text)
    seq = tuple(stem(m.group(0)) for m in found)
    fillers = _fillers()
    i = 0
    while i < min(len(seq), reach) and (seq[i] in fillers or found[i].group(0).endswith("ly")):
        i += 1
    if i >= len(seq):
        return None
    hit = lex.at(seq, i)
    if hit is None:
        return None
    cut = found[hit.end - 1].end()
    return Opening(hit.phrase, text[:cut], text[cut:].strip(" ,:;-–—"))


def is_ownership(text: str) -> bool:
    """Whether a bullet opens with a verb of ownership ('Owned', 'Led', 'Built', ...)."""
    return opening(text, lexicon("ownership_verbs.txt")) is not None


def weak_opening(text: str) -> Opening | None:
    """The junior-sounding opening of a bullet ('Helped with', 'I supported'), if any."""
    return opening(text, lexicon("weak_openings.txt"))


# ---------------------------------------------------------------- results


@cache
def _metric_re() -> re.Pattern[str]:
    units_ = "|".join(re.escape(u) for u in sorted(entries("measure_units.txt"), key=len,
                                                       reverse=True))
    words = "|".join(entries("number_words.txt"))
    return re.compile(
        rf"(?<![\w.]){NUMBER}\s*(?:{units_})(?![a-z])"  # 40%, 3x, 12k, 200 ms, 3 weeks
        rf"|[{re.escape(CURRENCY)}]\s*{NUMBER}"  # €120k
        rf"|\bfrom\s+\S*\d\S*\s+(?:\w+\s+)?to\s+\S*\d"  # from 40 to 12 minutes
        rf"|\bby\s+(?:a\s+)?(?:{words})\b"  # by half, by a third
        rf"|\b\d+-fold\b|\b(?:halv|doubl|tripl|quadrupl)\w*",
        re.IGNORECASE,
    )


QUANTITY_RE = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d(?!\d))\d")  # a count, not a year


@cache
def _number_words() -> frozenset[str]:
    return frozenset(stem(w) for w in entries("number_words.txt"))


def quantity(text: str) -> bool:
    """A number or number word that counts something ('4 teams', 'three services')."""
    return bool(QUANTITY_RE.search(text)) or any(s in _number_words() for s in stems(text))


def result_strength(text: str) -> float:
    """How clearly a bullet states a measured outcome.

    1 for a measurement (%, money, time, from X to Y), 0.7 for a named change to something
    measurable ("cut release time"), 0.5 for owned work with a count ("migrated 40 services").
    """
    if _metric_re().search(text):
        return 1.0
    seq = stems(text)
    changed = lexicon("outcome_verbs.txt").find(seq)
    if changed and (lexicon("measures.txt").find(seq) or quantity(text)):
        return 0.7
    if quantity(text) and is_ownership(text):
        return 0.5
    return 0.0


# ---------------------------------------------------------------- roles and dates


def current_role(resume: Resume, as_of: str) -> int | None:
    """The role a recruiter reads as the current one: ongoing, else the latest to end."""
    if not resume.roles:
        return None
    ongoing = [i for i, r in enumerate(resume.roles) if r.end == "present"]
    if ongoing:
        return ongoing[0]
    ends = [(month_count(r.end or r.start, as_of, end=True) or 0, -i)
            for i, r in enumerate(resume.roles)]
    return -max(ends)[1]


def role_label(role: Role) -> str:
    """'Title — Company', as a message names a role."""
    return " — ".join(p for p in (role.title, role.company) if p) or "this role"


def role_head_ids(role: Role) -> tuple[str, ...]:
    """The spans of a role's header: title, company and dates (the skim's data points)."""
    return tuple(dict.fromkeys(role.title_spans + role.company_spans + role.date_spans))


def role_ids(role: Role) -> tuple[str, ...]:
    """Every span of a role: its header and all its bullets."""
    return role_head_ids(role) + tuple(i for group in role.bullet_spans for i in group)


def strength_for_role(role_index: int | None, current: int | None) -> float:
    """The current role weighs most; older roles less (the last 5-7 years carry the weight)."""
    if role_index is None or role_index == current:
        return 0.8
    return 0.5 if abs(role_index - (current or 0)) <= 1 else 0.3


def verb_lemma(word: str) -> str | None:
    """The verb a word is a form of ('building' -> 'build'), None when it is never a verb."""
    lemmas = getAllLemmas(word.lower(), upos="VERB").get("VERB")
    return lemmas[0] if lemmas else None


def only_a_verb(word: str) -> bool:
    """A word that can only be a verb ('maintain', 'deploy'), not also a noun ('model')."""
    lemmas = getAllLemmas(word.lower())
    return "VERB" in lemmas and "NOUN" not in lemmas


def inflect(word: str, tag: str) -> str:
    """The word as a verb in form `tag` (lemminflect's Penn tags: VBD past, VBG gerund):
    'build' -> 'built', 'set' -> 'set', 'ship' -> 'shipped', 'manage' -> 'managing'."""
    forms = getInflection(verb_lemma(word) or word.lower(), tag)
    return forms[0] if forms else word.lower()


def past_tense(word: str) -> str:
    """'build' or 'building' -> 'built', 'deploy' -> 'deployed', 'set up' keeps 'set'."""
    return inflect(word, "VBD")


PREPOSITIONS = frozenset({"with", "in", "on", "during", "to", "by", "for", "across"})
PARTICLES = frozenset({"up", "out", "off", "down", "over", "back"})
PEOPLE_REACH = 5  # words in which "Assisted <senior engineers> with" names its people


def _split_people(rest: str) -> tuple[str, str]:
    """'senior engineers with moving 30 services' -> ('senior engineers', 'moving 30 services').

    A weak opening often names whom it helped before what was done; the rewrite keeps the work
    as the object and the people as company ('…, with senior engineers').
    """
    found = tokens(rest)
    seq = tuple(stem(m.group(0)) for m in found[:PEOPLE_REACH])
    hit = next(iter(lexicon("people_words.txt").find(seq)), None)
    if hit is None or hit.start > 3:
        return "", rest
    people = rest[: found[hit.end - 1].end()]
    if hit.end < len(found) and found[hit.end].group(0).lower() in PREPOSITIONS:
        return people, rest[found[hit.end].end():].strip()
    return people, "<the part you did>: " + rest[len(people):].strip()


def _verb_first(text: str) -> str | None:
    """The text with its first word in the past tense, if that word is a verb we can tell
    ('maintain the DAGs' after 'Helped', 'building the store'); a word that is also a noun
    ('model deployment') is left alone."""
    found = tokens(text)[:2]
    if not found or found[0].start() != 0:
        return None
    word = found[0].group(0)
    gerund = word.lower().endswith("ing") and verb_lemma(word) is not None
    # "set up", "roll out": a word before a particle is a verb, whatever else it can be.
    phrasal = (len(found) > 1 and found[1].group(0).lower() in PARTICLES
               and verb_lemma(word) is not None)
    if is_ownership(word) or gerund or phrasal or only_a_verb(word):
        return past_tense(word).capitalize() + text[len(word):]
    return None


def rewrite_opening(found: Opening, verb: str = "Owned") -> str:
    """The bullet with its weak opening replaced, keeping the object.

    'Helped build the feature store' -> 'Built the feature store'; 'Helped with model
    deployment' -> 'Owned model deployment'; 'Assisted senior engineers with moving services'
    -> 'Moved services, with senior engineers'.
    """
    people, rest = _split_people(found.rest.rstrip(" .;,"))
    body = _verb_first(rest) or f"{verb} {rest}"
    return f"{body}, with {people}" if people else body


def duty_as_means(duty: Opening) -> str:
    """A duty turned into the means of a result, in grammatical English, inventing nothing:
    'Maintained Airflow DAGs' -> 'maintaining Airflow DAGs'; 'Responsible for the registry' ->
    'running the registry'; 'Tasked with looking after X' -> 'looking after X'."""
    rest = duty.rest.rstrip(" .;,")
    head_verb = tokens(duty.head)[-1].group(0) if tokens(duty.head) else ""
    if " " not in duty.phrase and verb_lemma(head_verb) and only_a_verb(head_verb):
        return f"{inflect(head_verb, 'VBG')} {rest}".strip()
    first = tokens(rest)[:1]
    if first and first[0].start() == 0 and (verb_lemma(first[0].group(0)) and (
            first[0].group(0).lower().endswith("ing") or only_a_verb(first[0].group(0)))):
        return f"{inflect(first[0].group(0), 'VBG')}{rest[first[0].end():]}"
    return f"running {rest}" if rest else "this work"


def where_to_look(resume: Resume, as_of: str) -> tuple[str, ...]:
    """Evidence for an absence: every place a recruiter would have found it — the headline,
    summary and skills, and the titles and bullets of the current and previous roles (the name
    line when there is no role). An absence counts as much as these places were read."""
    current = current_role(resume, as_of)
    if current is None:
        return tuple(resume.contact.name_spans)
    recent = {current, current + 1}
    return tuple(dict.fromkeys(
        i for u in units(resume)
        if u.kind in ("headline", "summary", "skills") or (u.role in recent and u.kind in (
            "title", "bullet"))
        for i in u.ids))


def _field_entries() -> list[dict[str, object]]:
    return data_toml("signals/field_words.toml")["field"]


def field_words(req: Requisition) -> dict[str, str]:
    """The words fix templates use for this requisition's field (data/signals/field_words.toml):
    who the candidate's people are, what they make, for whom, and what a result looks like."""
    said = f" {req.field} {req.title} ".lower()
    for entry in _field_entries():
        if not entry["matches"] or any(m in said for m in entry["matches"]):
            return {k: str(v) for k, v in entry.items() if k != "matches"}
    return {k: str(v) for k, v in _field_entries()[-1].items() if k != "matches"}
