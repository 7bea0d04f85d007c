"""The survey workbench in chromium, in both languages: a file chosen in the page is analysed
there and nowhere else. Every request of these pages is routed and checked: none leaves the
site, none is anything but a GET, and no address or body carries a marker written in the file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Request, Route, expect

from bench.survey_data import LANGUAGES, rows, to_csv, to_xlsx
from calculators import api
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

PREFIX = {"et": "", "en": "en/"}
ENGINE_TIMEOUT = 60_000
#: Written into the files; no request may carry it.
MARKER = "Salajane-7f3a9c"


class Traffic:
    """Every request of a page: its address, method and body."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, bytes]] = []
        self.outside: list[str] = []

    def check(self) -> None:
        assert self.outside == [], f"requests left the site: {self.outside}"
        for url, method, body in self.requests:
            assert method == "GET", (method, url)
            assert MARKER not in unquote(url), url
            assert MARKER.encode() not in body, url


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[Page, Traffic]]:
    """A page whose every request (the engine's worker's too) is routed through a check."""
    traffic = Traffic()
    errors: list[str] = []
    context = browser.new_context(locale="et-EE", accept_downloads=True)

    def route(route: Route, request: Request) -> None:
        traffic.requests.append((request.url, request.method, request.post_data_buffer or b""))
        local = urlsplit(request.url).hostname == "127.0.0.1"
        if local or request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            traffic.outside.append(request.url)
            route.abort()

    context.route("**/*", route)
    context.on(
        "request",
        lambda request: traffic.requests.append(
            (request.url, request.method, request.post_data_buffer or b"")
        ),
    )
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, traffic
    context.close()
    traffic.check()
    assert errors == [], f"uncaught errors in the page: {errors}"


def number(value: float | None, lang: str, digits: int) -> str:
    """How the page writes a number: decimal comma and U+2212 minus in Estonian."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace(".", ",").replace("-", "\u2212") if lang == "et" else text


def open_workbench(page: Page, site_url: str, lang: str) -> Locator:
    page.goto(f"{site_url}{PREFIX[lang]}calculators/survey/")
    root = page.locator("[data-analysis=survey]")
    expect(root).to_have_attribute("data-state", "empty")
    expect(root).to_have_attribute("data-engine", "ready", timeout=ENGINE_TIMEOUT)
    return root


def choose(root: Locator, name: str, data: bytes, state: str = "done") -> None:
    root.locator('input[type=file][name="file"]').set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": data}
    )
    expect(root).to_have_attribute("data-state", state, timeout=ENGINE_TIMEOUT)


def segments_shown(root: Locator) -> dict[str, dict[str, str]]:
    shown = {}
    for row in root.locator("[data-output=segments] tbody tr[data-segment]").all():
        key = row.get_attribute("data-segment")
        assert key is not None
        shown[key] = {
            output: row.locator(f'[data-output="{output}"]').text_content() or ""
            for output in ("score", "ci-low", "ci-high", "n")
        }
    return shown


def expected_segments(data: bytes, metric: str, lang: str) -> dict[str, dict[str, str]]:
    """The segments as calculators.survey computes them in CPython, written as the page does."""
    summary: Any = api.survey("read", {"file": data})["result"]
    guess = summary["guess"]
    answer: Any = api.survey(
        "analyse",
        {
            "token": summary["token"],
            "metric": metric,
            "score-column": str(guess["score_columns"][metric]),
            "segment-column": str(guess["segment_column"]),
            "date-column": str(guess["date_column"]),
        },
    )
    result = answer["result"]
    digits = result["digits"]
    return {
        group["key"]: {
            "score": number(group["score"], lang, digits),
            "ci-low": number(group["lower"], lang, digits),
            "ci-high": number(group["upper"], lang, digits),
            "n": str(group["n"]),
        }
        for group in result["segments"]
    }


def survey_files(lang: str) -> tuple[bytes, bytes]:
    """The same responses as a semicolon CSV with a byte order mark and as an .xlsx workbook;
    a marker stands in a comment and in a segment's name."""
    language = LANGUAGES[lang]
    body = rows(400, lang=lang, seed=21)
    for index, row in enumerate(body):
        if index % 50 == 0:
            row[7] = f"{MARKER} kommentaar"
        if index % 97 == 0:
            row[2] = MARKER
    csv_bytes = ("\ufeff" + to_csv(language.header, body, ";")).encode("utf-8")
    workbook = to_xlsx(language.header, body, numbers=frozenset({4, 5, 6}), dates=frozenset({1}))
    return csv_bytes, workbook


@pytest.mark.parametrize("lang", ["et", "en"])
def test_a_semicolon_csv_with_bom_and_an_xlsx_give_the_same_segments(
    watched: tuple[Page, Traffic], site_url: str, lang: str
) -> None:
    page, traffic = watched
    root = open_workbench(page, site_url, lang)
    csv_bytes, workbook = survey_files(lang)
    choose(root, "vastused.csv", csv_bytes)
    expect(root.locator('[data-output="file"]')).to_contain_text(";")
    from_csv = segments_shown(root)
    assert from_csv == expected_segments(csv_bytes, "nps", lang)
    assert MARKER in from_csv  # the marker is a segment, shown in the page only
    overall = root.locator("[data-segment-all]")
    expect(overall.locator('[data-output="n"]')).to_have_text("400")
    # the trend: a chart with a point per month and its table
    chart = root.locator("[data-chart]")
    expect(chart.locator("circle")).to_have_count(9)
    expect(root.locator("[data-output=trend] tbody tr")).to_have_count(9)
    expect(chart).to_have_attribute("role", "img")
    # the same responses as a workbook
    choose(root, "vastused.xlsx", workbook)
    expect(root.locator('[data-output="file"]')).to_contain_text("Excel")
    assert segments_shown(root) == from_csv
    expect(chart.locator("circle")).to_have_count(9)
    # another metric, from the column proposed for it
    root.locator("select[name=metric]").select_option("csat")
    expect(root).to_have_attribute("data-state", "done", timeout=ENGINE_TIMEOUT)
    expect(root.locator("[data-output=segments] thead")).to_contain_text("CSAT")
    assert segments_shown(root) == expected_segments(workbook, "csat", lang)
    traffic.check()
    # the engine's own downloads (made by its worker) went through the same check
    assert any(url.endswith(".whl") for url, _, _ in traffic.requests)
    assert any(url.endswith("pyodide.asm.wasm") for url, _, _ in traffic.requests)


@pytest.mark.parametrize("lang", ["et", "en"])
def test_bad_files_get_a_clear_message(
    watched: tuple[Page, Traffic], site_url: str, lang: str, tmp_path: Path
) -> None:
    page, _ = watched
    root = open_workbench(page, site_url, lang)
    message = root.locator('[data-output="message"]')
    expect(message).to_have_attribute("role", "alert")
    # larger than the limit: refused from its size, before it is read
    large = tmp_path / "suur.csv"
    with large.open("wb") as handle:
        handle.truncate(21 * 2**20)
    root.locator('input[type=file][name="file"]').set_input_files(str(large))
    expect(root).to_have_attribute("data-state", "error")
    too_large = "Fail on liiga suur: 21,0 MB" if lang == "et" else "The file is too large: 21.0 MB"
    expect(message).to_contain_text(too_large)
    expect(root.locator("[data-file-info]")).to_be_hidden()
    # not a table
    choose(root, "aruanne.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4, state="error")
    expect(message).to_have_text(
        "See ei ole CSV- ega Exceli (.xlsx) fail."
        if lang == "et"
        else "This is neither a CSV nor an Excel (.xlsx) file."
    )
    # Excel's old format
    choose(root, "vana.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), state="error")
    expect(message).to_contain_text(".xls")
    # bad rows are listed by their row numbers, the rest analysed
    text = "Kuupäev;Esindus;Soovitus\r\n01.03.2024;A;9\r\n02.03.2024;A;kümme\r\n03.03.2024;B;11\r\n"
    choose(root, "vigane.csv", text.encode("cp1257"))
    expect(message).to_have_text("")
    problems = root.locator('[data-output="problems"]')
    expect(problems.locator('[data-problem="not_a_number"]')).to_contain_text("3")
    expect(problems.locator('[data-problem="not_a_number"]')).to_contain_text("kümme")
    expect(problems.locator('[data-problem="out_of_range"]')).to_contain_text("4")
    expect(root.locator("[data-segment-all] [data-output=n]")).to_have_text("1")


@pytest.mark.parametrize("lang", ["et", "en"])
def test_sample_data_exports_and_print(
    watched: tuple[Page, Traffic], site_url: str, lang: str
) -> None:
    page, _ = watched
    root = open_workbench(page, site_url, lang)
    root.locator("[data-sample-button]").click()
    expect(root).to_have_attribute("data-state", "done", timeout=ENGINE_TIMEOUT)
    expect(root.locator("[data-output=segments] tbody tr")).to_have_count(5)
    expect(root.locator('[data-output="problems"] li')).to_have_count(3)
    # a segment named like a formula: the export keeps it text
    body = 'Esindus,Soovitus\r\n=HYPERLINK("http://x"),9\r\n=HYPERLINK("http://x"),10\r\nB,3\r\n'
    choose(root, "valem.csv", body.encode())
    with page.expect_download() as download:
        root.locator("[data-export-csv]").click()
    exported = Path(download.value.path()).read_bytes().decode("utf-8")
    assert exported.startswith("\ufeff")
    delimiter = ";" if lang == "et" else ","
    table = list(csv.reader(io.StringIO(exported[1:]), delimiter=delimiter))
    assert '\'=HYPERLINK("http://x")' in [row[1] for row in table]
    assert table[0][0] == ("liik" if lang == "et" else "kind")
    # the chart as SVG: a file of its own
    root.locator("[data-sample-button]").click()
    expect(root).to_have_attribute("data-state", "done", timeout=ENGINE_TIMEOUT)
    with page.expect_download() as download:
        root.locator("[data-export-svg]").click()
    svg = Path(download.value.path()).read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert svg.count("<circle") == 9
    # printing shows the results without the form
    page.emulate_media(media="print")
    expect(root.locator("form")).to_be_hidden()
    expect(root.locator("[data-results]")).to_be_visible()
    expect(root.locator("[data-chart]")).to_be_visible()
    expect(page.locator("[data-analysis=survey-plan]")).to_be_hidden()


@pytest.mark.parametrize("lang", ["et", "en"])
def test_two_surveys_compared_and_responses_planned(
    watched: tuple[Page, Traffic], site_url: str, lang: str
) -> None:
    page, _ = watched
    page.goto(f"{site_url}{PREFIX[lang]}calculators/survey/")
    compare = page.locator("[data-analysis=survey-compare]")
    compare.scroll_into_view_if_needed()
    expect(compare).to_have_attribute("data-engine", "ready", timeout=ENGINE_TIMEOUT)
    for side, counts in (("a", ("40", "30", "30")), ("b", ("60", "25", "15"))):
        for group, count in zip(("promoters", "passives", "detractors"), counts, strict=True):
            compare.locator(f"input[name={side}_{group}]").fill(count)
    expect(compare.locator('[data-output="difference"]')).to_have_text(number(35.0, lang, 1))
    verdict = compare.locator('[data-output="verdict"]')
    expect(verdict).to_have_attribute("data-significant", "true")
    compare.locator("select[name=metric]").select_option("csat")
    for side, (satisfied, n) in (("a", ("70", "100")), ("b", ("75", "100"))):
        compare.locator(f"input[name={side}_satisfied]").fill(satisfied)
        compare.locator(f'[data-side="{side}"] input[name={side}_n]:visible').fill(n)
    expect(compare.locator('[data-output="difference"]')).to_have_text(number(5.0, lang, 1))
    expect(verdict).to_have_attribute("data-significant", "false")
    plan = page.locator("[data-analysis=survey-plan]")
    plan.scroll_into_view_if_needed()
    plan.locator("select[name=metric]").select_option("csat")
    plan.locator("input[name=margin]").fill("5")
    expected: Any = api.survey(
        "plan", {"metric": "csat", "margin": "5", "expected_satisfied": "80", "assurance": "80"}
    )["result"]
    expect(plan.locator('[data-output="n"]')).to_have_text(str(expected["n"]))
    expect(plan.locator('[data-output="usual"]')).to_contain_text(str(expected["n_expected"]))
    json.dumps(expected)


@pytest.mark.parametrize("lang", ["et", "en"])
def test_the_results_have_no_serious_accessibility_violations(
    watched: tuple[Page, Traffic], site_url: str, lang: str
) -> None:
    page, _ = watched
    root = open_workbench(page, site_url, lang)
    root.locator("[data-sample-button]").click()
    expect(root).to_have_attribute("data-state", "done", timeout=ENGINE_TIMEOUT)
    page.locator("[data-analysis=survey-plan]").scroll_into_view_if_needed()
    expect(page.locator("[data-analysis=survey-plan] [data-results]")).to_be_visible(
        timeout=ENGINE_TIMEOUT
    )
    assert violations(page) == []
