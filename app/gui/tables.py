"""Qt table models for the project table and the findings panel, and the findings filter."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.gui.view import FindingRow, ProjectRow

SORT_ROLE = Qt.ItemDataRole.UserRole
"""The role holding each cell's sort key (numbers as numbers, "—" below every number)."""
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The role holding the whole row object."""

# Light fills with black text, so rows stay readable under a dark system theme too.
FILLS = {
    "error": QColor("#f8d7da"),
    "provisional": QColor("#fff3cd"),
    "warning": QColor("#fff3cd"),
}
INK = QColor("#000000")
INFO_INK = QColor("#1f5fa8")

_Index = QModelIndex | QPersistentModelIndex


class _RowsModel(QAbstractTableModel):
    """A read-only table over a list of view rows (with `texts` and `keys`)."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        """Return the view row at a source row number."""
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[index.column()]
        if role == SORT_ROLE:
            return row.keys[index.column()]
        if role == ROW_ROLE:
            return row
        return self.style(row, index.column(), role)

    def style(self, row, column: int, role: int):
        """Return colours, alignment and tooltips; None for the default."""
        return None


class ProjectModel(_RowsModel):
    """The project table: 项目, 执行率, 得分, 等级, 问题数, coloured by status."""

    headers = ("项目", "执行率", "得分", "等级", "问题数")

    def style(self, row: ProjectRow, column: int, role: int):
        fill = FILLS.get(row.status)
        if role == Qt.ItemDataRole.BackgroundRole and fill is not None:
            return QBrush(fill)
        if role == Qt.ItemDataRole.ForegroundRole and fill is not None:
            return QBrush(INK)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FindingModel(_RowsModel):
    """The findings panel: 严重程度, 项目, 位置, 说明."""

    headers = ("严重程度", "项目", "位置", "说明")

    def style(self, row: FindingRow, column: int, role: int):
        fill = FILLS.get(row.severity) if column == 0 else None
        if role == Qt.ItemDataRole.BackgroundRole and fill is not None:
            return QBrush(fill)
        if role == Qt.ItemDataRole.ForegroundRole:
            if fill is not None:
                return QBrush(INK)
            if row.severity == "info" and column == 0:
                return QBrush(INFO_INK)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return row.message
        return None


ALL = object()
"""Filter value meaning "do not filter on this"."""


class FindingFilter(QSortFilterProxyModel):
    """Sorts findings and keeps those of one severity and/or one project.

    The project filter is a project name, None for findings of no project (部门及工作簿),
    or ALL.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._severity: object = ALL
        self._project: object = ALL

    def set_filter(self, severity: object, project: object) -> None:
        """Keep only findings of `severity` ("error", "warning", "info") and of `project`
        (a name, or None for 部门及工作簿); ALL for either keeps every one."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self._severity, self._project = severity, project
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._severity, self._project = severity, project
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        row: FindingRow = cast(FindingModel, self.sourceModel()).row_at(source_row)
        if self._severity is not ALL and row.severity != self._severity:
            return False
        return self._project is ALL or row.owner == self._project


def sort_proxy(parent=None) -> QSortFilterProxyModel:
    """Return a proxy that sorts by the models' sort keys."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSortRole(SORT_ROLE)
    return proxy
