"""The reading side: how long openpyxl takes to read an inventory, two ways.

In: an inventory. Out, on stdout: the time and peak memory of
`wicguide.workbook.read_inventory` (openpyxl's normal mode, which the build
uses: merged cells and hyperlinks need it) and of a bare read-only pass over
the same sheet's values (openpyxl's streaming mode), each in a fresh process.

    python -m bench.reading normal|read_only INVENTORY
"""

from __future__ import annotations

import sys
from pathlib import Path


def read_normal(path: Path) -> int:
    """Read `path` as the build does; return the number of rows."""
    from wicguide.workbook import read_inventory

    return len(read_inventory(path).rows)


def read_streaming(path: Path) -> int:
    """Read every value of `path` in read-only mode; return the number of rows."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = sum(1 for row in workbook.worksheets[0].iter_rows(values_only=True)
                   if any(value is not None for value in row))
    finally:
        workbook.close()
    return rows - 1  # the header


if __name__ == "__main__":
    mode, inventory = sys.argv[1], Path(sys.argv[2])
    reader = read_normal if mode == "normal" else read_streaming
    print(f"rows {reader(inventory)}")
