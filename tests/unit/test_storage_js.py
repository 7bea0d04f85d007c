"""The widgets' storage helper (docs/assets/javascripts/storage.js) under Node's own test
runner: blocked, full and corrupt storage, which a browser test can make only one way each."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT

HELPER = ROOT / "docs" / "assets" / "javascripts" / "storage.js"
TESTS = Path(__file__).with_name("storage_test.mjs")


def test_storage_helper_in_node(tmp_path: Path) -> None:
    module = tmp_path / "storage.mjs"
    shutil.copyfile(HELPER, module)
    result = subprocess.run(
        ["node", "--test", str(TESTS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "STORAGE_MODULE": str(module)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
    assert "Warning" not in result.stderr + result.stdout
