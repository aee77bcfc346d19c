"""Benchmark: articles per second through `python -m flashpoint ingest` into a fresh SQLite file, end to end.

Writes N distinct 2-5 KB article files (from the dev corpus and the samples, each with a unique closing line),
then runs the real command once per worker count, timing the whole process: start-up, pipeline loading in
every worker, reading, extraction and one transaction per article. Also times the command on one file to show
the fixed start-up cost, and the CPU time all processes used (which, unlike the wall time, does not depend on
what else the machine is running). Prints numbers; never fails a build.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from extract_throughput import make_articles  # noqa: E402

BAR_ARTICLES_PER_SECOND = 150


def run_ingest(folder: Path, database: Path, workers: int) -> tuple[float, float, str]:
    """Wall seconds the ingest command took, CPU seconds it and its workers used, and its summary."""
    command = [sys.executable, "-m", "flashpoint", "ingest", str(folder), "--no-progress"]
    command += ["--workers", str(workers), "--database", f"sqlite:///{database}"]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, env=os.environ.copy())
    seconds = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    if finished.returncode != 0:
        sys.exit(f"ingest failed ({finished.returncode}):\n{finished.stderr}")
    return seconds, cpu, finished.stderr.strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "articles"
        folder.mkdir()
        for number, data in enumerate(make_articles(args.articles)):
            (folder / f"article-{number:06d}.txt").write_bytes(data)
        single = Path(temporary) / "single"
        single.mkdir()
        (single / "one.txt").write_bytes(make_articles(1, seed=99)[0])
        print(f"articles: {args.articles} files, cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")
        for workers in args.workers:
            start_up, _, _ = run_ingest(single, Path(temporary) / f"start-{workers}.db", workers)
            seconds, cpu, summary = run_ingest(folder, Path(temporary) / f"bench-{workers}.db", workers)
            rate = args.articles / seconds
            print(
                f"--workers {workers}: {seconds:6.2f} s end to end = {rate:6.1f} articles/s; "
                f"CPU {1000 * cpu / args.articles:.1f} ms per article over all processes "
                f"(one-file run: {start_up:.2f} s; {' '.join(summary.split())}; load average now "
                f"{os.getloadavg()[0]:.2f})"
            )
        print(f"bar: >= {BAR_ARTICLES_PER_SECOND} articles/s with --workers 2")


if __name__ == "__main__":
    main()
