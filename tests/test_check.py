"""The whole check: reading articles, the seed article's acceptance, reports, CLI, data sets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from capexlens.claims.check import MAX_BYTES, check_article, find_dateline, read_article
from capexlens.claims.report import ArticleReport, render_html
from capexlens.errors import ArticleError
from capexlens.models import Reason, Verdict, VerdictLabel
from capexlens.store import FactStore

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "examples" / "alibaba-capex-2025-08-29.txt"
DEV = SHARED / "articles"
OWN = REPO / "src" / "capexlens" / "data" / "articles"


@pytest.fixture(scope="module")
def seed(embedded_store: FactStore) -> ArticleReport:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return check_article(embedded_store, read_article(SEED), path=str(SEED))


def claim(report: ArticleReport, text: str, nth: int = 0) -> Verdict:
    found = [v for v in report.verdicts if text in v.claim.text]
    assert len(found) > nth, f"no claim {text!r} in {[v.claim.text for v in report.verdicts]}"
    return found[nth]


# --- the seed article -------------------------------------------------------------------------


def test_seed_date_comes_from_its_dateline(seed: ArticleReport) -> None:
    assert (seed.as_of, seed.as_of_source) == (date(2025, 8, 29), "dateline")


def test_seed_two_currencies_flagged(seed: ArticleReport) -> None:
    v = claim(seed, "$38.6 billion RMB")
    assert v.label is VerdictLabel.CONTRADICTED
    assert Reason.CURRENCY_CONFLICT in v.reasons
    assert "US$5.4 billion" in v.explanation


def test_seed_quarter_does_not_exceed_the_decade(seed: ArticleReport) -> None:
    v = claim(seed, "exceeds the company")
    assert v.label is VerdictLabel.CONTRADICTED and v.reasons == (Reason.ARITHMETIC,)
    assert "326.1 billion" in v.explanation and "380 billion" in v.explanation
    plan = claim(seed, "surpasses its total investment")
    assert plan.label is VerdictLabel.SUPPORTED


def test_seed_buybacks_are_misattributed(seed: ArticleReport) -> None:
    v = claim(seed, "$16.5 billion")
    assert v.label is VerdictLabel.CONTRADICTED and v.reasons == (Reason.MISATTRIBUTION,)
    assert "US$11.9 billion" in v.explanation and "US$4.6 billion" in v.explanation


@pytest.mark.parametrize(
    "text",
    [
        "RMB247,652 million",
        "2% year-over-year",
        "26% revenue",
        "RMB380 billion",
        "$53 billion",
        "33%",
        "18%",
        "10%",
        "235 billion parameters",
        "5.1%",
    ],
)
def test_seed_supported_claims(seed: ArticleReport, text: str) -> None:
    assert claim(seed, text).label is VerdictLabel.SUPPORTED


def test_seed_headline_is_supported(seed: ArticleReport) -> None:
    headline = seed.verdicts[0]
    assert headline.claim.text == "38.6 billion RMB"
    assert headline.label is VerdictLabel.SUPPORTED
    assert headline.claim.period is not None and headline.claim.period.label == "FY2026 Q1"


def test_seed_counts_without_a_source_are_unverifiable(seed: ArticleReport) -> None:
    assert claim(seed, "5,000+").label is VerdictLabel.UNVERIFIABLE
    assert claim(seed, "100,000 developers").label is VerdictLabel.UNVERIFIABLE


def test_seed_spans_index_the_text_as_read(seed: ArticleReport) -> None:
    for v in seed.verdicts:
        a, b = v.claim.span
        assert seed.text[a:b] == v.claim.text


# --- the JSON shape ---------------------------------------------------------------------------


def test_json_has_exactly_the_documented_shape(seed: ArticleReport) -> None:
    data = json.loads(json.dumps(seed.to_json()))
    assert set(data) == {"article", "claims", "summary"}
    assert data["article"] == {"path": str(SEED), "as_of": "2025-08-29", "as_of_source": "dateline"}
    keys = {
        "id",
        "span",
        "text",
        "value",
        "unit",
        "entity",
        "metric",
        "segment",
        "period",
        "verdict",
        "reasons",
        "expected",
        "evidence",
        "explanation",
    }
    assert all(set(c) == keys for c in data["claims"])
    first = data["claims"][0]
    assert first["value"] == 38600000000 and first["unit"] == "CNY"
    assert first["segment"] is None  # the company's capex
    cloud = [c for c in data["claims"] if c["segment"] == "BABA.CLOUD"]
    assert cloud and all(c["entity"] == "BABA" for c in cloud)  # "cloud revenue up 26%"
    assert first["period"] == {"label": "FY2026 Q1", "start": "2025-04-01", "end": "2025-06-30"}
    assert set(first["evidence"][0]) == {"value", "unit", "period", "as_printed", "source_url"}
    assert sum(data["summary"].values()) == len(data["claims"])
    assert [c["id"] for c in data["claims"]] == list(range(1, len(data["claims"]) + 1))


# --- dates --------------------------------------------------------------------------------------


def test_option_date_wins_and_no_date_is_said(embedded_store: FactStore) -> None:
    text = "Alibaba's capex reached RMB38.6 billion over the past quarter."
    dated = check_article(embedded_store, text, as_of=date(2025, 8, 29))
    assert dated.as_of_source == "option" and dated.verdicts[0].label is VerdictLabel.SUPPORTED
    undated = check_article(embedded_store, text)
    assert (undated.as_of, undated.as_of_source) == (None, "none")
    assert "no date" in undated.note and undated.to_json()["article"]["note"]
    assert undated.verdicts[0].label is VerdictLabel.AMBIGUOUS


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Headline\nviernes, 29 de agosto de 2025, 7:41 am ET\nBody", date(2025, 8, 29)),
        ("Title\nAug. 29, 2025 - Alibaba said", date(2025, 8, 29)),
        ("标题\n2025年8月29日\n正文", date(2025, 8, 29)),
        ("In the quarter ended June 30, 2025, capex rose.", None),
    ],
)
def test_datelines(text: str, day: date | None) -> None:
    assert find_dateline(text) == day


# --- input --------------------------------------------------------------------------------------


def test_bad_files_raise_article_errors(tmp_path: Path) -> None:
    cases = {
        "empty.txt": b"",
        "blank.txt": b" \n\t\n",
        "binary.bin": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "latin1.txt": "Capex of 38,6 milliards d'\u00e9cus".encode("latin-1"),
    }
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
        with pytest.raises(ArticleError, match=name):
            read_article(tmp_path / name)
    with pytest.raises(ArticleError, match="UTF-8"):
        read_article(tmp_path / "latin1.txt")
    with pytest.raises(ArticleError, match="directory"):
        read_article(tmp_path)
    with pytest.raises(ArticleError, match="cannot read"):
        read_article(tmp_path / "missing.txt")


def test_a_50_mb_article_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        line = b"Alibaba's capex reached RMB38.6 billion in the June quarter 2025.\n"
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    with pytest.raises(ArticleError, match="MB"):
        read_article(big)


def test_oversized_text_is_refused(store: FactStore) -> None:
    with pytest.raises(ArticleError):
        check_article(store, "x" * (MAX_BYTES + 1))


def test_html_is_stripped_safely_and_spans_index_the_raw_input(
    embedded_store: FactStore,
) -> None:
    raw = (
        "<html><head><title>Alibaba</title><script>alert('x')</script>"
        "<style>p{}</style></head><body><p>Alibaba&#39;s capex reached <b>RMB38.6</b> "
        "billion in the June quarter 2025 &amp; more.</p></body></html>"
    )
    report = check_article(embedded_store, raw, path="a.html", as_of=date(2025, 8, 29))
    (v,) = report.verdicts
    a, b = v.claim.span
    assert raw[a:b] == "RMB38.6</b> billion"
    assert v.claim.text == "RMB38.6 billion" and v.label is VerdictLabel.SUPPORTED
    assert "alert" not in report.display_text and "p{}" not in report.display_text
    page = render_html(report)
    assert "<script" not in page and "alert(" not in page


def test_html_report_escapes_article_text(store: FactStore) -> None:
    text = "Alibaba <img src=x onerror=alert(1)> grew revenue 26% in the June quarter 2025."
    page = render_html(check_article(store, text, path="x.txt", as_of=date(2025, 8, 29)))
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'class="claim unverifiable"' in page


# --- the data sets ------------------------------------------------------------------------------


def _labelled(folder: Path) -> list[tuple[str, str, date, list[dict[str, object]]]]:
    labels = folder / "labels.json"
    if not labels.is_file():
        pytest.skip(f"no labels at {labels}")
    out = []
    for entry in json.loads(labels.read_text(encoding="utf-8")):
        text = read_article(folder / entry["file"])
        out.append((entry["file"], text, date.fromisoformat(entry["published"]), entry["claims"]))
    return out


def _verdict_at(
    report: ArticleReport, text: str, snippet: str, value: object = None
) -> Verdict | None:
    """The verdict on the claim inside ``snippet``, the one nearest the labelled value when
    the snippet holds several ("959億元，按年增長26%"), as ``make bench`` matches them."""
    start = text.index(snippet)
    end = start + len(snippet)
    inside = [v for v in report.verdicts if v.claim.span[0] < end and start < v.claim.span[1]]
    if isinstance(value, int | float) and len(inside) > 1:
        target = Decimal(str(value))
        return min(inside, key=lambda v: abs((v.claim.value or Decimal("1e30")) - target))
    return inside[0] if inside else None


def test_own_articles_every_error_flagged_and_no_false_alarm(embedded_store: FactStore) -> None:
    for name, text, day, claims in _labelled(OWN):
        report = check_article(embedded_store, text, path=name, as_of=day)
        for label in claims:
            v = _verdict_at(report, text, str(label["snippet"]), label.get("value"))
            got = v.label if v else None
            if label["truth"] == "error":
                assert got is VerdictLabel.CONTRADICTED, (name, label["snippet"], got)
            else:
                assert got is not VerdictLabel.CONTRADICTED, (name, label["snippet"])


def test_dev_set_correct_claims_are_never_contradicted(embedded_store: FactStore) -> None:
    if not DEV.is_dir():
        pytest.skip(f"development set not found at {DEV}")
    for name, text, day, claims in _labelled(DEV):
        report = check_article(embedded_store, text, path=name, as_of=day)
        for label in claims:
            if label["truth"] == "correct":
                v = _verdict_at(report, text, str(label["snippet"]))
                assert v is None or v.label is not VerdictLabel.CONTRADICTED, (
                    name,
                    label["snippet"],
                    v.explanation if v else "",
                )


def test_dev_set_recall_and_support_do_not_fall_back(embedded_store: FactStore) -> None:
    # a ratchet at the figures `make bench` last reported (21 of 22 errors, 81 of 88
    # correct claims supported): a change that loses one must say why in this test
    if not DEV.is_dir():
        pytest.skip(f"development set not found at {DEV}")
    flagged = supported = 0
    for name, text, day, claims in _labelled(DEV):
        report = check_article(embedded_store, text, path=name, as_of=day)
        for label in claims:
            v = _verdict_near(report, text, str(label["snippet"]), label.get("value"))
            got = v.label if v else None
            flagged += label["truth"] == "error" and got is VerdictLabel.CONTRADICTED
            supported += label["truth"] == "correct" and got is VerdictLabel.SUPPORTED
    assert flagged >= 21 and supported >= 81, (flagged, supported)


def _verdict_near(report: ArticleReport, text: str, snippet: str, value: object) -> Verdict | None:
    """The verdict on the claim in ``snippet`` whose value is nearest the label's, as the
    benchmark scores it (a snippet may hold a growth and the level it reached)."""
    start = text.index(snippet)
    end = start + len(snippet)
    inside = [v for v in report.verdicts if v.claim.span[0] < end and start < v.claim.span[1]]
    if not inside or not isinstance(value, int | float):
        return inside[0] if inside else None
    target = Decimal(str(value))
    return min(inside, key=lambda v: abs((v.claim.value or Decimal("1e30")) - target))


def test_demo_article_reads_its_own_dateline(embedded_store: FactStore) -> None:
    path = OWN / "demo-alibaba-capex.txt"
    report = check_article(embedded_store, read_article(path), path=str(path))
    assert (report.as_of, report.as_of_source) == (date(2025, 8, 29), "dateline")
    assert "Planted errors" not in "".join(v.claim.text for v in report.verdicts)


# --- the command ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CliRunner]:
    db = tmp_path_factory.mktemp("cli") / "store.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CAPEXLENS_DB", str(db))
        yield CliRunner()


def test_cli_json_and_exit_codes(cli: CliRunner, tmp_path: Path) -> None:
    from capexlens.cli import app

    demo = str(OWN / "demo-alibaba-capex.txt")
    result = cli.invoke(app, ["check", demo, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["contradicted"] >= 4
    failing = cli.invoke(app, ["check", demo, "--fail-on", "contradicted", "-f", "json"])
    assert failing.exit_code == 1
    bad = cli.invoke(app, ["check", demo, "--format", "xml"])
    assert bad.exit_code == 2 and "xml" in bad.output


def test_cli_jsonl_html_and_bad_files(cli: CliRunner, tmp_path: Path) -> None:
    from capexlens.cli import app

    a, b = OWN / "msft-fy25-q4-wire.txt", OWN / "listicle-china-cloud.md"
    lines = cli.invoke(app, ["check", str(a), str(b), "--format", "jsonl"]).stdout.splitlines()
    assert [json.loads(x)["article"]["path"] for x in lines] == [str(a), str(b)]
    out = tmp_path / "report.html"
    done = cli.invoke(
        app, ["check", str(a), "-f", "html", "--out", str(out), "--as-of", "2025-07-30"]
    )
    assert done.exit_code == 0 and 'class="claim contradicted"' in out.read_text("utf-8")
    empty = tmp_path / "empty.md"
    empty.write_text("")
    failed = cli.invoke(app, ["check", str(empty), str(a), "-f", "jsonl"])
    assert failed.exit_code == 2 and len(failed.stdout.splitlines()) == 1
    date_error = cli.invoke(app, ["check", str(a), "--as-of", "30/07/2025"])
    assert date_error.exit_code == 2


# --- held-out round 3 -----------------------------------------------------------------------
# Verdicts a QA pass found wrong on real articles the checker had never seen, each restated
# in our own words; "!contradicted" means anything but a false alarm.
ROUND_3 = [
    ("2025-08-01", "Microsoft ended fiscal 2025 with quarterly revenue of $76.4 billion, an "
     "18% rise from a year before.", {"$76.4 billion": "supported", "18%": "supported"}),
    ("2025-08-01", "Microsoft's capex reached $24.2 billion for the quarter, and the finance "
     "chief guided to more than $30 billion in the current quarter.",
     {"$24.2 billion": "supported", "more than $30 billion": "supported"}),
    ("2025-07-31", "Azure and other cloud services passed $75 billion of revenue in fiscal "
     "2025. How the quarter compared with forecasts: earnings per share came in at $3.65.",
     {"$3.65": "!contradicted"}),
    ("2025-07-31", "Meta's Q2 2025 revenue was $47.5 billion, up 22% [1] - Costs and expenses "
     "were $27.1 billion, up 12% from $24.2 billion [1] - Net income was $18.3 billion, up 36% "
     "from $13.5 billion [1]", {"up 12%": "!contradicted", "$24.2 billion": "!contradicted",
                                "up 36%": "supported"}),
    ("2025-07-31", "For Q2 2025 Meta's cash flow from operating activities was $25.6 billion.",
     {"$25.6 billion": "supported"}),
    ("2025-09-10", "Oracle's GAAP EPS for Q1 was $1.01, down 2% in dollars and down 5% at "
     "constant currency.", {"down 5%": "unverifiable"}),
    ("2025-09-10", "Oracle put its non-GAAP operating income at $6.2 billion, up 9% in dollars "
     "and up 7% in constant currency.", {"up 7%": "unverifiable"}),
    ("2025-09-10", "Oracle reported short-term deferred revenue of $12.1 billion.",
     {"$12.1 billion": "unverifiable"}),
    # the CFO's RMB120 billion toward AI and cloud is a part of capex, not all of it
    ("2025-12-02", "In the four quarters to September 2025 Alibaba's capital expenditures "
     "topped 126 billion yuan.", {"126 billion yuan": "!contradicted"}),
    ("2025-12-02", "Tencent spent RMB36.6 billion and RMB27.5 billion on capex in the fourth "
     "quarter of last year and the first quarter of this year, respectively.",
     {"RMB36.6 billion": "supported", "RMB27.5 billion": "supported"}),
    ("2025-09-10", "Oracle sees OCI revenue rising to $18 billion this fiscal year, then to "
     "$32 billion, $73 billion, $114 billion and $144 billion in the next four years.",
     {"$18 billion": "supported", "$32 billion": "supported", "$73 billion": "supported",
      "$114 billion": "supported", "$144 billion": "supported"}),
    ("2025-09-10", "Oracle's cloud application (SaaS) revenue rose 11% to $3.8 billion.",
     {"rose 11%": "unverifiable", "$3.8 billion": "unverifiable"}),
    ("2025-08-21", "Baidu's AI Cloud & Non-Marketing line: RMB 10.0 billion, +34% YoY.",
     {"RMB 10.0 billion": "!contradicted", "+34% YoY": "!contradicted"}),
    ("2025-07-31", "Microsoft's capital expenditures and finance lease acquisitions came to "
     "$24.2 billion in its fourth quarter, a 27% rise from a year earlier.",
     {"$24.2 billion": "supported", "27% rise": "supported"}),
    ("2025-04-30", "Meta earned $6.43 a share in the March quarter, beating forecasts of "
     "$5.24 EPS and $41.48 billion in revenue.", {"$41.48 billion": "unverifiable"}),
    ("2025-10-31", "AWS revenue grew 17.5% in the second quarter. Its 20% revenue growth in "
     "the third quarter was faster.", {"20% revenue growth": "supported"}),
    ("2025-10-31", "Amazon's cloud revenues climbed 20% to $33 billion in Q3 2025.",
     {"$33 billion": "supported"}),
    ("2025-08-01", "Meta put 2025 capex at $66 billion to $72 billion, up $30 billion YoY.",
     {"$30 billion": "unverifiable"}),
    ("2025-12-02", "Tencent's capex fell from 36.6 billion yuan and 27.5 billion yuan in the "
     "fourth quarter of last year and the first quarter of this year.",
     {"36.6 billion yuan": "supported", "27.5 billion yuan": "supported"}),
    ("2025-10-31", "AWS sales reached $33 billion in Q3 2025. That more than doubled Google "
     "Cloud's $15 billion.", {"more than doubled": "unverifiable"}),
    ("2025-04-30", "Meta raised its 2025 capex plan to $64-72 billion. It trimmed its total "
     "expense outlook for 2025 to $113-118 billion.", {"$113-118 billion": "unverifiable"}),
    ("2025-10-30", "Google Cloud revenue was $15.2 billion, a 34% rise from the previous year, "
     "and its operating income surged 85% to $3.6 billion.", {"surged 85%": "supported"}),
    # a year to date: the sum of the stored quarters, over every source's version of each
    ("2025-10-31", "Amazon's capex was $34.2 billion in Q3, bringing total spend to $89.9 "
     "billion in 2025.", {"$89.9 billion": "supported"}),
    ("2025-10-31", "Amazon's capex was $34.2 billion in Q3, bringing total spend to $99.9 "
     "billion in 2025.", {"$99.9 billion": "contradicted"}),
]  # fmt: skip


# Round 4: the same, on 25 further unseen articles.
ROUND_3 += [
    # a period of another clause makes a future period for a figure: ambiguous, not wrong
    ("2025-03-19", "Tencent plans more buybacks in 2025; its cash dividend rises 32% to about "
     "41 billion Hong Kong dollars.", {"32%": "!contradicted", "41 billion": "!contradicted"}),
    # the subject guessed from context, and the figure another named company's
    ("2025-05-22", "Baidu grew revenue 3 percent, slower than Tencent, Alibaba and JD.com. The "
     "three others saw revenues climb 13 percent, 7 percent and 16 percent.",
     {"7 percent": "!contradicted"}),
    # a plan the store holds only from a later date cannot judge an earlier article
    ("2025-06-12", "Oracle guided FY26 cloud infrastructure growth of more than 70%.",
     {"70%": "unverifiable"}),
    # the growth or its base is wrong, the store bears out only the level: ambiguous
    ("2025-02-06", "Alphabet plans to lift its capital expenditure by 43 percent to $75 billion "
     "for 2025, up from $57.9 billion.", {"43 percent": "ambiguous"}),
    ("2025-03-19", "Tencent's fourth-quarter 2024 operating profit under non-International "
     "Financial Reporting Standards was 59.475 billion yuan, up 21% from a year earlier.",
     {"59.475 billion yuan": "supported", "up 21%": "supported"}),
    ("2025-03-19", "Tencent's Q4 2024 earnings per share under IFRS came to RMB 5.597.",
     {"RMB 5.597": "ambiguous"}),  # basic EPS; the store holds diluted
    ("2025-05-22", "In the first quarter Baidu Core's net profit rose 48 percent to CNY7.6 "
     "billion.", {"48 percent": "unverifiable", "CNY7.6 billion": "unverifiable"}),
    ("2025-05-22", "Baidu's first-quarter revenue of $4.47 billion beat the consensus estimate "
     "of $4.3 billion by 4.1%.", {"4.1%": "unverifiable"}),
    ("2025-05-22", "Baidu's first-quarter adjusted earnings per ADS were RMB18.54.",
     {"RMB18.54": "supported"}),
    ("2025-05-22", "In the first quarter Baidu's AI Cloud made up 26% of Baidu Core revenue.",
     {"26%": "unverifiable"}),
    ("2025-05-01", "Microsoft's revenue for the quarter was $70.1 billion, ahead of the $68.4 "
     "billion Wall Street had expected.", {"$68.4 billion": "unverifiable"}),
    ("2025-05-01", "Microsoft Cloud revenue, encompassing Azure, Office 365, and Dynamics 365, "
     "reached $42.4 billion.", {"$42.4 billion": "!contradicted"}),
    ("2025-05-01", "Azure grew 33% in Microsoft's fiscal third quarter, with 16 percentage "
     "points of it from AI services.", {"16 percentage points": "unverifiable"}),
    ("2025-04-25", "Alphabet's capex reached $17.2 billion during the quarter, with plans to "
     "invest $75 billion over the full year.", {"$17.2 billion": "!contradicted"}),
    ("2025-02-05", "Google Cloud revenue rose 30% year on year in the fourth quarter of 2024, "
     "a slowdown from the previous quarter.", {"30%": "supported"}),
    ("2025-10-30", "For 2025 Meta sees capital spending of $70B-$72B, up from its prior outlook "
     "of $66B-$72B, and total expenses of $116B-$118B, up from $114B-$118B.",
     {"$66B-$72B": "supported", "$114B-$118B": "unverifiable"}),
    ("2025-10-30", "Meta's third-quarter net income was $2.71B. Excluding the one-time tax "
     "charge, it would have been $18.64B, or $7.25 per share.", {"$7.25": "unverifiable"}),
    ("2025-06-12", "Oracle's annualized OCI revenue is nearing $12 billion.",
     {"$12 billion": "!contradicted"}),
    ("2025-06-12", "In Oracle's fiscal fourth quarter, cloud database services grew 31%.",
     {"31%": "unverifiable"}),
    ("2025-03-20", "For the full year, Tencent's revenue was RMB 660.3 billion (US$91.9 "
     "billion), up 8%.", {"US$91.9 billion": "supported"}),  # the year's average rate
    # "this quarter" in a results story is the quarter reported; with a forecast verb it is
    # the one under way
    ("2025-02-06", "Alphabet's operating margin rose to 32% this quarter.",
     {"32%": "supported"}),
    ("2025-08-01", "Microsoft forecasts capex of more than $30 billion this quarter.",
     {"$30 billion": "supported"}),
    ("2025-05-15", "Alibaba's customer management revenue at Taobao and Tmall Group grew 12% "
     "in the March quarter.", {"grew 12%": "supported"}),
    ("2025-05-01", "Microsoft Cloud revenue reached $42.4 billion — a 20% increase from the "
     "previous year.", {"20% increase": "!contradicted"}),  # the dash keeps the unit
    # labelled bullets run together under a heading that names the year
    ("2025-03-19", "Tencent beat forecasts for Q4 2024 and the full year.\nFY2024 key figures: "
     "- Revenue: RMB 660.3 billion, up 8% YoY - Net profit (IFRS): RMB 194.1 billion, up 68% "
     "YoY", {"up 68% YoY": "supported", "RMB 194.1 billion": "supported"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), ROUND_3)
def test_held_out_round_3_false_alarms_stay_fixed(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    report = check_article(embedded_store, text, as_of=date.fromisoformat(day))
    for snippet, label in want.items():
        got = [v for v in report.verdicts if snippet in v.claim.text or v.claim.text in snippet]
        assert got, f"no claim {snippet!r}"
        if label.startswith("!"):
            assert got[0].label.value != label[1:], (snippet, got[0].explanation)
        else:
            assert got[0].label.value == label, (snippet, got[0].explanation)


# --- Held-out round 5 -------------------------------------------------------------------------
# Each false alarm of the fifth unseen round, restated in our own words with the real figures.
ROUND_5 = [
    # the size of a beat printed beside the result, in prose or a pasted results table
    ("2025-10-30", "Alphabet's EPS came in at $2.87 ($0.60 beat), on revenue of $102.3 billion.",
     {"$2.87": "supported", "$0.60": "unverifiable", "$102.3 billion": "supported"}),
    ("2025-10-30", "Alphabet Q3 2025 scorecard\n| Metric | Actual | Beat/Miss |\n"
     "| EPS | $2.87 | Beat +$0.60 / +26% |\n| Revenue | $102.3B | Beat +$2.4B |",
     {"$2.87": "supported", "$0.60": "unverifiable", "+26%": "unverifiable",
      "$2.4B": "unverifiable"}),
    # a comparison base's quarter dates the base, not the figures around it
    ("2025-10-30", "Alphabet third quarter. Google Cloud revenue rose 34% to $15.16 billion, "
     "accelerating off Q2's +32%.", {"rose 34%": "supported", "$15.16 billion": "supported",
                                      "+32%": "supported"}),
    ("2025-07-24", "Google Cloud grew 32% in the second quarter, accelerating from +28%.",
     {"grew 32%": "supported", "+28%": "supported"}),  # the signed base is Q1's rate
    # each item of a list has its own name; the metric of the clause before is not theirs
    ("2025-07-24", "Alphabet Q2 2025: EPS rose to $2.31 — Search +12%, YouTube +13%, Cloud "
     "+32%; all picked up speed vs. Q1.", {"$2.31": "supported", "+12%": "unverifiable",
                                           "+13%": "unverifiable", "+32%": "unverifiable"}),
    # a share verb makes a share, and a bullet dash parts a list's items
    ("2025-10-30", "Alphabet Q3 2025 - Google Cloud made up 15% of revenue - Search "
     "contributed 55% - YouTube ads grew 15%", {"15%": "supported", "55%": "unverifiable",
                                                "grew 15%": "supported"}),
    ("2025-08-14", "Tencent's International game revenue rose 35% in the second quarter.",
     {"rose 35%": "supported"}),
    # a separately listed company the group holds a stake in is not the group
    ("2025-08-21", "Baidu Q2 2025: iQIYI revenue fell 11% year over year. Baidu's total "
     "revenue was RMB32.7 billion.", {"fell 11%": "unverifiable",
                                      "RMB32.7 billion": "supported"}),
    ("2025-07-31", "Microsoft crossed the $75 billion quarterly revenue mark for the first "
     "time in its fiscal fourth quarter.", {"$75 billion": "supported"}),
    ("2025-10-30", "Google Cloud revenue of $15.16 billion in Q3 2025 was up from $11.35 "
     "billion in the prior year quarter.", {"$11.35 billion": "supported"}),
    ("2025-10-30", "Alphabet Q3 2025 highlights: Revenue $102.35B (+16%); Operating cash flow "
     "TTM +12%; Capex $24B.", {"+16%": "supported", "+12%": "unverifiable",
                                "$24B": "supported"}),
    # a range said as what a finished year cost is held against what it cost
    ("2025-05-01", "Meta's 2025 outlook. In 2024, Meta's capital expenditures totalled $37-40 "
     "billion, and 2025 capex is guided to $64-72 billion.",
     {"$37-40 billion": "supported", "$64-72 billion": "supported"}),
    # a loss is never revenue: a unit's is its operating result, a company's is unsaid
    ("2025-10-30", "Meta's third-quarter revenue rose 26%, while Reality Labs had a loss of "
     "$4.43 billion.", {"rose 26%": "supported", "$4.43 billion": "supported"}),
    ("2025-10-30", "Meta's revenue came in at $51.24 billion, but the company recorded a loss "
     "of $15.93 billion on a tax charge.", {"$15.93 billion": "unverifiable"}),
    # one verb, two rates, each with its own period
    ("2025-07-31", "Azure revenue grew 34% for the full fiscal year and 39% in the June "
     "quarter.", {"grew 34%": "supported", "39%": "supported"}),
]  # fmt: skip


# --- Held-out round 6 -------------------------------------------------------------------------
ROUND_6 = [
    # estimates: a table's consensus or forecast column, "vs. Street", what analysts expect
    ("2025-10-30", "Microsoft fiscal Q1 2026 scorecard\nMetric | Consensus | Reported\n"
     "Revenue | +15% | +18%", {"+15%": "unverifiable", "+18%": "supported"}),
    ("2025-10-30", "Microsoft fiscal Q1 2026\nMetric | Forecast | Actual\nIntelligent Cloud | "
     "$30.2 B (+28%) est. | $30.9 B (+28%)", {"$30.2 B": "unverifiable", "$30.9 B": "supported"}),
    ("2025-10-30", "Microsoft fiscal Q1 2026: Azure growth 38% expected, 40% delivered.",
     {"38%": "unverifiable", "40%": "supported"}),
    ("2026-04-29", "Microsoft's fiscal Q3 2026 capex came in at $30.9B vs. Street $35.3B.",
     {"$30.9B": "supported", "$35.3B": "unverifiable"}),
    ("2026-04-29", "Microsoft's fiscal Q3 2026 EPS of $4.27 topped the Street's $4.04 (+5.7%).",
     {"$4.27": "supported", "$4.04": "unverifiable", "+5.7%": "unverifiable"}),
    ("2026-04-29", "Microsoft fiscal Q3 2026: Revenue $82.9B vs. $81.5B Street (+1.8%, +18% "
     "Y/Y).", {"$81.5B": "unverifiable", "+1.8%": "unverifiable", "+18% Y/Y": "supported"}),
    ("2026-02-05", "On average, analysts were expecting Alphabet's Q4 2025 revenue and earnings "
     "per share to come in at $111.4 billion and $2.63, respectively.",
     {"$111.4 billion": "unverifiable", "$2.63": "unverifiable"}),
    # "cc" is constant currency; a year is no year when decimals follow ("2041.55亿元")
    ("2026-04-29", "Alphabet's Q1 2026 revenue was $109.9B, up 22% (19% cc).",
     {"up 22%": "supported", "19%": "unverifiable"}),
    ("2025-12-04", "腾讯控股2025年第三季度财报要点：\n| 指标 | 2025年Q3 | 同比 |\n"
     "| 总收入 | 1928.69亿元 | +15% |", {"1928.69亿元": "supported", "+15%": "supported"}),
    # a growth is held against two levels only of its metric, basis and span
    ("2026-04-29", "In fiscal Q3 2026 Microsoft's Azure grew 39% in constant currency, and capex "
     "was $30.9B, down from $37.5B in Q2.", {"grew 39%": "!contradicted", "$30.9B": "supported"}),
    ("2026-04-29", "Microsoft's commercial RPO reached $627B in fiscal Q3 2026, up 99% Y/Y, vs. "
     "$625B at Q2.", {"up 99% Y/Y": "!contradicted"}),
    ("2026-03-11", "Oracle's fiscal Q3 2026 revenue rose to $17.2 billion from $14.1 billion, up "
     "18% in constant currency.", {"up 18%": "unverifiable", "$14.1 billion": "supported"}),
    # capex growth on the basis including finance leases, as its level is
    ("2025-10-30", "Microsoft's fiscal Q1 2026 capex was $34.9 billion, up 74% year over year.",
     {"$34.9 billion": "supported", "up 74%": "supported"}),
    # a change is no level, and sources differing on a reported figure are no revision
    ("2026-04-29", "Microsoft's fiscal Q3 2026 capex was $30.9B, a $6.6B sequential step-down.",
     {"$30.9B": "supported", "$6.6B": "unverifiable"}),
    # Hong Kong Chinese: traditional growth verbs, "上季" the quarter just reported, AIDC
    ("2025-11-26", "阿里巴巴上季收入2,477.95億元，按年增長5%；雲智能集團收入398.24億元。",
     {"2,477.95億元": "supported", "按年增長5%": "supported", "398.24億元": "supported"}),
    ("2025-11-26", "阿里巴巴截至2025年9月30日止季度，阿里國際數字商業(AIDC)收入347.99億元，"
     "按年增長10%。",
     {"347.99億元": "supported", "按年增長10%": "supported"}),
    # a quarter described, not dated; "since early 2023"; a period after "after"
    ("2026-04-29", "Microsoft reported fiscal Q3 2026 results. Operating income came to $38.4B "
     "(+20% Y/Y), the first quarter in the FY26 sequence in which every headline line beat.",
     {"$38.4B": "supported", "+20% Y/Y": "supported"}),
    ("2026-02-06", "Amazon Web Services booked $35.6 billion of sales in the holiday quarter, a "
     "24% year-over-year rise and its fastest since early 2023.",
     {"$35.6 billion": "supported", "24%": "supported"}),
    ("2026-04-29", "Microsoft reported its fiscal third quarter of 2026. Operating cash flow of "
     "$46.7B covered capex, restoring free cash flow after Q2's slump to $5.9B.",
     {"$46.7B": "!contradicted", "$5.9B": "supported"}),
    # another owner's line name is no unit of this company's; usage is not revenue
    ("2026-01-29", "Meta's advertising revenue reached $58.1 billion in the fourth quarter of "
     "2025.", {"$58.1 billion": "unverifiable"}),
    ("2025-08-14", "Tencent's advertising revenue rose 20% to RMB35.8 billion in the second "
     "quarter.", {"rose 20%": "supported", "RMB35.8 billion": "supported"}),
    ("2026-03-11", "Oracle's services revenue rose 12% to $1.44 billion in fiscal Q3 2026.",
     {"rose 12%": "unverifiable", "$1.44 billion": "unverifiable"}),
    ("2025-09-10", "Oracle said consumption of OCI services rose 57% in fiscal Q1 2026.",
     {"rose 57%": "unverifiable"}),
    # a causal tail's period is the cause's
    ("2026-01-29", "Meta's Q4 2025 operating income grew 5.9% year on year to $24.75 billion, "
     "helped by cost cuts made over the past year.", {"$24.75 billion": "supported"}),
    # a translation is of what its amount is; basic EPS is not the diluted figure held
    ("2025-11-14", "Profits kept climbing at Tencent in Q3 2025. Gross profit grew 22% YoY to "
     "RMB 108.8 billion (USD 15.2 billion), and non-IFRS operating profit grew 18% to RMB 72.6 "
     "billion (USD 10.2 billion).", {"RMB 108.8 billion": "unverifiable",
                                     "USD 15.2 billion": "!contradicted",
                                     "RMB 72.6 billion": "supported"}),
    ("2026-03-11", "Oracle's basic EPS rose to $1.29 from $1.05 in fiscal Q3 2026, while diluted "
     "EPS increased to $1.27 from $1.02.", {"$1.29": "unverifiable", "$1.05": "unverifiable",
                                            "$1.27": "supported", "$1.02": "supported"}),
    # a forecast for a year under way; the size of a deal
    ("2026-02-05", "Alphabet expects its capital spending to nearly double in 2026.",
     {"nearly double": "unverifiable"}),
    ("2025-11-05", "Microsoft's commercial RPO was $392 billion at the end of fiscal Q1 2026, "
     "before the $250B OpenAI commit landed.", {"$392 billion": "supported",
                                                "$250B": "unverifiable"}),
    # a comparison sentence's period is the base's, not the paragraph's
    ("2026-02-05", "Google Cloud sales climbed 48% in Q4 2025. That compares with 34% growth in "
     "Q3. Google Cloud's operating income also rose to $5.3 billion, more than double the $2.1 "
     "billion of the year-ago quarter.", {"$5.3 billion": "supported",
                                          "more than double": "supported",
                                          "$2.1 billion": "supported"}),
    # a table's full-year columns
    ("2026-02-05", "Alphabet 2025 results\nMetric | Q4 2025 | Full Year 2025 | YoY Change (FY)\n"
     "Revenue | $113.8B | $402.8B | +15%", {"$113.8B": "supported", "$402.8B": "supported",
                                            "+15%": "supported"}),
    # after a sentence about one unit, a unit-like figure of no named owner may be the unit's
    ("2025-10-31", "Amazon Q3 2025 segments. North America: net sales grew 11% to $106.3 "
     "billion. Operating income was $4.8 billion.", {"$106.3 billion": "supported",
                                                     "$4.8 billion": "ambiguous"}),
    ("2025-11-26", "阿里巴巴昨交出季績。集團上季非公認會計準則淨利潤103.52億元，按年下降72%。",
     {"103.52億元": "supported", "按年下降72%": "supported"}),  # non-GAAP, traditional script
    ("2026-02-05", "Analysts, on average, were expecting Alphabet's revenue and earnings per share "
     "of $111.4 billion and $2.63, respectively.", {"$111.4 billion": "unverifiable",
                                                    "$2.63": "unverifiable"}),
    ("2025-09-10", "Oracle reported fiscal Q1 2026 results. Cloud applications (SaaS) grew 11% to "
     "$3.8 billion.", {"grew 11%": "unverifiable", "$3.8 billion": "unverifiable"}),
    # "est." past the estimate's own bracket; the bracket's rate is the estimate's too
    ("2025-10-30", "Microsoft fiscal Q1 2026. Intelligent Cloud: $30.2 B (+28%) est. against "
     "$30.9 B reported.", {"$30.2 B": "unverifiable", "+28%": "unverifiable",
                           "$30.9 B": "supported"}),
    ("2025-09-10", "Oracle reported fiscal Q1 2026 results. Cloud applications (SaaS) grew 11% to "
     "$3.8 billion, while overall cloud revenues reached $7.2 billion.",
     {"grew 11%": "unverifiable", "$7.2 billion": "supported"}),  # a unit named after it
    # a gloss past a dash keeps its own time; "a $625B base" is a base
    ("2026-04-29", "Microsoft fiscal Q3 2026.\n• Commercial RPO $627B (+99% Y/Y) vs. $625B at "
     "Q2 — a $2B sequential add on a $625B base after the $250B OpenAI commit landed in Q1.",
     {"$627B": "!contradicted", "+99% Y/Y": "!contradicted", "a $625B base": "!contradicted"}),
    # a Markdown table whose rows a page copy ran onto one line: each row is its own again
    ("2025-10-30", "Alphabet Q3 2025 snapshot | Metric | Q3 2025 | Q3 2024 | |---|---|---| | "
     "Revenue | $102.3B | $88.3B | | Net income | $35.0B | $26.3B | | Capex | $24.0B | $13.1B |",
     {"$102.3B": "supported", "$88.3B": "supported", "$35.0B": "supported", "$26.3B": "supported",
      "$24.0B": "supported", "$13.1B": "supported"}),
]  # fmt: skip


# --- Held-out round 7 -------------------------------------------------------------------------
# Each false alarm and wrong support of the seventh unseen round, restated in our own words
# with the real figures.
ROUND_7 = [
    # upper-case "CC" is constant currency too; a second bracketed rate keeps to its line
    ("2026-01-28", "Microsoft fiscal 2026 second quarter in brief. Revenue: $81.3B (+17% YoY; "
     "+15% CC). Microsoft Cloud revenue: $51.5B (+26% YoY; +24% CC).",
     {"+17% YoY": "supported", "+15%": "unverifiable", "+24%": "!contradicted"}),
    # a growth in brackets after a level that matches only the non-GAAP figure
    ("2026-01-28", "Microsoft fiscal 2026 second quarter in brief. EPS: $4.14 (+24% YoY).",
     {"$4.14": "ambiguous", "+24% YoY": "ambiguous"}),
    # "the Q2 bear case" names an opinion, not the period of the paragraph's figures
    ("2026-04-29", "Microsoft fiscal Q3 2026 flash note.\n  • Capex $30.9B. Lower by $6.6B "
     "sequentially from Q2's $37.5B. That undercuts the Q2 bear case that spending would crush "
     "free cash flow. Operating cash flow of $46.7B comfortably covered the spend.",
     {"$30.9B": "supported", "$46.7B": "!contradicted"}),
    # what was anticipated is an estimate
    ("2025-07-24", "Alphabet reported second-quarter 2025 results. Google Cloud sales jumped "
     "nearly 32 percent, far above the anticipated 26.5 percent rise.",
     {"32 percent": "supported", "26.5 percent": "unverifiable"}),
    # "its first-ever $100 billion quarter" is a threshold passed
    ("2025-10-31", "Alphabet Q3 2025. The company posted its first-ever $100 billion quarter "
     "with revenue reaching $102.3 billion (up 16% Y/Y).",
     {"$100 billion": "supported", "$102.3 billion": "supported"}),
    # the segment a line is reported within does not replace the line
    ("2025-10-31", "Microsoft fiscal Q1 2026. Azure and other cloud services revenue within "
     "the Intelligent Cloud segment grew 40 percent.", {"grew 40 percent": "supported"}),
    # a company named only as a yardstick is not the next sentence's subject; a bare low
    # end shares the range's scale and currency
    ("2024-10-31", "Meta Platforms third quarter 2024 results. Investors were nervous about ad "
     "revenue because it had been weaker at Google. Full-year capital expenditures are going "
     "to be 38 to 40 billion dollars, the company said.",
     {"38 to 40 billion dollars": "supported"}),
    # free cash flow over the trailing twelve months, below zero, "despite" another line
    ("2025-09-12", "Oracle Q1 FY2026 results. Free cash flow over the trailing twelve months "
     "was negative $5.9 billion, despite strong operating cash flow and heavy investment.",
     {"$5.9 billion": "unverifiable"}),
    # Hong Kong verbs of growth
    ("2025-11-26", "阿里巴巴季績符預期。集團收入錄2,477.95億元，大升5%；雲智能集團收入大升34%。",
     {"2,477.95億元": "supported", "大升5%": "supported", "大升34%": "supported"}),
    # losses are results below zero; a currency code after a range; "ops"
    ("2025-11-05", "Meta third quarter 2025. Reality Labs posted operating losses of $4.4 "
     "billion.", {"$4.4 billion": "supported"}),
    ("2026-02-05", "Alphabet guided 2026 capital expenditures of 175 billion to 185 billion USD.",
     {"175 billion to 185 billion USD": "supported"}),
    ("2026-01-28", "Microsoft fiscal 2026 second quarter in brief. Cash flow from ops: $35.8B.",
     {"$35.8B": "supported"}),
    # a growth restating the level of the sentence before; buybacks named after the figure
    ("2025-10-31", "Alphabet Q3 2025. Revenue reached $102.3 billion. This represents 16% "
     "year-over-year (Y/Y) growth.", {"16% year-over-year": "supported"}),
    ("2025-11-05", "Meta Q3 2025. The company returned $3.2 billion to shareholders through stock "
     "buybacks and paid $1.3 billion in dividends.",
     {"$3.2 billion": "supported", "$1.3 billion": "supported"}),
    # "按季" is quarter on quarter
    ("2025-11-26", "阿里雲智能集團收入大升34%，至398.24億元，按季計亦增19.2%。",
     {"大升34%": "supported", "增19.2%": "supported"}),
]  # fmt: skip


def test_a_multiple_of_a_base_is_checked_against_the_plan_it_leads_to(
    embedded_store: FactStore,
) -> None:
    # $125 billion is about 1.5 times $83 billion: "more than doubling" fails on the text's
    # own figures, not on how 2024 compared with 2023
    text = (
        "Amazon now projects about $125 billion of capital spending for 2025, more than "
        "doubling 2024's $83 billion."
    )
    report = check_article(embedded_store, text, as_of=date(2025, 11, 1))
    (v,) = [v for v in report.verdicts if v.claim.text == "more than doubling"]
    assert v.label is VerdictLabel.CONTRADICTED and Reason.ARITHMETIC in v.reasons
    assert "50.6%" in v.explanation


# --- Held-out round 8 -------------------------------------------------------------------------
ROUND_8 = [
    # "by $10 billion to $95 billion" is a step and a level, not a range holding any plan
    ("2025-07-24", "Alphabet lifted its 2025 capital spending forecast by $10 billion to $95 "
     "billion.", {"$95 billion": "contradicted"}),
    # a derived sum of figures printed to the million is exact to millions, not to 1%
    ("2026-01-29", "Meta's capital expenditure for full-year 2025 came to $71.4B.",
     {"$71.4B": "contradicted"}),
    # a cash burn is no positive figure, and "in the quarter" is the quarter reported
    ("2025-12-11", "Oracle's free cash flow was a negative $10 billion in the quarter.",
     {"$10 billion": "!supported"}),
    # "from Q2" of a Q3 figure is sequential; "and up" ends the base before it
    ("2025-10-31", "Amazon capex was $36.07 billion in Q3 2025, up 7% from Q2 and up 83% from "
     "last year.", {"up 83%": "contradicted"}),
    # inline pinyin readings inside the words
    ("2025-02-21", "阿里巴巴第三財(cái)季收入2801.54億元,同比增長(zhǎng)8%;"
     "經(jīng)營(yíng)利潤(rùn)為412.05億元。",
     {"2801.54億元": "supported", "同比增長8%": "supported", "412.05億元": "supported"}),
    # a basis said at the end of the sentence
    ("2025-10-31", "Amazon capex was $36.07 billion in Q3 2025 (including finance leases).",
     {"$36.07 billion": "unverifiable"}),
    # what the sell side forecast is an estimate
    ("2026-01-29", "Before the report, several sell-side forecasts had Meta's 2026 capex at "
     "$110B–$120B.", {"$110B–$120B": "unverifiable"}),
    # a quarter named without its year, and the year said after its first figure
    ("2025-12-11", "Oracle posted fiscal second-quarter revenues of $16.1 billion for 2026, with "
     "cloud infrastructure revenues rising 68% to $4.1 billion.",
     {"$16.1 billion": "supported", "rising 68%": "supported", "$4.1 billion": "supported"}),
    # an appositive says what a name means; its words name no figure
    ("2025-06-12", "Oracle had a strong Q4 2025. Remaining performance obligations, a key "
     "indicator of contracted future revenue, climbed to $138B, up 41% YoY.",
     {"$138B": "supported", "up 41% YoY": "supported"}),
    # a unit's own capex, which the store holds for the company only
    ("2025-10-31", "Amazon: AWS capex was $28.3 billion in Q3 2025, up 76% from Q2 and up 97% "
     "from last year.", {"$28.3 billion": "unverifiable", "up 76%": "unverifiable",
                         "up 97%": "unverifiable"}),
    # a plan with no period of its own is for the year under way
    ("2026-02-09", "Alphabet posted strong Google Cloud growth in Q4FY25. The company plans to "
     "nearly double its capex to between $175 billion and $185 billion.",
     {"nearly double": "!supported", "$175 billion and $185 billion": "supported"}),
    # "凈" and "歸屬于" are printed forms too; per-ADS earnings are the store's, per share not
    ("2025-02-21", "阿里巴巴2025財年第三財季歸屬于普通股股東的凈利潤為489.45億元；"
     "凈利潤為464.34億元，同比增長333%。", {"489.45億元": "supported", "464.34億元": "supported",
                      "同比增長333%": "supported"}),
    ("2025-02-21", "阿里巴巴第三財季攤薄每股美國存托股收益為20.39元及"
     "攤薄每股收益為2.55元。",
     {"20.39元": "supported", "2.55元": "unverifiable"}),
    ("2025-02-21", "阿里巴巴第三財季淘天集團總營收為1360.9億元，同比增長5%；"
     "客戶管理收入同比增長9%至1007.90億元。", {"1360.9億元": "supported", "同比增長5%": "supported",
                      "1007.90億元": "supported"}),
    # "earnings of $3.46 per share" is EPS; "That's a 16% jump" restates the level before it
    ("2025-05-01", "Microsoft fiscal third quarter 2025. It posted earnings of $3.46 per share.",
     {"$3.46": "supported"}),
    ("2025-10-30", "Alphabet revenue reached $102.3 billion in the third quarter. That's a 16% "
     "jump from last year's third quarter.", {"16% jump": "supported"}),
    # an amount over the trailing twelve months is checked against the store's trailing ones
    ("2025-10-31", "Amazon free cash flow for the trailing twelve months was $14.8 billion, and "
     "operating cash flow rose to $130.7 billion over the same period.",
     {"$14.8 billion": "supported", "$130.7 billion": "supported"}),
    ("2025-10-31", "Amazon operating cash flow TTM +16%.", {"+16%": "unverifiable"}),
    # a broker note flattened onto one line: " - " bullets end clauses; line names in words
    ("2025-11-14", "Tencent Q3 2025 note. Advertising and Enterprise Services - Financial "
     "technology and enterprise services revenue was 58.2 billion yuan, up 9.6% year-on-year "
     "- Capital expenditure for Q3 2025 was 13 billion yuan, down 24% year-on-year - Domestic "
     "gaming revenue was 42.8 billion yuan.", {"58.2 billion yuan": "supported",
                                               "13 billion yuan": "supported",
                                               "42.8 billion yuan": "supported"}),
    # customers given as examples do not become the subject
    ("2025-12-11", "Oracle reported fiscal second-quarter revenues of $16.1 billion for 2026. "
     "Backlog reached $523 billion, helped by $68 billion of new commitments from clients such "
     "as Meta and NVIDIA. However, capital spending in fiscal 2025 was $21.2 billion.",
     {"$21.2 billion": "supported"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), ROUND_8)
def test_held_out_round_8_false_alarms_stay_fixed(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


def test_spans_of_text_read_without_its_pinyin_point_into_the_input(
    embedded_store: FactStore,
) -> None:
    text = "阿里巴巴第三財(cái)季收入2801.54億元,同比增長(zhǎng)8%;經(jīng)營(yíng)利潤(rùn)為412.05億元。"  # noqa: E501
    report = check_article(embedded_store, text, as_of=date(2025, 2, 21))
    spans = [text[slice(*v.claim.span)] for v in report.verdicts]
    assert spans == ["2801.54億元", "同比增長(zhǎng)8%", "412.05億元"]


GLUED = (
    "Alphabet third quarter 2025 at a glance\n\n"
    "MetricQ3 2025Q3 2024YoY Change\n"
    "Revenue$102.3 Billion$88.3 Billion+16%\n"
    "Net Income$35.0 Billion$26.3 Billion+33%\n"
    "Operating Margin30.5%32.3%-1.8 pts (FY)\n"
)


def test_a_table_copied_without_its_cell_borders_is_read_by_column(
    embedded_store: FactStore,
) -> None:
    report = check_article(embedded_store, GLUED, as_of=date(2025, 10, 31))
    got = {GLUED[slice(*v.claim.span)]: (v.label.value, v.claim.period) for v in report.verdicts}
    for cell in ("$102.3 Billion", "$88.3 Billion", "+16%", "$35.0 Billion", "$26.3 Billion"):
        assert got[cell][0] == "supported", cell  # spans point into the text as given
    assert got["$88.3 Billion"][1] is not None and got["$88.3 Billion"][1].label == "FY2024 Q3"


def test_a_cell_that_names_its_own_quarter_overrides_its_column(
    embedded_store: FactStore,
) -> None:
    text = (
        "Alphabet's results\n\n"
        "| Metric | Q4 2025 | Full Year 2025 | YoY Change (FY) |\n"
        "| Net Income | $34.5 Billion | $132.2 Billion | +30% (Q4) |\n"
    )
    report = check_article(embedded_store, text, as_of=date(2026, 2, 5))
    (v,) = [v for v in report.verdicts if v.claim.text.startswith("+30%")]
    assert v.label.value == "supported" and v.claim.period is not None
    assert v.claim.period.label == "FY2025 Q4"


def test_a_forecast_quarter_named_without_its_year_is_the_coming_one(
    embedded_store: FactStore,
) -> None:
    text = "Meta forecast third-quarter revenue of $47.5 billion to $50.5 billion."
    (v,) = check_article(embedded_store, text, as_of=date(2025, 7, 31)).verdicts
    assert v.label.value == "unverifiable"
    assert v.claim.period is not None and v.claim.period.label == "FY2025 Q3"


def test_a_basis_said_of_the_comparison_base_is_not_the_figures(
    embedded_store: FactStore,
) -> None:
    text = "Oracle fiscal Q4 2024. GAAP operating margin was 33%, down from non-GAAP margin of 47%."
    report = check_article(embedded_store, text, as_of=date(2024, 6, 11))
    metrics = {v.claim.text: v.claim.metric for v in report.verdicts}
    assert metrics["33%"] == "operating_margin"


def test_a_growth_from_the_quarter_before_is_sequential(embedded_store: FactStore) -> None:
    text = "Amazon capex was $36.07 billion in Q3 2025, up 7% from Q2 and up 83% from last year."
    report = check_article(embedded_store, text, as_of=date(2025, 10, 31))
    metrics = {v.claim.text: v.claim.metric for v in report.verdicts}
    assert metrics["up 7%"] == "capex_growth_qoq"
    assert metrics["up 83%"] == "capex_growth_yoy"
    period = {v.claim.text: v.claim.period for v in report.verdicts}["up 83%"]
    assert period is not None and period.label == "FY2025 Q3"


# --- Held-out round 9 -------------------------------------------------------------------------
ROUND_9 = [
    # a point outside a plan's range is no match for it; "previous midpoint guidance"
    ("2025-10-31", "Meta now expects 2025 capital expenditures of $69 billion.",
     {"$69 billion": "!supported"}),
    ("2025-10-31", "Meta guided 2025 capital spending to $70 billion to $72 billion, above the "
     "previous midpoint guidance of $69 billion.", {"$69 billion": "supported"}),
    # "nearly double that of last year": the year compared with, not the growth's
    ("2026-01-29", "Meta expects capital expenditures of up to $80 billion in 2026, nearly double "
     "that of last year.", {"nearly double": "!supported"}),
    # 同比 leads its own figure, 环比 the next; "超" (over) before a figure
    ("2025-11-14", "腾讯第三季度资本开支129.8亿元,同比下降24%,环比下降超32%。",
     {"同比下降24%": "supported", "环比下降超32%": "supported"}),
    # a round figure's zeros need not be digits; a spaced "Non - IFRS" is non-IFRS
    ("2025-11-14", "腾讯2024年营收6600亿人民币。", {"6600亿人民币": "supported"}),
    ("2025-11-14", "腾讯2025年第三季度Non - IFRS经营利润为726亿元,同比增长18%。",
     {"726亿元": "supported", "同比增长18%": "supported"}),
    # "overall revenue" is the company's, after a unit's figure
    ("2025-08-20", "Baidu Q2 2025. Baidu Core's online marketing revenue declined 15% year over "
     "year, contributing to a 4% overall revenue drop.", {"4% overall revenue drop": "supported"}),
    # a plan's range "in the first quarter" is the coming one
    ("2025-02-05", "Alphabet expects capital expenditures to reach $75 billion this year, with "
     "approximately $16 billion to $18 billion in the first quarter.",
     {"$16 billion to $18 billion": "supported"}),
    # a guidance sentence's quarter does not date the results after it
    ("2025-10-31", "Amazon expects fourth-quarter revenue of $206 billion to $213 billion. Amazon "
     "Web Services revenue increased 20% to $33 billion, contributing to overall company "
     "revenue growth of 13% to $180.2 billion.",
     {"increased 20%": "supported", "$33 billion": "supported", "growth of 13%": "supported",
      "$180.2 billion": "supported"}),
    # points of a rate; a cash pile
    ("2026-04-30", "Amazon reported first-quarter results.\n- AWS revenue hit $37.6B, up 28% YoY "
     "— accelerating more than 4 percentage points from the prior quarter",
     {"4 percentage points": "unverifiable"}),
    ("2026-01-29", "While Meta's cash pile remains formidable at over $81 billion, investors are "
     "weighing the impressive top-line growth.", {"over $81 billion": "unverifiable"}),
    # an estimate's period is not lent to the reported figure before it
    ("2026-01-29", "Meta announced its earnings report.\nFourth Quarter Key Financial Data:\n"
     "Operating Profit: $24.745 billion, expected to be $23.365 billion in 2024",
     {"$24.745 billion": "supported"}),
    # a share of the market the article is about
    ("2024-08-06", "The global cloud market grew again.\n\nIn Q2 2024, it is AWS with a "
     "noticeable lead, with 32% market share.", {"32%": "supported"}),
    # a base's "last year" is the year before its level, not the year before the article
    ("2025-07-24", "Alphabet Q2 2025. Revenue rose to $96.4 billion, up from $84.7 billion last "
     "year.", {"$84.7 billion": "supported"}),
    ("2025-10-31", "Alphabet Q3 2025. Operating margin: 30.5%, down from 32.3% last year.",
     {"32.3%": "supported"}),
    ("2026-02-05", "Alphabet capex reached $91.4 billion in 2025, up from $52.5 billion last year.",
     {"$52.5 billion": "supported"}),
    ("2026-02-05", "Alphabet capex reached $91.4 billion in 2025, up from $62.5 billion last year.",
     {"$62.5 billion": "contradicted"}),
    ("2025-05-02", "Alphabet plans to spend about $75 billion this year on capex, up from $50 "
     "billion last year.", {"$50 billion": "contradicted"}),  # $52.5 billion was spent
    # "| - |" is an empty table cell, not a dash
    ("2025-10-31", "Alphabet\n| Metric | Q2 2024 | Q2 2025 |\n|---|---|---|\n"
     "| Google Cloud YoY % | - | +31.7% |", {"+31.7%": "supported"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), ROUND_9)
def test_held_out_round_9_false_alarms_stay_fixed(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


# --- Held-out round 10 ------------------------------------------------------------------------
ROUND_10 = [
    # "called for" and "implied" are forecasts; a coming quarter named without its year
    ("2025-07-30", "Microsoft's CFO called for $74.7 billion to $75.8 billion in fiscal "
     "first-quarter revenue, and an implied operating margin of 46.6%.",
     {"$74.7 billion to $75.8 billion": "unverifiable", "46.6%": "unverifiable"}),
    ("2026-01-28", "The midpoint of Meta's capital expenditure guidance implies 73% "
     "year-over-year growth.", {"73%": "unverifiable"}),
    # a plan "for the year" in January is for the year under way
    ("2026-01-29", "Meta said 2026 would bring more spending. It expects capital expenditures for "
     "the year to be between $115 billion and $135 billion.",
     {"$115 billion and $135 billion": "supported"}),
    # "a $35 billion quarter" is the quarter reported, whatever year a later clause names
    ("2025-10-31", "Microsoft logged a record near-$35 billion quarter of capital spending as "
     "outlays accelerate next fiscal year.", {"$35 billion": "supported"}),
    # a cue past another figure after the claim is that figure's
    ("2026-04-30", "Alphabet first quarter 2026. Google Cloud surged 63 percent to $20.03 billion "
     "and delivered $6.6 billion in operating income.",
     {"63 percent": "supported", "$20.03 billion": "supported", "$6.6 billion": "supported"}),
    # "domestic revenue" of a gaming sentence names no line the store holds as such
    ("2025-08-13", "Tencent second quarter 2025. Gaming remained a key driver, with domestic "
     "revenue rising 17% to 40.4 billion yuan.", {"rising 17%": "!contradicted"}),
    # profit for the period within 2% of the attributable profit held
    ("2025-08-14", "Tencent second quarter 2025. On an IFRS basis, net profit came in at RMB "
     "56.0B.", {"RMB 56.0B": "ambiguous"}),
    # "nearly double" is 1.75 to 2 times
    ("2026-01-29", "Meta plans to spend $115 billion on capex in 2026, nearly double the $72.2 "
     "billion it spent in 2025.", {"nearly double": "contradicted"}),
    # a basis said in words, against a company whose headline capex is on that basis
    ("2025-07-31", "Meta capital expenditures, including principal payments on finance leases, "
     "were $17.01 billion in the second quarter.", {"$17.01 billion": "supported"}),
    # a round-up: a list shares its trailing words; "the second quarter" of several companies
    # may be the calendar quarter; another company's quarter is not a plan's
    ("2025-08-01", "Microsoft spent $24.2 billion, Alphabet $22.4 billion, Amazon $31.4 billion "
     "and Meta $17.0 billion on capital expenditures in the second quarter.",
     {"$24.2 billion": "supported", "$22.4 billion": "supported", "$31.4 billion": "supported",
      "$17.0 billion": "supported"}),
    ("2025-08-01", "Alphabet raised its capex plan to $85 billion, while Microsoft guided to more "
     "than $30 billion for the September quarter.",
     {"$85 billion": "supported", "more than $30 billion": "supported"}),
    # Oracle's infrastructure under its service name
    ("2025-09-11", "Oracle reported a 55% expansion in its Infrastructure-as-a-Service segment, "
     "beating forecasts.", {"55% expansion": "supported"}),
    # "(Non - IFRS)" in brackets with spaces
    ("2025-05-22", "腾讯一季度经营利润(Non - IFRS)693.2亿元,同比增长18%。",
     {"693.2亿元": "supported", "同比增长18%": "supported"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), ROUND_10)
def test_held_out_round_10_false_alarms_stay_fixed(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


# --- Held-out round 11 ------------------------------------------------------------------------
ROUND_11 = [
    # a growth derived from coarsely printed levels bears out only what is near its value
    ("2025-05-01", "Microsoft's capital expenditures rose to $16.75 billion in its fiscal third "
     "quarter of 2025, a 45% YoY increase.", {"45%": "contradicted"}),
    # a forecast sentence after a forecast sentence keeps its quarter; "is anticipated"
    ("2024-08-02", "For the third quarter of 2024, Amazon's net sales are projected to range "
     "between US$154.0 billion and US$158.5 billion. Operating income is anticipated to be "
     "between US$11.5 billion and US$15.0 billion, compared to US$11.2 billion in the same "
     "period last year.", {"US$11.5 billion and US$15.0 billion": "unverifiable",
                           "US$11.2 billion": "supported"}),
    # "上一季度" is a base lent to no other figure, and "一季度" inside it names no quarter
    ("2025-11-26", "阿里巴巴公司2026财年第二季度总收入为2477.95亿元,同比增长5% [2] - "
     "经调整EBITA盈利1.62亿元,上一季度为亏损5900万元 [4] - "
     "阿里云季度收入同比增长34%至398.24亿元 [6]",
     {"同比增长34%": "supported", "398.24亿元": "supported"}),
    # a definition that adds finance leases; a like-for-like Chinese rate; "than in 2024"
    ("2024-08-02", "Amazon's capital investments, defined as capex plus equipment finance leases, "
     "totaled US$30.5 billion in the first half.", {"US$30.5 billion": "unverifiable"}),
    ("2025-11-26", "阿里巴巴2026财年第二季度总收入为2477.95亿元,同比增长5%。"
     "若不考虑已处置业务(高鑫零售和银泰)的收入,收入同比增长15%。",
     {"同比增长15%": "unverifiable"}),
    # the like-for-like words of one bullet are not the next bullet's, on one flattened line
    ("2025-11-26", "财务表现 - 阿里巴巴2026财年第二季度总收入为2477.95亿元,同比增长5% [2] - "
     "若不考虑已处置业务(高鑫零售和银泰)的收入,收入同比增长15% [2] - "
     "季度经营利润为53.65亿元,同比下降85% [2]",
     {"同比增长15%": "unverifiable", "53.65亿元": "supported", "同比下降85%": "supported"}),
    # a rate whose period was carried over from the bullet before, and which is the reported
    # quarter's, is of unsure period, not a slip
    ("2024-06-12", "Oracle's fiscal 2024 fourth quarter:\n- Fiscal year 2024 total revenues "
     "rose 6% to $53.0 billion.\n- GAAP operating margin was 33%.",
     {"33%": "ambiguous"}),
    # a level borne out by gross purchases of equipment; the store's rate is of net capex
    ("2024-11-01", "In the third quarter of 2024 Amazon's capital expenditure on property and "
     "equipment came to $22.6 billion, an 81% rise from the previous year.",
     {"$22.6 billion": "supported", "81%": "ambiguous"}),
    # Meta's headline capex includes finance-lease principal: a little below it may be
    # purchases of equipment alone; well below it is wrong
    ("2024-11-01", "Meta's capital spending in the third quarter of 2024 came to $8.3 billion.",
     {"$8.3 billion": "ambiguous"}),
    ("2024-11-01", "Meta's capital spending in the third quarter of 2024 came to $7.6 billion.",
     {"$7.6 billion": "contradicted"}),
    # Tencent's own dollar translation of its revenue, at its convenience rate
    ("2025-03-20", "For 2024 Tencent reported revenue of $91.9 billion.",
     {"$91.9 billion": "supported"}),
    ("2025-03-20", "For 2024 Tencent reported revenue of $97.4 billion.",
     {"$97.4 billion": "contradicted"}),
    # a sentence about the forecast just given keeps the forecast's quarter going
    ("2024-11-01", "For the fourth quarter of 2024, Amazon expects net sales between $181.5 "
     "billion and $188.5 billion. This guidance assumes roughly 40 basis points of unfavorable "
     "currency impact. Operating income is expected to be between $16.0 billion and $20.0 "
     "billion, compared with $13.2 billion in the same period last year.",
     {"$13.2 billion": "supported"}),
    ("2025-02-07", "Alphabet will increase investments in AI to $75 billion, which is 42% more "
     "than in 2024.", {"$75 billion": "!contradicted"}),
    # Baidu's core is its unit; a dividend per share; a multiple's own base
    ("2024-08-23", "In Q2 2024 Baidu's core revenue was 26.687 billion yuan, and the net profit "
     "attributable to Baidu's core was 5.462 billion yuan.",
     {"26.687 billion yuan": "!contradicted", "5.462 billion yuan": "!contradicted"}),
    ("2024-08-23", "In Q2 2024 Baidu achieved a revenue of 33.931 billion yuan. The net profit "
     "attributable to Baidu's core was 5.462 billion yuan, a year-on-year increase of 9%.",
     {"5.462 billion yuan": "unverifiable", "increase of 9%": "unverifiable"}),
    ("2025-03-20", "With its 2024 results, Tencent proposed to increase its annual dividend by "
     "32%, to HKD4.50 per share.", {"32%": "unverifiable"}),
    ("2025-02-07", "Amazon is forecasting more than $100 billion in capital expenditures in "
     "2025, up from $77 billion in 2024 and more than double the $48 billion in 2023.",
     {"more than double": "supported"}),
    # "international and domestic gaming revenues ... respectively": two units, one noun
    ("2025-08-15", "In Tencent's Q2 2025 results, international and domestic gaming revenues "
     "grew by 35% and 17% respectively.", {"35%": "supported", "17%": "supported"}),
    # a growth after a level borne out only on the non-IFRS basis
    ("2025-03-20", "Tencent said its 2024 operating profit was $33.1 billion, up 24% y-o-y.",
     {"up 24%": "!contradicted"}),
    # "$3B for the quarter and 51% for the year": the quarter's
    ("2025-06-12", "Oracle Q4 fiscal 2025. The standout was infrastructure-as-a-service (IaaS), "
     "up 52% YoY to $3B for the quarter and 51% for the year.", {"$3B": "supported"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), ROUND_11)
def test_held_out_round_11_false_alarms_stay_fixed(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


# --- Held-out round 12: the causes its audit found, in my own words ----------------------------
ROUND_12 = [
    # a decimal point does not end a "with ..." tail: the growth after its level is the level's
    (
        "2024-11-01",
        "Amazon's third-quarter 2024 net sales came to $158.9 billion, with "
        "operating income at $17.4 billion, up 55% from a year earlier.",
        {"up 55%": "supported"},
    ),
    # "compared to a loss of" sets a base: its "previous year" dates neither the bullet's
    # figures nor the next bullet's
    (
        "2024-11-01",
        "Amazon, third quarter of 2024:\n- International sales were $35.9 billion, "
        "with operating income of $1.3 billion, compared with a loss of $0.1 billion in the "
        "previous year.\n- AWS sales were $27.5 billion, up 19% year over year.",
        {"$27.5 billion": "supported", "up 19%": "supported"},
    ),
    # a rate marked "QoQ" right after it is sequential growth, even after a "YoY" one
    (
        "2023-10-27",
        "In Q3 2023 Amazon's net sales grew 12.6% YoY and 6.5% QoQ.",
        {"6.5% QoQ": "supported"},
    ),
    # "the previous quarter's 7 per cent" is that quarter's figure, not a base
    (
        "2024-08-16",
        "Alibaba's revenue grew 4% in the June quarter, below the previous "
        "quarter's 7 per cent rise.",
        {"7 per cent rise": "supported"},
    ),
    # "was estimated at" is someone's estimate, and so is the growth it implies
    (
        "2025-05-15",
        "Tencent's first-quarter 2025 earnings per share were estimated at $0.88, "
        "reflecting 18.92% year-over-year growth.",
        {"$0.88": "unverifiable", "18.92%": "unverifiable"},
    ),
    # one-off charges inside a line, and the line "would've been" without them
    (
        "2025-10-31",
        "Amazon's third-quarter 2025 operating income was $17.4 billion after a $2.5 "
        "billion FTC settlement and $1.8 billion related to severance. Excluding both, "
        "operating income would've been $21.7 billion.",
        {
            "$17.4 billion": "supported",
            "$2.5 billion": "unverifiable",
            "$1.8 billion": "unverifiable",
            "$21.7 billion": "unverifiable",
        },
    ),
    # a space before 亿; a heading's quarter reaches every "·" item under it; "核心净利润" is
    # Baidu Core's own line
    (
        "2025-11-19",
        "回顾2024年第三季度,百度的数据如下:\n·总营收 336 亿元\n·核心净利润 75.4 亿元\n"
        "·智能云收入 49 亿元(同比 +11%)",
        {
            "336 亿元": "supported",
            "75.4 亿元": "unverifiable",
            "49 亿元": "supported",
            "+11%": "supported",
        },
    ),
    # "2024年Q3" is a quarter; 亿 with no currency is a yuan reporter's yuan; "非国际" is
    # non-IFRS, and only for the figure after it
    (
        "2024-11-14",
        "腾讯2024年Q3 营收1672 亿,同比增加8%。三季度经营盈利同比增长20%,非国际净利润同比增长33%。",
        {
            "1672 亿": "supported",
            "同比增加8%": "supported",
            "同比增长20%": "supported",
            "同比增长33%": "supported",
        },
    ),
    # "operating costs" name a line the store does not hold, whatever "investment" follows
    (
        "2024-10-31",
        "In the third quarter of 2024 Meta's operating costs rose 14% to $23.2 billion, partly "
        "because of heavier investment in AI.",
        {"rose 14%": "unverifiable", "$23.2 billion": "unverifiable"},
    ),
    # "$30 billion higher than last year" is a change, not a plan's level
    (
        "2025-07-31",
        "Meta now plans 2025 capital expenditures of $66-72 billion, roughly $30 billion higher "
        "than last year.",
        {"$66-72 billion": "supported", "$30 billion": "unverifiable"},
    ),
    # a figure "expected by analysts" is their estimate, not a base of the reported change
    (
        "2024-08-16",
        "Alibaba's June-quarter 2024 net income fell 29% to 24.3 billion yuan, short of the "
        "30.4 billion yuan expected by analysts.",
        {"fell 29%": "!contradicted", "30.4 billion yuan": "unverifiable"},
    ),
    # an outlook item with "expected to" is a forecast of a reported line
    (
        "2025-06-12",
        "Oracle's outlook for fiscal 2026:\n- Total cloud revenue growth expected to exceed 40%"
        "\n- Remaining performance obligations expected to more than double",
        {"more than double": "unverifiable"},
    ),
    # a provider's growth by a research firm's estimate is of its own scope
    (
        "2025-06-13",
        "Canalys estimates put the first quarter of 2025 in line with the year before. In "
        "its figures Google Cloud grew more than 30% and AWS grew 17%.",
        {"more than 30%": "unverifiable", "grew 17%": "unverifiable"},
    ),
    # ... in the paragraph of a firm's report, but not across a list's items
    (
        "2024-06-02",
        "According to a Canalys report, cloud infrastructure spending grew 21% in the first "
        "quarter of 2024. The top three providers gained share. Microsoft grew fastest, while "
        "Google Cloud grew 28%.",
        {"grew 28%": "unverifiable"},
    ),
    (
        "2025-08-25",
        "1. **33%**: Alibaba Cloud's share of China's cloud market in Q1 2025, according to "
        "Canalys.\n2. **RMB6.5 billion**: Baidu AI Cloud revenue in the second quarter of 2025.",
        {"RMB6.5 billion": "supported"},
    ),
    # a relative clause describing the subject dates nothing ("..., which was the partner
    # for the 2024 Paris Olympics,")
    (
        "2024-08-16",
        "Alibaba's June-quarter revenue grew 4 per cent. Its cloud business, which was the "
        "official cloud partner of the 2024 Paris Olympics, grew revenue 6 per cent to 26.5 "
        "billion yuan.",
        {"26.5 billion yuan": "supported"},
    ),
    # a data card: a label line, its figure, "Previous year:" (a base) and the growth; a
    # two-digit EPS that is the non-GAAP twin's is ambiguous, and so is its growth
    (
        "2025-06-12",
        "Oracle Q4 FY2025 scorecard\n\nTotal Revenue\n$15.9B\nPrevious year: $14.3B\n+11.3%\n"
        "EPS\n$1.7\nPrevious year: $1.63\n+4.3%\nOperating Margin\n32%\n",
        {
            "$15.9B": "supported",
            "$14.3B": "!contradicted",
            "+11.3%": "supported",
            "$1.7": "ambiguous",
            "+4.3%": "ambiguous",
            "32%": "supported",
        },
    ),
    (
        "2025-06-12",
        "Oracle Q4 FY2025 scorecard\n\nTotal Revenue\n$17.9B\nPrevious year: $14.3B\n+25.2%\n",
        {"$17.9B": "contradicted"},
    ),
    # rivals listed after "outpaced both" are yardsticks; the figure is the subject's
    (
        "2024-05-01",
        "In the March 2024 quarter Microsoft outpaced both Amazon and Alphabet, with Azure "
        "revenue rising 31%.",
        {"rising 31%": "supported"},
    ),
    # a fiscal year's capex on the lease-inclusive basis the store holds per quarter only
    (
        "2025-07-31",
        "Microsoft's capital expenditures came to $88.2 billion in fiscal 2025.",
        {"$88.2 billion": "supported"},
    ),
    (
        "2025-07-31",
        "Microsoft's capital expenditures came to $79.5 billion in fiscal 2025.",
        {"$79.5 billion": "contradicted"},
    ),
]


@pytest.mark.parametrize(("day", "text", "want"), ROUND_12)
def test_held_out_round_12_false_alarms_stay_fixed(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


# --- Held-out round 13: the causes its audit found, in my own words ----------------------------
ROUND_13 = [
    # what "consensus estimates ... had pegged" at is theirs, every figure of the clause
    (
        "2025-05-01",
        "Meta's first-quarter 2025 EPS came to $6.43, above consensus estimates, which had "
        "pegged it at $5.21 and revenue at $41.2 billion.",
        {"$6.43": "supported", "$5.21": "unverifiable", "$41.2 billion": "unverifiable"},
    ),
    # "OCI consumption +57%" is usage, not revenue
    (
        "2025-03-11",
        "Oracle Q3 FY2025: OCI consumption +57% YoY.",
        {"+57%": "unverifiable"},
    ),
    # a heading's year reaches every "Label = figure" line under it
    (
        "2024-07-31",
        "Microsoft results\nFull Year FY24 Results\nRevenue = $245.1 billion, a 16% increase\n"
        "Net Income = $88.1 billion, a 22% increase\nQ4 FY 24 Results\n"
        "Q4 Revenue = $64.7 billion, a 15% increase",
        {"$88.1 billion": "supported", "22% increase": "supported", "15% increase": "supported"},
    ),
    # a market figure quoted from Canalys is not held against Synergy's
    (
        "2024-11-15",
        "Canalys: worldwide cloud infrastructure spending grew 21% in Q3 2024.",
        {"grew 21%": "unverifiable"},
    ),
    # a research firm's share is published in whole points: "11%" is not its "12%" truncated
    (
        "2024-11-01",
        "Synergy Research Group puts Google Cloud's share of the cloud infrastructure market "
        "at 11 percent in the third quarter of 2024, with AWS at 31 percent.",
        {"11 percent": "contradicted", "31 percent": "supported"},
    ),
    # "the closing quarter of 2024" is its fourth quarter, not the year
    (
        "2025-01-30",
        "In the closing quarter of 2024 Microsoft's revenue rose 12% to $69.6 billion; in the "
        "last quarter of fiscal 2024 it had been $64.7 billion.",
        {"12%": "supported", "$69.6 billion": "supported", "$64.7 billion": "supported"},
    ),
    # a unit's heading over bare "Revenue" lines: the unit's figures, a product's its own
    (
        "2024-07-31",
        "Microsoft fiscal Q4 2024 results\nIntelligent Cloud\nRevenue = $28.5 billion, a 19% "
        "increase\nMicrosoft Cloud\nA group of products across the company, including:\n"
        "- Azure\n- Dynamics 365\nRevenue was $36.8 billion, up 21%.\nLinkedIn = 10% increase",
        {
            "$28.5 billion": "supported",
            "19% increase": "supported",
            "$36.8 billion": "unverifiable",
            "up 21%": "unverifiable",
            "10% increase": "unverifiable",
        },
    ),
    # a heading over every unit names none: the line's own unit decides
    (
        "2025-10-31",
        "Amazon third-quarter 2025 results\nBusiness Segment Overview\nNorth America: Sales "
        "rose 11% to $106.3 billion. Operating income was $4.8 billion.",
        {"$106.3 billion": "supported", "$4.8 billion": "ambiguous"},
    ),
    # the "Big Three" and "their total spending" are several companies' figures
    (
        "2024-11-01",
        "Synergy says AWS held 31 percent of the cloud market in Q3 2024. The Big Three "
        "hold more than 60 percent. Their total spending rose 25%.",
        {"31 percent": "supported", "more than 60 percent": "unverifiable", "25%": "unverifiable"},
    ),
    # 调整后净利润 is adjusted (non-GAAP) net profit; 菜鸟集团 is a group within Alibaba
    (
        "2023-08-10",
        "阿里巴巴集团2024财年第一季度营收2341.6亿元,同比增长14%,调整后净利润为449.2亿元。"
        "菜鸟集团当季营收增长34%,达231.64亿元。",
        {
            "2341.6亿元": "supported",
            "同比增长14%": "supported",
            "449.2亿元": "supported",
            "增长34%": "unverifiable",
            "231.64亿元": "unverifiable",
        },
    ),
    # a year in an "after cutting ..." tail dates the cuts, not the margin before it
    (
        "2025-12-14",
        "Meta's operating margin reached 42% after cutting thousands of jobs in 2023.",
        {"42%": "ambiguous"},
    ),
    # a growth matching the constant-currency rate of the release, the basis unsaid
    (
        "2025-03-11",
        "Oracle Q3 FY2025 cloud infrastructure revenue: $2.7B (+51%).",
        {"$2.7B": "supported", "+51%": "ambiguous"},
    ),
    (
        "2025-03-11",
        "Oracle Q3 FY2025 cloud infrastructure revenue rose 51% in USD to $2.7 billion.",
        {"51%": "contradicted"},
    ),
]


@pytest.mark.parametrize(("day", "text", "want"), ROUND_13)
def test_held_out_round_13_false_alarms_stay_fixed(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


# --- Held-out round 14 -------------------------------------------------------------------------
# The fourteenth unseen round's misreadings, restated in our own words with the real figures.
ROUND_14 = [
    # "respectively" pairs the i-th figure with the i-th company, not the last one named
    ("2025-05-01", "Microsoft Azure and Google Cloud grew 33% and 28% respectively in the "
     "latest quarter.", {"grew 33%": "supported", "28%": "supported"}),
    # ... and a pair swapped in such a list is the article's error
    ("2025-05-01", "In the first quarter of 2025, AWS, Microsoft and Google held 29%, 12% and "
     "22% of the cloud infrastructure market respectively, according to Synergy Research.",
     {"29%": "supported", "12%": "contradicted", "22%": "contradicted"}),
    # a part of revenue is not the company's revenue
    ("2025-10-30", "Alphabet Q3 2025: other revenue rose 21%, and revenue in the Americas grew "
     "15%, while total revenue rose 16%.",
     {"rose 21%": "unverifiable", "grew 15%": "unverifiable", "rose 16%": "supported"}),
    ("2025-10-29", "Meta Q3 2025: average revenue per person rose 10% to $11.89, while revenue "
     "grew 26%.", {"rose 10%": "unverifiable", "$11.89": "unverifiable", "grew 26%": "supported"}),
    # an emoji before a unit's name still makes the line a heading over its bullets
    ("2025-10-30", "Alphabet Q3 2025\n\n\u2601\ufe0f Google Cloud\n- Revenue: $15.2 billion, "
     "up 34%\n", {"$15.2 billion": "supported", "up 34%": "supported"}),
    # a broker's estimate years ("2025E"), in a pipe table, a table spaced by blanks, a bracket
    ("2025-02-10", "Our model for Alphabet\n| Metric | 2024A | 2025E | 2026E |\n|---|---|---|---|\n"
     "| Capex | $52.5bn | $75bn | $90bn |",
     {"$52.5bn": "supported", "$75bn": "unverifiable", "$90bn": "unverifiable"}),
    ("2025-02-10", "Alphabet forecasts\nMetric 2024 2025E 2026E\nCapex $52.5bn $75bn $90bn\n"
     "Revenue $350.0bn $395bn $440bn",
     {"$52.5bn": "supported", "$75bn": "unverifiable", "$90bn": "unverifiable",
      "$350.0bn": "supported", "$440bn": "unverifiable"}),
    ("2025-02-10", "Alphabet capex: $52.5bn in 2024, $75bn (2025E) and $90bn (2026E).",
     {"$52.5bn": "supported", "$75bn": "unverifiable", "$90bn": "unverifiable"}),
    # a spaced table whose header says which column is the Street's
    ("2025-10-30", "Alphabet Q3 2025 scorecard\nMetric Estimate Actual\nRevenue $99.9B $102.3B\n"
     "EPS $2.27 $2.87", {"$99.9B": "unverifiable", "$102.3B": "supported",
                         "$2.27": "unverifiable", "$2.87": "supported"}),
    # a Chinese quarter without 财 (fiscal) may be the calendar's; "去年三季度" is a quarter
    ("2025-05-01", "微软第一季度营收为700.7亿美元，同比增长13%。",
     {"700.7亿美元": "supported", "同比增长13%": "supported"}),
    ("2025-05-01", "微软去年三季度营收为656亿美元。", {"656亿美元": "supported"}),
    ("2025-05-01", "微软第三财季营收为700.7亿美元。", {"700.7亿美元": "supported"}),
    ("2025-05-01", "微软第三财季营收为656亿美元。", {"656亿美元": "contradicted"}),
    # "Q3 last year" is a quarter, not the year
    ("2025-05-01", "Microsoft's revenue in Q3 last year was $61.9 billion.",
     {"$61.9 billion": "supported"}),
    ("2025-05-01", "Microsoft's revenue in the third quarter of last year was $65.6 billion.",
     {"$65.6 billion": "supported"}),
    # non-IFRS said with the Latin initials; cash paid for capex and leases is no capex
    ("2025-11-13", "騰訊第三季非IFRS經營盈利725.7億元人民幣，按年增長18%。",
     {"725.7億元": "supported", "按年增長18%": "supported"}),
    ("2025-11-13", "腾讯第三季度资本开支为130亿元，资本开支付款为199亿元，租赁负债付款为12亿元。",
     {"130亿元": "supported", "199亿元": "unverifiable", "12亿元": "unverifiable"}),
    # traditional 微軟; 智能雲 is Microsoft's Intelligent Cloud in a story about Microsoft
    ("2025-10-30", "微軟智能雲業務營收309億美元，按年增長28%。",
     {"309億美元": "supported", "按年增長28%": "supported"}),
    # what the market had forecast, and the guidance a result is measured against
    ("2025-10-30", "微軟第一財季營收777億美元，市場此前預測為753億美元。",
     {"777億美元": "supported", "753億美元": "unverifiable"}),
    ("2025-10-30", "微软本财季Azure收入增长40%，高于此前指引的增幅37%。",
     {"增长40%": "supported", "增幅37%": "!contradicted"}),
    # a tax rate is no operating margin
    ("2025-10-30", "Microsoft's effective tax rate was 19% in the quarter; operating margin was "
     "49%.", {"19%": "unverifiable", "49%": "supported"}),
    # growth with divested businesses taken out is the like-for-like rate
    ("2025-11-26", "Stripping out the divested Sun Art and Intime businesses, Alibaba's revenue "
     "grew 15% in the September quarter.", {"grew 15%": "supported"}),
    # Baidu's "core revenue" is Baidu Core's
    ("2025-11-18", "Baidu Q3 2025: core revenue fell 7% to RMB 24.7 billion.",
     {"fell 7%": "supported", "RMB 24.7 billion": "supported"}),
    # "last year" in a later clause with a figure of its own dates only that figure
    ("2025-10-31", "AWS revenue rose 20% to $33 billion, its fastest growth since 2022, and "
     "Amazon spent $83 billion on capex last year.",
     {"rose 20%": "supported", "$33 billion": "supported", "$83 billion": "supported"}),
    ("2025-10-31", "Amazon reported revenue of $180.2 billion, up 13%; last year it had grown "
     "11%.", {"$180.2 billion": "supported", "up 13%": "supported", "grown 11%": "supported"}),
    # a leading digit dropped ($39.5 billion for $139.5 billion) is a slip, not another line
    ("2026-02-06", "Amazon's operating cash flow increased 20% to $39.5 billion for the trailing "
     "twelve months.", {"increased 20%": "supported", "$39.5 billion": "contradicted"}),
    ("2026-02-06", "Amazon's operating cash flow increased 20% to $40 billion for the trailing "
     "twelve months.", {"$40 billion": "unverifiable"}),
    # "yr/yr" is year over year, not against the previous quarter named beside it
    ("2025-09-10", "Oracle's RPO jumped to $455 billion from $138 billion in the previous "
     "quarter, up 359% yr/yr.", {"$455 billion": "supported", "up 359%": "supported"}),
    # a company named as the seller's customer is not the figures' company, nor the subject
    ("2025-09-10", "Oracle shares soared. Meta is among the customers behind the surge: "
     "remaining performance obligations jumped to $455 billion in the quarter.",
     {"$455 billion": "supported"}),
    ("2025-09-10", "Oracle shares soared. Meta is among the customers behind the surge. "
     "Remaining performance obligations jumped 359% to $455 billion.",
     {"jumped 359%": "supported", "$455 billion": "supported"}),
    ("2025-09-10", "Oracle's backlog includes commitments from customers such as Meta and "
     "NVIDIA, and remaining performance obligations jumped to $455 billion.",
     {"$455 billion": "supported"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), ROUND_14)
def test_held_out_round_14_misreadings_stay_fixed(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


# --- Own article 13 (an Oracle Q&A): the forms its first run misread ----------------------------
OWN_13 = [
    # a list whose items carry their own periods; an item's unread "at the end of the year"
    # borrows no other item's
    ("2026-06-15", "Oracle's remaining performance obligations were $455 billion in fiscal Q1, "
     "$523 billion in fiscal Q2 and $638 billion at the end of the year.",
     {"$455 billion": "supported", "$523 billion": "supported", "$638 billion": "supported"}),
    # "in the same quarter" is the quarter just named, not a year earlier
    ("2026-06-15", "Oracle spent $8.5 billion on capital expenditure in fiscal Q1 2026, against "
     "operating cash flow of $8.1 billion in the same quarter.",
     {"$8.5 billion": "supported", "$8.1 billion": "supported"}),
    # a plan's new version said of the old one ("lifted that to"); a growth after a plan
    ("2026-01-10", "Oracle first guided to roughly $35 billion of fiscal 2026 capex; in "
     "December it lifted that to about $50 billion.", {"about $50 billion": "supported"}),
    ("2025-10-01", "Oracle said it expected OCI revenue of $18 billion in fiscal 2026, growth of "
     "77%.", {"$18 billion": "supported", "growth of 77%": "supported"}),
    # "at negative $X" is below zero; a tenth of the figure is a scale slip
    ("2026-06-15", "Oracle's fiscal 2026 capex left free cash flow at negative $23.7 billion.",
     {"$23.7 billion": "supported"}),
    ("2026-06-15", "Oracle's fiscal 2026 capex left free cash flow at negative $2.37 billion.",
     {"$2.37 billion": "contradicted"}),
    # "about" twice is no licence for a whole digit: the plan then was about $35 billion
    ("2025-10-01", "Oracle expects fiscal 2026 capex of about $38 billion.",
     {"about $38 billion": "contradicted"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), OWN_13)
def test_own_article_13_forms(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


# --- Own article 14 (a forum thread on buybacks and capex): the forms its first run misread ---
OWN_14 = [
    # the noun a figure leads into with "of"/"into" is its own, not the last item's cue
    ("2026-02-21", "Meta in 2025: $26.3 billion of buybacks and $5.3 billion of dividends.",
     {"$26.3 billion": "supported", "$5.3 billion": "supported"}),
    ("2026-02-21", "Microsoft's fiscal 2025: $64.6 billion went into property and equipment, "
     "$18.4 billion into buybacks and $24.1 billion into dividends.",
     {"$64.6 billion": "supported", "$18.4 billion": "supported", "$24.1 billion": "supported"}),
    # "on" is not one: free cash flow of X "on" operating cash flow of Y is X's own line
    ("2026-02-21", "Amazon 2024: free cash flow of $38.2 billion on operating cash flow of "
     "$115.9 billion.", {"$38.2 billion": "supported", "$115.9 billion": "supported"}),
    # a bracketed label before a colon dates every figure after it, and the next sentence
    ("2026-02-21", "**Alphabet** (2025): capex of $91.4 billion and operating cash flow of "
     "$164.7 billion.", {"$91.4 billion": "supported", "$164.7 billion": "supported"}),
    ("2026-02-21", "**Microsoft** (fiscal 2025, the year to June 30, 2025): revenue of $281.7 "
     "billion. Buybacks took $18.4 billion.", {"$18.4 billion": "supported"}),
    # a growth's base is a level of what the growth measures
    ("2026-02-21", "Alphabet's 2025 capex was $91.4 billion, a 74% jump from $52.5 billion in "
     "2024, against operating cash flow of $164.7 billion.",
     {"74% jump": "supported", "$52.5 billion": "supported"}),
    # "for the year" after a fiscal year the sentence named is that year, not the current one
    ("2026-02-21", "Alibaba's fiscal 2025 ended March 31, 2025: US$4.6 billion of dividends "
     "declared for the year, and capex of RMB86.0 billion.",
     {"US$4.6 billion": "supported", "RMB86.0 billion": "supported"}),
    # a year named and its end said on another day: the text dates the figure two ways
    ("2026-02-21", "Alibaba's fiscal 2025 ended March 31, 2024: US$11.9 billion of buybacks.",
     {"US$11.9 billion": "contradicted"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), OWN_14)
def test_own_article_14_forms(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


# --- Own article 15 (a Hong Kong results flash in traditional Chinese) ----------------------
OWN_15 = [
    # 股東應佔盈利 is the attributable profit; 每股攤薄盈利, per share as Tencent reports it
    ("2025-11-14", "騰訊第三季股東應佔盈利631.33億元，按年增長19%；每股攤薄盈利為6.779元，"
     "非國際財務報告準則每股攤薄盈利為7.575元。",
     {"631.33億元": "supported", "6.779元": "supported", "7.575元": "supported"}),
    # per share is a fraction of what the store holds per ADS for Alibaba: not checked
    ("2025-11-26", "阿里巴巴截至2025年9月30日止季度，每股攤薄盈利為1.09元。",
     {"1.09元": "unverifiable"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), OWN_15)
def test_own_article_15_forms(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


# --- Own article 16 (a live blog of one earnings night) ----------------------------------
OWN_16 = [
    # an amount "lost" is a loss: a unit's loss is its operating result, not its revenue
    ("2025-10-30", "Meta's Reality Labs lost $4.43 billion in the quarter.",
     {"$4.43 billion": "supported"}),
    # a base "a year ago" is not dated by the full year of the next clause
    ("2025-10-30", "Alphabet's capex was $24 billion in the quarter, against $13 billion a year "
     "ago, and the full-year outlook goes up again, to $91-93 billion.",
     {"$24 billion": "supported", "$13 billion": "supported", "$91-93 billion": "supported"}),
    # a live blog's timestamps are no figures; a correction's two quarters each date theirs
    ("2025-10-30", "**8:45 a.m.** Correction: the 5:05 p.m. entry first gave Meta's revenue as "
     "$47.52 billion, which was its second-quarter figure. Third-quarter revenue was $51.24 "
     "billion.", {"$47.52 billion": "supported", "$51.24": "supported"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), OWN_16)
def test_own_article_16_forms(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


@pytest.mark.parametrize(("day", "text", "want"), ROUND_7)
def test_held_out_round_7_false_alarms_stay_fixed(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


def test_a_from_base_is_never_matched_against_the_period_it_moved_to(
    embedded_store: FactStore,
) -> None:
    # the 32% is the margin of an earlier quarter, however close to this quarter's 32.95%
    text = "Tencent third quarter 2025 results. Operating margin rose to 33% under IFRS from 32%."
    report = check_article(embedded_store, text, as_of=date(2025, 11, 13))
    (base,) = [v for v in report.verdicts if v.claim.text == "32%"]
    assert base.claim.period is not None and base.claim.period.label != "FY2025 Q3"


@pytest.mark.parametrize(("day", "text", "want"), ROUND_6)
def test_held_out_round_6_false_alarms_stay_fixed(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


@pytest.mark.parametrize(("day", "text", "want"), ROUND_5)
def test_held_out_round_5_false_alarms_stay_fixed(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    test_held_out_round_3_false_alarms_stay_fixed(embedded_store, day, text, want)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        ("2025-04-30", "Meta now sees 2025 capex of $64 billion to $72 billion."),
        ("2025-08-01", "Amazon expects to spend more than $118 billion on capex in 2025."),
    ],
)
def test_a_plan_is_supported_by_a_version_public_on_the_article_date(
    embedded_store: FactStore, day: str, text: str
) -> None:
    as_of = date.fromisoformat(day)
    (verdict,) = check_article(embedded_store, text, as_of=as_of).verdicts
    assert verdict.label is VerdictLabel.SUPPORTED, verdict.explanation
    assert all(e.fact.known_on <= as_of for e in verdict.evidence)


# --- Chinese-language articles ----------------------------------------------------------------
# Sentences written for these tests in the style of Chinese results coverage, with the real
# figures of the quarters they name. Gross profit, R&D, game lines and margins are figures
# the store does not track: they must stay unchecked, never be read as revenue or capex.
CHINESE = [
    ("2025-05-15", "腾讯2025年第一季度收入为1800.2亿元人民币,同比增长13%,毛利为1004.9亿元,同比"
     "增长20%。", {"1800.2亿元": "supported", "同比增长13%": "supported",
                  "1004.9亿元": "unverifiable", "同比增长20%": "unverifiable"}),
    # a segment by its Chinese name; a game line inside it is no segment the store tracks
    ("2025-05-15", "本季度腾讯增值服务收入达921.3亿元,同比增长17%,其中游戏板块收入同比增长24%。",
     {"921.3亿元": "supported", "同比增长17%": "supported", "同比增长24%": "unverifiable"}),
    # the basis said once at the head of the sentence holds for its growth too
    ("2025-05-15", "按非国际财务报告准则计算,腾讯经营利润为693.2亿元,按年增长18%。",
     {"693.2亿元": "supported", "按年增长18%": "supported"}),
    # the previous quarter's growth and last year's: each its own period
    ("2025-05-15", "腾讯今年一季度总收入为1800.22亿元,按年增长12.87%,增幅高于上个季度的收入增幅"
     "11.11%,也高于2024年的全年增幅8.41%。",
     {"按年增长12.87%": "supported", "增幅11.11%": "supported", "增幅8.41%": "supported"}),
    # a share of revenue and R&D spending are not capex
    ("2025-05-15", "腾讯一季度资本开支为274.8亿元,占收入的15%,研发开支为189.1亿元。",
     {"274.8亿元": "supported", "15%": "unverifiable", "189.1亿元": "unverifiable"}),
    # a full stop with no space after it ends the sentence: the next one's year is its own
    ("2025-05-15", "腾讯2024年全年收入为6603亿元。一季度非国际财务报告准则下的权益持有人应占盈利为"
     "613.3亿元。", {"6603亿元": "supported", "613.3亿元": "supported"}),
    ("2025-08-30", "阿里巴巴2026财年第一季度收入为2476.52亿元,同比增长2%;资本开支为386.8亿元。"
     "云智能集团收入同比增长26%至333.98亿元。",
     {"2476.52亿元": "supported", "同比增长2%": "supported", "386.8亿元": "supported",
      "同比增长26%": "supported", "333.98亿元": "supported"}),
    ("2025-08-30", "阿里巴巴宣布未来三年将投入3800亿元用于云和AI基础设施建设,并回购了8.15亿美元的"
     "股份。", {"3800亿元": "supported", "8.15亿美元": "supported"}),
    ("2025-08-30", "百度2025年第二季度总营收为327亿元,同比下降4%;百度核心收入为263亿元。",
     {"327亿元": "supported", "同比下降4%": "supported", "263亿元": "supported"}),
    # 經營盈利 is operating profit in Hong Kong usage
    ("2025-08-14", "騰訊控股第二季度非國際財務報告準則下經營盈利為692.5億元，按年增長18%。",
     {"692.5億元": "supported", "按年增長18%": "supported"}),
    # net sales, the backlog and Google Cloud in Chinese
    ("2025-10-31", "亚马逊第三季度净销售额为1802亿美元，同比增长13%。",
     {"1802亿美元": "supported", "同比增长13%": "supported"}),
    ("2025-09-10", "甲骨文剩余履约义务达4550亿美元。", {"4550亿美元": "supported"}),
    ("2025-07-24", "字母表第二季度谷歌云收入为136亿美元，同比增长32%。",
     {"136亿美元": "supported", "同比增长32%": "supported"}),
    # planted slips: a factor of ten, the wrong currency, the wrong fiscal year, a digit
    ("2025-08-30", "阿里巴巴2026财年第一季度资本开支为3868亿元。", {"3868亿元": "contradicted"}),
    ("2025-08-30", "阿里巴巴2026财年第一季度资本开支为386.8亿美元。",
     {"386.8亿美元": "contradicted"}),
    ("2025-08-30", "阿里巴巴2025财年第一季度资本开支为386.8亿元。", {"386.8亿元": "contradicted"}),
    ("2025-08-30", "云智能集团收入同比增长26%至383.98亿元。", {"383.98亿元": "contradicted"}),
    # Baidu's revenue lines by their Chinese names; "非在线营销" is not "在线营销"
    ("2025-08-21", "百度第二季度在线营销收入为162亿元，同比下降15%；非在线营销收入同比增长34%。",
     {"162亿元": "supported", "同比下降15%": "supported", "同比增长34%": "supported"}),
    # "去年同期为X" after a level: last year's figure of the same line, and a slip in it
    ("2025-08-21", "百度2025年第二季度经营利润为32.77亿元，去年同期为59.44亿元。",
     {"32.77亿元": "supported", "59.44亿元": "supported"}),
    ("2025-08-21", "百度2025年第二季度经营利润为32.77亿元，去年同期为69.44亿元。",
     {"69.44亿元": "contradicted"}),
    # a phrase opening the next clause dates that clause, not the figure before the comma
    ("2025-11-19", "百度第三季度经营亏损150.91亿元，去年同期经营利润为59.25亿元。",
     {"150.91亿元": "supported", "59.25亿元": "supported"}),
    # a margin is no profit; the basis said at the head holds for both
    ("2025-11-19", "按非公认会计准则计算，百度第三季度经营利润率为7.1%，去年同期为20.9%。",
     {"7.1%": "supported", "20.9%": "supported"}),
    ("2025-11-19", "按非公认会计准则计算，百度第三季度经营利润率为7.1%，去年同期为25.9%。",
     {"25.9%": "contradicted"}),
    # a loss attributable to the company by name; "；" ends the clause and its basis
    ("2025-11-19", "百度第三季度归属于百度的净亏损为112.32亿元；非公认会计准则下的净利润为"
     "37.70亿元。",
     {"112.32亿元": "supported", "37.70亿元": "supported"}),
    # "上季度" after the quarter reported is the quarter before it
    ("2025-08-21", "百度2025年第二季度营收327.13亿元，上季度为324.52亿元。",
     {"327.13亿元": "supported", "324.52亿元": "supported"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), CHINESE)
def test_chinese_results_sentences(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    report = check_article(embedded_store, text, as_of=date.fromisoformat(day))
    for snippet, label in want.items():
        got = [v for v in report.verdicts if v.claim.text == snippet]
        assert got, f"no claim {snippet!r}: {[v.claim.text for v in report.verdicts]}"
        assert got[0].label.value == label, (snippet, got[0].explanation)


def test_chinese_reasons_name_the_slip(embedded_store: FactStore) -> None:
    def reasons(text: str) -> set[Reason]:
        (v,) = check_article(embedded_store, text, as_of=date(2025, 8, 30)).verdicts
        return set(v.reasons)

    assert Reason.SCALE_ERROR in reasons("阿里巴巴2026财年第一季度资本开支为3868亿元。")
    assert Reason.PERIOD_MISMATCH in reasons("阿里巴巴2025财年第一季度资本开支为386.8亿元。")
