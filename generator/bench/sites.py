"""The MkDocs builds the bench times: the annotated digest, and a plain Material site of the same
articles (the floor); their sizes in HTML and in the search index."""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path
from typing import Sequence

import yaml

from ..config import read_mkdocs_yml
from .children import run_child
from .corpus import ROOT, SyntheticArticle
from .timing import LARGEST


def digest_config(work: Path, seeds_dir: Path, out_dir: Path, language: str,
                  config: Path = ROOT / "mkdocs.yml") -> Path:
    """Write a mkdocs.yml inheriting the project's, with every folder pointed into ``work``."""
    base = read_mkdocs_yml(config)
    docs = work / "docs"
    if not docs.exists():
        shutil.copytree(config.parent / str(base.get("docs_dir") or "docs"), docs)
    data = {"INHERIT": str(config.resolve()), "docs_dir": str(docs), "site_dir": str(work / "site"),
            "plugins": [digest_settings(plugin, seeds_dir, out_dir, language)
                        for plugin in base.get("plugins") or ()]}
    theme = base.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        data["theme"] = {"custom_dir": str((config.parent / theme["custom_dir"]).resolve())}
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def digest_settings(plugin, seeds_dir: Path, out_dir: Path, language: str):
    """Return a plugins entry, with the digest plugin's folders replaced."""
    if plugin == "digest" or (isinstance(plugin, dict) and "digest" in plugin):
        settings = dict(plugin["digest"] or {}) if isinstance(plugin, dict) else {}
        settings.update(seeds_dir=str(seeds_dir), out_dir=str(out_dir), language=language)
        return {"digest": settings}
    return plugin


def floor_config(work: Path, articles: Sequence[SyntheticArticle], language: str) -> Path:
    """Write a plain MkDocs-Material site of the same articles, unannotated, out of the navigation."""
    docs = work / "docs"
    (docs / "articles").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Floor\n\nThe same articles, without annotations.\n", encoding="utf-8")
    for article in articles:
        text = f"# {article.title}\n\n" + "\n\n".join(article.body) + "\n"
        (docs / "articles" / f"{Path(article.name).stem}.md").write_text(text, encoding="utf-8")
    data = {"site_name": "Floor", "docs_dir": str(docs), "site_dir": str(work / "site"),
            "theme": {"name": "material", "language": language}, "plugins": ["search"],
            "not_in_nav": "/articles/\n", "nav": ["index.md"]}
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def run_mkdocs(config: Path) -> dict:
    """Run ``mkdocs build`` on ``config`` in a subprocess; return its time, peak memory and warnings."""
    result = run_child([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)])
    if result.status != 0:
        raise RuntimeError(f"mkdocs build -f {config} failed:\n{result.stderr[-3000:]}")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    return {"seconds": round(result.seconds, 3), "cpu_s": result.cpu_s, "peak_rss_mb": result.peak_rss_mb,
            "warnings": len(warnings), "first_warnings": warnings[:3]}


def site_sizes(site: Path) -> dict:
    """Return the sizes of the built HTML: mean article page, corpus pages, search index."""
    articles = [path.stat().st_size for path in (site / "articles").glob("*/index.html")]
    entities = {path.parent.name: path.stat().st_size for path in (site / "entities").glob("*/index.html")}
    largest = max(entities, key=entities.get, default=None)
    pages = {name: (site / name).stat().st_size for name in (
        "index.html", "timeline/index.html", "quotes/index.html", "entities/index.html",
        "glossary/index.html", "report/index.html") if (site / name).is_file()}
    index = site / "search" / "search_index.json"
    others = sorted(((path.stat().st_size, path.relative_to(site).as_posix()) for path in site.rglob("*.html")
                     if path.parts[len(site.parts)] != "articles"), reverse=True)
    return {"article_page_bytes": round(statistics.mean(articles)) if articles else 0,
            "corpus_pages_bytes": pages,
            "largest_entity_page": [largest, entities[largest]] if largest else None,
            "largest_pages": [[path, size] for size, path in others[:LARGEST]],
            "total_html_bytes": sum(path.stat().st_size for path in site.rglob("*.html")),
            "search_index_bytes": index.stat().st_size if index.is_file() else 0}
