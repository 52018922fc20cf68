"""What a filled copy would lose is found before filling: pictures, shapes, charts, macros,
form controls, comments' look, sparklines …; the fill is refused unless the user agrees, and
then says what was lost."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pytest
import xlsxwriter
from build_form_files import NATIONAL_INDICATOR_HEADER

from app.fill.losses import Loss, WouldLose, loss_of_warning, scan_losses
from app.fill.run import fill

FORM = [
    ["项目支出绩效自评表"],
    ["项目名称", "测试项目"],
    NATIONAL_INDICATOR_HEADER[:-1],
    [None, "产出指标", "数量指标", "完成数量", "≥10个", "10个", 90, None],
]


def png(path: Path) -> Path:
    """A one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    raw = zlib.compress(b"\x00\xff\x00\x00")
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    )
    return path


def form(path: Path, extra=None) -> Path:
    """The small form above, and whatever `extra(workbook, worksheet)` adds."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("自评表")
    for r, line in enumerate(FORM):
        for c, v in enumerate(line):
            if v is not None:
                ws.write(r, c, v)
    if extra is not None:
        extra(wb, ws)
    wb.close()
    return path


def with_part(path: Path, name: str, data: bytes = b"<x/>") -> Path:
    """Add a part to the package (as the parts openpyxl does not know come)."""
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr(name, data)
    return path


def whats(path: Path) -> list[str]:
    return [loss.what for loss in scan_losses(path)]


def test_a_plain_form_loses_nothing(tmp_path: Path) -> None:
    assert scan_losses(form(tmp_path / "plain.xlsx")) == []


def test_pictures_shapes_and_charts_are_found(tmp_path: Path) -> None:
    image = png(tmp_path / "seal.png")

    def extra(wb, ws) -> None:
        ws.insert_image("J2", str(image))
        ws.insert_textbox("J8", "单位公章")
        chart = wb.add_chart({"type": "column"})
        chart.add_series({"values": "=自评表!$G$4:$G$4"})
        ws.insert_chart("J12", chart)

    found = whats(form(tmp_path / "drawn.xlsx", extra))
    assert sorted(found) == sorted(["图片", "图表", "形状、文本框或线条"])


def test_macros_comments_sparklines_and_data_bars_are_found(tmp_path: Path) -> None:
    vba = tmp_path / "vbaProject.bin"
    vba.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 60)

    def extra(wb, ws) -> None:
        wb.add_vba_project(str(vba))
        ws.write_comment("H4", "请核实")
        ws.add_sparkline("I4", {"range": "自评表!G4:H4"})
        ws.conditional_format("G4", {"type": "data_bar", "data_bar_2010": True})

    found = whats(form(tmp_path / "macro.xlsm", extra))
    assert sorted(found) == sorted(
        [
            "宏（VBA代码）",
            "批注的格式（批注文字保留，批注框的大小、位置和字体恢复为默认）",
            "迷你图",
            "部分条件格式（数据条、图标集的新样式）",
        ]
    )


def test_controls_pivots_and_printer_settings(tmp_path: Path) -> None:
    path = form(tmp_path / "parts.xlsx")
    with_part(path, "xl/ctrlProps/ctrlProp1.xml")
    with_part(path, "xl/pivotTables/pivotTable1.xml")
    with_part(path, "xl/printerSettings/printerSettings1.bin", b"\x00")
    losses = scan_losses(path)
    assert [loss.what for loss in losses] == [
        "表单控件（复选框、下拉框、按钮等）",
        "数据透视表（可能无法刷新或格式改变）",
        "打印机驱动的专有设置（纸张、方向、缩放和页边距都保留）",
    ]
    assert [loss.blocking for loss in losses] == [True, True, False]


def test_fill_refuses_until_the_user_agrees(tmp_path: Path) -> None:
    image = png(tmp_path / "seal.png")
    src = form(tmp_path / "in.xlsx", lambda wb, ws: ws.insert_image("J2", str(image)))
    out = tmp_path / "out.xlsx"
    with pytest.raises(WouldLose) as err:
        fill(src, out)
    assert err.value.message == "“in.xlsx”中有填写后无法保留的内容：图片"
    assert not out.exists()
    result = fill(src, out, allow_loss=True)
    assert [loss.what for loss in result.losses] == ["图片"]
    assert result.report["fill"]["lost"] == ["图片"]
    with zipfile.ZipFile(out) as zf:
        assert not [n for n in zf.namelist() if n.startswith("xl/media/")]


def test_what_is_only_said_does_not_stop_the_fill(tmp_path: Path) -> None:
    src = with_part(form(tmp_path / "in.xlsx"), "xl/printerSettings/printerSettings1.bin", b"\0")
    result = fill(src, tmp_path / "out.xlsx")
    assert result.report["fill"]["lost"][0].startswith("打印机驱动的专有设置")


@pytest.mark.parametrize(
    ("message", "what"),
    [
        ("Data Validation extension is not supported and will be removed", "部分数据有效性"),
        ("Unknown extension is not supported and will be removed", "工作表中的扩展内容"),
        ("Workbook contains no default style, apply openpyxl's default", None),
    ],
)
def test_openpyxl_warnings_that_lose_something(message: str, what: str | None) -> None:
    loss = loss_of_warning(message)
    if what is None:
        assert loss is None
    else:
        assert isinstance(loss, Loss) and loss.what.startswith(what) and loss.blocking


def test_a_macro_workbook_filled_with_consent_is_a_plain_xlsx(tmp_path: Path) -> None:
    vba = tmp_path / "vbaProject.bin"
    vba.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 60)
    src = form(tmp_path / "带宏.xlsm", lambda wb, ws: wb.add_vba_project(str(vba)))
    out = tmp_path / "带宏_已评分.xlsx"
    result = fill(src, allow_loss=True)
    assert result.output == out and [loss.what for loss in result.losses] == ["宏（VBA代码）"]
    with zipfile.ZipFile(out) as zf:
        assert "xl/vbaProject.bin" not in zf.namelist()
        assert b"macroEnabled" not in zf.read("[Content_Types].xml")


def test_a_workbook_openpyxl_cannot_open_is_said_not_crashed(tmp_path: Path, monkeypatch) -> None:
    from app.fill import apply
    from app.fill.run import CannotFill

    def broken(path):
        raise KeyError("xl/styles.xml")

    monkeypatch.setattr(apply, "load", broken)
    src = form(tmp_path / "怪.xlsx")
    with pytest.raises(CannotFill) as err:
        fill(src, tmp_path / "out.xlsx")
    assert err.value.message.startswith(
        "无法在“怪.xlsx”上填写：文件中有本程序无法编辑的内容（KeyError）"
    )
    assert not (tmp_path / "out.xlsx").exists()
