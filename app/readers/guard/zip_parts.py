"""The guard's zip half: xlsx, xlsm, xlsb and .ods packages are checked part by part (sizes,
ratios, CRCs, XML, cell extents) with bounded memory before calamine opens them."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from app.readers.guard import limits as L
from app.readers.guard import xml_scan as gx

_MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emf", ".wmf", ".tif", ".tiff", ".svg", ".wdp")
_NOT_READ = ("/", *_MEDIA)  # folders and images: calamine never reads them
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


class _Budget:
    """Bytes inflated so far across the archive, and bytes read whole for exact scans."""

    def __init__(self) -> None:
        self.total = 0
        self.whole = 0

    def add(self, size: int, name: str) -> None:
        """Count `size` more inflated bytes, refusing the archive beyond the total budget."""
        self.total += size
        if self.total > L.MAX_TOTAL_UNCOMPRESSED:
            raise L.abnormal(name, f"解压后超过{L.MAX_TOTAL_UNCOMPRESSED >> 20} MB")


def _chunks(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: _Budget | None = None
) -> Iterator[bytes]:
    """Yield the part's content in L.CHUNK pieces (a part of at most L.CHUNK bytes in one, read
    by _one_shot); zipfile stops at the declared size and checks the CRC, so a header that lies
    ends in BadZipFile, never in unbounded output."""
    whole = _one_shot(zf, info)
    for chunk in _streamed(zf, info) if whole is None else (whole,) if whole else ():
        if budget is not None:
            budget.add(len(chunk), name)
        yield chunk


def _streamed(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with zf.open(info) as fh:
        while chunk := fh.read(L.CHUNK):
            yield chunk


_LOCAL = struct.Struct("<4s2xH18xHH")  # a local file header: signature, flags, name/extra sizes
_LOCAL_SIGNATURE = b"PK\x03\x04"
_NOT_PLAIN = 0x61  # flag bits zipfile refuses or treats apart: encrypted, patched, strong


def _one_shot(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """Return exactly what zipfile's first read(L.CHUNK) of a small plain part returns (the
    part has at most L.CHUNK bytes, so that read is all zipfile yields), in one inflate call.

    It keeps zipfile's (3.11) guarantees: the local header must carry the directory's name,
    the output stops at the declared size, the CRC must match. None for any other part and for
    anything zipfile would refuse or treat otherwise: zipfile then reads it, with its errors."""
    size, packed, fp = info.file_size, info.compress_size, zf.fp
    if (
        fp is None
        or size > L.CHUNK
        or packed > L.CHUNK
        or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        or info.flag_bits & _NOT_PLAIN
    ):
        return None
    fp.seek(info.header_offset)
    guess = 30 + len(info.orig_filename)  # the name's length in the usual (ASCII) case
    buf = fp.read(guess + packed)
    if len(buf) < 30:
        return None
    signature, flags, name_len, extra_len = _LOCAL.unpack_from(buf)
    # zipfile decodes the local name (UTF-8 when flagged, else cp437) and compares; encoding
    # the directory's name instead is the same test (both codecs are one-to-one), and an
    # ASCII name encodes alike in both.
    metadata_encoding = getattr(zf, "metadata_encoding", None)  # set by zipfile on 3.11+
    encoding = "utf-8" if flags & 0x800 else metadata_encoding or "cp437"
    name = info.orig_filename
    try:
        expected = name.encode(encoding if not name.isascii() or metadata_encoding else "ascii")
    except UnicodeEncodeError:
        return None
    if signature != _LOCAL_SIGNATURE or buf[30 : 30 + name_len] != expected:
        return None
    skip = 30 + name_len + extra_len
    end = getattr(info, "_end_offset", None)  # Python 3.12+ refuses overlapping parts
    if end is not None and info.header_offset + skip + packed > end:
        return None
    if skip != guess:
        fp.seek(info.header_offset + skip)
        buf, skip = fp.read(packed), 0
    raw = buf[skip:]
    if len(raw) != packed:
        return None  # a truncated file: zipfile's EOFError, or its own reading of it
    out = raw
    if info.compress_type == zipfile.ZIP_DEFLATED:
        # ZipExtFile._read1 makes one decompress call bounded at the read size (L.CHUNK >= size),
        # flushes when the input is used up, then cuts at the declared size. Bounded at size + 1
        # instead (a smaller buffer, faster), the call gives the same bytes and the same errors
        # whenever the output stays within the declared size with all input used; any other
        # part (one that inflates beyond its header) is left to zipfile.
        inflater = zlib.decompressobj(-15)
        try:
            out = inflater.decompress(raw, size + 1)
            if len(out) > size or inflater.unconsumed_tail:
                return None
            rest = inflater.flush()
        except zlib.error:
            return None
        if rest:
            out += rest
    if len(out) > size:
        out = out[:size]
    return out if zlib.crc32(out) == info.CRC else None


def _xml_chunks(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: _Budget | None = None
) -> Iterator[bytes]:
    """Yield an XML part's chunks, refusing UTF-16 and entity declarations on the way."""
    tail = b""
    first = True
    for chunk in _chunks(zf, info, name, budget):
        if first:
            _check_xml_start(chunk, info, name)
        first = False
        if gx.has_entity_declaration(tail + chunk):
            raise L.abnormal(name, f"的{info.filename}含有XML实体声明（DOCTYPE/ENTITY）")
        tail = chunk[-16:]
        yield chunk


def _check_xml_start(chunk: bytes, info: zipfile.ZipInfo, name: str) -> None:
    if chunk[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" in chunk[:4]:
        raise L.abnormal(name, f"的{info.filename}使用了不支持的UTF-16编码")


def _check_whole_xml(xml: bytes, info: zipfile.ZipInfo, name: str) -> None:
    """The checks _xml_chunks makes, for a part read whole in one chunk."""
    if xml:
        _check_xml_start(xml, info, name)
        if gx.has_entity_declaration(xml):
            raise L.abnormal(name, f"的{info.filename}含有XML实体声明（DOCTYPE/ENTITY）")


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

    rels = whole("xl/_rels/workbook.xml.rels")
    sheets = []
    for sheet, target in gx.workbook_sheets(rels, whole("xl/workbook.xml")):
        if target is None:
            raise L.corrupt(name, f"工作表“{sheet}”的数据缺失")
        if target.startswith("/xl/"):
            target = target[1:]
        elif not target.startswith("xl/"):
            target = "xl/" + target
        sheets.append((sheet, target.lower()))
    return sheets


def inspect_zip(
    f: BinaryIO,
    name: str,
    formula_free: set[str] | None = None,
    sheets_seen: list[tuple[str, str]] | None = None,
) -> str:
    """Return "xlsx", "xlsb" or "ods" for a zip package within every budget, else raise.

    The lower-cased paths of the sheet parts seen whole without any formula tag are added to
    `formula_free`, and the xlsx's (sheet name, part) to `sheets_seen`, so that
    uncached_in_zip() need neither inflate those parts nor parse the workbook again."""
    try:
        with zipfile.ZipFile(f) as zf:
            infos = zf.infolist()
            _check_sizes(infos, name)
            parts = {i.filename.lower(): i for i in infos}
            fmt = _zip_format(zf, parts, name)
            sheets = _xlsx_sheets(zf, parts, name) if fmt == "xlsx" else []
            _scan_parts(zf, infos, fmt, sheets, name, formula_free)
            if sheets_seen is not None:
                sheets_seen += sheets
            return fmt
    except _ZIP_ERRORS:
        raise L.corrupt(name) from None
    except gx.Abnormal:
        raise L.abnormal(name, "中含有异常长的XML标记") from None


def _whole(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    name: str,
    budget: _Budget | None = None,
    content: bytes | None = None,
) -> bytes:
    """Return a part's whole content for an exact scan, refusing parts over L.MAX_WHOLE_PART;
    `content` is the part already read whole and checked, else it is read again."""
    whole = info.file_size + (budget.whole if budget else 0)
    if whole > L.MAX_WHOLE_PART:
        raise L.abnormal(
            name, f"的XML结构不规范且过大（超过{L.MAX_WHOLE_PART >> 20} MB），无法安全检查"
        )
    if budget:
        budget.whole = whole
    return content if content is not None else b"".join(_xml_chunks(zf, info, name))


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
        if not lower or lower.endswith(_NOT_READ) or "/embeddings/" in lower:
            continue
        if fmt == "ods" and lower == "content.xml":
            tables = gx.ods_extents(_whole(zf, info, name, budget))
            extents += [table for table in tables if table[1] >= 0]
            continue
        content = _one_shot(zf, info)
        if content is not None:
            # The usual small part, read whole at once: the same checks in the same order as
            # the streamed path below, without its generator layers.
            budget.add(len(content), name)
            if not lower.endswith(_XMLISH):
                continue
            _check_whole_xml(content, info, name)
            if lower not in by_part:
                continue
            extent, free = gx.whole_sheet_scan(content)
            if free and formula_free is not None:
                formula_free.add(lower)
            if extent is None:
                extent = gx.exact_extent(_whole(zf, info, name, budget, content))
            else:
                estimated[len(extents)] = info
            extents.append((by_part[lower], *extent))
            continue
        if not lower.endswith(_XMLISH):
            for _ in _chunks(zf, info, name, budget):
                pass  # inflating checks the declared size and the CRC
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
                gx.may_hold_formula(chunk) or (last + chunk[:1]) in (b"<f", b":f")
            ):
                self.formula = True
            last = chunk[-1:]
            yield chunk
        self.finished = True

    def none_in_whole_part(self) -> bool:
        """True when the whole part went through and held no formula tag."""
        return self.finished and not self.formula


def uncached_in_zip(
    f: BinaryIO,
    name: str,
    limit: int,
    skip: frozenset[str] = frozenset(),
    sheets: tuple[tuple[str, str], ...] | None = None,
) -> list[str]:
    """Return up to `limit` "Sheet!B7" cells of an xlsx holding a formula without cached value;
    the sheet parts in `skip` (lower-cased paths known to hold no formula) are not read, and
    `sheets` (name, part), when given, is the workbook's sheet list already parsed."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(f) as zf:
            parts = {i.filename.lower(): i for i in zf.infolist()}
            if "xl/workbook.xml" not in parts:
                return found
            for sheet, part in _xlsx_sheets(zf, parts, name) if sheets is None else sheets:
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
