"""Tables behind the Events, Network, Figures, Articles and Reader pages, and the filter widgets' options."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import func, or_, select, union
from sqlalchemy.sql.elements import ColumnElement

from flashpoint.filters import FilterOptions, Filters
from flashpoint.model import Article
from flashpoint.query_scope import article_conditions, article_scope, event_conditions, frame
from flashpoint.schema import ACTOR_LINKS, ACTORS, ARTICLE_PLACES, ARTICLES, EVENTS, FIGURES, MENTIONS, PLACES
from flashpoint.store import Store


@dataclass(frozen=True)
class ArticleDetail:
    """One stored article with everything extracted from it; every span refers to `text`."""

    id: str
    title: str
    source: str | None
    published: date | None
    filename: str
    body: str
    text: str
    mentions: pd.DataFrame
    actors: pd.DataFrame
    actor_links: pd.DataFrame
    figures: pd.DataFrame
    events: pd.DataFrame


def joined_names(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = [", ".join(names or ()) for names in frame[column]]
    return frame


def events_table(store: Store, filters: Filters, limit: int | None = 5000) -> pd.DataFrame:
    """The events matching `filters`, newest first, with their article's title and evidence sentence."""
    statement = (
        select(
            EVENTS.c.id,
            EVENTS.c.article_id,
            ARTICLES.c.title,
            EVENTS.c.day.label("date"),
            EVENTS.c.type,
            EVENTS.c.location,
            EVENTS.c.country_code,
            EVENTS.c.lat,
            EVENTS.c.lon,
            EVENTS.c.actors,
            EVENTS.c.targets,
            EVENTS.c.count,
            EVENTS.c.injured,
            EVENTS.c.killed,
            EVENTS.c.sentence,
            EVENTS.c.span_start.label("start"),
            EVENTS.c.span_end.label("end"),
            EVENTS.c.confidence,
        )
        .join(ARTICLES, ARTICLES.c.id == EVENTS.c.article_id)
        .where(*event_conditions(filters))
        .order_by(EVENTS.c.day.desc().nulls_last(), EVENTS.c.id.desc())
        .limit(limit)
    )
    return joined_names(frame(store, statement), "actors", "targets")


def actor_network(store: Store, filters: Filters) -> pd.DataFrame:
    """Directed actor links in matching articles, weighted by how many times each was stated."""
    conditions = article_scope(ACTOR_LINKS.c.article_id, replace(filters, actors=()))
    if filters.actors:
        conditions.append(or_(ACTOR_LINKS.c.source.in_(filters.actors), ACTOR_LINKS.c.target.in_(filters.actors)))
    weight = func.count().label("weight")
    statement = (
        select(ACTOR_LINKS.c.source, ACTOR_LINKS.c.target, ACTOR_LINKS.c.relation, weight)
        .where(*conditions)
        .group_by(ACTOR_LINKS.c.source, ACTOR_LINKS.c.target, ACTOR_LINKS.c.relation)
        .order_by(weight.desc(), ACTOR_LINKS.c.source, ACTOR_LINKS.c.target)
    )
    return frame(store, statement)


def figures_table(store: Store, filters: Filters, limit: int | None = 5000) -> pd.DataFrame:
    """The figures stated in matching articles, with the sentence each came from."""
    statement = (
        select(
            FIGURES.c.article_id,
            ARTICLES.c.title,
            ARTICLES.c.published,
            FIGURES.c.kind,
            FIGURES.c.value,
            FIGURES.c.qualifier,
            FIGURES.c.text,
            FIGURES.c.sentence,
            FIGURES.c.span_start.label("start"),
            FIGURES.c.span_end.label("end"),
        )
        .join(ARTICLES, ARTICLES.c.id == FIGURES.c.article_id)
        .where(*article_scope(FIGURES.c.article_id, filters))
        .order_by(ARTICLES.c.published.desc().nulls_last(), FIGURES.c.article_id, FIGURES.c.span_start)
        .limit(limit)
    )
    return frame(store, statement)


def _count_for_article(table: Any, *conditions: ColumnElement[bool]) -> Any:
    return select(func.count()).where(table.c.article_id == ARTICLES.c.id, *conditions).scalar_subquery()


def articles_table(store: Store, filters: Filters, limit: int | None = 1000) -> pd.DataFrame:
    """Matching articles, newest first, with how many places, actors, figures and events each yielded."""
    statement = (
        select(
            ARTICLES.c.id,
            ARTICLES.c.title,
            ARTICLES.c.source,
            ARTICLES.c.published,
            ARTICLES.c.filename,
            ARTICLES.c.ingested_at,
            _count_for_article(ARTICLE_PLACES, ARTICLE_PLACES.c.literal.is_(True)).label("places"),
            _count_for_article(ACTORS, ACTORS.c.kind != "person").label("actors"),
            _count_for_article(FIGURES).label("figures"),
            _count_for_article(EVENTS).label("events"),
        )
        .where(*article_conditions(filters))
        .order_by(ARTICLES.c.published.desc().nulls_last(), ARTICLES.c.ingested_at.desc(), ARTICLES.c.id)
        .limit(limit)
    )
    return frame(store, statement)


def _span_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per actor mention: the stored span list becomes start/end columns."""
    rows = []
    for record in frame.to_dict("records"):
        spans = record.pop("spans") or [[None, None]]
        rows.extend({**record, "start": start, "end": end} for start, end in spans)
    columns = [column for column in frame.columns if column != "spans"] + ["start", "end"]
    return pd.DataFrame(rows, columns=columns)


def article_detail(store: Store, article_id: str) -> ArticleDetail | None:
    """Everything stored for one article, for the highlighted reader; None when there is no such article."""
    with store.engine.connect() as connection:
        found = connection.execute(select(ARTICLES).where(ARTICLES.c.id == article_id)).mappings().first()
    if found is None:
        return None
    mentions = frame(
        store,
        select(
            PLACES.c.name.label("place"),
            PLACES.c.kind,
            PLACES.c.country_code,
            PLACES.c.lat,
            PLACES.c.lon,
            MENTIONS.c.span_start.label("start"),
            MENTIONS.c.span_end.label("end"),
            MENTIONS.c.literal,
        )
        .join(PLACES, PLACES.c.id == MENTIONS.c.place_id)
        .where(MENTIONS.c.article_id == article_id)
        .order_by(MENTIONS.c.span_start),
    )
    actors = frame(
        store,
        select(
            ACTORS.c.name,
            ACTORS.c.kind,
            ACTORS.c.in_dictionary,
            ACTORS.c.affiliation,
            ACTORS.c.mention_count.label("mentions"),
            ACTORS.c.spans,
        )
        .where(ACTORS.c.article_id == article_id)
        .order_by(ACTORS.c.id),
    )
    spans = (ACTOR_LINKS, FIGURES, EVENTS)
    links, figures, events = (
        frame(
            store,
            select(
                *[column for column in table.c if column.name not in ("id", "article_id", "span_start", "span_end")],
                table.c.span_start.label("start"),
                table.c.span_end.label("end"),
            )
            .where(table.c.article_id == article_id)
            .order_by(table.c.span_start, table.c.id),
        )
        for table in spans
    )
    return ArticleDetail(
        id=found["id"],
        title=found["title"],
        source=found["source"],
        published=found["published"],
        filename=found["filename"],
        body=found["body"],
        text=Article(title=found["title"], body=found["body"]).text,
        mentions=mentions,
        actors=_span_rows(actors),
        actor_links=links,
        figures=figures,
        events=joined_names(
            events.drop(columns=["place_id", "week", "attack_count", "evidence_rank"]), "actors", "targets"
        ),
    )


def filter_options(store: Store) -> FilterOptions:
    """The actors, countries, event types and date range present in the store, for the filter widgets."""
    with store.engine.connect() as connection:
        actor_names = connection.execute(
            select(ACTORS.c.name).where(ACTORS.c.kind != "person").distinct().order_by(ACTORS.c.name)
        ).scalars()
        actor_names = tuple(actor_names)
        country_codes = union(
            select(PLACES.c.country_code).where(PLACES.c.country_code.is_not(None)),
            select(EVENTS.c.country_code).where(EVENTS.c.country_code.is_not(None)),
        ).subquery()
        code = country_codes.c.country_code
        countries = tuple(connection.execute(select(code).order_by(code)).scalars())
        event_types = tuple(connection.execute(select(EVENTS.c.type).distinct().order_by(EVENTS.c.type)).scalars())
        event_days = connection.execute(select(func.min(EVENTS.c.day), func.max(EVENTS.c.day))).one()
        published = connection.execute(select(func.min(ARTICLES.c.published), func.max(ARTICLES.c.published))).one()
    earliest = [day for day in (event_days[0], published[0]) if day is not None]
    latest = [day for day in (event_days[1], published[1]) if day is not None]
    return FilterOptions(
        actors=actor_names,
        countries=countries,
        event_types=event_types,
        date_min=min(earliest) if earliest else None,
        date_max=max(latest) if latest else None,
    )
