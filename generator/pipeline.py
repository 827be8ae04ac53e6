"""The whole pipeline: read everything, annotate, link, render; then the caller writes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .annotate import Annotator, annotate, make_annotator
from .entities import parse_entities
from .errors import GeneratorError, SourceError
from .glossary import parse_glossary
from .ingest import ingest
from .knowledge import load_outlets
from .link import Digest, link
from .models import Article, Diagnostic, Knowledge, SeedFile
from .render import render_site
from .seeds import DEFAULT_MAX_BYTES, SeedFolder, read_seed_folder
from .sidecar import apply_sidecar, parse_sidecar


@dataclass(frozen=True)
class Options:
    seeds_dir: Path
    language: str = "id"
    max_seed_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class Cache:
    """Processed articles by content, reused across rebuilds of ``mkdocs serve``."""

    articles: dict[str, Article | SourceError] = field(default_factory=dict)


def generate(options: Options, cache: Cache | None = None) -> tuple[Digest, list[tuple[str, str]]]:
    """Run the pipeline on a seeds folder and return the digest and its pages."""
    digest = build_digest(read_seed_folder(Path(options.seeds_dir), options.max_seed_bytes), cache)
    return digest, render_site(digest, options.language)


def build_digest(folder: SeedFolder, cache: Cache | None = None) -> Digest:
    """Read all seeds into articles, then link them into a digest."""
    knowledge, problems = load_knowledge(folder)
    annotator = make_annotator(knowledge)
    fingerprint = knowledge_fingerprint(folder)
    cache = cache if cache is not None else Cache()
    articles, diagnostics = [], list(folder.diagnostics) + problems
    fresh = {}
    for seed in folder.seeds:
        key = seed_key(seed, fingerprint)
        result = cache.articles.get(key) or process_seed(seed, annotator)
        fresh[key] = result
        if isinstance(result, SourceError):
            diagnostics.extend(result.diagnostics)
        else:
            articles.append(result)
            diagnostics.extend(Diagnostic(seed.name, w, severity="warning") for w in result.warnings)
    cache.articles = fresh
    return link(articles, knowledge, diagnostics)


def process_seed(seed: SeedFile, annotator: Annotator) -> Article | SourceError:
    """Ingest and annotate one seed; return the error instead of raising it."""
    try:
        sidecar = parse_sidecar(seed.sidecar_text, seed.sidecar_name) if seed.sidecar_name else None
        article = ingest(seed, annotator.knowledge.outlets)
        if sidecar is not None:
            article = apply_sidecar(article, sidecar)
        notes = sidecar.notes if sidecar else ()
        return annotate(article, annotator, notes, seed.sidecar_name)
    except SourceError as error:
        return error


def load_knowledge(folder: SeedFolder) -> tuple[Knowledge, list[Diagnostic]]:
    """Parse entities.yml and glossary.yml of the seeds folder and the packaged outlets."""
    entities, entity_problems = parse_entities(folder.data.get("entities.yml", ""), "entities.yml")
    glossary, glossary_problems = parse_glossary(folder.data.get("glossary.yml", ""), "glossary.yml")
    knowledge = Knowledge(entities=entities, glossary=glossary, outlets=load_outlets())
    return knowledge, list(entity_problems) + list(glossary_problems)


def knowledge_fingerprint(folder: SeedFolder) -> str:
    """Hash the editorial data, so a change to it re-annotates every article."""
    digest = hashlib.sha256()
    for name in sorted(folder.data):
        digest.update(name.encode() + b"\0" + folder.data[name].encode() + b"\0")
    return digest.hexdigest()


def seed_key(seed: SeedFile, fingerprint: str) -> str:
    """Identify a seed's content, sidecar and the knowledge it was annotated with."""
    digest = hashlib.sha256(seed.data)
    digest.update(b"\0" + (seed.sidecar_text or "").encode() + b"\0" + fingerprint.encode())
    return f"{seed.name}:{digest.hexdigest()}"


def errors_of(digest: Digest) -> list[Diagnostic]:
    """Return the diagnostics that are errors (strict mode fails on them)."""
    return [d for d in digest.diagnostics if d.severity == "error"]


__all__ = ["Options", "Cache", "generate", "build_digest", "errors_of", "GeneratorError", "replace"]
