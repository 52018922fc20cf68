"""What the command line prints: exit statuses, messages, progress, and the text report of one
workbook. Messages go to standard error; what was made, to standard output unless it holds the
JSON report."""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _done(message: str, args: argparse.Namespace) -> None:
    """Say what was made: on stdout, unless stdout holds the JSON report (`--json`)."""
    if getattr(args, "json", False):
        _err(message)
    else:
        print(message, flush=True)


def _progress(stage: str, done: int, total: int) -> None:
    # One line per stage boundary and every 10 %, so logs of large runs stay short.
    if total and (done in (0, total) or done % max(total // 10, 1) == 0) and sys.stderr.isatty():
        print(f"\r{stage} {done}/{total}", end="" if done < total else "\n", file=sys.stderr)


def _summary(result) -> str:
    """The text report of one workbook: each project with its findings, then those of the
    department and workbook, then the counts (问题数 as `app.evaluate.tally` defines it)."""
    from app.evaluate.tally import tally
    from app.text import fmt_pct

    ev = result.evaluation
    dep = ev.department.department
    lines = [
        f"{dep.name or '（未填写部门名称）'}  {dep.year or ''}年度  共{len(ev.projects)}个项目",
        "",
    ]
    names = {"error": "错误", "warning": "警告", "info": "提示"}

    def listed(findings) -> None:
        for f in findings:
            lines.append(
                f"  [{names[f.severity]}] {f.message}" + (f"（{f.where}）" if f.where else "")
            )

    for p in ev.projects:
        score = "—" if p.score is None else f"{p.score:.2f}"
        grade = p.grade or "—"
        mark = "（待人工确认）" if p.provisional else ""
        lines.append(f"■ {p.project.name}")
        lines.append(
            f"  执行率 {fmt_pct(p.funds.total.rate)}   得分 {score}   等级 {grade}{mark}   "
            f"问题数 {tally(p.findings).problems}"
        )
        listed(p.findings)
        if not p.findings:
            lines.append("  无问题")
    others = ev.workbook_findings()
    if others:
        lines.append("")
        lines.append(f"■ 部门及工作簿   问题数 {tally(others).problems}")
        listed(others)
    n = tally(ev.findings)
    lines.append("")
    lines.append(
        f"共 {n.problems} 个问题：{n.error} 个错误、{n.warning} 个警告；另有 {n.info} 条提示"
    )
    if ev.department.score is not None:
        mark = "（待人工确认）" if ev.department.provisional else ""
        lines.append(f"部门整体  得分 {ev.department.score:.2f}   等级 {ev.department.grade}{mark}")
    return "\n".join(lines)


def _show(result, args: argparse.Namespace) -> None:
    """Print one workbook's result: the JSON report (`--json`), else the text report."""
    if args.json:
        from app.writers.report import dumps

        sys.stdout.write(dumps(result.report) + "\n")
    else:
        print(_summary(result))
