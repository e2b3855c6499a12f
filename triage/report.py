"""Readable reports and tables built from `Triage.to_dict()`.

Everything here works on the JSON shape, so the same report comes out of the UI, the CLI or a
saved JSON file. Resume text is personal data and untrusted input: in HTML every piece of it
goes through `html.escape`, so a resume cannot inject markup into the report.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

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


def locate(report: dict[str, Any], evidence: Sequence[str]) -> tuple[int, str] | None:
    """Where a finding sits on the page: (1-based page, element text) of its first evidence.

    Evidence may cite a whole span that the skim split into fields ("p0s11" for "p0s11.title"
    and "p0s11.company"); then the fields' texts are joined.
    """
    for element_id in evidence:
        parts = [e for e in report["elements"]
                 if e["id"] == element_id or e["id"].split(".")[0] == element_id]
        if parts:
            return parts[0]["page"] + 1, " ".join(e["text"] for e in parts)
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


def _list(items: Iterable[str]) -> str:
    body = "".join(f"<li>{escape(i)}</li>" for i in items)
    return f"<ul>{body}</ul>" if body else "<p class='none'>None.</p>"


def _findings_table(findings: list[dict[str, Any]]) -> str:
    if not findings:
        return "<p class='none'>None.</p>"
    rows = "".join(
        f"<tr><td>{escape(signal_title(f['signal']))}</td><td>{escape(f['message'])}</td>"
        f"<td>{f['p_noticed']:.0%}</td></tr>" for f in findings)
    return f"<table><tr><th>Signal</th><th>Evidence</th><th>Noticed by</th></tr>{rows}</table>"


def _fixes(report: dict[str, Any]) -> str:
    if not report["fixes"]:
        return "<p class='none'>Nothing to fix.</p>"
    items = []
    for fix in report["fixes"]:
        place = locate(report, fix["evidence"])
        where = (f"<div class='where'>Page {place[0]}: “{escape(place[1])}”</div>"
                 if place else "")
        rewrite = f"<div>Rewrite: {escape(fix['fix'])}</div>" if fix["fix"] else ""
        gain = f" (+{fix['gain']:.2f} if fixed)" if fix["gain"] >= 0.005 else ""
        items.append(f"<li><b>{escape(fix['message'])}</b>{gain}{rewrite}{where}</li>")
    top = report["top_fixes"]
    more = (f"<details><summary>{len(items) - top} more</summary><ol start='{top + 1}'>"
            f"{''.join(items[top:])}</ol></details>" if len(items) > top else "")
    return f"<ol>{''.join(items[:top])}</ol>{more}"


def to_html(report: dict[str, Any], job_title: str = "", file_name: str = "",
            pictures: Sequence[bytes] = ()) -> str:
    """A self-contained HTML report (no scripts, no external resources): the job it was read
    for by its title, the file, the heatmap of each page as an embedded PNG (`pictures`), the
    verdict, its reasons, the knockouts and the fixes."""
    name = report["resume"]["contact"].get("name") or "Unnamed resume"
    job = escape(job_title) if job_title else f"requisition {escape(report['requisition'])}"
    source = f"{escape(file_name)} · " if file_name else ""
    heat = "".join(
        f'<figure><img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" '
        f'alt="Page {n}: where simulated recruiters\' eyes landed" style="max-width:100%">'
        f"<figcaption>Page {n}</figcaption></figure>" for n, png in enumerate(pictures, start=1))
    heat_section = (f"<h2>Where recruiters' eyes landed in the first {report['budget_s']:g} s"
                    f"</h2>{heat}") if heat else ""
    word, meaning = VERDICT_WORDS[report["verdict"]]
    knockouts = "".join(
        f"<tr><td>{escape(k['question'])}</td><td>{escape(KNOCKOUT_WORDS[k['status']])}</td>"
        f"<td>{escape(k['evidence'])}</td></tr>" for k in report["knockouts"])
    noticed = sorted(report["elements"], key=lambda e: (-e["p_noticed"], e["id"]))[:TOP_ELEMENTS]
    elements = "".join(
        f"<tr><td>{escape(e['text'])}</td><td>{escape(e['kind'])}</td><td>{e['page'] + 1}</td>"
        f"<td>{e['p_noticed']:.0%}</td></tr>" for e in noticed)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Skim report — {escape(name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; color: #1b1f24;
       line-height: 1.45; padding: 0 1rem; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border-bottom: 1px solid #d8dee4; padding: .3rem .5rem; text-align: left;
          vertical-align: top; }}
.verdict {{ font-size: 2rem; font-weight: 700; }}
.none, .where, .meta {{ color: #57606a; }}
</style></head><body>
<h1>Skim report — {escape(name)}</h1>
<p class="meta">{source}for the job {job} · {report['budget_s']:g} s skim ·
{report['recruiters']} simulated recruiters · seed {report['seed']} · as of
{escape(report['as_of'])}</p>
<p class="verdict">{word} — {escape(meaning)}</p>
<p>Score {report['score']:.2f}</p>
<h2>Why</h2>{_list(report['reasons'])}
{heat_section}
<h2>Knockout questions</h2>
<table><tr><th>Question</th><th>Status</th><th>Evidence</th></tr>{knockouts}</table>
<h2>Questions to ask</h2>{_list(report['questions'])}
<h2>Seen in the first seconds</h2>{_findings_table(report['seen'])}
<h2>Would have liked, but most did not reach it in time</h2>{_findings_table(report['missed'])}
<h2>Fixes</h2>{_fixes(report)}
<h2>Most noticed on the page</h2>
<table><tr><th>Text</th><th>Kind</th><th>Page</th><th>Noticed by</th></tr>{elements}</table>
</body></html>
"""
