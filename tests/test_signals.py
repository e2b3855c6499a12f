"""Every registered signal's own examples, plus the contract every signal keeps.

An example is one bullet, placed first in the current role of a plain resume whose other lines
are neutral for every signal, or a whole Markdown resume when it starts with "# ". Contexts are
built once per example text (parsing and the skim are the slow part).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sys
import time
from functools import cache
from pathlib import Path

import pytest
from conftest import make_pdf
from fpdf import FPDF

import triage
from triage.elements import build_elements
from triage.findings import NEGATIVE, SignalContext
from triage.knockouts import evaluate_knockouts
from triage.requisition import Requisition, Term, load_profile, load_requisition
from triage.signals import explained_risk, gimmicks, registry, run_signals, seniority_words
from triage.signals._match import term_hits
from triage.skim import simulate

AS_OF = "2026-11"
TEMPLATE = """# Alex Morgan
alex.morgan@example.com | +49 30 1234 5678 | Berlin, Germany

## Experience

### Senior MLOps Engineer — Acme Analytics
Jan 2022 – Present | Berlin, Germany

- {bullet}
- Wrote internal documentation for the analytics group
- Presented quarterly updates to the analytics guild

### Data Engineer — Northwind Logistics
Mar 2018 – Dec 2021 | Hamburg, Germany

- Wrote batch jobs in Airflow for the finance group
- Kept reporting tables up to date for the finance group

## Education

### BSc Computer Science — Technical University of Munich
2014 – 2018
"""


def resume_text(example: str) -> str:
    return example if example.startswith("# ") else TEMPLATE.format(bullet=example)


@cache
def context(example: str) -> SignalContext:
    """The context a signal sees for an example, against the MLOps requisition."""
    req = load_requisition("mlops")
    profile = load_profile()
    resume = triage.parse(resume_text(example).encode(), filename="cv.md")
    page = resume.document.pages[0]
    skim = simulate(build_elements(resume), profile, req, page_size=(page.width, page.height),
                    body_size=resume.document.body_size)
    knockouts = evaluate_knockouts(req.knockouts, resume, {}, AS_OF)
    return SignalContext(resume, skim, req, profile, knockouts, {}, AS_OF)


CASES = [
    pytest.param(signal, verdict, example, id=f"{signal.name}-{verdict}-{i}")
    for signal in registry()
    for verdict, examples in (("pass", signal.examples_pass), ("fail", signal.examples_fail))
    for i, example in enumerate(examples)
]
if "mutmut" in sys.modules:
    # A mutation run forks one process per mutant from a server that has collected the tests:
    # building every example's context (parse and skim, which signals do not touch) there,
    # once, spares each mutant that work.
    for case in CASES:
        context(case.values[2])


def _show(findings) -> str:
    return "\n".join(f"{f.polarity} {f.strength:.2f} {f.message}" for f in findings)


NEUTRAL = "Wrote release notes for the analytics group"


@pytest.mark.parametrize(("signal", "verdict", "example"), CASES)
def test_signal_examples(signal, verdict, example) -> None:
    """A failing example must make its own signal say something its baseline does not: the
    neutral bullet, or, where the template alone already draws this signal's negatives (an
    absence of something the neutral bullet lacks too), the signal's first passing example."""
    findings = signal.detect(context(example))
    baseline = {f.message for f in signal.detect(context(NEUTRAL)) if f.polarity == NEGATIVE}
    if baseline:
        baseline = {f.message for f in signal.detect(context(signal.examples_pass[0]))
                    if f.polarity == NEGATIVE}
    new = [f for f in findings if f.polarity == NEGATIVE and f.message not in baseline]
    if verdict == "fail":
        assert new, f"expected a new negative finding for:\n{example}\n{_show(findings)}"
    else:
        negatives = [f for f in findings if f.polarity == NEGATIVE]
        assert not negatives, f"expected no negative finding for:\n{example}\n{_show(negatives)}"


EXPECTED = {"safe_pair_of_hands", "clarity", "explained_risk", "how_they_read_it",
            "generic_virtues", "gimmicks", "knockouts", "results", "language_alignment",
            "seniority_words", "range", "relevance"}


def test_every_signal_is_registered_and_self_describing() -> None:
    signals = registry()
    assert {s.name for s in signals} == EXPECTED
    for signal in signals:
        assert len(signal.doc) > 80, signal.name
        assert signal.title and signal.title[0].isupper(), signal.name
        assert len(signal.examples_pass) >= 2 and len(signal.examples_fail) >= 2, signal.name


@pytest.mark.parametrize("signal", registry(), ids=lambda s: s.name)
def test_findings_are_well_formed_and_deterministic(signal) -> None:
    for example in signal.examples_pass + signal.examples_fail:
        ctx = context(example)
        first, second = signal.detect(ctx), signal.detect(ctx)
        assert first == second
        page_ids = {s.id for ln in ctx.resume.document.lines for s in ln.spans}
        for finding in first:
            assert finding.signal == signal.name
            assert finding.polarity in ("positive", "negative")
            assert 0.0 <= finding.strength <= 1.0
            assert set(finding.evidence) <= page_ids, finding
            assert finding.message.strip()
            if finding.polarity == NEGATIVE:
                assert finding.fix.strip(), finding


def test_the_template_is_neutral_for_bullet_signals() -> None:
    ctx = context(NEUTRAL)
    for signal in registry():
        if signal.name in ("seniority_words", "clarity", "generic_virtues", "gimmicks"):
            assert not [f for f in signal.detect(ctx) if f.polarity == NEGATIVE], signal.name


@pytest.mark.parametrize(("bullet", "rewrite"), [
    ("Helped with model deployment for the fraud team",
     "'Owned model deployment for the fraud team"),
    ("I helped build the feature store", "'Built the feature store"),
    ("Assisted senior engineers with moving 30 services to Kubernetes",
     "'Moved 30 services to Kubernetes, with senior engineers"),
    ("Helped maintain the Airflow DAGs", "'Maintained the Airflow DAGs"),
    ("Helped set up the CI pipeline", "'Set up the CI pipeline"),
])
def test_seniority_fix_rewrites_the_opening_and_keeps_the_object(bullet: str, rewrite: str
                                                                 ) -> None:
    findings = seniority_words.detect(context(bullet))
    assert any(rewrite in f.fix for f in findings if f.polarity == NEGATIVE), findings


def _mentions(example: str, req: Requisition, term: Term) -> list[str]:
    """The texts of the resume pieces where `term` was found."""
    return [u.text for u in term_hits(context(example).resume, req).get(term, [])]


@pytest.mark.parametrize("bullet", [
    "Ran the production ML infrastructure for six product teams",
    "Maintained the machine learning platform for the recommendations group",
    "Built machine learning infrastructure on Kubernetes",
])
def test_language_alignment_survives_differences_of_wording(bullet: str) -> None:
    req = load_requisition("mlops")
    platform = req.must_have[1]
    assert platform.name == "ML platform"
    # With the requisition's aliases, and with none: the synonym table alone must carry it.
    bare = Term("ML platform")
    no_aliases = dataclasses.replace(req, must_have=(bare,))
    assert bullet in _mentions(bullet, req, platform)
    assert bullet in _mentions(bullet, no_aliases, bare)


def test_the_mlops_title_alone_is_not_evidence_of_an_ml_platform() -> None:
    """The title is credited as the title; it must not also tick the 'ML platform' must-have."""
    req = load_requisition("mlops")
    platform = req.must_have[1]
    assert not [t for t in _mentions("Wrote internal tooling", req, platform) if "MLOps" in t]
    assert _mentions("Wrote internal tooling", req, req.titles[0])


def test_language_alignment_needs_the_words_close_together() -> None:
    req = load_requisition("mlops")
    devops_title = req.titles[1]
    far_apart = "Engineer on the pricing team; later set up DevOps tooling for the data group"
    assert far_apart not in _mentions(far_apart, req, devops_title)
    assert not _mentions("Wrote a blog post about gardening", req, req.must_have[2])


def test_hidden_text_is_a_gimmick_with_the_hidden_spans_as_evidence() -> None:
    def page(pdf: FPDF) -> None:
        pdf.text(72, 72, "Alex Morgan")
        pdf.text(72, 100, "alex.morgan@example.com")
        pdf.text(72, 140, "Experience")
        pdf.text(72, 170, "Senior MLOps Engineer, Acme Analytics   Jan 2022 - Present")
        pdf.set_text_color(255, 255, 255)
        pdf.text(72, 200, "kubernetes mlops kubeflow mlflow sagemaker")

    resume = triage.parse(make_pdf(page), filename="cv.pdf")
    ctx = SignalContext(resume, simulate(build_elements(resume), load_profile()),
                        load_requisition("mlops"), load_profile(), (), {}, AS_OF)
    hidden = {s.id for s in resume.document.hidden_spans}
    assert hidden
    found = [f for f in gimmicks.detect(ctx) if set(f.evidence) & hidden]
    assert found and found[0].polarity == NEGATIVE and found[0].strength == 1.0
    assert "kubernetes mlops" in found[0].message


def test_all_signals_on_one_resume_take_a_few_milliseconds() -> None:
    ctx = context(TEMPLATE.format(bullet="Owned model deployment for 40 models"))
    run_signals(ctx)  # warm the per-resume caches once
    fresh = context(TEMPLATE.format(bullet="Led the move of batch scoring onto Kubernetes"))
    start = time.perf_counter()
    run_signals(fresh)
    assert time.perf_counter() - start < 0.25


def test_a_layout_fix_only_where_the_layout_is_at_fault() -> None:
    """A JSON Resume has no layout of its own; a role header already on one bold line near the
    top draws no layout advice, whatever the budget left unread."""
    from pathlib import Path

    from triage import score
    samples = Path(__file__).resolve().parents[1] / "sample_resumes"
    for path in sorted(samples.glob("*.json")):
        fixes = [f for f in score(path, as_of=AS_OF).verdict.scored
                 if f.finding.signal == "how_they_read_it" and f.finding.polarity == NEGATIVE]
        assert not fixes, (path.name, fixes)
    on_one_line = ("# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n"
                   "**Senior MLOps Engineer — Acme Analytics   Jan 2022 – Present**\n\n"
                   "- Built the model registry\n")
    assert not [f for f in registry_signal("how_they_read_it").detect(context(on_one_line))
                if f.polarity == NEGATIVE]
    pushed_down = registry_signal("how_they_read_it").examples_fail[0]
    [fault] = [f for f in registry_signal("how_they_read_it").detect(context(pushed_down))
               if f.polarity == NEGATIVE]
    assert "move the summary and skills below it" in fault.fix.lower()


def registry_signal(name: str):
    return next(s for s in registry() if s.name == name)


@pytest.mark.parametrize(("persona", "requisition"), [
    ("nurse_manager", "nurse"), ("designer_two_column", "designer"), ("new_graduate", "nurse")])
def test_advice_fits_the_requisitions_field(persona: str, requisition: str) -> None:
    from pathlib import Path

    from triage import score
    path = Path(__file__).resolve().parents[1] / "sample_resumes" / f"{persona}.txt"
    fixes = [s.finding.fix for s in score(path, requisition, as_of=AS_OF).verdict.scored
             if s.finding.fix]
    assert fixes
    assert not [f for f in fixes if re.search(r"engineer|<the thing, with the tool>|in production",
                                              f)], fixes


def test_onboarding_scripts_are_not_leadership() -> None:
    from triage.signals import range as range_signal
    assert not range_signal._leadership(context("Wrote user onboarding scripts for the app"))
    assert range_signal._leadership(context("Onboarded 6 new engineers to the platform"))
    assert range_signal._leadership(context("Leading 40 nurses on a 32-bed unit"))


@pytest.mark.parametrize("bullet", [
    "Refonte de la marque et du site de Finly, application de paiement de la ville",
    "To be able to be there, to be on call and to be useful when it had to be done",
])
def test_repeated_function_words_and_common_verbs_are_not_stuffing(bullet: str) -> None:
    found = gimmicks.detect(context(bullet))
    assert not [f for f in found if "times in one line" in f.message], _show(found)
    stuffed = gimmicks.detect(context("Kubernetes Kubernetes Kubernetes Kubernetes operator"))
    assert [f for f in stuffed if "times in one line" in f.message]


GAP_CV = ("# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n{summary}\n\n## Experience"
          "\n\n### MLOps Engineer — Acme Analytics\nJan 2023 – Present | Berlin\n\n"
          "- Retraining models weekly with drift checks\n\n"
          "### ML Engineering Intern — Contract Logistics GmbH\nJan 2018 – Dec 2020 | Berlin\n\n"
          "- Built the model registry\n\n## Education\n\n{education}\n")


@pytest.mark.parametrize(("summary", "education", "explained"), [
    ("", "### BSc Physics — TU Berlin\n2014 – 2017", False),
    ("", "### MSc Computer Science — TU Berlin\nOct 2020 – Dec 2022", True),
    ("## Summary\n\nI took parental leave in 2021 and 2022.", "### BSc — TU Berlin\n2014 – 2017",
     True),
    ("## Summary\n\nParental leave in 2015.", "### BSc — TU Berlin\n2014 – 2017", False),
])
def test_a_gap_is_explained_only_by_what_sits_next_to_it(summary: str, education: str,
                                                         explained: bool) -> None:
    from triage.signals import explained_risk

    found = explained_risk.detect(context(GAP_CV.format(summary=summary, education=education)))
    [gap] = [f for f in found if "gap" in f.message]
    assert (gap.polarity == "positive") == explained, gap.message


@pytest.mark.parametrize(("bullet", "impact"), [
    ("Cared for my father through his illness and for other patients on the ward", False),
    ("Wrote user guides for the analytics group", False),
    ("Cut patient falls on the ward by 40% in a year", True),
    ("Saved €120k a year in cloud cost by moving batch jobs to spot instances", True),
])
def test_business_impact_needs_a_beneficiary_and_a_measured_change(bullet: str,
                                                                  impact: bool) -> None:
    from triage.signals import range as range_signal

    found = [u.text for u in range_signal._impact(context(bullet))]
    assert (bullet in found) == impact, found


@pytest.mark.parametrize(("bullet", "means"), [
    ("Maintained Airflow DAGs and Kubernetes manifests",
     "by maintaining Airflow DAGs and Kubernetes manifests'"),
    ("Duties included monitoring model performance", "by monitoring model performance'"),
    ("Tasked with looking after the inference cluster", "by looking after the inference cluster'"),
    ("Responsible for a 32-bed unit", "by running a 32-bed unit'"),
])
def test_a_duty_fix_keeps_the_duty_as_the_means_and_invents_nothing(bullet: str,
                                                                    means: str) -> None:
    from triage.signals import results

    [fix] = [f.fix for f in results.detect(context(bullet)) if "describes a duty" in f.message]
    assert means in fix and "<Cut or raised> <which measure>" in fix
    assert not re.search(r"Improved|Setted|Owned (maintain|set)", fix)


def test_no_relabel_advice_across_unrelated_careers() -> None:
    from triage.signals import language_alignment

    chef = ("# Sam Lee\nsam@example.com | Berlin, Germany\n\n## Experience\n\n### Head Chef — "
            "Bistro Mitte\nJan 2019 – Present | Berlin\n\n- Ran a kitchen of 12 cooks\n"
            "- Cut food waste by 30% with weekly stock counts\n")
    platform = chef.replace("Head Chef — Bistro Mitte", "Software Engineer — Acme").replace(
        "- Ran a kitchen of 12 cooks\n- Cut food waste by 30% with weekly stock counts\n",
        "- Ran model deployment on Kubernetes with CI/CD in Python\n- Built the ML platform "
        "and its model monitoring\n")
    [relabel] = [f for f in language_alignment.detect(context(chef))
                 if "current title" in f.message]
    assert "Keep your title" in relabel.fix and "→" not in relabel.fix
    [mirror] = [f for f in language_alignment.detect(context(platform))
                if "current title" in f.message]
    assert "→ 'Software Engineer (MLOps Engineer work)'" in mirror.fix


def test_a_staff_nurse_title_is_not_evidence_of_rostering() -> None:
    req = load_requisition("nurse")
    rostering = next(t for t in req.must_have if t.name == "rostering")
    text = ("# Niamh Walsh\nniamh@example.com | Galway, Ireland\n\n## Experience\n\n### Senior "
            "Staff Nurse — University Hospital Galway\nJan 2019 – Present | Galway\n\n"
            "- {bullet}\n")
    said = term_hits(context(text.format(bullet="Led the ward's falls audit")).resume, req)
    assert rostering not in said
    staffed = term_hits(context(text.format(bullet="Planned safe staffing for 30 beds")).resume,
                        req)
    assert [u.text for u in staffed[rostering]] == ["Planned safe staffing for 30 beds"]


# --- Golden findings -----------------------------------------------------------------------
# Every signal's findings (polarity, strength, evidence, message, fix…) on real resumes nobody
# wrote for these tests: the 48 of the verdict set against their own job, and the built-in
# samples as PDF against all three jobs. The examples above say *whether* a rule fires; this
# pins *what* it says and how strongly, so a changed message, strength or evidence list fails.
# After an intended change, rewrite the file and review its diff:
#     SKIM_UPDATE_GOLDEN=1 python -m pytest tests/test_signals.py -k golden
GOLDEN = Path(__file__).with_name("golden") / "findings.json"
VERDICT_SET = Path(__file__).resolve().parents[1] / "training" / "verdict_set"
SAMPLES = Path(__file__).resolve().parents[1] / "sample_resumes"
GOLDEN_JOBS = ("mlops", "nurse", "designer")


def _golden_inputs() -> list[tuple[str, Path, str]]:
    """(case id, file, requisition) for every golden case."""
    cases = [(path.stem, path, path.stem.split("_")[0])
             for path in sorted((VERDICT_SET / "resumes").glob("*.json"))]
    cases += [(f"sample-{path.stem}-{job}", path, job)
              for path in sorted(SAMPLES.glob("*.pdf")) for job in GOLDEN_JOBS]
    return cases


GOLDEN_CASES = _golden_inputs()


@cache
def _golden_context(path: Path, job: str) -> SignalContext:
    result = triage.score(path, requisition=job, as_of=AS_OF)
    return SignalContext(result.resume, result.skim, result.requisition, result.profile,
                         result.knockouts, {}, result.as_of)


def _findings_record(ctx: SignalContext) -> list[str]:
    return [f"{f.signal} {f.polarity} {f.strength:.3f} absence={f.absence:d} "
            f"must={f.must_have!r} rejects={f.rejects:d} evidence={','.join(f.evidence)} | "
            f"{f.message} | {f.fix}" for f in run_signals(ctx)]


def _golden() -> dict[str, list[str]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}


_stored_golden = cache(_golden)  # read once per run; the update path reads it afresh


if "mutmut" in sys.modules:
    for _case, _path, _job in GOLDEN_CASES:
        _golden_context(_path, _job)


@pytest.mark.parametrize(("case", "path", "job"), GOLDEN_CASES, ids=[c[0] for c in GOLDEN_CASES])
def test_golden_findings(case: str, path: Path, job: str) -> None:
    got = _findings_record(_golden_context(path, job))
    if os.environ.get("SKIM_UPDATE_GOLDEN"):
        stored = _golden()
        stored[case] = got
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(dict(sorted(stored.items())), indent=1, ensure_ascii=False)
                          + "\n", encoding="utf-8")
        assert got == stored[case]
        return
    assert got == _stored_golden().get(case), "findings changed; see the note above GOLDEN"


# --- Gaps and what explains them ------------------------------------------------------------
GAP_RESUME = """# Alex Morgan
alex.morgan@example.com | Berlin, Germany
{summary}
## Experience

### Senior MLOps Engineer — Acme Analytics
Jan 2022 – Present | Berlin, Germany

- Owned model deployment for 40 models

### {previous_title} — Northwind Logistics
Mar 2016 – Feb 2020 | Hamburg, Germany

- Wrote batch jobs in Airflow

## Education

### {degree} — Technical University of Munich
{study}
"""


def _gap_messages(summary: str = "", previous_title: str = "Data Engineer",
                  degree: str = "BSc Computer Science", study: str = "2012 – 2016") -> list[str]:
    text = GAP_RESUME.format(summary=f"\n## Summary\n\n{summary}\n" if summary else "",
                             previous_title=previous_title, degree=degree, study=study)
    ctx = context(text)
    return [f"{f.polarity} {f.strength:.2f} {f.message}"
            for f in explained_risk.detect(ctx) if "gap" in f.message
            or "Nothing on the page" in f.message]


UNEXPLAINED = ("negative 0.60 A 22-month gap between 'Data Engineer — Northwind Logistics' and "
               "'Senior MLOps Engineer — Acme Analytics', with no explanation on the page.")


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, [UNEXPLAINED]),
    # Study dated over at least half the gap explains it; over less, it does not.
    ({"degree": "MSc Data Science", "study": "Mar 2020 – Jun 2021"},
     ["positive 0.20 A 22-month gap between 'Data Engineer — Northwind Logistics' and 'Senior "
      "MLOps Engineer — Acme Analytics' — explained on the page ('study: MSc Data Science')."]),
    ({"degree": "MSc Data Science", "study": "Mar 2020 – Jul 2020"}, [UNEXPLAINED]),
    ({"degree": "MSc Data Science", "study": "Jun 2020 – Jun 2022"},
     ["positive 0.20 A 22-month gap between 'Data Engineer — Northwind Logistics' and 'Senior "
      "MLOps Engineer — Acme Analytics' — explained on the page ('study: MSc Data Science')."]),
    # A summary sentence that names a reason and a year of the gap; not one about other years.
    ({"summary": "Back at work after parental leave in 2021. I like Kubernetes."},
     ["positive 0.20 A 22-month gap between 'Data Engineer — Northwind Logistics' and 'Senior "
      "MLOps Engineer — Acme Analytics' — explained on the page ('parental leave')."]),
    ({"summary": "I like Kubernetes. Took parental leave in 2015."}, [UNEXPLAINED]),
    # A word in a neighbouring role's title says nothing about the months between.
    ({"previous_title": "Data Engineer (Contract)"},
     [UNEXPLAINED.replace("Data Engineer —", "Data Engineer (Contract) —")]),
])
def test_a_gap_is_explained_only_by_what_covers_its_months(kwargs, expected) -> None:
    assert _gap_messages(**kwargs) == expected
