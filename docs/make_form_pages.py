"""Write docs/form-review.png and docs/form-submission.png: one project's form as LibreOffice
prints it in grey (as an office laser printer does), from the review copy and from the
submission copy (报送版) of the same run; and docs/form.png, the review copy's page in colour.

    python docs/make_form_pages.py [--fonts DIR] [--keep DIR]

Needs LibreOffice (`soffice`) and poppler (`pdftoppm`, `pdftotext`). The project shown has
every flag (未达成, 部分达成, 超额完成, 需人工判断, 须填写偏差原因, an amount that is no
number) and a bare fraction read as a percentage; its department signs its forms. `--fonts`
adds a folder of fonts for LibreOffice (Carlito, the metric twin of Excel's Calibri, which
Linux desktops with LibreOffice normally have: without it LibreOffice measures columns a
third wider than Excel, and wrapped rows print with room to spare).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.pipeline import run  # noqa: E402
from app.writers.template import write_template  # noqa: E402

COLOUR = ROOT / "docs" / "form.png"
REVIEW = ROOT / "docs" / "form-review.png"
SUBMISSION = ROOT / "docs" / "form-submission.png"
PROJECT = "校舍维修改造"
DATA = {
    "部门信息": [
        ["部门名称", "某区教育局"],
        ["年度", 2022],
        ["填报单位", "某区教育局"],
        ["单位负责人", "王某"],
        ["财务负责人", "李某"],
        ["填报人", "张某"],
        ["联系电话", "0431-8xxxxxxx"],
        ["填报日期", "2023年3月15日"],
    ],
    "项目资金": [
        [PROJECT, "某区教育局", "第一中学", "当年财政拨款", 80, 100, 98],
        [PROJECT, "某区教育局", "第一中学", "其他资金", 10, 10, "约5"],
    ],
    "项目目标": [[PROJECT, "完成3所学校的校舍维修改造", "完成2所，1所顺延至次年"]],
    "项目指标": [
        [PROJECT, "产出指标", "数量指标", "维修面积", "≥1000平方米", "900平方米"],
        [PROJECT, "产出指标", "数量指标", "受益学生人数", "≥1000人", "1300人"],
        [PROJECT, "产出指标", "质量指标", "验收合格率", "≥95%", "0.93", None, "两处返工"],
        [PROJECT, "产出指标", "时效指标", "完工时间", "2022年12月31日前", "2022年11月"],
        [PROJECT, "效益指标", "社会效益指标", "教学条件", "得到提升", "有所提升"],
        [PROJECT, "满意度指标", "服务对象满意度指标", "培训覆盖", "≥100人", "120人次"],
    ],
}


def page_with(pdf: Path, text: str) -> int:
    """Return the number (from 1) of the first page of `pdf` that holds `text`."""
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    for number, page in enumerate(pages, 1):
        if text in page.replace(" ", "") and "项目支出绩效自评表" in page.replace(" ", ""):
            return number
    raise SystemExit(f"no page of {pdf} holds {text!r}")


def fonts_conf(folder: Path, extra: Path | None) -> dict[str, str]:
    """Return the environment for LibreOffice: a private profile, and `extra` fonts."""
    env = dict(os.environ, HOME=str(folder))
    if extra is not None:
        conf = folder / "fonts.conf"
        conf.write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
            f"  <dir>{extra}</dir>\n  <cachedir>{folder / 'fc'}</cachedir>\n</fontconfig>\n",
            encoding="utf-8",
        )
        env["FONTCONFIG_FILE"] = str(conf)
    return env


def main(argv: list[str]) -> int:
    """Make both copies, render them, write the two pages; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fonts", type=Path, help="a folder of extra fonts (Carlito)")
    parser.add_argument("--keep", type=Path, help="keep the workbooks and PDFs here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="form-pages-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / "示例.xlsx"
        write_template(source, DATA)
        made = run(source, folder / "示例_自评结果.xlsx", submission=True)
        assert made.submission is not None
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
            + [str(made.output), str(made.submission)],
            check=True,
            capture_output=True,
            env=fonts_conf(Path(tmp), args.fonts),
            timeout=300,
        )
        pages = (
            (made.output, REVIEW, ["-gray", "-r", "80"]),
            (made.submission, SUBMISSION, ["-gray", "-r", "80"]),
            (made.output, COLOUR, ["-r", "100"]),
        )
        for workbook, png, look in pages:
            pdf = folder / (workbook.stem + ".pdf")
            number = page_with(pdf, PROJECT)
            subprocess.run(
                ["pdftoppm", "-png", *look, "-f", str(number), "-l", str(number)]
                + ["-singlefile", str(pdf), str(png.with_suffix(""))],
                check=True,
            )
            print(f"已生成：{png}（第{number}页）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
