"""Net Promoter Score (NPS) and employee NPS (eNPS): score, interval, comparison, sample size.

Respondents answer 0-10. **Promoters** answer 9-10, **passives** 7-8, **detractors** 0-6.
The score is ``100 · (promoters - detractors) / n``, from -100 to +100. eNPS is computed in
exactly the same way; ``metric="enps"`` only changes the label in the result and switches on
anonymity protection (``min_group``).

Confidence interval (90, 95 or 99 %), with ``p`` and ``d`` the promoter and detractor shares
and ``p + d - (p - d)²`` the variance of one respondent's -1/0/+1 score:

``"adjusted-wald"`` (default)
    Add 3 to ``n`` and ¾ to the promoters and to the detractors, then
    ``centre ± z · sqrt(variance / (n + 3))`` around the adjusted score. This is the method
    recommended by Rocks (2016, *The American Statistician* 70(4)) and by Sauro & Lewis
    (MeasuringU, "Confidence Intervals for Net Promoter Scores", 2021); it keeps sensible
    widths for tiny samples and for samples of only promoters. The centre is
    ``100 · (promoters - detractors) / (n + 3)``, so with a handful of respondents the
    interval can leave out the observed score; the result then says so with the
    ``interval_excludes_score`` warning.
``"wald"``
    The same formula without the additions: ``score ± z · sqrt(variance / n)``.

Both are cut to -100..+100 (with an ``interval_clipped`` warning).

**Finite population.** With a ``headcount`` ``N`` (for eNPS: the number of employees asked)
the standard error is multiplied by ``sqrt((N - n) / (N - 1))``. So that the interval
shrinks to the observed score as ``n`` approaches ``N`` (instead of to the adjusted one), the
adjusted-Wald additions are scaled by the same factor squared: ``3 · f²`` and ``¾ · f²`` with
``f² = (N - n) / (N - 1)``. Without a headcount ``f² = 1``, the published method. When
everyone answered (``N = n``) the interval is the score itself (``census`` warning).

**Anonymity.** For eNPS a group with fewer than ``min_group`` respondents (default
:data:`DEFAULT_MIN_GROUP`, 5) is *withheld*: the result carries only ``n``, ``min_group`` and
``withheld_reason="group_too_small"``; no counts, shares, score or interval.

**Comparison** (:func:`compare_nps`): the difference is ``second - first``. Its interval and
the two-sided z-test use the difference of the (adjusted) centres and the standard error
``sqrt(se₁² + se₂²)`` (Sauro & Lewis, "How to Statistically Compare Two Net Promoter Scores",
MeasuringU 2021). No finite population correction is applied to comparisons, which keeps
them conservative.

**Sample size** (:func:`plan_sample_size`): the smallest ``n`` for which
``z · sqrt(variance / n)`` is at most the wanted margin, i.e. ``n = ⌈z² · variance / m²⌉``
(``m`` as a fraction), with the finite population correction
``n = ⌈N · n₀ / (n₀ + N - 1)⌉`` when a headcount is given. The variance comes from the
expected promoter and detractor shares; without them the planner assumes the worst case,
half promoters and half detractors (variance 1), which is always enough. The plan ignores
the three extra respondents of the adjusted-Wald method, which only make its intervals a
little narrower, so the planned ``n`` is slightly conservative for that method too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from calculators.errors import CalculatorError, Code
from calculators.parsing import (
    check_histogram,
    histogram_of,
    parse_choice,
    parse_confidence,
    parse_counts,
    parse_decimal,
    parse_integer_option,
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
from calculators.stats import two_sided_p_value, z_value

#: The lowest and highest answer on the likelihood-to-recommend scale.
SCALE_LOW: Final = 0
SCALE_HIGH: Final = 10
#: The interval methods, the first being the default.
METHODS: Final = ("adjusted-wald", "wald")
DEFAULT_METHOD: Final = "adjusted-wald"
#: The metrics this module computes.
METRICS: Final = ("nps", "enps")
#: The smallest eNPS group whose result is shown (anonymity), unless another is given.
DEFAULT_MIN_GROUP: Final = 5
#: The ``withheld_reason`` of a group smaller than ``min_group``.
GROUP_TOO_SMALL: Final = "group_too_small"
#: Respondents and promoters/detractors added by the adjusted-Wald method.
ADJUSTED_WALD_N: Final = 3.0
ADJUSTED_WALD_GROUP: Final = 0.75
#: Whole range of the score (-100..+100), for the ``wide_interval`` warning.
SCORE_RANGE: Final = 200.0
#: The worst-case shares (per cent) assumed by the sample-size planner without expectations.
CONSERVATIVE_SHARES: Final = (50.0, 50.0)


@dataclass(frozen=True)
class GroupCounts:
    """How many promoters, passives and detractors answered.

    Checked on construction: whole numbers, none negative, not all zero.

    :raises CalculatorError: ``wrong_type``, ``not_a_number``, ``not_finite``,
        ``not_an_integer``, ``negative_count``, ``too_many_values`` or ``empty``; the field
        is ``promoters``, ``passives`` or ``detractors`` and the position 1, 2 or 3.
    """

    promoters: int
    passives: int
    detractors: int

    def __post_init__(self) -> None:
        checked = parse_counts(
            [
                ("promoters", self.promoters),
                ("passives", self.passives),
                ("detractors", self.detractors),
            ]
        )
        for name, value in zip(("promoters", "passives", "detractors"), checked, strict=True):
            object.__setattr__(self, name, value)

    @property
    def n(self) -> int:
        """The number of respondents."""
        return self.promoters + self.passives + self.detractors

    @classmethod
    def from_histogram(cls, histogram: Sequence[int]) -> GroupCounts:
        """Group an 11-bucket histogram (counts of answers 0, 1, ..., 10)."""
        counts = check_histogram(histogram, low=SCALE_LOW, high=SCALE_HIGH)
        return cls(sum(counts[9:]), sum(counts[7:9]), sum(counts[:7]))


@dataclass(frozen=True)
class GroupShares:
    """The promoter, passive and detractor shares as fractions (they sum to 1)."""

    promoters: float
    passives: float
    detractors: float


@dataclass(frozen=True)
class NpsResult:
    """An NPS or eNPS result. Scores, intervals and errors are in NPS points (-100..+100).

    When ``withheld`` is true (an eNPS group below ``min_group``) only ``metric``, ``n``,
    ``withheld``, ``withheld_reason`` and ``min_group`` are set; everything else is ``None``.
    """

    metric: str
    n: int
    withheld: bool
    withheld_reason: str | None
    min_group: int | None
    counts: GroupCounts | None
    shares: GroupShares | None
    #: The histogram of answers 0..10 when the data came as responses or a histogram.
    histogram: tuple[int, ...] | None
    score: float | None
    #: How far one respondent moving between two groups moves the score: ``100 / n``.
    score_step: float | None
    interval: Interval | None
    standard_error: float | None
    headcount: int | None
    #: ``sqrt((N - n) / (N - 1))`` when a headcount ``N`` was given.
    finite_population_correction: float | None
    warnings: tuple[ResultWarning, ...]
    unit: str = "points"


@dataclass(frozen=True)
class NpsComparison:
    """Two NPS results and their difference ``second - first`` in NPS points.

    When either group is withheld, so is the comparison: only ``first``, ``second``,
    ``withheld`` and ``withheld_reason`` are set.
    """

    metric: str
    first: NpsResult
    second: NpsResult
    withheld: bool
    withheld_reason: str | None
    difference: float | None
    #: The interval of the difference, cut to -200..+200.
    interval: Interval | None
    standard_error: float | None
    #: ``None`` when the standard error is zero (possible only with the Wald method).
    z: float | None
    p_value: float | None
    #: Whether ``p_value < 1 - confidence``; then the interval leaves out zero.
    significant: bool | None
    confidence: int
    warnings: tuple[ResultWarning, ...]
    unit: str = "points"


@dataclass(frozen=True)
class SamplePlan:
    """How many respondents are needed for a wanted margin of error (in NPS points)."""

    metric: str
    margin: float
    confidence: int
    #: ``"expected_shares"`` or ``"conservative"`` (half promoters, half detractors).
    assumption: str
    expected_promoters: float
    expected_detractors: float
    variance: float
    #: Respondents needed, with the finite population correction when a headcount is given.
    n: int
    #: Respondents needed from an unlimited population.
    n_unlimited: int
    headcount: int | None
    unit: str = "points"


@dataclass(frozen=True)
class _Options:
    confidence: int
    method: str
    metric: str
    min_group: int | None


def _options(confidence: object, method: object, metric: object, min_group: object) -> _Options:
    checked_metric = parse_choice(metric, "metric", METRICS, "nps")
    default_group = DEFAULT_MIN_GROUP if checked_metric == "enps" else None
    return _Options(
        confidence=parse_confidence(confidence),
        method=parse_choice(method, "method", METHODS, DEFAULT_METHOD),
        metric=checked_metric,
        min_group=parse_integer_option(min_group, "min_group", default=default_group, minimum=1),
    )


def _withheld(metric: str, n: int, min_group: int) -> NpsResult:
    return NpsResult(
        metric=metric,
        n=n,
        withheld=True,
        withheld_reason=GROUP_TOO_SMALL,
        min_group=min_group,
        counts=None,
        shares=None,
        histogram=None,
        score=None,
        score_step=None,
        interval=None,
        standard_error=None,
        headcount=None,
        finite_population_correction=None,
        warnings=(),
    )


def _score(counts: GroupCounts) -> float:
    return 100.0 * (counts.promoters - counts.detractors) / counts.n


def _centre_and_error(counts: GroupCounts, method: str, f2: float) -> tuple[float, float]:
    """The interval centre and the standard error, both in points (``f2``: FPC squared)."""
    if method == "wald":
        extra_n = extra_group = 0.0
    else:
        extra_n = ADJUSTED_WALD_N * f2
        extra_group = ADJUSTED_WALD_GROUP * f2
    size = counts.n + extra_n
    p = (counts.promoters + extra_group) / size
    d = (counts.detractors + extra_group) / size
    variance = max(0.0, p + d - (p - d) ** 2)
    centre = 100.0 * (counts.promoters - counts.detractors) / size
    return centre, 100.0 * math.sqrt(variance / size * f2)


def compute_nps(
    counts: GroupCounts,
    *,
    confidence: int = 95,
    method: str = DEFAULT_METHOD,
    metric: str = "nps",
    min_group: int | None = None,
    headcount: int | None = None,
) -> NpsResult:
    """Compute an NPS or eNPS result from group counts.

    :param confidence: 90, 95 or 99.
    :param method: ``"adjusted-wald"`` (default) or ``"wald"``.
    :param metric: ``"nps"`` or ``"enps"``.
    :param min_group: Withhold results of groups smaller than this (at least 1). Defaults to
        :data:`DEFAULT_MIN_GROUP` for eNPS and to no limit for NPS.
    :param headcount: The population size for the finite population correction; at least
        ``n``.
    :raises CalculatorError: ``invalid_confidence``, ``invalid_option``, ``out_of_range``,
        ``headcount_below_n`` and the codes of :func:`~calculators.parsing.parse_count`.
    """
    options = _options(confidence, method, metric, min_group)
    population = parse_integer_option(headcount, "headcount", default=None, minimum=1)
    if not isinstance(counts, GroupCounts):
        raise CalculatorError(
            Code.WRONG_TYPE, field="counts", values=[counts], params={"expected": "GroupCounts"}
        )
    n = counts.n
    if population is not None and population < n:
        raise CalculatorError(
            Code.HEADCOUNT_BELOW_N, field="headcount", values=[headcount], params={"n": n}
        )
    if options.min_group is not None and n < options.min_group:
        return _withheld(options.metric, n, options.min_group)

    score = _score(counts)
    warnings = sample_warnings(n, steps=True)
    fpc: float | None = None
    if population is not None and population == n:
        fpc = 0.0
        interval = Interval(score, score, score, options.confidence, options.method)
        standard_error = 0.0
        warnings.append(ResultWarning.of(WarningCode.CENSUS, n=n))
    else:
        f2 = 1.0
        if population is not None:
            f2 = (population - n) / (population - 1)
            fpc = math.sqrt(f2)
        centre, standard_error = _centre_and_error(counts, options.method, f2)
        interval = clip_interval(
            centre,
            z_value(options.confidence) * standard_error,
            low=-100.0,
            high=100.0,
            confidence=options.confidence,
            method=options.method,
            warnings=warnings,
        )
        if not interval.lower <= score <= interval.upper:
            warnings.append(ResultWarning.of(WarningCode.INTERVAL_EXCLUDES_SCORE, n=n))
        warnings.extend(width_warning(interval, SCORE_RANGE))
    return NpsResult(
        metric=options.metric,
        n=n,
        withheld=False,
        withheld_reason=None,
        min_group=options.min_group,
        counts=counts,
        shares=GroupShares(counts.promoters / n, counts.passives / n, counts.detractors / n),
        histogram=None,
        score=score,
        score_step=100.0 / n,
        interval=interval,
        standard_error=standard_error,
        headcount=population,
        finite_population_correction=fpc,
        warnings=tuple(warnings),
    )


def nps_from_counts(
    promoters: int,
    passives: int,
    detractors: int,
    *,
    confidence: int = 95,
    method: str = DEFAULT_METHOD,
    metric: str = "nps",
    min_group: int | None = None,
    headcount: int | None = None,
) -> NpsResult:
    """:func:`compute_nps` from the three group counts."""
    return compute_nps(
        GroupCounts(promoters, passives, detractors),
        confidence=confidence,
        method=method,
        metric=metric,
        min_group=min_group,
        headcount=headcount,
    )


def nps_from_histogram(
    histogram: Sequence[int],
    *,
    confidence: int = 95,
    method: str = DEFAULT_METHOD,
    metric: str = "nps",
    min_group: int | None = None,
    headcount: int | None = None,
) -> NpsResult:
    """:func:`compute_nps` from 11 counts, of answers 0, 1, ..., 10 (named ``h0``..``h10``)."""
    counts = check_histogram(histogram, low=SCALE_LOW, high=SCALE_HIGH)
    result = compute_nps(
        GroupCounts.from_histogram(counts),
        confidence=confidence,
        method=method,
        metric=metric,
        min_group=min_group,
        headcount=headcount,
    )
    return with_histogram(result, counts)


def with_histogram(result: NpsResult, histogram: tuple[int, ...] | None) -> NpsResult:
    """``result`` carrying the checked histogram its counts came from (unless withheld)."""
    if result.withheld or histogram is None:
        return result
    return replace(result, histogram=histogram)


def histogram_from_responses(responses: str | Sequence[object]) -> tuple[int, ...]:
    """Read 0-10 answers (pasted text or a sequence) into an 11-bucket histogram."""
    scores = parse_scores(responses, low=SCALE_LOW, high=SCALE_HIGH)
    return histogram_of(scores, low=SCALE_LOW, high=SCALE_HIGH)


def nps_from_responses(
    responses: str | Sequence[object],
    *,
    confidence: int = 95,
    method: str = DEFAULT_METHOD,
    metric: str = "nps",
    min_group: int | None = None,
    headcount: int | None = None,
) -> NpsResult:
    """:func:`compute_nps` from individual 0-10 answers, pasted text or a sequence."""
    return nps_from_histogram(
        histogram_from_responses(responses),
        confidence=confidence,
        method=method,
        metric=metric,
        min_group=min_group,
        headcount=headcount,
    )


def compare_nps(
    first: GroupCounts,
    second: GroupCounts,
    *,
    confidence: int = 95,
    method: str = DEFAULT_METHOD,
    metric: str = "nps",
    min_group: int | None = None,
) -> NpsComparison:
    """Compare two periods or groups: ``second - first``, its interval and a z-test.

    :raises CalculatorError: as :func:`compute_nps`.
    """
    options = _options(confidence, method, metric, min_group)
    one, two = (
        compute_nps(
            group,
            confidence=options.confidence,
            method=options.method,
            metric=options.metric,
            min_group=options.min_group,
        )
        for group in (first, second)
    )
    if one.withheld or two.withheld:
        return NpsComparison(
            metric=options.metric,
            first=one,
            second=two,
            withheld=True,
            withheld_reason=GROUP_TOO_SMALL,
            difference=None,
            interval=None,
            standard_error=None,
            z=None,
            p_value=None,
            significant=None,
            confidence=options.confidence,
            warnings=(),
        )
    centre_one, error_one = _centre_and_error(first, options.method, 1.0)
    centre_two, error_two = _centre_and_error(second, options.method, 1.0)
    centre = centre_two - centre_one
    standard_error = math.hypot(error_one, error_two)
    z: float | None
    if standard_error > 0.0:
        z = centre / standard_error
        p_value = two_sided_p_value(z)
    else:
        z = None
        p_value = 1.0 if centre == 0.0 else 0.0
    warnings: list[ResultWarning] = []
    interval = clip_interval(
        centre,
        z_value(options.confidence) * standard_error,
        low=-200.0,
        high=200.0,
        confidence=options.confidence,
        method=options.method,
        warnings=warnings,
    )
    warnings.extend(width_warning(interval, 2 * SCORE_RANGE))
    return NpsComparison(
        metric=options.metric,
        first=one,
        second=two,
        withheld=False,
        withheld_reason=None,
        difference=_score(second) - _score(first),
        interval=interval,
        standard_error=standard_error,
        z=z,
        p_value=p_value,
        significant=p_value < 1.0 - options.confidence / 100,
        confidence=options.confidence,
        warnings=tuple(warnings),
    )


def _share(value: object, field: str) -> float | None:
    share = parse_decimal(value, field)
    if share is not None and not 0.0 <= share <= 100.0:
        raise CalculatorError(
            Code.OUT_OF_RANGE, field=field, values=[value], count=1, params={"min": 0, "max": 100}
        )
    return share


def plan_sample_size(
    margin: float | str,
    *,
    confidence: int = 95,
    expected_promoters: float | str | None = None,
    expected_detractors: float | str | None = None,
    headcount: int | None = None,
    metric: str = "nps",
) -> SamplePlan:
    """The number of respondents needed for a margin of error of ``± margin`` NPS points.

    Numbers may also be given as text, as typed in a form (``"2,5"``, ``"40 %"``); a blank
    text counts as not given.

    :param margin: The wanted half-width of the interval in NPS points, ``0 < margin <= 100``.
    :param expected_promoters: Expected share of promoters in per cent (0..100); give both
        shares or neither. Without them the worst case (50 % and 50 %) is assumed.
    :param expected_detractors: Expected share of detractors in per cent.
    :param headcount: Population size for the finite population correction.
    :raises CalculatorError: ``missing``, ``not_a_number``, ``not_finite``, ``out_of_range``,
        ``shares_exceed_total``, ``invalid_confidence``, ``invalid_option``.
    """
    checked_metric = parse_choice(metric, "metric", METRICS, "nps")
    level = parse_confidence(confidence)
    wanted = parse_decimal(margin, "margin")
    if wanted is None:
        raise CalculatorError(Code.MISSING, field="margin")
    if not 0.0 < wanted <= 100.0:
        raise CalculatorError(
            Code.OUT_OF_RANGE,
            field="margin",
            values=[margin],
            count=1,
            params={"min": 0, "max": 100},
        )
    promoters = _share(expected_promoters, "expected_promoters")
    detractors = _share(expected_detractors, "expected_detractors")
    population = parse_integer_option(headcount, "headcount", default=None, minimum=1)
    if promoters is None and detractors is None:
        assumption = "conservative"
        promoters, detractors = CONSERVATIVE_SHARES
    elif promoters is None or detractors is None:
        missing = "expected_promoters" if promoters is None else "expected_detractors"
        raise CalculatorError(Code.MISSING, field=missing)
    else:
        assumption = "expected_shares"
        if promoters + detractors > 100.0:
            raise CalculatorError(
                Code.SHARES_EXCEED_TOTAL,
                values=[expected_promoters, expected_detractors],
                positions=[1, 2],
            )
    p = promoters / 100.0
    d = detractors / 100.0
    variance = max(0.0, p + d - (p - d) ** 2)
    unlimited = z_value(level) ** 2 * variance / (wanted / 100.0) ** 2
    # A hair of tolerance so that a product that is whole in exact arithmetic is not rounded up.
    n_unlimited = max(1, math.ceil(unlimited - 1e-9))
    n = n_unlimited
    if population is not None:
        corrected = population * unlimited / (unlimited + population - 1)
        n = min(population, max(1, math.ceil(corrected - 1e-9)))
    return SamplePlan(
        metric=checked_metric,
        margin=wanted,
        confidence=level,
        assumption=assumption,
        expected_promoters=promoters,
        expected_detractors=detractors,
        variance=variance,
        n=n,
        n_unlimited=n_unlimited,
        headcount=population,
    )
