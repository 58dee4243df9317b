"""Pictures: each event's local picture checked once per content, and made into the site's files (every width in
PICTURE_WIDTHS up to its own, in every format of PICTURE_FORMATS), made once per content and kept in the cache."""

from __future__ import annotations

import hashlib
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.build.cache_store import read_json, write_json
from timeline.folders import CACHE_DIR
from timeline.model.pictures import PICTURE_FORMATS, check_picture_file, outside_media, picture_widths, site_file
from timeline.problems import Problem
from timeline.versions import package_versions

if TYPE_CHECKING:
    from timeline.model.event import Event, Picture

PICTURES_CACHE = "pictures"  # the folder under CACHE_DIR that keeps each picture's made files
_CHECKED_FILE = "checked.json"  # what each picture's content was found to be: [format, width, height] or a problem
# Each picture file's status and digest, [mtime ns, size, inode, ctime ns, digest]: a build reads a picture's
# bytes again only when its file changed, as the fingerprint does for every input.
_DIGESTS_FILE = "digests.json"
# Quality for each format: the smallest files that still show no artefacts at the widths made (bench/NOTES.md).
ENCODER_SETTINGS = {"avif": {"quality": 60, "speed": 8}, "webp": {"quality": 80, "method": 4}}


class Pictures:
    """The project's local pictures: their digests, what their files hold, and the files made of them."""

    def __init__(self, root: Path, cache: bool = True):
        self.root = root
        if cache:
            self.folder = root / CACHE_DIR / PICTURES_CACHE
        else:  # build --no-cache: made for this build alone
            self._temporary = tempfile.TemporaryDirectory(prefix="timeline-pictures-")
            self.folder = Path(self._temporary.name)
        self._persist = cache
        self._digests: dict[str, list] | None = None  # src -> [status..., digest]
        self._checked: dict[str, list] | None = None
        self._changed = False  # whether the two tables hold something the cache does not
        self._resolved: dict[str, tuple[Event, Event]] = {}  # event id -> (event as read, with its picture's digest)
        self._made: set[str] = set()  # digests whose files this process has seen made (the preview asks often)

    def events(self, events: list[Event]) -> tuple[list[Event], list[Problem]]:
        """Return the events with each local picture's digest and size filled in (the same objects while nothing
        changes, for the preview's sake), and a problem for each picture file that is missing or bad."""
        problems, result = [], []
        for event in events:
            picture = event.image
            if picture is None or not picture.is_local:
                result.append(event)
                continue
            digest = self._digest(picture.src)
            checked = self._check(picture.src, digest) if digest else [None, None, None, self._missing(picture)]
            if checked[0] is None:
                problems.append(Problem(event.path, picture.line, "image.src", checked[3]))
                continue
            before = self._resolved.get(event.id)
            if before and before[0] is event and before[1].image.digest == digest:
                result.append(before[1])
                continue
            resolved = replace(event, image=replace(picture, digest=digest, width=checked[1], height=checked[2]))
            self._resolved[event.id] = (event, resolved)
            result.append(resolved)
        self._save()
        return result, problems

    def _missing(self, picture: Picture) -> str:
        """Return why a picture's file could not be digested."""
        return check_picture_file(self.root, picture.src)[1] or f"{picture.src} cannot be read"

    def _digest(self, src: str) -> str:
        """Return the digest of a picture file's bytes, read again only when its status changed; '' if unreadable."""
        path = self.root / src
        try:
            info = os.stat(path)
        except OSError:
            return ""
        status = [info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns]
        if self._digests is None:
            self._digests = self._load(_DIGESTS_FILE)
        known = self._digests.get(src)
        if isinstance(known, list) and known[:4] == status and isinstance(known[-1], str):
            return known[-1]
        try:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
        except OSError:
            return ""
        self._digests[src], self._changed = [*status, digest], True
        return digest

    def _check(self, src: str, digest: str) -> list:
        """Return [format, width, height, None] for a good picture, or [None, None, None, what is wrong]; a good
        content is not decoded again, but where it lives is looked at every time."""
        outside = outside_media(self.root, src)
        if outside:
            return [None, None, None, outside]
        if self._checked is None:
            self._checked = self._load(_CHECKED_FILE)
        known = self._checked.get(digest)
        if known is None:
            found, problem = check_picture_file(self.root, src)
            if problem:
                return [None, None, None, problem]  # not kept: it stops the build until it is fixed
            known = self._checked[digest] = [found.format, found.width, found.height, None]
            self._changed = True
        return known

    def _load(self, name: str) -> dict[str, list]:
        """Return a table an earlier build kept in the cache (the digests, or what the checks found)."""
        data = read_json(self.root, f"{PICTURES_CACHE}/{name}") if self._persist else None
        return data if isinstance(data, dict) else {}

    def _save(self) -> None:
        """Keep the digests and what the checks found for the next build, when they hold something new."""
        if self._changed and self._persist:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, table in ((_DIGESTS_FILE, self._digests), (_CHECKED_FILE, self._checked)):
                if table is not None:
                    write_json(self.root, f"{PICTURES_CACHE}/{name}", table)
            self._changed = False

    def files(self, picture: Picture) -> list[tuple[str, Path]]:
        """Return (site path, made file) of every file made of a local picture."""
        key = _encoding_key()
        return [(site_file(picture, width, extension), self.folder / f"{picture.digest}-{key}-{width}.{extension}")
                for width in picture_widths(picture.width) for extension, _ in PICTURE_FORMATS]

    def make(self, events: list[Event], workers: int | None = None) -> None:
        """Make every file of the events' local pictures that the cache does not hold yet, on every core."""
        todo = {}
        for event in events:
            picture = event.image
            if picture is None or not picture.digest or picture.digest in todo or picture.digest in self._made:
                continue
            if all(made.exists() for _, made in self.files(picture)):
                self._made.add(picture.digest)
            else:
                todo[picture.digest] = (str(self.root / picture.src), f"{picture.digest}-{_encoding_key()}",
                                        picture_widths(picture.width), str(self.folder))
        if not todo:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        workers = min(len(todo), workers or os.cpu_count() or 1)
        if workers < 2:
            for job in todo.values():
                make_picture_files(*job)
        else:
            import multiprocessing

            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                list(pool.map(_make_job, todo.values()))
        self._made.update(todo)


def _make_job(job: tuple) -> None:
    """Run make_picture_files on one job (for the process pool)."""
    make_picture_files(*job)


@lru_cache(maxsize=1)
def _encoding_key() -> str:
    """Return what names the encoder and its settings in the made files' names: a new Pillow makes new files."""
    version = package_versions(("pillow",)).get("pillow", "")
    return hashlib.blake2b(repr((version, ENCODER_SETTINGS)).encode(), digest_size=4).hexdigest()


def make_picture_files(source: str, name: str, widths: tuple[int, ...], folder: str) -> None:
    """Write a picture at each width in each format into folder: upright, without its camera data (which can hold
    where it was taken), with its colour profile; the same bytes every time for the same picture."""
    from PIL import Image, ImageOps

    with Image.open(source) as original:
        original.seek(0)  # an animated picture: its first frame
        image = ImageOps.exif_transpose(original)
        profile = original.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        sized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        for extension, _ in PICTURE_FORMATS:
            target = Path(folder) / f"{name}-{width}.{extension}"
            options = dict(ENCODER_SETTINGS[extension], **({"icc_profile": profile} if profile else {}))
            temporary = target.with_name(f".{target.name}.{os.getpid()}")
            sized.save(temporary, format=extension.upper(), **options)
            os.replace(temporary, target)
