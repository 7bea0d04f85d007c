"""The JSON-friendly entry points for the browser: form text in, plain data out.

The page passes the raw string values of its HTML form; these functions **never raise**.
Each returns a plain ``dict`` made only of ``str``, ``int``, ``float``, ``bool``, ``None``,
``list`` and ``dict``, in one of two shapes::

    {"ok": True, "result": {...}}
    {"ok": False, "error": {"code": str, "field": str | None, "values": [str, ...],
                            "positions": [int, ...], "count": int, "params": {...}}}

The error fields are those of :class:`~calculators.errors.CalculatorError`: a stable
``code``, the form ``field`` it concerns, the offending ``values`` as typed and their 1-based
``positions`` (at most 10 of each; ``count`` says how many there were), and ``params`` such as
``{"min": 0, "max": 10}``. A defect in this package (never bad input) is reported as
``internal_error`` instead of escaping as an exception.

``compute(name, form)``
    ``name`` is ``"nps"``, ``"enps"``, ``"ces"`` or ``"csat"``. Form inputs (missing ones
    count as blank):

    ``mode``
        ``"counts"`` (NPS/eNPS only), ``"histogram"`` or ``"responses"`` (the default).
    ``promoters``, ``passives``, ``detractors``
        Counts for ``mode=counts``; blank is 0.
    ``h0`` .. ``h10`` (NPS/eNPS), ``h1`` .. ``h5`` (CSAT, CES 1.0), ``h1`` .. ``h7`` (CES 2.0)
        Counts of each answer for ``mode=histogram``; blank is 0.
    ``responses``
        Pasted answers for ``mode=responses`` (see :mod:`calculators.parsing`).
    ``confidence``
        ``"90"``, ``"95"`` (the default) or ``"99"``.
    ``method``
        NPS/eNPS: ``"adjusted-wald"`` (the default) or ``"wald"``.
    ``min_group``
        NPS/eNPS: withhold groups smaller than this; eNPS default 5, NPS default none.
    ``headcount``
        NPS/eNPS: the population size, for the finite population correction.
    ``scale``
        CES: ``"ces1"`` or ``"ces2"`` (the default).

    The ``result`` is the :class:`~calculators.nps.NpsResult`,
    :class:`~calculators.ces.CesResult` or :class:`~calculators.csat.CsatResult` as a dict;
    every result has ``metric``, ``n``, ``score``, ``unit``, ``interval`` (``lower``,
    ``upper``, ``centre``, ``confidence``, ``method``) and ``warnings`` (a list of
    ``{"code": str, "params": {...}}``; see :mod:`calculators.results`).

``compare(name, form)``
    ``name`` is ``"nps"`` or ``"enps"``. The data inputs of the two groups carry the prefixes
    ``a_`` (first, e.g. the earlier period) and ``b_`` (second): ``a_promoters``,
    ``b_responses``, ``a_h9``, ... Each group's mode is ``a_mode`` / ``b_mode``, falling back
    to ``mode``. ``confidence``, ``method`` and ``min_group`` are shared. The ``result`` is a
    :class:`~calculators.nps.NpsComparison` (difference ``b - a``).

``plan_sample_size(name, form)``
    ``name`` is ``"nps"`` or ``"enps"``. Inputs: ``margin`` (NPS points, required),
    ``confidence``, ``expected_promoters`` and ``expected_detractors`` (per cent, both or
    neither), ``headcount``. The ``result`` is a :class:`~calculators.nps.SamplePlan`.

``survey(name, form)``
    The survey workbench: ``name`` is ``"read"`` (a survey export's bytes or text),
    ``"analyse"``, ``"export"``, ``"compare"`` or ``"plan"``; see
    :mod:`calculators.survey.api`, which is imported only on the first call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Final

from calculators import ces, csat, nps
from calculators.errors import CalculatorError, Code
from calculators.guard import Form, form_mapping, guarded
from calculators.parsing import (
    histogram_of,
    parse_choice,
    parse_confidence,
    parse_counts,
    parse_integer_option,
    parse_scores,
)
from calculators.results import JsonValue

#: The calculators :func:`compute` knows.
CALCULATORS: Final = ("nps", "enps", "ces", "csat")
#: The calculators :func:`compare` and :func:`plan_sample_size` know.
NPS_CALCULATORS: Final = ("nps", "enps")
NPS_MODES: Final = ("counts", "histogram", "responses")
DISTRIBUTION_MODES: Final = ("histogram", "responses")
DEFAULT_MODE: Final = "responses"


def _get(form: Form, key: str) -> object:
    """A form value; a missing input or ``None`` is blank."""
    value = form.get(key)
    return "" if value is None else value


def _name(name: object, allowed: tuple[str, ...]) -> str:
    return parse_choice(name, "name", allowed, None)


def _histogram(form: Form, prefix: str, low: int, high: int) -> tuple[int, ...]:
    names = [f"{prefix}h{point}" for point in range(low, high + 1)]
    return parse_counts([(name, _get(form, name)) for name in names])


def _nps_counts(form: Form, prefix: str) -> tuple[nps.GroupCounts, tuple[int, ...] | None]:
    field = f"{prefix}mode"
    mode = _get(form, field)
    if prefix and isinstance(mode, str) and not mode.strip():
        field, mode = "mode", _get(form, "mode")
    chosen = parse_choice(mode, field, NPS_MODES, DEFAULT_MODE)
    if chosen == "counts":
        groups = ("promoters", "passives", "detractors")
        promoters, passives, detractors = parse_counts(
            [(prefix + group, _get(form, prefix + group)) for group in groups]
        )
        return nps.GroupCounts(promoters, passives, detractors), None
    if chosen == "histogram":
        histogram = _histogram(form, prefix, nps.SCALE_LOW, nps.SCALE_HIGH)
    else:
        field = prefix + "responses"
        scores = parse_scores(
            _text(form, field), low=nps.SCALE_LOW, high=nps.SCALE_HIGH, field=field
        )
        histogram = histogram_of(scores, low=nps.SCALE_LOW, high=nps.SCALE_HIGH)
    return nps.GroupCounts.from_histogram(histogram), histogram


def _text(form: Form, field: str) -> str:
    value = _get(form, field)
    if not isinstance(value, str):
        raise CalculatorError(
            Code.WRONG_TYPE, field=field, values=[value], params={"expected": "text"}
        )
    return value


def _distribution(form: Form, low: int, high: int) -> tuple[int, ...]:
    mode = parse_choice(_get(form, "mode"), "mode", DISTRIBUTION_MODES, DEFAULT_MODE)
    if mode == "histogram":
        return _histogram(form, "", low, high)
    scores = parse_scores(_text(form, "responses"), low=low, high=high, field="responses")
    return histogram_of(scores, low=low, high=high)


def _compute(name: object, raw_form: object) -> object:
    calculator = _name(name, CALCULATORS)
    form = form_mapping(raw_form)
    confidence = parse_confidence(_get(form, "confidence"))
    if calculator == "ces":
        scale = parse_choice(_get(form, "scale"), "scale", tuple(ces.SCALES), ces.DEFAULT_SCALE)
        version = ces.SCALES[scale]
        histogram = _distribution(form, version.low, version.high)
        return ces.compute_ces(histogram, scale=scale, confidence=confidence)
    if calculator == "csat":
        histogram = _distribution(form, csat.SCALE_LOW, csat.SCALE_HIGH)
        return csat.compute_csat(histogram, confidence=confidence)
    counts, echoed = _nps_counts(form, "")
    result = nps.compute_nps(
        counts,
        confidence=confidence,
        method=parse_choice(_get(form, "method"), "method", nps.METHODS, nps.DEFAULT_METHOD),
        metric=calculator,
        min_group=_min_group(form, calculator),
        headcount=parse_integer_option(
            _get(form, "headcount"), "headcount", default=None, minimum=1
        ),
    )
    return nps.with_histogram(result, echoed)


def _min_group(form: Form, calculator: str) -> int | None:
    default = nps.DEFAULT_MIN_GROUP if calculator == "enps" else None
    return parse_integer_option(_get(form, "min_group"), "min_group", default=default, minimum=1)


def _compare(name: object, raw_form: object) -> object:
    calculator = _name(name, NPS_CALCULATORS)
    form = form_mapping(raw_form)
    confidence = parse_confidence(_get(form, "confidence"))
    method = parse_choice(_get(form, "method"), "method", nps.METHODS, nps.DEFAULT_METHOD)
    min_group = _min_group(form, calculator)
    first, first_histogram = _nps_counts(form, "a_")
    second, second_histogram = _nps_counts(form, "b_")
    comparison = nps.compare_nps(
        first,
        second,
        confidence=confidence,
        method=method,
        metric=calculator,
        min_group=min_group,
    )
    return replace(
        comparison,
        first=nps.with_histogram(comparison.first, first_histogram),
        second=nps.with_histogram(comparison.second, second_histogram),
    )


def _plan(name: object, raw_form: object) -> object:
    calculator = _name(name, NPS_CALCULATORS)
    form = form_mapping(raw_form)
    return nps.plan_sample_size(
        _text(form, "margin"),
        confidence=parse_confidence(_get(form, "confidence")),
        expected_promoters=_text(form, "expected_promoters"),
        expected_detractors=_text(form, "expected_detractors"),
        headcount=parse_integer_option(
            _get(form, "headcount"), "headcount", default=None, minimum=1
        ),
        metric=calculator,
    )


def compute(name: str, form: Mapping[str, str]) -> dict[str, JsonValue]:
    """Compute NPS, eNPS, CES or CSAT from raw form values; never raises (see above)."""
    return guarded(lambda: _compute(name, form))


def compare(name: str, form: Mapping[str, str]) -> dict[str, JsonValue]:
    """Compare two NPS or eNPS groups from raw form values; never raises (see above)."""
    return guarded(lambda: _compare(name, form))


def plan_sample_size(name: str, form: Mapping[str, str]) -> dict[str, JsonValue]:
    """Plan an NPS or eNPS sample size from raw form values; never raises (see above)."""
    return guarded(lambda: _plan(name, form))


def survey(name: str, form: Mapping[str, object]) -> dict[str, JsonValue]:
    """The survey workbench's call ``name`` (:func:`calculators.survey.api.call`); never raises."""
    from calculators.survey.api import call  # the workbench's modules load on first use

    return call(name, form)
