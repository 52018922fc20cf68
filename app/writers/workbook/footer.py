"""What stands under a form: the closing texts (评价结论, 存在问题, 改进措施) where the input
has them, the signature block offices sign and stamp, and, on the review copy only, the
legend of the flags and how to read the notes.

The signature block is laid out by `SIGNATURE_ROWS`, which `app.carry` reads back by too: each
field a label and, right of it, its value on a line to write on (blank when not given).
"""

from __future__ import annotations

from app.model import SIGNATURE_FIELDS, Signature
from app.writers.workbook.form import LAST_COL, Form

CLOSING_ROWS = (("评价结论", "conclusion"), ("存在问题", "problems"), ("改进措施", "measures"))
"""The closing rows (Sichuan's forms end with them) and the model field each shows."""

SIGNATURE_ROWS: tuple[tuple[tuple[str, int, int, int, int], ...], ...] = (
    (("unit", 0, 1, 2, 5), ("date", 6, 7, 8, 8)),
    (("head", 0, 1, 2, 3), ("finance", 4, 4, 5, 5), ("preparer", 6, 7, 8, 8)),
    (("phone", 0, 1, 2, 3), ("project_head", 4, 4, 5, 5)),
)
"""The signature block, row by row: (field, label's first and last column, value's first and
last column). 项目负责人 is printed only on a project form that names one."""
SIGNATURE_LABELS = {name: label + "：" for name, label in SIGNATURE_FIELDS}
SIGN_ROW_PT = 30.0
"""Room to sign by hand (and to stamp beside 填报单位)."""

LEGEND = (
    (
        (1, 2, "× 未达成", "unmet"),
        (3, 5, "△ 部分达成", "partial"),
        (6, 8, "↑ 超额完成（需分析原因）", "exceeded"),
    ),
    (
        (1, 2, "？ 需人工判断", "manual"),
        (3, 5, "※ 金额无法识别（或合计不含它）", "unreadable"),
        (6, 8, "双线框：须填写偏差原因", None),
    ),
)
"""The legend, row by row: (first column, last column, text, flag), the text carrying the
flag's mark itself; flag None is the double frame of a missing explanation."""
LEGEND_NOTE = (
    "说明：将鼠标移到得分、实际完成值、执行率等单元格上可查看评分依据（批注）。执行率、资金合计、"
    "执行率得分、自评得分和等级为公式，修改全年执行数等数据后自动重算；虚线框内的得分、金额需人工填写，"
    "标“？”的自评得分和等级为暂定。偏差原因分析及改进措施、偏差说明须由填报人填写，本工具不代写。"
    "报送时请打印“报送版”：只含正式表格，无颜色、标记和批注。"
)


def closing_rows(form: Form, texts: dict[str, str]) -> None:
    """评价结论, 存在问题, 改进措施 as label | text rows, when any of them is given."""
    if not any(texts.get(name, "").strip() for _, name in CLOSING_ROWS):
        return
    for label, name in CLOSING_ROWS:
        form.label_value(label, texts.get(name, "").strip())


def signature_block(form: Form, signature: Signature, project: bool) -> None:
    """The signature block under the form: each label, and its value on a line (blank lines
    for a person to fill). `project`: a project form, which shows its 项目负责人 when named."""
    ws, st = form.ws, form.st
    label, line = st.get("sign"), st.get("sign_line")
    r = form.row + 1
    form.heights.fixed(form.row, 10)
    for items in SIGNATURE_ROWS:
        shown = [
            item
            for item in items
            if item[0] != "project_head" or (project and signature.project_head)
        ]
        if not shown:
            continue
        for name, l1, l2, v1, v2 in shown:
            _cells(ws, r, l1, l2, SIGNATURE_LABELS[name], label)
            _cells(ws, r, v1, v2, getattr(signature, name), line)
        form.heights.fixed(r, SIGN_ROW_PT)
        r += 1
    form.row = r


def _cells(ws, r: int, c1: int, c2: int, text: str, fmt) -> None:
    if c1 == c2:
        if text:
            ws.write_string(r, c1, text, fmt)
        else:
            ws.write_blank(r, c1, None, fmt)
    else:
        ws.merge_range(r, c1, r, c2, "", fmt)
        if text:
            ws.write_string(r, c1, text, fmt)


def legend(form: Form) -> None:
    """The flags and what they mean, and how to read the notes (the review copy only)."""
    if not form.review:
        return
    ws, st = form.ws, form.st
    r = form.row + 1
    ws.merge_range(r, 0, r + len(LEGEND) - 1, 0, "图例", st.get("legend"))
    for row in LEGEND:
        for c1, c2, text, flag in row:
            fmt = st.get("legend", flag=flag) if flag else st.get("legend_explain")
            ws.merge_range(r, c1, r, c2, text, fmt)
        form.heights.fixed(r, 20)
        r += 1
    ws.merge_range(r, 0, r, LAST_COL, LEGEND_NOTE, st.get("info"))
    form.heights.need(r, LEGEND_NOTE, 0, LAST_COL, size=10)
    form.row = r + 1
