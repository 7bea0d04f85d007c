"""The crossword generator inside real Pyodide lays out the page's entries as CPython does."""

from __future__ import annotations

import json
from pathlib import Path

from motteruum.crossword.browser import new_puzzle
from motteruum.crossword_view import CrosswordView, embedded
from motteruum.loader import load_glossary
from tests.conftest import LANGUAGES, ROOT
from tests.pyodide.runner import run_in_pyodide

SCRIPT = """
import json, sys
from calculators.worker import handle  # the one entry the page's worker calls
answer = json.loads(handle("crossword_new", "et", FORM))
module = sys.modules["motteruum.crossword.browser"].__file__
json.dumps({"python": sys.version.split()[0], "module": module, "answer": answer})
"""


def test_new_puzzle_in_pyodide_equals_cpython(tmp_path: Path) -> None:
    calculators = {p.name.split(".")[0] for p in (ROOT / "docs" / "calculators").glob("*.md")}
    glossary = load_glossary(ROOT / "glossary", LANGUAGES, calculators=calculators - {"index"})
    page = embedded(CrosswordView("glossary", "et", "et", glossary).render())
    form = {"entries": page["entries"], "seed": 987654321, "avoid": page["id"]}
    report = run_in_pyodide(tmp_path, f"FORM = {json.dumps(json.dumps(form))}\n{SCRIPT}")
    assert report["module"] == "/lib/python3.14/site-packages/motteruum/crossword/browser.py"
    answer = report["answer"]
    assert answer["ok"] is True
    assert answer == new_puzzle("et", form)
    assert answer["puzzle"]["id"] != page["id"]
