"""The review panel's builders: the correction each action proposes, the tables and labels the editor chooses
from, and the list of what a correction changed."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.review_panel import (
    CANDIDATE_COLUMNS,
    ArticleSummary,
    actor_merge_proposal,
    actor_wrong_proposal,
    article_incident_ids,
    article_summary,
    candidate_table,
    effect_lines,
    event_date_proposal,
    event_label,
    event_rows,
    figure_edit_proposal,
    figure_label,
    incident_anchor,
    incident_merge_proposal,
    incident_split_proposal,
    merge_targets,
    own_report_keys,
    place_candidate_proposal,
    place_names,
    place_wrong_proposal,
    widget_key,
)
from flashpoint.model import Place
from flashpoint.place_candidates import Candidate

ERBIL = Place("supplement:fp:erbil", "Erbil", "city", "IQ", 36.1912, 44.0094, admin1="Erbil")
ERBIL_PROVINCE = Place("geonames:95445", "Erbil", "region", "IQ", 36.5, 44.3)
FIGURE = {"kind": "injured", "value": 5, "qualifier": None, "text": "Five", "start": 107, "end": 111}
EVENT = {"type": "attack", "location": "Erbil", "date": date(2023, 10, 23), "date_end": None, "start": 0, "end": 31}


def mentions(*rows: tuple[str, str | None, int]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"place": place, "country_code": country, "start": start, "end": start + 4} for place, country, start in rows]
    )


def test_widget_keys_name_the_item_in_lower_case_words() -> None:
    assert widget_key("review_place_use", "Gulf of Aden") == "review_place_use_gulf-of-aden"
    assert widget_key("review_figure_value", "107-111") == "review_figure_value_107-111"
    assert widget_key("review_actor_wrong", "!!") == "review_actor_wrong_none"


def test_places_are_listed_once_in_order_of_first_mention() -> None:
    table = mentions(("Iran", "IR", 170), ("Erbil", "IQ", 26), ("Erbil", "IQ", 90))
    assert place_names(table) == ["Erbil", "Iran"]
    assert place_names(pd.DataFrame(columns=["place", "start"])) == []


def test_candidates_show_the_reading_in_force_first_then_by_score() -> None:
    table = candidate_table([Candidate(ERBIL_PROVINCE, 0.91, False), Candidate(ERBIL, 0.8, True)])
    assert list(table["place_id"]) == [ERBIL.id, ERBIL_PROVINCE.id]
    assert list(table["chosen"]) == [True, False]
    assert table.loc[1, "score"] == 0.91


def test_no_candidates_is_an_empty_table_with_the_columns() -> None:
    table = candidate_table([])
    assert table.empty and list(table.columns) == list(CANDIDATE_COLUMNS)


def test_choosing_a_candidate_proposes_the_whole_gazetteer_entry() -> None:
    proposal = place_candidate_proposal("a1", "Erbil", ERBIL_PROVINCE)
    assert proposal.kind == "place_candidate" and proposal.article_id == "a1"
    assert proposal.target == {"name": "Erbil"}
    assert proposal.after == {
        "place_id": "geonames:95445",
        "name": "Erbil",
        "kind": "region",
        "country_code": "IQ",
        "lat": 36.5,
        "lon": 44.3,
    }
    assert "Erbil (region, IQ; 36.50, 44.30)" in proposal.description


def test_marking_a_place_or_actor_wrong_names_it_in_this_article_only() -> None:
    place = place_wrong_proposal("a1", "Erbil")
    actor = actor_wrong_proposal("a1", "Iran")
    assert (place.kind, place.target, place.after, place.article_id) == ("place_wrong", {"name": "Erbil"}, None, "a1")
    assert (actor.kind, actor.target, actor.article_id) == ("actor_wrong", {"name": "Iran"}, "a1")


def test_an_actor_merge_is_global_and_never_into_itself() -> None:
    proposal = actor_merge_proposal("Ansar Allah", "Houthis")
    assert proposal.article_id is None
    assert (proposal.target, proposal.after) == ({"name": "Ansar Allah"}, {"name": "Houthis"})
    with pytest.raises(ValueError, match="itself"):
        actor_merge_proposal("Houthis", "Houthis")


def test_merge_targets_offer_this_articles_actors_first_then_the_rest() -> None:
    offered = merge_targets("Iran", ["Kataib Hezbollah", "Iran", "Kataib Hezbollah"], ["Houthis", "Iran", "hamas"])
    assert offered == ["Kataib Hezbollah", "hamas", "Houthis"]


def test_a_figure_edit_targets_its_span_and_says_what_changes() -> None:
    proposal = figure_edit_proposal("a1", FIGURE, 7, " at least ")
    assert proposal.target == {"span": [107, 111]}
    assert proposal.after == {"value": 7, "qualifier": "at least", "kind": "injured"}
    assert "value 5 → 7" in proposal.description and "qualifier none → at least" in proposal.description


@pytest.mark.parametrize(
    ("value", "qualifier", "message"), [(5, "", "already says"), (-1, None, "negative")], ids=["unchanged", "negative"]
)
def test_a_figure_edit_that_changes_nothing_or_is_negative_is_refused(value, qualifier, message) -> None:
    with pytest.raises(ValueError, match=message):
        figure_edit_proposal("a1", FIGURE, value, qualifier)


def test_a_figure_may_lose_its_number() -> None:
    assert figure_edit_proposal("a1", FIGURE, None, None).after["value"] is None


def test_labels_say_what_each_figure_and_event_is() -> None:
    assert figure_label({**FIGURE, "qualifier": "at least"}) == "injured: at least 5 · “Five” (at 107)"
    assert event_label(EVENT) == "attack · Erbil · 2023-10-23 (at 0)"
    assert event_label({**EVENT, "date": None, "location": None}) == "attack · no place · undated (at 0)"


def test_an_event_date_edit_targets_its_span_and_writes_iso_dates() -> None:
    proposal = event_date_proposal("a1", EVENT, date(2023, 10, 22), date(2023, 10, 24))
    assert proposal.target == {"span": [0, 31]}
    assert proposal.after == {"date": "2023-10-22", "date_end": "2023-10-24"}
    assert "2023-10-23 → 2023-10-22 to 2023-10-24" in proposal.description


def test_an_end_date_equal_to_the_start_is_a_single_day() -> None:
    proposal = event_date_proposal("a1", EVENT, date(2023, 10, 22), date(2023, 10, 22))
    assert proposal.after == {"date": "2023-10-22", "date_end": None}


@pytest.mark.parametrize(
    ("day", "end", "message"),
    [(date(2023, 10, 23), None, "already has"), (date(2023, 10, 23), date(2023, 10, 20), "before the start")],
    ids=["unchanged", "backwards"],
)
def test_a_date_edit_that_changes_nothing_or_runs_backwards_is_refused(day, end, message) -> None:
    with pytest.raises(ValueError, match=message):
        event_date_proposal("a1", EVENT, day, end)


def test_events_come_in_text_order_with_missing_values_as_none() -> None:
    table = pd.DataFrame([{**EVENT, "start": 50, "end": 60, "date": pd.NaT}, EVENT])
    rows = event_rows(table)
    assert [row["start"] for row in rows] == [0, 50]
    assert rows[1]["date"] is None


def test_an_articles_incidents_are_listed_once_in_text_order() -> None:
    events = pd.DataFrame(
        [
            {**EVENT, "start": 40, "end": 50, "incident_id": "b"},
            {**EVENT, "incident_id": "a"},
            {**EVENT, "start": 60, "end": 70, "incident_id": None},
            {**EVENT, "start": 80, "end": 90, "incident_id": "a"},
        ]
    )
    assert article_incident_ids(events) == ["a", "b"]
    assert article_incident_ids(events.drop(columns=["incident_id"])) == []


def test_an_incident_is_anchored_at_the_articles_earliest_dated_report_of_it() -> None:
    events = pd.DataFrame(
        [
            {**EVENT, "start": 40, "end": 50, "incident_id": "a", "date": None, "country_code": "SY"},
            {**EVENT, "start": 60, "end": 70, "incident_id": "a", "date": date(2023, 10, 25), "country_code": "IQ"},
            {**EVENT, "start": 80, "end": 90, "incident_id": "b", "date": date(2023, 10, 1), "country_code": "IR"},
        ]
    )
    assert incident_anchor(events, "a") == (date(2023, 10, 25), "IQ")
    assert incident_anchor(events, "missing") == (None, None)


REPORTS = pd.DataFrame({"report_key": ["a1#0", "b2#3", "c3#1"], "article_id": ["a1", "b2", "c3"]})


def test_splitting_keeps_this_articles_report_apart_from_every_other_report() -> None:
    own = own_report_keys(REPORTS, "a1")
    proposal = incident_split_proposal("a1", "inc1", list(REPORTS["report_key"]), own)
    assert own == ["a1#0"]
    assert proposal.after == {"apart": [["a1#0", "b2#3"], ["a1#0", "c3#1"]]}
    assert proposal.target == {"incident_id": "inc1", "report_keys": ["a1#0"]}


def test_an_incident_of_this_article_alone_cannot_be_split() -> None:
    with pytest.raises(ValueError, match="can be split"):
        incident_split_proposal("a1", "inc1", ["a1#0", "a1#1"], ["a1#0", "a1#1"])


def test_merging_joins_this_articles_report_with_the_other_incidents_report() -> None:
    proposal = incident_merge_proposal("a1", "inc1", "a1#0", "inc2", "d4#0")
    assert proposal.after == {"joined": [["a1#0", "d4#0"]]}
    assert proposal.target["other_incident_id"] == "inc2"
    with pytest.raises(ValueError, match="already in that incident"):
        incident_merge_proposal("a1", "inc1", "a1#0", "inc1", "b2#3")


def summary(places: tuple[str, ...] = ("Erbil (IQ)",), figures: tuple[str, ...] = ()) -> ArticleSummary:
    return ArticleSummary(places, ("Iran",), (), figures, ())


def test_the_effect_lists_what_went_what_came_and_what_changed_in_place() -> None:
    before = summary(figures=("injured: 5 · “Five” (at 107)", "killed: 2 · “two” (at 150)"))
    after = summary(places=(), figures=("injured: at least 7 · “Five” (at 107)", "killed: 2 · “two” (at 151)"))
    assert effect_lines(before, after) == [
        "place removed: Erbil (IQ)",
        "figure changed: injured: 5 · “Five” (at 107) → injured: at least 7 · “Five” (at 107)",
        "figure removed: killed: 2 · “two” (at 150)",
        "figure added: killed: 2 · “two” (at 151)",
    ]
    assert effect_lines(before, before) == []


def test_an_article_summary_reads_every_part_of_the_extraction() -> None:
    found = article_summary(
        mentions(("Erbil", "IQ", 26), ("Red Sea", None, 50)),
        pd.DataFrame({"name": ["Iran", "Iran", "Houthis"]}),
        pd.DataFrame([{"source": "Iran", "relation": "supports", "target": "Houthis"}]),
        pd.DataFrame([FIGURE]),
        pd.DataFrame([EVENT]),
    )
    assert found.places == ("Erbil (IQ)", "Red Sea (no country)")
    assert found.actors == ("Iran", "Houthis")
    assert found.links == ("Iran supports Houthis",)
    assert found.figures == ("injured: 5 · “Five” (at 107)",)
    assert found.events == ("attack · Erbil · 2023-10-23 (at 0)",)
