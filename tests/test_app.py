"""The Streamlit pages through AppTest, plus the views they are built from (figures, report,
rendering). The pages are driven as a user would: pick, upload, move the slider, tick a fix."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from triage import ConfigError, score
from triage.figures import GAZE, HIGHLIGHT, NOTICED, heatmap, page_pictures
from triage.render import render_pages
from triage.report import locate, signal_deltas, to_html
from triage.requisition import KNOCKOUT_KINDS
from triage.ui import common, job_input

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SAMPLES = ROOT / "sample_resumes"
BAD_PDF = b"%PDF-1.7 garbage"
JOB_AD = """Night Baker
Loaf & Crumb, Leipzig

You will need solid experience with sourdough fermentation and laminated doughs.
"""


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every set of page pictures the pages drew: the arguments and the pictures."""
    calls: list[dict[str, Any]] = []
    real = common.page_pictures

    def spy(triage: Any, images: list[bytes], **kwargs: Any) -> list[bytes]:
        pictures = real(triage, images, **kwargs)
        calls.append({**kwargs, "pictures": pictures, "pages": len(triage.resume.document.pages)})
        return pictures

    monkeypatch.setattr(common, "page_pictures", spy)
    return calls


def _shown(drawn: list[dict[str, Any]]) -> dict[str, Any]:
    """The heatmap pictures last shown on the page (the report draws its own, without a view)."""
    shown = [call for call in drawn if "view" in call]
    assert shown, "no heatmap picture on the page"
    return shown[-1]


@pytest.fixture
def app(drawn: list[dict[str, Any]]) -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    return at


def _figure(at: AppTest, index: int = 0) -> dict[str, Any]:
    charts = at.get("plotly_chart")
    assert charts, "no plotly chart on the page"
    return json.loads(charts[index].proto.spec)


def _card(at: AppTest) -> str:
    """The verdict card's text (heading and score line), markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in at.markdown[:2]))


def _rects(figure: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in figure["layout"]["shapes"] if s["type"] == "rect"]


def test_skim_page_shows_verdict_and_heatmap(app: AppTest, drawn: list[dict[str, Any]]
                                             ) -> None:
    card = _card(app)
    assert any(word in card for word in ("YES", "MAYBE", "NO"))
    assert "6 s skim of the sample career_changer.pdf" in card
    shown = _shown(drawn)
    assert shown["view"] == GAZE and len(app.get("image")) == 1
    assert len(shown["pictures"]) == shown["pages"]
    assert all(p.startswith(b"\xff\xd8") for p in shown["pictures"])  # JPEG, for the screen
    assert any("Bright = most recruiters looked here" in c.value for c in app.caption)
    assert any("The heatmap in words" in e.label for e in app.expander)
    app.segmented_control(key="heat_view").set_value("Who noticed each part").run()
    noticed = _shown(drawn)
    assert noticed["view"] == NOTICED and noticed["pictures"] != shown["pictures"]
    app.toggle(key="heatmap_zoom").set_value(True).run()
    figure = _figure(app)  # the interactive view of the same
    result = score(SAMPLES / "career_changer.pdf")
    assert len(figure["layout"]["images"]) == len(result.resume.document.pages)
    assert len(_rects(figure)) >= len(result.skim.elements)  # one per element, a frame per page
    assert not app.get("exception")


def test_first_visit_strip_explains_and_goes_when_read(app: AppTest) -> None:
    assert "How to read this" in app.info[0].value
    [done] = [b for b in app.button if b.label == "Got it"]
    done.click().run()
    assert not [i for i in app.info if "How to read this" in i.value]


def test_signal_names_are_explained_in_plain_words(app: AppTest) -> None:
    [names] = [e for e in app.expander if e.label == "What these names mean"]
    text = names.markdown[0].value
    assert "**" in text and "_" not in text.split(":")[0]  # display names, not signal keys
    assert "Track record" in text or "Results" in text


def test_a_page_drawn_from_text_says_it_is_approximate(app: AppTest) -> None:
    assert not [c for c in app.caption if "positions are approximate" in c.value]
    app.selectbox(key="resume_sample").set_value("career_changer.txt").run()
    assert [c for c in app.caption if "positions are approximate" in c.value]


def test_budget_preset_changes_the_skim(app: AppTest) -> None:
    app.radio(key="budget_preset").set_value("30 s (careful)").run()
    assert not app.exception
    assert "30 s skim" in _card(app)
    assert any("eyes landed in the first 30 s" in c.value for c in app.caption)
    assert app.slider(key="t_30.0").value == 30.0


def test_time_slider_reslices_without_rescoring(app: AppTest, drawn: list[dict[str, Any]],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_score = common.score
    monkeypatch.setattr(common, "score", lambda *a, **k: calls.append(1) or real_score(*a, **k))
    full = _shown(drawn)
    app.slider(key="t_6.0").set_value(1.0).run()
    early = _shown(drawn)
    assert not app.exception
    assert calls == []  # served from the cache: the slider only re-slices p_by_time
    assert full["t"] == 6.0 and early["t"] == 1.0 and early["path"] == 0
    assert early["pictures"] != full["pictures"]  # less heat so far, a shorter path
    assert any("eyes landed in the first 1 s" in c.value for c in app.caption)


def test_replay_starts_the_skim_over_and_pause_stops_it(app: AppTest) -> None:
    [replay] = [b for b in app.button if b.label == "Replay the skim"]
    replay.click().run()
    assert not app.exception
    assert app.session_state["replaying"]
    assert app.slider(key="t_6.0").value == 0.25  # one tick from 0 s
    [pause] = [b for b in app.button if b.label == "Pause"]
    pause.click().run()
    assert not app.session_state["replaying"]
    assert app.slider(key="t_6.0").value == 0.25


def test_ticking_a_fix_outlines_its_place(app: AppTest, drawn: list[dict[str, Any]]) -> None:
    before = _shown(drawn)
    assert not before["highlight"]
    report = score(SAMPLES / "career_changer.pdf").to_dict()
    placed = [i for i, f in enumerate(report["fixes"]) if locate(report, f["evidence"])]
    assert placed, "the default sample should have something to fix on the page"
    [box] = [c for c in app.checkbox if c.key.startswith(f"fix_{placed[0]}_")]
    box.check().run()
    assert not app.exception
    after = _shown(drawn)
    assert set(after["highlight"]) == set(report["fixes"][placed[0]]["evidence"])
    assert after["pictures"] != before["pictures"]


def test_corrupt_upload_shows_plain_error_then_recovers(app: AppTest) -> None:
    app.file_uploader(key="resume").set_value(("bad.pdf", BAD_PDF, "application/pdf")).run()
    assert not app.exception
    assert [e.value for e in app.error] == [
        "This PDF is damaged or incomplete and could not be read; export it again from the "
        "original document."]
    assert not app.get("image") and not app.get("plotly_chart")
    good = (SAMPLES / "nurse_manager.txt").read_bytes()
    app.file_uploader(key="resume").set_value(("cv.txt", good, "text/plain")).run()
    assert not app.exception and not app.error
    assert "skim of your upload cv.txt" in _card(app)
    assert app.get("image")


def _toml(app: AppTest, name: str = "mlops") -> str:
    return app.session_state[job_input.toml_key(name)]


def _open_editor(app: AppTest, name: str = "mlops") -> None:
    app.toggle(key=f"edit_requisition_{name}").set_value(True).run()


def test_the_job_editor_is_drawn_only_on_request(app: AppTest) -> None:
    assert not [t for t in app.text_input if t.label == "Job title"]
    _open_editor(app)
    assert [t for t in app.text_input if t.label == "Job title"]


def test_requisition_form_edits_the_toml(app: AppTest) -> None:
    _open_editor(app)
    [title] = [t for t in app.text_input if t.label == "Job title"]
    title.set_value("Staff ML Platform Engineer")
    [apply] = [b for b in app.button if b.label == "Apply"]
    apply.click().run()
    assert not app.exception and not app.error
    assert 'title = "Staff ML Platform Engineer"' in _toml(app)
    assert any("Staff ML Platform Engineer" in e.label for e in app.toggle)
    # the picker shows the job by its new title, not the shipped one
    assert app.selectbox(key="requisition").options[0] == "Staff ML Platform Engineer"
    assert not app.code  # no raw TOML (and its regular expressions) on screen


def test_an_empty_title_is_refused_in_plain_words(app: AppTest) -> None:
    _open_editor(app)
    [title] = [t for t in app.text_input if t.label == "Job title"]
    title.set_value("  ")
    [apply] = [b for b in app.button if b.label == "Apply"]
    apply.click().run()
    assert not app.exception
    assert "the job title is empty" in app.error[0].value
    assert job_input.toml_key("mlops") not in app.session_state  # nothing was applied


def test_a_pasted_job_ad_becomes_the_job(app: AppTest) -> None:
    [read] = [b for b in app.button if b.label == "Read the job ad"]
    read.click().run()
    assert "Paste the job ad" in app.warning[0].value
    # In a form, the text travels with the press, not on its own run.
    app.text_area(key="job_ad_text").set_value(JOB_AD)
    [read] = [b for b in app.button if b.label == "Read the job ad"]
    read.click().run()
    assert not app.exception and not app.error
    assert app.selectbox(key="requisition").value == job_input.YOURS
    assert "for the job Night Baker" in _card(app)
    assert "sourdough fermentation" in _toml(app, job_input.YOURS)


def test_a_saved_requisition_loads_and_a_bad_one_is_refused(app: AppTest) -> None:
    saved = (ROOT / "triage" / "configs" / "nurse.toml").read_bytes()
    app.file_uploader(key="requisition_file").set_value(
        ("nurse.toml", b"title = [", "application/toml")).run()
    assert "not TOML" in app.error[0].value
    app.file_uploader(key="requisition_file").set_value(
        ("job.toml", saved, "application/toml")).run()
    assert not app.exception and not app.error
    assert app.selectbox(key="requisition").value == job_input.YOURS
    assert "for the job" in _card(app)


def test_edited_tables_become_terms_and_knockouts() -> None:
    terms = pd.DataFrame([
        {"What": "Job title", "Name": " Baker ", "Other spellings": "Boulanger, ",
         "From the ad": ""},
        {"What": "Must-have", "Name": "sourdough", "Other spellings": None, "From the ad": "x"},
        {"What": "Nice-to-have", "Name": "", "Other spellings": "", "From the ad": ""}])
    assert job_input.terms_from_frame(terms) == {
        "titles": [{"name": "Baker", "aliases": ["Boulanger"]}],
        "must_have": [{"name": "sourdough", "aliases": []}], "nice_to_have": []}
    before = [{"id": "night", "question": "Nights?", "kind": "yes_no", "required": "yes",
               "resume_yes": ["night shifts?"]}]
    knockouts = pd.DataFrame([
        {"Question": "Nights?", "Kind": "Yes/no question", "Required": "Yes",
         "Only if asked outright": True, "From the ad": "", "id": "night"},
        {"Question": "Years?", "Kind": "Years of experience", "Required": "3",
         "Only if asked outright": False, "From the ad": "", "id": None},
        {"Question": "Where?", "Kind": "Work from", "Required": "Leipzig, remote",
         "Only if asked outright": False, "From the ad": "", "id": None}])
    got = job_input.knockouts_from_frame(knockouts, before)
    assert got[0] == {"id": "night", "question": "Nights?", "kind": "yes_no", "required": "yes",
                      "resume_yes": ["night shifts?"], "strict": True}
    assert got[1]["required"] == 3 and isinstance(got[1]["required"], int)
    assert got[1]["id"] == "question_2"
    assert got[2]["required"] == ["Leipzig", "remote"]
    bad = knockouts.assign(Required=["maybe", "three", ""])
    with pytest.raises(ConfigError, match="yes or no"):
        job_input.knockouts_from_frame(bad.iloc[:1], before)
    with pytest.raises(ConfigError, match="years must be a number"):
        job_input.knockouts_from_frame(bad.iloc[1:2], before)
    with pytest.raises(ConfigError, match="say what answer"):
        job_input.knockouts_from_frame(bad.iloc[2:], before)
    assert set(job_input.KNOCKOUT_WORDS) == set(KNOCKOUT_KINDS)


def test_compare_page_shows_signal_deltas(app: AppTest) -> None:
    app.switch_page("triage/ui/compare_page.py").run()
    assert not app.exception
    assert len(app.get("image")) == 2
    table = app.dataframe[0].value
    assert list(table.columns) == ["signal", "A", "B", "delta"]
    assert len(table) >= 10  # every weighted signal, even those without findings
    assert ((table["delta"] - (table["B"] - table["A"])).abs() <= 0.0011).all()


def test_report_html_escapes_resume_text() -> None:
    report = score(SAMPLES / "career_changer.pdf").to_dict()
    evil = "<script>alert(1)</script>"
    report["resume"]["contact"]["name"] = evil
    report["elements"][0]["text"] = evil
    report["reasons"].append(evil)
    html = to_html(report, job_title=evil, file_name=evil)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_report_names_the_job_and_file_and_shows_the_heatmap() -> None:
    data = (SAMPLES / "senior_mlops.pdf").read_bytes()
    triage = score(data, filename="senior_mlops.pdf")
    pictures = page_pictures(triage, render_pages(data, triage.resume.document))
    assert len(pictures) == 2 and all(p.startswith(b"\x89PNG") for p in pictures)
    html = to_html(triage.to_dict(), job_title="Senior MLOps Engineer",
                   file_name="senior_mlops.pdf", pictures=pictures)
    assert "for the job Senior MLOps Engineer" in html and "senior_mlops.pdf ·" in html
    assert html.count('<img src="data:image/png;base64,') == 2
    assert "Page 2: where simulated recruiters' eyes landed" in html
    bare = to_html(triage.to_dict())
    assert "<img" not in bare and "requisition mlops-senior-berlin" in bare


def test_the_page_offers_the_readable_report(app: AppTest) -> None:
    labels = [b.label for b in app.get("download_button")]
    assert "Readable report (HTML)" in labels and "Readable report (PDF)" in labels


def test_signal_deltas_lists_every_signal_biggest_change_first() -> None:
    a = {"findings": [{"signal": "results", "contribution": 0.1}]}
    b = {"findings": [{"signal": "results", "contribution": 0.5},
                      {"signal": "clarity", "contribution": -0.2}]}
    rows = signal_deltas(a, b, ["range"])
    assert [r["signal"] for r in rows] == ["Results", "Easy to read", "Scope"]
    assert rows[0] == {"signal": "Results", "A": 0.1, "B": 0.5, "delta": 0.4}


def test_non_pdf_pages_are_drawn_on_letter_paper() -> None:
    data = (SAMPLES / "senior_mlops.docx").read_bytes()
    triage = score(data, filename="senior_mlops.docx")
    images = render_pages(data, triage.resume.document)
    assert len(images) == len(triage.resume.document.pages)
    assert all(i.startswith(b"\x89PNG") for i in images)
    figure = heatmap(triage, images, t=2.0, path=0)
    assert len(figure.layout.images) == 2 * len(images)  # each page and its gaze layer


def test_markdown_escaping_makes_resume_text_inert() -> None:
    text = "![x](http://example.com/a.png) $x^2$ :red[alert] **bold**"
    escaped = common.md(text)
    assert "\\!\\[x\\]\\(http\\:" in escaped
    assert "\\$" in escaped and "\\:red\\[" in escaped and "\\*\\*" in escaped


def test_highlight_outlines_every_field_of_a_cited_span() -> None:
    triage = score(SAMPLES / "career_changer.pdf")
    span = next(e.id for e in triage.skim.elements if "." in e.id).split(".")[0]
    fields = [e for e in triage.skim.elements if e.id.split(".")[0] == span]
    figure = heatmap(triage, [], highlight=[span])
    outlined = [s for s in figure.layout.shapes if s.line.color == HIGHLIGHT]
    assert len(outlined) == len(fields) >= 2


def test_a_team_profile_changes_the_thresholds_and_can_be_dropped(app: AppTest) -> None:
    assert "yes ≥ 0.62" in _card(app)
    strict = b"[profile]\nyes_threshold = 0.95\nno_threshold = 0.9\n"
    app.file_uploader(key="profile_upload").set_value(("team.toml", strict, "text/plain")).run()
    assert not app.exception and "yes ≥ 0.95" in _card(app)
    assert any(c.value == "In use: your team's profile." for c in app.caption)
    next(b for b in app.button if b.label == "Use the built-in profile").click().run()
    assert "yes ≥ 0.62" in _card(app)
    bad = b"[profile]\nyes_threshold = 0.2\nno_threshold = 0.9\n"
    app.file_uploader(key="profile_upload").set_value(("bad.toml", bad, "text/plain")).run()
    assert any("thresholds need" in e.value for e in app.error)
    assert "yes ≥ 0.62" in _card(app)


def test_an_upload_is_read_scored_and_drawn_in_a_bounded_child(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A hostile file must cost the server a sentence, not a thread: every step of an upload's
    work goes through `triage.isolation.bounded` (its bounds are tested in test_isolation)."""
    steps: list[str] = []
    real = common.bounded

    def spy(function: Any, *args: Any, **kwargs: Any) -> Any:
        steps.append(function.__name__)
        return real(function, *args, **kwargs)

    monkeypatch.setattr(common, "bounded", spy)
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    good = (SAMPLES / "nurse_manager.txt").read_bytes()
    at.file_uploader(key="resume").set_value(("cv.txt", good, "text/plain")).run()
    assert not at.exception and "skim of your upload cv.txt" in _card(at)
    assert {"parse", "score", "render_pages"} <= set(steps)
