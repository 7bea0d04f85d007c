// Runs vector checks of the calculators inside real Pyodide under Node.
// Usage: node run_vectors.mjs <pyodide npm folder> <pyodide-lock.json> <checks folder>
//        <module>:<vectors.json> [<module>:<vectors.json> ...]
// Prints one JSON line: {"python": ..., "package": ..., "suites": {module: {passed, failed}}}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, lockFile, checksDir, ...suites] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ lockFileURL: lockFile, packages: ["calculators"] });

pyodide.FS.mkdirTree("/checks");
const pairs = suites.map((suite) => suite.split(":"));
for (const [module, vectors] of pairs) {
  for (const name of [`${module}.py`, vectors]) {
    pyodide.FS.writeFile(`/checks/${name}`, readFileSync(join(checksDir, name)));
  }
}
pyodide.globals.set("pairs", pyodide.toPy(pairs));
const report = pyodide.runPython(`
import importlib, json, sys
from pathlib import Path
sys.path.insert(0, "/checks")
import calculators
outcome = {"python": sys.version.split()[0], "package": calculators.__file__, "suites": {}}
for module, vectors in pairs:
    checks = importlib.import_module(module)
    outcome["suites"][module] = checks.run_all(checks.load_vectors(Path("/checks") / vectors))
json.dumps(outcome)
`);
console.log(report);
