"""decide() on its own, with a stubbed skim: what was noticed, and only that, moves the verdict."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from triage.findings import NEGATIVE, POSITIVE, Finding
from triage.knockouts import FAIL, PASS, UNKNOWN, KnockoutResult
from triage.requisition import Profile
from triage.verdict import MAYBE, NO, YES, decide, missing_must_haves

PROFILE = Profile()


@dataclass
class StubSkim:
    """Chance each element was noticed; anything unlisted is not on the page."""

    chances: dict[str, float]

    def index(self, element_id: str) -> int | None:
        return 0 if element_id in self.chances else None

    def p(self, ids, t=None) -> float:
        return max((self.chances[i] for i in ids if i in self.chances), default=0.0)


def _finding(evidence=("a",), polarity=POSITIVE, signal="results", strength=1.0, **kw) -> Finding:
    return Finding(signal, polarity, strength, tuple(evidence), "msg", "fix", **kw)


STRONG_SIGNALS = ("results", "safe_pair_of_hands", "range", "relevance")
SEEN_ALL = {f"{p}{i}": 1.0 for p in "mgr" for i in range(5)}


def _strong() -> list[Finding]:
    """Four positives from four signals, each seen: a yes on their own."""
    return [_finding((f"r{i}",), signal=s) for i, s in enumerate(STRONG_SIGNALS)]


def _must_haves(found: int, gone: int, strength: float = 1.0) -> list[Finding]:
    """`found` must-haves shown ('skill i' at m<i>) and `gone` missing ('gap i' at g<i>)."""
    return ([_finding((f"m{i}",), signal="language_alignment", must_have=f"skill {i}")
             for i in range(found)]
            + [_finding((f"g{i}",), NEGATIVE, signal="language_alignment", absence=True,
                        must_have=f"gap {i}", strength=strength) for i in range(gone)])


def test_the_same_finding_seen_counts_more_than_buried() -> None:
    seen = decide([_finding()], (), StubSkim({"a": 1.0}), PROFILE)
    buried = decide([_finding()], (), StubSkim({"a": 0.1}), PROFILE)
    assert seen.score > buried.score > 0.5
    assert seen.scored[0].p_noticed == 1.0 and buried.scored[0].p_noticed == 0.1


def test_an_absence_counts_as_much_as_its_places_were_read() -> None:
    missing = _finding(("x", "y", "z", "w"), NEGATIVE, absence=True)
    read = decide([missing], (), StubSkim({"x": 1.0, "y": 1.0, "z": 1.0, "w": 1.0}), PROFILE)
    half = decide([missing], (), StubSkim({"x": 1.0, "y": 1.0, "z": 0.0, "w": 0.0}), PROFILE)
    assert read.scored[0].p_noticed == 1.0 and half.scored[0].p_noticed == 0.5
    assert read.score < half.score < 0.5


def test_a_signal_cannot_add_more_than_its_cap() -> None:
    one = decide([_finding()], (), StubSkim({"a": 1.0}), PROFILE)
    many = decide([_finding((f"b{i}",)) for i in range(12)], (),
                  StubSkim({f"b{i}": 1.0 for i in range(12)}), PROFILE)
    total = sum(s.contribution for s in many.scored)
    assert total <= PROFILE.signal_cap * PROFILE.signal_weights["results"] + 1e-9
    assert many.score > one.score


def test_a_place_on_the_page_is_penalised_once() -> None:
    duty = _finding(("a",), NEGATIVE, signal="results")
    weak = _finding(("a",), NEGATIVE, signal="seniority_words", strength=0.5)
    elsewhere = _finding(("b",), NEGATIVE, signal="seniority_words", strength=0.5)
    verdict = decide([duty, weak, elsewhere], (), StubSkim({"a": 1.0, "b": 1.0}), PROFILE)
    counted = [s for s in verdict.scored if s.contribution != 0]
    assert [s.finding for s in counted] == [duty, elsewhere]


def test_missing_must_haves_limit_the_verdict() -> None:
    complete = decide(_must_haves(3, 0) + _strong(), (), StubSkim(SEEN_ALL), PROFILE)
    half = decide(_must_haves(3, 3) + _strong(), (), StubSkim(SEEN_ALL), PROFILE)
    unread = decide(_must_haves(3, 3) + _strong(), (), StubSkim(
        {**SEEN_ALL, "g0": 0.0, "g1": 0.0, "g2": 0.0}), PROFILE)
    assert complete.label == YES
    assert missing_must_haves(half.scored)[0] == 0.5
    assert half.label == MAYBE and any("Must-haves missing" in r for r in half.reasons)
    assert unread.label == YES  # nobody read where they would be: not known to be missing


def _knockout(status: str, spans=("k",), points_away=False, strict=False) -> KnockoutResult:
    return KnockoutResult("q", "Question?", status, "evidence", spans, points_away, strict)


def test_knockouts_reject_when_seen_and_hold_when_not_yet_reached() -> None:
    strong, chances = _strong(), SEEN_ALL
    base = decide(strong, (_knockout(PASS),), StubSkim({**chances, "k": 1.0}), PROFILE)
    seen = decide(strong, (_knockout(FAIL),), StubSkim({**chances, "k": 0.9}), PROFILE)
    unseen = decide(strong, (_knockout(FAIL),), StubSkim({**chances, "k": 0.1}), PROFILE)
    assert (base.label, seen.label, unseen.label) == (YES, NO, MAYBE)
    asked = decide(strong, (_knockout(UNKNOWN, ()),), StubSkim(chances), PROFILE)
    leaning = decide(strong, (_knockout(UNKNOWN, (), points_away=True),), StubSkim(chances),
                     PROFILE)
    strict = decide(strong, (_knockout(UNKNOWN, (), strict=True),), StubSkim(chances), PROFILE)
    assert (asked.label, leaning.label, strict.label) == (YES, MAYBE, MAYBE)
    assert asked.questions and not any("Held" in r for r in asked.reasons)
    assert not any("maybe" in r.lower() for r in seen.reasons if "Knockout failed" not in r)


def test_a_no_never_says_at_most_maybe() -> None:
    weak = [_finding((f"n{i}",), NEGATIVE, signal=s) for i, s in enumerate(
        ("results", "safe_pair_of_hands", "gimmicks"))]
    verdict = decide(weak, (_knockout(UNKNOWN, (), strict=True),),
                     StubSkim({f"n{i}": 1.0 for i in range(3)}), replace(PROFILE))
    assert verdict.label == NO
    assert not any("maybe" in r.lower() for r in verdict.reasons)


def test_a_prompt_injection_alone_gives_no() -> None:
    strong, chances = _strong(), SEEN_ALL
    trick = _finding(("x",), NEGATIVE, signal="gimmicks", strength=0.1, rejects=True)
    assert decide(strong, (), StubSkim(chances), PROFILE).label == YES
    verdict = decide([*strong, trick], (), StubSkim(chances), PROFILE)
    assert verdict.label == NO and verdict.reasons[0].startswith("Rejected:")


def test_the_score_is_the_logistic_of_the_weighted_sum_over_the_scale() -> None:
    import math

    verdict = decide([_finding(strength=0.5)], (), StubSkim({"a": 0.8}), PROFILE)
    contribution = PROFILE.signal_weights["results"] * 0.5 * 0.8
    assert verdict.scored[0].contribution == pytest.approx(contribution)
    assert verdict.score == pytest.approx(1 / (1 + math.exp(-contribution / PROFILE.score_scale)))


def test_evidence_off_the_visible_page_counts_in_full_and_unknown_signals_count_nothing() -> None:
    hidden = decide([_finding(("hidden-span",), NEGATIVE, signal="gimmicks")], (),
                    StubSkim({}), PROFILE)
    assert hidden.scored[0].p_noticed == 1.0
    stranger = decide([_finding(signal="not_a_signal")], (), StubSkim({"a": 1.0}), PROFILE)
    assert stranger.scored[0].contribution == 0.0 and stranger.score == 0.5
    assert not stranger.reasons  # a finding worth nothing is no reason


def test_reasons_are_capped_and_ordered_by_weight() -> None:
    from triage.verdict import MAX_REASONS

    many = [_finding((f"e{i}",), signal=s, strength=0.1 + i / 20) for i, s in enumerate(
        ("results", "safe_pair_of_hands", "range", "relevance", "clarity", "explained_risk",
         "how_they_read_it", "seniority_words"))]
    verdict = decide(many, (), StubSkim({f"e{i}": 1.0 for i in range(8)}), PROFILE)
    assert len(verdict.reasons) == MAX_REASONS
    top = max(verdict.scored, key=lambda s: abs(s.contribution))
    assert verdict.reasons[0].startswith("+ msg") and top.finding.signal in (
        "results", "safe_pair_of_hands", "explained_risk", "how_they_read_it", "seniority_words")


def test_the_must_have_gate_thresholds_are_strict() -> None:
    verdict = decide(_must_haves(2, 3) + _strong(), (), StubSkim(SEEN_ALL), PROFILE)
    assert missing_must_haves(verdict.scored)[0] == pytest.approx(0.6)
    assert verdict.label == MAYBE  # 60% missing is not more than 60%: held, not rejected


def test_fixes_are_grouped_by_advice_and_ranked_by_what_they_would_gain() -> None:
    import math

    from triage.verdict import ranked_fixes

    def bad(evidence, strength, fix, signal="results"):
        return Finding(signal, NEGATIVE, strength, evidence, f"{signal} {strength}", fix)

    findings = [bad(("a",), 0.2, "cut it"), bad(("b",), 0.9, "cut it"),
                bad(("c",), 0.5, "say it", signal="clarity"),
                Finding("range", POSITIVE, 1.0, ("d",), "good", "keep it")]
    verdict = decide(findings, (), StubSkim({i: 1.0 for i in "abcd"}), PROFILE)
    fixes = ranked_fixes(verdict, PROFILE)
    assert [f.fix for f in fixes] == ["cut it", "say it"]  # the positive's 'fix' is no fix
    cut, say = fixes
    assert (cut.findings, cut.evidence, cut.signal, cut.message) == (
        2, ("a", "b"), "results", "results 0.9")
    raw = sum(s.contribution for s in verdict.scored)
    cost = sum(s.contribution for s in verdict.scored if s.finding.fix == "cut it")

    def logistic(x: float) -> float:
        return 1 / (1 + math.exp(-x))

    assert cut.gain == pytest.approx(logistic((raw - cost) / PROFILE.score_scale)
                                     - logistic(raw / PROFILE.score_scale))
    assert cut.gain > say.gain > 0


def test_most_must_haves_missing_gives_no_with_its_reason() -> None:
    verdict = decide(_must_haves(1, 4, strength=0.01) + _strong(), (), StubSkim(SEEN_ALL),
                     PROFILE)
    assert verdict.score >= PROFILE.yes_threshold  # the score alone says yes
    assert verdict.label == NO
    assert verdict.reasons[0] == ("Most must-haves are missing ('gap 0', 'gap 1', 'gap 2', "
                                  "'gap 3'): no")


def test_thresholds_are_inclusive_for_yes_and_exclusive_for_no() -> None:
    one = decide([_finding()], (), StubSkim({"a": 1.0}), PROFILE)
    at_yes = decide([_finding()], (), StubSkim({"a": 1.0}),
                    replace(PROFILE, yes_threshold=one.score, no_threshold=0.1))
    at_no = decide([_finding()], (), StubSkim({"a": 1.0}),
                   replace(PROFILE, yes_threshold=0.99, no_threshold=one.score))
    assert (at_yes.label, at_no.label) == (YES, MAYBE)


@pytest.mark.parametrize("signal", ["results", "clarity"])  # weights 1.0 and 0.6
def test_negatives_are_capped_apart_from_positives(signal: str) -> None:
    many = [_finding((f"n{i}",), NEGATIVE, signal=signal) for i in range(6)] + [
        _finding(("p",), signal=signal)]
    verdict = decide(many, (), StubSkim({**{f"n{i}": 1.0 for i in range(6)}, "p": 1.0}),
                     PROFILE)
    negative = sum(s.contribution for s in verdict.scored if s.contribution < 0)
    positive = sum(s.contribution for s in verdict.scored if s.contribution > 0)
    limit = PROFILE.signal_cap * PROFILE.signal_weights[signal]
    assert negative == pytest.approx(-limit)
    assert positive == pytest.approx(PROFILE.signal_weights[signal])  # under the cap: whole


def test_a_knockout_answer_reached_by_exactly_half_counts_as_seen() -> None:
    strong, chances = _strong(), SEEN_ALL
    half = decide(strong, (_knockout(FAIL),), StubSkim({**chances, "k": 0.5}), PROFILE)
    assert half.label == NO
