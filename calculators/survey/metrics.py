"""The survey metrics of the workbench on one footing: a score of a histogram, a difference
of two, each by the calculator of its metric.

=========  ============  ================================================  ================
metric     answers       score and interval                                compared by
=========  ============  ================================================  ================
``nps``    0-10          :func:`~calculators.nps.compute_nps`              ``compare_nps``
``enps``   0-10          the same; small groups withheld                   ``compare_nps``
``csat``   1-5, 1-7 ...  :func:`~calculators.csat.compute_csat` (Wilson)   Newcombe, z-test
``ces1``   1-5, lower    :func:`~calculators.ces.compute_ces` (*t*)        Welch
``ces2``   1-7, higher   the same                                          Welch
=========  ============  ================================================  ================

A CSAT scale is one of :data:`CSAT_SCALES`; its "satisfied" answers are those from
``satisfied_min`` up (by default the top two boxes: 4-5 of 1-5, 6-7 of 1-7, 9-10 of 0-10 or
1-10).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from calculators import ces, csat, nps
from calculators.errors import CalculatorError, Code
from calculators.results import Interval, ResultWarning

#: The metrics, the first being the default.
METRICS: Final = ("nps", "enps", "csat", "ces1", "ces2")
#: CSAT scales by name: ``(lowest, highest, default satisfied_min)``.
CSAT_SCALES: Final = {
    "1-5": (1, 5, 4),
    "1-7": (1, 7, 6),
    "0-10": (0, 10, 9),
    "1-10": (1, 10, 9),
}
DEFAULT_CSAT_SCALE: Final = "1-5"


@dataclass(frozen=True)
class Metric:
    """A metric with its scale: what answers it reads and how its score reads."""

    name: str
    low: int
    high: int
    #: ``"higher"`` or ``"lower"``.
    better: str
    #: ``"points"`` (NPS), ``"percent"`` (CSAT) or ``"scale_points"`` (CES).
    unit: str
    #: Decimals a page shows.
    digits: int
    #: CSAT only: answers from this one up are satisfied.
    satisfied_min: int | None = None

    @property
    def width(self) -> int:
        return self.high - self.low + 1


def metric(name: str, csat_scale: str = DEFAULT_CSAT_SCALE, satisfied: int | None = None) -> Metric:
    """The :class:`Metric` called ``name`` (checked by the caller against :data:`METRICS`).

    :raises CalculatorError: ``out_of_range`` (``field`` ``satisfied``) for a satisfied
        threshold that is not above the scale's lowest answer and at most its highest.
    """
    if name in {"nps", "enps"}:
        return Metric(name, nps.SCALE_LOW, nps.SCALE_HIGH, "higher", "points", 1)
    if name == "csat":
        low, high, default = CSAT_SCALES[csat_scale]
        threshold = default if satisfied is None else satisfied
        if not low < threshold <= high:
            raise CalculatorError(
                Code.OUT_OF_RANGE,
                field="satisfied",
                values=[str(threshold)],
                count=1,
                params={"min": low + 1, "max": high},
            )
        return Metric("csat", low, high, "higher", "percent", 1, threshold)
    scale = ces.SCALES[name]
    return Metric(name, scale.low, scale.high, scale.better, "scale_points", 2)


@dataclass(frozen=True)
class Score:
    """A group's score: the result of its metric's calculator, reduced to what is shown."""

    n: int
    score: float | None
    interval: Interval | None
    warnings: tuple[ResultWarning, ...]
    #: The calculator's own result (for comparisons): NpsResult, CsatResult or CesResult.
    detail: nps.NpsResult | csat.CsatResult | ces.CesResult | None


@dataclass(frozen=True)
class Difference:
    """``second - first`` of two groups' scores, its interval and two-sided p-value."""

    difference: float | None
    interval: Interval | None
    p_value: float | None
    #: Whether the p-value is below ``1 - confidence`` (the change is beyond chance).
    significant: bool | None
    #: ``"nps-z"``, ``"newcombe"`` or ``"welch"``.
    method: str


def score(spec: Metric, histogram: Sequence[int], confidence: int, method: str) -> Score:
    """The score of ``histogram`` (counts of each answer, lowest first); ``n`` may be 0."""
    n = sum(histogram)
    if n == 0:
        return Score(0, None, None, (), None)
    detail: nps.NpsResult | csat.CsatResult | ces.CesResult
    if spec.name in {"nps", "enps"}:
        detail = nps.compute_nps(
            nps.GroupCounts.from_histogram(histogram),
            confidence=confidence,
            method=method,
            metric=spec.name,
            min_group=1,
        )
    elif spec.name == "csat":
        detail = csat.compute_csat(
            histogram,
            confidence=confidence,
            scale_min=spec.low,
            scale_max=spec.high,
            satisfied_min=spec.satisfied_min or spec.high,
        )
    else:
        detail = ces.compute_ces(histogram, scale=spec.name, confidence=confidence)
    return Score(n, detail.score, detail.interval, detail.warnings, detail)


def difference(
    spec: Metric,
    first: Sequence[int],
    second: Sequence[int],
    confidence: int,
    method: str,
) -> Difference | None:
    """``second - first`` of two histograms' scores; ``None`` if either is empty."""
    if sum(first) == 0 or sum(second) == 0:
        return None
    if spec.name in {"nps", "enps"}:
        compared = nps.compare_nps(
            nps.GroupCounts.from_histogram(first),
            nps.GroupCounts.from_histogram(second),
            confidence=confidence,
            method=method,
            metric=spec.name,
            min_group=1,
        )
        return Difference(
            compared.difference,
            compared.interval,
            compared.p_value,
            compared.significant,
            "nps-z",
        )
    one, two = score(spec, first, confidence, method), score(spec, second, confidence, method)
    if isinstance(one.detail, csat.CsatResult) and isinstance(two.detail, csat.CsatResult):
        shares = csat.compare_csat(one.detail, two.detail, confidence=confidence)
        return Difference(
            shares.difference, shares.interval, shares.p_value, shares.significant, "newcombe"
        )
    if isinstance(one.detail, ces.CesResult) and isinstance(two.detail, ces.CesResult):
        means = ces.compare_ces(one.detail, two.detail, confidence=confidence)
        return Difference(
            means.difference, means.interval, means.p_value, means.significant, "welch"
        )
    return None
