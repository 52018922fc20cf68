"""What the window remembers between runs, kept with QSettings (organisation "selfeval").

Tests pass their own QSettings (an INI file in a temporary folder), so the user's settings
are never touched.
"""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app.errors import InputError
from app.rules import NATIONAL, Rules, rules_from_dict, rules_to_toml

log = logging.getLogger("selfeval.gui")

RECENT_MAX = 8


class Settings:
    """Typed access to the few things the window keeps."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings if qsettings is not None else QSettings("selfeval", "selfeval")

    def recent(self) -> list[str]:
        """Return the recently opened files, newest first."""
        value = self.q.value("recent", [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [str(v) for v in value if v] if isinstance(value, list) else []

    def add_recent(self, path: str | Path) -> None:
        """Put `path` first in the recent files (once), keeping at most RECENT_MAX."""
        p = str(Path(path))
        items = [p, *(r for r in self.recent() if r != p)][:RECENT_MAX]
        self.q.setValue("recent", items)

    def remove_recent(self, path: str | Path) -> None:
        """Forget a recent file (one that no longer exists)."""
        p = str(Path(path))
        self.q.setValue("recent", [r for r in self.recent() if r != p])

    def last_folder(self) -> str:
        """Return the folder last opened from or saved to, or the home folder."""
        folder = self.q.value("last_folder", "")
        return str(folder) if folder and Path(str(folder)).is_dir() else str(Path.home())

    def set_last_folder(self, path: str | Path) -> None:
        """Remember the folder of `path` (or `path` itself when it is a folder)."""
        p = Path(path)
        self.q.setValue("last_folder", str(p if p.is_dir() else p.parent))

    def geometry(self) -> QByteArray | None:
        """Return the saved window geometry, or None."""
        value = self.q.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        """Remember the window geometry."""
        self.q.setValue("window/geometry", geometry)

    def layout(self) -> str:
        """Return what 一键生成 makes: "national" (the default), "fill" or "fill_clean"."""
        return str(self.q.value("output/layout", "national") or "national")

    def set_layout(self, key: str) -> None:
        """Remember what 一键生成 makes."""
        self.q.setValue("output/layout", key)

    def rules(self) -> Rules:
        """Return the saved rules, or the national ones when none (or unreadable ones) are kept."""
        text = self.q.value("rules/toml", "")
        if not text:
            return NATIONAL
        try:
            return rules_from_dict(tomllib.loads(str(text)))
        except (tomllib.TOMLDecodeError, InputError) as exc:
            log.warning("保存的评分规则无法读取，改用全国通用规则：%s", exc)
            return NATIONAL

    def set_rules(self, rules: Rules) -> None:
        """Keep `rules` as TOML text; the national rules are kept as nothing."""
        if rules == NATIONAL:
            self.q.remove("rules/toml")
        else:
            self.q.setValue("rules/toml", rules_to_toml(rules))

    def report_template(self) -> Path | None:
        """Return the office's own 自评报告 template, or None for the default."""
        value = self.q.value("report/template", "")
        return Path(str(value)) if value else None

    def set_report_template(self, path: str | Path | None) -> None:
        """Keep `path` as the 自评报告 template (None: back to the default)."""
        if path is None:
            self.q.remove("report/template")
        else:
            self.q.setValue("report/template", str(Path(path)))

    def submission(self) -> bool:
        """Return whether 一键生成 also writes the submission copy (报送版); off by default."""
        value = self.q.value("output/submission", False)
        return value in (True, "true", "1", 1)

    def set_submission(self, on: bool) -> None:
        """Remember whether 一键生成 also writes the submission copy."""
        self.q.setValue("output/submission", bool(on))

    def sync(self) -> None:
        """Write everything to storage now."""
        self.q.sync()
