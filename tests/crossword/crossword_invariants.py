"""Checks shared by the crossword tests: a puzzle obeys the layout rules."""

from __future__ import annotations

from pathlib import Path

from motteruum.crossword import Direction, Entry, Puzzle
from motteruum.crossword.cli import read_entries

DATA = Path(__file__).parent / "data"


def load(name: str) -> list[Entry]:
    return [entry for _, entry in read_entries(DATA / name)]


def runs(grid: tuple[tuple[str | None, ...], ...]) -> set[tuple[int, int, Direction, str]]:
    """Every maximal run of two or more letters, across and down."""
    height, width = len(grid), len(grid[0])
    found: set[tuple[int, int, Direction, str]] = set()
    for row in range(height):
        col = 0
        while col < width:
            start = col
            while col < width and grid[row][col] is not None:
                col += 1
            if col - start >= 2:
                text = "".join(str(grid[row][c]) for c in range(start, col))
                found.add((row, start, Direction.ACROSS, text))
            col += 1
    for col in range(width):
        row = 0
        while row < height:
            start = row
            while row < height and grid[row][col] is not None:
                row += 1
            if row - start >= 2:
                text = "".join(str(grid[r][col]) for r in range(start, row))
                found.add((start, col, Direction.DOWN, text))
            row += 1
    return found


def assert_valid(puzzle: Puzzle) -> None:
    """Letters agree, every run is exactly one placed answer, one part, tight box."""
    grid = puzzle.grid()
    assert len(grid) == puzzle.height
    assert all(len(row) == puzzle.width for row in grid)
    for placement in puzzle.placements:
        for (row, col), letter in zip(placement.cells(), placement.answer.cells, strict=True):
            assert grid[row][col] == letter
    placed = {(p.row, p.col, p.direction, p.answer.cells) for p in puzzle.placements}
    assert runs(grid) == placed
    stats = puzzle.stats()
    assert stats.parts == 1
    # The bounding box is tight: no empty first/last row or column.
    assert any(grid[0]) and any(grid[-1])
    assert any(row[0] for row in grid) and any(row[-1] for row in grid)
