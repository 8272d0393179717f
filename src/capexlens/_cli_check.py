"""``capexlens check``: fact-check articles against the store."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from capexlens.claims._evidence import StoreSnapshot
from capexlens.claims.check import check_article, read_article
from capexlens.claims.report import ArticleReport, render_html, table_rows
from capexlens.errors import ArticleError, ConfigError

FORMATS = ("table", "json", "jsonl", "html")
_STYLE = {
    "supported": "green",
    "contradicted": "bold red",
    "unverifiable": "dim",
    "ambiguous": "yellow",
}


def register(app: typer.Typer, store_cm: Any, emit: Callable[..., None], run: Any) -> None:
    """Attach the ``check`` command to the CLI."""
    del emit  # reports are not DataFrames

    @app.command()
    def check(
        articles: Annotated[
            list[Path], typer.Argument(help="Article files: plain text, Markdown or HTML.")
        ],
        as_of: Annotated[
            str | None,
            typer.Option("--as-of", help="The articles' date, YYYY-MM-DD (else the dateline)."),
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", "-f", help="table, json, jsonl or html.")
        ] = "table",
        out: Annotated[
            Path | None, typer.Option("--out", help="Write the output to this file.")
        ] = None,
        fail_on: Annotated[
            str | None,
            typer.Option("--fail-on", help="contradicted: exit 1 if any claim is contradicted."),
        ] = None,
    ) -> None:
        """Check every numerical claim of the articles against the fact store."""

        def work() -> None:
            if fmt not in FORMATS:
                raise ConfigError(f"--format {fmt!r} is not one of {', '.join(FORMATS)}")
            if fail_on not in (None, "contradicted"):
                raise ConfigError(f"--fail-on {fail_on!r}: the only choice is 'contradicted'")
            day = _day(as_of)
            reports, failed = _check_all(store_cm, articles, day)
            _write(reports, fmt, out)
            if failed:
                raise typer.Exit(code=2)
            if fail_on and any(r.summary["contradicted"] for r in reports):
                raise typer.Exit(code=1)

        run(work)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"--as-of {text!r} is not a date; write YYYY-MM-DD") from None


def _check_all(
    store_cm: Any, paths: list[Path], day: date | None
) -> tuple[list[ArticleReport], bool]:
    """Reports for every readable article; unreadable ones get one red line each."""
    err = Console(stderr=True)
    reports: list[ArticleReport] = []
    failed = False
    with store_cm(read_only=True) as store:
        snapshot = StoreSnapshot(store)  # each company's facts read once for all articles
        for path in paths:
            try:
                text = read_article(path)
                reports.append(
                    check_article(store, text, path=str(path), as_of=day, snapshot=snapshot)
                )
            except ArticleError as exc:
                err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
                failed = True
    return reports, failed


def _write(reports: list[ArticleReport], fmt: str, out: Path | None) -> None:
    """Print (or write to ``out``) the reports in the chosen format."""
    if fmt == "table":
        console = Console(file=out.open("w", encoding="utf-8")) if out else Console()
        for r in reports:
            _table(console, r)
        return
    if fmt == "json":
        data: Any = [r.to_json() for r in reports]
        text = json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=1)
    elif fmt == "jsonl":
        text = "\n".join(json.dumps(r.to_json(), ensure_ascii=False) for r in reports)
    else:
        text = render_html(*reports)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


def print_report(console: Console, report: ArticleReport) -> None:
    """A report as a four-column table that stays readable in an 80-column terminal."""
    _table(console, report)


def _table(console: Console, report: ArticleReport) -> None:
    when = report.as_of.isoformat() if report.as_of else "unknown"
    title = f"{report.path or 'article'} (as of {when}, from {report.as_of_source})"
    table = Table(title=escape(title), show_lines=True, expand=True)
    table.add_column("#", no_wrap=True)
    table.add_column("claim: entity · metric · period", overflow="fold", ratio=3)
    table.add_column("verdict", overflow="fold", ratio=2)
    table.add_column("why", overflow="fold", ratio=5)
    for number, text, entity, metric, period, verdict, reasons, why in table_rows(report):
        linked = " · ".join(x for x in (entity, metric, period) if x) or "not linked"
        style = _STYLE.get(verdict, "")
        table.add_row(
            number,
            f"{escape(text)}\n[dim]{escape(linked)}[/]",
            f"[{style}]{verdict}[/]" + (f"\n[dim]{escape(reasons)}[/]" if reasons else ""),
            escape(why),
        )
    console.print(table)
    if report.note:
        console.print(f"[yellow]note:[/] {escape(report.note)}")
    s = report.summary
    console.print(
        f"supported {s['supported']}  contradicted {s['contradicted']}  "
        f"unverifiable {s['unverifiable']}  ambiguous {s['ambiguous']}",
        highlight=False,
    )
