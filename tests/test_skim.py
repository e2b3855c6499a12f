"""The skim simulation: the eye-tracking facts it must reproduce, layout effects, invariants."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import make_pdf
from triage import load_profile, load_requisition, parse, score
from triage.elements import Element, build_elements
from triage.skim import simulate

SAMPLES = Path(__file__).resolve().parents[1] / "sample_resumes"
SIX_POINT_KINDS = {"name", "title", "company", "dates", "education"}
ROLE_LINES = [
    ("Senior MLOps Engineer", "Nordwind Data GmbH", "Jan 2022 – Present"),
    ("MLOps Engineer", "Quarry Analytics", "Mar 2019 – Dec 2021"),
    ("Data Engineer", "Lumen Retail", "Jun 2016 – Feb 2019"),
]
BULLETS = [
    "Owned the model deployment pipeline used by 30 data scientists across four teams",
    "Cut release time from two days to forty minutes with automated canary checks",
    "Ran the on-call rotation and wrote the post-mortem template the team still uses",
]


def six_point_share(path: Path) -> float:
    result = score(path, as_of="2026-11")
    dwell = result.skim.dwell_s
    chosen = sum(
        dwell[i] for i, e in enumerate(result.skim.elements)
        if e.kind in SIX_POINT_KINDS and not e.tail and (e.role_index is None or e.role_index <= 1)
    )
    return chosen / dwell.sum()


@pytest.mark.parametrize("name", ["senior_mlops.pdf", "career_changer.pdf", "gaps_and_stints.pdf",
                                  "nurse_manager.pdf", "senior_mlops.docx", "nurse_manager.txt"])
def test_six_data_points_take_most_of_the_attention(name: str) -> None:
    """TheLadders 2012: ~80% of the 6 s went to name, current/previous title, company, dates,
    education. The simulation must give them the majority on conventional layouts."""
    assert six_point_share(SAMPLES / name) > 0.5


def test_six_data_points_on_corpus(corpus_dir: Path) -> None:
    shares = [six_point_share(p) for p in sorted(corpus_dir.glob("rendercv*.pdf"))]
    assert min(shares) > 0.5, shares


def _resume_pdf(layout: str) -> bytes:
    """A one-page resume whose current role sits at the top, in a second column, or at the end."""

    def block(pdf: FPDF, x: float, top: float, width: float, roles: list[int]) -> float:
        y = top
        pdf.set_font("Helvetica", "B", 12)
        pdf.text(x, y, "EXPERIENCE")
        y += 20
        for index in roles:
            title, company, dates = ROLE_LINES[index]
            pdf.set_font("Helvetica", "B", 10.5)
            pdf.text(x, y, f"{title} — {company}")
            pdf.set_font("Helvetica", "", 10)
            pdf.text(x + width - pdf.get_string_width(dates), y, dates)
            y += 15
            for bullet in BULLETS:
                pdf.text(x + 8, y, f"• {bullet[: int(width / 5)]}")
                y += 13
            y += 8
        return y

    def filler(pdf: FPDF, x: float, top: float, width: float, lines: int) -> float:
        pdf.set_font("Helvetica", "B", 12)
        pdf.text(x, top, "SUMMARY")
        pdf.set_font("Helvetica", "", 10)
        y = top + 18
        for i in range(lines):
            words = "Engineer focused on reliable delivery of models and data products"
            pdf.text(x, y, f"{words[: int(width / 5)]} {i}")
            y += 13
        return y + 10

    def draw(pdf: FPDF) -> None:
        pdf.set_font("Helvetica", "B", 22)
        pdf.text(54, 60, "Alex Morgan")
        pdf.set_font("Helvetica", "", 10)
        pdf.text(54, 78, "alex.morgan@example.com | +49 30 1234 5678 | Berlin, Germany")
        if layout == "top":
            y = block(pdf, 54, 110, 500, [0, 1, 2])
            filler(pdf, 54, y + 10, 500, 8)
        elif layout == "end":
            y = filler(pdf, 54, 110, 500, 20)
            y = block(pdf, 54, y + 10, 500, [1, 2])
            block(pdf, 54, 700, 500, [0])
        else:  # a designed layout: education and skills on the left, the history on the right
            y = 110.0
            for heading, rows in (("EDUCATION", ["MSc Computer Science", "TU Berlin, 2014"]),
                                  ("SKILLS", ["Kubernetes, Terraform", "Python, Go, SQL"]),
                                  ("LANGUAGES", ["German (native)", "English (C2)"])):
                pdf.set_font("Helvetica", "B", 12)
                pdf.text(54, y, heading)
                y += 18
                for row in rows:
                    pdf.set_font("Helvetica", "B", 10.5)
                    pdf.text(54, y, row)
                    y += 15
                y += 12
            y = filler(pdf, 330, 110, 230, 8)
            block(pdf, 330, y + 10, 230, [0, 1, 2])

    return make_pdf(draw)


def _title_p_by(layout: str, t: float) -> float:
    result = score(_resume_pdf(layout), filename="cv.pdf", as_of="2026-11")
    ids = [e.id for e in result.skim.elements if e.text.startswith("Senior MLOps Engineer")]
    assert ids, [e.text for e in result.skim.elements][:20]
    return result.skim.p(ids, t=t)


def test_moving_the_current_title_lowers_its_chance_of_being_seen_by_3s() -> None:
    top = _title_p_by("top", 3.0)
    assert top > 0.8
    assert _title_p_by("second_column", 3.0) < top - 0.1
    assert _title_p_by("end", 3.0) < top - 0.3


def test_same_seed_same_skim_and_different_seed_differs() -> None:
    resume = parse(SAMPLES / "senior_mlops.pdf")
    a = score(resume, seed=3, as_of="2026-11").skim
    b = score(resume, seed=3, as_of="2026-11").skim
    c = score(resume, seed=4, as_of="2026-11").skim
    assert np.array_equal(a.p_by_time, b.p_by_time) and a.scan_paths == b.scan_paths
    assert not np.array_equal(a.p_by_time, c.p_by_time)


def test_hidden_text_is_never_seen() -> None:
    result = score(SAMPLES / "keyword_stuffer.pdf", as_of="2026-11")
    hidden = {s.id for s in result.resume.document.hidden_spans}
    assert hidden
    assert not hidden & {e.id for e in result.skim.elements}


def test_longer_budget_sees_more() -> None:
    resume = parse(SAMPLES / "senior_mlops.pdf")
    short = score(resume, budget=6.0, as_of="2026-11").skim.p_noticed.sum()
    long = score(resume, budget=30.0, as_of="2026-11").skim.p_noticed.sum()
    assert long > short * 2


def _row_element(i: int, top: float, kind: str, words: int) -> Element:
    return Element(f"e{i}", f"e{i}", kind, "x " * words, 0, (54.0, top, 300.0, top + 10), 10.0,
                   False, False, None, False, words, False)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.floats(40, 760), st.sampled_from(["title", "bullet", "other", "name"]),
                       st.integers(1, 30)), min_size=1, max_size=40),
    st.floats(0.5, 30), st.integers(0, 2**16),
)
def test_skim_invariants(rows: list[tuple[float, str, int]], budget: float, seed: int) -> None:
    elements = [_row_element(i, top, kind, words) for i, (top, kind, words) in enumerate(rows)]
    skim = simulate(elements, load_profile(), load_requisition("mlops"), budget_s=budget,
                    seed=seed)
    assert skim.p_by_time.shape == (len(elements), len(skim.times))
    assert np.all((skim.p_by_time >= 0) & (skim.p_by_time <= 1))
    assert np.all(np.diff(skim.p_by_time, axis=1) >= 0)  # noticed stays noticed
    assert skim.dwell_s.sum() <= budget + 1e-6  # nobody reads past the budget
    assert np.all(skim.p_by_time[:, 0] == 0)  # nothing is seen at t = 0
    noticed = skim.p_noticed > 0
    assert np.all(skim.first_noticed_s[noticed] <= budget + 1e-9)


def test_elements_cover_every_visible_word() -> None:
    resume = parse(SAMPLES / "senior_mlops.pdf")
    elements = build_elements(resume)
    assert {e.kind for e in elements} >= {"name", "title", "company", "dates", "bullet",
                                           "heading", "education", "skills", "contact"}


def _element(i: int, kind: str, text: str, x: float = 72.0, y: float = 100.0) -> Element:
    return Element(f"e{i}", f"e{i}", kind, text, 0, (x, y, x + 200, y + 12), 10.0, False,
                   False, None, False, len(text.split()), any(c.isdigit() for c in text))


def test_a_requisition_keyword_pulls_the_eye_whatever_its_case() -> None:
    from triage.skim import _keyword_hits, salience

    req = load_requisition("mlops")
    elements = [_element(0, "bullet", "Ran KUBERNETES upgrades for the team"),
                _element(1, "bullet", "Ran database upgrades for the team"),
                _element(2, "bullet", "Wrote the mlops platform handbook")]
    assert _keyword_hits(elements, req).tolist() == [True, False, True]
    assert _keyword_hits(elements, None).tolist() == [False, False, False]
    pulls = _keyword_hits(elements, req)
    prior = salience(elements, load_profile(), pulls, (612.0, 792.0), 10.0)
    assert prior[0] == pytest.approx(prior[1] * load_profile().keyword_boost)


def test_identity_is_placed_by_the_page_edge_not_by_where_a_centred_name_starts() -> None:
    from triage.skim import salience

    short = [_element(0, "name", "Li Na", x=280.0)]
    long = [_element(0, "name", "Jean-Baptiste de La Fontaine-Dubois", x=190.0)]
    nothing = np.zeros(1, dtype=bool)
    profile = load_profile()
    assert salience(short, profile, nothing, (612.0, 792.0), 10.0)[0] == salience(
        long, profile, nothing, (612.0, 792.0), 10.0)[0]
    bullet_left = salience([_element(0, "bullet", "x", x=72.0)], profile, nothing,
                           (612.0, 792.0), 10.0)[0]
    bullet_right = salience([_element(0, "bullet", "x", x=400.0)], profile, nothing,
                            (612.0, 792.0), 10.0)[0]
    assert bullet_left > bullet_right


def test_p_reads_the_right_moment() -> None:
    result = score(SAMPLES / "senior_mlops.pdf", as_of="2026-11")
    skim = result.skim
    title = result.resume.roles[0].title_spans
    assert skim.p(["no-such-element"]) == 0.0
    assert skim.p(title) == skim.p(title, t=skim.budget_s) == skim.p(title, t=99.0)
    column = int(np.searchsorted(skim.times, 1.0))
    rows = [skim.index(i) for i in title]
    assert skim.p(title, t=1.0) == skim.p_by_time[rows, column].max()
    assert skim.p(title, t=0.0) == skim.p_by_time[rows, 0].max() == 0.0
    assert skim.p(title, t=1.0) < skim.p(title)


def test_p_picks_the_column_of_the_moment_asked() -> None:
    from triage.skim import Skim

    elements = [_element(0, "title", "MLOps Engineer"), _element(1, "bullet", "Ran the fleet")]
    times = np.array([0.0, 1.0, 2.0, 3.0])
    p_by_time = np.array([[0.0, 0.2, 0.5, 0.9], [0.0, 0.0, 0.1, 0.3]])
    empty = np.zeros(2)
    skim = Skim(elements, 3.0, 7, 10, times, p_by_time, empty, empty, empty, [],
                np.zeros_like(p_by_time))
    assert skim.p(["e0"]) == 0.9  # the whole budget
    assert skim.p(["e0"], t=2.0) == 0.5  # a moment on the grid is that moment's column
    assert skim.p(["e0"], t=1.5) == 0.2  # between steps: the last step reached
    assert skim.p(["e0"], t=0.0) == 0.0 and skim.p(["e0"], t=10.0) == 0.9
    assert skim.p(["e0", "e1"], t=3.0) == 0.9 and skim.p(["e1"]) == 0.3
    assert skim.element("e1") is elements[1] and skim.element("nope") is None


def test_a_look_costs_a_saccade_plus_a_fixation_per_words_read() -> None:
    from triage.skim import DATE_WORDS, _read_cost

    profile = load_profile()
    long_title = _element(0, "title", " ".join(["word"] * 20))
    dates = _element(1, "dates", "Feb 2022 – Present | Berlin, Germany")
    bullet = _element(2, "bullet", " ".join(["word"] * 20))
    name = _element(3, "name", "Siddharth Venkataraman Subramanian Iyer")
    pulls = np.array([False, False, True, False])
    costs = _read_cost([long_title, dates, bullet, name], profile, pulls)

    def seconds(fixations: float) -> float:
        return (profile.saccade_ms + profile.fixation_ms * fixations) / 1000

    assert costs[0] == pytest.approx(seconds(np.ceil(12 / profile.read_words_per_fixation)))
    assert costs[1] == pytest.approx(seconds(np.ceil(DATE_WORDS /
                                                     profile.read_words_per_fixation)))
    assert costs[2] == pytest.approx(seconds(np.ceil(profile.pulled_words /
                                                     profile.words_per_fixation)))
    assert costs[3] == pytest.approx(seconds(profile.identity_fixations))
    unpulled = _read_cost([bullet], profile, np.array([False]))
    assert unpulled[0] == pytest.approx(seconds(np.ceil(profile.bullet_words /
                                                        profile.words_per_fixation)))


def test_an_empty_page_gives_an_empty_skim_over_the_whole_budget() -> None:
    from triage.skim import TIME_STEP_S

    profile = load_profile()
    skim = simulate([], profile, budget_s=6.05, seed=3)
    assert (skim.elements, skim.budget_s, skim.seed, skim.recruiters) == (
        [], 6.05, 3, profile.recruiters)
    assert skim.p_by_time.shape == (0, len(skim.times)) and skim.scan_paths == []
    assert skim.times[0] == 0.0 and skim.times[-1] == 6.05
    assert np.allclose(np.diff(skim.times[:-1]), TIME_STEP_S)
    assert simulate([], profile, budget_s=6.0).times[-1] == 6.0
    assert len(skim.dwell_s) == len(skim.first_noticed_s) == len(skim.salience) == 0


def test_the_profile_seed_is_the_default_and_an_explicit_seed_wins() -> None:
    elements = [_element(i, "bullet", f"Ran service number {i}", y=100.0 + 20 * i)
                for i in range(8)]
    profile = load_profile()
    default = simulate(elements, profile)
    same = simulate(elements, profile, seed=profile.seed)
    other = simulate(elements, profile, seed=profile.seed + 1)
    assert default.seed == profile.seed and np.array_equal(default.p_by_time, same.p_by_time)
    assert other.seed == profile.seed + 1 and not np.array_equal(default.p_by_time,
                                                                 other.p_by_time)


def test_numbers_and_keywords_pull_the_eye_but_never_in_identity_fields() -> None:
    req = load_requisition("mlops")
    elements = [_element(0, "bullet", "Cut cost by 40%", y=300.0),
                _element(1, "bullet", "Cut the cost a lot", y=300.0),
                _element(2, "bullet", "Ran Kubernetes for all", y=300.0),
                _element(3, "contact", "+49 30 1234 5678", y=300.0),
                _element(4, "contact", "Berlin office", y=300.0)]
    skim = simulate(elements, load_profile(), req)
    boost = load_profile().keyword_boost
    assert skim.salience[0] == pytest.approx(skim.salience[1] * boost)
    assert skim.salience[2] == pytest.approx(skim.salience[1] * boost)
    assert skim.salience[3] == pytest.approx(skim.salience[4])


def test_a_box_far_off_the_page_counts_as_its_edge_without_overflow() -> None:
    """A hostile PDF can place text a million points above or left of the page."""
    from triage.skim import salience

    nothing = np.zeros(1, dtype=bool)
    profile = load_profile()
    with np.errstate(over="raise", invalid="raise"):
        far = salience([_element(0, "bullet", "x", x=-1e9, y=-1e9)], profile, nothing,
                       (612.0, 792.0), 10.0)[0]
    edge = salience([_element(0, "bullet", "x", x=0.0, y=0.0)], profile, nothing,
                    (612.0, 792.0), 10.0)[0]
    assert np.isfinite(far) and far == edge
