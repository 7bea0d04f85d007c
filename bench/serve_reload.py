"""Time from saving a term's YAML to the changed page being served by ``mkdocs serve``.

    .venv/bin/python bench/serve_reload.py [--terms 80 1000] [--saves 5]

For each size a synthetic glossary (see ``bench/scale.py``) is served with ``mkdocs serve
--strict``, as ``make serve`` does. After the first build, the English definition of ``nps`` is
changed and saved ``--saves`` times; each time the script polls the English term page until the
new text is served. Printed: the median and the slowest save-to-served time, and how many builds
the server ran per save (one is right: the pages the build writes must not wake it again).
Run it by hand; it is never part of the tests.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import ENV, project_copy


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float) -> float:
    """Seconds until ``url`` serves a page containing ``text``."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {limit} s")


def measure(size: int, saves: int) -> None:
    with tempfile.TemporaryDirectory(prefix="motteruum-serve-") as tmp:
        project = project_copy(Path(tmp), size)
        port = free_port()
        log = Path(tmp) / "serve.log"
        with log.open("w") as output:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "serve",
                    "--strict",
                    "--dev-addr",
                    f"127.0.0.1:{port}",
                ],
                cwd=project,
                env=ENV,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
            try:
                page = f"http://127.0.0.1:{port}/en/terms/nps/"
                first = wait_for(page, "</html>", 900)
                source = project / "glossary" / "terms" / "nps.yml"
                original = source.read_text(encoding="utf-8")
                assert original.count("  definition: |\n") == 2
                times = []
                builds_before = log.read_text().count("Building documentation")
                for n in range(saves):
                    marker = f"Revision{n}x{size}"
                    changed = original.replace(
                        "  definition: |\n", f"  definition: |\n    {marker}.\n", 2
                    )
                    time.sleep(1.0)  # a quiet server, as after an author's pause
                    source.write_text(changed, encoding="utf-8")
                    times.append(wait_for(page, marker, 600))
                time.sleep(3.0)  # a second build, if one was started, shows in the log by now
                builds = log.read_text().count("Building documentation") - builds_before
            finally:
                server.terminate()
                server.wait(timeout=30)
        print(
            f"{size:>6} terms: first build served after {first:.1f} s; save → page served: "
            f"median {statistics.median(times):.2f} s, slowest {max(times):.2f} s; "
            f"{builds / saves:.1f} builds per save",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[80, 1000])
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()
    for size in args.terms:
        measure(size, args.saves)


if __name__ == "__main__":
    main()
