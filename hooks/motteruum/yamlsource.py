"""Read YAML files into plain data while remembering where every key and value stands.

PyYAML's composer gives nodes with marks; we build the Python data ourselves so that each
location (a tuple of keys and list indexes) maps to its 1-based line and column. Duplicate
keys, which PyYAML would silently overwrite, are reported as problems.

Glossary files come from pull requests, so they are read as untrusted input: every limit
below gives a located problem instead of a traceback, a hang or an exhausted memory.

- :data:`MAX_FILE_BYTES`: the size of a file, checked before it is read;
- no anchors, aliases or merge keys (``&a``, ``*a``, ``<<``): they are what a "billion
  laughs" file expands, and a glossary file has no need for them;
- :data:`MAX_DEPTH`: the nesting of mappings and lists, checked before the file is composed;
- no control characters and no invisible or bidirectional formatting characters;
- integers of at most :data:`MAX_INT_DIGITS` digits and only finite floats.
"""

from __future__ import annotations

import bisect
import errno
import math
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent

from .problems import Problem, SourceError

Location = tuple[str | int, ...]

#: The largest glossary file read. The largest real file is about 13 KB; a file beyond this is
#: not a glossary entry, and every page of the site downloads the search index made from them.
MAX_FILE_BYTES = 256 * 1024
#: The deepest nesting of mappings and lists; real files need 7 (a framework's nested items).
MAX_DEPTH = 20
#: The most digits of an integer; real files have years (4 digits) and an order (1-2 digits).
MAX_INT_DIGITS = 9

_TAG_INT = "tag:yaml.org,2002:int"
_TAG_FLOAT = "tag:yaml.org,2002:float"
_TAG_MERGE = "tag:yaml.org,2002:merge"
_TAG_VALUE = "tag:yaml.org,2002:value"

#: Characters that make no sense in a text file and that PyYAML either refuses or reads as a
#: line break no editor shows: C0 controls except tab, LF and CR, DEL, C1 controls (NEL too)
#: and the Unicode line and paragraph separators. The file is not parsed when it has one.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
#: Characters a reader cannot see that change what a text says or how it is matched: zero-width
#: characters, the word joiner, the soft hyphen, a byte order mark after the start of the file,
#: and the bidirectional controls ("Trojan Source").
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: Problems about single characters reported per file; the rest are counted.
_MAX_CHARACTER_PROBLEMS = 10
#: Problems of the structure of one file (duplicate keys, numbers, …) reported; the rest are
#: counted, so that a file of 50 000 duplicate keys gives a readable list.
_MAX_FILE_PROBLEMS = 50


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


class _Refused(Exception):
    """Something the composer will not build (an alias, an anchor, too deep a nesting)."""

    def __init__(self, event: Any, message: str) -> None:
        super().__init__(message)
        mark = event.start_mark
        self.place = (mark.line + 1, mark.column + 1)
        self.message = message


#: PyYAML's loader with libyaml (C) where it is installed, its pure-Python one elsewhere: the
#: same nodes and marks, about ten times faster.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_TOO_DEEP = (
    f"nested more than {MAX_DEPTH} levels deep: a glossary file needs far fewer; "
    "check the indentation and the brackets"
)


def _check_events(text: str) -> None:
    """Refuse anchors, aliases and deep nesting on the event stream, before anything is
    composed: an alias bomb stops at its first anchor and deep nesting at :data:`MAX_DEPTH`,
    long before a composer could exhaust the memory or the stack."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, AliasEvent):
            raise _Refused(
                event,
                f"YAML alias '*{_short(event.anchor or '')}' is not allowed in a glossary file: "
                "write the value out in full",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(
                event,
                f"YAML anchor '&{_short(anchor)}' is not allowed in a glossary file: "
                "write the value out in full wherever it is needed",
            )
        if isinstance(event, CollectionStartEvent):
            if depth >= MAX_DEPTH:
                raise _Refused(event, _TOO_DEEP)
            depth += 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _short(text: str) -> str:
    return text if len(text) <= 20 else f"{text[:12]}… ({len(text)} characters)"


class _Builder:
    def __init__(self, path: str, loader: yaml.SafeLoader) -> None:
        self.path = path
        self.loader = loader
        self.positions: dict[Location, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def report(self, node: yaml.Node, loc: Location, message: str) -> None:
        line, column = _mark(node)
        self.problems.append(Problem(self.path, line, column, format_location(loc), message))

    def build(self, node: yaml.Node, loc: Location) -> Any:
        self.positions.setdefault(loc, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return dict(self._mapping_items(node, loc))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        return self.scalar(node, loc)

    def scalar(self, node: yaml.Node, loc: Location) -> Any:
        """The value of a scalar; numbers out of range and unreadable values are problems."""
        text = str(node.value)
        if node.tag == _TAG_VALUE:  # a lone "=", which YAML 1.1 reserves; authors mean text
            return text
        if node.tag == _TAG_INT and len(text.lstrip("+-").replace("_", "")) > MAX_INT_DIGITS:
            # Checked on the text: int() refuses more than 4300 digits with a ValueError.
            self.report(node, loc, _too_large(text))
            return text
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as error:  # e.g. the date 2020-13-45
            self.report(node, loc, f"cannot read {_short(text)!r} ({error}): put text in quotes")
            return text
        if isinstance(value, int) and not isinstance(value, bool):
            if abs(value) >= 10**MAX_INT_DIGITS:  # 0x… and 0b… numbers
                self.report(node, loc, _too_large(text))
        elif isinstance(value, float) and not math.isfinite(value):
            self.report(
                node,
                loc,
                f"{_short(text)!r} is not a finite number (infinity or not-a-number): "
                "write an ordinary number",
            )
        return value

    def _mapping_items(self, node: yaml.MappingNode, loc: Location) -> Iterator[tuple[Any, Any]]:
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG_MERGE:
                self.report(
                    key_node, loc, "merge keys (<<) are not allowed: write the fields out in full"
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(key_node, loc, "keys must be text, found a list or mapping")
                continue
            key = self.scalar(key_node, loc)
            if not isinstance(key, str):
                self.report(
                    key_node, loc, f"keys must be text, found {key!r}: put the key in quotes"
                )
                continue
            key_loc = (*loc, key)
            if key in seen:
                self.report(
                    key_node,
                    key_loc,
                    f"duplicate key '{key}' (first given on line {seen[key]}): keep one",
                )
                continue
            seen[key] = _mark(key_node)[0]
            self.positions[key_loc] = _mark(key_node)
            yield key, self.build(value_node, key_loc)


def _too_large(text: str) -> str:
    return (
        f"the number {_short(text)} is too large: a number in a glossary file has at most "
        f"{MAX_INT_DIGITS} digits"
    )


def load_yaml(file: Path, display_path: str) -> SourceFile:
    """Parse one YAML document; raise :class:`SourceError` with its problems if it is broken."""
    text = _read_text(file, display_path)
    lines = _Lines(text)
    control = list(_characters(_CONTROL, text))
    if control:
        raise SourceError(_character_problems(control, lines, display_path, None))
    invisible = list(_characters(_INVISIBLE, text))
    try:
        source = _parse(text, lines, display_path)
    except SourceError as error:
        problems = [*error.problems, *_character_problems(invisible, lines, display_path, None)]
        raise SourceError(problems) from None
    if invisible:
        raise SourceError(_character_problems(invisible, lines, display_path, source.positions))
    return source


def _parse(text: str, lines: _Lines, display_path: str) -> SourceFile:
    def problem(line: int, column: int, message: str) -> SourceError:
        return SourceError([Problem(display_path, line, column, "", message)])

    loader: yaml.SafeLoader | None = None
    try:
        _check_events(text)
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise problem(1, 1, "the file is empty")
        builder = _Builder(display_path, loader)
        data = builder.build(node, ())
    except _Refused as refused:
        raise problem(*refused.place, refused.message) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or error.context or "invalid YAML"
        if "nesting depth" in what:  # PyYAML's own limit, met while it reads ahead
            raise problem(line, column, _TOO_DEEP) from None
        raise problem(line, column, f"YAML syntax error: {what}") from None
    except yaml.reader.ReaderError as error:  # a character PyYAML refuses (U+FFFF, …)
        line, column = lines.position(error.position)
        raise problem(
            line, column, f"YAML error: {error.reason} (U+{error.character:04X})"
        ) from None
    except yaml.YAMLError as error:
        raise problem(1, 1, f"YAML error: {error}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if builder.problems:
        raise SourceError(_capped(builder.problems))
    return SourceFile(display_path, data, builder.positions)


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= _MAX_FILE_PROBLEMS:
        return problems
    ordered = sorted(problems)
    more = len(problems) - _MAX_FILE_PROBLEMS
    first_left_out = ordered[_MAX_FILE_PROBLEMS]  # the summary stands where they start
    summary = replace(first_left_out, field="", message=f"and {more} more problems in this file")
    return [*ordered[:_MAX_FILE_PROBLEMS], summary]


def _read_text(file: Path, display_path: str) -> str:
    """The text of a regular file of at most :data:`MAX_FILE_BYTES`.

    The file is opened without following a symbolic link and without waiting for a writer (a
    named pipe), and checked to be a regular file of an acceptable size before it is read; at
    most one byte more than the limit is read, in case the file grows meanwhile.
    """

    def refuse(message: str) -> SourceError:
        return SourceError([Problem(display_path, 1, 1, "", message)])

    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(file, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise refuse("the file is a symbolic link: put the file itself here") from None
        raise refuse(f"the file cannot be read ({error.strerror})") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise refuse("not a regular file: a glossary file must be a plain text file")
        if info.st_size > MAX_FILE_BYTES:
            raise refuse(_too_big(info.st_size))
        with open(descriptor, "rb", closefd=False) as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(descriptor)
    if len(data) > MAX_FILE_BYTES:
        raise refuse(_too_big(len(data)))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _Lines(data[: error.start].decode("utf-8")).end()
        raise SourceError(
            [
                Problem(
                    display_path,
                    line,
                    column,
                    "",
                    f"the file is not valid UTF-8 text ({error.reason})",
                )
            ]
        ) from None


def _too_big(size: int) -> str:
    return (
        f"the file has {size:,} bytes, more than the {MAX_FILE_BYTES // 1024} KiB a glossary "
        "file may have: a term or a model takes a few KB"
    )


class _Lines:
    """1-based line and column of a character index, with the line breaks PyYAML counts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index) - 1
        return line + 1, index - self.starts[line] + 1

    def end(self) -> tuple[int, int]:
        return self.position(len(self.text))


def _characters(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, str]]:
    for match in pattern.finditer(text):
        if match.start() == 0 and match.group() == "\ufeff":
            continue  # a byte order mark that starts the file is allowed
        yield match.start(), match.group()


def _character_name(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if character == "\ufeff":
        return f"{code} BYTE ORDER MARK (invisible)"
    name = unicodedata.name(character, "")
    if unicodedata.category(character) == "Cc" or not name:
        return f"{code} (a control character)"
    if character in "\u2028\u2029":
        return f"{code} {name} (a line break editors do not show)"
    return f"{code} {name} (invisible)"


def _character_problems(
    found: list[tuple[int, str]],
    lines: _Lines,
    path: str,
    positions: dict[Location, tuple[int, int]] | None,
) -> list[Problem]:
    """A problem per forbidden character (one per character and line), each in its field."""
    problems: list[Problem] = []
    reported: set[tuple[int, str]] = set()
    for index, character in found:
        line, column = lines.position(index)
        if (line, character) in reported:
            continue
        reported.add((line, character))
        if len(problems) == _MAX_CHARACTER_PROBLEMS:
            more = sum(1 for later, _ in found if later >= index)
            problems.append(
                Problem(path, line, column, "", f"and {more} more such characters: remove them")
            )
            break
        where = format_location(_field_at(positions, (line, column))) if positions else ""
        problems.append(
            Problem(path, line, column, where, f"contains {_character_name(character)}: remove it")
        )
    return problems


def _field_at(positions: dict[Location, tuple[int, int]], place: tuple[int, int]) -> Location:
    """The field whose key (or list item) is the last one that starts before ``place``."""
    best: tuple[tuple[int, int], int, Location] = ((0, 0), 0, ())
    for loc, position in positions.items():
        if position <= place and (position, len(loc)) > best[:2]:
            best = (position, len(loc), loc)
    return best[2]
