"""What the status bar shows while one workbook's job runs: each stage of the pipeline named
in Chinese, and the share of the bar it fills."""

from __future__ import annotations

from app.gui.jobs import Progress
from app.gui.worker import JobSpec

STAGE_TEXT = {
    "读取": "正在读取工作簿",
    "评分": "正在评分",
    "生成": "正在生成自评表",
    "保存": "正在保存自评表",
    "报告": "正在撰写自评报告",
    "保存报告": "正在保存自评报告",
    "填写": "正在填写原表",
    "报送版": "正在生成报送版",
}
# Share of the progress bar each stage fills: (start, end) in percent, about its share of the
# time for 2,000 projects (benchmarks/README.md).
SPANS_CHECK = {"读取": (0, 60), "评分": (60, 100)}
SPANS_WRITE = {"读取": (0, 10), "评分": (10, 15), "生成": (15, 55), "保存": (55, 100)}
SPANS_REPORT = {"读取": (0, 30), "评分": (30, 40), "报告": (40, 50), "保存报告": (50, 100)}
SPANS_FILL = {"读取": (0, 15), "评分": (15, 20), "填写": (20, 80), "保存": (80, 100)}
SPANS_BOTH = {
    "读取": (0, 6),
    "评分": (6, 9),
    "生成": (9, 33),
    "保存": (33, 60),
    "报送版": (60, 100),
}
"""The stages of 一键生成 with the submission copy: that copy is most of the rest."""
COUNTED = frozenset({"评分", "生成", "报告"})
"""Stages whose (done, total) count projects, shown beside the stage's name."""


def spans(spec: JobSpec) -> dict[str, tuple[int, int]]:
    """Return the share of the bar each stage of the job for `spec` fills."""
    if spec.report:
        return SPANS_REPORT
    if spec.fill:
        return SPANS_FILL
    if spec.write:
        return SPANS_BOTH if spec.submission else SPANS_WRITE
    return SPANS_CHECK


def pipeline_progress(spec: JobSpec) -> Progress:
    """Return how the bar follows the job for `spec`: (percent, text) for each step."""
    shares = spans(spec)

    def progress(stage: str, done: int, total: int) -> tuple[int, str]:
        start, end = shares.get(stage, (0, 100))
        share = done / total if total else 1.0
        text = STAGE_TEXT.get(stage, stage)
        shown = f"{text} {done}/{total}" if total > 1 and stage in COUNTED else text
        return int(start + (end - start) * share), shown

    return progress
