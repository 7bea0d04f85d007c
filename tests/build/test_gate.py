"""The gate: what `motteruum check` refuses, the build refuses with the same words; a build that
fails leaves the previous site as it was; names reach the head and the navigation as written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import ROOT, copy_project, mkdocs

pytestmark = pytest.mark.build

HOSTILE_LINES = [
    '<img src="data:," hidden onerror=alert(1)> <details ontoggle=alert(1)>x</details>',
    "[click](javascript:alert(1)) [rahulolu](csat.md#puudub)",
    "<!-- calculator: nps -->",
]


def runnable(tmp_path: Path) -> Path:
    """A copy of the project that can be built completely (runtime and calculators linked)."""
    project = copy_project(tmp_path)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    (project / "calculators").symlink_to(ROOT / "calculators")
    return project


def previous_site(folder: Path) -> Path:
    """A site folder as an earlier build left it."""
    folder.mkdir()
    (folder / "index.html").write_text("previous", encoding="utf-8")
    return folder


def assert_untouched(site: Path) -> None:
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
    assert [
        p.name for p in site.parent.iterdir() if ".building-" in p.name or ".old-" in p.name
    ] == []


def check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "motteruum.cli", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_and_build_refuse_hostile_text_alike(tmp_path: Path) -> None:
    project = runnable(tmp_path)
    nps = project / "glossary" / "terms" / "nps.yml"
    text = nps.read_text(encoding="utf-8")
    start = text.index("en:\n")
    at = text.index("  definition: |\n", start) + len("  definition: |\n")
    nps.write_text(text[:at] + "".join(f"    {line}\n" for line in HOSTILE_LINES) + text[at:])
    first = text[:at].count("\n") + 1  # the line of the first hostile line

    def at(index: int, needle: str) -> str:
        """``path:line:column`` of ``needle`` in the ``index``-th hostile line (indented by 4)."""
        return f"glossary/terms/nps.yml:{first + index}:{HOSTILE_LINES[index].index(needle) + 5}"

    checked = check(project)
    assert checked.returncode == 1
    reported = checked.stdout.splitlines()
    assert reported == [
        f"{at(0, '<img')}: en.definition: raw HTML <img> is not allowed",
        f"{at(0, 'ontoggle')}: en.definition: the attribute 'ontoggle' on <details> is not allowed",
        f"{at(1, 'javascript:')}: en.definition: the link 'javascript:alert(1)' is not allowed: "
        "use an http, https or mailto address or a link to a page of the site",
        f"{at(1, 'csat.md')}: en.definition: the link 'csat.md#puudub' names an anchor that "
        "terms/csat.md does not have (#puudub)",
        f"{at(2, '<!--')}: en.definition: widget markers work only in pages under docs/, not in "
        "glossary text",
    ]

    site = previous_site(tmp_path / "out")
    built = mkdocs("build", "--strict", "--site-dir", str(site), cwd=project)
    output = built.stdout + built.stderr
    assert built.returncode != 0
    assert "Traceback" not in output
    for line in reported:
        assert f"  {line}\n" in output
    assert_untouched(site)


def test_a_failure_in_the_second_language_leaves_the_previous_site(tmp_path: Path) -> None:
    project = runnable(tmp_path)
    page = project / "docs" / "index.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](nowhere.md)\n", "utf-8")
    site = previous_site(tmp_path / "out")
    built = mkdocs("build", "--strict", "--site-dir", str(site), cwd=project)
    assert built.returncode != 0
    assert "'nowhere.md'" in built.stderr
    assert_untouched(site)


def test_a_page_that_is_not_utf8_is_a_located_problem(tmp_path: Path) -> None:
    project = runnable(tmp_path)
    page = project / "docs" / "crossword" / "index.en.md"
    page.write_bytes(page.read_bytes() + "\nÕun ja ämber\n".encode("cp1257"))
    line = page.read_bytes().count(b"\n")
    expected = f"docs/crossword/index.en.md:{line}:1: the page is not valid UTF-8 text (byte 0xd5)"
    checked = check(project)
    assert checked.returncode == 1 and expected in checked.stdout
    site = previous_site(tmp_path / "out")
    built = mkdocs("build", "--strict", "--site-dir", str(site), cwd=project)
    assert built.returncode != 0
    assert expected in built.stderr and "Traceback" not in built.stderr
    assert_untouched(site)


NAME = 'Net </title><script>alert(1)</script> "Promoter\'s" Score & <b>co</b>'
SECTION = 'What\'s a "competence"?'


def test_names_reach_the_head_navigation_and_contents_as_written(tmp_path: Path) -> None:
    project = runnable(tmp_path)
    nps = project / "glossary" / "terms" / "nps.yml"
    quoted = NAME.replace("'", "''")
    nps.write_text(
        nps.read_text("utf-8").replace("  term: Net Promoter Score\n", f"  term: '{quoted}'\n", 1)
    )
    competencies = project / "glossary" / "frameworks" / "competencies.yml"
    text = competencies.read_text("utf-8")
    data = yaml.safe_load(text)
    section, title = data["sections"][0]["en"]["title"], data["en"]["title"]
    assert f"      title: {section}\n" in text and f"  title: {title}\n" in text
    competencies.write_text(
        text.replace(
            f"      title: {section}\n", "      title: '" + SECTION.replace("'", "''") + "'\n"
        ).replace(f"  title: {title}\n", f"  title: '{quoted}'\n", 1)
    )
    site = tmp_path / "out"
    built = mkdocs("build", "--strict", "--site-dir", str(site), cwd=project)
    assert built.returncode == 0, built.stderr

    def soup(path: str) -> BeautifulSoup:
        return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")

    term = soup("en/terms/nps")
    assert term.title is not None and term.title.get_text() == f"{NAME} - Ühine mõtteruum"
    executable = [s for s in term.select("script") if s.get("type") != "application/ld+json"]
    assert [s for s in executable if "alert" in (s.string or "")] == []
    (data,) = term.select('script[type="application/ld+json"]')
    assert json.loads(data.string)["name"] == NAME
    assert term.select_one("h1").get_text().rstrip("¶") == NAME

    framework = soup("en/frameworks/competencies")
    assert framework.title.get_text() == f"{NAME} - Ühine mõtteruum"
    active = framework.select_one(".md-nav__link--active")
    assert active is not None and " ".join(active.get_text().split()) == " ".join(NAME.split())
    toc = [" ".join(a.get_text().split()) for a in framework.select(".md-nav--secondary a")]
    assert SECTION in toc
    for path in ("en/frameworks/competencies", "en/terms/nps", "en/frameworks"):
        html = (site / path / "index.html").read_text("utf-8")
        assert "&amp;#39;" not in html and "&amp;#34;" not in html
