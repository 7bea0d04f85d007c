"""Every internal link and anchor of the built site resolves, in both languages."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build

ROOT_URL = "http://site.invalid/"


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every HTML page of the site by its URL."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        url = ROOT_URL + (
            relative[: -len("index.html")] if relative.endswith("index.html") else relative
        )
        found[url] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return found


def target_file(site: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path).lstrip("/")
    candidate = site / path
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    site = pages(built_site)
    ids = {url: {tag["id"] for tag in soup.select("[id]")} for url, soup in site.items()}
    broken: dict[str, list[str]] = defaultdict(list)
    checked = 0
    for url, soup in site.items():
        if soup.select_one('meta[http-equiv="refresh"]'):
            continue
        for tag in soup.select("a[href], link[href], script[src], img[src]"):
            reference = tag.get("href") or tag.get("src")
            if reference.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            absolute = urljoin(url, reference)
            if not absolute.startswith(ROOT_URL):
                continue  # outside links are checked elsewhere (none may load by themselves)
            checked += 1
            if target_file(built_site, absolute) is None:
                broken[url].append(reference)
                continue
            fragment = urlsplit(absolute).fragment
            page_url = absolute.split("#")[0]
            if fragment and page_url in ids and unquote(fragment) not in ids[page_url]:
                broken[url].append(reference)
    assert checked > 10_000
    assert dict(broken) == {}


def test_both_languages_have_the_same_pages(built_site: Path) -> None:
    estonian = {
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("index.html")
        if not p.relative_to(built_site).as_posix().startswith(("en/", "assets/"))
    }
    english = {
        p.relative_to(built_site / "en").as_posix() for p in (built_site / "en").rglob("index.html")
    }
    assert estonian - {"404.html"} == english
