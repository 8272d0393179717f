"""Checks an article earns from its own words, before any fact is consulted.

- a figure printed with two currencies ("$38.6 billion RMB");
- a conversion ("$53 billion (RMB380 billion)") against the stored rate nearest its day,
  and a parenthetical restatement in the *same* currency that differs;
- a growth rate or multiple ("more than doubled") against the two values its sentence gives;
- "exceeds its past decade spending" against the store's multi-year capex total;
- a fiscal year named and its end dated another day ("fiscal 2025, the year to June 30,
  2024"), which the linker marks ``period:conflict:<day>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from capexlens.claims._evidence import (
    FAMILY,
    ISO,
    NUM,
    Bounds,
    Candidate,
    FactIndex,
    Hit,
    as_claim_unit,
    best,
    claim_bounds,
    fact_bounds,
    fact_text,
    fmt_value,
    period_rates,
)
from capexlens.fx import money_text
from capexlens.models import (
    Claim,
    ClaimKind,
    Evidence,
    Fact,
    FxRate,
    Money,
    Period,
    Reason,
    Verdict,
    VerdictLabel,
)

__all__ = ["Inner", "consistency"]


class Inner(NamedTuple):
    """A verdict the article earns from its own words, and the figures it was set against.

    ``against`` holds the indices of the two figures a failed growth check joined: the
    caller asks the store about them before blaming the growth (empty otherwise).
    """

    verdict: Verdict
    against: tuple[int, ...] = ()


def _fx_fact(r: FxRate) -> Fact:
    """An FX rate dressed as a fact, to cite as evidence."""
    day = Period(r.day, r.day, r.day.isoformat())
    return Fact(
        "FX",
        "fx_rate",
        day,
        r.rate,
        f"{r.quote} per {r.base}",
        r.as_printed or str(r.rate),
        r.source,
        r.locator,
        f"{r.kind} rate",
        r.day,
    )


def _day(idx: FactIndex, claim: Claim) -> date | None:
    """The day a figure's conversion should use: its period's end, or the article's date."""
    p = claim.period
    if p is not None and (idx.as_of is None or p.end <= idx.as_of):
        return p.end
    return idx.as_of or (p.end if p is not None else None)


def _like(value: Decimal, unit: str, printed: str) -> str:
    """``value`` written with as many decimals as ``printed`` shows ("about US$5.4 billion")."""
    token = next(iter(NUM.findall(printed)), "")
    decimals = len(token.split(".")[1]) if "." in token else 0
    for size, word in (
        (Decimal("1e12"), "trillion"),
        (Decimal("1e9"), "billion"),
        (Decimal("1e6"), "million"),
    ):
        if abs(value) >= size:
            text = money_text(Money(Decimal(1), unit)).split("1")[0]
            return f"{text}{value / size:,.{decimals}f} {word}"
    return fmt_value(value, unit)


def consistency(idx: FactIndex, claims: Sequence[Claim]) -> dict[int, Inner]:
    """Verdicts the article earns from its own words: currency conflicts, conversions,
    growth against the two values it joins, comparatives against the store's totals."""
    out: dict[int, Inner] = {}
    for i, c in enumerate(claims):
        v = (
            _wrap(_currency_conflict(idx, c))
            or _wrap(_dated_twice(c))
            or _wrap(_conversion(idx, c, claims))
            or _growth_arithmetic(c, _sentence_mates(claims, i), claims)
            or _wrap(_comparative(idx, c, claims))
        )
        if v is not None:
            out[i] = v
    return out


def _wrap(verdict: Verdict | None) -> Inner | None:
    return Inner(verdict) if verdict is not None else None


def _currency_conflict(idx: FactIndex, claim: Claim) -> Verdict | None:
    q = next((q for q in claim.qualifiers if q.startswith("currency_conflict:")), None)
    if q is None or claim.value is None or not claim.unit:
        return None
    other = next((c for c in q.split(":")[1].split("|") if c != claim.unit), None)
    text = f"'{claim.as_printed}' names two currencies at once."
    day = _day(idx, claim)
    rate = idx.rate(claim.unit, other, day) if other and day else None
    evidence: tuple[Evidence, ...] = ()
    if rate is not None and other is not None:
        r, _, used = rate
        text += (
            f" {_like(claim.value, claim.unit, claim.as_printed)} is about "
            f"{_like(claim.value * r, other, claim.as_printed)}, while "
            f"{_like(claim.value, other, claim.as_printed)} would be about "
            f"{_like(claim.value / r, claim.unit, claim.as_printed)} (at {used.rate} "
            f"{used.quote} per {used.base}, {used.day})."
        )
        evidence = (Evidence(_fx_fact(used), "fx"),)
    return Verdict(
        claim, VerdictLabel.CONTRADICTED, (Reason.CURRENCY_CONFLICT,), None, None, evidence, text
    )


def _dated_twice(claim: Claim) -> Verdict | None:
    """ "$136.2 billion in fiscal 2025, the year to June 30, 2024": the text's two dates of
    the year disagree (Microsoft's fiscal 2025 ended June 30, 2025)."""
    said = next((q[16:] for q in claim.qualifiers if q.startswith("period:conflict:")), "")
    if not said or claim.period is None:
        return None
    return Verdict(
        claim,
        VerdictLabel.CONTRADICTED,
        (Reason.PERIOD_MISMATCH,),
        explanation=(
            f"The text dates the figure two ways: {claim.period.label} ended "
            f"{claim.period.end}, but the same sentence has the year end on {said}."
        ),
    )


def _conversion(idx: FactIndex, claim: Claim, claims: Sequence[Claim]) -> Verdict | None:
    """ "$53 billion (RMB380 billion)": does the pair agree with the rate of the day?"""
    restates = [int(q[9:]) for q in claim.qualifiers if q.startswith("restates:")]
    if claim.kind is not ClaimKind.CONVERSION and not restates:
        return None
    pair = [claims[j] for j in (*claim.related, *restates) if 0 <= j < len(claims)]
    same = next((p for p in pair if p.unit == claim.unit and p.value is not None), None)
    if restates and same is not None and claim.value is not None:
        sb, cb = claim_bounds(same), claim_bounds(claim)
        if sb is not None and cb is not None and not sb.meets(cb):
            return Verdict(
                claim,
                VerdictLabel.CONTRADICTED,
                (Reason.CONVERSION_MISMATCH,),
                same.value,
                same.unit,
                (),
                f"The figure in parentheses should restate {same.as_printed} in "
                f"another currency, but {claim.as_printed} is in the same one.",
            )
    outer = next((p for p in pair if p.unit and ISO.match(p.unit) and p.unit != claim.unit), None)
    b, ob = claim_bounds(claim), claim_bounds(outer) if outer else None
    day = _day(idx, claim) or (_day(idx, outer) if outer else None)
    if outer is None or b is None or ob is None or day is None or not claim.unit:
        return None
    rate = idx.rate(outer.unit or "", claim.unit, day)
    if rate is None:
        return None
    r, tol, used = rate
    implied = ob.scaled(r * (1 - tol), r * (1 + tol))
    ev = (Evidence(_fx_fact(used), "fx"),)
    at = f"at {used.rate} {used.quote} per {used.base} ({used.day})"
    assert outer.value is not None and claim.value is not None
    shown = _like(outer.value * r, claim.unit, claim.as_printed)
    # "Negative RMB 4.7 billion (-$653 million)": a sign written on one side only
    fits = b.meets(implied) or Bounds(-b.hi, -b.lo).meets(implied)
    text = f"{outer.as_printed} is about {shown} {at}, as printed."
    span = claim.period or outer.period
    seen = period_rates(idx, outer.unit or "", claim.unit, span) if span and not fits else None
    if seen is not None and b.meets(ob.scaled(seen[0] * (1 - tol), seen[1] * (1 + tol))):
        # a quarter's or a year's figure is often translated at the period's average rate,
        # as companies print their own: any rate the period saw will do
        fits = True
        text = (
            f"{outer.as_printed} is {claim.as_printed} at a rate the period saw (between "
            f"{seen[0]:.4f} and {seen[1]:.4f} {claim.unit} per {outer.unit}), as a company's "
            f"own translation at the period's average rate would be; {at} it is {shown}."
        )
    return Verdict(
        claim,
        VerdictLabel.SUPPORTED if fits else VerdictLabel.CONTRADICTED,
        () if fits else (Reason.CONVERSION_MISMATCH,),
        outer.value * r,
        claim.unit,
        ev,
        text if fits else f"{outer.as_printed} is about {shown} {at}, not {claim.as_printed}.",
    )


def _sentence_mates(claims: Sequence[Claim], i: int) -> list[Claim]:
    """The other claims of claim ``i``'s sentence: its neighbours in text order that share
    the sentence (a repeated sentence elsewhere in the article is another sentence)."""
    me = claims[i]
    reach = len(me.sentence)
    mates = []
    for step in (-1, 1):
        j = i + step
        while (
            0 <= j < len(claims)
            and claims[j].sentence == me.sentence
            and (abs(claims[j].span[0] - me.span[0]) <= reach)
        ):
            mates.append(claims[j])
            j += step
    return mates


def _comparable(prior: Claim, now: Claim) -> bool:
    """Whether two figures can be the two ends of one growth: the same unit and, where the
    linker placed them, the same company, metric and segment, and neither an estimate
    ("$28.2 bn ... vs. $2.18 consensus" are no such pair)."""
    if prior.unit != now.unit:
        return False
    if "estimate" in prior.qualifiers or "estimate" in now.qualifiers:
        return False
    if (prior.metric is None) != (now.metric is None):
        return False
    # a plan grows from the actual figure before it ("$125 billion for 2025, more than
    # doubling 2024's $83 billion")
    metrics = [(c.metric or "").removesuffix("_guidance") for c in (prior, now)]
    return (prior.entity, metrics[0], prior.segment) == (now.entity, metrics[1], now.segment)


def _growth_of(claim: Claim, prior: Claim, now: Claim) -> bool:
    """Whether the growth can be the change from ``prior`` to ``now``: of their metric (not
    "Azure grew 39% in constant currency, and capex was $30.9B, down from $37.5B"), on the
    same basis, and over the span the two levels are apart (not "up 99% Y/Y, vs. $625B at
    Q2")."""
    if "constant-currency" in claim.qualifiers or claim.entity != now.entity:
        return False
    level = (now.metric or "").replace("_guidance", "")  # a plan's growth is its metric's
    if now.metric is not None and not (claim.metric or "").startswith(f"{level}_growth"):
        return False
    if claim.metric is not None and claim.segment != now.segment:
        return False
    if prior.period is None or now.period is None:
        return True
    apart = (now.period.end - prior.period.end).days
    # a base dated by its own words ("vs. $625B at Q2") less than a year before the level
    dated = "period:own" in prior.qualifiers or apart > 0
    if "yoy" in claim.qualifiers and dated and apart < 300:
        return False
    return not ("qoq" in claim.qualifiers and apart > 150)


def _growth_arithmetic(claim: Claim, mates: list[Claim], claims: Sequence[Claim]) -> Inner | None:
    """A growth rate or multiple against the two values its sentence gives ("from A to B")."""
    if claim.kind is not ClaimKind.GROWTH or claim.value is None or not claim.sentence:
        return None
    same = [
        c for c in mates if c.kind in (ClaimKind.AMOUNT, ClaimKind.RANGE) and c.value is not None
    ]
    prior = [c for c in same if {"from", "compared"} & set(c.qualifiers)]
    if claim.unit == "ratio":
        # "up from $77 billion in 2024 and more than double the $48 billion in 2023": a
        # multiple's base is the figure it is said of, right after it
        after = [c for c in prior if c.span[0] >= claim.span[1]]
        prior = after[:1] + [c for c in prior if c not in after[:1]]
    now = [
        claims[j]
        for j in claim.related
        if 0 <= j < len(claims) and claims[j] in same and claims[j] not in prior
    ] or [c for c in same if c not in prior]
    if not prior or not now or not _comparable(prior[0], now[0]):
        return None
    if not _growth_of(claim, prior[0], now[0]):
        return None
    b, nb, pb = claim_bounds(claim), claim_bounds(now[0]), claim_bounds(prior[0])
    if b is None or nb is None or pb is None or pb.lo <= 0 or nb.lo <= 0:
        return None
    implied = Bounds((nb.lo / pb.hi - 1) * 100, (nb.hi / pb.lo - 1) * 100)
    assert now[0].value is not None and prior[0].value is not None
    pct = (now[0].value / prior[0].value - 1) * 100
    said = f"From {prior[0].as_printed} to {now[0].as_printed} is a change of {pct:.1f}%"
    if b.meets(implied) and now[0].value_high is not None and not b.covers(implied):
        # "between $115 billion and $135 billion, nearly double the $72.2 billion": the
        # words fit one end of the range and not the other
        said += f" at the low end and {(nb.hi / pb.lo - 1) * 100:.1f}% at the high end"
        return Inner(
            Verdict(
                claim,
                VerdictLabel.AMBIGUOUS,
                (),
                pct,
                "percent",
                (),
                f"{said}; '{claim.text}' fits only part of the range.",
            )
        )
    if b.meets(implied):
        said += ", as stated."
        return Inner(Verdict(claim, VerdictLabel.SUPPORTED, (), pct, "percent", (), said))
    wrong = Verdict(
        claim,
        VerdictLabel.CONTRADICTED,
        (Reason.ARITHMETIC,),
        pct,
        "percent",
        (),
        f"{said}, which '{claim.text}' does not bear out.",
    )
    return Inner(wrong, (claims.index(prior[0]), claims.index(now[0])))


def _comparative(idx: FactIndex, claim: Claim, claims: Sequence[Claim]) -> Verdict | None:
    """ "exceeds its past decade spending": the amount said of against the stored total."""
    if claim.kind is not ClaimKind.COMPARATIVE or "exceeds" not in claim.qualifiers:
        return None
    j = next((int(q[8:]) for q in claim.qualifiers if q.startswith("subject:")), None)
    years = 10 if "vs:past_decade" in claim.qualifiers else _years(claim.text)
    if j is None or years is None or claims[j].entity is None:
        return None
    subject = claims[j]
    entity = subject.entity or ""
    totals = [
        f
        for f in idx.known(idx.entity_facts(entity))
        if f.metric in FAMILY["capex"]
        and abs(f.period.days - 365.25 * years) <= 45 * years
        and (idx.as_of is None or f.period.end <= idx.as_of)
    ]
    sb = claim_bounds(subject)
    if not totals or sb is None:
        return Verdict(
            claim,
            VerdictLabel.UNVERIFIABLE,
            explanation=(
                f"The store has no total of {entity}'s spending over the past {years} years."
            ),
        )
    total = best([Hit(Candidate(f, fact_bounds(f))) for f in totals]).cand.fact
    conv = as_claim_unit(idx, subject, Candidate(total, fact_bounds(total)))
    if conv is None:
        return None
    tb = conv[0]
    ev = [Evidence(total, "expected")]
    said = f"{subject.as_printed} against {fact_text(total)}"
    if sb.lo >= tb.hi:
        return Verdict(
            claim,
            VerdictLabel.SUPPORTED,
            (),
            total.value,
            total.unit,
            tuple(ev),
            f"It does: {said}.",
        )
    if sb.hi > tb.lo:
        return Verdict(
            claim,
            VerdictLabel.AMBIGUOUS,
            (),
            total.value,
            total.unit,
            tuple(ev),
            f"Too close to call: {said}.",
        )
    bigger = [
        f
        for f in idx.known(idx.entity_facts(entity))
        if f.metric == "investment_commitment" and f.unit == total.unit and f.value > total.value
    ]
    tail = ""
    if bigger:
        ev.append(Evidence(bigger[0], "other_metric"))
        tail = f" It is the {fact_text(bigger[0])} plan that exceeds it."
    return Verdict(
        claim,
        VerdictLabel.CONTRADICTED,
        (Reason.ARITHMETIC,),
        total.value,
        total.unit,
        tuple(ev),
        f"{subject.as_printed} is far less than the {fact_bounds(total).lo and ''}"
        f"{fact_text(total)} spent over the past {years} years.{tail}",
    )


def _years(text: str) -> int | None:
    words = {
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "twenty": 20,
    }
    m = re.search(r"(?i)\b(\d{1,2}|" + "|".join(words) + r")\s+years\b", text)
    if m is None:
        return None
    w = m.group(1).lower()
    return int(w) if w.isdigit() else words[w]
