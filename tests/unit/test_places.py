"""Finding place names in text: longest match, spellings, associative uses, and names that are not places."""

from __future__ import annotations

import pytest

from flashpoint.gazetteer import load_gazetteer
from flashpoint.model import Location
from flashpoint.places import Geoparser


@pytest.fixture(scope="module")
def geoparser() -> Geoparser:
    return Geoparser(load_gazetteer())


def by_name(locations: tuple[Location, ...]) -> dict[str, Location]:
    return {location.name: location for location in locations}


def codes(locations: tuple[Location, ...]) -> set[str | None]:
    return {location.country_code for location in locations}


@pytest.mark.parametrize(
    ("text", "found", "not_found"),
    [
        ("Ships were attacked in the Gulf of Aden on Sunday.", "Gulf of Aden", "Aden"),
        ("The vessel sailed toward the Bab el-Mandeb Strait.", "Bab al-Mandab Strait", "Bab"),
        ("Smoke rose over Gaza City after the strike.", "Gaza City", "Gaza"),
        ("Troops crossed into the West Bank overnight.", "West Bank", "Bank"),
    ],
)
def test_longest_name_wins(geoparser: Geoparser, text: str, found: str, not_found: str) -> None:
    names = by_name(geoparser.parse(text))
    assert found in names
    assert not_found not in names


@pytest.mark.parametrize(
    ("text", "country_code"),
    [
        ("The ship docked at al-Hudaydah on Monday.", "YE"),
        ("The ship docked at Hudaydah on Monday.", "YE"),
        ("The ship docked at Hodeidah on Monday.", "YE"),
        ("Strikes hit Deir ez-Zor province.", "SY"),
        ("Strikes hit Dayr az-Zawr province.", "SY"),
        ("Fighting continued in Khan Younis.", "PS"),
        ("Fighting continued in Khan Yunis.", "PS"),
        ("GAZA/JERUSALEM: The agency said aid was blocked.", "PS"),
    ],
)
def test_spelling_variants_resolve_to_the_same_country(geoparser: Geoparser, text: str, country_code: str) -> None:
    assert country_code in codes(geoparser.parse(text))


def test_transliterations_of_one_place_are_one_location(geoparser: Geoparser) -> None:
    text = "Houthis seized the ship near Hodeidah. The port of al-Hudaydah was closed. Hudaydah is quiet."
    hodeidah = [location for location in geoparser.parse(text) if location.country_code == "YE"]
    assert len(hodeidah) == 1
    assert len(hodeidah[0].mentions) == 3


@pytest.mark.parametrize(
    ("text", "country_code"),
    [
        ("Iran-backed militias fired rockets.", "IR"),
        ("Tehran said it had no part in the attack.", "IR"),
        ("Iranian officials denied the report.", "IR"),
        ("Displaced Palestinians sheltered in schools.", "PS"),
        ("American forces were put on alert.", "US"),
        ("A British-registered ship was hit.", "GB"),
        ("Lebanese authorities opened an inquiry.", "LB"),
        ("Iran's supreme leader vowed revenge.", "IR"),
    ],
)
def test_associative_uses_are_kept_but_not_literal(geoparser: Geoparser, text: str, country_code: str) -> None:
    location = next(loc for loc in geoparser.parse(text) if loc.country_code == country_code)
    assert location.literal is False


def test_one_literal_mention_makes_the_place_literal(geoparser: Geoparser) -> None:
    text = "Iran-backed groups struck again. A drone was launched from Iran, officials said."
    iran = next(loc for loc in geoparser.parse(text) if loc.country_code == "IR")
    assert iran.literal is True
    assert len(iran.mentions) == 2


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Defense Secretary Lloyd Austin said the strikes would continue.", "Austin"),
        ("Lloyd Austin spoke on Monday. Later, Austin said more troops would go.", "Austin"),
        ("The USS Carney shot down three drones.", "Carney"),
        ("Michael Jordan visited the team.", "Jordan"),
        ("Mary said the talks had stalled.", "Mary"),
        ("The attack happened in March.", "March"),
        ("President Biden spoke to reporters.", "Biden"),
        ("Thomas White, who directs the agency, said twelve had died.", "Thomas"),
        ("The Washington Post reported the plan.", "Washington"),
        ("Galaxy Maritime said all contact was lost.", "Maritime"),
        ("The Quds Force is the foreign arm of the Guards.", "Jerusalem"),
        ("Israel Katz said the army was ready.", "Israel"),
        ("Shoppers filled the Wal-Mart on Friday.", "Wal"),
    ],
)
def test_person_ship_organisation_and_common_words_are_not_places(geoparser: Geoparser, text: str, absent: str) -> None:
    names = {location.name for location in geoparser.parse(text)}
    assert absent not in names
    if absent == "Jordan":
        assert "JO" not in codes(geoparser.parse(text))


def test_possessive_mentions_are_found_with_their_span(geoparser: Geoparser) -> None:
    text = "Cargo ship now in Yemen's Hodeidah port area."
    locations = by_name(geoparser.parse(text))
    yemen = next(location for location in locations.values() if location.kind == "country")
    assert yemen.country_code == "YE"
    span = yemen.mentions[0]
    assert text[span.start : span.end] == "Yemen"
    assert any(location.kind == "city" and location.country_code == "YE" for location in locations.values())


@pytest.mark.parametrize(
    ("text", "codes_expected"),
    [
        ("A blast rocked Beirut's southern suburbs.", {"LB"}),
        ("Drones struck Iraq's Kurdistan region overnight.", {"IQ"}),
    ],
)
def test_a_place_named_inside_a_longer_name_is_a_mention_too(
    geoparser: Geoparser, text: str, codes_expected: set[str]
) -> None:
    locations = geoparser.parse(text)
    assert len(locations) == 2
    assert codes(locations) == codes_expected


def test_a_hyphenated_adjective_before_a_place_does_not_hide_it(geoparser: Geoparser) -> None:
    names = by_name(geoparser.parse("Fighters returned to Houthi-controlled Sanaa on Monday."))
    assert "Sanaa" in names and names["Sanaa"].country_code == "YE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rockets hit northern Israel. Israel said it would respond.", [("Israel", 2)]),
        ("The biggest city in southern Gaza is shelled. Gaza is under siege.", [("Gaza Strip", 2)]),
        ("Troops entered Gaza City as the Gaza Strip went dark.", [("Gaza City", 1), ("Gaza Strip", 1)]),
        # Reports' "southern Lebanon" is Lebanon even when the country is not named again.
        ("Jets struck targets in southern Lebanon and northeast Syria.", [("Lebanon", 1), ("Syria", 1)]),
        ("Fighting spread across south Lebanon and eastern Syria.", [("Lebanon", 1), ("Syria", 1)]),
        ("Raids continued in northern Gaza.", [("Gaza Strip", 1)]),
    ],
)
def test_parts_named_by_direction_are_filed_with_the_whole(
    geoparser: Geoparser, text: str, expected: list[tuple[str, int]]
) -> None:
    found = sorted((location.name, len(location.mentions)) for location in geoparser.parse(text))
    assert found == expected


def test_every_mention_is_listed_with_its_span(geoparser: Geoparser) -> None:
    text = "Rockets hit Iraq. Later, a base in Iraq was targeted again."
    iraq = next(location for location in geoparser.parse(text) if location.country_code == "IQ")
    assert [text[span.start : span.end] for span in iraq.mentions] == ["Iraq", "Iraq"]


def test_a_place_in_the_outlet_header_is_only_associative(geoparser: Geoparser) -> None:
    text = "Strike kills commander\n\nBeirut Today\n2024-01-02\n\nA drone struck a building in Damascus overnight."
    names = by_name(geoparser.parse(text))
    assert names["Damascus"].literal is True
    assert "Beirut" not in names or names["Beirut"].literal is False


def test_lowercase_words_are_not_places(geoparser: Geoparser) -> None:
    assert geoparser.parse("the jordan of the mind and a nice reading in march") == ()


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Crowds gathered before dawn on al-Rashid Street in Gaza City.", "Rashid"),
        ("Shops along Hampton Avenue closed early.", "Hampton"),
        ("Government spokesman Basim al-Awadi said 16 people were killed.", "Basim"),
        ("Noa Argamani, 26, and Shlomi Ziv, 41, were freed from two apartments.", "Shlomi"),
        ("Ankara calls the group an offshoot of the Kurdistan Workers' Party (PKK).", "Kurdistan"),
    ],
)
def test_streets_people_and_parties_named_after_places_are_not_those_places(
    geoparser: Geoparser, text: str, absent: str
) -> None:
    assert not [location.name for location in geoparser.parse(text) if absent in location.name]


def test_a_town_police_department_still_names_the_town(geoparser: Geoparser) -> None:
    text = "The Athens Police Department arrested a man in Athens, Texas, on Friday."
    assert "Athens" in by_name(geoparser.parse(text))
