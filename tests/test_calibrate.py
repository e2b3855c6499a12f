"""The Calibrate page through AppTest, on a real SQLite store: set up a round, label it as two
screeners (each resume flashes, then hides), import labels, and the plain errors on the way."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from triage.store import Store

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGE = "triage/ui/calibrate_page.py"


@pytest.fixture
def store_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'team.db'}"
    monkeypatch.setenv("SKIM_DATABASE_URL", url)
    st.cache_resource.clear()
    return url


def _page(screener: str = "") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(PAGE).run()
    if screener:
        at.text_input(key="calibrate_screener").set_value(screener).run()
    assert not at.exception
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if label in b.label)


def _new_round(at: AppTest, name: str = "spring", keep: bool = True) -> None:
    next(t for t in at.text_input if t.label == "Round name").set_value(name)
    next(n for n in at.number_input if n.label.startswith("Seconds")).set_value(1.0)
    next(n for n in at.number_input if n.label == "Hidden repeats").set_value(1)
    if keep:
        next(c for c in at.checkbox if c.label.startswith("Keep these files")).check()
    _button(at, "Create the round").click().run()


def test_a_round_needs_consent_to_keep_the_files(store_url: str) -> None:
    at = _page("ana")
    _new_round(at, keep=False)
    assert [e.value for e in at.error] == ["Tick 'keep these files' to show them in a round."]
    assert Store(store_url).rounds().empty


def test_two_screeners_label_a_round_and_every_label_lands(store_url: str) -> None:
    at = _page("ana")
    _new_round(at)
    assert "Round 'spring' is ready" in at.success[0].value
    store = Store(store_url)
    [showings] = store.rounds()["showings"].tolist()
    for screener, verdict in (("ana", "yes"), ("bo", "no")):
        at = _page(screener)
        for _ in range(2):
            _button(at, "Show the next resume for 1 s").click().run()
            assert not at.get("image")  # shown for the budget, then hidden again
            at.multiselect(key=next(m.key for m in at.multiselect)).select("Current title")
            _button(at, verdict.capitalize()).click().run()
            assert not at.exception
    labels = store.labels()
    assert labels.groupby("screener")["verdict"].apply(set).to_dict() == {
        "ana": {"yes"}, "bo": {"no"}}
    assert len(labels) == 4 and showings > 2
    assert (labels["seconds"] >= 1.0).all()  # the flash lasted the budget
    assert "labelled" in at.get("progress")[0].proto.text


def test_label_import_names_bad_rows_and_imports_nothing(store_url: str) -> None:
    store = Store(store_url)
    store.add_resume(b"resume", "cv.pdf", {})
    at = _page("ana")
    at.file_uploader(key="labels_csv").set_value(
        ("labels.csv", b"file,screener,verdict\ncv.pdf,ana,yes\nother.pdf,ana,no\n", "text/csv")
    ).run()
    _button(at, "Import").click().run()
    assert "Nothing was imported" in at.error[0].value and "Line 3" in at.error[0].value
    assert store.labels().empty


def test_a_folder_upload_scores_into_a_table_with_error_rows(store_url: str) -> None:
    samples = Path(APP).parent / "sample_resumes"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(samples / "nurse_manager.txt", "folder/nurse.txt")
    at = _page()
    at.file_uploader(key="batch_files").set_value([
        ("senior.pdf", (samples / "senior_mlops.pdf").read_bytes(), "application/pdf"),
        ("broken.pdf", b"%PDF-1.7 garbage", "application/pdf"),
        ("folder.zip", archive.getvalue(), "application/zip")]).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert sorted(table["file"]) == ["broken.pdf", "folder.zip:folder/nurse.txt", "senior.pdf"]
    rows = table.set_index("file")
    assert "damaged" in rows.loc["broken.pdf", "error"]
    assert rows.loc["senior.pdf", "verdict"] in ("yes", "maybe", "no")
    at.multiselect(key="batch_show").set_value(["errors"]).run()
    assert at.dataframe[0].value["file"].tolist() == ["broken.pdf"]


def _labelled_team(store: Store, count: int = 12) -> None:
    """A round of `count` sample resumes (files kept) labelled by three screeners: one who
    answers as the simulator does, one who is harsher, one who says maybe to all."""
    from triage import score

    samples = sorted(p for p in (Path(APP).parent / "sample_resumes").iterdir()
                     if p.suffix in (".pdf", ".txt", ".json"))[:count]
    ids = []
    for path in samples:
        ids.append(store.add_resume(path.read_bytes(), path.name, {}, keep_file=True))
    job = store.add_requisition("mlops", "Senior MLOps Engineer",
                                (Path(APP).parent / "triage/configs/mlops.toml").read_text())
    round_id = store.create_round("team round", job, ids, budget_s=1.0)
    harsher = {"yes": "maybe", "maybe": "no", "no": "no"}
    simulated: dict[int, str] = {}
    for screener in ("sim", "harsh", "maybe"):
        who = store.screener(screener)
        while (showing := store.next_showing(round_id, who)) is not None:
            if showing.resume_id not in simulated:
                simulated[showing.resume_id] = score(
                    showing.content, filename=showing.file_name).verdict.label
            verdict = simulated[showing.resume_id]
            answer = {"sim": verdict, "harsh": harsher[verdict], "maybe": "maybe"}[screener]
            store.add_label(showing.item_id, who, answer, seconds=1.0)


def test_agreement_shows_every_screener_and_the_fit_saves_a_profile(store_url: str) -> None:
    store = Store(store_url)
    _labelled_team(store)
    at = _page("sim")
    at.selectbox(key="agreement_round").set_value("team round").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Resumes · labels"] == "12 · 36"
    charts = at.get("plotly_chart")
    assert len(charts) >= 4  # team, simulator, scores by verdict, confusion
    spec = charts[0].proto.spec
    assert all(name in spec for name in ("sim", "harsh", "maybe"))
    next(b for b in at.button if b.label == "Fit the simulator to this team").click().run()
    assert not at.exception
    version, toml, provenance = store.profile("team round")
    assert version == 1 and "[profile]" in toml and provenance["n_labels"] == 36
    assert any("fit did not see" in m.value for m in at.markdown)
    labels = [b.label for b in at.get("download_button")]
    assert "Download the fitted profile (version 1)" in labels
