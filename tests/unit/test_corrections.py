"""Corrections over an extraction: each kind keeps places, actors, links, figures and events consistent; replaying is
idempotent; undone corrections are ignored; a correction whose target is gone is skipped and reported."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from flashpoint.correction_checks import before_of, check_correction, check_target
from flashpoint.corrections import CORRECTION_KINDS, Correction, apply_corrections, apply_with_report
from flashpoint.errors import ReviewError
from flashpoint.model import Extraction
from tests.conftest import build_extraction

ARTICLE = "article-1"
WHEN = datetime(2024, 2, 1, 12, 0, tzinfo=UTC)
BODY = (
    "Fighters of the Tiger Brigade attacked a checkpoint in Tripoli, killing 3 soldiers. "
    "The Northern Front said it supported the Tiger Brigade. "
    "Officials in Beirut said 5 people were wounded in Tripoli."
)


def _extraction() -> Extraction:
    extraction = build_extraction(
        BODY,
        places=(("Tripoli", "city", "LB", 34.43, 35.84), ("Beirut", "city", "LB", 33.89, 35.5)),
        actors=(("Tiger Brigade", "armed_group"), ("Northern Front", "armed_group"), ("Tigers", "armed_group")),
        links=(("Northern Front", "Tiger Brigade", "supports"),),
        figures=(("killed", 3, "3 soldiers"), ("injured", 5, "5 people")),
        events=(
            {
                "type": "attack",
                "location": "Tripoli",
                "country_code": "LB",
                "lat": 34.43,
                "lon": 35.84,
                "actors": ("Tiger Brigade",),
                "targets": ("Northern Front",),
                "killed": 3,
                "injured": 5,
                "date": date(2024, 1, 14),
                "evidence": "attacked a checkpoint",
            },
        ),
    )
    northern_front = replace(extraction.actors[1], affiliation="Tiger Brigade")
    return replace(extraction, actors=(extraction.actors[0], northern_front, extraction.actors[2]))


def _correction(kind: str, target: dict, after: dict | None = None, **fields: object) -> Correction:
    values: dict = {"article_id": ARTICLE, "author": "analyst", "created_at": WHEN, **fields}
    return Correction(kind=kind, target=target, after=after, before=None, **values)


def _event_span() -> list[int]:
    span = _extraction().events[0].span
    return [span.start, span.end]


def _span_of(text: str) -> list[int]:
    start = _extraction().article.text.index(text)
    return [start, start + len(text)]


LIBYA_TRIPOLI = {"place_id": "geonames:2210247", "name": "Tripoli", "kind": "city", "country_code": "LY"}
CORRECTIONS = {
    "place_candidate": lambda: _correction(
        "place_candidate", {"name": "Tripoli"}, {**LIBYA_TRIPOLI, "lat": 32.88, "lon": 13.19}
    ),
    "place_wrong": lambda: _correction("place_wrong", {"name": "Beirut"}),
    "actor_wrong": lambda: _correction("actor_wrong", {"name": "Northern Front"}),
    "actor_merge": lambda: _correction("actor_merge", {"name": "Tigers"}, {"name": "Tiger Brigade"}),
    "figure_edit": lambda: _correction(
        "figure_edit", {"span": _span_of("3 soldiers")}, {"value": 4, "qualifier": "at least", "kind": "killed"}
    ),
    "event_date": lambda: _correction("event_date", {"span": _event_span()}, {"date": "2024-01-13", "date_end": None}),
}


def test_choosing_a_candidate_moves_the_place_and_its_events_but_keeps_the_articles_name() -> None:
    corrected = apply_corrections(_extraction(), [CORRECTIONS["place_candidate"]()])
    tripoli = next(location for location in corrected.locations if location.name == "Tripoli")
    assert (tripoli.place_id, tripoli.country_code, tripoli.lat, tripoli.lon) == (
        "geonames:2210247",
        "LY",
        32.88,
        13.19,
    )
    assert tripoli.mentions == _extraction().locations[0].mentions
    event = corrected.events[0]
    assert (event.location, event.country_code, event.lat, event.lon) == ("Tripoli", "LY", 32.88, 13.19)


def test_a_wrong_place_leaves_the_locations_and_its_events_lose_it() -> None:
    corrected = apply_corrections(_extraction(), [_correction("place_wrong", {"name": "tripoli"})])
    assert [location.name for location in corrected.locations] == ["Beirut"]
    event = corrected.events[0]
    assert (event.location, event.country_code, event.lat, event.lon) == (None, None, None, None)
    assert event.killed == 3


def test_a_wrong_actor_disappears_from_actors_links_affiliations_and_event_roles() -> None:
    corrected = apply_corrections(_extraction(), [_correction("actor_wrong", {"name": "Tiger Brigade"})])
    assert [actor.name for actor in corrected.actors] == ["Northern Front", "Tigers"]
    assert corrected.actors[0].affiliation is None
    assert corrected.actor_links == ()
    assert corrected.events[0].actors == ()
    assert corrected.events[0].targets == ("Northern Front",)


def test_merging_actors_pools_mentions_and_renames_them_everywhere() -> None:
    extraction = _extraction()
    corrected = apply_corrections(
        extraction, [_correction("actor_merge", {"name": "Northern Front"}, {"name": "Tiger Brigade"})]
    )
    brigade = next(actor for actor in corrected.actors if actor.name == "Tiger Brigade")
    assert set(brigade.mentions) == set(extraction.actors[0].mentions) | set(extraction.actors[1].mentions)
    assert [actor.name for actor in corrected.actors] == ["Tiger Brigade", "Tigers"]
    # The link "Northern Front supports Tiger Brigade" would link the actor to itself: it goes.
    assert corrected.actor_links == ()
    assert corrected.events[0].actors == ("Tiger Brigade",)
    assert corrected.events[0].targets == ()


def test_merging_into_a_name_the_article_lacks_renames_the_actor() -> None:
    corrected = apply_corrections(
        _extraction(), [_correction("actor_merge", {"name": "Northern Front"}, {"name": "Front of the North"})]
    )
    assert [actor.name for actor in corrected.actors] == ["Tiger Brigade", "Front of the North", "Tigers"]
    assert corrected.actor_links[0].source == "Front of the North"
    assert corrected.events[0].targets == ("Front of the North",)


def test_editing_a_figure_changes_the_figure_and_the_event_number_it_gave() -> None:
    corrected = apply_corrections(_extraction(), [CORRECTIONS["figure_edit"]()])
    killed = corrected.figures[0]
    assert (killed.kind, killed.value, killed.qualifier, killed.text) == ("killed", 4, "at least", "3 soldiers")
    assert corrected.events[0].killed == 4
    assert corrected.events[0].injured == 5


def test_a_figure_recounted_as_another_kind_moves_the_events_number() -> None:
    edit = _correction(
        "figure_edit", {"span": _span_of("3 soldiers")}, {"value": 3, "qualifier": None, "kind": "hostages"}
    )
    corrected = apply_corrections(_extraction(), [edit])
    assert corrected.figures[0].kind == "hostages"
    assert corrected.events[0].killed is None


def test_an_event_date_correction_sets_the_date_and_range() -> None:
    fix = _correction("event_date", {"span": _event_span()}, {"date": "2024-01-10", "date_end": "2024-01-12"})
    corrected = apply_corrections(_extraction(), [fix])
    assert (corrected.events[0].date, corrected.events[0].date_end) == (date(2024, 1, 10), date(2024, 1, 12))


@pytest.mark.parametrize("kind", sorted(CORRECTIONS))
def test_applying_twice_is_applying_once(kind: str) -> None:
    corrections = [CORRECTIONS[kind]()]
    once = apply_corrections(_extraction(), corrections)
    assert once != _extraction()
    assert apply_corrections(once, corrections) == once


@pytest.mark.parametrize("kind", sorted(CORRECTIONS))
def test_an_undone_correction_is_ignored(kind: str) -> None:
    undone = replace(CORRECTIONS[kind](), id=7, undone_at=WHEN, undone_by="lead")
    result = apply_with_report(_extraction(), [undone])
    assert result.extraction == _extraction()
    assert result.applied == () and result.skipped == ()


@pytest.mark.parametrize(
    ("correction", "reason"),
    [
        (_correction("place_wrong", {"name": "Damascus"}), "no place named 'Damascus'"),
        (_correction("actor_wrong", {"name": "Hamas"}), "no actor named 'Hamas'"),
        (_correction("actor_merge", {"name": "Hamas"}, {"name": "Tigers"}), "no actor named 'Hamas'"),
        (_correction("figure_edit", {"span": [0, 3]}, {"value": 1, "kind": "killed"}), "no figure at characters"),
        (_correction("event_date", {"span": [0, 3]}, {"date": "2024-01-01"}), "no event at characters"),
    ],
)
def test_a_correction_whose_target_is_gone_is_skipped_and_reported(correction: Correction, reason: str) -> None:
    applied = CORRECTIONS["place_wrong"]()
    result = apply_with_report(_extraction(), [correction, applied])
    assert result.applied == (applied,)
    assert [skipped.correction for skipped in result.skipped] == [correction]
    assert reason in result.skipped[0].reason
    assert [location.name for location in result.extraction.locations] == ["Tripoli"]


def test_a_malformed_stored_correction_is_skipped_and_reported_not_raised() -> None:
    garbled = _correction("figure_edit", {"span": "near the start"}, {"value": 1})
    unknown = _correction("place_rename", {"name": "Tripoli"})
    result = apply_with_report(_extraction(), [garbled, unknown])
    assert result.extraction == _extraction()
    assert [skipped.correction for skipped in result.skipped] == [garbled, unknown]
    assert result.skipped[0].reason.startswith("malformed correction: figure_edit: target needs")


def test_a_later_correction_of_the_same_target_wins() -> None:
    first = _correction("figure_edit", {"span": _span_of("3 soldiers")}, {"value": 9, "kind": "killed"})
    second = _correction("figure_edit", {"span": _span_of("3 soldiers")}, {"value": 2, "kind": "killed"})
    corrected = apply_corrections(_extraction(), [first, second])
    assert corrected.figures[0].value == 2
    assert corrected.events[0].killed == 2


@pytest.mark.parametrize(("kind", "pairs"), [("incident_split", "apart"), ("incident_merge", "joined")])
def test_incident_corrections_leave_the_extraction_alone(kind: str, pairs: str) -> None:
    correction = _correction(kind, {}, {pairs: [["a#0", "b#1"]]}, article_id=None)
    result = apply_with_report(_extraction(), [correction])
    assert result.extraction == _extraction()
    assert result.applied == () and result.skipped == ()


def test_every_kind_is_known() -> None:
    assert set(CORRECTIONS) | {"incident_split", "incident_merge"} == set(CORRECTION_KINDS)


@pytest.mark.parametrize(
    ("correction", "message"),
    [
        (_correction("place_rename", {"name": "Tripoli"}), "unknown correction kind 'place_rename'"),
        (_correction("place_wrong", {"name": "Tripoli"}, author=" "), "needs its author"),
        (_correction("place_wrong", {"name": ""}), 'target needs a non-empty "name"'),
        (_correction("place_wrong", {"name": "Tripoli"}, article_id=None), "name the article it corrects"),
        (_correction("actor_merge", {"name": "Tigers"}, {"name": "Tigers"}), "into itself"),
        (_correction("actor_merge", {"name": "Tigers"}), "after) is missing"),
        (_correction("figure_edit", {"span": [5, 2]}, {"value": 1}), "0 <= start < end"),
        (_correction("figure_edit", {"span": [1, 2]}, {"value": -1}), "whole number of zero or more"),
        (_correction("figure_edit", {"span": [1, 2]}, {"value": 1, "kind": "cats"}), "figure kind 'cats'"),
        (_correction("event_date", {"span": [1, 2]}, {"date": "14/01/2024"}), "not a date written YYYY-MM-DD"),
        (_correction("event_date", {"span": [1, 2]}, {"date": "2024-01-14", "date_end": "2024-01-01"}), "ends"),
        (_correction("place_candidate", {"name": "Tripoli"}, {**LIBYA_TRIPOLI, "lat": 95.0, "lon": 1.0}), "±90"),
        (_correction("place_candidate", {"name": "Tripoli"}, {"name": "Tripoli"}), "lacks place_id, kind, lat, lon"),
        (_correction("incident_split", {}, {"apart": [["a#0", "a#0"]]}), "two different report keys"),
        (_correction("incident_merge", {}, {"joined": [["a#0", "b"]]}), "'b' is not a report key"),
        (_correction("incident_merge", {}, {"apart": [["a#0", "b#0"]]}), '"joined"'),
    ],
)
def test_malformed_corrections_are_refused_with_a_clear_error(correction: Correction, message: str) -> None:
    with pytest.raises(ReviewError) as raised:
        check_correction(correction)
    assert message in str(raised.value)


def test_a_target_the_article_lacks_is_refused_naming_what_it_has() -> None:
    with pytest.raises(ReviewError) as raised:
        check_target(_correction("place_wrong", {"name": "Damascus"}), _extraction())
    assert "place 'Damascus' is not in this article (it names: Tripoli, Beirut)" in str(raised.value)


def test_before_records_the_targets_current_value() -> None:
    assert before_of(CORRECTIONS["figure_edit"](), _extraction()) == {
        "value": 3,
        "qualifier": None,
        "kind": "killed",
        "text": "3 soldiers",
    }
    assert before_of(CORRECTIONS["event_date"](), _extraction()) == {"date": "2024-01-14", "date_end": None}
    assert before_of(CORRECTIONS["place_wrong"](), _extraction())["country_code"] == "LB"
