"""Slugs: the readable, ASCII path segment of an article, entity, story or outlet page."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_SLUG_LENGTH = 80


@lru_cache(maxsize=1 << 14)
def slugify(text: str) -> str:
    """Return a lowercase ASCII slug of ``text``, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug
