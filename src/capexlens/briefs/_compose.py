"""The company's own sections: headline, figures in context, pacing, guidance.

Sentences are fixed templates filled from analysis frames; a figure the store lacks is
said to be missing, never guessed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd

from capexlens.analysis import (
    capex_quarters,
    capex_vs_history,
    commitment_pacing,
    guidance_history,
    pledge_window,
    registry_for,
)
from capexlens.briefs._charts import guidance_chart, pacing_chart
from capexlens.briefs._context import MISSING, BriefContext, is_blank, records
from capexlens.briefs._format import day, money, percent
from capexlens.briefs._model import Block, Inline, Num, Para, Section, Table
from capexlens.models import Fact

__all__ = ["context_section", "guidance_section", "headline", "pacing_section", "quarter_row"]

Row = dict[str, Any]


def quarter_row(ctx: BriefContext) -> Row:
    """The analysis row of the brief's quarter (capex, USD, growth, intensity, cloud)."""
    frame = capex_quarters(
        ctx.store, ctx.entity.id, through=ctx.quarter, count=1, converter=ctx.converter
    )
    row: Row = records(frame)[0] if not frame.empty else {}
    ctx.lack(str(row.get("missing") or ""))
    return row


def _other_versions(ctx: BriefContext, row: Row) -> list[Inline]:
    """Other stored sources printing a different capex figure for the quarter."""
    shown = set(str(row.get("capex_facts") or "").split(";"))
    others = [
        f
        for f in ctx.store.facts(entity=ctx.entity.id, metric="capex", latest=False)
        if f.period.same_span(ctx.quarter) and f.fact_id not in shown
    ]
    seen: set[Decimal] = {Decimal(row["capex"])} if not is_blank(row.get("capex")) else set()
    out: list[Inline] = []
    for f in others:
        if f.value in seen:
            continue
        seen.add(f.value)
        out += [", " if out else "", Num(f.as_printed or money(f.value, f.unit), ctx.notes.fact(f))]
    return out


def headline(ctx: BriefContext, row: Row) -> Section:
    """One paragraph: the quarter's capex, in USD, its growth and intensity."""
    q = ctx.quarter
    when = f"{q.label}, the quarter ended {day(q.end)}"
    if is_blank(row.get("capex")):
        text: Para = (f"The store holds no capex figure for {ctx.entity.name} for {when}.",)
        return Section("Headline", (text,))
    cur = str(row["currency"])
    parts: list[Inline] = [f"{ctx.short} spent ", ctx.money(row, "capex", cur)]
    cy = str(row["calendar_label"])
    cy = f"calendar {cy}" if cy.startswith("CY") else "not a calendar quarter"
    parts += [f" on capital expenditure in {when} ({cy})"]
    if not is_blank(row.get("capex_usd")) and cur != "USD":
        parts += [", or ", ctx.money(row, "capex_usd", "USD"), " at ", ctx.rate(row)]
    parts.append(".")
    if not is_blank(row.get("yoy_pct")):
        direction = "up" if Decimal(row["yoy_pct"]) >= 0 else "down"
        size = ctx.num(row, "yoy_pct", lambda v: percent(abs(Decimal(v))))
        parts += [f" Capex was {direction} ", size]
        parts.append(" on the same quarter a year earlier")
        if not is_blank(row.get("intensity_pct")):
            parts += [" and equal to ", ctx.pct(row, "intensity_pct"), " of revenue"]
        parts.append(".")
    elif not is_blank(row.get("intensity_pct")):
        parts += [" Capex equalled ", ctx.pct(row, "intensity_pct"), " of revenue."]
    others = _other_versions(ctx, row)
    if others:
        parts += [" Other stored sources print ", *others, " for the same quarter."]
    paras: list[Block] = [tuple(parts)]
    if ctx.quarter_note:
        paras.append((f"Note: {ctx.quarter_note}.",))
    return Section("Headline", tuple(paras))


def context_section(ctx: BriefContext, row: Row) -> Section:
    """The quarter's figures in context, one per table row."""
    cur = str(row.get("currency") or ctx.entity.currency)
    usd_label: Para = ("Capex in US dollars",)
    if row.get("fx_urls") and cur != "USD":
        usd_label = ("Capex in US dollars, at ", ctx.rate(row))
    lines: list[tuple[Para, Inline]] = [
        ((f"Capex ({cur})",), ctx.money(row, "capex", cur)),
        (usd_label, ctx.money(row, "capex_usd", "USD")),
        (("Capex growth, year on year",), ctx.pct(row, "yoy_pct", True)),
        (("Capex growth, quarter on quarter",), ctx.pct(row, "qoq_pct", True)),
        (("Capex, trailing twelve months",), ctx.money(row, "ttm", cur)),
        (("Capex, trailing twelve months, US$",), ctx.money(row, "ttm_usd", "USD")),
        (("Revenue",), ctx.money(row, "revenue", cur)),
        (("Capex intensity (capex / revenue)",), ctx.pct(row, "intensity_pct")),
        (("Operating cash flow",), ctx.money(row, "operating_cash_flow", cur)),
        (("Capex / operating cash flow",), ctx.pct(row, "capex_to_ocf_pct")),
        (("Free cash flow",), ctx.money(row, "free_cash_flow", cur)),
    ]
    if ctx.books.cloud:
        name = _segment_name(ctx, str(row.get("cloud_segment") or ""))
        lines.append(((f"{name} revenue",), ctx.money(row, "cloud_revenue", cur)))
        lines.append(((f"{name} revenue growth, YoY",), ctx.pct(row, "cloud_growth_pct", True)))
    rows = tuple((label, (value,)) for label, value in lines)
    table = Table(("Figure", ctx.quarter.label), rows, "Figures in context")
    intro: Para = (
        "Each figure is the stored one when a source prints it; otherwise capexlens derives "
        "it from stored figures and its footnote says how. ",
        f"“{MISSING}” marks a figure the dataset lacks.",
    )
    return Section("Figures in context", (intro, table))


def _segment_name(ctx: BriefContext, seg: str) -> str:
    if not seg:
        seg = ctx.books.cloud[0][0]
    return registry_for(ctx.store).dimension(seg).name


# --------------------------------------------------------------------------- pacing


def pacing_section(ctx: BriefContext, row: Row) -> tuple[Section, Row | None]:
    """Capex since a multi-year pledge against the pledge and the time gone."""
    frame = commitment_pacing(ctx.store, ctx.entity.id, through=ctx.quarter)
    if frame.empty:
        ctx.lack(f"a multi-year investment commitment by {ctx.short}")
        text = (f"No multi-year investment commitment by {ctx.entity.name} is stored.",)
        return Section("Commitment pacing", (text,)), None
    span = frame["commitment_span"].iloc[0]
    rows = frame[frame["commitment_span"] == span]
    last: Row = records(rows)[-1]
    pledge = ctx.store.fact_by_id(str(last["commitment_facts"]))
    unit = str(last["unit"])
    blocks: list[Block] = [_pledge_para(ctx, last, pledge, unit)]
    blocks.append(
        (
            "Which quarters count: ",
            str(last["rule"]),
            " ",
            Num("", ctx.notes.cite(last, "commitment")),
        )
    )
    if is_blank(last.get("fiscal_label")):
        blocks.append((f"No counted quarter had ended by {day(ctx.quarter.end)}.",))
        return Section("Commitment pacing", tuple(blocks)), None
    blocks.append(_progress_para(ctx, last, unit))
    ctx.lack(str(last.get("missing") or ""))
    blocks.append(_pacing_table(ctx, rows, unit))
    if pledge is not None:
        chart = _pacing_chart(ctx, pledge, rows, unit)
        if chart is not None:
            blocks.append(chart)
        blocks.extend(_decade(ctx, pledge, row))
    return Section("Commitment pacing", tuple(blocks)), last


def _pledge_para(ctx: BriefContext, last: Row, pledge: Fact | None, unit: str) -> Para:
    start, end = str(last["commitment_span"]).split("..")
    said = f", announced {day(pledge.known_on)}" if pledge is not None else ""
    return (
        f"{ctx.short} pledged ", ctx.money(last, "commitment", unit),
        f" for {start} to {end}{said}.",
    )  # fmt: skip


def _progress_para(ctx: BriefContext, last: Row, unit: str) -> Para:
    parts: list[Inline] = [
        f"Through {last['fiscal_label']}, capex in the counted quarters sums to ",
        ctx.money(last, "cumulative", unit), ": ", ctx.pct(last, "share_spent_pct"),
        " of the pledge, with ", ctx.pct(last, "share_time_pct"), " of its time gone.",
    ]  # fmt: skip
    left = int(last["quarters_left"])
    if left:
        quarters = Num(str(left), ctx.notes.cite(last, "commitment"))
        parts += [" ", quarters, " quarters are left; meeting the pledge needs ",
                  ctx.money(last, "run_rate_needed", unit), " a quarter."]  # fmt: skip
    if not last["complete"]:
        parts.append(f" The sum is a floor: the store lacks {last['missing']}.")
    return tuple(parts)


def _pacing_table(ctx: BriefContext, rows: pd.DataFrame, unit: str) -> Table:
    out = []
    for r in records(rows):
        out.append(
            (
                (str(r["fiscal_label"]),),
                (ctx.money(r, "capex", unit),),
                (ctx.money(r, "cumulative", unit),),
                (ctx.pct(r, "share_spent_pct"),),
                (ctx.pct(r, "share_time_pct"),),
            )
        )
    columns = ("Quarter", "Capex", "Cumulative", "Share of pledge spent", "Share of time gone")
    return Table(columns, tuple(out), "Counted quarters")


def _pacing_chart(ctx: BriefContext, pledge: Fact, rows: pd.DataFrame, unit: str) -> Block | None:
    window = pledge_window(pledge.period, ctx.entity.calendar)
    first = str(rows["fiscal_label"].iloc[0])
    labels = [q.label for q in window.quarters]
    if first not in labels:  # the partial rule was used: follow the frame
        labels = [first, *labels]
    capex = [None if is_blank(v) else Decimal(v) for v in rows["capex"]]
    return pacing_chart(labels, capex, pledge.value, unit, ctx.short)


def _decade(ctx: BriefContext, pledge: Fact, row: Row) -> list[Block]:
    pledged = capex_vs_history(
        ctx.store, ctx.entity.id, pledge.period, metric="investment_commitment"
    )
    hist = records(pledged)[0]
    unit = pledge.unit
    if is_blank(hist.get("history")):
        ctx.lack(f"capex for the ten fiscal years before {pledge.period.start}")
        return [(
            "The store has no capex for the ten fiscal years before the pledge, so the pledge "
            "cannot be set against the past decade.",
        )]  # fmt: skip
    parts: list[Inline] = [
        "Against the past decade: capex over ", str(hist["history_span"]), " was ",
        ctx.money(hist, "history", unit), ", so the pledge equals ",
        ctx.pct(hist, "subject_vs_history_pct"), " of it.",
    ]  # fmt: skip
    if hist.get("years_missing"):
        parts.append(f" (The decade total is a floor: {hist['years_missing']} missing.)")
    quarter = records(capex_vs_history(ctx.store, ctx.entity.id, ctx.quarter))[0]
    if not is_blank(quarter.get("subject_vs_history_pct")):
        parts += [
            f" {ctx.quarter.label} capex alone was ", ctx.pct(quarter, "subject_vs_history_pct"),
            " of the capex of the ten fiscal years before it.",
        ]  # fmt: skip
    return [tuple(parts)]


# --------------------------------------------------------------------------- guidance


def guidance_section(ctx: BriefContext) -> tuple[Section, Row | None]:
    """Each revision of annual capex guidance, with the actual once reported."""
    frame = guidance_history(ctx.store, ctx.entity.id)
    frame = frame[frame["said_on"] <= _cutoff(ctx)] if not frame.empty else frame
    if frame.empty:
        ctx.lack(f"capex guidance from {ctx.short}")
        text = (f"No capex guidance from {ctx.entity.name} is stored.",)
        return Section("Guidance history", (text,)), None
    rows = []
    for r in records(frame):
        unit = str(r["unit"])
        said = _range(ctx, r, unit)
        rows.append(
            (
                (str(r["fiscal_label"]),),
                (day(r["said_on"]),),
                said,
                (ctx.pct(r, "change_pct", True) if not is_blank(r.get("change_pct")) else "first",),
                (ctx.money(r, "actual", unit),),
                (ctx.pct(r, "actual_vs_midpoint_pct", True),),
            )
        )
    columns = ("Fiscal period", "Said on", "Guidance", "Change of midpoint", "Actual",
               "Actual vs midpoint")  # fmt: skip
    blocks: list[Block] = [Table(columns, tuple(rows), "Capex guidance, each revision")]
    chart = guidance_chart(frame, ctx.short)
    if chart is not None:
        blocks.append(chart)
    return Section("Guidance history", tuple(blocks)), records(frame)[-1]


def _cutoff(ctx: BriefContext) -> date:
    # why: a brief on a quarter shows what was said up to its results, a quarter later
    cal = ctx.entity.calendar
    return cal.quarter_period(cal.quarter_of(ctx.quarter.end).shift(1)).end


def _range(ctx: BriefContext, r: Row, unit: str) -> Para:
    note = ctx.notes.facts(str(r["guidance_facts"]))
    n = note[0] if note else 0
    if is_blank(r.get("high")):
        return (Num(money(Decimal(r["low"]), unit), n),)
    text = f"{money(Decimal(r['low']), unit)} to {money(Decimal(r['high']), unit)}"
    return (Num(text, n),)
