"""Action plans (the *action plan ABC* of the masterclass): a reader's plan as a CSV file.

Every activity of a plan answers the questions of the ABC; the plan's table has a column for the
activity and one for each answer, in :data:`COLUMNS`:

``activity``
    What is done.
``goal``
    The change the activity is to achieve.
``owner``
    Who is responsible for it.
``deadline``
    When, or in which period, it takes place.
``measure``
    The metrics that show whether the change came about.
``resources``
    What it needs (money, people).
``communication``
    Who should know about it or be involved in it (the parties concerned).

:func:`plan_csv` writes the rows of a plan as CSV text for spreadsheets: a byte order mark (so
that spreadsheets read the letters as UTF-8), a header row and one row per activity, rows whose
every cell is blank left out. Every cell is text and goes through
:func:`~calculators.spreadsheet.text_cell`, so no cell runs as a formula when the file is opened.

``api_export(name, form)`` is the page's entry point (dispatched by the page's worker as
``plan_export``); like :mod:`calculators.api` it **never raises** and returns
``{"ok": True, "result": {"csv": text, "rows": n}}`` or ``{"ok": False, "error": {...}}``
(see :mod:`calculators.api`). ``name`` is the plan (:data:`PLANS`); the form inputs are:

``rows``
    A list of rows, each a mapping of column id to the cell's text; a missing cell or
    ``None`` is blank and keys that are not columns are ignored. Missing means no rows.
``headers``
    Optional: the header texts in column order (the page's column labels in its language);
    without them the header row is the column ids.
``delimiter``
    ``","`` (the default) or ``";"`` (what spreadsheets expect where the decimal separator is a
    comma, as in Estonian).

Standard library only, like the rest of the package: it runs in the browser through Pyodide.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Final

from calculators.errors import CalculatorError, Code
from calculators.guard import Form, form_mapping, guarded
from calculators.parsing import parse_choice
from calculators.results import JsonValue
from calculators.spreadsheet import text_cell

__all__ = [
    "BOM",
    "COLUMNS",
    "DELIMITERS",
    "MAX_CELL_CHARS",
    "MAX_ROWS",
    "PLANS",
    "api_export",
    "plan_csv",
]

#: The plans a page can ask for.
PLANS: Final = ("abc",)
#: The columns of a plan, in order (see the module docstring).
COLUMNS: Final = (
    "activity",
    "goal",
    "owner",
    "deadline",
    "measure",
    "resources",
    "communication",
)
#: The delimiters a file can have; the first is the default.
DELIMITERS: Final = (",", ";")
#: At most this many rows (blank ones included) are read.
MAX_ROWS: Final = 100
#: At most this many characters in one cell (and in one header).
MAX_CELL_CHARS: Final = 2_000
#: The byte order mark the file begins with, as text.
BOM: Final = "\ufeff"


def _cell(value: object, field: str, position: int) -> str:
    """One cell's text, tidied: surrounding blanks off, line breaks as ``\\n``."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CalculatorError(
            Code.WRONG_TYPE,
            field=field,
            values=[value],
            positions=[position],
            params={"expected": "text"},
        )
    if len(value) > MAX_CELL_CHARS:
        raise CalculatorError(
            Code.INPUT_TOO_LONG,
            field=field,
            values=[value[:20]],
            positions=[position],
            count=1,
            params={"limit": MAX_CELL_CHARS},
        )
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _rows(value: object) -> list[tuple[str, ...]]:
    """The rows of a plan with their cells in column order; blank rows left out."""
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise CalculatorError(
            Code.WRONG_TYPE, field="rows", values=[value], params={"expected": "list of rows"}
        )
    if len(value) > MAX_ROWS:
        raise CalculatorError(
            Code.TOO_MANY_VALUES, field="rows", count=len(value), params={"limit": MAX_ROWS}
        )
    rows = []
    for number, row in enumerate(value, start=1):
        if not isinstance(row, Mapping):
            raise CalculatorError(
                Code.WRONG_TYPE,
                field="rows",
                values=[row],
                positions=[number],
                params={"expected": "mapping of column to text"},
            )
        cells = tuple(_cell(row.get(column), column, number) for column in COLUMNS)
        if any(cells):
            rows.append(cells)
    return rows


def _headers(value: object) -> tuple[str, ...]:
    """The header texts in column order; the column ids where none are given."""
    if value is None:
        return COLUMNS
    if not isinstance(value, list | tuple) or len(value) != len(COLUMNS):
        raise CalculatorError(
            Code.WRONG_TYPE,
            field="headers",
            values=[value],
            params={"expected": f"list of {len(COLUMNS)} texts"},
        )
    headers = tuple(
        _cell(text, "headers", position) for position, text in enumerate(value, start=1)
    )
    return tuple(text or column for text, column in zip(headers, COLUMNS, strict=True))


def _delimiter(value: object) -> str:
    """``","`` or ``";"`` exactly; blank or missing is the default."""
    if value is None or value == "":
        return DELIMITERS[0]
    if isinstance(value, str) and value in DELIMITERS:
        return value
    raise CalculatorError(
        Code.INVALID_OPTION,
        field="delimiter",
        values=[value],
        count=1,
        params={"allowed": DELIMITERS},
    )


def plan_csv(rows: object, headers: object = None, *, delimiter: object = ",") -> str:
    """The plan's rows as the text of a CSV file (see the module docstring).

    :param rows: A sequence of rows, each a mapping of column id (:data:`COLUMNS`) to its text
        (``None`` or missing: blank); ``None`` is no rows.
    :param headers: The header texts in column order; the column ids if ``None``.
    :param delimiter: ``","`` or ``";"``.
    :raises CalculatorError: ``wrong_type`` (``field`` ``"rows"``, ``"headers"`` or a column
        id, ``positions`` the row), ``too_many_values`` (``field`` ``"rows"``),
        ``input_too_long`` (a cell of more than :data:`MAX_CELL_CHARS` characters) or
        ``invalid_option`` (``field`` ``"delimiter"``).
    """
    return _plan(rows, headers, delimiter)[0]


def _plan(rows: object, headers: object, delimiter: object) -> tuple[str, int]:
    """The CSV text of :func:`plan_csv` and the number of rows written under the header."""
    chosen = _delimiter(delimiter)
    header = _headers(headers)
    body = _rows(rows)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=chosen, lineterminator="\r\n")
    for cells in (header, *body):
        writer.writerow([text_cell(text) for text in cells])
    return BOM + out.getvalue(), len(body)


def _export(name: object, raw_form: object) -> object:
    parse_choice(name, "name", PLANS, None)
    form: Form = form_mapping(raw_form)
    text, count = _plan(form.get("rows"), form.get("headers"), form.get("delimiter"))
    return {"csv": text, "rows": count}


def api_export(name: str, form: Mapping[str, object]) -> dict[str, JsonValue]:
    """The plan in ``form`` as CSV text, from the page's raw values; never raises."""
    return guarded(lambda: _export(name, form))
