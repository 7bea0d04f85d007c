"""The calculators' vector checks, run inside real Pyodide (the pinned npm package) under Node."""

from __future__ import annotations

from pathlib import Path

from motteruum.runtime import ASSET_DIR
from tests.calculators import assessment_checks, vector_checks
from tests.conftest import ROOT
from tests.pyodide.runner import run_node

CHECKS = ROOT / "tests" / "calculators"


def test_vectors_pass_inside_pyodide(tmp_path: Path) -> None:
    suites = ["vector_checks:vectors.json", "assessment_checks:assessment_vectors.json"]
    report = run_node(tmp_path, "run_vectors.mjs", str(CHECKS), *suites)
    assert report["python"].startswith("3.14")
    assert report["package"].startswith("/lib/python3.14/site-packages/calculators/")
    (wheel,) = (tmp_path / ASSET_DIR).glob("calculators-*.whl")
    assert wheel.name.startswith("calculators-1.0.0+")

    calculators = load(vector_checks)
    expected = len(calculators["api"]) + len(calculators["api_errors"])
    expected += len(calculators["t_quantiles"]["rows"])
    assert report["suites"]["vector_checks"] == {"passed": expected, "failed": []}
    assessments = load(assessment_checks)
    expected = len(assessments["vectors"]) + len(assessments["errors"])
    assert report["suites"]["assessment_checks"] == {"passed": expected, "failed": []}


def load(module: object) -> dict[str, object]:
    data: dict[str, object] = module.load_vectors()  # type: ignore[attr-defined]
    return data
