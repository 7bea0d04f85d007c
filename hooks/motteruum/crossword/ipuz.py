"""Export to ipuz 2 (http://ipuz.org/), the open JSON format for crosswords.

The grid covers the tight bounding box. Cells without a letter are blocks (``"#"``); in the
``puzzle`` grid a cell where an answer starts holds its clue number and other letter cells
hold ``0``; the ``solution`` grid holds the letters. Clues are ``[number, "clue (lengths)"]``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from .puzzle import Puzzle

__all__ = ["BLOCK", "EMPTY", "dumps", "to_ipuz"]

BLOCK: Final = "#"
EMPTY: Final = 0


def to_ipuz(
    puzzle: Puzzle,
    *,
    title: str | None = None,
    author: str | None = None,
    copyright: str | None = None,
    intro: str | None = None,
) -> dict[str, Any]:
    """The ipuz document for ``puzzle``; optional text fields are left out when ``None``."""
    letters = puzzle.grid()
    numbers = puzzle.numbers()
    cells: list[list[int | str]] = [
        [BLOCK if letter is None else number for letter, number in zip(row, nums, strict=True)]
        for row, nums in zip(letters, numbers, strict=True)
    ]
    solution = [[BLOCK if letter is None else letter for letter in row] for row in letters]
    data: dict[str, Any] = {
        "version": "http://ipuz.org/v2",
        "kind": ["http://ipuz.org/crossword#1"],
    }
    for key, value in (
        ("title", title),
        ("author", author),
        ("copyright", copyright),
        ("intro", intro),
    ):
        if value is not None:
            data[key] = value
    data.update(
        {
            "dimensions": {"width": puzzle.width, "height": puzzle.height},
            "block": BLOCK,
            "empty": EMPTY,
            "puzzle": cells,
            "solution": solution,
            "clues": {
                "Across": [[p.number, p.clue_text] for p in puzzle.across],
                "Down": [[p.number, p.clue_text] for p in puzzle.down],
            },
        }
    )
    return data


def dumps(data: dict[str, Any]) -> str:
    """JSON text with one grid row per line, readable in a diff; non-ASCII kept as is."""
    parts = []
    for key, value in data.items():
        if key in ("puzzle", "solution"):
            rows = ",\n    ".join(json.dumps(row, ensure_ascii=False) for row in value)
            text = f"[\n    {rows}\n  ]"
        elif key == "clues":
            sections = []
            for name, clues in value.items():
                listed = ",\n      ".join(json.dumps(clue, ensure_ascii=False) for clue in clues)
                body = f"[\n      {listed}\n    ]" if clues else "[]"
                sections.append(f"    {json.dumps(name)}: {body}")
            text = "{\n" + ",\n".join(sections) + "\n  }"
        else:
            text = json.dumps(value, ensure_ascii=False)
        parts.append(f"  {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"
