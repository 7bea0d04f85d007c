"""The engine's one entry (calculators.worker): every call the pages make, answered as the
entry point itself answers, as JSON text; nothing else is callable."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import pytest

from calculators import api, plan
from calculators.assessment import api as assessment
from calculators.worker import ENTRY_POINTS, call, handle
from motteruum.crossword import browser
from tests.conftest import ROOT

SCRIPTS = ROOT / "docs" / "assets" / "javascripts"
#: A call of the engine in a page script: ``engine.call("name", …)`` / ``running.call(…)``.
ENGINE_CALL = re.compile(r'\b(?:engine|running)\.call\(\s*"(\w+)"')

CASES: list[tuple[str, str, dict[str, Any], Any]] = [
    (
        "compute",
        "nps",
        {"mode": "counts", "promoters": "50", "passives": "30", "detractors": "20"},
        lambda name, form: api.compute(name, form),
    ),
    ("compute", "ces", {"responses": "5 6 7 4"}, api.compute),
    ("compute", "csat", {"mode": "histogram", "h5": "x"}, api.compute),
    ("survey", "plan", {"metric": "nps", "margin": "5"}, api.survey),
    ("survey", "unknown", {}, api.survey),
    (
        "assessment",
        "score",
        {"aspects": "a b c", "a": "2", "b": "4"},
        lambda name, form: assessment.api_score(form),
    ),
    (
        "assessment",
        "export",
        {"aspects": "a b", "a": "1", "participant": "=Mari"},
        lambda name, form: assessment.api_export(form),
    ),
    (
        "assessment",
        "team",
        {"aspects": "a b", "csv": "participant,a,b\nMari,1,2\n"},
        lambda name, form: assessment.api_team(form),
    ),
    (
        "plan_export",
        "abc",
        {"rows": [{"activity": "Tagasiside", "owner": "Mari"}]},
        plan.api_export,
    ),
    (
        "crossword_new",
        "et",
        {
            "entries": [
                {"answer": "KLIENT", "clue": "Ostja"},
                {"answer": "TEENUS", "clue": "Pakutav tegevus"},
                {"answer": "KOGEMUS", "clue": "Tajude summa"},
            ],
            "seed": 7,
        },
        browser.new_puzzle,
    ),
]


@pytest.mark.parametrize(("entry", "name", "form", "direct"), CASES)
def test_each_call_answers_as_its_entry_point(
    entry: str, name: str, form: dict[str, Any], direct: Any
) -> None:
    expected = json.loads(json.dumps(direct(name, form)))
    assert json.loads(handle(entry, name, json.dumps(form))) == expected
    assert call(entry, name, form) == direct(name, form)


def test_the_assessment_entry_knows_three_calls() -> None:
    answer = call("assessment", "sum", {"aspects": "a"})
    assert answer["ok"] is False
    assert answer["error"]["field"] == "name"
    assert answer["error"]["params"]["allowed"] == ["score", "export", "team"]


@pytest.mark.parametrize("unknown", ["compare", "eval", "__import__", "", "COMPUTE"])
def test_an_unknown_call_is_a_wrong_option_not_an_exception(unknown: str) -> None:
    answer = json.loads(handle(unknown, "nps", "{}"))
    assert answer["ok"] is False
    assert answer["error"]["code"] == "invalid_option"
    assert answer["error"]["field"] == "call"
    assert answer["error"]["values"] == [unknown]
    assert answer["error"]["params"]["allowed"] == list(ENTRY_POINTS)


class _Uint8Array:
    """What Pyodide hands over for a JavaScript Uint8Array: ``to_bytes()`` gives the bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def to_bytes(self) -> bytes:
        return self.data


@pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview, _Uint8Array])
def test_a_chosen_file_reaches_the_entry_point_as_bytes(wrap: Any) -> None:
    text = "Kuupäev;Hinne\n2026-01-05;9\n2026-01-06;3\n".encode("cp1257")
    answer = json.loads(handle("survey", "read", "{}", wrap(text)))
    expected = api.survey("read", {"file": text})
    assert answer["ok"] is True
    assert answer["result"]["columns"] == json.loads(json.dumps(expected))["result"]["columns"]


def test_the_pages_call_exactly_the_entry_points() -> None:
    called: dict[str, set[str]] = {}
    for script in sorted(SCRIPTS.glob("*.js")):
        for found in ENGINE_CALL.findall(script.read_text(encoding="utf-8")):
            called.setdefault(found, set()).add(script.name)
    assert set(called) == set(ENTRY_POINTS), called
    worker = (SCRIPTS / "calculator-worker.js").read_text(encoding="utf-8")
    assert 'pyimport("calculators.worker").handle' in worker
    assert "import importlib" not in worker and "CALLS" not in worker  # no Python in JavaScript


def test_every_entry_point_has_the_one_signature() -> None:
    import importlib
    import inspect

    for entry, (module, function) in ENTRY_POINTS.items():
        target = getattr(importlib.import_module(module), function)
        parameters = list(inspect.signature(target).parameters)
        assert parameters == ["name", "form"], (entry, parameters)


def test_the_cases_are_answers_and_errors() -> None:
    """The cases above reach the work of each entry point, not only its input checks."""
    answers = [json.loads(handle(entry, name, json.dumps(form))) for entry, name, form, _ in CASES]
    assert [answer["ok"] for answer in answers] == [
        True, True, False, True, False, True, True, True, True, True
    ]  # fmt: skip
    assert answers[-1]["puzzle"]["width"] > 0
    assert answers[6]["result"]["csv"].splitlines()[1].startswith("'=Mari")


#: Run in a fresh interpreter: which of the large modules each call has imported so far.
LAZY_IMPORTS = """
import json, sys
from calculators.worker import handle

def loaded():
    return [name for name in ("calculators.survey", "motteruum.crossword") if name in sys.modules]

seen = {"start": loaded()}
for call, name in [("compute", "nps"), ("assessment", "score"), ("plan_export", "abc"),
                   ("survey", "plan"), ("crossword_new", "et")]:
    handle(call, name, "{}")
    seen[call] = loaded()
print(json.dumps(seen))
"""


def test_the_survey_and_crossword_modules_load_on_their_first_call() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LAZY_IMPORTS], cwd=ROOT, capture_output=True, text=True, check=True
    )
    seen = json.loads(result.stdout)
    assert seen == {
        "start": [],
        "compute": [],
        "assessment": [],
        "plan_export": [],
        "survey": ["calculators.survey"],
        "crossword_new": ["calculators.survey", "motteruum.crossword"],
    }
