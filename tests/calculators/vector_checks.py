"""Checks of the published vectors, written without pytest so they also run inside Pyodide."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from calculators import api
from calculators.stats import t_quantile

VECTORS_FILE = Path(__file__).parent / "vectors.json"
CALLS: dict[str, Callable[[str, Any], dict[str, Any]]] = {
    "compute": api.compute,
    "compare": api.compare,
    "plan_sample_size": api.plan_sample_size,
}


def load_vectors(path: Path = VECTORS_FILE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def lookup(data: Any, path: str) -> Any:
    """Follow a dotted path through dicts (keys) and lists (indexes)."""
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def check_api_vector(vector: dict[str, Any]) -> None:
    answer = CALLS[vector["call"]](vector["name"], vector["form"])
    assert answer["ok"] is True, answer
    for path, expected in vector["expect"].items():
        got = lookup(answer["result"], path)
        if isinstance(expected, float | int) and not isinstance(expected, bool):
            assert isinstance(got, int | float) and not isinstance(got, bool), (path, got)
            assert math.isclose(got, expected, rel_tol=0, abs_tol=vector["tolerance"]), (
                path,
                got,
                expected,
            )
        else:
            assert got == expected, (path, got, expected)


def check_error_vector(vector: dict[str, Any]) -> None:
    answer = CALLS[vector["call"]](vector["name"], vector["form"])
    assert answer["ok"] is False, answer
    for key, expected in vector["error"].items():
        assert answer["error"][key] == expected, (key, answer["error"])


def check_t_quantile(row: list[float], tolerance: float) -> None:
    df, p, expected = row
    got = t_quantile(p, int(df))
    assert math.isclose(got, expected, rel_tol=0, abs_tol=tolerance), (row, got)


def run_all(vectors: dict[str, Any]) -> dict[str, Any]:
    """Run every check; return the counts and the failures (used inside Pyodide)."""
    failures: list[str] = []
    passed = 0
    checks: list[tuple[str, Callable[[], None]]] = []
    for v in vectors["api"]:
        checks.append((v["id"], lambda v=v: check_api_vector(v)))
    for v in vectors["api_errors"]:
        checks.append((v["id"], lambda v=v: check_error_vector(v)))
    tolerance = vectors["t_quantiles"]["tolerance"]
    for row in vectors["t_quantiles"]["rows"]:
        checks.append((f"t{row}", lambda row=row: check_t_quantile(row, tolerance)))
    for name, check in checks:
        try:
            check()
            passed += 1
        except AssertionError as error:
            failures.append(f"{name}: {error}")
    return {"passed": passed, "failed": failures}
