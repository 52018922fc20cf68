"""An xlsxwriter Workbook that zips each XML part as soon as it is assembled, and reports it.

Plain xlsxwriter assembles every part of the package into its own temporary file, then zips
them all: for 2,000 forms that is 8,000 files created and removed, 5 of its 13 seconds on this
machine (and worse on Windows, where antivirus scans each one), with no progress and no way to
stop. Its `in_memory` mode avoids the files but holds all 60 MB of XML text until the end.
`StreamingWorkbook` keeps one part in memory at a time, writes it into the zip, and calls
`on_part(done, total)` before each part, so a long `close()` can report progress and be
cancelled: an exception raised by `on_part` propagates, and the half-written file is removed.

The package is byte for byte the one xlsxwriter writes, parts in the same order (checked by
the tests), except the zip entries' timestamps, 1980-01-01 as in its in_memory mode, and
images, which would come last. It mirrors xlsxwriter 3.x's private packaging methods: the
tests compare the two packages, so an xlsxwriter that changes them is caught.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from io import StringIO
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

import xlsxwriter
from xlsxwriter.exceptions import DuplicateWorksheetName
from xlsxwriter.packager import Packager
from xlsxwriter.worksheet import Worksheet

PartHook = Callable[[int, int], None]
"""on_part(done, total): `done` parts of an estimated `total` are in the zip."""

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_SHEET_PART = "xl/worksheets/sheet"


class _StreamingPackager(Packager):
    """A Packager whose parts go straight into an open zip, one at a time."""

    def __init__(self, zf: ZipFile, on_part: PartHook | None, total: int) -> None:
        super().__init__()
        self._sheets: list[Worksheet] = []
        self._zf = zf
        self._on_part = on_part
        self._total = total
        self._done = 0
        self._pending: tuple[StringIO, str] | None = None

    def _filename(self, xml_filename: str) -> StringIO:
        # xlsxwriter writes a part completely before asking for the next one's file, so the
        # pending part is finished here.
        self._flush()
        if self._on_part is not None:
            self._total = max(self._total, self._done + 1)
            self._on_part(self._done, self._total)
        buffer = StringIO()
        self._pending = (buffer, xml_filename)
        return buffer

    def _flush(self) -> None:
        if self._pending is None:
            return
        buffer, name = self._pending
        self._pending = None
        self._zf.writestr(_info(name, self._zf), buffer.getvalue().encode("utf-8"))
        # The part's writer keeps its handle to the buffer: closing it frees the text now.
        buffer.close()
        self._done += 1
        if name.startswith(_SHEET_PART) and name.endswith(".xml"):
            # The sheet's cells are in the zip now: free them as we go, not all at the end.
            ws = self._sheets[int(name[len(_SHEET_PART) : -4]) - 1]
            ws.table.clear()
            ws.comments.clear()

    def _add_workbook(self, workbook: xlsxwriter.Workbook) -> None:
        super()._add_workbook(workbook)
        # Numbered as the packager numbers sheet parts: worksheets only.
        self._sheets = [ws for ws in workbook.worksheets() if not ws.is_chartsheet]

    def finish(self) -> list[tuple[Any, str, bool]]:
        """Zip the last part; return the binary parts xlsxwriter keeps apart (images)."""
        self._flush()
        if self._on_part is not None:
            self._on_part(self._total, self._total)
        return [entry for entry in self.filenames if entry[2]]


_DYNAMIC_NAMES = re.compile(
    r"(?:ANCHORARRAY|BYCOL|BYROW|CHOOSECOLS|CHOOSEROWS|DROP|EXPAND|FILTER|HSTACK|LAMBDA"
    r"|MAKEARRAY|MAP|RANDARRAY|REDUCE|SCAN|INGLE|SEQUENCE|SORT|SORTBY|SWITCH|TAKE|TEXTSPLIT"
    r"|TOCOL|TOROW|UNIQUE|VSTACK|WRAPCOLS|WRAPROWS|XLOOKUP)\("
)
"""Every function name xlsxwriter 3.x prefixes with _xlfn. in a formula (its patterns are
"\\bNAME\\(", and a stray "\\SINGLE\\("): no match here, and none of its 29 substitutions can
change the formula."""


class _Worksheet(Worksheet):
    """An xlsxwriter Worksheet that skips the 29 regular-expression substitutions of a
    formula none of them can change (1 million calls for 2,000 forms, 0.5 s)."""

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if (
            self.use_future_functions
            or expand_future_functions
            or "_xlfn." in formula
            or _DYNAMIC_NAMES.search(formula)
        ):
            return super()._prepare_formula(formula, expand_future_functions)
        # The same braces and "=" as xlsxwriter strips.
        if formula.startswith("{"):
            formula = formula[1:]
        if formula.startswith("="):
            formula = formula[1:]
        if formula.endswith("}"):
            formula = formula[:-1]
        return formula


def _info(name: str, zf: ZipFile) -> ZipInfo:
    info = ZipInfo(name, _ZIP_DATE)
    info.compress_type = zf.compression
    return info


def expected_parts(wb: xlsxwriter.Workbook) -> int:
    """Return about how many XML parts `close()` writes for the prepared workbook `wb`
    (exact for worksheets with cells, notes and print titles)."""
    # Content types, .rels, workbook rels, workbook, shared strings, styles, theme, core, app;
    # dynamic-array metadata and custom properties when there are any.
    total = 9 + bool(wb.has_metadata) + bool(wb.custom_properties)
    for ws in wb.worksheets():
        links = (
            ws.external_hyper_links
            or ws.external_drawing_links
            or ws.external_vml_links
            or ws.external_background_links
            or ws.external_table_links
            or ws.external_comment_links
        )
        total += 1 + bool(links) + bool(ws.has_vml) + bool(ws.has_header_vml)
        total += bool(ws.has_comments)
    return total


class StreamingWorkbook(xlsxwriter.Workbook):
    """`xlsxwriter.Workbook` writing its package part by part into the zip (see module doc).

    `on_part(done, total)` is called before each part and once at the end (done == total).
    """

    worksheet_class = _Worksheet

    def __init__(
        self, filename: str, options: dict[str, Any] | None = None, on_part: PartHook | None = None
    ) -> None:
        options = dict(options or {})
        if options.get("constant_memory") or options.get("in_memory"):
            raise ValueError("StreamingWorkbook writes part by part; no memory modes")
        super().__init__(filename, options)
        self.on_part = on_part
        self._sheet_keys: set[str] = set()

    def _check_sheetname(self, sheetname: str | None, is_chartsheet: bool = False) -> str:
        # xlsxwriter compares a new name with every existing sheet's, lower-casing both: 0.6 s
        # for 2,000 sheets and 16 times that for 8,000. It still makes every other check (and
        # picks a default name), over an empty list of sheets; a set makes this one.
        sheets: list[Any] = self.worksheets_objs  # type: ignore[has-type]
        self.worksheets_objs = []
        try:
            name = super()._check_sheetname(sheetname, is_chartsheet)
        finally:
            self.worksheets_objs = sheets
        key = name.lower()
        if key in self._sheet_keys:
            raise DuplicateWorksheetName(
                f"Sheetname '{name}', with case ignored, is already in use."
            )
        self._sheet_keys.add(key)
        return name

    @staticmethod
    def release(ws: Worksheet) -> None:
        """Drop what xlsxwriter keeps of a finished sheet only to check later writes against
        (every merged cell's range: a quarter of a form's memory). Nothing may be merged on
        `ws` afterwards."""
        ws.merged_cells = {}

    def _store_workbook(self) -> None:
        # Mirrors xlsxwriter 3.x Workbook._store_workbook; only the packaging differs.
        if not self.worksheets():
            self.add_worksheet()
        if self.worksheet_meta.activesheet == 0:
            self.worksheets_objs[0].selected = 1
            self.worksheets_objs[0].hidden = 0
        for sheet in self.worksheets():
            if sheet.index == self.worksheet_meta.activesheet:
                sheet.active = 1
        if self.vba_project:
            for sheet in self.worksheets():
                if sheet.vba_codename is None:
                    sheet.set_vba_name()
        self._prepare_sst_string_data()
        self._prepare_vml()
        self._prepare_defined_names()
        self._prepare_drawings()
        self._add_chart_data()
        self._prepare_tables()
        self._prepare_metadata()

        total = expected_parts(self)
        try:
            with ZipFile(
                self.filename, "w", compression=ZIP_DEFLATED, allowZip64=self.allow_zip64
            ) as zf:
                packager = _StreamingPackager(zf, self.on_part, total)
                packager._add_workbook(self)
                packager._set_tmpdir(self.tmpdir)
                # Binary parts (images, VBA) come as in-memory streams, never as temp files.
                packager._set_in_memory(True)
                packager._create_package()
                for stream, name, _ in packager.finish():
                    zf.writestr(_info(name, zf), stream.getvalue())
        except BaseException:
            # A cancel (or a failure) halfway: no half-written workbook stays behind.
            if isinstance(self.filename, str | os.PathLike):
                with contextlib.suppress(OSError):
                    os.remove(self.filename)
            raise
        # Each sheet holds the workbook's add_format: a cycle only the garbage collector would
        # undo, 0.35 s traversing 2,000 sheets' records. Broken, the workbook goes when unused.
        for ws in self.worksheets():
            ws.workbook_add_format = None
