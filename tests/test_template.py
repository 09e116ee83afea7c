"""`wicguide template`: the blank inventory staff fill in."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from samples import real_rows, write_inventory
from typer.testing import CliRunner

from wicguide.build import Inventory, load
from wicguide.cli import app
from wicguide.inventory import MODES, Column
from wicguide.records import Location


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("template") / "inventaire.xlsx"
    result = CliRunner().invoke(app, ["template", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Inventaire vierge écrit : {target}. Remplissez la feuille "
                             f"« Initiatives », puis vérifiez-le avec « wicguide validate "
                             f"{target} ».\n")
    return target


def test_template_has_the_documented_headers_frozen(blank: Path) -> None:
    sheet = openpyxl.load_workbook(blank)["Initiatives"]
    assert [c.value for c in sheet[1]] == [c.header for c in Column]
    assert sheet.freeze_panes == "C2"
    assert sheet["B1"].comment.text.startswith("Obligatoire. Nom de l'initiative")
    assert sheet.column_dimensions["C"].width == 60


def test_template_offers_drop_down_lists_from_a_hidden_sheet(blank: Path) -> None:
    workbook = openpyxl.load_workbook(blank)
    lists = workbook["Listes"]
    assert lists.sheet_state == "hidden"
    columns = {c[0].value: [x.value for x in c[1:] if x.value] for c in lists.iter_cols()}
    assert columns["Besoins"] == ["Se nourrir", "Se loger", "Travailler", "Se déplacer",
                                  "S'habiller", "S'équiper", "Se divertir",
                                  "Financer ses projets"]
    assert columns["Type"] == ["Lieu", "Initiative", "Site internet"]
    assert columns["À publier"] == ["Oui", "Non"]
    assert len(columns["Commune"]) == 36 and "Nanterre" in columns["Commune"]
    assert "réemploi" in columns["Modes d'action"]
    validations = {str(v.sqref): (v.type, v.formula1, v.errorStyle)
                   for v in workbook["Initiatives"].data_validations.dataValidation}
    assert validations == {
        "D2:D2001": ("list", "=Listes!$A$2:$A$9", "information"),
        "E2:E2001": ("list", "=Listes!$B$2:$B$4", "stop"),
        "F2:F2001": ("list", f"=Listes!$C$2:$C${len(MODES) + 1}", "information"),
        "I2:I2001": ("list", "=Listes!$D$2:$D$37", "information"),
        "R2:R2001": ("list", "=Listes!$E$2:$E$3", "stop"),
        "Q2:Q2001": ("date", "36526", "stop"),
    }


def test_template_explains_each_column_with_an_example_row(blank: Path) -> None:
    aide = openpyxl.load_workbook(blank)["Aide"]
    rows = [tuple(c.value for c in r) for r in aide.iter_rows()]
    explained = {r[0]: (r[1], r[3]) for r in rows[4:4 + len(Column)]}
    assert explained["Besoins"] == ("oui", "S'équiper ; Se divertir")
    assert explained["Code postal"] == ("non", "92000")
    assert rows[32][:4] == ("Identifiant", "Nom", "Description", "Besoins")
    assert rows[33][:2] == ("WIC-0042", "Café des bricoleurs")


def test_an_empty_template_is_not_printable_and_says_what_to_do(blank: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(blank)])
    assert result.exit_code == 1
    assert result.stderr == ("Pas prêt à imprimer : aucune initiative à imprimer. Remplissez "
                             "la feuille « Initiatives », ou écrivez Oui dans « À publier ».\n")


def _without_places(inventory: Inventory) -> list[object]:
    nowhere = Location("", "", 0)
    return [replace(i, location=nowhere) for i in inventory.initiatives]


def test_template_filled_with_the_real_rows_builds_without_a_warning(
        tmp_path: Path, real_inventory: Inventory) -> None:
    filled = write_inventory(tmp_path / "rempli.xlsx", real_rows())
    inventory = load(filled)
    assert inventory.summary.warnings == 0
    assert inventory.summary == real_inventory.summary
    assert _without_places(inventory) == _without_places(real_inventory)
    assert _guide_html(inventory) == _guide_html(real_inventory)  # hence the same PDF


def _guide_html(inventory: Inventory) -> str:
    from wicguide.edition import Edition
    from wicguide.grouping import group
    from wicguide.needs import default_taxonomy
    from wicguide.rendering import render_html

    return render_html(group(inventory.initiatives, default_taxonomy()), Edition())


def test_template_never_overwrites_an_existing_file(blank: Path) -> None:
    before = blank.read_bytes()
    result = CliRunner().invoke(app, ["template", str(blank)])
    assert result.exit_code == 1
    assert result.stderr == (f"Erreur : {blank} : ce fichier existe déjà et n'a pas été "
                             "touché. Choisissez un autre nom, ou ajoutez --force pour le "
                             "remplacer.\n")
    assert blank.read_bytes() == before


def test_template_must_be_an_xlsx(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["template", str(tmp_path / "modele.ods")])
    assert result.exit_code == 1
    assert result.stderr == (f"Erreur : {tmp_path / 'modele.ods'} : le modèle est un classeur "
                             "Excel. Donnez un nom qui finit par .xlsx.\n")
    assert list(tmp_path.iterdir()) == []
