"""Readable reports and tables built from `Triage.to_dict()`.

Everything here works on the JSON shape, so the same report comes out of the UI, the CLI or a
saved JSON file. Resume text is personal data and untrusted input: in HTML every piece of it
goes through `html.escape`, so a resume cannot inject markup into the report.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, NamedTuple

from triage.vocabulary import data_toml

VERDICT_WORDS = {
    "yes": ("YES", "worth a call"),
    "maybe": ("MAYBE", "a second look or a question first"),
    "no": ("NO", "not taken further"),
}
KNOCKOUT_WORDS = {"pass": "✔ pass", "fail": "✘ fail", "unknown": "? unknown — ask"}
TOP_ELEMENTS = 12


def signal_title(name: str) -> str:
    """How a signal reads to a candidate ('safe_pair_of_hands' -> 'Track record'), from
    data/signals/plain_words.toml; a signal missing there reads as its key in words."""
    entry = data_toml("signals/plain_words.toml").get(name, {})
    return entry.get("name") or name.replace("_", " ").capitalize()


def signal_help(name: str) -> str:
    """One line on what a signal looks for, in the candidate's terms ('' if none is written)."""
    return data_toml("signals/plain_words.toml").get(name, {}).get("help", "")


class Place(NamedTuple):
    """Where a finding sits: 1-based page, the text there, and whether that text is hidden (a
    hidden-text finding points at text a reader cannot see, but it is on the page)."""

    page: int
    text: str
    hidden: bool = False

    def words(self) -> str:
        """The place in words: 'page 1: “…”', or 'hidden on page 1: “…”'."""
        return f"{'hidden on ' if self.hidden else ''}page {self.page}: “{self.text}”"


def locate(report: dict[str, Any], evidence: Sequence[str]) -> Place | None:
    """Where a finding sits on the page: its first evidence among the skimmed elements, else
    among the hidden text.

    Evidence may cite a whole span that the skim split into fields ("p0s11" for "p0s11.title"
    and "p0s11.company"); then the fields' texts are joined.
    """
    hidden = report["resume"].get("layout", {}).get("hidden_text", [])
    for element_id in evidence:
        parts = [e for e in report["elements"]
                 if e["id"] == element_id or e["id"].split(".")[0] == element_id]
        if parts:
            return Place(parts[0]["page"] + 1, " ".join(e["text"] for e in parts))
        covert = [s for s in hidden if s["id"] == element_id]
        if covert:
            return Place(covert[0]["page"] + 1, covert[0]["text"], hidden=True)
    return None


def signal_totals(report: dict[str, Any]) -> dict[str, float]:
    """Each signal's summed contribution to the score."""
    totals: dict[str, float] = {}
    for finding in report["findings"]:
        totals[finding["signal"]] = totals.get(finding["signal"], 0.0) + finding["contribution"]
    return totals


def signal_deltas(a: dict[str, Any], b: dict[str, Any], signals: Iterable[str] = ()
                  ) -> list[dict[str, Any]]:
    """What an edit did: per signal, A's and B's contribution and the change, biggest first.

    `signals` lists signals to show even when neither version produced a finding for them.
    """
    ta, tb = signal_totals(a), signal_totals(b)
    names = sorted(set(signals) | set(ta) | set(tb))
    rows = [{"signal": signal_title(n), "A": round(ta.get(n, 0.0), 3),
             "B": round(tb.get(n, 0.0), 3), "delta": round(tb.get(n, 0.0) - ta.get(n, 0.0), 3)}
            for n in names]
    return sorted(rows, key=lambda r: (-abs(r["delta"]), r["signal"]))


@dataclass(frozen=True)
class Item:
    """One entry of a report list: a line, optionally bold, with notes under it."""

    text: str
    bold: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """One part of a report: a list of items, or a table (`header` and `rows`). `folded` parts
    sit behind "more" where the format can fold."""

    heading: str
    items: tuple[Item, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    ordered: bool = False
    start: int = 1
    folded: bool = False
    empty: str = "None."


@dataclass(frozen=True)
class Outline:
    """What a readable report says, in order, before any format: the HTML and PDF reports are
    drawn from this one outline, so they cannot drift apart."""

    title: str
    meta: str
    verdict: str
    score: str
    before_pictures: tuple[Section, ...]
    pictures_heading: str
    after_pictures: tuple[Section, ...]


def _fix_items(report: dict[str, Any], fixes: list[dict[str, Any]]) -> tuple[Item, ...]:
    items = []
    for fix in fixes:
        place = locate(report, fix["evidence"])
        notes = ((f"Rewrite: {fix['fix']}",) if fix["fix"] else ()) + (
            (f"Where: {place.words()}",) if place else ())
        gain = f" (+{fix['gain']:.2f} if fixed)" if fix["gain"] >= 0.005 else ""
        items.append(Item(fix["message"] + gain, bold=True, notes=notes))
    return tuple(items)


def _findings(heading: str, findings: list[dict[str, Any]]) -> Section:
    return Section(heading, header=("Signal", "Evidence", "Noticed by"), rows=tuple(
        (signal_title(f["signal"]), f["message"], f"{f['p_noticed']:.0%}") for f in findings))


def outline(report: dict[str, Any], job_title: str = "", file_name: str = "") -> Outline:
    """The readable report of one skim: the job it was read for by its title, the file, the
    verdict, its reasons, the knockouts, what was seen and missed, and the fixes (the top ones
    first, the rest folded)."""
    name = report["resume"]["contact"].get("name") or "Unnamed resume"
    job = job_title or f"requisition {report['requisition']}"
    source = f"{file_name} · " if file_name else ""
    word, meaning = VERDICT_WORDS[report["verdict"]]
    top = report["top_fixes"]
    noticed = sorted(report["elements"], key=lambda e: (-e["p_noticed"], e["id"]))[:TOP_ELEMENTS]
    return Outline(
        title=f"Skim report — {name}",
        meta=(f"{source}for the job {job} · {report['budget_s']:g} s skim · "
              f"{report['recruiters']} simulated recruiters · seed {report['seed']} · as of "
              f"{report['as_of']}"),
        verdict=f"{word} — {meaning}",
        score=f"Score {report['score']:.2f}",
        before_pictures=(Section("Why", items=tuple(Item(r) for r in report["reasons"])),),
        pictures_heading=f"Where recruiters' eyes landed in the first {report['budget_s']:g} s",
        after_pictures=(
            Section("Knockout questions", header=("Question", "Status", "Evidence"), rows=tuple(
                (k["question"], KNOCKOUT_WORDS[k["status"]], k["evidence"])
                for k in report["knockouts"])),
            Section("Questions to ask", items=tuple(Item(q) for q in report["questions"])),
            _findings("Seen in the first seconds", report["seen"]),
            _findings("Would have liked, but most did not reach it in time", report["missed"]),
            Section("Fixes", items=_fix_items(report, report["fixes"][:top]), ordered=True,
                    empty="Nothing to fix."),
            *((Section(f"{len(report['fixes']) - top} more fixes",
                       items=_fix_items(report, report["fixes"][top:]), ordered=True,
                       start=top + 1, folded=True),) if len(report["fixes"]) > top else ()),
            Section("Most noticed on the page", header=("Text", "Kind", "Page", "Noticed by"),
                    rows=tuple((e["text"], e["kind"], str(e["page"] + 1),
                                f"{e['p_noticed']:.0%}") for e in noticed)),
        ))


def _html_section(section: Section) -> str:
    if section.header:
        if not section.rows:
            return f"<p class='none'>{escape(section.empty)}</p>"
        head = "".join(f"<th>{escape(h)}</th>" for h in section.header)
        rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                       for row in section.rows)
        return f"<table><tr>{head}</tr>{rows}</table>"
    if not section.items:
        return f"<p class='none'>{escape(section.empty)}</p>"
    body = "".join(
        "<li>" + (f"<b>{escape(i.text)}</b>" if i.bold else escape(i.text))
        + "".join(f"<div class='note'>{escape(n)}</div>" for n in i.notes) + "</li>"
        for i in section.items)
    return (f"<ol start='{section.start}'>{body}</ol>" if section.ordered else
            f"<ul>{body}</ul>")


def _html_part(section: Section) -> str:
    if section.folded:
        return (f"<details><summary>{escape(section.heading)}</summary>"
                f"{_html_section(section)}</details>")
    return f"<h2>{escape(section.heading)}</h2>{_html_section(section)}"


def to_html(report: dict[str, Any], job_title: str = "", file_name: str = "",
            pictures: Sequence[bytes] = ()) -> str:
    """A self-contained HTML report (no scripts, no external resources) of `outline`, with the
    heatmap of each page as an embedded PNG (`pictures`)."""
    o = outline(report, job_title, file_name)
    heat = "".join(
        f'<figure><img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" '
        f'alt="Page {n}: where simulated recruiters\' eyes landed" style="max-width:100%">'
        f"<figcaption>Page {n}</figcaption></figure>" for n, png in enumerate(pictures, start=1))
    heat_section = f"<h2>{escape(o.pictures_heading)}</h2>{heat}" if heat else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(o.title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; color: #1b1f24;
       line-height: 1.45; padding: 0 1rem; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border-bottom: 1px solid #d8dee4; padding: .3rem .5rem; text-align: left;
          vertical-align: top; }}
.verdict {{ font-size: 2rem; font-weight: 700; }}
.none, .note, .meta {{ color: #57606a; }}
</style></head><body>
<h1>{escape(o.title)}</h1>
<p class="meta">{escape(o.meta)}</p>
<p class="verdict">{escape(o.verdict)}</p>
<p>{escape(o.score)}</p>
{"".join(_html_part(s) for s in o.before_pictures)}
{heat_section}
{"".join(_html_part(s) for s in o.after_pictures)}
</body></html>
"""
