"""Published and independently computed examples (vectors.json) through the browser API."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from calculators import api
from calculators.stats import t_quantile

VECTORS = json.loads((Path(__file__).parent / "vectors.json").read_text(encoding="utf-8"))
CALLS = {"compute": api.compute, "compare": api.compare, "plan_sample_size": api.plan_sample_size}


def lookup(data: Any, path: str) -> Any:
    """Follow a dotted path through dicts (keys) and lists (indexes)."""
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


@pytest.mark.parametrize("vector", VECTORS["api"], ids=[v["id"] for v in VECTORS["api"]])
def test_api_vector(vector: dict[str, Any]) -> None:
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


@pytest.mark.parametrize(
    "vector", VECTORS["api_errors"], ids=[v["id"] for v in VECTORS["api_errors"]]
)
def test_api_error_vector(vector: dict[str, Any]) -> None:
    answer = CALLS[vector["call"]](vector["name"], vector["form"])
    assert answer["ok"] is False, answer
    for key, expected in vector["error"].items():
        assert answer["error"][key] == expected, (key, answer["error"])


@pytest.mark.parametrize(("df", "p", "expected"), VECTORS["t_quantiles"]["rows"])
def test_t_quantiles_match_the_nist_table(df: int, p: float, expected: float) -> None:
    assert t_quantile(p, df) == pytest.approx(expected, abs=VECTORS["t_quantiles"]["tolerance"])


def test_every_vector_names_its_source() -> None:
    for vector in VECTORS["api"]:
        assert vector["source"].strip(), vector["id"]
    ids = [v["id"] for v in VECTORS["api"] + VECTORS["api_errors"]]
    assert len(ids) == len(set(ids))
