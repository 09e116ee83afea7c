"""Each page declares the faces its characters need: Atkinson always, a Noto
fallback only for a character Atkinson lacks, and nothing a cell writes can
stand in for the font rules."""

from __future__ import annotations

import re
from pathlib import Path

from inventory_files import row, write_inventory
from pdf_reading import page_texts
from pypdf import PdfReader
from typer.testing import CliRunner

from wicguide.cli import app
from wicguide.fonts import FACES_MARK, STACK_MARK, undrawable, with_fonts

RUNNER = CliRunner()


def _declared(html: str) -> list[str]:
    return re.findall(r'@font-face \{ font-family: "([^"]+)"', with_fonts(html))


def _pdf_fonts(pdf: Path) -> set[str]:
    fonts = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[1])
    return fonts


def test_latin_page_declares_atkinson_only() -> None:
    html = (f"<style>{FACES_MARK} p {{ font-family: {STACK_MARK} }}</style>"
            "<p>Épicerie « solidaire » – 3 €</p>")
    assert _declared(html) == ["Atkinson", "Atkinson"]
    assert 'font-family: "Atkinson" }' in with_fonts(html)


def test_arabic_and_emoji_bring_their_fallbacks_in_stack_order() -> None:
    html = (f"<style>{FACES_MARK} p {{ font-family: {STACK_MARK} }}</style>"
            "<p>مرحبا 🔧 Ελληνικά</p>")
    assert _declared(html) == ["Atkinson", "Atkinson", "Noto Sans", "Noto Emoji",
                               "Noto Sans Arabic"]
    assert 'font-family: "Atkinson", "Noto Sans", "Noto Emoji", "Noto Sans Arabic" }' in (
        with_fonts(html))


def test_character_no_face_has_is_still_reported() -> None:
    assert undrawable("Cantine 食堂 solidaire") == ["食", "堂"]


def test_hand_out_in_latin_embeds_atkinson_only(tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path / "latin.xlsx", [row(1)])
    target = tmp_path / "feuille.pdf"
    result = RUNNER.invoke(app, ["sheet", "WIC-0001", "--inventory", str(inventory),
                                 "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert _pdf_fonts(target) <= {"Atkinson", "Atkinson-Bold"}


def test_cell_holding_the_font_markers_is_printed_as_written(tmp_path: Path) -> None:
    text = f"Atelier {FACES_MARK} et {STACK_MARK}"
    inventory = write_inventory(tmp_path / "markers.xlsx", [row(1, {"Description": text})])
    target = tmp_path / "guide.pdf"
    result = RUNNER.invoke(app, ["build", str(inventory), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert text in "".join(page_texts(target)).replace("\n", " ")
