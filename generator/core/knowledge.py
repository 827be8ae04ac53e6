"""Load editorial knowledge: outlets (packaged data), entities and glossary (in seeds/)."""

from __future__ import annotations

from functools import lru_cache, wraps
from importlib import resources
from typing import Callable, TypeVar

import yaml

from .models import Outlet

OUTLET_FIELDS = {"id", "name", "url", "aliases", "agency"}

T = TypeVar("T")
R = TypeVar("R")


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


def reuse_last(function: Callable[[T], R]) -> Callable[[T], R]:
    """Return the previous result while a one-argument function is called with the same object.

    Every article looks its outlets up in ``lru_cache`` functions; hashing the ~200 frozen
    outlets on each call cost more than using them.
    """
    last: list[tuple[object, object]] = [(object(), None)]

    @wraps(function)
    def call(argument: T) -> R:
        seen, result = last[0]  # one read: another thread may replace the pair
        if seen is not argument:
            result = function(argument)
            last[0] = (argument, result)
        return result
    return call
