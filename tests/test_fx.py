"""capexlens.fx on the real Federal Reserve H.10 and ECB files in ../shared/fixtures."""

from __future__ import annotations

import csv
import itertools
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import capexlens
from capexlens import fx
from capexlens.errors import CurrencyMismatchError, FxError, IngestError
from capexlens.models import FxRate, Money, Period, Source, SourceKind

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
DATA = Path(capexlens.__file__).parent / "data"  # the embedded dataset
H10 = FIXTURES / "fed-h10-cny-per-usd.csv"
ECB = FIXTURES / "ecb-eurofxref-hist.csv"
Q4_2022 = Period(date(2022, 10, 1), date(2022, 12, 31), "CY2022 Q4")


def quarter(year: int, q: int) -> Period:
    start = date(year, 3 * q - 2, 1)
    end = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
    return Period(start, date.fromordinal(end.toordinal() - 1), f"CY{year} Q{q}")


@pytest.fixture(scope="module")
def h10() -> list[FxRate]:
    return fx.load_h10(H10)


@pytest.fixture(scope="module")
def ecb() -> list[FxRate]:
    return fx.load_ecb(ECB, currencies=("USD", "CNY", "HKD"))


@pytest.fixture(scope="module")
def crosses(ecb: list[FxRate]) -> list[FxRate]:
    return fx.ecb_cross(ecb, "USD", "CNY") + fx.ecb_cross(ecb, "USD", "HKD")


@pytest.fixture(scope="module")
def table(h10: list[FxRate], crosses: list[FxRate]) -> fx.RateTable:
    return fx.RateTable([*h10, *crosses])


def alibaba_rate(tmp_path: Path) -> Path:
    path = tmp_path / "convenience.csv"
    path.write_text(
        fx.CONVENIENCE_HEADER + "\n"
        'USD,CNY,2025-06-30,7.1636,convenience,"RMB7.1636 to US$1.00",'
        "translation note to the unaudited financial information,"
        "https://www.alibabagroup.com/en-US/ir-financial-reports-quarterly-results,"
        "June Quarter 2025 Results,Alibaba Group Holding Limited,2025-08-29,earnings_release\n"
    )
    return path


# --- parsing traps ---------------------------------------------------------------------


def test_h10_skips_headers_and_nd_and_reads_the_unterminated_last_line(h10: list[FxRate]) -> None:
    raw = H10.read_text().splitlines()[2:]
    assert not H10.read_bytes().endswith(b"\n")
    assert len(h10) == sum(not line.endswith(",ND") for line in raw)
    assert {(r.base, r.quote) for r in h10} == {("USD", "CNY")}
    assert (h10[0].day, h10[0].rate) == (date(2000, 1, 3), Decimal("8.2798"))
    assert (h10[-1].day, h10[-1].rate, h10[-1].as_printed) == (
        date(2023, 5, 19),
        Decimal("7.0060"),
        "7.0060",
    )
    assert date(2000, 1, 17) not in {r.day for r in h10}  # ND in the file
    src = h10[0].source
    assert src.kind is SourceKind.CENTRAL_BANK
    assert src.url.startswith("https://www.federalreserve.gov/")
    assert "RXI_N.B.CH" in src.title


def test_ecb_full_file_counts_every_quoted_cell_and_sorts_oldest_first() -> None:
    with ECB.open(newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][-1] == ""  # the trailing comma
    quoted = sum(cell not in ("N/A", "") for row in rows[1:] for cell in row[1:])
    rates = fx.load_ecb(ECB)
    assert len(rates) == quoted
    assert "" not in {r.quote for r in rates}
    usd = [r for r in rates if r.quote == "USD"]
    assert usd[0].day == date(1999, 1, 4) and usd[-1].day == date(2025, 5, 9)
    assert all(a.day < b.day for a, b in itertools.pairwise(usd))


def test_ecb_rates_are_euro_based_and_na_means_no_rate(ecb: list[FxRate]) -> None:
    latest = {r.quote: r.rate for r in ecb if r.day == date(2025, 5, 9)}
    assert latest == {"USD": Decimal("1.1252"), "CNY": Decimal("8.147"), "HKD": Decimal("8.7519")}
    assert {r.base for r in ecb} == {"EUR"}
    cny = [r for r in ecb if r.quote == "CNY"]
    assert cny[0].day > date(1999, 1, 4)  # CNY is N/A in the first years
    assert ecb[0].source.url.startswith("https://www.ecb.europa.eu/")


def test_ecb_cross_divides_the_two_euro_rates_and_says_so(crosses: list[FxRate]) -> None:
    last = next(r for r in reversed(crosses) if r.quote == "CNY")
    assert last.day == date(2025, 5, 9)
    assert abs(last.rate - Decimal("8.147") / Decimal("1.1252")) < Decimal("1e-8")
    assert last.kind == fx.CROSS and last.as_printed == "8.147/1.1252"
    assert last.source.kind is SourceKind.DERIVED
    assert last.source.publisher == "European Central Bank"
    assert "CNY per EUR / USD per EUR" in last.source.title


# --- the acceptance check and the rate table ---------------------------------------------


def test_2022q4_cny_per_usd_mean_from_h10_and_ecb_agree_within_half_a_percent(
    table: fx.RateTable,
) -> None:
    fed = table.average("USD", "CNY", Q4_2022)
    ecb = table.average("USD", "CNY", Q4_2022, series="ECB")
    assert fed.series.startswith("H.10") and ecb.series.startswith("ECB cross")
    assert abs(fed.rate / ecb.rate - 1) < Decimal("0.005"), (fed.rate, ecb.rate)
    in_q4 = [
        line.split(",")[1]
        for line in H10.read_text().splitlines()[2:]
        if "2022-10-01" <= line[:10] <= "2022-12-31" and not line.endswith("ND")
    ]
    assert fed.days == len(in_q4)
    assert abs(fed.rate - sum(map(Decimal, in_q4)) / len(in_q4)) < Decimal("1e-8")
    assert f"mean of {fed.days} days 2022-10-03..2022-12-30" in fed.method


def test_period_end_uses_the_last_published_day(table: fx.RateTable) -> None:
    q = table.period_end("USD", "CNY", Q4_2022)
    assert (q.rate, q.last_day, q.days) == (Decimal("6.8972"), date(2022, 12, 30), 1)
    assert "2022-12-30 (latest on or before 2022-12-31)" in q.method


def test_daily_prefers_h10_then_falls_back_to_ecb_after_it_stops(table: fx.RateTable) -> None:
    assert table.daily("USD", "CNY", date(2022, 12, 30)).series.startswith("H.10")
    later = table.daily("USD", "CNY", date(2024, 1, 2))
    assert later.series.startswith("ECB cross") and later.last_day == date(2024, 1, 2)
    assert table.daily("USD", "CNY", date(2000, 1, 17)).last_day == date(2000, 1, 14)  # ND day


def test_missing_rate_names_pair_date_and_coverage(table: fx.RateTable) -> None:
    with pytest.raises(FxError) as err:
        table.daily("USD", "CNY", date(2025, 7, 1))
    text = str(err.value)
    assert "CNY per USD" in text and "2025-07-01" in text
    assert "2000-01-03..2023-05-19" in text and "..2025-05-09" in text
    with pytest.raises(FxError, match="no JPY per USD series"):
        table.daily("USD", "JPY", date(2024, 1, 2))
    with pytest.raises(FxError, match="covering CY2023 Q3"):
        fx.RateTable(fx.load_h10(H10)).average("USD", "CNY", quarter(2023, 3), series="H.10")


def test_inverse_pair_is_one_over_the_rate(table: fx.RateTable) -> None:
    usd_per_cny = table.daily("CNY", "USD", date(2022, 12, 30))
    assert abs(usd_per_cny.rate - 1 / Decimal("6.8972")) < Decimal("1e-9")
    assert (usd_per_cny.base, usd_per_cny.quote) == ("CNY", "USD")
    assert "inverted" in usd_per_cny.method
    mean = table.average("CNY", "USD", Q4_2022)
    assert abs(mean.rate * table.average("USD", "CNY", Q4_2022).rate - 1) < Decimal("0.001")


def test_convenience_rate_is_used_only_when_asked(tmp_path: Path, table: fx.RateTable) -> None:
    rates = fx.load_convenience(alibaba_rate(tmp_path))
    assert rates[0].kind == fx.CONVENIENCE and rates[0].source.kind is SourceKind.EARNINGS_RELEASE
    both = fx.RateTable([*rates, *fx.load_h10(H10)])
    with pytest.raises(FxError, match="2023-05-19"):
        both.daily("USD", "CNY", date(2025, 6, 30))
    asked = both.daily("USD", "CNY", date(2025, 6, 30), series=fx.CONVENIENCE)
    assert asked.rate == Decimal("7.1636") and asked.series == "Alibaba convenience rate"


def test_convert_names_the_rate_it_used(tmp_path: Path) -> None:
    rates = fx.RateTable(fx.load_convenience(alibaba_rate(tmp_path)))
    q = rates.daily("USD", "CNY", date(2025, 6, 30), series="convenience")
    done = fx.convert(Money(Decimal("38.6e9"), "CNY"), "USD", q)
    assert done.money == Money(Decimal("5388352225.14"), "USD")
    assert done.rate_quote is q
    assert done.describe() == (
        "RMB38.6 billion = US$5.39 billion at 7.1636 CNY per USD "
        "(Alibaba convenience rate, 30 Jun 2025)"
    )
    back = fx.convert(done.money, "CNY", q)
    assert abs(back.money.amount - Decimal("38.6e9")) < 1


def test_converting_with_a_quote_for_another_pair_raises(table: fx.RateTable) -> None:
    q = table.average("USD", "CNY", Q4_2022)
    with pytest.raises(CurrencyMismatchError, match="HKD"):
        fx.convert(Money(Decimal(100), "HKD"), "USD", q)
    with pytest.raises(CurrencyMismatchError):
        fx.convert(Money(Decimal(100), "CNY"), "CNY", q)


# --- malformed files ---------------------------------------------------------------------


def issues_of(error: pytest.ExceptionInfo[IngestError]) -> list[str]:
    return [str(i) for i in error.value.issues]


def test_bad_h10_file_names_file_line_and_rule(tmp_path: Path) -> None:
    path = tmp_path / "h10.csv"
    path.write_text(
        '"Unique Identifier: ","H10/H10/RXI_N.B.CH"\r\n"Time Period","RXI_N.B.CH"\r\n'
        "2023-05-18,7.0355\r\n2023-05-32,7.0100\r\n2023-05-19,seven\r\n2023-05-20,-1"
    )
    with pytest.raises(IngestError) as err:
        fx.load_h10(path)
    assert issues_of(err) == [
        f"{path}:4: Time Period: must be a date YYYY-MM-DD, got '2023-05-32'",
        f"{path}:5: RXI_N.B.CH: must be a positive number, got 'seven'",
        f"{path}:6: RXI_N.B.CH: must be a positive number, got '-1'",
    ]


def test_h10_file_without_time_period_or_with_unknown_series_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "h10.csv"
    path.write_text("2023-05-18,7.0355\n")
    with pytest.raises(IngestError, match=r"h10.csv:1: header: data before"):
        fx.load_h10(path)
    path.write_text('"Time Period","RXI_N.B.XX"\n2023-05-18,7.0355\n')
    with pytest.raises(IngestError, match=r"h10.csv:1: Time Period: unknown H.10"):
        fx.load_h10(path)


def test_bad_ecb_file_names_file_line_and_rule(tmp_path: Path) -> None:
    path = tmp_path / "ecb.csv"
    path.write_text(
        "Date,USD,CNY,\n2025-05-09,1.1252,8.147,\n2025-05-08,1.1297,\n"
        "2025-05-07,1.13x,N/A,\n2025-05-09,1.1,7.9,\n"
    )
    with pytest.raises(IngestError) as err:
        fx.load_ecb(path)
    assert issues_of(err) == [
        f"{path}:3: row: must have 2 rates (or N/A) after the date",
        f"{path}:4: USD: must be a positive number or N/A, got '1.13x'",
        f"{path}:5: Date: 2025-05-09 appears twice",
    ]
    with pytest.raises(IngestError, match="has no XYZ column"):
        fx.load_ecb(ECB, currencies=("JPY", "XYZ"))
    (tmp_path / "h.csv").write_text("Time,USD\n")
    with pytest.raises(IngestError, match=r"h.csv:1: header: must be 'Date'"):
        fx.load_ecb(tmp_path / "h.csv")


def test_bad_convenience_file_lists_every_broken_rule(tmp_path: Path) -> None:
    path = tmp_path / "convenience.csv"
    good = alibaba_rate(tmp_path).read_text().splitlines()
    bad = good[1].replace("USD,CNY,2025-06-30,7.1636", "USD,RMBB,2025-06-31,-7")
    path.write_text("\n".join([good[0], good[1], bad.replace("earnings_release", "blog")]))
    with pytest.raises(IngestError) as err:
        fx.load_convenience(path)
    assert issues_of(err) == [
        f"{path}:3: quote: must be an ISO 4217 code such as USD or CNY, got 'RMBB'",
        f"{path}:3: day: must be a date YYYY-MM-DD, got '2025-06-31'",
        f"{path}:3: rate: must be a positive number, got '-7'",
        f"{path}:3: source_kind: 'blog' is not a valid SourceKind, got 'blog'",
    ]
    path.write_text("base,quote,day,rate\n")
    with pytest.raises(IngestError, match=r"convenience.csv:1: header: must be base,quote,day"):
        fx.load_convenience(path)


def test_missing_file_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"nope.csv:0: file: cannot be read"):
        fx.load_h10(tmp_path / "nope.csv")


# --- the shipped reference table ---------------------------------------------------------


def test_shipped_reference_table_matches_the_fixture_computation(table: fx.RateTable) -> None:
    rows = fx.load_reference_quarterly()
    assert str(rows[0].period) == "CY2015 Q1"
    assert {(r.average.quote, str(r.period)) for r in rows if not r.average.complete} == {
        ("CNY", "CY2025 Q2"),
        ("HKD", "CY2025 Q2"),
    }
    for quote, period in [("CNY", Q4_2022), ("CNY", quarter(2023, 2)), ("HKD", quarter(2024, 1))]:
        shipped = fx.find_reference(rows, "USD", quote, period)
        assert shipped == fx.reference_quarter(table, "USD", quote, period)
    cny_2023q2 = fx.find_reference(rows, "USD", "CNY", quarter(2023, 2))
    assert cny_2023q2.average.series.startswith("ECB cross")  # H.10 stops in May 2023
    assert fx.find_reference(rows, "USD", "CNY", Q4_2022).average.series.startswith("H.10")
    with pytest.raises(FxError, match=r"CY2015 Q1\.\.CY2025 Q2"):
        fx.find_reference(rows, "USD", "CNY", quarter(2014, 4))


def test_reference_loader_rejects_a_corrupted_row(tmp_path: Path) -> None:
    lines = (DATA / "fx" / "reference_quarterly.csv").read_text().splitlines()
    path = tmp_path / "ref.csv"
    path.write_text("\n".join([lines[0], lines[1].replace(",6.236018033,", ",6.2x,", 1)]) + "\n")
    with pytest.raises(IngestError, match=r"ref.csv:2: average_rate: "):
        fx.load_reference_quarterly(path)


def test_real_convenience_file_names_series_by_issuer_not_by_reprinting_site() -> None:
    path = DATA / "fx" / "convenience.csv"
    if not path.exists():
        pytest.skip("data/fx/convenience.csv is not written yet")
    rates = fx.load_convenience(path)
    table = fx.RateTable(rates)
    names = {name for name, _, _ in table.coverage("USD", "CNY")}
    assert "Alibaba convenience rate" in names
    assert not any("Tiger" in n or "Newswire" in n for n in names)
    day = max(r.day for r in rates)
    issuers = {fx.RateTable([r]).coverage(r.base, r.quote)[0][0] for r in rates if r.day == day}
    if len(issuers) > 1:  # two issuers state a rate for the same day: never mix them
        with pytest.raises(FxError, match="several issuers"):
            table.daily("USD", "CNY", day, series=fx.CONVENIENCE)


def test_rate_table_rejects_two_different_rates_for_one_day() -> None:
    src = Source("https://example.com/r", "r", "Example Co", date(2025, 1, 1), SourceKind.NEWS)
    a = FxRate("USD", "CNY", date(2025, 1, 2), Decimal("7.1"), src)
    with pytest.raises(
        FxError, match="Example daily rate gives two CNY per USD rates for 2025-01-02"
    ):
        fx.RateTable([a, a, FxRate("USD", "CNY", date(2025, 1, 2), Decimal("7.2"), src)])
    assert fx.RateTable([a, a]).coverage("USD", "CNY") == [
        ("Example daily rate", date(2025, 1, 2), date(2025, 1, 2))
    ]
