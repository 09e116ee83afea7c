"""The guide built from the real inventory, checked as a reader would check it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pdf_reading import (
    cross_references,
    page_qr_codes,
    page_qr_symbols,
    page_references,
    page_texts,
    squeeze,
)

from wicguide.build import Inventory, report_paths
from wicguide.edition import Edition
from wicguide.grouping import DEPARTEMENT_WIDE
from wicguide.needs import default_taxonomy
from wicguide.records import Outcome


def _contents_pages(texts: tuple[str, ...]) -> list[int]:
    """Return the indexes of the table-of-contents pages."""
    first = next(n for n, text in enumerate(texts) if text.startswith("Sommaire"))
    last = first
    while "Index de A à Z" not in texts[last]:
        last += 1
    return list(range(first, last + 1))


def _alphabetical_index_pages(texts: tuple[str, ...]) -> list[int]:
    first = max(n for n, text in enumerate(texts) if text.startswith("Index de A à Z"))
    return list(range(first, len(texts) - 1))  # the last page is the back cover


def test_every_printed_initiative_is_named_in_the_pdf(real_guide: Path,
                                                       real_inventory: Inventory) -> None:
    text = squeeze("".join(page_texts(real_guide)))
    missing = [i.name for i in real_inventory.initiatives if squeeze(i.name) not in text]
    assert missing == []
    assert len(real_inventory.initiatives) == 122


def test_rows_read_equal_rows_printed_plus_rows_left_out(real_inventory: Inventory) -> None:
    summary = real_inventory.summary
    assert summary.rows_read == 125
    assert summary.rows_read == summary.printed + summary.left_out
    assert (summary.printed, summary.left_out, summary.unpublished) == (122, 3, 2)


def test_every_qr_code_decodes_to_the_url_of_its_initiative(
        real_guide: Path, real_inventory: Inventory, edition: Edition) -> None:
    expected = Counter(
        url for i in real_inventory.initiatives
        if (url := edition.qr_url(i.listing_url, i.id, i.website)))
    pages = page_qr_codes(real_guide)
    decoded = Counter(url for page in pages for url in page)
    assert decoded == expected
    assert sum(expected.values()) > 30
    # Each code stands on the page of the entry it belongs to.
    texts = page_texts(real_guide)
    names_by_url: dict[str, list[str]] = {}
    for i in real_inventory.initiatives:
        names_by_url.setdefault(edition.qr_url(i.listing_url, i.id, i.website), []).append(
            squeeze(i.name))
    for number, urls in enumerate(pages):
        for url in urls:
            page = squeeze(texts[number])
            assert any(name in page for name in names_by_url[url]), (number + 1, url)


def test_contents_page_numbers_point_to_their_chapter_or_section(real_guide: Path) -> None:
    texts = page_texts(real_guide)
    references = [ref for n in _contents_pages(texts) for ref in page_references(texts[n])]
    assert len(references) > 40
    for label, page in references:
        assert squeeze(label) in squeeze(texts[page - 1]), (label, page)
    chapters = [(label, page) for label, page in references if label == "Se nourrir"]
    assert chapters and texts[chapters[0][1] - 1].count("Se nourrir") >= 1


def test_alphabetical_index_points_to_the_page_of_each_entry(
        real_guide: Path, real_inventory: Inventory) -> None:
    texts = page_texts(real_guide)
    references = [ref for n in _alphabetical_index_pages(texts)
                  for ref in page_references(texts[n])]
    names = {squeeze(i.name) for i in real_inventory.initiatives}
    listed = [(label, page) for label, page in references if squeeze(label) in names]
    # Long names wrap over two lines; those are checked by their last line below.
    assert len(listed) >= 100
    for label, page in listed:
        assert squeeze(label) in squeeze(texts[page - 1]), (label, page)


def test_cross_references_point_to_the_full_entry(real_guide: Path) -> None:
    texts = page_texts(real_guide)
    references = cross_references(texts)
    for name, page in references:
        assert squeeze(name) in squeeze(texts[page - 1]), (name, page)
    assert len(references) > 20


def test_report_lists_exactly_the_rows_left_out(real_guide: Path) -> None:
    report = json.loads(report_paths(real_guide)[0].read_text(encoding="utf-8"))
    left_out = {(row["row"], row["outcome"]) for row in report["rows"]
                if row["outcome"] != Outcome.PRINTED.name.lower()}
    assert left_out == {(31, "unpublished"), (46, "unpublished"), (127, "left_out")}
    assert len(report["rows"]) == 125
    assert report["summary"]["rows_read"] == 125
    html = report_paths(real_guide)[1].read_text(encoding="utf-8")
    assert "Debout (magazine et association)" in html
    assert "aucun besoin indiqué" in html


def test_pdf_metadata_title_language_and_bookmarks(real_guide: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(real_guide)
    assert reader.metadata.title == "Guide des initiatives collaboratives"
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top[:3] == ["Guide des initiatives collaboratives", "Comment utiliser ce guide",
                       "Sommaire"] or "Se nourrir" in top
    assert {"Se nourrir", "S'équiper", "Index de A à Z"} <= set(top)


def test_every_page_but_the_covers_has_its_number(real_guide: Path) -> None:
    texts = page_texts(real_guide)
    for number, text in enumerate(texts[1:-1], start=2):
        assert str(number) in text.split(), number
    assert str(len(texts)) not in texts[-1].split()


def test_qr_codes_are_level_m_and_at_least_18_mm_wide(real_guide: Path) -> None:
    pages = page_qr_codes(real_guide)
    page = next(n for n, codes in enumerate(pages) if codes)
    symbols = page_qr_symbols(real_guide, page)
    assert symbols
    for text, level, width_mm in symbols:
        assert level == "M", text
        assert width_mm >= 18, (text, width_mm)


def test_short_url_is_printed_under_each_code(real_guide: Path) -> None:
    texts = page_texts(real_guide)
    for number, urls in enumerate(page_qr_codes(real_guide)):
        for url in urls:
            short = url.split("://", 1)[1].removeprefix("www.").rstrip("/")
            assert squeeze(short) in squeeze(texts[number]), (number + 1, short)


def test_running_header_names_the_commune_in_force_at_the_top_of_the_page(
        real_guide: Path, real_inventory: Inventory) -> None:
    texts = page_texts(real_guide)
    sections = {c.name for i in real_inventory.initiatives for c in i.communes}
    sections.add(DEPARTEMENT_WIDE)
    needs = {n.label for n in default_taxonomy().needs}
    first = next(n for n, t in enumerate(texts) if t.splitlines()[0].strip() in needs)
    index = next(n for n, t in enumerate(texts) if t.startswith("Index par commune"))
    current, checked = "", 0
    for text in texts[first:index]:
        lines = [line.strip() for line in text.splitlines()]
        header, content = lines[-2], [line for line in lines[:-2] if line in sections]
        opens_chapter = lines[0] in needs
        starts_section = bool(content) and lines[0] == content[0]
        if not opens_chapter:
            expected = content[0] if starts_section else current
            assert header.endswith(" " + expected), (header, expected)
            checked += 1
        current = content[-1] if content else current
    assert checked > 40


def test_commune_index_pages_name_the_commune_in_force_at_their_top(
        real_guide: Path, real_inventory: Inventory) -> None:
    texts = page_texts(real_guide)
    communes = {c.name for i in real_inventory.initiatives for c in i.communes}
    first = next(n for n, t in enumerate(texts) if t.startswith("Index par commune"))
    last = next(n for n, t in enumerate(texts) if t.startswith("Index de A à Z"))
    current, checked = "", 0
    for text in texts[first:last + 1]:
        lines = [line.strip() for line in text.splitlines()]
        header, headings = lines[-2], [line for line in lines[:-2] if line in communes]
        if text is texts[first] or text is texts[last]:
            assert header == "Index", header  # a title opens the page: no commune yet
        else:
            expected = headings[0] if headings and lines[0] == headings[0] else current
            assert header == f"Index {expected}", (header, expected)
            checked += 1
        current = headings[-1] if headings else current
    assert checked >= 4
