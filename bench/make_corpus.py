"""Generate N synthetic articles from data/samples/ (places, actors, numbers and dates varied) for benchmarks.

    python bench/make_corpus.py --count 10000 --out /tmp/corpus            # write N .txt files
    python bench/make_corpus.py --count 10000 --store sqlite:////tmp/b.db  # read, extract and store them too
    python bench/make_corpus.py --events 1000000 --store sqlite:////tmp/m.db  # bulk: rows straight into a store

Every article keeps a sample's shape (header, paragraphs, wire style) with its towns, bases, armed groups,
figures and date swapped for others from the region, dates spread over three years. Same seed, same corpus.
With --events, no text goes through the pipeline: bench/synthetic_events.py writes N events over the same towns
(and a few thousand localities around them) and armed groups straight into an empty store, for scale benchmarks.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
FIRST_DAY = date(2022, 1, 1)
SPAN_DAYS = 3 * 365
OUTLETS = ("Flashpoint Synthetic Wire", "Synthetic Regional Desk", "Synthetic Gulf Bureau")

# Towns, bases and waters by country; a name found in a sample is swapped for another of the same country,
# so the country words around it stay true.
PLACES_BY_COUNTRY = {
    "IQ": "Baghdad|Basra|Mosul|Kirkuk|Erbil|Sulaymaniyah|Fallujah|Ramadi|Tikrit|Samarra|Najaf|Karbala|Nasiriyah|"
    "al-Qaim|Akashat|Balad|Ain al-Asad|Jurf al-Sakhar|Harir|Baghdad airport|Abu Ghraib|Haditha|Amarah|Kut|Duhok",
    "SY": "Deir ez-Zor|al-Mayadeen|Abu Kamal|Hasakah|Qamishli|Raqqa|Palmyra|Homs|Aleppo|Idlib|Damascus|al-Tanf|"
    "Shaddadi|al-Omar oil field|Conoco gas field|Tabqa|Manbij|Deraa|Latakia|Tartus",
    "YE": "Hodeidah|Sanaa|Taiz|Saada|Dhamar|Aden|Mukalla|Marib|Hajjah|Zabid|Ras Isa|Salif|Mokha|Ibb|Bayda",
    "LB": "Naqoura|Bint Jbeil|Aitaroun|Tyre|Nabatieh|Marjayoun|Khiam|Sidon|Baalbek|Kfar Kila|Odaisseh|Houla",
    "IL": "Kiryat Shmona|Dovev|Metula|Sderot|Ashkelon|Eilat|Shlomi|Safed|Nahariya|Margaliot|Beersheba",
    "PS": "Khan Younis|Rafah|Gaza City|Jabalia|Deir al-Balah|Nuseirat|Shejaiya|al-Mawasi|Beit Hanoun|Bureij",
    "IR": "Kerman|Isfahan|Tehran|Ahvaz|Shiraz|Tabriz|Bandar Abbas|Zahedan|Mashhad|Qom|Khuzestan",
    "JO": "Tower 22|Amman|Zarqa|Mafraq|Irbid|Aqaba|Muwaffaq Salti air base|Ruwaished",
    "SEA": "Red Sea|Gulf of Aden|Bab el-Mandeb|Arabian Sea|Strait of Hormuz|Gulf of Oman|Persian Gulf",
}
ARMED_GROUPS = (
    "Kataib Hezbollah",
    "Harakat al-Nujaba",
    "Kataib Sayyid al-Shuhada",
    "Islamic Resistance in Iraq",
    "Houthis",
    "Hezbollah",
    "Hamas",
    "Palestinian Islamic Jihad",
    "Islamic State",
    "al-Qassam Brigades",
)
NUMBER = re.compile(r"(?<![\w-])(\d{1,3})(?![\w-]|,\d|\.\d)")
YEAR = re.compile(r"\b(19|20)\d\d\b")


def _pools() -> tuple[dict[str, list[str]], dict[str, str]]:
    pools = {code: names.split("|") for code, names in PLACES_BY_COUNTRY.items()}
    country_of = {name: code for code, names in pools.items() for name in names}
    return pools, country_of


def _read_sample(path: Path) -> tuple[str, str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    title = lines[0]
    body_start = next(index for index in range(2, len(lines)) if not lines[index].strip())
    return title, "\n".join(lines[body_start + 1 :]).strip()


def _vary_numbers(text: str, rng: random.Random) -> str:
    def scaled(match: re.Match[str]) -> str:
        value = int(match.group(1))
        if value == 0:
            return match.group(1)
        return str(max(1, round(value * rng.uniform(0.3, 2.5))))

    protected = YEAR.sub(lambda match: "\x00" * len(match.group(0)), text)
    varied = []
    last = 0
    for match in NUMBER.finditer(protected):
        varied.append(text[last : match.start()])
        varied.append(scaled(match))
        last = match.end()
    varied.append(text[last:])
    return "".join(varied)


def generate_articles(count: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """Yield (filename, text) for `count` synthetic articles in the samples' header format."""
    rng = random.Random(seed)
    pools, country_of = _pools()
    samples = [_read_sample(path) for path in sorted(SAMPLES.glob("*.txt"))]
    if not samples:
        raise SystemExit(f"no samples in {SAMPLES}")
    swappable = sorted([*country_of, *ARMED_GROUPS], key=len, reverse=True)
    pattern = re.compile("|".join(rf"\b{re.escape(name)}\b" for name in swappable))
    for number in range(1, count + 1):
        title, body = samples[number % len(samples)]
        chosen: dict[str, str] = {}

        def swap(match: re.Match[str], chosen: dict[str, str] = chosen) -> str:
            name = match.group(0)
            if name not in chosen:
                pool = ARMED_GROUPS if name in ARMED_GROUPS else pools[country_of[name]]
                chosen[name] = rng.choice(pool)
            # Placeholders keep a swapped name's digits ("Tower 22") out of the number variation.
            return f"\x01{chosen[name]}\x02"

        text = pattern.sub(swap, f"{title}\n\n{body}")
        text = _vary_numbers(text, rng)
        text = text.replace("\x01", "").replace("\x02", "")
        new_title, new_body = text.split("\n\n", 1)
        published = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
        outlet = rng.choice(OUTLETS)
        note = f"(Synthetic report {number} built from a Flashpoint sample for benchmarks.)"
        yield (
            f"synthetic-{number:07d}.txt",
            f"{new_title}\n\n{outlet}\n{published.isoformat()}\n\n{new_body}\n\n{note}\n",
        )


def _store_corpus(articles: Iterator[tuple[str, str]], count: int, url: str, batch: int) -> None:
    sys.path.insert(0, str(ROOT))
    from flashpoint.ingest import ingest_files
    from flashpoint.pipeline import Pipeline
    from flashpoint.store import Store

    store = Store(url)
    store.create_schema()
    pipeline = Pipeline.load()
    started = time.perf_counter()
    saved = duplicates = errors = 0
    pending: list[tuple[str, bytes]] = []
    done = 0
    for filename, text in articles:
        pending.append((filename, text.encode("utf-8")))
        if len(pending) == batch:
            report = ingest_files(pending, store, pipeline)
            saved, duplicates, errors = saved + report.saved, duplicates + report.duplicates, errors + report.errors
            done += len(pending)
            pending = []
            rate = done / (time.perf_counter() - started)
            print(f"  {done}/{count} articles, {rate:.0f}/s", file=sys.stderr)
    if pending:
        report = ingest_files(pending, store, pipeline)
        saved, duplicates, errors = saved + report.saved, duplicates + report.duplicates, errors + report.errors
    elapsed = time.perf_counter() - started
    print(f"stored into {url}: {saved} saved, {duplicates} duplicates, {errors} errors in {elapsed:.1f} s")
    print(f"ingest rate: {count / elapsed:.1f} articles/s (read + extract + save, one process)")
    store.dispose()


def _bulk_events(count: int, url: str, seed: int) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.synthetic_events import load_events
    from flashpoint.store import Store

    store = Store(url)
    store.create_schema()
    started = time.perf_counter()
    pools, _ = _pools()
    articles = load_events(store, count, pools, ARMED_GROUPS, seed)
    elapsed = time.perf_counter() - started
    print(f"bulk-loaded {count} events in {articles} articles into {store.location} in {elapsed:.0f} s")
    store.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="how many articles (default 10000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed; same seed, same corpus")
    parser.add_argument("--out", type=Path, help="folder to write the .txt files into")
    parser.add_argument("--store", metavar="DATABASE_URL", help="also read, extract and save them into this database")
    parser.add_argument("--batch", type=int, default=500, help="files per ingest batch when storing")
    parser.add_argument("--events", type=int, help="bulk mode: write this many synthetic events into --store")
    options = parser.parse_args()
    if options.events:
        if not options.store:
            parser.error("--events needs --store")
        _bulk_events(options.events, options.store, options.seed)
        return
    if not options.out and not options.store:
        parser.error("give --out, --store or both")
    started = time.perf_counter()
    articles = list(generate_articles(options.count, options.seed))
    print(f"generated {len(articles)} articles in {time.perf_counter() - started:.2f} s")
    if options.out:
        options.out.mkdir(parents=True, exist_ok=True)
        for filename, text in articles:
            (options.out / filename).write_text(text, encoding="utf-8")
        print(f"wrote {len(articles)} files to {options.out}")
    if options.store:
        _store_corpus(iter(articles), len(articles), options.store, options.batch)


if __name__ == "__main__":
    main()
