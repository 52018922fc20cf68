"""Write the golden review workbook of the seed example (tests/golden/), after a reviewed change
to how the workbook looks: `python tests/golden/make_golden.py`, then look at it (rendered with
LibreOffice) before committing it. tests/test_golden.py compares every run's workbook with it."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.pipeline import run  # noqa: E402

GOLDEN = Path(__file__).with_name("shuangyang-2022_自评结果.xlsx")
EXAMPLE = ROOT / "examples" / "shuangyang-2022.xlsx"


def main() -> None:
    GOLDEN.unlink(missing_ok=True)
    run(EXAMPLE, GOLDEN)
    print(f"written: {GOLDEN}")


if __name__ == "__main__":
    main()
