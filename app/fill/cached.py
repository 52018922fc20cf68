"""Keep the last results of the office's formulas in the filled copy.

openpyxl writes a formula without its cached result: Excel and WPS compute it again when
they open the file, but everything that reads the file without computing (selfeval itself,
previews, a converter) would see an empty cell. So the results the input held are written
back beside their formulas, into the parts openpyxl saved.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.sax.saxutils import escape

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*)><f([^>]*)>(.*?)</f>(?:<v\s*/>|<v></v>)',
    re.S,
)
"""A formula cell as openpyxl writes it: its result element empty (`<v />` with the standard
library's writer, `<v></v>` with lxml's)."""

Results = Mapping[str, Mapping[str, Any]]
"""Sheet name → cell reference ("B7") → the result the input held."""


def results_of(path: str | Path, cells: Mapping[str, list[tuple[int, int]]]) -> dict:
    """Return the cached results the workbook at `path` holds for `cells` (sheet → 1-based
    (row, col) of formula cells), read with calamine; cells without one are left out."""
    from app.model import cell_ref
    from app.readers.book import open_book

    out: dict[str, dict[str, Any]] = {}
    book = open_book(path)
    try:
        for name, coords in cells.items():
            sheet = book.sheet(name)
            if sheet is None:
                continue
            got = {}
            for row, col in coords:
                value = sheet.value(row - 1, col - 1)
                if value is not None and value != "":
                    got[cell_ref(row - 1, col - 1)] = value
            if got:
                out[name] = got
    finally:
        book.close()
    return out


def write_with_results(saved: bytes, target: Path, results: Results) -> None:
    """Write the package openpyxl `saved` to `target`, each formula cell of `results` given
    its result again."""
    with zipfile.ZipFile(io.BytesIO(saved)) as zin:
        parts = _sheet_parts(zin)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info)
                sheet = parts.get(info.filename)
                if sheet is not None and sheet in results:
                    data = _patch(data, results[sheet])
                zout.writestr(info, data)


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Return part name → sheet name for the worksheets of the package."""
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
    out = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        out[part] = sheet.get("name", "")
    return out


def _patch(xml: bytes, results: Mapping[str, Any]) -> bytes:
    def put(m: re.Match[bytes]) -> bytes:
        ref = m.group(1).decode()
        if ref not in results:
            return m.group(0)
        kind, text = _result(results[ref])
        if text is None:
            return m.group(0)
        attrs = m.group(2) + (f' t="{kind}"'.encode() if kind else b"")
        return (
            b'<c r="'
            + m.group(1)
            + b'"'
            + attrs
            + b"><f"
            + m.group(3)
            + b">"
            + m.group(4)
            + b"</f><v>"
            + escape(text).encode()
            + b"</v>"
        )

    return _FORMULA_CELL.sub(put, xml)


def _result(value: Any) -> tuple[str, str | None]:
    """Return a result's cell type ("" for a number) and its text in the file."""
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, int | float):
        return "", repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        from openpyxl.utils.datetime import to_excel

        return "", repr(float(to_excel(value)))
    if isinstance(value, str):
        return ("e" if value in _ERRORS else "str"), value
    return "", None


_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)
