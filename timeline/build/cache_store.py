"""The files of the cache folder (.timeline-cache/): JSON, never pickle, each replaced whole.

Loading a cache can never run code, whoever wrote the folder; a stale or unreadable one reads as empty.
"""

from __future__ import annotations

import os

from timeline.folders import CACHE_DIR


def read_json(root: str | os.PathLike, name: str) -> object:
    """Return what a build saved in the cache folder under name, or None when it is missing or unreadable."""
    import json

    try:
        with open(os.path.join(root, CACHE_DIR, name), encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError):
        return None


def write_json(root: str | os.PathLike, name: str, data: object) -> None:
    """Save data as JSON in the cache folder under name, replacing the file at once."""
    import json

    _write_whole(root, name, [json.dumps(data, ensure_ascii=False)])


def _write_whole(root: str | os.PathLike, name: str, pieces) -> None:
    """Write the pieces of text one after another as the cache file name, which readers see whole or not at all."""
    folder = os.path.join(root, CACHE_DIR)
    os.makedirs(folder, exist_ok=True)
    temporary = os.path.join(folder, name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        for piece in pieces:
            file.write(piece)
    os.replace(temporary, os.path.join(folder, name))


def read_cache(root: str | os.PathLike, name: str, version: str) -> dict:
    """Return the dict a build saved under name for this version, or {} when it is missing, unreadable or stale.

    Kept as JSON, not pickle: loading it can never run code, whoever wrote the folder.
    """
    saved = read_json(root, name)
    if not isinstance(saved, dict) or saved.get("version") != version or not isinstance(saved.get("items"), dict):
        return {}
    return saved["items"]


def write_cache(root: str | os.PathLike, name: str, version: str, items: dict) -> None:
    """Save a dict for the next build to read with read_cache, replacing the file at once.

    Encoded a thousand entries at a time: near the speed of one json.dumps (json.dump writes piece
    by piece, much slower), without holding the whole text in memory on a large site.
    """
    import json

    def pieces():
        keys = list(items)
        yield f'{{"version": {json.dumps(version)}, "items": {{'
        for start in range(0, len(keys), 1000):
            chunk = json.dumps({key: items[key] for key in keys[start:start + 1000]}, ensure_ascii=False)
            yield ("," if start else "") + chunk[1:-1]
        yield "}}"

    _write_whole(root, name, pieces())


def forget_cache(root: str | os.PathLike) -> None:
    """Remove what earlier builds left in the cache folder, so that the next build reads and renders everything.

    The caches are trusted like templates: `build --fresh` (the pull request check) starts without them, so
    nothing committed there (by mistake or in a pull request) can reach the site; the Pages workflow removes
    any from git and restores only what a build of main saved.
    """
    import shutil

    path = os.path.join(os.fspath(root), CACHE_DIR)
    if os.path.islink(path) or os.path.isfile(path):
        os.unlink(path)
    elif os.path.isdir(path):
        shutil.rmtree(path)
