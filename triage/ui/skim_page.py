"""The Skim page: one resume through a recruiter's eyes, with the verdict and what to change."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import streamlit as st

from triage import Triage
from triage.document import PAGE_APPROXIMATE, PAGE_FROM_LIBREOFFICE
from triage.figures import noticed_by
from triage.report import locate, signal_help, signal_title
from triage.ui import common, job_input

DEFAULT_SAMPLE = "career_changer.pdf"
NOTICED_NOW = "Noticed by now"
HOW_TO_READ = (
    "**How to read this.** Two hundred simulated recruiters skim your resume for a few seconds "
    "each, the way eye-tracking studies show real ones do: name, current title, employer and "
    "dates first, then the first words of bullets. The colours on the page show where their "
    "eyes landed; the verdict is what a recruiter would decide from what they saw, and the "
    "fixes are the changes that would move it most.")
PATH_CHOICES = ("off", "1", "2", "3")
DEFAULT_VIEW = next(iter(common.VIEWS))  # where eyes landed
REPLAYING = "replaying"
STOP_TICKS = "stop_replay_ticks"
REPLAY_AT = "replay_at"  # where the replay stands, kept apart from the slider's own state
REPLAY_STEP_S = 0.25  # skim seconds per replay tick (the slider's step)
REPLAY_TICK_S = 0.5  # wall-clock seconds between ticks


def _fix_key(index: int, fix: dict[str, Any]) -> str:
    """A checkbox key tied to the fix itself, so a new resume does not inherit old ticks."""
    text = "|".join([fix["signal"], fix["message"], *fix["evidence"]])
    return f"fix_{index}_{hashlib.sha1(text.encode()).hexdigest()[:12]}"


def _where(report: dict[str, Any], evidence: list[str]) -> str:
    place = locate(report, evidence)
    return place.words() if place else "not tied to one place on the page"


def _evidence_list(report: dict[str, Any], findings: list[dict[str, Any]], empty: str) -> None:
    if not findings:
        st.caption(empty)
        return
    st.markdown("\n".join(
        f"- **{signal_title(f['signal'])}** — {common.md(f['message'])} · noticed by "
        f"{f['p_noticed']:.0%} · {common.md(_where(report, f['evidence']))}" for f in findings))


def _ticked(report: dict[str, Any]) -> tuple[str, ...]:
    """The evidence ids of the fixes ticked in the checklist, to outline them on the page.
    Read from the checkboxes' state, so the page can be drawn before the checklist."""
    return tuple(i for index, fix in enumerate(report["fixes"])
                 if st.session_state.get(_fix_key(index, fix)) for i in fix["evidence"])


def _fixes(report: dict[str, Any]) -> None:
    """The fixes checklist, worth most first; the rest behind "more"."""
    if not report["fixes"]:
        st.caption("No negative findings: nothing to fix for this requisition.")
        return
    st.caption("The fixes worth most first. Tick a fix to outline its place on the page.")
    top = report["top_fixes"]
    for index, fix in enumerate(report["fixes"][:top]):
        _fix(report, index, fix)
    rest = report["fixes"][top:]
    if rest:
        with st.expander(f"{len(rest)} more"):
            for index, fix in enumerate(rest, start=top):
                _fix(report, index, fix)


def _fix(report: dict[str, Any], index: int, fix: dict[str, Any]) -> None:
    """One fix as a checkbox with its rewrite and place."""
    gain = f" (+{fix['gain']:.2f} if fixed)" if fix["gain"] >= 0.005 else ""
    st.checkbox(common.md(fix["message"]) + gain, key=_fix_key(index, fix))
    lines = [f"Where: {_where(report, fix['evidence'])}"]
    if fix["fix"]:
        lines.insert(0, f"Rewrite: {fix['fix']}")
    st.caption("  \n".join(common.md(line) for line in lines))


def _elements_table(triage: Triage, report: dict[str, Any], t: float) -> None:
    """The heatmap as a table, for reading rather than looking."""
    p = noticed_by(triage, t)
    rows = [{"Text": e["text"], "Kind": e["kind"], "Page": e["page"] + 1,
             NOTICED_NOW: float(p[i]), "First seen at (s)": e["first_noticed_s"],
             "Seconds read": e["dwell_s"]} for i, e in enumerate(report["elements"])]
    st.dataframe(sorted(rows, key=lambda r: -r[NOTICED_NOW]), hide_index=True,
                 column_config={NOTICED_NOW: st.column_config.ProgressColumn(
                     NOTICED_NOW, min_value=0.0, max_value=1.0, format="percent",
                     help="Share of simulated recruiters who had noticed it by the time on "
                          "the slider."),
                     "Seconds read": st.column_config.NumberColumn(
                         help="Average time one recruiter spent reading it in the whole skim.")})


def _time_key(budget: float) -> str:
    """The time slider's key: one per budget, so a new budget starts at its own end."""
    return f"t_{budget}"


def _start_replay(key: str) -> None:
    st.session_state[key] = st.session_state[REPLAY_AT] = 0.0
    st.session_state[REPLAYING] = True


def _pause_replay() -> None:
    st.session_state[REPLAYING] = False
    st.session_state[STOP_TICKS] = True


def _replay_button(key: str) -> None:
    """Replay as a real button (reachable by keyboard), outside the ticking fragment, so a
    click reruns the whole page and starts the ticks; it acts in a callback, before the slider
    is drawn. Each tick moves the time slider a step, so the heat and the scan path build up
    together."""
    st.button("Replay the skim", icon=":material/play_arrow:", key="replay",
              help="Watch the heat build up fixation by fixation, from 0 s.",
              disabled=bool(st.session_state.get(REPLAYING)), on_click=_start_replay,
              args=(key,))


def _page_view(triage: Triage, images: list[bytes], report: dict[str, Any],
               highlight: tuple[str, ...]) -> None:
    """The page under the heat, its time slider and replay; reruns alone while replaying."""
    budget = triage.skim.budget_s
    key = _time_key(budget)
    if st.session_state.pop(STOP_TICKS, False):
        st.rerun()  # the whole page, so the fragment stops ticking
    # A run cut short (a tick interrupted by Pause) can lose the slider's state: the replay's
    # own clock then puts it back where the replay stood.
    st.session_state.setdefault(key, st.session_state.get(REPLAY_AT, budget))
    if st.session_state.get(REPLAYING):
        st.session_state[key] = min(budget, st.session_state[key] + REPLAY_STEP_S)
        st.session_state[REPLAY_AT] = st.session_state[key]
        if st.session_state[key] >= budget:
            st.session_state[REPLAYING] = False
            st.rerun()  # the whole page, so the fragment stops ticking
    view = st.segmented_control(
        "Show", list(common.VIEWS), default=DEFAULT_VIEW, key="heat_view",
        help="Where eyes landed: the simulated recruiters' reading time, drawn like an "
             "eye-tracking heatmap. Who noticed: each part coloured by the share of "
             "recruiters who noticed it.") or DEFAULT_VIEW
    slider_col, path_col = st.columns([3, 2])
    t = slider_col.slider("Seconds into the skim", 0.0, budget, step=REPLAY_STEP_S, key=key,
                          format="%.2f s")
    path = path_col.radio("Show the scan path of recruiter", PATH_CHOICES, index=1,
                          horizontal=True, key="scan_path")
    # Pause lives in the ticking fragment: its click joins the fragment's own reruns instead
    # of racing them.
    st.button("Pause", icon=":material/pause:", key="pause",
              disabled=not st.session_state.get(REPLAYING), on_click=_pause_replay)
    document = triage.resume.document
    if document.page_source == PAGE_APPROXIMATE:
        st.caption(f"This {document.source_format.upper()} file is drawn here from its text "
                   "on a Letter page, so the positions are approximate"
                   + (" (LibreOffice, which draws a Word file's real page, is not installed "
                      "here)" if document.source_format == "docx" else "")
                   + ". Upload the PDF you send to see the real page.")
    elif document.page_source == PAGE_FROM_LIBREOFFICE:
        st.caption("This Word file is drawn as LibreOffice lays it out; Word itself may "
                   "differ slightly.")
    common.show_heatmap(triage, images, key="heatmap", t=t,
                        path=None if path == "off" else int(path) - 1, highlight=highlight,
                        view=common.VIEWS[view])
    if st.toggle("The heatmap as a table", key="heat_table"):  # drawn on request (see above)
        _elements_table(triage, report, t)


def render() -> None:
    """Draw the Skim page (runs when Streamlit executes this file as a page)."""
    st.title("Skim")
    st.caption("See your resume through a recruiter's eyes: what gets noticed in the first "
               "seconds, whether it earns a yes, maybe or no, and what to change.")
    if not st.session_state.get("read_how_to"):
        strip, close = st.columns([12, 1], vertical_alignment="center")
        strip.info(HOW_TO_READ)
        if close.button("Got it", key="how_to_read_done"):
            st.session_state["read_how_to"] = True
            st.rerun()
    job_input.job_ad_input()
    settings = common.settings()
    source = common.resume_source("resume", DEFAULT_SAMPLE)
    job_input.requisition_editor(settings.requisition)
    result = common.skim(source, settings)
    if result is None:
        return
    triage, images = result
    report = triage.to_dict()
    common.verdict_card(triage, source, key="verdict")
    page_col, side_col = st.columns([3, 2], gap="large")
    with page_col:  # first, so the heatmap reaches the browser before the lists beside it
        _replay_button(_time_key(triage.skim.budget_s))
        replaying = bool(st.session_state.get(REPLAYING))
        st.fragment(_page_view, run_every=REPLAY_TICK_S if replaying else None)(
            triage, images, report, _ticked(report))
    with side_col:
        seen_tab, fixes_tab, download_tab = st.tabs(
            ["Seen vs missed", f"Fixes ({len(report['fixes'])})", "Download"])
        with seen_tab:
            st.markdown("**Strongest evidence seen**")
            _evidence_list(report, report["seen"], "Nothing strong was seen in time.")
            st.markdown("**Would have liked, but most recruiters did not reach it in time**")
            _evidence_list(report, report["missed"], "Nothing good was left unseen.")
            with st.expander("What these names mean"):
                named = sorted({f["signal"] for f in report["findings"]})
                st.markdown("\n".join(f"- **{signal_title(name)}**: {signal_help(name)}"
                                       for name in named))
        with fixes_tab:
            _fixes(report)
    # Last, so building the report's pictures never holds back the heatmap.
    with download_tab:
        st.download_button("Full report (JSON)", json.dumps(report, indent=2, ensure_ascii=False),
                           file_name="skim-report.json", mime="application/json",
                           on_click="ignore")
        st.download_button("Readable report (PDF)", common.report(source, settings, "pdf"),
                           file_name="skim-report.pdf", mime="application/pdf",
                           on_click="ignore")
        st.download_button("Readable report (HTML)", common.report(source, settings, "html"),
                           file_name="skim-report.html", mime="text/html", on_click="ignore")


if __name__ == "__main__":
    render()
