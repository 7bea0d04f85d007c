"""The survey workbench inside real Pyodide: a CSV and an .xlsx handed over as the page's worker
hands a chosen file to Python, read and analysed as in CPython."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from bench.survey_data import LANGUAGES, rows, to_csv, to_xlsx
from calculators import api
from tests.pyodide.runner import run_in_pyodide

SCRIPT = """
import json, sys, time
from calculators.worker import handle  # the one entry the page's worker calls

def survey(name, form, file=None):
    return json.loads(handle("survey", name, json.dumps(form), file))

def analyse(name, metric="nps"):
    started = time.perf_counter()
    summary = survey("read", {}, files[name])["result"]  # the Uint8Array, as the worker gives it
    read = time.perf_counter() - started
    guess = summary["guess"]
    form = {
        "token": summary["token"], "metric": metric,
        "score-column": str(guess["score_columns"][metric]),
        "segment-column": str(guess["segment_column"]),
        "date-column": str(guess["date_column"]), "period": "month",
    }
    started = time.perf_counter()
    answer = survey("analyse", form)
    return summary, answer, read, time.perf_counter() - started

report = {"python": sys.version.split()[0], "results": {}, "seconds": {}}
for name in files:
    summary, answer, read, analysed = analyse(name)
    report["results"][name] = {"guess": summary["guess"], "answer": answer}
    report["seconds"][name] = [read, analysed]
json.dumps(report)
"""


def approx(value: Any) -> Any:
    """``value`` with every float compared to 1e-12 relative."""
    if isinstance(value, dict):
        return {key: approx(item) for key, item in value.items()}
    if isinstance(value, list):
        return [approx(item) for item in value]
    if isinstance(value, float):
        return pytest.approx(value, rel=1e-12, abs=1e-15)
    return value


def run(tmp_path: Path, *paths: Path) -> dict[str, Any]:
    return run_in_pyodide(tmp_path, textwrap.dedent(SCRIPT), *paths)


def test_csv_and_xlsx_are_analysed_in_pyodide_as_in_cpython(tmp_path: Path) -> None:
    language = LANGUAGES["et"]
    body = rows(2000, lang="et", seed=4)
    csv_file = tmp_path / "vastused.csv"
    csv_file.write_bytes(to_csv(language.header, body, ";").encode("cp1257"))
    xlsx_file = tmp_path / "vastused.xlsx"
    xlsx_file.write_bytes(
        to_xlsx(language.header, body, numbers=frozenset({4, 5, 6}), dates=frozenset({1}))
    )
    report = run(tmp_path, csv_file, xlsx_file)
    assert report["python"].startswith("3.14")
    for path in (csv_file, xlsx_file):
        summary = api.survey("read", {"file": path.read_bytes()})["result"]
        assert isinstance(summary, dict)
        guess = summary["guess"]
        form = {
            "token": summary["token"],
            "metric": "nps",
            "score-column": str(guess["score_columns"]["nps"]),
            "segment-column": str(guess["segment_column"]),
            "date-column": str(guess["date_column"]),
            "period": "month",
        }
        expected = api.survey("analyse", form)
        assert expected["ok"]
        found = report["results"][path.name]
        assert found["guess"] == guess
        # the same numbers, but for the last digit of a p-value (WebAssembly's libm erfc)
        assert found["answer"] == approx(json.loads(json.dumps(expected)))
        assert found["answer"]["result"]["used"] == 2000
