"""Checks of the self-assessment vectors, written without pytest so they also run in Pyodide.

Only the standard library and :mod:`calculators` are imported, so the file can be copied next
to ``assessment_vectors.json`` and run with ``run_all(load_vectors(path))``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from calculators.assessment import api_export, api_score, api_team

VECTORS_FILE = Path(__file__).parent / "assessment_vectors.json"
CALLS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "score": api_score,
    "export": api_export,
    "team": api_team,
}


def load_vectors(path: Path = VECTORS_FILE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def lookup(data: Any, path: str) -> Any:
    """Follow a dotted path through dicts (keys) and lists (indexes)."""
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def build_form(vector: dict[str, Any], aspect_sets: dict[str, list[str]]) -> dict[str, Any]:
    """The form a vector describes (see the vectors' 'about')."""
    form: dict[str, Any] = {}
    ids: list[str] = aspect_sets.get(vector.get("aspect_set", ""), [])
    if ids:
        form["aspects"] = " ".join(ids)
    if "answers" in vector:
        assert len(vector["answers"]) == len(ids), vector["id"]
        form.update(zip(ids, vector["answers"], strict=True))
    if "csv_lines" in vector:
        end = vector["line_end"]
        form["csv"] = "".join(line + end for line in vector["csv_lines"])
    form.update(vector.get("form", {}))
    return form


def same(got: Any, expected: Any, tolerance: float, path: str) -> None:
    """``got == expected``, numbers (also inside lists and dicts) within ``tolerance``."""
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        assert isinstance(got, int | float) and not isinstance(got, bool), (path, got)
        assert math.isclose(got, expected, rel_tol=0, abs_tol=tolerance), (path, got, expected)
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), (path, got, expected)
        for index, (item, wanted) in enumerate(zip(got, expected, strict=True)):
            same(item, wanted, tolerance, f"{path}.{index}")
    elif isinstance(expected, dict):
        assert isinstance(got, dict) and set(got) == set(expected), (path, got, expected)
        for key, wanted in expected.items():
            same(got[key], wanted, tolerance, f"{path}.{key}")
    else:
        assert got == expected, (path, got, expected)


def check_vector(vector: dict[str, Any], aspect_sets: dict[str, list[str]]) -> None:
    answer = CALLS[vector["call"]](build_form(vector, aspect_sets))
    assert answer["ok"] is True, answer
    for path, expected in vector["expect"].items():
        same(lookup(answer["result"], path), expected, vector["tolerance"], path)


def check_error_vector(vector: dict[str, Any], aspect_sets: dict[str, list[str]]) -> None:
    answer = CALLS[vector["call"]](build_form(vector, aspect_sets))
    assert answer["ok"] is False, answer
    for key, expected in vector["error"].items():
        assert answer["error"][key] == expected, (key, answer["error"])


def run_all(vectors: dict[str, Any]) -> dict[str, Any]:
    """Run every check; return the counts and the failures (used inside Pyodide)."""
    aspect_sets: dict[str, list[str]] = vectors["aspect_sets"]
    checks: list[tuple[str, Callable[[], None]]] = []
    for v in vectors["vectors"]:
        checks.append((v["id"], partial(check_vector, v, aspect_sets)))
    for v in vectors["errors"]:
        checks.append((v["id"], partial(check_error_vector, v, aspect_sets)))
    failures: list[str] = []
    passed = 0
    for name, check in checks:
        try:
            check()
            passed += 1
        except (AssertionError, KeyError, IndexError, TypeError) as error:
            failures.append(f"{name}: {type(error).__name__}: {error}")
    return {"passed": passed, "failed": failures}
