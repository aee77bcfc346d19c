"""Build data/geo/countries.geojson, the offline map's country outlines, from countryinfo's per-country GeoJSON."""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Sequence
from pathlib import Path

import countryinfo

PROJECT_ROOT = Path(__file__).resolve().parent.parent
OUTPUT_PATH = PROJECT_ROOT / "data" / "geo" / "countries.geojson"
SOURCE_FOLDER = Path(countryinfo.__file__).resolve().parent / "data"
# About 2 km at the equator: invisible at the zoom levels a region map uses, and keeps the file small.
DEFAULT_TOLERANCE_DEGREES = 0.02
# Two decimals is about 1 km, finer than the simplification tolerance.
COORDINATE_DECIMALS = 2

# Land tints, one per colour class: neighbours get different tints, so borders show without drawing lines
# (a stroked outline layer costs the browser over a second to set up; fills are cheap).
LAND_TINTS: tuple[tuple[int, int, int], ...] = (
    (226, 222, 204),
    (207, 220, 205),
    (231, 213, 212),
    (211, 218, 231),
    (232, 226, 192),
)

Point = tuple[float, float]


def _distance_to_segment(point: Point, start: Point, end: Point) -> float:
    dx, dy = end[0] - start[0], end[1] - start[1]
    if dx == 0 and dy == 0:
        return math.hypot(point[0] - start[0], point[1] - start[1])
    share = ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / (dx * dx + dy * dy)
    share = max(0.0, min(1.0, share))
    return math.hypot(point[0] - (start[0] + share * dx), point[1] - (start[1] + share * dy))


def simplify_line(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker simplification, iterative so long coastlines cannot exhaust the recursion limit."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    pending = [(0, len(points) - 1)]
    while pending:
        first, last = pending.pop()
        farthest, farthest_distance = -1, tolerance
        for index in range(first + 1, last):
            distance = _distance_to_segment(points[index], points[first], points[last])
            if distance > farthest_distance:
                farthest, farthest_distance = index, distance
        if farthest != -1:
            keep[farthest] = True
            pending.extend([(first, farthest), (farthest, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: Sequence[Sequence[float]], tolerance: float) -> list[list[float]] | None:
    """A closed ring, simplified and rounded; None when too little of it is left to draw."""
    points = [(float(x), float(y)) for x, y, *_ in ring]
    simplified = simplify_line(points, tolerance)
    rounded: list[list[float]] = []
    for x, y in simplified:
        pair = [round(x, COORDINATE_DECIMALS), round(y, COORDINATE_DECIMALS)]
        if not rounded or rounded[-1] != pair:
            rounded.append(pair)
    if len(rounded) < 4:
        return None
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def simplify_polygon(polygon: Sequence[Sequence[Sequence[float]]], tolerance: float) -> list[list[list[float]]] | None:
    outer = simplify_ring(polygon[0], tolerance)
    if outer is None:
        return None
    holes = [ring for ring in (simplify_ring(hole, tolerance) for hole in polygon[1:]) if ring is not None]
    return [outer, *holes]


def simplify_geometry(geometry: dict, tolerance: float) -> dict | None:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return None
    kept = [shape for shape in (simplify_polygon(polygon, tolerance) for polygon in polygons) if shape is not None]
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def colour_classes(neighbours: dict[str, set[str]]) -> dict[str, int]:
    """Greedy graph colouring, most-connected countries first: no two neighbours share a class."""
    classes: dict[str, int] = {}
    for country in sorted(neighbours, key=lambda code: (-len(neighbours[code]), code)):
        taken = {classes[other] for other in neighbours[country] if other in classes}
        classes[country] = next(index for index in range(len(neighbours) + 1) if index not in taken)
    return classes


def build_outlines(source_folder: Path, tolerance: float) -> dict:
    """One FeatureCollection with a feature per country: name, ISO alpha-2 code, land tint and simplified outline."""
    countries = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(source_folder.glob("*.json"))]
    neighbours: dict[str, set[str]] = {}
    for country in countries:
        code = (country.get("ISO") or {}).get("alpha3")
        if code:
            neighbours.setdefault(code, set()).update(country.get("borders") or [])
            for other in country.get("borders") or []:
                neighbours.setdefault(other, set()).add(code)
    classes = colour_classes(neighbours)
    features = []
    for country in countries:
        codes = country.get("ISO") or {}
        tint = LAND_TINTS[classes.get(codes.get("alpha3", ""), 0) % len(LAND_TINTS)]
        for feature in (country.get("geoJSON") or {}).get("features", []):
            geometry = simplify_geometry(feature["geometry"], tolerance)
            if geometry is None:
                continue
            properties = {"name": country.get("name", ""), "country_code": codes.get("alpha2"), "fill": list(tint)}
            features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return {
        "type": "FeatureCollection",
        "source": "countryinfo 1.0.1 package outlines (MIT; from the world.geo.json project), simplified by Flashpoint",
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE_DEGREES, help="degrees")
    parser.add_argument("--output", type=Path, default=OUTPUT_PATH)
    arguments = parser.parse_args()
    collection = build_outlines(SOURCE_FOLDER, arguments.tolerance)
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, separators=(",", ":"))
    arguments.output.write_text(text, encoding="utf-8")
    print(f"countries: {len(collection['features'])}")
    print(f"size_kb: {len(text.encode('utf-8')) / 1024:.0f}")
    print(f"output: {arguments.output}")


if __name__ == "__main__":
    main()
