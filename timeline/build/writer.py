"""Writing the site atomically: every page goes to a staging folder that replaces site/ at once."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from timeline.folders import CACHE_DIR, OUTPUT_DIR

_STAGING_PREFIX = ".site-build-"
_OLD_PREFIX = ".site-old-"
_RENAME_EXCHANGE = 2


class UnsafePath(ValueError):
    """A page path that would land outside the output folder."""


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); return False where unsupported."""
    import ctypes  # only for the swap at the end of a build

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


# The site a build replaced is kept here and becomes the next build's staging folder: rewriting
# files that exist costs the file system far less than making 10,000 folders and files anew
# and deleting as many (ext4 in particular slows down when it must skip recently freed inodes).
SPARE_SITE = f"{CACHE_DIR}/spare-site"
# Writing over a file of the reused folder; never through a link (where the system can refuse one).
_WRITE_OVER = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def clean_leftovers(root: Path) -> None:
    """Put away staging folders of builds that were killed, restoring site/ if a swap was cut short."""
    output = root / OUTPUT_DIR
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(_OLD_PREFIX) and entry.is_dir():
            if not output.exists():
                entry.rename(output)  # killed between the two renames of a non-atomic swap
            else:
                shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(_STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            _keep_as_spare(root, entry)


def _keep_as_spare(root: Path, folder: Path) -> None:
    """Keep a site folder for the next build to write over, or remove it if one is kept already."""
    spare = root / SPARE_SITE
    if not spare.exists() and not spare.is_symlink():
        try:
            spare.parent.mkdir(exist_ok=True)
            folder.rename(spare)
            return
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


def safe_parts(site_path: str) -> list[str]:
    """Return the parts of a site path, refusing any path that could leave the site."""
    parts = site_path.split("/")
    if not site_path or site_path.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\\" in site_path:
        raise UnsafePath(f"refusing to write {site_path!r}: it is not a plain path inside {OUTPUT_DIR}/")
    return parts


def replace_file(output: Path, site_path: str, data: bytes) -> None:
    """Write one file of a live site in one step: readers see the old bytes or the new, never half."""
    target = output.joinpath(*safe_parts(site_path))
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_file(output: Path, site_path: str) -> None:
    """Remove one file of a live site, and its folder when that is left empty."""
    target = output.joinpath(*safe_parts(site_path))
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != output and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


class StagedSite:
    """A new site being written beside site/; commit() puts it in place, abort() discards it.

    The staging folder starts as the site the last build replaced, when one was kept:
    keep_only() first removes what the new site will not have, and write() writes over the rest.
    """

    def __init__(self, root: Path, reuse: bool = True):
        self.root = root
        clean_leftovers(root)
        self.staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=root))
        self.keeps_spare = reuse  # else the site it replaces is removed, and no spare is made or taken
        self.reused = self._reuse(root / SPARE_SITE) if reuse else False
        self.pruned = False

    def _reuse(self, spare: Path) -> bool:
        """Return whether the kept site became the staging folder (renamed onto the empty one just made)."""
        if spare.is_symlink() or not spare.is_dir():
            return False
        try:
            os.rename(spare, self.staging)
        except OSError:  # another file system, say: build afresh, and remove it for good
            shutil.rmtree(spare, ignore_errors=True)
            return False
        return True

    def keep_only(self, site_paths: set[str]) -> None:
        """Remove from a reused staging folder everything but regular files at the given site paths.

        Links and files with other names are removed wherever they are, so that writing
        over what is left can only ever change files of this site.
        """
        self.pruned = True
        if not self.reused:
            return
        folders = {""}
        for site_path in site_paths:
            parts = safe_parts(site_path)
            folders.update("/".join(parts[:end]) for end in range(1, len(parts)))
        _prune(os.fspath(self.staging), "", site_paths, folders)

    def path_for(self, site_path: str) -> Path:
        """Return where a site path is written, refusing any that would escape the site."""
        return self.staging.joinpath(*safe_parts(site_path))

    def write(self, site_path: str, data: bytes) -> None:
        """Write one file of the new site (over the file keep_only() left there, if any, unless it holds data)."""
        target = self.path_for(site_path)
        if self.reused and _holds(target, data):
            return
        try:
            handle = os.open(target, _WRITE_OVER, 0o644)
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(target, _WRITE_OVER, 0o644)
        with os.fdopen(handle, "wb") as stream:
            if hasattr(os, "fchmod"):
                os.fchmod(handle, 0o644)  # whatever the umask: the published site must be readable
            stream.write(data)

    def commit(self) -> None:
        """Replace site/ with the new site in one step; the old one is kept for the next build to write over."""
        if self.reused and not self.pruned:  # it would still hold the files of a site two builds old
            raise RuntimeError("StagedSite.keep_only() must run before a reused staging folder is committed")
        output = self.root / OUTPUT_DIR
        os.chmod(self.staging, 0o755)
        if output.is_symlink() or (output.exists() and not output.is_dir()):
            raise UnsafePath(f"{OUTPUT_DIR} exists and is not a folder; move it away")
        if output.exists() and _exchange(self.staging, output):
            self._put_away(self.staging)
            return
        if output.exists():
            old = Path(tempfile.mkdtemp(prefix=_OLD_PREFIX, dir=self.root))
            os.rmdir(old)
            output.rename(old)
            self.staging.rename(output)
            self._put_away(old)
        else:
            self.staging.rename(output)

    def abort(self) -> None:
        """Put the new site aside (as the next build's spare), leaving site/ as it was."""
        self._put_away(self.staging)

    def _put_away(self, folder: Path) -> None:
        """Keep a site folder for the next build to write over, or remove it when no spare is kept."""
        if self.keeps_spare:
            _keep_as_spare(self.root, folder)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _prune(folder: str, prefix: str, site_paths: set[str], folders: set[str]) -> bool:
    """Remove what is not a wanted file or folder under folder; return whether folder is left empty."""
    empty = True
    with os.scandir(folder) as entries:
        for entry in entries:
            site_path = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):  # from the directory listing: no system call
                if _prune(entry.path, site_path + "/", site_paths, folders) and site_path not in folders:
                    os.rmdir(entry.path)
                    continue
            elif site_path in site_paths and entry.is_file(follow_symlinks=False) \
                    and _plain_file(entry.stat(follow_symlinks=False)):
                pass  # a file of the new site: written over, or kept if it holds the new bytes
            else:
                os.unlink(entry.path)  # not on the new site, a link, or a file linked from elsewhere
                continue
            empty = False
    return empty


def _plain_file(status: os.stat_result) -> bool:
    """Return whether a file is one a build wrote: linked from nowhere else, readable by all, writable by us only."""
    return status.st_nlink == 1 and status.st_mode & 0o7777 == 0o644


def _holds(path: Path, data: bytes) -> bool:
    """Return whether the regular file at path holds exactly data (never following a link).

    Reading a file back is cheaper than writing it: most pages of a rebuild are unchanged.
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    with os.fdopen(handle, "rb") as stream:
        if os.fstat(handle).st_size != len(data):
            return False
        return stream.read(len(data) + 1) == data
