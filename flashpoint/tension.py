"""Score tension per country (or sea) and per admin-1 region for each ISO week, and classify its change.

The weekly score of an area is the sum over its incidents (dated by their first day) of

    TYPE_WEIGHTS[type] + KILLED_WEIGHT * killed + INJURED_WEIGHT * injured

where killed and injured are the incident's best estimates (`flashpoint.claims`), so an incident told by ten
reports counts once. The change compares the week with the mean of the `BASELINE_WEEKS` weeks before it (weeks
with no incident score zero, including weeks before the area's first incident), classified like ACLED's
early-warning levels: above +25% a large increase, +10% to +25% a moderate increase, symmetric decreases,
anything else stable. With a zero baseline the change is undefined: a week with incidents is a large increase
(from nothing to something), a week without is stable. Rows run from an area's first week to the last week with
any incident anywhere, so a region that falls quiet shows its decrease.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from flashpoint.claims import incident_claims
from flashpoint.incidents import Incident
from flashpoint.model import TENSION_BASELINE_WEEKS, TENSION_LEVELS

# Weights in the spirit of the Goldstein conflict-cooperation scale (Goldstein 1992, as used for CAMEO codes in
# GDELT), as magnitudes: using military force, aerial weapons, bombing and fighting are -10 there; seizing,
# abducting or hijacking about -9; a raid is a use of force at closer range, -9 to -10; an interception is an
# attack that failed, scored like a show of force (-7.2); a threat of force -4.4 to -7, we take 4 as most threats
# reported are verbal. Wars and meetings named in passing are context, not incidents of the week: 0.
TYPE_WEIGHTS = {
    "airstrike": 10.0,
    "missile strike": 10.0,
    "drone attack": 10.0,
    "rocket attack": 10.0,
    "bombing": 10.0,
    "attack": 10.0,
    "clash": 10.0,
    "casualties": 10.0,
    "raid": 9.0,
    "seizure": 9.0,
    "interception": 7.0,
    "threat": 4.0,
    "war": 0.0,
    "meeting": 0.0,
}
UNKNOWN_TYPE_WEIGHT = 5.0
# A death weighs a fifth of an incident, an injury a twentieth: a mass-casualty week stands out without one
# bombing drowning every other signal (84 killed add 168, about 17 attacks' worth).
KILLED_WEIGHT = 2.0
INJURED_WEIGHT = 0.5
BASELINE_WEEKS = TENSION_BASELINE_WEEKS
LARGE_CHANGE = 0.25
MODERATE_CHANGE = 0.10
LEVELS = TENSION_LEVELS


@dataclass(frozen=True)
class TensionWeek:
    """One area's score for one ISO week; `admin1` is None on country (or sea) rows."""

    area: str
    admin1: str | None
    week: str
    week_start: date
    incidents: int
    killed: int
    injured: int
    score: float
    baseline: float
    change: float | None
    level: str
    incident_ids: tuple[str, ...]


def type_weight(event_type: str) -> float:
    """The weight of one incident of this type, before its casualties are added."""
    return TYPE_WEIGHTS.get(event_type, UNKNOWN_TYPE_WEIGHT)


def severity(incident: Incident) -> tuple[float, int, int]:
    """An incident's score and the killed / injured best estimates it carries."""
    claims = incident_claims(incident)
    killed = claims["killed"].best if "killed" in claims else 0
    injured = claims["injured"].best if "injured" in claims else 0
    weight = type_weight(incident.lead.event.type)
    return weight + KILLED_WEIGHT * killed + INJURED_WEIGHT * injured, killed, injured


def change_level(score: float, baseline: float) -> tuple[float | None, str]:
    """The relative change of `score` against `baseline` and its early-warning level."""
    if baseline == 0:
        return None, "large increase" if score > 0 else "stable"
    change = (score - baseline) / baseline
    if change > LARGE_CHANGE:
        return change, "large increase"
    if change >= MODERATE_CHANGE:
        return change, "moderate increase"
    if change < -LARGE_CHANGE:
        return change, "large decrease"
    if change <= -MODERATE_CHANGE:
        return change, "moderate decrease"
    return change, "stable"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week_name(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _areas(incident: Incident) -> list[tuple[str, str | None]]:
    """The country (or sea) row and, when a report names one, the admin-1 row an incident counts in."""
    lead = incident.lead.event
    area = lead.country_code or lead.location
    if not area:
        return []
    admin1 = next((report.admin1 for report in incident.reports if report.admin1), None)
    return [(area, None)] + ([(area, admin1)] if admin1 else [])


def weekly_levels(
    scores: Mapping[date, float], last_week: date
) -> Iterator[tuple[date, float, float, float | None, str]]:
    """(Monday, score, baseline, change, level) for each week from the first Monday in `scores` to `last_week`;
    weeks missing from `scores`, and the weeks before the first, score zero."""
    history: list[float] = [0.0] * BASELINE_WEEKS
    monday = min(scores)
    while monday <= last_week:
        score = scores.get(monday, 0.0)
        baseline = sum(history[-BASELINE_WEEKS:]) / BASELINE_WEEKS
        change, level = change_level(score, baseline)
        yield monday, score, baseline, change, level
        history.append(score)
        monday += timedelta(days=7)


def tension_index(incidents: Iterable[Incident]) -> tuple[TensionWeek, ...]:
    """Weekly tension rows for every area and admin-1 region (see the module docstring), by area then week."""
    weekly: dict[tuple[str, str | None], dict[date, list[tuple[Incident, float, int, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for incident in incidents:
        if incident.start is None:
            continue
        scored = (incident, *severity(incident))
        for key in _areas(incident):
            weekly[key][_monday(incident.start)].append(scored)
    if not weekly:
        return ()
    last_week = max(week for weeks in weekly.values() for week in weeks)
    rows = []
    for (area, admin1), weeks in sorted(weekly.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        scores = {monday: sum(entry[1] for entry in entries) for monday, entries in weeks.items()}
        for monday, score, baseline, change, level in weekly_levels(scores, last_week):
            entries = sorted(weeks.get(monday, []), key=lambda entry: entry[0].id)
            rows.append(
                TensionWeek(
                    area,
                    admin1,
                    _week_name(monday),
                    monday,
                    len(entries),
                    sum(entry[2] for entry in entries),
                    sum(entry[3] for entry in entries),
                    score,
                    baseline,
                    change,
                    level,
                    tuple(entry[0].id for entry in entries),
                )
            )
    return tuple(rows)
