from __future__ import annotations

import re

import yaml

from motteruum.strings import catalog, translate
from tests.conftest import ROOT


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags need no resolving here."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


def site_languages() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return [language["locale"] for language in i18n["languages"]]


def test_every_ui_string_exists_in_every_site_language() -> None:
    languages = site_languages()
    assert languages == ["et", "en"]
    missing = [
        (k, lang) for k, texts in catalog().items() for lang in languages if not texts.get(lang)
    ]
    assert missing == []


def test_placeholders_agree_between_languages() -> None:
    for key, texts in catalog().items():
        fields = {lang: sorted(re.findall(r"\{(\w+)\}", text)) for lang, text in texts.items()}
        assert len({tuple(f) for f in fields.values()}) == 1, key


def test_templates_use_only_known_keys() -> None:
    templates = (ROOT / "hooks" / "motteruum" / "templates").glob("*.j2")
    used = {
        key for path in templates for key in re.findall(r'\bt\("([\w.]+)"[,)]', path.read_text())
    }
    assert used
    assert used <= set(catalog())


def test_translate_fills_placeholders_and_falls_back() -> None:
    assert translate("glossary.count", "en", "et", count=3) == "3 terms"
    assert translate("glossary.title", "fi", "et") == "Sõnastik"


def test_every_calculator_error_and_warning_has_a_message() -> None:
    from calculators.errors import Code
    from calculators.results import WarningCode

    codes = [v for k, v in vars(Code).items() if k.isupper()]
    warnings = [v for k, v in vars(WarningCode).items() if k.isupper()]
    assert len(codes) >= 15 and len(warnings) >= 7
    missing = [c for c in codes if f"calc.error.{c}" not in catalog()]
    missing += [w for w in warnings if f"calc.warning.{w}" not in catalog()]
    assert missing == []


def test_every_team_import_problem_has_a_message() -> None:
    from calculators.assessment.team_csv import PROBLEM_CODES

    assert len(PROBLEM_CODES) >= 10
    assert [code for code in PROBLEM_CODES if f"team.code.{code}" not in catalog()] == []
