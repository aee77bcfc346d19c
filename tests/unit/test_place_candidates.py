"""Place candidates for review: every reading of a place name with the resolver's context score, the one in force
marked, best first; the article's other places move the scores the way they move the resolver's choice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from flashpoint.errors import ReviewError
from flashpoint.model import Article
from flashpoint.pipeline import Pipeline
from flashpoint.place_candidates import place_candidates
from flashpoint.reader import read_article

LEBANON_TRIPOLI, LIBYA_TRIPOLI = "geonames:266826", "geonames:2210247"
TOWER_22 = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "samples"
    / "2024-01-29-drone-kills-three-us-soldiers-tower-22-jordan.txt"
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


@pytest.mark.parametrize(
    ("neighbours", "winner", "loser"),
    [("Beirut and Sidon", LEBANON_TRIPOLI, LIBYA_TRIPOLI), ("Benghazi and Misrata", LIBYA_TRIPOLI, LEBANON_TRIPOLI)],
)
def test_the_articles_other_places_lift_the_reading_they_support(
    pipeline: Pipeline, neighbours: str, winner: str, loser: str
) -> None:
    body = f"Clashes erupted in Tripoli on Monday. Later, fighting spread to {neighbours}."
    extraction = pipeline.extract(Article(title="Clashes", body=body))
    candidates = place_candidates(pipeline, extraction, "tripoli")
    scores = {candidate.place.id: candidate.score for candidate in candidates}
    assert candidates[0].place.id == winner and candidates[0].chosen
    assert [candidate.place.id for candidate in candidates if candidate.chosen] == [winner]
    assert scores[winner] > scores[loser]
    assert [candidate.score for candidate in candidates] == sorted(scores.values(), reverse=True)


def test_the_chosen_reading_is_the_one_the_location_holds_now(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(read_article(TOWER_22.read_bytes(), TOWER_22.name))
    machine = place_candidates(pipeline, extraction, "Jordan")
    assert [(c.place.country_code, c.place.kind) for c in machine if c.chosen] == [("JO", "country")]
    town = next(candidate.place for candidate in machine if candidate.place.country_code == "US")
    jordan = next(location for location in extraction.locations if location.name == "Jordan")
    moved = replace(jordan, place_id=town.id, kind=town.kind, country_code="US", lat=town.lat, lon=town.lon)
    corrected = replace(extraction, locations=tuple(moved if loc is jordan else loc for loc in extraction.locations))
    after = place_candidates(pipeline, corrected, "Jordan")
    assert [c.place.id for c in after if c.chosen] == [town.id]
    assert [(c.place.id, c.score) for c in after] == [(c.place.id, c.score) for c in machine]


def test_a_gazetteer_gives_the_same_candidates_as_its_pipeline(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(read_article(TOWER_22.read_bytes(), TOWER_22.name))
    assert place_candidates(pipeline.geoparser.gazetteer, extraction, "Amman") == place_candidates(
        pipeline, extraction, "Amman"
    )


def test_a_name_the_article_does_not_hold_is_refused_naming_its_places(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(Article(title="Clashes", body="Clashes erupted in Tripoli on Monday."))
    with pytest.raises(ReviewError, match=r"no place named 'Paris' in this article \(it names: Tripoli\)"):
        place_candidates(pipeline, extraction, "Paris")
