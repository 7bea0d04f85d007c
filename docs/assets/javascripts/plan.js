// Action plan worksheet (hooks/motteruum/templates/plan.html.j2). The reader's plan stays in this
// browser: localStorage under motteruum.plan.<lang>.<name>, through storage.js, so each language's
// page keeps its own plan; without storage it lasts while the page is open, and a notice says so.
// The CSV file is written by the Python package (calculators.plan, through the page's engine,
// started when the reader first types or asks for the file); nothing is computed here.
// Markup contract: root [data-plan][data-state], tbody [data-rows] of tr[data-row] with one
// textarea[data-column] per column followed by span[data-printed] (its text for print),
// template [data-row-template], tr[data-example],
// checkboxes [data-criterion], [data-storage-notice], [data-status], [data-output].
import { activator, download, fill } from "./engine.js";
import { isRecord, openStore, showStorageNotice } from "./storage.js";

function setUp(root) {
  const name = root.dataset.plan;
  const lang = root.lang || document.documentElement.lang;
  const strings = JSON.parse(root.querySelector("[data-strings]").textContent);
  const columns = JSON.parse(root.querySelector("[data-columns]").textContent);
  const maxRows = Number(root.dataset.maxRows) || 100;
  const body = root.querySelector("[data-rows]");
  const template = root.querySelector("[data-row-template]");
  const status = root.querySelector("[data-status]");
  const retry = root.querySelector("[data-retry]");
  const message = root.querySelector('[data-output="message"]');
  const count = root.querySelector('[data-output="criteria"]');
  const boxes = Array.from(root.querySelectorAll("[data-criterion]"));
  const add = root.querySelector("[data-add]");
  const firstRows = body.querySelectorAll("tr[data-row]").length;
  const store = openStore(`motteruum.plan.${lang}`);
  let running = null;
  let waiting = [];

  const allRows = () => Array.from(body.querySelectorAll("tr[data-row]"));
  const say = (text) => {
    status.textContent = text;
  };

  /** The cell's text for print, where a textarea shows only what fits in it in some browsers. */
  function mirror(field) {
    field.nextElementSibling.textContent = field.value;
  }

  function values(row) {
    const found = {};
    for (const field of row.querySelectorAll("textarea[data-column]")) found[field.dataset.column] = field.value;
    return found;
  }

  function isBlank(row) {
    return Object.values(values(row)).every((value) => !value.trim());
  }

  /** Row numbers and the accessible names that carry them, after rows come or go. */
  function renumber() {
    allRows().forEach((row, index) => {
      const number = index + 1;
      row.querySelector("[data-number]").textContent = String(number);
      for (const field of row.querySelectorAll("textarea[data-column]")) {
        const column = columns.find((item) => item.id === field.dataset.column);
        field.setAttribute("aria-label", fill(strings["plan.cell"], { column: column.label, row: number }));
      }
      row.querySelector("[data-remove]").setAttribute("aria-label", fill(strings["plan.remove"], { row: number }));
    });
  }

  function makeRow(content = {}) {
    const row = template.content.firstElementChild.cloneNode(true);
    for (const field of row.querySelectorAll("textarea[data-column]")) {
      field.value = content[field.dataset.column] ?? "";
      mirror(field);
    }
    return row;
  }

  function setRows(list) {
    body.replaceChildren(...list.map((content) => makeRow(content)));
    renumber();
  }

  function ticked() {
    return boxes.filter((box) => box.checked).map((box) => box.dataset.criterion);
  }

  function showCount() {
    count.textContent = fill(strings["plan.criteria.count"], { done: ticked().length, total: boxes.length });
  }

  function save() {
    store.set(name, { rows: allRows().map(values), criteria: ticked() });
  }

  // A stored plan: {rows: [{column: text}], criteria: [id]}; anything else is set aside by the
  // store as corrupt.
  function validStored(value) {
    if (!isRecord(value) || !Array.isArray(value.rows) || value.rows.length > maxRows) return false;
    const rowsOk = value.rows.every((row) => isRecord(row) && Object.values(row).every((text) => typeof text === "string"));
    const criteriaOk =
      value.criteria === undefined || (Array.isArray(value.criteria) && value.criteria.every((id) => typeof id === "string"));
    return rowsOk && criteriaOk;
  }

  function restore() {
    const value = store.get(name, validStored);
    if (!value) return;
    setRows(value.rows.length ? value.rows : [{}]);
    const chosen = new Set(value.criteria ?? []);
    for (const box of boxes) box.checked = chosen.has(box.dataset.criterion);
  }

  function room() {
    if (allRows().length < maxRows) return true;
    message.textContent = fill(strings["plan.full"], { limit: maxRows });
    return false;
  }

  function addRow() {
    message.textContent = "";
    if (!room()) return;
    const row = makeRow();
    body.append(row);
    renumber();
    save();
    row.querySelector("textarea").focus();
  }

  function removeRow(row) {
    const rows = allRows();
    const index = rows.indexOf(row);
    const next = rows[index + 1] ?? rows[index - 1];
    row.remove();
    renumber();
    save();
    say(fill(strings["plan.removed"], { row: index + 1 }));
    (next ? next.querySelector("[data-remove]") : add).focus();
  }

  function useExample() {
    message.textContent = "";
    const example = {};
    for (const cell of root.querySelectorAll("tr[data-example] [data-column]")) {
      example[cell.dataset.column] = cell.textContent.trim();
    }
    let row = allRows().find(isBlank);
    if (!row) {
      if (!room()) return;
      row = makeRow();
      body.append(row);
      renumber();
    }
    for (const field of row.querySelectorAll("textarea[data-column]")) {
      field.value = example[field.dataset.column] ?? "";
      mirror(field);
    }
    save();
    say(fill(strings["plan.example.used"], { row: allRows().indexOf(row) + 1 }));
    row.querySelector("textarea").focus();
  }

  function clear() {
    if (!window.confirm(strings["plan.clear.confirm"])) return;
    setRows(Array.from({ length: firstRows }, () => ({})));
    for (const box of boxes) box.checked = false;
    store.remove(name);
    showCount();
    message.textContent = "";
    say("");
    allRows()[0]?.querySelector("textarea").focus();
  }

  function setState(state) {
    root.dataset.state = state;
    say(state === "loading" || state === "error" ? strings[`plan.state.${state}`] : "");
    retry.hidden = state !== "error";
    if (state === "error") waiting = [];
  }

  const activate = activator(root, setState, (engine) => {
    running = engine;
    for (const go of waiting.splice(0)) go(engine);
  });

  /** The engine once it is ready, starting it if need be. */
  function ready() {
    if (running && root.dataset.state === "ready") return Promise.resolve(running);
    return new Promise((resolve) => {
      waiting.push(resolve);
      activate();
    });
  }

  function errorText(error) {
    const text = strings[`calc.error.${error.code}`] || strings["calc.error.internal_error"];
    return fill(text, { values: error.values.join(", "), ...error.params });
  }

  async function exportCsv() {
    message.textContent = "";
    const engine = await ready();
    const form = {
      rows: allRows().map(values),
      headers: columns.map((column) => column.label),
      delimiter: strings["plan.csv.delimiter"],
    };
    let answer;
    try {
      answer = await engine.call("plan_export", name, form);
    } catch {
      return; // the engine was lost: the widget shows its error and a retry
    }
    if (!answer.ok) {
      message.textContent = errorText(answer.error);
    } else if (answer.result.rows === 0) {
      message.textContent = strings["plan.export.empty"];
    } else {
      download(`${strings["plan.file"]}.csv`, "text/csv;charset=utf-8", answer.result.csv);
      say(fill(strings["plan.exported"], { rows: answer.result.rows }));
    }
  }

  showStorageNotice(root.querySelector("[data-storage-notice]"), store);
  restore();
  showCount();
  body.addEventListener("input", (event) => {
    if (event.target.matches("textarea[data-column]")) mirror(event.target);
    save();
  });
  body.addEventListener("input", () => activate(), { once: true });
  body.addEventListener("click", (event) => {
    const button = event.target.closest("[data-remove]");
    if (button) removeRow(button.closest("tr[data-row]"));
  });
  for (const box of boxes) {
    box.addEventListener("change", () => {
      save();
      showCount();
    });
  }
  add.addEventListener("click", addRow);
  root.querySelector("[data-use-example]").addEventListener("click", useExample);
  root.querySelector('[data-export="csv"]').addEventListener("click", exportCsv);
  root.querySelector("[data-print]").addEventListener("click", () => window.print());
  root.querySelector("[data-clear]").addEventListener("click", clear);
  retry.addEventListener("click", activate);
  root.dataset.restored = "true"; // the rows on screen are now the reader's own
}

document.querySelectorAll("[data-plan]").forEach(setUp);
