// Runs the calculators' vector checks inside real Pyodide under Node.
// Usage: node run_vectors.mjs <pyodide npm folder> <pyodide-lock.json> <tests/calculators folder>
// Prints one JSON line: {"python": ..., "passed": n, "failed": [...]}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, lockFile, vectorsDir] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ lockFileURL: lockFile, packages: ["calculators"] });

pyodide.FS.mkdirTree("/vectors");
for (const name of ["vector_checks.py", "vectors.json"]) {
  pyodide.FS.writeFile(`/vectors/${name}`, readFileSync(join(vectorsDir, name)));
}
const report = pyodide.runPython(`
import json, sys
from pathlib import Path
sys.path.insert(0, "/vectors")
import calculators
from vector_checks import load_vectors, run_all
outcome = run_all(load_vectors(Path("/vectors/vectors.json")))
outcome["python"] = sys.version.split()[0]
outcome["package"] = calculators.__file__
json.dumps(outcome)
`);
console.log(report);
