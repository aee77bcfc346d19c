"""Ingest many articles at once: extract them in batches (flashpoint.extract_workers), write each in this process."""

from __future__ import annotations

import logging
import sys
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tqdm import tqdm

from flashpoint.article_saving import SavedArticle, save_extractions
from flashpoint.errors import ArticleReadError
from flashpoint.extract_workers import Extractor, PendingBatch
from flashpoint.ingest import refresh_saved_incidents
from flashpoint.ingest_sources import ExpandedPaths, SourceItem, estimated_count, expand_paths, iter_source_items
from flashpoint.model import Article, Extraction
from flashpoint.reader import default_max_bytes
from flashpoint.store import Store, article_id_for
from flashpoint.store_incidents import unfiled_articles

logger = logging.getLogger(__name__)

# Articles sent to a worker at once: enough to hide the cost of a round trip, few enough to keep the bar moving.
BATCH_SIZE = 8
# Saved articles whose reports are merged into incidents at once. A refresh reads the stored reports near the new
# ones and holds SQLite's writers back while it runs, and much of its cost is per refresh: 1,000 articles filed
# at once took 0.93-1.01 s here, in five refreshes of 200 1.7-2.3 s. An interrupted ingest files what it saved
# (`finally` below); after a crash (kill -9, power cut) the next ingest files what it finds listed as unfiled.
INCIDENT_REFRESH_ARTICLES = 1000
# The summary lists this many distinct error reasons; the rest are counted together.
REASONS_SHOWN = 20


@dataclass(frozen=True)
class BulkReport:
    """What one bulk ingest did: articles saved, already stored, and refused with their reasons."""

    saved: int
    duplicates: int
    skipped: int
    errors: tuple[tuple[str, str], ...]
    # Articles an earlier ingest saved but stopped (killed) before filing into incidents, filed by this one.
    filed_earlier: int = 0

    @property
    def nothing_read(self) -> bool:
        """True when not one article could be read: the only case the command reports as a failure."""
        return self.saved + self.duplicates == 0

    @property
    def errors_by_reason(self) -> list[tuple[str, int, str]]:
        """(reason, how many, first item with it), commonest first."""
        counts = Counter(reason for _, reason in self.errors)
        first: dict[str, str] = {}
        for name, reason in self.errors:
            first.setdefault(reason, name)
        return [(reason, count, first[reason]) for reason, count in counts.most_common()]

    def table(self) -> str:
        """The summary printed at the end of `python -m flashpoint ingest`."""
        lines = [
            f"{'saved':<12}{self.saved:>9,}",
            f"{'duplicates':<12}{self.duplicates:>9,}  (text already stored)",
            f"{'errors':<12}{len(self.errors):>9,}",
        ]
        if self.skipped:
            lines.append(f"{'skipped':<12}{self.skipped:>9,}  (files of other types inside folders)")
        if self.filed_earlier:
            lines.append(
                f"{'filed':<12}{self.filed_earlier:>9,}  (articles an earlier ingest saved but stopped before "
                "filing into incidents)"
            )
        reasons = self.errors_by_reason
        if reasons:
            lines += ["", "errors by reason:", f"{'count':>7}  reason  (first item)"]
            lines += [f"{count:>7,}  {reason}  ({name})" for reason, count, name in reasons[:REASONS_SHOWN]]
            hidden = sum(count for _, count, _ in reasons[REASONS_SHOWN:])
            if hidden:
                lines.append(f"{hidden:>7,}  other reasons")
        return "\n".join(lines)


@dataclass
class _Tally:
    """The counts as the ingest goes, each outcome also ticking the progress bar."""

    bar: tqdm
    saved: int = 0
    duplicates: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: str, name: str = "", reason: str = "") -> None:
        if outcome == "saved":
            self.saved += 1
        elif outcome == "duplicate":
            self.duplicates += 1
        else:
            self.errors.append((name, reason))
        self.bar.update(1)


def _save_batch(store: Store, names: list[str], pending: PendingBatch, tally: _Tally) -> dict[str, Extraction]:
    """Save what a finished batch extracted (a worker that saves has done so already) and tally each article;
    returns the extractions (or their report inputs) of the articles newly stored, by id."""
    try:
        outcomes = pending()
    except Exception as error:  # a worker lost mid-batch fails that batch only; the ingest goes on
        logger.warning("a batch of %d articles failed in its worker: %s", len(names), error)
        outcomes = [f"extraction worker failed ({type(error).__name__}: {error})"] * len(names)
    # A batch comes back either saved by its worker or extracted only, never a mix.
    if not any(isinstance(outcome, SavedArticle) for outcome in outcomes):
        outcomes = save_extractions(store, names, outcomes)
    created: dict[str, Extraction] = {}
    for name, outcome in zip(names, outcomes, strict=True):
        if isinstance(outcome, str):
            tally.add("error", name, outcome)
            continue
        tally.add("saved" if outcome.created else "duplicate")
        if outcome.created:
            created[outcome.article_id] = outcome.extraction
    return created


def ingest_items(
    items: Iterable[SourceItem], store: Store, extractor: Extractor, tally: _Tally, max_bytes: int, batch_size: int
) -> None:
    """Read each item, skip text already stored, extract in batches and save each article in its own transaction."""
    pending: deque[tuple[list[str], list[str], PendingBatch]] = deque()
    names: list[str] = []
    article_ids: list[str] = []
    articles: list[Article] = []
    # Ids handed to a worker but not yet saved: the same text twice in one input is extracted once.
    in_flight_ids: set[str] = set()
    # Saved articles whose reports are not merged into incidents yet, with their extractions.
    unmerged: dict[str, Extraction] = {}

    def file_unmerged() -> None:
        refresh_saved_incidents(store, list(unmerged), unmerged)
        unmerged.clear()

    def submit() -> None:
        # Texts stored before this run (by an earlier run, or another ingest meanwhile) are not extracted again.
        stored = store.stored_articles(article_ids)
        for article_id in stored:
            tally.add("duplicate")
            in_flight_ids.discard(article_id)
        kept = [number for number, article_id in enumerate(article_ids) if article_id not in stored]
        if kept:
            batch = extractor.submit([articles[number] for number in kept])
            pending.append(([names[number] for number in kept], [article_ids[number] for number in kept], batch))
        names.clear()
        article_ids.clear()
        articles.clear()

    def drain_oldest() -> None:
        batch_names, batch_ids, batch = pending.popleft()
        unmerged.update(_save_batch(store, batch_names, batch, tally))
        in_flight_ids.difference_update(batch_ids)
        if len(unmerged) >= INCIDENT_REFRESH_ARTICLES:
            file_unmerged()

    # Articles saved before an interruption (Ctrl-C, a worker lost) still get their incidents.
    try:
        for item in items:
            try:
                article = item.to_article(max_bytes)
            except ArticleReadError as error:
                tally.add("error", item.name, error.reason)
                continue
            article_id = article_id_for(article.text)
            if article_id in in_flight_ids:
                tally.add("duplicate")
                continue
            in_flight_ids.add(article_id)
            names.append(item.name)
            article_ids.append(article_id)
            articles.append(article)
            if len(articles) >= batch_size:
                submit()
                while len(pending) >= extractor.in_flight:
                    drain_oldest()
        if articles:
            submit()
        # The workers still hold their queued batches: what is saved so far is filed meanwhile, leaving the end
        # only the last few batches to file.
        file_unmerged()
        while pending:
            drain_oldest()
    finally:
        file_unmerged()


def ingest_paths(
    paths: Sequence[str],
    store: Store,
    extractor: Extractor,
    show_progress: bool = False,
    max_bytes: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> BulkReport:
    """Ingest every article the paths hold (files, folders, globs, zip archives, JSONL/CSV rows) into `store`."""
    expanded: ExpandedPaths = expand_paths(paths)
    # First what an ingest killed before filing left waiting, so incidents form in the order articles came.
    leftovers = unfiled_articles(store)
    filed_earlier = 0 if refresh_saved_incidents(store, leftovers) else len(leftovers)
    limit = default_max_bytes() if max_bytes is None else max_bytes
    estimate = len(expanded.missing) + sum(estimated_count(path) for path in expanded.files)
    with tqdm(total=estimate, unit="article", file=sys.stderr, disable=not show_progress, dynamic_ncols=True) as bar:
        tally = _Tally(bar)
        ingest_items(iter_source_items(expanded, limit), store, extractor, tally, limit, batch_size)
        # The estimate counted lines and archive entries; the real count replaces it so the bar ends full.
        bar.total = bar.n
        bar.refresh()
    return BulkReport(tally.saved, tally.duplicates, expanded.skipped, tuple(tally.errors), filed_earlier)
