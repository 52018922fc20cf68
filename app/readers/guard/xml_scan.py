"""Scans of a workbook's XML parts for the guard: entity declarations, how far the cells that
hold a value reach (xlsx worksheets, .ods tables), formulas without cached values, and the
sheet list of workbook.xml.

calamine reads XML leniently (measured with python-calamine 0.9.1): it takes the last of
duplicate r attributes, accepts attributes without whitespace between them, and accepts "<"
and ">" inside quoted values. The quick pass therefore only vouches for a sheet when every cell
tag starts with `<c r="` and no r attribute anywhere goes beyond Z99; the middle pass reads the
`<c r="` references when no other r attribute hides among them; anything else gets the exact
pass, which parses tags with quoted values over the whole part.
"""

from __future__ import annotations

import html
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
# Same matches as <c(?:[>/]|\s(?!r=")), but an ordinary `<c r="` fails at the first test.
_IRREGULAR_CELL = re.compile(rb'<c(?!\sr=")[\s>/]')
_PREFIXED_CELL = re.compile(rb":c[\s>/]")  # two searches: each keeps its fast literal prefix
_COLON_TAG = re.compile(rb":(?:f|c[\s>/])")  # a prefixed formula or cell tag could be there
# "<f" found from its rarer second byte: the same matches, a faster scan than for "<f" itself
# (and than bytes.__contains__).
_FORMULA_START = re.compile(rb"f(?<=<f)")
# Beyond Z99: two letters, or three digits after an optional letter (the two cannot both hold,
# so the possessive form matches exactly where r\s*=\s*["'](?:[A-Za-z]{2}|[A-Za-z]?[0-9]{3})
# does, with less backtracking).
_FAR_R = re.compile(rb"""r\s*+=\s*+["'](?:[A-Za-z]?+[0-9]{3}|[A-Za-z]{2})""")
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
    # findall gives b"" for the quote form that did not match: `double or single` is the value.
    return [(key, double or single) for key, double, single in _ATTR.findall(raw)]


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
    return b"!" in data and _DOCTYPE.search(data) is not None  # "!" alone: a memchr


def _far_r(piece: bytes, end: int | None = None) -> bool:
    """True when an r attribute in piece[:end] goes beyond Z99."""
    for m in _FAR_R.finditer(piece, 0, len(piece) if end is None else end):
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
        bound = _piece_bound(piece, len(piece))
        if bound is None:
            return None
        max_row, max_col = max(max_row, bound[0]), max(max_col, bound[1])
    return max_row, max_col


def whole_sheet_scan(xml: bytes) -> tuple[tuple[int, int] | None, bool]:
    """Return what sheet_extent([xml]) returns for a worksheet part inflated whole, and whether
    the part surely holds no formula tag (False too when the scan stopped at an irregular first
    piece, as the streamed scan does), without the generator layers of the streamed path."""
    # One search for both prefixed forms: without any, neither check needs to run again.
    colon = _COLON_TAG.search(xml) is not None
    free = _FORMULA_START.search(xml) is None and not (colon and b":f" in xml)
    # The pieces tag_pieces() cuts from a single chunk: up to its last "<", then the rest.
    cut = xml.rfind(b"<")
    if cut <= 0:
        return (_piece_bound(xml, len(xml), colon) if xml else (-1, -1)), free
    first = _piece_bound(xml, cut, colon)
    if first is None:
        return None, False
    rest = xml[cut:]
    # Usually "</worksheet>": without "<c", "=" or ":" it can hold no cell, r attribute or
    # prefixed tag, so it adds nothing.
    if b"=" in rest or b"<c" in rest or b":" in rest:
        last = _piece_bound(rest, len(rest), colon)
        if last is None:
            return None, free
        return (max(first[0], last[0]), max(first[1], last[1])), free
    return first, free


def may_hold_formula(chunk: bytes) -> bool:
    """True when `chunk` holds "<f" or ":f" (a superset of the tags uncached_cells looks for)."""
    return _FORMULA_START.search(chunk) is not None or b":f" in chunk


def _piece_bound(data: bytes, end: int, colon: bool = True) -> tuple[int, int] | None:
    """Return the bound the piece data[:end] adds ((-1, -1): none), or None when it is
    irregular; `colon` False says the part holds no ":f"/":c" tag, so the prefixed-cell search
    is skipped. (Searching up to `end` is searching the piece, uncopied: none of these
    patterns looks behind.)"""
    if _IRREGULAR_CELL.search(data, 0, end) or (colon and _PREFIXED_CELL.search(data, 0, end)):
        return None
    if not _far_r(data, end):
        last = data.rfind(b'<c r="', 0, end)
        if last < 0:
            return -1, -1
        # Within Z99: the row of the piece's last cell, and column Z, bound it closely
        # enough (a bound of 99 rows per sheet would refuse a province's 4,000 forms).
        m = _REF_ROWS.match(data, last, end)
        return (row_index(m.group(1)) if m else SMALL_EXTENT[0]), SMALL_EXTENT[1]
    piece = data[:end]
    if not _only_leading_r(piece):
        return None
    cols = set(_REF_COLS.findall(piece))
    rows = set(_REF_ROWS.findall(piece))
    return (
        max((row_index(r) for r in rows), default=-1),
        max((column_index(c) for c in cols), default=-1),
    )


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
        # Searches back from a formula stop at `low`: the end of the last cell handled, or the
        # last formula found outside any cell (a cell starting before it would have held it).
        # Unbounded, the searches for rare tags (<c>, :c) ran back to the start of the piece
        # for every formula: quadratic in a summary sheet of thousands of formulas.
        low = 0
        formulas = [m.start() for m in _FORMULA.finditer(piece)]
        formulas += [m.start() for m in _FORMULA_PREFIXED.finditer(piece)]
        for at in sorted(formulas):
            if at < done:
                continue
            start = max(piece.rfind(b"<c ", low, at), piece.rfind(b"<c>", low, at))
            prefixed = piece.rfind(b":c ", low, at)
            if prefixed > start:
                start = piece.rfind(b"<", 0, prefixed)
            last_end = max(piece.rfind(b"/c>", low, at), piece.rfind(b":c>", low, at))
            tag_end = piece.find(b">", start)
            if start < 0 or start < last_end or piece[tag_end - 1 : tag_end] == b"/":
                low = at
                continue  # not inside a cell (a data validation's <xm:f>, say)
            end = _CELL_END.search(piece, at)
            done = low = end.end() if end else len(piece)
            if _VALUE_TEXT.search(piece, at, done) is None:
                refs = [v for k, v in attributes(piece[start + 2 : tag_end]) if k == b"r"]
                found.append(refs[-1].decode("ascii", "replace").upper() if refs else "?")
                if len(found) >= limit:
                    return found
    return found


# --- the sheet list (workbook.xml and its rels) ----------------------------------------------

# Possessive: the parse is unique (each character decides its branch), so this matches exactly
# where ((?:[^>"']|"[^"]*"|'[^']*')*)> does, without a step per character.
_QUOTED_ATTRS = rb"""((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>"""
# A tag is tried first in the form Excel, WPS and most libraries write, whose two wanted values
# (groups 1 and 2, neither with an "&" to unescape) are all _attrs() would find, and which ends
# at the very ">" the general form ends at (group 4: its attribute text); group 3 marks it.
_REL = re.compile(
    rb'<(?:[\w.-]+:)?Relationship\b(?:\s+Id="([^"&]*)"\s+Type="[^"]*"\s+Target="([^"&]*)"'
    rb"[\s/]*(>)|" + _QUOTED_ATTRS + rb")"
)
_SHEET = re.compile(
    rb'<(?:[\w.-]+:)?sheet\b(?:\s+name="([^"&]*)"\s+sheetId="[^"]*"\s+r:id="([^"&]*)"'
    rb"[\s/]*(>)|" + _QUOTED_ATTRS + rb")"
)


def workbook_sheets(rels: bytes, workbook: bytes) -> list[tuple[str, str | None]]:
    """Return (sheet name, relationship target, None when there is none) for each <sheet> of
    workbook.xml in order, attributes by local name (r:id → id), values unescaped."""
    targets = {}
    for found in _REL.findall(rels):
        rid, target = _pair(found, (b"Id", b"Target"))
        if rid and target:
            targets[rid] = target
    out = []
    for found in _SHEET.findall(workbook):
        sheet, rid = _pair(found, (b"name", b"id"))
        out.append((sheet or "?", targets.get(rid or "")))
    return out


def _pair(found: tuple[bytes, ...], wanted: tuple[bytes, bytes]) -> tuple[str | None, ...]:
    """Return a tag's two `wanted` attributes (None when absent) from its _REL/_SHEET groups."""
    first, second, usual, raw = found
    if usual:
        return first.decode("utf-8", "replace"), second.decode("utf-8", "replace")
    attrs = _attrs(raw, wanted)
    return attrs.get(wanted[0]), attrs.get(wanted[1])


def _attrs(raw: bytes, wanted: tuple[bytes, bytes]) -> dict[bytes, str]:
    """Return a tag's `wanted` attributes by local name; the last of duplicates wins."""
    found = {}
    for key, value in attributes(raw):
        local = key.rpartition(b":")[2]
        if local in wanted:
            text = value.decode("utf-8", "replace")
            found[local] = html.unescape(text) if "&" in text else text
    return found
