"""Verdicts for linked claims: supported, contradicted, unverifiable or ambiguous, with reasons.

A claim is compared with the store's facts for its entity, metric, segment and period as
*intervals*: a printed figure stands for every true value that rounds or truncates to it
("38.6 billion" is 38.55 to 38.7 billion), a company's own figure for the values that
round to it (a news copy may also have truncated). Two figures agree when their intervals
meet; money in another currency is converted at the nearest stored rate, widened by how
far that rate's day lies from the figure's.

The golden rule: *contradicted* only when a fact for the same entity, metric and period
exists and disagrees beyond tolerance, or when the text contradicts itself (two currencies
on one figure, a growth its own numbers do not bear out). When nothing in the store speaks
to a claim, it is *unverifiable*; when the article leaves the period open and the figure
fits another period than the latest, it is *ambiguous*. The reason vocabulary is
:class:`~capexlens.models.Reason`; :func:`capexlens.claims.check` runs the internal
consistency checks of :mod:`capexlens.claims.consistency`-style over the whole article
before this per-claim comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from capexlens.fx import money_text
from capexlens.models import (
    Claim,
    ClaimKind,
    Evidence,
    Fact,
    FxRate,
    Money,
    Period,
    Reason,
    Source,
    SourceKind,
    Verdict,
    VerdictLabel,
)
from capexlens.registry import Registry
from capexlens.store import FactStore

__all__ = [
    "Bounds",
    "FactIndex",
    "claim_bounds",
    "fact_bounds",
    "fmt_value",
    "printed_ulp",
    "verify_claim",
]

_ISO = re.compile(r"^[A-Z]{3}$")
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_FLOOR_WORDS = re.compile(r"(?i)\b(?:more than|over|above|at least|in excess of|exceed\w*)\b|\+")
_APPROX_WORDS = re.compile(r"(?i)\b(?:about|approximately|around|roughly|nearly|almost|some)\b|~")
_DOWN_RE = re.compile(
    r"(?i)\b(?:outflow|negative|reduc\w*|declin\w*|decreas\w*|fell|fall\w*|"
    r"drop\w*|down|lower|loss|net reduction|shr[ai]nk\w*|cut)\b"
)
_ANY_PERIOD = frozenset({"investment_commitment", "model_parameters", "model_active_parameters"})
_LATEST_PERIOD = frozenset({"market_share", "market_size", "market_growth_yoy"})
_FAMILY = {"capex": ("capex", "capex_incl_finance_leases")}
_UNITS = {"percent": "%", "parameters": " parameters", "count": ""}


@dataclass(frozen=True, slots=True)
class Bounds:
    """The true values a printed figure can stand for, ``lo`` to ``hi``."""

    lo: Decimal
    hi: Decimal

    def meets(self, other: Bounds) -> bool:
        """Whether two intervals overlap (touching ends do not: 10.5 is no "11")."""
        return self.lo < other.hi and other.lo < self.hi

    def scaled(self, lo: Decimal, hi: Decimal) -> Bounds:
        """The interval multiplied by a factor known to lie in ``[lo, hi]`` (both > 0)."""
        ends = [self.lo * lo, self.lo * hi, self.hi * lo, self.hi * hi]
        return Bounds(min(ends), max(ends))


def printed_ulp(printed: str, value: Decimal) -> Decimal:
    """One unit of the last printed digit of a figure, in the figure's base units.

    >>> printed_ulp("38.6 billion RMB", Decimal("38.6e9")), printed_ulp("26%", Decimal(26))
    (Decimal('1.0E+8'), Decimal('1'))
    >>> printed_ulp("333.98億元", Decimal("33398000000")), printed_ulp("", Decimal("17700000000"))
    (Decimal('1.00E+6'), Decimal('1E+8'))
    """
    size = abs(value)
    for token in _NUM.findall(printed):
        number = Decimal(token.replace(",", ""))
        if number == 0 or size == 0:
            continue
        ratio = size / number
        exponent = ratio.adjusted()
        if abs(ratio / Decimal(10) ** exponent - 1) < Decimal("0.001"):
            decimals = len(token.split(".")[1]) if "." in token else 0
            return Decimal(10) ** (exponent - decimals)
    if size == 0:
        return Decimal(1)
    digits = size.normalize().as_tuple()
    return (
        Decimal(10) ** max(int(digits.exponent), 0)
        if isinstance(digits.exponent, int)
        else (Decimal(1))
    )


def _spread(lo: Decimal, hi: Decimal, value: Decimal) -> Bounds:
    """Bounds ``value - lo`` to ``value + hi`` for a positive value, mirrored for a negative."""
    if value < 0:
        return Bounds(value - hi, value + lo)
    return Bounds(value - lo, value + hi)


def claim_bounds(claim: Claim) -> Bounds | None:
    """The true values a claim allows, from its printed precision and qualifiers.

    A plain figure may be rounded or truncated: "38.6 billion" allows 38.55 to 38.7
    billion. "about" widens by 2%, "more than" is a floor, "nearly"/"up to" a ceiling.

    >>> from capexlens.models import ClaimKind
    >>> c = Claim("38.6 billion", (0, 12), ClaimKind.AMOUNT, Decimal("38.6e9"), "CNY",
    ...           as_printed="38.6 billion")
    >>> b = claim_bounds(c); (b.lo, b.hi)
    (Decimal('3.855E+10'), Decimal('3.87E+10'))
    """
    if claim.value is None:
        return _digit_bounds(claim)
    v, quals = claim.value, set(claim.qualifiers)
    u = printed_ulp(claim.as_printed or claim.text, v)
    if claim.unit == "ratio":
        u = max(u, Decimal("0.5"))
    b = _spread(u / 2, u, v)
    if claim.value_high is not None:
        b = Bounds(min(b.lo, v - u / 2), claim.value_high + u)
    room = max(u, abs(v) / 4)
    if "approx" in quals:
        pad = max(u, abs(v) * Decimal("0.02"))
        b = Bounds(b.lo - pad, b.hi + pad)
    if quals & {"at_least", "plus"}:
        b = Bounds(v - u / 2, v + room) if v >= 0 else Bounds(v - room, v + u / 2)
    if "at_most" in quals:
        b = Bounds(v - room, v + u / 2) if v >= 0 else Bounds(v - u / 2, v + room)
    if claim.unit == "ratio":  # a multiple N is growth of (N - 1) * 100 percent
        return Bounds((b.lo - 1) * 100, (b.hi - 1) * 100)
    return b


def _digit_bounds(claim: Claim) -> Bounds | None:
    """ "triple-digit growth": at least 100% and below 1000%."""
    low = next((q[4:] for q in claim.qualifiers if q.startswith("min:")), None)
    high = next((q[3:] for q in claim.qualifiers if q.startswith("lt:")), None)
    if low is None and high is None:
        return None
    return Bounds(Decimal(low or "-100"), Decimal(high or "100000"))


def fact_bounds(fact: Fact) -> Bounds:
    """The true values a stored fact allows: rounding of the issuer's own figures, also
    truncation for news copies, 1% for derived figures, floors and "approximately" as
    printed ("more than $21 billion")."""
    v = fact.value
    u = printed_ulp(fact.as_printed, v)
    issuer = fact.source.kind.is_primary
    b = _spread(u / 2, u / 2 if issuer else u, v)
    if fact.value_high is not None:
        b = Bounds(v - u / 2, fact.value_high + u / 2)
    if fact.is_derived or fact.source.kind is SourceKind.DERIVED:
        pad = abs(v) / 100
        b = Bounds(b.lo - pad, b.hi + pad)
    if _APPROX_WORDS.search(fact.as_printed):
        pad = max(u, abs(v) * Decimal("0.02"))
        b = Bounds(b.lo - pad, b.hi + pad)
    if _FLOOR_WORDS.search(fact.as_printed):
        b = Bounds(b.lo, b.hi + max(u, abs(v) / 4))
    return b


def fmt_value(value: Decimal, unit: str | None) -> str:
    """A value as a reader writes it.

    >>> fmt_value(Decimal("38680000000"), "CNY"), fmt_value(Decimal("-5.1"), "percent")
    ('RMB38.7 billion', '-5.1%')
    """
    if unit and _ISO.match(unit):
        return money_text(Money(value, unit))
    if unit == "parameters" and abs(value) >= 10**9:
        return f"{value / 10**9:g} billion parameters"
    shown = f"{value.normalize():f}" if value % 1 else f"{int(value):,}"
    return f"{shown}{_UNITS.get(unit or '', ' ' + (unit or ''))}".rstrip()


def _fact_text(f: Fact) -> str:
    shown = f.as_printed or fmt_value(f.value, f.unit)
    return f"{shown} ({f.period.label or f.period}; {f.source.publisher}, {f.source.published})"


# --- the fact index -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """A fact offered for comparison, with the interval it allows."""

    fact: Fact
    bounds: Bounds


@dataclass
class FactIndex:
    """The store's facts and FX rates, read once per entity and cached for one check."""

    store: FactStore
    registry: Registry
    as_of: date | None = None
    _facts: dict[str, list[Fact]] = field(default_factory=dict, repr=False)
    _rates: list[FxRate] | None = field(default=None, repr=False)

    def entity_facts(self, entity: str) -> list[Fact]:
        """Every version of every fact of ``entity``."""
        if entity not in self._facts:
            self._facts[entity] = self.store.facts(entity=entity, latest=False)
        return self._facts[entity]

    def known(self, facts: Iterable[Fact]) -> list[Fact]:
        """The facts public by the article date (all of them if none was, or no date)."""
        facts = list(facts)
        if self.as_of is None:
            return facts
        early = [f for f in facts if f.known_on <= self.as_of]
        return early or facts

    def series(self, entity: str, metric: str, segment: str) -> list[Candidate]:
        """Candidates for a metric: stored facts, its family, and growth derived from levels."""
        metrics = _FAMILY.get(metric, (metric,))
        facts = [
            f
            for f in self.entity_facts(entity)
            if f.metric in metrics and (f.segment == segment or metric in _ANY_PERIOD)
        ]
        found = [Candidate(f, fact_bounds(f)) for f in facts]
        growth = re.fullmatch(r"(?P<base>.+)_growth_(?P<kind>yoy|qoq)", metric)
        if growth is not None:
            have = {c.fact.period for c in found}
            derived = _derived_growth(
                self.entity_facts(entity), growth["base"], segment, growth["kind"]
            )
            found += [c for c in derived if c.fact.period not in have]
        return found

    def fx(self) -> list[FxRate]:
        """Every stored FX rate."""
        if self._rates is None:
            self._rates = self.store.fx_rates()
        return self._rates

    def rate(self, base: str, quote: str, day: date) -> tuple[Decimal, Decimal, FxRate] | None:
        """``quote`` per ``base`` near ``day``, the relative tolerance its distance calls for,
        and the stored rate used (inverted if stored the other way round)."""
        best: tuple[int, FxRate, bool] | None = None
        for r in self.fx():
            if {r.base, r.quote} != {base, quote}:
                continue
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


def _latest_versions(facts: Iterable[Fact]) -> dict[tuple[object, ...], Fact]:
    out: dict[tuple[object, ...], Fact] = {}
    for f in sorted(facts, key=lambda f: (f.source.kind.is_primary, f.primary, f.known_on)):
        out[f.key] = f
    return out


def _derived_growth(facts: list[Fact], base: str, segment: str, kind: str) -> list[Candidate]:
    """Growth of ``base`` over a year (or a quarter) from two stored levels."""
    levels = _latest_versions(f for f in facts if f.metric == base and f.segment == segment)
    by_span = {(f.period.start, f.period.end): f for f in levels.values()}
    out = []
    for f in levels.values():
        before = _shift_back(f.period, kind)
        prev = by_span.get(before) if before else None
        if prev is None or prev.value <= 0:
            continue
        now_b, prev_b = fact_bounds(f), fact_bounds(prev)
        if prev_b.lo <= 0:
            continue
        lo = (now_b.lo / prev_b.hi - 1) * 100
        hi = (now_b.hi / prev_b.lo - 1) * 100
        value = ((f.value / prev.value - 1) * 100).quantize(Decimal("0.1"))
        how = f"{base} {f.period.label} / {prev.period.label} - 1"
        src = Source(
            f.source.url,
            f"derived: {how}",
            "capexlens",
            max(f.known_on, prev.known_on),
            SourceKind.DERIVED,
        )
        g = Fact(
            f.entity,
            f"{base}_growth_{kind}",
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
            derived_from=(f.fact_id, prev.fact_id),
            primary=False,
        )
        out.append(Candidate(g, Bounds(lo, hi)))
    return out


def _shift_back(p: Period, kind: str) -> tuple[date, date] | None:
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


# --- comparing a claim with the store ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    cand: Candidate
    note: str = ""


def _as_claim_unit(idx: FactIndex, claim: Claim, cand: Candidate) -> tuple[Bounds, str] | None:
    """A candidate's bounds in the claim's unit (converted if both are currencies)."""
    unit, f = claim.unit or "", cand.fact
    if unit == "ratio":
        unit = "percent"
    if f.unit == unit:
        return cand.bounds, ""
    if not (_ISO.match(unit) and _ISO.match(f.unit)):
        return None
    rate = idx.rate(f.unit, unit, min(f.period.end, idx.as_of or f.period.end))
    if rate is None:
        return None
    r, tol, used = rate
    shown = fmt_value(f.value * r, unit)
    return cand.bounds.scaled(r * (1 - tol), r * (1 + tol)), (
        f"{_fact_text(f)} is about {shown} at {used.rate} {used.quote} per {used.base} ({used.day})"
    )


def _hit(idx: FactIndex, claim: Claim, cand: Candidate, b: Bounds) -> _Hit | None:
    conv = _as_claim_unit(idx, claim, cand)
    if conv is None:
        return None
    fb, note = conv
    if b.meets(fb):
        return _Hit(cand, note)
    flipped = Bounds(-b.hi, -b.lo)
    if flipped.meets(fb) and _DOWN_RE.search(claim.sentence or claim.text):
        return _Hit(cand, note)  # "reducing shares by 5.1%": the words carry the sign
    return None


def verify_claim(idx: FactIndex, claim: Claim) -> Verdict:
    """The store's verdict on one linked claim (see the module docstring for the rules)."""
    b = claim_bounds(claim)
    quals = set(claim.qualifiers)
    why = _unlinked(claim, quals)
    if why or b is None:
        return Verdict(claim, VerdictLabel.UNVERIFIABLE, explanation=why or "No figure to check.")
    assert claim.entity is not None and claim.metric is not None
    cands = idx.series(claim.entity, claim.metric, claim.segment)
    if not cands:
        return _nothing(idx, claim, b)
    if "period:undated" in quals:
        return Verdict(
            claim,
            VerdictLabel.AMBIGUOUS,
            explanation=(
                "The article has no date, so its relative period cannot be pinned down; pass "
                "--as-of YYYY-MM-DD."
            ),
        )
    style = (
        "any"
        if claim.metric in _ANY_PERIOD
        else (
            "latest" if claim.metric in _LATEST_PERIOD and "period:implicit" in quals else "period"
        )
    )
    period = claim.period
    if style == "latest":
        ends = [c.fact.period for c in cands if idx.as_of is None or c.fact.known_on <= idx.as_of]
        period = max(ends or [c.fact.period for c in cands], key=lambda p: p.end)
    at = [
        c
        for c in cands
        if style == "any" or (period is not None and c.fact.period.same_span(period))
    ]
    if "prior" in quals and period is not None:
        return _prior(idx, claim, b, cands, period)
    known = [c for c in at if c.fact in idx.known(c.fact for c in at)]
    # Any source for the period may agree (copies are often dated after the article);
    # only what was public by the article date can make a figure stale or be "expected".
    hits = [h for c in at if (h := _hit(idx, claim, c, b)) is not None]
    if hits:
        return _supported(idx, claim, hits, known, period)
    return _mismatch(idx, claim, b, cands, known, period)


def _unlinked(claim: Claim, quals: set[str]) -> str:
    """Why a claim cannot be checked against the store, or "" if it can."""
    cue = next((q[4:] for q in claim.qualifiers if q.startswith("cue:")), "")
    if "estimate" in quals:
        return "An analyst estimate or forecast, not a reported figure."
    if "aggregate" in quals:
        return "A total over several companies; the store holds each company's own figures."
    if claim.entity is None:
        return "The text does not say which company the figure is about."
    if "segment:unknown" in quals:
        return "The figure is about a business unit the store does not track separately."
    if claim.metric is None:
        if cue:
            return f"The figure is about {cue!r}, which the store does not track."
        return "The text does not say what the figure measures."
    if claim.value is None and not any(q.startswith(("min:", "lt:")) for q in quals):
        return "No figure to check."
    return ""


def _nothing(idx: FactIndex, claim: Claim, b: Bounds) -> Verdict:
    """No fact of the claim's metric: unverifiable, unless the figure is another metric's."""
    del idx, b
    name = claim.metric or "this metric"
    return Verdict(
        claim,
        VerdictLabel.UNVERIFIABLE,
        explanation=(
            f"The store has no {name} figures for {claim.entity}{' ' + claim.segment if claim.segment else ''}."
        ),
    )


def _supported(
    idx: FactIndex, claim: Claim, hits: list[_Hit], known: list[Candidate], period: Period | None
) -> Verdict:
    """Supported, unless the figure matches only a version that was superseded."""
    best = _best(hits)
    newest = _newest(idx, known)
    f = best.cand.fact
    if (
        newest is not None
        and "from" not in claim.qualifiers
        and newest.fact.known_on > f.known_on
        and all(h.cand is not newest for h in hits)
    ):
        return Verdict(
            _with_period(claim, period or f.period),
            VerdictLabel.CONTRADICTED,
            (Reason.STALE,),
            newest.fact.value,
            newest.fact.unit,
            (Evidence(newest.fact, "expected"), Evidence(f, "superseded")),
            f"The figure matches {_fact_text(f)}, which was superseded on "
            f"{newest.fact.known_on} by {_fact_text(newest.fact)}.",
        )
    note = f" {best.note}." if best.note else ""
    return Verdict(
        _with_period(claim, period or f.period),
        VerdictLabel.SUPPORTED,
        (),
        f.value,
        f.unit,
        tuple(Evidence(h.cand.fact, "match") for h in hits[:3]),
        f"Matches {_fact_text(f)}.{note}",
    )


def _best(hits: list[_Hit]) -> _Hit:
    return max(
        hits,
        key=lambda h: (
            h.cand.fact.source.kind.is_primary,
            h.cand.fact.primary,
            not h.cand.fact.is_derived,
            h.cand.fact.known_on,
        ),
    )


def _newest(idx: FactIndex, cands: list[Candidate]) -> Candidate | None:
    """The latest version public by the article date among same-key candidates."""
    usable = [c for c in cands if idx.as_of is None or c.fact.known_on <= idx.as_of]
    keys = {c.fact.key for c in usable}
    if len(keys) != 1 or len(usable) < 2:
        return None
    latest = max(usable, key=lambda c: (c.fact.known_on, c.fact.source.kind.is_primary))
    older = [c for c in usable if c.fact.known_on < latest.fact.known_on]
    if not older or all(c.fact.value == latest.fact.value for c in older):
        return None
    return latest


def _with_period(claim: Claim, period: Period | None) -> Claim:
    return claim.with_(period=period) if period is not None else claim


def _prior(
    idx: FactIndex, claim: Claim, b: Bounds, cands: list[Candidate], period: Period
) -> Verdict:
    """A comparison base ("from $75 billion", "compared to 36% a year earlier")."""
    spans = {(period.start, period.end)}
    for kind in ("yoy", "qoq"):
        shifted = _shift_back(period, kind)
        if shifted:
            spans.add(shifted)
    pool = [c for c in cands if (c.fact.period.start, c.fact.period.end) in spans]
    hits = [h for c in pool if (h := _hit(idx, claim, c, b)) is not None]
    if hits:
        f = _best(hits).cand.fact
        return Verdict(
            _with_period(claim, f.period),
            VerdictLabel.SUPPORTED,
            (),
            f.value,
            f.unit,
            (Evidence(f, "match"),),
            f"Matches the earlier figure {_fact_text(f)}.",
        )
    year_ago = _shift_back(period, "yoy")
    same = [c for c in pool if (c.fact.period.start, c.fact.period.end) == year_ago]
    if same and re.search(r"(?i)year|annual|yoy", claim.sentence):
        f = _best([_Hit(c) for c in same]).cand.fact
        return Verdict(
            _with_period(claim, f.period),
            VerdictLabel.CONTRADICTED,
            (),
            f.value,
            f.unit,
            (Evidence(f, "expected"),),
            f"The year-earlier figure was {_fact_text(f)}.",
        )
    return Verdict(
        claim,
        VerdictLabel.UNVERIFIABLE,
        explanation=("A comparison base the store cannot place with certainty."),
    )


def _mismatch(
    idx: FactIndex,
    claim: Claim,
    b: Bounds,
    cands: list[Candidate],
    known: list[Candidate],
    period: Period | None,
) -> Verdict:
    """No fact of the claim's period matches: find out what the figure is, if anything."""
    implicit = "period:implicit" in claim.qualifiers
    others = [c for c in idx.known(c.fact for c in cands) if c not in known]
    other_hits = [h for c in _cands_in(others, cands) if (h := _hit(idx, claim, c, b))]
    if implicit and idx.as_of is not None:
        recent = idx.as_of - timedelta(days=400)
        other_hits = [h for h in other_hits if recent <= h.cand.fact.period.end <= idx.as_of]
    if not known:
        return _no_fact_for_period(idx, claim, other_hits, period)
    expected = _best([_Hit(c) for c in known]).cand.fact
    evidence = [Evidence(expected, "expected")]
    if other_hits and implicit:
        f = _best(other_hits).cand.fact
        return Verdict(
            _with_period(claim, period),
            VerdictLabel.AMBIGUOUS,
            (),
            expected.value,
            expected.unit,
            (*evidence, Evidence(f, "other_period")),
            f"The article does not say which period; the figure matches "
            f"{_fact_text(f)}, not the latest, {_fact_text(expected)}.",
        )
    reasons, notes = _reasons(idx, claim, b, expected, other_hits, evidence)
    if implicit and not reasons and not _close(claim, expected):
        return Verdict(
            claim,
            VerdictLabel.UNVERIFIABLE,
            (),
            expected.value,
            expected.unit,
            tuple(evidence),
            f"The article does not say which period; the latest "
            f"figure, {_fact_text(expected)}, is of another order.",
        )
    text = f"The store has {_fact_text(expected)}." + (" " + " ".join(notes) if notes else "")
    return Verdict(
        _with_period(claim, period),
        VerdictLabel.CONTRADICTED,
        tuple(reasons),
        expected.value,
        expected.unit,
        tuple(evidence),
        text,
    )


def _cands_in(pool: list[Candidate], cands: list[Candidate]) -> list[Candidate]:
    keep = {id(c) for c in pool}
    return [c for c in cands if id(c) in keep]


def _close(claim: Claim, f: Fact) -> bool:
    """Whether a figure is within a factor of two of a fact (same unit): a slip, not
    another kind of period."""
    if claim.value is None or claim.unit != f.unit or f.value == 0:
        return claim.unit == "percent" and f.unit == "percent"
    ratio = abs(claim.value / f.value)
    return Decimal("0.5") <= ratio <= 2


def _no_fact_for_period(
    idx: FactIndex, claim: Claim, other_hits: list[_Hit], period: Period | None
) -> Verdict:
    if other_hits:
        f = _best(other_hits).cand.fact
        if "period:implicit" in claim.qualifiers:
            return Verdict(
                _with_period(claim, f.period),
                VerdictLabel.SUPPORTED,
                (),
                f.value,
                f.unit,
                (Evidence(f, "match"),),
                f"The article gives no period; the figure matches {_fact_text(f)}.",
            )
        if period is not None and idx.as_of is not None and period.end > idx.as_of:
            return Verdict(
                _with_period(claim, period),
                VerdictLabel.CONTRADICTED,
                (Reason.PERIOD_MISMATCH,),
                f.value,
                f.unit,
                (Evidence(f, "other_period"),),
                f"{period} had not ended by the article date; the figure is {_fact_text(f)}.",
            )
        return Verdict(
            claim,
            VerdictLabel.UNVERIFIABLE,
            (),
            None,
            None,
            (Evidence(f, "other_period"),),
            f"The store has no figure for {period}; the same figure is {_fact_text(f)}.",
        )
    label = f" for {period}" if period is not None else ""
    return Verdict(
        claim,
        VerdictLabel.UNVERIFIABLE,
        explanation=(f"The store has no {claim.metric} figure of {claim.entity}{label}."),
    )


def _reasons(
    idx: FactIndex,
    claim: Claim,
    b: Bounds,
    expected: Fact,
    other_hits: list[_Hit],
    evidence: list[Evidence],
) -> tuple[list[Reason], list[str]]:
    """What went wrong: currency, scale, period or attribution; each with one sentence."""
    reasons: list[Reason] = []
    notes: list[str] = []
    unit, value = claim.unit or "", claim.value or Decimal(0)
    fb = fact_bounds(expected)
    if _ISO.match(unit) and _ISO.match(expected.unit) and unit != expected.unit and fb.meets(b):
        reasons.append(Reason.WRONG_CURRENCY)
        notes.append(f"The number is right but the currency is {expected.unit}, not {unit}.")
    conv = _as_claim_unit(idx, claim, Candidate(expected, fb))
    if conv is not None and not reasons and claim.value is not None:
        for k in (1, 2, 3, -1, -2, -3):
            if b.meets(conv[0].scaled(Decimal(10) ** k, Decimal(10) ** k)):
                reasons.append(Reason.SCALE_ERROR)
                notes.append(
                    f"The figure is off by a factor of {10 ** abs(k):,} (a scale "
                    "slip, e.g. 亿 = 100 million read as a billion)."
                )
                break
    if other_hits and not reasons:
        f = _best(other_hits).cand.fact
        reasons.append(Reason.PERIOD_MISMATCH)
        evidence.append(Evidence(f, "other_period"))
        notes.append(f"The figure belongs to {f.period.label or f.period}: {_fact_text(f)}.")
    if not reasons and claim.entity and claim.value is not None:
        found = _elsewhere(idx, claim, b, expected)
        if found is not None:
            reasons.append(Reason.MISATTRIBUTION)
            evidence.extend(Evidence(f, "other_metric") for f in found[0])
            notes.append(found[1])
    del value
    return reasons, notes


def _elsewhere(
    idx: FactIndex, claim: Claim, b: Bounds, expected: Fact
) -> tuple[list[Fact], str] | None:
    """Another metric, segment or entity of the same period whose figure the claim gives,
    or a sum of two of the entity's figures ("buybacks plus dividends")."""
    assert claim.entity is not None
    same = [
        f
        for f in idx.known(idx.entity_facts(claim.entity))
        if f.period.same_span(expected.period)
        and (f.metric, f.segment) != (expected.metric, expected.segment)
        and f.metric not in _FAMILY.get(claim.metric or "", ())
    ]
    for f in same:
        if _hit(idx, claim, Candidate(f, fact_bounds(f)), b):
            what = f"{f.metric}{' of ' + f.segment if f.segment else ''}"
            return [f], f"The figure is {what}: {_fact_text(f)}."
    money = [f for f in _latest_versions(same).values() if _ISO.match(f.unit)]
    money.append(expected)
    for i, f in enumerate(money):
        for g in money[i + 1 :]:
            if f.unit != g.unit or f.metric == g.metric:
                continue
            s = Fact(
                f.entity,
                f"{f.metric}+{g.metric}",
                f.period,
                f.value + g.value,
                f.unit,
                "",
                f.source,
                "",
                "",
                f.known_on,
            )
            sb = fact_bounds(f)
            gb = fact_bounds(g)
            if _hit(idx, claim, Candidate(s, Bounds(sb.lo + gb.lo, sb.hi + gb.hi)), b):
                return [f, g], (
                    f"The figure is {f.metric} plus {g.metric}: {_fact_text(f)} + {_fact_text(g)}."
                )
    for entity in idx.registry.entities:
        if entity == claim.entity:
            continue
        for f in idx.known(idx.entity_facts(entity)):
            if (
                (f.metric, f.segment) == (expected.metric, expected.segment)
                and f.period.same_span(expected.period)
                and _hit(idx, claim, Candidate(f, fact_bounds(f)), b)
            ):
                return [f], f"The figure is {entity}'s: {_fact_text(f)}."
    return None


def describe_sources(evidence: Sequence[Evidence]) -> list[str]:
    """One line per evidence fact: figure, period, publisher, date (for tables)."""
    return [_fact_text(e.fact) for e in evidence]


# --- internal consistency: checks that need no fact ---------------------------------------------


def _fx_fact(r: FxRate) -> Fact:
    """An FX rate dressed as a fact, to cite as evidence."""
    day = Period(r.day, r.day, r.day.isoformat())
    return Fact("FX", "fx_rate", day, r.rate, f"{r.quote} per {r.base}", r.as_printed or
                str(r.rate), r.source, r.locator, f"{r.kind} rate", r.day)


def _day(idx: FactIndex, claim: Claim) -> date | None:
    """The day a figure's conversion should use: its period's end, or the article's date."""
    p = claim.period
    if p is not None and (idx.as_of is None or p.end <= idx.as_of):
        return p.end
    return idx.as_of or (p.end if p is not None else None)


def _like(value: Decimal, unit: str, printed: str) -> str:
    """``value`` written with as many decimals as ``printed`` shows ("about US$5.4 billion")."""
    token = next(iter(_NUM.findall(printed)), "")
    decimals = len(token.split(".")[1]) if "." in token else 0
    for size, word in ((Decimal("1e12"), "trillion"), (Decimal("1e9"), "billion"),
                       (Decimal("1e6"), "million")):
        if abs(value) >= size:
            text = money_text(Money(Decimal(1), unit)).split("1")[0]
            return f"{text}{value / size:,.{decimals}f} {word}"
    return fmt_value(value, unit)


def consistency(idx: FactIndex, claims: Sequence[Claim]) -> dict[int, Verdict]:
    """Verdicts the article earns from its own words: currency conflicts, conversions,
    growth against the two values it joins, comparatives against the store's totals."""
    out: dict[int, Verdict] = {}
    for i, c in enumerate(claims):
        v = (_currency_conflict(idx, c) or _conversion(idx, c, claims) or
             _growth_arithmetic(c, claims) or _comparative(idx, c, claims))
        if v is not None:
            out[i] = v
    return out


def _currency_conflict(idx: FactIndex, claim: Claim) -> Verdict | None:
    q = next((q for q in claim.qualifiers if q.startswith("currency_conflict:")), None)
    if q is None or claim.value is None or not claim.unit:
        return None
    other = next((c for c in q.split(":")[1].split("|") if c != claim.unit), None)
    text = f"'{claim.as_printed}' names two currencies at once."
    day = _day(idx, claim)
    rate = idx.rate(claim.unit, other, day) if other and day else None
    evidence: tuple[Evidence, ...] = ()
    if rate is not None and other is not None:
        r, _, used = rate
        text += (f" {_like(claim.value, claim.unit, claim.as_printed)} is about "
                 f"{_like(claim.value * r, other, claim.as_printed)}, while "
                 f"{_like(claim.value, other, claim.as_printed)} would be about "
                 f"{_like(claim.value / r, claim.unit, claim.as_printed)} (at {used.rate} "
                 f"{used.quote} per {used.base}, {used.day}).")
        evidence = (Evidence(_fx_fact(used), "fx"),)
    return Verdict(claim, VerdictLabel.CONTRADICTED, (Reason.CURRENCY_CONFLICT,), None, None,
                   evidence, text)


def _conversion(idx: FactIndex, claim: Claim, claims: Sequence[Claim]) -> Verdict | None:
    """ "$53 billion (RMB380 billion)": does the pair agree with the rate of the day?"""
    if claim.kind is not ClaimKind.CONVERSION:
        return None
    pair = [claims[j] for j in claim.related if 0 <= j < len(claims)]
    outer = next((p for p in pair if p.unit and _ISO.match(p.unit) and p.unit != claim.unit),
                 None)
    b, ob = claim_bounds(claim), claim_bounds(outer) if outer else None
    day = _day(idx, claim) or (_day(idx, outer) if outer else None)
    if outer is None or b is None or ob is None or day is None or not claim.unit:
        return None
    rate = idx.rate(outer.unit or "", claim.unit, day)
    if rate is None:
        return None
    r, tol, used = rate
    implied = ob.scaled(r * (1 - tol), r * (1 + tol))
    ev = (Evidence(_fx_fact(used), "fx"),)
    at = f"at {used.rate} {used.quote} per {used.base} ({used.day})"
    assert outer.value is not None and claim.value is not None
    shown = _like(outer.value * r, claim.unit, claim.as_printed)
    if b.meets(implied):
        return Verdict(claim, VerdictLabel.SUPPORTED, (), outer.value * r, claim.unit, ev,
                       f"{outer.as_printed} is about {shown} {at}, as printed.")
    return Verdict(claim, VerdictLabel.CONTRADICTED, (Reason.CONVERSION_MISMATCH,),
                   outer.value * r, claim.unit, ev,
                   f"{outer.as_printed} is about {shown} {at}, not {claim.as_printed}.")


def _growth_arithmetic(claim: Claim, claims: Sequence[Claim]) -> Verdict | None:
    """A growth rate or multiple against the two values its sentence gives ("from A to B")."""
    if claim.kind is not ClaimKind.GROWTH or claim.value is None or not claim.sentence:
        return None
    same = [c for c in claims if c.sentence == claim.sentence and c is not claim
            and c.kind in (ClaimKind.AMOUNT, ClaimKind.RANGE) and c.value is not None]
    prior = [c for c in same if {"from", "compared"} & set(c.qualifiers)]
    now = [claims[j] for j in claim.related if 0 <= j < len(claims) and claims[j] in same
           and claims[j] not in prior] or [c for c in same if c not in prior]
    if not prior or not now or prior[0].unit != now[0].unit:
        return None
    b, nb, pb = claim_bounds(claim), claim_bounds(now[0]), claim_bounds(prior[0])
    if b is None or nb is None or pb is None or pb.lo <= 0 or nb.lo <= 0:
        return None
    implied = Bounds((nb.lo / pb.hi - 1) * 100, (nb.hi / pb.lo - 1) * 100)
    assert now[0].value is not None and prior[0].value is not None
    pct = (now[0].value / prior[0].value - 1) * 100
    said = f"From {prior[0].as_printed} to {now[0].as_printed} is a change of {pct:.1f}%"
    if b.meets(implied):
        return Verdict(claim, VerdictLabel.SUPPORTED, (), pct, "percent", (),
                       f"{said}, as stated.")
    return Verdict(claim, VerdictLabel.CONTRADICTED, (Reason.ARITHMETIC,), pct, "percent", (),
                   f"{said}, which '{claim.text}' does not bear out.")


def _comparative(idx: FactIndex, claim: Claim, claims: Sequence[Claim]) -> Verdict | None:
    """ "exceeds its past decade spending": the amount said of against the stored total."""
    if claim.kind is not ClaimKind.COMPARATIVE or "exceeds" not in claim.qualifiers:
        return None
    j = next((int(q[8:]) for q in claim.qualifiers if q.startswith("subject:")), None)
    years = 10 if "vs:past_decade" in claim.qualifiers else _years(claim.text)
    if j is None or years is None or claims[j].entity is None:
        return None
    subject = claims[j]
    entity = subject.entity or ""
    totals = [f for f in idx.known(idx.entity_facts(entity)) if f.metric in _FAMILY["capex"]
              and abs(f.period.days - 365.25 * years) <= 45 * years
              and (idx.as_of is None or f.period.end <= idx.as_of)]
    sb = claim_bounds(subject)
    if not totals or sb is None:
        return Verdict(claim, VerdictLabel.UNVERIFIABLE, explanation=(
            f"The store has no total of {entity}'s spending over the past {years} years."))
    total = _best([_Hit(Candidate(f, fact_bounds(f))) for f in totals]).cand.fact
    conv = _as_claim_unit(idx, subject, Candidate(total, fact_bounds(total)))
    if conv is None:
        return None
    tb = conv[0]
    ev = [Evidence(total, "expected")]
    said = f"{subject.as_printed} against {_fact_text(total)}"
    if sb.lo >= tb.hi:
        return Verdict(claim, VerdictLabel.SUPPORTED, (), total.value, total.unit, tuple(ev),
                       f"It does: {said}.")
    if sb.hi > tb.lo:
        return Verdict(claim, VerdictLabel.AMBIGUOUS, (), total.value, total.unit, tuple(ev),
                       f"Too close to call: {said}.")
    bigger = [f for f in idx.known(idx.entity_facts(entity))
              if f.metric == "investment_commitment" and f.unit == total.unit
              and f.value > total.value]
    tail = ""
    if bigger:
        ev.append(Evidence(bigger[0], "other_metric"))
        tail = f" It is the {_fact_text(bigger[0])} plan that exceeds it."
    return Verdict(claim, VerdictLabel.CONTRADICTED, (Reason.ARITHMETIC,), total.value,
                   total.unit, tuple(ev),
                   f"{subject.as_printed} is far less than the {fact_bounds(total).lo and ''}"
                   f"{_fact_text(total)} spent over the past {years} years.{tail}")


def _years(text: str) -> int | None:
    words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "twenty": 20}
    m = re.search(r"(?i)\b(\d{1,2}|" + "|".join(words) + r")\s+years\b", text)
    if m is None:
        return None
    w = m.group(1).lower()
    return int(w) if w.isdigit() else words[w]
