"""Time importing a large GDELT layer and drawing it: import rate, map query time, points and bytes sent.

    python bench/external_layers.py                          # 100,000 synthetic events, temporary SQLite
    python bench/external_layers.py --events 300000 --database postgresql+psycopg://postgres@127.0.0.1/fp

Target: a 100,000-event layer reaches the browser as at most MAP_POINT_LIMIT points per layer (a few hundred KB of
deck JSON), with the Map's query for it well under a second. The events are written by this script: GDELT-shaped
rows spread over the region's towns with jitter, as GDELT geocodes to place centroids.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.external_layer import build_external_layers  # noqa: E402
from flashpoint.filters import Filters  # noqa: E402
from flashpoint.interop_gdelt import GDELT_COLUMNS  # noqa: E402
from flashpoint.query_external import MAP_POINT_LIMIT, external_points  # noqa: E402
from flashpoint.store import Store  # noqa: E402
from flashpoint.store_external import import_layer, remove_layer  # noqa: E402

# (FIPS country, latitude, longitude) of busy places; each event lands on one of SPOTS_PER_PLACE spots near one.
PLACES = (
    ("IZ", 33.31, 44.36), ("IZ", 36.19, 44.01), ("IZ", 36.34, 43.13), ("IZ", 30.51, 47.78), ("SY", 33.51, 36.29),
    ("SY", 36.20, 37.13), ("SY", 35.33, 40.14), ("LE", 33.89, 35.50), ("LE", 33.27, 35.20), ("IS", 31.77, 35.21),
    ("IS", 32.79, 34.99), ("GZ", 31.50, 34.47), ("GZ", 31.34, 34.31), ("YM", 15.35, 44.21), ("YM", 14.80, 42.95),
    ("IR", 35.69, 51.39), ("IR", 30.28, 57.08), ("JO", 31.95, 35.93), ("SA", 24.71, 46.68), ("TU", 37.07, 37.38),
)  # fmt: skip
SPOTS_PER_PLACE = 150
SPOT_SPREAD_DEGREES = 1.5
CAMEO_CODES = ("190", "193", "183", "1952", "195", "042", "010", "130", "181")
FIRST_DAY = date(2023, 10, 7)
DAYS = 180


def synthetic_gdelt(count: int, seed: int = 7) -> bytes:
    """`count` GDELT 2.0 event rows (no header), deterministic for a seed."""
    chooser = random.Random(seed)
    spots = [
        (fips, lat + chooser.uniform(-SPOT_SPREAD_DEGREES, SPOT_SPREAD_DEGREES), lon + chooser.uniform(-1.5, 1.5))
        for fips, lat, lon in PLACES
        for _ in range(SPOTS_PER_PLACE)
    ]
    index = {column: position for position, column in enumerate(GDELT_COLUMNS)}
    lines = []
    for number in range(count):
        fips, lat, lon = chooser.choice(spots)
        day = FIRST_DAY + timedelta(days=chooser.randrange(DAYS))
        fields = [""] * len(GDELT_COLUMNS)
        fields[index["GLOBALEVENTID"]] = str(1_100_000_000 + number)
        fields[index["SQLDATE"]] = day.strftime("%Y%m%d")
        fields[index["Actor1Name"]] = chooser.choice(("ISRAEL", "IRAN", "HOUTHI", "UNITED STATES", "HAMAS"))
        fields[index["EventCode"]] = chooser.choice(CAMEO_CODES)
        fields[index["NumMentions"]] = str(chooser.randint(1, 40))
        fields[index["ActionGeo_Type"]] = chooser.choice(("4", "4", "4", "1", "5"))
        fields[index["ActionGeo_FullName"]] = f"Spot {lat:.2f} {lon:.2f}"
        fields[index["ActionGeo_CountryCode"]] = fips
        fields[index["ActionGeo_Lat"]] = f"{lat:.4f}"
        fields[index["ActionGeo_Long"]] = f"{lon:.4f}"
        fields[index["SOURCEURL"]] = f"https://example.org/{number}"
        lines.append("\t".join(fields))
    return ("\n".join(lines) + "\n").encode("utf-8")


def timed(function, *arguments, **keywords):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = function(*arguments, **keywords)
    return result, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="synthetic GDELT events to import (100,000)")
    parser.add_argument("--database", help="database URL (default: a new temporary SQLite file)")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    store = Store(args.database or f"sqlite:///{Path(folder.name) / 'layers.db'}")
    store.create_schema()
    remove_layer(store, "gdelt")
    data, made = timed(synthetic_gdelt, args.events)
    print(f"{args.events:,} events written in {made:.1f} s ({len(data) / 1e6:.1f} MB of GDELT rows)")
    result, took = timed(import_layer, store, data, "gdelt", "synthetic.tsv")
    print(f"import: {result.summary} in {took:.1f} s ({result.saved / took:,.0f} events/s)")
    _, again = timed(import_layer, store, data, "gdelt", "synthetic.tsv")
    print(f"re-import (all duplicates): {again:.1f} s")
    cases = {
        "no filter": Filters(),
        "one country": Filters(countries=("IQ",)),
        "one month": Filters(date_from=FIRST_DAY, date_to=FIRST_DAY + timedelta(days=30)),
        "an actor": Filters(actors=("Israel",)),
        "type + text": Filters(event_types=("attack",), text="example"),
    }
    for label, filters in cases.items():
        points, seconds = timed(external_points, store, filters, ["gdelt"])
        layers = build_external_layers(points, "gdelt")
        sent = sum(len(json.dumps(layer.data, default=str)) for layer in layers)
        cell = points["cell_degrees"].iloc[0] if not points.empty else 0
        print(
            f"{label:<12} {seconds * 1000:6.0f} ms  {int(points['events'].sum()):>8,} events -> {len(points):>5,} "
            f"points (limit {MAP_POINT_LIMIT:,}, cells of {cell:g} degree)  {sent / 1024:,.0f} KB of deck data"
        )
    store.dispose()
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
