// Self-assessments: answers stay in this browser (localStorage under motteruum.assessment.<name>,
// through storage.js: without storage they last while the page is open, and a notice says so),
// the Python engine scores them, exports them as CSV/JSON, and aggregates the CSV files of a
// team. No scoring here.
//
// Answers in the address (?cx=…) are also how answers are shared. A link from someone else never
// overwrites the reader's own: its answers are shown under a banner until the reader chooses
// "Keep mine" (the link's answers leave the address, the stored ones come back) or "Use these"
// (they are stored, under no name). Until then nothing is stored. The address the widget writes
// itself is marked in history.state, so a reload shows the reader's own answers without the
// banner (and keeps them, and the name, when the browser stores nothing).
// Markup contract: root [data-assessment=cx|ex][data-state], one radio group per aspect id,
// outputs [data-output=mean|answered|weakest], [data-storage-notice], [data-shared].
import { activator, download, fill, formatNumber, whenSeen } from "./engine.js";
import { isRecord, openStore, showStorageNotice } from "./storage.js";

function setUp(root) {
  const name = root.dataset.assessment;
  const lang = root.lang || document.documentElement.lang;
  const strings = JSON.parse(root.querySelector("[data-strings]").textContent);
  const aspects = JSON.parse(root.querySelector("[data-aspects]").textContent);
  const form = root.querySelector("form");
  const participant = root.querySelector("[data-participant]");
  const status = root.querySelector("[data-status]");
  const message = root.querySelector('[data-output="message"]');
  const store = openStore("motteruum.assessment");
  const banner = root.querySelector("[data-shared]");
  const mark = `motteruum.assessment.${name}`; // our own answers in history.state
  let running = null;
  let latest = null;
  let shared = false; // showing a link's answers, the reader has not chosen yet

  const out = (key) => root.querySelector(`[data-output="${key}"]`);
  const label = (id) => root.querySelector(`#aspect-${id} legend`).textContent;
  const link = (id) => root.querySelector(`#aspect-${id} .mr-assessment__note a`);

  function answers() {
    const values = {};
    for (const id of aspects) {
      const checked = form.querySelector(`input[name="${id}"]:checked`);
      values[id] = checked ? checked.value : "";
    }
    return values;
  }

  function setAnswers(values) {
    for (const id of aspects) {
      for (const input of form.querySelectorAll(`input[name="${id}"]`)) {
        input.checked = input.value === String(values[id] ?? "");
      }
    }
  }

  // The answers in the address: ?cx=3412… (one digit per aspect in page order, 0 = none).
  function encode(values) {
    return aspects.map((id) => values[id] || "0").join("");
  }

  function linkCode() {
    const code = new URLSearchParams(location.search).get(name);
    return code && /^[0-4]+$/.test(code) ? code : null;
  }

  function decode(code) {
    return Object.fromEntries(aspects.map((id, i) => [id, code[i] && code[i] !== "0" ? code[i] : ""]));
  }

  function address(code) {
    const params = new URLSearchParams(location.search);
    if (code === null) params.delete(name);
    else params.set(name, code);
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
  }

  function replaceAddress(state, url) {
    try {
      history.replaceState(state, "", url);
    } catch {
      // some browsers refuse many replacements in a row: the address is only a convenience
    }
  }

  // A stored value: {answers: {aspect: "1".."4" or ""}, participant: "…"}; anything else is
  // set aside by the store as corrupt.
  function validStored(value) {
    if (!isRecord(value) || !isRecord(value.answers)) return false;
    if (value.participant != null && typeof value.participant !== "string") return false;
    return Object.values(value.answers).every(
      (answer) => answer === null || ((typeof answer === "string" || typeof answer === "number") && /^[1-4]?$/.test(String(answer))),
    );
  }

  function stored() {
    const value = store.get(name, validStored);
    if (!value) return { answers: {}, participant: "" };
    const values = Object.fromEntries(aspects.map((id) => [id, String(value.answers[id] ?? "")]));
    return { answers: values, participant: value.participant || "" };
  }

  /** What this widget wrote into this history entry: {code, participant}, or null. */
  function ownState() {
    const own = isRecord(history.state) ? history.state[mark] : null;
    return isRecord(own) && typeof own.code === "string" ? own : null;
  }

  function save() {
    const values = answers();
    const code = encode(values);
    const state = isRecord(history.state) ? { ...history.state } : {};
    if (shared) {
      // the link's answers, as the reader changes them, stay in the address only
      delete state[mark];
    } else {
      store.set(name, { answers: values, participant: participant.value });
      state[mark] = { code, participant: participant.value };
    }
    replaceAddress(state, address(code));
  }

  function showShared(on) {
    shared = on;
    banner.hidden = !on;
  }

  function restore() {
    const code = linkCode();
    const mine = stored();
    const own = ownState();
    if (code === null) {
      participant.value = mine.participant;
      setAnswers(mine.answers);
    } else if (own && own.code === code) {
      // the address this widget wrote, e.g. before a reload: the reader's own answers
      participant.value = typeof own.participant === "string" ? own.participant : mine.participant;
      setAnswers(decode(code));
    } else if (aspects.every((id) => decode(code)[id] === mine.answers[id])) {
      // a link to the answers stored here
      participant.value = mine.participant;
      setAnswers(mine.answers);
    } else {
      participant.value = ""; // the stored answers' name is not the link's
      setAnswers(decode(code));
      showShared(true);
    }
  }

  function keepMine() {
    const mine = stored();
    showShared(false);
    const state = isRecord(history.state) ? { ...history.state } : {};
    delete state[mark];
    replaceAddress(state, address(null));
    participant.value = mine.participant;
    setAnswers(mine.answers);
    focusAnswers();
    score();
  }

  function useThese() {
    showShared(false);
    save(); // the link's answers, under the name in the field (the link carries none)
    focusAnswers();
  }

  function focusAnswers() {
    const first = form.querySelector("input:checked") || form.querySelector("input");
    first?.focus();
  }

  function scoreForm() {
    return { aspects: aspects.join(" "), ...answers() };
  }

  function setState(state) {
    root.dataset.state = state;
    status.textContent = strings[`calc.state.${state}`];
    root.querySelector("[data-retry]").hidden = state !== "error";
  }

  // The chart's geometry is the template's (assessment_chart.html.j2): a bar is data-unit long per point.
  function drawBars(chart, values) {
    const description = [];
    const unit = Number(chart.dataset.unit);
    for (const id of aspects) {
      const bar = chart.querySelector(`[data-bar="${id}"] rect`);
      const value = values[id];
      bar.setAttribute("width", value === null || value === undefined ? "0" : String(Math.round(value * unit * 10) / 10));
      description.push(`${label(id)}: ${value === null || value === undefined ? strings["assess.unanswered"] : formatNumber(value, lang, Number.isInteger(value) ? 0 : 1)}`);
    }
    chart.setAttribute("aria-label", `${strings["assess.chart"]}. ${description.join("; ")}`);
  }

  function showScore(answer) {
    if (!answer.ok) {
      message.textContent = fill(strings[`calc.error.${answer.error.code}`] || strings["calc.error.internal_error"], {
        values: answer.error.values.join(", "),
      });
      return;
    }
    const result = answer.result;
    latest = result;
    message.textContent = "";
    out("mean").textContent = result.mean === null ? "–" : formatNumber(result.mean, lang, 2);
    out("answered").textContent = fill(strings["assess.answered.value"], {
      answered: result.answered,
      total: result.n_aspects,
    });
    const weakest = out("weakest");
    if (result.weakest.length === 0) {
      const item = document.createElement("li");
      item.textContent = strings["assess.weakest.none"];
      weakest.replaceChildren(item);
    } else {
      weakest.replaceChildren(
        ...result.weakest.map((id) => {
          const item = document.createElement("li");
          const source = link(id);
          const text = `${label(id)} (${result.profile[id]})`;
          if (source) {
            const anchor = document.createElement("a");
            anchor.href = source.getAttribute("href");
            anchor.textContent = text;
            item.append(anchor);
          } else {
            item.textContent = text;
          }
          return item;
        }),
      );
    }
    drawBars(root.querySelector('[data-chart=""]'), result.profile);
    for (const id of aspects) {
      const cell = root.querySelector(`[data-output="profile"] tr[data-aspect="${id}"] [data-cell="value"]`);
      const value = result.profile[id];
      cell.textContent = value === null ? strings["assess.unanswered"] : String(value);
    }
  }

  // A call of the engine; null when the engine stopped meanwhile (its retry state is shown).
  async function ask(call, form) {
    try {
      return await running.call("assessment", call, form);
    } catch {
      return null;
    }
  }

  async function score() {
    if (!running || root.dataset.state !== "ready") return;
    const answer = await ask("score", scoreForm());
    if (answer) showScore(answer);
  }

  async function exportCsv() {
    if (!running || root.dataset.state !== "ready") return;
    if (!participant.value.trim()) {
      message.textContent = strings["assess.name_needed"];
      participant.focus();
      return;
    }
    const answer = await ask("export", { ...scoreForm(), participant: participant.value });
    if (!answer) return;
    if (!answer.ok) return showScore(answer);
    const slug = participant.value.trim().replace(/\s+/g, "-");
    download(`${name}-self-assessment-${slug}.csv`, "text/csv;charset=utf-8", `\ufeff${answer.result.csv}`);
  }

  function exportJson() {
    if (!latest) return;
    const data = { assessment: name, participant: participant.value, answers: answers(), result: latest };
    download(`${name}-self-assessment.json`, "application/json", `${JSON.stringify(data, null, 2)}\n`);
  }

  async function team(text) {
    if (!running || root.dataset.state !== "ready") return;
    const answer = await ask("team", { aspects: aspects.join(" "), csv: text });
    if (!answer) return;
    const teamMessage = out("team-message");
    const problems = out("team-problems");
    if (!answer.ok) {
      teamMessage.textContent = fill(strings[`calc.error.${answer.error.code}`] || "", {});
      problems.replaceChildren();
      return;
    }
    teamMessage.textContent = "";
    const { team: result, problems: found } = answer.result;
    problems.replaceChildren(
      ...found.map((problem) => {
        const item = document.createElement("li");
        const detail = fill(strings[`team.code.${problem.code}`] || problem.code, {
          value: problem.value ?? "",
          ...problem.params,
        });
        const key = problem.column ? "team.problem" : "team.problem.row";
        item.textContent = fill(strings[key], { row: problem.row, column: problem.column, message: detail });
        return item;
      }),
    );
    out("team-participants").textContent = String(result.n_participants);
    out("team-mean").textContent = result.mean === null || result.mean === undefined ? "–" : formatNumber(result.mean, lang, 2);
    const means = {};
    for (const row of result.aspects || []) {
      means[row.aspect] = row.mean;
      const cells = root.querySelector(`[data-output="team-table"] tr[data-aspect="${row.aspect}"]`);
      const number = (value, digits) => (value === null ? "–" : formatNumber(value, lang, digits));
      cells.querySelector('[data-cell="n"]').textContent = String(row.n);
      cells.querySelector('[data-cell="mean"]').textContent = number(row.mean, 2);
      cells.querySelector('[data-cell="range"]').textContent = row.min === null ? "–" : `${row.min}–${row.max}`;
      cells.querySelector('[data-cell="sd"]').textContent = number(row.standard_deviation, 2);
    }
    drawBars(root.querySelector('[data-chart="team"]'), means);
  }

  const activate = activator(root, setState, (widget) => {
    running = widget;
    score();
  });

  showStorageNotice(root.querySelector("[data-storage-notice]"), store);
  restore();
  root.querySelector("[data-shared-keep]").addEventListener("click", keepMine);
  root.querySelector("[data-shared-use]").addEventListener("click", useThese);
  form.addEventListener("change", () => {
    save();
    score();
  });
  participant.addEventListener("input", save);
  root.querySelector("[data-retry]").addEventListener("click", activate);
  root.querySelector('[data-export="csv"]').addEventListener("click", exportCsv);
  root.querySelector('[data-export="json"]').addEventListener("click", exportJson);
  root.querySelector("[data-print]").addEventListener("click", () => window.print());
  root.querySelector("[data-clear]").addEventListener("click", () => {
    setAnswers({});
    save();
    score();
  });
  root.querySelector("[data-copy-link]").addEventListener("click", async () => {
    save();
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = strings["assess.copied"];
    } catch {
      window.prompt("", location.href);
    }
  });
  const csv = root.querySelector("[data-team-csv]");
  csv.addEventListener("input", () => team(csv.value));
  root.querySelector("[data-team-file]").addEventListener("change", async (event) => {
    const texts = await Promise.all(Array.from(event.target.files, (file) => file.text()));
    csv.value = texts.join("\n");
    team(csv.value);
  });
  whenSeen(root, activate);
}

document.querySelectorAll("[data-assessment]").forEach(setUp);
