// Self-assessments: answers stay in this browser (localStorage), the Python engine scores them,
// exports them as CSV/JSON, and aggregates the CSV files of a team. No scoring here.
// Markup contract: root [data-assessment=cx|ex][data-state], one radio group per aspect id,
// outputs [data-output=mean|answered|weakest].
import { activator, fill, formatNumber, whenSeen } from "./engine.js";

function setUp(root) {
  const name = root.dataset.assessment;
  const lang = root.lang || document.documentElement.lang;
  const strings = JSON.parse(root.querySelector("[data-strings]").textContent);
  const aspects = JSON.parse(root.querySelector("[data-aspects]").textContent);
  const form = root.querySelector("form");
  const participant = root.querySelector("[data-participant]");
  const status = root.querySelector("[data-status]");
  const message = root.querySelector('[data-output="message"]');
  const storageKey = `motteruum.assessment.${name}`;
  let running = null;
  let latest = null;

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
  function fromUrl() {
    const code = new URLSearchParams(location.search).get(name);
    if (!code || !/^[0-4]+$/.test(code)) return null;
    return Object.fromEntries(aspects.map((id, i) => [id, code[i] && code[i] !== "0" ? code[i] : ""]));
  }

  function toUrl(values) {
    const params = new URLSearchParams(location.search);
    params.set(name, aspects.map((id) => values[id] || "0").join(""));
    return `${location.pathname}?${params}${location.hash}`;
  }

  function save() {
    const values = answers();
    localStorage.setItem(storageKey, JSON.stringify({ answers: values, participant: participant.value }));
    history.replaceState(history.state, "", toUrl(values));
  }

  function restore() {
    const stored = JSON.parse(localStorage.getItem(storageKey) || "null");
    if (stored) participant.value = stored.participant || "";
    setAnswers(fromUrl() || (stored ? stored.answers : {}));
  }

  function scoreForm() {
    return { aspects: aspects.join(" "), ...answers() };
  }

  function setState(state) {
    root.dataset.state = state;
    status.textContent = strings[`calc.state.${state}`];
    root.querySelector("[data-retry]").hidden = state !== "error";
  }

  function drawBars(chart, values) {
    const description = [];
    for (const id of aspects) {
      const bar = chart.querySelector(`[data-bar="${id}"] rect`);
      const value = values[id];
      bar.setAttribute("width", value === null || value === undefined ? "0" : String(Math.round(value * 1000) / 10));
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

  async function score() {
    if (!running || root.dataset.state !== "ready") return;
    showScore(await running.call("assessment_score", name, scoreForm()));
  }

  function download(fileName, type, text) {
    const blob = new Blob([text], { type });
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = fileName;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
  }

  async function exportCsv() {
    if (!running || root.dataset.state !== "ready") return;
    if (!participant.value.trim()) {
      message.textContent = strings["assess.name_needed"];
      participant.focus();
      return;
    }
    const answer = await running.call("assessment_export", name, { ...scoreForm(), participant: participant.value });
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
    const answer = await running.call("assessment_team", name, { aspects: aspects.join(" "), csv: text });
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

  restore();
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
