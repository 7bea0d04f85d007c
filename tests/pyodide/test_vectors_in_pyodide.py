"""The calculators' vector checks, run inside real Pyodide (the pinned npm package) under Node."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from motteruum.runtime import ASSET_DIR, publish
from tests.calculators import assessment_checks, vector_checks
from tests.conftest import ROOT

NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CHECKS = ROOT / "tests" / "calculators"


def test_vectors_pass_inside_pyodide(tmp_path: Path) -> None:
    wheel = publish(tmp_path, NPM_PYODIDE, ROOT / "calculators")
    lock = tmp_path / ASSET_DIR / "pyodide-lock.json"
    suites = ["vector_checks:vectors.json", "assessment_checks:assessment_vectors.json"]
    result = subprocess.run(
        [
            "node",
            str(Path(__file__).with_name("run_vectors.mjs")),
            str(NPM_PYODIDE),
            str(lock),
            str(CHECKS),
            *suites,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["python"].startswith("3.14")
    assert report["package"].startswith("/lib/python3.14/site-packages/calculators/")
    assert wheel.file_name.startswith("calculators-1.0.0+")

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
