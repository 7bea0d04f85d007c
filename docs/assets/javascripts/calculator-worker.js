// Module worker: one Pyodide interpreter for every calculator and self-assessment on the page.
// Every number is computed by the Python package `calculators`; this file only relays messages.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const runtime = new URL("../pyodide/", import.meta.url);
let handle = null;

// A failed start can leave rejections inside Pyodide; the page is told once, by "failed".
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (handle === null) self.postMessage({ type: "failed", error: String(event.reason) });
});

self.onmessage = ({ data }) => {
  const answer = JSON.parse(handle(data.fn, data.name, JSON.stringify(data.form)));
  self.postMessage({ type: "answer", id: data.id, answer });
};

try {
  const pyodide = await loadPyodide({
    indexURL: runtime.href,
    lockFileURL: new URL("pyodide-lock.json", runtime).href,
    packages: ["calculators"],
  });
  handle = pyodide.runPython(`
import importlib
import json

# module and function of each call; a module is imported when it is first needed
CALLS = {
    "compute": ("calculators.api", "compute"),
    "compare": ("calculators.api", "compare"),
    "plan_sample_size": ("calculators.api", "plan_sample_size"),
    "assessment_score": ("calculators.assessment.api", "api_score"),
    "assessment_export": ("calculators.assessment.api", "api_export"),
    "assessment_team": ("calculators.assessment.api", "api_team"),
    "crossword_new": ("motteruum.crossword.browser", "new_puzzle"),
}

def handle(fn, name, form_json):
    module, function = CALLS[fn]
    call = getattr(importlib.import_module(module), function)
    form = json.loads(form_json)
    return json.dumps(call(form) if module.endswith("assessment.api") else call(name, form))

handle
`);
  self.postMessage({ type: "ready" });
} catch (error) {
  self.postMessage({ type: "failed", error: String(error) });
}
