"""What an edition prints: the date on the cover and in every footer, the publisher's
contact on the back cover, tracked QR codes; and the same PDF byte for byte."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_reading import page_qr_codes, page_texts, squeeze
from samples import real_rows, write_inventory

from wicguide.inventory import Column

ROOT = Path(__file__).resolve().parent.parent

WINTER_EDITION = """\
[edition]
title = "Guide des initiatives collaboratives"
name = "Édition d'hiver"
date = 2026-12-01
listing_base_url = "https://wic.hauts-de-seine.fr/initiatives"

[edition.tracking]
utm_source = "guide-papier"

[publisher]
name = "Département des Hauts-de-Seine"
lines = ["Direction de la solidarité"]
phone = "0141371000"
email = "guide@hauts-de-seine.fr"
website = "https://www.hauts-de-seine.fr/solidarite/"
"""


def _build(inventory: Path, settings: Path, target: Path, seed: str) -> None:
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "wicguide", "build", str(inventory), "--output", str(target),
         "--edition", str(settings), "--quiet"],
        capture_output=True, text=True, env=environment, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def winter_guides(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same six rows built twice, in two processes with different hash seeds."""
    folder = tmp_path_factory.mktemp("winter")
    rows = real_rows()[:6]
    rows[0][Column.LISTING] = "https://exemple.fr/fiche?id=1"
    inventory = write_inventory(folder / "six_rows.xlsx", rows)
    settings = folder / "hiver.toml"
    settings.write_text(WINTER_EDITION, encoding="utf-8")
    first, second = folder / "un" / "guide.pdf", folder / "deux" / "guide.pdf"
    _build(inventory, settings, first, "1")
    _build(inventory, settings, second, "2")
    return first, second


def test_same_inventory_and_settings_give_the_same_pdf(winter_guides: tuple[Path, Path]) -> None:
    first, second = (hashlib.sha256(p.read_bytes()).hexdigest() for p in winter_guides)
    assert first == second


def test_pdf_dates_come_from_the_edition(winter_guides: tuple[Path, Path]) -> None:
    from pypdf import PdfReader

    metadata = PdfReader(winter_guides[0]).metadata
    assert metadata["/CreationDate"] == metadata["/ModDate"] == "D:20261201000000Z"


def test_cover_and_every_footer_print_the_edition_in_french(
        winter_guides: tuple[Path, Path]) -> None:
    texts = page_texts(winter_guides[0])
    assert "Édition d'hiver · décembre 2026" in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert "Édition d'hiver · décembre 2026" in text, number


def test_back_cover_prints_the_publisher_contact(winter_guides: tuple[Path, Path]) -> None:
    back = page_texts(winter_guides[0])[-1]
    for line in ("Département des Hauts-de-Seine", "Direction de la solidarité",
                 "Téléphone : 01 41 37 10 00", "Courriel : guide@hauts-de-seine.fr",
                 "Site : hauts-de-seine.fr/solidarite"):
        assert line in back, line


def test_qr_codes_carry_tracking_but_print_the_plain_address(
        winter_guides: tuple[Path, Path]) -> None:
    decoded = sorted(url for page in page_qr_codes(winter_guides[0]) for url in page)
    ids = [row[Column.ID] for row in real_rows()[1:6]]
    assert decoded == sorted(
        ["https://exemple.fr/fiche?id=1&utm_source=guide-papier"]
        + [f"https://wic.hauts-de-seine.fr/initiatives/{i}?utm_source=guide-papier"
           for i in ids])
    text = squeeze("".join(page_texts(winter_guides[0])))
    assert "exemple.fr/fiche?id=1" in text and "utm_source" not in text
