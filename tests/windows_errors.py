"""Windows' own failures, made on any system: an OSError carrying the Windows error code
(`winerror`) that Python sets only on Windows, as the code under test reads it."""

from __future__ import annotations


def windows_error(kind: type[OSError], errno: int, message: str, code: int) -> OSError:
    """Return `kind(errno, message)` with `winerror` set to `code`, as Windows raises it."""
    exc = kind(errno, message)
    exc.winerror = code  # type: ignore[misc]  (read-only only on Windows, where it is real)
    return exc
