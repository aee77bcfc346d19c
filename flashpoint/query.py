"""Turn the dashboard's filters into SQL and return DataFrames and totals aggregated by the database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Select, and_, case, distinct, func, literal, or_, select, true, union
from sqlalchemy.sql.elements import ColumnElement

from flashpoint.model import Article
from flashpoint.store import (
    ACTOR_LINKS,
    ACTORS,
    ARTICLE_PLACES,
    ARTICLES,
    EVENT_ACTORS,
    EVENTS,
    FIGURES,
    MENTIONS,
    PLACES,
    Store,
)

# Event types that describe no act of violence: they stay in the events table but never add to attack counts.
NON_ATTACK_EVENT_TYPES = ("interception", "threat", "warning", "threat/warning", "meeting", "statement")
QUERY_KEYS = {"date_from": "from", "date_to": "to", "actors": "actor", "countries": "country", "event_types": "type"}
TEXT_KEY = "q"
UNATTRIBUTED = "unattributed"
ALL_GROUP = "all"
# The map tooltip lists this many actors per place, busiest first.
ACTORS_PER_PLACE = 3


def _as_tuple(values: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    return tuple(sorted({value.strip() for value in values if value and value.strip()}))


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters; hashable, so a query result can be cached by it. Empty means 'no restriction'."""

    date_from: date | None = None
    date_to: date | None = None
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    text: str = ""

    def __post_init__(self) -> None:
        # Lists from widgets become sorted tuples so equal selections make equal (and hashable) cache keys.
        object.__setattr__(self, "actors", _as_tuple(self.actors))
        object.__setattr__(self, "countries", tuple(code.upper() for code in _as_tuple(self.countries)))
        object.__setattr__(self, "event_types", _as_tuple(self.event_types))
        object.__setattr__(self, "text", (self.text or "").strip())

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def describe(self) -> str:
        """A one-line caption of the active filters, for under the page title."""
        parts = []
        if self.date_from and self.date_to:
            parts.append(f"from {self.date_from.isoformat()} to {self.date_to.isoformat()}")
        elif self.date_from:
            parts.append(f"from {self.date_from.isoformat()}")
        elif self.date_to:
            parts.append(f"up to {self.date_to.isoformat()}")
        if self.actors:
            parts.append("actors: " + ", ".join(self.actors))
        if self.countries:
            parts.append("countries: " + ", ".join(self.countries))
        if self.event_types:
            parts.append("event types: " + ", ".join(self.event_types))
        if self.text:
            parts.append(f'text contains "{self.text}"')
        if not parts:
            return "All articles, no filters"
        return "Filtered: " + "; ".join(parts)

    def to_query_params(self) -> dict[str, str | list[str]]:
        """URL query parameters for this filter (lists repeat the key); empty filters are left out."""
        params: dict[str, str | list[str]] = {}
        if self.date_from:
            params[QUERY_KEYS["date_from"]] = self.date_from.isoformat()
        if self.date_to:
            params[QUERY_KEYS["date_to"]] = self.date_to.isoformat()
        for field_name in ("actors", "countries", "event_types"):
            values = getattr(self, field_name)
            if values:
                params[QUERY_KEYS[field_name]] = list(values)
        if self.text:
            params[TEXT_KEY] = self.text
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | Sequence[str]]) -> Filters:
        """Filters from URL query parameters; a malformed date is ignored rather than failing the page.

        Pass every value of a repeated key (e.g. `{key: st.query_params.get_all(key) for key in st.query_params}`);
        a single string counts as one value.
        """

        def values(key: str) -> tuple[str, ...]:
            raw = params.get(key, ())
            return (raw,) if isinstance(raw, str) else tuple(raw)

        def first_date(key: str) -> date | None:
            for value in values(key):
                try:
                    return date.fromisoformat(value.strip())
                except ValueError:
                    return None
            return None

        text_values = values(TEXT_KEY)
        return cls(
            date_from=first_date(QUERY_KEYS["date_from"]),
            date_to=first_date(QUERY_KEYS["date_to"]),
            actors=values(QUERY_KEYS["actors"]),
            countries=values(QUERY_KEYS["countries"]),
            event_types=values(QUERY_KEYS["event_types"]),
            text=text_values[0] if text_values else "",
        )


@dataclass(frozen=True)
class FilterOptions:
    """The values the filter widgets can offer, read from what is stored."""

    actors: tuple[str, ...]
    countries: tuple[str, ...]
    event_types: tuple[str, ...]
    date_min: date | None
    date_max: date | None


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


def _frame(store: Store, statement: Select[Any]) -> pd.DataFrame:
    with store.engine.connect() as connection:
        result = connection.execute(statement)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _text_condition(text: str) -> ColumnElement[bool]:
    return or_(
        ARTICLES.c.title.icontains(text, autoescape=True),
        ARTICLES.c.body.icontains(text, autoescape=True),
    )


def _attack_total() -> ColumnElement[Any]:
    attack_count = case(
        (EVENTS.c.type.in_(NON_ATTACK_EVENT_TYPES), 0),
        else_=func.coalesce(EVENTS.c.count, 1),
    )
    return func.coalesce(func.sum(attack_count), 0)


def event_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """WHERE clauses selecting the events that match `filters` (date = event date, else published date)."""
    conditions: list[ColumnElement[bool]] = []
    if filters.date_from:
        conditions.append(EVENTS.c.day >= filters.date_from)
    if filters.date_to:
        conditions.append(EVENTS.c.day <= filters.date_to)
    if filters.countries:
        conditions.append(EVENTS.c.country_code.in_(filters.countries))
    if filters.event_types:
        conditions.append(EVENTS.c.type.in_(filters.event_types))
    if filters.actors:
        named = select(EVENT_ACTORS.c.event_id).where(EVENT_ACTORS.c.name.in_(filters.actors))
        conditions.append(EVENTS.c.id.in_(named))
    if filters.text:
        conditions.append(EVENTS.c.article_id.in_(select(ARTICLES.c.id).where(_text_condition(filters.text))))
    return conditions


def article_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """WHERE clauses selecting the articles that match `filters`, as clauses on `articles.id`."""
    conditions: list[ColumnElement[bool]] = []
    article_id = ARTICLES.c.id
    if filters.date_from or filters.date_to:
        published_in_range = and_(
            ARTICLES.c.published >= filters.date_from if filters.date_from else true(),
            ARTICLES.c.published <= filters.date_to if filters.date_to else true(),
        )
        dated_events = select(EVENTS.c.article_id).where(
            *event_conditions(Filters(date_from=filters.date_from, date_to=filters.date_to))
        )
        conditions.append(or_(published_in_range, article_id.in_(dated_events)))
    if filters.actors:
        naming = union(
            select(ACTORS.c.article_id).where(ACTORS.c.name.in_(filters.actors)),
            select(EVENT_ACTORS.c.article_id).where(EVENT_ACTORS.c.name.in_(filters.actors)),
        )
        conditions.append(article_id.in_(naming))
    if filters.countries:
        in_countries = union(
            select(ARTICLE_PLACES.c.article_id)
            .join(PLACES, PLACES.c.id == ARTICLE_PLACES.c.place_id)
            .where(PLACES.c.country_code.in_(filters.countries)),
            select(EVENTS.c.article_id).where(EVENTS.c.country_code.in_(filters.countries)),
        )
        conditions.append(article_id.in_(in_countries))
    if filters.event_types:
        typed = select(EVENTS.c.article_id).where(EVENTS.c.type.in_(filters.event_types))
        conditions.append(article_id.in_(typed))
    if filters.text:
        conditions.append(_text_condition(filters.text))
    return conditions


def _matching_article_ids(filters: Filters) -> Select[Any]:
    return select(ARTICLES.c.id).where(*article_conditions(filters))


def _article_scope(column: ColumnElement[Any], filters: Filters) -> list[ColumnElement[bool]]:
    """Restrict a child table's article_id column to matching articles, skipping the subquery when unfiltered."""
    if filters.is_empty:
        return []
    return [column.in_(_matching_article_ids(filters))]


def kpis(store: Store, filters: Filters) -> dict[str, int]:
    """Headline numbers: articles, places, attacks, injured, killed and actors for the filters."""
    event_totals = select(
        _attack_total().label("attacks"),
        func.coalesce(func.sum(EVENTS.c.injured), 0).label("injured"),
        func.coalesce(func.sum(EVENTS.c.killed), 0).label("killed"),
    ).where(*event_conditions(filters))
    # The chosen countries' places are counted directly; their articles need no country test of their own.
    place_scope = _article_scope(ARTICLE_PLACES.c.article_id, replace(filters, countries=()))
    if filters.countries:
        in_countries = select(PLACES.c.id).where(PLACES.c.country_code.in_(filters.countries))
        place_scope.append(ARTICLE_PLACES.c.place_id.in_(in_countries))
    place_count = select(func.count(distinct(ARTICLE_PLACES.c.place_id))).where(
        ARTICLE_PLACES.c.literal.is_(True), *place_scope
    )
    actor_count = select(func.count(distinct(ACTORS.c.name))).where(
        ACTORS.c.kind != "person", *_article_scope(ACTORS.c.article_id, filters)
    )
    article_count = select(func.count()).select_from(ARTICLES).where(*article_conditions(filters))
    with store.engine.connect() as connection:
        totals = connection.execute(event_totals).one()
        return {
            "articles": int(connection.execute(article_count).scalar_one()),
            "places": int(connection.execute(place_count).scalar_one()),
            "attacks": int(totals.attacks),
            "injured": int(totals.injured),
            "killed": int(totals.killed),
            "actors": int(connection.execute(actor_count).scalar_one()),
        }


def _evidence_order() -> tuple[ColumnElement[Any], ...]:
    # Attacks before other events, then the most killed and injured, then the latest.
    return (EVENTS.c.type.in_(NON_ATTACK_EVENT_TYPES), EVENTS.c.severity.desc(), EVENTS.c.id.desc())


def _unfiltered_evidence() -> Any:
    """Each place's evidence sentence as a correlated subquery: one index seek per place when nothing is filtered."""

    def strongest(*conditions: ColumnElement[bool]) -> Any:
        statement = select(EVENTS.c.sentence).where(EVENTS.c.place_id == PLACES.c.id, *conditions)
        return statement.order_by(EVENTS.c.severity.desc(), EVENTS.c.id.desc()).limit(1).scalar_subquery()

    return func.coalesce(strongest(EVENTS.c.type.not_in(NON_ATTACK_EVENT_TYPES)), strongest())


def _filtered_evidence(store: Store, conditions: list[ColumnElement[bool]]) -> dict[int, str]:
    """Each place's evidence sentence among the matching events, ranked in one pass (a per-place seek would
    scan every event of a place the filter empties)."""
    ranked = (
        select(
            EVENTS.c.place_id,
            EVENTS.c.sentence,
            func.row_number().over(partition_by=EVENTS.c.place_id, order_by=_evidence_order()).label("rank"),
        )
        .where(EVENTS.c.place_id.is_not(None), *conditions)
        .subquery()
    )
    best = _frame(store, select(ranked.c.place_id, ranked.c.sentence).where(ranked.c.rank == 1))
    return dict(zip(best["place_id"], best["sentence"], strict=True))


def place_points(store: Store, filters: Filters) -> pd.DataFrame:
    """One row per place: attacks, injured and killed at it, mentions, top actors and the strongest evidence."""
    conditions = event_conditions(filters)
    # Places are kept to the chosen countries below, so their articles need no country test of their own.
    without_countries = replace(filters, countries=())
    event_stats = (
        select(
            EVENTS.c.place_id,
            _attack_total().label("attacks"),
            func.coalesce(func.sum(EVENTS.c.injured), 0).label("injured"),
            func.coalesce(func.sum(EVENTS.c.killed), 0).label("killed"),
            func.count().label("events"),
        )
        .where(EVENTS.c.place_id.is_not(None), *conditions)
        .group_by(EVENTS.c.place_id)
        .subquery()
    )
    mention_stats = (
        select(
            ARTICLE_PLACES.c.place_id,
            func.sum(ARTICLE_PLACES.c.mention_count).label("mentions"),
            func.count().label("articles"),
        )
        .where(ARTICLE_PLACES.c.literal.is_(True), *_article_scope(ARTICLE_PLACES.c.article_id, without_countries))
        .group_by(ARTICLE_PLACES.c.place_id)
        .subquery()
    )
    place_scope = [or_(event_stats.c.place_id.is_not(None), mention_stats.c.place_id.is_not(None))]
    if filters.countries:
        place_scope.append(PLACES.c.country_code.in_(filters.countries))
    attacks = func.coalesce(event_stats.c.attacks, 0)
    mentions = func.coalesce(mention_stats.c.mentions, 0)
    points = _frame(
        store,
        select(
            PLACES.c.id.label("place_id"),
            PLACES.c.name.label("place"),
            PLACES.c.kind,
            PLACES.c.country_code,
            PLACES.c.lat,
            PLACES.c.lon,
            attacks.label("attacks"),
            func.coalesce(event_stats.c.injured, 0).label("injured"),
            func.coalesce(event_stats.c.killed, 0).label("killed"),
            func.coalesce(event_stats.c.events, 0).label("events"),
            mentions.label("mentions"),
            func.coalesce(mention_stats.c.articles, 0).label("articles"),
            (_unfiltered_evidence() if not conditions else literal("")).label("evidence"),
        )
        .outerjoin(event_stats, event_stats.c.place_id == PLACES.c.id)
        .outerjoin(mention_stats, mention_stats.c.place_id == PLACES.c.id)
        .where(*place_scope)
        .order_by(attacks.desc(), mentions.desc(), PLACES.c.id),
    )
    if conditions:
        evidence = _filtered_evidence(store, conditions)
        points["evidence"] = [evidence.get(place_id, "") for place_id in points["place_id"]]
    points["evidence"] = points["evidence"].fillna("")
    top_actors = _top_actors(store, conditions)
    actors = [top_actors.get(place_id, "") for place_id in points["place_id"]]
    points.insert(len(points.columns) - 1, "actors", actors)
    return points


def _top_actors(store: Store, conditions: list[ColumnElement[bool]]) -> dict[int, str]:
    """Each place's busiest attackers among the matching events, joined by commas, indexed by place row id."""
    scope = [EVENT_ACTORS.c.role == "actor", EVENT_ACTORS.c.place_id.is_not(None)]
    if conditions:
        scope.append(EVENT_ACTORS.c.event_id.in_(select(EVENTS.c.id).where(*conditions)))
    actor_counts = (
        select(EVENT_ACTORS.c.place_id, EVENT_ACTORS.c.name, func.count().label("events"))
        .where(*scope)
        .group_by(EVENT_ACTORS.c.place_id, EVENT_ACTORS.c.name)
        .subquery()
    )
    actor_ranks = select(
        actor_counts.c.place_id,
        actor_counts.c.name,
        func.row_number()
        .over(partition_by=actor_counts.c.place_id, order_by=(actor_counts.c.events.desc(), actor_counts.c.name))
        .label("rank"),
    ).subquery()
    top = _frame(
        store,
        select(actor_ranks.c.place_id, actor_ranks.c.name)
        .where(actor_ranks.c.rank <= ACTORS_PER_PLACE)
        .order_by(actor_ranks.c.place_id, actor_ranks.c.rank),
    )
    return top.groupby("place_id", sort=False)["name"].agg(", ".join).to_dict()


def _joined_names(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
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
    return _joined_names(_frame(store, statement), "actors", "targets")


def timeline(
    store: Store,
    filters: Filters,
    freq: Literal["day", "week"] = "day",
    by: Literal["actor", "country"] | None = None,
) -> pd.DataFrame:
    """Attacks, injured and killed per day or week (week = starting Monday), optionally split by actor or country."""
    if freq not in ("day", "week"):
        raise ValueError(f"freq must be 'day' or 'week', not {freq!r}")
    if by not in (None, "actor", "country"):
        raise ValueError(f"by must be None, 'actor' or 'country', not {by!r}")
    period = (EVENTS.c.day if freq == "day" else EVENTS.c.week).label("period")
    totals = (
        _attack_total().label("attacks"),
        func.coalesce(func.sum(EVENTS.c.injured), 0).label("injured"),
        func.coalesce(func.sum(EVENTS.c.killed), 0).label("killed"),
    )
    conditions = [*event_conditions(filters), EVENTS.c.day.is_not(None)]
    if by is None:
        statement = select(period, *totals).where(*conditions).group_by(period)
    else:
        if by == "country":
            group = func.coalesce(EVENTS.c.country_code, "").label("group")
            source = EVENTS
        else:
            group = func.coalesce(EVENT_ACTORS.c.name, UNATTRIBUTED).label("group")
            source = EVENTS.outerjoin(
                EVENT_ACTORS, and_(EVENT_ACTORS.c.event_id == EVENTS.c.id, EVENT_ACTORS.c.role == "actor")
            )
        statement = select(period, group, *totals).select_from(source).where(*conditions).group_by(period, group)
    frame = _frame(store, statement.order_by(period))
    if by is None:
        frame.insert(1, "group", ALL_GROUP)
    frame["period"] = pd.to_datetime(frame["period"])
    return frame[["period", "group", "attacks", "injured", "killed"]]


def actor_network(store: Store, filters: Filters) -> pd.DataFrame:
    """Directed actor links in matching articles, weighted by how many times each was stated."""
    conditions = _article_scope(ACTOR_LINKS.c.article_id, replace(filters, actors=()))
    if filters.actors:
        conditions.append(or_(ACTOR_LINKS.c.source.in_(filters.actors), ACTOR_LINKS.c.target.in_(filters.actors)))
    weight = func.count().label("weight")
    statement = (
        select(ACTOR_LINKS.c.source, ACTOR_LINKS.c.target, ACTOR_LINKS.c.relation, weight)
        .where(*conditions)
        .group_by(ACTOR_LINKS.c.source, ACTOR_LINKS.c.target, ACTOR_LINKS.c.relation)
        .order_by(weight.desc(), ACTOR_LINKS.c.source, ACTOR_LINKS.c.target)
    )
    return _frame(store, statement)


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
        .where(*_article_scope(FIGURES.c.article_id, filters))
        .order_by(ARTICLES.c.published.desc().nulls_last(), FIGURES.c.article_id, FIGURES.c.span_start)
        .limit(limit)
    )
    return _frame(store, statement)


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
    return _frame(store, statement)


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
    mentions = _frame(
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
    actors = _frame(
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
        _frame(
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
        events=_joined_names(events.drop(columns=["place_id", "week"]), "actors", "targets"),
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
