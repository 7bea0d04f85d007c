"""The survey workbench: a survey export analysed in the browser, nothing uploaded.

* :mod:`calculators.survey.reading` -- CSV (delimiter and encoding detected) into a table;
  :mod:`calculators.survey.xlsx` -- the first worksheet of an .xlsx workbook (imported only
  for one).
* :mod:`calculators.survey.columns` -- what each column looks like; proposed choices.
* :mod:`calculators.survey.dates` -- dates and the periods of a trend.
* :mod:`calculators.survey.metrics` -- NPS, eNPS, CSAT, CES 1.0 and 2.0 of a histogram and
  the difference of two, by the package's calculators.
* :mod:`calculators.survey.analysis` -- overall, by segment (with the rest) and over time
  (with the period before), invalid rows counted and listed, anonymity of small groups.
* :mod:`calculators.survey.planner` -- how many responses reach a margin with a chosen
  assurance.
* :mod:`calculators.survey.problems` -- what can be wrong with a file, by row.
* :mod:`calculators.survey.api` -- :func:`~calculators.survey.api.call`, the never-raising
  entry point of the page (``calculators.api.survey`` dispatches to it).

Standard library only, like the rest of the package.
"""

from __future__ import annotations

from calculators.survey.analysis import SurveyAnalysis, SurveyOptions, analyse
from calculators.survey.metrics import METRICS, metric
from calculators.survey.planner import AssurancePlan, plan
from calculators.survey.problems import PROBLEM_CODES, Problem, ProblemCode
from calculators.survey.reading import MAX_FILE_BYTES, MAX_ROWS, Table, read_table

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "METRICS",
    "PROBLEM_CODES",
    "AssurancePlan",
    "Problem",
    "ProblemCode",
    "SurveyAnalysis",
    "SurveyOptions",
    "Table",
    "analyse",
    "metric",
    "plan",
    "read_table",
]
