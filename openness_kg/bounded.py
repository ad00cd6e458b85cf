"""Reading YAML and JSON that nobody here wrote, within bounds.

:func:`load_yaml` is the one YAML loader of every ingester (model-card front matter, MOT model
files, and the index-file ingester). It reads with the **YAML 1.2 core schema** (YAML 1.2.2,
section 10.3.2), as the Hugging Face Hub reads card metadata: ``no``, ``yes``, ``on`` and
``off`` are strings (YAML 1.1 made them booleans: Norway's ``- no`` became ``False``), only
``true``/``false`` are booleans, ``012`` is twelve, ``0o17`` and ``0x1F`` are octal and hex,
and dates stay the strings written. There are no merge keys (``<<`` is a plain key). Mapping
keys are the text written (``1: x`` has the key ``"1"``), as in JSON. A tag outside the core
schema (``!!binary``, ``!!timestamp``, ``!local``) is ignored with a warning naming its path,
and so is a key given twice (the last counts, as in JSON) or a key that is a list or mapping.

Parsing is libyaml's, through PyYAML's event parser (``CSafeLoader``); the values are built
here from the events, by the core schema, and bounded: a document may be nested at most
``max_depth`` levels and hold at most ``max_nodes`` nodes once every alias is expanded (the
"billion laughs" file of a few hundred bytes names 9**9 nodes: it is refused when the count
passes ``max_nodes``, having built a few hundred), and an alias may not point into its own
anchor. (ruamel.yaml reads YAML 1.2 too, but its 1.2 resolver is not the core schema: it
keeps timestamps, ``1_000`` integers and merge keys; and its pure-Python reader took 35 ms a
MOT file against 2.5 ms for libyaml: ``benchmarks/bench_bounded_input.py``.)

:func:`load_json` bounds size and depth the same way (a body nested ten million levels deep
is a one-line error, not a ``RecursionError``). Both raise :class:`InputError`, whose
message is one line; callers turn it into a per-record error.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 100
MAX_NODES = 1_000_000

_CORE = "tag:yaml.org,2002:"
# YAML 1.2.2, 10.3.2 "Tag Resolution" (the core schema), in its order
_CORE_RESOLVERS = [
    ("null", re.compile(r"null|Null|NULL|~|")),
    ("bool", re.compile(r"true|True|TRUE|false|False|FALSE")),
    ("int", re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")),
    (
        "float",
        re.compile(
            r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
            r"|[-+]?(\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN"
        ),
    ),
]
_RESOLVER = dict(_CORE_RESOLVERS)
_EVENTS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser where installed


class InputError(ValueError):
    """Input that cannot be read, or is out of bounds; the message is one line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(" ".join(message.split()))
        self.line = line  # the line of the problem, where known


@dataclass
class Loaded:
    """A loaded document and the warnings reading it gave (each naming its path)."""

    data: Any
    warnings: list[str] = field(default_factory=list)


def _path(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def _where(where: str) -> str:
    return where or "(top)"


def _scalar(event: Any, where: str, warnings: list[str]) -> Any:
    """A scalar event's value: plain scalars by the core schema, quoted ones are strings."""
    value: str = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if not event.implicit[0] or tag == "!":
            return value  # quoted, or the non-specific tag '!': a string
        name = next((n for n, rx in _CORE_RESOLVERS if rx.fullmatch(value)), "str")
    elif tag.startswith(_CORE) and tag[len(_CORE) :] in (*_RESOLVER, "str"):
        name = tag[len(_CORE) :]
        if name != "str" and not _RESOLVER[name].fullmatch(value):
            warnings.append(f"{_where(where)}: {value[:40]!r} is no {tag}; read as the text")
            return value
    else:
        warnings.append(f"{_where(where)}: tag {tag} ignored; read as the text written")
        return value
    if name == "str":
        return value
    if name == "null":
        return None
    if name == "bool":
        return value.lower() == "true"
    if name == "int":
        try:
            if value.startswith(("0o", "0x")):
                return int(value[2:], 8 if value[1] == "o" else 16)
            return int(value)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            warnings.append(f"{_where(where)}: a number too long to read; kept as text")
            return value
    low = value.lower().lstrip("+")
    if low in (".inf", "-.inf", ".nan"):
        return {".inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}[low]
    return float(value)


@dataclass
class _Open:
    """A sequence or mapping being built."""

    value: list[Any] | dict[str, Any]
    where: str
    anchor: str | None
    start: int  # nodes counted when it opened
    key: str | None = None  # a mapping's key awaiting its value
    key_line: int = 0
    skip: bool = False  # the value of a key that is a list or mapping: built, then dropped
    lines: dict[str, int] = field(default_factory=dict)


class _Composer:
    """libyaml's events -> plain Python (str/int/float/bool/None, lists, dicts with string
    keys), counting nodes with every alias expanded and the nesting depth as it goes."""

    def __init__(self, max_depth: int, max_nodes: int, first_line: int) -> None:
        self.max_depth, self.max_nodes, self.first_line = max_depth, max_nodes, first_line
        self.nodes = 0
        # anchor -> (value, expanded size, the text written when it is a scalar)
        self.anchors: dict[str, tuple[Any, int, str | None]] = {}
        self.open_anchors: set[str] = set()
        self.stack: list[_Open] = []
        self.warnings: list[str] = []
        self.root: Any = None
        self.done = False

    def _fail(self, message: str, event: Any) -> InputError:
        line = event.start_mark.line + self.first_line if event.start_mark else None
        return InputError(message + (f" (line {line})" if line else ""), line)

    def _count(self, n: int, event: Any) -> None:
        self.nodes += n
        if self.nodes > self.max_nodes:
            raise self._fail(
                f"more than {self.max_nodes} nodes once aliases are expanded (an alias bomb?)",
                event,
            )

    def _here(self) -> str:
        """The path of the next value."""
        if not self.stack:
            return ""
        top = self.stack[-1]
        if isinstance(top.value, list):
            return _path(top.where, len(top.value))
        return _path(top.where, top.key) if top.key is not None else top.where

    def _put(self, value: Any, event: Any, text: str | None) -> None:
        """A finished value into its container (or as the root); ``text`` is the text
        written when the value is a scalar (a key is that text)."""
        if not self.stack:
            self.root, self.done = value, True
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
            return
        if top.key is None and not top.skip:  # this value is a key
            line = event.start_mark.line + self.first_line
            if text is None:
                self.warnings.append(
                    f"{_where(top.where)}: a key that is a list or mapping (line {line}) ignored"
                )
                top.skip = True
                return
            top.key, top.key_line = text, line
            return
        if top.skip:
            top.skip = False
            return
        key = top.key
        assert key is not None
        if key in top.value:
            self.warnings.append(
                f"{_path(top.where, key)}: given twice (lines {top.lines[key]} and "
                f"{top.key_line}); the last counts"
            )
        top.value[key] = value
        top.lines[key] = top.key_line
        top.key = None

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self._count(1, event)
            key_position = bool(self.stack) and isinstance(self.stack[-1].value, dict)
            key_position = key_position and self.stack[-1].key is None and not self.stack[-1].skip
            value = event.value if key_position else _scalar(event, self._here(), self.warnings)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1, event.value)
            self._put(value, event, event.value)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if len(self.stack) >= self.max_depth:
                raise self._fail(f"nested deeper than {self.max_depth} levels", event)
            self._count(1, event)
            if event.tag not in (None, "!", _CORE + "seq", _CORE + "map"):
                self.warnings.append(f"{_where(self._here())}: tag {event.tag} ignored")
            box: list[Any] | dict[str, Any] = (
                [] if isinstance(event, yaml.SequenceStartEvent) else {}
            )
            if event.anchor is not None:
                self.open_anchors.add(event.anchor)
            self.stack.append(_Open(box, self._here(), event.anchor, self.nodes - 1))
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            done = self.stack.pop()
            if done.anchor is not None:
                self.open_anchors.discard(done.anchor)
                self.anchors[done.anchor] = (done.value, self.nodes - done.start, None)
            self._put(done.value, event, None)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor in self.open_anchors:
                raise self._fail(f"alias *{event.anchor} points into its own anchor", event)
            if event.anchor not in self.anchors:
                raise self._fail(f"malformed YAML: found undefined alias *{event.anchor}", event)
            value, size, text = self.anchors[event.anchor]
            self._count(size, event)
            self._put(value, event, text)  # shared, as in PyYAML and JSON parsers' output
        elif isinstance(event, yaml.DocumentStartEvent) and self.done:
            raise self._fail("malformed YAML: more than one document", event)


def _yaml_error(exc: yaml.YAMLError, first_line: int, max_depth: int) -> InputError:
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return InputError(f"malformed YAML: {problem}")
    line = mark.line + first_line
    if "maximum nesting depth" in str(problem):  # libyaml's own bound (1000) on flow nesting
        return InputError(f"nested deeper than {max_depth} levels (line {line})", line)
    return InputError(f"malformed YAML: {problem} (line {line}, column {mark.column + 1})", line)


def load_yaml(
    text: str,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_nodes: int = MAX_NODES,
    first_line: int = 1,
) -> Loaded:
    """One YAML document (1.2 core schema) -> plain Python, or :class:`InputError`.

    ``first_line`` is the line of the file the text starts on (front matter starts on 2), so
    messages name the file's own lines."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise InputError(f"too large: {size} bytes (limit {max_bytes} bytes)")
    composer = _Composer(max_depth, max_nodes, first_line)
    try:
        for event in yaml.parse(text, Loader=_EVENTS):
            composer.feed(event)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, first_line, max_depth) from None
    except UnicodeEncodeError as exc:  # a lone surrogate
        raise InputError(f"malformed YAML: not Unicode text ({exc.reason})") from None
    return Loaded(composer.root, composer.warnings)


def _too_deep(data: Any, max_depth: int) -> bool:
    """Whether containers nest deeper than ``max_depth``: one level at a time, containers
    only (no recursion)."""
    level = [data] if isinstance(data, dict | list) else []
    depth = 1
    while level:
        if depth > max_depth:
            return True
        below: list[Any] = []
        for v in level:
            for c in v.values() if isinstance(v, dict) else v:
                if isinstance(c, dict | list):
                    below.append(c)
        level, depth = below, depth + 1
    return False


def load_json(
    text: str | bytes, *, max_bytes: int = 20 * 1024 * 1024, max_depth: int = MAX_DEPTH
) -> Any:
    """JSON text -> object, or :class:`InputError` (too large, too deep, not JSON)."""
    if len(text) > max_bytes:
        raise InputError(f"too large: {len(text)} bytes (limit {max_bytes} bytes)")
    try:
        data = json.loads(text)
    except RecursionError:
        raise InputError(f"not valid JSON: nested deeper than {max_depth} levels") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, too many digits
        raise InputError(f"not valid JSON: {exc}") from None
    if _too_deep(data, max_depth):
        raise InputError(f"nested deeper than {max_depth} levels")
    return data
