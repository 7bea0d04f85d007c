"""`motteruum changes BASE`: what a pull request changes in the glossary, on a small git history."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from motteruum.cli import main
from tests.conftest import PUBLIC_URL, ROOT, term_yaml

FRAMEWORK = """\
order: 1
et:
  title: Mudel
  summary: Eestikeelne kokkuvõte.
en:
  title: Model
  summary: An English summary.
sections:
  - id: parts
    et:
      title: Osad
      text: Eestikeelne tekst.
    en:
      title: Parts
      text: An English text.
    items:
      - et: üks
        en: one
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with a minimal project: three terms and a framework, committed."""
    for name, value in {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SITE_URL", raising=False)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "glossary" / "terms").mkdir(parents=True)
    (tmp_path / "glossary" / "frameworks").mkdir()
    shutil.copy(ROOT / "glossary" / "categories.yml", tmp_path / "glossary" / "categories.yml")
    write(tmp_path, "terms/kept.yml", term_yaml("püsiv", "kept"))
    write(tmp_path, "terms/gone.yml", term_yaml("kadunud", "gone"))
    write(tmp_path, "terms/old-name.yml", term_yaml("vana", "old"))
    write(tmp_path, "frameworks/model.yml", FRAMEWORK)
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    commit(tmp_path, "the base")
    return tmp_path


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def write(repo: Path, name: str, text: str) -> None:
    (repo / "glossary" / name).write_text(text, encoding="utf-8")


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", message)


def changes(repo: Path, base: str, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code = main(["--config", str(repo / "mkdocs.yml"), "changes", base, *args])
    out = capsys.readouterr().out
    return code, (json.loads(out) if "json" in args else out)


def ids(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["id"] for entry in entries]


def test_added_removed_and_renamed_terms(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "terms/new.yml", term_yaml("uus", "new"))
    (repo / "glossary" / "terms" / "gone.yml").unlink()
    (repo / "glossary" / "terms" / "old-name.yml").rename(repo / "glossary/terms/new-name.yml")
    write(repo, "terms/new-name.yml", term_yaml("vana", "old", former_ids="[old-name]"))
    commit(repo, "add, remove, rename")

    code, found = changes(repo, "HEAD~1", capsys, "--format", "json")
    assert code == 0
    terms = found["terms"]
    assert ids(terms["added"]) == ["new"]
    assert ids(terms["removed"]) == ["gone"]
    (renamed,) = terms["renamed"]
    assert (renamed["former_id"], renamed["id"]) == ("old-name", "new-name")
    assert renamed["fields"] == {"*": ["former_ids"]}
    assert terms["changed"] == []
    assert found["frameworks"] == {"added": [], "removed": [], "renamed": [], "changed": []}
    # Links lead to the pages of the site's public address (site_url of mkdocs.yml), per
    # language; a removed term has no page left.
    assert terms["added"][0]["links"] == {
        "et": f"{PUBLIC_URL}terms/new/",
        "en": f"{PUBLIC_URL}en/terms/new/",
    }
    assert terms["added"][0]["names"] == {"et": "uus", "en": "new"}
    assert terms["removed"][0]["links"] == {}

    code, text = changes(repo, "HEAD~1", capsys)
    assert code == 0
    assert "**Terms:** 1 added, 1 removed, 1 renamed." in text
    added = f"- `new` — et: [uus]({PUBLIC_URL}terms/new/) · en: [new]({PUBLIC_URL}en/terms/new/)"
    assert f"### Terms added\n\n{added}\n" in text
    assert "### Terms removed\n\n- `gone` — et: kadunud · en: gone\n" in text
    assert "- `old-name` → `new-name` — et: [vana](" in text
    assert "out of date" not in text


def test_a_removed_term_whose_id_another_term_took_over(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "glossary" / "terms" / "gone.yml").unlink()
    write(repo, "terms/kept.yml", term_yaml("püsiv", "kept", former_ids="[gone]"))
    code, found = changes(repo, "HEAD", capsys, "--format", "json")
    assert code == 0
    (removed,) = found["terms"]["removed"]
    assert (removed["id"], removed["replaced_by"]) == ("gone", "kept")
    assert found["terms"]["renamed"] == []
    assert ids(found["terms"]["changed"]) == ["kept"]


def test_a_definition_changed_in_one_language_may_leave_a_stale_translation(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = term_yaml("püsiv", "kept").replace("An English definition.", "A better definition.")
    write(repo, "terms/kept.yml", text)
    commit(repo, "English only")

    code, found = changes(repo, "HEAD~1", capsys, "--format", "json")
    assert code == 0
    (changed,) = found["terms"]["changed"]
    assert changed["id"] == "kept"
    assert changed["fields"] == {"en": ["definition"]}
    stale = {"field": "definition", "changed": ["en"], "unchanged": ["et"]}
    assert changed["stale"] == [stale]
    assert found["stale"] == [{"kind": "term", "id": "kept", **stale}]

    code, text = changes(repo, "HEAD~1", capsys)
    assert "### Translations that may be out of date" in text
    # The link leads to the page of the text that may need an update.
    assert (
        f"- term [`kept`]({PUBLIC_URL}terms/kept/): `definition` changed in en but not in et"
    ) in text
    assert "- `kept` — et: [püsiv](" in text
    assert "  - en: `definition`" in text


def test_a_definition_changed_in_both_languages_is_not_flagged(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = term_yaml("püsiv", "kept").replace("An English definition.", "A better definition.")
    write(repo, "terms/kept.yml", text.replace("Eestikeelne definitsioon.", "Parem definitsioon."))
    commit(repo, "both languages")

    code, found = changes(repo, "HEAD~1", capsys, "--format", "json")
    assert code == 0
    (changed,) = found["terms"]["changed"]
    assert changed["fields"] == {"et": ["definition"], "en": ["definition"]}
    assert changed["stale"] == []
    assert found["stale"] == []
    code, text = changes(repo, "HEAD~1", capsys)
    assert "out of date" not in text
    assert "**Terms:** 1 changed. **Frameworks:** no changes." in text


def test_framework_texts_by_language(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only the working tree changed (nothing committed): the summary in both languages, the
    section text in Estonian only, and a new section."""
    text = FRAMEWORK.replace("Eestikeelne kokkuvõte.", "Uus kokkuvõte.")
    text = text.replace("An English summary.", "A new summary.")
    text = text.replace("Eestikeelne tekst.", "Uus tekst.")
    text += "  - id: more\n    et:\n      title: Veel\n    en:\n      title: More\n"
    write(repo, "frameworks/model.yml", text)

    code, found = changes(repo, "HEAD", capsys, "--format", "json")
    assert code == 0
    (changed,) = found["frameworks"]["changed"]
    assert changed["fields"] == {
        "et": ["summary", "sections.parts.text"],
        "en": ["summary"],
        "*": ["sections"],
    }
    assert changed["stale"] == [
        {"field": "sections.parts.text", "changed": ["et"], "unchanged": ["en"]}
    ]
    assert changed["links"]["en"] == f"{PUBLIC_URL}en/frameworks/model/"


def test_relative_links_without_a_public_address(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = repo / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(x for x in lines if not x.startswith("site_url:")), "utf-8")
    write(repo, "terms/new.yml", term_yaml("uus", "new"))
    code, found = changes(repo, "HEAD", capsys, "--format", "json")
    assert code == 0
    assert found["terms"]["added"][0]["links"] == {"et": "terms/new/", "en": "en/terms/new/"}


def test_a_base_whose_glossary_does_not_load_is_named(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "terms/broken.yml", "category: [\n")
    commit(repo, "broken")
    (repo / "glossary" / "terms" / "broken.yml").unlink()

    code, text = changes(repo, "HEAD", capsys)
    assert code == 1
    assert "**Cannot compare: the glossary at HEAD cannot be loaded.**" in text
    assert "1 problem:\n\n- glossary/terms/broken.yml:2:1: YAML syntax error" in text
    code, found = changes(repo, "HEAD", capsys, "--format", "json")
    assert code == 1
    assert found["error"] == "the glossary at HEAD cannot be loaded"
    assert found["problems"][0]["path"] == "glossary/terms/broken.yml"


def test_an_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = changes(repo, "no-such-branch", capsys)
    assert code == 1
    assert "'no-such-branch' is not a commit of this repository" in text
    # A revision that git would read as an option is refused before git sees it.
    config = str(repo / "mkdocs.yml")
    assert main(["--config", config, "changes", "--", "--output=x"]) == 1
    text = capsys.readouterr().out
    assert "is not a git revision" in text
    assert not (repo / "x").exists()


def test_a_base_that_moved_on_is_named(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """main got a term after the branch left it: compared with main, the term shows as removed,
    and the summary says why; compared with the merge base, only the branch's own changes."""
    git(repo, "switch", "--quiet", "--create", "feature")
    write(repo, "terms/mine.yml", term_yaml("minu", "mine"))
    commit(repo, "the branch's term")
    git(repo, "switch", "--quiet", "main")
    write(repo, "terms/theirs.yml", term_yaml("nende", "theirs"))
    commit(repo, "a term on main")
    git(repo, "switch", "--quiet", "feature")

    code, found = changes(repo, "main", capsys, "--format", "json")
    assert code == 0
    assert found["base_is_ancestor"] is False
    assert ids(found["terms"]["removed"]) == ["theirs"]
    code, text = changes(repo, "main", capsys)
    assert "> `main` is not an ancestor of `HEAD`" in text
    assert "`git merge-base main HEAD`" in text

    fork = subprocess.run(
        ["git", "merge-base", "main", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    code, found = changes(repo, fork, capsys, "--format", "json")
    assert found["base_is_ancestor"] is True
    assert ids(found["terms"]["added"]) == ["mine"]
    assert found["terms"]["removed"] == []


def test_names_notes_and_relations(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A synonym deprecated, a usage note in one language, a broader concept: each is named,
    and the note without its translation may be stale."""
    text = term_yaml("püsiv", "kept", broader="[gone]")
    text = text.replace(
        "  term: püsiv\n",
        "  term: püsiv\n  synonyms: [{name: vana nimi, status: deprecated, reason: Vananenud.}]\n"
        "  note: Kasutatakse harva.\n",
    )
    write(repo, "terms/kept.yml", text)
    write(repo, "terms/gone.yml", term_yaml("kadunud", "gone", narrower="[kept]"))

    code, found = changes(repo, "HEAD", capsys, "--format", "json")
    assert code == 0, found
    changed = {entry["id"]: entry for entry in found["terms"]["changed"]}
    assert changed["kept"]["fields"] == {
        "et": ["synonyms", "status", "note"],
        "*": ["broader"],
    }
    assert changed["kept"]["stale"] == [{"field": "note", "changed": ["et"], "unchanged": ["en"]}]
    assert changed["gone"]["fields"] == {"*": ["narrower"]}
