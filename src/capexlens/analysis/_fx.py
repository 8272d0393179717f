"""US-dollar values of a company's figures, always at a named rate.

The rate for a figure of period P is, in order of preference:

1. the issuer's own convenience rate at the end of P (Alibaba's "RMB7.1636 to US$1.00"
   at 30 June 2025), a stored FX rate of kind ``convenience`` whose source names the
   company;
2. the mean of the stored reference rates (Federal Reserve H.10, ECB) over P, or, for a
   span of whole calendar quarters (a fiscal year), the mean of its quarterly averages.

A figure already in US dollars needs no rate. When no rate answers, :class:`FxError`
says which were looked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from capexlens import fx
from capexlens.analysis._common import Figure
from capexlens.errors import CapexlensError, FxError
from capexlens.models import FxRate, Money, Period
from capexlens.periods import CALENDAR_YEAR, quarters_between
from capexlens.registry import Entity, normalise_alias
from capexlens.store import FactStore

__all__ = ["UsdConverter", "UsdValue"]

USD = "USD"
# why a window: an issuer states its rate "as of" the period's last day, which the curated
# file may record on the last business day instead.
_END_WINDOW = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class UsdValue:
    """A figure in US dollars and the rate that made it (``quote`` is None for USD figures).

    ``stored`` is the stored rate record when a single one answered (a convenience rate),
    so a citation can give its locator and as-printed text.
    """

    usd: Money
    original: Money
    quote: fx.RateQuote | None = None
    stored: FxRate | None = None

    @property
    def rate_name(self) -> str:
        """How the rate is named to a reader: series and day(s), or 'reported in USD'."""
        if self.quote is None:
            return "reported in US dollars"
        return (
            f"{self.quote.rate_text()} {self.quote.quote} per {self.quote.base}, {self.quote.label}"
        )

    @property
    def source_urls(self) -> str:
        """The rate's source URLs, ``;``-separated (empty for USD figures)."""
        if self.quote is None:
            return ""
        return ";".join(dict.fromkeys(s.url for s in self.quote.sources))


class UsdConverter:
    """Converts an entity's figures to US dollars with the rates of one store.

    Built once per analysis (it indexes every stored rate); immutable afterwards.
    """

    def __init__(self, rates: Sequence[FxRate]) -> None:
        self._convenience = tuple(r for r in rates if r.kind == fx.CONVENIENCE)
        try:
            self._table: fx.RateTable | None = fx.RateTable(
                [r for r in rates if r.kind != fx.CONVENIENCE]
            )
            self._table_error = ""
        except CapexlensError as exc:  # a bad rate file must not stop the analysis
            self._table, self._table_error = None, str(exc)

    @classmethod
    def from_store(cls, store: FactStore) -> UsdConverter:
        """A converter over every FX rate in ``store``."""
        return cls(store.fx_rates())

    def to_usd(self, money: Money, entity: Entity, period: Period) -> UsdValue:
        """``money`` (a figure of ``entity`` for ``period``) in US dollars.

        Raises
        ------
        FxError
            No issuer rate and no reference rate covers ``period``.
        """
        if money.currency == USD:
            return UsdValue(money, money)
        stored = self._issuer_rate(money.currency, entity, period)
        if stored is not None:
            quote = _quote_of(stored, entity)
        else:
            quote = self._reference(money.currency, period)
        return UsdValue(fx.convert(money, USD, quote).money, money, quote, stored)

    def figure(self, fig: Figure, entity: Entity) -> tuple[UsdValue | None, str]:
        """A figure of ``entity`` in USD and "", or ``None`` and what is missing, in words."""
        try:
            return self.to_usd(Money(fig.value, fig.unit), entity, fig.period), ""
        except (CapexlensError, TypeError) as exc:
            return None, f"US-dollar value for {fig.period.label} ({exc})"

    def _issuer_rate(self, currency: str, entity: Entity, period: Period) -> FxRate | None:
        names = {normalise_alias(n) for n in (entity.name, *entity.aliases) if len(n) > 2}
        found = [
            r
            for r in self._convenience
            if {r.base, r.quote} == {USD, currency}
            and period.end - _END_WINDOW <= r.day <= period.end
            and _mentions(r, names)
        ]
        found.sort(key=lambda r: (r.day, r.source.published), reverse=True)
        return found[0] if found else None

    def _reference(self, currency: str, period: Period) -> fx.RateQuote:
        missing = FxError(
            f"no {currency} per USD rate: no issuer convenience rate at {period.end} and "
            f"no reference rate covering {period.start}..{period.end}"
        )
        if self._table is None:
            raise FxError(f"the stored reference rates are unusable: {self._table_error}")
        try:
            return self._table.average(USD, currency, period)
        except FxError:
            pass
        quarters = _calendar_quarters(period)
        if len(quarters) < 2:
            raise missing from None
        try:
            quotes = [self._table.average(USD, currency, q) for q in quarters]
        except FxError:
            raise missing from None
        return _mean_of(quotes, period)


def _calendar_quarters(period: Period) -> list[Period]:
    """The calendar quarters that make up ``period`` exactly, or [] if it is no such union."""
    cal = CALENDAR_YEAR
    quarters = quarters_between(cal, period, period)
    if quarters[0].start != period.start or quarters[-1].end != period.end:
        return []
    return quarters


def _mean_of(quotes: Sequence[fx.RateQuote], period: Period) -> fx.RateQuote:
    """One rate for a span of calendar quarters: the mean of their quarterly averages."""
    mean = sum((q.rate for q in quotes), Decimal(0)) / len(quotes)
    first, last = quotes[0], quotes[-1]
    method = (
        f"mean of the {len(quotes)} quarterly average rates {first.first_day}..{last.last_day} "
        f"({first.series}), standing for {period.start}..{period.end}"
    )
    sources = tuple(dict.fromkeys(s for q in quotes for s in q.sources))
    return fx.RateQuote(
        mean.quantize(Decimal("0.000001")),
        first.base,
        first.quote,
        first.series,
        method,
        sources,
        sum(q.days for q in quotes),
        first.first_day,
        last.last_day,
        all(q.complete for q in quotes),
    )


def _mentions(rate: FxRate, names: set[str]) -> bool:
    """Whether the rate's source or locator names the company (the rate is the issuer's)."""
    text = normalise_alias(" ".join((rate.source.title, rate.source.publisher, rate.locator)))
    padded = f" {text} "
    return any(f" {n} " in padded for n in names)


def _quote_of(rate: FxRate, entity: Entity) -> fx.RateQuote:
    short = entity.aliases[0] if entity.aliases else entity.name
    return fx.RateQuote(
        rate.rate,
        rate.base,
        rate.quote,
        f"{short} convenience rate",
        rate.locator or "as stated by the issuer",
        (rate.source,),
        1,
        rate.day,
        rate.day,
    )
