"""SEC company facts: mapping, versions, discrete quarters, bulk zip, live client."""

from __future__ import annotations

import gzip
import itertools
import os
import urllib.error
import urllib.request
import zipfile
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

from capexlens.errors import ConfigError, IngestError
from capexlens.ingest.sec import (
    DiskCache,
    HttpResponse,
    Progress,
    RateLimiter,
    SecBatch,
    SecClient,
    SecConfig,
    ZipLimits,
    fetch_company_facts,
    iter_company_facts,
    read_company_facts,
)
from capexlens.models import Fact, SourceKind
from capexlens.periods import FiscalCalendar
from capexlens.registry import default_registry
from capexlens.store import FactQuery, FactStore

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
SNOW = FIXTURES / "sec-companyfacts-snowflake.json"
LPA = FIXTURES / "sec-companyfacts-20f-ifrs-lpa.json"
CAPEX = "PaymentsToAcquirePropertyPlantAndEquipment"
PUBLISHER = "U.S. Securities and Exchange Commission (EDGAR)"


@pytest.fixture(scope="module")
def snow_bytes() -> bytes:
    if not SNOW.is_file():
        pytest.skip(f"fixture missing: {SNOW}")
    return SNOW.read_bytes()


@pytest.fixture(scope="module")
def snow(snow_bytes: bytes) -> SecBatch:
    return read_company_facts(snow_bytes, origin=SNOW.name)


def _latest(facts: list[Fact] | tuple[Fact, ...], start: date, end: date) -> Fact | None:
    found = [f for f in facts if f.period.start == start and f.period.end == end]
    return max(found, key=lambda f: f.known_on) if found else None


def _as_of(facts: tuple[Fact, ...], metric: str, start: date, end: date, day: date) -> Fact:
    known = [f for f in facts if f.metric == metric and f.known_on <= day]
    found = _latest(known, start, end)
    assert found is not None, f"no {metric} {start}..{end} known on {day}"
    return found


def _doc(**facts: dict[str, Any]) -> dict[str, Any]:
    return {"cik": 320193, "entityName": "EXAMPLE CORP", "facts": facts}


def _rec(
    start: str | None, end: str, val: Any, accn: str, filed: str, form: str = "10-K"
) -> dict[str, Any]:
    rec: dict[str, Any] = {"end": end, "val": val, "accn": accn, "fy": 2099, "fp": "FY",
                           "form": form, "filed": filed}  # fmt: skip
    if start is not None:
        rec["start"] = start
    return rec


def _read(doc: Any, origin: str = "test.json") -> SecBatch:
    return read_company_facts(orjson.dumps(doc), origin=origin)


# -- the Snowflake fixture ---------------------------------------------------------------


def test_snowflake_filer_is_registered_with_inferred_fiscal_year(snow: SecBatch) -> None:
    e = snow.entity
    assert (e.id, e.cik, e.name) == ("cik:1640147", 1640147, "Snowflake Inc.")
    assert e.fiscal_year_end_month == 1  # Snowflake's year ends 31 January
    assert e.currency == "USD"
    assert default_registry().with_entities([e]).resolve("cik:1640147").name == "Snowflake Inc."


def test_snowflake_capex_every_quarter_discrete_none_missing(snow: SecBatch) -> None:
    cal = FiscalCalendar(1)
    quarter = cal.quarter_of(date(2020, 1, 31))
    last = cal.quarter_of(date(2025, 4, 30))
    capex = [f for f in (*snow.facts, *snow.derived) if f.metric == "capex"]
    ids = {f.fact_id for f in capex}
    seen = 0
    while quarter <= last:
        span = cal.quarter_period(quarter)
        fact = _latest(capex, span.start, span.end)
        assert fact is not None, f"capex missing for {span.label}"
        assert fact.period.label == span.label and 89 <= fact.period.days <= 92
        if fact.is_derived:
            assert fact.derived_from and set(fact.derived_from) <= ids
            assert "accn 0001640147-" in fact.derivation
            assert fact.source.kind is SourceKind.DERIVED
        seen += 1
        quarter = quarter.shift(1)
    assert seen == 22  # FY2020 Q4 .. FY2026 Q1


def test_snowflake_known_quarter_values(snow: SecBatch) -> None:
    capex = [f for f in (*snow.facts, *snow.derived) if f.metric == "capex"]
    q4_fy2020 = _latest(capex, date(2019, 11, 1), date(2020, 1, 31))
    assert q4_fy2020 is not None and q4_fy2020.value == Decimal(18583000 - 14504000)
    assert "0001640147-21-000073" in q4_fy2020.derivation  # the 10-K (full year)
    assert "0001640147-20-000023" in q4_fy2020.derivation  # the 10-Q (nine months)
    assert q4_fy2020.known_on == date(2021, 3, 31)
    q1_fy2026 = _latest(capex, date(2025, 2, 1), date(2025, 4, 30))
    assert q1_fy2026 is not None and not q1_fy2026.is_derived
    assert q1_fy2026.value == Decimal(44989000)


def test_snowflake_quarters_add_up_to_each_fiscal_year(snow: SecBatch) -> None:
    cal = FiscalCalendar(1)
    both = (*snow.facts, *snow.derived)
    for metric in ("capex", "operating_cash_flow", "revenue"):
        facts = [f for f in both if f.metric == metric]
        for fy in range(2021, 2026):
            year = cal.year(fy)
            total = _latest(facts, year.start, year.end)
            quarters = [_latest(facts, q.start, q.end) for q in map(cal.quarter_period,
                        [cal.quarter_of(year.end).shift(-k) for k in range(4)])]  # fmt: skip
            assert total is not None and all(q is not None for q in quarters), (metric, fy)
            assert sum(q.value for q in quarters if q) == total.value, (metric, fy)


def test_fy_fp_are_ignored_period_comes_from_dates(snow: SecBatch) -> None:
    # The 10-Q filed 2022-06-03 says fp "FY" for a three-month span: still FY2023 Q1.
    fact = _latest([f for f in snow.facts if f.metric == "capex"], date(2022, 2, 1),
                   date(2022, 4, 30))  # fmt: skip
    assert fact is not None and fact.period.label == "FY2023 Q1"
    assert fact.locator.endswith("accn 0001640147-22-000044, form 10-Q")


def test_repeated_value_is_kept_once_at_the_first_filing(snow: SecBatch) -> None:
    fy2022 = [f for f in snow.facts if f.metric == "capex" and f.period.label == "FY2022"]
    assert len(fy2022) == 1  # filed in three 10-Ks with the same value
    fact = fy2022[0]
    assert fact.known_on == date(2022, 3, 30)
    assert fact.value == Decimal(16221000) and fact.as_printed == "USD 16221000 (XBRL)"
    assert fact.locator == f"us-gaap:{CAPEX}, accn 0001640147-22-000023, form 10-K"
    src = fact.source
    assert src.url == (
        "https://www.sec.gov/Archives/edgar/data/1640147/000164014722000023/"
        "0001640147-22-000023-index.htm"
    )
    assert (src.title, src.publisher, src.published, src.kind) == (
        "Snowflake Inc. 10-K filed 2022-03-30",
        PUBLISHER,
        date(2022, 3, 30),
        SourceKind.FILING,
    )
    assert "us-gaap:" + CAPEX in fact.basis and "only capex concept" in fact.basis


def test_shares_outstanding_is_a_point_in_time_count(snow: SecBatch) -> None:
    shares = [f for f in snow.facts if f.metric == "shares_outstanding"]
    first = min(shares, key=lambda f: f.period.end)
    assert first.period.start == first.period.end == date(2021, 3, 1)
    assert (first.unit, first.value, first.as_printed) == (
        "count",
        Decimal(288700000),
        "shares 288700000 (XBRL)",
    )
    assert first.period.label == "2021-03-01"


# -- restatements --------------------------------------------------------------------------


def _restated_snowflake(snow_bytes: bytes) -> bytes:
    """The fixture with the FY2025 Q1 capex changed in the 10-Q filed 2025-05-30."""
    doc = orjson.loads(snow_bytes)
    for rec in doc["facts"]["us-gaap"][CAPEX]["units"]["USD"]:
        if rec.get("start") == "2024-02-01" and rec["accn"] == "0001640147-25-000110":
            rec["val"] = 16600000
    return orjson.dumps(doc)


def test_restatement_keeps_both_versions_and_rederives(snow_bytes: bytes) -> None:
    batch = read_company_facts(_restated_snowflake(snow_bytes), origin="restated.json")
    q1 = [f for f in batch.facts if f.metric == "capex" and f.period.label == "FY2025 Q1"]
    assert [(f.value, f.known_on) for f in q1] == [
        (Decimal(16519000), date(2024, 5, 31)),
        (Decimal(16600000), date(2025, 5, 30)),
    ]
    both = (*batch.facts, *batch.derived)
    q2 = (date(2024, 5, 1), date(2024, 7, 31))
    before = _as_of(both, "capex", *q2, date(2025, 5, 29))
    after = _as_of(both, "capex", *q2, date(2025, 6, 30))
    assert before.value == Decimal(21562000 - 16519000)
    assert after.value == Decimal(21562000 - 16600000)
    assert q1[1].fact_id in after.derived_from and q1[0].fact_id in before.derived_from


def test_restatement_through_the_store(snow_bytes: bytes, store: FactStore) -> None:
    batch = read_company_facts(_restated_snowflake(snow_bytes), origin="restated.json")
    report = store.add_facts(batch.all_facts, origin="restated.json", entities=[batch.entity])
    assert report.added == len(batch.all_facts) and report.entities_added == 1
    q1 = FactQuery(entity="cik:1640147", metric="capex", start=date(2024, 4, 30),
                   end=date(2024, 4, 30))  # fmt: skip
    old = store.facts(replace(q1, as_of=date(2025, 1, 1)))
    new = store.facts(q1)
    assert [f.value for f in old] == [Decimal(16519000)]
    assert [f.value for f in new] == [Decimal(16600000)]
    assert len(store.facts(replace(q1, latest=False))) == 2
    again = store.add_facts(batch.all_facts, origin="restated.json", entities=[batch.entity])
    assert (again.added, again.unchanged) == (0, len(batch.all_facts))


# -- 20-F / IFRS ---------------------------------------------------------------------------


def test_ifrs_20f_fixture_ingests_annual_facts() -> None:
    batch = read_company_facts(LPA.read_bytes(), origin=LPA.name)
    assert batch.entity.id == "cik:1997711" and batch.entity.fiscal_year_end_month == 12
    capex = sorted((f for f in batch.facts if f.metric == "capex"), key=lambda f: f.period)
    assert [f.period.label for f in capex] == ["FY2021", "FY2022", "FY2023", "FY2024"]
    assert capex[-1].value == Decimal(71066)
    assert capex[-1].locator.startswith(
        "ifrs-full:PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities, accn"
    )
    assert capex[-1].source.title.endswith("20-F filed 2025-04-02")
    revenue = [f for f in batch.facts if f.metric == "revenue"]
    assert {f.locator.split(",")[0] for f in revenue} == {"ifrs-full:Revenue"}
    assert batch.derived == ()  # annual facts only: nothing to derive


def test_20f_keeps_reporting_currency_not_usd_translation() -> None:
    concept = "PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities"
    cny = [_rec(f"{y}-01-01", f"{y}-12-31", 1000 * y, f"0000000001-{y - 1999}-000001",
                f"{y + 1}-04-01", "20-F") for y in (2022, 2023, 2024)]  # fmt: skip
    usd = [_rec("2024-01-01", "2024-12-31", 280000, "0000000001-25-000001", "2025-04-01", "20-F")]
    batch = _read(_doc(**{"ifrs-full": {concept: {"units": {"CNY": cny, "USD": usd}}}}))
    assert batch.entity.currency == "CNY"
    assert {f.unit for f in batch.facts} == {"CNY"}
    assert any("USD" in n and "convenience translation" in n for n in batch.notes)


# -- concept choice ------------------------------------------------------------------------


def test_authoritative_concept_is_the_most_recent_filings() -> None:
    span = ("2017-01-01", "2017-12-31")
    doc = _doc(**{"us-gaap": {
        CAPEX: {"units": {"USD": [_rec(*span, 100, "0000000001-18-000001", "2018-02-01")]}},
        "PaymentsToAcquireProductiveAssets": {"units": {"USD": [
            _rec(*span, 100, "0000000001-19-000001", "2019-02-01"),
            _rec(*span, 120, "0000000001-20-000001", "2020-02-01"),
        ]}},
    }})  # fmt: skip
    facts = sorted(_read(doc).facts, key=lambda f: f.known_on)
    assert [(f.value, f.locator.split(",")[0]) for f in facts] == [
        (Decimal(100), f"us-gaap:{CAPEX}"),  # first filing of 100; the repeat is dropped
        (Decimal(120), "us-gaap:PaymentsToAcquireProductiveAssets"),
    ]
    assert "does not tag us-gaap:PaymentsToAcquireProductiveAssets" in facts[0].basis
    assert "most recent filing" in facts[1].basis


def test_share_classes_on_the_cover_are_summed() -> None:
    recs = [_rec(None, "2025-01-20", n, "0000000001-25-000001", "2025-02-01") for n in (60, 40)]
    doc = _doc(dei={"EntityCommonStockSharesOutstanding": {"units": {"shares": recs}}})
    (fact,) = _read(doc).facts
    assert fact.value == Decimal(100) and "one per class" in fact.note


def test_float_values_stay_exact() -> None:
    recs = [_rec("2024-01-01", "2024-12-31", 0.1, "0000000001-25-000001", "2025-02-01")]
    (fact,) = _read(_doc(**{"us-gaap": {"Revenues": {"units": {"USD": recs}}}})).facts
    assert fact.value == Decimal("0.1")


def test_registry_entity_is_used_when_it_knows_the_cik() -> None:
    recs = [_rec("2024-07-01", "2025-06-30", 5, "0000789019-25-000001", "2025-07-30")]
    doc = _doc(**{"us-gaap": {CAPEX: {"units": {"USD": recs}}}}) | {"cik": 789019}
    batch = read_company_facts(orjson.dumps(doc), origin="m.json", registry=default_registry())
    assert batch.entity.id == "MSFT" and batch.facts[0].period.label == "FY2025"


# -- bad input -----------------------------------------------------------------------------


def test_truncated_json_is_rejected_with_its_line(snow_bytes: bytes) -> None:
    with pytest.raises(IngestError) as info:
        read_company_facts(snow_bytes[:5000], origin="cut.json")
    (issue,) = info.value.issues
    assert issue.file == "cut.json" and issue.line >= 1 and "not valid JSON" in issue.rule


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ([1, 2], "(document)"),
        ({"cik": "abc", "entityName": "X", "facts": {}}, "cik"),
        ({"cik": 1, "entityName": "X", "facts": []}, "facts"),
        (_doc(**{"us-gaap": {CAPEX: {"units": []}}}), f"facts.us-gaap.{CAPEX}.units"),
        (_doc(**{"us-gaap": {CAPEX: {"units": {"USD": {}}}}}), f"facts.us-gaap.{CAPEX}.units.USD"),
        (_doc(**{"us-gaap": {CAPEX: {"units": {"USD": [
            _rec("2024-01-01", "2024-12-31", "12", "0000000001-25-000001", "2025-02-01")]}}}}),
         f"facts.us-gaap.{CAPEX}.units.USD[0].val"),
        (_doc(**{"us-gaap": {CAPEX: {"units": {"USD": [
            _rec("2024-01-01", "2024-12-31", 12, "12-34", "2025-02-01")]}}}}),
         f"facts.us-gaap.{CAPEX}.units.USD[0].accn"),
        (_doc(**{"us-gaap": {CAPEX: {"units": {"USD": [
            _rec(None, "2024-12-31", 12, "0000000001-25-000001", "2025-02-01")]}}}}),
         f"facts.us-gaap.{CAPEX}.units.USD[0]"),
    ],
)  # fmt: skip
def test_wrong_shapes_are_rejected_naming_the_field(doc: Any, field: str) -> None:
    with pytest.raises(IngestError) as info:
        _read(doc, "bad.json")
    assert field in [i.field for i in info.value.issues]
    assert "nothing was written" in str(info.value)


def test_unknown_units_are_rejected_all_at_once() -> None:
    rec = _rec("2024-01-01", "2024-12-31", 1, "0000000001-25-000001", "2025-02-01")
    doc = _doc(
        **{
            "us-gaap": {CAPEX: {"units": {"USD/shares": [rec]}}, "Revenues": {"units": {"XYZ": []}}}
        },
        dei={"EntityCommonStockSharesOutstanding": {"units": {"USD": [rec]}}},
    )
    with pytest.raises(IngestError) as info:
        _read(doc)
    rules = {i.field: i.rule for i in info.value.issues}
    assert "unknown unit 'USD/shares'" in rules[f"facts.us-gaap.{CAPEX}.units.USD/shares"]
    assert "unknown unit 'XYZ'" in rules["facts.us-gaap.Revenues.units.XYZ"]
    assert "expected 'shares'" in rules["facts.dei.EntityCommonStockSharesOutstanding.units.USD"]


def test_unmapped_concepts_with_odd_units_are_ignored() -> None:
    doc = _doc(**{"us-gaap": {"SomethingElse": {"units": {"furlongs": [{"odd": True}]}}}})
    assert _read(doc).facts == ()


# -- files, folders and zips -----------------------------------------------------------------


def _with_cik(data: bytes, cik: int) -> bytes:
    doc = orjson.loads(data)
    doc["cik"] = cik
    return orjson.dumps(doc)


def test_zip_is_streamed_member_by_member_with_progress(tmp_path: Path, snow_bytes: bytes) -> None:
    archive = tmp_path / "companyfacts.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(3):
            zf.writestr(f"CIK{i + 1:010d}.json", _with_cik(snow_bytes, i + 1))
        zf.writestr("CIK0001997711.json", LPA.read_bytes())
    seen: list[Progress] = []
    batches = list(iter_company_facts(archive, progress=seen.append))
    assert [b.entity.id for b in batches] == ["cik:1", "cik:2", "cik:3", "cik:1997711"]
    assert [(p.done, p.total) for p in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert seen[-1].bytes_done == seen[-1].bytes_total
    assert len(batches[0].facts) == len(batches[1].facts) > 0


def test_folder_and_single_file(tmp_path: Path, snow_bytes: bytes) -> None:
    (tmp_path / "a.json").write_bytes(_with_cik(snow_bytes, 7))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_bytes(LPA.read_bytes())
    assert [b.entity.cik for b in iter_company_facts(tmp_path)] == [7, 1997711]
    assert [b.entity.cik for b in iter_company_facts(tmp_path / "a.json")] == [7]


def _zip_with(tmp_path: Path, members: dict[str, bytes]) -> Path:
    archive = tmp_path / "in.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return archive


def test_zip_member_that_is_not_json(tmp_path: Path) -> None:
    archive = _zip_with(tmp_path, {"CIK0001997711.json": LPA.read_bytes(), "notes.txt": b"hi"})
    it = iter_company_facts(archive)
    assert next(it).entity.cik == 1997711
    with pytest.raises(IngestError) as info:
        next(it)
    assert info.value.path.endswith("in.zip!notes.txt")
    errors: list[IngestError] = []
    assert len(list(iter_company_facts(archive, on_error=errors.append))) == 1
    assert len(errors) == 1


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    archive = _zip_with(tmp_path, {"bomb.json": b" " * (20 * 2**20)})
    with pytest.raises(IngestError) as info:
        list(iter_company_facts(archive))
    assert "zip bomb" in str(info.value)
    with pytest.raises(IngestError, match="above the limit"):
        list(iter_company_facts(archive, limits=ZipLimits(max_member_bytes=2**20, max_ratio=1e9)))


def test_zip_member_lying_about_its_size_is_capped(tmp_path: Path) -> None:
    archive = _zip_with(tmp_path, {"CIK1.json": LPA.read_bytes()})
    raw = bytearray(archive.read_bytes())
    size = len(LPA.read_bytes()).to_bytes(4, "little")
    small = (1000).to_bytes(4, "little")
    raw = raw.replace(size, small)  # both headers now claim 1000 bytes
    archive.write_bytes(bytes(raw))
    # zipfile stops at the declared size and then fails the CRC; either way the member
    # is refused instead of inflating past what its header admits.
    with pytest.raises(IngestError, match=r"in\.zip!CIK1\.json.*(inflates past|Bad CRC)"):
        list(iter_company_facts(archive))


def test_not_a_zip(tmp_path: Path) -> None:
    fake = tmp_path / "companyfacts.zip"
    fake.write_bytes(b"not a zip")
    with pytest.raises(IngestError, match="cannot be opened as a zip"):
        list(iter_company_facts(fake))


# -- live EDGAR (never touches the network) --------------------------------------------------


class FakeClock:
    """A monotonic clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_rate_limiter_allows_at_most_ten_a_second() -> None:
    clock = FakeClock()
    limiter = RateLimiter(10, clock=clock, sleep=clock.sleep)
    stamps = []
    for _ in range(25):
        limiter.wait()
        stamps.append(clock.now)
    assert all(b - a >= 0.1 - 1e-9 for a, b in itertools.pairwise(stamps))
    # any eleven consecutive requests span at least a second; and no needless waiting
    assert all(stamps[i + 10] - stamps[i] >= 1.0 - 1e-9 for i in range(len(stamps) - 10))
    assert stamps[-1] == pytest.approx(2.4)


class FakeOpener:
    """Plays back canned responses and records each request."""

    def __init__(self, *responses: HttpResponse | OSError) -> None:
        self.responses = list(responses)
        self.requests: list[urllib.request.Request] = []

    def __call__(self, req: urllib.request.Request, timeout: float, max_bytes: int) -> HttpResponse:
        self.requests.append(req)
        nxt = self.responses.pop(0)
        if isinstance(nxt, OSError):
            raise nxt
        return nxt


@pytest.fixture()
def config(tmp_path: Path) -> SecConfig:
    return SecConfig("Jane Doe jane@example.com", cache_dir=tmp_path / "cache")


def _client(config: SecConfig, opener: FakeOpener, clock: FakeClock) -> SecClient:
    limiter = RateLimiter(config.max_per_second, clock=clock, sleep=clock.sleep)
    return SecClient(config, opener=opener, limiter=limiter, sleep=clock.sleep)


def test_fetch_retries_then_caches(config: SecConfig) -> None:
    body = gzip.compress(LPA.read_bytes())
    opener = FakeOpener(
        HttpResponse(503, {}, b""),
        urllib.error.URLError("connection reset"),
        HttpResponse(200, {"content-encoding": "gzip"}, body),
    )
    clock = FakeClock()
    client = _client(config, opener, clock)
    batch = fetch_company_facts(1997711, config=config, client=client)
    assert batch.entity.cik == 1997711
    url = opener.requests[0].full_url
    assert url == "https://data.sec.gov/api/xbrl/companyfacts/CIK0001997711.json"
    assert opener.requests[0].get_header("User-agent") == "Jane Doe jane@example.com"
    assert clock.sleeps[:2] == [1.0, 2.0]  # exponential backoff between attempts
    again = fetch_company_facts("cik:1997711", config=config, client=client)
    assert len(opener.requests) == 3 and again.entity == batch.entity  # from the cache


def test_fetch_honours_retry_after_and_gives_up(config: SecConfig) -> None:
    opener = FakeOpener(*[HttpResponse(429, {"retry-after": "7"}, b"")] * 4)
    clock = FakeClock()
    with pytest.raises(IngestError, match="gave up after 4 attempts"):
        fetch_company_facts(1, config=config, client=_client(config, opener, clock))
    assert clock.sleeps == [7.0, 7.0, 7.0]


def test_fetch_404_does_not_retry_and_bad_body_is_not_cached(config: SecConfig) -> None:
    clock = FakeClock()
    opener = FakeOpener(HttpResponse(404, {}, b"not found"))
    with pytest.raises(IngestError, match="HTTP 404"):
        fetch_company_facts(2, config=config, client=_client(config, opener, clock))
    assert len(opener.requests) == 1
    opener = FakeOpener(HttpResponse(200, {}, b'{"cik": 3, "entity'))
    client = _client(config, opener, clock)
    with pytest.raises(IngestError, match="not valid JSON"):
        fetch_company_facts(3, config=config, client=client)
    cache = DiskCache(config.resolved_cache_dir(), config.cache_max_age_seconds)
    assert cache.get("https://data.sec.gov/api/xbrl/companyfacts/CIK0000000003.json") is None


def test_gzip_bomb_response_is_refused(tmp_path: Path) -> None:
    config = SecConfig("Jane Doe jane@example.com", use_cache=False, max_response_bytes=2**20)
    body = gzip.compress(b" " * (8 * 2**20))
    opener = FakeOpener(HttpResponse(200, {"content-encoding": "gzip"}, body))
    with pytest.raises(IngestError, match="inflates past"):
        fetch_company_facts(4, config=config, client=_client(config, opener, FakeClock()))


def test_user_agent_comes_from_the_environment() -> None:
    assert SecConfig.from_env({"CAPEXLENS_SEC_USER_AGENT": "A B a@b.org"}).user_agent == (
        "A B a@b.org"
    )
    with pytest.raises(ConfigError, match="CAPEXLENS_SEC_USER_AGENT"):
        SecConfig.from_env({})
    with pytest.raises(ConfigError, match="at most 10"):
        SecConfig("A B a@b.org", max_per_second=50)


def test_disk_cache_expires(tmp_path: Path) -> None:
    now = [1e9]
    cache = DiskCache(tmp_path, 60.0, clock=lambda: now[0])
    cache.put("https://x/y.json", b"1")
    path = cache.path_for("https://x/y.json")
    os.utime(path, (now[0], now[0]))
    assert cache.get("https://x/y.json") == b"1"
    now[0] += 61
    assert cache.get("https://x/y.json") is None


# -- quarter derivation on other calendars ---------------------------------------------------


def test_52_53_week_year_quarters_are_derived_on_dates() -> None:
    # An Apple-like year: 53 weeks ending Saturday 30 September 2023, YTD cash flows.
    spans = [("2022-12-31", 10), ("2023-04-01", 25), ("2023-07-01", 45), ("2023-09-30", 70)]
    recs = [
        _rec("2022-09-25", end, val, f"0000320193-23-00000{i}", f"2023-{i + 2:02d}-05", form)
        for i, ((end, val), form) in enumerate(zip(spans, ["10-Q"] * 3 + ["10-K"], strict=True))
    ]
    batch = _read(_doc(**{"us-gaap": {CAPEX: {"units": {"USD": recs}}}}))
    assert batch.entity.fiscal_year_end_month == 9
    got = {(f.period.start, f.period.end): f.value for f in batch.derived}
    assert got == {
        (date(2023, 1, 1), date(2023, 4, 1)): Decimal(15),
        (date(2023, 4, 2), date(2023, 7, 1)): Decimal(20),
        (date(2023, 7, 2), date(2023, 9, 30)): Decimal(25),
    }


def test_q4_from_printed_quarters_when_nine_months_is_missing() -> None:
    quarters = [("2024-01-01", "2024-03-31", 10), ("2024-04-01", "2024-06-30", 11),
                ("2024-07-01", "2024-09-30", 12), ("2024-01-01", "2024-12-31", 50)]  # fmt: skip
    recs = [_rec(s, e, v, f"0000000001-24-00000{i}", f"2025-0{i + 1}-01")
            for i, (s, e, v) in enumerate(quarters)]  # fmt: skip
    batch = _read(_doc(**{"us-gaap": {"Revenues": {"units": {"USD": recs}}}}))
    (q4,) = batch.derived
    assert (q4.period.label, q4.value) == ("FY2024 Q4", Decimal(50 - 10 - 11 - 12))
    assert len(q4.derived_from) == 4


def test_bad_file_leaves_the_store_untouched(tmp_path: Path, store: FactStore) -> None:
    from capexlens.ingest import ingest_path

    bad = tmp_path / "CIK0000000001.json"
    bad.write_bytes(SNOW.read_bytes()[:-10])
    with pytest.raises(IngestError):
        ingest_path(store, bad)
    assert store.count_facts() == 0


def test_derivation_says_when_one_filing_reports_every_input() -> None:
    recs = [
        _rec("2024-01-01", "2024-03-31", 10, "0000000001-24-000001", "2024-05-01", "10-Q"),
        _rec("2024-01-01", "2024-03-31", 10, "0000000001-24-000002", "2024-08-01", "10-Q"),
        _rec("2024-01-01", "2024-06-30", 25, "0000000001-24-000002", "2024-08-01", "10-Q"),
    ]
    (q2,) = _read(_doc(**{"us-gaap": {CAPEX: {"units": {"USD": recs}}}})).derived
    assert q2.value == Decimal(15) and q2.known_on == date(2024, 8, 1)
    assert "One vintage: filing 0000000001-24-000002 reports every input" in q2.derivation


def test_damaged_cache_file_is_fetched_again(config: SecConfig) -> None:
    url = "https://data.sec.gov/api/xbrl/companyfacts/CIK0001997711.json"
    DiskCache(config.resolved_cache_dir(), config.cache_max_age_seconds).put(url, b"{trunc")
    opener = FakeOpener(HttpResponse(200, {}, LPA.read_bytes()))
    batch = fetch_company_facts(1997711, config=config, client=_client(config, opener, FakeClock()))
    assert batch.entity.cik == 1997711 and len(opener.requests) == 1
