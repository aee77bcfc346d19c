"""Keep the incidents tables in step with the stored events: merge reports into incidents and write the result.

`refresh_incidents` files the reports of new articles into the incidents formed so far, or new ones, without
regrouping them (`flashpoint.store_incident_append`). For changed articles (re-extracted, deleted, or named by an
analyst's correction) it re-merges the neighbourhood they can touch: their events (the seeds), the stored events
that could merge with a seed (same type family, days within `NEIGHBOUR_DAYS`, same country, grid cells or seas as
`flashpoint.incident_rules`' index keys), every other report of the incidents those belong to, and the reports an
analyst joined to any of them. That set is merged again with `merge_incidents` and its incidents rewritten whole.
Either way every report belongs to exactly one incident with exactly one lead. `rebuild_incidents` merges
everything again from scratch, day by day (incremental filing depends on the order reports arrive in, so a
rebuild may group a few reports differently: see bench/incident_refresh.py).

What is written:
- `incidents`: one row per incident, placed and dated by its lead report (the most precise place), with report
  and article counts and its claims rolled up (`flashpoint.claims`): killed and injured low/best/high, attacks.
- `incident_reports`: one row per report with the report it joined and the reason.
- `events.incident_*`: the lead report carries incident_count 1 and the incident's best attacks, injured and
  killed; other reports zeros; reports that sum up many incidents (aggregates) belong to none.

Analysts' splits and merges are the active `incident_split` / `incident_merge` rows of the corrections table.
Deleting an article: use `delete_article` here, which refreshes the incidents its reports belonged to.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date

from sqlalchemy import Connection, delete, false, func, or_, select, update
from sqlalchemy.engine import Row

from flashpoint.correction_checks import INCIDENT_PAIR_KEYS
from flashpoint.incident_rules import (
    EventReport,
    insert_keys,
    lookup_keys,
)
from flashpoint.incidents import Incident, merge_incidents
from flashpoint.model import Extraction
from flashpoint.schema import CORRECTIONS, EVENTS, INCIDENT_REPORTS, INCIDENTS, UNFILED_ARTICLES
from flashpoint.store import Store
from flashpoint.store_incident_append import append_reports, plan_append
from flashpoint.store_incident_reads import (
    base_report,
    chunked,
    complete_reports,
    event_positions,
    incidents_of_articles,
    neighbour_condition,
    report_rows_in,
    report_select,
    saved_reports,
)
from flashpoint.store_incident_writes import (
    describe_incident,
    loose_state,
    write_event_states,
    write_incidents,
)

__all__ = [
    "delete_article",
    "events_without_incident",
    "file_new_articles",
    "rebuild_incidents",
    "refresh_incidents",
    "unfiled_articles",
]

# A rebuild re-merges the events of about this many at a time, day by day, so memory stays bounded.
REBUILD_EVENTS_PER_STEP = 20_000
# PostgreSQL advisory lock taken for the length of a refresh: two refreshes of neighbouring articles would
# otherwise rewrite the same incidents at once. (SQLite writers are serialised by the database lock.)
INCIDENT_LOCK_KEY = 6_000_006


def _lock(connection: Connection) -> None:
    """Take the incident writer's lock before reading anything, so what is read is what gets rewritten."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(INCIDENT_LOCK_KEY)))
    else:
        # A write first makes SQLite take its write lock now (waiting for other writers) rather than at the
        # first real write, after reading a state another writer may change.
        connection.execute(delete(INCIDENTS).where(false()))


def _analyst_pairs(connection: Connection) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(pairs kept apart, pairs joined) from the active incident corrections."""
    statement = select(CORRECTIONS.c.kind, CORRECTIONS.c.after).where(
        CORRECTIONS.c.kind.in_(tuple(INCIDENT_PAIR_KEYS)), CORRECTIONS.c.undone_at.is_(None)
    )
    pairs_by_key: dict[str, list[tuple[str, str]]] = {"apart": [], "joined": []}
    for kind, after in connection.execute(statement.order_by(CORRECTIONS.c.id)):
        pair_key = INCIDENT_PAIR_KEYS[kind]
        for pair in (after or {}).get(pair_key, ()):
            if len(pair) == 2:
                pairs_by_key[pair_key].append((str(pair[0]), str(pair[1])))
    return pairs_by_key["apart"], pairs_by_key["joined"]


def _neighbours(connection: Connection, seeds: dict[int, Row]) -> dict[int, Row]:
    """Stored events other than the seeds that share an index key with a seed, in either direction."""
    seed_reports = [base_report(row) for row in seeds.values()]
    condition = neighbour_condition(seed_reports)
    if condition is None:
        return {}
    looked_up = {key for report in seed_reports for key in lookup_keys(report)}
    filed = {key for report in seed_reports for key in insert_keys(report)}
    found = {}
    for row in connection.execute(report_select().where(condition)):
        if row.id in seeds:
            continue
        report = base_report(row)
        if looked_up.intersection(insert_keys(report)) or filed.intersection(lookup_keys(report)):
            found[row.id] = row
    return found


def _key(positions: dict[int, tuple[str, int]], event_id: int) -> str:
    article_id, index = positions[event_id]
    return f"{article_id}#{index}"


def _close_over_incidents(connection: Connection, rows: dict[int, Row], joined: list[tuple[str, str]]) -> dict:
    """Add to `rows` every other report of the incidents they belong to and the reports joined to any of them,
    until nothing more is added; returns the rows' event positions."""
    done_incidents: set[str] = set()
    positions: dict[int, tuple[str, int]] = {}
    while True:
        added = False
        incident_ids = {row.incident_id for row in rows.values() if row.incident_id} - done_incidents
        for row in report_rows_in(connection, EVENTS.c.incident_id, incident_ids):
            added |= rows.setdefault(row.id, row) is row
        done_incidents |= incident_ids
        missing_articles = {row.article_id for event_id, row in rows.items() if event_id not in positions}
        positions.update(event_positions(connection, missing_articles))
        keys = {_key(positions, event_id) for event_id in rows}
        partners = {
            other for first, second in joined for key, other in ((first, second), (second, first))
            if key in keys and other not in keys
        }  # fmt: skip
        wanted: dict[str, set[int]] = {}
        for key in partners:
            article_id, _, index = key.rpartition("#")
            if index.isdigit():
                wanted.setdefault(article_id, set()).add(int(index))
        if wanted:
            found = event_positions(connection, wanted)
            positions.update(found)
            event_ids = [event_id for event_id, (article, index) in found.items() if index in wanted[article]]
            for row in report_rows_in(connection, EVENTS.c.id, event_ids):
                added |= rows.setdefault(row.id, row) is row
        if not added:
            return positions


def _write(
    connection: Connection,
    rows: dict[int, Row],
    reports: dict[int, EventReport],
    incidents: Iterable[Incident],
    stale_incidents: Collection[str],
) -> int:
    """Replace the incidents of `rows` by `incidents` and set every row's incident columns; returns incidents."""
    event_of_key = {report.key: event_id for event_id, report in reports.items()}
    states = {event_id: loose_state(report) for event_id, report in reports.items()}
    incident_rows, report_rows = [], []
    for incident in incidents:
        values, members, member_states = describe_incident(incident, rows, event_of_key)
        incident_rows.append(values)
        report_rows.extend(members)
        states.update(member_states)
    removed = {row.incident_id for row in rows.values() if row.incident_id} | set(stale_incidents)
    write_incidents(connection, removed, incident_rows, rows, report_rows)
    write_event_states(connection, rows, states)
    return len(incident_rows)


def _remerge(connection: Connection, seeds: dict[int, Row], stale_incidents: Collection[str] = ()) -> int:
    """Merge the seeds with their neighbourhood again and write the result; returns the incidents written."""
    apart, joined = _analyst_pairs(connection)
    return _remerge_with(connection, seeds, stale_incidents, apart, joined)


def _remerge_with(
    connection: Connection,
    seeds: dict[int, Row],
    stale_incidents: Collection[str],
    apart: list[tuple[str, str]],
    joined: list[tuple[str, str]],
) -> int:
    rows = dict(seeds)
    rows.update(_neighbours(connection, seeds))
    positions = _close_over_incidents(connection, rows, joined)
    reports = complete_reports(connection, rows.values(), positions)
    incidents = merge_incidents(list(reports.values()), kept_apart=apart, joined=joined)
    return _write(connection, rows, reports, incidents, stale_incidents)


def refresh_incidents(
    store: Store,
    article_ids: Iterable[str],
    stale_incidents: Iterable[str] = (),
    extractions: Mapping[str, Extraction] | None = None,
) -> int:
    """Merge the reports of these articles into incidents and rewrite what changes; returns incidents written.

    Reports of new articles are filed into the incidents formed so far (`store_incident_append`); `extractions`
    (article id -> the extraction just saved) spares reading them back. Otherwise, or when an analyst's
    correction names one of them, the incidents they can touch are merged again from scratch. `stale_incidents`
    names incidents that may have lost every report (their articles deleted or re-extracted: read them with
    `incidents_of_articles` first); they are removed unless merging gives them back. The articles are no longer
    listed as unfiled afterwards.
    """
    return _file(store, sorted(set(article_ids)), set(stale_incidents), extractions, waiting_only=False)


def file_new_articles(
    store: Store, article_ids: Iterable[str], extractions: Mapping[str, Extraction] | None = None
) -> int:
    """File the reports of newly saved articles into incidents, as `refresh_incidents` does, but only those of
    articles still listed as unfiled: another process may have filed some meanwhile (an ingest starting while
    this one runs files what it finds waiting). Returns incidents written."""
    return _file(store, sorted(set(article_ids)), set(), extractions, waiting_only=True)


def unfiled_articles(store: Store) -> list[str]:
    """The ids of saved articles whose reports are not filed into incidents yet: saved moments ago, or by an
    ingest killed before it filed them."""
    with store.engine.connect() as connection:
        return list(connection.execute(select(UNFILED_ARTICLES.c.article_id).order_by("article_id")).scalars())


def _file(
    store: Store,
    article_ids: list[str],
    stale: set[str],
    extractions: Mapping[str, Extraction] | None,
    waiting_only: bool,
) -> int:
    if not article_ids and not stale:
        return 0
    with store.filing():
        if store.is_sqlite and not stale and extractions is not None and set(article_ids) <= set(extractions):
            written = _append_outside_write_lock(
                store, {article: extractions[article] for article in article_ids}, waiting_only
            )
            if written is not None:
                return written
        return _refresh(store, article_ids, stale, extractions, waiting_only)


def _waiting(connection: Connection, article_ids: Iterable[str]) -> set[str]:
    """Which of these articles are listed as unfiled."""
    found: set[str] = set()
    for batch in chunked(sorted(article_ids)):
        statement = select(UNFILED_ARTICLES.c.article_id).where(UNFILED_ARTICLES.c.article_id.in_(batch))
        found.update(connection.execute(statement).scalars())
    return found


def _mark_filed(connection: Connection, article_ids: Iterable[str]) -> None:
    """No longer list these articles as unfiled: called in the transaction that files them."""
    for batch in chunked(sorted(article_ids)):
        connection.execute(delete(UNFILED_ARTICLES).where(UNFILED_ARTICLES.c.article_id.in_(batch)))


def _append_outside_write_lock(store: Store, extractions: Mapping[str, Extraction], waiting_only: bool) -> int | None:
    """On SQLite, file new articles' reports with the reading and merging done before the database's write lock
    is taken: ingest workers go on saving meanwhile (their new events are in no incident, which this reads
    nothing of), and no other refresh can change the incidents read (`Store.filing`). None when the reports
    cannot simply be appended (one is in an incident already, or named by an analyst)."""
    with store.engine.connect() as connection:
        if waiting_only:
            waiting = _waiting(connection, extractions)
            extractions = {article: extraction for article, extraction in extractions.items() if article in waiting}
            if not extractions:
                return 0
        apart, joined = _analyst_pairs(connection)
        named = {key for pair in (*apart, *joined) for key in pair}
        rows, reports = saved_reports(connection, extractions)
        if not _new_and_unnamed(rows, reports, named):
            return None
        plan = plan_append(connection, rows, reports)
    with store.writing() as connection:
        _mark_filed(connection, extractions)
        return plan.write(connection)


def _refresh(
    store: Store,
    article_ids: list[str],
    stale: set[str],
    extractions: Mapping[str, Extraction] | None,
    waiting_only: bool,
) -> int:
    with store.writing() as connection:
        _lock(connection)
        if waiting_only:
            waiting = _waiting(connection, article_ids)
            article_ids = [article for article in article_ids if article in waiting]
            if not article_ids:
                return 0
        _mark_filed(connection, article_ids)
        apart, joined = _analyst_pairs(connection)
        named = {key for pair in (*apart, *joined) for key in pair}
        if not stale and extractions is not None and set(article_ids) <= set(extractions):
            rows, reports = saved_reports(connection, {article: extractions[article] for article in article_ids})
            if _new_and_unnamed(rows, reports, named):
                return append_reports(connection, rows, reports)
        seeds = {row.id: row for row in report_rows_in(connection, EVENTS.c.article_id, article_ids)}
        if not seeds:
            for batch in chunked(sorted(stale)):
                connection.execute(delete(INCIDENTS).where(INCIDENTS.c.id.in_(batch)))
            return 0
        if not stale:
            reports = complete_reports(connection, seeds.values())
            if _new_and_unnamed(seeds, reports, named):
                return append_reports(connection, seeds, reports)
        return _remerge_with(connection, seeds, stale, apart, joined)


def _new_and_unnamed(rows: dict[int, Row], reports: dict[int, EventReport], named: set[str]) -> bool:
    """True when no report is in an incident yet nor named by an analyst: new articles, filed without regrouping."""
    if any(row.incident_id is not None for row in rows.values()):
        return False
    return not named.intersection(report.key for report in reports.values())


def delete_article(store: Store, article_id: str) -> bool:
    """Delete an article (`Store.delete_article`) and refresh the incidents its reports belonged to: the other
    reports of each are merged again. False when there was no such article."""
    incident_ids = incidents_of_articles(store, [article_id])
    others: set[str] = set()
    with store.engine.connect() as connection:
        for batch in chunked(sorted(incident_ids)):
            statement = select(EVENTS.c.article_id).where(EVENTS.c.incident_id.in_(batch))
            others.update(connection.execute(statement).scalars())
    others.discard(article_id)
    removed = store.delete_article(article_id)
    refresh_incidents(store, others, stale_incidents=incident_ids)
    return removed


def events_without_incident(store: Store) -> int:
    """How many events have never been through incident merging (incident id and location precision unset):
    events stored before incidents existed."""
    statement = select(func.count()).where(EVENTS.c.incident_id.is_(None), EVENTS.c.location_precision.is_(None))
    with store.engine.connect() as connection:
        return connection.execute(statement).scalar_one()


def _day_steps(connection: Connection) -> list[tuple[date | None, date | None, int]]:
    """Consecutive day ranges holding about REBUILD_EVENTS_PER_STEP events each, (None, None, n) for undated."""
    counts = connection.execute(select(EVENTS.c.day, func.count()).group_by(EVENTS.c.day).order_by(EVENTS.c.day)).all()
    steps: list[tuple[date | None, date | None, int]] = []
    undated = sum(count for day, count in counts if day is None)
    start: date | None = None
    end: date | None = None
    size = 0
    for day, count in counts:
        if day is None:
            continue
        if start is None:
            start = day
        end, size = day, size + count
        if size >= REBUILD_EVENTS_PER_STEP:
            steps.append((start, end, size))
            start, size = None, 0
    if start is not None:
        steps.append((start, end, size))
    if undated:
        steps.append((None, None, undated))
    return steps


def rebuild_incidents(store: Store, progress: Callable[[int, int], None] | None = None) -> int:
    """Merge every stored event into incidents again, from nothing; `progress(events done, events in all)` after
    each step of about REBUILD_EVENTS_PER_STEP events, in day order. Returns the number of incidents."""
    with store.filing():
        return _rebuild(store, progress)


def _rebuild(store: Store, progress: Callable[[int, int], None] | None) -> int:
    with store.writing() as connection:
        _lock(connection)
        connection.execute(delete(INCIDENT_REPORTS))
        connection.execute(delete(INCIDENTS))
        # Every event stored now is merged below; articles saved while the rebuild runs stay listed.
        connection.execute(delete(UNFILED_ARTICLES))
        connection.execute(
            update(EVENTS)
            .where(or_(EVENTS.c.incident_id.is_not(None), EVENTS.c.incident_count != 0))
            .values(incident_id=None, incident_count=0, incident_attacks=0, incident_injured=0, incident_killed=0)
        )
        steps = _day_steps(connection)
    total = sum(size for _, _, size in steps)
    done = 0
    if progress is not None:
        progress(0, total)
    for start, end, size in steps:
        with store.writing() as connection:
            _lock(connection)
            condition = EVENTS.c.day.is_(None) if start is None else EVENTS.c.day.between(start, end)
            seeds = {row.id: row for row in connection.execute(report_select().where(condition))}
            _remerge(connection, seeds)
        done += size
        if progress is not None:
            progress(done, total)
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(INCIDENTS)).scalar_one()
