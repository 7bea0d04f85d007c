"""A team's self-assessments together: per-aspect statistics and the team's weakest aspects.

For every aspect the team result gives the number of participants who answered it (``n``),
the mean, the lowest and highest answer, the sample standard deviation (with ``n - 1``;
``None`` when ``n < 2``) and the counts of each answer 1-4. Unanswered aspects are left out
of that aspect's figures, so ``n`` may differ between aspects.

The overall ``mean`` is the mean of the participants' own means: every participant who
answered at least one aspect weighs the same, however many aspects they answered.
``weakest`` names up to three aspects with the lowest team mean, lowest first; equal means
keep the order of the aspect list, and aspects nobody answered are left out.

All sums are exact (integers and fractions), so results do not depend on the order of the
participants, and equal means compare as equal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from calculators.assessment.scoring import (
    SCALE_HIGH,
    SCALE_LOW,
    check_aspects,
    read_answers,
    weakest_of,
)
from calculators.errors import CalculatorError, Code
from calculators.stats import histogram_moments


@dataclass(frozen=True)
class ParticipantAnswers:
    """One participant's answers as read from a team file.

    ``answers`` maps every aspect id, in aspect order, to its answer 1-4 or ``None``;
    ``row`` is the 1-based line of the file where the participant's row starts.
    """

    name: str
    row: int
    answers: Mapping[str, int | None]


@dataclass(frozen=True)
class AspectSummary:
    """The team's answers to one aspect."""

    aspect: str
    n: int
    mean: float | None
    min: int | None
    max: int | None
    standard_deviation: float | None
    #: How many answered 1, 2, 3 and 4.
    counts: tuple[int, ...]


@dataclass(frozen=True)
class TeamResult:
    """The statistics of a team's answers (see the module docstring)."""

    scale_min: int
    scale_max: int
    n_aspects: int
    n_participants: int
    #: Participants who answered at least one aspect.
    n_scored: int
    #: The mean of the participants' means; ``None`` when nobody answered anything.
    mean: float | None
    #: Each participant's mean in the given order (``None`` for one who answered nothing).
    participant_means: tuple[float | None, ...]
    #: One summary per aspect, in aspect order.
    aspects: tuple[AspectSummary, ...]
    weakest: tuple[str, ...]


TeamMember = ParticipantAnswers | Mapping[str, int | str | None]


def _values_of(ids: tuple[str, ...], member: object, position: int) -> tuple[int | None, ...]:
    """One participant's checked answers; errors name the participant's 1-based position."""
    answers = member.answers if isinstance(member, ParticipantAnswers) else member
    try:
        return read_answers(ids, answers, field="participants")
    except CalculatorError as error:
        raise CalculatorError(
            error.code,
            field=error.field,
            values=error.values,
            positions=error.positions,
            count=error.count,
            params={**error.params, "participant": position},
        ) from None


def _summary(aspect: str, answers: list[int]) -> AspectSummary:
    counts = tuple(answers.count(point) for point in range(SCALE_LOW, SCALE_HIGH + 1))
    if not answers:
        return AspectSummary(aspect, 0, None, None, None, None, counts)
    n, mean, deviation = histogram_moments(counts, SCALE_LOW)
    return AspectSummary(aspect, n, mean, min(answers), max(answers), deviation, counts)


def aggregate_team(aspects: Sequence[str], participants: Sequence[TeamMember]) -> TeamResult:
    """Aggregate the answers of several participants.

    :param aspects: The aspect ids in display order (as for
        :func:`~calculators.assessment.scoring.score_assessment`).
    :param participants: Each participant as a :class:`ParticipantAnswers` (from
        :func:`~calculators.assessment.team_csv.read_team_csv`) or a mapping of answers by
        aspect id. An empty sequence gives a result with ``n_participants == 0`` and no means.
    :raises CalculatorError: ``wrong_type`` (``field`` ``"participants"``) if
        ``participants`` is not a list or tuple; a participant's bad answers as in
        :func:`~calculators.assessment.scoring.read_answers`, with the participant's 1-based
        position added to ``params`` as ``participant``.
    """
    ids = check_aspects(aspects)
    if not isinstance(participants, list | tuple):
        raise CalculatorError(
            Code.WRONG_TYPE,
            field="participants",
            values=[participants],
            params={"expected": "list of participants"},
        )
    by_aspect: list[list[int]] = [[] for _ in ids]
    participant_means: list[Fraction | None] = []
    for position, member in enumerate(participants, start=1):
        values = _values_of(ids, member, position)
        answered = [value for value in values if value is not None]
        participant_means.append(Fraction(sum(answered), len(answered)) if answered else None)
        for column, value in zip(by_aspect, values, strict=True):
            if value is not None:
                column.append(value)
    scored = [mean for mean in participant_means if mean is not None]
    team_levels = [Fraction(sum(column), len(column)) if column else None for column in by_aspect]
    return TeamResult(
        scale_min=SCALE_LOW,
        scale_max=SCALE_HIGH,
        n_aspects=len(ids),
        n_participants=len(participant_means),
        n_scored=len(scored),
        mean=float(sum(scored, Fraction(0)) / len(scored)) if scored else None,
        participant_means=tuple(
            None if mean is None else float(mean) for mean in participant_means
        ),
        aspects=tuple(
            _summary(aspect, column) for aspect, column in zip(ids, by_aspect, strict=True)
        ),
        weakest=weakest_of(ids, team_levels),
    )
