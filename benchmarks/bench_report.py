"""Time `selfeval report` against python-docx alone writing the same paragraphs and tables.

    python benchmarks/bench_report.py [N] [--repeat K]

Writes a synthetic department of N projects (default 200, ~12 indicators each, with the
deviations offices have: unmet, exceeded, manual, low 执行率, adjusted budgets) as a data
template, then
1. times `write_report` end to end (read, evaluate, open and check the template, fill the
   fields, render, merge the table cells, save), and each of its stages;
2. reads the report it wrote back — every paragraph (style, runs, which are highlighted) and
   every table (its cells, column widths, style) — and times python-docx alone writing those
   very blocks into the template's styles (the template opened, its body emptied): the floor,
   what python-docx needs for the same document without any evaluation or templating. The
   floor sets paragraph styles by id: python-docx's public `paragraph.style` costs ~1 ms a
   paragraph (it looks for the default style among all of them each time), which would make
   the floor 15 × slower and the ratio flatter than it is; that time is printed too;
and prints the times and the ratio report ÷ floor (issue 18's target: ≤ 3). Each time is the
best of K runs (default 3).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _p in (ROOT, ROOT / "benchmarks"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import docx  # noqa: E402
from docx.enum.text import WD_COLOR_INDEX  # noqa: E402
from docx.table import Table  # noqa: E402
from docx.text.paragraph import Paragraph  # noqa: E402
from synth import write_input  # noqa: E402

from app.pipeline import run, write_report  # noqa: E402
from app.resources import report_template_path  # noqa: E402
from app.wordreport.context import report_fields  # noqa: E402
from app.wordreport.render import render, save  # noqa: E402
from app.wordreport.template import open_template  # noqa: E402

Block = tuple  # ("p", style, [(text, highlighted)]) or ("t", style, widths, rows)


def best(repeat: int, work: Callable[[], object]) -> float:
    """Return the shortest of `repeat` timed runs of `work`, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def blocks_of(path: Path) -> list[Block]:
    """Return the paragraphs and tables of the document at `path`, in order."""
    document = docx.Document(str(path))
    out: list[Block] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            runs = [
                (r.text, r.font.highlight_color == WD_COLOR_INDEX.YELLOW) for r in paragraph.runs
            ]
            out.append(("p", paragraph.style.name, runs))
        elif tag == "tbl":
            table = Table(child, document)
            rows = [
                [(cell.text, cell.paragraphs[0].style.name) for cell in row.cells]
                for row in table.rows
            ]
            widths = [column.width for column in table.columns]
            out.append(("t", table.style.name, widths, rows))
    return out


def python_docx_alone(template: Path, blocks: list[Block], target: Path, fast: bool) -> None:
    """Write `blocks` with python-docx: the template's styles, its body emptied, then every
    paragraph (highlighted runs kept) and every table (style, widths, cell texts and styles).

    Paragraph styles other than Normal are set through the public `paragraph.style`, which
    scans every style of the document for the default each time (~1 ms); with `fast`, through
    python-docx's own oxml layer (`paragraph._p.style = style id`), which does not."""
    document = docx.Document(str(template))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    styles: dict[str, object] = {}

    def style(name: str):
        if name not in styles:
            styles[name] = document.styles[name]
        return styles[name]

    def set_style(paragraph, name: str) -> None:
        if name == "Normal":
            return
        if fast:
            paragraph._p.style = style(name).style_id
        else:
            paragraph.style = style(name)

    for block in blocks:
        if block[0] == "p":
            _, name, runs = block
            paragraph = document.add_paragraph()
            set_style(paragraph, name)
            for text, highlighted in runs:
                run = paragraph.add_run(text)
                if highlighted:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        else:
            _, name, widths, rows = block
            table = document.add_table(rows=len(rows), cols=len(widths))
            table.style = style(name)
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=True):
                column.width = width
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, (text, cell_style) in zip(row.cells, cells, strict=True):
                    paragraph = cell.paragraphs[0]
                    set_style(paragraph, cell_style)
                    paragraph.add_run(text)
    document.save(str(target))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the times and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=200, help="projects (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per time (best is kept)")
    args = parser.parse_args(argv)
    template = report_template_path()
    assert template is not None, "templates/report-template.docx is missing"
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        folder = Path(tmp)
        source = write_input(folder / "input.xlsx", args.n, "template")
        report = folder / "report.docx"
        total = best(args.repeat, lambda: write_report(source, report))

        result = run(source, None, write=False)
        evaluate = best(args.repeat, lambda: run(source, None, write=False))
        fields = report_fields(result.evaluation, source.name)
        make_fields = best(args.repeat, lambda: report_fields(result.evaluation, source.name))
        opening = best(args.repeat, lambda: open_template(None))

        def fill_and_save() -> None:
            doc = open_template(None)
            render(doc, fields)
            save(doc, folder / "again.docx")

        filled = best(args.repeat, fill_and_save) - opening

        blocks = blocks_of(report)
        floor = best(
            args.repeat, lambda: python_docx_alone(template, blocks, folder / "f.docx", True)
        )
        public = best(1, lambda: python_docx_alone(template, blocks, folder / "p.docx", False))
        paragraphs = sum(b[0] == "p" for b in blocks)
        tables = [b for b in blocks if b[0] == "t"]
        rows = sum(len(b[3]) for b in tables)
    print(f"{args.n} projects: {paragraphs} paragraphs, {len(tables)} tables ({rows} rows)")
    print(f"selfeval report, end to end     {total:7.3f} s")
    print(f"  read and evaluate             {evaluate:7.3f} s")
    print(f"  fields                        {make_fields:7.3f} s")
    print(f"  open and check the template   {opening:7.3f} s")
    print(f"  render, merge cells and save  {filled:7.3f} s")
    print(f"python-docx alone, same blocks  {floor:7.3f} s  (styles set by id)")
    print(f"  through paragraph.style       {public:7.3f} s  (the public setter, once)")
    print(f"ratio report / python-docx      {total / floor:7.2f}  (target ≤ 3)")
    print(
        f"ratio templating / python-docx  {(opening + filled) / floor:7.2f}  (without evaluating)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
