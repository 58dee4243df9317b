#!/usr/bin/env python3
"""What provenance from git costs a cold build: the same repository built with provenance and with it
switched off, and a copy without .git, side by side in one run (this machine is noisy), and the one
`git log` pass on its own.

Usage: .venv/bin/python bench/provenance.py [N ...] [--rounds R] [--edits E]

For each N (default 1,000 and 10,000) it generates N events (bench/gen_events.py), commits them in
batches of 100 and then E one-file edits (default 1,000), so the history has N/100 + E commits, packs it
as a clone would be, and copies the project without .git. Each round builds both cold (`build --fresh`),
in alternating order; it prints the median times and their ratio, then the build after one more edit.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from timeline.build.provenance import read_provenance  # noqa: E402  (after the path is set)

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "B", "GIT_AUTHOR_EMAIL": "b@example.org", "GIT_COMMITTER_NAME": "B",
           "GIT_COMMITTER_EMAIL": "b@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(folder: Path, *args: str) -> None:
    """Run git quietly in folder."""
    subprocess.run(["git", *args], cwd=folder, env=GIT_ENV, check=True, capture_output=True)


def make_projects(n: int, edits: int, work: Path) -> tuple[Path, Path]:
    """Return a project of n events in git, with its history, and a copy of it without .git."""
    in_git = work / f"git-{n}"
    (in_git / "events").mkdir(parents=True)
    shutil.copytree(REPO / "templates", in_git / "templates")
    shutil.copy(REPO / "timeline.toml", in_git / "timeline.toml")
    generated = work / f"generated-{n}"
    subprocess.run([sys.executable, str(HERE / "gen_events.py"), str(n), str(generated)], check=True)
    names = sorted(os.listdir(generated))
    git(in_git, "init", "-q", "-b", "main")
    git(in_git, "add", "templates", "timeline.toml")
    for start in range(0, len(names), 100):
        for name in names[start:start + 100]:
            shutil.copy(generated / name, in_git / "events" / name)
        git(in_git, "add", "events")
        git(in_git, "commit", "-q", "-m", f"Add events {start}-{start + 99}")
    rng = random.Random(7)
    for number in range(edits):
        path = in_git / "events" / rng.choice(names)
        path.write_text(path.read_text(encoding="utf-8") + f"\nEdited ({number}).\n", encoding="utf-8")
        git(in_git, "commit", "-q", "-am", f"Edit {number}")
    git(in_git, "gc", "-q")  # packed, as a clone is (a history of loose objects and small packs reads 5 x slower)
    plain = work / f"plain-{n}"
    shutil.copytree(in_git, plain, ignore=shutil.ignore_patterns(".git"))
    return in_git, plain


# A build with provenance switched off: the same flow, PendingProvenance answering None at once.
WITHOUT_PROVENANCE = """
import sys
sys.path.insert(0, sys.argv[1])
import timeline.build.builder as builder

class NoHistory:
    def __init__(self, *args, **kwargs): pass
    def result(self): return None
    def cancel(self): pass

builder.PendingProvenance = NoHistory
import build
raise SystemExit(build.main(sys.argv[2:]))
"""


def cold_build(project: Path, provenance: bool = True) -> float:
    """Return the seconds of a cold build of project in a new process (with or without provenance)."""
    command = [str(REPO / "build.py")] if provenance else ["-c", WITHOUT_PROVENANCE, str(REPO)]
    start = time.perf_counter()
    subprocess.run([sys.executable, *command, "build", "--fresh", "--root", str(project)],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=1_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            in_git, plain = make_projects(n, args.edits, Path(folder))
            start = time.perf_counter()
            provenance = read_provenance(in_git)
            log = time.perf_counter() - start
            times: dict[str, list[float]] = {"git": [], "off": [], "plain": []}
            for number in range(args.rounds):
                order = [("git", in_git, True), ("off", in_git, False), ("plain", plain, True)]
                for name, project, on in order[:: 1 if number % 2 == 0 else -1]:
                    times[name].append(cold_build(project, on))
            with_git, off, without = (statistics.median(times[name]) for name in ("git", "off", "plain"))
            print(f"{n:,} events, {n // 100 + args.edits:,} commits: one git log pass {log:.2f} s "
                  f"({len(provenance.files):,} files dated); cold build {with_git:.2f} s with provenance, "
                  f"{off:.2f} s with it switched off in the same repository: {with_git / off:.3f} x; "
                  f"{without:.2f} s in a copy without .git ({args.rounds} rounds, medians)")
            # one event edited and committed, then a build that takes up the last one's caches and history
            edited = {}
            for name, project in (("git", in_git), ("plain", plain)):
                path = sorted((project / "events").iterdir())[n // 2]
                path.write_text(path.read_text(encoding="utf-8") + "\nOne more edit.\n", encoding="utf-8")
                if name == "git":
                    git(project, "commit", "-q", "-am", "One more edit")
                start = time.perf_counter()
                subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(project)],
                               check=True, capture_output=True)
                edited[name] = time.perf_counter() - start
            print(f"  one event edited and committed, then a build with the last one's caches: "
                  f"{edited['git']:.2f} s in git, {edited['plain']:.2f} s without")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
