"""The wheel's one build step: copy the example workbooks, the blank template and the default
rules into the package (`app/data/`), so that an installed selfeval has them too.

They live in one place, `examples/` and `templates/`, where the README, build.spec and a
checkout find them; `app.resources` looks in `app/data/` when they are not there. Everything
else about the package is in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PACKAGE_DATA = "app/data"


def data_files() -> list[Path]:
    """Return the files the wheel carries as package data: every example workbook, the blank
    template and the default rules."""
    return [
        *sorted((ROOT / "examples").glob("*.xlsx")),
        ROOT / "templates" / "selfeval-template.xlsx",
        ROOT / "templates" / "rules-national.toml",
        ROOT / "templates" / "report-template.docx",
    ]


class BuildWithData(build_py):
    """build_py that also copies `data_files()` into the built package's data folder."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install runs from the checkout, where resources finds them
        target = Path(self.build_lib) / PACKAGE_DATA
        self.mkpath(str(target))
        for source in data_files():
            self.copy_file(str(source), str(target / source.name))


setup(cmdclass={"build_py": BuildWithData})
