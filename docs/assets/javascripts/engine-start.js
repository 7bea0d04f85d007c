// Starts the page's Python engine while the page is still being parsed, when the calculator
// right before this script is in view: before the theme's bundle and the page's modules have
// run, so that Pyodide loads while they do. A plain script, not a module: only those run in
// document order. Reading the calculator's position lays out what is parsed so far, which the
// browser would do for the first frame anyway. engine.js adopts the worker and the messages it
// has sent so far; a calculator out of view is left to calculators.js (in view or focused).
(() => {
  const script = document.currentScript;
  const root = script.previousElementSibling;
  if (self.motteruumEngine || !root?.matches("[data-calculator]")) return;
  const box = root.getBoundingClientRect();
  const inView =
    box.width + box.height > 0 &&
    box.bottom > 0 &&
    box.right > 0 &&
    box.top < window.innerHeight &&
    box.left < window.innerWidth;
  if (!inView) return;
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
})();
