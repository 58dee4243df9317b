"""How large a built site is as GitHub Pages publishes it, and the warning a build gives past Pages' 1 GB.

GitHub documents the limit for the published site ("Published GitHub Pages sites may be no larger than 1 GB"). The
Pages workflow uploads site/ as the tar file actions/upload-pages-artifact makes of it, which upload-artifact then
compresses; actions/deploy-pages warns only when that compressed artifact passes 1 GB, about eight times as much
HTML. What is counted here is the uncompressed tar file, the published site with a little to spare: every file and
folder has a 512-byte header, a file's bytes fill whole blocks, and a name past 100 bytes adds GNU tar's long-name
entry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# "Published GitHub Pages sites may be no larger than 1 GB" (GitHub Pages limits), read as the smaller 10^9.
PAGES_LIMIT = 1_000_000_000
BLOCK = 512
RECORD = 20 * BLOCK  # tar writes whole records of 20 blocks
NAME_FIELD = 100  # the bytes a tar header holds of a name
FILE_SIZES = "file-sizes.json"  # in the cache folder: each file's size by 'digest site-path', for the next build


@dataclass
class SiteSize:
    """A built site's size as the uncompressed Pages archive, and the bytes of its parts (event pages together)."""

    archive: int = 0
    parts: dict[str, int] = field(default_factory=dict)
    event_pages: int = 0


def entry_bytes(name: str, size: int) -> int:
    """Return what one entry of the archive takes: its header, its bytes in whole blocks, a long name's entry."""
    taken = BLOCK + -(-size // BLOCK) * BLOCK
    if len(name.encode()) > NAME_FIELD - 1:  # GNU tar writes the name in full before the header that cuts it
        taken += BLOCK + -(-(len(name.encode()) + 1) // BLOCK) * BLOCK
    return taken


def archive_size(site: Path, event_ids: set[str]) -> SiteSize:
    """Return the size of the tar file upload-pages-artifact makes of site/ (`tar -cf - -C site .`), by part:
    each top-level file and folder ('tags/'), the event pages' folders together. Walks the folder."""
    files: dict[str, int] = {}
    folders: list[str] = []
    stack = [(site, "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(f"{prefix}{entry.name}/")
                    stack.append((Path(entry.path), f"{prefix}{entry.name}/"))
                else:
                    files[prefix + entry.name] = entry.stat(follow_symlinks=False).st_size
    return _counted(files, folders, event_ids)


def written_size(site: Path, written: dict[str, str], event_ids: set[str],
                 known: dict[str, int]) -> tuple[SiteSize, dict[str, int]]:
    """Return the same size from the files a build wrote (site path -> digest), and each file's size by
    'digest path': a file the last build wrote with the same digest is not looked at again (known)."""
    sizes, files = {}, {}
    for path, digest in written.items():
        key = f"{digest} {path}"
        size = known.get(key)
        sizes[key] = files[path] = size if isinstance(size, int) else (site / path).stat().st_size
    folders = set()
    for path in files:
        end = path.rfind("/")
        while end > 0 and path[:end + 1] not in folders:  # its folder, and theirs, once each
            folders.add(path[:end + 1])
            end = path.rfind("/", 0, end)
    return _counted(files, folders, event_ids), sizes


def _counted(files: dict[str, int], folders, event_ids: set[str]) -> SiteSize:
    """Return the archive's size of these files (site path -> bytes) and folders ('tags/x/'), by part."""
    size = SiteSize()
    total = entry_bytes("./", 0)
    entries = [(path, 0) for path in folders] + list(files.items())
    for path, count in entries:
        taken = entry_bytes(f"./{path}", count)
        total += taken
        top, _, rest = path.partition("/")
        if top in event_ids:
            if not rest:  # the event's folder itself: one page
                size.event_pages += 1
            top = "event pages"
        elif rest or path.endswith("/"):
            top += "/"
        size.parts[top] = size.parts.get(top, 0) + taken
    size.archive = -(-(total + 2 * BLOCK) // RECORD) * RECORD  # two empty blocks end it
    return size


def amount(count: int) -> str:
    """Return a byte count in decimal units a person reads at a glance: '1.41 GB', '1 GB', '748 MB', '1.2 MB',
    '36 KB'."""
    if count >= 1e9:
        return f"{count / 1e9:.2f}".rstrip("0").rstrip(".") + " GB"
    if count >= 1e7:
        return f"{count / 1e6:,.0f} MB"
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{count / 1e3:,.0f} KB"


def size_warning(size: SiteSize, limit: int | None = None) -> str | None:
    """Return the warning for a site larger than GitHub Pages publishes (PAGES_LIMIT unless a limit is given),
    naming its five largest parts; else None."""
    limit = PAGES_LIMIT if limit is None else limit
    if size.archive <= limit:
        return None
    largest = sorted(size.parts.items(), key=lambda item: (-item[1], item[0]))[:5]
    named = ", ".join(
        f"{size.event_pages:,} event pages {amount(taken)}" if part == "event pages" else f"{part} {amount(taken)}"
        for part, taken in largest)
    return (f"site/ comes to {amount(size.archive)} as GitHub Pages publishes it (the uncompressed archive "
            f"upload-pages-artifact makes of it), more than the {amount(limit)} Pages allows; the largest "
            f"parts: {named}. README, 'Large timelines', says what takes room and what to do.")
