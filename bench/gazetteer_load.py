"""Measure the place index: build time, load time and peak memory in a fresh process, and geoparsing speed."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flashpoint.gazetteer import DEFAULT_INDEX_PATH, build_index  # noqa: E402

# Run in a child so the numbers hold only the interpreter, the index and the matcher.
CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})

def peak_rss_mb():
    # VmHWM is this process's own peak; getrusage would also count the parent's memory before exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")

started = time.perf_counter()
from flashpoint.gazetteer import load_gazetteer
gazetteer = load_gazetteer()
loaded = time.perf_counter() - started
from flashpoint.places import Geoparser
geoparser = Geoparser(gazetteer)
ready = time.perf_counter() - started
texts = [open(path, encoding="utf-8").read() for path in {articles!r}]
geoparser.parse(texts[0]) if texts else None
parse_started = time.perf_counter()
rounds = 20
for _ in range(rounds):
    for text in texts:
        geoparser.parse(text)
per_article = (time.perf_counter() - parse_started) / max(1, rounds * len(texts))
print(json.dumps({{"places": len(gazetteer), "load_s": loaded, "ready_s": ready,
                  "peak_rss_mb": peak_rss_mb(),
                  "parse_ms_per_article": per_article * 1000,
                  "mean_article_kb": sum(len(t) for t in texts) / max(1, len(texts)) / 1024}}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true", help="time a full rebuild of the index first")
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    args = parser.parse_args()
    if args.rebuild or not DEFAULT_INDEX_PATH.exists():
        started = time.perf_counter()
        build_index(force=True)
        print(f"build: {time.perf_counter() - started:.1f} s")
    print(f"index file: {DEFAULT_INDEX_PATH.stat().st_size / 1e6:.0f} MB")
    articles = sorted(str(path) for path in args.articles.glob("*.txt"))
    child = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), articles=articles)],
        capture_output=True,
        text=True,
        check=True,
    )
    numbers = json.loads(child.stdout)
    print(f"places indexed: {numbers['places']}")
    print(f"load: {numbers['load_s']:.2f} s (target <= 2 s); with matcher ready: {numbers['ready_s']:.2f} s")
    print(f"peak RSS: {numbers['peak_rss_mb']:.0f} MB (target <= 400 MB)")
    print(
        f"geoparse: {numbers['parse_ms_per_article']:.2f} ms per article "
        f"({numbers['mean_article_kb']:.1f} KB mean, {len(articles)} articles)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
