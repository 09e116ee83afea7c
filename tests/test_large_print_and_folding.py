"""Large print (`--large-print`) and folded booklets (`--booklet`), read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_guide_real as reader_checks
from conftest import TEST_DATA
from pdf_reading import page_qr_codes, page_references, page_texts, squeeze
from typer.testing import CliRunner

from wicguide.build import BuildOptions, Inventory, build
from wicguide.cli import app
from wicguide.edition import Edition
from wicguide.imposition import notes_padding, saddle_stitch_order
from wicguide.rendering import Layout

SMALL = TEST_DATA / "nanterre_colombes_and_online.xlsx"
MM = 72 / 25.4


def _build(target: Path, *options: str) -> str:
    result = CliRunner().invoke(app, ["build", str(SMALL), "-o", str(target), *options])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def booklets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Colombes booklet (11 A5 pages) plain, in large print and folded."""
    folder = tmp_path_factory.mktemp("variants")
    paths = {name: folder / f"{name}.pdf" for name in ("plain", "large", "folded")}
    _build(paths["plain"], "--commune", "Colombes")
    _build(paths["large"], "--commune", "Colombes", "--large-print")
    _build(paths["folded"], "--commune", "Colombes", "--booklet")
    return paths


def test_large_print_is_a4_with_no_text_under_16_points(booklets: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(booklets["large"]) as pdf:
        assert {(round(p.width / MM), round(p.height / MM)) for p in pdf.pages} == {(210, 297)}
        sizes = {round(char["size"], 1) for page in pdf.pages for char in page.chars}
    assert min(sizes) >= 16
    assert 17 in sizes


def test_large_print_loses_nothing(booklets: dict[str, Path]) -> None:
    plain = page_texts(booklets["plain"])
    large = page_texts(booklets["large"])
    # Same words, in the same order; only the page numbers and line breaks differ.
    def words(texts: tuple[str, ...]) -> list[str]:
        return [w for w in squeeze(" ".join(texts).replace(".", "")).split() if not w.isdigit()]
    assert _names(plain) == _names(large)
    assert sorted(url for page in page_qr_codes(booklets["large"]) for url in page) == sorted(
        url for page in page_qr_codes(booklets["plain"]) for url in page)
    assert len(words(large)) == len(words(plain))


def _names(texts: tuple[str, ...]) -> list[str]:
    text = squeeze("".join(texts))
    names = ["UNRPA de Colombes", "Recyclab (R-Urban)", "Sharevoisins",
             "La Machine du Voisin", "Plantez chez nous", "Prêter son jardin",
             "TUMCLASST - laverie, bouquiniste et salon de thé solidaire"]
    return [name for name in names if squeeze(name) in text]


def test_large_print_contents_point_to_the_right_pages(booklets: dict[str, Path]) -> None:
    texts = page_texts(booklets["large"])
    contents = next(n for n, text in enumerate(texts) if text.startswith("Sommaire"))
    references = page_references(texts[contents]) + page_references(texts[contents + 1])
    assert len(references) >= 6
    for label, page in references:
        assert squeeze(label) in squeeze(texts[page - 1]), (label, page)


@pytest.mark.parametrize(("pages", "sides"), [
    (4, [(4, 1), (2, 3)]),
    (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
])
def test_saddle_stitch_order(pages: int, sides: list[tuple[int, int]]) -> None:
    assert saddle_stitch_order(pages) == sides


def test_notes_padding_reaches_a_multiple_of_four() -> None:
    assert [notes_padding(n) for n in (8, 9, 10, 11, 12)] == [0, 3, 2, 1, 0]


def _side_numbers(pdf: Path) -> list[tuple[str, str]]:
    """Return the page number printed at the foot of each half of each A4 side."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        found = []
        for page in document:
            width, _ = page.get_size()
            text = page.get_textpage()
            halves = [text.get_text_bounded(0, 0, width / 2, 15 * MM),
                      text.get_text_bounded(width / 2, 0, width, 15 * MM)]
            found.append(tuple((h.split() or [""])[-1] for h in halves))
        return found  # type: ignore[return-value]
    finally:
        document.close()


def test_folded_booklet_sides_hold_pages_in_saddle_stitch_order(
        booklets: dict[str, Path]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(booklets["folded"])
    assert [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM))
            for p in reader.pages] == [(297, 210)] * 6
    def folio(page: int) -> str:  # the front and back covers have no number
        return "" if page in (1, 12) else str(page)

    expected = [(folio(left), folio(right)) for left, right in saddle_stitch_order(12)]
    assert _side_numbers(booklets["folded"]) == expected


def test_folded_booklet_is_padded_with_a_notes_page_before_the_back_cover(
        booklets: dict[str, Path]) -> None:
    texts = page_texts(booklets["folded"])
    # Side 2 carries pages 2 and 11: page 11 is the notes page, page 12 the back cover.
    assert "Notes" in texts[1] and "Comment utiliser ce guide" in texts[1]
    assert "Colombes" in texts[0] and "Édition de décembre 2026" in texts[0]
    plain = page_texts(booklets["plain"])
    assert len(plain) == 11 and not any("\nNotes" in text for text in plain)


def test_folded_booklet_keeps_title_and_language(booklets: dict[str, Path]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(booklets["folded"])
    assert reader.metadata.title == "Colombes – Guide des initiatives collaboratives"
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def test_folded_booklet_qr_codes_still_decode(booklets: dict[str, Path]) -> None:
    folded = sorted(url for page in page_qr_codes(booklets["folded"]) for url in page)
    plain = sorted(url for page in page_qr_codes(booklets["plain"]) for url in page)
    assert folded == plain and len(plain) >= 2


def test_booklet_and_large_print_together_are_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(SMALL), "--booklet", "--large-print",
                                      "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert result.output == (
        "Erreur : --booklet plie des pages A5 sur des feuilles A4 ; les gros caractères "
        "sont en A4 : retirez --booklet ou --large-print.\n")
    assert not (tmp_path / "x.pdf").exists()


def test_large_print_guide_page_numbers_point_to_the_right_pages(
        tmp_path: Path, real_inventory: Inventory, edition: Edition) -> None:
    """A heading pushed to the next page must not leave the contents a page off.

    In large print, the « Sceaux » section of S'équiper starts page 71, its
    heading having moved there from the foot of page 70: WeasyPrint's own
    target-counter() said 70.
    """
    target = tmp_path / "guide-gros-caracteres.pdf"
    build(real_inventory, edition,
          BuildOptions(output=target, layout=Layout.of("A5", large_print=True)))
    reader_checks.test_contents_page_numbers_point_to_their_chapter_or_section(target)
    reader_checks.test_alphabetical_index_points_to_the_page_of_each_entry(target, real_inventory)
    reader_checks.test_cross_references_point_to_the_full_entry(target)
    contents = "".join(page_texts(target)[:8])
    assert [n for label, n in page_references(contents) if label == "Sceaux"] == [
        39, 56, 64, 71, 83]
