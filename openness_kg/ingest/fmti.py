"""Stanford's Foundation Model Transparency Index (``data/fmti/``) -> one record per edition.

An edition is a folder holding ``<Edition>_scores.csv`` (indicator x developer, 0/1; the 2023
and 2024 files end with a ``Total`` row), optionally ``<Edition>_indicators.csv`` (2025) or
the top-level ``fmti-indicators.csv`` (2023), ``<Edition>_disclosures.csv`` (2024) and
``reports/<developer>_fmtransparencyreport_<Edition>.csv`` (2024, 2025: disclosure,
justification, references and score per indicator).

- Each indicator is an ``okg:Criterion`` with a stable IRI per edition,
  ``criterion/fmti/<edition>/<slug of the name the scores file gives>``. Where files of one
  edition spell an indicator differently (9 names in 2023) a hand-written table maps them.
  Crosswalk: ``skos:exactMatch`` between 2023 and 2024 (v1.1 kept the 2023 indicators, arXiv
  2407.12929; two were renamed, mapped by hand), ``skos:closeMatch`` between 2024 and 2025
  indicators of the same name (2025 "raise[s] the bar for several indicators", README.md).
- Each developer's 0/1 per indicator is an ``okg:Assessment`` of the organization, with the
  disclosure text and justification where the edition has them; the developer's total (our
  sum of its column) is the assessment of the whole, checked against the file's ``Total`` row.
- Developers are linked to our organizations by :data:`DEVELOPERS`, an explicit table (our
  MOT producer names and Hub organizations), in a graph of its own.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .. import __version__
from ..iris import Minter, slug
from ..namespaces import OKG
from ..paths import DATA_DIR
from ..records import Record, RecordError
from ..sources import BundledSource, RecordItem
from .provenance import Provenance, describe_record

FMTI_DIR = DATA_DIR / "fmti"
REPO = "https://github.com/stanford-crfm/fmti"
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            *("January", "February", "March", "April", "May", "June"),
            *("July", "August", "September", "October", "November", "December"),
        ],
        start=1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})

# 2023: the scores file's name -> the indicator file's name for the same indicator.
SAME_2023 = {
    "Release decision-making protocol": "Release decision-making",
    "Machine-generated content": "Detection of machine-generated content",
    "Third-party evaluation of limitations": "Third party evaluation of limitations",
    "Data license status": "Data license",
    "Third-party capabilities evaluation": "Third party capabilities evaluation",
    "Data copyright status": "Copyrighted data",
    "Model Asset License": "Model License",
    "Third-party risks evaluation": "Third party risks evaluation",
    "Third-party mitigations evaluation": "Third party mitigations evaluation",
}
# 2024 names -> 2023 names of the same indicator, where they differ.
RENAMED_2024 = {
    "License": "Model Asset License",
    "Release decision-making": "Release decision-making protocol",
}
# report file developer -> the developer's column in the scores file, where they differ.
REPORT_DEVELOPER = {"Stability AI": "Stability", "BigCode Hugging Face ServiceNow": "BigCode"}


@dataclass(frozen=True)
class Developer:
    """How an FMTI developer maps to our organizations: the MOT producer names and Hub
    organizations of the same organization, and why we say so."""

    producers: tuple[str, ...]
    hub_orgs: tuple[str, ...]
    evidence: str


DEVELOPERS: dict[str, Developer] = {
    "Meta": Developer(
        ("Meta",), ("meta-llama", "facebook"), "Llama's developer; Meta's Hub organizations"
    ),
    "Google": Developer(
        ("Google",), ("google",), "Gemini/Gemma developer; Google's Hub organization"
    ),
    "OpenAI": Developer(("OpenAI",), ("openai",), "GPT developer; OpenAI's Hub organization"),
    "Anthropic": Developer(("Anthropic",), (), "Claude developer; no Hub organization of ours"),
    "Amazon": Developer((), ("amazon",), "Titan/Nova developer; Amazon's Hub organization"),
    "IBM": Developer(
        ("IBM",), ("ibm-granite", "ibm"), "Granite developer; IBM's Hub organizations"
    ),
    "Mistral": Developer(("Mistral",), ("mistralai",), "Mistral AI; its Hub organization"),
    "Microsoft": Developer(
        ("Microsoft",), ("microsoft",), "Phi developer; Microsoft's Hub organization"
    ),
    "AI21 Labs": Developer(
        ("AI21 Labs", "AI21"), ("ai21labs",), "Jamba developer; AI21's Hub organization"
    ),
    "Stability AI": Developer(("Stability AI",), ("stabilityai",), "Stable Diffusion developer"),
    "Stability": Developer(
        ("Stability AI",), ("stabilityai",), "the 2024 scores file's name for Stability AI"
    ),
    "Cohere": Developer(
        ("Cohere",), ("CohereForAI", "CohereLabs"), "Command developer; its Hub organizations"
    ),
    "Inflection": Developer(("Inflection",), (), "Inflection AI; no Hub organization of ours"),
    "Hugging Face": Developer(
        (), ("bigscience",), "the 2023 edition scored Hugging Face for BLOOMZ (BigScience)"
    ),
    "BigCode": Developer(
        ("BigCode Project",), ("bigcode",), "StarCoder developer (BigCode/Hugging Face/ServiceNow)"
    ),
    "Adept": Developer((), ("adept",), "Fuyu/Persimmon developer; Adept's Hub organization"),
    "Aleph Alpha": Developer(
        (), ("Aleph-Alpha",), "Luminous/Pharia developer; its Hub organization"
    ),
    "Writer": Developer(("Writer",), ("Writer",), "Palmyra developer; Writer's Hub organization"),
    "Alibaba": Developer(("Alibaba",), ("Qwen",), "Qwen developer; the Qwen Hub organization"),
    "DeepSeek": Developer(
        ("DeepSeek", "DeepSeek AI"), ("deepseek-ai",), "DeepSeek's Hub organization"
    ),
    "xAI": Developer(("xAI",), ("xai-org",), "Grok developer; xAI's Hub organization"),
    "Midjourney": Developer((), (), "no release or Hub organization of ours"),
}


@dataclass
class Indicator:
    name: str
    domain: str | None = None
    subdomain: str | None = None
    definition: str | None = None


@dataclass
class Edition:
    folder: Path
    token: str  # e.g. 2025-12
    scores_file: Path
    indicators: list[str]  # in the scores file's order
    scores: dict[str, dict[str, int]]  # developer -> indicator -> 0/1
    file_totals: dict[str, int]
    info: dict[str, Indicator]
    disclosures: dict[tuple[str, str], str] = field(default_factory=dict)
    justifications: dict[tuple[str, str], str] = field(default_factory=dict)
    references: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def developers(self) -> list[str]:
        return list(self.scores)


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def edition_token(folder_name: str) -> str:
    m = re.fullmatch(r"([A-Za-z]+)(\d{4})", folder_name)
    if not m or m.group(1) not in MONTHS:
        raise ValueError(folder_name)
    return f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"


def _cell(v: str | None) -> str | None:
    return v.strip() if v and v.strip() else None


def read_edition(folder: Path) -> Edition:
    """One edition folder -> its scores and texts; raise :class:`RecordError` when unusable."""
    scores_files = sorted(folder.glob("*_scores.csv"))
    source = str(folder.name)
    if len(scores_files) != 1:
        raise RecordError(source, f"expected one *_scores.csv, found {len(scores_files)}")
    try:
        token = edition_token(folder.name)
    except ValueError as exc:
        raise RecordError(source, "the folder name is not <Month><Year>") from exc
    scores_file = scores_files[0]
    rows = _rows(scores_file)
    head = rows[0]
    if "Indicator" not in head:
        raise RecordError(scores_file.name, "no 'Indicator' column")
    ind_col = head.index("Indicator")
    dev_cols = [
        (i, h.strip())
        for i, h in enumerate(head)
        if i > ind_col and h.strip() and h.strip() != "Total"
    ]
    ed = Edition(folder, token, scores_file, [], {d: {} for _, d in dev_cols}, {}, {})
    for n, row in enumerate(rows[1:], start=2):
        name = row[ind_col].strip() if len(row) > ind_col else ""
        if not name:
            continue
        if name == "Total":
            for i, d in dev_cols:
                if row[i].strip():
                    ed.file_totals[d] = int(row[i])
            continue
        ed.indicators.append(name)
        ed.info[name] = Indicator(
            name,
            domain=_cell(row[head.index("Domain")]) if "Domain" in head else None,
            subdomain=_cell(row[head.index("Subdomain")]) if "Subdomain" in head else None,
        )
        for i, d in dev_cols:
            cell = row[i].strip() if i < len(row) else ""
            if cell not in ("0", "1"):
                raise RecordError(scores_file.name, f"line {n}, {d}: score {cell!r} is not 0 or 1")
            ed.scores[d][name] = int(cell)
    _read_indicators(ed)
    _read_disclosures(ed)
    _read_reports(ed)
    return ed


def _read_indicators(ed: Edition) -> None:
    own = sorted(ed.folder.glob("*_indicators.csv"))
    path = own[0] if own else (ed.folder.parent / "fmti-indicators.csv")
    if not path.exists():
        return
    if not own and ed.token != "2023-10":
        return  # the top-level list is the 2023 edition's
    by_name = {
        r["Indicator"].strip(): r
        for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    }
    for name in ed.indicators:
        r = by_name.get(SAME_2023.get(name, name)) if not own else by_name.get(name)
        if r is None:
            ed.warnings.append(f"indicator {name!r} is not in {path.name}")
            continue
        info = ed.info[name]
        info.domain = info.domain or _cell(r.get("Domain"))
        info.subdomain = info.subdomain or _cell(r.get("Subdomain"))
        info.definition = _cell(r.get("Definition"))


def _read_disclosures(ed: Edition) -> None:
    for path in ed.folder.glob("*_disclosures.csv"):
        for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            name = (r.get("Indicator") or "").strip()
            for d in ed.developers:
                text = _cell(r.get(d))
                if name in ed.info and text:
                    ed.disclosures[(d, name)] = text


REPORT_FIELDS = [
    "Indicator",
    "Definition",
    "Notes",
    "Disclosure",
    "References",
    "Score",
    "Justification",
    "New disclosure?",
]


def _read_reports(ed: Edition) -> None:
    for path in sorted((ed.folder / "reports").glob("*.csv")):
        m = re.match(r"(.+?)_fmtransparencyreport", path.name)
        if not m:
            continue
        raw = m.group(1).replace("_", " ")
        dev = REPORT_DEVELOPER.get(raw, raw)
        if dev not in ed.scores:
            ed.warnings.append(f"report {path.name}: no developer {dev!r} in the scores file")
            continue
        text = path.read_text(encoding="utf-8-sig")
        reader = csv.DictReader(io.StringIO(text))
        rows = list(reader)
        if "Indicator" not in (reader.fieldnames or []):
            ed.warnings.append(f"report {path.name} has no header row; read in the 2024 order")
            rows = list(csv.DictReader(io.StringIO(text), fieldnames=REPORT_FIELDS))
        differ = []
        for r in rows:
            name = (r.get("Indicator") or "").strip()
            if name not in ed.info:
                continue
            key = (dev, name)
            if _cell(r.get("Disclosure")):
                ed.disclosures[key] = str(_cell(r.get("Disclosure")))
            if _cell(r.get("Justification")):
                ed.justifications[key] = str(_cell(r.get("Justification")))
            refs = re.findall(r"https?://[^\s,;\"'<>]+", r.get("References") or "")
            if refs:
                ed.references[key] = refs
            if ed.info[name].definition is None and _cell(r.get("Definition")):
                ed.info[name].definition = _cell(r.get("Definition"))
            score = (r.get("Score") or "").strip()
            if score in ("0", "1") and int(score) != ed.scores[dev][name]:
                differ.append(name)
        if differ:
            ed.warnings.append(
                f"report {path.name} scores {len(differ)} indicator(s) otherwise than the "
                f"scores file (the scores file counts): {', '.join(differ[:3])}"
                + (" ..." if len(differ) > 3 else "")
            )


# --- provenance --------------------------------------------------------------------------------


@cache
def bundled_source_info() -> tuple[str, date]:
    text = (FMTI_DIR / "SOURCE.md").read_text(encoding="utf-8")
    m = re.search(r"commit\s+`([0-9a-f]{40})`\s*\n?\s*\((\d{4}-\d{2}-\d{2})", text)
    if not m:
        raise ValueError("data/fmti/SOURCE.md: no commit and date")
    return m.group(1), date.fromisoformat(m.group(2))


def provenance(path: Path) -> Provenance:
    resolved = path.resolve()
    root = FMTI_DIR.resolve()
    if resolved.is_relative_to(root):
        commit, when = bundled_source_info()
        rel = resolved.relative_to(root).as_posix()
        return Provenance(f"{REPO}/blob/{commit}/{rel}".replace(" ", "%20"), when, rel)
    mtime = date.fromtimestamp(resolved.stat().st_mtime)
    return Provenance(resolved.as_uri(), mtime, str(path))


# --- the transform -----------------------------------------------------------------------------


def criterion_iri(token: str, name: str, minter: Minter) -> URIRef:
    return minter.criterion("fmti", token, slug(name))


def developer_org(name: str, minter: Minter) -> URIRef:
    """Our organization for an FMTI developer: the MOT producer's when the table names one
    (so that it is the organization our MOT records already point at), else the FMTI name's."""
    dev = DEVELOPERS.get(name)
    return minter.organization(dev.producers[0] if dev and dev.producers else name)


def rule_version() -> str:
    return f"FMTI totals as the sum of the 0/1 indicator scores; openness-kg {__version__}"


def transform(ed: Edition, minter: Minter) -> Record:
    prov = provenance(ed.scores_file)
    graph = minter.record("fmti", prov.path.rsplit("/", 1)[-1])
    rec = Record(graph=graph, source=ed.scores_file.name, warnings=list(ed.warnings))
    add = rec.add
    describe_record(rec, OKG.FmtiScoresFile, OKG.FoundationModelTransparencyIndex, prov)
    add(graph, OKG.edition, Literal(ed.token))
    for name in ed.indicators:
        info = ed.info[name]
        c = criterion_iri(ed.token, name, minter)
        add(c, RDF.type, OKG.Criterion)
        add(c, RDFS.label, Literal(name))
        add(c, OKG.edition, Literal(ed.token))
        if info.definition:
            add(c, SKOS.definition, Literal(info.definition))
        if info.domain or info.subdomain:
            add(c, SKOS.note, Literal(" / ".join(x for x in (info.domain, info.subdomain) if x)))
        if ed.token == "2024-05":
            add(c, SKOS.exactMatch, criterion_iri("2023-10", RENAMED_2024.get(name, name), minter))
    agent = minter.agent("Foundation Model Transparency Index")
    add(agent, RDF.type, PROV.Organization)
    add(agent, RDFS.label, Literal("Foundation Model Transparency Index"))
    for dev in ed.developers:
        org = developer_org(dev, minter)
        add(org, RDF.type, OKG.Organization)
        whole = minter.assessment("fmti", graph, org)
        total = sum(ed.scores[dev].values())
        if dev in ed.file_totals and ed.file_totals[dev] != total:
            rec.warnings.append(
                f"{dev}: the file's Total row says {ed.file_totals[dev]}, "
                f"the column sums to {total}"
            )
        _assessment(rec, whole, org, dev, ed, graph, agent, total)
        add(whole, OKG.ruleVersion, Literal(rule_version()))
        for n in ed.indicators:
            a = URIRef(f"{whole}/{slug(n)}")
            _assessment(rec, a, org, dev, ed, graph, agent, ed.scores[dev][n])
            add(a, DCTERMS.isPartOf, whole)
            add(a, OKG.criterion, criterion_iri(ed.token, n, minter))
            key = (dev, n)
            if key in ed.disclosures:
                add(a, OKG.disclosure, Literal(ed.disclosures[key]))
            if key in ed.justifications:
                add(a, OKG.justification, Literal(ed.justifications[key]))
            for url in ed.references.get(key, []):
                add(a, OKG.evidence, URIRef(url))
    return rec


def _assessment(
    rec: Record,
    a: URIRef,
    org: URIRef,
    dev: str,
    ed: Edition,
    graph: URIRef,
    agent: URIRef,
    score: int,
) -> None:
    for p, o in (
        (RDF.type, OKG.Assessment),
        (OKG.framework, OKG.FoundationModelTransparencyIndex),
        (OKG.edition, Literal(ed.token)),
        (OKG.assessedOrganization, org),
        (OKG.subjectName, Literal(dev)),
        (OKG.basedOnRecord, graph),
        (OKG.assessedBy, agent),
        (OKG.score, Literal(score, datatype=XSD.decimal)),
    ):
        rec.add(a, p, o)


def crosswalk_2025(editions: list[Edition], minter: Minter, rec: Record) -> None:
    """``skos:closeMatch`` from each 2025 indicator to the 2024 indicator of the same name."""
    by_token = {e.token: e for e in editions}
    new, old = by_token.get("2025-12"), by_token.get("2024-05")
    if new is None or old is None:
        return
    for name in new.indicators:
        if name in old.info:
            rec.add(
                criterion_iri(new.token, name, minter),
                SKOS.closeMatch,
                criterion_iri(old.token, name, minter),
            )


def mapping_record(minter: Minter, developers: set[str], editions: list[URIRef]) -> Record:
    """The curated mapping of FMTI developers to our organizations, in its own graph."""
    graph = minter.record("fmti-organizations", "mapping")
    rec = Record(graph=graph, source="fmti-organizations")
    rec.add(graph, RDF.type, PROV.Entity)
    for g in editions:
        rec.add(graph, PROV.wasDerivedFrom, g)
    for name in sorted(developers):
        dev = DEVELOPERS.get(name)
        org = developer_org(name, minter)
        if dev is None:
            rec.warnings.append(f"FMTI developer {name!r} has no mapping to our organizations")
            continue
        targets = [(minter.organization(p), f"MOT producer name {p!r}") for p in dev.producers]
        targets += [(minter.organization(h), f"Hub organization {h!r}") for h in dev.hub_orgs]
        for h in dev.hub_orgs:
            rec.add(org, OKG.hubOrganization, Literal(h))
        for n, (target, what) in enumerate(targets, start=1):
            if target == org:
                continue
            rec.add(target, RDF.type, OKG.Organization)
            rec.add(org, OWL.sameAs, target)
            link = URIRef(f"{graph}#{slug(name)}-{n}")
            rec.add(link, RDF.type, OKG.EvidencedLink)
            rec.add(link, OKG.linkSubject, org)
            rec.add(link, OKG.linkTarget, target)
            rec.add(link, OKG.linkProperty, OWL.sameAs)
            rec.add(link, OKG.linkMethod, OKG.CuratedMapping)
            rec.add(
                link, OKG.linkEvidence, Literal(f"FMTI developer {name!r} = {what}: {dev.evidence}")
            )
    return rec


def edition_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and any(p.glob("*_scores.csv")))


def ingest_dir(root: Path, minter: Minter) -> Iterator[RecordItem]:
    """Every edition under ``root`` (or ``root`` itself when it is one), then the mapping."""
    folders = [root] if any(root.glob("*_scores.csv")) else edition_folders(root)
    if not folders:
        yield RecordError(str(root), "no FMTI edition (a folder with a *_scores.csv)")
        return
    editions: list[Edition] = []
    records: list[Record] = []
    for folder in folders:
        try:
            ed = read_edition(folder)
            rec = transform(ed, minter)
        except (RecordError, OSError, UnicodeDecodeError, csv.Error) as exc:
            yield exc if isinstance(exc, RecordError) else RecordError(folder.name, str(exc))
            continue
        editions.append(ed)
        records.append(rec)
    for rec in records:
        if rec.source.startswith("Dec2025"):
            crosswalk_2025(editions, minter, rec)
        yield rec
    devs = {d for e in editions for d in e.developers}
    if records:
        yield mapping_record(minter, devs, [r.graph for r in records])


def _bundled(minter: Minter) -> Iterator[RecordItem]:
    yield from ingest_dir(FMTI_DIR, minter)


SOURCE = BundledSource("fmti", count=lambda: len(edition_folders(FMTI_DIR)) + 1, records=_bundled)
