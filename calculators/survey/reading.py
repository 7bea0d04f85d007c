"""Reading a survey export: CSV in any usual encoding and delimiter, or an Excel .xlsx file.

:func:`read_table` takes the bytes of a file (or text) and returns a :class:`Table`: the
header, the data rows with their row numbers, and the problems met. It never raises for bad
input; a file that cannot be read at all gives a table without rows and a *fatal* problem.

**Kind of file.** Bytes starting with ``PK`` (a zip archive) are read as an .xlsx workbook by
:mod:`calculators.survey.xlsx`, which is imported only then. The old binary .xls format and
other binary files (PDF, images) are reported as such. Everything else is CSV text.

**Encoding** (``encoding="auto"``, or one of :data:`ENCODINGS` to choose):

1. A byte order mark decides: UTF-8, UTF-16 little- or big-endian.
2. Without one, a UTF-16 text is recognised by its zero bytes (every other byte of Latin
   text is zero).
3. Otherwise the bytes are UTF-8 if they decode as UTF-8 (text in another encoding almost
   never does).
4. Otherwise they are Windows-1257 (Baltic, which Estonian Windows and Excel write) or
   Windows-1252 (Western European). The two agree on õ, ä, ö and ü and differ on š and ž
   (1257: ``F0 FE D0 DE``, where 1252 has ð þ Ð Þ; 1252: ``9A 9E 8A 8E``, which 1257
   lacks), so the one that gives more Estonian letters and fewer implausible ones wins; a
   tie goes to Windows-1252.

Bytes that the chosen encoding cannot decode become U+FFFD and are reported once
(``undecodable_bytes``).

**Delimiter** (``delimiter="auto"``, or ``","``, ``";"``, ``"\\t"``): each candidate splits
the first 50 records; the one that gives the header at least two fields and the most records
of the header's width wins (ties: tab, then semicolon, then comma). A file with one column has
no delimiter to find and is read with the comma.

**Rows.** Fields may be quoted (RFC 4180: ``""`` inside, line breaks inside). The first
non-blank record is the header; row numbers are those a spreadsheet shows, the header's
included (row 1 when the file starts with it); blank rows are skipped but counted. A row
shorter than the header is filled with blank cells; a row with non-blank cells beyond the
header's columns is shifted and left out (``extra_fields``). Cells are kept as written;
:mod:`calculators.survey.analysis` trims them.
"""

from __future__ import annotations

import csv
import io
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final

from calculators.survey.problems import ProblemCode, Problems

#: The largest file read (bytes); the page refuses a larger one before reading it.
MAX_FILE_BYTES: Final = 20 * 1024 * 1024
#: The most data rows read from one file.
MAX_ROWS: Final = 200_000
#: The most columns read from one file.
MAX_COLUMNS: Final = 1000
#: The encodings that can be chosen; ``auto`` detects (see the module docstring).
ENCODINGS: Final = ("auto", "utf-8", "utf-16", "cp1257", "cp1252")
#: The delimiters that can be chosen by name; ``auto`` detects.
DELIMITERS: Final = {"auto": None, "comma": ",", "semicolon": ";", "tab": "\t"}
#: Candidates in the order that breaks ties.
_CANDIDATES: Final = ("\t", ";", ",")
_SAMPLE_RECORDS: Final = 50
_SAMPLE_CHARS: Final = 256 * 1024

_ZIP: Final = b"PK\x03\x04"
_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_STARTS: Final = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"7z\xbc\xaf")
#: Letters that make a Windows-1257 or -1252 reading plausible, and ones that do not.
_ESTONIAN: Final = frozenset("šžŠŽõäöüÕÄÖÜ")
_IMPLAUSIBLE: Final = frozenset("ðþÐÞ¨¸¯ˇ˛\ufffd")
_INVISIBLE: Final = "\ufeff\u200b"


@dataclass(frozen=True, eq=False)
class Table:
    """A survey file as read: header, data rows and what was wrong with it.

    ``rows`` hold the cells as written, each row exactly as wide as ``header``;
    ``row_numbers[i]`` is the row number of ``rows[i]``.
    """

    #: ``"csv"`` or ``"xlsx"``.
    format: str
    #: The encoding the text was read in (CSV only).
    encoding: str | None
    #: Whether the file started with a byte order mark.
    bom: bool
    #: The delimiter (CSV only).
    delimiter: str | None
    #: The name of the worksheet read (.xlsx only).
    sheet: str | None
    header: tuple[str, ...]
    header_row: int
    rows: list[list[str]]
    row_numbers: array[int]
    problems: Problems = field(default_factory=Problems)

    @property
    def fatal(self) -> bool:
        return self.problems.fatal


def _empty(problems: Problems, kind: str = "csv", **known: str | bool | None) -> Table:
    return Table(
        format=kind,
        encoding=known.get("encoding") if isinstance(known.get("encoding"), str) else None,  # type: ignore[arg-type]
        bom=bool(known.get("bom")),
        delimiter=None,
        sheet=None,
        header=(),
        header_row=0,
        rows=[],
        row_numbers=array("l"),
        problems=problems,
    )


# --- encodings ------------------------------------------------------------------------------


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when every other byte of the start is zero."""
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zeros > 0.4 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.4 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _plausibility(text: str) -> int:
    score = 0
    for char in set(text):
        if char in _ESTONIAN:
            score += text.count(char)
        elif char in _IMPLAUSIBLE:
            score -= 2 * text.count(char)
    return score


def _windows_code_page(data: bytes) -> str:
    """``cp1257`` or ``cp1252``, whichever reads ``data`` as more plausible text."""
    best, best_score = "cp1252", None
    for encoding in ("cp1252", "cp1257"):
        text = data.decode(encoding, errors="replace")
        score = _plausibility(text)
        if best_score is None or score > best_score:
            best, best_score = encoding, score
    return best


def detect_encoding(data: bytes) -> tuple[str, bool]:
    """The encoding of ``data`` (see the module docstring) and whether it has a BOM."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8", True
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", True
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return _windows_code_page(data), False
    return "utf-8", False


def decode(data: bytes, choice: str, problems: Problems) -> tuple[str, str, bool]:
    """``(text, encoding, bom)`` of ``data`` in the chosen or detected encoding."""
    if choice == "auto":
        encoding, bom = detect_encoding(data)
    else:
        encoding = choice
        bom = data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        problems.get(ProblemCode.UNDECODABLE_BYTES, encoding=encoding).add(None)
    return text.removeprefix("\ufeff"), encoding, bom


# --- delimiters ----------------------------------------------------------------------------


def _sample_records(text: str, delimiter: str) -> list[list[str]]:
    records: list[list[str]] = []
    try:
        for record in csv.reader(
            io.StringIO(text[:_SAMPLE_CHARS], newline=""), delimiter=delimiter
        ):
            if any(cell.strip() for cell in record):
                records.append(record)
            if len(records) >= _SAMPLE_RECORDS:
                break
    except csv.Error:
        pass
    return records


def detect_delimiter(text: str) -> str:
    """The delimiter of CSV ``text`` (see the module docstring)."""
    best = ","
    best_key: tuple[float, int] = (0.0, 1)
    for candidate in _CANDIDATES:
        records = _sample_records(text, candidate)
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        body = records[1:] or records
        agreeing = sum(1 for record in body if len(record) == width) / len(body)
        key = (agreeing, width)
        if key > best_key:
            best, best_key = candidate, key
    return best


# --- records into a table ------------------------------------------------------------------


def _csv_records(text: str, delimiter: str, problems: Problems) -> Iterator[tuple[int, list[str]]]:
    """``(row number, cells)`` of each record; unreadable records become problems."""
    reader = iter(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:
            number += 1
            problems.add(ProblemCode.UNREADABLE_ROW, number)
            if problems.get(ProblemCode.UNREADABLE_ROW).count > MAX_ROWS:
                return
            continue
        number += 1
        yield number, record


def _header_cell(cell: str) -> str:
    return cell.strip().strip(_INVISIBLE).strip()


def table_from_records(
    records: Iterable[tuple[int, list[str]]],
    problems: Problems,
    *,
    kind: str,
    encoding: str | None = None,
    bom: bool = False,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> Table:
    """The :class:`Table` of ``(row number, cells)`` records: the first non-blank is the header."""
    header: list[str] | None = None
    header_row = 0
    rows: list[list[str]] = []
    numbers: array[int] = array("l")
    width = 0
    for number, record in records:
        if header is None:
            if not any(cell.strip() for cell in record):
                continue
            header = [_header_cell(cell) for cell in record]
            while len(header) > 1 and not header[-1]:
                header.pop()  # trailing delimiters after the last column name
            width = len(header)
            header_row = number
            if width > MAX_COLUMNS:
                problems.add(ProblemCode.TOO_MANY_COLUMNS, limit=MAX_COLUMNS)
                break
            continue
        size = len(record)
        if size != width:
            if size < width:
                if not any(cell.strip() for cell in record):
                    continue
                record.extend([""] * (width - size))
            elif any(cell.strip() for cell in record[width:]):
                if any(cell.strip() for cell in record):
                    problems.add(ProblemCode.EXTRA_FIELDS, number, expected=width)
                continue
            else:
                del record[width:]
        elif not "".join(record).strip():
            continue
        if len(rows) >= MAX_ROWS:
            problems.add(ProblemCode.TOO_MANY_ROWS, limit=MAX_ROWS)
            rows, numbers = [], array("l")
            break
        rows.append(record)
        numbers.append(number)
    if header is None and not problems.fatal:
        problems.add(ProblemCode.EMPTY_FILE)
    elif not rows and not problems.fatal and not problems.left_out():
        problems.add(ProblemCode.NO_DATA_ROWS)
    return Table(
        format=kind,
        encoding=encoding,
        bom=bom,
        delimiter=delimiter,
        sheet=sheet,
        header=tuple(header or ()),
        header_row=header_row,
        rows=rows if not problems.fatal else [],
        row_numbers=numbers if not problems.fatal else array("l"),
        problems=problems,
    )


def _binary_kind(data: bytes) -> str | None:
    """The fatal problem of a file that is not a table, if it is one of those."""
    if data.startswith(_OLE):
        return ProblemCode.OLD_EXCEL_FORMAT
    if data.startswith(_BINARY_STARTS):
        return ProblemCode.NOT_A_TABLE
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for char in sample if char < " " and char not in "\t\r\n")
    return controls > max(2, len(sample) // 100)


def read_table(data: bytes | str, *, encoding: str = "auto", delimiter: str = "auto") -> Table:
    """Read a CSV or .xlsx file (its bytes, or CSV text) into a :class:`Table`.

    :param encoding: ``"auto"`` or one of :data:`ENCODINGS` (ignored for text and .xlsx).
    :param delimiter: ``"auto"``, ``","``, ``";"`` or ``"\\t"`` (ignored for .xlsx).
    """
    problems = Problems()
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if len(raw) > MAX_FILE_BYTES:
            problems.add(
                ProblemCode.FILE_TOO_LARGE,
                limit=MAX_FILE_BYTES,
                limit_mb=MAX_FILE_BYTES // 2**20,
                size=len(raw),
            )
            return _empty(problems)
        if not raw.strip():
            problems.add(ProblemCode.EMPTY_FILE)
            return _empty(problems)
        if raw.startswith(_ZIP):
            from calculators.survey.xlsx import read_xlsx  # only when a workbook is chosen

            return read_xlsx(raw, problems)
        binary = _binary_kind(raw)
        if binary is not None:
            problems.add(binary)
            return _empty(problems)
        text, used, bom = decode(raw, encoding if encoding in ENCODINGS else "auto", problems)
    else:
        text, used, bom = data.removeprefix("\ufeff"), None, data.startswith("\ufeff")
        if len(text) > MAX_FILE_BYTES:
            problems.add(
                ProblemCode.FILE_TOO_LARGE,
                limit=MAX_FILE_BYTES,
                limit_mb=MAX_FILE_BYTES // 2**20,
                size=len(text),
            )
            return _empty(problems)
    if _looks_binary(text):
        problems.add(ProblemCode.NOT_A_TABLE)
        return _empty(problems, encoding=used, bom=bom)
    chosen = delimiter if delimiter in _CANDIDATES else detect_delimiter(text)
    return table_from_records(
        _csv_records(text, chosen, problems),
        problems,
        kind="csv",
        encoding=used,
        bom=bom,
        delimiter=chosen,
    )
