"""The action plan's CSV export (calculators.plan): columns, BOM, formula cells, blank rows,
and the entry point that never raises."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import plan
from calculators.plan import BOM, COLUMNS, MAX_CELL_CHARS, MAX_ROWS, api_export, plan_csv
from calculators.spreadsheet import read_text_cell

HEADERS = ["Tegevus", "Eesmärk", "Vastutaja", "Tähtaeg", "Mõõdik", "Ressursid", "Kaasatud"]
ROW = {
    "activity": "Tagasiside küsimine pärast iga kontakti",
    "goal": "CSAT 78 %-lt 85 %-ni",
    "owner": "Klienditeeninduse juht",
    "deadline": "I–II kvartal",
    "measure": "CSAT kord kuus",
    "resources": "Küsitlustööriist, 2 h nädalas",
    "communication": "Teenindajad; juhtkond",
}


def parse(text: str, delimiter: str = ",") -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :], newline=""), delimiter=delimiter))


def test_columns_are_the_activity_and_the_answers_of_the_abc() -> None:
    assert COLUMNS == (
        "activity",
        "goal",
        "owner",
        "deadline",
        "measure",
        "resources",
        "communication",
    )


def test_header_and_rows_in_column_order_with_a_bom() -> None:
    text = plan_csv([ROW, dict(reversed(list(ROW.items())))], HEADERS)
    assert text.startswith("\ufeffTegevus,Eesmärk,")
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert text.endswith("\r\n")
    rows = parse(text)
    assert rows[0] == HEADERS
    assert rows[1] == [ROW[column] for column in COLUMNS]
    assert rows[2] == rows[1]  # the order of a row's keys does not matter
    assert len(rows) == 3


def test_without_headers_the_header_row_is_the_column_ids() -> None:
    assert parse(plan_csv([ROW]))[0] == list(COLUMNS)
    # a blank header text falls back to its column id
    assert parse(plan_csv([], ["", *HEADERS[1:]]))[0] == ["activity", *HEADERS[1:]]


def test_semicolon_delimiter_and_cells_that_need_quoting() -> None:
    row = {"activity": 'Koolitus "Kliendi hääl"; 2 korda', "goal": "rida 1\r\nrida 2"}
    text = plan_csv([row], HEADERS, delimiter=";")
    rows = parse(text, ";")
    assert rows[1][:2] == ['Koolitus "Kliendi hääl"; 2 korda', "rida 1\nrida 2"]
    assert rows[1][2:] == [""] * 5


def test_formula_cells_are_neutralised_in_every_text_cell() -> None:
    hostile = ["=1+1", "+3", "-2", "@SUM(A1)", "\uff1dcmd", "'=x"]
    row = dict(zip(COLUMNS, hostile, strict=False))
    text = plan_csv([row], ["=HYPERLINK(1)", *HEADERS[1:]])
    rows = parse(text)
    assert rows[0][0] == "'=HYPERLINK(1)"
    assert rows[1][:6] == ["'=1+1", "'+3", "'-2", "'@SUM(A1)", "'\uff1dcmd", "''=x"]
    assert [read_text_cell(cell) for cell in rows[1][:6]] == hostile
    # surrounding blanks are taken off first, so a formula behind a space is caught as well
    assert parse(plan_csv([{"activity": "  =1+1 "}]))[1][0] == "'=1+1"


def test_blank_rows_are_left_out() -> None:
    rows = [{}, {"activity": "  ", "owner": "\n"}, ROW, {column: None for column in COLUMNS}]
    answer = api_export("abc", {"rows": rows, "headers": HEADERS})
    assert answer["ok"] is True
    result = answer["result"]
    assert isinstance(result, dict)
    assert result["rows"] == 1
    assert isinstance(result["csv"], str)
    assert len(parse(result["csv"])) == 2


def test_a_plan_with_no_rows_is_its_header_only() -> None:
    for form in ({}, {"rows": []}, {"rows": None}):
        answer = api_export("abc", form)
        assert answer == {
            "ok": True,
            "result": {"csv": BOM + ",".join(COLUMNS) + "\r\n", "rows": 0},
        }


def test_keys_that_are_not_columns_are_ignored() -> None:
    text = plan_csv([{**ROW, "secret": "x", "0": "y"}])
    assert parse(text)[1] == [ROW[column] for column in COLUMNS]


def error(answer: dict[str, object]) -> tuple[object, object]:
    assert answer["ok"] is False
    details = answer["error"]
    assert isinstance(details, dict)
    return details["code"], details["field"]


@pytest.mark.parametrize(
    ("name", "form", "expected"),
    [
        ("xyz", {}, ("invalid_option", "name")),
        ("", {}, ("missing", "name")),
        (None, {}, ("missing", "name")),
        ("abc", None, ("wrong_type", None)),
        ("abc", "rows", ("wrong_type", None)),
        ("abc", {"rows": "activity"}, ("wrong_type", "rows")),
        ("abc", {"rows": {"activity": "x"}}, ("wrong_type", "rows")),
        ("abc", {"rows": ["x"]}, ("wrong_type", "rows")),
        ("abc", {"rows": [{"owner": 5}]}, ("wrong_type", "owner")),
        ("abc", {"rows": [{"owner": ["x"]}]}, ("wrong_type", "owner")),
        ("abc", {"rows": [{}] * (MAX_ROWS + 1)}, ("too_many_values", "rows")),
        ("abc", {"rows": [{"goal": "x" * (MAX_CELL_CHARS + 1)}]}, ("input_too_long", "goal")),
        ("abc", {"headers": ["a"]}, ("wrong_type", "headers")),
        ("abc", {"headers": "a,b"}, ("wrong_type", "headers")),
        ("abc", {"headers": [1, 2, 3, 4, 5, 6, 7]}, ("wrong_type", "headers")),
        ("abc", {"delimiter": "\t"}, ("invalid_option", "delimiter")),
        ("abc", {"delimiter": 1}, ("invalid_option", "delimiter")),
    ],
)
def test_bad_input_is_an_error_never_an_exception(
    name: object, form: object, expected: tuple[str, str | None]
) -> None:
    answer = api_export(name, form)  # type: ignore[arg-type]
    assert error(answer) == expected
    json.dumps(answer)


def test_the_row_of_a_bad_cell_is_named() -> None:
    answer = api_export("abc", {"rows": [ROW, {"deadline": 2026}]})
    assert answer["ok"] is False
    details = answer["error"]
    assert isinstance(details, dict)
    assert details["positions"] == [2]


def test_a_defect_is_reported_as_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> object:
        raise RuntimeError("defect")

    monkeypatch.setattr(plan, "_plan", broken)
    assert error(api_export("abc", {})) == ("internal_error", None)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=30,
)


@given(
    name=JSONISH,
    form=st.dictionaries(st.sampled_from(["rows", "headers", "delimiter", "x"]), JSONISH) | JSONISH,
)
def test_never_raises_and_answers_plain_data(name: object, form: object) -> None:
    answer = api_export(name, form)  # type: ignore[arg-type]
    assert set(answer) in ({"ok", "result"}, {"ok", "error"})
    json.dumps(answer)


@given(
    cells=st.lists(
        st.dictionaries(st.sampled_from(COLUMNS), st.text(max_size=40)), min_size=1, max_size=8
    ),
    delimiter=st.sampled_from([",", ";"]),
)
def test_what_is_written_reads_back(cells: list[dict[str, str]], delimiter: str) -> None:
    text = plan_csv(cells, HEADERS, delimiter=delimiter)
    rows = parse(text, delimiter)
    tidy = [
        [row.get(c, "").replace("\r\n", "\n").replace("\r", "\n").strip() for c in COLUMNS]
        for row in cells
    ]
    expected = [row for row in tidy if any(row)]
    assert [[read_text_cell(cell) for cell in row] for row in rows[1:]] == expected
