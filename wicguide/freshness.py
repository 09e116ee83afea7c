"""Freshness: which printed entries are due for a check before the edition goes out.

In: the row outcomes after validation, the edition date and the maximum age
in months (edition settings, `[freshness] max_age_months`). Out: the same
outcomes, where each printed row whose « Mis à jour le » is older than the
limit carries one more warning, and a `Review` listing the entries « à
vérifier » (too old) and those never checked (no date). Age is measured from
the edition date, not from today, so that the same inventory and settings
always give the same report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from wicguide.inventory import Column
from wicguide.records import Outcome, Problem, RowOutcome, Severity


@dataclass(frozen=True)
class Review:
    """The printed entries to check: too old, and never checked."""

    limit: date | None = None
    stale: tuple[RowOutcome, ...] = ()
    never_checked: tuple[RowOutcome, ...] = ()


def review(outcomes: list[RowOutcome], edition_date: date,
           max_age_months: int) -> tuple[list[RowOutcome], Review]:
    """Warn on printed rows checked before the limit; return them and the review."""
    limit = months_before(edition_date, max_age_months)
    checked: list[RowOutcome] = []
    stale: list[RowOutcome] = []
    never: list[RowOutcome] = []
    for outcome in outcomes:
        initiative = outcome.initiative
        if outcome.outcome is Outcome.PRINTED and initiative is not None:
            if initiative.checked_on is None:
                never.append(outcome)
            elif initiative.checked_on < limit:
                outcome = _stale(outcome, initiative.checked_on, max_age_months)
                stale.append(outcome)
        checked.append(outcome)
    return checked, Review(limit, tuple(stale), tuple(never))


def months_before(day: date, months: int) -> date:
    """Return the same day `months` earlier (the last day of a shorter month)."""
    import calendar

    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _stale(outcome: RowOutcome, checked_on: date, max_age_months: int) -> RowOutcome:
    from wicguide.rendering import long_date

    when = long_date(checked_on)
    problem = Problem(
        Severity.WARNING, outcome.location, Column.CHECKED_ON.header, checked_on.strftime(
            "%d/%m/%Y"),
        f"fiche à vérifier, dernière vérification le {when}, plus de {max_age_months} mois "
        "avant l'édition",
        "Vérifiez l'initiative (existe-t-elle encore ? adresse, horaires, téléphone), puis "
        f"inscrivez la date du jour dans « {Column.CHECKED_ON.header} »")
    return replace(outcome, problems=outcome.problems + (problem,))
