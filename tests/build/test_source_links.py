"""Every term and framework page links to its YAML file on the repository host and says when
that file last changed, from git: the commit's date, never the build's; nothing outside git."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, copy_project, mkdocs

pytestmark = pytest.mark.build

REPO = "https://git.example.org/kliendikesksus/motteruum"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def git(project: Path, *args: str, date: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Author",
        "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": "Author",
        "GIT_COMMITTER_EMAIL": "author@example.org",
        "GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00",
    }
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_edit_links_and_dates_from_the_commits(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    (project / "calculators").symlink_to(ROOT / "calculators")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8") + f"repo_url: {REPO}\nedit_uri: edit/main/docs/\n", "utf-8"
    )
    git(project, "init", "-q", date="2026-01-01")
    git(project, "add", ".", date="2026-01-01")
    git(project, "commit", "-qm", "first", date="2026-03-04")
    nps = project / "glossary" / "terms" / "nps.yml"
    nps.write_text(nps.read_text("utf-8").replace("Lojaalsust", "Lojaalsust", 1) + "\n", "utf-8")
    git(project, "commit", "-qam", "nps", date="2026-05-06")
    site = tmp_path / "site"
    result = mkdocs("build", "--strict", "--site-dir", str(site), cwd=project)
    assert result.returncode == 0, result.stderr

    for prefix, edit in (("", "Muuda seda terminit"), ("en/", "Edit this term")):
        footer = page(site, f"{prefix}terms/nps").select_one(".mr-source-file")
        assert footer is not None
        assert footer.select_one("time")["datetime"] == "2026-05-06"
        link = footer.select_one("a")
        assert link.get_text() == edit
        assert link["href"] == f"{REPO}/edit/main/glossary/terms/nps.yml"
        other = page(site, f"{prefix}terms/csat").select_one(".mr-source-file time")
        assert other["datetime"] == "2026-03-04"
    framework = page(site, "en/frameworks/competencies").select_one(".mr-source-file")
    assert framework.select_one("time")["datetime"] == "2026-03-04"
    assert framework.select_one("a")["href"] == (
        f"{REPO}/edit/main/glossary/frameworks/competencies.yml"
    )
    assert framework.select_one("a").get_text() == "Edit this model"


def test_outside_git_and_without_a_repository_pages_say_nothing(renamed_site: Path) -> None:
    for path in ("terms/nps", "en/terms/nps", "en/frameworks/competencies"):
        assert page(renamed_site, path).select(".mr-source-file") == []


def test_the_real_site_dates_its_pages_by_their_last_commit(built_site: Path) -> None:
    date = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "glossary/terms/nps.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    footer = page(built_site, "terms/nps").select_one(".mr-source-file")
    assert footer is not None and footer.select_one("time")["datetime"] == date
    assert footer.select("a") == []  # mkdocs.yml names no repository yet
