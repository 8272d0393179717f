"""Discrete fiscal quarters from year-to-date XBRL durations.

Cash-flow facts in 10-Qs are year-to-date: the Q2 filing reports six months, the Q3
filing nine, and the 10-K the full year. A discrete quarter is the difference of two
cumulative spans that start on the same fiscal-year start (Q2 = 6M - 3M,
Q3 = 9M - 6M, Q4 = FY - 9M), computed on dates, never on the filing's ``fy``/``fp``.

Every derived fact names its inputs (accession numbers, filing dates) and lists their
``fact_id``. When an input is restated, a new derived version appears with the later
``known_on``, so an as-of query before the restatement still sees the original.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from capexlens.ingest._sec_concepts import CONCEPTS_BY_QNAME
from capexlens.ingest._sec_records import nominal_month
from capexlens.ingest._sec_versions import (
    PUBLISHER,
    Filer,
    Filing,
    SpanKey,
    Versions,
    filing_url,
)
from capexlens.models import Fact, Period, Source, SourceKind

__all__ = ["derive_quarters", "quarters_in"]

_QUARTER_DAYS = 365.25 / 4
_SLACK_DAYS = 10  # a 14-week quarter of a 53-week year is 98 days

Span = tuple[date, date]


def quarters_in(start: date, end: date) -> int:
    """How many fiscal quarters a span covers (0 if it is no whole number of them).

    >>> quarters_in(date(2024, 2, 1), date(2024, 10, 31))
    3
    >>> quarters_in(date(2024, 2, 1), date(2024, 3, 15))
    0
    """
    days = (end - start).days + 1
    n = round(days / _QUARTER_DAYS)
    return n if 1 <= n <= 4 and abs(days - n * _QUARTER_DAYS) <= _SLACK_DAYS else 0


@dataclass(frozen=True, slots=True)
class _Plan:
    """Quarter ``target`` = ``inputs[0]`` minus every later input."""

    target: Span
    inputs: tuple[Span, ...]


def derive_quarters(
    versions: Versions, filer: Filer, *, instant_metrics: frozenset[str]
) -> list[Fact]:
    """Derived discrete quarters for every duration metric, each version in turn."""
    by_metric: dict[str, dict[Span, list[Filing]]] = defaultdict(dict)
    for (metric, start, end), kept in versions.kept.items():
        if metric not in instant_metrics:
            by_metric[metric][(start, end)] = kept
    out: list[Fact] = []
    for metric, spans in sorted(by_metric.items()):
        for plan in _plans(spans, filer.calendar.year_end_month):
            out.extend(_derive(metric, plan, spans, versions.reported, filer))
    return out


def _plans(spans: dict[Span, list[Filing]], fye_month: int) -> list[_Plan]:
    singles = {s: e for (s, e) in spans if quarters_in(s, e) == 1}
    plans: list[_Plan] = []
    for year_start in sorted({s for (s, _) in spans}):
        if nominal_month(year_start - timedelta(days=1)) != fye_month:
            continue  # not a fiscal-year start: no year-to-date span begins here
        cumulative = {quarters_in(s, e): (s, e) for (s, e) in sorted(spans) if s == year_start}
        for n in (2, 3, 4):
            plan = _plan(n, cumulative, singles)
            if plan is not None and plan.target not in spans:
                plans.append(plan)
    return plans


def _plan(n: int, cumulative: dict[int, Span], singles: dict[date, date]) -> _Plan | None:
    whole = cumulative.get(n)
    if whole is None:
        return None
    before = cumulative.get(n - 1)
    if before is not None:
        minus: tuple[Span, ...] = (before,)
    else:  # no n-1 year-to-date span: subtract a chain of printed quarters instead
        chain: list[Span] = []
        start = whole[0]
        while start in singles and singles[start] < whole[1]:
            chain.append((start, singles[start]))
            start = singles[start] + timedelta(days=1)
        if not chain:
            return None
        minus = tuple(chain)
    target = (minus[-1][1] + timedelta(days=1), whole[1])
    if quarters_in(*target) != 1:
        return None
    return _Plan(target, (whole, *minus))


def _latest_by(kept: Sequence[Filing], day: date) -> Filing:
    return [f for f in kept if f.fact.known_on <= day][-1]


def _derive(
    metric: str,
    plan: _Plan,
    spans: dict[Span, list[Filing]],
    reported: dict[SpanKey, dict[str, tuple[date, Decimal]]],
    filer: Filer,
) -> list[Fact]:
    inputs = [spans[s] for s in plan.inputs]
    first_day = max(kept[0].fact.known_on for kept in inputs)
    days = sorted(
        {f.fact.known_on for kept in inputs for f in kept if f.fact.known_on >= first_day}
    )
    out: list[Fact] = []
    last: Decimal | None = None
    for day in days:
        chosen = [_latest_by(kept, day) for kept in inputs]
        value = chosen[0].fact.value - sum((c.fact.value for c in chosen[1:]), Decimal(0))
        if value == last:
            continue  # an input changed but the difference did not: not a new figure
        keys = [(metric, s, e) for (s, e) in plan.inputs]
        vintage = _vintage(chosen, [reported[k] for k in keys], day)
        out.append(_fact(metric, plan, chosen, value, vintage, day, filer))
        last = value
    return out


def _vintage(
    chosen: Sequence[Filing], reported: Sequence[dict[str, tuple[date, Decimal]]], day: date
) -> str:
    accns = {c.accn for c in chosen}
    if len(accns) == 1:
        return f"All inputs come from one filing (accn {chosen[0].accn})."
    common = set.intersection(
        *({a for a, (filed, _) in r.items() if filed <= day} for r in reported)
    )
    latest_input = f"each input is its latest version filed by {day.isoformat()}"
    if not common:
        spans = "both spans" if len(chosen) == 2 else f"all {len(chosen)} spans"
        return (
            f"No single filing reports {spans}, so {latest_input}; the inputs come from "
            "different filings."
        )
    accn = max(common, key=lambda a: (reported[0][a][0], a))
    older = [r[accn][1] for r in reported]
    if older == [c.fact.value for c in chosen]:
        return (
            f"One vintage: filing {accn} reports every input with these values; {latest_input}, "
            "cited at the first filing of that value."
        )
    shown = ", ".join(str(v) for v in older)
    return (
        f"{latest_input.capitalize()}; filing {accn} reports all spans with older values ({shown})."
    )


def _describe(filing: Filing) -> str:
    f = filing.fact
    return (
        f"{f.unit} {f.value} ({filing.concept}, {f.period}, accn {filing.accn}, "
        f"{filing.form} filed {f.known_on.isoformat()})"
    )


def _fact(
    metric: str,
    plan: _Plan,
    chosen: Sequence[Filing],
    value: Decimal,
    vintage: str,
    day: date,
    filer: Filer,
) -> Fact:
    period: Period = filer.period(*plan.target)
    newest = max(chosen, key=lambda c: (c.fact.known_on, c.accn))
    terms = " - ".join(_describe(c) for c in chosen)
    head = chosen[0].fact
    derivation = (
        f"{period} = {chosen[0].fact.period} minus "
        f"{' minus '.join(str(c.fact.period) for c in chosen[1:])}: {terms} = {head.unit} {value}. "
        f"{vintage}"
    )
    concepts = list(dict.fromkeys(c.concept for c in chosen))
    note = "" if len(concepts) == 1 else f"inputs use different concepts: {', '.join(concepts)}"
    what = " ".join(f"{q}: {CONCEPTS_BY_QNAME[q].basis}." for q in concepts)
    accns = ", ".join(dict.fromkeys(c.accn for c in chosen))
    source = Source(
        filing_url(filer.cik, newest.accn),
        f"{filer.name} {period} {metric} derived from SEC filings {accns}",
        PUBLISHER,
        day,
        SourceKind.DERIVED,
    )
    return Fact(
        entity=filer.entity_id,
        metric=metric,
        period=period,
        value=value,
        unit=head.unit,
        as_printed="",
        source=source,
        locator="; ".join(c.fact.locator for c in chosen),
        basis=f"Three months derived from cumulative (year-to-date) figures. {what}",
        known_on=day,
        derivation=derivation,
        derived_from=tuple(c.fact.fact_id for c in chosen),
        note=note,
    )
