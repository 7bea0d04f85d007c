"""What a file's columns look like, and which ones probably hold the scores, segments and dates.

:func:`describe` looks at the first :data:`SAMPLE_ROWS` data rows of each column: how many
cells are filled, how many are whole numbers (and their range), how many are dates, how many
distinct values there are. :func:`guess` proposes, so that a reader rarely has to choose:

* for each metric, a score column: one whose filled cells are at least 90 % whole numbers
  inside the metric's scale; a column whose header names the metric (``NPS``,
  ``soovitus``, ``recommend``, ``CSAT``, ``rahulolu``, ``CES``, ``effort``, ``pingutus``
  ...) comes first. If none fits, a column whose header names the metric, else the one with
  the most whole numbers: the analysis then lists the rows that do not fit;
* the metric: the one whose header words appear first on a fitting column, else the scale
  found (0-10 is NPS, 1-5 CSAT, 1-7 CES 2.0), else the one a header names;
* a date column: at least 90 % dates;
* a segment column: a text column with 2 to 50 distinct values, one whose header reads like a
  segment (``esindus``, ``branch``, ``kanal``, ``channel``, ``osakond``, ``team`` ...) first.

A guess is only a starting point; the page lets the reader change every choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from calculators.parsing import read_integer_token
from calculators.survey import dates
from calculators.survey.metrics import CSAT_SCALES, METRICS
from calculators.survey.reading import Table

#: Rows looked at per column.
SAMPLE_ROWS: Final = 2000
#: Rows shown in the preview, and characters per cell.
PREVIEW_ROWS: Final = 5
PREVIEW_CHARS: Final = 60
_MAX_DISTINCT: Final = 1000
_SEGMENT_DISTINCT: Final = (2, 50)

_WORDS: Final = {
    "nps": ("nps", "soovit", "recommend", "tõenäo", "likely"),
    "enps": ("enps",),
    "csat": ("csat", "rahul", "satisf"),
    "ces1": ("effort", "pingutus", "vaev"),
    "ces2": ("ces", "effort", "pingutus", "lihtne", "easy", "vaev"),
}
_DATE_WORDS: Final = ("date", "kuup", "aeg", "time", "päev", "day", "submitted", "vastatud")
_SEGMENT_WORDS: Final = (
    "segment",
    "esindus",
    "branch",
    "kanal",
    "channel",
    "osakond",
    "department",
    "team",
    "meeskond",
    "piirkond",
    "region",
    "pood",
    "store",
    "toode",
    "product",
    "grupp",
    "group",
    "üksus",
    "unit",
    "linn",
    "city",
)
_RANGES: Final = {
    "nps": (0, 10),
    "enps": (0, 10),
    "csat": (0, 10),
    "ces1": (1, 5),
    "ces2": (1, 7),
}


@dataclass(frozen=True)
class Column:
    """One column as seen in the first :data:`SAMPLE_ROWS` rows."""

    index: int
    #: The header cell (``""`` when blank).
    name: str
    filled: int
    integers: int
    #: The lowest and highest whole number (outliers included).
    low: int | None
    high: int | None
    dates: int
    #: Distinct filled values (counted up to 1000).
    distinct: int
    #: How many cells hold each whole number from 0 to 10 (the answers of every scale).
    answers: tuple[int, ...] = (0,) * 11


@dataclass(frozen=True)
class Guess:
    """Proposed choices; ``None`` where nothing fits."""

    metric: str | None
    #: For each metric, the column that most likely holds its scores.
    score_columns: dict[str, int | None]
    csat_scale: str | None
    segment_column: int | None
    date_column: int | None


def describe(table: Table) -> tuple[Column, ...]:
    """Every column of ``table`` as seen in its first rows."""
    sample = table.rows[:SAMPLE_ROWS]
    columns: list[Column] = []
    for index, name in enumerate(table.header):
        values = [cell.strip() for row in sample if (cell := row[index]).strip()]
        integers: list[int] = []
        distinct: set[str] = set()
        answers = [0] * 11
        for value in values:
            number = read_integer_token(value)
            if isinstance(number, int):
                integers.append(number)
                if 0 <= number <= 10:
                    answers[number] += 1
            if len(distinct) < _MAX_DISTINCT:
                distinct.add(value)
        first, _ = dates.day_first(values[:200])
        found = sum(1 for value in values if dates.parse_date(value, day_first=first))
        columns.append(
            Column(
                index=index,
                name=name,
                filled=len(values),
                integers=len(integers),
                low=min(integers) if integers else None,
                high=max(integers) if integers else None,
                dates=found,
                distinct=len(distinct),
                answers=tuple(answers),
            )
        )
    return tuple(columns)


def _mentions(name: str, words: tuple[str, ...]) -> bool:
    lowered = name.casefold()
    return any(word in lowered for word in words)


def _numeric(column: Column) -> bool:
    return column.filled > 0 and column.integers >= 0.9 * column.filled


def _span(column: Column, low: int, high: int) -> tuple[int, int] | None:
    """The lowest and highest answer within ``low..high`` if at least 90 % of the column's
    filled cells are answers in that range (a few typing errors do not hide a score column)."""
    inside = column.answers[low : high + 1]
    if not column.filled or sum(inside) < 0.9 * column.filled:
        return None
    used = [low + index for index, count in enumerate(inside) if count]
    return used[0], used[-1]


def _fits(column: Column, metric: str) -> bool:
    span = _span(column, *_RANGES[metric])
    if span is None:
        return False
    low, high = span
    if metric in {"nps", "enps"}:
        return high > 7 or _mentions(column.name, _WORDS[metric])
    if metric == "csat":
        return high <= 5 or _mentions(column.name, _WORDS["csat"])
    if metric == "ces1":
        return low >= 1 and _mentions(column.name, _WORDS["ces1"])
    return low >= 1 and (high > 5 or _mentions(column.name, _WORDS["ces2"]))


def _score_column(columns: tuple[Column, ...], metric: str) -> int | None:
    fitting = [column for column in columns if _fits(column, metric)]
    named = [column for column in fitting if _mentions(column.name, _WORDS[metric])]
    chosen = named or fitting
    return chosen[0].index if chosen else None


def _csat_scale(column: Column | None) -> str | None:
    if column is None:
        return None
    for name, (low, high, _) in CSAT_SCALES.items():
        if _span(column, low, high) is not None:
            return name
    return None


def _fallback(columns: tuple[Column, ...], metric: str, found: int | None) -> int | None:
    """The score column of ``metric``: the one found, else a column whose header names the
    metric, else the one with the most whole numbers (the analysis lists what does not fit)."""
    if found is not None:
        return found
    named = [column for column in columns if _mentions(column.name, _WORDS[metric])]
    if named:
        return named[0].index
    counted = sorted(columns, key=lambda column: -column.integers)
    return counted[0].index if counted and counted[0].integers else None


def guess(columns: tuple[Column, ...]) -> Guess:
    """Proposed score columns, metric, segment and date columns (see the module docstring)."""
    scores = {metric: _score_column(columns, metric) for metric in METRICS}
    metric: str | None = None
    for column in columns:
        named = [
            m for m in METRICS if scores[m] == column.index and _mentions(column.name, _WORDS[m])
        ]
        if named:
            metric = "enps" if "enps" in named else named[0]
            break
    if metric is None:
        numeric = [column for column in columns if _numeric(column) and column.high is not None]
        for column in numeric:
            for candidate in ("nps", "csat", "ces2"):
                if scores[candidate] == column.index:
                    metric = candidate
                    break
            if metric is not None:
                break
    if metric is None:  # nothing fits a scale: a header that names a metric decides
        metric = next(
            (m for column in columns for m in METRICS if _mentions(column.name, _WORDS[m])), None
        )
    if metric != "enps":
        scores["enps"] = scores["nps"] if scores["enps"] is None else scores["enps"]
    dated = [column for column in columns if column.filled and column.dates >= 0.9 * column.filled]
    dated.sort(key=lambda column: not _mentions(column.name, _DATE_WORDS))
    date_column = dated[0].index if dated else None
    taken = {index for index in scores.values() if index is not None} | {date_column}
    segments = [
        column
        for column in columns
        if column.index not in taken
        and _SEGMENT_DISTINCT[0] <= column.distinct <= _SEGMENT_DISTINCT[1]
        and not _numeric(column)
    ]
    segments.sort(key=lambda column: not _mentions(column.name, _SEGMENT_WORDS))
    csat_column = scores["csat"]
    return Guess(
        metric=metric,
        score_columns={name: _fallback(columns, name, index) for name, index in scores.items()},
        csat_scale=_csat_scale(columns[csat_column] if csat_column is not None else None),
        segment_column=segments[0].index if segments else None,
        date_column=date_column,
    )


def preview(table: Table) -> list[tuple[int, list[str]]]:
    """The first rows as ``(row number, cells)``, each cell cut to :data:`PREVIEW_CHARS`."""
    return [
        (
            number,
            [
                cell if len(cell) <= PREVIEW_CHARS else cell[: PREVIEW_CHARS - 1] + "…"
                for cell in row
            ],
        )
        for number, row in zip(
            table.row_numbers[:PREVIEW_ROWS], table.rows[:PREVIEW_ROWS], strict=True
        )
    ]
