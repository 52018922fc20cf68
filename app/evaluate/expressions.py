"""Parse what people write as targets (年度指标值) and actuals (实际完成值).

`parse` turns a cell into an `Expr`: a number with a direction and a unit (`≥95%`, `≤90万元`,
`达到目标值95%以上`), a range (`90%-95%`), a deadline (`2022年12月31日前`, `年内完成`), a date
(`2022.11.30`, `7月`), a "done" word (`按时完成`), a qualitative text, a not-applicable mark
(`—`, `/`, `不适用`) or nothing. It never raises: anything it cannot read is qualitative text,
which the judge sends to a person.
"""

from __future__ import annotations

import calendar
import functools
import re
from typing import Literal, NamedTuple

from app.evaluate.bands import ACHIEVED, band_of
from app.evaluate.units import unit_of
from app.text import cell_text, fold

Kind = Literal[
    "number", "range", "deadline", "date", "done", "qualitative", "not_applicable", "empty"
]


class Expr(NamedTuple):
    """A target or actual as read (a named tuple: immutable, and thousands are built per run).

    `value`/`high` are in the base unit of `dimension` (see `app.evaluate.units`: a percentage
    is a fraction, money is in 万元); with no unit, the number as written. `op` is the
    comparison written ("≥", ">", "≤", "<", "="), None when none was. `date` is (year, month,
    day): year 0 when neither the text nor the evaluation year gives one; day 0 when only a
    month is written. For a deadline, `date` is the last day that still meets it, and day 0
    marks "9月前", where it is unclear whether September itself is in time; a deadline without
    a date ("在项目计划完成时间内完成") has `date` None. `band` is the qualitative band the
    words say (达成 / 部分达成 / 未达成), None when they say none.
    """

    kind: Kind
    text: str
    op: str | None = None
    value: float | None = None
    high: float | None = None
    unit: str | None = None
    dimension: str | None = None
    date: tuple[int, int, int] | None = None
    band: str | None = None


_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]+")
_OPERATOR_SPELLINGS = (
    ("大于或等于", "≥"),
    ("大于等于", "≥"),
    ("小于或等于", "≤"),
    ("小于等于", "≤"),
    (">=", "≥"),
    ("=>", "≥"),
    ("<=", "≤"),
    ("=<", "≤"),
    ("≧", "≥"),
    ("⩾", "≥"),
    ("≮", "≥"),
    ("≦", "≤"),
    ("⩽", "≤"),
    ("≯", "≤"),
    ("═", "="),
    ("==", "="),
    ("等于", "="),
)
_ANY_SPELLING = re.compile("|".join(re.escape(sp) for sp, _ in _OPERATOR_SPELLINGS))
_TRAILING = re.compile(r"[。，,；;！!、.]+$")
_TRAILING_MARKS = frozenset("。，,；;！!、.")  # the class above: a normalised text has no "\n"

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_UNIT = r"[^\d+\-.,≥≤<>=~〜—–―]{1,8}?"
_WORD_OPS = {
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "至少": "≥",
    "最少": "≥",
    "达到": "≥",
    "已达到": "≥",
    "达": "≥",
    "≥": "≥",
    "以上": "≥",
    "及以上": "≥",
    "或以上": "≥",
    "不超过": "≤",
    "不高于": "≤",
    "不大于": "≤",
    "不多于": "≤",
    "至多": "≤",
    "最多": "≤",
    "控制在": "≤",
    "≤": "≤",
    "以下": "≤",
    "及以下": "≤",
    "或以下": "≤",
    "以内": "≤",
    "之内": "≤",
    "内": "≤",
    "高于": ">",
    "大于": ">",
    "超过": ">",
    "多于": ">",
    ">": ">",
    "低于": "<",
    "小于": "<",
    "少于": "<",
    "<": "<",
    "=": "=",
}
_FILLERS = (
    "目标值|预计值|指标值|计划值|预期值|完成值|已完成|完成|实现|确保|保持在|维持在|保持|在|已|均|为"
)
_SUFFIX_OPS = ("及以上", "或以上", "以上", "及以下", "或以下", "以下", "以内", "之内", "内")
_PREFIX_WORDS = "|".join(
    sorted([w for w in _WORD_OPS if w not in _SUFFIX_OPS], key=len, reverse=True)
    + _FILLERS.split("|")
)
_PREFIX_WORD_RE = re.compile(_PREFIX_WORDS)
_PREFIX = rf"(?P<pre>(?:{_PREFIX_WORDS})*)"
_SUFFIX = rf"(?P<suf>{'|'.join(_SUFFIX_OPS)})?"
_NUMBER_RE = re.compile(
    rf"{_PREFIX}(?P<pct>百分之)?(?P<num>[+-]?(?:{_NUM}))(?P<unit>{_UNIT})??{_SUFFIX}"
)
_RANGE_RE = re.compile(
    rf"(?:{_FILLERS}|控制在)*(?P<lo>[+-]?(?:{_NUM}))(?P<u1>{_UNIT})??(?:--|-|~|〜|—|–|―|至|到)"
    rf"(?P<hi>[+-]?(?:{_NUM}))(?P<u2>{_UNIT})??(?:之间|以内|内)?"
)
_UNIT_SHAPE = re.compile(
    r"(?:%|‰|[A-Za-z]{1,5}[23]?|[\u4e00-\u9fff]{1,6})(?:/(?:[A-Za-z]{1,5}|[\u4e00-\u9fff]{1,4}))?"
)
_UNIT_BAD = re.compile(r"[未没否不前后底末约旬]|完成|达|以|及|或|左右|之间|合格|满意|标准|要求")

_DL_CORE = (
    r"(?:(?P<iy>(?:19|20)\d{2})(?P<isep>[-./])(?P<im>\d{1,2})(?:(?P=isep)(?P<id>\d{1,2}))?"
    r"(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)"
    r"|(?:(?:(?P<cy>(?:19|20)\d{2})年)?(?P<cm>\d{1,2})月份?(?:(?P<cd>\d{1,2})[日号])?"
    r"(?P<cpart>底|末|初|上旬|中旬|下旬)?)"
    r"|(?:(?P<yy>(?:19|20)\d{2})年度?(?P<ypart>底|末|终|内|上半年|下半年))"
    r"|(?P<word>年底|年末|年终|年度内|本年度内|本年内|当年内|年内|当年|本年度|本年|上半年|下半年|"
    r"第?[一二三四1-4]季度(?:末|底)?)"
)
_DEADLINE_RE = re.compile(
    r"(?:截至到|截止到|截止至|截至|截止|应于|须于|需于|计划于|已于|均于|已在|于|在|到)?"
    rf"(?:{_DL_CORE})"
    r"(?P<suf>底前|末前|以前|之前|前|以内|之内|内|止|为止)?"
    r"(?P<tail>(?:全部完成|完成|完工|竣工|结束|到位|办结|实施完毕|执行完毕|建成|交付|支付|拨付|发放)"
    r"\D{0,30})?"
)
_DEADLINE_PHRASE = re.compile(
    r"(?:在|于)?(?:项目)?(?:计划|规定|预定|约定|合同约定|合同|要求|预期)?的?(?:完成)?"
    r"(?:时间|时限|期限|工期|时间节点|节点|周期)(?:内|之内|以内)(?:完成|办结|结束|实施完毕|执行完毕)?"
    r"|按(?:计划|规定|合同约定|合同|要求|约定)(?:时间|时限|期限|进度|节点)?(?:完成|执行|实施|推进)"
)
_DONE = re.compile(
    r"(?:已经|均已|已|均)?(?:按时|按期|如期|及时|按计划|按要求|全部|全面)?"
    r"(?:完成|办结|完工|竣工|到位|实施完毕)(?:任务|目标)?|按时|按期|如期|及时"
)
_NOT_APPLICABLE = frozenset(
    {"—", "——", "-", "--", "–", "―", "─", "/", "//", "\\", "不适用", "无此项", "不涉及",
     "本项不适用", "N/A", "n/a", "NA"}
)  # fmt: skip
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MAX_PARSED = 80  # longer text is prose: no number or date is read from it


def normalize(text: str) -> str:
    """Return text folded to half-width (NFKC), without spaces, with one spelling per operator."""
    s = _INVISIBLE.sub("", fold(text))
    if _ANY_SPELLING.search(s) is None:  # most cells: one search instead of 17
        return s
    for spelling, op in _OPERATOR_SPELLINGS:
        if spelling in s:
            s = s.replace(spelling, op)
    return s


def parse(text: object, year: int | None = None) -> Expr:
    """Return the Expr of a target or actual cell (str, number, date or None); never raises.

    `year` (the evaluation year) completes dates written without one ("12月底前").
    """
    return _parse_checked(text, _year(year))


def parse_pair(target: object, actual: object, year: int | None = None) -> tuple[Expr, Expr]:
    """Return (parse(target, year), parse(actual, year))."""
    year = _year(year)
    return _parse_checked(target, year), _parse_checked(actual, year)


def _year(year: object) -> int | None:
    """Return the evaluation year, or None when it is not a plausible one."""
    if isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2200:
        return year
    return None


def _parse_checked(text: object, year: int | None) -> Expr:
    """parse() with `year` already checked."""
    try:
        return _parse_cached(text, year)
    except TypeError:  # unhashable input: parse it uncached
        pass
    try:
        return _parse(text, year)
    except Exception:  # the last guard of "never raises": unreadable text goes to a person
        return _unread(text)


@functools.lru_cache(maxsize=65536, typed=True)
def _parse_cached(text: object, year: int | None) -> Expr:
    try:
        return _parse(text, year)
    except Exception:
        return _unread(text)


def _unread(raw: object) -> Expr:
    """Return a value the parser failed on as plain text (or empty), for a person to judge."""
    try:
        text = normalize(cell_text(raw))
    except Exception:
        text = ""
    return Expr("qualitative", text) if text else Expr("empty", "")


def _parse(raw: object, year: int | None) -> Expr:
    """Parse without any guard (tests call it to see real errors)."""
    text = normalize(cell_text(raw))
    if not text:
        return Expr("empty", "")
    if text in _NOT_APPLICABLE:
        return Expr("not_applicable", text)
    core = (_TRAILING.sub("", text) or text) if text[-1] in _TRAILING_MARKS else text
    if len(core) <= _MAX_PARSED:
        plain = _plain_number(core, text)
        if plain is not None:
            return plain
        for reader in (_deadline, _range, _number):
            expr = reader(core, text, year)
            if expr is not None:
                return expr
        if _DEADLINE_PHRASE.fullmatch(core):
            return Expr("deadline", text, band=band_of(text))
    if _DONE.fullmatch(core):
        return Expr("done", text, band=ACHIEVED)
    return Expr("qualitative", text, band=band_of(text))


# Units after which a number can be read directly: none of them makes the text a date, a
# deadline or a range, nor is it a suffix operator or an unread unit, so `_number` reads
# such a text the same way (tests/test_evaluate_speed.py checks it on every unit here).
PLAIN_UNITS = (
    "%", "‰", "元", "万元", "亿元", "个", "人", "人次", "次", "户", "家", "所", "项", "件",
    "台", "套", "份", "场", "篇", "册", "辆", "名", "本", "批", "座", "处", "条", "期",
    "年", "天", "小时", "分钟", "公里", "米", "平方米", "亩", "公顷", "吨", "千克", "分",
)  # fmt: skip
_PLAIN_NUMBER = re.compile(r"(?P<op>[≥≤<>=]?)(?P<num>\d+(?:\.\d+)?)(?P<unit>\D*)")


def _plain_number(core: str, text: str) -> Expr | None:
    """Return the Expr of the commonest cells ("≥95%", "98%", "≤601万元", "4年"): an optional
    comparison sign, digits, an optional unit of PLAIN_UNITS; None for anything else.
    Exactly what `_number` returns for them, without trying dates and ranges first."""
    m = _PLAIN_NUMBER.fullmatch(core)
    if m is None:
        return None
    op, number, unit = m.group("op", "num", "unit")
    known = _PLAIN_UNIT_OF.get(unit)
    if known is None:  # a unit not in PLAIN_UNITS, or more words: the full reading
        return None
    name, dim, num, den = known
    return Expr("number", text, op or None, float(number) * num / den, None, name, dim)


@functools.lru_cache(maxsize=4096)
def _unit(written: str) -> tuple[str | None, str | None, int, int] | None:
    """Return (canonical unit, dimension, num, den) of a written unit; None when it is not one."""
    if not written:
        return None, None, 1, 1
    if not _UNIT_SHAPE.fullmatch(written) or _UNIT_BAD.search(written):
        return None
    unit = unit_of(written)
    return unit.name, unit.dimension, unit.num, unit.den


_PLAIN_UNIT_OF: dict[str, tuple[str | None, str | None, int, int]] = {
    "": (None, None, 1, 1),
    **{u: _unit(u) for u in PLAIN_UNITS},  # type: ignore[misc]
}


def _number(core: str, text: str, year: int | None) -> Expr | None:
    m = _NUMBER_RE.fullmatch(core)
    if m is None:
        return None
    pre, pct, number, unit_text, suf = m.group("pre", "pct", "num", "unit", "suf")
    op = _op_of(pre, suf)
    if op == "?":
        return None
    if pct:
        if unit_text:
            return None
        unit_text = "%"
    unit = _unit(unit_text or "")
    if unit is None:
        return None
    name, dim, num, den = unit
    value = float(number.replace(",", "")) * num / den
    return Expr("number", text, op, value, None, name, dim)


@functools.lru_cache(maxsize=1024)
def _op_of(pre: str, suf: str | None) -> str | None:
    """Return the comparison the words before (`pre`) and after (`suf`) a number say, None
    when they say none, "?" when they disagree."""
    ops = {_WORD_OPS[w] for w in _PREFIX_WORD_RE.findall(pre) if w in _WORD_OPS}
    if suf:
        ops.add(_WORD_OPS[suf])
    return _one_op(ops)


def _one_op(ops: set[str]) -> str | None:
    """Return the one direction several operator words agree on, "?" when they disagree."""
    up = ops & {"≥", ">"}
    down = ops & {"≤", "<"}
    if up and down:
        return "?"
    if up:
        return ">" if ">" in up else "≥"
    if down:
        return "<" if "<" in down else "≤"
    return "=" if "=" in ops else None


def _range(core: str, text: str, year: int | None) -> Expr | None:
    m = _RANGE_RE.fullmatch(core)
    if m is None:
        return None
    u1, u2 = _unit(m["u1"] or ""), _unit(m["u2"] or "")
    if u1 is None or u2 is None:
        return None
    if u1[0] is None:
        u1 = u2
    elif u2[0] is None:
        u2 = u1
    if u1[1] != u2[1]:
        return None
    low = float(m["lo"].replace(",", "")) * u1[2] / u1[3]
    high = float(m["hi"].replace(",", "")) * u2[2] / u2[3]
    if low >= high:
        return None
    return Expr("range", text, value=low, high=high, unit=u2[0], dimension=u2[1])


def _deadline(core: str, text: str, year: int | None) -> Expr | None:
    m = _DEADLINE_RE.fullmatch(core)
    if m is None or (m["isep"] == "." and m["id"] is None):
        return None
    tail = m["tail"] or ""
    if tail and re.search(r"\d", tail):
        return None
    by = bool(m["suf"] or tail)
    y, mon, day = _date_parts(m, year)
    if not 1 <= mon <= 12:
        return None
    last = calendar.monthrange(y or 2001, mon)[1]
    if day > last:
        return None
    if "季度" in (m["word"] or "") and m["suf"] in ("前", "以前", "之前"):
        return None  # "第三季度前": before July, or by the end of September?
    if m["word"] or m["ypart"] or m["cpart"] or (m["suf"] or "").startswith(("底", "末")):
        if not day:
            day = last
        by = by or (m["word"] or m["ypart"] or "").endswith("内")
    elif not day and by and m["suf"] not in ("前", "以前", "之前"):
        day = last  # "11月内完成", "11月完成": the whole month is in time
    kind: Kind = "deadline" if by else "date"
    return Expr(kind, text, date=(y, mon, day), band=band_of(text) if by else None)


def _date_parts(m: re.Match[str], year: int | None) -> tuple[int, int, int]:
    """Return (year, month, day) of a matched date; day 0 when only the month is known."""
    base = year or 0
    if m["iy"]:
        return int(m["iy"]), int(m["im"]), int(m["id"] or 0)
    if m["cm"]:
        y = int(m["cy"]) if m["cy"] else base
        mon, day = int(m["cm"]), int(m["cd"] or 0)
        if day and m["cpart"]:
            return y, 0, 0
        if m["cpart"] in ("初", "上旬"):
            day = 10
        elif m["cpart"] == "中旬":
            day = 20
        return y, mon, day
    word = m["ypart"] or m["word"] or ""
    y = int(m["yy"]) if m["yy"] else base
    if word.startswith("上半年"):
        return y, 6, 30
    q = re.search(r"([一二三四1-4])季度", word)
    if q:
        return y, _QUARTERS[q[1]] * 3, 0
    return y, 12, 31
