from __future__ import annotations

import pytest
from crossword_invariants import assert_valid, load
from hypothesis import given, settings
from hypothesis import strategies as st

from motteruum.crossword import Direction, Entry, generate

#: A smaller search keeps the rule checks quick; the density test uses the defaults.
QUICK = 200_000


@pytest.mark.parametrize("name", ["et-20.txt", "et-30.txt", "en-30.txt", "et-60.txt"])
@pytest.mark.parametrize("seed", [0, 7])
def test_every_answer_is_placed_in_one_piece_without_stray_runs(name: str, seed: int) -> None:
    entries = load(name)
    puzzle = generate(entries, seed, effort=QUICK)
    assert puzzle.unplaced == ()
    assert len(puzzle.placements) == len(entries)
    assert_valid(puzzle)


def test_the_same_seed_gives_the_same_grid() -> None:
    entries = load("et-30.txt")
    first = generate(entries, 42, effort=QUICK)
    second = generate(entries, 42, effort=QUICK)
    assert first == second
    assert first.grid() == second.grid()


def test_different_seeds_may_give_different_grids() -> None:
    entries = load("et-30.txt")
    grids = {generate(entries, seed, effort=QUICK).grid() for seed in range(4)}
    assert len(grids) > 1


def test_decomposed_input_fills_one_cell_per_letter() -> None:
    entries = [Entry("So\u0303na", "Word"), Entry("TÕDE", "Truth"), Entry("ÕUN", "Apple")]
    puzzle = generate(entries, 1)
    assert_valid(puzzle)
    letters = [cell for row in puzzle.grid() for cell in row if cell]
    assert "Õ" in letters
    assert all(len(cell) == 1 for cell in letters)
    assert "\u0303" not in "".join(letters)
    lengths = {p.answer.cells: p.length for p in puzzle.placements}
    assert lengths["SÕNA"] == 4


def test_multi_word_answers_are_joined_in_the_grid_and_enumerated_in_the_clue() -> None:
    entries = [
        Entry("kliendi teekond", "Kliendi sammud"),
        Entry("customer-centric", "Customer first"),
        Entry("TEENUS", "Service"),
        Entry("KOGEMUS", "Experience"),
    ]
    puzzle = generate(entries, 3)
    assert_valid(puzzle)
    clues = {p.answer.cells: p.clue_text for p in puzzle.placements}
    assert clues["KLIENDITEEKOND"] == "Kliendi sammud (7, 7)"
    assert clues["CUSTOMERCENTRIC"] == "Customer first (8-7)"
    assert clues["TEENUS"] == "Service (6)"
    letters = "".join(cell for row in puzzle.grid() for cell in row if cell)
    assert " " not in letters and "-" not in letters


def test_a_single_answer_lies_across() -> None:
    puzzle = generate([Entry("TEENUS", "Service")], 0)
    assert (puzzle.width, puzzle.height) == (6, 1)
    (placement,) = puzzle.placements
    assert (placement.row, placement.col, placement.direction) == (0, 0, Direction.ACROSS)
    assert placement.number == 1


def test_answers_sharing_no_letter_are_left_unplaced() -> None:
    entries = [Entry("TEENUS", "a"), Entry("SUUN", "b"), Entry("XYZ", "c")]
    puzzle = generate(entries, 0)
    assert puzzle.unplaced == (entries[2],)
    assert puzzle.stats().placed == 2
    assert puzzle.stats().words == 3
    assert_valid(puzzle)


def test_an_empty_list_is_an_error() -> None:
    with pytest.raises(ValueError, match="no answers"):
        generate([], 0)


def test_stats_count_crossings_and_density() -> None:
    puzzle = generate(load("et-30.txt"), 5, effort=QUICK)
    stats = puzzle.stats()
    letters = sum(p.length for p in puzzle.placements) - stats.crossings
    assert stats.letters == letters
    assert stats.density == pytest.approx(letters / (stats.width * stats.height))
    assert stats.crossings >= stats.placed - 1  # one piece needs at least a spanning tree


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(
        st.text(alphabet="AEIKLSTÕÄ", min_size=2, max_size=9),
        min_size=1,
        max_size=14,
        unique=True,
    ),
    seed=st.integers(min_value=0, max_value=2**32),
    effort=st.sampled_from([0, 5_000, 60_000]),
)
def test_random_lists_obey_the_layout_rules(words: list[str], seed: int, effort: int) -> None:
    puzzle = generate([Entry(word, "clue") for word in words], seed, attempts=3, effort=effort)
    assert_valid(puzzle)
    # Words sharing no letter with the rest may stay out; with this alphabet that is rare.
    assert len(puzzle.placements) + len(puzzle.unplaced) == len(words)
