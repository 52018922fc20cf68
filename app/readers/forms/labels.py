"""The labels of the official forms, and a one-pass index of where they stand on a sheet.

Every label variant seen in real forms maps to one role ("initial" for 年初预算数, 年初预算 …).
A sheet is scanned once; only short strings are folded (cached), so a workbook of thousands
of forms costs little more than loading it.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from app.readers.book import Sheet
from app.readers.common import label_key
from app.text import fold

_LABELS: dict[str, tuple[str, ...]] = {
    # header fields
    "name": ("项目名称", "专项资金名称", "资金名称", "项目(资金)名称"),
    "supervisor": (
        "主管部门",
        "主管部门及代码",
        "主管单位",
        "主管部门名称",
        "县级主管部门",
        "市级主管部门",
        "省级主管部门",
    ),
    "unit": ("实施单位", "项目实施单位", "实施单位及代码", "实施单位名称"),
    "dept_name": ("部门名称", "部门/单位名称", "部门", "单位名称/部门名称"),
    # Labels of values nothing reads, known so that no other field takes their value.
    "meta": (
        "负责人及电话",
        "项目负责人及电话",
        "负责人",
        "联系人",
        "部门联系人",
        "联系电话",
        "财政处室",
        "填报日期",
        "填报单位",
        "项目类别",
        "项目属性",
        "项目类型",
        "得分系数",
        "是否核心指标",
        "核心指标",
        "得分计算方法",
        "备注",
        "指标说明",
        "评价内容",
        "评价指标",
    ),
    # funds block: its label, its columns and its rows
    "funds_block": (
        "项目资金",
        "预算资金",
        "资金情况",
        "预算执行情况",
        "部门预算执行情况",
        "年度预算数",
        "资金投入情况",
    ),
    "initial": ("年初预算数", "年初预算", "年初预算金额", "年初预算资金"),
    "budget": (
        "全年预算数",
        "调整后预算数",
        "调整后预算",
        "全年预算",
        "预算数",
        "全年调整预算数",
        "调整预算数",
    ),
    "spent": ("全年执行数", "预算执行数", "执行数", "实际执行数", "全年实际执行数"),
    "weight": ("分值", "权重", "执行率权重", "指标权重", "分数"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分", "执行率得分", "指标得分"),
    "src_total": (
        "年度资金总额",
        "年度资金总和",
        "资金总额",
        "总额",
        "年度财政资金总额",
        "项目资金总额",
        "预算资金总额",
    ),
    "src_current": (
        "当年财政拨款",
        "本年财政拨款",
        "本年一般公共预算拨款",
        "当年一般公共预算拨款",
        "一般公共预算拨款",
        "财政资金",
        "财政拨款",
    ),
    "src_carry": ("上年结转资金", "上年结转", "上年结转结余资金", "以前年度结转资金"),
    "src_other": ("其他资金", "单位资金", "财政专户管理资金", "自有资金", "单位自有资金"),
    # a row under the funds block for the reason of a low 执行率 or an adjusted budget (ours)
    "funds_explain": ("偏差说明", "执行偏差说明", "预算执行偏差说明"),
    # goals
    "goal_block": ("年度总体目标", "年度总体目标完成情况"),
    "goal": (
        "预期目标",
        "项目年度目标",
        "年初设定目标",
        "年初绩效目标",
        "年度目标",
        "部门年度目标",
        "年度绩效目标",
    ),
    "achieved": (
        "实际完成情况",
        "年度目标完成情况",
        "全年目标实际完成情况",
        "绩效目标实际完成情况",
        "目标实际完成情况",
        "全年实际完成情况",
        "年度总体目标完成情况综述",
    ),
    # indicators
    "indicator_block": ("绩效指标", "年度绩效", "年度绩效指标", "年度绩效指标完成情况"),
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标", "指标名称", "三级指标名称"),
    "target": (
        "年度指标值",
        "目标值",
        "年初指标值",
        "指标值",
        "年初目标值",
        "年度目标值",
        "全年指标值",
        "预期指标值",
    ),
    "target_adjusted": ("调整指标值", "调整后指标值", "全年调整指标值", "调整后目标值"),
    "actual": ("实际完成值", "完成值", "全年实际值", "实际值", "全年完成值", "实际完成指标值"),
    "nature": ("指标性质",),
    "measure": ("度量单位", "计量单位"),
    "explain": (
        "偏差原因分析及改进措施",
        "偏差原因分析",
        "偏差原因及改进措施",
        "未完成原因分析",
        "未完成原因分析及改进措施",
        "未完成原因和改进措施",
        "未完成原因及改进措施",
        "未完成原因及拟采取的改进措施",
        "原因分析",
        "原因",
        "偏差原因",
    ),
    # department tasks
    "task_block": ("年度主要任务",),
    "seq": ("序号",),
    "task_name": ("任务名称",),
    "task_content": ("主要内容",),
    # the end of a form
    "total_row": ("总分", "合计", "总计"),
    "self_score": ("自评得分", "自评总分"),
    "grade": ("等级", "自评等级", "评价等级", "绩效等级", "综合等级", "评定等级"),
    "stop": (
        "评价结论",
        "存在问题",
        "改进措施",
        "其他需要说明事项",
        "其他需要说明的问题",
        "说明",
        "项目负责人",
        "财务负责人",
        "单位负责人",
        "填表人",
        "填报人",
        "图例",
    ),
}
ROLE: dict[str, str] = {label: role for role, labels in _LABELS.items() for label in labels}
"""Core label (see `core_key`) → role."""

SOURCE_ROLES = {"src_current": "当年财政拨款", "src_carry": "上年结转资金", "src_other": "其他资金"}
HEADER_FIELDS = frozenset({"name", "supervisor", "unit", "dept_name"})
_INLINE_ROLES = HEADER_FIELDS | {"total_row", "self_score", "meta", "stop", "grade"}
"""Labels that may carry their value after a colon in the same cell ("填报人：王芳",
"等级：优")."""
AMOUNT_ROLES = ("initial", "budget", "spent")
PROJECTS_SUM = "全部项目"
"""How selfeval labels the projects added up on its own 部门整体 form (全部项目（4个）): no
funds of the department, and no form of its own."""
_AMOUNT_SET = frozenset(AMOUNT_ROLES)

TITLE_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # (kind, words a title or sheet name of that kind holds), first match wins: a 自评表 may be
    # called 绩效目标自评表, a 申报表 never holds 自评; a 自评结果汇总表 sums forms up.
    ("summary", ("汇总", "问题清单")),
    ("selfeval", ("自评",)),
    ("monitoring", ("监控",)),
    ("declaration", ("申报", "绩效目标表", "目标表")),
    ("plan", ("支出计划", "用款计划")),
    ("detail", ("支出明细", "明细表")),
    ("basis", ("立项依据",)),
    ("scheme", ("实施方案",)),
    ("review", ("评审报告", "评审意见", "评审表")),
    ("basic", ("基本信息",)),
)
"""The kinds of table a budget-system export holds, by the words of their titles."""

KIND_NAMES = {
    "monitoring": "绩效目标执行监控表",
    "declaration": "绩效目标申报表",
    "plan": "支出计划",
    "detail": "支出明细",
    "basis": "立项依据",
    "scheme": "实施方案",
    "review": "评审报告",
    "basic": "项目基本信息",
}
"""What each skipped kind is called in messages."""

_TITLE_END = ("表", "报告", "方案", "计划", "明细", "依据", "信息", "意见")
_MAX_TITLE = 40

_LONGEST_LABEL = 60
_PAREN = re.compile(r"\([^()]*\)")
_LEAD = re.compile(r"^(?:其中[:：]?|[0-9一二三四五六七八九十]+[.、])")
_LEAD_FIRST = frozenset("其0123456789一二三四五六七八九十")
"""The first characters _LEAD can match at."""
_YEAR = re.compile(r"(20\d\d)\s*年度|^(20\d\d)年")


def core_key(text: str) -> str:
    """Return the key a label is looked up by: `label_key` without any bracketed part, without
    a leading 其中: or item number, and without a trailing colon."""
    key = label_key(text)
    while "(" in key:  # most texts have no bracket: spare them the pattern
        stripped = _PAREN.sub("", key)
        if stripped == key:
            break
        key = stripped
    if key[:1] in _LEAD_FIRST:
        key = _LEAD.sub("", key)
    return key.rstrip(":")


def kind_of_title(text: str) -> str | None:
    """Return the kind of table a title names ("selfeval", "declaration", "monitoring", …) or
    None when the text is no title: a title is short and ends like one (…表, …报告), so an
    indicator named "是否完成绩效目标申报表中申报的数量" is none."""
    key = core_key(text)
    if len(key) > _MAX_TITLE or not key.endswith(_TITLE_END):
        return None
    return kind_of_name(key)


def kind_of_name(text: str) -> str | None:
    """Return the kind of table a sheet name or title speaks of, or None."""
    for kind, words in TITLE_KINDS:
        if any(word in text for word in words):
            return kind
    return None


def classify(value: Any) -> tuple[str | None, str]:
    """Return (role, inline value) of a cell: the role of its label (None when it is no label)
    and, for a header field written as "实施单位：某单位" in one cell, the value after the colon.
    A title gets the role "title_project", "title_dept" or, for a table that is no
    self-evaluation, "title_other" with its kind as the inline value."""
    if not isinstance(value, str):
        return None, ""
    return classify_text(value)


@functools.lru_cache(maxsize=1 << 17)
def classify_text(value: str) -> tuple[str | None, str]:
    """`classify` of a text cell. Remembered: a workbook of thousands of forms repeats the
    same labels (and a long-running window reads book after book; the memory is bounded)."""
    if len(value) > _LONGEST_LABEL:
        return None, ""
    key = core_key(value)
    role = ROLE.get(key)
    inline = ""
    if role is None:
        kind = kind_of_title(value)
        if kind == "selfeval":
            role = "title_dept" if "部门整体" in key else "title_project"
        elif kind is not None:
            role, inline = "title_other", kind
        else:
            head, sep, _ = key.partition(":")
            if sep and ROLE.get(head) in _INLINE_ROLES:
                role = ROLE[head]
                folded = fold(value)
                inline = folded.split(":", 1)[1].strip() if ":" in folded else ""
    return role, inline


def year_in(text: Any) -> int | None:
    """Return the year of a title such as "项目支出绩效自评表（2022年度）" or
    "2021年学生资助项目绩效目标自评表", or None."""
    if not isinstance(text, str):
        return None
    m = _YEAR.search(fold(text))
    return int(m.group(1) or m.group(2)) if m else None


def is_funds_header(roles: dict[str, Any]) -> bool:
    """A funds block's header row names at least two of 年初预算数, 全年预算数, 全年执行数."""
    return len(_AMOUNT_SET & roles.keys()) >= 2


def is_indicator_header(roles: dict[str, Any]) -> bool:
    """An indicator table's header row names 一级指标 with 二级 or 三级指标, or a 三级指标 /
    指标名称 with a target or actual column."""
    if "level1" in roles:
        return "level2" in roles or "level3" in roles
    return "level3" in roles and ("target" in roles or "actual" in roles)


@dataclass(slots=True)
class Label:
    """A label cell: position, role and (for "实施单位：…" in one cell) the inline value."""

    row: int
    col: int
    role: str
    inline: str = ""


@dataclass(slots=True)
class SheetIndex:
    """A sheet with its labels by row and the extent of each merged range, built in one pass."""

    sheet: Sheet
    rows: dict[int, list[Label]] = field(default_factory=dict)
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """Top-left cell of each merged range → its (last_row, last_col)."""
    _down: dict[int, tuple[list[int], list[tuple[int, int, int]]]] | None = None
    _order: list[int] | None = None
    _roles: dict[int, dict[str, Label]] = field(default_factory=dict)

    @classmethod
    def build(cls, sheet: Sheet, max_rows: int | None = None, max_cols: int | None = None):
        """Index the labels of `sheet` (only its first max_rows × max_cols cells when given)."""
        ix = cls(sheet)
        rows = ix.rows
        # A whole sheet not yet cleaned of calamine's "" is cleaned here, in the same visit.
        cleaning = max_rows is None and max_cols is None and not sheet.clean
        lines = sheet.raw if cleaning else sheet.rows
        for r, line in enumerate(lines if max_rows is None else lines[:max_rows]):
            if max_cols is not None:
                line = line[:max_cols]
            found: list[Label] | None = None
            for c, v in enumerate(line):
                if type(v) is str:
                    if not v:
                        if cleaning:
                            line[c] = None
                        continue
                    hit = classify_text(v)
                    if hit[0] is not None:
                        if found is None:
                            found = rows[r] = []
                        found.append(Label(r, c, hit[0], hit[1]))
        if cleaning:
            sheet.clean = True
        ix.spans = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in sheet.merged}
        if max_rows is None:
            ix._index_merges()
        return ix

    def label_rows(self, start: int, end: int) -> list[int]:
        """Return the rows in [start, end) that hold labels, in order."""
        if self._order is None:
            self._order = sorted(self.rows)
        order = self._order
        return order[bisect_left(order, start) : bisect_left(order, end)]

    def _index_merges(self) -> dict[int, tuple[list[int], list[tuple[int, int, int]]]]:
        """Return, per column, the ranges merged down over it: sorted first rows and
        (first_row, last_row, first_col). Ranges one row high never hide a value from a
        column's own row, so they are left out; the index costs one step per range."""
        if self._down is None:
            # Not Sheet.merge_origin: it measures the sheet's width once per merged row, which
            # is quadratic on a sheet of thousands of stacked forms.
            width = max((len(r) for r in self.sheet.rows), default=0)
            by_col: dict[int, list[tuple[int, int, int]]] = {}
            for r0, c0, r1, c1 in self.sheet.merged:
                if r1 > r0:
                    for c in range(c0, min(c1, width - 1) + 1):
                        by_col.setdefault(c, []).append((r0, r1, c0))
            down = {}
            for c, spans in by_col.items():
                spans.sort()
                down[c] = ([sp[0] for sp in spans], spans)
            self._down = down
        return self._down

    def merged_down(self) -> dict[int, tuple[list[int], list[tuple[int, int, int]]]]:
        """Return the columns with ranges merged down over them (see `_index_merges`): a cell
        of any other column is its own origin."""
        return self._down if self._down is not None else self._index_merges()

    def origin(self, row: int, col: int) -> tuple[int, int]:
        """Return the top-left cell of a range merged down over (row, col) from a row above,
        or (row, col) itself."""
        entry = (self._down if self._down is not None else self._index_merges()).get(col)
        if entry is not None:
            starts, spans = entry
            i = bisect_right(starts, row) - 1
            if i >= 0 and spans[i][0] < row <= spans[i][1]:
                return spans[i][0], spans[i][2]
        return row, col

    def shown(self, row: int, col: int) -> Any:
        """Return the value shown at (row, col): its merged range's value when inside one."""
        return self.sheet.value(*self.origin(row, col))

    def roles(self, row: int) -> dict[str, Label]:
        """Return the labels of a row by role (the leftmost one of each role); the dict is
        shared between callers: do not change it."""
        out = self._roles.get(row)
        if out is None:  # asked again and again of the same header rows: made once
            out = self._roles[row] = {}
            for lab in self.rows.get(row, ()):
                out.setdefault(lab.role, lab)
        return out

    def is_label(self, row: int, col: int) -> bool:
        """Return True when the cell holds a label."""
        return any(lab.col == col for lab in self.rows.get(row, ()))

    def last_col(self, row: int, col: int) -> int:
        """Return the last column covered by the cell (its merged range, or itself)."""
        return self.spans.get((row, col), (row, col))[1]

    def last_row(self, row: int, col: int) -> int:
        """Return the last row covered by the cell (its merged range, or itself)."""
        return self.spans.get((row, col), (row, col))[0]

    def pick(self, row: int, first: int, last: int) -> tuple[Any, int]:
        """Return (value, column) of the first non-empty cell of `row` in columns first..last,
        taking merged ranges whose top-left column lies in that span (a range merged in from a
        column further left belongs to that column, not this one); (None, first) if none."""
        rows = self.sheet.rows
        line = rows[row] if 0 <= row < len(rows) else ()
        down = self._down if self._down is not None else self._index_merges()
        for c in range(first, last + 1):
            v = line[c] if c < len(line) else None
            if v is None and c in down:
                r0, c0 = self.origin(row, c)
                if r0 != row and first <= c0 <= last:
                    v = rows[r0][c0]
            if v is not None:
                return v, c
        return None, first
