"""Write incidents as ACLED-compatible CSV, GeoJSON and JSON Lines, with every report, claim and merge reason, and
honest precision."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from flashpoint.claims import incident_claims
from flashpoint.errors import FlashpointError
from flashpoint.incident_rules import precision
from flashpoint.incidents import Incident
from flashpoint.interop_acled import write_acled_csv
from flashpoint.precision import EXACT, NEAR, date_precision

# Places drawn as a point a reader may trust; the rest are centres of an area, marked `approximate`.
_POINT_PRECISIONS = (EXACT, NEAR)


def incident_record(incident: Incident) -> dict[str, Any]:
    """An incident as plain JSON-ready data."""
    lead = incident.lead
    event = lead.event
    place_precision = precision(lead)
    return {
        "id": incident.id,
        "type": event.type,
        "family": incident.family,
        "date": incident.start.isoformat() if incident.start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "date_precision": date_precision(event.date, event.date_end),
        "location": event.location,
        "country_code": event.country_code,
        "admin1": next((report.admin1 for report in incident.reports if report.admin1), None),
        "lat": event.lat,
        "lon": event.lon,
        "location_precision": place_precision,
        "approximate": place_precision not in _POINT_PRECISIONS,
        "report_count": len(incident.reports),
        "reports": [
            {"key": report.key, "source": report.source, "published": report.published and report.published.isoformat()}
            for report in incident.reports
        ],
        "claims": {
            kind: {
                "low": rollup.low,
                "best": rollup.best,
                "high": rollup.high,
                "claims": [
                    {"value": claim.value, "qualifier": claim.qualifier, "source": claim.source, "report": claim.report}
                    for claim in rollup.claims
                ],
            }
            for kind, rollup in sorted(incident_claims(incident).items())
        },
        "merge_reasons": [
            {"report": reason.report, "joined": reason.joined, "reason": reason.text}
            for reason in incident.merge_reasons
        ],
    }


def write_jsonl(incidents: Iterable[Incident], stream: TextIO) -> int:
    """One incident per line; returns the number written."""
    count = 0
    for incident in incidents:
        stream.write(json.dumps(incident_record(incident), ensure_ascii=False) + "\n")
        count += 1
    return count


def geojson(incidents: Iterable[Incident]) -> dict[str, Any]:
    """A FeatureCollection: a Point at the place (an area's centre when `approximate`), or no geometry at all."""
    features = []
    for incident in incidents:
        record = incident_record(incident)
        has_point = record["lat"] is not None and record["lon"] is not None
        geometry = {"type": "Point", "coordinates": [record["lon"], record["lat"]]} if has_point else None
        properties = {key: value for key, value in record.items() if key not in ("lat", "lon")}
        features.append({"type": "Feature", "id": incident.id, "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def write_geojson(incidents: Iterable[Incident], stream: TextIO) -> int:
    """Write `geojson(incidents)`; returns the number of features."""
    collection = geojson(incidents)
    json.dump(collection, stream, ensure_ascii=False)
    return len(collection["features"])


INCIDENT_FORMATS = ("acled", "geojson", "jsonl")


def write_incidents(incidents: Iterable[Incident], export_format: str, stream: TextIO) -> int:
    """Write incidents in one of INCIDENT_FORMATS (ACLED's CSV columns with our values, see
    `flashpoint.interop_acled.acled_row`); returns how many were written."""
    writers = {"acled": write_acled_csv, "geojson": write_geojson, "jsonl": write_jsonl}
    if export_format not in writers:
        raise FlashpointError(
            f"incidents export as {', '.join(INCIDENT_FORMATS)}, not {export_format!r} (ACLED's CSV is 'acled')"
        )
    return writers[export_format](incidents, stream)
