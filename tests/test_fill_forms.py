"""Every form workbook we have, filled: the test builders' regional layouts, the corpus under
tests/files/forms/ and the seed's own forms. A workbook that can be filled changes in exactly
the planned cells and checks the same afterwards; one that cannot is refused in one Chinese
sentence, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import build_form_files as files
import pytest
from fill_check import assert_only_planned, assert_same_figures

from app.errors import InputError
from app.fill.run import CannotFill, fill

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "files" / "forms").glob("*.xlsx"))
SEED_FORMS = ROOT / "examples" / "shuangyang-2022-forms.xlsx"
NOT_FORMS = {"template_like", "unrelated"}
"""Builder workbooks that hold no form: refused (the template), or unreadable as forms."""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    return files.build_all(tmp_path_factory.mktemp("forms"))


def _fill_and_check(source: Path, out: Path, flags: bool = True) -> None:
    try:
        result = fill(source, out, flags=flags)
    except CannotFill as exc:
        assert "国家通用格式" in exc.message and not out.exists()
        return
    except InputError as exc:
        # Not a self-evaluation workbook at all: said, nothing written.
        assert "自评表" in exc.message and not out.exists()
        return
    assert result.output == out and out.exists()
    if flags:  # at least the basis of each figure is noted (a clean copy may need no change)
        assert result.plan.edits, "a fillable workbook got no change"
    assert_only_planned(source, out, result.plan)
    assert_same_figures(source, out)
    if not flags:
        assert all(e.fill is None and not e.frame and not e.note for e in result.plan.edits)


@pytest.mark.parametrize("name", [n for n in files.BUILDERS if n not in NOT_FORMS])
def test_builder_forms_fill_exactly_as_planned(name: str, built, tmp_path: Path) -> None:
    _fill_and_check(built[name], tmp_path / f"{name}_已评分.xlsx")


@pytest.mark.parametrize("name", ["national", "sichuan", "beijing"])
def test_builder_forms_fill_clean_copies(name: str, built, tmp_path: Path) -> None:
    _fill_and_check(built[name], tmp_path / f"{name}_上交.xlsx", flags=False)


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_corpus_forms_fill_exactly_as_planned(path: Path, tmp_path: Path) -> None:
    _fill_and_check(path, tmp_path / f"{path.stem}_已评分.xlsx")


def test_the_seed_forms_have_no_score_column_and_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    with pytest.raises(CannotFill) as err:
        fill(SEED_FORMS, out)
    assert "没有“得分”栏" in err.value.message and "国家通用格式" in err.value.message
    assert not out.exists()


def test_our_own_national_workbook_needs_no_figure_changed(tmp_path: Path) -> None:
    """What `generate` writes, filled: every figure (formulas with their results) is already
    right, so only notes are added; its notes' own look is what openpyxl resets."""
    from conftest import EXAMPLE

    from app.pipeline import run

    generated = run(EXAMPLE, tmp_path / "national.xlsx").output
    assert generated is not None
    out = tmp_path / "filled.xlsx"
    result = fill(generated, out, allow_loss=True)
    assert result.plan.written == []
    assert [loss.what[:5] for loss in result.losses] == ["批注的格式"]
    assert_only_planned(generated, out, result.plan)
    assert_same_figures(generated, out)


OLD_FORMAT = sorted((ROOT / "tests" / "files" / "forms").glob("*.xls"))


@pytest.mark.parametrize("path", OLD_FORMAT, ids=[p.name for p in OLD_FORMAT])
def test_corpus_xls_copies_are_answered_with_save_as_xlsx(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    with pytest.raises(CannotFill) as err:
        fill(path, out)
    assert "另存为.xlsx" in err.value.message and "国家通用格式" in err.value.message
    assert not out.exists()
