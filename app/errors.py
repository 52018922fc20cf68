"""Errors that end a run with a message for the user (exit status 2 on the command line)."""

from __future__ import annotations


class InputError(Exception):
    """The input (or a settings file) cannot be used at all; `message` is one Chinese sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OutputError(Exception):
    """The output cannot be written (locked, read-only, missing folder); nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Cancelled(Exception):
    """The user cancelled the run; nothing was written."""
