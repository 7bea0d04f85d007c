"""Action plan worksheets (``<!-- plan: abc -->``), rendered for one language.

The table's columns are those of :mod:`calculators.plan` (which writes the CSV file); the
question each column answers and the criteria of a good plan come from the framework file
(``glossary/frameworks/action-plan-abc.yml``), the column labels and the worked example from
the UI strings. The page script (``plan.js``) keeps the plan in the browser, adds and removes
rows and hands the rows to the page's engine for the CSV file.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.plan import COLUMNS, MAX_CELL_CHARS, MAX_ROWS

from .glossary import Glossary, Item
from .htmljson import script_json
from .render import environment
from .strings import catalog, translate

#: The plans a marker can name, and the framework each one follows.
PLANS = {"abc": "action-plan-abc"}
#: The page script and stylesheet, from the site's root (loaded by the plan's page only).
SCRIPT = "assets/javascripts/plan.js"
STYLESHEET = "assets/stylesheets/plan.css"
#: The framework section whose items are the questions every activity answers, the item id
#: each column answers (the activity itself answers none), and the section of the criteria.
QUESTIONS = "questions-for-every-activity"
QUESTION_OF = {
    "goal": "change",
    "owner": "owner",
    "deadline": "timing",
    "measure": "measures",
    "resources": "resources",
    "communication": "communication",
}
CRITERIA = "criteria-of-a-good-plan"
#: Empty rows a new plan starts with (also what prints without JavaScript).
FIRST_ROWS = 3


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    question: str | None
    example: str


@dataclass(frozen=True)
class Criterion:
    """One box of the checklist, or a group of boxes under a heading (``criteria``)."""

    id: str
    text: str
    criteria: tuple[Criterion, ...] = ()


def _plain(text: str) -> str:
    """A list item's text as a checkbox label: without the punctuation that ends the item."""
    return text.strip().rstrip(";.:").strip()


class PlanView:
    """Renders one action plan worksheet for one language."""

    def __init__(
        self,
        name: str,
        lang: str,
        default_lang: str,
        glossary: Glossary,
        script: str | None = None,
        stylesheet: str | None = None,
    ) -> None:
        self.name = name
        self.lang = lang
        self.default_lang = default_lang
        self.framework = next(f for f in glossary.frameworks if f.id == PLANS[name])
        #: The page script's and the stylesheet's addresses relative to the page.
        self.script = script
        self.stylesheet = stylesheet

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, self.default_lang, **values)

    def _section_items(self, section_id: str) -> tuple[Item, ...]:
        return next(s for s in self.framework.sections if s.id == section_id).items

    def columns(self) -> list[Column]:
        questions = {item.id: item.text(self.lang) for item in self._section_items(QUESTIONS)}
        return [
            Column(
                id=column,
                label=self.t(f"plan.column.{column}"),
                question=questions[QUESTION_OF[column]] if column in QUESTION_OF else None,
                example=self.t(f"plan.example.{column}"),
            )
            for column in COLUMNS
        ]

    def criteria(self) -> list[Criterion]:
        """The criteria of a good plan: a box for every item without sub-items."""
        found = []
        for number, item in enumerate(self._section_items(CRITERIA), start=1):
            group = item.id or f"criterion-{number}"
            found.append(
                Criterion(
                    id=group,
                    text=_plain(item.text(self.lang)),
                    criteria=tuple(
                        Criterion(sub.id or f"{group}-{position}", _plain(sub.text(self.lang)))
                        for position, sub in enumerate(item.items, start=1)
                    ),
                )
            )
        return found

    def render(self) -> str:
        columns = self.columns()
        criteria = self.criteria()
        template = environment().get_template("plan.html.j2")
        return template.render(
            name=self.name,
            lang=self.lang,
            t=self.t,
            script=self.script,
            stylesheet=self.stylesheet,
            framework_href=f"../../frameworks/{self.framework.id}/",
            criteria_title=next(
                s.title(self.lang) for s in self.framework.sections if s.id == CRITERIA
            ),
            columns=columns,
            criteria=criteria,
            criteria_total=sum(len(c.criteria) or 1 for c in criteria),
            first_rows=FIRST_ROWS,
            max_rows=MAX_ROWS,
            max_chars=MAX_CELL_CHARS,
            strings=script_json(self.strings()),
            column_data=script_json([{"id": c.id, "label": c.label} for c in columns]),
        )

    def strings(self) -> dict[str, str]:
        """The UI strings the page script needs, in this language."""
        keys = [key for key in catalog() if key.startswith("plan.")]
        keys.append("calc.error.internal_error")
        keys += [key for key in catalog() if key.startswith("calc.error.")]
        return {key: self.t(key) for key in sorted(set(keys))}
