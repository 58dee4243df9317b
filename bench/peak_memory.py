#!/usr/bin/env python3
"""Peak memory of a command's whole process tree (a build's forked workers included).

Usage: .venv/bin/python bench/peak_memory.py COMMAND [ARG ...]

/usr/bin/time reports the largest single process; a build that forks workers also holds
their memory, part of it shared with the parent. This samples every 0.2 s the PSS
(proportional set size: shared pages split between their sharers) of the command and all
its descendants, and prints the wall time and the highest total, with each process's share of it and
its private dirty memory (what a forked worker copied of its parent's pages shows there). For example, at 100,000
events: bench/gen_events.py 100000 /tmp/big/events, copy templates/ and timeline.toml
there, then: .venv/bin/python bench/peak_memory.py .venv/bin/python build.py build --root /tmp/big
A benchmark, not a test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def children(pid: int) -> list[int]:
    """Return the ids of a process's direct children."""
    found: list[int] = []
    try:
        for thread in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{thread}/children") as listing:
                found += [int(child) for child in listing.read().split()]
    except OSError:  # the process ended while we looked
        pass
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    """Return a process's proportional set size and its private dirty memory in KiB ((0, 0) once it has ended).

    A forked worker's private dirty memory is what it allocated plus the pages it shares with its
    parent that it wrote to (touching an object writes its reference count), each copied for it.
    """
    found = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                name, _, rest = line.partition(":")
                if name in ("Pss", "Private_Dirty"):
                    found[name] = int(rest.split()[0])
    except OSError:
        pass
    return found.get("Pss", 0), found.get("Private_Dirty", 0)


def main(argv: list[str]) -> int:
    """Run the command, sampling its tree; return its exit code."""
    if not argv:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    started = time.perf_counter()
    process = subprocess.Popen(argv)
    peak, at_peak, when = 0, [], 0.0
    while process.poll() is None:
        tree = [process.pid]
        for pid in tree:  # grows as children are found
            tree += children(pid)
        each = [memory_kib(pid) for pid in tree]
        total = sum(pss for pss, _ in each)
        if total > peak:
            peak, at_peak, when = total, each, time.perf_counter() - started
        time.sleep(0.2)
    shares = ", ".join(f"{pss / 1024:.0f} ({private / 1024:.0f} private)" for pss, private in at_peak)
    print(f"wall {time.perf_counter() - started:.1f} s; peak PSS of the process tree {peak / 1024:.0f} MiB "
          f"({len(at_peak)} processes at that moment, {when:.1f} s in: PSS MiB {shares})", file=sys.stderr)
    return process.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
