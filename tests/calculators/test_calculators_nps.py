"""NPS and eNPS: scores, intervals against an independent formula, warnings, anonymity,
finite population correction, comparisons and the sample-size planner."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from calculators.errors import CalculatorError, Code
from calculators.nps import (
    DEFAULT_MIN_GROUP,
    GroupCounts,
    NpsResult,
    compare_nps,
    compute_nps,
    nps_from_counts,
    nps_from_histogram,
    nps_from_responses,
    plan_sample_size,
)

TABLE_Z = {90: 1.6448536269514722, 95: 1.959963984540054, 99: 2.5758293035489004}


def reference_interval(
    promoters: int,
    passives: int,
    detractors: int,
    confidence: int,
    method: str,
    headcount: int | None = None,
) -> tuple[float, float]:
    """The interval written out independently: exact fractions, then one square root.

    With a headcount ``N`` the pseudo-counts are scaled by ``f² = (N - n) / (N - 1)`` and the
    standard error by ``f``, as documented in :mod:`calculators.nps`.
    """
    n = promoters + passives + detractors
    f2 = Fraction(1) if headcount is None else Fraction(headcount - n, headcount - 1)
    extra = Fraction(0) if method == "wald" else f2
    size = n + 3 * extra
    p = (promoters + Fraction(3, 4) * extra) / size
    d = (detractors + Fraction(3, 4) * extra) / size
    variance = p + d - (p - d) ** 2
    half = TABLE_Z[confidence] * math.sqrt(variance * f2 / size)
    centre = float(p - d)
    return max(-100.0, 100 * (centre - half)), min(100.0, 100 * (centre + half))


def codes(result: NpsResult) -> list[str]:
    return [warning.code for warning in result.warnings]


def error_of(call: object, *args: object, **kwargs: object) -> CalculatorError:
    with pytest.raises(CalculatorError) as raised:
        call(*args, **kwargs)  # type: ignore[operator]
    return raised.value


@pytest.mark.parametrize(
    "counts", [(80, 30, 40), (1, 0, 0), (0, 5, 0), (2, 1, 7), (500, 250, 250), (13, 0, 12)]
)
@pytest.mark.parametrize("confidence", [90, 95, 99])
@pytest.mark.parametrize("method", ["adjusted-wald", "wald"])
def test_interval_matches_the_independent_formula(
    counts: tuple[int, int, int], confidence: int, method: str
) -> None:
    result = nps_from_counts(*counts, confidence=confidence, method=method)
    assert result.interval is not None
    lower, upper = reference_interval(*counts, confidence, method)
    assert result.interval.lower == pytest.approx(lower, abs=1e-9)
    assert result.interval.upper == pytest.approx(upper, abs=1e-9)
    assert result.interval.confidence == confidence
    assert result.interval.method == method


def test_result_fields() -> None:
    result = nps_from_counts(80, 30, 40)
    assert result.metric == "nps"
    assert result.n == 150
    assert result.withheld is False
    assert result.counts == GroupCounts(80, 30, 40)
    assert result.shares is not None
    assert result.shares.promoters == pytest.approx(80 / 150)
    assert result.score == pytest.approx(80 / 1.5 - 40 / 1.5)
    assert result.score_step == pytest.approx(100 / 150)
    assert result.histogram is None
    assert result.unit == "points"
    assert result.min_group is None
    assert result.headcount is None
    assert result.finite_population_correction is None
    assert result.interval is not None
    assert result.interval.centre == pytest.approx(100 * 40 / 153)


def test_histogram_and_responses_are_echoed() -> None:
    result = nps_from_responses("0 6 7 8 9 10 10")
    assert result.histogram == (1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2)
    assert result.counts == GroupCounts(3, 2, 2)
    assert nps_from_histogram(list(result.histogram)).score == result.score


def test_group_boundaries() -> None:
    for score, group in [(0, "d"), (6, "d"), (7, "p"), (8, "p"), (9, "+"), (10, "+")]:
        counts = nps_from_responses([score]).counts
        assert counts is not None
        assert (counts.promoters, counts.passives, counts.detractors) == {
            "+": (1, 0, 0),
            "p": (0, 1, 0),
            "d": (0, 0, 1),
        }[group]


# --------------------------------------------------------------------------- warnings


def test_small_sample_and_coarse_steps() -> None:
    result = nps_from_counts(10, 5, 5)
    small = result.warnings[0]
    assert (small.code, dict(small.params)) == ("small_sample", {"n": 20, "recommended": 30})
    steps = result.warnings[1]
    assert (steps.code, dict(steps.params)) == ("coarse_steps", {"n": 20, "step": 5.0})
    assert codes(nps_from_counts(50, 20, 29))[0] == "coarse_steps"  # n = 99: no small_sample
    assert "coarse_steps" not in codes(nps_from_counts(50, 20, 30))  # n = 100: one point


def test_wide_interval() -> None:
    result = nps_from_counts(10, 5, 5)
    wide = [w for w in result.warnings if w.code == "wide_interval"]
    assert result.interval is not None
    assert dict(wide[0].params) == {"width": result.interval.width, "threshold": 30.0}
    assert codes(nps_from_counts(500, 300, 200)) == []


def test_interval_clipped() -> None:
    result = nps_from_counts(0, 0, 7)
    clipped = [w for w in result.warnings if w.code == "interval_clipped"]
    assert dict(clipped[0].params) == {"side": "lower"}
    result = nps_from_counts(40, 0, 0, method="wald")
    assert result.interval is not None
    assert (result.interval.lower, result.interval.upper) == (100.0, 100.0)
    assert "interval_clipped" not in codes(result)  # zero width: nothing to cut
    result = nps_from_counts(1, 0, 1, method="wald", confidence=99)
    clipped = [w for w in result.warnings if w.code == "interval_clipped"]
    assert dict(clipped[0].params) == {"side": "both"}
    result = nps_from_counts(4, 1, 0, method="wald")
    assert [dict(w.params) for w in result.warnings if w.code == "interval_clipped"] == [
        {"side": "upper"}
    ]


def test_interval_excludes_score_only_for_a_handful_of_respondents() -> None:
    result = nps_from_counts(3, 0, 0, confidence=90)
    assert result.interval is not None
    assert result.interval.upper < 100.0 == result.score
    excluded = [w for w in result.warnings if w.code == "interval_excludes_score"]
    assert dict(excluded[0].params) == {"n": 3}
    assert "interval_excludes_score" not in codes(nps_from_counts(3, 0, 0, confidence=95))
    assert "interval_excludes_score" not in codes(nps_from_counts(5, 0, 0, confidence=90))


# --------------------------------------------------------------------------- eNPS


def test_enps_withholds_small_groups() -> None:
    result = nps_from_counts(3, 1, 0, metric="enps")
    assert result.withheld is True
    assert result.withheld_reason == "group_too_small"
    assert (result.metric, result.n, result.min_group) == ("enps", 4, DEFAULT_MIN_GROUP)
    for name in ["counts", "shares", "histogram", "score", "score_step", "interval"]:
        assert getattr(result, name) is None, name
    assert result.standard_error is None
    assert result.warnings == ()
    shown = nps_from_counts(3, 1, 1, metric="enps")
    assert shown.withheld is False
    assert shown.metric == "enps"
    assert shown.score == 40.0


def test_min_group_is_configurable() -> None:
    assert nps_from_counts(3, 1, 1, metric="enps", min_group=10).withheld is True
    assert nps_from_counts(1, 0, 0, metric="enps", min_group=1).withheld is False
    assert nps_from_counts(1, 0, 0).withheld is False  # NPS has no limit by default
    assert nps_from_counts(1, 0, 0, min_group=3).withheld is True
    assert nps_from_responses("9 9", metric="enps").histogram is None
    error = error_of(nps_from_counts, 3, 1, 1, metric="enps", min_group=0)
    assert (error.code, error.field, dict(error.params)) == (
        "out_of_range",
        "min_group",
        {"min": 1},
    )


def test_finite_population_correction() -> None:
    result = nps_from_counts(12, 5, 3, metric="enps", headcount=40)
    assert result.headcount == 40
    assert result.finite_population_correction == pytest.approx(math.sqrt(20 / 39))
    assert result.interval is not None
    lower, upper = reference_interval(12, 5, 3, 95, "adjusted-wald", headcount=40)
    assert (result.interval.lower, result.interval.upper) == (
        pytest.approx(lower, abs=1e-9),
        pytest.approx(upper, abs=1e-9),
    )
    plain = nps_from_counts(12, 5, 3, metric="enps")
    assert plain.interval is not None
    assert result.interval.width < plain.interval.width
    huge = nps_from_counts(12, 5, 3, metric="enps", headcount=10**9)
    assert huge.interval is not None
    assert huge.interval.lower == pytest.approx(plain.interval.lower, abs=1e-6)


def test_fpc_near_census_keeps_the_observed_score() -> None:
    result = nps_from_counts(40, 0, 0, metric="enps", headcount=41)
    assert result.interval is not None
    assert result.interval.lower <= 100.0 <= result.interval.upper
    assert "interval_excludes_score" not in codes(result)


def test_census() -> None:
    result = nps_from_counts(6, 2, 2, metric="enps", headcount=10)
    assert result.interval is not None
    assert (result.interval.lower, result.interval.upper) == (40.0, 40.0)
    assert result.standard_error == 0.0
    assert result.finite_population_correction == 0.0
    assert [dict(w.params) for w in result.warnings if w.code == "census"] == [{"n": 10}]


def test_headcount_errors() -> None:
    error = error_of(nps_from_counts, 6, 2, 2, metric="enps", headcount=9)
    assert (error.code, error.field, error.values, dict(error.params)) == (
        "headcount_below_n",
        "headcount",
        ("9",),
        {"n": 10},
    )
    error = error_of(nps_from_counts, 6, 2, 2, headcount="lots")
    assert (error.code, error.field) == ("not_a_number", "headcount")
    assert error_of(nps_from_counts, 6, 2, 2, headcount=0).code == "out_of_range"


# --------------------------------------------------------------------------- input errors


def test_group_count_errors() -> None:
    error = error_of(GroupCounts, 4, -2, 1)
    assert (error.code, error.field, error.values, error.positions) == (
        Code.NEGATIVE_COUNT,
        "passives",
        ("-2",),
        (2,),
    )
    error = error_of(GroupCounts, True, 1, 1)
    assert (error.code, error.field, error.positions) == (Code.WRONG_TYPE, "promoters", (1,))
    error = error_of(GroupCounts, 1, 1, 2.5)
    assert (error.code, error.field) == (Code.NOT_AN_INTEGER, "detractors")
    assert error_of(GroupCounts, 0, 0, 0).code == Code.EMPTY
    assert GroupCounts(1.0, 2, "3") == GroupCounts(1, 2, 3)  # type: ignore[arg-type]


def test_option_errors() -> None:
    error = error_of(nps_from_counts, 1, 1, 1, confidence=80)
    assert (error.code, error.field) == (Code.INVALID_CONFIDENCE, "confidence")
    error = error_of(nps_from_counts, 1, 1, 1, method="bootstrap")
    assert (error.code, error.field) == (Code.INVALID_OPTION, "method")
    error = error_of(nps_from_counts, 1, 1, 1, metric="csat")
    assert (error.code, error.field) == (Code.INVALID_OPTION, "metric")
    error = error_of(compute_nps, (1, 1, 1))
    assert (error.code, error.field) == (Code.WRONG_TYPE, "counts")
    error = error_of(nps_from_histogram, [1, 2, 3])
    assert (error.code, dict(error.params)) == (Code.WRONG_LENGTH, {"expected": 11})
    error = error_of(nps_from_responses, "10 9 x")
    assert (error.code, error.positions) == (Code.NOT_A_NUMBER, (3,))


# --------------------------------------------------------------------------- comparison


def test_comparison() -> None:
    result = compare_nps(GroupCounts(80, 30, 40), GroupCounts(100, 30, 20))
    assert result.withheld is False
    assert result.difference == pytest.approx(80 / 3 * 1.0)
    assert result.first.score == pytest.approx(26.6666667)
    assert result.second.score == pytest.approx(53.3333333)
    error_one = math.sqrt((80.75 + 40.75) / 153 - (40 / 153) ** 2) / math.sqrt(153)
    error_two = math.sqrt((100.75 + 20.75) / 153 - (80 / 153) ** 2) / math.sqrt(153)
    expected_error = 100 * math.hypot(error_one, error_two)
    assert result.standard_error == pytest.approx(expected_error, rel=1e-12)
    assert result.interval is not None
    assert result.interval.centre == pytest.approx(100 * 40 / 153)
    assert result.z == pytest.approx(result.interval.centre / expected_error)
    assert result.significant is True
    assert result.confidence == 95
    reverse = compare_nps(GroupCounts(100, 30, 20), GroupCounts(80, 30, 40))
    assert reverse.difference == pytest.approx(-result.difference)  # type: ignore[operator]
    assert reverse.p_value == pytest.approx(result.p_value)


def test_comparison_of_equal_groups_is_not_significant() -> None:
    result = compare_nps(GroupCounts(50, 30, 20), GroupCounts(50, 30, 20), confidence=99)
    assert (result.difference, result.z, result.p_value) == (0.0, 0.0, 1.0)
    assert result.significant is False


def test_comparison_with_zero_standard_error() -> None:
    same = compare_nps(GroupCounts(5, 0, 0), GroupCounts(9, 0, 0), method="wald")
    assert (same.standard_error, same.z, same.p_value, same.significant) == (0.0, None, 1.0, False)
    apart = compare_nps(GroupCounts(5, 0, 0), GroupCounts(0, 0, 9), method="wald")
    assert (apart.difference, apart.z, apart.p_value, apart.significant) == (
        -200.0,
        None,
        0.0,
        True,
    )


def test_comparison_withholds_small_enps_groups() -> None:
    result = compare_nps(GroupCounts(10, 5, 5), GroupCounts(2, 1, 0), metric="enps")
    assert result.withheld is True
    assert result.withheld_reason == "group_too_small"
    assert result.first.withheld is False
    assert result.second.withheld is True
    for name in ["difference", "interval", "standard_error", "z", "p_value", "significant"]:
        assert getattr(result, name) is None, name


def test_comparison_warns_about_a_wide_interval() -> None:
    result = compare_nps(GroupCounts(3, 2, 1), GroupCounts(1, 2, 3))
    assert [w.code for w in result.warnings] == ["wide_interval"]
    assert result.warnings[0].params["threshold"] == 60.0


# --------------------------------------------------------------------------- sample size


def wald_half_width(n: int, variance: float, confidence: int, headcount: int | None) -> float:
    fpc = 1.0 if headcount is None else math.sqrt((headcount - n) / (headcount - 1))
    return 100 * TABLE_Z[confidence] * math.sqrt(variance / n) * fpc


@pytest.mark.parametrize(
    ("margin", "confidence", "shares", "headcount"),
    [
        (5, 95, None, None),
        (10, 90, None, None),
        (3, 99, (40.0, 25.0), None),
        (10, 95, (50.0, 20.0), 500),
        (7.5, 95, None, 120),
        (20, 90, (60.0, 10.0), 30),
    ],
)
def test_planned_n_is_the_smallest_that_reaches_the_margin(
    margin: float, confidence: int, shares: tuple[float, float] | None, headcount: int | None
) -> None:
    promoters, detractors = shares if shares else (None, None)
    plan = plan_sample_size(
        margin,
        confidence=confidence,
        expected_promoters=promoters,
        expected_detractors=detractors,
        headcount=headcount,
    )
    p, d = ((promoters or 50.0) / 100, (detractors or 50.0) / 100)
    variance = p + d - (p - d) ** 2
    assert plan.variance == pytest.approx(variance)
    assert plan.assumption == ("expected_shares" if shares else "conservative")
    assert wald_half_width(plan.n, variance, confidence, headcount) <= margin + 1e-9
    assert wald_half_width(plan.n - 1, variance, confidence, headcount) > margin
    unlimited = plan.n_unlimited
    assert wald_half_width(unlimited, variance, confidence, None) <= margin + 1e-9
    assert wald_half_width(unlimited - 1, variance, confidence, None) > margin


def test_plan_details() -> None:
    plan = plan_sample_size("2,5", expected_promoters="40 %", expected_detractors="10")
    assert (plan.margin, plan.expected_promoters, plan.expected_detractors) == (2.5, 40.0, 10.0)
    assert plan.metric == "nps"
    assert plan_sample_size(50, expected_promoters=100, expected_detractors=0).n == 1
    assert plan_sample_size(1, headcount=10).n <= 10
    enps = plan_sample_size(5, metric="enps", headcount=200)
    assert (enps.metric, enps.headcount) == ("enps", 200)
    assert enps.n < enps.n_unlimited


def test_plan_errors() -> None:
    error = error_of(plan_sample_size, "")
    assert (error.code, error.field) == (Code.MISSING, "margin")
    for margin in [0, -1, 100.5, "0"]:
        error = error_of(plan_sample_size, margin)
        assert (error.code, error.field, dict(error.params)) == (
            Code.OUT_OF_RANGE,
            "margin",
            {"min": 0, "max": 100},
        )
    assert error_of(plan_sample_size, "five").code == Code.NOT_A_NUMBER
    error = error_of(plan_sample_size, 5, expected_promoters=40)
    assert (error.code, error.field) == (Code.MISSING, "expected_detractors")
    assert plan_sample_size(5, expected_detractors="").assumption == "conservative"
    error = error_of(plan_sample_size, 5, expected_promoters=70, expected_detractors="40")
    assert (error.code, error.field, error.values, error.positions) == (
        Code.SHARES_EXCEED_TOTAL,
        None,
        ("70", "40"),
        (1, 2),
    )
    error = error_of(plan_sample_size, 5, expected_promoters=120, expected_detractors=0)
    assert (error.code, error.field) == (Code.OUT_OF_RANGE, "expected_promoters")
    assert error_of(plan_sample_size, 5, confidence=97).code == Code.INVALID_CONFIDENCE
    assert error_of(plan_sample_size, 5, metric="ces").code == Code.INVALID_OPTION
