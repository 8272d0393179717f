"""Validation of the shipped curated dataset (issue 3).

Every rule here runs over the real embedded files. Exceptions are listed explicitly,
each with the reason it is allowed; nothing is hidden.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from capexlens.claims._evidence import printed_ulp
from capexlens.coverage import coverage_grid
from capexlens.ingest import embedded_files, read_curated
from capexlens.models import Fact
from capexlens.registry import default_registry
from capexlens.store import FactStore

FACT_FILES = [p for p in embedded_files() if p.parent.name == "facts"]

# (entity, metric, calendar quarter) cells of the acceptance grid that may be missing.
# Empty since the Baidu and Microsoft cells were filled (two Baidu quarters are derived,
# see docs/data-gaps/cn.md); a new gap must be listed here with its reason.
KNOWN_GAPS: dict[tuple[str, str, str], str] = {}

# (entity, metric, segment, fiscal label) growth rates that may disagree with the stored
# values, with the reason.
_MSFT_RECAST = (
    "Microsoft realigned its segments in August 2024; the stated FY2025 growth compares with "
    "recast FY2024 Intelligent Cloud revenue, while the stored FY2024 figures are as first "
    "reported under the old definition (the recast quarters were not sourced)"
)
GROWTH_EXCEPTIONS: dict[tuple[str, str, str, str], str] = {
    ("MSFT", "segment_revenue_growth_yoy", "MSFT.IC", "FY2025 Q1"): _MSFT_RECAST,
    ("MSFT", "segment_revenue_growth_yoy", "MSFT.IC", "FY2025 Q2"): _MSFT_RECAST,
    ("MSFT", "segment_revenue_growth_yoy", "MSFT.IC", "FY2025 Q3"): _MSFT_RECAST,
    ("BIDU", "segment_revenue_growth_yoy", "BIDU.AICLOUD", "FY2025 Q3"): (
        "Baidu recast AI Cloud in 2025: the stated +21% compares with a restated Q3 2024 "
        "base of about RMB5.1 billion, while the stored Q3 2024 figure (RMB4.9 billion) is "
        "as first reported (see docs/data-gaps/cn.md, third pass)"
    ),
    ("BABA", "segment_revenue_growth_yoy", "BABA.CMR", "FY2026 Q2"): (
        "from FY2026 customer management revenue belongs to the new China E-commerce Group "
        "(Taobao and Tmall with Ele.me and Fliggy) and the release compares with a recast "
        "prior year; the stored FY2025 Q2 figure is as first reported"
    ),
}


@pytest.mark.parametrize("path", FACT_FILES, ids=lambda p: p.name)
def test_each_file_validates(path: Path) -> None:
    """As-printed figures parse to their values; sources, periods and units are valid."""
    facts = read_curated(path, default_registry())
    assert facts, f"{path.name} holds no facts"


def _all_facts() -> list[Fact]:
    reg = default_registry()
    return [f for p in FACT_FILES for f in read_curated(p, reg)]


def test_no_conflicting_primary_versions() -> None:
    """Two primary facts for one key and one day must not disagree (mark one primary=false)."""
    seen: dict[tuple[object, ...], Fact] = {}
    conflicts = []
    for f in _all_facts():
        if not f.primary:
            continue
        key = (*f.key, f.known_on)
        other = seen.setdefault(key, f)
        if other is not f and (other.value, other.value_high) != (f.value, f.value_high):
            conflicts.append(
                f"{key}: {other.value} ({other.source.url}) vs {f.value} ({f.source.url})"
            )
    assert not conflicts, "\n".join(conflicts)


def test_every_fact_is_sourced_and_derived_facts_say_how() -> None:
    for f in _all_facts():
        assert f.source.url.startswith(("http://", "https://")), f
        assert f.source.title and f.source.publisher and f.locator, f
        if f.is_derived:
            assert f.source.kind == "derived", f
        else:
            assert f.as_printed, f


def _half_unit(f: Fact) -> Decimal:
    """Half a unit of the fact's last printed digit ("$3.3 billion" -> 0.05 billion, "10%"
    -> 0.5); a derived fact's own tolerance where it states one."""
    if f.tolerance is not None:
        return f.tolerance
    return printed_ulp(f.as_printed, f.value) / 2


def _growth_bounds(cur: Fact, prev: Fact) -> tuple[Decimal, Decimal]:
    """Growth range the two stored values allow, given their own printed rounding."""
    dc, dp = _half_unit(cur), _half_unit(prev)
    low = ((cur.value - dc) / (prev.value + dp) - 1) * 100
    high = ((cur.value + dc) / (prev.value - dp) - 1) * 100
    return low, high


# A stated growth rate is checked against the levels of its base metric; "net income
# growth" may be stated of the attributable figure.
_BASES = {"net_income": ("net_income", "net_income_attributable")}


def _latest_primary() -> dict[tuple[str, str, str, date, date], Fact]:
    latest: dict[tuple[str, str, str, date, date], Fact] = {}
    for f in _all_facts():
        if f.primary and (f.key not in latest or latest[f.key].known_on < f.known_on):
            latest[f.key] = f
    return latest


def test_stated_growth_agrees_with_stored_values() -> None:
    """Every stated year-over-year growth (revenue, segments, operating and net income)
    against the two stored levels it compares, within both figures' printed rounding."""
    latest = _latest_primary()
    checked, bad = 0, []
    for (entity, metric, segment, start, end), g in latest.items():
        if not metric.endswith("_growth_yoy") or "guidance" in metric:
            continue
        base = metric.removesuffix("_growth_yoy")
        verdicts = []
        for level in _BASES.get(base, (base,)):
            cur = latest.get((entity, level, segment, start, end))
            prev = latest.get(
                (entity, level, segment, start.replace(year=start.year - 1), _year_before(end))
            )
            if cur is None or prev is None or prev.unit != cur.unit or prev.value <= 0:
                continue
            low, high = _growth_bounds(cur, prev)
            verdicts.append((low - _half_unit(g) <= g.value <= high + _half_unit(g), low, high))
        if not verdicts:
            continue
        checked += 1
        label = (entity, metric, segment, g.period.label)
        if not any(ok for ok, _, _ in verdicts) and label not in GROWTH_EXCEPTIONS:
            _, low, high = verdicts[0]
            bad.append(f"{label}: stated {g.value}%, stored values give {low:.2f}..{high:.2f}%")
    assert not bad, "\n".join(bad)
    assert checked > 100


def test_stated_margins_agree_with_income_and_revenue() -> None:
    latest = _latest_primary()
    checked, bad = 0, []
    for (entity, metric, segment, start, end), m in latest.items():
        if metric not in ("operating_margin", "operating_margin_non_gaap") or segment:
            continue
        income = latest.get(
            (entity, metric.replace("operating_margin", "operating_income"), "", start, end)
        )
        revenue = latest.get((entity, "revenue", "", start, end))
        if income is None or revenue is None or income.unit != revenue.unit:
            continue
        di, dr = _half_unit(income), _half_unit(revenue)
        lows = [
            (income.value + s * di) / (revenue.value + t * dr) * 100
            for s in (-1, 1)
            for t in (-1, 1)
        ]
        checked += 1
        if not min(lows) - _half_unit(m) <= m.value <= max(lows) + _half_unit(m):
            bad.append(
                f"{(entity, metric, m.period.label)}: stated {m.value}%, stored levels give "
                f"{min(lows):.2f}..{max(lows):.2f}%"
            )
    assert not bad, "\n".join(bad)
    assert checked > 10


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def test_capex_and_revenue_cover_2024q1_to_2025q3(embedded_store: FactStore) -> None:
    reg = default_registry()
    cells = coverage_grid(
        embedded_store,
        reg,
        entities=[e.id for e in reg.covered()],
        metrics=["capex", "revenue"],
        first="2024Q1",
        last="2025Q3",
    )
    gaps = [(c.entity, c.metric, c.calendar_quarter) for c in cells if c.status == "missing"]
    unexplained = [g for g in gaps if g not in KNOWN_GAPS]
    assert not unexplained, f"{len(unexplained)} unexplained gaps: {unexplained}"
    stale = [g for g in KNOWN_GAPS if g not in gaps]
    assert not stale, f"listed as gaps but now covered (remove them): {stale}"


def test_facts_per_company_are_grouped_counts() -> None:
    counts: dict[str, int] = defaultdict(int)
    for f in _all_facts():
        counts[f.entity] += 1
    for company in ("BABA", "TCEHY", "BIDU", "MSFT", "GOOGL", "AMZN", "META", "ORCL"):
        assert counts[company] > 0, f"no facts for {company}"


def test_confused_metric_pairs_are_known_metrics_of_one_kind() -> None:
    """A ``confused_with`` pair names a metric of the vocabulary measured in the same unit
    kind, never the metric itself: the checker reads the pair as a likely mislabel."""
    metrics = default_registry().metrics
    pairs = {m.id: m.confused_with for m in metrics.values() if m.confused_with}
    assert pairs, "the vocabulary declares no confused pairs"
    for own, other in pairs.items():
        assert other in metrics and other != own, own
        assert metrics[other].unit_kind == metrics[own].unit_kind, own
