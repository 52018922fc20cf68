"""Byte-level writers for test workbooks: hand-made xlsx parts, OLE2/CFB containers, BIFF8 .xls
streams and .ods packages, so that tests control exactly what is odd about a file.

Everything here is deterministic (fixed zip timestamps), so files built twice are identical.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from io import BytesIO
from xml.sax.saxutils import escape

from app.model import col_letter

ZIP_DATE = (2022, 1, 1, 0, 0, 0)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


# --- zip / xlsx ------------------------------------------------------------------------------


def zip_bytes(parts: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Return a zip archive holding `parts` (name → content), deterministic."""
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = compress
            zf.writestr(info, data)
    return buf.getvalue()


col_name = col_letter  # 0-based column index → letters (0 → A, 16383 → XFD)


def cell_xml(ref: str, value: object) -> str:
    """Return one `<c>` element: numbers as values, text as an inline string."""
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def rows_xml(rows: list[list[object]], first_row: int = 0) -> str:
    """Return `<row>` elements for `rows` from A1 (None leaves a cell out)."""
    out = []
    for r, line in enumerate(rows, start=first_row):
        cells = "".join(
            cell_xml(f"{col_name(c)}{r + 1}", v) for c, v in enumerate(line) if v is not None
        )
        out.append(f'<row r="{r + 1}">{cells}</row>')
    return "".join(out)


def sheet_xml(
    sheet_data: str, dimension: str | None = None, prolog: str = "", tail: str = ""
) -> str:
    """Return a worksheet part around `sheet_data` (the inside of `<sheetData>`)."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{dim}'
        f"<sheetData>{sheet_data}</sheetData>{tail}</worksheet>"
    )


def xlsx_parts(sheets: dict[str, str], extra: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """Return the parts of a minimal xlsx whose sheets are `sheets` (name → worksheet XML)."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>'
    )
    root_rels = (
        f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    entries = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(sheets, start=1)
    )
    workbook = (
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{entries}</sheets></workbook>'
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts = {
        "[Content_Types].xml": types.encode(),
        "_rels/.rels": root_rels.encode(),
        "xl/workbook.xml": workbook.encode(),
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>'.encode(),
    }
    for i, xml in enumerate(sheets.values(), start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml.encode()
    parts.update(extra or {})
    return parts


def xlsx_bytes(sheets: dict[str, str], extra: dict[str, bytes] | None = None) -> bytes:
    """Return a minimal xlsx file whose sheets are `sheets` (name → worksheet XML)."""
    return zip_bytes(xlsx_parts(sheets, extra))


def zeros_deflated(size: int, block: int = 1 << 20) -> bytes:
    """Return a raw deflate stream of `size` zero bytes, built in milliseconds.

    A full flush after every block resets the compressor, so every block compresses to the
    same bytes and a gigabyte costs one compression of `block` bytes (about 1 KB per MB).
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = comp.compress(bytes(block)) + comp.flush(zlib.Z_FULL_FLUSH)
    return piece * (size // block) + comp.flush()


def raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """Return a zip from already-deflated entries (name, data, crc, declared size, method).

    The declared size is written as given, so a test can make headers lie.
    """
    out, central = BytesIO(), BytesIO()
    for name, data, crc, size, method in entries:
        offset = out.tell()
        fname = name.encode()
        head = struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            0,
            method,
            0,
            0x5421,
            crc,
            len(data),
            size,
            len(fname),
            0,
        )
        out.write(head + fname + data)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0x5421,
                crc,
                len(data),
                size,
                len(fname),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + fname
        )
    cd = central.getvalue()
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), out.tell(), 0
    )
    return out.getvalue() + cd + end


# --- OLE2 / CFB ------------------------------------------------------------------------------

FREE, ENDCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _dir_entry(
    name: str, kind: int, start: int, size: int, child: int = NOSTREAM, right: int = NOSTREAM
) -> bytes:
    raw = (name.encode("utf-16-le") + b"\0\0") if name else b""
    return (
        raw.ljust(64, b"\0")
        + struct.pack("<HBBIII", len(raw), kind, 1, NOSTREAM, right, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )


def cfb_bytes(streams: dict[str, bytes]) -> bytes:
    """Return a version-3 compound file (512-byte sectors) holding `streams` at the root.

    Streams under 4096 bytes go to the mini stream, as the format requires, so any reader
    (calamine's included) finds them.
    """
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # the directory's sibling order
    mini, minifat, big = bytearray(), [], []
    starts: dict[str, int] = {}
    for n in names:
        data = streams[n]
        if len(data) < 4096:
            starts[n] = len(mini) // 64
            count = max(1, -(-len(data) // 64))
            minifat += [starts[n] + i + 1 for i in range(count - 1)] + [ENDCHAIN]
            mini += data.ljust(count * 64, b"\0")
        else:
            big.append(n)
    chunks: list[tuple[str, bytes]] = []  # regular-sector regions after the FAT, in order
    entries = [b""] * (len(names) + 1)
    chunks.append(("dir", b"\0" * (128 * len(entries))))
    if minifat:
        chunks.append(("minifat", struct.pack(f"<{len(minifat)}I", *minifat)))
        chunks.append(("mini", bytes(mini)))
    for n in big:
        chunks.append((n, streams[n]))
    sizes = [max(1, -(-len(d) // 512)) for _, d in chunks]
    body = sum(sizes)
    nfat = 1
    while nfat * 128 < body + nfat:
        nfat += 1
    fat = [FATSECT] * nfat
    where: dict[str, int] = {}
    for (key, _), n in zip(chunks, sizes, strict=True):
        where[key] = len(fat)
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [ENDCHAIN]
    fat += [FREE] * (nfat * 128 - len(fat))
    root_start = where.get("mini", ENDCHAIN)
    entries[0] = _dir_entry("Root Entry", 5, root_start, len(mini), child=1 if names else NOSTREAM)
    for i, n in enumerate(names, start=1):
        start = where[n] if n in where else starts[n]
        entries[i] = _dir_entry(
            n, 2, start, len(streams[n]), right=i + 1 if i < len(names) else NOSTREAM
        )
    chunks[0] = ("dir", b"".join(entries))
    difat = list(range(nfat)) + [FREE] * (109 - nfat)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + bytes(16)
        + struct.pack(
            "<HHHHH6sIIIIIIIII",
            0x3E,
            3,
            0xFFFE,
            9,
            6,
            bytes(6),
            0,
            nfat,
            where["dir"],
            0,
            4096,
            where.get("minifat", ENDCHAIN),
            1 if minifat else 0,
            ENDCHAIN,
            0,
        )
        + struct.pack("<109I", *difat)
    )
    out = bytearray(header)
    out += struct.pack(f"<{len(fat)}I", *fat)
    for (_, data), n in zip(chunks, sizes, strict=True):
        out += data.ljust(n * 512, b"\0")
    return bytes(out)


# --- BIFF8 (.xls) ----------------------------------------------------------------------------


def _rec(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(dt: int) -> bytes:
    return _rec(0x0809, struct.pack("<HHHHII", 0x0600, dt, 0x0DBB, 0x07CC, 0, 0x0206))


def biff8_stream(sheet: str, cells: dict[tuple[int, int], object], filepass: bool = False) -> bytes:
    """Return a BIFF8 Workbook stream with one sheet of `cells` ((row, col) → number or text).

    `filepass` adds the FILEPASS record that marks an RC4-encrypted (password) workbook.
    """
    body = b""
    for (r, c), v in sorted(cells.items()):
        if isinstance(v, int | float):
            body += _rec(0x0203, struct.pack("<HHHd", r, c, 0, float(v)))
        else:
            text = str(v).encode("utf-16-le")
            body += _rec(0x0204, struct.pack("<HHHHB", r, c, 0, len(text) // 2, 1) + text)
    sheet_sub = _bof(0x0010) + body + _rec(0x000A)
    name = sheet.encode("utf-16-le")
    globals_head = _bof(0x0005)
    if filepass:
        globals_head += _rec(0x002F, struct.pack("<HHH", 1, 1, 1) + bytes(48))
    globals_head += _rec(0x0042, struct.pack("<H", 1200))  # CODEPAGE: UTF-16
    boundsheet_len = 4 + 8 + len(name)
    offset = len(globals_head) + boundsheet_len + 4
    boundsheet = _rec(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name) // 2, 1) + name)
    return globals_head + boundsheet + _rec(0x000A) + sheet_sub


def xls_bytes(sheet: str, cells: dict[tuple[int, int], object], filepass: bool = False) -> bytes:
    """Return a .xls file (BIFF8 in a compound file) with one sheet of `cells`."""
    return cfb_bytes({"Workbook": biff8_stream(sheet, cells, filepass)})


# --- ODS -------------------------------------------------------------------------------------


def ods_bytes(content_body: str) -> bytes:
    """Return an .ods package whose `office:spreadsheet` holds `content_body`."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{content_body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("mimetype", date_time=ZIP_DATE)
        zf.writestr(info, "application/vnd.oasis.opendocument.spreadsheet")  # stored, first
        for name, data in (("content.xml", content), ("META-INF/manifest.xml", manifest)):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()
