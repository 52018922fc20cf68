"""The tables of the year's start: 绩效目标申报表 and 绩效目标执行监控表 (docs/declarations.md).

- `model`: what they declare (`DeclaredProject`, `DeclaredIndicator`, `Monitored`);
- `reader`: the 申报表s and 执行监控表s of a workbook (`read_declarations`);
- `indicators`, `funds`: their indicator tables (the 年度 targets) and funds;
- `files`: files and folders into one `Declared`, self-evaluations included for pre-filling.
"""

from app.readers.declared.model import Declared, DeclaredIndicator, DeclaredProject, Monitored
from app.readers.declared.reader import read_declarations

__all__ = ["Declared", "DeclaredIndicator", "DeclaredProject", "Monitored", "read_declarations"]
