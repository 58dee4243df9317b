#!/usr/bin/env python3
"""Issue 22's scale table at N events, beside Hugo in the same run, and where the site's bytes go.

Usage: .venv/bin/python bench/scale.py [N ...] [--runs K] [--floor-at N] [--no-incremental N,...] [--cold-only]
       .venv/bin/python bench/scale.py --bytes SITE_DIR      (only the byte breakdown of a built site)

First run bench/setup_peers.sh (Hugo lives in the bench work dir, $BENCH_WORK or /tmp/ssgbench).
For each N (default 10000 and 100000; bench/gen_events.py's default seed, as run_peer.sh makes them):
K (default 2) cold builds of ours and of Hugo, interleaved (bench/run_peer.sh: no site/, no
.timeline-cache/, each build its own process), with bench/floor.py between them when N is
--floor-at (default 10000); then the site's figures (du --bytes, the sum of file sizes, files, the
largest HTML page and the largest file), a no-change `build.py build`, `build.py build` after one
event's title is edited (three edits, each with the caches the build before left), the preview's
incremental path (compare.py's: the pages before open pages reload, then the deferred exports), and
one more cold build under bench/peak_memory.py (PSS of the whole process tree). The load average
(1 min) is printed beside every timing. Then where the bytes go: each top-level folder and file,
event pages in total and per page, what a page of the largest groups is made of (head, header and
footer, content; list entries), and the levers' savings estimated from those bytes (a calculation on
the built site, nothing is rebuilt). A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # run_peer, timed, INCREMENTAL, empty_trash, WORK

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from timeline.build.site_size import archive_size

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = str(REPO / ".venv" / "bin" / "python")
EVENT_DIR = re.compile(r"^\d{4}-\d\d-\d\d-")
ENTRY = re.compile(r'<li class="event[ "].*?\n</div>\n</li>\n', re.S)
SAMPLE = 400  # pages read per group for the page anatomy and the whitespace estimates


def load() -> float:
    """Return the 1-minute load average."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def floor_last_pass(count: int) -> float:
    """Return bench/floor.py's last pass (read + YAML + Markdown + Jinja2 page) in seconds."""
    events = compare.WORK / "events" / str(count)
    out = subprocess.run([PYTHON, str(HERE / "floor.py"), str(events)], capture_output=True, text=True).stdout
    return float(re.search(r"Jinja2 page\s+([\d.]+) s", out).group(1))


def site_figures(site: Path) -> dict:
    """Return the site's size figures: the archive GitHub Pages counts, du, the sum of file sizes, files, folders,
    largest HTML and file."""
    total = files = folders = 0
    largest_html = largest = ("", 0)
    for folder, dirs, names in os.walk(site):
        folders += len(dirs)
        for name in names:
            path = os.path.join(folder, name)
            size = os.lstat(path).st_size
            total += size
            files += 1
            if size > largest[1]:
                largest = (os.path.relpath(path, site), size)
            if name.endswith(".html") and size > largest_html[1]:
                largest_html = (os.path.relpath(path, site), size)
    du_bytes = int(subprocess.run(["du", "-s", "--bytes", str(site)], capture_output=True, text=True).stdout.split()[0])
    event_ids = {entry.name for entry in os.scandir(site) if entry.is_dir() and EVENT_DIR.match(entry.name)}
    archive = archive_size(site, event_ids).archive
    du_disk = int(subprocess.run(["du", "-s", "-B1", str(site)], capture_output=True, text=True).stdout.split()[0])
    return {"archive": archive, "du_bytes": du_bytes, "du_disk": du_disk, "file_bytes": total, "files": files,
            "folders": folders, "largest_html": largest_html, "largest_file": largest}


def group_of(relative: str) -> str:
    """Return the breakdown group of a path relative to site/."""
    top = relative.split("/", 1)[0]
    if "/" not in relative:
        return top
    return "event pages" if EVENT_DIR.match(top) else top + "/"


def compact_entry(entry: str) -> int:
    """Return the bytes of a list entry cut down to its anchor, date and linked title."""
    ident = re.search(r'id="([^"]*)"', entry)
    when = re.search(r"<time[^>]*>.*?</time>", entry, re.S)
    title = re.search(r'<h\d class="event-title"[^>]*>(.*?)</h\d>', entry, re.S)
    line = (f'<li id="{ident.group(1) if ident else ""}">{when.group(0) if when else ""} '
            f'{title.group(1) if title else ""}</li>\n')
    return len(line.encode())


def anatomy(pages: list[Path]) -> dict:
    """Return byte sums over the given HTML pages: head, header and footer, main, list entries and estimates."""
    sums = dict.fromkeys(("bytes", "head", "json_ld", "chrome", "main", "entries", "entry_count", "compact_entries",
                          "indent", "between_tags"), 0)
    for page in pages:
        raw = page.read_bytes()
        text = raw.decode("utf-8")
        size = len(raw)
        head_end = text.find("</head>") + len("</head>")
        main_start, main_end = text.find("<main"), text.find("</main>") + len("</main>")
        head = text[:head_end]
        main = text[main_start:main_end]
        ld = re.search(r'<script type="application/ld\+json">.*?</script>', head, re.S)
        entries = ENTRY.findall(main)
        sums["bytes"] += size
        sums["head"] += len(head.encode())
        sums["json_ld"] += len(ld.group(0).encode()) if ld else 0
        sums["main"] += len(main.encode())
        sums["chrome"] += size - len(head.encode()) - len(main.encode())
        sums["entries"] += sum(len(entry.encode()) for entry in entries)
        sums["entry_count"] += len(entries)
        sums["compact_entries"] += sum(compact_entry(entry) for entry in entries)
        # whitespace: indentation and blank lines only (safe), then every line break between tags
        sums["indent"] += size - len(re.sub(r"\n[ \t]*(?=\n|\S)", "\n", re.sub(r"\n\s*\n", "\n", text)).encode())
        sums["between_tags"] += size - len(re.sub(r">\s*\n\s*<", "><", text).encode())
    return sums


def json_compact(path: Path) -> int:
    """Return a JSON file's bytes when written without indentation (same data, same escaping of non-ASCII)."""
    data = json.loads(path.read_bytes())
    ascii_only = path.read_bytes().isascii()
    return len(json.dumps(data, separators=(",", ":"), ensure_ascii=ascii_only).encode())


def where_bytes(site: Path) -> dict:
    """Return the byte breakdown of a built site, the page anatomy of its HTML groups and the levers' estimates."""
    groups: dict[str, dict] = {}
    html: dict[str, list[Path]] = {}
    for folder, dirs, names in os.walk(site):
        relative_folder = os.path.relpath(folder, site)
        for name in names:
            relative = name if relative_folder == "." else f"{relative_folder}/{name}"
            group = groups.setdefault(group_of(relative), {"files": 0, "bytes": 0, "folders": 0, "html": 0,
                                                           "html_bytes": 0})
            size = os.lstat(os.path.join(folder, name)).st_size
            group["files"] += 1
            group["bytes"] += size
            if name.endswith(".html"):
                group["html"] += 1
                group["html_bytes"] += size
                html.setdefault(group_of(relative), []).append(site / relative)
        for name in dirs:
            relative = name if relative_folder == "." else f"{relative_folder}/{name}"
            groups.setdefault(group_of(relative + "/x"), {"files": 0, "bytes": 0, "folders": 0, "html": 0,
                                                          "html_bytes": 0})["folders"] += 1
    for group, pages in html.items():
        pages.sort()
        step = max(1, len(pages) // SAMPLE)
        sample = pages[::step]
        sums = anatomy(sample)
        scale = groups[group]["html_bytes"] / sums["bytes"] if sums["bytes"] else 0
        groups[group]["anatomy"] = {key: value * scale for key, value in sums.items()}
        groups[group]["anatomy"]["sampled_pages"] = len(sample)
        # pages other than the first of a list (paging) and the list's first pages
        groups[group]["later_pages"] = sum(1 for page in pages if "/page/" in str(page.relative_to(site)))
    exports = {}
    for path in sorted(site.rglob("*.json")):
        relative = str(path.relative_to(site))
        exports[relative] = {"bytes": path.stat().st_size, "compact": json_compact(path)}
    return {"groups": groups, "json": exports}


def levers(breakdown: dict) -> list[tuple[str, int]]:
    """Return (lever, bytes saved) estimates from a breakdown."""
    groups, exports = breakdown["groups"], breakdown["json"]
    anat = {name: group["anatomy"] for name, group in groups.items() if "anatomy" in group}
    lists = [name for name in anat if name != "event pages"]
    out = [
        ("JSON exports written without indentation (events.json, timelinejs.json, schema/)",
         sum(e["bytes"] - e["compact"] for e in exports.values())),
        ("timelinejs.json left out of the site", groups.get("timelinejs.json", {}).get("bytes", 0)),
        ("events.csv left out of the site", groups.get("events.csv", {}).get("bytes", 0)),
        ("events.ics left out of the site", groups.get("events.ics", {}).get("bytes", 0)),
        ("list entries cut to date + linked title (all list pages)",
         int(sum(anat[name]["entries"] - anat[name]["compact_entries"] for name in lists))),
        ("no all-events lists by status and corroboration (statuses/*/, corroboration/*/)",
         sum(groups.get(name, {}).get("bytes", 0) for name in ("statuses/", "corroboration/"))),
        ("HTML indentation and blank lines removed (all pages)",
         int(sum(a["indent"] for a in anat.values()))),
        ("HTML: every line break between tags removed (all pages)",
         int(sum(a["between_tags"] for a in anat.values()))),
        ("event pages: JSON-LD removed from the head", int(anat.get("event pages", {}).get("json_ld", 0))),
    ]
    return out


def print_breakdown(breakdown: dict, total: int) -> None:
    """Print the byte breakdown, the anatomy of the HTML groups, the JSON files and the levers."""
    groups = breakdown["groups"]
    print(f"\nwhere the bytes go (sum of file sizes {total / 1e6:,.1f} MB)")
    print(f"{'group':28} {'files':>8} {'folders':>8} {'MB':>9} {'share':>6} {'KB/file':>8} {'later pages':>11}")
    for name, group in sorted(groups.items(), key=lambda item: -item[1]["bytes"]):
        if group["bytes"] < 100_000 and group["files"] < 100:
            continue
        per = group["bytes"] / group["files"] / 1e3 if group["files"] else 0
        print(f"{name:28} {group['files']:8,} {group['folders']:8,} {group['bytes'] / 1e6:9.1f} "
              f"{group['bytes'] / total:6.1%} {per:8.2f} {group.get('later_pages', 0):11,}")
    print("\nHTML pages: what they are made of (MB; from up to 400 pages a group, scaled to its bytes)")
    print(f"{'group':18} {'pages':>7} {'MB':>8} {'head':>7} {'(JSON-LD)':>9} {'chrome':>7} {'main':>7} "
          f"{'entries':>8} {'n':>9} {'B/entry':>8} {'compact':>8} {'indent':>7} {'breaks':>7}")
    for name, group in sorted(groups.items(), key=lambda item: -item[1]["html_bytes"]):
        a = group.get("anatomy")
        if not a or group["html_bytes"] < 1_000_000:
            continue
        per_entry = a["entries"] / a["entry_count"] if a["entry_count"] else 0
        print(f"{name:18} {group['html']:7,} {a['bytes'] / 1e6:8.1f} {a['head'] / 1e6:7.1f} {a['json_ld'] / 1e6:9.1f} "
              f"{a['chrome'] / 1e6:7.1f} {a['main'] / 1e6:7.1f} {a['entries'] / 1e6:8.1f} {a['entry_count']:9,.0f} "
              f"{per_entry:8.0f} {a['compact_entries'] / 1e6:8.1f} {a['indent'] / 1e6:7.1f} "
              f"{a['between_tags'] / 1e6:7.1f}")
    print("\nJSON files over 1 MB: bytes and written without indentation")
    for name, e in sorted(breakdown["json"].items(), key=lambda item: -item[1]["bytes"]):
        if e["bytes"] >= 1_000_000:
            print(f"  {name:24} {e['bytes'] / 1e6:9.1f} MB -> {e['compact'] / 1e6:9.1f} MB")
    print("\nlevers (estimated from the bytes above; they overlap, so they do not simply add)")
    for name, saved in levers(breakdown):
        print(f"  {saved / 1e6:9.1f} MB  {name}")


def peak_memory_cold(count: int) -> tuple[float, float, float]:
    """Return (wall s, peak PSS MiB, load) of one more cold build under bench/peak_memory.py."""
    site = subprocess.run(["bash", str(HERE / "run_peer.sh"), "ours", str(count)], capture_output=True, text=True,
                          env={**os.environ, "BENCH_WORK": str(compare.WORK), "PREPARE_ONLY": "1"}).stdout.split()[-1]
    compare.empty_trash(pause=True)
    before = load()
    result = subprocess.run([PYTHON, str(HERE / "peak_memory.py"), PYTHON, str(REPO / "build.py"), "build", "--root",
                             "."], cwd=site, capture_output=True, text=True)
    found = re.search(r"wall ([\d.]+) s; peak PSS of the process tree (\d+) MiB", result.stderr)
    return float(found.group(1)), float(found.group(2)), before


def warm_builds(count: int, incremental: bool) -> dict:
    """Return no-change, one-edit and incremental timings (with the load before each) on ours-N's site."""
    site = compare.WORK / "sites" / f"ours-{count}"
    build = [PYTHON, str(REPO / "build.py"), "build", "--root", "."]
    figures = {}
    before = load()
    figures["no-change build"] = (compare.timed(build, site)[0], before)
    events = sorted((site / "events").glob("*.md"))
    edited = []
    for run in range(3):
        event = events[(run + 1) * len(events) // 4]
        original = event.read_bytes()
        event.write_bytes(original.replace(b"title: ", f'title: "Edited {run}" #'.encode(), 1))
        before = load()
        edited.append((compare.timed(build, site)[0], before))
        event.write_bytes(original)
    figures["one-edit build (median of 3)"] = (statistics.median(e[0] for e in edited),
                                               statistics.median(e[1] for e in edited))
    figures["one-edit builds"] = [round(e[0], 2) for e in edited]
    compare.timed(build, site)  # back to the generated events
    if incremental:
        before = load()
        started = time.perf_counter()
        out = subprocess.run([PYTHON, "-c", compare.INCREMENTAL, str(site)], capture_output=True, text=True,
                             cwd=REPO).stdout.split()
        figures["incremental: first update (whole, in-process) + 5 edits"] = (time.perf_counter() - started, before)
        figures["one edit, preview: pages (median of 5)"] = (float(out[1]), before)
        figures["one edit, preview: then its exports (median)"] = (float(out[2]), before)
    return figures


def main(argv: list[str]) -> int:
    """Run the scale measurements and print them; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10000, 100000])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--floor-at", type=int, default=10000)
    parser.add_argument("--no-incremental", default="", help="sizes to skip the preview's incremental path at")
    parser.add_argument("--cold-only", action="store_true", help="only the interleaved cold builds (and floor)")
    parser.add_argument("--bytes", type=Path, help="only print the byte breakdown of this built site/")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    if args.bytes:
        figures = site_figures(args.bytes)
        print(json.dumps(figures, indent=1))
        print_breakdown(where_bytes(args.bytes), figures["file_bytes"])
        return 0
    skip = {int(n) for n in args.no_incremental.split(",") if n}
    everything = {}
    compare.empty_trash(pause=True)
    for count in args.sizes:
        print(f"\n=== {count:,} events (work dir {compare.WORK}) ===", flush=True)
        cold: dict[str, list[tuple[float, float]]] = {"ours": [], "hugo": [], "floor": []}
        for run in range(args.runs):
            for peer in ("ours", "hugo"):
                figures = compare.run_peer(peer, count)
                if figures.get("rc") == "0":
                    cold[peer].append((float(figures["wall_s"]), float(figures["load1"])))
                print(f"  run {run + 1} {peer}: {figures.get('wall_s', '?')} s, load {figures.get('load1', '?')}, "
                      f"{figures.get('out_files', '?')} files, maxrss {figures.get('maxrss_mb', '?')} MB", flush=True)
            if count == args.floor_at:
                before = load()
                cold["floor"].append((floor_last_pass(count), before))
                print(f"  run {run + 1} floor (last pass): {cold['floor'][-1][0]:.2f} s, load {before}", flush=True)
        medians = {peer: statistics.median(w for w, _ in runs) for peer, runs in cold.items() if runs}
        if args.cold_only:
            print(f"  cold medians: {medians}", flush=True)
            compare.empty_trash(pause=count != args.sizes[-1])
            continue
        site = compare.WORK / "sites" / f"ours-{count}" / "site"
        sizes = site_figures(site)
        print(f"  site: {json.dumps(sizes)}", flush=True)
        warm = warm_builds(count, count not in skip)
        for name, value in warm.items():
            print(f"  {name}: {value}", flush=True)
        peak = peak_memory_cold(count)
        print(f"  cold under peak_memory.py: {peak[0]:.1f} s, peak PSS {peak[1]:.0f} MiB, load {peak[2]}", flush=True)
        breakdown = where_bytes(site)
        print_breakdown(breakdown, sizes["file_bytes"])
        everything[count] = {"cold": cold, "medians": medians, "site": sizes, "warm": warm, "peak": peak,
                             "breakdown": breakdown}
        print(f"\n  cold medians: {medians}")
        if "ours" in medians and "hugo" in medians:
            print(f"  ours / hugo: {medians['ours'] / medians['hugo']:.2f}")
        if "ours" in medians and "floor" in medians:
            print(f"  ours / floor's last pass: {medians['ours'] / medians['floor']:.2f}")
        compare.empty_trash(pause=count != args.sizes[-1])
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1, default=str))
    if everything:
        print_table(everything)
    return 0


def print_table(everything: dict) -> None:
    """Print issue 22's table, one column per size."""
    sizes = list(everything)

    def row(label, cell):
        print(f"| {label} | " + " | ".join(cell(everything[n]) for n in sizes) + " |")

    def timing(values):
        return ", ".join(f"{wall:.1f} s (load {avg:.1f})" for wall, avg in values)

    print("\n| | " + " | ".join(f"{n:,} events" for n in sizes) + " |")
    print("|---" * (len(sizes) + 1) + "|")
    row("GitHub Pages archive (the tar upload-pages-artifact makes)", lambda f: f"{f['site']['archive'] / 1e6:,.0f} MB")
    row("site bytes, du --bytes", lambda f: f"{f['site']['du_bytes'] / 1e6:,.0f} MB")
    row("site bytes, sum of file sizes", lambda f: f"{f['site']['file_bytes'] / 1e6:,.0f} MB")
    row("files (folders)", lambda f: f"{f['site']['files']:,} ({f['site']['folders']:,})")
    row("largest HTML page", lambda f: f"`{f['site']['largest_html'][0]}` {f['site']['largest_html'][1] / 1e3:,.0f} KB")
    row("largest file", lambda f: f"`{f['site']['largest_file'][0]}` {f['site']['largest_file'][1] / 1e6:,.1f} MB")
    row("cold build, ours", lambda f: timing(f["cold"]["ours"]))
    row("cold build, Hugo", lambda f: timing(f["cold"]["hugo"]))
    row("ours / Hugo (medians)", lambda f: f"{f['medians']['ours'] / f['medians']['hugo']:.2f}"
        if "hugo" in f["medians"] else "-")
    row("floor.py last pass", lambda f: timing(f["cold"]["floor"]) if f["cold"]["floor"] else "-")
    row("ours / floor (medians)", lambda f: f"{f['medians']['ours'] / f['medians']['floor']:.2f}"
        if "floor" in f["medians"] else "-")
    for name in ("no-change build", "one-edit build (median of 3)", "one edit, preview: pages (median of 5)",
                 "one edit, preview: then its exports (median)"):
        row(name, lambda f, name=name: (f"{f['warm'][name][0]:.2f} s (load {f['warm'][name][1]:.1f})"
                                        if name in f["warm"] else "-"))
    row("peak memory, cold (PSS, process tree)",
        lambda f: f"{f['peak'][1]:,.0f} MiB ({f['peak'][0]:.0f} s, load {f['peak'][2]:.1f})")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
