"""Dates in survey exports and the periods of a trend.

Accepted dates (a time after the date, separated by ``T``, a space or a comma, is ignored):

* ISO: ``2024-03-15``, ``2024-03-15T09:30:00``, ``2024-03-15 09:30`` (also ``2024/03/15``
  and ``2024.03.15``);
* day first with dots, as Estonian writes: ``15.03.2024``, ``15.3.2024 9:30``;
* with slashes or hyphens, ``03/15/2024`` or ``15/03/2024``: day or month first is decided
  for the whole column: day first if some first part is above 12, month first if some second
  part is; if neither, day first, and the analysis says so (``ambiguous_dates``).

Years have four digits. A date that does not exist (``31.02.2024``) is invalid.

Periods (:func:`period_key`): ``month`` ``2024-03``, ``quarter`` ``2024-Q1`` and ``week``,
the ISO 8601 week ``2024-W09`` (weeks start on Monday; the first week of a year is the one
with its first Thursday, so 30 December 2024 is in ``2025-W01``). Keys sort in time order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Final

#: The periods a trend can be drawn by.
PERIODS: Final = ("month", "quarter", "week")
DEFAULT_PERIOD: Final = "month"

_YEAR_FIRST: Final = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ,].*)?", re.S)
_DOTTED: Final = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\.?(?:[T ,].*)?", re.S)
_SLASHED: Final = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[T ,].*)?", re.S)


def day_first(values: Iterable[str]) -> tuple[bool, bool]:
    """``(day first, ambiguous)`` for the slash dates among ``values`` (see above)."""
    seen = False
    for value in values:
        match = _SLASHED.fullmatch(value.strip())
        if match is None:
            continue
        seen = True
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            return True, False
        if second > 12 >= first:
            return False, False
    return True, seen


def parse_date(text: str, *, day_first: bool = True) -> date | None:
    """The date ``text`` names, or ``None``."""
    text = text.strip()
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DOTTED.fullmatch(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
        else:
            match = _SLASHED.fullmatch(text)
            if match is None:
                return None
            first, second, year = (int(part) for part in match.groups())
            day, month = (first, second) if day_first else (second, first)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def period_key(day: date, period: str) -> str:
    """The key of the period ``day`` falls in (see the module docstring)."""
    if period == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return f"{day.year:04d}-{day.month:02d}"


def period_start(key: str) -> date:
    """The first day of the period ``key``."""
    if "-W" in key:
        year, week = key.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    if "-Q" in key:
        year, quarter = key.split("-Q")
        return date(int(year), (int(quarter) - 1) * 3 + 1, 1)
    year, month = key.split("-")
    return date(int(year), int(month), 1)


def next_period(key: str, period: str) -> str:
    """The key of the period after ``key``."""
    start = period_start(key)
    if period == "week":
        return period_key(start + timedelta(days=7), period)
    months = 3 if period == "quarter" else 1
    month = start.month - 1 + months
    return period_key(date(start.year + month // 12, month % 12 + 1, 1), period)


def periods_between(first: str, last: str, period: str, limit: int) -> list[str] | None:
    """Every period key from ``first`` to ``last``; ``None`` if there are more than ``limit``."""
    keys = [first]
    while keys[-1] < last:
        if len(keys) >= limit:
            return None
        keys.append(next_period(keys[-1], period))
    return keys
