"""Automatic entities: the people, organisations and places the articles introduce (link stage).

Without ``entities.yml`` a digest still gets entity pages. Each article gives its sightings
(``sightings``); across the digest they are cleaned of titles, ranks and words that are no names
(``name_cleaner``), then merged here by variant (full name, a surname or given name, a defined short
form) and typed, each group becoming one entity with the role written most often before it. A name
the knowledge base knows is left to it: ``entities.yml`` always wins, and a known outlet is no
entity. One compiled matcher then finds the mentions of the automatic entities, and quote speakers
link to them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Mapping, Sequence

from ..annotate.entities import EntityMatcher, flatten, is_acronym, names_of
from ..core.memo import Memo
from ..core.models import Article, Entity, Knowledge, Mention, Outlet, Quote
from ..core.sets import DisjointSets
from .name_cleaner import Found, clean_sightings, count_lower, make_cleaner
from .sightings import ArticleNames, read_article_names, unresolved_speaker, words
from .slugs import slugify


@dataclass(frozen=True)
class Automatic:
    """The automatic entities of a digest and, per article, the names that lead to an entity."""

    entities: tuple[Entity, ...]
    names: Mapping[str, Mapping[str, str]]  # file -> folded name -> entity id (automatic or known)
    short_forms: Mapping[str, tuple[str, ...]]  # entity id -> single-word forms seen with it


# ---------------------------------------------------------------- across the digest


def build_automatic(parts: Sequence[ArticleNames], knowledge: Knowledge, memo: Memo | None = None) -> Automatic:
    """Clean, merge and type the sightings of every article into automatic entities.

    ``memo``, kept between the builds of a preview, counts again only the lower-case words of the
    articles that changed, and keeps an article's cleaned sightings while it and the cleaner are the same.
    """
    memo = memo if memo is not None else Memo()
    previous = memo.last("automatic lower words")
    lower = memo.get("automatic lower words", tuple(parts), lambda: count_lower(previous, parts))
    cleaner = memo.same("automatic cleaner", make_cleaner(parts, lower))
    clean = lru_cache(maxsize=None)(cleaner.clean)  # names repeat across the articles of a story
    found = [item for part in parts for item in memo.get(("automatic found", part.file), (part, cleaner),
                                                          lambda: tuple(clean_sightings(part, cleaner, clean)))]  # noqa: B023
    groups = group_names(found)
    known = known_names(knowledge)
    places = frozenset().union(*(part.places for part in parts))
    entities, ids = [], {}
    taken = {entity.id for entity in knowledge.entities}
    refused = outlet_names(knowledge.outlets)
    for members in groups:
        target = next((known[n.name.casefold()] for n in members if n.name.casefold() in known), None)
        target = target or next((known[n.alias.casefold()] for n in members if n.alias.casefold() in known), None)
        if target is None:
            entity = make_entity(members, places, taken, refused)
            if entity is None:
                continue
            entities.append(entity)
            taken.add(entity.id)
            target = entity.id
        for member in members:
            ids[(member.file, member.name.casefold())] = target
            ids.setdefault((member.file, flatten(member.raw).casefold()), target)
            if member.alias:
                ids[(member.file, member.alias.casefold())] = target
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for (file, name), target in sorted(ids.items()):
        names[file][name] = target
    kept = {entity.id for entity in entities}
    short = defaultdict(set)
    for (file, name), target in ids.items():
        if target in kept and " " not in name:
            short[target].add(name)
    return Automatic(tuple(sorted(entities, key=lambda e: e.id)), {f: dict(m) for f, m in names.items()},
                     {key: tuple(sorted(value)) for key, value in short.items()})


def group_names(found: Sequence[Found]) -> list[list[Found]]:
    """Merge sightings of one entity: equal names, defined short forms, names sharing their last
    two words, and a single word that is the first or last word of one full name only."""
    sets: DisjointSets[str] = DisjointSets()
    find, union = sets.find, sets.union

    keys = sorted({item.name.casefold() for item in found})
    for item in found:
        if item.alias:
            union(item.name.casefold(), item.alias.casefold())
    tails: dict[str, str] = {}
    for key in keys:
        parts = key.split()
        if len(parts) >= 2:
            union(key, tails.setdefault(" ".join(parts[-2:]), key))
    holders: dict[str, Counter] = defaultdict(Counter)
    weight = Counter(item.name.casefold() for item in found)
    for key in keys:
        if " " in key:
            for word in key.split():
                holders[word][find(key)] += weight[key]
    for key in keys:
        owner = dominant(holders.get(key, Counter()))
        if " " not in key and owner:
            union(key, owner)
    groups: dict[str, list[Found]] = defaultdict(list)
    for item in found:
        groups[find(item.name.casefold())].append(item)
    return [groups[key] for key in sorted(groups)]


def dominant(owners: Counter) -> str | None:
    """Return the one group a word belongs to, or the group seen at least three times as often as
    any other ("Trump": "Donald Trump" rather than a stray "Pengakuan Trump"), else None."""
    ranked = owners.most_common()
    if len(ranked) == 1 or (ranked and ranked[0][1] >= 3 * ranked[1][1]):
        return ranked[0][0]
    return None


def known_names(knowledge: Knowledge) -> dict[str, str]:
    """Map every name and alias of the knowledge base (folded) to its entity id."""
    return {name.casefold(): entity.id for entity in knowledge.entities for name in names_of(entity)}


def outlet_names(outlets: Sequence[Outlet]) -> frozenset[str]:
    """Return the names of known outlets and agencies (folded): a medium is no automatic entity."""
    return frozenset(name.casefold() for outlet in outlets for name in (outlet.name, *outlet.aliases))


def make_entity(members: Sequence[Found], places: frozenset[str], taken: set[str],
                refused: frozenset[str]) -> Entity | None:
    """Make the automatic entity of one group of sightings, or None when it is too weak."""

    articles = Counter()
    for member in members:
        articles[member.name] += 1
    full = [name for name in articles if " " in name]
    name = max(full or articles, key=lambda n: (articles[n], -len(n.split()), n))
    if any(n.casefold() in refused for n in articles):
        return None
    kind = entity_type(members, name, places)
    if kind == "person" and not full and not mononym_allowed(members, name):
        return None
    aliases = sorted({n for n in articles if n != name} | {m.alias for m in members if m.alias} - {name})
    roles = Counter(member.role for member in members if member.role and kind == "person")
    role = max(roles, key=lambda r: (roles[r], -len(r), r)) if roles else ""
    base = slugify(name) or "entitas"
    slug, number = base, 2
    while slug in taken or slug == "index":
        slug, number = f"{base}-{number}", number + 1
    return Entity(slug, name, kind, tuple(aliases), description=role, automatic=True)


def entity_type(members: Sequence[Found], name: str, places: frozenset[str]) -> str:
    """Type a group: what its definitions say, else a place when written after "di" or "ke" and
    never quoted, else a person."""
    kinds = Counter(member.type for member in members)
    if kinds["organisation"] or kinds["place"]:
        return "organisation" if kinds["organisation"] >= kinds["place"] else "place"
    first = name.split()[0].casefold()
    if first in words().organisation_heads or name.split()[-1].casefold() in words().organisation_tails:
        return "organisation"
    if name.casefold() in places and not any(member.speaker for member in members):
        return "place"
    return "person"


def mononym_allowed(members: Sequence[Found], name: str) -> bool:
    """Say whether a one-word name stands as a person: quoted or given a role, and a real word."""
    return len(name) >= 4 and any(member.speaker or member.role for member in members)


# ---------------------------------------------------------------- mentions and speakers


@dataclass(frozen=True)
class AutomaticMatcher:
    """One compiled matcher for the automatic entities; short forms count only where they were seen."""

    matcher: EntityMatcher
    short: frozenset[str]  # pseudo ids of short forms ("<id>~")


def build_automatic_matcher(automatic: Automatic, knowledge: Knowledge) -> AutomaticMatcher:
    """Compile the names of the automatic entities, and their unambiguous short forms, into one matcher."""
    taken = set(known_names(knowledge))
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in automatic.entities:
        for form in automatic.short_forms.get(entity.id, ()):
            owners[form].add(entity.id)
    pseudo = []
    for entity in automatic.entities:
        full = tuple(alias for alias in entity.aliases if " " in alias or is_acronym(alias) or alias[:1].isupper())
        pseudo.append(Entity(entity.id, entity.name, entity.type, full))
        forms = [form for form in automatic.short_forms.get(entity.id, ())
                 if len(owners[form]) == 1 and form not in taken]
        shown = [alias for alias in entity.aliases if alias.casefold() in forms]
        if shown:
            pseudo.append(Entity(entity.id + "~", shown[0], entity.type, tuple(shown[1:])))
    matcher = EntityMatcher(pseudo)
    return AutomaticMatcher(matcher, frozenset(e.id for e in pseudo if e.id.endswith("~")))


def with_automatic(article: Article, matcher: AutomaticMatcher, names: Mapping[str, str]) -> Article:
    """Return the article with the mentions of automatic entities and its quotes' speakers linked."""
    seen = set(names.values())
    taken = defaultdict(list)
    for mention in article.mentions:
        taken[mention.anchor].append((mention.start, mention.end))
    added = []
    for block in article.blocks:
        for start, end, entity_id in matcher.matcher.find(block.text):
            base = entity_id[:-1] if entity_id in matcher.short else entity_id
            if entity_id in matcher.short and base not in seen:
                continue
            if any(start < e and s < end for s, e in taken[block.anchor]):
                continue
            added.append(Mention(base, block.anchor, start, end, block.text[start:end]))
    quotes = tuple(link_speaker(quote, names) for quote in article.quotes)
    if not added and quotes == article.quotes:
        return article
    order = {block.anchor: number for number, block in enumerate(article.blocks)}
    mentions = tuple(sorted((*article.mentions, *added), key=lambda m: (order[m.anchor], m.start)))
    return replace(article, mentions=mentions, quotes=quotes)


def link_speaker(quote: Quote, names: Mapping[str, str]) -> Quote:
    """Give an unresolved speaker the id of the entity its name leads to in this article."""
    if not unresolved_speaker(quote):
        return quote
    target = names.get(quote.speaker_name.casefold()) or names.get(speaker_key(quote.speaker_name, names))
    return replace(quote, speaker_id=target) if target else quote


def speaker_key(phrase: str, names: Mapping[str, str]) -> str:
    """Return the longest name of the article (folded) at the end of a speaker phrase
    ("Kabiro Humas KPK Febri Diansyah" -> "febri diansyah")."""
    folded = phrase.casefold()
    endings = [name for name in names if folded.endswith(name) and (len(folded) == len(name)
                                                                  or not folded[-len(name) - 1].isalnum())]
    return max(endings, key=len, default="")


def add_automatic_entities(articles: Sequence[Article], knowledge: Knowledge,
                           memo: Memo | None = None) -> tuple[list[Article], tuple[Entity, ...]]:
    """Find the automatic entities of the digest; return the articles with their mentions and
    speakers linked, and the entities."""
    memo = memo if memo is not None else Memo()
    parts = tuple(memo.get(("names", a.file), (a,), lambda: read_article_names(a))  # noqa: B023
                  for a in articles)
    automatic = memo.get("automatic", (parts, knowledge.entities, knowledge.outlets),
                         lambda: build_automatic(parts, knowledge, memo))
    # An edit that changes no automatic entity keeps the very same one, so every other article's
    # matching below is remembered.
    automatic = memo.same("automatic entities", automatic)
    matcher = memo.get("automatic matcher", (automatic, knowledge.entities),
                       lambda: build_automatic_matcher(automatic, knowledge))
    result = []
    for article in articles:
        names = automatic.names.get(article.file, {})
        result.append(memo.get(("automatic", article.file), (article, matcher, names),
                               lambda: with_automatic(article, matcher, names)))  # noqa: B023
    return result, automatic.entities
