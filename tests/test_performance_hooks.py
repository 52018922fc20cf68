"""Progress and cancel through the whole pipeline on a 200-project synthetic input.

Every stage reports as it goes (per sheet read, per project judged and written, per part of
the package saved), in order, and a cancel at any of those calls stops the run with nothing
left on disk. Only counts and order are asserted, never speed (benchmarks/ measures that).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import write_input  # noqa: E402

from app import pipeline  # noqa: E402
from app.errors import Cancelled  # noqa: E402
from app.readers import PROGRESS_SCALE  # noqa: E402
from app.readers.numfmt import PercentScan  # noqa: E402

N = 200
STAGES = ["读取", "评分", "生成", "保存"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("synth")
    return {kind: write_input(folder / f"{kind}.xlsx", N, kind) for kind in ("template", "forms")}


def _run(path: Path, out: Path | None, cancel_at=None):
    """Run the pipeline recording every progress call; cancel at the first call for which
    `cancel_at(stage, done, total)` is true."""
    calls: list[tuple[str, int, int]] = []
    stop = [False]

    def progress(stage: str, done: int, total: int) -> None:
        calls.append((stage, done, total))
        if cancel_at is not None and cancel_at(stage, done, total):
            stop[0] = True

    result = pipeline.run(
        path, out, write=out is not None, progress=progress, cancel=lambda: stop[0]
    )
    return calls, result


def _by_stage(calls):
    stages: dict[str, list[tuple[int, int]]] = {}
    for stage, done, total in calls:
        stages.setdefault(stage, []).append((done, total))
    return stages


def test_every_stage_reports_in_order_from_start_to_end(inputs, tmp_path):
    out = tmp_path / "out.xlsx"
    calls, result = _run(inputs["template"], out)
    assert result.output == out and out.exists()
    order = [s for i, (s, _, _) in enumerate(calls) if i == 0 or calls[i - 1][0] != s]
    assert order == STAGES
    stages = _by_stage(calls)
    for stage, seen in stages.items():
        dones = [d for d, _ in seen]
        assert dones == sorted(dones), stage  # never backwards within a stage
        assert seen[-1][0] == seen[-1][1], stage  # ends complete
    # Reading: each of the template's 7 sheets loaded, then its rows parsed.
    assert len(stages["读取"]) >= 7 + 2
    assert stages["读取"][-1] == (PROGRESS_SCALE, PROGRESS_SCALE)
    # Judging and the project forms: one call per project.
    assert stages["评分"] == [(i, N) for i in range(1, N + 1)]
    assert stages["生成"] == [(i, N) for i in range(1, N + 1)]
    # Saving: the summary's and findings' rows, then every part of the package (a sheet, its
    # notes and their drawing, its links: more parts than sheets).
    sheets = N + 3
    assert len(stages["保存"]) > sheets + len(result.evaluation.findings) // 64


def test_forms_report_per_sheet_and_per_project(inputs):
    calls, result = _run(inputs["forms"], None)
    stages = _by_stage(calls)
    assert list(stages) == ["读取", "评分"]
    assert len(result.evaluation.projects) == N
    # 1 department sheet and N project sheets, each parsed as it is loaded (in a thread), plus
    # the percentage scan repeating a sheet's count once per sheet it scans.
    assert len(stages["读取"]) >= N + 1
    assert len({done for done, _ in stages["读取"]}) >= N // 2
    assert stages["评分"][-1] == (N, N)


@pytest.mark.parametrize(
    ("stage", "at"),
    [
        ("读取", 150),  # parsing the first sheets while later ones load
        ("读取", 900),  # parsing the rows
        ("评分", N // 2),
        ("生成", N // 2),
        ("保存", 1),  # writing the summary
        ("保存", -1),  # zipping the package (inside xlsxwriter's close)
    ],
)
def test_cancel_anywhere_while_writing_leaves_no_file(inputs, tmp_path, stage, at):
    out = tmp_path / "out.xlsx"
    seen: list[tuple[str, int, int]] = []

    def cancel_at(s: str, done: int, total: int) -> bool:
        seen.append((s, done, total))
        if s != stage:
            return False
        if at == -1:  # the package's last parts, inside xlsxwriter's close()
            return done >= total - 50
        return done >= at

    with pytest.raises(Cancelled):
        _run(inputs["template"], out, cancel_at)
    assert seen[-1][0] == stage
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_cancel_inside_the_percentage_scan_is_a_cancel(inputs, monkeypatch):
    # The lookup of percent-formatted cells reads a sheet when first asked about it and then
    # repeats that sheet's count: a cancel there stops the run before the next sheet is read.
    scans: list[str] = []
    real = PercentScan._part_xml

    def counted(self, name):
        scans.append(name)
        return real(self, name)

    monkeypatch.setattr(PercentScan, "_part_xml", counted)
    with pytest.raises(Cancelled):
        _run(inputs["forms"], None, lambda stage, done, total: len(scans) >= 3)
    assert len(scans) == 3


def test_cancel_while_loading_is_a_cancel_not_a_damaged_file(inputs):
    # Loading turns calamine's failures into InputError: a cancel must come out as itself.
    with pytest.raises(Cancelled):
        _run(inputs["forms"], None, lambda s, d, t: s == "读取" and 100 < d < 400)
