"""Entities, segments, markets and the metrics vocabulary.

The registry is plain data: a :class:`Registry` is built once (``default_registry()``)
and passed around; nothing here is global mutable state. SEC filers that are not in the
built-in list are addressable as ``cik:<number>`` (see :meth:`Registry.resolve`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from capexlens.errors import UnknownEntityError, UnknownMetricError
from capexlens.periods import FiscalCalendar

__all__ = [
    "Dimension",
    "Entity",
    "Metric",
    "Registry",
    "default_registry",
    "normalise_alias",
]


def normalise_alias(text: str) -> str:
    """Fold case, width and punctuation so aliases match loosely.

    >>> normalise_alias("Alibaba  Group's")
    'alibaba group'
    >>> normalise_alias("ＡＷＳ")
    'aws'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"['’]s\b", "", folded)
    folded = re.sub(r"[^\w]+", " ", folded)
    return folded.strip()


@dataclass(frozen=True, slots=True)
class Dimension:
    """A segment of a company, a market, or a product (a model) that facts can be about."""

    id: str
    kind: str  # "segment" | "market" | "model"
    name: str
    aliases: tuple[str, ...] = ()
    owner: str = ""  # entity id for segments and models
    note: str = ""
    # False for names other companies use too ("Marketing Services", "advertising
    # services"): they name the segment of an owner already in context, never the owner.
    names_owner: bool = True
    # Names of this segment that also mean something else ("G-Cloud" is also the UK
    # government's cloud framework): like the above, only for an owner already in context.
    shared_aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A company (or an SEC filer) that facts are about."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    cik: int | None = None
    fiscal_year_end_month: int = 12
    currency: str = "USD"
    covered: bool = True  # False: appears in market-share facts only
    note: str = ""
    # Metrics whose headline figure, in the company's own results release, is the
    # non-GAAP (non-IFRS) one: an unqualified "operating profit" quoted from it means that.
    headline_non_gaap: tuple[str, ...] = ()
    # Metrics the company publishes no non-GAAP version of: an "adjusted" figure of one is
    # the reported figure under a wrong name, and is checked as that figure.
    gaap_only: tuple[str, ...] = ()

    @property
    def calendar(self) -> FiscalCalendar:
        """The company's fiscal calendar."""
        return FiscalCalendar(self.fiscal_year_end_month)


@dataclass(frozen=True, slots=True)
class Metric:
    """A metric of the vocabulary, with the words articles use for it."""

    id: str
    name: str
    definition: str
    unit_kind: str  # "money" | "percent" | "count" | "parameters" | "ratio" | "per_share"
    words: tuple[str, ...] = ()
    needs_dimension: str = ""  # "segment" | "market" | "model" when the metric needs one
    # a dimension the metric may take without needing it: operating income of the company
    # or of one segment ("AWS operating income")
    allows_dimension: str = ""
    point_in_time: bool = False  # shares outstanding: a value at a day, not over a span
    # computed by the checker from other stored metrics, never stored itself: a stored row
    # could only disagree with the levels it is computed from
    derived_only: bool = False


_ENTITIES: tuple[Entity, ...] = (
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
    ),
    Entity(
        "MSFT",
        "Microsoft Corporation",
        aliases=("Microsoft", "Microsoft Corp", "微软"),
        listings=("NASDAQ:MSFT",),
        cik=789019,
        fiscal_year_end_month=6,
    ),
    Entity(
        "GOOGL",
        "Alphabet Inc.",
        aliases=("Alphabet", "Google", "Alphabet Inc", "谷歌", "Google parent"),
        listings=("NASDAQ:GOOGL", "NASDAQ:GOOG"),
        cik=1652044,
    ),
    Entity(
        "AMZN",
        "Amazon.com, Inc.",
        aliases=("Amazon", "Amazon.com", "亚马逊"),
        listings=("NASDAQ:AMZN",),
        cik=1018724,
        # its releases report GAAP income and EPS only (free cash flow is its non-GAAP
        # measure), so consensus "adjusted EPS" for Amazon is the GAAP figure
        gaap_only=("diluted_eps", "net_income", "operating_income"),
    ),
    Entity(
        "META",
        "Meta Platforms, Inc.",
        aliases=("Meta", "Meta Platforms", "Facebook", "Facebook parent"),
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

_DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "BABA.CLOUD",
        "segment",
        "Alibaba Cloud Intelligence Group",
        ("Cloud Intelligence Group", "Alibaba Cloud", "Aliyun", "阿里云", "cloud intelligence"),
        owner="BABA",
    ),
    Dimension(
        "GOOGL.CLOUD",
        "segment",
        "Google Cloud",
        ("Google Cloud", "GCP", "Google Cloud Platform"),
        owner="GOOGL",
        shared_aliases=("G-Cloud",),
    ),
    Dimension(
        "AMZN.AWS", "segment", "Amazon Web Services", ("AWS", "Amazon Web Services"), owner="AMZN"
    ),
    Dimension(
        "AMZN.NA",
        "segment",
        "Amazon North America segment",
        ("North America", "North America segment", "North American segment"),
        owner="AMZN",
        names_owner=False,  # "North America" names a region of any company
    ),
    Dimension(
        "AMZN.INTL",
        "segment",
        "Amazon International segment",
        ("International", "International segment"),
        owner="AMZN",
        note="Capitalised only: lower-case 'international' is an adjective, not the segment.",
        names_owner=False,
    ),
    Dimension(
        "GOOGL.SEARCH",
        "segment",
        "Google Search & other",
        (
            "Google Search & other",
            "Google Search & Other",
            "Google Search and other",
            "Search & other",
            "Search & Other",
            "Search and other",
            "Google Search",
        ),
        owner="GOOGL",
        note="A revenue line of Google Services (advertising on Search and other properties).",
    ),
    Dimension(
        "GOOGL.YOUTUBE",
        "segment",
        "YouTube ads",
        (
            "YouTube ads",
            "YouTube Ads",
            "YouTube ad revenue",
            "YouTube ad revenues",
            "YouTube ad sales",
            "YouTube advertising",
            "YouTube advertising revenue",
            "YouTube's advertising revenue",
            "YouTube's ad revenue",
        ),
        owner="GOOGL",
        note="Advertising revenue only; YouTube subscriptions sit in 'subscriptions, platforms, "
        "and devices'.",
    ),
    Dimension(
        "MSFT.IC",
        "segment",
        "Microsoft Intelligent Cloud",
        ("Intelligent Cloud",),
        owner="MSFT",
        note="Segment definitions were recast in FY2026; Azure growth is a separate figure.",
    ),
    Dimension(
        "MSFT.AZURE",
        "segment",
        "Azure and other cloud services",
        ("Azure", "Azure and other cloud services"),
        owner="MSFT",
        note="'Microsoft Cloud' is a wider, different figure (MSFT.CLOUD).",
    ),
    Dimension(
        "MSFT.CLOUD",
        "segment",
        "Microsoft Cloud",
        ("Microsoft Cloud",),
        owner="MSFT",
        note="Microsoft's commercial cloud revenue metric (Azure and other cloud services, "
        "Microsoft 365 commercial cloud, Dynamics 365 cloud, LinkedIn commercial and other); "
        "not a reporting segment and much wider than Azure.",
    ),
    Dimension(
        "MSFT.PBP",
        "segment",
        "Productivity and Business Processes",
        (
            "Productivity and Business Processes",
            "Productivity & Business Processes",
            "Productivity and Business Process",
        ),
        owner="MSFT",
    ),
    Dimension(
        "MSFT.MPC",
        "segment",
        "More Personal Computing",
        ("More Personal Computing",),
        owner="MSFT",
    ),
    Dimension(
        "TCEHY.FBS",
        "segment",
        "Tencent FinTech and Business Services",
        (
            "FinTech and Business Services",
            "Fintech and Business Services",
            "Tencent Cloud",
            "腾讯云",
        ),
        owner="TCEHY",
        note="Tencent does not report cloud revenue alone; cloud sits in FBS.",
    ),
    Dimension(
        "ORCL.OCI",
        "segment",
        "Oracle Cloud Infrastructure",
        ("OCI", "Oracle Cloud Infrastructure", "cloud infrastructure"),
        owner="ORCL",
        # what other companies call their own infrastructure too: Oracle's only in context
        shared_aliases=("infrastructure business", "infrastructure segment"),
    ),
    Dimension(
        "ORCL.CLOUD",
        "segment",
        "Oracle cloud services (IaaS + SaaS)",
        ("cloud revenue", "cloud revenues", "total cloud revenue", "total cloud revenues"),
        owner="ORCL",
    ),
    Dimension(
        "BIDU.AICLOUD",
        "segment",
        "Baidu AI Cloud",
        ("AI Cloud", "Baidu AI Cloud", "Baidu Intelligent Cloud", "百度智能云"),
        owner="BIDU",
    ),
    Dimension(
        "BABA.TAOBAO",
        "segment",
        "Taobao and Tmall Group",
        (
            "Taobao and Tmall Group",
            "Taobao and Tmall",
            "Taobao & Tmall Group",
            "淘天集团",
            "Taotian",
        ),
        owner="BABA",
    ),
    Dimension(
        "BABA.CMR",
        "segment",
        "Customer management revenue (Taobao and Tmall Group)",
        ("customer management revenue", "CMR"),
        owner="BABA",
        note="A revenue line inside Taobao and Tmall Group, not a segment of its own.",
        names_owner=False,
    ),
    Dimension(
        "BABA.AIDC",
        "segment",
        "Alibaba International Digital Commerce Group",
        ("Alibaba International Digital Commerce Group", "AIDC", "International Digital Commerce"),
        owner="BABA",
    ),
    Dimension(
        "TCEHY.VAS",
        "segment",
        "Tencent Value-added Services",
        ("Value-added Services", "Value-Added Services", "value-added services", "VAS"),
        owner="TCEHY",
        names_owner=False,
    ),
    Dimension(
        "TCEHY.DOMESTIC_GAMES",
        "segment",
        "Tencent domestic market games",
        ("domestic games", "domestic market games", "本土市场游戏", "本土市場遊戲"),
        owner="TCEHY",
        note="A revenue line inside Value-added Services, not a segment of its own.",
        names_owner=False,
    ),
    Dimension(
        "TCEHY.INTL_GAMES",
        "segment",
        "Tencent international market games",
        (
            "international games",
            "international market games",
            "overseas games",
            "国际市场游戏",
            "國際市場遊戲",
        ),
        owner="TCEHY",
        note="A revenue line inside Value-added Services, not a segment of its own.",
        names_owner=False,
    ),
    Dimension(
        "TCEHY.MARKETING",
        "segment",
        "Tencent Marketing Services",
        (
            "Marketing Services",
            "marketing services",
            "Marketing-services",
            "marketing-services",
            "online advertising",
            "advertising revenue",
            "advertising revenues",
        ),
        owner="TCEHY",
        note="Tencent's online advertising segment.",
        names_owner=False,
    ),
    Dimension(
        "BIDU.CORE",
        "segment",
        "Baidu Core",
        ("Baidu Core",),
        owner="BIDU",
        note="Baidu's segment other than iQIYI (online marketing plus non-online marketing).",
    ),
    Dimension(
        "BIDU.NON_ONLINE",
        "segment",
        "Baidu Core non-online marketing",
        (
            "non-online marketing revenue",
            "non-online marketing",
            "non-online-marketing revenue",
            "non-online-marketing",
        ),
        owner="BIDU",
        note="Baidu Core revenue other than online marketing (mainly AI Cloud); the longer name "
        "keeps 'online marketing' inside it from naming BIDU.ONLINE_MARKETING.",
        names_owner=False,
    ),
    Dimension(
        "BIDU.ONLINE_MARKETING",
        "segment",
        "Baidu Core online marketing services",
        (
            "online marketing revenue",
            "online marketing services",
            "online marketing",
            "online advertising",
            "online advertising revenue",
        ),
        owner="BIDU",
        note="Baidu Core's advertising revenue line.",
        names_owner=False,
    ),
    Dimension(
        "AMZN.ADS",
        "segment",
        "Amazon advertising services",
        (
            "advertising services",
            "advertising",
            "advertising revenue",
            "advertising sales",
            "ad revenue",
            "ad sales",
        ),
        owner="AMZN",
        note="A net-sales category of Amazon, not a reporting segment.",
        names_owner=False,
    ),
    Dimension(
        "META.FOA",
        "segment",
        "Meta Family of Apps",
        ("Family of Apps",),
        owner="META",
    ),
    Dimension(
        "META.RL",
        "segment",
        "Meta Reality Labs",
        ("Reality Labs",),
        owner="META",
    ),
    Dimension(
        "BIDU.AICLOUD_INFRA",
        "segment",
        "Baidu AI Cloud Infra",
        ("AI Cloud Infra", "AI cloud infrastructure"),
        owner="BIDU",
        note="A narrower line Baidu reports from Q4 2025 (cloud, model API and compute "
        "leasing); not comparable with the broader AI Cloud of earlier quarters.",
        names_owner=False,  # a sub-line: "its cloud business" still means BIDU.AICLOUD
    ),
    Dimension(
        "CN_CLOUD",
        "market",
        "Mainland China cloud infrastructure services",
        ("China cloud", "China's cloud", "mainland China cloud", "Chinese cloud"),
    ),
    Dimension(
        "GLOBAL_CLOUD",
        "market",
        "Global cloud infrastructure services",
        ("global cloud", "worldwide cloud", "cloud infrastructure market"),
    ),
    Dimension(
        "QWEN3", "model", "Qwen3 (Qwen3-235B-A22B flagship)", ("Qwen3", "Qwen 3"), owner="BABA"
    ),
)

_METRICS: tuple[Metric, ...] = (
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
        "GAAP/IFRS operating income as a percentage of revenue, as reported or derived.",
        "percent",
        ("operating margin",),
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
        "remaining_performance_obligations",
        "Remaining performance obligations",
        "Contracted revenue not yet recognised (RPO), at the period's end: of the company, "
        "or of one segment where the company states it (AWS backlog, Google Cloud backlog).",
        "money",
        ("RPO", "remaining performance obligations", "backlog"),
        allows_dimension="segment",
    ),
)

MARKET_ENTITY = "MARKET"


@dataclass(frozen=True)
class Registry:
    """Look-ups over entities, dimensions and metrics.

    >>> reg = default_registry()
    >>> reg.resolve("阿里巴巴").id
    'BABA'
    >>> reg.resolve("cik:1640147").name
    'SEC filer CIK 1640147'
    >>> reg.metric("capex").unit_kind
    'money'
    """

    entities: Mapping[str, Entity]
    dimensions: Mapping[str, Dimension]
    metrics: Mapping[str, Metric]
    _aliases: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for e in self.entities.values():
            for name in (e.id, e.name, *e.aliases, *e.listings):
                self._aliases.setdefault(normalise_alias(name), e.id)
            if e.cik is not None:
                self._aliases.setdefault(f"cik:{e.cik}", e.id)
        # A segment's name ("AWS", "Google Cloud") also names its owner in running text.
        for d in self.dimensions.values():
            if d.owner in self.entities and d.names_owner:
                for name in (d.name, *d.aliases):
                    self._aliases.setdefault(normalise_alias(name), d.owner)

    def resolve(self, name: str) -> Entity:
        """The entity for an id, alias, listing or ``cik:<number>``.

        An unknown ``cik:<number>`` resolves to a placeholder SEC filer on a calendar
        fiscal year; ingest registers the real fiscal year end with :meth:`with_entities`.
        """
        text = name.strip()
        if text.upper() in self.entities:
            return self.entities[text.upper()]
        if text.lower().startswith("cik:"):
            number = text[4:].strip().lstrip("0")
            if not number.isdigit():
                raise UnknownEntityError(f"{name!r} is not a valid cik:<number> id")
            found = self._aliases.get(f"cik:{number}")
            if found:
                return self.entities[found]
            return Entity(f"cik:{number}", f"SEC filer CIK {number}", cik=int(number))
        found = self._aliases.get(normalise_alias(text))
        if found is None:
            known = ", ".join(sorted(self.entities))
            raise UnknownEntityError(
                f"unknown entity {name!r}; use one of {known}, an alias, or cik:<number>"
            )
        return self.entities[found]

    def entity_id(self, name: str) -> str:
        """The canonical id for an id, alias or ``cik:<number>``."""
        if name == MARKET_ENTITY:
            return MARKET_ENTITY
        return self.resolve(name).id

    def calendar(self, entity: str) -> FiscalCalendar:
        """The fiscal calendar of an entity (markets and ``MARKET`` use calendar years)."""
        if entity == MARKET_ENTITY:
            return FiscalCalendar(12)
        return self.resolve(entity).calendar

    def metric(self, name: str) -> Metric:
        """A metric by id."""
        try:
            return self.metrics[name]
        except KeyError:
            raise UnknownMetricError(
                f"unknown metric {name!r}; run `capexlens metrics` to list them "
                f"({', '.join(sorted(self.metrics))})"
            ) from None

    def dimension(self, dim_id: str) -> Dimension:
        """A segment, market or model by id."""
        try:
            return self.dimensions[dim_id]
        except KeyError:
            raise UnknownEntityError(
                f"unknown segment/market/model {dim_id!r}; known: "
                f"{', '.join(sorted(self.dimensions))}"
            ) from None

    def with_entities(self, extra: Iterable[Entity]) -> Registry:
        """A new registry that also knows ``extra`` (e.g. SEC filers found in the store)."""
        merged = dict(self.entities)
        for e in extra:
            merged.setdefault(e.id, e)
        return Registry(merged, self.dimensions, self.metrics)

    def covered(self) -> list[Entity]:
        """The companies the curated dataset covers, in registry order."""
        return [e for e in self.entities.values() if e.covered and not e.id.startswith("cik:")]


@cache
def default_registry() -> Registry:
    """The built-in registry (immutable, so caching it hides no state)."""
    return Registry(
        {e.id: e for e in _ENTITIES},
        {d.id: d for d in _DIMENSIONS},
        {m.id: m for m in _METRICS},
    )
