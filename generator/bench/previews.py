"""Time preview rebuilds: the generator step after an edit of one seed, by kind of edit, and a
``mkdocs serve``-style rebuild in one process."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from ..pipeline import Cache, Options, Stopwatch, generate
from ..write import write_pages
from .timing import STAGES, warm_up

EDIT_ROUNDS = 3  # edits of one seed, each undone: six preview rebuilds timed


def measure_incremental(seeds_dir: Path, out_dir: Path, language: str) -> dict:
    """Time a preview rebuild after editing one seed: generate with the same Cache, then write."""
    warm_up(language)
    options, cache = Options(Path(seeds_dir), language), Cache()
    start = time.perf_counter()
    write_pages(Path(out_dir), generate(options, cache)[1], cache.written)
    full = time.perf_counter() - start
    unchanged = median_run([timed_rebuild(options, cache, out_dir) for _ in range(3)])
    rebuilds = []
    for _ in range(EDIT_ROUNDS):
        seed, original = edit_one_seed(Path(seeds_dir))
        try:
            rebuilds.append(timed_rebuild(options, cache, out_dir))
        finally:
            seed.write_bytes(original)
        rebuilds.append(timed_rebuild(options, cache, out_dir))  # undoing the edit is an edit too
    edited = median_run(rebuilds)
    kinds = {name: timed_edits(edit, options, cache, out_dir) for name, edit in EDIT_KINDS.items()}
    return {"full_s": round(full, 4), "unchanged": unchanged, "edited": edited, "edited_seed": seed.name,
            "edited_all_s": [rebuild["seconds"] for rebuild in rebuilds], "kinds": kinds}


def median_run(runs: list[dict]) -> dict:
    """Return the run of median time (the lower of the two middle ones)."""
    median = statistics.median_low(run["seconds"] for run in runs)
    return next(run for run in runs if run["seconds"] == median)


def timed_edits(edit, options, cache, out_dir: Path) -> dict:
    """Apply one kind of edit to three seeds in turn, undoing each; time the rebuild after each change."""
    seeds = sorted(Path(options.seeds_dir).glob("*.txt"))
    rebuilds = []
    for seed in (seeds[len(seeds) // 10], seeds[len(seeds) // 2], seeds[-len(seeds) // 10]):
        undo = edit(seed)
        try:
            rebuilds.append(timed_rebuild(options, cache, out_dir))
        finally:
            undo()
        rebuilds.append(timed_rebuild(options, cache, out_dir))
    times = [rebuild["seconds"] for rebuild in rebuilds]
    return {"median_s": round(statistics.median(times), 4), "max_s": max(times),
            "rewritten": sorted(rebuild["rewritten"] for rebuild in rebuilds)}


def restorer(*paths: Path):
    """Return a function that puts ``paths`` back as they are now (removing those that do not exist)."""
    saved = {path: path.read_bytes() if path.exists() else None for path in paths}

    def restore() -> None:
        for path, data in saved.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
    return restore


def add_sentence(seed: Path):
    """Add a sentence to the longest paragraph, as an editor fixing a typo would."""
    undo = restorer(seed)
    text = seed.read_bytes().decode("utf-8", errors="replace")
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] = lines[longest].rstrip("\r") + " Kalimat ini ditambahkan saat penyuntingan." + (
        "\r" if lines[longest].endswith("\r") else "")
    seed.write_bytes("\n".join(lines).encode("utf-8"))
    return undo


def add_dated_quote(seed: Path):
    """Append a paragraph with a date and a quote: new statements, events and quote comparisons."""
    undo = restorer(seed)
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nPada 14 Februari 2025, Peskov berkata, "
                    "\"Kami masih harus menyelesaikan rinciannya segera.\"\n", encoding="utf-8")
    return undo


def retitle(seed: Path):
    """Change the headline: the article's slug, and every link to it, change."""
    undo = restorer(seed)
    text = seed.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    seed.write_text(text.replace(first, first + " (diperbarui)", 1), encoding="utf-8")
    return undo


def move_story_date(seed: Path):
    """Give the article another story date in a sidecar: its events and months change."""
    sidecar = seed.with_suffix(".yml")
    undo = restorer(sidecar)
    sidecar.write_text("story_date: 2025-03-20\n", encoding="utf-8")
    return undo


def add_seed(seed: Path):
    """Drop a new report into the folder (a copy of ``seed`` under another headline), first in file order."""
    copy = seed.with_name("00000-" + seed.name)
    undo = restorer(copy)
    text = seed.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    copy.write_text(text.replace(first, "Laporan baru: " + first, 1), encoding="utf-8")
    return undo


EDIT_KINDS = {"dated quote added": add_dated_quote, "headline changed": retitle,
              "story date moved": move_story_date, "new seed": add_seed}
SERVE_KINDS = {"sentence added": add_sentence, **EDIT_KINDS}  # timed on a real ``mkdocs serve``


def timed_rebuild(options, cache, out_dir: Path) -> dict:
    """Regenerate with ``cache`` and write; return the time, the stages and the pages rewritten."""
    watch = Stopwatch()
    start = time.perf_counter()
    _, pages = generate(options, cache, watch)
    with watch.stage("write"):
        report = write_pages(Path(out_dir), pages, cache.written)
    return {"seconds": round(time.perf_counter() - start, 4),
            "stages_s": {stage: round(watch.seconds.get(stage, 0.0), 4) for stage in STAGES},
            "rewritten": len(report.written), "rewritten_pages": list(report.written[:20])}


def edit_one_seed(seeds_dir: Path) -> tuple[Path, bytes]:
    """Add a sentence to the middle seed; return it and its original bytes."""
    seeds = sorted(seeds_dir.glob("*.txt"))
    path = seeds[len(seeds) // 2]
    original = path.read_bytes()
    add_sentence(path)
    return path, original


def measure_preview(config: Path, seeds_dir: Path) -> dict:
    """Build the site twice in one process, editing one seed in between: what a plain
    ``mkdocs serve`` (without ``--dirty``) costs after an edit."""
    # MkDocs is imported only by the child process that measures previews: the command line and the
    # generator's own measurements (its peak memory) go without it.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    build(load_config(str(config)))
    first = time.perf_counter() - start
    seed, original = edit_one_seed(Path(seeds_dir))
    try:
        start = time.perf_counter()
        build(load_config(str(config)))
        second = time.perf_counter() - start
    finally:
        seed.write_bytes(original)
    return {"first_build_s": round(first, 3), "rebuild_after_edit_s": round(second, 3)}
