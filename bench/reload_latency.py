#!/usr/bin/env python3
"""Edit-to-reload latency of `build.py serve`: file saved -> open browser page reloaded.

Usage: .venv/bin/python bench/reload_latency.py [N ...] [--runs K]

For each N (default 1000 and 10000) it generates N synthetic events with
bench/gen_events.py into a temporary project (never into events/), starts
`build.py serve` on a free port, opens an event page in Debian's Chromium
(/usr/bin/chromium, driven by Playwright), then K times rewrites that event's
title and times how long it takes from the file's save until the reloaded page,
showing the new title, has loaded (its DOMContentLoaded, by the browser's clock).
It prints min / median / max in milliseconds. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def make_project(count: int, folder: Path) -> Path:
    """Return a project folder with count generated events and the repository's templates."""
    shutil.copytree(REPO / "templates", folder / "templates")
    shutil.copy(REPO / "timeline.toml", folder / "timeline.toml")
    subprocess.run([sys.executable, str(HERE / "gen_events.py"), str(count), str(folder / "events")], check=True)
    return folder


def start_server(root: Path) -> tuple[subprocess.Popen, str]:
    """Start `build.py serve` on a free port; return the process and the site's URL."""
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", "0"],
        stderr=subprocess.PIPE, text=True,
    )
    while True:
        line = process.stderr.readline()
        if not line:
            raise SystemExit("the server stopped before serving")
        if line.startswith("Serving the timeline at "):
            return process, line.split()[4]


def measure(count: int, runs: int) -> list[float]:
    """Return the edit-to-reload latencies in milliseconds for a site of count events."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary:
        started = time.perf_counter()
        root = make_project(count, Path(temporary))
        event_file = sorted((root / "events").glob("*.md"))[count // 2]
        process, url = start_server(root)
        print(f"  n={count}: project and first build ready in {time.perf_counter() - started:.1f} s", flush=True)
        latencies = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(f"{url}{event_file.stem}/")
                original = event_file.read_text(encoding="utf-8")
                for run in range(runs):
                    page.wait_for_selector("html[data-live-reload=connected]", state="attached")
                    time.sleep(0.3)  # let the first state message arrive before editing
                    marker = f"Edited title {run}"
                    text = original.replace("title: ", f"title: \"{marker}\" #", 1)
                    saved = time.time()
                    event_file.write_text(text, encoding="utf-8")
                    page.wait_for_function(f"() => document.title.startsWith({marker!r})", timeout=30000)
                    # When the reloaded page was ready, by the browser's own clock (same system clock):
                    # this leaves out how often the harness polls the page.
                    shown = page.evaluate("() => performance.timeOrigin + "
                                          "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
                    latencies.append(shown - saved * 1000)
                browser.close()
        finally:
            process.terminate()
            process.wait()
    return latencies


def main(argv: list[str]) -> int:
    """Run the benchmark; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    print("edit-to-reload latency (file saved -> page shows the edit), ms")
    rows = []
    for count in args.sizes:
        values = measure(count, args.runs)
        rows.append((count, min(values), statistics.median(values), max(values)))
    print(f"{'events':>8} {'min':>8} {'median':>8} {'max':>8}")
    for count, low, middle, high in rows:
        print(f"{count:>8} {low:>8.0f} {middle:>8.0f} {high:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
