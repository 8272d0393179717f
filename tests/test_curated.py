"""Curated CSV/YAML ingest: valid files land whole, invalid ones are rejected whole."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

from capexlens.errors import IngestError
from capexlens.ingest import ingest_path, read_curated
from capexlens.ingest.curated import COLUMNS
from capexlens.registry import default_registry
from capexlens.store import FactStore

HEADER = ",".join(COLUMNS)
SOURCE = (
    "https://www.example.org/baba-june-2025,Alibaba Group Announces June Quarter 2025 Results,"
    "Business Wire,2025-08-29,earnings_release"
)
GOOD = [
    f'BABA,revenue,,FY2026Q1,247652000000,,CNY,"RMB247,652 million",total revenue,'
    f"Financial highlights,{SOURCE},,,,,,",
    f"Alibaba,revenue_growth_yoy,,FY2026 Q1,2,,percent,2%,,Financial highlights,{SOURCE},,,,,,",
    f"BABA,segment_revenue_growth_yoy,BABA.CLOUD,FY2026Q1,26,,percent,26%,,Segment table,"
    f"{SOURCE},,,,,,",
    f"META,capex_guidance,,FY2025,64000000000,72000000000,USD,$64 billion to $72 billion,"
    f"incl. finance leases,Outlook,{SOURCE},2025-04-30,,,,,",
]


def write(tmp_path: Path, rows: list[str], name: str = "facts.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_valid_csv_reads_every_row_exactly(tmp_path: Path) -> None:
    facts = read_curated(write(tmp_path, GOOD), default_registry())
    assert len(facts) == 4
    rev = facts[0]
    assert (rev.entity, rev.period.label, rev.value, rev.unit) == (
        "BABA",
        "FY2026 Q1",
        Decimal("247652000000"),
        "CNY",
    )
    assert facts[1].entity == "BABA"  # alias resolved
    assert facts[2].segment == "BABA.CLOUD"
    guidance = facts[3]
    assert (guidance.value, guidance.value_high) == (Decimal("64e9"), Decimal("72e9"))
    assert str(guidance.known_on) == "2025-04-30"


def test_yaml_with_shared_source_defaults(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(
        "source:\n"
        "  source_url: https://www.example.org/x\n"
        "  source_title: Example\n"
        "  publisher: Example\n"
        "  published: 2025-08-29\n"
        "  source_kind: earnings_release\n"
        "facts:\n"
        "  - {entity: BABA, metric: capex, period: FY2026Q1, value: 38600000000, unit: CNY,\n"
        "     as_printed: RMB38.6 billion, basis: cash capex, locator: CFO remarks}\n"
        "  - entity: BABA\n"
        "    metric: share_count_change\n"
        "    period: FY2025\n"
        "    value: -5.1\n"
        "    unit: percent\n"
        "    as_printed: 5.1%\n"
        "    locator: Share repurchases\n",
        encoding="utf-8",
    )
    capex, change = read_curated(path, default_registry())
    assert capex.value == Decimal("38600000000")
    assert change.value == Decimal("-5.1")  # the sign comes from the wording


def test_per_share_figures_carry_a_per_share_unit(tmp_path: Path) -> None:
    rows = [
        f"BABA,diluted_eps,,FY2025Q3,21.39,,CNY/share,RMB21.39 per ADS,diluted earnings per ADS,"
        f"Financial highlights,{SOURCE},,,,,,",
        f"MSFT,diluted_eps,,FY2025Q4,3.65,,USD/share,$3.65,diluted earnings per share,"
        f"Highlights,{SOURCE},,,,,,",
    ]
    ads, share = read_curated(write(tmp_path, rows), default_registry())
    assert (ads.unit, ads.value) == ("CNY/share", Decimal("21.39"))
    assert (share.unit, share.value) == ("USD/share", Decimal("3.65"))


def test_a_derived_row_may_state_its_tolerance(tmp_path: Path) -> None:
    row = (
        f"ORCL,capex,,FY2024Q2,970000000,,USD,,purchases of property and equipment,derived,"
        f"{SOURCE.replace('earnings_release', 'derived')},,,TTM capex difference,,,200000000"
    )
    (f,) = read_curated(write(tmp_path, [row]), default_registry())
    assert f.tolerance == Decimal("200000000") and f.is_derived


BAD_CASES = {
    "tolerance on a printed figure": (
        f"{GOOD[0]}5",
        "tolerance: is only for derived figures (give a derivation)",
    ),
    "per-share unit": (
        "MSFT,diluted_eps,,FY2025Q4,3.65,,USD,$3.65,diluted EPS,Highlights,"
        "https://www.example.org/x,X,Y,2025-07-30,earnings_release,,,,,,",
        "unit: must be a currency per share such as 'USD/share', got 'USD'",
    ),
    "per-share currency": (
        "MSFT,diluted_eps,,FY2025Q4,3.65,,USD/share,RMB3.65,diluted EPS,Highlights,"
        "https://www.example.org/x,X,Y,2025-07-30,earnings_release,,,,,,",
        "as_printed: 'RMB3.65' is in CNY, but unit is USD/share",
    ),
    "unknown entity": ("ACME,revenue", "entity: unknown entity 'ACME'"),
    "unknown metric": ("BABA,revenu", "metric: unknown metric 'revenu'"),
    "derived-only metric": (
        "BABA,segment_revenue_share,BABA.CLOUD,FY2026Q1,13.5,,percent,13.5%,,Highlights,"
        "https://www.example.org/x,X,Y,2025-08-29,earnings_release,,,,,,",
        "metric: 'segment_revenue_share' is computed by the checker",
    ),
    "bad period": ("BABA,revenue,,FY20X6Q9", "period:"),
    "printed mismatch": ("BABA,revenue,,FY2026Q1,247652000001", "as_printed: 'RMB247,652 million'"),
    "missing source": (
        "BABA,revenue,,FY2026Q1,247652000000,,CNY,x,y,z,,,,,,,,,,,,",
        "source_url: is required",
    ),
}


def _row(prefix: str) -> str:
    good = GOOD[0].split(",")
    mine = prefix.split(",")
    if len(mine) > 5:
        return prefix
    return ",".join(mine + good[len(mine) :])


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_each_broken_rule_is_named(tmp_path: Path, case: str) -> None:
    prefix, expected = BAD_CASES[case]
    path = write(tmp_path, [GOOD[1], _row(prefix)])
    with pytest.raises(IngestError) as info:
        read_curated(path, default_registry())
    lines = str(info.value).splitlines()
    assert "rejected" in lines[0]
    assert any(line.startswith(f"{path}:3: ") and expected in line for line in lines[1:]), lines


def test_all_errors_listed_and_store_file_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    with FactStore.open(db) as store:
        ingest_path(store, write(tmp_path, GOOD, "good.csv"))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = write(
        tmp_path,
        [GOOD[0], *(_row(p) for p, _ in BAD_CASES.values()), GOOD[0]],
        "bad.csv",
    )
    with FactStore.open(db) as store, pytest.raises(IngestError) as info:
        ingest_path(store, bad)
    errors = info.value.issues
    assert {i.line for i in errors} >= {3, 4, 5, 6, 7, 8}  # every bad row, and the duplicate
    assert any("duplicate of line 2" in i.rule for i in errors)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    with FactStore.open(db) as store:
        assert store.count_facts() == 4


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"entity,metric\nBABA,revenue\n", "missing column"),
        ((HEADER + ",extra\n").encode(), "unknown column"),
        ((HEADER + "\n").encode(), "holds no facts"),
    ],
)
def test_malformed_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=expected):
        read_curated(path, default_registry())


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("facts:\n  - entity: BABA\n    metric: [oops\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"bad.yaml:\d+: yaml: not valid YAML"):
        read_curated(path, default_registry())


def test_reingest_same_file_adds_nothing(tmp_path: Path, store: FactStore) -> None:
    path = write(tmp_path, GOOD)
    assert ingest_path(store, path).added == 4
    again = ingest_path(store, path)
    assert (again.added, again.unchanged) == (0, 4)


def test_corrected_shipped_file_replaces_its_old_rows(
    tmp_path: Path, store: FactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capexlens.ingest import _dispatch

    shipped = write(tmp_path, GOOD[:2], "baba.csv")
    monkeypatch.setattr(_dispatch, "embedded_files", lambda: iter([shipped]))
    _dispatch.ensure_embedded(store)
    assert _dispatch.ensure_embedded(store) == []  # unchanged file: nothing to do
    fixed = GOOD[1].replace(",2,,percent,2%,", ",3,,percent,3%,")
    write(tmp_path, [GOOD[0], fixed], "baba.csv")
    (report,) = _dispatch.ensure_embedded(store)
    growth = store.facts(entity="BABA", metric="revenue_growth_yoy", latest=False)
    assert [f.value for f in growth] == [Decimal(3)]  # the error does not stand beside it
    assert store.count_facts() == 2
    assert report.origin == f"embedded:{tmp_path.name}/baba.csv"


def test_a_row_short_of_cells_is_rejected_not_shifted(tmp_path: Path) -> None:
    # one empty cell left out moves the note into `derived_from`: the row says how many
    short = GOOD[0][:-2] + "USD growth; up 8% in constant currency.,"
    path = write(tmp_path, [short])
    with pytest.raises(IngestError) as info:
        read_curated(path, default_registry())
    assert "row: fewer cells than header columns (20 of 21; missing from 'tolerance' on)" in str(
        info.value
    )


def test_derived_from_needs_a_derivation(tmp_path: Path) -> None:
    cells = GOOD[0].split(",")
    cells[COLUMNS.index("derived_from") + 1] = "abc123"  # +1: the quoted "RMB247,652 million"
    path = write(tmp_path, [",".join(cells)])
    with pytest.raises(IngestError) as info:
        read_curated(path, default_registry())
    assert "derived_from: is only for derived figures (give a derivation)" in str(info.value)
