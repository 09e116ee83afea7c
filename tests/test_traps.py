"""The corpus of trap files: each bad spreadsheet and what `wicguide build` does with it.

One parametrized test runs the command on every file of tests/data/ (made by
tests/make_trap_files.py) and asserts what staff see: the exit code, every
message line, the summary, which rows are in the guide and which are reported,
and, when the build goes on, that rows read = rows in the guide + rows reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from make_trap_files import DATA, TRAPS
from pdf_reading import page_qr_codes, page_texts, printed_in, squeeze
from typer.testing import CliRunner

from wicguide.cli import app
from wicguide.workbook import MAX_ROWS, read_inventory

RUNNER = CliRunner()


@dataclass(frozen=True)
class Expected:
    """What a build of one trap file must do."""

    exit_code: int
    messages: tuple[str, ...]
    summary: str = ""
    printed: tuple[str, ...] = ()
    reported: tuple[tuple[int, str, str], ...] = ()
    """(row, identifier, outcome) of each row read but not in the guide."""
    in_pdf: tuple[str, ...] = ()
    not_in_pdf: tuple[str, ...] = ()
    qr_codes: tuple[str, ...] | None = None


def at(file: str, row: int, column: str | None = None, value: str | None = None,
       sheet: str = "Initiatives") -> str:
    """Return the start of a message: where, and the value."""
    where = f"{file}, feuille « {sheet} », ligne {row}"
    if column:
        where += f", colonne « {column} »"
    return where + (f", valeur « {value} »" if value else "")


def refused(file: str, why: str) -> Expected:
    """A file refused as a whole: one line, exit code 1."""
    return Expected(1, (f"Erreur : {file} : {why}",))


RESAVE = "ouvrez-le dans votre tableur et enregistrez-le au format Excel (.xlsx)."
NEEDS = ("Besoins possibles : Se nourrir, Se loger, Travailler, Se déplacer, S'habiller, "
         "S'équiper, Se divertir, Financer ses projets.")
NOT_PUBLIC = ("adresse web sans nom de site public ; la case n'est pas imprimée. Donnez "
              "l'adresse complète d'un site public, par exemple https://exemple.fr.")
NOT_HTTP = "refusée ; la case n'est pas imprimée. Donnez une adresse web commençant par https://."
STRAY = ("Déplacez la valeur dans la bonne colonne, donnez un en-tête à la colonne, ou "
         "effacez-la.")
FORMULA = ("formule dont le résultat n'est pas enregistré dans le fichier (enregistré par un "
           "programme, pas par un tableur)")
FORMULA_FIX = ("Ouvrez le fichier dans votre tableur et enregistrez-le, ou remplacez la "
               "formule par son résultat.")
CALCULATION_FIX = "Corrigez la formule dans votre tableur, ou remplacez-la par sa valeur."
DATE_FIX = ("Vérifiez la case : le tableur a pu changer en date ce qui était écrit ; pour "
            "garder le texte tel quel, commencez-le par une apostrophe (').")
TWIN = ("même nom et même commune que la ligne 2 (WIC-0001). Supprimez le doublon, ou "
        "précisez le nom si ce sont deux initiatives.")


def ids(*numbers: int) -> tuple[str, ...]:
    return tuple(f"WIC-{n:04d}" for n in numbers)


EXPECTED: dict[str, Expected] = {
    # Numbers where text was meant.
    "postcode_as_number.xlsx": Expected(
        0, (), "3 lignes lues : 3 dans le guide, 0 écartée, 0 avertissement.", ids(1, 2, 3),
        in_pdf=("92000 Nanterre", "92110 Clichy"), not_in_pdf=("92000.0",)),
    "postcode_lost_leading_zero.xlsx": Expected(
        0, ((f"{at('postcode_lost_leading_zero.xlsx', 2, 'Code postal', '1000')} : ce code "
            "postal ne correspond pas à Nanterre. Codes postaux de Nanterre : 92000."),),
        "1 ligne lue : 1 dans le guide, 0 écartée, 1 avertissement.", ids(1),
        in_pdf=("01000 Nanterre",)),
    "phone_as_number.xlsx": Expected(
        0, (), "3 lignes lues : 3 dans le guide, 0 écartée, 0 avertissement.", ids(1, 2, 3),
        in_pdf=("01 46 08 33 83", "06 12 34 56 78")),
    "float_drift.xlsx": Expected(
        0, (), "2 lignes lues : 2 dans le guide, 0 écartée, 0 avertissement.", ids(1, 2),
        in_pdf=("92000 Nanterre", "01 46 08 33 83")),
    "dates_and_numbers_in_text_columns.xlsx": Expected(
        0, ((f"{at('dates_and_numbers_in_text_columns.xlsx', 2, 'Description', '01/03/2026 10:30')}"
            f" : date dans une colonne de texte, imprimée « 01/03/2026 10:30 ». {DATE_FIX}"),
            (f"{at('dates_and_numbers_in_text_columns.xlsx', 2, 'Horaires', '01/05/2026')} : "
            f"date dans une colonne de texte, imprimée « 01/05/2026 ». {DATE_FIX}")),
        "2 lignes lues : 2 dans le guide, 0 écartée, 2 avertissements.", ids(1, 2),
        in_pdf=("1789", "01/03/2026 10:30", "01/05/2026", "0.3")),
    # Formulas.
    "formula_without_cached_value.xlsx": Expected(
        0, (at("formula_without_cached_value.xlsx", 2, "Nom", '="Repair " & "café"')
            + f" : {FORMULA}. {FORMULA_FIX}",
            at("formula_without_cached_value.xlsx", 3, "Horaires", '=CONCAT("Samedi ", "10 h")')
            + f" : {FORMULA}, non imprimée. {FORMULA_FIX}"),
        "3 lignes lues : 2 dans le guide, 1 écartée, 1 avertissement.", ids(2, 3),
        ((2, "WIC-0001", "left_out"),), in_pdf=("Ressourcerie",), not_in_pdf=("Samedi",)),
    "formula_with_cached_value.xlsx": Expected(
        0, (), "2 lignes lues : 2 dans le guide, 0 écartée, 0 avertissement.", ids(1, 2),
        in_pdf=("Repair café",)),
    "formula_errors_saved_as_results.xlsx": Expected(
        0, ((f"{at('formula_errors_saved_as_results.xlsx', 2, 'Nom', '#REF!')} : erreur de calcul "
            f"« #REF! » enregistrée dans la case. {CALCULATION_FIX}"),
            (f"{at('formula_errors_saved_as_results.xlsx', 3, 'Téléphone', '#N/A')} : erreur de "
            f"calcul « #N/A » enregistrée dans la case, non imprimée. {CALCULATION_FIX}"),
            (f"{at('formula_errors_saved_as_results.xlsx', 3, 'Horaires', '#DIV/0!')} : erreur de "
            f"calcul « #DIV/0! » enregistrée dans la case, non imprimée. {CALCULATION_FIX}")),
        "2 lignes lues : 1 dans le guide, 1 écartée, 2 avertissements.", ids(2),
        ((2, "WIC-0001", "left_out"),), not_in_pdf=("#N/A", "#DIV/0!", "#REF!")),
    "hyperlink_formula.xlsx": Expected(
        0, ((f"{at('hyperlink_formula.xlsx', 4, 'Site internet', 'Garage')} : lien "
            f"« file:///etc/passwd » : adresse « file: » {NOT_HTTP}"),),
        "3 lignes lues : 3 dans le guide, 0 écartée, 1 avertissement.", ids(1, 2, 3),
        not_in_pdf=("Notre site", "passwd"),
        qr_codes=("https://repair.example.org/nanterre", "https://ressourcerie.example.org")),
    "website_as_link_on_name.xlsx": Expected(
        0, (), "2 lignes lues : 2 dans le guide, 0 écartée, 0 avertissement.", ids(1, 2),
        qr_codes=("https://repair.example.org/", "https://ressourcerie.example.org")),
    # The shape of the sheet.
    "merged_cells_over_rows.xlsx": Expected(
        0, (), "4 lignes lues : 4 dans le guide, 0 écartée, 0 avertissement.", ids(1, 2, 3, 4),
        in_pdf=("Clichy",)),
    "merged_cells_down_the_whole_column.xlsx": refused(
        "merged_cells_down_the_whole_column.xlsx", "la fusion de cellules E2:E1048576 couvre "
        "1\u202f048\u202f575 cases, au-delà de la limite de 100\u202f000. Sélectionnez-la et "
        "défusionnez-la (Accueil > Fusionner et centrer), puis enregistrez."),
    "formatting_on_600000_empty_cells.xlsx": refused(
        "formatting_on_600000_empty_cells.xlsx", "une feuille contient 600\u202f014 cases (vides "
        "mais mises en forme pour la plupart), au-delà de la limite de 500\u202f000. "
        "Sélectionnez les lignes et colonnes vides sous et à droite du tableau, supprimez-les "
        "(clic droit > Supprimer), puis enregistrez."),
    "merged_header_cells.xlsx": Expected(
        0, ((f"{at('merged_header_cells.xlsx', 3, 'C (sans en-tête)', 'à vérifier')} : case C3 "
            f"hors des colonnes de l'inventaire, ignorée. {STRAY}"),),
        "1 ligne lue : 1 dans le guide, 0 écartée, 1 avertissement.", ids(1),
        not_in_pdf=("à vérifier",)),
    "title_rows_above_header.xlsx": Expected(
        0, (), "1 ligne lue : 1 dans le guide, 0 écartée, 0 avertissement.", ids(1)),
    "hidden_rows.xlsx": Expected(
        0, ((f"{at('hidden_rows.xlsx', 3)} : ligne masquée dans le tableur (masquage ou filtre), "
            "imprimée quand même. Pour la garder hors du guide, écrivez Non dans la colonne "
            "« À publier »."),),
        "2 lignes lues : 2 dans le guide, 0 écartée, 1 avertissement.", ids(1, 2),
        in_pdf=("Ressourcerie",)),
    "hidden_sheet.xlsx": Expected(
        0, ((f"{at('hidden_sheet.xlsx', 1)} : feuille masquée, non lue : l'inventaire lu est la "
            "feuille visible « Inventaire 2026 ». Si c'est la feuille masquée qui est à jour, "
            "affichez-la et supprimez l'autre."),),
        "1 ligne lue : 1 dans le guide, 0 écartée, 1 avertissement.", ids(2),
        not_in_pdf=("Ancienne copie",)),
    "inventory_on_a_hidden_sheet.xlsx": Expected(
        0, ((f"{at('inventory_on_a_hidden_sheet.xlsx', 1)} : cette feuille est masquée dans le "
            "tableur ; aucune feuille visible ne contient l'inventaire, elle est donc lue. "
            "Affichez-la (clic droit sur un onglet > Afficher) et vérifiez que c'est bien "
            "l'inventaire à imprimer."),),
        "1 ligne lue : 1 dans le guide, 0 écartée, 1 avertissement.", ids(1)),
    "active_sheet_not_the_inventory.xlsx": Expected(
        0, (), "1 ligne lue : 1 dans le guide, 0 écartée, 0 avertissement.", ids(1),
        not_in_pdf=("Mode d'emploi",)),
    "empty_sheet.xlsx": refused(
        "empty_sheet.xlsx", "aucune feuille ne contient la ligne d'en-tête de l'inventaire "
        "(feuilles : « Feuil1 »). Nommez la feuille « Initiatives » et mettez en tête les "
        "colonnes « Nom », « Description » et « Besoins »."),
    "header_without_rows.xlsx": refused(
        "header_without_rows.xlsx", "aucune initiative à imprimer (0 ligne lue) ; rien "
        "n'a été écrit. Remplissez la feuille « Initiatives », ou écrivez Oui dans « À publier »."),
    "duplicate_header_columns.xlsx": refused(
        "duplicate_header_columns.xlsx, feuille « Initiatives », ligne 1, colonne « Ville »",
        "la colonne « Commune » apparaît deux fois. Supprimez ou renommez l'une des deux."),
    "missing_required_column.xlsx": refused(
        "missing_required_column.xlsx, feuille « Initiatives », ligne 1",
        "colonne(s) obligatoire(s) absente(s) : « Besoins ». Ajoutez-les à la ligne d'en-tête."),
    "unknown_header_columns.xlsx": Expected(
        0, ((f"{at('unknown_header_columns.xlsx', 1, 'Remarque du chef', 'Remarque du chef')} : "
            "colonne inconnue, ignorée. Renommez-la selon la liste des colonnes "
            "(docs/inventory.md) si elle doit être imprimée."),),
        "1 ligne lue : 1 dans le guide, 0 écartée, 1 avertissement.", ids(1),
        not_in_pdf=("à rappeler",)),
    "stray_value_at_XFD1048576.xlsx": Expected(
        0, ((f"{at('stray_value_at_XFD1048576.xlsx', 1048576, 'XFD (sans en-tête)', 'x')} : case "
            f"XFD1048576 hors des colonnes de l'inventaire, ignorée. {STRAY}"),),
        "1 ligne lue : 1 dans le guide, 0 écartée, 1 avertissement.", ids(1)),
    "values_beyond_the_header.xlsx": Expected(
        0, ((f"{at('values_beyond_the_header.xlsx', 2, 'K (sans en-tête)', 'note oubliée')} : "
            f"case K2 hors des colonnes de l'inventaire, ignorée. {STRAY}"),),
        "1 ligne lue : 1 dans le guide, 0 écartée, 1 avertissement.", ids(1)),
    "too_many_rows.xlsx": refused(
        "too_many_rows.xlsx, feuille « Initiatives »", f"{MAX_ROWS + 1} lignes remplies sous "
        f"l'en-tête, au-delà de la limite de {MAX_ROWS}. Supprimez les lignes inutiles ou "
        "partagez l'inventaire en plusieurs fichiers."),
    "cell_too_long.xlsx": Expected(
        0, ((f"{at('cell_too_long.xlsx', 2, 'Description', 'Réparations. ' * 4 + 'Réparat…')} : "
            "texte trop long (2599 caractères). Raccourcissez-le à 2000 caractères au plus."),),
        "2 lignes lues : 1 dans le guide, 1 écartée, 0 avertissement.", ids(2),
        ((2, "WIC-0001", "left_out"),)),
    # Characters.
    "invisible_characters.xlsx": Expected(
        0, (), "3 lignes lues : 3 dans le guide, 0 écartée, 0 avertissement.", ids(1, 2, 3),
        in_pdf=("Repair café", "Café des langues", "Ligne 1 Ligne2 _x0041_", "Lundi : 10 h",
                "Mardi : fermé"),
        not_in_pdf=("_x0002_", "_x000D_", "\ufeff", "\u200b")),
    "invisible_characters_in_headers.xlsx": Expected(
        0, (), "1 ligne lue : 1 dans le guide, 0 écartée, 0 avertissement.", ids(1),
        in_pdf=("92000 Nanterre", "01 46 08 33 83", "Samedi"),
        qr_codes=("https://repair.example.org",)),
    "emoji_and_rare_characters.xlsx": Expected(
        0, ((f"{at('emoji_and_rare_characters.xlsx', 4, 'Nom', 'Cours de cuisine 日本')} : "
            "caractère(s) « 日 » (U+65E5), « 本 » (U+672C) qu'aucune police du guide ne sait "
            "dessiner. Remplacez-les ou supprimez-les : imprimés, ce seraient des carrés vides."),),
        "3 lignes lues : 2 dans le guide, 1 écartée, 0 avertissement.", ids(1, 2),
        ((4, "WIC-0003", "left_out"),),
        in_pdf=("Repair café 🔧♻", "On répare ensemble ✂ ☕ → €", "Ελληνικά", "русский")),
    # Duplicates and typos.
    "same_identifier_twice.xlsx": Expected(
        0, ((f"{at('same_identifier_twice.xlsx', 3, 'Identifiant', 'WIC-0001')} : identifiant "
            "déjà utilisé ligne 2 (Repair café). Donnez un identifiant unique à chaque "
            "initiative, ou supprimez le doublon."),),
        "2 lignes lues : 1 dans le guide, 1 écartée, 0 avertissement.", ids(1),
        ((3, "WIC-0001", "left_out"),), not_in_pdf=("Ressourcerie",)),
    "same_initiative_two_spellings.xlsx": Expected(
        0, ((f"{at('same_initiative_two_spellings.xlsx', 3, 'Nom', 'repair cafe de Nanterre')} : "
            f"{TWIN}"),
            (f"{at('same_initiative_two_spellings.xlsx', 4, 'Identifiant')} : identifiant vide, "
            "calculé : WIC-X6D9EC0. Recopiez WIC-X6D9EC0 dans la colonne « Identifiant » pour "
            "qu'il ne change pas si le nom ou la commune change."),
            (f"{at('same_initiative_two_spellings.xlsx', 4, 'Nom', 'Repair-Café de Nanterre')} : "
            f"{TWIN}")),
        "3 lignes lues : 3 dans le guide, 0 écartée, 3 avertissements.",
        (*ids(1, 2), "WIC-X6D9EC0")),
    "need_and_commune_typos.xlsx": Expected(
        0, ((f"{at('need_and_commune_typos.xlsx', 2, 'Besoins', 'Se nourir')} : besoin inconnu "
            f"« Se nourir ». Vouliez-vous dire « Se nourrir » ? {NEEDS}"),
            (f"{at('need_and_commune_typos.xlsx', 3, 'Besoins', 'S' + chr(39) + 'équiper ; Se divrtir')}"
            f" : besoin inconnu « Se divrtir ». Vouliez-vous dire « Se divertir » ? {NEEDS}"),
            (f"{at('need_and_commune_typos.xlsx', 4, 'Commune', 'Nanterr')} : commune « Nanterr » "
            "inconnue dans les Hauts-de-Seine. Vouliez-vous dire « Nanterre » ? Écrivez le nom "
            "d'une des 36 communes, ou laissez vide pour tout le département."),
            (f"{at('need_and_commune_typos.xlsx', 5, 'Commune', 'Paris')} : commune « Paris » "
            "inconnue dans les Hauts-de-Seine. Écrivez le nom d'une des 36 communes, ou laissez "
            "vide pour tout le département.")),
        "4 lignes lues : 1 dans le guide, 3 écartées, 1 avertissement.", ids(2),
        ((2, "WIC-0001", "left_out"), (4, "WIC-0003", "left_out"), (5, "WIC-0004", "left_out"))),
    # Hostile content.
    "html_and_script_in_cells.xlsx": Expected(
        0, (), "1 ligne lue : 1 dans le guide, 0 écartée, 0 avertissement.", ids(1),
        in_pdf=("<b>Gras</b> & <script>alert(1)</script>", '<img src="file:///etc/passwd">',
                "{{ 7*7 }}"),
        not_in_pdf=("root:",)),
    "urls_to_local_or_private_places.xlsx": Expected(
        0, ((f"{at('urls_to_local_or_private_places.xlsx', 2, 'Site internet', 'file:///etc/passwd')}"
            f" : adresse « file: » {NOT_HTTP}"),
            (f"{at('urls_to_local_or_private_places.xlsx', 3, 'Site internet', 'javascript:alert(1)')}"
            f" : adresse « javascript: » {NOT_HTTP}"),
            (f"{at('urls_to_local_or_private_places.xlsx', 4, 'Site internet', 'data:text/html,<b>x</b>')}"
            f" : adresse « data: » {NOT_HTTP}"),
            *(f"{at('urls_to_local_or_private_places.xlsx', row, 'Site internet', url)} : "
              f"{NOT_PUBLIC}"
              for row, url in ((5, "http://127.0.0.1:8080/admin"), (6, "http://192.168.1.1/"),
                               (7, "http://[::1]/"), (8, "http://localhost/"),
                               (9, "http://127.1/"))),
            (f"{at('urls_to_local_or_private_places.xlsx', 10, 'Site internet', 'http://[exemple.fr')}"
            " : adresse web illisible ; la case n'est pas imprimée. Donnez l'adresse complète d'un site public, "
            "par exemple https://exemple.fr.")),
        "10 lignes lues : 10 dans le guide, 0 écartée, 9 avertissements.", ids(*range(1, 11)),
        not_in_pdf=("passwd", "javascript", "127.0.0.1", "192.168", "localhost", "127.1/"),
        qr_codes=("https://exemple.fr/page",)),
    "url_too_long_for_qr_code.xlsx": Expected(
        0, ((f"{at('url_too_long_for_qr_code.xlsx', 2, 'Site internet', 'https://exemple.fr/' + 'a' * 40 + '…')}"
            " : adresse web trop longue (319 caractères) pour un QR code ; la case n'est pas imprimée. "
            "Raccourcissez-la à 300 caractères au plus."),),
        "2 lignes lues : 2 dans le guide, 0 écartée, 1 avertissement.", ids(1, 2),
        qr_codes=("https://exemple.fr/" + "b" * 281,)),  # the longest accepted still scans
    "strict_open_xml.xlsx": refused(
        "strict_open_xml.xlsx", "ce classeur est enregistré au format « Feuille de calcul Open "
        "XML Strict », que wicguide ne lit pas ; dans Excel, choisissez Fichier > Enregistrer "
        "sous > Classeur Excel (.xlsx)."),
    **{name: refused(
        name, "ce fichier est un classeur Excel binaire (.xlsb), que wicguide ne lit pas ; dans "
        "Excel, choisissez Fichier > Enregistrer sous > Classeur Excel (.xlsx).")
       for name in ("excel_binary_workbook.xlsb", "excel_binary_workbook_renamed.xlsx")},
    "extensions_openpyxl_warns_about.xlsx": Expected(
        0, (), "1 ligne lue : 1 dans le guide, 0 écartée, 0 avertissement.", ids(1)),
    "billion_laughs.xlsx": refused(
        "billion_laughs.xlsx", "le classeur contient des déclarations XML interdites (entités), "
        "signe d'un fichier piégé ou abîmé ; il n'est pas lu. Copiez les données dans un "
        "classeur neuf et enregistrez-le au format .xlsx."),
    "zip_bomb.xlsx": refused(
        "zip_bomb.xlsx", "le classeur décompressé dépasserait 300 Mo (limite 100 Mo). Supprimez "
        "les images et les feuilles inutiles, puis enregistrez-le de nouveau."),
    # Not a workbook at all.
    "old_excel_format.xls": refused(
        "old_excel_format.xls", "ce fichier est un ancien classeur Excel (.xls), que wicguide "
        f"ne lit pas ; {RESAVE}"),
    "old_excel_format_renamed.xlsx": refused(
        "old_excel_format_renamed.xlsx", "ce fichier est un ancien classeur Excel (.xls), que "
        f"wicguide ne lit pas ; {RESAVE}"),
    "password_protected.xlsx": refused(
        "password_protected.xlsx", "ce classeur est protégé par un mot de passe, que wicguide "
        "ne lit pas ; ouvrez-le dans votre tableur, retirez le mot de passe (Fichier > "
        "Informations > Protéger le classeur) et enregistrez-le au format Excel (.xlsx)."),
    "csv_export.csv": refused(
        "csv_export.csv", f"ce fichier n'est pas un classeur Excel (.xlsx) ; {RESAVE}"),
    "csv_export_renamed.xlsx": refused(
        "csv_export_renamed.xlsx", f"ce fichier n'est pas un classeur Excel (.xlsx) ; {RESAVE}"),
    "opendocument_spreadsheet.ods": refused(
        "opendocument_spreadsheet.ods", "ce fichier est un classeur OpenDocument (.ods). Dans "
        "LibreOffice, choisissez Fichier > Enregistrer sous > Excel 2007-365 (.xlsx)."),
    "html_page_renamed.xlsx": refused(
        "html_page_renamed.xlsx", "ce fichier est une page web (HTML), pas un classeur : le "
        f"téléchargement a sans doute échoué ; téléchargez-le de nouveau, ou {RESAVE}"),
    "truncated_download.xlsx": refused(
        "truncated_download.xlsx", "le classeur est abîmé ou incomplet (téléchargement "
        "interrompu ?). Téléchargez-le ou enregistrez-le de nouveau au format .xlsx."),
    "empty_file.xlsx": refused(
        "empty_file.xlsx", "le fichier est vide. Enregistrez de nouveau l'inventaire depuis "
        "votre tableur au format Excel (.xlsx)."),
    "plain_zip_archive.xlsx": refused(
        "plain_zip_archive.xlsx", "cette archive n'est pas un classeur Excel. Enregistrez "
        "l'inventaire au format .xlsx depuis votre tableur."),
}


def build(name: str, target: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `wicguide build NAME --verbose` from tests/data/, as staff would."""
    monkeypatch.chdir(DATA)
    return RUNNER.invoke(app, ["build", name, "--output", str(target), "--verbose"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_trap_file(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = EXPECTED[name]
    target = tmp_path / "out" / "guide.pdf"
    result = build(name, target, monkeypatch)
    messages = tuple(line for line in result.stderr.splitlines()
                     if not line.startswith("… "))  # progress steps of --verbose
    assert (result.exit_code, messages) == (expected.exit_code, expected.messages)
    assert "Traceback" not in result.output
    if expected.exit_code:
        assert not target.parent.exists()  # nothing written
        return
    assert result.stdout.splitlines()[0] == expected.summary
    _check_rows(DATA / name, target, expected)
    _check_pdf(target, expected)


def _check_rows(inventory: Path, pdf: Path, expected: Expected) -> None:
    """Rows read = rows in the guide + rows reported, by identifier."""
    report = json.loads(pdf.with_suffix(".report.json").read_text(encoding="utf-8"))
    printed = [r["id"] for r in report["rows"] if r["outcome"] == "printed"]
    reported = [(r["row"], r["id"], r["outcome"]) for r in report["rows"]
                if r["outcome"] != "printed"]
    assert (sorted(printed), reported) == (sorted(expected.printed), list(expected.reported))
    read = [raw.location.row for raw in read_inventory(inventory).rows]
    assert sorted(r["row"] for r in report["rows"]) == read
    text = "".join(page_texts(pdf))
    names = [r["name"] for r in report["rows"] if r["outcome"] == "printed"]
    assert [name for name in names if not printed_in(name, text)] == []


def _check_pdf(pdf: Path, expected: Expected) -> None:
    text = squeeze("".join(page_texts(pdf)))
    assert [s for s in expected.in_pdf if squeeze(s) not in text] == []
    assert [s for s in expected.not_in_pdf if squeeze(s) in text] == []
    if expected.qr_codes is not None:
        decoded = sorted(url for page in page_qr_codes(pdf) for url in page)
        assert decoded == sorted(expected.qr_codes)


def test_every_trap_file_has_its_expected_outcome() -> None:
    assert sorted(EXPECTED) == sorted(TRAPS)
    assert set(TRAPS) <= {p.name for p in DATA.iterdir()}


def test_trap_files_are_what_the_script_makes() -> None:
    """The committed files are regenerated by `python tests/make_trap_files.py`."""
    stale = [name for name, make in TRAPS.items() if (DATA / name).read_bytes() != make()]
    assert stale == []


def test_a_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "inventaire.xlsx").mkdir()
    monkeypatch.chdir(tmp_path)
    result = RUNNER.invoke(app, ["build", "inventaire.xlsx", "--output", "out/guide.pdf"])
    assert (result.exit_code, result.stderr) == (1, (
        "Erreur : inventaire.xlsx : c'est un dossier, pas un fichier. Donnez le chemin du "
        "fichier .xlsx de l'inventaire.\n"))
    assert not (tmp_path / "out").exists()


def test_a_missing_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = RUNNER.invoke(app, ["build", "absent.xlsx", "--output", "out/guide.pdf"])
    assert (result.exit_code, result.stderr) == (1, (
        "Erreur : absent.xlsx : fichier introuvable. Vérifiez le chemin, ou créez un "
        "inventaire vierge avec « wicguide template FICHIER.xlsx ».\n"))


def test_a_workbook_saved_without_its_extension_is_told_to_be_renamed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "inventaire").write_bytes((DATA / "title_rows_above_header.xlsx").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = RUNNER.invoke(app, ["validate", "inventaire"])
    assert (result.exit_code, result.stderr) == (1, (
        "Erreur : inventaire : c'est bien un classeur Excel, mais son nom ne finit pas par "
        ".xlsx et il n'est lu que sous ce nom. Renommez-le « inventaire.xlsx ».\n"))


def test_a_workbook_with_a_broken_sheet_is_refused_in_plain_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = zipfile.ZipFile(DATA / "title_rows_above_header.xlsx")
    with zipfile.ZipFile(tmp_path / "feuille_abimee.xlsx", "w") as broken:
        for item in source.infolist():
            data = source.read(item.filename)
            cut = item.filename == "xl/worksheets/sheet1.xml"
            broken.writestr(item, data[:len(data) // 2] if cut else data)
    monkeypatch.chdir(tmp_path)
    result = RUNNER.invoke(app, ["validate", "feuille_abimee.xlsx"])
    assert (result.exit_code, result.stderr) == (1, (
        "Erreur : feuille_abimee.xlsx : une partie du classeur est abîmée (son XML est "
        "illisible). Ouvrez-le dans votre tableur et enregistrez-le de nouveau au format "
        ".xlsx, ou copiez les données dans un classeur neuf.\n"))


def test_a_file_without_read_permission_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "sans_droit_de_lecture.xlsx"
    locked.write_bytes((DATA / "title_rows_above_header.xlsx").read_bytes())
    locked.chmod(0)
    tmp_path.chmod(0o755)
    command = [sys.executable, "-m", "wicguide", "build", str(locked), "--output",
               str(tmp_path / "out" / "guide.pdf")]
    if os.geteuid() == 0:  # root reads anything: run as nobody instead
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, (
        f"Erreur : {locked} : lecture refusée (droits du fichier). Donnez-vous le droit de "
        "lecture ou copiez le fichier ailleurs.\n"))


# Every command that reads an inventory meets the same traps ------------------------

REFUSED = sorted(name for name, expected in EXPECTED.items() if expected.exit_code)
READ = sorted(name for name, expected in EXPECTED.items() if not expected.exit_code)


def _run(arguments: list[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(DATA)
    return RUNNER.invoke(app, arguments)


def _other_commands(name: str, out: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate", name],
        "diff (old)": ["diff", name, "title_rows_above_header.xlsx"],
        "diff (new)": ["diff", "title_rows_above_header.xlsx", name],
        "sheet": ["sheet", "WIC-0001", "--inventory", name, "--output", str(out / "f.pdf")],
        "build --commune": ["build", name, "--commune", "Nanterre", "--output",
                            str(out / "livret.pdf")],
        "build --all-communes": ["build", name, "--all-communes", "--output-dir", str(out)],
    }


EMPTY_INVENTORY = {
    # An inventory with a header and no row is readable: the guide is what cannot be made.
    "validate": (1, (("Pas prêt à imprimer : aucune initiative à imprimer. Remplissez la "
                     "feuille « Initiatives », ou écrivez Oui dans « À publier »."),)),
    "sheet": (1, (("Erreur : identifiant inconnu : « WIC-0001 ». Les identifiants sont dans la "
                  "colonne « Identifiant » de l'inventaire et dans le rapport."),)),
    "diff (old)": (0, ()), "diff (new)": (0, ()),
}


@pytest.mark.parametrize("command", list(_other_commands("", Path())))
@pytest.mark.parametrize("name", REFUSED)
def test_every_command_refuses_a_bad_file_in_one_line(
        name: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = EXPECTED[name]
    if name == "header_without_rows.xlsx" and command in EMPTY_INVENTORY:
        expected = Expected(*EMPTY_INVENTORY[command])
    out = tmp_path / "out"
    result = _run(_other_commands(name, out)[command], monkeypatch)
    assert (result.exit_code, result.stderr.splitlines()) == (
        expected.exit_code, list(expected.messages))
    if expected is EXPECTED[name]:  # refused before anything was read: nothing else said
        assert result.stdout == ""
    assert not out.exists()


@pytest.mark.parametrize("name", READ)
def test_validate_reports_what_build_reports(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = EXPECTED[name]
    result = _run(["validate", name], monkeypatch)
    problems = [line for line in result.stdout.splitlines() if line.startswith(f"{name},")]
    left_out = any(outcome == "left_out" for _, _, outcome in expected.reported)
    assert (result.exit_code, problems) == (1 if left_out else 0, list(expected.messages))
    assert expected.summary in result.stdout.splitlines()


@pytest.mark.parametrize("name", READ)
def test_diff_of_a_file_with_itself_finds_no_change(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(["diff", name, name], monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(
        "Bilan : 0 ajoutée, 0 retirée, 0 modifiée, ")


@pytest.mark.parametrize(("where", "why"), [
    ("dossier.pdf", "un dossier porte ce nom"),
    ("fichier/guide.pdf", "un fichier porte le nom d'un dossier du chemin"),
    ("/proc/guide.pdf", "dossier introuvable ou impossible à créer"),
])
@pytest.mark.parametrize("command", ["build", "template"])
def test_an_output_that_cannot_be_written_is_one_line(
        command: str, where: str, why: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dossier.pdf").mkdir()
    (tmp_path / "dossier.xlsx").mkdir()
    (tmp_path / "fichier").write_text("")
    monkeypatch.chdir(tmp_path)
    target = where if command == "build" else where.replace(".pdf", ".xlsx")
    arguments = {"build": ["build", str(DATA / "title_rows_above_header.xlsx"), "-o", target],
                 "template": ["template", target, "--force"]}[command]
    result = RUNNER.invoke(app, arguments)
    assert (result.exit_code, result.stderr) == (1, (
        f"Erreur : {target} : écriture impossible ({why}). Choisissez un autre emplacement.\n"))


def test_a_report_that_cannot_be_written_leaves_last_edition_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guide and its reports go together: no new PDF beside last edition's report."""
    monkeypatch.chdir(tmp_path)
    inventory = str(DATA / "title_rows_above_header.xlsx")
    assert RUNNER.invoke(app, ["build", inventory, "-o", "guide.pdf"]).exit_code == 0
    last_edition = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    (tmp_path / "guide.report.html").unlink()
    (tmp_path / "guide.report.html").mkdir()
    (tmp_path / "guide.pdf").write_bytes(b"last edition")
    result = RUNNER.invoke(app, ["build", inventory, "-o", "guide.pdf"])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (1, (
        "Erreur : guide.report.html : écriture impossible (un dossier porte ce nom). "
        "Choisissez un autre emplacement."))
    assert (tmp_path / "guide.pdf").read_bytes() == b"last edition"
    assert (tmp_path / "guide.report.json").read_bytes() == last_edition["guide.report.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(last_edition)  # no leftovers


def test_the_hand_out_draws_what_the_guide_draws(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "feuille.pdf"
    result = _run(["sheet", "WIC-0001", "WIC-0002", "--inventory",
                   "emoji_and_rare_characters.xlsx", "--output", str(target)], monkeypatch)
    assert result.exit_code == 0, result.output
    text = "".join(page_texts(target))
    assert squeeze("Repair café 🔧♻") in squeeze(text)
    assert printed_in("Épicerie solidaire مرحبا", text)
    assert squeeze("Ελληνικά, русский") in squeeze(text)


def test_openpyxl_warnings_do_not_reach_the_terminal() -> None:
    """openpyxl warns on stderr about Excel extensions it drops; pytest would hide that."""
    result = subprocess.run(
        [sys.executable, "-m", "wicguide", "validate", "extensions_openpyxl_warns_about.xlsx"],
        capture_output=True, text=True, check=False, cwd=DATA)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize(("arguments", "message"), [
    (["build", "{inventory}", "-o", "{inventory}"], ("le guide s'écrit en PDF. Donnez un nom "
     "qui finit par .pdf")),
    (["build", "{inventory}", "-o", "guide.txt"], ("le guide s'écrit en PDF. Donnez un nom qui "
     "finit par .pdf")),
    (["sheet", "WIC-0001", "--inventory", "{inventory}", "-o", "{inventory}"], ("la feuille "
     "s'écrit en PDF. Donnez un nom qui finit par .pdf")),
    (["validate", "{inventory}", "--report", "{inventory}"], ("le rapport s'écrit en HTML ou "
     "en JSON. Donnez un nom qui finit par .html ou .json")),
    (["diff", "{inventory}", "{inventory}", "-o", "{inventory}"], ("le journal des "
     "modifications s'écrit en PDF ou en HTML. Donnez un nom qui finit par .pdf ou .html")),
])
def test_an_output_named_like_the_inventory_is_refused_before_any_work(
        arguments: list[str], message: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    inventory = tmp_path / "inventaire.xlsx"
    inventory.write_bytes((DATA / "title_rows_above_header.xlsx").read_bytes())
    monkeypatch.chdir(tmp_path)
    command = [a.format(inventory=inventory) for a in arguments]
    result = RUNNER.invoke(app, command)
    target = command[command.index("-o") + 1] if "-o" in command else str(inventory)
    assert (result.exit_code, result.stderr) == (1, f"Erreur : {target} : {message}.\n")
    assert inventory.read_bytes() == (DATA / "title_rows_above_header.xlsx").read_bytes()


def test_an_inventory_named_pdf_is_never_written_over(tmp_path: Path) -> None:
    inventory = tmp_path / "inventaire.pdf"
    inventory.write_bytes((DATA / "title_rows_above_header.xlsx").read_bytes())
    result = RUNNER.invoke(app, ["build", str(inventory), "-o", str(inventory)])
    assert (result.exit_code, result.stderr) == (1, (
        f"Erreur : {inventory} : c'est le fichier lu ({inventory}) ; l'écrire l'effacerait. "
        "Donnez un autre nom au fichier à écrire.\n"))
    assert inventory.read_bytes() == (DATA / "title_rows_above_header.xlsx").read_bytes()
