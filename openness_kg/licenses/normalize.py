"""The licence normaliser: from the licence strings people write to licence ids.

``normalize(text)`` never raises on a string and never guesses. It tries, in order:

1. ``none``: an explicit statement that no identifiable licence is given (``unlicensed``,
   ``Undisclosed``, ``unknown``, ``other`` without a name, empty...);
2. ``exact``: an SPDX id, a Hub id or a ``LicenseRef-okg-*`` id, ignoring case (an SPDX id spelt
   exactly wins over a Hub id: ``GPL-3.0`` is the deprecated SPDX id, ``gpl-3.0`` the Hub id);
3. ``alias``: a known name or spelling of one licence (``Apache 2.0``, ``MIT license``,
   ``Llama 3.1 Community License Agreement``), compared case- and punctuation-insensitively;
4. ``url``: a licence URL (spdx.org, opensource.org, choosealicense.com, creativecommons.org, and
   the URLs of the curated licences);
5. ``expression``: an SPDX expression (``Apache-2.0 OR MIT``), parsed by ``license-expression``,
   every licence in it known;
6. ``unmatched``: anything else, with a note saying why: a finding, not an error.

The result's ``licence`` is the SPDX id, else the Hub id, else the ``LicenseRef-okg-`` id, or the
normalised expression, or ``""``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit

from .catalog import LICENSE_REF_PREFIX, catalog, fold, resolve_id

MATCH_KINDS = ("exact", "alias", "expression", "url", "none", "unmatched")
MAX_LENGTH = 1000  # longer strings are not licence statements (and are never cached)

# An expression tree: ("ID", id) | ("WITH", id, exception) | ("OR"|"AND", (child, ...))
Tree = tuple[Any, ...]


@dataclass(frozen=True)
class Normalized:
    """The result of normalising one licence string."""

    input: str
    licence: str
    match: str
    ids: tuple[str, ...] = ()
    operator: str | None = None
    note: str = ""
    tree: Tree | None = field(default=None, compare=False, repr=False)

    @property
    def matched(self) -> bool:
        """True when the string was resolved to one or more licences."""
        return self.match in ("exact", "alias", "expression", "url")


def normalize(text: str) -> Normalized:
    """Normalise one licence string (cached; safe on any input)."""
    if text is None:
        return Normalized("", "", "none", note="no licence given (null)")
    if not isinstance(text, str):
        return Normalized(repr(text)[:200], "", "unmatched", note="not a string")
    if len(text) > MAX_LENGTH:
        return Normalized(
            text, "", "unmatched", note=f"longer than {MAX_LENGTH} characters: not a licence"
        )
    return _normalize_cached(text)


def normalize_many(texts: list[str]) -> list[Normalized]:
    return [normalize(t) for t in texts]


def is_open_expression(result: Normalized, predicate: Callable[[str], bool]) -> bool:
    """Whether ``result`` is open under ``predicate`` (a test on one licence id):
    ``A OR B`` is open if either is, ``A AND B`` only if both are; a single licence if it is.
    An exception (``WITH``) does not change the verdict of its licence. Unmatched and ``none``
    results are never open."""
    if not result.matched:
        return False
    if result.tree is None:
        return all(predicate(i) for i in result.ids) if result.ids else False
    return _eval(result.tree, predicate)


def _eval(tree: Tree, predicate: Callable[[str], bool]) -> bool:
    kind = tree[0]
    if kind in ("ID", "WITH"):
        return predicate(tree[1].rstrip("+"))
    children = tree[1]
    if kind == "OR":
        return any(_eval(c, predicate) for c in children)
    return all(_eval(c, predicate) for c in children)


# --- the matcher ---------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _normalize_cached(text: str) -> Normalized:
    stripped = text.strip()
    if _has_control(stripped):
        return Normalized(text, "", "unmatched", note="contains control characters")
    t = _tables()
    key = fold(stripped)
    if key in t.none_exact or any(key.startswith(p) for p in t.none_prefixes):
        return Normalized(text, "", "none", note="an explicit statement that no licence is given")
    lid = resolve_id(stripped)
    if lid is not None:
        return Normalized(text, lid, "exact", (lid,), note=_exact_note(stripped, lid))
    lid, how = _alias(key) if _name_like(stripped) else (None, "")
    if lid is not None:
        return Normalized(text, lid, "alias", (lid,), note=how)
    if _looks_like_url(stripped):
        lid = _url(stripped)
        if lid is not None:
            return Normalized(text, lid, "url", (lid,), note="a licence URL")
        return Normalized(text, "", "unmatched", note="a URL that is not a known licence URL")
    if "," in stripped or ";" in stripped:
        why = "several items in one string; free text is not split or guessed"
        return Normalized(text, "", "unmatched", note=why)
    if _looks_like_expression(stripped):
        return _expression(text, stripped)
    why = "not a licence id, known licence name, SPDX expression or licence URL"
    return Normalized(text, "", "unmatched", note=why)


_NOT_IN_NAMES = re.compile(r"[<>{}\[\];|\\=`]")


def _name_like(text: str) -> bool:
    """Whether punctuation-insensitive name matching may be tried: no syntax characters, and
    parentheses balanced (``(((MIT`` is not a spelling of MIT)."""
    return not _NOT_IN_NAMES.search(text) and text.count("(") == text.count(")")


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in text)


@dataclass(frozen=True)
class _Tables:
    aliases: dict[str, str]  # folded name/spelling -> id
    urls: dict[str, str]  # normalised URL -> id
    none_exact: frozenset[str]
    none_prefixes: tuple[str, ...]


@cache
def _tables() -> _Tables:
    cat = catalog()
    candidates: dict[str, set[str]] = {}
    for e in cat.entries.values():
        names = [e.name, *e.aliases]
        if e.spdx or e.id.startswith(LICENSE_REF_PREFIX):
            names.append(e.id)
        if e.hub_id:
            names.append(e.hub_id)
        for name in names:
            k = fold(name)
            if k:
                candidates.setdefault(k, set()).add(e.id)
    # a spelling that could mean two licences is no alias of either, unless all but one of them
    # are deprecated SPDX ids (a deprecated id shares its name with its replacement)
    aliases: dict[str, str] = {}
    for k, ids in candidates.items():
        current = [i for i in ids if not cat.entries[i].deprecated]
        if len(ids) == 1 or len(current) == 1:
            aliases[k] = current[0] if current else next(iter(ids))
    urls: dict[str, str] = {}
    for e in cat.entries.values():
        for u in (e.url, e.text):
            if u and not e.spdx:
                urls.setdefault(_url_key(u), e.id)
    return _Tables(aliases, urls, cat.none_exact, cat.none_prefixes)


def _exact_note(text: str, lid: str) -> str:
    entry = catalog().entries[lid]
    kind = "SPDX id" if entry.spdx else ("Hub id" if entry.hub_id else "LicenseRef id")
    if entry.hub_id and text.lower() == entry.hub_id.lower() and text != lid:
        kind = "Hub id"
    note = f"{kind} {text!r}" + (f" -> {lid}" if text != lid else "")
    if entry.deprecated:
        note += " (a deprecated SPDX id)"
    return note


_DROP_WORDS = re.compile(r"\b(?:version|the)\b\s*")
_TRAILING = (" license agreement", " agreement", " license")


def _alias(key: str) -> tuple[str | None, str]:
    aliases = _tables().aliases
    if key in aliases:
        return aliases[key], "a known name or spelling"
    variant = " ".join(_DROP_WORDS.sub("", re.sub(r"\bv(?=\d)", "", key)).split())
    if variant in aliases:
        return aliases[variant], "a known name, ignoring 'version'/'v'/'the'"
    for suffix in _TRAILING:
        if variant.endswith(suffix) and variant[: -len(suffix)] in aliases:
            return aliases[variant[: -len(suffix)]], f"a known name, ignoring a trailing{suffix!r}"
    return None, ""


# --- URLs ----------------------------------------------------------------------------------------

_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_CC = re.compile(
    r"^creativecommons\.org/licenses/(by(?:-nc)?(?:-nd|-sa)?)/(\d\.\d)(?:/([a-z]{2,}))?$"
)


def _looks_like_url(text: str) -> bool:
    return bool(_URL.match(text))


def _url_key(url: str) -> str:
    u = url.strip()
    if not re.match(r"^[a-z]+://", u, re.IGNORECASE):
        u = "http://" + u
    parts = urlsplit(u)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    for suffix in ("/legalcode", "/deed.en", "/deed", ".html", ".json", ".txt", ".php", ".pdf"):
        if path.lower().endswith(suffix) and not path.lower().endswith("license.pdf"):
            path = path[: -len(suffix)]
    return f"{host}{path.rstrip('/')}"


def _url(text: str) -> str | None:
    try:
        key = _url_key(text)
    except ValueError:
        return None
    known = _tables().urls.get(key)
    if known:
        return known
    host, _, path = key.partition("/")
    last = path.rsplit("/", 1)[-1] if path else ""
    if host == "spdx.org" and path.startswith("licenses/"):
        return resolve_id(last)
    if host in ("opensource.org", "choosealicense.com") and path.startswith(
        ("licenses/", "license/")
    ):
        return resolve_id(last) or resolve_id(re.sub(r"(\d)-(\d)", r"\1.\2", last))
    m = _CC.match(key)
    if m:
        elements, version, port = m.groups()
        lid = f"CC-{elements.upper()}-{version}" + (f"-{port.upper()}" if port else "")
        return resolve_id(lid)
    if key == "creativecommons.org/publicdomain/zero/1.0":
        return "CC0-1.0"
    if host in ("apache.org", "gnu.org") and path.startswith("licenses/"):
        return _VENDOR_URLS.get(last.lower())
    return None


# The licence steward's own URLs of SPDX licences (apache.org/licenses/LICENSE-2.0,
# gnu.org/licenses/gpl-3.0): the last path segment, after ``_url_key`` drops ``.html``/``.txt``.
_VENDOR_URLS = {
    "license-2.0": "Apache-2.0",
    "gpl-2.0": "GPL-2.0-only",
    "gpl-3.0": "GPL-3.0-only",
    "lgpl-2.1": "LGPL-2.1-only",
    "lgpl-3.0": "LGPL-3.0-only",
    "agpl-3.0": "AGPL-3.0-only",
}


# --- SPDX expressions ----------------------------------------------------------------------------

_EXPR_HINT = re.compile(r"\s(?:or|and|with)\s|[()]|\+$", re.IGNORECASE)


def _looks_like_expression(text: str) -> bool:
    return bool(_EXPR_HINT.search(text))


@cache
def _licensing() -> Any:
    from license_expression import get_spdx_licensing  # heavy: loaded only for expressions

    return get_spdx_licensing()


def _expression(text: str, stripped: str) -> Normalized:
    from license_expression import ExpressionError

    licensing = _licensing()
    try:
        parsed = licensing.parse(stripped, validate=False, strict=False)
    except (ExpressionError, Exception) as exc:  # the parser raises several error types
        return Normalized(text, "", "unmatched", note=f"not a valid SPDX expression: {exc}")
    if parsed is None:
        return Normalized(text, "", "unmatched", note="an empty expression")
    try:
        tree = _tree(parsed, licensing)
    except _UnknownLicense as exc:
        return Normalized(
            text, "", "unmatched", note=f"an expression naming an unknown licence: {exc}"
        )
    ids = tuple(dict.fromkeys(_ids(tree)))
    rendered = _render(tree, top=True)
    operator = tree[0] if tree[0] in ("OR", "AND") else None
    return Normalized(
        text, rendered, "expression", ids, operator, note="an SPDX expression", tree=tree
    )


class _UnknownLicense(ValueError):
    pass


def _resolve(key: str) -> str:
    base, plus = (key[:-1], "+") if key.endswith("+") and len(key) > 1 else (key, "")
    lid = resolve_id(base)
    if lid is None:
        lid, _ = _alias(fold(base))
    if lid is None:
        raise _UnknownLicense(key)
    return lid + plus


def _tree(node: Any, licensing: Any) -> Tree:
    from license_expression import LicenseSymbol, LicenseWithExceptionSymbol

    if isinstance(node, LicenseWithExceptionSymbol):
        return ("WITH", _resolve(node.license_symbol.key), node.exception_symbol.key)
    if isinstance(node, LicenseSymbol):
        return ("ID", _resolve(node.key))
    op = "AND" if isinstance(node, licensing.AND) else "OR"
    return (op, tuple(_tree(arg, licensing) for arg in node.args))


def _ids(tree: Tree) -> list[str]:
    if tree[0] in ("ID", "WITH"):
        return [tree[1].rstrip("+")]
    return [i for child in tree[1] for i in _ids(child)]


def _render(tree: Tree, top: bool = False) -> str:
    if tree[0] == "ID":
        return str(tree[1])
    if tree[0] == "WITH":
        return f"{tree[1]} WITH {tree[2]}"
    inner = f" {tree[0]} ".join(_render(c) for c in tree[1])
    return inner if top else f"({inner})"
