"""Watching the inputs: events/, media/, templates/, timeline.toml and entities.toml, and whether site/ is still
there."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

from timeline.folders import CONFIG_FILE, ENTITIES_FILE, EVENTS_DIR, MEDIA_DIR, OUTPUT_DIR, TEMPLATES_DIR

WATCHED_FOLDERS = (EVENTS_DIR, MEDIA_DIR, TEMPLATES_DIR)  # each watched while it exists; its coming or going too

WATCH_TIMEOUT_MS = 200
SETTLE = 0.05  # seconds timeline.toml or entities.toml must keep still before it is read: see settled()
SETTINGS_FILES = (CONFIG_FILE, ENTITIES_FILE)  # files at the project's top, looked at on every tick


def input_changes(root: Path, stop_event) -> Iterator[set[str]]:
    """Yield the paths changed in each batch of changes to the inputs, the first batch (empty, or an edit)
    once the watch is in place; return when stopped, or when events/, media/ or templates/ came, went or were
    replaced (watch again then: a watch follows a folder, not its name).
    """
    from watchfiles import watch

    seen = top_level(root)
    folders = {str(root / name) for name in WATCHED_FOLDERS if seen[name] is not None}
    # Only events/, media/ and templates/ are watched, not the project folder: that put a watch on every folder of
    # .venv/, node_modules/ and site/, and a full build's changes there could overflow the kernel's queue
    # and lose an edit. A timeline.toml replaced by renaming (vim, sed -i) would be lost to a watch too:
    # the top-level names are looked at on every tick instead (WATCH_TIMEOUT_MS, even with no folder).
    for changes in watch(*folders, stop_event=stop_event, debounce=200, step=20, rust_timeout=WATCH_TIMEOUT_MS,
                         yield_on_timeout=True, watch_filter=not_an_editors_file):
        now = top_level(root)
        if any(now[name] != seen[name] for name in SETTINGS_FILES):
            now = settled(root, now)
        moved = {name for name in now if now[name] != seen[name]}
        seen = now
        # A folder removed and made again at once may get its inode number back: the watch's
        # own report of its removal says so then.
        if moved & set(WATCHED_FOLDERS) or any(path in folders for _, path in changes):
            return
        paths = {path for _, path in changes}
        # site/ gone is built again; site/ built again (by that rebuild) is no change
        paths |= {str(root / name) for name in moved if name != OUTPUT_DIR or now[name] is None}
        yield paths


def top_level(root: Path) -> dict[str, tuple | None]:
    """Return what shows a change of timeline.toml, entities.toml, events/, media/, templates/ and site/: None for
    one missing."""
    def identity(name: str, fields: tuple[str, ...]) -> tuple | None:
        try:
            info = os.stat(root / name)
        except OSError:
            return None
        return tuple(getattr(info, field) for field in fields)

    return {
        CONFIG_FILE: identity(CONFIG_FILE, ("st_ino", "st_mtime_ns", "st_size")),
        ENTITIES_FILE: identity(ENTITIES_FILE, ("st_ino", "st_mtime_ns", "st_size")),
        EVENTS_DIR: identity(EVENTS_DIR, ("st_dev", "st_ino")),  # its files are watched: only a new folder counts
        MEDIA_DIR: identity(MEDIA_DIR, ("st_dev", "st_ino")),
        TEMPLATES_DIR: identity(TEMPLATES_DIR, ("st_dev", "st_ino")),
        OUTPUT_DIR: () if (root / OUTPUT_DIR).is_dir() else None,  # every full build swaps in a new one
    }


def settled(root: Path, now: dict[str, tuple | None]) -> dict[str, tuple | None]:
    """Return top_level(root) once timeline.toml and entities.toml have kept still for SETTLE seconds (at most a
    second).

    A save in place empties the file, then writes it: a tick between the two would build an empty
    settings file (base path /, the default title) and move open pages there. The files of events/
    and templates/ get the same wait from the watch itself.
    """
    deadline = time.monotonic() + 1
    while time.monotonic() < deadline:
        time.sleep(SETTLE)
        again = top_level(root)
        if all(again[name] == now[name] for name in SETTINGS_FILES):
            return again
        now = again
    return now


def not_an_editors_file(change, path: str) -> bool:
    """Return whether a changed path in events/ or templates/ is not an editor's swap or backup file."""
    name = os.path.basename(path)
    return not (name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")))
