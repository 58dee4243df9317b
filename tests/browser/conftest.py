"""Real-browser fixtures: Debian's Chromium driven by Playwright, and built sites served from 127.0.0.1.

Without /usr/bin/chromium or the playwright package these tests are skipped with the reason,
except when CI=true: there a missing browser fails them, so CI can never pass without running them.
Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import REPO, Project, run_cli

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "tests" / "artifacts"
VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def unavailable(reason: str) -> None:
    """Skip the test for a missing browser, or fail it when CI=true."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true, so the browser tests must run (install chromium and playwright)",
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Return a headless Chromium for the whole session."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        unavailable(f"no browser at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -r requirements-dev.txt)")
    manager = sync_playwright().start()
    try:
        chromium = manager.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
    except Exception as error:  # a browser that is there but will not start
        manager.stop()
        unavailable(f"{CHROMIUM} did not start: {error}")
    yield chromium
    chromium.close()
    manager.stop()


class ServedSite:
    """A built site served over HTTP on 127.0.0.1 under a base path."""

    def __init__(self, root: Path, base_path: str):
        from timeline.serve.http import make_server

        self.root = root
        self.base_path = base_path
        self.server = make_server(root / "site", base_path, port=0)
        self.thread = threading.Thread(target=self.server.serve_forever, name="browser-test-site", daemon=True)
        self.thread.start()

    def url(self, path: str = "") -> str:
        """Return the full address of a site path."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{self.base_path}{path}"

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def serve_seed(root: Path, base_path: str) -> ServedSite:
    """Build the repository's seed events under base_path in root and serve them."""
    project = Project(root)
    for path in sorted((REPO / "events").glob("*.md")):
        shutil.copy(path, project.root / "events" / path.name)
    result = run_cli(["build", "--root", str(project.root), "--base-url", base_path])
    assert result.code == 0, result.err
    return ServedSite(project.root, base_path)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory):
    """Return the seed events' site served under /timeline/, as on GitHub project pages."""
    site = serve_seed(tmp_path_factory.mktemp("browser") / "project", "/timeline/")
    yield site
    site.close()


@pytest.fixture(scope="session")
def root_site(tmp_path_factory):
    """Return the seed events' site served at the root path /."""
    site = serve_seed(tmp_path_factory.mktemp("browser-root") / "project", "/")
    yield site
    site.close()


@pytest.fixture(params=[(device, scheme) for device in VIEWPORTS for scheme in ("light", "dark")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def view(request, browser):
    """Return (page, device, scheme) for each viewport in each color scheme; the page reports its errors."""
    device, scheme = request.param
    context = browser.new_context(viewport=VIEWPORTS[device], color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    page.problems = []
    expected_404 = "/no-such-page"  # the one address the tests ask for to see the 404 page

    def console(message):
        if message.type == "error" and not (message.text.endswith("404 (Not Found)") and expected_404 in page.url):
            page.problems.append(f"console: {message.text}")

    def failed(request):
        # a request cut short because the test moved on to the next page is not the site's fault
        if request.failure != "net::ERR_ABORTED":
            page.problems.append(f"request failed: {request.url}: {request.failure}")

    page.on("console", console)
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    page.on("requestfailed", failed)
    page.on("response", lambda response: response.status >= 400 and expected_404 not in response.url
            and page.problems.append(f"{response.status}: {response.url}"))
    yield page, device, scheme
    context.close()


@pytest.fixture
def shot():
    """Return a function that saves a full-page screenshot to tests/artifacts/NAME.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


LONG_EVENT = """---
title: Supercalifragilisticexpialidocious-Donaudampfschifffahrtsgesellschaftskapitän-https://example.org/a/very/long/path
date: 2024-07-01
actors: [Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch Town Council]
location: Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch
tags: [averyveryveryverylongtagwithoutanyspacesatallinit]
sources:
  - title: https://example.org/averyveryveryverylongurlwithoutanyspacesatallinitanditgoesonandon
    publisher: Averyveryveryverylongpublishernamewithoutanyspaces
    published: 2024-07-02
    url: https://example.org/averyveryveryverylongurlwithoutanyspacesatallinitanditgoesonandon
    quote: Averyveryveryverylongquotedwordwithoutanyspacesatallinitanditgoesonandonandon
---
https://example.org/averyveryveryverylongurlwithoutanyspacesatallinitanditgoesonandonandonandon

| a | b | c | d | e | f | g |
|---|---|---|---|---|---|---|
| longcellcontent | longcellcontent | longcellcontent | longcellcontent | x | y | z |

```
some very long code line that should scroll horizontally inside its own box and not the page
```
"""


@pytest.fixture(scope="session")
def long_site(tmp_path_factory):
    """Return a site with unbreakable words, a wide table, a long code line and many years, under /timeline/."""
    project = Project(tmp_path_factory.mktemp("browser-long") / "project")
    project.write("2024-07-01-long.md", LONG_EVENT, dedent=False)
    for year in range(1990, 2024):
        project.event(f"{year}-06-01-year-{year}.md", title=f"Event of {year} with a headline that wraps on phones",
                      tags=f"[t{year % 5}]")
    result = run_cli(["build", "--root", str(project.root), "--base-url", "/timeline/"])
    assert result.code == 0, result.err
    site = ServedSite(project.root, "/timeline/")
    yield site
    site.close()
