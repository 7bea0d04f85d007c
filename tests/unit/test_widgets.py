"""Widget markers: the script that starts the engine early goes after calculators only."""

from __future__ import annotations

from bs4 import BeautifulSoup

from motteruum.loader import load_glossary
from motteruum.widgets import ENGINE_START, replace_markers
from tests.conftest import LANGUAGES, ROOT

GLOSSARY = load_glossary(ROOT / "glossary", LANGUAGES, calculators={"nps", "enps", "ces", "csat"})


def scripts_after(html: str, selector: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    widget = soup.select_one(selector)
    assert widget is not None
    follower = widget.find_next_sibling()
    return [follower["src"]] if follower is not None and follower.name == "script" else []


def test_a_calculator_is_followed_by_the_engine_start_relative_to_its_page() -> None:
    markdown = "# NPS\n\nIntro.\n\n<!-- calculator: nps -->\n"
    for page_url, src in (
        ("calculators/nps/", "../../assets/javascripts/engine-start.js"),
        ("en/calculators/nps/", "../../../assets/javascripts/engine-start.js"),
        ("notes.html", "assets/javascripts/engine-start.js"),
    ):
        html = replace_markers(markdown, "et", "et", GLOSSARY, page_url)
        assert scripts_after(html, "[data-calculator=nps]") == [src]
        assert src.endswith(ENGINE_START)


def test_without_a_page_address_and_for_other_widgets_there_is_no_early_start() -> None:
    html = replace_markers("<!-- calculator: ces -->\n", "en", "et", GLOSSARY)
    assert "engine-start" not in html
    html = replace_markers("<!-- assessment: cx -->\n", "et", "et", GLOSSARY, "assessments/cx/")
    assert "engine-start" not in html
