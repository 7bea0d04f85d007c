"""The GitHub workflows and the pre-commit hook: actionlint accepts the workflows, and they run
the commands README.md documents, not commands of their own."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
#: actionlint, installed into the environment with the test dependencies (pyproject.toml).
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def workflow(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return data


def triggers(data: dict[Any, Any]) -> Any:
    """The ``on:`` of a workflow (YAML 1.1 reads the bare key ``on`` as true)."""
    return data.get("on", data.get(True))


def steps(data: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def runs(data: dict[Any, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(data))


def make_targets(script: str) -> set[str]:
    """The targets of every ``make`` command line of a script or a document."""
    found: set[str] = set()
    for line in script.splitlines():
        match = re.match(r"^\s*(?:[A-Z_]+=\S+\s+)*make\s+([^#&|;]*)", line)
        if match:
            found.update(word for word in match[1].split() if "=" not in word)
    return found


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("$(VENV)", ".venv")
    return set(re.findall(r"^([\w./-]+):(?!=)", text, re.M))


def readme_targets() -> set[str]:
    """The ``make`` commands README.md tells people to run, from its code blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S)
    return make_targets("\n".join(blocks))


def test_actionlint_accepts_the_workflows() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["deploy.yml", "pull-request.yml"]
    assert ACTIONLINT.exists(), f"{ACTIONLINT} is missing: install the test dependencies"
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", *(str(f.relative_to(ROOT)) for f in files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflows_run_the_documented_make_targets() -> None:
    documented = readme_targets()
    assert {"serve", "test", "build"} <= documented
    pull_request = make_targets(runs(workflow("pull-request.yml")))
    deploy = make_targets(runs(workflow("deploy.yml")))
    # The pull request runs what README says a change must pass, and builds what is deployed.
    assert {"test", "build"} <= pull_request
    assert "build" in deploy
    # Nothing else but the install steps those targets start with (so that they are cached).
    install = {".venv/.installed", "node_modules/.installed"}
    assert pull_request <= documented | install
    assert deploy <= documented | install
    assert (pull_request | deploy) <= makefile_targets()
    # CI on this machine runs .ci/run, which is the same `make test`.
    assert "exec make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_pull_request_workflow() -> None:
    data = workflow("pull-request.yml")
    assert "pull_request" in triggers(data)
    script = runs(data)
    assert ".venv/bin/motteruum check --format github" in script
    assert '.venv/bin/motteruum changes "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"' in script
    uses = {step["uses"].split("@")[0]: step for step in steps(data) if "uses" in step}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert uses["actions/setup-node"]["with"]["cache-dependency-path"] == "package-lock.json"
    key = uses["actions/cache"]["with"]["key"]
    assert "hashFiles('requirements.lock', 'pyproject.toml')" in key
    assert uses["actions/upload-artifact"]["with"]["path"] == "site/"


def test_the_deploy_workflow() -> None:
    data = workflow("deploy.yml")
    assert triggers(data)["push"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert data["concurrency"]["group"] == "pages"
    used = [step["uses"].split("@")[0] for step in steps(data) if "uses" in step]
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert f"actions/{action}" in used
    # The site is built for the address in mkdocs.yml: no SITE_URL of the workflow's own.
    assert "SITE_URL" not in (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")


def test_every_action_is_pinned_to_a_major_version() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for step in steps(workflow(path.name)):
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w-]+@v\d+", step["uses"]), (path.name, step)


def test_the_pre_commit_hook_runs_the_check() -> None:
    """The structure pre-commit expects of a local hook, on the files the check reads."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert set(hook) <= {"id", "name", "entry", "language", "files", "pass_filenames"}
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    assert hook["entry"] == ".venv/bin/motteruum check"
    files = re.compile(hook["files"])
    assert files.search("glossary/terms/nps.yml")
    assert files.search("docs/index.et.md")
    assert not files.search("hooks/motteruum/cli.py")
    # The entry is a command of the environment `make` creates, run from the project folder.
    script = ROOT / hook["entry"].split()[0]
    if not script.exists():
        pytest.skip(f"{script} is not installed here")
    result = subprocess.run(
        [str(script), *hook["entry"].split()[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
