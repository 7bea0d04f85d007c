"""Speed of the survey workbench: 100 000 responses read and analysed.

    .venv/bin/python bench/survey.py [--rows 100000] [--pyodide] [--browser]

In CPython it times reading the CSV (and the same rows as an .xlsx workbook) and analysing
them by segment and month, and reports the peak memory of each step (tracemalloc, which
slows the step it watches, so the times are measured in a separate run without it). With
``--pyodide`` it times the same inside Pyodide under Node (the page's engine without the
page). With ``--browser`` it also builds the site, opens the survey page in Debian's chromium
and times, from the engine being ready, the first result of the same CSV chosen in the file
input.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.survey_data import LANGUAGES, rows, to_csv, to_xlsx
from calculators.survey.api import call, forget


def _timed(work: Callable[[], object], repeat: int) -> tuple[float, object]:
    times = []
    result: object = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _peak(work: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def _analyse_form(token: str) -> dict[str, object]:
    return {
        "token": token,
        "metric": "nps",
        "score-column": "4",
        "segment-column": "2",
        "date-column": "1",
        "period": "month",
    }


def pyodide(data: bytes, workbook: bytes) -> None:
    """The same reading and analysis inside Pyodide under Node (the page's engine without the
    page), the file handed over as the worker hands it."""
    from tests.pyodide.test_survey_in_pyodide import run

    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "responses.csv", Path(folder) / "responses.xlsx"]
        paths[0].write_bytes(data)
        paths[1].write_bytes(workbook)
        report = run(Path(folder), *paths)
    for name, (read, analysed) in report["seconds"].items():
        print(
            f"Pyodide {report['python']} under Node, {name}: read {read * 1000:.0f} ms, "
            f"analyse {analysed * 1000:.0f} ms, total {(read + analysed) * 1000:.0f} ms"
        )


def cpython(count: int, repeat: int) -> tuple[bytes, bytes]:
    language = LANGUAGES["en"]
    body = rows(count, lang="en")
    data = to_csv(language.header, body, ",").encode()
    workbook = to_xlsx(language.header, body, numbers=frozenset({4, 5, 6}), dates=frozenset({1}))
    print(f"{count} rows: CSV {len(data) / 1e6:.1f} MB, .xlsx {len(workbook) / 1e6:.1f} MB")

    def read(payload: bytes) -> Callable[[], object]:
        return lambda: call("read", {"file": payload})

    for name, payload in (("CSV", data), (".xlsx", workbook)):
        seconds, answer = _timed(read(payload), repeat)
        assert isinstance(answer, dict) and answer["ok"], answer
        token = answer["result"]["token"]
        analyse = lambda token=token: call("analyse", _analyse_form(token))  # noqa: E731
        analysed_in, analysed = _timed(analyse, repeat)
        assert isinstance(analysed, dict) and analysed["ok"], analysed
        assert analysed["result"]["used"] == count
        peak_read = _peak(read(payload))
        forget()
        token = call("read", {"file": payload})["result"]["token"]  # type: ignore[index]
        peak_analyse = _peak(lambda token=token: call("analyse", _analyse_form(token)))
        print(
            f"{name:6} read {seconds * 1000:6.0f} ms (peak {peak_read:5.0f} MB)   "
            f"analyse {analysed_in * 1000:5.0f} ms (peak {peak_analyse:4.1f} MB)   "
            f"total {(seconds + analysed_in) * 1000:6.0f} ms"
        )
        forget()
    return data, workbook


def browser(data: bytes) -> None:
    from playwright.sync_api import sync_playwright

    from bench.harness import CHROMIUM, FLAGS, build_site
    from tests.conftest import serve

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_site(site)
        csv_file = Path(folder) / "responses.csv"
        csv_file.write_bytes(data)
        server = serve(site)
        url = next(server)
        with sync_playwright() as driver:
            chromium = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for lang, prefix in (("et", ""), ("en", "en/")):
                page = chromium.new_context(bypass_csp=True).new_page()
                page.goto(f"{url}{prefix}calculators/survey/")
                root = page.locator("[data-analysis=survey]")
                root.scroll_into_view_if_needed()
                page.wait_for_function(
                    "document.querySelector('[data-analysis]').dataset.engine === 'ready'",
                    timeout=60_000,
                )
                root.locator("input[type=file][name=file]").set_input_files(str(csv_file))
                page.wait_for_function(
                    "document.querySelector('[data-analysis]').dataset.state === 'done'",
                    timeout=120_000,
                )
                timing = page.evaluate(
                    """() => {
                      const [chosen] = performance.getEntriesByName('survey:file');
                      const [read] = performance.getEntriesByName('survey:read');
                      const [shown] = performance.getEntriesByName('survey:result');
                      return {read: read.startTime - chosen.startTime,
                              first: shown.startTime - chosen.startTime};
                    }"""
                )
                print(
                    f"chromium ({lang}): file read in {timing['read']:.0f} ms, "
                    f"first result {timing['first']:.0f} ms after choosing the file "
                    "(engine ready)"
                )
                page.close()
            chromium.close()
        next(server, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pyodide", action="store_true", help="also time it in Pyodide (Node)")
    parser.add_argument("--browser", action="store_true", help="also time the page in chromium")
    arguments = parser.parse_args()
    data, workbook = cpython(arguments.rows, arguments.repeat)
    if arguments.pyodide:
        pyodide(data, workbook)
    if arguments.browser:
        browser(data)


if __name__ == "__main__":
    main()
