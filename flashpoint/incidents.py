"""Merge events from different reports that describe the same incident into one incident, with a reason per merge.

The rules for one pair of reports are in `flashpoint.incident_rules`. Clustering is complete-linkage (a report
joins an incident only if it agrees with every report already in it), done in a canonical order (date, then
report key) so the output does not depend on the input order; candidates come from a (family, area, day) index,
so the cost grows with the size of each day's blocks, not with the square of all reports.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from flashpoint.incident_rules import (
    EventReport,
    family_of,
    insert_keys,
    is_aggregate,
    lookup_keys,
    merge_reason,
    precision,
    window,
)
from flashpoint.model import Extraction
from flashpoint.precision import LOCATION_PRECISIONS

__all__ = [
    "EventReport",
    "Incident",
    "MergeReason",
    "apart_pairs",
    "grow_incidents",
    "is_aggregate",
    "join_incidents",
    "merge_incidents",
    "merge_reason",
    "split_incident",
]


@dataclass(frozen=True)
class MergeReason:
    """Why `report` (a report key) was merged into the incident that already held `joined`."""

    report: str
    joined: str
    text: str


@dataclass(frozen=True)
class Incident:
    """One real-world incident: every report of it, and why each report after the first was merged in."""

    id: str
    reports: tuple[EventReport, ...]
    merge_reasons: tuple[MergeReason, ...] = field(default=())

    @property
    def family(self) -> str:
        """The type family of the incident's reports (what may merge with what)."""
        return family_of(self.reports[0].event.type)

    @property
    def start(self) -> date | None:
        """The first day any report's window opens on; None when no report is dated."""
        return min((window(report)[0] for report in self.reports if window(report)), default=None)

    @property
    def lead(self) -> EventReport:
        """The report with the most precise place (then the earliest key): the one to draw and label."""
        return min(self.reports, key=lambda report: (LOCATION_PRECISIONS.index(precision(report)), report.key))


def event_reports(extraction: Extraction, article_id: str) -> tuple[EventReport, ...]:
    """The events of one article as reports: with its source and date, each event's location kind (from the
    article's resolved locations) and the figures stated inside the event's span (for their qualifiers)."""
    kinds = {location.name: location.kind for location in extraction.locations}
    article = extraction.article
    return tuple(
        EventReport(
            event,
            article_id,
            article.source,
            article.published,
            index,
            location_kind=kinds.get(event.location or ""),
            figures=tuple(
                figure
                for figure in extraction.figures
                if event.span.start <= figure.span.start and figure.span.end <= event.span.end
            ),
        )
        for index, event in enumerate(extraction.events)
    )


def incident_id(reports: Iterable[EventReport]) -> str:
    """An id that depends only on which reports an incident holds."""
    joined = "\n".join(sorted(report.key for report in reports))
    return hashlib.sha1(joined.encode()).hexdigest()[:16]


def _signature(report: EventReport) -> tuple:
    """Everything `merge_reason` reads of a report (type, days, place and its precision, actors, targets)."""
    event = report.event
    place = (precision(report), event.location, event.country_code, event.lat, event.lon)
    return (event.type, window(report), *place, event.actors, event.targets)


def _canonical_order(report: EventReport) -> tuple[str, str]:
    span = window(report)
    return (span[0].isoformat() if span else "9999", report.key)


class _Clustering:
    """Complete-linkage clustering in progress: each group's members and merge reasons, one member for each
    distinct signature (members alike in everything the rules read are checked once, and their index keys
    computed once: many outlets repeat one wire report word for word), and the (family, area, day) index."""

    def __init__(self, apart: set[frozenset[str]]) -> None:
        self.apart = apart
        self.members: list[list[EventReport]] = []
        self.reasons: list[list[MergeReason]] = []
        # Signatures are numbered as first seen, so verdicts are memoised by a pair of small numbers.
        self.kinds: dict[tuple, int] = {}
        self.distinct: list[dict[int, EventReport]] = []
        self.verdicts: dict[tuple[int, int], str | None] = {}
        self.keys: dict[int, tuple[list, list]] = {}
        self.index: dict[tuple[str, str, date], set[int]] = defaultdict(set)

    def _kind(self, report: EventReport) -> int:
        return self.kinds.setdefault(_signature(report), len(self.kinds))

    def _keys(self, report: EventReport, kind: int) -> tuple[list, list]:
        """(lookup keys, insert keys) of a report, which depend on its signature alone."""
        if kind not in self.keys:
            self.keys[kind] = (lookup_keys(report), insert_keys(report))
        return self.keys[kind]

    def _reason(self, member: EventReport, member_kind: int, report: EventReport, kind: int) -> str | None:
        pair = (member_kind, kind)
        if pair not in self.verdicts:
            self.verdicts[pair] = merge_reason(member, report)
        return self.verdicts[pair]

    def _file(self, number: int, report: EventReport, kind: int) -> None:
        if number == len(self.members):
            self.members.append([])
            self.reasons.append([])
            self.distinct.append({})
        self.members[number].append(report)
        if kind in self.distinct[number]:
            return
        self.distinct[number][kind] = report
        for key in self._keys(report, kind)[1]:
            self.index[key].add(number)

    def add_group(self, members: Sequence[EventReport]) -> int:
        """A group formed before: its first member, then at least one member of each other signature."""
        number = len(self.members)
        for member in members:
            self._file(number, member, self._kind(member))
        return number

    def add(self, report: EventReport) -> tuple[int, MergeReason | None]:
        """File a report in the first group (in the order groups were formed) whose every member agrees with it,
        or in a new group; returns the group's number and why it joined (None for a new group)."""
        kind = self._kind(report)
        lookup = self._keys(report, kind)[0]
        candidates = sorted({number for key in lookup for number in self.index.get(key, ())})
        for number in candidates:
            members = self.members[number]
            if self.apart and any(frozenset((member.key, report.key)) in self.apart for member in members):
                continue
            kinds = self.distinct[number]
            first_kind, first = next(iter(kinds.items()))
            first_reason = self._reason(first, first_kind, report, kind)
            if first_reason and all(self._reason(alike, seen, report, kind) for seen, alike in kinds.items()):
                why = MergeReason(report.key, first.key, first_reason)
                self.reasons[number].append(why)
                self._file(number, report, kind)
                return number, why
        number = len(self.members)
        self._file(number, report, kind)
        return number, None


def merge_incidents(
    reports: Sequence[EventReport],
    kept_apart: Iterable[tuple[str, str]] = (),
    joined: Iterable[tuple[str, str]] = (),
) -> tuple[Incident, ...]:
    """Group reports into incidents (see the module docstring for the rules); aggregate reports are left out.

    `kept_apart` holds pairs of report keys an analyst has split (`apart_pairs`): they never share an incident,
    so a split survives re-merging after new reports arrive. `joined` holds pairs an analyst has merged: after
    clustering, the incidents holding the two reports of each pair become one (see `join_incidents`).
    """
    clustering = _Clustering({frozenset(pair) for pair in kept_apart})
    for report in sorted((r for r in reports if not is_aggregate(r)), key=_canonical_order):
        clustering.add(report)
    incidents = [
        Incident(incident_id(group), tuple(group), tuple(why))
        for group, why in zip(clustering.members, clustering.reasons, strict=True)
    ]
    return _in_order(join_incidents(incidents, joined))


def grow_incidents(
    groups: Sequence[Sequence[EventReport]], reports: Sequence[EventReport]
) -> dict[str, tuple[int, MergeReason | None]]:
    """Add new reports to incidents formed before, by the rules of `merge_incidents`, without regrouping them.

    Each group is given by its first report then one report of each other signature (all `merge_reason` reads);
    new reports are taken in canonical order. Returns, by report key, the group each non-aggregate report went
    to (0.. for `groups` in order, then new groups numbered on) and why it joined (None when it began a group).
    """
    clustering = _Clustering(set())
    for group in groups:
        clustering.add_group(group)
    return {
        report.key: clustering.add(report)
        for report in sorted((r for r in reports if not is_aggregate(r)), key=_canonical_order)
    }


def _in_order(incidents: Iterable[Incident]) -> tuple[Incident, ...]:
    return tuple(sorted(incidents, key=lambda incident: (_canonical_order(incident.reports[0]), incident.id)))


def join_incidents(incidents: Sequence[Incident], joined: Iterable[tuple[str, str]]) -> tuple[Incident, ...]:
    """The incidents with those holding the two reports of each `joined` pair made one.

    An analyst's merge is applied last, so it holds even where the rules (or an older split) keep the reports
    apart. Pairs naming a report no incident holds (an aggregate, or a report since deleted) are ignored. The
    first report of each incident joined into another gets the reason "joined by an analyst".
    """
    owner = {report.key: number for number, incident in enumerate(incidents) for report in incident.reports}
    parent = list(range(len(incidents)))

    def root(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    links: dict[int, tuple[str, str]] = {}
    for first, second in sorted(tuple(pair) for pair in joined):
        if first not in owner or second not in owner:
            continue
        one, two = root(owner[first]), root(owner[second])
        if one == two:
            continue
        # The incident that comes first in canonical order absorbs the other, so the result ignores pair order.
        keep, absorbed = sorted((one, two), key=lambda number: _canonical_order(incidents[number].reports[0]))
        links[absorbed] = (first, second) if one == keep else (second, first)
        parent[absorbed] = keep
    if not links:
        return tuple(incidents)
    groups: dict[int, list[int]] = defaultdict(list)
    for number in range(len(incidents)):
        groups[root(number)].append(number)
    result = []
    for numbers in groups.values():
        if len(numbers) == 1:
            result.append(incidents[numbers[0]])
            continue
        reports = sorted((report for n in numbers for report in incidents[n].reports), key=_canonical_order)
        reasons = [reason for n in numbers for reason in incidents[n].merge_reasons]
        for number in numbers:
            if number in links:
                kept_key, _ = links[number]
                first_report = incidents[number].reports[0].key
                text = f"joined by an analyst ({' and '.join(links[number][::-1])})"
                reasons.append(MergeReason(first_report, kept_key, text))
        result.append(Incident(incident_id(reports), tuple(reports), tuple(sorted(reasons, key=_reason_order))))
    return _in_order(result)


def _reason_order(reason: MergeReason) -> str:
    return reason.report


def apart_pairs(first: Incident, second: Incident) -> tuple[tuple[str, str], ...]:
    """The report-key pairs to keep apart so that a split of `first` from `second` holds when merging again."""
    return tuple((one.key, two.key) for one in first.reports for two in second.reports)


def split_incident(incident: Incident, report_keys: Iterable[str]) -> tuple[Incident, Incident]:
    """An analyst's split: (the incident without the named reports, an incident of the named reports).

    Raises ValueError when the keys name no report of the incident, or all of them.
    """
    moving = set(report_keys)
    taken = tuple(report for report in incident.reports if report.key in moving)
    kept = tuple(report for report in incident.reports if report.key not in moving)
    if not taken or not kept:
        raise ValueError(f"a split must move some but not all of the reports of incident {incident.id}")
    note = f"split by analyst from incident {incident.id}"

    def part(reports: tuple[EventReport, ...]) -> Incident:
        inside = {report.key for report in reports}
        reasons = tuple(
            reason if reason.joined in inside else MergeReason(reason.report, reports[0].key, note)
            for reason in incident.merge_reasons
            if reason.report in inside
        )
        return Incident(incident_id(reports), reports, reasons)

    return part(kept), part(taken)
