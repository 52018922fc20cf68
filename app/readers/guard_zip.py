"""The guard's zip half: xlsx, xlsm, xlsb and .ods packages are checked part by part (sizes,
ratios, CRCs, XML, cell extents) with bounded memory before calamine opens them."""

from __future__ import annotations

import html
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from app.readers import guard_limits as L
from app.readers import guard_xml as gx

_MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emf", ".wmf", ".tif", ".tiff", ".svg", ".wdp")
_XMLISH = (".xml", ".rels", ".vml")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_OTHER_ZIPS = {
    "word/document.xml": "Word文档",
    "ppt/presentation.xml": "PowerPoint演示文稿",
}

# What zipfile and zlib raise on damaged archives (RuntimeError: an encrypted entry).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    RuntimeError,
    ValueError,
    NotImplementedError,
    struct.error,
    OverflowError,
    IndexError,
    KeyError,
)

_QUOTED_ATTRS = rb"""((?:[^>"']|"[^"]*"|'[^']*')*)>"""
_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\b" + _QUOTED_ATTRS)
_REL = re.compile(rb"<(?:[\w.-]+:)?Relationship\b" + _QUOTED_ATTRS)


def _attrs(raw: bytes) -> dict[bytes, str]:
    """Return a tag's attributes by local name (r:id → id), values unescaped."""
    return {
        k.rpartition(b":")[2]: html.unescape(v.decode("utf-8", "replace"))
        for k, v in gx.attributes(raw)
    }


class _Budget:
    """Bytes inflated so far across the archive, and bytes read whole for exact scans."""

    def __init__(self) -> None:
        self.total = 0
        self.whole = 0


def _chunks(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: _Budget | None = None
) -> Iterator[bytes]:
    """Yield the part's content in L.CHUNK pieces; zipfile stops at the declared size and checks
    the CRC, so a header that lies ends in BadZipFile, never in unbounded output."""
    with zf.open(info) as fh:
        while chunk := fh.read(L.CHUNK):
            if budget is not None:
                budget.total += len(chunk)
                if budget.total > L.MAX_TOTAL_UNCOMPRESSED:
                    raise L.abnormal(name, f"解压后超过{L.MAX_TOTAL_UNCOMPRESSED >> 20} MB")
            yield chunk


def _xml_chunks(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: _Budget | None = None
) -> Iterator[bytes]:
    """Yield an XML part's chunks, refusing UTF-16 and entity declarations on the way."""
    tail = b""
    first = True
    for chunk in _chunks(zf, info, name, budget):
        if first and (chunk[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" in chunk[:4]):
            raise L.abnormal(name, f"的{info.filename}使用了不支持的UTF-16编码")
        first = False
        if gx.has_entity_declaration(tail + chunk):
            raise L.abnormal(name, f"的{info.filename}含有XML实体声明（DOCTYPE/ENTITY）")
        tail = chunk[-16:]
        yield chunk


def _check_sizes(infos: list[zipfile.ZipInfo], name: str) -> None:
    if len(infos) > L.MAX_PARTS:
        raise L.abnormal(name, f"包含的部件过多（{len(infos)}个，上限{L.MAX_PARTS}个）")
    total = sum(i.file_size for i in infos)
    if total > L.MAX_TOTAL_UNCOMPRESSED:
        raise L.abnormal(
            name, f"解压后过大（{total >> 20} MB，上限{L.MAX_TOTAL_UNCOMPRESSED >> 20} MB）"
        )
    for i in infos:
        if i.file_size > L.RATIO_FROM and i.file_size > L.MAX_RATIO * max(i.compress_size, 1):
            ratio = i.file_size // max(i.compress_size, 1)
            raise L.abnormal(name, f"的{i.filename}压缩比异常（{ratio}倍，上限{L.MAX_RATIO}倍）")
        if i.flag_bits & 0x1:
            raise L.corrupt(name, "压缩包内的部件被加密")


def _zip_format(zf: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], name: str) -> str:
    if "xl/workbook.xml" in parts:
        return "xlsx"
    if "xl/workbook.bin" in parts:
        return "xlsb"
    if "mimetype" in parts and parts["mimetype"].file_size < 256:
        mime = zf.read(parts["mimetype"]).strip()
        if mime == _ODS_MIME and "content.xml" in parts:
            return "ods"
        if mime.startswith(b"application/vnd.oasis.opendocument"):
            raise L.not_workbook(name, "是OpenDocument文本或演示文档")
    for part, what in _OTHER_ZIPS.items():
        if part in parts:
            raise L.not_workbook(name, f"是{what}")
    raise L.not_workbook(name, "是压缩包，但其中没有工作簿xl/workbook.xml")


def _xlsx_sheets(
    zf: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], name: str
) -> list[tuple[str, str]]:
    """Return (sheet name, lower-cased part path) in workbook order, resolved as calamine does."""

    def whole(part: str) -> bytes:
        info = parts.get(part)
        if info is None:
            return b""
        if info.file_size > L.MAX_META_PART:
            raise L.abnormal(name, f"的{info.filename}异常庞大")
        return b"".join(_xml_chunks(zf, info, name))

    targets = {}
    for m in _REL.finditer(whole("xl/_rels/workbook.xml.rels")):
        attrs = _attrs(m.group(1))
        rid, target = attrs.get(b"Id"), attrs.get(b"Target")
        if rid and target:
            targets[rid] = target
    sheets = []
    for m in _SHEET.finditer(whole("xl/workbook.xml")):
        attrs = _attrs(m.group(1))
        sheet = attrs.get(b"name") or "?"
        target = targets.get(attrs.get(b"id") or "")
        if target is None:
            raise L.corrupt(name, f"工作表“{sheet}”的数据缺失")
        if target.startswith("/xl/"):
            target = target[1:]
        elif not target.startswith("xl/"):
            target = "xl/" + target
        sheets.append((sheet, target.lower()))
    return sheets


def inspect_zip(f: BinaryIO, name: str, formula_free: set[str] | None = None) -> str:
    """Return "xlsx", "xlsb" or "ods" for a zip package within every budget, else raise.

    The lower-cased paths of the sheet parts seen whole without any formula tag are added to
    `formula_free`, so that uncached_in_zip() need not inflate them again."""
    try:
        with zipfile.ZipFile(f) as zf:
            infos = zf.infolist()
            _check_sizes(infos, name)
            parts = {i.filename.lower(): i for i in infos}
            fmt = _zip_format(zf, parts, name)
            sheets = _xlsx_sheets(zf, parts, name) if fmt == "xlsx" else []
            _scan_parts(zf, infos, fmt, sheets, name, formula_free)
            return fmt
    except _ZIP_ERRORS:
        raise L.corrupt(name) from None
    except gx.Abnormal:
        raise L.abnormal(name, "中含有异常长的XML标记") from None


def _whole(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: _Budget | None = None
) -> bytes:
    """Return a part's whole content for an exact scan, refusing parts over L.MAX_WHOLE_PART."""
    whole = info.file_size + (budget.whole if budget else 0)
    if whole > L.MAX_WHOLE_PART:
        raise L.abnormal(
            name, f"的XML结构不规范且过大（超过{L.MAX_WHOLE_PART >> 20} MB），无法安全检查"
        )
    if budget:
        budget.whole = whole
    return b"".join(_xml_chunks(zf, info, name))


def _scan_parts(
    zf: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    fmt: str,
    sheets: list[tuple[str, str]],
    name: str,
    formula_free: set[str] | None = None,
) -> None:
    """Inflate every part calamine may read (bounded), checking XML and cell extents; the
    sheet parts found without formula tags go into `formula_free`."""
    budget = _Budget()
    by_part = {part: sheet for sheet, part in sheets}
    present = {i.filename.lower() for i in infos}
    missing = [sheet for sheet, part in sheets if part not in present]
    if missing:
        raise L.corrupt(name, f"工作表“{missing[0]}”的数据缺失")
    extents: list[tuple[str, int, int]] = []
    estimated: dict[int, zipfile.ZipInfo] = {}  # index in extents → part, for bounds only
    for info in infos:
        lower = info.filename.lower()
        if not lower or lower.endswith(("/", *_MEDIA)) or "/embeddings/" in lower:
            continue
        if not lower.endswith(_XMLISH):
            for _ in _chunks(zf, info, name, budget):
                pass  # inflating checks the declared size and the CRC
            continue
        if fmt == "ods" and lower == "content.xml":
            tables = gx.ods_extents(_whole(zf, info, name, budget))
            extents += [table for table in tables if table[1] >= 0]
            continue
        chunks = _xml_chunks(zf, info, name, budget)
        if lower in by_part:
            seen = _FormulaWatch(chunks)
            extent = gx.sheet_extent(seen)
            if formula_free is not None and seen.none_in_whole_part():
                formula_free.add(lower)
            if extent is None:
                extent = gx.exact_extent(_whole(zf, info, name, budget))
            else:
                estimated[len(extents)] = info
            extents.append((by_part[lower], *extent))
            continue
        for _ in chunks:
            pass
    if estimated and sum((r + 1) * (c + 1) for _, r, c in extents) > L.MAX_BOOK_GRID:
        # The quick passes over-estimate; many sheets deserve their exact size before refusal.
        for index, info in estimated.items():
            extents[index] = (extents[index][0], *gx.exact_extent(_whole(zf, info, name, budget)))
    L.check_extents(name, extents)


class _FormulaWatch:
    """Pass a part's chunks through, noting whether any could hold a formula tag (<f or a
    prefixed :f; a superset of what uncached_cells looks for)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self.formula = False
        self.finished = False

    def __iter__(self) -> Iterator[bytes]:
        last = b""
        for chunk in self._chunks:
            if not self.formula and (
                b"<f" in chunk or b":f" in chunk or (last + chunk[:1]) in (b"<f", b":f")
            ):
                self.formula = True
            last = chunk[-1:]
            yield chunk
        self.finished = True

    def none_in_whole_part(self) -> bool:
        """True when the whole part went through and held no formula tag."""
        return self.finished and not self.formula


def uncached_in_zip(
    f: BinaryIO, name: str, limit: int, skip: frozenset[str] = frozenset()
) -> list[str]:
    """Return up to `limit` "Sheet!B7" cells of an xlsx holding a formula without cached value;
    the sheet parts in `skip` (lower-cased paths known to hold no formula) are not read."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(f) as zf:
            parts = {i.filename.lower(): i for i in zf.infolist()}
            if "xl/workbook.xml" not in parts:
                return found
            for sheet, part in _xlsx_sheets(zf, parts, name):
                info = parts.get(part)
                if info is None or part in skip:
                    continue
                refs = gx.uncached_cells(_chunks(zf, info, name), limit - len(found))
                found += [f"{sheet}!{ref}" for ref in refs]
                if len(found) >= limit:
                    break
    except _ZIP_ERRORS:
        raise L.corrupt(name) from None
    except gx.Abnormal:
        raise L.abnormal(name, "中含有异常长的XML标记") from None
    return found
