"""The store's facts indexed for one check, and one claim matched with one fact.

Private to the verifier (:mod:`capexlens.claims.verify`, :mod:`capexlens.claims.consistency`):
:class:`FactIndex` reads each entity's facts once and finds the FX rate nearest a day;
figures as intervals live in :mod:`capexlens.claims._bounds` and are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from capexlens.claims._bounds import (
    APPROX_WORDS,
    FLOOR_WORDS,
    NUM,
    Bounds,
    Candidate,
    claim_bounds,
    currency_of,
    fact_bounds,
    fact_text,
    fmt_value,
    outside_range,
    printed_ulp,
    spread,
    too_loose,
)
from capexlens.claims._names import ISO_UNIT
from capexlens.models import Claim, Fact, FxRate, Period, Source, SourceKind
from capexlens.registry import Registry
from capexlens.store import FactStore

__all__ = [
    "ANY_PERIOD",
    "FAMILY",
    "GUIDANCE",
    "ISO",
    "LATEST_PERIOD",
    "NUM",
    "PLANS",
    "Bounds",
    "Candidate",
    "FactIndex",
    "Hit",
    "as_claim_unit",
    "best",
    "claim_bounds",
    "claim_unit_bounds",
    "derived_sum",
    "fact_bounds",
    "fact_text",
    "fmt_value",
    "hit",
    "is_floor",
    "issuer_rounding",
    "latest_versions",
    "printed_ulp",
    "ranked",
    "shift_back",
    "signed_meets",
    "too_loose",
]

ISO = ISO_UNIT  # one currency-code pattern for the claims package
_DOWN_RE = re.compile(
    r"(?i)\b(?:outflow|negative|reduc\w*|declin\w*|decreas\w*|fell|fall\w*|"
    r"drop\w*|down|lower|loss|net reduction|shr[ai]nk\w*|cut)\b"
)
ANY_PERIOD = frozenset({"investment_commitment", "model_parameters", "model_active_parameters"})
LATEST_PERIOD = frozenset({"market_share", "market_size", "market_growth_yoy"})
# plans whose periods the latest version answers (the money plans), and every plan metric:
# a plan the store first holds from after the article cannot judge it
GUIDANCE = frozenset({"capex_guidance", "segment_revenue_guidance"})
PLANS = GUIDANCE | {"segment_revenue_guidance_growth_yoy", "capex_to_revenue_guidance"}
# A claim of the first metric is also borne out by a fact of the others: "capex" may be
# the headline figure including finance leases, "net income" the attributable one.
FAMILY = {
    "capex": ("capex", "capex_incl_finance_leases"),
    "capex_growth_yoy": ("capex_growth_yoy", "capex_incl_finance_leases_growth_yoy"),
    "net_income": ("net_income", "net_income_attributable"),
    "net_income_growth_yoy": ("net_income_growth_yoy", "net_income_attributable_growth_yoy"),
}
_LEASES_BASIS = re.compile(r"(?i)\bincluding\b[^;.]{0,40}\bfinance\s+leases?")
_GROWTH_METRIC = re.compile(r"(?P<base>.+)_growth_(?P<kind>yoy|qoq)")


# --- the fact index -------------------------------------------------------------------------


@dataclass
class StoreSnapshot:
    """What checks read from the store: each entity's facts, the FX rates and the holders
    of a metric, read once and shared by every article of a batch.

    Why: reading from DuckDB dominated the check of a short article; a batch of articles
    about the same companies needs each company's facts once. The snapshot never writes.
    """

    store: FactStore
    _facts: dict[str, list[Fact]] = field(default_factory=dict, repr=False)
    _rates: list[FxRate] | None = field(default=None, repr=False)
    _holders: dict[str, set[str]] = field(default_factory=dict, repr=False)
    # derived from the facts alone (no article date), so shared by the whole batch
    _series: dict[tuple[str, str, str, bool], list[Candidate]] = field(
        default_factory=dict, repr=False
    )
    _pairs: dict[frozenset[str], list[FxRate]] | None = field(default=None, repr=False)
    _nearest: dict[tuple[str, str, date], tuple[Decimal, Decimal, FxRate] | None] = field(
        default_factory=dict, repr=False
    )

    # each entity's facts by metric, and each fact's id, computed once per batch (the ids
    # of stored facts fill ``derived_from`` of every figure the checker computes)
    _by_metric: dict[str, dict[str, list[Fact]]] = field(default_factory=dict, repr=False)
    _ids: dict[int, str] = field(default_factory=dict, repr=False)
    _quarters: dict[str, list[Fact]] = field(default_factory=dict, repr=False)
    # each entity's facts by period span, its first day a fact became public, and each
    # held fact as a candidate: what the misattribution search reads for every claim
    _by_span: dict[str, dict[tuple[date, date], list[Fact]]] = field(
        default_factory=dict, repr=False
    )
    _first_known: dict[str, date | None] = field(default_factory=dict, repr=False)
    _cands: dict[int, Candidate] = field(default_factory=dict, repr=False)
    _shifts: dict[tuple[date, date, str], tuple[date, date] | None] = field(
        default_factory=dict, repr=False
    )

    def entity_facts(self, entity: str) -> list[Fact]:
        """Every version of every fact of ``entity``."""
        if entity not in self._facts:
            read = self.store.facts_with_ids(entity=entity, latest=False)
            self._facts[entity] = [f for f, _ in read]
            # the stored ids: what :meth:`fact_id` would hash, without hashing
            self._ids.update((id(f), i) for f, i in read)
        return self._facts[entity]

    def metric_facts(self, entity: str, metrics: tuple[str, ...]) -> list[Fact]:
        """The facts of ``entity`` of any of ``metrics``, in stored order."""
        if entity not in self._by_metric:
            index: dict[str, list[Fact]] = {}
            for f in self.entity_facts(entity):
                index.setdefault(f.metric, []).append(f)
            self._by_metric[entity] = index
        index = self._by_metric[entity]
        if len(metrics) == 1:
            return index.get(metrics[0], [])
        return [f for f in self.entity_facts(entity) if f.metric in metrics]

    def span_facts(self, entity: str, start: date, end: date) -> list[Fact]:
        """The facts of ``entity`` of the period ``start`` to ``end``, in stored order."""
        if entity not in self._by_span:
            index: dict[tuple[date, date], list[Fact]] = {}
            for f in self.entity_facts(entity):
                index.setdefault((f.period.start, f.period.end), []).append(f)
            self._by_span[entity] = index
        return self._by_span[entity].get((start, end), [])

    def first_known(self, entity: str) -> date | None:
        """The day the first fact of ``entity`` became public (``None`` if it has none)."""
        if entity not in self._first_known:
            days = [f.known_on for f in self.entity_facts(entity)]
            self._first_known[entity] = min(days) if days else None
        return self._first_known[entity]

    def candidate(self, f: Fact) -> Candidate:
        """``Candidate(f, fact_bounds(f))``, built once per fact the snapshot holds."""
        c = self._cands.get(id(f))
        if c is None or c.fact is not f:  # ``is``: an id is only unique while ``f`` lives
            c = Candidate(f, fact_bounds(f))
            self._cands[id(f)] = c
        return c

    def shift_back(self, p: Period, kind: str) -> tuple[date, date] | None:
        """:func:`shift_back`, once per span (every derivation shifts the same quarters)."""
        key = (p.start, p.end, kind)
        if key not in self._shifts:
            self._shifts[key] = shift_back(p, kind)
        return self._shifts[key]

    def quarter_facts(self, entity: str) -> list[Fact]:
        """The facts of ``entity`` that span a quarter, guidance aside."""
        if entity not in self._quarters:
            self._quarters[entity] = [
                f
                for f in self.entity_facts(entity)
                if 80 <= f.period.days <= 95 and "guidance" not in f.metric
            ]
        return self._quarters[entity]

    def _with_revenue(self, entity: str, metric: str) -> list[Fact]:
        """The facts of ``metric`` and of revenue: the two levels a ratio is computed from."""
        return self.metric_facts(entity, (metric,)) + self.metric_facts(entity, ("revenue",))

    def fact_id(self, f: Fact) -> str:
        """``f.fact_id``: as stored for a fact the snapshot read, else hashed once per batch
        (the snapshot holds ``f``, so its ``id`` stays)."""
        key = id(f)
        if key not in self._ids:
            self._ids[key] = f.fact_id
        return self._ids[key]

    def holders(self, metric: str, segment: str) -> set[str]:
        """Entities with facts of a metric and segment (market shares: every player)."""
        key = f"{metric}/{segment}"
        if key not in self._holders:
            found = self.store.facts(metric=metric, segment=segment)
            self._holders[key] = {f.entity for f in found}
        return self._holders[key]

    def fx(self) -> list[FxRate]:
        """Every stored FX rate."""
        if self._rates is None:
            self._rates = self.store.fx_rates()
        return self._rates

    def series(self, entity: str, metric: str, segment: str, strict: bool) -> list[Candidate]:
        """:meth:`FactIndex.series`, read once per batch (treat the list as read-only)."""
        key = (entity, metric, segment, strict)
        if key not in self._series:
            self._series[key] = self._read_series(entity, metric, segment, strict)
        return self._series[key]

    def _read_series(self, entity: str, metric: str, segment: str, strict: bool) -> list[Candidate]:
        metrics = (metric,) if strict else FAMILY.get(metric, (metric,))
        facts = [
            f
            for f in self.metric_facts(entity, metrics)
            if f.segment == segment or metric in ANY_PERIOD
        ]
        if metric == "capex_incl_finance_leases" and not strict:
            # a company whose headline capex already includes finance leases (Meta) is
            # stored as capex with that basis said: that figure is on the claim's basis
            facts += [
                f
                for f in self.metric_facts(entity, ("capex",))
                if f.segment == segment and _LEASES_BASIS.search(f.basis) is not None
            ]
        found = [self.candidate(f) for f in facts]
        # a stored figure of a metric and period is offered, not one derived for them: the
        # derivations skip those before computing anything
        have = {(c.fact.metric, c.fact.period) for c in found}
        growth = _GROWTH_METRIC.fullmatch(metric)
        derived: list[Candidate] = []
        # each derivation reads only the metrics it is computed from
        if growth is not None:
            for m in metrics:  # each of the family: the attributable figure's growth too
                g = _GROWTH_METRIC.fullmatch(m)
                if g is not None:
                    levels = self.metric_facts(entity, (g["base"],))
                    derived += _derived_growth(levels, g["base"], segment, g["kind"], self, have)
        elif metric in _MARGIN_OF:
            inputs = self._with_revenue(entity, _MARGIN_OF[metric])
            derived = _derived_margin(inputs, metric, segment, self, have)
        elif metric == "segment_revenue_share":
            inputs = self._with_revenue(entity, "segment_revenue")
            derived = _derived_share(inputs, segment, self, have)
        return found + derived

    def rate(self, base: str, quote: str, day: date) -> tuple[Decimal, Decimal, FxRate] | None:
        """:meth:`FactIndex.rate`, found once per batch."""
        key = (base, quote, day)
        if key not in self._nearest:
            self._nearest[key] = self._nearest_rate(base, quote, day)
        return self._nearest[key]

    def _nearest_rate(
        self, base: str, quote: str, day: date
    ) -> tuple[Decimal, Decimal, FxRate] | None:
        if self._pairs is None:  # the rates of each pair, in stored order (ties go first)
            self._pairs = {}
            for r in self.fx():
                self._pairs.setdefault(frozenset((r.base, r.quote)), []).append(r)
        best: tuple[int, FxRate, bool] | None = None
        for r in self._pairs.get(frozenset((base, quote)), ()):
            # a rate published after the day was not known to whoever converted
            late = 45 if r.day > day else 0
            score = abs((r.day - day).days) + late + (0 if r.kind == "daily" else 3)
            if best is None or score < best[0]:
                best = (score, r, r.base != base)
        if best is None or abs((best[1].day - day).days) > 120:
            return None
        days = abs((best[1].day - day).days)
        tol = Decimal("0.015") if days <= 7 else Decimal("0.03") if days <= 45 else Decimal("0.05")
        value = 1 / best[1].rate if best[2] else best[1].rate
        return value, tol, best[1]


@dataclass
class FactIndex:
    """The facts one check needs: a :class:`StoreSnapshot` seen as of the article's date.

    The series and rates it derives depend on the facts alone, so the snapshot caches them
    for the whole batch."""

    snapshot: StoreSnapshot
    registry: Registry
    as_of: date | None = None
    peers: frozenset[str] = frozenset()  # entities the article names (misattribution search)

    def entity_facts(self, entity: str) -> list[Fact]:
        """Every version of every fact of ``entity``."""
        return self.snapshot.entity_facts(entity)

    def known(self, facts: Iterable[Fact]) -> list[Fact]:
        """The facts public by the article date (all of them if none was, or no date)."""
        facts = list(facts)
        if self.as_of is None:
            return facts
        early = [f for f in facts if f.known_on <= self.as_of]
        return early or facts

    def known_span(self, entity: str, start: date, end: date) -> list[Fact]:
        """``[f for f in known(entity_facts(entity)) if f.period spans start..end]``, read
        from the snapshot's index of spans rather than by a scan of every fact."""
        facts = self.snapshot.span_facts(entity, start, end)
        first = self.snapshot.first_known(entity)
        if self.as_of is None or first is None or first > self.as_of:
            return list(facts)  # ``known`` keeps every fact when none was public yet
        return [f for f in facts if f.known_on <= self.as_of]

    def series(
        self, entity: str, metric: str, segment: str, strict: bool = False
    ) -> list[Candidate]:
        """Candidates for a metric: stored facts, its family (unless ``strict``: "purchases
        of property and equipment" is no capex including leases), and derived growth."""
        return self.snapshot.series(entity, metric, segment, strict)

    def holders(self, metric: str, segment: str) -> set[str]:
        """Entities with facts of a metric and segment (market shares: every player)."""
        return self.snapshot.holders(metric, segment)

    def fx(self) -> list[FxRate]:
        """Every stored FX rate."""
        return self.snapshot.fx()

    def rate(self, base: str, quote: str, day: date) -> tuple[Decimal, Decimal, FxRate] | None:
        """``quote`` per ``base`` near ``day``, the relative tolerance its distance calls for,
        and the stored rate used (inverted if stored the other way round)."""
        return self.snapshot.rate(base, quote, day)


def latest_versions(facts: Iterable[Fact]) -> dict[tuple[object, ...], Fact]:
    out: dict[tuple[object, ...], Fact] = {}
    for f in sorted(facts, key=lambda f: (f.source.kind.is_primary, f.primary, f.known_on)):
        out[f.key] = f
    return out


# How a derivation names the stored facts it came from (their ids, memoised per batch).
_Ids = Callable[[Fact], str]
# The metrics and periods a series holds stored figures of (no figure is derived for them).
_Have = Container[tuple[str, Period]]

# A margin the store lacks is the ratio of two levels it holds.
_MARGIN_OF = {
    "operating_margin": "operating_income",
    "operating_margin_non_gaap": "operating_income_non_gaap",
}


def _derived_margin(
    facts: list[Fact], metric: str, segment: str, snap: StoreSnapshot, have: _Have
) -> list[Candidate]:
    """Operating margin from stored operating income and revenue of the same period."""
    if segment:
        return []  # a segment's margin needs its own revenue; not derived
    income = latest_versions(f for f in facts if f.metric == _MARGIN_OF[metric] and not f.segment)
    return _ratio_of_revenue(facts, income.values(), metric, "", snap, have)


def _derived_share(
    facts: list[Fact], segment: str, snap: StoreSnapshot, have: _Have
) -> list[Candidate]:
    """A segment's share of revenue from its stored revenue and the company's."""
    if not segment:
        return []
    parts = latest_versions(
        f for f in facts if f.metric == "segment_revenue" and f.segment == segment
    )
    return _ratio_of_revenue(facts, parts.values(), "segment_revenue_share", segment, snap, have)


def _ratio_of_revenue(
    facts: list[Fact],
    parts: Iterable[Fact],
    metric: str,
    segment: str,
    snap: StoreSnapshot,
    have: _Have,
) -> list[Candidate]:
    """Each of ``parts`` as a percentage of the company's revenue of the same period, with
    the interval that the printed precision of both figures allows."""
    sales = {
        (f.period.start, f.period.end): f
        for f in latest_versions(
            f for f in facts if f.metric == "revenue" and not f.segment
        ).values()
    }
    out = []
    for f in parts:
        if (metric, f.period) in have:
            continue
        rev = sales.get((f.period.start, f.period.end))
        if rev is None or rev.unit != f.unit or rev.value <= 0:
            continue
        ib, rb = snap.candidate(f).bounds, snap.candidate(rev).bounds
        if rb.lo <= 0:
            continue
        lo = min(ib.lo / rb.hi, ib.lo / rb.lo) * 100
        hi = max(ib.hi / rb.lo, ib.hi / rb.hi) * 100
        value = (f.value / rev.value * 100).quantize(Decimal("0.1"))
        how = f"{f.metric} {f.period.label} / revenue {rev.period.label}"
        g = _computed(f, rev, metric, value, how, segment, snap.fact_id)
        out.append(Candidate(g, Bounds(lo, hi)))
    return out


def _computed(
    f: Fact, other: Fact, metric: str, value: Decimal, how: str, segment: str, ids: _Ids
) -> Fact:
    """A percentage the checker computes from two stored facts, said to be derived."""
    src = Source(
        f.source.url,
        f"derived: {how}",
        "capexlens",
        max(f.known_on, other.known_on),
        SourceKind.DERIVED,
    )
    return Fact(
        f.entity,
        metric,
        f.period,
        value,
        "percent",
        "",
        src,
        "derived",
        "computed from two stored levels",
        src.published,
        segment,
        derivation=how,
        derived_from=(ids(f), ids(other)),
        primary=False,
    )


def _derived_growth(
    facts: list[Fact], base: str, segment: str, kind: str, snap: StoreSnapshot, have: _Have
) -> list[Candidate]:
    """Growth of ``base`` over a year (or a quarter) from two stored levels."""
    levels = latest_versions(f for f in facts if f.metric == base and f.segment == segment)
    by_span = {(f.period.start, f.period.end): f for f in levels.values()}
    metric = f"{base}_growth_{kind}"
    out = []
    for f in levels.values():
        if (metric, f.period) in have:
            continue
        before = snap.shift_back(f.period, kind)
        prev = by_span.get(before) if before else None
        if prev is None or prev.value <= 0:
            continue
        now_b, prev_b = snap.candidate(f).bounds, snap.candidate(prev).bounds
        if prev_b.lo <= 0:
            continue
        lo = (now_b.lo / prev_b.hi - 1) * 100
        hi = (now_b.hi / prev_b.lo - 1) * 100
        value = ((f.value / prev.value - 1) * 100).quantize(Decimal("0.1"))
        how = f"{base} {f.period.label} / {prev.period.label} - 1"
        g = _computed(f, prev, metric, value, how, segment, snap.fact_id)
        out.append(Candidate(g, Bounds(lo, hi)))
    return out


def derived_sum(snap: StoreSnapshot, cands: Sequence[Candidate], span: Period) -> Candidate | None:
    """The sum of the stored quarters that tile ``span`` end to end (a year to date: "bringing
    total spend to $89.9 billion in 2025"), said to be derived; None unless every quarter
    of the span has a figure, all in one unit."""
    quarters = latest_versions(
        c.fact
        for c in cands
        if 80 <= c.fact.period.days <= 95
        and span.start <= c.fact.period.start
        and c.fact.period.end <= span.end
    )
    parts = sorted(quarters.values(), key=lambda f: f.period.start)
    # rates do not add up: two quarters' growth of 2% and 5% is no 7% for the half year
    if len(parts) < 2 or len({f.unit for f in parts}) != 1 or parts[0].unit == "percent":
        return None
    day = span.start
    for f in parts:
        if f.period.start != day:
            return None  # a quarter missing, or two versions of one
        day = f.period.end + timedelta(days=1)
    if day != span.end + timedelta(days=1):
        return None
    first = parts[0]
    how = " + ".join(f"{f.metric} {f.period.label}" for f in parts)
    src = Source(
        first.source.url,
        f"derived: {how}",
        "capexlens",
        max(f.known_on for f in parts),
        SourceKind.DERIVED,
    )
    # every stored version of each quarter bounds the sum: sources that define capex a
    # little differently (net of proceeds or not) widen it rather than pick one silently
    lo = hi = low = high = Decimal(0)
    for f in parts:
        versions = [c for c in cands if c.fact.period.same_span(f.period) and c.fact.unit == f.unit]
        lo += min(c.bounds.lo for c in versions)
        hi += max(c.bounds.hi for c in versions)
        low += min(c.fact.value for c in versions)
        high += max(c.fact.value for c in versions)
    versions_note = ""
    if low != high:
        versions_note = f"; stored versions sum to {fmt_value(low, first.unit)}"
        versions_note += f" to {fmt_value(high, first.unit)}"
    fact = Fact(
        first.entity,
        first.metric,
        span,
        sum((f.value for f in parts), Decimal(0)),
        first.unit,
        "",
        src,
        "derived",
        "sum of the stored quarters" + versions_note,
        src.published,
        first.segment,
        derivation=how,
        derived_from=tuple(snap.fact_id(f) for f in parts),
        primary=False,
    )
    return Candidate(fact, Bounds(lo, hi))


def shift_back(p: Period, kind: str) -> tuple[date, date] | None:
    months = 3 if kind == "qoq" else 12
    span_months = round(p.days / 30.44)
    if kind == "qoq" and span_months != 3:
        return None
    start = _add_months(p.start, -months)
    end = _add_months(p.end + timedelta(days=1), -months) - timedelta(days=1)
    return start, end


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return date(y, m + 1, min(d.day, 28))


# --- matching one claim with one fact ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    cand: Candidate
    note: str = ""


def as_claim_unit(idx: FactIndex, claim: Claim, cand: Candidate) -> tuple[Bounds, str] | None:
    """A candidate's bounds in the claim's unit (converted if both are currencies), and
    the note that says how it was converted ("" if it was not)."""
    fb = claim_unit_bounds(idx, claim, cand)
    if fb is None:
        return None
    return fb, _conversion_note(idx, claim, cand.fact)


def claim_unit_bounds(idx: FactIndex, claim: Claim, cand: Candidate) -> Bounds | None:
    """:func:`as_claim_unit` without the note: most candidates compared are no match, and
    writing the note of a conversion costs more than the comparison."""
    unit, f = claim.unit or "", cand.fact
    if unit == "ratio":
        unit = "percent"
    if f.unit == unit:
        return cand.bounds
    have, want = currency_of(f.unit), currency_of(unit)
    if not (have and want) or f.unit.endswith("/share") != unit.endswith("/share"):
        return None
    rate = idx.rate(have, want, min(f.period.end, idx.as_of or f.period.end))
    if rate is None:
        return None
    r, tol, _ = rate
    lo = hi = r
    if _translated(claim):
        # a quarter's or a year's flow beside its own currency ("RMB 660.3 billion (US$91.9
        # billion)") is often translated at the period's average rate, as companies print it
        end = min(f.period.end, idx.as_of or f.period.end)
        lo, hi = period_rates(idx, have, want, Period(f.period.start, end)) or (r, r)
    return cand.bounds.scaled(lo * (1 - tol), hi * (1 + tol))


def _translated(claim: Claim) -> bool:
    """Whether the claim restates a figure beside it in another currency."""
    return any(q == "conversion" or q.startswith("restates:") for q in claim.qualifiers)


def period_rates(
    idx: FactIndex, base: str, quote: str, span: Period
) -> tuple[Decimal, Decimal] | None:
    """The lowest and highest ``quote`` per ``base`` rate a quarter or a year saw (sampled a
    fortnight apart, each lookup cached per batch), or None for a span of another length:
    a company translating a period's figure at its average rate used one of them."""
    if not 80 < span.days < 370:
        return None
    seen = []
    day = span.start
    while True:
        got = idx.rate(base, quote, min(day, span.end))
        if got is not None:
            seen.append(got[0])
        if day >= span.end:
            break
        day += timedelta(days=14)
    return (min(seen), max(seen)) if seen else None


def _conversion_note(idx: FactIndex, claim: Claim, f: Fact) -> str:
    """How ``f`` was converted to the claim's currency ("" if it is in the claim's unit)."""
    unit = claim.unit or ""
    if unit == "ratio":
        unit = "percent"
    if f.unit == unit:
        return ""
    rate = idx.rate(
        currency_of(f.unit), currency_of(unit), min(f.period.end, idx.as_of or f.period.end)
    )
    assert rate is not None  # only asked of a candidate claim_unit_bounds converted
    r, _, used = rate
    shown = fmt_value(f.value * r, unit)
    via = f"{used.rate} {used.quote} per {used.base} ({used.day})"
    if 80 < f.period.days < 370 and _translated(claim):  # see period_rates
        via += ", or more or less at the other rates of its period"
    return f"{fact_text(f)} is about {shown} at {via}"


def hit(idx: FactIndex, claim: Claim, cand: Candidate, b: Bounds) -> Hit | None:
    fb = claim_unit_bounds(idx, claim, cand)
    if fb is None:
        return None
    if too_loose(cand):
        # a wide derived rate bears out only a figure near its point value, as a writer
        # would have computed it ("$32 billion, up 78%" over $18 billion: 77.8%)
        room = max(Decimal("1.5"), (fb.hi - fb.lo) / 4)
        fb = Bounds(cand.fact.value - room, cand.fact.value + room)
    if opposite_limits(claim, cand.fact) or _unimplied_floor(claim, cand.fact):
        return None
    if _ranges_apart(claim, cand.fact) or outside_range(claim, cand.fact):
        return None
    if signed_meets(claim, issuer_rounding(claim, cand.fact, b), fb):
        return Hit(cand, _conversion_note(idx, claim, cand.fact))
    return None


def signed_meets(claim: Claim, b: Bounds, fb: Bounds) -> bool:
    """Whether claim bounds ``b`` meet ``fb`` as :func:`hit` compares them once converted:
    as they are, or sign flipped where the words carry the sign ("reducing shares by
    5.1%")."""
    if b.meets(fb):
        return True
    if "negative" in claim.qualifiers and fb.lo >= 0 and claim.metric in _SIGNED:
        # "free cash flow was a negative $10 billion" is no positive $9.5 billion: the
        # words gave the figure its sign, and the metric has one of its own
        return False
    return bool(Bounds(-b.hi, -b.lo).meets(fb) and _DOWN_RE.search(claim.sentence or claim.text))


# metrics whose figures are signed in the store (a loss, a cash burn), unlike an outflow
# such as capex that is stored positive whatever words print it
_SIGNED = frozenset(
    {
        "free_cash_flow",
        "operating_cash_flow",
        "net_income",
        "net_income_attributable",
        "net_income_non_gaap",
        "operating_income",
        "operating_income_non_gaap",
        "diluted_eps",
        "diluted_eps_non_gaap",
    }
)


def is_floor(fact: Fact) -> bool:
    """Whether a stored figure is printed as a floor ("more than $50 billion")."""
    return FLOOR_WORDS.search(fact.as_printed) is not None


def _ranges_apart(claim: Claim, fact: Fact) -> bool:
    """Whether a range ("$70-72 billion") and a stored range ("$64-72 billion") differ at an
    end: two ranges agree end for end, not because one lies inside the other (a plan
    narrowed from $64-72 billion to $70-72 billion is another plan)."""
    if (
        claim.value is None
        or claim.value_high is None
        or fact.value_high is None
        or claim.unit != fact.unit
    ):
        return False
    u = max(
        printed_ulp(claim.as_printed or claim.text, claim.value),
        printed_ulp(fact.as_printed, fact.value),
    )
    # a whole last digit apart is another plan: "$37-40 billion" is not "$38-40 billion"
    return abs(claim.value - fact.value) >= u or abs(claim.value_high - fact.value_high) >= u


def opposite_limits(claim: Claim, fact: Fact) -> bool:
    """Whether a ceiling ("up to $30 billion") meets a floor ("over $30 billion") at or below
    it: the rounding room of the two figures overlaps, but the words exclude each other."""
    return (
        "at_most" in claim.qualifiers
        and claim.value is not None
        and claim.unit == fact.unit
        and bool(FLOOR_WORDS.search(fact.as_printed))
        and abs(claim.value) <= abs(fact.value)
    )


def _unimplied_floor(claim: Claim, fact: Fact) -> bool:
    """Whether a floor ("more than $38 billion") stands above a stored floor ("more than $30
    billion"): the two are compatible, but the store does not bear the claim out."""
    return (
        bool({"at_least", "plus"} & set(claim.qualifiers))
        and claim.value is not None
        and claim.unit == fact.unit
        and bool(FLOOR_WORDS.search(fact.as_printed))
        and abs(claim.value) > abs(fact.value)
    )


def issuer_rounding(claim: Claim, fact: Fact, b: Bounds) -> Bounds:
    """A plain percentage printed to the digit of the issuer's own percentage is read as
    rounded, not truncated: the issuer has already published the rounded figure, so "31%"
    is not the company's "32%" (31.7% truncated) but "32%" still is. A market share is read
    so from any copy: the research firm publishes whole points only, so no writer has the
    decimals to truncate (Synergy's "12%" is no "11%").

    >>> from capexlens.models import ClaimKind
    >>> src = Source("https://example.com", "Results", "Co", date(2025, 7, 1),
    ...              SourceKind.EARNINGS_RELEASE)
    >>> f = Fact("X", "revenue_growth_yoy", Period(date(2025, 4, 1), date(2025, 6, 30)),
    ...          Decimal(32), "percent", "32%", src, "", "", date(2025, 7, 1))
    >>> c = Claim("31%", (0, 3), ClaimKind.GROWTH, Decimal(31), "percent", as_printed="31%")
    >>> b = issuer_rounding(c, f, claim_bounds(c)); (str(b.lo), str(b.hi))
    ('30.5', '31.5')
    """
    if (
        claim.unit != "percent"
        or fact.unit != "percent"
        or claim.value is None
        or claim.value_high is not None
        or not (fact.source.kind.is_primary or fact.metric == "market_share")
        or fact.is_derived
        or set(claim.qualifiers) & {"approx", "at_least", "at_most", "plus"}
        or FLOOR_WORDS.search(fact.as_printed)
        or APPROX_WORDS.search(fact.as_printed)
    ):
        return b
    u = printed_ulp(claim.as_printed or claim.text, claim.value)
    if u != printed_ulp(fact.as_printed, fact.value):
        return b
    return spread(u / 2, u / 2, claim.value)


def ranked(hits: list[Hit]) -> list[Hit]:
    return sorted(hits, key=_rank, reverse=True)


def _rank(h: Hit) -> tuple[bool, bool, bool, date]:
    f = h.cand.fact
    return (f.source.kind.is_primary, f.primary, not f.is_derived, f.known_on)


def best(hits: list[Hit]) -> Hit:
    return max(
        hits,
        key=lambda h: (
            h.cand.fact.source.kind.is_primary,
            h.cand.fact.primary,
            not h.cand.fact.is_derived,
            h.cand.fact.known_on,
        ),
    )
