"""A large guide is laid out a part at a time: the reader must not be able to tell.

The real inventory is built in parts of about 30 entries, which happen to end
where a page ends: the PDF must then be the guide as built (its front matter,
then the rest), page for page (text, pictures, links, bookmarks), and still one
tagged document. Cut in parts of 10 entries, within sections, with its indexes
cut too, cuts fall in the middle of pages and what follows starts a new page:
every page number it prints must still point to the right page, checked as on
the guide.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
import test_guide_real as reader_checks
from pdf_reading import outline_pages, page_image, page_texts
from pypdf import PdfReader

from wicguide.build import BuildOptions, Inventory, build
from wicguide.edition import Edition
from wicguide.grouping import Part, group, parts
from wicguide.needs import default_taxonomy
from wicguide.rendering import Layout

SMALL_PARTS = 10
PAGE_ALIGNED_PARTS = 30


@pytest.fixture(scope="module")
def guide_in_parts(tmp_path_factory: pytest.TempPathFactory, real_inventory: Inventory,
                   edition: Edition) -> Path:
    target = tmp_path_factory.mktemp("parts") / "guide.pdf"
    build(real_inventory, edition, BuildOptions(output=target,
                                                entries_per_part=PAGE_ALIGNED_PARTS))
    return target


@pytest.fixture(scope="module")
def guide_cut_mid_page(tmp_path_factory: pytest.TempPathFactory, real_inventory: Inventory,
                       edition: Edition) -> Path:
    target = tmp_path_factory.mktemp("parts") / "guide.pdf"
    build(real_inventory, edition, BuildOptions(output=target, entries_per_part=SMALL_PARTS))
    return target


def test_a_small_guide_is_its_front_matter_then_the_rest(real_inventory: Inventory) -> None:
    guide = group(real_inventory.initiatives, default_taxonomy())
    front, rest = parts(guide, guide.entry_count)
    assert front == Part(front=True)
    assert rest == replace(Part.whole(guide), front=False)


def test_chapters_are_cut_between_entries_and_indexes_after_lines(
        real_inventory: Inventory) -> None:
    guide = group(real_inventory.initiatives, default_taxonomy())
    front, *middle, back = parts(guide, SMALL_PARTS)
    assert (front, back) == (Part(front=True), Part(back=True))
    chapters = [p for p in middle if p.chapters]
    assert [p.entry_count for p in chapters] == [
        10, 10, 10, 10, 10, 7, 7, 10, 5, 5, 5, 10, 3, 10, 8, 2]  # 10, or a chapter's end
    assert sum(p.entry_count for p in chapters) == guide.entry_count == 122
    placements = [(s.anchor, p) for part in chapters for c in part.chapters
                  for s in c.sections for p in s.placements]
    assert placements == [(s.anchor, p) for c in guide.chapters for s in c.sections
                          for p in s.placements]  # none lost, none twice, in order
    continued = [p.chapters[0].need.label for p in chapters if p.continues_chapter]
    assert continued == ["Se nourrir"] * 5 + ["Travailler", "S'équiper", "Se divertir"]
    inside_a_section = [(p.chapters[0].need.label, p.chapters[0].sections[0].title)
                        for p in chapters if p.continues_section]
    assert inside_a_section == [("Se nourrir", "Nanterre"), ("Se nourrir", "Nanterre"),
                                ("S'équiper", "Dans tout le département et en ligne")]
    communes = [p for p in middle if p.commune_index is not None]
    assert [(len(p.commune_index or ()), p.opens_commune_index) for p in communes] == [
        (18, True), (7, False)]
    assert sum((p.commune_index or () for p in communes), ()) == guide.commune_index
    letters = [p for p in middle if p.alphabetical is not None]
    assert [(len(p.alphabetical or ()), p.opens_alphabetical) for p in letters] == [
        (100, True), (22, False)]
    assert middle == [*chapters, *communes, *letters]


@pytest.mark.parametrize("max_entries", [7, 12, 16, 24])
def test_the_short_end_of_a_chapter_stays_with_the_part_before(
        real_inventory: Inventory, max_entries: int) -> None:
    """A cut that would leave a few entries on a page of their own is not made."""
    guide = group(real_inventory.initiatives, default_taxonomy())
    chapters = [p for p in parts(guide, max_entries) if p.chapters]
    for part, after in zip(chapters, [*chapters[1:], None], strict=True):
        ends_chapter = after is None or not after.continues_chapter
        if part.continues_chapter and ends_chapter:
            assert part.entry_count > max_entries // 4, part.chapters[0].need.label
        assert part.entry_count < max_entries + max_entries // 4 + 1


def test_guide_in_parts_reads_as_the_guide_laid_out_whole(guide_in_parts: Path,
                                                         real_guide: Path) -> None:
    assert page_texts(guide_in_parts) == page_texts(real_guide)
    assert outline_pages(guide_in_parts) == outline_pages(real_guide)


def test_guide_in_parts_looks_like_the_guide_laid_out_whole(guide_in_parts: Path,
                                                           real_guide: Path) -> None:
    pages = len(page_texts(real_guide))
    different = [n + 1 for n in range(pages)
                 if page_image(guide_in_parts, n).tobytes() != page_image(real_guide, n).tobytes()]
    assert different == []  # thumb tabs on the outer edge included: left and right pages kept


def test_every_link_of_the_guide_in_parts_goes_where_the_whole_one_does(
        guide_in_parts: Path, real_guide: Path) -> None:
    assert _links(guide_in_parts) == _links(real_guide)
    assert len(_links(real_guide)) > 1000  # contents, cross-references, indexes


def test_guide_in_parts_is_one_tagged_document(guide_in_parts: Path) -> None:
    reader = PdfReader(guide_in_parts)
    catalogue = reader.trailer["/Root"]
    assert catalogue["/Lang"] == "fr"
    assert catalogue["/MarkInfo"]["/Marked"]
    assert reader.metadata is not None
    assert reader.metadata.title == "Guide des initiatives collaboratives"
    tree = catalogue["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    parents = dict(zip([int(k) for k in nums[::2]], nums[1::2], strict=True))
    assert tree["/ParentTreeNextKey"] == max(parents) + 1
    for page in reader.pages:  # each page's marked content belongs to elements of that page
        elements = [e.get_object() for e in parents[page["/StructParents"]]]
        assert elements
        assert {e["/Pg"].indirect_reference.idnum for e in elements if "/Pg" in e} == {
            page.indirect_reference.idnum}
    document = tree["/K"][0].get_object()
    assert [k.get_object()["/S"] for k in document["/K"]].count("/Sect") > 10
    for kid in document["/K"]:  # every part grafted under the one document element
        assert kid.get_object().raw_get("/P").idnum == document.indirect_reference.idnum


def test_every_link_of_the_guide_in_parts_is_tagged_as_in_the_whole_one(
        guide_in_parts: Path, real_guide: Path) -> None:
    tagged = _tagged_links(guide_in_parts)
    assert tagged == _tagged_links(real_guide)
    assert {kind for kind, _ in tagged.values()} == {"/Link", "/Span"}


def test_guide_in_parts_is_byte_identical_from_one_build_to_the_next(
        tmp_path: Path, guide_in_parts: Path, real_inventory: Inventory,
        edition: Edition) -> None:
    again = tmp_path / "again.pdf"
    build(real_inventory, edition, BuildOptions(output=again,
                                                entries_per_part=PAGE_ALIGNED_PARTS))
    assert _digest(again) == _digest(guide_in_parts)


def test_guide_cut_mid_page_starts_the_next_section_on_a_new_page(
        guide_cut_mid_page: Path, real_guide: Path) -> None:
    assert len(page_texts(guide_cut_mid_page)) == len(page_texts(real_guide)) + 2


def test_page_numbers_of_a_guide_cut_mid_page_point_to_the_right_pages(
        guide_cut_mid_page: Path, real_inventory: Inventory) -> None:
    reader_checks.test_every_printed_initiative_is_named_in_the_pdf(
        guide_cut_mid_page, real_inventory)
    reader_checks.test_contents_page_numbers_point_to_their_chapter_or_section(
        guide_cut_mid_page)
    reader_checks.test_alphabetical_index_points_to_the_page_of_each_entry(
        guide_cut_mid_page, real_inventory)
    reader_checks.test_cross_references_point_to_the_full_entry(guide_cut_mid_page)
    reader_checks.test_every_page_but_the_covers_has_its_number(guide_cut_mid_page)
    reader_checks.test_running_header_names_the_commune_in_force_at_the_top_of_the_page(
        guide_cut_mid_page, real_inventory)
    reader_checks.test_commune_index_pages_name_the_commune_in_force_at_their_top(
        guide_cut_mid_page, real_inventory)


def test_folded_guide_in_parts_is_padded_to_a_multiple_of_four(
        tmp_path: Path, real_inventory: Inventory, edition: Edition) -> None:
    target = tmp_path / "a-plier.pdf"
    result = build(real_inventory, edition, BuildOptions(
        output=target, entries_per_part=60, layout=Layout.of("A5", folded=True)))
    assert result.pages % 4 == 0
    texts = page_texts(target)  # A4 sides, two A5 pages each
    assert len(texts) == result.pages // 2
    assert sum(text.count("Notes") for text in texts) == result.pages - 84


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _links(pdf: Path) -> list[tuple[int, tuple[int, ...], int]]:
    """Return (page, rectangle, target page) of every link, sorted."""
    reader = PdfReader(pdf)
    names = reader.named_destinations
    found = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            target = annotation.get("/Dest")
            if isinstance(target, str):
                where = reader.get_destination_page_number(names[target])
                rect = tuple(round(float(v)) for v in annotation["/Rect"])
                found.append((number, rect, where))
    return sorted(found)


def _tagged_links(pdf: Path) -> dict[tuple[int, tuple[int, ...]], tuple[str, int]]:
    """Return, for each link (page, rectangle), its element's type and marked contents.

    The element is found through the parent tree from the annotation's
    /StructParent, and must point back to the annotation.
    """
    reader = PdfReader(pdf)
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = dict(zip([int(k) for k in nums[::2]], nums[1::2], strict=True))
    found = {}
    for number, page in enumerate(reader.pages):
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            element = parents[annotation["/StructParent"]].get_object()
            kids = [k.get_object() for k in element["/K"]]
            objects = [k.raw_get("/Obj").idnum for k in kids
                       if isinstance(k, dict) and k.get("/Type") == "/OBJR"]
            assert objects == [reference.idnum]
            rect = tuple(round(float(v)) for v in annotation["/Rect"])
            found[(number, rect)] = (element["/S"], sum(isinstance(k, int) for k in kids))
    return found


def test_a_guide_too_long_to_join_with_its_tags_says_so_and_reads_the_same(
        tmp_path: Path, real_guide: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from wicguide.cli import app

    monkeypatch.setattr("wicguide.parts.MAX_TAGGED_PAGES", 80)  # the guide has 84
    target = tmp_path / "guide.pdf"
    result = CliRunner().invoke(app, ["build", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "PDF sans balisage pour lecteur d'écran : au-delà de 80 pages, la mémoire ne "
        "suffirait pas. Les livrets par commune (--commune, --all-communes) sont balisés.")
    catalogue = PdfReader(target).trailer["/Root"]
    assert "/StructTreeRoot" not in catalogue and "/MarkInfo" not in catalogue
    assert catalogue["/Lang"] == "fr"
    assert page_texts(target) == page_texts(real_guide)
    assert _links(target) == _links(real_guide)
    assert outline_pages(target) == outline_pages(real_guide)
