"""Inflected forms: own paradigms, endings borrowed by analogy, the cache, and real lexicons."""

from __future__ import annotations

from pathlib import Path

import pytest

from motteruum.words import inflection
from motteruum.words.inflection import Inflector, Lexicon, paradigms

CASES = ("", "e", "t", "ega", "est", "ele")


def paradigm(lemma: str) -> list[tuple[str, str]]:
    """(form, lemma) pairs of a word declined like ``kogemus``: kogemus, kogemuse, kogemust…"""
    return [(lemma + ending, lemma) for ending in CASES]


def lexicon() -> Lexicon:
    pairs = [
        *paradigm("kogemus"),
        *paradigm("lubadus"),
        *paradigm("teenus"),
        ("kliendi", "klient"),
        ("klient", "klient"),
        ("kliendiga", "klient"),
    ]
    return Lexicon.from_pairs(pairs)


def test_a_known_word_has_its_own_forms() -> None:
    found = Inflector(lexicon()).paradigms(["kogemus"])["kogemus"]
    assert found.forms == {"kogemus" + e for e in CASES}
    assert found.model is None and found.known


def test_a_compound_declines_like_its_last_word() -> None:
    found = Inflector(lexicon()).paradigms(["Kliendikogemus"])["Kliendikogemus"]
    assert found.model == "kogemus"
    assert found.forms == {"kliendikogemus" + e for e in CASES}
    assert not found.known


def test_an_unknown_word_borrows_from_the_longest_common_ending() -> None:
    # "-dus" is shared with "lubadus" (3 letters), "-us" with the others (2 letters).
    found = Inflector(lexicon()).paradigms(["usaldus"])["usaldus"]
    assert found.model == "lubadus"
    assert "usaldusega" in found.forms


def test_no_model_below_the_shortest_common_ending() -> None:
    found = Inflector(lexicon()).paradigms(["kala"])["kala"]
    assert found.model is None
    assert found.forms == {"kala"}


def test_a_form_of_another_word_stays_itself_unless_expanded() -> None:
    inflector = Inflector(lexicon())
    assert inflector.paradigms(["kliendi"])["kliendi"].forms == {"kliendi"}
    expanded = inflector.paradigms(["kliendi"], expand=True)["kliendi"]
    assert expanded.lemma == "klient"
    assert expanded.forms == {"klient", "kliendi", "kliendiga"}


def test_only_the_last_part_of_a_hyphenated_word_is_inflected() -> None:
    found = Inflector(lexicon()).paradigms(["CX-teenus", "motivatsiooni-"])
    assert found["CX-teenus"].forms == {"cx-teenus" + e for e in CASES}
    assert found["motivatsiooni-"].forms == {"motivatsiooni-"}


def test_forms_are_nfc_and_case_folded() -> None:
    decomposed = "Ka\u0308sikogemus"  # "Käsikogemus" with a combining diaeresis
    found = Inflector(lexicon()).paradigms([decomposed])[decomposed]
    assert "käsikogemusega" in found.forms


def test_paradigms_are_cached_by_words_and_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inflection, "inflector", lambda lang: Inflector(lexicon()))
    first = paradigms("et", ["kliendikogemus", "kliendi"], folder=tmp_path)
    assert len(list(tmp_path.glob("et-*.json"))) == 1

    def unavailable(lang: str) -> Inflector:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(inflection, "inflector", unavailable)
    assert paradigms("et", ["kliendi", "kliendikogemus"], folder=tmp_path) == first
    with pytest.raises(AssertionError):
        paradigms("et", ["kliendi"], folder=tmp_path)  # another set of words: not cached


@pytest.mark.parametrize(
    ("lang", "word", "forms"),
    [
        ("et", "kliendikogemus", {"kliendikogemuse", "kliendikogemust", "kliendikogemustest"}),
        ("et", "lojaalsus", {"lojaalsuse", "lojaalsust", "lojaalsusega"}),
        ("et", "ettevõte", {"ettevõtte", "ettevõtet", "ettevõtteid", "ettevõtetes"}),
        ("et", "klient", {"kliendi", "klienti", "kliente", "klientidele"}),
        ("et", "kokkupuutepunkt", {"kokkupuutepunkti", "kokkupuutepunktides"}),
        ("et", "sisseelamine", {"sisseelamise", "sisseelamisel", "sisseelamist"}),
        ("en", "journey", {"journeys"}),
        ("en", "touchpoint", {"touchpoints"}),
    ],
)
def test_real_lexicons_give_the_forms_a_reader_types(
    lang: str, word: str, forms: set[str], tmp_path: Path
) -> None:
    found = paradigms(lang, [word], folder=tmp_path)[word]
    assert forms <= found.forms
    assert word in found.forms
