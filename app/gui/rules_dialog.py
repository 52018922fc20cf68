"""The 评分规则 dialog: the thresholds, weights and grade bands of the rules, with TOML
import and export and 恢复默认.

Fields the dialog does not show (rate bands, deductions …) are kept from the rules it was
opened with, or from an imported file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError
from app.gui import dialogs
from app.rules import (
    LEVEL1_BENEFIT,
    LEVEL1_OUTPUT,
    LEVEL1_SATISFACTION,
    NATIONAL,
    Rules,
    load_rules,
    rules_from_dict,
    rules_to_toml,
)

LEVEL1 = (LEVEL1_OUTPUT, LEVEL1_BENEFIT, LEVEL1_SATISFACTION)
BANDS = ("达成", "部分达成", "未达成")
REVERSE = {"ratio": "比例法：分值 × A/B", "linear": "线性法：分值 × (1 − (B − A)/A)"}


def _spin(low: float, high: float, decimals: int, suffix: str, step: float = 1.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setSuffix(suffix)
    return box


class RulesDialog(QDialog):
    """Edit the main fields of a Rules; `rules()` returns the edited rules."""

    def __init__(self, rules: Rules, folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("评分规则")
        self._base = rules
        self._folder = folder

        self.rate_warn = _spin(0, 100, 2, " %")
        self.adjust_warn = _spin(0, 1000, 2, " %")
        self.exceed_ratio = _spin(1, 10, 2, " 倍", 0.05)
        self.reverse = QComboBox()
        for key, text in REVERSE.items():
            self.reverse.addItem(text, key)
        checks = QFormLayout()
        checks.addRow("执行率低于（提示偏低）", self.rate_warn)
        checks.addRow("预算调整超过年初预算的", self.adjust_warn)
        checks.addRow("实际值达到目标的（视为超额）", self.exceed_ratio)
        checks.addRow("“≤”类指标未达成时", self.reverse)

        self.rate_weight = _spin(0, 100, 2, " 分")
        self.level1 = {name: _spin(0, 100, 2, " 分") for name in LEVEL1}
        self.weight_sum = QLabel()
        weights = QFormLayout()
        weights.addRow("预算执行率", self.rate_weight)
        for name, box in self.level1.items():
            weights.addRow(name, box)
        weights.addRow("合计", self.weight_sum)
        for box in (self.rate_weight, *self.level1.values()):
            box.valueChanged.connect(self._show_sum)

        self.bands = {name: _spin(0, 100, 1, " %") for name in BANDS}
        qualitative = QFormLayout()
        for name, box in self.bands.items():
            qualitative.addRow(name, box)

        self.grades = QTableWidget(0, 2)
        self.grades.setHorizontalHeaderLabels(["最低分", "等级"])
        self.grades.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grades.verticalHeader().setVisible(False)
        self.grades.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        add, remove = QPushButton("添加一档"), QPushButton("删除所选")
        add.clicked.connect(lambda: self._add_grade(0.0, ""))
        remove.clicked.connect(self._remove_grade)
        grade_buttons = QHBoxLayout()
        grade_buttons.addWidget(add)
        grade_buttons.addWidget(remove)
        grade_buttons.addStretch()
        grades = QVBoxLayout()
        grades.addWidget(self.grades)
        grades.addLayout(grade_buttons)

        left = QVBoxLayout()
        left.addWidget(_group("判断阈值", checks))
        left.addWidget(_group("默认分值（输入未给分值时）", weights))
        right = QVBoxLayout()
        right.addWidget(_group("定性指标得分比例", qualitative))
        right.addWidget(_group("等级（总分不低于最低分）", grades), 1)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addLayout(right)

        buttons = QDialogButtonBox()
        buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button = buttons.addButton("导入…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = buttons.addButton("导出…", QDialogButtonBox.ButtonRole.ActionRole)
        self.reset_button = buttons.addButton("恢复默认", QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.import_toml)
        self.export_button.clicked.connect(self.export_toml)
        self.reset_button.clicked.connect(lambda: self.show_rules(NATIONAL))

        layout = QVBoxLayout(self)
        note = QLabel("默认值为全国通用规则（财预〔2020〕10号）。修改后将按新规则重新评分。")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(columns)
        layout.addWidget(buttons)
        self.show_rules(rules)

    def show_rules(self, rules: Rules) -> None:
        """Put the fields of `rules` into the dialog (and keep its other fields)."""
        self._base = rules
        self.rate_warn.setValue(rules.rate_warn * 100)
        self.adjust_warn.setValue(rules.adjust_warn * 100)
        self.exceed_ratio.setValue(rules.exceed_ratio)
        self.reverse.setCurrentIndex(max(self.reverse.findData(rules.reverse_formula), 0))
        self.rate_weight.setValue(rules.rate_weight)
        for name, box in self.level1.items():
            box.setValue(rules.level1_weights.get(name, 0.0))
        for box, share in zip(self.bands.values(), rules.qualitative_scores, strict=True):
            box.setValue(share * 100)
        self.grades.setRowCount(0)
        for lowest, grade in rules.grades:
            self._add_grade(lowest, grade)
        self._show_sum()

    def rules(self) -> Rules:
        """Return the rules as edited; raise InputError (Chinese) for an unusable grade table."""
        level1 = dict(self._base.level1_weights)
        level1.update({name: box.value() for name, box in self.level1.items()})
        return rules_from_dict(
            {
                "rate_warn": self.rate_warn.value() / 100,
                "adjust_warn": self.adjust_warn.value() / 100,
                "exceed_ratio": self.exceed_ratio.value(),
                "reverse_formula": self.reverse.currentData(),
                "rate_weight": self.rate_weight.value(),
                "level1_weights": level1,
                "qualitative_scores": [box.value() / 100 for box in self.bands.values()],
                "grades": self._grades(),
            },
            base=self._base,
        )

    def _grades(self) -> list[list[object]]:
        grades = []
        for row in range(self.grades.rowCount()):
            low, name = (self.grades.item(row, c) for c in (0, 1))
            low_text = low.text().strip() if low else ""
            name_text = name.text().strip() if name else ""
            if not low_text and not name_text:
                continue
            try:
                value = float(low_text)
            except ValueError:
                raise InputError(f"等级第 {row + 1} 行的最低分“{low_text}”不是数字") from None
            if not name_text:
                raise InputError(f"等级第 {row + 1} 行没有填写等级名称")
            grades.append([value, name_text])
        if not grades:
            raise InputError("至少需要一个等级")
        return grades

    def _add_grade(self, lowest: float, grade: str) -> None:
        row = self.grades.rowCount()
        self.grades.insertRow(row)
        self.grades.setItem(row, 0, QTableWidgetItem(f"{lowest:g}"))
        self.grades.setItem(row, 1, QTableWidgetItem(grade))

    def _remove_grade(self) -> None:
        for row in sorted({i.row() for i in self.grades.selectedIndexes()}, reverse=True):
            self.grades.removeRow(row)

    def _show_sum(self) -> None:
        total = self.rate_weight.value() + sum(box.value() for box in self.level1.values())
        text = f"{total:g} 分"
        if abs(total - self._base.total) > self._base.weight_tolerance:
            text += f"（应为 {self._base.total:g} 分）"
            self.weight_sum.setStyleSheet("color: #b00020;")
        else:
            self.weight_sum.setStyleSheet("")
        self.weight_sum.setText(text)

    def accept(self) -> None:
        """Close only when the edited rules are usable; otherwise say what is wrong."""
        try:
            self.rules()
        except InputError as exc:
            dialogs.show_error(self, "评分规则有误", exc.message)
            return
        super().accept()

    def import_toml(self) -> None:
        """Load the fields from a TOML rules file the user picks."""
        path = dialogs.ask_open_path(self, "导入评分规则", self._folder, dialogs.TOML_FILTER)
        if not path:
            return
        try:
            self.show_rules(load_rules(path))
        except InputError as exc:
            dialogs.show_error(self, "无法导入评分规则", exc.message)

    def export_toml(self) -> None:
        """Save the edited rules as a TOML file the user names."""
        try:
            text = rules_to_toml(self.rules())
        except InputError as exc:
            dialogs.show_error(self, "评分规则有误", exc.message)
            return
        default = str(Path(self._folder or Path.home()) / "评分规则.toml")
        path = dialogs.ask_save_path(self, "导出评分规则", default, dialogs.TOML_FILTER)
        if not path:
            return
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            dialogs.show_error(self, "无法导出评分规则", f"无法写入“{path}”：{exc.strerror}")


def _group(title: str, layout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box
