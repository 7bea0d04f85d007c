"""The crossword as plain data, for the page and for the browser's "new puzzle".

:func:`puzzle_data` turns a :class:`~motteruum.crossword.puzzle.Puzzle` into JSON-ready data;
the site embeds it in the crossword page at build time, and the page's script plays it.
:func:`new_puzzle` is what the browser calls through Pyodide (standard library only): it lays
out the entries again with another seed and never raises, so the page can always show a
message instead of breaking.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any, Final

from .normalize import AnswerError, Entry
from .puzzle import Puzzle, generate

__all__ = ["BLOCK", "entries_data", "new_puzzle", "puzzle_data", "puzzle_id"]

#: How a cell without a letter is written in the rows of ``solution``.
BLOCK: Final = "."
#: Seeds tried after the one asked for when a layout repeats the puzzle to avoid.
_RETRIES: Final = 4
#: Most entries the browser may ask for (a page embeds about thirty).
_MAX_ENTRIES: Final = 80


def puzzle_id(data: Mapping[str, Any]) -> str:
    """A short hash of the grid and its clues: equal puzzles share it, whatever the seed."""
    content = {key: data[key] for key in ("width", "height", "solution", "clues")}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def puzzle_data(puzzle: Puzzle) -> dict[str, Any]:
    """The puzzle as plain data.

    ``solution`` has a string per row, one character per cell (``"."`` where no letter);
    ``clues`` are in clue order, across before down at the same number; ``entries`` are the
    placed answers and clues as given, to lay out again; ``id`` is :func:`puzzle_id`.
    """
    solution = ["".join(BLOCK if c is None else c for c in row) for row in puzzle.grid()]
    clues = [
        {
            "number": p.number,
            "direction": p.direction.value,
            "row": p.row,
            "col": p.col,
            "length": p.length,
            "clue": p.clue,
            "enumeration": p.answer.enumeration,
            "answer": p.answer.text,
        }
        for p in puzzle.placements
    ]
    data: dict[str, Any] = {
        "width": puzzle.width,
        "height": puzzle.height,
        "seed": puzzle.seed,
        "solution": solution,
        "clues": clues,
        "entries": entries_data([Entry(p.answer.text, p.clue) for p in puzzle.placements]),
    }
    data["id"] = puzzle_id(data)
    return data


def entries_data(entries: Sequence[Entry]) -> list[dict[str, str]]:
    return [{"answer": e.answer, "clue": e.clue} for e in entries]


def _entries(raw: object) -> list[Entry]:
    if not isinstance(raw, list) or not raw:
        raise ValueError("entries must be a non-empty list")
    if len(raw) > _MAX_ENTRIES:
        raise ValueError(f"at most {_MAX_ENTRIES} entries")
    entries = []
    for item in raw:
        if not isinstance(item, Mapping):
            raise ValueError("each entry must have an answer and a clue")
        answer, clue = item.get("answer"), item.get("clue")
        if not isinstance(answer, str) or not isinstance(clue, str):
            raise ValueError("each entry must have an answer and a clue")
        entries.append(Entry(answer, clue))
    return entries


def new_puzzle(name: str, form: Mapping[str, Any]) -> dict[str, Any]:
    """Lay out ``form["entries"]`` with ``form["seed"]``; never raises.

    If the layout equals the puzzle ``form["avoid"]`` (a puzzle id), the next seeds are
    tried, so "new puzzle" gives a different grid whenever the entries allow one. Answers
    that do not fit are left out. The answer is ``{"ok": True, "puzzle": data}`` or
    ``{"ok": False, "error": {"code": ..., "message": ...}}``; ``name`` is not used.
    """
    try:
        entries = _entries(form.get("entries"))
        seed = form.get("seed")
        if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**32:
            raise ValueError("seed must be a whole number from 0 to 2**32 - 1")
        avoid = form.get("avoid")
        data: dict[str, Any] = {}
        for attempt in range(_RETRIES + 1):
            data = puzzle_data(generate(entries, (seed + attempt) % 2**32))
            if data["id"] != avoid:
                break
        return {"ok": True, "puzzle": data}
    except (AnswerError, ValueError) as error:
        return {"ok": False, "error": {"code": "invalid", "message": str(error)}}
    except Exception as error:  # the page shows a message rather than breaking
        return {"ok": False, "error": {"code": "internal_error", "message": repr(error)}}
