"""Read just enough of an OLE2 compound file (legacy .xls, or an encrypted Office file) to
say what it is: its stream names, whether a BIFF workbook is encrypted, and how far its
cells reach. Pure Python, bounded by the file's size; raises Corrupt on any inconsistency.
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass
from typing import BinaryIO

MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_END, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_MINI_SECTOR = 64

# BIFF record types (MS-XLS) that place a value in a cell: FORMULA, NUMBER, LABEL, BOOLERR,
# RK, LABELSST, RSTRING. Blank cells (BLANK, MULBLANK) are dropped by calamine.
_CELL_RECORDS = frozenset({0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6})
_MULRK, _FILEPASS, _BOUNDSHEET = 0x00BD, 0x002F, 0x0085
_BOFS = frozenset({0x0809, 0x0409, 0x0209, 0x0009})


class Corrupt(Exception):
    """The compound file or its BIFF stream is damaged."""


@dataclass(slots=True)
class Entry:
    """One directory entry: name, kind (1 storage, 2 stream, 5 root), first sector, size."""

    name: str
    kind: int
    start: int
    size: int


def _uints(data: bytes) -> array:
    out = array("I")
    out.frombytes(data[: len(data) // 4 * 4])
    if out.itemsize != 4:  # pragma: no cover - every platform we ship on has 4-byte "I"
        raise Corrupt
    if struct.pack("=I", 1) != struct.pack("<I", 1):  # pragma: no cover - big-endian hosts
        out.byteswap()
    return out


class CompoundFile:
    """The directory of a compound file, with a bounded stream reader."""

    def __init__(self, f: BinaryIO, file_size: int) -> None:
        self.f = f
        f.seek(0)
        header = f.read(512)
        if len(header) < 512 or header[:8] != MAGIC:
            raise Corrupt
        (order, shift, mini_shift) = struct.unpack_from("<HHH", header, 28)
        if order != 0xFFFE or shift not in (9, 12) or mini_shift != 6:
            raise Corrupt
        self.ssz = 1 << shift
        self.nsectors = max(0, file_size // self.ssz - 1) + 1
        n_fat, dir_start = struct.unpack_from("<II", header, 44)
        self.cutoff, minifat_start, _, difat_start, n_difat = struct.unpack_from(
            "<IIIII", header, 56
        )
        fat_ids = [s for s in _uints(header[76:512]) if s != _FREE]
        seen = 0
        sid = difat_start
        while sid not in (_END, _FREE) and seen < min(n_difat, self.nsectors):
            per = _uints(self._sector(sid))
            fat_ids += [s for s in per[:-1] if s != _FREE]
            sid, seen = per[-1], seen + 1
        if len(fat_ids) < min(n_fat, 1) or len(fat_ids) > self.nsectors:
            raise Corrupt
        self.fat = _uints(b"".join(self._sector(s) for s in fat_ids))
        raw = b"".join(self._sector(s) for s in self._chain(dir_start, self.fat))
        self.entries: list[Entry] = []
        for off in range(0, len(raw) - 127, 128):
            name_len, kind = struct.unpack_from("<HB", raw, off + 64)
            if kind not in (1, 2, 5) or not 2 <= name_len <= 64:
                continue
            name = raw[off : off + name_len - 2].decode("utf-16-le", "replace")
            start, size = struct.unpack_from("<IQ", raw, off + 116)
            if shift == 9:
                size &= 0xFFFFFFFF  # version 3 files may leave garbage in the high half
            self.entries.append(Entry(name, kind, start, size))
        if not self.entries or self.entries[0].kind != 5:
            raise Corrupt
        self._minifat_start = minifat_start

    def _sector(self, sid: int) -> bytes:
        if sid >= self.nsectors:
            raise Corrupt
        self.f.seek((sid + 1) * self.ssz)
        return self.f.read(self.ssz)

    def _chain(self, start: int, table: array, limit: int | None = None) -> list[int]:
        """Return the sector ids of a chain (its first `limit` at most), refusing loops and ids
        outside `table`."""
        out: list[int] = []
        sid = start
        while sid != _END:
            if limit is not None and len(out) >= limit:
                break
            if sid >= len(table) or len(out) >= len(table):
                raise Corrupt
            out.append(sid)
            sid = table[sid]
        return out

    def stream_names(self) -> set[str]:
        """Return the names of every stream, lower-cased."""
        return {e.name.lower() for e in self.entries if e.kind == 2}

    def read(self, name: str, limit: int) -> bytes:
        """Return the first `limit` bytes (at most) of the stream called `name`."""
        entry = next(e for e in self.entries if e.kind == 2 and e.name.lower() == name.lower())
        want = min(entry.size, limit)
        if entry.size >= self.cutoff:
            count = -(-want // self.ssz)
            return b"".join(self._sector(s) for s in self._chain(entry.start, self.fat, count))[
                :want
            ]
        root = self.entries[0]
        container = self._chain(root.start, self.fat)
        minifat = _uints(
            b"".join(self._sector(s) for s in self._chain(self._minifat_start, self.fat))
        )
        per = self.ssz // _MINI_SECTOR
        out = bytearray()
        for mini in self._chain(entry.start, minifat, -(-want // _MINI_SECTOR)):
            index, within = divmod(mini, per)
            if index >= len(container):
                raise Corrupt
            sector = self._sector(container[index])
            out += sector[within * _MINI_SECTOR : (within + 1) * _MINI_SECTOR]
        return bytes(out[:want])


@dataclass(slots=True)
class BiffFacts:
    """What the guard needs from a BIFF Workbook stream."""

    encrypted: bool
    extents: list[tuple[str, int, int]]  # (sheet, last row, last column) holding a value


def _sheet_name(body: bytes, biff8: bool) -> str:
    """Return the name in a BOUNDSHEET record body (after its offset and flags)."""
    if len(body) < 8:
        return "?"
    count = body[6]
    if not biff8:
        return body[7 : 7 + count].decode("gbk", "replace")
    if body[7] & 1:
        return body[8 : 8 + 2 * count].decode("utf-16-le", "replace")
    return body[8 : 8 + count].decode("latin-1")


def scan_biff(stream: bytes) -> BiffFacts:
    """Walk the records of a BIFF5/BIFF8 Workbook stream: FILEPASS, the sheet names and every
    cell's position, per substream."""
    if len(stream) < 8 or struct.unpack_from("<H", stream)[0] not in _BOFS:
        raise Corrupt
    biff8 = struct.unpack_from("<H", stream, 4)[0] == 0x0600
    names: dict[int, str] = {}  # substream offset → sheet name, from BOUNDSHEET
    extents: list[tuple[str, int, int]] = []
    sheet, max_row, max_col = "", -1, -1
    substreams = 0
    pos, n = 0, len(stream)
    unpack = struct.unpack_from
    while pos + 4 <= n:
        kind, length = unpack("<HH", stream, pos)
        body = pos + 4
        if kind in _CELL_RECORDS or kind == _MULRK:
            if body + 4 > n:
                raise Corrupt
            row, col = unpack("<HH", stream, body)
            if kind == _MULRK:
                col += max(0, (length - 6) // 6 - 1)
            if row > max_row:
                max_row = row
            if col > max_col:
                max_col = col
        elif kind in _BOFS:
            substreams += 1
            if max_row >= 0:
                extents.append((sheet, max_row, max_col))
            sheet, max_row, max_col = names.get(pos, f"第{len(extents) + 1}个工作表"), -1, -1
        elif substreams == 1 and kind == _FILEPASS:
            return BiffFacts(True, [])
        elif substreams == 1 and kind == _BOUNDSHEET and body + 4 <= n:
            names[unpack("<I", stream, body)[0]] = _sheet_name(stream[body : body + length], biff8)
        pos = body + length
    if max_row >= 0:
        extents.append((sheet, max_row, max_col))
    return BiffFacts(False, extents)
