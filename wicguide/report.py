"""The report of a build: every row read, and what became of it.

In: the row outcomes and file-level problems. Out: the `Summary` counts and
its one-line French sentence, a machine-readable `.report.json` (every row's
id, name, outcome and messages) and an HTML report for staff, in French.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from wicguide.freshness import Review
from wicguide.records import Outcome, Problem, RowOutcome, Severity
from wicguide.text import count


@dataclass(frozen=True)
class Summary:
    """The counts of a build; rows read = in the guide + left out, always."""

    rows_read: int
    printed: int
    left_out: int
    unpublished: int
    warnings: int
    stale: int = 0
    never_checked: int = 0
    checked_before: date | None = None

    @classmethod
    def of(cls, outcomes: list[RowOutcome], file_problems: tuple[Problem, ...] = (),
           review: Review | None = None) -> Summary:
        """Count the outcomes of a build."""
        review = review or Review()
        return cls(
            rows_read=len(outcomes),
            printed=sum(o.outcome is Outcome.PRINTED for o in outcomes),
            left_out=sum(o.outcome is not Outcome.PRINTED for o in outcomes),
            unpublished=sum(o.outcome is Outcome.UNPUBLISHED for o in outcomes),
            warnings=sum(len(o.warnings) for o in outcomes) + len(file_problems),
            stale=len(review.stale),
            never_checked=len(review.never_checked),
            checked_before=review.limit,
        )

    @property
    def printable(self) -> bool:
        """True when the guide can go to print: something to print, no row left out
        by an error (unpublished rows and warnings do not stop printing)."""
        return self.blocker() is None

    def blocker(self, *, strict: bool = False) -> str | None:
        """Return why the guide cannot go to print, and the fix; None when it can."""
        errors = self.left_out - self.unpublished
        if self.printed == 0:
            return ("aucune initiative à imprimer. Remplissez la feuille « Initiatives », "
                    "ou écrivez Oui dans « À publier »")
        if errors:
            return (f"{count(errors, 'ligne écartée', 'lignes écartées')} par une erreur. "
                    "Corrigez les lignes signalées, puis vérifiez de nouveau")
        if strict and self.warnings:
            return (f"{count(self.warnings, 'avertissement', 'avertissements')} en mode "
                    "strict. Corrigez les lignes signalées, ou vérifiez sans --strict")
        return None

    def line(self) -> str:
        """Return the closing summary sentence, in French."""
        unpublished = (f" (dont {count(self.unpublished, 'non publiée', 'non publiées')})"
                       if self.unpublished else "")
        return (f"{count(self.rows_read, 'ligne lue', 'lignes lues')} : "
                f"{self.printed} dans le guide, "
                f"{count(self.left_out, 'écartée', 'écartées')}{unpublished}, "
                f"{count(self.warnings, 'avertissement', 'avertissements')}.")

    def freshness_line(self) -> str:
        """Return the sentence on entries to check ('' when freshness was not reviewed)."""
        if self.checked_before is None:
            return ""
        from wicguide.rendering import long_date

        before = long_date(self.checked_before)
        return (f"À vérifier : {count(self.stale, 'fiche vérifiée', 'fiches vérifiées')} "
                f"avant le {before}, "
                f"{count(self.never_checked, 'jamais vérifiée', 'jamais vérifiées')}.")


def report_json(outcomes: list[RowOutcome], summary: Summary,
                file_problems: tuple[Problem, ...], inventory: str, built_on: date,
                review: Review | None = None) -> str:
    """Return the machine-readable report: one object per row read."""
    freshness = _freshness_by_row(review or Review())
    document = {
        "inventory": inventory,
        "built_on": built_on.isoformat(),
        "summary": {
            "rows_read": summary.rows_read, "printed": summary.printed,
            "left_out": summary.left_out, "unpublished": summary.unpublished,
            "warnings": summary.warnings, "stale": summary.stale,
            "never_checked": summary.never_checked,
            "checked_before": summary.checked_before.isoformat()
            if summary.checked_before else None,
        },
        "file_problems": [_problem(p) for p in file_problems],
        "rows": [
            {
                "row": o.location.row, "sheet": o.location.sheet, "id": o.id, "name": o.name,
                "outcome": o.outcome.name.lower(),
                "freshness": freshness.get(o.location.row),
                "messages": [_problem(p) for p in o.problems],
            }
            for o in outcomes
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _freshness_by_row(review: Review) -> dict[int, str]:
    found = {o.location.row: "never_checked" for o in review.never_checked}
    found.update({o.location.row: "stale" for o in review.stale})
    return found


def _problem(problem: Problem) -> dict[str, object]:
    return {
        "severity": problem.severity.name.lower(), "row": problem.location.row,
        "column": problem.column, "value": problem.value, "why": problem.why,
        "fix": problem.fix, "line": problem.line(),
    }


def report_html(outcomes: list[RowOutcome], summary: Summary,
                file_problems: tuple[Problem, ...], inventory: str, built_on: date,
                review: Review | None = None) -> str:
    """Return the staff report, in French: what was left out, then warnings."""
    from wicguide.rendering import template_environment

    left_out = [o for o in outcomes if o.outcome is not Outcome.PRINTED]
    warned = [o for o in outcomes if o.outcome is Outcome.PRINTED and o.warnings]
    return template_environment().get_template("report.html").render(
        inventory=inventory, built_on=built_on, summary=summary, left_out=left_out,
        warned=warned, file_problems=file_problems, Outcome=Outcome, Severity=Severity,
        review=review or Review())
