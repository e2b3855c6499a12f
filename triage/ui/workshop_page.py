"""The Workshop page, for a host and a projector: start a six-second challenge, let the room
join by code or QR, step through the resumes, and reveal the room's votes and memories beside
the simulator's verdict and gaze."""

from __future__ import annotations

import io
import tomllib
from collections import Counter
from html import escape

import segno
import streamlit as st

from triage.figures import heat_pictures, kernel_fwhm_pt, page_pictures, tap_density
from triage.report import VERDICT_WORDS
from triage.room import compare_room
from triage.store import StoreError
from triage.store.workshops import Workshop, Workshops
from triage.ui import common, job_input

HOST_CODE = "host_code"
PAIRS = common.SAMPLES / "demo_pairs" / "pairs.toml"
POLL_S = 2.0  # how often the host's counts refresh
VERDICT_ORDER = ("yes", "maybe", "no")


def _demo_pairs() -> list[dict]:
    """The shipped before/after pairs with their talking points (empty if none ship)."""
    if not PAIRS.is_file():
        return []
    return tomllib.loads(PAIRS.read_text(encoding="utf-8")).get("pairs", [])


def _setup(workshops: Workshops) -> None:
    pairs = _demo_pairs()
    with st.form("new_workshop"):
        chosen = st.multiselect("Demo pairs (each shows before, then after)",
                                [p["title"] for p in pairs],
                                default=[p["title"] for p in pairs[:2]])
        uploads = st.file_uploader("…and/or your own resumes", type=common.UPLOAD_TYPES,
                                   accept_multiple_files=True, key="workshop_files")
        job = st.selectbox("The job", common.REQUISITIONS, format_func=job_input.title_of,
                           help="Demo pairs bring their own job; this one is for uploads.")
        budget = st.number_input("Seconds each resume shows", min_value=1.0, max_value=60.0,
                                 value=6.0, step=0.5)
        consent = st.checkbox("Keep uploaded resumes in the store for this session",
                              help="Needed to show them to the room; demo pairs are fictional.")
        if not st.form_submit_button("Start the workshop", type="primary"):
            return
    store = workshops.store
    items: list[tuple[int, str, list[str], int]] = []
    names = {p["title"]: p for p in pairs}
    for title in chosen:
        pair = names[title]
        job_id = common.store_requisition(store, pair["requisition"])
        for side in ("before", "after"):
            path = PAIRS.parent / pair[side]
            items.append((store.add_resume(path.read_bytes(), path.name, {}, keep_file=True),
                          f"{pair['title']}: {side}",
                          [pair.get("change", ""), *pair.get("talking_points", [])]
                          if side == "after" else [], job_id))
    if uploads and not consent:
        st.error("Tick 'keep uploaded resumes' to show them to the room.")
        return
    job_id = common.store_requisition(store, job)
    for upload in uploads or []:
        items.append((store.add_resume(upload.getvalue(), upload.name, {}, keep_file=True),
                      upload.name, [], job_id))
    if not items:
        st.error("Choose a demo pair or upload a resume.")
        return
    code = workshops.create(job_id, items, float(budget))
    st.session_state[HOST_CODE] = code
    st.rerun()


def _join_link(code: str) -> str:
    base = (st.context.url or "http://127.0.0.1:8501").split("?")[0].rstrip("/")
    base = base.rsplit("/", 1)[0] if base.endswith("/workshop") else base
    return f"{base}/join?code={code}"


def _qr_png(link: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def _counts(workshops: Workshops, code: str) -> None:
    joined, voted = workshops.counts(code)
    st.markdown(f"### {joined} joined · {voted} voted")


def _reveal(workshops: Workshops, workshop: Workshop) -> None:
    """The room beside the simulator for the resume that is up."""
    item = workshop.item
    votes = workshops.votes(workshop.code)
    votes = votes[votes["position"] == item.position]
    split = Counter(votes["verdict"])
    triage = common.simulated(item.content or b"", item.file_name, item.requisition_toml)
    room, simulator = st.columns(2, gap="large")
    room.markdown("## The room")
    room.markdown("  \n".join(f"**{VERDICT_WORDS[v][0]}** {split.get(v, 0)} "
                              f"({split.get(v, 0) / max(len(votes), 1):.0%})"
                              for v in VERDICT_ORDER))
    if triage is None:
        simulator.error("The simulator could not read this resume.")
        return
    word, meaning = VERDICT_WORDS[triage.verdict.label]
    simulator.markdown(f"## The simulator: {word}")
    simulator.markdown(f"{meaning.capitalize()} · score {triage.verdict.score:.2f}")
    images = common.page_images(item.content or b"", item.file_name)
    taps = [tap for row in votes["taps"] for tap in row]
    fwhm = kernel_fwhm_pt(triage.profile)
    room.image(heat_pictures(images, tap_density(triage.resume.document.pages, taps, fwhm)),
               caption=[f"What the room remembered ({len(taps)} taps)"] * len(images))
    simulator.image(page_pictures(triage, images),
                    caption=[f"Where simulated recruiters' eyes landed in "
                             f"{triage.skim.budget_s:g} s"] * len(images))
    comparison = compare_room(triage, taps)
    lists = (("Only the room remembered", comparison.room_only),
             ("The simulator says a recruiter sees it; nobody tapped it",
              comparison.simulator_only),
             ("Both", comparison.both))
    for column, (title, texts) in zip(st.columns(3), lists, strict=True):
        column.markdown(f"**{title}**\n" + ("\n".join(f"- {common.md(t[:70])}" for t in texts)
                                             or "\n- nothing"))
    if item.notes:
        st.markdown("**Talking points**\n" + "\n".join(f"- {common.md(n)}" for n in item.notes))


def _summary_html(workshops: Workshops, workshop: Workshop) -> str:
    """A one-page summary for the room: each resume's vote split beside the simulator."""
    votes = workshops.votes(workshop.code)
    rows = []
    for item in workshop.items:
        split = Counter(votes.loc[votes["position"] == item.position, "verdict"])
        triage = common.simulated(item.content or b"", item.file_name, item.requisition_toml)
        verdict = VERDICT_WORDS[triage.verdict.label][0] if triage else "unreadable"
        rows.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in (
            item.title or item.file_name, item.job_title,
            *(split.get(v, 0) for v in VERDICT_ORDER),
            verdict)) + "</tr>")
    return ("<!doctype html><html lang='en'><meta charset='utf-8'><title>Six-second challenge"
            f"</title><body style='font-family:system-ui'><h1>Six-second challenge</h1><p>"
            f"{workshop.budget_s:g} s per resume</p><table border='1' cellpadding='6'><tr><th>"
            "Resume</th><th>Job</th><th>Yes</th><th>Maybe</th><th>No</th><th>Simulator</th>"
            f"</tr>{''.join(rows)}</table></body></html>")


def _host(workshops: Workshops, code: str) -> None:
    workshop = workshops.get(code)
    link = _join_link(code)
    head, qr = st.columns([3, 1])
    head.markdown(f"# Join at `{code}`")
    head.markdown(f"Open **{link}** on your phone, or scan the code.")
    qr.image(_qr_png(link), caption="Scan to join", width=220)
    st.fragment(_counts, run_every=POLL_S)(workshops, code)
    item = workshop.item
    back, show, reveal, end = st.columns(4)
    if back.button("Previous", disabled=workshop.current <= 0, key="host_back"):
        workshops.show(code, workshop.current - 1)
        st.rerun()
    last = workshop.current >= len(workshop.items) - 1
    label = "Show the first resume" if item is None else "Next resume"
    if show.button(label, type="primary", disabled=last, key="host_next"):
        workshops.show(code, workshop.current + 1)
        st.rerun()
    if reveal.button("Reveal", disabled=item is None or workshop.revealed, key="host_reveal"):
        workshops.reveal(code)
        st.rerun()
    if end.button("New workshop", key="host_end"):
        st.session_state.pop(HOST_CODE)
        st.rerun()
    if item is None:
        st.info(f"{len(workshop.items)} resumes ready. When the room has joined, show the "
                "first one.")
    else:
        st.markdown(f"## Resume {item.position + 1} of {len(workshop.items)}: "
                    f"{common.md(item.title or item.file_name)}")
        st.caption(f"For the job {item.job_title}, {workshop.budget_s:g} s each.")
        if workshop.revealed:
            _reveal(workshops, workshop)
        else:
            st.caption("The room sees it for the budget on their phones, votes and taps what "
                       "they remember. Reveal when the votes are in.")
    votes = workshops.votes(code).drop(columns=["participant"])
    left, right = st.columns(2)
    left.download_button("Results (CSV)", votes.to_csv(index=False),
                         file_name=f"workshop-{code}.csv", mime="text/csv", on_click="ignore")
    right.download_button("Summary for the room (HTML)", _summary_html(workshops, workshop),
                          file_name=f"workshop-{code}.html", mime="text/html",
                          on_click="ignore")


def render() -> None:
    """Draw the Workshop page (runs when Streamlit executes this file as a page)."""
    try:
        workshops = Workshops(common.team_store())
    except Exception:  # a wrong SKIM_DATABASE_URL, a server down: say so, never a traceback
        st.error("The store cannot be opened. Check SKIM_DATABASE_URL, or unset it.")
        return
    code = st.session_state.get(HOST_CODE)
    if code is None:
        st.title("Six-second challenge")
        st.caption("Run a workshop: each resume flashes on the room's phones for a few "
                   "seconds; the room votes and marks what it remembers; then you reveal "
                   "the room beside the simulator.")
        _setup(workshops)
        return
    try:
        _host(workshops, code)
    except StoreError as exc:
        st.error(str(exc))


if __name__ == "__main__":
    render()
