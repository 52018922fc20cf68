"""The default 自评报告 template (templates/report-template.docx), written with python-docx.

The outline is the usual one of a 部门整体 / 项目支出 绩效自评报告: 基本情况, 绩效目标, 自评工作
开展情况, 综合评价结论, 绩效目标实现情况分析 (预算执行, then each 一级指标: 产出, 效益, 满意度 …),
偏差原因及改进措施, 自评结果应用, 其他需要说明的问题: one part for the department, then one per
project, each from a new page. Wording is in the template, figures are docxtpl fields
(`fields.py`), so an office can reword it in Word. What only a person can write is a yellow
【请补充：…】 (the office's own facts) or 【请填写：…】 (the reason of a deviation).

Regenerate the shipped file with `python templates/make_report_template.py`.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Cm

from app.wordreport.styles import (
    CONTROL,
    TABLE_BODY,
    TABLE_TEXT,
    apply_styles,
    cell_width,
    narrow_margins,
    repeat_header,
)

Mark = tuple[str]
"""A text shown highlighted (a placeholder for a person): written `("【请补充：…】",)`."""

PROVISIONAL = "（暂定：尚有需人工判断的事项，人工评定后得分和等级可能变化）"
INDICATOR_WIDTHS = (1.5, 1.8, 3.2, 2.1, 2.1, 1.4, 1.6, 1.9)
INDICATOR_HEADS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")


class Builder:
    """Writes the template paragraph by paragraph."""

    def __init__(self) -> None:
        self.doc = Document()
        apply_styles(self.doc)
        props = self.doc.core_properties
        props.title, props.author, props.comments = "绩效自评报告", "selfeval", ""
        # python-docx's blank document starts with no paragraph; the first heading starts the
        # page (its page break before is ignored at the top of a document).

    def heading(self, level: int, text: str) -> None:
        """A heading: 1 the part's title, 2 "一、…", 3 "（一）…"."""
        self.doc.add_paragraph(text, style=f"Heading {level}")

    def para(self, *parts: str | Mark) -> None:
        """A paragraph of text runs; a `Mark` run is highlighted yellow."""
        paragraph = self.doc.add_paragraph()
        for part in parts:
            if isinstance(part, tuple):
                run = paragraph.add_run(part[0])
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            else:
                paragraph.add_run(part)

    def tag(self, text: str) -> None:
        """A paragraph holding only a docxtpl paragraph tag ({%p … %}), removed on rendering."""
        self.doc.add_paragraph("{%p " + text + " %}", style=CONTROL)

    def table(
        self,
        widths: tuple[float, ...],
        heads: tuple[str, ...],
        loop: str,
        cells: tuple[str, ...],
        *,
        left: frozenset[int] = frozenset(),
        before: tuple[tuple[str, ...], ...] = (),
        after: tuple[tuple[str, ...], ...] = (),
    ) -> None:
        """A bordered table: the header row (repeated on each page), `before` rows, one row
        per item of `loop` ("i in p.indicators") filled with `cells`, then `after` rows.
        Columns in `left` hold long text (left-aligned). A row given shorter than the table
        merges its first cell over the missing columns."""
        rows = [heads, *before, ("{%tr for " + loop + " %}",), cells, ("{%tr endfor %}",), *after]
        table = self.doc.add_table(rows=len(rows), cols=len(widths))
        table.style = "Table Grid"
        table.autofit = False
        for col, width in zip(table.columns, widths, strict=True):
            col.width = Cm(width)
        for r, (row, texts) in enumerate(zip(table.rows, rows, strict=True)):
            for c, cell in enumerate(row.cells):
                cell_width(cell, widths[c])
            first = row.cells[0]
            span = len(widths) - len(texts) + 1
            if span > 1:
                first = first.merge(row.cells[span - 1])
            targets = [first, *row.cells[span:]]
            for c, (cell, text) in enumerate(zip(targets, texts, strict=True)):
                paragraph = cell.paragraphs[0]
                column = 0 if c == 0 else c + span - 1
                long = texts is cells and column in left
                paragraph.style = self.doc.styles[TABLE_BODY if long else TABLE_TEXT]
                run = paragraph.add_run(text)
                run.font.bold = r == 0
        repeat_header(table.rows[0])
        narrow_margins(table)

    def indicator_table(self, v: str, rate_if: str | None) -> None:
        """The indicator table of part `v`: 执行率 (only where the condition `rate_if` holds,
        when one is given), every indicator, and the total."""
        rate: tuple[tuple[str, ...], ...] = (
            (
                "预算执行率",
                "—",
                "{{ " + v + ".funds.rate }}",
                "{{ " + v + ".funds.weight }}",
                "{{ " + v + ".funds.score }}",
                "—",
            ),
        )
        if rate_if is not None:
            rate = (("{%tr if " + rate_if + " %}",), *rate, ("{%tr endif %}",))
        self.table(
            INDICATOR_WIDTHS,
            (*INDICATOR_HEADS, "评价结果"),
            "i in " + v + ".indicators",
            (
                "{{ i.level1 }}",
                "{{ i.level2 }}",
                "{{ i.name }}",
                "{{ i.target }}",
                "{{ i.actual }}",
                "{{ i.weight }}",
                "{{ i.score }}",
                "{{ i.judgement }}",
            ),
            before=rate,
            after=(
                (
                    "合计",
                    "{{ " + v + ".total_weight }}",
                    "{{ " + v + ".score }}",
                    "{{ " + v + ".grade }}",
                ),
            ),
        )

    def save(self, target: str | Path | BytesIO) -> None:
        """Write the template."""
        self.doc.save(str(target) if isinstance(target, Path) else target)


def _goal_and_counts(b: Builder, v: str, what: str, goal_prompt: str) -> None:
    """二、绩效目标: the goal as the input gives it, and how many indicators of each 一级."""
    b.heading(2, "二、绩效目标")
    b.tag("if " + v + ".goal")
    b.para("{{ " + v + ".goal }}")
    b.tag("else")
    b.para((f"【请补充：{goal_prompt}】",))
    b.tag("endif")
    b.para(
        f"{what}设置绩效指标{{{{ {v}.counts.total }}}}个"
        "{% for g in " + v + ".groups %}{% if loop.first %}，其中{% else %}、{% endif %}"
        "{{ g.name }}{{ g.count }}个{% endfor %}。"
    )


def _method(b: Builder, who: str) -> None:
    """三、自评工作开展情况: how the scores were computed, and what only the office knows."""
    b.heading(2, "三、自评工作开展情况")
    b.para(
        f"{who}依据年度绩效目标，对预算执行率和各项绩效指标的完成情况逐项对照评分，"
        "汇总得出自评得分和等级（{{ grading }}）。"
    )
    b.para(("【请补充：自评工作的组织方式、参与人员、时间安排和工作过程】",))


def _conclusion(b: Builder, v: str, who: str, rate_if: str) -> None:
    """四、综合评价结论: the score and grade, how they are made up, the judgements counted."""
    b.heading(2, "四、综合评价结论")
    b.para(
        "{% if " + v + ".scored %}"
        f"{who}自评得分{{{{ {v}.score }}}}分，等级为“{{{{ {v}.grade }}}}”"
        "{% if " + v + ".provisional %}" + PROVISIONAL + "{% endif %}。"
        "{% else %}"
        f"{who}没有可以评分的预算执行率或绩效指标，未计算自评得分。"
        "{% endif %}"
        "{% if " + rate_if + " %}"
        "其中预算执行率{% if " + v + ".funds.scored %}得分{{ " + v + ".funds.score }}分"
        "{% else %}得分待人工评定{% endif %}（分值{{ " + v + ".funds.weight }}分），"
        "绩效指标得分{{ " + v + ".indicator_score }}分（分值{{ " + v + ".indicator_weight }}分）。"
        "{% endif %}"
    )
    b.para(
        "{% if " + v + ".counts.total %}"
        "{{ " + v + ".counts.total }}个绩效指标中，{{ " + v + ".counts.summary }}。"
        "{% endif %}"
    )


def _analysis(b: Builder, v: str, rate_if: str | None, budget_text: str) -> None:
    """五、绩效目标实现情况分析: the table, 预算执行, then one subsection per 一级指标."""
    b.heading(2, "五、绩效目标实现情况分析")
    b.tag("if " + v + ".indicators")
    b.para("各项绩效指标的完成情况如下表。")
    b.indicator_table(v, rate_if)
    b.tag("endif")
    b.heading(3, "（一）预算执行情况")
    b.para(budget_text)
    b.tag("for g in " + v + ".groups")
    b.heading(3, "（{{ (g.number + 1) | cn }}）{{ g.name }}完成情况")
    b.para("{{ g.name }}共{{ g.count }}个，分值{{ g.weight }}分，得分{{ g.score }}分。")
    b.tag("for i in g.indicators")
    b.para(
        "{{ loop.index }}. {{ i.name }}：年度指标值{{ i.target }}，"
        "实际完成值{{ i.actual }}，{{ i.judgement }}。"
    )
    b.tag("endfor")
    b.tag("endfor")


def _deviations(b: Builder, v: str, what: str) -> None:
    """六、偏差原因及改进措施: each deviation's facts, the input's explanation when it gave
    one, and the placeholder for the reason."""
    b.heading(2, "六、偏差原因及改进措施")
    b.tag("if " + v + ".deviations")
    b.tag("for d in " + v + ".deviations")
    b.para("{{ loop.index }}. {{ d.title }}：{{ d.facts }}。")
    b.tag("if d.given")
    b.para("填报的偏差原因分析及改进措施：{{ d.given }}")
    b.tag("endif")
    b.para(("【请填写：{{ d.prompt }}】",))
    b.tag("endfor")
    b.tag("else")
    b.para(
        f"经自评，{what}未发现需要说明原因的偏差"
        "{% if " + v + ".counts.manual %}（另有{{ " + v + ".counts.manual }}个指标需人工判断，"
        "判断后如有偏差，请补充说明）{% endif %}。"
    )
    b.tag("endif")


def _closing(b: Builder, v: str) -> None:
    """七、自评结果应用 and 八、其他需要说明的问题 (with the input errors to check)."""
    b.heading(2, "七、自评结果应用")
    b.para(
        ("【请补充：自评结果的应用情况，如问题整改、下年度预算安排和绩效目标调整、信息公开等】",)
    )
    b.heading(2, "八、其他需要说明的问题")
    b.tag("for n in " + v + ".notices")
    b.para(("【请核实：{{ n }}】",))
    b.tag("endfor")
    b.para(("【请补充：其他需要说明的问题；没有的，写“无”】",))


def _department(b: Builder) -> None:
    v = "department"
    b.heading(
        1, "{{ department.name }}{% if year %}{{ year }}年度{% endif %}部门整体支出绩效自评报告"
    )
    b.heading(2, "一、基本情况")
    b.heading(3, "（一）部门概况")
    b.para(("【请补充：部门职能、机构设置和人员编制等情况】",))
    b.heading(3, "（二）年度主要任务")
    b.tag("if department.tasks")
    b.para("本年度部门主要任务{{ department.tasks | length }}项，完成情况如下表。")
    b.table(
        (1.0, 2.6, 6.0, 6.0),
        ("序号", "任务名称", "主要内容", "实际完成情况"),
        "t in department.tasks",
        ("{{ t.number }}", "{{ t.name }}", "{{ t.content }}", "{{ t.achieved }}"),
        left=frozenset({2, 3}),
    )
    b.tag("else")
    b.para(("【请补充：部门年度主要任务及完成情况】",))
    b.tag("endif")
    b.heading(3, "（三）预算安排情况")
    b.para(
        "{% if department.funds_own %}部门"
        "{% if department.funds.initial_given %}年初预算数{{ department.funds.initial }}，{% endif %}"
        "全年预算数{{ department.funds.budget }}。{% endif %}"
        "本年度共实施项目{{ department.project_count }}个，"
        "{% if department.projects_funds.initial_given %}"
        "年初预算数合计{{ department.projects_funds.initial }}，{% endif %}"
        "全年预算数合计{{ department.projects_funds.budget }}。"
    )
    _goal_and_counts(b, v, "本年度部门整体", "部门年度绩效目标")
    _method(b, "本次自评")
    _conclusion(b, v, "部门整体支出绩效", "department.funds_own")
    b.tag("if department.projects")
    b.para("各项目自评结果如下表。")
    b.table(
        (0.9, 4.6, 2.8, 2.8, 1.7, 1.5, 1.3),
        ("序号", "项目名称", "全年预算数", "全年执行数", "执行率", "自评得分", "等级"),
        "r in department.projects",
        (
            "{{ r.number }}",
            "{{ r.name }}",
            "{{ r.budget }}",
            "{{ r.spent }}",
            "{{ r.rate }}",
            "{{ r.score }}",
            "{{ r.grade }}",
        ),
        left=frozenset({1}),
    )
    b.tag("endif")
    _analysis(
        b,
        v,
        "department.funds_own",
        "{% if department.funds_own %}部门全年预算数{{ department.funds.budget }}，"
        "全年执行数{{ department.funds.spent }}，预算执行率{{ department.funds.rate }}。"
        "{% endif %}全部{{ department.project_count }}个项目全年预算数合计"
        "{{ department.projects_funds.budget }}，全年执行数合计{{ department.projects_funds.spent }}，"
        "预算执行率{{ department.projects_funds.rate }}。",
    )
    _deviations(b, v, "部门整体")
    b.tag("if department.project_deviations")
    b.para(
        "各项目共有{{ department.project_deviations }}处偏差需要说明原因，"
        "见各项目报告的“六、偏差原因及改进措施”。"
    )
    b.tag("endif")
    _closing(b, v)


def _project(b: Builder) -> None:
    v = "p"
    b.tag("for p in projects")
    b.heading(1, "{{ p.name }}项目支出绩效自评报告")
    b.heading(2, "一、基本情况")
    b.heading(3, "（一）项目概况")
    b.para(
        "项目名称：{{ p.name }}。{% if p.supervisor %}主管部门：{{ p.supervisor }}。{% endif %}"
        "{% if p.unit %}实施单位：{{ p.unit }}。{% endif %}"
    )
    b.para(("【请补充：项目立项依据、主要内容和资金用途】",))
    b.heading(3, "（二）资金安排情况")
    b.para(
        "{% if p.funds.initial_given %}项目年初预算数{{ p.funds.initial }}，{% endif %}"
        "全年预算数{{ p.funds.budget }}"
        "{% if p.funds.sources | length > 1 %}，其中"
        "{% for s in p.funds.sources %}{{ s.name }}{{ s.budget }}{% if not loop.last %}、"
        "{% endif %}{% endfor %}{% endif %}。"
    )
    _goal_and_counts(b, v, "本项目", "项目年度绩效目标")
    _method(b, "本项目")
    _conclusion(b, v, "项目", "true")
    b.tag("if p.achieved")
    b.para("项目实际完成情况：{{ p.achieved }}")
    b.tag("endif")
    _analysis(
        b,
        v,
        None,
        "项目全年预算数{{ p.funds.budget }}，全年执行数{{ p.funds.spent }}，"
        "预算执行率{% if p.funds.rate_defined %}{{ p.funds.rate }}{% else %}无法计算，"
        "执行率得分需人工评定{% endif %}。",
    )
    _deviations(b, v, "本项目")
    _closing(b, v)
    b.tag("endfor")


def build() -> Builder:
    """Return the default template, built."""
    b = Builder()
    _department(b)
    _project(b)
    return b


def write_default_template(target: str | Path | BytesIO) -> None:
    """Write the default template to `target` (a path or a binary stream)."""
    build().save(target)
