"""The desktop face of selfeval (PySide6). Every Qt import of the app stays in this package.

`main()` is what `selfeval gui [FILE_OR_FOLDER...] [--screenshot PNG]` and the packaged app
run.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger("selfeval.gui")

SCREENSHOT_TIMEOUT_MS = 120_000


def main(file: str | Sequence[str] | None = None, screenshot: str | None = None) -> int:
    """Open the window and run until it closes; return the exit status. `file` is one
    workbook to open, or several files and folders to check side by side (部门汇总). With
    `screenshot`, save a picture of the window once they are loaded and exit: 0 when the
    picture was saved and they loaded, 1 otherwise. 2, with the reason on stderr, when Qt
    cannot start here (a missing system library, no desktop)."""
    from app.gui import preflight

    problem = preflight.display_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    try:
        from PySide6.QtCore import QCoreApplication, QTimer
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:  # a library Qt itself links to (libEGL, libfontconfig …)
        print(preflight.import_problem(exc), file=sys.stderr)
        return 2

    from app.gui import fonts, logs

    logs.setup_logging()  # first, so that what the imports below log lands in the file
    from app.gui.dialogs import show_internal_error
    from app.gui.window import MainWindow

    files = [file] if isinstance(file, str) else list(file or [])

    QCoreApplication.setOrganizationName("selfeval")
    QCoreApplication.setApplicationName("selfeval")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    _install_translations(app)

    window = MainWindow(remember_geometry=not screenshot)
    fonts.warn_if_no_chinese_font(window)  # a screenshot of boxes must not pass in silence
    previous_hook = sys.excepthook

    def excepthook(kind, value, tb) -> None:
        # A bug in a slot must end in a dialog and the log, not in a dead window.
        detail = "".join(traceback.format_exception(kind, value, tb))
        log.error("未处理的异常：\n%s", detail)
        show_internal_error(window, detail)

    sys.excepthook = excepthook
    status = [0]
    try:
        if screenshot:
            _arrange_screenshot(window, bool(files), Path(screenshot), status)
        window.show()
        # Show the window first; loading starts once the event loop runs.
        if len(files) == 1 and not Path(files[0]).is_dir():
            QTimer.singleShot(0, lambda: window.open_file(files[0], remember=not screenshot))
        elif files:
            QTimer.singleShot(0, lambda: window.batch.open(files, remember=not screenshot))
        code = app.exec()
    finally:
        sys.excepthook = previous_hook
    return status[0] if screenshot else code


def _install_translations(app) -> None:
    """Make Qt's own texts (显示详细信息…, file dialogs) Chinese like the rest of the window."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale("zh_CN"))
    translator = QTranslator(app)  # parented to the app, so it lives as long as the app
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
    else:
        log.info("未找到 Qt 中文翻译（%s），Qt 自带的按钮将显示英文", folder)


def _arrange_screenshot(window, wait: bool, target: Path, status: list[int]) -> None:
    """Make the window save a picture of itself (once its file is loaded when `wait`), then
    close; `status[0]` becomes 1 when the file did not load or the picture was not saved."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.gui import dialogs

    def no_wait(box) -> None:
        # Nobody is there to click: say the message and carry on.
        print(box.text(), file=sys.stderr)
        return None

    dialogs.exec_box = no_wait

    def snap() -> None:
        QApplication.processEvents()
        target.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(target)):
            print(f"无法保存截图：{target}", file=sys.stderr)
            status[0] = 1
        window.close()

    def loaded(kind: str) -> None:
        if kind != "ok":
            status[0] = 1
        QTimer.singleShot(300, snap)

    def too_long() -> None:
        print("等待读取超时，截图未保存", file=sys.stderr)
        status[0] = 1
        window.close()

    if wait:
        window.run_finished.connect(loaded)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, too_long)
    else:
        QTimer.singleShot(300, snap)
