"""The two faces of the window's centre: the welcome page and the results (summary line,
project table, findings panel)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.evaluate.results import Evaluation
from app.gui import view
from app.gui.tables import ALL, ROW_ROLE, FindingFilter, FindingModel, ProjectModel, sort_proxy

RESIZE_ROWS = 100


def _table(model, stretch: int) -> QTableView:
    """Return a read-only, sortable, row-selecting view of `model` whose column `stretch`
    takes the room left by the others."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(False)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    # Size columns by the first rows only: measuring thousands of rows freezes the window.
    header.setResizeContentsPrecision(RESIZE_ROWS)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class GenerateButton(QPushButton):
    """The large 一键生成 button, sized by its font so it scales with the screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("一键生成", parent)
        self.setToolTip("评分并生成可打印的自评表工作簿（Ctrl+G）")
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.setFont(font)
        line = self.fontMetrics().height()
        self.setMinimumHeight(line * 2)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("一键生成") + line * 3)
        self.setDefault(True)


class WelcomePanel(QWidget):
    """Shown until a workbook is loaded: what to do, in two sentences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("打开一个工作簿开始自评")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(
            "点击“打开”选择数据模板或已填写的自评表（.xlsx / .xls），或把文件拖到窗口中。\n"
            "一次选择多个文件，或点“打开文件夹”，可并列查看各部门的得分和排名。\n"
            "没有数据？先点“下载空白模板”填写，或点“打开示例”看看效果。\n"
            "已有申报表？点“从申报表开始”，生成预填好指标和年度指标值的数据模板。"
        )
        hint.setWordWrap(True)
        for label in (title, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(title.fontMetrics().height() // 2)
        layout.addWidget(hint)
        layout.addStretch(3)


class SummaryBar(QWidget):
    """The summary line: one small caption over one bold value per item."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._items: list[tuple[str, str]] = []

    def set_items(self, items: list[tuple[str, str]]) -> None:
        """Show (caption, value) pairs from left to right."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            child = item.widget() if item is not None else None
            if child is not None:
                child.deleteLater()
        self._items = list(items)
        gap = self.fontMetrics().horizontalAdvance("一") * 2
        for caption, value in items:
            label = QLabel(
                f'<span style="color:#666666;">{escape(caption)}</span><br><b>{escape(value)}</b>'
            )
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._layout.addWidget(label)
            self._layout.addSpacing(gap)
        self._layout.addStretch()

    def text(self) -> str:
        """Return the line as plain text ("部门：…　年度：…")."""
        return "　".join(f"{k}：{v}" for k, v in self._items)


class ResultsPanel(QWidget):
    """The summary line, the project table and the findings panel of one evaluation.

    Selecting a project filters the findings to it; double-clicking a finding selects its
    project (`project_shown` is emitted with its name).
    """

    project_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = SummaryBar()

        self.projects = ProjectModel(self)
        self.project_proxy = sort_proxy(self)
        self.project_proxy.setSourceModel(self.projects)
        self.project_view = _table(self.project_proxy, stretch=0)
        self.project_view.selectionModel().selectionChanged.connect(self._project_selected)

        self.findings = FindingModel(self)
        self.finding_proxy = FindingFilter(self)
        self.finding_proxy.setSourceModel(self.findings)
        self.finding_view = _table(self.finding_proxy, stretch=3)
        self.finding_view.doubleClicked.connect(self._finding_activated)

        self.severity = QComboBox()
        for text, value in (
            ("全部", ALL),
            ("错误", "error"),
            ("警告", "warning"),
            ("提示", "info"),
        ):
            self.severity.addItem(text, value)
        self.severity.currentIndexChanged.connect(self._filter_changed)
        self.project_filter = QComboBox()
        self.project_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.project_filter.currentIndexChanged.connect(self._filter_changed)
        self.shown = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(QLabel("严重程度"))
        filters.addWidget(self.severity)
        filters.addSpacing(self.fontMetrics().horizontalAdvance("　　"))
        filters.addWidget(QLabel("项目"))
        filters.addWidget(self.project_filter)
        filters.addStretch()
        filters.addWidget(self.shown)

        findings_box = QGroupBox("问题清单（双击一条查看所属项目）")
        inner = QVBoxLayout(findings_box)
        inner.addLayout(filters)
        inner.addWidget(self.finding_view)
        projects_box = QGroupBox("项目（黄色：需人工确认；红色：有错误）")
        QVBoxLayout(projects_box).addWidget(self.project_view)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(projects_box)
        splitter.addWidget(findings_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(splitter, 1)

    def show_evaluation(self, ev: Evaluation) -> None:
        """Fill the summary, the project table and the findings from an evaluation."""
        self.summary.set_items([*view.summary(ev), ("问题数", view.problems_text(ev))])

        self.project_view.clearSelection()
        for table, model, rows in (
            (self.project_view, self.projects, view.project_rows(ev)),
            (self.finding_view, self.findings, view.finding_rows(ev)),
        ):
            # Back to input order while the model is empty, where unsorting costs nothing.
            model.set_rows([])
            table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
            model.set_rows(rows)

        self.project_filter.blockSignals(True)
        self.project_filter.clear()
        self.project_filter.addItem("全部项目", ALL)
        if ev.workbook_findings():
            self.project_filter.addItem(view.WORKBOOK, None)
        for p in ev.projects:
            self.project_filter.addItem(p.project.name, p.project.name)
        self.project_filter.blockSignals(False)
        self._filter_changed()

    def select_project(self, name: str) -> bool:
        """Select and show a project's row; return False when no row has that name."""
        for row in range(self.project_proxy.rowCount()):
            index = self.project_proxy.index(row, 0)
            if index.data(ROW_ROLE).name == name:
                self.project_view.selectRow(row)
                self.project_view.scrollTo(index)
                return True
        return False

    def _project_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        name = indexes[0].data(ROW_ROLE).name
        found = self.project_filter.findData(name)
        if found >= 0:
            self.project_filter.setCurrentIndex(found)

    def _finding_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None and row.owner and self.select_project(row.owner):
            self.project_view.setFocus()
            self.project_shown.emit(row.owner)

    def _filter_changed(self) -> None:
        self.finding_proxy.set_filter(
            self.severity.currentData(), self.project_filter.currentData()
        )
        shown, total = self.finding_proxy.rowCount(), self.findings.rowCount()
        self.shown.setText(f"显示 {shown} / {total} 条" if total else "没有发现问题")
