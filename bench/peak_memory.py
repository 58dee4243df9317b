#!/usr/bin/env python3
"""Peak memory of a command's whole process tree (a build's forked workers included).

Usage: .venv/bin/python bench/peak_memory.py COMMAND [ARG ...]

/usr/bin/time reports the largest single process; a build that forks workers also holds
their memory, part of it shared with the parent. This samples every 0.2 s the PSS
(proportional set size: shared pages split between their sharers) of the command and all
its descendants, and prints the wall time and the highest total. For example, at 100,000
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


def pss_kib(pid: int) -> int:
    """Return a process's proportional set size in KiB (0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main(argv: list[str]) -> int:
    """Run the command, sampling its tree; return its exit code."""
    if not argv:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    started = time.perf_counter()
    process = subprocess.Popen(argv)
    peak, processes, when = 0, 0, 0.0
    while process.poll() is None:
        tree = [process.pid]
        for pid in tree:  # grows as children are found
            tree += children(pid)
        total = sum(pss_kib(pid) for pid in tree)
        if total > peak:
            peak, processes, when = total, len(tree), time.perf_counter() - started
        time.sleep(0.2)
    print(f"wall {time.perf_counter() - started:.1f} s; peak PSS of the process tree {peak / 1024:.0f} MiB "
          f"({processes} processes at that moment, {when:.1f} s in)", file=sys.stderr)
    return process.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
