"""What a figure's surroundings say of it, beyond its own clause: that it is an estimate
(a table's consensus column, a clause of what analysts expect), that the sentence before
spoke of one business unit of the company, that currency effects are taken out of it, or
that a Chinese page left its yuan unsaid."""

from __future__ import annotations

import re

from capexlens.claims._columns import column_header
from capexlens.claims._names import Cue, Doc
from capexlens.models import Claim, ClaimKind

__all__ = [
    "EX_FX_RE",
    "UNIT_LINES",
    "bullet_start",
    "card_label",
    "ex_fx",
    "figure_between",
    "implied_yuan",
    "is_estimate",
    "like_for_like",
    "line_topic",
    "line_topic_unit",
    "past_bullet",
    "unit_before",
]


def is_estimate(doc: Doc, claim: Claim) -> bool:
    """Whether the figure stands in an estimate column ("Metric | Consensus | Reported"), in
    a clause of what analysts expect, or is the growth an estimate right before it implies
    ("EPS was estimated at $0.88, reflecting 18.92% growth")."""
    return (
        bool(_ESTIMATE_COLUMN.search(column_header(doc, claim)))
        or _analysts_expect(doc, claim)
        or _growth_of_an_estimate(doc, claim)
    )


_IMPLIED_GAP = re.compile(
    r"(?i)\s*[,(]\s*(?:reflecting|representing|implying|indicating|or|up|down)?\s*(?:an?\s+)?"
)


def _growth_of_an_estimate(doc: Doc, claim: Claim) -> bool:
    if claim.kind is not ClaimKind.GROWTH:
        return False
    lo = min(doc.clause(claim)[0], doc.text.rfind("\n", 0, claim.span[0]) + 1)
    lo = max(lo, doc.sentence(claim.span[0])[0])
    before = [c for c in doc.claims_in(lo, claim.span[0]) if c.span != claim.span]
    if not before or _IMPLIED_GAP.fullmatch(doc.text, before[-1].span[1], claim.span[0]) is None:
        return False
    # "Revenue Estimate: ~$16.15 Billion (+15% YoY)": the level is an estimate by its label
    line = doc.text.rfind("\n", 0, before[-1].span[0]) + 1
    return "estimate" in before[-1].qualifiers or bool(
        _ESTIMATE_LABEL.search(doc.text, max(lo, line), before[-1].span[0])
    )


_ESTIMATE_LABEL = re.compile(
    r"(?i)\b(?:consensus|estimates?|est\.|forecasts?)\b[^\n]{0,12}?[:=]?\s*[~≈]?$"
)


_ESTIMATE_COLUMN = re.compile(
    r"(?i)\b(?:consensus|estimates?|est\.?|forecasts?|expected|expectations?|street|analysts?)"
    r"(?![\w])"
    # "| 2024A | 2025E | 2026E |": a year column marked estimated or forecast
    r"|(?<![\w])(?:FY\s?)?(?:19|20)?\d{2}\s?(?-i:[EF]|e)(?![\w])"
)
_ANALYSTS_EXPECT = re.compile(
    r"(?i)\b(?:analysts|the\s+street|wall\s+street)[\s,]+(?:(?:were|had|have|are|on\s+average)[\s,]+)*"
    r"(?:expect|forecast|estimat|anticipat|project|predict|look(?:ing|ed)?\s+for)\w*\b"
    # "consensus estimates, which had pegged Meta's EPS at $5.21 and a 13% rise in revenue"
    r"|\b(?:consensus|estimates)[\s,]+(?:which\s+|that\s+)?(?:had\s+|have\s+)?"
    r"(?:pegged|put|penciled|pencilled|called\s+for|projected|forecast|expected)\b"
)
_NOT_THEIRS = re.compile(
    r"(?i)\b(?:but|while|whereas|instead|actual(?:ly)?|reported|delivered)\b|;"
)


def _analysts_expect(doc: Doc, claim: Claim) -> bool:
    """ "analysts were expecting revenue and EPS of $111.4 billion and $2.63": every figure of
    the clause the analysts expect is their estimate."""
    a, _ = doc.sentence(claim.span[0])
    ends = [
        m.end()
        for m in _ANALYSTS_EXPECT.finditer(doc.text, a, claim.span[0])
        # "the RMB37.9 billion analysts expected and sped up from 26%": the figure right
        # before the words is the one expected, not those after
        if not any(
            c.span[1] <= m.start() and not doc.text[c.span[1] : m.start()].strip()
            for c in doc.claims_in(a, m.start())
        )
    ]
    return bool(ends) and _NOT_THEIRS.search(doc.text, ends[-1], claim.span[0]) is None


# what a business unit reports of its own: its sales and its operating result
UNIT_LINES = frozenset(
    ("revenue", "revenue_growth_yoy", "operating_income", "operating_income_growth_yoy",
     "operating_margin")
)  # fmt: skip


def unit_before(doc: Doc, claim: Claim, entity: str) -> str:
    """The one unit of ``entity`` the sentence before (same paragraph) named, if any."""
    i = doc.sentence_index(doc.sentence(claim.span[0])[0])
    if i <= 0:
        return ""
    pa, pb = doc.sentences[i - 1]
    if "\n\n" in doc.text[pb : claim.span[0]]:
        return ""
    units = {
        m.dimension
        for m in doc.mentions_in(pa, pb)
        if m.kind == "segment" and m.entity == entity and m.dimension
    }
    return units.pop() if len(units) == 1 else ""


# a bullet or reference mark between a figure and a cue after it: "a loss of $4.5 billion
# [29] - Cash flow from operations ...", the cue is the next item's
_BULLET_BREAK_RE = re.compile(r"(?<!\|)\s[-–—•]\s(?!\|)|\[\d+\]|\n")


def figure_between(doc: Doc, claim: Claim, hi: int, spans: list[tuple[int, int]]) -> bool:
    """Whether another figure, with words of its own, stands between the claim and ``hi``
    ("surged 63% to $20.03 billion and delivered $6.6 billion in operating income"): not a
    bracketed gloss right after the claim ("RMB380 billion (roughly US$53 billion)"), nor
    the next items of a list that shares its words ("$22.4 billion, Amazon $31.4 billion
    and Meta $17.0 billion on capex")."""
    at = claim.span[1]
    for a, b in sorted(s for s in spans if claim.span[1] <= s[0] and s[1] <= hi):
        gap_ok = _LIST_ITEM_GAP.fullmatch(doc.text, at, a) or (
            at == claim.span[1] and _GLOSS_BEFORE.fullmatch(doc.text, at, a)
        )
        if not gap_ok:
            return True
        at = b
    return False


_GLOSS_BEFORE = re.compile(r"(?i)\s*[(（]\s*(?:roughly|about|approximately|around|or|~)?\s*")
_LIST_ITEM_GAP = re.compile(r"\s*(?:,\s*and|,|and)\s+(?:[A-Z][\w.&'’-]*\s+){0,3}")


def bullet_start(doc: Doc, a: int, pos: int) -> int:
    """Where the bullet or list item holding ``pos`` starts, reading back no further than
    ``a``: a results page flattened onto one line ("... [2] - 季度经营利润为53.65亿元") has
    one sentence for all its items, each with words of its own."""
    last = a
    for m in _BULLET_BREAK_RE.finditer(doc.text, a, pos):
        last = m.end()
    return last


def past_bullet(doc: Doc, claim: Claim, cue: Cue) -> bool:
    return cue.start >= claim.span[1] and bool(
        _BULLET_BREAK_RE.search(doc.text, claim.span[1], cue.start)
    )


_CJK_SCALE_END = re.compile(r"[亿億万萬]\s*$")


def implied_yuan(doc: Doc, claim: Claim, entity: str, quals: list[str]) -> Claim:
    """ "腾讯2024年第三季度营收1672亿": a Chinese page leaves a yuan reporter's currency
    unsaid after 亿; the figure is in the company's own (only for companies reporting in
    yuan: a dollar reporter's "764亿" may be of either)."""
    known = doc.registry.entities.get(entity)
    if known is None or known.currency != "CNY" or not _CJK_SCALE_END.search(claim.as_printed):
        return claim
    quals.append("currency:implied")
    return claim.with_(unit=known.currency)


EX_FX_RE = re.compile(
    r"(?i)constant[- ]currenc|\bex-FX\b|excluding (?:the )?(?:impact of )?(?:changes in )?"
    r"(?:foreign exchange|currenc|FX)"
    r"|(?-i:\b(?:in\s+)?(?:c\.?c\.?|C\.?C\.?)(?![\w.]))"  # "up 22% (19% cc)", "+15% CC"
)
_EX_FX_FRONT_RE = re.compile(
    r"(?i)\s*excluding\b(?:[^.;,]|(?<=\d)[.,](?=\d)){0,120}?(?:foreign exchange|currenc\w*|FX)"
    r"\b[^,;]{0,40},"
)


def ex_fx(doc: Doc, claim: Claim) -> bool:
    """Whether a growth figure excludes currency effects: said in its clause ("or 12%
    excluding FX"), or in a phrase opening its sentence ("Excluding a $0.9 billion impact
    from foreign exchange rates, revenue growth was 14%") with no other growth in between."""
    lo, hi = doc.clause(claim)
    for m in EX_FX_RE.finditer(doc.text, lo, hi):
        gap = (claim.span[1], m.start()) if m.start() >= claim.span[1] else (m.end(), claim.span[0])
        if not any(c.span != claim.span for c in doc.claims_in(*gap)):
            return True  # no other figure between that the words belong to ("13%, or 12% ex-FX")
    a, _ = doc.sentence(claim.span[0])
    front = _EX_FX_FRONT_RE.match(doc.text, a)
    if front is None or front.end() > claim.span[0]:
        return False
    return not any(
        c.kind is ClaimKind.GROWTH and c.span != claim.span
        for c in doc.claims_in(front.end(), claim.span[0])
    )


# "on a like-for-like basis", "excluding the divested Sun Art and Intime businesses",
# "stripping out disposed units": growth with businesses sold taken out
_LIKE_FOR_LIKE = (
    r"(?:on\s+an?\s+)?(?:like-for-like|comparable|same-store)\s+basis|like-for-like"
    r"|(?:excluding|stripping\s+out|taking\s+out|leaving\s+out|adjusting\s+for|setting\s+aside)"
    r"\s+(?:the\s+)?(?:[\w&’'-]+\s+){0,6}?(?:recently\s+)?(?:divest\w*|dispos\w*|sold|"
    r"deconsolidat\w*)\b[^,;.]{0,60}"
)
_LIKE_FOR_LIKE_RE = re.compile(rf"(?i){_LIKE_FOR_LIKE}")
_LIKE_FOR_LIKE_FRONT_RE = re.compile(rf"(?i)\s*(?:{_LIKE_FOR_LIKE})\s*,")


def like_for_like(doc: Doc, claim: Claim) -> bool:
    """Whether a growth figure leaves out businesses sold: said in its clause with no other
    figure between ("grew 15%, excluding the divested Sun Art"), or in a phrase opening its
    sentence ("Stripping out the divested businesses, revenue grew 15%")."""
    lo, hi = doc.clause(claim)
    for m in _LIKE_FOR_LIKE_RE.finditer(doc.text, lo, hi):
        gap = (claim.span[1], m.start()) if m.start() >= claim.span[1] else (m.end(), claim.span[0])
        if not any(c.span != claim.span for c in doc.claims_in(*gap)):
            return True
    a, _ = doc.sentence(claim.span[0])
    front = _LIKE_FOR_LIKE_FRONT_RE.match(doc.text, a)
    return (
        front is not None
        and front.end() <= claim.span[0]
        and not any(
            c.kind is ClaimKind.GROWTH and c.span != claim.span
            for c in doc.claims_in(front.end(), claim.span[0])
        )
    )


# a data card prints a label on one line and its figures on the lines below it:
# "Total Revenue / $15.9B / Previous year: $14.3B / +11.3%"
_CARD_VALUE = re.compile(
    r"(?i)\s*(?:(?:previous|prior|last)\s+year\s*:?\s*)?[+\-−]?(?:US)?[$€£¥]?\s?\d[\d.,]*\s*"
    r"(?:%|[BMK]|bn|mn|billion|million)?\s*"
)
_CARD_BASE = re.compile(r"(?i)\s*(?:previous|prior|last)\s+year\b")
_CARD_LABEL = re.compile(r"\s*[A-Za-z][A-Za-z&/ .'’()-]{1,38}\s*")
_CARD_BASIS = re.compile(r"(?i)non-?\s?(?:gaap|ifrs)|adjusted|\bcore\b")


def card_label(doc: Doc, claim: Claim, wanted: frozenset[str]) -> list[Cue]:
    """The cues of a data card's label for a figure alone on its line: the nearest line
    above, past at most two other figure lines, that holds words only. None for a "Previous
    year:" line (a base) or a label that names a basis (the figure's own clause says none)."""
    text = doc.text
    start = text.rfind("\n", 0, claim.span[0]) + 1
    end = text.find("\n", claim.span[1])
    end = len(text) if end < 0 else end
    if text[start : claim.span[0]].strip() or text[claim.span[1] : end].strip():
        return []
    if _CARD_BASE.match(text, start):
        return []
    pos = start
    for _ in range(3):
        if pos <= 1:
            return []
        above = text.rfind("\n", 0, pos - 1) + 1
        if _CARD_LABEL.fullmatch(text, above, pos - 1):
            if _CARD_BASIS.search(text, above, pos - 1):
                return []
            return [c for c in doc.cues_in(above, pos - 1) if c.metric in wanted]
        if not _CARD_VALUE.fullmatch(text, above, pos - 1):
            return []
        pos = above
    return []


# a line that opens with its topic: "4/ Capex: ...", "- AWS: ...", "And capex? RMB13bn ..."
_LINE_TOPIC = re.compile(
    r"[ \t]*(?:\d{1,2}/\s*|[-•*]\s+)?(?:and\s+|so\s+|now\s+)?(?P<topic>[^\s:?.!\n][^:?.!\n]{0,38}?)"
    r"\s*(?::|\?)",
    re.IGNORECASE,
)


def line_topic(doc: Doc, claim: Claim, wanted: frozenset[str]) -> list[Cue]:
    """The cues of the topic a line opens with, for a figure of a later sentence of that
    line that names no metric itself ("4/ Capex: $34.2bn in the quarter. Management now
    talks about ~$125bn for 2025."; "And capex? RMB13bn in Q3")."""
    text = doc.text
    start = text.rfind("\n", 0, claim.span[0]) + 1
    m = _LINE_TOPIC.match(text, start)
    if m is None or m.end() > claim.span[0]:
        return []
    if any(c.span[0] < m.end() for c in doc.claims_in(start, m.end())):
        return []  # "Revenue $15.9B: ...": a figure, not a topic
    return [c for c in doc.cues_in(m.start("topic"), m.end("topic")) if c.metric in wanted]


def line_topic_unit(doc: Doc, claim: Claim, entity: str) -> str:
    """The unit of ``entity`` a line opens with ("2/ AWS: $33.0bn of revenue ... The backlog
    is $200bn"), for a figure of a later sentence of the line that names no company or
    unit of its own; "" otherwise."""
    text = doc.text
    start = text.rfind("\n", 0, claim.span[0]) + 1
    m = _LINE_TOPIC.match(text, start)
    a, b = doc.sentence(claim.span[0])
    if m is None or m.end() > a or doc.mentions_in(a, b):
        return ""
    units = [
        u.dimension
        for u in doc.mentions_in(m.start("topic"), m.end("topic"))
        if u.kind == "segment" and u.entity == entity and u.dimension
    ]
    return units[0] if len(units) == 1 else ""
