from __future__ import annotations

import json
from typing import Any

import pytest
from crossword_invariants import load

from motteruum.crossword import Puzzle, generate
from motteruum.crossword.ipuz import dumps


@pytest.fixture(scope="module")
def puzzle() -> Puzzle:
    return generate(load("en-30.txt"), 11, effort=200_000)


@pytest.fixture(scope="module")
def data(puzzle: Puzzle) -> dict[str, Any]:
    return puzzle.to_ipuz(title="Kliendikogemus", author="Ühine mõtteruum")


def test_header_and_dimensions(puzzle: Puzzle, data: dict[str, Any]) -> None:
    assert data["version"] == "http://ipuz.org/v2"
    assert data["kind"] == ["http://ipuz.org/crossword#1"]
    assert data["title"] == "Kliendikogemus"
    assert data["author"] == "Ühine mõtteruum"
    assert "copyright" not in data
    assert data["dimensions"] == {"width": puzzle.width, "height": puzzle.height}
    for grid in (data["puzzle"], data["solution"]):
        assert len(grid) == puzzle.height
        assert all(len(row) == puzzle.width for row in grid)


def test_blocks_match_between_puzzle_and_solution(data: dict[str, Any]) -> None:
    for row, solved in zip(data["puzzle"], data["solution"], strict=True):
        for cell, letter in zip(row, solved, strict=True):
            assert (cell == "#") == (letter == "#")
            if cell != "#":
                assert isinstance(cell, int)
                assert isinstance(letter, str) and len(letter) == 1 and letter.isalpha()


def _starts(
    solution: list[list[str]],
) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], str]]:
    """Words read off the solution grid, keyed by their first cell."""
    height, width = len(solution), len(solution[0])

    def letter(r: int, c: int) -> bool:
        return 0 <= r < height and 0 <= c < width and solution[r][c] != "#"

    across: dict[tuple[int, int], str] = {}
    down: dict[tuple[int, int], str] = {}
    for r in range(height):
        for c in range(width):
            if not letter(r, c):
                continue
            if not letter(r, c - 1) and letter(r, c + 1):
                k = c
                while letter(r, k):
                    k += 1
                across[r, c] = "".join(solution[r][c:k])
            if not letter(r - 1, c) and letter(r + 1, c):
                k = r
                while letter(k, c):
                    k += 1
                down[r, c] = "".join(solution[i][c] for i in range(r, k))
    return across, down


def test_numbering_follows_reading_order(data: dict[str, Any]) -> None:
    across, down = _starts(data["solution"])
    starts = sorted(set(across) | set(down))
    numbered = [
        (r, c)
        for r, row in enumerate(data["puzzle"])
        for c, cell in enumerate(row)
        if cell not in ("#", 0)
    ]
    assert numbered == starts
    assert [data["puzzle"][r][c] for r, c in numbered] == list(range(1, len(starts) + 1))


def test_every_clue_number_is_in_the_grid_and_reads_its_answer(
    puzzle: Puzzle, data: dict[str, Any]
) -> None:
    across, down = _starts(data["solution"])
    position = {
        cell: (r, c)
        for r, row in enumerate(data["puzzle"])
        for c, cell in enumerate(row)
        if isinstance(cell, int) and cell
    }
    answers = {(p.number, p.direction.value): p for p in puzzle.placements}
    for section, words in (("Across", across), ("Down", down)):
        clues = data["clues"][section]
        assert [n for n, _ in clues] == sorted(n for n, _ in clues)
        assert len(clues) == len(words)
        for number, text in clues:
            assert number in position
            placement = answers[number, section.lower()]
            assert words[position[number]] == placement.answer.cells
            assert text == f"{placement.clue} {placement.answer.enumeration}"


def test_multi_word_clues_show_word_lengths(data: dict[str, Any]) -> None:
    texts = [text for section in data["clues"].values() for _, text in section]
    assert any(text.endswith("(7, 6)") for text in texts)  # SERVICE DESIGN
    assert any(text.endswith("(8-7)") for text in texts)  # CUSTOMER-CENTRIC


def test_dumps_is_json_with_one_row_per_line(data: dict[str, Any]) -> None:
    text = dumps(data)
    assert json.loads(text) == data
    assert "Ühine" in text  # not escaped
    lines = {line.strip().rstrip(",") for line in text.splitlines()}
    for grid in (data["puzzle"], data["solution"]):
        for row in grid:
            assert json.dumps(row, ensure_ascii=False) in lines
