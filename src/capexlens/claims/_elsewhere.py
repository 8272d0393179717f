"""What else a figure that matches nothing of its own may be: another metric's, segment's or
company's figure of the period, a sum of two (buybacks plus dividends), a scale slip or a
currency slip. Used by :mod:`capexlens.claims.verify` to give a contradiction its reason."""

from __future__ import annotations

import re
from decimal import Decimal

from capexlens.claims._evidence import (
    FAMILY,
    ISO,
    Bounds,
    FactIndex,
    claim_unit_bounds,
    fact_bounds,
    fact_text,
    hit,
    is_floor,
    latest_versions,
    signed_meets,
)
from capexlens.models import Claim, Fact

__all__ = [
    "elsewhere",
    "is_round",
    "metric_name",
    "mistaken_metric",
    "named",
    "other_currency",
    "own_segment",
    "scale_slip",
]


def metric_name(idx: FactIndex, metric: str) -> str:
    """What a reader calls a metric ("share repurchases")."""
    known = idx.registry.metrics.get(metric)
    return known.name.lower() if known else metric.replace("_", " ")


def own_segment(claim: Claim, f: Fact) -> bool:
    """Whether ``f`` is the claim's measure for one segment of the claim's company, where
    the claim names none (a segment's revenue is stored as segment_revenue)."""
    return (
        f.entity == claim.entity
        and f.metric.replace("segment_revenue", "revenue") == claim.metric
        and bool(f.segment)
        and not claim.segment
    )


def is_round(claim: Claim) -> bool:
    """Whether a figure is printed with fewer than three significant digits ("$10 billion",
    "RMB9 billion"): many other figures round to it."""
    digits = re.sub(r"\D", "", (claim.as_printed or claim.text).split("(")[0]).lstrip("0")
    return len(digits) < 3


def named(idx: FactIndex, claim: Claim, f: Fact, nearest: bool = True) -> bool:
    """Whether the claim's sentence names the entity, segment or metric of ``f`` where it
    differs from the claim's own; with ``nearest``, not if the claim's own segment is the
    name nearest before the figure (then the text meant its own)."""
    text = claim.sentence.casefold()
    names: list[str] = []
    reg = idx.registry
    if f.entity != claim.entity and f.entity in reg.entities:
        e = reg.entities[f.entity]
        names += [e.name, *e.aliases]
    if f.segment and f.segment != claim.segment and f.segment in reg.dimensions:
        d = reg.dimensions[f.segment]
        names += [d.name, *d.aliases]
    if f.metric != claim.metric and f.metric in reg.metrics:
        names += list(reg.metrics[f.metric].words)
    other = _ends(text, names)
    if not other:
        return False
    own_dim = reg.dimensions.get(claim.segment or "")
    at = text.find(claim.text.casefold())
    if not nearest or own_dim is None or f.segment == claim.segment or at < 0:
        return True
    # "VAS revenue rose 16% ..., and Marketing Services revenue was RMB35.8bn, up 16%": the
    # name nearest before the figure is its own, so the text meant that one
    own = _ends(text, [own_dim.name, *own_dim.aliases])
    before = [(e, False) for e in other if e <= at] + [(e, True) for e in own if e <= at]
    return not (before and max(before)[1])


def _ends(text: str, names: list[str]) -> list[int]:
    """Where each match of any of ``names`` ends in ``text`` (casefolded)."""
    return [
        m.end()
        for n in names
        for m in re.finditer(rf"(?<!\w){re.escape(n.casefold())}(?!\w)", text)
    ]


def scale_slip(idx: FactIndex, claim: Claim, b: Bounds, f: Fact) -> int:
    """The power of ten the claim is off by from ``f`` (0 if none); amounts only, since a
    rate ten times another (141% against 14%) is a different rate, not a misread scale."""
    conv = claim_unit_bounds(idx, claim, idx.snapshot.candidate(f))
    if conv is None or claim.value is None or claim.unit in ("percent", "ratio"):
        return 0  # a multiple ("more than doubled") has no scale word to misread either
    for k in (1, 2, 3, -1, -2, -3):
        # a scale slip is gross: 1% slack covers the digits the slip added or lost
        lo, hi = Decimal(10) ** k * Decimal("0.99"), Decimal(10) ** k * Decimal("1.01")
        if b.meets(conv.scaled(lo, hi)):
            return k
    return 0


def other_currency(idx: FactIndex, claim: Claim, f: Fact, b: Bounds) -> str:
    """The currency in which the claim's number is right, if it is not the claim's own."""
    unit = claim.unit or ""
    if not (ISO.match(unit) and ISO.match(f.unit)):
        return ""
    fb = fact_bounds(f)
    if unit != f.unit and fb.meets(b):
        return f.unit
    for code in ("USD", "CNY", "HKD", "EUR"):
        if code in (unit, f.unit):
            continue
        rate = idx.rate(f.unit, code, min(f.period.end, idx.as_of or f.period.end))
        if rate is not None:
            r, tol, _ = rate
            if fb.scaled(r * (1 - tol), r * (1 + tol)).meets(b):
                return code
    return ""


def elsewhere(
    idx: FactIndex, claim: Claim, b: Bounds, expected: Fact
) -> tuple[list[Fact], str] | None:
    """Another metric, segment or entity of the same period whose figure the claim gives,
    or a sum of two of the entity's figures ("buybacks plus dividends")."""
    assert claim.entity is not None
    start, end = expected.period.start, expected.period.end
    family = FAMILY.get(claim.metric or "", ())
    same = [
        f
        for f in idx.known_span(claim.entity, start, end)
        if (f.metric, f.segment) != (expected.metric, expected.segment)
        and f.metric not in family
        # a floor ("more than $50 billion") is met by any figure a little above it, and a
        # range ("$64-72 billion") by any inside it: too loose to say what another figure is
        and not is_floor(f)
        and (f.value_high is None or claim.value_high is not None)
    ]
    snap = idx.snapshot
    for f in same:
        # a rate equal to some other rate of the quarter is likely chance (the store holds
        # dozens per quarter) unless the sentence names what the other one measures, and
        # so is a round sum ("$10 billion"); the cheap comparison first, the naming (a scan
        # of the sentence) only for a match
        # ... except the metric's own GAAP/non-GAAP twin ("EPS was $1.7" for the $1.70
        # non-GAAP figure): the likeliest other reading of the words, never chance
        metric = claim.metric or ""
        twin = f.metric in (f"{metric}_non_gaap", metric.removesuffix("_non_gaap")) and (
            f.metric != metric
        )
        loose = (claim.unit == "percent" or is_round(claim)) and not twin
        if hit(idx, claim, snap.candidate(f), b) and (
            not loose or named(idx, claim, f, nearest=False)
        ):
            what = metric_name(idx, f.metric) + (f" of {f.segment}" if f.segment else "")
            return [f], f"The figure is {what}: {fact_text(f)}."
    # a sum of two figures is found for a round figure by chance alone
    pair = None if is_round(claim) else _sum_of_two(idx, claim, b, same, expected)
    if pair is not None:
        f, g = pair
        return [f, g], (
            f"The figure is {metric_name(idx, g.metric)} plus {metric_name(idx, f.metric)}: "
            f"{fact_text(g)} + {fact_text(f)}."
        )
    peers = set(idx.peers)
    if expected.metric.startswith("market"):
        peers |= idx.holders(expected.metric, expected.segment)
    for entity in sorted(peers):
        if entity == claim.entity:
            continue
        for f in idx.known_span(entity, start, end):
            if (f.metric, f.segment) == (expected.metric, expected.segment) and hit(
                idx, claim, snap.candidate(f), b
            ):
                return [f], f"The figure is {entity}'s: {fact_text(f)}."
    return None


def mistaken_metric(idx: FactIndex, claim: Claim, b: Bounds) -> Fact | None:
    """The stored figure of the metric writers take the claim's for, when the store holds
    none of the claim's own and that one is the claim's figure of its period ("customer
    numbers rose 28%" where new customers rose 28%).

    Only metrics the vocabulary pairs this way (:attr:`Metric.confused_with`) are read: a
    pair is declared because the two measure different things that one word ("customers")
    names, so a match is the article's mislabel rather than chance.
    """
    known = idx.registry.metrics.get(claim.metric or "")
    if known is None or not known.confused_with or claim.entity is None or claim.period is None:
        return None
    period = claim.period
    facts = [
        f
        for f in idx.known(idx.snapshot.metric_facts(claim.entity, (known.confused_with,)))
        if f.period.same_span(period) and (f.segment == claim.segment or not claim.segment)
    ]
    snap = idx.snapshot
    return next((f for f in facts if hit(idx, claim, snap.candidate(f), b)), None)


_SUMMED = frozenset({"share_repurchases", "dividends"})


def _sum_of_two(
    idx: FactIndex, claim: Claim, b: Bounds, same: list[Fact], expected: Fact
) -> tuple[Fact, Fact] | None:
    """Two money figures of the entity (of two metrics, one currency) whose sum the claim
    gives: what :func:`hit` finds of a fact summing them, without building each sum.

    A sum prints no words (no floor, no ceiling) and is money, so only its bounds in the
    claim's unit decide; all figures are of one period, so one rate per currency serves.
    """
    unit = claim.unit or ""
    if not ISO.match(unit):
        return None  # a sum of money is never in a claim's unit that is no currency
    money = [f for f in latest_versions(same).values() if ISO.match(f.unit)]
    money.append(expected)
    factors: dict[str, tuple[Decimal, Decimal] | None] = {}
    snap = idx.snapshot
    for i, f in enumerate(money):
        for g in money[i + 1 :]:
            # only figures a writer adds up: cash returned (buybacks plus dividends); a sum
            # of unrelated figures matches some claim by chance alone
            if f.unit != g.unit or f.metric == g.metric or not {f.metric, g.metric} <= _SUMMED:
                continue
            sb = snap.candidate(f).bounds
            gb = snap.candidate(g).bounds
            fb = Bounds(sb.lo + gb.lo, sb.hi + gb.hi)
            if f.unit != unit:
                if f.unit not in factors:
                    rate = idx.rate(f.unit, unit, min(f.period.end, idx.as_of or f.period.end))
                    factors[f.unit] = (
                        None if rate is None else (rate[0] * (1 - rate[1]), rate[0] * (1 + rate[1]))
                    )
                factor = factors[f.unit]
                if factor is None:
                    continue
                fb = fb.scaled(*factor)
            if signed_meets(claim, b, fb):
                return f, g
    return None
