"""The search index: entries marked with their language, forms of the names of term and
framework pages, and pages that start the language wrapper around Material's worker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from motteruum import search
from motteruum.glossary import Glossary
from motteruum.loader import load_glossary
from motteruum.render import Language
from motteruum.site import calculator_pages
from tests.conftest import LANGUAGES, ROOT

LANGS = [Language("et", "Eesti", ""), Language("en", "English", "en/")]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary", LANGUAGES, calculators=calculator_pages(ROOT / "docs"))


def test_entries_get_their_language_and_term_pages_their_fields() -> None:
    index = {
        "docs": [
            {"location": "", "title": "Avaleht", "text": ""},
            {"location": "terms/nps/", "title": "soovitusindeks", "text": "", "forms": "old"},
            {"location": "terms/nps/#definition", "title": "Definitsioon", "text": ""},
            {"location": "en/terms/nps/", "title": "Net Promoter Score", "text": ""},
            {"location": "en/calculators/nps/", "title": "NPS", "text": "", "forms": "stale"},
        ]
    }
    fields = {
        "et": {"terms/nps/": {"headword": "nps soovitusindeksi", "forms": "nps soovitusindeksit"}},
        "en": {"terms/nps/": {"headword": "nps", "forms": "net nps promoter score"}},
    }
    docs = search.enrich(index, LANGS, fields)["docs"]
    assert [d["lang"] for d in docs] == ["et", "et", "et", "en", "en"]
    assert docs[1]["headword"] == "nps soovitusindeksi"
    assert docs[1]["forms"] == "nps soovitusindeksit"
    assert "forms" not in docs[2] and "headword" not in docs[2]
    assert docs[3]["forms"] == "net nps promoter score"
    assert "forms" not in docs[4]


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


def test_enrich_site_rewrites_the_index_deterministically(
    glossary: Glossary, tmp_path: Path
) -> None:
    folder = tmp_path / "search"
    folder.mkdir()
    index = {"config": {"lang": ["en"]}, "docs": [{"location": "terms/loyalty/", "title": "x"}]}
    (folder / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    search.enrich_site(tmp_path, glossary, LANGS)
    once = (folder / "search_index.json").read_text(encoding="utf-8")
    search.enrich_site(tmp_path, glossary, LANGS)
    assert (folder / "search_index.json").read_text(encoding="utf-8") == once
    doc = json.loads(once)["docs"][0]
    assert doc["lang"] == "et"
    assert "lojaalsust" in doc["headword"].split()


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
    assert search.localise_worker("<html></html>", "et") == "<html></html>"


def test_language_of_a_location_comes_from_its_prefix() -> None:
    assert search.language_of("en/terms/nps/", LANGS) == "en"
    assert search.language_of("terms/nps/", LANGS) == "et"
    assert search.language_of("", LANGS) == "et"
    assert search.language_of("entry/", LANGS) == "et"
