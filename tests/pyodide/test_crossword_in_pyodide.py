"""The crossword generator inside real Pyodide lays out the page's entries as CPython does."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from motteruum.crossword.browser import new_puzzle
from motteruum.crossword_view import CrosswordView, embedded
from motteruum.loader import load_glossary
from motteruum.runtime import ASSET_DIR, publish
from tests.conftest import LANGUAGES, ROOT

NPM_PYODIDE = ROOT / "node_modules" / "pyodide"


def test_new_puzzle_in_pyodide_equals_cpython(tmp_path: Path) -> None:
    calculators = {p.name.split(".")[0] for p in (ROOT / "docs" / "calculators").glob("*.md")}
    glossary = load_glossary(ROOT / "glossary", LANGUAGES, calculators=calculators - {"index"})
    page = embedded(CrosswordView("glossary", "et", "et", glossary).render())
    form = {"entries": page["entries"], "seed": 987654321, "avoid": page["id"]}
    (tmp_path / "form.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    publish(tmp_path, NPM_PYODIDE, ROOT / "calculators")
    result = subprocess.run(
        [
            "node",
            str(Path(__file__).with_name("run_crossword.mjs")),
            str(NPM_PYODIDE),
            str(tmp_path / ASSET_DIR / "pyodide-lock.json"),
            str(tmp_path / "form.json"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["module"] == "/lib/python3.14/site-packages/motteruum/crossword/browser.py"
    answer = report["answer"]
    assert answer["ok"] is True
    assert answer == new_puzzle("et", form)
    assert answer["puzzle"]["id"] != page["id"]
