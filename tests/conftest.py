"""Shared fixtures: the sample seeds and the digest built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.article import ingest
from generator.core.knowledge import load_outlets
from generator.core.models import Block, SeedFile

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def blocks_of(text: str) -> tuple[Block, ...]:
    """Split a text into paragraph blocks by non-empty lines, keeping seed line numbers."""
    lines = [(number, line.strip()) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    return tuple(Block("paragraph", line, number, f"p{i}") for i, (number, line) in enumerate(lines, 1))


def seed_blocks(path: Path) -> tuple[Block, ...]:
    """The blocks of a seed file as the real ingest cleans them."""
    return ingest(SeedFile(name=path.name, data=path.read_bytes()), load_outlets()).blocks


@pytest.fixture(scope="session")
def sample_digest():
    """The digest of the five sample seeds, built once."""
    from generator.pipeline import Options, generate

    digest, pages = generate(Options(SEEDS))
    return digest


@pytest.fixture(scope="session")
def sample_pages():
    """The generated pages of the sample seeds as a dict path -> text."""
    from generator.pipeline import Options, generate

    _, pages = generate(Options(SEEDS))
    return dict(pages)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample site built once with ``mkdocs build --strict`` into a temporary folder.

    The folder's parent holds the mkdocs.yml used (see ``tests/browser/sitebuild.py``).
    """
    from browser.sitebuild import build_site

    return build_site(tmp_path_factory.mktemp("built_site"))


CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_with_samples(tmp_path_factory) -> Path:
    """A seeds folder (temporary) of the real-article corpus and the five samples, without
    entities.yml: what a new user has. Skips when ../shared/corpus is absent."""
    import shutil

    articles = sorted((CORPUS / "articles").glob("*.txt"))
    if not articles:
        pytest.skip(f"the real-article corpus is not at {CORPUS}")
    folder = tmp_path_factory.mktemp("corpus_with_samples")
    for path in [*articles, *sorted(SEEDS.glob("*.txt"))]:
        shutil.copyfile(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def corpus_digest(corpus_with_samples):
    """The digest of the corpus and the samples, built once."""
    from generator.pipeline import build_digest
    from generator.ingest.seeds import read_seed_folder

    return build_digest(read_seed_folder(corpus_with_samples))
