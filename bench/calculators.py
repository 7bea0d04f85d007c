"""Speed of the in-page calculators, in headless Debian chromium on this machine.

    .venv/bin/python bench/calculators.py [--runs 7] [--cache-control "max-age=600"] [--tasks]

It builds the site into a temporary folder and serves it on 127.0.0.1, then compares the NPS
calculator page with a bare page (bench/bare.html) that only starts the same Pyodide from the
same server in a module worker. For each cache state it prints, per page, the median, p25 and
p75 and every run of:

- navigation → first live result: on the calculator page the moment the worked example is hidden
  because a computed result replaced it; on the bare page the moment the worker's ready message
  arrives (it then hides its own example the same way). The time is taken in the page by a
  MutationObserver, so no polling delay is added;
- navigation → the worker script requested (from Resource Timing);
- the long main-thread tasks (longtask observer, > 50 ms) until that moment, each split with the
  Long Animation Frames API into our scripts, the theme's scripts (Material's bundle and its
  inline scripts), scripts the browser names no source for, and the rest (HTML parsing, style,
  layout, paint, garbage collection); a script's forced style and layout counts as its own.
  --tasks lists every long task of every run with the scripts in it.

The two pages alternate (calculator, bare, bare, calculator, …), each run in a fresh browser
profile: cold is the first visit, warm the second one (via about:blank) with the first visit's
disk cache and code caches. A profile on disk matters: an incognito context keeps no response
larger than a few MB, so Pyodide's 9.6 MB wasm would be fetched and compiled again. Every
response carries the same Cache-Control header (--cache-control; default like common static
hosts), over HTTP/1.1 with keep-alive. Then keystroke → updated result. Load averages before
and after are printed: the figures are only comparable between quiet runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from harness import CHROMIUM, FLAGS, ROOT, STATIC_TYPES, build_site  # bench/harness.py
from playwright.sync_api import Playwright, sync_playwright

SHARED = "calculators/nps/?nps.mode=counts&nps.promoters=80&nps.passives=30&nps.detractors=40"
BARE = "bench/bare.html"
LONG_TASK_MS = 50
TIMEOUT_MS = 60000
# Runs before any script of every page: collects long tasks and long animation frames, and
# resolves window.__bench.done when the first [data-example] element becomes hidden.
OBSERVE = """
(() => {
  const bench = { tasks: [], frames: [] };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      bench.tasks.push({ start: e.startTime, duration: e.duration });
    }
  }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      bench.frames.push({
        start: e.startTime,
        duration: e.duration,
        scripts: e.scripts.map((s) => ({
          url: s.sourceURL,
          invoker: s.invoker,
          type: s.invokerType,
          start: s.startTime,
          duration: s.duration,
          layout: s.forcedStyleAndLayoutDuration,
        })),
      });
    }
  }).observe({ type: "long-animation-frame", buffered: true });
  bench.done = new Promise((resolve, reject) => {
    const hidden = () => document.querySelector("[data-example]")?.hidden;
    new MutationObserver((_, observer) => {
      if (!hidden()) return;
      observer.disconnect();
      resolve(performance.now());
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["hidden"] });
    setTimeout(() => reject(new Error("no live result")), TIMEOUT);
  });
})();
""".replace("TIMEOUT", str(TIMEOUT_MS))
REPORT = """
window.__bench.done.then((done) => {
  const worker = performance
    .getEntriesByType("resource")
    .find((e) => e.name.endsWith("-worker.js"));
  return JSON.stringify({
    done,
    worker: worker ? worker.startTime : null,
    tasks: window.__bench.tasks,
    frames: window.__bench.frames,
  });
})
"""


class Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = STATIC_TYPES
    protocol_version = "HTTP/1.1"  # keep-alive, as static hosts do
    cache_control: ClassVar[str] = ""

    def end_headers(self) -> None:
        if self.cache_control:
            self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Task:
    start: float
    duration: float
    ours: float = 0.0
    theme: float = 0.0
    other: float = 0.0  # scripts without a source address
    scripts: list[str] = field(default_factory=list)

    @property
    def rest(self) -> float:
        return max(0.0, self.duration - self.ours - self.theme - self.other)

    @property
    def cause(self) -> str:
        shares = {"ours": self.ours, "theme": self.theme, "other": self.other, "rest": self.rest}
        return max(shares, key=lambda key: shares[key])

    def describe(self) -> str:
        scripts = "; ".join(self.scripts) or "no script over 5 ms"
        other = f" + unnamed scripts {self.other:3.0f}" if self.other else ""
        return (
            f"at {self.start:5.0f} ms {self.duration:4.0f} ms = ours {self.ours:3.0f}"
            f" + theme {self.theme:3.0f}{other} + parse/style/layout {self.rest:3.0f}"
            f"  [{scripts}]"
        )


@dataclass
class Run:
    done: float
    worker: float | None
    tasks: list[Task]

    @property
    def longest(self) -> float:
        return max((task.duration for task in self.tasks), default=0.0)


def owner(url: str) -> str:
    """Whose script ``url`` is: ours (widgets, engine, bench page), the theme's, or "other"."""
    if not url:
        return "other"
    path = url.split("?")[0]
    name = path.rsplit("/", 1)[-1]
    theme = name.startswith("bundle.") or "/workers/" in path
    if "/assets/javascripts/" in path and not theme:
        return "ours"
    if "/assets/pyodide/" in path or "/bench/" in path:
        return "ours"
    return "theme"  # Material's bundle, its search worker and the inline scripts of its templates


def attribute(raw: dict[str, Any]) -> Run:
    """Each long task with the time of the scripts that ran in it, from long animation frames."""
    tasks = []
    for entry in raw["tasks"]:
        task = Task(entry["start"], entry["duration"])
        end = task.start + task.duration
        for frame in raw["frames"]:
            for script in frame["scripts"]:
                overlap = min(end, script["start"] + script["duration"]) - max(
                    task.start, script["start"]
                )
                if overlap <= 0:
                    continue
                who = owner(script["url"])
                setattr(task, who, getattr(task, who) + overlap)
                name = script["url"].split("?")[0].rsplit("/", 1)[-1] or script["type"]
                invoker = script["invoker"]
                if invoker and invoker != script["url"]:
                    name += f" {invoker[:40]}"
                layout = f", forced style/layout {script['layout']:.0f}" if script["layout"] else ""
                task.scripts.append(f"{who}: {name} {overlap:.0f} ms{layout}")
        tasks.append(task)
    return Run(raw["done"], raw["worker"], tasks)


def build(site: Path) -> None:
    """The site, with the bare Pyodide page beside it in ``bench/``."""
    build_site(site)
    (site / "bench").mkdir()
    for name in ("bare.html", "bare-worker.js"):
        shutil.copy(ROOT / "bench" / name, site / "bench" / name)


def visit(driver: Playwright, url: str, warm: bool) -> Run:
    """One visit to ``url`` in a fresh profile (after a first visit when ``warm``)."""
    with tempfile.TemporaryDirectory() as profile:
        context = driver.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=FLAGS
        )
        context.add_init_script(OBSERVE)
        page = context.pages[0] if context.pages else context.new_page()
        cdp = context.new_cdp_session(page)

        def measure() -> dict[str, Any]:
            page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
            # Runtime.evaluate adds no script to the page (Playwright's polling would).
            answer = cdp.send(
                "Runtime.evaluate",
                {"expression": REPORT, "awaitPromise": True, "returnByValue": True},
            )
            if "exceptionDetails" in answer:
                raise RuntimeError(f"{url}: {answer['exceptionDetails']}")
            result: dict[str, Any] = json.loads(answer["result"]["value"])
            return result

        if warm:
            measure()
            page.goto("about:blank")
        raw = measure()
        context.close()
    return attribute(raw)


def keystrokes(driver: Playwright, url: str, count: int = 20) -> list[float]:
    """Milliseconds from an input event to the score output changing."""
    browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    page = browser.new_page()
    page.goto(url)
    page.wait_for_function("document.querySelector('[data-example]')?.hidden", timeout=TIMEOUT_MS)
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
    browser.close()
    return times


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """p25, median, p75 (inclusive method; the median alone for fewer than two values)."""
    if len(values) < 2:
        return values[0], values[0], values[0]
    p25, p50, p75 = statistics.quantiles(values, n=4, method="inclusive")
    return p25, p50, p75


def figure(label: str, values: Sequence[float]) -> str:
    p25, p50, p75 = quartiles(values)
    each = " ".join(f"{v:.0f}" for v in values)
    return f"  {label:28} median {p50:6.0f}  p25 {p25:6.0f}  p75 {p75:6.0f}   runs: {each}"


def long_tasks(label: str, runs: Sequence[Run], details: bool) -> list[str]:
    tasks = [task for run in runs for task in run.tasks]
    per_run = " ".join(f"{run.longest:.0f}" for run in runs)
    lines = [f"  {label:28} longest per run: {per_run}"]
    for cause, text in (
        ("ours", "our scripts"),
        ("theme", "theme scripts"),
        ("other", "unnamed scripts"),
        ("rest", "parse/style/layout"),
    ):
        mine = [task for task in tasks if task.cause == cause]
        worst = max(mine, key=lambda task: task.duration, default=None)
        if worst is None:
            lines.append(f"    mostly {text:20} none")
        else:
            lines.append(f"    mostly {text:20} {len(mine):2} tasks, longest {worst.describe()}")
    if details:
        for number, run in enumerate(runs, 1):
            for task in run.tasks:
                lines.append(f"      run {number}: {task.describe()}")
    return lines


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--cache-control",
        default="max-age=600",
        help="Cache-Control header of every response ('' for none: heuristic freshness)",
    )
    parser.add_argument("--tasks", action="store_true", help="list every long task of every run")
    args = parser.parse_args()
    Handler.cache_control = args.cache_control
    before = load_average()
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as driver:
        site = Path(folder) / "site"
        build(site)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        for warm in (False, True):
            ours: list[Run] = []
            plain: list[Run] = []
            for number in range(args.runs):
                order: list[tuple[list[Run], str]] = [(ours, SHARED), (plain, BARE)]
                if number % 2:
                    order.reverse()
                for runs, path in order:
                    runs.append(visit(driver, base + path, warm))
            lines += report("warm" if warm else "cold", ours, plain, args.tasks)
        typing = keystrokes(driver, base + SHARED)
        server.shutdown()
    print(f"runs per figure: {args.runs}; Cache-Control: {args.cache_control or '(none)'}")
    print(f"load average before: {before}; after: {load_average()}")
    print("\n".join(lines))
    print(
        f"keystroke → result: median {statistics.median(typing):.1f} ms, "
        f"max {max(typing):.1f} ms over {len(typing)} keystrokes"
    )


def report(cache: str, ours: list[Run], plain: list[Run], details: bool) -> list[str]:
    def values(runs: list[Run], get: Callable[[Run], float | None]) -> list[float]:
        return [value for run in runs if (value := get(run)) is not None]

    ours_ms, bare_ms = values(ours, lambda r: r.done), values(plain, lambda r: r.done)
    overhead = (statistics.median(ours_ms) / statistics.median(bare_ms) - 1) * 100
    ratios = [a / b for a, b in zip(ours_ms, bare_ms, strict=True)]
    p25, p50, p75 = (100 * (r - 1) for r in quartiles(ratios))
    return [
        f"{cache}: navigation → first live result",
        figure("calculator page", ours_ms),
        figure("bare Pyodide page", bare_ms),
        f"  overhead of the medians: {overhead:+.1f} %; "
        f"of paired runs: median {p50:+.1f} %, p25 {p25:+.1f} %, p75 {p75:+.1f} %",
        f"{cache}: navigation → worker script requested",
        figure("calculator page", values(ours, lambda r: r.worker)),
        figure("bare Pyodide page", values(plain, lambda r: r.worker)),
        f"{cache}: main-thread tasks over {LONG_TASK_MS} ms until the first result",
        *long_tasks("calculator page", ours, details),
        *long_tasks("bare Pyodide page", plain, details),
    ]


if __name__ == "__main__":
    main()
