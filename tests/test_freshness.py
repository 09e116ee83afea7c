"""Freshness: entries checked too long before the edition are listed « à vérifier »."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from samples import real_rows, write_inventory

from wicguide.build import load, write_report
from wicguide.edition import Edition
from wicguide.freshness import months_before
from wicguide.inventory import Column

EDITION = Edition(date=date(2026, 12, 1), max_age_months=12)


@pytest.fixture(scope="module")
def checked_on_various_days(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five real rows: checked one day too early, on the limit, recently, as text, never."""
    rows = real_rows()[:5]
    days: list[object] = [date(2025, 11, 30), date(2025, 12, 1), date(2026, 10, 15),
                          "15/06/2024", None]
    for row, day in zip(rows, days):
        row.pop(Column.CHECKED_ON, None)
        if day is not None:
            row[Column.CHECKED_ON] = day
    path = tmp_path_factory.mktemp("freshness") / "checked_on_various_days.xlsx"
    return write_inventory(path, rows)


def test_only_entries_checked_before_the_limit_are_warned(checked_on_various_days: Path) -> None:
    inventory = load(checked_on_various_days, edition=EDITION)
    lines = [p.line() for p in inventory.problems()]
    assert lines == [
        ("checked_on_various_days.xlsx, feuille « Initiatives », ligne 2, colonne « Mis à jour "
        "le », valeur « 30/11/2025 » : fiche à vérifier, dernière vérification le 30 "
        "novembre 2025, plus de 12 mois avant l'édition. Vérifiez l'initiative "
        "(existe-t-elle encore ? adresse, horaires, téléphone), puis inscrivez la date du "
        "jour dans « Mis à jour le »."),
        ("checked_on_various_days.xlsx, feuille « Initiatives », ligne 5, colonne « Mis à jour "
        "le », valeur « 15/06/2024 » : fiche à vérifier, dernière vérification le 15 juin "
        "2024, plus de 12 mois avant l'édition. Vérifiez l'initiative (existe-t-elle "
        "encore ? adresse, horaires, téléphone), puis inscrivez la date du jour dans « Mis à "
        "jour le »."),
    ]
    assert inventory.summary.line() == "5 lignes lues : 5 dans le guide, 0 écartée, 2 " \
        "avertissements."
    assert inventory.summary.freshness_line() == (
        "À vérifier : 2 fiches vérifiées avant le 1er décembre 2025, 1 jamais vérifiée.")


def test_the_age_limit_comes_from_the_edition_settings(checked_on_various_days: Path) -> None:
    two_years = load(checked_on_various_days, edition=Edition(date=date(2026, 12, 1),
                                                              max_age_months=24))
    assert [o.location.row for o in two_years.review.stale] == [5]
    assert two_years.summary.warnings == 1


def test_without_edition_settings_nothing_is_reviewed(checked_on_various_days: Path) -> None:
    inventory = load(checked_on_various_days)
    assert inventory.summary.warnings == 0
    assert inventory.summary.freshness_line() == ""


def test_report_lists_entries_to_check_and_never_checked(checked_on_various_days: Path,
                                                         tmp_path: Path) -> None:
    inventory = load(checked_on_various_days, edition=EDITION)
    write_report(inventory, EDITION, tmp_path / "r.json")
    write_report(inventory, EDITION, tmp_path / "r.html")
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [(r["row"], r["freshness"]) for r in report["rows"]] == [
        (2, "stale"), (3, None), (4, None), (5, "stale"), (6, "never_checked")]
    assert (report["summary"]["stale"], report["summary"]["never_checked"]) == (2, 1)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<h3>Vérifiées avant le 1er décembre 2025 (2)</h3>" in html
    assert "<h3>Jamais vérifiées (1)</h3>" in html


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 12, 1), 12, date(2025, 12, 1)),
    (date(2026, 3, 31), 1, date(2026, 2, 28)),
    (date(2024, 2, 29), 12, date(2023, 2, 28)),
    (date(2026, 1, 15), 1, date(2025, 12, 15)),
    (date(2026, 5, 10), 30, date(2023, 11, 10)),
])
def test_months_before_keeps_the_day_or_the_end_of_a_shorter_month(
        day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected
