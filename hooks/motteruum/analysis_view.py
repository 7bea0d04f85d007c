"""Analysis widgets: the survey workbench and its two companions, rendered for one language.

``<!-- analysis: survey -->`` is the workbench (a survey export analysed overall, by segment
and over time), ``<!-- analysis: survey-compare -->`` compares two surveys and
``<!-- analysis: survey-plan -->`` plans a sample size. Every number comes from
``calculators.survey`` in the page's engine; the markup contract is in README.md.
"""

from __future__ import annotations

from babel.numbers import format_decimal

from calculators.survey.analysis import MAX_SEGMENTS
from calculators.survey.metrics import CSAT_SCALES, METRICS, metric
from calculators.survey.planner import ASSURANCES, DEFAULT_ASSURANCE
from calculators.survey.reading import DELIMITERS, ENCODINGS, MAX_FILE_BYTES, MAX_ROWS

from .htmljson import script_json
from .render import environment
from .strings import catalog, translate

#: The analyses a marker can name, and their templates' parts.
ANALYSES = ("survey", "survey-compare", "survey-plan")
#: The script and the stylesheet of the analyses, from the site's root (loaded by their pages
#: only, not by every page of the site).
SCRIPT = "assets/javascripts/survey.js"
STYLESHEET = "assets/stylesheets/survey.css"
#: The sample file of each language, beside the calculators, from the language's root.
SAMPLE = "calculators/survey-sample.csv"


class AnalysisView:
    """Renders one analysis widget for one language."""

    def __init__(
        self,
        name: str,
        lang: str,
        default_lang: str,
        script: str | None = None,
        sample: str | None = None,
        stylesheet: str | None = None,
    ) -> None:
        self.name = name
        self.lang = lang
        self.default_lang = default_lang
        #: The page script's address relative to the page (none without a page address).
        self.script = script
        #: The sample file's address relative to the page.
        self.sample = sample
        #: The stylesheet's address relative to the page.
        self.stylesheet = stylesheet

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, self.default_lang, **values)

    def render(self) -> str:
        template = environment().get_template("analysis.html.j2")
        return template.render(
            name=self.name,
            lang=self.lang,
            t=self.t,
            script=self.script,
            stylesheet=self.stylesheet,
            sample=self.sample,
            metrics=METRICS,
            units={name: metric(name).unit for name in METRICS},
            digits={name: metric(name).digits for name in METRICS},
            csat_scales=tuple(CSAT_SCALES),
            encodings=ENCODINGS,
            delimiters=tuple(DELIMITERS),
            assurances=ASSURANCES,
            default_assurance=DEFAULT_ASSURANCE,
            max_bytes=MAX_FILE_BYTES,
            max_mb=MAX_FILE_BYTES // 2**20,
            max_rows_text=format_decimal(MAX_ROWS, locale=self.lang),
            max_segments=MAX_SEGMENTS,
            strings=script_json(self.strings()),
        )

    def strings(self) -> dict[str, str]:
        """The UI strings the page script needs, in this language (each widget its own)."""
        companions = ("survey.compare.", "survey.plan.")
        own = None if self.name == "survey" else f"survey.{self.name.removeprefix('survey-')}."
        if own is None:
            wanted: tuple[str, ...] = ("survey.", "calc.warning.", "calc.better.")
        else:
            wanted = (own, "survey.metric.")
        shared = ("calc.error.", "calc.state.", "survey.state.")
        keys = [
            key
            for key in catalog()
            if key.startswith((*wanted, *shared))
            and not (key.startswith(companions) and (own is None or not key.startswith(own)))
        ]
        keys += ["calc.interval", "calc.retry", "survey.p_value", "survey.yes", "survey.no"]
        return {key: self.t(key) for key in sorted(set(keys))}
