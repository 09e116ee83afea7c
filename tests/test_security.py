"""Hostile cells and hostile markup: nothing from the machine gets into the guide.

A cell is printed as text, never as markup; the renderer may read only the
package's own files and fonts and stops on anything else; the CLI turns that
stop (a BaseException in WeasyPrint) into one line and exit code 1; tracebacks
asked for with --debug show no local values.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zlib
from pathlib import Path

import openpyxl
import pytest
from make_trap_files import DATA, HEADER, row
from pdf_reading import page_texts, squeeze
from typer.testing import CliRunner

from wicguide.cli import app
from wicguide.rendering import ASSETS_DIR, render_document

SECRET = "SECRET-7f3a9c-contenu-du-fichier-local"


def _pdf_streams(pdf: Path) -> bytes:
    """Return every stream of `pdf`, inflated when compressed, end to end."""
    raw = pdf.read_bytes()
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", raw, re.DOTALL):
        try:
            streams.append(zlib.decompress(match[1]))
        except zlib.error:
            streams.append(match[1])
    return raw + b"".join(streams)


def test_cells_pointing_at_a_local_file_cannot_print_its_content(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    image = tmp_path / "secret.png"
    image.write_bytes((ASSETS_DIR / "pictograms" / "s-equiper.svg").read_bytes())
    url = secret.as_uri()
    hostile = [
        row("WIC-0001", f'<img src="{url}"> Atelier', website=url,
            description=f'<object data="{url}"></object><iframe src="{url}"></iframe>'),
        row("WIC-0002", f'<link rel="stylesheet" href="{url}">Vélo',
            description=f'<style>@import url("{url}"); body {{ background: url("{image.as_uri()}") }}'
                        f'</style><p style="background: url({url})">x</p>',
            hours=f'<svg><image href="{url}"/></svg>'),
    ]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Initiatives"
    for values in (HEADER, *hostile):
        sheet.append(list(values))
    inventory = tmp_path / "cells_pointing_at_local_files.xlsx"
    workbook.save(inventory)
    target = tmp_path / "out" / "guide.pdf"

    result = CliRunner().invoke(app, ["build", str(inventory), "--output", str(target)])

    assert result.exit_code == 0, result.output
    text = squeeze("".join(page_texts(target)))
    assert squeeze(f'<img src="{url}"> Atelier') in text  # printed as written, as text
    assert squeeze(f'<link rel="stylesheet" href="{url}">Vélo') in text
    assert SECRET.encode() not in _pdf_streams(target)
    report = target.with_suffix(".report.html").read_text(encoding="utf-8")
    assert SECRET not in report
    # The staff report lists the refused website; its cell text is escaped there too.
    assert f"&lt;img src=&#34;{url}&#34;&gt; Atelier" in report
    assert "<img src" not in report


def test_templates_escape_cells_and_refuse_undefined_names() -> None:
    import jinja2

    from wicguide.rendering import template_environment

    environment = template_environment()
    assert environment.undefined is jinja2.StrictUndefined
    assert environment.from_string("{{ cell }}").render(cell="<b>&") == "&lt;b&gt;&amp;"


HOSTILE_MARKUP = {
    "image": '<img src="file:///etc/passwd">',
    "style sheet": '<link rel="stylesheet" href="file:///etc/passwd">',
    "css import": '<style>@import url("file:///etc/hostname");</style>',
    "css background": '<p style="background: url(file:///etc/hostname)">x</p>',
    "font": '<style>@font-face { font-family: X; src: url(file:///etc/passwd) }'
            ' p { font-family: X }</style><p>x</p>',
    "path out of the assets": f'<img src="{ASSETS_DIR.as_uri()}/../../../../etc/passwd">',
    "file on another host": '<img src="file://example.org/etc/passwd">',
    "network": '<img src="http://127.0.0.1:9/x.png">',
    "data that is not an image": '<link rel="stylesheet" href="data:text/css,p{color:red}">',
}


@pytest.mark.parametrize("markup", HOSTILE_MARKUP.values(), ids=list(HOSTILE_MARKUP))
def test_the_renderer_stops_on_any_resource_but_its_own(markup: str) -> None:
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError, match="ressource refusée"):
        render_document(f"<html><body>{markup}</body></html>")


def test_the_renderer_reads_its_own_pictograms() -> None:
    svg = (ASSETS_DIR / "pictograms" / "s-equiper.svg").as_uri()
    document = render_document(f'<html><body><img src="{svg}"></body></html>')
    assert len(document.pages) == 1


def test_a_refused_resource_is_one_line_and_exit_1() -> None:
    """WeasyPrint's FatalURLFetchingError is a BaseException: the CLI still catches it."""
    import typer
    from weasyprint.urls import FatalURLFetchingError

    from wicguide.cli import _errors_as_lines

    assert not issubclass(FatalURLFetchingError, Exception)
    runner_app = typer.Typer()

    @runner_app.command()
    def render() -> None:
        with _errors_as_lines(debug=False):
            render_document('<img src="file:///etc/passwd">')

    result = CliRunner().invoke(runner_app, [])
    assert (result.exit_code, result.stderr) == (1, (
        "Erreur : rendu arrêté : ressource refusée : file:///etc/passwd. Une ressource non "
        "autorisée a été demandée ; signalez-le aux développeurs.\n"))


def test_debug_tracebacks_show_no_local_values(tmp_path: Path) -> None:
    inventory = DATA / "duplicate_header_columns.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "wicguide", "build", str(inventory), "--debug",
         "--output", str(tmp_path / "guide.pdf")],
        capture_output=True, text=True, check=False, env={"COLUMNS": "200", "PATH": ""})
    assert result.returncode == 1
    assert "Traceback" in result.stderr
    assert "'Identifiant'" not in result.stderr  # a header text held in a local variable
    assert "locals" not in result.stderr.lower()


def test_xml_attacks_are_refused_by_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
