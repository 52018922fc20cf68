"""The report facts every corpus workbook must give, worked out by hand from the rules
(docs/forms.md, docs/scoring.md, shared/spec/scoring-rules.md) — never copied from a run.

Each figure carries its arithmetic in a comment. Weights and scores are the report's, rounded
to 2 decimals; amounts are 万元 (a form in 元 divided by 10000); rates are fractions. `ANY`
marks a fact the rules leave open (said where it is used); the choices made where the rules
left room are listed in CHOICES below, for the lead to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ANY: Any = type("Any", (), {"__repr__": lambda self: "ANY"})()
"""A fact not asserted."""

# Where docs/forms.md and docs/scoring.md left room, these expectations decide as follows.
CHOICES = """
1. Project-level explanation_missing: scoring.md requires an explanation for rate_low and
   budget_adjusted "at the project level". A form with no place for one (Beijing 2016, the
   Chongqing department form) gets one explanation_missing; where the Sichuan 原因 cell holds
   only the printed rules' note (04), 0 or 1 are accepted, and for the department form (02)
   with rate_low, with or without it.
2. A cost indicator (成本指标) without operator read as "≤" for money gives a `reading` note
   (13 Hubei: 8000元 → 8000元), like the keep-low names.
3. A target of 0 under a keep-low name (变质比例 0, 安全事件发生数 0起, 人员伤亡 0人) gives the
   keep-low `reading` note too: it has no operator and its name says keep low.
4. A not-applicable row whose 分值 is "/" (21: "指标1: / / /") is left out before weights are
   shared: it raises no weight_sum and nothing is rescaled (its weight is 0).
5. Level names lose their line breaks and numbering: 二级 "经济效益\\n指标" → "经济效益指标",
   一级 "一、产出指标" → "产出指标", 二级 "1、数量指标" → "数量指标".
6. 指标性质 "定性" / "定量指标" / "定性指标" is no operator and is not part of the target
   ("定性" | "健全" → "健全"); a 指标值 that already ends with its 计量单位 gets it once ("100%"
   with "%" → "100%").
7. A table with no 一级/二级 columns (the Chongqing department form) gives level1 = level2 = "".
8. A funds block with a total row and no source rows (02, 13): `sources` is not asserted.
9. An explanation written in an unlabelled cell beside the row (13 Hubei) is not read:
   explanation_missing for each unmet row.
10. "说明 | 无" under the indicator table (16) is a closing row, not an indicator.
11. sum_mismatch: one finding per differing column (01: 3) or one for the row (1) accepted.
12. A department form without its own funds block (41): its report `funds` is not asserted;
    its score includes the projects' 执行率 (weight 10).
13. The department's hand-filled 得分 and 自评总分 are compared like a project's
    (score_differs, 02).
14. A deadline target answered with the official phrase 达成预期指标 (01: 在项目计划完成时间内
    完成) is met, as the qualitative bands read it.
15. A department form holding no year takes it from "2023年" before the project names (40).
"""


@dataclass(frozen=True)
class Ind:
    """One indicator of the report, in order."""

    level1: str
    level2: str
    name: str
    target: Any
    actual: Any
    status: str
    weight: Any
    score: float | None
    breakdown: tuple[tuple[str, str, str], ...] = ()


def ind(*args: Any, breakdown: tuple[tuple[str, str, str], ...] = ()) -> Ind:
    """An Ind from its fields in order (a short name: the tables below are long)."""
    return Ind(*args, breakdown=breakdown)


@dataclass(frozen=True)
class Funds:
    """A funds block: totals, rate, sources (name → initial, budget, spent, rate), and the
    执行率 weight and score."""

    initial: float | None
    budget: float | None
    spent: float | None
    rate: float | None
    sources: Any = ANY
    weight: Any = ANY
    score: Any = ANY


@dataclass(frozen=True)
class Project:
    name: str
    unit: str | None
    funds: Funds
    indicators: tuple[Ind, ...]
    score: float | None
    grade: str | None
    provisional: bool


@dataclass(frozen=True)
class Department:
    name: str
    year: int
    funds: Any
    indicators: tuple[Ind, ...]
    score: float | None
    grade: str | None
    provisional: bool = False


@dataclass(frozen=True)
class Find:
    """Findings of one code: how many (or the counts accepted), the `where` of the important
    ones ("Sheet!A1", or "Sheet!" for the sheet only), words one message must hold each."""

    code: str
    severity: str
    count: int | tuple[int, ...]
    where: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    """The expected report of one workbook. `department` None: the workbook holds no
    department form. `error`: the workbook cannot be read (exit 2); each item is a word, or
    a tuple of words one of which, the message must hold."""

    file: str
    projects: tuple[Project, ...] = ()
    department: Department | None = None
    findings: tuple[Find, ...] = ()
    error: tuple[Any, ...] = ()
    unnamed_project: bool = False


OK = "达成预期指标"
S1 = "项目支出绩效自评表"

# fmt: off
CASES_LIST: list[Case] = [
    Case(
        "01_anhui_chizhou_weituo.xlsx",
        projects=(Project(
            "委托业务项目", "219001-池州市贵池区棠溪镇人民政府",
            # totals are the sums of the sources, not the stated 0 | 0 | 0
            Funds(90.0, 89.974, 89.974, 1.0,  # 89.974 / 89.974
                  {"当年财政拨款": (90.0, 89.974, 89.974, 1.0)}, weight=10.0, score=10.0),
            (
                ind("产出指标", "数量指标", "基建工程委托业务项目数量", "≥50个", "50", "met", 8.0, 8.0),
                ind("产出指标", "质量指标", "委托业务报告合格率", "≥100百分比", "100", "met", 8.0, 8.0),
                ind("产出指标", "质量指标", "经费支出合规性", "严格执行相关制度规定", OK, "met", 8.0, 8.0),
                ind("产出指标", "时效指标", "提交报告及时性", "在项目计划完成时间内完成", OK, "met", 8.0, 8.0),
                ind("产出指标", "成本指标", "项目总成本", "≤90万元", "90", "met", 8.0, 8.0),
                ind("产出指标", "成本指标", "单项业务成本", "符合相关规定", OK, "met", 10.0, 10.0),
                ind("效益指标", "社会效益指标", "对维护基建市场公平的影响程度", "效果明显", OK, "met", 10.0, 10.0),
                ind("效益指标", "生态效益指标", "对控制基建项目成本影响程度", "效果明显", OK, "met", 10.0, 10.0),
                ind("效益指标", "可持续影响指标", "对推动基建项目“四项制度”健全和落实的持续性影响", "效果明显", OK, "met", 10.0, 10.0),
                ind("满意度指标", "满意度指标", "公众满意度", "≥95%", "96%", "met", 10.0, 10.0),
            ),
            # 10 + (8×5 + 10) + 10×3 + 10 = 100.00
            100.0, "优", False,
        ),),
        findings=(
            # stated 0 | 0 | 0 against 90 | 89.974 | 89.974
            Find("sum_mismatch", "error", (3, 1), where=(f"{S1}!",)),
            # 执行率 得分 0 → 10.00; 自评得分 90 → 100.00
            Find("score_differs", "info", 2, where=(f"{S1}!H7", f"{S1}!F25")),
        ),
    ),
    Case(
        "02_chongqing_rongmeiti_dept_only.xlsx",
        department=Department(
            "西部(重庆)科学城融媒体中心", 2021,
            # 950 / 1250 = 0.76; 10 × 0.76 = 7.60
            Funds(1250.0, 1250.0, 950.0, 0.76, weight=10.0, score=7.6),
            (
                ind("", "", "财政供养人员控制率", "100%", "92%", "met", 2.0, 2.0),  # keep low: 92 ≤ 100
                ind("", "", "“三公”经费变动率", "0%", "0%", "met", 2.0, 2.0),  # keep low, target 0: 0 ≤ 0
                ind("", "", "基础信息完善", "100%", "100%", "met", 1.0, 1.0),
                ind("", "", "预算完成率", "70%", "76%", "met", 2.0, 2.0),  # 76/70 = 1.086 < 1.2
                ind("", "", "预算调整率", "3%", "0", "met", 2.0, 2.0),  # keep low: 0 ≤ 3%
                ind("", "", "结转结余率", "2%", "0", "met", 2.0, 2.0),  # keep low: 0 ≤ 2%
                ind("", "", "公用经费控制率", "100%", "97%", "met", 2.0, 2.0),  # keep low
                ind("", "", "“三公”经费控制率", "100%", "88%", "met", 2.0, 2.0),  # keep low
                ind("", "", "政府采购执行率", "100%", "72.74%", "unmet", 2.0, 1.45),  # 2 × 0.7274 = 1.4548
                ind("", "", "管理制度健全性", "高", "高", "met", 3.0, 3.0),
                ind("", "", "资金使用合规性", "好", "好", "met", 5.0, 5.0),
                ind("", "", "预决算信息公开性", "高", "高", "met", 1.0, 1.0),
                ind("", "", "资产管理安全", "好", "好", "met", 2.0, 2.0),
                ind("", "", "固定资产利用率", "90%", "100%", "met", 2.0, 2.0),  # 100/90 = 1.11
                ind("", "", "党性教育培训次数", "6次", "12次", "exceeded", 5.0, 5.0),  # 调整 6次 wins; 12 ≥ 1.2 × 6
                ind("", "", "组织宣传活动次数", "40次", "43次", "met", 10.0, 10.0),  # 43/40 = 1.075
                ind("", "", "制作宣传品数量", "20份", "20份", "met", 5.0, 5.0),
                ind("", "", "播发稿件数量", "2200篇", "2859篇", "exceeded", 10.0, 10.0),  # 2859/2200 = 1.2995
                ind("", "", "业务保障能力提升", "90%", "95%", "met", 10.0, 10.0),
                ind("", "", "公共服务满意度", "90%", "96%", "met", 10.0, 10.0),
                ind("", "", "新闻宣传社会知晓率", "80%", "85%", "met", 10.0, 10.0),
            ),
            # weights 17 + 13 + 40 + 20 = 90, + 10 = 100; 7.6 + 90 − 2 + 1.4548 = 97.0548
            97.05, "优", False,
        ),
        findings=(
            Find("rate_low", "warning", 1),  # 76% < 90%
            Find("reading", "info", 6, where=tuple(f"部门整体绩效自评表!G{r}" for r in (10, 11, 14, 15, 16, 17))),
            Find("indicator_unmet", "warning", 1, where=("部门整体绩效自评表!G18",)),
            Find("indicator_exceeded", "info", 2, where=("部门整体绩效自评表!G24", "部门整体绩效自评表!G27")),
            # the unmet and the two exceeded (the form has no explanation column), and maybe
            # the department's own for rate_low (CHOICES 1: "project level" may not cover it)
            Find("explanation_missing", "warning", (3, 4)),
            # 政府采购执行率 得分 2 → 1.45; 自评总分 97.6 → 97.05 (CHOICES 13)
            Find("score_differs", "info", 2, where=("部门整体绩效自评表!J18", "部门整体绩效自评表!K3")),
        ),
    ),
    Case(
        "03_sichuan_qingshen_unfilled.xlsx",
        projects=(Project(
            "51000021R000000019951-工资性支出", "青神县发展和改革局",
            # 251.89 / 251.89; 财政专户管理资金 and 单位资金 all 0.00: left out
            Funds(238.93, 251.89, 251.89, 1.0,
                  {"当年财政拨款": (238.93, 251.89, 251.89, 1.0)}, weight=10.0, score=10.0),
            (
                ind("产出指标", "数量指标", "发放(缴纳)覆盖率", "=100%", "", "manual", 60.0, None),
                ind("效益指标", "社会效益指标", "足额保障率(参保率)", "=100%", "", "manual", 30.0, None),
            ),
            # only the 执行率 can be scored: 10.00, provisional
            10.0, "差", True,
        ),),
        findings=(
            Find("missing_value", "error", 2, where=("Sheet1!H16", "Sheet1!H17")),
        ),
    ),
    Case(
        "04_sichuan_daying_two_stacked.xlsx",
        projects=(
            Project(
                "51092324T000010263112-2023年社区矫正工作经费", "大英县司法局",
                Funds(30.0, 30.0, 30.0, 1.0, {"当年财政拨款": (30.0, 30.0, 30.0, 1.0)}, weight=10.0, score=10.0),
                (
                    # a word against a number target
                    ind("产出指标", "经济成本指标", "成本控制数", "≤30万元", "完成", "manual", 90.0, None),
                ),
                10.0, "差", True,  # 10 + (90 left to a person)
            ),
            Project(
                "51092324T000010263357-2023年全县安可替代补助资金项目", "大英县司法局",
                Funds(0.0, 3.36, 3.36, 1.0, {"当年财政拨款": (0.0, 3.36, 3.36, 1.0)}, weight=10.0, score=10.0),
                (
                    ind("产出指标", "数量指标", "购置安可电脑数量", "≥13台", "13", "met", 25.0, 25.0),
                    ind("产出指标", "质量指标", "完成安可产品购买并按要求支付资金", "=100%", "100", "met", 25.0, 25.0),
                    ind("产出指标", "时效指标", "资金支付及时率", "=100%", "100", "met", 15.0, 15.0),
                    ind("效益指标", "社会效益指标", "政务信息系统安全可控水平", "提升", "有效提升", "met", 15.0, 15.0),
                    ind("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%", "95", "met", 10.0, 10.0),
                ),
                100.0, "优", False,  # 10 + 25 + 25 + 15 + 15 + 10
            ),
        ),
        findings=(
            Find("manual", "warning", 1, where=("自评表!H14",)),
            Find("budget_adjusted", "warning", 1, where=("自评表!D28",)),  # 年初 0 → 3.36
            Find("explanation_missing", "warning", (0, 1)),  # CHOICES 1: 原因 holds the rules' note
        ),
    ),
    Case(
        "05_sichuan_inline_operators.xlsx",
        projects=(Project(
            "51092322R000000023781-在职人员工资性支出", "大英县融媒体中心",
            # 512.36 / 512.36; adjusted 26.16 / 486.2 = 5.4% (< 20%)
            Funds(486.2, 512.36, 512.36, 1.0, {"当年财政拨款": (486.2, 512.36, 512.36, 1.0)}, weight=10.0, score=10.0),
            (
                ind("产出指标", "数量指标", "足额保障率", "=100%", "100%", "met", 22.5, 22.5),
                ind("产出指标", "数量指标", "科目调整次数", "≤10次", "3次", "met", 22.5, 22.5),
                ind("产出指标", "时效指标", "按时发放率", "=100%", "100%", "met", 22.5, 22.5),
                # 22.5 × 5/6.5 = 17.3077
                ind("效益指标", "经济效益指标", "结余率(计算方法为:结余数/预算数)", "≤5%", "6.5%", "unmet", 22.5, 17.31),
            ),
            # 10 + 22.5 × 3 + 17.3077 = 94.8077
            94.81, "优", False,
        ),),
        findings=(
            Find("indicator_unmet", "warning", 1, where=("项目自评表!F17",)),
        ),
    ),
    Case(
        "06_beijing_haidian_2016.xlsx",
        projects=(Project(
            "【体制】自管道路清扫保洁外包工作经费", "北京市海淀区学院路街道城市运行服务中心",
            # only 年初预算数(A): it is the budget too; 154.74 / 310.2 = 0.498839; 10 × it = 4.9884
            Funds(310.2, 310.2, 154.74, 154.74 / 310.2,
                  {"当年财政拨款": (310.2, 310.2, 154.74, 154.74 / 310.2)}, weight=10.0, score=4.99),
            (
                ind("产出指标", "数量指标", "是否完成绩效目标申报表中申报的数量", "1", "1", "met", 12.5, 12.5),
                ind("产出指标", "质量指标", "是否达到国家及本市环境卫生质量标准", "达到", "达到", "met", 12.5, 12.5),
                ind("产出指标", "时效指标", "是否按时完成保洁作业", "按时完成", "按时完成", "met", 12.5, 12.5),
                ind("产出指标", "成本指标", "是否控制在预算范围内", "≤310.2万元", "154.74万元", "met", 12.5, 12.5),
                ind("效益指标", "社会效益指标", "道路清扫保洁覆盖率", "100%", "100%", "met", 15.0, 15.0),
                # 基本 → 部分达成 70%: 15 × 0.7 = 10.5
                ind("效益指标", "可持续影响指标", "长效保洁管理机制", "健全", "基本健全", "unmet", 15.0, 10.5),
                ind("满意度指标", "服务对象满意度指标", "辖区居民满意度", "≥90%", "92%", "met", 10.0, 10.0),
            ),
            # 4.9884 + 50 + 15 + 10.5 + 10 = 90.4884
            90.49, "优", False,
        ),),
        findings=(
            Find("rate_low", "warning", 1),  # 49.88% < 90%
            Find("explanation_missing", "warning", 1),  # CHOICES 1: rate_low, no place for a reason
            Find("indicator_unmet", "warning", 1, where=("Sheet1!G17",)),
            # 执行率 得分 5 → 4.99; 自评得分 90.5 → 90.49
            Find("score_differs", "info", 2, where=("Sheet1!G6", "Sheet1!F19")),
        ),
    ),
    Case(
        "07_transfer_not_applicable.xlsx",
        projects=(Project(
            "2022年中央财政农业生产发展资金(高素质农民培育)", "平江县农业广播电视学校",
            # 190 / 200 = 0.95; weight 10 × 100/90 = 11.11 (rescaled), score 9.5 × 100/90 = 10.5556
            Funds(200.0, 200.0, 190.0, 0.95,
                  {"中央补助资金": (180.0, 180.0, 171.0, 0.95), "地方资金": (20.0, 20.0, 19.0, 0.95)},
                  weight=11.11, score=10.56),
            (
                # 带动学员增收 does not apply: 10 of 100 left out, the other 90 × 100/90; 10 → 11.1111
                ind("产出指标", "数量指标", "培育高素质农民人数", "≥500人", "520人", "met", 11.11, 11.11),
                ind("产出指标", "数量指标", "实训基地建设数量", "≥2个", "2个", "met", 11.11, 11.11),
                ind("产出指标", "质量指标", "培训合格率", "≥95%", "97%", "met", 11.11, 11.11),
                ind("产出指标", "时效指标", "资金到位及时率", "100%", "100%", "met", 11.11, 11.11),
                ind("产出指标", "成本指标", "人均培训补助标准", "≤3000元", "2800元", "met", 11.11, 11.11),
                ind("效益指标", "经济效益指标", "带动学员增收", "≥5%", "—", "not_applicable", ANY, None),
                ind("效益指标", "社会效益指标", "学员就业创业率", "≥80%", "72%", "unmet", 11.11, 10.0),  # 11.1111 × 72/80
                ind("效益指标", "可持续影响指标", "培训管理制度健全性", "健全", "健全", "met", 11.11, 11.11),
                ind("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%", "met", 11.11, 11.11),
            ),
            # (9.5 + 7 × 10 + 9) × 100/90 = 98.3333
            98.33, "优", False,
        ),),
        findings=(
            Find("indicator_unmet", "warning", 1, where=(f"{S1}!F19",)),
            Find("score_differs", "info", 1, where=(f"{S1}!H6",)),  # 执行率 得分 9.5 → 10.56
        ),
    ),
    Case(
        "13_hubei_hbeu_zizhu.xlsx",
        projects=(Project(
            "湖北工程学院2021年学生资助项目", "湖北工程学院",
            # no 年初预算数; 1480 / 1500 = 0.986667; 得分(10分*执行率): 9.8667 (stated 9.87)
            Funds(None, 1500.0, 1480.0, 1480 / 1500, weight=10.0, score=9.87),
            (
                # 产出指标(50分) over 7 indicators: 50/7 = 7.142857
                ind("产出指标", "数量指标", "国家奖学金人数", "10人", "9人", "unmet", 7.14, 6.43),  # 7.142857 × 0.9 = 6.428571
                ind("产出指标", "数量指标", "国家励志奖学金人数", "300人", "290人", "unmet", 7.14, 6.9),  # × 290/300 = 6.904762
                ind("产出指标", "数量指标", "国家助学金人数", "2000人", "2000人", "met", 7.14, 7.14),
                ind("产出指标", "数量指标", "应征入伍人数", "50人", "55人", "met", 7.14, 7.14),  # 1.1 < 1.2
                ind("产出指标", "成本指标", "国家奖学金人均资助", "8000元", "8000元", "met", 7.14, 7.14),
                ind("产出指标", "成本指标", "国家励志奖学金人均资助", "5000元", "5000元", "met", 7.14, 7.14),
                ind("产出指标", "成本指标", "国家助学金人均资助", "3300元", "3300元", "met", 7.14, 7.14),
                # 效益指标(30分) over 3: 10 each (服务对象满意度指标 is a 二级 of 效益指标 here)
                ind("效益指标", "社会效益指标", "资金发放率", "100%", "100%", "met", 10.0, 10.0),
                ind("效益指标", "社会效益指标", "困难生完成学业率", "≥95%", "97%", "met", 10.0, 10.0),
                ind("效益指标", "服务对象满意度指标", "受助学生满意度", "≥90%", "95%", "met", 10.0, 10.0),
                # 过程指标(10分), its 二级 blank
                ind("过程指标", "", "评审程序是否公正", "是", "是", "met", 10.0, 10.0),
            ),
            # 9.866667 + 5 × 7.142857 + 6.428571 + 6.904762 + 30 + 10 = 98.914286
            98.91, "优", False,
        ),),
        findings=(
            Find("indicator_unmet", "warning", 2, where=("自评表!E12", "自评表!E13")),
            Find("explanation_missing", "warning", 2),  # CHOICES 9
            Find("reading", "info", 3, where=("自评表!E16", "自评表!E17", "自评表!E18")),  # CHOICES 2
        ),
    ),
    Case(
        "14_hebei_ningjin_targets_only.xlsx",
        # a target table (目标值, no actual): no self-evaluation form at all
        error=("自评", ("申报", "目标", "指标表")),
    ),
    Case(
        "16_hunan_hengshan_chubeiliang.xlsx",
        projects=(Project(
            "县级储备粮", "粮食调控储备与产业发展股",
            # no 年初预算数; 中央、省、市补助 blank: left out; 194.9 / 194.9
            Funds(None, 194.9, 194.9, 1.0, {"县级资金": (None, 194.9, 194.9, 1.0)}, weight=10.0, score=10.0),
            (
                # no 分值: 产出指标 50/9 = 5.5556 each
                ind("产出指标", "数量指标", "5000吨稻谷、500吨成品粮储备到位率", "100%", "100%", "met", 5.56, 5.56),
                ind("产出指标", "数量指标", "库存数量真实率", "100%", "100%", "met", 5.56, 5.56),
                ind("产出指标", "质量指标", "县级储备粮管理制度严格执行率", "100%", "100%", "met", 5.56, 5.56),
                ind("产出指标", "质量指标", "储备粮管理专户管理率", "100%", "100%", "met", 5.56, 5.56),
                ind("产出指标", "质量指标", "县级储备粮库存粮食明显变质比例", "0", "0", "met", 5.56, 5.56),  # target 0, kept low
                ind("产出指标", "时效指标", "县级储备粮贷款付息及时率", "100%", "100%", "met", 5.56, 5.56),
                ind("产出指标", "时效指标", "县级储备粮应急保障率", "100%", "100%", "met", 5.56, 5.56),
                ind("产出指标", "成本指标", "国家政策性粮收购价格执行率", "100%", "100%", "met", 5.56, 5.56),  # B = A
                ind("产出指标", "成本指标", "县级储备粮库存成本核算率", "100%", "100%", "met", 5.56, 5.56),
                # 效益指标 30/5 = 6 each
                ind("效益指标", "经济效益指标", "利息费用保障率", "100%", "100%", "met", 6.0, 6.0),
                ind("效益指标", "经济效益指标", "政策性挂账利息补贴保障率", "100%", "无", "manual", 6.0, None),  # a word against 100%
                ind("效益指标", "生态效益指标", "低温、低氧、低剂量科学保粮率", "100%", "100%", "met", 6.0, 6.0),
                ind("效益指标", "生态效益指标", "食品安全指标达标率", "100%", "100%", "met", 6.0, 6.0),
                ind("效益指标", "可持续影响指标", "粮食储备设备维护及安全性", "高", "高", "met", 6.0, 6.0),
                # 满意度指标 10/2 = 5 each
                ind("满意度指标", "服务对象满意度指标", "因粮食市场波动引起的粮食安全事件发生数", "0起", "0起", "met", 5.0, 5.0),
                ind("满意度指标", "服务对象满意度指标", "市民满意度调查", "≥90%", "100%", "met", 5.0, 5.0),  # 1.11
            ),
            # 50/9 = 5.5556 each; 10 + 50 + 4×6 + 10 = 94.00 (6 left to a person)
            94.0, "优", True,
        ),),
        findings=(
            Find("manual", "warning", 1, where=("县级专项资金绩效目标自评表!F22",)),
            # 变质比例, 发生数: kept low by name (CHOICES 3)
            Find("reading", "info", 2, where=("县级专项资金绩效目标自评表!F16", "县级专项资金绩效目标自评表!F26")),
        ),
    ),
    Case(
        "18_anhui_xiaoxian_xianjie.xlsx",
        projects=(Project(
            "河西村特色种养补贴到户项目", "张庄寨镇人民政府",
            # no 年初预算数; the source row's 分值 10 | 得分 10 are not a second 执行率
            Funds(None, 9.48, 9.48, 1.0, {"当年财政拨款": (None, 9.48, 9.48, 1.0)}, weight=10.0, score=10.0),
            (
                ind("产出指标", "数量指标", "★补助各类瓜果蔬菜种植面积", "29.5亩", "29.5亩", "met", 20.0, 20.0,
                  breakdown=(("其中桃树种植面积", "1.5亩", "1.5亩"), ("其中苹果树种植面积", "5亩", "5亩"),
                             ("其中露天蔬菜", "20亩", "20亩"), ("其中大棚蔬菜", "3亩", "3亩"))),
                ind("产出指标", "数量指标", "★补助鱼塘面积", "3亩", "3亩", "met", 10.0, 10.0,
                  breakdown=(("其中鱼塘养殖面积", "3亩", "3亩"),)),
                ind("产出指标", "数量指标", "★补助家畜家禽养殖数量", "192只", "192只", "met", 10.0, 10.0,
                  breakdown=(("其中羊养殖数量", "180只", "180只"), ("其中猪养殖数量", "12头", "12头"))),
                ind("产出指标", "质量指标", "种植作物成活率", "95%", "95%", "met", 5.0, 5.0),
                ind("产出指标", "质量指标", "养殖家畜家禽成活率", "95%", "100%", "met", 5.0, 5.0),  # 1.053
                ind("效益指标", "经济效益指标", "特色产业带动增加受益农户收入(总收入)", "≥11.376万元", "12万元", "met", 20.0, 20.0),
                ind("效益指标", "社会效益指标", "受益人口数量", "90人", "90人", "met", 10.0, 10.0),
                ind("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥95%", "98%", "met", 10.0, 10.0),
            ),
            # 10 + (20 + 10 + 10 + 5 + 5) + (20 + 10) + 10 = 100.00
            100.0, "优", False,
        ),),
        findings=(),
    ),
    Case(
        "21_anhui_tianchang_blank_rows.xlsx",
        projects=(Project(
            "水旱灾害防御经费", "天长市水利局",
            Funds(880.0, 880.0, 880.0, 1.0, {"当年财政拨款": (880.0, 880.0, 880.0, 1.0)}, weight=10.0, score=10.0),
            (
                ind("产出指标", "数量指标", "完成中型灌区节水改造项目数量", "1", "1", "met", 10.0, 10.0),
                ind("产出指标", "数量指标", "完成农业综合水价改革项目", "1", "1", "met", 10.0, 10.0),
                ind("产出指标", "质量指标", "工程质量合格", "", "", "manual", 10.0, None),
                ind("产出指标", "时效指标", "年度资金支付完成率100%", "", "", "manual", 10.0, None),
                ind("产出指标", "成本指标", "资金执行在预算范围内", "", "", "manual", 10.0, None),
                ind("效益指标", "经济效益指标", "全市安全度汛", "", "", "manual", 10.0, None),
                ind("效益指标", "社会效益指标", "保护全市人口财产不受损失", "", "", "manual", 10.0, None),
                ind("效益指标", "生态效益指标", "", "/", "/", "not_applicable", ANY, None),  # CHOICES 4
                ind("效益指标", "可持续影响指标", "已建工程良性运行", "", "", "manual", 10.0, None),
                ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "90%", "100%", "met", 10.0, 10.0),
            ),
            # 10 + 10 + 10 + 10 = 40.00; six rows (60 points) left to a person; 总分 100 not compared
            40.0, "差", True,
        ),),
        findings=(
            Find("missing_value", "error", 6,
                 where=tuple(f"{S1}!E{r}" for r in (16, 19, 22, 25, 28, 34))),
        ),
    ),
    Case(
        "31_two_row_header.xlsx",
        projects=(Project(
            "2023年农村饮水安全巩固提升工程维修养护资金", "弥勒市农村供水管理站",
            # 142.5 / 150 = 0.95; adjusted (150 − 130)/130 = 15.4% (< 20%)
            Funds(130.0, 150.0, 142.5, 0.95,
                  {"当年财政拨款": (130.0, 120.0, 112.5, 0.9375), "上年结转资金": (0.0, 30.0, 30.0, 1.0)},
                  weight=10.0, score=9.5),
            (
                ind("产出指标", "数量指标", "维修养护供水工程处数", "≥45处", "46", "met", 10.0, 10.0),
                ind("产出指标", "数量指标", "受益人口", "≥3.2万人", "3.3", "met", 10.0, 10.0),
                ind("产出指标", "质量指标", "农村集中供水工程水质达标率", "≥90%", "88", "unmet", 10.0, 9.78),  # 10 × 88/90
                ind("产出指标", "时效指标", "维修养护工程完工时间", "2023年11月30日前", "2023年11月20日", "met", 10.0, 10.0),
                ind("产出指标", "成本指标", "单处工程维修养护成本", "≤3.5万元", "3.1", "met", 10.0, 10.0),
                ind("效益指标", "社会效益指标", "农村自来水普及率", "≥95%", "96.5", "met", 15.0, 15.0),
                ind("效益指标", "可持续影响指标", "工程长效运行管护机制", "健全", "健全", "met", 15.0, 15.0),
                ind("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "95", "met", 10.0, 10.0),
            ),
            # 9.5 + 50 − 10 × 2/90 + 30 + 10 = 99.2778
            99.28, "优", False,
        ),),
        findings=(
            Find("indicator_unmet", "warning", 1, where=(f"{S1}!H16",)),
        ),
    ),
    Case(
        "32_columns_reordered.xlsx",
        projects=(
            Project(
                "2022年城区环卫保洁服务购买项目", "宁远县环境卫生服务中心",
                Funds(600.0, 600.0, 588.0, 0.98, {"当年财政拨款": (600.0, 600.0, 588.0, 0.98)}, weight=10.0, score=9.8),
                (
                    ind("产出指标", "数量指标", "保洁道路面积", "≥180万平方米", "186万平方米", "met", 12.0, 12.0),
                    ind("产出指标", "数量指标", "垃圾清运量", "≥3万吨", "3.1万吨", "met", 12.0, 12.0),
                    ind("产出指标", "质量指标", "道路保洁达标率", "≥95%", "96%", "met", 10.0, 10.0),
                    ind("产出指标", "时效指标", "垃圾日产日清率", "100%", "100%", "met", 8.0, 8.0),
                    ind("产出指标", "成本指标", "保洁服务购买成本", "≤600万元", "588万元", "met", 8.0, 8.0),
                    ind("效益指标", "社会效益指标", "城区环境卫生状况", "明显改善", "明显改善", "met", 15.0, 15.0),
                    ind("效益指标", "生态效益指标", "生活垃圾无害化处理率", "100%", "98%", "unmet", 15.0, 14.7),  # 15 × 0.98
                    ind("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "91%", "met", 10.0, 10.0),
                ),
                99.5, "优", False,  # 9.8 + 50 + 15 + 14.7 + 10
            ),
            Project(
                "2022年农村公路养护工程", "宁远县农村公路管理所",
                Funds(300.0, 320.0, 320.0, 1.0, {"当年财政拨款": (300.0, 320.0, 320.0, 1.0)}, weight=10.0, score=10.0),
                (
                    ind("产出指标", "数量指标", "农村公路养护里程", "≥400公里", "420公里", "met", 20.0, 20.0),
                    ind("产出指标", "质量指标", "养护工程验收合格率", "100%", "100%", "met", 15.0, 15.0),
                    ind("产出指标", "时效指标", "养护工程完成时间", "2022年12月31日前", "2022年11月", "met", 15.0, 15.0),
                    ind("效益指标", "社会效益指标", "农村公路优良中等路率", "≥80%", "76%", "unmet", 20.0, 19.0),  # 20 × 76/80
                    ind("效益指标", "可持续影响指标", "养护长效机制", "健全", "健全", "met", 10.0, 10.0),
                    ind("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%", "met", 10.0, 10.0),
                ),
                99.0, "优", False,  # 10 + 50 + 19 + 10 + 10
            ),
        ),
        findings=(
            Find("indicator_unmet", "warning", 2, where=("城区环卫保洁!E18", "农村公路养护!D16")),
        ),
    ),
    Case(
        "33_yuan_text_numbers.xlsx",
        projects=(Project(
            "2023年村级公益事业建设一事一议财政奖补项目", "桐城市农村综合改革服务中心",
            # 元 → 万元: 2,500,000 → 250; 2,860,000 → 286; 2,745,600 → 274.56; 274.56/286 = 0.96
            Funds(250.0, 286.0, 274.56, 0.96,
                  {"当年财政拨款": (250.0, 250.0, 238.56, 238.56 / 250), "上年结转资金": (0.0, 36.0, 36.0, 1.0)},
                  weight=10.0, score=9.6),
            (
                ind("产出指标", "数量指标", "奖补村级公益项目数量", "≧12个", "12个", "met", 10.0, 10.0),
                ind("产出指标", "数量指标", "受益群众人数", "大于等于5000人", "5,320人", "met", 10.0, 10.0),  # 1.064
                ind("产出指标", "质量指标", "项目验收合格率", "＞＝95%", ANY, "met", 10.0, 10.0),  # 0.98 as 98.00%
                ind("产出指标", "时效指标", "项目完工率", "≥95%", "0.95", "met", 10.0, 10.0),  # bare 0.95 → 95%
                ind("产出指标", "成本指标", "单个项目平均奖补金额", "≤240,000元", "228,800元", "met", 10.0, 10.0),
                ind("效益指标", "社会效益指标", "村内道路通行条件", "明显改善", "明显改善", "met", 15.0, 15.0),
                ind("效益指标", "可持续影响指标", "建后管护机制建立率", "＞＝90%", "85%", "unmet", 15.0, 14.17),  # 15 × 85/90
                ind("满意度指标", "服务对象满意度指标", "受益群众满意度", "≧90%", ANY, "met", 10.0, 10.0),  # 0.93 as 93.00%
            ),
            # 9.6 + 50 + 15 + 14.1667 + 10 = 98.7667
            98.77, "优", False,
        ),),
        findings=(
            Find("indicator_unmet", "warning", 1, where=(f"{S1}!F19",)),
            Find("reading", "info", 1, where=(f"{S1}!F16",)),  # bare 0.95 beside ≥95%
        ),
    ),
    Case(
        "34_school_partial_weights.xlsx",
        projects=(Project(
            "怀远县第二中学2023年校舍维修改造项目", "怀远县第二中学",
            Funds(150.0, 150.0, 150.0, 1.0, {"当年财政拨款": (150.0, 150.0, 150.0, 1.0)}, weight=10.0, score=10.0),
            (
                ind("产出指标", "数量指标", "维修校舍面积", "≥1200平方米", "1260平方米", "met", 15.0, 15.0),
                ind("产出指标", "数量指标", "更新课桌椅数量", "≥300套", "291套", "unmet", 12.0, 11.64),  # 12 × 0.97
                ind("产出指标", "质量指标", "工程验收合格率", "100%", "100%", "met", 10.0, 10.0),
                ind("产出指标", "时效指标", "工程完工时间", "2023年8月31日前", "2023年8月25日", "met", 5.0, 5.0),
                ind("产出指标", "成本指标", "维修改造成本", "≤150万元", "150万元", "met", 8.0, 8.0),
                # 有所 → 部分达成 70%: 8 × 0.7 = 5.6
                ind("效益指标", "社会效益指标", "改善学生学习环境", "明显改善", "有所改善", "unmet", 8.0, 5.6),
                # no 分值: 效益指标(30分) leaves 30 − 8 − 12 = 10
                ind("效益指标", "社会效益指标", "安全隐患整改率", "100%", "100%", "met", 10.0, 10.0),
                ind("效益指标", "可持续影响指标", "校舍使用年限", "≥20年", "20年", "met", 12.0, 12.0),
                ind("满意度指标", "服务对象满意度指标", "师生满意度", "≥95%", "96%", "met", 10.0, 10.0),
            ),
            # 10 + (15 + 11.64 + 10 + 5 + 8) + (5.6 + 10 + 12) + 10 = 10 + 49.64 + 27.6 + 10 = 97.24
            97.24, "优", False,
        ),),
        findings=(
            Find("weight_sum", "warning", 1, words=("安全隐患整改率",)),
            Find("indicator_unmet", "warning", 2, where=("自评表!F15", "自评表!F27")),
            Find("rows_skipped", "info", 1, words=("图书更新",)),
        ),
    ),
    Case(
        "35_label_weights_only.xlsx",
        projects=(Project(
            "2023年基层公共文化服务体系建设补助资金", "石门县文化馆",
            # 预算执行情况(20分): 20 × 76/80 = 19
            Funds(80.0, 80.0, 76.0, 0.95, {"当年财政拨款": (80.0, 80.0, 76.0, 0.95)}, weight=20.0, score=19.0),
            (
                # 产出指标(40分) / 3 = 13.3333
                ind("产出指标", "数量指标", "开展群众文化活动场次", "≥120场", "108场", "unmet", 13.33, 12.0),  # 13.3333 × 0.9
                ind("产出指标", "质量指标", "基层文化设施免费开放率", "100%", "100%", "met", 13.33, 13.33),
                ind("产出指标", "时效指标", "补助资金拨付及时率", "100%", "100%", "met", 13.33, 13.33),
                # 效益指标(30分) / 5 = 6
                ind("效益指标", "社会效益指标", "群众文化生活丰富程度", "明显提升", "明显提升", "met", 6.0, 6.0),
                ind("效益指标", "社会效益指标", "文化惠民覆盖人数", "≥3万人次", "3.2万人次", "met", 6.0, 6.0),
                ind("效益指标", "社会效益指标", "基层文化队伍培训人数", "≥200人", "210人", "met", 6.0, 6.0),
                ind("效益指标", "可持续影响指标", "公共文化服务长效机制", "健全", "健全", "met", 6.0, 6.0),
                ind("效益指标", "可持续影响指标", "文化设施使用年限", "≥10年", "10年", "met", 6.0, 6.0),
                # 满意度指标(10分) / 2 = 5
                ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "94%", "met", 5.0, 5.0),
                ind("满意度指标", "服务对象满意度指标", "文化志愿者满意度", "≥85%", "90%", "met", 5.0, 5.0),
            ),
            # 19 + 12 + 2 × 13.3333 + 30 + 10 = 97.6667
            97.67, "优", False,
        ),),
        findings=(
            Find("indicator_unmet", "warning", 1, where=("Sheet1!F13",)),
            Find("explanation_missing", "warning", 1, where=("Sheet1!I13",)),
        ),
    ),
    Case(
        "36_numbered_rows.xlsx",
        projects=(Project(
            "2023年高标准农田建设项目", "修水县农田建设服务中心",
            # 1425 / 1500 = 0.95; 10 × 0.95 = 9.5
            Funds(1500.0, 1500.0, 1425.0, 0.95,
                  {"当年财政拨款": (1200.0, 1200.0, 1140.0, 0.95), "其他资金": (300.0, 300.0, 285.0, 0.95)},
                  weight=10.0, score=9.5),
            (
                # no 分值: 产出指标 50/5 = 10, 效益指标 30/3 = 10, 满意度指标 10/1 = 10 (CHOICES 5)
                ind("产出指标", "数量指标", "新建高标准农田面积", "≥1万亩", "1.02万亩", "met", 10.0, 10.0),
                ind("产出指标", "数量指标", "新建灌排渠道长度", "≥35公里", "36.5公里", "met", 10.0, 10.0),
                ind("产出指标", "质量指标", "工程验收合格率", "100%", "100%", "met", 10.0, 10.0),
                ind("产出指标", "时效指标", "项目完工时间", "2023年12月31日前", "2023年12月15日", "met", 10.0, 10.0),
                ind("产出指标", "成本指标", "亩均建设成本", "≤1500元", "1425元", "met", 10.0, 10.0),
                ind("效益指标", "经济效益指标", "亩均粮食产能提升", "≥100斤", "90斤", "unmet", 10.0, 9.0),  # 10 × 0.9
                ind("效益指标", "社会效益指标", "受益农户数", "≥3000户", "3150户", "met", 10.0, 10.0),
                ind("效益指标", "可持续影响指标", "工程设计使用年限", "≥15年", "15年", "met", 10.0, 10.0),
                ind("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "96%", "met", 10.0, 10.0),
            ),
            # 9.5 + 50 + 29 + 10 = 98.50
            98.5, "优", False,
        ),),
        findings=(
            Find("indicator_unmet", "warning", 1, where=("Sheet1!F20",)),
            Find("rows_skipped", "info", 1, words=("新建机耕路长度",)),
        ),
    ),
    Case(
        "37_keep_low_and_deadlines.xlsx",
        projects=(Project(
            "2023年市政道路及设施维护经费", "来凤县市政设施维护中心",
            Funds(400.0, 400.0, 392.0, 0.98, {"当年财政拨款": (400.0, 400.0, 392.0, 0.98)}, weight=10.0, score=9.8),
            (
                ind("产出指标", "数量指标", "新建人行道长度", "≥266米", "≥266米", "met", 8.0, 8.0),  # operator in the actual ignored
                ind("产出指标", "数量指标", "维修破损路面面积", "≥5000平方米", "5200平方米", "met", 8.0, 8.0),
                ind("产出指标", "质量指标", "安全事故发生数", "1起", "2起", "unmet", 8.0, 4.0),  # kept low: 8 × 1/2
                ind("产出指标", "时效指标", "路面维修完成时间", "2023年12月", "2023年11月", "met", 6.0, 6.0),
                ind("产出指标", "时效指标", "雨污管网清淤完成时间", "6月", "7月", "unmet", 6.0, 0.0),  # after: 未达成 0%
                ind("产出指标", "时效指标", "设施巡查整改完成时间", "2023.12", "2023.10", "met", 6.0, 6.0),
                ind("产出指标", "成本指标", "单位面积维修成本", "≤180元/平方米", "175元/平方米", "met", 8.0, 8.0),
                ind("效益指标", "社会效益指标", "市民投诉次数", "10次", "6次", "met", 10.0, 10.0),  # kept low
                ind("效益指标", "社会效益指标", "投诉处理及时率", "95%", "100%", "met", 5.0, 5.0),  # not kept low: ≥
                ind("效益指标", "社会效益指标", "群众信访件数", "0", "1", "unmet", 10.0, 0.0),  # target 0: 1 > 0 → 0
                ind("效益指标", "可持续影响指标", "预算调整率", "5%", "3%", "met", 5.0, 5.0),  # kept low
                ind("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "92%", "met", 10.0, 10.0),
            ),
            # 9.8 + (8 + 8 + 4 + 6 + 0 + 6 + 8) + (10 + 5 + 0 + 5) + 10 = 9.8 + 40 + 20 + 10 = 79.80
            79.8, "中", False,
        ),),
        findings=(
            Find("reading", "info", 4, where=tuple(f"{S1}!F{r}" for r in (13, 15, 20, 23))),
            Find("indicator_unmet", "warning", 3, where=tuple(f"{S1}!F{r}" for r in (15, 17, 22))),
        ),
    ),
    Case(
        "38_two_departments.xlsx",
        department=Department(
            "嘉禾县卫生健康局", 2023,
            # 3420 / 3600 = 0.95; adjusted 400/3200 = 12.5% (< 20%)
            Funds(3200.0, 3600.0, 3420.0, 0.95,
                  {"当年财政拨款": (3000.0, 3300.0, 3150.0, 3150 / 3300), "上年结转资金": (200.0, 300.0, 270.0, 0.9)},
                  weight=10.0, score=9.5),
            (
                ind("产出指标", "数量指标", "家庭医生签约服务人数", "≥12万人", "12.6万人", "met", 15.0, 15.0),
                ind("产出指标", "质量指标", "免疫规划疫苗接种率", "≥90%", "95%", "met", 15.0, 15.0),
                ind("产出指标", "时效指标", "重大公共卫生项目资金拨付及时率", "100%", "100%", "met", 10.0, 10.0),
                ind("产出指标", "成本指标", "部门预算支出控制", "≤3600万元", "3420万元", "met", 10.0, 10.0),
                ind("效益指标", "社会效益指标", "居民健康素养水平", "≥25%", "26.3%", "met", 15.0, 15.0),
                ind("效益指标", "可持续影响指标", "基层医疗卫生服务能力", "持续提升", "持续提升", "met", 15.0, 15.0),
                ind("满意度指标", "服务对象满意度指标", "群众就医满意度", "≥90%", "93%", "met", 10.0, 10.0),
            ),
            99.5, "优",  # 9.5 + 90
        ),
        projects=(
            Project(
                "2023年基本公共卫生服务项目", "嘉禾县卫生健康局",
                Funds(1800.0, 2000.0, 1900.0, 0.95, {"当年财政拨款": (1800.0, 2000.0, 1900.0, 0.95)}, weight=10.0, score=9.5),
                (
                    ind("产出指标", "数量指标", "居民电子健康档案建档率", "≥90%", "92%", "met", 20.0, 20.0),
                    ind("产出指标", "质量指标", "高血压患者规范管理率", "≥65%", "62%", "unmet", 15.0, 14.31),  # 15 × 62/65 = 14.3077
                    ind("产出指标", "时效指标", "资金拨付及时率", "100%", "100%", "met", 15.0, 15.0),
                    ind("效益指标", "社会效益指标", "居民健康水平", "逐步提高", "逐步提高", "met", 30.0, 30.0),
                    ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥85%", "90%", "met", 10.0, 10.0),
                ),
                98.81, "优", False,  # 9.5 + 20 + 14.3077 + 15 + 30 + 10 = 98.8077
            ),
            Project(
                "2023年村卫生室运行补助", "嘉禾县卫生健康局",
                Funds(200.0, 200.0, 200.0, 1.0, {"当年财政拨款": (200.0, 200.0, 200.0, 1.0)}, weight=10.0, score=10.0),
                (
                    ind("产出指标", "数量指标", "补助村卫生室数量", "185个", "185个", "met", 25.0, 25.0),
                    ind("产出指标", "质量指标", "村卫生室标准化建设达标率", "≥95%", "96%", "met", 25.0, 25.0),
                    ind("效益指标", "社会效益指标", "群众就近就医便利程度", "明显提升", "明显提升", "met", 30.0, 30.0),
                    ind("满意度指标", "服务对象满意度指标", "村民满意度", "≥90%", "91%", "met", 10.0, 10.0),
                ),
                100.0, "优", False,
            ),
        ),
        findings=(
            Find("extra_department", "warning", 1, where=("部门整体自评表(二)!",)),
            Find("indicator_unmet", "warning", 1, where=("基本公共卫生服务!F14",)),
        ),
    ),
    Case(
        "39_budget_system_export.xlsx",
        projects=(Project(
            "2023年政务信息系统运维经费", "溆浦县政务服务中心",
            Funds(120.0, 120.0, 118.2, 0.985, {"当年财政拨款": (120.0, 120.0, 118.2, 0.985)}, weight=10.0, score=9.85),
            (
                ind("产出指标", "数量指标", "运维信息系统数量", "12个", "12个", "met", 15.0, 15.0),
                ind("产出指标", "质量指标", "系统正常运行率", "≥99%", "99.6%", "met", 15.0, 15.0),
                ind("产出指标", "时效指标", "故障响应时间", "≤2小时", "1.5小时", "met", 10.0, 10.0),
                ind("产出指标", "成本指标", "运维服务费用", "≤120万元", "118.2万元", "met", 10.0, 10.0),
                ind("效益指标", "社会效益指标", "政务服务网上可办率", "≥90%", "93%", "met", 15.0, 15.0),
                ind("效益指标", "可持续影响指标", "系统安全保障能力", "持续提升", "持续提升", "met", 15.0, 15.0),
                ind("满意度指标", "服务对象满意度指标", "办事群众满意度", "≥95%", "97%", "met", 10.0, 10.0),
            ),
            99.85, "优", False,  # 10 × 118.2/120 = 9.85; + 90
        ),),
        findings=(
            Find("form_skipped", "info", 1, words=(
                "项目基本信息", "立项依据", "实施方案", "支出计划", "支出明细", "资金测算", "政府采购",
                "绩效目标申报表", "绩效目标执行监控", "评审报告",
            )),
        ),
    ),
    Case(
        "40_seed_department_with_funds.xlsx",
        department=Department(
            "东丰县教育局", 2023,  # the year from "2023年" before the project names
            # 9611 / 9800 = 0.980714; 10 × it = 9.8071; 其他资金 all 0.00: left out
            Funds(8600.0, 9800.0, 9611.0, 9611 / 9800,
                  {"当年财政拨款": (8600.0, 9450.0, 9261.0, 0.98), "上年结转资金": (0.0, 350.0, 350.0, 1.0)},
                  weight=10.0, score=9.81),
            (
                # no 分值: 产出指标 50/3 = 16.6667, 效益指标 30/2 = 15, 满意度指标 10
                ind("产出指标", "数量指标", "义务教育阶段在校学生数", "≥1.8万人", "1.82万人", "met", 16.67, 16.67),
                ind("产出指标", "质量指标", "义务教育巩固率", "≥98%", "99.1%", "met", 16.67, 16.67),
                ind("产出指标", "时效指标", "教育经费拨付及时率", "100%", "100%", "met", 16.67, 16.67),
                ind("效益指标", "社会效益指标", "高中阶段毛入学率", "≥92%", "90%", "unmet", 15.0, 14.67),  # 15 × 90/92 = 14.6739
                ind("效益指标", "可持续影响指标", "教育教学质量", "得到提升", "得到提升", "met", 15.0, 15.0),
                ind("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "95%", "met", 10.0, 10.0),
            ),
            99.48, "优",  # 9.8071 + 50 + 14.6739 + 15 + 10 = 99.4810
        ),
        projects=(
            Project(
                "2023年学生资助", "东丰县教育局",
                # 上年结转资金, 其他资金 all 0.00: left out; adjusted 6.5/80 = 8.1%
                Funds(80.0, 86.5, 86.5, 1.0, {"当年财政拨款": (80.0, 86.5, 86.5, 1.0)}, weight=10.0, score=10.0),
                (
                    # no 分值: 产出指标 50/2 = 25, 效益指标 30, 满意度指标 10
                    ind("产出指标", "质量指标", "资助金额发放准确率", "≥98%", "100%", "met", 25.0, 25.0),
                    ind("产出指标", "时效指标", "资助资金发放及时率", "≥98%", "100%", "met", 25.0, 25.0),
                    ind("效益指标", "可持续影响指标", "学生资助工作水平", "得到提升", "得到提升", "met", 30.0, 30.0),
                    ind("满意度指标", "服务对象满意度指标", "受助学生满意度", "≥95%", "97%", "met", 10.0, 10.0),
                ),
                100.0, "优", False,
            ),
            Project(
                "2023年校舍维修改造", "东丰县教育局",
                # 551 / 580 = 0.95; adjusted 80/500 = 16% (< 20%)
                Funds(500.0, 580.0, 551.0, 0.95, {"当年财政拨款": (500.0, 580.0, 551.0, 0.95)}, weight=10.0, score=9.5),
                (
                    # 产出指标 50/3 = 16.6667
                    ind("产出指标", "数量指标", "维修校舍面积", "≥8000平方米", "8200平方米", "met", 16.67, 16.67),
                    ind("产出指标", "质量指标", "工程验收合格率", "100%", "100%", "met", 16.67, 16.67),
                    ind("产出指标", "时效指标", "工程完工及时率", "≥95%", "100%", "met", 16.67, 16.67),
                    ind("效益指标", "可持续影响指标", "校舍安全保障水平", "明显提升", "明显提升", "met", 30.0, 30.0),
                    ind("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "88%", "unmet", 10.0, 9.78),  # 10 × 88/90
                ),
                99.28, "优", False,  # 9.5 + 50 + 30 + 9.7778 = 99.2778
            ),
        ),
        findings=(
            Find("indicator_unmet", "warning", 2, where=("部门整体支出绩效自评表!F18", "校舍维修改造!F17")),
            Find("explanation_missing", "warning", 1),  # the department's table has no explanation column
        ),
    ),
    Case(
        "41_department_without_funds.xlsx",
        department=Department(
            "临澧县自然资源局", 2022,
            ANY,  # CHOICES 12
            (
                ind("产出指标", "数量指标", "完成不动产登记业务量", "≥1.5万件", "1.62万件", "met", 20.0, 20.0),
                ind("产出指标", "质量指标", "耕地保有量完成率", "100%", "100%", "met", 15.0, 15.0),
                ind("产出指标", "时效指标", "不动产登记办理时限", "≤5个工作日", "3个工作日", "met", 15.0, 15.0),
                ind("效益指标", "社会效益指标", "自然资源执法巡查覆盖率", "100%", "100%", "met", 15.0, 15.0),
                ind("效益指标", "可持续影响指标", "国土空间规划体系", "逐步完善", "逐步完善", "met", 15.0, 15.0),
                ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "94%", "met", 10.0, 10.0),
            ),
            # 执行率 of the projects: (285 + 161.5 + 100) / (300 + 170 + 100) = 546.5/570 = 0.958772;
            # 10 × it = 9.5877; + 90 = 99.5877
            99.59, "优",
        ),
        projects=(
            Project(
                "2022年耕地保护补偿资金", "临澧县自然资源局",
                Funds(300.0, 300.0, 285.0, 0.95, {"当年财政拨款": (300.0, 300.0, 285.0, 0.95)}, weight=10.0, score=9.5),
                (
                    ind("产出指标", "数量指标", "补偿耕地面积", "≥6万亩", "6.1万亩", "met", 25.0, 25.0),
                    ind("产出指标", "质量指标", "补偿资金发放准确率", "100%", "100%", "met", 25.0, 25.0),
                    ind("效益指标", "社会效益指标", "耕地保护责任落实率", "100%", "100%", "met", 30.0, 30.0),
                    ind("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "92%", "met", 10.0, 10.0),
                ),
                99.5, "优", False,
            ),
            Project(
                "2022年不动产登记信息化建设", "临澧县不动产登记中心",
                # 161.5 / 170 = 0.95; adjusted 20/150 = 13.3%
                Funds(150.0, 170.0, 161.5, 0.95, {"当年财政拨款": (150.0, 170.0, 161.5, 0.95)}, weight=10.0, score=9.5),
                (
                    ind("产出指标", "数量指标", "系统功能模块建设数量", "≥8个", "8个", "met", 25.0, 25.0),
                    ind("产出指标", "时效指标", "系统上线时间", "2022年10月31日前", "2022年12月20日", "unmet", 25.0, 0.0),  # late
                    ind("效益指标", "社会效益指标", "登记业务网上办理率", "≥80%", "85%", "met", 30.0, 30.0),
                    ind("满意度指标", "服务对象满意度指标", "办事群众满意度", "≥90%", "95%", "met", 10.0, 10.0),
                ),
                74.5, "中", False,  # 9.5 + 25 + 0 + 30 + 10
            ),
            Project(
                "2022年地质灾害防治", "临澧县地质灾害防治中心",
                Funds(90.0, 100.0, 100.0, 1.0, {"当年财政拨款": (90.0, 100.0, 100.0, 1.0)}, weight=10.0, score=10.0),
                (
                    ind("产出指标", "数量指标", "地质灾害隐患点巡查", "≥120处", "126处", "met", 30.0, 30.0),
                    ind("产出指标", "质量指标", "监测预警信息发送及时率", "100%", "100%", "met", 20.0, 20.0),
                    ind("效益指标", "社会效益指标", "因地质灾害造成人员伤亡", "0人", "0人", "met", 30.0, 30.0),  # target 0
                    ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "met", 10.0, 10.0),
                ),
                100.0, "优", False,
            ),
        ),
        findings=(
            Find("indicator_unmet", "warning", 1, where=("项目2!F14",)),
            Find("reading", "info", 1, where=("项目3!F15",)),  # 伤亡: kept low by name (CHOICES 3)
        ),
    ),
    Case(
        "42_export_without_self_evaluation.xlsx",
        # 申报表, 执行监控表, 支出计划, 项目基本信息 only: the message says what it holds
        error=("自评", "申报", "监控"),
    ),
]
# fmt: on

XLS_OF = {
    "16_hunan_hengshan_chubeiliang.xls": "16_hunan_hengshan_chubeiliang.xlsx",
    "18_anhui_xiaoxian_xianjie.xls": "18_anhui_xiaoxian_xianjie.xlsx",
}
"""The .xls copies: the same forms, the same facts."""


def _cases() -> dict[str, Case]:
    cases = {c.file: c for c in CASES_LIST}
    for xls, xlsx in XLS_OF.items():
        c = cases[xlsx]
        cases[xls] = Case(xls, c.projects, c.department, c.findings, c.error, c.unnamed_project)
    return cases


CASES: dict[str, Case] = _cases()
"""File name → its expected report."""
