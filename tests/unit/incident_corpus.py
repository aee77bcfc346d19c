"""A small corpus of incidents over five weeks in Iraq, Syria and the Red Sea, for the incident and tension
query tests; every expected number in those tests is worked out by hand from the figures here.

Weeks (Mondays): W0 2024-01-01, W1 01-08, W2 01-15, W3 01-22, W4 01-29. Scores use flashpoint.tension's weights:
type weight (airstrike, bombing, clash, missile strike 10; threat 4; any type not listed, like shelling, 5)
+ 2 per killed + 0.5 per injured.

    incident  week  area     type            reports      killed (low, best, high)  injured   score
    ramadi    W0    IQ       airstrike       2 articles   2, 3, 3                   4         10 + 6 + 2 = 18
    baghdad   W2    IQ       threat          1            -                         -         4
    red_sea   W3    Red Sea  missile strike  1            -                         -         10
    fallujah  W4    IQ       bombing         1            10                        -         10 + 20 = 30 (Anbar)
    airport   W4    IQ       shelling        1            -                         -         5
    deir      W4    SY       clash           1            -                         2         10 + 1 = 11
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flashpoint.model import Extraction
from flashpoint.store import Store
from tests.conftest import build_extraction
from tests.unit.incident_rows import HandIncident, event_id_with, fill_location_precisions, write_incidents

W0, W1, W2, W3, W4 = (date(2024, 1, day) for day in (1, 8, 15, 22, 29))

RAMADI = ("Ramadi", "city", "IQ", 33.42, 43.3)
BAGHDAD = ("Baghdad", "city", "IQ", 33.31, 44.36)
FALLUJAH = ("Fallujah", "city", "IQ", 33.35, 43.78)
DEIR_EZ_ZOR = ("Deir ez-Zor", "city", "SY", 35.33, 40.14)
RED_SEA = ("Red Sea", "water", None, 20.0, 38.0)


def _report(body: str, published: date, place: tuple, event: dict[str, Any], title: str) -> Extraction:
    name, _, code, lat, lon = place
    located = {"location": name, "country_code": code, "lat": lat, "lon": lon}
    return build_extraction(body, title=title, published=published, places=(place,), events=(located | event,))


ARTICLES = (
    _report(
        "An airstrike on Ramadi killed 2 people and injured 4, witnesses said.",
        date(2024, 1, 2),
        RAMADI,
        {"type": "airstrike", "date": W0, "killed": 2, "injured": 4, "count": 1, "evidence": "airstrike"},
        "Airstrike on Ramadi",
    ),
    _report(
        "Officials said the airstrike on Ramadi killed 3 people.",
        date(2024, 1, 3),
        RAMADI,
        {"type": "airstrike", "date": W0, "killed": 3, "count": 1, "evidence": "airstrike"},
        "Ramadi toll rises",
    ),
    _report(
        "Militias threatened to attack Baghdad.",
        date(2024, 1, 16),
        BAGHDAD,
        {"type": "threat", "date": W2, "evidence": "threatened"},
        "Threat to Baghdad",
    ),
    _report(
        "Houthis fired a missile at a ship in the Red Sea.",
        date(2024, 1, 23),
        RED_SEA,
        {"type": "missile strike", "date": W3, "actors": ("Houthis",), "evidence": "missile"},
        "Missile in the Red Sea",
    ),
    _report(
        "A bombing in Fallujah killed 10 people.",
        date(2024, 1, 30),
        FALLUJAH,
        {"type": "bombing", "date": W4, "killed": 10, "evidence": "bombing"},
        "Fallujah bombing",
    ),
    _report(
        "Shelling hit Baghdad airport on Wednesday.",
        date(2024, 2, 1),
        BAGHDAD,
        {"type": "shelling", "date": date(2024, 1, 31), "evidence": "Shelling"},
        "Baghdad airport shelled",
    ),
    _report(
        "A clash at Deir ez-Zor injured 2 fighters.",
        date(2024, 1, 31),
        DEIR_EZ_ZOR,
        {"type": "clash", "date": date(2024, 1, 30), "injured": 2, "evidence": "clash"},
        "Clash in Deir ez-Zor",
    ),
)


def store_incident_corpus(store: Store) -> Store:
    """Save the articles and write their incidents (the two Ramadi reports as one, led by the first)."""
    for extraction in ARTICLES:
        store.save(extraction)
    fill_location_precisions(store)
    write_incidents(
        store,
        [
            HandIncident(
                "ramadi",
                [event_id_with(store, "injured 4"), event_id_with(store, "Officials said")],
                killed=(2, 3, 3),
                injured=(4, 4, 4),
            ),
            HandIncident("baghdad", [event_id_with(store, "threatened")], attacks=0),
            HandIncident("red_sea", [event_id_with(store, "Houthis fired")]),
            HandIncident("fallujah", [event_id_with(store, "Fallujah")], killed=(10, 10, 10), admin1="Anbar"),
            HandIncident("airport", [event_id_with(store, "Shelling")]),
            HandIncident("deir", [event_id_with(store, "clash")], injured=(2, 2, 2)),
        ],
    )
    return store
