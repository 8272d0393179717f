"""Tests the linker puts to a cue word before it lets the word name a figure's metric: that
"total revenue" leads straight to the figure, that a sentence opening "This represents"
restates the level before it, that a Chinese per-share word names what the store holds,
that an estimate word only judges the figure, that a Chinese cue after the figure opens the
next clause.

Private to :mod:`capexlens.claims.link`.
"""

from __future__ import annotations

import re

from capexlens.claims._chinese import HAN_RE
from capexlens.claims._names import ZH_PER_SHARE, Cue, Doc, is_money
from capexlens.models import Claim

__all__ = [
    "judges",
    "leads_to_next",
    "next_chinese_clause",
    "per_share_eps",
    "restated_level_cue",
    "share_base",
    "total_revenue",
]


_TOTAL_BEFORE_RE = re.compile(r"(?i)\b(?:total|group|overall|consolidated)\s+$")


_TOTAL_VERB_RE = re.compile(
    r"(?i)[\s,]*(?:which\s+|that\s+)?(?:came\s+to|was|were|reached|totall?ed|stood\s+at|"
    r"amounted\s+to|of)\s*"
)


def total_revenue(doc: Doc, cue: Cue, claim: Claim) -> bool:
    """Whether the figure is said to be "total revenue" (or group, overall, consolidated):
    the words lead straight to it ("total revenue, which came to 184.5 billion yuan"), and
    "group" is not the end of a name ("Cloud Intelligence Group revenue")."""
    if cue.metric != "revenue" or cue.end > claim.span[0]:
        return False
    if not _TOTAL_VERB_RE.fullmatch(doc.text, cue.end, claim.span[0]):
        return False
    before = _TOTAL_BEFORE_RE.search(doc.text, max(cue.start - 16, 0), cue.start)
    if before is None:
        return False
    return not any(m.end > before.start() for m in doc.mentions_in(cue.start - 80, cue.start))


# "Revenue reached $102.3 billion. This represents 16% growth.": the sentence before's level
_RESTATES_RE = re.compile(
    r"(?i)\s*(?:(?:this|that|which|it)\s+(?:represents|represented|marks|marked|reflects|"
    r"reflected|amounts\s+to|works\s+out\s+to|equates\s+to)|(?:that|this|it)(?:['’]s|\s+is|"
    r"\s+was)\s+an?)\b"
)


def restated_level_cue(doc: Doc, a: int, wanted: frozenset[str]) -> list[Cue]:
    """The cue of the last amount of the sentence before, when this sentence opens by
    restating it ("This represents 16% year-over-year growth")."""
    i = doc.sentence_index(a)
    if i <= 0 or not _RESTATES_RE.match(doc.text, a):
        return []
    pa, pb = doc.sentences[i - 1]
    levels = [c for c in doc.claims_in(pa, pb) if is_money(c)]
    if not levels:
        return []
    cues = [c for c in doc.cues_in(pa, levels[-1].span[0]) if c.metric in wanted]
    return cues[-1:]


def per_share_eps(doc: Doc, cue: Cue, entity: str | None) -> bool:
    """Whether a Chinese per-share cue ("每股盈利") names earnings per share the store holds:
    the company reports per share, not per ADS."""
    home = doc.registry.entities.get(entity or "")
    return (
        home is not None
        and not home.eps_per_ads
        and ZH_PER_SHARE.fullmatch(doc.text, cue.start, cue.end) is not None
    )


_JUDGED_RE = re.compile(
    r"(?i)\b(?:beat(?:s|ing)?|exceed(?:s|ed|ing)?|top(?:s|ped|ping)?|surpass(?:es|ed|ing)?|"
    r"above|ahead\s+of|below|miss(?:es|ed|ing)?|short\s+of|in\s+line\s+with)\s+"
    r"(?:[\w'’]+\s+){0,2}$"
)


_ESTIMATE_WORD_RE = re.compile(
    r"(?i)expectations?|estimates?|consensus|forecasts?|analysts?['’]?|predictions?"
)


def judges(doc: Doc, claim: Claim, cue: Cue) -> bool:
    """Whether an estimate word after the figure only judges it ("rose to 69.2 billion
    yuan, both exceeding expectations"): the figure is still the reported one."""
    return (
        cue.start >= claim.span[1]
        and _ESTIMATE_WORD_RE.fullmatch(doc.text, cue.start, cue.end) is not None
        and _JUDGED_RE.search(doc.text[max(cue.start - 40, claim.span[1]) : cue.start]) is not None
    )


_BREAK_RE = re.compile(r"[,，;；。]")


def next_chinese_clause(doc: Doc, claim: Claim, cue: Cue) -> bool:
    """Whether a Chinese cue after the figure starts the next clause: "营收1800.2亿元同比增长
    13%,毛利1004.9亿元" speaks of gross profit only after the comma."""
    return (
        cue.start >= claim.span[1]
        # "，反映AI相關產品": a cue whose words run into Chinese is Chinese too
        and HAN_RE.search(doc.text, cue.start, cue.end + 1) is not None
        and _BREAK_RE.search(doc.text, claim.span[1], cue.start) is not None
    )


_SHARE_OF_RE = re.compile(r"(?i)\s+of\s+(?:(?:its|the|group|total|overall|the\s+company['’]s)\s+)*")


def share_base(doc: Doc, claim: Claim, cue: Cue) -> bool:
    """Whether the cue is another figure's base of a share ("accounting for 97% of total
    revenue and rising 24%"): it says what the share is of, not what the claim measures."""
    a, b = doc.sentence(claim.span[0])
    return any(
        c.span != claim.span
        and c.unit == "percent"
        and c.span[1] <= cue.start
        and _SHARE_OF_RE.fullmatch(doc.text, c.span[1], cue.start) is not None
        for c in doc.claims_in(a, b)
    )


_LEADS_INTO_RE = re.compile(
    r"(?i)\s*(?:estimates?|forecasts?|expectations?|views?)?\s*(?:of|at|was|were|is|had|for|:)\s*"
    r"(?:an?\s+|the\s+)?(?:about|around|roughly|nearly|some)?\s*"
)


def leads_to_next(doc: Doc, claim: Claim, cue: Cue, others: list[tuple[int, int]]) -> bool:
    """Whether an estimate word after the figure leads into the next figure ("climbed to
    $96.43 billion, against a consensus estimate of $93.9 billion"): it names that one."""
    if cue.start < claim.span[1] or not _ESTIMATE_WORD_RE.fullmatch(doc.text, cue.start, cue.end):
        return False  # "quarter: revenue of $102.35 billion" still names the figure before
    nxt = min((s for s in others if s[0] >= cue.end), default=None)
    return nxt is not None and _LEADS_INTO_RE.fullmatch(doc.text, cue.end, nxt[0]) is not None
