"""Scans of a workbook's XML parts for the guard: entity declarations, how far the cells that
hold a value reach (xlsx worksheets, .ods tables), and formulas without cached values.

calamine reads XML leniently (measured with python-calamine 0.9.1): it takes the last of
duplicate r attributes, accepts attributes without whitespace between them, and accepts "<"
and ">" inside quoted values. The quick pass therefore only vouches for a sheet when every cell
tag starts with `<c r="` and no r attribute anywhere goes beyond Z99; the middle pass reads the
`<c r="` references when no other r attribute hides among them; anything else gets the exact
pass, which parses tags with quoted values over the whole part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

HUGE = 1 << 40  # stands for any row, column or count beyond every budget
# A chunk without any "<" in 4 MB is no worksheet (a cell holds at most 32,767 characters);
# carrying it on would make memory unbounded.
MAX_CARRY = 4 << 20
SMALL_EXTENT = (98, 25)  # what the quick pass vouches for: nothing beyond Z99

_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# A cell whose first attribute is not r, or any namespace-prefixed cell (calamine goes by the
# local name, so <x:c> is a cell too).
_IRREGULAR_CELL = re.compile(rb'<c(?:[>/]|\s(?!r="))')
_PREFIXED_CELL = re.compile(rb":c[\s>/]")  # two searches: each keeps its fast literal prefix
_FAR_R = re.compile(rb"""r\s*=\s*["'](?:[A-Za-z]{2}|[A-Za-z]?[0-9]{3})""")  # beyond Z99
_ANY_R = re.compile(rb"""r\s*=\s*["']""")
_REF_COLS = re.compile(rb'<c r="([A-Za-z]+)[0-9]+"')
_REF_ROWS = re.compile(rb'<c r="[A-Za-z]+([0-9]+)"')
_NAME_CHARS = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:.-")
_ATTRS = rb"""((?:[^>"']|"[^"]*"|'[^']*')*)"""
_TAG = re.compile(rb"<(?:/(?:[\w.-]+:)?(row)>|(?:[\w.-]+:)?(row|c)(?=[\s/>])" + _ATTRS + rb">)")
_ODS_TAG = re.compile(
    rb"<(?:/(?:[\w.-]+:)?(table-row|table)>|(?:[\w.-]+:)?"
    rb"(table-row|table-cell|covered-table-cell|table)(?=[\s/>])" + _ATTRS + rb">)"
)
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_FORMULA = re.compile(rb"<f[\s/>]")  # two patterns, so that each keeps a fast literal prefix
_FORMULA_PREFIXED = re.compile(rb":f[\s/>]")
_CELL_END = re.compile(rb"</(?:[\w.-]+:)?c>")
_VALUE_TEXT = re.compile(rb"<(?:[\w.-]+:)?v>\s*[^<\s]")
_REF = re.compile(rb"^([A-Za-z]+)([0-9]+)$")


class Abnormal(Exception):
    """The part's XML is too odd to scan with bounded memory."""


def row_index(digits: bytes) -> int:
    """Return the 0-based row of a reference's digits (b"1" → 0); HUGE for absurd lengths."""
    return int(digits) - 1 if len(digits) <= 9 else HUGE


def column_index(letters: bytes) -> int:
    """Return the 0-based column of `letters` (b"A" → 0, b"XFD" → 16383)."""
    if len(letters) > 4:
        return HUGE
    col = 0
    for ch in letters.upper():
        col = col * 26 + ch - 64
    return col - 1


def attributes(raw: bytes) -> list[tuple[bytes, bytes]]:
    """Return the (name, raw value) pairs of a tag's attribute text, in order."""
    return [
        (m.group(1), m.group(2) if m.group(2) is not None else m.group(3))
        for m in _ATTR.finditer(raw)
    ]


def _count(digits: bytes) -> int:
    return int(digits) if digits.isdigit() and len(digits) <= 9 else HUGE


def tag_pieces(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Yield the stream again in pieces that each end just before a "<"."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        cut = data.rfind(b"<")
        if cut <= 0:
            carry = data
            if len(carry) > MAX_CARRY:
                raise Abnormal
            continue
        carry = data[cut:]
        yield data[:cut]
    if carry:
        yield carry


def has_entity_declaration(data: bytes) -> bool:
    """Return True when `data` holds a DOCTYPE or ENTITY declaration."""
    return b"<!" in data and _DOCTYPE.search(data) is not None


def _far_r(piece: bytes) -> bool:
    for m in _FAR_R.finditer(piece):
        # Attributes merely ending in "r" (operator=, xmlns:r=) are not r.
        if m.start() == 0 or piece[m.start() - 1] not in _NAME_CHARS:
            return True
    return False


def _only_leading_r(piece: bytes) -> bool:
    """True when every r attribute in `piece` is the first attribute of a `<c r="` or a
    `<row r="` tag: each term on the right is a subset of the matches on the left, so no
    hidden (duplicate, spaced, single-quoted) r attribute can balance the count."""
    legit = piece.count(b'<c r="') + piece.count(b'<row r="')
    legit += sum(
        piece.count(s) for s in (b':r="', b' header="', b' footer="', b' operator="', b' error="')
    )
    return len(_ANY_R.findall(piece)) == legit


def sheet_extent(chunks: Iterable[bytes]) -> tuple[int, int] | None:
    """Return a bound on (last row, last column) of a worksheet's cells, or None when its XML
    is irregular (cells without a leading r, hidden r attributes) and needs exact_extent().

    Pieces whose r attributes all stay within Z99 count up to the row of their last cell and
    column Z without further work; other pieces take the largest row and column of their
    `<c r="` references."""
    max_row = max_col = -1
    for piece in tag_pieces(chunks):
        if _IRREGULAR_CELL.search(piece) or _PREFIXED_CELL.search(piece):
            return None
        if not _far_r(piece):
            last = piece.rfind(b'<c r="')
            if last < 0:
                continue
            # Within Z99: the row of the piece's last cell, and column Z, bound it closely
            # enough (a bound of 99 rows per sheet would refuse a province's 4,000 forms).
            m = _REF_ROWS.match(piece, last)
            row = row_index(m.group(1)) if m else SMALL_EXTENT[0]
            max_row, max_col = max(max_row, row), max(max_col, SMALL_EXTENT[1])
            continue
        if not _only_leading_r(piece):
            return None
        cols = set(_REF_COLS.findall(piece))
        rows = set(_REF_ROWS.findall(piece))
        if cols:
            max_col = max(max_col, max(column_index(c) for c in cols))
        if rows:
            max_row = max(max_row, max(row_index(r) for r in rows))
    return max_row, max_col


def exact_extent(xml: bytes) -> tuple[int, int]:
    """Return (last row, last column), 0-based, of the cells holding a value in a whole
    worksheet part, placed as calamine places them: a cell's last r attribute wins, a row's
    first; cells without r follow the row and column counters. (-1, -1) when none."""
    row = col = 0
    max_row = max_col = -1
    for m in _TAG.finditer(xml):
        if m.group(1):  # </row>
            row, col = row + 1, 0
            continue
        name, raw = m.group(2), m.group(3)
        attrs = [(k, v) for k, v in attributes(raw) if k == b"r"]
        self_closing = raw.endswith(b"/")
        if name == b"row":
            if attrs:
                row = row_index(attrs[0][1]) if attrs[0][1].isdigit() else HUGE
            if self_closing:
                row, col = row + 1, 0
            continue
        pos_row = row
        if attrs:
            ref = _REF.match(attrs[-1][1])
            pos_row, col = (
                (row_index(ref.group(2)), column_index(ref.group(1))) if ref else (HUGE, HUGE)
            )
        # Empty cells (<c/>, <c></c>) are dropped by calamine and so allocate nothing.
        if not self_closing and not xml.startswith(b"</", m.end()):
            max_row, max_col = max(max_row, pos_row), max(max_col, col)
        col += 1
    return max_row, max_col


def ods_extents(xml: bytes) -> list[tuple[str, int, int]]:
    """Return (table name, last row, last column) of the cells holding a value in each table
    of a whole .ods content.xml, counting repeated rows and columns as calamine expands them."""
    out: list[tuple[str, int, int]] = []
    table = ""
    row = col = 0
    max_row = max_col = -1
    repeat_rows, row_width = 1, 0
    for m in _ODS_TAG.finditer(xml):
        closing = m.group(1)
        name = closing or m.group(2)
        attrs = {} if closing else {k.rpartition(b":")[2]: v for k, v in attributes(m.group(3))}
        self_closing = not closing and m.group(3).endswith(b"/")
        if name == b"table":
            if closing:
                out.append((table, max_row, max_col))
            elif not self_closing:
                table = attrs.get(b"name", b"").decode("utf-8", "replace")
                row = col = 0
                max_row = max_col = -1
            continue
        if name == b"table-row":
            if not closing:
                repeat_rows = _count(attrs.get(b"number-rows-repeated", b"1"))
                row_width = col = 0
            if closing or self_closing:
                if row_width:
                    max_row = max(max_row, row + repeat_rows - 1)
                    max_col = max(max_col, row_width - 1)
                row += repeat_rows
            continue
        repeat = _count(attrs.get(b"number-columns-repeated", b"1"))
        if b"value-type" in attrs or (not self_closing and not xml.startswith(b"</", m.end())):
            row_width = col + repeat
        col += repeat
    return out


def _cell_pieces(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Yield the stream again in pieces that each end just after a cell's closing tag."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        cut = max(data.rfind(b"/c>"), data.rfind(b":c>"))
        if cut < 0:
            carry = data
            if len(carry) > MAX_CARRY:
                raise Abnormal
            continue
        carry = data[cut + 3 :]
        yield data[: cut + 3]
    if carry:
        yield carry


def uncached_cells(chunks: Iterable[bytes], limit: int) -> list[str]:
    """Return up to `limit` references of cells that carry a formula but no cached value.

    Only formula tags are visited; each one's cell is found around it, so the cost is one
    regex pass plus a little per formula."""
    found: list[str] = []
    for piece in _cell_pieces(chunks):
        if b"f>" not in piece and b"f " not in piece:
            continue
        done = 0  # end of the last cell handled: a cell's second <f> is not a second report
        formulas = [m.start() for m in _FORMULA.finditer(piece)]
        formulas += [m.start() for m in _FORMULA_PREFIXED.finditer(piece)]
        for at in sorted(formulas):
            if at < done:
                continue
            start = max(piece.rfind(b"<c ", 0, at), piece.rfind(b"<c>", 0, at))
            prefixed = piece.rfind(b":c ", 0, at)
            if prefixed > start:
                start = piece.rfind(b"<", 0, prefixed)
            last_end = max(piece.rfind(b"/c>", 0, at), piece.rfind(b":c>", 0, at))
            tag_end = piece.find(b">", start)
            if start < 0 or start < last_end or piece[tag_end - 1 : tag_end] == b"/":
                continue  # not inside a cell (a data validation's <xm:f>, say)
            end = _CELL_END.search(piece, at)
            done = end.end() if end else len(piece)
            if _VALUE_TEXT.search(piece, at, done) is None:
                refs = [v for k, v in attributes(piece[start + 2 : tag_end]) if k == b"r"]
                found.append(refs[-1].decode("ascii", "replace").upper() if refs else "?")
                if len(found) >= limit:
                    return found
    return found
