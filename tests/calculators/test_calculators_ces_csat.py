"""CES 1.0 / 2.0 and CSAT: directions, intervals, distributions, warnings and errors."""

from __future__ import annotations

import math
import statistics

import pytest

from calculators.ces import ces_from_responses, compute_ces
from calculators.csat import compute_csat, csat_from_responses
from calculators.errors import CalculatorError, Code

# Two-sided 95 % t quantiles (NIST/SEMATECH e-Handbook table 1.3.6.7.2) by degrees of freedom.
T_TABLE_95 = {2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 9: 2.262, 19: 2.093}


def error_of(call: object, *args: object, **kwargs: object) -> CalculatorError:
    with pytest.raises(CalculatorError) as raised:
        call(*args, **kwargs)  # type: ignore[operator]
    return raised.value


def test_ces_versions_state_their_direction() -> None:
    one = ces_from_responses("1 2 3", scale="ces1")
    two = ces_from_responses("5 6 7")
    assert (one.scale, one.scale_min, one.scale_max, one.better) == ("ces1", 1, 5, "lower")
    assert (two.scale, two.scale_min, two.scale_max, two.better) == ("ces2", 1, 7, "higher")
    assert one.metric == two.metric == "ces"
    assert one.unit == "scale_points"


@pytest.mark.parametrize(
    "responses",
    [[4, 5, 6], [1, 7, 4, 4, 5, 2], [3, 3, 4, 5, 6, 7, 7, 2, 1, 5], [5, 6] * 10],
)
def test_ces_t_interval_against_the_table(responses: list[int]) -> None:
    result = ces_from_responses(responses, scale="ces2")
    n = len(responses)
    mean = statistics.fmean(responses)
    deviation = statistics.stdev(responses)
    half = T_TABLE_95[n - 1] * deviation / math.sqrt(n)
    assert result.score == pytest.approx(mean)
    assert result.standard_deviation == pytest.approx(deviation)
    assert result.standard_error == pytest.approx(deviation / math.sqrt(n))
    assert result.interval is not None
    assert result.interval.lower == pytest.approx(max(1.0, mean - half), abs=1e-3)
    assert result.interval.upper == pytest.approx(min(7.0, mean + half), abs=1e-3)
    assert result.interval.method == "t"


def test_ces2_agreement_shares() -> None:
    result = ces_from_responses("1 2 3 4 5 6 7 7")
    assert (result.disagree_share, result.neutral_share, result.agree_share) == (
        3 / 8,
        1 / 8,
        4 / 8,
    )
    assert result.histogram == (1, 1, 1, 1, 1, 1, 2)
    assert result.shares == tuple(count / 8 for count in result.histogram)
    one = ces_from_responses("1 2 3 4 5", scale="ces1")
    assert (one.agree_share, one.neutral_share, one.disagree_share) == (None, None, None)


def test_ces_single_response_has_no_interval() -> None:
    result = ces_from_responses("4", scale="ces1")
    assert (result.n, result.score, result.standard_deviation) == (1, 4.0, None)
    assert (result.interval, result.standard_error) == (None, None)
    unavailable = [w for w in result.warnings if w.code == "interval_unavailable"]
    assert dict(unavailable[0].params) == {"n": 1}


def test_ces_identical_answers_give_a_zero_width_interval() -> None:
    result = ces_from_responses("6 6 6 6")
    assert result.interval is not None
    assert (result.interval.lower, result.interval.upper) == (6.0, 6.0)
    assert result.standard_deviation == 0.0


def test_ces_interval_is_clipped_to_the_scale() -> None:
    result = ces_from_responses("7 7 7 6")
    assert result.interval is not None
    assert result.interval.upper == 7.0
    assert [dict(w.params) for w in result.warnings if w.code == "interval_clipped"] == [
        {"side": "upper"}
    ]


def test_ces_warnings() -> None:
    result = compute_ces([0, 0, 3, 3, 3, 0, 0], confidence=90)
    found = [w.code for w in result.warnings]
    assert found == ["small_sample", "wide_interval"]
    assert result.warnings[1].params["threshold"] == pytest.approx(0.9)
    calm = compute_ces([0, 0, 0, 100, 100, 0, 0])
    assert calm.warnings == ()


def test_ces_errors() -> None:
    error = error_of(compute_ces, [1, 2, 3, 4, 5, 6, 7], scale="ces1")
    assert (error.code, dict(error.params)) == (Code.WRONG_LENGTH, {"expected": 5})
    error = error_of(ces_from_responses, "1 2 6 7", scale="ces1")
    assert (error.code, error.values, error.positions) == (Code.OUT_OF_RANGE, ("6", "7"), (3, 4))
    assert dict(error.params) == {"min": 1, "max": 5}
    error = error_of(ces_from_responses, "0 1", scale="ces2")
    assert (error.code, error.positions) == (Code.OUT_OF_RANGE, (1,))
    error = error_of(compute_ces, [1, 2, 3, 4, 5], scale="ces3")
    assert (error.code, error.field, dict(error.params)) == (
        Code.INVALID_OPTION,
        "scale",
        {"allowed": ("ces1", "ces2")},
    )
    error = error_of(compute_ces, [0, 0, 0, 0, 0, 0, 0])
    assert error.code == Code.EMPTY
    error = error_of(compute_ces, [0, 0, 0, -1, 0, 0, 2])
    assert (error.code, error.field, error.positions) == (Code.NEGATIVE_COUNT, "h4", (4,))
    assert error_of(compute_ces, [1] * 7, confidence=50).code == Code.INVALID_CONFIDENCE


def test_csat() -> None:
    result = compute_csat([1, 1, 2, 4, 2])
    assert (result.metric, result.better, result.unit) == ("csat", "higher", "percent")
    assert (result.n, result.satisfied, result.satisfied_share, result.score) == (
        10,
        6,
        0.6,
        60.0,
    )
    assert result.mean == 3.5
    assert result.standard_deviation == pytest.approx(
        statistics.stdev([1, 2, 3, 3, 4, 4, 4, 4, 5, 5])
    )
    assert result.shares == (0.1, 0.1, 0.2, 0.4, 0.2)
    assert result.interval.method == "wilson"
    assert result.interval.lower < 60.0 < result.interval.upper
    assert [w.code for w in result.warnings] == ["small_sample", "coarse_steps", "wide_interval"]
    assert result.warnings[2].params["threshold"] == 15.0


def test_csat_satisfied_threshold_and_ends() -> None:
    assert csat_from_responses("3 3 3").score == 0.0
    assert csat_from_responses("4").score == 100.0
    everyone = csat_from_responses("5 4 5 4")
    assert everyone.interval.upper == 100.0
    nobody = csat_from_responses("1 2 3")
    assert nobody.interval.lower == 0.0
    large = compute_csat([100, 100, 100, 500, 500])
    assert large.warnings == ()


def test_csat_errors() -> None:
    error = error_of(csat_from_responses, "5 4 0 6")
    assert (error.code, error.values, error.positions) == (Code.OUT_OF_RANGE, ("0", "6"), (3, 4))
    error = error_of(compute_csat, [1, 2, 3])
    assert (error.code, dict(error.params)) == (Code.WRONG_LENGTH, {"expected": 5})
    error = error_of(compute_csat, [1, 2, 3, 4, "many"])
    assert (error.code, error.field, error.positions) == (Code.NOT_A_NUMBER, "h5", (5,))
    assert error_of(csat_from_responses, "").code == Code.EMPTY
