"""Requisitions (what this job needs) and screener profiles (how this screener skims and decides).

Both are TOML files a user can read and change; loading validates every key and names the bad
one in the error. Saving writes TOML back, so a form in the UI can edit a file round-trip.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

CONFIGS = Path(__file__).with_name("configs")
KNOCKOUT_KINDS = ("yes_no", "work_rights", "min_years", "degree", "location", "certification",
                  "language")
DEGREE_LEVELS = ("none", "associate", "bachelor", "master", "phd")
BUDGET_PRESETS = {"6 s (first pass)": 6.0, "7.4 s (TheLadders 2018)": 7.4, "30 s (careful)": 30.0}


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and the bad key."""


@dataclass(frozen=True)
class Term:
    """A title, skill or phrase with the other ways people write it."""

    name: str
    aliases: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Knockout:
    """A screening question an ATS would ask, with the answer this job requires.

    kind: yes_no (required = "yes"/"no"), work_rights (required = the places the person must
    be free to work in: "EU", a country's name or code), min_years (required = number; with
    `count_titles`, only roles so titled count, as in "post-registration" years), degree
    (required = a level from DEGREE_LEVELS), location (required = accepted places; "remote",
    "relocate" allowed), certification / language (required = the name; aliases widen it).
    Evidence comes from the applicant's answers (keyed by `id`) and/or the resume text:
    `resume_yes` / `resume_no` are regular expressions that answer a yes_no from the resume.
    An unanswered knockout becomes a question to ask; it holds the verdict at "maybe" only when
    the resume leans the other way or the knockout is `strict`.
    """

    id: str
    question: str
    kind: str
    required: Any
    resume_yes: tuple[str, ...] = ()
    resume_no: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    source: str = "any"  # "resume", "answers" or "any"
    strict: bool = False  # unanswered means "maybe" at best, not just a question
    count_titles: tuple[str, ...] = ()  # min_years: count only roles whose title names one


@dataclass(frozen=True)
class Requisition:
    id: str
    title: str
    titles: tuple[Term, ...]
    must_have: tuple[Term, ...] = ()
    nice_to_have: tuple[Term, ...] = ()
    knockouts: tuple[Knockout, ...] = ()
    location: str = ""
    seniority: str = "mid"  # junior | mid | senior | lead
    field: str = ""

    def all_terms(self) -> tuple[Term, ...]:
        return self.titles + self.must_have + self.nice_to_have


INJECTION_VERDICTS = ("no", "maybe", "score")  # see Profile.injection_verdict


@dataclass(frozen=True)
class Profile:
    """How one screener skims and decides. Every number is a tunable assumption unless noted."""

    name: str = "default"
    budget_s: float = 6.0  # TheLadders 2012: ~6 s to the fit/no-fit decision
    seed: int = 7
    recruiters: int = 200
    # Reading physiology (Rayner): fixation ~225 ms, saccade 20-35 ms.
    fixation_ms: float = 225.0
    saccade_ms: float = 30.0
    # Skimming runs at 500-750 words a minute; at one fixation + saccade per ~255 ms that is
    # about 2-3 words taken in per fixation (the useful field of view reaches ~15 characters).
    words_per_fixation: float = 2.5
    # Fields a recruiter decides on (titles, companies, dates) are read, not skimmed: ordinary
    # reading runs at 200-300 words a minute, about one word per fixation.
    read_words_per_fixation: float = 1.2
    identity_fixations: int = 2  # name and contact line: one fixed glance each, any length
    bullet_words: int = 2  # NN/g: the first words of a line are read far more than the rest
    pulled_words: int = 10  # words read when a number, bold term or keyword pulls the eye
    # The gaze heatmap (drawing only): eye-tracking tools blur each fixation with a kernel about
    # as wide as the fovea sees sharply, ~2 degrees of visual angle at the reading distance.
    gaze_kernel_deg: float = 2.0
    reading_distance_cm: float = 60.0
    # Salience (tunable assumptions).
    kind_weights: dict[str, float] = field(default_factory=lambda: {
        "name": 1.0, "title": 1.0, "company": 0.85, "dates": 0.8, "education": 0.6,
        "heading": 0.55, "bullet": 0.2, "summary": 0.12, "skills": 0.2, "contact": 0.2,
        "other": 0.08,
    })
    top_decay: float = 0.55  # F-pattern: salience halves roughly every this share of a page
    left_decay: float = 3.0  # ...and falls off to the right, more gently
    f_shape: float = 1.0  # how much faster the rightward fall-off is lower down the page
    later_page_factor: float = 0.25  # page 2 and beyond
    size_exponent: float = 1.0
    bold_boost: float = 1.3
    caps_boost: float = 1.1
    tail_factor: float = 0.3  # later lines of a bullet or paragraph: large blocks go unscanned
    recency_decay: float = 0.55  # each older role is this much less salient than the one after
    keyword_boost: float = 1.4  # a requisition term or a number pulls the eye (spotted pattern)
    distance_cost: float = 1.0  # preference for the next fixation near the last one
    upward_cost: float = 1.5  # inhibition of return: going back up the page costs more
    temperature: float = 0.3  # randomness between simulated recruiters
    # The skim walks at most this many elements, the most salient first (the rest count as
    # never noticed). A ten-page resume has ~600; a 6 s skim reaches ~25 and a 30 s one ~120,
    # so the cap never decides what is seen, and it bounds each step's work (recruiters x cap).
    max_elements: int = 800
    # Verdict.
    signal_weights: dict[str, float] = field(default_factory=lambda: {
        "safe_pair_of_hands": 1.0, "clarity": 0.6, "explained_risk": 0.8,
        "how_they_read_it": 0.9, "generic_virtues": 0.4, "gimmicks": 1.2, "knockouts": 0.0,
        "results": 1.0, "language_alignment": 1.2, "seniority_words": 0.7, "range": 0.5,
        "relevance": 0.7,
    })
    score_scale: float = 2.0  # score = logistic(sum of contributions / score_scale)
    # No signal adds or takes more than this many times its weight, however many findings it
    # makes: twelve keyword matches are not twelve reasons, three duty bullets not three faults.
    signal_cap: float = 1.5
    # Must-haves as a gate: the share of them the recruiter saw to be missing (each missing one
    # counted by the share of its places that were read) above which the verdict is at most
    # "maybe", and above which it is "no".
    missing_must_haves_for_maybe: float = 0.25
    missing_must_haves_for_no: float = 0.6
    yes_threshold: float = 0.62
    no_threshold: float = 0.5
    # Text written to manipulate an automated screener: "no" rejects (named first), "maybe"
    # holds a yes at maybe, "score" lets it count only in the score like any other finding.
    injection_verdict: str = "no"


# ---------------------------------------------------------------- loading and validation


def _check(table: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        allowed_list = ", ".join(sorted(allowed))
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' (allowed: {allowed_list})")


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def _terms(items: Any, where: str) -> tuple[Term, ...]:
    if not isinstance(items, list):
        raise ConfigError(f"{where}: expected a list")
    out = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            out.append(Term(item))
            continue
        if not isinstance(item, dict) or "name" not in item:
            raise ConfigError(f"{where}[{i}]: expected a string or a table with 'name'")
        _check(item, {"name", "aliases"}, f"{where}[{i}]")
        aliases = _strings(item.get("aliases", []), f"{where}[{i}].aliases")
        out.append(Term(str(item["name"]).strip(), tuple(a.strip() for a in aliases if a.strip())))
    for i, term in enumerate(out):
        if not term.name:
            raise ConfigError(f"{where}[{i}]: the name is empty; write it or remove the line")
    return tuple(out)


def _knockout(item: Any, where: str) -> Knockout:
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a table")
    allowed = {f.name for f in fields(Knockout)}
    _check(item, allowed, where)
    for key in ("id", "question", "kind", "required"):
        if key not in item:
            raise ConfigError(f"{where}: missing key '{key}'")
    kind = item["kind"]
    if kind not in KNOCKOUT_KINDS:
        raise ConfigError(f"{where}.kind: '{kind}' is not one of {', '.join(KNOCKOUT_KINDS)}")
    required = item["required"]
    if kind == "min_years" and not isinstance(required, int | float):
        raise ConfigError(f"{where}.required: min_years needs a number")
    if kind == "degree" and required not in DEGREE_LEVELS:
        raise ConfigError(f"{where}.required: degree must be one of {', '.join(DEGREE_LEVELS)}")
    if kind == "yes_no" and required not in ("yes", "no"):
        raise ConfigError(f"{where}.required: yes_no needs 'yes' or 'no'")
    if kind == "work_rights":
        _strings(required, f"{where}.required")
    if not isinstance(item.get("strict", False), bool):
        raise ConfigError(f"{where}.strict: must be true or false")
    if item.get("source", "any") not in ("any", "resume", "answers"):
        raise ConfigError(f"{where}.source: must be 'any', 'resume' or 'answers'")
    return Knockout(
        id=str(item["id"]),
        question=str(item["question"]),
        kind=kind,
        required=tuple(required) if isinstance(required, list) else required,
        resume_yes=_strings(item.get("resume_yes", []), f"{where}.resume_yes"),
        resume_no=_strings(item.get("resume_no", []), f"{where}.resume_no"),
        aliases=_strings(item.get("aliases", []), f"{where}.aliases"),
        source=item.get("source", "any"),
        strict=item.get("strict", False),
        count_titles=_strings(item.get("count_titles", []), f"{where}.count_titles"),
    )


def _read_toml(source: str | Path | dict, what: str) -> tuple[dict, str]:
    if isinstance(source, dict):
        return source, what
    path = Path(source)
    if not path.exists() and (CONFIGS / f"{source}.toml").exists():
        path = CONFIGS / f"{source}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), path.name
    except FileNotFoundError as exc:
        raise ConfigError(f"{what} file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path.name}: not valid TOML ({exc})") from exc


def requisition_from_dict(data: dict, where: str = "requisition") -> Requisition:
    _check(data, {"requisition"}, where)
    table = data.get("requisition")
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: missing [requisition] table")
    allowed = {f.name for f in fields(Requisition)}
    _check(table, allowed, f"{where}: [requisition]")
    for key in ("id", "title", "titles"):
        if key not in table:
            raise ConfigError(f"{where}: [requisition] missing key '{key}'")
    if not str(table["title"]).strip():
        raise ConfigError(f"{where}: the job title is empty; give the job a title")
    seniority = table.get("seniority", "mid")
    if seniority not in ("junior", "mid", "senior", "lead"):
        raise ConfigError(f"{where}: seniority '{seniority}' is not junior, mid, senior or lead")
    titles = _terms(table["titles"], "titles")
    if not titles:
        raise ConfigError(f"{where}: titles is empty; list at least one title this job goes by")
    return Requisition(
        id=str(table["id"]),
        title=str(table["title"]).strip(),
        titles=titles,
        must_have=_terms(table.get("must_have", []), "must_have"),
        nice_to_have=_terms(table.get("nice_to_have", []), "nice_to_have"),
        knockouts=tuple(_knockout(k, f"knockouts[{i}]")
                        for i, k in enumerate(table.get("knockouts", []))),
        location=str(table.get("location", "")),
        seniority=seniority,
        field=str(table.get("field", "")),
    )


def load_requisition(source: str | Path | dict = "mlops") -> Requisition:
    """Load a requisition from a TOML path, a shipped name ('mlops', 'nurse', ...) or a dict."""
    data, name = _read_toml(source, "requisition")
    try:
        return requisition_from_dict(data, name)
    except ConfigError as exc:
        raise ConfigError(f"{name}: {exc}" if not str(exc).startswith(name) else str(exc)) from exc


def profile_from_dict(data: dict, where: str = "profile") -> Profile:
    _check(data, {"profile", "provenance"}, where)  # provenance: where a fitted one came from
    table = data.get("profile", {})
    defaults = Profile()
    allowed = {f.name for f in fields(Profile)}
    _check(table, allowed, f"{where}: [profile]")
    values: dict[str, Any] = {}
    for key, value in table.items():
        default = getattr(defaults, key)
        if isinstance(default, dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: '{key}' must be a table")
            _check(value, set(default), f"{where}: [profile.{key}]")
            merged = dict(default)
            for k, v in value.items():
                if not isinstance(v, int | float) or v < 0:
                    raise ConfigError(f"{where}: '{key}.{k}' must be a number >= 0")
                merged[k] = float(v)
            values[key] = merged
        elif isinstance(default, str):
            values[key] = str(value)
        elif isinstance(default, int) and not isinstance(default, bool):
            least = 1 if key in ("recruiters", "max_elements") else 0
            if not isinstance(value, int) or value < least:
                raise ConfigError(f"{where}: '{key}' must be a whole number")
            values[key] = value
        else:
            if not isinstance(value, int | float) or value < 0:
                raise ConfigError(f"{where}: '{key}' must be a number >= 0")
            values[key] = float(value)
    profile = replace(defaults, **values)
    if not 0 < profile.budget_s <= 120:
        raise ConfigError(f"{where}: 'budget_s' must be between 0 and 120 seconds")
    if profile.score_scale <= 0:
        raise ConfigError(f"{where}: 'score_scale' must be above 0")
    if not 0 <= profile.no_threshold <= profile.yes_threshold <= 1:
        raise ConfigError(f"{where}: thresholds need 0 <= no_threshold <= yes_threshold <= 1")
    if profile.recruiters > 5000:
        raise ConfigError(f"{where}: 'recruiters' is capped at 5000")
    if profile.injection_verdict not in INJECTION_VERDICTS:
        raise ConfigError(f"{where}: 'injection_verdict' must be one of "
                          f"{', '.join(INJECTION_VERDICTS)}")
    return profile


def load_profile(source: str | Path | dict | None = None) -> Profile:
    """Load a screener profile from TOML (missing keys take the defaults); None gives defaults."""
    if source is None:
        return Profile()
    data, name = _read_toml(source, "profile")
    return profile_from_dict(data, name)


def load_answers(source: str | Path | dict | None) -> dict[str, Any]:
    """An applicant's answers to knockout questions: `[answers]` table, id = answer."""
    if source is None:
        return {}
    data, name = _read_toml(source, "answers")
    table = data.get("answers", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{name}: expected an [answers] table")
    return dict(table)


def _toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes (quote, backslash, newline, and control characters
    as unicode escapes) are TOML's too; DEL, which JSON leaves raw, TOML forbids."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("nan" if value != value else
                                                          "inf" if value > 0 else "-inf")
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {toml_value(v)}"
                                for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def requisition_to_toml(req: Requisition) -> str:
    """TOML text that `load_requisition` reads back to an equal Requisition."""
    def terms(items: tuple[Term, ...]) -> list[dict]:
        return [{"name": t.name, "aliases": list(t.aliases)} for t in items]

    lines = ["[requisition]"]
    for key in ("id", "title", "location", "seniority", "field"):
        lines.append(f"{key} = {toml_value(getattr(req, key))}")
    for key in ("titles", "must_have", "nice_to_have"):
        lines.append(f"{key} = {toml_value(terms(getattr(req, key)))}")
    for k in req.knockouts:
        lines.append("\n[[requisition.knockouts]]")
        for f in fields(Knockout):
            value = getattr(k, f.name)
            value = list(value) if isinstance(value, tuple) else value
            lines.append(f"{f.name} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


def profile_to_toml(profile: Profile) -> str:
    lines = ["[profile]"]
    tables = []
    for f in fields(Profile):
        value = getattr(profile, f.name)
        if isinstance(value, dict):
            tables.append(f"\n[profile.{f.name}]")
            tables.extend(f"{_toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        else:
            lines.append(f"{f.name} = {toml_value(value)}")
    return "\n".join(lines + tables) + "\n"
