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

from timeline.build.cache_store import read_json, write_json
from timeline.build.provenance import head_commit
from timeline.folders import CACHE_DIR, CONFIG_FILE, ENTITIES_FILE, EVENTS_DIR, MEDIA_DIR, OUTPUT_DIR, TEMPLATES_DIR
from timeline.model.digest import file_digest, name_bytes
from timeline.versions import RENDERING_PACKAGES, package_versions

MANIFEST = "build.json"
_CODE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the timeline package


# A file whose status changed less than this before it was looked at may still be changing
# within the file system's clock tick: its status is not noted, so it is read next time.
SETTLED_NS = 2_000_000_000


def input_digests(root: str | os.PathLike, base_url: str | None, include_drafts: bool,
                  last_manifest: object = None) -> tuple[str, dict[str, str], dict[str, list], dict[str, list]]:
    """Return the digest of all inputs but the event files (options, libraries, code, settings, entities, templates),
    the digest of each event file (its name and bytes) by file name, and the status of each settled
    file with its digest, [mtime ns, size, inode, ctime ns, digest]: event files by name, the others by path.

    last_manifest is what the last build left (its "files" and "setup_files" are those tables): a file
    whose status is the same is not read again. Any write changes a file's ctime, which no tool can set back.
    """
    root = os.fspath(root)
    manifest = last_manifest if isinstance(last_manifest, dict) else {}
    setup = hashlib.blake2b(digest_size=20)
    # GITHUB_REPOSITORY stands for the repository setting when timeline.toml leaves it out
    setup.update(repr((base_url, include_drafts, sys.version, os.environ.get("GITHUB_REPOSITORY", ""))).encode())
    for package, version in package_versions(RENDERING_PACKAGES).items():
        setup.update(f"{package}={version}".encode())
    inputs = _code_files(_CODE_DIR) + [(CONFIG_FILE, os.path.join(root, CONFIG_FILE))]
    entities = os.path.join(root, ENTITIES_FILE)
    if os.path.lexists(entities):  # optional: most projects have none, and a missing file is not read each time
        inputs.append((ENTITIES_FILE, entities))
    inputs += _files_in(os.path.join(root, TEMPLATES_DIR), recursive=True)
    known, setup_statuses = _table(manifest, "setup_files"), {}
    for name, path in inputs:
        digest = _digest_as_known(name, path, known.get(path), setup_statuses, path)
        setup.update(name_bytes(name) + b"\0" + digest.encode() + b"\0")
    events_dir = os.path.join(root, EVENTS_DIR)
    setup.update(b"events/ is a link" if os.path.islink(events_dir) else b"")  # a link is refused, whatever it holds
    known, events, statuses = _table(manifest, "files"), {}, {}
    for name, path in _files_in(events_dir):
        events[name] = _digest_as_known(name, path, known.get(name), statuses, name)
    # Pictures are digested beside the event files, not in setup: a new picture re-renders only what shows it.
    for name, path in _files_in(os.path.join(root, MEDIA_DIR), recursive=True):
        events[f"{MEDIA_DIR}/{name}"] = _digest_as_known(name, path, known.get(f"{MEDIA_DIR}/{name}"), statuses,
                                                         f"{MEDIA_DIR}/{name}")
    return setup.hexdigest(), events, _settled(statuses), _settled(setup_statuses)


def _table(manifest: dict, key: str) -> dict:
    """Return a table of file statuses the last build left in its manifest, or {}."""
    table = manifest.get(key)
    return table if isinstance(table, dict) else {}


def _digest_as_known(name: str, path: str, noted: object, statuses: dict[str, list], key: str) -> str:
    """Return the digest of a file's name and bytes, read again only when its status differs from what was
    noted; note its status and digest in statuses under key."""
    status = _status(path)  # taken before the bytes are read: an edit meanwhile shows next time
    if status is not None and isinstance(noted, list) and len(noted) == 5 and noted[:4] == status \
            and isinstance(noted[4], str):
        digest = noted[4]
    else:
        digest = file_digest(name, _contents(path))
    if status is not None:
        statuses[key] = [*status, digest]
    return digest


def _settled(statuses: dict[str, list]) -> dict[str, list]:
    """Return the statuses of the files that had kept still for SETTLED_NS when they were looked at."""
    settled_before = time.time_ns() - SETTLED_NS
    return {key: noted for key, noted in statuses.items() if noted[3] < settled_before}


def _status(path: str) -> list[int] | None:
    """Return [mtime ns, size, inode, ctime ns] of a regular file, or None for a link or anything else."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return [status.st_mtime_ns, status.st_size, status.st_ino, status.st_ctime_ns]


class Inputs:
    """What a build's output is made from, as digests: setup (every input but the event files), each event
    file's digest by name, and the status of each settled file (see input_digests)."""

    __slots__ = ("commit", "events", "setup", "setup_statuses", "statuses")

    def __init__(self, setup: str, events: dict[str, str], statuses: dict[str, list],
                 setup_statuses: dict[str, list], commit: str = ""):
        self.setup, self.events, self.statuses, self.setup_statuses = setup, events, statuses, setup_statuses
        self.commit = commit  # the git commit the event files' history stands at ('' outside a full history)

    @property
    def fingerprint(self) -> str:
        """Return the digest of every input: equal fingerprints, byte-identical sites."""
        return fingerprint_of(self.setup + self.commit, self.events)

    def take_as_read(self, root: str | os.PathLike, read: dict[str, str]) -> None:
        """Take the digest of each file in events/ as loading read it (read: file name -> digest).

        A build digests its inputs before it reads them. A file saved, added or removed in between
        is built as read; its digest from before would put the old page back from the last site,
        and give the build a fingerprint that says the edit was not there.
        """
        folder = os.path.join(root, EVENTS_DIR)
        gone = {name for name in self.events if name.endswith(".md") and name not in read
                and not os.path.lexists(os.path.join(folder, name))}
        moved = {name for name, digest in read.items() if self.events.get(name) != digest} | gone
        if not moved:
            return
        for name in moved:
            self.statuses.pop(name, None)  # noted before the save: the next build reads the file again
        merged = {name: digest for name, digest in self.events.items() if name not in gone}
        self.events = dict(sorted({**merged, **read}.items()))


def read_inputs(root: str | os.PathLike, base_url: str | None, include_drafts: bool,
                last_manifest: object = None) -> Inputs:
    """Return the digests of a build's inputs (see input_digests), and the commit their history stands at."""
    return Inputs(*input_digests(root, base_url, include_drafts, last_manifest), commit=head_commit(root))


def fingerprint_of(setup: str, events: dict[str, str]) -> str:
    """Return the build fingerprint made of input_digests()."""
    digest = hashlib.blake2b(setup.encode(), digest_size=20)
    for name, value in events.items():
        digest.update(name_bytes(f"{name}\0{value}\0"))
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


def up_to_date_manifest(root: str | os.PathLike, fingerprint: str, manifest: object) -> dict | None:
    """Return the last build's manifest (as read) when it was made from these very inputs and site/ is its output,
    else None."""
    if not made_current_site(root, manifest) or manifest.get("fingerprint") != fingerprint:
        return None
    return manifest


def current_manifest(root: str | os.PathLike, base_url: str | None,
                     include_drafts: bool) -> tuple[dict | None, Inputs | None]:
    """Return the last build's manifest when site/ is what these inputs make now (else None), and the inputs'
    digests when they were read (else None).

    A first build's inputs are not even read: no site from a last build, nothing to compare.
    """
    manifest = read_json(root, MANIFEST)
    if not made_current_site(root, manifest):
        return None, None
    inputs = read_inputs(root, base_url, include_drafts, manifest)
    return (manifest if manifest.get("fingerprint") == inputs.fingerprint else None), inputs


def made_current_site(root: str | os.PathLike, manifest: object) -> bool:
    """Return whether manifest is a build's record and site/ is still the folder that build made (reads no input)."""
    try:
        site_inode = os.stat(os.path.join(root, OUTPUT_DIR)).st_ino
    except OSError:
        return False
    return isinstance(manifest, dict) and manifest.get("site_inode") == site_inode


def write_manifest(root: str | os.PathLike, inputs: Inputs, events: int, drafts: int, problems: list) -> None:
    """Record that site/ is what these inputs make, with what the build reported, for the next build to trust."""
    write_json(root, MANIFEST, {
        "fingerprint": inputs.fingerprint, "site_inode": os.stat(os.path.join(root, OUTPUT_DIR)).st_ino,
        "events": events, "drafts": drafts, "problems": [list(p.__dict__.values()) for p in problems],
        "report": [str(p) for p in problems], "files": inputs.statuses, "setup_files": inputs.setup_statuses,
    })


def forget_manifest(root: str | os.PathLike) -> None:
    """Forget the last build's record, so that no build trusts site/ as what it recorded."""
    try:
        os.remove(os.path.join(root, CACHE_DIR, MANIFEST))
    except FileNotFoundError:
        pass
