"""Rendering: events to the site's pages through Jinja2, Markdown made safe, the search index."""
