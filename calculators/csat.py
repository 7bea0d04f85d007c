"""Customer Satisfaction Score (CSAT) on a 1-5 scale.

The score is the percentage of satisfied customers, those answering 4 or 5, with a Wilson
score interval (Wilson 1927), which unlike the plain Wald interval stays inside 0-100 % and
keeps a sensible width for small samples and for shares near 0 or 100 %. The result also
gives the mean answer, its standard deviation and the whole distribution. Higher is better.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from calculators.parsing import check_histogram, histogram_of, parse_confidence, parse_scores
from calculators.results import Interval, ResultWarning, sample_warnings, width_warning
from calculators.stats import histogram_moments, wilson_interval, z_value

SCALE_LOW: Final = 1
SCALE_HIGH: Final = 5
#: Answers from this point up count as satisfied.
SATISFIED_MIN: Final = 4


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


def compute_csat(histogram: Sequence[int], *, confidence: int = 95) -> CsatResult:
    """Compute CSAT from five counts, of answers 1..5 (named ``h1``..``h5`` in errors).

    :raises CalculatorError: ``invalid_confidence``, ``wrong_type``, ``wrong_length`` and the
        count codes of :func:`~calculators.parsing.parse_counts`.
    """
    level = parse_confidence(confidence)
    counts = check_histogram(histogram, low=SCALE_LOW, high=SCALE_HIGH)
    n, mean, deviation = histogram_moments(counts, SCALE_LOW)
    satisfied = sum(counts[SATISFIED_MIN - SCALE_LOW :])
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
        scale_min=SCALE_LOW,
        scale_max=SCALE_HIGH,
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
