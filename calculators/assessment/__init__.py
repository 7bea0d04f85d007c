"""Customer- and employee-experience self-assessments: 14 aspects rated on a 1-4 scale.

The frameworks ``customer-experience-self-assessment`` and
``employee-experience-self-assessment`` list 14 aspects each and a verbal scale read as 1-4
(*Not in place*, *In its early stages*, *Partly in place*, *Working systematically*). This
package scores the answers; it does not read the framework files, so every function takes
the aspect ids (in display order) as an argument.

* :mod:`calculators.assessment.scoring` -- one participant:
  :func:`score_assessment` gives the mean of the answered aspects, the profile and the three
  weakest aspects.
* :mod:`calculators.assessment.team_csv` -- the trainer's team mode: :func:`to_csv` exports
  one participant's answers, :func:`read_team_csv` reads many exports pasted together and
  reports each malformed row as an :class:`ImportProblem` while using the others.
* :mod:`calculators.assessment.team` -- :func:`aggregate_team`: per-aspect ``n``, mean,
  minimum, maximum and sample standard deviation, the team mean and its weakest aspects.
* :mod:`calculators.assessment.api` -- :func:`api_score`, :func:`api_export` and
  :func:`api_team`, the never-raising entry points for the page (form text in, plain data
  out); their contract is in that module's docstring. A JSON export of a result is the
  ``result`` dict of these calls.

Bad input raises :class:`~calculators.errors.CalculatorError` as everywhere in the package.
"""

from __future__ import annotations

from calculators.assessment.api import api_export, api_score, api_team
from calculators.assessment.scoring import (
    MAX_ASPECTS,
    RESERVED_NAMES,
    SCALE_HIGH,
    SCALE_LOW,
    WEAKEST_COUNT,
    AssessmentResult,
    check_aspects,
    score_assessment,
)
from calculators.assessment.team import (
    AspectSummary,
    ParticipantAnswers,
    TeamResult,
    aggregate_team,
)
from calculators.assessment.team_csv import (
    DELIMITERS,
    PROBLEM_CODES,
    ImportProblem,
    ProblemCode,
    TeamImport,
    read_team_csv,
    to_csv,
)

__all__ = [
    "DELIMITERS",
    "MAX_ASPECTS",
    "PROBLEM_CODES",
    "RESERVED_NAMES",
    "SCALE_HIGH",
    "SCALE_LOW",
    "WEAKEST_COUNT",
    "AspectSummary",
    "AssessmentResult",
    "ImportProblem",
    "ParticipantAnswers",
    "ProblemCode",
    "TeamImport",
    "TeamResult",
    "aggregate_team",
    "api_export",
    "api_score",
    "api_team",
    "check_aspects",
    "read_team_csv",
    "score_assessment",
    "to_csv",
]
