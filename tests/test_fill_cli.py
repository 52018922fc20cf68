"""`selfeval fill` on the command line: where it writes, what it says, how it refuses, and that
openpyxl is loaded by it alone."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import build_form_files as files
import openpyxl
import pytest
from conftest import EXAMPLE
from test_fill_losses import form, png

from app.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED_FORMS = ROOT / "examples" / "shuangyang-2022-forms.xlsx"
XLS_FORMS = ROOT / "tests" / "files" / "xls" / "shuangyang-2022-forms.xls"


@pytest.fixture
def national(tmp_path: Path) -> Path:
    path = tmp_path / "四川 自评表.xlsx"
    files.national(path)
    return path


def test_fill_writes_beside_the_input_and_says_what_it_did(national: Path, capsys) -> None:
    before = national.read_bytes()
    assert main(["fill", str(national)]) == 0
    out = capsys.readouterr().out
    target = national.with_name("四川 自评表_已评分.xlsx")
    assert target.exists() and national.read_bytes() == before
    assert (
        "已在原表中填写5个数字（其中5个与原来填写的不同，已改为计算结果并在批注中注明原值）" in out
    )
    assert out.rstrip().endswith(f"已生成：{target}")
    assert openpyxl.load_workbook(target)["学生资助"]["F19"].value == 100


def test_fill_json_report_lists_the_cells(national: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "结果"
    assert main(["fill", str(national), "-o", str(target), "--json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    part = report["fill"]
    assert report["output"] == str(target.with_name("结果.xlsx"))
    assert {"where": "学生资助!H18", "value": 10.0, "old": 9} in part["cells"]
    assert part["replaced"] == 5 and part["marked"] is True and part["lost"] == []
    assert "已生成：" in captured.err


def test_clean_copy_has_no_notes(national: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "上交.xlsx"
    assert main(["fill", str(national), "-o", str(target), "--clean"]) == 0
    assert "上交用：未加颜色标记和批注" in capsys.readouterr().out
    ws = openpyxl.load_workbook(target)["基础教育"]
    assert ws["H15"].value == 14.21 and ws["H15"].comment is None
    assert ws["H15"].fill.patternType is None  # no flag: the unmet score stays unfilled


@pytest.mark.parametrize(
    ("source", "said"),
    [
        (
            XLS_FORMS,
            "是旧版Excel工作簿（.xls），无法在原表上填写。请在Excel或WPS中打开后另存为.xlsx",
        ),
        (EXAMPLE, "是数据模板，没有可填写的原表；请用“一键生成”（selfeval generate）"),
        (SEED_FORMS, "中的自评表没有“得分”栏，无处填写得分"),
    ],
    ids=["xls", "template", "no-score-column"],
)
def test_what_cannot_be_filled_is_said_and_nothing_written(
    source: Path, said: str, tmp_path: Path, capsys
) -> None:
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    assert main(["fill", str(copy)]) == 2
    captured = capsys.readouterr()
    assert said in captured.err and "国家通用格式" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_losses_refused_then_allowed(tmp_path: Path, capsys) -> None:
    image = png(tmp_path / "章.png")
    src = form(tmp_path / "盖章.xlsx", lambda wb, ws: ws.insert_image("J2", str(image)))
    assert main(["fill", str(src)]) == 2
    err = capsys.readouterr().err
    assert "中有填写后无法保留的内容：图片。如仍要填写，请加 --allow-loss" in err
    assert not src.with_name("盖章_已评分.xlsx").exists()
    assert main(["fill", str(src), "--allow-loss"]) == 1  # the form has no funds block: an error
    assert "新文件中没有保留：图片" in capsys.readouterr().out
    assert src.with_name("盖章_已评分.xlsx").exists()


def test_never_the_input_itself(national: Path, capsys) -> None:
    before = national.read_bytes()
    assert main(["fill", str(national), "-o", str(national)]) == 2
    assert "输出文件不能与输入文件相同" in capsys.readouterr().err
    assert national.read_bytes() == before


def _modules_after(args: list[str]) -> str:
    code = (
        "import sys\n"
        "from app.cli import main\n"
        f"status = main({args!r})\n"
        "print('OPENPYXL', 'openpyxl' in sys.modules, status)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    return out.stdout.strip().splitlines()[-1]


def test_openpyxl_is_loaded_by_fill_alone(national: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "x.xlsx")
    assert _modules_after(["check", str(EXAMPLE)]) == "OPENPYXL False 0"
    assert _modules_after(["generate", str(EXAMPLE), "-o", out]) == "OPENPYXL False 0"
    assert _modules_after(["fill", str(national), "-o", out]) == "OPENPYXL True 0"


def test_an_earlier_filled_copy_is_kept_as_a_backup(national: Path, capsys) -> None:
    target = national.with_name("四川 自评表_已评分.xlsx")
    target.write_bytes(b"a person's edited copy")
    assert main(["fill", str(national)]) == 0
    out = capsys.readouterr().out
    backups = list(national.parent.glob("四川 自评表_已评分_备份*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == b"a person's edited copy"
    assert out.rstrip().endswith(f"原文件已备份为：{backups[0]}")
    assert openpyxl.load_workbook(target)["学生资助"]["F19"].value == 100
