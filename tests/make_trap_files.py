"""Build the corpus of trap files in tests/data/, one file per trap it is named after.

Run from the repository root after changing a trap:
    .venv/bin/python tests/make_trap_files.py

Real office files cannot all be committed as they come (an encrypted workbook,
a zip bomb, a file saved by a script): each one is made here with openpyxl, or
byte by byte where openpyxl cannot make it, and written deterministically (fixed
zip timestamps and document dates), so that `test_trap_files_are_up_to_date`
can check that the committed files are what this script makes. The expected
outcome of each file is in tests/test_traps.py.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

# isort: off
import wicguide  # noqa: F401  (first: keeps openpyxl off lxml, see wicguide/__init__.py)
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
# isort: on

DATA = Path(__file__).resolve().parent / "data"

HEADER = ("Identifiant", "Nom", "Description", "Besoins", "Commune", "Code postal",
          "Téléphone", "Site internet", "Horaires")
FIXED_TIME = (2026, 1, 1, 0, 0, 0)

Row = tuple[object, ...]


def row(id: str, name: object, needs: object = "Se nourrir", commune: object = "Nanterre",
        postcode: object = None, phone: object = None, website: object = None,
        hours: object = None, description: object = "Distribution de colis alimentaires.",
        ) -> Row:
    """Return one inventory row in HEADER order."""
    return (id, name, description, needs, commune, postcode, phone, website, hours)


def inventory(rows: Iterable[Row], header: Iterable[object] = HEADER,
              title: str = "Initiatives") -> tuple[Workbook, Worksheet]:
    """Return a workbook whose sheet `title` holds `header` and `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(list(header))
    for values in rows:
        sheet.append(list(values))
    return workbook, sheet


def saved(workbook: Workbook) -> bytes:
    """Return the .xlsx bytes of `workbook`."""
    workbook.properties.created = datetime(2026, 1, 1)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def deterministic(data: bytes, patch: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """Rewrite a zip with fixed timestamps and dates, patching members on the way."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                member = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z",
                                member)
            if patch is not None:
                member = patch(info.filename, member)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), member,
                            zipfile.ZIP_DEFLATED)
    return out.getvalue()


def xlsx(workbook: Workbook, patch: Callable[[str, bytes], bytes] | None = None) -> bytes:
    return deterministic(saved(workbook), patch)


def cache_formula_values(values: dict[str, str]) -> Callable[[str, bytes], bytes]:
    """Return a patch giving formula cells a cached string value, as Excel saves them."""
    def patch(name: str, member: bytes) -> bytes:
        if not name.startswith("xl/worksheets/"):
            return member
        for ref, value in values.items():
            member = re.sub(
                rb'<c r="' + ref.encode() + rb'"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                lambda m, ref=ref, value=value: (b'<c r="' + ref.encode() + b'" t="str"><f>'
                                                 + m[2] + b"</f><v>" + value.encode()
                                                 + b"</v>"),
                member)
        return member
    return patch


# The traps -----------------------------------------------------------------------

def postcode_as_number() -> bytes:
    workbook, sheet = inventory([
        row("WIC-0001", "Épicerie du Parc", postcode=92000),
        row("WIC-0002", "Épicerie des Pâquerettes", postcode=92000.0),
        row("WIC-0003", "Épicerie de la Gare", commune="Clichy", postcode=92110),
    ])
    sheet["F2"].number_format = "00000"
    return xlsx(workbook)


def postcode_lost_leading_zero() -> bytes:
    workbook, sheet = inventory([
        row("WIC-0001", "Épicerie de l'Ain", postcode=1000),
    ])
    sheet["F2"].number_format = "00000"
    return xlsx(workbook)


def phone_as_number() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "Repair café", phone=146083383),
        row("WIC-0002", "Ressourcerie", phone=612345678.0),
        row("WIC-0003", "Garage solidaire", phone=33146083383),
    ])
    return xlsx(workbook)


def float_drift() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "Épicerie du Parc", postcode=92000.00000000001),
        row("WIC-0002", "Repair café", phone=146083382.99999997),
    ])
    return xlsx(workbook)


def formula_without_cached_value() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", '="Repair " & "café"'),
        row("WIC-0002", "Ressourcerie", hours='=CONCAT("Samedi ", "10 h")'),
        row("WIC-0003", "Épicerie du Parc"),
    ])
    return xlsx(workbook)


def formula_with_cached_value() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", '="Repair " & "café"'),
        row("WIC-0002", "Ressourcerie"),
    ])
    return xlsx(workbook, cache_formula_values({"B2": "Repair café"}))


def formula_errors_saved_as_results() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "#REF!"),
        row("WIC-0002", "Ressourcerie", phone="#N/A", hours="#DIV/0!"),
    ])
    return xlsx(workbook)


def hyperlink_formula() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "Repair café", website='=HYPERLINK("https://repair.example.org/nanterre","Notre site")'),
        row("WIC-0002", '=HYPERLINK("https://ressourcerie.example.org","Ressourcerie")'),
        row("WIC-0003", "Garage", website='=HYPERLINK("file:///etc/passwd","Garage")'),
    ])
    return xlsx(workbook, cache_formula_values(
        {"H2": "Notre site", "B3": "Ressourcerie", "H4": "Garage"}))


def website_as_link_on_name() -> bytes:
    workbook, sheet = inventory([
        row("WIC-0001", "Repair café"),
        row("WIC-0002", "Ressourcerie", website="https://ressourcerie.example.org"),
    ])
    sheet["B2"].hyperlink = "https://repair.example.org/"
    sheet["B3"].hyperlink = "https://autre.example.org/"
    return xlsx(workbook)


def merged_cells_over_rows() -> bytes:
    workbook, sheet = inventory([
        row("WIC-0001", "Repair café", commune="Clichy"),
        row("WIC-0002", "Ressourcerie", commune=None),
        row("WIC-0003", "Garage solidaire", commune=None),
        row("WIC-0004", "Épicerie", commune="Sceaux"),
    ])
    sheet.merge_cells("E2:E4")
    return xlsx(workbook)


def merged_cells_down_the_whole_column() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "Repair café", commune="Clichy"),
        row("WIC-0002", "Ressourcerie", commune=None),
    ])

    def merge(name: str, member: bytes) -> bytes:
        # openpyxl itself would build a million cells to write this merge.
        if name != "xl/worksheets/sheet1.xml":
            return member
        return member.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                              b'<mergeCell ref="E2:E1048576"/></mergeCells>')
    return xlsx(workbook, merge)


def formatting_on_600000_empty_cells() -> bytes:
    workbook, _ = inventory([row("WIC-0001", "Repair café")])
    # Cells and rows may leave out their reference: they follow the previous one.
    empty_rows = (b"<row>" + b'<c s="0"/>' * 10 + b"</row>") * 60_000

    def format_cells(name: str, member: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return member
        return member.replace(b"</sheetData>", empty_rows + b"</sheetData>")
    return xlsx(workbook, format_cells)


def merged_header_cells() -> bytes:
    header = ("Inventaire 2026", None, None, None, None)
    workbook, sheet = inventory([
        ("Identifiant", "Nom", None, "Description", "Besoins"),
        ("WIC-0001", "Repair café", "à vérifier", "Réparations.", "S'équiper"),
    ], header=header)
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("B2:C2")
    return xlsx(workbook)


def title_rows_above_header() -> bytes:
    workbook, sheet = inventory([
        ("Mis à jour en janvier", None),
        (),
        HEADER,
        row("WIC-0001", "Repair café"),
    ], header=("Inventaire des initiatives collaboratives", None))
    sheet.merge_cells("A1:I1")
    return xlsx(workbook)


def hidden_rows() -> bytes:
    workbook, sheet = inventory([
        row("WIC-0001", "Repair café"),
        row("WIC-0002", "Ressourcerie"),
    ])
    sheet.row_dimensions[3].hidden = True
    return xlsx(workbook)


def hidden_sheet() -> bytes:
    workbook, old = inventory([row("WIC-0001", "Ancienne copie")])
    old.sheet_state = "hidden"
    current = workbook.create_sheet("Inventaire 2026")
    for values in (HEADER, row("WIC-0002", "Repair café")):
        current.append(list(values))
    workbook.active = 1
    return xlsx(workbook)


def inventory_on_a_hidden_sheet() -> bytes:
    workbook, sheet = inventory([row("WIC-0001", "Repair café")])
    sheet.sheet_state = "hidden"
    notes = workbook.create_sheet("Notice", 0)
    notes["A1"] = "Mode d'emploi de l'inventaire"
    workbook.active = 0
    return xlsx(workbook)


def active_sheet_not_the_inventory() -> bytes:
    workbook, _sheet = inventory([row("WIC-0001", "Repair café")])
    notes = workbook.create_sheet("Notice", 0)
    notes["A1"] = "Nom"
    notes["A2"] = "Mode d'emploi de l'inventaire"
    workbook.active = 0
    return xlsx(workbook)


def empty_sheet() -> bytes:
    workbook = Workbook()
    workbook.active.title = "Feuil1"
    return xlsx(workbook)


def header_without_rows() -> bytes:
    workbook, _ = inventory([])
    return xlsx(workbook)


def duplicate_header_columns() -> bytes:
    workbook, _ = inventory([("WIC-0001", "Repair café", "Réparations.", "S'équiper",
                              "Nanterre", "Clichy")],
                            header=("Identifiant", "Nom", "Description", "Besoins", "Commune",
                                    "Ville"))
    return xlsx(workbook)


def missing_required_column() -> bytes:
    workbook, _ = inventory([("WIC-0001", "Repair café", "Réparations.")],
                            header=("Identifiant", "Nom", "Description"))
    return xlsx(workbook)


def unknown_header_columns() -> bytes:
    workbook, _ = inventory([(*row("WIC-0001", "Repair café"), "à rappeler")],
                            header=(*HEADER, "Remarque du chef"))
    return xlsx(workbook)


def stray_value_at_XFD1048576() -> bytes:
    workbook, sheet = inventory([row("WIC-0001", "Repair café")])
    sheet["XFD1048576"] = "x"
    return xlsx(workbook)


def values_beyond_the_header() -> bytes:
    workbook, _ = inventory([(*row("WIC-0001", "Repair café"), None, "note oubliée")])
    return xlsx(workbook)


def invisible_characters() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "\ufeffRepair\u00a0café\u200b", commune="Nanterre\u202f"),
        row("WIC-0002", "Cafe\u0301 des\u2060 langues", description="Ligne 1 RETURN\nLigne CONTROL2 _x0041_"),
        row("WIC-0003", "Ressourcerie", hours="Lundi\u00a0: 10\u202fh\r\nMardi : fermé\n\n",
            needs="S\u2019\u00e9quiper"),
    ])

    def control_character(name: str, member: bytes) -> bytes:
        # openpyxl refuses to write control characters; Excel stores them escaped,
        # and escapes a text that looks like an escape.
        member = member.replace(b" CONTROL", b"_x0002_").replace(b" RETURN", b"_x000D_")
        return member.replace(b" _x0041_", b" _x005F_x0041_")
    return xlsx(workbook, control_character)


def invisible_characters_in_headers() -> bytes:
    header = ("\ufeffIdentifiant", "Nom\u00a0", " Description\u200b", "Besoins\n(voir liste)",
              "COMMUNE", "Code\u202fpostal", "Tél.", "Site web", "Horaires :")
    workbook, _ = inventory([row("WIC-0001", "Repair café", postcode=92000, phone="0146083383",
                                 website="repair.example.org", hours="Samedi")], header=header)
    return xlsx(workbook)


def emoji_and_rare_characters() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "Repair café 🔧♻️", description="On répare ensemble ✂ ☕ → €"),
        row("WIC-0002", "Épicerie solidaire مرحبا", description="Accueil en arabe, Ελληνικά, "
            "русский, ǅ, ŉ"),
        row("WIC-0003", "Cours de cuisine 日本", description="Cuisine du monde."),
    ])
    return xlsx(workbook)


def same_identifier_twice() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "Repair café"),
        row("wic-0001 ", "Ressourcerie"),
    ])
    return xlsx(workbook)


def same_initiative_two_spellings() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "Repair Café de Nanterre"),
        row("WIC-0002", "repair cafe  de  Nanterre", commune="nanterre"),
        row(None, "Repair-Café de Nanterre"),
    ])
    return xlsx(workbook)


def need_and_commune_typos() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "Repair café", needs="Se nourir"),
        row("WIC-0002", "Ressourcerie", needs="S'équiper ; Se divrtir"),
        row("WIC-0003", "Épicerie", commune="Nanterr"),
        row("WIC-0004", "Garage", commune="Paris"),
    ])
    return xlsx(workbook)


def html_and_script_in_cells() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "<b>Gras</b> & <script>alert(1)</script>",
            description='<img src="file:///etc/passwd"> <style>@import "file:///etc/passwd";'
                        "</style> {{ 7*7 }}"),
    ])
    return xlsx(workbook)


def urls_to_local_or_private_places() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "Fichier local", website="file:///etc/passwd"),
        row("WIC-0002", "Script", website="javascript:alert(1)"),
        row("WIC-0003", "Données", website="data:text/html,<b>x</b>"),
        row("WIC-0004", "Boucle locale", website="http://127.0.0.1:8080/admin"),
        row("WIC-0005", "Réseau privé", website="http://192.168.1.1/"),
        row("WIC-0006", "IPv6 locale", website="http://[::1]/"),
        row("WIC-0007", "Nom local", website="http://localhost/"),
        row("WIC-0009", "Adresse numérique", website="http://127.1/"),
        row("WIC-0010", "Adresse cassée", website="http://[exemple.fr"),
        row("WIC-0008", "Site public", website="exemple.fr/page"),
    ])
    return xlsx(workbook)


def url_too_long_for_qr_code() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "Repair café", website="https://exemple.fr/" + "a" * 300),
        row("WIC-0002", "Ressourcerie", website="https://exemple.fr/" + "b" * 281),
    ])
    return xlsx(workbook)


def cell_too_long() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", "Repair café", description="Réparations. " * 200),
        row("WIC-0002", "Ressourcerie"),
    ])
    return xlsx(workbook)


def too_many_rows() -> bytes:
    from wicguide.workbook import MAX_ROWS

    workbook, _ = inventory(
        row(f"WIC-{n:05d}", f"Initiative {n}") for n in range(1, MAX_ROWS + 2))
    return xlsx(workbook)


def dates_and_numbers_in_text_columns() -> bytes:
    workbook, _ = inventory([
        row("WIC-0001", 1789, description=datetime(2026, 3, 1, 10, 30), hours=date(2026, 5, 1)),
        row("WIC-0002", True, description=0.1 + 0.2),
    ])
    return xlsx(workbook)


# Files that are not a workbook at all ---------------------------------------------

def _cfb(streams: Iterable[str]) -> bytes:
    """Return a compound-file header with the given stream names (as Excel writes them)."""
    names = b"".join(name.encode("utf-16-le") + b"\0\0" for name in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + names + b"\0" * 512


def old_excel_format() -> bytes:
    return _cfb(["Workbook", "\x05SummaryInformation"])


def password_protected() -> bytes:
    return _cfb(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])


def csv_export() -> bytes:
    return ("Nom;Description;Besoins\nRepair café;Réparations.;S'équiper\n").encode()


def opendocument_spreadsheet() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype", FIXED_TIME),
                         "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(zipfile.ZipInfo("content.xml", FIXED_TIME), "<office:document/>")
    return out.getvalue()


def html_page_renamed() -> bytes:
    return b"<!DOCTYPE html>\n<html><head><title>Connexion</title></head><body>Session expir\xc3\xa9e</body></html>\n"


def truncated_download() -> bytes:
    whole = xlsx(inventory([row("WIC-0001", "Repair café")])[0])
    return whole[: len(whole) // 2]


def empty_file() -> bytes:
    return b""


def plain_zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("photo.txt", FIXED_TIME), "pas un classeur")
    return out.getvalue()


def strict_open_xml() -> bytes:
    def strict(name: str, member: bytes) -> bytes:
        return member.replace(
            b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            b"http://purl.oclc.org/ooxml/spreadsheetml/main").replace(
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            b"http://purl.oclc.org/ooxml/officeDocument/relationships")
    return xlsx(inventory([row("WIC-0001", "Repair café")])[0], strict)


def excel_binary_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in ("[Content_Types].xml", "xl/workbook.bin", "xl/worksheets/sheet1.bin"):
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), b"\x00\x01")
    return out.getvalue()


def openpyxl_warnings() -> bytes:
    workbook, _sheet = inventory([row("WIC-0001", "Repair café")])

    def unsupported(name: str, member: bytes) -> bytes:
        # Excel writes extensions openpyxl warns about on stderr when it reads them.
        if name != "xl/worksheets/sheet1.xml":
            return member
        return member.replace(b"</worksheet>", b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-'
                              b'D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/'
                              b'spreadsheetml/2009/9/main"><x14:dataValidations count="0"/>'
                              b"</ext></extLst></worksheet>")
    return xlsx(workbook, unsupported)


def billion_laughs() -> bytes:
    entities = b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1)) * 10) for n in range(1, 10))
    doctype = b'<!DOCTYPE worksheet [<!ENTITY lol0 "lol">' + entities + b"]>"

    def patch(name: str, member: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return member
        member = member.replace(b"<worksheet ", doctype + b"<worksheet ", 1)
        return member.replace(b"<t>Repair caf\xc3\xa9</t>", b"<t>&lol9;</t>")
    return xlsx(inventory([row("WIC-0001", "Repair café")])[0], patch)


def zip_bomb() -> bytes:
    out = io.BytesIO()
    whole = zipfile.ZipFile(io.BytesIO(xlsx(inventory([row("WIC-0001", "Repair café")])[0])))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in whole.infolist():
            archive.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME),
                             whole.read(info.filename), zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("xl/media/image1.png", FIXED_TIME),
                         b"\0" * (300 * 2**20), zipfile.ZIP_DEFLATED)
    return out.getvalue()


TRAPS: dict[str, Callable[[], bytes]] = {
    "postcode_as_number.xlsx": postcode_as_number,
    "postcode_lost_leading_zero.xlsx": postcode_lost_leading_zero,
    "phone_as_number.xlsx": phone_as_number,
    "float_drift.xlsx": float_drift,
    "formula_without_cached_value.xlsx": formula_without_cached_value,
    "formula_with_cached_value.xlsx": formula_with_cached_value,
    "formula_errors_saved_as_results.xlsx": formula_errors_saved_as_results,
    "hyperlink_formula.xlsx": hyperlink_formula,
    "website_as_link_on_name.xlsx": website_as_link_on_name,
    "merged_cells_over_rows.xlsx": merged_cells_over_rows,
    "merged_cells_down_the_whole_column.xlsx": merged_cells_down_the_whole_column,
    "merged_header_cells.xlsx": merged_header_cells,
    "formatting_on_600000_empty_cells.xlsx": formatting_on_600000_empty_cells,
    "title_rows_above_header.xlsx": title_rows_above_header,
    "hidden_rows.xlsx": hidden_rows,
    "hidden_sheet.xlsx": hidden_sheet,
    "inventory_on_a_hidden_sheet.xlsx": inventory_on_a_hidden_sheet,
    "active_sheet_not_the_inventory.xlsx": active_sheet_not_the_inventory,
    "empty_sheet.xlsx": empty_sheet,
    "header_without_rows.xlsx": header_without_rows,
    "duplicate_header_columns.xlsx": duplicate_header_columns,
    "missing_required_column.xlsx": missing_required_column,
    "unknown_header_columns.xlsx": unknown_header_columns,
    "stray_value_at_XFD1048576.xlsx": stray_value_at_XFD1048576,
    "values_beyond_the_header.xlsx": values_beyond_the_header,
    "invisible_characters.xlsx": invisible_characters,
    "invisible_characters_in_headers.xlsx": invisible_characters_in_headers,
    "emoji_and_rare_characters.xlsx": emoji_and_rare_characters,
    "same_identifier_twice.xlsx": same_identifier_twice,
    "same_initiative_two_spellings.xlsx": same_initiative_two_spellings,
    "need_and_commune_typos.xlsx": need_and_commune_typos,
    "html_and_script_in_cells.xlsx": html_and_script_in_cells,
    "urls_to_local_or_private_places.xlsx": urls_to_local_or_private_places,
    "url_too_long_for_qr_code.xlsx": url_too_long_for_qr_code,
    "cell_too_long.xlsx": cell_too_long,
    "too_many_rows.xlsx": too_many_rows,
    "dates_and_numbers_in_text_columns.xlsx": dates_and_numbers_in_text_columns,
    "old_excel_format.xls": old_excel_format,
    "old_excel_format_renamed.xlsx": old_excel_format,
    "password_protected.xlsx": password_protected,
    "csv_export.csv": csv_export,
    "csv_export_renamed.xlsx": csv_export,
    "opendocument_spreadsheet.ods": opendocument_spreadsheet,
    "html_page_renamed.xlsx": html_page_renamed,
    "truncated_download.xlsx": truncated_download,
    "empty_file.xlsx": empty_file,
    "plain_zip_archive.xlsx": plain_zip_archive,
    "strict_open_xml.xlsx": strict_open_xml,
    "excel_binary_workbook.xlsb": excel_binary_workbook,
    "excel_binary_workbook_renamed.xlsx": excel_binary_workbook,
    "extensions_openpyxl_warns_about.xlsx": openpyxl_warnings,
    "billion_laughs.xlsx": billion_laughs,
    "zip_bomb.xlsx": zip_bomb,
}


def main(argv: list[str]) -> None:
    """Write every trap file (or those named on the command line) into tests/data/."""
    DATA.mkdir(exist_ok=True)
    for name, make in TRAPS.items():
        if len(argv) > 1 and name not in argv[1:]:
            continue
        (DATA / name).write_bytes(make())
        print(name)


if __name__ == "__main__":
    main(sys.argv)
