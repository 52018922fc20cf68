"""Which way an indicator without a comparison sign points, from its name.

A target written without "≥" or "≤" is read as "≥", except where the name says the thing is to
be kept low (投诉次数, 安全事故发生数, 预算调整率, 结转结余率): there it is "≤" (docs/scoring.md,
"Quantitative indicators"). A name that speaks of something done about the bad thing
(投诉处理及时率, 违规问题整改率, 事故下降率) points up again.
"""

from __future__ import annotations

import functools
import re

_LOW = re.compile(
    r"投诉|事故|差错|违规|违纪|违法|损失|流失|返工|超支|调整率|调整次数|调整幅度|变动率|结余率|"
    r"结转结余|发生率|发生数|发生次数|失误|变质|控制率|故障率|不合格率|死亡|伤亡|误差|逾期|延误|"
    r"安全事件|上访|信访量|赔付"
)
_HIGH = re.compile(
    r"及时率|处理率|整改率|办结率|完成率|合格率|覆盖率|到位率|满意|下降率|降低率|减少|下降|降低|"
    r"查处率|化解率|回复率|响应率|结案率|知晓率|执行率|达标率|挽回|处置率|解决率|受理率|成功率"
)


@functools.lru_cache(maxsize=4096)
def keep_low(name: str) -> bool:
    """True when an indicator's name says lower is better (投诉次数, 预算调整率), so that a target
    without a comparison sign means "≤"."""
    return bool(name) and _LOW.search(name) is not None and _HIGH.search(name) is None
