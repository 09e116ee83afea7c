"""Thumb tabs on the page edge, and the tagged (accessible) PDF, on the guide and a booklet."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_reading import outline_pages, page_image

from wicguide.needs import default_taxonomy

DPI = 50
MM = DPI / 25.4


def _tab_band(pdf: Path, page: int) -> int | None:
    """Return which height band holds a tab on the outer edge of `page`, if any."""
    image = page_image(pdf, page - 1, DPI).convert("L")  # as printed in grey
    x = image.width - round(2 * MM) if page % 2 else round(2 * MM)
    needs = len(default_taxonomy().needs)
    band = (image.height / MM - 40) / needs
    dark = [n for n in range(needs)
            if image.getpixel((x, round((20 + (n + 0.5) * band) * MM))) < 200]
    assert len(dark) <= 1, (page, dark)
    return dark[0] if dark else None


@pytest.mark.parametrize("which", ["real_guide", "nanterre_booklet"])
def test_each_chapter_has_its_tab_at_its_own_height(which: str,
                                                    request: pytest.FixtureRequest) -> None:
    pdf = request.getfixturevalue(which)
    pages = outline_pages(pdf)
    chapters = [(pages[n.label], n) for n in default_taxonomy().needs if n.label in pages]
    ends = [first for first, _ in chapters[1:]] + [pages["Index par commune"]]
    for (first, need), end in zip(chapters, ends, strict=True):
        bands = {page: _tab_band(pdf, page) for page in range(first, min(end, first + 3))}
        assert set(bands.values()) == {need.order}, (need.label, bands)
    assert len(chapters) >= 6
    assert _tab_band(pdf, pages["Index de A à Z"]) is None
    assert _tab_band(pdf, 2) is None


@pytest.mark.parametrize("which", ["real_guide", "nanterre_booklet"])
def test_pdf_is_tagged_with_title_and_language(which: str,
                                               request: pytest.FixtureRequest) -> None:
    from pypdf import PdfReader

    reader = PdfReader(request.getfixturevalue(which))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True  # a pypdf BooleanObject
    assert root["/Lang"] == "fr"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title.endswith("Guide des initiatives collaboratives")
    kinds = _structure_kinds(root["/StructTreeRoot"])
    assert kinds[0] == "/Document"
    # Headings in reading order: the cover title, then the chapters.
    assert {"/H1", "/H2", "/H3", "/Art", "/Figure", "/L", "/Link"} <= set(kinds)


def _structure_kinds(tree) -> list[str]:  # type: ignore[no-untyped-def]
    kinds = []
    stack = [tree.get_object()["/K"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict) and "/S" in node:
            kinds.append(str(node["/S"]))
            if "/K" in node:
                stack.append(node["/K"])
    return kinds


def test_qr_codes_and_pictograms_have_alternative_text(real_guide: Path) -> None:
    from pypdf import PdfReader

    root = PdfReader(real_guide).trailer["/Root"]
    figures = []
    stack = [root["/StructTreeRoot"].get_object()["/K"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict) and "/S" in node:
            if node["/S"] == "/Figure":
                figures.append(str(node.get("/Alt", "")))
            if "/K" in node:
                stack.append(node["/K"])
    assert figures and all(figures), figures
    assert "Code QR : amapguignons.wordpress.com" in figures
    assert "Se nourrir" in figures
