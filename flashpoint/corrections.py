"""Analysts' corrections of an extraction and how they override the machine's output, kept pure (no storage).

A correction names its target by what survives re-extraction: a place or actor by name, a figure or an event by
its character span in the article text. `apply_corrections` replays the active corrections over a fresh machine
extraction in the order given (oldest first, as `store_corrections.active_corrections` returns them), so a later
correction of the same target wins. Applying is idempotent: applying the result again changes nothing, because a
correction either rewrites its target to fixed values or removes it (and a removed target is simply not found).

Corrections never add or remove events, so each event keeps its position and its incident report key
(`article_id#index`) across corrections and re-extraction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from flashpoint.correction_checks import (
    CORRECTION_KINDS,
    EXTRACTION_KINDS,
    INCIDENT_KINDS,
    check_correction,
    event_at,
    figure_at,
    locations_named,
    mentions_actor,
    same_name,
)
from flashpoint.errors import ReviewError
from flashpoint.model import Actor, ActorLink, Event, Extraction, Figure, Location

__all__ = [
    "CORRECTION_KINDS",
    "EXTRACTION_KINDS",
    "INCIDENT_KINDS",
    "AppliedCorrections",
    "Correction",
    "SkippedCorrection",
    "apply_corrections",
    "apply_with_report",
    "check_correction",
]

# Which event field carries each counted figure kind (the same pairing flashpoint.events uses).
EVENT_FIELD_OF_FIGURE = {"attacks": "count", "injured": "injured", "killed": "killed"}


@dataclass(frozen=True)
class Correction:
    """One analyst's change: what kind, to which target, from what (`before`) to what (`after`), by whom, when.

    `article_id` None makes the correction global (every article naming the target, e.g. an actor merge).
    `undone_at`/`undone_by` are set when it is undone; an undone correction stays in the log and is ignored.
    """

    kind: str
    target: dict
    after: dict | None
    before: dict | None
    article_id: str | None
    author: str
    created_at: datetime
    id: int | None = None
    undone_at: datetime | None = None
    undone_by: str | None = None
    note: str | None = None

    @property
    def active(self) -> bool:
        """True while the correction is in force (not undone)."""
        return self.undone_at is None


@dataclass(frozen=True)
class SkippedCorrection:
    """A correction that could not be applied to this extraction, and why (its target is not there)."""

    correction: Correction
    reason: str


@dataclass(frozen=True)
class AppliedCorrections:
    """The corrected extraction, the corrections that changed it, and those skipped with their reasons."""

    extraction: Extraction
    applied: tuple[Correction, ...] = ()
    skipped: tuple[SkippedCorrection, ...] = field(default=())


def apply_corrections(extraction: Extraction, corrections: Iterable[Correction]) -> Extraction:
    """The extraction with every active correction applied; undone ones and those whose target is gone are skipped."""
    return apply_with_report(extraction, corrections).extraction


def apply_with_report(extraction: Extraction, corrections: Iterable[Correction]) -> AppliedCorrections:
    """Like `apply_corrections`, also saying which corrections were applied and which were skipped and why.

    Incident corrections (split/merge) do not change an extraction; they are read by flashpoint.store_incidents,
    and appear here in neither list. Undone corrections appear in neither list either.
    """
    applied: list[Correction] = []
    skipped: list[SkippedCorrection] = []
    for correction in corrections:
        if not correction.active or correction.kind in INCIDENT_KINDS:
            continue
        try:
            check_correction(correction)
        except ReviewError as error:
            # A stored record that no longer reads as a correction (edited by hand, an older format) is reported,
            # and the article is still extracted.
            skipped.append(SkippedCorrection(correction, f"malformed correction: {error}"))
            continue
        changed, missing = _APPLIERS[correction.kind](extraction, correction)
        if missing:
            skipped.append(SkippedCorrection(correction, missing))
        else:
            extraction = changed
            applied.append(correction)
    return AppliedCorrections(extraction, tuple(applied), tuple(skipped))


def _choose_place(extraction: Extraction, correction: Correction) -> tuple[Extraction, str]:
    """Another gazetteer entry for a place: its name as the article writes it stays, so its events still name it."""
    name = correction.target["name"]
    if not locations_named(extraction, name):
        return extraction, f"no place named {name!r} in this article"
    after = correction.after or {}
    chosen = {
        "kind": str(after["kind"]),
        "country_code": after.get("country_code") or None,
        "lat": float(after["lat"]),
        "lon": float(after["lon"]),
    }
    locations = tuple(
        # The old place's admin-1 region is not the new one's; a correction may name the new one.
        replace(location, **chosen, place_id=str(after["place_id"]), confidence=1.0, admin1=after.get("admin1"))
        if same_name(location.name, name)
        else location
        for location in extraction.locations
    )
    return _placed(
        extraction, name, locations, country_code=chosen["country_code"], lat=chosen["lat"], lon=chosen["lon"]
    ), ""


def _drop_place(extraction: Extraction, correction: Correction) -> tuple[Extraction, str]:
    """A place the article does not mean: it leaves the locations, and its events lose their place."""
    name = correction.target["name"]
    if not locations_named(extraction, name):
        return extraction, f"no place named {name!r} in this article"
    locations = tuple(location for location in extraction.locations if not same_name(location.name, name))
    return _placed(extraction, name, locations, location=None, country_code=None, lat=None, lon=None), ""


def _placed(extraction: Extraction, name: str, locations: tuple[Location, ...], **event_fields: object) -> Extraction:
    """The extraction with new locations, and `event_fields` set on every event placed at `name`."""
    events = tuple(
        replace(event, **event_fields) if same_name(event.location, name) else event for event in extraction.events
    )
    return replace(extraction, locations=locations, events=events)


def _drop_actor(extraction: Extraction, correction: Correction) -> tuple[Extraction, str]:
    """An actor the article does not name: gone from actors, links, affiliations and every event's roles."""
    name = correction.target["name"]
    if not mentions_actor(extraction, name):
        return extraction, f"no actor named {name!r} in this article"
    actors = tuple(
        replace(actor, affiliation=None) if actor.affiliation == name else actor
        for actor in extraction.actors
        if actor.name != name
    )
    links = tuple(link for link in extraction.actor_links if name not in (link.source, link.target))
    events = tuple(
        replace(
            event,
            actors=tuple(actor for actor in event.actors if actor != name),
            targets=tuple(target for target in event.targets if target != name),
        )
        for event in extraction.events
    )
    return replace(extraction, actors=actors, actor_links=links, events=events), ""


def _merge_actor(extraction: Extraction, correction: Correction) -> tuple[Extraction, str]:
    """Two names of one actor: the merged-away name becomes the kept one everywhere, mentions pooled."""
    merged, kept = correction.target["name"], (correction.after or {})["name"]
    if not mentions_actor(extraction, merged):
        return extraction, f"no actor named {merged!r} in this article"
    return replace(
        extraction,
        actors=_merged_actors(extraction.actors, merged, kept),
        actor_links=_merged_links(extraction.actor_links, merged, kept),
        events=tuple(_merged_roles(event, merged, kept) for event in extraction.events),
    ), ""


def _merged_actors(actors: tuple[Actor, ...], merged: str, kept: str) -> tuple[Actor, ...]:
    merged_actor = next((actor for actor in actors if actor.name == merged), None)
    has_kept = any(actor.name == kept for actor in actors)
    result = []
    for actor in actors:
        if actor.name == merged and has_kept:
            continue
        if actor.name == merged:
            actor = replace(actor, name=kept)
        elif actor.name == kept and merged_actor is not None:
            pooled = sorted(set(actor.mentions) | set(merged_actor.mentions), key=lambda span: (span.start, span.end))
            actor = replace(actor, mentions=tuple(pooled))
        if actor.affiliation == merged:
            actor = replace(actor, affiliation=kept)
        if actor.affiliation == actor.name:
            actor = replace(actor, affiliation=None)
        result.append(actor)
    return tuple(result)


def _merged_links(links: tuple[ActorLink, ...], merged: str, kept: str) -> tuple[ActorLink, ...]:
    renamed = (
        replace(
            link,
            source=kept if link.source == merged else link.source,
            target=kept if link.target == merged else link.target,
        )
        for link in links
    )
    # An actor linked to itself says nothing; the same link twice (once under each name) is one link.
    return tuple(dict.fromkeys(link for link in renamed if link.source != link.target))


def _merged_roles(event: Event, merged: str, kept: str) -> Event:
    if merged not in event.actors and merged not in event.targets:
        return event
    actors = tuple(dict.fromkeys(kept if name == merged else name for name in event.actors))
    targets = tuple(
        name for name in dict.fromkeys(kept if name == merged else name for name in event.targets) if name not in actors
    )
    return replace(event, actors=actors, targets=targets)


def _edit_figure(extraction: Extraction, correction: Correction) -> tuple[Extraction, str]:
    """A figure's value, qualifier or kind corrected; an event whose number came from it follows."""
    figure = figure_at(extraction, correction.target["span"])
    if figure is None:
        return extraction, f"no figure at characters {correction.target['span']} in this article"
    after = correction.after or {}
    edited = replace(
        figure,
        value=after.get("value"),
        qualifier=after.get("qualifier"),
        kind=str(after.get("kind") or figure.kind),
    )
    figures = tuple(edited if item is figure else item for item in extraction.figures)
    sources = _events_counting(extraction.events, figure)
    events = tuple(
        _with_figure(event, figure, edited) if index in sources else event
        for index, event in enumerate(extraction.events)
    )
    return replace(extraction, figures=figures, events=events), ""


def _events_counting(events: tuple[Event, ...], figure: Figure) -> set[int]:
    """The events whose number came from `figure`: those holding its value and, preferably, its sentence.

    An event merged from several sentences keeps only the first sentence's span, so when no event holding the
    value contains the figure, the one event holding that value (if only one does) is taken.
    """
    field_name = EVENT_FIELD_OF_FIGURE.get(figure.kind)
    if field_name is None or figure.value is None:
        return set()
    holding = [index for index, event in enumerate(events) if getattr(event, field_name) == figure.value]
    containing = {
        index
        for index in holding
        if events[index].span.start <= figure.span.start and figure.span.end <= events[index].span.end
    }
    if containing:
        return containing
    return set(holding) if len(holding) == 1 else set()


def _with_figure(event: Event, old: Figure, new: Figure) -> Event:
    old_field = EVENT_FIELD_OF_FIGURE[old.kind]
    new_field = EVENT_FIELD_OF_FIGURE.get(new.kind)
    if new_field == old_field:
        return replace(event, **{old_field: new.value})
    # The figure now counts something else: the event loses the old number and takes the new one if it had none.
    changes: dict[str, int | None] = {old_field: None}
    if new_field is not None and getattr(event, new_field) is None:
        changes[new_field] = new.value
    return replace(event, **changes)


def _date_event(extraction: Extraction, correction: Correction) -> tuple[Extraction, str]:
    """An event's date (or date range) corrected."""
    found = event_at(extraction, correction.target["span"])
    if found is None:
        return extraction, f"no event at characters {correction.target['span']} in this article"
    after = correction.after or {}
    day = date.fromisoformat(str(after["date"]))
    day_end = date.fromisoformat(str(after["date_end"])) if after.get("date_end") else None
    events = tuple(
        replace(event, date=day, date_end=day_end) if event is found else event for event in extraction.events
    )
    return replace(extraction, events=events), ""


_APPLIERS = {
    "place_candidate": _choose_place,
    "place_wrong": _drop_place,
    "actor_wrong": _drop_actor,
    "actor_merge": _merge_actor,
    "figure_edit": _edit_figure,
    "event_date": _date_event,
}
