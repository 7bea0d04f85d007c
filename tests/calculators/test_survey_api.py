"""The workbench's JSON entry point: read, analyse, export, compare and plan; never raises."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.survey_data import LANGUAGES, rows, sample, to_csv, to_xlsx
from calculators import api
from calculators.survey.problems import PROBLEM_CODES
from tests.conftest import ROOT


def ok(answer: dict[str, Any]) -> dict[str, Any]:
    assert answer["ok"], answer
    result: dict[str, Any] = answer["result"]
    json.dumps(result)  # plain data only
    return result


def read(data: bytes | str) -> dict[str, Any]:
    key = "text" if isinstance(data, str) else "file"
    return ok(api.survey("read", {key: data}))


def guessed_form(summary: dict[str, Any], metric: str | None = None) -> dict[str, str]:
    guess = summary["guess"]
    chosen = metric or guess["metric"]
    return {
        "token": summary["token"],
        "metric": chosen,
        "score-column": str(guess["score_columns"][chosen]),
        "segment-column": str(guess["segment_column"]),
        "date-column": str(guess["date_column"]),
        "period": "month",
    }


@pytest.mark.parametrize("lang", ["et", "en"])
def test_the_sample_files_are_read_and_their_columns_guessed(lang: str) -> None:
    data = (ROOT / "docs" / "calculators" / f"survey-sample.{lang}.csv").read_bytes()
    assert data.decode("utf-8-sig") == sample(lang)  # the committed files are the generator's
    summary = read(data)
    assert summary["delimiter"] == LANGUAGES[lang].delimiter
    assert summary["bom"] is (lang == "et")
    assert summary["guess"] == {
        "metric": "nps",
        "score_columns": {"nps": 4, "enps": 4, "csat": 5, "ces1": 6, "ces2": 6},
        "csat_scale": "1-5",
        "segment_column": 2,
        "date_column": 1,
    }
    result = ok(api.survey("analyse", guessed_form(summary)))
    assert result["used"] == 357 and result["left_out"] == 3
    assert {p["code"]: p["rows"] for p in result["problems"]} == {
        "blank_score": [42],
        "not_a_number": [119],
        "out_of_range": [205],
    }
    assert len(result["segments"]) == 5 and len(result["trend"]) == 9
    assert all(group["small"] for group in result["segments"] if group["n"] < 30)


def test_a_semicolon_csv_with_bom_and_an_xlsx_give_the_same_segments() -> None:
    language = LANGUAGES["et"]
    body = rows(500, lang="et", seed=9)
    csv_bytes = ("\ufeff" + to_csv(language.header, body, ";")).encode()
    workbook = to_xlsx(language.header, body, numbers=frozenset({4, 5, 6}), dates=frozenset({1}))
    answers = []
    for data in (csv_bytes, workbook):
        summary = read(data)
        for metric in ("nps", "csat", "ces2"):
            answers.append((metric, ok(api.survey("analyse", guessed_form(summary, metric)))))
    for (metric, from_csv), (_, from_xlsx) in zip(answers[:3], answers[3:], strict=True):
        assert from_csv["segments"] == from_xlsx["segments"], metric
        assert from_csv["trend"] == from_xlsx["trend"], metric
        assert from_csv["overall"] == from_xlsx["overall"], metric


def test_an_unknown_token_asks_for_the_file_again() -> None:
    answer = api.survey("analyse", {"token": "t999999", "score-column": "0"})
    assert not answer["ok"] and answer["error"]["code"] == "missing"
    assert answer["error"]["field"] == "token"


def test_a_fatal_file_has_no_token_and_says_why() -> None:
    result = read(b"%PDF-1.4")
    assert result["fatal"] and result["token"] is None
    assert [p["code"] for p in result["problems"]] == ["not_a_table"]


def test_the_export_is_a_csv_no_spreadsheet_runs_as_a_formula() -> None:
    text = 'Esindus;Soovitus\r\n=HYPERLINK("http://x");9\r\n+1;8\r\n@SUM(A1);10\r\n-x;0\r\n'
    summary = read(text.encode())
    form = {"token": summary["token"], "metric": "nps", "score-column": "1", "segment-column": "0"}
    headers = {"kind": "=Liik", "segment": "segment", "name": "Nimi"}
    exported = ok(
        api.survey("export", {**form, "headers": headers, "csv-delimiter": ";", "decimal": ","})
    )["csv"]
    table = list(csv.reader(io.StringIO(exported), delimiter=";"))
    assert table[0][0] == "'=Liik" and table[0][1] == "Nimi"
    names = [row[1] for row in table[2:]]
    assert sorted(names) == sorted(['\'=HYPERLINK("http://x")', "'+1", "'@SUM(A1)", "'-x"])
    assert table[1][3] == "25,0"  # overall NPS with a decimal comma
    for row in table[1:]:
        for cell in row[2:]:
            assert not cell.startswith(("=", "+", "@")), cell


def test_comparing_two_surveys_by_counts_and_by_files() -> None:
    nps = ok(
        api.survey(
            "compare",
            {
                "metric": "nps",
                "a_promoters": "40",
                "a_passives": "30",
                "a_detractors": "30",
                "b_promoters": "60",
                "b_passives": "25",
                "b_detractors": "15",
            },
        )
    )
    assert nps["difference"]["difference"] == pytest.approx(35.0)
    assert nps["difference"]["significant"] is True
    csat = ok(
        api.survey(
            "compare",
            {
                "metric": "csat",
                "a_satisfied": "70",
                "a_n": "100",
                "b_satisfied": "75",
                "b_n": "100",
            },
        )
    )
    assert csat["difference"]["difference"] == pytest.approx(5.0)
    assert csat["difference"]["significant"] is False
    ces = ok(
        api.survey(
            "compare",
            {
                "metric": "ces2",
                "a_n": "50",
                "a_mean": "5,1",
                "a_sd": "1.2",
                "b_n": "60",
                "b_mean": "5.6",
                "b_sd": "1.1",
            },
        )
    )
    assert ces["difference"]["difference"] == pytest.approx(0.5)
    assert ces["difference"]["method"] == "welch"
    first = read(to_csv(["Soovitus"], [["9"]] * 30 + [["3"]] * 20, ","))
    second = read(to_csv(["Muu", "Soovitus"], [["x", "9"]] * 40 + [["x", "3"]] * 10, ","))
    files = ok(
        api.survey(
            "compare",
            {
                "mode": "files",
                "metric": "nps",
                "a_token": first["token"],
                "b_token": second["token"],
                "a_score-column": "0",
                "b_score-column": "1",
            },
        )
    )
    assert (files["first"]["n"], files["second"]["n"]) == (50, 50)
    assert files["difference"]["difference"] == pytest.approx(40.0)
    bad = api.survey(
        "compare",
        {"metric": "csat", "a_satisfied": "7", "a_n": "5", "b_satisfied": "1", "b_n": "2"},
    )
    assert not bad["ok"] and bad["error"]["field"] == "a_satisfied"


def test_plan_through_the_entry_point() -> None:
    result = ok(
        api.survey(
            "plan",
            {"metric": "csat", "margin": "5", "assurance": "90 %", "expected_satisfied": "80"},
        )
    )
    assert result["assurance"] == 90 and result["n"] > result["n_expected"]
    assert not api.survey("plan", {"metric": "csat", "margin": "5", "assurance": "70"})["ok"]


def test_every_problem_code_is_documented_for_the_page() -> None:
    from motteruum.strings import catalog

    missing = [code for code in PROBLEM_CODES if f"survey.problem.{code}" not in catalog()]
    assert missing == []


FORM_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 20),
    st.text(max_size=12),
    st.binary(max_size=200),
    st.lists(st.integers(), max_size=3),
    st.sampled_from(
        ["nps", "enps", "csat", "ces1", "ces2", "0", "1", "2", "month", "week", "t1", "files"]
    ),
)
KEYS = st.sampled_from(
    [
        "file",
        "text",
        "token",
        "metric",
        "score-column",
        "segment-column",
        "date-column",
        "period",
        "confidence",
        "csat-scale",
        "satisfied",
        "min-group",
        "mode",
        "a_token",
        "b_token",
        "a_score-column",
        "margin",
        "assurance",
        "expected_answers",
        "headers",
        "a_n",
        "a_mean",
        "a_sd",
        "a_satisfied",
        "b_n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["read", "analyse", "export", "compare", "plan", "nothing", ""]),
    st.dictionaries(KEYS, FORM_VALUES, max_size=8),
)
def test_never_raises_on_any_form(name: str, form: dict[str, object]) -> None:
    ok_table = read("Kuupäev,Esindus,Soovitus\r\n2024-01-01,A,9\r\n2024-02-01,B,x\r\n")
    if form.get("token") == "t1":
        form["token"] = ok_table["token"]
    answer = api.survey(name, form)
    json.dumps(answer)
    assert set(answer) == {"ok", "result"} or set(answer) == {"ok", "error"}
    if not answer["ok"]:
        assert answer["error"]["code"] != "internal_error", (name, form)
