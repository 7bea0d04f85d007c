"""The JSON-friendly entry points of the self-assessments: form text in, plain data out.

These functions **never raise**. Like :mod:`calculators.api` they return a plain ``dict``
made only of ``str``, ``int``, ``float``, ``bool``, ``None``, ``list`` and ``dict``, in one
of two shapes::

    {"ok": True, "result": {...}}
    {"ok": False, "error": {"code": str, "field": str | None, "values": [str, ...],
                            "positions": [int, ...], "count": int, "params": {...}}}

The error is a :class:`~calculators.errors.CalculatorError` as a dict; a defect in this
package (never bad input) is reported as ``internal_error``.

Every call takes the aspect ids in the form input ``aspects``: one text with the ids in
display order separated by spaces, line breaks, commas or semicolons (or a list of ids).
It is required (``missing``); the rules for the ids are those of
:func:`~calculators.assessment.scoring.check_aspects`. Other form inputs that no call reads
are ignored.

``call(name, form)``
    The page's engine calls the three below through this one entry (see
    :mod:`calculators.worker`): ``name`` is ``"score"``, ``"export"`` or ``"team"``.

``api_score(form)``
    Inputs: ``aspects``, and for each aspect id an input of that name with the answer,
    ``"1"`` .. ``"4"``, blank or missing when unanswered. The ``result`` is an
    :class:`~calculators.assessment.scoring.AssessmentResult`: ``scale_min`` (1),
    ``scale_max`` (4), ``n_aspects``, ``answered``, ``unanswered``,
    ``unanswered_aspects`` (ids), ``mean`` (``None`` when nothing is answered), ``profile``
    (``{aspect id: answer or None}`` in aspect order) and ``weakest`` (up to three ids).
    A bad answer is an error whose ``field`` is the aspect id.

``api_export(form)``
    Inputs: those of ``api_score``, ``participant`` (the name, required) and ``delimiter``
    (``","``, the default, or ``";"``). The ``result`` is ``{"csv": text}``, the text of
    :func:`~calculators.assessment.team_csv.to_csv`, where a name that begins like a
    formula (``=``, ``+``, ``-``, ``@``) has an apostrophe in front that the import takes
    off again. When saving it as a file for a spreadsheet, the page may put a byte order
    mark in front so that the names' letters are read as UTF-8; the import ignores it.

``api_team(form)``
    Inputs: ``aspects`` and ``csv`` (the pasted or uploaded text of one or many exports).
    The ``result`` has:

    ``participants``
        The rows used: ``[{"name", "row", "answers": {aspect id: answer or None}}, ...]``.
    ``problems``
        ``[{"row", "column", "code", "value", "params"}, ...]``, codes from
        :class:`~calculators.assessment.team_csv.ProblemCode`.
    ``data_rows``
        The number of non-blank rows other than header rows.
    ``header_rows``
        The rows read as header rows (one per export pasted, repeated ones included).
    ``team``
        The :class:`~calculators.assessment.team.TeamResult` of the participants used:
        ``n_participants``, ``n_scored``, ``mean``, ``participant_means``, ``weakest`` and
        ``aspects`` (``[{"aspect", "n", "mean", "min", "max", "standard_deviation",
        "counts"}, ...]``). With no usable rows it has ``n_participants`` 0 and no means.

    Only an empty text is an error (``empty``, ``field`` ``"csv"``); problems in the rows are
    reported in ``problems`` while the other rows are used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from calculators.assessment.scoring import check_aspects, read_answers, result_from_values
from calculators.assessment.team import aggregate_team
from calculators.assessment.team_csv import DELIMITERS, read_team_csv, to_csv
from calculators.errors import CalculatorError, Code
from calculators.guard import Form, form_mapping, guarded
from calculators.parsing import check_text, parse_choice
from calculators.results import JsonValue

_ID_SEPARATORS: Final = re.compile(r"[\s,;\ufeff]+")


def _aspects(form: Form) -> tuple[str, ...]:
    value = form.get("aspects")
    if value is None or isinstance(value, str):
        ids = [part for part in _ID_SEPARATORS.split(value or "") if part]
        if not ids:
            raise CalculatorError(Code.MISSING, field="aspects")
        return check_aspects(ids)
    return check_aspects(value)


def _answers(form: Form, ids: tuple[str, ...]) -> dict[str, object]:
    return {aspect: form.get(aspect) for aspect in ids}


def _score(raw_form: object) -> object:
    form = form_mapping(raw_form)
    ids = _aspects(form)
    return result_from_values(ids, read_answers(ids, _answers(form, ids)))


def _export(raw_form: object) -> object:
    form = form_mapping(raw_form)
    ids = _aspects(form)
    checked = dict(zip(ids, read_answers(ids, _answers(form, ids)), strict=True))
    delimiter = parse_choice(form.get("delimiter"), "delimiter", DELIMITERS, DELIMITERS[0])
    participant = form.get("participant")
    if participant is None:
        raise CalculatorError(Code.MISSING, field="participant")
    if not isinstance(participant, str):
        raise CalculatorError(
            Code.WRONG_TYPE, field="participant", values=[participant], params={"expected": "text"}
        )
    return {"csv": to_csv(ids, checked, participant, delimiter=delimiter)}


def _team(raw_form: object) -> object:
    form = form_mapping(raw_form)
    ids = _aspects(form)
    value = form.get("csv")
    text = check_text("" if value is None else value, "csv")
    imported = read_team_csv(ids, text)
    team = aggregate_team(ids, imported.participants)
    return {
        "participants": imported.participants,
        "problems": imported.problems,
        "data_rows": imported.data_rows,
        "header_rows": imported.header_rows,
        "team": team,
    }


def api_score(form: Mapping[str, str]) -> dict[str, JsonValue]:
    """Score one participant from raw form values; never raises (see above)."""
    return guarded(lambda: _score(form))


def api_export(form: Mapping[str, str]) -> dict[str, JsonValue]:
    """One participant's answers as CSV text from raw form values; never raises."""
    return guarded(lambda: _export(form))


def api_team(form: Mapping[str, str]) -> dict[str, JsonValue]:
    """Import a team's CSV text and aggregate it; never raises (see above)."""
    return guarded(lambda: _team(form))


#: The self-assessment calls :func:`call` knows, by name.
CALLS: Final = {"score": api_score, "export": api_export, "team": api_team}


def call(name: str, form: Mapping[str, str]) -> dict[str, JsonValue]:
    """The call ``name`` (``"score"``, ``"export"`` or ``"team"``) with ``form``; the entry of
    the page's engine (:mod:`calculators.worker`); never raises."""
    chosen = CALLS.get(name) if isinstance(name, str) else None
    if chosen is None:
        return guarded(lambda: parse_choice(name, "name", tuple(CALLS), None))
    return chosen(form)
