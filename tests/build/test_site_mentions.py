"""Term mentions in the built site: linked once per section, never in headings, code or links,
never to the page itself, each with its preview; lists of terms left as they are."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from posixpath import join, normpath

import pytest
from bs4 import BeautifulSoup, Tag

from tests.build.test_site import PREFIX
from tests.conftest import copy_project, mkdocs

pytestmark = pytest.mark.build

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def pages(site: Path) -> list[tuple[str, BeautifulSoup]]:
    found = []
    for path in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one("article.md-content__inner"):
            found.append((path.parent.relative_to(site).as_posix() + "/", soup))
    return found


def term_of(link: Tag, page: str) -> str:
    """The term id a link on ``page`` points to (its href resolved like a browser would)."""
    target = normpath(join(page, str(link["href"]).split("#")[0]))
    return target.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def site_pages(built_site: Path) -> list[tuple[str, BeautifulSoup]]:
    return pages(built_site)


def test_mentions_are_linked_on_framework_and_content_pages(
    site_pages: list[tuple[str, BeautifulSoup]],
) -> None:
    linked: Counter[str] = Counter()
    for path, soup in site_pages:
        linked[path] = len(soup.select("a.mr-mention"))
    for prefix in PREFIX.values():
        assert linked[f"{prefix}frameworks/relationship-quality/"] >= 5
        assert linked[f"{prefix}frameworks/customer-centric-company/"] >= 5
        assert linked[f"{prefix}terms/nps/"] >= 2
        assert linked[f"{prefix}calculators/nps/"] >= 1
        assert linked[f"{prefix}terms/"] == 0  # the A–Z index: every entry is a link already
        assert linked[f"{prefix}terms/abbreviations/"] == 0


def test_never_in_headings_code_or_links(site_pages: list[tuple[str, BeautifulSoup]]) -> None:
    for path, soup in site_pages:
        for link in soup.select("a.mr-mention"):
            inside = {parent.name for parent in link.parents}
            assert not inside & (HEADINGS | {"a", "code", "pre", "nav"}), (path, link)


def test_once_per_section_and_not_where_the_section_links_the_term(
    site_pages: list[tuple[str, BeautifulSoup]],
) -> None:
    for path, soup in site_pages:
        article = soup.select_one("article.md-content__inner")
        assert article is not None
        seen: set[str] = set()
        for element in article.find_all(True):
            if element.name in HEADINGS:
                seen = set()
            elif element.name == "a" and element.get("data-preview") is not None:
                term = term_of(element, path)
                if "mr-mention" in (element.get("class") or []):
                    assert term not in seen, (path, element.get_text())
                seen.add(term)


def test_term_pages_never_link_to_themselves(site_pages: list[tuple[str, BeautifulSoup]]) -> None:
    for path, soup in site_pages:
        parts = path.strip("/").split("/")
        if len(parts) >= 2 and parts[-2] == "terms":
            for link in soup.select("a.mr-mention"):
                assert term_of(link, path) != parts[-1], (path, link)


def test_every_term_link_has_a_preview_and_the_page_its_card(
    site_pages: list[tuple[str, BeautifulSoup]],
) -> None:
    previewed = 0
    for path, soup in site_pages:
        links = soup.select(".md-content a[data-preview]")
        for link in links:
            assert link["data-preview"] and link["data-preview-term"], (path, link)
        if links:
            previewed += 1
            card = soup.select_one("template[data-preview-card]")
            assert card is not None, path
    assert previewed > 150
    no_mark = [path for path, soup in site_pages if soup.select(".mr-no-mentions")]
    assert no_mark == []  # the build's marks are gone from the pages


def test_a_wrong_mentions_setting_stops_the_build_with_its_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    page = project / "docs" / "calculators" / "nps.en.md"  # the second language's build
    page.write_text("---\nmentions: ei\n---\n\n" + page.read_text(encoding="utf-8"), "utf-8")
    result = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "out"), cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "docs/calculators/nps.en.md:2:1: mentions: expected true or false, found 'ei'" in output
    assert not (tmp_path / "out" / "index.html").exists()  # stopped before any page was written
