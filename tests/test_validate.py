"""`wicguide validate`: every check, no rendering; exit 0 only when printable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from samples import real_rows, write_inventory
from typer.testing import CliRunner

from wicguide.cli import app
from wicguide.inventory import Column

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "data" / "initiatives.xlsx"
SETTINGS = ROOT / "wicguide.toml"

ROW_127 = ("initiatives.xlsx, feuille « Initiatives », ligne 127, colonne « Besoins » : aucun "
           "besoin indiqué. Indiquez au moins un besoin parmi : Se nourrir, Se loger, "
           "Travailler, Se déplacer, S'habiller, S'équiper, Se divertir, Financer ses projets.")
REAL_SUMMARY = ("125 lignes lues : 122 dans le guide, 3 écartées (dont 2 non publiées), "
                "0 avertissement.\nÀ vérifier : 0 fiche vérifiée avant le 1er décembre 2025, "
                "122 jamais vérifiées.")


@pytest.fixture(scope="module")
def ten_clean_rows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = real_rows()[:10]
    for row in rows:
        row[Column.CHECKED_ON] = "15/10/2026"
    return write_inventory(tmp_path_factory.mktemp("validate") / "ten_clean_rows.xlsx", rows)


def test_a_row_left_out_by_an_error_makes_the_inventory_not_printable() -> None:
    result = CliRunner().invoke(app, ["validate", str(REAL), "--edition", str(SETTINGS)])
    assert result.exit_code == 1
    assert result.stdout == f"{ROW_127}\n{REAL_SUMMARY}\n"
    assert result.stderr == ("Pas prêt à imprimer : 1 ligne écartée par une erreur. Corrigez "
                             "les lignes signalées, puis vérifiez de nouveau.\n")


def test_a_clean_inventory_is_printable(ten_clean_rows: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(ten_clean_rows), "--edition",
                                      str(SETTINGS)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ("10 lignes lues : 10 dans le guide, 0 écartée, 0 avertissement.\n"
                             "À vérifier : 0 fiche vérifiée avant le 1er décembre 2025, 0 "
                             "jamais vérifiée.\nPrêt à imprimer.\n")
    assert result.stderr == ""


def test_quiet_prints_only_errors_and_the_verdict() -> None:
    result = CliRunner().invoke(app, ["validate", str(REAL), "-q", "--edition", str(SETTINGS)])
    assert result.exit_code == 1
    assert result.stdout == f"{ROW_127}\n"
    assert result.stderr.startswith("Pas prêt à imprimer : 1 ligne écartée")


def test_verbose_also_lists_the_entries_never_checked() -> None:
    result = CliRunner().invoke(app, ["validate", str(REAL), "-v", "--edition", str(SETTINGS)])
    never = [line for line in result.stdout.splitlines() if "jamais vérifiée." in line]
    assert len(never) == 122
    assert never[0] == ("initiatives.xlsx, feuille « Initiatives », ligne 3 (WIC-0001) : "
                        "jamais vérifiée. Inscrivez la date de la dernière vérification dans "
                        "« Mis à jour le ».")


def test_strict_counts_warnings_as_blocking(ten_clean_rows: Path, tmp_path: Path) -> None:
    stale = write_inventory(tmp_path / "one_stale_row.xlsx",
                            [{**real_rows()[0], Column.CHECKED_ON: "01/01/2024"}])
    assert CliRunner().invoke(app, ["validate", str(stale)]).exit_code == 0
    result = CliRunner().invoke(app, ["validate", str(stale), "--strict"])
    assert result.exit_code == 1
    assert result.stderr == ("Pas prêt à imprimer : 1 avertissement en mode strict. Corrigez "
                             "les lignes signalées, ou vérifiez sans --strict.\n")


def test_report_option_writes_the_build_report(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(REAL), "--report",
                                      str(tmp_path / "rapport.html"), "--edition",
                                      str(SETTINGS)])
    assert result.exit_code == 1
    html = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert "<h1>Rapport de construction du guide</h1>" in html
    for line in REAL_SUMMARY.splitlines():
        assert f'<p class="summary">{line}</p>' in html.replace("&#39;", "'")
    assert "<h3>Jamais vérifiées (122)</h3>" in html


def test_validate_never_loads_the_pdf_renderer() -> None:
    code = ("import sys\nfrom wicguide.cli import main\nsys.argv = ['wicguide', 'validate', "
            f"{str(REAL)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('weasyprint' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    assert done.stderr.splitlines()[-1] == "False", done.stderr
