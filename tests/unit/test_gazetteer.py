"""The place index: names and spellings, supplements overriding package data, building, loading and its errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flashpoint.errors import GazetteerError
from flashpoint.gazetteer import Gazetteer, build_index, load_gazetteer, name_key
from flashpoint.gazetteer_sources import PlaceRecord, read_supplement

HEADER = "id,name,alternate_names,kind,country_code,lat,lon,population,source\n"


def record(identifier: str, name: str, *names: str, kind: str = "city", country: str | None = "YE") -> PlaceRecord:
    return PlaceRecord(identifier, name, kind, country, 14.8, 42.95, 1000, "test", None, (name, *names))


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer.from_records(
        [
            record("a", "Al Hudaydah", "Hodeidah", "Hudaydah"),
            record("b", "Deir ez-Zor", country="SY"),
            record("c", "Yemen", kind="country"),
            record("d", "Al Ain", country="AE"),
        ]
    )


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("written", "expected_id"),
    [
        ("Hodeidah", "a"),
        ("hodeidah", "a"),
        ("Al Hudaydah", "a"),
        ("al-Hudaydah", "a"),
        ("Hudaydah", "a"),
        ("Deir ez-Zor", "b"),
        ("Deir ez Zor", "b"),
        ("DEIR EZ-ZOR", "b"),
        ("Al Ain", "d"),
    ],
)
def test_spellings_find_the_same_place(small: Gazetteer, written: str, expected_id: str) -> None:
    assert [place.id for place in small.candidates(written)] == [expected_id]


def test_a_name_too_short_without_its_article_is_not_indexed_bare(small: Gazetteer) -> None:
    assert small.candidates("Ain") == ()


def test_country_is_found_by_its_code(small: Gazetteer) -> None:
    country = small.country("ye")
    assert country is not None and country.name == "Yemen" and country.kind == "country"


def test_later_record_with_the_same_id_replaces_the_earlier(small: Gazetteer) -> None:
    replaced = Gazetteer.from_records([record("a", "Old name"), record("a", "New name")])
    assert replaced.candidates("Old name") == ()
    assert [place.name for place in replaced.candidates("New name")] == ["New name"]


@pytest.mark.parametrize(
    ("name", "key"),
    [("Bab el-Mandeb", "bab el mandeb"), ("Sana’a", "sana'a"), ("  Gaza   Strip ", "gaza strip")],
)
def test_name_key_folds_case_hyphens_and_apostrophes(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("name", "kind", "country_code"),
    [
        ("Jordan", "country", "JO"),
        ("United States", "country", "US"),
        ("U.S.", "country", "US"),
        ("Britain", "country", "GB"),
        ("Georgia", "region", "US"),
        ("Paris", "city", "FR"),
        ("Red Sea", "water", None),
        ("Gulf of Aden", "water", None),
        ("Hodeidah", "city", "YE"),
        ("Atlantic", "water", None),
        ("Calif.", "region", "US"),
        ("N.Y.", "region", "US"),
        ("W. Va.", "region", "US"),
        ("St. Paris", "city", "US"),
        ("Ft. Worth", "city", "US"),
        ("Wales", "region", "GB"),
    ],
)
def test_built_index_knows_package_and_curated_places(world: Gazetteer, name: str, kind: str, country_code) -> None:
    assert any(p.kind == kind and p.country_code == country_code for p in world.candidates(name))


def test_a_subdivision_is_not_indexed_under_a_translation_of_its_name(world: Gazetteer) -> None:
    assert all(place.country_code == "US" for place in world.candidates("Columbus") if place.kind == "region")
    assert not any(place.country_code == "HN" for place in world.candidates("Columbus"))


@pytest.mark.parametrize(
    ("region", "town"),
    [
        ("Anbar", "Ramadi"),
        ("Ontario", "Toronto"),
        ("Texas", "Houston"),
        # Its curated point lies near British Columbia; the code is still voted from ISO's centre.
        ("Alberta", "Edmonton"),
        ("Hawaii", "Honolulu"),
    ],
)
def test_subdivisions_carry_the_admin_code_of_their_towns(world: Gazetteer, region: str, town: str) -> None:
    region_codes = {(p.country_code, p.admin1) for p in world.candidates(region) if p.kind == "region"}
    biggest_town = max(world.candidates(town), key=lambda p: p.population)
    assert (biggest_town.country_code, biggest_town.admin1) in region_codes


def test_only_latin_script_names_are_indexed(world: Gazetteer) -> None:
    assert world.candidates("بغداد") == ()
    assert world.candidates("Багдад") == ()


def test_supplement_reader_skips_csv_files_with_other_columns(tmp_path: Path) -> None:
    (tmp_path / "demonyms.csv").write_text("demonym,country_code,source\nIraqi,IQ,test\n", encoding="utf-8")
    (tmp_path / "extra.csv").write_text(HEADER + "t:1,Tower 22,Tower-22,site,JO,33.3,38.7,0,test\n", encoding="utf-8")
    records = list(read_supplement(tmp_path))
    assert [(r.name, r.kind, r.names) for r in records] == [("Tower 22", "site", ("Tower 22", "Tower-22"))]


def test_supplement_row_with_an_unknown_kind_is_a_gazetteer_error(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text(HEADER + "t:1,Somewhere,,village,JO,33.3,38.7,0,test\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad\.csv:2"):
        list(read_supplement(tmp_path))


def test_build_writes_an_index_with_the_supplement_and_skips_rebuilding_unchanged_sources(tmp_path: Path) -> None:
    folder = tmp_path / "places"
    folder.mkdir()
    (folder / "mine.csv").write_text(HEADER + "t:1,Qaryat Testiyya,,city,IQ,33.0,44.0,5,test\n", encoding="utf-8")
    output = tmp_path / "index.pkl"
    assert build_index(output, supplement_folder=folder) == output
    built_at = os.stat(output).st_mtime_ns
    assert [p.country_code for p in load_gazetteer(output).candidates("Qaryat Testiyya")] == ["IQ"]
    build_index(output, supplement_folder=folder)
    assert os.stat(output).st_mtime_ns == built_at


def test_unreadable_index_is_a_gazetteer_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pkl"
    broken.write_bytes(b"not an index\n\x00\x01")
    with pytest.raises(GazetteerError, match=r"broken\.pkl"):
        load_gazetteer(broken)
