#!/usr/bin/env python3
"""A deploy after one changed event: the Pages workflow's build step with the cache restored, against a fresh build.

Usage: .venv/bin/python bench/deploy_cache.py [N] [--repeat R]   (N: 10000, R: 3 if not given)

What it does, as .github/workflows/pages.yml does on GitHub: a git repository of N generated events
(bench/gen_events.py) is built once, for a Pages address, and what the workflow saves is copied aside
(site/ and .timeline-cache/ without the spare site). Then one event's text is changed in a new commit,
and each timed build runs in its own new clone of that commit (whole history, as `fetch-depth: 0`):

- warm: site/ and .timeline-cache/ copied into the clone first (the workflow's restore), then `build.py build`;
- warm with a spare: the same, and site/ copied as the spare site too (what caching the spare would add);
- fresh: `build.py build --fresh`, what the workflow ran before it kept a cache.

The three are interleaved R times and the medians printed; every site is compared with the first fresh one
byte for byte. Making the events, the repository and the clones is not timed. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "scratch"
BASE_URL = "https://example.github.io/timeline/"
SPARE = Path(".timeline-cache") / "spare-site"
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"]


def run(*command: str, cwd: Path) -> None:
    """Run a command quietly, stopping the benchmark if it fails."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def repository(count: int) -> Path:
    """Return a git repository of count generated events with the templates and settings, in one commit."""
    root = WORK / f"deploy-{count}"
    shutil.rmtree(root, ignore_errors=True)
    main = root / "main"
    main.mkdir(parents=True)
    run(sys.executable, str(HERE / "gen_events.py"), str(count), str(main / "events"), cwd=REPO)
    shutil.copytree(REPO / "templates", main / "templates")
    shutil.copy(REPO / "timeline.toml", main / "timeline.toml")
    (main / ".gitignore").write_text("/site/\n/.timeline-cache/\n/.site-*/\n")
    run("git", "init", "-q", "-b", "main", cwd=main)
    run(*GIT, "add", ".", cwd=main)
    run(*GIT, "commit", "-q", "-m", "events", cwd=main)
    return main


def build(root: Path, *options: str) -> float:
    """Return the seconds `build.py build` takes on the project, with the workflow's address."""
    started = time.perf_counter()
    run(sys.executable, str(REPO / "build.py"), "build", "--root", str(root), "--base-url", BASE_URL, *options,
        cwd=root)
    return time.perf_counter() - started


def save_what_the_workflow_saves(main: Path, saved: Path) -> None:
    """Copy site/ and .timeline-cache/ (less the spare site, which the workflow removes before saving) aside."""
    shutil.rmtree(saved, ignore_errors=True)
    shutil.copytree(main / "site", saved / "site", symlinks=True)
    shutil.copytree(main / ".timeline-cache", saved / ".timeline-cache", symlinks=True,
                    ignore=lambda folder, names: ["spare-site"] if Path(folder).name == ".timeline-cache" else [])


def change_one_event(main: Path) -> str:
    """Change the text of the event in the middle of the timeline, in a new commit; return its file's name."""
    files = sorted((main / "events").glob("*.md"))
    changed = files[len(files) // 2]
    changed.write_text(changed.read_text() + "\nA sentence added in the deploy benchmark.\n")
    run(*GIT, "commit", "-q", "-am", f"Change {changed.name}", cwd=main)
    return changed.name


def clone(main: Path, name: str) -> Path:
    """Return a new clone of the repository with its whole history, as the workflow's checkout."""
    target = main.parent / name
    shutil.rmtree(target, ignore_errors=True)
    run("git", "clone", "-q", "--no-hardlinks", str(main), str(target), cwd=main.parent)
    return target


def restore(saved: Path, checkout: Path, spare: bool) -> None:
    """Put the saved site/ and .timeline-cache/ in place (and site/ as the spare site too, if spare)."""
    for name in ("site", ".timeline-cache"):
        shutil.copytree(saved / name, checkout / name, symlinks=True)
    if spare:
        shutil.copytree(saved / "site", checkout / SPARE, symlinks=True)


def tree_digest(folder: Path) -> dict[str, str]:
    """Return {relative path: sha256} of every file under folder."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    main_repo = repository(args.count)
    print(f"{args.count} events; {os.cpu_count()} cores", flush=True)
    print(f"the last deploy's build (cold, untimed for the result): {build(main_repo, '--fresh'):.1f} s", flush=True)
    saved = main_repo.parent / "saved"
    save_what_the_workflow_saves(main_repo, saved)
    print(f"changed: {change_one_event(main_repo)}", flush=True)
    times: dict[str, list[float]] = {"warm": [], "warm with a spare": [], "fresh": []}
    reference = None
    for attempt in range(args.repeat):
        for kind in times:
            checkout = clone(main_repo, "checkout")
            if kind != "fresh":
                restore(saved, checkout, spare=kind == "warm with a spare")
            seconds = build(checkout, *(["--fresh"] if kind == "fresh" else []))
            times[kind].append(seconds)
            digest = tree_digest(checkout / "site")
            reference = reference or digest
            same = "same bytes" if digest == reference else "DIFFERENT BYTES"
            print(f"  {attempt + 1}. {kind:18} {seconds:5.2f} s  ({len(digest)} files, {same})", flush=True)
            if digest != reference:
                return 1
    for kind, values in times.items():
        print(f"{kind:18} median {statistics.median(values):5.2f} s  (all: "
              f"{', '.join(f'{v:.2f}' for v in values)})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
