// Calculators in the page: starts the Python engine (Pyodide in a module worker) when a
// calculator comes into view or gets focus, sends the form, shows the answer.
// Markup contract: see docs/calculators/index.*.md. No formulas here: Python computes.
import { activator, fill, formatNumber, whenSeen } from "./engine.js";


function setUp(root) {
  const name = root.dataset.calculator;
  const lang = root.lang || document.documentElement.lang;
  const strings = JSON.parse(root.querySelector("[data-strings]").textContent);
  const form = root.querySelector("form");
  const status = root.querySelector("[data-status]");
  const retry = root.querySelector("[data-retry]");
  const message = root.querySelector('[data-output="message"]');
  let running = null;
  let busy = false;
  let again = false;
  let live = false;

  const number = (value, digits) => formatNumber(value, lang, digits);

  function values() {
    const data = {};
    for (const [key, value] of new FormData(form)) data[key] = String(value);
    return data;
  }

  function reflect() {
    const data = values();
    root.dataset.mode = data.mode || "";
    if (data.scale) root.dataset.scale = data.scale;
  }

  function restoreFromUrl() {
    const params = new URLSearchParams(location.search);
    for (const [key, value] of params) {
      if (!key.startsWith(`${name}.`)) continue;
      const field = form.elements.namedItem(key.slice(name.length + 1));
      if (field instanceof RadioNodeList) {
        for (const radio of field) radio.checked = radio.value === value;
      } else if (field) {
        field.value = value;
      }
    }
    reflect();
  }

  function saveToUrl() {
    const params = new URLSearchParams(location.search);
    for (const key of Array.from(params.keys())) {
      if (key.startsWith(`${name}.`)) params.delete(key);
    }
    const mode = values().mode;
    for (const element of form.elements) {
      if (!element.name || element.value === "") continue;
      const group = element.closest("[data-group]");
      const keep = group
        ? group.dataset.group === mode
        : element.type === "radio"
          ? element.checked
          : element.tagName === "SELECT"
            ? !element.selectedOptions[0]?.defaultSelected
            : element.value !== element.defaultValue;
      if (keep) params.set(`${name}.${element.name}`, element.value);
    }
    history.replaceState(history.state, "", `${location.pathname}?${params}${location.hash}`);
  }

  function setState(state) {
    root.dataset.state = state;
    status.textContent = strings[`calc.state.${state}`];
    retry.hidden = state !== "error";
  }

  function output(key, value, digits) {
    const element = root.querySelector(`[data-output="${key}"]`);
    if (element) element.textContent = value === null || value === undefined ? "–" : number(value, digits ?? Number(element.dataset.digits));
  }

  function errorText(error) {
    const params = { ...error.params, values: error.values.join(", "), limit: error.params.limit };
    let text = fill(strings[`calc.error.${error.code}`] || strings["calc.error.internal_error"], params);
    if (error.positions.length > 0 && error.field === "responses") {
      text += ` ${fill(strings["calc.error.positions"], { positions: error.positions.join(", ") })}`;
    }
    const field = error.field && form.elements.namedItem(error.field);
    const label = field && !(field instanceof RadioNodeList) && field.closest("label");
    if (label && error.field !== "responses") {
      text = `${label.firstChild.textContent.trim()}: ${text}`;
    }
    return text;
  }

  function showResult(result) {
    const interval = result.interval;
    output("score", result.score);
    output("ci-low", interval ? interval.lower : null);
    output("ci-high", interval ? interval.upper : null);
    output("n", result.n, 0);
    if ("agree_share" in result) output("agree", result.agree_share === null ? null : result.agree_share * 100, 1);
    const label = root.querySelector("[data-interval-label]");
    if (interval && label) label.textContent = fill(strings["calc.interval"], { confidence: interval.confidence });
    const direction = root.querySelector('[data-output="direction"]');
    if (direction && result.better) direction.textContent = strings[`calc.better.${result.better}`];
    const warnings = root.querySelector('[data-output="warnings"]');
    warnings.replaceChildren(
      ...result.warnings.map((warning) => {
        const item = document.createElement("li");
        const params = {};
        for (const [key, value] of Object.entries(warning.params)) {
          params[key] = typeof value === "number" && !Number.isInteger(value) ? number(value, 1) : value;
        }
        item.textContent = fill(strings[`calc.warning.${warning.code}`] || "", params);
        return item;
      }),
    );
    message.textContent = result.withheld ? fill(strings["calc.withheld"], { min_group: result.min_group }) : "";
    drawChart(result);
  }

  function drawChart(result) {
    const chart = root.querySelector("[data-chart]");
    const bars = Array.from(chart.querySelectorAll("[data-bar]"));
    const counts = bars.map((bar) => {
      const key = bar.dataset.bar;
      if (result.counts && key in result.counts) return result.counts[key];
      const bucket = Number(key.slice(1)) - (result.scale_min ?? 0);
      return result.histogram ? result.histogram[bucket] ?? 0 : 0;
    });
    const tallest = Math.max(1, ...counts);
    const description = [];
    bars.forEach((bar, index) => {
      const height = Math.round((counts[index] / tallest) * 900) / 10;
      const rect = bar.querySelector("rect");
      rect.setAttribute("height", String(height));
      rect.setAttribute("y", String(110 - height));
      const count = bar.querySelector("[data-count]");
      count.textContent = String(counts[index]);
      count.setAttribute("y", String(104 - height));
      if (getComputedStyle(bar).display !== "none") description.push(`${bar.dataset.label} ${counts[index]}`);
    });
    chart.setAttribute("aria-label", `${strings["calc.chart"]}: ${description.join("; ")}`);
  }

  function showAnswer(answer) {
    if (answer.ok) {
      showResult(answer.result);
    } else {
      for (const key of ["score", "ci-low", "ci-high", "n", "agree"]) output(key, null, 0);
      message.textContent = errorText(answer.error);
    }
  }

  async function compute() {
    if (!running || root.dataset.state !== "ready") return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    const answer = await running.call("compute", name, values());
    busy = false;
    showAnswer(answer);
    if (!live) {
      live = true;
      root.querySelector("[data-example]").hidden = true;
    }
    if (again) {
      again = false;
      compute();
    }
  }

  const activate = activator(root, setState, (widget) => {
    running = widget;
    compute();
  });

  const fromUrl = new URLSearchParams(location.search);
  const hasState = Array.from(fromUrl.keys()).some((key) => key.startsWith(`${name}.`));
  restoreFromUrl();
  form.addEventListener("input", () => {
    reflect();
    saveToUrl();
    compute();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  retry.addEventListener("click", activate);
  root.querySelector("[data-copy-link]").addEventListener("click", async () => {
    saveToUrl();
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = strings["calc.copied"];
    } catch {
      window.prompt("", location.href);
    }
  });
  whenSeen(root, activate);
  if (hasState) activate();
}

document.querySelectorAll("[data-calculator]").forEach(setUp);
