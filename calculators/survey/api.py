"""The JSON-friendly entry point of the survey workbench: :func:`call` (``name``, ``form``).

Like :mod:`calculators.api`, it **never raises** and answers
``{"ok": True, "result": {...}}`` or ``{"ok": False, "error": {...}}`` (an error for a form
value that cannot be, such as an unknown metric). A file's own problems are never errors:
they are listed in the result's ``problems`` (see :mod:`calculators.survey.problems`), each as
``{"code", "column", "count", "rows", "values", "params"}``; a file that cannot be read at
all gives ``fatal: true``.

Form inputs are the names of the page's controls. Column choices are 0-based column numbers
as text; a blank one is "none".

``read``
    ``file`` (the file's bytes) or ``text`` (CSV text); ``encoding`` (``auto``, ``utf-8``,
    ``utf-16``, ``cp1257``, ``cp1252``) and ``delimiter`` (``auto``, ``comma``,
    ``semicolon``, ``tab``). The table is kept (the last :data:`KEPT_TABLES` of them) under
    the returned ``token``, so the analyses that follow need not send the file again.
    Result: ``token`` (``None`` when fatal), ``format``, ``encoding``, ``bom``,
    ``delimiter``, ``sheet``, ``rows`` (data rows), ``header_row``, ``columns``
    (``[{"index", "name", "filled", "integers", "low", "high", "dates", "distinct"}]``),
    ``preview`` (``[{"row", "cells"}]``), ``guess`` (``metric``, ``score_columns`` per
    metric, ``csat_scale``, ``segment_column``, ``date_column``), ``problems``, ``fatal``.
``analyse``
    ``token``; ``metric`` (``nps``, ``enps``, ``csat``, ``ces1``, ``ces2``),
    ``score-column`` (required), ``segment-column``, ``date-column``, ``period`` (``month``,
    ``quarter``, ``week``), ``confidence``, ``method`` (NPS), ``csat-scale`` (``1-5``,
    ``1-7``, ``0-10``, ``1-10``), ``satisfied`` (CSAT threshold; blank: the top two boxes),
    ``min-group`` (blank: 5 for eNPS, none otherwise). An unknown ``token`` (the worker
    was restarted) is ``missing`` with ``field`` ``"token"``: read the file again. Result: a
    :class:`~calculators.survey.analysis.SurveyAnalysis`.
``export``
    The inputs of ``analyse``, and ``headers`` (a mapping of column keys to the labels to
    write, see :data:`EXPORT_COLUMNS`), ``csv-delimiter`` (``,`` or ``;``) and ``decimal``
    (``.`` or ``,``). Result: ``{"csv": text}``: the overall result, each segment and each
    period, one per row. Text cells that a spreadsheet would run as a formula get an
    apostrophe in front (:func:`calculators.spreadsheet.text_cell`).
``compare``
    Is the difference between two surveys real? ``metric`` and its options as for
    ``analyse``, and ``mode``: ``counts`` -- NPS ``a_promoters``, ``a_passives``,
    ``a_detractors`` (and ``b_``); CSAT ``a_satisfied``, ``a_n``; CES ``a_n``, ``a_mean``,
    ``a_sd`` -- or ``files`` -- ``a_token``, ``b_token`` and ``a_score-column``,
    ``b_score-column``. Result: ``first`` and ``second`` (``n``, ``score``, ``lower``,
    ``upper``) and ``difference`` (``second - first``: ``difference``, ``lower``,
    ``upper``, ``p_value``, ``significant``, ``method``).
``plan``
    How many responses are needed? ``metric``, ``margin``, ``confidence``, ``assurance``
    (50, 80, 90, 95), ``population``, ``expected_promoters``, ``expected_detractors``,
    ``expected_satisfied``, ``expected_sd``, ``expected_answers`` (CES: counts of each
    answer in an earlier survey, one text). Result: a
    :class:`~calculators.survey.planner.AssurancePlan`.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Final

from calculators import ces, csat, nps
from calculators.errors import CalculatorError, Code
from calculators.guard import Form, form_mapping, guarded
from calculators.parsing import (
    parse_choice,
    parse_confidence,
    parse_count,
    parse_counts,
    parse_decimal,
    parse_integer_option,
)
from calculators.results import Interval, JsonValue
from calculators.spreadsheet import text_cell
from calculators.survey import columns, dates, planner
from calculators.survey.analysis import Group, SurveyAnalysis, SurveyOptions, analyse, classify
from calculators.survey.metrics import (
    CSAT_SCALES,
    DEFAULT_CSAT_SCALE,
    METRICS,
    Difference,
    Metric,
    difference,
    metric,
    score,
)
from calculators.survey.problems import Problem
from calculators.survey.reading import DELIMITERS, ENCODINGS, Table, read_table

#: How many read tables are kept for later analyses.
KEPT_TABLES: Final = 4
#: The calls :func:`call` knows.
CALLS: Final = ("read", "analyse", "export", "compare", "plan")
#: The columns of the results CSV, in order; ``headers`` may relabel each.
EXPORT_COLUMNS: Final = (
    "kind",
    "name",
    "n",
    "score",
    "ci_low",
    "ci_high",
    "difference",
    "difference_low",
    "difference_high",
    "p_value",
    "beyond_chance",
    "note",
)

_tables: OrderedDict[str, Table] = OrderedDict()
_tokens = itertools.count(1)


def _get(form: Form, key: str) -> object:
    value = form.get(key)
    return "" if value is None else value


def _column(form: Form, key: str, *, required: bool = False) -> int | None:
    value = _get(form, key)
    if value == "" or value is None:
        if required:
            raise CalculatorError(Code.MISSING, field=key)
        return None
    return parse_count(value, key)


def _metric(form: Form) -> Metric:
    name = parse_choice(_get(form, "metric"), "metric", METRICS, METRICS[0])
    scale = parse_choice(
        _get(form, "csat-scale"), "csat-scale", tuple(CSAT_SCALES), DEFAULT_CSAT_SCALE
    )
    satisfied = parse_integer_option(_get(form, "satisfied"), "satisfied", default=None, minimum=0)
    return metric(name, scale, satisfied)


def _options(form: Form, spec: Metric, score_column: int) -> SurveyOptions:
    default_group = nps.DEFAULT_MIN_GROUP if spec.name == "enps" else None
    return SurveyOptions(
        metric=spec,
        score_column=score_column,
        segment_column=_column(form, "segment-column"),
        date_column=_column(form, "date-column"),
        period=parse_choice(_get(form, "period"), "period", dates.PERIODS, dates.DEFAULT_PERIOD),
        confidence=parse_confidence(_get(form, "confidence")),
        method=parse_choice(_get(form, "method"), "method", nps.METHODS, nps.DEFAULT_METHOD),
        min_group=parse_integer_option(
            _get(form, "min-group"), "min-group", default=default_group, minimum=1
        ),
    )


def _table(form: Form, key: str = "token") -> Table:
    token = _get(form, key)
    table = _tables.get(token) if isinstance(token, str) else None
    if table is None:
        raise CalculatorError(Code.MISSING, field=key)
    _tables.move_to_end(token)  # type: ignore[arg-type]
    return table


def _problem(problem: Problem) -> dict[str, JsonValue]:
    params: dict[str, JsonValue] = {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in problem.params.items()
    }
    return {
        "code": problem.code,
        "column": problem.column,
        "count": problem.count,
        "rows": list[JsonValue](problem.rows),
        "values": list[JsonValue](problem.values),
        "params": params,
        "fatal": problem.fatal,
    }


def _read(form: Form) -> dict[str, JsonValue]:
    data = form.get("file")
    if data is None:
        data = _get(form, "text")
    if not isinstance(data, bytes | bytearray | memoryview | str):
        raise CalculatorError(
            Code.WRONG_TYPE, field="file", values=[data], params={"expected": "bytes or text"}
        )
    encoding = parse_choice(_get(form, "encoding"), "encoding", ENCODINGS, "auto")
    delimiter = parse_choice(_get(form, "delimiter"), "delimiter", tuple(DELIMITERS), "auto")
    chosen = DELIMITERS[delimiter] or "auto"
    table = read_table(
        bytes(data) if not isinstance(data, str) else data, encoding=encoding, delimiter=chosen
    )
    token: str | None = None
    described: tuple[columns.Column, ...] = ()
    guess: columns.Guess | None = None
    if not table.fatal:
        token = f"t{next(_tokens)}"
        _tables[token] = table
        while len(_tables) > KEPT_TABLES:
            _tables.popitem(last=False)
        described = columns.describe(table)
        guess = columns.guess(described)
    return {
        "token": token,
        "format": table.format,
        "encoding": table.encoding,
        "bom": table.bom,
        "delimiter": table.delimiter,
        "sheet": table.sheet,
        "rows": len(table.rows),
        "header_row": table.header_row,
        "columns": [
            {
                "index": column.index,
                "name": column.name,
                "filled": column.filled,
                "integers": column.integers,
                "low": column.low,
                "high": column.high,
                "dates": column.dates,
                "distinct": column.distinct,
            }
            for column in described
        ],
        "preview": [
            {"row": number, "cells": list[JsonValue](cells)}
            for number, cells in columns.preview(table)
        ],
        "guess": None
        if guess is None
        else {
            "metric": guess.metric,
            "score_columns": dict[str, JsonValue](guess.score_columns),
            "csat_scale": guess.csat_scale,
            "segment_column": guess.segment_column,
            "date_column": guess.date_column,
        },
        "problems": [_problem(problem) for problem in table.problems.listed()],
        "fatal": table.fatal,
    }


def _interval(interval: Interval | None) -> dict[str, JsonValue]:
    if interval is None:
        return {"lower": None, "upper": None}
    return {"lower": interval.lower, "upper": interval.upper}


def _difference(versus: Difference | None) -> JsonValue:
    if versus is None:
        return None
    return {
        "difference": versus.difference,
        **_interval(versus.interval),
        "p_value": versus.p_value,
        "significant": versus.significant,
        "method": versus.method,
    }


def _group(group: Group) -> dict[str, JsonValue]:
    return {
        "key": group.key,
        "n": group.n,
        "withheld": group.withheld,
        "withheld_reason": group.withheld_reason,
        "score": group.score,
        **_interval(group.interval),
        "small": group.small,
        "warnings": [
            {"code": warning.code, "params": dict[str, JsonValue](warning.params)}
            for warning in group.warnings
        ],
        "histogram": None if group.histogram is None else list[JsonValue](group.histogram),
        "versus": _difference(group.versus),
        "previous": group.previous,
    }


def _analysis_json(analysis: SurveyAnalysis) -> dict[str, JsonValue]:
    return {
        "metric": analysis.metric,
        "scale_min": analysis.scale_min,
        "scale_max": analysis.scale_max,
        "satisfied_min": analysis.satisfied_min,
        "better": analysis.better,
        "unit": analysis.unit,
        "digits": analysis.digits,
        "confidence": analysis.confidence,
        "method": analysis.method,
        "min_group": analysis.min_group,
        "score_column": analysis.score_column,
        "segment_column": analysis.segment_column,
        "date_column": analysis.date_column,
        "period": analysis.period,
        "rows": analysis.rows,
        "used": analysis.used,
        "left_out": analysis.left_out,
        "undated": analysis.undated,
        "overall": _group(analysis.overall),
        "segments": [_group(group) for group in analysis.segments],
        "trend": [_group(group) for group in analysis.trend],
        "significant": analysis.significant,
        "comparisons": analysis.comparisons,
        "problems": [_problem(problem) for problem in analysis.problems],
    }


def _analysis(form: Form) -> SurveyAnalysis:
    table = _table(form)
    spec = _metric(form)
    score_column = _column(form, "score-column", required=True)
    assert score_column is not None
    return analyse(table, _options(form, spec, score_column))


def _analyse(form: Form) -> dict[str, JsonValue]:
    return _analysis_json(_analysis(form))


def _number(value: float | None, decimal: str, digits: int) -> str:
    if value is None or not math.isfinite(value):
        return ""
    text = f"{value:.{digits}f}"
    return text.replace(".", decimal)


def _export(form: Form) -> dict[str, JsonValue]:
    analysis = _analysis(form)
    raw_headers = form.get("headers")
    headers: Mapping[str, object] = raw_headers if isinstance(raw_headers, Mapping) else {}
    delimiter = parse_choice(_get(form, "csv-delimiter"), "csv-delimiter", (",", ";"), ",")
    decimal = parse_choice(_get(form, "decimal"), "decimal", (".", ","), ".")
    digits = analysis.digits
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([text_cell(str(headers.get(key) or key)) for key in EXPORT_COLUMNS])
    rows: list[tuple[str, Group]] = [("overall", analysis.overall)]
    rows += [("segment", group) for group in analysis.segments]
    rows += [("period", group) for group in analysis.trend]
    for kind, group in rows:
        versus = group.versus
        note = group.withheld_reason or ("small" if group.small else "")
        writer.writerow(
            [
                text_cell(str(headers.get(kind) or kind)),
                text_cell(group.key),
                str(group.n),
                _number(group.score, decimal, digits),
                _number(group.interval.lower if group.interval else None, decimal, digits),
                _number(group.interval.upper if group.interval else None, decimal, digits),
                _number(versus.difference if versus else None, decimal, digits),
                _number(
                    versus.interval.lower if versus and versus.interval else None, decimal, digits
                ),
                _number(
                    versus.interval.upper if versus and versus.interval else None, decimal, digits
                ),
                _number(versus.p_value if versus else None, decimal, 4),
                ""
                if versus is None or versus.significant is None
                else text_cell(
                    str(
                        headers.get("yes" if versus.significant else "no")
                        or ("yes" if versus.significant else "no")
                    )
                ),
                text_cell(str(headers.get(note) or note)) if note else "",
            ]
        )
    return {"csv": buffer.getvalue()}


def _side(spec: Metric, group: list[int], confidence: int, method: str) -> dict[str, JsonValue]:
    result = score(spec, group, confidence, method)
    return {"n": result.n, "score": result.score, **_interval(result.interval)}


def _file_histogram(form: Form, side: str, spec: Metric) -> list[int]:
    table = _table(form, f"{side}_token")
    column = _column(form, f"{side}_score-column", required=True)
    assert column is not None
    if not 0 <= column < len(table.header):
        raise CalculatorError(Code.OUT_OF_RANGE, field=f"{side}_score-column", values=[str(column)])
    counts = [0] * spec.width
    cache: dict[str, int] = {}
    for row in table.rows:
        raw = row[column]
        bucket = cache.get(raw)
        if bucket is None:
            bucket = cache[raw] = classify(raw, spec.low, spec.high)
        if bucket >= 0:
            counts[bucket] += 1
    if not any(counts):
        raise CalculatorError(Code.EMPTY, field=f"{side}_score-column")
    return counts


def _compare(form: Form) -> dict[str, JsonValue]:
    spec = _metric(form)
    confidence = parse_confidence(_get(form, "confidence"))
    method = parse_choice(_get(form, "method"), "method", nps.METHODS, nps.DEFAULT_METHOD)
    mode = parse_choice(_get(form, "mode"), "mode", ("counts", "files"), "counts")
    if mode == "files":
        first, second = (_file_histogram(form, side, spec) for side in ("a", "b"))
        versus = difference(spec, first, second, confidence, method)
        return {
            "metric": spec.name,
            "first": _side(spec, first, confidence, method),
            "second": _side(spec, second, confidence, method),
            "difference": _difference(versus),
        }
    if spec.name in {"nps", "enps"}:
        groups = []
        for side in ("a", "b"):
            keys = [f"{side}_{group}" for group in ("promoters", "passives", "detractors")]
            groups.append(nps.GroupCounts(*parse_counts([(key, _get(form, key)) for key in keys])))
        compared = nps.compare_nps(
            groups[0],
            groups[1],
            confidence=confidence,
            method=method,
            metric=spec.name,
            min_group=1,
        )
        sides = [compared.first, compared.second]
        return {
            "metric": spec.name,
            "first": {"n": sides[0].n, "score": sides[0].score, **_interval(sides[0].interval)},
            "second": {"n": sides[1].n, "score": sides[1].score, **_interval(sides[1].interval)},
            "difference": _difference(
                Difference(
                    compared.difference,
                    compared.interval,
                    compared.p_value,
                    compared.significant,
                    "nps-z",
                )
            ),
        }
    if spec.name == "csat":
        results = []
        for side in ("a", "b"):
            satisfied, total = parse_counts(
                [
                    (f"{side}_satisfied", _get(form, f"{side}_satisfied")),
                    (f"{side}_n", _get(form, f"{side}_n")),
                ]
            )
            if total == 0 or satisfied > total:
                raise CalculatorError(
                    Code.OUT_OF_RANGE,
                    field=f"{side}_satisfied",
                    values=[str(satisfied)],
                    count=1,
                    params={"min": 0, "max": total},
                )
            results.append((satisfied, total))
        (s1, n1), (s2, n2) = results
        shares = csat.compare_proportions(s1, n1, s2, n2, confidence=confidence)
        z = [_wilson(s, n, confidence) for s, n in results]
        return {
            "metric": spec.name,
            "first": {"n": n1, "score": 100.0 * s1 / n1, **z[0]},
            "second": {"n": n2, "score": 100.0 * s2 / n2, **z[1]},
            "difference": _difference(
                Difference(
                    shares.difference,
                    shares.interval,
                    shares.p_value,
                    shares.significant,
                    "newcombe",
                )
            ),
        }
    sides_ces = []
    for side in ("a", "b"):
        n = parse_count(_get(form, f"{side}_n"), f"{side}_n")
        if n < 1:
            raise CalculatorError(Code.EMPTY, field=f"{side}_n")
        mean = parse_decimal(_get(form, f"{side}_mean"), f"{side}_mean")
        sd = parse_decimal(_get(form, f"{side}_sd"), f"{side}_sd")
        if mean is None:
            raise CalculatorError(Code.MISSING, field=f"{side}_mean")
        if not spec.low <= mean <= spec.high:
            raise CalculatorError(
                Code.OUT_OF_RANGE,
                field=f"{side}_mean",
                values=[str(mean)],
                count=1,
                params={"min": spec.low, "max": spec.high},
            )
        if sd is not None and sd < 0:
            raise CalculatorError(
                Code.OUT_OF_RANGE, field=f"{side}_sd", values=[str(sd)], count=1, params={"min": 0}
            )
        sides_ces.append((n, mean, sd if n > 1 else None))
    means = ces.compare_means(sides_ces[0], sides_ces[1], confidence=confidence)
    return {
        "metric": spec.name,
        "first": {"n": sides_ces[0][0], "score": sides_ces[0][1], "lower": None, "upper": None},
        "second": {"n": sides_ces[1][0], "score": sides_ces[1][1], "lower": None, "upper": None},
        "difference": _difference(
            Difference(means.difference, means.interval, means.p_value, means.significant, "welch")
        ),
    }


def _wilson(satisfied: int, n: int, confidence: int) -> dict[str, JsonValue]:
    from calculators.stats import wilson_interval, z_value

    lower, upper = wilson_interval(satisfied, n, z_value(confidence))
    return {"lower": 100.0 * lower, "upper": 100.0 * upper}


def _plan(form: Form) -> object:
    name = parse_choice(_get(form, "metric"), "metric", METRICS, METRICS[0])
    assurance = parse_choice(
        str(_get(form, "assurance")).strip().removesuffix("%").strip(),
        "assurance",
        tuple(str(level) for level in planner.ASSURANCES),
        str(planner.DEFAULT_ASSURANCE),
    )
    return planner.plan(
        name,
        _get(form, "margin"),
        confidence=_get(form, "confidence"),
        assurance=int(assurance),
        population=parse_integer_option(
            _get(form, "population"), "population", default=None, minimum=1
        ),
        expected_promoters=_get(form, "expected_promoters"),
        expected_detractors=_get(form, "expected_detractors"),
        expected_satisfied=_get(form, "expected_satisfied"),
        expected_sd=_get(form, "expected_sd"),
        expected_answers=_get(form, "expected_answers"),
    )


_HANDLERS: Final[dict[str, Callable[[Form], object]]] = {
    "read": _read,
    "analyse": _analyse,
    "export": _export,
    "compare": _compare,
    "plan": _plan,
}


def _call(name: object, raw_form: object) -> object:
    chosen = parse_choice(name, "name", CALLS, None)
    return _HANDLERS[chosen](form_mapping(raw_form))


def call(name: str, form: Mapping[str, object]) -> dict[str, JsonValue]:
    """Run the workbench call ``name`` on ``form``; never raises (see the module docstring)."""
    return guarded(lambda: _call(name, form))


def forget() -> None:
    """Drop every kept table (tests use it)."""
    _tables.clear()
