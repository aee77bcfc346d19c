"""Read GDELT 2.0 event files (tab-separated, 61 columns, usually no header) into external events."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from typing import TextIO

from flashpoint.interop_records import ExternalEvent, InteropError, every_event, optional_float, optional_int
from flashpoint.precision import ADMIN1, COUNTRY, DAY, EXACT, UNKNOWN

_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
# The GDELT 2.0 event table, in file order (GDELT Event Codebook V2.0).
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{field}" for field in _ACTOR_FIELDS),
    *(f"Actor2{field}" for field in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{field}" for field in _GEO_FIELDS),
    *(f"Actor2Geo_{field}" for field in _GEO_FIELDS),
    *(f"ActionGeo_{field}" for field in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
# CAMEO event codes in our vocabulary, longest prefix first wins: 1952 remotely piloted aerial munitions, 195
# aerial weapons, 181 abduct/hijack/take hostage, 183 bombings, 193 small arms fighting, 196 ceasefire
# violations, 18-20 other assaults, fights and mass violence, 13 threats, 04 consultations.
CAMEO_TYPES = {
    "1952": "drone attack",
    "195": "airstrike",
    "181": "seizure",
    "183": "bombing",
    "193": "clash",
    "196": "clash",
    "18": "attack",
    "19": "attack",
    "20": "attack",
    "13": "threat",
    "04": "meeting",
}
# ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (admin-1).
GEO_TYPE_PRECISION = {"1": COUNTRY, "2": ADMIN1, "3": EXACT, "4": EXACT, "5": ADMIN1}
# GDELT geocodes with FIPS 10-4 country codes; these are the ones of the region and of the powers active in it
# whose ISO 3166 code differs or matters. Codes not listed keep no ISO code (the place name is kept).
FIPS_TO_ISO = {
    "IZ": "IQ", "IS": "IL", "LE": "LB", "SY": "SY", "IR": "IR", "YM": "YE", "JO": "JO", "SA": "SA", "GZ": "PS",
    "WE": "PS", "EG": "EG", "TU": "TR", "KU": "KW", "BA": "BH", "QA": "QA", "AE": "AE", "MU": "OM", "DJ": "DJ",
    "ER": "ER", "SU": "SD", "SO": "SO", "CY": "CY", "AF": "AF", "PK": "PK", "US": "US", "UK": "GB", "FR": "FR",
    "RS": "RU", "CH": "CN", "GM": "DE", "IN": "IN", "LY": "LY", "TS": "TN", "AG": "DZ", "MO": "MA",
}  # fmt: skip


def _event_type(code: str) -> str | None:
    for length in (4, 3, 2):
        if len(code) >= length and code[:length] in CAMEO_TYPES:
            return CAMEO_TYPES[code[:length]]
    return None


def _check_columns(fields: list[str], where: str, line: int) -> None:
    if len(fields) < len(GDELT_COLUMNS):
        missing = ", ".join(GDELT_COLUMNS[len(fields) :][:3])
        raise InteropError(
            f"{where} line {line}: {len(fields)} columns, a GDELT 2.0 event row has {len(GDELT_COLUMNS)}; "
            f"missing column(s) from {missing}"
        )
    if len(fields) > len(GDELT_COLUMNS):
        raise InteropError(
            f"{where} line {line}: {len(fields)} columns, a GDELT 2.0 event row has {len(GDELT_COLUMNS)} "
            "(a GDELT 1.0 file or another table?)"
        )


def _check_header(fields: list[str], where: str) -> None:
    missing = [column for column in GDELT_COLUMNS if column not in fields]
    if missing:
        raise InteropError(f"{where}: header is not the GDELT 2.0 event table, missing column(s): {', '.join(missing)}")


def _row_event(row: dict[str, str], where: str, line: int) -> ExternalEvent:
    try:
        day = datetime.strptime(row["SQLDATE"], "%Y%m%d").date()
        lat, lon = optional_float(row["ActionGeo_Lat"]), optional_float(row["ActionGeo_Long"])
        mentions, goldstein = optional_int(row["NumMentions"]), optional_float(row["GoldsteinScale"])
    except ValueError as error:
        raise InteropError(f"{where} line {line}: a date or number column holds text ({error})") from None
    fips = row["ActionGeo_CountryCode"].strip()
    return ExternalEvent(
        dataset="gdelt",
        external_id=row["GLOBALEVENTID"],
        date=day,
        date_precision=DAY,
        type=_event_type(row["EventCode"].strip()),
        original_type=f"CAMEO {row['EventCode'].strip()}",
        actor1=row["Actor1Name"].strip() or None,
        actor2=row["Actor2Name"].strip() or None,
        associated_actors=(),
        country_code=FIPS_TO_ISO.get(fips),
        country=fips or None,
        admin1=row["ActionGeo_ADM1Code"].strip() or None,
        location=row["ActionGeo_FullName"].strip() or None,
        lat=lat,
        lon=lon,
        location_precision=GEO_TYPE_PRECISION.get(row["ActionGeo_Type"].strip(), UNKNOWN),
        fatalities=None,
        notes="",
        source=row["SOURCEURL"].strip(),
        mentions=mentions,
        goldstein=goldstein,
    )


def gdelt_events(stream: TextIO, name: str = "GDELT file") -> Iterator[ExternalEvent | InteropError]:
    """Each row of a GDELT 2.0 event file as an event, or as the InteropError naming its line when it cannot be
    read (short or long row, bad date or number), so an importer can keep the good rows and list every bad one.

    A first row of column names is accepted and checked; a header lacking columns raises InteropError.
    """
    columns = GDELT_COLUMNS
    # GDELT fields are never quoted: a quote character is data.
    for line, fields in enumerate(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
        if not fields:
            continue
        if line == 1 and fields[0].lstrip("\ufeff") == "GLOBALEVENTID":
            fields = [field.lstrip("\ufeff") for field in fields]
            _check_header(fields, name)
            columns = tuple(fields)
            continue
        try:
            _check_columns(fields, name, line)
            yield _row_event(dict(zip(columns, fields, strict=True)), name, line)
        except InteropError as error:
            yield error


def read_gdelt_events(stream: TextIO, name: str = "GDELT file") -> tuple[ExternalEvent, ...]:
    """Every row of a GDELT 2.0 event file. A first row of column names is accepted and checked.

    Raises InteropError naming the line and the first missing columns when a row is short, the missing names when
    a header lacks some, and the line when a date or number cannot be read.
    """
    return every_event(gdelt_events(stream, name))
