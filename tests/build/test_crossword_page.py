"""The built crossword page in both languages: a printable grid and clues without JavaScript."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build

PAGES = {
    "et": ("crossword", "Ristsõna", "Paremale", "Alla"),
    "en": ("en/crossword", "Crossword", "Across", "Down"),
}


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", ["et", "en"])
def test_the_crossword_page_has_a_grid_and_clues_in_html(built_site: Path, lang: str) -> None:
    path, title, across, down = PAGES[lang]
    html = soup(built_site, path)
    assert html.html is not None and html.html["lang"] == lang
    h1 = html.select_one("h1")
    assert h1 is not None and h1.get_text().strip().startswith(title)
    root = html.select_one("[data-crossword]")
    assert root is not None and root["lang"] == lang and root["data-state"] == "static"
    data = json.loads(root.select_one("script[data-puzzle]").get_text())
    assert 25 <= len(data["clues"]) <= 30 and len(data["entries"]) == len(data["clues"])

    grid = root.select_one("table[data-grid]")
    rows = grid.select("tr")
    assert len(rows) == data["height"]
    assert all(len(row.select("td")) == data["width"] for row in rows)
    for row, line in zip(rows, data["solution"], strict=True):
        kinds = "".join("." if "mr-block" in td["class"] else "#" for td in row.select("td"))
        assert kinds == "".join("." if c == "." else "#" for c in line)
    assert not "".join(td.get_text() for td in grid.select(".mr-cell__letter"))  # empty
    numbers = {int(n.get_text()) for n in grid.select(".mr-cell__number")}
    assert numbers == {c["number"] for c in data["clues"]}

    headings = [h.get_text() for h in root.select("[data-clues] h2")]
    assert headings == [across, down]
    for direction in ("across", "down"):
        items = root.select(f'[data-list="{direction}"] li')
        clues = [c for c in data["clues"] if c["direction"] == direction]
        assert [int(i["value"]) for i in items] == [c["number"] for c in clues]
        for item, clue in zip(items, clues, strict=True):
            assert item.select_one(".mr-clue__text").get_text() == (
                f"{clue['clue']} {clue['enumeration']}"
            )
            words = re.findall(r"\w+", item.get_text().casefold())
            assert clue["answer"].casefold() not in words  # the clue does not give it away

    key = root.select_one("details[data-key]")
    letters = "".join(s.get_text() for s in key.select(".mr-cell__letter"))
    assert letters == "".join(data["solution"]).replace(".", "")
    assert root.select_one("noscript").get_text().strip()
    assert root.select_one("[data-toolbar]").has_attr("hidden")


def test_the_crossword_is_in_the_navigation_of_both_languages(built_site: Path) -> None:
    for lang, (path, title, *_) in PAGES.items():
        home = soup(built_site, "en" if lang == "en" else ".")
        tabs = [a.get_text().strip() for a in home.select(".md-tabs__link")]
        assert title in tabs, (lang, tabs)
        page = soup(built_site, path)
        assets = [s.get("src", "") for s in page.select("script[src]")]
        assert any(src.endswith("assets/javascripts/crossword.js") for src in assets)
        css = [link["href"] for link in page.select("link[rel=stylesheet]")]
        assert any(href.endswith("assets/stylesheets/crossword.css") for href in css)


def test_the_runtime_wheel_carries_the_generator(built_site: Path) -> None:
    runtime = built_site / "assets" / "pyodide"
    lock = json.loads((runtime / "pyodide-lock.json").read_text())
    (package,) = lock["packages"].values()
    wheel = zipfile.ZipFile(io.BytesIO((runtime / package["file_name"]).read_bytes()))
    names = wheel.namelist()
    assert "motteruum/crossword/browser.py" in names and "motteruum/__init__.py" in names
    assert "motteruum" in package["imports"]
    # the page's worker calls the one entry of the wheel, which names the generator
    worker = (built_site / "assets" / "javascripts" / "calculator-worker.js").read_text()
    assert 'pyimport("calculators.worker").handle' in worker
    entry = wheel.read("calculators/worker.py").decode("utf-8")
    assert '"crossword_new": ("motteruum.crossword.browser", "new_puzzle")' in entry
