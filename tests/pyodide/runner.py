"""Python scripts inside real Pyodide (the pinned npm package) under Node, with the site's wheel
loaded as the build publishes it (see ``run_python.mjs``)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from motteruum.runtime import ASSET_DIR, publish
from tests.conftest import ROOT

NPM_PYODIDE = ROOT / "node_modules" / "pyodide"


def run_in_pyodide(folder: Path, script: str, *files: Path) -> dict[str, Any]:
    """Run ``script`` (its last expression is JSON text) with the runtime published into
    ``folder``; each of ``files`` reaches it in ``files`` as a JavaScript Uint8Array. Returns
    the script's JSON, parsed."""
    source = folder / "script.py"
    source.write_text(script, encoding="utf-8")
    return run_node(folder, "run_python.mjs", str(source), *map(str, files))


def run_node(folder: Path, runner: str, *arguments: str) -> dict[str, Any]:
    """Publish the runtime into ``folder`` and run ``runner`` (a script of this folder, given
    Pyodide's npm folder and the site's lock file first); returns its last line's JSON, parsed."""
    publish(folder, NPM_PYODIDE, ROOT / "calculators")
    result = subprocess.run(
        [
            "node",
            str(Path(__file__).with_name(runner)),
            str(NPM_PYODIDE),
            str(folder / ASSET_DIR / "pyodide-lock.json"),
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report
