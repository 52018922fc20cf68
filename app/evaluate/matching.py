"""Which project and which indicator of one table is which of another, and whether two
targets say the same: for comparing a self-evaluation with its 申报表 and for merging the
tables a template is pre-filled from.

- Projects match by name, compared without spaces, quotes and case, full-width folded.
- Indicators match by 三级 name (the blank form's "指标1：", item numbers, ★ and spaces
  left out); those left over pair by position within the same 一级/二级 (a name reworded).
- Targets are compared as written after folding (full-width, ≥ / >= / 不低于, spaces): "≥95%"
  equals "≥ 95 %"; failing that, as read (`expressions.parse`): "≥95.0%" equals "不低于95%",
  "≤120万元" equals "≤1200000元"; "95%" and "0.95", "12个" and "12项" differ.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from app.evaluate.expressions import normalize, parse
from app.readers.forms.indicators import clean_name, level1_of, level_key
from app.text import fold

_DROP = re.compile(r"[\s\"'“”‘’《》〈〉「」★☆]")
_TRAILING = re.compile(r"[。，,；;:：、.]+$")
_NUMERIC = frozenset({"number", "range", "deadline", "date"})


class Named(Protocol):
    """An indicator of either side: 一级, 二级, 三级 name and target."""

    @property
    def level1(self) -> str: ...
    @property
    def level2(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def target(self) -> str: ...


L = TypeVar("L", bound=Named)
R = TypeVar("R", bound=Named)


def project_key(name: str) -> str:
    """Return a project name as compared: folded, without spaces or quotes, lower case."""
    return _DROP.sub("", fold(name)).lower()


def indicator_key(name: str) -> str:
    """Return a 三级 name as compared: without the blank form's "指标1：", an item number, ★,
    spaces, quotes and trailing punctuation."""
    text = _DROP.sub("", fold(name))
    return _TRAILING.sub("", clean_name(text)).lower()


def level_keys(level1: str, level2: str) -> tuple[str, str]:
    """Return (一级, 二级) as compared: without numbering, weights and a trailing 指标; an
    empty 一级 is the one its 二级 belongs to."""
    two = level_key(level2)[0].removesuffix("指标") if level2 else ""
    one = level_key(level1)[0] if level1 else level1_of(level2)
    return one.removesuffix("指标"), two


def pair_indicators(left: Sequence[L], right: Sequence[R]) -> list[tuple[L | None, R | None]]:
    """Return the indicators of two tables paired: by name first (repeated names in order),
    then the rest by position within their 一级/二级; every indicator once, unpaired ones
    with None beside them. In `left`'s order, the unpaired of `right` after."""
    match: dict[int, int] = {}
    free: dict[str, list[int]] = {}
    for j, theirs in enumerate(right):
        free.setdefault(indicator_key(theirs.name), []).append(j)
    for i, mine in enumerate(left):
        options = free.get(indicator_key(mine.name))
        if options and indicator_key(mine.name):
            match[i] = options.pop(0)
    taken = set(match.values())
    groups: dict[tuple[str, str], list[int]] = {}
    for j, theirs in enumerate(right):
        if j not in taken:
            groups.setdefault(level_keys(theirs.level1, theirs.level2), []).append(j)
    for i, mine in enumerate(left):
        if i not in match:
            options = groups.get(level_keys(mine.level1, mine.level2))
            if options:
                match[i] = options.pop(0)
    taken = set(match.values())
    out: list[tuple[L | None, R | None]] = [
        (mine, right[match[i]] if i in match else None) for i, mine in enumerate(left)
    ]
    out += [(None, theirs) for j, theirs in enumerate(right) if j not in taken]
    return out


def same_name(a: str, b: str) -> bool:
    """True when two 三级 names are the same once compared as `indicator_key` does."""
    return indicator_key(a) == indicator_key(b)


def same_target(a: str, b: str, year: int | None = None) -> bool:
    """True when two targets say the same (see the module's docstring)."""
    na, nb = _TRAILING.sub("", normalize(a)), _TRAILING.sub("", normalize(b))
    if na == nb:
        return True
    ea, eb = parse(a, year), parse(b, year)
    if ea.kind != eb.kind or ea.kind not in _NUMERIC:
        return False
    return (
        ea.op == eb.op
        and ea.dimension == eb.dimension
        and ea.date == eb.date
        and _close(ea.value, eb.value)
        and _close(ea.high, eb.high)
    )


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
