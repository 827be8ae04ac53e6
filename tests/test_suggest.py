"""``python -m generator entities suggest``: automatic entities as entries ready for entities.yml."""

from __future__ import annotations

import shutil

from generator.__main__ import main
from generator.annotate.entities import parse_entities
from generator.pipeline import build_digest
from generator.ingest.seeds import read_seed_folder
from generator.suggest import one_line, suggestions_yaml


def automatic_of(digest):
    return [e for e in digest.knowledge.entities if e.automatic]


def test_the_suggestions_load_with_the_entities_parser(corpus_digest):
    entities, problems = parse_entities(suggestions_yaml(corpus_digest), "entities.yml")
    assert problems == ()
    expected = {(e.id, e.name, e.type, e.aliases, e.description) for e in automatic_of(corpus_digest)}
    assert {(e.id, e.name, e.type, e.aliases, e.description) for e in entities} == expected
    assert len(expected) > 100


def test_pasted_suggestions_become_the_editors_entities(corpus_with_samples, corpus_digest, tmp_path):
    for path in corpus_with_samples.glob("*.txt"):
        shutil.copyfile(path, tmp_path / path.name)
    (tmp_path / "entities.yml").write_text(suggestions_yaml(corpus_digest), encoding="utf-8")
    digest = build_digest(read_seed_folder(tmp_path))
    assert not [d for d in digest.diagnostics if d.file == "entities.yml"]
    confirmed = {e.id for e in digest.knowledge.entities if not e.automatic}
    assert confirmed == {e.id for e in automatic_of(corpus_digest)}
    # What the generator finds now is new: the knowledge base let it read a few more names.
    known = {name.casefold() for e in digest.knowledge.entities if not e.automatic for name in (e.name, *e.aliases)}
    assert not [e for e in automatic_of(digest) if {n.casefold() for n in (e.name, *e.aliases)} & known]
    assert len(automatic_of(digest)) <= 3


def test_the_command_prints_the_suggestions(corpus_with_samples, corpus_digest, capsys):
    assert main(["entities", "suggest", "--seeds", str(corpus_with_samples)]) == 0
    out = capsys.readouterr().out
    assert out == suggestions_yaml(corpus_digest)
    assert "- id: joko-widodo\n  name: Joko Widodo\n  type: person\n  aliases:\n  - Jokowi\n" in out


def test_a_file_name_in_a_comment_stays_on_its_line():
    line = one_line(["a\nb.txt", "c\u2028d.txt"])
    assert line.isprintable() and line.isascii()


def test_the_samples_have_nothing_to_suggest(sample_digest):
    assert "- id:" not in suggestions_yaml(sample_digest)
