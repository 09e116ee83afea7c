"""Validation rules, each on a small inventory named after the case, exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from inventory_files import HEADERS, row, write_inventory

from wicguide.build import load
from wicguide.records import Outcome

WHERE = "feuille « Initiatives », ligne"


def _lines(path: Path) -> list[str]:
    return [problem.line() for problem in load(path).problems()]


def test_commune_variants_are_recognised(tmp_path: Path) -> None:
    names = ["Clichy-la-Garenne", "Asnières", "St-Cloud", "garenne colombes",
             "Chatenay Malabry", "SEVRES", "Ville d'Avray", "Le Plessis Robinson"]
    path = write_inventory(tmp_path / "commune_variants.xlsx",
                           [row(n, {"Commune": name}) for n, name in enumerate(names, 1)])
    inventory = load(path)
    assert [i.communes[0].name for i in inventory.initiatives] == [
        "Clichy", "Asnières-sur-Seine", "Saint-Cloud", "La Garenne-Colombes",
        "Châtenay-Malabry", "Sèvres", "Ville-d'Avray", "Le Plessis-Robinson"]
    assert inventory.problems() == []


def test_unknown_commune_leaves_the_row_out_and_suggests(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "commune_typo.xlsx",
                           [row(1, {"Commune": "Nanterr"}), row(2, {"Commune": "Paris"})])
    inventory = load(path)
    assert [o.outcome for o in inventory.outcomes] == [Outcome.LEFT_OUT, Outcome.LEFT_OUT]
    assert _lines(path) == [
        (f"commune_typo.xlsx, {WHERE} 2, colonne « Commune », valeur « Nanterr » : commune "
        "« Nanterr » inconnue dans les Hauts-de-Seine. Vouliez-vous dire « Nanterre » ? "
        "Écrivez le nom d'une des 36 communes, ou laissez vide pour tout le département."),
        (f"commune_typo.xlsx, {WHERE} 3, colonne « Commune », valeur « Paris » : commune "
        "« Paris » inconnue dans les Hauts-de-Seine. Écrivez le nom d'une des 36 communes, "
        "ou laissez vide pour tout le département."),
    ]


def test_postcode_of_another_commune_is_a_warning(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "postcode_mismatch.xlsx",
                           [row(1, {"Commune": "Nanterre", "Code postal": 92700})])
    inventory = load(path)
    assert inventory.outcomes[0].outcome is Outcome.PRINTED
    assert _lines(path) == [
        (f"postcode_mismatch.xlsx, {WHERE} 2, colonne « Code postal », valeur « 92700 » : ce "
        "code postal ne correspond pas à Nanterre (c'est celui de Colombes). Codes postaux "
        "de Nanterre : 92000.")]


def test_meudon_has_two_postcodes(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "meudon_two_postcodes.xlsx", [
        row(1, {"Commune": "Meudon", "Code postal": "92190"}),
        row(2, {"Commune": "Meudon", "Code postal": "92360"})])
    assert _lines(path) == []


def test_empty_commune_is_the_whole_departement(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "no_commune.xlsx", [row(1, {"Commune": None})])
    [initiative] = load(path).initiatives
    assert initiative.communes == () and initiative.is_departement_wide


def test_needs_separators_synonyms_and_typos(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "needs_forms.xlsx", [
        row(1, {"Besoins": "se financer / S’habiller\nSe nourrir"}),
        row(2, {"Besoins": "Se nourir, Se loger"}),
        row(3, {"Besoins": "Se nourir"}),
    ])
    inventory = load(path)
    first = inventory.outcomes[0].initiative
    assert first is not None
    assert [n.label for n in first.needs] == ["Se nourrir", "S'habiller", "Financer ses projets"]
    assert [o.outcome for o in inventory.outcomes] == [
        Outcome.PRINTED, Outcome.PRINTED, Outcome.LEFT_OUT]
    labels = ("Se nourrir, Se loger, Travailler, Se déplacer, S'habiller, S'équiper, "
              "Se divertir, Financer ses projets")
    assert _lines(path) == [
        (f"needs_forms.xlsx, {WHERE} 3, colonne « Besoins », valeur « Se nourir, Se loger » : "
        f"besoin inconnu « Se nourir ». Vouliez-vous dire « Se nourrir » ? Besoins possibles : "
        f"{labels}."),
        (f"needs_forms.xlsx, {WHERE} 4, colonne « Besoins », valeur « Se nourir » : besoin "
        f"inconnu « Se nourir ». Vouliez-vous dire « Se nourrir » ? Besoins possibles : "
        f"{labels}."),
    ]


@pytest.mark.parametrize(("given", "printed"), [
    ("0146083383", "01 46 08 33 83"),
    ("01.46.08.33.83", "01 46 08 33 83"),
    ("+33 1 46 08 33 83", "01 46 08 33 83"),
    (146083383, "01 46 08 33 83"),
    ("06 12 34 56 78", "06 12 34 56 78"),
])
def test_phone_numbers_are_printed_in_french_form(tmp_path: Path, given: object,
                                                  printed: str) -> None:
    path = write_inventory(tmp_path / "phone_forms.xlsx", [row(1, {"Téléphone": given})])
    [initiative] = load(path).initiatives
    assert initiative.phone == printed


def test_bad_phone_is_a_warning_and_not_printed(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "phone_too_short.xlsx", [row(1, {"Téléphone": "01 46 08"})])
    [initiative] = load(path).initiatives
    assert initiative.phone == ""
    assert _lines(path) == [
        (f"phone_too_short.xlsx, {WHERE} 2, colonne « Téléphone », valeur « 01 46 08 » : numéro "
        "de téléphone invalide ; la case n'est pas imprimée. Vérifiez le nombre de chiffres (10 en France, "
        "commençant par 0).")]


def test_website_gets_a_scheme(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "website_without_scheme.xlsx",
                           [row(1, {"Site internet": "www.Exemple.fr/atelier"})])
    [initiative] = load(path).initiatives
    assert initiative.website == "https://www.exemple.fr/atelier"


def test_unpublished_row_is_reported_not_printed(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "unpublished.xlsx",
                           [row(1, {"À publier": "Non"}), row(2, {"À publier": "oui"})])
    inventory = load(path)
    assert [o.outcome for o in inventory.outcomes] == [Outcome.UNPUBLISHED, Outcome.PRINTED]
    assert inventory.summary.line() == (
        "2 lignes lues : 1 dans le guide, 1 écartée (dont 1 non publiée), 0 avertissement.")


def test_missing_identifier_is_derived_and_stable(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "identifier_missing.xlsx",
                           [row(1, {"Identifiant": None, "Nom": "Repair café"})])
    first = load(path).outcomes[0]
    again = load(path).outcomes[0]
    assert first.id == again.id and first.id.startswith("WIC-X")
    assert [p.line() for p in first.problems] == [
        (f"identifier_missing.xlsx, {WHERE} 2, colonne « Identifiant » : identifiant vide, "
        f"calculé : {first.id}. Recopiez {first.id} dans la colonne « Identifiant » pour qu'il "
        "ne change pas si le nom ou la commune change.")]


def test_same_identifier_twice_leaves_the_second_out(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "identifier_twice.xlsx",
                           [row(1), row(1, {"Nom": "Autre chose"})])
    inventory = load(path)
    assert [o.outcome for o in inventory.outcomes] == [Outcome.PRINTED, Outcome.LEFT_OUT]
    assert _lines(path) == [
        (f"identifier_twice.xlsx, {WHERE} 3, colonne « Identifiant », valeur « WIC-0001 » : "
        "identifiant déjà utilisé ligne 2 (Initiative 1). Donnez un identifiant unique à "
        "chaque initiative, ou supprimez le doublon.")]


def test_required_cells_empty_leave_the_row_out(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "required_empty.xlsx",
                           [row(1, {"Description": None, "Besoins": None})])
    assert [o.outcome for o in load(path).outcomes] == [Outcome.LEFT_OUT]
    assert _lines(path)[0] == (
        f"required_empty.xlsx, {WHERE} 2, colonne « Description » : case obligatoire vide. "
        "Remplissez la colonne « Description ».")


def test_header_under_title_rows_with_other_names(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Feuil1"
    sheet.append(["Inventaire WIC 2026"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["  NOM ", "descriptif", "Besoins\n(un ou plusieurs)", "Ville"])
    sheet.append(["Repair café", "On répare.", "S'équiper", "Sceaux"])
    path = tmp_path / "title_rows_and_header_variants.xlsx"
    workbook.save(path)
    inventory = load(path)
    assert [o.location.row for o in inventory.outcomes] == [4]
    assert inventory.initiatives[0].communes[0].name == "Sceaux"


NEEDS = ("Se nourrir, Se loger, Travailler, Se déplacer, S'habiller, S'équiper, Se divertir, "
         "Financer ses projets")


def test_cells_of_nothing_but_separators_leave_the_row_out_and_say_why(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "only_separators.xlsx", [
        row(1, {"Besoins": ";;"}), row(2, {"Besoins": " / "}), row(3, {"Commune": ";"})])
    assert [o.outcome for o in load(path).outcomes] == [Outcome.LEFT_OUT] * 3
    assert _lines(path) == [
        (f"only_separators.xlsx, {WHERE} 2, colonne « Besoins », valeur « ;; » : aucun "
         f"besoin indiqué. Indiquez au moins un besoin parmi : {NEEDS}."),
        (f"only_separators.xlsx, {WHERE} 3, colonne « Besoins », valeur « / » : aucun "
         f"besoin indiqué. Indiquez au moins un besoin parmi : {NEEDS}."),
        (f"only_separators.xlsx, {WHERE} 4, colonne « Commune », valeur « ; » : aucune "
         "commune lisible. Écrivez le nom d'une des 36 communes, ou videz la case pour tout "
         "le département."),
    ]


@pytest.mark.parametrize("needs", ["Inconnu; Se nourrir", "Se nourrir; Inconnu"])
def test_unknown_need_beside_a_known_one_is_a_warning_wherever_it_stands(
        tmp_path: Path, needs: str) -> None:
    path = write_inventory(tmp_path / "unknown_need_beside_a_known_one.xlsx",
                           [row(1, {"Besoins": needs})])
    inventory = load(path)
    assert inventory.outcomes[0].outcome is Outcome.PRINTED
    assert [p.severity.name for p in inventory.problems()] == ["WARNING"]
    assert _lines(path) == [
        (f"unknown_need_beside_a_known_one.xlsx, {WHERE} 2, colonne « Besoins », valeur "
         f"« {needs} » : besoin inconnu « Inconnu ». Besoins possibles : {NEEDS}.")]


def test_rows_on_another_sheet_with_the_inventory_header_are_reported(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_inventory(tmp_path / "second_sheet_with_rows.xlsx", [row(1)])
    workbook = load_workbook(path)
    other = workbook.create_sheet("Nouvelles")
    other.append(["Nom", "Description", "Besoins"])
    other.append(["Initiative oubliée", "Typée sur une autre feuille.", "Se nourrir"])
    other.append(["Autre initiative oubliée", "Typée là aussi.", "Se loger"])
    workbook.save(path)
    assert _lines(path) == [
        ("second_sheet_with_rows.xlsx, feuille « Nouvelles », ligne 1 : feuille non lue, bien "
         "qu'elle ait les en-têtes de l'inventaire et 2 lignes remplies : seule la feuille "
         "« Initiatives » est lue. Copiez dans la feuille « Initiatives » celles qui n'y sont "
         "pas encore, puis supprimez ou renommez cette feuille.")]


def test_text_long_enough_to_fill_pages_is_printed_whole_with_a_warning(tmp_path: Path) -> None:
    path = write_inventory(tmp_path / "very_long_texts.xlsx", [
        row(1, {"Nom": "Association " * 13}), row(2, {"Horaires": "Lundi 9 h - 12 h\n" * 30})],
        headers=(*HEADERS, "Horaires"))
    inventory = load(path)
    assert [o.outcome for o in inventory.outcomes] == [Outcome.PRINTED] * 2
    assert inventory.initiatives[0].name == ("Association " * 13).strip()
    assert [line.split(" : ", 1)[1] for line in _lines(path)] == [
        ("texte long (155 caractères), imprimé en entier. Raccourcissez-le à 150 caractères "
         "pour que la fiche reste lisible."),
        ("texte long (509 caractères), imprimé en entier. Raccourcissez-le à 400 caractères "
         "pour que la fiche reste lisible.")]
