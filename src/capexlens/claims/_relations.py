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
    "bases_follow_levels",
    "bases_of_the_rate_before",
    "carried_plans",
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
            out[i] = _same_basis(out[i], other)
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


def _same_basis(growth: Claim, level: Claim) -> Claim:
    """ "non-IFRS operating profit was 59.5 billion yuan, up 21%": the growth of a level read
    on the adjusted basis is the adjusted figure's growth too."""
    if growth.kind is not ClaimKind.GROWTH or not growth.metric or not level.metric:
        return growth
    base = level.metric.removesuffix("_non_gaap")
    if base != level.metric and growth.metric.startswith(f"{base}_growth_"):
        kind = growth.metric.removeprefix(f"{base}_growth_")
        return growth.with_(metric=f"{level.metric}_growth_{kind}")
    return growth


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
        named = "cue:" in " ".join(other.qualifiers)
        if claim.kind is ClaimKind.CONVERSION and other.kind is not ClaimKind.CONVERSION and named:
            # "RMB 108.8 billion (USD 15.2 billion)": the translation is of what its amount is
            changes |= {"metric": other.metric, "segment": other.segment}
        elif (
            claim.metric is None
            and other.metric is not None
            and (claim.kind is ClaimKind.CONVERSION or "cue:" not in " ".join(claim.qualifiers))
        ):
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


# A sentence that steps a plan on: a verb of revision with the new level after "to" ("It
# raised the range to", "moved up again, to"), or the plan named by a noun before the
# figure ("The range became"); "It also raised $10.5 billion in bonds" is no step.
_REVISION_RE = re.compile(
    r"(?i)\b(?:raised|raising|lifted|lifting|increased|boosted|upped|cut|lowered|trimmed|"
    r"reduced|narrowed|narrowing|tightened|widened|moved|revised)\b.*\bto\s*$"
)
_PLAN_NOUN_RE = re.compile(r"(?i)\b(?:range|plan|forecast|outlook|guidance|target|budget)\b")
_HEADING_RE = re.compile(r"(?m)^\s{0,3}#{1,6}\s")


def carried_plans(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """A plan told step by step ("- **April 2024.** It raised the range to $35-40 billion."):
    an amount without a metric, in a sentence that revises or names a plan, goes on with
    the plan figure of a sentence shortly before it, of the same company. It
    takes that plan's metric, and its period unless it names a year of its own ("The first
    2025 plan was $60-65 billion"). A heading between them ends the plan unless the
    sentence names the plan by a noun. Qualifier ``metric:carried``.
    """
    out = list(claims)
    plan: Claim | None = None  # the plan the sentences are telling, if still told
    last: Claim | None = None  # the last plan figure, which a plan noun may name again
    for i, c in enumerate(claims):
        if c.metric is not None:
            if c.metric.endswith("_guidance") and is_money(c):
                plan = last = c
            elif plan is not None and is_money(c) and c.entity == plan.entity:
                plan = None  # "In the end Meta spent $39.23 billion": the plan's story is over
            continue
        before = doc.text[doc.sentence(c.span[0])[0] : c.span[0]]
        if any(q.startswith("cue:") or q == "estimate" for q in c.qualifiers):
            continue  # "its total expense outlook": words of its own name another metric
        named = _PLAN_NOUN_RE.search(before) is not None
        base = plan or (last if named else None)
        # another currency is carried too: "RMB35-40 billion" of a dollar plan is a slip
        if base is None or not is_money(c) or c.entity != base.entity:
            continue
        if not named and not _REVISION_RE.search(before):
            continue
        far = doc.sentence_index(c.span[0]) - doc.sentence_index(base.span[0]) > 12
        if far or (_HEADING_RE.search(doc.text, base.span[1], c.span[0]) and not named):
            continue
        own_year = "period:own" in c.qualifiers and c.period is not None and c.period.days > 360
        period = c.period if own_year else base.period
        quals = [q for q in c.qualifiers if not q.startswith("period:")]
        quals += ["metric:carried", "period:explicit" if own_year else "period:carried"]
        out[i] = c.with_(metric=base.metric, period=period, qualifiers=tuple(quals))
        plan = last = out[i]
    return out


_UP_FROM_GAP = re.compile(
    r"(?i)\s*,?\s*(?:(?:an?\s+)?(?:increase|rise|decrease|drop|change|up|down|raised|"
    r"increased|lowered|cut|narrowed|revised)\s+)?(?:from|compared\s+(?:to|with)|versus|vs\.?)"
    r"\s+(?:(?:its|the|a|their)\s+)?(?:(?:prior|previous|earlier|original|initial)\s+)?"
    r"(?:(?:outlook|guidance|forecast|plan|range|view|target)\s+)?(?:of\s+)?"
)


def bases_follow_levels(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """A base right after the level it is compared with ("total expenses of $116-118
    billion, up from $114-118 billion"; "capital spending of $70-72 billion, increased from
    its prior outlook of $66-72 billion") measures what that level measures: it takes the
    level's metric, or none if the level has none."""
    out = list(claims)
    for i in range(1, len(claims)):
        c, level = claims[i], out[i - 1]
        if not {"from", "compared"} & set(c.qualifiers) or {"from", "compared"} & set(
            level.qualifiers
        ):
            continue
        rate = level.kind is ClaimKind.GROWTH and level.metric is not None
        if rate and level.metric:
            # "capex of $91.4 billion, a 74% jump from $52.5 billion in 2024": the base of a
            # growth is a level of what the growth measures, reported even under a plan's
            # growth ("$18 billion in fiscal 2026, a 77% increase from $10.3 billion")
            as_level = _as_kind(level.metric, c)
            level = level.with_(metric=as_level.removesuffix("_guidance") if as_level else None)
        if not (is_money(c) and (rate or is_money(level))) or c.entity != level.entity:
            continue
        if not _UP_FROM_GAP.fullmatch(doc.text, level.span[1], c.span[0]):
            continue
        if level.metric is None and (
            "forecast" in level.qualifiers
            or not any(q.startswith("cue:") for q in level.qualifiers)
        ):
            continue  # a forecast's base is reported: "$47.5-50.5 billion, up from $40.6 billion"
        if c.metric != level.metric:
            quals = tuple(q for q in c.qualifiers if not q.startswith("cue:"))
            cue = next((q for q in level.qualifiers if q.startswith("cue:")), None)
            out[i] = c.with_(
                metric=level.metric,
                segment=level.segment,
                qualifiers=(*quals, *([cue] if cue else []), "metric:of-level"),
            )
    return out
