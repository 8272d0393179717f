"""Sections that look beyond the company's own quarter: peers, market share, shareholder
returns, what to watch, and what the store lacks."""

from __future__ import annotations

from typing import Any

import pandas as pd

from capexlens.analysis import market_shares, markets_of, peer_history, shareholder_returns
from capexlens.briefs._charts import capex_by_company, intensity_by_company
from capexlens.briefs._context import BriefContext, is_blank, records
from capexlens.briefs._format import day
from capexlens.briefs._model import Block, Bullets, Inline, Para, Section, Table

__all__ = ["markets_section", "missing_section", "peers_section", "returns_section",
           "watch_section"]  # fmt: skip

Row = dict[str, Any]
_HISTORY_QUARTERS = 6


def peers_section(ctx: BriefContext, cy_label: str) -> Section:
    """The eight companies for the brief's calendar quarter, in USD, with two charts."""
    history = peer_history(ctx.store, cy_label, count=_HISTORY_QUARTERS, converter=ctx.converter)
    frame = history[history["calendar_label"] == cy_label]
    rows = []
    for r in records(frame):
        cur = str(r.get("currency") or "")
        name = f"{r['entity']} ({r['name']})"
        rows.append(
            (
                (name,),
                (str(r["fiscal_label"]) + ("" if r["aligned"] else " *"),),
                (ctx.money(r, "capex", cur),),
                (ctx.money(r, "capex_usd", "USD"),),
                (ctx.pct(r, "yoy_pct", True),),
                (ctx.pct(r, "intensity_pct"),),
                (ctx.pct(r, "cloud_growth_pct", True),),
            )
        )
        if is_blank(r.get("capex")):
            ctx.lack(f"{r['entity']} capex for {r['fiscal_label']}")
    columns = ("Company", "Fiscal quarter", "Capex", "Capex, US$", "Growth YoY", "Capex / revenue",
               "Cloud growth YoY")  # fmt: skip
    intro: Para = (
        f"Calendar {cy_label}: each company's fiscal quarter for it, side by side in US "
        "dollars (native amounts converted at each company's stated rate for the quarter, "
        "else the quarter's average reference rate; every conversion is footnoted).",
    )
    blocks: list[Block] = [intro, Table(columns, tuple(rows), f"Peers, calendar {cy_label}")]
    aligned = [str(a) for a in frame.get("alignment", pd.Series(dtype=str)) if not is_blank(a)]
    if aligned:
        blocks.append(Bullets(tuple((f"* {a}.",) for a in aligned)))
    for chart in (capex_by_company(history), intensity_by_company(history)):
        if chart is not None:
            blocks.append(chart)
    return Section("Peers", tuple(blocks))


def markets_section(ctx: BriefContext) -> tuple[Section, Row | None]:
    """Shares of each market the company is measured in, with the market's size."""
    markets = markets_of(ctx.store, ctx.entity.id)
    if not markets:
        ctx.lack(f"market-share figures for {ctx.short}")
        text = (f"No market-share figure for {ctx.entity.name} is stored.",)
        return Section("Market share", (text,)), None
    blocks: list[Block] = []
    own: Row | None = None
    for market in markets:
        frame = market_shares(ctx.store, market, through=ctx.quarter.end)
        if frame.empty:
            blocks.append((f"No {market} share ended by {day(ctx.quarter.end)} is stored.",))
            continue
        first: Row = records(frame)[0]
        blocks.append(_market_para(ctx, first))
        rows = []
        for r in records(frame):
            unit = str(r.get("market_size_unit") or "USD")
            rows.append(((str(r["name"]),), (ctx.pct(r, "share_pct"),),
                         (ctx.money(r, "implied_revenue", unit),)))  # fmt: skip
            if r["entity"] == ctx.entity.id and own is None:
                own = r  # the first market in registry order is the one to watch
        columns = ("Company", "Share", "Implied revenue (share x market size)")
        blocks.append(
            Table(columns, tuple(rows), f"{first['market_name']}, {first['period_label']}")
        )
    return Section("Market share", tuple(blocks)), own


def _market_para(ctx: BriefContext, first: Row) -> Para:
    parts: list[Inline] = [f"{first['market_name']} in {first['period_label']}"]
    if is_blank(first.get("market_size")):
        ctx.lack(f"{first['market']} market size for {first['period_label']}")
        parts.append(": the market's size for the period is not in the store.")
    else:
        unit = str(first["market_size_unit"])
        parts += [": a market of ", ctx.money(first, "market_size", unit)]
        if not is_blank(first.get("market_growth_pct")):
            parts += [", growing ", ctx.pct(first, "market_growth_pct", True), " year on year"]
        parts.append(".")
    parts.append(" Shares are research-firm estimates (secondary sources).")
    return tuple(parts)


def returns_section(ctx: BriefContext) -> tuple[Section, Row | None]:
    """Buybacks and dividends against capex and free cash flow, per fiscal year, in USD."""
    frame = shareholder_returns(ctx.store, ctx.entity.id, through=ctx.quarter.end, years=2,
                                converter=ctx.converter)  # fmt: skip
    if frame.empty:
        ctx.lack(f"buybacks and dividends of {ctx.short}")
        return Section(
            "Shareholder returns", ((f"No fiscal year of {ctx.short} has ended.",),)
        ), None
    rows = []
    for r in records(frame):
        rows.append(
            (
                (str(r["fiscal_label"]),),
                (ctx.money(r, "buybacks_usd", "USD"),),
                (ctx.money(r, "dividends_usd", "USD"),),
                (ctx.money(r, "returns_usd", "USD"),),
                (ctx.money(r, "capex_usd", "USD"),),
                (ctx.money(r, "free_cash_flow_usd", "USD"),),
                (ctx.pct(r, "returns_to_capex_pct"),),
            )
        )
    last: Row = records(frame)[-1]
    ctx.lack(str(last.get("missing") or ""))
    columns = ("Fiscal year", "Buybacks", "Dividends", "Returned", "Capex", "Free cash flow",
               "Returned / capex")  # fmt: skip
    table = Table(columns, tuple(rows), "Shareholder returns and reinvestment, US$")
    return Section("Shareholder returns", (_returns_para(ctx, last), table)), last


def _returns_para(ctx: BriefContext, r: Row) -> Para:
    fy = str(r["fiscal_label"])
    if is_blank(r.get("returns_usd")):
        return (f"The store lacks buybacks or dividends of {ctx.short} for {fy}: {r['missing']}.",)
    parts: list[Inline] = [
        f"In {fy}, {ctx.short} returned ", ctx.money(r, "returns_usd", "USD"),
        " to shareholders (", ctx.money(r, "buybacks_usd", "USD"), " in buybacks and ",
        ctx.money(r, "dividends_usd", "USD"), " in dividends)",
    ]  # fmt: skip
    if is_blank(r.get("capex_usd")):
        parts.append(f"; its capex for {fy} is not in the store.")
        return tuple(parts)
    parts += [", against capex of ", ctx.money(r, "capex_usd", "USD"), ": returns were ",
              ctx.pct(r, "returns_to_capex_pct"), " of capex."]  # fmt: skip
    return tuple(parts)


def watch_section(
    ctx: BriefContext, row: Row, pacing: Row | None, guidance: Row | None, market: Row | None
) -> Section:
    """Template bullets on what the next figures will show."""
    cal = ctx.entity.calendar
    nxt = cal.quarter_period(cal.quarter_of(ctx.quarter.end).shift(1))
    items: list[Para] = [(f"The next quarter, {nxt.label}, ends {day(nxt.end)}; its capex "
                          "will show whether this quarter's pace holds.",)]  # fmt: skip
    if pacing is not None and not is_blank(pacing.get("run_rate_needed")):
        unit = str(pacing["unit"])
        items.append((
            "To meet the pledge, capex must average ", ctx.money(pacing, "run_rate_needed", unit),
            " a quarter from here, against ", ctx.money(row, "capex", unit),
            f" in {ctx.quarter.label}.",
        ))  # fmt: skip
    if guidance is not None:
        unit = str(guidance["unit"])
        said = f"Latest guidance for {guidance['fiscal_label']}, given {day(guidance['said_on'])}: "
        items.append((
            said, ctx.money(guidance, "midpoint", unit),
            " at the midpoint; the next revision comes with the next results.",
        ))  # fmt: skip
    else:
        items.append(("No capex guidance is stored: a first annual figure would set the bar.",))
    if not is_blank(row.get("yoy_pct")) and not is_blank(row.get("cloud_growth_pct")):
        items.append(("Capex grew ", ctx.pct(row, "yoy_pct", True), " while cloud revenue grew ",
                      ctx.pct(row, "cloud_growth_pct", True), ": whether cloud revenue catches up "
                      "with the spending is the question the next quarters answer."))  # fmt: skip
    if market is not None:
        items.append((f"{market['market']} share of ", ctx.pct(market, "share_pct"),
                      f" in {market['period_label']}: the next research-firm estimate will show "
                      "whether it holds."))  # fmt: skip
    return Section("What to watch", (Bullets(tuple(items)),))


def missing_section(ctx: BriefContext) -> Section:
    """Everything this brief looked for and the store lacks."""
    if not ctx.missing:
        return Section("What is missing", (("Nothing this brief looked for is missing.",),))
    intro: Para = ("The store lacks these figures; the brief says so where they would appear.",)
    return Section("What is missing", (intro, Bullets(tuple((m,) for m in ctx.missing))))
