"""Human assessments: the European Open Source AI Index (both generations) and Stanford's
Foundation Model Transparency Index, their links to our releases and organizations, and the
comparison with computed verdicts."""
