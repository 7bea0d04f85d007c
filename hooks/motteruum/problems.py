"""Problems found in author sources, reported as ``path:line:column: field: message``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a source file, located precisely enough for an editor to jump to it.

    ``line`` and ``column`` are 1-based; ``field`` is a dotted path such as ``en.definition``
    or ``related[2]`` (empty when the problem concerns the whole file).
    """

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.path}:{self.line}:{self.column}:{field} {self.message}"


class SourceError(Exception):
    """Raised when author sources contain problems; carries every problem found, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(set(problems)))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in the glossary sources:", *(f"  {p}" for p in self.problems)]
        return "\n".join(lines)


class ThemeChanged(ValueError):
    """The theme's markup no longer has what a string edit of the build looks for: the build
    stops rather than silently leave a page without the edit (a theme upgrade to check)."""
