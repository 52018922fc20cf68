"""What an office's workbook holds that openpyxl cannot keep when it saves a copy, found before
anything is filled (by the parts inside the .xlsx, which is a zip) and, as a second line, from
openpyxl's own warnings while it loads.

openpyxl keeps cells, styles, merged ranges, widths, heights, print setup, defined names,
data validation, conditional formatting, hyperlinks, tables, external links and comment
texts. It drops pictures, shapes, charts, form controls, macros, slicers, sparklines and
embedded objects, may damage pivot tables, and resets comments to a default look
(https://openpyxl.readthedocs.io, "Simple usage": images and charts are lost).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.errors import InputError

_CHUNK = 1 << 20
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_CONTROL = re.compile(rb'ObjectType="(?!Note")')


@dataclass(frozen=True, slots=True)
class Loss:
    """Something of the workbook a filled copy would not have, said in Chinese. `blocking`
    losses need the user's consent; the others are only said."""

    what: str
    blocking: bool = True


class WouldLose(InputError):
    """The workbook holds what the filled copy would lose, and the user has not agreed."""

    def __init__(self, name: str, losses: list[Loss]) -> None:
        self.losses = tuple(losses)
        shown = "；".join(loss.what for loss in losses if loss.blocking)
        super().__init__(f"“{name}”中有填写后无法保留的内容：{shown}")


# (what the part names start with, what is lost), in the order they are said.
_PARTS: tuple[tuple[str, Loss], ...] = (
    ("xl/media/", Loss("图片")),
    ("xl/charts/", Loss("图表")),
    ("xl/chartsheets/", Loss("图表工作表")),
    ("xl/vbaProject.bin", Loss("宏（VBA代码）")),
    ("xl/ctrlProps/", Loss("表单控件（复选框、下拉框、按钮等）")),
    ("xl/activeX/", Loss("ActiveX控件")),
    ("xl/embeddings/", Loss("嵌入的对象（如Word、PDF文件）")),
    ("xl/pivotTables/", Loss("数据透视表（可能无法刷新或格式改变）")),
    ("xl/slicers/", Loss("切片器")),
    ("xl/timelines/", Loss("日程表（时间筛选器）")),
    ("xl/macrosheets/", Loss("宏表")),
    ("xl/dialogsheets/", Loss("对话框工作表")),
    ("xl/model/", Loss("数据模型（Power Pivot）")),
    ("xl/queryTables/", Loss("外部数据查询")),
    ("xl/connections.xml", Loss("外部数据连接")),
    ("xl/webextensions/", Loss("Office加载项")),
    ("xl/threadedComments/", Loss("会话式批注的回复（只保留第一条批注的文字）")),
    ("_xmlsignatures/", Loss("数字签名（签名将失效）")),
    ("customXml/", Loss("自定义XML数据", blocking=False)),
    ("xl/printerSettings/", Loss("打印机驱动的专有设置（纸张、方向、缩放和页边距都保留）", False)),
)
_COMMENTS = Loss("批注的格式（批注文字保留，批注框的大小、位置和字体恢复为默认）")
_SHAPES = Loss("形状、文本框或线条")
_EXTENSIONS: tuple[tuple[bytes, Loss], ...] = (
    (b"sparklineGroup", Loss("迷你图")),
    (b"x14:dataValidation", Loss("部分数据有效性（引用其他工作表的下拉列表）")),
    (b"x14:conditionalFormatting", Loss("部分条件格式（数据条、图标集的新样式）")),
    (b"x14:slicerList", Loss("切片器")),
)


def scan_losses(path: str | Path) -> list[Loss]:
    """Return what a copy saved by openpyxl would not keep of the workbook at `path`, each
    once, blocking ones first. The file is an .xlsx already checked by the reader's guard."""
    found: dict[str, Loss] = {}

    def add(loss: Loss) -> None:
        found.setdefault(loss.what, loss)

    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        for prefix, loss in _PARTS:
            if any(name.startswith(prefix) for name in names):
                add(loss)
        for name in names:
            if name.startswith("xl/drawings/") and name.endswith(".xml") and "/_rels/" not in name:
                _drawing(zf.read(name), add)
            elif name.startswith("xl/drawings/") and name.endswith(".vml"):
                vml = zf.read(name)
                if _CONTROL.search(vml):
                    add(Loss("表单控件（复选框、下拉框、按钮等）"))
                if b"imagedata" in vml:
                    add(Loss("页眉页脚中的图片"))
            elif name.startswith("xl/comments") or name.startswith("xl/comments/"):
                add(_COMMENTS)
            elif _SHEET_PART.match(name):
                _extensions(zf, name, add)
    losses = list(found.values())
    return [loss for loss in losses if loss.blocking] + [
        loss for loss in losses if not loss.blocking
    ]


def _drawing(xml: bytes, add) -> None:
    """A drawing part: pictures, charts and shapes anchored on a sheet."""
    if b":pic>" in xml or b":pic " in xml:
        add(Loss("图片"))
    if b"/chart" in xml:
        add(Loss("图表"))
    if b":sp>" in xml or b":sp " in xml or b":cxnSp" in xml or b":grpSp" in xml:
        add(_SHAPES)


def _extensions(zf: zipfile.ZipFile, name: str, add) -> None:
    """A sheet's extension list (x14 features openpyxl drops), read in chunks."""
    tail = b""
    seen_ext = False
    with zf.open(name) as fh:
        while chunk := fh.read(_CHUNK):
            text = tail + chunk
            if not seen_ext and b"extLst" in text:
                seen_ext = True
            if seen_ext:
                for marker, loss in _EXTENSIONS:
                    if marker in text:
                        add(loss)
            tail = text[-64:]


WARNINGS: tuple[tuple[str, str], ...] = (
    ("Data Validation extension", "部分数据有效性（引用其他工作表的下拉列表）"),
    ("Conditional Formatting extension", "部分条件格式（数据条、图标集的新样式）"),
    ("Sparkline Group extension", "迷你图"),
    ("Slicer List extension", "切片器"),
    ("Unknown extension", "工作表中的扩展内容"),
    ("drawing", "图片、形状或图表"),
    ("image", "图片"),
)


def loss_of_warning(message: str) -> Loss | None:
    """Return what an openpyxl warning raised while loading says will be lost (None for a
    warning that loses nothing, such as a workbook without a default style)."""
    if "removed" not in message and "lost" not in message and "not supported" not in message:
        return None
    for key, what in WARNINGS:
        if key.lower() in message.lower():
            return Loss(what)
    return Loss(f"openpyxl无法保留的内容（{message.strip()[:80]}）")
