"""``capexlens brief | compare | pacing | guidance | payback``: the analysis commands.

Each command parses its options, calls :mod:`capexlens.analysis` or
:mod:`capexlens.briefs`, and prints. ``table`` output shows the figures; ``csv`` and
``json`` also carry each figure's ``_facts`` (source fact ids) and ``_how`` columns.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from capexlens.amounts import parse_printed
from capexlens.analysis import (
    PaybackAssumptions,
    calendar_quarter,
    capex_quarters,
    commitment_pacing,
    compare_metric,
    guidance_history,
    payback_schedule,
    registry_for,
    resolve_period,
)
from capexlens.briefs._format import money as money_text
from capexlens.errors import ConfigError
from capexlens.models import Money, Period
from capexlens.periods import CALENDAR_YEAR
from capexlens.store import FactStore

FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")]


def _for_table(frame: pd.DataFrame, columns: Sequence[str], money: dict[str, str]) -> pd.DataFrame:
    """The columns a person reads, amounts written out ("RMB38.68 billion"); provenance
    columns (``_facts``, ``_how``) stay in csv and json."""
    out = frame[[c for c in columns if c in frame.columns]].copy()
    for column, unit in money.items():
        if column not in out.columns:
            continue
        units = frame[unit] if unit in frame.columns else pd.Series(unit, index=frame.index)
        out[column] = [
            "" if v is None or v != v else money_text(Decimal(v), str(u))
            for v, u in zip(frame[column], units, strict=True)
        ]
    return out


def _show(
    emit: Callable[..., None],
    frame: pd.DataFrame,
    fmt: str,
    title: str,
    columns: Sequence[str],
    money: dict[str, str] | None = None,
) -> None:
    if frame.empty:
        typer.echo(f"{title}: nothing stored.")
        return
    shown = _for_table(frame, columns, money or {}) if fmt == "table" else frame
    emit(shown, fmt, title=title)


def _latest_quarter(store: FactStore, metric: str, entities: Sequence[str]) -> Period:
    """The latest calendar quarter in which most of ``entities`` have a quarterly figure."""
    counts: Counter[tuple[int, int]] = Counter()
    for f in store.facts(metric=metric):
        if f.entity in entities and 80 <= f.period.days <= 95:
            fq = CALENDAR_YEAR.quarter_of(f.period.end)
            counts[(fq.year, fq.quarter)] += 1
    need = max(1, len(entities) // 2)
    ok = sorted((k for k, n in counts.items() if n >= need), reverse=True)
    if not ok:
        raise ConfigError(f"no calendar quarter has {metric} for {need} of the companies; "
                          "give --period, e.g. 2025Q2")  # fmt: skip
    return calendar_quarter(f"CY{ok[0][0]}Q{ok[0][1]}")


def _capex_money(text: str, currency: str) -> Money:
    """``--capex``: a printed figure ("RMB380 billion", "$80bn") or a plain number."""
    try:
        return Money(Decimal(text.replace(",", "")), currency)
    except InvalidOperation:
        pass
    figure = parse_printed(text)
    if figure.unit is None or len(figure.unit) != 3:
        raise ConfigError(
            f"--capex {text!r} names no currency; write e.g. 'RMB380 billion' or '80e9'"
        )
    return Money(figure.value, figure.unit)


def _default_programme(store: FactStore, entity: str) -> tuple[Money, int, str]:
    """The company's multi-year pledge, else its latest trailing-twelve-month capex."""
    pledges = [
        f for f in store.facts(entity=entity, metric="investment_commitment") if f.period.days > 366
    ]
    if pledges:
        p = pledges[-1]
        years = max(1, round(p.period.days / 365.25))
        note = f"the stored pledge for {p.period.start}..{p.period.end}, fact {p.fact_id}"
        return Money(p.value, p.unit), years, note
    frame = capex_quarters(store, entity, count=1)
    if frame.empty or frame.iloc[0].get("ttm") is None:
        raise ConfigError(f"no pledge or four quarters of capex stored for {entity}; give --capex")
    row = frame.iloc[0]
    note = f"trailing twelve months of capex to {row['fiscal_label']}"
    return Money(Decimal(row["ttm"]), str(row["currency"])), 1, note


def register(app: typer.Typer, store_cm: Any, emit: Callable[..., None], run: Any) -> None:
    """Attach brief, compare, pacing, guidance and payback to the CLI."""

    @app.command()
    def brief(
        entity: Annotated[str, typer.Argument(help="Company id or alias, e.g. BABA.")],
        period: Annotated[
            str | None,
            typer.Option(help="Fiscal quarter (FY2026Q1) or calendar quarter (2025Q2, CY2025Q2)."),
        ] = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
        out: Annotated[Path | None, typer.Option(help="Output file (charts go beside it).")] = None,
    ) -> None:
        """Write a brief on a company's quarter, every number footnoted to its source."""
        from capexlens.briefs import write_brief

        def work() -> None:
            with store_cm() as store:
                path = write_brief(store, entity, period, fmt, out)
            typer.echo(str(path))

        run(work)

    @app.command()
    def compare(
        entities: Annotated[
            list[str] | None, typer.Argument(help="Companies (default: all 8).")
        ] = None,
        metric: Annotated[str, typer.Option(help="Metric id, e.g. capex, revenue.")] = "capex",
        period: Annotated[str | None, typer.Option(help="Calendar quarter, e.g. 2025Q2.")] = None,
        segment: Annotated[str | None, typer.Option(help="Segment for segment metrics.")] = None,
        fmt: FormatOption = "table",
    ) -> None:
        """Companies side by side for one CALENDAR quarter, money also in US dollars."""

        def work() -> None:
            with store_cm() as store:
                reg = registry_for(store)
                ids = [reg.resolve(e).id for e in entities] if entities else [
                    e.id for e in reg.covered()
                ]  # fmt: skip
                reg.metric(metric)
                q = calendar_quarter(period) if period else _latest_quarter(store, metric, ids)
                frame = compare_metric(store, metric, q, entities=ids, segment=segment)
            columns = ["entity", "fiscal_label", "segment", "value", "value_usd", "fx_rate",
                       "yoy_pct", "missing"]  # fmt: skip
            money = {"value": "unit", "value_usd": "USD"}
            _show(emit, frame, fmt, f"{metric}, calendar {q.label}", columns, money)

        run(work)

    @app.command()
    def pacing(
        entity: Annotated[str, typer.Argument(help="Company id or alias.")],
        through: Annotated[str | None, typer.Option(help="Last quarter to count.")] = None,
        include_partial: Annotated[
            bool, typer.Option(help="Also count the quarter of the announcement.")
        ] = False,
        fmt: FormatOption = "table",
    ) -> None:
        """Capex since a multi-year pledge: share spent vs share of time, run-rate needed."""

        def work() -> None:
            with store_cm() as store:
                e = registry_for(store).resolve(entity)
                last = resolve_period(through, e.calendar) if through else None
                frame = commitment_pacing(store, e.id, through=last,
                                          include_partial=include_partial)  # fmt: skip
            if fmt == "table" and not frame.empty:
                typer.echo(str(frame["rule"].iloc[-1]))
            columns = ["fiscal_label", "calendar_label", "capex", "cumulative", "commitment",
                       "share_spent_pct", "share_time_pct", "quarters_left", "run_rate_needed",
                       "missing"]  # fmt: skip
            money = {c: "unit" for c in ("capex", "cumulative", "commitment", "run_rate_needed")}
            _show(emit, frame, fmt, f"{e.id} commitment pacing", columns, money)

        run(work)

    @app.command()
    def guidance(
        entity: Annotated[str, typer.Argument(help="Company id or alias.")],
        fmt: FormatOption = "table",
    ) -> None:
        """Each revision of annual capex guidance, with the actual once reported."""

        def work() -> None:
            with store_cm() as store:
                e = registry_for(store).resolve(entity)
                frame = guidance_history(store, e.id)
            columns = ["fiscal_label", "said_on", "revision", "low", "high", "midpoint",
                       "change_pct", "actual", "actual_vs_midpoint_pct", "source_kind"]  # fmt: skip
            money = {c: "unit" for c in ("low", "high", "midpoint", "actual")}
            _show(emit, frame, fmt, f"{e.id} capex guidance", columns, money)

        run(work)

    @app.command()
    def payback(
        entity: Annotated[str, typer.Argument(help="Company id or alias.")],
        capex: Annotated[
            str | None,
            typer.Option(
                help="Programme size, e.g. 'RMB380 billion' (default: the stored "
                "pledge, else trailing-twelve-month capex)."
            ),
        ] = None,
        useful_life: Annotated[int, typer.Option(help="Years of straight-line depreciation.")] = 6,
        margin: Annotated[
            str, typer.Option(help="Percent of extra revenue left before depreciation.")
        ] = "30",
        spend_years: Annotated[
            int | None, typer.Option(help="Years the programme is spent over.")
        ] = None,
        fmt: FormatOption = "table",
    ) -> None:
        """Scenario: depreciation of a capex programme and the revenue needed to cover it.

        The assumptions are printed first (to stderr for csv and json, so stdout parses).
        """

        def work() -> None:
            with store_cm() as store:
                e = registry_for(store).resolve(entity)
                if capex is None:
                    money, years, note = _default_programme(store, e.id)
                else:
                    money, years, note = _capex_money(capex, e.currency), 1, "given with --capex"
            try:
                margin_pct = Decimal(margin.rstrip("%"))
            except InvalidOperation:
                raise ConfigError(f"--margin {margin!r} is not a number of percent") from None
            a = PaybackAssumptions(money, useful_life, margin_pct, spend_years or years,
                                   capex_note=note)  # fmt: skip
            out = sys.stdout if fmt == "table" else sys.stderr
            out.write(
                f"Payback scenario for {e.name}: {money_text(money.amount, money.currency)}\n"
            )
            for line in a.lines():
                out.write(f"  - {line}\n")
            frame = payback_schedule(a)
            amounts = ("spent", "depreciation", "cumulative_depreciation", "net_book_value",
                       "revenue_needed", "cumulative_revenue_needed")  # fmt: skip
            title = "Depreciation and revenue needed, by year"
            _show(emit, frame, fmt, title, ["year", *amounts], {c: "currency" for c in amounts})

        run(work)
