"""GUI test setup: Qt offscreen, settings and logs in a temporary folder, and dialogs that
answer themselves (recorded for the test to check) instead of waiting for a click."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from app.gui import dialogs  # noqa: E402
from app.gui.settings import Settings  # noqa: E402
from app.gui.window import MainWindow  # noqa: E402


@dataclass
class Shown:
    """What a message box said: title, text, informative text, folded detail, buttons."""

    title: str
    text: str
    informative: str
    detail: str
    buttons: list[str]


@dataclass
class Boxes:
    """Stands in for `dialogs.exec_box`: records each box and clicks the next answer
    (None, like closing the box, when no answer is queued). An answer may be a function
    of the box shown, for a user who does something before clicking."""

    shown: list[Shown] = field(default_factory=list)
    answers: list[str | Callable[[Shown], str]] = field(default_factory=list)

    def __call__(self, box) -> str | None:
        seen = Shown(
            box.windowTitle(),
            box.text(),
            box.informativeText(),
            box.detailedText(),
            [b.text() for b in box.buttons()],
        )
        self.shown.append(seen)
        answer = self.answers.pop(0) if self.answers else None
        return answer(seen) if callable(answer) else answer


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep logs and any stray settings out of the user's folders."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "data"))


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    """Replace every message box with a recorder; queue answers in `boxes.answers`."""
    recorder = Boxes()
    monkeypatch.setattr(dialogs, "exec_box", recorder)
    return recorder


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the files and folders the app asks the system to open."""
    urls: list[str] = []
    monkeypatch.setattr(dialogs, "open_url", lambda path: urls.append(str(path)) or True)
    return urls


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in an INI file of the test's own."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, settings: Settings, boxes: Boxes) -> Iterator[MainWindow]:
    """The real main window, shown offscreen; closed (threads waited for) afterwards."""
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    # Jobs pause garbage collection while they run; closing must have resumed it.
    assert gc.isenabled()
