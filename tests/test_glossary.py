"""Tests for generator/annotate/glossary.py: parsing glossary.yml and the abbreviation definitions."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.annotate.glossary import abbreviation_definitions, abbreviation_picker, parse_glossary
from generator.core.models import GlossaryTerm

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_seed_glossary_is_valid():
    terms, problems = parse_glossary((SEEDS / "glossary.yml").read_text(encoding="utf-8"), "glossary.yml")
    assert problems == ()
    assert {"KTT", "AS", "NATO", "CIA", "WIB", "AI", "PBB", "UE", "Kemlu"} <= {t.term for t in terms}
    assert all(term.definition for term in terms)


def test_parsed_terms_keep_file_order_and_flatten_definitions():
    text = ("- term: KTT\n  definition: |\n    Konferensi Tingkat\n    Tinggi\n"
            "- term: AS\n  definition: Amerika Serikat\n")
    assert parse_glossary(text, "glossary.yml") == (
        (GlossaryTerm("KTT", "Konferensi Tingkat Tinggi"), GlossaryTerm("AS", "Amerika Serikat")), ())


@pytest.mark.parametrize("text, messages", [
    ("- term: KTT\n  definition: Konferensi Tingkat Tinggi\n- term: KTT\n  definition: Lain\n",
     ["glossary.yml:3: duplicate term 'KTT': already defined at line 1"]),
    ("- term: KTT\n  defintion: Konferensi Tingkat Tinggi\n",
     ["glossary.yml:2: unknown field 'defintion'; did you mean 'definition'?",
      "glossary.yml:1: missing required field 'definition'"]),
    ("- term: NO\n  definition: Norwegia\n",
     ["glossary.yml:1: field 'term': expected text, got true/false (put quotes around it)"]),
    ("- term: '112'\n  definition: [nomor, darurat]\n",
     ["glossary.yml:2: field 'definition': expected text, got a list (put quotes around it)"]),
    ("- term: 'C++'\n  definition: Bahasa pemrograman\n",
     ["glossary.yml:1: field 'term': 'C++' must start and end with a letter or digit and hold no "
      "brackets, backslash or asterisk, or the abbreviation cannot be matched"]),
    ("- term: 'K]TT'\n  definition: x\n",
     ["glossary.yml:1: field 'term': 'K]TT' must start and end with a letter or digit and hold no "
      "brackets, backslash or asterisk, or the abbreviation cannot be matched"]),
    ("KTT: Konferensi Tingkat Tinggi\n",
     ["glossary.yml:1: expected a list of terms, each '- term: KTT' with 'definition: ...'"]),
    ("- KTT\n",
     ["glossary.yml: each glossary entry must be a mapping with term and definition"]),
    ("- term: KTT\n  definition: 'tidak ditutup\n",
     ["glossary.yml:3: invalid YAML: found unexpected end of stream"]),
    ("- term: &t KTT\n  definition: *t\n",
     ["glossary.yml:2: invalid YAML: YAML aliases (*name) are not allowed in digest files"]),
], ids=["duplicate-term", "misspelt-field", "yaml-boolean-term", "definition-not-text", "term-symbols",
        "term-bracket", "mapping-not-list", "entry-not-mapping", "invalid-yaml", "yaml-alias"])
def test_parse_errors(text, messages):
    _, problems = parse_glossary(text, "glossary.yml")
    assert [str(problem) for problem in problems] == messages


def test_valid_terms_are_kept_beside_invalid_ones():
    text = ("- term: KTT\n  definition: Konferensi\n- term: 'C++'\n  definition: x\n"
            "- term: AS\n  definition: Amerika\n")
    terms, problems = parse_glossary(text, "glossary.yml")
    assert [term.term for term in terms] == ["KTT", "AS"] and len(problems) == 1


def test_empty_glossary():
    assert parse_glossary("", "glossary.yml") == ((), ())
    assert abbreviation_definitions(()) == ""


def test_definition_lines():
    terms = (GlossaryTerm("KTT", "Konferensi Tingkat Tinggi"), GlossaryTerm("AS", "Amerika Serikat"))
    assert abbreviation_definitions(terms) == "*[KTT]: Konferensi Tingkat Tinggi\n*[AS]: Amerika Serikat\n"


def render(body: str, terms: tuple[GlossaryTerm, ...]) -> str:
    return markdown.markdown(body + "\n\n" + abbreviation_definitions(terms), extensions=["abbr"])


HOSTILE = [
    "a ] b [c](http://x) \\ end",
    "<script>alert(1)</script> & &amp; &lt;",
    'kutip "ganda" dan \'tunggal\'',
    "''",
    '""',
    "*tebal* _miring_ `kode` {: .kelas} | pipa # pagar",
    "baris satu\nbaris dua\n*[AS]: Ancaman Serius",
    "kendali \x02stash\x03 \x00 nol",
]


@pytest.mark.parametrize("definition", HOSTILE, ids=["brackets", "markup", "quotes", "empty-single-quotes",
                                                     "empty-double-quotes", "markdown", "newline-injection",
                                                     "control-characters"])
def test_hostile_definitions_render_as_text(definition):
    output = render("Ada KTT dan AS di sini.", (GlossaryTerm("KTT", definition),))
    titles = re.findall(r'<abbr title="([^"]*)">KTT</abbr>', output)
    expected = " ".join(re.sub(r"[\x00-\x1f]", " ", definition).split())
    assert [html.unescape(title) for title in titles] == [expected]
    assert "<script" not in output and "<abbr" not in output.replace('<abbr title="', "", 1)
    assert "Ancaman" not in output.split("</abbr>")[1]  # no second definition was injected


def test_every_term_is_wrapped_whole_word_and_case_sensitive():
    terms = (GlossaryTerm("AS", "Amerika Serikat"), GlossaryTerm("KTT", "Konferensi Tingkat Tinggi"))
    output = render("KTT AS-Rusia, as, KTTnya", terms)
    assert output.count("<abbr") == 2


def test_pages_define_only_the_terms_they_use_and_mark_the_same_words(sample_pages):
    terms, _ = parse_glossary((SEEDS / "glossary.yml").read_text(encoding="utf-8"), "glossary.yml")
    pick = abbreviation_picker(terms)
    assert pick("KTT AS-Rusia, as, KTTnya, ASEAN") == (
        "".join(line for line in abbreviation_definitions(terms).splitlines(keepends=True)
                if line.startswith(("*[KTT]", "*[AS]"))))
    assert pick("tanpa singkatan") == ""
    for path, text in sample_pages.items():
        if path.endswith(".md"):
            body = text.split("\n*[")[0]  # the page without the definitions it was given
            assert render(body, terms) == markdown.markdown(body + "\n\n" + pick(body), extensions=["abbr"]), path


def test_invalid_terms_are_left_out_of_definitions():
    terms = (GlossaryTerm("C++", "x"), GlossaryTerm("KTT", "   "), GlossaryTerm("AS", "Amerika Serikat"))
    assert abbreviation_definitions(terms) == "*[AS]: Amerika Serikat\n"


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_random_yaml_never_raises(text):
    terms, problems = parse_glossary(text, "glossary.yml")
    abbreviation_definitions(terms)


@settings(max_examples=200, deadline=None)
@given(definition=st.text(min_size=1, max_size=80).filter(lambda text: any(ch.isalnum() for ch in text)))
def test_random_definitions_round_trip(definition):
    output = render("Ada KTT di sini.", (GlossaryTerm("KTT", definition),))
    titles = re.findall(r'<abbr title="([^"]*)">KTT</abbr>', output)
    expected = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", definition).split())
    assert [html.unescape(title) for title in titles] == [expected]


def test_terms_with_punctuation_are_always_defined():
    terms = (GlossaryTerm("U.S", "United States"), GlossaryTerm("G_20", "Group of Twenty"),
             GlossaryTerm("KTT", "Konferensi Tingkat Tinggi"))
    assert abbreviation_picker(terms)("tanpa singkatan") == "*[U.S]: United States\n*[G_20]: Group of Twenty\n"


@pytest.mark.parametrize("text", ["AS", "di AS.", "AS-Rusia", "ASEAN", "KAS", "_AS", "AS_", "AS2", "2AS",
                                  "ÄAS", "AS é", "ASEAN dan AS", "ASAS AS"])
def test_has_word_agrees_with_the_abbr_pattern(text):
    from generator.annotate.glossary import has_word

    assert has_word(text, "AS") == bool(re.search(r"\bAS\b", text))
