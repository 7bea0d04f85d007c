"""A survey export analysed: the score overall, by segment and over time, with comparisons.

:func:`analyse` takes a :class:`~calculators.survey.reading.Table` and
:class:`SurveyOptions` and returns a :class:`SurveyAnalysis`:

``overall``
    The metric's score of every row with a valid score, its interval and ``n``.
``segments``
    One :class:`Group` per value of the segment column (trimmed; a blank cell is the segment
    ``""``), largest first, at most :data:`MAX_SEGMENTS` (``too_many_segments`` names the
    rest, which still count overall). Each has ``versus``: its score minus the score of all
    other rows (*the rest*), with the interval of the difference and a two-sided p-value
    from the metric's comparison (:mod:`calculators.survey.metrics`).
``trend``
    One :class:`Group` per period (month, quarter or ISO week) from the first dated row to
    the last; a period without answers has ``n`` 0 and no score. Each period with a score is
    compared with the period before it that has one (``previous``; ``versus`` is this
    period minus that one), so ``versus.significant`` says whether the change is beyond
    chance at the chosen confidence. At most :data:`MAX_PERIODS` periods, the latest.

**Rows.** A row is used when its score cell holds a whole number on the metric's scale
(``9``, ``9.0`` and ``9,0`` are nine). Every other row is left out and listed by its row
number under its problem (blank, not a number, not a whole number, out of range; see
:mod:`calculators.survey.problems`), as are rows the reader could not place. A used row with
a blank or unreadable date counts overall and in its segment but not in the trend, and is
listed too. So ``rows == used + left_out``.

**Anonymity.** With ``min_group`` (for eNPS 5 by default, the rule of
:data:`calculators.nps.DEFAULT_MIN_GROUP`; for the other metrics none unless given) a segment
or period with fewer answers is *withheld*: only its ``n`` is shown. So that a withheld group
cannot be worked out by subtracting the shown ones from the total, further groups are
withheld, smallest first (``withheld_reason`` ``"complementary"``), until the withheld
answers together number at least ``min_group``. A shown segment is not compared with the
rest when the rest has fewer than ``min_group`` answers, and a period is compared only with a
shown one. The overall result is withheld below ``min_group`` too.

**Multiple comparisons.** Each p-value is for its own comparison. With many segments or
periods some differences will look beyond chance by chance alone (about one in twenty at
95 %); the page says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from calculators import nps
from calculators.errors import CalculatorError, Code
from calculators.parsing import read_integer_token
from calculators.results import SMALL_SAMPLE, Interval, ResultWarning
from calculators.survey import dates
from calculators.survey.metrics import Difference, Metric, difference, score
from calculators.survey.problems import Problem, ProblemCode, Problems
from calculators.survey.reading import Table

#: The most segments shown; the rest are named by ``too_many_segments``.
MAX_SEGMENTS: Final = 100
#: The most periods in a trend (the latest are kept).
MAX_PERIODS: Final = 520
#: ``withheld_reason`` of a group smaller than ``min_group``, and of one withheld with it.
GROUP_TOO_SMALL: Final = nps.GROUP_TOO_SMALL
COMPLEMENTARY: Final = "complementary"

_COMMA_INTEGRAL: Final = re.compile(r"([+\-\u2212]?[0-9]+),0*")
_BLANK: Final = -1
_CODES: Final = {
    -1: ProblemCode.BLANK_SCORE,
    -2: ProblemCode.NOT_A_NUMBER,
    -3: ProblemCode.NOT_FINITE,
    -4: ProblemCode.NOT_AN_INTEGER,
    -5: ProblemCode.OUT_OF_RANGE,
}
_TOKEN_CODES: Final = {
    Code.NOT_A_NUMBER: -2,
    Code.NOT_FINITE: -3,
    Code.NOT_AN_INTEGER: -4,
}
_NO_DATE: Final = "\0blank"
_BAD_DATE: Final = "\0invalid"


@dataclass(frozen=True)
class SurveyOptions:
    """What to analyse and how. Column numbers are 0-based indices into the header."""

    metric: Metric
    score_column: int
    segment_column: int | None = None
    date_column: int | None = None
    period: str = dates.DEFAULT_PERIOD
    confidence: int = 95
    #: NPS and eNPS: ``"adjusted-wald"`` or ``"wald"``.
    method: str = nps.DEFAULT_METHOD
    #: Withhold groups smaller than this (``None``: never).
    min_group: int | None = None


@dataclass(frozen=True)
class Group:
    """The overall result, a segment or a period."""

    #: The segment's value as in the file (trimmed) or the period's key; ``""`` overall.
    key: str
    n: int
    withheld: bool
    withheld_reason: str | None
    score: float | None
    interval: Interval | None
    warnings: tuple[ResultWarning, ...]
    #: Fewer answers than :data:`calculators.results.SMALL_SAMPLE` (30).
    small: bool
    #: Counts of each answer, lowest first (``None`` when withheld).
    histogram: tuple[int, ...] | None
    #: A segment minus the rest, or a period minus ``previous``.
    versus: Difference | None = None
    #: The period this one is compared with.
    previous: str | None = None


@dataclass(frozen=True)
class SurveyAnalysis:
    """Everything :func:`analyse` found (see the module docstring)."""

    metric: str
    scale_min: int
    scale_max: int
    satisfied_min: int | None
    better: str
    unit: str
    digits: int
    confidence: int
    method: str
    min_group: int | None
    score_column: str
    segment_column: str | None
    date_column: str | None
    period: str
    #: Data rows in the file, rows used, rows left out, used rows without a usable date.
    rows: int
    used: int
    left_out: int
    undated: int
    overall: Group
    segments: tuple[Group, ...]
    trend: tuple[Group, ...]
    #: Comparisons (segment with rest, period with previous) beyond chance, of how many.
    significant: int
    comparisons: int
    problems: tuple[Problem, ...]


def classify(raw: str, low: int, high: int) -> int:
    """The bucket (``score - low``) of a score cell, or a negative problem number."""
    token = raw.strip()
    if not token:
        return _BLANK
    value = read_integer_token(token)
    if isinstance(value, str):
        match = _COMMA_INTEGRAL.fullmatch(token)
        if match is None:
            return _TOKEN_CODES.get(value, -2)
        value = read_integer_token(match.group(1))
        if isinstance(value, str):
            return -2
    if not low <= value <= high:
        return -5
    return value - low


def _column_name(table: Table, index: int | None) -> str | None:
    if index is None:
        return None
    name = table.header[index]
    return name or f"#{index + 1}"


def _group(
    key: str,
    histogram: list[int],
    options: SurveyOptions,
    withheld: str | None = None,
) -> Group:
    n = sum(histogram)
    if withheld is not None:
        return Group(key, n, True, withheld, None, None, (), n < SMALL_SAMPLE, None)
    result = score(options.metric, histogram, options.confidence, options.method)
    return Group(
        key=key,
        n=n,
        withheld=False,
        withheld_reason=None,
        score=result.score,
        interval=result.interval,
        warnings=result.warnings,
        small=0 < n < SMALL_SAMPLE,
        histogram=tuple(histogram),
    )


def _withheld(sizes: dict[str, int], min_group: int | None) -> dict[str, str]:
    """Which groups (by key) are withheld and why (see the module docstring)."""
    if min_group is None:
        return {}
    reasons = {key: GROUP_TOO_SMALL for key, n in sizes.items() if 0 < n < min_group}
    shown = sorted((n, key) for key, n in sizes.items() if n >= min_group)
    total = sum(sizes[key] for key in reasons)
    while reasons and total < min_group and shown:
        n, key = shown.pop(0)
        reasons[key] = COMPLEMENTARY
        total += n
    return reasons


def _options_checked(table: Table, options: SurveyOptions) -> None:
    width = len(table.header)
    for field, index in (
        ("score-column", options.score_column),
        ("segment-column", options.segment_column),
        ("date-column", options.date_column),
    ):
        if index is not None and not 0 <= index < width:
            raise CalculatorError(
                Code.OUT_OF_RANGE,
                field=field,
                values=[str(index)],
                count=1,
                params={"min": 0, "max": max(0, width - 1)},
            )


def _period_keys(
    table: Table, column: int, period: str, problems: Problems, name: str | None
) -> dict[str, str]:
    """The period key of every distinct date cell of ``column``."""
    distinct = {row[column] for row in table.rows}
    first, ambiguous = dates.day_first(distinct)
    if ambiguous:
        problems.add(ProblemCode.AMBIGUOUS_DATES, column=name)
    keys: dict[str, str] = {}
    for raw in distinct:
        if not raw.strip():
            keys[raw] = _NO_DATE
            continue
        day = dates.parse_date(raw, day_first=first)
        keys[raw] = _BAD_DATE if day is None else dates.period_key(day, period)
    return keys


def analyse(table: Table, options: SurveyOptions) -> SurveyAnalysis:
    """Analyse ``table`` (see the module docstring).

    :raises CalculatorError: ``out_of_range`` for a column number outside the header.
    """
    _options_checked(table, options)
    spec = options.metric
    low, high, width = spec.low, spec.high, spec.width
    problems = Problems()
    problems.extend(table.problems)
    score_name = _column_name(table, options.score_column) or ""
    segment_name = _column_name(table, options.segment_column)
    date_name = _column_name(table, options.date_column)

    overall = [0] * width
    by_segment: dict[str, list[int]] = {}
    by_period: dict[str, list[int]] = {}
    buckets: dict[str, int] = {}
    score_column = options.score_column
    segment_column = options.segment_column
    date_column = options.date_column
    period_of = (
        _period_keys(table, date_column, options.period, problems, date_name)
        if date_column is not None
        else {}
    )
    undated = 0
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        raw = row[score_column]
        bucket = buckets.get(raw)
        if bucket is None:
            bucket = buckets[raw] = classify(raw, low, high)
        if bucket < 0:
            code = _CODES[bucket]
            if code == ProblemCode.OUT_OF_RANGE:
                problems.add(code, number, raw.strip(), column=score_name, min=low, max=high)
            else:
                problems.add(code, number, raw.strip() or None, column=score_name)
            continue
        overall[bucket] += 1
        if segment_column is not None:
            counts = by_segment.get(row[segment_column])
            if counts is None:
                counts = by_segment[row[segment_column]] = [0] * width
            counts[bucket] += 1
        if date_column is not None:
            key = period_of[row[date_column]]
            if key[0] == "\0":
                undated += 1
                code = ProblemCode.BLANK_DATE if key == _NO_DATE else ProblemCode.INVALID_DATE
                value = None if key == _NO_DATE else row[date_column].strip()
                problems.add(code, number, value, column=date_name)
                continue
            counts = by_period.get(key)
            if counts is None:
                counts = by_period[key] = [0] * width
            counts[bucket] += 1

    used = sum(overall)
    segments = _segments(by_segment, overall, options, problems, segment_name)
    trend = _trend(by_period, options, problems, date_name)
    overall_group = _group(
        "",
        overall,
        options,
        GROUP_TOO_SMALL if options.min_group and used < options.min_group else None,
    )
    compared = [group.versus for group in (*segments, *trend) if group.versus is not None]
    return SurveyAnalysis(
        metric=spec.name,
        scale_min=low,
        scale_max=high,
        satisfied_min=spec.satisfied_min,
        better=spec.better,
        unit=spec.unit,
        digits=spec.digits,
        confidence=options.confidence,
        method=options.method,
        min_group=options.min_group,
        score_column=score_name,
        segment_column=segment_name,
        date_column=date_name,
        period=options.period,
        rows=len(table.rows)
        + problems.get(ProblemCode.EXTRA_FIELDS).count
        + problems.get(ProblemCode.UNREADABLE_ROW).count,
        used=used,
        left_out=problems.left_out(),
        undated=undated,
        overall=overall_group,
        segments=segments,
        trend=trend,
        significant=sum(1 for versus in compared if versus.significant),
        comparisons=len(compared),
        problems=tuple(problem for problem in problems.listed() if problem.count),
    )


def _segments(
    raw_groups: dict[str, list[int]],
    overall: list[int],
    options: SurveyOptions,
    problems: Problems,
    name: str | None,
) -> tuple[Group, ...]:
    if not raw_groups:
        return ()
    merged: dict[str, list[int]] = {}
    for raw, counts in raw_groups.items():
        key = raw.strip()
        target = merged.get(key)
        if target is None:
            merged[key] = list(counts)
        else:
            merged[key] = [a + b for a, b in zip(target, counts, strict=True)]
    order = sorted(merged, key=lambda key: (-sum(merged[key]), key.casefold(), key))
    shown, hidden = order[:MAX_SEGMENTS], order[MAX_SEGMENTS:]
    if hidden:
        problems.add(
            ProblemCode.TOO_MANY_SEGMENTS,
            column=name,
            limit=MAX_SEGMENTS,
            segments=len(hidden),
            rows=sum(sum(merged[key]) for key in hidden),
        )
    withheld = _withheld({key: sum(merged[key]) for key in merged}, options.min_group)
    total = sum(overall)
    groups: list[Group] = []
    for key in shown:
        counts = merged[key]
        group = _group(key, counts, options, withheld.get(key))
        rest = [a - b for a, b in zip(overall, counts, strict=True)]
        rest_n = total - group.n
        if not group.withheld and rest_n > 0 and rest_n >= (options.min_group or 0):
            versus = difference(options.metric, rest, counts, options.confidence, options.method)
            group = _replace_versus(group, versus, None)
        groups.append(group)
    return tuple(groups)


def _replace_versus(group: Group, versus: Difference | None, previous: str | None) -> Group:
    return Group(
        key=group.key,
        n=group.n,
        withheld=group.withheld,
        withheld_reason=group.withheld_reason,
        score=group.score,
        interval=group.interval,
        warnings=group.warnings,
        small=group.small,
        histogram=group.histogram,
        versus=versus,
        previous=previous,
    )


def _trend(
    by_period: dict[str, list[int]],
    options: SurveyOptions,
    problems: Problems,
    name: str | None,
) -> tuple[Group, ...]:
    if not by_period:
        return ()
    width = options.metric.width
    keys = sorted(by_period)
    span = dates.periods_between(keys[0], keys[-1], options.period, MAX_PERIODS * 4)
    if span is None:
        span = keys
    if len(span) > MAX_PERIODS:
        problems.add(ProblemCode.TOO_MANY_PERIODS, column=name, limit=MAX_PERIODS)
        span = span[-MAX_PERIODS:]
    withheld = _withheld({key: sum(by_period[key]) for key in by_period}, options.min_group)
    groups: list[Group] = []
    previous: Group | None = None
    for key in span:
        counts = by_period.get(key) or [0] * width
        group = _group(key, counts, options, withheld.get(key))
        if group.n and not group.withheld:
            if previous is not None and previous.histogram is not None:
                versus = difference(
                    options.metric,
                    previous.histogram,
                    counts,
                    options.confidence,
                    options.method,
                )
                group = _replace_versus(group, versus, previous.key)
            previous = group
        groups.append(group)
    return tuple(groups)
