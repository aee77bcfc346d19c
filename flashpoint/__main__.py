"""Command line: `python -m flashpoint extract|gazetteer|db|ingest|export|incidents|layers ...`; see each `--help`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any, TextIO

from flashpoint.errors import FlashpointError
from flashpoint.serialize import extraction_record

log = logging.getLogger("flashpoint")

# The formats of flashpoint.exporters and flashpoint.incident_export, named here so that parsing the command line
# does not import them (a test holds the two lists equal).
EVENT_EXPORT_FORMATS = ("csv", "geojson", "jsonl")
INCIDENT_EXPORT_FORMATS = ("acled", "geojson", "jsonl")

INGEST_DESCRIPTION = """Read, extract and store every article the paths hold, one transaction per article.

PATH may be an article file (.txt .md .html .pdf .docx .eml), a folder (read recursively; hidden files and
files of other types are skipped), a glob ('reports/**/*.html', quoted), a .zip archive (members read safely),
or a row file with one article per row:
  .jsonl / .ndjson  one JSON object per line
  .csv              a header row, then one article per row
Row keys / columns: title, body (or text), source, published (YYYY-MM-DD, an ISO date-time or an e-mail
style date), url (kept as the article's origin). A row needs a title or a body.

Text already stored is counted as a duplicate and not extracted again, so re-running an interrupted ingest
finishes the rest. The exit code is 1 only when nothing at all could be read.
"""


def _table(record: dict[str, Any], out: TextIO) -> None:
    """A readable summary of one extraction for a person at a terminal."""
    out.write(f"== {record['path']}\n")
    out.write(f"   {record['title']}  |  {record['source'] or '-'}  |  {record['published'] or 'no date'}\n")
    if record["locations"]:
        out.write("   places:\n")
        for location in record["locations"]:
            use = "" if location["literal"] else "  (associative)"
            out.write(
                f"     {location['name']:<28} {location['kind']:<8} {location['country_code'] or '--':<3}"
                f" {location['lat']:>9.4f} {location['lon']:>10.4f}  x{location['mentions']}{use}\n"
            )
    if record["actors"]:
        names = ", ".join(f"{actor['name']} ({actor['kind']})" for actor in record["actors"])
        out.write(f"   actors: {names}\n")
    for link in record["actor_links"]:
        out.write(f"   link: {link['source']} --{link['relation']}--> {link['target']}\n")
    for figure in record["figures"]:
        qualifier = f"{figure['qualifier']} " if figure["qualifier"] else ""
        out.write(f"   figure: {figure['kind']} = {qualifier}{figure['value']}  «{figure['sentence'][:90]}»\n")
    out.write("\n")


def command_extract(args: argparse.Namespace) -> int:
    from flashpoint.pipeline import Pipeline
    from flashpoint.reader import read_path

    pipeline = Pipeline.load()
    failures = 0
    records = []
    for name in args.files:
        try:
            article = read_path(Path(name))
            record = extraction_record(pipeline.extract(article), name)
        except FlashpointError as exc:
            failures += 1
            print(f"flashpoint: {exc}", file=sys.stderr)
            continue
        except Exception as exc:  # one broken article must not stop the batch or show a traceback
            failures += 1
            log.debug("extraction failed", exc_info=True)
            print(f"flashpoint: {name}: could not be processed ({type(exc).__name__}: {exc})", file=sys.stderr)
            continue
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif args.format == "json":
            records.append(record)
        else:
            _table(record, sys.stdout)
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 1 if failures else 0


def command_gazetteer_build(args: argparse.Namespace) -> int:
    from flashpoint.gazetteer import build_index

    path = build_index(Path(args.output) if args.output else None)
    print(f"place index written to {path}", file=sys.stderr)
    return 0


def command_db(args: argparse.Namespace) -> int:
    from flashpoint.store import Store

    store = Store(args.url)
    try:
        if args.db_command == "upgrade":
            print(f"{store.location}: schema at revision {store.create_schema()}")
            _fill_place_regions(store)
            _rebuild_incidents_if_missing(store)
        else:
            print(f"{store.location}: schema at revision {store.schema_revision() or 'none (empty database)'}")
    finally:
        store.dispose()
    return 0


def _fill_place_regions(store: Any) -> None:
    """After the upgrade that gave places their admin-1 region (0007), work it out for the places stored before."""
    from flashpoint.admin_areas import AdminAreas
    from flashpoint.gazetteer import load_gazetteer
    from flashpoint.settings import Settings
    from flashpoint.store_place_regions import fill_place_regions, places_without_region

    if not places_without_region(store):
        return
    settings = Settings.from_env()
    gazetteer = load_gazetteer(Path(settings.gazetteer_path) if settings.gazetteer_path else None)
    filled = fill_place_regions(store, AdminAreas(gazetteer))
    print(f"{filled:,} stored places given their admin-1 region (the tension index by region counts them now)")


def _rebuild_incidents_if_missing(store: Any) -> None:
    """After an upgrade from before incidents existed, merge the stored events into incidents once."""
    from flashpoint.store_incidents import events_without_incident

    missing = events_without_incident(store)
    if missing:
        print(f"{missing:,} events were stored before incidents existed: merging every event into incidents")
        _rebuild_with_progress(store, show_progress=True)


def _rebuild_with_progress(store: Any, show_progress: bool) -> int:
    from tqdm import tqdm

    from flashpoint.store_incidents import rebuild_incidents

    # The bar is made at the first report, when the number of events is known.
    bars: list[tqdm] = []

    def progress(done: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, unit="event", file=sys.stderr, disable=not show_progress))
        bars[0].update(done - bars[0].n)

    try:
        incidents = rebuild_incidents(store, progress)
    finally:
        for bar in bars:
            bar.close()
    print(f"{store.location}: {incidents:,} incidents")
    return incidents


def command_incidents(args: argparse.Namespace) -> int:
    from flashpoint.store import Store

    store = Store(args.database)
    try:
        store.create_schema()
        _rebuild_with_progress(store, show_progress=not args.no_progress)
    finally:
        store.dispose()
    return 0


def command_ingest(args: argparse.Namespace) -> int:
    if args.workers < 1:
        raise FlashpointError("--workers must be 1 or more")
    if args.workers > 1 and not args.dask:
        from flashpoint.worker_server import start_worker_server

        # Before any other import: the workers' pipeline loads while this process loads the rest.
        start_worker_server()
    from flashpoint.extract_workers import make_extractor
    from flashpoint.store_urls import database_url

    url = database_url(args.database)
    # The workers start loading the pipeline first, while this process imports the rest and opens the database.
    extractor = make_extractor(args.workers, args.dask or "", database_url=url)
    try:
        from flashpoint.bulk_ingest import ingest_paths
        from flashpoint.store import Store

        store = Store(url, bulk=True)
        try:
            store.create_schema()
            report = ingest_paths(args.paths, store, extractor, show_progress=not args.no_progress)
            store.checkpoint()
        finally:
            store.dispose()
    finally:
        extractor.close()
    print(report.table(), file=sys.stderr)
    return 1 if report.nothing_read else 0


def command_export(args: argparse.Namespace) -> int:
    from flashpoint.exporters import export_events, filters_from_arguments
    from flashpoint.store import Store

    filters = filters_from_arguments(args.actor, args.country, args.date_from, args.date_to, args.type, args.text)
    export_format = args.format or ("acled" if args.what == "incidents" else "csv")
    allowed = INCIDENT_EXPORT_FORMATS if args.what == "incidents" else EVENT_EXPORT_FORMATS
    if export_format not in allowed:
        raise FlashpointError(f"--what {args.what} exports as {', '.join(allowed)}, not {export_format}")
    store = Store(args.database)
    try:
        with open(args.output, "w", encoding="utf-8", newline="") if args.output else nullcontext(sys.stdout) as out:
            if args.what == "incidents":
                written = _export_incidents(store, filters, export_format, out)
            else:
                written = export_events(store, filters, export_format, out)
    finally:
        store.dispose()
    print(f"{written} {args.what} exported ({filters.describe()})", file=sys.stderr)
    return 0


def _export_incidents(store: Any, filters: Any, export_format: str, out: TextIO) -> int:
    from flashpoint.incident_export import write_incidents
    from flashpoint.store_incident_reads import iter_incidents

    return write_incidents(iter_incidents(store, filters), export_format, out)


LAYERS_DESCRIPTION = """Events of other datasets kept beside our incidents, shown on the Map as layers.

layers import --format acled FILE...   ACLED CSV exports (its data export tool's columns)
layers import --format gdelt FILE...   GDELT 2.0 event files (tab-separated, .CSV or .zip as published)
layers list                            each layer with its events, dates and last import
layers remove NAME                     delete a layer (acled or gdelt)

An event already in its layer (same ACLED event_id_cnty or GDELT GLOBALEVENTID) is counted as a duplicate, so
importing overlapping exports keeps each event once. Rows that cannot be read are listed by line and skipped; each
file is written in one transaction. The exit code is 1 when nothing at all could be read.
"""


def _import_layers(args: argparse.Namespace, store: Any) -> int:
    from tqdm import tqdm

    from flashpoint.interop_records import InteropError
    from flashpoint.store_external import import_layer

    read_something = False
    for name in args.files:
        bars: list[Any] = []

        def advance(done: int, total: int, name: str = name, bars: list[Any] = bars) -> None:
            if not bars:
                bars.append(tqdm(desc=Path(name).name, total=total, unit=" events", file=sys.stderr))
            bars[0].update(done - bars[0].n)

        try:
            result = import_layer(store, name, args.format, progress=None if args.no_progress else advance)
        except InteropError as error:
            print(f"flashpoint: {error}", file=sys.stderr)
            continue
        finally:
            for bar in bars:
                bar.close()
        print(result.summary, file=sys.stderr)
        for error in result.errors:
            print(f"  {error}", file=sys.stderr)
        read_something = read_something or not result.read_nothing
    return 0 if read_something else 1


def _list_layers(store: Any) -> int:
    from flashpoint.query_external import layer_summaries

    summaries = layer_summaries(store)
    if summaries.empty:
        print("no external layers imported (python -m flashpoint layers import --format acled|gdelt FILE...)")
    for row in summaries.itertuples():
        imported = row.imported_at.strftime("%Y-%m-%d %H:%M")
        print(f"{row.layer:<8} {row.events:>9,} events  {row.first_day} to {row.last_day}  last import {imported}")
    return 0


def command_layers(args: argparse.Namespace) -> int:
    from flashpoint.store import Store
    from flashpoint.store_external import remove_layer

    store = Store(args.database)
    try:
        store.create_schema()
        if args.layers_command == "import":
            return _import_layers(args, store)
        if args.layers_command == "list":
            return _list_layers(store)
        removed = remove_layer(store, args.name)
        if not removed:
            print(f"flashpoint: layer {args.name.strip().lower()} holds no events; nothing removed", file=sys.stderr)
            return 1
        print(f"removed layer {args.name.strip().lower()} ({removed:,} events)")
        return 0
    finally:
        store.dispose()


def _add_database_option(parser: argparse.ArgumentParser) -> None:
    """--database URL, the option every command that reads or writes the store shares."""
    parser.add_argument("--database", metavar="URL", help="database URL (default: the DATABASE_URL setting)")


def _add_progress_option(parser: argparse.ArgumentParser) -> None:
    """--no-progress, for the long-running commands that draw a progress bar."""
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")


def build_parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per job, each with its handler set as `handler`."""
    parser = argparse.ArgumentParser(prog="python -m flashpoint", description="Flashpoint command line.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and details to standard error")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="read article files and print what they report")
    extract.add_argument("files", nargs="+", metavar="FILE", help=".txt .md .html .pdf .docx article files")
    extract.add_argument(
        "--format",
        choices=("table", "json", "jsonl"),
        default="table",
        help="table for reading (default), json (pretty list) or jsonl (one object per line, see SCHEMA)",
    )
    extract.set_defaults(handler=command_extract)

    gazetteer = commands.add_parser("gazetteer", help="manage the offline place index")
    gazetteer_commands = gazetteer.add_subparsers(dest="gazetteer_command", required=True)
    build = gazetteer_commands.add_parser("build", help="build the place index from package data and data/places")
    build.add_argument("--output", help="where to write the index (default: inside the package)")
    build.set_defaults(handler=command_gazetteer_build)

    database = commands.add_parser("db", help="create or upgrade the database schema (Alembic migrations)")
    database_commands = database.add_subparsers(dest="db_command", required=True)
    for name, help_text in (("upgrade", "apply every migration not yet applied"), ("current", "print the revision")):
        database_command = database_commands.add_parser(name, help=help_text)
        database_command.add_argument("--url", help="database URL (default: the DATABASE_URL setting)")
        database_command.set_defaults(handler=command_db)

    ingest = commands.add_parser(
        "ingest",
        help="read, extract and store many articles: files, folders, globs, .zip, JSONL/CSV rows",
        description=INGEST_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders (read recursively), globs")
    ingest.add_argument(
        "--workers", type=int, default=1, metavar="N", help="extract in N processes (default 1: this process)"
    )
    ingest.add_argument(
        "--dask",
        metavar="SCHEDULER_ADDRESS",
        help="extract on a running dask.distributed cluster (its workers must be able to import flashpoint)",
    )
    _add_database_option(ingest)
    _add_progress_option(ingest)
    ingest.set_defaults(handler=command_ingest)

    export = commands.add_parser(
        "export",
        help="write the stored events, filtered as in the app, as a file",
        description="Write the stored events matching the filters, newest first, one per row/line/feature, each "
        "with its article, date, type, place, coordinates, actors, targets, counts and evidence sentence.",
    )
    export.add_argument(
        "--what", choices=("events", "incidents"), default="events", help="every event (default) or each incident once"
    )
    export.add_argument(
        "--format",
        choices=sorted({*EVENT_EXPORT_FORMATS, *INCIDENT_EXPORT_FORMATS}),
        help="events: csv (default), geojson, jsonl; incidents: acled (default: ACLED's CSV columns), geojson, jsonl",
    )
    export.add_argument("--output", metavar="FILE", help="where to write (default: standard output)")
    _add_database_option(export)
    export.add_argument("--actor", action="append", default=[], help="events naming this actor (repeatable)")
    export.add_argument("--country", action="append", default=[], help="events in this ISO country code (repeatable)")
    export.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="events on or after this date")
    export.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="events on or before this date")
    export.add_argument("--type", action="append", default=[], help="events of this type (repeatable)")
    export.add_argument("--text", default="", help="events from articles whose title or body contains this text")
    export.set_defaults(handler=command_export)

    incidents = commands.add_parser("incidents", help="merge the stored events into incidents")
    incidents_commands = incidents.add_subparsers(dest="incidents_command", required=True)
    rebuild = incidents_commands.add_parser(
        "rebuild", help="merge every stored event into incidents again, from nothing (after changing merge rules)"
    )
    _add_database_option(rebuild)
    _add_progress_option(rebuild)
    rebuild.set_defaults(handler=command_incidents)

    layers = commands.add_parser(
        "layers",
        help="import, list or remove external event layers (ACLED CSV, GDELT 2.0)",
        description=LAYERS_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    layers_commands = layers.add_subparsers(dest="layers_command", required=True)
    layers_import = layers_commands.add_parser("import", help="read ACLED or GDELT files into their layer")
    layers_import.add_argument("--format", required=True, choices=("acled", "gdelt"), help="the files' dataset")
    layers_import.add_argument("files", nargs="+", metavar="FILE", help="ACLED .csv or GDELT .CSV/.tsv/.zip files")
    _add_progress_option(layers_import)
    layers_commands.add_parser("list", help="each layer with its events, dates and last import")
    layers_remove = layers_commands.add_parser("remove", help="delete every event of a layer")
    layers_remove.add_argument("name", metavar="NAME", help="the layer: acled or gdelt")
    for command in layers_commands.choices.values():
        _add_database_option(command)
        command.set_defaults(handler=command_layers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(message)s")
    try:
        return args.handler(args)
    except FlashpointError as exc:
        print(f"flashpoint: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
