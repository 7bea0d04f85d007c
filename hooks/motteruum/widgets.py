"""Interactive widgets that Markdown pages ask for with a marker on a line of its own.

``<!-- calculator: nps -->``, ``<!-- assessment: cx -->`` and ``<!-- crossword: glossary -->``
are replaced by the widget's markup, rendered now in the page's language.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from mkdocs.utils import get_relative_url

from .assessment_view import AssessmentView
from .calculator_view import SPECS, CalculatorView
from .crossword_view import CROSSWORDS, CrosswordView
from .glossary import Glossary
from .render import ASSESSMENTS

MARKER = re.compile(
    r"^<!--\s*(calculator|assessment|crossword):\s*([a-z0-9-]+)\s*-->[ \t]*$", re.MULTILINE
)


#: The script written after each calculator: it starts the engine at once if that is in view.
ENGINE_START = "assets/javascripts/engine-start.js"


class UnknownWidget(ValueError):
    """A marker names a widget that does not exist."""


def replace_markers(
    markdown: str, lang: str, default_lang: str, glossary: Glossary, page_url: str = ""
) -> str:
    """Put each widget where its marker is; ``page_url`` (the page's own) locates the assets."""
    start_script = get_relative_url(ENGINE_START, page_url) if page_url else None

    def render(match: re.Match[str]) -> str:
        kind, name = match.groups()
        known: Collection[str] = {
            "calculator": SPECS.keys(),
            "assessment": ASSESSMENTS.keys(),
            "crossword": CROSSWORDS,
        }[kind]
        if name not in known:
            raise UnknownWidget(f"unknown {kind} {name!r} in a marker; known: {', '.join(known)}")
        if kind == "calculator":
            return CalculatorView(name, lang, default_lang, start_script).render()
        if kind == "crossword":
            return CrosswordView(name, lang, default_lang, glossary).render()
        return AssessmentView(name, lang, default_lang, glossary).render()

    return MARKER.sub(render, markdown)
