"""Calculator widgets: the form, a worked example computed now, and the strings the page needs.

The numbers of the example come from ``calculators.api`` — the same code the browser runs
through Pyodide — so the page shows a real result before the engine has started.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from babel.numbers import format_decimal, get_minus_sign_symbol

from calculators import api

from .htmljson import script_json
from .render import environment
from .strings import catalog, translate


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    share: float
    count: int


@dataclass(frozen=True)
class Spec:
    """What a calculator asks for: its modes, histogram buckets and options."""

    name: str
    modes: tuple[str, ...]
    buckets: tuple[int, ...]
    example: Mapping[str, str]
    groups: bool = False  # NPS-style promoters/passives/detractors
    extra: tuple[str, ...] = ()
    score_digits: int = 1
    defaults: Mapping[str, str] = field(default_factory=dict)


def _histogram(counts: list[int], first: int) -> dict[str, str]:
    return {f"h{first + i}": str(c) for i, c in enumerate(counts)}


SPECS: dict[str, Spec] = {
    "nps": Spec(
        "nps",
        ("histogram", "counts", "responses"),
        tuple(range(11)),
        {"mode": "histogram", **_histogram([1, 0, 2, 1, 3, 5, 8, 14, 20, 26, 20], 0)},
        groups=True,
    ),
    "enps": Spec(
        "enps",
        ("histogram", "counts", "responses"),
        tuple(range(11)),
        {"mode": "histogram", **_histogram([0, 1, 0, 1, 2, 3, 4, 6, 5, 3, 2], 0)},
        groups=True,
        extra=("min_group", "headcount"),
        defaults={"min_group": "5"},
    ),
    "ces": Spec(
        "ces",
        ("histogram", "responses"),
        tuple(range(1, 8)),
        {"mode": "histogram", "scale": "ces2", **_histogram([2, 3, 5, 8, 20, 35, 27], 1)},
        extra=("scale",),
        score_digits=2,
    ),
    "csat": Spec(
        "csat",
        ("histogram", "responses"),
        tuple(range(1, 6)),
        {"mode": "histogram", **_histogram([4, 6, 15, 40, 35], 1)},
    ),
}


def number(value: float, lang: str, digits: int) -> str:
    """A number in the page language (Estonian: decimal comma, minus sign U+2212).

    No digit grouping, like the page script (``useGrouping: false``), so both agree.
    """
    pattern = "0." + "0" * digits if digits else "0"
    text = str(format_decimal(value, format=pattern, locale=lang))
    return text.replace("-", get_minus_sign_symbol(lang), 1) if text.startswith("-") else text


class CalculatorView:
    """Renders one calculator for one language."""

    def __init__(
        self,
        name: str,
        lang: str,
        default_lang: str,
        start_script: str | None = None,
        eager: bool = False,
    ) -> None:
        self.spec = SPECS[name]
        self.lang = lang
        self.default_lang = default_lang
        #: URL of engine-start.js relative to the page, written right after the calculator.
        self.start_script = start_script
        #: The calculator opens its page: the engine starts from the page's head, not from here.
        self.eager = eager

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.lang, self.default_lang, **values)

    def render(self) -> str:
        form = {**self.spec.defaults, **self.spec.example}
        answer = api.compute(self.spec.name, form)
        if not answer["ok"]:
            raise ValueError(f"the example of {self.spec.name} is invalid: {answer['error']}")
        result: dict[str, Any] = dict(answer["result"])  # type: ignore[arg-type]
        template = environment().get_template("calculator.html.j2")
        return template.render(
            spec=self.spec,
            form=form,
            result=result,
            bars=self.bars(result),
            warnings=[self.warning(w) for w in result["warnings"]],
            fmt=self.fmt,
            t=self.t,
            lang=self.lang,
            start_script=None if self.eager else self.start_script,
            eager=self.eager,
            strings=script_json(self.strings()),
        )

    def fmt(self, value: float | None, digits: int | None = None) -> str:
        if value is None:
            return "–"
        return number(value, self.lang, self.spec.score_digits if digits is None else digits)

    def bars(self, result: Mapping[str, Any]) -> list[Bar]:
        if self.spec.groups:
            shares, counts = result["shares"] or {}, result["counts"] or {}
            return [
                Bar(g, self.t(f"calc.{g}"), shares.get(g, 0.0), counts.get(g, 0))
                for g in ("promoters", "passives", "detractors")
            ]
        histogram = result["histogram"]
        total = sum(histogram) or 1
        return [
            Bar(f"h{value}", self.t("calc.bucket", value=value), count / total, count)
            for value, count in zip(self.spec.buckets, histogram, strict=False)
        ]

    def warning(self, warning: Mapping[str, Any]) -> str:
        params = {
            k: self.fmt(v, 1) if isinstance(v, float) else v for k, v in warning["params"].items()
        }
        return self.t(f"calc.warning.{warning['code']}", **params)

    def strings(self) -> dict[str, str]:
        """The UI strings the page script needs, in this language."""
        keys = [
            k for k in catalog() if k.startswith(("calc.error.", "calc.warning.", "calc.state."))
        ]
        keys += ["calc.copied", "calc.withheld", "calc.promoters", "calc.passives"]
        keys += ["calc.detractors", "calc.bucket", "calc.interval", "calc.chart"]
        keys += ["calc.better.lower", "calc.better.higher", "calc.responses"]
        keys += ["calc.url.invalid", "calc.url.counts", "calc.url.too_long"]
        return {key: self.t(key) for key in sorted(set(keys))}
