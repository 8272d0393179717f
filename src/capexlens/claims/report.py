"""The result of checking one article, as JSON for machines and HTML or a table for people.

:meth:`ArticleReport.to_json` gives the documented shape (docs/checking.md)::

    {"article": {"path", "as_of", "as_of_source"}, "claims": [...], "summary": {...}}

:func:`render_html` shows the article with each claim highlighted in its verdict's colour
and its explanation and evidence on hover or click. Every piece of article text and every
stored string goes through :func:`html.escape`; the page carries no script.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from capexlens.models import Evidence, Verdict, VerdictLabel

__all__ = ["COLOURS", "ArticleReport", "render_html", "table_rows"]

COLOURS = {
    VerdictLabel.SUPPORTED: "#c8f0c8",
    VerdictLabel.CONTRADICTED: "#ffb3b3",
    VerdictLabel.UNVERIFIABLE: "#e4e4e4",
    VerdictLabel.AMBIGUOUS: "#ffe39a",
}


def _number(value: Decimal | None) -> int | float | None:
    """A JSON number: an int when whole, else a float."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """Verdicts on every claim of one article.

    ``text`` is the input as read; claim spans index it. ``display_text`` is what was
    checked (for HTML, the visible text) and ``display_spans`` the claims' spans in it.
    ``as_of_source`` is ``option``, ``dateline`` or ``none`` (then ``note`` says why
    relative periods could not be placed).
    """

    path: str
    text: str
    display_text: str
    as_of: date | None
    as_of_source: str
    verdicts: tuple[Verdict, ...]
    display_spans: tuple[tuple[int, int], ...]
    note: str = ""

    @property
    def summary(self) -> dict[str, int]:
        """How many claims got each verdict."""
        counts = {label.value: 0 for label in VerdictLabel}
        for v in self.verdicts:
            counts[v.label.value] += 1
        return counts

    def to_json(self) -> dict[str, Any]:
        """The report as plain JSON-ready data (the shape documented in docs/checking.md)."""
        article: dict[str, Any] = {
            "path": self.path,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "as_of_source": self.as_of_source,
        }
        if self.note:
            article["note"] = self.note
        return {
            "article": article,
            "claims": [_claim_json(i + 1, v) for i, v in enumerate(self.verdicts)],
            "summary": self.summary,
        }


def _claim_json(number: int, v: Verdict) -> dict[str, Any]:
    c = v.claim
    period = None
    if c.period is not None:
        period = {
            "label": c.period.label or str(c.period),
            "start": c.period.start.isoformat(),
            "end": c.period.end.isoformat(),
        }
    expected = None
    if v.expected_value is not None:
        expected = {"value": _number(v.expected_value), "unit": v.expected_unit}
    return {
        "id": number,
        "span": [c.span[0], c.span[1]],
        "text": c.text,
        "value": _number(c.value),
        "unit": c.unit,
        "entity": c.entity,
        "metric": c.metric,
        "segment": c.segment or None,
        "period": period,
        "verdict": v.label.value,
        "reasons": [r.value for r in v.reasons],
        "expected": expected,
        "evidence": [_evidence_json(e) for e in v.evidence],
        "explanation": v.explanation,
    }


def _evidence_json(e: Evidence) -> dict[str, Any]:
    f = e.fact
    return {
        "value": _number(f.value),
        "unit": f.unit,
        "period": f.period.label or str(f.period),
        "as_printed": f.as_printed,
        "source_url": f.source.url,
    }


def table_rows(report: ArticleReport) -> list[tuple[str, ...]]:
    """One row per claim for a terminal table: id, text, entity, metric, period, verdict,
    reasons, explanation."""
    rows: list[tuple[str, ...]] = []
    for i, v in enumerate(report.verdicts, start=1):
        c = v.claim
        rows.append(
            (
                str(i),
                _short(c.text, 48),
                c.entity or "",
                c.metric or "",
                (c.period.label or str(c.period)) if c.period else "",
                v.label.value,
                ", ".join(r.value for r in v.reasons),
                v.explanation,
            )
        )
    return rows


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


_STYLE = """
body{font:16px/1.55 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}
header{font:14px/1.4 system-ui,sans-serif;border-bottom:1px solid #ccc;margin-bottom:1em}
.article{white-space:pre-wrap}
.claim{border-radius:3px;padding:0 2px;cursor:help;position:relative}
.claim .card{display:none;position:absolute;z-index:2;left:0;top:1.6em;width:30em;
 background:#fff;border:1px solid #999;border-radius:4px;padding:.5em .7em;
 font:13px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.2);white-space:normal}
.claim:hover .card,.claim:focus .card,.claim:focus-within .card{display:block}
.legend span{padding:0 .4em;margin-right:.5em;border-radius:3px}
"""


def render_html(*reports: ArticleReport) -> str:
    """A standalone HTML page: each article with its claims highlighted by verdict.

    >>> from capexlens.models import Claim, ClaimKind
    >>> c = Claim("<b>5%</b>", (4, 13), ClaimKind.PERCENT, Decimal(5), "percent")
    >>> r = ArticleReport("x<y>.txt", "Up <b>5%</b>", "Up <b>5%</b>", None, "none",
    ...                   (Verdict(c, VerdictLabel.UNVERIFIABLE, explanation="<i>?</i>"),),
    ...                   ((3, 12),))
    >>> page = render_html(r)
    >>> "<b>" in page, "&lt;b&gt;5%&lt;/b&gt;" in page, "<script" in page
    (False, True, False)
    """
    names = ", ".join(r.path or "article" for r in reports)
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f"<title>capexlens check: {html.escape(names)}</title>",
        f"<style>{_STYLE}</style></head><body>",
    ]
    for report in reports:
        parts += [
            "<section>",
            _header(report),
            '<div class="article">',
            _highlighted(report.display_text, report.verdicts, report.display_spans),
            "</div></section>",
        ]
    parts.append("</body></html>")
    return "".join(parts)


def _header(report: ArticleReport) -> str:
    s = report.summary
    legend = "".join(
        f'<span style="background:{COLOURS[label]}">{label.value}: {s[label.value]}</span>'
        for label in VerdictLabel
    )
    when = report.as_of.isoformat() if report.as_of else "unknown"
    note = f"<p>{html.escape(report.note)}</p>" if report.note else ""
    return (
        f"<header><h1>{html.escape(report.path or 'article')}</h1>"
        f"<p>Article date: {when} (from {html.escape(report.as_of_source)}). "
        f"Hover over or click a highlighted figure for the evidence.</p>"
        f'<p class="legend">{legend}</p>{note}</header>'
    )


def _highlighted(text: str, verdicts: Sequence[Verdict], spans: Sequence[tuple[int, int]]) -> str:
    out: list[str] = []
    pos = 0
    for number, (v, (a, b)) in enumerate(
        sorted(zip(verdicts, spans, strict=True), key=lambda p: p[1]), start=1
    ):
        if a < pos:  # overlapping claims: the first one keeps the text
            continue
        out.append(html.escape(text[pos:a]))
        out.append(_mark(number, v, text[a:b]))
        pos = b
    out.append(html.escape(text[pos:]))
    # Blanked markup (an HTML comment, a stripped header) leaves runs of blank lines that
    # pre-wrap would show as empty space; spans in the JSON still index the text as read.
    return re.sub(r"\n[ \t]*(?:\n[ \t]*){2,}", "\n\n", "".join(out)).lstrip()


def _mark(number: int, v: Verdict, shown: str) -> str:
    reasons = ", ".join(r.value for r in v.reasons)
    head = f"#{number} {v.label.value}" + (f" ({reasons})" if reasons else "")
    lines = [f"<strong>{html.escape(head)}</strong>", html.escape(v.explanation)]
    if v.expected_value is not None:
        lines.append("expected: " + html.escape(f"{v.expected_value} {v.expected_unit or ''}"))
    for e in v.evidence:
        f = e.fact
        label = f"{e.role}: {f.as_printed or f.value} {f.unit} ({f.period.label or f.period}), "
        publisher = html.escape(f.source.publisher)
        if f.source.url.startswith(("https://", "http://")):  # never a javascript: link
            url = html.escape(f.source.url, quote=True)
            publisher = f'<a href="{url}" rel="noopener noreferrer">{publisher}</a>'
        lines.append(html.escape(label) + publisher)
    card = "<br>".join(lines)
    colour = COLOURS[v.label]
    return (
        # why spans, not <details>: Chromium lays <details> out as a block, which broke
        # every highlighted figure onto its own line. tabindex makes a click (focus) open it.
        f'<span class="claim {v.label.value}" tabindex="0" style="background:{colour}">'
        f'{html.escape(shown)}<span class="card">{card}</span></span>'
    )
