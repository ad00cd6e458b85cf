"""Storage: one small interface (:class:`KGStore`) with an embedded Oxigraph backend.

The remote SPARQL 1.1 backend slots in behind the same interface.
"""

from .base import KGStore, QuerySyntaxError, QueryTimeout, StoreError, default_store_path
from .embedded import OxigraphStore, open_store, snapshot

__all__ = [
    "KGStore",
    "OxigraphStore",
    "QuerySyntaxError",
    "QueryTimeout",
    "StoreError",
    "default_store_path",
    "open_store",
    "snapshot",
]
