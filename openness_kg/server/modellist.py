"""The model list: search, filters, sorting and paging, all pushed into SPARQL.

One query picks the page (``LIMIT``/``OFFSET``, one more row than shown to know whether there
is a next page; no ``COUNT`` over the whole store), a second fetches what the rows show for
the models of that page only. With the default order (the store's own index order: stable
while the store is unchanged, but not alphabetical) Oxigraph reads models straight from its
index and stops after the page, so the first pages stay fast at millions of models; sorting
by a column and text search scan every model that passes the filters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..app_queries import app_query
from ..mof.settings import MOF_CLASS_IRI as CLASS_IRIS
from ..namespaces import sparql_prologue
from ..store import KGStore
from ..terms import to_ox
from .pages import CLASS_NUMBER
from .queries import paged

P = sparql_prologue()
PAGE_SIZES = (25, 50, 100)
SORTS = ("iri", "name", "class", "producer")

MOF_VERDICT = "?a okg:assessedModel ?m ; okg:framework okg:ModelOpennessFramework ; okg:verdict"


def values_clause(var: str, terms: Iterable[URIRef]) -> str:
    """``VALUES ?var { ... }`` of constants of this module (MOF classes; never a request's
    values, which are bound), each term written by pyoxigraph's serializer."""
    body = " ".join(str(to_ox(t)) for t in terms)
    return f"VALUES ?{var} {{ {body} }}"


@dataclass
class ListQuery:
    q: str = ""
    mof_class: int | None = None  # 1/2/3, or 0 for "no class"
    license_category: URIRef | None = None
    producer: str = ""  # matched against producer IRI and label, case-insensitively
    task: str = ""
    sort: str = "iri"
    desc: bool = False
    page: int = 1
    size: int = 50


@dataclass
class ModelRow:
    iri: URIRef
    label: str | None = None
    producers: set[URIRef] = field(default_factory=set)
    mof_class: int = 0
    licenses: set[URIRef] = field(default_factory=set)
    tasks: set[str] = field(default_factory=set)


@dataclass
class ListPage:
    rows: list[ModelRow]
    has_next: bool


def page_query(lq: ListQuery) -> tuple[str, dict[str, Node]]:
    """The SPARQL that selects one page of model IRIs, and its bindings."""
    # selective patterns first (Oxigraph joins them in order, from the bound values), then
    # the type, then optional parts and filters
    where: list[str] = []
    after: list[str] = []
    bindings: dict[str, Node] = {}
    if lq.q:
        bindings["q"] = Literal(lq.q.lower())
        after.append(
            "OPTIONAL { ?m rdfs:label ?qlabel } "
            "FILTER(CONTAINS(LCASE(STR(?m)), ?q) || "
            "CONTAINS(LCASE(STR(COALESCE(?qlabel, ''))), ?q))"
        )
    if lq.mof_class in CLASS_IRIS:
        bindings["cls"] = CLASS_IRIS[lq.mof_class]
        where.append(
            "?a okg:verdict ?cls ; okg:framework okg:ModelOpennessFramework ; "
            "okg:assessedModel ?m ."
        )
        # "Class N" lists the models whose best class is N
        better = [CLASS_IRIS[n] for n in CLASS_IRIS if n < lq.mof_class]
        if better:
            after.append(
                f"FILTER NOT EXISTS {{ {MOF_VERDICT} ?better . {values_clause('better', better)} }}"
            )
    elif lq.mof_class == 0:
        after.append(
            f"FILTER NOT EXISTS {{ {MOF_VERDICT} ?v . {values_clause('v', CLASS_IRIS.values())} }}"
        )
    if lq.license_category is not None:
        bindings["cat"] = lq.license_category
        where.append(
            "?lic okg:licenseCategory ?cat . "
            "?m dcterms:license|(okg:hasComponent/dcterms:license) ?lic ."
        )
    if lq.producer:
        bindings["prod"] = Literal(lq.producer.lower())
        after.append(
            "FILTER EXISTS { ?m okg:producer ?pr . OPTIONAL { ?pr rdfs:label ?prl } "
            "FILTER(CONTAINS(LCASE(STR(?pr)), ?prod) || "
            "CONTAINS(LCASE(STR(COALESCE(?prl, ''))), ?prod)) }"
        )
    if lq.task:
        bindings["task"] = Literal(lq.task)
        where.append("?m okg:pipelineTask ?task .")
    where.append("?m a okg:Model .")
    where.extend(after)
    order = ""
    direction = "DESC" if lq.desc else "ASC"
    if lq.sort == "name":
        where.append("OPTIONAL { ?m rdfs:label ?slabel }")
        select = "SELECT ?m (SAMPLE(?slabel) AS ?x)"
        group = "GROUP BY ?m"
        order = f"ORDER BY {direction}(LCASE(STR(COALESCE(?x, STR(?m))))) ?m"
    elif lq.sort == "class":
        where.append(
            "OPTIONAL { ?sa okg:assessedModel ?m ; okg:framework okg:ModelOpennessFramework ; "
            "okg:verdict ?sv . ?sv okg:classLevel ?lvl }"
        )
        select = "SELECT ?m (MIN(COALESCE(?lvl, 4)) AS ?x)"
        group = "GROUP BY ?m"
        order = f"ORDER BY {direction}(?x) ?m"
    elif lq.sort == "producer":
        where.append("OPTIONAL { ?m okg:producer ?sp }")
        select = "SELECT ?m (MIN(STR(?sp)) AS ?x)"
        group = "GROUP BY ?m"
        order = f"ORDER BY {direction}(COALESCE(?x, '~')) ?m"
    else:
        select = "SELECT DISTINCT ?m"
        group = ""
        order = "ORDER BY DESC(?m)" if lq.desc else ""
    offset = (max(lq.page, 1) - 1) * lq.size
    text = P + f"{select} WHERE {{\n  " + "\n  ".join(where) + f"\n}} {group} {order}"
    return paged(text, lq.size + 1, offset), bindings


DETAILS = app_query("model-list-details")


def list_models(store: KGStore, lq: ListQuery) -> ListPage:
    text, bindings = page_query(lq)
    iris = [m for r in store.select(text, bindings) if isinstance(m := r.get("m"), URIRef)]
    has_next = len(iris) > lq.size
    iris = iris[: lq.size]
    rows = {m: ModelRow(m) for m in iris}
    if rows:
        details: dict[URIRef, dict[str, set[Node]]] = defaultdict(lambda: defaultdict(set))
        for r in store.select(DETAILS, {"m": list(rows)}):
            m = r["m"]
            if not isinstance(m, URIRef):
                continue
            for k, v in r.items():
                if k != "m":
                    details[m][k].add(v)
        for m, row in rows.items():
            d = details.get(m, {})
            labels = sorted(str(x) for x in d.get("label", ()))
            row.label = labels[0] if labels else None
            row.producers = {x for x in d.get("producer", ()) if isinstance(x, URIRef)}
            row.licenses = {x for x in d.get("license", ()) if isinstance(x, URIRef)}
            row.tasks = {str(x) for x in d.get("task", ())}
            classes = [
                CLASS_NUMBER[v]
                for v in d.get("verdict", ())
                if isinstance(v, URIRef) and v in CLASS_NUMBER
            ]
            row.mof_class = min(classes) if classes else 0
    return ListPage(list(rows.values()), has_next)


FACET_CATEGORIES = app_query("facet-categories")
FACET_CATEGORIES_USED = app_query("facet-categories-used")
FACET_TASKS = app_query("facet-tasks")


def facets(store: KGStore) -> tuple[list[URIRef], list[str]]:
    """Licence categories and tasks to offer in the filter form (read once at start-up)."""
    cats = {r["cat"] for r in store.select(FACET_CATEGORIES) if isinstance(r.get("cat"), URIRef)}
    cats |= {
        r["cat"] for r in store.select(FACET_CATEGORIES_USED) if isinstance(r.get("cat"), URIRef)
    }
    tasks = {str(r["task"]) for r in store.select(FACET_TASKS) if "task" in r}
    return sorted(cats), sorted(tasks)  # type: ignore[arg-type]
