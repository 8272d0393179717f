"""Names and cue words in article text (companies, segments, markets, models, metrics),
and the indexed text linking reads them from.

Private to :mod:`capexlens.claims.link`: the tables and scanners it reads text with.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from capexlens.claims._chinese import CJK
from capexlens.claims._cue_table import CUES as _CUES
from capexlens.claims._cue_table import FOREIGN, ZH_PER_SHARE
from capexlens.claims._grammar import lowered
from capexlens.models import Claim, Period
from capexlens.registry import Registry

__all__ = [
    "CLAUSE_BREAK_RE",
    "CLOUD_RE",
    "FOREIGN",
    "UNKNOWN_UNIT_RE",
    "ZH_PER_SHARE",
    "Cue",
    "Doc",
    "Mention",
    "asides",
    "cues",
    "find_mentions",
    "segment_by_words",
]

_CLAUSE_RE = re.compile(
    # a spaced hyphen is a dash, but "| - |" is an empty table cell
    r"[;；]|\s[—–]\s|(?<!\|)\s-\s(?!\|)|--|,\s+(?:while|whereas|but|although|though|despite|and|as|resulting\s+in|"
    r"leading\s+to|"
    r"bringing|giving)\s"
)
CLAUSE_BREAK_RE = _CLAUSE_RE  # where a clause ends, for the period reader
_COMMON = frozenset(
    ["ai", "cloud", "intelligent", "intelligence", "infrastructure", "revenue", "total", "services"]
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text: an entity, or a segment/market/model with its owner.

    ``generic`` marks segment names made of common words ("cloud revenue", "AI Cloud"),
    which name a segment only of a company already in context, never the company itself.
    """

    start: int
    end: int
    entity: str
    dimension: str = ""
    kind: str = "entity"  # entity | segment | market | model
    generic: bool = False


PER_SHARE_METRICS = frozenset({"diluted_eps", "diluted_eps_non_gaap"})
ISO_UNIT = re.compile(r"^[A-Z]{3}$")


def is_money(claim: Claim) -> bool:
    """Whether a claim's unit is a currency (ISO code)."""
    return bool(claim.unit and ISO_UNIT.match(claim.unit))


def _key(name: str) -> str:
    """How a name is looked up once matched: spaces, apostrophes and capitals folded."""
    return re.sub(r"\s+", " ", name).replace("’", "'")


@functools.lru_cache(maxsize=8)
def _name_table(
    names: tuple[tuple[str, str, str, str, bool], ...],
) -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, str, str, bool], ...]]]:
    """One regex for every name (longest first) and what each name stands for.

    Cached on the names themselves, so the cache holds nothing a caller could change.
    """
    lookup: dict[str, tuple[tuple[str, str, str, bool], ...]] = {}
    for name, entity, dim, kind, generic in names:
        # as written, in capitals, and capitalised at a sentence start ("Ad sales rose")
        variants = (name, name.upper(), name[:1].upper() + name[1:]) if len(name) > 3 else (name,)
        for variant in variants:
            hits = lookup.setdefault(_key(variant), ())
            if not hits:
                lookup[_key(variant)] = ((entity, dim, kind, generic),)
            elif (
                # a common name of two companies' segments ("advertising revenue" of Amazon
                # and of Tencent): one mention each, and the owner in context takes its own
                generic
                and all(h[3] and h[2] == "segment" and h[0] != entity for h in hits)
                and kind == "segment"
            ):
                lookup[_key(variant)] = (*hits, (entity, dim, kind, generic))
    # The names grouped by first character, longest first within each group: where a name
    # starts, ``re`` then skips each other group by one comparison instead of trying every
    # name (three times faster on article text). Only names of one first character can
    # match at one place, so each group tried in order finds the same name as one
    # alternation of all names longest first.
    groups: dict[str, tuple[str, list[str]]] = {}
    for n in sorted(lookup, key=len, reverse=True):
        body = re.escape(n).replace(r"\ ", r"\s+").replace("'", "['’]")
        first = "['’]" if n[0] == "'" else re.escape(n[0])
        assert body.startswith(first), n
        groups.setdefault(n[0], (first, []))[1].append(body[len(first) :])
    pattern = "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.values())
    # Why the lookahead: ``re`` tries the pattern at every position; a class of the
    # names' first characters (exact, as the pattern is case-sensitive) skips most
    # positions at once.
    firsts = set(groups) | ({"’"} if "'" in groups else set())
    head = "[" + "".join(re.escape(c) for c in sorted(firsts)) + "]"
    # Chinese has no spaces between words: a name that starts (ends) with a CJK character
    # needs no boundary on that side ("腾讯控股5月14日", "2025年第一季度,腾讯实现营收")
    cjk = CJK
    start = rf"(?:(?=[{cjk}])|(?<![^\W{cjk}]))"
    end = rf"(?:(?<=[{cjk}])|(?![^\W{cjk}]))"
    return re.compile(start + r"(?=" + head + r")(?:" + pattern + r")" + end), lookup


class _Same:
    """A registry compared by identity: registries are immutable, and hashing one by value
    would hash every entity and name in it."""

    __slots__ = ("registry",)

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def __hash__(self) -> int:
        return id(self.registry)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.registry is self.registry


@functools.lru_cache(maxsize=8)
def _names_of(key: _Same) -> tuple[tuple[str, str, str, str, bool], ...]:
    """:func:`_names`, once per registry (the cache keeps the registry, so its id stays)."""
    return _names(key.registry)


@functools.lru_cache(maxsize=8)
def _table_of(
    key: _Same,
) -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, str, str, bool], ...]]]:
    """:func:`_name_table` of a registry, found without hashing its names again."""
    return _name_table(_names_of(key))


def _names(registry: Registry) -> tuple[tuple[str, str, str, str, bool], ...]:
    rows: list[tuple[str, str, str, str, bool]] = []
    for e in registry.entities.values():
        if not e.id.startswith("cik:"):
            rows += [(n, e.id, "", "entity", False) for n in (e.id, e.name, *e.aliases)]
    for d in registry.dimensions.values():
        for n in (d.name, *d.aliases):
            generic = (
                not d.names_owner or n.islower() or set(re.findall(r"\w+", n.lower())) <= _COMMON
            )
            rows.append((n, "" if d.kind == "market" else d.owner, d.id, d.kind, generic))
        rows += [(n, d.owner, d.id, d.kind, True) for n in d.shared_aliases]
    return tuple(rows)


def find_mentions(text: str, registry: Registry) -> list[Mention]:
    """Every name of an entity, segment, market or model in ``text``, in text order.

    Names match as written or in capitals ("TENCENT"); the longest name wins where several
    start at one place ("Alibaba Cloud" over "Alibaba").

    >>> from capexlens.registry import default_registry
    >>> [(m.entity, m.dimension) for m in find_mentions(
    ...     "Alibaba Cloud beat Huawei; China's cloud grew.", default_registry())]
    [('BABA', 'BABA.CLOUD'), ('HUAWEI', ''), ('', 'CN_CLOUD')]
    """
    pattern, lookup = _table_of(_Same(registry))
    found = []
    for match in pattern.finditer(text):
        for hit in lookup.get(_key(match.group()), ()):
            found.append(Mention(match.start(), match.end(), *hit))
    return found


# Words that name the same kind of unit in translated or paraphrased segment names
# ("fintech and enterprise services" for "FinTech and Business Services").
_UNIT_SYNONYMS = {"enterprise": "business", "corporate": "business", "&": "and"}
_WORD_RE = re.compile(r"\w+|&")


def _fold(words: Sequence[str]) -> str:
    return " ".join(_UNIT_SYNONYMS.get(w.lower(), w.lower()) for w in words)


@functools.lru_cache(maxsize=64)
def _folded_segments(
    names: tuple[tuple[str, str, str, str, bool], ...], entity: str
) -> dict[str, tuple[str, int]]:
    """The folded multi-word, non-generic segment names of ``entity``: dimension, words."""
    out: dict[str, tuple[str, int]] = {}
    for name, owner, dim, kind, generic in names:
        words = _WORD_RE.findall(name)
        if owner == entity and kind == "segment" and not generic and len(words) >= 2:
            out.setdefault(_fold(words), (dim, len(words)))
    return out


def segment_by_words(
    text: str, start: int, end: int, registry: Registry, entity: str
) -> Mention | None:
    """The last segment of ``entity`` named in ``text[start:end]`` up to case and unit
    synonyms, which exact name matching misses in translations and paraphrases.

    >>> from capexlens.registry import default_registry
    >>> t = "Its fintech & enterprise services unit grew."
    >>> m = segment_by_words(t, 0, len(t), default_registry(), "TCEHY")
    >>> m.dimension, t[m.start:m.end]
    ('TCEHY.FBS', 'fintech & enterprise services')
    """
    table = _folded_segments(_names_of(_Same(registry)), entity)
    return _scan_segments(text, start, end, table, entity)


def _scan_segments(
    text: str, start: int, end: int, table: Mapping[str, tuple[str, int]], entity: str
) -> Mention | None:
    if not table:
        return None
    words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text, start, end)]
    folded = [_fold([w]) for _, _, w in words]  # each word folded once, not per window
    return _scan_words(words, folded, _Segments.of(table), entity)


@dataclass(frozen=True, slots=True)
class _Segments:
    """A table of :func:`_folded_segments` with what a scan of it asks first."""

    table: Mapping[str, tuple[str, int]]
    longest: int
    firsts: frozenset[str]

    @classmethod
    def of(cls, table: Mapping[str, tuple[str, int]]) -> _Segments:
        longest = max((n for _, n in table.values()), default=0)
        return cls(table, longest, frozenset(n.split(" ", 1)[0] for n in table))


def _scan_words(
    words: Sequence[tuple[int, int, str]], folded: Sequence[str], segs: _Segments, entity: str
) -> Mention | None:
    """The last segment name of ``segs`` in ``words`` (``folded`` are the words folded)."""
    table, longest, firsts = segs.table, segs.longest, segs.firsts
    found: Mention | None = None
    for i in range(len(words)):
        if folded[i] not in firsts:
            continue
        for n in range(2, min(longest, len(words) - i) + 1):
            hit = table.get(" ".join(folded[i : i + n]))
            if hit is not None and hit[1] == n:
                found = Mention(words[i][0], words[i + n - 1][1], entity, hit[0], "segment")
    return found


@dataclass(frozen=True, slots=True)
class Doc:
    """Everything linking needs about the text, computed once, with sorted starts so that
    "what lies in this sentence" is a bisection, not a scan (long articles stay linear)."""

    text: str
    registry: Registry
    as_of: date | None
    reported: Mapping[str, Period]
    sentences: list[tuple[int, int]]
    mentions: list[Mention]
    phrases: list[tuple[int, int, str]]
    claims: Sequence[Claim]
    _starts: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _cues: dict[tuple[int, int], list[Cue]] = field(default_factory=dict, repr=False)
    _segments: dict[str, _Segments] = field(default_factory=dict, repr=False)
    # each word folded once (the windows searched for segment names overlap)
    _folds: dict[str, str] = field(default_factory=dict, repr=False)
    _clauses: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict, repr=False)
    _low: list[str] = field(default_factory=list, repr=False)  # the lowered text, once
    _asides: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict, repr=False)
    # what each period phrase reads as on a calendar, against a reported quarter: the
    # linker reads the phrases before every figure again (see ``_phrases._in_context``)
    read_periods: dict[tuple[int, int, str, object, Period | None], Period | None] = field(
        default_factory=dict, repr=False
    )
    # the period the paragraph spoke of before a sentence, per entity and calendar: every
    # figure of the sentence asks (see ``_phrases._said_before``)
    said_before: dict[tuple[int, str, object, Period | None, int], Period | None] = field(
        default_factory=dict, repr=False
    )

    def __post_init__(self) -> None:
        self._starts["s"] = [a for a, _ in self.sentences]
        self._starts["m"] = [m.start for m in self.mentions]
        self._starts["p"] = [p[0] for p in self.phrases]
        self._starts["c"] = [c.span[0] for c in self.claims]

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence holding offset ``pos`` (an empty span if none does)."""
        i = bisect.bisect_right(self._starts["s"], pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return pos, pos

    def sentence_index(self, pos: int) -> int:
        """The index of the sentence at or before ``pos`` (-1 before the first)."""
        return bisect.bisect_right(self._starts["s"], pos) - 1

    def mentions_in(self, a: int, b: int) -> list[Mention]:
        """Names starting in ``[a, b)``."""
        s = self._starts["m"]
        return self.mentions[bisect.bisect_left(s, a) : bisect.bisect_left(s, b)]

    def phrases_in(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """Period phrases starting in ``[a, b)``."""
        s = self._starts["p"]
        return self.phrases[bisect.bisect_left(s, a) : bisect.bisect_left(s, b)]

    def claims_in(self, a: int, b: int) -> Sequence[Claim]:
        """Claims starting in ``[a, b)``."""
        s = self._starts["c"]
        return self.claims[bisect.bisect_left(s, a) : bisect.bisect_left(s, b)]

    def cues_in(self, a: int, b: int) -> list[Cue]:
        """The cue words of ``text[a:b]`` (a sentence), read once per sentence."""
        if (a, b) not in self._cues:
            if not self._low:
                self._low.append(lowered(self.text))
            self._cues[a, b] = cues(self.text, a, b, self._low[0])
        return self._cues[a, b]

    def segment_by_words(self, a: int, b: int, entity: str) -> Mention | None:
        """:func:`segment_by_words` over ``text[a:b]``, the names folded once per entity."""
        if entity not in self._segments:
            table = _folded_segments(_names_of(_Same(self.registry)), entity)
            self._segments[entity] = _Segments.of(table)
        segs = self._segments[entity]
        if not segs.table:
            return None
        words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(self.text, a, b)]
        folds = self._folds
        folded = []
        for _, _, w in words:
            if w not in folds:
                folds[w] = _fold([w])
            folded.append(folds[w])
        return _scan_words(words, folded, segs, entity)

    def clause(self, claim: Claim) -> tuple[int, int]:
        """The clause around a claim: its sentence cut at semicolons, dashes and the like."""
        if claim.span not in self._clauses:  # asked for by every step of linking
            self._clauses[claim.span] = self._clause(claim)
        return self._clauses[claim.span]

    def asides(self, a: int, b: int, claim: Claim) -> list[tuple[int, int]]:
        """:func:`asides` of the sentence ``text[a:b]``, the sentence read once."""
        if (a, b) not in self._asides:
            self._asides[a, b] = [m.span() for m in _ASIDE_RE.finditer(self.text, a, b)]
        at = claim.span[0]
        return [(x, y) for x, y in self._asides[a, b] if not (x <= at < y)]

    def _clause(self, claim: Claim) -> tuple[int, int]:
        a, b = self.sentence(claim.span[0])
        left, right = a, b
        # the dashes around an aside ("segment -- which competes with AWS -- to grow")
        # enclose it; they do not end the clause that holds it
        dashed = [m.span() for m in _DASHED_RE.finditer(self.text, a, b)]
        dashed += [
            (x + 1, y) for x, y in (m.span() for m in _ENUM_ASIDE_RE.finditer(self.text, a, b))
        ]
        for m in _CLAUSE_RE.finditer(self.text, a, b):
            if any(x <= m.start() < y for x, y in dashed):
                continue
            if m.end() <= claim.span[0]:
                left = m.end()
            elif m.start() >= claim.span[1]:
                right = m.start()
                break
        return left, right


# --- metric cues ---------------------------------------------------------------------

_SEGMENT_WORDS = r"(?:business|segment|division|unit|arm)"

# Chinese runs its words together: a cue that starts (ends) with a CJK character needs no
# boundary on that side ("腾讯实现营收1800.2亿元"), as names do (see ``_name_table``)
_CUE_START = rf"(?:(?=[{CJK}])|(?<=[{CJK}])|(?<![\w-]))"
# a cue ending in a bracket needs no boundary either ("经营利润(Non-IFRS)693亿元")
_CUE_END = rf"(?:(?<=[{CJK})）])|(?![\w-]))"
_CUE_RES = tuple((re.compile(rf"(?i){_CUE_START}(?:{p}){_CUE_END}"), m) for p, m in _CUES)


def _cue_scanner(rows: Sequence[str], flags: str) -> re.Pattern[str]:
    """Every cue table row at once: where any row matches, a lookahead per row captures
    that row's own match there, so one scan finds what one scan per row would."""
    # the rows' alternatives joined flat, not row by row: ``re`` then skips each that
    # starts with a letter other than the text's by one comparison (the same test: any of
    # them matching is all the lookahead asks)
    return re.compile(
        flags
        + _CUE_START
        + r"(?=(?:"
        + "|".join(rows)
        + r")"
        + _CUE_END
        + ")"
        + "".join(rf"(?=(?P<c{i}>{p}){_CUE_END}|)" for i, p in enumerate(rows))
    )


_CUE_ANY = _cue_scanner([p for p, _ in _CUES], "(?i)")
_CUE_GROUPS = tuple((_CUE_ANY.groupindex[f"c{i}"], m) for i, (_, m) in enumerate(_CUES))
# The same, case-sensitive, for lower-cased text: several times faster, because ``re``
# skips a literal alternative at its first letter only when it is case-sensitive. The cue
# patterns have no upper-case escapes, so lowering them changes only their letters.
_CUE_LOW = _cue_scanner([p.lower() for p, _ in _CUES], "")
# Letters that case-insensitive matching folds otherwise than str.lower() does ("ſ" is "s"):
# text holding one is read with the case-insensitive pattern.
_ODD_FOLD = re.compile("[\u0130\u0131\u017f]")
UNKNOWN_UNIT_RE = re.compile(
    r"\b(?:[A-Z][\w&’'-]*\s+(?:and\s+|&\s+)?){1,5}(?:Group|Division|Segment|Unit|Business|Services|Stores)\b"
    r"|(?i:\b(?:marketing|advertising|ads?|gaming|games|commerce|e-commerce|services|streaming|"
    r"video|retail|logistics|payments?|fintech|media|hardware|devices?|search|social|"
    r"entertainment|international|local|consumer|enterprise|core|legacy|mobility|autonomous|"
    r"database|"
    rf"driving|delivery|mapping|music|healthcare|automotive)\s+{_SEGMENT_WORDS}s?\b)"
    # "international games revenue", "search revenue": a unit's own revenue line
    r"|(?i:\b(?:games?|gaming|search|streaming|retail|logistics|devices?|hardware|domestic|"
    r"overseas|international|"
    r"subscriptions?|payments?|fintech|consumption|advertising|ads?|services|SaaS|"
    r"license|licensing)\s+(?:revenues?|sales)\b)"
    # "cloud application (SaaS) revenue", "Fusion cloud ERP revenue": a product line's
    r"|(?i:\b(?:applications?|SaaS|ERP|database|licen[cs]es?|support)\s+(?:\(\w+\)\s+)?"
    r"(?:revenues?|sales)\b)"
    # "Taotian's revenue": a unit's own revenue under a name of its own
    r"|\b(?P<owner>[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3})['’]s\s+(?:(?:quarterly|total|annual)\s+)?"
    r"(?i:revenues?|sales)\b"
    # "MultiCloud database revenue": a product's revenue under a name in camel case
    # ("iQIYI revenue", "iPhone sales": a name starting in lower case)
    r"|\b(?P<camel>[A-Z][a-z]+[A-Z]\w*|[a-z]+[A-Z]\w*)\s+(?:[a-z][\w-]*\s+){0,2}"
    r"(?i:revenues?|sales)\b"
    # "Cainiao Smart Logistics achieved revenue of": a named unit reporting its own figures
    r"|\b(?P<unit>[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){1,4})\s+(?:achieved|reported|posted|"
    r"generated|recorded)\s+(?:\w+\s+){0,2}(?i:revenues?|sales)\b"
    # "Cloud applications (SaaS) grew 11%": Oracle's applications line
    r"|(?-i:\bSaaS\b)|(?i:\bapplications?\s+\(SaaS\))"
    # "cloud database services ... grew 31%": a product line's services
    r"|(?i:\b(?:database|storage|security|consulting|licen[cs]e)\s+services\b)"
    # "AI Cloud & Non-Marketing: RMB 10.0 billion": Baidu's non-online-marketing revenue
    r"|(?i:\bnon[- ](?:online[- ])?marketing\b)"
    # "revenue from Google Search", "sales at Whole Foods": a named unit of the company
    r"|(?i:\b(?:revenues?|sales)\s+(?:from|at)\s+(?:its\s+|the\s+)?)"
    r"[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,3}"
    # Chinese: games, home and overseas markets, advertising, e-commerce, any "…板块" (a
    # segment of a business) the registry does not name
    r"|游戏|遊戲|国际市场|國際市場|本土市场|本土市場|海外市场|海外市場|国内市场|國內市場|广告|廣告|"
    r"电商|電商|[\u4e00-\u9fff]{1,6}?(?:板块|板塊)"
    # "菜鸟集团" (Cainiao Group): a group within the company, unless the name before 集团 is
    # the company's own ("阿里巴巴集团"), which the checker tells by the mention ending there
    r"|(?P<zhname>[\u4e00-\u9fff]{2,4}?)(?:集团|集團)"
)
CLOUD_RE = re.compile(
    rf"(?i)\bcloud(?:[- ]computing)?\s+(?:{_SEGMENT_WORDS}|revenues?|sales|"
    r"computing|services?|growth|grew|rose|operating\s+(?:margins?|income|profits?))\b"
)


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    metric: str

    def distance(
        self,
        claim: Claim,
        clause: tuple[int, int],
        others: list[tuple[int, int]],
        asides: list[tuple[int, int]],
    ) -> int:
        """How far the cue is from the claim, in characters, with penalties: a cue after
        the figure, another figure between them, a cue in another clause."""
        a, b = claim.span
        if self.end <= a:
            d, lo, hi = a - self.end, self.end, a
        elif self.start >= b:
            d, lo, hi = self.start - b + 5, b, self.start
        else:
            return 0
        if any(lo <= s < hi for s, _ in others):
            d += 15
        if self.end <= clause[0] or self.start >= clause[1]:
            d += 60
        return d - sum(min(y, hi) - max(x, lo) for x, y in asides if x < hi and lo < y)


def cues(text: str, a: int, b: int, low: str | None = None) -> list[Cue]:
    """Cue words in ``text[a:b]``; a cue inside a longer cue is dropped ("cost of revenue").

    Each row of the cue table matches as its own scan would (``_CUE_RES[i].finditer``): a
    row's match starting inside that row's previous match is skipped. One combined scan
    does it because the rows all start at a word start and end at a word end.

    ``low`` is :func:`~capexlens.claims._grammar.lowered` ``text``, if at hand.

    >>> [(c.metric, c.start) for c in cues("Capex and cost of revenue rose.", 0, 31)]
    [('capex', 0), ('?', 10)]
    """
    found: list[Cue] = []
    ends = [a] * len(_CUE_GROUPS)  # where each row's own scan would resume
    if _ODD_FOLD.search(text, a, b):
        scan = _CUE_ANY.finditer(text, a, b)
    else:
        scan = _CUE_LOW.finditer(lowered(text) if low is None else low, a, b)
    for m in scan:
        at = m.start()
        spans = m.regs  # every group's span at once: one call, not one per row
        for row, (group, metric) in enumerate(_CUE_GROUPS):
            start, end = spans[group]
            if start >= 0 and at >= ends[row]:
                found.append(Cue(start, end, metric))
                ends[row] = end
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cue] = []
    for cue in found:
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return kept


_DASHED = r"\s(?:--|—|–)\s[^—–]{0,200}?\s(?:--|—|–)\s"
# "Microsoft Cloud revenue, encompassing Azure, Office 365, and Dynamics, reached": what the
# unit holds, its commas and "and" no clause boundaries
_ENUM_ASIDE = (
    r",\s+(?:encompassing|including|comprising|spanning)\b[^;.]{0,200}?,(?=\s+(?:reached|was|"
    r"were|rose|grew|came|totall?ed|hit|climbed|jumped|increased)\b)"
)
_ENUM_ASIDE_RE = re.compile(_ENUM_ASIDE)
_DASHED_RE = re.compile(_DASHED)
_ASIDE_RE = re.compile(
    # a decimal point ends no tail ("with operating profit at $17.4 billion, up 55%")
    r"\([^()]{0,200}\)|" + _DASHED + r"|,\s+with\b(?:[^;.]|(?<=\d)\.(?=\d))*"
    r"|,\s+(?:driven|fueled|fuelled|boosted|helped|buoyed)\s+by\b[^,;.]*"
    r"|,\s+(?:due\s+to|thanks\s+to|primarily|mainly|reflecting)\b[^,;.]*"
    # "Intelligent Cloud segment, which includes Azure, grew": what the unit holds
    r"|,\s+which\s+(?:includes?|houses?|contains?|covers?|comprises?)\b[^,;.]*,"
    # "the cloud business, which was the broadcasting partner for the 2024 Paris Olympics,"
    r"|,\s+which\s+(?:was|is|were|are|has\s+been|had\s+been)\s+(?:the|a|an)\s[^,;.]*,"
    # "RPO, a key indicator of contracted future revenue, climbed": what the name means
    r"|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:indicator|measure|gauge|proxy|barometer|"
    r"signal|metric)\s+(?:of|for)\b[^,;.]*,"
    r"|" + _ENUM_ASIDE
)


def asides(text: str, a: int, b: int, claim: Claim) -> list[tuple[int, int]]:
    """Parenthetical asides and causal tails of the sentence that do not hold the claim:
    their words speak of something else ("RPO -- or sales not yet recognised as revenue --")."""
    return [
        m.span()
        for m in _ASIDE_RE.finditer(text, a, b)
        if not (m.start() <= claim.span[0] < m.end())
    ]
