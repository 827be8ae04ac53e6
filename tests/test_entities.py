"""Tests for generator/annotate/entities.py: parsing entities.yml, the matcher, mentions and candidates."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.annotate.entities import (
    EntityMatcher,
    build_matcher,
    find_candidates,
    find_mentions,
    lexicon,
    parse_entities,
)
from generator.core.knowledge import load_data
from generator.core.models import ENTITY_TYPES, Block, Diagnostic, Entity, SeedFile
from conftest import blocks_of, seed_blocks

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "entities"
SAMPLE_IDS = ("000", "001", "002", "003", "004")


def sample_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module")
def knowledge() -> tuple[Entity, ...]:
    entities, problems = parse_entities((SEEDS / "entities.yml").read_text(encoding="utf-8"), "entities.yml")
    assert problems == ()
    return entities


@pytest.fixture(scope="module")
def matcher(knowledge) -> EntityMatcher:
    return EntityMatcher(knowledge)


@pytest.fixture(scope="module")
def samples() -> dict[str, tuple[Block, ...]]:
    return {prefix: seed_blocks(sample_path(prefix)) for prefix in SAMPLE_IDS}


# ---------------------------------------------------------------- entities.yml


def test_seed_knowledge_base_is_valid_and_complete(knowledge):
    assert len(knowledge) >= 35
    assert all(entity.type in ENTITY_TYPES and entity.description for entity in knowledge)
    assert len({entity.id for entity in knowledge}) == len(knowledge)


@pytest.mark.parametrize("entity_id, wikidata", [
    ("putin", "Q7747"), ("trump", "Q22686"), ("biden", "Q6279"), ("zelensky", "Q3874799"),
    ("rubio", "Q324546"), ("rutte", "Q57792"), ("nato", "Q7184"), ("cia", "Q37230"),
    ("white-house", "Q35525"), ("russia", "Q159"), ("usa", "Q30"), ("ukraine", "Q212"),
], ids=lambda value: str(value))
def test_seed_wikidata_ids(knowledge, entity_id, wikidata):
    assert {e.id: e for e in knowledge}[entity_id].wikidata == wikidata


ENTRY = "- id: putin\n  name: Vladimir Putin\n  type: person\n  aliases: [Putin]\n"


@pytest.mark.parametrize("text, messages", [
    (ENTRY + "- id: putin\n  name: Putin Lain\n  type: person\n",
     ["entities.yml:5: duplicate id 'putin': already defined at line 1"]),
    (ENTRY + "- id: vladimir\n  name: Vladimir\n  type: person\n  aliases: [putin]\n",
     ["entities.yml:5: 'putin' is a name or alias of both 'putin' (line 1) and 'vladimir'"]),
    (ENTRY + "- id: putin-2\n  name: Putin\n  type: person\n",
     ["entities.yml:5: 'Putin' is a name or alias of both 'putin' (line 1) and 'putin-2'"]),
    ("- id: putin\n  name: Vladimir Putin\n  type: person\n  alias: [Putin]\n",
     ["entities.yml:4: unknown field 'alias'; did you mean 'aliases'?"]),
    ("- id: putin\n  name: Vladimir Putin\n  type: person\n  aliases: Putin\n",
     ["entities.yml:4: field 'aliases': expected a list of names such as [Putin], got text"]),
    ("- id: putin\n  name: [Vladimir, Putin]\n  type: person\n",
     ["entities.yml:2: field 'name': expected text, got a list"]),
    ("- id: putin\n  name: Vladimir Putin\n  type: persn\n",
     ["entities.yml:3: field 'type': expected one of person, organisation, place, other, got 'persn'; "
      "did you mean 'person'?"]),
    ("- id: Vladimir Putin\n  name: Vladimir Putin\n  type: person\n",
     ["entities.yml:1: field 'id': expected a slug of a-z, 0-9 and '-' such as 'vladimir-putin', "
      "got 'Vladimir Putin'"]),
    ("- id: putin\n  name: Vladimir Putin\n  type: person\n  wikidata: 7747\n",
     ["entities.yml:4: field 'wikidata': expected text, got a number"]),
    ("- id: putin\n  name: Vladimir Putin\n  type: person\n  wikidata: P7747\n",
     ["entities.yml:4: field 'wikidata': expected a Wikidata id such as Q7747, got 'P7747'"]),
    ("- id: putin\n  name: Vladimir Putin\n  type: person\n  wikipedia: http://id.wikipedia.org/wiki/Putin\n",
     ["entities.yml:4: field 'wikipedia': expected an https:// link, got "
      "'http://id.wikipedia.org/wiki/Putin'"]),
    ("- id: putin\n  type: person\n",
     ["entities.yml:1: missing required field 'name'"]),
    ("- id: putin\n  name: ''\n  type: person\n",
     ["entities.yml:2: field 'name': expected text, got empty text"]),
    ("- id: putin\n  name: '***'\n  type: person\n",
     ["entities.yml:2: field 'name': expected a name with letters or digits, got '***'"]),
    ("- id: putin\n  name: Putin\n  type: person\n  aliases: [Vlad, '']\n",
     ["entities.yml:4: field 'aliases': expected a list of names such as [Putin], got a list"]),
    ("- Vladimir Putin\n",
     ["entities.yml: each entity must be a mapping with id, name and type"]),
    ("putin:\n  name: Vladimir Putin\n",
     ["entities.yml:1: expected a list of entities, each '- id: ..., name: ..., type: ...'"]),
    ("- id: putin\n  name: [Vladimir\n  type: person\n",
     ["entities.yml:3: invalid YAML: expected ',' or ']', but got ':'"]),
    ("- id: putin\n\tname: x\n",
     ["entities.yml:2: invalid YAML: found character '\\t' that cannot start any token"]),
], ids=["duplicate-id", "shared-alias", "name-is-other-alias", "unknown-field", "aliases-not-list",
        "name-not-text", "unknown-type", "id-not-slug", "wikidata-number", "wikidata-format",
        "wikipedia-http", "missing-name", "empty-name", "name-without-letters", "empty-alias",
        "entry-not-mapping", "top-level-mapping", "invalid-yaml",
        "tab-indent"])
def test_parse_errors(text, messages):
    _, problems = parse_entities(text, "entities.yml")
    assert [str(problem) for problem in problems] == messages


def test_alias_bomb_is_refused_at_once():
    layers = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    layers += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    started = time.perf_counter()
    entities, problems = parse_entities("\n".join(layers) + "\n", "entities.yml")
    assert time.perf_counter() - started < 5  # generous: expanding it would never finish
    assert entities == ()
    assert [str(p) for p in problems] == [
        "entities.yml:2: invalid YAML: YAML aliases (*name) are not allowed in digest files"]


def test_valid_entries_are_kept_beside_invalid_ones():
    text = (ENTRY + "- id: bad\n  name: Bad\n  type: thing\n"
            "- id: kremlin\n  name: Kremlin\n  type: organisation\n")
    entities, problems = parse_entities(text, "entities.yml")
    assert [e.id for e in entities] == ["putin", "kremlin"]
    assert len(problems) == 1 and problems[0].line == 7


def test_blank_optional_fields_are_absent_and_long_text_is_one_line():
    text = ("- id: putin\n  name: Putin\n  type: person\n"
            "  description: |\n    Presiden\n    Rusia.\n  wikidata: ''\n")
    (entity,), problems = parse_entities(text, "entities.yml")
    assert problems == () and entity.description == "Presiden Rusia." and entity.wikidata is None


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_random_yaml_never_raises(text):
    entities, problems = parse_entities(text, "entities.yml")
    assert all(isinstance(problem, Diagnostic) for problem in problems)
    matcher = EntityMatcher(entities)
    find_candidates(blocks_of(text), matcher)
    matcher.resolve(text)


@settings(max_examples=150, deadline=None)
@given(names=st.lists(st.text(min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=5),
       text=st.text(max_size=300))
def test_random_names_match_only_where_they_are(names, text):
    entities = [Entity(f"e{i}", name, "person") for i, name in enumerate(names)]
    matcher = EntityMatcher(entities)
    haystack = text + " " + " ".join(names)
    for start, end, entity_id in matcher.find(haystack):
        forms = {" ".join(f(name).split()) for name in names for f in (str, str.upper)}
        assert " ".join(haystack[start:end].split()) in forms


def test_empty_file_has_no_entities_and_no_problems():
    assert parse_entities("# nothing yet\n", "entities.yml") == ((), ())


def test_parsed_entity_fields():
    text = dedent("""\
        - id: putin
          name: "Vladimir  Putin"
          type: person
          aliases: [Putin, Putin]
          description: Presiden Rusia.
          wikidata: Q7747
          wikipedia: https://id.wikipedia.org/wiki/Vladimir_Putin
        """)
    (entity,), _ = parse_entities(text, "entities.yml")
    assert entity == Entity("putin", "Vladimir Putin", "person", ("Putin",), "Presiden Rusia.", "Q7747",
                            "https://id.wikipedia.org/wiki/Vladimir_Putin")


# ---------------------------------------------------------------- matching


def found(matcher: EntityMatcher, text: str) -> list[tuple[str, str]]:
    return [(text[start:end], entity_id) for start, end, entity_id in matcher.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("Presiden Rusia Vladimir Putin", [("Rusia", "russia"), ("Vladimir Putin", "putin")]),
    ("negara kami, Federasi Rusia, harus", [("Federasi Rusia", "russia")]),
    ("kepada wartawan di Gedung Putih", [("Gedung Putih", "white-house")]),
    ("bendera merah Putih dan kain putih", []),
    ("AS dan Rusia", [("AS", "usa"), ("Rusia", "russia")]),
    ("such as this, As we know, as", []),
    ("hubungan bilateral AS-Rusia", [("AS", "usa"), ("Rusia", "russia")]),
    ("KTT Putin-Trump", [("Putin", "putin"), ("Trump", "trump")]),
    ("PUTIN DAN TRUMP BERTEMU DI GEDUNG PUTIH", [("PUTIN", "putin"), ("TRUMP", "trump"),
                                                ("GEDUNG PUTIH", "white-house")]),
    ("nato dan cia", []),
    ("Putinisme dan Trumpisme", []),
    ("Vladimir\u00a0Putin", [("Vladimir\u00a0Putin", "putin")]),
    ("Putin's envoy", [("Putin", "putin")]),
    ("Direktur Badan Intelijen Pusat (Central Intelligence Agency/CIA) John Ratcliffe",
     [("Badan Intelijen Pusat", "cia"), ("Central Intelligence Agency", "cia"), ("CIA", "cia"),
      ("John Ratcliffe", "ratcliffe")]),
    ("semua negara Baltik serta Polandia", [("negara Baltik", "baltic-states"), ("Polandia", "poland")]),
    ("Russia dan Amerika Serikat (AS)", [("Russia", "russia"), ("Amerika Serikat", "usa"), ("AS", "usa")]),
    ("the U.S. and Ukraine", [("U.S.", "usa"), ("Ukraine", "ukraine")]),
], ids=["title-then-name", "longest-alias", "gedung-putih", "putih-alone", "acronym", "as-is-not-AS",
        "hyphen-compound", "hyphen-names", "headline-caps", "acronym-exact-case", "whole-words-only",
        "no-break-space", "possessive", "parenthetical-aliases", "lowercase-alias", "spelling-variant",
        "dotted-acronym"])
def test_find(matcher, text, expected):
    assert found(matcher, text) == expected


def test_longest_alias_wins_whatever_the_order():
    entities = [Entity("russia", "Rusia", "place"), Entity("federation", "Federasi Rusia", "other")]
    for order in (entities, entities[::-1]):
        assert found(EntityMatcher(order), "Federasi Rusia") == [("Federasi Rusia", "federation")]


def test_alias_as_written_beats_another_entity_in_capitals():
    entities = [Entity("usa", "Amerika Serikat", "place", ("US",)), Entity("us-word", "Us", "other")]
    assert found(EntityMatcher(entities), "US and Us") == [("US", "usa"), ("Us", "us-word")]


def test_empty_matcher_finds_nothing():
    assert EntityMatcher(()).find("Putin") == []


def test_names_without_letters_are_ignored_not_matched_everywhere():
    entities = [Entity("blank", " ", "other"), Entity("stars", "**", "other"), Entity("putin", "Putin", "person")]
    assert found(EntityMatcher(entities), "** Putin **") == [("Putin", "putin")]


def test_build_matcher_is_compiled_once(knowledge):
    assert build_matcher(tuple(knowledge)) is build_matcher(tuple(knowledge))


def test_thousand_entities_compile_and_match():
    def word(number: int) -> str:
        letters = ""
        while True:
            number, digit = divmod(number, 26)
            letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
            if number == 0:
                return letters.capitalize()
    entities = [Entity(f"person-{i}", f"Tokoh {word(i)} {word(i + 7)}", "person", (f"{word(i)}son",))
                for i in range(1000)]
    matcher = EntityMatcher(entities)
    text = " ".join(f"kata Tokoh {word(i)} {word(i + 7)} dan {word(i)}son." for i in range(0, 1000, 97))
    ids = [entity_id for _, _, entity_id in matcher.find(text)]
    assert ids == [f"person-{i}" for i in range(0, 1000, 97) for _ in (1, 2)]


# ---------------------------------------------------------------- resolve


@pytest.mark.parametrize("phrase, entity_id", [
    ("juru bicara Kremlin Dmitry Peskov", "peskov"),
    ("Peskov", "peskov"),
    ("Sekretaris Pers Gedung Putih, Karoline Leavitt", "leavitt"),
    ("Trump", "trump"),
    ("TRUMP", "trump"),
    ("Presiden AS Donald Trump", "trump"),
    ("Presiden Trump", "trump"),
    ("Peskov, juru bicara Putin", "peskov"),
    ("utusan khusus Trump, Steve Witkoff", "witkoff"),
    ("Kremlin spokesman Dmitry Peskov", "peskov"),
    ("Kremlin", "kremlin"),
    ("Gedung Putih", "white-house"),
    ("juru bicara Kremlin", None),
    ("Presiden AS", None),
    ("Presiden Rusia", None),
    ("juru bicara Trump", None),
    ("utusan khusus Trump", None),
    ("dia", None),
    ("", None),
], ids=lambda value: str(value))
def test_resolve(matcher, phrase, entity_id):
    entity = matcher.resolve(phrase)
    assert (entity.id if entity else None) == entity_id


# ---------------------------------------------------------------- mentions on the samples


@pytest.mark.parametrize("prefix, expected", [
    ("000", {"putin", "trump", "peskov", "biden", "kremlin", "russia", "usa", "moscow", "ukraine",
             "middle-east", "truth-social", "reuters", "tass"}),
    ("001", {"putin", "trump", "peskov", "biden", "kremlin", "russia", "usa", "moscow", "washington",
             "ukraine", "kyiv", "victory-day-parade"}),
    ("002", {"putin", "trump", "peskov", "kremlin", "russia", "usa", "moscow", "washington", "ukraine",
             "saudi-arabia", "europe", "nato", "baltic-states", "poland", "afp"}),
    ("003", {"putin", "trump", "peskov", "zelensky", "rubio", "ratcliffe", "waltz", "witkoff", "cia",
             "kremlin", "russia", "usa", "moscow", "washington", "ukraine", "middle-east", "truth-social"}),
    ("004", {"putin", "trump", "zelensky", "rutte", "leavitt", "witkoff", "biden", "white-house", "nato",
             "kremlin", "russia", "usa", "moscow", "ukraine", "china", "united-kingdom", "germany",
             "finland", "geneva", "europe"}),
], ids=SAMPLE_IDS)
def test_sample_mentions(samples, matcher, prefix, expected):
    assert expected <= {mention.entity_id for mention in find_mentions(samples[prefix], matcher)}


@pytest.mark.parametrize("prefix", SAMPLE_IDS)
def test_mention_offsets_point_at_the_text(samples, matcher, prefix):
    blocks = {block.anchor: block for block in samples[prefix]}
    for mention in find_mentions(samples[prefix], matcher):
        assert blocks[mention.anchor].text[mention.start:mention.end] == mention.text


def test_russia_spelling_variant_of_sample_003(samples, matcher):
    texts = {m.text for m in find_mentions(samples["003"], matcher) if m.entity_id == "russia"}
    assert "Russia" in texts


# ---------------------------------------------------------------- candidates

# Every person the samples' articles name (their authors excepted): the knowledge base must know
# them, or the candidate finder must propose them.
SAMPLE_PERSONS = [
    ("000", "Vladimir Putin"), ("000", "Donald Trump"), ("000", "Dmitry Peskov"), ("000", "Joe Biden"),
    ("001", "Vladimir Putin"), ("001", "Donald Trump"), ("001", "Dmitry Peskov"),
    ("002", "Donald Trump"), ("002", "Vladimir Putin"), ("002", "Dmitry Peskov"),
    ("003", "Donald Trump"), ("003", "Vladimir Putin"), ("003", "Zelensky"), ("003", "Marco Rubio"),
    ("003", "John Ratcliffe"), ("003", "Michael Waltz"), ("003", "Steve Witkoff"), ("003", "Dmitry Peskov"),
    ("004", "Donald Trump"), ("004", "Vladimir Putin"), ("004", "Volodymyr Zelensky"), ("004", "Mark Rutte"),
    ("004", "Joe Biden"), ("004", "Karoline Leavitt"), ("004", "Witkoff"),
]


@pytest.mark.parametrize("prefix, person", SAMPLE_PERSONS, ids=[f"{p}-{n}" for p, n in SAMPLE_PERSONS])
def test_every_sample_person_is_known_or_a_candidate(samples, matcher, prefix, person):
    entity = matcher.resolve(person)
    candidates = {candidate.name for candidate in find_candidates(samples[prefix], matcher)}
    assert (entity is not None and entity.type == "person") or person in candidates


@pytest.mark.parametrize("prefix", SAMPLE_IDS)
def test_samples_have_no_candidates_with_the_seed_knowledge(samples, matcher, prefix):
    assert find_candidates(samples[prefix], matcher) == ()


@pytest.mark.parametrize("prefix, names", [
    ("000", ["Vladimir Putin", "Donald Trump", "Dmitry Peskov", "Joe Biden"]),
    ("001", ["Vladimir Putin", "Donald Trump", "Dmitry Peskov"]),
    ("002", ["Donald Trump", "Vladimir Putin", "Dmitry Peskov"]),
    ("003", ["Donald Trump", "Vladimir Putin", "Zelensky", "Marco Rubio", "John Ratcliffe", "Michael Waltz",
             "Steve Witkoff", "Dmitry Peskov"]),
    ("004", ["Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Mark Rutte", "Joe Biden",
             "Karoline Leavitt"]),
], ids=SAMPLE_IDS)
def test_sample_candidates_without_people_in_the_knowledge_base(samples, knowledge, prefix, names):
    places_only = EntityMatcher([entity for entity in knowledge if entity.type != "person"])
    assert [candidate.name for candidate in find_candidates(samples[prefix], places_only)] == names


@pytest.mark.parametrize("fixture, names", [
    ("kompas_roles_before_names.txt", ["Sugiono", "Antonio Guterres", "Prabowo Subianto", "Roy Soemirat",
                                       "Sjafrie Sjamsoeddin", "Gibran Rakabuming Raka",
                                       "Mohammed bin Salman", "Pramono Anung"]),
    ("reuters_wire_roles_after_qualifiers.txt", ["Sergei Lavrov", "Scott Bessent", "Yuri Ushakov",
                                                 "Ursula von der Leyen"]),
], ids=["kompas", "reuters"])
def test_fixture_candidates(matcher, fixture, names):
    blocks = blocks_of((FIXTURES / fixture).read_text(encoding="utf-8"))
    assert [candidate.name for candidate in find_candidates(blocks, matcher)] == names


@pytest.mark.parametrize("text, names", [
    ("Sekjen NATO, Mark Rutte, hadir.", ["Mark Rutte"]),
    ("Menteri Luar Negeri AS Marco Rubio tiba.", ["Marco Rubio"]),
    ("Utusan Khusus untuk Timur Tengah Steve Witkoff tiba.", ["Steve Witkoff"]),
    ("Secretary of State Marco Rubio arrived.", ["Marco Rubio"]),
    ("said spokesman Dmitry Peskov.", ["Dmitry Peskov"]),
    ("Presiden Prancis Emmanuel Macron dan Kanselir Jerman Olaf Scholz", ["Emmanuel Macron", "Olaf Scholz"]),
    ("Presiden mengatakan bahwa kedua presiden tersebut setuju.", []),
    ("seluruh menteri Kabinet Merah Putih hadir.", []),
    ("Presiden AS, Selasa (11/3), mengatakan", []),
    ("kata juru bicara itu kepada wartawan.", []),
    ("Presiden Rusia dan Presiden AS sepakat.", []),
    ("PRESIDEN AS DONALD TRUMP BERTEMU PUTIN", []),
    ("kata Peskov.", []),
    ("ujar Maria Zakharova, juru bicara Kemlu Rusia.", ["Maria Zakharova"]),
    ("Kepala Staf Kepresidenan AM Putranto mengatakan", ["Putranto"]),
    ("Kepala Badan Pangan Nasional Arief Prasetyo Adi menyebut", ["Arief Prasetyo Adi"]),
    ("Direktur Eksekutif Amnesty International Indonesia Usman Hamid mengatakan", ["Usman Hamid"]),
    ("Presiden Joko Widodo (Jokowi) hadir.", ["Joko Widodo"]),
], ids=["comma-after-body", "acronym-qualifier", "connector-and-region", "english-title",
        "english-lowercase-role", "two-roles", "role-without-name", "generic-lowercase-role",
        "day-after-role", "role-then-lowercase", "role-then-country-only", "all-caps-headline",
        "speech-verb-single-word", "speech-verb-full-name", "acronym-initials", "long-body-name",
        "body-then-country", "parenthetical-ends-name"])
def test_candidates_in_sentences(text, names):
    matcher = EntityMatcher([Entity("nato", "NATO", "organisation"), Entity("usa", "AS", "place"),
                             Entity("middle-east", "Timur Tengah", "place")])
    assert [candidate.name for candidate in find_candidates(blocks_of(text), matcher)] == names


def test_candidate_context_is_its_sentence_and_anchor_its_block():
    blocks = blocks_of("Pembukaan artikel.\n\nIa tiba kemarin. Menteri Luar Negeri Sugiono bertemu mitranya. "
                       "Pertemuan berlangsung lama.")
    (candidate,) = find_candidates(blocks, EntityMatcher(()))
    assert candidate == replace(candidate, name="Sugiono", anchor="p2",
                                context="Menteri Luar Negeri Sugiono bertemu mitranya.")


def test_candidates_are_deduplicated_per_article():
    blocks = blocks_of("Menlu Sugiono tiba.\nMenteri Luar Negeri Sugiono bicara.\n"
                       "Presiden Prabowo Subianto hadir.\nPresiden Prabowo menyambut.")
    assert [c.name for c in find_candidates(blocks, EntityMatcher(()))] == ["Sugiono", "Prabowo Subianto"]


def test_long_context_is_trimmed_around_the_name():
    text = "ia " * 200 + "Presiden Prabowo Subianto hadir " + "lagi " * 200 + "."
    (candidate,) = find_candidates(blocks_of(text), EntityMatcher(()))
    assert "Prabowo Subianto" in candidate.context and len(candidate.context) <= 302


def test_roles_data_is_text_only():
    data = load_data("roles.yml")
    assert all(isinstance(word, str) for words in data.values() for word in words)
    assert lexicon().roles.search("Menteri Luar Negeri") and not lexicon().roles.search("menteri")


def test_find_gives_a_new_list_each_time():
    matcher = EntityMatcher([Entity("putin", "Vladimir Putin", "person", ("Putin",))])
    found = matcher.find("Putin dan Vladimir Putin")
    found.clear()  # the matcher remembers texts it searched; a caller's change must not reach them
    assert matcher.find("Putin dan Vladimir Putin") == [(0, 5, "putin"), (10, 24, "putin")]
