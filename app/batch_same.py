"""The same department given twice is counted once (a batch's inputs): files of the same
content are read once, and a department met again (same name and year) is not counted again;
each such file says why, naming the one that is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.rollup import BatchItem


def shown(path: Path, beside: Path) -> str:
    """Return how to name `path` beside `beside`: its file name, or its whole path when the
    two share a name."""
    return str(path) if path.name == beside.name else path.name


def same_content(inputs: Sequence[Path]) -> dict[int, int]:
    """Return, for each input whose bytes equal an earlier input's, the index of the first
    one. Only files of equal size are hashed."""
    import hashlib

    by_size: dict[int, list[int]] = {}
    for i, path in enumerate(inputs):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        if size:
            by_size.setdefault(size, []).append(i)
    copies: dict[int, int] = {}
    for group in by_size.values():
        if len(group) < 2:
            continue
        seen: dict[bytes, int] = {}
        for i in group:
            digest = hashlib.sha256()
            try:
                with inputs[i].open("rb") as fh:
                    while chunk := fh.read(1 << 20):
                        digest.update(chunk)
            except OSError:
                continue  # the pipeline will say what is wrong with it
            copies_of = seen.setdefault(digest.digest(), i)
            if copies_of != i:
                copies[i] = copies_of
    return copies


def department_key(report: dict[str, Any]) -> tuple[str, int | None] | None:
    """Return what makes a department the same one: its name (folded, without spaces) and its
    year; None for a department without a name."""
    from app.readers.common import label_key

    dep = report["department"]
    name = label_key(dep.get("name") or "")
    return (name, dep.get("year")) if name else None


def same_departments(items: list[BatchItem]) -> list[BatchItem]:
    """Return the items with every department met a second time (same name and year) marked
    as not counted, naming the file that is."""
    from dataclasses import replace

    first: dict[tuple[str, int | None], BatchItem] = {}
    out = []
    for item in items:
        key = department_key(item.report) if item.counted and item.report else None
        if key is not None and key in first:
            kept = first[key]
            year = f"，{key[1]}年度" if key[1] else ""
            name = (item.report or {})["department"]["name"]
            note = (
                f"与“{shown(kept.input, item.input)}”是同一部门（{name}{year}），"
                f"只计入一次（按“{shown(kept.input, item.input)}”）"
            )
            item = replace(item, skipped=note)
        elif key is not None:
            first[key] = item
        out.append(item)
    return out
