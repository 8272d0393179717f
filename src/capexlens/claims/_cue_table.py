"""The cue table: words that say what a figure measures, as (pattern, metric) rows.

A row's metric is a metric id of the vocabulary, or :data:`FOREIGN` for a measure the
store does not track; the linker ranks the cues around a figure
(:mod:`capexlens.claims._names` scans them). Longer rows win over rows they contain.
"""

from __future__ import annotations

import re

__all__ = ["CUES", "FOREIGN", "FX_IMPACT_WORDS", "ZH_PER_SHARE"]

ZH_PER_SHARE = re.compile(r"(?:摊薄|攤薄)?每股(?:摊薄|攤薄)?(?:收益|盈利)")
FOREIGN = "?"  # a metric the store does not track: the claim stays unlinked
# "a $0.9 billion unfavorable impact from foreign exchange rates": also read right after a
# figure by the linker, where it outranks an "excluding" before the figure
FX_IMPACT_WORDS = (
    r"(?:(?:un)?favou?rable |negative |positive )?(?:impact|effect)s? (?:from|of) "
    r"(?:year-over-year )?(?:changes in )?(?:foreign exchange|FX|currenc(?:y|ies))"
)
# Chinese results vocabulary. A profit word followed by 率 is a margin, not the profit.
_ZH_NON_IFRS = (
    r"(?:非国际财务报告准则|非國際財務報告準則|非国际会计准则|非國際會計準則|非会计准则|非會計準則|"
    # US-listed filers: "非公认会计准则" (non-GAAP)
    r"非公认会计准则|非公認會計準則|非美国通用会计准则|非美國通用會計準則|"
    # "非国际净利润": pages shorten 非国际财务报告准则 to its first three characters
    r"经调整|經調整|调整后|調整後|非国际|非國際|non\s?-\s?ifrs|non\s?-\s?gaap|"
    # "非IFRS經營盈利": the standard's Latin initials after 非
    r"非\s?(?:IFRS|GAAP|ifrs|gaap))"
)
# a loss is the same line below zero ("录得经营亏损150.91亿元"): the figure reads negative
_ZH_OP_PROFIT = (
    r"(?:经营利润|經營利潤|经营溢利|經營溢利|经营盈利|經營盈利|营业利润|營業利潤|经营亏损|經營虧損|"
    r"营业亏损|營業虧損)"
    r"(?!率)"
)
# "凈" is a third form of 净/淨 that Hong Kong and Taiwan pages print
_ZH_NET_PROFIT = r"(?:[净淨凈]利[润潤]|纯利|純利|[净淨凈][亏虧]损|[净淨凈]虧損)(?!率)"
_ZH_OP_MARGIN = r"(?:经营|經營|营业|營業)(?:利润|利潤)率"
_ZH_ATTRIBUTABLE = (
    r"(?:(?:本公司)?(?:权益持有人|權益持有人|股东|股東)(?:应占|應佔)|归属于母公司股东的|"
    r"歸屬於母公司股東的|归母|"
    # "归属于百度的净利润", "歸屬于普通股股東的": attributable to the company, named
    r"(?:[归歸][属屬][于於])[^，。,的]{1,10}的)"
)
CUES: tuple[tuple[str, str], ...] = (
    (
        r"(?:capital expenditures?|capex) (?:including|and|plus) finance leases?"
        r"(?: acquisitions| assets)?",
        "capex_incl_finance_leases",
    ),
    (
        r"purchases? of property,? (?:plant )?and equipment|cash capex|cash capital "
        r"expenditures?|additions to property,? (?:plant )?and equipment|"
        # money put "into" property and equipment; the bare words are a balance-sheet line
        r"(?:into|on) property,? (?:plant )?and equipment",
        "capex!",
    ),
    (
        r"capex|capital expenditures?|capital spending|capital investments?|資本開支|资本开支|"
        r"资本支出|資本支出|资本性支出|資本性支出|quarterly investment|"
        r"investments? in (?:AI|cloud|data cent\w+|infrastructure)",
        "capex",
    ),
    (r"spent|spend(?:s|ing)?", "capex~"),
    (
        r"(?:three|four|five|ten|\d+)[- ]year (?:plan|programme|program|commitment|investment|"
        r"budget)",
        "investment_commitment",
    ),
    (
        r"commitment|pledged?|plans? to invest|will invest|to invest|invest\w* over the next|"
        # "未来三年将投入3800亿元": what the company will put in over the coming years
        r"(?:未来|未來)(?:[一二三四五六七八九十]|\d{1,2})年(?:内|內)?(?:将|將|计划|計劃)?(?:投入|投资|投資)|"
        r"(?:将|將|计划|計劃|承诺|承諾)(?:投入|投资|投資)",
        "investment_commitment",
    ),
    (
        r"revenues?|sales|top[- ]line|turnover|营收|營收|总收入|總收入|营业收入|營業收入|收入|"
        r"[净淨]?(?:销售额|銷售額)",
        "revenue",
    ),
    (
        r"non-(?:GAAP|IFRS) operating (?:income|profits?)|adjusted operating (?:income|profits?)"
        rf"|{_ZH_NON_IFRS}\s*(?:下的?)?{_ZH_OP_PROFIT}"
        rf"|{_ZH_OP_PROFIT}\s*[（(]\s*(?:non\s?-\s?ifrs|非国际财务报告准则|非國際財務報告準則)\s*[)）]",
        "operating_income_non_gaap",
    ),
    (
        r"non-(?:GAAP|IFRS) (?:net income|net profits?|profits?)(?: attributable to [\w ]{0,40}?"
        r"(?:shareholders|holders))?|adjusted net (?:income|profits?)"
        rf"|{_ZH_NON_IFRS}\s*(?:下的?)?{_ZH_ATTRIBUTABLE}?(?:{_ZH_NET_PROFIT}|盈利(?!率))",
        "net_income_non_gaap",
    ),
    (
        r"non-(?:GAAP|IFRS) (?:diluted )?(?:EPS|earnings per (?:share|ADS))|adjusted (?:diluted )?"
        r"(?:EPS|earnings per (?:share|ADS))",
        "diluted_eps_non_gaap",
    ),
    (
        r"non-(?:GAAP|IFRS) operating (?:profit )?margins?"
        rf"|{_ZH_NON_IFRS}\s*(?:下的?)?{_ZH_OP_MARGIN}",
        "operating_margin_non_gaap",
    ),
    # table labels put the basis after the name: "Operating Income (Non-IFRS)"
    (
        r"operating (?:income|profits?) \((?:non-(?:GAAP|IFRS)|adjusted)\)",
        "operating_income_non_gaap",
    ),
    (
        r"(?:diluted )?(?:EPS|earnings per (?:share|ADS)) \((?:non-(?:GAAP|IFRS)|adjusted)\)",
        "diluted_eps_non_gaap",
    ),
    (
        r"(?:net income|net profits?|profits?) \(non-(?:GAAP|IFRS)(?:, attributable)?\)",
        "net_income_non_gaap",
    ),
    (rf"operating (?:profit |income )?margins?|{_ZH_OP_MARGIN}", "operating_margin"),
    (
        r"operating (?:income|profits?)|income from operations|operating loss(?:es)?"
        rf"|{_ZH_OP_PROFIT}",
        "operating_income",
    ),
    (
        r"(?:net income|net profits?|profits?) attributable to [\w ]{0,40}?(?:shareholders|holders|"
        # "attributable to Baidu's core" is the unit's, not the company's
        # "股東應佔盈利": Hong Kong releases name the attributable profit with 盈利
        rf"Baidu(?!['’]s\s+core|\s+Core)|the company)"
        rf"|{_ZH_ATTRIBUTABLE}(?:{_ZH_NET_PROFIT}|盈利(?!率))",
        "net_income_attributable",
    ),
    (
        rf"net (?:income|profits?|earnings)|net loss(?:es)?|{_ZH_NET_PROFIT}|净收入",
        "net_income",
    ),
    # news style: "quarterly profit", "third-quarter profit" is the bottom line
    (
        r"(?:quarterly|annual|full[- ]year|half[- ]year(?:ly)?|(?:first|second|third|fourth)"
        r"[- ]quarter) profits?",
        "net_income",
    ),
    (
        # not "per share" alone: a share price is per share too
        r"diluted (?:EPS|earnings per (?:share|ADS))|EPS|earnings per (?:share|ADS)|"
        r"per diluted (?:share|ADS)",
        "diluted_eps",
    ),
    # "攤薄每股美國存托股收益為20.39元": per ADS, as the store holds it; "每股收益2.55元" is
    # per ordinary share (an eighth of an Alibaba ADS), which it does not
    (
        r"(?:摊薄|攤薄)?每股(?:美国|美國)?存[托託]股(?:收益|盈利)|(?:摊薄|攤薄)?每股ADS(?:收益|盈利)",
        "diluted_eps",
    ),
    # per ordinary share: the store's figure of a company that reports per share (Tencent),
    # a fraction of one that reports per ADS; the linker tells them apart
    (r"(?:摊薄|攤薄)?每股(?:摊薄|攤薄)?(?:收益|盈利)", FOREIGN),
    (
        FX_IMPACT_WORDS
        + r"(?: rates)?|(?:foreign exchange|FX|currency) (?:impact|effect|headwind|tailwind)s?",
        "revenue_fx_impact",
    ),
    (
        r"(?:on an? )?(?:like-for-like|underlying|comparable) basis|like-for-like",
        "revenue_like_for_like",
    ),
    (
        r"remaining performance obligations?|RPO|backlog|剩余履约义务|剩餘履約義務",
        "remaining_performance_obligations",
    ),
    (
        r"(?:annual(?:i[sz]ed)? )?(?:revenue )?run[- ]rate(?: revenue)?|annuali[sz]ed revenue",
        "segment_revenue_run_rate",
    ),
    (
        r"operating cash ?flows?|cash (?:flow )?from op(?:eration)?s\b|"
        r"net cash provided by operating|"
        r"cash (?:flows? )?(?:provided )?(?:from|by) operating activities",
        "operating_cash_flow",
    ),
    (r"free cash ?flows?|FCF", "free_cash_flow"),
    (
        r"(?:stock |share )?buybacks?|(?:stock|share) repurchases?|repurchased|repurchases?|"
        r"bought back|buy back|回购|回購",
        "share_repurchases",
    ),
    (r"dividends?(?! yield)|股息|派息", "dividends"),
    (r"returned to shareholders|capital returns?|shareholder returns", "shareholder_returns"),
    (r"market share|share of (?:the )?(?:[\w’']+ )?market", "market_share"),
    (
        r"market size|cloud (?:infrastructure )?spending|spending on [\w’' ]{0,30}?cloud|"
        # "Market Data and Key Metrics Changes": a transcript summary's heading
        r"market(?!\s+data\b)",
        "market",
    ),
    (
        r"net reduction|share count|reduc\w+ (?:its |the )?(?:outstanding )?shares|"
        r"(?:shares outstanding|outstanding shares)",
        "shares",
    ),
    # counts of customers: only their growth is tracked (a count itself reads as foreign)
    (r"new (?:[\w-]+ ){0,2}customers|customer wins|customer additions", "new_customers"),
    (r"customers|customer (?:numbers|count|base)", "customers"),
    (r"activated parameters|active parameters", "model_active_parameters"),
    (r"parameters|params", "model_parameters"),
    (
        r"guidance|guid(?:ed|es|ing)|outlook|forecast|budget|expects?|expected|projects?|plans?|"
        r"planned",
        "guide",
    ),
    (
        r"profits?|earnings|EBITDA|EBITA|EBIT|margins?|users?|members?|membership|"
        r"subscribers?|developers?|deals?|"
        r"contracts?|clients|stock|share price|shares (?:of|rose|fell|jumped|surged|dropped|"
        r"climbed|gained|slid|closed|traded|were|are|soared|rallied)|the shares|market (?:cap|"
        r"capitali[sz]ation|value)|valuation|net cash|cash position|worth|employees|headcount|"
        r"GMV|gross merchandise|orders|tokens|price|yield|like-for-like|underlying|excluding|"
        r"cash pile|cash hoard|cash reserves?|cash and (?:cash )?equivalents|"
        r"cash and marketable securities|"
        r"ex-FX|constant currency|non-GAAP|non-IFRS|gross profit|cost of revenues?|expenses?|"
        r"(?:operating |total )?costs|"
        r"(?:short-term\s+|long-term\s+)?(?:deferred|unearned)\s+revenues?|"
        r"R&D|advertising|ad sales|ad revenue|online marketing|marketing services|"
        r"subscriptions?|gaming|e-commerce|commerce|trading|analysts?|consensus|estimates?|"
        r"expectations?|AI-related|products?|"
        # a part of revenue: "other revenue", a region's ("revenue in the Americas"), a
        # revenue per user or person (ARPU, ARPP)
        r"other revenues?|(?:average )?revenues? per (?:\w+ )?(?:user|person|member|"
        r"subscriber|customer|account)|ARPU|ARPPU|ARPP|"
        r"(?:revenues?|sales) (?:in|from) (?:the )?(?:Americas|EMEA|Europe|APAC|Asia[- ]Pacific|"
        r"Japan|Greater China)|(?:Americas|EMEA|APAC|Asia[- ]Pacific|European|Japan) (?:revenues?|"
        r"sales)|"
        r"(?:value-added|financial|business) services|(?:effective )?tax rates?|税率|稅率|"
        # cash paid for capex and for leases: Tencent's capex is what it added, not paid
        r"(?:资本开支|資本開支|资本支出|資本支出)(?:的)?付款|(?:租赁|租賃)(?:负债|負債)?(?:的)?付款|"
        r"lease (?:liabilit(?:y|ies) )?payments?|payments? (?:for|of) lease(?:s| liabilities)|"
        # gross profit and margins, R&D, share price and market value, users; a share of
        # revenue ("占营收15%") is no revenue figure
        r"毛利率?|毛利润|毛利潤|利润率|利潤率|溢利率|净利率|淨利率|研发|研發|股价|股價|收报|收報|"
        r"收市|收盘|收盤|市值|月活跃?|活跃账户|活躍賬戶|用户|用戶|ai相关|ai相關|"
        r"占(?:总|總)?(?:营收|營收|收入|营业收入|營業收入)|占比|(?<!去年)(?<!上年)同期|预期|預期|市场预期|分析师|分析師",
        FOREIGN,
    ),
)
