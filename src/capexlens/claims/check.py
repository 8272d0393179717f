"""Check an article: read it, find its date, extract, link and verify its claims.

:func:`read_article` reads a file as UTF-8 text and refuses what is no article (empty,
binary, undecodable, too large) with an :class:`~capexlens.errors.ArticleError` that says
how to fix it. :func:`check_article` runs the whole pipeline on text and returns an
:class:`~capexlens.claims.report.ArticleReport`.

HTML is read with :mod:`html.parser`: scripts, styles and other non-text elements are
dropped (never run, never echoed), block elements become line breaks, and an offset map
takes every character of the stripped text back to its place in the input, so claim spans
always index the text exactly as read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

from capexlens.claims._chinese import drop_pinyin
from capexlens.claims._evidence import StoreSnapshot
from capexlens.claims._tables import split_glued_tables, unglue_tables
from capexlens.claims.consistency import Inner, consistency
from capexlens.claims.extract import extract_claims
from capexlens.claims.link import find_mentions, link_claims
from capexlens.claims.report import ArticleReport
from capexlens.claims.verify import FactIndex, verify_claim
from capexlens.errors import ArticleError
from capexlens.models import Claim, Evidence, Period, Reason, Verdict, VerdictLabel
from capexlens.periods import latest_reported_quarter
from capexlens.registry import Registry, default_registry
from capexlens.store import FactStore

__all__ = [
    "MAX_BYTES",
    "PlainText",
    "check_article",
    "check_articles",
    "find_dateline",
    "read_article",
    "strip_html",
]

_REPORTING_LAG_DAYS = 50
MAX_BYTES = 5_000_000  # far above any article (news pages run to ~2 MB of HTML)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "title",
        "dt",
        "dd",
        "figcaption",
        "hr",
    ]
)
_HIDDEN = frozenset(
    ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "head"]
)


def read_article(path: str | Path) -> str:
    """The text of an article file, decoded as UTF-8 exactly as stored.

    Raises
    ------
    ArticleError
        The file is missing, empty, larger than :data:`MAX_BYTES`, binary, or not UTF-8.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ArticleError(f"{p}: cannot read the article ({exc.strerror or exc})") from None
    if p.is_dir():
        raise ArticleError(f"{p} is a directory; pass article files")
    if size > MAX_BYTES:
        raise ArticleError(
            f"{p} is {size / 1e6:.1f} MB; articles up to {MAX_BYTES / 1e6:.0f} MB are "
            "checked: split the file or pass the article alone"
        )
    raw = p.read_bytes()
    if not raw.strip():
        raise ArticleError(f"{p} is empty; nothing to check")
    if b"\x00" in raw[:8192]:
        raise ArticleError(f"{p} looks binary (NUL bytes); pass a text, Markdown or HTML file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{p} is not valid UTF-8 (byte {exc.start}: {raw[exc.start : exc.start + 1]!r}); "
            "re-save it as UTF-8"
        ) from None


@dataclass(frozen=True, slots=True)
class PlainText:
    """Text to check and, for HTML, where each of its characters came from in the input.

    ``offsets[i]`` is the input offset of ``text[i]``; ``offsets[len(text)]`` is the end.
    """

    text: str
    offsets: tuple[int, ...] | None = None
    dates: tuple[str, ...] = ()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The input span of ``text[start:end]``."""
        if self.offsets is None:
            return start, end
        last = self.offsets[end - 1] + 1 if end > start else self.offsets[start]
        return self.offsets[start], last


class _Stripper(HTMLParser):
    """Collects text and its input offsets; drops hidden elements."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.hidden = 0
        self.dates: list[str] = []

    def _here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _add(self, text: str, at: int, spread: bool) -> None:
        for k, ch in enumerate(text):
            self.chars.append(ch)
            self.offsets.append(at + k if spread else at)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "time" and values.get("datetime"):
            self.dates.append(values["datetime"] or "")
        if tag == "meta" and "date" in (values.get("property") or values.get("name") or ""):
            self.dates.append(values.get("content") or "")
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCK:
            self._add("\n", self._here(), False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in _BLOCK:
            self._add("\n", self._here(), False)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self._add(data, self._here(), True)

    def handle_entityref(self, name: str) -> None:
        from html import unescape

        if not self.hidden:
            self._add(unescape(f"&{name};"), self._here(), False)

    def handle_charref(self, name: str) -> None:
        from html import unescape

        if not self.hidden:
            self._add(unescape(f"&#{name};"), self._here(), False)


def strip_html(raw: str) -> PlainText:
    """The visible text of an HTML page with its offset map.

    >>> t = strip_html("<p>Capex &amp; <b>RMB38.6</b> billion</p><script>alert(1)</script>")
    >>> t.text.strip(), t.raw_span(t.text.index("RMB"), t.text.index("RMB") + 7)
    ('Capex & RMB38.6 billion', (18, 25))
    """
    parser = _Stripper(raw)
    parser.feed(raw)
    parser.close()
    offsets = [*parser.offsets, len(raw)]
    return PlainText("".join(parser.chars), tuple(offsets), tuple(parser.dates))


def _remapped(
    plain: PlainText, rewrite: Callable[[str], tuple[str, list[int]] | None]
) -> PlainText:
    """The text as ``rewrite`` reads it (pinyin readings out, lost table borders back),
    its offsets still mapping every character to the input."""
    dropped = rewrite(plain.text)
    if dropped is None:
        return plain
    text, kept = dropped
    old = plain.offsets
    ends = len(plain.text) if old is None else old[len(plain.text)]
    offsets = [k if old is None else old[k] for k in kept]
    return PlainText(text, (*offsets, ends), plain.dates)


def _blank_comments(text: str) -> str:
    """``<!-- ... -->`` comments (a Markdown article's source notes) turned into spaces, line
    breaks kept, so nothing in them is checked and every offset stays where it was."""
    return _COMMENT_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


def soft_breaks(text: str) -> str:
    r"""Markdown's soft line breaks turned into spaces: a paragraph wrapped over several
    lines is one run of sentences, while headings, list items, table rows and quotes keep
    their own lines. One character for one, so every offset stays where it was.

    >>> soft_breaks("Revenue rose\nto $5 billion.\n\n# Next\n- item\n| a | b |")
    'Revenue rose to $5 billion.\n\n# Next\n- item\n| a | b |'
    """
    lines = text.split("\n")
    out = []
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        out.append(line)
        joined = (
            line.strip()
            and after.strip()
            and not _BLOCK_RE.match(line)
            and not _BLOCK_RE.match(after)
            and not line.endswith("  ")  # a hard break
        )
        out.append(" " if joined else "\n")
    return "".join(out)[:-1]


# lines that stand on their own: headings, table rows, quotes, fences, list items
_BLOCK_RE = re.compile(r"[ \t]{0,3}(?:#|\||>|```|[*+-]\s|\d+[.)]\s)")


def _looks_html(raw: str, path: str) -> bool:
    if path.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = raw[:2048].lstrip().lower()
    return (
        head.startswith(("<!doctype html", "<html"))
        or len(re.findall(r"</(?:p|div|span|a|li|h\d)>", raw[:20000])) >= 3
    )


# --- the article's date -------------------------------------------------------------------

_MONTHS = {
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ]
        )
    },
}
_MON = r"(?P<mon>[A-Za-zéû]{3,10})\.?"
_DATE_RES = (
    re.compile(r"(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>20\d{2})"),
    re.compile(
        r"(?P<d>\d{1,2})(?:st|nd|rd|th|er)?\s+(?:de\s+)?" + _MON + r",?\s+(?:de\s+)?"
        r"(?P<y>20\d{2})"
    ),
    re.compile(r"(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
)
_NOT_DATELINE = re.compile(r"(?i)(?:ended|ending|through|to|until|by|before|after)\s*$")


def find_dateline(text: str, hints: tuple[str, ...] = ()) -> date | None:
    """The article's own date: an HTML ``<time>``/``<meta>`` date, else the first full date
    in its first lines that is not a period end ("the quarter ended June 30, 2025").

    >>> find_dateline("Headline\\nviernes, 29 de agosto de 2025, 7:41 am ET\\nBody")
    datetime.date(2025, 8, 29)
    >>> find_dateline("In the quarter ended June 30, 2025, revenue rose.") is None
    True
    """
    for hint in hints:
        found = _first_date(hint[:40])
        if found is not None:
            return found
    # the first lines that say anything: a blanked comment leaves empty lines, not words
    head = "\n".join([line for line in text[:6000].splitlines() if line.strip()][:12])
    return _first_date(head)


def _first_date(text: str) -> date | None:
    best: tuple[int, date] | None = None
    for pattern in _DATE_RES:
        for m in pattern.finditer(text):
            if _NOT_DATELINE.search(text[max(m.start() - 12, 0) : m.start()]):
                continue
            g = m.groupdict()
            month = int(g["m"]) if g.get("m") else _MONTHS.get(_fold(g.get("mon") or ""), 0)
            try:
                day = date(int(g["y"]), month, int(g["d"]))
            except ValueError:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), day)
    return best[1] if best else None


def _fold(word: str) -> str:
    w = word.lower().rstrip(".")
    for name in _MONTHS:
        if name.startswith(w) and len(w) >= 3:
            return name
    return w


# --- the pipeline -------------------------------------------------------------------------


def reported_quarters(idx: FactIndex, entities: set[str], as_of: date) -> dict[str, Period]:
    """The latest quarter each entity had reported by ``as_of``: the last quarter with a
    fact in the store public by then (one day of grace for copies), or, since stores often
    hold a quarter only from later sources, any quarter ended 50 days before (every
    company covered reports within that)."""
    return {entity: _reported_quarter(idx, entity, as_of) for entity in entities}


def _reported_quarter(idx: FactIndex, entity: str, as_of: date) -> Period:
    grace = as_of + timedelta(days=1)
    quarters = [
        f.period
        for f in idx.snapshot.quarter_facts(entity)
        if f.known_on <= grace and f.period.end < as_of
    ]
    cal = idx.registry.calendar(entity)
    quarters.append(latest_reported_quarter(cal, as_of, lag_days=_REPORTING_LAG_DAYS))
    return max(quarters, key=lambda p: p.end)


class _Reported(Mapping[str, Period]):
    """:func:`reported_quarters`, each entity's quarter found when linking first asks.

    Why lazy: an article names companies none of its figures are about, and finding their
    quarter would read all their facts from the store for nothing.
    """

    def __init__(self, idx: FactIndex, entities: set[str], as_of: date) -> None:
        self._idx, self._entities, self._as_of = idx, entities, as_of
        self._found: dict[str, Period] = {}

    def __getitem__(self, entity: str) -> Period:
        if entity not in self._entities:
            raise KeyError(entity)
        if entity not in self._found:
            self._found[entity] = _reported_quarter(self._idx, entity, self._as_of)
        return self._found[entity]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entities)

    def __len__(self) -> int:
        return len(self._entities)


def check_article(
    store: FactStore,
    text: str,
    *,
    path: str = "",
    as_of: date | None = None,
    registry: Registry | None = None,
    snapshot: StoreSnapshot | None = None,
) -> ArticleReport:
    """Check every numerical claim of an article against the store.

    Parameters
    ----------
    store
        An opened fact store (with the embedded data, see :func:`capexlens.open_store`).
    text
        The article as read (plain text, Markdown or HTML).
    path
        Where it came from (shown in reports; ``.html`` also selects HTML reading).
    as_of
        The article's date; without it, the dateline in the text is used if found.
    snapshot
        Facts already read from ``store`` (share one across a batch: see
        :func:`check_articles`).

    Raises
    ------
    ArticleError
        Text longer than :data:`MAX_BYTES` or with no words at all.
    """
    if len(text) > MAX_BYTES:
        raise ArticleError(f"{path or 'the article'} is over {MAX_BYTES / 1e6:.0f} MB; split it")
    if not text.strip():
        raise ArticleError(f"{path or 'the article'} is empty; nothing to check")
    reg = registry or default_registry()
    if _looks_html(text, path):
        plain = strip_html(text)
        plain = PlainText(unglue_tables(plain.text), plain.offsets, plain.dates)
    elif path.lower().endswith((".md", ".markdown")):
        plain = PlainText(soft_breaks(unglue_tables(_blank_comments(text))))
    else:
        plain = PlainText(unglue_tables(_blank_comments(text)))
    plain = _remapped(_remapped(plain, drop_pinyin), split_glued_tables)
    source = "option"
    if as_of is None:
        as_of = find_dateline(plain.text, plain.dates)
        source = "dateline" if as_of is not None else "none"
    claims = extract_claims(plain.text)
    mentions = find_mentions(plain.text, reg)
    named = {m.entity for m in mentions if m.entity}
    idx = FactIndex(snapshot or StoreSnapshot(store), reg, as_of, frozenset(named))
    reported: Mapping[str, Period] = {}
    if as_of is not None:
        reported = _Reported(idx, named, as_of)
    linked = link_claims(plain.text, claims, reg, as_of=as_of, reported=reported, mentions=mentions)
    inner = consistency(idx, linked)
    own = [verify_claim(idx, c) for c in linked]
    verdicts = [_merge(v, _blamed(inner.get(i), own)) for i, v in enumerate(own)]
    verdicts = _growths_on_the_level_basis(verdicts, plain.text, idx)
    shown = [_raw(v, plain) for v in verdicts]
    note = (
        ""
        if as_of is not None
        else (
            "The article has no date (no --as-of and no dateline found): relative periods "
            "such as 'the past quarter' cannot be placed."
        )
    )
    return ArticleReport(
        path=path,
        text=text,
        display_text=plain.text,
        as_of=as_of,
        as_of_source=source,
        verdicts=tuple(shown),
        display_spans=tuple(v.claim.span for v in verdicts),
        note=note,
    )


def check_articles(
    store: FactStore,
    articles: Iterable[tuple[str, str, date | None]],
    *,
    registry: Registry | None = None,
) -> Iterator[ArticleReport]:
    """Check ``(text, path, as_of)`` articles in order, reading each company's facts from
    the store once for the whole batch. Lazy: one report at a time, any batch size."""
    snapshot = StoreSnapshot(store)
    for text, path, as_of in articles:
        yield check_article(
            store, text, path=path, as_of=as_of, registry=registry, snapshot=snapshot
        )


def _raw(verdict: Verdict, plain: PlainText) -> Verdict:
    """The verdict with its claim's span in input offsets."""
    if plain.offsets is None:
        return verdict
    claim: Claim = verdict.claim.with_(span=plain.raw_span(*verdict.claim.span))
    return replace(verdict, claim=claim)


def _blamed(found: Inner | None, own: list[Verdict]) -> Verdict | None:
    """A growth the text's own two figures do not bear out is flagged, unless the store bears
    out one of them and not the other: then either the growth or that other figure is wrong
    ("by 43 percent to $75 billion, a rise from $57.9 billion", where $75 billion is the
    plan and $57.9 billion an analysts' figure), and the verdict is ambiguous."""
    if found is None:
        return None
    inner = found.verdict
    if not found.against:
        return inner
    backed = [own[j].label is VerdictLabel.SUPPORTED for j in found.against]
    if all(backed) or not any(backed):
        return inner  # both borne out, or the text alone to go on: the growth is off
    return replace(
        inner,
        label=VerdictLabel.AMBIGUOUS,
        reasons=(),
        explanation=f"{inner.explanation} The store bears out only one of those figures, so "
        "the growth or the other figure is wrong, and which cannot be told.",
    )


def _growths_on_the_level_basis(
    verdicts: list[Verdict], text: str, idx: FactIndex
) -> list[Verdict]:
    """A growth said right after its level ("EPS: $4.14 (+24% YoY)") is on the level's
    basis: when the level matches only the other basis's figure (non-GAAP, with no word
    saying so), or a figure of its metric that the store's rate was not derived from (gross
    purchases of equipment, the rate from net capex), the growth is judged on the wrong
    one, and a contradiction is ambiguous."""
    out = list(verdicts)
    for i, v in enumerate(verdicts):
        metric = v.claim.metric or ""
        if v.label is not VerdictLabel.CONTRADICTED or not metric.endswith("_growth_yoy"):
            continue
        level = _level_before(verdicts, i, text)
        if level is None or f"{level.claim.metric}_growth_yoy" != metric:
            continue
        twin = _basis_twin(level.claim.metric or "")
        # the level matched only the other basis's figure: shown beside it as another
        # metric, or taken as the match ("operating profit was $33.1 billion" borne out by
        # the non-IFRS figure the release leads with)
        other = [e.fact for e in level.evidence if e.role in ("other_metric", "match")]
        if level.label in (VerdictLabel.AMBIGUOUS, VerdictLabel.SUPPORTED) and any(
            f.metric == twin for f in other
        ):
            out[i] = replace(
                v,
                label=VerdictLabel.AMBIGUOUS,
                reasons=(),
                explanation=f"{v.explanation} The figure it follows, {level.claim.text}, "
                f"matches the {_basis_word(twin)} figure instead, so the growth may be on "
                "that basis.",
            )
        elif level.label is VerdictLabel.SUPPORTED and _off_the_derivation(idx, level, v):
            out[i] = replace(
                v,
                label=VerdictLabel.AMBIGUOUS,
                reasons=(),
                explanation=f"{v.explanation} That rate is derived from other figures of "
                f"the period than the one {level.claim.text} matches (another basis, whose "
                "year-earlier figure the store lacks); the growth may be on that basis.",
            )
    return out


def _off_the_derivation(idx: FactIndex, level: Verdict, growth: Verdict) -> bool:
    """Whether the level matched a figure of its period other than the one the store's
    derived rate was computed from ("$22.6 billion" of gross purchases of equipment, the
    rate from net capex of $21.3 billion)."""
    match = next((e.fact for e in level.evidence if e.role == "match"), None)
    rate = next((e.fact for e in growth.evidence if e.fact.derived_from), None)
    if match is None or rate is None or idx.snapshot.fact_id(match) in rate.derived_from:
        return False
    inputs = [
        f
        for f in idx.entity_facts(match.entity)
        if f.metric == match.metric
        and f.period.same_span(match.period)
        and idx.snapshot.fact_id(f) in rate.derived_from
    ]
    return any(abs(f.value - match.value) > abs(match.value) / 100 for f in inputs)


def _level_before(verdicts: list[Verdict], i: int, text: str) -> Verdict | None:
    """The amount just before verdict ``i``'s growth, if only a bracket, comma or a few
    words stand between them ("$4.14 (+24% YoY)", "$4.14, up 24%")."""
    if i == 0:
        return None
    before = verdicts[i - 1]
    # a data card: "EPS / $1.7 / Previous year: $1.63 / +4.3%", the level two figures back
    if i >= 2 and "card" in verdicts[i].claim.qualifiers and "from" in before.claim.qualifiers:
        level = verdicts[i - 2]
        lines = text[level.claim.span[1] : verdicts[i].claim.span[0]].count("\n")
        return level if "card" in level.claim.qualifiers and lines == 2 else None
    gap = text[before.claim.span[1] : verdicts[i].claim.span[0]]
    return before if _LEVEL_GAP_RE.fullmatch(gap) else None


_LEVEL_GAP_RE = re.compile(r"\s*[(（,，]?\s*(?:up|down|rising|falling|an?)?\s*")


def _basis_twin(metric: str) -> str:
    """ "diluted_eps" for "diluted_eps_non_gaap" and the other way round."""
    return (
        metric.removesuffix("_non_gaap") if metric.endswith("_non_gaap") else f"{metric}_non_gaap"
    )


def _basis_word(metric: str) -> str:
    return "non-GAAP" if metric.endswith("_non_gaap") else "GAAP"


def _merge(store: Verdict, inner: Verdict | None) -> Verdict:
    """One verdict from the store's and the text's own: a certain inconsistency wins, a
    consistent conversion counts as support unless the store contradicts it."""
    if inner is None:
        return store
    if (
        inner.label is VerdictLabel.CONTRADICTED
        and store.label is VerdictLabel.SUPPORTED
        and set(inner.reasons) <= {Reason.ARITHMETIC, Reason.CONVERSION_MISMATCH}
    ):
        # "by 43 percent to $75 billion, a rise from $57.9 billion": the store bears this
        # figure out, so the sum that fails is the other figures' fault, not this one's
        return replace(
            store,
            explanation=f"{store.explanation} The text's other figures do not fit it: "
            f"{inner.explanation}",
            evidence=(*store.evidence, *inner.evidence),
        )
    if inner.label is VerdictLabel.CONTRADICTED:
        extra = store.reasons if store.label is VerdictLabel.CONTRADICTED else ()
        evidence: tuple[Evidence, ...] = (*inner.evidence, *store.evidence)
        text = inner.explanation
        if store.label is VerdictLabel.SUPPORTED:
            text += " " + store.explanation
        return replace(
            inner,
            claim=store.claim,
            reasons=tuple(dict.fromkeys((*inner.reasons, *extra))),
            evidence=evidence,
            expected_value=inner.expected_value
            if inner.expected_value is not None
            else store.expected_value,
            expected_unit=inner.expected_unit or store.expected_unit,
            explanation=text,
        )
    if store.label is VerdictLabel.CONTRADICTED:
        return store
    if store.label is VerdictLabel.SUPPORTED:
        return replace(
            store,
            explanation=f"{store.explanation} {inner.explanation}",
            evidence=(*store.evidence, *inner.evidence),
        )
    return replace(inner, claim=store.claim)
