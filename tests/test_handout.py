"""The hand-out sheet (`wicguide sheet`), read as the person who takes it home reads it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import REAL_INVENTORY
from pdf_reading import page_qr_codes, page_texts, squeeze
from typer.testing import CliRunner

from wicguide.build import Inventory
from wicguide.cli import app
from wicguide.edition import Edition
from wicguide.handout import MAX_ENTRIES, choose_by_id, write_handout
from wicguide.rendering import long_date

FIVE = ["WIC-0001", "wic-3", "WIC-0046", "WIC-0030", "WIC-0048"]


def _sheet(*arguments: str, target: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["sheet", *arguments, "--inventory", str(REAL_INVENTORY),
                                      "-o", str(target)])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    target = tmp_path_factory.mktemp("sheet") / "feuille.pdf"
    code, output = _sheet(*FIVE, target=target)
    assert code == 0, output
    return target, output


def test_sheet_names_each_chosen_initiative_in_order(five: tuple[Path, str]) -> None:
    target, output = five
    assert output == f"Feuille écrite : {target} (5 initiatives, 2 pages).\n"
    text = squeeze("".join(page_texts(target)))
    names = ["Café des bricoleurs (CEAN)", "AMAP des Guignons", "Sharevoisins",
             "Recyclab (R-Urban)", "Plantez chez nous"]
    positions = [text.index(squeeze(name)) for name in names]
    assert positions == sorted(positions)


def test_sheet_prints_the_date_and_the_notes_box(five: tuple[Path, str]) -> None:
    texts = page_texts(five[0])
    today = long_date(date.today())
    assert "Adresses utiles" in texts[0] and f"Imprimé le {today}" in texts[0]
    assert "Notes / rendez-vous" in texts[-1]
    assert all(f"imprimé le {today}" in text for text in texts)
    assert [text.rstrip().endswith(f"page {n} sur 2") for n, text in enumerate(texts, 1)] == [
        True, True]


def test_sheet_qr_codes_decode_to_their_initiative(five: tuple[Path, str],
                                                   real_inventory: Inventory,
                                                   edition: Edition) -> None:
    chosen = choose_by_id(real_inventory.initiatives, FIVE)
    expected = sorted(url for i in chosen if (url := edition.qr_url(i.listing_url, i.id,
                                                                    i.website)))
    decoded = sorted(url for page in page_qr_codes(five[0]) for url in page)
    assert decoded == expected
    assert len(expected) == 2
    text = "".join(page_texts(five[0]))
    assert "r-urban.net" in text and "amapguignons.wordpress.com" in squeeze(text)


def test_sheet_is_a4(five: tuple[Path, str]) -> None:
    from pypdf import PdfReader

    box = PdfReader(five[0]).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        210, 297)


def test_the_longest_entries_still_fit_on_two_pages(real_inventory: Inventory,
                                                    edition: Edition, tmp_path: Path) -> None:
    def length(i):  # type: ignore[no-untyped-def]
        return len(i.hours) + len(i.address) + len(i.conditions) + len(i.name) + len(
            i.description[:160])

    longest = sorted(real_inventory.initiatives, key=length, reverse=True)[:MAX_ENTRIES]
    pages = write_handout(longest, edition, date(2026, 12, 3), tmp_path / "long.pdf")
    assert pages == 2
    assert "Notes / rendez-vous" in page_texts(tmp_path / "long.pdf")[-1]


def test_unknown_id_suggests_the_nearest_names(tmp_path: Path) -> None:
    code, output = _sheet("WIC-0001", "AMAP des Guinons", target=tmp_path / "x.pdf")
    assert code == 1
    assert output == (
        "Erreur : identifiant inconnu : « AMAP des Guinons » ; proches : WIC-0003 (AMAP des "
        "Guignons), WIC-0010 (AMAP de la Garenne), WIC-0088 (AMAP de Montrouge). Les "
        "identifiants sont dans la colonne « Identifiant » de l'inventaire et dans le "
        "rapport.\n")
    assert not (tmp_path / "x.pdf").exists()


def test_id_of_an_unpublished_row_says_so_and_where(tmp_path: Path) -> None:
    code, output = _sheet("WIC-0029", target=tmp_path / "x.pdf")
    assert (code, output) == (1, (
        "Erreur : « WIC-0029 » (Agrocité (R-Urban Colombes)) n'est pas publiée : "
        "initiatives.xlsx, feuille « Initiatives », ligne 31 dit Non dans « À publier ». "
        "Écrivez-y Oui pour l'imprimer.\n"))


def test_id_of_a_row_left_out_gives_its_first_error(tmp_path: Path) -> None:
    code, output = _sheet("wic-125", target=tmp_path / "x.pdf")
    assert (code, output) == (1, (
        "Erreur : « wic-125 » (Debout (magazine et association)) est écartée du guide : "
        "initiatives.xlsx, feuille « Initiatives », ligne 127, colonne « Besoins » : aucun "
        "besoin indiqué. Indiquez au moins un besoin parmi : Se nourrir, Se loger, Travailler, "
        "Se déplacer, S'habiller, S'équiper, Se divertir, Financer ses projets.\n"))


def test_filters_take_the_commune_first_and_stop_at_the_cap(tmp_path: Path) -> None:
    target = tmp_path / "f.pdf"
    code, output = _sheet("--commune", "Nanterre", "--need", "Se nourrir", "--max", "3",
                          target=target)
    assert code == 0, output
    assert output.splitlines()[1] == ("17 autres initiatives correspondent : donnez "
                                      "les identifiants voulus.")  # --need is already given
    text = squeeze(page_texts(target)[0])
    assert squeeze("AMAP des Guignons") in text
    assert squeeze("Plantez chez nous") not in text  # département-wide come after Nanterre


def test_too_many_ids_are_refused(tmp_path: Path) -> None:
    code, output = _sheet(*[f"WIC-{n:04}" for n in range(1, 8)], target=tmp_path / "x.pdf")
    assert code == 1
    assert output == ("Erreur : 7 initiatives demandées : la feuille en tient au plus 5. "
                      "Retirez-en, ou imprimez un livret avec wicguide build --commune.\n")


def test_sheet_is_a_tagged_pdf_in_french(five: tuple[Path, str]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(five[0])
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True and "/StructTreeRoot" in root
    assert root["/Lang"] == "fr"
    assert reader.metadata.title.startswith("Adresses utiles – ")


def test_sheet_writes_nothing_but_the_pdf(five: tuple[Path, str]) -> None:
    # No report, log or history of what was printed for whom.
    assert [p.name for p in five[0].parent.iterdir()] == ["feuille.pdf"]
