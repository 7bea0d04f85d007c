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
  // A chosen file (`form.file`, a Uint8Array) reaches Python as bytes, not through JSON;
  // without one `file` is undefined, which Python receives as None.
  const { file, ...form } = data.form;
  const answer = JSON.parse(handle(data.fn, data.name, JSON.stringify(form), file));
  self.postMessage({ type: "answer", id: data.id, answer });
};

/** Subresource-integrity string of a hex sha256 digest, as Pyodide checks its packages. */
function integrity(hex) {
  const bytes = hex.match(/../g).map((pair) => Number.parseInt(pair, 16));
  return `sha256-${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * The bytes of our wheel, named with its sha256 in the site's lock file. The browser checks the
 * hash; the download runs while Pyodide starts.
 */
async function fetchWheel(lock) {
  const { file_name: fileName, sha256 } = lock.packages.calculators;
  const response = await fetch(new URL(fileName, runtime), { integrity: integrity(sha256) });
  if (!response.ok) throw new Error(`${fileName}: HTTP ${response.status}`);
  return { fileName, data: new Uint8Array(await response.arrayBuffer()) };
}

try {
  const lock = fetch(new URL("pyodide-lock.json", runtime)).then((response) => {
    if (!response.ok) throw new Error(`pyodide-lock.json: HTTP ${response.status}`);
    return response.json();
  });
  const wheel = lock.then(fetchWheel);
  wheel.catch(() => {}); // reported below, once Pyodide has started or failed
  const pyodide = await loadPyodide({
    indexURL: runtime.href,
    lockFileContents: lock,
    packageBaseUrl: runtime.href,
  });
  const { fileName, data } = await wheel;
  // Python imports the pure-Python wheel straight from the zip (zipimport), as it does its
  // standard library; Pyodide's package installer would first unpack it and import its own
  // helpers, which takes longer than the imports themselves.
  const path = `/lib/${fileName}`;
  pyodide.FS.writeFile(path, data);
  handle = pyodide.runPython(`
import importlib
import json
import sys

sys.path.insert(0, ${JSON.stringify(path)})

# module and function of each call; a module is imported when it is first needed
CALLS = {
    "compute": ("calculators.api", "compute"),
    "compare": ("calculators.api", "compare"),
    "plan_sample_size": ("calculators.api", "plan_sample_size"),
    "assessment_score": ("calculators.assessment.api", "api_score"),
    "assessment_export": ("calculators.assessment.api", "api_export"),
    "assessment_team": ("calculators.assessment.api", "api_team"),
    "crossword_new": ("motteruum.crossword.browser", "new_puzzle"),
    "survey": ("calculators.api", "survey"),
}

def handle(fn, name, form_json, file=None):
    module, function = CALLS[fn]
    call = getattr(importlib.import_module(module), function)
    form = json.loads(form_json)
    if file is not None:
        form["file"] = file.to_bytes()
    return json.dumps(call(form) if module.endswith("assessment.api") else call(name, form))

handle
`);
  self.postMessage({ type: "ready" });
} catch (error) {
  self.postMessage({ type: "failed", error: String(error) });
}
