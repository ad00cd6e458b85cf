"""Dated MOT records from a git repository's history (``ingest mot --git REPO``).

Each commit that changed a model file is a dated version of that file's record: the newest
version (at ``REV``, default ``HEAD``) becomes the record's current content, each older one a
kept version (``history.versions``) invalidated at the date of the commit that replaced it.
The record is dated by the commit's committer date (``okg:retrievedAt``, an
``xsd:dateTime``) and derived from the file at that commit (``prov:wasDerivedFrom``: the
file's URL at the commit id, ``<origin>/blob/<commit>/<path>`` for an http(s) origin, else
``<repo file URI>#<commit>:<path>``). Renames are followed (``git log -M``): versions under
an old name are versions of the record of the file's current name.

Git runs as a subprocess (``git log``, ``git cat-file --batch``), never over the network: the
repository must be a local clone.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from rdflib import Literal
from rdflib.namespace import XSD

from ..ingest.mot import transform_text
from ..ingest.provenance import Provenance
from ..iris import Minter
from ..records import Record, RecordError
from ..sources import RecordItem
from ..store import KGStore
from .versions import existing_graphs, stored_digest, version_record

MODELS = "models"
_SEP = "\x1e"  # starts each commit in the log output


class GitError(Exception):
    """The repository cannot be read (not a git repository, unknown revision, no git)."""


@dataclass
class FileVersion:
    commit: str
    date: datetime
    path: str  # the file's path at that commit


@dataclass
class FileHistory:
    """The versions of one model file, oldest first, under its current name."""

    name: str
    versions: list[FileVersion] = field(default_factory=list)


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=stdin,
            capture_output=True,
            check=False,
            env={"GIT_TERMINAL_PROMPT": "0", "PATH": _path(), "LC_ALL": "C"},
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        msg = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"{repo}: git {args[0]}: {msg[-1] if msg else 'failed'}")
    return done.stdout


def _path() -> str:
    return os.environ.get("PATH", "/usr/bin:/bin")


def file_histories(repo: Path, rev: str = "HEAD") -> list[FileHistory]:
    """The history of every ``models/*.yml`` file present at ``rev``, from one ``git log``."""
    out = _git(
        repo,
        "log",
        "--reverse",
        "--topo-order",
        "-M",
        "--name-status",
        f"--format={_SEP}%H %cI",
        rev,
        "--",
        f"{MODELS}/",
    ).decode("utf-8", "replace")
    active: dict[str, FileHistory] = {}  # path now -> its history
    for block in out.split(_SEP)[1:]:
        lines = [x for x in block.splitlines() if x.strip()]
        commit, date = lines[0].split(" ", 1)
        when = datetime.fromisoformat(date)
        for line in lines[1:]:
            parts = line.split("\t")
            status = parts[0][:1]
            if status == "R" and len(parts) == 3:
                hist = active.pop(parts[1], None) or FileHistory("")
                active[parts[2]] = hist
                hist.versions.append(FileVersion(commit, when, parts[2]))
            elif status in ("A", "M", "C", "T") and len(parts) >= 2:
                path = parts[-1]
                hist = active.setdefault(path, FileHistory(""))
                hist.versions.append(FileVersion(commit, when, path))
            elif status == "D" and len(parts) == 2:
                active.pop(parts[1], None)
    out_list = []
    for path, hist in sorted(active.items()):
        p = PurePosixPath(path)
        if p.parent.as_posix() == MODELS and p.suffix in (".yml", ".yaml"):
            hist.name = p.name
            out_list.append(hist)
    return out_list


def read_blobs(repo: Path, specs: list[str]) -> dict[str, bytes | None]:
    """``commit:path`` -> the file's bytes (``None`` when missing), by one ``cat-file``."""
    if not specs:
        return {}
    out = _git(repo, "cat-file", "--batch", stdin="".join(s + "\n" for s in specs).encode())
    blobs: dict[str, bytes | None] = {}
    pos = 0
    for spec in specs:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("utf-8", "replace")
        pos = end + 1
        if header.endswith(" missing"):
            blobs[spec] = None
            continue
        size = int(header.rsplit(" ", 1)[1])
        blobs[spec] = out[pos : pos + size]
        pos += size + 1
    return blobs


def origin_url(repo: Path) -> str | None:
    try:
        url = _git(repo, "remote", "get-url", "origin").decode().strip()
    except GitError:
        return None
    if url.startswith(("https://", "http://")):
        return url.removesuffix(".git").rstrip("/")
    return None


def file_url(repo: Path, origin: str | None, commit: str, path: str) -> str:
    if origin:
        return f"{origin}/blob/{commit}/{path}".replace(" ", "%20")
    return f"{repo.resolve().as_uri()}#{commit}:{path}".replace(" ", "%20")


def git_records(
    repo: Path,
    minter: Minter,
    store: KGStore,
    rev: str = "HEAD",
    origin: str | None = None,
    names: Collection[str] = (),
) -> Iterator[RecordItem]:
    """Every model file's versions (of the files ``names``, when given) as items to write:
    per file, its kept versions (those not in ``store`` yet) and then its current record. A
    version that does not parse or fails MOT's schema is a :class:`RecordError` naming
    ``file@commit``; the others still come."""
    histories = file_histories(repo, rev)
    if names:
        unknown = sorted(set(names) - {h.name for h in histories})
        if unknown:
            raise GitError(f"{repo}: no {MODELS}/{unknown[0]} at {rev}")
        histories = [h for h in histories if h.name in names]
    origin = origin or origin_url(repo)
    specs = [f"{v.commit}:{v.path}" for h in histories for v in h.versions]
    blobs = read_blobs(repo, specs)
    for hist in histories:
        records: list[tuple[FileVersion, Record]] = []
        for v in hist.versions:
            label = f"{hist.name}@{v.commit[:12]}"
            data = blobs.get(f"{v.commit}:{v.path}")
            if data is None:
                yield RecordError(label, f"no blob for {v.path} at {v.commit}")
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield RecordError(label, f"not UTF-8: {exc}")
                continue
            prov = Provenance(file_url(repo, origin, v.commit, v.path), v.date, v.path)
            try:
                records.append((v, transform_text(text, hist.name, prov, minter)))
            except RecordError as exc:
                yield RecordError(label, exc.problem)
        if not records:
            continue
        yield from _versions_of(records, minter, store)


def _versions_of(
    records: list[tuple[FileVersion, Record]], minter: Minter, store: KGStore
) -> Iterator[Record]:
    graph = records[-1][1].graph
    digests = [stored_digest(r.triples) for _, r in records]
    kept: list[Record] = []
    for i in range(len(records) - 1):
        if digests[i] == digests[i + 1]:
            continue
        successor = minter.record_version(graph, digests[i + 1])
        when = Literal(records[i + 1][0].date.isoformat(), datatype=XSD.dateTime)
        kept.append(
            version_record(
                graph,
                records[i][1].triples,
                minter,
                successor=successor,
                digest=digests[i],
                invalidated_at=when,
            )
        )
    have = set(existing_graphs(store, [k.graph for k in kept]))
    yield from (k for k in kept if k.graph not in have)
    yield records[-1][1]
