"""A hostile glossary file stops the real build quickly, with its location and no traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import copy_project, mkdocs

pytestmark = pytest.mark.build

#: Nine levels of nine aliases: 9**9 strings once expanded (gigabytes for PyYAML).
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_alias_bomb_stops_the_build_quickly_with_its_location(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    nps = project / "glossary" / "terms" / "nps.yml"
    text = nps.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    nps.write_text(text + ALIAS_BOMB, encoding="utf-8")
    site = tmp_path / "site"
    started = time.perf_counter()
    result = mkdocs("build", "--strict", "--site-dir", str(site), cwd=project)
    seconds = time.perf_counter() - started
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert (
        f"glossary/terms/nps.yml:{line}:4: YAML anchor '&a' is not allowed in a glossary file: "
        "write the value out in full wherever it is needed"
    ) in result.stderr
    assert not (site / "index.html").exists()
    assert seconds < 20, f"the build took {seconds:.1f} s to refuse the file"
