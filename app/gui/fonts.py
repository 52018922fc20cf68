"""Can this computer draw Chinese? Where no installed font has Chinese glyphs (a bare Linux
desktop or server), every label of the window is a row of boxes: say so on stderr, in the log
and in the window's status bar, naming the package that brings a font. Windows and macOS
always have one.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QMainWindow

log = logging.getLogger("selfeval.gui")

FONT_PACKAGES = "fonts-noto-cjk 或 fonts-wqy-zenhei"
"""Debian/Ubuntu packages of which either gives Qt a font with Chinese glyphs."""


def chinese_families() -> list[str]:
    """Return the installed font families that can draw Simplified Chinese (needs a
    QGuiApplication)."""
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def font_problem(families: list[str], platform: str = sys.platform) -> str | None:
    """Return the warning for a computer whose fonts are `families`, or None when one of
    them draws Chinese."""
    if families:
        return None
    # The package names are ASCII, so they stay readable where the Chinese around them is boxes.
    if platform.startswith("linux"):
        how = f"请安装中文字体后重新打开（Debian/Ubuntu：sudo apt install {FONT_PACKAGES}）"
    else:
        how = "请安装一种中文字体后重新打开"
    return f"没有找到能显示中文的字体，窗口中的文字会显示为方框。{how}"


def warn_if_no_chinese_font(window: QMainWindow) -> str | None:
    """When no installed font draws Chinese: print the warning on stderr, log it, and keep it
    in the window's status bar; return it (None when all is well)."""
    problem = font_problem(chinese_families())
    if problem is None:
        return None
    log.warning(problem)
    print(problem, file=sys.stderr)
    label = QLabel(problem)
    label.setObjectName("font_warning")
    label.setStyleSheet("color: #b00020")
    window.statusBar().addWidget(label, 1)
    return problem
