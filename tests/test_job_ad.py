"""Job ads read into requisitions: sections, cues, knockouts, files and the command line."""

from __future__ import annotations

import io
import tomllib

import pytest

from training.job_ads import ADS, evaluate, matched, same_knockout, same_term
from triage.cli import main
from triage.errors import ReadError
from triage.job_ad import ad_text, read_job_ad, seniority_of
from triage.requisition import load_requisition, requisition_to_toml

LISTED_AD = """\
Senior Reliability Engineer (m/w/d) – Rotterdam

About us
We build route planning software for ferries. Python and Kubernetes run everything here.

What you'll do
- Run our Kubernetes clusters
- Improve alerting with Prometheus

Requirements:
- 6+ years of experience with Linux administration
- Strong knowledge of Terraform, Ansible and PostgreSQL
- Bachelor's degree in Computer Science or a related field
- Fluent English
- You must be eligible to work in the EU

Nice to have
- Experience with Grafana
- Rust (a plus)

What we offer
- Salary between 70k and 90k, a bonus and 30 days of holiday
"""

PROSE_AD = """\
Night Baker
Loaf & Crumb, Leipzig

We are looking for a baker to join our night team. You will need solid experience with
sourdough fermentation and laminated doughs. A food hygiene certificate is required.
Experience with wood-fired ovens is a plus. Applications must be received by Friday.
Bonus points if you have a warm smile: we offer a bonus and free meals.
"""


def _names(terms) -> list[str]:
    return [t.name for t in terms]


def test_sections_give_must_and_nice_and_nothing_from_duties_or_perks() -> None:
    req = read_job_ad(LISTED_AD).requisition
    assert _names(req.must_have) == ["Linux administration", "Terraform", "Ansible", "PostgreSQL"]
    assert _names(req.nice_to_have) == ["Grafana", "Rust"]
    assert req.title == "Senior Reliability Engineer"
    assert req.seniority == "senior"


def test_hard_conditions_become_knockouts_not_skills() -> None:
    req = read_job_ad(LISTED_AD).requisition
    found = {k.kind: k.required for k in req.knockouts}
    assert found == {"location": ("Rotterdam",), "min_years": 6, "degree": "bachelor",
                     "language": "English", "work_rights": ("EU",)}
    assert req.location == "Rotterdam"
    assert len({k.id for k in req.knockouts}) == len(req.knockouts)


def test_prose_cues_decide_must_and_nice_and_skip_how_to_apply() -> None:
    reading = read_job_ad(PROSE_AD)
    req = reading.requisition
    assert _names(req.must_have) == ["sourdough fermentation", "laminated doughs"]
    assert _names(req.nice_to_have) == ["wood-fired ovens"]
    assert [(k.kind, k.required) for k in req.knockouts] == [
        ("location", ("Leipzig",)), ("certification", "food hygiene certificate")]
    sentence = next(e.sentence for e in reading.evidence if e.value == "laminated doughs")
    assert sentence.startswith("You will need solid experience")


TRIMMING_AD = """Line Cook – Harbour Kitchens Inc – Denver

Requirements:
- Our kitchen has 85 years of history
- 3 years of post-qualification experience in wound care
- Warehouse team supervision experience in a busy depot
- Proven experience as a Line Cook
- Helm knowledge is nice to have but not a must
"""


def test_items_are_trimmed_to_what_they_name() -> None:
    req = read_job_ad(TRIMMING_AD).requisition
    # "experience in" leads into the skill unless two words already named it; the job's own
    # title is no skill; a cue in mid-clause keeps the side that names something
    assert _names(req.must_have) == ["wound care", "Warehouse team supervision"]
    assert _names(req.nice_to_have) == ["Helm"]
    # 85 "years" of history are no experience asked for; a legal form is no place
    assert [(k.kind, k.required) for k in req.knockouts] == [
        ("location", ("Denver",)), ("min_years", 3)]


def test_an_ad_that_takes_beginners_wants_a_junior() -> None:
    assert seniority_of("Support Specialist", None, takes_beginners=True) == "junior"
    assert seniority_of("Support Specialist", None) == "senior"
    assert seniority_of("Head of Support", None, takes_beginners=True) == "lead"
    assert seniority_of("Baker", 6) == "senior"
    assert seniority_of("Baker", 1) == "junior"
    assert seniority_of("Baker", 3) == "mid"


def test_requisition_round_trips_through_toml() -> None:
    req = read_job_ad(LISTED_AD).requisition
    assert load_requisition(tomllib.loads(requisition_to_toml(req))) == req


def test_job_ad_files_are_read_like_resumes() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in PROSE_AD.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    text = ad_text(buffer.getvalue(), "ad.docx")
    assert "sourdough fermentation" in text
    assert ad_text(PROSE_AD.encode("cp1252"), "ad.txt") == PROSE_AD
    with pytest.raises(ReadError):
        ad_text(b"%PDF-1.4 broken", "ad.pdf")


def test_command_line_prints_a_requisition_toml(tmp_path, capsys) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text(LISTED_AD, encoding="utf-8")
    assert main(["requisition", str(ad)]) == 0
    loaded = load_requisition(tomllib.loads(capsys.readouterr().out))
    assert loaded.title == "Senior Reliability Engineer"
    assert main(["requisition", str(ad), "--explain"]) == 0
    assert "Terraform" in capsys.readouterr().out
    assert main(["requisition", str(tmp_path / "missing.txt")]) == 3


def test_terms_match_one_to_one_in_the_evaluation() -> None:
    assert same_term("Python scripting", "python")
    assert not same_term("clinical experience in ICU", "ICU")
    assert same_term("Kubernetes", "Kubernets")
    assert matched(["Python", "Python"], ["Python"]) == 1
    assert matched(["SQL", "Go"], ["sql", "Rust"]) == 1


def test_knockouts_match_by_kind_and_value_in_the_evaluation() -> None:
    req = read_job_ad(LISTED_AD).requisition
    by_kind = {k.kind: k for k in req.knockouts}
    assert same_knockout(by_kind["work_rights"], {"kind": "work_rights", "required": ["EU"]})
    assert not same_knockout(by_kind["work_rights"],
                             {"kind": "work_rights", "required": ["United States"]})
    assert same_knockout(by_kind["min_years"], {"kind": "min_years", "required": 6})
    assert not same_knockout(by_kind["min_years"], {"kind": "degree", "required": 6})


def test_the_dev_ads_are_read_as_well_as_the_readme_says() -> None:
    tally = evaluate(ADS / "dev")
    assert tally.ads >= 25
    assert tally.ratio("must_have_hit", "must_have_got") >= 0.68
    assert tally.ratio("must_have_hit", "must_have_want") >= 0.74
    assert tally.ratio("knockout_hit", "knockout_want") >= 0.82
