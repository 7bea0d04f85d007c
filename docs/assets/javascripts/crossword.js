// Crossword player: plays the puzzle the build embedded in the page ([data-puzzle] JSON), keeps
// progress in this browser, and asks the Python generator (Pyodide in the page's worker, loaded
// only then) for a new layout of the same entries. No layout logic here: Python lays out.
// Markup contract: hooks/motteruum/templates/crossword.html.j2 is the one definition of the
// markup. This script builds none of it: it draws a puzzle (the page's own and a new one) into
// the page's tables and lists from copies of the template's <template> elements (a row, a square,
// a block, a clue, an answer), filling in numbers, letters, texts and positions, and adds only
// what the player needs (roles, labels, states, the input over the cursor's square).
import { engine, fill } from "./engine.js";
import { isRecord, openStore, showStorageNotice } from "./storage.js";

const BLOCK = ".";
const STORE = "motteruum.crossword";
const CONFIRM_MS = 5000;
const LETTER = /\p{L}\p{M}*/gu;
const MARKS = /^\p{M}+$/u;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// What is kept under motteruum.crossword.<lang>.<puzzle id> (letters) and .<lang>.current (a new
// puzzle). storage.js never throws: without storage, progress lasts while the page is open.
const PROGRESS = (value) => isRecord(value) && Array.isArray(value.letters);
const CURRENT = (value) => isRecord(value) && typeof value.base === "string" && isRecord(value.puzzle);

function writeJson(store, key, value) {
  if (value === null) store.remove(key);
  else store.set(key, value);
}

function duration(ms) {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** The puzzle data as cells and words: which word runs through which cell, in which order. */
function model(data) {
  const width = data.width;
  const solution = data.solution.map((row) => Array.from(row));
  const cells = new Array(width * data.height).fill(null);
  solution.forEach((row, r) =>
    row.forEach((letter, c) => {
      if (letter !== BLOCK) cells[r * width + c] = { answer: letter, across: null, down: null, number: 0 };
    }),
  );
  const words = data.clues.map((clue) => {
    const step = clue.direction === "across" ? 1 : width;
    const start = clue.row * width + clue.col;
    const indices = Array.from({ length: clue.length }, (_, k) => start + k * step);
    return { ...clue, indices, key: `${clue.number}-${clue.direction}` };
  });
  // Tab order: every across clue, then every down clue, each by number.
  const order = [...words.filter((w) => w.direction === "across"), ...words.filter((w) => w.direction === "down")];
  order.forEach((word, w) => {
    word.order = w;
    for (const index of word.indices) cells[index][word.direction] = w;
    cells[word.indices[0]].number = word.number;
  });
  return { data, width, height: data.height, cells, words: order };
}

function setUp(root) {
  const lang = root.lang || document.documentElement.lang;
  const strings = JSON.parse(root.querySelector("[data-strings]").textContent);
  const base = JSON.parse(root.querySelector("[data-puzzle]").textContent);
  const t = (key, values) => fill(strings[`crossword.${key}`] || "", values || {});
  const store = openStore(STORE);
  const board = root.querySelector("[data-board]");
  const clueLists = root.querySelector("[data-clues]");
  const keyBody = root.querySelector("[data-key-body]");
  const status = root.querySelector("[data-status]");
  const toolbar = root.querySelector("[data-toolbar]");
  const help = root.querySelector("[data-help]");
  const button = (action) => toolbar.querySelector(`[data-action="${action}"]`);

  const current = element("p", "mr-crossword__current");
  current.setAttribute("aria-live", "polite");
  current.dataset.current = "";
  root.querySelector(".mr-crossword__layout").before(current);

  const input = element("input", "mr-crossword__input");
  Object.assign(input, { type: "text", autocomplete: "off", spellcheck: false });
  input.setAttribute("autocapitalize", "characters");
  input.setAttribute("autocorrect", "off");
  input.setAttribute("enterkeyhint", "next");
  input.setAttribute("aria-describedby", help.id);
  input.dataset.input = "";

  let puzzle = null; // model() of the puzzle on screen
  let letters = [];
  let revealed = new Set();
  let wrong = new Set();
  let elapsed = 0;
  let since = null; // when the clock last started (Date.now()), null while stopped
  let done = false;
  let at = 0; // the cell index of the cursor
  let direction = "across";
  let lastTyped = -1;
  let composed = "";
  let printKey = false;

  const progressKey = () => `${lang}.${puzzle.data.id}`;
  const currentKey = `${lang}.current`;
  const tdAt = (index) => grid.rows[Math.floor(index / puzzle.width)].cells[index % puzzle.width];
  const wordAt = (index, way = direction) => {
    const cell = puzzle.cells[index];
    return cell && cell[way] !== null ? puzzle.words[cell[way]] : null;
  };
  const word = () => wordAt(at) || wordAt(at, other(direction));
  const other = (way) => (way === "across" ? "down" : "across");
  const clueText = (w) => `${w.clue} ${w.enumeration}`;
  const letterCells = () => puzzle.cells.flatMap((cell, index) => (cell ? [index] : []));

  // -- drawing -------------------------------------------------------------------------------

  // The markup is the template's (crossword.html.j2): the page's own tables and lists, whose
  // rows and items are drawn again from copies of its <template> elements, filled in.
  const grid = board.querySelector("table[data-grid]");
  const keyGrid = keyBody.querySelector("table");
  const copy = (name, selector) => root.querySelector(`template[data-template="${name}"]`).content.querySelector(selector);
  const prototypes = {
    row: copy("row", "tr"),
    square: copy("square", "td"),
    keySquare: copy("key-square", "td"),
    block: copy("block", "td"),
    clue: copy("clue", "li"),
    answer: copy("answer", "li"),
  };
  grid.setAttribute("role", "grid");
  grid.setAttribute("aria-describedby", help.id);
  board.replaceChildren(grid, input);

  function numbered(node, number) {
    const label = node.querySelector(".mr-clue__number, .mr-cell__number");
    if (number) label.textContent = String(number);
    else label.remove();
    return node;
  }

  function drawGrid(table, key) {
    const rows = [];
    for (let r = 0; r < puzzle.height; r++) {
      const row = prototypes.row.cloneNode(true);
      for (let c = 0; c < puzzle.width; c++) {
        const cell = puzzle.cells[r * puzzle.width + c];
        if (!cell) {
          row.append(prototypes.block.cloneNode(true));
          continue;
        }
        const td = numbered((key ? prototypes.keySquare : prototypes.square).cloneNode(true), cell.number);
        if (key) td.querySelector(".mr-cell__letter").textContent = cell.answer;
        else Object.assign(td.dataset, { row: String(r), col: String(c) });
        row.append(td);
      }
      rows.push(row);
    }
    table.tBodies[0].replaceChildren(...rows);
  }

  function drawClues(words, withAnswers) {
    return words.map((w) => {
      const item = numbered((withAnswers ? prototypes.answer : prototypes.clue).cloneNode(true), w.number);
      item.value = w.number;
      if (withAnswers) {
        item.querySelector(".mr-clue__answer").textContent = w.answer;
      } else {
        item.dataset.clue = w.key;
        item.querySelector(".mr-clue__text").textContent = clueText(w);
      }
      return item;
    });
  }

  function draw() {
    root.style.setProperty("--mr-cols", puzzle.width);
    root.style.setProperty("--mr-rows", puzzle.height);
    drawGrid(grid, false);
    drawGrid(keyGrid, true);
    grid.setAttribute("aria-label", t("grid_label", { width: puzzle.width, height: puzzle.height }));
    for (const way of ["across", "down"]) {
      const words = puzzle.words.filter((w) => w.direction === way);
      clueLists.querySelector(`[data-list="${way}"] ol`).replaceChildren(...drawClues(words, false));
      keyBody.querySelectorAll("ol")[way === "across" ? 0 : 1].replaceChildren(...drawClues(words, true));
    }
    button("original").hidden = puzzle.data.id === base.id;
  }

  function paintCell(index) {
    const td = tdAt(index);
    td.querySelector(".mr-cell__letter").textContent = letters[index] || "";
    td.classList.toggle("mr-cell--wrong", wrong.has(index));
    td.classList.toggle("mr-cell--revealed", revealed.has(index));
  }

  function paintCursor() {
    const w = word();
    if (w && w.direction !== direction) direction = w.direction;
    for (const td of grid.querySelectorAll(".mr-cell--word, .mr-cell--current")) {
      td.classList.remove("mr-cell--word", "mr-cell--current");
    }
    for (const item of clueLists.querySelectorAll("[aria-current]")) item.removeAttribute("aria-current");
    if (!w) return;
    for (const index of w.indices) tdAt(index).classList.add("mr-cell--word");
    const td = tdAt(at);
    td.classList.add("mr-cell--current");
    clueLists.querySelector(`[data-clue="${w.key}"]`).setAttribute("aria-current", "true");
    const crossing = wordAt(at, other(direction));
    if (crossing) clueLists.querySelector(`[data-clue="${crossing.key}"]`).setAttribute("aria-current", "false");
    const announced = t("announce", { number: w.number, direction: t(`direction.${w.direction}`), clue: clueText(w) });
    if (current.textContent !== announced) current.textContent = announced; // once per word
    input.setAttribute(
      "aria-label",
      t("input", {
        number: w.number,
        direction: t(`direction.${w.direction}`),
        position: w.indices.indexOf(at) + 1,
        length: w.length,
      }),
    );
    const boardBox = board.getBoundingClientRect();
    const box = td.getBoundingClientRect();
    input.style.left = `${box.left - boardBox.left + board.scrollLeft}px`;
    input.style.top = `${box.top - boardBox.top + board.scrollTop}px`;
    input.style.width = `${box.width}px`;
    input.style.height = `${box.height}px`;
  }

  function say(text, kind = "") {
    status.textContent = text;
    status.dataset.kind = kind;
  }

  // -- progress ------------------------------------------------------------------------------

  function clock() {
    return elapsed + (since === null ? 0 : Date.now() - since);
  }

  function startClock() {
    if (since === null && !done && document.visibilityState !== "hidden") since = Date.now();
  }

  function stopClock() {
    elapsed = clock();
    since = null;
  }

  function save() {
    writeJson(store, progressKey(), {
      letters,
      revealed: [...revealed],
      elapsed: clock(),
      done,
    });
  }

  function restore() {
    const saved = store.get(progressKey(), PROGRESS);
    const size = puzzle.width * puzzle.height;
    letters = new Array(size).fill("");
    revealed = new Set();
    wrong = new Set();
    elapsed = 0;
    since = null;
    done = false;
    if (saved && Array.isArray(saved.letters) && saved.letters.length === size) {
      saved.letters.forEach((letter, index) => {
        if (puzzle.cells[index] && typeof letter === "string") letters[index] = letter;
      });
      for (const index of saved.revealed || []) if (puzzle.cells[index]) revealed.add(index);
      elapsed = Number(saved.elapsed) || 0;
      done = saved.done === true;
    }
    letterCells().forEach(paintCell);
    if (done) say(solvedText(), "done");
    else say("");
  }

  function solvedText() {
    return revealed.size
      ? t("status.solved_revealed", { time: duration(elapsed), count: revealed.size })
      : t("status.solved", { time: duration(elapsed) });
  }

  function afterChange() {
    const cells = letterCells();
    const full = cells.every((index) => letters[index]);
    const right = full && cells.every((index) => letters[index] === puzzle.cells[index].answer);
    if (right && !done) {
      stopClock();
      done = true;
      say(solvedText(), "done");
    } else if (!right && done) {
      done = false;
    }
    if (full && !right) say(t("status.full_wrong"), "wrong");
    save();
  }

  // -- the cursor ----------------------------------------------------------------------------

  function select(index, way = direction) {
    if (!puzzle.cells[index]) return;
    at = index;
    direction = wordAt(index, way) ? way : other(way);
    paintCursor();
  }

  function focusGrid() {
    input.focus({ preventScroll: true });
    tdAt(at).scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  function selectWord(w) {
    const start = w.indices.find((index) => !letters[index]) ?? w.indices[0];
    select(start, w.direction);
  }

  function stepInWord(delta) {
    const w = word();
    const k = w.indices.indexOf(at) + delta;
    if (k >= 0 && k < w.indices.length) select(w.indices[k], w.direction);
  }

  function move(dr, dc) {
    const way = dr === 0 ? "across" : "down";
    if (way !== direction && wordAt(at, way)) {
      select(at, way); // the first arrow across the word turns the cursor
      return;
    }
    let r = Math.floor(at / puzzle.width) + dr;
    let c = (at % puzzle.width) + dc;
    while (r >= 0 && r < puzzle.height && c >= 0 && c < puzzle.width) {
      const index = r * puzzle.width + c;
      if (puzzle.cells[index]) {
        select(index, way);
        return;
      }
      r += dr;
      c += dc;
    }
  }

  function nextWord(delta) {
    const k = word().order + delta;
    if (k < 0 || k >= puzzle.words.length) return false;
    selectWord(puzzle.words[k]);
    return true;
  }

  // -- typing --------------------------------------------------------------------------------

  function put(index, letter) {
    if (revealed.has(index)) return;
    letters[index] = letter;
    wrong.delete(index);
    paintCell(index);
  }

  function typeText(text) {
    const upper = text.normalize("NFC").toLocaleUpperCase(lang);
    if (MARKS.test(upper) && lastTyped >= 0 && letters[lastTyped]) {
      // a combining mark typed on its own joins the letter typed before it (A + ¨ = Ä)
      const joined = (letters[lastTyped] + upper).normalize("NFC");
      if (Array.from(joined).length === 1) put(lastTyped, joined);
      afterChange();
      return;
    }
    const found = upper.match(LETTER);
    if (!found) return;
    startClock();
    for (const raw of found) {
      const letter = raw.normalize("NFC");
      put(at, letter);
      lastTyped = at;
      stepInWord(1);
    }
    afterChange();
  }

  function backspace() {
    if (!letters[at] || revealed.has(at)) stepInWord(-1);
    put(at, "");
    lastTyped = -1;
    afterChange();
  }

  function lettersOf(text) {
    return (text.normalize("NFC").toLocaleUpperCase(lang).match(LETTER) || []).map((l) => l.normalize("NFC"));
  }

  // During a composition (phone keyboards composing a word, dead keys), the letters typed so
  // far are entered as they come: only the difference to what was entered already.
  function composing(text) {
    const before = lettersOf(composed);
    const after = lettersOf(text);
    let same = 0;
    while (same < before.length && same < after.length && before[same] === after[same]) same++;
    for (let k = before.length; k > same; k--) backspace();
    if (after.length > same) typeText(after.slice(same).join(""));
    composed = text;
  }

  input.addEventListener("beforeinput", (event) => {
    if (event.isComposing || event.inputType === "insertCompositionText") return;
    if (event.inputType.startsWith("delete")) {
      event.preventDefault();
      if (event.inputType === "deleteContentForward") {
        put(at, "");
        afterChange();
      } else {
        backspace();
      }
    } else if (event.data) {
      event.preventDefault();
      typeText(event.data);
    }
  });

  input.addEventListener("input", (event) => {
    if (event.isComposing) {
      composing(input.value);
      return;
    }
    if (input.value) typeText(input.value); // anything not seen by beforeinput
    input.value = "";
  });

  input.addEventListener("compositionend", (event) => {
    composing(event.data || "");
    composed = "";
    input.value = "";
  });

  input.addEventListener("keydown", (event) => {
    if (event.isComposing || event.keyCode === 229 || event.altKey || event.ctrlKey || event.metaKey) return;
    const keys = {
      ArrowLeft: () => move(0, -1),
      ArrowRight: () => move(0, 1),
      ArrowUp: () => move(-1, 0),
      ArrowDown: () => move(1, 0),
      Home: () => select(word().indices[0], word().direction),
      End: () => select(word().indices.at(-1), word().direction),
      Enter: () => select(at, other(direction)),
      Backspace: backspace,
      Delete: () => {
        put(at, "");
        afterChange();
      },
    };
    if (event.key === "Tab") {
      if (nextWord(event.shiftKey ? -1 : 1)) event.preventDefault();
      return; // at the first or the last clue, Tab leaves the grid
    }
    if (keys[event.key]) {
      event.preventDefault();
      keys[event.key]();
    }
  });

  input.addEventListener("focus", () => {
    root.classList.add("mr-crossword--active");
    paintCursor();
  });
  input.addEventListener("blur", () => root.classList.remove("mr-crossword--active"));
  // A click on the cursor's cell (the input lies over it) turns the cursor, once focused.
  let hadFocus = false;
  input.addEventListener("pointerdown", () => {
    hadFocus = document.activeElement === input;
  });
  input.addEventListener("click", () => {
    if (hadFocus) select(at, other(direction));
  });

  board.addEventListener("click", (event) => {
    const td = event.target.closest(".mr-cell");
    if (!td || !grid.contains(td)) return;
    const index = td.parentElement.rowIndex * puzzle.width + td.cellIndex;
    if (index === at && document.activeElement === input) select(at, other(direction));
    else select(index);
    focusGrid();
  });

  clueLists.addEventListener("click", (event) => {
    const item = event.target.closest("[data-clue]");
    if (!item) return;
    selectWord(puzzle.words.find((w) => w.key === item.dataset.clue));
    focusGrid();
  });

  // -- check, reveal, clear ------------------------------------------------------------------

  function scope(kind) {
    if (kind === "letter") return [at];
    if (kind === "word") return word().indices;
    return letterCells();
  }

  function check(kind) {
    let checked = 0;
    for (const index of scope(kind)) {
      if (!letters[index] || revealed.has(index)) continue;
      checked++;
      if (letters[index] !== puzzle.cells[index].answer) wrong.add(index);
      else wrong.delete(index);
      paintCell(index);
    }
    const mistakes = scope(kind).filter((index) => wrong.has(index)).length;
    if (!checked) say(t("status.empty"));
    else if (mistakes) say(t("status.wrong", { count: mistakes }), "wrong");
    else say(t("status.correct"), "right");
  }

  function reveal(kind) {
    startClock();
    for (const index of scope(kind)) {
      if (letters[index] === puzzle.cells[index].answer) continue;
      letters[index] = puzzle.cells[index].answer;
      revealed.add(index);
      wrong.delete(index);
      paintCell(index);
    }
    say(t("status.revealed"));
    afterChange();
  }

  function clear(kind) {
    if (kind === "grid") {
      letters = letters.map(() => "");
      revealed = new Set();
      wrong = new Set();
      elapsed = 0;
      since = null;
      done = false;
      letterCells().forEach(paintCell);
    } else {
      for (const index of scope(kind)) put(index, "");
    }
    say(t("status.cleared"));
    afterChange();
  }

  const actions = { check, reveal, clear };
  const armed = new Map();

  toolbar.addEventListener("click", (event) => {
    const target = event.target.closest("[data-action]");
    if (!target || target.disabled) return;
    const action = target.dataset.action;
    if ("confirm" in target.dataset && !armed.has(target)) {
      const label = target.textContent;
      target.textContent = t("confirm");
      say(t("status.confirm"));
      armed.set(
        target,
        setTimeout(() => {
          target.textContent = label;
          armed.delete(target);
        }, CONFIRM_MS),
      );
      target.dataset.label = label;
      return;
    }
    if (armed.has(target)) {
      clearTimeout(armed.get(target));
      armed.delete(target);
      target.textContent = target.dataset.label;
    }
    const [verb, kind] = action.split("-");
    if (actions[verb]) {
      actions[verb](kind);
      return;
    }
    if (action === "new") newPuzzle();
    else if (action === "original") show(base, true);
    else if (action === "print") print(false);
    else if (action === "print-key") print(true);
  });

  // -- printing ------------------------------------------------------------------------------

  const keyDetails = root.querySelector("[data-key]");
  let keyWasOpen = null;

  function endKeyPrint() {
    root.classList.remove("mr-crossword--print-key");
    if (keyWasOpen !== null) keyDetails.open = keyWasOpen;
    keyWasOpen = null;
  }

  function print(key) {
    endKeyPrint();
    printKey = key;
    if (key) {
      keyWasOpen = keyDetails.open;
      keyDetails.open = true;
      root.classList.add("mr-crossword--print-key");
    }
    window.print();
  }

  window.addEventListener("beforeprint", () => {
    if (!printKey) endKeyPrint(); // printed from the browser's menu: the puzzle, not the key
    printKey = false;
  });
  window.addEventListener("afterprint", endKeyPrint);

  // -- puzzles -------------------------------------------------------------------------------

  function show(data, announce) {
    if (puzzle) {
      stopClock();
      save();
    }
    puzzle = model(data);
    root.dataset.puzzleId = data.id;
    draw();
    restore();
    writeJson(store, currentKey, data.id === base.id ? null : { base: base.id, puzzle: data });
    at = puzzle.words[0].indices[0];
    direction = puzzle.words[0].direction;
    paintCursor();
    if (announce) say(data.id === base.id ? t("status.original") : t("status.new", { count: puzzle.words.length }));
  }

  async function newPuzzle() {
    const trigger = button("new");
    trigger.disabled = true;
    root.dataset.state = "busy";
    say(t("status.loading"));
    try {
      const running = engine();
      await running.ready;
      const seed = crypto.getRandomValues(new Uint32Array(1))[0];
      const answer = await running.call("crossword_new", lang, {
        entries: base.entries,
        seed,
        avoid: puzzle.data.id,
      });
      if (!answer.ok) throw new Error(answer.error.message);
      show(answer.puzzle, true);
    } catch (error) {
      say(t("status.error", { message: error.message || String(error) }), "wrong");
    } finally {
      trigger.disabled = false;
      root.dataset.state = "ready";
    }
  }

  window.addEventListener("resize", () => {
    if (puzzle) paintCursor(); // the cells follow the width of the page
  });

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      if (since !== null) {
        stopClock();
        save();
      }
    } else if (letterCells().some((index) => letters[index])) {
      startClock();
    }
  });

  const saved = store.get(currentKey, CURRENT);
  const generated = saved && saved.base === base.id && saved.puzzle && saved.puzzle.solution ? saved.puzzle : null;
  try {
    show(generated || base, false);
  } catch {
    writeJson(store, currentKey, null);
    show(base, false);
  }
  if (letterCells().some((index) => letters[index]) && !done) startClock();
  showStorageNotice(root.querySelector("[data-storage-notice]"), store);
  help.hidden = false;
  toolbar.hidden = false;
  root.dataset.state = "ready";
}

document.querySelectorAll("[data-crossword]").forEach(setUp);
