"""The search index: entries marked with their language, forms of the names of term and
framework pages, and pages that start the language wrapper around Material's worker."""

from __future__ import annotations

import json

import pytest

from motteruum import search, seo
from motteruum.glossary import Glossary
from motteruum.loader import load_glossary
from motteruum.problems import ThemeChanged
from motteruum.render import Language
from motteruum.site import calculator_pages
from tests.conftest import LANGUAGES, ROOT

LANGS = [Language("et", "Eesti", ""), Language("en", "English", "en/")]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary", LANGUAGES, calculators=calculator_pages(ROOT / "docs"))


def test_the_entries_of_a_page_get_its_language_and_its_fields() -> None:
    entries = [
        {"location": "", "title": "Avaleht", "text": ""},
        {"location": "terms/nps/", "title": "soovitusindeks", "text": "", "forms": "old"},
        {"location": "terms/nps/#definition", "title": "Definitsioon", "text": ""},
    ]
    fields = {"headword": "nps soovitusindeksi", "forms": "nps soovitusindeksit"}
    search.annotate_page(entries, "terms/nps/", "et", fields)
    assert "lang" not in entries[0]  # the page before is not this page's
    assert entries[1]["lang"] == entries[2]["lang"] == "et"
    assert entries[1]["headword"] == "nps soovitusindeksi"
    assert entries[1]["forms"] == "nps soovitusindeksit"
    assert "forms" not in entries[2] and "headword" not in entries[2]
    entries.append({"location": "en/calculators/nps/", "title": "NPS", "forms": "stale"})
    search.annotate_page(entries, "en/calculators/nps/", "en", {})
    assert entries[3]["lang"] == "en" and "forms" not in entries[3]
    assert entries[1]["lang"] == "et"
    # the home page's entries: its location is empty, its sections start with "#"
    home = [{"location": ""}, {"location": "#intro"}]
    search.annotate_page(home, "", "et", {})
    assert [entry["lang"] for entry in home] == ["et", "et"]


def test_term_fields_hold_every_form_of_every_name(glossary: Glossary) -> None:
    fields = search.page_fields(glossary, "et", LANGUAGES)
    cx = fields["terms/customer-experience/"]
    assert {"kliendikogemusega", "kliendikogemust", "cx"} <= set(cx["headword"].split())
    # The English synonym among the Estonian names is inflected in English.
    assert {"customers", "experiences"} <= set(cx["forms"].split())
    survey = fields["terms/employee-satisfaction-survey/"]
    assert survey["headword"] == ""  # a term of several words has no head of its own
    assert {"uuringut", "rahulolust", "töötajate"} <= set(survey["forms"].split())
    assert {"_töötajate_rahulolu_uuring", "_töötajate_rahulolu_uuringut"} <= set(
        survey["phrase"].split()
    )
    company = fields["frameworks/customer-centric-company/"]
    assert {"kliendikeskse", "ettevõtte"} <= set(company["forms"].split())
    assert company["phrase"] == ""  # a framework named like a term comes after the term
    english = search.page_fields(glossary, "en", LANGUAGES)["terms/nps/"]
    assert {"_net_promoter_score", "_net_promoter_scores"} <= set(english["phrase"].split())


def test_fields_are_sorted_and_without_duplicates(glossary: Glossary) -> None:
    for lang in LANGUAGES:
        for location, page in search.page_fields(glossary, lang, LANGUAGES).items():
            for text in page.values():
                words = text.split()
                assert words == sorted(set(words)), location


PAGE = (
    '<html><body><div class="md-search" data-md-component="search" role="dialog"></div>'
    '<script id="__config" type="application/json">'
    '{"base": "../..", "search": "../../assets/javascripts/workers/search.a7633da7.min.js", '
    '"translations": {"search.result.none": "Otsingule ei leitud \\u00fchtegi vastet"}}'
    "</script></body></html>"
)


def test_pages_start_the_language_wrapper_around_materials_worker() -> None:
    html = search.localise_worker(PAGE, "en")
    config = json.loads(html.split('application/json">', 1)[1].split("</script>", 1)[0])
    assert config["search"] == (
        "../../assets/javascripts/workers/search-i18n.js?lang=en&worker=search.a7633da7.min.js"
    )
    assert config["base"] == "../.."
    assert config["translations"]["search.result.none"] == "Otsingule ei leitud ühtegi vastet"
    assert (
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
        in html
    )
    assert search.localise_worker(html, "en") == html  # already localised
    with pytest.raises(ThemeChanged, match="search dialog"):
        search.localise_worker("<html></html>", "et")
    without_config = PAGE.split("<script", 1)[0] + "</body></html>"
    with pytest.raises(ThemeChanged, match="__config"):
        search.localise_worker(without_config, "et")


def test_head_alternates_go_and_a_new_form_of_them_stops_the_build() -> None:
    head = '<head>\n  <link rel="alternate" href="../en/" hreflang="en">\n</head><body></body>'
    assert seo.without_head_alternates(head) == "<head>\n</head><body></body>"
    changed = "<head><link hreflang='en' rel='alternate' href='../en/'></head>"
    with pytest.raises(ThemeChanged, match="hreflang"):
        seo.without_head_alternates(changed)
