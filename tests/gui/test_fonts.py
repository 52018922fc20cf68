"""No font that draws Chinese (`app/gui/fonts.py`): the window and its screenshot are boxes,
so the user is told on stderr, in the log and in the status bar, with the package to install."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from app.gui import fonts

ROOT = Path(__file__).resolve().parents[2]
WARNING = "没有找到能显示中文的字体"


def test_this_machine_has_a_chinese_font(qapp) -> None:
    # CI installs fonts-wqy-zenhei (.ci/run); the screenshots in docs/ depend on it.
    assert fonts.chinese_families()


def test_the_warning_names_the_packages() -> None:
    linux = fonts.font_problem([], platform="linux")
    assert linux is not None and linux.startswith(WARNING)
    assert "sudo apt install fonts-noto-cjk 或 fonts-wqy-zenhei" in linux
    other = fonts.font_problem([], platform="win32")
    assert other is not None and "apt" not in other
    assert fonts.font_problem(["WenQuanYi Zen Hei"], platform="linux") is None


def test_window_status_bar_keeps_the_warning(
    window, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(fonts, "chinese_families", lambda: [])
    said = fonts.warn_if_no_chinese_font(window)
    assert said is not None and said.startswith(WARNING)
    label = window.statusBar().findChild(QLabel, "font_warning")
    assert label is not None and label.text() == said and label.isVisible()
    assert capsys.readouterr().err == said + "\n"


def test_all_well_nothing_added(window, capsys: pytest.CaptureFixture[str]) -> None:
    assert fonts.warn_if_no_chinese_font(window) is None
    assert window.statusBar().findChild(QLabel, "font_warning") is None
    assert capsys.readouterr().err == ""


def test_screenshot_without_chinese_fonts_warns(tmp_path: Path) -> None:
    # A fontconfig that knows no font at all, as on a bare server: the picture is still
    # taken, and stderr says why it shows boxes.
    (tmp_path / "fonts").mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{tmp_path / 'fonts'}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        "</fontconfig>",
        encoding="utf-8",
    )
    picture = tmp_path / "window.png"
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(config),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "app", "gui", "--screenshot", str(picture)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert picture.is_file()
    assert WARNING in done.stderr and "fonts-wqy-zenhei" in done.stderr
    log = tmp_path / "data" / "selfeval" / "logs" / "selfeval.log"
    assert WARNING in log.read_text(encoding="utf-8")
