"""Pieces shared by every result: intervals, warnings and conversion to plain data.

Warnings are machine-readable so that a page can word them in any language. Each is a
:class:`ResultWarning` with a ``code`` from :class:`WarningCode` and ``params``:

``small_sample``
    Fewer than :data:`SMALL_SAMPLE` responses. ``params``: ``n``, ``recommended``.
``coarse_steps``
    With ``n`` respondents one person moves a share (and so the NPS or the CSAT percentage)
    by ``100 / n`` points; reported when that step is larger than one point, i.e. ``n < 100``.
    ``params``: ``n``, ``step``.
``wide_interval``
    The confidence interval is wider than :data:`WIDE_INTERVAL_SHARE` (15 %) of the scale's
    whole range: 30 NPS points, 15 CSAT percentage points, 0.6 points on the CES 1-5 scale,
    0.9 on the CES 1-7 scale. ``params``: ``width``, ``threshold``.
``interval_clipped``
    The interval was cut at the end of the scale (for example at +100). ``params``:
    ``side`` (``"lower"``, ``"upper"`` or ``"both"``).
``interval_excludes_score``
    The adjusted-Wald interval is centred on the adjusted score, and with a handful of
    respondents (at most 4 at 90 %, only 1 at 95 %, never at 99 %) it can leave out the
    observed score. ``params``: ``n``.
``interval_unavailable``
    No interval can be computed (a mean from a single response). ``params``: ``n``.
``census``
    Everyone in the headcount answered, so there is no sampling error and the interval is the
    score itself. ``params``: ``n``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

#: Below this many responses a result carries the ``small_sample`` warning.
SMALL_SAMPLE: Final = 30
#: ``coarse_steps`` is reported while one respondent moves a share by more than this (points).
COARSE_STEP_POINTS: Final = 1.0
#: ``wide_interval`` is reported above this fraction of the scale's whole range.
WIDE_INTERVAL_SHARE: Final = 0.15

WarningParam = str | int | float


class WarningCode:
    """The stable warning codes (plain strings)."""

    SMALL_SAMPLE: Final = "small_sample"
    COARSE_STEPS: Final = "coarse_steps"
    WIDE_INTERVAL: Final = "wide_interval"
    INTERVAL_CLIPPED: Final = "interval_clipped"
    INTERVAL_EXCLUDES_SCORE: Final = "interval_excludes_score"
    INTERVAL_UNAVAILABLE: Final = "interval_unavailable"
    CENSUS: Final = "census"


@dataclass(frozen=True)
class ResultWarning:
    """A warning about a result: a stable ``code`` and the numbers a message needs."""

    code: str
    params: Mapping[str, WarningParam] = dataclasses.field(
        default_factory=lambda: MappingProxyType({})
    )

    @classmethod
    def of(cls, code: str, **params: WarningParam) -> ResultWarning:
        """Make a warning with read-only ``params``."""
        return cls(code, MappingProxyType(params))


@dataclass(frozen=True)
class Interval:
    """A confidence interval on the same unit as the score it belongs to.

    ``centre`` is the point the interval was built around: the score itself, except for the
    adjusted-Wald method, which centres on the adjusted score.
    """

    lower: float
    upper: float
    centre: float
    confidence: int
    method: str

    @property
    def width(self) -> float:
        """``upper - lower``."""
        return self.upper - self.lower


def clip_interval(
    centre: float,
    half_width: float,
    *,
    low: float,
    high: float,
    confidence: int,
    method: str,
    warnings: list[ResultWarning],
) -> Interval:
    """``centre ± half_width`` cut to ``[low, high]``, noting a cut in ``warnings``."""
    lower = centre - half_width
    upper = centre + half_width
    cut_lower = lower < low
    cut_upper = upper > high
    if cut_lower or cut_upper:
        side = "both" if cut_lower and cut_upper else ("lower" if cut_lower else "upper")
        warnings.append(ResultWarning.of(WarningCode.INTERVAL_CLIPPED, side=side))
    return Interval(max(low, lower), min(high, upper), centre, confidence, method)


def sample_warnings(n: int, *, steps: bool) -> list[ResultWarning]:
    """``small_sample`` and (for share-based scores) ``coarse_steps`` for ``n`` responses."""
    warnings: list[ResultWarning] = []
    if n < SMALL_SAMPLE:
        warnings.append(ResultWarning.of(WarningCode.SMALL_SAMPLE, n=n, recommended=SMALL_SAMPLE))
    step = 100 / n
    if steps and step > COARSE_STEP_POINTS:
        warnings.append(ResultWarning.of(WarningCode.COARSE_STEPS, n=n, step=step))
    return warnings


def width_warning(interval: Interval, scale_range: float) -> list[ResultWarning]:
    """``wide_interval`` if the interval is wider than 15 % of ``scale_range``."""
    threshold = WIDE_INTERVAL_SHARE * scale_range
    if interval.width > threshold:
        return [
            ResultWarning.of(WarningCode.WIDE_INTERVAL, width=interval.width, threshold=threshold)
        ]
    return []


JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]


def to_jsonable(value: object) -> JsonValue:
    """Turn a result into plain data: dataclasses and mappings become dicts, tuples lists.

    Non-finite floats (which results never contain) would become ``None``.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: to_jsonable(getattr(value, field.name))
            for field in dataclasses.fields(value)
        }
    if isinstance(value, Mapping):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    raise TypeError(f"cannot turn {type(value).__name__} into JSON data")
