"""Where the app finds its bundled files and keeps its logs (no Qt here).

Works the same from a repository checkout, an installed package, and a PyInstaller bundle
(`sys._MEIPASS`), so the GUI and the CLI never build these paths themselves.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

EXAMPLE_NAME = "shuangyang-2022.xlsx"
"""The seed department's 2022 data (the data template, filled)."""
REPORT_TEMPLATE_NAME = "report-template.docx"
"""The default template of the Word 自评报告 (`selfeval report`)."""

_PACKAGE = Path(__file__).resolve().parent


def _roots() -> list[Path]:
    """Return the folders that may hold `examples/` and `templates/`, the bundle's first."""
    roots = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle))
    roots.append(_PACKAGE.parent)
    return roots


def bundled_file(folder: str, name: str) -> Path | None:
    """Return the shipped file `folder/name` (folder "examples" or "templates"), or None when
    this installation has none: in a PyInstaller bundle or a checkout it is `folder/name`;
    an installed wheel carries it in the package's data folder (setup.py copies it there)."""
    candidates = [root / folder / name for root in _roots()]
    candidates.append(_PACKAGE / "data" / name)
    return next((p for p in candidates if p.is_file()), None)


def example_path() -> Path | None:
    """Return the bundled example workbook, or None when this installation has none."""
    return bundled_file("examples", EXAMPLE_NAME)


def _data_home() -> Path:
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) if local else Path.home() / "AppData" / "Local"
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"


def log_dir() -> Path:
    """Return the folder for log files, created if needed.

    %LOCALAPPDATA%\\selfeval\\logs on Windows, ~/.local/share/selfeval/logs elsewhere (or under
    $XDG_DATA_HOME); the temporary folder when the user's data folder cannot be written.
    """
    folder = _data_home() / "selfeval" / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        # A locked-down profile must not stop the app from starting.
        folder = Path(tempfile.gettempdir()) / "selfeval" / "logs"
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def report_template_path() -> Path | None:
    """Return the shipped 自评报告 template (templates/report-template.docx), or None when this
    installation has none (the report then builds it in memory)."""
    return bundled_file("templates", REPORT_TEMPLATE_NAME)
