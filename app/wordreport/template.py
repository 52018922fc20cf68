"""Opening a 自评报告 template and checking it before any work is done.

The default is templates/report-template.docx (built in memory when this installation has no
copy). An office's own template must be a Word document whose fields all exist
(`fields.py`): an unknown one, or a tag Word's editing broke, is an InputError naming it in
Chinese, so nothing is written from a template that would come out wrong. The check reads the
template's text exactly as docxtpl will render it; a field reached only at render time (a
name valid elsewhere, used on the wrong record) is caught then by `StrictField`.
"""

from __future__ import annotations

import difflib
import html
import re
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing

from app.errors import InputError
from app.resources import report_template_path
from app.wordreport.fields import ALL_FIELDS, TOP_LEVEL

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

FIELDS_DOC = "docs/report-template.md"
LOOP_ATTRIBUTES = frozenset(
    {"index", "index0", "revindex", "revindex0", "first", "last", "length", "cycle", "depth"}
    | {"depth0", "previtem", "nextitem", "changed"}
)
"""What a template may ask of `loop` inside a {% for %}."""
_CHINESE_DIGITS = "零一二三四五六七八九"


class UnknownField(UndefinedError):
    """A template asked, while rendering, for a field the record at hand does not have."""

    def __init__(self, name: str, record: str) -> None:
        super().__init__(name)
        self.name = name
        self.record = record


class StrictField(StrictUndefined):
    """An undefined value that stops the rendering with an UnknownField naming the field and
    the record (Indicator, Project …) it was asked of."""

    __slots__ = ()

    def __init__(self, hint=None, obj=missing, name=None, exc=UndefinedError) -> None:
        record = "" if obj is missing else type(obj).__name__
        # jinja2 calls `exc` with the message alone: a function in place of the class.
        fail = lambda _message: UnknownField(str(name), record)  # noqa: E731
        super().__init__(hint, obj, name, fail)  # type: ignore[arg-type]


def chinese_number(n: int) -> str:
    """Return 1–99 in Chinese numerals (the `cn` filter): 2 → 二, 10 → 十, 12 → 十二, 21 → 二十一."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CHINESE_DIGITS[tens] + "十")
    return head + (_CHINESE_DIGITS[ones] if ones else "")


def environment() -> SandboxedEnvironment:
    """Return the Jinja environment reports render in: sandboxed (a template may come from
    anywhere), user text escaped for XML, unknown fields fatal, the `cn` filter."""
    env = SandboxedEnvironment(autoescape=True, undefined=StrictField)
    env.filters["cn"] = chinese_number
    return env


def template_name(path: str | Path | None) -> str:
    """Return how messages name a template: 报告模板“X.docx”, or 默认报告模板."""
    return "默认报告模板" if path is None else f"报告模板“{Path(path).name}”"


def open_template(path: str | Path | None) -> DocxTemplate:
    """Return the template at `path` (None: the default), opened and checked. Raises
    InputError when it cannot be opened or names a field that does not exist."""
    from docxtpl import DocxTemplate

    name = template_name(path)
    if path is None:
        source: Path | BytesIO = report_template_path() or _built_default()
    else:
        source = Path(path)
        if not source.is_file():
            raise InputError(f"找不到报告模板：{source}")
    template = DocxTemplate(source)
    try:
        template.init_docx()
    except Exception:  # noqa: BLE001 - any way a file is not a .docx ends in one message
        raise InputError(
            f"无法打开{name}：不是有效的 Word 文档（.docx）。如果是 .doc 或 WPS 格式，"
            "请在 Word 或 WPS 中另存为 .docx 后再试"
        ) from None
    check_template(template, name)
    return template


def _built_default() -> BytesIO:
    """The default template, built now (an installation without templates/ beside it)."""
    from app.wordreport.default_template import write_default_template

    stream = BytesIO()
    write_default_template(stream)
    stream.seek(0)
    return stream


def template_sources(template: DocxTemplate) -> list[str]:
    """Return the Jinja text docxtpl renders: the body, then each header and footer, one
    paragraph per line (as `render_xml_part` lays it out, so line numbers find paragraphs)."""
    texts = [template.patch_xml(template.get_xml())]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _, part in template.get_headers_footers(uri):
            texts.append(template.patch_xml(template.get_part_xml(part)))
    return [re.sub(r"<w:p([ >])", r"\n<w:p\1", text) for text in texts]


def paragraph_at(source: str, lineno: int | None, near: str = "") -> str:
    """Return the text of the paragraph on line `lineno` of a template source, shortened to
    some 60 characters around the first `near` in it."""
    if not lineno:
        return ""
    lines = source.split("\n")
    if not 0 < lineno <= len(lines):
        return ""
    text = html.unescape(re.sub(r"<[^>]+>", "", lines[lineno - 1])).strip()
    if len(text) <= 60:
        return text
    start = max(text.find(near) - 25, 0) if near else 0
    end = start + 60
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _dotted(node: nodes.Node) -> str:
    """Return a field access as written: p.funds.budget."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}.{node.arg.value}"
    return "…"


def _known_attribute(name: str) -> bool:
    return (
        name in ALL_FIELDS
        or name in LOOP_ATTRIBUTES
        or (not name.startswith("_") and (hasattr(str, name) or hasattr(list, name)))
    )


def unknown_fields(ast: nodes.Template, env: SandboxedEnvironment) -> list[tuple[str, int]]:
    """Return (field as written, line) for each field of `ast` that no record has."""
    out = []
    undeclared = meta.find_undeclared_variables(ast) - TOP_LEVEL - set(env.globals)
    for node in ast.find_all(nodes.Name):
        if node.ctx == "load" and node.name in undeclared:
            out.append((node.name, node.lineno))
            undeclared.discard(node.name)
    for access in ast.find_all((nodes.Getattr, nodes.Getitem)):
        if isinstance(access, nodes.Getattr):
            attr = access.attr
        elif (
            isinstance(access, nodes.Getitem)
            and isinstance(access.arg, nodes.Const)
            and isinstance(access.arg.value, str)
        ):
            attr = access.arg.value
        else:
            continue
        if not _known_attribute(attr):
            out.append((_dotted(access), access.lineno))
    return sorted(out, key=lambda item: item[1])


def unknown_field_message(
    name: str, place: str, template_name: str, known: frozenset[str] = ALL_FIELDS | TOP_LEVEL
) -> str:
    """Return the one-line Chinese message for a field that is not one of `known`; `place`
    says where ("（在“…”中）") or why, and may be empty."""
    last = name.rsplit(".", 1)[-1]
    close = [c for c in difflib.get_close_matches(last, known, n=2) if c != last]
    hint = f"是否应为“{close[0]}”？" if close else ""
    return (
        f"{template_name}中有无法识别的字段“{name}”{place}。{hint}"
        f"可用的字段见 {FIELDS_DOC}，请改正后再试"
    )


def check_template(template: DocxTemplate, name: str = "报告模板") -> None:
    """Raise InputError when `template` has a broken tag or a field that does not exist."""
    env = environment()
    for source in template_sources(template):
        try:
            ast = env.parse(source)
        except TemplateSyntaxError as exc:
            where = paragraph_at(source, exc.lineno)
            raise InputError(
                f"{name}中的标记有误（{exc.message}）"
                + (f"，在“{where}”中" if where else "")
                + "。请检查 {{ }} 与 {% %} 是否成对、完整"
            ) from None
        for node in ast.find_all((nodes.Filter, nodes.Test)):
            known = env.filters if isinstance(node, nodes.Filter) else env.tests
            if node.name not in known:
                where = paragraph_at(source, node.lineno, node.name)
                raise InputError(
                    f"{name}中有无法识别的过滤器或判断“{node.name}”"
                    + (f"（在“{where}”中）" if where else "")
                    + f"。可用的写法见 {FIELDS_DOC}，请改正后再试"
                )
        found = unknown_fields(ast, env)
        if found:
            field, line = found[0]
            where = paragraph_at(source, line, field.rsplit(".", 1)[-1])
            place = f"（在“{where}”中）" if where else ""
            raise InputError(unknown_field_message(field, place, name))
