"""Cell formats of the generated workbook, created once per workbook and cached by key.

Every format of the forms is 宋体 with thin borders; flags add a fill: `unmet` light red,
`exceeded` light orange, `manual` yellow. A required but empty 偏差原因分析及改进措施 gets a
red frame on a light red fill.
"""

from __future__ import annotations

from typing import Any

FONT = "宋体"
UNMET_FILL = "#FFC7CE"
EXCEEDED_FILL = "#FCD5B4"
MANUAL_FILL = "#FFFF99"
EXPLAIN_BORDER = "#C00000"
HEADER_FILL = "#F2F2F2"
GRADE_FILLS = ("#C6EFCE", "#DDEBF7", "#FFEB9C", "#FFC7CE", "#E7E6E6")
"""Fills of the grades in the 汇总 sheet, best grade first."""

STATUS_FILL = {"unmet": UNMET_FILL, "exceeded": EXCEEDED_FILL, "manual": MANUAL_FILL}

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
        "border": 2,
        "border_color": EXPLAIN_BORDER,
        "bg_color": UNMET_FILL,
    },
    "link": {**_CELL, "align": "left", "font_color": "#0563C1", "underline": 1},
    "legend": {**_CELL, "align": "center", "font_size": 10},
    "legend_explain": {
        **_CELL,
        "align": "center",
        "font_size": 10,
        "border": 2,
        "border_color": EXPLAIN_BORDER,
        "bg_color": UNMET_FILL,
    },
}


class Styles:
    """The formats of one workbook: `get("score", fill)` returns the cached Format."""

    def __init__(self, workbook) -> None:
        self._workbook = workbook
        self._cache: dict[tuple[str, str | None], Any] = {}

    def get(self, name: str, fill: str | None = None):
        """Return the format `name` (a key of the base table), optionally with a fill."""
        key = (name, fill)
        fmt = self._cache.get(key)
        if fmt is None:
            props = dict(_BASE[name])
            if fill is not None:
                props["bg_color"] = fill
            fmt = self._workbook.add_format(props)
            self._cache[key] = fmt
        return fmt

    def dxf(self, fill: str, font_color: str | None = None):
        """Return a conditional-format style with this fill (cached)."""
        key = ("dxf:" + fill, font_color)
        fmt = self._cache.get(key)
        if fmt is None:
            props: dict[str, Any] = {"bg_color": fill}
            if font_color:
                props["font_color"] = font_color
            fmt = self._workbook.add_format(props)
            self._cache[key] = fmt
        return fmt
