"""Relations between the claims of one article, after each is linked on its own words.

A growth and the level it reached share what one of them lacks; a base in a "This
represents an increase from ..." sentence measures the figure before it; a base a year back
dates the figure beside it; a parenthetical amount restates the one before it; a comparative
("exceeds the past decade") is said of the amount before it. Each pass takes the linked
claims in text order and returns new ones: nothing is changed in place.
"""

from __future__ import annotations

import re

from capexlens.claims._names import PER_SHARE_METRICS, Doc, is_money
from capexlens.models import Claim, ClaimKind

__all__ = [
    "anaphoric_bases",
    "anchored_by_base",
    "bases_of_the_rate_before",
    "link_comparative",
    "mark_restated",
    "share_related",
]


def mark_restated(text: str, claims: list[Claim]) -> list[Claim]:
    """Mark an amount in parentheses right after another ("CNY48.9 billion (USD6.7 billion)")
    with ``restates:<index>``: it should be the same amount in another currency."""
    out = list(claims)
    for i in range(len(claims) - 1):
        a, b = claims[i], claims[i + 1]
        if not (is_money(a) and is_money(b)):
            continue
        if re.fullmatch(r"\s*\(\s*", text[a.span[1] : b.span[0]]) and text[
            b.span[1] : b.span[1] + 3
        ].lstrip().startswith(")"):
            out[i + 1] = b.with_(qualifiers=(*b.qualifiers, f"restates:{i}"))
    return out


def share_related(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """A growth and the level it reached ("jumped 55% to $3.3 billion") share what one of
    them lacks: entity, segment, period and, through the growth's base, the metric. A growth
    without a period of its own takes that of the amount before it in its clause ("$75
    billion in annual revenue ... with 39% growth")."""
    out = list(claims)
    for i, c in enumerate(claims):
        for j in c.related:
            if not 0 <= j < len(claims):
                continue
            other = claims[j]
            out[i] = _borrow(out[i], other)
    for i, c in enumerate(out):
        if c.kind is not ClaimKind.GROWTH or not {"period:implicit", "period:context"} & set(
            c.qualifiers
        ):
            continue
        lo, _ = doc.clause(c)
        for j in range(i - 1, -1, -1):
            o = out[j]
            if o.span[0] < lo:
                break
            if (
                is_money(o)
                and "period:explicit" in o.qualifiers
                and o.entity == c.entity
                and o.segment == c.segment
                and not {"from", "compared"} & set(o.qualifiers)
            ):
                out[i] = _borrow(c, o)
                break
    return out


_THIS_RE = re.compile(r"(?i)(?:this|that|it|which)\s+(?:represents|marks|is|was|compares)\b")


def anaphoric_bases(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """A base that names no metric in a sentence about the figure before it ("EPS of $1.68
    ... This represents an increase from $1.26 in Q2 2024") measures what that figure
    measures: the last reported (not estimated) figure of the sentence before, of the
    same entity and currency."""
    out = list(claims)
    for i, c in enumerate(claims):
        quals = set(c.qualifiers)
        if c.metric is not None or not {"from", "compared"} & quals or not is_money(c):
            continue
        if any(q.startswith("cue:") for q in quals):
            continue
        a, _ = doc.sentence(c.span[0])
        if not _THIS_RE.match(doc.text, a):
            continue
        k = doc.sentence_index(a) - 1
        if k < 0:
            continue
        prev_a = doc.sentences[k][0]
        earlier = [
            o
            for o in out[:i]
            if prev_a <= o.span[0] < a
            and o.metric is not None
            and o.entity == c.entity
            and "estimate" not in o.qualifiers
            and (o.unit or "").split("/")[0] == c.unit
        ]
        if earlier:
            o = earlier[-1]
            unit = o.unit if o.metric in PER_SHARE_METRICS else c.unit
            out[i] = c.with_(metric=o.metric, segment=o.segment, unit=unit)
    return out


def bases_of_the_rate_before(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """A rate compared with, naming no metric ("a margin of 40.1%, lower than the 42.7% a
    year earlier"), measures what the rate before it in its sentence measures."""
    out = list(claims)
    for i, c in enumerate(claims):
        quals = set(c.qualifiers)
        if c.metric is not None or c.unit != "percent" or not {"from", "compared"} & quals:
            continue
        if any(q.startswith("cue:") for q in quals):
            continue
        a, _ = doc.sentence(c.span[0])
        before = [
            o
            for o in out[:i]
            if a <= o.span[0]
            and o.metric is not None
            and o.unit == "percent"
            and o.kind is c.kind
            and not {"from", "compared"} & set(o.qualifiers)
        ]
        if before:
            o = before[-1]
            out[i] = c.with_(entity=o.entity, metric=o.metric, segment=o.segment)
    return out


def anchored_by_base(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """A figure without a period beside a base a year before its assumed one ("improved to
    11.0%, compared to 7.8% in Q2 2024") is that year-later period's: the base dates it."""
    out = list(claims)
    for i, c in enumerate(claims):
        if "period:implicit" not in c.qualifiers or c.period is None:
            continue
        _, b = doc.sentence(c.span[0])
        for o in claims[i + 1 :]:
            if o.span[0] >= b:
                break
            if (
                "period:own" in o.qualifiers
                and {"from", "compared"} & set(o.qualifiers)
                and o.entity == c.entity
                and o.metric in (c.metric, None)
                and o.period is not None
                and o.period.days == c.period.days
                and abs((c.period.end - o.period.end).days - 365) <= 3
            ):
                quals = tuple(
                    "period:context" if q == "period:implicit" else q for q in c.qualifiers
                )
                out[i] = c.with_(qualifiers=quals)
                break
    return out


def _borrow(claim: Claim, other: Claim) -> Claim:
    changes: dict[str, object] = {}
    if claim.kind is ClaimKind.CONVERSION or other.kind is ClaimKind.CONVERSION:
        if claim.metric is None and other.metric is not None:
            changes |= {"metric": other.metric, "segment": other.segment}
        if claim.period is None and other.period is not None:
            changes["period"] = other.period
        return claim.with_(**changes) if changes else claim
    if (
        claim.metric is None
        and other.metric is not None
        and "cue:" not in " ".join(claim.qualifiers)
    ):
        metric = _as_kind(other.metric, claim)
        if metric is not None:
            changes |= {"metric": metric, "segment": other.segment}
    loose = {"period:implicit", "period:context"}
    if loose & set(claim.qualifiers) and "period:explicit" in other.qualifiers:
        changes["period"] = other.period
        changes["qualifiers"] = tuple(
            "period:explicit" if q in loose else q for q in claim.qualifiers
        )
    return claim.with_(**changes) if changes else claim


def _as_kind(metric: str, claim: Claim) -> str | None:
    """``metric`` (of a related claim) turned into the metric of this claim's kind."""
    base = metric.removesuffix("_growth_yoy").removesuffix("_growth_qoq")
    if claim.kind is ClaimKind.GROWTH:
        return f"{base}_growth_{'qoq' if 'qoq' in claim.qualifiers else 'yoy'}"
    if is_money(claim):
        return base
    return None


def link_comparative(doc: Doc, index: int, claim: Claim, linked: list[Claim]) -> Claim:
    """A comparative ("exceeds its past decade spending") is said of the amount before it."""
    if claim.kind is not ClaimKind.COMPARATIVE:
        return claim
    a, _ = doc.sentence(claim.span[0])
    prev_a, _ = doc.sentence(max(a - 2, 0))
    for j in range(index - 1, -1, -1):
        c = linked[j]
        if c.span[0] < prev_a:
            break
        if c.kind in (ClaimKind.AMOUNT, ClaimKind.CONVERSION) and is_money(c):
            return claim.with_(
                entity=c.entity,
                metric=c.metric,
                segment=c.segment,
                period=c.period,
                related=(*claim.related, j),
                qualifiers=(*claim.qualifiers, f"subject:{j}"),
            )
    return claim
