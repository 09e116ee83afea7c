"""`wicguide diff`: what the new inventory adds, removes and changes in the guide."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_reading import page_texts, squeeze
from samples import real_rows, write_inventory
from typer.testing import CliRunner

from wicguide.cli import app
from wicguide.inventory import Column


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Ten real rows, then the same rows after a year of changes, one of each kind."""
    folder = tmp_path_factory.mktemp("diff")
    rows = real_rows()
    old = rows[:10]
    new = [dict(row) for row in old]
    new[1][Column.HOURS] = "Mardi 14 h – 18 h"
    new[1][Column.PHONE] = "0147000000"
    new[2][Column.NAME] = "AMAP des Guignons de Nanterre"        # renamed
    new[3][Column.ID] = "WIC-0903"                                 # new identifier
    new[5][Column.PUBLISH] = "Non"                                 # unpublished
    new[6] = {**rows[12], Column.ID: "WIC-0007"}                   # identifier reused
    new[7].pop(Column.NEEDS)                                       # now left out
    new[8][Column.CHECKED_ON] = "15/11/2026"                       # re-checked only
    del new[4]                                                     # row deleted
    new.append(rows[13])                                           # added (WIC-0014)
    return (write_inventory(folder / "edition_2025.xlsx", old),
            write_inventory(folder / "edition_2026.xlsx", new))


def test_diff_lists_each_kind_of_change_on_its_own_line(editions: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(app, ["diff", *map(str, editions)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Comparaison entre edition_2025.xlsx (édition précédente) et edition_2026.xlsx :",
        ("+ ajoutée : WIC-0007 « Aux P'tits Pois - AMAP solidaire de Clamart » (Clamart) : "
        "identifiant déjà utilisé auparavant par « Repair Café de Châtillon »"),
        "+ ajoutée : WIC-0014 « UNRPA de Colombes » (Colombes)",
        ("- retirée : WIC-0005 « AMAP du Mont Valérien (CEAN) » (Nanterre) : ligne supprimée "
        "de l'inventaire"),
        ("- retirée : WIC-0006 « Consom'acteurs de Gennevilliers » (Gennevilliers) : "
        "maintenant non publiée (« À publier » = Non)"),
        ("- retirée : WIC-0008 « L'Étoile solidaire » (Asnières-sur-Seine) : maintenant "
        "écartée, ligne 8 : aucun besoin indiqué"),
        ("- retirée : WIC-0007 « Repair Café de Châtillon » (Châtillon) : identifiant repris "
        "par « Aux P'tits Pois - AMAP solidaire de Clamart »"),
        ("~ renommée : WIC-0003 « AMAP des Guignons de Nanterre » (Nanterre), ancien nom "
        "« AMAP des Guignons »"),
        "    Nom : « AMAP des Guignons » → « AMAP des Guignons de Nanterre »",
        "~ nouvel identifiant : WIC-0004 → WIC-0903 « AMAP du Parc (CEAN) » (Nanterre)",
        ("~ modifiée : WIC-0002 « CEAN - Consommer et échanger autrement à Nanterre » "
        "(Nanterre)"),
        "    Téléphone : (vide) → « 01 47 00 00 00 »",
        "    Horaires : (vide) → « Mardi 14 h – 18 h »",
        ("Bilan : 2 ajoutées, 4 retirées, 3 modifiées, 1 revérifiée sans changement, "
        "2 inchangées."),
    ]


def test_changelog_prints_as_a_pdf_in_french(editions: tuple[Path, Path],
                                              tmp_path: Path) -> None:
    target = tmp_path / "modifications.pdf"
    result = CliRunner().invoke(app, ["diff", *map(str, editions), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"Journal des modifications écrit : {target}"
    text = squeeze("".join(page_texts(target)))
    for expected in ("Modifications du guide", "Initiatives ajoutées (2)",
                     "Initiatives retirées (4)", "Initiatives modifiées (3)",
                     "nouvel identifiant : WIC-0004 → WIC-0903",
                     ("Bilan : 2 ajoutées, 4 retirées, 3 modifiées, 1 revérifiée sans "
                     "changement, 2 inchangées."),
                     "Modifications du guide · Édition de décembre 2026"):
        assert squeeze(expected) in text, expected


def test_changelog_as_html_escapes_cell_text(editions: tuple[Path, Path],
                                             tmp_path: Path) -> None:
    target = tmp_path / "modifications.html"
    assert CliRunner().invoke(app, ["diff", *map(str, editions), "-o", str(target)]
                              ).exit_code == 0
    html = target.read_text(encoding="utf-8")
    assert "<h2>Initiatives retirées (4)</h2>" in html
    assert "Consom&#39;acteurs de Gennevilliers" in html


def test_changelog_must_be_pdf_or_html(editions: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "modifications.docx"
    result = CliRunner().invoke(app, ["diff", *map(str, editions), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == (f"Erreur : {target} : le journal des modifications s'écrit en "
                             "PDF ou en HTML. Donnez un nom qui finit par .pdf ou .html.\n")
    assert not target.exists()


def test_same_inventory_twice_has_no_change(editions: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(app, ["diff", str(editions[0]), str(editions[0])])
    assert result.stdout.splitlines()[1:] == [
        "Bilan : 0 ajoutée, 0 retirée, 0 modifiée, 10 inchangées."]


def test_a_derived_identifier_renamed_is_found_by_its_website(tmp_path: Path) -> None:
    """Without « Identifiant », renaming changes the derived WIC-X id: the website links them."""
    from wicguide.build import load
    from wicguide.changelog import compare, terminal_lines

    row = {k: v for k, v in real_rows()[2].items() if k is not Column.ID}
    old = write_inventory(tmp_path / "old.xlsx", [row])
    new = write_inventory(tmp_path / "new.xlsx", [{**row, Column.NAME: "AMAP Les Guignons"}])
    changelog = compare(load(old), load(new))
    (change,) = changelog.changed
    assert change.reidentified and change.renamed
    assert terminal_lines(changelog)[1:] == [
        (f"~ nouvel identifiant : {change.old.id} → {change.new.id} « AMAP Les Guignons » "
        "(Nanterre)"),
        "    Nom : « AMAP des Guignons » → « AMAP Les Guignons »",
        "Bilan : 0 ajoutée, 0 retirée, 1 modifiée, 0 inchangée.",
    ]
    assert change.old.id.startswith("WIC-X") and change.old.id != change.new.id
