import { loadPyodide } from "../assets/pyodide/pyodide.mjs";

await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
self.postMessage("ready");
