// Calculators in the page: starts the Python engine (Pyodide in a module worker) when a
// calculator comes into view or gets focus, sends the form, shows the answer.
// Markup contract: see docs/calculators/index.*.md. No formulas here: Python computes.
//
// The form's state lives in the page's address, `{name}.{field}=value`, kept short whatever was
// typed or pasted (README: "Links to a calculator"):
// - the buckets of a histogram as one `{name}.c=1.0.2.…`: the inputs' values in their order,
//   blank as nothing, trailing blanks dropped (when every bucket holds digits only);
// - pasted responses as typed only up to RESPONSES_IN_LINK bytes; longer ones as their counts
//   per rating, which the Python answer returns (`result.histogram`), with `mode=responses`:
//   such a link opens in the histogram mode with those counts, and says so;
// - any other text input only up to VALUE_IN_LINK bytes (no count or option needs more).
// A value the form does not know (an unknown mode, malformed counts) is left at its default,
// with a notice.
import { activator, fill, formatNumber, whenSeen } from "./engine.js";

const RESPONSES_IN_LINK = 256;
const VALUE_IN_LINK = 32;
const COUNTS = /^\d{0,10}$/;

/** The bytes `key=value` takes in a query string. */
function linkBytes(key, value) {
  return new URLSearchParams([[key, value]]).toString().length;
}

function setUp(root) {
  const name = root.dataset.calculator;
  const lang = root.lang || document.documentElement.lang;
  const strings = JSON.parse(root.querySelector("[data-strings]").textContent);
  const form = root.querySelector("form");
  const status = root.querySelector("[data-status]");
  const retry = root.querySelector("[data-retry]");
  const message = root.querySelector('[data-output="message"]');
  const notice = root.querySelector("[data-notice]");
  const buckets = Array.from(form.querySelectorAll('[data-group="histogram"] input'));
  const notices = new Map(); // why → text, shown in the notice
  let running = null;
  let queue = Promise.resolve();
  let queued = false;
  let latest = null; // { form, answer } of the last answer
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

  function showNotices() {
    notice.textContent = Array.from(notices.values()).join(" ");
    notice.hidden = notices.size === 0;
  }

  /** Put the state of the page's address into the form; what it does not know stays default. */
  function restoreFromUrl() {
    const params = new URLSearchParams(location.search);
    const unknown = [];
    let counts = null;
    for (const [key, value] of params) {
      if (!key.startsWith(`${name}.`)) continue;
      const fieldName = key.slice(name.length + 1);
      const field = fieldName === "c" ? null : form.elements.namedItem(fieldName);
      if (fieldName === "c") {
        counts = value;
      } else if (field instanceof RadioNodeList) {
        const radio = Array.from(field).find((item) => item.value === value);
        if (radio) radio.checked = true;
        else unknown.push(`${fieldName}=${value}`);
      } else if (field instanceof HTMLSelectElement) {
        if (Array.from(field.options).some((option) => option.value === value)) field.value = value;
        else unknown.push(`${fieldName}=${value}`);
      } else if (field) {
        field.value = value;
      } else {
        unknown.push(`${fieldName}=${value}`);
      }
    }
    const modes = form.elements.namedItem("mode");
    const chosen = (mode) => Array.from(modes).find((radio) => radio.value === mode);
    if (counts !== null) {
      const parts = counts.split(".");
      if (parts.length <= buckets.length && parts.every((part) => COUNTS.test(part))) {
        buckets.forEach((bucket, index) => {
          bucket.value = parts[index] ?? "";
        });
        if (modes.value === "responses") {
          chosen("histogram").checked = true;
          notices.set("counts", strings["calc.url.counts"]);
        }
      } else {
        unknown.push(`c=${counts}`);
        if (modes.value === "responses") Array.from(modes).find((radio) => radio.defaultChecked).checked = true;
      }
    }
    if (unknown.length > 0) notices.set("url", fill(strings["calc.url.invalid"], { values: unknown.join(", ") }));
    showNotices();
    reflect();
  }

  /** The histogram's buckets as `c` if they hold digits only, else each as typed. */
  function histogramState() {
    const counts = buckets.map((bucket) => bucket.value.trim());
    if (counts.every((count) => COUNTS.test(count))) {
      while (counts.length > 0 && counts.at(-1) === "") counts.pop();
      return counts.length > 0 ? [["c", counts.join(".")]] : [];
    }
    return buckets.filter((bucket) => bucket.value !== "").map((bucket) => [bucket.name, bucket.value]);
  }

  /** The pasted responses as typed if short, else their counts per rating from Python. */
  function responsesState(text) {
    notices.delete("link");
    if (text === "") return [];
    if (linkBytes(`${name}.responses`, text) <= RESPONSES_IN_LINK) return [["responses", text]];
    if (!latest || latest.form.mode !== "responses" || latest.form.responses !== text) return [];
    const result = latest.answer.ok ? latest.answer.result : null;
    if (result?.histogram) return [["c", result.histogram.join(".")]];
    if (!latest.answer.ok) notices.set("link", strings["calc.url.too_long"]);
    return [];
  }

  function saveToUrl() {
    const params = new URLSearchParams(location.search);
    for (const key of Array.from(params.keys())) {
      if (key.startsWith(`${name}.`)) params.delete(key);
    }
    const data = values();
    const state = [];
    for (const element of form.elements) {
      if (!element.name || element.value === "") continue;
      const group = element.closest("[data-group]");
      if (group) {
        if (group.dataset.group === data.mode && data.mode === "counts") state.push([element.name, element.value]);
        continue;
      }
      const keep =
        element.type === "radio"
          ? element.checked
          : element.tagName === "SELECT"
            ? !element.selectedOptions[0]?.defaultSelected
            : element.value !== element.defaultValue;
      if (keep) state.push([element.name, element.value]);
    }
    if (data.mode === "histogram") state.push(...histogramState());
    if (data.mode === "responses") state.push(...responsesState(data.responses ?? ""));
    for (const [key, value] of state) {
      if (key === "responses" || key === "c" || linkBytes(`${name}.${key}`, value) <= VALUE_IN_LINK) {
        params.set(`${name}.${key}`, value);
      }
    }
    showNotices();
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

  // The chart's geometry is the template's (calculator.html.j2), read from its data attributes.
  function drawChart(result) {
    const chart = root.querySelector("[data-chart]");
    const baseline = Number(chart.dataset.baseline);
    const tallestBar = Number(chart.dataset.tallest);
    const gap = Number(chart.dataset.gap);
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
      const height = Math.round((counts[index] / tallest) * tallestBar * 10) / 10;
      const rect = bar.querySelector("rect");
      rect.setAttribute("height", String(height));
      rect.setAttribute("y", String(Math.round((baseline - height) * 10) / 10));
      const count = bar.querySelector("[data-count]");
      count.textContent = String(counts[index]);
      count.setAttribute("y", String(Math.round((baseline - gap - height) * 10) / 10));
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

  /** One answer for the form as it is now; the link follows once it has arrived. */
  async function computeOnce() {
    queued = false;
    const sent = values();
    let answer;
    try {
      answer = await running.call("compute", name, sent);
    } catch {
      return; // the engine was lost: the activator shows the retry
    }
    latest = { form: sent, answer };
    showAnswer(answer);
    if (sent.mode === "responses") saveToUrl(); // long responses go into the link as counts
    if (!live) {
      live = true;
      root.querySelector("[data-example]").hidden = true;
    }
  }

  /** Compute once the answers asked for before have arrived; repeated asks wait as one. */
  function compute() {
    if (!running || root.dataset.state !== "ready" || queued) return queue;
    queued = true;
    queue = queue.then(computeOnce).catch((error) => {
      queued = false;
      setTimeout(() => {
        throw error;
      });
    });
    return queue;
  }

  const activate = activator(root, setState, (widget) => {
    running = widget;
    compute();
  });

  const fromUrl = new URLSearchParams(location.search);
  const hasState = Array.from(fromUrl.keys()).some((key) => key.startsWith(`${name}.`));
  restoreFromUrl();
  form.addEventListener("input", () => {
    notices.delete("url");
    notices.delete("counts");
    reflect();
    saveToUrl();
    compute();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  retry.addEventListener("click", activate);
  root.querySelector("[data-copy-link]").addEventListener("click", async () => {
    await compute(); // long responses are linked as their counts, which Python returns
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
