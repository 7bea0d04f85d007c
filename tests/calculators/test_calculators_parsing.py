"""Reading pasted responses, counts and options: what is accepted and each error code."""

from __future__ import annotations

import math

import pytest

from calculators.errors import ERROR_CODES, MAX_REPORTED, CalculatorError, Code, render_value
from calculators.parsing import (
    MAX_COUNT,
    MAX_INPUT_CHARS,
    MAX_RESPONSES,
    check_histogram,
    histogram_of,
    parse_choice,
    parse_confidence,
    parse_count,
    parse_counts,
    parse_decimal,
    parse_integer_option,
    parse_scores,
    split_values,
)


def nps_scores(data: object) -> tuple[int, ...]:
    return parse_scores(data, low=0, high=10)  # type: ignore[arg-type]


def error_of(call: object, *args: object, **kwargs: object) -> CalculatorError:
    with pytest.raises(CalculatorError) as raised:
        call(*args, **kwargs)  # type: ignore[operator]
    assert raised.value.code in ERROR_CODES
    return raised.value


# --------------------------------------------------------------------------- accepted input


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9 10 7", (9, 10, 7)),
        ("9,10,7", (9, 10, 7)),
        ("9;10;7;", (9, 10, 7)),
        ("9\r\n10\r\n7\r\n", (9, 10, 7)),  # a spreadsheet column with CRLF line ends
        ("9\t10\t7", (9, 10, 7)),  # a spreadsheet row
        ("\ufeff9\n10\n7", (9, 10, 7)),  # with a byte order mark
        (" ,; 9 ,, 10 ;; 7 ,;\n", (9, 10, 7)),  # stray and repeated separators
        ("9\u00a010\u202f7", (9, 10, 7)),  # non-breaking spaces
        ("+9 09 010", (9, 9, 10)),
        ("9.0 10. 7.00", (9, 10, 7)),  # integral decimals from numeric columns
        ("7,5", (7, 5)),  # the comma separates values
        ("0 \u22120 -0", (0, 0, 0)),
    ],
)
def test_pasted_responses_are_read(text: str, expected: tuple[int, ...]) -> None:
    assert nps_scores(text) == expected


def test_python_sequences_are_read() -> None:
    assert nps_scores([9, 10.0, "7", " 8 "]) == (9, 10, 7, 8)
    assert nps_scores((0,)) == (0,)


def test_split_values_and_histogram_of() -> None:
    assert split_values("1,2;\n3\t 4") == ["1", "2", "3", "4"]
    assert histogram_of([1, 1, 5], low=1, high=5) == (2, 0, 0, 0, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        ("  12  ", 12),
        ("", 0),
        ("   ", 0),
        ("1 000", 1000),
        ("12\u00a0345\u202f678", 12_345_678),
        ("+3", 3),
        ("-0", 0),
        (5, 5),
        (5.0, 5),
    ],
)
def test_counts_are_read(value: object, expected: int) -> None:
    assert parse_count(value, "promoters") == expected


def test_decimals_accept_both_separators_and_per_cent() -> None:
    assert parse_decimal("2,5", "margin") == 2.5
    assert parse_decimal(" 2.5 ", "margin") == 2.5
    assert parse_decimal("40 %", "margin") == 40.0
    assert parse_decimal("\u22121,5", "margin") == -1.5
    assert parse_decimal(".5", "margin") == 0.5
    assert parse_decimal(3, "margin") == 3.0
    assert parse_decimal(10**40, "margin") == 1e18
    assert parse_decimal("", "margin") is None
    assert parse_decimal(None, "margin") is None


def test_confidence_levels() -> None:
    assert parse_confidence("95") == 95
    assert parse_confidence(" 99 % ") == 99
    assert parse_confidence(90) == 90
    assert parse_confidence("") == 95
    assert parse_confidence(None) == 95


def test_choices_ignore_case_and_underscores() -> None:
    allowed = ("adjusted-wald", "wald")
    assert parse_choice(" Adjusted_Wald ", "method", allowed, "wald") == "adjusted-wald"
    assert parse_choice("", "method", allowed, "wald") == "wald"


def test_integer_options() -> None:
    assert parse_integer_option("", "min_group", default=5, minimum=1) == 5
    assert parse_integer_option(None, "min_group", default=None, minimum=1) is None
    assert parse_integer_option("10", "min_group", default=5, minimum=1) == 10


# --------------------------------------------------------------------------- error codes


def test_not_a_number_reports_header_cell_and_positions() -> None:
    error = error_of(nps_scores, "Score\n9\n10\nn/a\n")
    assert error.code == Code.NOT_A_NUMBER
    assert error.field == "responses"
    assert error.values == ("Score", "n/a")
    assert error.positions == (1, 4)
    assert error.count == 2


@pytest.mark.parametrize("token", ["1e3", "9%", "½", "0x10", "٣", "--1", "1-2", ".", "7.5.1"])
def test_not_a_number_tokens(token: str) -> None:
    error = error_of(nps_scores, f"9 {token}")
    assert (error.code, error.values, error.positions) == (Code.NOT_A_NUMBER, (token,), (2,))


def test_decimals_where_integers_belong() -> None:
    error = error_of(nps_scores, "9 7.5 10 .5 8.25")
    assert error.code == Code.NOT_AN_INTEGER
    assert error.values == ("7.5", ".5", "8.25")
    assert error.positions == (2, 4, 5)
    error = error_of(nps_scores, [9, 7.5])
    assert (error.code, error.values, error.positions) == (Code.NOT_AN_INTEGER, ("7.5",), (2,))
    error = error_of(nps_scores, ["7,5"])  # one Python string is one value
    assert error.code == Code.NOT_AN_INTEGER


@pytest.mark.parametrize("text", ["7,5", "7.0", "1,000", "1.000", "7.5"])
def test_counts_reject_any_decimal_separator(text: str) -> None:
    error = error_of(parse_count, text, "promoters")
    assert (error.code, error.field, error.values) == (Code.NOT_AN_INTEGER, "promoters", (text,))
    assert error.positions == ()


@pytest.mark.parametrize("text", ["12 5", "1 00", "abc", "5 promoters"])
def test_counts_reject_other_text(text: str) -> None:
    assert error_of(parse_count, text, "promoters").code == Code.NOT_A_NUMBER


def test_non_finite_values() -> None:
    error = error_of(nps_scores, "9 nan -inf Infinity ∞ 10")
    assert error.code == Code.NOT_FINITE
    assert error.positions == (2, 3, 4, 5)
    error = error_of(nps_scores, [math.nan, 9, math.inf])
    assert (error.code, error.values, error.positions) == (
        Code.NOT_FINITE,
        ("nan", "inf"),
        (1, 3),
    )
    assert error_of(parse_count, math.inf, "h1").code == Code.NOT_FINITE
    assert error_of(parse_count, "NaN", "h1").code == Code.NOT_FINITE
    assert error_of(parse_decimal, math.nan, "margin").code == Code.NOT_FINITE
    assert error_of(parse_decimal, "inf", "margin").code == Code.NOT_FINITE
    assert error_of(parse_decimal, "9" * 400, "margin").code == Code.NOT_FINITE


def test_out_of_range_scores_carry_the_scale() -> None:
    error = error_of(nps_scores, "9 11 -1 10 \u22122 99999999999999999999999")
    assert error.code == Code.OUT_OF_RANGE
    assert error.values == ("11", "-1", "\u22122", "99999999999999999999999")
    assert error.positions == (2, 3, 5, 6)
    assert dict(error.params) == {"min": 0, "max": 10}


def test_bools_and_other_objects_are_wrong_types() -> None:
    error = error_of(nps_scores, [9, True, None, [1]])
    assert error.code == Code.WRONG_TYPE
    assert error.values == ("True", "None", "<list>")
    assert error.positions == (2, 3, 4)
    assert error_of(parse_count, False, "promoters").code == Code.WRONG_TYPE
    assert error_of(parse_count, None, "promoters").code == Code.WRONG_TYPE
    assert error_of(parse_decimal, True, "margin").code == Code.WRONG_TYPE
    assert error_of(parse_decimal, [1], "margin").code == Code.WRONG_TYPE
    assert error_of(parse_scores, 9, low=0, high=10).code == Code.WRONG_TYPE


def test_the_most_basic_problem_is_reported_first() -> None:
    error = error_of(nps_scores, "11 7.5 nan x 12")
    assert (error.code, error.values, error.positions) == (Code.NOT_A_NUMBER, ("x",), (4,))
    error = error_of(nps_scores, "11 7.5 nan 12")
    assert (error.code, error.positions) == (Code.NOT_FINITE, (3,))
    error = error_of(nps_scores, "11 7.5 12")
    assert (error.code, error.positions) == (Code.NOT_AN_INTEGER, (2,))


def test_reported_values_are_capped_but_counted() -> None:
    error = error_of(nps_scores, " ".join(["x"] * 25 + ["9"]))
    assert len(error.values) == MAX_REPORTED
    assert error.positions == tuple(range(1, MAX_REPORTED + 1))
    assert error.count == 25
    long_token = "y" * 500
    error = error_of(nps_scores, long_token)
    assert len(error.values[0]) == 40
    assert error.values[0].endswith("…")


def test_empty_input() -> None:
    for text in ["", "   ", "\r\n", ",;,"]:
        error = error_of(nps_scores, text)
        assert (error.code, error.field, error.values, error.positions) == (
            Code.EMPTY,
            "responses",
            (),
            (),
        )
    assert error_of(nps_scores, []).code == Code.EMPTY


def test_too_many_values() -> None:
    assert len(nps_scores("9 " * MAX_RESPONSES)) == MAX_RESPONSES
    error = error_of(nps_scores, "9 " * (MAX_RESPONSES + 1))
    assert error.code == Code.TOO_MANY_VALUES
    assert dict(error.params) == {"limit": MAX_RESPONSES}
    assert error.count == MAX_RESPONSES + 1
    assert error_of(nps_scores, [9] * (MAX_RESPONSES + 1)).code == Code.TOO_MANY_VALUES


def test_input_too_long() -> None:
    error = error_of(nps_scores, " " * (MAX_INPUT_CHARS + 1))
    assert error.code == Code.INPUT_TOO_LONG
    assert dict(error.params) == {"limit": MAX_INPUT_CHARS}


def test_negative_and_huge_counts() -> None:
    error = error_of(parse_count, "-3", "passives")
    assert (error.code, error.field, error.values) == (Code.NEGATIVE_COUNT, "passives", ("-3",))
    assert error_of(parse_count, -1, "passives").code == Code.NEGATIVE_COUNT
    error = error_of(parse_count, str(MAX_COUNT + 1), "passives")
    assert error.code == Code.TOO_MANY_VALUES
    assert dict(error.params) == {"limit": MAX_COUNT}
    assert error_of(parse_count, 10**5000, "passives").code == Code.TOO_MANY_VALUES


def test_counts_together() -> None:
    items = [("h0", "1"), ("h1", "-2"), ("h2", "x"), ("h3", "-4"), ("h4", "y")]
    error = error_of(parse_counts, items)
    assert (error.code, error.field, error.values, error.positions) == (
        Code.NOT_A_NUMBER,
        "h2",
        ("x", "y"),
        (3, 5),
    )
    error = error_of(parse_counts, items[:2] + items[3:4])
    assert (error.code, error.field, error.positions) == (Code.NEGATIVE_COUNT, "h1", (2, 3))
    error = error_of(parse_counts, [("a", "0"), ("b", "")])
    assert (error.code, error.field) == (Code.EMPTY, None)
    half = str(MAX_COUNT // 2 + 1)
    error = error_of(parse_counts, [("a", half), ("b", half)])
    assert (error.code, error.field) == (Code.TOO_MANY_VALUES, None)


def test_histograms_from_python() -> None:
    assert check_histogram([0, 1, 2, 3, 4], low=1, high=5) == (0, 1, 2, 3, 4)
    error = error_of(check_histogram, [1, 2, 3], low=1, high=5)
    assert (error.code, error.field, dict(error.params)) == (
        Code.WRONG_LENGTH,
        "histogram",
        {"expected": 5},
    )
    error = error_of(check_histogram, [1, 2, True, 4, 5], low=1, high=5)
    assert (error.code, error.field, error.positions) == (Code.WRONG_TYPE, "h3", (3,))
    assert error_of(check_histogram, "1 2 3", low=1, high=5).code == Code.WRONG_TYPE


def test_confidence_errors() -> None:
    for value in ["80", "0.95", "95.5", True, 95.0, 0.95, "high", [95]]:
        error = error_of(parse_confidence, value)
        assert (error.code, error.field) == (Code.INVALID_CONFIDENCE, "confidence")
        assert dict(error.params) == {"allowed": (90, 95, 99)}


def test_option_errors() -> None:
    error = error_of(parse_choice, "bayes", "method", ("adjusted-wald", "wald"), "wald")
    assert (error.code, error.field, error.values) == (Code.INVALID_OPTION, "method", ("bayes",))
    assert dict(error.params) == {"allowed": ("adjusted-wald", "wald")}
    assert error_of(parse_choice, 3, "method", ("wald",), "wald").code == Code.INVALID_OPTION
    error = error_of(parse_choice, " ", "name", ("nps",), None)
    assert (error.code, error.field) == (Code.MISSING, "name")


def test_integer_option_errors() -> None:
    error = error_of(parse_integer_option, "0", "min_group", default=5, minimum=1)
    assert (error.code, dict(error.params)) == (Code.OUT_OF_RANGE, {"min": 1})
    error = error_of(parse_integer_option, "2.5", "min_group", default=5, minimum=1)
    assert error.code == Code.NOT_AN_INTEGER
    error = error_of(parse_integer_option, "1" * 30, "headcount", default=None, minimum=1)
    assert error.code == Code.TOO_MANY_VALUES


def test_error_to_dict_is_plain_data() -> None:
    error = CalculatorError(
        Code.OUT_OF_RANGE, field="responses", values=["11"], positions=[2], params={"min": 0}
    )
    assert error.to_dict() == {
        "code": "out_of_range",
        "field": "responses",
        "values": ["11"],
        "positions": [2],
        "count": 1,
        "params": {"min": 0},
    }
    assert "out_of_range" in str(error)
    assert isinstance(error, ValueError)


def test_unknown_error_codes_are_a_programming_error() -> None:
    with pytest.raises(AssertionError):
        CalculatorError("no_such_code")


def test_render_value() -> None:
    assert render_value("7,5") == "7,5"
    assert render_value(7.5) == "7.5"
    assert render_value(True) == "True"
    assert render_value(None) == "None"
    assert render_value(10**5000) == "<int>"
    assert render_value(object()) == "<object>"
