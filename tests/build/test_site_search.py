"""The built search index: one per site, every entry marked with its language, term and
framework pages carrying their inflected names; every page searches through the wrapper."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from motteruum.search import words
from tests.build.test_site import PREFIX, glossary_terms

pytestmark = pytest.mark.build


def index(site: Path) -> dict[str, dict[str, str]]:
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"]: doc for doc in data["docs"]}


def test_every_entry_is_marked_with_the_language_of_its_page(built_site: Path) -> None:
    docs = index(built_site)
    for location, doc in docs.items():
        assert doc["lang"] == ("en" if location.startswith("en/") else "et"), location
    assert {doc["lang"] for doc in docs.values()} == {"et", "en"}


def test_every_term_page_carries_the_forms_of_its_names(built_site: Path) -> None:
    docs = index(built_site)
    for term in glossary_terms():
        for lang, prefix in PREFIX.items():
            doc = docs[f"{prefix}terms/{term}/"]
            title_words = {word.casefold() for word in words(doc["title"])}
            assert title_words <= set(doc["forms"].split()), (lang, term)
    assert "kliendikogemuste" in docs["terms/customer-experience/"]["headword"].split()
    assert "touchpoints" in docs["en/terms/touchpoint/"]["headword"].split()
    assert "forms" not in docs["terms/customer-experience/#definition"]


def test_every_page_searches_its_own_language_through_the_wrapper(built_site: Path) -> None:
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 150
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        script = soup.select_one("script#__config")
        if script is None:  # a redirect page of a former term id
            continue
        config = json.loads(script.get_text())
        worker = urljoin(path.relative_to(built_site).as_posix(), config["search"])
        address = urlsplit(worker)
        assert address.path == "assets/javascripts/workers/search-i18n.js", path
        query = parse_qs(address.query)
        assert query["lang"] == [soup.html["lang"]], path
        material = urljoin(address.path, query["worker"][0])
        assert (built_site / material).is_file(), material
        dialog = soup.select_one('.md-search[role="dialog"]')
        assert dialog is not None and dialog["aria-label"] == (
            "Search" if soup.html["lang"] == "en" else "Otsing"
        ), path
