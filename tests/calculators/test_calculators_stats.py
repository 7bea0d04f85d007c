"""The statistical building blocks against closed forms and numerical integration."""

from __future__ import annotations

import math
import statistics
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.stats import (
    histogram_moments,
    normal_quantile,
    regularized_beta,
    t_cdf,
    t_quantile,
    t_upper_tail,
    t_value,
    two_sided_p_value,
    wilson_interval,
    z_value,
)

# Standard normal quantiles as printed in tables (e.g. NIST e-Handbook 1.3.6.7.1).
TABLE_Z = {90: 1.6448536269514722, 95: 1.959963984540054, 99: 2.5758293035489004}


def t_density(x: float, df: float) -> float:
    log_constant = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return math.exp(log_constant - (df + 1) / 2 * math.log1p(x * x / df))


def simpson_t_cdf(t: float, df: float, steps: int = 4000) -> float:
    """``P(T <= t)`` by Simpson's rule on ``[0, t]``; independent of the package's method."""
    h = t / steps
    total = t_density(0.0, df) + t_density(t, df)
    for i in range(1, steps):
        total += (4 if i % 2 else 2) * t_density(i * h, df)
    return 0.5 + total * h / 3


def cornish_fisher_t(p: float, df: float) -> float:
    """Abramowitz & Stegun 26.7.5: the t quantile as a series in 1/df around the normal one."""
    z = statistics.NormalDist().inv_cdf(p)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


@pytest.mark.parametrize("confidence", [90, 95, 99])
def test_z_values_match_the_table(confidence: int) -> None:
    assert z_value(confidence) == pytest.approx(TABLE_Z[confidence], abs=1e-12)


@pytest.mark.parametrize("confidence", [80, 90, 95, 98, 99])
def test_z_values_are_those_of_normal_dist(confidence: int) -> None:
    p = 0.5 + confidence / 200
    assert z_value(confidence) == statistics.NormalDist().inv_cdf(p)
    assert normal_quantile(p) == statistics.NormalDist().inv_cdf(p)


def test_the_offered_levels_need_no_statistics_module() -> None:
    code = (
        "import sys, calculators.api as api;"
        "assert api.compute('ces', {'responses': '3 4 5'})['ok'];"
        "assert api.compute('nps', {'responses': '9 10 3'})['ok'];"
        "assert 'statistics' not in sys.modules, 'statistics was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_two_sided_p_value() -> None:
    assert two_sided_p_value(0.0) == 1.0
    assert two_sided_p_value(TABLE_Z[95]) == pytest.approx(0.05, abs=1e-12)
    assert two_sided_p_value(-TABLE_Z[99]) == pytest.approx(0.01, abs=1e-12)
    assert 0.0 < two_sided_p_value(10.0) < 1e-22


@pytest.mark.parametrize("p", [0.6, 0.9, 0.95, 0.975, 0.995, 0.9995])
def test_t_quantile_closed_forms_for_one_and_two_degrees(p: float) -> None:
    assert t_quantile(p, 1) == pytest.approx(math.tan(math.pi * (p - 0.5)), rel=1e-11)
    assert t_quantile(p, 2) == pytest.approx((2 * p - 1) / math.sqrt(2 * p * (1 - p)), rel=1e-11)


@pytest.mark.parametrize("df", [3, 4, 7, 9, 15, 29, 50])
@pytest.mark.parametrize("confidence", [90, 95, 99])
def test_t_value_integrates_to_its_probability(df: int, confidence: int) -> None:
    t = t_value(confidence, df)
    assert simpson_t_cdf(t, df) == pytest.approx(0.5 + confidence / 200, abs=1e-10)


@pytest.mark.parametrize("df", [100, 1000, 10_000, 99_999])
@pytest.mark.parametrize("p", [0.95, 0.975, 0.995])
def test_t_quantile_for_large_samples_follows_cornish_fisher(df: int, p: float) -> None:
    assert t_quantile(p, df) == pytest.approx(cornish_fisher_t(p, df), abs=1e-9)


def test_t_quantile_symmetry_and_centre() -> None:
    assert t_quantile(0.5, 7) == 0.0
    assert t_quantile(0.025, 7) == pytest.approx(-t_quantile(0.975, 7), rel=1e-12)
    with pytest.raises(AssertionError):
        t_quantile(1.0, 7)
    with pytest.raises(AssertionError):
        t_quantile(0.9, 0)


def test_t_distribution_function() -> None:
    assert t_cdf(0.0, 5) == 0.5
    assert t_upper_tail(-2.0, 5) == pytest.approx(1 - t_upper_tail(2.0, 5), abs=1e-15)
    for t in [0.3, 1.0, 2.5, 8.0]:
        assert t_cdf(t, 6) == pytest.approx(simpson_t_cdf(t, 6), abs=1e-11)


@given(
    x=st.floats(0.001, 0.999),
    a=st.floats(0.1, 500.0),
    b=st.floats(0.1, 500.0),
)
def test_regularized_beta_identities(x: float, a: float, b: float) -> None:
    assert regularized_beta(x, a, 1.0) == pytest.approx(x**a, rel=1e-9, abs=1e-300)
    assert regularized_beta(x, 1.0, b) == pytest.approx(-math.expm1(b * math.log1p(-x)), rel=1e-9)
    total = regularized_beta(x, a, b) + regularized_beta(1 - x, b, a)
    assert total == pytest.approx(1.0, abs=1e-9)


def test_regularized_beta_edges() -> None:
    assert regularized_beta(0.0, 2.0, 3.0) == 0.0
    assert regularized_beta(1.0, 2.0, 3.0) == 1.0
    assert regularized_beta(0.5, 7.5, 7.5) == pytest.approx(0.5, abs=1e-14)


def wilson_by_quadratic(successes: int, n: int, z: float) -> tuple[float, float]:
    """The Wilson bounds as the roots of ``(p̂ - π)² = z² π (1 - π) / n`` in ``π``."""
    p = successes / n
    k = z * z / n
    a = 1 + k
    b = -(2 * p + k)
    c = p * p
    root = math.sqrt(max(0.0, b * b - 4 * a * c))
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


@given(n=st.integers(1, 100_000), data=st.data(), confidence=st.sampled_from([90, 95, 99]))
def test_wilson_matches_the_quadratic_roots(n: int, data: st.DataObject, confidence: int) -> None:
    successes = data.draw(st.integers(0, n))
    lower, upper = wilson_interval(successes, n, TABLE_Z[confidence])
    expected_lower, expected_upper = wilson_by_quadratic(successes, n, TABLE_Z[confidence])
    assert lower == pytest.approx(expected_lower, abs=1e-9)
    assert upper == pytest.approx(expected_upper, abs=1e-9)
    assert 0.0 <= lower <= successes / n <= upper <= 1.0


def test_wilson_pins_the_ends() -> None:
    assert wilson_interval(0, 10, TABLE_Z[95])[0] == 0.0
    assert wilson_interval(10, 10, TABLE_Z[95])[1] == 1.0


@given(st.lists(st.integers(0, 50), min_size=2, max_size=7).filter(lambda h: sum(h) > 0))
def test_histogram_moments_match_statistics(histogram: list[int]) -> None:
    values = [point for point, count in enumerate(histogram, start=1) for _ in range(count)]
    n, mean, deviation = histogram_moments(histogram, 1)
    assert n == len(values)
    assert mean == pytest.approx(statistics.fmean(values), rel=1e-12)
    if n < 2:
        assert deviation is None
    else:
        assert deviation == pytest.approx(statistics.stdev(values), rel=1e-9, abs=1e-12)
