"""Check an analyst's correction before it is stored: its kind and values, and that its target is in the article.

Every check raises `flashpoint.errors.ReviewError` with a message an analyst can act on. Also here: finding a
correction's target in an extraction, and describing that target's current value (the correction's `before`).
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from flashpoint.errors import ReviewError
from flashpoint.model import FIGURE_KINDS, LOCATION_KINDS, Event, Extraction, Figure, Location

if TYPE_CHECKING:
    from flashpoint.corrections import Correction

CORRECTION_KINDS = (
    "place_candidate",
    "place_wrong",
    "actor_wrong",
    "actor_merge",
    "figure_edit",
    "event_date",
    "incident_split",
    "incident_merge",
)
# Kinds that change an article's extraction; the incident kinds change only how reports group into incidents.
EXTRACTION_KINDS = CORRECTION_KINDS[:6]
INCIDENT_KINDS = CORRECTION_KINDS[6:]
# A global correction (article_id None) makes sense only for a name that may appear in many articles.
GLOBAL_KINDS = ("actor_wrong", "actor_merge", *INCIDENT_KINDS)
# The key of the pairs each incident kind's `after` holds (what flashpoint.store_incidents reads).
INCIDENT_PAIR_KEYS = {"incident_split": "apart", "incident_merge": "joined"}
REPORT_KEY = re.compile(r"^[^#\s]+#\d+$")


def check_correction(correction: Correction) -> None:
    """Raise ReviewError unless the correction's kind, target and values are well formed (the article is not read)."""
    if correction.kind not in CORRECTION_KINDS:
        raise ReviewError(f"unknown correction kind {correction.kind!r}; expected one of {', '.join(CORRECTION_KINDS)}")
    if not isinstance(correction.author, str) or not correction.author.strip():
        raise ReviewError(f"{correction.kind}: a correction needs its author")
    if not isinstance(correction.target, dict):
        raise ReviewError(f"{correction.kind}: the target must be a mapping, not {type(correction.target).__name__}")
    if correction.article_id is None and correction.kind not in GLOBAL_KINDS:
        raise ReviewError(f"{correction.kind}: name the article it corrects (only actor corrections may be global)")
    after = correction.after if isinstance(correction.after, dict) else None
    if correction.kind in ("place_candidate", "place_wrong", "actor_wrong", "actor_merge"):
        _need_name(correction.kind, "target", correction.target)
    if correction.kind in ("figure_edit", "event_date"):
        _need_span(correction.kind, correction.target)
    if correction.kind == "place_candidate":
        _check_place(_need_after(correction.kind, after))
    elif correction.kind == "actor_merge":
        kept = _need_name(correction.kind, "after", _need_after(correction.kind, after))
        if kept == correction.target["name"]:
            raise ReviewError(f"actor_merge: cannot merge {kept!r} into itself")
    elif correction.kind == "figure_edit":
        _check_figure(_need_after(correction.kind, after))
    elif correction.kind == "event_date":
        _check_dates(_need_after(correction.kind, after))
    elif correction.kind in INCIDENT_KINDS:
        report_pairs(correction)


def report_pairs(correction: Correction) -> list[tuple[str, str]]:
    """The (report key, report key) pairs an incident correction keeps apart or joins; ReviewError when malformed."""
    pair_key = INCIDENT_PAIR_KEYS[correction.kind]
    pairs = (correction.after or {}).get(pair_key)
    if not isinstance(pairs, list) or not pairs:
        raise ReviewError(f'{correction.kind}: after must be {{"{pair_key}": [[report_key, report_key], ...]}}')
    checked = []
    for pair in pairs:
        if not isinstance(pair, list | tuple) or len(pair) != 2 or pair[0] == pair[1]:
            raise ReviewError(f"{correction.kind}: {pair!r} is not a pair of two different report keys")
        for key in pair:
            if not isinstance(key, str) or not REPORT_KEY.match(key):
                raise ReviewError(f"{correction.kind}: {key!r} is not a report key (article id#event index)")
        checked.append((pair[0], pair[1]))
    return checked


def _need_after(kind: str, after: dict | None) -> dict:
    if after is None:
        raise ReviewError(f"{kind}: the corrected value (after) is missing")
    return after


def _need_name(kind: str, part: str, values: dict) -> str:
    name = values.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ReviewError(f'{kind}: {part} needs a non-empty "name"')
    return name


def _need_span(kind: str, target: dict) -> tuple[int, int]:
    span = target.get("span")
    if (
        not isinstance(span, list | tuple)
        or len(span) != 2
        or not all(isinstance(offset, int) and not isinstance(offset, bool) for offset in span)
        or not 0 <= span[0] < span[1]
    ):
        raise ReviewError(f'{kind}: target needs "span": [start, end] with 0 <= start < end, not {span!r}')
    return span[0], span[1]


def _check_place(after: dict) -> None:
    missing = [key for key in ("place_id", "name", "kind", "lat", "lon") if after.get(key) in (None, "")]
    if missing:
        raise ReviewError(f"place_candidate: the chosen place lacks {', '.join(missing)}")
    if after["kind"] not in LOCATION_KINDS:
        raise ReviewError(f"place_candidate: place kind {after['kind']!r} is not one of {', '.join(LOCATION_KINDS)}")
    for key, limit in (("lat", 90.0), ("lon", 180.0)):
        value = after[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ReviewError(f"place_candidate: {key} must be a number, not {value!r}")
        if abs(value) > limit:
            raise ReviewError(f"place_candidate: {key} {value} is outside ±{limit:g}")


def _check_figure(after: dict) -> None:
    value = after.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ReviewError(f"figure_edit: the value must be a whole number of zero or more (or none), not {value!r}")
    qualifier = after.get("qualifier")
    if qualifier is not None and not isinstance(qualifier, str):
        raise ReviewError(f"figure_edit: the qualifier must be text, not {qualifier!r}")
    kind = after.get("kind")
    if kind is not None and kind not in FIGURE_KINDS:
        raise ReviewError(f"figure_edit: figure kind {kind!r} is not one of {', '.join(FIGURE_KINDS)}")


def _check_dates(after: dict) -> None:
    start = _iso_date("date", after.get("date"))
    if start is None:
        raise ReviewError('event_date: after needs "date" (YYYY-MM-DD)')
    end = _iso_date("date_end", after.get("date_end"))
    if end is not None and end < start:
        raise ReviewError(f"event_date: the range ends ({end}) before it starts ({start})")


def _iso_date(key: str, value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ReviewError(f"event_date: {key} {value!r} is not a date written YYYY-MM-DD") from error


def same_name(first: str | None, second: str) -> bool:
    """Place names are compared without case: the events of an article name its places as the locations do."""
    return first is not None and first.casefold() == second.casefold()


def locations_named(extraction: Extraction, name: str) -> list[Location]:
    """The article's locations carrying this name (as `same_name` compares names)."""
    return [location for location in extraction.locations if same_name(location.name, name)]


def mentions_actor(extraction: Extraction, name: str) -> bool:
    """Whether the article names the actor: among its actors or in an event's actors or targets."""
    return any(actor.name == name for actor in extraction.actors) or any(
        name in event.actors or name in event.targets for event in extraction.events
    )


def figure_at(extraction: Extraction, span: list[int] | tuple[int, int]) -> Figure | None:
    """The figure at exactly this [start, end) span, the way a figure correction names its target."""
    start, end = span
    return next((figure for figure in extraction.figures if (figure.span.start, figure.span.end) == (start, end)), None)


def event_at(extraction: Extraction, span: list[int] | tuple[int, int]) -> Event | None:
    """The event at exactly this [start, end) span, the way an event-date correction names its target."""
    start, end = span
    return next((event for event in extraction.events if (event.span.start, event.span.end) == (start, end)), None)


def check_target(correction: Correction, extraction: Extraction) -> None:
    """Raise ReviewError unless the article's current extraction holds what the correction targets."""
    if correction.kind not in EXTRACTION_KINDS:
        return
    if before_of(correction, extraction) is None:
        raise ReviewError(
            f"{correction.kind}: {_target_words(correction)} is not in this article{_offer(correction, extraction)}"
        )


def _target_words(correction: Correction) -> str:
    if "name" in correction.target:
        noun = "place" if correction.kind.startswith("place") else "actor"
        return f"{noun} {correction.target['name']!r}"
    noun = "figure" if correction.kind == "figure_edit" else "event"
    return f"the {noun} at characters {correction.target.get('span')}"


def _offer(correction: Correction, extraction: Extraction) -> str:
    """The names an analyst could have meant, for the error message."""
    if correction.kind.startswith("place"):
        names = [location.name for location in extraction.locations]
    elif correction.kind.startswith("actor"):
        names = [actor.name for actor in extraction.actors]
    else:
        return ""
    return f" (it names: {', '.join(names)})" if names else " (it names none)"


def before_of(correction: Correction, extraction: Extraction) -> dict | None:
    """The target's current value, as the audit log shows it; None when the extraction does not hold the target."""
    kind = correction.kind
    if kind in ("place_candidate", "place_wrong"):
        found = locations_named(extraction, correction.target["name"])
        if not found:
            return None
        location = found[0]
        return {
            "name": location.name,
            "place_id": location.place_id,
            "kind": location.kind,
            "country_code": location.country_code,
            "lat": location.lat,
            "lon": location.lon,
        }
    if kind in ("actor_wrong", "actor_merge"):
        name = correction.target["name"]
        if not mentions_actor(extraction, name):
            return None
        actor = next((actor for actor in extraction.actors if actor.name == name), None)
        return {"name": name, "kind": actor.kind if actor else None, "mentions": len(actor.mentions) if actor else 0}
    if kind == "figure_edit":
        figure = figure_at(extraction, correction.target["span"])
        if figure is None:
            return None
        return {"value": figure.value, "qualifier": figure.qualifier, "kind": figure.kind, "text": figure.text}
    if kind == "event_date":
        event = event_at(extraction, correction.target["span"])
        if event is None:
            return None
        return {
            "date": event.date.isoformat() if event.date else None,
            "date_end": event.date_end.isoformat() if event.date_end else None,
        }
    return None
