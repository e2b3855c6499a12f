"""Structure on real inputs: the shared corpus (with truth), the samples, and arbitrary text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage import parse
from triage.evaluate import evaluate, table

SAMPLES = Path(__file__).resolve().parents[1] / "sample_resumes"
PERSONAS = ["senior_mlops", "career_changer", "gaps_and_stints", "new_graduate",
            "designer_two_column", "keyword_stuffer", "nurse_manager"]


def test_corpus_accuracy(corpus_dir: Path) -> None:
    scores = evaluate(corpus_dir)
    print(table(scores))
    roles = sum(s.roles_total for s in scores)
    right = sum(s.roles_ok for s in scores)
    assert right / roles >= 0.9, table(scores)
    assert all(s.name_ok and s.email_ok for s in scores), table(scores)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("ext", ["pdf", "docx", "txt", "json"])
def test_samples_parse_in_every_format(persona: str, ext: str) -> None:
    resume = parse(SAMPLES / f"{persona}.{ext}")
    assert resume.contact.name and resume.contact.email
    assert len(resume.roles) >= 3
    current = resume.roles[0]
    assert current.title and current.company and current.start
    assert current.end == "present" or persona == "new_graduate"
    assert all(r.start for r in resume.roles)


def test_formats_agree_on_the_roles() -> None:
    """The same person read from PDF, DOCX, text and JSON gives the same titles and dates."""
    for persona in PERSONAS:
        seen = {
            ext: [(r.title, r.start, r.end) for r in parse(SAMPLES / f"{persona}.{ext}").roles]
            for ext in ("pdf", "docx", "txt", "json")
        }
        assert len({tuple(v) for v in seen.values()}) == 1, (persona, seen)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_json_resume_is_read_from_its_own_fields(persona: str) -> None:
    """A JSON Resume names every field it prints, so every parser that reads layouts gives
    exactly the source's roles and schools, whatever the labeller would have guessed."""
    import json

    source = json.loads((SAMPLES / f"{persona}.json").read_text(encoding="utf-8"))
    want = [(w["position"], w["name"], w["startDate"][:7], w.get("endDate", "present")[:7])
            for w in source["work"]]
    for parser in ("auto", "learned"):
        resume = parse(SAMPLES / f"{persona}.json", parser=parser)
        assert [(r.title, r.company, r.start, r.end) for r in resume.roles] == want
        assert resume.contact.name == source["basics"]["name"]
        assert [e.institution for e in resume.education] == [
            e["institution"] for e in source.get("education", [])]


def test_two_column_sidebar_stays_out_of_the_jobs() -> None:
    resume = parse(SAMPLES / "designer_two_column.pdf")
    assert resume.document.pages[0].columns == 2
    assert resume.contact.name == "Camille Laurent"
    sidebar_words = {"Figma", "Storybook", "Prototyping"}
    for role in resume.roles:
        assert not sidebar_words & set(" ".join(role.bullets).split())
    assert {"Figma", "Storybook"} <= set(resume.skills)


def test_hidden_text_is_flagged_and_kept_out_of_the_structure() -> None:
    resume = parse(SAMPLES / "keyword_stuffer.pdf")
    hidden = resume.document.hidden_spans
    reasons = {s.hidden_reason for s in hidden}
    assert {"same colour as background", "tiny"} <= reasons
    assert any("invisible" in w for w in resume.warnings)
    visible_text = " ".join(" ".join(r.bullets) for r in resume.roles)
    assert not any(s.text in visible_text for s in hidden if len(s.text) > 20)


def test_to_dict_has_the_cli_shape() -> None:
    data = parse(SAMPLES / "senior_mlops.pdf").to_dict()
    assert set(data["contact"]) >= {"name", "email", "phone", "location"}
    assert set(data["roles"][0]) >= {"title", "company", "location", "start", "end", "bullets"}
    assert set(data["education"][0]) >= {"institution", "degree", "end"}
    assert data["pages"] == 2
    assert isinstance(data["skills"], list) and isinstance(data["warnings"], list)


resume_like = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(["EXPERIENCE", "## Education", "Skills:", "• Built things",
                         "Engineer — Acme | Jan 2020 – Present", "- helped", "2019 - 2021",
                         "Acme, Engineer", "   ", "Jan 2020", "| | |", "•"]),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resume_like)
def test_structure_never_crashes_on_arbitrary_text(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8")
    try:
        resume = parse(data, filename="cv.txt")
    except Exception as exc:  # only the typed, explained errors may escape
        from triage.errors import ReadError

        assert isinstance(exc, ReadError), repr(exc)
        return
    resume.to_dict()
    for role in resume.roles:
        assert role.title or role.company


def test_letter_spaced_headings_label_columns_french_dates_and_bare_years() -> None:
    """Templates outside the corpus: a dates column on the left, letter-spaced French headings,
    a label column for skills, French month names and years without months."""
    from tests.conftest import make_pdf

    roles = [("Ingénieure MLOps", "Banque Lumière", "janv. 2021 – aujourd'hui"),
             ("Data Scientist", "Start-up Azur", "sept. 2018 – déc. 2020"),
             ("Stagiaire Data", "Orange", "2017 – 2018")]

    def draw(pdf) -> None:
        pdf.set_font("Helvetica", "B", 20)
        pdf.text(50, 60, "Claire Dubois")
        pdf.set_font("Helvetica", "", 10)
        pdf.text(50, 80, "claire.dubois@exemple.fr  |  +33 6 12 34 56 78  |  Paris, France")
        pdf.set_font("Helvetica", "B", 11)
        pdf.text(50, 120, "E X P É R I E N C E   P R O F E S S I O N N E L L E")
        y = 140
        for title, company, dates in roles:
            pdf.set_font("Helvetica", "B", 10)
            pdf.text(150, y, f"{title}, {company}")
            pdf.set_font("Helvetica", "", 10)
            pdf.text(50, y, dates)
            pdf.text(160, y + 14, "• Déployé des modèles en production avec Kubernetes")
            y += 36
        pdf.set_font("Helvetica", "B", 11)
        pdf.text(50, y, "Compétences")
        pdf.set_font("Helvetica", "", 10)
        pdf.text(150, y, "Python, Kubernetes, MLflow")

    resume = parse(make_pdf(draw), filename="cv.pdf")
    assert [(r.title, r.company, r.start, r.end) for r in resume.roles] == [
        ("Ingénieure MLOps", "Banque Lumière", "2021-01", "present"),
        ("Data Scientist", "Start-up Azur", "2018-09", "2020-12"),
        ("Stagiaire Data", "Orange", "2017", "2018"),
    ]
    assert resume.sections[0].heading == "EXPÉRIENCE PROFESSIONNELLE"
    assert resume.skills == ["Python", "Kubernetes", "MLflow"]


def test_several_roles_at_one_company_and_two_degrees_from_one_school() -> None:
    from tests.conftest import make_pdf

    def draw(pdf) -> None:
        def row(y: float, left: str, right: str, style: str = "", size: float = 10) -> None:
            pdf.set_font("Helvetica", style, size)
            pdf.text(50, y, left)
            pdf.set_font("Helvetica", "", 10)
            pdf.text(470, y, right)

        pdf.set_font("Helvetica", "B", 20)
        pdf.text(50, 60, "Sam Okafor")
        pdf.set_font("Helvetica", "", 10)
        pdf.text(50, 80, "sam.okafor@example.com | London, UK")
        pdf.set_font("Helvetica", "B", 12)
        pdf.text(50, 120, "EXPERIENCE")
        row(142, "Acme Analytics Ltd", "London, UK", "B", 11)
        row(157, "Senior Data Engineer", "Since 2022", "I")
        pdf.text(58, 171, "• Built the streaming ingestion for 40 sources")
        row(189, "Data Engineer", "2019 – 2021", "I")
        pdf.text(58, 203, "• Cut pipeline failures by 60%")
        pdf.set_font("Helvetica", "B", 12)
        pdf.text(50, 235, "EDUCATION")
        row(257, "University of Leeds", "", "B", 11)
        row(272, "MSc Data Science", "2015 – 2016")
        row(286, "BSc Mathematics", "2012 – 2015")

    resume = parse(make_pdf(draw), filename="cv.pdf")
    assert [(r.title, r.company, r.start, r.end) for r in resume.roles] == [
        ("Senior Data Engineer", "Acme Analytics Ltd", "2022", "present"),
        ("Data Engineer", "Acme Analytics Ltd", "2019", "2021"),
    ]
    assert [(e.degree, e.institution, e.end) for e in resume.education] == [
        ("MSc Data Science", "University of Leeds", "2016"),
        ("BSc Mathematics", "University of Leeds", "2015"),
    ]
