"""Release notes: what changed since the previous release, from ``diff.compare``.

``publish`` calls :func:`previous_state` before it overwrites a release (the previous one is
the release already in the output folder, or the one given) and :func:`write_notes` after:
``RELEASE-NOTES.md`` (a table per kind of change) and ``release-notes.json`` (the rows).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..store import KGStore
from .diff import HEADERS, RELEASE_DUMP, Change, State, compare, open_source, state_of

NOTES_MD = "RELEASE-NOTES.md"
NOTES_JSON = "release-notes.json"


def previous_state(release: Path | None) -> State | None:
    """The state of the release in ``release`` (a ``publish`` folder), if there is one."""
    if release is None or not (release / RELEASE_DUMP).is_file():
        return None
    store = open_source(release)
    try:
        info = release / "release.json"
        label = str(release)
        if info.is_file():
            label = str(json.loads(info.read_text(encoding="utf-8")).get("released") or label)
        return state_of(store, label)
    finally:
        store.close()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def notes_markdown(changes: list[Change], previous: str | None, version: str) -> str:
    if previous is None:
        return f"# openness-kg {version}: release notes\n\nThe first release: no previous one.\n"
    lines = [
        f"# openness-kg {version}: release notes",
        "",
        f"What changed since the release of {previous}: {len(changes)} change(s).",
        "",
    ]
    counts = Counter(c.change for c in changes)
    for kind in sorted(counts):
        lines.append(f"- {kind}: {counts[kind]}")
    if changes:
        lines += ["", "| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
        lines += ["| " + " | ".join(_cell(x) for x in c.row()) + " |" for c in changes]
    return "\n".join(lines) + "\n"


def write_notes(
    out: Path, store: KGStore, previous: State | None, version: str
) -> tuple[list[str], int | None]:
    """Write the notes into ``out``; the files written and the number of changes (``None``
    for a first release)."""
    changes = compare(previous, state_of(store, "this release")) if previous else []
    label = previous.label if previous else None
    (out / NOTES_MD).write_text(notes_markdown(changes, label, version), encoding="utf-8")
    body = {
        "previous": label,
        "changes": [dict(zip(HEADERS, c.row(), strict=True)) for c in changes],
    }
    (out / NOTES_JSON).write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    return [NOTES_MD, NOTES_JSON], (len(changes) if previous else None)
