"""Speed of the in-page calculators, in headless Debian chromium on this machine.

Prints medians of: navigation → first live result (cold: empty cache; warm: cached), next to a
bare page that only starts the same Pyodide in a module worker (the ratio is our overhead);
keystroke → updated result; and the longest main-thread task while the engine loads.

    .venv/bin/python bench/calculators.py [--runs 7]

It builds the site into a temporary folder and serves it on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
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
SHARED = "calculators/nps/?nps.mode=counts&nps.promoters=80&nps.passives=30&nps.detractors=40"
OBSERVE = """
window.__longest = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__longest = Math.max(window.__longest, entry.duration);
  }
}).observe({ type: "longtask", buffered: true });
"""


class Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


def build(site: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    (site / "bench").mkdir()
    for name in ("bare.html", "bare-worker.js"):
        shutil.copy(ROOT / "bench" / name, site / "bench" / name)


def first_result(browser: Browser, url: str, warm: bool) -> tuple[float, float]:
    """Milliseconds from navigation to the first live result, and the longest task."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(OBSERVE)
    if warm:
        page.goto(url)
        page.wait_for_function("document.querySelector('[data-example]')?.hidden", timeout=60000)
    page.goto(url)
    page.wait_for_function("document.querySelector('[data-example]')?.hidden", timeout=60000)
    elapsed = page.evaluate("performance.now()")
    longest = page.evaluate("window.__longest")
    context.close()
    return elapsed, longest


def bare(browser: Browser, url: str, warm: bool) -> float:
    context = browser.new_context()
    page = context.new_page()
    if warm:
        page.goto(url)
        page.wait_for_function("window.__ready", timeout=60000)
    page.goto(url)
    page.wait_for_function("window.__ready", timeout=60000)
    ready: float = page.evaluate("window.__ready")
    context.close()
    return ready


def keystrokes(browser: Browser, url: str, count: int = 20) -> list[float]:
    """Milliseconds from an input event to the score output changing."""
    page = browser.new_page()
    page.goto(url)
    page.wait_for_function("document.querySelector('[data-example]')?.hidden", timeout=60000)
    page.evaluate("""() => {
      const score = document.querySelector('[data-output=score]');
      const field = document.querySelector('input[name=promoters]');
      window.__times = [];
      field.addEventListener('input', () => { window.__start = performance.now(); });
      new MutationObserver(() => window.__times.push(performance.now() - window.__start))
        .observe(score, { childList: true, characterData: true, subtree: true });
    }""")
    field = page.locator("input[name=promoters]")
    for i in range(count):
        field.fill(str(81 + i))
        page.wait_for_function(f"window.__times.length >= {i + 1}")
    times: list[float] = page.evaluate("window.__times")
    page.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as driver:
        site = Path(folder) / "site"
        build(site)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        rows = []
        for warm in (False, True):
            ours = [first_result(browser, base + SHARED, warm) for _ in range(args.runs)]
            plain = [bare(browser, base + "bench/bare.html", warm) for _ in range(args.runs)]
            ours_ms = statistics.median(t for t, _ in ours)
            bare_ms = statistics.median(plain)
            longest = max(longest for _, longest in ours)
            rows.append(("warm" if warm else "cold", ours_ms, bare_ms, longest))
        typing = keystrokes(browser, base + SHARED)
        browser.close()
        server.shutdown()
    print(f"runs per figure: {args.runs}")
    header = ("cache", "calculator ms", "bare Pyodide ms", "overhead", "longest task ms")
    print(f"{header[0]:6} {header[1]:>14} {header[2]:>16} {header[3]:>9} {header[4]:>16}")
    for cache, ours_ms, bare_ms, longest in rows:
        overhead = (ours_ms / bare_ms - 1) * 100
        print(f"{cache:6} {ours_ms:14.0f} {bare_ms:16.0f} {overhead:8.1f}% {longest:16.0f}")
    print(
        f"keystroke → result: median {statistics.median(typing):.1f} ms, "
        f"max {max(typing):.1f} ms over {len(typing)} keystrokes"
    )


if __name__ == "__main__":
    main()
