"""Benchmark: articles per second through `python -m flashpoint ingest` into a fresh SQLite file, end to end.

Writes N distinct 2-5 KB article files (from the dev corpus and the samples, each with a unique closing line),
then runs the real command once per worker count, timing the whole process: start-up, pipeline loading in
every worker, reading, extraction and one transaction per article. Also times the command on one file to show
the fixed start-up cost, and the machine's busy CPU time during the run (every process: the command, its
forkserver and workers, and anything else running, so read it with the load average). Prints numbers; never
fails a build.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from extract_throughput import make_articles  # noqa: E402

BAR_ARTICLES_PER_SECOND = 150


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent busy since boot, from /proc/stat (0 where there is none).

    The workers are forked by a forkserver that outlives the command, so the command's own resource usage misses
    them; the machine's busy time counts them, and everything else that ran."""
    stat = Path("/proc/stat")
    if not stat.exists():
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal, *_ = map(int, stat.read_text().splitlines()[0].split()[1:])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run_ingest(folder: Path, database: Path, workers: int) -> tuple[float, float, str]:
    """Wall seconds the ingest command took, the machine's busy CPU seconds meanwhile, and its summary."""
    command = [sys.executable, "-m", "flashpoint", "ingest", str(folder), "--no-progress"]
    command += ["--workers", str(workers), "--database", f"sqlite:///{database}"]
    cpu_before = machine_busy_seconds()
    start = time.perf_counter()
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, env=os.environ.copy())
    seconds = time.perf_counter() - start
    cpu = machine_busy_seconds() - cpu_before
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
                f"machine CPU busy {1000 * cpu / args.articles:.1f} ms per article "
                f"(one-file run: {start_up:.2f} s; {' '.join(summary.split())}; load average now "
                f"{os.getloadavg()[0]:.2f})"
            )
        print(f"bar: >= {BAR_ARTICLES_PER_SECOND} articles/s with --workers 2")


if __name__ == "__main__":
    main()
