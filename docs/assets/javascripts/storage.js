// What a widget keeps in this browser, and what it does when the browser will not keep it.
//
// Storage is an enhancement, never a requirement: `openStore(namespace)` gives get/set/remove
// that never throw. Values are JSON under `<namespace>.<key>` in localStorage.
// - blocked (reading localStorage throws, e.g. a SecurityError when the reader blocks site
//   data, or storage-guard.js stood in for it): values live in this page's memory only;
//   reason "blocked".
// - full (writing throws, e.g. QuotaExceededError): what could not be written is kept in
//   memory (and read back from there); reason "full".
// - corrupt (a stored value is not JSON, or not of the shape the widget expects): ignored, and
//   removed if possible; reason "corrupt".
// `showStorageNotice(element, store)` shows a widget's notice once a reason is known, in the
// page's language: the text comes from the element's data-blocked / data-full / data-corrupt
// (templates/storage_notice.html.j2), never from this file.

// storage-guard.js marks the stand-in it puts in place of a storage the page may not use.
const STAND_IN = Symbol.for("motteruum.storage.stand-in");
// Which reason wins when several apply: anything that loses what the reader enters beats a
// value that was thrown away once.
const WEIGHT = { corrupt: 1, full: 2, blocked: 3 };

function quotaError(error) {
  return (
    error instanceof DOMException &&
    (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED" || error.code === 22)
  );
}

/** The page's localStorage, or null if the page may not use it (reading throws). */
function localArea() {
  try {
    const area = globalThis.localStorage;
    if (!area || area[STAND_IN]) return null;
    area.getItem("motteruum.probe");
    return area;
  } catch {
    return null;
  }
}

/**
 * A store of JSON values under `${namespace}.${key}` that never throws.
 * `store.reason` is null while everything is kept on the device, else "blocked", "full" or
 * "corrupt"; `store.watch(listener)` calls `listener(reason)` now if there is one, and on
 * every change.
 */
export function openStore(namespace) {
  const memory = new Map(); // full key → JSON text that the device does not hold
  const listeners = new Set();
  let reason = null;
  let area = localArea();

  function report(next) {
    if (reason && WEIGHT[reason] >= WEIGHT[next]) return;
    reason = next;
    for (const listener of listeners) listener(reason);
  }

  if (!area) {
    report("blocked");
  } else {
    // A write that fails now fails for the reader's first answer too: say so from the start.
    const probe = `${namespace}.probe`;
    try {
      area.setItem(probe, "1");
      area.removeItem(probe);
    } catch (error) {
      report(quotaError(error) ? "full" : "blocked");
      if (!quotaError(error)) area = null;
    }
  }

  const full = (key) => `${namespace}.${key}`;

  function discard(name) {
    memory.delete(name);
    try {
      area?.removeItem(name);
    } catch {
      // the bad value stays on the device; it is ignored again next time
    }
  }

  return {
    get reason() {
      return reason;
    },

    /** True while values are written to the device. */
    get persistent() {
      return reason === null || reason === "corrupt";
    },

    /** The value under `key`, or null if there is none or it fails `valid(value)`. */
    get(key, valid = () => true) {
      const name = full(key);
      let text = memory.get(name) ?? null;
      if (text === null && area) {
        try {
          text = area.getItem(name);
        } catch {
          text = null;
        }
      }
      if (text === null) return null;
      let value;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      let ok = false;
      if (value !== undefined) {
        try {
          ok = Boolean(valid(value));
        } catch {
          ok = false;
        }
      }
      if (ok) return value;
      discard(name);
      report("corrupt");
      return null;
    },

    /** Keep `value` under `key`; true if it is on the device, false if only in memory. */
    set(key, value) {
      const name = full(key);
      const text = JSON.stringify(value);
      if (area) {
        try {
          area.setItem(name, text);
          memory.delete(name);
          return true;
        } catch (error) {
          report(quotaError(error) ? "full" : "blocked");
        }
      }
      memory.set(name, text);
      return false;
    },

    remove(key) {
      discard(full(key));
    },

    watch(listener) {
      listeners.add(listener);
      if (reason) listener(reason);
    },
  };
}

/**
 * Show `element` (hidden in the markup) with the text of its `data-<reason>` attribute once
 * `store` has a reason; nothing if either is missing.
 */
export function showStorageNotice(element, store) {
  if (!element || !store) return;
  store.watch((reason) => {
    const text = element.dataset[reason];
    if (!text) return;
    element.textContent = text;
    element.dataset.reason = reason;
    element.hidden = false;
  });
}

/** True if `value` is a plain object (not null, not an array). */
export function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
