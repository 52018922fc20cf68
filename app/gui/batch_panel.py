"""The 部门汇总 page: the summary line, one sortable row per department, and the files that
could not be read (in red)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.gui.batch import SUMMARY_NAME
from app.gui.batch_view import (
    DepartmentLine,
    FailedLine,
    department_heads,
    department_lines,
    failed_lines,
    summary,
)
from app.gui.panels import SummaryBar, _table
from app.gui.tables import FILLS, INK, ROW_ROLE, _RowsModel, sort_proxy
from app.rollup import BatchItem

FAILED_INK = QColor("#c00000")


class DepartmentModel(_RowsModel):
    """The department table; its grade columns follow the rules' grades."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.headers = department_heads(())
        self._grades: tuple[str, ...] = ()

    def set_lines(self, lines: Sequence[DepartmentLine], grades: Sequence[str]) -> None:
        """Replace every row, with one column per grade in `grades`."""
        self.beginResetModel()
        self._grades = tuple(grades)
        self.headers = department_heads(self._grades)
        self._rows = list(lines)
        self.endResetModel()

    def style(self, row: DepartmentLine, column: int, role: int):
        average, errors = 6, 7 + len(self._grades)
        fill = None
        if column == average and row.figures.provisional:
            fill = FILLS["provisional"]
        elif column == errors and row.errors:
            fill = FILLS["error"]
        if role == Qt.ItemDataRole.BackgroundRole and fill is not None:
            return QBrush(fill)
        if role == Qt.ItemDataRole.ForegroundRole and fill is not None:
            return QBrush(INK)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and 0 < column < len(self.headers) - 1:
            right = column in (3, 4, 5, 6)
            side = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignHCenter
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None


class FailedModel(_RowsModel):
    """The files that could not be used (in red) or are not counted: 文件, 原因."""

    headers = ("文件", "原因")

    def style(self, row: FailedLine, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and not row.skipped:
            return QBrush(FAILED_INK)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.input}\n{row.message}"
        return None


class BatchPanel(QWidget):
    """The departments of a batch. Double-clicking a department emits `department_opened`
    with the path of its workbook."""

    department_opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = SummaryBar()
        self.with_summary = QCheckBox(f"生成全部时另存部门汇总表（{SUMMARY_NAME}）")
        self.with_summary.setChecked(True)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.with_summary, 0, Qt.AlignmentFlag.AlignBottom)

        self.departments = DepartmentModel(self)
        self.department_proxy = sort_proxy(self)
        self.department_proxy.setSourceModel(self.departments)
        self.department_view = _table(self.department_proxy, stretch=0)
        header = self.department_view.horizontalHeader()
        # Names first: the file column, last, takes what room is left.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.department_view.doubleClicked.connect(self._activated)
        self.failed = FailedModel(self)
        self.failed_view = _table(self.failed, stretch=1)
        self.failed_view.setSortingEnabled(False)

        departments_box = QGroupBox(
            "各部门（金额单位：万元；黄色：含待人工确认的项目，平均得分暂定；红色：有错误。"
            "双击一行查看该部门）"
        )
        QVBoxLayout(departments_box).addWidget(self.department_view)
        self.failed_box = QGroupBox("未能读取的文件")
        QVBoxLayout(self.failed_box).addWidget(self.failed_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(departments_box)
        splitter.addWidget(self.failed_box)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(splitter, 1)

    def show_items(self, items: Sequence[BatchItem], grades: Sequence[str]) -> None:
        """Fill the page from a batch's items; departments ranked best first."""
        lines = department_lines(items, grades)
        self.summary.set_items(summary(lines, items))
        self.departments.set_rows([])
        # Back to rank order while the model is empty, where unsorting costs nothing.
        self.department_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.departments.set_lines(lines, grades)
        failed = failed_lines(items)
        self.failed.set_rows(failed)
        bad = sum(not line.skipped for line in failed)
        passed = len(failed) - bad
        if not passed:
            title = f"未能读取的文件（{bad} 个）"
        elif not bad:
            title = f"未计入的文件（{passed} 个）"
        else:
            title = f"未能读取（{bad} 个，红色）或未计入（{passed} 个）的文件"
        self.failed_box.setTitle(title)
        self.failed_box.setVisible(bool(failed))

    def line_at(self, row: int) -> DepartmentLine:
        """Return the department shown at a row of the (sorted) table."""
        return self.department_proxy.index(row, 0).data(ROW_ROLE)

    def _activated(self, index: QModelIndex) -> None:
        line = index.data(ROW_ROLE)
        if line is not None:
            self.department_opened.emit(line.input)
