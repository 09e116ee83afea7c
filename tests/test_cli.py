"""The command line as staff use it: exit codes, one-line errors, the summary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from inventory_files import row, write_inventory
from typer.testing import CliRunner

from wicguide.cli import app

RUNNER = CliRunner()


def test_missing_inventory_is_one_line_and_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "absent.xlsx"
    result = subprocess.run([sys.executable, "-m", "wicguide", "build", str(missing)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr == (
        f"Erreur : {missing} : fichier introuvable. Vérifiez le chemin, ou créez un "
        "inventaire vierge avec « wicguide template FICHIER.xlsx ».\n")
    assert "Traceback" not in result.stdout + result.stderr


def test_strict_with_a_left_out_row_writes_nothing(tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path / "strict_left_out.xlsx",
                                [row(1), row(2, {"Besoins": None})])
    target = tmp_path / "out" / "guide.pdf"
    result = RUNNER.invoke(app, ["build", str(inventory), "--output", str(target), "--strict"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Erreur : {inventory} : mode strict, rien n'a été écrit : 1 ligne écartée par une "
        "erreur. Corrigez les lignes signalées, puis vérifiez de nouveau.")
    assert not target.parent.exists()


def test_build_prints_left_out_rows_and_the_summary(tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path / "one_left_out.xlsx",
                                [row(1), row(2, {"Besoins": None})])
    target = tmp_path / "guide.pdf"
    result = RUNNER.invoke(app, ["build", str(inventory), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0].startswith(
        "one_left_out.xlsx, feuille « Initiatives », ligne 3, colonne « Besoins » : aucun "
        "besoin indiqué.")
    assert result.stdout.splitlines()[0] == (
        "2 lignes lues : 1 dans le guide, 1 écartée, 0 avertissement.")
    assert target.read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "guide.report.json").exists()
    assert (tmp_path / "guide.report.html").exists()


def test_strict_accepts_rows_unpublished_on_purpose(tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path / "strict_unpublished.xlsx",
                                [row(1), row(2, {"À publier": "Non"})])
    target = tmp_path / "guide.pdf"
    result = RUNNER.invoke(app, ["build", str(inventory), "--output", str(target), "--strict"])
    assert result.exit_code == 0, result.output
    assert target.exists()


def test_strict_prints_each_warning_it_stops_on(tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path / "strict_warning.xlsx",
                                [row(1, {"Téléphone": "01 46 08"})])
    result = RUNNER.invoke(app, ["build", str(inventory), "--output",
                                 str(tmp_path / "guide.pdf"), "--strict"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("strict_warning.xlsx, feuille « Initiatives », ligne 2, "
                               "colonne « Téléphone », valeur « 01 46 08 »")
    assert lines[-1].endswith("mode strict, rien n'a été écrit : 1 avertissement en mode "
                              "strict. Corrigez les lignes signalées, ou vérifiez sans --strict.")


@pytest.mark.parametrize(("arguments", "line"), [
    (["diff"], "argument manquant : ANCIEN.xlsx. Voyez « wicguide diff --help »."),
    (["build", "--stric"], ("option inconnue : --stric. Vouliez-vous dire --strict ? Voyez "
                            "« wicguide build --help ».")),
    (["sheet", "--max", "9"], ("valeur refusée pour --max : donnez un nombre de 1 à 5. Voyez "
                               "« wicguide sheet --help ».")),
    (["biuld"], ("commande inconnue : biuld. Commandes : build, sheet, validate, template, "
                 "diff. Voyez « wicguide --help ».")),
    (["validate", "a.xlsx", "b.xlsx"], ("argument(s) en trop : b.xlsx. Voyez « wicguide "
                                        "validate --help »."))])
def test_a_mistyped_command_line_is_one_french_line(arguments: list[str], line: str) -> None:
    wicguide = str(Path(sys.executable).with_name("wicguide"))  # the console script staff run
    result = subprocess.run([wicguide, *arguments], capture_output=True,
                            text=True, check=False)
    assert (result.returncode, result.stderr, result.stdout) == (2, f"Erreur : {line}\n", "")


def test_an_inventory_with_nothing_to_print_still_accounts_for_every_row(
        tmp_path: Path) -> None:
    """No report is written then: the terminal says what each row became."""
    path = write_inventory(tmp_path / "rien_a_imprimer.xlsx", [
        row(1, {"Commune": "Paris"}), row(2, {"À publier": "Non"}),
        row(3, {"Site internet": "javascript:alert(1)", "Besoins": "Voler"})])
    result = CliRunner().invoke(app, ["build", str(path), "-o", str(tmp_path / "g.pdf")])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "3 lignes lues : 0 dans le guide, 3 écartées (dont 1 non publiée), 1 avertissement.")
    assert "adresse « javascript: » refusée" in result.stderr  # a warning, shown all the same
    assert result.stderr.splitlines()[-1].startswith(
        "Erreur : " + str(path) + " : aucune initiative à imprimer (3 lignes lues)")
    assert list(tmp_path.iterdir()) == [path]
