"""The rate table, quotes and explicit conversion (see :mod:`capexlens.fx`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Context, Decimal
from operator import attrgetter

from capexlens.errors import (
    CurrencyMismatchError,
    FxError,
)
from capexlens.models import FxRate, Money, Period, Source

FED_PUBLISHER = "Board of Governors of the Federal Reserve System"
FED_H10_URL = "https://www.federalreserve.gov/releases/h10/"
FED_DDP_URL = "https://www.federalreserve.gov/datadownload/Choose.aspx?rel=H10"
ECB_PUBLISHER = "European Central Bank"
ECB_URL = (
    "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/"
    "euro_reference_exchange_rates/html/index.en.html"
)
ECB_HIST_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"
DAILY, CONVENIENCE, CROSS = "daily", "convenience", "cross"
# The shipped quarterly table, stored as one rate per quarter dated at the quarter's end.
QUARTER_AVERAGE, QUARTER_END = "quarter_average", "quarter_end"
_QUARTER_KINDS = (QUARTER_AVERAGE, QUARTER_END)
_MEAN_OF = re.compile(r"mean of (\d+) days (\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d)")
CONVENIENCE_HEADER = (
    "base,quote,day,rate,kind,as_printed,locator,source_url,source_title,publisher,published,"
    "source_kind"
)
CONVENIENCE_COLUMNS = tuple(CONVENIENCE_HEADER.split(","))
# The reference table flattens a ReferenceQuarter: these fields of each RateQuote and Source.
_QUOTE_FIELDS = ("rate", "base", "quote", "series", "method", "days", "first_day", "last_day")
_SOURCE_FIELDS = ("url", "title", "publisher", "published", "kind")
REFERENCE_COLUMNS = (
    *("quarter", "start", "end", "complete"),
    *(f"{which}_{f}" for which in ("average", "period_end") for f in _QUOTE_FIELDS),
    *(f"source_{f}" for f in _SOURCE_FIELDS),
)

_EXACT = Context(prec=28)  # sums of published 4-6 digit rates stay exact at this precision
_DERIVED = Context(prec=10)  # quotients and means: more digits than any published input
_CENT, _MICRO = Decimal("0.01"), Decimal("0.000001")
# 'Press Release: Alibaba Group Announces ...', 'Baidu, Inc.: Baidu Announces ...'
_ANNOUNCER = re.compile(
    r"(?:press release:\s*)?(?:[^:]*:\s*)?(?P<who>.+?)\s+(?:announces|reports)\b", re.I
)
_SUFFIXES = "group holding holdings inc inc. ltd ltd. limited corporation corp. co co. plc"


# --- the rate table --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RateQuote:
    """A rate of ``quote`` per ``base`` and how it was obtained, ready to cite.

    ``series`` names the rate series, ``method`` says how the figure came from it, and
    ``days`` counts the published days used, ``first_day`` to ``last_day``. ``complete``
    is false for a mean over only part of the period asked.

    >>> q = RateQuote(Decimal("7.1636"), "USD", "CNY", "Alibaba convenience rate", "as stated",
    ...               (), 1, date(2025, 6, 30), date(2025, 6, 30))
    >>> q.label, q.rate_text()
    ('Alibaba convenience rate, 30 Jun 2025', '7.1636')
    """

    rate: Decimal
    base: str
    quote: str
    series: str
    method: str
    sources: tuple[Source, ...]
    days: int
    first_day: date
    last_day: date
    complete: bool = True

    @property
    def label(self) -> str:
        """A short citation: the series and the day, or the days averaged."""
        if self.days == 1:
            return f"{self.series}, {self.last_day.day} {self.last_day:%b %Y}"
        return f"{self.series}, mean of {self.days} days {self.first_day}..{self.last_day}"

    def rate_text(self) -> str:
        """The rate as published when short, else 4 decimals (6 digits below 1)."""
        exact = self.rate.normalize()
        if exact.quantize(_MICRO) == exact:
            return f"{exact:f}"
        return f"{self.rate:.4f}" if self.rate >= 1 else f"{self.rate:.6g}"


def _short(name: str) -> str:
    """'Alibaba Group Holding Limited' -> 'Alibaba': how a reader names a company."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().rstrip(",") in _SUFFIXES.split():
        words.pop()
    return " ".join(words)


def _series_name(r: FxRate) -> str:
    """What a reader calls the series: 'H.10 daily noon buying rate', 'Alibaba convenience rate'.

    An issuer's convenience rate is named after the issuer, read from a release title such
    as 'Press Release: Alibaba Group Announces ...' (why: the publisher is often a wire
    service or a site that reprinted the release); failing that, after the publisher.
    """
    pub = r.source.publisher
    if r.kind == CONVENIENCE:
        issuer = _ANNOUNCER.match(r.source.title)
        return f"{_short(issuer['who'] if issuer else pub)} convenience rate"
    if pub == FED_PUBLISHER and r.kind == DAILY:
        return "H.10 daily noon buying rate"
    if pub == ECB_PUBLISHER and r.kind == CROSS:
        return f"ECB cross rate via EUR ({r.quote} per EUR / {r.base} per EUR)"
    return f"{'ECB euro reference' if pub == ECB_PUBLISHER else _short(pub)} {r.kind} rate"


@dataclass(frozen=True, slots=True, eq=False)
class _Series:
    """One publisher's rates of one kind for one pair, oldest first; maybe read inverted."""

    name: str
    kind: str
    rank: int
    inverted: bool
    days: tuple[date, ...]
    fx: tuple[FxRate, ...] = field(repr=False)

    def covers(self, period: Period, tolerance: timedelta) -> bool:
        # why a tolerance: a quarter may start or end on a holiday or a weekend
        return self.days[0] - tolerance <= period.start and self.days[-1] + tolerance >= period.end

    def quote(self, lo: int, hi: int, base: str, quote: str, method: str) -> RateQuote:
        """The mean of rates ``lo`` to ``hi - 1`` (one rate: that rate)."""
        values = [r.rate for r in self.fx[lo:hi]]
        if self.inverted:
            values = [_DERIVED.divide(1, v) for v in values]
            method += f", inverted: 1 / ({base} per {quote})"
        total = values[0]
        for v in values[1:]:
            total = _EXACT.add(total, v)
        mean = _DERIVED.divide(total, len(values)) if len(values) > 1 else total
        sources = tuple(dict.fromkeys(r.source for r in self.fx[lo:hi]))
        first, last = self.days[lo], self.days[hi - 1]
        return RateQuote(mean, base, quote, self.name, method, sources, hi - lo, first, last)


class RateTable:
    """Rates of several series, answering daily, mean and period-end questions.

    Pure: nothing changes after construction. A pair is also answered inverted (USD per
    CNY from CNY per USD). ``series`` picks series by kind (``"convenience"``) or by the
    start of their name (``"ECB"``, ``"H.10"``). Without it, an issuer's convenience rate
    is never used; Fed H.10 comes first, then ECB rates, then any other series.

    >>> from capexlens.models import SourceKind
    >>> s = Source(FED_H10_URL, "H.10", FED_PUBLISHER, date(2022, 12, 30),
    ...            SourceKind.CENTRAL_BANK)
    >>> t = RateTable([FxRate("USD", "CNY", date(2022, 12, d), Decimal(v), s)
    ...                for d, v in [(29, "6.9650"), (30, "6.8972")]])
    >>> q4 = Period(date(2022, 10, 1), date(2022, 12, 31), "CY2022 Q4")
    >>> t.period_end("USD", "CNY", q4).method
    'end of CY2022 Q4: H.10 daily noon buying rate, 2022-12-30 (latest on or before 2022-12-31)'
    >>> partial = t.average("CNY", "USD", q4, allow_partial=True)
    >>> partial.rate, partial.days, partial.complete
    (Decimal('0.1442806946'), 2, False)
    """

    def __init__(self, rates: Sequence[FxRate]) -> None:
        groups: dict[tuple[str, str, str, str, str], list[FxRate]] = {}
        for r in rates:
            title = r.source.title if r.kind == CONVENIENCE else ""  # the title names the issuer
            groups.setdefault((r.base, r.quote, r.kind, r.source.publisher, title), []).append(r)
        named: dict[tuple[str, str, str], list[FxRate]] = {}
        for (base, quote, *_), group in groups.items():
            named.setdefault((base, quote, _series_name(group[0])), []).extend(group)
        self._series: dict[tuple[str, str], list[_Series]] = {}
        for (base, quote, name), group in named.items():
            group.sort(key=attrgetter("day"))
            kept = group[:1]
            for r in group[1:]:
                if r.day != kept[-1].day:
                    kept.append(r)
                elif r.rate != kept[-1].rate:  # the same rate twice is harmless; two are not
                    raise FxError(
                        f"{name} gives two {quote} per {base} rates for {r.day}: "
                        f"{kept[-1].rate} and {r.rate}; keep one"
                    )
            rank = {FED_PUBLISHER: 0, ECB_PUBLISHER: 1}.get(kept[0].source.publisher, 2)
            days = tuple(r.day for r in kept)
            s = _Series(name, kept[0].kind, rank, False, days, tuple(kept))
            self._series.setdefault((base, quote), []).append(s)
            self._series.setdefault((quote, base), []).append(replace(s, inverted=True))
        for candidates in self._series.values():
            candidates.sort(key=lambda s: (s.rank, s.inverted, s.name))

    def coverage(self, base: str, quote: str) -> list[tuple[str, date, date]]:
        """``(series, first day, last day)`` of every series for the pair, preferred first."""
        return [(s.name, s.days[0], s.days[-1]) for s in self._series.get((base, quote), [])]

    def _pick(self, base: str, quote: str, series: str | None) -> list[_Series]:
        found = self._series.get((base, quote), [])
        if series is None:  # published daily series only; issuer and quarterly rates on request
            return [s for s in found if s.kind not in (CONVENIENCE, *_QUARTER_KINDS)]
        picked = [s for s in found if s.kind == series or s.name.startswith(series)]
        issuers = sorted({s.name for s in picked if s.kind == CONVENIENCE})
        if len(issuers) > 1:  # why: one issuer's stated rate never stands for another's
            raise FxError(
                f"{series!r} picks several issuers' rates ({', '.join(issuers)}); "
                "name one, e.g. series='Alibaba'"
            )
        return picked

    def _quarter_row(self, base: str, quote: str, period: Period, kind: str) -> RateQuote | None:
        """The shipped table's rate for ``period`` when it is exactly a calendar quarter.

        Why only then: a quarterly mean cannot stand for any other span (Oracle's
        June-August quarter is not calendar Q2 or Q3).
        """
        if not _is_calendar_quarter(period):
            return None
        for s in self._series.get((base, quote), []):
            if s.kind != kind:
                continue
            i = bisect_left(s.days, period.end)
            if i < len(s.days) and s.days[i] == period.end:
                row = s.fx[i]
                q = s.quote(i, i + 1, base, quote, f"{row.locator} (shipped quarterly table)")
                m = _MEAN_OF.search(row.locator)
                if kind == QUARTER_AVERAGE and m:
                    first, last = date.fromisoformat(m[2]), date.fromisoformat(m[3])
                    return replace(q, days=int(m[1]), first_day=first, last_day=last)
                return q
        return None

    def _missing(self, base: str, quote: str, what: str, series: str | None) -> FxError:
        ranges = "; ".join(f"{n} covers {a}..{b}" for n, a, b in self.coverage(base, quote))
        asked = f" from series {series!r}" if series else ""
        if not ranges:
            pairs = ", ".join(sorted(f"{q} per {b}" for b, q in self._series)) or "none"
            return FxError(f"no {quote} per {base} series in the table; it has: {pairs}")
        return FxError(f"no {quote} per {base} rate{asked} {what}; available: {ranges}")

    def daily(
        self, base: str, quote: str, day: date, *, fallback_days: int = 7, series: str | None = None
    ) -> RateQuote:
        """The rate of ``day``, or the last one published up to ``fallback_days`` before."""
        found = self._pick(base, quote, series)
        # why two passes: a series still publishing beats the stale last rate of one that stopped
        for s in found:
            i = bisect_right(s.days, day) - 1
            if s.days[0] <= day <= s.days[-1] and (day - s.days[i]).days <= fallback_days:
                return self._day_quote(s, i, base, quote, day)
        for s in found:
            if 0 < (day - s.days[-1]).days <= fallback_days:
                return self._day_quote(s, len(s.days) - 1, base, quote, day)
        raise self._missing(base, quote, f"on or up to {fallback_days} days before {day}", series)

    @staticmethod
    def _day_quote(s: _Series, i: int, base: str, quote: str, asked: date) -> RateQuote:
        note = "" if s.days[i] == asked else f" (latest on or before {asked})"
        return s.quote(i, i + 1, base, quote, f"{s.name}, {s.days[i]}{note}")

    def average(
        self,
        base: str,
        quote: str,
        period: Period,
        *,
        series: str | None = None,
        allow_partial: bool = False,
        fallback_days: int = 7,
    ) -> RateQuote:
        """The mean of the daily rates published within ``period``.

        One series answers, never a mix: the preferred one that covers the whole period,
        give or take ``fallback_days`` at either end. With ``allow_partial``, when none
        does, one covering part of it answers and the quote is marked incomplete.
        """
        tolerance = timedelta(days=fallback_days)
        found = sorted(
            self._pick(base, quote, series), key=lambda s: not s.covers(period, tolerance)
        )
        for s in found:
            lo, hi = bisect_left(s.days, period.start), bisect_right(s.days, period.end)
            whole = s.covers(period, tolerance)
            if hi > lo and (whole or allow_partial):
                method = f"{s.name}, mean of {hi - lo} days {s.days[lo]}..{s.days[hi - 1]}"
                if not whole:
                    method += f", partial: {period} runs {period.start}..{period.end}"
                return replace(s.quote(lo, hi, base, quote, method), complete=whole)
        if series is None:
            stored = self._quarter_row(base, quote, period, QUARTER_AVERAGE)
            if stored is not None:
                return stored
        raise self._missing(
            base, quote, f"covering {period} ({period.start}..{period.end})", series
        )

    def period_end(
        self,
        base: str,
        quote: str,
        period: Period,
        *,
        fallback_days: int = 7,
        series: str | None = None,
    ) -> RateQuote:
        """The rate of the period's last day, or of the last published day before it."""
        if series is None and not self._pick(base, quote, None):
            stored = self._quarter_row(base, quote, period, QUARTER_END)
            if stored is not None:
                return stored
        q = self.daily(base, quote, period.end, fallback_days=fallback_days, series=series)
        if q.last_day < period.start:
            raise self._missing(base, quote, f"within {period}", series)
        return replace(q, method=f"end of {period}: {q.method}")


# --- conversion ------------------------------------------------------------------------------

_SYMBOLS = {"CNY": "RMB", "USD": "US$", "HKD": "HK$", "EUR": "€", "GBP": "£"}
_SCALES = ((Decimal("1e12"), "trillion"), (Decimal("1e9"), "billion"), (Decimal("1e6"), "million"))


def money_text(money: Money) -> str:
    """Money as a reader writes it, to three significant digits from a million up.

    >>> money_text(Money(Decimal("38600000000"), "CNY")), money_text(Money(Decimal(-1234.5), "JPY"))
    ('RMB38.6 billion', '-JPY 1,234.50')
    """
    sign, amount = "-" if money.amount < 0 else "", abs(money.amount)
    symbol = _SYMBOLS.get(money.currency, money.currency + " ")
    for size, word in _SCALES:
        if amount >= size:
            scaled = _EXACT.divide(amount, size)
            text = f"{scaled:.{max(0, 2 - scaled.adjusted())}f}"
            return f"{sign}{symbol}{text.rstrip('0').rstrip('.') if '.' in text else text} {word}"
    return f"{sign}{symbol}{amount:,.2f}"


@dataclass(frozen=True, slots=True)
class Conversion:
    """Money converted at a named rate: ``money`` is the result, ``original`` the input."""

    money: Money
    rate_quote: RateQuote
    original: Money

    def describe(self) -> str:
        """One line: what was converted, at which rate, from which series and day(s)."""
        q = self.rate_quote
        return (
            f"{money_text(self.original)} = {money_text(self.money)} at {q.rate_text()} "
            f"{q.quote} per {q.base} ({q.label})"
        )


def convert(money: Money, to: str, quote: RateQuote) -> Conversion:
    """``money`` in currency ``to`` at ``quote`` (a rate for that pair either way), to the cent.

    >>> q = RateQuote(Decimal("7.1636"), "USD", "CNY", "Alibaba convenience rate", "stated",
    ...               (), 1, date(2025, 6, 30), date(2025, 6, 30))
    >>> print(convert(Money(Decimal("38.6e9"), "CNY"), "USD", q).describe())
    RMB38.6 billion = US$5.39 billion at 7.1636 CNY per USD (Alibaba convenience rate, 30 Jun 2025)
    >>> convert(Money(Decimal(1), "HKD"), "USD", q)
    Traceback (most recent call last):
    ...
    capexlens.errors.CurrencyMismatchError: cannot convert HKD to USD with a CNY per USD rate; ...
    """
    if (money.currency, to) == (quote.base, quote.quote):
        amount = _EXACT.multiply(money.amount, quote.rate)
    elif (money.currency, to) == (quote.quote, quote.base):
        amount = _EXACT.divide(money.amount, quote.rate)
    else:
        raise CurrencyMismatchError(
            f"cannot convert {money.currency} to {to} with a {quote.quote} per {quote.base} "
            f"rate; ask the RateTable for {to} per {money.currency}"
        )
    return Conversion(Money(_EXACT.quantize(amount, _CENT), to), quote, money)


# --- the shipped quarterly reference table -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReferenceQuarter:
    """The mean and quarter-end rate of one pair for one calendar quarter, from one series."""

    period: Period
    average: RateQuote
    period_end: RateQuote

    def row(self) -> list[str]:
        """The quarter as cells in :data:`REFERENCE_COLUMNS` order."""
        p, quotes, src = self.period, (self.average, self.period_end), self.average.sources[0]
        cells = [p.label.replace(" ", ""), p.start, p.end, self.average.complete]
        cells += [getattr(q, f) for q in quotes for f in _QUOTE_FIELDS]
        cells += [getattr(src, f) for f in _SOURCE_FIELDS]
        return [
            f"{c:f}"
            if isinstance(c, Decimal)
            else str(c).lower()
            if isinstance(c, bool)
            else str(c)
            for c in cells
        ]


def reference_quarter(table: RateTable, base: str, quote: str, period: Period) -> ReferenceQuarter:
    """Mean and period-end rate from one series; a partial quarter ends at its last rate."""
    avg = table.average(base, quote, period, allow_partial=True)
    if len(avg.sources) != 1:
        raise FxError(f"{quote} per {base} for {period} mixes {len(avg.sources)} sources")
    if avg.complete:
        return ReferenceQuarter(
            period, avg, table.period_end(base, quote, period, series=avg.series)
        )
    last = table.daily(base, quote, avg.last_day, series=avg.series)
    end = replace(last, method=f"last rate of partial {period}: {last.method}", complete=False)
    return ReferenceQuarter(period, avg, end)


def _is_calendar_quarter(period: Period) -> bool:
    end = period.end
    return (
        period.start.day == 1
        and end.month % 3 == 0
        and (end.year * 12 + end.month) - (period.start.year * 12 + period.start.month) == 2
        and (end + timedelta(days=1)).day == 1
    )


def reference_as_rates(rows: Sequence[ReferenceQuarter]) -> list[FxRate]:
    """The quarterly table as storable rates: a ``quarter_average`` and a ``quarter_end``
    rate per pair and quarter, dated at the quarter's last day; the locator keeps the
    method ("... mean of 61 days 2015-01-02..2015-03-31") so a quote can cite it."""
    out: list[FxRate] = []
    for row in rows:
        for kind, q in ((QUARTER_AVERAGE, row.average), (QUARTER_END, row.period_end)):
            out.append(
                FxRate(q.base, q.quote, row.period.end, q.rate, q.sources[0], kind, "", q.method)
            )
    return out


def find_reference(
    rows: Sequence[ReferenceQuarter], base: str, quote: str, period: Period
) -> ReferenceQuarter:
    """The row for the pair whose quarter spans exactly ``period``'s days."""
    pair = [r for r in rows if (r.average.base, r.average.quote) == (base, quote)]
    for r in pair:
        if r.period.same_span(period):
            return r
    span = f"{pair[0].period}..{pair[-1].period}" if pair else "no quarters of that pair"
    raise FxError(
        f"the reference table has no {quote} per {base} row for {period} "
        f"({period.start}..{period.end}); it holds {span}"
    )
