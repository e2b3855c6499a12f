"""How they read it: whether the current title, company and dates are found in the first seconds.

TheLadders' eye-tracking found recruiters spend most of a six-second skim on six data points, the
current title, company and dates first. This signal reads the simulated skim, not a guess: the
chance each of those was noticed within three seconds. A title buried under a long summary, in a
second column or below the fold is simply noticed late, or never.
"""

from __future__ import annotations

from triage.findings import NEGATIVE, POSITIVE, Finding, SignalContext
from triage.signals._text import current_role, role_head_ids, role_label
from triage.skim import Skim

NAME = "how_they_read_it"
TITLE = "How they read it"
BY_SECONDS = 3.0  # half the 6 s budget: the six data points come first (TheLadders 2012)
FOUND = 0.5  # share of simulated recruiters who must have noticed a part by then (tunable)

examples_pass = [
    "Owned model deployment for the fraud team",
    "Built the CI pipeline that tests every model before release",
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Senior "
    "MLOps Engineer — Acme Analytics\nJan 2022 – Present | Berlin, Germany\n\n- Built the model "
    "registry and release checks\n",
]
# Experience below a summary, skills, projects, education, certifications and talks: the
# current title lands at the foot of page 1.
examples_fail = [
    (
        '# Alex Morgan\n'
        'alex.morgan@example.com | Berlin, Germany\n'
        '\n'
        '## Summary\n'
        '\n'
        'Engineer who likes turning notebooks into services that other people can trust. '
        'Eight years of building data and machine learning systems, first as an analyst, '
        'then as a data engineer, and now on the platform side where models are '
        'packaged, tested, released and watched. Comfortable with Python, Kubernetes, '
        'Terraform and the usual cloud tools; happiest when a team can ship without '
        'asking me.\n'
        '\n'
        '## Skills\n'
        '\n'
        '- Languages: Python, Go, SQL, Bash\n'
        '- Platform: Kubernetes, Helm, Terraform, Argo CD, GitHub Actions\n'
        '- ML: MLflow, Feast, KServe, Evidently, Airflow\n'
        '- Cloud: AWS (EKS, S3, SageMaker), GCP (GKE, BigQuery)\n'
        '\n'
        '## Selected projects\n'
        '\n'
        '### Open-source model registry plugin\n'
        '- Wrote an MLflow plugin that stores model cards next to artifacts\n'
        '- 300 GitHub stars; used by two companies in production\n'
        '- Talk at PyData Berlin 2023\n'
        '\n'
        '### Drift dashboard\n'
        '- Built a small Streamlit app that compares training and serving distributions\n'
        '- Used in three internal workshops on monitoring\n'
        '\n'
        '### Home lab\n'
        '- Run a three-node k3s cluster with GitOps for personal services\n'
        '- Write about it on my blog\n'
        '\n'
        '## Education\n'
        '\n'
        '### MSc Data Science — Humboldt University of Berlin\n'
        '2014 – 2016\n'
        '- Thesis on concept drift in credit scoring models\n'
        '\n'
        '### BSc Mathematics — University of Leipzig\n'
        '2011 – 2014\n'
        '\n'
        '## Certifications\n'
        '\n'
        '- Certified Kubernetes Administrator (2022)\n'
        '- AWS Certified Machine Learning – Specialty (2021)\n'
        '\n'
        '## Talks\n'
        '\n'
        '- "Shipping models without fear", PyData Berlin 2023\n'
        '- "Feature stores in practice", MLOps Community meetup 2022\n'
        '\n'
        '## Experience\n'
        '\n'
        '### Senior MLOps Engineer — Acme Analytics\n'
        'Jan 2022 – Present | Berlin, Germany\n'
        '\n'
        '- Built the model registry and release checks\n'
        '- Owned the inference platform for 30 models\n'
        '\n'
        '### Data Engineer — Northwind Logistics\n'
        'Mar 2018 – Dec 2021 | Hamburg, Germany\n'
        '\n'
        '- Wrote batch jobs in Airflow for the finance group\n'
    ),
    # Job history written as prose: no title line to find.
    (
        '# Alex Morgan\n'
        'alex.morgan@example.com | Berlin, Germany\n'
        '\n'
        '## Experience\n'
        '\n'
        'Since January 2022 I have been a senior MLOps engineer at Acme Analytics in '
        'Berlin, where I built the model registry and release checks and own the '
        'inference platform for 30 models.\n'
        '\n'
        'Before that, from 2018 to 2021, I was a data engineer at Northwind Logistics in '
        'Hamburg.\n'
    ),
]


def _field(skim: Skim, span_ids: list[str], name: str) -> list[str]:
    """The element for one field where a printed line holds both title and company
    ('p0s3.title'), else the span itself."""
    return [f"{i}.{name}" if skim.element(f"{i}.{name}") else i for i in span_ids]


LOW_ON_PAGE = 0.4  # a current role starting below this share of page 1 was pushed down


def _layout_faults(ctx: SignalContext, role_index: int) -> list[str]:
    """What in the layout made the current role's head hard to find; empty when nothing did
    (then the budget alone is the reason, and there is nothing to fix). A JSON Resume has no
    layout of its own (the page is ours), so it has no layout faults. Dates at the right of the
    title's line are the layout recruiters expect, not a fault."""
    document = ctx.resume.document
    if document.source_format == "json":
        return []
    role = ctx.resume.roles[role_index]
    spans = {s.id: (s, line) for line in document.lines for s in line.spans}
    head = [spans[i] for i in role.title_spans + role.company_spans + role.date_spans
            if i in spans]
    if not head:
        return []
    faults = []
    if len({line.id for _, line in head}) > 1:
        faults.append("put your current title, company and dates on one line")
    if not any(s.bold for s, _ in head if s.id in role.title_spans):
        faults.append("set the title in bold")
    first, _ = min(head, key=lambda pair: (pair[0].page, pair[0].bbox[1]))
    page = document.pages[first.page]
    if first.page > 0 or first.bbox[1] > LOW_ON_PAGE * page.height:
        faults.append("move the summary and skills below it or cut them to two lines, and keep "
                      "the job history out of sidebars")
    return faults


def detect(ctx: SignalContext) -> list[Finding]:
    """One finding: the current role's head found in time, or what was missed."""
    resume, skim = ctx.resume, ctx.skim
    current = current_role(resume, ctx.as_of)
    if current is None:
        return [Finding(
            NAME, NEGATIVE, 1.0, (),
            "No current role could be found: a recruiter cannot tell what you do now.",
            "Add an 'Experience' heading with your current role on one line: "
            "'<Title> — <Company>   <Mon YYYY> – Present'.",
        )]
    role = resume.roles[current]
    parts = {"title": role.title_spans, "company": role.company_spans, "dates": role.date_spans}
    seen = {name: skim.p(_field(skim, ids, name), t=BY_SECONDS) for name, ids in parts.items()}
    missed = [name for name, p in seen.items() if p < FOUND]
    shown = ", ".join(f"{name} {p:.0%}" for name, p in seen.items())
    evidence = role_head_ids(role)
    if missed:
        absent = [name for name in missed if not parts[name]]
        faults = _layout_faults(ctx, current)
        if not faults and not absent:
            return []  # laid out well: the budget, not the page, is why some was missed
        message = (f"Within {BY_SECONDS:.0f} s a recruiter finds your current role "
                   f"({role_label(role)}) only partly: {shown} noticed.")
        if absent:
            message += f" No {' or '.join(absent)} found next to it."
            faults.append(f"add the {' and '.join(absent)} beside the title")
        fix = "; ".join(faults)
        return [Finding(NAME, NEGATIVE, round(1.0 - sum(seen.values()) / len(seen), 3),
                        evidence, message, f"{fix[0].upper()}{fix[1:]} ({', '.join(missed)} "
                        "came too late).")]
    return [Finding(
        NAME, POSITIVE, round(min(seen.values()), 3), evidence,
        f"Current title, company and dates are found within {BY_SECONDS:.0f} s ({shown}).",
    )]
