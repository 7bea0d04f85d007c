"""Customer Satisfaction Score (CSAT), on a 1-5 scale unless another is given.

The score is the percentage of satisfied customers, those answering 4 or 5 (or, on another
scale, at least its ``satisfied_min``), with a Wilson score interval (Wilson 1927), which
unlike the plain Wald interval stays inside 0-100 % and keeps a sensible width for small
samples and for shares near 0 or 100 %. The result also gives the mean answer, its standard
deviation and the whole distribution. Higher is better.

**Comparison** (:func:`compare_csat`): the difference of the two percentages satisfied,
``second - first``, with Newcombe's hybrid score interval (Newcombe 1998, *Statistics in
Medicine* 17, method 10), built from the two Wilson intervals, and the two-sided p-value of
the pooled two-proportion z-test. ``significant`` follows the p-value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from calculators.errors import CalculatorError, Code
from calculators.parsing import check_histogram, histogram_of, parse_confidence, parse_scores
from calculators.results import Interval, ResultWarning, sample_warnings, width_warning
from calculators.stats import histogram_moments, two_sided_p_value, wilson_interval, z_value

SCALE_LOW: Final = 1
SCALE_HIGH: Final = 5
#: Answers from this point up count as satisfied.
SATISFIED_MIN: Final = 4
#: The highest top of a scale :func:`compute_csat` accepts (0-10 and 1-10 scales exist).
MAX_SCALE: Final = 10


@dataclass(frozen=True)
class CsatResult:
    """A CSAT result. ``score`` and ``interval`` are in per cent satisfied (0..100)."""

    metric: str
    scale_min: int
    scale_max: int
    better: str
    n: int
    #: Counts of each answer from 1 to 5.
    histogram: tuple[int, ...]
    #: The same as fractions of ``n``.
    shares: tuple[float, ...]
    satisfied: int
    #: ``satisfied / n`` as a fraction.
    satisfied_share: float
    score: float
    interval: Interval
    mean: float
    standard_deviation: float | None
    warnings: tuple[ResultWarning, ...]
    unit: str = "percent"


def _check_scale(scale_min: int, scale_max: int, satisfied_min: int) -> None:
    if not (
        all(type(value) is int for value in (scale_min, scale_max, satisfied_min))
        and 0 <= scale_min < satisfied_min <= scale_max <= MAX_SCALE
    ):
        raise CalculatorError(
            Code.OUT_OF_RANGE,
            field="satisfied_min",
            values=[satisfied_min],
            count=1,
            params={"min": scale_min + 1, "max": scale_max},
        )


def compute_csat(
    histogram: Sequence[int],
    *,
    confidence: int = 95,
    scale_min: int = SCALE_LOW,
    scale_max: int = SCALE_HIGH,
    satisfied_min: int = SATISFIED_MIN,
) -> CsatResult:
    """Compute CSAT from the counts of each answer, lowest first (named ``h1``.. in errors).

    :param scale_min: The lowest answer (default 1); ``scale_max`` the highest (default 5).
    :param satisfied_min: Answers from this one up count as satisfied (default 4); above
        ``scale_min``, at most ``scale_max``.
    :raises CalculatorError: ``invalid_confidence``, ``wrong_type``, ``wrong_length``,
        ``out_of_range`` (``field`` ``satisfied_min``, for a scale that cannot be) and the
        count codes of :func:`~calculators.parsing.parse_counts`.
    """
    level = parse_confidence(confidence)
    _check_scale(scale_min, scale_max, satisfied_min)
    counts = check_histogram(histogram, low=scale_min, high=scale_max)
    n, mean, deviation = histogram_moments(counts, scale_min)
    satisfied = sum(counts[satisfied_min - scale_min :])
    lower, upper = wilson_interval(satisfied, n, z_value(level))
    score = 100.0 * satisfied / n
    # min/max keep the score inside despite rounding in the last digit.
    interval = Interval(
        lower=min(100.0 * lower, score),
        upper=max(100.0 * upper, score),
        centre=score,
        confidence=level,
        method="wilson",
    )
    warnings = sample_warnings(n, steps=True)
    warnings.extend(width_warning(interval, 100.0))
    return CsatResult(
        metric="csat",
        scale_min=scale_min,
        scale_max=scale_max,
        better="higher",
        n=n,
        histogram=counts,
        shares=tuple(count / n for count in counts),
        satisfied=satisfied,
        satisfied_share=satisfied / n,
        score=score,
        interval=interval,
        mean=mean,
        standard_deviation=deviation,
        warnings=tuple(warnings),
    )


def histogram_from_responses(responses: str | Sequence[object]) -> tuple[int, ...]:
    """Read 1-5 answers (pasted text or a sequence) into a five-bucket histogram."""
    scores = parse_scores(responses, low=SCALE_LOW, high=SCALE_HIGH)
    return histogram_of(scores, low=SCALE_LOW, high=SCALE_HIGH)


def csat_from_responses(responses: str | Sequence[object], *, confidence: int = 95) -> CsatResult:
    """:func:`compute_csat` from individual 1-5 answers, pasted text or a sequence."""
    return compute_csat(histogram_from_responses(responses), confidence=confidence)


@dataclass(frozen=True)
class ProportionDifference:
    """The difference ``second - first`` of two percentages, with its interval and p-value."""

    difference: float
    interval: Interval
    #: The two-sided p-value of the pooled z-test (1.0 when both groups answer alike).
    p_value: float
    significant: bool
    confidence: int
    unit: str = "percent"


def compare_proportions(
    first_successes: int,
    first_n: int,
    second_successes: int,
    second_n: int,
    *,
    confidence: int = 95,
) -> ProportionDifference:
    """``second - first`` of two shares (in per cent) with Newcombe's hybrid score interval.

    Both ``n`` must be positive and each count between 0 and its ``n`` (callers check).
    """
    level = parse_confidence(confidence)
    z = z_value(level)
    p1 = first_successes / first_n
    p2 = second_successes / second_n
    low1, high1 = wilson_interval(first_successes, first_n, z)
    low2, high2 = wilson_interval(second_successes, second_n, z)
    difference = p2 - p1
    lower = difference - math.hypot(p2 - low2, high1 - p1)
    upper = difference + math.hypot(high2 - p2, p1 - low1)
    pooled = (first_successes + second_successes) / (first_n + second_n)
    error = math.sqrt(pooled * (1.0 - pooled) * (1.0 / first_n + 1.0 / second_n))
    # No spread (both groups all satisfied, or both none): no difference at all.
    p_value = two_sided_p_value(difference / error) if error > 0.0 else 1.0
    interval = Interval(
        lower=max(-100.0, min(100.0 * lower, 100.0 * difference)),
        upper=min(100.0, max(100.0 * upper, 100.0 * difference)),
        centre=100.0 * difference,
        confidence=level,
        method="newcombe",
    )
    return ProportionDifference(
        difference=100.0 * difference,
        interval=interval,
        p_value=p_value,
        significant=p_value < 1.0 - level / 100,
        confidence=level,
    )


def compare_csat(
    first: CsatResult, second: CsatResult, *, confidence: int = 95
) -> ProportionDifference:
    """Compare the percentages satisfied of two CSAT results: ``second - first``."""
    return compare_proportions(
        first.satisfied, first.n, second.satisfied, second.n, confidence=confidence
    )
