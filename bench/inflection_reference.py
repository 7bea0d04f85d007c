"""Reference forms of the glossary's Estonian name words, from EstNLTK's Vabamorf synthesiser.

    python3 -m venv /tmp/estnltk && /tmp/estnltk/bin/pip install estnltk==1.7.5
    .venv/bin/python bench/inflection_reference.py --estnltk /tmp/estnltk/bin/python

Every word of every Estonian name of a term (the term and its synonyms; not the abbreviation,
not a name marked ``foreign``) is analysed by Vabamorf, and its lemma's singular and plural
nominative, genitive and partitive are synthesised and written to
``tests/unit/data/inflection-et.json``, which ``tests/unit/test_inflection_reference.py``
compares with the forms the search gives each term page. Then the words whose forms the
build lacks are listed, with the forms it lacks and the full paradigm Vabamorf gives, to
write an entry in ``hooks/motteruum/words/et.yml`` (see the README, "Search").

EstNLTK is an authoring tool here, never a dependency of the build or the tests: the wheel
with its dependencies (pandas, matplotlib, nltk, IPython …) fills some 580 MB. Install it in a
virtual environment of its own and name its Python with ``--estnltk``; the glossary is read
here, the words go to that Python on standard input and their forms come back as JSON. It needs
no network: the Vabamorf lexicons are inside the wheel.

Of a word with several analyses (``väärtusloome``: the noun *väärtusloome*, or the partitive
plural of *väärtusloom*) the reading as a nominative is kept, since a name is written in the
nominative; a word that is a case form only (``kliendi``, ``töötajate``) gets the forms of its
lemma, which is what the search gives it too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "unit" / "data" / "inflection-et.json"
LANGUAGES = ("et", "en")
#: Parts of speech that decline: noun, proper noun, adjective (positive, comparative,
#: superlative), numerals.
NOMINAL = frozenset("SHACUNO")
#: The key forms (see motteruum.words.reference.FORMS) and every case, for the full paradigm.
KEY_FORMS = ("sg n", "sg g", "sg p", "pl n", "pl g", "pl p")
CASES = ("n", "g", "p", "ill", "in", "el", "all", "ad", "abl", "tr", "ter", "es", "ab", "kom")
CITATION = ("sg n", "pl n")


def synthesise(names: list[list[str]]) -> dict[str, dict[str, Any] | None]:
    """Word of the names → its lemma, part of speech, key forms and full paradigm (``None``:
    it does not decline). Runs in the Python that has EstNLTK."""
    from estnltk.vabamorf.morf import Vabamorf

    morf = Vabamorf.instance()
    readings: dict[str, set[tuple[str, str]]] = {}
    for name in names:
        every = morf.analyze(name, disambiguate=False, guess=True, propername=True)
        likely = morf.analyze(name, disambiguate=True, guess=True, propername=True)
        for n, word in enumerate(name):
            nominal = [a for a in every[n]["analysis"] if a["partofspeech"] in NOMINAL]
            if n == len(name) - 1:  # the head of a name is written in the nominative
                chosen = [a for a in nominal if a["form"] in CITATION] or nominal
            else:  # an attribute, in context; of the readings left, a case form of a lemma
                nominal = [
                    a for a in likely[n]["analysis"] if a["partofspeech"] in NOMINAL
                ] or nominal
                inflected = [a for a in nominal if a["lemma"].casefold() != word.casefold()]
                chosen = inflected or nominal
            readings.setdefault(word, set()).update((a["lemma"], a["partofspeech"]) for a in chosen)

    found: dict[str, dict[str, Any] | None] = {}
    for word, read in readings.items():
        if not read:
            found[word] = None
            continue
        ordered = sorted(read)

        def forms(form: str, ordered: list[tuple[str, str]] = ordered) -> list[str]:
            made = {f for lemma, pos in ordered for f in morf.synthesize(lemma, form, pos)}
            return sorted({f.casefold() for f in made})

        entry: dict[str, Any] = {
            "lemma": " | ".join(lemma for lemma, _ in ordered),
            "pos": " | ".join(pos for _, pos in ordered),
        }
        entry.update({form: forms(form) for form in KEY_FORMS})
        entry["paradigm"] = sorted(
            {f for number in ("sg", "pl") for case in CASES for f in forms(f"{number} {case}")}
            | set(forms("adt"))
        )
        found[word] = entry
    return found


def yaml_entry(lemma: str, forms: list[str], width: int = 100) -> str:
    """``lemma: [form, form, …]`` for ``hooks/motteruum/words/et.yml``, wrapped at ``width``."""
    lines, line = [], f"{lemma}: ["
    for n, form in enumerate(forms):
        piece = form + ("]" if n == len(forms) - 1 else ",")
        if len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = "  " + piece
        else:
            line += ("" if line.endswith("[") else " ") + piece
    return "\n".join([*lines, line])


def worker() -> None:
    """``--worker``: names (a JSON list of lists of words) on standard input, the forms of
    their words (JSON) on output."""
    names = json.loads(sys.stdin.read())
    json.dump(synthesise(names), sys.stdout, ensure_ascii=False)


def estnltk_version(python: str) -> str:
    code = "from importlib.metadata import version; print(version('estnltk'))"
    return subprocess.run([python, "-c", code], check=True, capture_output=True, text=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--estnltk", default=sys.executable, help="a Python that has EstNLTK")
    parser.add_argument("--output", type=Path, default=REFERENCE)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return

    from motteruum.loader import load_glossary
    from motteruum.words.inflection import normalise, paradigms
    from motteruum.words.reference import (
        Entry,
        native_names,
        reference_forms,
        words_of,
        write_reference,
    )

    calculators = {page.name.split(".")[0] for page in (ROOT / "docs/calculators").glob("*.md")}
    glossary = load_glossary(ROOT / "glossary", LANGUAGES, calculators=calculators)
    names = sorted(
        {tuple(words_of(name)) for term in glossary.terms for name in native_names(term, "et")}
    )
    answer = subprocess.run(
        [args.estnltk, __file__, "--worker"],
        input=json.dumps([name for name in names if name], ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
    )
    synthesised: dict[str, dict[str, Any] | None] = {}
    for word, entry in json.loads(answer.stdout).items():
        synthesised.setdefault(normalise(word), entry)  # "Forresteri" and "forresteri" alike
    words = sorted(synthesised)
    version = estnltk_version(args.estnltk).strip()
    reference: dict[str, Entry | None] = {}
    for word in words:
        entry = synthesised[word]
        reference[word] = (
            None if entry is None else {k: v for k, v in entry.items() if k != "paradigm"}
        )
    generator = f"bench/inflection_reference.py, EstNLTK {version} (Vabamorf)"
    write_reference(args.output, reference, generator)
    declining = sum(entry is not None for entry in reference.values())
    print(f"{declining} of {len(words)} words decline; written to {args.output}")

    built = paradigms("et", words, expand=True)
    for word in words:
        entry = synthesised[word]
        if entry is None:
            continue
        lacking = reference_forms(entry) - built[word].forms
        stray = sorted(built[word].forms - set(entry["paradigm"]))
        if lacking:
            print(f"\n{word}: the build lacks {', '.join(sorted(lacking))}")
            if stray:
                print(f"  the build's forms Vabamorf does not give: {', '.join(stray)}")
            print("  an entry for hooks/motteruum/words/et.yml (or one for the word it ends in):")
            print(textwrap.indent(yaml_entry(entry["lemma"], entry["paradigm"]), "    "))


if __name__ == "__main__":
    main()
