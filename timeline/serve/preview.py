"""The local preview: serves site/ under the base path, rebuilds on change, reloads open pages.

The reload script is added to HTML as it is sent, never written into site/.
A failed rebuild keeps the last good site and shows its problems over the page.
"""

from __future__ import annotations

import errno
import gc
import html
import json
import os
import posixpath
import signal
import sys
import threading
import time
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from timeline.folders import CONFIG_FILE, EVENTS_DIR, OUTPUT_DIR, TEMPLATES_DIR

LIVE_PREFIX = "/__timeline__/"
WATCH_TIMEOUT_MS = 200
SETTLE = 0.05  # seconds timeline.toml must keep still before it is read: see _settled
EXPORT_DELAY = 0.5
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

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
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


class Preview:
    """Builds, serves and rebuilds on change: the engine behind `build.py serve`."""

    def __init__(self, builder, host: str = "127.0.0.1", port: int = 8000, log=None):
        self.builder = builder
        self._say = log or (lambda text: print(text, file=sys.stderr, flush=True))
        # The watcher and the exporter speak from their threads: once serve says "Stopped.", they must not.
        self._say_lock = threading.Lock()
        self._quiet = False
        self.stop_event = threading.Event()
        self.watching = threading.Event()
        # The watcher rebuilds and the exporter writes the deferred exports, one file at a
        # time, each holding the lock; an edit raises edit_pending so the exporter yields.
        self.lock = threading.Lock()
        self.edit_pending = threading.Event()
        self.exports_due = threading.Event()
        # The rebuilds need a first build in memory (seconds at 10,000 events). When site/ is
        # what the inputs make now, it is served as it is meanwhile: see start_watching().
        # Its fingerprint is kept until that first build replaces it.
        self.served_as_it_was = builder.current_fingerprint()
        builder.read_settings()  # the base path the site is served under
        self.state = LiveState(builder.base_path)
        # Bound before any build, so that a port in use is said at once, not after one.
        try:
            self.server = make_server(builder.root / OUTPUT_DIR, builder.base_path, host, port, self.state)
        except OSError as error:
            raise CannotListen(f"cannot listen on {host}:{port}: {error.strerror}; "
                               + _LISTEN_HINTS.get(error.errno, "try another --host or --port")) from None
        if self.served_as_it_was is None:
            try:
                self._first_build(initial=True)
            except BaseException:
                self.server.server_close()
                raise
        self.watcher = threading.Thread(target=self._watch, name="timeline-watch", daemon=True)
        self.exporter = threading.Thread(target=self._export, name="timeline-export", daemon=True)
        self.http = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, name="timeline-http", daemon=True)

    @property
    def url(self) -> str:
        """Return the address of the site's home page."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{self.server.base_path}"

    def start(self) -> None:
        """Start serving in a background thread; unless site/ is served as it was (then
        start_watching() makes the first build and starts watching), also start watching."""
        import watchfiles  # noqa: F401 - fail here, in the caller's thread, if it is missing

        self.http.start()
        if self.served_as_it_was is None:
            self.start_watching()

    def start_watching(self) -> None:
        """Make the first build if it is still due, then rebuild on every change in background threads;
        return once changes are being watched. Run it in the main thread: Ctrl-C stops the build at once."""
        if self.watcher.is_alive():
            return
        if self.served_as_it_was is not None:
            self._first_build(initial=False)
        self.watcher.start()  # its first rebuild looks at every file: edits made during the build are not missed
        self.exporter.start()
        self.watching.wait(timeout=10)

    def _first_build(self, initial: bool) -> None:
        """Build everything the rebuilds start from, then freeze what it leaves."""
        self.rebuild(initial=initial)
        # The first build leaves many long-lived objects; freezing them keeps the
        # collector from walking them all again during each later rebuild.
        gc.freeze()

    def rebuild(self, changes: set[str] | None = None, initial: bool = False) -> None:
        """Rebuild after changes and tell open pages; problems are shown, never raised."""
        result = self._update(changes)
        problems = [str(p) for p in result.errors]
        previous = self.state.problems
        # A first build after serving site/ as it was writes every page again: the same bytes,
        # unless an edit came meanwhile. Open pages reload only then.
        same_site = result.fingerprint is not None and result.fingerprint == self.served_as_it_was
        self.served_as_it_was = None
        moved = not result.errors and self.server.base_path != self.builder.base_path
        if moved:  # the site was just built under the new base path: serve it there
            self.server.base_path = self.builder.base_path
        self.state.publish(problems, changed=bool(result.written or result.removed) and not same_site,
                           base_path=self.server.base_path)
        self.last_rebuild = time.monotonic()
        if self.builder.has_deferred():
            self.exports_due.set()
        if initial:
            return
        if problems and problems != previous:
            # one message, so a Ctrl-C meanwhile cannot cut the list short before "Stopped."
            heading = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}; showing the last good site:"
            self.log("\n".join([heading, *(f"  {line}" for line in problems)]))
        elif not problems and (result.written or result.removed) and not same_site:
            self.log(f"Rebuilt: {len(result.written)} written, {len(result.removed)} removed.")
        if previous and not problems:
            self.log("No problems left.")
        if moved:
            self.log(f"The base path is now {self.server.base_path}: the site is at {self.url}")

    def _update(self, changes: set[str] | None):
        """Return the outcome of updating site/ after changes; a template's error is one of its problems."""
        from timeline.build.project import BuildResult
        from timeline.problems import template_error_problem

        try:
            return self.builder.update(changes, defer_exports=True)
        except Exception as error:
            problem = template_error_problem(error, self.builder.root)
            if problem is None:
                raise
            return BuildResult(problems=[problem])

    def _watch(self) -> None:
        """Rebuild whenever the inputs change, until stopped; a watch that fails, or must follow
        events/ or templates/ made anew, is started again."""
        while not self.stop_event.is_set():
            watched = threading.Event()
            try:
                self._watch_until_stopped(watched)
            except FileNotFoundError:  # events/ or templates/ went between looking and watching: look again
                self.stop_event.wait(0.05)
            except RuntimeError as error:  # watchfiles gives up on a file name that is not UTF-8, for one
                if not watched.is_set():  # failed before watching anything: say so once a second, not in a loop
                    self.log(f"cannot watch for changes: {error}; trying again")
                    self.stop_event.wait(1)

    def _watch_until_stopped(self, watched: threading.Event) -> None:
        """Rebuild whenever the inputs change; set watched once the watch is in place, and return when
        stopped or when events/ or templates/ came, went or were replaced."""
        from watchfiles import watch

        root = self.builder.root
        seen = _top_level(root)
        folders = {str(root / name) for name in (EVENTS_DIR, TEMPLATES_DIR) if seen[name] is not None}
        # Only events/ and templates/ are watched, not the project folder: that put a watch on every
        # folder of .venv/, node_modules/ and site/, and a full build's changes there could overflow the
        # kernel's queue and lose an edit. A watch follows a file or folder, not its name, so it would lose
        # a timeline.toml replaced by renaming (vim, sed -i) or an events/ removed and made again: those
        # names are looked at on every tick instead (WATCH_TIMEOUT_MS, even with no folder to watch).
        # With yield_on_timeout, the first batch (empty, or an edit) tells us the watch is in
        # place; that rebuild looks at every file, not just the batch, so that an edit saved
        # during the first build (seconds, at 10,000 events), or before a watch started again,
        # is not missed. It also reports what the watch failed on, as a build does
        # (a file name that is not UTF-8).
        for changes in watch(*folders, stop_event=self.stop_event, debounce=200, step=20, rust_timeout=WATCH_TIMEOUT_MS,
                             yield_on_timeout=True, watch_filter=_not_an_editors_file):
            now = _top_level(root)
            if now[CONFIG_FILE] != seen[CONFIG_FILE]:
                now = _settled(root, now)
            moved = {name for name in now if now[name] != seen[name]}
            seen = now
            # A folder removed and made again at once may get its inode number back: the watch's
            # own report of its removal says so then. The next watch's first rebuild looks at everything.
            if moved & {EVENTS_DIR, TEMPLATES_DIR} or any(path in folders for _, path in changes):
                return
            paths = {path for _, path in changes}
            # site/ gone is built again; site/ built again (by that rebuild) is no change
            paths |= {str(root / name) for name in moved if name != OUTPUT_DIR or now[name] is None}
            if not paths and watched.is_set():
                continue
            self.edit_pending.set()
            try:
                with self.lock:
                    self.rebuild(paths if watched.is_set() else None)
            except Exception as error:  # the preview must outlive any one bad build
                self.state.publish([f"internal error: {type(error).__name__}: {error}"], changed=False)
                self.log(f"internal error during rebuild: {type(error).__name__}: {error}")
            finally:
                self.edit_pending.clear()
            watched.set()
            self.watching.set()

    def _export(self) -> None:
        """Write the exports the rebuilds deferred, once no edit has come for EXPORT_DELAY, until stopped.

        Feeds, calendars and the search index cover every event, so at 10,000 events they
        take longer to write than the pages an edit touches. Pages reload first; the exports
        follow one file at a time, and a new edit waits for one file at most, never for all.
        """
        while not self.stop_event.is_set():
            self.exports_due.wait()
            remaining = self.last_rebuild + EXPORT_DELAY - time.monotonic()
            if remaining > 0:  # a later save moves the moment on
                self.stop_event.wait(remaining)
                continue
            written, finished = 0, False
            try:
                while not finished and not self.stop_event.is_set():
                    with self.lock:  # checked under the lock: a rebuild may have come while we waited for it
                        if self.edit_pending.is_set() or time.monotonic() - self.last_rebuild < EXPORT_DELAY:
                            break
                        if self.builder.has_deferred():
                            written += self.builder.write_next_deferred() is not None
                        finished = not self.builder.has_deferred()
                        if finished:
                            self.exports_due.clear()
            except Exception as error:  # the preview must outlive any one bad export
                self.exports_due.clear()
                self.log(f"internal error writing exports: {type(error).__name__}: {error}")
            if finished and written:
                self.log(f"Exports rewritten: {written} file{'s' if written != 1 else ''}.")

    def log(self, text: str) -> None:
        """Say text in the terminal, unless the preview is stopping."""
        with self._say_lock:
            if not self._quiet:
                self._say(text)

    def hush(self) -> None:
        """Say nothing more; return once anything being said is said."""
        with self._say_lock:
            self._quiet = True

    def stop(self) -> None:
        """Stop watching and serving, silently; write any exports still waiting, so site/ is whole."""
        self.hush()
        self.stop_event.set()
        self.exports_due.set()  # wakes the exporter to see the stop
        for thread in (self.watcher, self.exporter):
            if thread.is_alive():
                thread.join(timeout=30)
        self.builder.write_deferred()
        self.state.close()
        self.server.shutdown()
        self.server.server_close()


def _top_level(root: Path) -> dict[str, tuple | None]:
    """Return what shows a change of timeline.toml, events/, templates/ and site/: None for one missing."""
    def identity(name: str, fields: tuple[str, ...]) -> tuple | None:
        try:
            info = os.stat(root / name)
        except OSError:
            return None
        return tuple(getattr(info, field) for field in fields)

    return {
        CONFIG_FILE: identity(CONFIG_FILE, ("st_ino", "st_mtime_ns", "st_size")),
        EVENTS_DIR: identity(EVENTS_DIR, ("st_dev", "st_ino")),  # its files are watched: only a new folder counts
        TEMPLATES_DIR: identity(TEMPLATES_DIR, ("st_dev", "st_ino")),
        OUTPUT_DIR: () if (root / OUTPUT_DIR).is_dir() else None,  # every full build swaps in a new one
    }


def _settled(root: Path, now: dict[str, tuple | None]) -> dict[str, tuple | None]:
    """Return _top_level(root) once timeline.toml has kept still for SETTLE seconds (at most a second).

    A save in place empties the file, then writes it: a tick between the two would build an empty
    settings file (base path /, the default title) and move open pages there. The files of events/
    and templates/ get the same wait from the watch itself.
    """
    deadline = time.monotonic() + 1
    while time.monotonic() < deadline:
        time.sleep(SETTLE)
        again = _top_level(root)
        if again[CONFIG_FILE] == now[CONFIG_FILE]:
            return again
        now = again
    return now


def _not_an_editors_file(change, path: str) -> bool:
    """Return whether a changed path in events/ or templates/ is not an editor's swap or backup file."""
    name = os.path.basename(path)
    return not (name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")))


def serve(args, builder) -> int:
    """Serve the preview until Ctrl-C; return the exit code."""
    try:
        preview = Preview(builder, args.host, args.port)
    except CannotListen as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    preview.start()
    if preview.state.problems:
        print("The site has problems; fix them and the page updates by itself:", file=sys.stderr)
        for line in preview.state.problems:
            print(f"  {line}", file=sys.stderr)
    print(f"Serving the timeline at {preview.url} (live reload on; Ctrl-C stops)", file=sys.stderr, flush=True)
    ctrl_c = threading.Event()

    def on_ctrl_c(signum, frame):
        # Python drops an exception raised inside a finaliser or a fork handler: the flag outlives it.
        ctrl_c.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        preview.start_watching()
        while preview.http.is_alive() and not ctrl_c.is_set():
            preview.http.join(0.5)
    except KeyboardInterrupt:
        ctrl_c.set()
    finally:
        signal.signal(signal.SIGINT, previous)
        preview.hush()  # a rebuild under way must not speak after "Stopped.", nor make it wait
        if ctrl_c.is_set():
            print("Stopped.", file=sys.stderr)
        preview.stop()
    return 0
