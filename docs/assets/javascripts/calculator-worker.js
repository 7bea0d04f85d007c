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
import json
from calculators import api
from calculators.assessment import api as assessment

CALLS = {
    "compute": api.compute,
    "compare": api.compare,
    "plan_sample_size": api.plan_sample_size,
    "assessment_score": lambda name, form: assessment.api_score(form),
    "assessment_export": lambda name, form: assessment.api_export(form),
    "assessment_team": lambda name, form: assessment.api_team(form),
}

def handle(fn, name, form_json):
    return json.dumps(CALLS[fn](name, json.loads(form_json)))

handle
`);
  self.postMessage({ type: "ready" });
} catch (error) {
  self.postMessage({ type: "failed", error: String(error) });
}
