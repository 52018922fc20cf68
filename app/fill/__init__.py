"""`selfeval fill`: the computed figures written back into a copy of the office's own workbook,
its layout, formatting and everything else left as they were.

- `plan`: which cells change and how (pure, from the evaluation);
- `losses`: what the office's workbook holds that openpyxl cannot keep, found before filling;
- `apply`: the changes made with openpyxl, and the formulas' last results kept;
- `run`: the whole command (read, evaluate, plan, apply, save atomically).

openpyxl is imported only here, and only when a workbook is filled: `--version`, `check` and
`generate` never load it.
"""
