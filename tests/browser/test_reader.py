"""A reader finds a term in the Estonian glossary and switches to English on the same term."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_index_to_term_then_switch_language(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}terms/")
    expect(page.locator("h1")).to_have_text(re.compile("^Sõnastik"))
    page.locator("nav.mr-letters").get_by_role("link", name="S", exact=True).click()
    expect(page).to_have_url(f"{site_url}terms/#letter-s")

    page.locator("#letter-s + ul").get_by_role("link", name="soovitusindeks").click()
    expect(page).to_have_url(f"{site_url}terms/nps/")
    expect(page.locator("h1")).to_have_text(re.compile("^soovitusindeks"))
    expect(page.locator("html")).to_have_attribute("lang", "et")

    page.get_by_role("button", name="Vali keel").click()
    page.locator("a.md-select__link[hreflang=en]").click()
    expect(page).to_have_url(f"{site_url}en/terms/nps/")
    expect(page.locator("h1")).to_have_text(re.compile("^Net Promoter Score"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#definition")).to_have_text(re.compile("^Definition"))


def test_related_term_and_back_to_estonian(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}en/terms/nps/")
    # eNPS is a narrower term of NPS (its own section since names and relations are typed)
    page.locator("#narrower + ul").get_by_role("link", name="Employee Net Promoter Score").click()
    expect(page).to_have_url(f"{site_url}en/terms/enps/")
    page.get_by_role("button", name="Select language").click()
    page.locator("a.md-select__link[hreflang=et]").click()
    expect(page).to_have_url(f"{site_url}terms/enps/")
    expect(page.locator("h1")).to_have_text(re.compile("^töötajate soovitusindeks"))


def test_deep_link_to_a_section_survives_the_language_switch(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}terms/customer-experience/#definition")
    expect(page.locator("#definition")).to_be_in_viewport()
    page.goto(f"{site_url}en/terms/customer-experience/#definition")
    expect(page.locator("#definition")).to_have_text(re.compile("^Definition"))


def test_a_renamed_term_redirects_with_its_anchor(page: Page, renamed_site_url: str) -> None:
    page.goto(f"{renamed_site_url}en/terms/net-promoter/#definition")
    expect(page).to_have_url(f"{renamed_site_url}en/terms/nps/#definition")
    expect(page.locator("h1")).to_have_text(re.compile("^Net Promoter Score"))
