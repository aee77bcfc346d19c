"""Turn an Extraction into the plain records of eval/SCHEMA.md, for JSON output and exports."""

from __future__ import annotations

from datetime import date
from typing import Any

from flashpoint.model import Event, Extraction, Figure, Location, Span


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _span(span: Span) -> list[int]:
    return [span.start, span.end]


def location_record(location: Location) -> dict[str, Any]:
    return {
        "name": location.name,
        "kind": location.kind,
        "country_code": location.country_code,
        "lat": round(location.lat, 5),
        "lon": round(location.lon, 5),
        "mentions": len(location.mentions),
        "literal": location.literal,
        "spans": [_span(span) for span in location.mentions],
    }


def figure_record(figure: Figure) -> dict[str, Any]:
    return {
        "kind": figure.kind,
        "value": figure.value,
        "qualifier": figure.qualifier,
        "text": figure.text,
        "sentence": figure.sentence,
        "span": _span(figure.span),
    }


def event_record(event: Event) -> dict[str, Any]:
    return {
        "type": event.type,
        "date": _iso(event.date),
        "date_end": _iso(event.date_end),
        "location": event.location,
        "country_code": event.country_code,
        "lat": event.lat,
        "lon": event.lon,
        "actors": list(event.actors),
        "targets": list(event.targets),
        "count": event.count,
        "injured": event.injured,
        "killed": event.killed,
        "sentence": event.sentence,
        "span": _span(event.span),
        "confidence": event.confidence,
    }


def extraction_record(extraction: Extraction, path: str) -> dict[str, Any]:
    """One output object of `python -m flashpoint extract --format jsonl`, field for field as in SCHEMA.md."""
    article = extraction.article
    return {
        "path": path,
        "title": article.title,
        "source": article.source,
        "published": _iso(article.published),
        "locations": [location_record(location) for location in extraction.locations],
        "actors": [
            {
                "name": actor.name,
                "kind": actor.kind,
                "mentions": len(actor.mentions),
                "in_dictionary": actor.in_dictionary,
                "affiliation": actor.affiliation,
            }
            for actor in extraction.actors
        ],
        "actor_links": [
            {
                "source": link.source,
                "target": link.target,
                "relation": link.relation,
                "sentence": link.sentence,
                "span": _span(link.span),
            }
            for link in extraction.actor_links
        ],
        "figures": [figure_record(figure) for figure in extraction.figures],
        "events": [event_record(event) for event in extraction.events],
    }
