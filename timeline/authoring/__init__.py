"""Authoring tools that write event files: new, extract (from articles) and import.

new_event.py   NewEvent and the event file `new` writes (extract and import write theirs the same way)
imports.py     import: TimelineJS JSON or CSV, or our events.json
extract.py     extract's steps, for the command line to print: read, find, compare, write drafts
article.py     reading an article (file, saved page, URL) and its publication date
dated_events.py  find_events: the dated events of an article's sentences (FoundEvent)
suggest.py     a found event's drafted title, actors and place
sentences.py   the sentence splitter extract and timex share
timex/         the temporal tagger: dates in text, resolved against the publication date
"""
