"""The bench results as Markdown tables a person can read (and paste into the README)."""

from __future__ import annotations

from typing import Sequence

from .previews import EDIT_KINDS, SERVE_KINDS


def dig(data: dict, *keys: str):
    """Return data[k1][k2]... or None."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def format_report(report: dict) -> str:
    """Return the results as Markdown tables a person can read (and paste into the README)."""
    m = report["machine"]
    parts = [f"Machine: {m['nproc']} cores, Python {m['python']}, {m['platform']}; load average "
             f"{m['load_average'][0]} at the start, {m.get('load_average_end', ['?'])[0]} at the end "
             "(other processes share the cores: compare the CPU columns)", "",
             table(TIME_COLUMNS, report["results"]), "", table(SIZE_COLUMNS, report["results"])]
    if any("incremental" in r for r in report["results"]):
        incremental = [r for r in report["results"] if "incremental" in r]
        parts += ["", table(INCREMENTAL_COLUMNS, incremental), "", table(EDIT_KIND_COLUMNS, incremental)]
    served = [r for r in report["results"] if "serve" in r]
    if served:
        parts += ["", f"`{served[0]['serve']['command']}`: edit of one seed -> \"Reloading browsers\", "
                  "median (slowest) of six reloads", "", table(SERVE_COLUMNS, served), "",
                  "The same reloads split: MkDocs noticing the change (median) + the rebuild (median; slowest)",
                  "", table(SERVE_SPLIT_COLUMNS, served)]
    if report.get("linearity"):
        lin = report["linearity"]
        parts += ["", f"Linearity N={lin['from']} -> N={lin['to']} (per article, 1.0 = linear): "
                  f"generator time x{lin['generator_time_per_article']} "
                  f"(CPU x{lin['generator_cpu_per_article']}), "
                  f"mkdocs time x{lin['mkdocs_time_per_article']} (CPU x{lin['mkdocs_cpu_per_article']}), "
                  f"article page bytes x{lin['article_page_bytes']} "
                  f"(Markdown x{lin['article_markdown_bytes']})"]
    largest = max(report["results"], key=lambda r: r["n"])
    parts += ["", f"Largest pages besides articles at N={largest['n']:,}: " + largest_pages(largest)]
    errors = [(r["n"], r["generator"]["errors"], r["generator"]["first_errors"]) for r in report["results"]
              if r["generator"]["errors"]]
    parts += [f"N={n}: {count} articles failed, e.g. {first}" for n, count, first in errors]
    return "\n".join(parts)


def largest_pages(result: dict) -> str:
    """List the largest generated pages (Markdown) and built pages (HTML) of one size."""
    pages = result["generator"]["markdown"]["largest_pages"]
    markdown = ", ".join(f"{path} {kb(size)} KB" for path, size in pages)
    html = dig(result, "mkdocs", "largest_pages")
    built = "; HTML: " + ", ".join(f"{path} {kb(size)} KB" for path, size in html) if html else ""
    return f"Markdown: {markdown}{built}"


def megabytes(value) -> str:
    """Format megabytes."""
    return "-" if value is None else f"{value:,.0f}"


def mb_of_bytes(value) -> str:
    """Format bytes as megabytes."""
    return "-" if value is None else f"{value / 1024 / 1024:,.1f}"


def kb(value) -> str:
    """Format bytes as kilobytes."""
    return "-" if value is None else f"{value / 1024:,.1f}"


def seconds(value) -> str:
    """Format seconds."""
    return "-" if value is None else f"{value:.3f}" if value < 10 else f"{value:.1f}"


TIME_COLUMNS = (
    ("N", lambda r: f"{r['n']:,}"),
    ("read", lambda r: seconds(r["generator"]["stages_s"]["read"])),
    ("ingest", lambda r: seconds(r["generator"]["stages_s"]["ingest"])),
    ("annotate", lambda r: seconds(r["generator"]["stages_s"]["annotate"])),
    ("pool (wall)", lambda r: seconds(r["generator"]["stages_s"].get("pool"))),
    ("processes", lambda r: str(r["generator"].get("workers", 1))),
    ("link", lambda r: seconds(r["generator"]["stages_s"]["link"])),
    ("render", lambda r: seconds(r["generator"]["stages_s"]["render"])),
    ("write", lambda r: seconds(r["generator"]["stages_s"]["write"])),
    ("generator s", lambda r: seconds(r["generator"]["generator_s"])),
    ("(CPU s)", lambda r: seconds(r["generator"]["generator_cpu_s"])),
    ("articles/s", lambda r: f"{r['generator']['articles_per_s']:,.0f}"),
    ("gen. peak MB", lambda r: f"{r['generator']['peak_rss_mb']:,.0f}"),
    ("mkdocs build s", lambda r: seconds(dig(r, "mkdocs", "seconds"))),
    ("(CPU s) ", lambda r: seconds(dig(r, "mkdocs", "cpu_s"))),
    ("floor s", lambda r: seconds(dig(r, "floor", "seconds"))),
    ("(CPU s)  ", lambda r: seconds(dig(r, "floor", "cpu_s"))),
    ("ratio", lambda r: "-" if r.get("ratio") is None else f"{r['ratio']:.2f}"),
    ("(CPU)", lambda r: "-" if r.get("cpu_ratio") is None else f"{r['cpu_ratio']:.2f}"),
    ("mkdocs peak MB", lambda r: megabytes(dig(r, "mkdocs", "peak_rss_mb"))),
)
SIZE_COLUMNS = (
    ("N", lambda r: f"{r['n']:,}"),
    ("article KB (md)", lambda r: kb(r["generator"]["markdown"]["article_page_bytes"])),
    ("article KB (html)", lambda r: kb(dig(r, "mkdocs", "article_page_bytes"))),
    ("floor KB (html)", lambda r: kb(dig(r, "floor", "article_page_bytes"))),
    ("abbr. B/page", lambda r: f"{r['generator']['abbreviations_bytes_per_page']:,}"),
    ("search index MB", lambda r: mb_of_bytes(dig(r, "mkdocs", "search_index_bytes"))),
    ("floor search MB", lambda r: mb_of_bytes(dig(r, "floor", "search_index_bytes"))),
    ("index KB", lambda r: kb(dig(r, "mkdocs", "corpus_pages_bytes", "index.html"))),
    ("timeline KB", lambda r: kb(dig(r, "mkdocs", "corpus_pages_bytes", "timeline/index.html"))),
    ("quotes KB", lambda r: kb(dig(r, "mkdocs", "corpus_pages_bytes", "quotes/index.html"))),
    ("entities KB", lambda r: kb(dig(r, "mkdocs", "corpus_pages_bytes", "entities/index.html"))),
    ("report KB", lambda r: kb(dig(r, "mkdocs", "corpus_pages_bytes", "report/index.html"))),
    ("largest entity KB", lambda r: largest_entity(r)),
)
INCREMENTAL_COLUMNS = (
    ("N", lambda r: f"{r['n']:,}"),
    ("full generate+write s", lambda r: seconds(r["incremental"]["full_s"])),
    ("no change s", lambda r: seconds(r["incremental"]["unchanged"]["seconds"])),
    ("pages rewritten", lambda r: str(r["incremental"]["unchanged"]["rewritten"])),
    ("one seed edited s (median)", lambda r: seconds(r["incremental"]["edited"]["seconds"])),
    ("max s", lambda r: seconds(max(r["incremental"]["edited_all_s"]))),
    ("pages rewritten ", lambda r: str(r["incremental"]["edited"]["rewritten"])),
    ("plain serve rebuild s", lambda r: seconds(dig(r, "preview", "rebuild_after_edit_s"))),
)
# Generator step (generate + write) after other kinds of edit: median (max) of six rebuilds.
EDIT_KIND_COLUMNS = (("N", lambda r: f"{r['n']:,}"),) + tuple(
    (f"{kind} s", lambda r, kind=kind: "{} ({})".format(
        seconds(dig(r, "incremental", "kinds", kind, "median_s")), seconds(dig(r, "incremental", "kinds", kind, "max_s"))))
    for kind in EDIT_KINDS)


SERVE_COLUMNS = (("N", lambda r: f"{r['n']:,}"),) + tuple(
    (f"{kind} s", lambda r, kind=kind: "{} ({})".format(
        seconds(dig(r, "serve", "kinds", kind, "median_s")), seconds(dig(r, "serve", "kinds", kind, "max_s"))))
    for kind in SERVE_KINDS)
SERVE_SPLIT_COLUMNS = (("N", lambda r: f"{r['n']:,}"),) + tuple(
    (f"{kind} s", lambda r, kind=kind: "{} + {} ({})".format(
        seconds(dig(r, "serve", "kinds", kind, "detect_median_s")),
        seconds(dig(r, "serve", "kinds", kind, "rebuild_median_s")),
        seconds(dig(r, "serve", "kinds", kind, "rebuild_max_s"))))
    for kind in SERVE_KINDS)


def largest_entity(result: dict) -> str:
    """Name the largest entity page and its size (HTML when built, else Markdown)."""
    found = (dig(result, "mkdocs", "largest_entity_page")
             or result["generator"]["markdown"]["largest_entity_page"])
    return f"{found[0]} {kb(found[1])}" if found else "-"


def table(columns, results: Sequence[dict]) -> str:
    """Return a Markdown table with one row per result."""
    rows = [[name for name, _ in columns]] + [[cell(result) for _, cell in columns] for result in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
    lines = ["| " + " | ".join(text.rjust(width) for text, width in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (width + 1) + ":" for width in widths) + "|")
    return "\n".join(lines)
