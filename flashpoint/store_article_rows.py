"""The rows one article is written as, prepared before its transaction opens.

Writers of one SQLite database take turns, so what a save does inside its transaction is time every other
writer waits. Everything that needs no database is done here first: the child rows refer to their places by
place key, and the transaction only swaps in the place row ids (flashpoint.store) and the new event ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table

from flashpoint.model import Event, Extraction, Location
from flashpoint.schema import ACTOR_LINKS, ACTORS, ARTICLE_FACETS, ARTICLE_PLACES, FIGURES, MENTIONS
from flashpoint.store_rows import (
    article_id_for,
    day_window,
    event_row,
    facet_rows,
    location_kinds,
    place_key_for,
)

Row = dict[str, Any]


@dataclass(frozen=True)
class ChildRows:
    """An article's rows below its articles row. `place_id` in the mention, article-place and event rows holds
    a place key until `with_place_ids` swaps in the row ids."""

    places: dict[str, Row]
    children: tuple[tuple[Table, list[Row]], ...]
    events: list[Row]

    def with_place_ids(self, place_ids: dict[str, int]) -> None:
        """Swap each place key for its row id (the rows are this article's own, so they are changed in place)."""
        for table, rows in self.children:
            if table is MENTIONS or table is ARTICLE_PLACES:
                for row in rows:
                    row["place_id"] = place_ids[row["place_id"]]
        for row in self.events:
            if row["place_id"] is not None:
                row["place_id"] = place_ids[row["place_id"]]


@dataclass(frozen=True)
class PreparedArticle:
    """An article's rows, ready for `Store.write_article`: made once, written when the writer's turn comes.
    The child rows are changed as they are written, so a prepared article is written once."""

    article_id: str
    row: Row
    children: ChildRows


def prepare_article(extraction: Extraction) -> PreparedArticle:
    """The articles row and every row below it of one extraction (its `ingested_at` is the time of this call)."""
    row = article_row(extraction)
    article_id = str(row["id"])
    return PreparedArticle(article_id, row, child_rows(article_id, extraction))


def article_row(extraction: Extraction) -> Row:
    """The articles row of an extraction's article, stamped with the time it is saved."""
    article = extraction.article
    return {
        "id": article_id_for(article.text),
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "filename": article.filename,
        "body": article.body,
        "ingested_at": datetime.now(UTC),
        **day_window(extraction),
    }


def _location_place(location: Location) -> Row:
    return {
        "place_key": place_key_for(location.name, location.country_code, location.lat, location.lon, location.place_id),
        "name": location.name,
        "kind": location.kind,
        "country_code": location.country_code,
        "lat": location.lat,
        "lon": location.lon,
        "admin1": location.admin1,
    }


def _event_place(event: Event, located: list[tuple[Location, str]], places: dict[str, Row]) -> str | None:
    """The place key of an event: the first location named like its place, else a place of its own at its point."""
    if event.location:
        wanted = event.location.casefold()
        for location, key in located:
            if location.name.casefold() == wanted:
                return key
    if event.lat is None or event.lon is None:
        return None
    name = event.location or f"{event.lat:.3f}, {event.lon:.3f}"
    key = place_key_for(name, event.country_code, event.lat, event.lon)
    places.setdefault(
        key,
        {
            "place_key": key,
            "name": name,
            "kind": None,
            "country_code": event.country_code,
            "lat": event.lat,
            "lon": event.lon,
        },
    )
    return key


def child_rows(article_id: str, extraction: Extraction) -> ChildRows:
    """Every row below the articles row, with places by key (see ChildRows)."""
    by_location = {location: _location_place(location) for location in extraction.locations}
    # Locations in place-key order, the order their places are inserted in.
    located = sorted(((location, values["place_key"]) for location, values in by_location.items()), key=_key)
    places = {key: by_location[location] for location, key in located}
    mention_rows = [
        {
            "article_id": article_id,
            "place_id": key,
            "span_start": span.start,
            "span_end": span.end,
            "literal": location.literal,
        }
        for location, key in located
        for span in location.mentions
    ]
    # Two locations of one article may resolve to the same place; they become one article_places row.
    literal_by_place: dict[str, bool] = {}
    mentions_by_place: dict[str, int] = {}
    for location, key in located:
        literal_by_place[key] = literal_by_place.get(key, False) or location.literal
        mentions_by_place[key] = mentions_by_place.get(key, 0) + len(location.mentions)
    window = day_window(extraction)
    article_place_rows = [
        {
            "article_id": article_id,
            "place_id": key,
            "literal": literal,
            "mention_count": mentions_by_place[key],
            **window,
        }
        for key, literal in literal_by_place.items()
    ]
    actor_rows = [
        {
            "article_id": article_id,
            "name": actor.name,
            "kind": actor.kind,
            "in_dictionary": actor.in_dictionary,
            "affiliation": actor.affiliation,
            "mention_count": len(actor.mentions),
            "spans": [[span.start, span.end] for span in actor.mentions],
            **window,
        }
        for actor in extraction.actors
    ]
    link_rows = [
        {
            "article_id": article_id,
            "source": link.source,
            "target": link.target,
            "relation": link.relation,
            "sentence": link.sentence,
            "span_start": link.span.start,
            "span_end": link.span.end,
        }
        for link in extraction.actor_links
    ]
    figure_rows = [
        {
            "article_id": article_id,
            "kind": figure.kind,
            "value": figure.value,
            "qualifier": figure.qualifier,
            "text": figure.text,
            "sentence": figure.sentence,
            "span_start": figure.span.start,
            "span_end": figure.span.end,
        }
        for figure in extraction.figures
    ]
    published = extraction.article.published
    kinds = location_kinds(location for location, _ in located)
    event_rows = [
        event_row(
            article_id,
            event,
            published,
            _event_place(event, located, places),
            kinds.get((event.location or "").casefold()),
        )
        for event in extraction.events
    ]
    place_countries = {location.country_code for location, _ in located if location.country_code}
    children = (
        (MENTIONS, mention_rows),
        (ARTICLE_PLACES, article_place_rows),
        (ACTORS, actor_rows),
        (ACTOR_LINKS, link_rows),
        (FIGURES, figure_rows),
        (ARTICLE_FACETS, facet_rows(article_id, extraction, place_countries, event_rows)),
    )
    return ChildRows(places, children, event_rows)


def _key(item: tuple[Location, str]) -> str:
    return item[1]
