// docs/assets/javascripts/storage.js under Node's test runner (run by test_storage_js.py):
// get/set/remove never throw, and the store says why nothing is kept when it is not.
// test_storage_js.py passes a copy named .mjs in STORAGE_MODULE (the site's .js files are
// modules for the browser; Node would have to guess).
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { pathToFileURL } from "node:url";

const source = process.env.STORAGE_MODULE
  ? pathToFileURL(process.env.STORAGE_MODULE)
  : new URL("../../docs/assets/javascripts/storage.js", import.meta.url);
const { openStore, showStorageNotice } = await import(source);

const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");

class FakeStorage {
  constructor({ full = false } = {}) {
    this.items = new Map();
    this.full = full;
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    if (this.full) throw quota();
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}

function install(area) {
  Object.defineProperty(globalThis, "localStorage", { configurable: true, get: () => area });
  return area;
}

function blocked() {
  Object.defineProperty(globalThis, "localStorage", {
    configurable: true,
    get() {
      throw new DOMException("The operation is insecure.", "SecurityError");
    },
  });
}

function reasons(store) {
  const seen = [];
  store.watch((reason) => seen.push(reason));
  return seen;
}

afterEach(() => {
  delete globalThis.localStorage;
});

test("values are JSON under namespace.key, and the probe leaves nothing behind", () => {
  const area = install(new FakeStorage());
  const store = openStore("motteruum.test");
  assert.equal(store.set("a", { answers: { x: "3" } }), true);
  assert.deepEqual([...area.items.keys()], ["motteruum.test.a"]);
  assert.deepEqual(store.get("a"), { answers: { x: "3" } });
  assert.equal(store.reason, null);
  assert.equal(store.persistent, true);
  store.remove("a");
  assert.equal(store.get("a"), null);
  assert.equal(area.items.size, 0);
});

test("blocked: values live in memory, the reason is 'blocked'", () => {
  blocked();
  const store = openStore("motteruum.test");
  const seen = reasons(store);
  assert.equal(store.set("a", [1, 2]), false);
  assert.deepEqual(store.get("a"), [1, 2]);
  store.remove("a");
  assert.equal(store.get("a"), null);
  assert.deepEqual(seen, ["blocked"]);
  assert.equal(store.persistent, false);
});

test("the stand-in of storage-guard.js counts as blocked", () => {
  install({ [Symbol.for("motteruum.storage.stand-in")]: true, getItem: () => null, setItem() {}, removeItem() {} });
  assert.equal(openStore("motteruum.test").reason, "blocked");
});

test("full from the start: stored values are still read, new ones are kept in memory", () => {
  const area = install(new FakeStorage());
  area.items.set("motteruum.test.a", '"old"');
  area.full = true;
  const store = openStore("motteruum.test");
  assert.equal(store.reason, "full");
  assert.equal(store.get("a"), "old");
  assert.equal(store.set("a", "new"), false);
  assert.equal(store.get("a"), "new");
  area.full = false; // room again: written to the device, memory dropped
  assert.equal(store.set("a", "newer"), true);
  assert.equal(area.getItem("motteruum.test.a"), '"newer"');
  assert.equal(store.get("a"), "newer");
});

test("full later: the first failed write reports it", () => {
  const area = install(new FakeStorage());
  const store = openStore("motteruum.test");
  const seen = reasons(store);
  area.full = true;
  assert.equal(store.set("a", 1), false);
  assert.deepEqual(seen, ["full"]);
  assert.equal(store.get("a"), 1);
});

test("corrupt: not JSON, the wrong shape or a failing check is set aside and removed", () => {
  const area = install(new FakeStorage());
  area.items.set("motteruum.test.a", "{");
  area.items.set("motteruum.test.b", '{"answers": 5}');
  area.items.set("motteruum.test.c", "null");
  const store = openStore("motteruum.test");
  const seen = reasons(store);
  const shape = (value) => typeof value.answers === "object";
  assert.equal(store.get("a"), null);
  assert.equal(store.get("b", shape), null);
  assert.equal(store.get("c", shape), null); // the check throws on null
  assert.deepEqual(seen, ["corrupt"]);
  assert.equal(area.items.size, 0);
  assert.equal(store.persistent, true);
  assert.equal(store.set("a", { answers: {} }), true);
  assert.deepEqual(store.get("a", shape), { answers: {} });
});

test("losing answers outweighs a value set aside", () => {
  const area = install(new FakeStorage());
  area.items.set("motteruum.test.a", "{");
  const store = openStore("motteruum.test");
  store.get("a");
  area.full = true;
  store.set("a", 1);
  assert.equal(store.reason, "full");
  area.items.set("motteruum.test.b", "{");
  store.get("b");
  assert.equal(store.reason, "full");
});

test("the notice takes the text of its reason from the markup", () => {
  blocked();
  const element = { dataset: { blocked: "B", full: "F", corrupt: "C" }, hidden: true, textContent: "" };
  showStorageNotice(element, openStore("motteruum.test"));
  assert.equal(element.hidden, false);
  assert.equal(element.textContent, "B");
  assert.equal(element.dataset.reason, "blocked");
  const quiet = { dataset: { blocked: "B" }, hidden: true, textContent: "" };
  install(new FakeStorage());
  showStorageNotice(quiet, openStore("motteruum.test"));
  assert.equal(quiet.hidden, true);
  showStorageNotice(null, openStore("motteruum.test")); // no notice in the markup: nothing
});
