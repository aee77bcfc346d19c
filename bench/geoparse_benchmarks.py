"""Score the geoparser on the GeoWebNews and LGL benchmarks: span-overlap P/R/F1 and accuracy at 161 km."""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from flashpoint.gazetteer import load_gazetteer
from flashpoint.places import Geoparser

BENCHMARKS = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
ACCURACY_KM = 161.0


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    lat: float
    lon: float
    place_id: str


@dataclass
class Tally:
    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    resolved: int = 0
    resolved_right: int = 0

    def row(self, name: str) -> str:
        precision = self.predicted_matched / self.predicted if self.predicted else 0.0
        recall = self.gold_matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        accuracy = self.resolved_right / self.resolved if self.resolved else 0.0
        return (
            f"| {name:<22} | {100 * precision:5.1f} | {100 * recall:5.1f} | {100 * f1:5.1f} "
            f"| {100 * accuracy:5.1f} (n={self.resolved}) |"
        )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def predictions(geoparser: Geoparser, text: str) -> list[Prediction]:
    found = []
    for location in geoparser.parse(text):
        for span in location.mentions:
            found.append(Prediction(span.start, span.end, location.lat, location.lon, location.place_id))
    return sorted(found, key=lambda p: p.start)


def match(predicted: list[Prediction], gold: list[dict]) -> dict[int, int]:
    """One-to-one by any character overlap, closest starts first: prediction index -> gold index."""
    pairs = sorted(
        (abs(p.start - g["start"]), i, j)
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        if p.start < g["end"] and g["start"] < p.end
    )
    used_gold: set[int] = set()
    matched: dict[int, int] = {}
    for _, i, j in pairs:
        if i not in matched and j not in used_gold:
            matched[i] = j
            used_gold.add(j)
    return matched


def is_right(prediction: Prediction, gold: dict) -> bool:
    if gold.get("geonames_id") and prediction.place_id == f"geonames:{gold['geonames_id']}":
        return True
    return distance_km(prediction.lat, prediction.lon, gold["lat"], gold["lon"]) <= ACCURACY_KM


def score(geoparser: Geoparser, path: Path, literal_only: bool, errors: list[str] | None = None) -> Tally:
    """`literal_only`: recall over literal toponyms; predictions hitting associative ones are left out."""
    tally = Tally()
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        article = json.loads(line)
        gold = article["toponyms"]
        predicted = predictions(geoparser, article["text"])
        matched = match(predicted, gold)
        counted_gold = [g for g in gold if g.get("literal", True) or not literal_only]
        tally.gold += len(counted_gold)
        for i, prediction in enumerate(predicted):
            target = gold[matched[i]] if i in matched else None
            if target is not None and literal_only and not target.get("literal", True):
                continue
            tally.predicted += 1
            if target is None:
                if errors is not None:
                    errors.append(f"spurious {article['text'][prediction.start : prediction.end]!r}")
                continue
            tally.predicted_matched += 1
            tally.gold_matched += 1
            if target.get("lat") is not None:
                tally.resolved += 1
                right = is_right(prediction, target)
                tally.resolved_right += right
                if errors is not None and not right:
                    errors.append(f"misresolved {target['name']!r} -> {prediction.lat:.2f},{prediction.lon:.2f}")
        if errors is not None:
            hit = set(matched.values())
            errors += [f"missed {g['name']!r}" for j, g in enumerate(gold) if j not in hit and g in counted_gold]
    return tally


def speed(geoparser: Geoparser, count: int) -> str:
    """Geoparser CPU time per article over the throughput benchmark's articles, after one warm-up pass."""
    from extract_throughput import make_articles

    from flashpoint.reader import read_article

    texts = [read_article(data, f"a{number}.txt").text for number, data in enumerate(make_articles(count))]
    for text in texts:
        geoparser.parse(text)
    started = time.process_time()
    for text in texts:
        geoparser.parse(text)
    per_article = 1000 * (time.process_time() - started) / len(texts)
    mean_kb = sum(map(len, texts)) / len(texts) / 1024
    return f"geoparser: {per_article:.2f} ms CPU per article ({mean_kb:.1f} KB mean, {len(texts)} articles)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmarks", type=Path, default=BENCHMARKS, help="folder with geowebnews/ and lgl/")
    parser.add_argument("--errors", type=int, default=0, help="also print the N most frequent errors per corpus")
    parser.add_argument("--region-prior", default="NONE", help="MENA or NONE (these corpora are not MENA news)")
    parser.add_argument("--speed", type=int, default=300, help="also time the geoparser on N 2-5 KB articles (0: no)")
    args = parser.parse_args()
    started = time.perf_counter()
    geoparser = Geoparser(load_gazetteer(), region_prior=args.region_prior)
    print(f"gazetteer and matcher loaded in {time.perf_counter() - started:.2f} s; region prior {args.region_prior}")
    if args.speed:
        print(speed(geoparser, args.speed))
    print("| corpus / view          |   P   |   R   |  F1   | acc@161         |")
    print("| ---------------------- | ----- | ----- | ----- | --------------- |")
    runs = [("GeoWebNews literal", "geowebnews", True), ("GeoWebNews all", "geowebnews", False), ("LGL", "lgl", False)]
    for name, folder, literal_only in runs:
        path = args.benchmarks / folder / "articles.jsonl"
        if not path.exists():
            print(f"| {name:<22} | missing {path} |")
            continue
        errors: list[str] | None = [] if args.errors else None
        print(score(geoparser, path, literal_only, errors).row(name))
        if errors:
            counts: dict[str, int] = {}
            for error in errors:
                counts[error] = counts.get(error, 0) + 1
            for error, count in sorted(counts.items(), key=lambda item: -item[1])[: args.errors]:
                print(f"    {count:4d}  {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
