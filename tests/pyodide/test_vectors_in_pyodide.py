"""The calculators' vector checks, run inside real Pyodide (the pinned npm package) under Node."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from motteruum.runtime import ASSET_DIR, publish
from tests.calculators.vector_checks import load_vectors
from tests.conftest import ROOT

NPM_PYODIDE = ROOT / "node_modules" / "pyodide"


def test_vectors_pass_inside_pyodide(tmp_path: Path) -> None:
    wheel = publish(tmp_path, NPM_PYODIDE, ROOT / "calculators")
    lock = tmp_path / ASSET_DIR / "pyodide-lock.json"
    result = subprocess.run(
        [
            "node",
            str(Path(__file__).with_name("run_vectors.mjs")),
            str(NPM_PYODIDE),
            str(lock),
            str(ROOT / "tests" / "calculators"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    vectors = load_vectors()
    expected = (
        len(vectors["api"]) + len(vectors["api_errors"]) + len(vectors["t_quantiles"]["rows"])
    )
    assert report["failed"] == []
    assert report["passed"] == expected
    assert report["python"].startswith("3.14")
    assert report["package"].startswith("/lib/python3.14/site-packages/calculators/")
    assert wheel.file_name.startswith("calculators-1.0.0+")
