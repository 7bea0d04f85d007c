from __future__ import annotations

import pytest

from motteruum.collation import Collation, letter_anchor

# Estonian alphabetical order as published (Eesti keele instituut): s š z ž t … w õ ä ö ü x y
ESTONIAN_ORDER = "a b c d e f g h i j k l m n o p q r s š z ž t u v w õ ä ö ü x y".split()


def test_estonian_letters_follow_the_national_order() -> None:
    words = [
        "yacht",
        "xenon",
        "ürask",
        "öökull",
        "ärimees",
        "õun",
        "wok",
        "vesi",
        "uks",
        "tee",
        "žürii",
        "zoom",
        "šokk",
        "sõna",
        "raha",
        "auto",
    ]
    assert Collation.for_language("et").sorted(words) == [
        "auto",
        "raha",
        "sõna",
        "šokk",
        "zoom",
        "žürii",
        "tee",
        "uks",
        "vesi",
        "wok",
        "õun",
        "ärimees",
        "öökull",
        "ürask",
        "xenon",
        "yacht",
    ]


def test_english_treats_accents_as_their_base_letter() -> None:
    words = ["zoom", "öökull", "õun", "ärimees", "šokk", "sõna", "ohm"]
    assert Collation.for_language("en").sorted(words) == [
        "ärimees",
        "ohm",
        "öökull",
        "õun",
        "šokk",
        "sõna",
        "zoom",
    ]


def test_case_and_accents_only_break_ties() -> None:
    collation = Collation.for_language("en")
    assert collation.sorted(["Resume", "résumé", "resume", "rest"]) == [
        "rest",
        "resume",
        "Resume",
        "résumé",
    ]


def test_space_sorts_before_letters_and_punctuation_is_ignored() -> None:
    collation = Collation.for_language("et")
    assert collation.sorted(["kliendikogemus", "kliendi rahulolu", "klient"]) == [
        "kliendi rahulolu",
        "kliendikogemus",
        "klient",
    ]
    assert collation.key("e-post")[0] == collation.key("epost")[0]


def test_decomposed_input_sorts_like_composed() -> None:
    collation = Collation.for_language("et")
    assert collation.key("o\u0303un")[:3] == collation.key("õun")[:3]


@pytest.mark.parametrize(
    ("lang", "text", "letter"),
    [
        ("et", "šokk", "Š"),
        ("et", "Õun", "Õ"),
        ("en", "õun", "O"),
        ("et", "émile", "E"),
        ("et", "5S", "#"),
        ("et", "„jutumärgid“", "J"),
        ("et", "", "#"),
    ],
)
def test_initial(lang: str, text: str, letter: str) -> None:
    assert Collation.for_language(lang).initial(text) == letter


def test_unknown_language_falls_back_to_latin_order() -> None:
    assert Collation.for_language("fi").sorted(["b", "ä", "a"]) == ["a", "ä", "b"]


def test_letter_anchors_are_ascii_and_distinct() -> None:
    letters = [letter.upper() for letter in ESTONIAN_ORDER] + ["#"]
    anchors = [letter_anchor(letter) for letter in letters]
    assert len(set(anchors)) == len(anchors)
    assert all(anchor.isascii() for anchor in anchors)
    assert letter_anchor("Š") == "letter-s-caron"
    assert letter_anchor("Ä") == "letter-a-diaeresis"
