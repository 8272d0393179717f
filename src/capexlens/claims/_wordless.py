"""Claims printed without digits of their own: multiples, "triple-digit", shares in words.

"doubled", "more than three-fold", "triple-digit growth", "more than half of",
"sixth consecutive quarter", "exceeds its past decade spending", "a record",
"million-dollar deals", "remained flat". Each is found by a fixed phrase pattern of
:mod:`capexlens.claims._grammar`; :class:`Draft` is the mutable claim both passes build.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal

from capexlens.amounts import read_number, read_scale
from capexlens.claims import _grammar as g
from capexlens.models import ClaimKind

__all__ = ["Draft", "records", "wordless"]


@dataclass(slots=True)
class Draft:
    """A claim being built; turned into a frozen :class:`Claim` at the end."""

    start: int
    end: int
    kind: ClaimKind
    value: Decimal | None
    unit: str | None
    printed: str
    high: Decimal | None = None
    quals: list[str] = field(default_factory=list)
    links: list[int] = field(default_factory=list)


def wordless(text: str, low: str) -> list[Draft]:
    """Claims printed without a figure of their own, from their fixed phrases."""
    drafts: list[Draft] = []
    for m in g.MULTIPLE_SCAN.finditer(text, low):
        multiple = _multiple(text, m)
        if multiple is not None:
            drafts.append(multiple)
    for m in g.NDIGIT_SCAN.finditer(text, low):
        drafts.append(_ndigit(m))
    for m in g.FRACTION_SCAN.finditer(text, low):
        value = g.FRACTION_VALUES[re.sub(r"\s+", " ", m.group("f").lower())]
        quals = _lead_quals(m) + (["approx"] if value % 1 else [])
        drafts.append(Draft(*m.span(), ClaimKind.SHARE, value, "percent", m.group(), None, quals))
    for m in g.ORDINAL_SCAN.finditer(text, low):
        o = m.group("o").lower()
        n = g.ORDINAL_VALUES.get(o) or int(re.sub(r"\D", "", o))
        qual = f"consecutive:{m.group('u').lower()}"
        drafts.append(
            Draft(*m.span(), ClaimKind.COUNT, Decimal(n), "count", m.group(), None, [qual])
        )
    for m in g.COMPARATIVE_SCAN.finditer(text, low):
        vs = "vs:past_decade" if "decade" in m.group("span").lower() else "vs:past_years"
        drafts.append(
            Draft(*m.span(), ClaimKind.COMPARATIVE, None, None, m.group(), None, ["exceeds", vs])
        )
    for m in g.SIZE_CLASS_SCAN.finditer(text, low):
        value = read_scale(m.group("s"))[0]
        drafts.append(
            Draft(*m.span(), ClaimKind.AMOUNT, value, "USD", m.group(), None, ["size_class"])
        )
    for m in g.FLAT_SCAN.finditer(text, low):
        drafts.append(
            Draft(
                *m.span(),
                ClaimKind.GROWTH,
                Decimal(0),
                "percent",
                m.group(),
                None,
                ["flat", "approx"],
            )
        )
    return drafts


def _lead_quals(m: re.Match[str]) -> list[str]:
    """Qualifiers of the approximation word a fixed phrase starts with ("more than half")."""
    q = m.group("q")
    if not q:
        return []
    return list(g.APPROX_BEFORE.get(re.sub(r"\s+", " ", q.lower()), ("approx",)))


def _multiple(text: str, m: re.Match[str]) -> Draft | None:
    """ "doubled", "more than three-fold", "nearly double": a GROWTH claim in ``ratio``."""
    if m.group("n"):
        # "are twofold" (two-part) is no growth: a "-fold" needs a lead, verb or noun.
        lead = m.group("q") or g.FOLD_VERB_RE.search(text[max(m.start() - 30, 0) : m.start()])
        if not lead and not g.FOLD_NOUN_RE.match(text[m.end() : m.end() + 20]):
            return None
        value = read_number(m.group("n").lower())
    else:
        value = g.MULTIPLE_VALUES[m.group("w").lower()]
    draft = Draft(*m.span(), ClaimKind.GROWTH, value, "ratio", m.group(), None, _lead_quals(m))
    tail = text[m.end() : m.end() + 40]
    for pattern, qual in ((g.YOY_RE, "yoy"), (g.QOQ_RE, "qoq")):
        found = pattern.match(tail.lstrip()) if tail[:1].isspace() else None
        if found is not None:
            draft.quals.append(qual)
            draft.end += len(tail) - len(tail.lstrip()) + found.end()
    if value < 1:
        draft.quals.append("decline")
    return draft


def _ndigit(m: re.Match[str]) -> Draft:
    """ "triple-digit growth": a GROWTH claim with bounds instead of a value."""
    size = m.group("d").lower().replace("-", " ").split()[-1]
    low, below = g.NDIGIT_BOUNDS[size]
    quals = ([f"min:{low}"] if low is not None else []) + [f"lt:{below}"]
    noun = m.group("n")
    if noun and g.DOWN_WORD_RE.match(noun.lower()):
        quals.append("decline")
    return Draft(*m.span(), ClaimKind.GROWTH, None, "percent", m.group(), None, quals)


def records(text: str, low: str, figures: list[Draft]) -> list[Draft]:
    """Stand-alone "a record" claims; a record that prefixes a figure is its qualifier."""
    starts = sorted(d.start for d in figures)
    drafts = []
    for m in g.RECORD_SCAN.finditer(text, low):
        i = bisect.bisect_left(starts, m.end())
        if i < len(starts) and starts[i] - m.end() <= 3:
            continue
        drafts.append(
            Draft(*m.span(), ClaimKind.COMPARATIVE, None, None, m.group(), None, ["record"])
        )
    return drafts
