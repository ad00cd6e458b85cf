"""The licence knowledge base: SPDX and Hub licence identities, terms, categories, normaliser."""
