"""The structure of the guide: French order, one entry per initiative, references."""

from __future__ import annotations

from pathlib import Path

from inventory_files import row, write_inventory

from wicguide.build import load
from wicguide.grouping import DEPARTEMENT_WIDE, group
from wicguide.needs import default_taxonomy


def _guide(tmp_path: Path, rows: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    path = write_inventory(tmp_path / "grouping.xlsx", rows)
    return group(load(path).initiatives, default_taxonomy())


def test_sections_follow_french_order_and_departement_wide_comes_last(tmp_path: Path) -> None:
    communes = ["Sèvres", "Sceaux", "Saint-Cloud", None, "Le Plessis-Robinson", "Châtillon",
                "Chaville", "Antony"]
    guide = _guide(tmp_path, [row(n, {"Commune": c}) for n, c in enumerate(communes, 1)])
    [chapter] = guide.chapters
    assert [s.title for s in chapter.sections] == [
        "Antony", "Châtillon", "Chaville", "Le Plessis-Robinson", "Saint-Cloud", "Sceaux",
        "Sèvres", DEPARTEMENT_WIDE]


def test_initiatives_sort_the_french_way_within_a_section(tmp_path: Path) -> None:
    names = ["Zèbre", "école des parents", "Épicerie", "Eau vive", "atelier"]
    guide = _guide(tmp_path, [row(n, {"Nom": name}) for n, name in enumerate(names, 1)])
    placements = guide.chapters[0].sections[0].placements
    assert [p.initiative.name for p in placements] == [
        "atelier", "Eau vive", "école des parents", "Épicerie", "Zèbre"]


def test_several_needs_and_communes_give_one_entry_and_references(tmp_path: Path) -> None:
    guide = _guide(tmp_path, [
        row(1, {"Nom": "Ressourcerie", "Besoins": "S'habiller; S'équiper",
                "Commune": "Nanterre; Colombes"}),
        row(2, {"Nom": "Repair café", "Besoins": "S'équiper", "Commune": "Colombes"}),
    ])
    placements = [(chapter.need.label, section.title, p.initiative.name, p.is_entry)
                  for chapter in guide.chapters for section in chapter.sections
                  for p in section.placements]
    assert placements == [
        ("S'habiller", "Colombes", "Ressourcerie", True),
        ("S'habiller", "Nanterre", "Ressourcerie", False),
        ("S'équiper", "Colombes", "Repair café", True),
        ("S'équiper", "Colombes", "Ressourcerie", False),
        ("S'équiper", "Nanterre", "Ressourcerie", False),
    ]
    assert [name.name for name, _ in guide.initiatives] == ["Repair café", "Ressourcerie"]
    assert [e.commune.name for e in guide.commune_index] == ["Colombes", "Nanterre"]
