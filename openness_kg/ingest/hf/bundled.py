"""The bundled source ``hf``: the recorded Hub responses in ``data/hf/`` (see its SOURCE.md)."""

from __future__ import annotations

from collections.abc import Iterator

from ...iris import Minter
from ...paths import DATA_DIR
from ...sources import BundledSource, RecordItem
from .recorded import count_files, read_dir

HF_DIR = DATA_DIR / "hf"


def _records(minter: Minter) -> Iterator[RecordItem]:
    return read_dir(HF_DIR, minter, path_prefix="hf/")


SOURCE = BundledSource("hf", lambda: count_files(HF_DIR), _records)
