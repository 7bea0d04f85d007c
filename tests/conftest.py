"""Shared fixtures: the project's paths, small glossaries in temporary folders, a built site."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from bench.harness import STATIC_TYPES

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["et", "en"]


def _public_url() -> str:
    """The site's public address: the default of ``site_url`` in mkdocs.yml."""
    loader = type("_Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda load, node: load.construct_sequence(node)[-1])
    loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda load, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), loader)
    return str(config["site_url"])


#: Where a default build says the site lives.
PUBLIC_URL = _public_url()

VALID_TERM = """\
category: measurement
related: []
sources:
  - author: A. Author
    year: 2020
    title: A title
et:
  term: {et}
  definition: Eestikeelne definitsioon.
en:
  term: {en}
  definition: An English definition.
"""


def term_yaml(et: str = "soovitusindeks", en: str = "Net Promoter Score", **extra: str) -> str:
    """A valid term file, optionally with top-level lines appended or replaced."""
    text = VALID_TERM.format(et=et, en=en)
    for key, value in extra.items():
        text = text.replace(f"{key}: []\n", "").rstrip("\n") + f"\n{key}: {value}\n"
    return text


GlossaryFactory = Callable[[dict[str, str]], Path]


@pytest.fixture
def make_glossary(tmp_path: Path) -> GlossaryFactory:
    """Write ``{file name: YAML}`` into a fresh ``glossary/terms`` (with the real categories)."""

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "glossary"
        (root / "terms").mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "glossary" / "categories.yml", root / "categories.yml")
        for name, text in files.items():
            (root / "terms" / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return make


def mkdocs(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real ``mkdocs`` command line of this environment (``env``: more variables)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", **(env or {})},
        check=False,
    )


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("terms"))
    shutil.copytree(ROOT / "glossary", project / "glossary")
    (project / "hooks").mkdir()
    shutil.copy(ROOT / "hooks" / "site_hooks.py", project / "hooks")
    shutil.copytree(ROOT / "hooks" / "theme", project / "hooks" / "theme")
    shutil.copy(ROOT / "mkdocs.yml", project)
    return project


@pytest.fixture(scope="session")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from a copy of the project where `nps` was once called `net-promoter`."""
    tmp_path = tmp_path_factory.mktemp("renamed")
    project = copy_project(tmp_path)
    # The build publishes Pyodide from node_modules/pyodide; the rest (test tools) is not needed.
    shutil.copytree(ROOT / "node_modules" / "pyodide", project / "node_modules" / "pyodide")
    shutil.copytree(ROOT / "calculators", project / "calculators")
    nps = project / "glossary" / "terms" / "nps.yml"
    nps.write_text(nps.read_text().replace("category:", "former_ids: [net-promoter]\ncategory:", 1))
    result = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's site, built once per test session with ``mkdocs build --strict``."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs("build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves a built site as a static host does: the types hosts send for WebAssembly and
    modules, and for a missing address the ``404.html`` of its language's part of the site
    (``/en/…`` → ``/en/404.html``, else ``/404.html``), as README's host setup says."""

    extensions_map: ClassVar[dict[str, str]] = STATIC_TYPES
    #: Headers sent with every response (a host's configuration), e.g. a security policy.
    extra_headers: ClassVar[dict[str, str]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        root = Path(self.directory)
        parts = self.path.split("?")[0].split("#")[0].strip("/").split("/")
        for depth in range(len(parts) - 1, -1, -1):
            candidate = root.joinpath(*parts[:depth], "404.html")
            if candidate.is_file():
                return candidate
        return None


class _Server(ThreadingHTTPServer):
    """A static server that lets a browser drop connections (leaving a page) without a trace."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(folder: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve ``folder`` over HTTP on a free loopback port, as a static host would, sending
    ``headers`` with every response."""
    handler_class = type("_Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    handler = partial(handler_class, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site, served."""
    yield from serve(built_site)


# --- every test layer runs ---------------------------------------------------------------

#: Collected and passed tests per layer (the folder under ``tests/``), for the summary.
_LAYERS: dict[str, dict[str, int]] = {}


def _layer(nodeid: str) -> str:
    parts = nodeid.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "tests" else ""


def _layer_folders() -> list[str]:
    """Folders under ``tests/`` that hold test modules: each one is a layer that must run."""
    here = Path(__file__).parent
    return sorted(p.name for p in here.iterdir() if p.is_dir() and any(p.glob("test_*.py")))


def pytest_collection_finish(session: pytest.Session) -> None:
    for item in session.items:
        _LAYERS.setdefault(_layer(item.nodeid), {"collected": 0, "passed": 0})["collected"] += 1
    # A whole-suite run (no paths or -k/-m selection) must collect every layer: a folder that
    # pytest silently skips (``norecursedirs`` skips folders named ``build``) fails the run.
    config = session.config
    if config.args != config.getini("testpaths") or config.option.keyword or config.option.markexpr:
        return
    missing = [name for name in _layer_folders() if not _LAYERS.get(name, {}).get("collected")]
    if missing:
        raise pytest.UsageError(f"no test collected from tests/{', tests/'.join(missing)}")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed:
        _LAYERS.setdefault(_layer(report.nodeid), {"collected": 0, "passed": 0})["passed"] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _LAYERS:
        return
    terminalreporter.section("tests per layer")
    for name, counts in sorted(_LAYERS.items()):
        terminalreporter.write_line(
            f"tests/{name or '.'}: {counts['collected']} collected, {counts['passed']} passed"
        )
