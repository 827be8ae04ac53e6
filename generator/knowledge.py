"""Load editorial knowledge: outlets (packaged data), entities and glossary (in seeds/)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from .models import Outlet

OUTLET_FIELDS = {"id", "name", "url", "aliases", "agency"}


@lru_cache(maxsize=None)
def load_data(name: str):
    """Return the parsed packaged YAML file ``generator/data/<name>``."""
    text = resources.files("generator.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def load_outlets() -> tuple[Outlet, ...]:
    """Return the known outlets and wire agencies from ``data/outlets.yml``."""
    return tuple(
        Outlet(
            id=entry["id"],
            name=entry["name"],
            url=entry.get("url"),
            aliases=tuple(entry.get("aliases", ())),
            agency=bool(entry.get("agency", False)),
        )
        for entry in load_data("outlets.yml")
    )
