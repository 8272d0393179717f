"""Percentages read by the words around them: a share of revenue ("made up 12% of Alibaba's
revenue", "accounts for more than half of total sales") and whose share it is, or a growth
rate printed without a growth word of its own ("grew revenue 26%")."""

from __future__ import annotations

import re

from capexlens.claims._names import Doc
from capexlens.claims._units import unknown_unit
from capexlens.models import Claim, ClaimKind

__all__ = ["of_revenue", "reads_as_growth", "share_of", "share_of_unit"]

_GROWTH_NEAR = re.compile(
    r"(?i)\b(?:grew|grow(?:s|ing|th)?|rose|rise|rising|increased?|increase|up|jump\w*|climb\w*|"
    r"surg\w*|fell|declin\w*|drop\w*|accelerat\w*|decelerat\w*)\b"
)

_OF_REVENUE_RE = re.compile(
    r"(?i).{0,30}?\bof\s+(?:(?:its|the|their|total|overall|group|[\w.]+['’]s|(?-i:[A-Z][\w.]*))\s+){0,3}"
    r"(?:revenues?|sales|turnover)\b(?!\s+growth)"
)
# another subject between the segment and its share; "and" only when no verb of the
# segment's own follows it ("revenue grew 26% and accounted for 13% of group revenue")
_SHARE_GAP_RE = re.compile(
    r"(?i)\b(?:while|whereas|but|meanwhile|compared|versus)\b|;|\band\s+(?!(?:accounted|"
    r"accounts|accounting|made|makes|represented|represents|contributed|contributes|"
    r"comprised|was|is|now)\b)"
)


def of_revenue(doc: Doc, claim: Claim) -> bool:
    """Whether a percentage is a share of the company's revenue ("accounts for more than
    half of total sales", "made up 12% of Alibaba's revenue")."""
    if claim.kind not in (ClaimKind.SHARE, ClaimKind.PERCENT) or claim.unit != "percent":
        return False
    _, hi = doc.clause(claim)
    return _OF_REVENUE_RE.match(doc.text[claim.span[0] : hi]) is not None


def share_of_unit(doc: Doc, claim: Claim) -> bool:
    """Whether the revenue a share is taken of is a unit's, named in the "of" phrase."""
    _, hi = doc.clause(claim)
    m = _OF_REVENUE_RE.match(doc.text, claim.span[0], hi)
    return m is not None and any(
        x.dimension for x in doc.mentions_in(claim.span[1], m.end()) if x.kind == "segment"
    )


def share_of(doc: Doc, claim: Claim, entity: str | None) -> str:
    """The segment whose share of revenue a figure is: the entity's last segment named
    before it in its sentence, with no other subject ("while", "and") in between."""
    if entity is None:
        return ""
    a, _ = doc.sentence(claim.span[0])
    segs = [
        m
        for m in doc.mentions_in(a, claim.span[0])
        if m.kind == "segment" and m.entity == entity and m.end <= claim.span[0]
    ]
    if not segs or _SHARE_GAP_RE.search(doc.text, segs[-1].end, claim.span[0]):
        return ""
    lo, hi = doc.clause(claim)
    if unknown_unit(doc, claim, lo, hi, segs[-1:], entity):
        return ""
    return segs[-1].dimension


def reads_as_growth(doc: Doc, claim: Claim) -> bool:
    """Whether a plain percentage is a growth rate by the words just around it."""
    lo, hi = doc.clause(claim)
    # "made up 15% of revenue - Search contributed 55% - YouTube ads grew 15%": a bullet
    # dash parts the items, and a share verb makes a share
    before = _ITEM_DASH.split(doc.text[max(lo, claim.span[0] - 25) : claim.span[0]])[-1]
    after = _ITEM_DASH.split(doc.text[claim.span[1] : min(hi, claim.span[1] + 40)])[0]
    if re.search(r"(?i)\bshare\b|\bmargin", before + after) or _SHARE_VERB.search(before):
        return False
    return bool(
        _GROWTH_NEAR.search(before) or _GROWTH_NEAR.search(after) or _second_rate(doc, claim)
    )


# "grew 34% for the full fiscal year and 39% in the June quarter": one verb, two rates
_AND_ANOTHER = re.compile(r"(?i)(?:\s+(?:for|in|during|over)\s+[^,;.%$]{1,40}?)?\s*,?\s+and\s+")


def _second_rate(doc: Doc, claim: Claim) -> bool:
    """Whether the percentage is a second rate of the growth just before it, joined by
    "and" with nothing between but that growth's period."""
    lo, _ = doc.clause(claim)
    before = [c for c in doc.claims_in(lo, claim.span[0]) if c.span[1] <= claim.span[0]]
    if not before or before[-1].kind is not ClaimKind.GROWTH:
        return False
    return _AND_ANOTHER.fullmatch(doc.text, before[-1].span[1], claim.span[0]) is not None


_ITEM_DASH = re.compile(r"\s[-–—]\s")
_SHARE_VERB = re.compile(
    r"(?i)\b(?:made|makes?|making)\s+up|\bcontribut\w*|\brepresent\w*|\baccount\w*\s+for|"
    r"\bcomprised?\b|\bconstitut\w*"
)
