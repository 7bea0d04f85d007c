"""The `motteruum` command: check, new-term, report and schema, on real and broken sources."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from motteruum.cli import main
from motteruum.loader import load_glossary
from motteruum.project import load_project
from motteruum.schema import schemas
from tests.conftest import ROOT, GlossaryFactory, term_yaml

BROKEN = {
    "syntax.yml": ("category: [\n", "glossary/terms/syntax.yml:2:1: YAML syntax error"),
    "unknown.yml": (
        term_yaml("a", "a") + "colour: red\n",
        "glossary/terms/unknown.yml:13:1: colour: unknown field 'colour'",
    ),
    "missing.yml": (
        term_yaml("b", "b").replace("category: measurement\n", ""),
        "glossary/terms/missing.yml:1:1: category: required field 'category' is missing",
    ),
    "wrongtype.yml": (
        term_yaml("c", "c").replace(
            "  term: c\n  definition: An English", "  term: yes\n  definition: An English"
        ),
        "glossary/terms/wrongtype.yml:11:3: en.term: expected text, found true",
    ),
    "empty.yml": (
        term_yaml("d", "d").replace("  definition: An English definition.", "  definition: ''"),
        "glossary/terms/empty.yml:12:3: en.definition: must not be empty",
    ),
    "related.yml": (
        term_yaml("e", "e", related="[nothing, related]"),
        "glossary/terms/related.yml:12:11: related[0]: no term with id 'nothing'",
    ),
    "Not_Slug.yml": (term_yaml("f", "f"), "glossary/terms/Not_Slug.yml:1:1: id: the file name"),
    "nolang.yml": (
        term_yaml("g", "g").split("en:\n")[0],
        "glossary/terms/nolang.yml:1:1: en: the 'en' language is missing",
    ),
}


@pytest.fixture
def project(make_glossary: GlossaryFactory, tmp_path: Path) -> Path:
    make_glossary({"ok.yml": term_yaml("korras", "fine")})
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def run(project: Path, *args: str) -> int:
    return main(["--config", str(project / "mkdocs.yml"), *args])


def test_check_passes_on_the_real_glossary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(ROOT / "mkdocs.yml"), "check"]) == 0
    assert "no problems" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_check_prints_editor_locations(
    project: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text, expected = BROKEN[name]
    (project / "glossary" / "terms" / name).write_text(text, encoding="utf-8")
    assert run(project, "check") == 1
    out = capsys.readouterr().out
    assert any(line.startswith(expected) for line in out.splitlines()), out


def test_check_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "glossary" / "terms" / "x.yml").write_text(term_yaml("x", "y", related="[x]"))
    assert run(project, "check", "--format", "json") == 1
    (problem,) = json.loads(capsys.readouterr().out)
    assert problem == {
        "path": "glossary/terms/x.yml",
        "line": 12,
        "column": 11,
        "field": "related[0]",
        "message": "a term cannot be related to itself",
    }


def test_new_term_scaffold_guides_the_author(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "new-term", "service-recovery") == 0
    path = project / "glossary" / "terms" / "service-recovery.yml"
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=../schema/term.schema.json\n"
    )
    capsys.readouterr()
    assert run(project, "check") == 1
    out = capsys.readouterr().out
    assert "service-recovery.yml:2:1: category: expected one of" in out
    assert "service-recovery.yml:10:3: et.term: must not be empty" in out
    assert "service-recovery.yml:14:3: en.definition: must not be empty" in out
    assert "service-recovery.yml:5:5: sources[0]: a source needs a title or a url" in out
    assert run(project, "new-term", "service-recovery") == 2
    assert run(project, "new-term", "Bad_Id") == 2


def test_report(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = term_yaml("rahulolu", "satisfaction").replace(
        "  term: rahulolu", "  term: rahulolu\n  abbreviation: CSAT"
    )
    (project / "glossary" / "terms" / "csat.yml").write_text(
        text.replace(
            "sources:\n  - author: A. Author\n    year: 2020\n    title: A title\n", "sources: []\n"
        )
    )
    assert run(project, "report", "--format", "json") == 0
    found = json.loads(capsys.readouterr().out)
    assert found["missing_in_language"] == ["glossary/terms/csat.yml: abbreviation: missing in en"]
    assert found["no_sources"] == ["glossary/terms/csat.yml"]
    assert found["unrelated"] == ["glossary/terms/csat.yml", "glossary/terms/ok.yml"]


def test_shipped_schemas_are_up_to_date() -> None:
    assert main(["--config", str(ROOT / "mkdocs.yml"), "schema", "--check"]) == 0


def test_every_source_file_names_its_schema() -> None:
    for folder, name in (("terms", "term"), ("frameworks", "framework")):
        for path in (ROOT / "glossary" / folder).glob("*.yml"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json", path


def _schema_accepts(schema: dict[str, object], data: object) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(data)


#: Estonian lines in place of ``term: n``: names with a status or a language, definition
#: sources, notes, accepted and refused alike.
MARKS = [
    "  term: n\n  abbreviation: {name: N, foreign: en}\n  synonyms: [x, {name: y, foreign: la}]\n",
    "  term: n\n  synonyms: [{name: y, status: deprecated, reason: old}, {name: z}]\n",
    "  term: {name: n2, foreign: en}\n",
    "  term: n\n  definition_source: 1\n  note: A note.\n  example: An example.\n",
    "  term: n\n  definition_source: editor\n",
    "  term: n\n  synonyms: [{name: y, status: deprecated}]\n",
    "  term: n\n  synonyms: [{name: y, reason: old}]\n",
    "  term: n\n  synonyms: [{name: y, status: preferred}]\n",
    "  term: n\n  synonyms: [{name: y, foreign: English}]\n",
    "  term: n\n  synonyms: [{y: z}]\n",
    "  term: n\n  synonyms: [{name: y, colour: red}]\n",
    "  term: {name: n2, status: admitted}\n",
    "  term: n\n  definition_source: 0\n",
    "  term: n\n  definition_source: toimetus\n",
    "  term: n\n  note: ''\n",
]


def test_schema_and_validator_agree(make_glossary: GlossaryFactory) -> None:
    from motteruum.loader import load_glossary
    from motteruum.problems import SourceError

    schema = json.loads(schemas(["et", "en"], ["measurement", "service"])["term.schema.json"])
    cases = [text for text, _ in BROKEN.values() if "category: [" not in text]
    cases += [
        term_yaml("h", "h"),
        term_yaml("i", "i").replace("  term: i\n", "  term: i\n  expansion: X\n"),
        term_yaml("j", "j").replace("    title: A title\n", ""),
        term_yaml("k", "k").replace("    year: 2020", "    year: '2020'"),
        term_yaml("l", "l").replace("  term: l\n", "  term: '   '\n"),
        term_yaml("m", "m").replace("    title: A title\n", "    url: https://example.org/\n"),
        *(term_yaml("n", "n").replace("  term: n\n", lines, 1) for lines in MARKS),
        term_yaml("o", "o", broader="[p]", narrower="[q]"),
    ]
    for index, text in enumerate(cases):
        root = make_glossary({})
        for old in (root / "terms").glob("*.yml"):
            old.unlink()
        (root / "terms" / f"case{index}.yml").write_text(text, encoding="utf-8")
        try:
            load_glossary(root, ["et", "en"])
            validator_ok = True
        except SourceError as error:
            relations = {"related[0]", "related[1]", "broader[0]", "narrower[0]"}
            validator_ok = all(p.field in relations for p in error.problems)
        assert _schema_accepts(schema, yaml.safe_load(text)) == validator_ok, text


def test_a_switcher_only_language_is_not_a_language_of_the_glossary(tmp_path: Path) -> None:
    """static-i18n's ``locale: null`` entry adds a link to the language switcher, nothing more:
    the command reads the languages as the build does."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "        - locale: en\n"
    assert marker in config
    null = "        - locale: null\n          name: Help\n          link: https://example.org/\n"
    (tmp_path / "mkdocs.yml").write_text(config.replace(marker, null + marker), "utf-8")
    assert load_project(tmp_path / "mkdocs.yml").languages == ("et", "en")


def test_the_command_and_the_build_read_the_same_languages() -> None:
    """motteruum reads mkdocs.yml as a file, the build gets static-i18n's validated settings:
    both go through languages.site_languages and agree, URL prefixes included."""
    from mkdocs.config import load_config

    from motteruum.languages import site_languages
    from motteruum.render import Language

    config = load_config(str(ROOT / "mkdocs.yml"))
    built = site_languages(config.plugins["i18n"].config.languages)
    assert built == [Language("et", "Eesti", ""), Language("en", "English", "en/")]
    assert list(load_project(ROOT / "mkdocs.yml").site_languages) == built


def test_generate_writes_the_pages_a_build_would(tmp_path: Path) -> None:
    """``motteruum generate`` is the first half of a build without MkDocs: the same pages."""
    from motteruum.render import Renderer

    project = tmp_path / "project"
    shutil.copytree(ROOT / "glossary", project / "glossary")
    shutil.copytree(
        ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("terms", "frameworks")
    )
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    assert main(["--config", str(project / "mkdocs.yml"), "generate"]) == 0
    settings = load_project(project / "mkdocs.yml")
    glossary = load_glossary(
        settings.glossary, settings.languages, calculators=settings.calculators()
    )
    expected = Renderer(glossary, settings.site_languages, settings.site_url).pages()
    written = {
        path.relative_to(project / "docs").as_posix(): path.read_text(encoding="utf-8")
        for folder in ("terms", "frameworks")
        for path in (project / "docs" / folder).rglob("*.md")
    }
    assert written == expected
    # a second run writes nothing: the files are the same
    assert main(["--config", str(project / "mkdocs.yml"), "generate"]) == 0
