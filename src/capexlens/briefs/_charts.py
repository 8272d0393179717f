"""Charts of a brief, drawn with matplotlib's object API on the Agg backend.

Each chart comes back as SVG text and PNG bytes (:class:`~capexlens.briefs._model.Chart`);
no pyplot, so no global figure state. A chart with nothing to draw is ``None``: the brief
then says what is missing instead.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from capexlens.briefs._model import Chart

__all__ = ["capex_by_company", "guidance_chart", "intensity_by_company", "pacing_chart"]

_BILLION = Decimal(10) ** 9
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f")  # fmt: skip
_SYMBOL = {"CNY": "RMB", "USD": "US$"}
_EPOCH = date(1970, 1, 1)


def _figure() -> Figure:
    fig = Figure(figsize=(9, 4.6), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _save(fig: Figure, key: str, fmt: str) -> bytes:
    """The figure as ``svg`` or ``png`` bytes, without dates or versions (reproducible)."""
    out = io.BytesIO()
    # why the salt: SVG ids derive from it, and several charts may share one page
    with matplotlib.rc_context({"svg.hashsalt": key, "svg.fonttype": "path"}):
        if fmt == "svg":
            fig.savefig(out, format="svg", metadata={"Date": None})
        else:
            fig.savefig(out, format="png", dpi=110, metadata={"Software": None})
    return out.getvalue()


def _render(fig: Figure, key: str, title: str, alt: str) -> Chart:
    return Chart(key, title, alt, partial(_save, fig, key))


def _billions(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return float(Decimal(value) / _BILLION)


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return float(value)


def _day_number(day: date) -> float:
    # why by hand: matplotlib's date numbers are days since its epoch, 1970-01-01, and its
    # converter is untyped
    return float((day - _EPOCH).days)


def _by_company(history: pd.DataFrame, column: str, scale: Any) -> dict[str, list[float | None]]:
    quarters = list(dict.fromkeys(history["calendar_label"]))
    out: dict[str, list[float | None]] = {}
    for entity, group in history.groupby("entity", sort=False):
        by_q = dict(zip(group["calendar_label"], group[column], strict=True))
        values = [scale(by_q.get(q)) for q in quarters]
        if any(v is not None for v in values):
            out[str(entity)] = values
    return out


def _lines(history: pd.DataFrame, column: str, scale: Any, ylabel: str, title: str) -> Figure:
    quarters = list(dict.fromkeys(history["calendar_label"]))
    series = _by_company(history, column, scale)
    fig = _figure()
    ax = fig.add_subplot()
    x = list(range(len(quarters)))
    for i, (entity, values) in enumerate(series.items()):
        points = [(xi, v) for xi, v in zip(x, values, strict=True) if v is not None]
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", linewidth=2,
                color=_COLOURS[i % len(_COLOURS)], label=entity)  # fmt: skip
    ax.set_xticks(x, [q.replace("CY", "") for q in quarters])
    ax.set_xlabel("calendar quarter")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", ncols=4, fontsize=9, frameon=False)
    return fig


def capex_by_company(history: pd.DataFrame) -> Chart | None:
    """Quarterly capex in USD by company over calendar quarters (a peer history frame)."""
    if history.empty or not _by_company(history, "capex_usd", _billions):
        return None
    title = "Quarterly capex by company, US$ billion"
    fig = _lines(history, "capex_usd", _billions, "US$ billion", title)
    return _render(fig, "capex-by-company", title, "Line chart of quarterly capex in US dollars")


def intensity_by_company(history: pd.DataFrame) -> Chart | None:
    """Capex as a share of revenue by company over calendar quarters."""
    if history.empty or not _by_company(history, "intensity_pct", _number):
        return None
    title = "Capex intensity (capex / revenue) by company, %"
    fig = _lines(history, "intensity_pct", _number, "% of revenue", title)
    return _render(fig, "capex-intensity", title, "Line chart of capex as a share of revenue")


def pacing_chart(
    labels: Sequence[str],
    capex: Sequence[Decimal | None],
    pledge: Decimal,
    unit: str,
    name: str,
) -> Chart | None:
    """Capex per counted quarter and cumulative, against a straight-line path to the pledge.

    ``labels`` are every quarter of the pledge's window; ``capex`` the figures so far.
    """
    if not any(v is not None for v in capex):
        return None
    sym = _SYMBOL.get(unit, unit + " ")
    fig = _figure()
    ax = fig.add_subplot()
    x = list(range(len(labels)))
    bars = [float(v / _BILLION) if v is not None else 0.0 for v in capex]
    ax.bar(x[: len(bars)], bars, color="#9ecae1", label="capex in the quarter")
    cumulative, total = [], 0.0
    for b in bars:
        total += b
        cumulative.append(total)
    ax.plot(x[: len(cumulative)], cumulative, marker="o", color="#08519c", linewidth=2.5,
            label="cumulative capex")  # fmt: skip
    full = float(pledge / _BILLION)
    path = [full * (i + 1) / len(labels) for i in x]
    ax.plot(x, path, linestyle="--", color="#d62728", label="straight-line path to the pledge")
    ax.axhline(full, color="#d62728", linewidth=1, alpha=0.5)
    ax.annotate(f"pledge: {sym}{full:,.0f} billion", (0, full), xytext=(4, 5),
                textcoords="offset points", color="#d62728", fontsize=9)  # fmt: skip
    ax.set_ylim(0, full * 1.12)
    ax.set_xticks(x, [lbl.replace("FY", "FY\n").replace(" ", "") for lbl in labels], fontsize=8)
    ax.set_ylabel(f"{sym} billion")
    ax.set_title(f"{name}: capex against the multi-year pledge")
    ax.grid(axis="y", alpha=0.3)
    # why centre left: the path climbs to the top right and the pledge line runs along the top
    ax.legend(loc="center left", fontsize=9, frameon=False)
    return _render(
        fig, "pacing", "Commitment pacing",
        "Bars of quarterly capex and a line of cumulative capex against the pledge's "
        "straight-line path",
    )  # fmt: skip


def guidance_chart(guidance: pd.DataFrame, name: str) -> Chart | None:
    """Each statement of ANNUAL guidance (midpoint dot, range as an error bar) by the day
    it was said, one colour per fiscal year, and the actual as a dashed line once reported.
    Quarterly guidance, on another scale, stays in the table."""
    spans = zip(guidance["period_start"], guidance["period_end"], strict=True)
    annual = guidance[[(end - start).days > 300 for start, end in spans]]
    if annual.empty:
        return None
    fig = _figure()
    ax = fig.add_subplot()
    unit = str(annual["unit"].iloc[0])
    sym = _SYMBOL.get(unit, unit + " ")
    for i, (label, group) in enumerate(annual.groupby("fiscal_label", sort=False)):
        colour = _COLOURS[i % len(_COLOURS)]
        days = [_day_number(d) for d in group["said_on"]]
        mid = [float(v / _BILLION) for v in group["midpoint"]]
        low = [m - float(v / _BILLION) for m, v in zip(mid, group["low"], strict=True)]
        high = [(_billions(h) or m) - m for m, h in zip(mid, group["high"], strict=True)]
        ax.errorbar(days, mid, yerr=[low, high], marker="o", color=colour, capsize=8,
                    elinewidth=2.5, linewidth=1.5, label=f"{label} guidance")  # fmt: skip
        actual = _billions(group["actual"].iloc[-1])
        if actual is not None:
            ax.axhline(actual, color=colour, linestyle="--", linewidth=1.2,
                       label=f"{label} actual")  # fmt: skip
    ax.set_ylabel(f"{sym} billion")
    ax.set_xlabel("day the guidance was given")
    ax.set_title(f"{name}: annual capex guidance, each revision (bars: ranges given)")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    ax.xaxis_date()
    fig.autofmt_xdate()
    return _render(fig, "guidance", "Guidance history", "Capex guidance by date said")
