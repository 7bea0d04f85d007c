"""Puzzles: laid-out answers with clue numbers, their grid and their figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .layout import DEFAULT_ATTEMPTS, DEFAULT_EFFORT, Direction, arrange
from .normalize import Answer, Entry, normalize_entries

__all__ = ["Placement", "Puzzle", "Stats", "generate"]


@dataclass(frozen=True)
class Placement:
    """One answer in the grid: where it starts, which way it runs and its clue number."""

    row: int
    col: int
    direction: Direction
    number: int
    answer: Answer
    clue: str

    @property
    def length(self) -> int:
        return self.answer.length

    def cells(self) -> list[tuple[int, int]]:
        """``(row, col)`` of each letter, in reading order."""
        if self.direction is Direction.ACROSS:
            return [(self.row, self.col + k) for k in range(self.length)]
        return [(self.row + k, self.col) for k in range(self.length)]

    @property
    def clue_text(self) -> str:
        """The clue followed by the answer's word lengths, e.g. ``"Ostja teekond (7, 7)"``."""
        return f"{self.clue} {self.answer.enumeration}"


@dataclass(frozen=True)
class Stats:
    """Figures for a puzzle; ``density`` is letters / (width × height)."""

    words: int
    placed: int
    width: int
    height: int
    letters: int
    density: float
    crossings: int
    parts: int

    def lines(self) -> list[str]:
        return [
            f"words placed: {self.placed}/{self.words}",
            f"grid: {self.width} × {self.height} (width × height)",
            f"density: {self.density:.3f} ({self.letters} letters in {self.width * self.height}"
            " cells of the bounding box)",
            f"crossings: {self.crossings}",
            f"connected parts: {self.parts}",
        ]


@dataclass(frozen=True)
class Puzzle:
    """A laid-out crossword. Placements are ordered by clue number, across before down."""

    placements: tuple[Placement, ...]
    width: int
    height: int
    unplaced: tuple[Entry, ...] = ()
    seed: int = 0

    @property
    def across(self) -> tuple[Placement, ...]:
        return tuple(p for p in self.placements if p.direction is Direction.ACROSS)

    @property
    def down(self) -> tuple[Placement, ...]:
        return tuple(p for p in self.placements if p.direction is Direction.DOWN)

    def grid(self) -> tuple[tuple[str | None, ...], ...]:
        """Rows of letters, ``None`` where there is no letter."""
        rows: list[list[str | None]] = [[None] * self.width for _ in range(self.height)]
        for placement in self.placements:
            for (row, col), letter in zip(placement.cells(), placement.answer.cells, strict=True):
                rows[row][col] = letter
        return tuple(tuple(row) for row in rows)

    def numbers(self) -> tuple[tuple[int, ...], ...]:
        """Rows of clue numbers, 0 where no answer starts."""
        rows = [[0] * self.width for _ in range(self.height)]
        for placement in self.placements:
            rows[placement.row][placement.col] = placement.number
        return tuple(tuple(row) for row in rows)

    def stats(self) -> Stats:
        grid = self.grid()
        filled = {(r, c) for r, row in enumerate(grid) for c, cell in enumerate(row) if cell}
        across = {cell for p in self.across for cell in p.cells()}
        down = {cell for p in self.down for cell in p.cells()}
        return Stats(
            words=len(self.placements) + len(self.unplaced),
            placed=len(self.placements),
            width=self.width,
            height=self.height,
            letters=len(filled),
            density=len(filled) / (self.width * self.height),
            crossings=len(across & down),
            parts=_parts(filled),
        )

    def to_ipuz(
        self,
        title: str | None = None,
        author: str | None = None,
        copyright: str | None = None,
        intro: str | None = None,
    ) -> dict[str, Any]:
        """The puzzle as an ipuz 2 crossword (a JSON-ready dict)."""
        from .ipuz import to_ipuz

        return to_ipuz(self, title=title, author=author, copyright=copyright, intro=intro)


def _parts(filled: set[tuple[int, int]]) -> int:
    """Connected groups of letter cells (sharing an edge)."""
    seen: set[tuple[int, int]] = set()
    parts = 0
    for cell in sorted(filled):
        if cell in seen:
            continue
        parts += 1
        seen.add(cell)
        stack = [cell]
        while stack:
            row, col = stack.pop()
            for near in ((row - 1, col), (row + 1, col), (row, col - 1), (row, col + 1)):
                if near in filled and near not in seen:
                    seen.add(near)
                    stack.append(near)
    return parts


def generate(
    entries: Sequence[Entry],
    seed: int,
    attempts: int = DEFAULT_ATTEMPTS,
    effort: int = DEFAULT_EFFORT,
) -> Puzzle:
    """Lay out ``entries`` as a free-form crossword, the same one for the same ``seed``.

    Raises :class:`~motteruum.crossword.normalize.AnswerError` for an unusable or repeated
    answer and :class:`ValueError` for an empty list. Answers that share no letter with the
    rest cannot join the grid and are returned in :attr:`Puzzle.unplaced`.

    ``attempts`` is the number of greedy constructions to start from and ``effort`` the
    work the whole search may do (grid cells examined; a million is about 0.35 s of CPython);
    both bound the work, so the result never depends on the machine's speed.
    """
    answers = normalize_entries(entries)
    if not answers:
        raise ValueError("no answers to lay out")
    layout = arrange([a.cells for a in answers], seed, attempts=attempts, effort=effort)
    starts = sorted({(spot.row, spot.col) for spot in layout.spots if spot is not None})
    number = {cell: n for n, cell in enumerate(starts, start=1)}
    placements = [
        Placement(
            row=spot.row,
            col=spot.col,
            direction=spot.direction,
            number=number[spot.row, spot.col],
            answer=answer,
            clue=entry.clue.strip(),
        )
        for spot, answer, entry in zip(layout.spots, answers, entries, strict=True)
        if spot is not None
    ]
    placements.sort(key=lambda p: (p.number, p.direction is Direction.DOWN))
    unplaced = tuple(
        entry for spot, entry in zip(layout.spots, entries, strict=True) if spot is None
    )
    return Puzzle(tuple(placements), layout.width, layout.height, unplaced, seed)
