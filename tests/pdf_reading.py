"""Reading PDFs the way a user does: the text of each page, the QR codes on it.

Test helpers only: text comes from pypdfium2, QR codes are decoded by zxing-cpp
from the page rasterised at print-like resolution.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp


@cache
def page_texts(pdf: Path) -> tuple[str, ...]:
    """Return the text of every page, in order."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        return tuple(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@cache
def page_qr_codes(pdf: Path, dpi: int = 200) -> tuple[tuple[str, ...], ...]:
    """Return the decoded text of every QR code on every page, in order."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        pages = []
        for page in document:
            image = page.render(scale=dpi / 72).to_pil()
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            pages.append(tuple(sorted(code.text for code in found)))
        return tuple(pages)
    finally:
        document.close()


def squeeze(text: str) -> str:
    """Drop all white space, so that text wrapped over lines still matches."""
    # pdfium reports a hyphen that ends a line as U+FFFE.
    return re.sub(r"\s+", "", text.replace("\u00ad", "").replace("\ufffe", "-"))


def comparable(text: str) -> str:
    """Return `text` squeezed, without what PDF text extraction cannot give back as typed.

    Right-to-left scripts come out of the PDF in visual order, and variation
    selectors (the invisible mark after an emoji) are not extracted; both are
    dropped, as are control characters, on both sides of a comparison.
    """
    kept = (c for c in squeeze(text) if unicodedata.bidirectional(c) not in ("R", "AL", "AN")
            and unicodedata.category(c) not in ("Cc", "Mn", "Cf"))
    return "".join(kept)


def printed_in(text: str, pdf_text: str) -> bool:
    """True when `text` can be read in `pdf_text` (the text of a whole PDF).

    A line that mixes a right-to-left script with Latin words comes out of the
    PDF in visual order, words reversed: there each Latin word is looked for.
    """
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return all(comparable(word) in comparable(pdf_text) for word in text.split())
    return comparable(text) in comparable(pdf_text)


def page_references(text: str) -> list[tuple[str, int]]:
    """Return (label, page) for each line ending in dot leaders and a number."""
    found = []
    for line in text.splitlines():
        match = re.match(r"^(.*?)[\s.]*\.\s*(\d+)\s*$", line.strip())
        if match and match[1].strip():
            found.append((match[1].strip(), int(match[2])))
    return found


def cross_references(texts: tuple[str, ...]) -> list[tuple[str, int]]:
    """Return (name, page) for each « NAME : voir p. N » line (no-break spaces as spaces)."""
    found = []
    for text in texts:
        for line in text.splitlines():
            line = " ".join(line.split())
            if " : voir p. " in line:
                name, page = line.rsplit(" : voir p. ", 1)
                found.append((name, int(page)))
    return found


def page_qr_symbols(pdf: Path, page: int, dpi: int = 200) -> list[tuple[str, str, float]]:
    """Return (text, error correction level, width in mm with quiet zone) per code."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[page].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    symbols = []
    for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        modules = 17 + 4 * int(code.extra["Version"])
        width_px = code.position.top_right.x - code.position.top_left.x
        with_quiet_zone = width_px * (modules + 8) / modules
        symbols.append((code.text, code.ec_level, with_quiet_zone / dpi * 25.4))
    return symbols


def page_image(pdf: Path, index: int, dpi: int = 50):  # type: ignore[no-untyped-def]
    """Return page `index` (0-based) rasterised as an RGB PIL image."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        return document[index].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


def outline_pages(pdf: Path) -> dict[str, int]:
    """Return the 1-based page number of each top-level bookmark, by title."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    return {item.title: reader.get_destination_page_number(item) + 1
            for item in reader.outline if not isinstance(item, list)}
