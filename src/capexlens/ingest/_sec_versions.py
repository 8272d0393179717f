"""From raw XBRL values to versioned facts: one concept per period, one fact per change.

Company facts repeat a value once per filing that reports it (a 10-K repeats last
year's figures as comparatives). capexlens keeps the *first* filing's value and a new
version only when a later filing reports a different value (a restatement), so the
store can answer "what was known on day D".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from capexlens.ingest._sec_concepts import ConceptRule
from capexlens.ingest._sec_records import RawValue
from capexlens.models import Fact, Period, Source, SourceKind
from capexlens.periods import FiscalCalendar

__all__ = [
    "PUBLISHER",
    "Filer",
    "Filing",
    "SpanKey",
    "Versions",
    "filing_url",
    "select_versions",
]

PUBLISHER = "U.S. Securities and Exchange Commission (EDGAR)"

SpanKey = tuple[str, date, date]
"""``(metric, start, end)``; an instant has ``start == end``."""


def filing_url(cik: int, accn: str) -> str:
    """The EDGAR index page of one filing.

    >>> filing_url(1640147, "0001640147-24-000101")
    'https://www.sec.gov/Archives/edgar/data/1640147/000164014724000101/0001640147-24-000101-index.htm'
    """
    return f"https://www.sec.gov/Archives/edgar/data/{cik}/{accn.replace('-', '')}/{accn}-index.htm"


@dataclass(frozen=True, slots=True)
class Filer:
    """What every fact of one company-facts file shares.

    ``period`` labels spans on the filer's calendar, remembering each span it saw: a
    file names the same few dozen spans hundreds of times.
    """

    entity_id: str
    name: str
    cik: int
    calendar: FiscalCalendar
    currency: str
    _periods: dict[tuple[date, date], Period] = field(default_factory=dict, compare=False)

    def period(self, start: date, end: date) -> Period:
        """The labelled :class:`Period` of a span."""
        found = self._periods.get((start, end))
        if found is None:
            found = self._periods[(start, end)] = self.calendar.period(start, end)
        return found


@dataclass(frozen=True, slots=True)
class Filing:
    """One version of a figure and the filing it came from."""

    fact: Fact
    accn: str
    form: str
    concept: str


@dataclass(slots=True)
class Versions:
    """Per span: the kept versions (oldest first) and what every filing reported."""

    kept: dict[SpanKey, list[Filing]]
    reported: dict[SpanKey, dict[str, tuple[date, Decimal]]]
    notes: list[str]


def select_versions(values: Sequence[RawValue], filer: Filer) -> Versions:
    """Keep the reporting currency, choose one concept per span, de-duplicate repeats."""
    kept_values, notes = _reporting_currency_only(values, filer.currency)
    groups: dict[SpanKey, list[RawValue]] = defaultdict(list)
    for v in kept_values:
        groups[(v.rule.metric, v.start or v.end, v.end)].append(v)
    out = Versions({}, {}, notes)
    for key in sorted(groups):
        kept, reported = _span_versions(groups[key], filer)
        out.kept[key] = kept
        out.reported[key] = reported
    return out


def _reporting_currency_only(
    values: Sequence[RawValue], currency: str
) -> tuple[list[RawValue], list[str]]:
    # A 20-F filer may tag a USD convenience translation beside its reporting currency;
    # capexlens keeps the reporting currency only (conversions are the fx module's job).
    kept: list[RawValue] = []
    dropped: dict[tuple[str, str], int] = defaultdict(int)
    for v in values:
        if v.rule.unit_kind == "money" and v.unit != currency:
            dropped[(v.rule.metric, v.unit)] += 1
        else:
            kept.append(v)
    notes = [
        f"{n} {metric} value(s) in {unit} left out: the reporting currency is {currency} "
        f"(a {unit} figure beside it is a convenience translation)"
        for (metric, unit), n in sorted(dropped.items())
    ]
    return kept, notes


def _by_filing(group: Iterable[RawValue]) -> dict[tuple[date, str], list[RawValue]]:
    filings: dict[tuple[date, str], list[RawValue]] = defaultdict(list)
    for v in group:
        filings[(v.filed, v.accn)].append(v)
    return dict(sorted(filings.items()))


def _authoritative(group: Sequence[RawValue]) -> ConceptRule:
    # The concept of the most recent filing wins; in one filing, the lower priority.
    best = max(group, key=lambda v: (v.filed, v.accn, -v.rule.priority))
    return best.rule


def _span_versions(
    group: Sequence[RawValue], filer: Filer
) -> tuple[list[Filing], dict[str, tuple[date, Decimal]]]:
    auth = _authoritative(group)
    latest = max(group, key=lambda v: (v.filed, v.accn))
    concepts = sorted({v.rule for v in group}, key=lambda r: r.priority)
    kept: list[Filing] = []
    reported: dict[str, tuple[date, Decimal]] = {}
    last: Decimal | None = None
    for (filed, accn), in_filing in _by_filing(group).items():
        rule = auth if any(v.rule is auth for v in in_filing) else in_filing_best(in_filing)
        chosen = [v for v in in_filing if v.rule is rule]
        value, combine_note = _one_value(chosen)
        reported[accn] = (filed, value)
        if value == last:
            continue  # a later filing repeating a value is not a restatement
        basis = _basis(rule, auth, concepts, latest)
        kept.append(_filing(chosen[0], value, basis, combine_note, filer))
        last = value
    return kept, reported


def in_filing_best(in_filing: Sequence[RawValue]) -> ConceptRule:
    """The preferred concept among those one filing tags (lowest priority number)."""
    return min(in_filing, key=lambda v: v.rule.priority).rule


def _one_value(chosen: Sequence[RawValue]) -> tuple[Decimal, str]:
    distinct = list(dict.fromkeys(v.value for v in chosen))
    if len(distinct) == 1:
        return distinct[0], ""
    if chosen[0].rule.unit_kind == "count":
        # A filer with several share classes states one cover-page count per class.
        total = sum(distinct, Decimal(0))
        parts = " + ".join(str(d) for d in distinct)
        return total, f"sum of {len(distinct)} counts the filing states (one per class): {parts}"
    others = ", ".join(str(d) for d in distinct[1:])
    return distinct[0], f"the filing also tags {others} for this span; the first is kept"


def _basis(
    rule: ConceptRule, auth: ConceptRule, concepts: Sequence[ConceptRule], latest: RawValue
) -> str:
    head = f"{rule.qname}: {rule.basis}."
    if len(concepts) == 1:
        return f"{head} The only {rule.metric} concept the filer tags for this period."
    others = ", ".join(c.qname for c in concepts if c is not rule)
    where = f"accn {latest.accn}, filed {latest.filed}"
    if rule is not auth:
        return (
            f"{head} This filing does not tag {auth.qname}, the concept of the most recent "
            f"filing covering this period ({where}); {rule.qname} is its closest tag."
        )
    return (
        f"{head} Chosen over {others}: it is the concept of the most recent filing covering "
        f"this period ({where}), ranked first among the concepts that filing tags."
    )


def _period(v: RawValue, filer: Filer) -> Period:
    if v.start is None:  # point in time: labelled by its day, as curated files do
        return Period(v.end, v.end, v.end.isoformat())
    return filer.period(v.start, v.end)


def _filing(v: RawValue, value: Decimal, basis: str, note: str, filer: Filer) -> Filing:
    title = f"{filer.name} {v.form} filed {v.filed.isoformat()}"
    source = Source(filing_url(filer.cik, v.accn), title, PUBLISHER, v.filed, SourceKind.FILING)
    unit = "count" if v.rule.unit_kind == "count" else v.unit
    summed = value != v.value  # several share classes added up
    printed = (
        f"{v.unit} {value} (XBRL, sum of classes)" if summed else f"{v.unit} {v.printed} (XBRL)"
    )
    fact = Fact(
        entity=filer.entity_id,
        metric=v.rule.metric,
        period=_period(v, filer),
        value=value,
        unit=unit,
        as_printed=printed,
        source=source,
        locator=f"{v.rule.qname}, accn {v.accn}, form {v.form}",
        basis=basis,
        known_on=v.filed,
        note=note,
    )
    return Filing(fact, v.accn, v.form, v.rule.qname)
