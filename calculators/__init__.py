"""Survey-metric calculators (NPS, eNPS, CES, CSAT) and self-assessments; standard library only.

The package runs unchanged on CPython 3.11+ and in the browser through Pyodide.

* :mod:`calculators.api` -- the JSON-friendly entry points for the page
  (:func:`~calculators.api.compute`, :func:`~calculators.api.compare`,
  :func:`~calculators.api.plan_sample_size`); they take raw form text and never raise.
* :mod:`calculators.nps` -- NPS and eNPS: scores, adjusted-Wald and Wald intervals,
  comparisons, sample-size planning, anonymity thresholds, finite population correction.
* :mod:`calculators.ces` -- Customer Effort Score 1.0 and 2.0 with a *t* interval of the mean.
* :mod:`calculators.csat` -- CSAT with a Wilson interval of the share satisfied.
* :mod:`calculators.parsing` -- reading pasted responses, counts and options.
* :mod:`calculators.stats` -- normal and *t* quantiles, Wilson intervals, histogram moments.
* :mod:`calculators.results` -- intervals, warnings and conversion to plain data.
* :mod:`calculators.errors` -- :class:`CalculatorError`, the only exception for bad input.
* :mod:`calculators.spreadsheet` -- text cells for CSV files that no spreadsheet runs as a
  formula (used by the self-assessment export and the site's ``glossary.csv``).
* :mod:`calculators.assessment` -- self-assessments on a 1-4 scale: scoring, CSV export and
  import, team aggregation, and their JSON-friendly entry points.
"""

from __future__ import annotations

from calculators.ces import CesResult, ces_from_responses, compute_ces
from calculators.csat import CsatResult, compute_csat, csat_from_responses
from calculators.errors import ERROR_CODES, CalculatorError, Code
from calculators.nps import (
    GroupCounts,
    GroupShares,
    NpsComparison,
    NpsResult,
    SamplePlan,
    compare_nps,
    compute_nps,
    nps_from_counts,
    nps_from_histogram,
    nps_from_responses,
    plan_sample_size,
)
from calculators.parsing import CONFIDENCE_LEVELS, MAX_COUNT, MAX_INPUT_CHARS, MAX_RESPONSES
from calculators.results import Interval, ResultWarning, WarningCode

__all__ = [
    "CONFIDENCE_LEVELS",
    "ERROR_CODES",
    "MAX_COUNT",
    "MAX_INPUT_CHARS",
    "MAX_RESPONSES",
    "CalculatorError",
    "CesResult",
    "Code",
    "CsatResult",
    "GroupCounts",
    "GroupShares",
    "Interval",
    "NpsComparison",
    "NpsResult",
    "ResultWarning",
    "SamplePlan",
    "WarningCode",
    "ces_from_responses",
    "compare_nps",
    "compute_ces",
    "compute_csat",
    "compute_nps",
    "csat_from_responses",
    "nps_from_counts",
    "nps_from_histogram",
    "nps_from_responses",
    "plan_sample_size",
]
