"""The command line: `python build.py [build|check|serve] ...`."""

from __future__ import annotations

import os
import sys

from timeline.english import plural

TYPE_CHECKING = False  # typing's, without importing typing: a build with nothing changed takes a fifth longer with it
if TYPE_CHECKING:
    import argparse

    from timeline.build.fingerprint import Inputs
    from timeline.problems import Problem

# Everything else is imported where it is used: a build with nothing changed decides so
# before anything heavier than reading files is loaded.

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

COMMANDS = {
    "build": "Check every event file, then render the site into site/ (the default command).",
    "check": "Check every event file and report all problems at once; write nothing.",
    "serve": "Build, serve the site on http://127.0.0.1:8000/ and rebuild and reload open pages on every change.",
    "new": "Write a new event file with every field and a hint for each, and print its path.",
    "links": "Check every internal link and anchor of the built site in site/; exit 1 if one is broken. "
             "--external also asks every source's address on the web and lists the dead ones.",
    "extract": "Find the dated events in a news article (file, saved page or URL) and draft event files.",
    "import": "Write event files from a TimelineJS JSON or spreadsheet CSV file, or from our events.json.",
}


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of every command."""
    import argparse
    from pathlib import Path

    main_parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build a static HTML timeline from the event files in events/.",
        epilog="Run 'build.py COMMAND --help' for a command's options. With no command, build.",
    )
    sub = main_parser.add_subparsers(dest="command", metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, help="the project folder (default: the folder of build.py)")
    common.add_argument("--debug", action="store_true", help="show a traceback for internal errors")
    site_options = argparse.ArgumentParser(add_help=False)
    site_options.add_argument(
        "--base-url", metavar="PATH_OR_URL",
        help="serve the site under this path (like /timeline/) or full URL, overriding base_path in timeline.toml",
    )
    site_options.add_argument("--drafts", action="store_true", help="include events marked draft: true")
    build = _command(sub, "build", common, site_options)
    build.add_argument("--fresh", action="store_true",
                       help="read and render everything anew, deleting what earlier builds left in .timeline-cache/")
    build.add_argument("--no-cache", action="store_true",
                       help="build without the speed layer: read and render everything in this one process, "
                            "with no cache read or written (slower; the site is the same, byte for byte)")
    build.add_argument("--format", choices=("text", "github"), default="text",
                       help="text (default) or github: warnings as GitHub Actions annotations")
    check = _command(sub, "check", common)
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="text (default) or github: GitHub Actions annotations on the changed lines")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    serve = _command(sub, "serve", common, site_options)
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="the port (default: 8000; 0 picks a free one)")
    links = _command(sub, "links", common)
    links.add_argument("--base-url", metavar="PATH_OR_URL",
                       help="the base path the site was built with (default: base_path in timeline.toml)")
    links.add_argument("--external", action="store_true",
                       help="also ask every source's url on the web, and list the dead ones (never exit 1 for them)")
    _authoring_commands(sub, common)
    return main_parser


def _command(sub, name: str, *parents) -> argparse.ArgumentParser:
    """Return the parser of a command, its help and description from COMMANDS."""
    return sub.add_parser(name, parents=list(parents), help=COMMANDS[name], description=COMMANDS[name])


def _authoring_commands(sub, common) -> None:
    """Add the commands that write event files (extract, import, new) and their options."""
    from pathlib import Path

    extract = _command(sub, "extract", common)
    extract.add_argument("sources", nargs="+", metavar="SOURCE",
                         help="a text file, a saved HTML page, an http(s) URL, or a folder of files; give several "
                              "to draft each event they report once, citing every article")
    extract.add_argument("--published", help="when the article was published, if the article does not say")
    extract.add_argument("--country", help="the country the article is about, as a code like RU (for holidays)")
    extract.add_argument("--publisher", help="who published the article, if the article does not say")
    extract.add_argument("--url", help="the article's address, for its source entry")
    extract.add_argument("--write", action="store_true", help="write the drafts into events/ (draft: true)")
    importer = _command(sub, "import", common)
    importer.add_argument("file", type=Path, help="the file to import")
    importer.add_argument("--format", choices=("timelinejs-json", "timelinejs-csv", "json"),
                          help="the file's format (default: told from its name and content)")
    new = _command(sub, "new", common)
    new.add_argument("title", help="what happened, in one line")
    new.add_argument("--date", required=True, help="when: 2024-11-04, 2024-11, 2024 or '4 November 2024' (also "
                     "2024-11-04? when uncertain, spring 2024, the 1960s)")
    new.add_argument("--end", help="the last day of a range, or 'ongoing' for an event still going on")
    new.add_argument("--approximate", action="store_true", help="the date is an estimate")
    new.add_argument("--tag", action="append", default=[], help="a tag (repeat for more)")
    new.add_argument("--actor", action="append", default=[], help="a person or organisation (repeat for more)")
    new.add_argument("--location", default="", help="where it happened")
    new.add_argument("--source-title", default="", help="the headline of the source")
    new.add_argument("--publisher", default="", help="who published the source")
    new.add_argument("--published", default="", help="when the source was published")
    new.add_argument("--url", default="", help="the source's address")
    new.add_argument("--thread", default="", help="the story thread it belongs to")
    new.add_argument("--related", action="append", default=[], metavar="EVENT:RELATION",
                     help="another event it is linked to and how, like 2024-11-04-putin-meets-choe:follows (relations: "
                     "follows, responds-to, contradicts, supersedes, see-also; repeat for more)")
    new.add_argument("--image", default="", metavar="FILE",
                     help="a picture of the event (JPEG, PNG, WebP, GIF or AVIF), copied into media/; needs --alt and "
                     "--credit")
    new.add_argument("--alt", default="", metavar="TEXT", help="what the picture shows, for readers who cannot see it")
    new.add_argument("--credit", default="", metavar="TEXT", help="who took or owns the picture")
    new.add_argument("--caption", default="", metavar="TEXT",
                     help="a line under the picture: what is happening, where and when")
    new.add_argument("--license", default="", metavar="TEXT",
                     help="the licence the picture is used under, like 'CC BY 4.0'")


def _port(text: str) -> int:
    """Return a port number given on the command line; argparse reports anything else as --port's error."""
    import argparse

    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, found {text!r}")
    return port


def main(argv: list[str] | None = None, default_root: str | os.PathLike | None = None) -> int:
    """Run a command and return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")
    plain_build_root = _plain_build_root(argv, default_root)
    digested = None  # the inputs' digests, when a look at them found site/ stale: the build reads them once
    if plain_build_root:
        up_to_date, digested = _report_if_up_to_date(plain_build_root)
        if up_to_date:
            return EXIT_OK
    from pathlib import Path

    from timeline.problems import ProblemError, describe

    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    args.root = Path(args.root or default_root or Path.cwd()).resolve()
    args.digested = digested
    if not args.root.is_dir():
        print(f"build.py {args.command}: error: --root {args.root}: no such folder", file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "base_url", None):
        from timeline.model.config import Config, apply_base_url

        _, error = apply_base_url(Config(), args.base_url)
        if error:
            print(f"build.py {args.command}: error: {error}", file=sys.stderr)
            return EXIT_USAGE
    try:
        return COMMAND_FUNCTIONS[args.command](args)
    except ProblemError as error:
        report(error.problems, sys.stderr)
        print(f"Build stopped: {describe(error.problems)}; site/ was not changed.", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `build.py check | head`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that nothing fails again when the rest is flushed
        os.close(devnull)
        return EXIT_PROBLEMS
    except Exception as error:  # the last line of defence: a message, not a traceback
        if args.debug:
            raise
        from timeline.problems import template_error_problem

        template_problem = template_error_problem(error, args.root)
        if template_problem:
            report([template_problem], sys.stderr)
            print("Build stopped: a template has an error; site/ was not changed.", file=sys.stderr)
            return EXIT_PROBLEMS
        if isinstance(error, ModuleNotFoundError):
            print(f"error: this Python ({sys.executable}) lacks the package that provides '{error.name}'; "
                  f"run 'python3 dev.py setup' once, then '.venv/bin/python build.py {args.command}'", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"error: {type(error).__name__}: {error} (run with --debug for the traceback)", file=sys.stderr)
        return EXIT_PROBLEMS


def command_hint(arguments: str) -> str:
    """Return the command line that runs build.py with arguments in the Python running now, as typed from here."""
    python = os.path.relpath(sys.executable) if sys.executable else "python3"
    return f"{python if not python.startswith('..') else 'python3'} build.py {arguments}".rstrip()


def _plain_build_root(argv: list[str], default_root: str | os.PathLike | None) -> str | None:
    """Return the project folder of a plain `build [--root DIR]`, the command run most often, else None."""
    if argv[:1] != ["build"]:
        return None
    options = argv[1:]
    if not options:
        return os.path.realpath(default_root or os.getcwd())
    if len(options) == 2 and options[0] == "--root" and options[1]:
        return os.path.realpath(options[1])
    return None


def _report_if_up_to_date(root: str) -> tuple[bool, Inputs | None]:
    """Print what the last build reported when site/ is what these inputs make; return whether it is, and the
    inputs' digests if they were read."""
    from timeline.build.fingerprint import current_manifest

    manifest, inputs = current_manifest(root, None, False)
    if manifest is None:
        return False, inputs
    for line in manifest["report"]:
        print(line, file=sys.stderr)
    print(up_to_date_message(manifest["events"], manifest["drafts"]), file=sys.stderr)
    return True, inputs


def up_to_date_message(events: int, drafts: int) -> str:
    """Return the line a build prints when site/ was already up to date."""
    return f"site/ is up to date: {_counts(events, drafts)}; nothing changed since it was built."


def _counts(events: int, drafts: int) -> str:
    """Return '3 events (1 draft left out)': what a build put on the site and what it left out."""

    left_out = f" ({plural(drafts, 'draft')} left out)" if drafts else ""
    return f"{plural(events, 'event')}{left_out}"


def report(problems: list[Problem], stream, github: bool = False) -> None:
    """Print each problem on its own line, or (github) as a GitHub Actions annotation on standard output."""
    for problem in problems:
        if github:
            print(problem.github())
        else:
            print(problem, file=stream)


def _builder(args, kind=None):
    """Return a Builder (or a builder of the kind given) for the project and options named by args."""
    from timeline.build.builder import Builder

    return (kind or Builder)(args.root, base_url=getattr(args, "base_url", None),
                             include_drafts=getattr(args, "drafts", False),
                             speedups=not getattr(args, "no_cache", False))


def cmd_build(args) -> int:
    """Build the site; return the exit code."""
    from timeline.problems import ProblemError, annotation

    if args.fresh:
        from timeline.build.cache_store import forget_cache

        forget_cache(args.root)
    result = _builder(args).build(inputs=getattr(args, "digested", None))
    if result.errors:
        raise ProblemError(result.problems)
    github = getattr(args, "format", "text") == "github"
    report(result.problems, sys.stderr, github)  # warnings: on the file's line in GitHub's view, or as text
    if result.up_to_date:
        print(up_to_date_message(result.events, result.drafts), file=sys.stderr)
        return EXIT_OK
    print(f"Built site/: {_counts(result.events, result.drafts)}, {len(result.written)} files.", file=sys.stderr)
    if result.size_warning:
        if github:
            print(annotation("Site size", result.size_warning))
        else:
            print(f"warning: {result.size_warning}", file=sys.stderr)
    return EXIT_OK


def cmd_check(args) -> int:
    """Check every file and print the problems; return the exit code."""
    from timeline.build.builder import load_project
    from timeline.problems import Problem, errors, summary

    project = load_project(args.root)
    problems = project.problems
    if args.strict:
        problems = [Problem(p.path, p.line, p.field, p.message) for p in problems]
    report(problems, sys.stdout, args.format == "github")
    print(summary(problems, len(project.files)))
    return EXIT_PROBLEMS if errors(problems) else EXIT_OK


def cmd_serve(args) -> int:
    """Build and serve the site with live reload until interrupted; return the exit code."""
    from timeline.build.incremental import IncrementalBuilder
    from timeline.serve.preview import serve

    return serve(args, _builder(args, IncrementalBuilder))


def cmd_links(args) -> int:
    """Check the built site's internal links; return the exit code."""
    from timeline.build.links import check_links
    from timeline.folders import OUTPUT_DIR
    from timeline.model.config import apply_base_url, load_config

    config, _ = load_config(args.root)
    if args.base_url:
        config, _ = apply_base_url(config, args.base_url)
    site = args.root / OUTPUT_DIR
    if not (site / "index.html").is_file():
        print(f"error: there is no built site in {OUTPUT_DIR}/; run '{command_hint('')}' first", file=sys.stderr)
        return EXIT_PROBLEMS
    count, broken = check_links(site, config.base_path)
    for link in broken:
        print(link)
    pages = sum(1 for _ in site.rglob("*.html"))
    verdict = f"{len(broken)} broken" if broken else "none broken"
    print(f"Checked {count} internal links on {pages} pages under {config.base_path}: {verdict}.")
    if count and len(broken) * 2 > count:
        print("Most links are broken: was the site built for another base path? "
              "Pass links the same --base-url as the build.")
    if args.external:
        _check_sources_online(args.root)
    return EXIT_PROBLEMS if broken else EXIT_OK


def _check_sources_online(root) -> None:
    """Ask every source's address on the web and print the dead ones (the web changes by itself: no exit 1)."""
    from urllib.parse import urlsplit

    from timeline.build.external_links import check_addresses, source_addresses
    from timeline.folders import EVENTS_DIR
    from timeline.model.event_file import read_event_file

    addresses = source_addresses([read_event_file(path, root) for path in sorted((root / EVENTS_DIR).glob("*.md"))])
    dead = check_addresses(addresses)
    for address in dead:
        print(address)
    hosts = len({urlsplit(a.url).hostname for a in addresses})
    urls = len({a.url for a in addresses})
    print(f"Checked {plural(urls, 'source address')} on {plural(hosts, 'host')}: "
          f"{f'{len(dead)} dead' if dead else 'none dead'}.")


def cmd_extract(args) -> int:
    """Draft events from articles; return the exit code."""
    from timeline.authoring.article import ExtractError
    from timeline.authoring.extract import extract_events, write_drafts

    try:
        report = extract_events(args.root, args.sources, published=args.published, publisher=args.publisher,
                                url=args.url, country=args.country)
    except ExtractError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    for failure in report.failures:
        print(f"error: {failure}", file=sys.stderr)
    if not report.articles:
        return EXIT_PROBLEMS
    _print_found(report, several=len(report.articles) + len(report.failures) > 1)
    if args.write:
        print()
        for written in write_drafts(args.root, report):
            if written.event.duplicate_of:
                print(f"skipped: {written.event.date.iso()} is already {written.event.duplicate_of}")
            elif written.refused:
                print(f"skipped: {written.refused}")
            else:
                print(f"wrote {written.path}")
    elif report.events:
        print("\nRun again with --write to save them in events/ as drafts (draft: true).")
    if report.failures:
        total = len(report.failures) + len(report.articles)
        print(f"{len(report.failures)} of {plural(total, 'source')} could not be read; the others' events are above",
              file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _print_found(report, several: bool) -> None:
    """Print the articles read and each dated event found, with what it rests on, for review."""
    from timeline.authoring.extract import source_lines

    for read in report.articles:
        article = read.article
        print(f"{read.origin + ': ' if several else ''}{article.title} ({article.publisher}, published "
              f"{article.published.iso()}: {article.published_note})")
    print(f"{plural(len(report.events), 'dated event')} found.")
    for number, event in enumerate(report.events, 1):
        print(f"\n{number}. {event.date.iso()}{'–' + event.end.iso() if event.end else ''} ({event.date.precision})"
              f"  {event.title}")
        if several:
            publishers = {c.source["publisher"].casefold(): c.source["publisher"] for c in event.citations}
            print("   dated by: " + "; ".join(f"{' + '.join(repr(e) for e in c.evidence)} in {c.origin}"
                                             for c in event.citations))
            print(f"   backed by {plural(len(publishers), 'independent publisher')}: {', '.join(publishers.values())}")
        else:
            print(f"   dated by: {event.dated_by}")
        print(f"   actors: {', '.join(event.actors) or '-'}; location: {event.location or '-'}")
        these = "these articles" if len(event.citations) > 1 else "this article"
        if event.cited_there:
            print(f"   already in {event.duplicate_of}, which cites {these}")
        elif event.duplicate_of:
            new = report.new_citations(event)
            print(f"   already in {event.duplicate_of}: add {'these articles' if len(new) > 1 else 'this article'} "
                  "to its sources instead:")
            for citation in new:
                print(source_lines(citation, indent="     "), end="")


def cmd_import(args) -> int:
    """Import events from another timeline's file; return the exit code."""
    from timeline.authoring.imports import ImportError_, import_file

    try:
        report = import_file(args.root, args.file, args.format)
    except ImportError_ as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    for path in report.written:
        print(f"wrote {path}")
    for reason in report.skipped:
        print(f"skipped: {reason}")
    drafts = " (events without sources are drafts until someone adds one)" if report.written else ""
    print(f"Imported {plural(len(report.written), 'event')}, "
          f"skipped {len(report.skipped)}{drafts}.")
    return EXIT_OK


def cmd_new(args) -> int:
    """Write a new event file; return the exit code."""
    from timeline.authoring.new_event import FileExists, NewEventRefused, new_event_from_options, write_new_event

    try:
        event = new_event_from_options(
            args.root, args.title, args.date, end=args.end, approximate=args.approximate, actors=args.actor,
            location=args.location, tags=args.tag, source_title=args.source_title, publisher=args.publisher,
            published=args.published, url=args.url, thread=args.thread, related=args.related, image=args.image,
            picture={"alt": args.alt, "credit": args.credit, "caption": args.caption, "license": args.license},
        )
        path = write_new_event(args.root, event)
    except NewEventRefused as refused:
        for problem in refused.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    except FileExists as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(path.relative_to(args.root).as_posix())
    if event.image:
        done = "Copied the picture to" if event.picture_file else "The picture is already in"
        print(f"{done} {event.image['src']}; add it in the same commit as the event.", file=sys.stderr)
    if event.draft:
        print("It is a draft (draft: true) until it has a source; check it with: " + command_hint("check"),
              file=sys.stderr)
    return EXIT_OK


COMMAND_FUNCTIONS = {"build": cmd_build, "check": cmd_check, "serve": cmd_serve, "new": cmd_new, "links": cmd_links,
                     "extract": cmd_extract, "import": cmd_import}
