"""A calculator's state in its address: short whatever was pasted, and safe against bad links."""

from __future__ import annotations

import random
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from calculators import api

pytestmark = pytest.mark.browser

PREFIX = {"et": "", "en": "en/"}
ENGINE_TIMEOUT = 60_000
NOTICE = {
    "unknown": {"et": "vaikeväärtused", "en": "the defaults are used instead"},
    "counts": {"et": "vastuste arvu iga hinnangu kohta", "en": "number of answers per rating"},
}


def number(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",").replace("-", "\u2212") if lang == "et" else text


def ready(page: Page, name: str) -> Locator:
    root = page.locator(f"[data-calculator={name}]")
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    return root


def paste(field: Locator, text: str) -> None:
    """Put ``text`` into ``field`` at once, as a paste does (Playwright's fill types a long text
    with line breaks for many seconds)."""
    field.evaluate(
        """(field, text) => {
          field.value = text;
          const paste = { bubbles: true, inputType: "insertFromPaste" };
          field.dispatchEvent(new InputEvent("input", paste));
        }""",
        text,
    )


@pytest.mark.parametrize("lang", ["et", "en"])
def test_ten_thousand_pasted_responses_reload_from_a_short_link(
    page: Page, site_url: str, lang: str
) -> None:
    answers = random.Random(7).choices(range(11), weights=range(1, 12), k=10_000)
    pasted = "\n".join(str(answer) for answer in answers)
    expected = api.compute("nps", {"mode": "responses", "responses": pasted})
    assert expected["ok"]
    score = expected["result"]["score"]  # type: ignore[index]

    page.goto(f"{site_url}{PREFIX[lang]}calculators/nps/")
    root = ready(page, "nps")
    root.locator("input[name=mode][value=responses]").check()
    paste(root.locator("textarea[name=responses]"), pasted)
    expect(root.locator('[data-output="n"]')).to_have_text("10000")
    expect(root.locator('[data-output="score"]')).to_have_text(number(score, lang))
    page.wait_for_url(re.compile(r"nps\.c="))
    link = page.url
    assert len(link.encode()) < 2048, link
    assert "nps.responses" not in link and len(link.split("?", 1)[1]) < 200, link

    page.goto("about:blank")
    page.goto(link)
    again = ready(page, "nps")
    expect(again.locator('[data-output="score"]')).to_have_text(number(score, lang))
    expect(again.locator('[data-output="n"]')).to_have_text("10000")
    expect(again.locator("input[name=mode][value=histogram]")).to_be_checked()
    expect(again.locator("[data-notice]")).to_contain_text(NOTICE["counts"][lang])
    expect(again.locator("[data-group=histogram]")).to_be_visible()


def test_a_few_typed_responses_stay_in_the_link_as_typed(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}en/calculators/csat/")
    root = ready(page, "csat")
    root.locator("input[name=mode][value=responses]").check()
    root.locator("textarea[name=responses]").fill("5 4 4 3")
    expect(root.locator('[data-output="n"]')).to_have_text("4")
    assert "csat.responses=5+4+4+3" in page.url
    page.goto(page.url)
    again = ready(page, "csat")
    expect(again.locator("textarea[name=responses]")).to_have_value("5 4 4 3")
    expect(again.locator("[data-notice]")).to_be_hidden()


def test_a_histogram_is_one_short_value_in_the_link(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}en/calculators/ces/")
    root = ready(page, "ces")
    root.locator("input[name=h2]").fill("")
    root.locator("input[name=h7]").fill("12")
    expect(root.locator('[data-output="n"]')).to_have_text("82")
    assert "ces.c=2..5.8.20.35.12" in page.url and "ces.h" not in page.url, page.url
    page.goto(page.url)
    again = ready(page, "ces")
    expect(again.locator("input[name=h2]")).to_have_value("")
    expect(again.locator("input[name=h7]")).to_have_value("12")
    expect(again.locator('[data-output="n"]')).to_have_text("82")


@pytest.mark.parametrize("lang", ["et", "en"])
def test_an_unknown_mode_in_the_link_shows_one_group_and_a_notice(
    page: Page, site_url: str, lang: str
) -> None:
    page.goto(f"{site_url}{PREFIX[lang]}calculators/nps/?nps.mode=bogus&nps.confidence=97")
    root = ready(page, "nps")
    visible = [group for group in root.locator("[data-group]").all() if group.is_visible()]
    assert len(visible) == 1
    expect(root.locator("input[name=mode][value=histogram]")).to_be_checked()
    notice = root.locator("[data-notice]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(NOTICE["unknown"][lang])
    expect(notice).to_contain_text("mode=bogus, confidence=97")
    expect(root.locator('[data-output="message"]')).to_have_text("")  # defaults compute
    root.locator("input[name=h0]").fill("3")
    expect(notice).to_be_hidden()


@pytest.mark.parametrize("counts", ["1.x.3", "1.2.3.4.5.6.7.8.9.10.11.12", "-1", "12345678901"])
def test_malformed_counts_in_the_link_fall_back_to_the_example(
    page: Page, site_url: str, counts: str
) -> None:
    page.goto(f"{site_url}en/calculators/nps/?nps.mode=responses&nps.c={counts}")
    root = ready(page, "nps")
    expect(root.locator("input[name=mode][value=histogram]")).to_be_checked()
    expect(root.locator("[data-notice]")).to_contain_text(f"c={counts}")
    expect(root.locator('[data-output="n"]')).to_have_text("100")  # the worked example
