"""Read YAML files into plain data while remembering where every key and value stands.

PyYAML's composer gives nodes with marks; we build the Python data ourselves so that each
location (a tuple of keys and list indexes) maps to its 1-based line and column. Duplicate
keys, which PyYAML would silently overwrite, are reported as problems.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, SourceError

Location = tuple[str | int, ...]


def format_location(loc: Location) -> str:
    """``("en", "synonyms", 2)`` → ``en.synonyms[2]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class SourceFile:
    """A parsed YAML file: its data and the position of every key and value in it."""

    path: str
    data: Any
    positions: dict[Location, tuple[int, int]] = field(repr=False)
    #: Where ``data`` sits in the whole file (set by :meth:`part`).
    prefix: Location = ()

    def part(self, key: str | int) -> SourceFile:
        """The value under ``key``; its problems keep the file's positions and full field path."""
        return replace(self, data=self.data[key], prefix=(*self.prefix, key))

    def position(self, loc: Location) -> tuple[int, int]:
        """Line and column of ``loc``, or of its nearest existing parent (for missing keys)."""
        full = (*self.prefix, *loc)
        for end in range(len(full), -1, -1):
            found = self.positions.get(full[:end])
            if found is not None:
                return found
        return (1, 1)

    def problem(self, loc: Location, message: str) -> Problem:
        line, column = self.position(loc)
        return Problem(self.path, line, column, format_location((*self.prefix, *loc)), message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, path: str, loader: yaml.SafeLoader) -> None:
        self.path = path
        self.loader = loader
        self.positions: dict[Location, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, loc: Location) -> Any:
        self.positions.setdefault(loc, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return dict(self._mapping_items(node, loc))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping_items(self, node: yaml.MappingNode, loc: Location) -> Iterator[tuple[Any, Any]]:
        self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                line, column = _mark(key_node)
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        column,
                        format_location(loc),
                        f"keys must be text, found {key!r}: put the key in quotes",
                    )
                )
                continue
            key_loc = (*loc, key)
            if key in seen:
                line, column = _mark(key_node)
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        column,
                        format_location(key_loc),
                        f"duplicate key '{key}' (first given on line {seen[key]}): keep one",
                    )
                )
                continue
            seen[key] = _mark(key_node)[0]
            self.positions[key_loc] = _mark(key_node)
            yield key, self.build(value_node, key_loc)


def load_yaml(file: Path, display_path: str) -> SourceFile:
    """Parse one YAML document; raise :class:`SourceError` with its problems if it is broken."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(
            [Problem(display_path, 1, 1, "", f"the file is not valid UTF-8 text ({error.reason})")]
        ) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SourceError([Problem(display_path, 1, 1, "", "the file is empty")])
        builder = _Builder(display_path, loader)
        data = builder.build(node, ())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or error.context or "invalid YAML"
        raise SourceError(
            [Problem(display_path, line, column, "", f"YAML syntax error: {what}")]
        ) from None
    except yaml.YAMLError as error:
        raise SourceError([Problem(display_path, 1, 1, "", f"YAML error: {error}")]) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise SourceError(builder.problems)
    return SourceFile(display_path, data, builder.positions)
