"""The crossword in chromium: typing with the system keyboard, checking, keeping progress,
revealing, printing, and a new puzzle laid out by the Python generator through Pyodide."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Request, Route, expect

from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

PATH = {"et": "crossword/", "en": "en/crossword/"}
ENGINE_TIMEOUT = 90_000
ESTONIAN = set("ÕÄÖÜŠŽ")
SOLVED = {
    "et": r"Valmis! Lahendasid ristsõna ajaga \d+:\d\d\.",
    "en": r"Solved! Your time: \d+:\d\d\.",
}


def open_crossword(page: Page, site_url: str, lang: str) -> Locator:
    page.goto(f"{site_url}{PATH[lang]}")
    root = page.locator("[data-crossword]")
    expect(root).to_have_attribute("data-state", "ready")
    return root


def puzzle(root: Locator) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(root.locator("script[data-puzzle]").text_content() or "")
    return data


def cell(root: Locator, row: int, col: int) -> Locator:
    return root.locator(f"table[data-grid] tr:nth-child({row + 1}) td:nth-child({col + 1})")


def word_cells(root: Locator, clue: dict[str, Any]) -> list[Locator]:
    down = clue["direction"] == "down"
    return [
        cell(root, clue["row"] + k * down, clue["col"] + k * (not down))
        for k in range(clue["length"])
    ]


def cells_text(root: Locator, clue: dict[str, Any]) -> str:
    return "".join(
        c.locator(".mr-cell__letter").text_content() or "" for c in word_cells(root, clue)
    )


def cells_of(answer: str) -> str:
    return answer.replace(" ", "").replace("-", "")


def choose_clue(clues: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """An answer with an Estonian letter in it (in English, the first across answer)."""
    if lang == "en":
        return next(c for c in clues if c["direction"] == "across")
    return next(c for c in clues if ESTONIAN & set(c["answer"]) and " " not in c["answer"])


def key_grid(root: Locator) -> list[str]:
    """The rows of the answer key, "." where there is no letter."""
    rows: list[str] = root.locator("[data-key-body] table").evaluate(
        """table => [...table.rows].map((row) => [...row.cells]
            .map((td) => (td.querySelector(".mr-cell__letter") || { textContent: "." }).textContent)
            .join(""))"""
    )
    return rows


def positions(clue: dict[str, Any]) -> list[tuple[int, int]]:
    down = clue["direction"] == "down"
    return [(clue["row"] + k * down, clue["col"] + k * (not down)) for k in range(clue["length"])]


@pytest.mark.parametrize("lang", ["et", "en"])
def test_type_check_reload_reveal_and_print(page: Page, site_url: str, lang: str) -> None:
    root = open_crossword(page, site_url, lang)
    data = puzzle(root)
    clue = choose_clue(data["clues"], lang)
    answer = cells_of(clue["answer"])
    key = f"{clue['number']}-{clue['direction']}"
    root.locator(f'[data-clue="{key}"]').click()
    expect(page.locator("[data-input]")).to_be_focused()
    expect(root.locator(f'[data-clue="{key}"]')).to_have_attribute("aria-current", "true")
    expect(root.locator("[data-current]")).to_contain_text(clue["clue"])
    for td in word_cells(root, clue):
        expect(td).to_have_class(re.compile(r"\bmr-cell--word\b"))

    # Lower-case letters from the keyboard; an Estonian letter as a plain character and one
    # as a decomposed pair (A + combining diaeresis), both one upper-case NFC cell.
    special = next((k for k, ch in enumerate(answer) if ch in ESTONIAN), None)
    if special is None:  # English: the keyboard types the answer, one letter comes as text
        page.keyboard.type(answer[:-1].lower())
        page.keyboard.insert_text(answer[-1].lower())
    else:
        page.keyboard.type(answer[:special].lower())
        page.keyboard.insert_text(unicodedata.normalize("NFD", answer[special].lower()))
        page.keyboard.type(answer[special + 1 :].lower())
    expect(root.locator("[data-current]")).to_contain_text(clue["clue"])
    assert cells_text(root, clue) == answer
    assert unicodedata.is_normalized("NFC", cells_text(root, clue))

    root.locator('[data-action="check-word"]').click()
    expect(root.locator("[data-status]")).to_have_text(
        "Kontrollitud tähed on õiged." if lang == "et" else "Every checked letter is right."
    )
    # A wrong letter in another word is marked by "check letter".
    typed = set(positions(clue))
    other = next(c for c in data["clues"] if positions(c)[0] not in typed)
    first = word_cells(root, other)[0]
    wrong = "Ö" if cells_of(other["answer"])[0] != "Ö" else "Ä"
    root.locator(f'[data-clue="{other["number"]}-{other["direction"]}"]').click()
    page.keyboard.insert_text(wrong.lower())
    expect(first.locator(".mr-cell__letter")).to_have_text(wrong)
    page.keyboard.press("Home")
    root.locator('[data-action="check-letter"]').click()
    expect(first).to_have_class(re.compile(r"\bmr-cell--wrong\b"))
    expect(root.locator("[data-status]")).to_contain_text("1")

    page.reload()
    root = page.locator("[data-crossword]")
    expect(root).to_have_attribute("data-state", "ready")
    assert cells_text(root, clue) == answer
    expect(first.locator(".mr-cell__letter")).to_have_text(wrong)

    reveal = root.locator('[data-action="reveal-grid"]')
    reveal.click()  # asks to confirm first
    expect(root.locator("[data-status]")).to_have_text(
        "Vajuta sama nuppu uuesti, et kinnitada."
        if lang == "et"
        else "Press the same button again to confirm."
    )
    expect(first.locator(".mr-cell__letter")).to_have_text(wrong)
    reveal.click()
    for each in data["clues"]:
        assert cells_text(root, each) == cells_of(each["answer"])
    expect(root.locator(".mr-cell--revealed").first).to_be_visible()
    expect(root.locator("[data-status]")).to_have_text(
        re.compile(
            r"Valmis ajaga \d+:\d\d; näidatud tähti: \d+\."
            if lang == "et"
            else r"Complete in \d+:\d\d, with \d+ letters revealed\."
        )
    )

    page.emulate_media(media="print")
    for hidden in ("[data-toolbar]", "[data-status]", "[data-current]", "[data-key]", ".md-header"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(root.locator("table[data-grid]")).to_be_visible()
    expect(root.locator(f'[data-clue="{key}"]')).to_be_visible()
    pdf = page.pdf(format="A4")
    assert re.findall(rb"/Count (\d+)", pdf) == [b"1"]  # grid and clues on one A4 page


@pytest.mark.parametrize("lang", ["et", "en"])
def test_new_puzzle_comes_from_python_in_the_browser(page: Page, site_url: str, lang: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    root = open_crossword(page, site_url, lang)
    original = puzzle(root)
    before = key_grid(root)
    assert before == original["solution"]
    assert not any("pyodide" in path for path in requests)  # loaded only when asked

    root.locator('[data-action="new"]').click()
    expect(root).not_to_have_attribute("data-puzzle-id", original["id"], timeout=ENGINE_TIMEOUT)
    expect(root).to_have_attribute("data-state", "ready")
    expect(root.locator("[data-status]")).to_have_text(
        re.compile(
            r"Uus ristsõna on valmis: \d+ sõna\."
            if lang == "et"
            else r"A new puzzle is ready: \d+ words\."
        )
    )
    assert any(path.endswith(".whl") for path in requests)
    after = key_grid(root)
    assert after != before
    new_id = root.get_attribute("data-puzzle-id")
    letters = sorted("".join(after).replace(".", ""))
    assert len(letters) > 0
    answers = sorted(cells_of(c["answer"]) for c in original["clues"])
    new_answers = sorted(
        item.text_content().split(" ", 1)[1]  # type: ignore[union-attr]
        for item in root.locator("[data-key-body] li").all()
    )
    assert set(new_answers) <= {c["answer"] for c in original["clues"]}
    assert len(new_answers) >= len(answers) - 2
    numbers = root.locator("table[data-grid] .mr-cell__number")
    expect(numbers.first).to_have_text("1")

    # The new puzzle and its letters survive a reload; "original puzzle" goes back.
    first = root.locator("[data-clues] li[data-clue]").first
    first.click()
    page.keyboard.type("x")
    page.reload()
    root = page.locator("[data-crossword]")
    expect(root).to_have_attribute("data-state", "ready")
    expect(root).to_have_attribute("data-puzzle-id", new_id or "")
    expect(root.locator("table[data-grid] .mr-cell__letter", has_text="X")).to_have_count(1)
    back = root.locator('[data-action="original"]')
    expect(back).to_be_visible()
    back.click()
    expect(root).to_have_attribute("data-puzzle-id", original["id"])
    expect(back).to_be_hidden()
    assert key_grid(root) == before


def test_keyboard_moves_between_cells_words_and_directions(page: Page, site_url: str) -> None:
    root = open_crossword(page, site_url, "et")
    data = puzzle(root)
    across = [c for c in data["clues"] if c["direction"] == "across"]
    down = [c for c in data["clues"] if c["direction"] == "down"]
    current = root.locator("[data-clues] li[aria-current=true]")

    page.locator(".md-content__inner > p a").last.focus()  # the link just before it
    page.keyboard.press("Tab")
    expect(page.locator("[data-input]")).to_be_focused()
    expect(current).to_have_attribute("data-clue", f"{across[0]['number']}-across")
    expect(root).to_have_class(re.compile(r"\bmr-crossword--active\b"))

    page.keyboard.press("Tab")
    expect(current).to_have_attribute("data-clue", f"{across[1]['number']}-across")
    page.keyboard.press("Shift+Tab")
    expect(current).to_have_attribute("data-clue", f"{across[0]['number']}-across")
    page.keyboard.press("End")
    last = word_cells(root, across[0])[-1]
    expect(last).to_have_class(re.compile(r"\bmr-cell--current\b"))
    page.keyboard.press("Home")
    start = word_cells(root, across[0])[0]
    expect(start).to_have_class(re.compile(r"\bmr-cell--current\b"))
    page.keyboard.press("ArrowRight")
    expect(word_cells(root, across[0])[1]).to_have_class(re.compile(r"\bmr-cell--current\b"))

    # Typing moves on inside the word; Backspace clears and steps back.
    page.keyboard.press("Home")
    page.keyboard.type("ab")
    assert cells_text(root, across[0]).startswith("AB")
    expect(word_cells(root, across[0])[2]).to_have_class(re.compile(r"\bmr-cell--current\b"))
    page.keyboard.press("Backspace")
    assert cells_text(root, across[0]) == "A"
    page.keyboard.press("Backspace")
    assert cells_text(root, across[0]) == ""
    expect(start).to_have_class(re.compile(r"\bmr-cell--current\b"))

    # Where two words cross, Enter (or another click on the cell) turns the cursor.
    crossings = {p for c in across for p in positions(c)} & {p for c in down for p in positions(c)}
    both = sorted(crossings - set(positions(across[0])))[0]
    cell(root, *both).click()
    label = root.locator("[data-current]")
    before = label.text_content() or ""
    page.keyboard.press("Enter")
    expect(label).not_to_have_text(before)
    page.keyboard.press("Enter")
    expect(label).to_have_text(before)
    page.locator("[data-input]").click()
    expect(label).not_to_have_text(before)
    page.keyboard.press("ArrowUp" if " alla: " in before else "ArrowLeft")  # turns back first
    expect(label).to_have_text(before)

    # At the last clue, Tab leaves the grid for the tools.
    root.locator(f'[data-clue="{down[-1]["number"]}-down"]').click()
    page.keyboard.press("Tab")
    expect(page.locator("[data-input]")).not_to_be_focused()


def test_solving_every_word_shows_the_time(page: Page, site_url: str) -> None:
    root = open_crossword(page, site_url, "en")
    data = puzzle(root)
    for clue in data["clues"]:
        root.locator(f'[data-clue="{clue["number"]}-{clue["direction"]}"]').click()
        page.keyboard.press("Home")
        page.keyboard.type(cells_of(clue["answer"]).lower())
    expect(root.locator("[data-status]")).to_have_text(re.compile(SOLVED["en"]))
    page.reload()
    expect(page.locator("[data-status]")).to_have_text(re.compile(SOLVED["en"]))
    clear = page.locator('[data-action="clear-grid"]')
    clear.click()
    clear.click()
    expect(
        page.locator("table[data-grid] .mr-cell__letter", has_text=re.compile("."))
    ).to_have_count(0)


@pytest.mark.parametrize("lang", ["et", "en"])
def test_answer_key_prints_on_its_own_page(page: Page, site_url: str, lang: str) -> None:
    root = open_crossword(page, site_url, lang)
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    root.locator('[data-action="print-key"]').click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    expect(root.locator("[data-key-body] table")).to_be_visible()
    expect(root.locator("table[data-grid]")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert re.findall(rb"/Count (\d+)", pdf) == [b"1"]
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(root.locator("table[data-grid]")).to_be_visible()
    expect(root.locator("[data-key]")).not_to_have_attribute("open", "")


@pytest.mark.parametrize("lang", ["et", "en"])
def test_no_serious_accessibility_violations_while_playing(
    page: Page, site_url: str, lang: str
) -> None:
    root = open_crossword(page, site_url, lang)
    root.locator("[data-clues] li[data-clue]").nth(2).click()
    page.keyboard.type("abc")
    assert violations(page) == []


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False)
    outside: list[str] = []

    def guard(route: Route, request: Request) -> None:
        if urlsplit(request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    context.route("**/*", guard)
    yield context.new_page()
    context.close()
    assert outside == []


@pytest.mark.parametrize("lang", ["et", "en"])
def test_without_javascript_the_grid_and_clues_print(
    page_without_javascript: Page, site_url: str, lang: str
) -> None:
    page = page_without_javascript
    page.goto(f"{site_url}{PATH[lang]}")
    root = page.locator("[data-crossword]")
    expect(root).to_have_attribute("data-state", "static")
    expect(root.locator("table[data-grid]")).to_be_visible()
    expect(root.locator("[data-clues] li").first).to_be_visible()
    expect(root.locator("[data-toolbar]")).to_be_hidden()
    expect(root.locator(".mr-crossword__noscript")).to_be_visible()
    expect(root.locator("[data-key-body] table")).to_be_hidden()
    page.emulate_media(media="print")
    assert re.findall(rb"/Count (\d+)", page.pdf(format="A4")) == [b"1"]


def test_progress_is_kept_per_puzzle_version_and_language(page: Page, site_url: str) -> None:
    """Letters are kept under the puzzle's id (a hash of its grid and clues) and language:
    after the glossary changes, the page's new puzzle starts empty instead of showing the old
    letters in the wrong cells."""
    root = open_crossword(page, site_url, "et")
    data = puzzle(root)
    root.locator("[data-clues] li[data-clue]").first.click()
    page.keyboard.type("ä")
    keys = page.evaluate("Object.keys(localStorage)")
    ours = [key for key in keys if key.startswith("motteruum.")]  # Material keeps its own
    assert ours == [f"motteruum.crossword.et.{data['id']}"]

    letters = ["" if ch in "#." else "Ö" for row in data["solution"] for ch in row]
    stale = {"letters": letters, "revealed": [], "elapsed": 5, "done": False}
    store = "([key, value]) => localStorage.setItem(key, JSON.stringify(value))"
    page.goto(f"{site_url}terms/")  # leave the puzzle first: it saves its letters on leaving
    page.evaluate(store, ["motteruum.crossword.et.0123456789abcdef", stale])  # another version
    page.evaluate(store, [f"motteruum.crossword.en.{data['id']}", stale])  # another language
    root = open_crossword(page, site_url, "et")
    expect(root.locator("table[data-grid] .mr-cell__letter", has_text="Ä")).to_have_count(1)
    expect(root.locator("table[data-grid] .mr-cell__letter", has_text="Ö")).to_have_count(0)

    page.goto(f"{site_url}terms/")
    page.evaluate(store, [f"motteruum.crossword.et.{data['id']}", stale])  # this version
    root = open_crossword(page, site_url, "et")
    expect(root.locator("table[data-grid] .mr-cell__letter", has_text="Ö").first).to_be_visible()


#: The markup of the crossword's grids and lists in the page at hand (``[html, full]``: with
#: ``html``, in that HTML source, parsed as the browser parses a page and before any script
#: ran), normalised: every element as its tag, attributes and children, without what the
#: player adds for interaction (``role``, ``aria-*``, ``tabindex``, ``style``, the state classes
#: it toggles) and the whitespace between rows and items. ``full``: with attribute values and
#: texts; else the structure only (attribute names, classes, the space between two spans).
SHAPE = r"""([html, full]) => {
  const page = html ? new DOMParser().parseFromString(html, "text/html") : document;
  const root = page.querySelector("[data-crossword]");
  const interaction = (name) =>
    ["role", "tabindex", "style"].includes(name) || name.startsWith("aria-");
  const state = /^mr-cell--(word|current|wrong|revealed)$/;
  const between = new Set(["table", "tbody", "tr", "ol"]);
  const shape = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.data.replace(/\s+/g, " ");
      if (between.has(node.parentNode.localName) || (text !== " " && !full)) return null;
      return text;
    }
    const attributes = [...node.attributes]
      .filter((a) => !interaction(a.name))
      .map((a) => {
        if (a.name !== "class") return full ? `${a.name}=${a.value}` : a.name;
        const classes = a.value.split(/\s+/).filter((c) => c && !state.test(c));
        return `class=${classes.sort().join(" ")}`;
      })
      .sort();
    const children = [...node.childNodes].map(shape).filter((child) => child !== null);
    return [node.localName, attributes, children];
  };
  return {
    tables: ["table[data-grid]", "[data-key-body] table"].map((s) => shape(root.querySelector(s))),
    lists: [...root.querySelectorAll("[data-clues] ol, [data-key-body] ol")].map(shape),
  };
}"""


def test_the_script_draws_the_markup_of_the_template(page: Page, site_url: str) -> None:
    """The grids and lists the script draws are the template's markup: the page's puzzle drawn
    by the script is the HTML the build wrote, up to what the player adds for interaction, and
    every square, row and item of a new puzzle (laid out by Python in the browser) has the
    structure of one the build wrote."""
    for lang in ("et", "en"):
        source = page.request.get(f"{site_url}{PATH[lang]}").text()
        built = page.evaluate(SHAPE, [source, True])
        root = open_crossword(page, site_url, lang)
        assert root.evaluate("(root) => root.dataset.puzzleId") == puzzle(root)["id"]
        assert page.evaluate(SHAPE, [None, True]) == built
        # The grid's name is the page's too (the script only names a new puzzle's new size).
        static = page.evaluate(
            """(html) => new DOMParser().parseFromString(html, "text/html")
                .querySelector("table[data-grid]").getAttribute("aria-label")""",
            source,
        )
        expect(root.locator("table[data-grid]")).to_have_attribute("aria-label", static)

    built = page.evaluate(SHAPE, [source, False])
    original = puzzle(root)["id"]
    root.locator('[data-action="new"]').click()
    expect(root).not_to_have_attribute("data-puzzle-id", original, timeout=ENGINE_TIMEOUT)
    expect(root).to_have_attribute("data-state", "ready")
    drawn = page.evaluate(SHAPE, [None, False])

    def table(shape: Any) -> list[Any]:
        """The table without its rows, and its rows without their squares."""
        tag, attributes, [(body_tag, body_attributes, rows)] = shape
        return [tag, attributes, body_tag, body_attributes, {json.dumps(r[:2]) for r in rows}]

    def squares(shape: Any) -> set[str]:
        return {json.dumps(td) for tr in shape[2][0][2] for td in tr[2]}

    def items(lists: list[Any]) -> list[set[str]]:
        return [{json.dumps(li) for li in ol[2]} for ol in lists]

    for new, old in zip(drawn["tables"], built["tables"], strict=True):
        assert table(new) == table(old)
        assert squares(new) == squares(old)  # a block, a square with a number and without
    assert items(drawn["lists"]) == items(built["lists"])
    assert len(squares(drawn["tables"][0])) == 3
    numbers = root.locator("table[data-grid] .mr-cell__number")
    expect(numbers.first).to_have_text("1")
    expect(root.locator("[data-clues] li[data-clue] .mr-clue__text").first).not_to_be_empty()
