"""Tests of capexlens.amounts: reading one figure as printed into exact values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capexlens.amounts import PrintedFigure, parse_printed, read_number, read_scale, tidy
from capexlens.errors import ParseError

B = Decimal(10) ** 9
M = Decimal(10) ** 6


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("RMB247,652 million", Decimal(247652) * M, "CNY"),
        ("US$34,571 million", Decimal(34571) * M, "USD"),
        ("US$11.9 billion", Decimal("11.9") * B, "USD"),
        ("$85 billion", 85 * B, "USD"),
        ("HK$4.1 billion", Decimal("4.1") * B, "HKD"),
        ("RMB380 billion", 380 * B, "CNY"),
        ("380 billion yuan", 380 * B, "CNY"),
        ("USD 27 billion", 27 * B, "USD"),
        ("RMB 38.6 billion", Decimal("38.6") * B, "CNY"),
        ("€1.2bn", Decimal("1.2") * B, "EUR"),
        ("3,800亿元", 3800 * Decimal(10) ** 8, "CNY"),
        ("3800億", 3800 * Decimal(10) ** 8, None),
        ("38.6 billion RMB", Decimal("38.6") * B, "CNY"),
        ("235 billion", 235 * B, None),
        ("22B", 22 * B, None),
        ("1.2 trillion", Decimal("1.2") * Decimal(10) ** 12, None),
        ("1.2tn", Decimal("1.2") * Decimal(10) ** 12, None),
        ("$3.3bn", Decimal("3.3") * B, "USD"),
        ("$815mn", 815 * M, "USD"),
        ("4m", 4 * M, None),
        ("7k", Decimal(7000), None),
        ("-18.8 billion", Decimal("-18.8") * B, None),
        ("−$2.6bn", Decimal("-2.6") * B, "USD"),
        ("5,000+", Decimal(5000), None),
        ("$1.47 per share", Decimal("1.47"), "USD/share"),
        ("235 billion parameters", 235 * B, "parameters"),
        ("586 Hong Kong dollars", Decimal(586), "HKD"),
    ],
)
def test_amounts_parse_to_exact_base_units(text: str, value: Decimal, unit: str | None) -> None:
    fig = parse_printed(text)
    assert fig.value == value
    assert fig.unit == unit
    assert fig.value_high is None
    assert not fig.percent
    assert not fig.currency_ambiguous


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("26%", Decimal(26)),
        ("5.1%", Decimal("5.1")),
        ("26 per cent", Decimal(26)),
        ("eight per cent", Decimal(8)),
        ("Twenty-five percent", Decimal(25)),
        ("-4.4%", Decimal("-4.4")),
    ],
)
def test_percentages_are_in_points(text: str, value: Decimal) -> None:
    fig = parse_printed(text)
    assert (fig.value, fig.unit, fig.percent) == (value, "percent", True)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("$64 billion to $72 billion", 64 * B, 72 * B),
        ("$91–93 billion", 91 * B, 93 * B),
        ("$64-72 billion", 64 * B, 72 * B),
        ("between $64 billion and $72 billion", 64 * B, 72 * B),
        ("$500 million to $1.2 billion", 500 * M, Decimal("1.2") * B),
    ],
)
def test_ranges_apply_the_scale_to_both_ends(text: str, low: Decimal, high: Decimal) -> None:
    fig = parse_printed(text)
    assert (fig.value, fig.value_high, fig.unit) == (low, high, "USD")


def test_percent_range() -> None:
    assert parse_printed("5-7%") == PrintedFigure(
        Decimal(5), Decimal(7), "percent", False, True, ""
    )


def test_yen_sign_is_ambiguous() -> None:
    fig = parse_printed("¥38.6bn")
    assert fig.unit is None
    assert fig.currency_ambiguous
    assert fig.value == Decimal("38.6") * B
    assert fig.scale == "billion"


def test_scale_names_are_canonical() -> None:
    assert parse_printed("RMB247,652 million").scale == "million"
    assert parse_printed("3,800亿元").scale == "hundred million"
    assert parse_printed("26%").scale == ""


def test_values_have_no_spurious_decimals() -> None:
    assert str(parse_printed("US$11.9 billion").value) == "11900000000"
    assert str(parse_printed("5.10%").value) == "5.1"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("$38.6 billion RMB", "more than one currency"),
        ("about $5bn", "expected one number"),
        ("", "expected one number"),
        ("fiscal 2026", "expected one number"),
        ("$72-64 billion", "print low to high"),
        ("$5bn or so", "'$5bn or so'"),
    ],
)
def test_bad_figures_raise_parse_error_naming_the_text(text: str, fragment: str) -> None:
    with pytest.raises(ParseError, match=None) as info:
        parse_printed(text)
    assert fragment in str(info.value)


def test_parse_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_printed("n/a")


def test_helpers() -> None:
    assert read_number("ninety-nine") == 99
    assert read_scale("Billion")[0] == B
    assert read_scale("M")[1] == "million"
    with pytest.raises(ParseError):
        read_number("lots")
    with pytest.raises(ParseError):
        read_scale("gazillion")
    assert tidy(Decimal("1.50")) == Decimal("1.5")


@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["million", "billion", "bn", "mn", "trillion"]),
    st.sampled_from(["$", "US$", "RMB", "HK$", "€"]),
)
def test_round_trip_of_formatted_amounts(value: Decimal, scale: str, marker: str) -> None:
    printed = f"{marker}{value:,}{' ' if len(scale) > 2 else ''}{scale}"
    fig = parse_printed(printed)
    assert fig.value == value * read_scale(scale)[0]
    assert fig.unit is not None
