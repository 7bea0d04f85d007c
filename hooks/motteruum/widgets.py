"""Interactive widgets that Markdown pages ask for with a marker on a line of its own.

``<!-- calculator: nps -->``, ``<!-- assessment: cx -->``, ``<!-- crossword: glossary -->``,
``<!-- analysis: survey -->`` and ``<!-- plan: abc -->`` are replaced by the widget's markup,
rendered now in the page's language.

A calculator that opens its page may say so: ``<!-- calculator: nps eager -->``. Its engine then
starts while the page loads, from a script in the page's head (see :func:`start_engine_early`),
instead of when the calculator is first seen.
"""

from __future__ import annotations

import posixpath
import re
import secrets
from collections.abc import Callable, Collection
from html import escape

from . import plan_view
from .analysis_view import ANALYSES, SAMPLE, SCRIPT, STYLESHEET, AnalysisView
from .assessment_view import AssessmentView
from .calculator_view import SPECS, CalculatorView
from .crossword_view import CROSSWORDS, CrosswordView
from .glossary import Glossary
from .render import ASSESSMENTS

MARKER = re.compile(
    r"^<!--\s*(calculator|assessment|crossword|analysis|plan):\s*([a-z0-9-]+)((?:\s+[\w-]+)*)"
    r"\s*-->[ \t]*$",
    re.MULTILINE,
)

#: The script that starts the engine early: written after each calculator (it starts the engine
#: if the calculator is in view at the first layout), and into the head of a page whose
#: calculator is ``eager``.
ENGINE_START = "assets/javascripts/engine-start.js"
#: The worker it starts.
WORKER = "assets/javascripts/calculator-worker.js"

#: What an eager calculator's root carries, for :func:`start_engine_early` to find.
EAGER = 'data-engine="eager"'
HEAD_START = re.compile(r'<meta charset="[^"]*">')


def relative_url(target: str, page_url: str) -> str:
    """The address of ``target`` (a path from the site's root) from the page at ``page_url``
    (``calculators/nps/``; ``""`` for the home page), as the page's own links are written."""
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(f"/{target}", f"/{folder}")


class UnknownWidget(ValueError):
    """A marker names a widget or an option that does not exist."""


def parse_marker(kind: str, name: str, options: str) -> bool:
    """Check one marker's widget and options; whether the widget is eager."""
    known: Collection[str] = {
        "calculator": SPECS.keys(),
        "assessment": ASSESSMENTS.keys(),
        "crossword": CROSSWORDS,
        "analysis": ANALYSES,
        "plan": plan_view.PLANS.keys(),
    }[kind]
    if name not in known:
        raise UnknownWidget(f"unknown {kind} {name!r} in a marker; known: {', '.join(known)}")
    eager = False
    for option in options.split():
        if option != "eager":
            raise UnknownWidget(f"unknown option {option!r} in the marker of {kind} {name!r}")
        if kind != "calculator":
            raise UnknownWidget(f"'eager' in a marker is for calculators only, not {kind} {name!r}")
        eager = True
    return eager


def marker_problems(markdown: str) -> list[tuple[int, str]]:
    """(line, message) of every marker in ``markdown`` that names no widget or option."""
    problems = []
    for match in MARKER.finditer(markdown):
        try:
            parse_marker(*match.groups())
        except UnknownWidget as error:
            problems.append((markdown.count("\n", 0, match.start()) + 1, str(error)))
    return problems


class HeldWidgets:
    """Widget markup kept out of Markdown's way while a page is converted.

    A widget is HTML already (hundreds of elements for a crossword), which Markdown would only
    parse to pass it through. :meth:`hold` gives a one-element placeholder for it, which Markdown
    passes through as a raw HTML block, and :meth:`restore` puts the markup back into the page's
    HTML. The placeholders carry a token made for each build, so no text can imitate one.
    """

    _PLACEHOLDER = re.compile(r'<div data-mr-widget="([0-9a-f]{16}-[0-9]+)"></div>')

    def __init__(self) -> None:
        self._token = secrets.token_hex(8)
        self._held: dict[str, str] = {}

    def hold(self, html: str) -> str:
        """The placeholder of ``html``."""
        key = f"{self._token}-{len(self._held)}"
        self._held[key] = html.strip()  # as Markdown writes a raw HTML block
        return f'<div data-mr-widget="{key}"></div>'

    def restore(self, html: str) -> str:
        """``html`` with its placeholders replaced by the widgets; :class:`UnknownWidget` if
        Markdown did not pass a placeholder through (a marker inside a code block or a list)."""
        restored = self._PLACEHOLDER.sub(lambda match: self._held.pop(match[1], match[0]), html)
        if self._held:
            self._held.clear()
            raise UnknownWidget(
                "a widget marker must stand on a line of its own, outside code blocks and lists"
            )
        return restored


def replace_markers(
    markdown: str,
    lang: str,
    default_lang: str,
    glossary: Glossary,
    page_url: str = "",
    hold: Callable[[str], str] = str,
    prefix: str = "",
) -> str:
    """Put each widget where its marker is.

    ``page_url`` (the page's own) locates the assets; ``prefix`` is the URL prefix of the page's
    language (``""`` for the default, as :func:`motteruum.languages.site_languages` gives it),
    for files of that language. ``hold`` gets each widget's markup and returns what goes into
    the Markdown (by default the markup itself; :meth:`HeldWidgets.hold` a placeholder).
    """
    start_script = relative_url(ENGINE_START, page_url) if page_url else None

    def render(match: re.Match[str]) -> str:
        return hold(widget(match))

    def widget(match: re.Match[str]) -> str:
        kind, name, options = match.groups()
        eager = parse_marker(kind, name, options)
        if kind == "calculator":
            return CalculatorView(name, lang, default_lang, start_script, eager).render()
        if kind == "crossword":
            return CrosswordView(name, lang, default_lang, glossary).render()
        if kind == "analysis":
            return AnalysisView(
                name,
                lang,
                default_lang,
                relative_url(SCRIPT, page_url) if page_url else None,
                relative_url(prefix + SAMPLE, page_url) if page_url else None,
                relative_url(STYLESHEET, page_url) if page_url else None,
            ).render()
        if kind == "plan":
            return plan_view.PlanView(
                name,
                lang,
                default_lang,
                glossary,
                relative_url(plan_view.SCRIPT, page_url) if page_url else None,
                relative_url(plan_view.STYLESHEET, page_url) if page_url else None,
            ).render()
        return AssessmentView(name, lang, default_lang, glossary).render()

    return MARKER.sub(render, markdown)


def start_engine_early(html: str, page_url: str, code: str) -> str:
    """Start the engine from the head of a page (at ``page_url``) that has an eager calculator.

    ``code`` is engine-start.js, written inline right after the charset: it runs before the
    stylesheets are even requested, with nothing to download first, so the worker starts while
    the theme's styles and scripts load.
    """
    if EAGER not in html:
        return html
    if "</script" in code.lower():
        raise ValueError("engine-start.js cannot be written inline: it contains '</script'")
    worker = escape(relative_url(WORKER, page_url))
    script = f'<script data-start="eager" data-worker="{worker}">{code.strip()}</script>'
    charset = HEAD_START.search(html)
    if charset is not None:
        return html[: charset.end()] + script + html[charset.end() :]
    return html.replace("</head>", script + "</head>", 1)
