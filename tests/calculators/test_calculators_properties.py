"""Properties that must hold for every input (hypothesis)."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calculators import api
from calculators.ces import compute_ces
from calculators.csat import compute_csat
from calculators.errors import ERROR_CODES, CalculatorError
from calculators.nps import (
    GroupCounts,
    compare_nps,
    nps_from_counts,
    nps_from_histogram,
    nps_from_responses,
    plan_sample_size,
)
from calculators.parsing import (
    check_histogram,
    parse_choice,
    parse_confidence,
    parse_count,
    parse_decimal,
    parse_integer_option,
    parse_scores,
)
from calculators.results import to_jsonable

TABLE_Z = {90: 1.6448536269514722, 95: 1.959963984540054, 99: 2.5758293035489004}
SEPARATORS = [" ", ",", ";", "\t", "\n", "\r\n", ", ", " ; ", ",\r\n", "\u00a0"]

confidences = st.sampled_from([90, 95, 99])
methods = st.sampled_from(["adjusted-wald", "wald"])
counts = st.tuples(st.integers(0, 3000), st.integers(0, 3000), st.integers(0, 3000)).filter(
    lambda c: sum(c) > 0
)
small_counts = st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(0, 12)).filter(
    lambda c: sum(c) > 0
)
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.binary().map(lambda b: b.decode("latin-1")),
    st.lists(st.integers(), max_size=3),
)
numberish_text = st.lists(
    st.one_of(
        st.integers(-20, 120).map(str),
        st.sampled_from(["nan", "inf", "7.5", "7.0", "1e3", "x", "", "−3", "1 000", "½", "٣"]),
        st.text(max_size=4),
    ),
    max_size=30,
).flatmap(lambda parts: st.sampled_from(SEPARATORS).map(lambda sep: sep.join(parts)))


def joined(responses: list[int], separators: list[str], lead: str, trail: str) -> str:
    text = lead
    for index, response in enumerate(responses):
        text += str(response) + separators[index % len(separators)]
    return text + trail


# --------------------------------------------------------------------------- NPS


@given(counts, confidences, methods)
def test_nps_score_shares_and_interval_stay_in_bounds(
    data: tuple[int, int, int], confidence: int, method: str
) -> None:
    result = nps_from_counts(*data, confidence=confidence, method=method)
    assert result.score is not None and result.shares is not None and result.interval is not None
    assert -100.0 <= result.score <= 100.0
    shares = result.shares
    assert math.isclose(shares.promoters + shares.passives + shares.detractors, 1.0, abs_tol=1e-12)
    assert all(
        0.0 <= share <= 1.0 for share in (shares.promoters, shares.passives, shares.detractors)
    )
    interval = result.interval
    assert -100.0 <= interval.lower <= interval.centre <= interval.upper <= 100.0
    assert math.isclose(result.score, 100 * (data[0] - data[2]) / sum(data), abs_tol=1e-12)


@given(counts, confidences)
def test_wald_interval_always_contains_the_score(
    data: tuple[int, int, int], confidence: int
) -> None:
    result = nps_from_counts(*data, confidence=confidence, method="wald")
    assert result.interval is not None and result.score is not None
    assert result.interval.lower <= result.score <= result.interval.upper
    assert all(w.code != "interval_excludes_score" for w in result.warnings)


@given(counts, confidences)
def test_adjusted_wald_contains_the_score_or_says_so(
    data: tuple[int, int, int], confidence: int
) -> None:
    result = nps_from_counts(*data, confidence=confidence)
    assert result.interval is not None and result.score is not None
    inside = result.interval.lower <= result.score <= result.interval.upper
    flagged = any(w.code == "interval_excludes_score" for w in result.warnings)
    assert inside != flagged
    if flagged:  # only ever with a handful of respondents at 90 % or 95 %
        assert result.n <= {90: 4, 95: 1, 99: 0}[confidence]


@given(small_counts, confidences, st.integers(0, 60))
def test_headcount_interval_follows_the_documented_formula(
    data: tuple[int, int, int], confidence: int, extra: int
) -> None:
    n = sum(data)
    headcount = n + extra
    result = nps_from_counts(
        *data, confidence=confidence, metric="enps", min_group=1, headcount=headcount
    )
    assert result.interval is not None and result.score is not None
    if headcount == n:
        assert result.interval.lower == result.interval.upper == result.score
        return
    f2 = Fraction(headcount - n, headcount - 1)
    size = n + 3 * f2
    p = (data[0] + Fraction(3, 4) * f2) / size
    d = (data[2] + Fraction(3, 4) * f2) / size
    half = 100 * TABLE_Z[confidence] * math.sqrt((p + d - (p - d) ** 2) * f2 / size)
    centre = 100 * float(p - d)
    assert math.isclose(result.interval.lower, max(-100.0, centre - half), abs_tol=1e-9)
    assert math.isclose(result.interval.upper, min(100.0, centre + half), abs_tol=1e-9)


@given(
    st.lists(st.integers(0, 10), min_size=1, max_size=400),
    st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=4),
    st.sampled_from(["", " ", "\ufeff", "\r\n"]),
    st.sampled_from(["", "\r\n", ",", " ;"]),
    confidences,
    methods,
)
def test_responses_histogram_and_counts_agree(
    responses: list[int],
    separators: list[str],
    lead: str,
    trail: str,
    confidence: int,
    method: str,
) -> None:
    options: dict[str, Any] = {"confidence": confidence, "method": method}
    from_text = nps_from_responses(joined(responses, separators, lead, trail), **options)
    from_list = nps_from_responses(responses, **options)
    histogram = [responses.count(point) for point in range(11)]
    from_histogram = nps_from_histogram(histogram, **options)
    promoters = sum(1 for r in responses if r >= 9)
    detractors = sum(1 for r in responses if r <= 6)
    from_counts = nps_from_counts(
        promoters, len(responses) - promoters - detractors, detractors, **options
    )
    assert from_text == from_list == from_histogram
    assert from_histogram.histogram == tuple(histogram)
    as_data = to_jsonable(from_histogram)
    assert isinstance(as_data, dict)
    assert {**as_data, "histogram": None} == to_jsonable(from_counts)


@given(counts, counts, confidences, methods)
def test_comparison_is_consistent(
    first: tuple[int, int, int], second: tuple[int, int, int], confidence: int, method: str
) -> None:
    result = compare_nps(
        GroupCounts(*first), GroupCounts(*second), confidence=confidence, method=method
    )
    reverse = compare_nps(
        GroupCounts(*second), GroupCounts(*first), confidence=confidence, method=method
    )
    assert result.difference is not None and result.interval is not None
    assert result.p_value is not None and 0.0 <= result.p_value <= 1.0
    assert -200.0 <= result.interval.lower <= result.interval.upper <= 200.0
    assert math.isclose(result.difference, -reverse.difference, abs_tol=1e-9)  # type: ignore[operator]
    assert result.significant == reverse.significant
    excludes_zero = result.interval.lower > 0 or result.interval.upper < 0
    if result.z is not None and abs(abs(result.z) - TABLE_Z[confidence]) > 1e-9:
        assert result.significant == excludes_zero


@given(
    st.floats(0.5, 100.0),
    confidences,
    st.one_of(st.none(), st.tuples(st.floats(0, 100), st.floats(0, 100))),
    st.one_of(st.none(), st.integers(1, 100_000)),
)
def test_planned_sample_reaches_the_margin(
    margin: float,
    confidence: int,
    shares: tuple[float, float] | None,
    headcount: int | None,
) -> None:
    if shares is not None:
        assume(shares[0] + shares[1] <= 100.0)
    plan = plan_sample_size(
        margin,
        confidence=confidence,
        expected_promoters=None if shares is None else shares[0],
        expected_detractors=None if shares is None else shares[1],
        headcount=headcount,
    )
    assert 1 <= plan.n <= plan.n_unlimited
    if headcount is not None:
        assert plan.n <= headcount
        fpc = math.sqrt((headcount - plan.n) / (headcount - 1)) if headcount > 1 else 0.0
    else:
        fpc = 1.0
    half = 100 * TABLE_Z[confidence] * math.sqrt(plan.variance / plan.n) * fpc
    assert half <= margin * (1 + 1e-9)


# --------------------------------------------------------------------------- CES and CSAT


@given(st.sampled_from(["ces1", "ces2"]), st.data(), confidences)
def test_ces_mean_and_interval_stay_on_the_scale(
    scale: str, data: st.DataObject, confidence: int
) -> None:
    size = 5 if scale == "ces1" else 7
    histogram = data.draw(
        st.lists(st.integers(0, 500), min_size=size, max_size=size).filter(lambda h: sum(h) > 0)
    )
    result = compute_ces(histogram, scale=scale, confidence=confidence)
    assert result.scale_min <= result.score <= result.scale_max
    assert math.isclose(sum(result.shares), 1.0, abs_tol=1e-12)
    if result.interval is None:
        assert result.n == 1
    else:
        assert result.scale_min <= result.interval.lower <= result.score
        assert result.score <= result.interval.upper <= result.scale_max
    if scale == "ces2":
        assert result.agree_share is not None
        assert result.neutral_share is not None and result.disagree_share is not None
        total = result.agree_share + result.neutral_share + result.disagree_share
        assert math.isclose(total, 1.0, abs_tol=1e-12)


@given(
    st.lists(st.integers(0, 5000), min_size=5, max_size=5).filter(lambda h: sum(h) > 0), confidences
)
def test_csat_interval_contains_the_score(histogram: list[int], confidence: int) -> None:
    result = compute_csat(histogram, confidence=confidence)
    assert 0.0 <= result.interval.lower <= result.score <= result.interval.upper <= 100.0
    assert result.satisfied == histogram[3] + histogram[4]
    assert 1.0 <= result.mean <= 5.0


# --------------------------------------------------------------------------- bad input


def only_our_error(call: Any, *args: Any, **kwargs: Any) -> None:
    try:
        call(*args, **kwargs)
    except CalculatorError as error:
        assert error.code in ERROR_CODES
        assert len(error.values) == len(error.positions) or not error.positions
        json.dumps(error.to_dict(), allow_nan=False)


@given(st.one_of(st.text(), numberish_text))
def test_parsing_text_only_raises_our_error(text: str) -> None:
    only_our_error(parse_scores, text, low=0, high=10)
    only_our_error(parse_count, text, "promoters")
    only_our_error(parse_decimal, text, "margin")
    only_our_error(parse_confidence, text)
    only_our_error(parse_choice, text, "mode", ("counts", "responses"), None)
    only_our_error(parse_integer_option, text, "min_group", default=5, minimum=1)


@given(anything)
def test_parsing_any_value_only_raises_our_error(value: object) -> None:
    only_our_error(parse_scores, value, low=1, high=5)
    only_our_error(parse_count, value, "h1")
    only_our_error(parse_decimal, value, "margin")
    only_our_error(parse_confidence, value)
    only_our_error(parse_integer_option, value, "headcount", default=None, minimum=1)


@given(st.lists(anything, max_size=12))
def test_python_api_with_any_values_only_raises_our_error(values: list[object]) -> None:
    only_our_error(parse_scores, values, low=0, high=10)
    only_our_error(check_histogram, values, low=0, high=10)
    only_our_error(nps_from_histogram, values)
    only_our_error(compute_csat, values)
    only_our_error(compute_ces, values, scale="ces1")
    padded = [*values, 0, 0, 0][:3]
    only_our_error(lambda: nps_from_counts(*padded))


form_keys = st.sampled_from(
    [
        "mode",
        "a_mode",
        "b_mode",
        "promoters",
        "passives",
        "detractors",
        "a_promoters",
        "b_detractors",
        "responses",
        "a_responses",
        "b_responses",
        "confidence",
        "method",
        "scale",
        "min_group",
        "headcount",
        "margin",
        "expected_promoters",
        "expected_detractors",
        *[f"h{k}" for k in range(12)],
        *[f"a_h{k}" for k in range(11)],
    ]
)
form_values = st.one_of(
    numberish_text,
    st.sampled_from(["counts", "histogram", "responses", "ces1", "ces2", "wald", "95", "99"]),
    st.text(max_size=20),
)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(
    st.one_of(st.sampled_from(["nps", "enps", "ces", "csat"]), st.text(max_size=6)),
    st.dictionaries(form_keys, form_values, max_size=14),
)
def test_api_never_raises_and_returns_plain_data(name: str, form: dict[str, str]) -> None:
    for call in (api.compute, api.compare, api.plan_sample_size):
        answer = call(name, form)
        text = json.dumps(answer, allow_nan=False)
        assert json.loads(text) == answer
        if answer["ok"]:
            assert set(answer) == {"ok", "result"}
        else:
            assert answer["error"]["code"] in ERROR_CODES
            assert answer["error"]["code"] != "internal_error", answer


@given(
    st.one_of(anything, st.sampled_from(["nps", "enps", "ces", "csat"])),
    st.one_of(
        anything,
        st.dictionaries(st.text(max_size=3), anything, max_size=4),
        st.dictionaries(form_keys, anything, max_size=8),
    ),
)
def test_api_never_raises_on_any_objects(name: Any, form: Any) -> None:
    for call in (api.compute, api.compare, api.plan_sample_size):
        answer = call(name, form)
        json.dumps(answer, allow_nan=False)
        assert answer["ok"] in (True, False)
        if not answer["ok"]:
            assert answer["error"]["code"] != "internal_error", answer
