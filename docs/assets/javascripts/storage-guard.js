// A page works when the browser refuses it localStorage or sessionStorage.
//
// When the reader blocks site data, merely reading `window.localStorage` throws a SecurityError.
// The theme reads it before anything of ours could catch that: its small inline script in the
// head defines `__md_get(key, storage = localStorage)`, its palette script reads
// `__md_get("__palette")` while the body is parsed, and its bundle reads it again while it sets
// the page up; the bundle stops there, and the search (and every component after the palette)
// is never started.
//
// This plain script runs first: mkdocs.yml loads it as a "polyfill", which the theme writes into
// the head before its own scripts (a file, not an inline script, for the Content-Security-Policy).
// For each storage the page may not use it puts a stand-in in its place that keeps values in
// this page's memory, marked so that storage.js still knows that nothing is kept on the device.
(() => {
  const STAND_IN = Symbol.for("motteruum.storage.stand-in");

  function standIn() {
    const items = new Map();
    return {
      [STAND_IN]: true,
      get length() {
        return items.size;
      },
      key: (index) => [...items.keys()][index] ?? null,
      getItem: (key) => (items.has(String(key)) ? items.get(String(key)) : null),
      setItem: (key, value) => void items.set(String(key), String(value)),
      removeItem: (key) => void items.delete(String(key)),
      clear: () => items.clear(),
    };
  }

  for (const name of ["localStorage", "sessionStorage"]) {
    try {
      window[name].getItem("motteruum.probe");
    } catch {
      try {
        const area = standIn();
        Object.defineProperty(window, name, { configurable: true, enumerable: true, get: () => area });
      } catch {
        // the property cannot be replaced: the theme's features that read it stay off
      }
    }
  }
})();
