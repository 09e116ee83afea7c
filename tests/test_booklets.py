"""Commune booklets and need leaflets, checked as the social worker reads them.

`data/nanterre_colombes_and_online.xlsx` holds eleven real rows of the
inventory: four in Nanterre, four in Colombes and four with no commune
(the whole département or online); the other 34 communes have nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REAL_INVENTORY, TEST_DATA
from pdf_reading import cross_references, page_qr_codes, page_references, page_texts, squeeze
from typer.testing import CliRunner

from wicguide.build import Inventory
from wicguide.cli import app
from wicguide.edition import Edition
from wicguide.selection import select

SMALL = TEST_DATA / "nanterre_colombes_and_online.xlsx"


@pytest.fixture(scope="session")
def all_communes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Run `--all-communes` on the small inventory; return the folder and the output."""
    folder = tmp_path_factory.mktemp("communes")
    result = CliRunner().invoke(app, ["build", str(SMALL), "--all-communes",
                                      "--output-dir", str(folder)])
    assert result.exit_code == 0, result.output
    return folder, result.output


def test_commune_booklet_holds_its_commune_and_the_whole_departement(
        nanterre_booklet: Path, real_inventory: Inventory) -> None:
    text = squeeze("".join(page_texts(nanterre_booklet)))
    expected = [i for i in real_inventory.initiatives
                if i.is_departement_wide or any(c.name == "Nanterre" for c in i.communes)]
    assert [i.name for i in expected if squeeze(i.name) not in text] == []
    assert len(expected) > 20
    elsewhere = [i for i in real_inventory.initiatives
                 if i.communes and all(c.name != "Nanterre" for c in i.communes)
                 and squeeze(i.name) in text]
    assert [i.name for i in elsewhere] == []


def test_commune_booklet_has_its_own_cover_contents_and_indexes(
        nanterre_booklet: Path) -> None:
    from pypdf import PdfReader

    texts = page_texts(nanterre_booklet)
    assert texts[0].splitlines()[:2] == ["Guide des initiatives collaboratives", "Nanterre"]
    contents = next(n for n, text in enumerate(texts) if text.startswith("Sommaire"))
    references = page_references(texts[contents]) + page_references(texts[contents + 1])
    labels = [label for label, _ in references]
    assert "Nanterre" in labels and "Dans tout le département et en ligne" in labels
    assert "Asnières-sur-Seine" not in labels
    for label, page in references:
        assert squeeze(label) in squeeze(texts[page - 1]), (label, page)
    assert {"Index par commune", "Index de A à Z"} <= set(labels)
    assert PdfReader(nanterre_booklet).metadata.title == (
        "Nanterre – Guide des initiatives collaboratives")


def test_commune_booklet_qr_codes_decode(nanterre_booklet: Path, real_inventory: Inventory,
                                         edition: Edition) -> None:
    text = squeeze("".join(page_texts(nanterre_booklet)))
    expected = {url for i in real_inventory.initiatives
                if squeeze(i.name) in text
                and (url := edition.qr_url(i.listing_url, i.id, i.website))}
    decoded = {url for page in page_qr_codes(nanterre_booklet) for url in page}
    assert decoded == expected


def test_need_leaflet_of_one_commune_keeps_only_that_need(tmp_path: Path) -> None:
    target = tmp_path / "leaflet.pdf"
    result = CliRunner().invoke(app, ["build", str(SMALL), "--commune", "nanterre",
                                      "--need", "alimentation", "-o", str(target)])
    assert result.exit_code == 0, result.output
    texts = page_texts(target)
    assert texts[0].splitlines()[:2] == ["Se nourrir", "Nanterre"]
    text = squeeze("".join(texts))
    for name in ("AMAP des Guignons", "AMAP du Parc (CEAN)", "Plantez chez nous",
                 "Prêter son jardin"):
        assert squeeze(name) in text
    for name in ("Café des bricoleurs (CEAN)", "Sharevoisins", "UNRPA de Colombes"):
        assert squeeze(name) not in text
    assert "S'équiper" not in "".join(texts)


@pytest.mark.parametrize(("typed", "message"), [
    ("Nantere", ("Erreur : --commune « Nantere » : commune inconnue des Hauts-de-Seine. "
                 "Vouliez-vous dire « Nanterre » ?")),
    ("Boulogne-sur-Mer", ("Erreur : --commune « Boulogne-sur-Mer » : commune inconnue des "
                          "Hauts-de-Seine. Vouliez-vous dire « Boulogne-Billancourt » ?")),
])
def test_unknown_commune_suggests_the_nearest(typed: str, message: str,
                                              tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(SMALL), "--commune", typed,
                                      "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert result.output.strip() == message
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_need_suggests_the_nearest(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(SMALL), "--need", "nouriture"])
    assert result.exit_code == 1
    assert result.output.strip() == ("Erreur : --need « nouriture » : besoin inconnu. "
                                     "Vouliez-vous dire « Se nourrir » ?")


def test_commune_typed_without_its_suffix_is_found() -> None:
    assert [c.name for c in select(["Asnières"]).communes] == ["Asnières-sur-Seine"]
    assert [c.name for c in select(["st cloud"]).communes] == ["Saint-Cloud"]


def test_all_communes_writes_one_booklet_per_commune_with_something_to_show(
        all_communes: tuple[Path, str]) -> None:
    folder, output = all_communes
    assert sorted(p.name for p in folder.glob("*.pdf")) == ["colombes.pdf", "nanterre.pdf"]
    skipped = [line for line in output.splitlines() if line.startswith("Pas de livret")]
    assert len(skipped) == 1
    assert skipped[0].startswith(
        "Pas de livret pour 34 communes sans initiative propre (seulement celles de tout "
        "le département) : Antony, Asnières-sur-Seine, Bagneux, ")
    assert ", Colombes," not in skipped[0] and "Nanterre" not in skipped[0]
    assert output.splitlines()[-1].startswith(
        f"2 livrets écrits dans {folder} (")
    assert (folder / "livrets.report.json").exists()


def test_each_commune_booklet_is_named_on_its_cover(all_communes: tuple[Path, str]) -> None:
    folder, _ = all_communes
    colombes = page_texts(folder / "colombes.pdf")
    assert colombes[0].splitlines()[1] == "Colombes"
    text = squeeze("".join(colombes))
    assert squeeze("Recyclab (R-Urban)") in text and squeeze("Sharevoisins") in text
    assert squeeze("AMAP des Guignons") not in text


def test_all_communes_refuses_a_commune_list() -> None:
    result = CliRunner().invoke(app, ["build", str(REAL_INVENTORY), "--all-communes",
                                      "--commune", "Nanterre"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Erreur : --all-communes écrit un livret par commune dans --output-dir : "
        "retirez --commune et --output.")


def test_commune_booklet_index_and_cross_references_point_to_the_entry(
        nanterre_booklet: Path) -> None:
    texts = page_texts(nanterre_booklet)
    first = max(n for n, text in enumerate(texts) if text.startswith("Index de A à Z"))
    listed = [ref for n in range(first, len(texts) - 1) for ref in page_references(texts[n])]
    assert len(listed) > 20
    for label, page in listed:
        assert squeeze(label) in squeeze(texts[page - 1]), (label, page)
    references = cross_references(texts)
    for name, page in references:
        assert squeeze(name) in squeeze(texts[page - 1]), (name, page)
    assert len(references) > 5
    for number, text in enumerate(texts[1:-1], start=2):  # the back cover has no folio
        assert str(number) in text.split(), number


def test_booklet_of_a_commune_with_nothing_of_its_own_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", str(SMALL), "--commune", "Sceaux"])
    assert result.exit_code == 0, result.output
    assert ("Sceaux : aucune initiative de la commune elle-même ; le livret ne tient que "
            "celles de tout le département et en ligne.") in result.stderr.splitlines()
    written = result.stdout.splitlines()[-1]
    assert written.startswith("Livret écrit : output/sceaux.pdf (4 initiatives, ")


@pytest.mark.parametrize(("option", "name"), [("--large-print", "colombes-gros-caracteres.pdf"),
                                              ("--booklet", "colombes-a-plier.pdf")])
def test_each_layout_has_its_own_default_file_name(
        option: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", str(SMALL), "--commune", "Colombes", option])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "output").glob("*.pdf")] == [name]
