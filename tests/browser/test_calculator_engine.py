"""The calculators' engine on a slow line, when its download stops, and when its worker dies."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, Request, expect

pytestmark = pytest.mark.browser

#: A 4 Mbit/s line with 150 ms of latency, in the units of Chrome DevTools (bytes per second).
SLOW_LINE = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 500_000,
    "uploadThroughput": 500_000,
}
#: 13.5 MB at 4 Mbit/s take 27 s; the start, the test server and a busy machine add to it.
SLOW_READY_MS = 120_000
ENGINE_TIMEOUT = 60_000
STALL_S = 15  # engine.js: no byte for this long is a stalled download
#: The files of the runtime that are fetched (pyodide.asm.mjs is imported, not fetched).
RUNTIME = ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", ".whl")
PROGRESS = """() => {
  const root = document.querySelector("[data-calculator=nps]");
  const box = root?.querySelector("[data-progress]");
  return {
    state: root?.dataset.state ?? null,
    shown: box ? !box.hidden : false,
    value: box?.querySelector("progress").value ?? 0,
    max: box?.querySelector("progress").max ?? 0,
    text: box?.querySelector("[data-progress-text]").textContent ?? "",
    example: root ? !root.querySelector("[data-example]").hidden : false,
    score: root?.querySelector('[data-output="score"]').textContent ?? "",
  };
}"""


def test_nps_becomes_ready_on_a_slow_line_showing_its_progress(page: Page, site_url: str) -> None:
    requested: list[str] = []

    def runtime_file(request: Request) -> None:
        name = request.url.rsplit("/", 1)[-1]
        if any(name.endswith(file) for file in RUNTIME):
            requested.append(".whl" if name.endswith(".whl") else name)

    page.on("request", runtime_file)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_LINE)
    page.goto(f"{site_url}en/calculators/nps/", wait_until="commit")
    samples = []
    deadline = time.monotonic() + SLOW_READY_MS / 1000
    while time.monotonic() < deadline:
        sample = page.evaluate(PROGRESS)
        if sample["state"] in {"ready", "error"}:
            break
        if sample["shown"]:
            samples.append(sample)
        page.wait_for_timeout(500)
    root = page.locator("[data-calculator=nps]")
    expect(root).to_have_attribute("data-state", "ready")  # with no click
    values = [sample["value"] for sample in samples if sample["max"] > 1]
    assert len(set(values)) >= 5, samples  # seen growing for more than a few seconds
    assert values == sorted(values), values
    assert values[-1] > 0.8 * samples[-1]["max"], samples[-1]
    assert samples[-1]["text"].endswith(" MB received"), samples[-1]
    assert all(sample["example"] and sample["score"] != "–" for sample in samples)  # usable
    expect(root.locator("[data-progress]")).to_be_hidden()
    # Counting the bytes costs no second download of anything.
    assert sorted(requested) == sorted(RUNTIME), requested


def test_a_stalled_download_offers_a_retry_that_works(page: Page, site_url: str) -> None:
    held: list[str] = []
    page.route("**/assets/pyodide/pyodide.asm.wasm", lambda route: held.append(route.request.url))
    started = time.monotonic()
    page.goto(f"{site_url}calculators/csat/")
    root = page.locator("[data-calculator=csat]")
    expect(root).to_have_attribute("data-state", "error", timeout=STALL_S * 1000 + ENGINE_TIMEOUT)
    assert time.monotonic() - started >= STALL_S - 1  # a stall, not a time limit on the whole
    assert held, "the wasm was never asked for"
    expect(root.locator("[data-progress]")).to_be_hidden()
    page.unroute("**/assets/pyodide/pyodide.asm.wasm")
    root.locator("[data-retry]").click()
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)


def engine_module(page: Page) -> str:
    """The address of engine.js as the page's calculators.js imported it (one module)."""
    address: str = page.evaluate(
        """() => new URL("engine.js", document.querySelector('script[src*="calculators.js"]').src)
        .href"""
    )
    return address


#: A call to the engine that is pending when the worker dies: how it ends.
PENDING_CALL = """async ([url, kill]) => {
  const { engine } = await import(url);
  const call = engine().call("compute", "nps", { mode: "counts", promoters: "1" });
  if (kill === "stop") self.motteruumEngine.stop();
  try {
    await call;
    return "settled";
  } catch (error) {
    return "rejected";
  }
}"""


@pytest.mark.parametrize("death", ["throws", "stop"])
def test_a_lost_engine_rejects_pending_calls_and_offers_a_retry(
    page: Page, site_url: str, death: str
) -> None:
    page.goto(f"{site_url}en/calculators/nps/")
    root = page.locator("[data-calculator=nps]")
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    if death == "throws":  # the next message makes the worker throw: its error event
        (worker,) = [w for w in page.workers if w.url.endswith("calculator-worker.js")]
        worker.evaluate("() => { self.onmessage = () => { throw new Error('lost (a test)'); }; }")
    assert page.evaluate(PENDING_CALL, [engine_module(page), death]) == "rejected"
    expect(root).to_have_attribute("data-state", "error")
    retry = root.locator("[data-retry]")
    expect(retry).to_be_visible()
    retry.click()
    expect(root).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    root.locator("input[name=mode][value=counts]").check()
    root.locator("input[name=promoters]").fill("3")
    root.locator("input[name=passives]").fill("1")
    root.locator("input[name=detractors]").fill("0")
    expect(root.locator('[data-output="score"]')).to_have_text("75.0")
    expect(root.locator('[data-output="n"]')).to_have_text("4")
