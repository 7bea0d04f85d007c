"""Alphabetical order and index letters per language.

Each language with its own order lists its alphabet; letters outside it (and languages
without an entry) fall back to their base Latin letter, so "é" sorts with "e". Keys have
three levels, as in the Unicode Collation Algorithm: letters, then accents, then case.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: The alphabet of each language, in collation order (lower case, space separated).
ALPHABETS: dict[str, str] = {
    "et": "a b c d e f g h i j k l m n o p q r s š z ž t u v w õ ä ö ü x y",
    "en": "a b c d e f g h i j k l m n o p q r s t u v w x y z",
}
_FALLBACK = ALPHABETS["en"]
#: The index heading for entries that start with a digit or a symbol.
OTHER = "#"


@dataclass(frozen=True)
class Collation:
    """Sort keys and index letters for one language."""

    letters: tuple[str, ...]

    @classmethod
    def for_language(cls, lang: str) -> Collation:
        return cls(tuple(ALPHABETS.get(lang, _FALLBACK).split()))

    def _rank(self, char: str) -> tuple[int, int] | None:
        """(primary, secondary) weight of one lower-case character, None if ignorable."""
        return _rank(self.letters, char)

    def key(self, text: str) -> Key:
        """A sort key: compare keys of two texts to order them in this language."""
        return _key(self.letters, text)

    def initial(self, text: str) -> str:
        """The index letter an entry is listed under (upper case), or ``#``."""
        for char in unicodedata.normalize("NFC", text).lower():
            rank = self._rank(char)
            if rank is None or char.isspace():
                continue
            if rank[0] < 100 or rank[0] >= 1000:
                return OTHER
            return self.letters[rank[0] - 100].upper()
        return OTHER

    def sorted(self, texts: list[str]) -> list[str]:
        return sorted(texts, key=self.key)


@lru_cache(maxsize=4096)
def _rank(letters: tuple[str, ...], char: str) -> tuple[int, int] | None:
    """(primary, secondary) weight of one lower-case character in ``letters``, None if
    ignorable (cached: a glossary has few distinct characters)."""
    if char in letters:
        return (100 + letters.index(char), 0)
    base = unicodedata.normalize("NFD", char)[0]
    if base in letters:
        return (100 + letters.index(base), 1 + ord(char) % 997)
    if char.isdigit():
        return (10 + int(unicodedata.digit(char, 0)), 0)
    if char.isspace():
        return (1, 0)
    if char.isalpha():  # a letter of another script: after every known letter
        return (1000 + ord(char), 0)
    return None  # punctuation is ignored at every level


Key = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]


@lru_cache(maxsize=65536)
def _key(letters: tuple[str, ...], text: str) -> Key:
    """The sort key of ``text`` (cached: every name is sorted in several lists)."""
    text = unicodedata.normalize("NFC", text)
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for char in text:
        rank = _rank(letters, char.lower())
        if rank is None:
            continue
        primary.append(rank[0])
        secondary.append(rank[1])
        tertiary.append(0 if char.islower() or not char.isalpha() else 1)
    return (tuple(primary), tuple(secondary), tuple(tertiary), text)


def letter_anchor(letter: str) -> str:
    """A stable ASCII anchor for an index letter: ``Š`` → ``letter-s-caron``, ``#`` → ``other``."""
    if letter == OTHER:
        return "letter-other"
    decomposed = unicodedata.normalize("NFD", letter.lower())
    base, marks = decomposed[0], decomposed[1:]
    names = [unicodedata.name(mark).split()[-1].lower() for mark in marks]
    return "-".join(["letter", base, *names])
