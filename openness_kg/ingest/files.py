"""Reading source files given as files or folders: one way for every file-based ingester."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from ..bounded import MAX_BYTES
from ..records import RecordError

P = TypeVar("P")


def read_texts(
    paths: Iterable[Path], accept: Callable[[str], bool], provenance: Callable[[Path], P]
) -> Iterator[tuple[str, str, P] | RecordError]:
    """Each file given, and each file of a folder given whose name ``accept`` takes (sorted):
    (file name, UTF-8 text, its provenance); a file that cannot be read, or is larger
    than :data:`openness_kg.bounded.MAX_BYTES`, is a :class:`RecordError`."""
    for path in paths:
        files = sorted(p for p in path.iterdir() if accept(p.name)) if path.is_dir() else [path]
        for f in files:
            try:
                size = f.stat().st_size
                if size > MAX_BYTES:
                    yield RecordError(str(f), f"too large: {size} bytes (limit {MAX_BYTES} bytes)")
                    continue
                text = f.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                yield RecordError(str(f), f"cannot read: {exc}")
                continue
            yield f.name, text, provenance(f)
