"""The whole flow in one direction: file -> Document -> Resume -> Skim -> Findings -> Verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from triage.elements import build_elements
from triage.findings import SignalContext
from triage.knockouts import KnockoutResult, evaluate_knockouts
from triage.readers import read_document
from triage.readers.limits import ReaderLimits
from triage.render import label_overlay, render_pages
from triage.requisition import (
    ConfigError,
    Profile,
    Requisition,
    load_answers,
    load_profile,
    load_requisition,
)
from triage.signals import run_signals
from triage.skim import Skim, simulate
from triage.structure import DEFAULT_PARSER, PARSERS, Resume, explain, label
from triage.verdict import Verdict, decide, ranked_fixes

DIGITS = 4  # rounding in the JSON output, so it is byte-stable across platforms


def _read(source: str | Path | bytes, filename: str | None) -> tuple[bytes, str | None]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), filename
    path = Path(source)
    return path.read_bytes(), filename or path.name


def parse(source: str | Path | bytes, filename: str | None = None,
          limits: ReaderLimits | None = None, parser: str = DEFAULT_PARSER) -> Resume:
    """Read a resume file (path or bytes) into a Resume; raises only `ReadError` subclasses.

    `parser` is "auto" (the default: both parsers, the rules' reading where the two agree on
    the roles), "learned" (the learned line labeller alone) or "rules"."""
    data, name = _read(source, filename)
    return PARSERS[parser](read_document(data, name, limits))


def explain_parse(source: str | Path | bytes, filename: str | None = None) -> list[str]:
    """Each piece of the resume with the label the parser gave it and its strongest features."""
    data, name = _read(source, filename)
    return explain(read_document(data, name))


def label_pages(source: str | Path | bytes, filename: str | None = None) -> list[bytes]:
    """PNG pages with every labelled piece outlined and named: a picture of the parse."""
    data, name = _read(source, filename)
    doc = read_document(data, name)
    labelled = label(doc)
    boxes = []
    for piece, piece_label in zip(labelled.pieces, labelled.labels, strict=True):
        x0, top, x1, bottom = piece.span.bbox
        width = (x1 - x0) / max(len(piece.span_text), 1)
        boxes.append((piece.span.page, (x0 + width * piece.start, top, x0 + width * piece.end,
                                        bottom), piece_label))
    return label_overlay(render_pages(data, doc), boxes)


TOP_FIXES = 5  # fixes shown first; the rest sit behind "more"


def current_month() -> str:
    return datetime.now(UTC).strftime("%Y-%m")


def checked_month(value: str | None) -> str:
    """The month 'present' means: `value` if it is a real YYYY-MM, this month if None."""
    if value is None:
        return current_month()
    if not re.fullmatch(r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])", value.strip()):
        raise ConfigError(f"the as-of month must be written YYYY-MM (e.g. 2026-11), not '{value}'")
    return value.strip()


@dataclass(frozen=True)
class Triage:
    """Everything one skim produced, from the resume to the verdict."""

    resume: Resume
    skim: Skim
    knockouts: tuple[KnockoutResult, ...]
    verdict: Verdict
    requisition: Requisition
    profile: Profile
    as_of: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `python -m triage score --json` (stable, rounded)."""
        r = lambda x: round(float(x), DIGITS)  # noqa: E731
        skim = self.skim
        elements = []
        for i, e in enumerate(skim.elements):
            first = skim.first_noticed_s[i]
            elements.append({
                "id": e.id, "kind": e.kind, "text": e.text, "page": e.page,
                "bbox": [r(v) for v in e.bbox], "p_noticed": r(skim.p_noticed[i]),
                "first_noticed_s": None if first != first else r(first),
                "dwell_s": r(skim.dwell_s[i]), "role_index": e.role_index,
            })

        def finding(s) -> dict[str, Any]:
            f = s.finding
            return {"signal": f.signal, "polarity": f.polarity, "strength": r(f.strength),
                    "message": f.message, "fix": f.fix, "evidence": list(f.evidence),
                    "p_noticed": r(s.p_noticed), "contribution": r(s.contribution)}

        v = self.verdict
        return {
            "verdict": v.label,
            "score": r(v.score),
            "reasons": list(v.reasons),
            "questions": list(v.questions),
            "knockouts": [{"id": k.id, "question": k.question, "status": k.status,
                           "evidence": k.evidence, "evidence_spans": list(k.evidence_spans)}
                          for k in self.knockouts],
            "findings": [finding(s) for s in v.scored],
            "fixes": [{"signal": f.signal, "message": f.message, "fix": f.fix,
                       "evidence": list(f.evidence), "gain": r(f.gain), "findings": f.findings}
                      for f in ranked_fixes(v, self.profile)],
            "top_fixes": TOP_FIXES,
            "seen": [finding(s) for s in v.seen],
            "missed": [finding(s) for s in v.missed],
            "elements": elements,
            "scan_paths": [[[i, r(a), r(b)] for i, a, b in path] for path in skim.scan_paths],
            "budget_s": r(skim.budget_s),
            "seed": skim.seed,
            "recruiters": skim.recruiters,
            "as_of": self.as_of,
            "requisition": self.requisition.id,
            "profile": self.profile.name,
            "resume": self.resume.to_dict(),
        }


def score(source: str | Path | bytes | Resume, requisition: Requisition | str | Path | None = None,
          profile: Profile | str | Path | None = None,
          answers: dict[str, Any] | str | Path | None = None, budget: float | None = None,
          seed: int | None = None, filename: str | None = None, as_of: str | None = None
          ) -> Triage:
    """Skim a resume as a recruiter would and decide yes / maybe / no."""
    resume = source if isinstance(source, Resume) else parse(source, filename)
    req = requisition if isinstance(requisition, Requisition) else load_requisition(
        requisition or "mlops")
    prof = profile if isinstance(profile, Profile) else load_profile(profile)
    if budget is not None:
        prof = replace(prof, budget_s=float(budget))
    if seed is not None:
        prof = replace(prof, seed=int(seed))
    given = answers if isinstance(answers, dict) else load_answers(answers)
    month = checked_month(as_of)
    first_page = resume.document.pages[0]
    skim = simulate(build_elements(resume), prof, req,
                    page_size=(first_page.width, first_page.height),
                    body_size=resume.document.body_size)
    knockouts = evaluate_knockouts(req.knockouts, resume, given, month)
    ctx = SignalContext(resume, skim, req, prof, knockouts, given, month)
    verdict = decide(run_signals(ctx), knockouts, skim, prof)
    return Triage(resume, skim, knockouts, verdict, req, prof, month)
