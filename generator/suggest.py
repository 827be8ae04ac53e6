"""``python -m generator entities suggest``: the automatic entities as entries for entities.yml."""

from __future__ import annotations

import json
from typing import Sequence

import yaml

from .core.models import Entity
from .link.digest import Digest


def entity_entry(entity: Entity) -> dict:
    """Return the entities.yml entry of an automatic entity; its role is the description."""
    entry = {"id": entity.id, "name": entity.name, "type": entity.type}
    if entity.aliases:
        entry["aliases"] = list(entity.aliases)
    if entity.description:
        entry["description"] = entity.description
    return entry


def entity_files(digest: Digest, entity_id: str) -> list[str]:
    """Return the seed files of the articles that mention or quote an entity."""
    slugs = {ref.slug for ref in digest.mentions.get(entity_id, ())}
    slugs |= {article.slug for article, _, _ in digest.statements.get(entity_id, ())}
    return sorted(digest.by_slug[slug].file for slug in slugs)


def one_line(value: object) -> str:
    """Write a value as one line of JSON, which YAML reads too: every line break and control
    character escaped, so a file name cannot end the comment it stands in."""
    return json.dumps(value)


def suggestions_yaml(digest: Digest) -> str:
    """Return YAML entries for every automatic entity, each after a comment naming its articles,
    ready to paste into entities.yml (then edit, or delete what is wrong)."""
    chunks = ["# Automatic entities found in the articles. Paste the entries you confirm into entities.yml;",
              "# entities.yml always wins over what the generator finds.", ""]
    automatic: Sequence[Entity] = [entity for entity in digest.knowledge.entities if entity.automatic]
    for entity in sorted(automatic, key=lambda e: (e.type, e.name.casefold(), e.id)):
        files = entity_files(digest, entity.id)
        chunks.append(f"# {len(files)} articles: {one_line(files)}")
        chunks.append(yaml.safe_dump([entity_entry(entity)], allow_unicode=True, sort_keys=False).rstrip())
        chunks.append("")
    return "\n".join(chunks)
