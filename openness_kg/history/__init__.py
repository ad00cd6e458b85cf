"""Openness over time: record versions and runs (``versions``), what changed between two
states of the graph (``diff``), dated records from a git history (``git_source``)."""
