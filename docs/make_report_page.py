"""Write docs/report.png: one page of the example's Word 自评报告, as LibreOffice prints it.

    python docs/make_report_page.py [--pdf OUT.pdf]

Needs LibreOffice (`soffice`) and poppler (`pdftoppm`, `pdftotext`). 仿宋, 宋体, 楷体 and 黑体
are Windows fonts; where they are missing, a private fontconfig file maps them to AR PL UMing
(明体, for 仿宋 and 宋体), AR PL UKai (楷体) and WenQuanYi Zen Hei (黑体) when those are
installed (Debian: fonts-arphic-uming, fonts-arphic-ukai, fonts-wqy-zenhei), so the page
shows serif text where Word would. The page shown is the one with the indicator table of
the project that has an exceeded indicator.
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

from app.wordreport import write_report  # noqa: E402

EXAMPLE = ROOT / "examples" / "shuangyang-2022.xlsx"
OUTPUT = ROOT / "docs" / "report.png"
MARKER = "各类设施和平台"
"""Text on the page to show: the table row of the exceeded indicator."""
FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>WenQuanYi Zen Hei</family></prefer></alias>
</fontconfig>
"""


def page_with(pdf: Path, text: str) -> int:
    """Return the number (from 1) of the first page of `pdf` that holds `text`."""
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    for number, page in enumerate(pages, 1):
        if text in page.replace(" ", ""):
            return number
    raise SystemExit(f"no page of {pdf} holds {text!r}")


def main(argv: list[str]) -> int:
    """Render the report, convert it, write the page; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", type=Path, help="also keep the whole PDF here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="report-page-") as tmp:
        folder = Path(tmp)
        report = write_report(EXAMPLE, folder / "report.docx").output
        (folder / "fonts.conf").write_text(FONTS, encoding="utf-8")
        env = dict(os.environ, FONTCONFIG_FILE=str(folder / "fonts.conf"), HOME=tmp)
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(report)],
            check=True,
            capture_output=True,
            env=env,
            timeout=300,
        )
        pdf = folder / "report.pdf"
        number = page_with(pdf, MARKER)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", str(number), "-l", str(number)]
            + ["-singlefile", str(pdf), str(OUTPUT.with_suffix(""))],
            check=True,
        )
        if args.pdf:
            args.pdf.write_bytes(pdf.read_bytes())
    print(f"已生成：{OUTPUT}（第{number}页）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
