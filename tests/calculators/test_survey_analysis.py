"""Survey analysis: segment and period results against formulas written out independently
here, invalid rows listed by row number, anonymity of small groups, and properties."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from statistics import NormalDist

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.survey_data import to_csv
from calculators.survey import analysis as analysis_module
from calculators.survey.analysis import COMPLEMENTARY, GROUP_TOO_SMALL, SurveyOptions, analyse
from calculators.survey.metrics import metric
from calculators.survey.problems import ProblemCode
from calculators.survey.reading import read_table

Z95 = NormalDist().inv_cdf(0.975)


# --- independent formulas -----------------------------------------------------------------------


def nps_interval(promoters: int, passives: int, detractors: int) -> tuple[float, float, float]:
    """Adjusted-Wald centre and 95 % bounds, written out from Sauro & Lewis (2016)."""
    n = promoters + passives + detractors + 3
    p, d = (promoters + 0.75) / n, (detractors + 0.75) / n
    centre = p - d
    half = Z95 * math.sqrt((p + d - (p - d) ** 2) / n)
    return 100 * centre, 100 * max(-1, centre - half), 100 * min(1, centre + half)


def nps_standard_error(promoters: int, passives: int, detractors: int) -> float:
    n = promoters + passives + detractors + 3
    p, d = (promoters + 0.75) / n, (detractors + 0.75) / n
    return 100 * math.sqrt((p + d - (p - d) ** 2) / n)


def wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / (1 + Z95**2 / n)
    return (0.0 if k == 0 else centre - half), (1.0 if k == n else centre + half)


def t_cdf(x: float, df: float) -> float:
    """Student's t distribution function by Simpson's rule on its density (independent of the
    package's continued fraction)."""
    log_c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)

    def density(t: float) -> float:
        return math.exp(log_c - (df + 1) / 2 * math.log1p(t * t / df))

    steps = 4000
    h = abs(x) / steps
    total = density(0) + density(abs(x))
    total += sum((4 if i % 2 else 2) * density(i * h) for i in range(1, steps))
    half = total * h / 3
    return 0.5 + half if x >= 0 else 0.5 - half


def t_quantile(p: float, df: float) -> float:
    low, high = 0.0, 50.0
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if t_cdf(middle, df) < p else (low, middle)
    return (low + high) / 2


def mean_sd(values: list[int]) -> tuple[float, float]:
    n = len(values)
    mean = sum(values) / n
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))


# --- a fictional file -------------------------------------------------------------------------

HEADER = ["Kuupäev", "Esindus", "Soovitus", "Rahulolu", "Pingutus"]


def survey(seed: int = 5, count: int = 400) -> list[list[str]]:
    generator = random.Random(seed)
    body = []
    start = date(2023, 12, 1)
    for index in range(count):
        branch = generator.choice(["Männi", "Õuna", "Kuuse", "Tamme"])
        shift = {"Männi": 1.0, "Õuna": -1.0, "Kuuse": 0.0, "Tamme": 0.5}[branch]
        day = start + timedelta(days=index * 120 // count)
        body.append(
            [
                day.strftime("%d.%m.%Y"),
                branch,
                str(max(0, min(10, round(generator.gauss(7.5 + shift, 2))))),
                str(max(1, min(5, round(generator.gauss(3.8 + shift / 2, 1))))),
                str(max(1, min(7, round(generator.gauss(5 + shift / 2, 1.4))))),
            ]
        )
    return body


def analysed(body: list[list[str]], name: str, column: int, **options: object):  # type: ignore[no-untyped-def]
    table = read_table(to_csv(HEADER, body, ";").encode())
    chosen = {"segment_column": 1, "date_column": 0, **options}
    return analyse(table, SurveyOptions(metric=metric(name), score_column=column, **chosen))  # type: ignore[arg-type]


def by_segment(body: list[list[str]], column: int) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for row in body:
        groups.setdefault(row[1], []).append(int(row[column]))
    return groups


def test_nps_segments_and_their_difference_from_the_rest_match_the_formulas() -> None:
    body = survey()
    result = analysed(body, "nps", 2)
    groups = by_segment(body, 2)
    everyone = [v for values in groups.values() for v in values]
    assert result.overall.n == len(everyone) == result.used
    for group in result.segments:
        values = groups[group.key]
        counts = (
            sum(v >= 9 for v in values),
            sum(7 <= v <= 8 for v in values),
            sum(v <= 6 for v in values),
        )
        rest_values = [v for key, vs in groups.items() if key != group.key for v in vs]
        rest = (
            sum(v >= 9 for v in rest_values),
            sum(7 <= v <= 8 for v in rest_values),
            sum(v <= 6 for v in rest_values),
        )
        assert group.n == len(values)
        assert group.score == pytest.approx(100 * (counts[0] - counts[2]) / len(values))
        _, low, high = nps_interval(*counts)
        assert group.interval is not None
        assert (group.interval.lower, group.interval.upper) == pytest.approx((low, high))
        # segment minus rest: adjusted centres, z-test on the combined standard error
        assert group.versus is not None
        centre = nps_interval(*counts)[0] - nps_interval(*rest)[0]
        error = math.hypot(nps_standard_error(*counts), nps_standard_error(*rest))
        rest_score = 100 * (rest[0] - rest[2]) / len(rest_values)
        assert group.versus.difference == pytest.approx(group.score - rest_score)
        assert group.versus.p_value == pytest.approx(
            2 * (1 - NormalDist().cdf(abs(centre / error)))
        )
        assert group.versus.interval is not None
        assert group.versus.interval.lower == pytest.approx(centre - Z95 * error)


def test_csat_segments_use_wilson_and_newcombe() -> None:
    body = survey(seed=11)
    result = analysed(body, "csat", 3)
    groups = by_segment(body, 3)
    for group in result.segments:
        values = groups[group.key]
        k, n = sum(v >= 4 for v in values), len(values)
        rest = [v for key, vs in groups.items() if key != group.key for v in vs]
        k2, n2 = sum(v >= 4 for v in rest), len(rest)
        low, high = wilson(k, n)
        assert group.score == pytest.approx(100 * k / n)
        assert group.interval is not None
        assert (group.interval.lower, group.interval.upper) == pytest.approx(
            (100 * low, 100 * high)
        )
        low2, high2 = wilson(k2, n2)
        diff = k / n - k2 / n2
        newcombe = (
            diff - math.sqrt((k / n - low) ** 2 + (high2 - k2 / n2) ** 2),
            diff + math.sqrt((high - k / n) ** 2 + (k2 / n2 - low2) ** 2),
        )
        assert group.versus is not None and group.versus.interval is not None
        assert group.versus.difference == pytest.approx(100 * diff)
        assert (group.versus.interval.lower, group.versus.interval.upper) == pytest.approx(
            (100 * newcombe[0], 100 * newcombe[1])
        )
        pooled = (k + k2) / (n + n2)
        z = diff / math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / n2))
        assert group.versus.p_value == pytest.approx(2 * (1 - NormalDist().cdf(abs(z))))


@pytest.mark.parametrize("name", ["ces2", "ces1"])
def test_ces_segments_use_t_and_welch(name: str) -> None:
    body = survey(seed=3)
    if name == "ces1":
        for row in body:
            row[4] = str(min(5, int(row[4])))
    result = analysed(body, name, 4)
    groups = by_segment(body, 4)
    assert result.better == ("lower" if name == "ces1" else "higher")
    for group in result.segments:
        values = groups[group.key]
        rest = [v for key, vs in groups.items() if key != group.key for v in vs]
        mean, sd = mean_sd(values)
        half = t_quantile(0.975, len(values) - 1) * sd / math.sqrt(len(values))
        assert group.score == pytest.approx(mean)
        assert group.interval is not None
        assert (group.interval.lower, group.interval.upper) == pytest.approx(
            (max(1, mean - half), mean + half), rel=1e-6
        )
        mean2, sd2 = mean_sd(rest)
        v1, v2 = sd**2 / len(values), sd2**2 / len(rest)
        df = (v1 + v2) ** 2 / (v1**2 / (len(values) - 1) + v2**2 / (len(rest) - 1))
        t = (mean - mean2) / math.sqrt(v1 + v2)
        assert group.versus is not None and group.versus.interval is not None
        assert group.versus.difference == pytest.approx(mean - mean2)
        assert group.versus.p_value == pytest.approx(2 * (1 - t_cdf(abs(t), df)), abs=1e-7)
        half_difference = t_quantile(0.975, df) * math.sqrt(v1 + v2)
        assert group.versus.interval.upper == pytest.approx(
            mean - mean2 + half_difference, rel=1e-6
        )


def test_csat_on_another_scale_with_its_own_threshold() -> None:
    body = [["01.01.2024", "A", "0", "7", "1"], ["01.01.2024", "A", "0", "5", "1"]] * 3
    table = read_table(to_csv(HEADER, body, ";").encode())
    result = analyse(table, SurveyOptions(metric=metric("csat", "1-7", 6), score_column=3))
    assert (result.scale_min, result.scale_max, result.satisfied_min) == (1, 7, 6)
    assert result.overall.score == pytest.approx(50.0)
    with pytest.raises(ValueError):
        metric("csat", "1-5", 6)


def test_every_invalid_row_is_counted_and_listed_by_its_row_number() -> None:
    rows = [
        "Kuupäev;Esindus;Soovitus",  # row 1
        "01.01.2024;A;9",  # 2
        "01.01.2024;A;",  # 3 blank
        "01.01.2024;A;kümme",  # 4 not a number
        "01.01.2024;A;7.5",  # 5 not a whole number
        "01.01.2024;A;11",  # 6 out of range
        "",  # 7 blank row: not data
        "01.01.2024;A;nan",  # 8 not finite
        "01.01.2024;A;9,0",  # 9 nine
        "31.02.2024;A;8",  # 10 used, date invalid
        ";A;10",  # 11 used, no date
        "01.01.2024;A;1;x",  # 12 shifted row
        "01.01.2024;B;-1",  # 13 out of range
    ]
    table = read_table("\r\n".join(rows).encode())
    result = analyse(
        table,
        SurveyOptions(metric=metric("nps"), score_column=2, segment_column=1, date_column=0),
    )
    listed = {(p.code, tuple(p.rows), tuple(p.values)) for p in result.problems}
    assert (ProblemCode.BLANK_SCORE, (3,), ()) in listed
    assert (ProblemCode.NOT_A_NUMBER, (4,), ("kümme",)) in listed
    assert (ProblemCode.NOT_AN_INTEGER, (5,), ("7.5",)) in listed
    assert (ProblemCode.OUT_OF_RANGE, (6, 13), ("11", "-1")) in listed
    assert (ProblemCode.NOT_FINITE, (8,), ("nan",)) in listed
    assert (ProblemCode.EXTRA_FIELDS, (12,), ()) in listed
    assert (ProblemCode.INVALID_DATE, (10,), ("31.02.2024",)) in listed
    assert (ProblemCode.BLANK_DATE, (11,), ()) in listed
    assert result.rows == 11 and result.used == 4 and result.left_out == 7
    assert result.undated == 2
    assert [group.n for group in result.trend] == [2]
    assert result.overall.n == 4


def test_trend_by_week_month_and_quarter_with_gaps_and_changes() -> None:
    body = [["30.12.2024", "A", "10", "5", "7"]] * 40 + [["06.01.2025", "A", "0", "1", "1"]] * 40
    body += [["20.01.2025", "A", "0", "1", "1"]] * 10
    weeks = analysed(body, "nps", 2, period="week")
    assert [(g.key, g.n) for g in weeks.trend] == [
        ("2025-W01", 40),
        ("2025-W02", 40),
        ("2025-W03", 0),
        ("2025-W04", 10),
    ]
    second = weeks.trend[1]
    assert second.previous == "2025-W01" and second.versus is not None
    assert second.versus.difference == pytest.approx(-200.0)
    assert second.versus.significant is True
    assert weeks.trend[3].previous == "2025-W02"
    assert weeks.trend[3].versus is not None and weeks.trend[3].versus.significant is False
    months = analysed(body, "nps", 2, period="month")
    assert [(g.key, g.n) for g in months.trend] == [("2024-12", 40), ("2025-01", 50)]
    quarters = analysed(body, "csat", 3, period="quarter")
    assert [(g.key, g.n) for g in quarters.trend] == [("2024-Q4", 40), ("2025-Q1", 50)]


def test_slash_dates_are_read_day_or_month_first_by_the_column() -> None:
    month_first = [["03/15/2024", "A", "9", "5", "7"], ["04/01/2024", "A", "9", "5", "7"]]
    result = analysed(month_first, "nps", 2)
    assert [g.key for g in result.trend] == ["2024-03", "2024-04"]
    ambiguous = [["03/04/2024", "A", "9", "5", "7"]]
    result = analysed(ambiguous, "nps", 2)
    assert [g.key for g in result.trend] == ["2024-04"]
    assert ProblemCode.AMBIGUOUS_DATES in {p.code for p in result.problems}


def test_enps_withholds_small_segments_and_one_more_so_none_can_be_worked_out() -> None:
    body = [["01.01.2024", "Suur", "9", "5", "7"]] * 20
    body += [["01.01.2024", "Keskmine", "3", "5", "7"]] * 8
    body += [["01.01.2024", "Väike", "10", "5", "7"]] * 3
    result = analysed(body, "enps", 2, min_group=5)
    reasons = {g.key: g.withheld_reason for g in result.segments}
    assert reasons == {"Suur": None, "Keskmine": COMPLEMENTARY, "Väike": GROUP_TOO_SMALL}
    for group in result.segments:
        if group.withheld:
            assert group.score is None and group.histogram is None and group.versus is None
    assert result.segments[0].versus is not None  # the rest has 11 answers
    # two small groups that together reach the limit need no third
    body2 = body + [["01.01.2024", "Teine väike", "0", "5", "7"]] * 2
    reasons = {g.key: g.withheld_reason for g in analysed(body2, "enps", 2, min_group=5).segments}
    assert reasons["Keskmine"] is None
    assert reasons["Väike"] == reasons["Teine väike"] == GROUP_TOO_SMALL


def test_a_segment_is_not_compared_with_a_rest_smaller_than_the_group_limit() -> None:
    body = [["01.01.2024", "Suur", "9", "5", "7"]] * 20 + [
        ["01.01.2024", "Väike", "1", "5", "7"]
    ] * 3
    result = analysed(body, "enps", 2, min_group=5)
    assert result.segments[0].key == "Suur" and result.segments[0].versus is None
    assert analysed(body, "nps", 2).segments[0].versus is not None  # NPS: no limit unless set


def test_many_segments_are_cut_and_the_rest_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis_module, "MAX_SEGMENTS", 3)
    body = [["01.01.2024", f"S{index % 5}", "9", "5", "7"] for index in range(50)]
    result = analysed(body, "nps", 2)
    assert len(result.segments) == 3
    cut = [p for p in result.problems if p.code == ProblemCode.TOO_MANY_SEGMENTS]
    assert cut and cut[0].params == {"limit": 3, "segments": 2, "rows": 20}
    assert result.overall.n == 50


def test_segments_with_spaces_are_one_and_a_blank_segment_is_its_own() -> None:
    body = [["01.01.2024", "Männi", "9", "5", "7"], ["01.01.2024", " Männi ", "9", "5", "7"]]
    body += [["01.01.2024", "", "9", "5", "7"]]
    result = analysed(body, "nps", 2)
    assert {g.key: g.n for g in result.segments} == {"Männi": 2, "": 1}


def test_a_column_outside_the_header_is_an_error() -> None:
    table = read_table(b"A;B\r\n1;2\r\n")
    with pytest.raises(ValueError):
        analyse(table, SurveyOptions(metric=metric("nps"), score_column=5))


# --- properties -------------------------------------------------------------------------------

SCORES = st.sampled_from(
    ["0", "5", "6", "7", "8", "9", "10", "10.0", " 9 ", "", "x", "11", "-3", "7,5", "inf"]
)
SEGMENTS = st.sampled_from(["A", "B", " B", "C", "", "=cmd"])
DATES = st.sampled_from(["2024-01-05", "05.02.2024", "2024-13-01", "", "eile", "2023-12-31"])


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.tuples(DATES, SEGMENTS, SCORES), min_size=1, max_size=60),
    st.sampled_from(["nps", "enps", "csat", "ces1", "ces2"]),
    st.sampled_from(["month", "quarter", "week"]),
)
def test_rows_are_either_used_or_listed_and_segments_add_up(
    cells: list[tuple[str, str, str]], name: str, period: str
) -> None:
    body = [[d, s, v, v, v] for d, s, v in cells]
    text = to_csv(HEADER, body, ";")
    table = read_table(text.encode())
    spec = metric(name)
    result = analyse(
        table,
        SurveyOptions(metric=spec, score_column=2, segment_column=1, date_column=0, period=period),
    )
    numbers = list(table.row_numbers)
    cells = [row for row in cells if any(row)]  # all-blank rows are not data
    listed = {
        row for p in result.problems if p.code in analysis_module._CODES.values() for row in p.rows
    }
    valid = []
    for number, (_, _, value) in zip(numbers, cells, strict=True):
        bucket = analysis_module.classify(value, spec.low, spec.high)
        if bucket >= 0:
            valid.append(number)
        else:
            assert number in listed
    assert result.used == len(valid) == result.overall.n
    assert result.rows == result.used + result.left_out
    assert sum(g.n for g in result.segments) == result.used
    assert sum(g.n for g in result.trend) == result.used - result.undated
    for group in (*result.segments, *result.trend):
        excluded = any(w.code == "interval_excludes_score" for w in group.warnings)
        if group.score is not None and group.interval is not None and not excluded:
            assert group.interval.lower <= group.score + 1e-9
            assert group.score - 1e-9 <= group.interval.upper
