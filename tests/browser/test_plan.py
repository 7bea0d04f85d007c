"""The action plan worksheet in chromium, in both languages: fill rows, reload, tick criteria,
export CSV (written by calculators.plan in the page's engine), print on one A4 page, work
without storage, and operate it by keyboard."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from playwright.sync_api import Download, Locator, Page, expect

from calculators.plan import COLUMNS
from motteruum.strings import translate
from tests.browser.test_accessibility import violations
from tests.browser.test_storage import BLOCKED, FULL

pytestmark = pytest.mark.browser

PREFIX = {"et": "", "en": "en/"}
ENGINE_TIMEOUT = 90_000
KEY = "motteruum.plan.{lang}.abc"

ROWS = {
    "et": [
        {
            "activity": "Klienditeekonna kaardistamine kolmes kanalis",
            "goal": "Teame, kus kliendid kõige rohkem vaeva näevad",
            "owner": "Kliendikogemuse juht",
            "deadline": "I kvartal",
            "measure": "Kaardistatud teekondi: 3",
            "resources": "4 töötuba, 20 töötundi",
            "communication": "Juhtkond; teenindajad",
        },
        {
            "activity": "Tagasiside kogumine pärast kontakti",
            "goal": "CSAT 78 %-lt 85 %-ni",
            "owner": '=HYPERLINK("http://x";"klõps")',
            "deadline": "jaanuar–juuni",
            "measure": "+CSAT kord kuus",
            "resources": "",
            "communication": "Teenindajad",
        },
    ],
    "en": [
        {
            "activity": "Map the customer journey in three channels",
            "goal": "We know where customers struggle most",
            "owner": "Head of customer experience",
            "deadline": "Q1",
            "measure": "Journeys mapped: 3",
            "resources": "4 workshops, 20 hours",
            "communication": "Management, agents",
        },
        {
            "activity": "Collect feedback after each contact",
            "goal": "CSAT from 78% to 85%",
            "owner": '=HYPERLINK("http://x","click")',
            "deadline": "January to June",
            "measure": "+CSAT every month",
            "resources": "",
            "communication": "Service agents",
        },
    ],
}


def t(key: str, lang: str, **values: object) -> str:
    return translate(key, lang, "et", **values)


def open_plan(page: Page, site_url: str, lang: str) -> Locator:
    page.goto(f"{site_url}{PREFIX[lang]}plan/abc/")
    root = page.locator("[data-plan=abc]")
    expect(root).to_have_attribute("data-restored", "true")
    return root


def cell(root: Locator, lang: str, column: str, row: int) -> Locator:
    """A cell's field, found by its accessible name (its column and row)."""
    label = t("plan.cell", lang, column=t(f"plan.column.{column}", lang), row=row)
    return root.get_by_role("textbox", name=label, exact=True)


def fill_row(root: Locator, lang: str, row: int, values: dict[str, str]) -> None:
    for column, text in values.items():
        cell(root, lang, column, row).fill(text)


def shown_rows(root: Locator) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = root.evaluate(
        """(root) => Array.from(root.querySelectorAll("tr[data-row]"), (row) =>
            Object.fromEntries(Array.from(row.querySelectorAll("textarea"),
                (field) => [field.dataset.column, field.value])))"""
    )
    return rows


def stored(page: Page, lang: str) -> Any:
    return page.evaluate(f"JSON.parse(localStorage.getItem({json.dumps(KEY.format(lang=lang))}))")


def export(page: Page, root: Locator) -> Download:
    with page.expect_download(timeout=ENGINE_TIMEOUT) as download:
        root.locator('[data-export="csv"]').click()
    return download.value


def read_csv(download: Download, lang: str) -> list[list[str]]:
    data = download.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    delimiter = t("plan.csv.delimiter", lang)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def pages(pdf: bytes) -> list[bytes]:
    return re.findall(rb"/Count (\d+)", pdf)


@pytest.mark.parametrize("lang", ["et", "en"])
def test_fill_reload_tick_and_export(page: Page, site_url: str, lang: str) -> None:
    root = open_plan(page, site_url, lang)
    expect(root.locator("tbody[data-rows] tr")).to_have_count(3)
    expect(root.locator("[data-storage-notice]")).to_be_hidden()  # kept on the device
    first, second = ROWS[lang]
    fill_row(root, lang, 1, first)
    fill_row(root, lang, 2, second)
    boxes = root.locator("[data-criterion]")
    expect(boxes).to_have_count(7)
    printed = root.locator("tbody[data-rows] tr").nth(0).locator("[data-printed]")
    expect(printed).to_have_text([first[column] for column in COLUMNS])  # kept as typed
    boxes.nth(0).check()
    boxes.nth(6).check()
    expect(root.locator('[data-output="criteria"]')).to_have_text(
        t("plan.criteria.count", lang, done=2, total=7)
    )

    page.reload()
    root = page.locator("[data-plan=abc]")
    expect(root).to_have_attribute("data-restored", "true")
    blank = dict.fromkeys(COLUMNS, "")
    assert shown_rows(root) == [first, second, blank]
    expect(cell(root, lang, "owner", 2)).to_have_value(second["owner"])
    printed = root.locator("tbody[data-rows] tr").nth(1).locator("[data-printed]")
    expect(printed).to_have_text([second[column] for column in COLUMNS])
    assert [box.is_checked() for box in boxes.all()] == [True, *[False] * 5, True]
    expect(root.locator('[data-output="criteria"]')).to_have_text(
        t("plan.criteria.count", lang, done=2, total=7)
    )
    assert stored(page, lang)["rows"][:2] == [first, second]

    download = export(page, root)
    assert download.suggested_filename == f"{t('plan.file', lang)}.csv"
    rows = read_csv(download, lang)
    assert rows[0] == [t(f"plan.column.{column}", lang) for column in COLUMNS]
    assert rows[1] == [first[column] for column in COLUMNS]
    expected = [second[column] for column in COLUMNS]
    expected[2] = "'" + expected[2]  # formulas are written as text
    expected[4] = "'" + expected[4]
    assert rows[2] == expected
    assert len(rows) == 3  # the blank third row is left out
    expect(root.locator("[data-status]")).to_have_text(t("plan.exported", lang, rows=2))
    expect(root.locator("[data-retry]")).to_be_hidden()

    # each language's page keeps its own plan
    other = "en" if lang == "et" else "et"
    root = open_plan(page, site_url, other)
    assert shown_rows(root) == [blank] * 3
    assert stored(page, lang)["rows"][:2] == [first, second]


def test_rows_by_keyboard_the_example_and_starting_over(page: Page, site_url: str) -> None:
    lang = "en"
    root = open_plan(page, site_url, lang)
    example = root.locator("tr[data-example]")
    expect(example.locator("th")).to_have_text(t("plan.example", lang))
    expect(example.locator("textarea")).to_have_count(0)  # shown, not part of the plan

    # Copy the example into the first empty row, then type into the next row.
    fill_row(root, lang, 1, {"activity": "Mine"})
    root.locator("[data-use-example]").click()
    expect(cell(root, lang, "activity", 2)).to_have_value(t("plan.example.activity", lang))
    expect(cell(root, lang, "activity", 2)).to_be_focused()
    expect(root.locator("[data-status]")).to_have_text(t("plan.example.used", lang, row=2))

    # Add a row with the keyboard: focus goes to its first cell.
    root.locator("[data-add]").focus()
    page.keyboard.press("Enter")
    expect(root.locator("tbody[data-rows] tr")).to_have_count(4)
    expect(cell(root, lang, "activity", 4)).to_be_focused()
    page.keyboard.type("Fourth")
    page.keyboard.press("Tab")
    expect(cell(root, lang, "goal", 4)).to_be_focused()

    # Remove row 3 with the keyboard: the rows after it are renumbered, names included.
    remove = root.get_by_role("button", name=t("plan.remove", lang, row=3), exact=True)
    remove.focus()
    page.keyboard.press("Enter")
    expect(root.locator("tbody[data-rows] tr")).to_have_count(3)
    expect(cell(root, lang, "activity", 3)).to_have_value("Fourth")
    next_remove = root.get_by_role("button", name=t("plan.remove", lang, row=3), exact=True)
    expect(next_remove).to_be_focused()
    expect(root.locator("[data-status]")).to_have_text(t("plan.removed", lang, row=3))
    assert [row["activity"] for row in stored(page, lang)["rows"]] == [
        "Mine",
        t("plan.example.activity", lang),
        "Fourth",
    ]

    # A criterion ticks with the space bar.
    box = root.locator("[data-criterion]").first
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    assert violations(page) == []

    # Starting over asks first; declining keeps everything.
    page.once("dialog", lambda dialog: dialog.dismiss())
    root.locator("[data-clear]").click()
    expect(cell(root, lang, "activity", 1)).to_have_value("Mine")
    page.once("dialog", lambda dialog: dialog.accept())
    root.locator("[data-clear]").click()
    assert shown_rows(root) == [dict.fromkeys(COLUMNS, "")] * 3
    expect(box).not_to_be_checked()
    assert stored(page, lang) is None


def test_an_empty_plan_is_not_exported(page: Page, site_url: str) -> None:
    root = open_plan(page, site_url, "et")
    root.locator('[data-export="csv"]').click()
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    expect(root.locator('[data-output="message"]')).to_have_text(t("plan.export.empty", "et"))
    expect(root.locator("[data-retry]")).to_be_hidden()


@pytest.mark.parametrize("lang", ["et", "en"])
def test_ten_rows_print_on_one_a4_page(page: Page, site_url: str, lang: str) -> None:
    root = open_plan(page, site_url, lang)
    for _ in range(10):  # the example's long texts in every row
        root.locator("[data-use-example]").click()
    expect(root.locator("tbody[data-rows] tr")).to_have_count(10)
    root.locator("[data-criterion]").nth(1).check()

    page.emulate_media(media="print")
    for hidden in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        "tr[data-example]",
        "[data-add]",
        "[data-remove] >> nth=0",
        ".mr-plan__intro",
        "#how",  # the page's explanations are for the screen
    ):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    # every cell's whole text, in any browser: printed from its copy, not from the textarea
    last = root.locator("tbody[data-rows] tr").nth(9).locator("td").nth(6)
    expect(last.locator("textarea")).to_be_hidden()
    expect(last.locator("[data-printed]")).to_be_visible()
    expect(last.locator("[data-printed]")).to_have_text(t("plan.example.communication", lang))
    expect(root.locator("[data-criterion]").nth(1)).to_be_visible()

    assert pages(page.pdf(format="A4")) == [b"1"]
    # landscape, as the page asks for when the browser lets it choose
    assert pages(page.pdf(format="A4", prefer_css_page_size=True)) == [b"1"]


@pytest.mark.parametrize(("case", "lang"), [("blocked", "et"), ("blocked", "en"), ("full", "en")])
def test_without_storage_the_plan_works_and_says_it_is_not_kept(
    page: Page, site_url: str, case: str, lang: str
) -> None:
    page.add_init_script(BLOCKED if case == "blocked" else FULL)
    root = open_plan(page, site_url, lang)
    notice = root.locator("[data-storage-notice]")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(t(f"plan.storage.{case}", lang))
    first = ROWS[lang][0]
    fill_row(root, lang, 1, first)
    root.locator("[data-add]").click()
    root.locator("[data-criterion]").first.check()
    expect(root.locator("tbody[data-rows] tr")).to_have_count(4)
    rows = read_csv(export(page, root), lang)
    assert rows[1:] == [[first[column] for column in COLUMNS]]
    assert violations(page) == []

    page.reload()
    root = page.locator("[data-plan=abc]")
    expect(root).to_have_attribute("data-restored", "true")
    expect(root.locator("[data-storage-notice]")).to_be_visible()
    assert shown_rows(root) == [dict.fromkeys(COLUMNS, "")] * 3  # not kept, as it said


def test_a_stored_value_that_is_not_a_plan_is_set_aside(page: Page, site_url: str) -> None:
    key = KEY.format(lang="et")
    page.add_init_script(
        f"""if (!sessionStorage.getItem("seeded")) {{
              sessionStorage.setItem("seeded", "1");
              localStorage.setItem({json.dumps(key)}, '{{"rows": [{{"activity": 5}}]}}');
            }}"""
    )
    root = open_plan(page, site_url, "et")
    expect(root.locator("[data-storage-notice]")).to_have_text(t("plan.storage.corrupt", "et"))
    assert stored(page, "et") is None
    assert shown_rows(root) == [dict.fromkeys(COLUMNS, "")] * 3
    fill_row(root, "et", 1, {"activity": "Uus"})
    assert stored(page, "et")["rows"][0]["activity"] == "Uus"


def test_an_engine_that_does_not_start_is_said_and_retried(page: Page, site_url: str) -> None:
    lang = "en"
    page.route("**/assets/pyodide/**", lambda route: route.abort())
    root = open_plan(page, site_url, lang)
    fill_row(root, lang, 1, {"activity": "Kept while the engine is away"})
    root.locator('[data-export="csv"]').click()
    expect(root).to_have_attribute("data-state", "error", timeout=ENGINE_TIMEOUT)
    expect(root.locator("[data-status]")).to_have_text(t("plan.state.error", lang))
    retry = root.locator("[data-retry]")
    expect(retry).to_be_visible()
    assert stored(page, lang)["rows"][0]["activity"] == "Kept while the engine is away"

    page.unroute("**/assets/pyodide/**")
    retry.click()
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    expect(retry).to_be_hidden()
    rows = read_csv(export(page, root), lang)
    assert rows[1][0] == "Kept while the engine is away"
