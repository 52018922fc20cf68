"""`selfeval gui FILE --screenshot PNG` end to end, and what the GUI package may import."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "shuangyang-2022.xlsx"


def run_app(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m app` offscreen with its settings and logs in tmp_path."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_screenshot_of_the_loaded_example(tmp_path):
    shot = tmp_path / "pics" / "window.png"
    done = run_app(tmp_path, "gui", str(EXAMPLE), "--screenshot", str(shot))
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert image.width() >= 700 and image.height() >= 500
    # Something was drawn: a loaded window is far from one flat colour.
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 20
    # The log went to the user's data folder, and screenshot mode kept no recent file.
    assert (tmp_path / "data" / "selfeval" / "logs" / "selfeval.log").exists()
    assert "shuangyang" not in "".join(p.read_text() for p in (tmp_path / "config").rglob("*.conf"))


def test_screenshot_of_a_broken_file_fails_with_the_message(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook", encoding="utf-8")
    shot = tmp_path / "window.png"
    done = run_app(tmp_path, "gui", str(broken), "--screenshot", str(shot))
    assert done.returncode == 1
    assert "broken.xlsx" in done.stderr and "Traceback" not in done.stderr
    assert shot.exists()
    log = tmp_path / "data" / "selfeval" / "logs" / "selfeval.log"
    assert "broken.xlsx" in log.read_text(encoding="utf-8")


def test_window_module_does_not_load_pandas():
    code = "import sys, app.gui.window; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_only_app_gui_imports_qt():
    qt_import = re.compile(r"^\s*(from|import)\s+PySide6", re.MULTILINE)
    outside = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "app").rglob("*.py")
        if "gui" not in p.relative_to(ROOT / "app").parts and qt_import.search(p.read_text("utf-8"))
    ]
    assert outside == []
