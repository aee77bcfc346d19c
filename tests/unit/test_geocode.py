"""Choosing among places of one name, and the geopy-compatible geocoders (offline, and cached online)."""

from __future__ import annotations

from pathlib import Path

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location as GeopyLocation

from flashpoint.gazetteer import Gazetteer, load_gazetteer
from flashpoint.geocode import OfflineGeocoder, without_city_provinces
from flashpoint.online_geocoder import CACHE_FILE_NAME, CachedGeocoder, make_geocoder
from flashpoint.places import Geoparser
from flashpoint.settings import Settings


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def resolved(gazetteer: Gazetteer, text: str, surface: str, region_prior: str = "MENA"):
    """The location whose mentions include `surface`."""
    for location in Geoparser(gazetteer, region_prior).parse(text):
        if any(text[span.start : span.end].endswith(surface) for span in location.mentions):
            return location
    raise AssertionError(f"{surface!r} not found in {text!r}")


@pytest.mark.parametrize(
    ("text", "surface", "kind", "country_code"),
    [
        ("She grew up in Savannah, Georgia, and moved north.", "Georgia", "region", "US"),
        ("She grew up in Savannah, Georgia, and moved north.", "Savannah", "city", "US"),
        ("Troops left Tbilisi, the capital of Georgia, at dawn.", "Georgia", "country", "GE"),
        ("Officials in Amman said a drone hit a base in Jordan near Iraq.", "Jordan", "country", "JO"),
        ("After the strike in Beirut, clashes spread to Tripoli.", "Tripoli", "city", "LB"),
        ("Militias clashed in Tripoli as the Libya talks stalled.", "Tripoli", "city", "LY"),
        ("Talks were held in Paris on Tuesday.", "Paris", "city", "FR"),
        ("The bombings in Kerman, Iran killed dozens.", "Kerman", "city", "IR"),
        ("Pilgrims gathered in Bethlehem for Christmas.", "Bethlehem", "city", "PS"),
        ("Steelworkers in Bethlehem, Pennsylvania, went on strike.", "Bethlehem", "city", "US"),
        ("Washington warned Tehran against escalation.", "Washington", "city", "US"),
        ("Police in Paris, Texas, arrested two men.", "Paris", "city", "US"),
        ("Fans in London, Ontario, cheered the team.", "London", "city", "CA"),
        ("The mayor of Toronto met officials from Ontario and London.", "London", "city", "CA"),
    ],
)
def test_ambiguous_names_follow_context_then_size_then_region(
    gazetteer: Gazetteer, text: str, surface: str, kind: str, country_code: str
) -> None:
    location = resolved(gazetteer, text, surface)
    assert (location.kind, location.country_code) == (kind, country_code)


def test_region_prior_decides_only_when_the_text_is_silent(gazetteer: Gazetteer) -> None:
    text = "Crowds gathered in Nazareth on Sunday."
    assert resolved(gazetteer, text, "Nazareth", "MENA").country_code == "IL"
    assert resolved(gazetteer, text, "Nazareth", "NONE").country_code != "IL"
    explicit = "Crowds gathered in Nazareth, Pennsylvania, on Sunday."
    assert resolved(gazetteer, explicit, "Nazareth", "MENA").country_code == "US"


def test_countries_get_their_code_and_centre(gazetteer: Gazetteer) -> None:
    iraq = resolved(gazetteer, "Rockets were fired in Iraq.", "Iraq")
    assert (iraq.kind, iraq.country_code) == ("country", "IQ")
    assert abs(iraq.lat - 33.0) < 1.5 and abs(iraq.lon - 44.0) < 1.5


def test_offline_geocoder_is_a_geopy_geocoder_returning_geopy_locations(gazetteer: Gazetteer) -> None:
    geocoder = OfflineGeocoder(gazetteer)
    assert isinstance(geocoder, Geocoder)
    location = geocoder.geocode("Tripoli, Lebanon")
    assert isinstance(location, GeopyLocation)
    assert location.raw["country_code"] == "LB"
    assert location.raw["kind"] == "city"
    assert abs(location.latitude - 34.4) < 0.5


def test_offline_geocoder_ranks_all_readings_when_asked(gazetteer: Gazetteer) -> None:
    locations = OfflineGeocoder(gazetteer).geocode("Paris", exactly_one=False)
    assert isinstance(locations, list) and len(locations) > 1
    assert locations[0].raw["country_code"] == "FR"


def test_offline_geocoder_returns_none_for_an_unknown_name(gazetteer: Gazetteer) -> None:
    assert OfflineGeocoder(gazetteer).geocode("Qqqzzyx Nowhere") is None


class FakeWebService(Geocoder):
    """Stands in for the external web geocoder: answers one name and counts the calls."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: object) -> GeopyLocation | None:
        self.calls.append(query)
        if query == "Tiny Hamlet":
            return GeopyLocation("Tiny Hamlet, Somewhere", (10.5, 20.25), {"place_id": 7})
        return None


def test_cached_online_geocoder_asks_the_service_once_per_name(tmp_path: Path) -> None:
    service = FakeWebService()
    geocoder = CachedGeocoder(service, tmp_path, min_delay_seconds=0)
    first = geocoder.geocode("Tiny Hamlet")
    second = geocoder.geocode("tiny  hamlet")
    assert first is not None and second is not None
    assert (second.latitude, second.longitude) == (10.5, 20.25)
    assert geocoder.geocode("Unknown Place") is None
    assert geocoder.geocode("Unknown Place") is None
    assert service.calls == ["Tiny Hamlet", "Unknown Place"]


def test_online_cache_survives_a_restart(tmp_path: Path) -> None:
    CachedGeocoder(FakeWebService(), tmp_path, min_delay_seconds=0).geocode("Tiny Hamlet")
    assert (tmp_path / CACHE_FILE_NAME).exists()
    later_service = FakeWebService()
    location = CachedGeocoder(later_service, tmp_path, min_delay_seconds=0).geocode("Tiny Hamlet")
    assert location is not None and location.address == "Tiny Hamlet, Somewhere"
    assert later_service.calls == []


def test_offline_geocoder_falls_back_only_for_names_it_lacks(gazetteer: Gazetteer, tmp_path: Path) -> None:
    service = FakeWebService()
    geocoder = OfflineGeocoder(gazetteer, fallback=CachedGeocoder(service, tmp_path, min_delay_seconds=0))
    assert geocoder.geocode("Baghdad").raw["country_code"] == "IQ"
    assert geocoder.geocode("Tiny Hamlet").address == "Tiny Hamlet, Somewhere"
    assert service.calls == ["Tiny Hamlet"]


@pytest.mark.parametrize(("online", "has_fallback"), [("off", False), ("nominatim", True)])
def test_online_fallback_is_used_only_when_the_settings_ask(
    gazetteer: Gazetteer, tmp_path: Path, online: str, has_fallback: bool
) -> None:
    settings = Settings.from_env({"FLASHPOINT_ONLINE_GEOCODER": online, "FLASHPOINT_CACHE_DIR": str(tmp_path)})
    geocoder = make_geocoder(gazetteer, settings)
    assert isinstance(geocoder, OfflineGeocoder)
    assert (geocoder.fallback is not None) == has_fallback


@pytest.mark.parametrize(
    ("text", "surface", "state"),
    [
        ("Deputies in Laurel County, Kentucky, arrested two men near London.", "Laurel County", "KY"),
        ("The sheriff of Walker County said Huntsville, Texas, stayed calm.", "Walker County", "TX"),
        ("Flooding closed roads across Walker County, Georgia, on Monday.", "Walker County", "GA"),
    ],
)
def test_us_counties_resolve_to_the_county_in_the_named_state(
    gazetteer: Gazetteer, text: str, surface: str, state: str
) -> None:
    pytest.importorskip("zipcodes", reason="US counties come from the zipcodes package (requirements.txt)")
    location = resolved(gazetteer, text, surface)
    place = next(p for p in gazetteer.candidates(surface) if p.id == location.place_id)
    assert (location.kind, place.admin1, location.name) == ("region", state, surface)


@pytest.mark.parametrize(
    ("text", "surface", "kind", "country_code"),
    [
        ("Tech jobs went to western states such as California or Washington.", "Washington", "region", "US"),
        ("Envoys from Russia, Georgia and Ukraine met in Vienna.", "Georgia", "country", "GE"),
    ],
)
def test_names_listed_together_are_of_one_kind(
    gazetteer: Gazetteer, text: str, surface: str, kind: str, country_code: str
) -> None:
    location = resolved(gazetteer, text, surface, "NONE")
    assert (location.kind, location.country_code) == (kind, country_code)


def test_a_small_country_province_does_not_outrank_a_city_of_its_name(gazetteer: Gazetteer) -> None:
    # Charlotte is also a parish of Saint Vincent and the Grenadines.
    location = resolved(gazetteer, "Fans in Charlotte cheered the team.", "Charlotte", "NONE")
    assert (location.kind, location.country_code) == ("city", "US")


@pytest.mark.parametrize(
    ("text", "surface", "kind", "country_code"),
    [
        (
            "Police in London, Bristol and Salisbury made arrests as envoys of the United States met in Washington.",
            "Washington",
            "city",
            "US",
        ),
        ("Mexican officials said Mexico would answer the United States within a week.", "Mexico", "country", "MX"),
    ],
)
def test_a_named_country_pulls_its_capital_against_the_home_country(
    gazetteer: Gazetteer, text: str, surface: str, kind: str, country_code: str
) -> None:
    location = resolved(gazetteer, text, surface, "NONE")
    assert (location.kind, location.country_code) == (kind, country_code)


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        ("The tour stopped in New York, Chicago and Boston before heading west.", "Boston", "MA"),
        ("After Los Angeles, the band played Houston, Dallas and Paris.", "Paris", "TX"),
    ],
)
def test_a_metropolis_does_not_lend_its_state_to_small_namesakes(
    gazetteer: Gazetteer, text: str, surface: str, admin1: str
) -> None:
    location = resolved(gazetteer, text, surface, "NONE")
    in_state = {place.id for place in gazetteer.candidates(surface) if place.admin1 == admin1}
    assert location.place_id in in_state


@pytest.mark.parametrize(
    ("name", "dropped_region"),
    [("Saint-Louis", "iso3166-2:SN-SL"), ("Erbil", "iso3166-2:IQ-AR")],
)
def test_a_region_named_for_its_city_gives_way_to_the_city(
    gazetteer: Gazetteer, name: str, dropped_region: str
) -> None:
    candidates = gazetteer.candidates(name)
    assert dropped_region in {place.id for place in candidates}
    assert dropped_region not in {place.id for place in without_city_provinces(candidates)}


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Flooding closed roads across Cheshire and Merseyside overnight.", "Cheshire"),
        ("Police in Greater Manchester and West Yorkshire made arrests.", "West Yorkshire"),
        ("The factory in Northamptonshire will close next year.", "Northamptonshire"),
    ],
)
def test_english_counties_are_english_regions_not_american_towns(gazetteer: Gazetteer, text: str, surface: str) -> None:
    location = resolved(gazetteer, text, surface, "NONE")
    assert (location.kind, location.country_code) == ("region", "GB")


@pytest.mark.parametrize(
    ("text", "surface", "kind", "country_code"),
    [
        ("The carrier returned to Pearl Harbor after the exercise.", "Pearl Harbor", "site", "US"),
        ("Storms hit the West Coast while the senator toured Ohio.", "West Coast", "region", "US"),
        ("Power was restored in the U.S. Virgin Islands on Monday.", "U.S. Virgin Islands", "region", "US"),
    ],
)
def test_us_sites_and_regions_written_as_news_writes_them(
    gazetteer: Gazetteer, text: str, surface: str, kind: str, country_code: str
) -> None:
    location = resolved(gazetteer, text, surface, "NONE")
    assert (location.kind, location.country_code) == (kind, country_code)
