"""Find the numerical claims of an article: pure text in, :class:`~capexlens.models.Claim` out.

Extraction reads numbers only; it links no entity, metric or period (the linker does, with
:func:`find_period_phrases` to find the period words). One pass of precompiled patterns
finds every figure, a second pass finds the claims that print no digits ("triple-digit
growth", "more than three-fold", "more than half of", "a record", "exceeds its past
decade spending"), then each figure is classified from the words around it.

Conventions of the claims returned, in text order:

- ``span`` covers the claim's words (cue verb, approximation word, figure, growth noun,
  "year-over-year"); ``text`` is exactly ``input[span[0]:span[1]]``; ``as_printed`` is the
  figure alone ("$53 billion", "26%").
- ``value`` is in base units; percentages in points; growth is signed (declines negative);
  multiples ("doubled", "three-fold") are GROWTH claims in ``unit="ratio"`` (2, 3).
- ``unit``: ISO 4217 code, ``"<ISO>/share"``, ``"percent"``, ``"ratio"``, ``"count"``,
  ``"parameters"``, ``"years"``/``"months"``/... for durations, ``None`` when not printed.
- A range ("$64 billion to $72 billion") is one claim with ``value_high``: kind RANGE for
  money and counts, the percent kinds for percentages, qualifier ``range`` either way.
- A conversion in parentheses ("$53 billion (RMB380 billion)") is two claims: the outer one
  keeps its kind, the parenthesised one is kind CONVERSION; each lists the other's index in
  ``related``. Which currency is the original is for the verifier to decide.
- A growth claim followed by "to <figure>" and an amount followed by ", up 6%" are linked
  through ``related`` too.

Qualifiers: ``yoy``, ``qoq``, ``approx``, ``at_least``, ``at_most``, ``plus``, ``decline``,
``negative`` (outflows, unfavourable impacts), ``range``, ``record``, ``estimate`` (analyst
consensus), ``guidance``, ``from`` (prior value), ``compared``, ``change`` ("by $10
billion"), ``duration``, ``points`` (percentage or basis points), ``conversion``,
``currency_conflict:USD|CNY`` (two markers that disagree, in print order: the unit is then
the explicit code or word, not the bare "$"), ``currency_ambiguous:CNY|JPY`` ("¥"),
``noun:<word>`` (what a count counts), ``consecutive:<unit>``, ``min:<n>``/``lt:<n>``
(bounds of "triple-digit"), ``exceeds``, ``vs:past_decade``/``vs:past_years``, ``flat``.

Not claims: years and dates, period phrases, reference marks "[1]", exchange tags
"[HKG: 9988]", ticker widgets "(ORCL -0.89%)", times, URLs, model names ("Qwen3").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from capexlens.amounts import FigureParts, read_number
from capexlens.claims import _grammar as g
from capexlens.claims._chinese import HAN_RE
from capexlens.claims._grammar import find_period_phrases, split_sentences
from capexlens.claims._wordless import Draft, records, wordless
from capexlens.models import Claim, ClaimKind

__all__ = ["extract_claims", "find_period_phrases", "split_sentences"]

_WINDOW = 60  # characters of context read on each side of a figure
_MONEY_KINDS = (ClaimKind.AMOUNT, ClaimKind.RANGE, ClaimKind.CONVERSION)


@dataclass(frozen=True, slots=True)
class _Token:
    """One figure found in the text (two for a range), before it is classified."""

    start: int
    end: int
    parts: FigureParts
    high: FigureParts | None = None


@dataclass(frozen=True, slots=True)
class _Context:
    """The text and its precomputed boundaries, shared by every classification step."""

    text: str
    low: str
    sentences: list[tuple[int, int]]
    sentence_starts: list[int]
    cuts: list[int]

    @classmethod
    def of(cls, text: str) -> _Context:
        sentences = split_sentences(text)
        cuts = {0, len(text)}
        for a, b in sentences:
            cuts.update((a, b))
        for m in g.CLAUSE_BREAK_RE.finditer(text):
            cuts.update((m.start(), m.end()))
        starts = [a for a, _ in sentences]
        return cls(text, g.lowered(text), sentences, starts, sorted(cuts))

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around ``[start, end)``: between the nearest cuts on either side."""
        left = self.cuts[max(bisect.bisect_right(self.cuts, start) - 1, 0)]
        i = bisect.bisect_left(self.cuts, end)
        return left, self.cuts[min(i, len(self.cuts) - 1)]

    def sentence(self, pos: int) -> str:
        """The sentence that holds offset ``pos`` ("" if it falls between sentences)."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if i < 0 or pos >= self.sentences[i][1]:
            return ""
        a, b = self.sentences[i]
        return self.text[a:b]


def _has_unit(parts: FigureParts) -> bool:
    return bool(parts.before or parts.after or parts.scale or parts.percent)


# --- pass 1: figures -------------------------------------------------------------------


def _blocked_spans(text: str, low: str) -> list[tuple[int, int]]:
    """Spans whose numbers are never claims: periods, dates, references, tickers, times."""
    spans = [(a, b) for a, b, _ in find_period_phrases(text, low)]
    spans += [m.span() for m in g.SKIP_RE.finditer(text)]
    return sorted(spans)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies within one of the ``spans`` (sorted by start)."""
    i = bisect.bisect_right(spans, (start, 1 << 62))
    return any(a <= start and end <= b for a, b in spans[max(i - 4, 0) : i])


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the ``spans`` (sorted by start)."""
    i = bisect.bisect_left(spans, (end, 0))
    return any(b > start for _, b in spans[max(i - 4, 0) : i])


def _figure_matches(text: str, low: str) -> list[re.Match[str]]:
    """Figures in digits and in number words, in text order, the digits winning overlaps."""
    digits = list(g.FIGURE_RE.finditer(text))
    words = list(g.WORD_FIGURE_SCAN.finditer(text, low))
    if not words:
        return digits
    taken = [(m.start(), m.end()) for m in digits]
    words = [m for m in words if not _overlaps(taken, m.start(), m.end())]
    return sorted([*digits, *words], key=lambda m: m.start())


def _scan(text: str, low: str, blocked: list[tuple[int, int]]) -> list[_Token]:
    """Every figure of the text outside blocked spans, in order."""
    tokens: list[_Token] = []
    for m in _figure_matches(text, low):
        parts = FigureParts.from_match(m, "f")
        end = m.end()
        scale_at = m.start("scale_f")
        # A one-letter scale must be glued to its number: "22B" is 22 billion, "2 B" is not,
        # unless a currency marker says the figure is money ("$30.2 B", "£5 m")
        # ("1672 亿" is 1672亿: a Chinese scale character is no letter)
        letter = (
            parts.scale if parts.scale and len(parts.scale) == 1 and parts.scale.isascii() else ""
        )
        if letter and text[scale_at - 1].isspace() and not (parts.before and letter in "BMTm"):
            parts = FigureParts(parts.negative, parts.before, parts.number, None, None, False)
            end = m.end("num_f")
        if not _inside(blocked, m.start(), end):
            tokens.append(_Token(m.start(), end, parts))
    return tokens


def _merge_ranges(text: str, tokens: list[_Token]) -> list[_Token]:
    """Join "A to B", "A–B" and "between A and B" into one range token where they agree."""
    merged: list[_Token] = []
    i = 0
    while i < len(tokens):
        a = tokens[i]
        if i + 1 < len(tokens) and _is_range(text, a, tokens[i + 1]):
            b = tokens[i + 1]
            merged.append(_Token(a.start, b.end, a.parts, b.parts))
            i += 2
        else:
            merged.append(a)
            i += 1
    return merged


def _is_range(text: str, a: _Token, b: _Token) -> bool:
    """Whether two neighbouring figures print one range rather than two figures."""
    gap = text[a.end : b.start]
    if not g.GAP_RANGE_RE.match(gap) or b.parts.negative or not _has_unit(b.parts):
        return False
    word = gap.strip().lower()
    before = text[max(a.start - 40, 0) : a.start]
    if word == "to" and re.search(r"(?i)\bby\s*$", before):
        return False  # "raised it by $10 billion to $95 billion": a step, then the level
    if word == "and" and not g.BETWEEN_BEFORE_RE.search(before):
        return False
    # "from $75 billion to $85 billion" is a change, not a range.
    if word == "to" and (
        not (_has_unit(a.parts) or _bare_low_end(a.parts, b.parts))
        or re.search(r"(?i)\bfrom\b", before)
    ):
        return False
    return _agree(a.parts, b.parts)


def _bare_low_end(a: FigureParts, b: FigureParts) -> bool:
    """ "38 to 40 billion dollars": a bare number before "to" shares the high end's scale
    and currency, when the high end has both and the number is no year."""
    bare = not (a.percent or a.scale or a.currencies())
    if not bare or not (b.scale and b.currencies()) or _YEAR_LIKE.fullmatch(a.number):
        return False
    # the ends of a printed range are close ("38 to 40"); "grew 5 to $40 billion" is no range
    return read_number(a.number) * 2 >= read_number(b.number)


_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")


def _agree(a: FigureParts, b: FigureParts) -> bool:
    """Whether two figures can be the ends of one range (same kind, currency, order)."""
    if a.percent != b.percent and (a.percent or _has_unit(a)):
        return False
    codes_a, codes_b = set(a.currencies()), set(b.currencies())
    if codes_a and codes_b and codes_a != codes_b:
        return False
    scale = b.scale or a.scale
    return a.magnitude(a.scale or scale) <= b.magnitude(b.scale or scale)


# --- pass 1: classification --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Around:
    """What surrounds one figure: the words before (approximation word cut off) and after."""

    before: str
    core: str
    after: str
    far_after: str
    quals: tuple[str, ...]
    core_start: int


def _around(ctx: _Context, tok: _Token, prev_end: int, next_start: int) -> _Around:
    """The context windows of a figure, bounded by its clause and its neighbours."""
    left, right = ctx.clause(tok.start, tok.end)
    lo = max(left, prev_end, tok.start - _WINDOW)
    before = ctx.text[lo : tok.start]
    far_after = ctx.text[tok.end : max(min(right, tok.end + _WINDOW), tok.end)]
    after = far_after[: max(next_start - tok.end, 0)]
    m = g.APPROX_END_RE.search(before)
    if m is None:
        return _Around(before, before, after, far_after, (), tok.start)
    quals = g.APPROX_BEFORE[re.sub(r"\s+", " ", m.group("q").lower())]
    return _Around(before, before[: m.start()], after, far_after, quals, lo + m.start())


def _classify(ctx: _Context, tok: _Token, around: _Around) -> Draft | None:
    """The claim a figure makes, or ``None`` if it makes none (a year, a bare number)."""
    draft = _classify_token(ctx, tok, around)
    if draft is not None and "from" not in draft.quals:
        line = ctx.text.rfind("\n", 0, tok.start) + 1
        if _CARD_BASE_BEFORE.fullmatch(ctx.text, line, tok.start):
            draft.quals.append("from")  # a data card's "Previous year: $14.3B": the base
    return draft


_CARD_BASE_BEFORE = re.compile(r"(?i)\s*(?:previous|prior|last)\s+year\s*:\s*")


def _classify_token(ctx: _Context, tok: _Token, around: _Around) -> Draft | None:
    parts = tok.parts
    high = tok.high
    # "38-40 billion dollars", "175 billion to 185 billion USD": the high end's currency
    if parts.before or parts.after or (high is not None and (high.before or high.after)):
        return _money(ctx, tok, around)
    if parts.percent or (tok.high is not None and tok.high.percent):
        return _percent(ctx, tok, around)
    if parts.scale or (tok.high is not None and tok.high.scale):
        return _scaled(ctx, tok, around)
    return _bare(ctx, tok, around)


def _values(tok: _Token) -> tuple[Decimal, Decimal | None]:
    """Low and high values of a figure, the range's one scale word applied to both ends."""
    if tok.high is None:
        return tok.parts.magnitude(), None
    scale = tok.high.scale or tok.parts.scale
    return tok.parts.magnitude(tok.parts.scale or scale), tok.high.magnitude(
        tok.high.scale or scale
    )


def _draft(ctx: _Context, tok: _Token, around: _Around, kind: ClaimKind, unit: str | None) -> Draft:
    """A draft for a figure with its values, approximation qualifiers and range mark."""
    low, high = _values(tok)
    quals = list(around.quals)
    if high is not None:
        quals.append("range")
        if kind is ClaimKind.AMOUNT or kind is ClaimKind.COUNT:
            kind = ClaimKind.RANGE
    printed = ctx.text[tok.start : tok.end]
    return Draft(around.core_start, tok.end, kind, low, unit, printed, high, quals)


def _currency(parts: list[FigureParts]) -> tuple[str | None, list[str]]:
    """The unit of a money figure and the currency qualifiers its markers call for."""
    codes = [c for p in parts for c in p.currencies()]
    known = list(dict.fromkeys(c for c in codes if c is not None))
    if len(known) > 1:
        # "$38.6 billion RMB": the bare "$" is the likelier slip, so the explicit word wins.
        first = parts[0]
        bare_dollar = first.before == "$" and first.after is not None
        unit = known[1] if bare_dollar else known[0]
        return unit, [f"currency_conflict:{'|'.join(known)}"]
    if known:
        return known[0], []
    # Only "¥" names no single currency.
    return None, ["currency_ambiguous:CNY|JPY"] if codes else []


def _money(ctx: _Context, tok: _Token, around: _Around) -> Draft:
    """An amount (or money range) with currency, per-share, sign and context qualifiers."""
    parts = [tok.parts] if tok.high is None else [tok.parts, tok.high]
    unit, quals = _currency(parts)
    if unit and (
        g.PER_SHARE_AFTER_RE.match(around.far_after) or g.PER_SHARE_BEFORE_RE.search(around.core)
    ):
        unit = f"{unit}/share"
    draft = _draft(ctx, tok, around, ClaimKind.AMOUNT, unit)
    draft.quals += quals
    _amount_context(draft, around)
    if "compared" not in draft.quals and _MULTIPLE_OF.search(
        ctx.text, max(tok.start - 40, 0), tok.start
    ):
        draft.quals.append("compared")  # "more than doubling 2024's $83 billion": the base
    return draft


_MULTIPLE_OF = re.compile(r"(?i)\b(?:doubl|tripl|quadrupl)\w*\s+(?:[\w’'-]+\s+){0,2}$")


_THRESHOLD_BEFORE = re.compile(
    r"(?i)\b(?:crossed|passed|topped|surpassed|exceeded|eclipsed|broke\s+through|broke|"
    r"cleared|breached)\s+(?:the\s+)?$"
)

_BASE_AFTER = re.compile(r"(?i)\s+base\b")
_STEP_AFTER = re.compile(
    r"(?i)\s*(?:(?P<seq>sequential|quarter[- ](?:over|on)[- ]quarter|q/q|qoq)|(?P<yoy>year[- ]"
    r"(?:over|on)[- ]year|y/y|yoy|annual))?\s*(?:step[- ]?(?:down|up)|increase|decrease|decline|"
    r"drop|rise|jump|reduction)\b"
)
_MORE_THAN_AFTER = re.compile(
    r"(?i)\s*(?P<w>higher|lower|more|less|greater|above|below)\s+than\b"
    r"(?P<yoy>\s+(?:(?:in\s+)?(?:last|the\s+(?:prior|previous))\s+year|a\s+year\s+(?:ago|earlier)))?"
)
# "an increase of $317 billion", "$317 billion from the end of Q4": a change, not a level
_CHANGE_OF_BEFORE = re.compile(
    r"(?i)\b(?:increase|rise|jump|gain|growth|decline|decrease|drop|fall|addition)\s+of\s+"
    r"(?:about\s+|roughly\s+|nearly\s+|almost\s+|some\s+|over\s+|more\s+than\s+)?$"
)
_SINCE_POINT_AFTER = re.compile(r"(?i)\s*(?:from|since)\s+(?:the\s+)?(?:end|close|start)\s+of\b")
_FIRST_BEFORE = re.compile(r"(?i)\b(?:first(?:[- ]ever)?|ever)\s+$")
_PERIOD_NOUN_AFTER = re.compile(r"(?i)\s*(?:revenue\s+|sales\s+)?(?:quarter|year|month)\b")
_MARK_AFTER = re.compile(r"(?i)\s*(?:[\w-]+\s+){0,3}?(?:mark|threshold|milestone|barrier|level)\b")


def _amount_context(draft: Draft, around: _Around) -> None:
    """Qualifiers every amount reads from its neighbours: sign, record, from, estimate."""
    if _BASE_AFTER.match(around.far_after) and "from" not in draft.quals:
        draft.quals.append("from")  # "a $2B add on a $625B base": the base compared with
    step = _STEP_AFTER.match(around.far_after)
    if step is not None:  # "a $6.6B sequential step-down", "a $4 billion increase"
        draft.quals += ["change", *(["seq"] if step.group("seq") else [])]
        if step.group("yoy"):
            draft.quals.append("yoy")
    elif (more := _MORE_THAN_AFTER.match(around.far_after)) is not None:
        draft.quals.append("change")  # "approximately $30 billion higher than last year"
        if more.group("w").lower() in ("lower", "less", "below"):
            _negate(draft, "decline")
        if more.group("yoy"):
            draft.quals.append("yoy")
    if (
        (_THRESHOLD_BEFORE.search(around.core) and _MARK_AFTER.match(around.far_after))
        or (_FIRST_BEFORE.search(around.core) and _PERIOD_NOUN_AFTER.match(around.far_after))
    ) and "at_least" not in draft.quals:
        # "crossed the $75 billion quarterly revenue mark", "its first-ever $100 billion
        # quarter": a threshold passed, not the figure itself
        draft.quals.append("at_least")
    if (
        g.NEGATIVE_BEFORE_RE.search(around.core)
        or g.NEGATIVE_AFTER_RE.match(around.after)
        or (draft.kind is ClaimKind.AMOUNT and g.LOST_BEFORE_RE.search(around.core))
    ):
        _negate(draft, "negative")
    if _CHANGE_OF_BEFORE.search(around.core) or (
        _SINCE_POINT_AFTER.match(around.far_after) and not g.TO_BEFORE_RE.search(around.core)
    ):
        draft.quals.append("change")
    elif g.BY_BEFORE_RE.search(around.core):
        draft.quals.append("change")
        verb = re.search(r"(?i)\b(\w+)\s+(?:[\w’'-]+\s+){0,5}?by\s*$", around.core)
        if verb and g.DOWN_WORD_RE.match(verb.group(1)):
            _negate(draft, "decline")
    elif (updown := g.UP_DOWN_BEFORE_RE.search(around.core)) is not None:
        draft.quals.append("change")
        if updown.group(1).lower() == "down":
            _negate(draft, "decline")
    if "change" in draft.quals and g.YEAR_ON_AFTER_RE.match(around.after):
        draft.quals.append("yoy")  # a change from a year earlier, not a plan's revision
    _common_context(draft, around)


_BEAT_WITH = re.compile(
    r"(?i)\b(?:beat|beats|beating|topp(?:ed|ing)|tops|miss(?:ed|es|ing)|exceed(?:ed|ing|s)|"
    r"surpass(?:ed|ing)|outpac(?:ed|ing)|crush(?:ed|ing))\s+(?:[\w'’-]+\s+){0,3}?(?:estimates?|"
    r"expectations?|consensus|forecasts?)\s+(?:with|by\s+(?:posting|reporting|delivering))\s+"
    r"(?:[\w-]+\s+){0,2}?$"
)
_OWN_PRIOR_FORECAST = re.compile(
    r"(?i)\b(?:its|their|the\s+company['’]s|an?|the)\s+(?:prior|previous|earlier|original|initial)\s+"
    r"(?:forecast|projection|outlook)\s+(?:of|for)\s+(?:about\s+|around\s+|roughly\s+)?$"
)
_EST_PAST_BRACKET = re.compile(r"(?i)\s*\([^()]{0,20}\)\s*(?:est\.|estimated?\b|expected\b)")
_OTHERS_WORD = re.compile(r"(?i)^\s*(?:expected|estimated|forecast|est\.)\s*(?:[,;]|(?=[+\-−$]))")
# "beat the RMB37.9 billion analysts expected and sped up from 26%": the words right after
# the figure before are that figure's
_OTHERS_CLAUSE = re.compile(
    r"(?i)^\s*(?:that\s+|which\s+)?(?:analysts?|the\s+street|wall\s+street|consensus|investors)\s+"
    r"(?:had\s+)?(?:expected|estimated|forecast|predicted|anticipated|projected|were\s+expecting)\b"
)
_SIGN_END = re.compile(r"[+\-−±]$")


def _common_context(draft: Draft, around: _Around) -> None:
    """Qualifiers of any figure: record, from/compared, analyst estimate, guidance."""
    if g.RECORD_NEAR_RE.search(around.core):
        draft.quals.append("record")
    core = _SIGN_END.sub("", around.core)  # "accelerating from +28%": the sign is the figure's
    if g.COMPARED_BEFORE_RE.search(core):
        draft.quals.append("compared")
    elif g.FROM_BEFORE_RE.search(core):
        draft.quals.append("from")
    # "Azure growth 38% expected, 40% delivered": the word before the comma is the other's
    before = _OTHERS_CLAUSE.sub("", _OTHERS_WORD.sub("", around.before))
    if _BEAT_WITH.search(before) or _OWN_PRIOR_FORECAST.search(before):
        # "beat fourth-quarter estimates with $59.89 billion": the result that beat them;
        # "up from a prior forecast of $75 billion": the company's own earlier plan
        if _OWN_PRIOR_FORECAST.search(before):
            draft.quals.append("guidance")
    elif (
        g.ESTIMATE_BEFORE_RE.search(before)
        or g.ESTIMATE_AFTER_RE.match(around.after)
        or _EST_PAST_BRACKET.match(around.far_after)  # "$30.2 B (+28%) est."
    ):
        draft.quals.append("estimate")
    elif g.GUIDANCE_BEFORE_RE.search(before):
        draft.quals.append("guidance")


def _negate(draft: Draft, qualifier: str) -> None:
    """Make the draft's values negative (once) and record why."""
    if draft.value is not None and draft.value > 0:
        draft.value = -draft.value
        if draft.high is not None:
            draft.value, draft.high = -draft.high, draft.value
    if qualifier not in draft.quals:
        draft.quals.append(qualifier)


def _percent(ctx: _Context, tok: _Token, around: _Around) -> Draft:
    """A percentage: growth (signed), market share or plain percent (margin, level)."""
    kind, start, end, down = _percent_kind(ctx, tok, around)
    draft = _draft(ctx, tok, around, kind, "percent")
    draft.start, draft.end = min(start, draft.start), end
    if down:
        _negate(draft, "decline")
    if kind is ClaimKind.GROWTH:
        _growth_period(draft, ctx, tok, around)
    _common_context(draft, around)
    return draft


def _percent_kind(ctx: _Context, tok: _Token, around: _Around) -> tuple[ClaimKind, int, int, bool]:
    """Kind, span and whether it is a decline, from the cue words around a percentage."""
    verb = g.GROWTH_VERB_RE.search(around.core)
    noun = g.GROWTH_NOUN_RE.match(around.after)
    core_at = around.core_start - len(around.core)
    if verb is not None:
        cue = verb.group("v") or ""
        down = bool(g.DOWN_WORD_RE.match(cue)) or (noun is not None and _down(noun))
        down = down or bool(g.CJK_DOWN_RE.search(verb.group("cjk") or ""))
        end = tok.end + noun.end() if noun is not None else tok.end
        return ClaimKind.GROWTH, core_at + verb.start(), end, down
    if noun is not None:
        return ClaimKind.GROWTH, tok.start, tok.end + noun.end(), _down(noun)
    if g.YOY_START_RE.match(around.after) or g.QOQ_START_RE.match(around.after):
        return ClaimKind.GROWTH, tok.start, tok.end, False
    if _is_share(ctx, tok, around):
        return ClaimKind.SHARE, tok.start, tok.end, False
    return ClaimKind.PERCENT, tok.start, tok.end, False


def _down(noun: re.Match[str]) -> bool:
    return bool(g.DOWN_WORD_RE.match(noun.group("n")))


def _is_share(ctx: _Context, tok: _Token, around: _Around) -> bool:
    """Whether a percentage is a share: "33% market share", "accounting for", "Huawei (18%)"."""
    if g.SHARE_AFTER_RE.match(around.after) or g.SHARE_BEFORE_RE.search(around.core):
        return True
    in_parens = around.before.endswith("(") and around.after.startswith(")")
    return in_parens and re.search(r"(?i)\bshare\b", ctx.sentence(tok.start)) is not None


def _growth_period(draft: Draft, ctx: _Context, tok: _Token, around: _Around) -> None:
    """Mark a growth claim year-on-year or quarter-on-quarter; take in an adjacent phrase."""
    for pattern, qual in ((g.YOY_RE, "yoy"), (g.QOQ_RE, "qoq")):
        m = pattern.search(around.after)
        if m is not None and HAN_RE.match(m.group()):
            m = None  # "同比下降24%,环比下降超32%": a Chinese marker leads the figure after it
        if m is not None:
            start, end = tok.end + m.start(), tok.end + m.end()
            if not ctx.text[draft.end : start].strip():
                draft.end = max(draft.end, end)
        else:
            # A phrase right after the previous figure is that figure's ("+57% QoQ after").
            m = pattern.search(around.core)
            if m is None or not around.core[: m.start()].strip():
                continue
        draft.quals.append(qual)


def _scaled(ctx: _Context, tok: _Token, around: _Around) -> Draft:
    """A number with a scale word but no currency: parameters, a count, or an amount."""
    kind, unit, quals, took = _noun_kind(around.after)
    if kind is None:
        kind, unit = ClaimKind.AMOUNT, None
    draft = _draft(ctx, tok, around, kind, unit)
    draft.quals += quals
    draft.end += took
    _amount_context(draft, around)
    return draft


_NounKind = tuple[ClaimKind | None, str | None, list[str], int]


def _noun_kind(after: str) -> _NounKind:
    """Parameters or a count from the noun after a number ("235 billion parameters").

    Returns kind, unit, qualifiers and how many characters of ``after`` the claim takes in.
    """
    params = g.PARAMETERS_RE.match(after)
    if params is not None:
        return ClaimKind.PARAMETERS, "parameters", [], params.end()
    quals: list[str] = []
    plus = 1 if g.PLUS_AFTER_RE.match(after) else 0
    if plus:
        quals = ["plus", "at_least"]
    noun = g.COUNT_NOUN_RE.match(after[plus:])
    if noun is not None:
        return ClaimKind.COUNT, "count", [*quals, f"noun:{noun.group('n')}"], plus + noun.end()
    return (ClaimKind.COUNT, "count", quals, plus) if quals else (None, None, [], 0)


def _bare(ctx: _Context, tok: _Token, around: _Around) -> Draft | None:
    """A number with no unit: points, a duration, a count, or nothing (years, labels)."""
    number = tok.parts.number
    if re.fullmatch(r"(?:19|20)\d{2}", number) or number.lower() in ("zero", "one"):
        return None
    points = g.POINTS_RE.match(around.after)
    if points is not None:
        return _points(ctx, tok, around, points)
    duration = g.DURATION_RE.match(around.after)
    if duration is not None:
        draft = _draft(ctx, tok, around, ClaimKind.COUNT, duration.group("u").lower() + "s")
        draft.quals.append("duration")
        draft.end = tok.end + duration.end()
        return draft
    kind, unit, quals, took = _noun_kind(around.after)
    if kind is None:
        return None
    draft = _draft(ctx, tok, around, kind, unit)
    draft.quals += quals
    draft.end += took
    _common_context(draft, around)
    return draft


def _points(ctx: _Context, tok: _Token, around: _Around, points: re.Match[str]) -> Draft:
    """A change in percentage points ("200 basis points" is 2 points)."""
    basis = points.group("u").lower().startswith(("basis", "bps"))
    kind = ClaimKind.GROWTH if g.GROWTH_VERB_RE.search(around.core) else ClaimKind.PERCENT
    draft = _draft(ctx, tok, around, kind, "percent")
    if basis and draft.value is not None:
        draft.value = draft.value / 100
    draft.quals.append("points")
    draft.end = tok.end + points.end()
    return draft


# --- assembly ----------------------------------------------------------------------------

# "expectations of $5.24 EPS and $41.48 billion in revenue": a word or two may name the first
_COORDINATED_RE = re.compile(
    r"(?i)\s*(?:[\w/-]+\s+){0,2}?,?\s*(?:and|as well as)\s+[^.;,$]{0,40}?(?:of|at)?\s*"
)
_TO_GAP_RE = re.compile(
    r"(?i)\s*(?:[\w-]+\s+){0,2}?to\s+(?:an?\s+(?:new\s+)?(?:record|all-time\s+high\s+of)\s+)?"
    # "同比增长20%至318.5亿元", "按年增长17.17%,至921.33亿元": Chinese "to"
    r"|\s*[,，]?\s*(?:至|达到|达|增至|升至|降至)(?:人民币|人民幣)?\s*"
)


def _level_then_growth(gap: str, growth_first: str) -> bool:
    """Whether a growth right after an amount restates it: "$42.4 billion, up 20%"; Chinese
    runs the two together with a comma or nothing at all ("营收1800.2亿元同比增长13%")."""
    if re.fullmatch(r"\s*,\s*", gap):
        return True
    # a unit note may stand between: "1,800.22亿元(单位人民币,下同),按年增长12.87%"
    chinese_gap = r"\s*(?:[(（][^()（）]{0,20}[)）])?\s*[,，]?\s*"
    return "\u4e00" <= growth_first <= "\u9fff" and re.fullmatch(chinese_gap, gap) is not None


def _link(text: str, drafts: list[Draft]) -> None:
    """Link neighbours: a conversion to its amount, a growth to the level it reached; a
    comparison base's per-share twin ("compared to $13.5 billion, or $1.26 per share") is
    a comparison base too."""
    for i in range(len(drafts) - 1):
        a, b = drafts[i], drafts[i + 1]
        gap = text[a.end : b.start]
        if re.fullmatch(r"\s*,\s*or\s+", gap):
            b.quals += [q for q in a.quals if q in ("from", "compared") and q not in b.quals]
        # "estimates were calling for revenue of $15 billion and adjusted EPS of $1.48"
        if "estimate" in a.quals and re.fullmatch(r"\s*\(\s*", gap) and "estimate" not in b.quals:
            b.quals.append("estimate")  # "Revenue Estimate: ~$16.15 Billion (+15% YoY)"
        elif (
            "estimate" in a.quals
            and _COORDINATED_RE.fullmatch(gap)
            # "... analysts expected and sped up from 26% growth": a base reported, not wished
            and not {"from", "compared"} & set(b.quals)
        ):
            b.quals.append("estimate")
        if _is_conversion(text, a, b, gap):
            b.kind = ClaimKind.CONVERSION
            b.quals.append("conversion")
            # "vs RMB 15.01 ($2.14)": the conversion of a base is a base too
            b.quals += [q for q in a.quals if q in ("from", "compared") and q not in b.quals]
        elif not (
            (
                a.kind is ClaimKind.GROWTH
                and b.kind is not ClaimKind.GROWTH
                and _TO_GAP_RE.fullmatch(gap)
            )
            or (
                a.kind in _MONEY_KINDS
                and b.kind is ClaimKind.GROWTH
                and _level_then_growth(gap, text[b.start : b.start + 1])
            )
        ):
            continue
        a.links.append(i + 1)
        b.links.append(i)


def _is_conversion(text: str, a: Draft, b: Draft, gap: str) -> bool:
    """Whether ``b`` restates amount ``a`` in another currency, in parentheses after it."""
    if a.kind not in _MONEY_KINDS or b.kind not in _MONEY_KINDS or a.unit == b.unit:
        return False
    return (
        re.fullmatch(r"\s*\(\s*", gap) is not None and text[b.end : b.end + 2].lstrip()[:1] == ")"
    )


def _claim(ctx: _Context, draft: Draft) -> Claim:
    """The frozen claim of a draft."""
    return Claim(
        text=ctx.text[draft.start : draft.end],
        span=(draft.start, draft.end),
        kind=draft.kind,
        value=draft.value,
        unit=draft.unit,
        value_high=draft.high,
        as_printed=draft.printed,
        sentence=ctx.sentence(draft.start),
        qualifiers=tuple(dict.fromkeys(draft.quals)),
        related=tuple(sorted(set(draft.links))),
    )


def _figures(ctx: _Context, occupied: list[tuple[int, int]]) -> list[Draft]:
    """Claims of the figures printed in digits or number words (pass 1)."""
    tokens = _merge_ranges(ctx.text, _scan(ctx.text, ctx.low, _blocked_spans(ctx.text, ctx.low)))
    drafts = []
    for i, tok in enumerate(tokens):
        if _overlaps(occupied, tok.start, tok.end):
            continue
        prev_end = tokens[i - 1].end if i else 0
        next_start = tokens[i + 1].start if i + 1 < len(tokens) else len(ctx.text)
        draft = _classify(ctx, tok, _around(ctx, tok, prev_end, next_start))
        if draft is not None:
            drafts.append(draft)
    return drafts


def extract_claims(text: str) -> list[Claim]:
    """The numerical claims of ``text``, in text order (see the module doc for conventions).

    >>> text = "Revenue rose 8% year-over-year to RMB280.2 billion ($38.4 billion)."
    >>> claims = extract_claims(text)
    >>> [(c.kind.value, c.text, str(c.value), c.unit, c.related) for c in claims]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('growth', 'rose 8% year-over-year', '8', 'percent', (1,)),
     ('amount', 'RMB280.2 billion', '280200000000', 'CNY', (0, 2)),
     ('conversion', '$38.4 billion', '38400000000', 'USD', (1,))]
    >>> c = extract_claims("It holds a 33% market share.")[0]
    >>> c.kind.value, c.text, c.span
    ('share', '33%', (11, 14))
    """
    ctx = _Context.of(text)
    phrases = wordless(text, ctx.low)
    figures = _figures(ctx, sorted((d.start, d.end) for d in phrases))
    drafts = sorted(
        [*figures, *phrases, *records(text, ctx.low, figures)], key=lambda d: (d.start, d.end)
    )
    _link(text, drafts)
    return [_claim(ctx, d) for d in drafts]
