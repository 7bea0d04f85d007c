"""Each calculator, filled in through its markup contract, in both languages, in chromium."""

from __future__ import annotations

import math
import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

PREFIX = {"et": "", "en": "en/"}
ENGINE_TIMEOUT = 60_000  # Pyodide starts in seconds; the page gives up after 15 s without a byte


def number(value: float, lang: str, digits: int = 1) -> str:
    """How the page writes a number: decimal comma and U+2212 minus in Estonian."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",").replace("-", "\u2212") if lang == "et" else text


def adjusted_wald(promoters: int, passives: int, detractors: int) -> tuple[float, float]:
    """95 % adjusted-Wald interval of NPS, written out from Sauro & Lewis (2016), ch. 5."""
    n = promoters + passives + detractors + 3
    p, d = (promoters + 0.75) / n, (detractors + 0.75) / n
    centre, variance = p - d, p + d - (p - d) ** 2
    margin = 1.959964 * math.sqrt(variance / n)
    return 100 * max(-1, centre - margin), 100 * min(1, centre + margin)


def open_calculator(page: Page, site_url: str, lang: str, name: str, query: str = "") -> Locator:
    page.goto(f"{site_url}{PREFIX[lang]}calculators/{name}/{query}")
    root = page.locator(f"[data-calculator={name}]")
    root.scroll_into_view_if_needed()
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    return root


def output(root: Locator, key: str) -> Locator:
    return root.locator(f'[data-output="{key}"]')


@pytest.mark.parametrize("lang", ["et", "en"])
def test_nps_counts_with_interval_and_shared_link(page: Page, site_url: str, lang: str) -> None:
    root = open_calculator(page, site_url, lang, "nps")
    root.locator("input[name=mode][value=counts]").check()
    root.locator("input[name=promoters]").fill("80")
    root.locator("input[name=passives]").fill("30")
    root.locator("input[name=detractors]").fill("40")
    expect(output(root, "score")).to_have_text(number(80 / 150 * 100 - 40 / 150 * 100, lang))
    low, high = adjusted_wald(80, 30, 40)
    expect(output(root, "ci-low")).to_have_text(number(low, lang))
    expect(output(root, "ci-high")).to_have_text(number(high, lang))
    expect(output(root, "n")).to_have_text("150")
    expect(output(root, "message")).to_have_text("")

    shared = page.url
    assert "nps.promoters=80" in shared and "nps.h0" not in shared
    page.goto("about:blank")
    page.goto(shared)
    again = page.locator("[data-calculator=nps]")
    expect(again).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    expect(output(again, "score")).to_have_text(number(26.67, lang))
    expect(again.locator("input[name=detractors]")).to_have_value("40")


@pytest.mark.parametrize("lang", ["et", "en"])
def test_bad_input_gives_a_precise_message(page: Page, site_url: str, lang: str) -> None:
    root = open_calculator(page, site_url, lang, "nps")
    root.locator("input[name=mode][value=responses]").check()
    root.locator("textarea[name=responses]").fill("10; 9\n7, 11 x")
    message = output(root, "message")
    expect(message).to_have_attribute("role", "alert")
    if lang == "et":
        expect(message).to_have_text("Ei ole arv: x. (kohal 5)")
    else:
        expect(message).to_have_text("Not a number: x. (at position 5)")
    root.locator("textarea[name=responses]").fill("10; 9\n7, 11")
    expected = (
        "Lubatud vahemikust väljas: 11." if lang == "et" else "Outside the allowed range: 11."
    )
    expect(message).to_have_text(re.compile("^" + re.escape(expected)))
    expect(output(root, "score")).to_have_text("–")


@pytest.mark.parametrize("lang", ["et", "en"])
def test_ces_states_direction_and_agreement(page: Page, site_url: str, lang: str) -> None:
    root = open_calculator(page, site_url, lang, "ces")
    root.locator("input[name=mode][value=responses]").check()
    root.locator("textarea[name=responses]").fill("7 6 5 2")
    expect(output(root, "score")).to_have_text(number(5.0, lang, 2))
    expect(output(root, "agree")).to_have_text(number(75.0, lang))
    expect(output(root, "n")).to_have_text("4")
    higher = "Kõrgem tulemus on parem." if lang == "et" else "A higher result is better."
    expect(output(root, "direction")).to_have_text(higher)
    root.locator("select[name=scale]").select_option("ces1")
    root.locator("textarea[name=responses]").fill("1 2 2 5")
    expect(output(root, "score")).to_have_text(number(2.5, lang, 2))
    lower = "Madalam tulemus on parem." if lang == "et" else "A lower result is better."
    expect(output(root, "direction")).to_have_text(lower)
    expect(output(root, "agree")).to_be_hidden()


@pytest.mark.parametrize("lang", ["et", "en"])
def test_csat_histogram_and_chart(page: Page, site_url: str, lang: str) -> None:
    root = open_calculator(page, site_url, lang, "csat")
    for value, count in zip(range(1, 6), [1, 1, 1, 3, 4], strict=True):
        root.locator(f"input[name=h{value}]").fill(str(count))
    expect(output(root, "score")).to_have_text(number(70.0, lang))
    expect(output(root, "n")).to_have_text("10")
    chart = root.locator("[data-chart]")
    expect(chart).to_have_attribute("aria-label", re.compile(r"5 4$"))
    tallest = chart.locator("[data-bar=h5] rect")
    expect(tallest).to_have_attribute("height", "90")


@pytest.mark.parametrize("lang", ["et", "en"])
def test_enps_withholds_small_groups(page: Page, site_url: str, lang: str) -> None:
    query = "?enps.mode=counts&enps.promoters=2&enps.passives=1&enps.detractors=1"
    root = open_calculator(page, site_url, lang, "enps", query)
    expect(output(root, "message")).to_contain_text("5")
    expect(output(root, "score")).to_have_text("–")
    expect(output(root, "n")).to_have_text("4")
    root.locator("input[name=promoters]").fill("3")
    expect(output(root, "message")).to_have_text("")
    expect(output(root, "score")).to_have_text(number(40.0, lang))


def test_engine_failure_shows_retry_not_a_spinner(page: Page, site_url: str) -> None:
    page.route("**/assets/pyodide/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(f"{site_url}calculators/csat/")
    root = page.locator("[data-calculator=csat]")
    root.scroll_into_view_if_needed()
    expect(root).to_have_attribute("data-state", "error", timeout=ENGINE_TIMEOUT)
    retry = root.locator("[data-retry]")
    expect(retry).to_be_visible()
    page.unroute("**/assets/pyodide/pyodide.asm.wasm")
    retry.click()
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)


def test_pages_without_calculators_never_load_the_engine(page: Page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}terms/nps/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "pyodide" in url or "calculator-worker" in url]


def test_engine_waits_until_the_calculator_is_seen(page: Page, site_url: str) -> None:
    requested: list[str] = []
    page.set_viewport_size({"width": 1200, "height": 600})
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}calculators/")  # its example calculator is at the end of the page
    page.wait_for_load_state("networkidle")
    root = page.locator("[data-calculator=csat]")
    assert root.evaluate("element => element.getBoundingClientRect().top") > 600
    expect(root).to_have_attribute("data-state", "loading")
    assert not [url for url in requested if "pyodide" in url or "calculator-worker" in url]
    expect(output(root, "score")).not_to_have_text("–")  # the worked example from the build
    root.scroll_into_view_if_needed()
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    assert [url for url in requested if url.endswith("pyodide.asm.wasm")]


@pytest.mark.parametrize("width,height", [(360, 640), (1280, 720)])
def test_a_calculator_that_starts_at_once_is_in_view_when_its_page_opens(
    page: Page, site_url: str, width: int, height: int
) -> None:
    """The calculator pages start their engine from the head (eager): rightly so only if the
    calculator is on screen at once, on a phone as on a desktop."""
    page.set_viewport_size({"width": width, "height": height})
    for lang in PREFIX:
        for name in ("nps", "enps", "ces", "csat"):
            with page.expect_request("**/calculator-worker.js"):
                page.goto(f"{site_url}{PREFIX[lang]}calculators/{name}/", wait_until="commit")
            root = page.locator(f"[data-calculator={name}]")
            top = root.evaluate("element => element.getBoundingClientRect().top")
            assert top < height, (lang, name, top)  # as a calculator seen at its first layout


#: Each bar's bottom and top, and its count's baseline, as the browser lays the chart out.
BAR_GEOMETRY = """(chart) => [...chart.querySelectorAll("[data-bar]")].map((bar) => {
  const box = bar.querySelector("rect").getBBox();
  const count = bar.querySelector("[data-count]");
  return {bottom: box.y + box.height, height: box.height, count: Number(count.getAttribute("y"))};
})"""


def test_bars_drawn_by_the_script_stand_where_the_template_puts_them(
    page: Page, site_url: str
) -> None:
    """The script takes the chart's geometry from the template: after a new result every bar
    still stands on the template's baseline, the tallest as tall as the template draws it."""
    page.goto(f"{site_url}en/calculators/csat/")
    chart = page.locator("[data-calculator=csat] [data-chart]")
    static = chart.evaluate(BAR_GEOMETRY)
    root = open_calculator(page, site_url, "en", "csat")
    for value, count in zip(range(1, 6), [5, 0, 2, 1, 3], strict=True):
        root.locator(f"input[name=h{value}]").fill(str(count))
    expect(output(root, "n")).to_have_text("11")
    drawn = chart.evaluate(BAR_GEOMETRY)
    bottoms = {round(bar["bottom"], 3) for bar in static + drawn}
    assert len(bottoms) == 1, bottoms  # one baseline, the template's
    assert max(bar["height"] for bar in drawn) == max(bar["height"] for bar in static)
    gaps = {round(bar["bottom"] - bar["height"] - bar["count"], 1) for bar in static + drawn}
    assert len(gaps) == 1, gaps  # each count the same distance above its bar
