"""A job ad, pasted or uploaded, read into a requisition the candidate can check and edit.

A job ad says what it requires in a few recognisable ways: under a heading ("Requirements",
"Ihr Profil", "Lo que buscamos"), in a sentence with a cue ("… is required", "… is a plus"), or as
a hard condition (years, a degree, a licence, a language, where the work is, the right to work
there). Each line is put in its section, cut into items, and each item becomes skills (short
phrases a recruiter would search a resume for) or a knockout question. Every extracted value
keeps the sentence it came from, so the candidate can confirm it. The words live in
`triage/data/job_ads.toml`; nothing here names a job, a field or a place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import PurePath

from triage.knockouts import DEGREE_PATTERNS, NUMBER_WORDS
from triage.readers import read_document
from triage.readers.limits import ReaderLimits
from triage.readers.text import decode_text, strip_markdown
from triage.requisition import DEGREE_LEVELS, Knockout, Requisition, Term
from triage.vocabulary import data_lines, data_toml, legal_forms
from triage.work_rights import (
    countries,
    country_named,
    country_of,
    place_names,
    regions_and_countries,
)

MAX_HEADING_WORDS = 7  # a heading is short; a longer line is content
MAX_TERM_WORDS = 6  # an item longer than this after trimming is a sentence, not a skill
MIN_TERM_CHARS = 2
MAX_TITLE_WORDS = 10
LEAD_LEVEL = 4  # title_levels.toml: lead and above
SENIOR_YEARS = 5  # an ad asking this many years, with no level in its title, wants a senior
JUNIOR_YEARS = 1  # ...and at most this many, a junior
MAX_PLACE_WORDS = 3  # words in one place name ("Rio de Janeiro")
MAX_YEARS = 40  # more "years" than this is a date or an age, not experience asked for
BAC_MASTER = 5  # "Bac+5" is a master's level in France; "Bac+3" a bachelor's
MAX_CERT_WORDS = 4  # words before "licence" that name it ("reach truck licence")
TITLE_BLOCK_LINES = 3  # lines at the top that hold the title, employer and place
SINGLE_KINDS = ("min_years", "location", "work_rights", "degree")  # one of each per ad
BULLET_RE = re.compile(r"^\s*(?:[-*•◦▪·–—>+]|\d{1,2}[.)])\s+")
LABEL_RE = re.compile(r"^\s*([^:]{2,40}?)\s*:\s*(.*)$")
YEARS_RE = re.compile(
    r"(?<![\w.])(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s*(?:\+|plus)?\s*"
    r"(?:(?:-|–|to|à|bis|a)\s*\d{1,2}\s*)?(?:\+\s*)?"
    r"(?:years?|yrs?|ans|années|année|jahre|jahren|jahr|años|año)\b", re.IGNORECASE)
BAC_RE = re.compile(r"bac\s*\+\s*(\d)", re.IGNORECASE)
# Gender tags are no part of a title: "(m/w/d)", "H/F", "(all genders)".
TITLE_NOISE_RE = re.compile(
    r"\s*(?:\((?:m|w|d|f|h|x|all genders?)(?:\s*/\s*(?:m|w|d|f|h|x|div))+\)|"
    r"\b(?:m|w|f|h)/(?:w|m|f|h)(?:/(?:d|x))?\b)\s*", re.IGNORECASE)
# A list splits at commas and "and"/"or" (and "with": "Tests mit Postman" names two), but not
# after a hyphen ("Form- und Lagetoleranzen").
SPLIT_RE = re.compile(r",\s*|(?<!-)\s+(?:and|or|with|et|ou|avec|und|oder|mit|y|o|con|&|/|\+)\s+",
                      re.IGNORECASE)
MONTHS_RE = re.compile(r"(?<![\w.])(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s*(?:\+\s*)?"
                       r"(?:months?|mois|monate|monaten|meses)\b", re.IGNORECASE)
MONTHS_PER_YEAR = 12
MIN_WORDS_BEFORE_EXPERIENCE = 2  # "warehouse supervision experience in …" names it first
# Where one sentence turns to another requirement: "…, but …", "; …", "…, ideally …".
CLAUSE_RE = re.compile(
    r"\s*(?:;|,\s*(?:but|and|while|whereas|so|mais|et|aber|und|sowie|pero|y)\b|\s[–—]\s|\s-\s|"
    r",\s*(?=(?:ideally|preferably|idealerweise|vorzugsweise|idéalement|de préférence|"
    r"idealmente|preferiblemente|de preferencia)\b))\s*", re.IGNORECASE)
LIST_BREAK_RE = re.compile(r"\s*(?:\balong with\b|\bas well as\b|\bplus\b|;)\s*", re.IGNORECASE)
CUE_OPENS_SHARE = 0.5  # a cue in the first half of a clause opens it; later, it closes it


@dataclass(frozen=True)
class Evidence:
    """One value read from the ad, and the sentence it came from."""

    field: str  # title | seniority | must_have | nice_to_have | knockout kind
    value: str
    sentence: str


@dataclass(frozen=True)
class JobAdReading:
    requisition: Requisition
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class _Unit:
    """A bullet, a line or a sentence of the ad, with the section it sits in."""

    text: str
    section: str  # must | nice | other | none (before any heading, or under an unknown one)
    heading: bool = False


# ----------------------------------------------------------------- reading the text


def ad_text(data: bytes, filename: str | None = None) -> str:
    """The text of a job ad file: TXT/Markdown as written, PDF and DOCX through the resume
    readers (so they raise the same one-sentence errors)."""
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if suffix in ("", ".txt", ".md", ".markdown", ".text"):
        text = decode_text(data)
        if "\x00" not in text:
            return text
    # Only the text counts here: no LibreOffice layout for a DOCX ad (a second or two saved).
    doc = read_document(data, filename, ReaderLimits(docx_pages="approximate"))
    return "\n".join(" ".join(span.text for span in line.visible_spans) for line in doc.lines)


def _vocabulary() -> dict:
    return data_toml("job_ads.toml")  # read once: data_toml caches


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().replace("’", "'").split())


def _pieces(key: str) -> str:
    """A `[patterns]` list of job_ads.toml as one alternation of regular-expression pieces."""
    return "|".join(_vocabulary()["patterns"][key])


@cache
def _degree_re() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_pieces('degree')})|\w*(?:{_pieces('degree_endings')})\b",
                      re.IGNORECASE)


@cache
def _certificate_re() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_pieces('certificate')})\b", re.IGNORECASE)


@cache
def _title_label_re() -> re.Pattern[str]:
    """"Job title: …" and its translations name the title outright."""
    return re.compile(rf"^\s*(?:{_pieces('title_label')})\s*:\s*(.+)$", re.IGNORECASE)


@cache
def _examples_re() -> re.Pattern[str]:
    """An opening bracket or "such as" and its translations: examples follow."""
    return re.compile(rf"\s*(?:\(|\b(?:{_pieces('examples')})\b:?)\s*", re.IGNORECASE)


@cache
def _inner_lead_re() -> re.Pattern[str]:
    """"experience in", "Kenntnisse in": what follows names the skill."""
    return re.compile(rf"\b(?:{_pieces('experience_nouns')})(?:\s+\w+)?\s+"
                      rf"(?:{_pieces('experience_links')})\s+", re.IGNORECASE)


@cache
def _phrase_re(group: str, key: str) -> re.Pattern[str]:
    phrases = sorted(_vocabulary()[group][key], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(_fold(p)) for p in phrases) + r")(?!\w)")


def _has(text: str, group: str, key: str) -> bool:
    return bool(_phrase_re(group, key).search(_fold(text)))


def _heading_kind(text: str) -> str | None:
    """The section a heading opens (must | nice | other), or None if `text` is no heading."""
    words = _fold(strip_markdown(text)).strip(" :*#_-–—.!?")
    words = re.sub(r"^(?:our|your|the|votre|vos|ihr|ihre|dein|deine|tu|tus)\s+", "", words)
    return next((kind for kind, names in _headings().items() if words in names), None)


@cache
def _headings() -> dict[str, frozenset[str]]:
    """Heading names by the section they open, folded; a nice heading is looked up first."""
    headings = _vocabulary()["headings"]
    return {kind: frozenset(_fold(h) for h in headings[kind]) for kind in ("nice", "must", "other")}


def _looks_like_heading(raw: str) -> bool:
    text = strip_markdown(raw).strip()
    words = text.rstrip(":").split()
    if not words or len(words) > MAX_HEADING_WORDS or BULLET_RE.match(raw):
        return False
    letters = [c for c in text if c.isalpha()]
    return (raw.lstrip().startswith("#") or text.endswith(":")
            or (len(letters) >= 3 and all(c.isupper() for c in letters))
            or bool(re.fullmatch(r"\s*(\*\*|__).+(\*\*|__)\s*:?\s*", raw)))


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý\"“(¿¡])", text)
    return [p.strip() for p in parts if p.strip()]


def _units(text: str) -> list[_Unit]:
    """Each bullet, or each sentence of a paragraph (its wrapped lines joined), with the
    section it is in."""
    units: list[_Unit] = []
    section = "none"
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            units.extend(_Unit(s, section) for s in _sentences(" ".join(paragraph)))
            paragraph.clear()

    raw_lines = text.splitlines()
    for index, raw in enumerate(raw_lines):
        if not raw.strip():
            flush()
            continue
        after = next((ln for ln in raw_lines[index + 1:] if ln.strip()), "")
        kind = _heading_kind(raw)
        label = LABEL_RE.match(strip_markdown(raw))
        if kind is None and label and (label_kind := _heading_kind(label.group(1))):
            # "Requirements: 5 years of…": the label opens a section, the rest is in it
            flush()
            section = label_kind
            units.append(_Unit(label.group(1), section, heading=True))
            units.extend(_Unit(s, section) for s in _sentences(label.group(2)))
            continue
        if kind is not None or (not paragraph and (_looks_like_heading(raw)
                                                   or _heads_a_list(raw, after))):
            flush()
            section = kind or ("none" if section == "none" else "other")
            units.append(_Unit(strip_markdown(raw).strip(" :#*"), section, heading=True))
            continue
        if BULLET_RE.match(raw):
            flush()
            units.extend(_Unit(s, section)
                         for s in _sentences(strip_markdown(BULLET_RE.sub("", raw)).strip()))
            continue
        paragraph.append(strip_markdown(raw).strip())
    flush()
    return units


def _heads_a_list(raw: str, after: str) -> bool:
    """A short line, not a sentence, right above a bullet: the list's heading."""
    text = strip_markdown(raw).strip()
    return (bool(BULLET_RE.match(after)) and not BULLET_RE.match(raw)
            and len(text.split()) <= MAX_HEADING_WORDS and not text.endswith((".", ",", ";")))


def _cue(text: str) -> tuple[str | None, re.Match[str] | None]:
    """The kind of cue a text holds (a nice cue wins: "… (preferred)") and where."""
    folded = _fold(text)
    for kind in ("nice", "must"):
        match = _phrase_re("cues", kind).search(folded)
        if match:
            return kind, match
    return None, None


@dataclass(frozen=True)
class _Clause:
    text: str
    wants: str  # must | nice
    aside: bool = False  # from brackets: "(section D)" adds nothing to a licence


def _clauses(unit: _Unit) -> list[_Clause]:
    """What a unit asks for, clause by clause: a clause with its own cue takes it ("…, and Jira
    would be nice to have"); the rest take the section's, else the sentence's."""
    if unit.heading or _has(unit.text, "items", "boilerplate"):
        return []
    text, asides = _without_asides(unit.text)
    default = unit.section if unit.section in ("must", "nice") else None
    out = []
    for part in CLAUSE_RE.split(text):
        cue, match = _cue(part)
        wants = cue or default
        if wants is None:
            continue
        out.append(_Clause(_around_cue(part, match) if match else part, wants))
    for aside in asides:
        cue, match = _cue(aside)
        wants = cue or default
        rest = _around_cue(aside, match) if match else aside
        if wants and rest.strip():
            out.append(_Clause(rest, wants, aside=True))
        elif cue and out:
            out[0] = _Clause(out[0].text, cue)  # "(required)", "(desirable)": the whole item
    return out


def _without_asides(text: str) -> tuple[str, list[str]]:
    """The text without its brackets, and what they held: a list of examples stays in place
    ("(e.g. Python, Go)"), anything else is an aside."""
    asides: list[str] = []

    def keep(match: re.Match[str]) -> str:
        inner = match.group(1)
        if "," in inner or _examples_re().match(inner):
            return f" such as {inner} "
        asides.append(inner)
        return " "

    return re.sub(r"\(([^()]*)\)", keep, text), asides


def _around_cue(text: str, match: re.Match[str]) -> str:
    """The clause without its cue: what follows a cue that opens it ("You will need …", "Se
    valorará …"), what precedes one that closes it ("… is a plus"); the other side where the
    near one names nothing ("Helm is nice to have but not a must")."""
    before = _original_slice(text, 0, match.start())
    after = _original_slice(text, match.end(), len(_fold(text)))
    sides = (after, before) if match.start() < len(_fold(text)) * CUE_OPENS_SHARE else (
        before, after)
    return next((side for side in sides if _trim(side)), sides[0])


def _original_slice(text: str, start: int, end: int) -> str:
    """`_fold` keeps letters in place for ordinary text; fall back to the folded text where it
    does not."""
    original = " ".join(unicodedata.normalize("NFKC", text).replace("’", "'").split())
    source = original if len(original) == len(_fold(text)) else _fold(text)
    return source[start:end]


# ----------------------------------------------------------------- knockouts


@dataclass(frozen=True)
class _Found:
    kind: str
    required: object
    sentence: str


def _number(word: str) -> int:
    return int(word) if word.isdigit() else int(NUMBER_WORDS[word.lower()])


def _years(text: str) -> float | None:
    """Years of experience asked for: "5+ years", "three years", "six months" (0.5)."""
    match = YEARS_RE.search(text)
    if match is not None:
        number = _number(match.group(1))
        return number if 0 < number <= MAX_YEARS else None
    months = MONTHS_RE.search(text)
    if months is not None and _has(text, "items", "trailing"):
        return round(_number(months.group(1)) / MONTHS_PER_YEAR, 2) or None
    return None


def _degree(text: str) -> str | None:
    if not _degree_re().search(text):
        return None
    bac = BAC_RE.search(text)
    if bac:
        return "master" if int(bac.group(1)) >= BAC_MASTER else "bachelor"
    named = [DEGREE_LEVELS.index(level) for level, pattern in DEGREE_PATTERNS.items()
             if re.search(pattern, text, re.IGNORECASE)]
    return DEGREE_LEVELS[min(named, default=DEGREE_LEVELS.index("bachelor"))]


@cache
def _language_names() -> dict[str, str]:
    return {_fold(word): name for name, words in _vocabulary()["knockouts"]["languages"].items()
            for word in words}


def _languages(text: str) -> list[str]:
    named: list[str] = []
    for word in re.findall(r"[^\W\d_]+", _fold(text)):
        name = _language_names().get(word)
        if name and name not in named:
            named.append(name)
    return named


def _certification(text: str) -> str | None:
    """The name of a licence or certificate the text asks for: the words before its cue word
    ("valid reach truck licence"), or after it when it opens ("Certification in …"); of
    several, the one with the most capitals ("NMBI registration" over "active registration")."""
    if YEARS_RE.search(text) or _degree_re().search(text):
        return None
    names = []
    for match in _certificate_re().finditer(text):
        before = re.findall(r"[\w'’./+-]+", text[:match.start()])
        words: list[str] = []
        for word in reversed(before[-MAX_CERT_WORDS:]):
            if _lead_in_re().fullmatch(_fold(word)) or _cut_re().fullmatch(_fold(word)):
                break
            words.insert(0, word)
        name = " ".join([*words, match.group(0)]) if words else _trim(text[match.start():])
        if name.strip(" .,;:"):
            names.append(name.strip(" .,;:"))
    return max(names, key=lambda n: sum(map(str.isupper, n)), default=None)


@lru_cache(maxsize=1024)
def _places(text: str) -> tuple[str, ...]:
    """Place names in `text` as printed: known cities and regions, then countries (asked for
    each unit by the location and again by the skills, so kept)."""
    out: list[str] = []
    for token in re.finditer(r"[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:de |del |la |le |am |upon |on )?"
                             r"[A-ZÀ-Ý][\w'’.-]*)*", text):
        words = token.group(0).split()
        for first in range(len(words)):
            name = next((n for size in range(min(MAX_PLACE_WORDS, len(words) - first), 0, -1)
                         if len(n := " ".join(words[first:first + size]).strip(".,")) > 2
                         and n.casefold().replace(".", "") not in legal_forms()
                         and (n.casefold() in place_names() or country_named(n))), None)
            if name is not None:
                if name not in out:
                    out.append(name)
                break
    return tuple(out)


def _remote(text: str) -> bool:
    return _has(text, "knockouts", "remote") or bool(re.search(r"\bremote\b", text, re.I))


def _location(units: list[_Unit], title_block: list[str]) -> _Found | None:
    """Where the job is done: a "Location:" line or a sentence with a location cue, else the
    places under the title; with "remote" where the ad takes remote work."""
    cued = [u.text for u in units if not u.heading and _has(u.text, "knockouts", "location_cues")]
    for text in cued:
        if _places(text):
            return _Found("location", _places(text) + (("remote",) if _remote(text) else ()),
                          text)
    for line in title_block:
        remote = _remote(line)
        if _places(line) or remote:
            return _Found("location", _places(line) + (("remote",) if remote else ()), line)
    return None


def _work_rights(text: str, location: tuple[str, ...]) -> tuple[str, ...] | None:
    """The places a sentence about the right to work names (else the job's own country)."""
    codes = [code for token in re.findall(r"\b[A-Z]{2,3}\b|\bU\.[SK]\.", text)
             if (code := country_named(token.replace(".", "")))]
    places = regions_and_countries(text) or codes or [
        code for p in location if p != "remote" and (code := country_of(p))]
    return tuple(dict.fromkeys(_country_name(p) for p in places)) or None


def _country_name(code: str) -> str:
    """A country's English name for its code ("US" -> "United States"); a region stays."""
    country = countries().get(code)
    return country.names[0] if country and country.names else code


QUESTIONS = {
    "min_years": "Do you have at least {} years of relevant experience?",
    "degree": "Do you hold a {} degree or higher?",
    "certification": "Do you hold: {}?",
    "language": "Can you work in {}?",
    "location": "Can you work from {} (or relocate)?",
    "work_rights": "Are you authorised to work in {} without sponsorship?",
}


def _knockout(found: _Found, index: int) -> Knockout:
    return Knockout(id=f"{found.kind}_{index + 1}" if index else found.kind,
                    question=QUESTIONS[found.kind].format(_shown(found.required)),
                    kind=found.kind, required=found.required)


# ----------------------------------------------------------------- skills


def _alternation(key: str) -> str:
    phrases = sorted((_fold(p) for p in _vocabulary()["items"][key]), key=len, reverse=True)
    return "|".join(re.escape(p) for p in phrases)


@cache
def _lead_in_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{_alternation('lead_ins')})(?:\s+|$)")


@cache
def _cut_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternation('cut_words')})(?!\w)")


@cache
def _trailing_re() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{_alternation('trailing')})$")


@cache
def _traits() -> frozenset[str]:
    words = {_fold(t) for t in _vocabulary()["items"]["traits"]}
    return frozenset(words | {_fold(v) for v in data_lines("signals/virtues.txt")})


def _cut(text: str) -> str:
    """The text up to where it stops naming things: "… in a busy ward", "… to support …"."""
    folded = _fold(text)
    cut = _cut_re().search(folded, _lead_in_end(folded))
    return _original_slice(text, 0, cut.start()) if cut else text


def _lead_in_end(folded: str) -> int:
    start = _skip_lead_ins(folded, 0)
    inner = _inner_lead_re().search(folded, start)
    before = re.findall(r"[^\W\d_][\w-]*", folded[start:inner.start()]) if inner else []
    if inner and len(before) < MIN_WORDS_BEFORE_EXPERIENCE:
        return _skip_lead_ins(folded, inner.end())  # "post-registration experience in …"
    return start


def _skip_lead_ins(folded: str, start: int) -> int:
    while (match := _lead_in_re().match(folded, start)) is not None and match.end() > start:
        start = match.end()
    return start


def _trim(text: str) -> str:
    """An item without its lead-in ("Strong experience with"), its tail ("… in a busy ward",
    "… experience") and its punctuation, in the ad's own letters."""
    folded = _fold(text)
    start = _lead_in_end(folded)
    cut = _cut_re().search(folded, start)
    end = cut.start() if cut else len(folded)
    inner = _inner_lead_re().search(folded, start, end)
    if inner:
        end = inner.start() + len(inner.group(0).split()[0])  # "… supervision experience"
    trailing = _trailing_re().search(folded[:end].rstrip(" .,;:"))
    if trailing and trailing.start() > start:
        end = trailing.start()
    return _original_slice(text, start, end).strip(" .,;:!?-–—()'\"*")


def _terms(text: str) -> list[str]:
    """The skills a clause names: each part cut where it stops naming things ("… in a busy
    ward"), then split at commas and "and"/"or"; examples ("such as …") are parts too."""
    pieces: list[str] = []
    for part in _examples_re().split(MONTHS_RE.sub(" ", YEARS_RE.sub(" ", text))):
        for chunk in LIST_BREAK_RE.split(part):
            pieces.extend(SPLIT_RE.split(_cut(chunk)))
    out: list[str] = []
    for piece in pieces:
        term = _trim(piece)
        words = _fold(term).split()
        if (len(term) < MIN_TERM_CHARS or not words or len(words) > MAX_TERM_WORDS
                or _fold(term) in _traits() or not any(c.isalpha() for c in term)
                or words[0] in _not_openings() or _cue(term)[0] is not None
                or _has(term, "knockouts", "junior_cues")):
            continue
        if _fold(term) not in {_fold(t) for t in out}:
            out.append(term)
    return out


@cache
def _not_openings() -> frozenset[str]:
    return frozenset(_fold(w) for w in _vocabulary()["items"]["not_openings"])


# ----------------------------------------------------------------- title and level


def _title(lines: list[str]) -> tuple[str, str]:
    """The job title and the line it came from: a "Job title:" label, else the first short line
    that is no heading the vocabulary knows."""
    for line in lines:
        label = _title_label_re().match(line)
        if label:
            return _clean_title(label.group(1)), line
    for line in lines:
        if (_heading_kind(line) is None and len(line.split()) <= MAX_TITLE_WORDS
                and not line.endswith(".")):
            return _clean_title(line), line
    return "", ""


def _clean_title(text: str) -> str:
    text = TITLE_NOISE_RE.sub(" ", text)
    text = re.split(r"\s+[|–—]\s+|\s+-\s+|\s*\(", text)[0]
    return " ".join(text.split()).strip(" ,.:")


@cache
def _levels() -> list[tuple[int, re.Pattern[str]]]:
    table = data_toml("signals/title_levels.toml")["levels"]
    return [(int(level), re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words)
                                     + r")(?!\w)", re.IGNORECASE))
            for level, words in table.items()]


def seniority_of(title: str, years: float | None, takes_beginners: bool = False) -> str:
    """junior | mid | senior | lead: from the title's words, else from an ad that takes
    beginners, else from the years asked for."""
    named = [level for level, pattern in _levels() if pattern.search(title)]
    if takes_beginners and max(named, default=0) < LEAD_LEVEL:
        return "junior"
    if named:
        level = max(named)
        return ("junior" if level <= 1 else "lead" if level >= LEAD_LEVEL else
                "senior" if level == 3 else "mid")
    if years is not None and years <= JUNIOR_YEARS:
        return "junior"
    if years is not None and years >= SENIOR_YEARS:
        return "senior"
    return "mid"


# ----------------------------------------------------------------- the whole ad


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "job-ad"


def _shown(value: object) -> str:
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def read_job_ad(text: str) -> JobAdReading:
    """A requisition from a job ad's text, with the sentence behind every value."""
    lines = [strip_markdown(ln).strip(" #*") for ln in text.splitlines() if ln.strip()]
    title, title_line = _title(lines)
    title_words = set(_fold(title).split())
    units = _units(text)
    title_block = [ln for ln in lines[:TITLE_BLOCK_LINES]
                   if len(ln.split()) <= MAX_TITLE_WORDS * 2 and _heading_kind(ln) is None]
    found: list[_Found] = []
    where = _location(units, title_block)
    location: tuple[str, ...] = where.required if where else ()  # type: ignore[assignment]
    if where is not None:
        found.append(where)
    must: list[Term] = []
    nice: list[Term] = []
    evidence: list[Evidence] = [Evidence("title", title, title_line)] if title else []

    def add(kind: str, required: object, sentence: str) -> None:
        if not any(f.kind == kind and (kind in SINGLE_KINDS or f.required == required)
                   for f in found):
            found.append(_Found(kind, required, sentence))

    for unit in units:
        if _has(unit.text, "knockouts", "work_rights"):
            rights = None if unit.heading else _work_rights(unit.text, location)
            if rights is not None:
                add("work_rights", rights, unit.text)
            continue  # who may do the job there: no skill
        if _has(unit.text, "knockouts", "location_cues") and _places(unit.text):
            continue  # where the job is: no skill
        unit_has_conditions = False
        for clause in _clauses(unit):
            if clause.aside and unit_has_conditions:
                continue
            conditions: list[tuple[str, object]] = []
            if (degree := _degree(clause.text)) is not None:
                conditions.append(("degree", degree))
            if (licence := _certification(clause.text)) is not None:
                conditions.append(("certification", licence))
            conditions += [("language", name) for name in _languages(clause.text)]
            if clause.wants == "must":
                if (years := _years(clause.text)) is not None:
                    add("min_years", years, unit.text)
                for kind, required in conditions:
                    add(kind, required, unit.text)
            if conditions:
                unit_has_conditions = True
                continue
            bucket, field = (must, "must_have") if clause.wants == "must" else (
                nice, "nice_to_have")
            for term in _terms(clause.text):
                if set(_fold(term).split()) <= title_words:
                    continue  # "a baker" in an ad for a Night Baker names the job, not a skill
                if all(_fold(term) != _fold(t.name) for t in (*must, *nice)):
                    bucket.append(Term(term))
                    evidence.append(Evidence(field, term, unit.text))
    years_asked = next((float(f.required) for f in found  # type: ignore[arg-type]
                        if f.kind == "min_years"), None)
    level = seniority_of(title, years_asked, _has(text, "knockouts", "junior_cues"))
    evidence.append(Evidence("seniority", level, title_line))
    knockouts: list[Knockout] = []
    for f in found:
        knockouts.append(_knockout(f, sum(1 for k in knockouts if k.kind == f.kind)))
        evidence.append(Evidence(f.kind, _shown(f.required), f.sentence))
    requisition = Requisition(
        id=_slug(title), title=title or "Job from an ad", titles=(Term(title or "Job"),),
        must_have=tuple(must), nice_to_have=tuple(nice), knockouts=tuple(knockouts),
        location=next((p for p in location if p != "remote"), ""), seniority=level)
    return JobAdReading(requisition, tuple(evidence))
