"""Events: one per incident sentence, with type, date, place, actors, targets and figures."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.events import event_type, find_events
from flashpoint.figures import find_figures
from flashpoint.model import Actor, Event, Location, Span
from flashpoint.sentences import split_sentences

PUBLISHED = date(2024, 1, 29)
PLACES = {
    "Jordan": ("country", "JO", 31.0, 36.0),
    "Tower 22": ("site", "JO", 33.33, 38.69),
    "Syria": ("country", "SY", 35.0, 38.0),
    "Iraq": ("country", "IQ", 33.0, 44.0),
    "Erbil": ("city", "IQ", 36.19, 44.01),
    "Iran": ("country", "IR", 32.0, 53.0),
}
ACTORS = {
    "United States": ("state", ("US forces", "US troops", "Pentagon", "Washington")),
    "Iran-backed militias": ("armed_group", ("Iran-backed militias", "militants")),
    "Kataib Hezbollah": ("armed_group", ("Kataib Hezbollah",)),
    "Houthis": ("armed_group", ("Houthis",)),
}


def spans_of(text: str, surface: str) -> tuple[Span, ...]:
    spans = []
    start = text.find(surface)
    while start >= 0:
        spans.append(Span(start, start + len(surface)))
        start = text.find(surface, start + 1)
    return tuple(spans)


def events_of(text: str, published: date | None = PUBLISHED) -> tuple[Event, ...]:
    """Run find_events with the places and actors the text names, found by exact spelling."""
    locations = [
        Location(name, kind, code, lat, lon, spans_of(text, name))
        for name, (kind, code, lat, lon) in PLACES.items()
        if name in text
    ]
    actors = [
        Actor(name, kind, tuple(span for surface in surfaces for span in spans_of(text, surface)))
        for name, (kind, surfaces) in ACTORS.items()
        if any(surface in text for surface in surfaces)
    ]
    sentences = split_sentences(text)
    return find_events(text, sentences, locations, actors, find_figures(text, sentences), published)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A drone slammed into the outpost overnight.", "drone attack"),
        ("Militants fired rockets at the base.", "rocket attack"),
        ("The Houthis launched an anti-ship missile at the tanker.", "missile strike"),
        ("The destroyer intercepted three missiles and a drone.", "interception"),
        ("Gunmen seized the cargo ship in the Red Sea.", "seizure"),
        ("Warplanes pounded the camp.", "airstrike"),
        ("Two blasts tore through the crowd.", "bombing"),
        ("Troops raided the town before dawn.", "raid"),
        ("Fighters clashed with troops near the border.", "clash"),
        ("Tank fire hit the shelter.", "attack"),
        ("The minister warned of a response.", "threat"),
        ("The leaders met in Beirut.", "meeting"),
        ("The war entered its fourth month.", "war"),
        ("The drone was seen over the city.", None),
        ("The talks were about trade tariffs and drones.", "meeting"),
        ("Officials gave no details.", None),
        ("Three people died on Sunday.", "casualties"),
    ],
)
def test_event_type(sentence: str, expected: str | None) -> None:
    assert event_type(sentence) == expected


def test_incident_sentence_gets_date_place_figures_and_actors() -> None:
    text = (
        "Drone hits US base\n\nThree US soldiers were killed and 34 wounded on Sunday when militants launched "
        "a drone at Tower 22 in Jordan."
    )
    (event,) = events_of(text)
    assert event.type == "drone attack"
    assert event.date == date(2024, 1, 28)
    assert (event.location, event.country_code, event.lat, event.lon) == ("Tower 22", "JO", 33.33, 38.69)
    assert (event.killed, event.injured, event.count) == (3, 34, None)
    assert event.actors == ("Iran-backed militias",)
    assert "Three US soldiers" in event.sentence
    assert text[event.span.start : event.span.end] == event.sentence


def test_count_for_a_period_becomes_one_event_with_a_date_range() -> None:
    text = "Update\n\nThe Pentagon reported at least 13 attacks on US forces in Iraq in the past week."
    (event,) = events_of(text, date(2023, 10, 25))
    assert event.count == 13
    assert (event.date, event.date_end) == (date(2023, 10, 18), date(2023, 10, 25))
    assert event.location == "Iraq"
    assert event.targets == ("United States",)


def test_place_after_in_beats_a_place_used_as_a_modifier() -> None:
    text = "Report\n\nOn Sunday a Syria-based cell struck a convoy in Iraq, killing two."
    (event,) = events_of(text)
    assert event.location == "Iraq"


def test_previous_sentence_place_when_the_sentence_names_none() -> None:
    text = "Report\n\nMilitants fired rockets near Erbil on Saturday. Two people were wounded in the attack."
    events = events_of(text)
    assert [event.location for event in events] == ["Erbil", "Erbil"]
    assert events[1].injured == 2


def test_attacker_after_by_and_target_after_on() -> None:
    text = "Report\n\nOn Monday rockets were fired on US forces by Kataib Hezbollah in Syria."
    (event,) = events_of(text)
    assert event.actors == ("Kataib Hezbollah",)
    assert event.targets == ("United States",)


def test_speaker_is_not_the_attacker() -> None:
    text = "Report\n\nWashington said the Houthis fired a missile at a tanker on Tuesday."
    (event,) = events_of(text)
    assert event.actors == ("Houthis",)


def test_title_and_lead_telling_the_same_incident_merge() -> None:
    text = "Drone kills three in Jordan\n\nA drone killed three soldiers and wounded 40 in Jordan on Sunday."
    (event,) = events_of(text)
    assert (event.killed, event.injured, event.date) == (3, 40, date(2024, 1, 28))


def test_background_war_without_its_own_date_is_not_an_event() -> None:
    assert events_of("Report\n\nTensions rose during the war in Syria.") == ()


def test_sentence_without_date_place_or_figure_is_not_an_event() -> None:
    assert events_of("Report\n\nThe attack was condemned by officials.") == ()


def test_total_beats_breakdown() -> None:
    text = "Report\n\nOn Sunday a missile hit Erbil, and 20 people were injured, five of them seriously."
    (event,) = events_of(text)
    assert event.injured == 20


def test_casualties_without_an_attack_word_are_an_attack_event_only_with_a_figure() -> None:
    counted = events_of("Report\n\nThree people were killed near Erbil on Sunday.")
    assert [(event.type, event.killed) for event in counted] == [("attack", 3)]
    assert events_of("Report\n\nShe mourned the soldiers who died in Jordan.") == ()


def test_hypothetical_attack_is_not_an_event() -> None:
    assert events_of("Report\n\nIf the militants attack US forces in Iraq on Monday, the US will respond.") == ()


def test_actor_before_casualty_words_alone_is_not_the_attacker() -> None:
    text = "Report\n\nThe Pentagon said on Sunday that 12 people were killed near Erbil."
    (event,) = events_of(text)
    assert (event.actors, event.killed) == ((), 12)
