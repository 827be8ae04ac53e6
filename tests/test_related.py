"""Related coverage on the real-article corpus, measured against its answer key of stories."""

from __future__ import annotations

import shutil

import pytest

from conftest import CORPUS, SEEDS
from generator.pipeline import build_digest
from generator.ingest.seeds import read_seed_folder
from generator.story_score import read_answer_key


def related_links(digest):
    """Return every related link as (article file, related file, reasons)."""
    file_of = {article.slug: article.file for article in digest.articles}
    return [(file_of[slug], file_of[item.slug], item.reasons)
            for slug, items in digest.related.items() for item in items]


def only_places(reasons, entities) -> bool:
    """Say whether a link's only reasons are places."""
    return all(kind == "entity" and entities[value].type == "place" for kind, value in reasons)


@pytest.fixture(scope="module")
def corpus_with_knowledge(corpus_with_samples, tmp_path_factory):
    """The corpus and the samples with the samples' entities.yml (places such as Jakarta, Eropa)."""
    folder = tmp_path_factory.mktemp("corpus_with_knowledge")
    for path in corpus_with_samples.glob("*.txt"):
        shutil.copyfile(path, folder / path.name)
    shutil.copyfile(SEEDS / "entities.yml", folder / "entities.yml")
    return build_digest(read_seed_folder(folder))


@pytest.mark.parametrize("which", ["without-entities-yml", "with-entities-yml"])
def test_related_links_stay_within_a_story_and_never_rest_on_a_place(which, corpus_digest, corpus_with_knowledge):
    digest = corpus_digest if which == "without-entities-yml" else corpus_with_knowledge
    story_of = {file: number for number, files in enumerate(read_answer_key(CORPUS / "stories.json"))
                for file in files}
    links = related_links(digest)
    within = sum(story_of[a] == story_of[b] for a, b, _ in links)
    # Before: 32 of 164 links within a story (20 %), and with entities.yml 43 of 520, 256 of them
    # resting on places alone. Now 62 of 80 (78 %) either way.
    assert within / len(links) >= 0.75
    assert not [link for link in links if only_places(link[2], digest.entities)]


def test_an_article_lists_its_story_first(corpus_digest):
    for story in corpus_digest.stories:
        for slug in story.slugs:
            related = [item.slug for item in corpus_digest.related[slug]]
            others = [other for other in story.slugs if other != slug]
            assert set(related[:len(others)]) == set(others[:len(related)])
