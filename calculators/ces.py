"""Customer Effort Score (CES), versions 1.0 and 2.0.

``"ces1"`` (CES 1.0)
    "How much effort did you personally have to put forth?" on a 1-5 scale. **Lower is
    better.** The score is the mean answer.
``"ces2"`` (CES 2.0, the default)
    Agreement with "The company made it easy for me to handle my issue" on a 1-7 scale.
    **Higher is better.** The score is the mean answer; the result also gives the share who
    agree (5-7), are neutral (4) and disagree (1-3).

Every result states its direction in ``better`` (``"lower"`` or ``"higher"``).

The confidence interval of the mean is Student's *t* interval
``mean ± t(1 - α/2, n - 1) · s / sqrt(n)`` with the sample standard deviation ``s``, cut to
the ends of the scale (``interval_clipped`` warning). The *t* quantile is computed exactly
(see :mod:`calculators.stats`) rather than replaced by the normal 1.96, because effort
surveys are often small and the normal value would make their intervals too narrow. A single
response has no standard deviation and so no interval (``interval_unavailable``); identical
answers give an interval of zero width.

**Comparison** (:func:`compare_ces`, :func:`compare_means`): the difference of two means,
``second - first``, with Welch's *t* test and interval (Welch 1947): the standard error
``sqrt(s₁²/n₁ + s₂²/n₂)`` and the Welch-Satterthwaite degrees of freedom, so the two groups
need not have the same spread. Each group needs at least two answers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from calculators.parsing import (
    check_histogram,
    histogram_of,
    parse_choice,
    parse_confidence,
    parse_scores,
)
from calculators.results import (
    Interval,
    ResultWarning,
    WarningCode,
    clip_interval,
    sample_warnings,
    width_warning,
)
from calculators.stats import histogram_moments, t_quantile, t_upper_tail, t_value


@dataclass(frozen=True)
class CesScale:
    """A CES version: its answer range and which direction is better."""

    name: str
    low: int
    high: int
    better: str


#: The CES versions by name.
SCALES: Final = {
    "ces1": CesScale("ces1", 1, 5, "lower"),
    "ces2": CesScale("ces2", 1, 7, "higher"),
}
DEFAULT_SCALE: Final = "ces2"
#: On the CES 2.0 scale, answers from this point up agree and up to ``DISAGREE_MAX`` disagree.
AGREE_MIN: Final = 5
DISAGREE_MAX: Final = 3


@dataclass(frozen=True)
class CesResult:
    """A CES result. ``score`` is the mean answer, ``interval`` its *t* interval."""

    metric: str
    scale: str
    scale_min: int
    scale_max: int
    #: ``"lower"`` (CES 1.0) or ``"higher"`` (CES 2.0).
    better: str
    n: int
    #: Counts of each answer from ``scale_min`` to ``scale_max``.
    histogram: tuple[int, ...]
    #: The same as fractions of ``n``.
    shares: tuple[float, ...]
    score: float
    standard_deviation: float | None
    standard_error: float | None
    interval: Interval | None
    #: CES 2.0 only: shares answering 5-7, 4 and 1-3 (``None`` for CES 1.0).
    agree_share: float | None
    neutral_share: float | None
    disagree_share: float | None
    warnings: tuple[ResultWarning, ...]
    unit: str = "scale_points"


def _scale(scale: object) -> CesScale:
    return SCALES[parse_choice(scale, "scale", tuple(SCALES), DEFAULT_SCALE)]


def compute_ces(
    histogram: Sequence[int], *, scale: str = DEFAULT_SCALE, confidence: int = 95
) -> CesResult:
    """Compute CES from a histogram: counts of each answer, lowest first.

    :param histogram: 5 counts for ``"ces1"`` (answers 1..5), 7 for ``"ces2"`` (1..7); in
        errors the buckets are named ``h1``, ``h2``, ...
    :param scale: ``"ces1"`` or ``"ces2"``.
    :param confidence: 90, 95 or 99.
    :raises CalculatorError: ``invalid_option``, ``invalid_confidence``, ``wrong_type``,
        ``wrong_length`` and the count codes of :func:`~calculators.parsing.parse_counts`.
    """
    version = _scale(scale)
    level = parse_confidence(confidence)
    counts = check_histogram(histogram, low=version.low, high=version.high)
    n, mean, deviation = histogram_moments(counts, version.low)
    warnings = sample_warnings(n, steps=False)
    interval: Interval | None = None
    standard_error: float | None = None
    if deviation is None:
        warnings.append(ResultWarning.of(WarningCode.INTERVAL_UNAVAILABLE, n=n))
    else:
        standard_error = deviation / math.sqrt(n)
        interval = clip_interval(
            mean,
            t_value(level, n - 1) * standard_error,
            low=version.low,
            high=version.high,
            confidence=level,
            method="t",
            warnings=warnings,
        )
        warnings.extend(width_warning(interval, version.high - version.low))
    agree = neutral = disagree = None
    if version.name == "ces2":
        agree = sum(counts[AGREE_MIN - version.low :]) / n
        neutral = sum(counts[DISAGREE_MAX + 1 - version.low : AGREE_MIN - version.low]) / n
        disagree = sum(counts[: DISAGREE_MAX + 1 - version.low]) / n
    return CesResult(
        metric="ces",
        scale=version.name,
        scale_min=version.low,
        scale_max=version.high,
        better=version.better,
        n=n,
        histogram=counts,
        shares=tuple(count / n for count in counts),
        score=mean,
        standard_deviation=deviation,
        standard_error=standard_error,
        interval=interval,
        agree_share=agree,
        neutral_share=neutral,
        disagree_share=disagree,
        warnings=tuple(warnings),
    )


def histogram_from_responses(
    responses: str | Sequence[object], *, scale: str = DEFAULT_SCALE
) -> tuple[int, ...]:
    """Read answers on the scale's range (pasted text or a sequence) into a histogram."""
    version = _scale(scale)
    scores = parse_scores(responses, low=version.low, high=version.high)
    return histogram_of(scores, low=version.low, high=version.high)


def ces_from_responses(
    responses: str | Sequence[object], *, scale: str = DEFAULT_SCALE, confidence: int = 95
) -> CesResult:
    """:func:`compute_ces` from individual answers, pasted text or a sequence."""
    return compute_ces(
        histogram_from_responses(responses, scale=scale), scale=scale, confidence=confidence
    )


@dataclass(frozen=True)
class MeanDifference:
    """The difference ``second - first`` of two means, with Welch's interval and p-value.

    When either group has fewer than two answers there is no standard deviation: only
    ``difference`` is set (``interval``, ``p_value`` and ``significant`` are ``None``).
    """

    difference: float
    interval: Interval | None
    standard_error: float | None
    degrees_of_freedom: float | None
    p_value: float | None
    significant: bool | None
    confidence: int
    unit: str = "scale_points"


def compare_means(
    first: tuple[int, float, float | None],
    second: tuple[int, float, float | None],
    *,
    confidence: int = 95,
) -> MeanDifference:
    """``second - first`` of two means given as ``(n, mean, standard deviation)``."""
    level = parse_confidence(confidence)
    (n1, mean1, sd1), (n2, mean2, sd2) = first, second
    difference = mean2 - mean1
    if sd1 is None or sd2 is None or n1 < 2 or n2 < 2:
        return MeanDifference(difference, None, None, None, None, None, level)
    v1 = sd1 * sd1 / n1
    v2 = sd2 * sd2 / n2
    error = math.sqrt(v1 + v2)
    if error == 0.0:  # every answer in both groups the same
        p_value = 1.0 if difference == 0.0 else 0.0
        interval = Interval(difference, difference, difference, level, "welch")
        return MeanDifference(
            difference, interval, 0.0, None, p_value, p_value < 1.0 - level / 100, level
        )
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    t = difference / error
    p_value = min(1.0, 2.0 * t_upper_tail(abs(t), df))
    half = t_quantile(0.5 + level / 200, df) * error
    interval = Interval(difference - half, difference + half, difference, level, "welch")
    return MeanDifference(
        difference=difference,
        interval=interval,
        standard_error=error,
        degrees_of_freedom=df,
        p_value=p_value,
        significant=p_value < 1.0 - level / 100,
        confidence=level,
    )


def compare_ces(first: CesResult, second: CesResult, *, confidence: int = 95) -> MeanDifference:
    """Compare the means of two CES results on the same scale: ``second - first``."""
    return compare_means(
        (first.n, first.score, first.standard_deviation),
        (second.n, second.score, second.standard_deviation),
        confidence=confidence,
    )
