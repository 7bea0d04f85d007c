// The survey workbench and its companions (hooks/motteruum/templates/analysis.html.j2): reads a
// chosen file in the page, hands its bytes to the page's engine (the Pyodide worker of
// engine.js) and shows what calculators.survey answers. No statistic is computed here, and
// nothing leaves the device: the file goes from the file input to the worker and nowhere else.
// Markup contract: README.md, "Survey analysis in the browser".
import { activator, download, fill, formatNumber, whenSeen } from "./engine.js";

const SVG = "http://www.w3.org/2000/svg";
const LISTED_ROWS = 50;

/** What every analysis widget shares: its strings, its status line and its engine. */
function widget(root) {
  const strings = JSON.parse(root.querySelector("[data-strings]").textContent);
  const lang = root.lang || document.documentElement.lang;
  const status = root.querySelector("[data-status]");
  const busy = root.querySelector("[data-busy]");
  const retry = root.querySelector("[data-retry]");
  const message = root.querySelector('[data-output="message"]');
  const waiting = [];
  let running = null;

  const text = (key, values = {}) => fill(strings[key] ?? "", values);
  const say = (key, values) => {
    status.textContent = text(key, values);
  };

  function engineState(state) {
    root.dataset.engine = state;
    retry.hidden = state !== "error";
    const idle = root.dataset.state === "empty";
    if (state === "error") say("survey.state.engine_error");
    else if (state === "loading") say(idle ? "calc.state.loading" : "survey.state.engine");
    else if (state === "ready" && idle) say(root.dataset.analysis === "survey" ? "survey.state.empty" : "calc.state.ready");
  }
  const activate = activator(root, engineState, (engine) => {
    running = engine;
    for (const go of waiting.splice(0)) go(engine);
  });
  retry.addEventListener("click", activate);
  whenSeen(root, activate);

  /** The engine, once it is ready (starting it if need be). */
  function ready() {
    if (running && root.dataset.engine === "ready") return Promise.resolve(running);
    activate();
    return new Promise((resolve) => waiting.push(resolve));
  }

  return {
    root,
    strings,
    lang,
    text,
    say,
    message,
    busy(on) {
      busy.hidden = !on;
    },
    /** The answer of `calculators.api.survey(name, form)`; `form.file` may carry bytes. */
    async call(name, form) {
      const engine = await ready();
      return engine.call("survey", name, form);
    },
    number(value, digits) {
      return value === null || value === undefined ? "–" : formatNumber(value, lang, digits);
    },
    pValue(value) {
      if (value === null || value === undefined) return "–";
      return value < 0.001 ? `< ${formatNumber(0.001, lang, 3)}` : formatNumber(value, lang, 3);
    },
    megabytes(bytes) {
      return formatNumber(bytes / 2 ** 20, lang, 1);
    },
    /** A form-level error (calculators.errors) in the page's language. */
    errorText(error) {
      const params = { ...error.params, values: error.values.join(", ") };
      return fill(strings[`calc.error.${error.code}`] || strings["calc.error.internal_error"] || "", params);
    },
  };
}

/** The form's values as text, for the engine; disabled controls and files left out. */
function formValues(form) {
  const values = {};
  for (const element of form.elements) {
    if (!element.name || element.matches(":disabled") || element.type === "file") continue;
    if ((element.type === "radio" || element.type === "checkbox") && !element.checked) continue;
    values[element.name] = String(element.value);
  }
  return values;
}

/** Show only the parts of the form for the chosen metric (and mode); hidden inputs are off. */
function reflect(root, form) {
  root.dataset.metric = form.elements.namedItem("metric").value;
  const mode = form.querySelector('input[name="mode"]:checked');
  if (mode) root.dataset.mode = mode.value;
  const parts = form.querySelectorAll("[data-only-metric], [data-only-mode]");
  for (const part of parts) {
    const metrics = part.dataset.onlyMetric?.split(" ");
    part.hidden = !(
      (!metrics || metrics.includes(root.dataset.metric)) &&
      (!part.dataset.onlyMode || part.dataset.onlyMode === root.dataset.mode)
    );
  }
  for (const part of parts) {
    for (const input of part.querySelectorAll("input, select")) input.disabled = Boolean(input.closest("[hidden]"));
  }
}

function cell(tag, text, attributes = {}) {
  const element = document.createElement(tag);
  element.textContent = text;
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

function options(select, columns, columnName, blank) {
  const keep = blank ? [select.options[0]] : [];
  select.replaceChildren(
    ...keep,
    ...columns.map((column) => {
      const option = document.createElement("option");
      option.value = String(column.index);
      option.textContent = columnName(column);
      return option;
    }),
  );
}

function setChoice(select, value) {
  const wanted = value === null || value === undefined ? "" : String(value);
  if (Array.from(select.options).some((option) => option.value === wanted)) select.value = wanted;
}

/** Read a chosen file's bytes once its size is known to be within the limit. */
async function bytesOf(source) {
  return new Uint8Array(await source.arrayBuffer());
}

// --- the workbench ------------------------------------------------------------------------

function setUpSurvey(root) {
  const w = widget(root);
  const form = root.querySelector("form");
  const fileInput = form.elements.namedItem("file");
  const choices = root.querySelector("[data-choices]");
  const results = root.querySelector("[data-results]");
  const problemsBox = root.querySelector("[data-problems]");
  const limit = Number(root.dataset.maxBytes);
  let source = null; // { name, bytes }
  let summary = null; // the answer of "read"
  let scoreChosen = false; // the reader picked the score column
  let generation = 0;

  const select = (name) => form.elements.namedItem(name);
  const columnName = (column) => column.name || w.text("survey.column", { number: column.index + 1 });

  function setState(state) {
    root.dataset.state = state;
    w.busy(state === "reading" || state === "analysing");
  }

  function clear() {
    results.hidden = true;
    problemsBox.hidden = true;
    root.querySelector('[data-output="problems"]').replaceChildren();
    w.message.textContent = "";
  }

  async function choose(name, size, read) {
    performance.clearMarks("survey:file");
    performance.clearMarks("survey:read");
    performance.clearMarks("survey:result");
    performance.mark("survey:file");
    const current = ++generation;
    clear();
    summary = null;
    choices.disabled = true;
    root.querySelector("[data-file-info]").hidden = true;
    if (size > limit) {
      // refused before a byte is read
      setState("error");
      w.say("survey.state.error");
      w.message.textContent = w.text("survey.too_large", {
        size: w.megabytes(size),
        limit: w.megabytes(limit),
      });
      return;
    }
    setState("reading");
    w.say("survey.state.reading", { name, size: w.megabytes(size) });
    let bytes;
    try {
      bytes = await read();
    } catch {
      if (current !== generation) return;
      setState("error");
      w.say("survey.state.error");
      w.message.textContent = w.text("survey.problem.not_a_table");
      return;
    }
    if (current !== generation) return;
    source = { name, bytes };
    if (root.dataset.engine !== "ready") w.say("survey.state.engine");
    await readSource(current);
  }

  async function readSource(current) {
    const values = formValues(form);
    let answer;
    try {
      answer = await w.call("read", {
        encoding: values.encoding,
        delimiter: values.delimiter,
        file: source.bytes,
      });
    } catch {
      return lost(current);
    }
    if (current !== generation) return;
    performance.mark("survey:read");
    if (!answer.ok) {
      setState("error");
      w.say("survey.state.error");
      w.message.textContent = w.errorText(answer.error);
      return;
    }
    summary = answer.result;
    if (summary.fatal) {
      setState("error");
      w.say("survey.state.error");
      showProblems(summary.problems);
      w.message.textContent = problemText(summary.problems.find((problem) => problem.fatal));
      return;
    }
    showFile(summary);
    await analyse();
  }

  function lost(current) {
    if (current !== generation) return;
    setState("error");
    w.say("survey.state.engine_error");
  }

  function showFile(read) {
    const info = root.querySelector("[data-file-info]");
    const format =
      read.format === "xlsx"
        ? w.text("survey.file_info.xlsx", { sheet: read.sheet })
        : w.text("survey.file_info.csv", {
            encoding: read.bom ? `${read.encoding} ${w.text("survey.file_info.bom")}` : read.encoding,
            delimiter: read.delimiter === "\t" ? w.text("survey.delimiter.tab") : read.delimiter,
          });
    info.querySelector('[data-output="file"]').textContent = w.text("survey.file_info", {
      name: source.name,
      rows: read.rows,
      columns: read.columns.length,
      format,
    });
    const table = info.querySelector('[data-output="preview"]');
    const head = document.createElement("tr");
    head.append(cell("th", w.text("survey.row"), { scope: "col" }));
    for (const column of read.columns) head.append(cell("th", columnName(column), { scope: "col" }));
    table.tHead.replaceChildren(head);
    table.tBodies[0].replaceChildren(
      ...read.preview.map((row) => {
        const line = document.createElement("tr");
        line.append(cell("th", String(row.row), { scope: "row" }));
        for (const value of row.cells) line.append(cell("td", value));
        return line;
      }),
    );
    info.hidden = false;
    for (const name of ["score-column", "segment-column", "date-column"]) {
      options(select(name), read.columns, columnName, name !== "score-column");
    }
    const guess = read.guess;
    setChoice(select("metric"), guess.metric ?? "nps");
    setChoice(select("csat-scale"), guess.csat_scale ?? "1-5");
    scoreChosen = false;
    setChoice(select("score-column"), guess.score_columns[select("metric").value] ?? 0);
    setChoice(select("segment-column"), guess.segment_column);
    setChoice(select("date-column"), guess.date_column);
    choices.disabled = false;
    reflect(root, form);
  }

  async function analyse() {
    if (!summary || !source) return;
    const current = ++generation;
    setState("analysing");
    w.say("survey.state.analysing");
    const values = { ...formValues(form), token: summary.token };
    let answer;
    try {
      answer = await w.call("analyse", values);
      if (!answer.ok && answer.error.code === "missing" && answer.error.field === "token") {
        // the engine was restarted and no longer has the file: hand it over again
        const again = await w.call("read", {
          encoding: values.encoding,
          delimiter: values.delimiter,
          file: source.bytes,
        });
        if (again.ok && again.result.token) {
          summary = { ...summary, token: again.result.token };
          answer = await w.call("analyse", { ...values, token: summary.token });
        }
      }
    } catch {
      return lost(current);
    }
    if (current !== generation) return;
    if (!answer.ok) {
      setState("error");
      w.say("survey.state.error");
      w.message.textContent = w.errorText(answer.error);
      return;
    }
    w.message.textContent = "";
    show(answer.result);
    setState("done");
    w.say("survey.state.done");
    performance.mark("survey:result");
  }

  // --- results ---

  function problemText(problem) {
    let text = w.text(`survey.problem.${problem.code}`, { ...problem.params, count: problem.count });
    if (problem.column) text += ` (${problem.column})`;
    if (problem.rows.length > 0) {
      let rows = problem.rows.slice(0, LISTED_ROWS).join(", ");
      if (problem.count > LISTED_ROWS) rows += ` ${w.text("survey.problem.more", { more: problem.count - LISTED_ROWS })}`;
      text += `: ${w.text("survey.problem.rows", { count: problem.count, rows })}`;
    }
    if (problem.values.length > 0) {
      text += `; ${w.text("survey.problem.values", { values: problem.values.join(", ") })}`;
    }
    return text;
  }

  function showProblems(problems) {
    const list = root.querySelector('[data-output="problems"]');
    list.replaceChildren(
      ...(problems.length > 0
        ? problems.map((problem) => {
            const item = cell("li", problemText(problem));
            item.dataset.problem = problem.code;
            return item;
          })
        : [cell("li", w.text("survey.problems.none"))]),
    );
    problemsBox.hidden = false;
  }

  function warningText(warning) {
    const params = {};
    for (const [key, value] of Object.entries(warning.params)) {
      params[key] = typeof value === "number" && !Number.isInteger(value) ? w.number(value, 1) : value;
    }
    return w.text(`calc.warning.${warning.code}`, params);
  }

  function withheldText(group, result) {
    return group.withheld_reason === "complementary"
      ? w.text("survey.withheld.complementary")
      : w.text("survey.withheld", { min_group: result.min_group });
  }

  function show(result) {
    const digits = result.digits;
    const overall = root.querySelector("[data-segment-all]");
    const out = (scope, key, value, places = digits) => {
      scope.querySelector(`[data-output="${key}"]`).textContent = w.number(value, places);
    };
    const scoreLabel = w.text(`survey.score.${result.metric}`);
    overall.querySelector('[data-output="score-label"]').textContent = scoreLabel;
    overall.querySelector('[data-output="interval-label"]').textContent = w.text("calc.interval", {
      confidence: result.confidence,
    });
    out(overall, "score", result.overall.score);
    out(overall, "ci-low", result.overall.lower);
    out(overall, "ci-high", result.overall.upper);
    out(overall, "n", result.overall.n, 0);
    overall.querySelector('[data-output="direction"]').textContent = w.text(`calc.better.${result.better}`);
    const warnings = result.overall.warnings.map(warningText);
    if (result.overall.withheld) warnings.unshift(withheldText(result.overall, result));
    overall.querySelector('[data-output="warnings"]').replaceChildren(...warnings.map((text) => cell("li", text)));
    const rows = [
      result.left_out > 0
        ? w.text("survey.rows_used", { used: result.used, rows: result.rows, left_out: result.left_out })
        : w.text("survey.rows_all", { used: result.used }),
    ];
    if (result.undated > 0) rows.push(w.text("survey.undated", { undated: result.undated }));
    root.querySelector('[data-output="rows"]').textContent = rows.join(" ");
    showSegments(result, scoreLabel);
    showTrend(result, scoreLabel);
    const multiple = root.querySelector('[data-output="multiple"]');
    multiple.textContent =
      result.comparisons > 1
        ? w.text("survey.multiple", { significant: result.significant, comparisons: result.comparisons })
        : "";
    showProblems(result.problems);
    results.hidden = false;
  }

  function comparisonCells(row, versus, digits) {
    row.append(
      cell("td", versus ? w.number(versus.difference, digits) : "–", { "data-output": "difference" }),
      cell(
        "td",
        versus && versus.lower !== null ? `${w.number(versus.lower, digits)} … ${w.number(versus.upper, digits)}` : "–",
        { "data-output": "difference-interval" },
      ),
      cell("td", versus ? w.pValue(versus.p_value) : "–", { "data-output": "p-value" }),
      cell("td", versus && versus.significant !== null ? w.text(versus.significant ? "survey.yes" : "survey.no") : "–", {
        "data-output": "beyond-chance",
      }),
    );
    if (versus?.significant) row.classList.add("mr-analysis__row--beyond");
  }

  function groupCells(row, group, result) {
    const digits = result.digits;
    row.append(
      cell("td", w.number(group.n, 0), { "data-output": "n" }),
      cell("td", group.withheld ? "–" : w.number(group.score, digits), { "data-output": "score" }),
      cell("td", group.withheld ? "–" : w.number(group.lower, digits), { "data-output": "ci-low" }),
      cell("td", group.withheld ? "–" : w.number(group.upper, digits), { "data-output": "ci-high" }),
    );
    comparisonCells(row, group.versus, digits);
  }

  function nameCell(name, group, result) {
    const header = cell("th", name, { scope: "row" });
    const notes = [];
    if (group.withheld) notes.push(withheldText(group, result));
    else if (group.small) notes.push(w.text("survey.small"));
    for (const note of notes) header.append(" ", cell("small", `(${note})`, { class: "mr-analysis__note" }));
    return header;
  }

  function showSegments(result, scoreLabel) {
    const table = root.querySelector('[data-output="segments"]');
    root.querySelector('[data-output="segments-score-label"]').textContent = scoreLabel;
    const intro = root.querySelector('[data-output="segments-intro"]');
    intro.textContent = w.text(result.segment_column === null ? "survey.segments.none" : "survey.segments.intro");
    table.hidden = result.segments.length === 0;
    table.tBodies[0].replaceChildren(
      ...result.segments.map((group) => {
        const row = document.createElement("tr");
        row.dataset.segment = group.key;
        row.append(nameCell(group.key === "" ? w.text("survey.blank_segment") : group.key, group, result));
        groupCells(row, group, result);
        return row;
      }),
    );
  }

  function showTrend(result, scoreLabel) {
    const table = root.querySelector('[data-output="trend"]');
    const figure = root.querySelector("[data-chart-figure]");
    root.querySelector('[data-output="trend-score-label"]').textContent = scoreLabel;
    const intro = root.querySelector('[data-output="trend-intro"]');
    const none = result.trend.length === 0;
    intro.textContent = w.text(none ? "survey.trend.none" : "survey.trend.intro");
    table.hidden = none;
    figure.hidden = none;
    root.querySelector("[data-export-svg]").hidden = none;
    table.tBodies[0].replaceChildren(
      ...result.trend.map((group) => {
        const row = document.createElement("tr");
        row.dataset.period = group.key;
        row.append(nameCell(group.key, group, result));
        groupCells(row, group, result);
        return row;
      }),
    );
    if (!none) drawChart(result, scoreLabel);
  }

  /** Round numbers for the value axis: about four steps of 1, 2 or 5 times a power of ten. */
  function ticks(low, high) {
    const rough = (high - low) / 4 || 1;
    const power = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
    const first = Math.floor(low / step) * step;
    const values = [];
    for (let value = first; value <= high + step / 2; value += step) values.push(Number(value.toFixed(10)));
    if (values.length < 2) values.push(Number((first + step).toFixed(10)));
    return { values, step };
  }

  function svg(tag, attributes, text) {
    const element = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function drawChart(result, scoreLabel) {
    const chart = root.querySelector("[data-chart]");
    const width = 640;
    const height = 260;
    const left = 52;
    const right = 12;
    const top = 14;
    const bottom = 44;
    const periods = result.trend;
    const shown = periods.filter((group) => group.score !== null);
    const bounds = shown.flatMap((group) => [group.lower ?? group.score, group.upper ?? group.score, group.score]);
    let low = Math.min(...bounds);
    let high = Math.max(...bounds);
    if (!Number.isFinite(low)) {
      low = result.scale_min;
      high = result.scale_max;
    }
    const { values, step } = ticks(low, high);
    low = Math.min(low, values[0]);
    high = Math.max(high, values[values.length - 1]);
    if (high === low) high = low + 1;
    const places = Math.max(0, -Math.floor(Math.log10(step)));
    const slot = (width - left - right) / periods.length;
    const x = (index) => left + slot * (index + 0.5);
    const y = (value) => top + ((high - value) / (high - low)) * (height - top - bottom);
    const title = chart.querySelector("title");
    title.textContent = w.text("survey.chart", { metric: scoreLabel, confidence: result.confidence });
    const parts = [title];
    const axis = { stroke: "#5f6368", "stroke-width": 1 };
    const label = { "font-size": 11, fill: "#3c4043", "font-family": "sans-serif" };
    for (const value of values) {
      parts.push(svg("line", { x1: left, x2: width - right, y1: y(value), y2: y(value), stroke: "#e0e0e0" }));
      parts.push(svg("text", { ...label, x: left - 6, y: y(value) + 4, "text-anchor": "end" }, w.number(value, places)));
    }
    parts.push(svg("line", { ...axis, x1: left, x2: left, y1: top, y2: height - bottom }));
    parts.push(svg("line", { ...axis, x1: left, x2: width - right, y1: height - bottom, y2: height - bottom }));
    const every = Math.max(1, Math.ceil(periods.length / 12));
    periods.forEach((group, index) => {
      if (index % every === 0) {
        parts.push(svg("text", { ...label, x: x(index), y: height - bottom + 16, "text-anchor": "middle" }, group.key));
      }
    });
    let line = [];
    const lines = [];
    periods.forEach((group, index) => {
      if (group.score === null) {
        if (line.length) lines.push(line);
        line = [];
        return;
      }
      line.push(`${x(index).toFixed(1)},${y(group.score).toFixed(1)}`);
    });
    if (line.length) lines.push(line);
    for (const points of lines) {
      if (points.length > 1) parts.push(svg("polyline", { points: points.join(" "), fill: "none", stroke: "#1a5c8a", "stroke-width": 1.5 }));
    }
    periods.forEach((group, index) => {
      if (group.score === null) return;
      const mark = svg("g", { "data-period": group.key });
      if (group.lower !== null && group.upper !== null) {
        mark.append(svg("line", { x1: x(index), x2: x(index), y1: y(group.lower), y2: y(group.upper), stroke: "#1a5c8a", "stroke-width": 2, "stroke-opacity": 0.45 }));
      }
      const beyond = group.versus?.significant;
      mark.append(svg("circle", { cx: x(index), cy: y(group.score), r: beyond ? 5 : 3.5, fill: beyond ? "#b3261e" : "#1a5c8a" }));
      parts.push(mark);
    });
    chart.replaceChildren(...parts);
    root.querySelector('[data-output="chart-caption"]').textContent = `${title.textContent}.`;
    root.querySelector('[data-output="chart-summary"]').textContent = w.text("survey.chart.summary", {
      periods: periods.length,
      first: periods[0].key,
      last: periods[periods.length - 1].key,
    });
  }

  async function exportCsv() {
    if (!summary) return;
    const keys = ["kind", "name", "score", "ci_low", "ci_high", "difference", "difference_low", "difference_high", "p_value", "beyond_chance", "note", "overall", "segment", "period", "group_too_small", "complementary", "small"];
    const headers = { n: "n", yes: w.text("survey.yes"), no: w.text("survey.no") };
    for (const key of keys) headers[key] = w.text(`survey.csv.${key}`);
    const answer = await w.call("export", {
      ...formValues(form),
      token: summary.token,
      headers,
      "csv-delimiter": w.text("survey.csv.delimiter"),
      decimal: w.text("survey.csv.decimal"),
    });
    if (answer.ok) download(w.text("survey.csv.file"), "text/csv;charset=utf-8", `\ufeff${answer.result.csv}`);
    else w.message.textContent = w.errorText(answer.error);
  }

  function exportSvg() {
    const chart = root.querySelector("[data-chart]").cloneNode(true);
    chart.setAttribute("xmlns", SVG);
    chart.removeAttribute("aria-labelledby");
    chart.removeAttribute("aria-describedby");
    const text = new XMLSerializer().serializeToString(chart);
    download(w.text("survey.svg.file"), "image/svg+xml", `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`);
  }

  fileInput.addEventListener("change", () => {
    const file = fileInput.files[0];
    if (file) choose(file.name, file.size, () => bytesOf(file));
  });
  root.querySelector("[data-sample-button]")?.addEventListener("click", async () => {
    fileInput.value = "";
    let bytes;
    try {
      const response = await fetch(root.dataset.sample);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch {
      w.message.textContent = w.text("survey.state.error");
      return;
    }
    choose(w.text("survey.sample.name"), bytes.length, async () => bytes);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", (event) => {
    const name = event.target.name;
    if (name === "file") return;
    if (name === "encoding" || name === "delimiter") {
      if (source) {
        const current = ++generation;
        clear();
        setState("reading");
        readSource(current);
      }
      return;
    }
    if (name === "score-column") scoreChosen = true;
    if (name === "metric" && summary && !scoreChosen) {
      setChoice(select("score-column"), summary.guess.score_columns[select("metric").value]);
    }
    reflect(root, form);
    analyse();
  });
  form.addEventListener("input", (event) => {
    if (event.target.name === "min-group") analyse();
  });
  root.querySelector("[data-export-csv]").addEventListener("click", exportCsv);
  root.querySelector("[data-export-svg]").addEventListener("click", exportSvg);
  root.querySelector("[data-print]").addEventListener("click", () => window.print());
  reflect(root, form);
  w.say("survey.state.empty");
}

// --- two surveys compared ---------------------------------------------------------------------

function setUpCompare(root) {
  const w = widget(root);
  const form = root.querySelector("form");
  const results = root.querySelector("[data-results]");
  const limit = Number(root.dataset.maxBytes);
  const tokens = { a: null, b: null };
  const guesses = { a: null, b: null };
  let generation = 0;

  const metricOption = () => form.elements.namedItem("metric").selectedOptions[0];

  async function readSide(side, file) {
    tokens[side] = null;
    if (file.size > limit) {
      w.message.textContent = w.text("survey.too_large", { size: w.megabytes(file.size), limit: w.megabytes(limit) });
      return;
    }
    root.dataset.state = "reading";
    w.busy(true);
    const answer = await w.call("read", { file: await bytesOf(file) });
    w.busy(false);
    if (!answer.ok || answer.result.fatal) {
      root.dataset.state = "error";
      w.message.textContent = answer.ok ? w.text(`survey.problem.${answer.result.problems[0].code}`, answer.result.problems[0].params) : w.errorText(answer.error);
      return;
    }
    tokens[side] = answer.result.token;
    guesses[side] = answer.result.guess;
    const select = form.elements.namedItem(`${side}_score-column`);
    options(select, answer.result.columns, (column) => column.name || String(column.index + 1), false);
    setChoice(select, answer.result.guess.score_columns[form.elements.namedItem("metric").value] ?? 0);
    compare();
  }

  async function compare() {
    const values = formValues(form);
    if (values.mode === "files" && !(tokens.a && tokens.b)) return;
    const current = ++generation;
    root.dataset.state = "analysing";
    let answer;
    try {
      answer = await w.call("compare", { ...values, a_token: tokens.a ?? "", b_token: tokens.b ?? "" });
    } catch {
      root.dataset.state = "error";
      w.say("survey.state.engine_error");
      return;
    }
    if (current !== generation) return;
    const digits = Number(metricOption().dataset.digits);
    if (!answer.ok) {
      root.dataset.state = "error";
      w.message.textContent = w.errorText(answer.error);
      results.hidden = true;
      return;
    }
    w.message.textContent = "";
    const { first, second, difference } = answer.result;
    const out = (key, value, places = digits) => {
      root.querySelector(`[data-output="${key}"]`).textContent = w.number(value, places);
    };
    out("first-score", first.score);
    out("first-n", first.n, 0);
    out("second-score", second.score);
    out("second-n", second.n, 0);
    out("difference", difference?.difference ?? null);
    out("diff-low", difference?.lower ?? null);
    out("diff-high", difference?.upper ?? null);
    root.querySelector('[data-output="interval-label"]').textContent = w.text("calc.interval", { confidence: values.confidence });
    const verdict = root.querySelector('[data-output="verdict"]');
    if (!difference || difference.p_value === null) verdict.textContent = w.text("survey.compare.unavailable");
    else verdict.textContent = w.text(difference.significant ? "survey.compare.real" : "survey.compare.chance", { p: w.pValue(difference.p_value) });
    verdict.dataset.significant = String(Boolean(difference?.significant));
    results.hidden = false;
    root.dataset.state = "done";
  }

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", (event) => {
    const name = event.target.name;
    if (name === "a-file" || name === "b-file") {
      const file = event.target.files[0];
      if (file) readSide(name[0], file);
      return;
    }
    if (name === "metric") {
      for (const side of ["a", "b"]) {
        if (guesses[side]) setChoice(form.elements.namedItem(`${side}_score-column`), guesses[side].score_columns[event.target.value]);
      }
    }
    reflect(root, form);
    compare();
  });
  form.addEventListener("input", (event) => {
    if (event.target.type === "text") compare();
  });
  reflect(root, form);
}

// --- how many responses ---------------------------------------------------------------------

function setUpPlan(root) {
  const w = widget(root);
  const form = root.querySelector("form");
  const results = root.querySelector("[data-results]");
  let generation = 0;

  async function plan() {
    const current = ++generation;
    const values = formValues(form);
    let answer;
    try {
      answer = await w.call("plan", values);
    } catch {
      w.say("survey.state.engine_error");
      return;
    }
    if (current !== generation) return;
    if (!answer.ok) {
      w.message.textContent = w.errorText(answer.error);
      results.hidden = true;
      root.dataset.state = "error";
      return;
    }
    w.message.textContent = "";
    const result = answer.result;
    const unit = root.querySelector('[data-output="unit"]').textContent;
    const margin = w.number(result.margin, result.margin % 1 === 0 ? 0 : 1);
    root.querySelector('[data-output="n"]').textContent = w.number(result.n, 0);
    root.querySelector('[data-output="explain"]').textContent = w.text("survey.plan.explain", {
      margin,
      unit,
      assurance: result.assurance,
    });
    root.querySelector('[data-output="usual"]').textContent =
      result.n_expected_unlimited >= result.n_unlimited
        ? w.text("survey.plan.usual_enough", { n: w.number(result.n_expected, 0) })
        : w.text("survey.plan.usual", {
            n: w.number(result.n_expected, 0),
            margin,
            unit,
            miss: w.number(100 * (1 - result.probability_expected), 0),
          });
    root.querySelector('[data-output="assumption"]').textContent = w.text(`survey.plan.assumption.${result.assumption}`);
    results.hidden = false;
    root.dataset.state = "done";
  }

  function showUnit() {
    const option = form.elements.namedItem("metric").selectedOptions[0];
    root.querySelector('[data-output="unit"]').textContent = w.text(`survey.plan.unit.${option.dataset.unit}`);
  }

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", () => {
    reflect(root, form);
    showUnit();
    plan();
  });
  form.addEventListener("input", () => plan());
  reflect(root, form);
  showUnit();
  root.addEventListener("focusin", () => plan(), { once: true });
  new IntersectionObserver((entries, observer) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      observer.disconnect();
      plan();
    }
  }).observe(root);
}

const SET_UP = { survey: setUpSurvey, "survey-compare": setUpCompare, "survey-plan": setUpPlan };
for (const root of document.querySelectorAll("[data-analysis]")) SET_UP[root.dataset.analysis]?.(root);
