"""`selfeval gui` on a Linux desktop that lacks what Qt's xcb plugin links to: the missing
libraries are found before Qt starts, named with the Debian/Ubuntu packages to install, and
the command exits 2 (`app/gui/preflight.py`). The lookup is simulated; this machine has them."""

from __future__ import annotations

import ctypes

import pytest

from app import cli
from app.gui import preflight

MISSING = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
"""The two libraries of the issue: Qt blamed xcb-cursor0, which was installed."""


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    """An X11 desktop session on Linux, Qt left to choose its platform."""
    monkeypatch.setattr(preflight.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def lacking(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The dynamic loader finds every library but those in MISSING; records what was asked."""
    asked: list[str] = []

    def loads(name: str) -> bool:
        asked.append(name)
        return name not in MISSING

    monkeypatch.setattr(preflight, "_loads", loads)
    return asked


def test_missing_xcb_libraries_name_their_packages(desktop: None, lacking: list[str]) -> None:
    problem = preflight.display_problem()
    assert problem == (
        "无法打开窗口：缺少图形界面所需的系统库 libxcb-icccm.so.4、libxcb-keysyms.so.1。\n"
        "请安装后重试（Debian/Ubuntu）：\n  sudo apt install libxcb-icccm4 libxcb-keysyms1"
    )
    assert set(lacking) == set(preflight.XCB_LIBRARIES)
    assert {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"} <= set(lacking)


def test_selfeval_gui_exits_2_before_qt_starts(
    desktop: None, lacking: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["gui"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in captured.err
    assert "xcb-cursor0" not in captured.err


def test_nothing_missing_nothing_said(desktop: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preflight, "_loads", lambda name: True)
    assert preflight.display_problem() is None


@pytest.mark.parametrize(
    ("environ", "checked"),
    [
        ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, False),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, True),
        ({"QT_QPA_PLATFORM": "xcb:nomitshm", "DISPLAY": ":0"}, True),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"DISPLAY": ":0"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, False),  # Qt's own Wayland plugin
        ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, False),
    ],
)
def test_only_when_qt_will_use_xcb(
    monkeypatch: pytest.MonkeyPatch, lacking: list[str], environ: dict[str, str], checked: bool
) -> None:
    monkeypatch.setattr(preflight, "_wayland_plugin_present", lambda: True)
    problem = preflight.display_problem(environ, platform="linux")
    assert (problem is not None) is checked


def test_wayland_without_qts_wayland_plugin_goes_through_xwayland(
    monkeypatch: pytest.MonkeyPatch, lacking: list[str]
) -> None:
    # The PyInstaller folder has no Wayland plugin: Qt opens its window through XWayland.
    monkeypatch.setattr(preflight, "_wayland_plugin_present", lambda: False)
    environ = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert "libxcb-icccm4" in (preflight.display_problem(environ, platform="linux") or "")


def test_no_desktop_at_all(lacking: list[str]) -> None:
    problem = preflight.display_problem({}, platform="linux")
    assert problem is not None and "未设置 DISPLAY" in problem
    assert "QT_QPA_PLATFORM=offscreen" in problem and lacking == []


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_systems_are_not_checked(platform: str, lacking: list[str]) -> None:
    assert preflight.display_problem({}, platform=platform) is None and lacking == []


def test_the_real_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    assert preflight._loads("libc.so.6") is True
    assert preflight._loads("libselfeval-nowhere.so.9") is False

    def dependency_missing(name: str) -> None:
        raise OSError("libxcb-util.so.1: cannot open shared object file: No such file or directory")

    # libxcb-cursor is there but its own dependency is not: only the dependency is missing.
    monkeypatch.setattr(ctypes, "CDLL", dependency_missing)
    assert preflight._loads("libxcb-cursor.so.0") is True
    assert preflight._loads("libxcb-util.so.1") is False


def test_every_library_has_its_package() -> None:
    assert set(preflight.XCB_LIBRARIES) <= set(preflight.PACKAGES)
    assert preflight.install_hint(["libglib-2.0.so.0", "libgthread-2.0.so.0"]) == (
        "sudo apt install libglib2.0-0"
    )


def test_qt_itself_not_loading_is_explained() -> None:
    exc = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    assert preflight.import_problem(exc) == (
        "无法加载图形界面（Qt）：缺少系统库 libEGL.so.1。\n"
        "请安装后重试（Debian/Ubuntu）：\n  sudo apt install libegl1"
    )
    other = ImportError("No module named 'PySide6'")
    assert preflight.import_problem(other) == "无法加载图形界面（Qt）：No module named 'PySide6'"
