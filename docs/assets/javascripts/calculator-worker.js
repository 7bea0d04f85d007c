// Module worker: one Pyodide interpreter for every calculator and self-assessment on the page.
// Every number is computed by the Python package `calculators`; this file only relays messages
// and reports how much of the runtime has arrived.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const runtime = new URL("../pyodide/", import.meta.url);
let handle = null;

// A failed start can leave rejections inside Pyodide; the page is told once, by "failed".
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (handle === null) self.postMessage({ type: "failed", error: String(event.reason) });
});

// A call that throws is not caught here: the error reaches the page as the worker's error
// event, and the page treats the engine as lost (calculators.api never raises by design).
self.onmessage = ({ data }) => {
  // A chosen file (`form.file`, a Uint8Array) reaches Python as bytes, not through JSON;
  // without one `file` is undefined, which Python receives as None.
  const { file, ...form } = data.form;
  const answer = JSON.parse(handle(data.fn, data.name, JSON.stringify(form), file));
  self.postMessage({ type: "answer", id: data.id, answer });
};

// --- Progress -----------------------------------------------------------------------------
// The files of the runtime that are fetched (Pyodide fetches the first two itself, with the
// global fetch; the lock file and our wheel are fetched below). pyodide.asm.mjs is imported,
// not fetched, and is not counted: it is loaded at the same time and is a tenth of the bytes.
const COUNTED = ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", "wheel"];
const files = new Map(); // name → { loaded, total (null: not known from the headers) }
const PROGRESS_EVERY_MS = 100;
let reported = 0;

function report(force) {
  const now = performance.now();
  if (!force && now - reported < PROGRESS_EVERY_MS) return;
  reported = now;
  let loaded = 0;
  let total = files.size === COUNTED.length ? 0 : null;
  let done = files.size === COUNTED.length;
  for (const file of files.values()) {
    loaded += file.loaded;
    if (file.total === null || total === null) total = null;
    else total += file.total;
    done &&= file.done;
  }
  self.postMessage({ type: "progress", loaded, total, done });
}

/** The decoded size a response announces, or null (no Content-Length, or a compressed body). */
function announcedSize(response) {
  const encoding = response.headers.get("Content-Encoding");
  const length = Number.parseInt(response.headers.get("Content-Length") ?? "", 10);
  return (encoding && encoding !== "identity") || !Number.isFinite(length) ? null : length;
}

/**
 * Count the bytes of `response` as they arrive, from a clone: the response itself goes to its
 * reader untouched (Pyodide compiles the wasm from the stream, and the browser keeps its code
 * cache), and both share one download.
 */
function count(name, response) {
  const file = { loaded: 0, total: announcedSize(response), done: false };
  files.set(name, file);
  report(true);
  if (!response.ok || !response.body) return;
  const reader = response.clone().body.getReader();
  const pump = ({ done, value }) => {
    if (done) {
      file.done = true;
      file.total ??= file.loaded;
      report(true);
      return undefined;
    }
    file.loaded += value.byteLength;
    report(false);
    return reader.read().then(pump);
  };
  reader.read().then(pump, () => {}); // a failed download is reported by its reader
}

const browserFetch = self.fetch.bind(self);
self.fetch = async (resource, options) => {
  const response = await browserFetch(resource, options);
  const url = new URL(resource instanceof Request ? resource.url : resource, runtime);
  const name = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  const counted = name.endsWith(".whl") ? "wheel" : name;
  if (url.href.startsWith(runtime.href) && COUNTED.includes(counted) && !files.has(counted)) {
    count(counted, response);
  }
  return response;
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
  report(true); // the worker runs: the page's clock for a stalled start begins again
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
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(path)})`);
  // The one entry of every call (calculators/worker.py): JSON text in, JSON text out.
  handle = pyodide.pyimport("calculators.worker").handle;
  self.postMessage({ type: "ready" });
} catch (error) {
  self.postMessage({ type: "failed", error: String(error) });
}
