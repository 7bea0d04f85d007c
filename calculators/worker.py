"""The one entry of the page's engine: every call the browser's worker makes, by name.

The worker (``docs/assets/javascripts/calculator-worker.js``) puts the site's wheel on
``sys.path`` and calls :func:`handle` with the call's name, the widget's ``name`` and the form
as JSON text; it gets JSON text back. Every entry point has the one signature
``(name, form) -> dict`` and never raises; its module is imported on its first call, so a page
loads only the code it uses (the survey workbench and the crossword generator are large).

=====================  ==============================================================
call                   entry point
=====================  ==============================================================
``compute``            :func:`calculators.api.compute` (``name``: nps, enps, ces, csat)
``survey``             :func:`calculators.api.survey` (``name``: read, analyse, ...)
``assessment``         :func:`calculators.assessment.api.call` (``name``: score, export, team)
``plan_export``        :func:`calculators.plan.api_export`
``crossword_new``      :func:`motteruum.crossword.browser.new_puzzle` (``name``: the language)
=====================  ==============================================================

An unknown call is answered with the error shape of :mod:`calculators.api`
(``invalid_option``, ``field`` ``"call"``), like any other wrong input.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from typing import Any, Final

from calculators.errors import CalculatorError, Code
from calculators.guard import guarded

EntryPoint = Callable[[str, Mapping[str, Any]], Mapping[str, Any]]

#: ``call name: (module, function)`` of every entry point: what the site's pages call, no more
#: (the comparison and sample-size plan of :mod:`calculators.api` reach the pages through the
#: survey workbench).
ENTRY_POINTS: Final[Mapping[str, tuple[str, str]]] = {
    "compute": ("calculators.api", "compute"),
    "survey": ("calculators.api", "survey"),
    "assessment": ("calculators.assessment.api", "call"),
    "plan_export": ("calculators.plan", "api_export"),
    "crossword_new": ("motteruum.crossword.browser", "new_puzzle"),
}


def entry_point(call: str) -> EntryPoint:
    """The function behind ``call`` (its module imported now); KeyError for an unknown call."""
    module, function = ENTRY_POINTS[call]
    found: EntryPoint = getattr(importlib.import_module(module), function)
    return found


def _unknown(call_name: object) -> Mapping[str, Any]:
    def fail() -> None:
        raise CalculatorError(
            Code.INVALID_OPTION,
            field="call",
            values=[call_name],
            params={"allowed": tuple(ENTRY_POINTS)},
        )

    return guarded(fail)


def call(call_name: str, name: str, form: Mapping[str, Any]) -> Mapping[str, Any]:
    """The answer of the entry point ``call_name`` for the widget ``name`` and its ``form``."""
    if not isinstance(call_name, str) or call_name not in ENTRY_POINTS:
        return _unknown(call_name)
    return entry_point(call_name)(name, form)


def handle(call_name: str, name: str, form_json: str, file: object = None) -> str:
    """:func:`call` with the form as JSON text, and the answer as JSON text.

    ``file`` is a chosen file's bytes, given apart from the JSON: the JavaScript
    ``Uint8Array`` as Pyodide passes it (anything with ``to_bytes()``), or ``bytes``,
    ``bytearray`` or ``memoryview``; it reaches the entry point as ``form["file"]``, ``bytes``.
    """
    form = json.loads(form_json)
    if file is not None:
        if isinstance(file, bytes | bytearray | memoryview):
            form["file"] = bytes(file)
        else:
            form["file"] = file.to_bytes()  # type: ignore[attr-defined]
    return json.dumps(call(call_name, name, form))
