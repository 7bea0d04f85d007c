from __future__ import annotations

from pathlib import Path

import pytest

from motteruum.problems import SourceError
from motteruum.yamlsource import format_location, load_yaml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_positions_of_keys_and_list_items(tmp_path: Path) -> None:
    source = load_yaml(write(tmp_path, "a: 1\nb:\n  c: [x, y]\n  d:\n    - z\n"), "t.yml")
    assert source.data == {"a": 1, "b": {"c": ["x", "y"], "d": ["z"]}}
    assert source.position(("a",)) == (1, 1)
    assert source.position(("b", "c")) == (3, 3)
    assert source.position(("b", "c", 1)) == (3, 10)
    assert source.position(("b", "d", 0)) == (5, 7)


def test_missing_key_points_at_its_parent(tmp_path: Path) -> None:
    source = load_yaml(write(tmp_path, "a: 1\nb:\n  c: 2\n"), "t.yml")
    assert source.position(("b", "missing")) == (2, 1)


def test_part_keeps_file_positions_and_full_field_path(tmp_path: Path) -> None:
    source = load_yaml(write(tmp_path, "x: 0\nen:\n  term: 5\n"), "t.yml")
    problem = source.part("en").problem(("term",), "expected text")
    assert str(problem) == "t.yml:3:3: en.term: expected text"


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as raised:
        load_yaml(write(tmp_path, "a: 1\nb: [unclosed\nc: 3\n"), "t.yml")
    (problem,) = raised.value.problems
    assert problem.path == "t.yml"
    assert problem.line == 3
    assert "YAML syntax error" in problem.message


def test_tab_indentation_is_a_syntax_error_with_position(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as raised:
        load_yaml(write(tmp_path, "a:\n\tb: 1\n"), "t.yml")
    assert raised.value.problems[0].line == 2


def test_duplicate_keys_are_reported_not_overwritten(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as raised:
        load_yaml(write(tmp_path, "en:\n  term: a\n  term: b\n"), "t.yml")
    (problem,) = raised.value.problems
    assert (problem.line, problem.column, problem.field) == (3, 3, "en.term")
    assert "duplicate key 'term' (first given on line 2)" in problem.message


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="the file is empty"):
        load_yaml(write(tmp_path, "# only a comment\n"), "t.yml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "t.yml"
    path.write_bytes("term: õun".encode("latin-1"))
    with pytest.raises(SourceError, match="not valid UTF-8"):
        load_yaml(path, "t.yml")


def test_format_location() -> None:
    assert format_location(("en", "synonyms", 2)) == "en.synonyms[2]"
    assert format_location(("related", 0)) == "related[0]"
    assert format_location(()) == ""
