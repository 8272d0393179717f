"""Exchange rates: central-bank and issuer rate files, a rate table, explicit conversion.

Rates come from the Federal Reserve H.10 Data Download Program CSV, the ECB euro reference
rate history and a curated file of issuers' own convenience rates. A :class:`RateTable`
answers "which rate, from whom, over which days" with a :class:`RateQuote` that names its
method, and :func:`convert` changes currency only when handed such a quote, so every
converted figure can say which rate it used.
"""

from __future__ import annotations

import csv
import functools
import gc
import importlib.resources
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Context, Decimal, InvalidOperation
from operator import attrgetter
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, get_type_hints

from capexlens.errors import (
    CapexlensError,
    CurrencyMismatchError,
    FxError,
    IngestError,
    ValidationIssue,
)
from capexlens.models import FxRate, Money, Period, Source, SourceKind

__all__ = [
    "CONVENIENCE",
    "CONVENIENCE_COLUMNS",
    "CONVENIENCE_HEADER",
    "CROSS",
    "DAILY",
    "REFERENCE_COLUMNS",
    "Conversion",
    "RateQuote",
    "RateTable",
    "ReferenceQuarter",
    "convert",
    "ecb_cross",
    "find_reference",
    "h10_pair",
    "load_convenience",
    "load_ecb",
    "load_h10",
    "load_reference_quarterly",
    "money_text",
    "reference_as_rates",
    "reference_quarter",
]

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
_MAX_ISSUES = 20
_T = TypeVar("_T")
_P = ParamSpec("_P")
# H.10 series codes end in a country code; RXI$US_ series are quoted as USD per unit.
_H10_CODES = "CH=CNY HK=HKD JA=JPY KO=KRW TA=TWD IN=INR SI=SGD CA=CAD SZ=CHF EU=EUR UK=GBP AL=AUD"
_H10_COUNTRIES = dict(pair.split("=") for pair in _H10_CODES.split())
# 'Press Release: Alibaba Group Announces ...', 'Baidu, Inc.: Baidu Announces ...'
_ANNOUNCER = re.compile(
    r"(?:press release:\s*)?(?:[^:]*:\s*)?(?P<who>.+?)\s+(?:announces|reports)\b", re.I
)
_SUFFIXES = "group holding holdings inc inc. ltd ltd. limited corporation corp. co co. plc"


# --- field rules shared by every loader ----------------------------------------------------


class _Issues:
    """Collects broken rules so one run reports them all, not just the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[ValidationIssue] = []

    def add(self, line: int, name: str, rule: str) -> None:
        if len(self.items) == _MAX_ISSUES:
            self.items.append(ValidationIssue(self.path, line, "file", "more errors not shown"))
        if len(self.items) <= _MAX_ISSUES:
            self.items.append(ValidationIssue(self.path, line, name, rule))

    def check(self, line: int, name: str, raw: str, parse: Callable[[str], _T]) -> _T | None:
        try:
            return parse(raw)
        except (ValueError, InvalidOperation, FxError) as exc:
            self.add(line, name, f"{exc}, got {raw!r}")
            return None

    def raise_any(self) -> None:
        if self.items:
            raise IngestError(self.path, sorted(self.items, key=lambda i: i.line))


def _rule(ok: Callable[[str], bool], message: str) -> Callable[[str], str]:
    """A field check that passes the text through or raises ``ValueError(message)``."""

    def check(raw: str) -> str:
        if not ok(raw):
            raise ValueError(message)
        return raw

    return check


_code = _rule(
    lambda s: len(s) == 3 and s.isascii() and s.isalpha() and s.isupper(),
    "must be an ISO 4217 code such as USD or CNY",
)
_url = _rule(lambda s: s.startswith(("https://", "http://")), "must be an http(s) address")
_text = _rule(bool, "must not be empty")


def _day(raw: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ValueError("must be a date YYYY-MM-DD") from None


def _rate(raw: str) -> Decimal:
    try:
        value = Decimal(raw)
        ok = value.is_finite() and value > 0
    except InvalidOperation:
        ok = False
    if not ok:
        raise ValueError("must be a positive number")
    return value


def _flag(raw: str) -> bool:
    if raw not in ("true", "false"):
        raise ValueError("must be true or false")
    return raw == "true"


def _gc_paused(func: Callable[_P, _T]) -> Callable[_P, _T]:
    """Run ``func`` with the cyclic garbage collector paused, then restore it.

    Why: loading builds up to 200,000 small records, none in a reference cycle, and each
    automatic collection would rescan all of them (and everything the caller holds),
    which made loading the ECB file about twice as slow.
    """

    @functools.wraps(func)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return run


def _rows(path: str | Path) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` of a CSV file; an unreadable file becomes an :class:`IngestError`."""
    line = 0
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            for row in reader:
                line = reader.line_num
                yield line, row
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        issue = ValidationIssue(str(path), line, "file", f"cannot be read as CSV: {exc}")
        raise IngestError(str(path), [issue]) from exc


# --- loaders ---------------------------------------------------------------------------------


def h10_pair(code: str) -> tuple[str, str]:
    """``(base, quote)`` of an H.10 daily series code.

    >>> h10_pair("RXI_N.B.CH"), h10_pair("RXI$US_N.B.EU")
    (('USD', 'CNY'), ('EUR', 'USD'))
    """
    prefix, _, country = code.rpartition(".")
    currency = _H10_COUNTRIES.get(country)
    if currency is None or prefix not in ("RXI_N.B", "RXI$US_N.B"):
        known = ", ".join(sorted(_H10_COUNTRIES))
        raise FxError(f"unknown H.10 daily series {code!r}; expected RXI_N.B.XX with XX in {known}")
    return (currency, "USD") if prefix.startswith("RXI$US") else ("USD", currency)


@_gc_paused
def load_h10(path: str | Path) -> list[FxRate]:
    """Daily noon buying rates from a Federal Reserve H.10 Data Download Program CSV.

    Header lines (``"Series Description"``, ``"Unique Identifier: "``...) end with a
    ``"Time Period"`` line naming the series codes, which tell the currency pair (see
    :func:`h10_pair`). ``ND`` marks a day without a rate and yields nothing.
    """
    issues = _Issues(str(path))
    codes: list[str] = []
    data: list[tuple[str, date, str, Decimal]] = []
    for line, row in _rows(path):
        if not any(cell.strip() for cell in row):
            continue
        if not codes:
            if row[0].strip() == "Time Period":
                codes = [c.strip() for c in row[1:]]
                for c in codes:
                    issues.check(line, "Time Period", c, h10_pair)
            elif row[0][:1].isdigit():
                issues.add(line, "header", "data before the 'Time Period' line: not H.10 DDP")
                break
            continue
        if len(row) != len(codes) + 1:
            issues.add(line, "row", f"must have {len(codes) + 1} cells, got {len(row)}")
            continue
        day = issues.check(line, "Time Period", row[0], _day)
        for code, raw in zip(codes, row[1:], strict=True):
            value = None if raw.strip() == "ND" else issues.check(line, code, raw, _rate)
            if day is not None and value is not None:
                data.append((code, day, raw.strip(), value))
    if not codes and not issues.items:
        issues.add(0, "header", "no 'Time Period' line: not an H.10 Data Download Program CSV")
    issues.raise_any()
    published = max((d for _, d, _, _ in data), default=date.min)
    title = "H.10 Foreign Exchange Rates, Data Download Program series "
    kind = SourceKind.CENTRAL_BANK
    src = {c: Source(FED_H10_URL, title + c, FED_PUBLISHER, published, kind) for c in codes}
    data.sort(key=lambda t: (t[0], t[1]))
    return [FxRate(*h10_pair(c), d, v, src[c], DAILY, raw, f"series {c}") for c, d, raw, v in data]


@_gc_paused
def load_ecb(path: str | Path, currencies: Collection[str] | None = None) -> list[FxRate]:
    """Euro reference rates (units of each currency per EUR) from ECB ``eurofxref-hist.csv``.

    The file is newest first, ends every line with a comma and says ``N/A`` where a
    currency was not quoted; rates come back oldest first, currency by currency. Pass
    ``currencies`` to load only those columns: the whole file holds some 210,000 rates.
    """
    issues = _Issues(str(path))
    rows = _rows(path)
    header = [c.strip() for c in next(rows, (1, []))[1]]
    width = len(header)  # every row ends with a comma too, so rows are as wide as this
    while header and not header[-1]:
        header.pop()  # the trailing comma makes an empty last column
    if header[:1] != ["Date"] or len(header) < 2:
        issues.add(1, "header", "must be 'Date' then currency codes: not an ECB eurofxref CSV")
    for code in header[1:]:
        issues.check(1, "header", code, _code)
    for code in set(currencies or ()) - set(header):
        issues.add(1, "header", f"has no {code} column; it has {', '.join(header[1:])}")
    issues.raise_any()
    body = [(line, row) for line, row in rows if row]
    days = [issues.check(line, "Date", row[0], _day) for line, row in body]
    published = max((d for d in days if d is not None), default=date.min)
    title = "ECB euro foreign exchange reference rates (eurofxref-hist.zip)"
    source = Source(ECB_URL, title, ECB_PUBLISHER, published, SourceKind.CENTRAL_BANK)
    wanted = set(header[1:] if currencies is None else currencies)
    cols = [(i, c, f"column {c}") for i, c in enumerate(header) if i and c in wanted]
    data: dict[str, list[FxRate]] = {c: [] for _, c, _ in cols}
    seen: set[date] = set()
    for (line, row), day in zip(body, days, strict=True):
        if len(row) != width or any(row[len(header) :]):
            issues.add(line, "row", f"must have {len(header) - 1} rates (or N/A) after the date")
        elif day in seen:
            issues.add(line, "Date", f"{day} appears twice")
        if day is None or day in seen or len(row) != width:
            continue
        seen.add(day)
        for i, code, loc in cols:  # the hot loop (200,000 cells): checks are inlined
            raw = row[i]
            if raw == "N/A":
                continue
            try:
                value = Decimal(raw)
                ok = value > 0 and not value.is_infinite()
            except InvalidOperation:  # Decimal("x") raises, and so does NaN > 0
                ok = False
            if ok:
                data[code].append(FxRate("EUR", code, day, value, source, DAILY, raw, loc))
            else:
                issues.add(line, code, f"must be a positive number or N/A, got {raw!r}")
    issues.raise_any()
    # why sort: newest first is a trap, and sorting a reversed run costs one linear pass
    return [r for rates in data.values() for r in sorted(rates, key=attrgetter("day"))]


def ecb_cross(rates: Sequence[FxRate], base: str, quote: str) -> list[FxRate]:
    """``quote`` per ``base`` derived from euro-based rates: (quote/EUR) / (base/EUR) per day.

    >>> s = Source(ECB_URL, "t", ECB_PUBLISHER, date(2025, 5, 9), SourceKind.CENTRAL_BANK)
    >>> eur = [FxRate("EUR", c, date(2025, 5, 9), Decimal(v), s)
    ...        for c, v in [("USD", "1.1252"), ("CNY", "8.147")]]
    >>> [(r.rate, r.kind, r.as_printed) for r in ecb_cross(eur, "USD", "CNY")]
    [(Decimal('7.240490579'), 'cross', '8.147/1.1252')]
    """
    if "EUR" in (base, quote):
        raise FxError(f"{quote} per {base} needs no cross: put the EUR rates in a RateTable")
    per_base = {r.day: r for r in rates if r.base == "EUR" and r.quote == base}
    crossing = [
        (r, per_base[r.day])
        for r in rates
        if r.base == "EUR" and r.quote == quote and r.day in per_base
    ]
    if not crossing:
        raise FxError(f"no day has both EUR/{base} and EUR/{quote} rates to cross")
    first = crossing[0][0].source
    title = f"{first.title}; {quote} per {base} = {quote} per EUR / {base} per EUR"
    src, loc = replace(first, title=title, kind=SourceKind.DERIVED), f"{quote} / {base} columns"
    out = []
    for q, b in crossing:
        value = _DERIVED.divide(q.rate, b.rate)
        out.append(FxRate(base, quote, q.day, value, src, CROSS, f"{q.rate}/{b.rate}", loc))
    return sorted(out, key=attrgetter("day"))


_CONVENIENCE_RULES: tuple[tuple[str, Callable[[str], object]], ...] = (
    *((name, _code) for name in ("base", "quote")),
    *((name, _day) for name in ("day", "published")),
    *((name, _text) for name in ("kind", "as_printed", "locator", "source_title", "publisher")),
    ("rate", _rate),
    ("source_url", _url),
    ("source_kind", SourceKind),
)


def load_convenience(path: str | Path) -> list[FxRate]:
    """Issuers' stated translation rates from the curated ``convenience.csv``.

    Columns are :data:`CONVENIENCE_COLUMNS`; ``rate`` is units of ``quote`` per ``base``
    and ``kind`` is normally ``convenience``.
    """
    issues, rows = _Issues(str(path)), _rows(path)
    _, header = next(rows, (1, []))
    if ",".join(header) != CONVENIENCE_HEADER:
        issues.add(1, "header", f"must be {CONVENIENCE_HEADER}")
        issues.raise_any()
    out: list[FxRate] = []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            issues.add(line, "row", f"must have {len(header)} cells, got {len(row)}")
            continue
        c = dict(zip(header, (cell.strip() for cell in row), strict=True))
        if [issues.check(line, n, c[n], rule) for n, rule in _CONVENIENCE_RULES].count(None):
            continue
        kind = SourceKind(c["source_kind"])
        src = Source(c["source_url"], c["source_title"], c["publisher"], _day(c["published"]), kind)
        day, rate = _day(c["day"]), Decimal(c["rate"])
        out.append(
            FxRate(c["base"], c["quote"], day, rate, src, c["kind"], c["as_printed"], c["locator"])
        )
    issues.raise_any()
    return out


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


def load_reference_quarterly(path: str | Path | None = None) -> list[ReferenceQuarter]:
    """The quarterly reference table shipped with capexlens, or the one at ``path``."""
    path = path or str(importlib.resources.files("capexlens") / "data/fx/reference_quarterly.csv")
    issues, rows = _Issues(str(path)), _rows(path)
    if tuple(next(rows, (1, []))[1]) != REFERENCE_COLUMNS:
        issues.add(1, "header", f"must be {','.join(REFERENCE_COLUMNS)}")
        issues.raise_any()
    out: list[ReferenceQuarter] = []
    for line, row in rows:
        if len(row) != len(REFERENCE_COLUMNS):
            issues.add(line, "row", f"must have {len(REFERENCE_COLUMNS)} cells, got {len(row)}")
            continue
        cells = dict(zip(REFERENCE_COLUMNS, row, strict=True))
        try:
            out.append(_reference_row(cells))
        except (ValueError, InvalidOperation, CapexlensError) as exc:
            name, _, rule = str(exc).partition(": ")
            issues.add(line, name, rule)
    issues.raise_any()
    return out


def _reference_row(cells: dict[str, str]) -> ReferenceQuarter:
    read: dict[Any, Callable[[str], Any]] = {
        Decimal: _rate,
        int: int,
        str: str,
        date: _day,
        SourceKind: SourceKind,
    }

    def fields(cls: type, prefix: str, names: Sequence[str]) -> dict[str, Any]:
        hints, out = get_type_hints(cls), {}
        for f in names:
            try:
                out[f] = read[hints[f]](cells[prefix + f])
            except (ValueError, InvalidOperation) as exc:
                raise ValueError(f"{prefix}{f}: {exc}, got {cells[prefix + f]!r}") from None
        return out

    complete = _flag(cells["complete"])
    src = Source(**fields(Source, "source_", _SOURCE_FIELDS))
    avg, end = (
        RateQuote(
            **fields(RateQuote, f"{which}_", _QUOTE_FIELDS), sources=(src,), complete=complete
        )
        for which in ("average", "period_end")
    )
    year, _, q = cells["quarter"].removeprefix("CY").partition("Q")
    return ReferenceQuarter(
        Period(_day(cells["start"]), _day(cells["end"]), f"CY{year} Q{q}"), avg, end
    )


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
