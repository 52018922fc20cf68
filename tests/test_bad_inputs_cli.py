"""Every broken or hostile input through the command line: exit 2, one Chinese sentence on
stderr, no traceback, nothing written, the input untouched (issue 7's table)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from make_bad_files import CASES, Case, build

from app.cli import main

FORMATS = {"xlsx", "xls", "ods", "xlsb"}
# Files the guard accepts still hold neither the template nor a form (or are .xlsb).
ACCEPTED_MESSAGE = {"xlsb": "另存为.xlsx"}
NO_CONTENT = ("既没有数据模板的工作表", "是空的工作簿")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_exits_2_with_a_message_and_writes_nothing(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build(case, tmp_path / "in")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    status = main(["generate", str(path), "-o", str(out_dir / "结果.xlsx"), "--json"])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    message = captured.err.strip()
    assert "Traceback" not in message and len(message.splitlines()) == 1
    if case.expect in FORMATS:
        expected = ACCEPTED_MESSAGE.get(case.expect)
        assert expected in message if expected else any(m in message for m in NO_CONTENT), message
    else:
        assert case.expect in message
    assert list(out_dir.iterdir()) == []
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
