"""A small reader of Excel workbooks (.xlsx): the first worksheet's cells as text.

Standard library only (:mod:`zipfile`, :mod:`re`, :mod:`xml.etree.ElementTree`), imported by
:func:`~calculators.survey.reading.read_table` only when a file is a zip archive, so reading a
CSV never waits for it. It reads what a survey export holds and nothing more:

* the first visible worksheet in the workbook's tab order (``xl/workbook.xml`` and its
  relationships; ``xl/worksheets/sheet1.xml`` when they are missing);
* shared strings (``xl/sharedStrings.xml``, rich-text runs joined, phonetic runs left out),
  inline strings, formula results (``t="str"``), booleans (``TRUE``/``FALSE``) and error
  values (``#N/A``) as written;
* numbers as Excel stores them (``9``, ``4.5``);
* numbers in a date format (built-in formats 14-17, 22, 27-36, 50-58 or a custom format with
  day or year parts, from ``xl/styles.xml``) as ISO dates, ``2024-03-15`` (with the time,
  ``2024-03-15T09:30:00``, when there is one), from serials in the 1900 or 1904 date system;
* row numbers as the sheet gives them (``<row r="5">``), so problems name the rows Excel
  shows.

**Speed.** Excel, LibreOffice, Google Sheets and openpyxl all write cells the same way
(``<c r="B2" s="1" t="s"><v>0</v></c>``, attributes in this order). Such rows are read with
one regular expression per row, about ten times faster than walking the XML tree; a sheet
written in any other form (prefixed tags, other attribute orders) is read with
:func:`xml.etree.ElementTree.iterparse` instead, which gives the same cells.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from io import BytesIO
from posixpath import join, normpath
from typing import Final
from xml.etree import ElementTree

from calculators.survey.problems import ProblemCode, Problems
from calculators.survey.reading import MAX_COLUMNS, Table, table_from_records

#: The most bytes of XML unpacked from one part of a workbook.
MAX_PART_BYTES: Final = 200 * 1024 * 1024
_MAIN: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_DATE_FORMATS: Final = frozenset({14, 15, 16, 17, 22, *range(27, 37), *range(50, 59)})
_EPOCH_1900: Final = datetime(1899, 12, 30)
_EPOCH_1904: Final = datetime(1904, 1, 1)

_CHUNK: Final = 1 << 20
_SIMPLE_STRING: Final = re.compile(r'<si><t(?: xml:space="preserve")?>([^<]*)</t></si>')
_CELL: Final = re.compile(
    r'<c r="([A-Z]{1,3})(\d+)"(?: s="(\d+)")?(?: t="(\w+)")?([^>/]*)'
    r"(?:/>|>(?:<v>([^<]*)</v>)?(.*?)</c>)",
    re.S,
)
_VALUE: Final = re.compile(r"<v(?:\s[^>]*)?>(.*?)</v>", re.S)
_TEXT: Final = re.compile(r"<t(?:\s[^>]*)?>(.*?)</t>", re.S)
_PHONETIC: Final = re.compile(r"<rPh\b.*?</rPh>", re.S)
_QUOTED: Final = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


class _Unreadable(Exception):
    """The workbook cannot be read (the caller reports ``unreadable_workbook``)."""


def _tag(element: ElementTree.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise _Unreadable(name)
    return archive.read(info)


def _xml(data: bytes) -> ElementTree.Element:
    if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data[:2048]:
        raise _Unreadable("document type declarations are not read")
    return ElementTree.fromstring(data)


def _first_sheet(archive: zipfile.ZipFile) -> tuple[str, str, bool]:
    """``(part name, sheet name, 1904 date system)`` of the first visible worksheet."""
    workbook = _part(archive, "xl/workbook.xml")
    if workbook is None:
        if "xl/worksheets/sheet1.xml" in archive.namelist():
            return "xl/worksheets/sheet1.xml", "Sheet1", False
        raise _Unreadable("no xl/workbook.xml")
    root = _xml(workbook)
    date1904 = any(
        _tag(element) == "workbookPr" and element.get("date1904") in {"1", "true"}
        for element in root.iter()
    )
    sheets = [element for element in root.iter() if _tag(element) == "sheet"]
    visible = [sheet for sheet in sheets if sheet.get("state") not in {"hidden", "veryHidden"}]
    if not visible:
        raise _Unreadable("no worksheet")
    sheet = visible[0]
    name = sheet.get("name") or "Sheet1"
    relation = sheet.get(f"{{{_REL}}}id")
    rels = _part(archive, "xl/_rels/workbook.xml.rels")
    if relation and rels is not None:
        for element in _xml(rels).iter(f"{{{_PACKAGE_REL}}}Relationship"):
            if element.get("Id") == relation:
                target = element.get("Target") or ""
                path = target.lstrip("/") if target.startswith("/") else join("xl", target)
                return normpath(path), name, date1904
    return "xl/worksheets/sheet1.xml", name, date1904


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    data = _part(archive, "xl/sharedStrings.xml")
    if data is None:
        return []
    if b"<si>" in data and b"UTF-16" not in data[:100]:
        text = data.decode("utf-8")
        simple = _SIMPLE_STRING.findall(text)
        if len(simple) == text.count("<si>") + text.count("<si "):
            return [html.unescape(item) if "&" in item else item for item in simple]
    strings: list[str] = []
    for item in _xml(data):
        if _tag(item) != "si":
            continue
        parts: list[str] = []
        for element in item.iter():
            name = _tag(element)
            if name == "rPh":
                break  # phonetic runs come last and are not part of the text
            if name == "t" and element.text:
                parts.append(element.text)
        strings.append("".join(parts))
    return strings


def _is_date_format(code: str) -> bool:
    plain = _QUOTED.sub("", code).lower()
    return "d" in plain or "y" in plain


def _date_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The indices of the cell formats (``s="..."``) that show a date."""
    data = _part(archive, "xl/styles.xml")
    if data is None:
        return frozenset()
    root = _xml(data)
    custom = {
        int(element.get("numFmtId") or -1): element.get("formatCode") or ""
        for element in root.iter()
        if _tag(element) == "numFmt"
    }
    styles: set[int] = set()
    for container in root.iter():
        if _tag(container) != "cellXfs":
            continue
        for index, xf in enumerate(child for child in container if _tag(child) == "xf"):
            number = int(xf.get("numFmtId") or 0)
            if number in _DATE_FORMATS or (number in custom and _is_date_format(custom[number])):
                styles.add(index)
    return frozenset(styles)


def _column_index(letters: str, cache: dict[str, int]) -> int:
    index = cache.get(letters)
    if index is None:
        index = 0
        for letter in letters:
            index = index * 26 + ord(letter) - 64
        index = cache[letters] = index - 1
    return index


class _Cells:
    """Turns a cell's type, style and raw value into its text."""

    def __init__(self, strings: list[str], date_styles: frozenset[int], date1904: bool) -> None:
        self.strings = strings
        self.date_styles = date_styles
        self.epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
        self.dates: dict[str, str] = {}

    def text(self, kind: str | None, style: str | None, raw: str) -> str:
        if kind == "s":
            try:
                return self.strings[int(raw)]
            except (ValueError, IndexError):
                return ""
        if kind in {None, "", "n"}:
            if style and raw and int(style) in self.date_styles:
                return self.date(raw)
            return raw
        if kind == "b":
            return "TRUE" if raw.strip() == "1" else "FALSE"
        return html.unescape(raw) if "&" in raw else raw

    def date(self, raw: str) -> str:
        known = self.dates.get(raw)
        if known is not None:
            return known
        try:
            serial = float(raw)
        except ValueError:
            return raw
        if not 0 <= serial < 2_958_466:  # up to 9999-12-31
            return raw
        if self.epoch is _EPOCH_1900 and serial < 61:
            serial += 1  # Excel counts a 29 February 1900 that never was
        moment = self.epoch + timedelta(days=serial)
        moment = moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))
        text = (
            moment.date().isoformat()
            if moment.time() == datetime.min.time()
            else moment.isoformat(timespec="seconds")
        )
        self.dates[raw] = text
        return text


def _place(row: list[str], index: int, text: str) -> None:
    if index >= MAX_COLUMNS:
        if not text.strip():
            return
        index = MAX_COLUMNS  # beyond any header: the row is reported as shifted
    if index >= len(row):
        row.extend([""] * (index - len(row) + 1))
    row[index] = text


def _letters(index: int) -> str:
    """The column letters of a 0-based column index (0 is ``A``, 26 is ``AA``)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _fast_rows(xml: str, cells: _Cells) -> list[tuple[int, list[str]]] | None:
    """Every row read with one regular expression over all cells, or ``None`` if the sheet is
    not written in the usual form (then :func:`_tree_rows` reads it).

    The loop is the hot path of a large workbook: a cell holding just ``<v>...</v>`` in the
    column after the last one placed is appended without further work. Rows come from the
    cells' own references (``B12`` is in row 12); a row without cells is blank anyway.
    """
    start = xml.find("<sheetData")
    if start < 0:
        return None if "sheetData" in xml else []
    if "</sheetData>" not in xml and "<sheetData/>" not in xml:
        return None  # cut short: the XML parser says what is wrong
    rows: list[tuple[int, list[str]]] = []
    letters: dict[str, int] = {}
    expected = [_letters(index) for index in range(64)]
    strings = cells.strings
    dates = cells.dates
    date_styles = {str(style) for style in cells.date_styles}
    current = ""
    row: list[str] = []
    for found in _cells_in_chunks(xml, start):
        if found is None:
            return None  # a cell the expression does not read
        for column, number, style, kind, rest, value, inner in found:
            if number != current:
                if rows and int(number) <= rows[-1][0]:
                    return None  # rows out of order
                current = number
                row = []
                rows.append((int(number), row))
            if rest and (" s=" in rest or " t=" in rest):
                return None  # attributes in another order
            if inner:  # a formula, an inline string or another form
                text = _inner_text(kind, style, inner, cells)
                if text is None:
                    continue
            elif not value:
                continue
            elif kind == "s":
                try:
                    text = strings[int(value)]
                except (ValueError, IndexError):
                    text = ""
            elif not kind or kind == "n":
                text = (dates.get(value) or cells.date(value)) if style in date_styles else value
            else:
                text = cells.text(kind, style, value)
            position = len(row)
            if position < 64 and expected[position] == column:
                row.append(text)
            else:
                _place(row, _column_index(column, letters), text)
    return rows


def _cells_in_chunks(xml: str, start: int) -> Iterator[list[tuple[str, ...]] | None]:
    """The cells of the sheet, a few thousand rows at a time (each chunk ends after a row), so
    that the matches of a large sheet are never all in memory at once; ``None`` for a chunk
    with a cell the expression does not match."""
    position = start
    while position < len(xml):
        end = xml.find("</row>", position + _CHUNK)
        end = len(xml) if end < 0 else end + len("</row>")
        found: list[tuple[str, ...]] = _CELL.findall(xml, position, end)
        chunk = xml[position:end]
        yield found if len(found) == chunk.count("<c ") + chunk.count("<c>") else None
        position = end


def _inner_text(kind: str, style: str, inner: str, cells: _Cells) -> str | None:
    """The text of a cell whose content is more than one ``<v>`` (``None``: nothing)."""
    if kind == "inlineStr":
        raw = "".join(_TEXT.findall(_PHONETIC.sub("", inner)))
        return html.unescape(raw) if "&" in raw else raw
    value = _VALUE.search(inner)
    if value is None:
        return None
    return cells.text(kind or None, style or None, value.group(1))


def _tree_rows(data: bytes, cells: _Cells) -> Iterator[tuple[int, list[str]]]:
    """Every row read with :func:`xml.etree.ElementTree.iterparse` (any valid form)."""
    number = 0
    letters: dict[str, int] = {}
    for _, element in ElementTree.iterparse(BytesIO(data), events=("end",)):
        if _tag(element) != "row":
            continue
        given = element.get("r")
        number = int(given) if given and given.isdigit() else number + 1
        row: list[str] = []
        position = 0
        for cell in element:
            if _tag(cell) != "c":
                continue
            reference = cell.get("r") or ""
            column = reference.rstrip("0123456789")
            index = _column_index(column, letters) if column.isalpha() else position
            position = index + 1
            kind = cell.get("t")
            if kind == "inlineStr":
                text = "".join(
                    part.text or ""
                    for part in cell.iter()
                    if _tag(part) == "t" and part is not None
                )
                _place(row, index, text)
                continue
            value = next((child.text for child in cell if _tag(child) == "v"), None)
            if value is not None:
                raw = html.escape(value, quote=False) if kind in {"str", "e", "d"} else value
                _place(row, index, cells.text(kind, cell.get("s"), raw))
        element.clear()
        yield number, row


def read_xlsx(data: bytes, problems: Problems | None = None) -> Table:
    """Read the first worksheet of an .xlsx workbook into a :class:`Table`; never raises."""
    problems = problems if problems is not None else Problems()
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            part, sheet, date1904 = _first_sheet(archive)
            cells = _Cells(_shared_strings(archive), _date_styles(archive), date1904)
            xml = _part(archive, part)
            if xml is None:
                raise _Unreadable(f"no {part}")
            fast = _fast_rows(xml.decode("utf-8"), cells) if xml[:100].find(b"UTF-16") < 0 else None
            records = fast if fast is not None else list(_tree_rows(xml, cells))
    except (_Unreadable, zipfile.BadZipFile, ElementTree.ParseError, UnicodeDecodeError):
        problems.add(ProblemCode.UNREADABLE_WORKBOOK)
        return table_from_records((), problems, kind="xlsx")
    except (ValueError, KeyError, EOFError, OSError, NotImplementedError, RuntimeError):
        # a damaged archive, an unsupported compression or an encrypted part
        problems.add(ProblemCode.UNREADABLE_WORKBOOK)
        return table_from_records((), problems, kind="xlsx")
    return table_from_records(records, problems, kind="xlsx", sheet=sheet)
