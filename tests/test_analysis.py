"""Analysis over small hand-made stores, plus a few checks on the embedded dataset."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from capexlens.analysis import (
    FigureBook,
    PaybackAssumptions,
    UsdConverter,
    capex_quarters,
    capex_vs_history,
    commitment_pacing,
    compare_metric,
    guidance_history,
    market_shares,
    payback_schedule,
    peer_quarter,
    pledge_window,
    resolve_period,
    shareholder_returns,
)
from capexlens.errors import ConfigError, FxError, PeriodError
from capexlens.models import Fact, FxRate, Money, Period, Source, SourceKind
from capexlens.periods import FiscalCalendar, parse_period
from capexlens.registry import default_registry
from capexlens.store import FactStore

BABA_RELEASE = Source(
    "https://example.com/baba-june-2025",
    "Alibaba Group Announces June Quarter 2025 Results",
    "Alibaba Group",
    date(2025, 8, 29),
    SourceKind.EARNINGS_RELEASE,
)
NEWS = Source(
    "https://example.com/news", "Cloud news", "Example Wire", date(2025, 2, 24), SourceKind.NEWS
)
FED = Source(
    "https://www.federalreserve.gov/releases/h10/",
    "H.10",
    "Board of Governors of the Federal Reserve System",
    date(2025, 7, 1),
    SourceKind.CENTRAL_BANK,
)
BILLION = Decimal(10) ** 9


def fact(
    entity: str,
    metric: str,
    period: str,
    value: str,
    unit: str = "CNY",
    *,
    segment: str = "",
    source: Source = BABA_RELEASE,
    known_on: date | None = None,
    high: str | None = None,
    primary: bool = True,
) -> Fact:
    """A fact with a period on the entity's calendar; money values in billions."""
    cal = default_registry().calendar(entity)
    scale = BILLION if len(unit) == 3 else Decimal(1)
    return Fact(
        entity=entity,
        metric=metric,
        period=parse_period(period, cal),
        value=Decimal(value) * scale,
        value_high=None if high is None else Decimal(high) * scale,
        unit=unit,
        as_printed=f"{value} billion" if scale != 1 else f"{value}%",
        source=source,
        locator="test table",
        basis="test basis",
        known_on=known_on or source.published,
        segment=segment,
        primary=primary,
    )


def alibaba_rate(day: date, rate: str) -> FxRate:
    return FxRate("USD", "CNY", day, Decimal(rate), BABA_RELEASE, "convenience", rate, "p. 1")


def baba_store(store: FactStore, *, rates: bool = True) -> FactStore:
    facts = [
        fact("BABA", "capex", "FY2026Q1", "38.6"),
        fact("BABA", "capex", "FY2025Q1", "11.9"),
        fact("BABA", "capex", "FY2025Q2", "17.0"),
        fact("BABA", "capex", "FY2025Q3", "31.8"),
        fact("BABA", "capex", "FY2025", "85.0"),
        fact("BABA", "revenue", "FY2026Q1", "247.652"),
        fact("BABA", "operating_cash_flow", "FY2026Q1", "19.8"),
        fact("BABA", "segment_revenue", "FY2026Q1", "33.398", segment="BABA.CLOUD"),
        fact("BABA", "segment_revenue_growth_yoy", "FY2026Q1", "26", "percent",
             segment="BABA.CLOUD"),
    ]  # fmt: skip
    fx = [
        alibaba_rate(date(y, m, d), r)
        for y, m, d, r in [(2025, 6, 30, "7.1636"), (2025, 3, 31, "7.2568"),
                           (2024, 12, 31, "7.2993"), (2024, 9, 30, "7.0177")]
    ]  # fmt: skip
    store.add_facts(facts, origin="test", fx_rates=fx if rates else [])
    return store


# --------------------------------------------------------------------------- periods


def test_bare_quarter_is_the_calendar_quarter() -> None:
    baba = FiscalCalendar(3)
    assert resolve_period("2025Q2", baba) == resolve_period("CY2025Q2", baba)
    assert resolve_period("2025Q2", baba).label == "FY2026 Q1"


def test_figure_book_derives_q4_from_the_year() -> None:
    store_facts = [
        fact("MSFT", "capex", "FY2025", "64.551", "USD"),
        fact("MSFT", "capex", "FY2025Q1", "14.923", "USD"),
        fact("MSFT", "capex", "FY2025Q2", "15.804", "USD"),
        fact("MSFT", "capex", "FY2025Q3", "16.745", "USD"),
    ]
    book = FigureBook(store_facts, FiscalCalendar(6), "capex")
    q4 = book.get(FiscalCalendar(6).quarter(2025, 4))
    assert q4 is not None
    assert q4.value == Decimal("17.079") * BILLION
    assert q4.is_derived and "FY2025 total - FY2025 Q1 - FY2025 Q2 - FY2025 Q3" in q4.how
    assert len(q4.facts) == 4
    # a year with no stored total is the sum of its quarters, only when all four exist
    assert book.get(FiscalCalendar(6).year(2026)) is None


def test_figure_book_never_adds_percentages() -> None:
    growth = [fact("BABA", "revenue_growth_yoy", f"FY2025Q{i}", "5", "percent") for i in (1, 2)]
    book = FigureBook(growth, FiscalCalendar(3), "growth")
    assert book.get(FiscalCalendar(3).half(2025, 1)) is None


# --------------------------------------------------------------------------- capex


def test_capex_quarter_in_usd_at_the_issuers_rate(store: FactStore) -> None:
    frame = capex_quarters(baba_store(store), "Alibaba", count=4)
    assert list(frame["fiscal_label"]) == ["FY2025 Q2", "FY2025 Q3", "FY2025 Q4", "FY2026 Q1"]
    row = frame.iloc[-1]
    assert row["capex"] == Decimal("38.6") * BILLION
    assert row["calendar_label"] == "CY2025Q2"
    assert row["capex_usd"] == (Decimal("38.6") * BILLION / Decimal("7.1636")).quantize(
        Decimal("0.01")
    )
    assert row["fx_rate"] == Decimal("7.1636")
    assert "Alibaba convenience rate" in row["fx_name"]
    assert row["fx_urls"] == BABA_RELEASE.url
    assert row["yoy_pct"] == Decimal("224.4")
    assert row["intensity_pct"] == Decimal("15.6")
    assert row["capex_to_ocf_pct"] == Decimal("194.9")
    assert row["free_cash_flow"] == Decimal("-18.8") * BILLION
    assert "operating cash flow - capex" in row["free_cash_flow_how"]
    assert row["cloud_segment"] == "BABA.CLOUD" and row["cloud_growth_pct"] == 26


def test_capex_quarter_derived_q4_and_ttm(store: FactStore) -> None:
    frame = capex_quarters(baba_store(store), "BABA", count=4)
    q4 = frame.iloc[2]
    assert q4["capex"] == Decimal("24.3") * BILLION  # 85.0 - 11.9 - 17.0 - 31.8
    assert "FY2025 total" in q4["capex_how"]
    last = frame.iloc[-1]
    assert last["ttm"] == Decimal("111.7") * BILLION  # 17.0 + 31.8 + 24.3 + 38.6
    assert "each quarter at its own rate" in last["ttm_usd_how"]
    # QoQ against the derived Q4 names both inputs
    assert last["qoq_pct"] == Decimal("58.8")
    assert len(last["qoq_pct_facts"].split(";")) == 5


def test_capex_missing_rate_is_said_not_raised(store: FactStore) -> None:
    row = capex_quarters(baba_store(store, rates=False), "BABA", count=1).iloc[0]
    assert row["capex_usd"] is None
    assert "US-dollar value for FY2026 Q1 (no CNY per USD rate" in row["missing"]


def test_other_issuers_rate_is_not_used(store: FactStore) -> None:
    baidu = Source("https://example.com/bidu", "Baidu Announces Second Quarter 2025 Results",
                   "PR Newswire", date(2025, 8, 20), SourceKind.EARNINGS_RELEASE)  # fmt: skip
    baba_store(store, rates=False)
    store.add_facts(
        [],
        origin="rates",
        fx_rates=[
            FxRate("USD", "CNY", date(2025, 6, 30), Decimal("7.1629"), baidu, "convenience",
                   "7.1629", "p. 2"),
            *[FxRate("USD", "CNY", date(2025, m, d), Decimal(v), FED)
              for m, d, v in [(4, 1, "7.2000"), (5, 15, "7.2200"), (6, 30, "7.1600")]],
        ],
    )  # fmt: skip
    row = capex_quarters(store, "BABA", count=1).iloc[0]
    assert "H.10" in row["fx_name"] and "mean of 3 days" in row["fx_name"]
    assert row["fx_rate"] == Decimal("7.193333333")


def test_company_without_capex_gives_an_empty_frame(store: FactStore) -> None:
    assert capex_quarters(store, "META").empty


# --------------------------------------------------------------------------- pacing


def test_pledge_window_counts_whole_quarters_after_the_announcement() -> None:
    span = Period(date(2025, 2, 24), date(2028, 2, 23))
    w = pledge_window(span, FiscalCalendar(3))
    assert [q.label for q in (w.quarters[0], w.quarters[-1])] == ["FY2026 Q1", "FY2028 Q4"]
    assert "FY2025 Q4 is left out: only 36 of its 90 days" in w.rule
    partial = pledge_window(span, FiscalCalendar(3), include_partial=True)
    assert len(partial.quarters) == 13 and partial.quarters[0].label == "FY2025 Q4"


def test_commitment_pacing(store: FactStore) -> None:
    pledge = fact("BABA", "investment_commitment", "2025-02-24..2028-02-23", "380", source=NEWS)
    baba_store(store).add_facts(
        [pledge, fact("BABA", "capex", "FY2026Q2", "31.5")], origin="pledge"
    )
    frame = commitment_pacing(store, "BABA")
    assert list(frame["fiscal_label"]) == ["FY2026 Q1", "FY2026 Q2"]
    last = frame.iloc[-1]
    assert last["cumulative"] == Decimal("70.1") * BILLION
    assert last["share_spent_pct"] == Decimal("18.4")
    assert last["share_time_pct"] == Decimal("16.7")  # 183 of 1096 days
    assert last["quarters_left"] == 10
    assert last["run_rate_needed"] == Decimal("30.99") * BILLION
    assert last["complete"] and last["quarters_total"] == 12
    assert pledge.fact_id in last["run_rate_needed_facts"]
    early = commitment_pacing(store, "BABA", through=FiscalCalendar(3).quarter(2026, 1))
    assert list(early["fiscal_label"]) == ["FY2026 Q1"]
    assert early.iloc[0]["quarters_left"] == 11


def test_pacing_says_which_quarter_is_missing(store: FactStore) -> None:
    pledge = fact("BABA", "investment_commitment", "2025-02-24..2028-02-23", "380", source=NEWS)
    store.add_facts([pledge, fact("BABA", "capex", "FY2026Q2", "31.5")], origin="t")
    last = commitment_pacing(store, "BABA").iloc[-1]
    assert not last["complete"]
    assert last["missing"] == "capex for FY2026 Q1"
    assert commitment_pacing(store, "TCEHY").empty


# --------------------------------------------------------------------------- guidance


def test_guidance_revisions_and_actual(store: FactStore) -> None:
    said = [
        ("75", None, date(2025, 2, 4)),
        ("85", None, date(2025, 7, 23)),
        ("91", "93", date(2025, 10, 29)),
    ]
    facts = [
        fact("GOOGL", "capex_guidance", "FY2025", lo, "USD", high=hi, known_on=day)
        for lo, hi, day in said
    ]
    facts.append(
        fact("GOOGL", "capex_guidance", "FY2025", "85", "USD", known_on=date(2025, 7, 23),
             source=NEWS, primary=False)
    )  # fmt: skip
    facts += [fact("GOOGL", "capex", f"FY2025Q{i}", "23", "USD") for i in (1, 2, 3, 4)]
    store.add_facts(facts, origin="t")
    frame = guidance_history(store, "GOOGL")
    assert list(frame["revision"]) == [1, 2, 3]
    assert list(frame["midpoint"]) == [b * BILLION for b in (Decimal(75), 85, 92)]
    assert frame.iloc[1]["change_pct"] == Decimal("13.3")
    assert frame.iloc[2]["actual"] == 92 * BILLION
    assert frame.iloc[2]["actual_vs_midpoint_pct"] == Decimal("0.0")
    assert "sum of" in frame.iloc[2]["actual_how"]
    before = guidance_history(store, "GOOGL", as_of=date(2025, 8, 1))
    assert len(before) == 2 and before.iloc[-1]["actual"] is None


# --------------------------------------------------------------------------- peers


def test_peers_line_up_on_the_calendar_quarter(store: FactStore) -> None:
    baba_store(store).add_facts(
        [
            fact("ORCL", "capex", "FY2025Q4", "9.1", "USD"),
            fact("MSFT", "capex", "FY2025Q4", "17.079", "USD"),
        ],
        origin="t",
    )
    frame = peer_quarter(store, "2025Q2")
    assert len(frame) == 8
    by = frame.set_index("entity")
    assert by.loc["BABA", "fiscal_label"] == "FY2026 Q1" and by.loc["BABA", "aligned"]
    assert by.loc["ORCL", "fiscal_label"] == "FY2025 Q4" and not by.loc["ORCL", "aligned"]
    assert "2025-03-01..2025-05-31" in str(by.loc["ORCL", "alignment"])
    assert by.loc["MSFT", "capex_usd"] == Decimal("17.079") * BILLION
    assert by.loc["MSFT", "fx_name"] == "reported in US dollars"
    assert by.loc["META", "capex"] is None
    assert "capex for FY2025 Q2" in str(by.loc["META", "missing"])
    assert set(frame["calendar_label"]) == {"CY2025Q2"}
    with pytest.raises(PeriodError):
        peer_quarter(store, "FY2026")


def test_compare_metric_in_usd(store: FactStore) -> None:
    frame = compare_metric(baba_store(store), "revenue", "CY2025Q2", entities=["BABA", "MSFT"])
    row = frame.set_index("entity").loc["BABA"]
    assert row["value_usd"] == (Decimal("247.652") * BILLION / Decimal("7.1636")).quantize(
        Decimal("0.01")
    )
    seg = compare_metric(store, "segment_revenue", "2025Q2", entities=["BABA"]).iloc[0]
    assert seg["segment"] == "BABA.CLOUD"


# --------------------------------------------------------------------------- markets


def test_market_shares_with_size(store: FactStore) -> None:
    canalys = Source("https://example.com/canalys", "China cloud Q1 2025", "Canalys",
                     date(2025, 6, 1), SourceKind.RESEARCH_FIRM)  # fmt: skip
    facts = [
        fact(e, "market_share", "CY2025Q1", v, "percent", segment="CN_CLOUD", source=canalys)
        for e, v in (("HUAWEI", "18"), ("BABA", "33"), ("TCEHY", "10"))
    ]
    facts += [
        fact("MARKET", "market_size", "CY2025Q1", "11.6", "USD", segment="CN_CLOUD",
             source=canalys),
        fact("BABA", "market_share", "CY2024Q3", "36", "percent", segment="CN_CLOUD",
             source=canalys),
    ]  # fmt: skip
    store.add_facts(facts, origin="t")
    frame = market_shares(store, "CN_CLOUD")
    assert list(frame["entity"]) == ["BABA", "HUAWEI", "TCEHY"]
    assert frame.iloc[0]["implied_revenue"] == Decimal("3828000000")
    assert frame.iloc[0]["source_kind"] == "research_firm"
    older = market_shares(store, "CN_CLOUD", through=date(2025, 1, 1))
    assert list(older["share_pct"]) == [36] and older.iloc[0]["market_size"] is None
    assert market_shares(store, "GLOBAL_CLOUD").empty


# --------------------------------------------------------------------------- returns


def test_shareholder_returns_in_usd(store: FactStore) -> None:
    baba_store(store).add_facts(
        [
            fact("BABA", "share_repurchases", "FY2025", "11.9", "USD"),
            fact("BABA", "dividends", "FY2025", "4.6", "USD"),
        ],
        origin="t",
    )
    frame = shareholder_returns(store, "BABA", years=1)
    row = frame.iloc[0]
    assert row["fiscal_label"] == "FY2025"
    assert row["returns_usd"] == Decimal("16.5") * BILLION
    assert row["capex_unit"] == "CNY" and "7.2568" in row["capex_usd_how"]
    assert row["capex_usd_fx_urls"] == BABA_RELEASE.url
    capex_usd = (Decimal(85) * BILLION / Decimal("7.2568")).quantize(Decimal("0.01"))
    assert row["capex_usd"] == capex_usd
    assert row["returns_to_capex_pct"] == (Decimal("16.5") * BILLION / capex_usd * 100).quantize(
        Decimal("0.1")
    )
    assert "free cash flow for FY2025" in row["missing"]


# --------------------------------------------------------------------------- history


def test_capex_vs_previous_decade(store: FactStore) -> None:
    decade = fact("BABA", "capex", "2015-04-01..2025-03-31", "350", source=NEWS)
    pledge = fact("BABA", "investment_commitment", "2025-02-24..2028-02-23", "380", source=NEWS)
    baba_store(store).add_facts([decade, pledge], origin="t")
    row = capex_vs_history(store, "BABA", pledge.period, metric="investment_commitment").iloc[0]
    assert row["history"] == 350 * BILLION and row["complete"]
    assert row["subject_vs_history_pct"] == Decimal("108.6")
    quarter = capex_vs_history(store, "BABA", FiscalCalendar(3).quarter(2026, 1)).iloc[0]
    assert quarter["subject_vs_history_pct"] == Decimal("11.0")


def test_history_from_years_is_a_floor_when_years_are_missing(store: FactStore) -> None:
    row = capex_vs_history(baba_store(store), "BABA", FiscalCalendar(3).quarter(2026, 1),
                           years=3).iloc[0]  # fmt: skip
    assert row["history"] == 85 * BILLION and not row["complete"]
    assert row["years_missing"] == "FY2023, FY2024"
    assert "a floor" in row["history_how"]


# --------------------------------------------------------------------------- payback


def test_payback_schedule_spread_over_years() -> None:
    a = PaybackAssumptions(Money(Decimal(300), "CNY"), useful_life_years=3,
                           margin_pct=Decimal(25), spend_years=3, first_year=2026)  # fmt: skip
    frame = payback_schedule(a)
    assert list(frame["year"]) == [2026, 2027, 2028, 2029, 2030]
    assert [int(v) for v in frame["depreciation"]] == [33, 67, 100, 67, 33]
    assert int(frame["cumulative_depreciation"].iloc[-1]) == 300
    assert int(frame["net_book_value"].iloc[-1]) == 0
    assert int(frame["revenue_needed"].iloc[2]) == 400
    assert any("25%" in line for line in a.lines())


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [({"useful_life_years": 0}, "--useful-life"), ({"margin_pct": Decimal(0)}, "--margin")],
)
def test_payback_rejects_bad_assumptions(kwargs: dict[str, object], word: str) -> None:
    with pytest.raises(ConfigError, match=word):
        PaybackAssumptions(Money(Decimal(1), "USD"), **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- embedded data


def test_embedded_alibaba_june_quarter(embedded_store: FactStore) -> None:
    q = resolve_period("FY2026Q1", FiscalCalendar(3))
    frame = capex_quarters(embedded_store, "BABA", through=q, count=1)
    if frame.empty or frame.iloc[0]["capex"] is None:
        pytest.skip("the embedded data has no Alibaba capex for FY2026 Q1")
    row = frame.iloc[0]
    assert row["currency"] == "CNY"
    assert Decimal("38.5") * BILLION <= row["capex"] <= Decimal("38.7") * BILLION
    if row["capex_usd"] is not None:
        assert row["fx_name"]


def test_embedded_peers_for_calendar_q2_2025(embedded_store: FactStore) -> None:
    frame = peer_quarter(embedded_store, "CY2025Q2")
    assert list(frame["entity"]) == [e.id for e in default_registry().covered()]
    with_capex = frame[frame["capex"].notna()]
    if with_capex.empty:
        pytest.skip("no embedded capex for calendar 2025 Q2")
    assert (with_capex["missing"].map(lambda m: isinstance(m, str))).all()
    # every figure cites stored facts
    for ids in with_capex["capex_facts"]:
        assert all(embedded_store.fact_by_id(i) is not None for i in ids.split(";"))


def test_usd_converter_from_embedded_store(embedded_store: FactStore) -> None:
    conv = UsdConverter.from_store(embedded_store)
    usd = conv.to_usd(Money(Decimal(5), "USD"), default_registry().resolve("MSFT"),
                      FiscalCalendar(6).quarter(2025, 4))  # fmt: skip
    assert usd.usd == Money(Decimal(5), "USD") and usd.quote is None


def test_fiscal_year_in_usd_at_the_mean_of_quarterly_averages() -> None:
    ecb = Source("https://www.ecb.europa.eu/stats/", "ECB reference rates (quarterly table)",
                 "European Central Bank", date(2025, 7, 1), SourceKind.CENTRAL_BANK)  # fmt: skip
    ends = [date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)]
    rates = [
        FxRate("USD", "CNY", end, Decimal(v), ecb, "quarter_average", "",
               f"ECB euro reference rate, mean of 60 days {end.replace(day=1)}..{end}")
        for end, v in zip(ends, ("7.1", "7.2", "7.3", "7.4"), strict=True)
    ]  # fmt: skip
    conv = UsdConverter(rates)
    tencent = default_registry().resolve("TCEHY")
    year = conv.to_usd(Money(Decimal(730), "CNY"), tencent, FiscalCalendar(12).year(2024))
    assert year.quote is not None and year.quote.rate == Decimal("7.25")
    assert year.usd == Money(Decimal("100.69"), "USD")
    assert "mean of the 4 quarterly average rates" in year.quote.method
    quarter = conv.to_usd(Money(Decimal(71), "CNY"), tencent, FiscalCalendar(12).quarter(2024, 1))
    assert quarter.quote is not None and quarter.quote.rate == Decimal("7.1")
    with pytest.raises(FxError, match=r"no reference rate covering 2025-01-01\.\.2025-03-31"):
        conv.to_usd(Money(Decimal(1), "CNY"), tencent, FiscalCalendar(12).quarter(2025, 1))


# --------------------------------------------------------------------------- CLI


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file built once from the embedded data for the CLI tests."""
    return tmp_path_factory.mktemp("cli-analysis") / "store.duckdb"


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from capexlens.cli import app

    result = CliRunner().invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.output


def test_cli_compare_json_lists_the_eight(cli_db: Path) -> None:
    code, out, _ = cli(cli_db, "compare", "--metric", "capex", "--period", "2025Q2", "-f", "json")
    assert code == 0, out
    rows = json.loads(out)
    assert [r["entity"] for r in rows] == [e.id for e in default_registry().covered()]
    assert {r["calendar_label"] for r in rows} == {"CY2025Q2"}
    assert all("value_facts" in r for r in rows)


def test_cli_pacing_and_guidance_csv(cli_db: Path) -> None:
    code, out, _ = cli(cli_db, "pacing", "BABA", "--through", "FY2026Q1", "-f", "csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    if not rows:
        pytest.skip("no Alibaba pledge in the embedded data")
    assert rows[-1]["fiscal_label"] == "FY2026 Q1" and rows[-1]["quarters_left"] == "11"
    code, out, _ = cli(cli_db, "guidance", "GOOGL", "-f", "csv")
    assert code == 0, out


def test_cli_payback_prints_assumptions(cli_db: Path) -> None:
    code, out, both = cli(cli_db, "payback", "BABA", "--capex", "RMB120 billion",
                          "--useful-life", "4", "--margin", "40", "-f", "json")  # fmt: skip
    assert code == 0, both
    rows = json.loads(out)
    assert [r["depreciation"] for r in rows] == [30000000000] * 4
    assert rows[0]["revenue_needed"] == 75000000000
    assert "straight-line over 4 years" in both and "Margin: 40%" in both
    code, _, both = cli(cli_db, "payback", "BABA", "--margin", "0")
    assert code == 2 and "--margin must be above 0" in both


def test_cli_brief_writes_the_file(cli_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    code, out, both = cli(cli_db, "brief", "BABA", "--period", "2025Q2", "--format", "html",
                          "--out", str(target))  # fmt: skip
    assert code == 0, both
    assert out.strip() == str(target) and target.read_text().startswith("<!DOCTYPE html>")
    code, _, both = cli(cli_db, "brief", "BABA", "--period", "FY2025")
    assert code == 2 and "a brief covers one quarter" in both
