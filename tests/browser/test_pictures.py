"""Pictures in the browser: an event's figure with its alt, caption, credit and licence, the AVIF the browser
chooses, its box reserved before it loads (nothing moves), lazy and async; thumbnails on the timeline; an https://
picture that cannot load still holding its box and its alt; on a phone and a desktop in light and dark, axe clean.

The https:// picture: these tests run offline, so every https:// request is aborted by the browser context (as a
reader without that site would see it). The one console error allowed is that picture's failed load; anything
else the page logs is a failure."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import ServedSite
from tests.browser.test_finder import axe_violations
from tests.conftest import Project, run_cli

REMOTE_SRC = "https://pictures.example.org/2024/harbour.jpg"
# name: (size, format, mode); a JPEG wider than 1280, a PNG narrower than 320, a portrait, a PNG with transparency
PICTURES = {
    "kremlin-hall.jpg": ((2400, 1600), "JPEG", "RGB"),
    "harbour-cranes.jpg": ((1600, 900), "JPEG", "RGB"),
    "small-seal.png": ((240, 180), "PNG", "RGB"),
    "tall-tower.jpg": ((900, 1350), "JPEG", "RGB"),
    "cut-out-map.png": ((800, 600), "PNG", "RGBA"),
}
WIDE, SMALL, PORTRAIT, CUTOUT = "2024-11-04-a-meeting", "2024-11-06-a-seal", "2024-11-07-a-tower", "2024-11-08-a-map"
EVENTS = {  # event id: (picture, alt, caption, licence)
    WIDE: ("kremlin-hall.jpg", "Two delegations shake hands in a hall with gilded columns",
           "The meeting in the Kremlin, 4 November 2024", "CC BY 4.0"),
    "2024-11-05-the-harbour": ("harbour-cranes.jpg", "Cranes over a harbour at dusk", "", ""),
    SMALL: ("small-seal.png", "A round wax seal on a letter", "The seal on the treaty", "Public domain"),
    PORTRAIT: ("tall-tower.jpg", "A radio tower against the sky", "", "CC BY-SA 4.0"),
    CUTOUT: ("cut-out-map.png", "A map of the coast with the harbour marked", "Where the ships were seen", ""),
}
REMOTE = "2024-11-09-a-remote-picture"
LONG_CREDIT = "Hydrographic Survey Office of the Northern Coastal Administration, Archive Collection"  # on CUTOUT


def drawn_picture(size: tuple[int, int], mode: str, seed: int):
    """Return a picture with something to see: a diagonal gradient, circles, bars and a frame (not flat colour)."""
    from PIL import Image, ImageDraw

    width, height = size
    gradient = Image.linear_gradient("L").resize(size).rotate(30 + seed * 40, expand=False, fillcolor=128)
    image = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
                                Image.new("L", size, 60 + seed * 35)))
    if mode == "RGBA":  # transparent around an oval: the page's background shows at the corners
        alpha = Image.new("L", size, 0)
        ImageDraw.Draw(alpha).ellipse((width // 10, height // 10, width * 9 // 10, height * 9 // 10), fill=255)
        image.putalpha(alpha)
    draw = ImageDraw.Draw(image)
    for k in range(6):
        r = min(size) // (4 + k)
        x, y = width * (k + 1) // 7, height // 2 + (k % 2 * 2 - 1) * height // 6
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(40 * k, 200 - 30 * k, 120 + 20 * k, 255), outline="white",
                     width=max(1, r // 10))
    for k in range(0, width, max(8, width // 24)):
        draw.rectangle((k, height - height // 10, k + max(4, width // 48), height), fill=(20, 20, 20, 255))
    draw.rectangle((0, 0, width - 1, height - 1), outline=(250, 220, 40, 255), width=max(2, width // 200))
    return image


def write_pictures(root) -> None:
    """Write PICTURES into the project's media/ folder."""
    media = root / "media"
    media.mkdir()
    for seed, (name, (size, kind, mode)) in enumerate(PICTURES.items()):
        drawn_picture(size, mode, seed).save(media / name, kind, **({"quality": 88} if kind == "JPEG" else {}))


def image_lines(src: str, alt: str, caption: str = "", license: str = "", credit: str = "Ann Example") -> str:
    """Return an event's image: front matter (the lines after 'image:')."""
    lines = f"\n  src: {src}\n  alt: {alt}\n  credit: {credit}"
    return lines + (f"\n  caption: {caption}" if caption else "") + (f"\n  license: {license}" if license else "")


@pytest.fixture(scope="module")
def picture_site(tmp_path_factory):
    """Return a site with five local pictures of every shape and one https:// picture, served under /timeline/."""
    project = Project(tmp_path_factory.mktemp("browser-pictures") / "project")
    write_pictures(project.root)
    for event, (name, alt, caption, license) in EVENTS.items():
        project.event(f"{event}.md", title=f"An event with {alt[0].lower()}{alt[1:]}", tags="[harbours]",
                      image=image_lines(f"media/{name}", alt, caption, license,
                                        LONG_CREDIT if event == CUTOUT else "Ann Example"))
    project.event(f"{REMOTE}.md", title="A picture from another site", tags="[harbours]",
                  image=image_lines(REMOTE_SRC, "A ferry leaving the harbour", credit="Port Authority"))
    project.event("2024-11-10-no-picture.md", title="An event without a picture", tags="[harbours]")
    result = run_cli(["build", "--root", str(project.root), "--base-url", "/timeline/"])
    assert result.code == 0, result.err
    site = ServedSite(project.root, "/timeline/")
    yield site
    site.close()


@pytest.fixture
def offline(browser):
    """Return a function making a page at a viewport and colour scheme where https:// requests fail (as offline);
    page.problems lists script errors, console errors but the https:// picture's failed load, and failed requests
    of the site's own files."""
    contexts = []

    def make(device: str = "desktop", scheme: str = "light"):
        size = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}[device]
        context = browser.new_context(viewport=size, color_scheme=scheme, reduced_motion="reduce", bypass_csp=True)
        context.route("https://**/*", lambda route: route.abort("internetdisconnected"))
        contexts.append(context)
        page = context.new_page()
        page.problems = []

        def console(message):
            if message.type == "error" and message.location.get("url") != REMOTE_SRC:
                page.problems.append(f"console: {message.text} ({message.location.get('url')})")

        page.on("console", console)
        page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
        page.on("requestfailed", lambda request: request.url != REMOTE_SRC and request.failure != "net::ERR_ABORTED"
                and page.problems.append(f"request failed: {request.url}: {request.failure}"))
        page.on("response", lambda response: response.status >= 400
                and page.problems.append(f"{response.status}: {response.url}"))
        return page

    yield make
    for context in contexts:
        context.close()


LOADED = """img => img.complete && img.naturalWidth > 0"""
PAGE_TOP = "e => e.getBoundingClientRect().top + window.scrollY"
BOX = """img => { const r = img.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; }"""


def wait_loaded(page, selector: str) -> None:
    """Scroll each image the selector finds into view and wait until it has loaded (lazy images load when near)."""
    for img in page.locator(selector).all():
        img.scroll_into_view_if_needed()
        page.wait_for_function(f"(img) => ({LOADED})(img)", arg=img.element_handle(), timeout=10_000)


def figure_facts(page) -> dict:
    """Return what the event page's figure says and how its <img> is set up."""
    img = page.locator("figure.event-picture img")
    return {"alt": img.get_attribute("alt"), "loading": img.get_attribute("loading"),
            "decoding": img.get_attribute("decoding"), "width": img.get_attribute("width"),
            "height": img.get_attribute("height"),
            "caption": page.locator("figure.event-picture figcaption").inner_text()}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_an_event_page_shows_its_picture_with_alt_caption_credit_and_licence(offline, picture_site, shot, device,
                                                                             scheme):
    page = offline(device, scheme)
    page.goto(picture_site.url(f"{WIDE}/"))
    wait_loaded(page, "figure.event-picture img")
    assert figure_facts(page) == {
        "alt": "Two delegations shake hands in a hall with gilded columns", "loading": "lazy", "decoding": "async",
        "width": "1280", "height": "853",  # the widest file made of a 2400 × 1600 picture
        "caption": "The meeting in the Kremlin, 4 November 2024\nPicture: Ann Example (CC BY 4.0)"}
    img = page.locator("figure.event-picture img")
    current = img.evaluate("img => img.currentSrc")
    assert current.endswith(".avif") and "/timeline/media/kremlin-hall-" in current  # Chromium takes the AVIF
    width, height = img.evaluate(BOX)
    text_width = page.locator("figure.event-picture figcaption").evaluate("e => e.getBoundingClientRect().width")
    assert abs(width - text_width) <= 1 and abs(height - width * 1600 / 2400) <= 1  # the text's width, its shape
    if device == "phone":  # the browser picks the smallest file that fills the box at the screen's density
        assert current.endswith(f"-{640 if width > 320 else 320}.avif")
    else:
        assert current.endswith("-1280.avif")
    shot(page, f"pictures-event-{device}-{scheme}")
    page.goto(picture_site.url(f"{CUTOUT}/"))  # a transparent PNG, and a credit longer than a phone's line
    wait_loaded(page, "figure.event-picture img")
    assert page.locator("figure.event-picture figcaption").inner_text() == \
        f"Where the ships were seen\nPicture: {LONG_CREDIT}"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
    shot(page, f"pictures-transparent-{device}-{scheme}")
    assert page.problems == []


def test_the_box_is_reserved_before_the_picture_loads_and_nothing_moves(offline, picture_site):
    page = offline("phone", "light")
    held = []
    page.route("**/media/*", lambda route: held.append(route))  # the pictures' files wait until the test lets them through
    page.goto(picture_site.url(f"{PORTRAIT}/"), wait_until="domcontentloaded")
    page.evaluate("""() => { window.shifts = 0; new PerformanceObserver(list => list.getEntries().forEach(
        e => { if (!e.hadRecentInput) window.shifts += e.value; })).observe({type: 'layout-shift', buffered: true}); }""")
    img = page.locator("figure.event-picture img")
    assert img.evaluate("img => img.naturalWidth") == 0  # not loaded yet
    before = img.evaluate(BOX)
    facts = page.locator(".event-facts")
    below = facts.evaluate(PAGE_TOP)
    # Only what the pictures' arrival moves counts: the page's own script may still show its Copy link button.
    page.wait_for_timeout(300)
    page.evaluate("window.shifts = 0")
    for route in held:
        route.continue_()
    page.unroute("**/media/*")
    wait_loaded(page, "figure.event-picture img")
    assert before[1] > 0 and before == img.evaluate(BOX)  # the same box before and after the file came
    assert abs(before[1] - before[0] * 1350 / 900) <= 1  # the portrait's shape
    assert facts.evaluate(PAGE_TOP) == below  # what follows the picture is where it was
    assert page.evaluate("window.shifts") == 0
    assert page.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_timeline_shows_a_thumbnail_beside_each_entry_with_a_picture(offline, picture_site, shot, device, scheme):
    page = offline(device, scheme)
    page.goto(picture_site.url())
    with_thumb = page.eval_on_selector_all("#timeline li.event:has(.event-body img.event-thumb)", "ls => ls.map(l => l.id)")
    assert with_thumb == [*EVENTS, REMOTE]  # the event without a picture has none
    wait_loaded(page, "#timeline .event-body img.event-thumb:not(.remote)")
    thumbs = page.locator("#timeline .event-body img.event-thumb:not(.remote)")
    for img in thumbs.all():
        assert img.get_attribute("loading") == "lazy" and img.get_attribute("decoding") == "async"
        assert img.evaluate("img => img.currentSrc").endswith(".avif")
        width, height = img.evaluate(BOX)
        natural = img.evaluate("img => img.naturalHeight / img.naturalWidth")
        assert width == 96 and abs(height - min(width * natural, 96)) <= 1  # 6rem wide, its shape; at most square
    chosen = page.eval_on_selector_all("#timeline img.event-thumb:not(.remote)",
                                       "imgs => imgs.map(img => img.currentSrc.split('-').pop())")
    assert chosen == ["320.avif", "320.avif", "240.avif", "320.avif", "320.avif"]  # the small one is never widened
    title = page.locator(f"[id='{WIDE}'] .event-title a").evaluate(
        "a => Math.max(...[...a.getClientRects()].map(r => r.right))")  # the right end of its longest line
    thumb = page.locator(f"[id='{WIDE}'] img.event-thumb").evaluate("e => e.getBoundingClientRect().left")
    assert title <= thumb + 1  # the title wraps beside the thumbnail, never under it
    shot(page, f"pictures-timeline-{device}-{scheme}")
    assert page.problems == []


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_an_https_picture_that_cannot_load_keeps_its_box_and_its_alt(offline, picture_site, shot, device):
    page = offline(device, "light")
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(picture_site.url(f"{REMOTE}/"))
    img = page.locator("figure.event-picture img")
    page.wait_for_function("() => document.querySelector('figure.event-picture img').complete")
    assert failed == [REMOTE_SRC] and img.evaluate("img => img.naturalWidth") == 0
    assert img.get_attribute("src") == REMOTE_SRC and img.get_attribute("alt") == "A ferry leaving the harbour"
    assert img.get_attribute("referrerpolicy") == "no-referrer"
    width, height = img.evaluate(BOX)
    assert width > 300 and abs(height - width * 2 / 3) <= 1  # the 3:2 box the style sheet gives it
    assert page.locator("figure.event-picture figcaption").inner_text() == "Picture: Port Authority"
    shot(page, f"pictures-remote-{device}")
    assert page.problems == []  # the failed load is the only error, and it is allowed


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_pages_with_pictures(offline, picture_site, scheme):
    page = offline("desktop", scheme)
    checked = {}
    for name, path in [("timeline", ""), ("event", f"{WIDE}/"), ("transparent", f"{CUTOUT}/"),
                       ("remote", f"{REMOTE}/"), ("tag", "tags/harbours/")]:
        page.goto(picture_site.url(path))
        checked[name] = axe_violations(page)
    assert checked == {name: [] for name in checked}, json.dumps(checked, indent=1)
    assert page.problems == []
