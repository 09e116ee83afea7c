"""Edition settings (wicguide.toml): every key checked, one line naming key and fix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wicguide.cli import app
from wicguide.edition import Edition, load_edition
from wicguide.rendering import long_date

ROOT = Path(__file__).resolve().parent.parent

BAD_SETTINGS = {
    "date_in_quotes": (
        '[edition]\ndate = "2026-12-01"\n',
        ("[edition] date = '2026-12-01' : ce n'est pas une date. Écrivez-la sans guillemets, "
        "sous la forme 2026-12-01")),
    "misspelt_key": (
        '[edition]\ntitel = "Guide"\n',
        ("[edition] titel : réglage inconnu. Vouliez-vous dire « title » ? Réglages possibles : "
        "title, subtitle, name, date, listing_base_url, tracking, format")),
    "unknown_section": (
        '[editions]\ntitle = "Guide"\n',
        ("[editions] : section inconnue. Vouliez-vous dire [edition] ? Sections possibles : "
        "[edition], [publisher], [freshness]")),
    "unknown_format": (
        '[edition]\nformat = "B5"\n',
        "[edition] format = 'B5' : format de papier inconnu. Écrivez l'un de : A5, A4"),
    "base_url_with_query": (
        '[edition]\nlisting_base_url = "https://wic.fr/fiche?x=1"\n',
        ("[edition] listing_base_url = 'https://wic.fr/fiche?x=1' : l'adresse de base ne peut "
        "pas contenir « ? » ni « # ». Mettez les paramètres de suivi dans [edition.tracking]")),
    "base_url_local_file": (
        '[edition]\nlisting_base_url = "file:///etc"\n',
        ("[edition] listing_base_url = 'file:///etc' : adresse « file: » refusée. Donnez une "
        "adresse web commençant par https://")),
    "tracking_not_text": (
        '[edition.tracking]\nutm_source = ["a"]\n',
        ("[edition] tracking.utm_source = ['a'] : paramètre de suivi invalide. Donnez un nom "
        'et une valeur texte, par exemple utm_source = "guide-papier"')),
    "publisher_phone_too_short": (
        '[publisher]\nphone = "01 40 00"\n',
        ("[publisher] phone = '01 40 00' : numéro de téléphone invalide. Vérifiez le nombre "
        "de chiffres (10 en France, commençant par 0)")),
    "publisher_lines_not_a_list": (
        '[publisher]\nlines = "Direction de la solidarité"\n',
        ("[publisher] lines = 'Direction de la solidarité' : ce doit être une liste de textes. "
        'Écrivez lines = ["première ligne", "deuxième ligne"]')),
    "max_age_in_quotes": (
        '[freshness]\nmax_age_months = "12"\n',
        ("[freshness] max_age_months = '12' : ce doit être un nombre entier de mois, au moins "
        "1. Écrivez par exemple max_age_months = 12, sans guillemets")),
    "empty_title": (
        '[edition]\ntitle = " "\n',
        "[edition] title = ' ' : ne peut pas être vide. Écrivez le texte à imprimer"),
}


@pytest.mark.parametrize("name", sorted(BAD_SETTINGS))
def test_bad_setting_stops_every_command_with_one_line(tmp_path: Path, name: str) -> None:
    text, expected = BAD_SETTINGS[name]
    settings = tmp_path / f"{name}.toml"
    settings.write_text(text, encoding="utf-8")
    for command in (["validate", str(ROOT / "data" / "initiatives.xlsx")],
                    ["build", "--output", str(tmp_path / "guide.pdf")],
                    ["template", str(tmp_path / "modele.xlsx")],
                    ["diff", str(ROOT / "data" / "initiatives.xlsx"),
                     str(ROOT / "data" / "initiatives.xlsx")]):
        result = CliRunner().invoke(app, [*command, "--edition", str(settings)])
        assert result.exit_code == 1, (command, result.output)
        assert result.stderr == f"Erreur : {settings}, {expected}.\n", command
    assert not list(tmp_path.glob("guide*")) and not (tmp_path / "modele.xlsx").exists()


@pytest.mark.parametrize(("content", "why"), [
    (b"[edition]\ndate = 2026-13-01\n",
     ("erreur d'écriture à la ligne 2, colonne 12. Comparez avec le wicguide.toml du dépôt : "
     "une valeur texte entre guillemets, une date sans guillemets (2026-12-01)")),
    ('[edition]\ntitle = "Édition"\n'.encode("latin-1"),
     "(le fichier n'est pas en UTF-8). Enregistrez-le en UTF-8 depuis votre éditeur de texte"),
])
def test_unreadable_settings_are_told_in_french(tmp_path: Path, content: bytes,
                                                 why: str) -> None:
    settings = tmp_path / "reglages.toml"
    settings.write_bytes(content)
    result = CliRunner().invoke(app, ["validate", "--edition", str(settings)])
    assert (result.exit_code, result.stderr) == (1, (
        f"Erreur : {settings} : réglages d'édition illisibles{' :' if why[0] != '(' else ''} "
        f"{why}.\n"))


def test_missing_settings_file_names_the_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--edition", str(tmp_path / "absent.toml")])
    assert result.exit_code == 1
    assert result.stderr == (f"Erreur : {tmp_path / 'absent.toml'} : fichier de réglages "
                             "d'édition introuvable. Vérifiez le chemin donné à --edition.\n")


def test_repository_settings_are_valid() -> None:
    edition = load_edition(ROOT / "wicguide.toml")
    assert (edition.date.isoformat(), edition.page_size, edition.max_age_months) == (
        "2026-12-01", "A5", 12)
    assert edition.publisher.name == "Département des Hauts-de-Seine"


TRACKED = Edition(tracking=(("utm_source", "guide-papier"), ("utm_campaign", "2026-12")))


@pytest.mark.parametrize("given, expected", [
    ("https://exemple.fr/", "https://exemple.fr/?utm_source=guide-papier&utm_campaign=2026-12"),
    ("https://exemple.fr/fiche?id=3&lang=fr#plan",
     "https://exemple.fr/fiche?id=3&lang=fr&utm_source=guide-papier&utm_campaign=2026-12#plan"),
    ("https://exemple.fr/?utm_source=mairie",
     "https://exemple.fr/?utm_source=mairie&utm_campaign=2026-12"),
    ("https://exemple.fr/recherche?q=caf%C3%A9+solidaire",
     ("https://exemple.fr/recherche?q=caf%C3%A9+solidaire&utm_source=guide-papier"
     "&utm_campaign=2026-12")),
])
def test_tracking_parameters_keep_the_existing_query_string(given: str, expected: str) -> None:
    assert TRACKED.qr_url(given, "WIC-0001", "") == expected
    assert TRACKED.untracked_qr_url(given, "WIC-0001", "") == given


def test_no_qr_code_gets_tracking_without_an_address() -> None:
    assert TRACKED.qr_url("", "WIC-0001", "") == ""


def test_settings_beside_the_inventory_are_found_from_another_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "editions" / "data").mkdir(parents=True)
    (tmp_path / "editions" / "wicguide.toml").write_text(
        '[edition]\ntitle = "Guide de Nanterre"\ndate = 2027-03-01\n', encoding="utf-8")
    inventory = tmp_path / "editions" / "data" / "inventaire.xlsx"
    inventory.write_bytes((ROOT / "tests" / "data" / "title_rows_above_header.xlsx").read_bytes())
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = CliRunner().invoke(app, ["validate", str(inventory)])
    assert "Aucun fichier wicguide.toml" not in result.stderr
    assert "avant le 1er mars 2026" in result.stdout  # freshness measured from 2027-03-01


def test_without_settings_the_defaults_are_named_once_done(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inventory = tmp_path / "inventaire.xlsx"
    inventory.write_bytes((ROOT / "tests" / "data" / "title_rows_above_header.xlsx").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "inventaire.xlsx"])
    assert result.exit_code == 0, result.output
    this_month = long_date(date.today().replace(day=1))  # « 1er décembre 2026 »
    assert result.stderr == (
        "Aucun fichier wicguide.toml ici ni près de inventaire.xlsx : réglages d'édition par "
        f"défaut (édition du {this_month}). Donnez --edition FICHIER pour les vôtres.\n")
