"""Bundled files and the log folder (`app/resources.py`)."""

from __future__ import annotations

import sys
from pathlib import Path

from app import resources

ROOT = Path(__file__).resolve().parent.parent


def test_example_found_in_the_checkout(monkeypatch):
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert resources.example_path() == ROOT / "examples" / "shuangyang-2022.xlsx"


def test_example_found_in_a_pyinstaller_bundle_first(monkeypatch, tmp_path):
    bundled = tmp_path / "examples" / "shuangyang-2022.xlsx"
    bundled.parent.mkdir()
    bundled.write_bytes(b"PK")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.example_path() == bundled


def test_installed_package_data_is_found(monkeypatch, tmp_path):
    # A wheel's layout: site-packages/app/data/ holds what setup.py copied there.
    package = tmp_path / "site-packages" / "app"
    (package / "data").mkdir(parents=True)
    for name in ("shuangyang-2022.xlsx", "selfeval-template.xlsx"):
        (package / "data" / name).write_bytes(b"PK")
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert resources.example_path() == package / "data" / "shuangyang-2022.xlsx"
    assert resources.bundled_file("templates", "selfeval-template.xlsx") == (
        package / "data" / "selfeval-template.xlsx"
    )
    assert resources.bundled_file("templates", "rules-national.toml") is None


def test_no_example_is_none(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(resources, "_PACKAGE", tmp_path / "pkg" / "app")
    assert resources.example_path() is None


def test_log_dir_on_linux_is_created_under_the_data_home(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = resources.log_dir()
    assert folder == tmp_path / ".local" / "share" / "selfeval" / "logs"
    assert folder.is_dir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resources.log_dir() == tmp_path / "xdg" / "selfeval" / "logs"


def test_log_dir_on_windows_uses_localappdata(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert resources.log_dir() == tmp_path / "Local" / "selfeval" / "logs"


def test_log_dir_falls_back_to_temp_when_unwritable(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))  # a file, so mkdir below it fails
    monkeypatch.setattr(resources.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    assert resources.log_dir() == tmp_path / "tmp" / "selfeval" / "logs"
