"""Pure pieces of the Articles page's review panel: what an editor may correct in one article, the correction
each action proposes (with a sentence to confirm), and what changed in the article once it was applied."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

import pandas as pd

from components.wording import plural
from flashpoint.model import Place

CANDIDATE_COLUMNS = ("place_id", "place", "kind", "country_code", "admin1", "lat", "lon", "score", "chosen")
# Widget keys carry the item they edit, so a half-typed value stays with its figure or event across reruns.
KEY_PART = re.compile(r"[^0-9a-z]+")


class CandidateLike(Protocol):
    """A gazetteer candidate for one place name, as the core's place_candidates returns it."""

    place: Place
    score: float
    chosen: bool


@dataclass(frozen=True)
class Proposal:
    """One correction an editor asked for and has yet to confirm: what the core will store, and a sentence."""

    kind: str
    article_id: str | None
    target: dict[str, Any]
    after: dict[str, Any] | None
    description: str


@dataclass(frozen=True)
class ArticleSummary:
    """What an article's extraction holds, in words, to tell what a correction changed."""

    places: tuple[str, ...]
    actors: tuple[str, ...]
    links: tuple[str, ...]
    figures: tuple[str, ...]
    events: tuple[str, ...]


@dataclass(frozen=True)
class StagedReview:
    """A proposal waiting for the editor's confirmation, with the article it was made on as it stood then."""

    proposal: Proposal
    article_id: str
    before: ArticleSummary


@dataclass(frozen=True)
class ReviewOutcome:
    """What happened to a confirmed correction or a re-extraction: stored (with its id) or refused, and why."""

    description: str
    article_id: str
    before: ArticleSummary
    correction_id: int | None = None
    problem: str | None = None


def widget_key(prefix: str, *parts: object) -> str:
    """A widget key for `prefix` and the item it edits: lower-case words and digits joined by '-'."""
    words = [KEY_PART.sub("-", str(part).casefold()).strip("-") for part in parts]
    return "_".join([prefix, *(word or "none" for word in words)])


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {key: (None if _missing(value) else value) for key, value in row.items()} for row in table.to_dict("records")
    ]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NaT


def place_names(mentions: pd.DataFrame) -> list[str]:
    """The article's places (literal ones and names standing for a government alike), in order of first mention."""
    if mentions.empty:
        return []
    return list(dict.fromkeys(mentions.sort_values("start", kind="stable")["place"]))


def candidate_table(candidates: Iterable[CandidateLike]) -> pd.DataFrame:
    """One row per gazetteer candidate, best context score first, the one in use marked `chosen`."""
    rows = [
        {
            "place_id": candidate.place.id,
            "place": candidate.place.name,
            "kind": candidate.place.kind,
            "country_code": candidate.place.country_code,
            "admin1": candidate.place.admin1,
            "lat": round(candidate.place.lat, 4),
            "lon": round(candidate.place.lon, 4),
            "score": round(float(candidate.score), 3),
            "chosen": bool(candidate.chosen),
        }
        for candidate in candidates
    ]
    table = pd.DataFrame(rows, columns=list(CANDIDATE_COLUMNS))
    return table.sort_values(["chosen", "score"], ascending=False, kind="stable").reset_index(drop=True)


def place_label(place: Place) -> str:
    """A candidate as a line: name, kind, country and position (admin-1 codes mean little to a reader: the table
    beside shows them)."""
    country = f", {place.country_code}" if place.country_code else ""
    return f"{place.name} ({place.kind}{country}; {place.lat:.2f}, {place.lon:.2f})"


def place_candidate_proposal(article_id: str, name: str, place: Place) -> Proposal:
    """Resolve the article's place `name` to another gazetteer entry."""
    after = {
        "place_id": place.id,
        "name": place.name,
        "kind": place.kind,
        "country_code": place.country_code,
        "lat": place.lat,
        "lon": place.lon,
    }
    description = f"Place “{name}” in this article becomes {place_label(place)}; its events move there."
    return Proposal("place_candidate", article_id, {"name": name}, after, description)


def place_wrong_proposal(article_id: str, name: str) -> Proposal:
    """Drop the article's place `name`: it was not a place here (its events lose their location)."""
    description = f"Place “{name}” is not a place in this article: it leaves the article's places and its events."
    return Proposal("place_wrong", article_id, {"name": name}, None, description)


def actor_names(actors: pd.DataFrame) -> list[str]:
    """The article's actor names, once each, in the order the extraction lists them."""
    return [] if actors.empty else list(dict.fromkeys(actors["name"]))


def actor_wrong_proposal(article_id: str, name: str) -> Proposal:
    """Drop the actor `name` from this article: it leaves its actors, links and events."""
    description = f"Actor “{name}” is wrong in this article: it leaves the actors, links and events."
    return Proposal("actor_wrong", article_id, {"name": name}, None, description)


def merge_targets(name: str, article_actors: Iterable[str], known_actors: Iterable[str]) -> list[str]:
    """The actors `name` may be merged into: this article's others first, then every other known actor."""
    own = [actor for actor in dict.fromkeys(article_actors) if actor != name]
    others = sorted({actor for actor in known_actors if actor != name} - set(own), key=str.casefold)
    return own + others


def actor_merge_proposal(name: str, kept: str) -> Proposal:
    """Merge the actor `name` into `kept` in every article; ValueError when they are the same actor."""
    if kept == name:
        raise ValueError(f"an actor cannot be merged into itself ({name})")
    description = f"Actor “{name}” becomes “{kept}” in every article (names, links, events and filters)."
    return Proposal("actor_merge", None, {"name": name}, {"name": kept}, description)


def span_of(row: Mapping[str, Any]) -> tuple[int, int]:
    """A figure's or event's character span (start, end): what its corrections target it by."""
    return int(row["start"]), int(row["end"])


def figure_rows(figures: pd.DataFrame) -> list[dict[str, Any]]:
    """The article's figures in text order, each a dict with kind, value, qualifier, text and its span."""
    return _records(figures.sort_values(["start", "end"], kind="stable")) if not figures.empty else []


def figure_label(row: Mapping[str, Any]) -> str:
    """A figure as one line for the chooser: kind, qualifier and value, its words, and where it stands."""
    value = "no number" if row.get("value") is None else f"{int(row['value']):,}"
    qualifier = f"{row['qualifier']} " if row.get("qualifier") else ""
    return f"{row['kind']}: {qualifier}{value} · “{row['text']}” (at {int(row['start'])})"


def _shown(value: object) -> str:
    return "none" if value in (None, "") else str(value)


def figure_edit_proposal(article_id: str, row: Mapping[str, Any], value: int | None, qualifier: str | None) -> Proposal:
    """Give the figure at `row`'s span a new value and qualifier (blank qualifier = none)."""
    if value is not None and value < 0:
        raise ValueError("a figure counts something: it cannot be negative")
    qualifier = (qualifier or "").strip() or None
    old_value = None if row.get("value") is None else int(row["value"])
    if value == old_value and qualifier == (row.get("qualifier") or None):
        raise ValueError("that is what the figure already says")
    description = (
        f"Figure {row['kind']} “{row['text']}”: value {_shown(old_value)} → {_shown(value)}, "
        f"qualifier {_shown(row.get('qualifier'))} → {_shown(qualifier)}."
    )
    after = {"value": value, "qualifier": qualifier, "kind": row["kind"]}
    return Proposal("figure_edit", article_id, {"span": list(span_of(row))}, after, description)


def event_rows(events: pd.DataFrame) -> list[dict[str, Any]]:
    """The article's events in text order, as dicts with their span."""
    return _records(events.sort_values(["start", "end"], kind="stable")) if not events.empty else []


def as_date(value: object) -> date | None:
    """A table's date cell (date, Timestamp, ISO text or missing) as a date, or None."""
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def event_label(row: Mapping[str, Any]) -> str:
    """An event as one line for the chooser: type, place, dates and where it stands in the text."""
    when = _spoken_dates(as_date(row.get("date")), as_date(row.get("date_end")))
    where = row.get("location") or "no place"
    return f"{row['type']} · {where} · {when} (at {int(row['start'])})"


def _spoken_dates(start: date | None, end: date | None) -> str:
    """'undated', '2024-01-16', or '2024-01-16 to 2024-01-18'."""
    if start is None:
        return "undated"
    return start.isoformat() + (f" to {end.isoformat()}" if end else "")


def event_date_proposal(article_id: str, row: Mapping[str, Any], day: date, day_end: date | None) -> Proposal:
    """Date the event at `row`'s span `day` (to `day_end` when it spans several days)."""
    if day_end is not None and day_end < day:
        raise ValueError(f"the end date {day_end.isoformat()} is before the start {day.isoformat()}")
    if day_end == day:
        day_end = None
    old_day, old_end = as_date(row.get("date")), as_date(row.get("date_end"))
    if (day, day_end) == (old_day, old_end):
        raise ValueError("that is the date the event already has")
    description = (
        f"Event {row['type']} at {row.get('location') or 'no place'}: "
        f"{_spoken_dates(old_day, old_end)} → {_spoken_dates(day, day_end)}."
    )
    after = {"date": day.isoformat(), "date_end": day_end.isoformat() if day_end else None}
    return Proposal("event_date", article_id, {"span": list(span_of(row))}, after, description)


def article_incident_ids(events: pd.DataFrame) -> list[str]:
    """The incidents this article's events belong to, in text order."""
    if events.empty or "incident_id" not in events.columns:
        return []
    ordered = events.sort_values(["start", "end"], kind="stable")["incident_id"]
    return [str(incident) for incident in dict.fromkeys(ordered) if not _missing(incident)]


def own_report_keys(reports: pd.DataFrame, article_id: str) -> list[str]:
    """The keys of this article's reports among an incident's reports."""
    if reports.empty:
        return []
    return list(reports.loc[reports["article_id"] == article_id, "report_key"])


def incident_split_proposal(
    article_id: str, incident_id: str, report_keys: Sequence[str], own_keys: Sequence[str]
) -> Proposal:
    """Take this article's reports out of the incident: each is kept apart from every other report in it."""
    others = [key for key in report_keys if key not in own_keys]
    if not own_keys or not others:
        raise ValueError("only an incident with this article's report and another article's can be split")
    apart = [[own, other] for own in own_keys for other in others]
    description = (
        f"Split this article's {plural(len(own_keys), 'report')} ({', '.join(own_keys)}) out of incident "
        f"{incident_id}: the other {plural(len(others), 'report')} stay together; this article's becomes an "
        "incident of its own."
    )
    target = {"incident_id": incident_id, "report_keys": list(own_keys)}
    return Proposal("incident_split", article_id, target, {"apart": apart}, description)


def incident_merge_proposal(
    article_id: str, incident_id: str, own_key: str, other_incident: str, other_key: str
) -> Proposal:
    """Join this article's report with a report of another incident, so the two incidents become one."""
    if other_incident == incident_id:
        raise ValueError("the report is already in that incident")
    description = (
        f"Merge incident {incident_id} (this article's report {own_key}) with incident {other_incident} "
        f"(report {other_key}): they count as one incident."
    )
    target = {"incident_id": incident_id, "report_key": own_key, "other_incident_id": other_incident}
    return Proposal("incident_merge", article_id, target, {"joined": [[own_key, other_key]]}, description)


def incident_anchor(events: pd.DataFrame, incident_id: str) -> tuple[date | None, str | None]:
    """Where and when this article places an incident: its earliest dated event in it, and that event's country."""
    rows = [row for row in event_rows(events) if row.get("incident_id") == incident_id]
    dated = sorted((row for row in rows if as_date(row.get("date"))), key=lambda row: as_date(row["date"]))
    first = dated[0] if dated else (rows[0] if rows else {})
    return as_date(first.get("date")), first.get("country_code")


def incident_choice_label(row: Mapping[str, Any]) -> str:
    """A line for a select of incidents: day, type, place and report count."""
    day = as_date(row.get("day"))
    reports = plural(int(row.get("report_count") or 0), "report")
    where = row.get("location") or "no place"
    return f"{day.isoformat() if day else 'undated'} · {row.get('type')} · {where} · {reports} ({row['incident_id']})"


def article_summary(
    mentions: pd.DataFrame, actors: pd.DataFrame, links: pd.DataFrame, figures: pd.DataFrame, events: pd.DataFrame
) -> ArticleSummary:
    """The article's extraction in words: its places, actors, links, figures and events."""
    first_mentions = _records(mentions.sort_values("start", kind="stable").drop_duplicates("place"))
    places = tuple(f"{row['place']} ({row['country_code'] or 'no country'})" for row in first_mentions)
    link_lines = tuple(f"{row['source']} {row['relation']} {row['target']}" for row in _records(links))
    figure_lines = tuple(figure_label(row) for row in figure_rows(figures))
    event_lines = tuple(event_label(row) for row in event_rows(events))
    return ArticleSummary(places, tuple(actor_names(actors)), link_lines, figure_lines, event_lines)


SUMMARY_PARTS = (
    ("places", "place"),
    ("actors", "actor"),
    ("links", "link"),
    ("figures", "figure"),
    ("events", "event"),
)


# Figure and event lines end with their place in the text, "(at 107)": the same place before and after is the
# same item changed, not one removed and another added.
TEXT_POSITION = re.compile(r"\(at \d+\)$")


def _position(item: str) -> str | None:
    found = TEXT_POSITION.search(item)
    return found.group() if found else None


def effect_lines(before: ArticleSummary, after: ArticleSummary) -> list[str]:
    """What a correction changed in the article, per part: each item changed (old → new), gone or new."""
    lines = []
    for field, noun in SUMMARY_PARTS:
        old, new = getattr(before, field), getattr(after, field)
        removed = [item for item in old if item not in new]
        added = [item for item in new if item not in old]
        added_at = {_position(item): item for item in added if _position(item)}
        changed = {item: added_at[_position(item)] for item in removed if _position(item) in added_at}
        lines += [f"{noun} changed: {item} → {changed[item]}" for item in removed if item in changed]
        lines += [f"{noun} removed: {item}" for item in removed if item not in changed]
        lines += [f"{noun} added: {item}" for item in added if item not in changed.values()]
    return lines
