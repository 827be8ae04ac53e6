"""Time the generator on a corpus: every stage, the pages' sizes, the glossary definitions per page."""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Sequence

from ..pipeline import Cache, Options, Stopwatch, errors_of, generate, worker_count
from ..write import write_pages
from .corpus import write_corpus

# With a process pool, ingest and annotate are the workers' seconds summed; "pool" is their wall time.
STAGES = ("read", "ingest", "annotate", "pool", "link", "render", "write")
CORPUS_PAGES = ("index.md", "timeline.md", "quotes.md", "entities/index.md", "glossary.md", "report.md")
ABBREVIATION_LINE = re.compile(r"^\*\[[^\]\n]+\]: .*\n", re.MULTILINE)
LARGEST = 8  # corpus-wide pages listed by size in the report


def measure_generator(seeds_dir: Path, out_dir: Path, language: str) -> dict:
    """Generate and write the digest of ``seeds_dir`` once, timing every stage (caches warm)."""
    warm_up(language)
    watch = Stopwatch()
    start, cpu = time.perf_counter(), time.process_time()
    digest, pages = generate(Options(Path(seeds_dir), language), Cache(), watch)
    with watch.stage("write"):
        write_pages(Path(out_dir), pages)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    errors = errors_of(digest)
    return {
        "articles": len(digest.articles),
        "workers": worker_count() if "pool" in watch.seconds else 1,  # processes that ingested
        "pages": len(pages),
        "errors": len(errors),
        "first_errors": [str(error) for error in errors[:5]],
        "warnings": len(digest.diagnostics) - len(errors),
        "stages_s": {stage: round(watch.seconds.get(stage, 0.0), 4) for stage in STAGES},
        "generator_s": round(seconds, 4),
        "generator_cpu_s": round(cpu, 4),
        "articles_per_s": round(len(digest.articles) / seconds, 1) if seconds else None,
        "markdown": markdown_sizes(pages),
        "abbreviations_bytes_per_page": abbreviation_bytes(pages),
        "entities": len(digest.knowledge.entities),
        "events": len(digest.events),
        "quote_clusters": len(digest.clusters),
        "largest_cluster": max((len(members) for members in digest.clusters.values()), default=0),
        "largest_event_sources": max((len(event.sources) for event in digest.events), default=0),
    }


def abbreviation_bytes(pages: list[tuple[str, str]]) -> int:
    """Return the mean size of the glossary definitions appended to an article page."""
    articles = [text for path, text in pages if path.startswith("articles/")]
    sizes = [len("".join(ABBREVIATION_LINE.findall(text)).encode()) for text in articles]
    return round(statistics.mean(sizes)) if sizes else 0


def warm_up(language: str) -> None:
    """Run the pipeline once on a few samples, so loading data and compiling is not counted."""
    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), 3)
        generate(Options(Path(folder), language))


def markdown_sizes(pages: Sequence[tuple[str, str]]) -> dict:
    """Return the sizes of the generated Markdown: mean article page and the corpus-wide pages."""
    sizes = {path: len(text.encode()) for path, text in pages}
    articles = [size for path, size in sizes.items() if path.startswith("articles/")]
    entities = {path: size for path, size in sizes.items()
                if path.startswith("entities/") and path != "entities/index.md"}
    largest = max(entities, key=entities.get, default=None)
    others = sorted(((size, path) for path, size in sizes.items() if not path.startswith("articles/")),
                    reverse=True)
    return {
        "article_page_bytes": round(statistics.mean(articles)) if articles else 0,
        "corpus_pages_bytes": {path: sizes[path] for path in CORPUS_PAGES if path in sizes},
        "largest_entity_page": [largest, entities[largest]] if largest else None,
        "largest_pages": [[path, size] for size, path in others[:LARGEST]],
        "total_bytes": sum(sizes.values()),
    }
