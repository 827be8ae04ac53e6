"""Find the plugin's settings in mkdocs.yml, for the command line."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .ingest.seeds import DEFAULT_MAX_BYTES
from .link.paging import MAX_ROWS

DEFAULTS = {"seeds_dir": "seeds", "language": "id", "strict": False, "out_dir": ".cache/digest",
            "max_seed_bytes": DEFAULT_MAX_BYTES, "site_url": None, "page_rows": MAX_ROWS,
            "docs_dir": Path("docs"), "site_dir": Path("site"), "use_directory_urls": True}


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads unknown tags (``!!python/name:...``) as plain text."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """Read ``!ENV NAME`` or ``!ENV [NAME, ..., default]`` as MkDocs does."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = loader.construct_sequence(node)
    return next((os.environ[name] for name in names if name in os.environ), default)


_TolerantLoader.add_constructor("!ENV", _environment_value)
_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(mkdocs_yml: Path) -> dict:
    """Return a mkdocs.yml as data, its Python tags read as nothing and ``!ENV`` as MkDocs reads it."""
    return yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}


def plugin_settings(mkdocs_yml: Path) -> dict:
    """Return the ``digest`` plugin settings of mkdocs.yml merged over the defaults."""
    settings = dict(DEFAULTS)
    if not mkdocs_yml.is_file():
        return settings
    config = read_mkdocs_yml(mkdocs_yml)
    settings["site_url"] = config.get("site_url")
    settings["use_directory_urls"] = config.get("use_directory_urls") is not False
    settings["docs_dir"] = mkdocs_yml.parent / str(config.get("docs_dir") or "docs")
    settings["site_dir"] = mkdocs_yml.parent / str(config.get("site_dir") or "site")
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and isinstance(plugin.get("digest"), dict):
            settings.update(plugin["digest"])
    return settings
