"""Free-form crosswords from glossary terms, exported as ipuz.

>>> from motteruum.crossword import Entry, generate
>>> puzzle = generate([Entry("KLIENT", "Ostja"), Entry("TEENUS", "Mida pakutakse")], seed=1)
>>> puzzle.stats().placed
2
"""

from __future__ import annotations

from .layout import DEFAULT_ATTEMPTS, DEFAULT_EFFORT, Direction
from .normalize import Answer, AnswerError, Entry, normalize_answer, normalize_entries
from .puzzle import Placement, Puzzle, Stats, generate

__all__ = [
    "DEFAULT_ATTEMPTS",
    "DEFAULT_EFFORT",
    "Answer",
    "AnswerError",
    "Direction",
    "Entry",
    "Placement",
    "Puzzle",
    "Stats",
    "generate",
    "normalize_answer",
    "normalize_entries",
]
