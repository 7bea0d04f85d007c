"""Every way an author can get a term file wrong gives a located, actionable problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from motteruum.loader import load_glossary
from motteruum.problems import Problem, SourceError
from tests.conftest import LANGUAGES, GlossaryFactory, term_yaml


def problems(root: Path, calculators: tuple[str, ...] = ()) -> list[Problem]:
    with pytest.raises(SourceError) as raised:
        load_glossary(root, LANGUAGES, calculators=calculators)
    return list(raised.value.problems)


def only(root: Path) -> Problem:
    (problem,) = problems(root)
    return problem


def test_valid_glossary_loads(make_glossary: GlossaryFactory) -> None:
    root = make_glossary({"nps.yml": term_yaml(), "csat.yml": term_yaml("rahulolu", "CSAT")})
    glossary = load_glossary(root, LANGUAGES)
    assert [t.id for t in glossary.terms] == ["csat", "nps"]
    assert glossary.term("nps").text("en").term == "Net Promoter Score"
    assert glossary.term("nps").sources[0].year == 2020


def test_syntax_error(make_glossary: GlossaryFactory) -> None:
    problem = only(make_glossary({"nps.yml": "category: measurement\net:\n  term: [oops\n"}))
    assert problem.path == "glossary/terms/nps.yml"
    assert problem.line >= 3
    assert "YAML syntax error" in problem.message


def test_unknown_field_names_the_allowed_ones(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("  definition: An English", "  definiton: An English")
    found = problems(make_glossary({"nps.yml": text}))
    unknown = next(p for p in found if p.field == "en.definiton")
    assert (unknown.line, unknown.column) == (12, 3)
    assert "unknown field 'definiton' (did you mean 'definition'?)" in unknown.message
    assert "expected one of: term, abbreviation, expansion, synonyms" in unknown.message
    missing = next(p for p in found if p.field == "en.definition")
    assert missing.message == "required field 'definition' is missing"
    assert missing.line == 10  # the line of "en:"


def test_unknown_top_level_field(make_glossary: GlossaryFactory) -> None:
    problem = only(make_glossary({"nps.yml": term_yaml() + "colour: red\n"}))
    assert (problem.field, problem.line) == ("colour", 13)
    assert problem.message.startswith("unknown field 'colour'")


def test_missing_field(make_glossary: GlossaryFactory) -> None:
    problem = only(make_glossary({"nps.yml": term_yaml().replace("category: measurement\n", "")}))
    assert (problem.field, problem.line, problem.column) == ("category", 1, 1)
    assert problem.message == "required field 'category' is missing"


@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        ("  term: soovitusindeks", "  term: yes", "et.term", "expected text, found true"),
        ("  term: soovitusindeks", "  term: 42", "et.term", "expected text, found the number 42"),
        ("related: []", "related: nps", "related", "expected a list"),
        ("    year: 2020", "    year: '2020'", "sources[0].year", "expected a whole number"),
        ("    year: 2020", "    year: 20", "sources[0].year", "between 1900 and 2100"),
        ("et:\n  term: soovitusindeks", "et: soovitusindeks\nx:\n  term: a", "et", "mapping"),
    ],
)
def test_wrong_types(
    make_glossary: GlossaryFactory, old: str, new: str, field: str, expected: str
) -> None:
    text = term_yaml()
    assert old in text
    found = problems(make_glossary({"nps.yml": text.replace(old, new)}))
    match = [p for p in found if p.field == field]
    assert match, found
    assert expected in match[0].message


def test_wrong_type_points_at_the_line(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("  term: Net Promoter Score", "  term: [a, b]")
    problem = only(make_glossary({"nps.yml": text}))
    assert (problem.line, problem.field) == (11, "en.term")


@pytest.mark.parametrize("empty", ['""', "'   '", "|\n    \n"])
def test_empty_definition(make_glossary: GlossaryFactory, empty: str) -> None:
    text = term_yaml().replace("  definition: An English definition.", f"  definition: {empty}")
    problem = only(make_glossary({"nps.yml": text}))
    assert problem.field == "en.definition"
    assert problem.message == "must not be empty"


def test_null_definition(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("  definition: An English definition.", "  definition:")
    problem = only(make_glossary({"nps.yml": text}))
    assert problem.field == "en.definition"
    assert "expected text, found nothing" in problem.message


def test_related_id_that_does_not_exist(make_glossary: GlossaryFactory) -> None:
    first, second = problems(make_glossary({"nps.yml": term_yaml(related="[csat, enps]")}))
    assert (first.field, second.field) == ("related[0]", "related[1]")
    assert (second.line, second.column) == (12, 17)
    problem = first
    assert problem.line == 12
    assert "no term with id 'csat' (no file glossary/terms/csat.yml)" in problem.message


def test_related_to_itself(make_glossary: GlossaryFactory) -> None:
    problem = only(make_glossary({"nps.yml": term_yaml(related="[nps]")}))
    assert problem.field == "related[0]"
    assert problem.message == "a term cannot be related to itself"


def test_related_listed_twice(make_glossary: GlossaryFactory) -> None:
    files = {
        "nps.yml": term_yaml(related="[csat, csat]"),
        "csat.yml": term_yaml("a", "b", related="[nps]"),
    }
    problem = only(make_glossary(files))
    assert problem.field == "related[1]"
    assert "listed twice" in problem.message


def test_same_preferred_term_in_one_language(make_glossary: GlossaryFactory) -> None:
    files = {
        "nps.yml": term_yaml("soovitusindeks", "NPS"),
        "nps2.yml": term_yaml("Soovitusindeks", "X"),
    }
    problem = only(make_glossary(files))
    assert problem.path == "glossary/terms/nps2.yml"
    assert problem.field == "et.term"
    assert "already the preferred term of glossary/terms/nps.yml" in problem.message


@pytest.mark.parametrize("name", ["Customer_Experience", "kliendikogemus-õ", "a--b", "-a", "NPS"])
def test_id_that_is_not_a_slug(make_glossary: GlossaryFactory, name: str) -> None:
    problem = only(make_glossary({f"{name}.yml": term_yaml()}))
    assert problem.field == "id"
    assert "is not a slug" in problem.message


def test_reserved_id(make_glossary: GlossaryFactory) -> None:
    problem = only(make_glossary({"abbreviations.yml": term_yaml()}))
    assert "reserved for an index page" in problem.message


def test_yaml_extension(make_glossary: GlossaryFactory) -> None:
    problem = only(make_glossary({"nps.yaml": term_yaml()}))
    assert problem.message == "files end in .yml: rename it to nps.yml"


def test_missing_language(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().split("en:\n")[0]
    problem = only(make_glossary({"nps.yml": text}))
    assert problem.field == "en"
    assert problem.message == "the 'en' language is missing: add 'en:' here"


def test_unknown_category_lists_the_declared_ones(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("category: measurement", "category: measuring")
    problem = only(make_glossary({"nps.yml": text}))
    assert (problem.field, problem.line) == ("category", 1)
    assert "'customer-experience'" in problem.message
    assert "'measurement'" in problem.message


def test_expansion_needs_abbreviation(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("  term: soovitusindeks", "  term: soovitusindeks\n  expansion: X")
    problem = only(make_glossary({"nps.yml": text}))
    assert problem.field == "et"
    assert "add 'abbreviation' too" in problem.message


def test_source_needs_title_or_url(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("    title: A title\n", "")
    problem = only(make_glossary({"nps.yml": text}))
    assert problem.field == "sources[0]"
    assert "a source needs a title or a url" in problem.message


def test_source_url_must_be_a_web_address(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("    title: A title\n", "    url: www.example.org\n")
    problem = only(make_glossary({"nps.yml": text}))
    assert problem.field == "sources[0].url"
    assert "http:// or https://" in problem.message


def test_calculator_must_exist(make_glossary: GlossaryFactory) -> None:
    root = make_glossary({"nps.yml": term_yaml(calculator="nps")})
    problem = only(root)
    assert problem.field == "calculator"
    assert "no calculator 'nps'; available: none yet" in problem.message
    assert load_glossary(root, LANGUAGES, calculators=("nps",)).term("nps").calculator == "nps"


def test_all_problems_of_all_files_are_reported_together(make_glossary: GlossaryFactory) -> None:
    files = {
        "a.yml": term_yaml("a", "a", related="[nope]"),
        "b.yml": "category: [\n",
        "c.yml": term_yaml("c", "c").replace("category: measurement", "category: x"),
        "Bad.yml": term_yaml("d", "d"),
    }
    found = problems(make_glossary(files))
    assert {p.path for p in found} == {f"glossary/terms/{name}" for name in files}
    assert found == sorted(found)
    report = str(SourceError(found))
    assert report.startswith(f"{len(found)} problems in the glossary sources:")
    assert "glossary/terms/a.yml:12:" in report


def test_problem_format_is_editor_friendly() -> None:
    problem = Problem("glossary/terms/nps.yml", 3, 5, "en.term", "expected text")
    assert str(problem) == "glossary/terms/nps.yml:3:5: en.term: expected text"
    assert str(Problem("x.yml", 1, 1, "", "the file is empty")) == "x.yml:1:1: the file is empty"


def test_the_real_glossary_is_valid() -> None:
    from tests.conftest import ROOT

    glossary = load_glossary(
        ROOT / "glossary", LANGUAGES, calculators=("nps", "enps", "ces", "csat")
    )
    assert len(glossary.terms) >= 10
