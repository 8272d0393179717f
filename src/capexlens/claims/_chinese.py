"""Chinese text: the script's character ranges and its period phrases.

Chinese runs words together with no spaces, so the English patterns' word boundaries do not
hold in it; the modules that read names, cue words and sentences take the ranges from here.
Period phrases are read into the English phrases the period reader already knows
("2025年第一季度" is "Q1 2025", "上个季度" is "previous quarter").
"""

from __future__ import annotations

import re

__all__ = ["CJK", "HAN_RE", "chinese_phrases", "drop_pinyin"]

# CJK punctuation, ideographs, compatibility ideographs and full-width forms: a character of
# these needs no word boundary beside it
CJK = "\u3000-\u9fff\uf900-\ufaff\uff00-\uffef"
HAN_RE = re.compile(r"[\u3400-\u9fff]")  # an ideograph (not punctuation)


def _year_label(year: str, word: str) -> str:
    """ "2025财年" is the company's fiscal 2025; "2024年" the year 2024, as in English."""
    return f"fiscal {year}" if word[0] in "财財" else year


_CJK_QUARTER = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*(?P<fy>财年|財年|年度|年)|(?P<rel>去年|上年|今年|明年))?"
    r"(?:第(?P<q>[一二三四1-4])(?:季度|季|财季|財季)|(?<![上下前後后])(?P<q2>[一二三四])季度"
    # "腾讯2024年Q3 营收": a Latin quarter after a Chinese year
    r"|(?<=[年度])\s*Q(?P<q3>[1-4])(?![\d])"
    r")"
)
_RELATIVE_YEAR = {
    "去年": "last year", "上年": "last year", "今年": "this year", "明年": "next year"
}  # fmt: skip
_CJK_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4"}
# "2024年的全年增幅", "2025财年": a year, unless a month follows (a date: "2025年5月15日")
_CJK_YEAR = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?P<fy>财年|財年|财政年度|財政年度|年度|年)(?!\s*\d{1,2}\s*月)"
    r"(?:的?全年(?:度)?)?"
)
# Chinese relative periods, as the English phrases the period reader knows
_CJK_RELATIVE = (
    # "上季收入" in a results story is the quarter just reported, as "last quarter" is
    (re.compile(r"上个季度|上個季度|上一季度|上一季"), "previous quarter"),
    (re.compile(r"上季度|上季"), "last quarter"),
    (re.compile(r"去年同期|上年同期"), "same period last year"),
    (re.compile(r"当季|當季|本季度|该季度|該季度|本季"), "this quarter"),
    (re.compile(r"(?<![\d年度])全年"), "full year"),
    (re.compile(r"去年|上年"), "last year"),
    (re.compile(r"今年|本年度"), "this year"),
    (re.compile(r"明年"), "next year"),
)


# the quarter a sentence reports, said before a "上季度" in it
_THIS_QUARTER_BEFORE = re.compile(
    r"(?:当季|當季|本季度|该季度|該季度|本季|第[一二三四1-4](?:季度|季|财季|財季))[^。！？]*$"
)


def _relative_label(text: str, start: int, label: str) -> str:
    """ "上季度" is the quarter just reported in a story about it, but the one before when
    its sentence has named the quarter reported ("本季度营收为X，上季度为Y")."""
    if label == "last quarter" and _THIS_QUARTER_BEFORE.search(text, max(start - 120, 0), start):
        return "previous quarter"
    return label


def chinese_phrases(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``found`` with the Chinese period phrases of ``text`` added (a Chinese phrase wins
    over an English one it overlaps)."""
    if not HAN_RE.search(text):
        return found
    for m in _CJK_QUARTER.finditer(text):
        digit = m.group("q") or m.group("q2") or m.group("q3")
        q = _CJK_DIGITS.get(digit, digit)
        y = m.group("y")
        label = f"Q{q} {y}" if y else f"Q{q}"
        if m.group("rel"):  # "去年三季度": the third quarter of last year
            label = f"Q{q} {_RELATIVE_YEAR[m.group('rel')]}"
        if y and m.group("fy") in ("财年", "財年"):
            label = f"Q{q} FY{y}"
        found = [p for p in found if not (p[0] < m.end() and m.start() < p[1])]
        found.append((m.start(), m.end(), label))
    extra = [
        (
            m.start(),
            m.end(),
            f"fiscal {m.group('y')}"
            if "财" in m.group("fy") or "財" in m.group("fy")
            else m.group("y"),
        )
        for m in _CJK_YEAR.finditer(text)
    ]
    extra += [
        (m.start(), m.end(), _relative_label(text, m.start(), label))
        for r, label in _CJK_RELATIVE
        for m in r.finditer(text)
    ]
    for a, b, label in sorted(extra, key=lambda p: (p[0], -p[1])):
        if not any(x < b and a < y for x, y, _ in found):
            found.append((a, b, label))
    return found


# a reading in brackets right after a character, as some pages print them: "財(cái)季"
_PINYIN_RE = re.compile(r"(?<=[\u3400-\u9fff])\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,8}\)")


def drop_pinyin(text: str) -> tuple[str, list[int]] | None:
    """``text`` without the pinyin readings a page prints inside its words, and for every
    character kept its offset in ``text``; ``None`` if there are none.

    Why: "經(jīng)營(yíng)利潤(rùn)" is "經營利潤" (operating profit) to a reader, but no
    word to the cue table until the readings are out.

    >>> drop_pinyin("經(jīng)營利潤")[0]
    '經營利潤'
    """
    if not HAN_RE.search(text) or _PINYIN_RE.search(text) is None:
        return None
    kept: list[int] = []
    out: list[str] = []
    at = 0
    for m in _PINYIN_RE.finditer(text):
        out.append(text[at : m.start()])
        kept.extend(range(at, m.start()))
        at = m.end()
    out.append(text[at:])
    kept.extend(range(at, len(text)))
    return "".join(out), kept
