"""Cell formats of the generated workbook, created once per workbook and cached by key.

Every format of the forms is 宋体 with thin borders. A flag (`FLAGS`) adds a fill for the
screen and, for a black-and-white printer, a mark that needs no colour: a symbol before the
value (× 未达成, △ 部分达成, ↑ 超额完成, ？ 需人工判断, ※ an amount that could not be read or
a total without it), shown by the number format so the value itself stays as it is, and a
dashed frame round a cell a person must fill. A required but empty 偏差原因分析及改进措施 gets
a red double frame. The submission copy (`plain`) has neither fills nor marks.
"""

from __future__ import annotations

from typing import Any, NamedTuple

FONT = "宋体"
UNMET_FILL = "#FFC7CE"
EXCEEDED_FILL = "#FCD5B4"
MANUAL_FILL = "#FFFF99"
EXPLAIN_BORDER = "#C00000"
HEADER_FILL = "#F2F2F2"
GRADE_FILLS = ("#C6EFCE", "#DDEBF7", "#FFEB9C", "#FFC7CE", "#E7E6E6")
"""Fills of the grades in the 汇总 sheet, best grade first."""

STATUS_FILL = {"unmet": UNMET_FILL, "exceeded": EXCEEDED_FILL, "manual": MANUAL_FILL}
DASHED = 8
"""Medium dashed: the frame of a cell a person must fill (a score, a 执行率, an amount)."""
DOUBLE = 6
"""Double line: the frame of a required 偏差原因 left empty."""


class Flag(NamedTuple):
    """What a flagged cell looks like: its fill, the mark before its value, its frame."""

    fill: str
    mark: str = ""
    border: int | None = None


FLAGS: dict[str, Flag] = {
    "unmet": Flag(UNMET_FILL, "×"),
    "partial": Flag(UNMET_FILL, "△"),
    "exceeded": Flag(EXCEEDED_FILL, "↑"),
    "manual": Flag(MANUAL_FILL, "？", DASHED),
    "unreadable": Flag(UNMET_FILL, "※"),
    "incomplete": Flag(MANUAL_FILL, "※"),
}
"""The flags of the review copy: 未达成, 部分达成, 超额完成, 需人工判断, an amount that is no
number, and a total that leaves such an amount out."""

MARKED = frozenset({"center", "text", "amount", "pct"})
"""The formats that show a flag's mark before the value (a score column is too narrow)."""
_PLAIN = {"explain": "text", "legend_explain": "legend", "link": "text"}
"""What a format of the review copy is in the submission copy."""

_CELL = {"font_name": FONT, "font_size": 11, "border": 1, "valign": "vcenter", "text_wrap": True}

_BASE: dict[str, dict[str, Any]] = {
    "title": {
        "font_name": FONT,
        "font_size": 18,
        "bold": True,
        "align": "center",
        "valign": "vcenter",
    },
    "subtitle": {"font_name": FONT, "font_size": 11, "align": "center", "valign": "vcenter"},
    "info": {
        "font_name": FONT,
        "font_size": 10,
        "align": "left",
        "valign": "vcenter",
        "text_wrap": True,
    },
    "label": {**_CELL, "align": "center"},
    "head": {**_CELL, "align": "center", "bold": True, "bg_color": HEADER_FILL},
    "text": {**_CELL, "align": "left"},
    "center": {**_CELL, "align": "center"},
    "amount": {
        **_CELL,
        "align": "right",
        "num_format": "#,##0.00",
        "text_wrap": False,
        "shrink": True,
    },
    "pct": {**_CELL, "align": "center", "num_format": "0.00%", "text_wrap": False, "shrink": True},
    "score": {**_CELL, "align": "center", "num_format": "0.00"},
    "int": {**_CELL, "align": "center", "num_format": "0"},
    "grade": {**_CELL, "align": "center", "num_format": '"等级："@'},
    "explain": {
        **_CELL,
        "align": "left",
        "border": DOUBLE,
        "border_color": EXPLAIN_BORDER,
        "bg_color": UNMET_FILL,
    },
    "link": {**_CELL, "align": "left", "font_color": "#0563C1", "underline": 1},
    "legend": {**_CELL, "align": "center", "font_size": 10},
    "legend_explain": {
        **_CELL,
        "align": "center",
        "font_size": 10,
        "border": DOUBLE,
        "border_color": EXPLAIN_BORDER,
        "bg_color": UNMET_FILL,
    },
    "sign": {
        "font_name": FONT,
        "font_size": 10,
        "valign": "bottom",
        "align": "left",
        "shrink": True,
    },
    "sign_line": {
        "font_name": FONT,
        "font_size": 10,
        "valign": "bottom",
        "align": "left",
        "bottom": 1,
        "shrink": True,
    },
}


class Styles:
    """The formats of one workbook: `get("score", flag="manual")` returns the cached Format.

    `plain` (the submission copy): no fills, no marks, no coloured frames, no link colour."""

    def __init__(self, workbook, plain: bool = False) -> None:
        self._workbook = workbook
        self.plain = plain
        self._cache: dict[tuple[str, str | None, str | None], Any] = {}

    def get(self, name: str, fill: str | None = None, flag: str | None = None):
        """Return the format `name` (a key of the base table), with a fill colour or a flag
        (a key of `FLAGS`) when given; the plain formats of a submission copy ignore both."""
        key = (name, fill, flag)
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._cache[key] = self._workbook.add_format(self._props(name, fill, flag))
        return fmt

    def _props(self, name: str, fill: str | None, flag: str | None) -> dict[str, Any]:
        if self.plain:
            props = dict(_BASE[_PLAIN.get(name, name)])
            props.pop("bg_color", None)
            return props
        props = dict(_BASE[name])
        if fill is not None:
            props["bg_color"] = fill
        if flag is not None:
            look = FLAGS[flag]
            props["bg_color"] = look.fill
            if look.border is not None:
                props["border"] = look.border
            if look.mark and name in MARKED:
                props["num_format"] = marked(props.get("num_format"), look.mark)
        return props

    def dxf(self, fill: str, font_color: str | None = None, mark: str = ""):
        """Return a conditional-format style with this fill (cached), its percentage marked
        when `mark` is given."""
        key = ("dxf:" + fill, font_color, mark or None)
        fmt = self._cache.get(key)
        if fmt is None:
            props: dict[str, Any] = {"bg_color": fill}
            if font_color:
                props["font_color"] = font_color
            if mark:
                props["num_format"] = marked(_BASE["pct"]["num_format"], mark)
            fmt = self._workbook.add_format(props)
            self._cache[key] = fmt
        return fmt


def marked(num_format: str | None, mark: str) -> str:
    """Return a number format that shows `mark` before every value, numbers and text alike
    ("×" and 0.00% → "×"0.00%;"×"-0.00%;"×"0.00%;"×"@); the value itself stays as it is."""
    quoted = f'"{mark}"'
    if not num_format or num_format == "@":
        return quoted + "@"
    return f"{quoted}{num_format};{quoted}-{num_format};{quoted}{num_format};{quoted}@"
