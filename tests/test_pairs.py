"""Wording pairs: two resumes that differ in one bullet must move the score the way a recruiter
would. The pairs use varied wording on purpose: the model is judged on phrasings it never saw."""

from __future__ import annotations

import pytest

from triage import score

TEMPLATE = """# Robin Keller
robin.keller@example.com | +49 30 5550 1234 | Berlin, Germany
EU citizen, authorised to work in the EU

## Experience

### ML Platform Engineer — Fernblick Logistics
Feb 2022 – Present | Berlin, Germany
- {current}
- Maintained Kubernetes clusters for the data science team
- Wrote internal documentation for the feature pipelines

### Platform Engineer — Kranich Payments
May 2019 – Jan 2022 | Hamburg, Germany
- Moved batch jobs from cron to Airflow for the analytics group
- Set up Terraform modules for the staging environment
- {previous}

### Software Developer — Ostsee Media
Aug 2015 – Apr 2019 | Kiel, Germany
- Built internal dashboards in Python and Django
- Looked after the release calendar for two client projects
- {old}

## Education

### MSc Computer Science — Universität Hamburg
Oct 2013 – Jul 2015

## Skills
Python, Kubernetes, Terraform, MLflow, Airflow, Prometheus
"""
NEUTRAL = "Reviewed pull requests for the platform repository"


def resume(current: str = NEUTRAL, previous: str = NEUTRAL, old: str = NEUTRAL) -> bytes:
    return TEMPLATE.format(current=current, previous=previous, old=old).encode()


def verdict_score(data: bytes) -> float:
    return score(data, filename="cv.md", as_of="2026-11").verdict.score


PAIRS = {
    "ownership over helping": [
        ("Helped with model deployment for the fraud team",
         "Owned model deployment for the fraud team"),
        ("Assisted in migrating inference services to Kubernetes",
         "Led the migration of inference services to Kubernetes"),
        ("Supported the on-call rotation for the ML platform",
         "Ran the on-call rotation for the ML platform"),
        ("Worked on the feature store rollout with the data team",
         "Drove the feature store rollout with the data team"),
    ],
    "a quantified result over a duty": [
        ("Managed deployment pipelines for the recommendation models",
         "Cut model release time from 2 days to 40 minutes by standardising packaging and CI "
         "checks across three teams"),
        ("Responsible for monitoring production models",
         "Reduced silent model failures from 9 to 1 per quarter with drift alerts on 30 models"),
        ("Duties included maintaining the GPU inference cluster",
         "Lowered GPU inference spend by 35% (EUR 200k a year) by autoscaling the cluster"),
        ("In charge of the model rollback process",
         "Brought rollback time down from 50 minutes to 3 with one-click rollbacks"),
    ],
    "plain concrete words over buzzwords": [
        ("Drove synergies across cross-functional MLOps stakeholders to optimize value",
         "Built a model registry so analysts ship models without filing tickets"),
        ("Leveraged cutting-edge best practices for robust, scalable pipelines",
         "Rewrote the nightly pipeline in Airflow; failures dropped from weekly to once a "
         "quarter"),
    ],
    "owning the work over being near it": [
        ("Was part of the team that migrated training jobs to Kubeflow",
         "Migrated training jobs to Kubeflow for six teams"),
        ("Exposure to Kubernetes and Helm", "Ran 12 Kubernetes clusters with Helm for the "
         "ML platform"),
        ("Participated in the design of the rollback process",
         "Designed the rollback process used for every model release"),
    ],
    "proof over a generic virtue": [
        ("Detail-oriented team player, passionate about reliable machine learning",
         "Added data validation that caught 14 schema breaks before they reached production"),
        ("Proactive self-starter with excellent communication skills",
         "Wrote the model-readiness checklist now required for every production launch"),
        ("Hard-working and motivated engineer who loves clean pipelines",
         "Rebuilt the training pipeline so a full retrain takes 2 hours instead of 11"),
    ],
}


@pytest.mark.parametrize(("weak", "strong"),
                         [pair for pairs in PAIRS.values() for pair in pairs])
def test_the_better_bullet_scores_higher(weak: str, strong: str) -> None:
    assert verdict_score(resume(current=strong)) > verdict_score(resume(current=weak))


@pytest.mark.parametrize("bullet", [
    "Cut model release time from 2 days to 40 minutes across three teams",
    "Owned the real-time scoring service at 3,000 requests per second and 99.95% uptime",
])
def test_a_strong_bullet_counts_less_when_buried_in_an_old_role(bullet: str) -> None:
    in_current = verdict_score(resume(current=bullet))
    in_old = verdict_score(resume(old=bullet))
    assert in_current > in_old


def test_hidden_white_text_is_reported_as_a_gimmick() -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "sample_resumes" / "keyword_stuffer.pdf"
    result = score(path, as_of="2026-11")
    gimmicks = [s.finding for s in result.verdict.scored
                if s.finding.signal == "gimmicks" and s.finding.polarity == "negative"]
    hidden = {s.id for s in result.resume.document.hidden_spans}
    assert any(set(f.evidence) & hidden for f in gimmicks)
