"""The sample-size planner: the size shown reaches the margin with the chosen assurance, checked
by simulating surveys of that size and computing their intervals with the calculators."""

from __future__ import annotations

import math
import random

import pytest

from calculators.ces import compute_ces
from calculators.csat import compute_csat
from calculators.nps import nps_from_counts, plan_sample_size
from calculators.survey.planner import csat_probability, plan

TRIALS = 2000
#: Three standard errors of a simulated share near 0.8 with 2000 trials.
TOLERANCE = 3 * math.sqrt(0.8 * 0.2 / TRIALS)


def simulated_nps(n: int, promoters: float, detractors: float, margin: float, seed: int) -> float:
    generator = random.Random(seed)
    reached = 0
    for _ in range(TRIALS):
        draws = [generator.random() for _ in range(n)]
        p = sum(u < promoters for u in draws)
        d = sum(promoters <= u < promoters + detractors for u in draws)
        result = nps_from_counts(p, n - p - d, d)
        assert result.interval is not None
        reached += (result.interval.upper - result.interval.lower) / 2 <= margin
    return reached / TRIALS


def simulated_csat(n: int, satisfied: float, margin: float, seed: int) -> float:
    generator = random.Random(seed)
    reached = 0
    for _ in range(TRIALS):
        k = sum(generator.random() < satisfied for _ in range(n))
        result = compute_csat([n - k, 0, 0, k, 0])
        reached += (result.interval.upper - result.interval.lower) / 2 <= margin
    return reached / TRIALS


def simulated_ces(n: int, shares: list[float], margin: float, seed: int) -> float:
    generator = random.Random(seed)
    answers = list(range(1, len(shares) + 1))
    reached = 0
    for _ in range(TRIALS):
        sample = generator.choices(answers, shares, k=n)
        result = compute_ces([sample.count(a) for a in answers], scale="ces2")
        assert result.interval is not None
        reached += (result.interval.upper - result.interval.lower) / 2 <= margin
    return reached / TRIALS


@pytest.mark.parametrize("assurance", [80, 90])
def test_nps_size_reaches_the_margin_with_the_assurance(assurance: int) -> None:
    result = plan(
        "nps", "6", assurance=assurance, expected_promoters="45", expected_detractors="25"
    )
    assert result.method == "normal-approximation" and result.assumption == "expected"
    assert result.n > result.n_expected
    # the usual size is that of calculators.nps.plan_sample_size
    usual = plan_sample_size(6, expected_promoters=45, expected_detractors=25)
    assert result.n_expected == usual.n
    reached = simulated_nps(result.n, 0.45, 0.25, 6.0, seed=assurance)
    assert reached >= assurance / 100 - TOLERANCE
    # and the usual size reaches it about half the time only
    assert simulated_nps(result.n_expected, 0.45, 0.25, 6.0, seed=1) < 0.7


def test_nps_without_expectations_assumes_the_worst_case_where_the_usual_size_is_certain() -> None:
    result = plan("nps", "5")
    assert result.assumption == "conservative"
    assert result.n == result.n_expected == plan_sample_size(5).n
    assert result.probability == 1.0


def test_csat_size_is_exact_and_steady() -> None:
    result = plan("csat", "5", assurance=80, expected_satisfied="80")
    assert result.method == "exact-binomial"
    z = 1.959963984540054
    for n in range(result.n_unlimited, result.n_unlimited + 20):
        assert csat_probability(n, 0.05, 0.8, z) >= 0.8
    assert csat_probability(result.n_unlimited - 1, 0.05, 0.8, z) < 0.8
    reached = simulated_csat(result.n, 0.8, 5.0, seed=3)
    assert abs(reached - result.probability) <= TOLERANCE
    assert simulated_csat(result.n_expected, 0.8, 5.0, seed=4) < 0.65


def test_csat_probability_is_the_exact_binomial_sum() -> None:
    n, p, margin, z = 60, 0.7, 0.1, 1.959963984540054
    exact = 0.0
    for k in range(n + 1):
        result = compute_csat([n - k, 0, 0, k, 0])
        if (result.interval.upper - result.interval.lower) / 200 <= margin:
            exact += math.comb(n, k) * p**k * (1 - p) ** (n - k)
    assert csat_probability(n, margin, p, z) == pytest.approx(exact, abs=1e-12)


def test_ces_size_from_an_earlier_surveys_answers_reaches_its_assurance() -> None:
    counts = [2, 3, 5, 8, 20, 35, 27]  # skewed: a long tail of hard cases (kurtosis 4.2)
    result = plan("ces2", "0,2", assurance=80, expected_answers=" ".join(map(str, counts)))
    assert result.method == "scaled-chi-square" and result.assumption == "answers"
    assert result.kurtosis == pytest.approx(4.214, abs=1e-3)
    shares = [count / 100 for count in counts]
    reached = simulated_ces(result.n, shares, 0.2, seed=5)
    assert reached >= 0.8 - TOLERANCE
    assert simulated_ces(result.n_expected, shares, 0.2, seed=6) < 0.65


def test_ces_with_a_standard_deviation_only_is_exact_for_normal_answers() -> None:
    result = plan("ces2", "0.25", assurance=90, expected_sd="1.5")
    assert result.kurtosis == 3.0
    # symmetric answers on 1..7 have lighter tails than the normal: the plan is safe for them
    shares = [0.05, 0.1, 0.2, 0.3, 0.2, 0.1, 0.05]
    sd = math.sqrt(sum(s * (a - 4) ** 2 for a, s in zip(range(1, 8), shares, strict=True)))
    result = plan("ces2", "0.25", assurance=90, expected_sd=str(sd))
    assert simulated_ces(result.n, shares, 0.25, seed=7) >= 0.9 - TOLERANCE


def test_population_correction_and_bad_input() -> None:
    unlimited = plan("csat", "5", expected_satisfied="80")
    small = plan("csat", "5", expected_satisfied="80", population=300)
    assert small.n < unlimited.n and small.n <= 300
    assert small.n == math.ceil(300 * unlimited.n / (unlimited.n + 299) - 1e-9)
    for metric, kwargs in (
        ("nps", {"margin": ""}),
        ("nps", {"margin": "0"}),
        ("csat", {"margin": "60"}),
        ("ces1", {"margin": "3"}),
        ("nps", {"margin": "5", "expected_promoters": "60", "expected_detractors": "50"}),
        ("ces2", {"margin": "0.2", "expected_answers": "1 2 3"}),
    ):
        margin = kwargs.pop("margin")
        with pytest.raises(ValueError):
            plan(metric, margin, **kwargs)
