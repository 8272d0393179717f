"""Which XBRL concepts of SEC company facts feed which capexlens metric, and how.

The table here is the single source of truth for the mapping; ``docs/sec-concepts.md``
documents it for readers. Concepts not listed are never read, so a company-facts file
is filtered down to a few hundred records before any :class:`~decimal.Decimal` is built.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ANNUAL_FORMS",
    "CONCEPTS",
    "CONCEPTS_BY_QNAME",
    "CONCEPTS_BY_TAXONOMY",
    "ISO_4217",
    "ConceptRule",
    "unit_problem",
]


@dataclass(frozen=True, slots=True, eq=False)
class ConceptRule:
    """One XBRL concept that reports a capexlens metric.

    ``priority`` breaks ties when two concepts of one metric appear in the same most
    recent filing for a period (lower wins). ``instant`` marks point-in-time concepts
    (a value at a day); all others are durations with a start date. ``unit_kind`` is
    ``money`` (an ISO 4217 unit) or ``count`` (the XBRL unit ``shares``). Rules are
    constants compared by identity (``eq=False``), which keeps grouping cheap.

    >>> CONCEPTS_BY_TAXONOMY["us-gaap"]["PaymentsToAcquireProductiveAssets"].metric
    'capex'
    """

    taxonomy: str
    concept: str
    metric: str
    priority: int
    basis: str
    instant: bool = False
    unit_kind: str = "money"
    qname: str = ""  # ``taxonomy:concept``, as locators and basis notes print it

    def __post_init__(self) -> None:
        object.__setattr__(self, "qname", f"{self.taxonomy}:{self.concept}")


def _rule(
    qname: str,
    metric: str,
    priority: int,
    basis: str,
    *,
    instant: bool = False,
    unit_kind: str = "money",
) -> ConceptRule:
    taxonomy, concept = qname.split(":")
    return ConceptRule(taxonomy, concept, metric, priority, basis, instant, unit_kind)


CONCEPTS: tuple[ConceptRule, ...] = (
    _rule("us-gaap:PaymentsToAcquirePropertyPlantAndEquipment", "capex", 0,
          "cash paid to purchase property, plant and equipment (investing cash flows); "
          "excludes assets acquired under finance leases"),
    _rule("us-gaap:PaymentsToAcquireProductiveAssets", "capex", 1,
          "cash paid for productive assets: property and equipment including internal-use "
          "software and website development (Amazon's purchases of property and equipment "
          "since about 2017); excludes finance leases"),
    _rule("ifrs-full:PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities",
          "capex", 2,
          "cash paid to purchase property, plant and equipment, classified as investing "
          "activities (IFRS); excludes leases"),
    _rule("us-gaap:Revenues", "revenue", 0, "total revenues as reported"),
    _rule("us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax", "revenue", 1,
          "revenue from contracts with customers (ASC 606), excluding taxes collected"),
    _rule("us-gaap:SalesRevenueNet", "revenue", 2,
          "net sales revenue (the pre-2018 concept, before ASC 606)"),
    _rule("ifrs-full:Revenue", "revenue", 3, "revenue as reported under IFRS"),
    _rule("us-gaap:PaymentsForRepurchaseOfCommonStock", "share_repurchases", 0,
          "cash paid to repurchase common stock (financing cash flows)"),
    _rule("ifrs-full:PaymentsToAcquireOrRedeemEntitysShares", "share_repurchases", 1,
          "cash paid to acquire or redeem the entity's own shares (IFRS)"),
    _rule("us-gaap:PaymentsOfDividendsCommonStock", "dividends", 0,
          "cash dividends paid to common shareholders"),
    _rule("us-gaap:PaymentsOfDividends", "dividends", 1,
          "cash dividends paid, all classes of stock"),
    _rule("ifrs-full:DividendsPaidClassifiedAsFinancingActivities", "dividends", 2,
          "dividends paid, classified as financing activities (IFRS)"),
    _rule("us-gaap:NetCashProvidedByUsedInOperatingActivities", "operating_cash_flow", 0,
          "net cash provided by (used in) operating activities"),
    _rule("ifrs-full:CashFlowsFromUsedInOperatingActivities", "operating_cash_flow", 1,
          "cash flows from (used in) operating activities (IFRS)"),
    _rule("dei:EntityCommonStockSharesOutstanding", "shares_outstanding", 0,
          "common shares outstanding as stated on the cover page of the filing, at the "
          "date given there (after the period end)", instant=True, unit_kind="count"),
)  # fmt: skip

CONCEPTS_BY_QNAME: dict[str, ConceptRule] = {r.qname: r for r in CONCEPTS}
CONCEPTS_BY_TAXONOMY: dict[str, dict[str, ConceptRule]] = {}
for _r in CONCEPTS:
    CONCEPTS_BY_TAXONOMY.setdefault(_r.taxonomy, {})[_r.concept] = _r
del _r

ANNUAL_FORMS = frozenset({"10-K", "10-K/A", "10-KT", "10-KT/A", "20-F", "20-F/A", "40-F", "40-F/A"})
"""Forms whose full-year durations reveal the fiscal year end."""

# Active ISO 4217 codes plus the retired ones that XBRL filings since 2009 can carry
# (VEF, LTL, LVL, EEK, BYR, MRO, STD, ZMK, HRK, SLL).
_ISO_CODES = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD
    BTN BWP BYN BYR BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK
    DOP DZD EEK EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF
    IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD
    LSL LTL LVL LYD MAD MDL MGA MKD MMK MNT MOP MRO MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN
    NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK
    SGD SHP SLE SLL SOS SRD SSP STD STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH
    UGX USD USN UYI UYU UYW UZS VED VEF VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMK ZMW
    ZWG ZWL
"""
ISO_4217 = frozenset(_ISO_CODES.split())


def unit_problem(rule: ConceptRule, unit: str) -> str:
    """Why ``unit`` cannot carry ``rule``'s metric, or ``""`` if it can.

    >>> rule = CONCEPTS_BY_TAXONOMY["us-gaap"]["Revenues"]
    >>> unit_problem(rule, "USD")
    ''
    >>> unit_problem(rule, "USD/shares")
    "unknown unit 'USD/shares' for a money concept: expected an ISO 4217 currency code such as USD"
    """
    if rule.unit_kind == "count":
        if unit == "shares":
            return ""
        return f"unknown unit {unit!r} for a share count: expected 'shares'"
    if unit in ISO_4217:
        return ""
    return (
        f"unknown unit {unit!r} for a money concept: expected an ISO 4217 currency code such as USD"
    )
