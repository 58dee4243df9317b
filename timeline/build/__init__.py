"""The build: read, validate, render and write the site atomically, and the speed layer behind it."""
