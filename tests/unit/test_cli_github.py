"""`motteruum check --format github`: every problem as a GitHub Actions annotation at its place."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from motteruum.cli import main
from motteruum.github import annotation, escape_data, escape_property
from motteruum.problems import Problem
from tests.conftest import ROOT, GlossaryFactory, term_yaml

SCRIPT = term_yaml("s", "s").replace(
    "  definition: An English definition.",
    "  definition: |\n    Text, then <script>alert(1)</script> and more.",
)

#: A broken file, and the place and title its annotation must have (no title: the whole file).
BROKEN = {
    "syntax.yml": ("category: [\n", ("glossary/terms/syntax.yml", 2, 1, None)),
    "unknown.yml": (
        term_yaml("a", "a") + "colour: red\n",
        ("glossary/terms/unknown.yml", 13, 1, "colour"),
    ),
    "script.yml": (SCRIPT, ("glossary/terms/script.yml", 13, 16, "en.definition")),
}

ANNOTATION = re.compile(r"^::error (?P<properties>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    for code, character in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r")):
        text = text.replace(code, character)
    return text.replace("%25", "%")


def parse(line: str) -> tuple[dict[str, str], str]:
    """A workflow command's properties and message, read back as the runner reads them."""
    match = ANNOTATION.match(line)
    assert match, line
    properties = dict(item.split("=", 1) for item in match["properties"].split(","))
    return {key: _unescape(value) for key, value in properties.items()}, _unescape(match["message"])


@pytest.fixture
def project(make_glossary: GlossaryFactory, tmp_path: Path) -> Path:
    make_glossary({"ok.yml": term_yaml("korras", "fine")})
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def run(project: Path, *args: str) -> int:
    return main(["--config", str(project / "mkdocs.yml"), *args])


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_problem_is_an_annotation_at_its_place(
    project: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text, (path, line, column, title) = BROKEN[name]
    (project / "glossary" / "terms" / name).write_text(text, encoding="utf-8")
    assert run(project, "check", "--format", "json") == 1
    problems = json.loads(capsys.readouterr().out)
    assert run(project, "check", "--format", "github") == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == len(problems), captured.out
    # Every line is an annotation, in the order and with the content of the JSON report.
    for out, problem in zip(lines, problems, strict=True):
        properties, message = parse(out)
        expected = {"file": problem["path"], "line": str(problem["line"])}
        expected |= {"col": str(problem["column"])}
        if problem["field"]:
            expected["title"] = problem["field"]
        assert properties == expected
        assert message == problem["message"]
    # The broken file's annotation is at the place the author must look.
    found = [parse(out)[0] for out in lines]
    place = {"file": path, "line": str(line), "col": str(column)}
    assert place | ({"title": title} if title else {}) in found, captured.out
    assert "problem" in captured.err


def test_a_clean_glossary_prints_no_annotation(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "check", "--format", "github") == 0
    out = capsys.readouterr().out
    assert "::" not in out
    assert "no problems" in out


def test_values_cannot_end_or_start_a_command() -> None:
    problem = Problem("glossary/terms/a,b:c.yml", 3, 7, "en.x:y,z", "50% done\r\n::error::x")
    assert annotation(problem) == (
        "::error file=glossary/terms/a%2Cb%3Ac.yml,line=3,col=7,title=en.x%3Ay%2Cz"
        "::50%25 done%0D%0A::error::x"
    )
    assert "\n" not in annotation(problem)


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("100%\r\n: ,") == "100%25%0D%0A: ,"
    assert escape_property("100%\r\n: ,") == "100%25%0D%0A%3A %2C"
    # '%' first: an escape already in the text stays the text it was.
    assert escape_data("%0A") == "%250A"
    assert _unescape(escape_property("a%3Ab:c,%2C\n")) == "a%3Ab:c,%2C\n"
