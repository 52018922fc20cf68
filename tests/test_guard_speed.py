"""The guard's fast paths (issue 8) decide exactly as its slow paths: a small part inflated in
one call reads what zipfile reads and is refused where zipfile refuses, the whole-part sheet
scan finds what the streamed scan finds (r attributes beyond Z99 in every odd spelling
included), and uncached_formulas() right after inspect() reuses what inspect() learnt."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
import workbook_bytes as wb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import InputError
from app.readers import guard
from app.readers.guard import inspect, uncached_formulas
from app.readers.guard import limits as guard_limits
from app.readers.guard import xml_scan as gx
from app.readers.guard import zip_parts as guard_zip
from app.readers.guard.zip_parts import _FormulaWatch, _one_shot

# --- the one-shot reader against zipfile ---------------------------------------------------------


def _entry(name: str, packed: bytes, crc: int, size: int, method: int = 8, **odd: object) -> dict:
    """One part whose headers say what the arguments say (so that a test can make them lie)."""
    return {"name": name, "packed": packed, "crc": crc, "size": size, "method": method, **odd}


def _archive(entries: list[dict]) -> bytes:
    body, central = bytearray(), bytearray()
    for e in entries:
        name, packed = e["name"].encode(), e["packed"]
        local_name, extra = str(e.get("local_name", e["name"])).encode(), e.get("extra", b"")
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, e["method"], 0, 0x5421, e["crc"],
            len(packed), e["size"], len(name), 0, 0, 0, 0, 0, len(body),
        ) + name  # fmt: skip
        body += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, e.get("local_flags", 0), e["method"], 0, 0x5421,
            e["crc"], len(packed), e["size"], len(local_name), len(extra),
        ) + local_name + extra + packed  # fmt: skip
    n = len(entries)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), len(body), 0)
    return bytes(body + central + end)


def _zip(name: str, packed: bytes, crc: int, size: int, method: int = 8, **odd: object) -> bytes:
    return _archive([_entry(name, packed, crc, size, method, **odd)])


def _deflate(data: bytes) -> bytes:
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush()


def _deflate_then_garbage(data: bytes) -> bytes:
    """A stream that inflates to `data`, then holds a block of the reserved type (an error)."""
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush(zlib.Z_SYNC_FLUSH) + b"\x07\xff\xff"


def _zipfile_read(raw: bytes) -> bytes | None:
    """What the streamed path gets from the part: its first read, or None when zipfile raises."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf, zf.open(zf.infolist()[0]) as fh:
            return fh.read(guard_limits.CHUNK)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
        return None


def _one_shot_read(raw: bytes) -> bytes | None:
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return _one_shot(zf, zf.infolist()[0])


@settings(max_examples=400, deadline=None)
@given(
    data=st.binary(max_size=3000),
    stored=st.booleans(),
    size_delta=st.sampled_from([0, 0, 0, -1, 1, -7, 50]),
    crc_of=st.sampled_from(["data", "data", "read", "other"]),
    cut=st.integers(0, 40),
    tail=st.sampled_from([b"", b"", b"\x00" * 3, b"\xff\x13garbage", _deflate(b"more")]),
    odd=st.sampled_from(
        [{}, {}, {"local_name": "b.xml"}, {"local_flags": 0x800}, {"extra": b"\x99\x99\x02\x00ab"}]
    ),
)
def test_one_shot_reads_what_zipfile_reads(
    data: bytes, stored: bool, size_delta: int, crc_of: str, cut: int, tail: bytes, odd: dict
) -> None:
    packed = (data if stored else _deflate(data)) + tail
    packed = packed[: max(len(packed) - cut, 0)]
    size = max(len(data) + size_delta, 0)
    crc = {"data": zlib.crc32(data), "read": zlib.crc32(data[:size]), "other": 12345}[crc_of]
    raw = _zip("a.xml", packed, crc, size, 0 if stored else 8, **odd)
    streamed = _zipfile_read(raw)
    fast = _one_shot_read(raw)
    # Either the same bytes, or the one-shot path steps aside and zipfile decides.
    assert fast is None or fast == streamed
    if size_delta == cut == 0 and crc_of != "other" and not tail and not odd:
        assert fast == data  # an honest part always takes the one-shot path


def _refused(tmp_path: Path, packed: bytes, crc: int, size: int, **odd: object) -> str:
    """inspect()'s message for a one-sheet xlsx whose sheet part has the given headers."""
    sheet = "xl/worksheets/sheet1.xml"
    parts = wb.xlsx_parts({"S": wb.sheet_xml('<row r="1"/>')})
    entries = [
        _entry(n, _deflate(c), zlib.crc32(c), len(c))
        if n != sheet
        else _entry(n, packed, crc, size, **odd)
        for n, c in parts.items()
    ]
    path = tmp_path / "odd.xlsx"
    path.write_bytes(_archive(entries))
    with zipfile.ZipFile(path) as zf:
        assert _one_shot(zf, zf.getinfo(sheet)) is None  # the refusal is zipfile's own
    with pytest.raises(InputError) as exc:
        inspect(path)
    return exc.value.message


XML = wb.sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>').encode()
CORRUPT = (
    "“odd.xlsx”已损坏（压缩包不完整或数据出错），无法读取，请重新下载或用Excel、WPS重新另存后再试"
)


@pytest.mark.parametrize(
    ("packed", "crc", "size", "odd"),
    [
        # The header says 200 bytes; the stream inflates to 4 MB of zeros (4 KB packed).
        (wb.zeros_deflated(4 << 20), zlib.crc32(XML), 200, {}),
        (_deflate(XML), zlib.crc32(XML) ^ 1, len(XML), {}),  # a wrong CRC
        (_deflate(XML), zlib.crc32(XML), len(XML), {"local_name": "xl/worksheets/sheetX.xml"}),
        (_deflate(XML)[:-9], zlib.crc32(XML), len(XML), {}),  # a truncated stream
        (_deflate_then_garbage(XML), zlib.crc32(XML), len(XML), {}),  # an error past its size
    ],
    ids=["inflates_past_its_size", "bad_crc", "local_name_differs", "truncated", "garbage"],
)
def test_a_lying_small_part_is_refused_as_zipfile_refuses_it(
    tmp_path: Path, packed: bytes, crc: int, size: int, odd: dict
) -> None:
    assert _refused(tmp_path, packed, crc, size, **odd) == CORRUPT


def test_a_part_shorter_than_declared_reads_as_zipfile_reads_it() -> None:
    # zipfile accepts a part that ends early when the CRC matches what it holds.
    raw = _zip("a.xml", _deflate(XML), zlib.crc32(XML), len(XML) + 100)
    assert _one_shot_read(raw) == _zipfile_read(raw) == XML
    stored = _zip("a.xml", XML + b"tail", zlib.crc32(XML), len(XML), method=0)
    assert _one_shot_read(stored) == _zipfile_read(stored) == XML


# --- the whole-part sheet scan against the streamed scan and the original patterns ----------------

# The patterns of the guard before the fast paths, kept here as the reference.
_OLD_FAR = re.compile(rb"""r\s*=\s*["'](?:[A-Za-z]{2}|[A-Za-z]?[0-9]{3})""")
_OLD_IRREGULAR = re.compile(rb'<c(?:[>/]|\s(?!r="))')


def _old_far_r(piece: bytes) -> bool:
    return any(
        m.start() == 0 or piece[m.start() - 1] not in gx._NAME_CHARS
        for m in _OLD_FAR.finditer(piece)
    )


def _streamed_scan(xml: bytes, cuts: list[int]) -> tuple[tuple[int, int] | None, bool]:
    bounds = sorted({min(c, len(xml)) for c in cuts} | {0, len(xml)})
    chunks = [xml[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    watch = _FormulaWatch(iter(chunks))
    return gx.sheet_extent(watch), watch.none_in_whole_part()


TOKENS = [
    '<c r="A1">', '<c r="Z99">', '<c r="AA1">', '<c r="A100">', "<c>", "<c/>", '<c s="1" r="B2">',
    ' r = "XFD1"', "r\n=\t'A100'", '<row r="150">', '<row r="5">', 'xmlns:r="http"', '<x:c r="A1">',
    "<f>", "<x:f>", ":f", "<v>1</v>", "</c>", "</row>", ' r="AB"', '"r="AB"', "r=", "<", ">", " ",
    "r", "c", ":", '"', "'", "\n", "A", "1", "0", "=", ' r="A1"', ' r="12"', "= 'AA'", "<!",
    ' operator="AB"', ':r="AC"', '<c r="A1"/>', '<row r="3"/>', " r='9999'", '<c r="b4">',
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    parts=st.lists(st.sampled_from(TOKENS), max_size=30),
    cuts=st.lists(st.integers(0, 400), max_size=3),
)
def test_whole_scan_decides_as_the_streamed_scan(parts: list[str], cuts: list[int]) -> None:
    xml = "".join(parts).encode()
    assert gx.whole_sheet_scan(xml) == _streamed_scan(xml, [])
    extent, _ = _streamed_scan(xml, cuts)  # chunked anywhere: the same per-piece decisions
    assert extent == gx.sheet_extent(iter(_split(xml, cuts)))
    assert gx._far_r(xml) == _old_far_r(xml)
    assert (gx._IRREGULAR_CELL.search(xml) is None) == (_OLD_IRREGULAR.search(xml) is None)


def _split(xml: bytes, cuts: list[int]) -> list[bytes]:
    bounds = sorted({min(c, len(xml)) for c in cuts} | {0, len(xml)})
    return [xml[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


@pytest.mark.parametrize(
    "hidden",
    [' r = "XFD1"', "\nr\t=\n'XFD1'", " r='XFD1'", ' r= "XFD1"', ' r ="XFD1"', 'r="XFD1"'],
    ids=["spaces", "tab_newline_single", "single_quotes", "space_after", "space_before", "glued"],
)
def test_a_far_r_hidden_after_the_leading_one_is_caught(hidden: str, tmp_path: Path) -> None:
    data = f'<row r="1"><c r="A1"{hidden}><v>1</v></c></row>'
    xml = wb.sheet_xml(data).encode()
    # To the exact pass; the scan stopped there, so no promise about formulas either.
    assert gx.whole_sheet_scan(xml) == (None, False) == _streamed_scan(xml, [])
    assert gx.exact_extent(xml) == (0, 16383)  # calamine takes the last r
    path = tmp_path / "hidden.xlsx"
    path.write_bytes(wb.xlsx_bytes({"S": wb.sheet_xml(data)}))
    with pytest.raises(InputError) as exc:
        inspect(path)
    assert "数据范围过大（A1:XFD1）" in exc.value.message


@pytest.mark.parametrize(
    ("data", "bound"),
    [
        ('<row r="1"><c r="B3"><v>1</v></c></row>', (2, 25)),  # quick: within Z99
        ('<row r="150"><c r="B3"><v>1</v></c></row>', (2, 1)),  # a far row r: the middle pass
        ('<row r="1"><c r="AA1"><v>1</v></c></row>', (0, 26)),  # two letters
        ('<row r="1"><c r="A100"><v>1</v></c></row>', (99, 0)),  # three digits
        ('<row r="1" x:r="AB"><c r="B3"><v>1</v></c></row>', (2, 25)),  # a prefixed name: not r
    ],
)
def test_far_r_values_choose_the_pass(data: str, bound: tuple[int, int]) -> None:
    xml = wb.sheet_xml(data).encode()
    assert gx.whole_sheet_scan(xml) == (bound, True) == _streamed_scan(xml, [])


# --- the sheet list ---------------------------------------------------------------------------


def test_sheet_list_usual_and_odd_attributes() -> None:
    rels = (
        b'<Relationships><Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/>'
        b"<Relationship Type='t' Id='rId2' Target='/xl/worksheets/s2.xml'/>"
        b'<Relationship Id="rId3" Type="t" Target="a&amp;b.xml"/></Relationships>'
    )
    workbook = (
        b'<sheets><sheet name="\xe9\xa1\xb9\xe7\x9b\xae1" sheetId="1" r:id="rId1"/>'
        b'<x:sheet r:id="rId2" name="R&amp;D"/><sheet name="c" sheetId="3" r:id="rId3" />'
        b'<sheet name="gone" sheetId="4" r:id="rId9"/></sheets>'
    )
    assert gx.workbook_sheets(rels, workbook) == [
        ("项目1", "worksheets/sheet1.xml"),
        ("R&D", "/xl/worksheets/s2.xml"),
        ("c", "a&b.xml"),
        ("gone", None),
    ]


# --- what inspect() learnt, reused ------------------------------------------------------------


def _formula_book(path: Path, formula: bool) -> None:
    book = openpyxl.Workbook()
    book.active.title = "项目1"
    book.active["A1"] = 5
    second = book.create_sheet("项目2")
    second["A1"] = "=A1+1" if formula else 1
    book.save(path)


def test_uncached_formulas_opens_nothing_when_no_sheet_can_hold_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plain.xlsx"
    _formula_book(path, formula=False)
    assert inspect(path) == "xlsx"

    def no_scan(*args: object, **kwargs: object) -> list[str]:
        raise AssertionError("the zip was opened again")

    monkeypatch.setattr(guard, "uncached_in_zip", no_scan)
    assert uncached_formulas(path) == []


def test_uncached_formulas_reuses_the_sheet_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "formula.xlsx"
    _formula_book(path, formula=True)
    assert inspect(path) == "xlsx"
    assert guard._formula_free is not None
    assert guard._formula_free[2] == (
        ("项目1", "xl/worksheets/sheet1.xml"),
        ("项目2", "xl/worksheets/sheet2.xml"),
    )

    def no_parse(*args: object) -> list[tuple[str, str]]:
        raise AssertionError("workbook.xml was parsed again")

    monkeypatch.setattr(guard_zip, "_xlsx_sheets", no_parse)
    assert uncached_formulas(path) == ["项目2!A1"]


def test_2000_sheets_are_inspected_and_their_formulas_checked_from_the_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Timings live in benchmarks/ (bench_pipeline.py); here: a bureau-sized book goes through
    # the one-call paths whole, and the formula check after it opens nothing again.
    row = [f"指标说明{c}" if c % 2 else 12.5 * c for c in range(8)]
    sheet = wb.sheet_xml(wb.rows_xml([row] * 24), dimension="A1:H24")
    path = tmp_path / "2000.xlsx"
    path.write_bytes(wb.xlsx_bytes({f"项目{i}": sheet for i in range(2000)}))
    assert inspect(path) == "xlsx"
    assert guard._formula_free is not None
    assert len(guard._formula_free[1]) == 2000  # every sheet seen whole, without formulas

    def no_zip(*args: object, **kwargs: object) -> None:
        raise AssertionError("the archive was opened again")

    monkeypatch.setattr(guard_zip.zipfile, "ZipFile", no_zip)
    assert uncached_formulas(path) == []


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["<f>", "<x:f>", ""]), st.integers(1, 6))
def test_formula_free_note_matches_the_streamed_watch(tag: str, rows: int) -> None:
    data = "".join(f'<row r="{r}"><c r="A{r}">{tag}<v>1</v></c></row>' for r in range(1, rows + 1))
    xml = wb.sheet_xml(data).encode()
    assert gx.whole_sheet_scan(xml)[1] == _streamed_scan(xml, [])[1] == (tag == "")


def _uncached_unbounded(piece: bytes, limit: int) -> list[str]:
    """The formula check as it was before its searches were bounded (quadratic, exact)."""
    found: list[str] = []
    done = 0
    formulas = sorted(
        [m.start() for m in gx._FORMULA.finditer(piece)]
        + [m.start() for m in gx._FORMULA_PREFIXED.finditer(piece)]
    )
    for at in formulas:
        if at < done:
            continue
        start = max(piece.rfind(b"<c ", 0, at), piece.rfind(b"<c>", 0, at))
        prefixed = piece.rfind(b":c ", 0, at)
        if prefixed > start:
            start = piece.rfind(b"<", 0, prefixed)
        last_end = max(piece.rfind(b"/c>", 0, at), piece.rfind(b":c>", 0, at))
        tag_end = piece.find(b">", start)
        if start < 0 or start < last_end or piece[tag_end - 1 : tag_end] == b"/":
            continue
        end = gx._CELL_END.search(piece, at)
        done = end.end() if end else len(piece)
        if gx._VALUE_TEXT.search(piece, at, done) is None:
            refs = [v for k, v in gx.attributes(piece[start + 2 : tag_end]) if k == b"r"]
            found.append(refs[-1].decode("ascii", "replace").upper() if refs else "?")
            if len(found) >= limit:
                break
    return found


_CELL_BITS = [
    b'<c r="A1"><f>1+1</f><v>2</v></c>',
    b'<c r="B2"><f>A1*2</f></c>',
    b'<c r="C3" t="str"><f>A1</f><v></v></c>',
    b'<x:c r="D4"><x:f>A1</x:f></x:c>',
    b'<x:c r="E5"><x:f>A1</x:f><x:v>3</x:v></x:c>',
    b'<c r="F6"/>',
    b"<c><f>SUM(A1)</f></c>",
    b'<c r="G7"><v>5</v></c>',
    b"<xm:f>Sheet2!$A$1</xm:f>",
    b'<dataValidation type="list"><formula1>"a,b"</formula1></dataValidation>',
    b'<row r="9">',
    b"</row>",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(range(len(_CELL_BITS))), max_size=40), st.integers(1, 5))
def test_bounded_formula_searches_find_what_unbounded_ones_found(
    picks: list[int], limit: int
) -> None:
    piece = b"<sheetData>" + b"".join(_CELL_BITS[i] for i in picks) + b"</sheetData>"
    assert gx.uncached_cells([piece], limit) == _uncached_unbounded(piece, limit)


def test_a_summary_sheet_of_many_formulas_is_checked_in_one_pass() -> None:
    # 30,000 cached formulas, then data validations and one uncached formula: the unbounded
    # searches back for <c> and :c went over the whole sheet for each formula.
    cells = b"".join(
        b'<c r="B%d"><f>SUM(A1:A%d)</f><v>%d</v></c>' % (i, i, i) for i in range(1, 30001)
    )
    tail = b'<c r="C30001"><f>B1</f></c>' + b"<xm:f>Sheet2!$A$1</xm:f>" * 100
    piece = b"<sheetData>" + cells + tail + b"</sheetData>"
    assert gx.uncached_cells([piece], 5) == ["C30001"]
