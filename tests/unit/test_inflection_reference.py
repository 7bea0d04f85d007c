"""The search's forms of every Estonian term name against EstNLTK's Vabamorf.

``tests/unit/data/inflection-et.json`` holds, for every word of every Estonian name of a term
(the term and its synonyms, not abbreviations and not names marked ``foreign``), the singular
and plural nominative, genitive and partitive that Vabamorf synthesises. It was written by
``bench/inflection_reference.py`` in a virtual environment with EstNLTK, which neither the
build nor these tests need.
"""

from __future__ import annotations

import pytest

from motteruum import search
from motteruum.glossary import Glossary
from motteruum.loader import load_glossary
from motteruum.site import calculator_pages
from motteruum.words.inflection import normalise
from motteruum.words.reference import (
    FORMS,
    Entry,
    name_words,
    read_reference,
    reference_forms,
    words_of,
)
from tests.conftest import LANGUAGES, ROOT

REFERENCE = ROOT / "tests" / "unit" / "data" / "inflection-et.json"
REGENERATE = (
    "write the reference anew with EstNLTK: python3 -m venv /tmp/estnltk && "
    "/tmp/estnltk/bin/pip install estnltk==1.7.5 && "
    ".venv/bin/python bench/inflection_reference.py --estnltk /tmp/estnltk/bin/python"
)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary", LANGUAGES, calculators=calculator_pages(ROOT / "docs"))


@pytest.fixture(scope="module")
def reference() -> dict[str, Entry | None]:
    return read_reference(REFERENCE)


def test_the_reference_has_every_word_of_every_estonian_name(
    glossary: Glossary, reference: dict[str, Entry | None]
) -> None:
    words = {normalise(w) for found in name_words(glossary, "et").values() for w in found}
    missing = sorted(words - reference.keys())
    assert not missing, f"words not in {REFERENCE.name}: {missing}; {REGENERATE}"


def test_every_reference_entry_has_the_six_forms(reference: dict[str, Entry | None]) -> None:
    assert reference["ja"] is None  # a word that does not decline
    for word, entry in reference.items():
        assert entry is None or set(FORMS) <= entry.keys(), word
    assert reference_forms(reference["parendustegevused"]) == {
        "parendustegevus",
        "parendustegevuse",
        "parendustegevust",
        "parendustegevused",
        "parendustegevuste",
        "parendustegevusi",
    }


def test_a_term_page_is_found_by_every_reference_form_of_its_names(
    glossary: Glossary, reference: dict[str, Entry | None]
) -> None:
    fields = search.page_fields(glossary, "et", LANGUAGES)
    lacking: dict[str, list[str]] = {}
    for term_id, found in sorted(name_words(glossary, "et").items()):
        forms = set(fields[f"terms/{term_id}/"][search.FORMS].split())
        for word in sorted(found):
            missing = reference_forms(reference.get(normalise(word))) - forms
            if missing:
                lacking[f"{term_id}: {word}"] = sorted(missing)
    assert not lacking, (
        f"the search lacks forms Vabamorf gives: {lacking}. Give the word (or the word it ends "
        "in) its paradigm in hooks/motteruum/words/et.yml; bench/inflection_reference.py "
        "prints it"
    )


@pytest.mark.parametrize(
    ("query", "term_id"),
    [
        ("parendustegevuste", "improvement-actions"),
        ("parendustegevusi", "improvement-actions"),
        ("väärtusloomet", "value-creation"),
        ("brändi", "company-brand"),
        ("brände", "company-brand"),
        ("klienditagasisided", "customer-feedback"),
        ("kompetentse", "competence"),
        ("kompetentse", "customer-centricity-competencies"),
    ],
)
def test_the_forms_that_were_missing_find_their_terms(
    glossary: Glossary, query: str, term_id: str
) -> None:
    fields = search.page_fields(glossary, "et", LANGUAGES)
    assert query in fields[f"terms/{term_id}/"][search.FORMS].split()


def test_words_of_a_name_leave_abbreviations_out() -> None:
    assert words_of("Forresteri CX-indeks") == ["Forresteri", "indeks"]
    assert words_of("SMART-eesmärk") == ["eesmärk"]
    assert words_of("eNPS") == []
