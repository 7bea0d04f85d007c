from __future__ import annotations

import unicodedata

import pytest

from motteruum.crossword import AnswerError, Entry, normalize_answer, normalize_entries


def test_decomposed_letters_become_one_cell() -> None:
    decomposed = "So\u0303na"  # O + COMBINING TILDE
    assert len(decomposed) == 5
    answer = normalize_answer(decomposed)
    assert answer.cells == "SÕNA"
    assert answer.length == 4
    assert unicodedata.is_normalized("NFC", answer.cells)


def test_estonian_letters_are_upper_cased() -> None:
    assert normalize_answer("šokk-žürii õun äär öö üü").cells == "ŠOKKŽÜRIIÕUNÄÄRÖÖÜÜ"


@pytest.mark.parametrize(
    ("raw", "cells", "enumeration", "text"),
    [
        ("klienditeekond", "KLIENDITEEKOND", "(14)", "KLIENDITEEKOND"),
        ("kliendi teekond", "KLIENDITEEKOND", "(7, 7)", "KLIENDI TEEKOND"),
        ("customer-centric", "CUSTOMERCENTRIC", "(8-7)", "CUSTOMER-CENTRIC"),
        ("moment of truth", "MOMENTOFTRUTH", "(6, 2, 5)", "MOMENT OF TRUTH"),
        ("end-to-end  flow", "ENDTOENDFLOW", "(3-2-3, 4)", "END-TO-END FLOW"),
        ("  CX  ", "CX", "(2)", "CX"),
        ("e\u2011kiri", "EKIRI", "(1-4)", "E-KIRI"),
    ],
)
def test_multi_word_answers_show_their_word_lengths(
    raw: str, cells: str, enumeration: str, text: str
) -> None:
    answer = normalize_answer(raw)
    assert answer.cells == cells
    assert answer.enumeration == enumeration
    assert answer.text == text


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("B2B", "digit"),
        ("360", "digit"),
        ("don't", "APOSTROPHE"),
        ("A.B", "FULL STOP"),
        ("X", "shorter than two"),
        ("", "empty"),
        ("-ABC", "misplaced"),
        ("ABC-", "misplaced"),
        ("AB--CD", "misplaced"),
        ("AB - CD", "misplaced"),
        ("O\u0301\u0323X", "cannot be a crossword cell"),  # a mark left over after NFC
    ],
)
def test_characters_that_cannot_be_cells_are_rejected(raw: str, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        normalize_answer(raw)


def test_duplicates_after_normalisation_are_rejected() -> None:
    entries = [
        Entry("kliendi teekond", "a"),
        Entry("TEENUS", "b"),
        Entry("Kliendi-teekond", "c"),
    ]
    with pytest.raises(AnswerError) as caught:
        normalize_entries(entries)
    assert caught.value.index == 2
    assert caught.value.duplicate_of == 0
    assert "duplicates entry 1" in caught.value.message


def test_bad_answers_are_reported_with_their_index() -> None:
    with pytest.raises(AnswerError) as caught:
        normalize_entries([Entry("TEENUS", "a"), Entry("WEB3", "b")])
    assert caught.value.index == 1


def test_an_empty_clue_is_rejected() -> None:
    with pytest.raises(AnswerError, match="no clue"):
        normalize_entries([Entry("TEENUS", "  ")])
