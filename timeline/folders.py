"""The project folder's layout: where the events, templates, settings, output and cache live."""

EVENTS_DIR = "events"  # one Markdown file per event
TEMPLATES_DIR = "templates"
CONFIG_FILE = "timeline.toml"
ENTITIES_FILE = "entities.toml"  # one name per person, place and organisation (optional)
MEDIA_DIR = "media"  # pictures events show (image: src: media/...)
OUTPUT_DIR = "site"  # the built site; never edited by hand
CACHE_DIR = ".timeline-cache"  # what a build remembers for the next one
