"""Treat an incident's casualty and attack figures as claims by each report, and roll them up to low / best / high.

Every report of an incident may state its own death toll, injured count or number of attacks, with a qualifier
("at least", "about") and a source. They are never added together: one incident has one toll, reported many
times. The roll-up keeps every claim and gives:

- low: the smallest value claimed, high: the largest;
- best: the most recent *specific* claim, i.e. with no qualifier or only a floor ("at least 84" is specific: it
  is the count so far); approximations ("about", "dozens") and ceilings ("up to") count only when no report
  gives a specific value. Ties on the publication date go to the larger value, since tolls are revised upwards
  as the wounded die and the rubble is searched.

Reports that sum up many incidents ("at least 38 attacks since October 17", "the 108th attack") are a running
total: `running_totals` gives them as a series over time, never added to the incidents they count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flashpoint.incident_rules import EventReport, is_aggregate, is_ordinal, window
from flashpoint.incidents import Incident

CLAIM_KINDS = ("killed", "injured", "attacks")
# Event field each claim kind is read from.
_EVENT_FIELD = {"killed": "killed", "injured": "injured", "attacks": "count"}
# Qualifiers that make a value less than a count: an approximation, a ceiling, or a vague quantity.
VAGUE_QUALIFIERS = frozenset(
    "about,around,approximately,roughly,nearly,almost,some,up to,fewer than,less than,under,as many as,"
    "dozens,scores,hundreds,thousands,several,a few,a dozen,about a dozen".split(",")
)


@dataclass(frozen=True)
class Claim:
    """One report's value for one figure of an incident."""

    kind: str
    value: int
    qualifier: str | None
    source: str | None
    published: date | None
    report: str

    @property
    def specific(self) -> bool:
        return self.qualifier is None or self.qualifier.lower() not in VAGUE_QUALIFIERS


@dataclass(frozen=True)
class ClaimRollup:
    """Every claim for one figure of one incident, with its low / best / high (see the module docstring)."""

    kind: str
    claims: tuple[Claim, ...]
    low: int
    best: int
    high: int


@dataclass(frozen=True)
class RunningTotal:
    """A cumulative figure as one report stated it: `value` counted since `since` (if said), as of `as_of`."""

    kind: str
    value: int
    qualifier: str | None
    since: date | None
    as_of: date | None
    scope: str
    source: str | None
    report: str


def _qualifier(report: EventReport, kind: str, value: int) -> str | None:
    """The qualifier the article gave this value: from the report's figure of the same kind and value."""
    for figure in report.figures:
        if figure.kind == kind and figure.value == value:
            return figure.qualifier
    return None


def report_claims(report: EventReport) -> tuple[Claim, ...]:
    """The claims one report makes, one per figure kind it states."""
    found = []
    for kind in CLAIM_KINDS:
        value = getattr(report.event, _EVENT_FIELD[kind])
        if value is not None:
            qualifier = _qualifier(report, kind, value)
            found.append(Claim(kind, value, qualifier, report.source, report.published, report.key))
    return tuple(found)


def roll_up(claims: Iterable[Claim]) -> ClaimRollup | None:
    """Low / best / high of claims of one kind; None when there are none."""
    claims = tuple(claims)
    if not claims:
        return None
    specific = [claim for claim in claims if claim.specific] or list(claims)
    latest = max(specific, key=lambda claim: (claim.published or date.min, claim.value))
    values = [claim.value for claim in claims]
    return ClaimRollup(claims[0].kind, claims, min(values), latest.value, max(values))


def incident_claims(incident: Incident) -> dict[str, ClaimRollup]:
    """Each figure kind any report of the incident states, rolled up."""
    by_kind: dict[str, list[Claim]] = {}
    for report in incident.reports:
        # "The 108th attack" numbers the incident within a series: 108 is a running total, not this incident's count.
        ordinal = is_ordinal(report)
        for claim in report_claims(report):
            if ordinal and claim.kind == "attacks":
                continue
            by_kind.setdefault(claim.kind, []).append(claim)
    rollups = {kind: roll_up(claims) for kind, claims in by_kind.items()}
    return {kind: rollup for kind, rollup in rollups.items() if rollup is not None}


def running_totals(reports: Iterable[EventReport]) -> tuple[RunningTotal, ...]:
    """The cumulative figures among reports (aggregates and ordinals), ordered by kind, scope and date."""
    totals = []
    for report in reports:
        if not (is_aggregate(report) or is_ordinal(report)):
            continue
        event = report.event
        scope = event.country_code or event.location or ""
        span = window(report)
        since = event.date if event.date is not None and span is not None and span[0] != span[1] else None
        as_of = report.published or (span[1] if span else None)
        for claim in report_claims(report):
            totals.append(
                RunningTotal(claim.kind, claim.value, claim.qualifier, since, as_of, scope, report.source, report.key)
            )
    return tuple(sorted(totals, key=lambda total: (total.kind, total.scope, total.as_of or date.min, total.report)))
