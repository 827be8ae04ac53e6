"""Exact dirty rebuilds for ``mkdocs serve --dirty``: what MkDocs must render again, what it must
remove, and a whole search index.

A dirty MkDocs build renders only the pages whose source file is newer than their HTML and leaves
the rest of the site as the last build wrote it; Material's search plugin then merges its index as
if a single page had changed. ``Previews`` keeps, per site folder, what the last build made: every
file's output, the pages of the navigation as the other pages show them, and each page's search
entries. With it a dirty rebuild gives the site a full build would give:

- a page whose source changed (a page the generator wrote again, a hand-written file whose size,
  time or inode changed) loses its HTML before MkDocs looks, so it is rendered again whatever the
  file times say;
- the output of a file that is gone is removed, with the folders it leaves empty;
- an unchanged page keeps its search entries, a rendered one's are replaced, a removed one's dropped;
- when what every page shows changes (the configuration, the theme overrides, the navigation, a
  navigation page's title or front matter, the set of hand-written files) every page is rendered.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import jinja2
import jinja2.bccache
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.meta import get_data

log = logging.getLogger("mkdocs.plugins.digest")

DIRTY_WARNING = "A 'dirty' build is being performed"  # MkDocs' warning, which no longer applies


@dataclass
class SiteRecord:
    """What the last successful build of one site folder made."""

    setting: str  # the configuration, theme overrides and navigation every page shows
    outputs: dict[str, str]  # src_uri -> the file MkDocs wrote for it
    generated: frozenset[str]  # src_uris of the pages the generator made
    signatures: dict[str, tuple]  # src_uri -> (size, mtime, inode) of the files not generated here
    nav_pages: dict[str, tuple]  # src_uri -> (title, meta) of each navigation page, as shown
    entries: dict[str, list]  # src_uri -> the page's search index entries


@dataclass
class Rebuild:
    """The dirty build in progress: what it renders, and the search entries of what it rendered."""

    site_dir: str
    setting: str
    files: list = field(default_factory=list)  # every File of the build, in MkDocs' order
    generated: frozenset[str] = frozenset()  # src_uris of the pages the generator made
    signatures: dict[str, tuple] = field(default_factory=dict)
    nav: list = field(default_factory=list)  # the Pages of the navigation
    full: str | None = None  # why every page is rendered, or None
    again: set[str] = field(default_factory=set)  # src_uris rendered again on purpose
    predicted: dict[str, dict] = field(default_factory=dict)  # src_uri -> front matter of changed nav pages
    entries: dict[str, list] = field(default_factory=dict)  # src_uri -> entries made in this build
    seen: int = 0  # search entries already handed out to a page
    previous: SiteRecord | None = None  # what the last build made


class Previews:
    """Make the dirty builds of one process exact, for each site folder it builds."""

    def __init__(self) -> None:
        self.records: dict[str, SiteRecord] = {}
        self.build: Rebuild | None = None

    def plan(self, config, files, nav: Navigation, generated: set[str], written: Iterable[str]) -> Rebuild:
        """Before MkDocs reads any page: remove what must be rendered again or is gone."""
        site_dir = str(Path(config.site_dir).resolve())
        record = self.records.pop(site_dir, None)  # a failed build leaves none: the next is full
        build = Rebuild(site_dir, setting_of(config, nav), list(files), frozenset(generated),
                        signatures_of(files, generated), list(nav.pages))
        build.previous = record
        build.full = full_reason(record, build, set(written))
        if build.full:
            clean_directory(site_dir)
        else:
            build.again = pages_to_render(record, build, set(written))
            remove_outputs(site_dir, stale_outputs(record, build) + [
                file.abs_dest_path for file in build.files if file.src_uri in build.again])
            restore_nav_pages(record, build)
        self.build = build
        return build

    def add_entries(self, page: Page, search) -> None:
        """Keep the search entries the search plugin just made for ``page``."""
        if self.build is not None and search is not None:
            entries = search.search_index.entries
            self.build.entries[page.file.src_uri] = entries[self.build.seen:]
            self.build.seen = len(entries)

    def finish(self, search) -> None:
        """Hand the search plugin the whole index, and remember what this build made."""
        build, self.build = self.build, None
        if build is None:
            return
        entries = {} if build.full or build.previous is None else dict(build.previous.entries)
        entries.update(build.entries)
        order = [file.src_uri for file in build.files]
        entries = {uri: entries[uri] for uri in order if uri in entries}
        if search is not None:
            search.search_index.entries = [entry for page in entries.values() for entry in page]
            search.search_index_prev = None  # its merge assumes one rebuilt page
        shown = {page.file.src_uri: nav_view(page) for page in build.nav}
        if not build.full and not verify_nav_pages(build, shown):
            return  # no record: the next build renders every page
        self.records[build.site_dir] = SiteRecord(
            build.setting, {file.src_uri: file.abs_dest_path for file in build.files}, build.generated,
            build.signatures, shown, entries)

    def fail(self, site_dir: str) -> None:
        """A build failed, maybe after the generator wrote pages: the next one renders every page."""
        self.records.pop(str(Path(site_dir).resolve()), None)
        self.build = None


def full_reason(record: SiteRecord | None, build: Rebuild, written: set[str]) -> str | None:
    """Say why every page must be rendered again, or return None."""
    if record is None:
        return "first build of this site folder in this process"
    if record.setting != build.setting:
        return "configuration, theme overrides or navigation changed"
    if set(record.signatures) != set(build.signatures):
        return "a hand-written file was added or removed"
    for page in build.nav:
        uri = page.file.src_uri
        changed = uri in written or record.signatures.get(uri) != build.signatures.get(uri)
        if not changed:
            continue
        if page.title is None:
            return f"{uri}: a navigation page without a title in mkdocs.yml changed"
        build.predicted[uri] = front_matter(page)
        if uri not in record.nav_pages or build.predicted[uri] != record.nav_pages[uri][1]:
            return f"{uri}: the front matter of a navigation page changed"
    return None


def pages_to_render(record: SiteRecord, build: Rebuild, written: set[str]) -> set[str]:
    """Return the src_uris whose output must be made again."""
    again = set(written)
    again |= {uri for uri, signature in build.signatures.items() if record.signatures.get(uri) != signature}
    if build.generated != record.generated:
        # Generated pages came or went: hand-written pages may link to them.
        again |= {file.src_uri for file in build.files
                  if file.src_uri not in build.generated and file.is_documentation_page()}
    # A navigation page's title, when mkdocs.yml gives none, is known only once it is rendered.
    again |= {page.file.src_uri for page in build.nav if page.title is None}
    return again


def stale_outputs(record: SiteRecord, build: Rebuild) -> list[str]:
    """Return the outputs of the last build whose files are gone."""
    current = {file.src_uri for file in build.files}
    return [dest for uri, dest in record.outputs.items() if uri not in current]


def remove_outputs(site_dir: str, paths: Iterable[str]) -> None:
    """Delete outputs inside the site folder, and the folders they leave empty."""
    root = Path(site_dir)
    for path in map(Path, paths):
        if root not in path.parents:
            continue
        path.unlink(missing_ok=True)
        for parent in path.parents:
            if parent == root:
                break
            try:
                parent.rmdir()
            except OSError:
                break


def restore_nav_pages(record: SiteRecord, build: Rebuild) -> None:
    """Give the navigation pages MkDocs will not read the front matter they were last shown with,
    so that the navigation of the pages rendered again shows them as a full build would."""
    for page in build.nav:
        kept = record.nav_pages.get(page.file.src_uri)
        if page.file.src_uri not in build.again and kept is not None:
            page.meta = dict(kept[1])


def verify_nav_pages(build: Rebuild, shown: dict[str, tuple]) -> bool:
    """Check that each navigation page rendered again has the front matter predicted before."""
    for uri, meta in build.predicted.items():
        if uri in shown and shown[uri][1] != meta:
            log.warning("digest: %s: a plugin changed the front matter of a navigation page; the "
                        "navigation of this preview may be out of date until the next rebuild", uri)
            return False
    return True


def nav_view(page: Page) -> tuple:
    """Return what the navigation shows of a page: its title and front matter."""
    return (page.title, dict(page.meta))


def front_matter(page: Page) -> dict:
    """Read a page's front matter as MkDocs will (YAML or MultiMarkdown)."""
    try:
        text = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    except (OSError, TypeError, ValueError):
        return {"<unreadable>": True}
    return get_data(text)[1]


def setting_of(config, nav: Navigation) -> str:
    """Describe what every page shows besides its own text: configuration, theme overrides, nav."""
    values = []
    for key, value in config.items():
        if key == "plugins":
            value = [(name, sorted(dict(plugin.config).items())) for name, plugin in value.items()]
        values.append((key, value))
    theme_dir = config.theme.custom_dir
    return repr((values, theme_signature(theme_dir) if theme_dir else None, describe_nav(nav.items)))


def describe_nav(items) -> tuple:
    """Describe the navigation's structure, titles and addresses (titles given in mkdocs.yml)."""
    described = []
    for item in items:
        if isinstance(item, Section):
            described.append(("section", item.title, describe_nav(item.children)))
        elif isinstance(item, Link):
            described.append(("link", item.title, item.url))
        else:
            described.append(("page", item.title, item.file.src_uri, item.url))
    return tuple(described)


def theme_signature(folder: str) -> tuple:
    """Sizes and times of the theme override files."""
    found = []
    for root, _, names in os.walk(folder):
        for name in sorted(names):
            path = os.path.join(root, name)
            found.append((os.path.relpath(path, folder), file_signature(path)))
    return tuple(sorted(found))


def signatures_of(files, generated: set[str]) -> dict[str, tuple]:
    """Sizes, times and inodes of the files MkDocs reads from disk that this plugin did not generate."""
    return {file.src_uri: file_signature(file.abs_src_path) for file in files
            if file.src_uri not in generated and file.abs_src_path}


def file_signature(path: str) -> tuple:
    """Return what tells a changed file (as make does): size, modification time, inode."""
    try:
        status = os.stat(path)
    except OSError:
        return ()
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def find_search_plugin(config):
    """Return the search plugin whose index a dirty build can make whole (Material's), or None."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if hasattr(plugin, "search_index_prev") and isinstance(getattr(index, "entries", None), list):
            return plugin
    return None


class DirtyWarningFilter(logging.Filter):
    """Drop MkDocs' warning that a dirty build is inexact while ``Previews`` makes it exact."""

    def __init__(self, active) -> None:
        super().__init__()
        self.active = active  # callable: whether the warning no longer applies

    def filter(self, record: logging.LogRecord) -> bool:
        return not (self.active() and str(record.msg).startswith(DIRTY_WARNING))


class TemplateCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory from one rebuild to the next.

    MkDocs makes a new Jinja environment for every build, which compiles Material's templates
    again (a tenth of a second). Jinja checks the source checksum of every cached template, so an
    edited template is compiled again; environments with other settings use another cache.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def environment_signature(env: jinja2.Environment) -> str:
    """Describe the settings of a Jinja environment that change the code it compiles."""
    return repr((sorted(env.extensions), env.block_start_string, env.block_end_string,
                 env.variable_start_string, env.variable_end_string, env.comment_start_string,
                 env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                 env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
                 env.optimized, env.autoescape, env.finalize, getattr(env, "newstyle_gettext", None)))
