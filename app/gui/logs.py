"""The GUI's log file in the user's data folder (`app.resources.log_dir`)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app.resources import log_dir

LOG_NAME = "selfeval.log"
_handler: RotatingFileHandler | None = None


def log_file() -> Path:
    """Return the path of the log file (its folder is created)."""
    return log_dir() / LOG_NAME


def setup_logging() -> Path:
    """Send the "selfeval" logger to the log file (once); return the file's path."""
    global _handler
    path = log_file()
    if _handler is None:
        try:
            _handler = RotatingFileHandler(
                path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError:
            return path  # Logging is a help, never a reason not to start.
        _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger = logging.getLogger("selfeval")
        logger.addHandler(_handler)
        logger.setLevel(logging.INFO)
    return path
