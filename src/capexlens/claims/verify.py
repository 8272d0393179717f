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
:class:`~capexlens.models.Reason`; :mod:`capexlens.claims.consistency` holds the checks that
need no fact; :func:`capexlens.claims.check.check_article` merges both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from capexlens.claims._bounds import dropped_digit
from capexlens.claims._changes import change, with_period, ytd_growth
from capexlens.claims._definitions import (
    attributable_or_total,
    leased_year,
    other_definition,
    other_firm,
)
from capexlens.claims._elsewhere import (
    elsewhere,
    metric_name,
    mistaken_metric,
    named,
    other_currency,
    own_segment,
    scale_slip,
)
from capexlens.claims._evidence import (
    ANY_PERIOD,
    GUIDANCE,
    ISO,
    LATEST_PERIOD,
    PLANS,
    Bounds,
    Candidate,
    FactIndex,
    Hit,
    best,
    claim_bounds,
    claim_unit_bounds,
    derived_sum,
    fact_text,
    hit,
    opposite_limits,
    ranked,
    shift_back,
    too_loose,
)
from capexlens.claims._grammar import PLAN_VERB_RE
from capexlens.claims._phrases import YEAR_AGO
from capexlens.claims._readings import calendar_reading, either_reading
from capexlens.claims._unlinked import unlinked_reason
from capexlens.claims._versions import forecast, stale_verdict
from capexlens.models import (
    Claim,
    Evidence,
    Fact,
    Period,
    Reason,
    Verdict,
    VerdictLabel,
)

__all__ = ["FactIndex", "verify_claim"]


def verify_claim(idx: FactIndex, claim: Claim) -> Verdict:
    """The store's verdict on one linked claim (see the module docstring for the rules)."""
    verdict = _verify_reading(idx, claim)
    if verdict.label is VerdictLabel.SUPPORTED or claim.entity is None:
        return verdict
    other = calendar_reading(claim, idx.registry.calendar(claim.entity))
    if other is None or other.period is None:
        return verdict
    if idx.as_of is not None and other.period.end > idx.as_of:
        return verdict  # a calendar quarter not over by the article date reported nothing
    return either_reading(verdict, _verify_reading(idx, other))


def _verify_reading(idx: FactIndex, claim: Claim) -> Verdict:
    """The verdict on one reading of the claim's period."""
    b = claim_bounds(claim)
    quals = set(claim.qualifiers)
    why = unlinked_reason(claim, quals)
    if why or b is None:
        return Verdict(claim, VerdictLabel.UNVERIFIABLE, explanation=why or "No figure to check.")
    assert claim.entity is not None and claim.metric is not None
    cands = idx.series(claim.entity, claim.metric, claim.segment, "strict" in quals)
    twin = _headline(idx, claim)
    if twin:  # the headline non-GAAP figure first: it is what the text most likely means
        cands = idx.series(claim.entity, twin, claim.segment, True) + cands
    if not cands and claim.metric.endswith("_non_gaap"):
        return _gaap_instead(idx, claim, b)
    firm = other_firm(claim, cands) if claim.metric.startswith("market") else ""
    if firm:
        why = f"The store holds another research firm's estimate of this market, not {firm}'s."
        return Verdict(claim, VerdictLabel.UNVERIFIABLE, explanation=why)
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
    implicit = "period:implicit" in quals
    style = "period"
    if claim.metric in ANY_PERIOD:
        style = "any"
    elif claim.metric in LATEST_PERIOD | GUIDANCE and implicit:
        style = "latest"
    period = claim.period
    if style == "latest":  # market figures and plans: the latest public by the article date
        ends = [c.fact.period for c in cands if idx.as_of is None or c.fact.known_on <= idx.as_of]
        ends = ends or [c.fact.period for c in cands]
        if claim.metric in GUIDANCE and idx.as_of is not None:
            as_of = idx.as_of
            period = min([p for p in ends if p.end >= as_of] or ends, key=lambda p: p.end)
        else:
            period = max(ends, key=lambda p: p.end)
    at = [
        c
        for c in cands
        if style == "any" or (period is not None and c.fact.period.same_span(period))
    ]
    if not at and "period:ytd" in quals and period is not None:
        ytd = derived_sum(idx.snapshot, cands, period) or ytd_growth(idx, claim, period)
        at = [ytd] if ytd is not None else []
    if claim.metric == "capex" and period is not None and period.days > 360:
        at += leased_year(idx, cands, period)
    over = period is not None and idx.as_of is not None and period.end < idx.as_of
    if not at and claim.metric in GUIDANCE and period is not None and over:
        # a plan for a period already over: the actual figure answers
        at = [c for c in idx.series(claim.entity, "capex", "") if c.fact.period.same_span(period)]
    if style == "any":
        period = None  # a commitment or a model has its own span: show the fact's
    if (
        claim.metric in PLANS
        and idx.as_of is not None
        and at
        and all(c.fact.known_on > idx.as_of for c in at)
    ):
        later = min((c.fact for c in at), key=lambda f: f.known_on)
        return _unverifiable_beside(
            claim,
            later,
            f"The store holds no plan for {period} public by the article date; the first it "
            f"holds, {fact_text(later)}, came later.",
        )
    if "change" in quals and period is not None:
        return change(idx, claim, b, at)
    if "prior" in quals and period is not None:
        return _prior(idx, claim, b, cands, period)
    if at and forecast(idx, claim, period, style):
        later = best([Hit(c) for c in at]).cand.fact
        return _unverifiable_beside(
            claim,
            later,
            f"{period} had not ended by the article date, so the figure is a forecast; the "
            f"store holds the actual figure, {fact_text(later)}, not a forecast of it.",
        )
    # by identity: equal facts are public on one day, so ``in`` (equality) finds the same
    public = {id(f) for f in idx.known(c.fact for c in at)}
    known = [c for c in at if id(c.fact) in public]
    # Any source for the period may agree (copies are often dated after the article);
    # only what was public by the article date can make a figure stale or be "expected".
    hits = [h for c in at if (h := hit(idx, claim, c, b)) is not None]
    if hits and claim.metric in GUIDANCE and idx.as_of is not None:
        as_of = idx.as_of
        early = [h for h in hits if h.cand.fact.known_on <= as_of]
        then = [c.fact for c in at if c.fact.known_on <= as_of]
        if not early and then:
            return _later_revision(claim, best(hits).cand.fact, then, period)
        # a plan is borne out by a version public on the article date, if one matches,
        # never by a revision made after it
        hits = early or hits
    floors = [c.fact for c in known if opposite_limits(claim, c.fact)]
    if floors:
        return _ceiling_at_a_floor(claim, floors[0], period)
    if hits:
        return _supported(idx, claim, hits, known, period)
    if known and all(too_loose(c) for c in known):
        loose = best([Hit(c) for c in known]).cand.fact
        return _unverifiable_beside(
            claim,
            loose,
            f"The store's rate for {period}, {fact_text(loose)}, is derived from figures "
            "printed too coarsely to judge it either way.",
        )
    return _mismatch(idx, claim, b, cands, known, period)


def _unverifiable_beside(claim: Claim, f: Fact, why: str) -> Verdict:
    """Unverifiable, showing the stored figure that cannot judge the claim."""
    return Verdict(
        claim, VerdictLabel.UNVERIFIABLE, (), None, None, (Evidence(f, "other_period"),), why
    )


def _later_revision(
    claim: Claim, later: Fact, public: list[Fact], period: Period | None
) -> Verdict:
    """A plan that matches only a revision made after the article date."""
    then = max(public, key=lambda f: f.known_on)
    return Verdict(
        with_period(claim, period or later.period),
        VerdictLabel.AMBIGUOUS,
        (),
        then.value,
        then.unit,
        (Evidence(then, "expected"), Evidence(later, "match")),
        f"The figure matches {fact_text(later)}, a revision made after the article date; "
        f"the plan public on that date was {fact_text(then)}.",
    )


# Metrics whose sign is part of the figure: a favorable effect is not an unfavorable one.
_SIGNED = frozenset({"revenue_fx_impact"})


def _neighbour(p: Period, q: Period) -> bool:
    """Whether ``p`` is a period a writer mixes up with ``q``: a year or a quarter before or
    after it, or a quarter of the year it is (or the year of the quarter)."""
    if (p.start <= q.start and q.end <= p.end) or (q.start <= p.start and p.end <= q.end):
        return True
    return p.days == q.days and any(
        shift_back(x, kind) == (y.start, y.end)
        for x, y in ((p, q), (q, p))
        for kind in ("yoy", "qoq")
    )


def _ceiling_at_a_floor(claim: Claim, floor: Fact, period: Period | None) -> Verdict:
    """ "Up to $30 billion" where the company said "more than $30 billion": contradicted,
    even if a copy that dropped the "more than" prints a flat $30 billion."""
    return Verdict(
        with_period(claim, period or floor.period),
        VerdictLabel.CONTRADICTED,
        (),
        floor.value,
        floor.unit,
        (Evidence(floor, "expected"),),
        f"The source says {fact_text(floor)}: a floor, where the text puts a ceiling.",
    )


def _gaap_instead(idx: FactIndex, claim: Claim, b: Bounds) -> Verdict:
    """An "adjusted" figure of a company the store has no adjusted figures of (Amazon
    publishes no adjusted EPS): the GAAP figure may bear it out, never contradict it, since
    the store cannot tell a missing adjusted figure from one that does not exist."""
    assert claim.entity is not None and claim.metric is not None
    gaap = claim.metric.removesuffix("_non_gaap")
    entity = idx.registry.entities.get(claim.entity)
    if entity is not None and gaap in entity.gaap_only:
        v = verify_claim(idx, claim.with_(metric=gaap))
        what = metric_name(idx, gaap)
        note = f" {entity.name} publishes no adjusted {what}: the reported one is meant."
        return replace(
            v, claim=v.claim.with_(metric=claim.metric), explanation=v.explanation + note
        )
    period = claim.period
    at = [
        c
        for c in idx.series(claim.entity, gaap, claim.segment)
        if period is not None and c.fact.period.same_span(period)
    ]
    hits = [h for c in at if (h := hit(idx, claim, c, b)) is not None]
    if not hits:
        return _nothing(idx, claim, b)
    f = best(hits).cand.fact
    return Verdict(
        claim,
        VerdictLabel.SUPPORTED,
        (),
        f.value,
        f.unit,
        (Evidence(f, "match"),),
        f"The store has no adjusted figure of {claim.entity}; the figure matches the "
        f"reported (GAAP) one, {fact_text(f)}.",
    )


def _nothing(idx: FactIndex, claim: Claim, b: Bounds) -> Verdict:
    """No fact of the claim's metric: unverifiable, unless the figure is another metric's."""
    other = mistaken_metric(idx, claim, b)
    if other is not None:
        what = metric_name(idx, other.metric)
        return Verdict(
            with_period(claim, other.period),
            VerdictLabel.CONTRADICTED,
            (Reason.MISATTRIBUTION,),
            None,
            None,
            (Evidence(other, "other_metric"),),
            f"The figure is {what}: {fact_text(other)}. The article gives it as "
            f"{metric_name(idx, claim.metric or '')}, another measure the store holds no "
            "figure of.",
        )
    name = claim.metric or "this metric"
    return Verdict(
        claim,
        VerdictLabel.UNVERIFIABLE,
        explanation=(
            f"The store has no {name} figures for {claim.entity}"
            + (f" {claim.segment}." if claim.segment else ".")
        ),
    )


def _supported(
    idx: FactIndex, claim: Claim, hits: list[Hit], known: list[Candidate], period: Period | None
) -> Verdict:
    """Supported, unless the figure matches only a version that was superseded."""
    top = best(hits)
    f = top.cand.fact
    stale = stale_verdict(idx, claim, hits, known, period)
    if stale is not None:
        return stale
    note = f" {top.note}." if top.note else ""
    if f.metric == _headline(idx, claim):
        gaap = [c.fact for c in known if c.fact.metric == claim.metric]
        note += (
            f" That is the non-GAAP {metric_name(idx, claim.metric or '')} the company's release "
            "leads with" + (f"; the GAAP figure is {fact_text(gaap[0])}." if gaap else ".")
        )
    return Verdict(
        with_period(claim, period or f.period),
        VerdictLabel.SUPPORTED,
        (),
        f.value,
        f.unit,
        tuple(Evidence(h.cand.fact, "match") for h in ranked(hits)[:3]),
        f"Matches {fact_text(f)}.{note}",
    )


def _prior_plan(idx: FactIndex, claim: Claim, cands: list[Candidate], period: Period) -> Verdict:
    """A plan's earlier version ("raised from its prior outlook of $60-65 billion") that
    matches none stored: contradicted by the version before the latest public one, when
    the store holds both."""
    public = sorted(
        {
            c.fact.known_on: c.fact
            for c in cands
            if c.fact.period.same_span(period)
            and (idx.as_of is None or c.fact.known_on <= idx.as_of)
        }.items()
    )
    if len(public) < 2:
        return Verdict(
            claim,
            VerdictLabel.UNVERIFIABLE,
            explanation="An earlier plan the store holds no earlier version of.",
        )
    before = public[-2][1]
    return Verdict(
        with_period(claim, period),
        VerdictLabel.CONTRADICTED,
        (),
        before.value,
        before.unit,
        (Evidence(before, "expected"),),
        f"The plan before the latest one was {fact_text(before)}.",
    )


def _prior(
    idx: FactIndex, claim: Claim, b: Bounds, cands: list[Candidate], period: Period
) -> Verdict:
    """A comparison base ("from $75 billion", "compared to 36% a year earlier")."""
    # the base's own period when it names one ("from $13.5 billion in Q2 2024"), or a plan's
    # earlier version of the same period. A "from" base is never of the period of the figure
    # it moved to ("improved to 33% from 32%": not this quarter's 33%); a base set "against"
    # may be ("$30.2 B est. against $30.9 B reported").
    itself = "period:own" in claim.qualifiers or claim.metric in PLANS
    itself = itself or "from" not in claim.qualifiers
    spans = {(period.start, period.end)} if itself else set()
    # a base without a period of its own may be a year or a quarter earlier, unless its
    # sentence says which ("compared to 36% in the same period last year")
    kinds = ("yoy",) if YEAR_AGO.search(claim.sentence) else ("yoy", "qoq")
    for kind in () if "period:own" in claim.qualifiers else kinds:
        shifted = shift_back(period, kind)
        if shifted:
            spans.add(shifted)
    if "base:last-year" in claim.qualifiers and "period:own" not in claim.qualifiers:
        # "capex reached $91.4 billion, up from $52.5 billion last year": the year before
        year = _year_before(idx, claim, period)
        if year is not None:
            spans.add((year.start, year.end))
    pool = [c for c in cands if (c.fact.period.start, c.fact.period.end) in spans]
    hits = [h for c in pool if (h := hit(idx, claim, c, b)) is not None]
    if hits:
        match = best(hits).cand.fact
        return Verdict(
            with_period(claim, match.period),
            VerdictLabel.SUPPORTED,
            (),
            match.value,
            match.unit,
            (Evidence(match, "match"),),
            f"Matches the earlier figure {fact_text(match)}.",
        )
    if claim.metric in GUIDANCE:
        return _prior_plan(idx, claim, cands, period)
    year_ago = shift_back(period, "yoy")
    same = [c for c in pool if (c.fact.period.start, c.fact.period.end) == year_ago]
    if "period:own" in claim.qualifiers:
        # the base names its own period ("$13.5 billion in Q2 2024"): that period's figure
        same = [c for c in pool if c.fact.period.same_span(period)]
    f = best([Hit(c) for c in same]).cand.fact if same else None
    placed = "period:own" in claim.qualifiers or re.search(
        r"(?i)year|annual|yoy|去年|上年|同比", claim.sentence
    )
    if f is not None and placed:
        evidence = [Evidence(f, "expected")]
        # a base that names its own period may name the wrong one: which period it fits
        elsewhere = []
        if "period:own" in claim.qualifiers:
            public = idx.known(c.fact for c in cands)
            elsewhere = [
                h
                for c in cands
                if c.fact in public
                and not c.fact.period.same_span(period)
                and (h := hit(idx, claim, c, b)) is not None
            ]
        reasons, notes = _reasons(idx, claim, b, f, elsewhere, evidence, same)
        astray = _astray(idx, claim, reasons, evidence, f.period)
        if astray is not None:
            return astray
        other_basis = other_definition(claim, f, [c.fact for c in cands])
        if other_basis:  # "surpassing the 8% growth reported in Q1 last year": in cc
            return Verdict(
                with_period(claim, f.period),
                VerdictLabel.AMBIGUOUS,
                (),
                f.value,
                f.unit,
                tuple(evidence),
                other_basis,
            )
        # of another order and no slip to explain it: more likely another segment's base
        if reasons or _close(idx, claim, f):
            return Verdict(
                with_period(claim, f.period),
                VerdictLabel.CONTRADICTED,
                tuple(reasons),
                f.value,
                f.unit,
                tuple(evidence),
                " ".join([f"The comparison base was {fact_text(f)}.", *notes]),
            )
    return Verdict(
        claim,
        VerdictLabel.UNVERIFIABLE,
        explanation=("A comparison base the store cannot place with certainty."),
    )


def _year_before(idx: FactIndex, claim: Claim, period: Period) -> Period | None:
    """The fiscal year before the one ``period`` falls in, on the claim's company's calendar."""
    if claim.entity is None:
        return None
    cal = idx.registry.calendar(claim.entity)
    return cal.year(cal.quarter_of(period.end).year - 1)


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
    public = {id(f) for f in idx.known(c.fact for c in cands)}
    others = [c for c in cands if id(c.fact) in public and c not in known]
    other_hits = [h for c in others if (h := hit(idx, claim, c, b))]
    if implicit and idx.as_of is not None:
        recent = idx.as_of - timedelta(days=400)
        other_hits = [h for h in other_hits if recent <= h.cand.fact.period.end <= idx.as_of]
    if not known:
        return _no_fact_for_period(idx, claim, other_hits, period)
    twin = _headline(idx, claim)
    first = [c for c in known if c.fact.metric == twin] or known
    expected = best([Hit(c) for c in first]).cand.fact
    evidence = [Evidence(expected, "expected")]
    if attributable_or_total(claim, expected):
        return Verdict(
            with_period(claim, period or expected.period),
            VerdictLabel.AMBIGUOUS,
            (),
            None,
            None,
            tuple(evidence),
            f"The store holds profit attributable to shareholders, {fact_text(expected)}; a "
            "figure this close may be the profit for the period, which includes minority "
            "interests and which the store does not hold.",
        )
    # a period taken from the sentences around the figure, not said of it, may be wrong
    # too when the figure is another span's ("120 billion yuan" of four quarters, read as
    # the reported quarter's): a neighbouring quarter's figure is a stale-figure slip
    context = bool({"period:context", "period:carried"} & set(claim.qualifiers)) and (
        # rates of a year and of a quarter look alike; amounts, per share too, do not
        bool(claim.unit and ISO.match(claim.unit.removesuffix("/share")))
        # but a period carried over from the sentence before is a guess even for a rate
        # ("- Fiscal year 2024 revenues ... - GAAP operating margin was 33%"): of the
        # quarter the article reports, it is no slip
        or "period:carried" in claim.qualifiers
    )
    spans = [
        h for h in other_hits if period is None or not _same_length(h.cand.fact.period, period)
    ]
    other_basis = other_definition(claim, expected, [c.fact for c in known])
    if other_basis:
        return Verdict(
            with_period(claim, period),
            VerdictLabel.AMBIGUOUS,
            (),
            expected.value,
            expected.unit,
            tuple(evidence),
            other_basis,
        )
    if (other_hits and implicit) or (spans and context):
        f = best(other_hits if implicit else spans).cand.fact
        return Verdict(
            with_period(claim, period),
            VerdictLabel.AMBIGUOUS,
            (),
            expected.value,
            expected.unit,
            (*evidence, Evidence(f, "other_period")),
            f"The article does not say which period; the figure matches "
            f"{fact_text(f)}, not "
            + ("the latest" if implicit else "that of the period the text around it speaks of")
            + f", {fact_text(expected)}.",
        )
    reasons, notes = _reasons(idx, claim, b, expected, other_hits, evidence, known)
    same = expected.unit == claim.unit and not reasons
    lead = dropped_digit(claim, b, idx.snapshot.candidate(expected).bounds) if same else None
    if lead is not None:  # "$39.5 billion" for $139.5 billion: a digit slipped, not a line
        notes.append("It is the store's figure with a leading digit dropped or added.")
    money = claim.unit is not None and ISO.match(claim.unit) is not None
    # a rate ten times the store's ("141%" against 14%) is another segment's, not a slip
    far = _close(idx, claim, expected, Decimal(5)) if claim.unit == "percent" else True
    # a currency effect said to hurt that helped: wrong whatever the size
    flipped = claim.metric in _SIGNED and (claim.value or 0) * expected.value < 0
    if flipped:
        notes.append(
            f"It is {'favorable' if expected.value > 0 else 'unfavorable'}: the sign is wrong."
        )
    elif (
        (implicit or money or not far)
        and not reasons
        and lead is None
        and not _close(idx, claim, expected)
    ):
        return Verdict(
            claim,
            VerdictLabel.UNVERIFIABLE,
            (),
            expected.value,
            expected.unit,
            tuple(evidence),
            f"The store's figure, {fact_text(expected)}, is of another order: the claim "
            "is probably about another segment or period than the one it was linked to.",
        )
    text = f"The store has {fact_text(expected)}." + (" " + " ".join(notes) if notes else "")
    unit = next((q[13:] for q in claim.qualifiers if q.startswith("unit:context:")), "")
    if unit:  # the sentence before spoke of a unit: the figure may be the unit's
        return Verdict(
            with_period(claim, period),
            VerdictLabel.AMBIGUOUS,
            (),
            expected.value,
            expected.unit,
            tuple(evidence),
            f"{text} The sentence before is about {unit}; the figure may be that unit's, "
            "which the store does not hold.",
        )
    astray = _astray(idx, claim, reasons, evidence, period)
    if astray is not None:
        return astray
    return Verdict(
        with_period(claim, period),
        VerdictLabel.CONTRADICTED,
        tuple(reasons),
        expected.value,
        expected.unit,
        tuple(evidence),
        text,
    )


def _same_length(p: Period, q: Period) -> bool:
    """Whether two periods are spans of about the same length (two quarters, two years)."""
    return abs(p.days - q.days) <= 10


def _astray(
    idx: FactIndex,
    claim: Claim,
    reasons: list[Reason],
    evidence: list[Evidence],
    period: Period | None,
) -> Verdict | None:
    """Ambiguous, not a misattribution, when the one other figure the claim matches is
    likely what the text meant: a link of ours gone wrong more than the article's error."""
    named = [e.fact for e in evidence if e.role == "other_metric"]
    if reasons != [Reason.MISATTRIBUTION] or len(named) != 1:
        return None
    if not _linked_astray(idx, claim, named[0]):
        return None
    expected = next(e.fact for e in evidence if e.role == "expected")
    return Verdict(
        with_period(claim, period),
        VerdictLabel.AMBIGUOUS,
        (),
        named[0].value,
        named[0].unit,
        tuple(evidence),
        f"The figure matches {fact_text(named[0])}, which the text may mean; read as "
        f"{claim.metric} it would disagree with {fact_text(expected)}.",
    )


def _linked_astray(idx: FactIndex, claim: Claim, f: Fact) -> bool:
    """Whether ``f``, which the claim's figure matches, is likely what the text meant."""
    # a company-wide figure that is one of its own segments' ("operating income ... at the
    # G-Cloud"): the segment was likely named where linking did not look. A figure said of
    # one named segment that is another's ("Taobao and Tmall revenue" that is customer
    # management revenue) is the article's misattribution.
    part = own_segment(claim, f)
    # "operating profit" for the non-IFRS figure the company itself puts first
    twin = (
        f.entity == claim.entity
        and f.segment == claim.segment
        and f.metric == f"{claim.metric}_non_gaap"
    )
    # another company's figure, when the text never named the claim's company in the
    # sentence ("The three others saw revenues climb 13%, 7% and 16%"): our subject guess
    other = f.entity != claim.entity and "entity:context" in claim.qualifiers
    if f.entity != claim.entity and "entity:respectively" in claim.qualifiers:
        # "AWS, Microsoft and Google held 29%, 12% and 22% ..., respectively": the text
        # paired each figure with its company; a figure that is the other one's is swapped
        return False
    return part or twin or other or named(idx, claim, f)


def _headline(idx: FactIndex, claim: Claim) -> str:
    """The non-GAAP twin of the claim's metric if its company puts that figure first (so an
    unqualified "operating profit" means it), else ""."""
    entity = idx.registry.entities.get(claim.entity or "")
    if entity is None or claim.metric not in entity.headline_non_gaap:
        return ""
    return f"{claim.metric}_non_gaap"


def _close(idx: FactIndex, claim: Claim, f: Fact, factor: Decimal = Decimal(2)) -> bool:
    """Whether a figure is within a factor (two) of a fact (converted if need be): a slip
    in the figure, rather than a figure of another kind of period (a year, not a quarter)."""
    conv = claim_unit_bounds(idx, claim, idx.snapshot.candidate(f))
    if claim.value is None or conv is None:
        return False
    mid = (conv.lo + conv.hi) / 2
    if mid == 0:
        return False
    return 1 / factor <= claim.value / mid <= factor


def _no_fact_for_period(
    idx: FactIndex, claim: Claim, other_hits: list[Hit], period: Period | None
) -> Verdict:
    if other_hits:
        f = best(other_hits).cand.fact
        if "period:implicit" in claim.qualifiers:
            return Verdict(
                with_period(claim, f.period),
                VerdictLabel.SUPPORTED,
                (),
                f.value,
                f.unit,
                (Evidence(f, "match"),),
                f"The article gives no period; the figure matches {fact_text(f)}.",
            )
        if period is not None and idx.as_of is not None and period.end > idx.as_of:
            if PLAN_VERB_RE.search(claim.sentence):
                # "expects its capital spending to nearly double in 2026": a forecast
                return Verdict(
                    claim,
                    VerdictLabel.UNVERIFIABLE,
                    explanation=f"A forecast for {period}, which had not ended by the article "
                    "date; the store holds reported figures and stated plans, not this.",
                )
            # a figure reported for a period not over is wrong if the text dates it so; a
            # period taken from another clause or sentence may be the link's mistake
            own = "period:own" in claim.qualifiers
            return Verdict(
                with_period(claim, period),
                VerdictLabel.CONTRADICTED if own else VerdictLabel.AMBIGUOUS,
                (Reason.PERIOD_MISMATCH,) if own else (),
                f.value,
                f.unit,
                (Evidence(f, "other_period"),),
                f"{period} had not ended by the article date; the figure is {fact_text(f)}.",
            )
        return Verdict(
            claim,
            VerdictLabel.UNVERIFIABLE,
            (),
            None,
            None,
            (Evidence(f, "other_period"),),
            f"The store has no figure for {period}; the same figure is {fact_text(f)}.",
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
    other_hits: list[Hit],
    evidence: list[Evidence],
    known: Sequence[Candidate] = (),
) -> tuple[list[Reason], list[str]]:
    """What went wrong: currency, scale, period or attribution; each with one sentence.
    Currency and scale are tried against every source for the period (``known``)."""
    reasons: list[Reason] = []
    notes: list[str] = []
    unit, value = claim.unit or "", claim.value or Decimal(0)
    for f in [expected, *(c.fact for c in known if c.fact is not expected)]:
        other = other_currency(idx, claim, f, b)
        if other:
            reasons.append(Reason.WRONG_CURRENCY)
            notes.append(f"The number is right but the currency is {other}, not {unit}.")
            break
        k = scale_slip(idx, claim, b, f)
        if k:
            reasons.append(Reason.SCALE_ERROR)
            notes.append(
                f"The figure is off by a factor of {10 ** abs(k):,} (a scale "
                "slip, e.g. 亿 = 100 million read as a billion)."
            )
            break
    # a floor or a ceiling ("over half") fits many periods' figures: no sign of a mix-up
    bounded = {"at_least", "at_most", "plus"} & set(claim.qualifiers)
    if claim.unit == "percent":
        # small numbers recur: a rate matching some other quarter is likely chance, unless
        # that quarter is one a writer mixes up (a year or a quarter before, or after)
        other_hits = [h for h in other_hits if _neighbour(h.cand.fact.period, expected.period)]
    far = not any(_neighbour(h.cand.fact.period, expected.period) for h in other_hits)
    if other_hits and far and claim.entity and elsewhere(idx, claim, b, expected) is not None:
        other_hits = []  # another line of the same release before a quarter long past
    if other_hits and not reasons and not bounded:
        f = best(other_hits).cand.fact
        reasons.append(Reason.PERIOD_MISMATCH)
        evidence.append(Evidence(f, "other_period"))
        notes.append(f"The figure belongs to {f.period.label or f.period}: {fact_text(f)}.")
    if not reasons and claim.entity and claim.value is not None:
        found = elsewhere(idx, claim, b, expected)
        if found is not None:
            reasons.append(Reason.MISATTRIBUTION)
            evidence.extend(Evidence(f, "other_metric") for f in found[0])
            notes.append(found[1])
    del value
    return reasons, notes
