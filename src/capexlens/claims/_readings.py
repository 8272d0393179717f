"""The two readings of a quarter named by number alone ("Q3 2024", "the third quarter of
2024") for a company whose fiscal year is not the calendar year.

The linker reads such a phrase on the company's own calendar (Alibaba's Q3 2024 is
October-December 2023) and marks it ``period:numbered``; many writers mean the calendar
quarter instead (July-September 2024, Alibaba's FY2025 Q2). :mod:`capexlens.claims.verify`
checks both readings. A figure right on either is supported, saying which reading it took.
A figure wrong on the company's calendar is contradicted only when the calendar reading
contradicts it too (or contradicts it where the fiscal reading merely fails to bear it out);
with nothing to check the calendar reading against, it is ambiguous, never a false alarm.
The calendar reading is skipped for a quarter not over by the article date and for fiscal
quarters that are no calendar quarters (Oracle's end in May, August, ...).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from capexlens.models import Claim, Verdict, VerdictLabel
from capexlens.periods import FiscalCalendar, month_end

__all__ = ["calendar_reading", "either_reading"]

NUMBERED = "period:numbered"


def calendar_reading(claim: Claim, calendar: FiscalCalendar) -> Claim | None:
    """The claim with its numbered quarter read on the calendar year, or ``None`` if its
    period is no such quarter.

    >>> from capexlens.models import ClaimKind
    >>> baba = FiscalCalendar(3)
    >>> c = Claim("RMB236.5 billion", (0, 16), ClaimKind.AMOUNT, period=baba.quarter(2024, 3),
    ...           qualifiers=(NUMBERED,))
    >>> calendar_reading(c, baba).period.label
    'FY2025 Q2'
    """
    period = claim.period
    if NUMBERED not in claim.qualifiers or period is None or calendar.is_calendar_year:
        return None
    if calendar.year_end_month % 3:
        return None  # Oracle's quarters (to May, August, ...) are no calendar quarters
    fq = calendar.quarter_of(period.end)
    if calendar.quarter_period(fq) != period:
        return None  # no longer one fiscal quarter (a comparison base moved it)
    start = date(fq.year, 3 * fq.quarter - 2, 1)
    other = calendar.period(start, month_end(fq.year, 3 * fq.quarter))
    quals = tuple(q for q in claim.qualifiers if q != NUMBERED)
    return claim.with_(period=other, qualifiers=(*quals, "period:calendar"))


def either_reading(fiscal: Verdict, calendar: Verdict) -> Verdict:
    """One verdict from the verdicts of the two readings (see the module docstring)."""
    if fiscal.label is VerdictLabel.SUPPORTED:
        return fiscal
    own = fiscal.claim.period
    other = calendar.claim.period
    assert own is not None and other is not None
    months = f"{other.start:%B}-{other.end:%B %Y}"
    if calendar.label is VerdictLabel.SUPPORTED:
        return replace(
            calendar,
            explanation=(
                f"Read as the calendar quarter ({months}, the company's {other.label}, not "
                f"its {own.label}): {calendar.explanation}"
            ),
        )
    if (
        calendar.label is VerdictLabel.CONTRADICTED
        and fiscal.label is not VerdictLabel.CONTRADICTED
        and fiscal.evidence
    ):
        # the store's figure of the fiscal reading does not bear the claim out either
        return replace(
            calendar,
            explanation=(
                f"Read as the calendar quarter ({months}, the company's {other.label}): "
                f"{calendar.explanation} On the company's own calendar ({own.label}) it is "
                f"not borne out either: {fiscal.explanation}"
            ),
        )
    if fiscal.label is VerdictLabel.CONTRADICTED and calendar.label is not fiscal.label:
        return Verdict(
            fiscal.claim,
            VerdictLabel.AMBIGUOUS,
            evidence=fiscal.evidence,
            explanation=(
                f"On the company's fiscal calendar the quarter is {own.label}, where the "
                f"figure does not hold: {fiscal.explanation} Read as the calendar quarter "
                f"({months}, the company's {other.label}) there is nothing to check it "
                "against."
            ),
        )
    if fiscal.label is VerdictLabel.CONTRADICTED:  # and so is the calendar reading
        return replace(
            fiscal,
            explanation=(
                f"{fiscal.explanation} Read as the calendar quarter ({months}, the company's "
                f"{other.label}) it does not hold either: {calendar.explanation}"
            ),
        )
    return fiscal
