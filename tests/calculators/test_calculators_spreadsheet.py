"""Text cells that no spreadsheet runs as a formula, and reading them back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.spreadsheet import FORMULA_STARTS, read_text_cell, starts_formula, text_cell

#: OWASP's characters and their full-width forms, written out independently of the module.
EXPECTED_STARTS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
#: Text made mostly of the characters that matter here, so that the edge cases come up often.
edgy_text = st.text(alphabet=st.sampled_from(EXPECTED_STARTS + "'\" ,;aÕ1\n")) | st.text()


def test_the_formula_characters() -> None:
    assert frozenset(EXPECTED_STARTS) == FORMULA_STARTS


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\uff1d1", "'\uff1d1"),
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff20x", "'\uff20x"),
        ("'=1", "''=1"),
        ("''@x", "'''@x"),
        ("", ""),
        ("'", "'"),
        ("'x", "'x"),
        ("x=1", "x=1"),
        (" =1", " =1"),
        ("\u2212 1", "\u2212 1"),
    ],
)
def test_text_cell(text: str, cell: str) -> None:
    assert text_cell(text) == cell
    assert read_text_cell(cell) == text


@given(edgy_text)
def test_no_text_cell_starts_a_formula(text: str) -> None:
    cell = text_cell(text)
    assert cell[:1] not in set(EXPECTED_STARTS)
    assert not starts_formula(cell)
    assert cell in (text, "'" + text)


@given(edgy_text)
def test_reading_a_text_cell_gives_the_text_back(text: str) -> None:
    assert read_text_cell(text_cell(text)) == text


@given(edgy_text)
def test_a_cell_that_needs_no_mark_is_read_as_it_is(text: str) -> None:
    if text_cell(text) == text:
        assert read_text_cell(text) == text
