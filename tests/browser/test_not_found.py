"""A reader at an address that does not exist: the 404 page of their language, the search,
the way home, and a term id typed in capitals leads to the term."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "title", "search", "home"),
    [
        ("terms/puudub/", "Lehte ei leitud", "Otsi", "Avalehele"),
        ("en/terms/missing/", "Page not found", "Search", "Home page"),
    ],
)
def test_404_page_in_the_language_of_the_address(
    page: Page, site_url: str, path: str, title: str, search: str, home: str
) -> None:
    response = page.goto(f"{site_url}{path}")
    assert response is not None and response.status == 404
    expect(page.locator("article h1")).to_have_text(title)
    assert page.url == f"{site_url}{path}"  # the address the reader typed stays
    page.get_by_text(search, exact=True).click()
    expect(page.locator("#__search")).to_be_checked()  # the theme's search is open
    expect(page.locator(".md-search__input")).to_be_visible()
    # the same search as every page: the worker wrapper in the page's language (its answers
    # are tested in test_search.py)
    lang = "en" if path.startswith("en/") else "et"
    settings = json.loads(page.locator("#__config").text_content() or "{}")
    assert f"search-i18n.js?lang={lang}&" in settings["search"]
    page.keyboard.press("Escape")
    page.get_by_role("link", name=home).click()
    expect(page).to_have_url(f"{site_url}{'en/' if path.startswith('en/') else ''}")


def test_language_switcher_of_the_404_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}en/missing/")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="et"]').click()
    expect(page.locator("article h1")).to_have_text("Lehte ei leitud")


@pytest.mark.parametrize("path", ["terms/NPS/", "en/terms/NPS/#definition", "TERMS/Csat/"])
def test_a_term_id_in_capitals_leads_to_the_term(page: Page, site_url: str, path: str) -> None:
    page.goto(f"{site_url}{path}")
    lower = path.lower() if "#" not in path else path.split("#")[0].lower() + "#definition"
    expect(page).to_have_url(f"{site_url}{lower}")
    expect(page.locator("h1#term")).to_be_visible()
