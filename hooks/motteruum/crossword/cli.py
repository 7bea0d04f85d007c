"""``crossword WORDS.txt --seed N [-o FILE]``: lay out a word list as an ipuz crossword."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .ipuz import dumps
from .layout import DEFAULT_ATTEMPTS, DEFAULT_EFFORT
from .normalize import AnswerError, Entry, normalize_answer, normalize_entries
from .puzzle import generate

__all__ = ["InputError", "main", "read_entries"]

_FORMAT = """\
WORDS.txt is UTF-8 text with one answer and its clue per line:

  KLIENDIKOGEMUS Kogemus, mille klient saab      the first word is the answer
  kliendi teekond<TAB>Kliendi sammud ostuni     a tab after a multi-word answer

The answer ends at the first space, or at the first tab if the line has one; use the tab
form for answers with spaces or hyphens. Blank lines and lines starting with # are ignored.
Answers are NFC-normalised and upper-cased (Õ, Ä, Ö, Ü, Š, Ž are one cell each). Spaces and
hyphens stay out of the grid and show in the clue as word lengths: "(7, 7)" for spaces,
"(6-7)" for hyphens. Answers must be letters (no digits or other punctuation), at least two
letters long, and distinct once spaces and hyphens are removed.

The puzzle is written as ipuz 2 JSON to FILE, or to standard output. --stats prints words
placed, grid size, bounding-box density, crossings and connected parts (to standard error when
the puzzle goes to standard output). The same words and seed always give the same puzzle.
"""


class InputError(Exception):
    """A problem with the input, phrased for the user (file and line included)."""


def read_entries(path: Path) -> list[tuple[int, Entry]]:
    """Read ``(line number, entry)`` pairs from a word list, checking every answer."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad_line = raw[: err.start].count(b"\n") + 1
        raise InputError(f"{path}:{bad_line}: not valid UTF-8") from None
    entries: list[tuple[int, Entry]] = []
    for number, content in enumerate(text.splitlines(), start=1):
        stripped = content.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if "\t" in stripped:
            answer, _, clue = stripped.partition("\t")
        else:
            answer, *rest = stripped.split(maxsplit=1)
            clue = rest[0] if rest else ""
        answer, clue = answer.strip(), clue.strip()
        if not clue:
            raise InputError(f"{path}:{number}: no clue after the answer {answer!r}")
        try:
            normalize_answer(answer)
        except AnswerError as err:
            raise InputError(f"{path}:{number}: {err.message}") from None
        entries.append((number, Entry(answer, clue)))
    if not entries:
        raise InputError(f"{path}: no answers found")
    try:
        normalize_entries([entry for _, entry in entries])
    except AnswerError as err:
        if err.index is None or err.duplicate_of is None:
            raise InputError(f"{path}: {err.message}") from None
        where, earlier = entries[err.index][0], entries[err.duplicate_of][0]
        answer = entries[err.index][1].answer
        raise InputError(
            f"{path}:{where}: answer {answer!r} repeats the answer on line {earlier}"
            " (spaces and hyphens do not count)"
        ) from None
    return entries


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crossword",
        description="Lay out glossary terms as a free-form crossword in ipuz format.",
        epilog=_FORMAT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("words", type=Path, metavar="WORDS.txt", help="word list (see below)")
    parser.add_argument("--seed", type=int, required=True, help="seed for the layout search")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="ipuz file to write")
    parser.add_argument("--title", help="puzzle title stored in the ipuz file")
    parser.add_argument("--stats", action="store_true", help="print figures about the puzzle")
    parser.add_argument(
        "--attempts",
        type=int,
        default=DEFAULT_ATTEMPTS,
        metavar="N",
        help=f"greedy layouts to start from (default {DEFAULT_ATTEMPTS})",
    )
    parser.add_argument(
        "--effort",
        type=int,
        default=DEFAULT_EFFORT,
        metavar="N",
        help=f"search work: grid cells examined (default {DEFAULT_EFFORT:_}, about 0.4 s)",
    )
    parser.add_argument(
        "--allow-unplaced",
        action="store_true",
        help="write the puzzle even if some answers share no letter with the rest",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        entries = read_entries(args.words)
    except InputError as err:
        print(f"crossword: error: {err}", file=sys.stderr)
        return 1
    puzzle = generate([entry for _, entry in entries], args.seed, args.attempts, args.effort)
    if puzzle.unplaced and not args.allow_unplaced:
        lines = {entry: line for line, entry in entries}
        missing = ", ".join(f"{e.answer!r} (line {lines[e]})" for e in puzzle.unplaced)
        print(
            f"crossword: error: {args.words}: could not join to the grid: {missing}; "
            "they share no usable letter with the other answers (--allow-unplaced skips them)",
            file=sys.stderr,
        )
        return 1
    text = dumps(puzzle.to_ipuz(title=args.title))
    if args.output is None:
        sys.stdout.write(text)
    else:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as err:
            print(f"crossword: error: {args.output}: {err.strerror or err}", file=sys.stderr)
            return 1
    if args.stats:
        out = sys.stdout if args.output is not None else sys.stderr
        for line in puzzle.stats().lines():
            print(line, file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
