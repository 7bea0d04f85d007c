"""Lighthouse scores of a term page and a calculator page, in both languages, on this machine.

Prints the median performance, accessibility, best-practices and SEO scores (0–100) of each page
with Lighthouse's mobile default and with `--preset=desktop`, the median metrics behind the
performance score, then every audit that failed in any run, per category, with its id and
title, every request the server answered with an error and any request that left the site.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--reports DIR] [--no-gzip] [PATH ...]

It builds the site into a temporary folder, serves it on 127.0.0.1 as static hosts do (text
gzipped; `--no-gzip` serves it as it is on disk) and runs the pinned
`node_modules/.bin/lighthouse` against Debian's chromium, offline. Performance figures depend on
the machine's load: the load averages are printed before and after.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shlex
import statistics
import subprocess
import tempfile
import threading
from collections import defaultdict
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from harness import CHROMIUM, FLAGS, ROOT, STATIC_TYPES, build_site  # bench/harness.py

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["terms/nps/", "en/terms/nps/", "calculators/nps/", "en/calculators/nps/"]
PRESETS = ["mobile", "desktop"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "speed-index": "SI ms",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
}
# Lighthouse's own report counts an audit as passed from 0.9 on.
PASS = 0.9
COMPRESSED = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/json",
    "application/xml",
    "text/xml",
    "image/svg+xml",
    "text/plain",
    "application/wasm",
}


class Handler(SimpleHTTPRequestHandler):
    """Serves the built site as a static host does: the types it sends for modules and
    WebAssembly, gzip for text when the browser asks for it; remembers every error answer."""

    extensions_map: ClassVar[dict[str, str]] = STATIC_TYPES
    compress = True
    errors: ClassVar[set[tuple[int, str]]] = set()
    packed: ClassVar[dict[Path, bytes]] = {}

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wanted and path.is_file() and kind in COMPRESSED):
            super().do_GET()  # also the redirect from a folder's address without its slash
            return
        if path not in self.packed:
            self.packed[path] = gzip.compress(path.read_bytes(), mtime=0)
        body = self.packed[path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if isinstance(code, int) and code >= 400:
            self.errors.add((code, self.path))

    def log_message(self, format: str, *args: object) -> None:
        pass


def lighthouse_command(url: str, preset: str, report: str = "REPORT.json") -> list[str]:
    command = [
        str(LIGHTHOUSE.relative_to(ROOT)),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--no-enable-error-reporting",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(FLAGS)}",
    ]
    if preset != "mobile":
        command.append(f"--preset={preset}")
    return command


def lighthouse(url: str, preset: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run; returns its JSON report."""
    command = lighthouse_command(url, preset, str(report))
    command[0] = str(LIGHTHOUSE)
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, check=True, env=env, cwd=report.parent)
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return result


def failing(result: dict[str, Any]) -> dict[str, list[tuple[str, str, bool]]]:
    """Per category, the audits below the pass mark: id, title and whether it is weighed in
    the category's score (most performance audits only explain the metrics)."""
    audits = result["audits"]
    found: dict[str, list[tuple[str, str, bool]]] = {}
    for name, category in result["categories"].items():
        rows = []
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if audit["scoreDisplayMode"] in ("notApplicable", "manual", "informative", "error"):
                continue
            if audit["score"] is not None and audit["score"] < PASS:
                rows.append((audit["id"], audit["title"], ref["weight"] > 0))
        found[name] = rows
    return found


def outside(result: dict[str, Any]) -> list[str]:
    """Requests of the page that went anywhere but the local server."""
    items = result["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    return [
        item["url"]
        for item in items
        if urlsplit(item["url"]).hostname != "127.0.0.1" and not item["url"].startswith("data:")
    ]


def load() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` prints them."""
    return ", ".join(Path("/proc/loadavg").read_text().split()[:3])


def label(page: str, preset: str) -> str:
    return f"{page} {preset}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reports", type=Path, help="keep every JSON report in this folder")
    parser.add_argument("--no-gzip", action="store_true", help="serve every file uncompressed")
    parser.add_argument("pages", nargs="*", default=PAGES, help="site paths (default: %(default)s)")
    args = parser.parse_args()
    Handler.compress = not args.no_gzip
    version = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    scores: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    metrics: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    # category → audit id → (title, weighed) and the runs of each page that failed it
    titles: dict[str, dict[str, tuple[str, bool]]] = defaultdict(dict)
    fails: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    left: set[str] = set()
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_site(site)
        reports = args.reports or Path(folder) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        load_before = load()
        for run in range(args.runs):
            for page in args.pages:
                for preset in PRESETS:
                    name = f"{page.strip('/').replace('/', '_') or 'home'}.{preset}.{run + 1}.json"
                    result = lighthouse(base + page, preset, reports / name)
                    for category in CATEGORIES:
                        score = result["categories"][category]["score"]
                        scores[label(page, preset)][category].append(
                            float("nan") if score is None else score * 100
                        )
                    for metric in METRICS:
                        value = result["audits"][metric]["numericValue"]
                        metrics[label(page, preset)][metric].append(value)
                    for category, rows in failing(result).items():
                        for audit_id, title, weighed in rows:
                            titles[category][audit_id] = (title, weighed)
                            fails[category, audit_id][label(page, preset)] += 1
                    left.update(outside(result))
        load_after = load()
        server.shutdown()
        server.server_close()
    served = "uncompressed" if args.no_gzip else "gzip for text"
    print(f"Lighthouse {version}, {CHROMIUM}, {args.runs} runs per page and preset, {served}")
    print(f"load averages (1, 5, 15 min): before {load_before}; after {load_after}")
    command = shlex.join(lighthouse_command("URL", "mobile"))
    print(f"each run: CHROME_PATH={CHROMIUM} {command} [--preset=desktop]")
    print()
    print(f"median score  {'page and preset':30}" + "".join(f" {c:>14}" for c in CATEGORIES))
    for name, by_category in scores.items():
        cells = "".join(f" {statistics.median(by_category[c]):14.0f}" for c in CATEGORIES)
        print(f"              {name:30}{cells}")
    print()
    print(f"median metric {'page and preset':30}" + "".join(f" {m:>8}" for m in METRICS.values()))
    for name, by_metric in metrics.items():
        values = [statistics.median(by_metric[m]) for m in METRICS]
        cells = "".join(f" {v:8.0f}" for v in values[:-1]) + f" {values[-1]:8.3f}"
        print(f"              {name:30}{cells}")
    for category in CATEGORIES:
        print()
        print(f"{category}: audits below {PASS * 100:.0f} (* weighed in the score), failed runs")
        if not titles[category]:
            print("  none")
        for audit_id, (title, weighed) in sorted(titles[category].items(), key=lambda i: i[0]):
            print(f"  {'*' if weighed else ' '} {audit_id}: {title}")
            where = fails[category, audit_id]
            print(
                "      " + ", ".join(f"{name} {count}/{args.runs}" for name, count in where.items())
            )
    if Handler.errors:
        print()
        print("server answered with errors:")
        for code, path in sorted(Handler.errors):
            print(f"  {code} {path}")
    if left:
        print()
        print("requests that left the site:")
        for url in sorted(left):
            print(f"  {url}")


if __name__ == "__main__":
    main()
