"""Inflected forms: own paradigms, endings borrowed by analogy, paradigms given by hand, the
cache, and real lexicons."""

from __future__ import annotations

from pathlib import Path

import pytest

from motteruum.words import inflection
from motteruum.words.inflection import Inflector, Lexicon, own_paradigms, paradigms

CASES = ("", "e", "t", "ega", "est", "ele")


def paradigm(lemma: str) -> list[tuple[str, str]]:
    """(form, lemma) pairs of a word declined like ``kogemus``: kogemus, kogemuse, kogemust…"""
    return [(lemma + ending, lemma) for ending in CASES]


def lexicon() -> Lexicon:
    pairs = [
        *paradigm("kogemus"),
        *paradigm("lubadus"),
        *paradigm("teenus"),
        ("kliendi", "klient"),
        ("klient", "klient"),
        ("kliendiga", "klient"),
    ]
    return Lexicon.from_pairs(pairs)


def test_a_known_word_has_its_own_forms() -> None:
    found = Inflector(lexicon()).paradigms(["kogemus"])["kogemus"]
    assert found.forms == {"kogemus" + e for e in CASES}
    assert found.model is None and found.known


def test_a_compound_declines_like_its_last_word() -> None:
    found = Inflector(lexicon()).paradigms(["Kliendikogemus"])["Kliendikogemus"]
    assert found.model == "kogemus"
    assert found.forms == {"kliendikogemus" + e for e in CASES}
    assert not found.known


def test_an_unknown_word_borrows_from_the_longest_common_ending() -> None:
    # "-dus" is shared with "lubadus" (3 letters), "-us" with the others (2 letters).
    found = Inflector(lexicon()).paradigms(["usaldus"])["usaldus"]
    assert found.model == "lubadus"
    assert "usaldusega" in found.forms


def test_no_model_below_the_shortest_common_ending() -> None:
    found = Inflector(lexicon()).paradigms(["kala"])["kala"]
    assert found.model is None
    assert found.forms == {"kala"}


def test_a_form_of_another_word_stays_itself_unless_expanded() -> None:
    inflector = Inflector(lexicon())
    assert inflector.paradigms(["kliendi"])["kliendi"].forms == {"kliendi"}
    expanded = inflector.paradigms(["kliendi"], expand=True)["kliendi"]
    assert expanded.lemma == "klient"
    assert expanded.forms == {"klient", "kliendi", "kliendiga"}


def test_only_the_last_part_of_a_hyphenated_word_is_inflected() -> None:
    found = Inflector(lexicon()).paradigms(["CX-teenus", "motivatsiooni-"])
    assert found["CX-teenus"].forms == {"cx-teenus" + e for e in CASES}
    assert found["motivatsiooni-"].forms == {"motivatsiooni-"}


def test_forms_are_nfc_and_case_folded() -> None:
    decomposed = "Ka\u0308sikogemus"  # "Käsikogemus" with a combining diaeresis
    found = Inflector(lexicon()).paradigms([decomposed])[decomposed]
    assert "käsikogemusega" in found.forms


def test_paradigms_are_cached_by_words_and_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inflection, "inflector", lambda lang: Inflector(lexicon()))
    first = paradigms("et", ["kliendikogemus", "kliendi"], folder=tmp_path)
    assert len(list(tmp_path.glob("et-*.json"))) == 1

    def unavailable(lang: str) -> Inflector:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(inflection, "inflector", unavailable)
    assert paradigms("et", ["kliendi", "kliendikogemus"], folder=tmp_path) == first
    with pytest.raises(AssertionError):
        paradigms("et", ["kliendi"], folder=tmp_path)  # another set of words: not cached


def test_an_unknown_case_form_is_read_as_the_form_it_ends_like() -> None:
    # "kliendikogemuse" ends like "kogemuse", a form of "kogemus": it is a form of
    # "kliendikogemus", not a lemma of its own that would borrow the endings of another.
    inflector = Inflector(lexicon())
    found = inflector.paradigms(["kliendikogemuse"], expand=True)["kliendikogemuse"]
    assert found.lemma == "kliendikogemus"
    assert found.model == "kogemuse"
    assert found.forms == {"kliendikogemus" + e for e in CASES}
    # Like "kliendi", a case form keeps only itself unless expanded.
    alone = inflector.paradigms(["kliendikogemuse"])["kliendikogemuse"]
    assert alone.forms == {"kliendikogemuse"} and alone.lemma == "kliendikogemus"


def test_the_last_part_of_a_compound_comes_before_a_longer_common_ending() -> None:
    # "soovitusindeks" shares seven letters with "absindeks" (a case of "absint"), but it is
    # "soovitus" + "indeks".
    pairs = [
        *paradigm("indeks"),
        *paradigm("soovitus"),
        *((form, "absint") for form in ("absint", "absindi", "absinti", "absindeks", "absindis")),
        *paradigm("teenus"),
    ]
    found = Inflector(Lexicon.from_pairs(pairs)).paradigms(["soovitusindeks"], expand=True)
    assert found["soovitusindeks"].model == "indeks"
    assert found["soovitusindeks"].forms == {"soovitusindeks" + e for e in CASES}


RÄND = ["ränd", "rännu", "rändu", "rännud", "rändude", "rändusid"]
BRÄND = ["bränd", "brändi", "brändid", "brändide", "brände", "brändisid"]


def test_a_paradigm_given_by_hand_replaces_the_lexicons_and_lends_its_endings() -> None:
    pairs = [
        *((form, "ränd") for form in RÄND),
        *paradigm("kogemus"),
        *paradigm("teenus"),
        ("bränd", "bränd"),
        ("brändi", "brändi"),
    ]
    inflector = Inflector(Lexicon.from_pairs(pairs, own={"bränd": BRÄND[1:]}))
    found = inflector.paradigms(["bränd", "ettevõttebränd", "brändi"], expand=True)
    assert found["bränd"].forms == set(BRÄND)
    assert found["bränd"].known and found["bränd"].model is None
    # A compound of it declines like it, not like "ränd" (*ettevõttebrännu*).
    assert found["ettevõttebränd"].forms == {"ettevõtte" + form for form in BRÄND}
    # A form listed by hand is that lemma's (simplemma has "brändi", brandy, as a lemma).
    assert found["brändi"].lemma == "bränd"
    assert found["brändi"].forms == set(BRÄND)
    # Without a hand-given paradigm, "bränd" would decline like "ränd".
    plain = Inflector(Lexicon.from_pairs(pairs)).paradigms(["bränd"], expand=True)["bränd"]
    assert "brännu" in plain.forms


def test_paradigms_given_by_hand_are_read_from_words_lang_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inflection, "OWN_PARADIGMS", tmp_path)
    assert own_paradigms("et") == {}  # no file: none
    (tmp_path / "et.yml").write_text("bränd: [brändi, brände]\n", encoding="utf-8")
    assert own_paradigms("et") == {"bränd": ["brändi", "brände"]}
    (tmp_path / "et.yml").write_text("bränd: brändi\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"et\.yml: 'bränd': expected lemma: \[forms"):
        own_paradigms("et")
    (tmp_path / "et.yml").write_text("ei: [no, off]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="every form must be text"):
        own_paradigms("et")


def test_the_cache_key_changes_with_the_paradigms_given_by_hand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "own"
    own.mkdir()
    monkeypatch.setattr(inflection, "OWN_PARADIGMS", own)
    monkeypatch.setattr(
        inflection,
        "inflector",
        lambda lang: Inflector(Lexicon(lexicon()._table, own_paradigms(lang))),
    )
    cache = tmp_path / "cache"
    before = paradigms("et", ["bränd"], folder=cache)["bränd"]
    assert before.forms == {"bränd"}
    (own / "et.yml").write_text("bränd: [brändi, brände]\n", encoding="utf-8")
    after = paradigms("et", ["bränd"], folder=cache)["bränd"]
    assert after.forms == {"bränd", "brändi", "brände"}
    assert len(list(cache.glob("et-*.json"))) == 2


@pytest.mark.parametrize(
    ("lang", "word", "forms"),
    [
        ("et", "kliendikogemus", {"kliendikogemuse", "kliendikogemust", "kliendikogemustest"}),
        ("et", "lojaalsus", {"lojaalsuse", "lojaalsust", "lojaalsusega"}),
        ("et", "ettevõte", {"ettevõtte", "ettevõtet", "ettevõtteid", "ettevõtetes"}),
        ("et", "klient", {"kliendi", "klienti", "kliente", "klientidele"}),
        ("et", "kokkupuutepunkt", {"kokkupuutepunkti", "kokkupuutepunktides"}),
        ("et", "sisseelamine", {"sisseelamise", "sisseelamisel", "sisseelamist"}),
        # Words the lexicon lacks or declines wrongly (see words/et.yml): a plural name, a
        # compound of a sparse word, a compound of a word declined by hand.
        ("et", "parendustegevused", {"parendustegevus", "parendustegevuste", "parendustegevusi"}),
        ("et", "väärtusloome", {"väärtusloomet", "väärtusloomed", "väärtusloomega"}),
        ("et", "bränd", {"brändi", "brände", "brändid", "brändide", "brändisid"}),
        ("et", "klienditagasiside", {"klienditagasisidet", "klienditagasisided"}),
        ("et", "kompetents", {"kompetentsi", "kompetentse", "kompetentside", "kompetentsisid"}),
        ("et", "kompetentsid", {"kompetents", "kompetentse", "kompetentsidega"}),
        ("et", "kliendikogemuse", {"kliendikogemus", "kliendikogemust", "kliendikogemuste"}),
        ("en", "journey", {"journeys"}),
        ("en", "touchpoint", {"touchpoints"}),
    ],
)
def test_real_lexicons_give_the_forms_a_reader_types(
    lang: str, word: str, forms: set[str], tmp_path: Path
) -> None:
    found = paradigms(lang, [word], expand=True, folder=tmp_path)[word]
    assert forms <= found.forms
    assert word in found.forms


@pytest.mark.parametrize(
    ("word", "wrong"),
    [
        ("bränd", {"brännu", "brändude"}),  # like "ränd"
        ("klienditagasiside", {"klienditagasisideme"}),  # like "side, sideme" (bond)
        ("persoona", {"persugu"}),  # read as the essive of "persugu"
        ("kliendikogemuse", {"kliendikogemuskme"}),  # a lemma borrowing the endings of "ruse"
    ],
)
def test_forms_the_analogy_got_wrong_are_gone(word: str, wrong: set[str], tmp_path: Path) -> None:
    assert not wrong & paradigms("et", [word], expand=True, folder=tmp_path)[word].forms
