"""The ``capexlens`` command: parse options, call the library, print. Imported by nothing."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, TypeVar

import pandas as pd
import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from capexlens import fx
from capexlens.errors import CapexlensError, ConfigError, FxError
from capexlens.ingest import ingest_path, open_reader, open_store
from capexlens.models import Period
from capexlens.periods import FiscalCalendar, parse_period
from capexlens.registry import MARKET_ENTITY, Registry, default_registry
from capexlens.store import FactQuery, FactStore
from capexlens.store._store import facts_to_frame

app = typer.Typer(
    name="capexlens",
    help="Track and fact-check the AI & cloud infrastructure investment race.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)
T = TypeVar("T")

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Fact store file (default: $CAPEXLENS_DB or the user data dir)."),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")]


class _State:
    db: Path | None = None


_state = _State()


@app.callback()
def _main(db: DbOption = None) -> None:
    """capexlens: a cited fact store, analysis, article fact-checking and grounded briefs."""
    _state.db = db


@contextmanager
def _store(read_only: bool = False) -> Iterator[FactStore]:
    # readers share the file (parallel checks); the embedded data is refreshed first
    store = open_reader(_state.db) if read_only else open_store(_state.db, read_only=False)
    try:
        yield store
    finally:
        store.close()


def _registry(store: FactStore) -> Registry:
    return default_registry().with_entities(store.registered_entities())


def _parse_date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{option} {text!r} is not a date; write YYYY-MM-DD") from None


def _period_bound(text: str | None, calendar: FiscalCalendar, option: str) -> Period | None:
    if text is None:
        return None
    try:
        return parse_period(text, calendar)
    except CapexlensError as exc:
        raise ConfigError(f"{option}: {exc}") from None


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if _is_list(value):
        return list(value)  # type: ignore[call-overload]
    raise TypeError(type(value).__name__)


def emit(frame: pd.DataFrame, fmt: str, *, title: str = "") -> None:
    """Print a DataFrame as a Rich table, CSV or JSON records."""
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        records = frame.to_dict(orient="records")
        clean = [{k: (None if _is_na(v) else v) for k, v in r.items()} for r in records]
        sys.stdout.write(json.dumps(clean, default=_json_default, ensure_ascii=False, indent=1))
        sys.stdout.write("\n")
    elif fmt == "table":
        # Users look before they read: a light box and no all-empty columns leave the most
        # room for figures in a narrow terminal.
        shown = frame[[c for c in frame.columns if not frame[c].map(_blank).all()]]
        table = Table(title=title or None, box=box.SIMPLE_HEAD, padding=(0, 1))
        for column in shown.columns:
            table.add_column(str(column), overflow="fold")
        for row in shown.itertuples(index=False):
            table.add_row(*("" if _is_na(v) else _cell(v) for v in row))
        console.print(table)
    else:
        raise ConfigError(f"--format {fmt!r} is not one of table, csv, json")


def _blank(value: object) -> bool:
    if _is_list(value):
        return len(value) == 0  # type: ignore[arg-type]
    return _is_na(value) or value == ""


def _is_na(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _is_list(value: object) -> bool:
    # DuckDB list columns arrive as numpy arrays, whose "==" compares element-wise
    return isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray"


def _cell(value: object) -> str:
    if _is_list(value):
        return ", ".join(_cell(v) for v in value)  # type: ignore[attr-defined]
    if isinstance(value, Decimal):
        return f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,}"
    return str(value)


def _print_error(exc: CapexlensError) -> None:
    # Escaped, because a message may quote "[...]" from a file; never wrapped, because each
    # "file:line: field: rule" line must stay whole for whoever greps or parses it.
    err_console.print(
        f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False, soft_wrap=True
    )


def _run(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except CapexlensError as exc:
        _print_error(exc)
        raise typer.Exit(code=2) from None


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Curated CSV/YAML, FX CSV, SEC JSON/zip.")],
) -> None:
    """Validate and ingest files; each file is one transaction, rejected whole if invalid."""

    def work() -> None:
        failed = False
        with _store() as store:
            for path in paths:
                try:
                    with _progress_bar(path) as progress:
                        console.print(str(ingest_path(store, path, progress=progress)))
                except CapexlensError as exc:
                    _print_error(exc)
                    failed = True
        if failed:
            raise typer.Exit(code=2)

    _run(work)


@contextmanager
def _progress_bar(path: Path) -> Iterator[Callable[[Any], None]]:
    """A Rich progress bar fed by ingest's per-member callback (zips and folders)."""
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=err_console, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task(path.name, total=None)

        def update(p: Any) -> None:
            bar.update(task, completed=p.done, total=p.total or None, description=p.name[-40:])

        yield update


@app.command()
def facts(
    entity: Annotated[str | None, typer.Option(help="Entity id, alias or cik:<n>.")] = None,
    metric: Annotated[str | None, typer.Option(help="Metric id (see `metrics`).")] = None,
    segment: Annotated[str | None, typer.Option(help="Segment/market/model id.")] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="First period, e.g. FY2025Q1.")
    ] = None,
    to: Annotated[str | None, typer.Option(help="Last period, e.g. FY2026Q1.")] = None,
    as_of: Annotated[str | None, typer.Option(help="What was known on YYYY-MM-DD.")] = None,
    all_versions: Annotated[bool, typer.Option(help="Every version and source.")] = False,
    quarterly: Annotated[
        bool, typer.Option(help="Only three-month periods (no years, halves or YTD).")
    ] = False,
    fmt: FormatOption = "table",
) -> None:
    """List facts with their sources."""

    def work() -> None:
        with _store() as store:
            reg = _registry(store)
            ent = None if entity is None else reg.entity_id(entity)
            if metric is not None:
                reg.metric(metric)
            # Without an entity, --from/--to are read on the calendar year.
            cal = reg.calendar(ent or MARKET_ENTITY)
            lo = _period_bound(from_, cal, "--from")
            hi = _period_bound(to, cal, "--to")
            query = FactQuery(
                entity=ent,
                metric=metric,
                segment=segment,
                start=lo.end if lo else None,
                end=hi.end if hi else None,
                as_of=_parse_date(as_of, "--as-of"),
                latest=not all_versions,
            )
            found = store.facts(query)
        if quarterly:  # a quarter is 89-92 days; allow 52/53-week quarters too
            found = [f for f in found if 84 <= f.period.days <= 98]
        frame = facts_to_frame(found)
        if fmt == "table":
            frame = frame[
                [
                    "entity",
                    "metric",
                    "segment",
                    "fiscal_label",
                    "value",
                    "unit",
                    "as_printed",
                    "source_kind",
                    "publisher",
                    "published",
                ]
            ]
        emit(frame, fmt, title="Facts")

    _run(work)


@app.command()
def entities(fmt: FormatOption = "table") -> None:
    """List entities, their segments, markets and models."""

    def work() -> None:
        with _store() as store:
            reg = _registry(store)
        rows = [
            (
                e.id,
                e.name,
                "; ".join(e.aliases),
                " ".join(e.listings),
                e.cik or "",
                f"{e.fiscal_year_end_month:02d}",
                e.currency,
                "entity",
            )
            for e in reg.entities.values()
        ] + [
            (d.id, d.name, "; ".join(d.aliases), "", "", "", d.owner, d.kind)
            for d in reg.dimensions.values()
        ]
        columns = [
            "id",
            "name",
            "aliases",
            "listings",
            "cik",
            "fy_end_month",
            "currency/owner",
            "kind",
        ]
        emit(pd.DataFrame(rows, columns=columns), fmt, title="Entities and dimensions")

    _run(work)


@app.command()
def metrics(fmt: FormatOption = "table") -> None:
    """List the metrics vocabulary."""
    reg = default_registry()
    rows = [
        (m.id, m.name, m.unit_kind, m.needs_dimension, m.definition, "; ".join(m.words))
        for m in reg.metrics.values()
    ]
    columns = ["id", "name", "unit", "needs", "definition", "words"]
    emit(pd.DataFrame(rows, columns=columns), fmt, title="Metrics")


@app.command("fx")
def fx_command(
    base: Annotated[str, typer.Argument(help="Currency converted from, e.g. USD.")],
    quote: Annotated[str, typer.Argument(help="Currency converted to, e.g. CNY.")],
    day: Annotated[str, typer.Argument(help="YYYY-MM-DD, or a period such as 2022Q4.")],
    average: Annotated[str | None, typer.Option(help="quarter or year: average over it.")] = None,
    end: Annotated[bool, typer.Option("--end", help="Rate at the period's end.")] = False,
) -> None:
    """Show an exchange rate (daily, period average or period end) and its source."""

    def work() -> None:
        with _store() as store:
            table = fx.RateTable(store.fx_rates())
        b, q = base.upper(), quote.upper()
        if average or end:
            when = _fx_period(day, average or "quarter")
            result = table.period_end(b, q, when) if end else table.average(b, q, when)
        else:
            parsed = _parse_date(day, "DATE")
            assert parsed is not None
            try:
                result = table.daily(b, q, parsed)
            except FxError as exc:
                raise FxError(
                    f"{exc}. The embedded store ships quarterly means only: try "
                    f"`capexlens fx {b} {q} {day} --average quarter`, or ingest a daily "
                    "series (Fed H.10 or ECB eurofxref-hist.csv)"
                ) from None
        console.print(f"1 {b} = {result.rate} {q}")
        console.print(result.method, highlight=False)

    _run(work)


def _fx_period(text: str, unit: str) -> Period:
    cal = default_registry().calendar(MARKET_ENTITY)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return parse_period(text if text.upper().startswith("CY") else f"CY{text}", cal)
    if unit == "year":
        return cal.year(day.year)
    if unit != "quarter":
        raise ConfigError(f"--average {unit!r} must be quarter or year")
    return cal.quarter_period(cal.quarter_of(day))


@app.command()
def sql(query: Annotated[str, typer.Argument(help="One SELECT statement.")]) -> None:
    """Run a read-only SQL SELECT on the store (tables: facts, facts_numeric, fx_rates)."""

    def work() -> None:
        with _store(read_only=True) as store:
            frame = store.sql(query)
        emit(frame, "table")

    _run(work)


def _register_optional_commands(commands: Sequence[str]) -> None:
    """Attach commands that live in other modules of the CLI, when present."""
    import importlib

    for name in commands:
        try:
            module = importlib.import_module(f"capexlens._cli_{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"capexlens._cli_{name}":
                raise
            continue
        module.register(app, _store, emit, _run)


_register_optional_commands(["demo", "coverage", "check", "analysis"])


def hoist_db_option(argv: Sequence[str]) -> list[str]:
    """Move ``--db PATH`` (or ``--db=PATH``) to the front so it works after the command too.

    >>> hoist_db_option(["ingest", "--db", "x.duckdb", "facts.csv"])
    ['--db', 'x.duckdb', 'ingest', 'facts.csv']
    >>> hoist_db_option(["facts", "--db=x.duckdb"])
    ['--db=x.duckdb', 'facts']
    """
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--db="):
            return [args.pop(i), *args]
        if arg == "--db" and i + 1 < len(args):
            value = args.pop(i + 1)
            args.pop(i)
            return ["--db", value, *args]
    return args


def main() -> None:
    """Entry point of the ``capexlens`` script."""
    app(args=hoist_db_option(sys.argv[1:]), prog_name="capexlens")
