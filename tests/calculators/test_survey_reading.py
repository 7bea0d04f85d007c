"""Reading survey exports: encodings, delimiters, quoting, row numbers, .xlsx, bad files."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.survey_data import LANGUAGES, rows, to_csv, to_xlsx
from calculators.survey import reading
from calculators.survey.problems import ProblemCode
from calculators.survey.reading import detect_encoding, read_table
from calculators.survey.xlsx import read_xlsx

HEADER = ["Kuupäev", "Esindus", "Soovitus"]
BODY = [
    ["01.03.2024", "Männi", "9"],
    ["02.03.2024", "Õuna; keskus", "10"],
    ["03.03.2024", "Šokolaadi", "6"],
    ["04.03.2024", "Žirafi", "7"],
]


def text(delimiter: str = ";", body: list[list[str]] = BODY) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([HEADER, *body])
    return buffer.getvalue()


def problem(table: reading.Table, code: str) -> reading.Problems | None:
    found = [p for p in table.problems.listed() if p.code == code and p.count]
    return found[0] if found else None  # type: ignore[return-value]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_delimiter_is_detected_and_quoted_fields_keep_theirs(delimiter: str) -> None:
    table = read_table(text(delimiter).encode())
    assert table.delimiter == delimiter
    assert table.header == tuple(HEADER)
    assert table.rows == BODY
    assert list(table.row_numbers) == [2, 3, 4, 5]


@pytest.mark.parametrize(
    ("encoding", "prefix", "name"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8"),
        ("utf-16-le", b"\xff\xfe", "utf-16"),
        ("utf-16-be", b"\xfe\xff", "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
        ("cp1257", b"", "cp1257"),
    ],
)
def test_encodings_are_detected(encoding: str, prefix: bytes, name: str) -> None:
    data = prefix + text().encode(encoding)
    table = read_table(data)
    assert (table.encoding, table.bom) == (name, bool(prefix))
    assert table.rows == BODY
    assert table.header == tuple(HEADER)


def test_windows_1252_is_told_from_1257_by_its_estonian_letters() -> None:
    # Š and Ž exist in both code pages at different bytes; õ, ä, ö, ü are the same bytes.
    western = "Esindus;Soovitus\r\nŠokolaadi;9\r\nŽirafi;8\r\nPäike;7\r\n".encode("cp1252")
    baltic = western.decode("cp1252").encode("cp1257")
    assert detect_encoding(western) == ("cp1252", False)
    assert detect_encoding(baltic) == ("cp1257", False)
    for data in (western, baltic):
        assert [row[0] for row in read_table(data).rows] == ["Šokolaadi", "Žirafi", "Päike"]


def test_a_chosen_encoding_wins_and_undecodable_bytes_are_reported() -> None:
    data = text().encode("cp1257")
    assert read_table(data, encoding="cp1257").rows == BODY
    table = read_table(data, encoding="utf-8")
    assert problem(table, ProblemCode.UNDECODABLE_BYTES) is not None
    assert len(table.rows) == 4


def test_quoted_line_breaks_and_quotes_stay_in_their_cell() -> None:
    data = 'Esindus,Kommentaar,Soovitus\r\nMänni,"Rida üks\nrida ""kaks""",9\r\n\r\nÕuna,,8\r\n'
    table = read_table(data.encode())
    assert table.rows == [["Männi", 'Rida üks\nrida "kaks"', "9"], ["Õuna", "", "8"]]
    # spreadsheet rows: the header is 1, the quoted line break stays in row 2, row 3 is blank
    assert list(table.row_numbers) == [2, 4]


def test_row_numbers_count_leading_blank_lines_and_the_header() -> None:
    table = read_table(b"\r\n\r\nA,B\r\n1,2\r\n,\r\n3,4\r\n")
    assert table.header_row == 3
    assert list(table.row_numbers) == [4, 6]


def test_short_rows_are_filled_and_shifted_rows_are_reported_with_their_number() -> None:
    data = "A;B;C\r\n1;2\r\n1;2;3;4\r\n5;6;7;;\r\n"
    table = read_table(data.encode())
    assert table.rows == [["1", "2", ""], ["5", "6", "7"]]
    extra = problem(table, ProblemCode.EXTRA_FIELDS)
    assert extra is not None and extra.rows == [3] and extra.count == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", ProblemCode.EMPTY_FILE),
        (b"\r\n \r\n", ProblemCode.EMPTY_FILE),
        (b"A,B\r\n", ProblemCode.NO_DATA_ROWS),
        (b"%PDF-1.7 binary", ProblemCode.NOT_A_TABLE),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), ProblemCode.OLD_EXCEL_FORMAT),
        (b"PK\x03\x04 not really a zip", ProblemCode.UNREADABLE_WORKBOOK),
        (bytes(range(256)) * 20, ProblemCode.NOT_A_TABLE),
    ],
)
def test_files_that_are_not_tables_are_fatal(data: bytes, code: str) -> None:
    table = read_table(data)
    assert table.fatal
    assert [p.code for p in table.problems.listed() if p.fatal] == [code]
    assert table.rows == []


def test_limits_of_size_and_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    assert problem(read_table(b"A\r\n" + b"1\r\n" * 60), ProblemCode.FILE_TOO_LARGE)
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 10**6)
    monkeypatch.setattr(reading, "MAX_ROWS", 10)
    table = read_table(b"A\r\n" + b"1\r\n" * 11)
    assert table.fatal and problem(table, ProblemCode.TOO_MANY_ROWS)
    assert len(read_table(b"A\r\n" + b"1\r\n" * 10).rows) == 10


def test_an_overlong_field_is_one_unreadable_row_and_reading_goes_on() -> None:
    data = "A,B\r\n1,2\r\n" + '3,"' + "x" * 200_000 + '"\r\n5,6\r\n'
    table = read_table(data.encode())
    unreadable = problem(table, ProblemCode.UNREADABLE_ROW)
    assert unreadable is not None
    assert table.rows[0] == ["1", "2"] and table.rows[-1] == ["5", "6"]


# --- .xlsx ------------------------------------------------------------------------------------


def test_an_xlsx_workbook_gives_the_same_table_as_its_csv() -> None:
    language = LANGUAGES["et"]
    body = rows(300, lang="et")
    from_csv = read_table(to_csv(language.header, body, ";").encode("cp1257", "replace"))
    workbook = to_xlsx(language.header, body, numbers=frozenset({4, 5, 6}), dates=frozenset({1}))
    from_xlsx = read_table(workbook)
    assert from_xlsx.format == "xlsx" and from_xlsx.sheet == "Vastused"
    assert from_xlsx.header == from_csv.header
    # dates come as ISO dates, everything else as written
    for row_csv, row_xlsx in zip(from_csv.rows, from_xlsx.rows, strict=True):
        day, month, year = row_csv[1].split(".")
        assert row_xlsx[1] == f"{year}-{month}-{day}"
        assert row_xlsx[:1] + row_xlsx[2:] == row_csv[:1] + row_csv[2:]
    assert list(from_xlsx.row_numbers) == list(from_csv.row_numbers)


def _rewritten(workbook: bytes, change: dict[str, tuple[str, str]]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name).decode()
            if name in change:
                old, new = change[name]
                data = data.replace(old, new)
            target.writestr(name, data)
    return buffer.getvalue()


def test_other_forms_of_cells_are_read_the_same_through_the_xml_tree() -> None:
    header = ["Kuupäev", "Esindus", "Soovitus"]
    body = [["2024-03-01", "Männi & Co", "9"], ["2024-03-02", "<Õuna>", "10"]]
    workbook = to_xlsx(header, body, numbers=frozenset({2}), dates=frozenset({0}))
    plain = read_xlsx(workbook)
    sheet = "xl/worksheets/sheet1.xml"
    # attributes in another order: the regular expressions step aside
    reordered = _rewritten(workbook, {sheet: (' s="1">', ' cm="1" s="1">')})
    # a namespace prefix on every tag
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    prefixed = zipfile.ZipFile(io.BytesIO(workbook)).read(sheet).decode()
    prefixed = prefixed.replace(f'xmlns="{main}"', f'xmlns:x="{main}"')
    for tag in ("worksheet", "sheetData", "row", "c", "v"):
        prefixed = prefixed.replace(f"<{tag}", f"<x:{tag}").replace(f"</{tag}>", f"</x:{tag}>")
    prefixed_book = _rewritten(
        workbook, {sheet: (zipfile.ZipFile(io.BytesIO(workbook)).read(sheet).decode(), prefixed)}
    )
    for other in (reordered, prefixed_book):
        table = read_xlsx(other)
        assert (
            table.rows
            == plain.rows
            == [
                ["2024-03-01", "Männi & Co", "9"],
                ["2024-03-02", "<Õuna>", "10"],
            ]
        )
        assert table.header == plain.header


def test_inline_strings_formulas_booleans_sparse_cells_and_the_1904_system() -> None:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (
        f'<worksheet xmlns="{main}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Kuupäev</t></is></c>'
        '<c r="C1" t="inlineStr"><is><r><t>Soo</t></r><r><t>vitus</t></r></is></c></row>'
        '<row r="3"><c r="A3" s="1"><v>0</v></c><c r="B3" t="b"><v>1</v></c>'
        '<c r="C3"><f>4+5</f><v>9</v></c></row>'
        '<row r="4"><c r="A4" s="1"><v>43890.5</v></c>'
        '<c r="C4" t="str"><f>"x"</f><v>a&amp;b</v></c></row>'
        "</sheetData></worksheet>"
    )
    workbook = to_xlsx(["x"], [])
    workbook = _rewritten(
        workbook,
        {
            "xl/worksheets/sheet1.xml": (
                zipfile.ZipFile(io.BytesIO(workbook)).read("xl/worksheets/sheet1.xml").decode(),
                sheet,
            ),
            "xl/workbook.xml": ("<sheets>", '<workbookPr date1904="1"/><sheets>'),
        },
    )
    table = read_xlsx(workbook)
    assert table.header == ("Kuupäev", "", "Soovitus")
    assert table.rows == [["1904-01-01", "TRUE", "9"], ["2024-03-01T12:00:00", "", "a&b"]]
    assert list(table.row_numbers) == [3, 4]


def test_the_first_visible_sheet_is_read() -> None:
    workbook = to_xlsx(["Soovitus"], [["9"]], numbers=frozenset({0}))
    hidden = _rewritten(
        workbook,
        {
            "xl/workbook.xml": (
                '<sheet name="Vastused" sheetId="1" r:id="rId1"/>',
                '<sheet name="Peidus" sheetId="2" state="hidden" r:id="rId9"/>'
                '<sheet name="Vastused" sheetId="1" r:id="rId1"/>',
            )
        },
    )
    table = read_xlsx(hidden)
    assert table.sheet == "Vastused" and table.rows == [["9"]]


def test_a_damaged_workbook_is_reported_not_raised() -> None:
    workbook = to_xlsx(["Soovitus"], [["9"]])
    assert read_table(workbook[: len(workbook) // 2]).fatal
    broken = _rewritten(workbook, {"xl/worksheets/sheet1.xml": ("</sheetData>", "")})
    table = read_table(broken)
    assert [p.code for p in table.problems.listed()] == [ProblemCode.UNREADABLE_WORKBOOK]


# --- properties -------------------------------------------------------------------------------

CELL = st.text(
    alphabet=st.sampled_from(list('abcõäöüšžŠŽ ,;"\t\r\n0123456789=-')), min_size=0, max_size=8
)


@settings(max_examples=150, deadline=None)
@given(
    width=st.integers(1, 4),
    body=st.lists(st.lists(CELL, min_size=4, max_size=4), min_size=1, max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1257"]),
)
def test_written_csv_reads_back_as_written(
    width: int, body: list[list[str]], delimiter: str, encoding: str
) -> None:
    header = [f"Veerg {index}" for index in range(width)]
    cells = [row[:width] for row in body]
    data = to_csv(header, cells, delimiter).encode(encoding)
    table = read_table(data, delimiter=delimiter)
    kept = [
        (number, row) for number, row in enumerate(cells, start=2) if any(c.strip() for c in row)
    ]
    # csv turns a lone \r inside a quoted field into itself; compare what a reader keeps
    assert table.header == tuple(header)
    assert [row for _, row in kept] == table.rows
    # a quoted line break makes one row of two lines; row numbers are records
    assert list(table.row_numbers) == [number for number, _ in kept]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_without_raising(data: bytes) -> None:
    table = read_table(data)
    assert all(len(row) == len(table.header) for row in table.rows)
    assert len(table.rows) == len(table.row_numbers)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_any_zip_content_is_read_without_raising(noise: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", noise)
        archive.writestr("xl/worksheets/sheet1.xml", noise)
        archive.writestr("xl/sharedStrings.xml", noise)
    read_table(buffer.getvalue())
