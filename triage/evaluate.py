"""Parser accuracy against a corpus of PDFs with truth files (see ../shared/corpus/README.md).

Roles are matched to the truth in document order; a field counts as right when it equals the
truth after folding case and white space. A role is right when title, company, start and end all
are. Run: `python -m triage accuracy [CORPUS_DIR]`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from triage.structure import DEFAULT_PARSER, Resume

ROLE_FIELDS = ("title", "company", "start", "end")
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _fold(value: object) -> str:
    return " ".join(str(value).replace("\u00ad", "-").split()).casefold() if value else ""


def _truth_end(role: dict) -> str | None:
    return "present" if role.get("ongoing") else role.get("end")


@dataclass
class FileScore:
    pdf: str
    name_ok: bool
    email_ok: bool
    roles_total: int
    roles_ok: int
    fields_ok: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def score_file(resume: Resume, truth: dict) -> FileScore:
    parsed = resume.roles
    result = FileScore(
        truth["pdf"],
        _fold(resume.contact.name) == _fold(truth["name"]),
        _fold(resume.contact.email) == _fold(truth["email"]),
        len(truth["roles"]),
        0,
        dict.fromkeys(ROLE_FIELDS, 0),
    )
    used: set[int] = set()
    for expected in truth["roles"]:
        want = {
            "title": _fold(expected["title"]),
            "company": _fold(expected["company"]),
            "start": _fold(expected.get("start")),
            "end": _fold(_truth_end(expected)),
        }
        best, best_hits = None, -1
        for index, role in enumerate(parsed):
            if index in used:
                continue
            got = {k: _fold(getattr(role, k)) for k in ROLE_FIELDS}
            hits = sum(got[k] == want[k] for k in ROLE_FIELDS)
            if hits > best_hits:
                best, best_hits = index, hits
        if best is None:
            result.misses.append(f"missing role {expected['title']!r} @ {expected['company']!r}")
            continue
        used.add(best)
        got = {k: _fold(getattr(parsed[best], k)) for k in ROLE_FIELDS}
        for k in ROLE_FIELDS:
            result.fields_ok[k] += got[k] == want[k]
        if got == want:
            result.roles_ok += 1
        else:
            wrong = {k: (got[k], want[k]) for k in ROLE_FIELDS if got[k] != want[k]}
            result.misses.append(f"role {expected['title']!r}: got/want {wrong}")
    return result


def evaluate(corpus: Path = DEFAULT_CORPUS, parser: str = DEFAULT_PARSER) -> list[FileScore]:
    from triage import parse

    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    return [score_file(parse(corpus / doc["pdf"], parser=parser), doc)
            for doc in truth["documents"]]


def table(scores: list[FileScore]) -> str:
    """A per-file and total accuracy table, as plain text."""
    rows = ["file | name | email | roles right | title | company | start | end"]
    totals = dict.fromkeys(ROLE_FIELDS, 0)
    n_roles = n_ok = 0
    for s in scores:
        n_roles += s.roles_total
        n_ok += s.roles_ok
        for k in ROLE_FIELDS:
            totals[k] += s.fields_ok[k]
        rows.append(
            f"{s.pdf[:58]} | {'ok' if s.name_ok else 'NO'} | {'ok' if s.email_ok else 'NO'} | "
            f"{s.roles_ok}/{s.roles_total} | "
            + " | ".join(f"{s.fields_ok[k]}/{s.roles_total}" for k in ROLE_FIELDS)
        )
    pct = 100 * n_ok / max(1, n_roles)
    rows.append(
        f"TOTAL | {sum(s.name_ok for s in scores)}/{len(scores)} | "
        f"{sum(s.email_ok for s in scores)}/{len(scores)} | {n_ok}/{n_roles} ({pct:.1f}%) | "
        + " | ".join(f"{100 * totals[k] / max(1, n_roles):.1f}%" for k in ROLE_FIELDS)
    )
    return "\n".join(rows)
