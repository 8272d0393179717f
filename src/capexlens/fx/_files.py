"""Rate files: Fed H.10, ECB history, issuers' convenience rates, the shipped quarterly table."""

from __future__ import annotations

import csv
import functools
import gc
import importlib.resources
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, get_type_hints

from capexlens.errors import (
    CapexlensError,
    FxError,
    IngestError,
    ValidationIssue,
)
from capexlens.fx._table import (
    _DERIVED,
    _QUOTE_FIELDS,
    _SOURCE_FIELDS,
    CONVENIENCE_HEADER,
    CROSS,
    DAILY,
    ECB_PUBLISHER,
    ECB_URL,
    FED_H10_URL,
    FED_PUBLISHER,
    REFERENCE_COLUMNS,
    RateQuote,
    ReferenceQuarter,
)
from capexlens.models import FxRate, Period, Source, SourceKind

_MAX_ISSUES = 20
_T = TypeVar("_T")
_P = ParamSpec("_P")
# H.10 series codes end in a country code; RXI$US_ series are quoted as USD per unit.
_H10_CODES = "CH=CNY HK=HKD JA=JPY KO=KRW TA=TWD IN=INR SI=SGD CA=CAD SZ=CHF EU=EUR UK=GBP AL=AUD"
_H10_COUNTRIES = dict(pair.split("=") for pair in _H10_CODES.split())


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
