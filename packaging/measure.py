"""Measure the built folder: its size, and how long the programs take to start.

    python packaging/measure.py [dist/selfeval]

Prints the folder's size (and zipped, as it is handed over), then the median of 5 runs (after
one unmeasured run, so the files are in the disk cache) of
- `selfeval --version`: start to exit of the command line;
- `selfeval-gui --screenshot PNG`: start until the first window has been shown, drawn, saved
  and closed. The GUI waits 300 ms after showing the window before it takes the picture, so
  this is an upper bound of the time to the first window;
- `selfeval-gui 例子.xlsx --screenshot PNG`: the same with the example loaded.
The GUI runs offscreen (QT_QPA_PLATFORM=offscreen), as there may be no display.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
SCREENSHOT_DELAY = 0.3
"""Seconds the GUI waits after showing the window before it takes its picture."""

sys.path.insert(0, str(Path(__file__).resolve().parent))
from smoke import SmokeError, dist_folder, exe, prepare  # noqa: E402


def folder_bytes(folder: Path) -> int:
    """Return the total size of the files under `folder` (links counted once, as links)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def zipped_bytes(folder: Path, work: Path) -> int:
    """Return the size of `folder` zipped (deflate), as an office would receive it."""
    target = work / "selfeval.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder.parent))
    size = target.stat().st_size
    target.unlink()
    return size


def seconds(command: list[str], work: Path, env: dict[str, str]) -> float:
    """Return the wall-clock seconds `command` takes; fail when it does not exit with 0."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, timeout=300)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} 失败：{done.stderr.decode(errors='replace')}")
    return elapsed


def median_seconds(command: list[str], work: Path, env: dict[str, str]) -> float:
    """Return the median of RUNS timed runs of `command`, after one warm-up run."""
    seconds(command, work, env)
    return statistics.median(seconds(command, work, env) for _ in range(RUNS))


def main(argv: list[str]) -> int:
    """Print the figures for the folder named in argv (default dist/selfeval)."""
    try:
        dist = dist_folder(argv)
    except SmokeError as exc:
        print(exc)
        return 1
    with tempfile.TemporaryDirectory(prefix="selfeval-measure-") as tmp:
        work = Path(tmp)
        env = prepare(work)
        size = folder_bytes(dist)
        zipped = zipped_bytes(dist, work)
        cli = median_seconds([str(exe(dist, "selfeval")), "--version"], work, env)
        gui = [str(exe(dist, "selfeval-gui"))]
        empty = median_seconds([*gui, "--screenshot", "空.png"], work, env)
        loaded = median_seconds([*gui, "例子.xlsx", "--screenshot", "例子.png"], work, env)
    mb = 1_000_000
    print(f"platform:  {sys.platform} ({os.cpu_count()} CPUs)")
    print(f"folder:    {size / mb:.1f} MB ({size / 2**20:.1f} MiB); zipped {zipped / mb:.1f} MB")
    print(f"CLI:       selfeval --version                      {cli:.2f} s (median of {RUNS})")
    print(
        f"GUI:       first window (screenshot, empty)        {empty:.2f} s "
        f"(includes the {SCREENSHOT_DELAY:.1f} s screenshot wait)"
    )
    print(f"GUI:       window with the example loaded           {loaded:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
