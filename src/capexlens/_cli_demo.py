"""``capexlens demo``: the main job end to end on the embedded data.

Builds the store from the embedded dataset, fact-checks the example article we wrote,
and writes the Alibaba brief, printing a summary and where the outputs went.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

DEMO_ARTICLE = "demo-alibaba-capex.txt"
DEMO_AS_OF = date(2025, 8, 29)


def _article_path() -> Path:
    return Path(str(resources.files("capexlens") / "data" / "articles" / DEMO_ARTICLE))


def register(app: typer.Typer, store_cm: Any, emit: Callable[..., None], run: Any) -> None:
    """Attach the ``demo`` command to the CLI."""

    @app.command()
    def demo(
        out: Annotated[Path, typer.Option(help="Folder for the report and brief.")] = Path("out"),
    ) -> None:
        """Build the store, fact-check the demo article and write the Alibaba brief."""

        def work() -> None:
            from capexlens._cli_check import print_report
            from capexlens.briefs import write_brief
            from capexlens.claims import check_article, read_article
            from capexlens.claims.report import render_html

            console = Console()
            out.mkdir(parents=True, exist_ok=True)
            with console.status("Building the fact store from the embedded dataset..."):
                cm = store_cm()
                store = cm.__enter__()
            try:
                _print_store_summary(console, store)
                path = _article_path()
                report = check_article(store, read_article(path), path=str(path),
                                       as_of=DEMO_AS_OF)  # fmt: skip
                print_report(console, report)
                html_report = out / "demo-check.html"
                html_report.write_text(render_html(report) + "\n", encoding="utf-8")
                md = write_brief(store, "BABA", "FY2026Q1", "md", out / "brief-BABA.md")
                html = write_brief(store, "BABA", "FY2026Q1", "html", out / "brief-BABA.html")
            finally:
                cm.__exit__(None, None, None)
            console.print(f"\nFact-check report: [bold]{html_report}[/]")
            console.print(f"Alibaba brief:     [bold]{md}[/] and [bold]{html}[/]")

        run(work)


def _print_store_summary(console: Console, store: Any) -> None:
    counts = Counter(f.entity for f in store.facts())
    table = Table(title=f"Fact store: {store.count_facts()} fact versions")
    table.add_column("entity")
    table.add_column("facts (latest versions)", justify="right")
    for entity, n in sorted(counts.items()):
        table.add_row(entity, str(n))
    console.print(table)
