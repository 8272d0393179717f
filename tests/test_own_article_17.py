"""Own article 17 (a social-media thread on Amazon and Tencent): the forms its first run
misread stay read. Each case is (article date, text, {claim snippet: expected label})."""

from __future__ import annotations

from datetime import date

import pytest

from capexlens.claims.check import check_article
from capexlens.store import FactStore

OWN_17 = [
    # a line that opens with its topic names the metric of a later sentence of the line
    ("2025-11-14", "4/ Amazon capex: $34.2bn in the quarter. Management now talks about ~$125bn "
     "for full-year 2025.", {"~$125bn": "supported"}),
    ("2025-11-14", "10/ And capex? RMB130bn in Q3 for Tencent, down from RMB19.11bn in Q2.",
     {"RMB130bn": "contradicted", "RMB19.11bn": "supported"}),
    # ... and the unit it opens with is the unit of such a sentence
    ("2025-11-14", "2/ AWS: $33.0bn of revenue and $11.4bn of operating income. The backlog is "
     "$200bn and the annualized run rate $132bn.",
     {"$200bn": "supported", "$132bn": "supported"}),
    # "TTM" dates the amount right after it as the trailing four quarters, which the store
    # holds; a list's other items keep their own periods
    ("2025-11-14", "Amazon: TTM operating cash flow $130.7bn, TTM free cash flow just $14.8bn.",
     {"$130.7bn": "supported", "$14.8bn": "supported"}),
    ("2025-11-14", "Amazon: TTM operating cash flow $120.7bn.", {"$120.7bn": "contradicted"}),
    # a unit named in lower case ("FinTech & business services") is its name, not a cue
    ("2025-11-14", "Tencent Q3: FinTech & business services RMB58.2bn (+10%).",
     {"RMB58.2bn": "supported", "+10%": "supported"}),
    # a base's slip is judged against every source of its period: $31.4 billion (net of
    # incentives, as a news copy gives it) and the 10-Q's $32,183 million gross
    ("2025-11-14", "Amazon capex: $34.2bn in the quarter, up from $314.0bn in Q2.",
     {"$314.0bn": "contradicted"}),
    ("2025-11-14", "Amazon capex: $34.2bn in the quarter, up from RMB31.4bn in Q2.",
     {"RMB31.4bn": "contradicted"}),
]  # fmt: skip


@pytest.mark.parametrize(("day", "text", "want"), OWN_17)
def test_own_article_17_forms_stay_read(
    embedded_store: FactStore, day: str, text: str, want: dict[str, str]
) -> None:
    report = check_article(embedded_store, text, as_of=date.fromisoformat(day))
    for snippet, label in want.items():
        got = [v for v in report.verdicts if snippet in v.claim.text or v.claim.text in snippet]
        assert got, f"no claim {snippet!r}"
        assert got[0].label.value == label, (snippet, got[0].explanation)


def test_another_line_of_the_same_quarter_before_a_quarter_long_past(
    embedded_store: FactStore,
) -> None:
    # Amazon's Q3 2025 net income was $21.2 billion, as was its Q4 2024 operating income:
    # said as Q3 operating income, it is the quarter's other line that the writer took
    text = "Amazon Q3: group operating income came in at $21.2bn."
    report = check_article(embedded_store, text, as_of=date(2025, 11, 14))
    (verdict,) = report.verdicts
    assert verdict.label.value == "contradicted"
    assert [r.value for r in verdict.reasons] == ["misattribution"], verdict.explanation
    assert "net income" in verdict.explanation
