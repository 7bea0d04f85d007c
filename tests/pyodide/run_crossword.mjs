// Lays out crossword entries inside real Pyodide under Node, as the page's worker does.
// Usage: node run_crossword.mjs <pyodide npm folder> <pyodide-lock.json> <form.json>
// Prints one JSON line: {"python": ..., "module": ..., "answer": new_puzzle(...)}.
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
from motteruum.crossword import browser
answer = browser.new_puzzle("et", json.loads(form_json))
json.dumps({"python": sys.version.split()[0], "module": browser.__file__, "answer": answer})
`),
);
