"""The command line: thin commands over the library, one-line errors, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from capexlens.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file built once from the embedded data for this module's tests."""
    return tmp_path_factory.mktemp("cli") / "store.duckdb"


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_facts_json_has_alibaba_june_2025_quarter(db: Path) -> None:
    code, out = run(db, "facts", "--entity", "BABA", "--metric", "revenue", "--format", "json")
    assert code == 0, out
    rows = json.loads(out)
    (q,) = [r for r in rows if r["period_end"] == "2025-06-30"]
    assert q["fiscal_label"] == "FY2026 Q1"
    assert q["value"] == 247652000000
    assert q["unit"] == "CNY"
    assert q["as_printed"] == "RMB247,652 million"
    assert q["source_url"].startswith("https://")


def test_facts_csv_has_documented_columns(db: Path) -> None:
    code, out = run(db, "facts", "--entity", "TCEHY", "--metric", "capex", "--format", "csv")
    assert code == 0, out
    reader = csv.DictReader(io.StringIO(out))
    required = {
        "entity",
        "metric",
        "period_start",
        "period_end",
        "fiscal_label",
        "value",
        "unit",
        "as_printed",
        "basis",
        "source_url",
        "source_title",
        "published",
    }
    assert required <= set(reader.fieldnames or [])
    rows = list(reader)
    assert {r["entity"] for r in rows} == {"TCEHY"}
    assert all(r["source_url"] for r in rows)


def test_as_of_hides_later_facts(db: Path) -> None:
    code, out = run(
        db,
        "facts",
        "--entity",
        "BABA",
        "--metric",
        "revenue",
        "--as-of",
        "2025-08-01",
        "--format",
        "json",
    )
    assert code == 0
    assert all(r["known_on"] <= "2025-08-01" for r in json.loads(out))
    assert not [r for r in json.loads(out) if r["period_end"] == "2025-06-30"]


def test_unknown_entity_is_one_clear_line_and_exit_2(db: Path) -> None:
    code, out = run(db, "facts", "--entity", "ACME")
    assert code == 2
    assert "unknown entity 'ACME'" in out


def test_entities_and_metrics_list(db: Path) -> None:
    code, out = run(db, "entities", "--format", "csv")
    assert code == 0 and "BABA" in out and "HKEX:9988" in out
    code, out = run(db, "metrics", "--format", "json")
    assert code == 0 and {m["id"] for m in json.loads(out)} >= {"capex", "revenue"}


def test_fx_quarter_average_from_shipped_table(db: Path) -> None:
    code, out = run(db, "fx", "USD", "CNY", "2022Q4", "--average", "quarter")
    assert code == 0, out
    assert "1 USD = 7.11" in out and "H.10" in out


def test_sql_read_only(db: Path) -> None:
    code, out = run(db, "sql", "SELECT count(*) AS n FROM facts WHERE entity = 'BABA'")
    assert code == 0, out
    code, out = run(db, "sql", "DELETE FROM facts")
    assert code == 2 and "read-only SELECT" in out


def test_sql_shows_list_columns(db: Path) -> None:
    # DuckDB returns a list column as an array; the table shows its items, empty as blank
    code, out = run(db, "sql", "SELECT [1, 2] AS pair, 'x' AS tag, []::INT[] AS none")
    assert code == 0, out
    assert "1, 2" in out and "none" not in out


def test_ingest_rejects_bad_file_and_lists_errors(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("entity,metric\nACME,revenue\n", encoding="utf-8")
    code, out = run(db, "ingest", str(bad))
    assert code == 2
    assert "bad.csv:1: header: missing column(s)" in out.replace("\n", " ")


def test_coverage_csv(db: Path) -> None:
    code, out = run(
        db, "coverage", "--entity", "BABA", "--format", "csv", "--from", "2025Q1", "--to", "2025Q2"
    )
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["metric"], r["calendar_quarter"]) for r in rows} == {
        ("capex", "2025Q1"),
        ("capex", "2025Q2"),
        ("revenue", "2025Q1"),
        ("revenue", "2025Q2"),
    }
    assert {r["status"] for r in rows} <= {"present", "derived", "missing"}


def test_sec_ingest_then_quarterly_capex_for_snowflake(db: Path) -> None:
    snow = Path(__file__).resolve().parents[2] / "shared/fixtures/sec-companyfacts-snowflake.json"
    if not snow.exists():
        pytest.skip("shared fixtures not present")
    code, out = run(db, "ingest", str(snow))
    assert code == 0, out
    code, out = run(
        db,
        "facts",
        "--entity",
        "cik:1640147",
        "--metric",
        "capex",
        "--quarterly",
        "--format",
        "csv",
    )
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    ends = [r["period_end"] for r in rows]
    assert ends[0] == "2020-01-31" and ends[-1] == "2025-04-30"
    assert len(ends) == len(set(ends)) == 22  # every fiscal quarter, none missing
    assert all(r["source_url"].startswith("https://www.sec.gov/") for r in rows)
    derived = [r for r in rows if r["derivation"]]
    assert derived and all("accn" in r["derivation"] or "minus" in r["derivation"] for r in derived)
