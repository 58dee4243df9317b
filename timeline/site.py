"""Writing the site atomically: every page goes to a staging folder that replaces site/ at once."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .layout import OUTPUT_DIR

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


def clean_leftovers(root: Path) -> None:
    """Remove staging folders of builds that were killed, restoring site/ if a swap was cut short."""
    output = root / OUTPUT_DIR
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(_OLD_PREFIX) and entry.is_dir():
            if not output.exists() and not entry.name.endswith("-done"):
                entry.rename(output)  # killed between the two renames of a non-atomic swap
            else:
                shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(_STAGING_PREFIX) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


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


# Removing a big old site takes seconds of file-system time that the user need not wait for.
BACKGROUND_REMOVAL_FROM = 2000


def _remove(folder: Path, large: bool) -> None:
    """Remove a replaced site: at once when small, by a detached process when large.

    The detached removal renames the folder to a leftover name first, so that if it is
    cut short the next build's clean_leftovers finishes it.
    """
    if not large:
        shutil.rmtree(folder, ignore_errors=True)
        return
    doomed = folder.with_name(_OLD_PREFIX + folder.name[len(_STAGING_PREFIX):] + "-done")
    folder.rename(doomed)
    import subprocess
    import sys

    subprocess.Popen(
        [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(doomed)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


class StagedSite:
    """A new site being written beside site/; commit() puts it in place, abort() discards it."""

    def __init__(self, root: Path):
        self.root = root
        clean_leftovers(root)
        self.staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=root))
        self.count = 0

    def path_for(self, site_path: str) -> Path:
        """Return where a site path is written, refusing any that would escape the site."""
        return self.staging.joinpath(*safe_parts(site_path))

    def write(self, site_path: str, data: bytes) -> None:
        """Write one file of the new site."""
        target = self.path_for(site_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as handle:
            handle.write(data)
        os.chmod(target, 0o644)
        self.count += 1

    def commit(self) -> None:
        """Replace site/ with the new site in one step; the old one is removed after."""
        output = self.root / OUTPUT_DIR
        os.chmod(self.staging, 0o755)
        if output.is_symlink() or (output.exists() and not output.is_dir()):
            raise UnsafePath(f"{OUTPUT_DIR} exists and is not a folder; move it away")
        if output.exists() and _exchange(self.staging, output):
            _remove(self.staging, large=self.count > BACKGROUND_REMOVAL_FROM)
            return
        if output.exists():
            old = Path(tempfile.mkdtemp(prefix=_OLD_PREFIX, dir=self.root))
            os.rmdir(old)
            output.rename(old)
            self.staging.rename(output)
            shutil.rmtree(old)
        else:
            self.staging.rename(output)

    def abort(self) -> None:
        """Discard the new site, leaving site/ as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)
