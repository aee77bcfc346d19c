"""Benchmark: articles per second through the whole extraction pipeline in one process.

Builds N distinct articles of 2-5 KB from the dev corpus and the shipped samples (each copy gets a
unique closing line so nothing keyed on content can help), loads the gazetteer and actor dictionary
once (timed separately), then reads and extracts every article. Prints numbers; never fails a build.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flashpoint.actors import load_actor_dictionary  # noqa: E402
from flashpoint.gazetteer import load_gazetteer  # noqa: E402
from flashpoint.pipeline import Pipeline  # noqa: E402
from flashpoint.reader import read_article  # noqa: E402

SOURCE_FOLDERS = (ROOT.parent / "shared" / "corpus" / "dev", ROOT / "data" / "samples")
MIN_BYTES, MAX_BYTES = 2_000, 5_000


def source_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for folder in SOURCE_FOLDERS for path in sorted(folder.glob("*.txt"))]
    if not texts:
        sys.exit("no source articles found under " + ", ".join(map(str, SOURCE_FOLDERS)))
    return texts


def make_articles(count: int, seed: int = 7) -> list[bytes]:
    """Distinct articles of 2-5 KB: a source article trimmed or padded with paragraphs of another."""
    random.seed(seed)
    texts = source_texts()
    articles = []
    for number in range(count):
        text = texts[number % len(texts)]
        target = random.randint(MIN_BYTES, MAX_BYTES)
        while len(text.encode("utf-8")) < target:
            extra = texts[random.randrange(len(texts))].split("\n\n")
            text += "\n\n" + "\n\n".join(extra[3:])
        text = text.encode("utf-8")[:target].decode("utf-8", errors="ignore")
        # The number goes on the title line: the reader drops closing boilerplate, so a trailer would not count.
        title, _, rest = text.partition("\n")
        articles.append(f"{title} (FP-{number:06d})\n{rest}\n".encode())
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    articles = make_articles(args.articles)

    start = time.perf_counter()
    gazetteer = load_gazetteer()
    gazetteer_seconds = time.perf_counter() - start
    start = time.perf_counter()
    dictionary = load_actor_dictionary()
    pipeline = Pipeline.build(gazetteer, dictionary)
    setup_seconds = time.perf_counter() - start

    start = time.perf_counter()
    counts = {"locations": 0, "actors": 0, "figures": 0, "events": 0}
    for number, data in enumerate(articles):
        extraction = pipeline.extract(read_article(data, f"a{number:06d}.txt"))
        counts["locations"] += len(extraction.locations)
        counts["actors"] += len(extraction.actors)
        counts["figures"] += len(extraction.figures)
        counts["events"] += len(extraction.events)
    seconds = time.perf_counter() - start

    total_kb = sum(map(len, articles)) / 1024
    print(f"gazetteer load:        {gazetteer_seconds:.2f} s (bar: <= 2 s)")
    print(f"dictionary + matchers: {setup_seconds:.2f} s")
    print(f"articles:              {len(articles)} ({total_kb / len(articles):.1f} KB mean)")
    print(f"extraction:            {seconds:.2f} s = {len(articles) / seconds:.0f} articles/s (bar: >= 300)")
    print("found:                 " + ", ".join(f"{name} {value}" for name, value in counts.items()))


if __name__ == "__main__":
    main()
