"""Published and independently computed examples (vectors.json) through the browser API."""

from __future__ import annotations

from typing import Any

import pytest

from tests.calculators.vector_checks import (
    check_api_vector,
    check_error_vector,
    check_t_quantile,
    load_vectors,
)

VECTORS = load_vectors()


@pytest.mark.parametrize("vector", VECTORS["api"], ids=[v["id"] for v in VECTORS["api"]])
def test_api_vector(vector: dict[str, Any]) -> None:
    check_api_vector(vector)


@pytest.mark.parametrize(
    "vector", VECTORS["api_errors"], ids=[v["id"] for v in VECTORS["api_errors"]]
)
def test_api_error_vector(vector: dict[str, Any]) -> None:
    check_error_vector(vector)


@pytest.mark.parametrize("row", VECTORS["t_quantiles"]["rows"])
def test_t_quantiles_match_the_nist_table(row: list[float]) -> None:
    check_t_quantile(row, VECTORS["t_quantiles"]["tolerance"])


def test_every_vector_names_its_source() -> None:
    for vector in VECTORS["api"]:
        assert vector["source"].strip(), vector["id"]
    ids = [v["id"] for v in VECTORS["api"] + VECTORS["api_errors"]]
    assert len(ids) == len(set(ids))
