"""The Calibrate page: a recruiting team labels resumes the way they really screen (each one
flashes for the round's budget, then hides), imports labels made elsewhere, and sets up rounds.

Labels go to the team's store (triage.store): a SQLite file on this machine by default, or the
team's PostgreSQL when SKIM_DATABASE_URL says so.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from triage import ReadError, bounded, parse
from triage.batch import Settings as BatchSettings
from triage.batch import run as run_batch
from triage.batch import worker_count
from triage.store import Showing, Store, StoreError
from triage.ui import agreement_view, common, job_input

VERDICT_BUTTONS = {"yes": ":material/check_circle: Yes", "maybe": ":material/help: Maybe",
                   "no": ":material/cancel: No"}
# What a screener may say they remember, in the words of the skim model's elements.
REMEMBERED = ("Name", "Current title", "Current employer", "Dates", "Location", "Degree",
              "Skills", "A number or result", "Work authorisation")
SHOWN_AT = "calibrate_shown_at"  # the showing on screen now, and when it was hidden
SCREENER = "calibrate_screener"


def _summary(data: bytes, name: str) -> dict[str, object]:
    resume = bounded(parse, data, filename=name)
    current = resume.roles[0] if resume.roles else None
    return {"name": resume.contact.name or "", "pages": len(resume.document.pages),
            "roles": len(resume.roles), "title": (current.title or "") if current else "",
            "company": (current.company or "") if current else ""}


def _setup(store: Store) -> None:
    """A new round: a job, resumes (uploads or the built-in samples), flash time, repeats."""
    with st.form("new_round", clear_on_submit=False):
        name = st.text_input("Round name", placeholder="e.g. MLOps, spring intake")
        job = st.selectbox("The job", common.REQUISITIONS, format_func=job_input.title_of)
        uploads = st.file_uploader("Resumes", type=common.UPLOAD_TYPES,
                                   accept_multiple_files=True, key="round_files")
        use_samples = st.checkbox("Add the built-in sample resumes", value=not uploads)
        budget = st.number_input("Seconds each resume is shown", min_value=1.0,
                                 max_value=120.0, value=6.0, step=0.5)
        repeats = st.number_input(
            "Hidden repeats", min_value=0, value=0, step=1,
            help="Show this many resumes a second time, later in the round, without saying "
                 "so: how often a screener agrees with themselves.")
        keep = st.checkbox(
            "Keep these files in the team's store, so screeners can be shown them",
            help="Resumes are personal data: without this, only their fingerprint and summary "
                 "are stored, and a round cannot show them.")
        if not st.form_submit_button("Create the round"):
            return
    files = [(u.getvalue(), u.name) for u in uploads or []]
    if use_samples:
        files += [((common.SAMPLES / n).read_bytes(), n) for n in common.samples()]
    problems = ([] if name.strip() else ["Give the round a name."]) + (
        [] if files else ["Add at least one resume."]) + (
        [] if keep else ["Tick 'keep these files' to show them in a round."])
    if problems:
        for problem in problems:
            st.error(problem)
        return
    ids, unreadable = [], []
    for data, file_name in files:
        try:
            ids.append(store.add_resume(data, file_name, _summary(data, file_name),
                                        keep_file=True))
        except ReadError as exc:
            unreadable.append(f"{file_name}: {exc.message}")
    try:
        round_id = store.create_round(name.strip(), common.store_requisition(store, job),
                                      ids, float(budget), int(repeats))
    except StoreError as exc:
        st.error(str(exc))
        return
    st.success(f"Round '{name.strip()}' is ready: {len(ids)} resumes, "
               f"{len(ids) + int(repeats)} showings (round {round_id}).")
    for line in unreadable:
        st.warning(f"Left out: {line}")


def _flash(showing: Showing, budget: float) -> float:
    """Show the resume's pages for exactly the budget, then hide them; returns the seconds it
    was on screen (measured on the server, from sending the pictures to removing them)."""
    pictures = common.page_images(showing.content or b"", showing.file_name)
    slot = st.empty()
    start = time.perf_counter()
    slot.image(pictures, width="stretch", alt=[f"Resume page {n}" for n in
                                                range(1, len(pictures) + 1)])
    time.sleep(budget)
    slot.empty()
    return time.perf_counter() - start


def _label(store: Store, screener: str) -> None:
    """The screener's next resume in the chosen round: flash, then yes / maybe / no."""
    rounds = store.rounds()
    if rounds.empty:
        st.info("No rounds yet: set one up in 'New round'.")
        return
    names = dict(zip(rounds["name"], rounds["id"], strict=True))
    chosen = st.selectbox("Round", list(names), key="calibrate_round")
    round_id = int(names[chosen])
    budget = float(rounds.set_index("id").loc[round_id, "budget_s"])
    screener_id = store.screener(screener)
    done, total = store.progress(round_id, screener_id)
    st.progress(done / total if total else 1.0, text=f"{done} of {total} labelled")
    showing = store.next_showing(round_id, screener_id)
    if showing is None:
        st.success("You have labelled every resume in this round. Thank you.")
        return
    shown = st.session_state.get(SHOWN_AT)
    if shown is None or shown[0] != showing.item_id:
        if not st.button(f"Show the next resume for {budget:g} s", type="primary",
                         key="calibrate_show"):
            return
        seconds = _flash(showing, budget)
        st.session_state[SHOWN_AT] = (showing.item_id, seconds)
        shown = st.session_state[SHOWN_AT]
    st.markdown("**Would you call this candidate?**")
    noticed = st.multiselect("What do you remember seeing? (optional)", REMEMBERED,
                             key=f"noticed_{showing.item_id}")
    for column, (verdict, label) in zip(st.columns(3), VERDICT_BUTTONS.items(), strict=True):
        if column.button(label, key=f"verdict_{verdict}", width="stretch"):
            store.add_label(showing.item_id, screener_id, verdict, seconds=round(shown[1], 3),
                            noticed=noticed)
            st.session_state.pop(SHOWN_AT, None)
            st.rerun()


def _import(store: Store) -> None:
    st.caption("A CSV with columns file (or sha256), screener, verdict (yes, maybe or no) and "
               "optionally seconds. The resumes must be in the store already. Every row is "
               "checked first: if any is wrong, nothing is imported.")
    upload = st.file_uploader("Labels (CSV)", type=["csv"], key="labels_csv")
    if upload is None or not st.button("Import", key="import_labels"):
        return
    try:
        text = upload.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError:
        st.error("This file is not UTF-8 text; export it again as CSV (UTF-8).")
        return
    result = store.import_labels(text)
    if result.errors:
        st.error("Nothing was imported:\n" + "\n".join(f"- {common.md(e)}"
                                                       for e in result.errors))
    else:
        st.success(f"Imported {result.imported} labels.")


@st.cache_data(show_spinner="Scoring the round…", max_entries=4)
def _scored_round(files: tuple[tuple[str, bytes], ...], requisition_toml: str) -> pd.DataFrame:
    """Every uploaded file (zips opened) scored in worker processes, one row each; nothing
    stays on disk afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "round"
        folder.mkdir()
        for n, (name, data) in enumerate(files):
            (folder / f"{n:04d}-{Path(name).name}").write_bytes(data)
        job = Path(tmp) / "job.toml"
        job.write_text(requisition_toml, encoding="utf-8")
        table = run_batch([str(folder)], Path(tmp) / "results.csv",
                          BatchSettings(requisition=str(job)), workers=worker_count(None))
    table["file"] = table["file"].map(lambda f: f.split("/round/", 1)[-1].split("-", 1)[-1])
    return table.drop(columns=["sha256", "worker_peak_mb"])


def _score_folder(settings: common.Settings) -> None:
    """A round scored by the simulator alone: a table to filter and download."""
    st.caption("Upload many resumes, or a zip of a folder: each is scored against the job "
               "below in a separate worker, with a time and memory limit, and a file that "
               "cannot be read becomes a row that says why.")
    uploads = st.file_uploader("Resumes or a zip", type=[*common.UPLOAD_TYPES, "zip"],
                               accept_multiple_files=True, key="batch_files")
    if not uploads:
        return
    table = _scored_round(tuple((u.name, u.getvalue()) for u in uploads),
                          settings.requisition_toml)
    verdicts = st.multiselect("Show", ["yes", "maybe", "no", "errors"],
                              default=["yes", "maybe", "no", "errors"], key="batch_show")
    shown = table[table["verdict"].isin(verdicts) | (("errors" in verdicts)
                                                     & (table["error"] != ""))]
    st.dataframe(shown, hide_index=True, column_config={
        "score": st.column_config.ProgressColumn("score", min_value=0.0, max_value=1.0,
                                                 format="%.2f")})
    st.download_button("Download the table (CSV)", shown.to_csv(index=False),
                       file_name="round-results.csv", mime="text/csv", on_click="ignore")


def render() -> None:
    """Draw the Calibrate page (runs when Streamlit executes this file as a page)."""
    st.title("Calibrate")
    st.caption("Label resumes as your team really screens them, see how far you agree with "
               "each other and with the simulator, and fit the simulator to your team.")
    try:
        store = common.team_store()
    except Exception:  # a wrong SKIM_DATABASE_URL, a server down: say so, never a traceback
        st.error("The team's store cannot be opened. Check SKIM_DATABASE_URL, or unset it to "
                 "use a file on this machine.")
        return
    screener = st.text_input("Your name", key=SCREENER, persist_state="session",
                             help="Labels are kept under this name, to compare screeners.")
    with st.expander("The job and skim settings for the folder and for all labels"):
        settings = common.settings()
    label_tab, agree_tab, setup_tab, import_tab, batch_tab = st.tabs(
        ["Label", "Agreement", "New round", "Import labels", "Score a folder"])
    with label_tab:
        if screener.strip():
            _label(store, screener.strip())
        else:
            st.info("Enter your name to start labelling.")
    with agree_tab:
        agreement_view.agreement(store, settings)
    with setup_tab:
        _setup(store)
    with import_tab:
        _import(store)
    with batch_tab:
        _score_folder(settings)


if __name__ == "__main__":
    render()
