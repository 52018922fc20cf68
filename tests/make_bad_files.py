"""Build one file per broken or hostile input case; each file is named after what is odd about it.

Run `python tests/make_bad_files.py` to (re)write the small ones (< 50 KB each) into
tests/files/bad/. The big ones (`committed=False`) are only ever built at test time into a
temporary folder: `build(case, folder)` writes any case anywhere.

`expect` is the outcome of `app.readers.guard.inspect`: a format ("xlsx", "xls", "xlsb", "ods")
when the file must be accepted, otherwise a substring of the Chinese message.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Runnable as a script: the tests folder (workbook_bytes) and the project (app) on the path.
sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

import workbook_bytes as wb  # noqa: E402

BAD = Path(__file__).resolve().parent / "files" / "bad"
ENCRYPTED = "文件已加密，请先在Excel中取消密码后另存"
FEW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c><c r="B1"><v>100</v></c></row>'
)
LOL = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


@dataclass(frozen=True)
class Case:
    """One input file: its name, how to build it, what inspect() must say, whether committed."""

    name: str
    make: Callable[[], bytes]
    expect: str
    committed: bool = True


def _sheet(rows: str, **kw: str) -> bytes:
    return wb.xlsx_bytes({"Sheet1": wb.sheet_xml(rows, **kw)})


def _good_xlsx() -> bytes:
    return _sheet(FEW + '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2.5</v></c></row>')


def _corrupt_crc() -> bytes:
    # Stored (not deflated) so that the flipped byte surely lands in the sheet's data.
    data = bytearray(wb.zip_bytes(wb.xlsx_parts({"Sheet1": wb.sheet_xml(FEW)}), compress=0))
    at = data.index(b"<sheetData>")
    data[at + 1] ^= 0x20
    return bytes(data)


def _declared_2gb() -> bytes:
    parts = wb.xlsx_parts({"Sheet1": wb.sheet_xml(FEW)})
    entries = [(n, _deflate(d), zlib.crc32(d), len(d), 8) for n, d in parts.items()]
    entries.append(("xl/worksheets/sheet2.xml", wb.zeros_deflated(2 << 30), 0, 2 << 30, 8))
    return wb.raw_zip(entries)


def _lying_header() -> bytes:
    sheet = "xl/worksheets/sheet1.xml"
    entries = []
    for name, data in wb.xlsx_parts({"Sheet1": wb.sheet_xml(FEW)}).items():
        # The sheet's headers say len(data) bytes; its deflate stream inflates to a gigabyte.
        packed = wb.zeros_deflated(1 << 30) if name == sheet else _deflate(data)
        entries.append((name, packed, zlib.crc32(data), len(data), 8))
    return wb.raw_zip(entries)


def _deflate(data: bytes) -> bytes:
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush()


def _many_cells(rows: int = 30_000, cols: int = 10) -> bytes:
    body = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{wb.col_name(c)}{r}"><v>{r * c}</v></c>' for c in range(cols))
        + "</row>"
        for r in range(1, rows + 1)
    )
    return _sheet(body, dimension=f"A1:{wb.col_name(cols - 1)}{rows}")


def _prefixed_rows(rows: int = 250_000) -> bytes:
    # OpenXML-SDK style: prefixed tags, no r attributes; calamine counts the rows itself.
    body = "".join(f"<x:row><x:c><x:v>{i}</x:v></x:c></x:row>" for i in range(rows))
    xml = (
        f'<?xml version="1.0"?><x:worksheet xmlns:x="{wb.MAIN_NS}"><x:sheetData>'
        f"{body}</x:sheetData></x:worksheet>"
    )
    return wb.xlsx_bytes({"Sheet1": xml})


def _too_many_parts() -> bytes:
    parts = wb.xlsx_parts({"Sheet1": wb.sheet_xml(FEW)})
    parts.update({f"xl/media/junk{i}.png": b"" for i in range(10_001)})
    return wb.zip_bytes(parts, compress=0)


def _ods(body: str) -> bytes:
    return wb.ods_bytes(f'<table:table table:name="表1">{body}</table:table>')


_ODS_CELL = '<table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell>'

CASES: list[Case] = [
    Case(
        "not_a_workbook_csv_text.xlsx",
        lambda: "项目名称,年初预算数\n学生资助,100\n".encode(),
        "不是Excel工作簿，而是文本文件",
    ),
    Case(
        "not_a_workbook_png_image.xlsx",
        lambda: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(40),
        "不是Excel工作簿（无法识别的文件内容）",
    ),
    Case(
        "html_table_saved_as.xls",
        lambda: "<html><body><table><tr><td>项目名称</td></tr></table></body></html>".encode(),
        "网页（HTML）",
    ),
    Case(
        "spreadsheetml_2003_saved_as.xls",
        lambda: (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'
        ),
        "XML表格（Excel 2003 XML）",
    ),
    Case("~$excel_lock_file.xlsx", lambda: b"\x08\0officer" + bytes(155), "临时文件"),
    Case("empty_0_bytes.xlsx", lambda: b"", "是空文件（0字节）"),
    Case("truncated_zip.xlsx", lambda: _good_xlsx()[: len(_good_xlsx()) // 2], "已损坏"),
    Case("corrupt_zip_bad_crc.xlsx", _corrupt_crc, "已损坏"),
    Case(
        "zip_without_workbook.xlsx",
        lambda: wb.zip_bytes({"readme.txt": b"hello"}),
        "是压缩包，但其中没有工作簿",
    ),
    Case(
        "word_document_renamed.xlsx",
        lambda: wb.zip_bytes({"word/document.xml": b"<w:document/>"}),
        "是Word文档",
    ),
    Case(
        "sheet_part_missing.xlsx",
        lambda: wb.zip_bytes(
            {
                k: v
                for k, v in wb.xlsx_parts({"Sheet1": wb.sheet_xml(FEW)}).items()
                if "worksheets" not in k
            }
        ),
        "数据缺失",
    ),
    Case(
        "encrypted_ooxml_password.xlsx",
        lambda: wb.cfb_bytes({"EncryptionInfo": bytes(200), "EncryptedPackage": bytes(5000)}),
        ENCRYPTED,
    ),
    Case(
        "encrypted_biff8_filepass.xls",
        lambda: wb.xls_bytes("表1", {(0, 0): "项目名称"}, filepass=True),
        ENCRYPTED,
    ),
    Case(
        "corrupt_ole_header_only.xls",
        lambda: wb.cfb_bytes({"Workbook": b"x"})[:600] + bytes(10),
        "已损坏（旧版Excel文件结构出错）",
    ),
    Case(
        "ole_word_document_renamed.xls",
        lambda: wb.cfb_bytes({"WordDocument": bytes(100)}),
        "是Word文档",
    ),
    Case(
        "legacy_biff8.xls",
        lambda: wb.xls_bytes(
            "项目资金",
            {(0, 0): "项目名称", (0, 1): "年初预算数", (1, 0): "学生资助", (1, 1): 120.5},
        ),
        "xls",
    ),
    Case(
        "xls_content_named.xlsx",
        lambda: wb.xls_bytes("表1", {(0, 0): "项目名称", (2, 1): 7}),
        "xls",
    ),
    Case("xlsx_content_named.xls", _good_xlsx, "xlsx"),
    Case(
        "xls_value_at_IV65536.xls",
        lambda: wb.xls_bytes("表1", {(0, 0): 1, (65535, 255): 2}),
        "A1:IV65536",
    ),
    Case(
        "lone_value_at_XFD1048576.xlsx",
        lambda: _sheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
        "A1:XFD1048576",
    ),
    Case(
        "duplicate_r_hides_XFD1048576.xlsx",
        lambda: _sheet('<row r="1"><c r="A1"r="XFD1048576"><v>1</v></c></row>'),
        "A1:XFD1048576",
    ),
    Case(
        "gt_in_attribute_hides_XFD1048576.xlsx",
        lambda: _sheet('<row r="1"><c x=">" r="XFD1048576"><v>1</v></c></row>'),
        "A1:XFD1048576",
    ),
    Case(
        "cell_without_ref_in_row_1048576.xlsx",
        lambda: _sheet(FEW + '<row r="1048576"><c><v>1</v></c></row>'),
        "A1:B1048576",
    ),
    Case(
        "columns_past_ALL_in_row_1.xlsx",
        lambda: _sheet('<row r="1"><c r="A1"><v>1</v></c><c r="ALM1"><v>1</v></c></row>'),
        "A1:ALM1",
    ),
    Case(
        "grid_50000_rows_by_200_cols.xlsx",
        lambda: _sheet(
            '<row r="1"><c r="GR1"><v>1</v></c></row><row r="50000"><c r="A50000"><v>1</v></c></row>'
        ),
        "5000000个单元格",
    ),
    Case(
        "wps_dimension_claims_million_rows.xlsx",
        lambda: _sheet(FEW, dimension="A1:Z1000000"),
        "xlsx",
    ),
    Case(
        "dimension_claims_whole_sheet.xlsx", lambda: _sheet(FEW, dimension="A1:XFD1048576"), "xlsx"
    ),
    Case(
        "styled_empty_cell_at_XFD1048576.xlsx",
        lambda: _sheet(FEW + '<row r="1048576"><c r="XFD1048576" s="1"/></row>'),
        "xlsx",
    ),
    Case("cells_300k.xlsx", _many_cells, "xlsx", committed=False),
    Case(
        "prefixed_cells_without_ref_250000_rows.xlsx",
        _prefixed_rows,
        "A1:A250000",
        committed=False,
    ),
    Case(
        "xml_bomb_in_shared_strings.xlsx",
        lambda: wb.xlsx_bytes(
            {"Sheet1": wb.sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')},
            {
                "xl/sharedStrings.xml": f'<?xml version="1.0"?>{LOL}<sst xmlns="{wb.MAIN_NS}"><si><t>&lol3;</t></si></sst>'.encode()
            },
        ),
        "XML实体声明",
    ),
    Case(
        "xml_bomb_in_sheet.xlsx",
        lambda: _sheet(
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>', prolog=LOL
        ),
        "XML实体声明",
    ),
    Case(
        "utf16_sheet_part.xlsx",
        lambda: wb.xlsx_bytes(
            {"Sheet1": ""},
            {
                "xl/worksheets/sheet1.xml": wb.sheet_xml(FEW)
                .replace("UTF-8", "UTF-16")
                .encode("utf-16")
            },
        ),
        "UTF-16",
    ),
    Case(
        "zip_bomb_ratio_1000_to_1.xlsx",
        lambda: wb.zip_bytes(
            {**wb.xlsx_parts({"Sheet1": wb.sheet_xml(FEW)}), "xl/media/image1.bmp": bytes(40 << 20)}
        ),
        "压缩比异常",
    ),
    Case("zip_bomb_declares_2gb.xlsx", _declared_2gb, "解压后过大", committed=False),
    Case("zip_bomb_header_lies_1gb.xlsx", _lying_header, "已损坏", committed=False),
    Case("zip_with_10001_parts.xlsx", _too_many_parts, "部件过多", committed=False),
    Case("legit_table.ods", lambda: _ods(f"<table:table-row>{_ODS_CELL}</table:table-row>"), "ods"),
    Case(
        "ods_trailing_empty_rows_repeated.ods",
        lambda: _ods(
            f'<table:table-row>{_ODS_CELL}</table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        ),
        "ods",
    ),
    Case(
        "ods_value_repeated_million_rows.ods",
        lambda: _ods(
            f'<table:table-row table:number-rows-repeated="1000000">{_ODS_CELL}</table:table-row>'
        ),
        "A1:A1000000",
    ),
    Case(
        "xlsb_minimal_parts.xlsb",
        lambda: wb.zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": bytes(64)}),
        "xlsb",
    ),
]


def build(case: Case, folder: Path) -> Path:
    """Write `case`'s file into `folder` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.name
    path.write_bytes(case.make())
    return path


def main() -> None:
    """Rewrite the committed cases into tests/files/bad/."""
    for case in CASES:
        if case.committed:
            path = build(case, BAD)
            assert path.stat().st_size < 50_000, (case.name, path.stat().st_size)
            print(f"{path.stat().st_size:>7}  {path.name}")


if __name__ == "__main__":
    main()
