"""``capexlens coverage``: the company x quarter x metric grid."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from capexlens.coverage import coverage_frame, coverage_grid
from capexlens.registry import default_registry

_MARK = {"present": "[green]●[/]", "derived": "[yellow]◐[/]", "missing": "[red]·[/]"}


def register(app: typer.Typer, store_cm: Any, emit: Callable[..., None], run: Any) -> None:
    """Attach the ``coverage`` command to the CLI."""

    @app.command()
    def coverage(
        entity: Annotated[list[str] | None, typer.Option(help="Entity id (repeatable).")] = None,
        metric: Annotated[list[str] | None, typer.Option(help="Metric (repeatable).")] = None,
        first: Annotated[str, typer.Option("--from", help="First calendar quarter.")] = "2023Q1",
        last: Annotated[str, typer.Option("--to", help="Last calendar quarter.")] = "2025Q3",
        fmt: Annotated[str, typer.Option("--format", "-f", help="table or csv.")] = "table",
    ) -> None:
        """Show which quarters hold each metric: present, derived or missing."""

        def work() -> None:
            reg = default_registry()
            ids = [reg.entity_id(e) for e in entity] if entity else [e.id for e in reg.covered()]
            names = metric or ["capex", "revenue"]
            for m in names:
                reg.metric(m)
            with store_cm() as store:
                cells = coverage_grid(
                    store,
                    reg.with_entities(store.registered_entities()),
                    entities=ids,
                    metrics=names,
                    first=first,
                    last=last,
                )
            frame = coverage_frame(cells)
            if fmt == "csv":
                frame.to_csv(sys.stdout, index=False)
                return
            if fmt != "table":
                emit(frame, fmt)
                return
            quarters = list(dict.fromkeys(frame["calendar_quarter"]))
            table = Table(
                title="Coverage (● present  ◐ derived  · missing; calendar quarters)",
                box=box.SIMPLE_HEAD,
                padding=(0, 0),
            )
            table.add_column("entity", no_wrap=True)
            table.add_column("metric ", no_wrap=True)
            for q in quarters:
                table.add_column(q[2:], justify="center", no_wrap=True, min_width=5)
            for (ent, met), group in frame.groupby(["entity", "metric"], sort=False):
                table.add_row(str(ent), str(met), *(_MARK[s] for s in group["status"]))
            console = Console()
            console.print(table)
            counts = frame["status"].value_counts()
            console.print(
                f"cells: {len(frame)}  present: {counts.get('present', 0)}  "
                f"derived: {counts.get('derived', 0)}  missing: {counts.get('missing', 0)}"
            )

        run(work)
