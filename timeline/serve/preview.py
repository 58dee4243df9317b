"""The live preview: builds, serves site/ under the base path, rebuilds on every change and reloads open pages.

A failed rebuild keeps the last good site and shows its problems over the page.
"""

from __future__ import annotations

import gc
import signal
import sys
import threading
import time

from timeline.english import plural
from timeline.folders import OUTPUT_DIR
from timeline.serve.http import CannotListen, LiveState, listen
from timeline.serve.watch import input_changes

EXPORT_DELAY = 0.5  # seconds without an edit before the files covering every event are rewritten


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
        self.server = listen(builder.root / OUTPUT_DIR, builder.base_path, host, port, self.state)
        if self.served_as_it_was is None:
            try:
                self._first_build(initial=True)
            except BaseException:
                self.server.server_close()
                raise
        self.watcher = threading.Thread(target=self._watch, name="timeline-watch", daemon=True)
        self.exporter = threading.Thread(target=self._export, name="timeline-export", daemon=True)
        self.http = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1},
                                     name="timeline-http", daemon=True)

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
            heading = f"{plural(len(problems), 'problem')}; showing the last good site:"
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
        # The first batch (empty, or an edit) tells us the watch is in place; that rebuild looks at
        # every file, not just the batch, so that an edit saved during the first build (seconds, at
        # 10,000 events), or before a watch started again, is not missed. It also reports what the
        # watch failed on, as a build does (a file name that is not UTF-8).
        for paths in input_changes(self.builder.root, self.stop_event):
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
                self.log(f"Exports rewritten: {plural(written, 'file')}.")

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


def serve(args, builder) -> int:
    """Serve the preview until Ctrl-C; return the exit code."""
    try:
        preview = Preview(builder, args.host, args.port)
    except CannotListen as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    preview.start()
    ctrl_c = threading.Event()

    def on_ctrl_c(signum, frame):
        # Python drops an exception raised inside a finaliser or a fork handler: the flag outlives it.
        ctrl_c.set()
        raise KeyboardInterrupt

    # Caught from before "Serving" is said: a Ctrl-C at once, as soon as the address shows, stops cleanly too.
    previous = signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        if preview.state.problems:
            print("The site has problems; fix them and the page updates by itself:", file=sys.stderr)
            for line in preview.state.problems:
                print(f"  {line}", file=sys.stderr)
        print(f"Serving the timeline at {preview.url} (live reload on; Ctrl-C stops)", file=sys.stderr, flush=True)
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
