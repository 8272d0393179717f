"""Linking claims to entity, metric, segment and period from the words around them."""

from __future__ import annotations

from datetime import date

import pytest

from capexlens.claims.extract import extract_claims
from capexlens.claims.link import find_mentions, link_claims, read_period_phrase
from capexlens.models import Claim
from capexlens.periods import FiscalCalendar
from capexlens.registry import default_registry
from capexlens.store import FactStore

BABA = FiscalCalendar(3)
MSFT = FiscalCalendar(6)
ORCL = FiscalCalendar(5)


def linked(text: str, as_of: date | None = date(2025, 8, 29)) -> dict[str, Claim]:
    claims = link_claims(text, extract_claims(text), default_registry(), as_of=as_of)
    return {c.text: c for c in claims}


def test_mentions_prefer_the_longest_name_and_read_capitals() -> None:
    found = find_mentions(
        "Alibaba Cloud Intelligence Group and TENCENT beat Huawei.", default_registry()
    )
    assert [(m.entity, m.dimension) for m in found] == [
        ("BABA", "BABA.CLOUD"),
        ("TCEHY", ""),
        ("HUAWEI", ""),
    ]


def test_generic_segment_names_are_marked() -> None:
    (m,) = find_mentions("cloud revenue", default_registry())
    assert m.generic and m.dimension == "ORCL.CLOUD"


@pytest.mark.parametrize(
    ("phrase", "cal", "as_of", "after", "before", "label"),
    [
        ("June 2025", BABA, None, " results", "", "FY2026 Q1"),
        ("past quarter", BABA, date(2025, 8, 29), "", "", "FY2026 Q1"),
        ("upcoming quarter", MSFT, date(2025, 7, 31), "", "", "FY2026 Q1"),
        ("Aug. 31", ORCL, date(2025, 9, 10), "", "quarter ended ", "FY2026 Q1"),
        ("March 31, 2025", BABA, None, "", "the year ended ", "FY2025"),
        ("fiscal 2026 first quarter", ORCL, date(2025, 9, 10), "", "", "FY2026 Q1"),
        ("Q2", FiscalCalendar(12), date(2025, 7, 24), "", "", "FY2025 Q2"),
    ],
)
def test_read_period_phrase(
    phrase: str, cal: FiscalCalendar, as_of: date | None, after: str, before: str, label: str
) -> None:
    period = read_period_phrase(phrase, cal, as_of=as_of, after=after, before=before)
    assert period is not None and period.label == label


def test_phrases_that_name_no_span_give_none() -> None:
    assert read_period_phrase("past decade", BABA, as_of=date(2025, 8, 29)) is None
    assert read_period_phrase("past quarter", BABA, as_of=None) is None
    assert read_period_phrase("August 29, 2025", BABA, as_of=None) is None  # a day


def test_the_words_nearest_the_figure_name_its_metric() -> None:
    c = linked(
        "Alibaba's revenue rose 2% to RMB247.7 billion, cloud revenue grew 26% and capex "
        "reached RMB38.7 billion in the June quarter 2025."
    )
    assert c["rose 2%"].metric == "revenue_growth_yoy"
    assert c["RMB247.7 billion"].metric == "revenue"
    assert (c["grew 26%"].metric, c["grew 26%"].segment) == (
        "segment_revenue_growth_yoy",
        "BABA.CLOUD",
    )
    assert c["RMB38.7 billion"].metric == "capex"
    assert all(x.entity == "BABA" and x.period is not None for x in c.values())
    assert c["RMB38.7 billion"].period.label == "FY2026 Q1"  # type: ignore[union-attr]


def test_the_company_is_the_subject_in_context() -> None:
    c = linked(
        "Alibaba reported results on Friday. The company said capex reached RMB38.7 "
        "billion over the past quarter."
    )
    claim = c["RMB38.7 billion"]
    assert (claim.entity, claim.metric) == ("BABA", "capex")
    assert "period:explicit" in claim.qualifiers


def test_untracked_metrics_and_unknown_units_stay_unlinked() -> None:
    c = linked(
        "Alibaba's gross profit rose 24% to RMB43.1 billion. Revenue from Lazada Group "
        "rose 9% to RMB10.8 billion."
    )
    assert c["RMB43.1 billion"].metric is None
    assert c["rose 9%"].metric is None and "segment:unknown" in c["rose 9%"].qualifiers


def test_income_statement_metrics_and_new_segments_link() -> None:
    c = linked(
        "Alibaba's net income rose 24% to RMB43.1 billion. Revenue from Taobao and Tmall "
        "Group rose 9% to RMB100.8 billion. Diluted earnings per ADS were RMB20.39."
    )
    assert c["RMB43.1 billion"].metric == "net_income"
    assert c["rose 24%"].metric == "net_income_growth_yoy"
    assert (c["rose 9%"].metric, c["rose 9%"].segment) == (
        "segment_revenue_growth_yoy",
        "BABA.TAOBAO",
    )
    eps = c["RMB20.39"]
    assert (eps.metric, eps.unit) == ("diluted_eps", "CNY/share")


def test_segment_operating_income_and_margin() -> None:
    c = linked(
        "Amazon's operating income was $19.2 billion and AWS operating income was $10.2 "
        "billion. The operating margin improved to 11.4%. Net income was $18.2 billion, or "
        "$1.68 per diluted share."
    )
    assert (c["$19.2 billion"].metric, c["$19.2 billion"].segment) == ("operating_income", "")
    assert (c["$10.2 billion"].metric, c["$10.2 billion"].segment) == (
        "operating_income",
        "AMZN.AWS",
    )
    assert c["11.4%"].metric == "operating_margin"
    assert (c["$1.68"].metric, c["$1.68"].unit) == ("diluted_eps", "USD/share")


def test_segment_names_shared_by_other_companies_do_not_name_their_owner() -> None:
    # "Marketing Services" is Tencent's segment, but the words name no company themselves
    c = linked("Baidu said its Marketing Services revenue rose 4% to RMB18 billion.")
    assert c["RMB18 billion"].entity == "BIDU"
    assert c["RMB18 billion"].segment != "TCEHY.MARKETING"


def test_market_shares_of_several_companies() -> None:
    c = linked(
        "Alibaba holds a 33% market share in China's cloud market, ahead of Huawei Cloud "
        "(18%) and Tencent Cloud (10%)."
    )
    got = {k: (v.entity, v.metric, v.segment) for k, v in c.items()}
    assert got == {
        "33%": ("BABA", "market_share", "CN_CLOUD"),
        "18%": ("HUAWEI", "market_share", "CN_CLOUD"),
        "10%": ("TCEHY", "market_share", "CN_CLOUD"),
    }
    assert c["33%"].period is not None and c["33%"].period.label.startswith("CY")


def test_a_total_of_several_companies_has_no_entity() -> None:
    c = linked("Microsoft, Amazon and Alphabet together spent $89 billion on capex.")
    assert c["$89 billion"].entity is None and "aggregate" in c["$89 billion"].qualifiers


def test_model_parameters_and_commitments() -> None:
    c = linked(
        "Qwen3 has 235 billion parameters. Alibaba plans to invest RMB380 billion over the "
        "next three years."
    )
    assert (c["235 billion parameters"].metric, c["235 billion parameters"].segment) == (
        "model_parameters",
        "QWEN3",
    )
    assert c["RMB380 billion"].metric == "investment_commitment"


def test_without_a_date_relative_periods_are_undated() -> None:
    c = linked("Alibaba's capex reached RMB38.7 billion over the past quarter.", as_of=None)
    claim = c["RMB38.7 billion"]
    assert claim.period is None and "period:undated" in claim.qualifiers


def test_a_comparative_is_said_of_the_amount_before_it() -> None:
    text = (
        "Alibaba's capex was RMB38.6 billion in the June quarter 2025. That outlay exceeds "
        "the company's past decade spending."
    )
    claims = link_claims(text, extract_claims(text), default_registry(), as_of=date(2025, 8, 29))
    comparative = claims[-1]
    assert comparative.related and claims[comparative.related[-1]].text == "RMB38.6 billion"
    assert comparative.metric == "capex"


def test_spans_are_unchanged_by_linking() -> None:
    text = "Alibaba's revenue was RMB247.7 billion in the June quarter 2025."
    before = extract_claims(text)
    after = link_claims(text, before, default_registry(), as_of=date(2025, 8, 29))
    assert [c.span for c in before] == [c.span for c in after]
    assert all(text[c.span[0] : c.span[1]] == c.text for c in after)


@pytest.mark.parametrize(
    "phrase",
    ["fintech & enterprise services unit", "FINTECH AND CORPORATE SERVICES division"],
)
def test_a_paraphrased_segment_name_links_the_segment(phrase: str) -> None:
    c = linked(f"Tencent's {phrase} grew revenue 8% to RMB60.2 billion in the June quarter 2025.")
    growth, level = c["8%"], c["RMB60.2 billion"]
    assert (growth.metric, growth.segment) == ("segment_revenue_growth_yoy", "TCEHY.FBS")
    assert (level.metric, level.segment) == ("segment_revenue", "TCEHY.FBS")
    assert "segment:unknown" not in level.qualifiers


def test_a_unit_that_only_shares_words_with_a_segment_stays_unknown() -> None:
    c = linked("Tencent's financial services business grew 12% in the June quarter 2025.")
    claim = c["grew 12%"]
    assert claim.metric is None and claim.segment == ""


def test_spent_right_after_the_figure_names_capex() -> None:
    c = linked("Microsoft said most of the $21.7 billion spent in the June quarter went to chips.")
    claim = c["$21.7 billion"]
    assert (claim.entity, claim.metric) == ("MSFT", "capex")
    assert claim.period is not None and claim.period.label == "FY2025 Q4"


def test_spent_on_something_else_is_not_capex() -> None:
    c = linked("Microsoft said the $6.1 billion spent on buybacks last quarter was a record.")
    assert c["$6.1 billion"].metric != "capex"


def _cues_row_by_row(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """The cue words as one scan per row of the cue table finds them (the reference)."""
    from capexlens.claims._names import _CUE_RES

    found = [(m.start(), m.end(), metric) for p, metric in _CUE_RES for m in p.finditer(text, a, b)]
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept: list[tuple[int, int, str]] = []
    for cue in found:
        if not kept or cue[0] >= kept[-1][1]:
            kept.append(cue)
    return kept


@pytest.mark.parametrize(
    "text",
    [
        "Capex including finance leases was $22.6 billion; capital expenditures rose 40%.",
        "Its market cap rose while market share and the market size for cloud grew; "
        "cost of revenues fell, revenues rose.",
        "Purchases of property and equipment (cash capex) hit $17 billion, it spent more.",
        "RPO -- sales not yet recognised as revenue -- rose; EBITDA, EPS and R&D fell.",
        "资本开支 rose; 營收 grew. A re-investment in AI-related products, non-GAAP margins.",
        "The Capex and REVENUE figures: ſales and capıtal expenditures, İnvestments in cloud.",
    ],
)
def test_cue_words_match_a_scan_per_row_of_the_cue_table(text: str) -> None:
    from capexlens.claims._names import cues

    for a in range(0, len(text), 5):
        for b in (len(text), len(text) - 7, a + 30):
            b = min(max(a, b), len(text))
            got = [(c.start, c.end, c.metric) for c in cues(text, a, b)]
            assert got == _cues_row_by_row(text, a, b), (a, b)


def test_a_share_price_is_no_earnings_per_share() -> None:
    c = linked("On August 13, Tencent's stock price closed at 586 Hong Kong dollars per share.")
    claim = c["586 Hong Kong dollars"]
    assert claim.unit == "HKD/share" and claim.metric is None


def test_a_dash_aside_does_not_cut_the_clause_that_holds_it() -> None:
    c = linked(
        "Oracle expects its cloud infrastructure segment -- which competes with AWS and "
        "Google Cloud -- to grow 77% in fiscal 2026.",
        as_of=date(2025, 9, 10),
    )
    claim = c["grow 77%"]
    assert (claim.metric, claim.segment) == ("segment_revenue_guidance_growth_yoy", "ORCL.OCI")


def test_an_untracked_cue_of_another_figure_is_not_this_figure_s() -> None:
    c = linked(
        "Amazon's advertising sales rose 23% to $15.7 billion, topping the $14.9 billion estimate.",
        as_of=date(2025, 8, 1),
    )
    level = c["$15.7 billion"]
    assert (level.metric, level.segment) == ("segment_revenue", "AMZN.ADS")
    assert c["$14.9 billion"].metric is None  # the estimate itself stays unlinked


def test_a_segment_name_that_goes_on_is_still_that_segment() -> None:
    c = linked(
        "Oracle expects its cloud infrastructure services segment -- which competes with "
        "Amazon Web Services -- to grow 77% in fiscal 2026.",
        as_of=date(2025, 9, 10),
    )
    assert c["grow 77%"].segment == "ORCL.OCI"
    assert "segment:unknown" not in c["grow 77%"].qualifiers


def test_list_items_take_the_segment_of_their_lead_in() -> None:
    text = (
        "Oracle expects its cloud infrastructure business to keep growing:\n\n"
        "  • Fiscal 2027 cloud revenue of $32 billion, up 78%\n"
        "  • Fiscal 2028 total cloud revenue of $73 billion\n\n"
        "Fiscal 2027 cloud revenue of $40 billion is another matter."
    )
    c = linked(text, as_of=date(2025, 9, 10))
    assert (c["$32 billion"].segment, c["up 78%"].segment) == ("ORCL.OCI", "ORCL.OCI")
    assert c["$32 billion"].metric == "segment_revenue_guidance"
    # "total" names the wider line itself, and prose outside the list keeps its own words
    assert c["$73 billion"].segment == "ORCL.CLOUD"
    assert c["$40 billion"].segment == "ORCL.CLOUD"


def test_a_shared_alias_names_the_segment_only_of_a_company_in_context() -> None:
    c = linked("Alphabet said operating income at the G-Cloud rose to $2.8 billion.")
    assert (c["$2.8 billion"].entity, c["$2.8 billion"].segment) == ("GOOGL", "GOOGL.CLOUD")
    (m,) = find_mentions("Suppliers on the G-Cloud framework won $2.8 billion.", default_registry())
    assert m.generic and m.entity == "GOOGL"
    alone = linked("Suppliers on the G-Cloud framework won $2.8 billion.")
    assert alone["$2.8 billion"].entity is None
    # a generic segment name opening an article is no subject either
    assert linked("Cloud revenue rose to $2.8 billion.")["$2.8 billion"].entity is None


def test_a_base_in_a_sentence_about_the_figure_before_measures_what_it_measures() -> None:
    text = (
        "Amazon reported diluted EPS of $1.68 in Q2 2025, above the $1.33 consensus. "
        "This represents an increase from $1.26 in Q2 2024. "
        "Shares later traded up from $210 in Q2 2024."
    )
    c = linked(text, as_of=date(2025, 8, 1))
    assert (c["$1.26"].metric, c["$1.26"].unit) == ("diluted_eps", "USD/share")
    assert c["$1.26"].period is not None and c["$1.26"].period.label == "FY2024 Q2"
    assert c["$210"].metric is None  # no "this ..." ties it to the figure before


def test_a_base_a_year_earlier_dates_the_figure_beside_it() -> None:
    text = "Amazon's operating margin improved to 11.0%, compared to 7.8% in Q2 2024."
    c = linked(text, as_of=date(2025, 8, 1))
    assert "period:context" in c["11.0%"].qualifiers
    assert c["11.0%"].period is not None and c["11.0%"].period.label == "FY2025 Q2"
    alone = linked("Amazon's operating margin improved to 11.0%.", as_of=date(2025, 8, 1))
    assert "period:implicit" in alone["11.0%"].qualifiers


def test_like_for_like_growth_is_its_own_metric() -> None:
    text = "Alibaba's revenue rose 2%, or 10% on a like-for-like basis, in the June quarter 2025."
    c = linked(text)
    assert c["rose 2%"].metric == "revenue_growth_yoy"
    assert c["10%"].metric == "revenue_like_for_like_growth_yoy"


def test_currency_effects_and_growth_without_them() -> None:
    text = (
        "Excluding a $0.9 billion unfavorable impact from foreign exchange rates, Amazon's "
        "revenue growth was 14% in Q2 2025. Revenue grew 13% in Q2 2025, or 12% excluding FX."
    )
    c = linked(text, as_of=date(2025, 8, 1))
    assert (c["$0.9 billion"].metric, c["$0.9 billion"].value) == ("revenue_fx_impact", -9 * 10**8)
    assert c["growth was 14%"].metric == "revenue_growth_yoy_constant_currency"
    assert c["grew 13%"].metric == "revenue_growth_yoy"
    assert c["12%"].metric == "revenue_growth_yoy_constant_currency"


def test_a_name_standing_alone_changes_the_subject() -> None:
    text = (
        "Amazon grew. Amazon's sales rose. Amazon's AWS led.\n\nAlibaba. Revenue for the "
        "June quarter 2025 was RMB247,652 million, up 2%, or 10% on a like-for-like basis."
    )
    c = linked(text)
    assert c["RMB247,652 million"].entity == "BABA"
    # the basis words belong to the figure right before them, not to "up 2%"
    assert (c["up 2%"].metric, c["10%"].metric) == (
        "revenue_growth_yoy",
        "revenue_like_for_like_growth_yoy",
    )


def test_total_revenue_and_a_share_said_of_the_segment_before_it() -> None:
    text = (
        "In Q2 2025 Tencent's value-added services revenue was 91.4 billion yuan, just under "
        "half of total revenue, which came to 184.5 billion yuan. Alibaba's Cloud "
        "Intelligence Group revenue grew 26% and accounted for 13% of group revenue in the "
        "June quarter 2025."
    )
    c = linked(text, as_of=date(2025, 8, 30))
    assert (c["184.5 billion yuan"].metric, c["184.5 billion yuan"].segment) == ("revenue", "")
    assert c["91.4 billion yuan"].segment == "TCEHY.VAS"
    assert (c["13%"].metric, c["13%"].segment) == ("segment_revenue_share", "BABA.CLOUD")
    assert c["grew 26%"].segment == "BABA.CLOUD"  # "Group revenue" is the unit's name


def test_a_plan_for_a_quarter_named_without_a_year_is_the_coming_one() -> None:
    text = "For the September quarter, Microsoft plans capital expenditure of up to $30 billion."
    c = linked(text, as_of=date(2025, 8, 30))["up to $30 billion"]
    assert c.metric == "capex_guidance" and c.period is not None
    assert c.period.label == "FY2026 Q1"  # July-September 2025, not 2024
    past = linked("Microsoft's revenue rose 16% in the September quarter.", as_of=date(2025, 8, 30))
    assert past["rose 16%"].period is not None and past["rose 16%"].period.label == "FY2025 Q1"


def test_spent_on_capex_itself_is_capex() -> None:
    c = linked("Microsoft spent $20 billion on capex in the September quarter.")
    assert c["$20 billion"].metric == "capex"


def test_full_fiscal_year_figures_and_their_quarter_neighbours() -> None:
    msft = FiscalCalendar(6)
    c = linked(
        "Microsoft posted quarterly revenue of $76.4 billion. For the full fiscal year, it "
        "booked $281.7 billion in revenue (up 15%) and $101.8 billion of net income.",
        as_of=date(2025, 7, 31),
    )
    assert c["$76.4 billion"].period == msft.quarter(2025, 4)  # not the next sentence's year
    for text in ("$281.7 billion", "up 15%", "$101.8 billion"):
        assert c[text].period == msft.year(2025), text


def test_a_period_in_brackets_is_its_own_figures_only() -> None:
    c = linked(
        "Amazon released its second-quarter 2025 figures. Operating income came in at $19.2 "
        "billion, up 31% YoY, and the operating margin was 11.4% (Q2 2024: 9.9%).",
        as_of=date(2025, 8, 5),
    )
    amzn = FiscalCalendar(12)
    for text in ("$19.2 billion", "up 31% YoY", "11.4%"):
        assert c[text].period == amzn.quarter(2025, 2), text
    assert c["9.9%"].period == amzn.quarter(2024, 2)


def test_the_fiscal_year_ending_in_a_month() -> None:
    c = linked(
        "Oracle released fiscal second-quarter results. It now expects capital expenditures of "
        "about $50 billion in the fiscal year ending in May 2026.",
        as_of=date(2025, 12, 11),
    )
    assert c["about $50 billion"].period == FiscalCalendar(5).year(2026)
    assert c["about $50 billion"].metric == "capex_guidance"


def test_held_out_linking_cases() -> None:
    """Sentences shaped like those an audit on unseen articles found mislinked."""
    cases = [
        # a segment named in an aside does not take the figure from the subject's
        ("In Microsoft's fiscal fourth quarter, Intelligent Cloud, driven by Azure and server "
         "products, posted $29.9 billion (up 26%).", "up 26%", "MSFT", "MSFT.IC",
         "segment_revenue_growth_yoy"),
        # "total operating income of $17.4 billion" is the company's, after a segment
        ("In the third quarter, AWS earned operating income of $11.4 billion, some 65.5% of "
         "Amazon's total operating income of $17.4 billion.", "$17.4 billion", "AMZN", "",
         "operating_income"),
        # a growth in brackets right after a figure is that figure's
        ("Google Cloud revenue: $13.6 bn (+32% YoY) with operating income of $2.8 bn.",
         "+32% YoY", "GOOGL", "GOOGL.CLOUD", "segment_revenue_growth_yoy"),
        # a table label with the basis after the name
        ("Tencent Q3 2025. Operating Income (Non-IFRS): RMB 72.6 billion (+18% YoY).",
         "+18% YoY", "TCEHY", "", "operating_income_non_gaap_growth_yoy"),
        # the subject of a comparison owns the figure said after it
        ("Microsoft beat Amazon in the quarter, with a 26% rise in revenue.", "26% rise",
         "MSFT", "", "revenue_growth_yoy"),
    ]  # fmt: skip
    for text, claim, entity, segment, metric in cases:
        c = linked(text, as_of=date(2025, 11, 14))[claim]
        assert (c.entity, c.segment, c.metric) == (entity, segment, metric), text


def test_growth_over_several_years_is_no_yearly_rate() -> None:
    c = linked("Synergy says the global cloud market grew around 60% over two years.")
    assert c["grew around 60%"].metric is None
    assert "multi-year" in c["grew around 60%"].qualifiers


def test_a_year_goes_on_into_the_next_sentence_of_its_paragraph() -> None:
    msft = FiscalCalendar(6)
    c = linked(
        "For the full fiscal year, Microsoft earned $101.8 billion. Diluted earnings per share "
        "were $13.64. Quarterly diluted earnings per share were $3.65.",
        as_of=date(2025, 7, 31),
    )
    assert c["$13.64"].period == msft.year(2025)
    assert c["$3.65"].period == msft.quarter(2025, 4)


def test_respectively_pairs_figures_with_units_in_order() -> None:
    c = linked(
        "Amazon's North America and International segment revenues rose 11% and 16% to "
        "$100.1 billion and $36.8 billion, respectively.",
        as_of=date(2025, 8, 5),
    )
    assert (c["rose 11%"].segment, c["16%"].segment) == ("AMZN.NA", "AMZN.INTL")
    assert (c["$100.1 billion"].segment, c["$36.8 billion"].segment) == ("AMZN.NA", "AMZN.INTL")


def test_more_held_out_metric_cases() -> None:
    cases = [
        # a level reached by a growth goes with the growth's metric, not the next one's
        ("Microsoft's operating income expanded 24% to $38.0 billion and net income rose to "
         "$27.7 billion in the quarter.", "$38.0 billion", "operating_income"),
        # "excluding currency impact" is a basis of the growth, not its metric
        ("Amazon's revenue was up 13% year-on-year and 12% excluding currency impact.",
         "up 13% year-on-year", "revenue_growth_yoy"),
        ("Amazon's revenue was up 13% year-on-year and 12% excluding currency impact.", "12%",
         "revenue_growth_yoy_constant_currency"),
        # spending on AI infrastructure is capital expenditure
        ("Alibaba spent roughly 120 billion yuan on AI and cloud infrastructure over the past "
         "four quarters.", "roughly 120 billion yuan", "capex"),
    ]  # fmt: skip
    for text, claim, metric in cases:
        assert linked(text, as_of=date(2025, 11, 25))[claim].metric == metric, text


def test_a_paragraph_period_goes_on_into_its_table_and_next_sentences() -> None:
    c = linked(
        "| Alphabet, Q2 2025 | |\n|---|---|\n| Google Cloud revenue | $13.6 bn (+32% YoY) |\n"
        "| YouTube ads | $9.8 bn |\n\nAmazon reported operating income of $19.2 billion in "
        "Q2 2025. Its North America segment grew sales 11%.",
        as_of=date(2025, 12, 12),
    )
    q2 = FiscalCalendar(12).quarter(2025, 2)
    for text in ("$13.6 bn", "+32% YoY", "$9.8 bn", "$19.2 billion", "11%"):
        assert c[text].period == q2, text


def test_another_companys_period_does_not_go_on() -> None:
    c = linked(
        "Alibaba's revenue rose 2% in the June quarter of 2025. Microsoft's Azure grew 39%.",
        as_of=date(2025, 8, 29),
    )
    assert c["grew 39%"].period == FiscalCalendar(6).quarter(2025, 4)


def test_markdown_soft_breaks_keep_a_wrapped_sentence_whole(store: FactStore) -> None:
    from capexlens.claims.check import check_article

    text = "# Microsoft\n\nFor the quarter ended June 30, 2025, revenue\nwas $76.4 billion.\n"
    report = check_article(store, text, path="note.md", as_of=date(2025, 12, 12))
    (v,) = report.verdicts
    assert v.claim.metric == "revenue"
    assert v.claim.period == FiscalCalendar(6).quarter(2025, 4)
    assert text[v.claim.span[0] : v.claim.span[1]] == "$76.4 billion"


def test_round_two_audit_linking_cases() -> None:
    as_of = date(2025, 6, 12)
    c = linked(
        "Oracle's cloud application revenue rose 10% to $3.5 billion. Overall, Oracle posted "
        "22% cloud revenue growth. Alibaba said Taotian's revenue grew by 9%, and its 88VIP "
        "members continued to grow in double digits. Tencent's operating profit rose 18% "
        "non-IFRS in the quarter. Meta raised its 2025 capex outlook to $70-72 billion "
        "(previously $66-72 billion).",
        as_of=as_of,
    )
    assert c["rose 10%"].metric is None  # a cloud line the store does not hold
    assert c["22% cloud revenue growth"].metric is None  # Oracle has two cloud lines
    assert c["grew by 9%"].segment == "BABA.TAOBAO"
    assert c["double digits"].metric is None  # members' growth, not a doubling of revenue
    assert c["rose 18%"].metric == "operating_income_non_gaap_growth_yoy"
    assert "from" in c["$66-72 billion"].qualifiers  # the plan it replaced


def test_a_table_column_header_dates_its_cells() -> None:
    orcl = FiscalCalendar(5)
    c = linked(
        "Oracle's fiscal 2025 fourth quarter at a glance.\n"
        "Metric | Q4 FY24 | Q4 FY25 | Change |\n---|---|---|---|\n"
        "Revenue | $14.3 billion | $15.9 billion | +11% |\n",
        as_of=date(2025, 6, 12),
    )
    assert c["$14.3 billion"].period == orcl.quarter(2024, 4)
    assert c["$15.9 billion"].period == orcl.quarter(2025, 4)
    assert c["+11%"].period == orcl.quarter(2025, 4)  # an undated column: the quarter reported


def test_a_growth_after_a_level_is_that_levels_and_a_bases_conversion_a_base() -> None:
    c = linked(
        "Amazon Web Services (AWS) generated revenues of $29.27bn, up 17% year on year, and an "
        "operating profit of $11.55bn, up 23%, in the first quarter of 2025. Baidu's earnings "
        "per share were RMB 20.35 ($2.84) vs RMB 15.01 ($2.14) in Q2 2024.",
        as_of=date(2025, 8, 21),
    )
    assert c["up 23%"].segment == "AMZN.AWS"
    assert c["$2.84"].period == FiscalCalendar(12).quarter(2025, 2)  # not the base's Q2 2024
    assert "compared" in c["$2.14"].qualifiers


def test_since_names_a_comparison_and_per_share_figures_convert() -> None:
    c = linked(
        "Meta's operating profit reached US$20.54 billion (+18%) in the third quarter of "
        "2025. The margin of 40.1% was the lowest since Q2 2024, and the profit was "
        "$20.5 billion.",
        as_of=date(2025, 10, 30),
    )
    assert c["$20.5 billion"].period == FiscalCalendar(12).quarter(2025, 3)


def test_a_segment_name_two_companies_use_is_the_owner_in_contexts() -> None:
    c = linked(
        "Tencent posted strong results. Advertising revenue grew 17% to 35 billion yuan.\n\n"
        "Amazon beat forecasts. Advertising revenue rose 23% to $15.7 billion.\n\n"
        "Baidu's online advertising revenue fell 6.5%.",
        as_of=date(2025, 8, 5),
    )
    assert c["grew 17%"].segment == "TCEHY.MARKETING"
    assert c["rose 23%"].segment == "AMZN.ADS"
    assert c["fell 6.5%"].segment == "BIDU.ONLINE_MARKETING"


def test_product_and_named_unit_revenues_are_not_the_companys() -> None:
    c = linked(
        "Oracle said MultiCloud database revenue more than doubled in the quarter. Cainiao "
        "Smart Logistics reported revenue of 25 billion yuan, Alibaba said.",
        as_of=date(2025, 6, 12),
    )
    assert c["more than doubled"].metric is None
    assert c["25 billion yuan"].metric is None


def test_the_cloud_market_is_the_companys_home_market() -> None:
    c = linked(
        "In the third quarter of 2025 AWS held 29% of the cloud market. Alibaba Cloud held "
        "36% of the cloud market in the same quarter.",
        as_of=date(2025, 12, 9),
    )
    assert (c["29%"].metric, c["29%"].segment) == ("market_share", "GLOBAL_CLOUD")
    assert (c["36%"].metric, c["36%"].segment) == ("market_share", "CN_CLOUD")


def test_a_bare_margin_beside_operating_profit_and_its_base() -> None:
    c = linked(
        "Meta's operating profit reached US$20.54 billion in the third quarter of 2025, with a "
        "margin of 40.1%, lower than the 42.7% a year earlier.",
        as_of=date(2025, 10, 30),
    )
    assert c["40.1%"].metric == "operating_margin"
    assert c["42.7%"].metric == "operating_margin"
    assert "compared" in c["42.7%"].qualifiers


def test_the_basis_word_nearest_a_figure_decides_adjusted_or_reported() -> None:
    c = linked(
        "Tencent's net profit attributable to equity holders rose 18% on a non-IFRS basis to "
        "RMB70.6 billion and 19% on an IFRS basis to RMB63.1 billion in the third quarter of "
        "2025.",
        as_of=date(2025, 11, 14),
    )
    assert c["RMB70.6 billion"].metric == "net_income_non_gaap"
    assert c["RMB63.1 billion"].metric == "net_income_attributable"


def test_more_units_and_periods_of_round_two() -> None:
    c = linked(
        "Microsoft gave lighter sales guidance for the next quarter. The company's Intelligent "
        "Cloud segment, which includes Azure, grew by 19%. Alphabet's cloud operating margins "
        "improved to 24%. AWS's sales grew by 17% in the first three months of 2025.",
        as_of=date(2024, 8, 1),
    )
    assert c["grew by 19%"].segment == "MSFT.IC"
    assert c["grew by 19%"].period == FiscalCalendar(6).quarter(2024, 4)  # not the next one
    assert (c["24%"].metric, c["24%"].segment) == ("operating_margin", "GOOGL.CLOUD")
    assert c["grew by 17%"].period == FiscalCalendar(12).quarter(2025, 1)


def test_customer_words_name_a_growth_of_customers_and_nothing_else() -> None:
    got = linked(
        "Alibaba Cloud's paying customers grew 12% year over year in the June quarter of "
        "2025. New customers rose 30% quarter over quarter. It now serves 5 million "
        "customers."
    )
    assert got["grew 12% year over year"].metric == "customers_growth_yoy"
    assert got["rose 30% quarter over quarter"].metric == "new_customers_growth_qoq"
    assert got["5 million customers"].metric is None  # a count of customers is not tracked


def test_a_period_a_growth_is_measured_from_is_its_base_not_its_period() -> None:
    c = linked("Meta's capex rose 84% from 2024.", as_of=date(2026, 2, 10))["rose 84%"]
    assert (c.metric, c.period and c.period.label) == ("capex_growth_yoy", "FY2025")
    c = linked("Alphabet revenue rose 14% from Q2 2024.")["rose 14%"]
    assert c.period is not None and c.period.label == "FY2025 Q2"
    both = linked("Meta's revenue rose 22% from 2024 to $200.97 billion.", as_of=date(2026, 2, 10))
    assert [both[k].period.label for k in ("rose 22%", "$200.97 billion")] == ["FY2025"] * 2  # type: ignore[union-attr]
    assert "from" not in both["$200.97 billion"].qualifiers  # the new level, not the base


def test_a_period_phrase_speaks_of_the_figures_of_its_own_clause() -> None:
    text = (
        "Meta's fourth-quarter revenue was $59.89 billion, up 24% year over year, and "
        "full-year revenue rose 22% to $200.97 billion."
    )
    got = {k: c.period.label for k, c in linked(text, as_of=date(2026, 2, 10)).items() if c.period}
    assert got["up 24% year over year"] == "FY2025 Q4"
    assert got["rose 22%"] == got["$200.97 billion"] == "FY2025"


def test_a_capex_range_is_a_plan_and_a_timeline_carries_it_from_step_to_step() -> None:
    text = (
        "## The 2024 plan\n\n"
        "- **February 2024.** Meta first put its 2024 capital expenditures at $30-37 billion.\n"
        "- **April 2024.** It raised the range to $35-40 billion.\n\n"
        "In the end Meta spent $39.23 billion on capital expenditures in 2024.\n"
        "It also raised $10.5 billion in a bond sale.\n\n"
        "## The 2025 plan\n\n"
        "- **January 2025.** The first 2025 plan was $60-65 billion.\n"
        "- **April 2025.** Meta lifted it to $64-72 billion.\n"
    )
    got = linked(text, as_of=date(2026, 2, 10))
    plans = {k: (c.metric, c.period.label if c.period else None) for k, c in got.items()}
    assert plans["$30-37 billion"] == ("capex_guidance", "FY2024")
    assert plans["$35-40 billion"] == ("capex_guidance", "FY2024")
    assert plans["$60-65 billion"] == ("capex_guidance", "FY2025")  # the plan named again
    assert plans["$64-72 billion"] == ("capex_guidance", "FY2025")
    assert plans["$39.23 billion"][0] == "capex"  # what was spent is one figure
    assert plans["$10.5 billion"][0] is None  # the plan's story was over
    bullets = text.split("\n\n")[1]  # the 2024 bullets, then money raised, not planned
    after = linked(bullets + "\nIt also raised $10.5 billion in bonds.\n", as_of=date(2026, 2, 10))
    assert after["$10.5 billion"].metric is None


def test_a_plan_step_in_another_currency_is_carried_so_the_slip_can_be_seen() -> None:
    text = (
        "- **February 2024.** Meta first put its 2024 capital expenditures at $30-37 billion.\n"
        "- **April 2024.** It raised the range to RMB35-40 billion.\n"
    )
    step = linked(text, as_of=date(2026, 2, 10))["RMB35-40 billion"]
    assert (step.metric, step.unit) == ("capex_guidance", "CNY")


def test_chinese_names_periods_and_growth_are_read_without_spaces() -> None:
    from capexlens.claims._phrases import period_phrases
    from capexlens.models import ClaimKind

    text = "腾讯控股5月14日发布财报,2025年第一季度腾讯营收1800.2亿元,同比增长13%。"
    assert (text.index("2025年"), text.index("度") + 1, "Q1 2025") in period_phrases(text)
    claims = linked(text, as_of=date(2025, 5, 15))
    assert {c.entity for c in claims.values()} == {"TCEHY"}
    growth = next(c for c in claims.values() if c.value == 13)
    assert growth.kind is ClaimKind.GROWTH
    assert linked("腾讯第一季度资本开支同比下降5%。")["同比下降5%"].value == -5
