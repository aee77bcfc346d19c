"""Group the synthetic corpus's events into incidents told by 1-3 reports, and write what incident storage writes.

`IncidentPool` decides, event by event, whether an event is one more report of an open incident (same place,
type and actor, a day either side, in another article published within days of it) or the first report of a
new one. `incident_rows` turns a
chunk's events rows into incidents and incident_reports rows and fills the events' incident columns the way
flashpoint/store_incidents.py does: the lead report (most precise place, then the smallest report key) carries
incident_count 1 and the incident's best attacks, injured and killed; every other report carries zeros.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from flashpoint.incident_rules import family_of
from flashpoint.incidents import incident_id
from flashpoint.precision import LOCATION_PRECISIONS, date_precision
from flashpoint.store_rows import week_start

# How many reports an incident is told by (weights for 1, 2, 3): 1.7 on average, as the dev corpus's wire copy.
REPORTS_PER_INCIDENT = (50, 30, 20)
# An event reports an open incident with this chance, about the share of follow-up reports in the sizes above,
# so the pool of open incidents stays small.
FOLLOW_UP_CHANCE = 0.41
# A follow-up report is published on the incident's day or up to this many days after it, as wire copy is.
FOLLOW_UP_DAYS = 3


@dataclass
class OpenIncident:
    """An incident still waiting for reports: what every report of it repeats."""

    tag: int
    place: int
    event_type: str
    day: date
    actor: str
    target: str
    killed: int
    injured: int
    wanted: int
    articles: list[int] = field(default_factory=list)


class IncidentPool:
    """Open incidents of the current chunk of articles; a chunk's incidents never reach into the next chunk, so
    each chunk's rows hold whole incidents."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.open: dict[date, list[OpenIncident]] = defaultdict(list)
        self.next_tag = 0

    def close_all(self) -> None:
        self.open = defaultdict(list)

    def follow_up(self, article: int, published: date) -> OpenIncident | None:
        """An open incident of the days before `published` that this article does not report yet, to report
        again; None to start a new incident."""
        if self.rng.random() >= FOLLOW_UP_CHANCE:
            return None
        days = [published - timedelta(days=back) for back in range(FOLLOW_UP_DAYS + 1)]
        candidates = [incident for day in days for incident in self.open.get(day, ())]
        if not candidates:
            return None
        incident = candidates[self.rng.randrange(len(candidates))]
        if article in incident.articles:
            return None
        incident.articles.append(article)
        if len(incident.articles) >= incident.wanted:
            self.open[incident.day].remove(incident)
        return incident

    def start(self, article: int, **facts: object) -> OpenIncident:
        """A new incident first reported by `article`; it stays open when it wants more reports."""
        wanted = self.rng.choices((1, 2, 3), REPORTS_PER_INCIDENT)[0]
        incident = OpenIncident(self.next_tag, wanted=wanted, articles=[article], **facts)  # type: ignore[arg-type]
        self.next_tag += 1
        if wanted > 1:
            self.open[incident.day].append(incident)
        return incident


def report_day(incident: OpenIncident, rng: random.Random) -> date:
    """A follow-up report's date: the incident's day or a day either side, as wire copy drifts."""
    return incident.day + timedelta(days=rng.choice((-1, 0, 0, 1)))


def incident_rows(events: list[dict], tags: list[int]) -> tuple[list[dict], list[dict]]:
    """Fill the incident columns of `events` (rows with id, article_id and report_index) grouped by `tags`;
    return the incidents rows and the incident_reports rows."""
    members: dict[int, list[dict]] = defaultdict(list)
    for row, tag in zip(events, tags, strict=True):
        members[tag].append(row)
    incidents, reports = [], []
    for group in members.values():
        keys = {row["id"]: f"{row['article_id']}#{row['report_index']}" for row in group}
        lead = min(
            group, key=lambda row: (LOCATION_PRECISIONS.index(row["location_precision"] or "unknown"), keys[row["id"]])
        )
        number = incident_id(_Keyed(key) for key in keys.values())
        # Merge reasons name the incident's first report in date-then-key order, as merge_incidents files them.
        first_told = min(group, key=lambda row: (row["day"], keys[row["id"]]))
        # The most recent specific claim is the best estimate (flashpoint.claims): the last report written.
        latest = max(group, key=lambda row: row["id"])
        killed = [row["killed"] or 0 for row in group]
        injured = [row["injured"] or 0 for row in group]
        attacks = max(row["attack_count"] for row in group)
        for row in group:
            is_lead = row is lead
            row["incident_id"] = number
            row["incident_count"] = int(is_lead)
            row["incident_attacks"] = attacks if is_lead else 0
            row["incident_injured"] = (latest["injured"] or 0) if is_lead else 0
            row["incident_killed"] = (latest["killed"] or 0) if is_lead else 0
            reports.append(
                {
                    "event_id": row["id"],
                    "incident_id": number,
                    "article_id": row["article_id"],
                    "report_key": keys[row["id"]],
                    "joined_key": None if row is first_told else keys[first_told["id"]],
                    "reason": None
                    if row is first_told
                    else f"same family '{family_of(row['type'])}'; same place; within a day",
                }
            )
        # Placed and dated by the lead report, as flashpoint/store_incidents.py writes incidents.
        incidents.append(
            {
                "id": number,
                "family": family_of(lead["type"]),
                "type": lead["type"],
                "day": lead["day"],
                "day_end": lead["date_end"],
                "week": week_start(lead["day"]),
                "country_code": lead["country_code"],
                "admin1": None,
                "place_id": lead["place_id"],
                "location": lead["location"],
                "lat": lead["lat"],
                "lon": lead["lon"],
                "location_precision": lead["location_precision"] or "unknown",
                "date_precision": date_precision(lead["date"], lead["date_end"]),
                "report_count": len(group),
                "article_count": len({row["article_id"] for row in group}),
                "lead_event_id": lead["id"],
                "sentence": lead["sentence"],
                "attacks": attacks,
                "killed_low": min(killed),
                "killed_best": latest["killed"] or 0,
                "killed_high": max(killed),
                "injured_low": min(injured),
                "injured_best": latest["injured"] or 0,
                "injured_high": max(injured),
            }
        )
    return incidents, reports


@dataclass(frozen=True)
class _Keyed:
    """Just the report key, which is all flashpoint.incidents.incident_id reads from a report."""

    key: str
