"""Time merging 100,000 synthetic event reports into incidents and print the numbers."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from flashpoint.incidents import EventReport, merge_incidents
from flashpoint.model import Event, Span

REPORT_COUNT = 100_000
TYPES = ("drone attack", "airstrike", "missile strike", "seizure", "interception", "clash")
COUNTRIES = {"IQ": (33.0, 44.0), "SY": (35.0, 38.0), "LB": (33.6, 35.6), "YE": (15.0, 44.0), "IL": (31.5, 34.8)}


def synthetic_reports(count: int, seed: int = 1) -> list[EventReport]:
    """Reports of incidents over a year, several reports per incident, points jittered within ~10 km."""
    generator = random.Random(seed)
    reports = []
    for number in range(count):
        incident = number // 4
        code = list(COUNTRIES)[incident % len(COUNTRIES)]
        lat, lon = COUNTRIES[code]
        site_random = random.Random(incident)
        lat, lon = lat + site_random.uniform(-4, 4), lon + site_random.uniform(-4, 4)
        day = date(2024, 1, 1) + timedelta(days=site_random.randrange(365))
        event = Event(
            TYPES[incident % len(TYPES)],
            "",
            Span(0, 0),
            date=day,
            location=f"place {incident}",
            country_code=code,
            lat=lat + generator.uniform(-0.05, 0.05),
            lon=lon + generator.uniform(-0.05, 0.05),
        )
        reports.append(EventReport(event, f"article{number}", published=day, location_kind="city"))
    return reports


def main() -> None:
    reports = synthetic_reports(REPORT_COUNT)
    started = time.perf_counter()
    incidents = merge_incidents(reports)
    elapsed = time.perf_counter() - started
    print(f"{len(reports)} reports -> {len(incidents)} incidents in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
