"""What the computed frameworks ask of a licence, read from the licence knowledge base.

- :func:`osi_approved`: the SPDX ``isOsiApproved`` flag (OSAID's test for code, checklist-mof
  "Available under OSI-approved license"); an expression by OR/AND.
- :func:`use_terms`: ``unrestricted``, ``restricted`` or ``None`` (the knowledge base cannot
  tell). OSAID 1.0 asks parameters to be under "OSI-approved terms", of which no list exists;
  our rule (``RULE``) reads it as terms with no use, field, user-count or commercial restriction
  and no ban on derivatives (the definition's freedoms to use for any purpose and to modify).
  Restricted: the terms say no commercial use, a use restriction, a user threshold or no
  derivatives, or the licence's category is non-commercial, no-derivatives or
  open-weights-restricted (positive evidence). Unrestricted: OSI-approved (the Open Source
  Definition's clauses 5 and 6 forbid discrimination against persons, groups and fields of
  endeavour), or verified terms that permit commercial use and derivatives with no use
  restriction or user threshold. Anything else: unknown.
"""

from __future__ import annotations

from functools import cache

from ..licenses import kb
from ..licenses.normalize import Normalized, is_open_expression

UNRESTRICTED, RESTRICTED = "unrestricted", "restricted"
RULE = (
    "parameters/weights terms: unrestricted = OSI-approved, or verified terms permitting "
    "commercial use and derivatives without use restriction or user threshold; restricted = "
    "terms or category forbidding commercial use or derivatives, use restrictions, user "
    "threshold; otherwise unknown"
)
_RESTRICTED_CATEGORIES = frozenset({"non-commercial", "no-derivatives", "open-weights-restricted"})


@cache
def _osi(lid: str) -> bool:
    info = kb.get(lid)
    return info is not None and info.osi_approved


@cache
def _terms(lid: str) -> str | None:
    info = kb.get(lid)
    if info is None:
        return None
    t = info.terms

    def val(key: str) -> object:
        term = t.get(key)
        return None if term is None else term.value

    if (
        val("commercial_use") is False
        or val("derivatives") is False
        or val("use_restrictions") is True
        or val("user_threshold") is not None
        or info.category in _RESTRICTED_CATEGORIES
    ):
        return RESTRICTED
    if info.osi_approved:
        return UNRESTRICTED
    if (
        info.status == "verified"
        and val("commercial_use") is True
        and val("derivatives") is True
        and val("use_restrictions") in (None, False)
    ):
        return UNRESTRICTED
    return None


def osi_approved(n: Normalized) -> bool:
    return n.matched and is_open_expression(n, _osi)


def use_terms(n: Normalized) -> str | None:
    """Three-valued, by the expression's semantics: ``A OR B`` is unrestricted if either is
    and restricted if both are; ``A AND B`` unrestricted if both are, restricted if either is."""
    if not n.matched:
        return None
    if is_open_expression(n, lambda i: _terms(i) == UNRESTRICTED):
        return UNRESTRICTED
    if not is_open_expression(n, lambda i: _terms(i) != RESTRICTED):
        return RESTRICTED
    return None
