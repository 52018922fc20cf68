"""Read a generated 自评报告 back with python-docx, as a person reads it: its parts (one per
Heading 1), each part's paragraphs and tables in order, and the highlighted placeholders."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.table import Table
from docx.text.paragraph import Paragraph


@dataclass
class Part:
    """One part of the report: its title, its blocks in order, and its placeholders."""

    title: str
    paragraphs: list[tuple[str, str]] = field(default_factory=list)
    """(style name, text) of every paragraph."""
    tables: list[list[tuple[str, ...]]] = field(default_factory=list)
    """Every table as rows of cell texts (a merged cell's text repeated in each row)."""
    marks: list[str] = field(default_factory=list)
    """The text of every highlighted run."""

    def headings(self, level: int) -> list[str]:
        return [text for style, text in self.paragraphs if style == f"Heading {level}"]

    def texts(self) -> list[str]:
        return [text for _, text in self.paragraphs]

    def section(self, heading: str) -> list[str]:
        """Return the paragraphs under Heading 2 `heading`, up to the next Heading 2."""
        out: list[str] = []
        inside = False
        for style, text in self.paragraphs:
            if style == "Heading 2":
                inside = text == heading
                continue
            if inside:
                out.append(text)
        return out


def read_report(path: Path) -> list[Part]:
    """Return the parts of the report at `path`, in order."""
    document = docx.Document(str(path))
    parts: list[Part] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            style = paragraph.style.name if paragraph.style is not None else ""
            if style == "Heading 1":
                parts.append(Part(paragraph.text))
                continue
            if not parts:
                parts.append(Part(""))
            parts[-1].paragraphs.append((style, paragraph.text))
            parts[-1].marks += [
                run.text
                for run in paragraph.runs
                if run.font.highlight_color == WD_COLOR_INDEX.YELLOW and run.text
            ]
        elif tag == "tbl":
            table = Table(child, document)
            parts[-1].tables.append([tuple(cell.text for cell in row.cells) for row in table.rows])
    return parts
