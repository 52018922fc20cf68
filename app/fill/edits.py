"""One change to a cell of an office's own form (`Edit`), and how the changes of a form are
gathered so that a cell is changed once (`Edits`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from app.model import Inline, Where

Kind = Literal["rate", "score", "total", "grade", "flag", "explain", "note"]

DASHES = frozenset({"—", "——", "-", "--", "－", "/", "／", "\\", "无", "不适用"})
"""What a form writes in a cell to say that no figure belongs there."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One cell's change: the figure written (None leaves the cell's value as it is), how it
    is shown, and on the copy to review its flag and note.

    `old` is what the cell held when `value` replaces a different figure (None otherwise);
    `inline` writes the figure inside the label that holds it ("总分：98.91分")."""

    where: Where
    kind: Kind
    value: float | str | None = None
    percent: bool = False
    inline: Inline | None = None
    fill: str | None = None
    frame: bool = False
    note: str = ""
    old: Any = None

    @property
    def shown(self) -> str | float | None:
        """The value as it goes into the cell: the figure, or the label's text around it."""
        if self.value is None or self.inline is None:
            return self.value
        figure = self.value if isinstance(self.value, str) else _number(self.value)
        return f"{self.inline.before}{figure}{self.inline.after}"


def _number(x: float) -> str:
    from app.text import format_number

    return format_number(x)


class Edits:
    """The edits of a plan in the order made, one per cell: a second edit of a cell adds its
    flag and note to the first and never changes its value (the Hubei form's one funds row
    is both the total and its source)."""

    def __init__(self) -> None:
        self._by_cell: dict[Where, Edit] = {}

    def add(self, edit: Edit) -> None:
        """Add `edit`, merged into an earlier edit of the same cell."""
        if edit.value is None and edit.fill is None and not edit.frame and not edit.note:
            return  # nothing to change
        first = self._by_cell.get(edit.where)
        if first is None:
            self._by_cell[edit.where] = edit
            return
        notes = [n for n in (first.note, edit.note) if n]
        self._by_cell[edit.where] = replace(
            first,
            value=first.value if first.value is not None else edit.value,
            old=first.old if first.value is not None else edit.old,
            fill=first.fill or edit.fill,
            frame=first.frame or edit.frame,
            note="\n".join(dict.fromkeys(notes)),
        )

    def __iter__(self):
        return iter(self._by_cell.values())

    def __len__(self) -> int:
        return len(self._by_cell)


class Formula(str):
    """A cell's formula as written ("=E7/D7"), with the result the file holds for it (None
    when it holds none): what the cell shows."""

    result: Any

    def __new__(cls, text: str, result: Any = None) -> Formula:
        obj = super().__new__(cls, text)
        obj.result = result
        return obj


def shown(value: Any) -> Any:
    """What a cell shows: a formula's result, any other value itself."""
    return value.result if isinstance(value, Formula) else value


def is_dash(value: Any) -> bool:
    """True when a cell shows a dash, a slash or 无: the form says no figure belongs there."""
    value = shown(value)
    return isinstance(value, str) and value.strip() in DASHES


def is_empty(value: Any) -> bool:
    """True when a cell shows nothing (or only spaces)."""
    value = shown(value)
    return value is None or (isinstance(value, str) and not value.strip())
