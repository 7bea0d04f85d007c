// Lays out crossword entries inside real Pyodide under Node, as the page's worker does.
// Usage: node run_crossword.mjs <pyodide npm folder> <pyodide-lock.json> <form.json>
// Prints one JSON line: {"python": ..., "module": ..., "answer": the worker's answer}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, lockFile, formFile] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ lockFileURL: lockFile, packages: ["calculators"] });
pyodide.globals.set("form_json", readFileSync(formFile, "utf-8"));
console.log(
  pyodide.runPython(`
import json, sys
from calculators.worker import handle  # the one entry the page's worker calls
answer = json.loads(handle("crossword_new", "et", form_json))
module = sys.modules["motteruum.crossword.browser"].__file__
json.dumps({"python": sys.version.split()[0], "module": module, "answer": answer})
`),
);
