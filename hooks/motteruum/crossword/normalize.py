"""Turning glossary answers into crossword cells.

An answer is normalised with Unicode NFC and upper-cased, so Estonian Õ, Ä, Ö, Ü, Š and Ž are
one cell each even when the input spells them with combining marks. Words of a multi-word
answer may be separated by spaces or hyphens: the separators are dropped from the grid and
kept in the enumeration shown after the clue, "(6, 7)" for spaces and "(6-7)" for hyphens.

Every remaining character must be a letter. Digits, apostrophes and other punctuation are
rejected rather than dropped, because a crossword cell holds one letter and quietly changing
the answer would make the clue wrong; spell numbers out ("KOLMSADA KUUSKÜMMEND") instead.
An answer must be at least two cells long, and two answers that give the same cells (for
example "E-KIRI" and "EKIRI") are duplicates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "Answer",
    "AnswerError",
    "Entry",
    "normalize_answer",
    "normalize_entries",
]

#: Characters that separate the words of a multi-word answer, and how the enumeration shows them.
_SPACE: Final = ", "
_HYPHEN: Final = "-"
_HYPHENS: Final = "-\u2010\u2011"
_SEPARATOR: Final = re.compile(r"(\s+|[-\u2010\u2011])")


@dataclass(frozen=True)
class Entry:
    """A glossary term offered as a crossword answer, with its clue."""

    answer: str
    clue: str


@dataclass(frozen=True)
class Answer:
    """A normalised answer: what goes into the grid and how its length is shown."""

    text: str
    """The answer as written, NFC-normalised and upper-cased, separators included."""
    cells: str
    """One character per grid cell, separators removed."""
    enumeration: str
    """Word lengths for the clue, e.g. ``"(14)"``, ``"(6, 7)"`` or ``"(6-7)"``."""

    @property
    def length(self) -> int:
        return len(self.cells)


class AnswerError(ValueError):
    """An answer that cannot be used.

    ``index`` is the entry's position in the input when known, and ``duplicate_of`` the
    position of the earlier entry it repeats.
    """

    def __init__(
        self, message: str, index: int | None = None, duplicate_of: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.index = index
        self.duplicate_of = duplicate_of


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, f"U+{ord(ch):04X}")
    return f"{ch!r} ({name})"


def normalize_answer(raw: str) -> Answer:
    """Normalise one answer or raise :class:`AnswerError` saying what is wrong with it."""
    shown_raw = raw.strip()
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", shown_raw).upper())
    if not text:
        raise AnswerError("empty answer")
    # Words and separators alternate: word, separator, word, ..., word.
    tokens = _SEPARATOR.split(text)
    words = tokens[0::2]
    joins = [_HYPHEN if sep[0] in _HYPHENS else _SPACE for sep in tokens[1::2]]
    if any(not word for word in words):
        raise AnswerError(f"answer {shown_raw!r} has a misplaced space or hyphen")
    for ch in "".join(words):
        if ch.isdigit():
            raise AnswerError(
                f"answer {shown_raw!r} contains the digit {ch!r}; "
                "a crossword cell holds a letter, so spell the number out"
            )
        if not ch.isalpha() or unicodedata.combining(ch):
            raise AnswerError(
                f"answer {shown_raw!r} contains {_describe(ch)}, which cannot be a crossword cell"
            )
    cells = "".join(words)
    if len(cells) < 2:
        raise AnswerError(f"answer {shown_raw!r} is shorter than two letters")
    enumeration = [str(len(words[0]))]
    written = [words[0]]
    for sep, word in zip(joins, words[1:], strict=True):
        enumeration += [sep, str(len(word))]
        written += ["-" if sep == _HYPHEN else " ", word]
    return Answer(text="".join(written), cells=cells, enumeration=f"({''.join(enumeration)})")


def normalize_entries(entries: Sequence[Entry]) -> tuple[Answer, ...]:
    """Normalise every answer; reject bad answers and duplicates, naming the entry's index."""
    answers: list[Answer] = []
    first_seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        try:
            answer = normalize_answer(entry.answer)
        except AnswerError as err:
            raise AnswerError(err.message, index) from None
        if not entry.clue.strip():
            raise AnswerError(f"answer {answer.text!r} has no clue", index)
        earlier = first_seen.get(answer.cells)
        if earlier is not None:
            raise AnswerError(
                f"answer {answer.text!r} duplicates entry {earlier + 1} "
                f"({entries[earlier].answer.strip()!r}) once spaces and hyphens are removed",
                index,
                earlier,
            )
        first_seen[answer.cells] = index
        answers.append(answer)
    return tuple(answers)
