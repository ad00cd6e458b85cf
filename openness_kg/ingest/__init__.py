"""Ingesters: source records in, :class:`~openness_kg.records.Record` out, then written."""
