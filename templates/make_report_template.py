"""Write templates/report-template.docx: the default template of the Word 自评报告.

Run from anywhere: `python templates/make_report_template.py [OUTPUT]`. The content is built by
`app/wordreport/default_template.py`; tests check that the shipped file is what it builds.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.wordreport.default_template import write_default_template  # noqa: E402

OUTPUT = ROOT / "templates" / "report-template.docx"


def main(argv: list[str]) -> int:
    """Write the template to argv[0] (default templates/report-template.docx)."""
    target = Path(argv[0]) if argv else OUTPUT
    write_default_template(target)
    print(f"已生成：{target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
