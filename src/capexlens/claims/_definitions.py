"""Figures a little off the store's that may be the same line on a definition the store
does not hold: profit for the period beside profit attributable, basic beside diluted
earnings per share, capex without the finance leases a company's headline figure adds, a
growth in constant currency beside the dollar rate; and a year's capex on that
lease-inclusive basis, which the store may hold per quarter only.

Each of the first four is a reason to call a mismatch *ambiguous* rather than
*contradicted*: the store cannot tell the two definitions apart, and a false
"contradicted" is the worst answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from capexlens.claims._evidence import (
    Bounds,
    Candidate,
    FactIndex,
    claim_bounds,
    derived_sum,
    fact_text,
)
from capexlens.models import Claim, ClaimKind, Fact, Period

__all__ = [
    "attributable_or_total",
    "constant_currency_rate",
    "leased_year",
    "maybe_basic",
    "maybe_without_leases",
    "other_definition",
    "other_firm",
]


def attributable_or_total(claim: Claim, expected: Fact) -> bool:
    """Whether a "net income" figure within 2% of the attributable profit the store holds
    for it may be the profit for the period instead (minority interests included)."""
    if claim.metric != "net_income" or expected.metric != "net_income_attributable":
        return False
    if claim.unit != expected.unit:
        return False
    if claim.value is None or expected.value == 0:
        return False
    return abs(claim.value - expected.value) <= abs(expected.value) * Decimal("0.02")


def maybe_basic(claim: Claim, expected: Fact) -> bool:
    """ "EPS (IFRS): RMB 5.597" against diluted RMB5.485: basic earnings per share run a
    little above diluted, so a figure up to 6% above it, not said to be diluted, may be
    that."""
    return (
        claim.metric in ("diluted_eps", "diluted_eps_non_gaap")
        and claim.value is not None
        and expected.value > 0
        and expected.value < claim.value <= expected.value * Decimal("1.06")
        and "dilut" not in claim.sentence.lower()
    )


_WITH_LEASES = re.compile(r"(?i)\bincluding\s+principal\s+payments\s+on\s+finance\s+leases")
_LEASES_SAID = re.compile(r"(?i)finance\s+leases?|principal\s+payments")
# Meta's finance-lease principal has run at 3-10% of its headline capex a quarter in
# 2023-2025 (at most $944 million of $9.20 billion, in Q3 2024)
_LEASE_SHARE = Decimal("0.11")


def maybe_without_leases(claim: Claim, expected: Fact, period_facts: Sequence[Fact]) -> bool:
    """ "Meta's capital expenditure for the third quarter was $8.3 billion" against the
    headline $9.20 billion "including principal payments on finance leases": purchases of
    property and equipment alone ($8.26 billion) run a little below, so a figure up to 11%
    under it, not said to include the leases, may be that, unless the store holds that
    figure too (``period_facts``: the store's facts of the claim's period)."""
    return (
        claim.metric == "capex"
        and all(_WITH_LEASES.search(f.basis) for f in period_facts if f.metric == "capex")
        and claim.value is not None
        and claim.unit == expected.unit
        and _WITH_LEASES.search(expected.basis) is not None
        and expected.value * (1 - _LEASE_SHARE) <= claim.value < expected.value
        and _LEASES_SAID.search(claim.sentence) is None
    )


# "up 51% in constant currency": the other rate a release gives, kept in the fact's note
_CC_NOTE = re.compile(r"(?i)\b(up|down)\s+(\d+(?:\.\d+)?)%\s+in\s+constant\s+currency")
_BASIS_SAID = re.compile(
    r"(?i)constant[- ]currency|\bcc\b|\bin\s+(?:USD|U\.S\.\s+dollars|dollars)\b"
)


def constant_currency_rate(claim: Claim, expected: Fact) -> Decimal | None:
    """The constant-currency rate a stored dollar growth's note gives ("up 51% in constant
    currency"), when a growth that says neither basis ("IaaS $2.7B (+51%)") matches it
    rather than the dollar rate; None otherwise.

    >>> from datetime import date
    >>> from capexlens.models import Source, SourceKind
    >>> src = Source("https://example.com", "Results", "Co", date(2025, 3, 10),
    ...              SourceKind.EARNINGS_RELEASE)
    >>> f = Fact("ORCL", "segment_revenue_growth_yoy", Period(date(2024, 12, 1),
    ...          date(2025, 2, 28)), Decimal(49), "percent", "49%", src, "", "",
    ...          date(2025, 3, 10), note="USD growth; up 51% in constant currency.")
    >>> c = Claim("+51%", (0, 4), ClaimKind.GROWTH, Decimal(51), "percent",
    ...           as_printed="+51%", sentence="IaaS $2.7B (+51%)")
    >>> constant_currency_rate(c, f)
    Decimal('51')
    """
    said = _CC_NOTE.search(f"{expected.note} {expected.basis}")
    if (
        said is None
        or claim.kind is not ClaimKind.GROWTH
        or claim.unit != "percent"
        or expected.unit != "percent"
        or "constant-currency" in claim.qualifiers
        or _BASIS_SAID.search(claim.sentence)
    ):
        return None
    rate = Decimal(said[2]) * (-1 if said[1].lower() == "down" else 1)
    b = claim_bounds(claim)
    return (
        rate
        if b is not None and b.meets(Bounds(rate - Decimal("0.5"), rate + Decimal("0.5")))
        else None
    )


def other_definition(claim: Claim, expected: Fact, period_facts: Sequence[Fact]) -> str:
    """Why a figure off the store's may be the same line on another definition, as the
    verdict's explanation ("" if no other definition fits)."""
    if maybe_basic(claim, expected):
        return (
            f"The store has diluted {fact_text(expected)}; the figure, a little higher and "
            "not said to be diluted, may be basic earnings per share, which it does not hold."
        )
    if maybe_without_leases(claim, expected, period_facts):
        return (
            f"The store has {fact_text(expected)}, which includes principal payments on "
            "finance leases; the figure, a little lower and not said to include them, may be "
            "purchases of property and equipment alone, which the store does not hold."
        )
    rate = constant_currency_rate(claim, expected)
    if rate is not None:
        return (
            f"The store has {fact_text(expected)} in dollars; the figure matches the "
            f"constant-currency rate of the same release, {rate}%, and the text does not "
            "say which of the two it gives."
        )
    return ""


def leased_year(idx: FactIndex, cands: list[Candidate], year: Period) -> list[Candidate]:
    """A year's capex including finance leases as the sum of its stored quarters, when the
    store holds that basis for the quarters only ("spent $88.2 billion on capex in fiscal
    2025": Microsoft's headline basis, against $64.6 billion of cash capex)."""
    leased = [c for c in cands if c.fact.metric == "capex_incl_finance_leases"]
    if not leased or any(c.fact.period.same_span(year) for c in leased):
        return []
    total = derived_sum(idx.snapshot, leased, year)
    return [total] if total is not None else []


_FIRMS = ("Synergy", "Canalys", "IDC", "Gartner", "Omdia")


def other_firm(claim: Claim, cands: Sequence[Candidate]) -> str:
    """The research firm a market figure is quoted from ("according to Canalys"), when the
    store's figures of that market are all another firm's ("" otherwise): firms define
    the market differently, so Synergy's 23% neither supports nor contradicts Canalys' 21%."""
    said = [f for f in _FIRMS if re.search(rf"\b{f}\b", claim.sentence)]
    if len(said) != 1 or not cands:
        return ""
    stored = [
        c.fact
        for c in cands
        if said[0].lower()
        in f"{c.fact.basis} {c.fact.note} {c.fact.source.title} {c.fact.source.publisher}".lower()
    ]
    return "" if stored else said[0]
