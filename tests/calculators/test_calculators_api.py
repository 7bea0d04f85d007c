"""The browser entry points: plain data in both shapes, every form input, never an exception."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculators import api, nps
from calculators.results import to_jsonable

ERROR_KEYS = {"code", "field", "values", "positions", "count", "params"}


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
    assert answer["ok"] is True
    result: dict[str, Any] = answer["result"]
    return result


def failed(answer: dict[str, Any]) -> dict[str, Any]:
    assert_plain(answer)
    assert json.loads(json.dumps(answer, allow_nan=False)) == answer
    assert set(answer) == {"ok", "error"}, answer
    assert answer["ok"] is False
    error: dict[str, Any] = answer["error"]
    assert set(error) == ERROR_KEYS
    return error


def test_nps_in_all_three_modes_agrees() -> None:
    responses = "10 9 9 8 7 6 0 3 10"
    histogram = {f"h{k}": "" for k in range(11)} | {
        "h10": "2",
        "h9": "2",
        "h8": "1",
        "h7": "1",
        "h6": "1",
        "h3": "1",
        "h0": "1",
    }
    counts = {"promoters": "4", "passives": "2", "detractors": "3"}
    by_responses = ok(api.compute("nps", {"mode": "responses", "responses": responses}))
    by_histogram = ok(api.compute("nps", {"mode": "histogram", **histogram}))
    by_counts = ok(api.compute("nps", {"mode": "counts", **counts}))
    assert by_responses == by_histogram
    assert by_responses["histogram"] == [1, 0, 0, 1, 0, 0, 1, 1, 1, 2, 2]
    assert by_counts["histogram"] is None
    assert {**by_counts, "histogram": None} == {**by_responses, "histogram": None}


def test_result_matches_the_python_api() -> None:
    form = {"mode": "counts", "promoters": "12", "passives": "5", "detractors": "3"}
    form |= {"confidence": "90", "method": "wald", "min_group": "10", "headcount": "40"}
    direct = nps.nps_from_counts(
        12, 5, 3, confidence=90, method="wald", metric="enps", min_group=10, headcount=40
    )
    assert ok(api.compute("enps", form)) == to_jsonable(direct)


def test_mode_defaults_to_responses_and_missing_inputs_are_blank() -> None:
    assert ok(api.compute("nps", {"responses": "9 10"}))["score"] == 100.0
    error = failed(api.compute("nps", {}))
    assert (error["code"], error["field"]) == ("empty", "responses")
    error = failed(api.compute("nps", {"mode": "histogram"}))
    assert (error["code"], error["field"]) == ("empty", None)
    assert ok(api.compute("nps", {"responses": "9", "confidence": None}))["n"] == 1


def test_enps_options_from_the_form() -> None:
    result = ok(api.compute("enps", {"responses": "9 9 9 9"}))
    assert (result["withheld"], result["min_group"], result["metric"]) == (True, 5, "enps")
    result = ok(api.compute("enps", {"responses": "9 9 9 9", "min_group": "3"}))
    assert result["withheld"] is False
    error = failed(api.compute("enps", {"responses": "9 9 9 9", "min_group": "abc"}))
    assert (error["code"], error["field"], error["values"]) == (
        "not_a_number",
        "min_group",
        ["abc"],
    )
    error = failed(api.compute("enps", {"responses": "9 9 9 9 9", "headcount": "4"}))
    assert (error["code"], error["params"]) == ("headcount_below_n", {"n": 5})


def test_ces_and_csat_through_the_form() -> None:
    ces2 = ok(api.compute("ces", {"responses": "7 6 5"}))
    assert (ces2["scale"], ces2["better"]) == ("ces2", "higher")
    ces1 = ok(
        api.compute(
            "ces",
            {"scale": "ces1", "mode": "histogram", "h1": "3", "h2": "1", "h6": "99", "h7": "x"},
        )
    )
    assert (ces1["histogram"], ces1["better"]) == ([3, 1, 0, 0, 0], "lower")
    csat = ok(api.compute("csat", {"mode": "histogram", "h4": "3", "h2": "1"}))
    assert (csat["score"], csat["histogram"]) == (75.0, [0, 1, 0, 3, 0])
    error = failed(api.compute("csat", {"mode": "counts"}))
    assert (error["code"], error["field"], error["params"]) == (
        "invalid_option",
        "mode",
        {"allowed": ["histogram", "responses"]},
    )
    error = failed(api.compute("ces", {"scale": "ces1", "mode": "histogram", "h3": "-1"}))
    assert (error["code"], error["field"], error["positions"]) == ("negative_count", "h3", [3])


def test_error_fields_name_the_form_input() -> None:
    error = failed(api.compute("nps", {"mode": "histogram", "h4": "2", "h7": "7.5", "h9": "x"}))
    assert (error["code"], error["field"], error["values"], error["positions"]) == (
        "not_a_number",
        "h9",
        ["x"],
        [10],
    )
    error = failed(api.compute("nps", {"mode": "counts", "promoters": "1 000", "passives": "7,5"}))
    assert (error["code"], error["field"], error["positions"]) == (
        "not_an_integer",
        "passives",
        [2],
    )
    error = failed(api.compute("nps", {"responses": "9", "method": "exact"}))
    assert (error["code"], error["field"], error["values"]) == (
        "invalid_option",
        "method",
        ["exact"],
    )
    assert error["params"] == {"allowed": ["adjusted-wald", "wald"]}
    error = failed(api.compute("nps", {"responses": "9", "confidence": "0.95"}))
    assert (error["code"], error["params"]) == ("invalid_confidence", {"allowed": [90, 95, 99]})


def test_bad_names_forms_and_values() -> None:
    for name in ["", "NPS ", "ltv", None, 3]:
        answer = api.compute(name, {"responses": "9"})  # type: ignore[arg-type]
        if name == "NPS ":
            assert ok(answer)["metric"] == "nps"
        else:
            assert failed(answer)["field"] == "name"
    error = failed(api.compute("nps", ["responses", "9"]))  # type: ignore[arg-type]
    assert (error["code"], error["field"]) == ("wrong_type", None)
    error = failed(api.compute("nps", {"responses": ["9", "10"]}))  # type: ignore[dict-item]
    assert (error["code"], error["field"]) == ("wrong_type", "responses")
    result = ok(api.compute("nps", {"mode": "counts", "promoters": 5}))  # type: ignore[dict-item]
    assert result["n"] == 5


def test_compare_through_the_form() -> None:
    form = {
        "mode": "counts",
        "a_promoters": "80",
        "a_passives": "30",
        "a_detractors": "40",
        "b_mode": "responses",
        "b_responses": "10 9 9 7 3",
        "confidence": "99",
    }
    result = ok(api.compare("nps", form))
    assert result["first"]["n"] == 150
    assert result["second"]["histogram"] == [0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 1]
    assert result["difference"] == pytest.approx(40 - 80 / 3)
    assert result["confidence"] == 99
    error = failed(api.compare("nps", {**form, "a_passives": "-3"}))
    assert (error["code"], error["field"], error["positions"]) == (
        "negative_count",
        "a_passives",
        [2],
    )
    error = failed(api.compare("nps", {**form, "b_mode": "everything"}))
    assert (error["code"], error["field"]) == ("invalid_option", "b_mode")
    error = failed(api.compare("nps", {**form, "b_mode": "", "mode": "bad"}))
    assert (error["code"], error["field"]) == ("invalid_option", "mode")
    withheld = ok(api.compare("enps", {**form, "b_responses": "9 9"}))
    assert withheld["withheld"] is True
    assert failed(api.compare("csat", form))["field"] == "name"


def test_plan_through_the_form() -> None:
    result = ok(api.plan_sample_size("enps", {"margin": "10", "headcount": "80"}))
    assert (result["assumption"], result["headcount"], result["metric"]) == (
        "conservative",
        80,
        "enps",
    )
    assert result["n"] < result["n_unlimited"]
    error = failed(api.plan_sample_size("nps", {"margin": ""}))
    assert (error["code"], error["field"]) == ("missing", "margin")
    error = failed(
        api.plan_sample_size(
            "nps", {"margin": "5", "expected_promoters": "60", "expected_detractors": "50"}
        )
    )
    assert (error["code"], error["values"], error["positions"]) == (
        "shares_exceed_total",
        ["60", "50"],
        [1, 2],
    )


def test_a_defect_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("defect")

    monkeypatch.setattr(nps, "compute_nps", broken)
    error = failed(api.compute("nps", {"responses": "9"}))
    assert error == {
        "code": "internal_error",
        "field": None,
        "values": [],
        "positions": [],
        "count": 0,
        "params": {},
    }


class ExplodingForm(dict[str, str]):
    def get(self, key: str, default: object = None) -> str:  # type: ignore[override]
        raise KeyError(key)


def test_a_misbehaving_form_is_reported_not_raised() -> None:
    assert failed(api.compute("nps", ExplodingForm()))["code"] == "internal_error"
