"""Audience guidance: one Markdown source, rewritten in each audience's own words."""
