"""Widget markers: the script that starts the engine early, after a calculator or in the head."""

from __future__ import annotations

import markdown as md
import pytest
from bs4 import BeautifulSoup

from motteruum.loader import load_glossary
from motteruum.widgets import (
    ENGINE_START,
    HeldWidgets,
    UnknownWidget,
    replace_markers,
    start_engine_early,
)
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


HEAD = '<!doctype html><html><head><meta charset="utf-8"><title>T</title>'
HEAD += '<link rel="stylesheet" href="x.css"></head><body>{body}</body></html>'


CODE = (ROOT / "docs" / ENGINE_START).read_text(encoding="utf-8")


def test_an_eager_calculator_starts_its_engine_from_the_head_before_the_stylesheets() -> None:
    markdown = "# NPS\n\n<!-- calculator: nps eager -->\n"
    for page_url, worker in (
        ("calculators/nps/", "../../assets/javascripts/calculator-worker.js"),
        ("en/calculators/nps/", "../../../assets/javascripts/calculator-worker.js"),
    ):
        body = replace_markers(markdown, "en", "et", GLOSSARY, page_url)
        assert scripts_after(body, "[data-calculator=nps]") == []  # the head's script does it
        html = HEAD.format(body=body)
        soup = BeautifulSoup(start_engine_early(html, page_url, CODE), "html.parser")
        assert soup.select_one("[data-calculator=nps]")["data-engine"] == "eager"
        assert soup.head is not None
        script = soup.head.select_one("script")
        assert script is not None and not script.has_attr("src")
        assert script["data-start"] == "eager" and script["data-worker"] == worker
        assert script.string == CODE.strip()
        assert script.find_previous("meta", charset=True) is not None
        assert script.find_next("link", rel="stylesheet") is not None
        assert len(soup.select("script[data-start]")) == 1


def test_pages_without_an_eager_calculator_keep_their_head() -> None:
    for markdown in ("<!-- calculator: nps -->\n", "<!-- assessment: cx -->\n", "Text.\n"):
        html = HEAD.format(body=replace_markers(markdown, "et", "et", GLOSSARY, "notes/"))
        assert start_engine_early(html, "notes/", CODE) == html


def test_eager_is_for_calculators_only_and_a_misspelt_option_is_an_error() -> None:
    with pytest.raises(UnknownWidget, match="'eager' in a marker is for calculators only"):
        replace_markers("<!-- assessment: cx eager -->\n", "et", "et", GLOSSARY, "a/")
    with pytest.raises(UnknownWidget, match="unknown option 'eagre' in the marker of calculator"):
        replace_markers("<!-- calculator: nps eagre -->\n", "et", "et", GLOSSARY, "a/")


def test_held_widgets_pass_markdown_untouched_and_come_back_whole() -> None:
    """Markdown sees one placeholder element per widget; the page gets the widget's markup back,
    exactly as Markdown would have passed the markup itself through."""
    page = "# Survey\n\nIntro.\n\n<!-- analysis: survey -->\n\nAfter.\n\n"
    page += "<!-- crossword: glossary -->\n"
    held = HeldWidgets()
    with_placeholders = replace_markers(page, "et", "et", GLOSSARY, "calculators/x/", held.hold)
    assert with_placeholders.count("data-mr-widget=") == 2
    assert len(with_placeholders) < 200  # no widget markup for Markdown to parse
    html = held.restore(md.markdown(with_placeholders, extensions=["md_in_html", "attr_list"]))
    assert "data-mr-widget" not in html
    direct = replace_markers(page, "et", "et", GLOSSARY, "calculators/x/")
    for name in ("[data-analysis=survey]", "[data-crossword=glossary]"):
        ours = BeautifulSoup(html, "html.parser").select_one(name)
        theirs = BeautifulSoup(direct, "html.parser").select_one(name)
        assert ours is not None and theirs is not None and str(ours) == str(theirs)


def test_a_placeholder_markdown_did_not_pass_through_is_an_error() -> None:
    held = HeldWidgets()
    page = "```\n<!-- calculator: nps -->\n```\n"
    converted = md.markdown(
        replace_markers(page, "et", "et", GLOSSARY, hold=held.hold), extensions=["fenced_code"]
    )
    with pytest.raises(UnknownWidget, match="line of its own, outside code blocks"):
        held.restore(converted)
    assert held.restore("<p>no widgets</p>") == "<p>no widgets</p>"  # nothing left held


def test_placeholders_cannot_be_imitated() -> None:
    """A placeholder written into a page by hand is not replaced: it lacks the build's token."""
    held = HeldWidgets()
    forged = '<div data-mr-widget="0000000000000000-0"></div>'
    placeholder = held.hold("<div>widget</div>")
    assert held.restore(forged + placeholder) == forged + "<div>widget</div>"


def test_a_widgets_language_files_are_found_under_the_languages_own_prefix() -> None:
    """The sample survey of the English page is English's, wherever mkdocs.yml puts English."""
    marker = "<!-- analysis: survey -->\n"
    for page_url, prefix, sample in (
        ("calculators/survey/", "", "../survey-sample.csv"),
        ("en/calculators/survey/", "en/", "../survey-sample.csv"),
        ("english/calculators/survey/", "english/", "../survey-sample.csv"),
        ("english/calculators/survey/", "", "../../../calculators/survey-sample.csv"),
    ):
        html = replace_markers(marker, "en", "et", GLOSSARY, page_url, prefix=prefix)
        assert f'data-sample="{sample}"' in html
