"""The patterns claim extraction reads text with: sentences, periods, figures and cue words.

Everything here is a compiled regex or a small table, built once at import. The number
grammar itself (currency markers, scale words, number words) comes from
:mod:`capexlens.amounts`, so an article figure reads exactly as a curated one does.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal

from capexlens.amounts import NUMBER_WORDS, digit_figure_start, figure_pattern

__all__ = [
    "APPROX_BEFORE",
    "COMPARATIVE_RE",
    "FIGURE_RE",
    "FLAT_RE",
    "FRACTION_RE",
    "MULTIPLE_RE",
    "NDIGIT_RE",
    "ORDINAL_RE",
    "RECORD_RE",
    "SKIP_RE",
    "find_period_phrases",
    "split_sentences",
]

# --- scanning --------------------------------------------------------------------------


def lowered(text: str) -> str:
    """``text`` in lower case, one character for one so that offsets still hold.

    >>> lowered("Q2 İ"), len(lowered("İ"))
    ('q2 İ', 1)
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class Keyed:
    """A pattern scanned only near its key words, because scanning all text is slow.

    Python's ``re`` tries a case-insensitive pattern that starts with optional words at
    every offset; a case-sensitive key of plain words, looked for in the lower-cased text,
    is found many times faster. Every match of ``full`` must contain a match of ``key``
    (lower case) and be shorter than ``margin``, so the windows around keys hold them all.
    With ``back`` set, ``full`` is instead tried only at the starts of the key's word and
    of the ``back`` words before it (for patterns that are costly to run over windows).
    """

    __slots__ = ("back", "full", "key", "margin")

    def __init__(
        self, full: re.Pattern[str], key: str, margin: int = 80, back: int | None = None
    ) -> None:
        self.full = full
        self.key = re.compile(key)
        self.margin = margin
        self.back = back

    def finditer(self, text: str, low: str | None = None) -> Iterator[re.Match[str]]:
        """The matches of ``full`` in ``text`` (``low`` is :func:`lowered` text, if at hand)."""
        keys = self.key.finditer(lowered(text) if low is None else low)
        if self.back is not None:
            yield from self._anchored(text, keys, self.back)
            return
        windows: list[list[int]] = []
        for k in keys:
            lo, hi = max(k.start() - self.margin, 0), min(k.end() + self.margin, len(text))
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
        for lo, hi in windows:
            yield from self.full.finditer(text, lo, hi)

    def _anchored(
        self, text: str, keys: Iterator[re.Match[str]], back: int
    ) -> Iterator[re.Match[str]]:
        """Leftmost matches of ``full`` that start a few words before a key and cover it."""
        done = 0
        for k in keys:
            if k.start() < done:
                continue
            for start in _word_starts(text, k.start(), back, done):
                m = self.full.match(text, start)
                if m is not None and m.end() > k.start():
                    yield m
                    done = m.end()
                    break


_WORD_RE = re.compile(r"[^\s(\[{\"“‘']\S*")


def _word_starts(text: str, pos: int, back: int, floor: int) -> list[int]:
    """Offsets where the ``back`` words before ``pos`` and the word at ``pos`` start, and ``pos``.

    Leading brackets and quotes are not part of a word. Offsets are ascending, none below
    ``floor``.
    """
    lo = max(floor, pos - 24 * (back + 1))
    starts = [m.start() for m in _WORD_RE.finditer(text, lo, pos)]
    if lo > floor and starts and starts[0] == lo and not text[lo - 1].isspace():
        starts = starts[1:]  # a word cut by the window is no word start
    at_word = pos > floor and not text[pos - 1].isspace()
    keep = back + 1 if at_word else back
    return [*starts[-keep:], pos] if keep else [pos]


# --- sentences -------------------------------------------------------------------------

# Words whose trailing period ends no sentence ("Inc.", "U.S.", "a.m.", "Aug. 31").
_ABBREVIATIONS = frozenset(
    [
        *("inc", "corp", "co", "ltd", "plc", "llc", "no", "nos", "vs", "mr", "mrs", "ms", "dr"),
        *("st", "jr", "sr", "a.m", "p.m", "e.g", "i.e", "u.s", "u.k", "u.n", "approx", "est"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    ]
)
_BOUNDARY_RE = re.compile(
    r"[.!?][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z])|\n"
    # Chinese full stops end a sentence with no space after them
    r"|[。！？][\"”’')）\]」』]*"
    # bullets run together on one line: "... in Q2 2024 [1] - Costs and expenses rose ...",
    # "... $8.5 billion • Capex was ..."
    r"|\[\d{1,3}\]\s*[-–•](?=\s+[A-Z])|\s•(?=\s)"
    # labelled bullets run together: "Highlights: - Revenue: RMB 660.3 billion - EPS: ..."
    r"|\s(?=[-–]\s+[A-Z][\w&/() -]{0,40}:\s)"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the sentences of ``text``, outer whitespace trimmed.

    A line break always ends a sentence (headlines, bullets); a full stop does unless it
    closes a known abbreviation or an initial.

    >>> t = "Alibaba Group Holding Inc. grew 2%. U.S. curbs bite.\\nNew line"
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Alibaba Group Holding Inc. grew 2%.', 'U.S. curbs bite.', 'New line']
    >>> t = "Revenue rose 22% [1] - Net income rose 36% [1] • Capex was $17 billion"
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Revenue rose 22% [1] -', 'Net income rose 36% [1] •', 'Capex was $17 billion']
    """
    return list(_sentences(text))


# Why cached: extraction and linking both split the article they are given; a few recent
# texts are kept (the cache holds immutable strings and tuples only).
@functools.lru_cache(maxsize=4)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        if match.group() != "\n" and _is_abbreviation(text, match.start()):
            continue
        _add_trimmed(text, start, match.end(), spans)
        start = match.end()
    _add_trimmed(text, start, len(text), spans)
    return tuple(spans)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation rather than a sentence."""
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] != "(":
        word_start -= 1
    word = text[word_start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _add_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``(start, end)`` without its outer whitespace, unless nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# --- period phrases --------------------------------------------------------------------

_MONTHS = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_YEAR = r"(?:19|20)\d{2}(?![\d%]|[.,]\d)"  # not "2041.55亿元"
_SHORT_YEAR = r"(?:'?\d{2}(?!\d)|" + _YEAR + ")"
_ORD_WORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_QUARTER_NAME = r"(?:" + _ORD_WORD + r"[- ]quarter)"
_FISCAL_YEAR = r"(?:fiscal\s+(?:year\s+)?|FY\s?|calendar\s+(?:year\s+)?|CY\s?)" + _SHORT_YEAR
_DATE = (
    _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?(?!\d)(?:,?\s+" + _YEAR + r")?"
    r"|\d{1,2}\s+" + _MONTHS + r"(?:,?\s+" + _YEAR + r")?"
    r"|" + _YEAR + r"-\d{2}-\d{2}"
    r"|" + _MONTHS + r"\s+" + _YEAR
)
_RELATIVE = (
    r"(?:the\s+)?(?:past|last|previous|prior|current|upcoming|coming|next|latest|most\s+recent|trailing|"
    r"recently\s+completed|same|year-ago|comparable)\s+(?:fiscal\s+)?"
    r"(?:(?:few|several|two|three|four|five|ten|\d+)\s+)?"
    r"(?:quarters?|years?|period|decade|half|months?|twelve\s+months)"
    r"(?:\s+(?:last|a)\s+year)?"
)
_PERIOD_SOURCES = [
    # Longest, most specific shapes first: the alternation takes the first that fits.
    r"(?:the\s+)?first\s+(?:three|six|nine)\s+months\s+of\s+(?:fiscal\s+)?" + _YEAR,
    r"(?:the\s+)?(?:three|six|nine|twelve|3|6|9|12)\s+months\s+(?:ended|ending|to|through)\s+"
    r"(?:" + _DATE + r"|" + _MONTHS + r"(?:\s+" + _YEAR + r")?)",
    # "the final quarter of 2024" is its fourth; "last quarter" alone is relative (below)
    r"(?:the\s+)?(?:final|last|closing)\s+quarter\s+of\s+(?:" + _FISCAL_YEAR + r"|" + _YEAR + r")",
    # "the third quarter of last year", "Q3 last year": one quarter of a year said relatively
    r"(?:the\s+)?(?:fiscal\s+)?(?:" + _QUARTER_NAME + r"|Q[1-4])\s+(?:of\s+)?(?:the\s+)?"
    r"(?:last|previous|prior|this|current|next)\s+(?:fiscal\s+)?year",
    r"(?:the\s+)?(?:fiscal\s+)?"
    + _QUARTER_NAME
    + r"(?:\s+(?:of\s+)?(?:"
    + _FISCAL_YEAR
    + r"|"
    + _YEAR
    + r"))?",
    _FISCAL_YEAR + r"(?:\s+" + _QUARTER_NAME + r"|\s*Q[1-4]|\s*H[12])?",
    r"(?:the\s+)?" + _MONTHS + r"[\s-]+quarter(?:\s+(?:of\s+)?" + _YEAR + r")?",
    r"(?:the\s+)?(?:first|second|1st|2nd)\s+half(?:\s+of\s+(?:the\s+)?(?:"
    + _FISCAL_YEAR
    + r"|"
    + _YEAR
    + r"))?",
    r"(?<![A-Za-z0-9])Q[1-4](?:\s*(?:FY\s?|CY\s?)?" + _SHORT_YEAR + r")?(?![A-Za-z0-9])",
    # year first, as data tables and machine translations print it: "2024 Q3", "2024Q3"
    r"(?<![$€£¥\d.,])" + _YEAR + r"\s?(?:Q[1-4]|H[12])(?![A-Za-z0-9])",
    r"(?<![A-Za-z0-9])[1-4]Q\s?" + _SHORT_YEAR,
    r"(?<![A-Za-z0-9])H[12](?:\s*(?:FY\s?)?" + _YEAR + r")?(?![A-Za-z0-9])",
    _DATE,
    # "the prior year quarter", "the prior-year period": the quarter a year earlier
    r"(?:the\s+)?(?:prior|previous|last)[- ]year(?:['’]s)?\s+(?:fiscal\s+)?(?:quarter|period)",
    _RELATIVE,
    r"(?:this|last|next|that)\s+(?:fiscal\s+)?(?:year|quarter)",
    r"(?:the\s+)?(?:full|whole|entire)[- ](?:fiscal[- ])?year",
    r"so\s+far\s+this\s+year|year[- ]to[- ]date|a\s+year\s+(?:earlier|ago|before)",
    r"(?<![$€£¥\d.,])" + _YEAR,
]
_PERIOD_RE = Keyed(
    re.compile(r"(?i)\b(?:" + "|".join(f"(?:{s})" for s in _PERIOD_SOURCES) + r")(?![A-Za-z])"),
    r"quarter|fiscal|fy|cy|q[1-4]|[1-4]q|h[12]|half|month|year|decade|period|(?:19|20)\d\d"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept?\.|oct\.|nov\.|dec\.",
    back=4,
)
_URL_RE = re.compile(r"https?://\S+|www\.\S+")


def find_period_phrases(text: str, low: str | None = None) -> list[tuple[int, int, str]]:
    """Spans of phrases that name a period or a day, for the linker to read.

    The phrases are returned as printed ("June quarter 2025", "fiscal year 2025",
    "Q2 2025", "past quarter", "Aug. 31"), without a leading "the"; numbers inside them are
    never claims. ``low`` is the :func:`lowered` text, if the caller has it at hand.

    >>> t = "In the June quarter 2025 and fiscal year 2025 (ended March 31, 2025), Q2 2025 rose."
    >>> [p for _, _, p in find_period_phrases(t)]
    ['June quarter 2025', 'fiscal year 2025', 'March 31, 2025', 'Q2 2025']
    """
    del low  # kept for callers; the cache lowers the text itself, once
    return list(_phrases_of(text))


# Why cached (on the text alone: its lower case follows from it): extraction and linking
# both read the period phrases of the article they are given.
@functools.lru_cache(maxsize=4)
def _phrases_of(text: str) -> tuple[tuple[int, int, str], ...]:
    found = []
    urls = [m.span() for m in _URL_RE.finditer(text)]  # in text order, never overlapping
    starts = [a for a, _ in urls]
    for match in _PERIOD_RE.finditer(text):
        # why bisect: a long page holds thousands of links; a scan per phrase was quadratic
        i = bisect_right(starts, match.start()) - 1
        if i >= 0 and match.start() < urls[i][1]:
            continue
        phrase = match.group()
        if phrase.lower().startswith("the "):  # callers want the phrase, not its article
            found.append((match.start() + 4, match.end(), phrase[4:]))
        else:
            found.append((match.start(), match.end(), phrase))
    return tuple(found)


# --- figures and what to skip ------------------------------------------------------------

# One figure (currency, number, scale, currency, percent) not glued to a word before it
# ("Q2", "Qwen2.5", "FY24") nor after it ("3rd", "5G").
_FIGURE_EDGES = (r"(?<![A-Za-z0-9_.,])", r"(?![A-Za-z0-9])")
# Why the lookahead: ``re`` tries the pattern at every offset not glued to a word, and its
# optional sign and currency markers cost several tests each; one class test of the first
# character a figure may have passes over the other offsets (a third faster, same matches).
FIGURE_RE = re.compile(
    _FIGURE_EDGES[0]
    + f"(?={digit_figure_start()})"
    + figure_pattern("f", words=False)
    + _FIGURE_EDGES[1]
)


# ``\[...\]|\(...\)|\((?:NYSE|...)...\)|https?://\S+|www\.\S+|\b\d{1,2}[:.]...``, led by one
# character class (the alternatives' first characters, then a look back at which it was):
# ``re`` skips to the next such character instead of trying every alternative at every
# offset; same spans.
SKIP_RE = re.compile(
    r"[\[(hw\d]"
    r"(?:(?<=\[)\s*(?:\d+(?:\s*[,–-]\s*\d+)*|[A-Za-z]{2,10}\s*:\s*[\w.]+)\s*\]"  # [1], [HKG: 9988]
    r"|(?<=\()\s*[A-Z]{1,6}(?:\.[A-Z]{1,3})?\s*:?\s*[-+−]?\d+(?:\.\d+)?%\s*\)"  # (ORCL -0.89%)
    r"|(?<=\()(?:NYSE|NASDAQ|Nasdaq|HKEX|HKG|SEHK|SSE|SZSE|TSE|LSE|OTC)\s*:\s*[\w.]+\)"
    r"|(?<=h)ttps?://\S+|(?<=w)ww\.\S+"
    r"|(?<=\b\d)\d?[:.]\d{2}\s*(?:[ap]\.?m\.?|ET|GMT|UTC))"  # 10:42 a.m.
)

# --- cue words -------------------------------------------------------------------------

_UP = (
    # "made up 12% of revenue" is a share, not a rise
    r"(?<!made\s)(?<!makes\s)(?<!make\s)(?<!making\s)up|rose|rise[sn]?|rising|grew|grow[sn]?|growing|increased?|increases|increasing|"
    r"jump(?:ed|s|ing)?|surg(?:ed|es?|ing)|soar(?:ed|s|ing)?|climb(?:ed|s|ing)?|"
    r"gain(?:ed|s|ing)?|add(?:ed|s|ing)|expand(?:ed|s|ing)?|advanc(?:ed|es?|ing)|"
    r"rall(?:ied|ies|y|ying)|boost(?:ed|s|ing)?|accelerat(?:ed|es?|ing)|higher|"
    r"skyrocket(?:ed|s|ing)?|spik(?:ed|es?|ing)"
)
_DOWN = (
    r"down|fell|fall(?:s|ing|en)?|drop(?:ped|s|ping)?|declin(?:ed|es?|ing)|"
    r"decreas(?:ed|es?|ing)|shr[au]nk|shrink(?:s|ing)?|slump(?:ed|s|ing)?|"
    r"plung(?:ed|es?|ing)|tumbl(?:ed|es?|ing)|s[au]nk|sink(?:s|ing)?|slid(?:e|es|ing)?|"
    r"lost|los(?:e|es|ing)|reduc(?:ed|es?|ing)|cut(?:s|ting)?|contract(?:ed|s|ing)|lower|"
    r"slipp(?:ed|ing)|slip|eas(?:ed|ing)|retreat(?:ed|s|ing)?"
)
_GROWTH_NOUN_UP = (
    r"increases?|rises?|jumps?|surges?|growth|gains?|climbs?|higher|up|rall(?:y|ies)|"
    r"boost|expansion|uptick|improvement|spike"
)
_GROWTH_NOUN_DOWN = (
    r"declines?|drops?|falls?|decreases?|contraction|slump|plunge|lower|down|reductions?|"
    r"downturn|slide|dip|loss"
)
DOWN_WORD_RE = re.compile(rf"(?i)^(?:{_DOWN}|{_GROWTH_NOUN_DOWN})$")

# The approximation word right before a figure and the qualifiers it gives.
_APPROX: dict[str, tuple[str, ...]] = {
    "about": ("approx",),
    "around": ("approx",),
    "approximately": ("approx",),
    "roughly": ("approx",),
    "some": ("approx",),
    "circa": ("approx",),
    "an estimated": ("approx",),
    "~": ("approx",),
    "nearly": ("approx", "at_most"),
    "almost": ("approx", "at_most"),
    "close to": ("approx", "at_most"),
    "just under": ("approx", "at_most"),
    "just over": ("approx", "at_least"),
    "over": ("at_least",),
    "more than": ("at_least",),
    "above": ("at_least",),
    "at least": ("at_least",),
    "in excess of": ("at_least",),
    "upwards of": ("at_least",),
    "north of": ("at_least",),
    "exceeding": ("at_least",),
    "surpassing": ("at_least",),
    "topping": ("at_least",),
    "up to": ("at_most",),
    "as much as": ("at_most",),
    "less than": ("at_most",),
    "fewer than": ("at_most",),
    "under": ("at_most",),
    "below": ("at_most",),
}
APPROX_BEFORE: dict[str, tuple[str, ...]] = _APPROX
_APPROX_ALT = "|".join(
    re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_APPROX, key=len, reverse=True)
)
APPROX_END_RE = re.compile(rf"(?i)(?:^|(?<=[\s(—–-]))(?P<q>{_APPROX_ALT})\s*$")

# A growth verb right before the figure (after any approximation word): "rose 5%",
# "fell as much as 7%", "grew by 141 percent", "+57%". "rose to 5%" is a level, not growth.
GROWTH_VERB_RE = re.compile(
    rf"(?i)(?:^|(?<=[\s(—–,-]))(?P<v>{_UP}|{_DOWN})(?:\s+(?:[\w’'-]+\s+){{0,4}}?by)?\s*\+?\s*$"
    r"|(?P<n>growth|increase|decline|rise|drop|gain|fall)\s+(?:was|of|at|is|came\s+in\s+at|"
    r"reached|rate\s+of)\s*$"
    r"|(?P<plus>\+)\s*$"
    # "同比增长13%", "按年增长12.87%", "环比下降5%"
    # (traditional forms too: "按年增長5%", "按年減少3%")
    r"|(?P<cjk>(?:同比|按年|按年度|环比|環比|年比)?(?:增长|增長|增加|上升|上涨|上漲|提升|下降|下跌|"
    r"减少|減少|下滑|"
    # "收入增幅11.11%", "增速为12%": the growth rate named as a noun
    r"增幅|增速|涨幅|漲幅|升幅|降幅|跌幅|"
    # Hong Kong style: "收入大升5%", "按年跌3%"
    r"(?:大幅|大|急|劲|勁|飙|飆|攀|回|微|小)?(?:升|增|涨|漲|跌|降|减|減|挫))"
    # "环比下降超32%": over, nearly, about
    r"(?:为|為|达到|達到|达|達|是)?(?:超过|超過|超|逾|近|约|約)?)\s*$"
)
CJK_DOWN_RE = re.compile(r"下降|下跌|减少|減少|下滑|降幅|跌幅|跌|降|减|減|挫")
# A growth noun right after it: "a 26% revenue surge", "a 24% YoY decline", "14.6% higher".
_NO_FILLER = r"(?!(?:of|in|to|from|for|the|and|on|at|by|or|was|is)\b)"
GROWTH_NOUN_RE = re.compile(
    rf"(?i)^\s*(?:{_NO_FILLER}[\w/-]+\s+){{0,2}}?(?P<n>{_GROWTH_NOUN_UP}|{_GROWTH_NOUN_DOWN})\b"
)
YOY_RE = re.compile(
    r"(?i)\b(?:year[- ]over[- ]year|year[- ]on[- ]year|yoy|y/y|yr/yr|yr[- ]over[- ]yr|y-o-y|"
    r"y-on-y|annual(?:ly)?|"
    r"from\s+a\s+year\s+(?:earlier|ago)|from\s+the\s+same\s+(?:period|quarter)\s+last\s+year|"
    r"(?:compared|versus)\s+(?:with|to)\s+(?:a|the)\s+year\s+(?:earlier|ago)|"
    r"from\s+the\s+previous\s+(?:fiscal\s+)?year)\b|同比|按年|年比"
)
YOY_START_RE = re.compile(r"(?i)^\s*(?:" + YOY_RE.pattern.removeprefix("(?i)") + ")")
QOQ_RE = re.compile(
    r"(?i)\b(?:quarter[- ](?:over|on)[- ]quarter|qoq|q/q|qtr/qtr|q-o-q|sequential(?:ly)?|"
    r"from\s+the\s+previous\s+quarter)\b|环比|環比|按季|季比"
)
# "12.6% YoY and 6.5% QoQ": a rate marked sequential right after it is a growth (Latin
# marks only: "环比" after a figure leads the next one)
QOQ_START_RE = re.compile(
    r"(?i)^\s*(?:quarter[- ](?:over|on)[- ]quarter|qoq|q/q|sequential(?:ly)?)\b"
)
SHARE_AFTER_RE = re.compile(
    r"(?i)^\s*(?:(?:global|market|revenue|cloud|the|its)\s+){0,2}share\b|^\s*of\s+(?:total|all|the|its)\b"
)
SHARE_BEFORE_RE = re.compile(
    r"(?i)(?:share\s+(?:of|at|was|is|to|reached)|accounting\s+for|accounts?\s+for|"
    r"holds?|held|controls?|commands?)\s*$"
)
PER_SHARE_AFTER_RE = re.compile(
    r"(?i)^\s*(?:\([^)]{0,30}\)\s*)?(?:per|a|an)\s+(?:(?:diluted|basic|ordinary|Class\s+\w)\s+)?"
    r"(?:shares?|ADS|ADR)\b"
)
PER_SHARE_BEFORE_RE = re.compile(
    r"(?i)(?:\bEPS|per\s+share|per\s+ADS)(?:\s*\([^)]{0,12}\))?\s*(?:of|was|were|at|to|"
    r"came\s+in\s+at|reached)?\s*$"
)
# "expectations" alone is no estimate ("crushes expectations with 39% growth").
ESTIMATE_BEFORE_RE = re.compile(
    r"(?i)\b(?:consensus|estimates?|expectations?\s+(?:of|for)|analysts?['’]?|predictions?|"
    # "(midpoint ...; est. $57.26B)"; "sell-side forecasts had 2026 capex at $110B-$120B"
    r"polled|wall\s+street|forecasts?\s+(?:of|for)|(?:sell|buy)[- ]side)\b|\best\.\s*$"
    # "vs. Street $35.3B", "topped the Street's $4.04"
    r"|(?-i:\bStreet)(?:['’]s)?\s*(?:estimate\s+|view\s+|of\s+)?$"
    # "well above the anticipated 26.5 percent increase": what was expected, not what came
    r"|\b(?:the|an?)\s+(?:anticipated|expected|estimated|forecast|projected|predicted)\s*$"
    # "earnings per share were estimated at $0.88": someone's estimate, not a result
    r"|\b(?:was|were|is|are|been)\s+estimated\s+(?:at|to\s+be)\s*$"
    # "市場此前預測為753億美元": what the market or analysts had forecast
    r"|(?:市场|市場|分析师|分析師|华尔街|華爾街|此前|先前)[^，。,；;]{0,6}?"
    r"(?:预测|預測|预估|預估|预期|預期|估计|估計)(?:[为為是的]|\s)*$"
)
ESTIMATE_AFTER_RE = re.compile(
    r"(?i)^\s*(?:\w+\s+)?(?:estimates?|forecast|consensus)\b"
    # "$81.5B Street", "$30.2 B (+28%) est.", "Azure growth 38% expected, 40% delivered"
    r"|^\s*(?-i:Street)\b|^\s*(?:\([^)]{0,20}\)\s*|\)\s*)?est\.|^\s*expected\s*(?:,|(?=[+\-−$]))"
    # "$75bn (2025E)", "$90bn in FY26E": a year marked as estimated or forecast
    r"|^\s*(?:\(\s*|in\s+|for\s+)(?:FY\s?)?(?:19|20)?\d{2}\s?(?-i:[EF]|e)\b"
    # "surpassing the $68.4 billion Wall Street had expected"
    r"|^\s*(?:that\s+)?(?:wall\s+street|analysts?|the\s+market|investors)\s+(?:had\s+)?"
    r"(?:expected|forecast|anticipated|estimated|projected|predicted)\b"
    # "worse than the 30.4 billion yuan expected by analysts"
    r"|^\s*(?:that\s+)?(?:(?:was|were|had\s+been)\s+)?(?:expected|forecast|anticipated|estimated|"
    r"projected|predicted)\s+by\s+(?:\w+\s+){0,2}?(?:analysts?|the\s+market|investors|wall\s+"
    r"street|the\s+street|consensus)\b"
)
GUIDANCE_BEFORE_RE = re.compile(
    r"(?i)\b(?:expects?|(?<!than-)expected|plans?|planned|guidance|outlook|projects?|projected|"
    r"targets?|aims?|will|to\s+spend|to\s+invest|guided|midpoint)\b"
    # "guided to $35 billion; in December it lifted that to about $50 billion": a plan's
    # new version, said of the plan before it
    r"|\b(?:lifted|raised|hiked|boosted|upped|increased|cut|lowered|trimmed|reduced)\s+"
    r"(?:that|it|this)\s+(?:figure\s+|number\s+|view\s+|target\s+)?to\s+(?:about\s+|roughly\s+)?$"
    # "高於此前指引的增幅37%": the company's own guidance before the result
    r"|(?:指引|指导|指導)[^，。,；;]{0,4}?(?:增幅|增速|增长|增長|[为為是])?\s*$"
)
# the company's own expectation of the figure (not "better than expected")
PLAN_VERB_RE = re.compile(
    r"(?i)(?<!than\s)(?<!as\s)\b(?:expects?|expected\s+to|projects?|projected|forecasts?|"
    r"forecasted|forecasting|guided|guides|anticipates?|(?:is|are)\s+anticipated|sees|"
    r"outlook|guidance|"
    # "called for $74.7-75.8 billion in fiscal first-quarter revenue", "implied margin"
    r"called\s+for|calls\s+for|implied|implies|implying)\b"
)
NEGATIVE_BEFORE_RE = re.compile(
    r"(?i)\b(?:outflow|net\s+loss|loss(?:es)?|deficit)\s+of\s*$"
    r"|\b(?:was|were|is|came\s+in\s+at|stood\s+at|turned|at)\s+(?:a\s+)?negative\s*$"
    # "经营亏损150.91亿元", "净亏损为112.32亿元": Chinese runs the words into the figure
    r"|(?:亏损|虧損)(?:为|為|了|达|達|约|約)?\s*$"
)
# "Reality Labs lost $4.43 billion": an amount lost is a loss (a rate "lost 8%" is a fall)
LOST_BEFORE_RE = re.compile(
    r"(?i)\b(?:lost|loses|losing|lose)\s+(?:(?:about|nearly|roughly|almost|around|some|"
    r"more\s+than|over|another)\s+)?$"
)
NEGATIVE_AFTER_RE = re.compile(r"(?i)^\s*(?:unfavou?rable|negative|adverse)\b")
# "from Q2 2024's $1.2 billion", not "revenue from Marketing Services was $35.8 billion"
FROM_BEFORE_RE = re.compile(
    r"(?i)\bfrom\s*(?:(?!(?:was|were|is|are|reached|totall?ed|came|rose|grew|jumped|"
    # "from 2024 to $201 billion": the new level; "up 7% from Q2 and up 83% from last
    # year": "and up" starts the next figure
    r"increased|fell|hit|to|and|up|down)\b)\S+\s+){0,3}$"
    # "raised from our prior outlook of $60-65 billion": the plan it replaced
    r"|\b(?:prior|previous|earlier|initial|original)\s+(?:midpoint\s+|capex\s+|spending\s+)?(?:outlook|guidance|forecast|target|"
    r"plan|range|view)\s+(?:of\s+|was\s+|for\s+\S+\s+of\s+)?$"
    r"|\b(?:previously|formerly|earlier|before)\s*:?\s*$"  # "to $70-72 billion (previously $66-72"
    # "accelerating off Q2's +32%", not "paid off $5 billion of debt"
    r"|\b(?:accelerat|decelerat|slow|speed|pick|build|improv|ris|climb)\w*\s+(?:up\s+)?off\s+"
    r"(?:\S+\s+){0,2}$"
)
COMPARED_BEFORE_RE = re.compile(
    r"(?i)\b(?:compar(?:ed|es?|ing)\s+(?:to|with)|versus|vs\.?|against|ahead\s+of\s+the\s+|"
    # "surpassing the 8% growth reported in Q1 last year": the figure outdone
    r"(?:surpass|exceed|outpac|outstripp|topp|beat)(?:ed|ing|s)?\s+the\s+|"
    r"(?:higher|lower|more|less|better|worse|above|below|up|down)\s+(?:from|than)\s+(?:the\s+)?)"
    # "compared to a loss of $0.1 billion in the previous year": the base, below zero
    r"(?:\s*(?:an?\s+)?(?:(?:net|operating)\s+)?(?:loss|profit|deficit|gain)\s+of)?\s*$"
)
BY_BEFORE_RE = re.compile(r"(?i)\bby\s*$")
# "up $30 billion YoY": a change said without "by"
UP_DOWN_BEFORE_RE = re.compile(r"(?i)(?:^|[\s,(])(up|down)\s*$")
YEAR_ON_AFTER_RE = re.compile(
    r"(?i)\s*(?:YoY|y/y|yr/yr|y-o-y|year[- ](?:on|over)[- ]year|from\s+a\s+year\s+(?:earlier|ago)|"
    r"(?:from|over|on|versus|vs\.?)\s+(?:the\s+)?(?:prior|previous|last)\s+year)\b"
)
TO_BEFORE_RE = re.compile(r"(?i)\bto\s*$")
RECORD_NEAR_RE = re.compile(r"(?i)\brecord(?:[- ]breaking|[- ]high)?\s*$")
PARAMETERS_RE = re.compile(r"(?i)^(?:\s+|-)(?:[a-z]+\s+){0,1}?parameters?\b")
DURATION_RE = re.compile(r"(?i)^(?:-|\s+)(?P<u>year|month|quarter|week|day|decade)s?\b")
COUNT_NOUN_RE = re.compile(
    r"^\s*(?:(?!(?:of|the|a|an|in|to|for|and|or|with|on|at|by|from|that|which|is|are|was|were|"
    r"has|have|had|be|been|will|would|per|percent|times|points)\b)[a-z][\w-]*\s+){0,2}?"
    r"(?P<n>(?!(?:times|points|percent|years|months|quarters|weeks|days|decades|hours|"
    r"minutes|seconds|was|is|has|its|this|thus|as|us)\b)[a-z][a-z-]*[a-rt-z]s|people|staff|"
    r"personnel|children|customers)\b"
)
PLUS_AFTER_RE = re.compile(r"^\+")
POINTS_RE = re.compile(r"(?i)^\s*(?P<u>percentage\s+points?|basis\s+points?|bps|pp|ppts?)\b")
GAP_RANGE_RE = re.compile(r"(?i)^\s*(?:to|-|–|—|and)\s*$")
BETWEEN_BEFORE_RE = re.compile(r"(?i)\bbetween\s*$")
# ``[;:—]|\s–\s|\s-\s|,\s+(?:while|whereas|but|and)\b``, led by one character class (the
# alternatives' first characters, then a look back at which it was): ``re`` skips to the
# next such character instead of trying every alternative at every offset; same spans.
CLAUSE_BREAK_RE = re.compile(
    r"[;:—\s,](?:(?<=[;:—])|(?<=\s)[–-]\s|(?<=,)\s+(?:while|whereas|but|and)\b)"
)

# --- figures without digits --------------------------------------------------------------

MULTIPLE_VALUES: dict[str, Decimal] = {
    "doubl": Decimal(2),
    "tripl": Decimal(3),
    "quadrupl": Decimal(4),
    "halv": Decimal("0.5"),
}
_LEAD = (
    r"(?:(?P<q>more\s+than|over|nearly|almost|about|roughly|basically|at\s+least|"
    r"close\s+to|around|some)\s+)?"
)
MULTIPLE_RE = re.compile(
    r"(?i)\b" + _LEAD + r"(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d+)?)"
    r"[- ]?fold\b|(?P<w>doubl|tripl|quadrupl|halv)(?:ed|es|ing|e)\b(?![- ]digits?))"
)
NDIGIT_RE = re.compile(
    r"(?i)\b(?P<d>(?:(?:low|mid|high)[- ])?(?:single|double|triple))[- ]digits?"
    r"(?:\s+(?:percent(?:age)?\s+)?(?P<n>growth|increases?|gains?|rises?|jumps?|declines?|"
    r"drops?|falls?|decreases?))?"
)
NDIGIT_BOUNDS: dict[str, tuple[int | None, int]] = {
    "single": (None, 10),
    "double": (10, 100),
    "triple": (100, 1000),
}
FRACTION_VALUES: dict[str, Decimal] = {
    "half": Decimal(50),
    "a third": Decimal("33.3"),
    "one third": Decimal("33.3"),
    "one-third": Decimal("33.3"),
    "two thirds": Decimal("66.7"),
    "two-thirds": Decimal("66.7"),
    "a quarter": Decimal(25),
    "one quarter": Decimal(25),
    "three quarters": Decimal(75),
    "three-quarters": Decimal(75),
}
FRACTION_RE = re.compile(
    r"(?i)(?<!first\s)(?<!second\s)(?<!the\s)\b" + _LEAD + r"(?P<f>half|a\s+third|one[- ]third|"
    r"two[- ]thirds|a\s+quarter|one\s+quarter|three[- ]quarters)\s+of\s+(?:the|its|all|total|"
    r"their|our|this|that|[a-z]+['’]s)\b"
)
ORDINAL_VALUES: dict[str, int] = {
    w: i + 2
    for i, w in enumerate(
        ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
    )
}
ORDINAL_RE = re.compile(
    r"(?i)\b(?P<o>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))"
    r"\s+(?:straight|consecutive|successive)\s+(?P<u>quarter|year|month)s?\b"
)
RECORD_RE = re.compile(
    r"(?i)\b(?:(?:a|an|another|new)\s+)(?:new\s+)?(?:all[- ]time\s+)?record(?:[- ](?:high|low|"
    r"breaking|level|quarter|year))?\b|\ball[- ]time\s+(?:high|low)\b"
    r"|\b(?:highest|lowest|largest|biggest|strongest|weakest)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:since|ever|on\s+record|in\s+(?:its\s+)?history)\b"
)
COMPARATIVE_RE = re.compile(
    r"(?i)\b(?P<v>exceed|surpass|outstrip|outpac|eclips|dwarf|overtak|top)\w*\s+"
    r"(?:[\w’'-]+\s+){0,6}?(?:over\s+|in\s+|during\s+)?(?:the\s+)?(?:past|previous|last|prior)\s+"
    r"(?P<span>decade|(?:\w+\s+)?(?:years|decades))(?:\s+(?:of\s+)?(?:[\w’'-]+))?"
)
# A verb or noun that makes "three-fold" a growth ("jumped three-fold", "a threefold rise").
FOLD_VERB_RE = re.compile(rf"(?i)\b(?:{_UP}|{_DOWN})\s+(?:\w+\s+)?$")
FOLD_NOUN_RE = re.compile(rf"(?i)^\s*(?:{_GROWTH_NOUN_UP}|{_GROWTH_NOUN_DOWN})\b")
SIZE_CLASS_RE = re.compile(r"(?i)(?<![\w-])(?P<s>million|billion|trillion)-dollar\b")
FLAT_RE = re.compile(
    r"(?i)\b(?:remained|stayed|was|were|held|came\s+in|broadly|largely|essentially|roughly)"
    r"\s+flat\b"
)

# Whole-text scans of the patterns above, each near its key words only (see :class:`Keyed`).
# Figures in number words ("eight per cent") are rare: they are looked for at their words.
MULTIPLE_SCAN = Keyed(MULTIPLE_RE, r"fold|doubl|tripl|quadrupl|halv")
NDIGIT_SCAN = Keyed(NDIGIT_RE, r"digit")
FRACTION_SCAN = Keyed(FRACTION_RE, r"half|third|quarter")
ORDINAL_SCAN = Keyed(ORDINAL_RE, r"consecutive|straight|successive")
RECORD_SCAN = Keyed(RECORD_RE, r"record|all.time|highest|lowest|largest|biggest|strongest|weakest")
COMPARATIVE_SCAN = Keyed(
    COMPARATIVE_RE, r"exceed|surpass|outstrip|outpac|eclips|dwarf|overtak|top", margin=160
)
SIZE_CLASS_SCAN = Keyed(SIZE_CLASS_RE, r"-dollar")
FLAT_SCAN = Keyed(FLAT_RE, r"flat")
WORD_FIGURE_SCAN = Keyed(
    re.compile(_FIGURE_EDGES[0] + figure_pattern("f", digits=False) + _FIGURE_EDGES[1]),
    "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)),
    back=0,
)
