"""Save the JSON reports of a fixed set of inputs, or compare them with saved ones, byte for byte.

A change that is meant to change no behaviour (a restructuring, a speed-up) must leave every
report as it was. The inputs: the bundled examples, every workbook under tests/files/ that can
be read, and the benchmark inputs (`synth.py`, written into the folder the first time).

    python benchmarks/compare_reports.py --save /tmp/before     # on the old code
    python benchmarks/compare_reports.py --against /tmp/before  # on the new code

Each report is `selfeval check INPUT --json` run in a fresh interpreter (stdout, and the exit
status), with the input's path replaced by its name so that two checkouts compare equal.
Exit status 0 when every report is the same, 1 when one differs (each named), 2 on misuse.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYNTH = (("forms500.xlsx", "500", "forms"), ("template500.xlsx", "500", "template"))


def inputs(folder: Path) -> list[Path]:
    """Return the inputs in a fixed order, writing the synthetic ones into `folder` if absent."""
    found = sorted((ROOT / "examples").glob("*.xlsx"))
    files = ROOT / "tests" / "files"
    found += sorted(p for p in files.rglob("*") if p.suffix.lower() in (".xlsx", ".xls", ".ods"))
    folder.mkdir(parents=True, exist_ok=True)
    for name, size, kind in SYNTH:
        target = folder / name
        if not target.exists():
            subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "synth.py"), size, "--kind", kind,
                 "-o", str(target)],
                check=True,
                cwd=ROOT,
            )  # fmt: skip
        found.append(target)
    return found


def report_of(path: Path) -> bytes:
    """Return the exit status and the JSON report of `selfeval check` on one input."""
    done = subprocess.run(
        [sys.executable, "-m", "app", "check", str(path), "--json"],
        capture_output=True,
        cwd=ROOT,
    )
    text = done.stdout.replace(str(path).encode(), path.name.encode())
    return f"exit {done.returncode}\n".encode() + text


def key(path: Path) -> str:
    """Return the file name a report is saved under: the input's path below the checkout."""
    try:
        shown = path.relative_to(ROOT)
    except ValueError:
        shown = Path(path.name)
    return str(shown).replace("/", "__") + ".json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", metavar="DIR", help="write the reports into DIR")
    group.add_argument("--against", metavar="DIR", help="compare with the reports in DIR")
    args = parser.parse_args(argv)
    folder = Path(args.save or args.against)
    different = []
    for path in inputs(folder / "inputs"):
        saved = folder / key(path)
        now = report_of(path)
        if args.save:
            saved.write_bytes(now)
        elif not saved.exists() or saved.read_bytes() != now:
            different.append(path)
            print(f"different: {path}")
    if args.against:
        print("all reports are the same" if not different else f"{len(different)} differ")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
