"""Smoke-test the built folder (dist/selfeval) the way an office PC runs it: no Python.

    python packaging/smoke.py [dist/selfeval]

Runs the built programs with a bare environment (no PYTHONPATH, no virtual environment, a
PATH of system folders only, a temporary HOME) and checks that
- `selfeval --version` prints this checkout's version, and `--help` is Chinese;
- the bundled files are where `app.resources` looks (`_internal/examples/…`), and what the
  spec drops (pandas, numpy, other Qt translations) is not there;
- `selfeval generate` writes the example's workbook, and its `--json` report equals the one
  the installed tool (`python -m app generate … --json`) prints, apart from the file paths;
- a batch (`selfeval check A B --jobs 2`) runs its process pool inside the frozen program;
- `selfeval template` writes the blank template and says so on stdout;
- `selfeval fill` refuses what would lose the notes' look, then fills with --allow-loss (openpyxl
  inside the frozen program), its `--json` report equal to `python -m app fill`'s;
- `selfeval report` writes the example's Word 自评报告 (python-docx, docxtpl, Jinja and lxml
  inside the folder, the report template beside them; babel and OpenSSL left out);
- `selfeval-gui FILE --screenshot PNG` starts offscreen, loads the example and saves a
  picture, with Qt's Chinese translation found.
Prints one line per check and exits 1 on the first failure. The reference report needs the
app installed in the Python running this script (CI: `pip install -e .`).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shuangyang-2022.xlsx"
TIMEOUT = 180  # seconds; a first start from a cold disk can be slow, a hang must not be

PATH_KEYS = ("input", "output")
"""Report keys that hold file paths, which differ between the two runs."""


class SmokeError(Exception):
    """A check failed; the message says which and why."""


def exe(dist: Path, name: str) -> Path:
    """Return the path of program `name` in the built folder."""
    return dist / (name + ".exe" if sys.platform == "win32" else name)


def bare_env(work: Path) -> dict[str, str]:
    """Return an environment with nothing of Python in it, its home under `work`."""
    home = work / "home"
    home.mkdir(exist_ok=True)
    env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    if sys.platform == "win32":
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env.update(
            SYSTEMROOT=system_root,
            PATH=str(Path(system_root) / "System32"),
            TEMP=str(work),
            TMP=str(work),
            LOCALAPPDATA=str(home),
            USERPROFILE=str(home),
        )
    else:
        env.update(PATH="/usr/bin:/bin", XDG_DATA_HOME=str(home / "data"))
    return env


def run(
    command: list[str | Path], cwd: Path, env: dict[str, str] | None
) -> subprocess.CompletedProcess[str]:
    """Run `command` in `cwd` and return what it did (text output, UTF-8)."""
    try:
        return subprocess.run(
            [str(part) for part in command],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired as exc:
        raise SmokeError(f"超时（{TIMEOUT} 秒）：{' '.join(map(str, command))}") from exc


def expect(done: subprocess.CompletedProcess[str], status: int, what: str) -> None:
    """Fail with the program's output unless it exited with `status`."""
    if done.returncode != status:
        raise SmokeError(
            f"{what}: 退出状态 {done.returncode}，应为 {status}\n"
            f"stdout: {done.stdout[-2000:]}\nstderr: {done.stderr[-2000:]}"
        )


def without_paths(report: dict) -> dict:
    """Return the report without its file paths."""
    return {key: value for key, value in report.items() if key not in PATH_KEYS}


def app_version() -> str:
    """Return this checkout's version (app.__version__)."""
    sys.path.insert(0, str(ROOT / "packaging"))
    from version_info import app_version as read_version

    return read_version(ROOT)


def check_version(dist: Path, work: Path, env: dict[str, str]) -> str:
    """`selfeval --version` prints this checkout's version."""
    done = run([exe(dist, "selfeval"), "--version"], work, env)
    expect(done, 0, "selfeval --version")
    wanted = f"selfeval {app_version()}"
    if done.stdout.strip() != wanted:
        raise SmokeError(f"--version 打印了 {done.stdout.strip()!r}，应为 {wanted!r}")
    return wanted


def check_help(dist: Path, work: Path, env: dict[str, str]) -> str:
    """`selfeval --help` speaks Chinese, argparse's own words included."""
    done = run([exe(dist, "selfeval"), "--help"], work, env)
    expect(done, 0, "selfeval --help")
    if not done.stdout.startswith("用法：selfeval") or "显示帮助信息并退出" not in done.stdout:
        raise SmokeError(f"--help 不是中文：{done.stdout[:300]!r}")
    return "help: Chinese usage and help"


def check_layout(dist: Path) -> str:
    """The bundled files sit where app.resources looks; what the spec drops is gone."""
    internal = dist / "_internal"
    for relative in (
        "examples/shuangyang-2022.xlsx",
        "templates/selfeval-template.xlsx",
        "templates/rules-national.toml",
        "templates/report-template.docx",
    ):
        if not (internal / relative).is_file():
            raise SmokeError(f"包内缺少 {relative}（app.resources 在 sys._MEIPASS 下找它）")
    for name in ("pandas", "numpy", "tkinter", "babel", "docxcompose"):
        if (internal / name).exists():
            raise SmokeError(f"包内不应有 {name}")
    translations = sorted(p.name for p in internal.rglob("*.qm"))
    if translations != ["qtbase_zh_CN.qm"]:
        raise SmokeError(f"Qt 翻译应只有 qtbase_zh_CN.qm，实际：{translations}")
    return "bundled files in place; no pandas/numpy/babel; one Qt translation"


def reference_report(work: Path) -> tuple[int, dict]:
    """The installed tool's report on the example (its exit status and the JSON)."""
    done = run(
        [sys.executable, "-m", "app", "generate", EXAMPLE, "-o", work / "ref.xlsx", "--json"],
        ROOT,
        None,
    )
    if done.returncode not in (0, 1):
        raise SmokeError(f"参照（python -m app）失败：{done.stderr[-2000:]}")
    return done.returncode, without_paths(json.loads(done.stdout))


def check_generate(dist: Path, work: Path, env: dict[str, str], expected: tuple[int, dict]) -> str:
    """`selfeval generate --json` writes the workbook and reports what `python -m app` does."""
    status, reference = expected
    done = run(
        [exe(dist, "selfeval"), "generate", "例子.xlsx", "-o", "结果.xlsx", "--json"], work, env
    )
    expect(done, status, "selfeval generate")
    output = work / "结果.xlsx"
    if not output.is_file() or output.read_bytes()[:2] != b"PK":
        raise SmokeError("selfeval generate 没有写出 .xlsx")
    report = without_paths(json.loads(done.stdout))
    if report != reference:
        diff = [k for k in reference if report.get(k) != reference[k]]
        raise SmokeError(f"打包版的 --json 与 python -m app 不同（{diff}）")
    projects = len(report.get("projects", []))
    return f"generate: workbook written, --json equals python -m app's ({projects} projects)"


def check_batch(dist: Path, work: Path, env: dict[str, str], expected: tuple[int, dict]) -> str:
    """Two departments through the frozen process pool: the example's report is the
    reference, and both reports are what `python -m app check` gives for the two."""
    status, reference = expected
    args = ["check", "例子.xlsx", "乙.xlsx", "--jobs", "2", "--json"]
    done = run([exe(dist, "selfeval"), *args], work, env)
    expect(done, status, "selfeval check（两个文件，进程池）")
    wanted = run([sys.executable, "-m", "app", *args], work, None)
    reports = [without_paths(r) for r in json.loads(done.stdout)]
    if (
        len(reports) != 2
        or reference not in reports
        or reports != [without_paths(r) for r in json.loads(wanted.stdout)]
    ):
        raise SmokeError(f"批量检查结果不对：{done.stdout[:500]}")
    return "batch: 2 departments through the process pool, both reports as python -m app's"


def check_template(dist: Path, work: Path, env: dict[str, str]) -> str:
    """`selfeval template` writes the blank template."""
    done = run([exe(dist, "selfeval"), "template", "-o", "空白模板.xlsx"], work, env)
    expect(done, 0, "selfeval template")
    if not (work / "空白模板.xlsx").is_file():
        raise SmokeError("selfeval template 没有写出模板")
    if done.stdout.strip() != "已生成空白模板：空白模板.xlsx":
        raise SmokeError(f"selfeval template 应在标准输出说明保存位置：{done.stdout!r}")
    return "template: blank template written, said so on stdout"


def check_fill(dist: Path, work: Path, env: dict[str, str]) -> str:
    """`selfeval fill` on the national workbook `python -m app generate` writes: refused
    (its notes' look would be reset), then filled with --allow-loss, its --json equal to
    `python -m app fill`'s; openpyxl runs inside the frozen program."""
    source = work / "国家格式.xlsx"
    made = run([sys.executable, "-m", "app", "generate", EXAMPLE, "-o", source], ROOT, None)
    if made.returncode not in (0, 1):
        raise SmokeError(f"参照（python -m app generate）失败：{made.stderr[-2000:]}")
    reference = run(
        [sys.executable, "-m", "app", "fill", source, "--allow-loss", "-o", work / "参照_填写.xlsx"]
        + ["--json"],
        ROOT,
        None,
    )
    if reference.returncode not in (0, 1):
        raise SmokeError(f"参照（python -m app fill）失败：{reference.stderr[-2000:]}")
    refused = run([exe(dist, "selfeval"), "fill", source.name], work, env)
    expect(refused, 2, "selfeval fill（批注的格式会丢失）")
    if "--allow-loss" not in refused.stderr or (work / "国家格式_已评分.xlsx").exists():
        raise SmokeError(f"selfeval fill 应拒绝并说明 --allow-loss：{refused.stderr[-500:]}")
    done = run(
        [exe(dist, "selfeval"), "fill", source.name, "--allow-loss", "-o", "已评分.xlsx", "--json"],
        work,
        env,
    )
    expect(done, reference.returncode, "selfeval fill --allow-loss")
    if not (work / "已评分.xlsx").is_file():
        raise SmokeError("selfeval fill 没有写出 已评分.xlsx")
    report = without_paths(json.loads(done.stdout))
    wanted = without_paths(json.loads(reference.stdout))
    if report != wanted:
        diff = [k for k in set(report) | set(wanted) if report.get(k) != wanted.get(k)]
        raise SmokeError(f"打包版 fill 的 --json 与 python -m app 不同（{diff}）")
    notes = report["fill"]["notes"]
    return f"fill: refused without --allow-loss, then filled ({notes} notes), --json as python -m app's"


def check_report(dist: Path, work: Path, env: dict[str, str]) -> str:
    """`selfeval report` writes the example's 自评报告: a .docx with the department's part,
    one part per project, and the figures filled in."""
    import zipfile

    done = run([exe(dist, "selfeval"), "report", "例子.xlsx", "-o", "报告.docx"], work, env)
    expect(done, 0, "selfeval report")
    report = work / "报告.docx"
    if not report.is_file():
        raise SmokeError("selfeval report 没有写出 .docx")
    with zipfile.ZipFile(report) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    for wanted in (
        "长春市双阳区教育局（汇总）2022年度部门整体支出绩效自评报告",
        "项目全年预算数427.07万元，全年执行数427.07万元，预算执行率100.00%。",
        "【请填写：全年预算数较年初预算数调整的原因】",
    ):
        if wanted not in text:
            raise SmokeError(f"自评报告中缺少“{wanted}”")
    parts = text.count("项目支出绩效自评报告")
    return f"report: Word 自评报告 written ({report.stat().st_size // 1024} KB, {parts} projects)"


def log_text(env: dict[str, str]) -> str:
    """Return what the GUI wrote to its log file under the bare environment's home."""
    home = Path(env["HOME"])
    logs = [home / "data" / "selfeval" / "logs", home / "selfeval" / "logs"]
    return "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for folder in logs
        if folder.is_dir()
        for p in folder.glob("selfeval.log*")
    )


def check_gui(dist: Path, work: Path, env: dict[str, str]) -> str:
    """The window opens offscreen with the example, saves its picture, speaks Chinese."""
    picture = work / "窗口.png"
    done = run([exe(dist, "selfeval-gui"), "例子.xlsx", "--screenshot", picture], work, env)
    expect(done, 0, "selfeval-gui --screenshot")
    if not picture.is_file() or picture.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
        raise SmokeError("selfeval-gui 没有保存截图")
    if "未找到 Qt 中文翻译" in log_text(env):
        raise SmokeError("打包版找不到 qtbase_zh_CN.qm（见日志）")
    size = picture.stat().st_size
    return f"gui: started offscreen, loaded the example, screenshot {size // 1024} KB"


def dist_folder(argv: list[str]) -> Path:
    """Return the built folder named in argv (default dist/selfeval); SmokeError when it
    holds no build."""
    dist = Path(argv[0]).resolve() if argv else ROOT / "dist" / "selfeval"
    if not exe(dist, "selfeval").is_file():
        raise SmokeError(
            f"找不到 {exe(dist, 'selfeval')}：先运行 pyinstaller --noconfirm build.spec"
        )
    return dist


def prepare(work: Path) -> dict[str, str]:
    """Put the example in `work` twice, the second as another department (a batch counts a
    department once); return the bare environment to run in."""
    import openpyxl

    # Non-ASCII names, as offices name their files.
    (work / "例子.xlsx").write_bytes(EXAMPLE.read_bytes())
    other = openpyxl.load_workbook(EXAMPLE)
    other["部门信息"]["B2"] = "乙县教育局"
    other.save(work / "乙.xlsx")
    return bare_env(work)


def main(argv: list[str]) -> int:
    """Run every check on the folder named in argv (default dist/selfeval); 0 when all pass."""
    with tempfile.TemporaryDirectory(prefix="selfeval-smoke-") as tmp:
        work = Path(tmp)
        try:
            dist = dist_folder(argv)
            env = prepare(work)
            expected = reference_report(work)
        except SmokeError as exc:
            print("FAIL", exc, flush=True)
            return 1
        checks = [
            lambda: check_version(dist, work, env),
            lambda: check_help(dist, work, env),
            lambda: check_layout(dist),
            lambda: check_generate(dist, work, env, expected),
            lambda: check_batch(dist, work, env, expected),
            lambda: check_template(dist, work, env),
            lambda: check_fill(dist, work, env),
            lambda: check_report(dist, work, env),
            lambda: check_gui(dist, work, env),
        ]
        for check in checks:
            try:
                print("ok  ", check(), flush=True)
            except SmokeError as exc:
                print("FAIL", exc, flush=True)
                return 1
    print(f"smoke test passed: {dist}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
