"""Filters as a value: count mode and location precision, their URL parameters and their caption."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.filters import Filters


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(count_by="reports"),
        Filters(precision="admin1"),
        Filters(date_from=date(2024, 1, 1), countries=("IQ",), count_by="reports", precision="exact"),
    ],
)
def test_filters_survive_a_round_trip_through_url_parameters(filters: Filters) -> None:
    assert Filters.from_query_params(filters.to_query_params()) == filters


def test_default_count_mode_and_precision_stay_out_of_the_url() -> None:
    assert Filters().to_query_params() == {}
    assert Filters(count_by="reports", precision="country").to_query_params() == {
        "count": "reports",
        "precision": "country",
    }


@pytest.mark.parametrize(
    ("params", "count_by", "precision"),
    [
        ({"count": "everything", "precision": "street"}, "incidents", ""),
        ({"count": ["bogus", "reports"], "precision": [" near "]}, "reports", "near"),
        ({"count": "incidents"}, "incidents", ""),
    ],
)
def test_unknown_count_modes_and_precisions_in_a_url_are_ignored(
    params: dict[str, str | list[str]], count_by: str, precision: str
) -> None:
    filters = Filters.from_query_params(params)
    assert (filters.count_by, filters.precision) == (count_by, precision)


@pytest.mark.parametrize(("field", "value"), [("count_by", "events"), ("precision", "unknown"), ("precision", "x")])
def test_filters_refuse_an_unknown_count_mode_or_precision(field: str, value: str) -> None:
    with pytest.raises(ValueError, match=field):
        Filters(**{field: value})


@pytest.mark.parametrize(
    ("precision", "accepted"),
    [
        ("", ()),
        ("exact", ("exact",)),
        ("admin1", ("exact", "near", "admin1")),
        ("sea", ("exact", "near", "admin1", "country", "sea")),
    ],
)
def test_a_precision_accepts_itself_and_everything_finer(precision: str, accepted: tuple[str, ...]) -> None:
    assert Filters(precision=precision).accepted_precisions() == accepted


def test_counting_reports_restricts_nothing_but_a_precision_does() -> None:
    assert Filters(count_by="reports").is_empty
    assert not Filters(precision="country").is_empty


@pytest.mark.parametrize(
    ("filters", "caption"),
    [
        (Filters(), "All articles, no filters"),
        (Filters(count_by="reports"), "All articles, no filters (counting every report, not each incident once)"),
        (Filters(precision="admin1"), "Filtered: location precision admin1 or better"),
        (
            Filters(countries=("SY",), precision="exact", count_by="reports"),
            "Filtered: countries: SY; location precision exact or better (counting every report, not each incident "
            "once)",
        ),
    ],
)
def test_caption_names_a_precision_and_the_report_count_mode(filters: Filters, caption: str) -> None:
    assert filters.describe() == caption
