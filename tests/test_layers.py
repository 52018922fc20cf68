"""The house's floors: every module of app/ imports only from its own floor or the ones below,
and no import runs in a circle (issue 15). Imports inside functions count too: a lazy import
is still a dependency.

    0  model, rules, errors, files, text, …   the bottom: plain records and small helpers
    1  readers                                 workbooks in, a Dataset out
    2  evaluate                                judgements, scores, findings
    3  writers, wordreport, carry, rollup      the artefacts, and what they are made from
    4  pipeline, batch, fill, prefill          the jobs
    5  cli, gui                                the faces
"""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"

FLOORS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (5, ("app.cli", "app.gui", "app.__main__", "app.argparse_zh", "app.console")),
    (4, ("app.pipeline", "app.batch", "app.fill", "app.prefill")),
    (3, ("app.writers", "app.wordreport", "app.carry", "app.rollup")),
    (2, ("app.evaluate",)),
    (1, ("app.readers",)),
    (
        0,
        (
            "app.model",
            "app.rules",
            "app.errors",
            "app.files",
            "app.text",
            "app.template_layout",
            "app.resources",
            "app",
        ),
    ),
)
"""Module name prefixes by floor, the most specific first."""


def floor_of(module: str) -> int | None:
    """Return the floor of an app module, None for one no floor names."""
    for floor, prefixes in FLOORS:
        for prefix in prefixes:
            if (
                module == prefix
                or module.startswith(prefix + ".")
                or module.startswith(prefix + "_")
            ):
                return floor
    return None


def modules() -> dict[str, Path]:
    """Return every module of app/ by its dotted name."""
    out = {}
    for path in sorted(APP.rglob("*.py")):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Return the app modules `name` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from app.readers import forms" imports the module app.readers.forms.
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("app") and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_every_module_has_a_floor() -> None:
    assert [name for name in modules() if floor_of(name) is None] == []


def test_no_import_from_a_floor_below_to_one_above() -> None:
    upward = [
        f"{name} (floor {floor_of(name)}) imports {target} (floor {floor_of(target)})"
        for name, targets in graph().items()
        for target in sorted(targets)
        if (floor_of(target) or 0) > (floor_of(name) or 0)
    ]
    assert upward == []


def test_no_import_cycle() -> None:
    edges = graph()
    # Package __init__ modules re-export their children: an edge from a package to its own
    # child is not a cycle through the rest of the house.
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target.startswith(node + "."):
                continue
            if state.get(target) == 1:
                cycles.append(" → ".join([*stack[stack.index(target) :], target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert cycles == []
