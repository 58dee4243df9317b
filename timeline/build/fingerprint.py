"""Whether site/ is up to date: a digest of every input, and the manifest the last build left.

A build with nothing changed should cost next to nothing, so this module imports only
what reading and hashing files needs (no pathlib, YAML, Jinja2 or dataclasses).
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import time

from timeline.folders import CACHE_DIR, CONFIG_FILE, EVENTS_DIR, OUTPUT_DIR, TEMPLATES_DIR

MANIFEST = "build.json"
# The libraries whose upgrade can change the output; their versions (and Python's) are part of the digest.
RENDERING_PACKAGES = ("Jinja2", "MarkupSafe", "Markdown", "nh3", "python-slugify", "text-unidecode", "PyYAML",
                      "dateparser", "Babel")
_CODE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the timeline package


def build_fingerprint(root: str | os.PathLike, base_url: str | None, include_drafts: bool,
                      last_manifest: object = None) -> str:
    """Return a digest of everything a build's output depends on, read byte for byte (see input_digests)."""
    setup, events, _ = input_digests(root, base_url, include_drafts, last_manifest)
    return fingerprint_of(setup, events)


# An event file whose status changed less than this before it was looked at may still be
# changing within the file system's clock tick: its status is not noted, so it is read next time.
SETTLED_NS = 2_000_000_000


def input_digests(root: str | os.PathLike, base_url: str | None, include_drafts: bool,
                  last_manifest: object = None) -> tuple[str, dict[str, str], dict[str, list]]:
    """Return the digest of all inputs but the event files (options, libraries, code, settings, templates),
    the digest of each event file (its name and bytes) by file name, and the status of each settled
    event file with its digest: [mtime ns, size, inode, ctime ns, digest] by name.

    last_manifest is what the last build left (its "files" is that last table): a file whose
    status is the same is not read again. Any write changes a file's ctime, which no tool can set back.
    """
    root = os.fspath(root)
    setup = hashlib.blake2b(digest_size=20)
    setup.update(repr((base_url, include_drafts, sys.version)).encode())
    for package, version in package_versions(RENDERING_PACKAGES).items():
        setup.update(f"{package}={version}".encode())
    code = _code_files(_CODE_DIR)
    inputs = code + [(CONFIG_FILE, os.path.join(root, CONFIG_FILE))]
    inputs += _files_in(os.path.join(root, TEMPLATES_DIR), recursive=True)
    for name, path in inputs:
        setup.update(_name_bytes(name) + b"\0" + _contents(path) + b"\0")
    known = last_manifest.get("files") if isinstance(last_manifest, dict) else None
    known = known if isinstance(known, dict) else {}
    events: dict[str, str] = {}
    statuses: dict[str, list] = {}
    events_dir = os.path.join(root, EVENTS_DIR)
    setup.update(b"events/ is a link" if os.path.islink(events_dir) else b"")  # a link is refused, whatever it holds
    for name, path in _files_in(events_dir):
        status = _status(path)  # taken before the bytes are read: an edit meanwhile shows next time
        noted = known.get(name)
        if status is not None and isinstance(noted, list) and len(noted) == 5 and noted[:4] == status \
                and isinstance(noted[4], str):
            events[name] = noted[4]
        else:
            events[name] = file_digest(name, _contents(path))
        if status is not None:
            statuses[name] = [*status, events[name]]
    settled_before = time.time_ns() - SETTLED_NS
    return setup.hexdigest(), events, {name: noted for name, noted in statuses.items() if noted[3] < settled_before}


def _status(path: str) -> list[int] | None:
    """Return [mtime ns, size, inode, ctime ns] of a regular file, or None for a link or anything else."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return [status.st_mtime_ns, status.st_size, status.st_ino, status.st_ctime_ns]


def file_digest(name: str, data: bytes) -> str:
    """Return the digest of an event file's name and bytes: what its readings and pages are keyed by."""
    return hashlib.blake2b(_name_bytes(name) + b"\0" + data, digest_size=16).hexdigest()


def _name_bytes(name: str) -> bytes:
    """Return a file name as the bytes it was read from, even when they are not UTF-8."""
    return name.encode("utf-8", "surrogateescape")


def fingerprint_of(setup: str, events: dict[str, str]) -> str:
    """Return the build fingerprint made of input_digests()."""
    digest = hashlib.blake2b(setup.encode(), digest_size=20)
    for name, value in events.items():
        digest.update(_name_bytes(f"{name}\0{value}\0"))
    return digest.hexdigest()


def _files_in(folder: str, recursive: bool = False) -> list[tuple[str, str]]:
    """Return (name relative to folder, path) of the files and links in folder, sorted by name."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if recursive and entry.is_dir(follow_symlinks=False):
            found += [(f"{entry.name}/{name}", path) for name, path in _files_in(entry.path, recursive=True)]
        elif entry.is_symlink() or entry.is_file():
            found.append((entry.name, entry.path))
    return sorted(found)


def _code_files(folder: str) -> list[tuple[str, str]]:
    """Return (name relative to folder, path) of the package's .py and .js files, in every subpackage."""
    return [(name, path) for name, path in _files_in(folder, recursive=True)
            if name.endswith((".py", ".js")) and "__pycache__/" not in name]


def _contents(path: str) -> bytes:
    """Return a file's bytes; a link, a folder or a missing file stands as a marker."""
    if os.path.islink(path):
        return b"link"
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError:
        return b"unreadable"


def package_versions(packages: tuple[str, ...]) -> dict[str, str]:
    """Return {package: installed version}, read from the names of the dist-info folders on sys.path.

    A wheel installs NAME-VERSION.dist-info; listing a few folders is several times faster
    than importlib.metadata, and a build with nothing changed should cost next to nothing.
    """
    def normal(name: str) -> str:
        return name.lower().replace("-", "_").replace(".", "_")

    wanted = {normal(package): package for package in packages}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                name, _, version = entry[: -len(".dist-info")].partition("-")
                package = wanted.get(normal(name))
                if package is not None and package not in found:
                    found[package] = version
    if len(found) < len(packages):  # installed some other way (an egg, a system package)
        from importlib.metadata import PackageNotFoundError, version

        for package in packages:
            if package not in found:
                try:
                    found[package] = version(package)
                except PackageNotFoundError:
                    found[package] = "not installed"
    return {package: found[package] for package in packages}


def up_to_date_manifest(root: str | os.PathLike, fingerprint: str, manifest: object) -> dict | None:
    """Return the last build's manifest (as read) when it was made from these very inputs and site/ is its output,
    else None."""
    if not made_current_site(root, manifest) or manifest.get("fingerprint") != fingerprint:
        return None
    return manifest


def current_manifest(root: str | os.PathLike, base_url: str | None, include_drafts: bool) -> dict | None:
    """Return the last build's manifest when site/ is what these inputs make now, else None.

    A first build's inputs are not even read: no site from a last build, nothing to compare.
    """
    manifest = read_json(root, MANIFEST)
    if not made_current_site(root, manifest):
        return None
    return manifest if manifest.get("fingerprint") == build_fingerprint(root, base_url, include_drafts, manifest) else None


def made_current_site(root: str | os.PathLike, manifest: object) -> bool:
    """Return whether manifest is a build's record and site/ is still the folder that build made (reads no input)."""
    try:
        site_inode = os.stat(os.path.join(root, OUTPUT_DIR)).st_ino
    except OSError:
        return False
    return isinstance(manifest, dict) and manifest.get("site_inode") == site_inode


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

    Encoded a thousand entries at a time: near the speed of one json.dumps (json.dump writes
    piece by piece, twice as slow), without the whole text in memory at 100,000 events.
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

    The caches are trusted like templates; a build for publishing starts without them, so
    nothing committed there (by mistake or in a pull request) can reach the site.
    """
    import shutil

    path = os.path.join(os.fspath(root), CACHE_DIR)
    if os.path.islink(path) or os.path.isfile(path):
        os.unlink(path)
    elif os.path.isdir(path):
        shutil.rmtree(path)
