"""Grounded briefs: a company's quarter in the shape of a news brief, written from templates
over the fact store (no language model).

A brief has a headline, the figures in context, commitment pacing, guidance history,
peers, market share, shareholder returns, what to watch and what is missing. Every number
carries a numbered footnote to its source in the store (title, publisher, date, URL,
locator, figure as printed); derived figures say how they were derived and cite their
inputs; secondary sources are marked. Charts are written as PNG and SVG beside the brief
and embedded in the HTML.
"""

from __future__ import annotations

from pathlib import Path

from capexlens.briefs._compose import (
    context_section,
    guidance_section,
    headline,
    pacing_section,
    quarter_row,
)
from capexlens.briefs._context import BriefContext
from capexlens.briefs._format import day
from capexlens.briefs._model import Brief, Chart, Note, Num, Section
from capexlens.briefs._render import render_html, render_markdown
from capexlens.briefs._sections import (
    markets_section,
    missing_section,
    peers_section,
    returns_section,
    watch_section,
)
from capexlens.errors import ConfigError
from capexlens.periods import calendar_quarter_label
from capexlens.store import FactStore

__all__ = [
    "Brief",
    "Chart",
    "Note",
    "Num",
    "Section",
    "build_brief",
    "render_html",
    "render_markdown",
    "write_brief",
]

FORMATS = ("md", "html")


def build_brief(store: FactStore, entity: str, period: str | None = None) -> Brief:
    """The brief on ``entity`` for fiscal quarter ``period`` ("FY2026Q1", or a calendar
    quarter "2025Q2"/"CY2025Q2"; default: the latest quarter with a capex figure)."""
    ctx = BriefContext.open(store, entity, period)
    q = ctx.quarter
    cy = calendar_quarter_label(q) or f"{q.start}..{q.end}"
    row = quarter_row(ctx)
    sections = [headline(ctx, row), context_section(ctx, row)]
    pacing, pace_row = pacing_section(ctx, row)
    guidance, guide_row = guidance_section(ctx)
    sections += [pacing, guidance]
    # a fiscal quarter that is no calendar quarter stands for the one it ends in
    peer_quarter = cy if cy.startswith("CY") else f"CY{q.end.year}Q{(q.end.month - 1) // 3 + 1}"
    sections.append(peers_section(ctx, peer_quarter))
    market, market_row = markets_section(ctx)
    returns, _ = returns_section(ctx)
    sections += [market, returns, watch_section(ctx, row, pace_row, guide_row, market_row)]
    sections.append(missing_section(ctx))
    title = f"{ctx.entity.name}: capex in {q.label}, the quarter ended {day(q.end)}"
    subtitle = (
        f"Calendar quarter {cy}. Written by capexlens from templates over its fact store. "
        "Every number carries a numbered footnote to its source; derived figures say how "
        "they were derived; secondary sources (news, research firms, derived figures) are "
        "marked."
    )
    return Brief(ctx.entity.id, title, subtitle, tuple(sections), ctx.notes.all(),
                 tuple(ctx.missing), q.label)  # fmt: skip


def write_brief(
    store: FactStore,
    entity: str,
    period: str | None,
    fmt: str,
    out: str | Path | None = None,
) -> Path:
    """Write the brief as ``fmt`` (``md`` or ``html``) to ``out`` and its charts (PNG and
    SVG) to ``<out stem>-charts/`` beside it; return the brief's path.

    ``out`` defaults to ``brief-<ENTITY>-<quarter>.<fmt>`` in the working directory.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"--format {fmt!r} is not one of {', '.join(FORMATS)}")
    brief = build_brief(store, entity, period)
    if out is None:
        out = Path(f"brief-{brief.entity}-{brief.period_label.replace(' ', '')}.{fmt}")
    path = Path(out)
    charts = path.parent / f"{path.stem}-charts"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if brief.charts:
            charts.mkdir(exist_ok=True)
        for chart in brief.charts:
            (charts / f"{chart.key}.png").write_bytes(chart.png)
            (charts / f"{chart.key}.svg").write_text(chart.svg, encoding="utf-8")
        text = render_markdown(brief, charts.name) if fmt == "md" else render_html(brief)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write the brief to {path}: {exc}") from exc
    return path
