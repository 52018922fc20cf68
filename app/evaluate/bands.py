"""The three bands of a qualitative indicator (财预〔2020〕10号): 达成, 部分达成, 未达成.

`band_of` reads the words of an actual value (实际完成值). Negatives and partials win over the
plain 达成 words ("未达到" contains "达到"); words that hedge ("正在实施", "有待提高") or that
mix a negative with a partial give no band, so the indicator goes to a person.
"""

from __future__ import annotations

import re

ACHIEVED = "达成"
PARTIAL = "部分达成"
FAILED = "未达成"
BANDS = (ACHIEVED, PARTIAL, FAILED)

# The official phrases of the 10号 bands, longest meaning first.
_OFFICIAL = (
    (re.compile(r"未达成(?:年度|预期)|未达到(?:年度|预期)"), FAILED),
    (re.compile(r"部分达成(?:年度|预期)|部分达到(?:年度|预期)"), PARTIAL),
    (re.compile(r"达成(?:年度|预期)(?:指标|目标)|达到(?:年度|预期)(?:指标|目标)"), ACHIEVED),
)
# Not yet done, or conditional: a band would be a guess.
_HEDGE = re.compile(
    r"有待|尚待|仍需|尚需|还需|需进一步|正在|进行中|实施中|推进中|建设中|待定|不确定|暂无|争取|"
    r"拟|将于|将在|预计(?!值)"
)
# "无/零/未发生 + something bad" is a success, although it carries a negative word.
_GOOD_ABSENCE = re.compile(
    r"(?:无|零|未发生|未出现|没有发生|没有出现|未发现|杜绝)(?:重大|较大|一般)?(?:安全)?"
    r"(?:事故|投诉|差错|偏差|违规|违纪|违法|问题|纠纷|事件|案件|失误|延误)"
)
# "Not completely": some of it was done.
_PARTIAL_NEGATION = re.compile(
    r"未完全|未全部|部分未|不完全|没有完全|尚未完全|未能完全|未能全部|个别未|少数未"
)
_NEGATIVE = re.compile(
    r"未(?!成年|来)|没|(?<![是能与可])否|无效|无法|不能|不合格|不达标|不符合|不到位|不满意|不及时|不完善|"
    r"不健全|不规范|不足|不理想|不明显|不够|不好|不高|不佳|不力|延期|延迟|逾期|推迟|滞后|超期|"
    r"失败|(?<![偏误落出])差(?![异错额距价旅])|下降|偏低|较低|欠佳|欠缺"
)
_PARTIAL = re.compile(r"基本|部分|部份|初步|有所|一般(?!公共|性|项目|预算|事故)|多数")
_POSITIVE = re.compile(
    r"达成|达到|完成|得到提升|有效|明显|合格|达标|符合|好|高(?!中|校|职|考|等|速|铁|龄|温|压|新)|"
    r"优(?!抚|待|惠)|满意|满足|实现|落实|到位|及时|"
    r"按时|按期|如期|提升|改善|增强|健全|完善|规范|显著|顺利|圆满"
)
# A target that asks for less (成本降低, 投诉减少): the actual's "下降" is then a success.
_DOWN = re.compile(r"下降|降低|减少|减轻|缩短|减小")
_YES = frozenset({"是", "有"})
_NO = frozenset({"否", "无", "没有"})


def band_of(text: str, target: str = "") -> str | None:
    """Return the band (达成 / 部分达成 / 未达成) an actual's words say, or None when they say
    none or contradict each other. `target` (normalised like `text`) lets the actual echo the
    target's own hedged or downward words: "基本满足" meets a target "基本满足需求"."""
    if not text:
        return None
    if text == "是":
        return ACHIEVED
    for pattern, band in _OFFICIAL:
        if pattern.search(text):
            return band
    if _HEDGE.search(text):
        return None
    rest = _GOOD_ABSENCE.sub("", text)
    good = rest != text
    if target and _DOWN.search(target) and _DOWN.search(rest):
        rest = _DOWN.sub("", rest)
        good = True
    if _PARTIAL_NEGATION.search(rest):
        return PARTIAL
    for word in _PARTIAL.findall(target):
        rest = rest.replace(word, "")
    negative = _NEGATIVE.search(rest) is not None
    partial = _PARTIAL.search(rest) is not None
    if negative and partial:
        return None
    if negative:
        return FAILED
    if partial:
        return PARTIAL
    if good or _POSITIVE.search(rest):
        return ACHIEVED
    return None


def yes_no(text: str) -> bool | None:
    """Return True for 是/有, False for 否/无/没有, None for anything else."""
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None
