"""build.spec and its helpers, without building: the spec runs against stand-ins for
PyInstaller's Analysis/EXE/COLLECT, and the entry scripts run with this Python."""

from __future__ import annotations

import ast
import os
import re
import struct
import subprocess
import sys
import types
import zlib
from pathlib import Path
from typing import Any

import pytest

import app

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import make_icon  # noqa: E402
import version_info  # noqa: E402


class Recorded:
    """What the spec passed to one PyInstaller build step."""

    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs


class FakeAnalysis(Recorded):
    """Analysis as the spec sees it: the entry scripts behind one runtime hook."""

    def __init__(self, scripts: list[str], **kwargs: Any) -> None:
        super().__init__("Analysis", scripts, **kwargs)
        hook = [("pyi_rth_multiprocessing", "rthooks/pyi_rth_multiprocessing.py", "PYSOURCE")]
        self.scripts = hook + [(Path(s).stem, s, "PYSOURCE") for s in scripts]
        self.pure: list = []
        self.binaries = [
            ("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/libqxcb.so", "BINARY"),
            ("PySide6/Qt/plugins/imageformats/libqjpeg.so", "/qt/libqjpeg.so", "BINARY"),
        ]
        self.datas = [
            ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/qt/qtbase_zh_CN.qm", "DATA"),
            ("PySide6/Qt/translations/qtbase_de.qm", "/qt/qtbase_de.qm", "DATA"),
        ]


def run_spec(monkeypatch, workpath: Path, platform: str) -> dict[str, Any]:
    """Execute build.spec as PyInstaller would on `platform`; return its namespace."""
    depend = types.ModuleType("PyInstaller.depend")
    depend.bindepend = types.SimpleNamespace(get_imports=lambda source: set())
    monkeypatch.setitem(sys.modules, "PyInstaller", types.ModuleType("PyInstaller"))
    monkeypatch.setitem(sys.modules, "PyInstaller.depend", depend)
    monkeypatch.setitem(sys.modules, "PyInstaller.depend.bindepend", depend.bindepend)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "platform", platform)
    namespace: dict[str, Any] = {
        "SPECPATH": str(ROOT),
        "workpath": str(workpath),
        "Analysis": FakeAnalysis,
        "PYZ": lambda *a, **k: Recorded("PYZ", *a, **k),
        "EXE": lambda *a, **k: Recorded("EXE", *a, **k),
        "COLLECT": lambda *a, **k: Recorded("COLLECT", *a, **k),
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return namespace


@pytest.fixture
def spec(monkeypatch, tmp_path) -> dict[str, Any]:
    return run_spec(monkeypatch, tmp_path, "linux")


def test_one_analysis_of_both_entry_scripts_with_the_data_files(spec):
    analysis = spec["a"]
    assert [Path(s).relative_to(ROOT).as_posix() for s in analysis.args[0]] == [
        "packaging/gui_entry.py",
        "packaging/cli_entry.py",
    ]
    datas = {
        (Path(src).relative_to(ROOT).as_posix(), dest) for src, dest in analysis.kwargs["datas"]
    }
    # app.resources looks for <bundle>/examples/shuangyang-2022.xlsx.
    assert datas == {
        ("examples/shuangyang-2022.xlsx", "examples"),
        ("templates/selfeval-template.xlsx", "templates"),
        ("templates/rules-national.toml", "templates"),
        ("templates/report-template.docx", "templates"),
    }
    assert all(Path(src).is_file() for src, _ in analysis.kwargs["datas"])


def test_excludes_tk_tests_pandas_and_unused_qt(spec):
    excludes = set(spec["a"].kwargs["excludes"])
    assert {"tkinter", "pytest", "_pytest", "hypothesis", "pytestqt", "pandas", "numpy"} <= excludes
    assert {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtPdf"} <= excludes
    # What app/gui imports must stay.
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} & excludes


def test_unused_qt_plugins_and_translations_are_filtered_out(spec):
    assert [d for d, _, _ in spec["a"].binaries] == ["PySide6/Qt/plugins/platforms/libqxcb.so"]
    assert [d for d, _, _ in spec["a"].datas] == ["PySide6/Qt/translations/qtbase_zh_CN.qm"]


def test_two_programs_in_one_folder(spec):
    gui, cli, collect = spec["gui"], spec["cli"], spec["coll"]
    assert (gui.kwargs["name"], gui.kwargs["console"]) == ("selfeval-gui", False)
    assert (cli.kwargs["name"], cli.kwargs["console"]) == ("selfeval", True)
    # Onedir: the executables leave the libraries to COLLECT, which gathers both.
    for program in (gui, cli):
        assert program.kwargs["exclude_binaries"] is True
        assert program.args[0] is spec["pyz"]
    assert collect.kind == "COLLECT" and collect.kwargs["name"] == "selfeval"
    assert collect.args[:2] == (gui, cli)
    assert spec["a"].binaries in collect.args and spec["a"].datas in collect.args


def test_each_program_runs_the_runtime_hooks_and_its_own_entry_only(spec):
    assert [s[0] for s in spec["gui"].args[1]] == ["pyi_rth_multiprocessing", "gui_entry"]
    assert [s[0] for s in spec["cli"].args[1]] == ["pyi_rth_multiprocessing", "cli_entry"]


def test_nothing_is_stripped_or_compressed(spec):
    for step in (spec["gui"], spec["cli"], spec["coll"]):
        assert step.kwargs.get("strip", False) is False
        assert step.kwargs.get("upx", False) is False
    assert not re.search(r"strip\s*=\s*True", SPEC.read_text(encoding="utf-8"))


def test_no_icon_or_version_resource_off_windows(spec):
    assert "icon" not in spec["gui"].kwargs and "version" not in spec["gui"].kwargs


def test_windows_gets_an_icon_and_the_apps_version(monkeypatch, tmp_path):
    spec = run_spec(monkeypatch, tmp_path, "win32")
    for program, exe_name in ((spec["gui"], "selfeval-gui.exe"), (spec["cli"], "selfeval.exe")):
        icon = Path(program.kwargs["icon"])
        assert icon.read_bytes()[:4] == b"\0\0\1\0"
        text = Path(program.kwargs["version"]).read_text(encoding="utf-8")
        assert f"StringStruct('FileVersion', '{app.__version__}')" in text
        assert f"StringStruct('OriginalFilename', '{exe_name}')" in text


def test_the_spec_holds_no_path_of_this_machine():
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    strings = [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]
    assert not [s for s in strings if re.match(r"^(/|[A-Za-z]:[\\/]|~)", s)]
    assert "site-packages" not in SPEC.read_text(encoding="utf-8")


def _python_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def test_cli_entry_prints_the_version():
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "cli_entry.py"), "--version"],
        capture_output=True,
        text=True,
        env=_python_env(),
        timeout=60,
    )
    assert (done.returncode, done.stdout.strip()) == (0, f"selfeval {app.__version__}")


def test_cli_entry_calls_freeze_support_first():
    tree = ast.parse((PACKAGING / "cli_entry.py").read_text(encoding="utf-8"))
    main_block = next(n for n in tree.body if isinstance(n, ast.If))
    first = main_block.body[0]
    assert ast.unparse(first) == "multiprocessing.freeze_support()"


def test_gui_entry_opens_the_file_and_takes_the_screenshot(tmp_path):
    picture = tmp_path / "window.png"
    env = _python_env() | {"QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run(
        [
            sys.executable,
            str(PACKAGING / "gui_entry.py"),
            str(ROOT / "examples" / "shuangyang-2022.xlsx"),
            "--screenshot",
            str(picture),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_app_version_is_read_from_the_source():
    assert version_info.app_version(ROOT) == app.__version__


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.0rc1", (2, 0, 0, 0)),
        ("3.4.5.6", (3, 4, 5, 6)),
    ],
)
def test_windows_version_numbers(version, numbers):
    assert version_info.version_numbers(version) == numbers


def test_version_resource_text_is_what_pyinstaller_evaluates():
    calls: dict[str, Any] = {}

    def recorder(name: str):
        def make(*args: Any, **kwargs: Any) -> tuple:
            calls.setdefault(name, []).append((args, kwargs))
            return (name, args, kwargs)

        return make

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable"]
    names += ["StringStruct", "VarFileInfo", "VarStruct"]
    eval(
        version_info.version_info_text("1.2.3", "selfeval-gui.exe"), {n: recorder(n) for n in names}
    )
    ((_, fixed),) = calls["FixedFileInfo"]
    assert fixed["filevers"] == fixed["prodvers"] == (1, 2, 3, 0)
    strings = {args[0]: args[1] for args, _ in calls["StringStruct"]}
    assert strings["FileVersion"] == strings["ProductVersion"] == "1.2.3"
    assert strings["OriginalFilename"] == "selfeval-gui.exe"
    assert calls["VarStruct"][0][0] == ("Translation", [2052, 1200])


def _png_pixels(data: bytes) -> tuple[int, list[bytes]]:
    """Decode one of our own PNGs (RGBA, filter 0) into its side and rows."""
    side = struct.unpack(">I", data[16:20])[0]
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8 : start - 4])[0]
    raw = zlib.decompress(data[start : start + length])
    stride = side * 4 + 1
    return side, [raw[i + 1 : i + stride] for i in range(0, len(raw), stride)]


def test_icon_holds_every_size_as_png(tmp_path):
    data = make_icon.write_icon(tmp_path / "a.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icon.SIZES))
    for i, size in enumerate(make_icon.SIZES):
        width, height, _, _, _, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        assert (width, height, bits) == ((size % 256,) * 2 + (32,))
        side, rows = _png_pixels(data[offset : offset + length])
        assert side == size and len(rows) == size


def test_icon_is_a_white_form_on_a_blue_tile_with_transparent_corners():
    side, rows = _png_pixels(make_icon.png(64))
    pixel = lambda x, y: tuple(rows[y][4 * x : 4 * x + 4])  # noqa: E731
    assert pixel(0, 0)[3] == 0  # rounded corner
    assert pixel(3, 32) == (31, 95, 168, 255)  # tile
    assert pixel(29, 12) == (255, 255, 255, 255)  # form
