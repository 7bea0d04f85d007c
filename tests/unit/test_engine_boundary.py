"""The content pipeline does not depend on MkDocs: one adapter module talks to it, so the site
can move to another engine (README, "Stack and its lifetime")."""

from __future__ import annotations

import re

import pytest

from motteruum.widgets import relative_url
from tests.conftest import ROOT

#: The modules of the package that may import MkDocs: the adapter behind hooks/site_hooks.py
#: (the events in plugin.py, what they do with MkDocs' objects in site.py).
ADAPTERS = {"plugin.py", "site.py"}


def test_only_the_adapter_imports_mkdocs() -> None:
    package = ROOT / "hooks" / "motteruum"
    importing = {
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if re.search(r"^\s*(import mkdocs|from mkdocs)", path.read_text("utf-8"), re.MULTILINE)
    }
    assert importing == ADAPTERS


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("", "assets/javascripts/engine-start.js"),
        ("en/", "../assets/javascripts/engine-start.js"),
        ("calculators/nps/", "../../assets/javascripts/engine-start.js"),
        ("en/calculators/nps/", "../../../assets/javascripts/engine-start.js"),
        ("404.html", "assets/javascripts/engine-start.js"),
    ],
)
def test_asset_addresses_from_a_page(page: str, expected: str) -> None:
    assert relative_url("assets/javascripts/engine-start.js", page) == expected
