"""The mutable grid the layout search works on.

Cells live in flat lists on a square canvas (``position = row * size + col``) whose border
stays empty, so neighbours never need bounds checks. A word may go where it crosses at least
one letter already on the board, every crossed cell holds the same letter and is not yet used
in the same direction, every new cell has empty neighbours across the word, and the cells
just before and after the word are empty. These rules keep every maximal run of two or more
letters exactly one placed word.

For each letter the board keeps the cells where a word could cross, in insertion order (dicts
used as ordered sets), so candidate placements are found without scanning the grid and their
order never depends on hashing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

__all__ = ["ACROSS", "DOWN", "Board", "Box", "Snapshot", "area", "grow"]

ACROSS: Final = 1
DOWN: Final = 2
_BOTH: Final = ACROSS | DOWN
#: Work charged for a candidate search besides the cells it examines (the call's own cost).
_CALL_COST: Final = 20

#: ``(row0, col0, row1, col1)``, inclusive, in canvas coordinates.
Box = tuple[int, int, int, int]
#: Start cell and direction of every word (-1 and 0 when not placed).
Snapshot = tuple[list[int], list[int]]


def grow(box: Box, span: Box) -> Box:
    """The smallest box holding both."""
    return (min(box[0], span[0]), min(box[1], span[1]), max(box[2], span[2]), max(box[3], span[3]))


def area(box: Box) -> int:
    return (box[2] - box[0] + 1) * (box[3] - box[1] + 1)


class Board:
    """Words on a canvas, with placement, removal and candidate search.

    ``work`` counts the cells examined by the searches, plus a fixed charge per search, so it
    grows about in step with running time; the layout stops when it has spent its budget of
    work, which keeps a seed's result independent of the machine's speed.
    """

    def __init__(self, words: Sequence[str], size: int) -> None:
        cells = size * size
        self.words = words
        self.size = size
        self.cells: list[str] = [""] * cells
        self.dirs = bytearray(cells)
        self.across: list[int] = [-1] * cells
        self.down: list[int] = [-1] * cells
        self.start: list[int] = [-1] * len(words)
        self.way: list[int] = [0] * len(words)
        letters = sorted({ch for word in words for ch in word})
        #: Cells of an across word only, by letter: a down word may cross there.
        self.open_down: dict[str, dict[int, None]] = {ch: {} for ch in letters}
        #: Cells of a down word only, by letter: an across word may cross there.
        self.open_across: dict[str, dict[int, None]] = {ch: {} for ch in letters}
        self.count = 0
        self.work = 0

    # -- changes ---------------------------------------------------------------------------

    def put(self, i: int, start: int, way: int) -> None:
        """Place word ``i``; the caller has checked that it fits."""
        if way == ACROSS:
            step, owners, mine, theirs = 1, self.across, self.open_down, self.open_across
        else:
            step, owners, mine, theirs = self.size, self.down, self.open_across, self.open_down
        cells, dirs = self.cells, self.dirs
        p = start
        for ch in self.words[i]:
            if cells[p]:
                del theirs[ch][p]
            else:
                cells[p] = ch
                mine[ch][p] = None
            dirs[p] |= way
            owners[p] = i
            p += step
        self.start[i] = start
        self.way[i] = way
        self.count += 1

    def lift(self, i: int) -> None:
        """Remove word ``i``, leaving the letters of the words crossing it."""
        start, way = self.start[i], self.way[i]
        if way == ACROSS:
            step, owners, mine, theirs = 1, self.across, self.open_down, self.open_across
        else:
            step, owners, mine, theirs = self.size, self.down, self.open_across, self.open_down
        cells, dirs = self.cells, self.dirs
        p = start
        for ch in self.words[i]:
            if dirs[p] == _BOTH:
                dirs[p] = _BOTH ^ way
                theirs[ch][p] = None
            else:
                dirs[p] = 0
                cells[p] = ""
                del mine[ch][p]
            owners[p] = -1
            p += step
        self.start[i] = -1
        self.way[i] = 0
        self.count -= 1

    def lift_all(self, chosen: Sequence[int]) -> list[int]:
        """Lift ``chosen`` and whatever must go with them; return every word lifted.

        Two perpendicular words may cross a lifted word in neighbouring cells (one ending where
        the other begins). Without the lifted word they would form a run that is no answer, so
        one of them is lifted as well. Words cut off from the largest connected group are
        lifted too, so the board stays in one piece.
        """
        lifted: list[int] = []
        queue = [i for i in chosen if self.start[i] >= 0]
        cells = self.cells
        split = False
        while queue:
            i = queue.pop()
            if self.start[i] < 0:
                continue
            start, way = self.start[i], self.way[i]
            step = 1 if way == ACROSS else self.size
            others = self.down if way == ACROSS else self.across
            self.lift(i)
            lifted.append(i)
            crossings = 0
            p = start
            for _ in range(len(self.words[i])):
                if cells[p]:
                    crossings += 1
                    if cells[p + step]:
                        queue.append(others[p + step])
                p += step
            # Lifting a word that crossed one other word cannot split the board.
            split = split or crossings > 1
        if split:
            for i in self.stray():
                self.lift(i)
                lifted.append(i)
        return lifted

    def snapshot(self) -> Snapshot:
        return self.start[:], self.way[:]

    def restore(self, saved: Snapshot) -> None:
        """Return to ``saved``, moving only the words that differ."""
        starts, ways = saved
        changed = [
            i for i in range(len(starts)) if starts[i] != self.start[i] or ways[i] != self.way[i]
        ]
        for i in changed:
            if self.start[i] >= 0:
                self.lift(i)
        for i in changed:
            if starts[i] >= 0:
                self.put(i, starts[i], ways[i])

    # -- measures --------------------------------------------------------------------------

    def placed(self) -> list[int]:
        return [i for i, s in enumerate(self.start) if s >= 0]

    def span(self, i: int) -> Box:
        row, col = divmod(self.start[i], self.size)
        last = len(self.words[i]) - 1
        if self.way[i] == ACROSS:
            return (row, col, row, col + last)
        return (row, col, row + last, col)

    def bbox(self) -> Box:
        """The tight bounding box of the placed words (the board must not be empty)."""
        spans = [self.span(i) for i in self.placed()]
        return (
            min(s[0] for s in spans),
            min(s[1] for s in spans),
            max(s[2] for s in spans),
            max(s[3] for s in spans),
        )

    def letters(self) -> int:
        """Letter cells on the board."""
        dirs = self.dirs
        total = 0
        for i in self.placed():
            n = len(self.words[i])
            total += n
            if self.way[i] == ACROSS:
                s = self.start[i]
                total -= sum(1 for p in range(s, s + n) if dirs[p] == _BOTH)
        return total

    def density(self) -> float:
        return self.letters() / area(self.bbox())

    def touching(self, axis: int, line: int) -> list[int]:
        """Placed words with a cell on row ``line`` (axis 0) or column ``line`` (axis 1)."""
        hit = []
        for i in self.placed():
            span = self.span(i)
            if span[axis] <= line <= span[axis + 2]:
                hit.append(i)
        return hit

    def stray(self) -> list[int]:
        """Placed words outside the largest connected group (by letters; earliest on ties)."""
        words, size = self.words, self.size
        group = [-1] * len(words)
        members: list[list[int]] = []
        weights: list[int] = []
        placed = self.placed()
        if not placed:
            return []
        for root in placed:
            if group[root] >= 0:
                continue
            label = len(members)
            group[root] = label
            found = [root]
            weight = 0
            k = 0
            while k < len(found):
                i = found[k]
                k += 1
                weight += len(words[i])
                p = self.start[i]
                step, others = (1, self.down) if self.way[i] == ACROSS else (size, self.across)
                for _ in range(len(words[i])):
                    j = others[p]
                    if j >= 0 and group[j] < 0:
                        group[j] = label
                        found.append(j)
                    p += step
            if label == 0 and len(found) == len(placed):
                return []
            members.append(found)
            weights.append(weight)
        keep = max(range(len(members)), key=lambda g: (weights[g], -g))
        return sorted(i for g, found in enumerate(members) if g != keep for i in found)

    def neighbours(self, i: int) -> list[int]:
        """Words crossing word ``i``, in order along it."""
        p = self.start[i]
        step = 1 if self.way[i] == ACROSS else self.size
        others = self.down if self.way[i] == ACROSS else self.across
        found = []
        for _ in range(len(self.words[i])):
            if others[p] >= 0:
                found.append(others[p])
            p += step
        return found

    # -- search ----------------------------------------------------------------------------

    def fits(self, i: int, start: int, way: int) -> bool:
        """Whether word ``i`` may go at ``start`` in direction ``way``, crossing a letter."""
        word = self.words[i]
        n = len(word)
        cells, dirs = self.cells, self.dirs
        step, perp = (1, self.size) if way == ACROSS else (self.size, 1)
        if cells[start - step] or cells[start + n * step]:
            return False
        crossed = 0
        q = start
        for letter in word:
            got = cells[q]
            if got:
                if got != letter or dirs[q] & way:
                    return False
                crossed += 1
            elif cells[q - perp] or cells[q + perp]:
                return False
            q += step
        return crossed > 0

    def candidates(self, i: int, box: Box) -> list[tuple[int, int, int]]:
        """Every legal ``(start, way, crossings)`` for word ``i`` inside ``box``.

        Every letter on the board must already lie inside ``box``. A placement that crosses
        several letters is reported once, from the first letter it crosses.
        """
        word = self.words[i]
        n = len(word)
        size = self.size
        cells, dirs = self.cells, self.dirs
        open_down, open_across = self.open_down, self.open_across
        top_lo, top_hi = box[0], box[2] - n + 1
        left_lo, left_hi = box[1], box[3] - n + 1
        span = n * size
        probes = _CALL_COST + n
        found: list[tuple[int, int, int]] = []
        for k, ch in enumerate(word):
            downs, acrosses = open_down[ch], open_across[ch]
            probes += len(downs) + len(acrosses)
            # Down through an across word's cell p: the word's top row must fit the box.
            shift = k * size
            lowest, highest = (top_lo + k) * size, (top_hi + k + 1) * size
            for p in downs:
                if p < lowest or p >= highest:
                    continue
                start = p - shift
                if cells[start - size] or cells[start + span]:
                    continue
                crossed = 0
                q = start
                for letter in word:
                    got = cells[q]
                    if got:
                        if got != letter or dirs[q] & DOWN or q < p:
                            break
                        crossed += 1
                    elif cells[q - 1] or cells[q + 1]:
                        break
                    q += size
                else:
                    found.append((start, DOWN, crossed))
            # Across through a down word's cell p: the word's left column must fit the box.
            for p in acrosses:
                left = p % size - k
                if left < left_lo or left > left_hi:
                    continue
                start = p - k
                if cells[start - 1] or cells[start + n]:
                    continue
                crossed = 0
                q = start
                for letter in word:
                    got = cells[q]
                    if got:
                        if got != letter or dirs[q] & ACROSS or q < p:
                            break
                        crossed += 1
                    elif cells[q - size] or cells[q + size]:
                        break
                    q += 1
                else:
                    found.append((start, ACROSS, crossed))
        self.work += probes
        return found

    def conflicts(self, i: int, box: Box) -> list[tuple[int, int, list[int]]]:
        """Placements of word ``i`` inside ``box`` that cross a letter but are blocked.

        Each comes with the words that would have to be lifted to make room; the word it
        crosses first is never among them, so the placement stays connected.
        """
        word = self.words[i]
        n = len(word)
        size = self.size
        cells, dirs, across, down = self.cells, self.dirs, self.across, self.down
        found: list[tuple[int, int, list[int]]] = []
        self.work += 3 * (
            n + sum(len(self.open_down[ch]) + len(self.open_across[ch]) for ch in word)
        )
        for way, anchors in ((DOWN, self.open_down), (ACROSS, self.open_across)):
            step, perp, same = (size, 1, down) if way == DOWN else (1, size, across)
            lo, hi = (box[0], box[2] - n + 1) if way == DOWN else (box[1], box[3] - n + 1)
            seen: set[int] = set()
            for k, ch in enumerate(word):
                for p in anchors[ch]:
                    first = (p // size if way == DOWN else p % size) - k
                    if first < lo or first > hi:
                        continue
                    start = p - k * step
                    if start in seen:
                        continue
                    seen.add(start)
                    anchor = across[p] if way == DOWN else down[p]
                    hit: list[int] = []
                    for q in (start - step, start + n * step):
                        if cells[q]:
                            hit += (across[q], down[q])
                    q = start
                    for letter in word:
                        got = cells[q]
                        if got:
                            if got != letter:
                                hit += (across[q], down[q])
                            elif dirs[q] & way:
                                hit.append(same[q])
                        else:
                            for side in (q - perp, q + perp):
                                if cells[side]:
                                    hit += (across[side], down[side])
                        q += step
                    blocking = sorted({j for j in hit if j >= 0})
                    if blocking and anchor not in blocking:
                        found.append((start, way, blocking))
        return found
