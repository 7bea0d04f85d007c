"""Measure layouts over many seeds: ``python -m motteruum.crossword.bench WORDS.txt [...]``.

Prints the median, best and worst bounding-box density, how many runs placed every word in
one connected part, and the median and slowest wall-clock time per puzzle.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .cli import InputError, read_entries
from .layout import DEFAULT_ATTEMPTS, DEFAULT_EFFORT
from .puzzle import generate

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m motteruum.crossword.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("words", type=Path, nargs="+", metavar="WORDS.txt")
    parser.add_argument("--seeds", type=int, default=50, help="seeds 0..N-1 (default 50)")
    parser.add_argument("--attempts", type=int, default=DEFAULT_ATTEMPTS)
    parser.add_argument("--effort", type=int, default=DEFAULT_EFFORT)
    args = parser.parse_args(argv)
    for path in args.words:
        try:
            entries = [entry for _, entry in read_entries(path)]
        except InputError as err:
            print(f"bench: error: {err}", file=sys.stderr)
            return 1
        densities: list[float] = []
        seconds: list[float] = []
        complete = 0
        for seed in range(args.seeds):
            began = time.perf_counter()
            puzzle = generate(entries, seed, attempts=args.attempts, effort=args.effort)
            seconds.append(time.perf_counter() - began)
            stats = puzzle.stats()
            densities.append(stats.density)
            complete += stats.placed == stats.words and stats.parts == 1
        print(
            f"{path}: {len(entries)} words, {args.seeds} seeds: "
            f"density median {statistics.median(densities):.3f} "
            f"best {max(densities):.3f} worst {min(densities):.3f}; "
            f"all placed in one part {complete}/{args.seeds}; "
            f"seconds median {statistics.median(seconds):.3f} max {max(seconds):.3f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
