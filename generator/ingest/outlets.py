"""Outlets: the known outlets indexed for lookups, and the outlet a name, brand or URL points to.

``index_outlets`` indexes every known outlet (``data/outlets.yml``) by name, alias and home domain,
with one matcher over all of them, longest first (an alias of three letters or fewer, such as "AP",
matches in its own case only). ``find_outlet`` finds the first known outlet a text names;
``name_outlet`` turns an outlet as written (a name, a brand or a domain) into the display name of a
``Field``, and ``outlet_from_url`` the host of a logo or page URL (a parent domain counts). An
unknown domain gives a name of its own ("koran-jakarta.com" -> "Koran Jakarta"), always marked
inferred; the hosts of image CDNs, social networks and link shorteners name no outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..core.knowledge import reuse_last
from ..core.models import INFERRED, TEXT, UNKNOWN, Field, Outlet

# Hosts of image CDNs, social networks and link shorteners: they say nothing about the outlet.
GENERIC_HOSTS = (
    "wp.com", "wordpress.com", "googleusercontent.com", "googleapis.com", "gstatic.com",
    "cloudfront.net", "akamaized.net", "akamaihd.net", "imgix.net", "cloudinary.com",
    "amazonaws.com", "gravatar.com", "twimg.com", "fbcdn.net", "ytimg.com", "youtube.com",
    "youtu.be", "twitter.com", "x.com", "facebook.com", "instagram.com", "tiktok.com", "t.me",
    "whatsapp.com", "bit.ly", "google.com", "imgur.com", "flickr.com", "pinimg.com",
)
# Leading host labels that name a server, not the outlet (cdn.koran-jakarta.com).
SERVER_LABELS = ("www", "m", "amp", "cdn", "img", "images", "image", "static", "assets",
                 "asset", "media", "foto", "photo", "mobile", "beta", "news", "en", "id")
# Second-level labels of country domains (republika.co.id, bbc.co.uk).
SECOND_LEVEL = ("co", "com", "or", "go", "ac", "net", "web", "org", "my", "sch", "ne", "gov")


@dataclass(frozen=True)
class OutletIndex:
    """Every outlet name, alias and domain, with one matcher over all of them."""

    pattern: re.Pattern | None
    by_key: dict


# --- the index --------------------------------------------------------------------------------


@reuse_last
@lru_cache(maxsize=8)
def index_outlets(outlets: tuple[Outlet, ...]) -> OutletIndex:
    """Index outlets by casefolded name, alias and home domain; compile one matcher."""
    by_key, spellings = {}, {}
    for outlet in outlets:
        for key in (outlet.name, *outlet.aliases, host_of(outlet.url or "")):
            if key:
                by_key.setdefault(key.casefold(), outlet)
                spellings.setdefault(key.casefold(), key)
    if not by_key:
        return OutletIndex(None, {})
    keys = sorted(spellings.values(), key=len, reverse=True)
    alternation = "|".join(alias_regex(key) for key in keys)
    return OutletIndex(re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE), by_key)


def alias_regex(alias: str) -> str:
    """Escape an alias; short ones ("AP", "FT") only match in their own case."""
    escaped = re.escape(alias)
    return f"(?-i:{escaped})" if len(alias) <= 3 else escaped


# --- outlets ----------------------------------------------------------------------------------


def host_of(url: str) -> str | None:
    """Return the host of a URL without "www.", or None."""
    host = urlsplit(url).hostname if "//" in url else None
    return host.removeprefix("www.") if host else None


def find_outlet(text: str, index: OutletIndex) -> Outlet | None:
    """Return the first known outlet named in text (longest alias wins)."""
    found = index.pattern.search(text) if index.pattern else None
    return index.by_key.get(found.group(0).casefold()) if found else None


def outlet_for_host(host: str, index: OutletIndex) -> Outlet | None:
    """Return the known outlet of a host or of one of its parent domains."""
    labels = host.casefold().removeprefix("www.").split(".")
    for start in range(len(labels) - 1):
        outlet = index.by_key.get(".".join(labels[start:]))
        if outlet:
            return outlet
    return None


def name_from_host(host: str) -> str | None:
    """Derive a display name from an unknown domain: koran-jakarta.com -> "Koran Jakarta"."""
    host = host.casefold()
    if any(host == generic or host.endswith("." + generic) for generic in GENERIC_HOSTS):
        return None
    labels = [label for label in host.split(".") if label]
    while len(labels) > 2 and labels[0] in SERVER_LABELS:
        labels = labels[1:]
    if len(labels) < 2:
        return None
    name = labels[-3] if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else labels[-2]
    return " ".join(word.capitalize() for word in name.split("-")) or None


def name_outlet(text: str, index: OutletIndex, provenance: str = TEXT) -> Field:
    """Turn an outlet as written (name, brand or domain) into a display-name Field."""
    outlet = find_outlet(text, index)
    if outlet:
        return Field(outlet.name, provenance)
    domain = re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", text.strip().casefold())
    if domain:
        name = name_from_host(text.strip())
        return Field(name, INFERRED) if name else UNKNOWN
    return Field(text.strip(), provenance) if text.strip() else UNKNOWN


def outlet_from_url(url: str, index: OutletIndex) -> Field:
    """Return the outlet a logo or page URL points to (always inferred)."""
    host = host_of(url)
    if not host:
        return UNKNOWN
    outlet = outlet_for_host(host, index)
    name = outlet.name if outlet else name_from_host(host)
    return Field(name, INFERRED) if name else UNKNOWN
