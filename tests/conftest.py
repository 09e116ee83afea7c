"""Shared fixtures: the real inventory built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from wicguide.build import BuildOptions, Inventory, build, load
from wicguide.edition import Edition, load_edition

ROOT = Path(__file__).resolve().parent.parent
REAL_INVENTORY = ROOT / "data" / "initiatives.xlsx"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def edition() -> Edition:
    return load_edition(ROOT / "wicguide.toml")


@pytest.fixture(scope="session")
def real_inventory() -> Inventory:
    return load(REAL_INVENTORY)


@pytest.fixture(scope="session")
def real_guide(tmp_path_factory: pytest.TempPathFactory, real_inventory: Inventory,
               edition: Edition) -> Path:
    """Build the guide of the real inventory once; return the PDF path."""
    target = tmp_path_factory.mktemp("real") / "guide.pdf"
    build(real_inventory, edition, BuildOptions(output=target))
    return target


@pytest.fixture(scope="session")
def nanterre_booklet(tmp_path_factory: pytest.TempPathFactory, real_inventory: Inventory,
                     edition: Edition) -> Path:
    """Build the booklet of Nanterre from the real inventory once; return the PDF path."""
    from wicguide.booklets import booklet_options
    from wicguide.rendering import Layout
    from wicguide.selection import select

    target = tmp_path_factory.mktemp("nanterre") / "nanterre.pdf"
    build(real_inventory, edition, booklet_options(select(["Nanterre"]), edition, Layout(),
                                                   target))
    return target
