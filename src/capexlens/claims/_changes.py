"""Small pieces of the verifier: a figure said as a change ("raised its capex budget by
$10 billion"), set against the step between a plan's last two public versions; the growth
of a year to date from the stored quarters; and the period a verdict shows for its claim.

Private to the verifier (:mod:`capexlens.claims.verify`).
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from capexlens.claims._evidence import (
    ISO,
    PLANS,
    Bounds,
    Candidate,
    FactIndex,
    derived_sum,
    fact_text,
    fmt_value,
    printed_ulp,
    shift_back,
)
from capexlens.models import (
    Claim,
    Evidence,
    Fact,
    Period,
    Reason,
    Source,
    SourceKind,
    Verdict,
    VerdictLabel,
)
from capexlens.periods import calendar_quarter_label

__all__ = ["change", "with_period", "ytd_growth"]


def with_period(claim: Claim, period: Period | None) -> Claim:
    if period is None:
        return claim
    if (claim.metric or "").startswith("market"):  # markets run on calendar quarters
        label = calendar_quarter_label(period)
        period = Period(period.start, period.end, label.replace("Q", " Q")) if label else period
    return claim.with_(period=period)


def change(idx: FactIndex, claim: Claim, b: Bounds, at: list[Candidate]) -> Verdict:
    """ "raised its capex budget by $10 billion": the step between the last two versions."""
    if "yoy" in claim.qualifiers or "seq" in claim.qualifiers:
        since = "the quarter before" if "seq" in claim.qualifiers else "a year earlier"
        return Verdict(
            claim,
            VerdictLabel.UNVERIFIABLE,
            explanation=f"A change from {since}, not a level; the store compares levels.",
        )
    if claim.metric not in PLANS:  # sources differing on a reported figure are no revision
        return Verdict(
            claim,
            VerdictLabel.UNVERIFIABLE,
            explanation="A change, not a level; the store compares levels.",
        )
    versions = sorted(
        (c for c in at if idx.as_of is None or c.fact.known_on <= idx.as_of),
        key=lambda c: c.fact.known_on,
    )
    steps = [(x, y) for x, y in itertools.pairwise(versions) if x.fact.value != y.fact.value]
    if not steps or not claim.unit:
        return Verdict(
            claim,
            VerdictLabel.UNVERIFIABLE,
            explanation=("A change, not a level; the store has no revision to compare it with."),
        )
    old, new = steps[-1]
    delta = _step(old.fact, new.fact)
    if claim.unit != new.fact.unit:
        if b.meets(delta) and ISO.match(claim.unit) and ISO.match(new.fact.unit):
            return Verdict(
                claim,
                VerdictLabel.CONTRADICTED,
                (Reason.WRONG_CURRENCY,),
                new.fact.value - old.fact.value,
                new.fact.unit,
                (Evidence(new.fact, "expected"), Evidence(old.fact, "superseded")),
                f"The change is in {new.fact.unit}, not {claim.unit}.",
            )
        return Verdict(
            claim,
            VerdictLabel.UNVERIFIABLE,
            explanation=(f"A change in {claim.unit}; the store's figures are in {new.fact.unit}."),
        )
    value = new.fact.value - old.fact.value
    ev = (Evidence(new.fact, "match"), Evidence(old.fact, "superseded"))
    said = f"from {fact_text(old.fact)} to {fact_text(new.fact)}"
    flipped = Bounds(-b.hi, -b.lo)
    if b.meets(delta) or flipped.meets(delta):
        return Verdict(
            claim, VerdictLabel.SUPPORTED, (), value, new.fact.unit, ev, f"The figure moved {said}."
        )
    return Verdict(
        claim,
        VerdictLabel.CONTRADICTED,
        (Reason.ARITHMETIC,),
        value,
        new.fact.unit,
        ev,
        f"The figure moved by {fmt_value(value, new.fact.unit)}, {said}.",
    )


def _step(old: Fact, new: Fact) -> Bounds:
    """The step between two versions of a plan, as a writer reads it off the printed
    figures ("$75bn" to "approximately $85 billion" is $10 billion): each end may be
    rounded by half its last printed digit. The "approximately" of a plan widens what the
    plan may turn out to be, not the step the company announced, so it does not widen
    this."""
    value = new.value - old.value
    slack = (printed_ulp(old.as_printed, old.value) + printed_ulp(new.as_printed, new.value)) / 2
    return Bounds(value - slack, value + slack)


def ytd_growth(idx: FactIndex, claim: Claim, period: Period) -> Candidate | None:
    """The growth of a year to date ("累計今年6個月 ... 收入4,954.47億元，增3%"): the sum of
    its stored quarters over the sum of the same quarters a year before, said to be
    derived; None unless both sums can be made."""
    metric = claim.metric or ""
    if not metric.endswith("_growth_yoy") or claim.entity is None:
        return None
    base = metric.removesuffix("_growth_yoy")
    before = shift_back(period, "yoy")
    if before is None:
        return None
    levels = [  # the quarters public by the article date
        c
        for c in idx.series(claim.entity, base, claim.segment or "", strict=True)
        if idx.as_of is None or c.fact.known_on <= idx.as_of
    ]
    now = derived_sum(idx.snapshot, levels, period)
    prev = derived_sum(idx.snapshot, levels, Period(*before, f"{period.label} a year before"))
    if now is None or prev is None or prev.bounds.lo <= 0:
        return None
    value = ((now.fact.value / prev.fact.value - 1) * 100).quantize(Decimal("0.1"))
    how = f"({now.fact.derivation}) / ({prev.fact.derivation}) - 1"
    src = Source(
        now.fact.source.url,
        f"derived: {how}",
        "capexlens",
        max(now.fact.known_on, prev.fact.known_on),
        SourceKind.DERIVED,
    )
    fact = Fact(
        claim.entity,
        metric,
        period,
        value,
        "percent",
        "",
        src,
        "derived",
        "growth of the year to date, from the stored quarters' sums",
        src.published,
        claim.segment or "",
        derivation=how,
        derived_from=now.fact.derived_from + prev.fact.derived_from,
        primary=False,
    )
    lo = (now.bounds.lo / prev.bounds.hi - 1) * 100
    hi = (now.bounds.hi / prev.bounds.lo - 1) * 100
    return Candidate(fact, Bounds(lo, hi))
