"""The MkDocs side: run the pipeline on build and serve, register the generated pages."""

from __future__ import annotations

import logging
from pathlib import Path

from material.plugins.search.plugin import Parser as SearchParser, SearchIndex
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .core.errors import GeneratorError
from .ingest.seeds import DEFAULT_MAX_BYTES
from .link.paging import MAX_ROWS
from .pipeline import Cache, Options, errors_of, generate
from .preview import DirtyWarningFilter, Previews, TemplateCache, environment_signature, find_search_plugin
from .rawhtml import RawBlocks
from .searchfeed import index_page
from .write import PACKAGE_DIR, check_out_dir, check_seeds_dir, write_pages

log = logging.getLogger("mkdocs.plugins.digest")

# The generator's caches per seeds folder, for every build of the process (``mkdocs serve``).
_CACHES: dict[str, Cache] = {}


class DigestConfig(base.Config):
    seeds_dir = c.Type(str, default="seeds")
    language = c.Choice(("id", "en"), default="id")
    strict = c.Type(bool, default=False)
    out_dir = c.Type(str, default=".cache/digest")
    max_seed_bytes = c.Type(int, default=DEFAULT_MAX_BYTES)
    page_rows = c.Type(int, default=MAX_ROWS)


class DigestPlugin(BasePlugin[DigestConfig]):
    """Generate the annotated digest pages from ``seeds_dir``.

    Having ``on_startup``, one instance serves every rebuild of ``mkdocs serve``. Under ``--dirty``
    it makes each rebuild exact (``preview.py``): the pages whose source changed are rendered again,
    stale pages removed, the search index kept whole.
    """

    previews: Previews | None = None
    site_dir: str = ""
    generated: frozenset[str] = frozenset()
    written: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.templates: dict[str, TemplateCache] = {}
        self.search = None
        self.raw_blocks = RawBlocks()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.previews = Previews() if dirty else None
        if dirty and not any(isinstance(f, DirtyWarningFilter) for f in BUILD_LOG.filters):
            BUILD_LOG.addFilter(DirtyWarningFilter(lambda: self.previews is not None))

    def on_config(self, config):
        self.site_dir = config.site_dir
        root = Path(config.config_file_path or ".").resolve().parent
        self.seeds_dir = (root / self.config.seeds_dir).resolve()
        self.out_dir = (root / self.config.out_dir).resolve()
        docs_dir = Path(config.docs_dir).resolve()
        if self.config.page_rows < 1:
            raise PluginError(f"digest: page_rows must be at least 1, not {self.config.page_rows}")
        self.strict = self.config.strict or bool(config.strict)
        protected = {"docs_dir": docs_dir, "site_dir": Path(config.site_dir).resolve(),
                     "the generator package": PACKAGE_DIR}
        try:
            check_seeds_dir(self.seeds_dir, protected)
            check_out_dir(self.out_dir, {**protected, "seeds_dir": self.seeds_dir})
        except GeneratorError as error:
            raise PluginError(f"digest: {error}") from None
        if self.raw_blocks not in config.markdown_extensions:
            config.markdown_extensions.append(self.raw_blocks)
        return config

    def on_files(self, files: Files, config) -> Files:
        cache = _CACHES.setdefault(str(self.seeds_dir), Cache())
        options = Options(self.seeds_dir, self.config.language, self.config.max_seed_bytes,
                          site_url=config.site_url, page_rows=self.config.page_rows,
                          directory_urls=config.use_directory_urls)
        digest, pages = generate(options, cache)
        self.report(digest)
        generated = [File.generated(config, path, abs_src_path=str(self.out_dir / path),
                                    inclusion=nav_inclusion(path))
                     for path, _ in pages]
        collisions = find_collisions(files, generated)
        if collisions:
            raise PluginError("digest: generated pages would shadow hand-written pages: " + ", ".join(
                f"{Path(config.docs_dir) / mine.src_uri} vs generated {ours.src_uri}"
                for mine, ours in collisions))
        try:
            report = write_pages(self.out_dir, pages, cache.written)
        except GeneratorError as error:
            raise PluginError(f"digest: {error}") from None
        log.info("digest: %d pages (%d written, %d unchanged, %d removed)", len(pages),
                 len(report.written), report.unchanged, len(report.removed))
        for file in generated:
            files.append(file)
        self.generated, self.written = frozenset(file.src_uri for file in generated), report.written
        return files

    def on_nav(self, nav, config, files):
        """In a dirty build, before MkDocs reads any page: plan what it must render again."""
        self.search = find_search_plugin(config)
        if self.search is not None:
            self.feed_search_index(self.search.search_index)
        if self.previews is not None:
            if self.search is None and any(name.endswith("search") for name in config.plugins):
                log.warning("digest: a dirty build keeps the search index whole with Material's search "
                            "plugin only; this one's index lists the pages rendered again")
            build = self.previews.plan(config, files, nav, set(self.generated), self.written)
            if build.full:
                log.info("digest: dirty build: every page rendered again (%s)", build.full)
            else:
                log.info("digest: dirty build: %d of %d files rendered again", len(build.again), len(files))
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        """Have the HTML blocks of a generated page set aside while Python-Markdown converts it."""
        self.raw_blocks.start(page.file.src_uri in self.generated)
        return markdown

    def on_page_content(self, html, page, config, files):
        """Give MkDocs' anchor check the ids of the blocks it no longer read."""
        if self.raw_blocks.anchor_ids and page.present_anchor_ids is not None:
            page.present_anchor_ids |= self.raw_blocks.anchor_ids
        self.raw_blocks.start(False)
        return html

    def feed_search_index(self, index) -> None:
        """Have Material's search index read generated pages with ``searchfeed`` (same entries)."""
        if not isinstance(index, SearchIndex):
            return  # another search plugin: its own parser reads the pages
        add_entry = index.add_entry_from_context
        generated = self.generated

        def add_entry_from_context(page):
            if page.file.src_uri in generated:
                index_page(index, page, SearchParser)
            else:
                add_entry(page)

        index.add_entry_from_context = add_entry_from_context

    def on_env(self, env, config, files):
        """Keep the theme's compiled templates from one build of the process to the next."""
        env.bytecode_cache = self.templates.setdefault(environment_signature(env), TemplateCache())
        return env

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context, page, config, nav):
        if self.previews is not None:
            self.previews.add_entries(page, self.search)
        return context

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, config):
        if self.previews is not None:
            self.previews.finish(self.search)

    def on_build_error(self, error):
        if self.previews is not None:
            self.previews.fail(self.site_dir)

    def report(self, digest) -> None:
        """Log every problem; in strict mode fail once, naming every bad file.

        Strict mode is the plugin's own ``strict`` or MkDocs' (``--strict`` or ``strict: true``):
        MkDocs counts warnings only when they are logged, and ``-q`` drops them, so a quiet strict
        build would otherwise ship a broken digest.
        """
        for diagnostic in digest.diagnostics:
            level = logging.WARNING if diagnostic.severity == "error" else logging.INFO
            log.log(level, "digest: %s", diagnostic)
        errors = errors_of(digest)
        if errors and self.strict:
            raise PluginError("digest: strict mode, %d problem(s):\n%s" % (
                len(errors), "\n".join(str(e) for e in errors)))

    def on_serve(self, server, config, builder):
        server.watch(str(self.seeds_dir))
        return server


BUILD_LOG = logging.getLogger("mkdocs.commands.build")


def nav_inclusion(path: str) -> InclusionLevel:
    """Only the overview pages (top level, or a folder's index) may appear in the navigation:
    MkDocs copies the whole navigation into every page, so listing articles there is quadratic."""
    top_level = "/" not in path or (path.count("/") == 1 and path.endswith("/index.md"))
    return InclusionLevel.UNDEFINED if top_level else InclusionLevel.NOT_IN_NAV


def find_collisions(files: Files, generated: list[File]) -> list[tuple[File, File]]:
    """Pair each hand-written file with the generated page of the same source path or URL."""
    by_src = {file.src_uri: file for file in files}
    by_dest = {file.dest_uri: file for file in files}
    return [(by_src.get(ours.src_uri) or by_dest[ours.dest_uri], ours) for ours in generated
            if ours.src_uri in by_src or ours.dest_uri in by_dest]
