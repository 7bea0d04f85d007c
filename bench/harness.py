"""What the browser tests and the benchmarks share: the browser, and the site built and served.

The browser is Debian's chromium, headless, with the flags that work on these machines: no
sandbox and no GPU in the container, and nothing that reaches out to the network by itself
(QUIC, component updates, sync).
"""

from __future__ import annotations

import subprocess
import sys
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The types a static host sends for modules, WebAssembly and JSON (Pyodide needs the first two).
STATIC_TYPES = {
    **SimpleHTTPRequestHandler.extensions_map,
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
}


def build_site(site: Path) -> None:
    """Build the project's site into ``site`` with the real ``mkdocs build --strict``."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
