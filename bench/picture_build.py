#!/usr/bin/env python3
"""Build time with pictures: N events each with its own picture, cold and with nothing changed, beside the same
N events without pictures built cold in the same run, and one picture replaced.

Usage: .venv/bin/python bench/picture_build.py [N]   (N: 1000 if not given)

The events come from bench/gen_events.py (with --pictures N for the pictured project: 2000 x 1333 JPEGs of a
few hundred KB each) into bench/scratch/ (git-ignored); they are made once and kept, and their making is not
timed. Each build is `build.py build` in its own process, as an author runs it; cold means no site/ and no
.timeline-cache/. A benchmark, not a test; it prints its figures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "scratch"


def project(count: int, pictures: bool) -> Path:
    """Return a project of count generated events, each with a picture or none, made once."""
    root = WORK / f"build-{count}-{'pictures' if pictures else 'plain'}"
    if not (root / "events").exists():
        root.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "gen_events.py"), str(count), str(root / "events")]
                       + (["--pictures", str(count)] if pictures else []), check=True)
    for name in ("templates", "timeline.toml"):
        target = root / name
        if target.is_dir():
            shutil.rmtree(target)
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, target)
    return root


def build(root: Path, cold: bool) -> float:
    """Return the seconds `build.py build` takes on the project (without site/ and the cache when cold)."""
    if cold:
        for name in ("site", ".timeline-cache"):
            shutil.rmtree(root / name, ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(root)],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(result.stderr)
    return seconds


def folder_size(path: Path) -> tuple[int, int]:
    """Return (files, bytes) under a folder."""
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def replace_one_picture(root: Path) -> None:
    """Write a different picture over the first event's picture file (same name, new content)."""
    sys.path.insert(0, str(HERE))
    from gen_events import write_picture

    first = sorted((root / "media").iterdir())[0]
    write_picture(str(first), 10_000_000, 1)


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 1000
    plain, pictured = project(count, pictures=False), project(count, pictures=True)
    originals = folder_size(pictured / "media")
    print(f"{count} events; {originals[0]} pictures, {originals[1] / 2**20:.0f} MB of JPEGs; "
          f"{os.cpu_count()} cores", flush=True)
    print(f"cold, without pictures:   {build(plain, cold=True):6.1f} s", flush=True)
    print(f"cold, with pictures:      {build(pictured, cold=True):6.1f} s", flush=True)
    print(f"no change, with pictures: {build(pictured, cold=False):6.1f} s", flush=True)
    replace_one_picture(pictured)
    print(f"one picture replaced:     {build(pictured, cold=False):6.1f} s", flush=True)
    made = folder_size(pictured / "site" / "media")
    print(f"site/media: {made[0]} files, {made[1] / 2**20:.1f} MB; site/ in all "
          f"{folder_size(pictured / 'site')[1] / 2**20:.1f} MB; .timeline-cache "
          f"{folder_size(pictured / '.timeline-cache')[1] / 2**20:.1f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
