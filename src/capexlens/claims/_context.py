"""What a figure's surroundings say of it, beyond its own clause: that it is an estimate
(a table's consensus column, a clause of what analysts expect), or that the sentence before
spoke of one business unit of the company."""

from __future__ import annotations

import re

from capexlens.claims._columns import column_header
from capexlens.claims._names import Doc
from capexlens.models import Claim

__all__ = ["UNIT_LINES", "is_estimate", "unit_before"]


def is_estimate(doc: Doc, claim: Claim) -> bool:
    """Whether the figure stands in an estimate column ("Metric | Consensus | Reported") or
    in a clause of what analysts expect."""
    return bool(_ESTIMATE_COLUMN.search(column_header(doc, claim))) or _analysts_expect(doc, claim)


_ESTIMATE_COLUMN = re.compile(
    r"(?i)\b(?:consensus|estimates?|est\.?|forecasts?|expected|expectations?|street|analysts?)"
    r"(?![\w])"
)
_ANALYSTS_EXPECT = re.compile(
    r"(?i)\b(?:analysts|the\s+street|wall\s+street)[\s,]+(?:(?:were|had|have|are|on\s+average)[\s,]+)*"
    r"(?:expect|forecast|estimat|anticipat|project|predict|look(?:ing|ed)?\s+for)\w*\b"
)
_NOT_THEIRS = re.compile(
    r"(?i)\b(?:but|while|whereas|instead|actual(?:ly)?|reported|delivered)\b|;"
)


def _analysts_expect(doc: Doc, claim: Claim) -> bool:
    """ "analysts were expecting revenue and EPS of $111.4 billion and $2.63": every figure of
    the clause the analysts expect is their estimate."""
    a, _ = doc.sentence(claim.span[0])
    ends = [m.end() for m in _ANALYSTS_EXPECT.finditer(doc.text, a, claim.span[0])]
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
