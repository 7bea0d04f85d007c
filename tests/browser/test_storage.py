"""Storage is an enhancement, never a requirement, and shared links never overwrite.

The browser refuses storage in three ways, each made here by a script that runs before the
page's own: blocked (reading ``localStorage`` or ``sessionStorage`` throws a SecurityError, as
when the reader blocks site data), full (every write throws QuotaExceededError) and corrupt
(the widget's key holds something that is not its JSON). The self-assessment still scores,
exports and clears, and says that answers will not be kept; the crossword still plays; the
search still finds. A link with someone else's answers shows them under a banner and changes
nothing stored until the reader chooses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from motteruum.strings import translate
from tests.browser.conftest import guarded
from tests.browser.test_accessibility import violations
from tests.browser.test_search import open_search, results

pytestmark = pytest.mark.browser

PREFIX = {"et": "", "en": "en/"}
ENGINE_TIMEOUT = 90_000
KEY = "motteruum.assessment.cx"

BLOCKED = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() {
      throw new DOMException("The operation is insecure.", "SecurityError");
    },
  });
}
"""

FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


def corrupt(value: str) -> str:
    """Writes ``value`` under the self-assessment's key before the first page of the tab."""
    return f"""
if (!sessionStorage.getItem("seeded")) {{
  sessionStorage.setItem("seeded", "1");
  localStorage.setItem({json.dumps(KEY)}, {json.dumps(value)});
}}
"""


def t(key: str, lang: str) -> str:
    return translate(key, lang, "et")


def open_assessment(page: Page, url: str) -> Locator:
    page.goto(url)
    root = page.locator("[data-assessment=cx]")
    root.scroll_into_view_if_needed()
    return root


def aspect_ids(root: Locator) -> list[str]:
    ids: list[str] = json.loads(root.locator("[data-aspects]").text_content() or "[]")
    return ids


def answer(root: Locator, code: str) -> None:
    """Check the answers of ``code`` (a digit per aspect in page order, 0 = none)."""
    for aspect, value in zip(aspect_ids(root), code, strict=True):
        if value != "0":
            root.locator(f'input[name="{aspect}"][value="{value}"]').check()


def shown(root: Locator) -> str:
    """The answers checked in the form, as a code."""
    code: str = root.evaluate(
        """(root) => JSON.parse(root.querySelector("[data-aspects]").textContent)
            .map((id) => root.querySelector(`input[name="${id}"]:checked`)?.value || "0")
            .join("")"""
    )
    return code


def stored(page: Page) -> Any:
    return page.evaluate(f"JSON.parse(localStorage.getItem({json.dumps(KEY)}))")


MINE = "12341234123412"


@pytest.mark.parametrize(
    ("case", "lang"),
    [
        ("blocked", "et"),
        ("blocked", "en"),
        ("full", "et"),
        ("full", "en"),
        ("corrupt-syntax", "en"),
        ("corrupt-shape", "et"),
    ],
)
def test_self_assessment_scores_exports_and_clears_without_storage(
    page: Page, site_url: str, case: str, lang: str
) -> None:
    script = {
        "blocked": BLOCKED,
        "full": FULL,
        "corrupt-syntax": corrupt("{"),
        "corrupt-shape": corrupt('{"answers": 5}'),
    }[case]
    reason = case.split("-")[0]
    page.add_init_script(script)
    root = open_assessment(page, f"{site_url}{PREFIX[lang]}assessments/cx/")
    notice = root.locator("[data-storage-notice]")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(t(f"storage.{reason}", lang))
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    if reason == "corrupt":
        assert stored(page) is None  # the bad value is gone

    answer(root, MINE)
    expect(root.locator('[data-output="answered"]')).to_have_text("14 / 14")
    mean = f"{sum(map(int, MINE)) / 14:.2f}"
    expect(root.locator('[data-output="mean"]')).to_have_text(
        mean.replace(".", ",") if lang == "et" else mean
    )
    root.locator("[data-participant]").fill("Mari Maasikas")
    with page.expect_download() as download:
        root.locator('[data-export="csv"]').click()
    exported = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert exported[1] == "Mari Maasikas," + ",".join(MINE)

    # A reload keeps the answers and the name: from storage, or without it from the address
    # and the tab's history entry, as the reader's own (no shared-link banner).
    page.reload()
    root = page.locator("[data-assessment=cx]")
    expect(root.locator("[data-participant]")).to_have_value("Mari Maasikas")
    assert shown(root) == MINE
    expect(root.locator("[data-shared]")).to_be_hidden()
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    expect(root.locator('[data-output="answered"]')).to_have_text("14 / 14")

    root.locator("[data-clear]").click()
    expect(root.locator('[data-output="answered"]')).to_have_text("0 / 14")
    assert shown(root) == "0" * 14
    if reason == "corrupt":
        assert stored(page)["answers"] == dict.fromkeys(aspect_ids(root), "")


def keep_own_answers(page: Page, site_url: str, lang: str) -> Any:
    """Answer as a reader with a name; what is stored then."""
    root = open_assessment(page, f"{site_url}{PREFIX[lang]}assessments/cx/")
    answer(root, MINE)
    root.locator("[data-participant]").fill("Mari Maasikas")
    mine = stored(page)
    assert mine["participant"] == "Mari Maasikas"
    return mine


LINK = "40000000000021"


@pytest.mark.parametrize("lang", ["et", "en"])
def test_a_shared_link_changes_nothing_until_keep_mine(
    page: Page, site_url: str, lang: str
) -> None:
    mine = keep_own_answers(page, site_url, lang)
    root = open_assessment(page, f"{site_url}{PREFIX[lang]}assessments/cx/?cx={LINK}")
    banner = root.locator("[data-shared]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(t("assess.shared", lang))
    assert shown(root) == LINK
    expect(root.locator("[data-participant]")).to_have_value("")  # not the stored name

    # Working on the link's answers (and reloading) leaves the stored ones alone.
    ids = aspect_ids(root)
    root.locator(f'input[name="{ids[1]}"][value="3"]').check()
    root.locator("[data-clear]").click()
    root.locator(f'input[name="{ids[2]}"][value="2"]').check()
    assert stored(page) == mine
    page.reload()
    root = page.locator("[data-assessment=cx]")
    expect(root.locator("[data-shared]")).to_be_visible()
    assert shown(root) == "00200000000000"
    assert stored(page) == mine

    root.locator("[data-shared-keep]").click()
    expect(root.locator("[data-shared]")).to_be_hidden()
    assert "cx=" not in page.url
    assert shown(root) == MINE
    expect(root.locator("[data-participant]")).to_have_value("Mari Maasikas")
    assert stored(page) == mine


@pytest.mark.parametrize("lang", ["et", "en"])
def test_use_these_stores_the_link_answers_without_the_name(
    page: Page, site_url: str, lang: str
) -> None:
    keep_own_answers(page, site_url, lang)
    root = open_assessment(page, f"{site_url}{PREFIX[lang]}assessments/cx/?cx={LINK}")
    use = root.locator("[data-shared-use]")
    expect(use).to_have_text(t("assess.shared.use", lang))
    expect(root.locator("[data-shared-keep]")).to_have_text(t("assess.shared.keep", lang))
    use.click()
    expect(root.locator("[data-shared]")).to_be_hidden()
    ids = aspect_ids(root)
    link_answers = {i: "" if v == "0" else v for i, v in zip(ids, LINK, strict=True)}
    assert stored(page) == {"answers": link_answers, "participant": ""}
    expect(root.locator("[data-participant]")).to_have_value("")

    # They are the reader's own now: a reload shows them without the banner, and so does
    # opening the same link again.
    page.reload()
    root = page.locator("[data-assessment=cx]")
    assert shown(root) == LINK
    expect(root.locator("[data-shared]")).to_be_hidden()
    root = open_assessment(page, f"{site_url}{PREFIX[lang]}assessments/cx/?cx={LINK}")
    assert shown(root) == LINK
    expect(root.locator("[data-shared]")).to_be_hidden()


def test_a_shared_link_without_storage_is_still_the_link(page: Page, site_url: str) -> None:
    page.add_init_script(BLOCKED)
    root = open_assessment(page, f"{site_url}en/assessments/cx/?cx={LINK}")
    expect(root.locator("[data-shared]")).to_be_visible()
    expect(root.locator("[data-storage-notice]")).to_have_text(t("storage.blocked", "en"))
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    expect(root.locator('[data-output="answered"]')).to_have_text("3 / 14")
    root.locator("[data-shared-use]").click()
    expect(root.locator("[data-shared]")).to_be_hidden()
    page.reload()
    root = page.locator("[data-assessment=cx]")
    assert shown(root) == LINK
    expect(root.locator("[data-shared]")).to_be_hidden()


@pytest.fixture
def axe_page(browser: Browser) -> Iterator[Page]:
    """A page that lets axe-core's script in (:func:`guarded` otherwise)."""
    yield from guarded(browser.new_context(locale="et-EE", bypass_csp=True))


def test_notice_and_banner_have_no_serious_accessibility_violations(
    axe_page: Page, site_url: str
) -> None:
    page = axe_page
    page.add_init_script(BLOCKED)
    root = open_assessment(page, f"{site_url}assessments/cx/?cx={LINK}")
    expect(root.locator("[data-storage-notice]")).to_be_visible()
    expect(root.locator("[data-shared]")).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize("lang", ["et", "en"])
def test_crossword_plays_with_storage_blocked(page: Page, site_url: str, lang: str) -> None:
    page.add_init_script(BLOCKED)
    page.goto(f"{site_url}{PREFIX[lang]}crossword/")
    root = page.locator("[data-crossword]")
    expect(root).to_have_attribute("data-state", "ready")
    expect(root.locator("[data-storage-notice]")).to_have_text(t("storage.blocked", lang))
    data = json.loads(root.locator("script[data-puzzle]").text_content() or "")
    clue = next(
        c
        for c in data["clues"]
        if c["direction"] == "across" and re.fullmatch("[A-Z]+", c["answer"])
    )
    root.locator(f'[data-clue="{clue["number"]}-across"]').click()
    letters = clue["answer"]
    page.keyboard.type(letters.lower())
    row = root.locator(f"table[data-grid] tr:nth-child({clue['row'] + 1})")
    cells = row.locator("td").nth(clue["col"]).locator(".mr-cell__letter")
    expect(cells).to_have_text(letters[0])
    root.locator('[data-action="check-word"]').click()
    expect(root.locator("[data-status]")).to_have_text(t("crossword.status.correct", lang))


@pytest.mark.parametrize(
    ("lang", "query", "term"),
    [("et", "kliendikogemuse", "customer-experience"), ("en", "touchpoints", "touchpoint")],
)
def test_search_works_with_storage_blocked(
    page: Page, site_url: str, lang: str, query: str, term: str
) -> None:
    page.add_init_script(BLOCKED)
    box = open_search(page, site_url, lang)
    found = results(page, box, query)
    assert f"/{PREFIX[lang]}terms/{term}/" in found[:3]
