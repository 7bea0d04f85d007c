"""How many responses are needed: a margin of error reached with a chosen assurance.

The usual formula (``n = z² · variance / margin²``, :func:`calculators.nps.plan_sample_size`
for NPS) gives the ``n`` at which the interval's half-width *is about* the margin: the
half-width is computed from the sample's own spread, which varies from sample to sample, so
at that ``n`` the half-width exceeds the margin in roughly half of all surveys. The planner
shows instead the smallest ``n`` at which the half-width is at most the margin with the
chosen **assurance** (for example 80 %: in at least 80 % of surveys of that size), from the
sampling distribution of the half-width, and gives the usual ``n`` beside it
(``n_expected``) with the probability it reaches the margin.

``nps``, ``enps`` -- normal approximation of the variance estimator
    The half-width is ``z · sqrt(V̂ / n)`` with ``V̂ = p̂ + d̂ - (p̂ - d̂)²`` (promoter and
    detractor shares). By the delta method ``V̂`` is about normal with mean ``V`` and
    variance ``gᵀ Σ g / n``, ``g = (1 - 2(p - d), 1 + 2(p - d))`` and ``Σ`` the multinomial
    covariance of one answer, so ``P(half-width ≤ m) ≈ Φ((n m² / z² - V) / sqrt(gᵀ Σ g / n))``.
    With half promoters and half detractors (the conservative default) ``V̂`` never exceeds
    ``V`` and the usual ``n`` is already certain.
``csat`` -- exact binomial
    The Wilson half-width depends only on the number satisfied ``k``, and grows as ``k``
    nears ``n / 2``; the probability is the binomial probability of the ``k`` whose
    half-width is at most the margin, summed exactly with the incomplete beta function.
    Because that probability moves in small steps as ``n`` grows, the size shown is one
    from which the next :data:`STEADY` sizes reach the assurance as well.
``ces1``, ``ces2`` -- scaled chi-square
    The half-width is ``t(n-1) · s / sqrt(n)``. The sample variance ``s²`` is taken as
    ``σ² · χ²(ν) / ν`` with ``ν = 2 / (κ/n - (n-3)/(n(n-1)))``, which matches the mean and
    the exact variance of ``s²`` for answers of kurtosis ``κ`` (Satterthwaite's
    approximation; for normal answers, ``κ = 3``, it is the exact chi-square with ``n - 1``
    degrees of freedom). Effort answers are usually skewed with a long tail of unhappy
    customers, which raises ``κ`` and makes ``s`` vary more than for normal answers: given
    the answers of an earlier survey (``expected_answers``, counts of each answer) the plan
    uses their standard deviation and kurtosis; given only a standard deviation it assumes
    ``κ = 3``. Without either, the largest standard deviation possible on the scale (half
    the answers at each end, where ``s`` hardly varies) is assumed.

With a ``population`` ``N`` both sizes get the finite population correction
``N · n / (n + N - 1)``. The simulation in ``tests/calculators/test_survey_planner.py``
checks the assurance of the sizes shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from calculators import ces, nps
from calculators.errors import CalculatorError, Code
from calculators.parsing import parse_confidence, parse_counts, parse_decimal, split_values
from calculators.stats import (
    binomial_cdf,
    chi_square_cdf,
    t_value,
    wilson_interval,
    z_value,
)

#: The assurances (per cent) that can be chosen, and the default.
ASSURANCES: Final = (50, 80, 90, 95)
DEFAULT_ASSURANCE: Final = 80
#: The largest sample size the planner searches.
MAX_N: Final = 10_000_000
#: CSAT: sizes after the one shown that must reach the assurance too.
STEADY: Final = 20
#: The usual share satisfied assumed without an expectation (the widest interval).
CONSERVATIVE_SATISFIED: Final = 50.0


@dataclass(frozen=True)
class AssurancePlan:
    """A planned sample size (see the module docstring)."""

    metric: str
    #: The wanted half-width: NPS points, CSAT percentage points or CES scale points.
    margin: float
    confidence: int
    #: Per cent of surveys of size ``n`` whose half-width is at most ``margin``.
    assurance: int
    #: ``"expected"`` (from the expectations given), ``"answers"`` (CES: from an earlier
    #: survey's answers) or ``"conservative"``.
    assumption: str
    #: ``"normal-approximation"``, ``"exact-binomial"`` or ``"scaled-chi-square"``.
    method: str
    #: The size shown: the margin is reached with ``assurance`` (finite-population corrected).
    n: int
    #: The usual size, at which the half-width is about the margin (corrected likewise).
    n_expected: int
    #: Both before the finite population correction.
    n_unlimited: int
    n_expected_unlimited: int
    #: ``P(half-width ≤ margin)`` at ``n_unlimited`` and at ``n_expected_unlimited``.
    probability: float
    probability_expected: float
    population: int | None
    expected_promoters: float | None = None
    expected_detractors: float | None = None
    expected_satisfied: float | None = None
    expected_sd: float | None = None
    #: CES: the kurtosis of the answers assumed.
    kurtosis: float | None = None


def _corrected(n: int, population: int | None) -> int:
    if population is None:
        return n
    return min(population, max(1, math.ceil(population * n / (n + population - 1) - 1e-9)))


def _smallest(check: Callable[[int], bool], start: int) -> int:
    """The smallest ``n >= 1`` with ``check(n)``, for a condition that holds from some ``n`` on
    (found by doubling from ``start``, then bisection)."""
    high = max(1, start)
    while not check(high):
        if high >= MAX_N:
            raise CalculatorError(
                Code.OUT_OF_RANGE, field="margin", params={"max_n": MAX_N}, count=1
            )
        high = min(MAX_N, high * 2)
    low = 0  # check(0) is taken as false
    while high - low > 1:
        middle = (low + high) // 2
        if check(middle):
            high = middle
        else:
            low = middle
    return high


# --- NPS ----------------------------------------------------------------------------------------


def nps_probability(n: int, margin: float, p: float, d: float, z: float) -> float:
    """``P(z · sqrt(V̂ / n) ≤ margin)`` (margin as a fraction) by the normal approximation."""
    variance = p + d - (p - d) ** 2
    gp, gd = 1.0 - 2.0 * (p - d), 1.0 + 2.0 * (p - d)
    spread = gp * gp * p * (1 - p) + gd * gd * d * (1 - d) - 2.0 * gp * gd * p * d
    limit = n * margin * margin / (z * z)
    if spread <= 1e-15:
        return 1.0 if limit >= variance - 1e-12 else 0.0
    from statistics import NormalDist

    return NormalDist().cdf((limit - variance) / math.sqrt(spread / n))


# --- CSAT ---------------------------------------------------------------------------------------


def _wilson_half(k: int, n: int, z: float) -> float:
    lower, upper = wilson_interval(k, n, z)
    return (upper - lower) / 2.0


def csat_probability(n: int, margin: float, p: float, z: float) -> float:
    """``P(Wilson half-width ≤ margin)`` (fractions) for ``n`` answers, exactly."""
    middle = n // 2
    if _wilson_half(0, n, z) > margin:
        return 0.0
    if _wilson_half(middle, n, z) <= margin:
        return 1.0
    low, high = 0, middle  # half(low) <= margin < half(high)
    while high - low > 1:
        mid = (low + high) // 2
        if _wilson_half(mid, n, z) <= margin:
            low = mid
        else:
            high = mid
    # k <= low or k >= n - low have a half-width within the margin
    return min(1.0, binomial_cdf(low, n, p) + 1.0 - binomial_cdf(n - low - 1, n, p))


# --- CES ----------------------------------------------------------------------------------------


def ces_probability(
    n: int, margin: float, sd: float, confidence: int, kurtosis: float = 3.0
) -> float:
    """``P(t(n-1) · s / sqrt(n) ≤ margin)`` for answers of standard deviation ``sd`` and
    ``kurtosis``, with ``s²`` as a scaled chi-square (see the module docstring)."""
    if n < 2:
        return 0.0
    t = t_value(confidence, n - 1)
    limit = margin * margin * n / (t * t)  # the largest s² within the margin
    if sd == 0.0:
        return 1.0
    relative = kurtosis / n - (n - 3) / (n * (n - 1))  # Var(s²) / σ⁴
    if relative <= 1e-12:
        return 1.0 if limit >= sd * sd else 0.0
    degrees = 2.0 / relative
    return chi_square_cdf(degrees * limit / (sd * sd), degrees)


def answer_moments(counts: tuple[int, ...], low: int) -> tuple[float, float]:
    """``(standard deviation, kurtosis)`` of answers ``low, low + 1, ...`` with ``counts``
    (population moments; the kurtosis of answers that are all alike is taken as 1)."""
    n = sum(counts)
    mean = sum(count * (low + index) for index, count in enumerate(counts)) / n
    second = sum(count * (low + index - mean) ** 2 for index, count in enumerate(counts)) / n
    fourth = sum(count * (low + index - mean) ** 4 for index, count in enumerate(counts)) / n
    if second == 0.0:
        return 0.0, 1.0
    return math.sqrt(second), fourth / (second * second)


# --- the planner --------------------------------------------------------------------------------


def _share(value: object, field: str, high: float = 100.0) -> float | None:
    share = parse_decimal(value, field)
    if share is not None and not 0.0 <= share <= high:
        raise CalculatorError(
            Code.OUT_OF_RANGE, field=field, values=[value], count=1, params={"min": 0, "max": high}
        )
    return share


def _margin(value: object, high: float) -> float:
    margin = parse_decimal(value, "margin")
    if margin is None:
        raise CalculatorError(Code.MISSING, field="margin")
    if not 0.0 < margin <= high:
        raise CalculatorError(
            Code.OUT_OF_RANGE,
            field="margin",
            values=[value],
            count=1,
            params={"min": 0, "max": high},
        )
    return margin


def plan(
    metric: str,
    margin: object,
    *,
    confidence: object = 95,
    assurance: int = DEFAULT_ASSURANCE,
    population: int | None = None,
    expected_promoters: object = None,
    expected_detractors: object = None,
    expected_satisfied: object = None,
    expected_sd: object = None,
    expected_answers: object = None,
) -> AssurancePlan:
    """Plan the sample size for ``metric`` (``nps``, ``enps``, ``csat``, ``ces1``, ``ces2``).

    Numbers may be text as typed (``"2,5"``, ``"40 %"``).

    :raises CalculatorError: ``missing``, ``not_a_number``, ``out_of_range``,
        ``shares_exceed_total``, ``invalid_confidence``.
    """
    level = parse_confidence(confidence)
    z = z_value(level)
    wanted_assurance = assurance / 100.0
    if metric in {"nps", "enps"}:
        wanted = _margin(margin, 100.0)
        usual = nps.plan_sample_size(
            wanted,
            confidence=level,
            expected_promoters=_share(expected_promoters, "expected_promoters"),
            expected_detractors=_share(expected_detractors, "expected_detractors"),
            metric=metric,
        )
        p, d = usual.expected_promoters / 100.0, usual.expected_detractors / 100.0
        fraction = wanted / 100.0

        def nps_reaches(n: int) -> bool:
            return n > 0 and nps_probability(n, fraction, p, d, z) >= wanted_assurance

        n = _smallest(nps_reaches, usual.n_unlimited)
        return AssurancePlan(
            metric=metric,
            margin=wanted,
            confidence=level,
            assurance=assurance,
            assumption="expected" if usual.assumption == "expected_shares" else "conservative",
            method="normal-approximation",
            n=_corrected(n, population),
            n_expected=_corrected(usual.n_unlimited, population),
            n_unlimited=n,
            n_expected_unlimited=usual.n_unlimited,
            probability=nps_probability(n, fraction, p, d, z),
            probability_expected=nps_probability(usual.n_unlimited, fraction, p, d, z),
            population=population,
            expected_promoters=usual.expected_promoters,
            expected_detractors=usual.expected_detractors,
        )
    if metric == "csat":
        wanted = _margin(margin, 50.0)
        given = _share(expected_satisfied, "expected_satisfied")
        share = (CONSERVATIVE_SATISFIED if given is None else given) / 100.0
        fraction = wanted / 100.0
        expected_n = max(1, math.ceil(z * z * share * (1 - share) / fraction**2 - 1e-9))

        def csat_reaches(n: int) -> bool:
            return n > 0 and csat_probability(n, fraction, share, z) >= wanted_assurance

        n = _smallest(csat_reaches, expected_n)
        size = n
        while size < n + STEADY:
            size += 1
            if not csat_reaches(size):
                n = size + 1
        return AssurancePlan(
            metric=metric,
            margin=wanted,
            confidence=level,
            assurance=assurance,
            assumption="conservative" if given is None else "expected",
            method="exact-binomial",
            n=_corrected(n, population),
            n_expected=_corrected(expected_n, population),
            n_unlimited=n,
            n_expected_unlimited=expected_n,
            probability=csat_probability(n, fraction, share, z),
            probability_expected=csat_probability(expected_n, fraction, share, z),
            population=population,
            expected_satisfied=share * 100.0,
        )
    scale = ces.SCALES[metric]
    half_range = (scale.high - scale.low) / 2.0
    wanted = _margin(margin, half_range)
    answers = _answers(expected_answers, scale.high - scale.low + 1)
    given_sd = _share(expected_sd, "expected_sd", half_range)
    if answers is not None:
        sd, kurtosis = answer_moments(answers, scale.low)
        assumption = "answers"
    elif given_sd is not None:
        sd, kurtosis, assumption = given_sd, 3.0, "expected"
    else:
        sd, kurtosis, assumption = half_range, 1.0, "conservative"
    if sd == 0.0:
        raise CalculatorError(Code.OUT_OF_RANGE, field="expected_sd", values=["0"], count=1)

    def usual_reaches(n: int) -> bool:
        return n > 1 and t_value(level, n - 1) * sd / math.sqrt(n) <= wanted

    def ces_reaches(n: int) -> bool:
        return n > 1 and ces_probability(n, wanted, sd, level, kurtosis) >= wanted_assurance

    expected_n = _smallest(usual_reaches, max(2, math.ceil((z * sd / wanted) ** 2)))
    n = _smallest(ces_reaches, expected_n)
    return AssurancePlan(
        metric=metric,
        margin=wanted,
        confidence=level,
        assurance=assurance,
        assumption=assumption,
        method="scaled-chi-square",
        n=_corrected(n, population),
        n_expected=_corrected(expected_n, population),
        n_unlimited=n,
        n_expected_unlimited=expected_n,
        probability=ces_probability(n, wanted, sd, level, kurtosis),
        probability_expected=ces_probability(expected_n, wanted, sd, level, kurtosis),
        population=population,
        expected_sd=sd,
        kurtosis=kurtosis,
    )


def _answers(value: object, width: int) -> tuple[int, ...] | None:
    """Counts of each answer of an earlier survey, typed as one text (``"2 3 5 8 20 35 27"``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise CalculatorError(
            Code.WRONG_TYPE, field="expected_answers", values=[value], params={"expected": "text"}
        )
    parts = split_values(value)
    if len(parts) != width:
        raise CalculatorError(
            Code.WRONG_LENGTH,
            field="expected_answers",
            values=[str(len(parts))],
            params={"expected": width},
        )
    return parse_counts([("expected_answers", part) for part in parts])
