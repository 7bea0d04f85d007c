"""Preview cards of term links in chromium: mouse, keyboard, touch, and what axe-core sees."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

FRAMEWORK = {"et": "frameworks/relationship-quality/", "en": "en/frameworks/relationship-quality/"}
CX = {"et": "kliendikogemus (CX)", "en": "customer experience (CX)"}
OPEN = {"et": "Ava termini leht", "en": "Open the term page"}


@pytest.mark.parametrize("lang", ["et", "en"])
def test_hovering_a_mention_shows_the_term_and_its_definition(
    page: Page, site_url: str, lang: str
) -> None:
    page.goto(site_url + FRAMEWORK[lang])
    mention = page.locator("article a.mr-mention").first
    card = page.locator("#mr-preview")
    mention.hover()
    expect(card).to_be_visible()
    expect(card.locator("[data-preview-title]")).to_have_text(CX[lang])
    definition = mention.get_attribute("data-preview") or ""
    assert len(definition) > 40
    expect(card.locator("[data-preview-text]")).to_have_text(definition)
    expect(card).to_have_attribute("role", "tooltip")
    expect(mention).to_have_attribute("aria-describedby", "mr-preview")
    expect(card.locator("[data-preview-open]")).to_be_hidden()  # for touch only

    card.hover()  # the card can be hovered without disappearing
    page.wait_for_timeout(400)
    expect(card).to_be_visible()
    page.mouse.move(0, 0)
    expect(card).to_be_hidden()
    expect(mention).not_to_have_attribute("aria-describedby", "mr-preview")


def test_keyboard_focus_shows_the_card_and_escape_closes_it(page: Page, site_url: str) -> None:
    page.goto(site_url + FRAMEWORK["et"])
    mention = page.locator("article a.mr-mention").first
    mention.focus()
    card = page.locator("#mr-preview")
    expect(card).to_be_visible()
    box = mention.bounding_box()
    card_box = card.bounding_box()
    assert box is not None and card_box is not None
    assert card_box["y"] >= box["y"] + box["height"]  # below the link, not over it
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_url}terms/customer-experience/")


def test_author_links_to_terms_have_previews_too(page: Page, site_url: str) -> None:
    page.goto(site_url + "terms/nps/")
    related = page.locator("#related + ul a").first
    related.hover()
    card = page.locator("#mr-preview")
    expect(card).to_be_visible()
    expect(card.locator("[data-preview-title]")).to_have_text(
        related.get_attribute("data-preview-term") or ""
    )


@pytest.mark.parametrize("lang", ["et", "en"])
def test_a_tap_opens_the_card_and_its_link_the_page(
    touch_page: Page, site_url: str, lang: str
) -> None:
    page = touch_page
    page.goto(site_url + FRAMEWORK[lang])
    mention = page.locator("article a.mr-mention").first
    mention.scroll_into_view_if_needed()
    mention.tap()
    card = page.locator("#mr-preview")
    expect(card).to_be_visible()
    expect(page).to_have_url(site_url + FRAMEWORK[lang])  # the first tap did not navigate
    box = card.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    opener = card.locator("[data-preview-open]")
    expect(opener).to_have_text(OPEN[lang])
    page.locator("h1").tap()  # a tap elsewhere closes it
    expect(card).to_be_hidden()
    mention.tap()
    expect(card).to_be_visible()
    opener.tap()
    prefix = "en/" if lang == "en" else ""
    expect(page).to_have_url(f"{site_url}{prefix}terms/customer-experience/")


@pytest.mark.parametrize("lang", ["et", "en"])
def test_no_serious_accessibility_violations_with_a_card_open(
    page: Page, site_url: str, lang: str
) -> None:
    page.goto(site_url + FRAMEWORK[lang])
    page.locator("article a.mr-mention").first.focus()
    expect(page.locator("#mr-preview")).to_be_visible()
    assert violations(page) == []
