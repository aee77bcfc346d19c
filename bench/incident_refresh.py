"""Benchmark: what merging reports into incidents costs an ingest, and how incremental filing compares with a rebuild.

Ingests N synthetic articles (bench/extract_throughput.make_articles: the dev corpus and the samples, trimmed and
padded, so every incident is told by many near-identical reports) in this process into a fresh SQLite file, and
prints the CPU time spent in the incident refreshes against the whole ingest, per article. Then rebuilds every
incident from scratch (`incidents rebuild`) and prints its time and how many reports it grouped differently from
the incremental filing (complete-linkage grouping depends on the order reports arrive in). Prints numbers; never
fails a build.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from extract_throughput import make_articles  # noqa: E402

from flashpoint import bulk_ingest  # noqa: E402
from flashpoint.extract_workers import InProcessExtractor  # noqa: E402
from flashpoint.pipeline import Pipeline  # noqa: E402
from flashpoint.store import Store  # noqa: E402
from flashpoint.store_incidents import rebuild_incidents  # noqa: E402


def memberships(database: Path) -> dict[int, str]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT event_id, incident_id FROM incident_reports").fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    refresh_cpu = 0.0
    refresh = bulk_ingest.refresh_saved_incidents

    def timed(store: Store, article_ids: list[str], extractions: dict | None = None) -> None:
        nonlocal refresh_cpu
        start = time.process_time()
        refresh(store, article_ids, extractions)
        refresh_cpu += time.process_time() - start

    bulk_ingest.refresh_saved_incidents = timed
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "articles"
        folder.mkdir()
        for number, data in enumerate(make_articles(args.articles)):
            (folder / f"article-{number:06d}.txt").write_bytes(data)
        database = Path(temporary) / "incidents.db"
        store = Store(f"sqlite:///{database}")
        store.create_schema()
        extractor = InProcessExtractor(Pipeline.load())
        start = time.process_time()
        report = bulk_ingest.ingest_paths([str(folder)], store, extractor)
        ingest_cpu = time.process_time() - start
        filed = memberships(database)
        per_article = 1000 / args.articles
        print(
            f"{report.saved} articles, {len(filed)} reports in incidents: ingest {ingest_cpu * per_article:.1f} ms"
            f" CPU per article, of which incident refreshes {refresh_cpu * per_article:.2f} ms "
            f"(every {bulk_ingest.INCIDENT_REFRESH_ARTICLES} articles and at the end)"
        )
        start = time.perf_counter()
        incidents = rebuild_incidents(store)
        seconds = time.perf_counter() - start
        rebuilt = memberships(database)
        moved = sum(1 for event_id, incident in filed.items() if rebuilt.get(event_id) != incident)
        print(
            f"rebuild: {incidents} incidents in {seconds:.2f} s; {moved} of {len(filed)} reports "
            f"({100 * moved / max(len(filed), 1):.1f}%) grouped differently from the incremental filing"
        )
        store.dispose()


if __name__ == "__main__":
    main()
