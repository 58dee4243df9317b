"""Authoring tools that write event files: new, extract (from articles) and import."""
