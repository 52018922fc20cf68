"""The package as `pip install .` makes it: the source distribution and the wheel built from
it carry the examples, the blank template and the default rules, and the installed tool
generates from its own example and opens its window with 打开示例 enabled.

Nothing is downloaded: the wheel is built with this environment's setuptools and installed
with --no-deps into a new virtual environment (in a folder with Chinese and spaces in its name,
as on an office PC) that sees this environment's packages (PySide6 …) through a .pth file.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("app", "examples", "templates", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
PACKAGE_DATA = {
    "app/data/shuangyang-2022.xlsx",
    "app/data/shuangyang-2022-forms.xlsx",
    "app/data/selfeval-template.xlsx",
    "app/data/rules-national.toml",
    "app/data/report-template.docx",
}
TIMEOUT = 180


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None):
    """Run `command`; fail the test with its output unless it exits with 0."""
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def clean_env(home: Path) -> dict[str, str]:
    """The environment of a user of the installed tool: no checkout on the path, no
    virtual environment active, the window offscreen, settings and logs under `home`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "QT_QPA_PLATFORM")
    }
    return env | {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }


def build_wheel(work: Path) -> Path:
    """Build the source distribution from a copy of the checkout, then the wheel from the
    unpacked source distribution (as `python -m build` does); return the wheel."""
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    dist = work / "dist"
    code = (
        "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    )
    sdist = dist / run([sys.executable, "-c", code, dist], source).stdout.strip().splitlines()[-1]
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        archive.extractall(work / "unpacked", filter="data")
    top = sdist.name.removesuffix(".tar.gz")
    assert {f"{top}/examples/shuangyang-2022.xlsx", f"{top}/setup.py"} <= set(names)
    run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["--no-index", "-w", dist, work / "unpacked" / top],
        work,
    )
    (wheel,) = dist.glob("*.whl")
    return wheel


def make_venv(folder: Path) -> Path:
    """Create a virtual environment without pip that also sees this environment's
    site-packages (after its own); return its python."""
    run([sys.executable, "-m", "venv", "--without-pip", folder], folder.parent)
    python = folder / "bin" / "python"
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], folder)
    own = Path(purelib.stdout.strip())
    # Plain paths, so that this environment's .pth files (its editable install of app) do not run.
    (own / "outer.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return python


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Path]]:
    """The wheel built and installed into a new virtual environment: (wheel, the venv's
    python, the venv's `selfeval`)."""
    if sys.platform == "win32":
        pytest.skip("the venv layout below is the POSIX one")
    work = tmp_path_factory.mktemp("wheel") / "安装 测试"
    work.mkdir()
    wheel = build_wheel(work)
    python = make_venv(work / "新 环境")
    run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps"]
        + ["--no-index", wheel],
        work,
    )
    yield wheel, python, python.parent / "selfeval"


def test_wheel_carries_the_package_data(installed: tuple[Path, Path, Path]) -> None:
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert names >= PACKAGE_DATA
    assert "app/cli/__init__.py" in names and "app/gui/window.py" in names
    assert not any("__pycache__" in n or n.startswith(("tests/", "benchmarks/")) for n in names)
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("app/data/shuangyang-2022.xlsx")
    assert shipped == (ROOT / "examples" / "shuangyang-2022.xlsx").read_bytes()


def test_installed_tool_finds_its_own_files(
    installed: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, python, _ = installed
    code = (
        "import json, app, app.resources as r\n"
        "from app.gui.window import MainWindow\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from app.gui.actions import write_template_file\n"
        "from pathlib import Path\n"
        "import sys\n"
        "qt = QApplication([])\n"
        "window = MainWindow(remember_geometry=False)\n"
        "write_template_file(Path(sys.argv[1]))\n"
        "print(json.dumps({'app': app.__file__, 'example': str(r.example_path()),\n"
        "    'template': str(r.bundled_file('templates', 'selfeval-template.xlsx')),\n"
        "    'rules': str(r.bundled_file('templates', 'rules-national.toml')),\n"
        "    'example_enabled': window.example_action.isEnabled(),\n"
        "    'template_enabled': window.template_action.isEnabled()}))\n"
    )
    blank = tmp_path / "空白 模板.xlsx"
    done = run([python, "-c", code, blank], tmp_path, clean_env(tmp_path))
    found = json.loads(done.stdout.strip().splitlines()[-1])
    venv = python.parent.parent
    data = Path(found["app"]).parent / "data"
    assert Path(found["app"]).is_relative_to(venv), "the wheel's app, not the checkout's"
    assert found["example"] == str(data / "shuangyang-2022.xlsx")
    assert found["template"] == str(data / "selfeval-template.xlsx")
    assert found["rules"] == str(data / "rules-national.toml")
    assert found["example_enabled"] is True and found["template_enabled"] is True
    assert blank.read_bytes()[:2] == b"PK"


def test_installed_tool_generates_from_its_example(
    installed: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, python, selfeval = installed
    example = next(
        python.parent.parent.glob("lib/python*/site-packages/app/data/shuangyang-2022.xlsx")
    )
    output = tmp_path / "示例 结果.xlsx"
    done = run(
        [selfeval, "generate", example, "-o", output, "--json"], tmp_path, clean_env(tmp_path)
    )
    report = json.loads(done.stdout)
    assert report["department"]["score"] == 100.0 and len(report["projects"]) == 4
    assert output.read_bytes()[:2] == b"PK"
    assert f"已生成：{output}" in done.stderr


def test_installed_window_opens_with_the_example_action(
    installed: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, _, selfeval = installed
    picture = tmp_path / "窗口.png"
    done = run([selfeval, "gui", "--screenshot", picture], tmp_path, clean_env(tmp_path))
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Traceback" not in done.stderr and "没有找到能显示中文的字体" not in done.stderr
