"""Self-assessments in chromium: answer, see the score, reload, export, team mode."""

from __future__ import annotations

import json
import re
import statistics

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

PREFIX = {"et": "", "en": "en/"}
ENGINE_TIMEOUT = 60_000


def number(value: float, lang: str, digits: int) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "et" else text


def open_assessment(page: Page, site_url: str, lang: str, name: str) -> Locator:
    page.goto(f"{site_url}{PREFIX[lang]}assessments/{name}/")
    root = page.locator(f"[data-assessment={name}]")
    root.scroll_into_view_if_needed()
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    return root


@pytest.mark.parametrize("lang", ["et", "en"])
def test_answer_all_reload_export_and_team(page: Page, site_url: str, lang: str) -> None:
    root = open_assessment(page, site_url, lang, "cx")
    ids: list[str] = json.loads(root.locator("[data-aspects]").text_content() or "[]")
    assert len(ids) == 14
    mine = [(i % 4) + 1 for i in range(14)]
    for aspect, value in zip(ids, mine, strict=True):
        root.locator(f'input[name="{aspect}"][value="{value}"]').check()
    expect(root.locator('[data-output="mean"]')).to_have_text(number(sum(mine) / 14, lang, 2))
    expect(root.locator('[data-output="answered"]')).to_have_text("14 / 14")
    weakest = root.locator('[data-output="weakest"] li')
    expect(weakest).to_have_count(3)
    first_label = root.locator(f"#aspect-{ids[0]} legend").text_content() or ""
    expect(weakest.first).to_have_text(f"{first_label} (1)")
    profile = root.locator('[data-output="profile"]')
    expect(profile.locator(f'tr[data-aspect="{ids[2]}"] [data-cell="value"]')).to_have_text("3")
    chart = root.locator('[data-chart=""]')
    expect(chart.locator(f'[data-bar="{ids[3]}"] rect')).to_have_attribute("width", "400")
    expect(chart).to_have_attribute("aria-label", re.compile(re.escape(first_label) + ": 1"))

    page.reload()
    root = page.locator("[data-assessment=cx]")
    for aspect, value in zip(ids, mine, strict=True):
        expect(root.locator(f'input[name="{aspect}"][value="{value}"]')).to_be_checked()

    root.locator("[data-participant]").fill("Mari Maasikas")
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    with page.expect_download() as download:
        root.locator('[data-export="csv"]').click()
    exported = download.value.path().read_text(encoding="utf-8-sig")
    assert exported.splitlines()[0] == "participant," + ",".join(ids)
    assert exported.splitlines()[1].startswith("Mari Maasikas,1,2,3,4,")

    jaan = [4] * 14
    kati = [2, 3] * 7
    others = [",".join(["Jaan", *map(str, jaan)]), ",".join(["Kati", *map(str, kati)])]
    broken = "Peeter,1,2,viis"
    root.locator("[data-team] summary").click()
    root.locator("[data-team-csv]").fill(exported + "\n".join([*others, broken]) + "\n")
    expect(root.locator('[data-output="team-participants"]')).to_have_text("3")
    first_row = root.locator(f'[data-output="team-table"] tr[data-aspect="{ids[0]}"]')
    expect(first_row.locator('[data-cell="n"]')).to_have_text("3")
    expected_mean = statistics.mean([mine[0], jaan[0], kati[0]])
    expect(first_row.locator('[data-cell="mean"]')).to_have_text(number(expected_mean, lang, 2))
    expect(first_row.locator('[data-cell="range"]')).to_have_text("1–4")
    sd = statistics.stdev([mine[0], jaan[0], kati[0]])
    expect(first_row.locator('[data-cell="sd"]')).to_have_text(number(sd, lang, 2))
    problems = root.locator('[data-output="team-problems"] li')
    expect(problems).not_to_have_count(0)
    expect(problems.first).to_contain_text("5")  # the row of Peeter, named


def test_answers_in_a_shared_link(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}en/assessments/ex/?ex=40000000000001")
    root = page.locator("[data-assessment=ex]")
    root.scroll_into_view_if_needed()
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    expect(root.locator('[data-output="answered"]')).to_have_text("2 / 14")
    expect(root.locator('[data-output="mean"]')).to_have_text("2.50")


def test_print_view_hides_the_form(page: Page, site_url: str) -> None:
    root = open_assessment(page, site_url, "et", "cx")
    page.emulate_media(media="print")
    expect(root.locator("form")).to_be_hidden()
    expect(root.locator('[data-output="mean"]')).to_be_visible()
    expect(page.locator(".md-header")).to_be_hidden()


#: The x where each bar ends and where each value's grid line is, as the browser lays them out.
CHART_GEOMETRY = """(chart) => ({
  ends: Object.fromEntries([...chart.querySelectorAll("[data-bar]")].map((bar) => {
    const box = bar.querySelector("rect").getBBox();
    return [bar.dataset.bar, box.width ? box.x + box.width : null];
  })),
  lines: Object.fromEntries([...chart.querySelectorAll("line")].map((line, index) =>
    [chart.querySelectorAll("text.mr-assessment__tick")[index].textContent, line.getBBox().x])),
})"""


def test_bars_end_on_the_grid_line_of_their_value(page: Page, site_url: str) -> None:
    """The script takes the chart's scale from the template, for the participant and the team."""
    root = open_assessment(page, site_url, "en", "ex")
    ids: list[str] = json.loads(root.locator("[data-aspects]").text_content() or "[]")
    answers = {ids[0]: 1, ids[1]: 4, ids[2]: 3}
    for aspect, value in answers.items():
        root.locator(f'input[name="{aspect}"][value="{value}"]').check()
    expect(root.locator('[data-output="answered"]')).to_have_text(f"3 / {len(ids)}")
    mine = root.locator('[data-chart=""]').evaluate(CHART_GEOMETRY)
    for aspect, value in answers.items():
        assert mine["ends"][aspect] == pytest.approx(mine["lines"][str(value)], abs=0.01)
    assert mine["ends"][ids[3]] is None  # unanswered: no bar

    header = ",".join(["participant", *ids[:2]])
    root.locator("[data-team] summary").click()
    root.locator("[data-team-csv]").fill(f"{header}\nMari,1,4\nJaan,3,2\n")
    expect(root.locator('[data-output="team-participants"]')).to_have_text("2")
    team = root.locator('[data-chart="team"]').evaluate(CHART_GEOMETRY)
    assert team["ends"][ids[0]] == pytest.approx(team["lines"]["2"], abs=0.01)  # mean 2
    assert team["ends"][ids[1]] == pytest.approx(team["lines"]["3"], abs=0.01)  # mean 3
