"""The licence normaliser: from the licence strings people write to licence ids.

``normalize(text)`` never raises on a string and never guesses. It tries, in order:

1. ``none``: an explicit statement that no identifiable licence is given. Every non-answer
   (``unlicensed``, ``Undisclosed``, ``unknown``, ``None``, ``Unclear``, ``NA``, ``Mixed``,
   empty..., also with a remark in parentheses: ``Unknown (Apache-2.0?)``) gives this one
   outcome: no licence id, never open. The Hub's ``other`` is no non-answer: it means "a licence
   not in the Hub's list" and is the Hub id ``other`` (category ``none-declared``: no
   identifiable licence);
2. ``exact``: an SPDX id, a Hub id or a ``LicenseRef-okg-*`` id, ignoring case (an SPDX id spelt
   exactly wins over a Hub id: ``GPL-3.0`` is the deprecated SPDX id, ``gpl-3.0`` the Hub id);
3. ``alias``: a known name or spelling of one licence (``Apache 2.0``, ``MIT license``,
   ``Llama 3.1 Community License Agreement``), compared case- and punctuation-insensitively;
   or a ScanCode licence key (``bsd-new``, ``gpl-3.0-plus``, ``python``), read from the ScanCode
   licence index that ``license-expression`` ships, when ScanCode maps it to an SPDX id the
   catalogue has;
4. ``url``: a licence URL (spdx.org, opensource.org, choosealicense.com, creativecommons.org, and
   the URLs of the curated licences);
5. ``expression``: an SPDX expression (``Apache-2.0 OR MIT``), parsed by ``license-expression``,
   every licence in it known and every ``WITH`` exception on the SPDX exception list (an
   exception ScanCode knows that SPDX does not list, such as the Commons Clause, a restriction,
   is kept in the expression and makes it not open; an unknown one leaves it unmatched);
6. ``unmatched``: anything else, with a note saying why: a finding, not an error.

Openness of an expression (:func:`is_open_expression`): open only when every licence in it is
open and every exception is an SPDX exception, whatever the operators. A record does not say
which alternative of an ``OR`` applies, and an operand that is no licence (``unknown OR MIT``)
or not open must not make the statement open.

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

# An expression tree: ("ID", id, suffix) | ("WITH", id, suffix, exception, spdx_exception)
# | ("OR"|"AND", (child, ...)); ``suffix`` is "+" for "or later", else "".
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

    @property
    def single(self) -> str | None:
        """The one licence the string names, with nothing added: the licence of an exact, alias
        or url match, or of an expression of one licence without an exception (``MIT+``);
        ``None`` for several licences, an exception, or no licence."""
        if self.match in ("exact", "alias", "url"):
            return self.licence
        if self.match == "expression" and self.tree is not None and self.tree[0] == "ID":
            return str(self.tree[1])
        return None


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


def is_open_expression(result: Normalized, predicate: Callable[[str], bool]) -> bool:
    """Whether ``result`` is open under ``predicate`` (a test on one licence id): a single
    licence if it is; an expression only when every licence in it is, and every ``WITH``
    exception is on the SPDX exception list (an added permission; the Commons Clause, a
    restriction, is not), whatever its operators (see the module docstring). Unmatched and
    ``none`` results are never open."""
    if not result.matched:
        return False
    if result.tree is None:
        return all(predicate(i) for i in result.ids) if result.ids else False
    return _eval(result.tree, predicate)


def _eval(tree: Tree, predicate: Callable[[str], bool]) -> bool:
    kind = tree[0]
    if kind == "ID":
        return predicate(tree[1])
    if kind == "WITH":
        return bool(tree[4]) and predicate(tree[1])
    return all(_eval(c, predicate) for c in tree[1])


# --- the matcher ---------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _normalize_cached(text: str) -> Normalized:
    stripped = text.strip()
    if _has_control(stripped):
        return Normalized(text, "", "unmatched", note="contains control characters")
    key = fold(stripped)
    if _is_non_answer(stripped, key):
        return Normalized(text, "", "none", note="an explicit statement that no licence is given")
    lid = resolve_id(stripped)
    if lid is not None:
        return Normalized(text, lid, "exact", (lid,), note=_exact_note(stripped, lid))
    lid, how = _alias(key) if _name_like(stripped) else (None, "")
    if lid is None:
        lid, how = _scancode(stripped)
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


_NOT_IN_NAMES = re.compile(r"[<>{};|\\=`]")
_REMARK = re.compile(r"^(.*?)\s*\((.*)\)$")


def _name_like(text: str) -> bool:
    """Whether punctuation-insensitive name matching may be tried: no syntax characters, and
    parentheses and brackets balanced (``(((MIT`` is not a spelling of MIT), and a bracket
    only inside a name (``FLUX [dev] Non-Commercial License``; ``[MIT]`` is no name)."""
    return (
        not _NOT_IN_NAMES.search(text)
        and text.count("(") == text.count(")")
        and text.count("[") == text.count("]")
        and not text.startswith("[")
    )


def _is_non_answer(text: str, key: str) -> bool:
    """An explicit non-answer, also followed by a remark in parentheses (``Unknown (Apache-2.0?)``:
    the remark is a guess, not a statement of the licence)."""
    t = _tables()
    if key in t.none_exact or any(key.startswith(p) for p in t.none_prefixes):
        return True
    m = _REMARK.match(text)
    return m is not None and bool(m.group(1).strip()) and fold(m.group(1)) in t.none_exact


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


@cache
def _scancode_keys() -> dict[str, tuple[str, bool]]:
    """ScanCode licence keys (lower case) -> (SPDX key, is an exception), from the ScanCode
    licence index bundled with ``license-expression`` (its ``spdx_license_key`` and
    ``other_spdx_license_keys``: the SPDX ids ScanCode maps each key to)."""
    from license_expression import get_license_index

    out: dict[str, tuple[str, bool]] = {}
    for entry in get_license_index():
        spdx = entry.get("spdx_license_key")
        if not spdx:
            continue
        is_exception = bool(entry.get("is_exception"))
        out.setdefault(str(entry["license_key"]).lower(), (spdx, is_exception))
        for other in entry.get("other_spdx_license_keys") or []:
            out.setdefault(str(other).lower(), (spdx, is_exception))
        out.setdefault(spdx.lower(), (spdx, is_exception))
    return out


def _scancode(text: str) -> tuple[str | None, str]:
    """A ScanCode licence key that ScanCode maps to an SPDX licence the catalogue has."""
    hit = _scancode_keys().get(text.strip().lower())
    if hit is None or hit[1]:
        return None, ""
    lid = resolve_id(hit[0])
    if lid is None:
        return None, ""
    return lid, f"a ScanCode licence key ({text.strip()} -> {hit[0]})"


@cache
def spdx_exception_ids() -> dict[str, str]:
    """The SPDX licence exceptions (lower case -> SPDX spelling): the exceptions of the
    ScanCode index whose SPDX key is not a ``LicenseRef-`` (ScanCode tracks the SPDX
    exception list)."""
    return {
        key: spdx
        for key, (spdx, is_exception) in _scancode_keys().items()
        if is_exception and not spdx.startswith("LicenseRef-") and key == spdx.lower()
    }


def _exception(key: str) -> tuple[str, bool] | None:
    """An exception key as (its SPDX or ScanCode ``LicenseRef-scancode-`` key, whether it is
    on the SPDX exception list); ``None`` when no list knows it."""
    spdx = spdx_exception_ids().get(key.lower())
    if spdx is not None:
        return spdx, True
    hit = _scancode_keys().get(key.lower())
    if hit is not None and hit[1]:
        return hit[0], False
    return None


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
    except _NotALicence as exc:
        why = f"{exc} in an expression is a statement that no licence is known, not a licence"
        return Normalized(text, "", "unmatched", note=why)
    except _UnknownLicense as exc:
        return Normalized(
            text, "", "unmatched", note=f"an expression naming an unknown licence: {exc}"
        )
    except _UnknownException as exc:
        why = f"an expression naming an exception on neither the SPDX nor ScanCode list: {exc}"
        return Normalized(text, "", "unmatched", note=why)
    ids = tuple(dict.fromkeys(_ids(tree)))
    rendered = _render(tree, top=True)
    operator = tree[0] if tree[0] in ("OR", "AND") else None
    restrictions = sorted({w[3] for w in _withs(tree) if not w[4]})
    note = "an SPDX expression"
    if restrictions:
        note += (
            f"; {', '.join(restrictions)} is not an SPDX exception (ScanCode lists it; it "
            "restricts rather than adds permissions): not open"
        )
    return Normalized(text, rendered, "expression", ids, operator, note=note, tree=tree)


class _UnknownLicense(ValueError):
    pass


class _UnknownException(ValueError):
    pass


class _NotALicence(ValueError):
    pass


def _resolve(key: str) -> tuple[str, str]:
    """An operand as (catalogue id, "+" or ""): the whole key first (``openrail++`` is a Hub
    id), then without a trailing ``+`` ("or later"), each as an id, a name or a ScanCode key."""
    if fold(key) in _tables().none_exact:
        raise _NotALicence(repr(key))
    candidates = [(key, "")]
    if key.endswith("+") and len(key) > 1:
        candidates.append((key[:-1], "+"))
    for base, plus in candidates:
        lid = resolve_id(base) or _alias(fold(base))[0] or _scancode(base)[0]
        if lid is not None:
            return lid, plus
    raise _UnknownLicense(key)


def _tree(node: Any, licensing: Any) -> Tree:
    from license_expression import LicenseSymbol, LicenseWithExceptionSymbol

    if isinstance(node, LicenseWithExceptionSymbol):
        exc_key = str(node.exception_symbol.key)
        exc = _exception(exc_key)
        if exc is None:
            raise _UnknownException(exc_key)
        return ("WITH", *_resolve(node.license_symbol.key), *exc)
    if isinstance(node, LicenseSymbol):
        return ("ID", *_resolve(node.key))
    op = "AND" if isinstance(node, licensing.AND) else "OR"
    return (op, tuple(_tree(arg, licensing) for arg in node.args))


def _ids(tree: Tree) -> list[str]:
    if tree[0] in ("ID", "WITH"):
        return [tree[1]]
    return [i for child in tree[1] for i in _ids(child)]


def _withs(tree: Tree) -> list[Tree]:
    if tree[0] == "WITH":
        return [tree]
    if tree[0] == "ID":
        return []
    return [w for child in tree[1] for w in _withs(child)]


def _render(tree: Tree, top: bool = False) -> str:
    if tree[0] == "ID":
        return f"{tree[1]}{tree[2]}"
    if tree[0] == "WITH":
        return f"{tree[1]}{tree[2]} WITH {tree[3]}"
    inner = f" {tree[0]} ".join(_render(c) for c in tree[1])
    return inner if top else f"({inner})"
