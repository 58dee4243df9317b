#!/usr/bin/env python3
"""Build speed beside Hugo, Eleventy and Pelican on the same generated events, in one run.

Usage: .venv/bin/python bench/compare.py [N ...] [--runs K] [--peers ours,hugo,eleventy,pelican]

First run bench/setup_peers.sh (installs the peers into the bench work dir). For each N
(default 1000 and 10000) the peers' cold builds are interleaved round-robin K times
(default 3) with bench/run_peer.sh, so that the machine's load drifts alike for all; then
ours is also timed for a rebuild with nothing changed, `build.py build` after one event is
edited (three edits, with the cache the builds before left), a one-event rebuild through the
preview's incremental path (the pages it rewrites before open pages reload, then the exports
it writes once saves pause), `check`, and how soon `serve` answers with site/ current. It
prints min and median wall seconds, peak RSS, the files each peer wrote, and the ratios the
goals are stated in. A benchmark, not a test.

Each peer's output and caches are moved aside before its timed build and deleted only between
sizes, then the run pauses 35 s: ext4 creates files slowly while many inodes were freed in the
last ~30 s, which made a cold build right after deleting the last one 30-50 % slower for every peer.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = Path(os.environ.get("BENCH_WORK", Path(tempfile.gettempdir()) / "ssgbench"))


def run_peer(peer: str, count: int) -> dict[str, str]:
    """Return the figures of one cold build of a peer (bench/run_peer.sh's key=value line)."""
    output = subprocess.run(["bash", str(HERE / "run_peer.sh"), peer, str(count)], capture_output=True, text=True,
                            env={**os.environ, "BENCH_WORK": str(WORK)})
    line = output.stdout.strip().splitlines()[-1] if output.stdout.strip() else ""
    figures = dict(re.findall(r"(\S+?)=(\S+)", line))
    if figures.get("rc") != "0":
        print(f"  {peer} n={count} failed: {output.stderr.strip()[-300:]}", file=sys.stderr)
    return figures


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Return (wall seconds, peak RSS MiB) of a command, measured with /usr/bin/time."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    rss = int(result.stderr.strip().splitlines()[-1]) / 1024
    return wall, rss


INCREMENTAL = """
import gc, sys, time
from pathlib import Path
from timeline.build.incremental import IncrementalBuilder
root = Path(sys.argv[1])
builder = IncrementalBuilder(root)
builder.update()
gc.freeze()  # as build.py serve does after its first build
event = sorted((root / "events").glob("*.md"))[len(list((root / "events").glob("*.md"))) // 2]
original = event.read_text()
pages, exports = [], []
for run in range(5):
    event.write_text(original.replace("title: ", f"title: \\"Edited {run}\\" #", 1))
    started = time.perf_counter()
    builder.update({str(event)}, defer_exports=True)  # what serve does before open pages reload
    pages.append(time.perf_counter() - started)
    started = time.perf_counter()
    builder.write_deferred()  # what serve writes once saves pause
    exports.append(time.perf_counter() - started)
event.write_text(original)
print(min(pages), sorted(pages)[len(pages) // 2], sorted(exports)[len(exports) // 2])
"""


def ours_extra(count: int) -> dict[str, float]:
    """Return our no-change rebuild, one-event rebuild and check times on the prepared site."""
    site = WORK / "sites" / f"ours-{count}"
    python = str(REPO / ".venv" / "bin" / "python")
    build = [python, str(REPO / "build.py"), "build", "--root", "."]
    no_change, _ = timed(build, site)
    edited = []  # `build.py build` after an edit: what CI (with its cache kept) or a user without serve waits for
    events = sorted((site / "events").glob("*.md"))
    for run in range(3):
        event = events[(run + 1) * len(events) // 4]
        original = event.read_bytes()
        event.write_bytes(original.replace(b"title: ", f'title: "Edited {run}" #'.encode(), 1))
        edited.append(timed(build, site)[0])
        event.write_bytes(original)
    timed(build, site)  # back to the generated events
    check, _ = timed([python, str(REPO / "build.py"), "check", "--root", "."], site)
    help_, _ = timed([python, str(REPO / "build.py"), "--help"], site)
    serve_start = statistics.median(first_page_served(python, site) for _ in range(3))
    incremental = subprocess.run([python, "-c", INCREMENTAL, str(site)], capture_output=True, text=True,
                                 cwd=REPO).stdout.split()
    return {"no-change rebuild": no_change, "one-edit build (min)": min(edited),
            "one-edit build (median)": statistics.median(edited), "check": check, "--help": help_,
            "one-event rebuild (min)": float(incremental[0]), "one-event rebuild (median)": float(incremental[1]),
            "then its exports (median)": float(incremental[2]), "serve: first page (median)": serve_start}


def first_page_served(python: str, site: Path) -> float:
    """Return the seconds from starting `build.py serve` until its home page answers, then stop it with Ctrl-C."""
    import http.client
    import signal

    started = time.perf_counter()
    process = subprocess.Popen([python, str(REPO / "build.py"), "serve", "--root", ".", "--port", "0"], cwd=site,
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        while line and not line.startswith("Serving the timeline at "):
            line = process.stderr.readline()
        port = int(line.split(":")[2].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/")
        connection.getresponse().read()
        return time.perf_counter() - started
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=120)


def main(argv: list[str]) -> int:
    """Run the comparison and print its tables; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peers", default="ours,hugo,eleventy,pelican")
    args = parser.parse_args(argv)
    peers = args.peers.split(",")
    empty_trash(pause=True)
    for count in args.sizes:
        results: dict[str, list[dict]] = {peer: [] for peer in peers}
        for run in range(args.runs):
            for peer in peers:
                figures = run_peer(peer, count)
                if figures.get("rc") == "0":
                    results[peer].append(figures)
                print(f"  n={count} run {run + 1} {peer}: {figures.get('wall_s', '?')} s", file=sys.stderr)
        print(f"\ncold build, {count:,} events ({args.runs} runs, interleaved)")
        print(f"{'peer':10} {'min s':>8} {'median s':>9} {'peak RSS MiB':>13} {'files':>7} {'MB':>7}")
        medians = {}
        for peer, runs in results.items():
            if not runs:
                print(f"{peer:10} {'failed':>8}")
                continue
            walls = [float(r["wall_s"]) for r in runs]
            medians[peer] = statistics.median(walls)
            rss = statistics.median(float(r["maxrss_mb"]) for r in runs)
            megabytes = int(runs[-1]["out_bytes"]) / 1e6
            print(f"{peer:10} {min(walls):8.2f} {medians[peer]:9.2f} {rss:13.0f} {runs[-1]['out_files']:>7} "
                  f"{megabytes:7.1f}")
        if "ours" in medians and "hugo" in medians:
            print(f"ratio ours/hugo (medians): {medians['ours'] / medians['hugo']:.2f}")
        if results.get("ours"):
            extra = ours_extra(count)
            print(f"ours, {count:,} events:")
            for name, seconds in extra.items():
                print(f"  {name:28} {seconds:7.3f} s")
            if "hugo" in medians:
                print(f"  no-change rebuild / hugo cold: {extra['no-change rebuild'] / medians['hugo']:.3f}")
        empty_trash(pause=count != args.sizes[-1])
    return 0


def empty_trash(pause: bool) -> None:
    """Delete the outputs run_peer.sh moved aside; with pause, wait until ext4 no longer minds the freed inodes."""
    trash = WORK / "trash"
    if trash.is_dir() and any(trash.iterdir()):
        import shutil

        shutil.rmtree(trash)
        os.sync()
        if pause:
            time.sleep(35)  # ext4 treats inodes freed in the last ~30 s (dirty_expire) as recently deleted


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
