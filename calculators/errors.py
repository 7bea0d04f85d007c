"""The one exception type of the package and its stable error codes.

Every kind of bad input -- a word where a number belongs, a decimal where a whole number
belongs, a score outside the scale, a negative count, nothing at all, too much, an unknown
option -- is reported as a :class:`CalculatorError`. Nothing else is raised for bad input.

A :class:`CalculatorError` carries what a page needs to explain the problem in any language:

``code``
    One of the stable strings in :data:`ERROR_CODES` (listed in :class:`Code`).
``field``
    The name of the input that is wrong (``"responses"``, ``"promoters"``, ``"h3"``,
    ``"confidence"``, ...), or ``None`` when the problem is not about one input (for example
    when all counts together are zero).
``values``
    The offending values as text, exactly as typed when they came from text (each cut to
    :data:`MAX_VALUE_CHARS` characters), at most :data:`MAX_REPORTED` of them.
``positions``
    Their 1-based positions: the ordinal of a value in a pasted list, or of a bucket in a
    histogram (the first bucket is 1), at most :data:`MAX_REPORTED` of them. Empty when a
    position means nothing (a single-value input).
``count``
    How many values had this problem in total (may exceed the reported ones).
``params``
    Further facts for the message, such as ``{"min": 0, "max": 10}`` for ``out_of_range`` or
    ``{"limit": 100000}`` for ``too_many_values``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from calculators.results import JsonValue

#: At most this many offending values and positions are reported in one error.
MAX_REPORTED: Final = 10
#: A reported value longer than this many characters is cut and ends with ``…``.
MAX_VALUE_CHARS: Final = 40

ParamValue = str | int | float | tuple[str, ...] | tuple[int, ...]


class Code:
    """The stable error codes (plain strings), with the ``params`` each one carries."""

    #: A value is not a number at all (a word, a header cell, ``1e3``, ``9%``).
    NOT_A_NUMBER: Final = "not_a_number"
    #: A value is NaN or infinite (``nan``, ``inf``, ``float("nan")``).
    NOT_FINITE: Final = "not_finite"
    #: A number with a fraction where a whole number belongs (``7.5``; for counts also ``7.0``).
    NOT_AN_INTEGER: Final = "not_an_integer"
    #: A value of the wrong Python type (``True``, ``None``, a list); ``params``: ``expected``.
    WRONG_TYPE: Final = "wrong_type"
    #: A score or an option outside its range; ``params``: ``min`` and/or ``max``.
    OUT_OF_RANGE: Final = "out_of_range"
    #: A count below zero.
    NEGATIVE_COUNT: Final = "negative_count"
    #: No responses at all, or all counts zero.
    EMPTY: Final = "empty"
    #: More responses or a larger count than allowed; ``params``: ``limit``.
    TOO_MANY_VALUES: Final = "too_many_values"
    #: The pasted text is longer than allowed; ``params``: ``limit`` (characters).
    INPUT_TOO_LONG: Final = "input_too_long"
    #: A histogram with the wrong number of buckets; ``params``: ``expected``.
    WRONG_LENGTH: Final = "wrong_length"
    #: The confidence level is not one of 90, 95, 99; ``params``: ``allowed``.
    INVALID_CONFIDENCE: Final = "invalid_confidence"
    #: An unknown choice (calculator name, mode, method, scale); ``params``: ``allowed``.
    INVALID_OPTION: Final = "invalid_option"
    #: A required input is blank.
    MISSING: Final = "missing"
    #: Expected promoter and detractor shares add up to more than 100 %.
    SHARES_EXCEED_TOTAL: Final = "shares_exceed_total"
    #: The headcount is smaller than the number of respondents; ``params``: ``n``.
    HEADCOUNT_BELOW_N: Final = "headcount_below_n"
    #: A defect in this package, never caused by input (only :mod:`calculators.api` uses it).
    INTERNAL_ERROR: Final = "internal_error"


#: Every code a :class:`CalculatorError` can carry.
ERROR_CODES: Final = frozenset(
    value for name, value in vars(Code).items() if name.isupper() and isinstance(value, str)
)


def render_value(value: object) -> str:
    """Show an offending value as short text: strings as typed, numbers as Python writes them."""
    if isinstance(value, str):
        text = value
    elif value is None or isinstance(value, bool | int | float):
        try:
            text = repr(value)
        except ValueError:  # an int with more digits than Python will print
            text = "<int>"
    else:
        text = f"<{type(value).__name__}>"
    if len(text) > MAX_VALUE_CHARS:
        text = text[: MAX_VALUE_CHARS - 1] + "…"
    return text


class CalculatorError(ValueError):
    """Bad input, described by a stable ``code`` and the offending values and positions.

    It subclasses :class:`ValueError` so that generic callers can catch it as one; the
    package itself never raises any other exception for bad input.
    """

    code: str
    field: str | None
    values: tuple[str, ...]
    positions: tuple[int, ...]
    count: int
    params: Mapping[str, ParamValue]

    def __init__(
        self,
        code: str,
        *,
        field: str | None = None,
        values: Iterable[object] = (),
        positions: Iterable[int] = (),
        count: int | None = None,
        params: Mapping[str, ParamValue] | None = None,
    ) -> None:
        if code not in ERROR_CODES:
            raise AssertionError(f"unknown error code {code!r}")
        all_values = [render_value(value) for value in values]
        self.code = code
        self.field = field
        self.values = tuple(all_values[:MAX_REPORTED])
        self.positions = tuple(positions)[:MAX_REPORTED]
        self.count = len(all_values) if count is None else count
        self.params = MappingProxyType(dict(params or {}))
        super().__init__(self._message())

    def _message(self) -> str:
        parts = [self.code]
        if self.field is not None:
            parts.append(f"in {self.field}")
        if self.values:
            shown = ", ".join(repr(value) for value in self.values)
            parts.append(f"values {shown}")
        if self.positions:
            parts.append("at " + ", ".join(str(position) for position in self.positions))
        if self.count > len(self.values):
            parts.append(f"({self.count} in all)")
        if self.params:
            parts.append(str(dict(self.params)))
        return " ".join(parts)

    def to_dict(self) -> dict[str, JsonValue]:
        """The error as plain JSON-friendly data (tuples become lists)."""
        params: dict[str, JsonValue] = {}
        for key, value in self.params.items():
            params[key] = list(value) if isinstance(value, tuple) else value
        return {
            "code": self.code,
            "field": self.field,
            "values": list[JsonValue](self.values),
            "positions": list[JsonValue](self.positions),
            "count": self.count,
            "params": params,
        }
