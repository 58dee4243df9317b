"""The local preview server: serves site/ under the configured base path."""

from __future__ import annotations

import posixpath
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .site import OUTPUT_DIR


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Serves files of one folder under a base path, refusing anything outside it."""

    base_path = "/"

    def __init__(self, *args, directory: str, base_path: str, **kwargs):
        self.base_path = base_path
        super().__init__(*args, directory=directory, **kwargs)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        """Keep the terminal quiet: the preview prints only what the author needs."""

    def translate_path(self, path: str) -> str:
        """Return the file for a URL path, or a path that does not exist when it is outside the site."""
        raw = urlsplit(path).path
        decoded = unquote(raw)
        if not decoded.startswith(self.base_path) and decoded + "/" != self.base_path:
            return str(Path(self.directory) / ".not-found")
        inside = decoded[len(self.base_path):] if decoded.startswith(self.base_path) else ""
        if "\x00" in inside or "\\" in inside or any(part == ".." for part in inside.split("/")):
            return str(Path(self.directory) / ".not-found")
        normalised = posixpath.normpath("/" + inside).lstrip("/")
        return str(Path(self.directory, *[p for p in normalised.split("/") if p not in ("", ".")]))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Send the site's own 404 page for missing files."""
        page = Path(self.directory) / "404.html"
        if code == HTTPStatus.NOT_FOUND and page.is_file():
            body = page.read_bytes()
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def end_headers(self) -> None:
        """Ask browsers not to cache, so a preview always shows the latest build."""
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def make_server(directory: Path, base_path: str, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Return a server for directory under base_path (port 0 picks a free port)."""
    handler = partial(SiteRequestHandler, directory=str(directory), base_path=base_path)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve(args, load_project) -> int:
    """Build once, then serve site/ until Ctrl-C; return the exit code."""
    from .pipeline import build_site

    project = load_project(args)
    build_site(project, include_drafts=args.drafts)
    server = make_server(args.root / OUTPUT_DIR, project.config.base_path, args.host, args.port)
    host, port = server.server_address[:2]
    print(f"Serving the timeline at http://{host}:{port}{project.config.base_path} (Ctrl-C stops)", file=sys.stderr)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        thread.join()
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    finally:
        server.shutdown()
        server.server_close()
    return 0
