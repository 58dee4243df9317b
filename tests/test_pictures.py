"""Pictures on events: every bad picture refused at its file and line with nothing written, the files made of a
picture (widths never above its own, upright, without camera data, the same bytes every time, made once per
content), and what a changed picture re-renders, in a build and in the preview."""

from __future__ import annotations

import io
import re
import struct
import zlib

import pytest
from PIL import Image, ImageDraw

from tests.test_site import tree_digest
from timeline.build import media
from timeline.build.incremental import IncrementalBuilder
from timeline.model import pictures

GOOD = "\n  src: media/square.jpg\n  alt: A red square on blue\n  credit: A. Photographer"


def picture(width: int = 1600, height: int = 1000, colour=(200, 40, 40), kind: str = "JPEG", **options) -> bytes:
    """Return the bytes of a picture with something to see in it."""
    image = Image.new("RGB", (width, height), (30, 60, 160))
    ImageDraw.Draw(image).rectangle([width // 4, height // 4, width * 3 // 4, height * 3 // 4], fill=colour)
    data = io.BytesIO()
    image.save(data, kind, **options)
    return data.getvalue()


def put(project, name: str, data: bytes) -> None:
    """Write a file into the project's media/ folder."""
    (project.root / "media").mkdir(exist_ok=True)
    (project.root / "media" / name).write_bytes(data)


def png_header(width: int, height: int) -> bytes:
    """Return a PNG that declares a size and holds no pixels (what a decompression bomb looks like at first)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.fixture
def good_site(project):
    """Return the project with a good site built (one event with a picture), and the site's digest."""
    put(project, "square.jpg", picture())
    project.event("2024-11-04-good.md", image=GOOD)
    assert project.run("build").code == 0
    return project, tree_digest(project.root / "site")


def image_lines(src: str, alt: str | None = "A thing", credit: str | None = "Someone") -> str:
    """Return an event's image: lines."""
    return f"\n  src: {src}" + (f"\n  alt: {alt}" if alt else "") + (f"\n  credit: {credit}" if credit else "")


OUTSIDE = ("which is not in the media/ folder: put the picture in media/ and write its path from the project's "
           "top, like media/2024-11-04-kremlin.jpg")
CASES = [
    ("no-alt", image_lines("media/square.jpg", alt=None), None,
     "9: image.alt: is missing: add 'alt: ...' (What the picture shows, for readers who cannot see it.)"),
    ("no-credit", image_lines("media/square.jpg", credit=None), None,
     "9: image.credit: is missing: add 'credit: ...' (Who took or owns the picture.)"),
    ("parent", image_lines("../square.jpg"), None, f"9: image.src: is '../square.jpg', {OUTSIDE}"),
    ("dot-dot-inside", image_lines("media/../events/x.jpg"), None,
     f"9: image.src: is 'media/../events/x.jpg', {OUTSIDE}"),
    ("absolute", image_lines("/etc/passwd"), None, f"9: image.src: is '/etc/passwd', {OUTSIDE}"),
    ("windows", image_lines("C:\\photos\\x.jpg"), None, "9: image.src: is 'C:\\\\photos\\\\x.jpg', " + OUTSIDE),
    ("http", image_lines("http://example.org/x.jpg"), None,
     "9: image.src: is 'http://example.org/x.jpg', an http:// address, which a site served over https cannot "
     "show: use its https:// address, or save the picture in media/ and write media/NAME"),
    ("scheme", image_lines("data:image/png;base64,AAAA"), None,
     "9: image.src: is 'data:image/png;base64,AAAA'; a picture is a file in media/ (media/NAME) or an https:// "
     "address"),
    ("missing", image_lines("media/nowhere.jpg"), None,
     "9: image.src: media/nowhere.jpg does not exist: add the picture to the media/ folder, or correct the name"),
    ("not-a-picture", image_lines("media/notes.jpg"), ("notes.jpg", b"Dear editor, ..."),
     "9: image.src: media/notes.jpg is not a picture this tool reads (JPEG, PNG, WebP, GIF, AVIF): save it in one "
     "of those formats"),
    ("cut-short", image_lines("media/cut.jpg"), ("cut.jpg", picture()[:3000]),
     "9: image.src: media/cut.jpg is damaged or cut short: save or export it again from the original"),
    ("bomb", image_lines("media/bomb.png"), ("bomb.png", png_header(40_000, 40_000)),
     "9: image.src: media/bomb.png is 1,600 megapixels; pictures are limited to 50 megapixels: make it smaller"),
    ("large", image_lines("media/large.png"), ("large.png", png_header(9_000, 9_000)),  # under Pillow's own guard
     "9: image.src: media/large.png is 81 megapixels; pictures are limited to 50 megapixels: make it smaller"),
    ("a-folder", image_lines("media/folder"), ("folder/x.jpg", picture()),
     "9: image.src: media/folder is not a file: name a picture file in media/"),
    ("as-text", "media/square.jpg", None,
     "8: image: expected a picture's fields, found the text 'media/square.jpg'; write 'image:' alone on its line, "
     "then '  src: media/NAME.jpg', '  alt: ...' and '  credit: ...' below it, two spaces in"),
]


@pytest.mark.parametrize("case, lines, file, expected", CASES, ids=[c[0] for c in CASES])
def test_a_bad_picture_stops_the_build_at_its_line_and_nothing_is_written(good_site, case, lines, file, expected):
    project, before = good_site
    if file:
        (project.root / "media" / file[0]).parent.mkdir(parents=True, exist_ok=True)
        (project.root / "media" / file[0]).write_bytes(file[1])
    project.event("2024-11-05-bad.md", image=lines)
    result = project.run("build")
    assert (result.code, result.err.splitlines()[0]) == (1, f"events/2024-11-05-bad.md:{expected}")
    assert "Traceback" not in result.err
    assert result.err.splitlines()[-1] == "Build stopped: 1 error in 1 file; site/ was not changed."
    assert tree_digest(project.root / "site") == before


def test_a_link_out_of_media_is_refused_wherever_it_points(good_site, tmp_path):
    project, _ = good_site
    outside = tmp_path / "private.jpg"
    outside.write_bytes(picture())
    (project.root / "media" / "private.jpg").symlink_to(outside)
    project.event("2024-11-05-bad.md", image=image_lines("media/private.jpg"))
    result = project.run("check")
    assert (result.code, result.out.splitlines()[0]) == (1, "events/2024-11-05-bad.md:9: image.src: media/private.jpg "
                                                         "is a link to a file outside media/: put the picture itself "
                                                         "in media/")
    # the same picture, checked before from inside media/, is still refused through a link
    (project.root / "media" / "private.jpg").unlink()
    (project.root / "media" / "private.jpg").write_bytes(picture())
    assert project.run("check").code == 0
    (project.root / "media" / "private.jpg").unlink()
    (project.root / "media" / "private.jpg").symlink_to(outside)
    assert project.run("check").code == 1


def test_a_picture_over_the_size_limit_is_refused_with_the_limit(good_site, monkeypatch):
    project, _ = good_site
    monkeypatch.setattr(pictures, "MAX_PICTURE_BYTES", 50 * 1024 * 1024)
    put(project, "huge.jpg", b"\xff" * (51 * 1024 * 1024))
    project.event("2024-11-05-bad.md", image=image_lines("media/huge.jpg"))
    assert project.run("check").out.splitlines()[0] == (
        "events/2024-11-05-bad.md:9: image.src: media/huge.jpg is 51.0 MB; pictures are limited to 50 MB: export it "
        "smaller (2,000 pixels wide is plenty)")
    assert pictures.MAX_PICTURE_BYTES // 1024 // 1024 == 50  # the documented 20 MB is the module's own value
    monkeypatch.undo()
    assert pictures.MAX_PICTURE_BYTES == 20 * 1024 * 1024


def made_files(project) -> dict[str, bytes]:
    """Return the site's media/ files by name."""
    return {p.name: p.read_bytes() for p in sorted((project.root / "site" / "media").iterdir())}


def test_a_picture_is_made_at_each_width_up_to_its_own_in_avif_and_webp(project):
    put(project, "wide.jpg", picture(2400, 1600))
    put(project, "narrow.png", picture(200, 300, kind="PNG"))
    project.event("2024-11-04-wide.md", image=image_lines("media/wide.jpg"))
    project.event("2024-11-05-narrow.md", image=image_lines("media/narrow.png"))
    assert project.run("build").code == 0
    names = [re.sub(r"-[0-9a-f]{12}-", "-D-", name) for name in made_files(project)]
    assert names == ["narrow-D-200.avif", "narrow-D-200.webp", "wide-D-1280.avif", "wide-D-1280.webp",
                     "wide-D-320.avif", "wide-D-320.webp", "wide-D-640.avif", "wide-D-640.webp"]
    for name, data in made_files(project).items():
        with Image.open(io.BytesIO(data)) as image:
            width = int(name.rsplit("-", 1)[1].split(".")[0])
            assert (image.format, image.width) == (name.rsplit(".", 1)[1].upper(), width)
    html = project.site("2024-11-04-wide/index.html")
    assert re.search(r'<img class="event-picture-img" src="/media/wide-[0-9a-f]{12}-1280\.webp" srcset="[^"]+ 320w, '
                     r'[^"]+ 640w, [^"]+ 1280w" sizes="\(min-width: 44rem\) 42rem, calc\(100vw - 2rem\)" '
                     r'width="1280" height="853" alt="A thing" loading="lazy" decoding="async">', html)
    assert '<span class="credit">Picture: Someone</span>' in html


def test_made_files_are_upright_and_carry_no_camera_data(project):
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: show it rotated
    exif[0x8825] = {2: (55.0, 45.0, 0.0)}  # where it was taken
    put(project, "turned.jpg", picture(800, 400, exif=exif.tobytes()))
    project.event("2024-11-04-turned.md", image=image_lines("media/turned.jpg"))
    assert project.run("build").code == 0
    for data in made_files(project).values():
        with Image.open(io.BytesIO(data)) as image:
            assert image.height > image.width
            assert not image.getexif()


def test_the_same_pictures_make_the_same_bytes_and_are_made_once(project, tmp_path, monkeypatch):
    put(project, "square.jpg", picture())
    project.event("2024-11-04-good.md", image=GOOD)
    assert project.run("build").code == 0
    first = tree_digest(project.root / "site")
    made = []
    real = media.make_picture_files
    monkeypatch.setattr(media, "make_picture_files", lambda *args: made.append(args) or real(*args))
    (project.root / "site").rename(tmp_path / "old-site")
    assert project.run("build").code == 0
    assert (made, tree_digest(project.root / "site")) == ([], first)  # from the cache: nothing made again
    assert project.run("build", "--no-cache").code == 0
    assert len(made) == 1 and tree_digest(project.root / "site") == first  # made again, the very same bytes


def test_a_changed_picture_re_renders_only_the_pages_that_show_it(project):
    put(project, "square.jpg", picture())
    project.event("2024-11-04-good.md", image=GOOD, tags="[pictures]")
    project.event("2024-11-05-other.md", tags="[words]")
    assert project.run("build").code == 0
    before = {p.relative_to(project.root / "site").as_posix(): p.read_bytes()
              for p in (project.root / "site").rglob("*") if p.is_file()}
    put(project, "square.jpg", picture(colour=(40, 200, 40)))
    assert project.run("build").code == 0
    after = {p.relative_to(project.root / "site").as_posix(): p.read_bytes()
             for p in (project.root / "site").rglob("*") if p.is_file()}
    changed = sorted(path for path in after if before.get(path) != after[path] and not path.startswith("media/"))
    # its page and the timeline, which shows its thumbnail; not the other event's page, nor the tag, status and
    # corroboration lists, whose short entries show no picture (the exports name its files too)
    assert [path for path in changed if path.endswith(".html")] == ["2024-11-04-good/index.html", "index.html"]
    assert len([p for p in after if p.startswith("media/")]) == 6  # the old picture's files are gone
    assert not {p for p in after if p.startswith("media/")} & {p for p in before if p.startswith("media/")}


def test_the_preview_shows_a_changed_picture(project):
    put(project, "square.jpg", picture())
    project.event("2024-11-04-good.md", image=GOOD)
    builder = IncrementalBuilder(project.root)
    assert builder.update().errors == []
    page = project.root / "site" / "2024-11-04-good" / "index.html"
    old = re.search(r"square-([0-9a-f]{12})-", page.read_text())[1]
    put(project, "square.jpg", picture(colour=(40, 200, 40)))
    result = builder.update({str(project.root / "media" / "square.jpg")})
    assert result.errors == []
    new = re.search(r"square-([0-9a-f]{12})-", page.read_text())[1]
    assert new != old and (project.root / "site" / "media" / f"square-{new}-1280.webp").is_file()
    put(project, "square.jpg", b"not a picture")  # a broken picture in the preview: said, the page kept
    result = builder.update({str(project.root / "media" / "square.jpg")})
    assert [p.message for p in result.errors] == [
        "media/square.jpg is not a picture this tool reads (JPEG, PNG, WebP, GIF, AVIF): save it in one of those "
        "formats"]
    assert new in page.read_text()


def test_a_pictures_words_are_text_wherever_they_show(project):
    from tests.test_render import assert_nothing_active, html_pages

    payload = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    put(project, "square.jpg", picture())
    project.event("2024-11-04-good.md", image=f"\n  src: media/square.jpg\n  alt: '{payload}'\n  credit: '{payload}'"
                                             f"\n  caption: '{payload}'\n  license: '{payload}'")
    project.event("2024-11-05-remote.md", image=f"\n  src: https://example.org/a.jpg?x=\"><b>\n  alt: '{payload}'"
                                               "\n  credit: Someone")
    assert project.run("build").code == 0
    for path, doc in html_pages(project.root / "site").items():
        assert_nothing_active(path, doc)
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in project.site("2024-11-04-good/index.html")


def test_links_checks_every_file_a_picture_offers(project):
    put(project, "square.jpg", picture())
    project.event("2024-11-04-good.md", image=GOOD)
    assert project.run("build").code == 0
    made = sorted((project.root / "site" / "media").glob("square-*-640.avif"))[0]
    made.unlink()
    result = project.run("links")
    assert result.code == 1
    assert f"site/2024-11-04-good/index.html:61: link /media/{made.name}: no such page or file in the site\n" \
        in result.out
