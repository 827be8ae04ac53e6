"""The ``bench`` command: measure every corpus size, then compare the largest with the smallest."""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .children import run_python_child
from .corpus import ROOT, SyntheticArticle, write_corpus
from .previews import SERVE_KINDS
from .report import dig, format_report
from .serve import measure_serve
from .sites import digest_config, floor_config, run_mkdocs, site_sizes

DEFAULT_SIZES = (250, 1000, 5000)


@dataclass
class BenchOptions:
    """What ``bench`` measures, and where."""

    sizes: tuple[int, ...] = DEFAULT_SIZES
    mkdocs: bool = True
    incremental: bool = False
    serve: bool = False  # time a real ``mkdocs serve`` as ``make serve`` runs it
    rounds: int = 3  # seeds edited (and the edit undone) per kind of edit, on the real server
    keep: Path | None = None
    language: str = "id"
    samples: Path = ROOT / "seeds"
    config: Path = ROOT / "mkdocs.yml"  # the project's mkdocs.yml the digest builds inherit
    progress: object = field(default=None, repr=False)  # callable(str) for progress lines


def bench_size(n: int, work: Path, options: BenchOptions) -> dict:
    """Measure one corpus size in ``work``: generator, MkDocs builds, floor and incremental."""
    say = options.progress or (lambda text: None)
    seeds = work / "seeds"
    say(f"N={n}: writing the synthetic corpus to {seeds}")
    articles = write_corpus(seeds, n, options.samples)
    result = {"n": n, "corpus_bytes": sum(len(a.raw) for a in articles),
              "languages": dict(sorted(Counter(a.language for a in articles).items())),
              "outlets": len({a.outlet for a in articles})}
    say(f"N={n}: generator")
    generator, rss = run_python_child("child_generator", str(seeds), str(work / "generated"),
                                      options.language)
    result["generator"] = dict(generator, peak_rss_mb=rss)
    if options.incremental:
        say(f"N={n}: incremental rebuild")
        incremental, _ = run_python_child("child_incremental", str(seeds), str(work / "incremental"),
                                          options.language)
        result["incremental"] = incremental
    if options.mkdocs:
        result.update(bench_mkdocs(n, work, articles, options))
    if options.serve:
        say(f"N={n}: make serve: edit one seed -> browsers reloaded")
        result["serve"] = measure_serve(site_config(work, options), seeds, SERVE_KINDS, options.rounds)
    return result


def site_config(work: Path, options: BenchOptions) -> Path:
    """Write the mkdocs.yml of the annotated digest of ``work``'s corpus."""
    site_work = work / "digest-site"
    site_work.mkdir(exist_ok=True)
    return digest_config(site_work, work / "seeds", site_work / "generated", options.language, options.config)


def bench_mkdocs(n: int, work: Path, articles: Sequence[SyntheticArticle], options: BenchOptions) -> dict:
    """Build the annotated site and the plain floor site of the same articles with MkDocs."""
    say = options.progress or (lambda text: None)
    site_work = work / "digest-site"
    config = site_config(work, options)
    say(f"N={n}: mkdocs build (annotated digest)")
    digest = dict(run_mkdocs(config), **site_sizes(site_work / "site"))
    floor_work = work / "floor-site"
    floor_work.mkdir(exist_ok=True)
    say(f"N={n}: mkdocs build (plain floor)")
    floor_cfg = floor_config(floor_work, articles, options.language)
    floor = dict(run_mkdocs(floor_cfg), **site_sizes(floor_work / "site"))
    result = {"mkdocs": digest, "floor": floor,
              "ratio": round(digest["seconds"] / floor["seconds"], 3) if floor["seconds"] else None,
              "cpu_ratio": round(digest["cpu_s"] / floor["cpu_s"], 3) if floor["cpu_s"] else None}
    if options.incremental:
        say(f"N={n}: plain mkdocs serve-style rebuild after one edit")
        result["preview"], _ = run_python_child("child_preview", str(config), str(work / "seeds"))
    return result


def run_bench(options: BenchOptions) -> dict:
    """Measure every size; return the machine description, the results and the linearity ratios."""
    before, results = machine(), []
    for n in options.sizes:
        if options.keep:
            work = Path(options.keep) / f"n{n}"
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            results.append(bench_size(n, work, options))
        else:
            with tempfile.TemporaryDirectory(prefix=f"digest-bench-{n}-") as folder:
                results.append(bench_size(n, Path(folder), options))
    return {"machine": dict(before, load_average_end=machine()["load_average"]), "results": results,
            "linearity": linearity(results)}


def machine() -> dict:
    """Describe where the numbers were measured."""
    return {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "load_average": [round(load, 2) for load in os.getloadavg()]}


def linearity(results: Sequence[dict]) -> dict | None:
    """Compare time and bytes per article of the largest size with the smallest (1.0 = linear)."""
    if len(results) < 2:
        return None
    small, large = min(results, key=lambda r: r["n"]), max(results, key=lambda r: r["n"])
    return {"from": small["n"], "to": large["n"],
            "generator_time_per_article": growth(small, large, "generator", "generator_s"),
            "generator_cpu_per_article": growth(small, large, "generator", "generator_cpu_s"),
            "mkdocs_time_per_article": growth(small, large, "mkdocs", "seconds"),
            "mkdocs_cpu_per_article": growth(small, large, "mkdocs", "cpu_s"),
            "article_page_bytes": growth(small, large, "mkdocs", "article_page_bytes", per_article=False),
            "article_markdown_bytes": growth(small, large, "generator", "markdown", "article_page_bytes",
                                             per_article=False)}


def growth(small: dict, large: dict, *keys: str, per_article: bool = True) -> float | None:
    """Return how much a measure (per article, or as it is) grew from ``small`` to ``large``."""
    a, b = dig(large, *keys), dig(small, *keys)
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) or not a or not b:
        return None
    return round((a / large["n"]) / (b / small["n"]) if per_article else a / b, 3)


def run_command(args, settings_options, settings: dict) -> int:
    """The ``bench`` command: measure, print the tables (or JSON), return the exit status."""
    options = BenchOptions(
        sizes=tuple(args.articles or DEFAULT_SIZES), mkdocs=not args.no_mkdocs,
        incremental=args.incremental, serve=args.serve or args.incremental, rounds=args.rounds,
        keep=Path(args.keep) if args.keep else None,
        language=settings_options.language, samples=Path(settings_options.seeds_dir),
        config=Path(args.config).resolve(),
        progress=lambda text: print(text, file=sys.stderr, flush=True),
    )
    report = run_bench(options)
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else format_report(report))
    return 0


def add_arguments(parser) -> None:
    """Add the ``bench`` options to its sub-parser."""
    parser.add_argument("--articles", type=int, nargs="+", metavar="N",
                        help=f"corpus sizes (default: {' '.join(map(str, DEFAULT_SIZES))})")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-mkdocs", action="store_true", help="time the generator only")
    parser.add_argument("--incremental", action="store_true",
                        help="also time rebuilds after editing one seed (generator; mkdocs; implies --serve)")
    parser.add_argument("--serve", action="store_true",
                        help="time a real mkdocs serve, run as make serve runs it: edit -> browsers reloaded")
    parser.add_argument("--rounds", type=int, default=3, metavar="N",
                        help="seeds edited per kind of edit on the real server, each edit undone (default 3)")
    parser.add_argument("--keep", metavar="DIR", help="keep the corpora and built sites in DIR")
