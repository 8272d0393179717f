"""The one data model of capexlens: periods, money, sources, facts, claims and verdicts.

Every layer (ingest, store, analysis, claims, briefs, CLI) passes these plain, frozen
records around. They hold data and enforce the invariants that must never break:
a fact always has a source, money of two currencies never mixes silently.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from capexlens.errors import CurrencyMismatchError, PeriodError

__all__ = [
    "Claim",
    "ClaimKind",
    "Evidence",
    "Fact",
    "FxRate",
    "Money",
    "Period",
    "Reason",
    "Source",
    "SourceKind",
    "Verdict",
    "VerdictLabel",
]


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A span of days, inclusive at both ends, with its label on a fiscal calendar.

    ``label`` is what the company calls the span ("FY2026 Q1", "FY2025") or, for a span
    that is no fiscal period, a plain description ("2025-02-24..2028-02-23").

    >>> p = Period(date(2025, 4, 1), date(2025, 6, 30), "FY2026 Q1")
    >>> p.days
    91
    >>> p.contains(date(2025, 5, 5))
    True
    """

    start: date
    end: date
    label: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"period {self.label or ''} ends ({self.end}) before it starts ({self.start})"
            )

    @property
    def days(self) -> int:
        """Number of days in the period, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls inside the period."""
        return self.start <= day <= self.end

    def same_span(self, other: Period) -> bool:
        """Whether two periods cover exactly the same days, whatever their labels."""
        return self.start == other.start and self.end == other.end

    def __str__(self) -> str:
        return self.label or f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in one ISO 4217 currency, in base units (yuan, dollars).

    Adding or comparing two currencies raises; convert first with :mod:`capexlens.fx`.

    >>> Money(Decimal("1.5"), "USD") + Money(Decimal("2"), "USD")
    Money(amount=Decimal('3.5'), currency='USD')
    >>> Money(Decimal("1"), "USD") + Money(Decimal("1"), "CNY")
    Traceback (most recent call last):
    ...
    capexlens.errors.CurrencyMismatchError: cannot add USD and CNY without an explicit ...
    """

    amount: Decimal
    currency: str

    def _check(self, other: object, verb: str) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"cannot {verb} Money and {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot {verb} {self.currency} and {other.currency} without an explicit "
                "conversion; use capexlens.fx.convert()"
            )
        return other

    def __add__(self, other: object) -> Money:
        o = self._check(other, "add")
        return Money(self.amount + o.amount, self.currency)

    def __sub__(self, other: object) -> Money:
        o = self._check(other, "subtract")
        return Money(self.amount - o.amount, self.currency)

    def __lt__(self, other: object) -> bool:
        return self.amount < self._check(other, "compare").amount

    def __le__(self, other: object) -> bool:
        return self.amount <= self._check(other, "compare").amount

    def __gt__(self, other: object) -> bool:
        return self.amount > self._check(other, "compare").amount

    def __ge__(self, other: object) -> bool:
        return self.amount >= self._check(other, "compare").amount

    def __mul__(self, factor: Decimal | int) -> Money:
        return Money(self.amount * Decimal(factor), self.currency)

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,.0f}"


class SourceKind(StrEnum):
    """What kind of document a figure comes from; primary kinds come first."""

    FILING = "filing"
    EARNINGS_RELEASE = "earnings_release"
    CALL_TRANSCRIPT = "call_transcript"
    COMPANY_STATEMENT = "company_statement"
    RESEARCH_FIRM = "research_firm"
    CENTRAL_BANK = "central_bank"
    NEWS = "news"
    DERIVED = "derived"

    @property
    def is_primary(self) -> bool:
        """Whether the kind is the issuer's (or rate publisher's) own word."""
        return self in _PRIMARY_KINDS


_PRIMARY_KINDS = frozenset(
    {
        SourceKind.FILING,
        SourceKind.EARNINGS_RELEASE,
        SourceKind.CALL_TRANSCRIPT,
        SourceKind.COMPANY_STATEMENT,
        SourceKind.CENTRAL_BANK,
    }
)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure was published."""

    url: str
    title: str
    publisher: str
    published: date
    kind: SourceKind


@dataclass(frozen=True, slots=True)
class Fact:
    """One figure about one entity, metric and period, with everything needed to trust it.

    ``value`` is exact, in base units (yuan, dollars; percentages in points).
    ``value_high`` is set only when the figure is a range ("$64 billion to $72 billion").
    ``segment`` names a segment, market or model from the registry, or is empty for the
    whole entity. ``known_on`` is the day the figure became public: a restatement is a
    new fact with the same :attr:`key` and a later ``known_on``, never an overwrite.
    ``derivation`` is empty for a figure as printed; for a computed one it says how,
    and ``derived_from`` lists the :attr:`fact_id` of its inputs. ``tolerance`` is how far
    the true value may lie from ``value`` either way when that is wider than the printed
    digits say: a figure derived from rounded inputs ("+/-$0.2 billion").
    """

    entity: str
    metric: str
    period: Period
    value: Decimal
    unit: str
    as_printed: str
    source: Source
    locator: str
    basis: str
    known_on: date
    segment: str = ""
    value_high: Decimal | None = None
    derivation: str = ""
    derived_from: tuple[str, ...] = ()
    primary: bool = True
    note: str = ""
    tolerance: Decimal | None = None

    @property
    def key(self) -> tuple[str, str, str, date, date]:
        """What the fact is about: two facts with one key are versions of one figure."""
        return (self.entity, self.metric, self.segment, self.period.start, self.period.end)

    @property
    def is_derived(self) -> bool:
        """Whether the figure was computed from others rather than printed."""
        return bool(self.derivation)

    @property
    def fact_id(self) -> str:
        """A stable id: the same figure from the same source on the same day is one fact."""
        parts = [
            *map(str, self.key),
            str(self.value.normalize()),
            "" if self.value_high is None else str(self.value_high.normalize()),
            self.unit,
            self.source.url,
            self.locator,
            self.known_on.isoformat(),
        ]
        if self.tolerance is not None:  # only then: ids of facts without one stay as they were
            parts.append(str(self.tolerance.normalize()))
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]

    def money(self) -> Money:
        """The value as :class:`Money`; raises ``TypeError`` if the unit is no currency."""
        if len(self.unit) != 3 or not self.unit.isupper():
            raise TypeError(f"fact {self.metric} of {self.entity} is in {self.unit!r}, not money")
        return Money(self.value, self.unit)

    def with_(self, **changes: Any) -> Fact:
        """A copy with some fields changed (the record itself is immutable)."""
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class FxRate:
    """How many units of ``quote`` one unit of ``base`` bought on ``day``.

    ``kind`` is ``daily`` for a published daily rate or ``convenience`` for an issuer's
    stated translation rate. ``period`` is set for a rate that stands for a span (an
    issuer's rate for a quarter).
    """

    base: str
    quote: str
    day: date
    rate: Decimal
    source: Source
    kind: str = "daily"
    as_printed: str = ""
    locator: str = ""


class ClaimKind(StrEnum):
    """The shape of a numerical claim found in text."""

    AMOUNT = "amount"
    PERCENT = "percent"
    GROWTH = "growth"
    SHARE = "share"
    COUNT = "count"
    PARAMETERS = "parameters"
    RANGE = "range"
    CONVERSION = "conversion"
    COMPARATIVE = "comparative"


@dataclass(frozen=True, slots=True)
class Claim:
    """A numerical claim found in an article, before and after linking.

    ``span`` holds character offsets into the text exactly as read. ``value`` is in base
    units (percent in points) and is ``None`` for comparatives that carry no number.
    ``entity``, ``metric``, ``period`` and ``segment`` are filled by linking.
    """

    text: str
    span: tuple[int, int]
    kind: ClaimKind
    value: Decimal | None = None
    unit: str | None = None
    value_high: Decimal | None = None
    as_printed: str = ""
    sentence: str = ""
    entity: str | None = None
    metric: str | None = None
    segment: str = ""
    period: Period | None = None
    qualifiers: tuple[str, ...] = ()
    related: tuple[int, ...] = field(default=())

    def with_(self, **changes: Any) -> Claim:
        """A copy with some fields changed."""
        # the constructor with every field, not dataclasses.replace: linking copies each
        # claim several times, and replace() inspects the fields on every call
        for name in _CLAIM_FIELDS:
            if name not in changes:
                changes[name] = getattr(self, name)
        return Claim(**changes)


_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


class VerdictLabel(StrEnum):
    """What the checker says of a claim."""

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"
    AMBIGUOUS = "ambiguous"


class Reason(StrEnum):
    """Why a claim is not simply supported: the fixed, documented vocabulary."""

    CURRENCY_CONFLICT = "currency_conflict"
    WRONG_CURRENCY = "wrong_currency"
    SCALE_ERROR = "scale_error"
    PERIOD_MISMATCH = "period_mismatch"
    MISATTRIBUTION = "misattribution"
    ARITHMETIC = "arithmetic"
    CONVERSION_MISMATCH = "conversion_mismatch"
    STALE = "stale"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A stored fact offered in support of, or against, a claim."""

    fact: Fact
    role: str = "match"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The checker's answer for one claim, with its evidence and a plain explanation."""

    claim: Claim
    label: VerdictLabel
    reasons: tuple[Reason, ...] = ()
    expected_value: Decimal | None = None
    expected_unit: str | None = None
    evidence: tuple[Evidence, ...] = ()
    explanation: str = ""
