"""The action plan's CSV export inside real Pyodide (the pinned npm package) under Node, called
as the page's worker calls it: the same text as in CPython, errors included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calculators.plan import api_export
from tests.pyodide.runner import run_in_pyodide

CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "abc",
        {
            "rows": [
                {"activity": "Tagasiside pärast kontakti", "owner": "=1+1", "goal": "a;b\r\nc"},
                {"activity": "  ", "measure": ""},
                {"deadline": "I–II kvartal", "communication": '"Juhtkond"'},
            ],
            "headers": ["Tegevus", "Eesmärk", "Vastutaja", "Tähtaeg", "Mõõdik", "Ressursid", "@"],
            "delimiter": ";",
        },
    ),
    ("abc", {}),
    ("abc", {"rows": [{"owner": 5}]}),
    ("xyz", {"rows": []}),
]
SCRIPT = """
import json, sys
from calculators.worker import handle  # the one entry the page's worker calls
cases = json.loads(CASES)
json.dumps({"python": sys.version.split()[0],
            "answers": [json.loads(handle("plan_export", name, json.dumps(form)))
                        for name, form in cases]})
"""


def test_the_export_in_pyodide_is_the_export_in_cpython(tmp_path: Path) -> None:
    report = run_in_pyodide(tmp_path, f"CASES = {json.dumps(json.dumps(CASES))}\n{SCRIPT}")
    assert report["python"].startswith("3.14")
    expected = [api_export(name, form) for name, form in CASES]
    assert report["answers"] == json.loads(json.dumps(expected))
    assert [answer["ok"] for answer in report["answers"]] == [True, True, False, False]
    assert report["answers"][0]["result"]["csv"].startswith("\ufeffTegevus;")
    assert report["answers"][0]["result"]["rows"] == 2
