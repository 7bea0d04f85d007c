"""CSV export of one participant's answers and import of a team's exports for the trainer.

**Export** (:func:`to_csv`) writes a header row ``participant,<aspect ids...>`` and one row
with the participant's name and the answers 1-4 (blank when unanswered), each row ending in
``\\r\\n`` (RFC 4180). The delimiter is ``,`` or, for spreadsheets in Estonian (whose list
separator is the semicolon), ``;``. A name containing ``,``, ``;`` or ``"`` is quoted with
inner quotes doubled. Names are tidied the same way on export and on import: a byte order
mark is dropped and every run of white space (line breaks included) becomes one space.
A name that begins with ``=``, ``+``, ``-``, ``@`` (or their full-width forms) gets an
apostrophe in front (``'=HYPERLINK(...)``), so that spreadsheets show it as text instead of
running it as a formula; the answers are numbers and are written as they are (see
:mod:`calculators.spreadsheet`).

**Import** (:func:`read_team_csv`) reads one or many exports pasted or uploaded one after
another. It is lenient about the file and precise about the rows:

* Line breaks may be ``\\r\\n``, ``\\n`` or ``\\r``; a byte order mark anywhere in a cell is
  dropped; blank lines, lines of nothing but delimiters (``,`` or ``;``) and rows whose
  cells are all blank are skipped.
* Fields may be quoted (``"Tamm, Mari"``, ``""`` inside for a quote, line breaks inside);
  white space around a cell is ignored.
* The apostrophe the export puts in front of a name that would be a formula is taken off
  again (``'=x`` is read as ``=x``), so importing one's own export gives the name as typed.
* A **header row** is a row with at least two non-blank cells, none of them a number, one of
  which is ``participant`` or an aspect id (in any case). Its delimiter, ``,`` or ``;``, is
  recognised from the row itself and is used for the rows that follow it, and its cells map
  the columns by name, so the columns may come in any order. Every header row starts a new
  mapping, so exports with different column orders or delimiters can follow each other; a
  header row identical to the one before is simply skipped.
* An aspect without a column counts as unanswered.
* Row numbers are the 1-based lines of the text as pasted (blank lines and header rows
  count); a row with quoted line breaks has the number of its first line.

Nothing in the text raises an error except an ``empty`` text (nothing but blank lines),
a text that is not a string (``wrong_type``) or one longer than
:data:`~calculators.parsing.MAX_INPUT_CHARS` characters (``input_too_long``), all with
``field`` ``"csv"``, and bad aspect ids (see
:func:`~calculators.assessment.scoring.check_aspects`). Everything else is an
:class:`ImportProblem` with the ``row``, the ``column`` (an aspect id, ``"participant"``, the
header cell as written for an unknown column, or ``None`` when no column can be named),
a ``code`` from :class:`ProblemCode`, the offending ``value`` as written (cut to
:data:`~calculators.errors.MAX_VALUE_CHARS` characters) and ``params``. A data row with any
problem is left out; all other rows are used. Every non-blank row that is not a header row
is either a participant or has at least one problem with its row number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from calculators.assessment.scoring import (
    answer_problem_params,
    check_aspects,
    read_answer,
    read_answers,
)
from calculators.assessment.team import ParticipantAnswers
from calculators.errors import CalculatorError, Code, ParamValue, render_value
from calculators.parsing import check_text, read_integer_token
from calculators.spreadsheet import read_text_cell, text_cell

#: The name of the participant column.
PARTICIPANT: Final = "participant"
#: The delimiters that are written and recognised; the first is the default.
DELIMITERS: Final = (",", ";")
#: The line ending of exported rows.
LINE_END: Final = "\r\n"

_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
_BOM: Final = "\ufeff"
_BEFORE_QUOTE: Final = " \t\ufeff"
_NOTHING: Final = " \t\ufeff,;"
# The column of an unknown or repeated header cell, whose values are ignored.
_IGNORED: Final = ""
_NEEDS_QUOTES: Final = frozenset(',;"\r\n')


class ProblemCode:
    """The stable codes of :class:`ImportProblem` (plain strings) and their ``params``."""

    #: A data row before any header row; ``column`` is ``None``.
    MISSING_HEADER: Final = "missing_header"
    #: A quote that is never closed; the row is read up to its line only and left out.
    UNCLOSED_QUOTE: Final = "unclosed_quote"
    #: A data row with fewer fields than its header, or with non-blank fields beyond it
    #: (blank extra fields are ignored); ``column`` is the first column the row lacks (``None``
    #: for a row that is too long); ``params``: ``expected``, ``found``.
    WRONG_FIELD_COUNT: Final = "wrong_field_count"
    #: On a header row: a column that is neither ``participant`` nor an aspect id (its values
    #: are ignored). On a data row: a value under a column whose header cell is blank.
    UNKNOWN_COLUMN: Final = "unknown_column"
    #: On a header row: a column named a second time (the later one is ignored).
    DUPLICATE_COLUMN: Final = "duplicate_column"
    #: On a header row: there is no ``participant`` column (its rows have no names).
    MISSING_COLUMN: Final = "missing_column"
    #: A data row with a blank participant name.
    MISSING_PARTICIPANT: Final = "missing_participant"
    #: A participant name already used by an earlier row that was kept (compared ignoring
    #: case and spacing); the later row is left out. ``params``: ``first_row``.
    DUPLICATE_PARTICIPANT: Final = "duplicate_participant"
    #: An answer that is not a number (``kolm``, ``x``).
    NOT_A_NUMBER: Final = Code.NOT_A_NUMBER
    #: ``nan`` or ``inf``.
    NOT_FINITE: Final = Code.NOT_FINITE
    #: A number with a fraction (``2.5``, ``2,5``).
    NOT_AN_INTEGER: Final = Code.NOT_AN_INTEGER
    #: A whole number outside 1-4; ``params``: ``min``, ``max``.
    OUT_OF_RANGE: Final = Code.OUT_OF_RANGE


#: Every code an :class:`ImportProblem` can carry.
PROBLEM_CODES: Final = frozenset(
    value for name, value in vars(ProblemCode).items() if name.isupper() and isinstance(value, str)
)


@dataclass(frozen=True)
class ImportProblem:
    """One problem found while importing a team file (see the module docstring)."""

    row: int
    column: str | None
    code: str
    value: str
    params: Mapping[str, ParamValue] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class TeamImport:
    """The participants read from a team file and the problems found in it."""

    #: The rows that were used, in file order.
    participants: tuple[ParticipantAnswers, ...]
    #: The problems, in file order.
    problems: tuple[ImportProblem, ...]
    #: How many non-blank rows other than header rows the file has (used or not).
    data_rows: int
    #: The rows read as header rows, repeated ones included.
    header_rows: tuple[int, ...]


def clean_name(text: str) -> str:
    """A participant name as compared and stored: no byte order mark, white space collapsed."""
    return " ".join(text.replace(_BOM, "").split())


def _clean(cell: str) -> str:
    return cell.replace(_BOM, "").strip()


def _quote(text: str) -> str:
    if _NEEDS_QUOTES.isdisjoint(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def to_csv(
    aspects: Sequence[str],
    answers: Mapping[str, int | str | None],
    participant: str,
    *,
    delimiter: str = ",",
) -> str:
    """One participant's answers as CSV text: a header row and one data row.

    :param aspects: The aspect ids in display order; they become the columns.
    :param answers: Answers by aspect id, checked as by
        :func:`~calculators.assessment.scoring.score_assessment`.
    :param participant: The participant's name, tidied by :func:`clean_name`; one that
        begins like a formula gets an apostrophe in front
        (:func:`~calculators.spreadsheet.text_cell`).
    :param delimiter: ``","`` (the default) or ``";"``.
    :raises CalculatorError: the errors of
        :func:`~calculators.assessment.scoring.score_assessment`; ``invalid_option``
        (``field`` ``"delimiter"``, ``params``: ``allowed``); ``wrong_type`` or ``missing``
        (``field`` ``"participant"``) for a name that is not text or is blank.
    """
    ids = check_aspects(aspects)
    values = read_answers(ids, answers)
    if delimiter not in DELIMITERS:
        raise CalculatorError(
            Code.INVALID_OPTION,
            field="delimiter",
            values=[delimiter],
            params={"allowed": DELIMITERS},
        )
    if not isinstance(participant, str):
        raise CalculatorError(
            Code.WRONG_TYPE, field=PARTICIPANT, values=[participant], params={"expected": "text"}
        )
    name = clean_name(participant)
    if not name:
        raise CalculatorError(Code.MISSING, field=PARTICIPANT)
    header = delimiter.join([PARTICIPANT, *ids])
    # Only the name is text; the answers are whole numbers 1-4 and stay numbers.
    answers_cells = ("" if value is None else str(value) for value in values)
    row = delimiter.join([_quote(text_cell(name)), *answers_cells])
    return header + LINE_END + row + LINE_END


def split_record(lines: Sequence[str], start: int, delimiter: str) -> tuple[list[str] | None, int]:
    """The raw cells of the record that begins on ``lines[start]``, and the next line index.

    A quoted field may go on over the following lines. When a quote is never closed the cells
    are ``None`` and the next index is ``start + 1``, so that reading goes on with the next
    line.
    """
    line = lines[start]
    if '"' not in line:
        return line.split(delimiter), start + 1
    cells: list[str] = []
    index = start
    position = 0
    while True:
        probe = position
        while probe < len(line) and line[probe] in _BEFORE_QUOTE:
            probe += 1
        parts: list[str] = []
        if probe < len(line) and line[probe] == '"':
            position = probe + 1
            while True:
                close = line.find('"', position)
                if close < 0:
                    parts.append(line[position:] + "\n")
                    index += 1
                    if index >= len(lines):
                        return None, start + 1
                    line = lines[index]
                    position = 0
                elif line.startswith('"', close + 1):
                    parts.append(line[position : close + 1])
                    position = close + 2
                else:
                    parts.append(line[position:close])
                    position = close + 1
                    break
        end = line.find(delimiter, position)
        # Text after a closing quote is kept, as spreadsheets do.
        parts.append(line[position:] if end < 0 else line[position:end])
        cells.append("".join(parts))
        if end < 0:
            return cells, index + 1
        position = end + 1


def _is_number(cell: str) -> bool:
    reading = read_integer_token(cell)
    return isinstance(reading, int) or reading == Code.NOT_AN_INTEGER


class _TeamReader:
    """The state of one import: the current header, the rows kept and the problems."""

    def __init__(self, ids: tuple[str, ...]) -> None:
        self.ids = ids
        self.known = frozenset(ids)
        self.delimiter = DELIMITERS[0]
        self.columns: list[str | None] | None = None
        self.header_cells: list[str] | None = None
        self.participants: list[ParticipantAnswers] = []
        self.kept: dict[str, int] = {}
        self.problems: list[ImportProblem] = []
        self.data_rows = 0
        self.header_rows: list[int] = []
        self.seen = False

    def problem(
        self,
        row: int,
        column: str | None,
        code: str,
        value: str,
        params: Mapping[str, ParamValue] | None = None,
    ) -> None:
        self.problems.append(
            ImportProblem(
                row, column, code, render_value(value), MappingProxyType(dict(params or {}))
            )
        )

    def is_header(self, cells: list[str]) -> bool:
        filled = [cell for cell in cells if cell]
        if len(filled) < 2:
            return False
        names = {cell.lower() for cell in filled}
        if PARTICIPANT not in names and names.isdisjoint(self.known):
            return False
        return not any(_is_number(cell) for cell in filled)

    def header_at(self, lines: Sequence[str], start: int) -> tuple[list[str], int, str] | None:
        """The cleaned cells, next index and delimiter if a header row begins at ``start``."""
        lowered = lines[start].lower()
        if PARTICIPANT not in lowered and not any(aspect in lowered for aspect in self.ids):
            return None
        best: tuple[list[str], int, str] | None = None
        for delimiter in DELIMITERS:
            raw, following = split_record(lines, start, delimiter)
            if raw is None:
                continue
            cells = [_clean(cell) for cell in raw]
            if self.is_header(cells) and (best is None or len(cells) > len(best[0])):
                best = (cells, following, delimiter)
        return best

    def header(self, row: int, cells: list[str], delimiter: str) -> None:
        self.header_rows.append(row)
        self.delimiter = delimiter
        while cells and not cells[-1]:
            cells = cells[:-1]
        lowered = [cell.lower() for cell in cells]
        if lowered == self.header_cells:
            return
        self.header_cells = lowered
        columns: list[str | None] = []
        for cell, name in zip(cells, lowered, strict=True):
            if not name:
                columns.append(None)
            elif name != PARTICIPANT and name not in self.known:
                self.problem(row, cell, ProblemCode.UNKNOWN_COLUMN, cell)
                columns.append(_IGNORED)
            elif name in columns:
                self.problem(row, name, ProblemCode.DUPLICATE_COLUMN, cell)
                columns.append(_IGNORED)
            else:
                columns.append(name)
        if PARTICIPANT not in columns:
            self.problem(row, PARTICIPANT, ProblemCode.MISSING_COLUMN, "")
        self.columns = columns

    def data(self, row: int, cells: list[str], line: str) -> None:
        self.data_rows += 1
        columns = self.columns
        if columns is None:
            self.problem(row, None, ProblemCode.MISSING_HEADER, line)
            return
        width = len(columns)
        if len(cells) < width or any(cells[width:]):
            params = {"expected": width, "found": len(cells)}
            missing = (columns[len(cells)] or None) if len(cells) < width else None
            self.problem(row, missing, ProblemCode.WRONG_FIELD_COUNT, line, params)
            return
        before = len(self.problems)
        name = (
            clean_name(read_text_cell(cells[columns.index(PARTICIPANT)]))
            if PARTICIPANT in columns
            else ""
        )
        key = name.casefold()
        if not name:
            self.problem(row, PARTICIPANT, ProblemCode.MISSING_PARTICIPANT, "")
        elif key in self.kept:
            self.problem(
                row,
                PARTICIPANT,
                ProblemCode.DUPLICATE_PARTICIPANT,
                name,
                {"first_row": self.kept[key]},
            )
        answers: dict[str, int | None] = dict.fromkeys(self.ids)
        for column, cell in zip(columns, cells, strict=False):
            if column in (PARTICIPANT, _IGNORED):
                continue
            if column is None:
                if cell:
                    self.problem(row, None, ProblemCode.UNKNOWN_COLUMN, cell)
                continue
            answer = read_answer(cell)
            if isinstance(answer, str):
                self.problem(row, column, answer, cell, answer_problem_params(answer))
            else:
                answers[column] = answer
        if len(self.problems) == before:
            self.kept[key] = row
            self.participants.append(ParticipantAnswers(name, row, MappingProxyType(answers)))

    def result(self) -> TeamImport:
        return TeamImport(
            tuple(self.participants),
            tuple(self.problems),
            self.data_rows,
            tuple(self.header_rows),
        )


def read_team_csv(aspects: Sequence[str], text: str) -> TeamImport:
    """Read a team's CSV exports, pasted or uploaded (see the module docstring).

    :param aspects: The aspect ids in display order.
    :param text: The file's text, one export or many concatenated.
    :returns: The participants of the rows without problems, and the problems.
    :raises CalculatorError: ``empty``, ``wrong_type`` or ``input_too_long`` (``field``
        ``"csv"``), or an error of
        :func:`~calculators.assessment.scoring.check_aspects`.
    """
    reader = _TeamReader(check_aspects(aspects))
    lines = _LINE_BREAK.split(check_text(text, "csv"))
    index = 0
    while index < len(lines):
        row = index + 1
        header = reader.header_at(lines, index)
        if header is not None:
            cells, index, delimiter = header
            reader.seen = True
            reader.header(row, cells, delimiter)
            continue
        if not lines[index].strip(_NOTHING):
            index += 1
            continue
        raw, index = split_record(lines, index, reader.delimiter)
        if raw is None:
            reader.seen = True
            reader.data_rows += 1
            reader.problem(row, None, ProblemCode.UNCLOSED_QUOTE, lines[row - 1])
            continue
        cells = [_clean(cell) for cell in raw]
        if any(cells):
            reader.seen = True
            reader.data(row, cells, lines[row - 1])
    if not reader.seen:
        raise CalculatorError(Code.EMPTY, field="csv")
    return reader.result()
