"""Verdicts: tolerance from printed precision, reasons, and the golden rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from capexlens.claims._evidence import Bounds, claim_bounds, fact_bounds, printed_ulp
from capexlens.claims.check import check_article
from capexlens.models import (
    Claim,
    ClaimKind,
    Fact,
    FxRate,
    Period,
    Reason,
    Source,
    SourceKind,
    Verdict,
    VerdictLabel,
)
from capexlens.periods import FiscalCalendar
from capexlens.store import FactStore

BABA = FiscalCalendar(3)
Q1 = BABA.quarter(2026, 1)  # April-June 2025
CY25Q2 = FiscalCalendar(12).quarter(2025, 2)  # the same months for a December year-end
RELEASE = Source(
    "https://example.com/release",
    "Results",
    "Example Group",
    date(2025, 8, 29),
    SourceKind.EARNINGS_RELEASE,
)
NEWS = Source(
    "https://example.com/news", "News", "Example News", date(2025, 8, 29), SourceKind.NEWS
)


def fact(
    metric: str,
    value: str,
    unit: str,
    printed: str,
    *,
    period: Period = Q1,
    entity: str = "BABA",
    segment: str = "",
    source: Source = RELEASE,
    known: date = date(2025, 8, 29),
) -> Fact:
    return Fact(
        entity,
        metric,
        period,
        Decimal(value),
        unit,
        printed,
        source,
        "test",
        "basis",
        known,
        segment,
    )


def meta_plan(low: str, high: str, printed: str, known: date, year: int = 2025) -> Fact:
    """One version of Meta's capex plan for ``year``, a range published on ``known``."""
    plan = fact("capex_guidance", low, "USD", printed, period=FiscalCalendar(12).year(year),
                entity="META", known=known)  # fmt: skip
    return replace(plan, value_high=Decimal(high))


def rate(day: date, value: str) -> FxRate:
    return FxRate("USD", "CNY", day, Decimal(value), RELEASE, kind="convenience")


def verdicts(store: FactStore, text: str, as_of: date = date(2025, 8, 29)) -> dict[str, Verdict]:
    """Verdict of each claim, by the claim's text."""
    report = check_article(store, text, as_of=as_of)
    return {v.claim.text: v for v in report.verdicts}


# --- intervals ------------------------------------------------------------------------------


def test_printed_ulp_reads_the_last_digit_in_base_units() -> None:
    assert printed_ulp("RMB247,652 million", Decimal("247652e6")) == Decimal("1e6")
    assert printed_ulp("12.0%", Decimal(12)) == Decimal("0.1")
    assert printed_ulp("3,800亿元", Decimal("380e9")) == Decimal("1e8")


def test_truncated_and_rounded_figures_agree_with_the_exact_one() -> None:
    exact = fact("capex", "38680000000", "CNY", "RMB 38.68 billion")
    claim = Claim(
        "38.6 billion",
        (0, 12),
        ClaimKind.AMOUNT,
        Decimal("38.6e9"),
        "CNY",
        as_printed="38.6 billion",
    )
    b = claim_bounds(claim)
    assert b is not None and b.meets(fact_bounds(exact))
    eleven = Claim("11%", (0, 3), ClaimKind.GROWTH, Decimal(11), "percent", as_printed="11%")
    ten = fact("revenue_growth_yoy", "10", "percent", "10%")
    b11 = claim_bounds(eleven)
    assert b11 is not None and not b11.meets(fact_bounds(ten))  # 11% cannot round from 10%


def test_a_plus_sign_is_no_floor_but_a_trailing_plus_is() -> None:
    # "+17%" is a signed rate, exact to its digits; "5,000+" is at least 5,000
    signed = fact_bounds(fact("revenue_growth_yoy", "17", "percent", "+17%"))
    assert signed.hi <= Decimal("18")
    floor = fact_bounds(fact("customers", "5000", "count", "5,000+"))
    assert floor.hi > Decimal("5500")


def test_two_approximations_do_not_stretch_a_digit_apart() -> None:
    # "about $38 billion" against a copy's "approximately $35B": 8% apart, no match
    claim = Claim(
        "about $38 billion",
        (0, 17),
        ClaimKind.AMOUNT,
        Decimal("38e9"),
        "USD",
        qualifiers=("approx",),
        as_printed="$38 billion",
    )
    plan = fact("capex_guidance", "35000000000", "USD", "approximately $35B", source=NEWS)
    b = claim_bounds(claim)
    assert b is not None and not b.meets(fact_bounds(plan))


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=Decimal("1"), max_value=Decimal("99999"), places=4),
    st.integers(min_value=0, max_value=2),
    st.booleans(),
)
def test_a_figure_printed_from_the_truth_is_never_out_of_bounds(
    truth: Decimal, decimals: int, truncate: bool
) -> None:
    """Whatever the value and precision, rounding or truncating it gives a claim whose
    interval meets the exact fact's: a correct figure is never contradicted."""
    step = Decimal(10) ** -decimals
    printed = (truth // step) * step if truncate else truth.quantize(step, ROUND_HALF_UP)
    claim = Claim(
        f"{printed} billion",
        (0, 1),
        ClaimKind.AMOUNT,
        printed * 10**9,
        "CNY",
        as_printed=f"{printed} billion",
    )
    f = fact("capex", str(truth * 10**9), "CNY", f"RMB {truth} billion")
    b = claim_bounds(claim)
    assert b is not None and b.meets(fact_bounds(f))


def test_bounds_meet_only_when_they_overlap() -> None:
    assert Bounds(Decimal(1), Decimal(2)).meets(Bounds(Decimal("1.5"), Decimal(3)))
    assert not Bounds(Decimal(1), Decimal(2)).meets(Bounds(Decimal(2), Decimal(3)))


# --- verdicts against the store ---------------------------------------------------------------


def test_supported_within_printed_precision(store: FactStore) -> None:
    store.add_facts(
        [
            fact("capex", "38680000000", "CNY", "RMB 38.68 billion"),
            fact("revenue", "247795000000", "CNY", "RMB247,795 million"),
        ],
        origin="test",
    )
    v = verdicts(
        store,
        "Alibaba's capex was 38.6 billion RMB in the June quarter 2025, and "
        "its revenue was RMB247.8 billion in the June quarter 2025.",
    )
    assert v["38.6 billion RMB"].label is VerdictLabel.SUPPORTED
    assert v["RMB247.8 billion"].label is VerdictLabel.SUPPORTED


def test_contradicted_with_expected_value_and_evidence(store: FactStore) -> None:
    store.add_facts([fact("capex", "38680000000", "CNY", "RMB 38.68 billion")], origin="test")
    v = verdicts(store, "Alibaba's capex was RMB45.1 billion in the June quarter 2025.")
    got = v["RMB45.1 billion"]
    assert got.label is VerdictLabel.CONTRADICTED
    assert got.expected_value == Decimal("38680000000")
    assert got.evidence[0].fact.source.url == RELEASE.url


def test_no_fact_for_the_period_is_unverifiable_not_contradicted(store: FactStore) -> None:
    store.add_facts([fact("capex", "38680000000", "CNY", "RMB 38.68 billion")], origin="test")
    v = verdicts(store, "Alibaba's capex was RMB99 billion in fiscal year 2023.")
    assert v["RMB99 billion"].label is VerdictLabel.UNVERIFIABLE


def test_untracked_metric_is_unverifiable(store: FactStore) -> None:
    store.add_facts([fact("revenue", "247652000000", "CNY", "RMB247,652 million")], origin="t")
    v = verdicts(store, "Alibaba's gross profit was RMB43.1 billion in the June quarter 2025.")
    assert v["RMB43.1 billion"].label is VerdictLabel.UNVERIFIABLE


def test_wrong_currency_and_scale_error(store: FactStore) -> None:
    store.add_facts(
        [fact("capex", "38680000000", "CNY", "RMB 38.68 billion")],
        origin="test",
        fx_rates=[rate(date(2025, 6, 30), "7.1636")],
    )
    v = verdicts(
        store,
        "Alibaba's capex was US$38.68 billion in the June quarter 2025. "
        "Alibaba's capex was RMB3.868 billion in the June quarter 2025.",
    )
    assert v["US$38.68 billion"].reasons == (Reason.WRONG_CURRENCY,)
    assert v["RMB3.868 billion"].reasons == (Reason.SCALE_ERROR,)


def test_converted_figure_is_supported(store: FactStore) -> None:
    store.add_facts(
        [fact("capex", "38680000000", "CNY", "RMB 38.68 billion")],
        origin="test",
        fx_rates=[rate(date(2025, 6, 30), "7.1636")],
    )
    v = verdicts(store, "Alibaba's capex was US$5.4 billion in the June quarter 2025.")
    assert v["US$5.4 billion"].label is VerdictLabel.SUPPORTED


def test_period_mismatch_names_the_period(store: FactStore) -> None:
    year = Period(date(2024, 7, 1), date(2025, 6, 30), "FY2025")
    q4 = Period(date(2025, 4, 1), date(2025, 6, 30), "FY2025 Q4")
    store.add_facts(
        [
            fact("revenue_growth_yoy", "15", "percent", "15%", entity="MSFT", period=year),
            fact("revenue_growth_yoy", "18", "percent", "18%", entity="MSFT", period=q4),
        ],
        origin="test",
    )
    v = verdicts(store, "Microsoft's revenue grew 18% in fiscal year 2025.", date(2025, 7, 31))
    got = v["grew 18%"]
    assert got.label is VerdictLabel.CONTRADICTED
    assert got.reasons == (Reason.PERIOD_MISMATCH,)
    assert "FY2025 Q4" in got.explanation


def test_misattribution_finds_a_sum_of_two_metrics(store: FactStore) -> None:
    fy = BABA.year(2025)
    store.add_facts(
        [
            fact("share_repurchases", "11900000000", "USD", "US$11.9 billion", period=fy),
            fact("dividends", "4600000000", "USD", "US$4.6 billion", period=fy),
        ],
        origin="test",
    )
    v = verdicts(store, "In fiscal year 2025, Alibaba repurchased $16.5 billion of shares.")
    got = v["$16.5 billion"]
    assert got.reasons == (Reason.MISATTRIBUTION,)
    assert "US$4.6 billion" in got.explanation


def test_superseded_guidance_is_stale(store: FactStore) -> None:
    fy = FiscalCalendar(12).year(2025)
    early = Source(
        "https://example.com/feb", "Feb", "Alphabet", date(2025, 2, 5), SourceKind.EARNINGS_RELEASE
    )
    store.add_facts(
        [
            fact(
                "capex_guidance",
                "75000000000",
                "USD",
                "$75 billion",
                entity="GOOGL",
                period=fy,
                source=early,
                known=date(2025, 2, 5),
            ),
            fact(
                "capex_guidance",
                "85000000000",
                "USD",
                "$85 billion",
                entity="GOOGL",
                period=fy,
                known=date(2025, 7, 23),
            ),
        ],
        origin="test",
    )
    v = verdicts(store, "Alphabet expects to spend $75 billion in 2025.", date(2025, 9, 1))
    assert v["$75 billion"].reasons == (Reason.STALE,)
    before = verdicts(store, "Alphabet expects to spend $75 billion in 2025.", date(2025, 3, 1))
    assert before["$75 billion"].label is VerdictLabel.SUPPORTED


# --- the article's own words ------------------------------------------------------------------


def test_two_currencies_on_one_figure(store: FactStore) -> None:
    store.add_facts([], origin="test", fx_rates=[rate(date(2025, 6, 30), "7.1636")])
    v = verdicts(store, "Alibaba invested $38.6 billion RMB over the past quarter.")
    got = v["$38.6 billion RMB"]
    assert got.reasons == (Reason.CURRENCY_CONFLICT,)
    assert "US$5.4 billion" in got.explanation


def test_conversion_against_the_rate_of_the_day(store: FactStore) -> None:
    store.add_facts([], origin="test", fx_rates=[rate(date(2025, 6, 30), "7.1636")])
    good = verdicts(store, "Alibaba plans a $53 billion (RMB380 billion) programme.")
    assert good["RMB380 billion"].label is VerdictLabel.SUPPORTED
    bad = verdicts(store, "Alibaba plans a $60 billion (RMB380 billion) programme.")
    got = bad["RMB380 billion"]
    assert got.reasons == (Reason.CONVERSION_MISMATCH,)
    assert "RMB430 billion" in got.explanation


def test_growth_against_its_own_figures(store: FactStore) -> None:
    report = check_article(
        store,
        "Capex rose 50% from $10 billion to $12 billion. Capex more than doubled from "
        "$5 billion to $11 billion.",
        as_of=date(2025, 8, 29),
    )
    by_text = {v.claim.text: v for v in report.verdicts}
    rose = next(v for k, v in by_text.items() if "50%" in k)
    assert rose.reasons == (Reason.ARITHMETIC,)
    doubled = next(v for k, v in by_text.items() if "doubled" in k)
    assert doubled.label is VerdictLabel.SUPPORTED


def test_a_percentage_at_the_issuers_precision_is_read_as_rounded(store: FactStore) -> None:
    store.add_facts(
        [fact("segment_revenue_growth_yoy", "27", "percent", "27%", segment="BABA.CLOUD")],
        origin="test",
    )
    text = "Alibaba's cloud revenue grew {} in the June quarter 2025."

    def label(figure: str) -> VerdictLabel:
        (v,) = verdicts(store, text.format(figure)).values()
        return v.label

    assert label("27%") is VerdictLabel.SUPPORTED
    # 26.6% truncates to 26, but the company itself printed 27%: 26% is not its figure
    assert label("26%") is VerdictLabel.CONTRADICTED
    # a finer figure still stands for what it rounds or truncates to; "about" widens
    assert label("26.8%") is VerdictLabel.SUPPORTED
    assert label("about 26%") is VerdictLabel.SUPPORTED


def test_a_news_copy_of_a_percentage_may_still_have_truncated(store: FactStore) -> None:
    store.add_facts(
        [
            fact(
                "segment_revenue_growth_yoy",
                "27",
                "percent",
                "27%",
                segment="BABA.CLOUD",
                source=NEWS,
            )
        ],
        origin="test",
    )
    v = verdicts(store, "Alibaba's cloud revenue grew 26% in the June quarter 2025.")
    assert v["grew 26%"].label is VerdictLabel.SUPPORTED


def test_a_ceiling_does_not_meet_a_floor_at_the_same_figure(store: FactStore) -> None:
    store.add_facts(
        [fact("capex_guidance", "50000000000", "CNY", "more than RMB50 billion",
              known=date(2025, 5, 15))],
        origin="test",
    )  # fmt: skip
    text = "Alibaba expects capex of {} in the June quarter 2025."

    def label(figure: str) -> VerdictLabel:
        (v,) = verdicts(store, text.format(figure), as_of=date(2025, 5, 20)).values()
        return v.label

    assert label("up to RMB50 billion") is VerdictLabel.CONTRADICTED
    assert label("more than RMB50 billion") is VerdictLabel.SUPPORTED
    assert label("up to RMB55 billion") is VerdictLabel.SUPPORTED
    # a copy that dropped the "more than" does not turn the ceiling right
    store.add_facts(
        [fact("capex_guidance", "50000000000", "CNY", "RMB50 billion", source=NEWS,
              known=date(2025, 5, 16))],
        origin="test",
    )  # fmt: skip
    assert label("up to RMB50 billion") is VerdictLabel.CONTRADICTED
    assert label("RMB50 billion") is VerdictLabel.SUPPORTED


# --- income statement and per-share figures -------------------------------------------------


def test_net_income_is_borne_out_by_the_attributable_figure(store: FactStore) -> None:
    # Articles often call the attributable figure "net income"; either stored one may agree.
    store.add_facts(
        [
            fact("net_income", "46434000000", "CNY", "RMB46,434 million"),
            fact("net_income_attributable", "48945000000", "CNY", "RMB48,945 million"),
        ],
        origin="test",
    )
    v = verdicts(store, "Alibaba said net income was RMB48.9 billion in the June quarter of 2025.")
    assert v["RMB48.9 billion"].label is VerdictLabel.SUPPORTED
    v = verdicts(store, "Alibaba said net income was RMB55.2 billion in the June quarter of 2025.")
    assert v["RMB55.2 billion"].label is VerdictLabel.CONTRADICTED


def test_diluted_eps_within_printed_precision_and_never_against_a_share_price(
    store: FactStore,
) -> None:
    store.add_facts(
        [fact("diluted_eps", "2.06", "CNY/share", "RMB2.06", entity="BABA")], origin="test"
    )
    v = verdicts(
        store,
        "Alibaba's diluted earnings per ADS were RMB2.06 in the June quarter of 2025, while its "
        "stock price closed at RMB150 per share.",
    )
    assert v["RMB2.06"].label is VerdictLabel.SUPPORTED
    assert v["RMB150"].label is VerdictLabel.UNVERIFIABLE


def test_a_derived_figure_contradicts_only_beyond_its_stated_tolerance(store: FactStore) -> None:
    approx = fact("capex", "2922000000", "CNY", "").with_(
        derivation="OCF - FCF from rounded inputs", tolerance=Decimal("150000000")
    )
    store.add_facts([approx], origin="test")
    v = verdicts(store, "Alibaba's capex was RMB3.0 billion in the June quarter of 2025.")
    assert v["RMB3.0 billion"].label is VerdictLabel.SUPPORTED
    v = verdicts(store, "Alibaba's capex was RMB3.4 billion in the June quarter of 2025.")
    assert v["RMB3.4 billion"].label is VerdictLabel.CONTRADICTED


def test_operating_margin_is_a_level_not_a_growth(store: FactStore) -> None:
    store.add_facts([fact("operating_margin", "11.4", "percent", "11.4%")], origin="test")
    v = verdicts(store, "In the June quarter of 2025 Alibaba's operating margin was 13.0%.")
    assert v["13.0%"].label is VerdictLabel.CONTRADICTED
    assert v["13.0%"].expected_value == Decimal("11.4")


def test_an_adjusted_figure_without_adjusted_facts_is_only_ever_supported(
    store: FactStore,
) -> None:
    store.add_facts([fact("diluted_eps", "2.06", "CNY/share", "RMB2.06")], origin="test")
    text = "In the June quarter of 2025 Alibaba's adjusted EPS of RMB{} per ADS beat estimates."
    assert verdicts(store, text.format("2.06"))["RMB2.06"].label is VerdictLabel.SUPPORTED
    # a different adjusted figure may well be right: the store cannot rule it out
    assert verdicts(store, text.format("2.51"))["RMB2.51"].label is VerdictLabel.UNVERIFIABLE


def test_a_rate_ten_times_the_store_s_is_no_scale_slip(store: FactStore) -> None:
    store.add_facts([fact("operating_income_growth_yoy", "14", "percent", "14%")], origin="t")
    v = verdicts(store, "In the June quarter of 2025 Alibaba's operating income grew 141%.")
    assert v["grew 141%"].label is VerdictLabel.UNVERIFIABLE
    assert Reason.SCALE_ERROR not in v["grew 141%"].reasons


def test_every_figure_of_a_consensus_estimate_is_an_estimate(store: FactStore) -> None:
    store.add_facts([fact("diluted_eps", "1.47", "USD/share", "$1.47")], origin="t")
    v = verdicts(
        store,
        "In the June quarter of 2025, analysts' consensus estimates were calling for revenue "
        "of $15 billion and EPS of $1.48 for Alibaba.",
    )
    assert v["$1.48"].label is VerdictLabel.UNVERIFIABLE


def test_an_unqualified_figure_of_a_headline_non_gaap_measure(store: FactStore) -> None:
    store.add_facts(
        [
            fact(metric, value, "CNY", printed, entity=entity, period=CY25Q2)
            for entity in ("TCEHY", "BIDU")  # the same figures: only the company differs
            for metric, value, printed in (
                ("operating_income", "60104000000", "RMB60,104m"),
                ("operating_income_non_gaap", "69248000000", "RMB69,248m"),
            )
        ],
        origin="test",
    )
    text = "{} said operating profit rose to 69.2 billion yuan in Q2 2025, beating estimates."
    v = verdicts(store, text.format("Tencent"))["69.2 billion yuan"]
    # Tencent's release leads with the non-IFRS figure: the unqualified name means it
    assert v.label is VerdictLabel.SUPPORTED and "GAAP figure is RMB60,104m" in v.explanation
    # a company that leads with its GAAP figure: the text may mean either
    assert verdicts(store, text.format("Baidu"))["69.2 billion yuan"].label is (
        VerdictLabel.AMBIGUOUS
    )


def test_a_segment_share_of_revenue_is_computed_from_the_two_levels(store: FactStore) -> None:
    store.add_facts(
        [
            fact("revenue", "184504000000", "CNY", "RMB184,504m", entity="TCEHY", period=CY25Q2),
            fact(
                "segment_revenue",
                "91400000000",
                "CNY",
                "RMB91.4bn",
                entity="TCEHY",
                segment="TCEHY.VAS",
                period=CY25Q2,
            ),
        ],
        origin="test",
    )
    text = "In Q2 2025 Tencent's value-added services business made up {} of total revenue."
    v = verdicts(store, text.format("about half"))["about half of total"]
    assert v.label is VerdictLabel.SUPPORTED and v.claim.metric == "segment_revenue_share"
    assert v.evidence[0].fact.derived_from  # computed, and says from what
    # 49.5% is not "over half": a worded floor is exact, and fits no other period's figure
    v = verdicts(store, text.format("over half"))["over half of total"]
    assert v.label is VerdictLabel.CONTRADICTED and Reason.PERIOD_MISMATCH not in v.reasons
    assert verdicts(store, text.format("49%"))["49%"].label is VerdictLabel.SUPPORTED


def test_quarterly_profit_tripling_against_either_net_income(store: FactStore) -> None:
    q3, q3_before = BABA.quarter(2025, 3), BABA.quarter(2024, 3)
    store.add_facts(
        [
            fact("net_income", "46434000000", "CNY", "RMB46,434m", period=q3),
            fact("net_income", "10716000000", "CNY", "RMB10,716m", period=q3_before),
            fact("net_income_attributable", "48945000000", "CNY", "RMB48,945m", period=q3),
            fact("net_income_attributable", "14433000000", "CNY", "RMB14,433m", period=q3_before),
        ],
        origin="test",
    )
    text = "Alibaba said its December-quarter 2024 quarterly profit jumped more than {}-fold."
    # 4.3-fold (net income) and 3.4-fold (attributable) both bear out "more than three-fold"
    assert verdicts(store, text.format("three"))["more than three-fold"].label is (
        VerdictLabel.SUPPORTED
    )
    assert verdicts(store, text.format("six"))["more than six-fold"].label is (
        VerdictLabel.CONTRADICTED
    )


def test_an_adjusted_figure_of_a_gaap_only_company_is_its_reported_figure(
    store: FactStore,
) -> None:
    store.add_facts(
        [fact("diluted_eps", "1.68", "USD/share", "$1.68", entity="AMZN", period=CY25Q2)],
        origin="test",
    )
    text = "Amazon reported adjusted EPS of ${} in Q2 2025."
    v = verdicts(store, text.format("1.68"))["$1.68"]
    assert v.label is VerdictLabel.SUPPORTED and "publishes no adjusted" in v.explanation
    # unlike a company that may publish one the store lacks, this can be contradicted
    assert verdicts(store, text.format("1.88"))["$1.88"].label is VerdictLabel.CONTRADICTED


def test_a_base_that_names_the_wrong_period_of_its_own(store: FactStore) -> None:
    cal = FiscalCalendar(12)
    store.add_facts(
        [
            fact(
                "net_income",
                "13500000000",
                "USD",
                "$13.5 billion",
                entity="AMZN",
                period=cal.quarter(2024, 2),
            ),
            fact(
                "net_income",
                "6700000000",
                "USD",
                "$6.7 billion",
                entity="AMZN",
                period=cal.quarter(2023, 2),
            ),
        ],
        origin="test",
    )
    text = "Amazon's net income rose to $18.2 billion, compared to $13.5 billion in Q2 {}."
    assert verdicts(store, text.format(2024))["$13.5 billion"].label is VerdictLabel.SUPPORTED
    v = verdicts(store, text.format(2023))["$13.5 billion"]
    assert v.label is VerdictLabel.CONTRADICTED and v.reasons == (Reason.PERIOD_MISMATCH,)
    assert "FY2024 Q2" in v.explanation


def test_a_rate_of_the_segment_named_just_before_it_is_that_segment_s(store: FactStore) -> None:
    store.add_facts(
        [
            fact(
                "segment_revenue_growth_yoy",
                "16",
                "percent",
                "16%",
                entity="TCEHY",
                segment="TCEHY.VAS",
                period=CY25Q2,
            ),
            fact(
                "segment_revenue_growth_yoy",
                "20",
                "percent",
                "20%",
                entity="TCEHY",
                segment="TCEHY.MARKETING",
                period=CY25Q2,
            ),
        ],
        origin="test",
    )
    text = (
        "In Q2 2025 Tencent's Value-added Services revenue rose 16%, and revenue from "
        "Marketing Services was up 16%."
    )
    v = verdicts(store, text, as_of=date(2025, 8, 14))["up 16%"]
    assert v.label is VerdictLabel.CONTRADICTED and v.reasons == (Reason.MISATTRIBUTION,)


def test_a_currency_effect_of_the_wrong_sign_is_contradicted(store: FactStore) -> None:
    store.add_facts(
        [
            fact(
                "revenue_fx_impact",
                "1500000000",
                "USD",
                "$1.5 billion",
                entity="AMZN",
                period=CY25Q2,
            )
        ],
        origin="test",
    )
    text = "In Q2 2025 Amazon's sales had a $1.5 billion {} impact from foreign exchange rates."
    assert verdicts(store, text.format("favorable"))["$1.5 billion"].label is (
        VerdictLabel.SUPPORTED
    )
    v = verdicts(store, text.format("unfavorable"))["$1.5 billion"]
    assert v.label is VerdictLabel.CONTRADICTED and "the sign is wrong" in v.explanation


def test_a_rate_equal_to_another_unnamed_rate_is_no_misattribution(store: FactStore) -> None:
    store.add_facts(
        [
            fact(
                "segment_revenue_growth_yoy",
                "17.5",
                "percent",
                "17.5%",
                entity="AMZN",
                segment="AMZN.AWS",
                period=CY25Q2,
            ),
            fact(
                "segment_revenue_growth_yoy",
                "23",
                "percent",
                "23%",
                entity="AMZN",
                segment="AMZN.ADS",
                period=CY25Q2,
            ),
        ],
        origin="test",
    )
    v = verdicts(store, "In Q2 2025 Amazon's AWS sales grew 23%.", as_of=date(2025, 8, 1))
    # contradicted, but 23% is advertising's rate only by chance: the text never names ads
    assert v["grew 23%"].label is VerdictLabel.CONTRADICTED and not v["grew 23%"].reasons


def test_a_run_rate_is_the_quarters_pace_not_the_years_revenue(store: FactStore) -> None:
    gq2 = FiscalCalendar(12).quarter(2025, 2)
    store.add_facts(
        [
            fact("segment_revenue", "13600000000", "USD", "$13.6 billion", period=gq2,
                 entity="GOOGL", segment="GOOGL.CLOUD"),
            fact("segment_revenue_run_rate", "50000000000", "USD", "more than $50 billion",
                 period=gq2, entity="GOOGL", segment="GOOGL.CLOUD"),
        ],
        origin="test",
    )  # fmt: skip
    text = (
        "Google Cloud's annual revenue run-rate is now more than $50 billion. "
        "Its revenue of $13.6 billion put Google Cloud on track for $54 billion in annual "
        "revenue. Google Cloud's run rate topped $40 billion. "
        "Alphabet said its run rate was $60 billion."
    )
    v = verdicts(store, text)
    assert v["more than $50 billion"].label is VerdictLabel.SUPPORTED
    assert v["more than $50 billion"].claim.period == gq2  # "annual" is the pace, not FY2025
    assert v["$54 billion"].claim.metric == "segment_revenue_run_rate"
    assert v["$54 billion"].label is VerdictLabel.SUPPORTED  # above the floor
    assert v["$40 billion"].label is VerdictLabel.CONTRADICTED
    # a run rate of the whole company: the store holds run rates per unit only
    assert v["$60 billion"].label is VerdictLabel.UNVERIFIABLE
    assert "per business unit" in v["$60 billion"].explanation


def test_a_backlog_is_the_segments_when_the_segment_is_named(store: FactStore) -> None:
    gq3 = FiscalCalendar(12).quarter(2025, 3)
    rpo = "remaining_performance_obligations"
    store.add_facts(
        [
            fact(rpo, "155000000000", "USD", "$155 billion", period=gq3, entity="GOOGL",
                 segment="GOOGL.CLOUD", known=date(2025, 10, 29)),
            fact(rpo, "200000000000", "USD", "$200 billion", period=gq3, entity="AMZN",
                 segment="AMZN.AWS", known=date(2025, 10, 30)),
        ],
        origin="test",
    )  # fmt: skip
    text = (
        "Google Cloud's backlog reached $155 billion in the third quarter. "
        "AWS backlog grew to $190 billion by the end of the third quarter. "
        "Amazon's backlog was $200 billion in the third quarter."
    )
    v = verdicts(store, text, as_of=date(2025, 11, 3))
    assert v["$155 billion"].label is VerdictLabel.SUPPORTED
    assert v["$155 billion"].claim.segment == "GOOGL.CLOUD"
    assert v["$190 billion"].label is VerdictLabel.CONTRADICTED
    # the company's own backlog is not its cloud unit's: no figure, no verdict
    assert v["$200 billion"].claim.segment == ""
    assert v["$200 billion"].label is not VerdictLabel.SUPPORTED


def test_guided_growth_of_a_quarter_without_a_year_is_the_coming_quarter(
    store: FactStore,
) -> None:
    msft = FiscalCalendar(6)
    store.add_facts(
        [
            fact("segment_revenue_guidance_growth_yoy", "37", "percent", "approximately 37%",
                 period=msft.quarter(2026, 1), entity="MSFT", segment="MSFT.AZURE",
                 source=NEWS, known=date(2025, 7, 30)),
        ],
        origin="test",
    )  # fmt: skip
    text = (
        "Microsoft guided Azure revenue growth of 35% for the September quarter. "
        "Microsoft expects Azure growth of about 37% in the September quarter."
    )
    v = verdicts(store, text, as_of=date(2025, 7, 31))
    assert v["growth of 35%"].claim.period == msft.quarter(2026, 1)
    # a copy's "approximately 37%" is the issuer's guidance word: 35% is another figure
    assert v["growth of 35%"].label is VerdictLabel.CONTRADICTED
    assert v["growth of about 37%"].label is VerdictLabel.SUPPORTED


def test_a_base_said_to_be_a_year_earlier_is_not_read_as_last_quarters(
    store: FactStore,
) -> None:
    tq = FiscalCalendar(12)
    store.add_facts(
        [
            fact("operating_margin", "38", "percent", "38%", period=tq.quarter(2025, 2),
                 entity="TCEHY"),
            fact("operating_margin", "40", "percent", "40%", period=tq.quarter(2025, 1),
                 entity="TCEHY"),
            fact("operating_margin", "36", "percent", "36%", period=tq.quarter(2024, 2),
                 entity="TCEHY"),
        ],
        origin="test",
    )  # fmt: skip
    text = (
        "Tencent's operating margin rose to 38% in the second quarter of 2025, compared to "
        "40% in the same period last year."
    )
    v = verdicts(store, text)
    assert v["40%"].label is VerdictLabel.CONTRADICTED  # the year-ago margin was 36%
    assert v["40%"].expected_value == Decimal("36")


def test_a_forecast_is_not_checked_against_the_actual_published_later(
    store: FactStore,
) -> None:
    q3 = FiscalCalendar(12).quarter(2025, 3)
    store.add_facts(
        [fact("revenue", "51242000000", "USD", "$51,242 million", period=q3, entity="META",
              known=date(2025, 10, 29))],
        origin="test",
    )  # fmt: skip
    text = "Meta expects third-quarter 2025 revenue in a range of $47.5 billion to $50.5 billion."
    v = verdicts(store, text, as_of=date(2025, 7, 31))
    verdict = v["$47.5 billion to $50.5 billion"]
    assert verdict.label is VerdictLabel.UNVERIFIABLE
    assert "forecast" in verdict.explanation


def test_a_plan_matching_only_a_later_revision_is_ambiguous(store: FactStore) -> None:
    store.add_facts(
        [
            meta_plan("64000000000", "72000000000", "$64-72 billion", date(2025, 4, 30)),
            meta_plan("70000000000", "72000000000", "$70-72 billion", date(2025, 10, 29)),
        ],
        origin="test",
    )  # fmt: skip
    rows = store.facts(entity="META", latest=False)
    assert len(rows) == 2
    text = "Meta now expects 2025 capital expenditures of $70-72 billion."
    early = verdicts(store, text, as_of=date(2025, 5, 2))["$70-72 billion"]
    assert early.label is VerdictLabel.AMBIGUOUS  # in May the plan was $64-72 billion
    assert early.expected_value == Decimal("64000000000")
    late = verdicts(store, text, as_of=date(2025, 11, 1))["$70-72 billion"]
    assert late.label is VerdictLabel.SUPPORTED


def test_a_named_unit_the_store_lacks_is_never_the_companys_figure(store: FactStore) -> None:
    gq2 = FiscalCalendar(12).quarter(2025, 2)
    store.add_facts(
        [
            fact("revenue", "96400000000", "USD", "$96.4 billion", period=gq2, entity="GOOGL"),
            fact("revenue_growth_yoy", "14", "percent", "14%", period=gq2, entity="GOOGL"),
        ],
        origin="test",
    )  # fmt: skip
    text = (
        "In the second quarter of 2025, Alphabet's revenue from Google Search was about $54.2 "
        "billion, a 12 percent increase. Its search revenue grew 12%."
    )
    v = verdicts(store, text)
    for claim in ("about $54.2 billion", "12 percent increase", "grew 12%"):
        assert v[claim].label is VerdictLabel.UNVERIFIABLE, claim


def test_growth_arithmetic_pairs_only_figures_of_one_metric(store: FactStore) -> None:
    gq2 = FiscalCalendar(12).quarter(2025, 2)
    store.add_facts(
        [
            fact("net_income", "28196000000", "USD", "$28,196 million", period=gq2,
                 entity="GOOGL"),
            fact("net_income_growth_yoy", "19", "percent", "19%", period=gq2, entity="GOOGL"),
        ],
        origin="test",
    )  # fmt: skip
    text = (
        "Alphabet's second quarter of 2025 in numbers. Net income: $28.2 bn (+19% YoY); "
        "diluted EPS: $2.31 vs. $2.18 consensus."
    )
    v = verdicts(store, text)
    assert v["+19% YoY"].label is VerdictLabel.SUPPORTED
    assert Reason.ARITHMETIC not in v["+19% YoY"].reasons


def test_a_round_figure_is_not_called_another_metrics_by_chance(store: FactStore) -> None:
    gq2 = FiscalCalendar(12).quarter(2025, 2)
    store.add_facts(
        [
            fact("capex_guidance", "85000000000", "USD", "$85 billion", period=gq2,
                 entity="GOOGL"),
            fact("segment_revenue", "9800000000", "USD", "$9.80 billion", period=gq2,
                 entity="GOOGL", segment="GOOGL.YOUTUBE"),
            fact("capex", "22400000000", "USD", "$22.4 billion", period=gq2, entity="GOOGL"),
        ],
        origin="test",
    )  # fmt: skip
    v = verdicts(store, "Alphabet's capex was $10 billion in the second quarter of 2025.")
    assert Reason.MISATTRIBUTION not in v["$10 billion"].reasons


def test_a_prior_outlook_is_a_comparison_base(store: FactStore) -> None:
    store.add_facts(
        [
            meta_plan("60000000000", "65000000000", "$60-65 billion", date(2025, 1, 29)),
            meta_plan("64000000000", "72000000000", "$64-72 billion", date(2025, 4, 30)),
        ],
        origin="test",
    )  # fmt: skip
    text = (
        "Meta expects 2025 capital expenditures of $64-72 billion, increased from its prior "
        "outlook of $60-65 billion."
    )
    v = verdicts(store, text, as_of=date(2025, 4, 30))
    assert v["$64-72 billion"].label is VerdictLabel.SUPPORTED
    assert v["$60-65 billion"].label is VerdictLabel.SUPPORTED  # the earlier plan, not stale


def test_a_forecast_of_a_reported_figure_stays_unchecked_after_the_period(
    store: FactStore,
) -> None:
    cal = FiscalCalendar(12)
    store.add_facts(
        [
            fact("revenue", "51242000000", "USD", "$51,242 million", period=cal.quarter(2025, 3),
                 entity="META", known=date(2025, 10, 29)),
            fact("revenue", "40590000000", "USD", "$40.59 billion", period=cal.quarter(2024, 3),
                 entity="META", known=date(2024, 10, 30)),
        ],
        origin="test",
    )  # fmt: skip
    text = (
        "In July, Meta said it expects total revenue for the third quarter of 2025 to range "
        "between $47.5 billion and $50.5 billion, up from $40.6 billion in Q3 2024."
    )
    v = verdicts(store, text, as_of=date(2025, 12, 12))
    assert v["$47.5 billion and $50.5 billion"].label is VerdictLabel.UNVERIFIABLE
    assert v["$40.6 billion"].label is VerdictLabel.SUPPORTED  # the base is a reported figure


def test_a_plan_dated_to_its_month_is_history_not_stale(store: FactStore) -> None:
    store.add_facts(
        [
            meta_plan("66000000000", "72000000000", "$66-72 billion", date(2025, 7, 30)),
            meta_plan("70000000000", "72000000000", "$70-72 billion", date(2025, 10, 29)),
        ],
        origin="test",
    )  # fmt: skip
    said = "In July Meta raised its 2025 capital expenditure plan to $66-72 billion."
    now = "Meta plans 2025 capital expenditures of $66-72 billion."
    assert verdicts(store, said, as_of=date(2025, 12, 12))["$66-72 billion"].label is (
        VerdictLabel.SUPPORTED
    )
    stale = verdicts(store, now, as_of=date(2025, 12, 12))["$66-72 billion"]
    assert Reason.STALE in stale.reasons


def test_earnings_per_share_convert_between_currencies(store: FactStore) -> None:
    q2 = FiscalCalendar(12).quarter(2025, 2)
    store.add_facts(
        [fact("diluted_eps", "20.35", "CNY/share", "RMB20.35 per ADS", period=q2,
              entity="BIDU")],
        origin="test",
        fx_rates=[rate(date(2025, 6, 30), "7.1636")],
    )  # fmt: skip
    text = "In the second quarter of 2025, Baidu's diluted earnings per ADS were RMB 20.35 ($2.84)."
    v = verdicts(store, text, as_of=date(2025, 8, 21))
    assert v["$2.84"].label is VerdictLabel.SUPPORTED


def test_a_month_dates_a_plan_only_in_its_own_year(store: FactStore) -> None:
    store.add_facts(
        [
            meta_plan("66000000000", "72000000000", "$66-72 billion", date(2025, 7, 30)),
            meta_plan("70000000000", "72000000000", "$70-72 billion", date(2025, 10, 29)),
        ],
        origin="test",
    )
    said = "In July Meta raised its 2025 capital expenditure plan to $66-72 billion."
    # by December 2026 "In July" is July 2026, when the July 2025 plan was long superseded
    late = verdicts(store, said, as_of=date(2026, 12, 12))["$66-72 billion"]
    assert late.label is not VerdictLabel.SUPPORTED


def test_new_customer_growth_given_as_customer_count_growth_is_a_misattribution(
    store: FactStore,
) -> None:
    gq2 = FiscalCalendar(12).quarter(2025, 2)
    store.add_facts(
        [fact("new_customers_growth_qoq", "28", "percent", "~28%", period=gq2, entity="GOOGL",
              segment="GOOGL.CLOUD")],
        origin="test",
    )  # fmt: skip
    lead = "Alphabet reported its second quarter of 2025 on Wednesday. "
    wrong = verdicts(store, lead + "Customer numbers rose nearly 28 percent quarter over quarter.")
    v = wrong["rose nearly 28 percent quarter over quarter"]
    assert (v.label, v.reasons) == (VerdictLabel.CONTRADICTED, (Reason.MISATTRIBUTION,))
    assert v.claim.metric == "customers_growth_qoq"
    assert [e.fact.metric for e in v.evidence] == ["new_customers_growth_qoq"]
    assert "new-customer growth" in v.explanation
    right = verdicts(store, lead + "New GCP customers rose by nearly 28% quarter-over-quarter.")
    assert right["rose by nearly 28% quarter-over-quarter"].label is VerdictLabel.SUPPORTED
    # another figure of the customer count is simply unknown: the store has none
    other = verdicts(store, lead + "Customer numbers rose 9% quarter over quarter.")
    assert other["rose 9% quarter over quarter"].label is VerdictLabel.UNVERIFIABLE


def test_a_quarter_named_by_number_may_be_the_calendar_quarter(store: FactStore) -> None:
    store.add_facts(
        [
            fact("revenue", "260348000000", "CNY", "RMB260,348 million",
                 period=BABA.quarter(2024, 3)),
            fact("revenue", "236503000000", "CNY", "RMB236,503 million",
                 period=BABA.quarter(2025, 2)),
        ],
        origin="test",
    )  # fmt: skip
    day = date(2024, 11, 20)
    said = "Alibaba's revenue was {} in {}."
    for phrase in ("Q3 2024", "2024 Q3", "the third quarter of 2024"):
        # July-September 2024, Alibaba's FY2025 Q2: what most news means by "Q3 2024"
        v = verdicts(store, said.format("RMB236.5 billion", phrase), day)["RMB236.5 billion"]
        assert v.label is VerdictLabel.SUPPORTED, phrase
        assert v.claim.period == BABA.quarter(2025, 2)
        assert v.explanation.startswith("Read as the calendar quarter (July-September 2024")
    # the company's own Q3 (October-December 2023) is read first
    own = verdicts(store, said.format("RMB260.3 billion", "Q3 2024"), day)["RMB260.3 billion"]
    assert (own.label, own.claim.period) == (VerdictLabel.SUPPORTED, BABA.quarter(2024, 3))
    # wrong on both readings: contradicted, saying so of both
    wrong = verdicts(store, said.format("RMB250 billion", "Q3 2024"), day)["RMB250 billion"]
    assert wrong.label is VerdictLabel.CONTRADICTED
    assert "does not hold either" in wrong.explanation
    # "fiscal" or "FY" says whose year: no second reading
    for phrase in ("Q3 FY2024", "the fiscal third quarter of 2024"):
        v = verdicts(store, said.format("RMB236.5 billion", phrase), day)["RMB236.5 billion"]
        assert v.reasons == (Reason.PERIOD_MISMATCH,), phrase


def test_a_numbered_quarter_without_a_calendar_figure_is_no_false_alarm(
    store: FactStore,
) -> None:
    store.add_facts(
        [fact("revenue", "260348000000", "CNY", "RMB260,348 million",
              period=BABA.quarter(2024, 3))],
        origin="test",
    )  # fmt: skip
    v = verdicts(store, "Alibaba's revenue was RMB236.5 billion in Q3 2024.", date(2024, 11, 20))
    assert v["RMB236.5 billion"].label is VerdictLabel.AMBIGUOUS
    assert "nothing to check it against" in v["RMB236.5 billion"].explanation


def test_a_numbered_quarter_carries_to_the_figures_of_its_paragraph(store: FactStore) -> None:
    store.add_facts(
        [
            fact("segment_revenue", "28066000000", "CNY", "RMB28,066 million",
                 period=BABA.quarter(2024, 3), segment="BABA.CLOUD"),
            fact("segment_revenue", "29610000000", "CNY", "RMB29.61 billion",
                 period=BABA.quarter(2025, 2), segment="BABA.CLOUD"),
            fact("revenue", "260348000000", "CNY", "RMB260,348 million",
                 period=BABA.quarter(2024, 3)),
            fact("revenue", "236503000000", "CNY", "RMB236,503 million",
                 period=BABA.quarter(2025, 2)),
        ],
        origin="test",
    )  # fmt: skip
    day = date(2024, 11, 20)
    text = (
        "Alibaba's revenue reached RMB236.5 billion in 2024 Q3. Cloud Intelligence Group "
        "revenue was RMB29.6 billion."
    )
    cloud = verdicts(store, text, day)["RMB29.6 billion"]
    assert (cloud.label, cloud.claim.period) == (VerdictLabel.SUPPORTED, BABA.quarter(2025, 2))
    # a slip is still caught on the calendar reading when the fiscal one bears nothing out
    slipped = verdicts(store, text.replace("RMB29.6", "RMB296"), day)["RMB296 billion"]
    assert (slipped.label, slipped.reasons) == (VerdictLabel.CONTRADICTED, (Reason.SCALE_ERROR,))
    # where the article says "fiscal", the paragraph's figures stay on the fiscal quarter
    fiscal = text.replace("in 2024 Q3", "in fiscal Q3 2024").replace("RMB29.6", "RMB28.1")
    assert verdicts(store, fiscal, day)["RMB28.1 billion"].claim.period == BABA.quarter(2024, 3)


def test_a_raised_plan_is_checked_by_the_step_between_its_printed_versions(
    store: FactStore,
) -> None:
    year = FiscalCalendar(12).year(2025)
    plans = [
        fact("capex_guidance", "75e9", "USD", "$75bn", period=year, entity="GOOGL",
             source=NEWS, known=date(2025, 2, 5)),
        fact("capex_guidance", "85e9", "USD", "approximately $85 billion", period=year,
             entity="GOOGL", known=date(2025, 7, 23)),
    ]  # fmt: skip
    store.add_facts(plans, origin="test")
    said = "Alphabet has increased its capex budget for the year by {} and now expects more."
    right = verdicts(store, said.format("$10 billion"), as_of=date(2025, 7, 24))["$10 billion"]
    assert right.label is VerdictLabel.SUPPORTED
    # the "approximately" of the $85 billion plan once let a $2 billion slip through
    wrong = verdicts(store, said.format("$8 billion"), as_of=date(2025, 7, 24))["$8 billion"]
    assert wrong.label is VerdictLabel.CONTRADICTED
    assert wrong.reasons == (Reason.ARITHMETIC,)
    assert wrong.expected_value == Decimal("10e9")


def test_a_timeline_dates_each_plan_by_its_month_and_year(store: FactStore) -> None:
    store.add_facts(
        [
            meta_plan("35e9", "40e9", "$35-40 billion", date(2024, 4, 24), year=2024),
            meta_plan("37e9", "40e9", "$37-40 billion", date(2024, 7, 31), year=2024),
            meta_plan("38e9", "40e9", "$38-40 billion", date(2024, 10, 30), year=2024),
        ],
        origin="test",
    )
    text = (
        "- **February 2024.** Meta put its 2024 capital expenditures at $30-37 billion.\n"
        "- **July 2024.** The low end moved up again, to $37-40 billion.\n"
        "- **October 2024.** Meta narrowed the range to $37-40 billion.\n"
    )
    got = check_article(store, text, as_of=date(2026, 2, 10)).verdicts
    july, october = (v for v in got if v.claim.text == "$37-40 billion")
    assert july.label is VerdictLabel.SUPPORTED  # the plan public in July 2024
    assert october.label is VerdictLabel.CONTRADICTED  # by October it was $38-40 billion
    assert october.reasons == (Reason.STALE,)
    assert october.expected_value == Decimal("38e9")
    # a range one whole digit off at an end is another plan, never a match
    assert all("$38-40" not in e.fact.as_printed for e in july.evidence)
