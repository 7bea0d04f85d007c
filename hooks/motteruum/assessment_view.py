"""Self-assessment widgets: the aspects and the scale come from the framework files."""

from __future__ import annotations

from dataclasses import dataclass

from .glossary import Framework, Glossary
from .htmljson import script_json
from .render import ASSESSMENTS, environment
from .strings import catalog, translate


@dataclass(frozen=True)
class Aspect:
    id: str
    text: str
    note: str | None
    term: str | None  # the preferred term, linked
    href: str | None  # relative to the assessment page


@dataclass(frozen=True)
class Level:
    value: str
    label: str
    note: str | None


class AssessmentView:
    """Renders one self-assessment for one language."""

    def __init__(self, name: str, lang: str, default_lang: str, glossary: Glossary) -> None:
        self.name = name
        self.lang = lang
        self.default_lang = default_lang
        self.glossary = glossary
        self.framework = self._framework(ASSESSMENTS[name])

    def _framework(self, framework_id: str) -> Framework:
        return next(f for f in self.glossary.frameworks if f.id == framework_id)

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, self.default_lang, **values)

    def aspects(self) -> list[Aspect]:
        section = next(s for s in self.framework.sections if s.id == "aspects")
        return [
            Aspect(
                id=str(item.id),
                text=item.text(self.lang),
                note=item.note(self.lang),
                term=self.glossary.term(item.term).text(self.lang).term if item.term else None,
                href=f"../../terms/{item.term}/" if item.term else None,
            )
            for item in section.items
        ]

    def scale(self) -> list[Level]:
        section = next(s for s in self.framework.sections if s.id == "scale")
        return [
            Level(str(item.id), item.text(self.lang), item.note(self.lang))
            for item in section.items
        ]

    def render(self) -> str:
        aspects = self.aspects()
        template = environment().get_template("assessment.html.j2")
        return template.render(
            name=self.name,
            lang=self.lang,
            t=self.t,
            title=self.framework.title(self.lang),
            framework_href=f"../../frameworks/{self.framework.id}/",
            aspects=aspects,
            scale=self.scale(),
            strings=script_json(self.strings()),
            ids=script_json([a.id for a in aspects]),
        )

    def strings(self) -> dict[str, str]:
        """The UI strings the page script needs, in this language."""
        prefixes = ("assess.", "calc.error.", "calc.state.", "team.")
        return {key: self.t(key) for key in sorted(catalog()) if key.startswith(prefixes)}
