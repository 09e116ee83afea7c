"""Property: whatever staff type in any column, every row is accounted for.

Hypothesis writes small inventories whose cells hold arbitrary text, numbers,
dates, booleans or nothing (with valid needs and communes often enough that
rows get printed), then checks that reading and validation either stop with
one clear line or give every row read exactly one outcome; that a row left out
says why; that every printed name is in the guide as it was written (cleaned
as docs/inventory.md says, never cut or altered otherwise). Most examples stop
at the HTML; a few go all the way to the PDF.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from pdf_reading import page_texts, printed_in

from wicguide.edition import Edition
from wicguide.errors import InventoryError
from wicguide.fonts import undrawable
from wicguide.grouping import group
from wicguide.inventory import Column
from wicguide.records import Outcome, Severity
from wicguide.rendering import render_document, render_html
from wicguide.text import cell_text, clean
from wicguide.validation import Vocabulary, validate
from wicguide.workbook import read_inventory

COLUMNS = tuple(Column)

latin_texts = st.text(st.characters(codec="latin-1", exclude_categories=("Cc", "Cs")),
                      min_size=1, max_size=30)
texts = st.one_of(latin_texts, st.text(max_size=40)).map(
    lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
cells = st.one_of(
    st.none(), texts, st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(date(1900, 3, 1), date(2100, 1, 1)),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)).map(
        lambda d: d.replace(microsecond=0)),
    st.times().map(lambda t: t.replace(microsecond=0)), st.booleans(),
)
VALID = {
    Column.NEEDS: ["Se nourrir", "S'équiper ; Se divertir", "se financer"],
    Column.COMMUNE: ["Nanterre", "Asnières", "st cloud", None],
    Column.PUBLISH: ["Oui", None],
    Column.NAME: ["Repair café", "Épicerie « Le Panier »"],
    Column.DESCRIPTION: ["Des bénévoles réparent.", "Aide alimentaire\nle mardi."],
}


def column_cells(column: Column) -> st.SearchStrategy[object]:
    valid = VALID.get(column)
    if not valid:
        return cells
    return st.one_of(st.sampled_from(valid), st.sampled_from(valid), cells)


rows = st.lists(st.fixed_dictionaries({c: column_cells(c) for c in COLUMNS}),
                min_size=1, max_size=4)


def write(rows: list[dict[Column, object]], folder: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Initiatives"
    sheet.append([c.header for c in COLUMNS])
    for values in rows:
        sheet.append([values[c] for c in COLUMNS])
    path = folder / "arbitrary_cells.xlsx"
    workbook.save(path)
    return path


def check(rows: list[dict[Column, object]], folder: Path, edition: Edition):  # type: ignore[no-untyped-def]
    """Read, validate, group and render; return (printed initiatives, HTML) or None."""
    try:
        sheet = read_inventory(write(rows, folder))
    except InventoryError as error:
        assert "\n" not in str(error) and str(error).startswith("arbitrary_cells.xlsx")
        return None
    outcomes = validate(sheet, Vocabulary())
    assert [o.location for o in outcomes] == [r.location for r in sheet.rows]
    for outcome in outcomes:
        assert all("\n" not in p.line() for p in outcome.problems)
        if outcome.outcome is Outcome.LEFT_OUT:
            assert any(p.severity is Severity.ERROR for p in outcome.problems)
        assert (outcome.initiative is not None) == (outcome.outcome is Outcome.PRINTED)
    printed = [o.initiative for o in outcomes if o.initiative is not None]
    for initiative in printed:
        raw = next(r for r in sheet.rows if r.location == initiative.location)
        assert initiative.name == clean(cell_text(raw.values[Column.NAME]))
        assert undrawable(initiative.name + initiative.description) == []
    page = render_html(group(printed, Vocabulary().needs), edition)
    for initiative in printed:
        assert str(escape(initiative.name)) in page
        assert str(escape(initiative.description)) in page
    return printed, page


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows)
def test_every_row_is_printed_or_reported_whatever_the_cells(
        rows: list[dict[Column, object]], edition: Edition) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check(rows, Path(folder), edition)


# Text extraction gives back what was drawn for alphabets; a combining vowel of an
# abugida with no consonant before it (arbitrary text does that) is drawn on a dotted
# circle and extracted differently, so the PDF check keeps to alphabets and symbols.
printable_texts = st.text(st.one_of(
    st.characters(codec="latin-1", exclude_categories=("Cc", "Cs")),
    st.characters(min_codepoint=0x370, max_codepoint=0x4FF, categories=("Lu", "Ll")),
    st.sampled_from("€→✂☕♻🔧œŒ’«»–—…")), min_size=1, max_size=30)


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.tuples(printable_texts, printable_texts), min_size=1, max_size=3))
def test_printed_text_is_in_the_pdf_as_written(texts: list[tuple[str, str]],
                                               edition: Edition) -> None:
    rows = [{**dict.fromkeys(COLUMNS), Column.ID: f"WIC-{n:04d}", Column.NAME: name,
             Column.DESCRIPTION: description, Column.NEEDS: "Se nourrir"}
            for n, (name, description) in enumerate(texts, start=1)]
    with tempfile.TemporaryDirectory() as folder:
        checked = check(rows, Path(folder), edition)
        if not checked or not checked[0]:
            return
        printed, page = checked
        pdf = Path(folder) / "guide.pdf"
        pdf.write_bytes(render_document(page).write_pdf())
        text = "".join(page_texts(pdf))
        written = [t for i in printed for t in (i.name, i.description)]
        assert [t for t in written if not printed_in(t, text)] == []


def test_a_time_cell_is_read_as_hours() -> None:
    assert cell_text(time(10, 30)) == "10:30"
