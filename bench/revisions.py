#!/usr/bin/env python3
"""Our build's speed at several git revisions, side by side in one run: did a change slow anything down?

Usage: .venv/bin/python bench/revisions.py REV [REV ...] [--events 1000,10000] [--runs 5]

Each revision is checked out into a worktree of its own under the bench work dir (BENCH_WORK,
default /tmp/ssgbench) and builds the same generated events (bench/gen_events.py, seed 1) with its
own templates and settings, with this checkout's .venv. For each size the revisions take turns,
run after run, so that the machine's drift falls on all alike, timing: a cold build (no site/, no
cache), a build with nothing changed, and one event edited through the preview's incremental path
(the pages rewritten before open pages reload). It prints the median and minimum of each, and each
revision's medians as a ratio of the first revision's. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = REPO / ".venv" / "bin" / "python"
WORK = Path(os.environ.get("BENCH_WORK", Path(tempfile.gettempdir()) / "ssgbench")) / "revisions"

# One edit through the preview's path; the builder's home moved between revisions, so both are tried.
ONE_EDIT = """
import gc, statistics, sys, time
from pathlib import Path
try:
    from timeline.build.incremental import IncrementalBuilder as Builder
except ImportError:
    from timeline.pipeline import Builder
root = Path(sys.argv[1])
builder = Builder(root)
builder.update()
gc.freeze()  # as build.py serve does after its first build
events = sorted((root / "events").glob("*.md"))
event = events[len(events) // 2]
original = event.read_text()
times = []
for run in range(5):
    event.write_text(original.replace("title: ", f"title: \\"Edited {run}\\" #", 1))
    started = time.perf_counter()
    builder.update({str(event)}, defer_exports=True)
    times.append(time.perf_counter() - started)
    builder.write_deferred()
event.write_text(original)
print(statistics.median(times))
"""


def worktree(revision: str) -> Path:
    """Return a checkout of revision of its own (made once, then reused)."""
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{revision}^{{commit}}"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout.strip()
    folder = WORK / "checkouts" / commit[:12]
    if not folder.is_dir():
        folder.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "worktree", "add", "--detach", "--force", str(folder), commit], cwd=REPO,
                       capture_output=True, check=True)
    return folder


def project(checkout: Path, count: int) -> Path:
    """Return a project of count generated events with the checkout's templates and settings (made once)."""
    folder = WORK / "projects" / f"{checkout.name}-{count}"
    if not (folder / "events").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        subprocess.run([str(PYTHON), str(HERE / "gen_events.py"), str(count), str(folder / "events"), "--seed", "1"],
                       capture_output=True, check=True)
        shutil.copytree(checkout / "templates", folder / "templates")
        shutil.copy(checkout / "timeline.toml", folder / "timeline.toml")
    return folder


def seconds(command: list[str], cwd: Path) -> float:
    """Return the wall seconds a command took, which must succeed."""
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, capture_output=True, check=True)
    return time.perf_counter() - started


def measure(checkout: Path, site: Path) -> dict[str, float]:
    """Return one run's figures of a checkout's build of a project."""
    for leftover in ("site", ".timeline-cache"):
        shutil.rmtree(site / leftover, ignore_errors=True)
    build = [str(PYTHON), str(checkout / "build.py"), "build", "--root", str(site)]
    cold = seconds(build, checkout)
    unchanged = seconds(build, checkout)
    edit = subprocess.run([str(PYTHON), "-c", ONE_EDIT, str(site)], cwd=checkout, capture_output=True, text=True,
                          check=True)
    return {"cold build": cold, "nothing changed": unchanged, "one edit, preview": float(edit.stdout)}


def main(argv: list[str]) -> int:
    """Time each revision's builds, interleaved, and print the table; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="+")
    parser.add_argument("--events", default="1000,10000", help="comma-separated sizes")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    checkouts = {revision: worktree(revision) for revision in args.revisions}
    for count in (int(size) for size in args.events.split(",")):
        sites = {revision: project(checkout, count) for revision, checkout in checkouts.items()}
        runs: dict[str, list[dict[str, float]]] = {revision: [] for revision in checkouts}
        for run in range(args.runs):
            for revision, checkout in checkouts.items():
                runs[revision].append(measure(checkout, sites[revision]))
                print(f"  {count} events, run {run + 1}, {revision}: {runs[revision][-1]}", file=sys.stderr)
        print_table(count, runs, args.revisions[0])
    return 0


def print_table(count: int, runs: dict[str, list[dict[str, float]]], first: str) -> None:
    """Print each figure's median (and minimum) per revision, and the ratio of its median to the first's."""
    print(f"\n{count:,} events, {len(runs[first])} runs each, interleaved: median s (min s), ratio to {first}")
    for figure in runs[first][0]:
        base = statistics.median(run[figure] for run in runs[first])
        cells = []
        for revision, measured in runs.items():
            values = [run[figure] for run in measured]
            median = statistics.median(values)
            cells.append(f"{revision}: {median:.3f} ({min(values):.3f}) ×{median / base:.2f}")
        print(f"  {figure:18} " + "   ".join(cells))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
