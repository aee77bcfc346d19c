"""Write N synthetic events (with their articles, places, actors and facets) straight into an empty store, fast.

The rows are built by the store's own row builders (flashpoint.store_rows), so every derived column and facet
is what `Store.save` would write; only the extraction pipeline is skipped. Events are grouped into incidents of
1-3 reports from different articles (bench/synthetic_incidents.py), with the incidents, incident_reports rows
and events' incident columns that incident storage writes. SQLite gets executemany in large transactions,
PostgreSQL gets COPY.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert, text

from bench.synthetic_incidents import IncidentPool, incident_rows, report_day
from flashpoint.model import Actor, Article, Event, Extraction, Location, Span
from flashpoint.precision import NEAR, date_precision, precision_of_location
from flashpoint.schema import (
    ACTORS,
    ARTICLE_FACETS,
    ARTICLE_PLACES,
    ARTICLES,
    EVENT_ACTORS,
    EVENTS,
    INCIDENT_REPORTS,
    INCIDENTS,
    MENTIONS,
    PLACES,
)
from flashpoint.store import Store, article_id_for
from flashpoint.store_rows import day_window, event_row, facet_rows, role_rows

FIRST_DAY = date(2022, 1, 1)
SPAN_DAYS = 3 * 365
# Rough country centres (public geography), the anchor for each synthetic town's coordinates.
CENTRES = {
    "IQ": (33.2, 43.7),
    "SY": (35.0, 38.5),
    "YE": (15.5, 47.5),
    "LB": (33.9, 35.9),
    "IL": (31.5, 34.9),
    "PS": (31.4, 34.4),
    "IR": (32.4, 53.7),
    "JO": (31.2, 36.5),
    "SEA": (20.0, 38.5),
}
# Each town gets this many nearby localities, so the store holds a few thousand places, more than the map draws.
LOCALITIES_PER_TOWN = 20
EVENT_TYPES = {
    "attack": 20,
    "drone attack": 20,
    "rocket attack": 15,
    "airstrike": 15,
    "missile strike": 10,
    "shelling": 5,
    "interception": 8,
    "threat": 4,
    "raid": 3,
}
STATES = ("United States", "Israel", "Iran", "United Kingdom", "Saudi Arabia")
EVENTS_PER_ARTICLE = (1, 2, 3, 3, 4, 5)
# Articles built and written per transaction.
CHUNK_ARTICLES = 20_000


def synthetic_places(pools: dict[str, list[str]], rng: random.Random) -> list[Location]:
    """The towns of `pools` and their localities, with coordinates around each country's centre."""
    places = []
    for code, towns in pools.items():
        centre_lat, centre_lon = CENTRES[code]
        country = None if code == "SEA" else code
        kind = "water" if code == "SEA" else "city"
        for town in towns:
            lat, lon = centre_lat + rng.uniform(-1.5, 1.5), centre_lon + rng.uniform(-1.5, 1.5)
            places.append(Location(town, kind, country, round(lat, 4), round(lon, 4), ()))
            for number in range(1, LOCALITIES_PER_TOWN + 1):
                near_lat, near_lon = lat + rng.uniform(-0.2, 0.2), lon + rng.uniform(-0.2, 0.2)
                name = f"{town} locality {number}"
                places.append(Location(name, "village", country, round(near_lat, 4), round(near_lon, 4), ()))
    return places


def _extractions(count: int, places: list[Location], groups: tuple[str, ...], rng: random.Random) -> Iterator:
    """Yield (extraction, location row ids, incident tag per event) until `count` events have been made."""
    # Zipf-like weights: a few places and groups carry most reports, as in real coverage.
    place_weights = [1 / (rank + 1) for rank in range(len(places))]
    order = list(range(len(places)))
    rng.shuffle(order)
    place_cumulative = []
    total = 0.0
    for index in order:
        total += place_weights[index]
        place_cumulative.append(total)
    types, type_weights = list(EVENT_TYPES), list(EVENT_TYPES.values())
    pool = IncidentPool(rng)
    made = number = 0
    while made < count:
        number += 1
        if number % CHUNK_ARTICLES == 1:
            # load_events writes CHUNK_ARTICLES articles at a time: each chunk holds its incidents whole.
            pool.close_all()
        published = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
        chosen = sorted(set(rng.choices(order, cum_weights=place_cumulative, k=rng.randint(1, 3))))
        attackers = rng.sample(groups, rng.randint(1, 2))
        title = f"Synthetic report {number}: {attackers[0]} active near {places[chosen[0]].name}"
        sentences = []
        incidents = []
        tags = []
        located = list(chosen)
        offset = len(title) + 2
        for _ in range(min(rng.choice(EVENTS_PER_ARTICLE), count - made)):
            told = pool.follow_up(number, published)
            if told is None:
                place_index = rng.choice(chosen)
                event_type = rng.choices(types, type_weights)[0]
                killed, injured = rng.choice((0, 0, 0, 1, 2, 5)), rng.choice((0, 0, 1, 3, 8, 20))
                actor, target = rng.choice(attackers), rng.choice(STATES)
                event_day = published - timedelta(days=rng.randrange(4)) if rng.random() < 0.7 else None
                facts = {"place": place_index, "event_type": event_type, "actor": actor, "target": target}
                told = pool.start(number, day=event_day or published, killed=killed, injured=injured, **facts)
            else:
                # Another outlet's report of an open incident: its figures may differ a little.
                place_index, event_type, actor, target = told.place, told.event_type, told.actor, told.target
                killed, injured = told.killed + rng.choice((0, 0, 1)), told.injured + rng.choice((0, 0, 2))
                event_day = report_day(told, rng)
                if place_index not in located:
                    located.append(place_index)
            tags.append(told.tag)
            place = places[place_index]
            sentence = f"{actor} carried out a {event_type} at {place.name} on {target} targets, killing {killed}."
            span = Span(offset, offset + len(sentence))
            incidents.append(
                Event(
                    event_type,
                    sentence,
                    span,
                    event_day,
                    None,
                    place.name,
                    place.country_code,
                    place.lat,
                    place.lon,
                    (actor,),
                    (target,),
                    None,
                    injured,
                    killed,
                    0.8,
                )
            )
            sentences.append(sentence)
            offset += len(sentence) + 1
            made += 1
        article = Article(title, " ".join(sentences), "Synthetic Wire", published, f"synthetic-{number:07d}.txt")
        named = dict.fromkeys([*attackers, *(event.actors[0] for event in incidents)])
        actors = tuple(Actor(name, "armed_group", (Span(0, 1),)) for name in named)
        locations = tuple(places[index] for index in located)
        yield Extraction(article, locations, actors, (), (), tuple(incidents)), located, tags


def _table_rows(
    extractions: list, place_ids: list[int], precisions: dict[str, str], first_event_id: int
) -> dict[Table, list[dict]]:
    tables = (ARTICLES, MENTIONS, ARTICLE_PLACES, ACTORS, EVENTS, EVENT_ACTORS, ARTICLE_FACETS)
    rows: dict[Table, list[dict]] = {table: [] for table in tables}
    event_id = first_event_id
    now = datetime.now(UTC)
    tags: list[int] = []
    for extraction, chosen, event_tags in extractions:
        article = extraction.article
        article_id = article_id_for(article.text)
        window = day_window(extraction)
        rows[ARTICLES].append(
            {
                "id": article_id,
                "title": article.title,
                "source": article.source,
                "published": article.published,
                "filename": article.filename,
                "body": article.body,
                "ingested_at": now,
                **window,
            }
        )
        place_by_name = {
            location.name: place_ids[index] for location, index in zip(extraction.locations, chosen, strict=True)
        }
        for place_id in place_by_name.values():
            rows[ARTICLE_PLACES].append(
                {"article_id": article_id, "place_id": place_id, "literal": True, "mention_count": 1, **window}
            )
            rows[MENTIONS].append(
                {"article_id": article_id, "place_id": place_id, "span_start": 0, "span_end": 1, "literal": True}
            )
        rows[ACTORS].extend(
            {
                "article_id": article_id,
                "name": actor.name,
                "kind": actor.kind,
                "in_dictionary": True,
                "affiliation": None,
                "mention_count": 1,
                "spans": [[0, 1]],
                **window,
            }
            for actor in extraction.actors
        )
        events = [
            event_row(article_id, incident, article.published, place_by_name[incident.location])
            for incident in extraction.events
        ]
        ids = list(range(event_id, event_id + len(events)))
        event_id += len(events)
        for index, (row, row_id, incident) in enumerate(zip(events, ids, extraction.events, strict=True)):
            row["id"] = row_id
            row["location_precision"] = precisions[incident.location]
            row["date_precision"] = date_precision(incident.date, incident.date_end)
            row["report_index"] = index
        rows[EVENTS].extend(events)
        tags.extend(event_tags)
        rows[EVENT_ACTORS].extend(role_rows(events, ids))
        countries = {location.country_code for location in extraction.locations if location.country_code}
        rows[ARTICLE_FACETS].extend(facet_rows(article_id, extraction, countries, events))
    rows[INCIDENTS], rows[INCIDENT_REPORTS] = incident_rows(rows[EVENTS], tags)
    for row in rows[EVENTS]:
        del row["report_index"]
    return rows


def _copy(store: Store, table: Table, rows: list[dict]) -> None:
    """PostgreSQL COPY of dict rows (JSON values serialised as text)."""
    columns = list(rows[0])
    connection = store.engine.raw_connection()
    try:
        with connection.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [json.dumps(row[column]) if isinstance(row[column], list) else row[column] for column in columns]
                )
        connection.commit()
    finally:
        connection.close()


def _write(store: Store, rows: dict[Table, list[dict]]) -> None:
    if store.engine.dialect.name == "postgresql":
        for table, table_rows in rows.items():
            if table_rows:
                _copy(store, table, table_rows)
        return
    with store.engine.begin() as connection:
        # Index pages of a few hundred MB stay cached between chunks instead of being re-read per insert.
        connection.exec_driver_sql("PRAGMA cache_size=-524288")
        for table, table_rows in rows.items():
            if table_rows:
                connection.execute(insert(table), table_rows)


def load_events(store: Store, count: int, pools: dict[str, list[str]], groups: tuple[str, ...], seed: int) -> int:
    """Write `count` synthetic events and their articles into the empty `store`; returns the articles written."""
    if store.count_articles():
        raise SystemExit(f"{store.location} already holds articles: bulk loading needs an empty store")
    rng = random.Random(seed)
    places = synthetic_places(pools, rng)
    place_ids = list(range(1, len(places) + 1))
    # Localities are "near" their town; towns are exact, waters are seas.
    precisions = {
        location.name: NEAR if location.kind == "village" else precision_of_location(location) for location in places
    }
    place_rows = [
        {
            "id": place_id,
            "place_key": f"synthetic|{location.name}",
            "name": location.name,
            "kind": location.kind,
            "country_code": location.country_code,
            "lat": location.lat,
            "lon": location.lon,
        }
        for place_id, location in zip(place_ids, places, strict=True)
    ]
    _write(store, {PLACES: place_rows})
    started = time.perf_counter()
    articles = events = 0
    chunk: list[Any] = []
    for item in _extractions(count, places, groups, rng):
        chunk.append(item)
        if len(chunk) == CHUNK_ARTICLES:
            written = _table_rows(chunk, place_ids, precisions, events + 1)
            _write(store, written)
            articles, events = articles + len(chunk), events + len(written[EVENTS])
            chunk = []
            rate = events / (time.perf_counter() - started)
            print(f"  {events}/{count} events, {articles} articles, {rate:.0f} events/s", file=sys.stderr)
    if chunk:
        written = _table_rows(chunk, place_ids, precisions, events + 1)
        _write(store, written)
        articles, events = articles + len(chunk), events + len(written[EVENTS])
    _after_load(store)
    return articles


def _after_load(store: Store) -> None:
    """Move PostgreSQL's id sequences past the ids written, and refresh both planners' statistics."""
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as connection:
            for table in ("places", "events"):
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
                )
        # VACUUM marks pages all-visible, which PostgreSQL's index-only scans need; it cannot run in a transaction.
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with store.engine.begin() as connection:
            connection.execute(text("ANALYZE"))
