// Runs a Python script inside real Pyodide under Node with the calculators wheel loaded.
// Usage: node run_python.mjs <pyodide npm folder> <pyodide-lock.json> <script.py> [<file> ...]
// Each file reaches Python as the page's worker hands a chosen file over: a JavaScript
// Uint8Array in the global `files` (name -> array; `.to_bytes()` gives the bytes). The script's
// last expression is printed as one line.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, lockFile, script, ...paths] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ lockFileURL: lockFile, packages: ["calculators"] });
const files = new Map(paths.map((path) => [basename(path), new Uint8Array(readFileSync(path))]));
pyodide.globals.set("files", files);
console.log(pyodide.runPython(readFileSync(script, "utf-8")));
