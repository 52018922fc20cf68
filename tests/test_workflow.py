"""The hosted workflow that builds the Windows (and Linux) folder (.github/workflows/): it
cannot run here, so its YAML is parsed and its commands are kept those .ci/run proves on
Linux."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "package.yml"
BUILD = "pyinstaller --noconfirm --log-level WARN build.spec"
SMOKE = "python packaging/smoke.py"


def test_workflow_runs_the_commands_of_ci_run() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    text = WORKFLOW.read_text(encoding="utf-8")
    for command in (BUILD, SMOKE, '-e ".[build]"'):
        assert command in ci and command in text
    # The Linux job installs what .ci/run installs for Qt and the Chinese font.
    packages = ci.split("for pkg in ", 1)[1].split("; do", 1)[0].replace("\\\n", " ").split()
    assert packages and all(p in text for p in packages)


def test_workflow_yaml_builds_smoke_tests_and_uploads_on_both_systems() -> None:
    yaml = pytest.importorskip("yaml")  # not a dependency: checked where PyYAML is installed
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = flow["jobs"].values()
    assert job["strategy"]["matrix"]["os"] == ["windows-latest", "ubuntu-latest"]
    runs = [step.get("run", "") for step in job["steps"]]
    assert runs.index(BUILD) < runs.index(SMOKE)
    zips = [r for r in runs if "zip" in r.lower() and "dist" in r]
    assert len(zips) == 2
    upload = next(
        s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact")
    )
    assert upload["with"]["path"] == "selfeval-*.zip"
