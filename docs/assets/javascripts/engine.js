// The page's one Python engine: Pyodide in a module worker, started on first use, or taken over
// from engine-start.js, which starts it while the page loads when a calculator is in view.
// Widgets call `engine().call(fn, name, form)`; every number comes from the Python package.
//
// A slow line is not a failure: the worker reports the bytes of the runtime as they arrive, and
// the engine gives up only when nothing has arrived for STALL_MS (or, once every byte is in,
// when starting takes longer than START_MS). A worker that dies later (an error event, or
// `stop()`) rejects every pending call and the widgets offer a retry; a retry starts a new
// worker, whose downloads the browser serves from its HTTP cache as far as the first one got.
const WORKER_URL = new URL("calculator-worker.js", import.meta.url);
const STALL_MS = 15000;
const START_MS = 30000;
let current = null;

export function engine() {
  if (current) return current;
  const early = self.motteruumEngine?.adopt?.();
  // engine-start.js starts no second worker; `stop` ends the running one (for tests and
  // debugging: the widgets then show their retry state).
  self.motteruumEngine = { running: true, stop: () => current?.stop(new Error("stopped")) };
  const worker = early ? early.worker : new Worker(WORKER_URL, { type: "module" });
  const pending = new Map();
  const watchers = new Set();
  let progress = null;
  let nextId = 1;
  let state = "loading";
  let settle;
  let lose;
  const ready = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  const lost = new Promise((resolve) => {
    lose = resolve;
  });
  let timer = 0;

  function stop(error) {
    if (state === "stopped") return;
    const wasReady = state === "ready";
    state = "stopped";
    clearTimeout(timer);
    worker.terminate();
    for (const [, call] of pending) call.reject(error);
    pending.clear();
    if (current === started) current = null;
    if (wasReady) lose(error);
    else settle.reject(error);
  }

  /** Give up if nothing happens for `ms` after `since` (a performance.now() time). */
  function watchdog(ms, since = performance.now()) {
    clearTimeout(timer);
    const left = ms - (performance.now() - since);
    timer = setTimeout(() => stop(new Error(`no progress for ${ms / 1000} s`)), Math.max(0, left));
  }

  const receive = ({ data, timeStamp }) => {
    if (state !== "loading" && data.type !== "answer") return;
    if (data.type === "progress") {
      progress = { loaded: data.loaded, total: data.total };
      watchdog(data.done ? START_MS : STALL_MS, Math.min(timeStamp ?? Infinity, performance.now()));
      for (const watcher of watchers) watcher(progress);
    } else if (data.type === "ready") {
      clearTimeout(timer);
      state = "ready";
      settle.resolve();
    } else if (data.type === "failed") {
      stop(new Error(data.error));
    } else if (data.type === "answer" && pending.has(data.id)) {
      pending.get(data.id).resolve(data.answer);
      pending.delete(data.id);
    }
  };
  const fail = (event) => {
    event.preventDefault();
    stop(new Error(event.message || "the engine's worker failed"));
  };
  const started = {
    /** Resolves when the engine can take calls; rejects if it failed or stalled on the way. */
    ready,
    /** Resolves (with the error) if the engine is lost after it was ready. */
    lost,
    /** The answer of the Python function `fn`; rejects if the engine is or gets lost. */
    call(fn, name, form) {
      if (state === "stopped") return Promise.reject(new Error("the engine has stopped"));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, fn, name, form });
      });
    },
    /** Call `listener({loaded, total})` (bytes; total null if unknown) as the runtime loads. */
    watch(listener) {
      watchers.add(listener);
      if (progress) listener(progress);
    },
    stop,
  };
  ready.catch(() => {});
  current = started;
  worker.onmessage = receive;
  worker.onerror = fail;
  watchdog(STALL_MS, early ? early.started : performance.now());
  for (const event of early ? early.events : []) (event.type === "error" ? fail : receive)(event);
  return started;
}

/** `text` with `{key}` placeholders filled from `values` (unknown ones become empty). */
/** Save `text` as a file named `fileName` of the media `type`, made in this browser. */
export function download(fileName, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

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
 * Show the engine's download in the widget's `[data-progress]` box, if it has one (see
 * templates/engine_progress.html.j2): a progress bar and its text in the page's language, from
 * the templates the box carries.
 */
function progressView(root) {
  const box = root.querySelector("[data-progress]");
  if (!box) return { show() {}, hide() {} };
  const bar = box.querySelector("progress");
  const text = box.querySelector("[data-progress-text]");
  const lang = root.lang || document.documentElement.lang;
  const megabytes = (bytes) => formatNumber(bytes / 1e6, lang, 1);
  return {
    show({ loaded, total }) {
      box.hidden = false;
      if (total) {
        bar.max = total;
        bar.value = Math.min(loaded, total);
        text.textContent = fill(box.dataset.known, { loaded: megabytes(loaded), total: megabytes(total) });
      } else {
        bar.removeAttribute("value"); // indeterminate
        text.textContent = fill(box.dataset.unknown, { loaded: megabytes(loaded) });
      }
    },
    hide() {
      box.hidden = true;
    },
  };
}

/**
 * The activation of a widget: start the engine once, report "loading" (with the download's
 * progress in the widget's progress box), then "ready" (calling `onReady`) or "error"; "error"
 * also when a ready engine is lost. Calling it again after an error retries.
 */
export function activator(root, setState, onReady) {
  let widget = null;
  const progress = progressView(root);
  return function activate() {
    if (root.dataset.state === "ready" || root.dataset.active) return widget;
    root.dataset.active = "true";
    setState("loading");
    const running = engine();
    widget = running;
    running.watch((loaded) => {
      if (widget === running && root.dataset.state === "loading") progress.show(loaded);
    });
    const failed = () => {
      if (widget !== running) return;
      progress.hide();
      delete root.dataset.active;
      setState("error");
    };
    running.ready
      .then(() => {
        progress.hide();
        setState("ready");
        onReady(running);
        return running.lost;
      })
      .then(failed, failed);
    return widget;
  };
}
