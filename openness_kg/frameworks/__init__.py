"""Openness frameworks: one module each, and the rows ``assess`` prints."""
