"""Pictures in the exports (events.json and its schema, TimelineJS's JSON and CSV, the Atom feed), read back by
import byte for byte, and `new --image`, which copies a picture into media/ and writes its lines."""

from __future__ import annotations

import csv
import io
import json
import shutil

import feedparser
import jsonschema
import pytest
from PIL import Image

from tests.conftest import Project
from tests.test_site import tree_digest
from timeline.exports.timelinejs import CSV_COLUMNS

LOCAL = "2024-11-04-kremlin"
REMOTE = "2024-11-07-warning"
PLAIN = "2024-11-08-plain"
LOCAL_IMAGE = ("\n  src: media/kremlin.jpg\n  alt: Putin & Choe <shake hands>\n  credit: Kremlin press service & co"
               "\n  caption: The meeting, \"4 November\"\n  license: CC BY 4.0")
REMOTE_IMAGE = "\n  src: https://example.org/pictures/rutte.png\n  alt: Mark Rutte speaks\n  credit: NATO"
SITE_URL = "https://example.org/t/"


def picture_bytes(width: int = 1600, height: int = 900, colour=(180, 40, 40), kind: str = "JPEG") -> bytes:
    """Return the bytes of a plain picture made with Pillow."""
    data = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(data, kind)
    return data.getvalue()


def with_pictures(project: Project, url: str = "") -> Project:
    """Write an event with a picture in media/, one with an https:// picture and one without; set the site's url."""
    (project.root / "media").mkdir(exist_ok=True)
    (project.root / "media" / "kremlin.jpg").write_bytes(picture_bytes())
    project.event(f"{LOCAL}.md", title="Putin meets Choe", image=LOCAL_IMAGE)
    project.event(f"{REMOTE}.md", title="NATO chief warns", image=REMOTE_IMAGE)
    project.event(f"{PLAIN}.md", title="No picture")
    if url:
        config = project.root / "timeline.toml"
        config.write_text(config.read_text().replace('url = ""', f'url = "{url}"'))
    return project


def built(project: Project) -> Project:
    """Build the project, failing the test on any problem."""
    result = project.run("build")
    assert result.code == 0, result.out + result.err
    return project


def by_id(items: list[dict], key: str) -> dict[str, dict]:
    """Return the items of an export by the event id under key."""
    return {item[key]: item for item in items}


@pytest.fixture
def site_with_url(project):
    return built(with_pictures(project, SITE_URL))


@pytest.fixture
def site_without_url(project):
    return built(with_pictures(project))


def test_events_json_holds_each_picture_as_written(site_with_url):
    records = by_id(json.loads(site_with_url.site("events.json"))["events"], "id")
    assert records[LOCAL]["image"] == {
        "src": "media/kremlin.jpg", "alt": "Putin & Choe <shake hands>", "credit": "Kremlin press service & co",
        "caption": 'The meeting, "4 November"', "license": "CC BY 4.0"}
    assert records[REMOTE]["image"] == {"src": "https://example.org/pictures/rutte.png", "alt": "Mark Rutte speaks",
                                        "credit": "NATO"}
    assert "image" not in records[PLAIN]
    assert list(records[LOCAL]).index("image") == list(records[LOCAL]).index("status") + 1  # fields' order


def test_events_json_with_pictures_validates_against_its_schema(site_with_url):
    site = site_with_url.root / "site"
    schema = json.loads((site / "schema" / "events.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((site / "events.json").read_text())
    jsonschema.validate(data, schema)
    record = by_id(data["events"], "id")[LOCAL]
    for bad in ({"src": "../secret.jpg", "alt": "A", "credit": "B"}, {"src": "http://example.org/a.jpg", "alt": "A",
                "credit": "B"}, {"src": "media/a.jpg", "credit": "B"}, {"src": "media/a.jpg", "alt": "A"},
                {"src": "media/a.jpg", "alt": "A", "credit": "B", "width": 3}, "media/a.jpg"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**data, "events": [{**record, "image": bad}]}, schema)


def test_the_event_schema_takes_a_picture_as_the_front_matter_writes_it(site_with_url):
    schema = json.loads((site_with_url.root / "site" / "schema" / "event.json").read_text())
    good = {"title": "T", "date": "2024-11-04", "sources": [{"title": "S", "publisher": "P", "published": "2024"}]}
    jsonschema.validate({**good, "image": {"src": "media/a.jpg", "alt": "A", "credit": "B"}}, schema)
    jsonschema.validate({**good, "image": {"src": "https://example.org/a.jpg", "alt": "A", "credit": "B",
                                           "caption": "C", "license": "CC0"}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "image": {"src": "pictures/a.jpg", "alt": "A", "credit": "B"}}, schema)
    assert schema["properties"]["image"]["required"] == ["src", "alt", "credit"]


@pytest.mark.parametrize("url", ["", SITE_URL])
def test_events_json_then_import_then_build_is_byte_identical_with_pictures(project, tmp_path, url):
    built(with_pictures(project, url))
    copy = Project(tmp_path / "copy")
    shutil.copy(project.root / "timeline.toml", copy.root / "timeline.toml")
    shutil.copytree(project.root / "media", copy.root / "media")  # the pictures travel with the project
    exported = tmp_path / "events.json"
    shutil.copy(project.root / "site" / "events.json", exported)
    result = copy.run("import", str(exported))
    assert result.code == 0, result.out
    assert "image:\n  src: media/kremlin.jpg\n" in (copy.root / "events" / f"{LOCAL}.md").read_text()
    built(copy)
    assert tree_digest(copy.root / "site") == tree_digest(project.root / "site")


def made_file(project: Project, width: int) -> str:
    """Return the site path of the WebP file made of media/kremlin.jpg at a width (the only one of that width)."""
    found = sorted((project.root / "site" / "media").glob(f"kremlin-*-{width}.webp"))
    assert len(found) == 1, found
    return found[0].relative_to(project.root / "site").as_posix()


def test_a_timelinejs_slide_carries_its_picture_at_a_full_address(site_with_url):
    slides = by_id(json.loads(site_with_url.site("timelinejs.json"))["events"], "unique_id")
    assert slides[LOCAL]["media"] == {
        "url": SITE_URL + made_file(site_with_url, 1280), "thumbnail": SITE_URL + made_file(site_with_url, 320),
        # caption and credit are HTML to TimelineJS; alt is set as a property, so it stays plain text
        "caption": 'The meeting, "4 November"', "credit": "Kremlin press service &amp; co (CC BY 4.0)",
        "alt": "Putin & Choe <shake hands>"}
    assert slides[REMOTE]["media"] == {"url": "https://example.org/pictures/rutte.png", "credit": "NATO",
                                       "alt": "Mark Rutte speaks"}
    assert "media" not in slides[PLAIN]


def test_without_the_site_url_a_slide_gives_its_picture_under_the_base_path(site_without_url):
    media = by_id(json.loads(site_without_url.site("timelinejs.json"))["events"], "unique_id")[LOCAL]["media"]
    assert media["url"] == "/" + made_file(site_without_url, 1280)
    assert media["thumbnail"] == "/" + made_file(site_without_url, 320)


def test_a_smaller_picture_is_given_at_its_own_width(project):
    (project.root / "media").mkdir()
    (project.root / "media" / "kremlin.jpg").write_bytes(picture_bytes(500, 300))
    project.event(f"{LOCAL}.md", image=LOCAL_IMAGE)
    built(project)
    media = json.loads(project.site("timelinejs.json"))["events"][0]["media"]
    assert (media["url"], media["thumbnail"]) == ("/" + made_file(project, 500), "/" + made_file(project, 320))


def test_the_csv_fills_timelinejs_media_columns(site_with_url):
    rows = list(csv.reader(io.StringIO(site_with_url.site("events.csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_headline = {row[9]: dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]}
    local, remote, plain = by_headline["Putin meets Choe"], by_headline["NATO chief warns"], by_headline["No picture"]
    assert (local["Media"], local["Media Credit"], local["Media Caption"], local["Media Thumbnail"]) == (
        SITE_URL + made_file(site_with_url, 1280), "Kremlin press service &amp; co (CC BY 4.0)",
        'The meeting, "4 November"', SITE_URL + made_file(site_with_url, 320))
    assert (remote["Media"], remote["Media Credit"], remote["Media Caption"], remote["Media Thumbnail"]) == (
        "https://example.org/pictures/rutte.png", "NATO", "", "")
    assert (plain["Media"], plain["Media Credit"], plain["Media Caption"]) == ("", "", "")


def test_a_credit_that_would_start_a_formula_is_guarded_in_the_csv(project):
    project.event(f"{REMOTE}.md", image="\n  src: https://example.org/a.jpg\n  alt: A\n  credit: \"=HYPERLINK(1)\"")
    built(project)
    rows = list(csv.DictReader(io.StringIO(project.site("events.csv"))))
    assert rows[0]["Media Credit"] == "'=HYPERLINK(1)"


def enclosures(project: Project) -> dict[str, list]:
    """Return each feed entry's enclosures by the entry's title, as feedparser reads them."""
    feed = feedparser.parse((project.root / "site" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return {entry.title: [(link.href, link.get("type")) for link in entry.links if link.rel == "enclosure"]
            for entry in feed.entries}


def test_the_feed_gives_each_picture_as_an_enclosure(site_with_url):
    assert enclosures(site_with_url) == {
        "Putin meets Choe": [(SITE_URL + made_file(site_with_url, 1280), "image/webp")],
        "NATO chief warns": [("https://example.org/pictures/rutte.png", "image/png")],
        "No picture": [],
    }
    assert 'title="Putin &amp; Choe &lt;shake hands&gt;"/>' in site_with_url.site("feed.xml")


def test_without_the_site_url_the_feed_leaves_out_a_local_picture(site_without_url):
    # a feed reader needs a full address; an https:// picture has one of its own
    assert enclosures(site_without_url) == {
        "Putin meets Choe": [], "NATO chief warns": [("https://example.org/pictures/rutte.png", "image/png")],
        "No picture": []}


# `new --image`

SOURCE_OPTIONS = ("--source-title", "A story", "--publisher", "WION", "--published", "2024-11-07")
NAME = "2024-11-04-putin-meets-choe"


def new(project: Project, *options: str):
    """Run `new` for the same event with a source and the options given."""
    return project.run("new", "Putin meets Choe", "--date", "2024-11-04", *SOURCE_OPTIONS, *options)


def given_picture(tmp_path, name: str = "Kremlin Photo.JPG", **kwargs) -> str:
    """Write a picture outside the project and return its path."""
    path = tmp_path / name
    path.write_bytes(picture_bytes(**kwargs))
    return str(path)


def test_new_copies_the_picture_into_media_and_writes_its_lines(project, tmp_path):
    result = new(project, "--image", given_picture(tmp_path), "--alt", "Putin and Choe  shake hands",
                 "--credit", "Kremlin press service", "--caption", "In the Kremlin", "--license", "CC BY 4.0")
    assert (result.code, result.out) == (0, f"events/{NAME}.md\n")
    assert result.err == f"Copied the picture to media/{NAME}.jpg; add it in the same commit as the event.\n"
    assert (project.root / "media" / f"{NAME}.jpg").read_bytes() == (tmp_path / "Kremlin Photo.JPG").read_bytes()
    text = (project.root / "events" / f"{NAME}.md").read_text()
    assert (f"\nimage:\n  src: media/{NAME}.jpg\n  alt: Putin and Choe shake hands\n  credit: Kremlin press service\n"
            "  caption: In the Kremlin\n  license: CC BY 4.0\n") in text
    assert project.run("check").out == "Checked 1 file: no problems.\n"
    built(project)
    assert 'alt="Putin and Choe shake hands"' in project.site(f"{NAME}/index.html")


def test_new_never_overwrites_a_different_picture_and_reuses_the_same_one(project, tmp_path):
    (project.root / "media").mkdir()
    other = picture_bytes(colour=(0, 0, 200))
    (project.root / "media" / f"{NAME}.png").write_bytes(other)
    result = new(project, "--image", given_picture(tmp_path, "shot.PNG", kind="PNG"), "--alt", "A", "--credit", "B")
    assert result.err.startswith(f"Copied the picture to media/{NAME}-2.png;")
    assert (project.root / "media" / f"{NAME}.png").read_bytes() == other
    (project.root / "events" / f"{NAME}.md").unlink()
    again = new(project, "--image", str(tmp_path / "shot.PNG"), "--alt", "A", "--credit", "B")
    assert (again.code, again.err) == (0, f"The picture is already in media/{NAME}-2.png; add it in the same commit "
                                          "as the event.\n")
    assert sorted(p.name for p in (project.root / "media").iterdir()) == [f"{NAME}-2.png", f"{NAME}.png"]
    assert f"  src: media/{NAME}-2.png\n" in (project.root / "events" / f"{NAME}.md").read_text()


def test_new_names_a_picture_without_an_extension_by_its_format(project, tmp_path):
    result = new(project, "--image", given_picture(tmp_path, "picture", kind="WEBP"), "--alt", "A", "--credit", "B")
    assert result.err.startswith(f"Copied the picture to media/{NAME}.webp;")


@pytest.mark.parametrize(("make", "options", "message"), [
    (None, ("--image", "{tmp}/missing.jpg", "--alt", "A", "--credit", "B"),
     "error: --image: {tmp}/missing.jpg: no such file\n"),
    (b"not a picture", ("--image", "{tmp}/given.jpg", "--alt", "A", "--credit", "B"),
     "error: --image: {tmp}/given.jpg is not a picture this tool reads (JPEG, PNG, WebP, GIF, AVIF): save it in one "
     "of those formats\n"),
    ("cut", ("--image", "{tmp}/given.jpg", "--alt", "A", "--credit", "B"),
     "error: --image: {tmp}/given.jpg is damaged or cut short: save or export it again from the original\n"),
    ("good", ("--image", "{tmp}/given.jpg"),
     "error: --image needs --alt (what the picture shows, for readers who cannot see it) and --credit (who took or "
     "owns the picture)\n"),
    ("good", ("--image", "{tmp}/given.jpg", "--alt", "A", "--credit", " "),
     "error: --image needs --credit (who took or owns the picture)\n"),
    (None, ("--alt", "A", "--caption", "C"),
     "error: --alt, --caption describe a picture: give the picture too, with --image FILE\n"),
])
def test_new_refuses_a_picture_it_cannot_use_and_writes_nothing(project, tmp_path, make, options, message):
    given = tmp_path / "given.jpg"
    if make is not None:
        data = make if isinstance(make, bytes) else picture_bytes()
        given.write_bytes(data[: len(data) // 2] if make == "cut" else data)
    result = new(project, *(option.replace("{tmp}", str(tmp_path)) for option in options))
    assert (result.code, result.out, result.err) == (1, "", message.replace("{tmp}", str(tmp_path)))
    assert list((project.root / "events").iterdir()) == []
    assert not (project.root / "media").exists()


def test_new_copies_no_picture_for_an_event_it_does_not_write(project, tmp_path):
    new(project)
    result = new(project, "--image", given_picture(tmp_path), "--alt", "A", "--credit", "B")
    assert result.code == 1 and "already exists" in result.err
    assert not (project.root / "media").exists()
