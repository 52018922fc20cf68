"""Layout helpers of the generated workbook: safe sheet names, text extents, row heights.

Excel and WPS never auto-fit the height of a row whose wrapped text sits in a merged cell, so
every row height is computed here from the text it holds: each character is measured (CJK and
other non-ASCII characters are a full em, ASCII about half), lines are counted per paragraph
against the cell's width, and the tallest cell of a row sets its height. The constants were
calibrated by rendering the output with LibreOffice (宋体 falls back to WenQuanYi Zen Hei
there, which is a little wider than SimSun) so that no wrapped line is ever cut.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

RESERVED_SHEETS = ("汇总", "部门整体", "问题清单", "History")
"""Sheet names the writer uses itself, and Excel's reserved "History"."""

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_CALL_LIKE = re.compile(r"([A-Za-z])\(")
"""A letter then "(": xlsxwriter rewrites "SORT(", "FILTER(" … anywhere in a formula (even
inside a quoted sheet name) into "_xlfn.SORT(", which would break the references to it."""
MAX_SHEET_NAME = 31

# Column widths are in Excel character units: 7 px per unit plus 5 px of padding per column
# (the default Calibri 11 of the workbook's Normal style sets the unit).
PX_PER_UNIT = 7.0
PX_COLUMN_PADDING = 5.0
CJK_PX = 14.7
"""A full-width character of 宋体 11 pt (14.67 px in SimSun and in WenQuanYi Zen Hei)."""
ASCII_PX = 8.4
"""A half-width character of 宋体 11 pt (7.3 px in SimSun; proportional fallbacks up to 8.4)."""
CELL_MARGIN_PX = 8.0
"""The cell's inner margins and grid line (calibrated: with these constants the estimate is
never fewer lines than LibreOffice renders, over 770 texts cut from the seed in 7 widths)."""
LINE_PT = 15.0
"""Height of one line of 宋体 11 pt text, in points (Excel 14.25, LibreOffice 13.9)."""
ROW_PADDING_PT = 5.0
MIN_ROW_PT = 20.0
MAX_ROW_PT = 409.0
"""The tallest row Excel allows; a longer text is spread over several merged rows."""


def safe_sheet_name(name: str, taken: set[str]) -> str:
    """Return a valid, unique sheet name for `name` and add it to `taken`.

    Strips the characters Excel forbids (``[]:*?/\\``, control characters, and apostrophes at
    either end), cuts to 31 characters, never returns a reserved name (汇总, 部门整体, 问题清单,
    History), and numbers duplicates "名称(2)", "名称(3)" … . A "(" right after a letter becomes
    "（" so that no formula naming the sheet is mistaken for a new Excel function. `taken`
    holds the casefolded names already used (Excel compares sheet names without case) and is
    updated in place.
    """
    base = _BAD_SHEET_CHARS.sub("", name).strip().strip("'").strip()
    base = _CALL_LIKE.sub("\\1（", base)
    if not base:
        base = "项目"
    base = base[:MAX_SHEET_NAME].rstrip("'")
    reserved = {r.casefold() for r in RESERVED_SHEETS}
    candidate = base
    n = 1
    while candidate.casefold() in taken or candidate.casefold() in reserved:
        n += 1
        suffix = f"({n})"
        cut = base[: MAX_SHEET_NAME - len(suffix)].rstrip("'")
        if cut[-1:].isascii() and cut[-1:].isalpha():
            cut = cut[: MAX_SHEET_NAME - len(suffix) - 1] + " "
        candidate = cut + suffix
    taken.add(candidate.casefold())
    return candidate


def quote_sheet(name: str) -> str:
    """Return a sheet name quoted for a formula or an internal link: 'It''s'."""
    return "'" + name.replace("'", "''") + "'"


def text_px(text: str) -> float:
    """Return the width in pixels of one line of 宋体 11 pt text."""
    n_ascii = len(text.encode("ascii", "ignore"))
    return n_ascii * ASCII_PX + (len(text) - n_ascii) * CJK_PX


def column_px(widths: list[float] | tuple[float, ...]) -> float:
    """Return the usable pixel width of a cell spanning columns of these widths."""
    return sum(w * PX_PER_UNIT + PX_COLUMN_PADDING for w in widths) - CELL_MARGIN_PX


# What a line break never separates: an ASCII word, a character and the closing punctuation
# after it, an opening bracket or quote and what follows it (Excel's and WPS's kinsoku rules).
_OPEN = "（《「『“‘〔【([{<"
_CLOSE = "，。、；：！？）》」』”’〕】…,.;:!?)]}>%"
_TOKEN = re.compile(
    "[" + re.escape(_OPEN) + r"]*(?:[\x21-\x7e]+|[^\x00-\x7f]|\s)[" + re.escape(_CLOSE) + "]*"
)


@lru_cache(maxsize=4096)
def _wrapped_lines(paragraph: str, px: float) -> int:
    """Return the lines of one paragraph wrapped greedily as Excel does."""
    lines, used = 1, 0.0
    for token in _TOKEN.findall(paragraph):
        w = text_px(token)
        if used + w <= px:
            used += w
        elif token.isspace():
            used = px
        elif w > px:
            # A word wider than the cell is broken wherever it overflows.
            total = used + w
            lines += int(total // px)
            used = total % px
        else:
            lines += 1
            used = w
    return lines


def lines_needed(text: str, px: float) -> int:
    """Return how many lines `text` wraps to in a cell `px` pixels wide."""
    if not text:
        return 1
    px = max(px, CJK_PX)
    lines = 0
    for paragraph in text.split("\n"):
        if text_px(paragraph) <= px:
            lines += 1
        else:
            lines += _wrapped_lines(paragraph, px)
    return lines


def height_for(lines: int, size_pt: float = 11.0) -> float:
    """Return the row height in points that shows `lines` lines of text of `size_pt`."""
    return max(MIN_ROW_PT, lines * LINE_PT * size_pt / 11.0 + ROW_PADDING_PT)


class RowHeights:
    """Collects how tall each row must be, then sets every row's height once.

    `need()` records the text of a cell in one row; `need_span()` the text of a cell merged
    over several rows, whose missing height is shared among the span's rows when their own
    heights do not already hold it. No row exceeds Excel's 409 pt.
    """

    def __init__(self, col_widths: tuple[float, ...]) -> None:
        self.col_widths = col_widths
        self.rows: dict[int, float] = {}
        self.spans: list[tuple[int, int, float]] = []
        # Prefix sums of the columns' pixel widths: a span's width in O(1).
        self._edges = [0.0]
        for w in col_widths:
            self._edges.append(self._edges[-1] + w * PX_PER_UNIT + PX_COLUMN_PADDING)

    def width_px(self, first_col: int, last_col: int) -> float:
        """Return the usable width of columns first_col..last_col (as `column_px`)."""
        return self._edges[last_col + 1] - self._edges[first_col] - CELL_MARGIN_PX

    def need(self, row: int, text: str, first_col: int, last_col: int, size: float = 11.0) -> None:
        """Record that `text` must fit in row `row`, columns first_col..last_col."""
        px = self._edges[last_col + 1] - self._edges[first_col] - CELL_MARGIN_PX
        # Most cells are short: one line whatever their characters, no need to measure.
        if size <= 11.0 and len(text) * CJK_PX <= px and "\n" not in text:
            h = MIN_ROW_PT
        else:
            h = height_for(lines_needed(text, px), size)
        if h > self.rows.get(row, 0.0):
            self.rows[row] = h

    def fixed(self, row: int, height: float) -> None:
        """Record a minimum height for a row (titles, legends)."""
        if height > self.rows.get(row, 0.0):
            self.rows[row] = height

    def need_span(
        self, first_row: int, last_row: int, text: str, first_col: int, last_col: int
    ) -> None:
        """Record `text` in a cell merged over rows first_row..last_row."""
        lines = lines_needed(text, self.width_px(first_col, last_col))
        self.spans.append((first_row, last_row, lines * LINE_PT + ROW_PADDING_PT))

    def apply(self, worksheet) -> None:
        """Set the height of every recorded row on the worksheet."""
        rows = self.rows
        for first, last, needed in self.spans:
            # A row no cell asked for would keep Excel's default height: set it to the minimum.
            span = range(first, last + 1)
            have = sum(rows.setdefault(r, MIN_ROW_PT) for r in span)
            if have < needed:
                extra = (needed - have) / len(span)
                for r in span:
                    rows[r] += extra
        for row, height in rows.items():
            worksheet.set_row(row, round(min(height, MAX_ROW_PT), 1))


def comment_options(text: str) -> dict[str, float]:
    """Return the size of a comment box that shows `text` whole (the default box is
    128 × 74 px and Excel clips what does not fit)."""
    # Every character counted full width: a little too tall at worst, never clipped.
    per_line = 278.0 / CJK_PX
    lines = sum(math.ceil(len(p) / per_line) or 1 for p in text.split("\n"))
    return {"x_scale": 2.25, "y_scale": max(1.0, (lines * 17 + 12) / 74.0)}


def print_setup(worksheet, *, repeat_rows: tuple[int, int] | None = None) -> None:
    """A4 portrait, one page wide, centred, with margins for binding and a page footer."""
    worksheet.set_paper(9)
    worksheet.set_portrait()
    worksheet.fit_to_pages(1, 0)
    worksheet.center_horizontally()
    worksheet.set_margins(left=0.6, right=0.5, top=0.6, bottom=0.7)
    worksheet.set_footer("&C第 &P 页，共 &N 页")
    if repeat_rows is not None:
        worksheet.repeat_rows(*repeat_rows)
