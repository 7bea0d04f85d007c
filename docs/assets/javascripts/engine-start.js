// Starts the page's Python engine while the page is still loading, when the calculator right
// before this script is in view at its first layout: usually before the theme's bundle has run,
// so that Pyodide loads while it does. A plain script, not a module: only those run while the
// page is parsed. A resize observer hears of the first layout from inside the browser's own
// rendering step, so asking for the position costs no extra layout. engine.js adopts the worker
// and the messages it has sent so far; a calculator out of view is left to calculators.js (in
// view or focused).
(() => {
  const script = document.currentScript;
  const root = script.previousElementSibling;
  if (self.motteruumEngine || !root?.matches("[data-calculator]")) return;

  function start() {
    const worker = new Worker(new URL("calculator-worker.js", script.src), { type: "module" });
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
