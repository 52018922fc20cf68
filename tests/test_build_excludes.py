"""The standard modules build.spec leaves out of the folder are imported by no command: each
command (and the window) runs here and none of them is loaded; what `selfeval fill` needs
(openpyxl) is not left out, and no other command loads it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import build_form_files as files
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shuangyang-2022.xlsx"
STANDARD = (
    "asyncio",
    "pydoc",
    "pydoc_data",
    "pdb",
    "doctest",
    "unittest",
    "xmlrpc",
    "_pydecimal",
)
"""The standard modules the spec drops only to save room (not the ones it drops for
other reasons: tkinter, ssl …)."""


def excludes() -> list[str]:
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "EXCLUDES":
            return [elt.value for elt in node.value.elts]
    raise AssertionError("build.spec has no EXCLUDES")


def test_the_spec_drops_these_and_keeps_openpyxl() -> None:
    dropped = excludes()
    assert set(STANDARD) <= set(dropped)
    assert not [m for m in dropped if m == "openpyxl" or m.startswith("openpyxl.")]


def loaded(args: list[str], home: Path) -> set[str]:
    code = (
        "import json, sys\n"
        "from app.cli import main\n"
        f"status = main({args!r})\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),  # the window's settings and log stay in the test's folder
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "LOCALAPPDATA": str(home / "data"),
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("spec") / "national.xlsx"
    files.national(path)
    return path


@pytest.mark.parametrize(
    "command", ["check", "generate", "fill", "report", "batch", "gui"], ids=str
)
def test_no_command_imports_what_the_folder_leaves_out(
    command: str, national: Path, tmp_path: Path
) -> None:
    args = {
        "check": ["check", str(EXAMPLE)],
        "generate": ["generate", str(EXAMPLE), "-o", str(tmp_path / "g.xlsx")],
        "fill": ["fill", str(national), "-o", str(tmp_path / "f.xlsx")],
        "report": ["report", str(EXAMPLE), "-o", str(tmp_path / "r.docx")],
        "batch": ["check", str(EXAMPLE), str(EXAMPLE), "--jobs", "2"],
        "gui": ["gui", str(EXAMPLE), "--screenshot", str(tmp_path / "w.png")],
    }[command]
    modules = loaded(args, tmp_path)
    found = sorted(m for m in modules for s in STANDARD if m == s or m.startswith(s + "."))
    assert found == []
    # openpyxl is loaded by `fill` alone: the other commands and the window start without it.
    assert ("openpyxl" in modules) == (command == "fill")
