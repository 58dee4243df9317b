"""The live preview: serve site/, watch the inputs, rebuild and reload open pages."""
