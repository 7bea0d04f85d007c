"""What can be wrong with a survey file, counted and listed by row.

A survey file is never rejected for a bad row: each row with a problem is counted under the
problem's code and listed by its row number, as a spreadsheet shows it (the header is row 1;
blank rows count). Rows are listed up to :data:`MAX_LISTED_ROWS` per problem, offending
values up to :data:`MAX_LISTED_VALUES` distinct ones; ``count`` always says how many there
were. Only a file that cannot be read at all (empty, too large, not a table) is *fatal*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from calculators.errors import MAX_VALUE_CHARS, ParamValue, render_value

#: At most this many row numbers are listed per problem.
MAX_LISTED_ROWS: Final = 1000
#: At most this many distinct offending values are listed per problem.
MAX_LISTED_VALUES: Final = 10


class ProblemCode:
    """The stable codes of :class:`Problem` (plain strings) and their ``params``."""

    # --- the whole file (fatal: nothing can be analysed) ---
    #: No bytes at all, or nothing but blank lines.
    EMPTY_FILE: Final = "empty_file"
    #: Larger than the limit; ``params``: ``limit`` (bytes), ``limit_mb`` (MiB), ``size``.
    FILE_TOO_LARGE: Final = "file_too_large"
    #: More data rows than the limit; ``params``: ``limit``.
    TOO_MANY_ROWS: Final = "too_many_rows"
    #: More columns than the limit; ``params``: ``limit``.
    TOO_MANY_COLUMNS: Final = "too_many_columns"
    #: A header row and nothing under it.
    NO_DATA_ROWS: Final = "no_data_rows"
    #: A binary file that is neither CSV nor .xlsx (a PDF, an image ...).
    NOT_A_TABLE: Final = "not_a_table"
    #: The old binary Excel format (.xls): save it as .xlsx or CSV.
    OLD_EXCEL_FORMAT: Final = "old_excel_format"
    #: A zip file that is not a readable .xlsx workbook (or a damaged one).
    UNREADABLE_WORKBOOK: Final = "unreadable_workbook"

    # --- the file as a whole (the rest is analysed) ---
    #: Bytes that are not text in the chosen or detected encoding were replaced by U+FFFD;
    #: ``params``: ``encoding``.
    UNDECODABLE_BYTES: Final = "undecodable_bytes"
    #: Slash dates such as 03/04/2024 could be day/month or month/day; read day first.
    AMBIGUOUS_DATES: Final = "ambiguous_dates"
    #: More segments than are shown; ``params``: ``limit``, ``segments``, ``rows`` (in the
    #: segments not shown).
    TOO_MANY_SEGMENTS: Final = "too_many_segments"
    #: More periods than a trend shows (the latest are shown); ``params``: ``limit``.
    TOO_MANY_PERIODS: Final = "too_many_periods"

    # --- rows left out of everything ---
    #: A row the CSV reader cannot read (a field longer than the reader's limit).
    UNREADABLE_ROW: Final = "unreadable_row"
    #: A row with non-blank cells beyond the header's columns (a shifted row).
    EXTRA_FIELDS: Final = "extra_fields"
    #: A blank score cell.
    BLANK_SCORE: Final = "blank_score"
    #: A score that is not a number.
    NOT_A_NUMBER: Final = "not_a_number"
    #: ``nan``, ``inf``.
    NOT_FINITE: Final = "not_finite"
    #: A number with a fraction (``7.5``).
    NOT_AN_INTEGER: Final = "not_an_integer"
    #: A whole number outside the scale; ``params``: ``min``, ``max``.
    OUT_OF_RANGE: Final = "out_of_range"

    # --- rows left out of the trend only ---
    #: A blank date cell.
    BLANK_DATE: Final = "blank_date"
    #: A date that cannot be read or does not exist (31.02.2024).
    INVALID_DATE: Final = "invalid_date"


#: Every code a :class:`Problem` can carry.
PROBLEM_CODES: Final = frozenset(
    value for name, value in vars(ProblemCode).items() if name.isupper() and isinstance(value, str)
)
#: The codes after which nothing can be analysed.
FATAL: Final = frozenset(
    {
        ProblemCode.EMPTY_FILE,
        ProblemCode.FILE_TOO_LARGE,
        ProblemCode.TOO_MANY_ROWS,
        ProblemCode.TOO_MANY_COLUMNS,
        ProblemCode.NO_DATA_ROWS,
        ProblemCode.NOT_A_TABLE,
        ProblemCode.OLD_EXCEL_FORMAT,
        ProblemCode.UNREADABLE_WORKBOOK,
    }
)
#: The codes of rows that are left out of the analysis altogether.
ROW_LEFT_OUT: Final = frozenset(
    {
        ProblemCode.UNREADABLE_ROW,
        ProblemCode.EXTRA_FIELDS,
        ProblemCode.BLANK_SCORE,
        ProblemCode.NOT_A_NUMBER,
        ProblemCode.NOT_FINITE,
        ProblemCode.NOT_AN_INTEGER,
        ProblemCode.OUT_OF_RANGE,
    }
)


@dataclass
class Problem:
    """One kind of problem in a file: how often, in which rows, with which values.

    ``column`` is the header text of the column concerned (``None`` for the whole file or
    row). ``rows`` are row numbers, ``values`` the distinct offending values as written (cut
    to :data:`~calculators.errors.MAX_VALUE_CHARS` characters).
    """

    code: str
    column: str | None = None
    count: int = 0
    rows: list[int] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    params: dict[str, ParamValue] = field(default_factory=dict)

    def add(self, row: int | None, value: object = None) -> None:
        """Count one more occurrence, in ``row``, of ``value`` (``None``: no value to show)."""
        self.count += 1
        if row is not None and len(self.rows) < MAX_LISTED_ROWS:
            self.rows.append(row)
        if value is not None and len(self.values) < MAX_LISTED_VALUES:
            shown = render_value(value)
            if shown not in self.values:
                self.values.append(shown[:MAX_VALUE_CHARS])

    @property
    def fatal(self) -> bool:
        return self.code in FATAL


class Problems:
    """The problems of one reading or analysis, in the order they were first met."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str | None], Problem] = {}

    def get(self, code: str, column: str | None = None, **params: ParamValue) -> Problem:
        """The problem of ``code`` in ``column``, made on first use with ``params``."""
        key = (code, column)
        problem = self._by_key.get(key)
        if problem is None:
            problem = self._by_key[key] = Problem(code, column, params=dict(params))
        return problem

    def add(
        self,
        code: str,
        row: int | None = None,
        value: object = None,
        *,
        column: str | None = None,
        **params: ParamValue,
    ) -> Problem:
        """Count one occurrence; see :meth:`Problem.add`."""
        problem = self.get(code, column, **params)
        problem.add(row, value)
        return problem

    def extend(self, other: Problems) -> None:
        """Take over the problems of ``other`` (used for a file's problems in an analysis)."""
        for key, problem in other._by_key.items():
            if key not in self._by_key:
                self._by_key[key] = problem

    @property
    def fatal(self) -> bool:
        return any(problem.fatal for problem in self._by_key.values())

    def listed(self) -> tuple[Problem, ...]:
        """Every problem: fatal ones first, then in the order met."""
        problems = list(self._by_key.values())
        return tuple(sorted(problems, key=lambda problem: not problem.fatal))

    def left_out(self) -> int:
        """How many rows were left out of the analysis altogether."""
        return sum(
            problem.count for problem in self._by_key.values() if problem.code in ROW_LEFT_OUT
        )
