"""The corrections audit log on both databases: stored with who/when/before/after, undone once, read back in order;
and Store.replace_extraction rewriting an article's rows and facets in one go."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from flashpoint.corrections import Correction
from flashpoint.errors import ReviewError, StoreError
from flashpoint.filters import Filters
from flashpoint.query_tables import article_detail, events_table
from flashpoint.store import Store
from flashpoint.store_corrections import (
    active_corrections,
    add_correction,
    article_titles,
    articles_naming_actors,
    correction_log,
    load_correction,
    report_incidents,
    stored_article,
    undo_correction,
)
from tests.conftest import build_extraction

WHEN = datetime(2024, 2, 1, 9, 30, tzinfo=UTC)


def _strike(body: str, place: tuple, actor: str) -> object:
    name, _, code, lat, lon = place
    return build_extraction(
        body,
        title=f"Strike in {name}",
        places=(place,),
        actors=((actor, "armed_group"),),
        figures=(("killed", 2, "2 people"),),
        events=(
            {
                "type": "drone attack",
                "location": name,
                "country_code": code,
                "lat": lat,
                "lon": lon,
                "killed": 2,
                "actors": (actor,),
                "evidence": "drone struck",
            },
        ),
    )


IRAQ = ("Iraq", "country", "IQ", 33.0, 44.0)
SYRIA = ("Syria", "country", "SY", 35.0, 38.0)


def _correction(kind: str = "place_wrong", article_id: str | None = "a1", **fields: object) -> Correction:
    values: dict = {
        "target": {"name": "Iraq"},
        "after": None,
        "before": {"name": "Iraq", "lat": 33.0},
        "author": "analyst",
        "created_at": WHEN,
        **fields,
    }
    return Correction(kind=kind, article_id=article_id, **values)


def test_a_stored_correction_reads_back_whole_with_its_id(store: Store) -> None:
    made = _correction(
        "actor_merge", target={"name": "IRI"}, after={"name": "Islamic Resistance in Iraq"}, note="same group"
    )
    saved = add_correction(store, made)
    assert saved.id is not None
    assert load_correction(store, saved.id) == saved == replace(made, id=saved.id)
    assert saved.created_at.tzinfo is not None


def test_active_corrections_are_the_articles_and_the_global_ones_oldest_first_without_undone(store: Store) -> None:
    own = add_correction(store, _correction(article_id="a1"))
    add_correction(store, _correction(article_id="a2"))
    global_merge = add_correction(
        store, _correction("actor_merge", article_id=None, target={"name": "X"}, after={"name": "Y"})
    )
    undone = add_correction(store, _correction(article_id="a1", created_at=WHEN + timedelta(hours=1)))
    undo_correction(store, undone.id, "lead")
    assert [correction.id for correction in active_corrections(store, "a1")] == [own.id, global_merge.id]


def test_the_log_lists_every_correction_newest_first_with_who_undid_it(store: Store) -> None:
    first = add_correction(store, _correction())
    second = add_correction(store, _correction(author="second analyst"))
    undone = undo_correction(store, first.id, "lead")
    assert undone.undone_by == "lead" and undone.undone_at is not None and undone.undone_at.tzinfo is not None
    log = correction_log(store)
    assert [correction.id for correction in log] == [second.id, first.id]
    assert (log[1].author, log[1].before, log[1].undone_by) == ("analyst", {"name": "Iraq", "lat": 33.0}, "lead")
    assert [correction.id for correction in correction_log(store, limit=1)] == [second.id]


def test_undo_refuses_an_unknown_or_already_undone_correction_or_no_name(store: Store) -> None:
    saved = add_correction(store, _correction())
    with pytest.raises(ReviewError, match="say who undoes"):
        undo_correction(store, saved.id, " ")
    undo_correction(store, saved.id, "lead")
    with pytest.raises(ReviewError, match=f"correction {saved.id} was already undone by lead"):
        undo_correction(store, saved.id, "someone else")
    with pytest.raises(ReviewError, match="there is no correction 999"):
        undo_correction(store, 999, "lead")
    assert load_correction(store, saved.id).undone_by == "lead"


def test_a_stored_article_reads_back_with_the_same_text(store: Store) -> None:
    extraction = _strike("A drone struck a base in Iraq, killing 2 people.", IRAQ, "Kataib Hezbollah")
    article_id = store.save(extraction).article_id
    article = stored_article(store, article_id)
    assert article is not None and article.text == extraction.article.text
    assert article.published == extraction.article.published
    assert stored_article(store, "missing") is None


def test_article_titles_name_the_stored_articles_and_leave_out_missing_ones(store: Store) -> None:
    first = store.save(_strike("A drone struck a base in Iraq, killing 2 people.", IRAQ, "Kataib Hezbollah"))
    second = store.save(_strike("A drone struck a depot in Syria, killing 2 people.", SYRIA, "Kataib Hezbollah"))
    titles = article_titles(store, [first.article_id, second.article_id, first.article_id, "missing"])
    assert titles == {first.article_id: "Strike in Iraq", second.article_id: "Strike in Syria"}
    assert article_titles(store, []) == {}


def test_articles_naming_an_actor_are_found_by_actor_rows_or_event_roles(store: Store) -> None:
    first = store.save(_strike("A drone struck a base in Iraq, killing 2 people.", IRAQ, "Kataib Hezbollah"))
    second = store.save(_strike("A drone struck a post in Syria, killing 2 people.", SYRIA, "Liwa Fatemiyoun"))
    assert articles_naming_actors(store, ["Kataib Hezbollah"]) == [first.article_id]
    both = sorted([first.article_id, second.article_id])
    assert articles_naming_actors(store, ["Kataib Hezbollah", "Liwa Fatemiyoun"]) == both
    assert articles_naming_actors(store, ["Nobody"]) == []


def test_report_keys_name_events_by_position_in_their_article(store: Store) -> None:
    saved = store.save(_strike("A drone struck a base in Iraq, killing 2 people.", IRAQ, "Kataib Hezbollah"))
    found = report_incidents(store, [f"{saved.article_id}#0", f"{saved.article_id}#1", "other#0"])
    assert list(found) == [f"{saved.article_id}#0"]


def test_replacing_an_extraction_rewrites_rows_and_facets_and_keeps_the_article(store: Store) -> None:
    body = "A drone struck a base in Iraq, killing 2 people."
    article_id = store.save(_strike(body, IRAQ, "Kataib Hezbollah")).article_id
    moved = _strike(body, ("Iraq", "country", "SY", 35.0, 38.0), "Liwa Fatemiyoun")
    store.replace_extraction(article_id, replace(moved, figures=()))
    detail = article_detail(store, article_id)
    assert detail is not None and store.count_articles() == 1
    assert list(detail.actors["name"]) == ["Liwa Fatemiyoun"]
    assert detail.figures.empty
    assert set(detail.mentions["country_code"]) == {"SY"}
    assert list(events_table(store, Filters(countries=("SY",)))["article_id"]) == [article_id]
    assert events_table(store, Filters(countries=("IQ",))).empty
    assert events_table(store, Filters(actors=("Kataib Hezbollah",))).empty
    assert list(events_table(store, Filters(actors=("Liwa Fatemiyoun",)))["article_id"]) == [article_id]


def test_replacing_the_extraction_of_an_unknown_article_is_refused(store: Store) -> None:
    extraction = _strike("A drone struck a base in Iraq, killing 2 people.", IRAQ, "Kataib Hezbollah")
    with pytest.raises(StoreError, match="no article nope"):
        store.replace_extraction("nope", extraction)
    assert store.count_articles() == 0


def test_replacing_is_one_transaction_a_failed_write_keeps_the_old_rows(store: Store) -> None:
    body = "A drone struck a base in Iraq, killing 2 people."
    article_id = store.save(_strike(body, IRAQ, "Kataib Hezbollah")).article_id
    broken = _strike(body, IRAQ, "Liwa Fatemiyoun")
    # An actor without a kind violates NOT NULL after the old rows were deleted: everything must roll back.
    broken = replace(broken, actors=(replace(broken.actors[0], kind=None),))
    with pytest.raises(IntegrityError):
        store.replace_extraction(article_id, broken)
    detail = article_detail(store, article_id)
    assert list(detail.actors["name"]) == ["Kataib Hezbollah"]
    assert len(detail.events) == 1 and list(detail.figures["value"]) == [2]
