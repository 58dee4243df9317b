"""The preview's web server: site/ under its base path, pages sent with the live-reload script, and the
event stream that tells open pages to reload.

The reload script is added to HTML as it is sent, never written into site/.
"""

from __future__ import annotations

import errno
import html
import json
import posixpath
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

LIVE_PREFIX = "/__timeline__/"
RELOAD_SCRIPT = Path(__file__).with_name("live_reload.js")
NOT_BUILT_PAGE = (
    b"<!doctype html><html lang=en><meta charset=utf-8><title>Not built yet</title>"
    b"<body><h1>The site has not been built yet</h1><p>Fix the problems listed below; this page reloads by itself.</p>"
    b"</body></html>"
)


class LiveState:
    """The preview's state that open pages follow: a build number and the current problems."""

    def __init__(self, base_path: str = "/"):
        self._condition = threading.Condition()
        self.version = 0
        self.problems: list[str] = []
        self.base_path = base_path  # what the site is served under: open pages follow a change of it
        self.closed = False

    def publish(self, problems: list[str], changed: bool, base_path: str | None = None) -> None:
        """Record a rebuild's outcome (and the base path it was built for) and wake every waiting page."""
        with self._condition:
            if changed or problems != self.problems:
                self.version += 1
            self.problems = problems
            self.base_path = base_path or self.base_path
            self._condition.notify_all()

    def close(self) -> None:
        """Wake every waiting page so its stream ends."""
        with self._condition:
            self.closed = True
            self._condition.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, list[str], bool]:
        """Return (version, problems, closed) once the version differs from seen or timeout passes."""
        with self._condition:
            self._condition.wait_for(lambda: self.version != seen or self.closed, timeout)
            return self.version, list(self.problems), self.closed

    def message(self) -> bytes:
        """Return the current state as a server-sent event."""
        payload = json.dumps({"version": self.version, "problems": self.problems, "base_path": self.base_path})
        return f"data: {payload}\n\n".encode()


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Serves one folder under a base path, refusing anything outside it; live reload when state is set."""

    # What a request that never says its version is answered as: HTTP/0.9 would send the error page
    # with no status line, and no client of a preview speaks it.
    default_request_version = "HTTP/1.0"

    def __init__(self, *args, directory: str, state: LiveState | None = None, **kwargs):
        self.state = state
        super().__init__(*args, directory=directory, **kwargs)

    @property
    def base_path(self) -> str:
        """Return the path the site is served under: the server's, which the preview changes with the settings."""
        return self.server.base_path

    def log_message(self, format: str, *args) -> None:
        """Keep the terminal quiet: the preview prints only what the author needs."""

    def do_GET(self) -> None:
        """Serve the live-reload endpoints, HTML with the reload script, or a file (for HEAD, their headers)."""
        path = urlsplit(self.path).path
        if self.state is not None and path == LIVE_PREFIX + "reload.js":
            return self._send(HTTPStatus.OK, RELOAD_SCRIPT.read_bytes(), "text/javascript; charset=utf-8")
        if self.state is not None and path == LIVE_PREFIX + "events":
            return self._stream_events()
        if self.state is not None and path.endswith(("/", ".html")):
            file_path = Path(self.translate_path(self.path))
            if file_path.is_dir():
                if not path.endswith("/"):
                    return self._serve_file()  # the stdlib's redirect to the slash form
                file_path = file_path / "index.html"
            if file_path.is_file():
                tag = self._reload_tag()  # before the read: a rebuild in between makes the page reload, not go stale
                return self._send(HTTPStatus.OK, _with_tag(file_path.read_bytes(), tag), "text/html; charset=utf-8")
        return self._serve_file()

    def do_HEAD(self) -> None:
        """Send what GET would, without the body: the same status, type and length."""
        self.do_GET()

    def _serve_file(self) -> None:
        """Serve a file of the site as the standard library does, for GET or HEAD."""
        return super().do_HEAD() if self.command == "HEAD" else super().do_GET()

    def list_directory(self, path):
        """Return None, having answered a folder without index.html with the site's 404 as GitHub Pages does."""
        self.send_error(HTTPStatus.NOT_FOUND)

    def _reload_tag(self) -> bytes:
        """Return the reload script's tag, stamped with the build and base path the page is about to come from.

        The page learns of rebuilds only once its event stream opens; a rebuild that lands before
        that would otherwise look like the state the page was sent in, and the page would stay stale
        (or stay under an old base path).
        """
        version, base_path = self.state.version, self.base_path
        return (f'<script src="{LIVE_PREFIX}reload.js" data-version="{version}" '
                f'data-base="{html.escape(base_path)}" defer></script>\n').encode()

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        """Send a whole response."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _stream_events(self) -> None:
        """Send the preview's state now and after every rebuild, until the page or the server goes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        if self.command == "HEAD":
            return
        seen = -1
        try:
            while True:
                version, _, closed = self.state.wait(seen, timeout=15)
                if closed:
                    return
                if version != seen:
                    self.wfile.write(self.state.message())
                    seen = version
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def translate_path(self, path: str) -> str:
        """Return the file for a URL path; anything outside the site maps to a file that does not exist."""
        decoded = unquote(urlsplit(path).path)
        missing = str(Path(self.directory) / ".not-found")
        if decoded + "/" == self.base_path:
            decoded = self.base_path
        if not decoded.startswith(self.base_path):
            return missing
        inside = decoded[len(self.base_path):]
        if "\x00" in inside or "\\" in inside or any(part == ".." for part in inside.split("/")):
            return missing
        normalised = posixpath.normpath("/" + inside).lstrip("/")
        return str(Path(self.directory, *[p for p in normalised.split("/") if p not in ("", ".")]))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Send the site's own 404 page for missing files."""
        page = Path(self.directory) / "404.html"
        if code == HTTPStatus.NOT_FOUND and page.is_file():
            body = page.read_bytes()
        elif code == HTTPStatus.NOT_FOUND and self.state is not None:
            body = NOT_BUILT_PAGE  # no site yet: the overlay will say why
        else:
            return super().send_error(code, message, explain)
        if self.state is not None:
            body = _with_tag(body, self._reload_tag())
        self._send(code, body, "text/html; charset=utf-8")

    def end_headers(self) -> None:
        """Ask browsers not to cache pages, so a preview always shows the latest build.

        Assets named with their content's version (style.css?v=...) change address when
        they change, so those may be kept, which makes each reload lighter.
        """
        # A request line too long or malformed is refused before it gives a path.
        versioned = "v=" in urlsplit(getattr(self, "path", "")).query
        self.send_header("Cache-Control", "max-age=31536000, immutable" if versioned else "no-store")
        super().end_headers()


def _with_tag(page: bytes, tag: bytes) -> bytes:
    """Return page with tag added before </body>."""
    index = page.rfind(b"</body>")
    return page[:index] + tag + page[index:] if index >= 0 else page + tag


def make_server(directory: Path, base_path: str, host: str = "127.0.0.1", port: int = 0,
                state: LiveState | None = None) -> ThreadingHTTPServer:
    """Return a server for directory under base_path (port 0 picks a free port)."""
    handler = partial(SiteRequestHandler, directory=str(directory), state=state)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.base_path = base_path
    return server


class CannotListen(Exception):
    """The preview cannot take the address it was asked to listen on."""


_LISTEN_HINTS = {
    errno.EADDRINUSE: "is another preview still running? Stop it, or give another port: --port 8001 "
                      "(--port 0 picks a free one)",
    errno.EACCES: "ports below 1024 need special rights: give --port 8000 or higher",
    errno.EADDRNOTAVAIL: "this machine has no such address: give --host 127.0.0.1",
}


def listen(directory: Path, base_path: str, host: str, port: int, state: LiveState) -> ThreadingHTTPServer:
    """Return a server bound to host and port for the preview, or raise CannotListen saying why and what to try."""
    try:
        return make_server(directory, base_path, host, port, state)
    except OSError as error:
        raise CannotListen(f"cannot listen on {host}:{port}: {error.strerror}; "
                           + _LISTEN_HINTS.get(error.errno, "try another --host or --port")) from None
