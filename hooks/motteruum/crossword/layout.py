"""Free-form crossword layout: every word placed, in one piece, in as small a box as we can.

The search has two stages, both driven only by ``random.Random(seed)`` and both bounded by
*work* (cells examined, see :class:`~motteruum.crossword.board.Board`), never by time, so a
seed gives the same grid on every machine.

1. **Construction.** Words are taken longest first, with near-equal lengths shuffled, and each
   goes to the legal crossing placement with the best score: the smallest resulting bounding
   box, then a squarer box, then more crossings, with a little seeded noise. Words that do not
   fit yet are retried after the others. Several constructions are made and the densest one
   (letters / bounding-box area) is kept.
2. **Compaction.** The kept layout is squeezed one line at a time. Every word touching one
   edge of the bounding box (the least loaded edge of the longer side first) is lifted and put
   back inside the box without that line. Words that cannot go back wait in a *pool*; then
   each round either lifts a few random words and re-inserts them together with the pool, or
   forces one pool word in by lifting the words in its way (an ejection). A round is kept when
   the pool holds no more letters than before (occasionally, at random, when it holds a few
   more), and reverted otherwise. When the pool empties, the box is one line smaller and the
   next edge is tried; a box that resists for too many rounds is abandoned for the best
   layout so far and another edge is tried. After several such failures in a row the next
   best construction is compacted instead, and the densest result of all is returned.

Placing long words first, choosing among all legal crossings by a score, restarts with
shuffled orders and a final pick by density follow the usual free-form generators; lifting
and re-inserting words inside a shrinking box (large-neighbourhood search) is what pushes the
density past what greedy construction reaches.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from .board import ACROSS, Board, Box, grow

__all__ = ["DEFAULT_ATTEMPTS", "DEFAULT_EFFORT", "Direction", "Layout", "Spot", "arrange"]

#: Constructions tried before compaction (fewer when they use up their share of the effort).
DEFAULT_ATTEMPTS: Final = 30
#: Work the whole search may do: about 0.4 s of CPython 3.11 on a small 2-core machine.
DEFAULT_EFFORT: Final = 1_200_000

# Construction: how much a placement's score weighs the longer side of the box (squareness),
# its crossings, and seeded noise; how much word lengths are shuffled in the order.
_SQUARE: Final = 0.6
_CROSS: Final = 1.5
_NOISE: Final = 3.0
_ORDER_NOISE: Final = 2.5
#: Largest share of the effort that construction may use.
_CONSTRUCTION_SHARE: Final = 0.3

# Compaction: words lifted by a random round, rounds a box may resist, chance that a round is
# an ejection, noise when choosing what to eject or which edge to drop, the temperature for
# keeping a round whose pool grew, bonus per crossing and noise when re-inserting, and the
# work charged for each round's bookkeeping (per word).
_MAX_LIFT: Final = 3
_PATIENCE: Final = 150
_EJECT: Final = 0.2
_EJECT_NOISE: Final = 2.0
_EDGE_NOISE: Final = 3.0
_TEMPERATURE: Final = 0.5
#: Failed shrinks in a row after which compaction moves on to the next construction.
_GIVE_UP: Final = 6
_INSERT_CROSS: Final = 1.5
_INSERT_NOISE: Final = 3.0
_ROUND_COST: Final = 1
#: Compaction will not drop a line from the shorter side beyond this aspect ratio.
_ASPECT: Final = 1.5


class Direction(StrEnum):
    ACROSS = "across"
    DOWN = "down"


@dataclass(frozen=True)
class Spot:
    """Where a word starts, relative to the top-left corner of the tight bounding box."""

    row: int
    col: int
    direction: Direction


@dataclass(frozen=True)
class Layout:
    """A spot for each word (``None`` if it could not be placed) and the box size."""

    spots: tuple[Spot | None, ...]
    width: int
    height: int


class _Search:
    def __init__(self, words: Sequence[str], rng: random.Random) -> None:
        self.words = words
        self.rng = rng
        total = sum(len(word) for word in words)
        self.longest = max(len(word) for word in words)
        #: Largest side a layout may reach: generous, since layouts end far smaller.
        self.limit = max(self.longest + 2, 2 * math.isqrt(2 * total) + 4)
        self.size = 2 * self.limit + 5
        self.centre = (self.limit + 2) * (self.size + 1)
        self.canvas: Box = (1, 1, self.size - 2, self.size - 2)

    def order(self, indices: Sequence[int]) -> list[int]:
        """Longest first, lengths blurred by seeded noise."""
        rng = self.rng
        noise = [_ORDER_NOISE * rng.random() for _ in indices]
        ranked = sorted(range(len(indices)), key=lambda k: -len(self.words[indices[k]]) - noise[k])
        return [indices[k] for k in ranked]

    # -- construction ----------------------------------------------------------------------

    def construct(self) -> Board:
        board = Board(self.words, self.size)
        order = self.order(range(len(self.words)))
        board.put(order[0], self.centre - len(self.words[order[0]]) // 2, ACROSS)
        current = board.bbox()
        pending = order[1:]
        while pending:
            left = []
            for i in pending:
                if self.place_best(board, i, current):
                    current = grow(current, board.span(i))
                else:
                    left.append(i)
            if len(left) == len(pending):
                break
            pending = left
        return board

    def place_best(self, board: Board, i: int, current: Box) -> bool:
        """Put word ``i`` where the bounding box stays smallest and squarest."""
        last = len(self.words[i]) - 1
        size, limit, rng = board.size, self.limit, self.rng
        best: tuple[float, int, int] | None = None
        for start, way, crossed in board.candidates(i, self.canvas):
            row, col = divmod(start, size)
            span = (row, col, row, col + last) if way == ACROSS else (row, col, row + last, col)
            box = grow(current, span)
            height, width = box[2] - box[0] + 1, box[3] - box[1] + 1
            if height > limit or width > limit:
                continue
            longer = max(width, height)
            score = (
                width * height
                + _SQUARE * longer * longer
                - _CROSS * crossed
                + _NOISE * rng.random()
            )
            if best is None or score < best[0]:
                best = (score, start, way)
        if best is None:
            return False
        board.put(i, best[1], best[2])
        return True

    # -- compaction ------------------------------------------------------------------------

    def insert(self, board: Board, pending: list[int], box: Box) -> list[int]:
        """Put as many of ``pending`` as possible inside ``box``; return the rest.

        Words that do not fit are retried after later words go in, until a full pass places
        nothing new; a word is not re-examined while the board is unchanged since it failed.
        """
        rng = self.rng
        version = 0
        failed_at: dict[int, int] = {}
        while True:
            left = []
            for i in pending:
                if failed_at.get(i) == version:
                    left.append(i)
                    continue
                best: tuple[float, int, int] | None = None
                for start, way, crossed in board.candidates(i, box):
                    score = _INSERT_NOISE * rng.random() - _INSERT_CROSS * crossed
                    if best is None or score < best[0]:
                        best = (score, start, way)
                if best is None:
                    failed_at[i] = version
                    left.append(i)
                else:
                    board.put(i, best[1], best[2])
                    version += 1
            if all(failed_at[i] == version for i in left):
                return left
            pending = left

    def weight(self, pool: Sequence[int]) -> int:
        return sum(len(self.words[i]) for i in pool)

    def pick_edge(
        self, board: Board, tried: set[int], hopeless: set[int]
    ) -> tuple[int, int, int, Box] | None:
        """The edge to drop next: ``(edge, axis, line, smaller box)``, tried edges last."""
        r0, c0, r1, c1 = board.bbox()
        height, width = r1 - r0 + 1, c1 - c0 + 1
        choices = []
        for edge, (axis, line, box) in enumerate(
            (
                (0, r0, (r0 + 1, c0, r1, c1)),
                (0, r1, (r0, c0, r1 - 1, c1)),
                (1, c0, (r0, c0 + 1, r1, c1)),
                (1, c1, (r0, c0, r1, c1 - 1)),
            )
        ):
            h, w = box[2] - box[0] + 1, box[3] - box[1] + 1
            shorter = (axis == 0) == (height < width)
            if edge in hopeless or max(h, w) < self.longest:
                continue
            if shorter and max(h, w) > _ASPECT * min(h, w):
                continue
            longer_side = (axis == 1) == (width >= height)
            load = self.weight(board.touching(axis, line)) + _EDGE_NOISE * self.rng.random()
            choices.append((edge in tried, not longer_side, load, edge, axis, line, box))
        if not choices:
            return None
        _, _, _, edge, axis, line, box = min(choices)
        return edge, axis, line, box

    def compact(self, board: Board, budget: int) -> None:
        """Shrink ``board``'s bounding box, spending at most about ``budget`` work.

        Stops early when ``_GIVE_UP`` shrinks in a row have failed.
        """
        rng = self.rng
        if board.count < 2:
            return
        failures = 0
        best = board.snapshot()
        best_density = board.density()
        box = board.bbox()
        pool: list[int] = []
        tried: set[int] = set()
        hopeless: set[int] = set()
        stall = 0
        stop = board.work + budget
        overhead = _ROUND_COST * len(self.words)
        while board.work < stop:
            board.work += overhead
            if not pool:
                density = board.density()
                if density > best_density:
                    best, best_density = board.snapshot(), density
                    tried, hopeless = set(), set()
                    failures = 0
                edge = self.pick_edge(board, tried, hopeless)
                if edge is None:
                    break
                index, axis, line, box = edge
                tried.add(index)
                saved = board.snapshot()
                lifted = board.lift_all(board.touching(axis, line))
                if not board.count:
                    # Every word touches this edge: nothing is left to build on.
                    board.restore(saved)
                    hopeless.add(index)
                    continue
                pool = self.insert(board, self.order(lifted), box)
                stall = 0
                continue
            stall += 1
            if stall > _PATIENCE:
                board.restore(best)
                pool = []
                failures += 1
                if failures >= _GIVE_UP:
                    break
                continue
            saved, saved_pool, before = board.snapshot(), pool, self.weight(pool)
            if rng.random() < _EJECT:
                target = rng.choice(pool)
                options = board.conflicts(target, box)
                if not options:
                    continue
                _, start, way, blocking = min(
                    (self.weight(b) + _EJECT_NOISE * rng.random(), s, w, b) for s, w, b in options
                )
                lifted = board.lift_all(blocking)
                if not board.fits(target, start, way):
                    board.restore(saved)
                    continue
                board.put(target, start, way)
                pool = [i for i in pool if i != target]
            else:
                placed = board.placed()
                count = min(len(placed) - 1, rng.randint(1, _MAX_LIFT))
                lifted = board.lift_all(rng.sample(placed, count))
                if not board.count:
                    board.restore(saved)
                    continue
            left = self.insert(board, self.order(pool + lifted), box)
            after = self.weight(left)
            if after <= before or rng.random() < math.exp((before - after) / _TEMPERATURE):
                pool = left
            else:
                board.restore(saved)
                pool = saved_pool
        board.restore(best)


def _rank(board: Board) -> tuple[int, float, int]:
    """Words placed, then density, then squareness."""
    r0, c0, r1, c1 = board.bbox()
    return (board.count, board.density(), -abs((r1 - r0) - (c1 - c0)))


def arrange(
    words: Sequence[str],
    seed: int,
    attempts: int = DEFAULT_ATTEMPTS,
    effort: int = DEFAULT_EFFORT,
) -> Layout:
    """Lay out ``words`` (one grid cell per character) for ``seed``.

    ``attempts`` constructions are made (fewer if they use up their share of ``effort``); the
    best is compacted with the rest of ``effort``, then the next best if it gets stuck. Words
    that can cross no other word stay unplaced.
    """
    if not words:
        raise ValueError("no words to lay out")
    rng = random.Random(seed)
    search = _Search(words, rng)
    best: Board | None = None
    built: list[Board] = []
    spent = 0
    for _ in range(max(1, attempts)):
        board = search.construct()
        built.append(board)
        spent += board.work
        if best is None or _rank(board) > _rank(best):
            best = board
        if spent > _CONSTRUCTION_SHARE * effort:
            break
    assert best is not None
    # Compact the best construction; if it gets stuck, go on with the next best.
    for board in sorted(built, key=_rank, reverse=True):
        if spent >= effort:
            break
        before = board.work
        search.compact(board, effort - spent)
        spent += board.work - before
        if _rank(board) > _rank(best):
            best = board
    return _export(best)


def _export(board: Board) -> Layout:
    r0, c0, r1, c1 = board.bbox()
    spots: list[Spot | None] = []
    for i, start in enumerate(board.start):
        if start < 0:
            spots.append(None)
            continue
        row, col = divmod(start, board.size)
        direction = Direction.ACROSS if board.way[i] == ACROSS else Direction.DOWN
        spots.append(Spot(row - r0, col - c0, direction))
    return Layout(tuple(spots), c1 - c0 + 1, r1 - r0 + 1)
