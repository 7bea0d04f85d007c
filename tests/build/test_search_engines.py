"""What search engines read: a description in the page's language, robots.txt, the sitemap."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from motteruum.loader import load_glossary
from motteruum.seo import description
from tests.build.test_site import PREFIX, SITE_URL, _calcs
from tests.conftest import LANGUAGES, ROOT

pytestmark = pytest.mark.build


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every page of the site by its folder, without the redirect pages of former ids."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        if "assets" in path.parts:
            continue
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if html.select_one('meta[http-equiv="refresh"]') is None:
            found[str(path.parent.relative_to(site))] = html
    return found


def meta_description(html: BeautifulSoup) -> str:
    (tag,) = html.select('meta[name="description"]')
    text = str(tag["content"])
    assert text.strip() == text and text, tag
    return text


def test_every_page_has_a_description_in_its_language(built_site: Path) -> None:
    glossary = load_glossary(ROOT / "glossary", LANGUAGES, calculators=_calcs())
    expected: dict[str, str] = {}
    for lang in LANGUAGES:
        for term in glossary.terms:
            expected[f"{PREFIX[lang]}terms/{term.id}"] = description(term.text(lang).definition)
        for framework in glossary.frameworks:
            path = f"{PREFIX[lang]}frameworks/{framework.id}"
            expected[path] = description(framework.summary(lang))
    site = pages(built_site)
    home = {"et": meta_description(site["."]), "en": meta_description(site["en"])}
    assert home["et"] != home["en"]
    for path, html in site.items():
        lang = html.html["lang"]
        assert lang == ("en" if path.split("/")[0] == "en" else "et"), path
        text = meta_description(html)
        # pages without a description of their own have the site's, in their language
        assert text == expected.get(path, home[lang]), path
    assert set(expected) <= set(site)


def test_term_descriptions_start_their_definition(built_site: Path) -> None:
    html = pages(built_site)["en/terms/nps"]
    text = meta_description(html)
    assert text.startswith("An index of loyalty")
    assert len(text) <= 160


def test_language_alternates_are_in_the_sitemap_not_in_each_head(built_site: Path) -> None:
    for path, html in pages(built_site).items():
        assert html.head.select("link[hreflang]") == [], path
        assert html.select("a.md-select__link[hreflang]"), path
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'hreflang="en" href="{SITE_URL}en/terms/nps/"' in sitemap


def test_robots_txt_names_the_sitemap(built_site: Path) -> None:
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines() == [
        "User-agent: *",
        "Disallow:",
        "",
        f"Sitemap: {SITE_URL}sitemap.xml",
    ]
