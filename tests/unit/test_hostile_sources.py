"""Glossary files come from pull requests: hostile or broken ones give located problems.

Every case here once crashed with a traceback, hung, exhausted the memory, published a file
from outside the repository or gave a false or misleading message. Each now ends in a
:class:`SourceError` (and nothing else) whose problems say where and what.
"""

from __future__ import annotations

import os
import time
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from motteruum.loader import load_glossary
from motteruum.problems import Problem, SourceError
from motteruum.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, load_yaml
from tests.conftest import LANGUAGES, GlossaryFactory, term_yaml

NPS = "glossary/terms/nps.yml"

#: A "billion laughs" of a few hundred bytes: nine levels of nine aliases, 9**9 strings.
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)

#: A framework that refers to the term ``nps`` in its related list, a section and an item.
FRAMEWORK = """\
order: 1
related: [nps]
et:
  title: Mudel
  summary: Kokkuvõte.
en:
  title: Model
  summary: A summary.
sections:
  - id: steps
    term: nps
    et:
      title: Sammud
    en:
      title: Steps
    items:
      - et: Mõõda
        en: Measure
        term: nps
"""


def problems(root: Path) -> list[Problem]:
    """The problems of ``root``; any exception other than :class:`SourceError` fails the test."""
    with pytest.raises(SourceError) as raised:
        load_glossary(root, LANGUAGES)
    return list(raised.value.problems)


def only(root: Path) -> str:
    (problem,) = problems(root)
    return str(problem)


def terms_of(make_glossary: GlossaryFactory) -> Path:
    """An empty ``glossary/terms`` folder (with the real categories) to put odd entries into."""
    return make_glossary({}) / "terms"


# --- anchors, aliases, merge keys ---------------------------------------------------------


def test_alias_bomb_stops_at_its_first_anchor_quickly_and_in_little_memory(
    make_glossary: GlossaryFactory,
) -> None:
    assert len(ALIAS_BOMB) < 700
    root = make_glossary({"nps.yml": term_yaml() + ALIAS_BOMB})
    tracemalloc.start()
    started = time.perf_counter()
    try:
        found = problems(root)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [str(p) for p in found] == [
        f"{NPS}:13:4: YAML anchor '&a' is not allowed in a glossary file: "
        "write the value out in full wherever it is needed"
    ]
    assert seconds < 5
    assert peak < 100 * 1024 * 1024


def test_recursive_alias(make_glossary: GlossaryFactory) -> None:
    root = make_glossary({"nps.yml": term_yaml() + "x: &x [*x]\n"})
    assert only(root) == (
        f"{NPS}:13:4: YAML anchor '&x' is not allowed in a glossary file: "
        "write the value out in full wherever it is needed"
    )


def test_alias_without_anchor(make_glossary: GlossaryFactory) -> None:
    root = make_glossary({"nps.yml": term_yaml(related="*others")})
    assert only(root) == (
        f"{NPS}:12:10: YAML alias '*others' is not allowed in a glossary file: "
        "write the value out in full"
    )


def test_merge_key(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("en:\n", "en:\n  <<: {term: x}\n")
    assert only(make_glossary({"nps.yml": text})) == (
        f"{NPS}:11:3: en: merge keys (<<) are not allowed: write the fields out in full"
    )


# --- nesting ------------------------------------------------------------------------------


def test_deep_nesting_stops_at_the_limit(make_glossary: GlossaryFactory, tmp_path: Path) -> None:
    levels = 20_000
    root = make_glossary({"nps.yml": term_yaml() + "x: " + "[" * levels + "]" * levels + "\n"})
    started = time.perf_counter()
    message = only(root)
    assert time.perf_counter() - started < 5
    # The file's mapping is level 1, so the 20th bracket (column 4 + 19) is level 21; PyYAML
    # from 6.0.4 reads ahead over brackets and meets its own limit first, further on the line.
    assert message.startswith(f"{NPS}:13:")
    assert message.endswith(
        f": nested more than {MAX_DEPTH} levels deep: a glossary file needs far fewer; "
        "check the indentation and the brackets"
    )
    # Exactly the limit is read.
    path = tmp_path / "t.yml"
    depth = MAX_DEPTH - 1  # inside the file's own mapping
    path.write_text("x: " + "[" * depth + "1" + "]" * depth + "\n", encoding="utf-8")
    value = load_yaml(path, "t.yml").data["x"]
    for _ in range(depth):
        (value,) = value
    assert value == 1


# --- characters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("character", "name"),
    [
        ("\x07", "U+0007 (a control character)"),
        ("\x00", "U+0000 (a control character)"),
        ("\x1b", "U+001B (a control character)"),
        ("\x7f", "U+007F (a control character)"),
        ("\x85", "U+0085 (a control character)"),
        ("\u2028", "U+2028 LINE SEPARATOR (a line break editors do not show)"),
    ],
)
def test_control_character(make_glossary: GlossaryFactory, character: str, name: str) -> None:
    text = term_yaml().replace("Eestikeelne", f"Eesti{character}keelne")
    assert only(make_glossary({"nps.yml": text})) == f"{NPS}:9:20: contains {name}: remove it"


def test_every_control_character_is_reported_with_its_line(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("Eestikeelne", "\x00Eesti\x00").replace("An English", "An\x01")
    assert [str(p) for p in problems(make_glossary({"nps.yml": text}))] == [
        f"{NPS}:9:15: contains U+0000 (a control character): remove it",
        f"{NPS}:12:17: contains U+0001 (a control character): remove it",
    ]


def test_byte_order_mark_inside_the_file(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("Eestikeelne", "Eesti\ufeffkeelne")
    assert only(make_glossary({"nps.yml": text})) == (
        f"{NPS}:9:20: et.definition: contains U+FEFF BYTE ORDER MARK (invisible): remove it"
    )
    # One that starts the file, as some editors write it, is allowed.
    glossary = load_glossary(make_glossary({"nps.yml": "\ufeff" + term_yaml()}), LANGUAGES)
    assert glossary.term("nps").category == "measurement"


def test_a_character_pyyaml_refuses_is_located(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("An English", "An\uffff English")
    found = only(make_glossary({"nps.yml": text}))
    # libyaml calls it a control character, PyYAML's Python reader a special one
    assert found.startswith(f"{NPS}:12:17: YAML error: ")
    assert found.endswith("characters are not allowed (U+FFFF)")


@pytest.mark.parametrize(
    ("character", "name"),
    [
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u200c", "U+200C ZERO WIDTH NON-JOINER"),
        ("\u200d", "U+200D ZERO WIDTH JOINER"),
        ("\u2060", "U+2060 WORD JOINER"),
        ("\u00ad", "U+00AD SOFT HYPHEN"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
    ],
)
def test_invisible_and_bidi_characters(
    make_glossary: GlossaryFactory, character: str, name: str
) -> None:
    text = term_yaml().replace("soovitusindeks", f"soovitus{character}indeks")
    assert only(make_glossary({"nps.yml": text})) == (
        f"{NPS}:8:17: et.term: contains {name} (invisible): remove it"
    )


def test_invisible_character_in_a_list_item_names_the_item(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace(
        "  term: Net Promoter Score\n", "  term: NPS\n  synonyms: [a, b\u202ec]\n"
    )
    assert only(make_glossary({"nps.yml": text})) == (
        f"{NPS}:12:18: en.synonyms[1]: contains U+202E RIGHT-TO-LEFT OVERRIDE (invisible): "
        "remove it"
    )


# --- numbers ------------------------------------------------------------------------------


def test_integer_of_5000_digits(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("year: 2020", "year: " + "9" * 5000)
    assert only(make_glossary({"nps.yml": text})) == (
        f"{NPS}:5:11: sources[0].year: the number 999999999999… (5000 characters) is too "
        "large: a number in a glossary file has at most 9 digits"
    )


@pytest.mark.parametrize("number", ["1234567890", "0x3B9ACA00"])
def test_integer_beyond_nine_digits(make_glossary: GlossaryFactory, number: str) -> None:
    text = term_yaml().replace("year: 2020", f"year: {number}")
    assert only(make_glossary({"nps.yml": text})) == (
        f"{NPS}:5:11: sources[0].year: the number {number} is too large: a number in a "
        "glossary file has at most 9 digits"
    )


@pytest.mark.parametrize("number", [".inf", "-.inf", ".nan", "1.0e+400"])
def test_number_that_is_not_finite(make_glossary: GlossaryFactory, number: str) -> None:
    text = term_yaml().replace("year: 2020", f"year: {number}")
    assert only(make_glossary({"nps.yml": text})) == (
        f"{NPS}:5:11: sources[0].year: {number!r} is not a finite number (infinity or "
        "not-a-number): write an ordinary number"
    )


def test_impossible_date(make_glossary: GlossaryFactory) -> None:
    text = term_yaml().replace("year: 2020", "year: 2020-13-45")
    assert only(make_glossary({"nps.yml": text})) == (
        f"{NPS}:5:11: sources[0].year: cannot read '2020-13-45' (month must be in 1..12): "
        "put text in quotes"
    )


def test_number_out_of_bounds_names_the_field_and_its_bounds(
    make_glossary: GlossaryFactory,
) -> None:
    root = make_glossary({"nps.yml": term_yaml().replace("year: 2020", "year: 20")})
    (root / "frameworks").mkdir()
    (root / "frameworks" / "model.yml").write_text(
        FRAMEWORK.replace("order: 1", "order: 0"), encoding="utf-8"
    )
    assert [str(p) for p in problems(root)] == [
        "glossary/frameworks/model.yml:1:1: order: 'order' must be at least 1, found the number 0",
        f"{NPS}:5:5: sources[0].year: 'year' must be between 1900 and 2100, found the number 20",
    ]


# --- what the folders hold ----------------------------------------------------------------


def test_folder_named_like_a_term_file(make_glossary: GlossaryFactory) -> None:
    (terms_of(make_glossary) / "x.yml").mkdir()
    root = terms_of(make_glossary).parent
    assert only(root) == (
        "glossary/terms/x.yml:1:1: this is a folder: a glossary file must be a plain text file"
    )


def test_editor_lock_link_is_skipped_and_a_dangling_link_reported(
    make_glossary: GlossaryFactory,
) -> None:
    root = make_glossary({"nps.yml": term_yaml()})
    os.symlink("someone@host.1234:1700000000", root / "terms" / ".#nps.yml")  # Emacs' lock
    os.symlink("missing.yml", root / "terms" / "gone.yml")
    assert only(root) == (
        "glossary/terms/gone.yml:1:1: a symbolic link that leads nowhere: remove it, "
        "or put the file itself here"
    )
    (root / "terms" / "gone.yml").unlink()
    assert [term.id for term in load_glossary(root, LANGUAGES).terms] == ["nps"]


def test_link_to_a_device_is_never_read(make_glossary: GlossaryFactory) -> None:
    terms = terms_of(make_glossary)
    os.symlink("/dev/zero", terms / "zero.yml")
    assert only(terms.parent) == (
        "glossary/terms/zero.yml:1:1: a symbolic link that leads outside glossary/: only "
        "files inside glossary/ are read; put the file itself here"
    )


def test_named_pipe_is_never_opened(make_glossary: GlossaryFactory) -> None:
    terms = terms_of(make_glossary)
    os.mkfifo(terms / "pipe.yml")
    assert only(terms.parent) == (
        "glossary/terms/pipe.yml:1:1: this is a named pipe, not a file: a glossary file must "
        "be a plain text file"
    )


def test_load_yaml_itself_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yml")
    os.symlink("/dev/zero", tmp_path / "zero.yml")
    with pytest.raises(SourceError) as raised:
        load_yaml(tmp_path / "pipe.yml", "pipe.yml")
    assert [str(p) for p in raised.value.problems] == [
        "pipe.yml:1:1: not a regular file: a glossary file must be a plain text file"
    ]
    with pytest.raises(SourceError) as raised:
        load_yaml(tmp_path / "zero.yml", "zero.yml")
    assert [str(p) for p in raised.value.problems] == [
        "zero.yml:1:1: the file is a symbolic link: put the file itself here"
    ]
    with pytest.raises(SourceError) as raised:
        load_yaml(Path("/dev/zero"), "zero.yml")
    assert [str(p) for p in raised.value.problems] == [
        "zero.yml:1:1: not a regular file: a glossary file must be a plain text file"
    ]


def test_link_to_a_file_outside_the_glossary_is_not_published(
    make_glossary: GlossaryFactory, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text(term_yaml("salajane", "Secret"), encoding="utf-8")
    terms = terms_of(make_glossary)
    os.symlink(secret, terms / "nps.yml")
    assert only(terms.parent) == (
        "glossary/terms/nps.yml:1:1: a symbolic link that leads outside glossary/: only "
        "files inside glossary/ are read; put the file itself here"
    )


def test_link_inside_the_glossary_is_not_a_second_term(make_glossary: GlossaryFactory) -> None:
    root = make_glossary({"nps.yml": term_yaml()})
    os.symlink("nps.yml", root / "terms" / "copy.yml")
    assert only(root) == (
        "glossary/terms/copy.yml:1:1: a symbolic link to glossary/terms/nps.yml: a glossary "
        "file must be a file of its own, not a link; copy or rename the file instead"
    )


def test_categories_linked_from_outside(make_glossary: GlossaryFactory, tmp_path: Path) -> None:
    root = make_glossary({})
    outside = tmp_path / "categories.yml"
    (root / "categories.yml").rename(outside)
    os.symlink(outside, root / "categories.yml")
    assert only(root) == (
        "glossary/categories.yml:1:1: a symbolic link that leads outside glossary/: only "
        "files inside glossary/ are read; put the file itself here"
    )


def test_missing_list_of_categories(make_glossary: GlossaryFactory) -> None:
    root = make_glossary({"nps.yml": term_yaml()})
    (root / "categories.yml").unlink()
    assert only(root) == "glossary/categories.yml:1:1: the list of categories is missing"


# --- size ---------------------------------------------------------------------------------


def test_oversize_file_is_refused_before_it_is_read(make_glossary: GlossaryFactory) -> None:
    root = make_glossary({"nps.yml": term_yaml()})
    with (root / "terms" / "nps.yml").open("r+b") as file:
        file.truncate(20_000_000)  # sparse: nothing is written, the size is what counts
    assert only(root) == (
        f"{NPS}:1:1: the file has 20,000,000 bytes, more than the 256 KiB a glossary file "
        "may have: a term or a model takes a few KB"
    )


def test_file_at_the_size_limit_is_read(make_glossary: GlossaryFactory) -> None:
    text = term_yaml()
    padding = MAX_FILE_BYTES - len(text.encode()) - len("#\n")
    root = make_glossary({"nps.yml": text + "#" + "x" * padding + "\n"})
    assert (root / "terms" / "nps.yml").stat().st_size == MAX_FILE_BYTES
    assert load_glossary(root, LANGUAGES).term("nps").category == "measurement"
    with (root / "terms" / "nps.yml").open("a") as file:
        file.write("\n")
    assert only(root) == (
        f"{NPS}:1:1: the file has 262,145 bytes, more than the 256 KiB a glossary file "
        "may have: a term or a model takes a few KB"
    )


# --- former ids ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "page"),
    [
        ("index", "the A–Z index of terms"),
        ("categories", "the list of terms by category"),
        ("abbreviations", "the table of abbreviations"),
    ],
)
def test_former_id_may_not_take_a_reserved_page(
    make_glossary: GlossaryFactory, old: str, page: str
) -> None:
    root = make_glossary({"nps.yml": term_yaml(former_ids=f"[{old}]")})
    assert only(root) == (
        f"{NPS}:13:14: former_ids[0]: {old!r} is reserved: terms/{old}/ is {page}, which a "
        "former id would replace with a redirect; remove it from former_ids"
    )


# --- names --------------------------------------------------------------------------------


def test_names_are_stored_nfc(make_glossary: GlossaryFactory) -> None:
    decomposed = unicodedata.normalize("NFD", "kõne")
    root = make_glossary({"nps.yml": term_yaml(decomposed, "Call")})
    assert load_glossary(root, LANGUAGES).term("nps").text("et").term == "kõne"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("kõne", unicodedata.normalize("NFD", "Kõne")),  # a decomposed õ
        ("NPS-indeks", "\uff2e\uff30\uff33-indeks"),  # full-width letters
        ("kliendi kogemus", "kliendi\u00a0kogemus"),  # a no-break space
    ],
)
def test_preferred_terms_equal_after_normalisation_are_duplicates(
    make_glossary: GlossaryFactory, first: str, second: str
) -> None:
    root = make_glossary({"a.yml": term_yaml(first, "A"), "b.yml": term_yaml(second, "B")})
    assert only(root) == (
        f"glossary/terms/b.yml:8:3: et.term: the et term "
        f"{unicodedata.normalize('NFC', second)!r} is already the preferred term of "
        "glossary/terms/a.yml: a preferred term names one concept"
    )


def test_cyrillic_letter_in_a_latin_word(make_glossary: GlossaryFactory) -> None:
    root = make_glossary({"nps.yml": term_yaml(en="Net Promoter Sc\u043ere")})
    assert only(root) == (
        f"{NPS}:11:3: en.term: the word 'Sc\u043ere' mixes Latin and Cyrillic letters "
        "('\u043e' is U+043E CYRILLIC SMALL LETTER O): type the word in one alphabet"
    )


# --- one broken term, one problem ---------------------------------------------------------


def test_relations_to_a_term_that_fails_are_not_reported_missing(
    make_glossary: GlossaryFactory,
) -> None:
    broken = term_yaml().replace("  definition: An English definition.\n", "")
    files = {"nps.yml": broken}
    files |= {f"t{n}.yml": term_yaml(f"termin{n}", f"term {n}", related="[nps]") for n in range(8)}
    root = make_glossary(files)
    (root / "frameworks").mkdir()
    (root / "frameworks" / "model.yml").write_text(FRAMEWORK, encoding="utf-8")
    assert only(root) == f"{NPS}:10:1: en.definition: required field 'definition' is missing"
    # Without the file, every reference to it is reported where it stands.
    (root / "terms" / "nps.yml").unlink()
    missing = "no term with id 'nps' (no file glossary/terms/nps.yml)"
    assert [str(p) for p in problems(root)] == [
        f"glossary/frameworks/model.yml:2:11: related[0]: {missing}",
        f"glossary/frameworks/model.yml:11:5: sections[0].term: {missing}",
        f"glossary/frameworks/model.yml:19:9: sections[0].items[0].term: {missing}",
        *(f"glossary/terms/t{n}.yml:12:11: related[0]: {missing}" for n in range(8)),
    ]


def test_problems_of_one_file_are_capped(make_glossary: GlossaryFactory) -> None:
    text = term_yaml() + "x: 1\n" * 1000  # line 13, then 999 duplicates
    found = [str(p) for p in problems(make_glossary({"nps.yml": text}))]
    assert len(found) == 51
    assert found[0] == f"{NPS}:14:1: x: duplicate key 'x' (first given on line 13): keep one"
    assert found[-1] == f"{NPS}:64:1: and 949 more problems in this file"
