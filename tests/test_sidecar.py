"""sidecar.py: editor overrides, validated with file and line in every message."""

import pytest

from generator.core.errors import SourceError
from generator.ingest.sidecar import apply_sidecar, parse_sidecar
from generator.core.models import Article, Field, Metadata, TEXT


def test_valid_sidecar_overrides_with_editor_provenance():
    sidecar = parse_sidecar("title: Judul\npublished: 2025-02-13T17:57:00+07:00\nstory_date: "
                            "2025-02-12\ntags: [KTT]\n", "a.yml")
    article = Article("a.txt", "", "0", Metadata(title=Field("Lama", TEXT)), ())
    meta = apply_sidecar(article, sidecar).meta
    assert meta.title == Field("Judul", "editor")
    assert meta.published == Field("2025-02-13T17:57:00+07:00", "editor")
    assert meta.story_date == Field("2025-02-12", "editor")
    assert meta.tags == Field(("KTT",), "editor")


def test_a_title_starting_with_an_exclamation_mark_is_a_title():
    sidecar = parse_sidecar("title: '!Breaking: Kremlin'\n", "a.yml")
    assert sidecar.overrides == (("title", "!Breaking: Kremlin"),)


@pytest.mark.parametrize("text, message", [
    ("title: [unclosed\n", "a.yml:2: invalid YAML"),
    ("titel: x\n", "a.yml:1: unknown field 'titel'; did you mean 'title'?"),
    ("tags: KTT\n", "a.yml:1: field 'tags': expected a list of text tags"),
    ("title: 12\n", "a.yml:1: field 'title': expected text, got a number"),
    ("published: kemarin\n", "a.yml:1: field 'published': expected a date or date-time"),
    ("url: javascript:alert(1)\n", "a.yml:1: field 'url': expected an http(s) URL"),
    ("a: &x [1]\nb: *x\n", "a.yml:2: invalid YAML: YAML aliases"),
    ("- just a list\n", "a.yml:1: a sidecar must be a mapping"),
    ("notes:\n  - anchor: x\n", "a.yml:2: each note needs exactly 'anchor' and 'text'"),
], ids=["invalid-yaml", "unknown-field", "tags-not-list", "title-number", "bad-date", "bad-url",
        "alias", "not-mapping", "note-without-text"])
def test_invalid_sidecars_name_file_line_and_reason(text, message):
    with pytest.raises(SourceError) as error:
        parse_sidecar(text, "a.yml")
    assert str(error.value).startswith(message)


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    with pytest.raises(SourceError, match="aliases"):
        parse_sidecar(bomb, "bomb.yml")


def test_a_key_given_twice_is_an_error_naming_both_lines():
    with pytest.raises(SourceError) as error:
        parse_sidecar("title: A\nauthor: B\ntitle: C\n", "a.yml")
    assert str(error.value) == "a.yml:3: invalid YAML: duplicate key 'title' (first on line 1)"
