// Starts the page's Python engine while the page is still loading. A plain script, not a module:
// only those run while the page is parsed, and document.currentScript names them.
// - Inline in the head of a page whose calculator opens it (an `eager` marker; data-start="eager"
//   and the worker's address in data-worker): at once, so Pyodide loads while the theme's
//   styles and scripts do.
// - Right after a calculator: when that calculator is in view at its first layout, usually
//   before the theme's bundle has run. A resize observer hears of the first layout from inside
//   the browser's own rendering step, so asking for the position costs no extra layout.
// engine.js adopts the worker and the messages it has sent so far; a calculator out of view is
// left to calculators.js (in view or focused).
(() => {
  const script = document.currentScript;
  const eager = script.dataset.start === "eager";
  const root = script.previousElementSibling;
  if (self.motteruumEngine || !(eager || root?.matches("[data-calculator]"))) return;

  function start() {
    const url = eager
      ? new URL(script.dataset.worker, document.baseURI)
      : new URL("calculator-worker.js", script.src);
    const worker = new Worker(url, { type: "module" });
    const events = [];
    const keep = (event) => {
      if (event.type === "error") event.preventDefault();
      events.push(event);
    };
    worker.addEventListener("message", keep);
    worker.addEventListener("error", keep);
    const started = performance.now();
    self.motteruumEngine = {
      /** Hand the worker over, with the events it has sent so far (their listeners go). */
      adopt() {
        worker.removeEventListener("message", keep);
        worker.removeEventListener("error", keep);
        return { worker, started, events };
      },
    };
  }

  if (eager) {
    start();
    return;
  }

  const observer = new ResizeObserver(() => {
    observer.disconnect();
    if (self.motteruumEngine) return; // started by another calculator or by engine.js
    const box = root.getBoundingClientRect();
    const inView =
      box.width + box.height > 0 &&
      box.bottom > 0 &&
      box.right > 0 &&
      box.top < window.innerHeight &&
      box.left < window.innerWidth;
    if (inView) start();
  });
  observer.observe(root);
})();
