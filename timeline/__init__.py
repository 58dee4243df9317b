"""timeline: dated events in Markdown files to a static HTML timeline."""

__version__ = "0.1.0"
