"""Which number cells are formatted as percentages (calamine gives values, not formats).

A cell showing "95%" holds 0.95; only its number format says it is a percentage. This reads
just enough of an .xlsx (styles and the named sheets' cell tags) to tell, without openpyxl.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from app.model import col_letter

_XF = re.compile(rb"<xf\b[^>]*?numFmtId=\"(\d+)\"", re.S)
_CELLXFS = re.compile(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", re.S)
_NUMFMT = re.compile(rb"<numFmt\b[^>]*?numFmtId=\"(\d+)\"[^>]*?formatCode=\"([^\"]*)\"", re.S)
_SHEET = re.compile(rb"<sheet\b[^>]*?name=\"([^\"]*)\"[^>]*?r:id=\"([^\"]*)\"", re.S)
_SHEET_ALT = re.compile(rb"<sheet\b[^>]*?r:id=\"([^\"]*)\"[^>]*?name=\"([^\"]*)\"", re.S)
_REL = re.compile(rb"<Relationship\b[^>]*?Id=\"([^\"]*)\"[^>]*?Target=\"([^\"]*)\"", re.S)
_REL_ALT = re.compile(rb"<Relationship\b[^>]*?Target=\"([^\"]*)\"[^>]*?Id=\"([^\"]*)\"", re.S)
_ATTR_R = re.compile(rb"\br=\"([A-Z]+)(\d+)\"")
_STYLE = re.compile(rb'\bs="0*(\d+)"')
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_PERCENT_BUILTIN = {9, 10}
_MAX_PART = 64 * 1024 * 1024
"""A sheet part larger than this is skipped (the guard refuses much larger ones anyway)."""


def _unescape(b: bytes) -> str:
    text = b.decode("utf-8", "replace")
    return (
        text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
    )


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _percent_styles(z: zipfile.ZipFile) -> set[int]:
    try:
        styles = z.read("xl/styles.xml")
    except KeyError:
        return set()
    custom = {
        int(i) for i, code in _NUMFMT.findall(styles) if "%" in _unescape(code).replace('"%"', "")
    }
    m = _CELLXFS.search(styles)
    if not m:
        return set()
    return {
        n
        for n, fmt in enumerate(_XF.findall(m.group(1)))
        if int(fmt) in _PERCENT_BUILTIN or int(fmt) in custom
    }


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    try:
        wb = z.read("xl/workbook.xml")
        rels = z.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {i: t for i, t in _REL.findall(rels)} | {i: t for t, i in _REL_ALT.findall(rels)}
    pairs = _SHEET.findall(wb) or [(n, i) for i, n in _SHEET_ALT.findall(wb)]
    parts = {}
    for name, rid in pairs:
        target = targets.get(rid)
        if target is None:
            continue
        t = _unescape(target) if b"&" in target else target.decode("utf-8", "replace")
        if t.startswith("/"):
            path = t.lstrip("/")
        elif "." in t.rpartition("/")[0] or "//" in t:  # ./ or ../ or doubled slashes
            path = str(PurePosixPath("xl") / t)
        else:
            path = "xl/" + t  # what PurePosixPath gives, without building one per sheet
        parts[_unescape(name) if b"&" in name else name.decode("utf-8", "replace")] = path
    return parts


def _styled_cells(styles: set[int]) -> re.Pattern[bytes]:
    """A pattern of the cell tags whose style is one of `styles`: the regex engine skips every
    other cell, so only the few percentage cells come back to Python."""
    ids = b"|".join(str(i).encode() for i in sorted(styles))
    return re.compile(rb"<c\b([^>]*?\bs=\"0*(?:" + ids + rb")\"[^>]*)>")


def percent_cells(
    path: str | Path, sheets: list[str], tick: Callable[[], None] | None = None
) -> set[tuple[str, int, int]]:
    """Return the (sheet, row, col) (0-based) of the cells of `sheets` whose number format is a
    percentage. Returns an empty set for anything that is not a readable .xlsx. `tick()` is
    called after each sheet (an exception it raises propagates)."""
    found: set[tuple[str, int, int]] = set()
    try:
        with zipfile.ZipFile(path) as z:
            percent = _percent_styles(z)
            if not percent:
                return found
            cells = _styled_cells(percent)
            parts = _sheet_parts(z)
            for sheet in sheets:
                if tick is not None:
                    tick()
                part = parts.get(sheet)
                if part is None:
                    continue
                info = z.getinfo(part)
                if info.file_size > _MAX_PART:
                    continue
                for m in cells.finditer(z.read(part)):
                    r = _ATTR_R.search(m.group(1))
                    if r is not None:
                        found.add((sheet, int(r.group(2)) - 1, _col_index(r.group(1))))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return set()
    return found


class PercentScan:
    """The percentage cells of an .xlsx, one sheet at a time and only for the sheets asked
    about (most sheets of a forms workbook hold no number where a percentage could be). The
    archive stays open between questions: call close() when done."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._cells: re.Pattern[bytes] | None = None
        self._parts: dict[str, str] = {}
        self._failed = False
        self._percent_ids: frozenset[int] | None = None
        self._xml = b""
        self._xml_of: str | None = None

    def sheet(self, name: str) -> set[tuple[int, int]]:
        """Return the (row, col) (0-based) of the sheet's cells formatted as a percentage;
        an empty set for anything that is not a readable .xlsx."""
        if self._failed:
            return set()
        try:
            xml = self._part_xml(name)
            if not xml or self._cells is None:
                return set()
            found: set[tuple[int, int]] = set()
            for m in self._cells.finditer(xml):
                r = _ATTR_R.search(m.group(1))
                if r is not None:
                    found.add((int(r.group(2)) - 1, _col_index(r.group(1))))
            return found
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            self._failed = True
            return set()

    def cell(self, name: str, row: int, col: int) -> bool:
        """Return True when the sheet's cell (0-based) is formatted as a percentage: what
        `sheet()` tells, by finding that one cell's tag instead of scanning them all (a form
        asks about a few numbers: its targets and actuals). The last sheet's XML is kept."""
        if self._failed:
            return False
        try:
            if self._xml_of != name:
                self._xml, self._xml_of = self._part_xml(name), name
            xml = self._xml
            if not xml or self._percent_ids is None:
                return False
            ref = f'r="{col_letter(col)}{row + 1}"'.encode()
            at = xml.find(ref)
            while at >= 0:
                if at and xml[at - 1] not in _WORD:  # the attribute r, not one ending in r
                    start = xml.rfind(b"<", 0, at)
                    end = xml.find(b">", at)
                    if xml.startswith(b"<c", start) and xml[start + 2] not in _WORD and end > 0:
                        ids = self._percent_ids
                        if any(int(m[1]) in ids for m in _STYLE.finditer(xml, start, end)):
                            return True
                at = xml.find(ref, at + 1)
            return False
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            self._failed = True
            return False

    def _open(self) -> bool:
        """Open the archive and learn its percentage styles once; False when it has none."""
        if self._zip is None:
            self._zip = zipfile.ZipFile(self.path)
            self._percent_ids = frozenset(_percent_styles(self._zip))
            if not self._percent_ids:
                self._failed = True
                return False
            self._cells = _styled_cells(set(self._percent_ids))
            self._parts = _sheet_parts(self._zip)
        return not self._failed

    def _part_xml(self, name: str) -> bytes:
        """Return the XML of the named sheet (b"" when there is none or no percentage style)."""
        if not self._open():
            return b""
        part = self._parts.get(name)
        if part is None or self._zip is None:
            return b""
        if self._zip.getinfo(part).file_size > _MAX_PART:
            return b""
        return self._zip.read(part)

    def close(self) -> None:
        """Close the archive (the scan may be asked again: it reopens it)."""
        if self._zip is not None:
            self._zip.close()
            self._zip = None
