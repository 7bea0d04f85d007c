"""Time to a ready calculator on slow lines, in headless Debian chromium (run by hand, not a test).

    .venv/bin/python bench/slow_network.py [--runs 3] [--rates 2 4 20] [--latency 150]

It builds the site into a temporary folder, serves it on 127.0.0.1 over HTTP/1.1 with
``Cache-Control: max-age=600`` (as common static hosts do), and opens the Estonian NPS
calculator page in a fresh browser profile per run, with Chrome DevTools' network throttling
(``Network.emulateNetworkConditions``: the rate both ways and the latency per request). For
each line it prints the median and every run of the times from navigation to

- the worked example on screen (DOMContentLoaded: it is in the page's markup),
- the progress bar shown (the first bytes of the runtime counted),
- the calculator ready (``data-state="ready"``, with no click),

and checks that each file of the runtime was requested once. Load averages before and after
are printed: the figures are only comparable between quiet runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import threading
from collections import Counter
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from harness import CHROMIUM, FLAGS, STATIC_TYPES, build_site  # bench/harness.py
from playwright.sync_api import Playwright, Request, sync_playwright

PAGE = "calculators/nps/"
TIMEOUT_MS = 300_000
RUNTIME = ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", ".whl", "pyodide.asm.mjs")
# Runs before any script of the page: the times the progress box is first shown and the
# calculator becomes ready, seen by a MutationObserver (no polling delay).
OBSERVE = """
(() => {
  const bench = {};
  window.__slow = bench;
  bench.done = new Promise((resolve, reject) => {
    const check = () => {
      const root = document.querySelector("[data-calculator]");
      if (!root) return;
      const box = root.querySelector("[data-progress]");
      if (box && !box.hidden && bench.progress === undefined) bench.progress = performance.now();
      if (root.dataset.state === "ready" && bench.ready === undefined) {
        bench.ready = performance.now();
        resolve();
      }
      if (root.dataset.state === "error") reject(new Error("the calculator shows an error"));
    };
    new MutationObserver(check).observe(document, {
      subtree: true, attributes: true, attributeFilter: ["data-state", "hidden"],
    });
    setTimeout(() => reject(new Error("not ready in time")), TIMEOUT);
  });
})();
""".replace("TIMEOUT", str(TIMEOUT_MS))
REPORT = """
window.__slow.done.then(() => JSON.stringify({
  example: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
  progress: window.__slow.progress ?? null,
  ready: window.__slow.ready,
}))
"""


class Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = STATIC_TYPES
    protocol_version = "HTTP/1.1"  # keep-alive, as static hosts do

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def visit(
    driver: Playwright, url: str, mbit: float, latency: float
) -> tuple[dict[str, Any], Counter[str]]:
    """One visit to ``url`` in a fresh profile on a ``mbit`` line: its times and requests."""
    requested: Counter[str] = Counter()

    def runtime_file(request: Request) -> None:
        name = request.url.rsplit("/", 1)[-1]
        for file in RUNTIME:
            if name.endswith(file):
                requested[file] += 1

    with tempfile.TemporaryDirectory() as profile:
        context = driver.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=FLAGS
        )
        context.add_init_script(OBSERVE)
        page = context.pages[0] if context.pages else context.new_page()
        page.on("request", runtime_file)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        rate = mbit * 1e6 / 8
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": latency,
                "downloadThroughput": rate,
                "uploadThroughput": rate,
            },
        )
        page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        answer = cdp.send(
            "Runtime.evaluate", {"expression": REPORT, "awaitPromise": True, "returnByValue": True}
        )
        context.close()
    if "exceptionDetails" in answer:
        raise RuntimeError(f"{url} at {mbit} Mbit/s: {answer['exceptionDetails']}")
    times: dict[str, Any] = json.loads(answer["result"]["value"])
    return times, requested


def seconds(label: str, values: list[float]) -> str:
    each = " ".join(f"{value / 1000:.1f}" for value in values)
    return f"    {label:22} median {statistics.median(values) / 1000:5.1f} s   runs: {each}"


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rates", type=float, nargs="+", default=[2, 4, 20], help="Mbit/s")
    parser.add_argument("--latency", type=float, default=150, help="ms per request")
    args = parser.parse_args()
    before = load_average()
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as driver:
        site = Path(folder) / "site"
        build_site(site)
        runtime_bytes = sum(
            path.stat().st_size
            for path in (site / "assets" / "pyodide").iterdir()
            if path.name != "pyodide.mjs"
        )
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/{PAGE}"
        for mbit in args.rates:
            runs = [visit(driver, url, mbit, args.latency) for _ in range(args.runs)]
            once = all(
                set(counts.values()) == {1} and len(counts) == len(RUNTIME) for _, counts in runs
            )
            requests = [dict(counts) for _, counts in runs]
            lines += [
                f"{mbit:g} Mbit/s, {args.latency:g} ms latency:",
                seconds("worked example shown", [times["example"] for times, _ in runs]),
                seconds(
                    "progress bar shown",
                    [times["progress"] for times, _ in runs if times["progress"]],
                ),
                seconds("calculator ready", [times["ready"] for times, _ in runs]),
                f"    each runtime file requested once: {'yes' if once else requests}",
            ]
        server.shutdown()
    print(f"page: {PAGE}; runs per line: {args.runs}; fresh profile per run")
    print(f"runtime served: {runtime_bytes / 1e6:.1f} MB (Pyodide's core files and our wheel)")
    print(f"load average before: {before}; after: {load_average()}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
