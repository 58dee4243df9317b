"""The model: dates, the event and its fields, the settings, reading event files and validating them."""
