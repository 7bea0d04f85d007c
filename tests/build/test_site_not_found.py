"""A page for addresses that do not exist, in each language's part of the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build

PAGES = {
    "et": ("404.html", "Lehte ei leitud", "/"),
    "en": ("en/404.html", "Page not found", "/en/"),
}


@pytest.mark.parametrize("lang", PAGES)
def test_each_language_has_its_404_page(built_site: Path, lang: str) -> None:
    path, title, home = PAGES[lang]
    html = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
    assert html.html is not None and html.html["lang"] == lang
    assert html.select_one("article h1").get_text() == title
    assert html.select_one("article a.md-button")["href"] == home
    # the search is one click away: the button opens the theme's search
    assert html.select_one('article label[for="__search"]') is not None
    # the language switcher leads to the other language's 404 page, not to some other page
    switcher = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
    assert switcher == {"et": "/404.html", "en": "/en/404.html"}
    # no alternates in the head, whose sitemap the theme would fetch (see seo.py)
    assert html.select('head link[rel="alternate"][hreflang]') == []
    scripts = [s["src"] for s in html.select("script[src]")]
    assert "/assets/javascripts/not-found.js" in scripts
    assert (built_site / "assets" / "javascripts" / "not-found.js").is_file()
