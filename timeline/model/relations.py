"""Links between events (`related:`): the checks that need every file (a missing event, a circle of `follows`),
and which events a link shows on, both ways."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from timeline.problems import Problem

if TYPE_CHECKING:
    from timeline.model.event import Event, Related


def check_relations(events: list[Event], ids: set[str]) -> list[Problem]:
    """Return the problems of links across files: links to events no file holds, and circles of `follows`.

    ids are the names of every event file, read well or not (a file with errors of its own reports them).
    """
    problems = []
    for event in events:
        for index, link in enumerate(event.related, 1):
            if link.event not in ids:
                # a high cutoff: ids share their dates, so a date alone would look close
                close = difflib.get_close_matches(link.event, sorted(ids - {event.id}), n=3, cutoff=0.8)
                hint = f"did you mean {' or '.join(close)}? " if close else ""
                problems.append(Problem(
                    event.path, link.line, f"related[{index}].event",
                    f"no event is named {link.event}; {hint}name an event by its file name in events/ without .md"))
    return problems + [_cycle_problem(cycle) for cycle in follows_cycles(events)]


def follows_cycles(events: list[Event]) -> list[list[Event]]:
    """Return circles of `follows` links, each in its order from the event with the smallest id (one per circle
    found: once it is broken, the next check finds any other)."""
    by_id = {event.id: event for event in events}
    follows = {event.id: [link.event for link in event.related if link.relation == "follows"
                          and link.event in by_id and link.event != event.id] for event in events}
    state: dict[str, int] = {}  # 1 while on the path being walked, 2 when done
    cycles, seen = [], set()
    for start in sorted(follows):
        if state.get(start):
            continue
        path, stack = [start], [iter(follows[start])]
        state[start] = 1
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(following) == 1:  # back on the path: the links from there to here are a circle
                cycle = path[path.index(following):]
                first = cycle.index(min(cycle))
                cycle = cycle[first:] + cycle[:first]
                if tuple(cycle) not in seen:
                    seen.add(tuple(cycle))
                    cycles.append([by_id[event_id] for event_id in cycle])
            elif not state.get(following):
                state[following] = 1
                path.append(following)
                stack.append(iter(follows[following]))
    return cycles


def _cycle_problem(cycle: list[Event]) -> Problem:
    """Return the problem of a circle of `follows`, at the first event's link to the next."""
    first, second = cycle[0], cycle[1 % len(cycle)]
    index, link = next((i, link) for i, link in enumerate(first.related, 1)
                       if link.relation == "follows" and link.event == second.id)
    chain = ", ".join(f"{event.id} follows {cycle[(i + 1) % len(cycle)].id}" for i, event in enumerate(cycle))
    return Problem(first.path, link.line, f"related[{index}]",
                   f"'follows' goes round in a circle: {chain}; an event cannot come after itself, so remove one "
                   "of these links or make it see-also")


def linked_ids(event: Event) -> set[str]:
    """Return the ids of the events an event links to."""
    return {link.event for link in event.related}


def link_problems(links: tuple[Related, ...], name: str, own_id: str) -> list[tuple[int, str, str]]:
    """Return (line, field, message) for each link of one file that names its own event, ends in .md or names an
    event named before (name: the field's name, 'related')."""
    first_line: dict[str, int] = {}
    problems = []
    for index, link in enumerate(links, 1):
        where = f"{name}[{index}].event"
        if link.event.endswith(".md"):
            problems.append((link.line, where, f"is {link.event!r}; write the file name without .md: "
                             f"'event: {link.event.removesuffix('.md')}'"))
        elif link.event == own_id:
            problems.append((link.line, where, "names this event itself; name another event, or remove the link"))
        elif link.event in first_line:
            first = first_line[link.event]
            problems.append((link.line, where, f"{link.event} is linked twice (first at line {first}); "
                             "keep one link, with the one relation that fits best"))
        first_line.setdefault(link.event, link.line)
    return problems
