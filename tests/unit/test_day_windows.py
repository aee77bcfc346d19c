"""Day windows: each article's first and last day, written with its rows, answer date-only filters exactly as its
'day' facets do (articles inside a range, straddling an edge, outside, without a day), on both databases."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from flashpoint.corrections import Correction, apply_corrections
from flashpoint.filters import Filters
from flashpoint.model import Extraction
from flashpoint.query import kpis, place_points
from flashpoint.query_day_window import selects_dates_only
from flashpoint.query_overview import overview_data
from flashpoint.query_scope import article_scope, frame, matching_article_ids
from flashpoint.schema import ACTORS, ARTICLE_PLACES, ARTICLES, PLACES
from flashpoint.store import Store
from flashpoint.store_rows import day_window, event_row, facet_rows
from tests.conftest import build_extraction


def _report(title: str, place: tuple, actor: str, published: date | None, event_day: date | None) -> Extraction:
    """An article naming one place and one actor, reporting one attack there (dated `event_day`, else undated)."""
    name, _kind, code, lat, lon = place
    return build_extraction(
        f"{actor} attacked a position in {name}, officials said.",
        title=title,
        published=published,
        places=(place,),
        actors=((actor, "armed_group"),),
        events=(
            {
                "type": "attack",
                "date": event_day,
                "location": name,
                "country_code": code,
                "lat": lat,
                "lon": lon,
                "actors": (actor,),
                "evidence": "attacked a position",
            },
        ),
    )


ERBIL = ("Erbil", "city", "IQ", 36.19, 44.01)
SANAA = ("Sanaa", "city", "YE", 15.37, 44.19)
DAMASCUS = ("Damascus", "city", "SY", 33.51, 36.29)
ADEN = ("Aden", "city", "YE", 12.79, 45.02)

# Days {2024-02-20}: inside most ranges below.
INSIDE = _report("inside", ERBIL, "Kataib Hezbollah", date(2024, 2, 20), None)
# Days {2024-02-01, 2024-03-20}: its window spans seven weeks with no day between its ends.
STRADDLING = _report("straddling", SANAA, "Houthis", date(2024, 3, 20), date(2024, 2, 1))
# Days {2023-06-01}.
OUTSIDE = _report("outside", DAMASCUS, "Hezbollah", date(2023, 6, 1), None)
# No published date and an undated event: no day at all, so no date range matches it.
UNDATED = _report("undated", ADEN, "Islamic State", None, None)
ARTICLES_SAVED = (INSIDE, STRADDLING, OUTSIDE, UNDATED)

RANGES = {
    # The straddling article's window overlaps this range, but neither of its days lies in it.
    "between the straddling article's days": (date(2024, 2, 10), date(2024, 3, 15), {"inside"}),
    "over its first day": (date(2024, 1, 25), date(2024, 2, 5), {"straddling"}),
    "from its last day on": (date(2024, 3, 18), None, {"straddling"}),
    "up to a day inside it": (None, date(2024, 2, 25), {"inside", "straddling", "outside"}),
    "the whole year": (date(2024, 1, 1), date(2024, 12, 31), {"inside", "straddling"}),
    "after every day": (date(2025, 1, 1), None, set()),
    "ending before it starts": (date(2024, 3, 1), date(2024, 2, 1), set()),
}
PLACE_OF = {"inside": "Erbil", "straddling": "Sanaa", "outside": "Damascus", "undated": "Aden"}
ACTOR_OF = {"inside": "Kataib Hezbollah", "straddling": "Houthis", "outside": "Hezbollah", "undated": "Islamic State"}


@pytest.fixture
def dated(store: Store) -> Store:
    for extraction in ARTICLES_SAVED:
        store.save(extraction)
    return store


def _titles_by_facets(store: Store, filters: Filters) -> set[str]:
    """The articles the 'day' facets match: the exact definition the windows must reproduce."""
    ids = select(matching_article_ids(filters).subquery().c.article_id)
    return set(frame(store, select(ARTICLES.c.title).where(ARTICLES.c.id.in_(ids)))["title"])


def _mentions_by_facets(store: Store, filters: Filters) -> dict[str, tuple[int, int]]:
    """Mentions and articles per place name among the articles the 'day' facets match."""
    statement = (
        select(PLACES.c.name, func.sum(ARTICLE_PLACES.c.mention_count), func.count())
        .join(PLACES, PLACES.c.id == ARTICLE_PLACES.c.place_id)
        .where(ARTICLE_PLACES.c.literal.is_(True), *article_scope(ARTICLE_PLACES.c.article_id, filters))
        .group_by(PLACES.c.name)
    )
    return {name: (int(mentions), int(articles)) for name, mentions, articles in frame(store, statement).values}


@pytest.mark.parametrize("count_by", ["incidents", "reports"])
@pytest.mark.parametrize("name", sorted(RANGES))
def test_a_date_range_matches_through_the_windows_exactly_the_articles_naming_a_day_in_it(
    dated: Store, name: str, count_by: str
) -> None:
    date_from, date_to, expected = RANGES[name]
    filters = Filters(date_from=date_from, date_to=date_to, count_by=count_by)
    assert selects_dates_only(filters)
    assert _titles_by_facets(dated, filters) == expected

    numbers = kpis(dated, filters)
    assert numbers["articles"] == len(expected)
    assert numbers["places"] == len(expected)
    assert numbers["actors"] == len(expected)
    points = place_points(dated, filters)
    mentioned = points[points["mentions"] > 0]
    by_points = {row.place: (row.mentions, row.articles) for row in mentioned.itertuples()}
    assert by_points == _mentions_by_facets(dated, filters)
    assert set(by_points) == {PLACE_OF[title] for title in expected}
    overview = overview_data(dated, filters)
    assert overview.kpis == numbers
    assert overview.points.equals(points)


def test_filters_with_more_than_dates_keep_the_matching_id_path_and_agree(dated: Store) -> None:
    dates = Filters(date_from=date(2024, 1, 25), date_to=date(2024, 2, 5))
    with_actor = replace(dates, actors=("Houthis",))
    with_country = replace(dates, countries=("IQ",))
    assert not selects_dates_only(with_actor)
    assert not selects_dates_only(with_country)
    assert kpis(dated, with_actor)["articles"] == 1
    assert kpis(dated, with_country)["articles"] == 0


Window = tuple[date | None, date | None]


def _windows(store: Store, title: str) -> dict[str, set[Window]]:
    """The (first_day, last_day) pairs on the article's articles, article_places and actors rows, by table."""
    article_id = frame(store, select(ARTICLES.c.id).where(ARTICLES.c.title == title))["id"][0]
    found: dict[str, set[Window]] = {}
    with store.engine.connect() as connection:
        for table in (ARTICLES, ARTICLE_PLACES, ACTORS):
            key = table.c.id if table is ARTICLES else table.c.article_id
            rows = connection.execute(select(table.c.first_day, table.c.last_day).where(key == article_id))
            found[table.name] = {(first, last) for first, last in rows}
    return found


def _everywhere(window: Window) -> dict[str, set[Window]]:
    return {"articles": {window}, "article_places": {window}, "actors": {window}}


def test_saving_writes_each_articles_window_on_its_article_place_and_actor_rows(dated: Store) -> None:
    assert _windows(dated, "inside") == _everywhere((date(2024, 2, 20), date(2024, 2, 20)))
    assert _windows(dated, "straddling") == _everywhere((date(2024, 2, 1), date(2024, 3, 20)))
    assert _windows(dated, "undated") == _everywhere((None, None))


@pytest.mark.parametrize("extraction", ARTICLES_SAVED, ids=lambda extraction: extraction.article.title)
def test_the_window_spans_exactly_the_days_of_the_articles_day_facets(extraction: Extraction) -> None:
    published = extraction.article.published
    events = [event_row("id", event, published, None) for event in extraction.events]
    days = [row["value"] for row in facet_rows("id", extraction, set(), events) if row["facet"] == "day"]
    window = day_window(extraction)
    assert (window["first_day"], window["last_day"]) == (
        (date.fromisoformat(min(days)), date.fromisoformat(max(days))) if days else (None, None)
    )


def test_an_event_date_correction_moves_the_window(store: Store) -> None:
    article_id = store.save(STRADDLING).article_id
    event = STRADDLING.events[0]
    correction = Correction(
        "event_date",
        {"span": [event.span.start, event.span.end]},
        {"date": "2024-03-19"},
        None,
        article_id,
        "analyst@example.org",
        datetime.now(UTC),
    )
    # As review rewrites an article: the extraction with its corrections applied replaces the stored rows.
    store.replace_extraction(article_id, apply_corrections(STRADDLING, [correction]))

    assert _windows(store, "straddling") == _everywhere((date(2024, 3, 19), date(2024, 3, 20)))
    assert kpis(store, Filters(date_from=date(2024, 1, 25), date_to=date(2024, 2, 5)))["articles"] == 0
    assert kpis(store, Filters(date_from=date(2024, 3, 19), date_to=date(2024, 3, 19)))["articles"] == 1
