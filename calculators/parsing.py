"""Reading and checking input: pasted responses, counts, histograms and options.

Every function here either returns clean Python values or raises
:class:`~calculators.errors.CalculatorError`. Each accepts text (as it comes from an HTML form)
and, where it makes sense, Python numbers.

Rules for **pasted responses** (:func:`parse_scores`):

* Values are separated by any run of spaces, tabs, line breaks (``\\n``, ``\\r\\n``, ``\\r``),
  commas or semicolons; leading, trailing and repeated separators are ignored, so a pasted
  spreadsheet column, a CSV row or ``"9, 10; 7\\r\\n"`` all work. Non-breaking spaces, a byte
  order mark and zero-width spaces count as separators too.
* Because the comma separates values, ``"7,5"`` is **two** responses, 7 and 5. Pasted scores
  are whole numbers, so a comma never has to mean a decimal point here.
* A score may be written as a whole number (``9``, ``+9``, ``09``) or as a decimal with only
  zeros after the point (``9.0``, ``9.``), which spreadsheets produce for numeric columns.
  ``7.5`` is ``not_an_integer``. A minus sign (also the typographic minus, U+2212) is
  read, so ``-1`` is ``out_of_range``.
* ``nan``, ``inf``, ``infinity`` (any case, any sign) are ``not_finite``; anything else that
  is not a plain decimal number (``1e3``, ``9%``, ``½``, a header cell such as ``Score``) is
  ``not_a_number``, reported with its 1-based position among the values.
* When several values are wrong, the error reports the most basic problem first
  (``wrong_type``, then ``not_a_number``, ``not_finite``, ``not_an_integer``,
  ``out_of_range``) with all values that have it (up to
  :data:`~calculators.errors.MAX_REPORTED`) and their positions.
* At most :data:`MAX_RESPONSES` values and :data:`MAX_INPUT_CHARS` characters are read.

Rules for **counts** (:func:`parse_count`, one whole number per input):

* A blank input is 0 (a histogram need not be filled bucket by bucket).
* Digits may be grouped in threes by spaces, as Estonian writes thousands: ``1 000``.
* No decimal point or comma at all: ``7.5``, ``7,0``, ``1,000`` and ``1.000`` are all
  ``not_an_integer``, because ``1,000`` and ``1.000`` mean one thousand in some languages and
  one in others. (Python callers may pass ``7.0``, which is exact.)
* A count must not be negative (``negative_count``) or exceed :data:`MAX_COUNT`.

Rules for **decimal inputs** such as a margin of error (:func:`parse_decimal`): a single
number with either ``.`` or ``,`` as the decimal separator and an optional trailing ``%``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from calculators.errors import CalculatorError, Code

#: At most this many responses are read from one pasted list.
MAX_RESPONSES: Final = 100_000
#: At most this many characters are read from one pasted list.
MAX_INPUT_CHARS: Final = 2_000_000
#: Largest single count, and largest total of counts, that is accepted.
MAX_COUNT: Final = 1_000_000_000
#: The confidence levels (per cent) that intervals can be computed at.
CONFIDENCE_LEVELS: Final = (90, 95, 99)
#: The confidence level used when none is given.
DEFAULT_CONFIDENCE: Final = 95

# The order in which problems are reported when values have different ones.
_PRIORITY: Final = (
    Code.WRONG_TYPE,
    Code.NOT_A_NUMBER,
    Code.NOT_FINITE,
    Code.NOT_AN_INTEGER,
    Code.NEGATIVE_COUNT,
    Code.OUT_OF_RANGE,
    Code.TOO_MANY_VALUES,
)

_SEPARATORS: Final = re.compile(r"[\s,;\ufeff\u200b]+")
_MINUS: Final = "-\u2212"
_INTEGER: Final = re.compile(r"([+\-\u2212]?)([0-9]+)")
_INTEGRAL_DECIMAL: Final = re.compile(r"([+\-\u2212]?)([0-9]+)\.(0*)")
_DECIMAL_LIKE: Final = re.compile(r"[+\-\u2212]?(?:[0-9]+[.,][0-9]*|[.,][0-9]+)")
_GROUPED: Final = re.compile(r"([+\-\u2212]?)([0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3})+)")
_DECIMAL: Final = re.compile(r"([+\-\u2212]?)([0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
_NON_FINITE: Final = frozenset({"nan", "inf", "infinity", "∞"})
# Whole numbers with more digits than this are certainly beyond every limit; they are not
# converted (Python refuses to convert very long digit strings) but treated as this huge value.
_MAX_DIGITS: Final = 18
_HUGE: Final = 10**_MAX_DIGITS


class _Problem:
    """One offending value found while checking a list: its code, position and value."""

    __slots__ = ("code", "params", "position", "value")

    def __init__(
        self,
        code: str,
        position: int,
        value: object,
        params: Mapping[str, int | str] | None = None,
    ) -> None:
        self.code = code
        self.position = position
        self.value = value
        self.params = dict(params or {})


def _raise_worst(problems: list[_Problem], field: str | None) -> None:
    """Raise one error for the most basic kind of problem found, listing all its values."""
    if not problems:
        return
    code = min((problem.code for problem in problems), key=_PRIORITY.index)
    chosen = [problem for problem in problems if problem.code == code]
    raise CalculatorError(
        code,
        field=field,
        values=[problem.value for problem in chosen],
        positions=[problem.position for problem in chosen],
        count=len(chosen),
        params=chosen[0].params,
    )


def _whole(sign: str, digits: str) -> int:
    """The value of a sign and a digit string, capped far beyond every limit."""
    digits = digits.lstrip("0") or "0"
    value = _HUGE if len(digits) > _MAX_DIGITS else int(digits)
    return -value if sign and sign in _MINUS else value


def _is_non_finite_word(token: str) -> bool:
    return token.lstrip("+-\u2212").lower() in _NON_FINITE


def read_integer_token(token: str) -> int | str:
    """Read one pasted score: its integer value, or the error code that describes it.

    Whole numbers and decimals with only zeros after the point are integers; see the module
    docstring for the rest.
    """
    match = _INTEGER.fullmatch(token) or _INTEGRAL_DECIMAL.fullmatch(token)
    if match:
        return _whole(match.group(1), match.group(2))
    if _is_non_finite_word(token):
        return Code.NOT_FINITE
    if _DECIMAL.fullmatch(token):
        return Code.NOT_AN_INTEGER
    return Code.NOT_A_NUMBER


def _score_from_object(value: object) -> int | str:
    """Read one score given as a Python object: its integer value or an error code."""
    if isinstance(value, bool):
        return Code.WRONG_TYPE
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return Code.NOT_FINITE
        if not value.is_integer():
            return Code.NOT_AN_INTEGER
        return int(value)
    if isinstance(value, str):
        return read_integer_token(value.strip())
    return Code.WRONG_TYPE


def split_values(text: str) -> list[str]:
    """Split pasted text into value tokens (see the module docstring for the separators)."""
    return [token for token in _SEPARATORS.split(text) if token]


def check_text(text: object, field: str) -> str:
    """Check that ``text`` is a string no longer than :data:`MAX_INPUT_CHARS`."""
    if not isinstance(text, str):
        raise CalculatorError(
            Code.WRONG_TYPE, field=field, values=[text], params={"expected": "text"}
        )
    if len(text) > MAX_INPUT_CHARS:
        raise CalculatorError(
            Code.INPUT_TOO_LONG,
            field=field,
            values=[text[:20]],
            count=1,
            params={"limit": MAX_INPUT_CHARS},
        )
    return text


def parse_scores(
    data: str | Sequence[object], *, low: int, high: int, field: str = "responses"
) -> tuple[int, ...]:
    """Read responses on the scale ``low..high`` from pasted text or a sequence of values.

    :param data: Pasted text, or a sequence of ``int`` (``float`` with an integral value and
        numeric strings are also accepted; ``bool`` is not).
    :returns: The scores in their original order.
    :raises CalculatorError: ``wrong_type``, ``input_too_long``, ``empty``,
        ``too_many_values``, ``not_a_number``, ``not_finite``, ``not_an_integer`` or
        ``out_of_range`` (with ``params`` ``{"min": low, "max": high}``).
    """
    items: Sequence[object]
    if isinstance(data, str):
        items = split_values(check_text(data, field))
    elif isinstance(data, list | tuple):
        items = data
    else:
        raise CalculatorError(
            Code.WRONG_TYPE, field=field, values=[data], params={"expected": "text or list"}
        )
    if not items:
        raise CalculatorError(Code.EMPTY, field=field)
    if len(items) > MAX_RESPONSES:
        raise CalculatorError(
            Code.TOO_MANY_VALUES,
            field=field,
            values=[str(len(items))],
            count=len(items),
            params={"limit": MAX_RESPONSES},
        )
    scores: list[int] = []
    problems: list[_Problem] = []
    bounds = {"min": low, "max": high}
    for position, item in enumerate(items, start=1):
        result = _score_from_object(item)
        if isinstance(result, str):
            problems.append(_Problem(result, position, item))
        elif not low <= result <= high:
            problems.append(_Problem(Code.OUT_OF_RANGE, position, item, bounds))
        else:
            scores.append(result)
    _raise_worst(problems, field)
    return tuple(scores)


def histogram_of(scores: Iterable[int], *, low: int, high: int) -> tuple[int, ...]:
    """Count already checked scores into one bucket per scale point ``low..high``."""
    counts = [0] * (high - low + 1)
    for score in scores:
        counts[score - low] += 1
    return tuple(counts)


def _count_from_object(value: object) -> int | str:
    """Read one count: its (possibly negative) integer value or an error code."""
    if isinstance(value, str):
        token = value.strip()
        if not token:
            return 0
        match = _INTEGER.fullmatch(token)
        if match:
            return _whole(match.group(1), match.group(2))
        match = _GROUPED.fullmatch(token)
        if match:
            return _whole(match.group(1), re.sub(r"\D", "", match.group(2)))
        if _is_non_finite_word(token):
            return Code.NOT_FINITE
        if _DECIMAL_LIKE.fullmatch(token):
            return Code.NOT_AN_INTEGER
        return Code.NOT_A_NUMBER
    return _score_from_object(value)


def _count_problem(value: object, position: int) -> tuple[int, _Problem | None]:
    result = _count_from_object(value)
    if isinstance(result, str):
        return 0, _Problem(result, position, value)
    if result < 0:
        return 0, _Problem(Code.NEGATIVE_COUNT, position, value)
    if result > MAX_COUNT:
        return 0, _Problem(Code.TOO_MANY_VALUES, position, value, {"limit": MAX_COUNT})
    return result, None


def parse_count(value: object, field: str) -> int:
    """Read one count (text or a Python number); a blank text is 0.

    :raises CalculatorError: ``wrong_type``, ``not_a_number``, ``not_finite``,
        ``not_an_integer``, ``negative_count`` or ``too_many_values``.
    """
    count, problem = _count_problem(value, 1)
    if problem is not None:
        raise CalculatorError(
            problem.code, field=field, values=[value], count=1, params=problem.params
        )
    return count


def parse_counts(items: Sequence[tuple[str, object]]) -> tuple[int, ...]:
    """Read several named counts at once, such as the buckets of a histogram.

    :param items: ``(field name, value)`` pairs in display order.
    :returns: The counts in the same order.
    :raises CalculatorError: for the most basic problem found (see :func:`parse_count`); its
        ``field`` is the first offending input and its ``positions`` are the 1-based places of
        all offending inputs in ``items``. ``empty`` (with no field) if all counts are zero,
        ``too_many_values`` (with no field) if their total exceeds :data:`MAX_COUNT`.
    """
    counts: list[int] = []
    problems: list[_Problem] = []
    fields: list[str] = []
    for position, (name, value) in enumerate(items, start=1):
        count, problem = _count_problem(value, position)
        counts.append(count)
        if problem is not None:
            problems.append(problem)
            fields.append(name)
    if problems:
        worst = min((problem.code for problem in problems), key=_PRIORITY.index)
        first_field = fields[[problem.code for problem in problems].index(worst)]
        _raise_worst(problems, first_field)
    total = sum(counts)
    if total == 0:
        raise CalculatorError(Code.EMPTY)
    if total > MAX_COUNT:
        raise CalculatorError(
            Code.TOO_MANY_VALUES, values=[str(total)], count=1, params={"limit": MAX_COUNT}
        )
    return tuple(counts)


def check_histogram(histogram: object, *, low: int, high: int) -> tuple[int, ...]:
    """Check a histogram given from Python: one count per scale point ``low..high``.

    Buckets are named ``h{point}`` in errors (``h0`` .. ``h10`` for NPS), as in the form.

    :raises CalculatorError: ``wrong_type`` if it is not a list or tuple, ``wrong_length``
        (``params``: ``expected``) if it has the wrong number of buckets, else as
        :func:`parse_counts`.
    """
    if not isinstance(histogram, list | tuple):
        raise CalculatorError(
            Code.WRONG_TYPE,
            field="histogram",
            values=[histogram],
            params={"expected": "list of counts"},
        )
    expected = high - low + 1
    if len(histogram) != expected:
        raise CalculatorError(
            Code.WRONG_LENGTH,
            field="histogram",
            values=[str(len(histogram))],
            params={"expected": expected},
        )
    return parse_counts([(f"h{low + index}", value) for index, value in enumerate(histogram)])


def parse_integer_option(
    value: object, field: str, *, default: int | None, minimum: int
) -> int | None:
    """Read a whole-number option such as a minimum group size; blank gives ``default``.

    :raises CalculatorError: as :func:`parse_count`, and ``out_of_range`` (``params``:
        ``min``) below ``minimum``.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    result = _count_from_object(value)
    if isinstance(result, str):
        raise CalculatorError(result, field=field, values=[value], count=1)
    if result < minimum:
        raise CalculatorError(
            Code.OUT_OF_RANGE, field=field, values=[value], count=1, params={"min": minimum}
        )
    if result > MAX_COUNT:
        raise CalculatorError(
            Code.TOO_MANY_VALUES, field=field, values=[value], count=1, params={"limit": MAX_COUNT}
        )
    return result


def parse_decimal(value: object, field: str) -> float | None:
    """Read one decimal number (``.`` or ``,`` as decimal separator, optional ``%``).

    :returns: The number, or ``None`` for a blank text or ``None``.
    :raises CalculatorError: ``wrong_type``, ``not_a_number`` or ``not_finite``.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise CalculatorError(
            Code.WRONG_TYPE, field=field, values=[value], params={"expected": "number"}
        )
    if isinstance(value, int):
        return float(value) if abs(value) < _HUGE else math.copysign(float(_HUGE), value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CalculatorError(Code.NOT_FINITE, field=field, values=[value], count=1)
        return value
    if not isinstance(value, str):
        raise CalculatorError(
            Code.WRONG_TYPE, field=field, values=[value], params={"expected": "number"}
        )
    token = value.strip()
    if token.endswith("%"):
        token = token[:-1].rstrip()
    if not token:
        return None
    match = _DECIMAL.fullmatch(token)
    if match is None:
        code = Code.NOT_FINITE if _is_non_finite_word(token) else Code.NOT_A_NUMBER
        raise CalculatorError(code, field=field, values=[value], count=1)
    number = float(match.group(2).replace(",", "."))
    if not math.isfinite(number):  # more digits than a float can hold
        raise CalculatorError(Code.NOT_FINITE, field=field, values=[value], count=1)
    return -number if match.group(1) and match.group(1) in _MINUS else number


def parse_confidence(value: object) -> int:
    """Read a confidence level: 90, 95 or 99 (text may end in ``%``); blank gives 95.

    :raises CalculatorError: ``invalid_confidence`` (``params``: ``allowed``) otherwise,
        including for ``True``, ``0.95`` and ``95.5``.
    """
    if value is None:
        return DEFAULT_CONFIDENCE
    if isinstance(value, int) and not isinstance(value, bool) and value in CONFIDENCE_LEVELS:
        return value
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if not text:
            return DEFAULT_CONFIDENCE
        if text in {str(level) for level in CONFIDENCE_LEVELS}:
            return int(text)
    raise CalculatorError(
        Code.INVALID_CONFIDENCE,
        field="confidence",
        values=[value],
        count=1,
        params={"allowed": CONFIDENCE_LEVELS},
    )


def parse_choice(value: object, field: str, allowed: tuple[str, ...], default: str | None) -> str:
    """Read one of the ``allowed`` words (case and ``_``/``-`` are not significant).

    :raises CalculatorError: ``missing`` if blank and there is no default, ``invalid_option``
        (``params``: ``allowed``) for anything else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if default is None:
            raise CalculatorError(Code.MISSING, field=field, params={"allowed": allowed})
        return default
    if isinstance(value, str):
        word = value.strip().lower().replace("_", "-")
        if word in allowed:
            return word
    raise CalculatorError(
        Code.INVALID_OPTION, field=field, values=[value], count=1, params={"allowed": allowed}
    )
