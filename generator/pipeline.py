"""The whole pipeline: read everything, annotate, link, render; then the caller writes."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import io
import math
import multiprocessing
import operator
import os
import pickle
import re
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from .annotate.article import Annotator, annotate, make_annotator
from .annotate.entities import parse_entities
from .annotate.glossary import parse_glossary
from .core.errors import GeneratorError, SourceError, source_error
from .core.knowledge import load_outlets
from .core import models
from .core.memo import Memo
from .core.models import Article, Diagnostic, Knowledge, SeedFile
from .ingest.article import ingest
from .ingest.seeds import DEFAULT_MAX_BYTES, SeedFolder, read_seed_folder
from .ingest.sidecar import apply_sidecar, parse_sidecar
from .link.digest import Digest, link
from .link.paging import MAX_ROWS
from .link.stories import parse_story_edits
from .render.links import check_links
from .render.pages import render_site
from .render.site import PageMemo


WARNING_LINE = re.compile(r"^line (\d+): ")
WORKERS_ENV = "DIGEST_WORKERS"  # DIGEST_WORKERS=1 ingests and annotates in this process only
MAX_WORKERS = 8
POOL_MIN_SEEDS = 200  # fewer new seeds are done before worker processes would have started
CHUNKS_PER_WORKER = 4  # chunks of seeds sent to each worker: few pickles, an even finish


@dataclass(frozen=True)
class Options:
    seeds_dir: Path
    language: str = "id"
    max_seed_bytes: int = DEFAULT_MAX_BYTES
    site_url: str | None = None  # absolute links in feeds need it
    page_rows: int = MAX_ROWS  # rows of a corpus-wide list before it splits by month
    directory_urls: bool = True  # MkDocs' use_directory_urls: the URLs links in HTML blocks are written for
    workers: int | None = None  # processes that ingest and annotate; None: DIGEST_WORKERS, else the cores


@dataclass
class Cache:
    """Processed articles by content, reused across rebuilds of ``mkdocs serve``."""

    articles: dict[str, Article | SourceError] = field(default_factory=dict)
    files: Memo = field(default_factory=Memo)  # seeds read, by their files' sizes and times
    links: Memo = field(default_factory=Memo)  # the linking stage's results by their inputs
    pages: PageMemo = field(default_factory=PageMemo)  # rendered pages by their inputs
    written: Memo = field(default_factory=Memo)  # hashes of the pages written last, by their text


@dataclass
class Stopwatch:
    """Seconds spent in each pipeline stage, summed over calls (read by ``bench``)."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str):
        """Add the time spent in the ``with`` body to stage ``name``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


@contextmanager
def collector_paused():
    """Pause the cyclic garbage collector for a while (as a decorator or a ``with`` block).

    The pipeline makes many small objects and frees next to none in cycles, yet each full
    collection walks every article of the digest again: a third of linking 5,000 articles, and a
    tenth of rendering them. Memory is unchanged: reference counting frees what the stages drop.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_HEAP = {"frozen": False}  # whether keep_out_of_collections has run in this process


def keep_out_of_collections() -> None:
    """After the first build of the process, leave what it made out of later garbage collections.

    The digest and the caches of a preview are most of the heap and live as long as the process;
    every full collection walked them again: 0.2 s (1,000 articles) to 1 s (5,000) added to a
    preview rebuild now and then, and 2.6 s to a 1,000-article ``mkdocs build`` (25.3 s against
    22.7 s), whose own work set off such collections. Frozen objects are still freed when no longer referenced; only
    cycles made before the freeze would stay, once.
    """
    if not _HEAP["frozen"]:
        _HEAP["frozen"] = True
        gc.freeze()


@collector_paused()
def generate(options: Options, cache: Cache | None = None,
             stopwatch: Stopwatch | None = None) -> tuple[Digest, list[tuple[str, str]]]:
    """Run the pipeline on a seeds folder and return the digest and its pages."""
    watch = stopwatch or Stopwatch()
    with watch.stage("read"):
        folder = read_seed_folder(Path(options.seeds_dir), options.max_seed_bytes,
                                  cache.files if cache is not None else None)
    digest = build_digest(folder, cache, watch, options.page_rows, options.workers)
    with watch.stage("render"):
        memo = cache.pages if cache is not None else None
        pages = render_site(digest, options.language, options.site_url, memo, options.directory_urls)
        broken = check_links(pages, options.directory_urls, memo.texts if memo is not None else None)
    keep_out_of_collections()
    return (replace(digest, diagnostics=digest.diagnostics + tuple(broken)) if broken else digest), pages


@collector_paused()
def build_digest(folder: SeedFolder, cache: Cache | None = None, stopwatch: Stopwatch | None = None,
                 page_rows: int = MAX_ROWS, workers: int | None = None) -> Digest:
    """Read all seeds into articles, then link them into a digest."""
    watch = stopwatch or Stopwatch()
    cache = cache if cache is not None else Cache()
    fingerprint = knowledge_fingerprint(folder)
    knowledge, problems = cache.links.get("knowledge", fingerprint, lambda: load_knowledge(folder))
    annotator = make_annotator(knowledge)
    keys = [cache.links.get(("seed key", seed.name), (seed, fingerprint), lambda: seed_key(seed, fingerprint))  # noqa: B023
            for seed in folder.seeds]
    new = [seed for seed, key in zip(folder.seeds, keys) if key not in cache.articles]
    processed = dict(zip((seed.name for seed in new), process_seeds(new, annotator, watch, workers)))
    articles, diagnostics = [], list(folder.diagnostics) + problems
    fresh = {}
    for seed, key in zip(folder.seeds, keys):
        result = fresh[key] = cache.articles[key] if key in cache.articles else processed[seed.name]
        if isinstance(result, SourceError):
            diagnostics.extend(result.diagnostics)
        else:
            articles.append(result)
            diagnostics.extend(warning_diagnostic(seed.name, w) for w in result.warnings)
    cache.articles = fresh
    with watch.stage("link"):
        return link(articles, knowledge, diagnostics, page_rows, cache.links)


def process_seeds(seeds: Sequence[SeedFile], annotator: Annotator, watch: Stopwatch,
                  workers: int | None = None) -> list[Article | SourceError]:
    """Ingest and annotate seeds, in order: with worker processes when there are enough to pay."""
    count = worker_count(workers)
    if count < 2 or len(seeds) < POOL_MIN_SEEDS:
        return [process_seed(seed, annotator, watch) for seed in seeds]
    size = math.ceil(len(seeds) / (count * CHUNKS_PER_WORKER))
    chunks = [seeds[start:start + size] for start in range(0, len(seeds), size)]
    # Workers leave their results in files: an answer of megabytes through the pool's pipe is read
    # a few kilobytes at a time by a thread of this process, which waits for the interpreter lock
    # between reads while this process works, and the worker stood idle for seconds.
    with watch.stage("pool"), tempfile.TemporaryDirectory(prefix="digest-pool-") as spool, \
            ProcessPoolExecutor(count - 1, mp_context=pool_context(), initializer=start_worker,
                                initargs=(annotator.knowledge,)) as pool:
        futures = [pool.submit(process_chunk, chunk, spool) for chunk in chunks]
        # This process is one of the workers: it takes chunks from the end, the pool from the start,
        # and its own results need no pickling.
        here = {}
        for index in reversed(range(len(chunks))):
            if not futures[index].cancel():
                break
            here[index] = [process_seed(seed, annotator, watch) for seed in chunks[index]]
        return [result for index, future in enumerate(futures)
                for result in (here[index] if index in here else collect(future, watch))]


def collect(future, watch: Stopwatch) -> list[Article | SourceError]:
    """Return a worker's results, adding its time per stage to ``watch`` (summed over processes)."""
    path, seconds = future.result()
    for stage, spent in seconds.items():
        watch.seconds[stage] = watch.seconds.get(stage, 0.0) + spent
    packed = Path(path).read_bytes()
    os.unlink(path)
    return pickle.loads(packed)


def worker_count(requested: int | None = None) -> int:
    """Return how many processes ingest and annotate: as asked, else DIGEST_WORKERS, else the cores."""
    if requested is None:
        setting = os.environ.get(WORKERS_ENV, "").strip()
        requested = int(setting) if setting.isdigit() else 0
    if requested >= 1:
        return requested
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def pool_context():
    """Fork a single-threaded process (nothing to import again); start workers afresh when other
    threads run (``mkdocs serve``), since a fork copies locks those threads may hold."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


_WORKER: dict[str, Annotator] = {}  # the annotator of a worker process


def start_worker(knowledge: Knowledge) -> None:
    """Compile the knowledge base's matcher once in each worker process."""
    _WORKER["annotator"] = make_annotator(knowledge)


@collector_paused()
def process_chunk(seeds: Sequence[SeedFile], spool: str) -> tuple[str, dict[str, float]]:
    """Ingest and annotate a chunk of seeds in a worker; return the file in ``spool`` holding the
    results, and the time per stage."""
    watch = Stopwatch()
    packed = pack([process_seed(seed, _WORKER["annotator"], watch) for seed in seeds])
    handle, path = tempfile.mkstemp(dir=spool, suffix=".pickle")
    with os.fdopen(handle, "wb") as file:
        file.write(packed)
    return path, watch.seconds


def pack(results: list) -> bytes:
    """Pickle results with each model object as its class and field values: a third of the time
    of pickle's default for dataclasses with slots, to load as to dump."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = MODEL_REDUCERS
    pickler.dump(results)
    return buffer.getvalue()


def positional_reducer(cls: type):
    """Reduce an instance of the dataclass ``cls`` to ``cls(*field values)``."""
    names = tuple(field.name for field in dataclasses.fields(cls))
    if len(names) > 1:
        getter = operator.attrgetter(*names)  # one C call for every field
        return lambda obj: (cls, getter(obj))
    return lambda obj: (cls, tuple(getattr(obj, name) for name in names))


MODEL_REDUCERS = {cls: positional_reducer(cls) for cls in vars(models).values()
                  if isinstance(cls, type) and dataclasses.is_dataclass(cls)
                  and all(field.init for field in dataclasses.fields(cls))}


def warning_diagnostic(file: str, warning: str) -> Diagnostic:
    """Turn an article warning (``"line 12: reason"`` or ``"reason"``) into ``file:12: reason``."""
    match = WARNING_LINE.match(warning)
    if match is None:
        return Diagnostic(file, warning, severity="warning")
    return Diagnostic(file, warning[match.end():], line=int(match.group(1)), severity="warning")


def process_seed(seed: SeedFile, annotator: Annotator,
                 stopwatch: Stopwatch | None = None) -> Article | SourceError:
    """Ingest and annotate one seed; return the error instead of raising it."""
    watch = stopwatch or Stopwatch()
    try:
        with watch.stage("ingest"):
            sidecar = parse_sidecar(seed.sidecar_text, seed.sidecar_name) if seed.sidecar_name else None
            article = ingest(seed, annotator.knowledge.outlets)
            if sidecar is not None:
                article = apply_sidecar(article, sidecar)
        notes = sidecar.notes if sidecar else ()
        with watch.stage("annotate"):
            return annotate(article, annotator, notes, seed.sidecar_name)
    except SourceError as error:
        return error
    except Exception as error:  # noqa: BLE001 - a bug on one article must not sink the digest
        return source_error(seed.name, f"internal error, article skipped ({type(error).__name__}: "
                            f"{error}); please report this file")


def load_knowledge(folder: SeedFolder) -> tuple[Knowledge, list[Diagnostic]]:
    """Parse entities.yml, glossary.yml and stories.yml of the seeds folder and the packaged outlets."""
    entities, entity_problems = parse_entities(folder.data.get("entities.yml", ""), "entities.yml")
    glossary, glossary_problems = parse_glossary(folder.data.get("glossary.yml", ""), "glossary.yml")
    stories, story_problems = parse_story_edits(folder.data.get("stories.yml", ""), "stories.yml")
    knowledge = Knowledge(entities=entities, glossary=glossary, outlets=load_outlets(), stories=stories)
    return knowledge, list(entity_problems) + list(glossary_problems) + list(story_problems)


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


__all__ = ["Options", "Cache", "Stopwatch", "generate", "build_digest", "errors_of", "GeneratorError",
           "keep_out_of_collections", "replace"]
