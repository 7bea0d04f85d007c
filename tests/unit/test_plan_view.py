"""The action plan worksheet's markup: columns of calculators.plan with the framework's questions,
the worked example, labelled cells, the criteria of the framework file, both languages."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup, Tag

from calculators.plan import COLUMNS, MAX_ROWS
from motteruum.plan_view import FIRST_ROWS, PLANS, QUESTION_OF, PlanView
from motteruum.strings import catalog
from motteruum.widgets import UnknownWidget, marker_problems, replace_markers
from tests.conftest import LANGUAGES
from tests.unit.test_widgets import GLOSSARY

FRAMEWORK = next(f for f in GLOSSARY.frameworks if f.id == PLANS["abc"])


def widget(lang: str, page_url: str = "plan/abc/") -> Tag:
    html = replace_markers("# Plan\n\n<!-- plan: abc -->\n", lang, "et", GLOSSARY, page_url)
    root = BeautifulSoup(html, "html.parser").select_one("[data-plan=abc]")
    assert root is not None
    return root


def test_every_column_but_the_activity_answers_a_question_of_the_framework() -> None:
    section = next(s for s in FRAMEWORK.sections if s.id == "questions-for-every-activity")
    assert set(QUESTION_OF) == set(COLUMNS) - {"activity"}
    assert sorted(QUESTION_OF.values()) == sorted(str(item.id) for item in section.items)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_table_has_the_columns_an_example_and_labelled_cells(lang: str) -> None:
    root = widget(lang)
    view = PlanView("abc", lang, "et", GLOSSARY)
    labels = [column.label for column in view.columns()]
    headers = [th.get_text() for th in root.select("thead th")]
    assert headers[1:-1] == labels
    example = root.select("tr[data-example] td[data-column]")
    assert [td["data-column"] for td in example] == list(COLUMNS)
    assert all(td.get_text().strip() for td in example)
    rows = root.select("tbody[data-rows] tr[data-row]")
    assert len(rows) == FIRST_ROWS
    for number, row in enumerate(rows, start=1):
        fields = row.select("textarea[data-column]")
        assert [field["data-column"] for field in fields] == list(COLUMNS)
        for field, label in zip(fields, labels, strict=True):
            name = str(field["aria-label"])
            assert label in name and str(number) in name
        assert str(number) in str(row.select_one("[data-remove]")["aria-label"])  # type: ignore[index]
    template = root.select_one("template[data-row-template]")
    assert template is not None and len(template.select("textarea")) == len(COLUMNS)
    assert root["data-max-rows"] == str(MAX_ROWS)
    assert root["lang"] == lang
    columns = json.loads(root.select_one("[data-columns]").get_text())  # type: ignore[union-attr]
    assert columns == [{"id": c, "label": label} for c, label in zip(COLUMNS, labels, strict=True)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_criteria_are_those_of_the_framework(lang: str) -> None:
    root = widget(lang)
    section = next(s for s in FRAMEWORK.sections if s.id == "criteria-of-a-good-plan")
    boxes = root.select("input[type=checkbox][data-criterion]")
    leaves = [sub for item in section.items for sub in (item.items or (item,))]
    assert len(boxes) == len(leaves) == 7
    for box, leaf in zip(boxes, leaves, strict=True):
        label = box.find_parent("label")
        assert label is not None
        assert label.get_text().strip() == leaf.text(lang).rstrip(";.:")
    ids = [box["data-criterion"] for box in boxes]
    assert len(set(ids)) == len(ids)
    assert root.select_one(".mr-plan__criteria > legend").get_text() == section.title(lang)  # type: ignore[union-attr]


def test_the_script_and_stylesheet_are_addressed_from_the_page() -> None:
    html = replace_markers("<!-- plan: abc -->\n", "en", "et", GLOSSARY, "en/plan/abc/")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("script[type=module]")["src"] == (  # type: ignore[index]
        "../../../assets/javascripts/plan.js"
    )
    assert soup.select_one("link[rel=stylesheet]")["href"] == (  # type: ignore[index]
        "../../../assets/stylesheets/plan.css"
    )


def test_the_page_script_gets_every_plan_string_in_its_language() -> None:
    strings = PlanView("abc", "en", "et", GLOSSARY).strings()
    plan_keys = {key for key in catalog() if key.startswith("plan.")}
    assert plan_keys <= set(strings)
    assert strings["plan.csv.delimiter"] == ","
    assert PlanView("abc", "et", "et", GLOSSARY).strings()["plan.csv.delimiter"] == ";"
    assert "calc.error.internal_error" in strings


def test_an_unknown_plan_is_named_with_its_line() -> None:
    assert marker_problems("# X\n\n<!-- plan: xyz -->\n") == [
        (3, "unknown plan 'xyz' in a marker; known: abc")
    ]
    with pytest.raises(UnknownWidget):
        replace_markers("<!-- plan: abc eager -->\n", "et", "et", GLOSSARY)
