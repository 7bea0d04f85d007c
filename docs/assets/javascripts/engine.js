// The page's one Python engine: Pyodide in a module worker, started on first use, or taken over
// from engine-start.js, which starts it while the page loads when a calculator is in view.
// Widgets call `engine().call(fn, name, form)`; every number comes from the Python package.
const WORKER_URL = new URL("calculator-worker.js", import.meta.url);
const TIMEOUT_MS = 20000;
let current = null;

export function engine() {
  if (current) return current;
  const early = self.motteruumEngine?.adopt?.();
  self.motteruumEngine = { running: true }; // engine-start.js starts no second worker
  const worker = early ? early.worker : new Worker(WORKER_URL, { type: "module" });
  const pending = new Map();
  let nextId = 1;
  let settle;
  const ready = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  const waited = early ? performance.now() - early.started : 0;
  const timer = setTimeout(() => settle.reject(new Error("timeout")), TIMEOUT_MS - waited);
  const receive = ({ data }) => {
    if (data.type === "ready") {
      clearTimeout(timer);
      settle.resolve();
    } else if (data.type === "failed") {
      clearTimeout(timer);
      settle.reject(new Error(data.error));
    } else if (data.type === "answer" && pending.has(data.id)) {
      pending.get(data.id)(data.answer);
      pending.delete(data.id);
    }
  };
  const fail = (event) => {
    event.preventDefault();
    clearTimeout(timer);
    settle.reject(new Error(event.message || "worker failed"));
  };
  worker.onmessage = receive;
  worker.onerror = fail;
  for (const event of early ? early.events : []) (event.type === "error" ? fail : receive)(event);
  const started = {
    ready,
    call(fn, name, form) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ id, fn, name, form });
      });
    },
  };
  ready.catch(() => {
    worker.terminate();
    if (current === started) current = null;
  });
  current = started;
  return current;
}

/** `text` with `{key}` placeholders filled from `values` (unknown ones become empty). */
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : ""));
}

const formats = new Map();

/** A number in the page language with a fixed number of decimals and no grouping. */
export function formatNumber(value, lang, digits) {
  const key = `${lang}/${digits}`;
  if (!formats.has(key)) {
    formats.set(
      key,
      new Intl.NumberFormat(lang, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        useGrouping: false,
      }),
    );
  }
  return formats.get(key).format(value);
}

/** Run `start` once the element is in view or gets focus. */
export function whenSeen(element, start) {
  element.addEventListener("focusin", start);
  if ("IntersectionObserver" in window) {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        start();
      }
    });
    observer.observe(element);
  }
}

/**
 * The activation of a widget: start the engine once, report "loading", then "ready" (calling
 * `onReady`) or "error"; calling it again after an error retries.
 */
export function activator(root, setState, onReady) {
  let widget = null;
  return function activate() {
    if (root.dataset.state === "ready" || root.dataset.active) return widget;
    root.dataset.active = "true";
    setState("loading");
    widget = engine();
    widget.ready.then(
      () => {
        setState("ready");
        onReady(widget);
      },
      () => {
        delete root.dataset.active;
        setState("error");
      },
    );
    return widget;
  };
}
