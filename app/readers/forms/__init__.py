"""The official-forms reader: 项目支出绩效自评表 and 部门整体支出绩效自评表 as offices have them.

`looks_like_forms(book)` tells the dispatcher whether a workbook holds such forms;
`read_forms(book)` reads them into a `Dataset`. How forms are read is the contract of
docs/forms.md. The parts:

- `labels`: every label variant and its role, the kinds of table a title names, and the
  one-pass index of a sheet's labels and merged ranges;
- `layout`: where the forms stand on a sheet, and their header fields;
- `table`: a table's header (one or two rows) and its columns by role;
- `funds`, `indicators`, `parts`: the funds block, the indicator table, the goals, tasks and
  stated total;
- `cells`: a cell's text, number, percentage and `Where`;
- `reader`: the forms of a workbook into a Dataset.
"""

from app.readers.forms.reader import looks_like_forms, read_forms, target_tables

__all__ = ["looks_like_forms", "read_forms", "target_tables"]
