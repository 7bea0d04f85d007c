"""Scoring one participant's self-assessment: answers 1-4 per aspect, mean, profile, weakest.

The aspects are given as a list of ids (the slugs of the framework's ``aspects`` items, in
the order they are shown); the package does not read the framework files. Aspect ids must be
slugs (lower-case ASCII letters and digits joined by single hyphens, as every item id of the
knowledge base) with at least one letter (so that a header row never looks like a row of
answers), unique, and none of :data:`RESERVED_NAMES`, which name the other columns and form
inputs.

An answer is a whole number from 1 to 4 (the verbal scale read as numbers). It may be an
``int``, a ``float`` with an integral value, or text as typed (``"3"``, ``" 3 "``,
``"3.0"``); ``None`` and blank text mean the aspect was not answered. Anything else is a
:class:`~calculators.errors.CalculatorError` whose ``field`` is the aspect id:

* ``not_a_number`` -- a word (``"kolm"``), ``"1e3"``, ``"3%"``;
* ``not_finite`` -- ``"nan"``, ``"inf"``;
* ``not_an_integer`` -- ``"2.5"``, ``"2,5"``, ``2.5``;
* ``out_of_range`` -- ``0``, ``5``, ``"-1"`` (``params``: ``{"min": 1, "max": 4}``);
* ``wrong_type`` -- ``True``, a list.

When several answers are wrong, the error reports the most basic problem first (in the order
above, ``wrong_type`` before all), with every aspect that has it: ``field`` is the first such
aspect, ``values`` their values and ``positions`` their 1-based places in the aspect list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Final

from calculators.errors import CalculatorError, Code, ParamValue
from calculators.parsing import read_integer_token

#: The lowest answer (``Puudub`` / *Not in place*).
SCALE_LOW: Final = 1
#: The highest answer (``Süsteemselt toimiv`` / *Working systematically*).
SCALE_HIGH: Final = 4
#: How many weakest aspects a result names.
WEAKEST_COUNT: Final = 3
#: At most this many aspects are accepted.
MAX_ASPECTS: Final = 100
#: Names that cannot be aspect ids: the participant column and the form's other inputs.
RESERVED_NAMES: Final = ("participant", "aspects", "csv", "delimiter")
#: The pattern of an aspect id: the knowledge base's slug rule, with at least one letter.
ASPECT_ID: Final = re.compile(r"(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*")

# The order in which problems with several answers are reported.
_PRIORITY: Final = (
    Code.WRONG_TYPE,
    Code.NOT_A_NUMBER,
    Code.NOT_FINITE,
    Code.NOT_AN_INTEGER,
    Code.OUT_OF_RANGE,
)
_SCALE_BOUNDS: Final[Mapping[str, ParamValue]] = MappingProxyType(
    {"min": SCALE_LOW, "max": SCALE_HIGH}
)
_INVISIBLE: Final = "\ufeff\u200b"


@dataclass(frozen=True)
class AssessmentResult:
    """The score of one participant's answers.

    ``profile`` maps every aspect id, in the given order, to its answer or ``None``.
    ``weakest`` names up to three answered aspects with the lowest answers, lowest first;
    equal answers keep the order of the aspect list.
    """

    scale_min: int
    scale_max: int
    n_aspects: int
    answered: int
    unanswered: int
    #: The ids of the unanswered aspects, in aspect order.
    unanswered_aspects: tuple[str, ...]
    #: The mean of the answered aspects; ``None`` when none was answered.
    mean: float | None
    profile: Mapping[str, int | None]
    weakest: tuple[str, ...]


def check_aspects(aspects: object) -> tuple[str, ...]:
    """Check a list of aspect ids and return it as a tuple.

    :raises CalculatorError: with ``field`` ``"aspects"``: ``wrong_type`` if it is not a list
        or tuple of strings, ``empty``, ``too_many_values`` (``params``: ``limit``) above
        :data:`MAX_ASPECTS`, ``invalid_option`` with ``params`` ``{"rule": "slug"}``,
        ``{"rule": "unique"}`` or ``{"rule": "reserved", "reserved": [...]}`` naming the
        offending ids and their positions.
    """
    if not isinstance(aspects, list | tuple):
        raise CalculatorError(
            Code.WRONG_TYPE,
            field="aspects",
            values=[aspects],
            params={"expected": "list of aspect ids"},
        )
    if not aspects:
        raise CalculatorError(Code.EMPTY, field="aspects")
    if len(aspects) > MAX_ASPECTS:
        raise CalculatorError(
            Code.TOO_MANY_VALUES,
            field="aspects",
            values=[str(len(aspects))],
            count=1,
            params={"limit": MAX_ASPECTS},
        )
    _reject(
        "aspects",
        [(i, item) for i, item in enumerate(aspects, 1) if not isinstance(item, str)],
        Code.WRONG_TYPE,
        {"expected": "text"},
    )
    ids: tuple[str, ...] = tuple(aspects)
    _reject(
        "aspects",
        [(i, item) for i, item in enumerate(ids, 1) if not ASPECT_ID.fullmatch(item)],
        Code.INVALID_OPTION,
        {"rule": "slug"},
    )
    _reject(
        "aspects",
        [(i, item) for i, item in enumerate(ids, 1) if item in RESERVED_NAMES],
        Code.INVALID_OPTION,
        {"rule": "reserved", "reserved": RESERVED_NAMES},
    )
    _reject(
        "aspects",
        [(i, item) for i, item in enumerate(ids, 1) if item in ids[: i - 1]],
        Code.INVALID_OPTION,
        {"rule": "unique"},
    )
    return ids


def _reject(
    field: str, offending: list[tuple[int, object]], code: str, params: Mapping[str, ParamValue]
) -> None:
    """Raise ``code`` for the ``(position, value)`` pairs in ``offending``, if any."""
    if offending:
        raise CalculatorError(
            code,
            field=field,
            values=[value for _, value in offending],
            positions=[position for position, _ in offending],
            params=params,
        )


def read_answer(value: object) -> int | str | None:
    """Read one answer: ``None`` if unanswered, the number 1-4, or the error code.

    The code is one of ``wrong_type``, ``not_a_number``, ``not_finite``,
    ``not_an_integer``, ``out_of_range``; see the module docstring.
    """
    number: int | str
    if value is None:
        return None
    if isinstance(value, bool):
        return Code.WRONG_TYPE
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value):
            return Code.NOT_FINITE
        if not value.is_integer():
            return Code.NOT_AN_INTEGER
        number = int(value)
    elif isinstance(value, str):
        token = value.strip().strip(_INVISIBLE).strip()
        if not token:
            return None
        number = read_integer_token(token)
        if isinstance(number, str):
            return number
    else:
        return Code.WRONG_TYPE
    return number if SCALE_LOW <= number <= SCALE_HIGH else Code.OUT_OF_RANGE


def answer_problem_params(code: str) -> Mapping[str, ParamValue]:
    """The ``params`` that go with an answer's error ``code``."""
    if code == Code.OUT_OF_RANGE:
        return _SCALE_BOUNDS
    if code == Code.WRONG_TYPE:
        return {"expected": "whole number 1-4 or blank"}
    return {}


def read_answers(
    ids: tuple[str, ...], answers: object, *, field: str = "answers"
) -> tuple[int | None, ...]:
    """Check a mapping of answers against the aspect ids; the values in aspect order.

    Aspects missing from ``answers`` are unanswered.

    :raises CalculatorError: ``wrong_type`` (``field``) if ``answers`` is not a mapping with
        text keys; ``invalid_option`` for keys that are not aspect ids (``field`` is the first
        of them, ``values`` all of them, ``params``: ``allowed``); otherwise the answer codes
        of the module docstring, with the aspect id as ``field``.
    """
    if not isinstance(answers, Mapping):
        raise CalculatorError(
            Code.WRONG_TYPE,
            field=field,
            values=[answers],
            params={"expected": "mapping of aspect ids to answers"},
        )
    keys = list(answers)
    bad_keys = [key for key in keys if not isinstance(key, str)]
    if bad_keys:
        raise CalculatorError(
            Code.WRONG_TYPE, field=field, values=bad_keys, params={"expected": "aspect id"}
        )
    known = set(ids)
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise CalculatorError(
            Code.INVALID_OPTION, field=unknown[0], values=unknown, params={"allowed": ids}
        )
    values: list[int | None] = []
    problems: list[tuple[str, int, str, object]] = []
    for position, aspect in enumerate(ids, start=1):
        raw = answers.get(aspect)
        answer = read_answer(raw)
        if isinstance(answer, str):
            problems.append((answer, position, aspect, raw))
            values.append(None)
        else:
            values.append(answer)
    if problems:
        code = min((problem[0] for problem in problems), key=_PRIORITY.index)
        chosen = [problem for problem in problems if problem[0] == code]
        raise CalculatorError(
            code,
            field=chosen[0][2],
            values=[problem[3] for problem in chosen],
            positions=[problem[1] for problem in chosen],
            params=answer_problem_params(code),
        )
    return tuple(values)


def weakest_of(ids: Sequence[str], levels: Sequence[Fraction | int | None]) -> tuple[str, ...]:
    """Up to :data:`WEAKEST_COUNT` ids with the lowest levels, ties in the order of ``ids``.

    ``None`` levels (nothing answered) are left out.
    """
    ranked = sorted(
        (level, position)
        for position, level in enumerate(levels)
        if level is not None  # never compare None with numbers
    )
    return tuple(ids[position] for _, position in ranked[:WEAKEST_COUNT])


def result_from_values(ids: tuple[str, ...], values: tuple[int | None, ...]) -> AssessmentResult:
    """Build the result of already checked answers (one per aspect id, in order)."""
    answered = [value for value in values if value is not None]
    unanswered = tuple(aspect for aspect, value in zip(ids, values, strict=True) if value is None)
    return AssessmentResult(
        scale_min=SCALE_LOW,
        scale_max=SCALE_HIGH,
        n_aspects=len(ids),
        answered=len(answered),
        unanswered=len(unanswered),
        unanswered_aspects=unanswered,
        mean=sum(answered) / len(answered) if answered else None,
        profile=MappingProxyType(dict(zip(ids, values, strict=True))),
        weakest=weakest_of(ids, values),
    )


def score_assessment(
    aspects: Sequence[str], answers: Mapping[str, int | str | None]
) -> AssessmentResult:
    """Score one participant: how many aspects are answered, the mean, profile and weakest.

    :param aspects: The aspect ids in display order (see :func:`check_aspects`).
    :param answers: Answers by aspect id; missing ids, ``None`` and blank text are
        unanswered.
    :raises CalculatorError: see :func:`check_aspects` and :func:`read_answers`.
    """
    ids = check_aspects(aspects)
    return result_from_values(ids, read_answers(ids, answers))
