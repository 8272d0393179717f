"""The built-in vocabulary: the companies covered and the metrics with the words articles
use for them (their segments, markets and models are in :mod:`capexlens._dimensions`).
Data only; the classes and the look-ups are :mod:`capexlens.registry`'s."""

from __future__ import annotations

from capexlens._dimensions import DIMENSIONS
from capexlens.registry import Entity, Metric

__all__ = ["DIMENSIONS", "ENTITIES", "METRICS"]

ENTITIES: tuple[Entity, ...] = (
    Entity(
        "BABA",
        "Alibaba Group Holding Limited",
        aliases=(
            "Alibaba",
            "Alibaba Group",
            "Alibaba Group Holding",
            "阿里巴巴",
            "阿里",
            "阿里巴巴集团",
        ),
        listings=("NYSE:BABA", "HKEX:9988", "HKEX:89988"),
        cik=1577552,
        fiscal_year_end_month=3,
        currency="CNY",
        eps_per_ads=True,
    ),
    Entity(
        "TCEHY",
        "Tencent Holdings Limited",
        aliases=("Tencent", "Tencent Holdings", "腾讯", "騰訊", "腾讯控股"),
        listings=("HKEX:0700", "HKEX:80700", "OTC:TCEHY"),
        cik=None,
        fiscal_year_end_month=12,
        currency="CNY",
        note="Not an SEC filer; reports to HKEX in RMB.",
        # its release is titled for "non-IFRS operating profit" and prints that margin first
        headline_non_gaap=("operating_income", "operating_margin"),
    ),
    Entity(
        "BIDU",
        "Baidu, Inc.",
        aliases=("Baidu", "Baidu Inc", "百度"),
        listings=("NASDAQ:BIDU", "HKEX:9888", "HKEX:89888"),
        cik=1329099,
        fiscal_year_end_month=12,
        currency="CNY",
        eps_per_ads=True,
    ),
    Entity(
        "MSFT",
        "Microsoft Corporation",
        aliases=("Microsoft", "Microsoft Corp", "微软", "微軟"),
        listings=("NASDAQ:MSFT",),
        cik=789019,
        fiscal_year_end_month=6,
    ),
    Entity(
        "GOOGL",
        "Alphabet Inc.",
        aliases=("Alphabet", "Google", "Alphabet Inc", "谷歌", "字母表", "Google parent"),
        listings=("NASDAQ:GOOGL", "NASDAQ:GOOG"),
        cik=1652044,
    ),
    Entity(
        "AMZN",
        "Amazon.com, Inc.",
        aliases=("Amazon", "Amazon.com", "亚马逊", "亞馬遜"),
        listings=("NASDAQ:AMZN",),
        cik=1018724,
        # its releases report GAAP income and EPS only (free cash flow is its non-GAAP
        # measure), so consensus "adjusted EPS" for Amazon is the GAAP figure
        gaap_only=("diluted_eps", "net_income", "operating_income"),
    ),
    Entity(
        "META",
        "Meta Platforms, Inc.",
        aliases=("Meta", "Meta Platforms", "Facebook", "Facebook parent", "臉書", "脸书"),
        listings=("NASDAQ:META",),
        cik=1326801,
    ),
    Entity(
        "ORCL",
        "Oracle Corporation",
        aliases=("Oracle", "Oracle Corp", "甲骨文"),
        listings=("NYSE:ORCL",),
        cik=1341439,
        fiscal_year_end_month=5,
    ),
    Entity(
        "HUAWEI",
        "Huawei Technologies Co., Ltd.",
        aliases=("Huawei", "华为"),
        covered=False,
        note="Private; appears in cloud market-share statements (Huawei Cloud).",
    ),
    Entity(
        "BYTEDANCE",
        "ByteDance Ltd.",
        aliases=("ByteDance", "字节跳动"),
        covered=False,
        note="Private; appears in cloud market-share statements (Volcano Engine).",
    ),
)

METRICS: tuple[Metric, ...] = (
    Metric(
        "revenue",
        "Revenue",
        "Total revenue of the period as reported.",
        "money",
        ("revenue", "revenues", "sales", "net sales", "top line", "营收", "收入"),
    ),
    Metric(
        "revenue_growth_yoy",
        "Revenue growth, year over year",
        "Growth of total revenue against the same period a year earlier, as reported.",
        "percent",
        ("revenue growth", "revenue increase", "sales growth", "grew", "up"),
    ),
    Metric(
        "revenue_like_for_like_growth_yoy",
        "Revenue growth, like-for-like",
        "Growth of total revenue against a year earlier excluding businesses disposed of in "
        "between (Alibaba: Sun Art and Intime), as the company states it.",
        "percent",
        ("like-for-like", "underlying basis"),
    ),
    Metric(
        "revenue_growth_yoy_constant_currency",
        "Revenue growth, excluding currency effects",
        "Growth of total revenue against a year earlier with the year-over-year change in "
        "foreign exchange rates taken out, as the company states it.",
        "percent",
        ("constant currency", "excluding foreign exchange"),
    ),
    Metric(
        "revenue_fx_impact",
        "Currency effect on revenue",
        "The year-over-year effect of foreign exchange rate changes on revenue, as the company "
        "states it: positive when favorable, negative when unfavorable.",
        "money",
        ("impact from foreign exchange", "currency impact"),
    ),
    Metric(
        "segment_revenue",
        "Segment revenue",
        "Revenue of one reporting segment (needs a segment).",
        "money",
        ("segment revenue", "cloud revenue", "revenue from"),
        needs_dimension="segment",
    ),
    Metric(
        "segment_revenue_growth_yoy",
        "Segment revenue growth, year over year",
        "Growth of one segment's revenue against a year earlier, as reported.",
        "percent",
        ("cloud growth", "segment growth"),
        needs_dimension="segment",
    ),
    Metric(
        "segment_revenue_run_rate",
        "Segment annualised revenue run rate",
        "A segment's revenue annualised at its latest pace, as the company states it (AWS: "
        "the quarter's sales times four; Google Cloud: 'annual revenue run-rate'). Stored "
        "only as stated, never computed: companies annualise a month or a quarter as they "
        "choose, so a product of the checker's own could contradict a correct figure.",
        "money",
        ("run rate", "annualized revenue run rate", "annual revenue run-rate"),
        needs_dimension="segment",
    ),
    Metric(
        "segment_revenue_share",
        "Segment share of revenue",
        "One segment's revenue as a percentage of the company's total revenue of the same "
        "period; derived by the checker from the two stored levels, never stored itself.",
        "percent",
        ("share of revenue", "of total revenue"),
        needs_dimension="segment",
        derived_only=True,
    ),
    Metric(
        "segment_revenue_guidance",
        "Segment revenue guidance",
        "Revenue the company expects or targets from one segment for a future fiscal year, as "
        "said on the date given (needs a segment); each revision is a separate fact.",
        "money",
        ("revenue target", "expects revenue"),
        needs_dimension="segment",
    ),
    Metric(
        "segment_revenue_guidance_growth_yoy",
        "Segment revenue guidance, growth",
        "The growth over the prior fiscal year that a segment revenue target implies, as said.",
        "percent",
        ("expected growth",),
        needs_dimension="segment",
    ),
    Metric(
        "capex",
        "Capital expenditure (cash purchases of property and equipment)",
        "Cash paid for property, plant and equipment (and, where stated, intangibles and "
        "land use rights) in the period; excludes assets acquired under finance leases. "
        "The basis note of each fact says exactly what the company includes.",
        "money",
        (
            "capex",
            "capital expenditure",
            "capital expenditures",
            "capital spending",
            "purchases of property and equipment",
            "cash capital expenditures",
            "资本开支",
            "资本支出",
        ),
    ),
    Metric(
        "capex_ai_cloud",
        "Capex toward AI and cloud infrastructure",
        "The part of capital expenditure a company says went to AI and cloud "
        "infrastructure, as it states it (Alibaba's CFO on the four quarters to September "
        "2025): a share of total capex, never compared with it.",
        "money",
        ("capex toward AI and cloud infrastructure",),
    ),
    Metric(
        "capex_incl_finance_leases",
        "Capex including finance leases",
        "Cash purchases of property and equipment plus assets acquired under finance "
        "leases (Microsoft's headline capex).",
        "money",
        ("capital expenditures including finance leases",),
    ),
    Metric(
        "capex_guidance",
        "Capex guidance",
        "Capex the company expects for a fiscal year, as said on the date given; each "
        "revision is a separate fact.",
        "money",
        ("capex guidance", "capex outlook", "expects capex", "plans to spend"),
    ),
    Metric(
        "capex_to_revenue_guidance",
        "Capex-to-revenue guidance",
        "Capex the company expects as a share of revenue.",
        "percent",
        ("capex as a percentage of revenue",),
    ),
    Metric(
        "investment_commitment",
        "Multi-year investment commitment",
        "An amount the company has pledged to invest over a stated multi-year span.",
        "money",
        ("commitment", "pledge", "plans to invest", "will invest"),
    ),
    Metric(
        "operating_cash_flow",
        "Operating cash flow",
        "Net cash provided by operating activities.",
        "money",
        ("operating cash flow", "cash from operations", "net cash provided by operating"),
    ),
    Metric(
        "free_cash_flow",
        "Free cash flow",
        "Operating cash flow less capex, on the company's own definition where it "
        "publishes one (the basis note says which).",
        "money",
        ("free cash flow", "FCF"),
    ),
    Metric(
        "share_repurchases",
        "Share repurchases",
        "Cash spent buying back the company's own shares in the period.",
        "money",
        ("buyback", "buybacks", "share repurchase", "repurchased", "bought back"),
    ),
    Metric(
        "dividends",
        "Dividends paid",
        "Cash dividends paid to shareholders in the period.",
        "money",
        ("dividend", "dividends"),
    ),
    Metric(
        "shareholder_returns",
        "Total capital returned",
        "Share repurchases plus dividends in the period.",
        "money",
        ("capital return", "returned to shareholders"),
    ),
    Metric(
        "shares_outstanding",
        "Shares outstanding",
        "Number of shares (or ADS-equivalents, as the basis says) outstanding at period end.",
        "count",
        ("shares outstanding",),
        point_in_time=True,
    ),
    Metric(
        "share_count_change",
        "Net change in share count",
        "Net change in shares outstanding over the period, in percent (negative = reduction).",
        "percent",
        ("net reduction", "share count", "reducing outstanding shares"),
    ),
    Metric(
        "market_share",
        "Market share",
        "Share of a market (needs a market) held by the entity in the period.",
        "percent",
        ("market share", "share of the market"),
        needs_dimension="market",
    ),
    Metric(
        "market_size",
        "Market size",
        "Spending on a market in the period (entity MARKET, needs a market).",
        "money",
        ("market size", "spending", "market"),
        needs_dimension="market",
    ),
    Metric(
        "market_growth_yoy",
        "Market growth, year over year",
        "Growth of a market's spending against a year earlier.",
        "percent",
        ("market growth",),
        needs_dimension="market",
    ),
    Metric(
        "model_parameters",
        "Model parameters (total)",
        "Total parameter count of an AI model (needs a model).",
        "parameters",
        ("parameters", "params"),
        needs_dimension="model",
    ),
    Metric(
        "model_active_parameters",
        "Model parameters (activated per token)",
        "Parameters activated per token in a mixture-of-experts model.",
        "parameters",
        ("activated parameters", "active parameters"),
        needs_dimension="model",
    ),
    Metric(
        "operating_income",
        "Operating income",
        "Income from operations under the company's GAAP or IFRS accounts (negative for a "
        "loss); with a segment, that segment's operating income as reported.",
        "money",
        ("operating income", "operating profit", "income from operations"),
        allows_dimension="segment",
    ),
    Metric(
        "operating_income_growth_yoy",
        "Operating income growth, year over year",
        "Growth of GAAP/IFRS operating income against a year earlier, as reported.",
        "percent",
        ("operating income growth",),
        allows_dimension="segment",
    ),
    Metric(
        "operating_income_non_gaap",
        "Operating income, non-GAAP",
        "Operating profit on the company's own non-GAAP or non-IFRS definition (Tencent's "
        "non-IFRS operating profit, Baidu's non-GAAP operating income); the basis says which.",
        "money",
        ("non-GAAP operating income", "non-IFRS operating profit"),
    ),
    Metric(
        "operating_margin",
        "Operating margin",
        "GAAP/IFRS operating income as a percentage of revenue, as reported or derived; of "
        "the company, or of a segment where stored (a segment's margin is never the "
        "company's).",
        "percent",
        ("operating margin",),
        allows_dimension="segment",
    ),
    Metric(
        "operating_margin_non_gaap",
        "Operating margin, non-GAAP",
        "Non-GAAP or non-IFRS operating profit as a percentage of revenue.",
        "percent",
        ("non-GAAP operating margin", "non-IFRS operating margin"),
    ),
    Metric(
        "net_income",
        "Net income",
        "Net income of the period under GAAP/IFRS, as the company's headline states it. "
        "Where non-controlling interests make a difference (Alibaba, Baidu), this is the "
        "consolidated figure and the attributable one is net_income_attributable.",
        "money",
        ("net income", "net profit", "profit"),
    ),
    Metric(
        "net_income_attributable",
        "Net income attributable to ordinary shareholders",
        "Net income attributable to the company's ordinary shareholders (Alibaba), to Baidu, "
        "or to Tencent's equity holders (IFRS).",
        "money",
        ("net income attributable", "profit attributable"),
    ),
    Metric(
        "net_income_growth_yoy",
        "Net income growth, year over year",
        "Growth of net income against a year earlier, as reported.",
        "percent",
        ("net income growth", "profit growth"),
    ),
    Metric(
        "net_income_non_gaap",
        "Net income, non-GAAP",
        "Non-GAAP or non-IFRS net income attributable to shareholders, on the company's own "
        "definition.",
        "money",
        ("non-GAAP net income", "non-IFRS profit"),
    ),
    Metric(
        "diluted_eps",
        "Diluted earnings per share",
        "GAAP/IFRS diluted earnings per share (per ADS where the basis says so), in the "
        "reporting currency per share.",
        "per_share",
        ("diluted EPS", "earnings per share", "EPS"),
    ),
    Metric(
        "diluted_eps_non_gaap",
        "Diluted earnings per share, non-GAAP",
        "Non-GAAP diluted earnings per share (or per ADS), on the company's own definition.",
        "per_share",
        ("non-GAAP EPS", "adjusted EPS"),
    ),
    Metric(
        "new_customers_growth_yoy",
        "New-customer growth, year over year",
        "Growth in the number of customers newly signed in the period against the same "
        "period a year earlier (Google Cloud: new GCP customers), as the company states it.",
        "percent",
        ("new customers", "new customer wins"),
        allows_dimension="segment",
    ),
    Metric(
        "new_customers_growth_qoq",
        "New-customer growth, quarter over quarter",
        "Growth in the number of customers newly signed in the quarter against the quarter "
        "before, as the company states it.",
        "percent",
        ("new customers", "new customer wins"),
        allows_dimension="segment",
    ),
    Metric(
        "customers_growth_yoy",
        "Customer-count growth, year over year",
        "Growth in the total number of customers against a year earlier. Writers often give "
        "the growth of new customers as this one.",
        "percent",
        ("customer numbers", "customer count", "customers"),
        allows_dimension="segment",
        confused_with="new_customers_growth_yoy",
    ),
    Metric(
        "customers_growth_qoq",
        "Customer-count growth, quarter over quarter",
        "Growth in the total number of customers against the quarter before. Writers often "
        "give the growth of new customers as this one.",
        "percent",
        ("customer numbers", "customer count", "customers"),
        allows_dimension="segment",
        confused_with="new_customers_growth_qoq",
    ),
    Metric(
        "remaining_performance_obligations",
        "Remaining performance obligations",
        "Contracted revenue not yet recognised (RPO), at the period's end: of the company, "
        "or of one segment where the company states it (AWS backlog, Google Cloud backlog).",
        "money",
        ("RPO", "remaining performance obligations", "backlog"),
        allows_dimension="segment",
    ),
)
